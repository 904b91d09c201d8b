#include "store/donation_repository.hpp"

#include "expect_error.hpp"
#include "store/audit_repository.hpp"
#include "store/institution_repository.hpp"
#include "test_database.hpp"
#include "work_fixture.hpp"

using namespace bangfu;
using bangfu::testing::error_kind;
using bangfu::testing::field_errors;
using bangfu::testing::refused_fields;
using bangfu::testing::StoreTest;
using K = core::ErrorKind;

namespace {
// 通城县's program: 通城县实验小学 (tc_school2) supports 五里镇湾头小学 (tc_school); and
// 霍城县's own program, out of 通城县's reach.
struct Work {
    bangfu::testing::Seed s;
    std::int64_t program = 0, pairing = 0, hc_program = 0;
};

core::Donation glass(const Work& w) {
    core::Donation x;
    x.program = w.program;
    x.pairing = w.pairing;
    x.kind = "funds";
    x.donated_on = "2024-11-04";
    x.donor_kind = "institution";
    x.donor_institution = w.s.tc_school2;
    x.amount_fen = 500'000;
    x.purpose = "更换窗户玻璃";
    return x;
}
}  // namespace

class DonationRepositoryTest : public StoreTest {
  protected:
    Work work() {
        Work w;
        w.s = seed();
        w.program = bangfu::testing::insert_program(conn(), "通城县城乡学校结对帮扶", "421222");
        w.pairing =
            bangfu::testing::insert_pairing(conn(), w.program, w.s.tc_school2, w.s.tc_school);
        w.hc_program = bangfu::testing::insert_program(conn(), "霍城县教育帮扶", "654023");
        return w;
    }
};
BANGFU_STORE_TEST_SUITE(DonationRepositoryTest);

TEST_P(DonationRepositoryTest, CreatesReadsUpdatesAndDeletesWithAudit) {
    auto w = work();
    auto x = glass(w);
    auto created = store::donations::create(conn(), w.s.tc_school_admin, x, {});
    // The recipient defaults to the pairing's recipient.
    EXPECT_EQ(created.recipient_institution, w.s.tc_school);
    EXPECT_EQ(created.recipient_institution_name, "五里镇湾头小学");
    EXPECT_EQ(created.pairing_label, "通城县实验小学 → 五里镇湾头小学");
    EXPECT_EQ(created.donor_institution_name, "通城县实验小学");
    EXPECT_EQ(created.amount_fen, 500'000);
    EXPECT_EQ(store::donations::get(conn(), w.s.tc_teacher_user, created.id).purpose,
              "更换窗户玻璃");

    auto updated = store::donations::update(
        conn(), w.s.tc_bureau, created.id,
        boost::json::parse(R"({"amount_fen": 500001, "note": "含安装费"})").as_object());
    EXPECT_EQ(updated.amount_fen, 500'001);
    EXPECT_EQ(updated.note, "含安装费");
    EXPECT_EQ(updated.purpose, "更换窗户玻璃");  // untouched by the PATCH

    store::donations::remove(conn(), w.s.system, created.id);
    EXPECT_EQ(error_kind([&] { store::donations::get(conn(), w.s.system, created.id); }),
              K::not_found);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM audit_log WHERE entity = 'donation'"), 3);
    auto row = conn().query_one(
        "SELECT before_json, after_json FROM audit_log WHERE entity = 'donation' AND action = "
        "'update'");
    ASSERT_TRUE(row);
    EXPECT_NE(row->text(0).find("500000"), std::string::npos);
    EXPECT_NE(row->text(1).find("500001"), std::string::npos);
}

TEST_P(DonationRepositoryTest, MaterialsAndTheirCategory) {
    auto w = work();
    auto x = glass(w);
    x.kind = "materials";
    x.category = "furniture";
    x.quantity = 100;
    x.unit = "套";
    x.amount_fen = 0;
    auto created = store::donations::create(conn(), w.s.system, x, {});
    EXPECT_EQ(created.category, "furniture");
    EXPECT_EQ(created.quantity, 100);
    x.category = "spaceships";
    auto e = field_errors([&] { store::donations::create(conn(), w.s.system, x, {}); });
    EXPECT_TRUE(e.contains("category"));
    // Switching to funds clears nothing silently: the material fields must be emptied too.
    e = field_errors([&] {
        store::donations::update(
            conn(), w.s.system, created.id,
            boost::json::parse(R"({"kind":"funds","amount_fen":100})").as_object());
    });
    EXPECT_TRUE(e.contains("category"));
    EXPECT_TRUE(e.contains("quantity"));
    EXPECT_TRUE(e.contains("unit"));
    auto funds = store::donations::update(
        conn(), w.s.system, created.id,
        boost::json::parse(
            R"({"kind":"funds","amount_fen":100,"category":null,"quantity":null,"unit":""})")
            .as_object());
    EXPECT_EQ(funds.kind, "funds");
    EXPECT_FALSE(funds.category.has_value());
}

TEST_P(DonationRepositoryTest, ChecksReferencesAndChangesNothingOnError) {
    auto w = work();
    auto x = glass(w);
    x.recipient_institution = w.s.hc_school;  // not part of the pairing
    x.donor_institution = 99999;
    auto e = field_errors([&] { store::donations::create(conn(), w.s.system, x, {}); });
    EXPECT_TRUE(e.contains("recipient_institution"));
    EXPECT_TRUE(e.contains("donor_institution"));

    x = glass(w);
    x.pairing = 99999;
    e = field_errors([&] { store::donations::create(conn(), w.s.system, x, {}); });
    EXPECT_TRUE(e.contains("pairing"));

    // A pairing of another program.
    x = glass(w);
    x.program = w.hc_program;
    e = field_errors([&] { store::donations::create(conn(), w.s.system, x, {}); });
    EXPECT_TRUE(e.contains("pairing"));

    // Program level: the recipient must be in the program's region or one of its pairings.
    x = glass(w);
    x.pairing.reset();
    x.recipient_institution = w.s.hc_school;
    e = field_errors([&] { store::donations::create(conn(), w.s.system, x, {}); });
    EXPECT_TRUE(e.contains("recipient_institution"));
    x.recipient_institution = w.s.tc_school;
    EXPECT_EQ(store::donations::create(conn(), w.s.system, x, {}).pairing, std::nullopt);

    x = glass(w);
    x.donor_kind = "staff";
    x.donor_institution.reset();
    x.donor_staff = 424242;
    e = field_errors([&] { store::donations::create(conn(), w.s.system, x, {}); });
    EXPECT_TRUE(e.contains("donor_staff"));
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM donations"), 1);
}

TEST_P(DonationRepositoryTest, ScopeReadsAre404AndWritesAre403) {
    auto w = work();
    auto d = store::donations::create(conn(), w.s.tc_bureau, glass(w), {});
    // 霍城县 cannot see 通城县's donation…
    EXPECT_EQ(error_kind([&] { store::donations::get(conn(), w.s.hc_bureau, d.id); }),
              K::not_found);
    EXPECT_EQ(store::donations::list(conn(), w.s.hc_bureau, {}).total, 0);
    // …nor change or delete it.
    EXPECT_EQ(error_kind([&] {
                  store::donations::update(conn(), w.s.hc_bureau, d.id,
                                           boost::json::parse(R"({"note":"x"})").as_object());
              }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] { store::donations::remove(conn(), w.s.hc_bureau, d.id); }),
              K::forbidden);
    // Read-only roles read but do not write.
    EXPECT_EQ(store::donations::list(conn(), w.s.tc_inspector, {}).total, 1);
    EXPECT_EQ(store::donations::list(conn(), w.s.tc_teacher_user, {}).total, 1);
    EXPECT_EQ(error_kind([&] { store::donations::create(conn(), w.s.tc_inspector, glass(w), {}); }),
              K::forbidden);
    EXPECT_EQ(
        error_kind([&] { store::donations::create(conn(), w.s.tc_teacher_user, glass(w), {}); }),
        K::forbidden);
    EXPECT_EQ(error_kind([&] { store::donations::remove(conn(), w.s.tc_teacher_user, d.id); }),
              K::forbidden);
    // 霍城县 may not record into 通城县's program: refused (403) on `program`.
    auto e = refused_fields([&] { store::donations::create(conn(), w.s.hc_bureau, glass(w), {}); });
    EXPECT_TRUE(e.contains("program"));
    // An institution admin records pairing work, but not program-level work.
    auto x = glass(w);
    x.pairing.reset();
    x.recipient_institution = w.s.tc_school;
    EXPECT_EQ(error_kind([&] { store::donations::create(conn(), w.s.tc_school_admin, x, {}); }),
              K::forbidden);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM donations"), 1);
}

TEST_P(DonationRepositoryTest, FiltersAndSorts) {
    auto w = work();
    auto a = glass(w);
    store::donations::create(conn(), w.s.system, a, {});
    auto b = glass(w);
    b.donated_on = "2025-03-01";
    b.kind = "materials";
    b.category = "books";
    b.quantity = 500;
    b.unit = "册";
    b.amount_fen = 1'000'000;
    b.donor_kind = "outside";
    b.donor_institution.reset();
    b.donor_name = "某爱心企业";
    store::donations::create(conn(), w.s.system, b, {});
    auto list = [&](std::map<std::string, std::string> f, std::string sort = "") {
        store::ListQuery q;
        q.filters = std::move(f);
        q.sort = std::move(sort);
        return store::donations::list(conn(), w.s.system, q);
    };
    auto all = list({});
    ASSERT_EQ(all.total, 2);
    EXPECT_EQ(all.items[0].donated_on, "2025-03-01");  // newest first
    EXPECT_EQ(list({{"year", "2024"}}).total, 1);
    EXPECT_EQ(list({{"kind", "materials"}}).items.at(0).unit, "册");
    EXPECT_EQ(list({{"category", "books"}}).total, 1);
    EXPECT_EQ(list({{"donor_kind", "outside"}}).total, 1);
    EXPECT_EQ(list({{"institution", std::to_string(w.s.tc_school2)}}).total, 1);
    EXPECT_EQ(list({{"institution", std::to_string(w.s.tc_school)}}).total, 2);
    EXPECT_EQ(list({{"date_from", "2024-11-05"}, {"date_to", "2025-03-01"}}).total, 1);
    EXPECT_EQ(list({{"pairing", std::to_string(w.pairing)}}).total, 2);
    EXPECT_EQ(list({{"program", std::to_string(w.hc_program)}}).total, 0);
    EXPECT_EQ(list({}, "amount_fen").items.at(0).amount_fen, 500'000);
    store::ListQuery q;
    q.q = "爱心";
    EXPECT_EQ(store::donations::list(conn(), w.s.system, q).total, 1);
    for (auto [k, v] : std::vector<std::pair<std::string, std::string>>{{"year", "24"},
                                                                        {"category", "gold"},
                                                                        {"kind", "x"},
                                                                        {"date_from", "2024-02-30"},
                                                                        {"colour", "red"}})
        EXPECT_EQ(error_kind([&] { list({{k, v}}); }), K::malformed) << k;
}

TEST_P(DonationRepositoryTest, TotalsAreExactToTheFen) {
    auto w = work();
    // "Students donate 3,100 yuan for 31 poor students": 31 gifts of 100 yuan.
    auto x = glass(w);
    x.donor_kind = "students";
    x.donor_name = "六年级全体学生";
    x.amount_fen = 10'000;
    for (int i = 0; i < 31; ++i) store::donations::create(conn(), w.s.system, x, {});
    // 0.01 + 0.02 yuan is 0.03 yuan, not 0.030000000000000002.
    x = glass(w);
    x.donated_on = "2025-01-02";
    x.amount_fen = 1;
    store::donations::create(conn(), w.s.system, x, {});
    x.amount_fen = 2;
    store::donations::create(conn(), w.s.system, x, {});
    // Materials worth 1.7 million yuan, in 2025.
    x.kind = "materials";
    x.category = "audio_visual";
    x.quantity = 70;
    x.unit = "台";
    x.amount_fen = 170'000'000;
    store::donations::create(conn(), w.s.system, x, {});

    auto by_year = store::donations::totals(conn(), w.s.tc_bureau, {}, "year");
    ASSERT_EQ(by_year.rows.size(), 2u);
    EXPECT_EQ(by_year.rows[0].key, "2024");
    EXPECT_EQ(by_year.rows[0].funds_fen, 310'000);
    EXPECT_EQ(by_year.rows[0].count, 31);
    EXPECT_EQ(by_year.rows[1].key, "2025");
    EXPECT_EQ(by_year.rows[1].funds_fen, 3);
    EXPECT_EQ(by_year.rows[1].materials_fen, 170'000'000);
    EXPECT_EQ(by_year.rows[1].total_fen, 170'000'003);
    EXPECT_EQ(by_year.grand.funds_fen, 310'003);
    EXPECT_EQ(by_year.grand.materials_fen, 170'000'000);
    EXPECT_EQ(by_year.grand.total_fen, 170'310'003);
    EXPECT_EQ(by_year.grand.count, 34);

    auto by_category = store::donations::totals(conn(), w.s.system, {}, "category");
    ASSERT_EQ(by_category.rows.size(), 2u);
    EXPECT_EQ(by_category.rows[0].key, "audio_visual");
    EXPECT_EQ(by_category.rows[0].label.zh, "电教设备");
    EXPECT_EQ(by_category.rows[1].label.zh, "资金");
    EXPECT_EQ(by_category.rows[1].total_fen, 310'003);

    auto by_pairing = store::donations::totals(conn(), w.s.system, {}, "pairing");
    ASSERT_EQ(by_pairing.rows.size(), 1u);
    EXPECT_EQ(by_pairing.rows[0].label.zh, "通城县实验小学 → 五里镇湾头小学");
    auto by_program = store::donations::totals(conn(), w.s.system, {}, "program");
    EXPECT_EQ(by_program.rows.at(0).label.zh, "通城县城乡学校结对帮扶");

    // The same filters as the list, and the same scope.
    store::ListQuery q;
    q.filters = {{"year", "2024"}};
    EXPECT_EQ(store::donations::totals(conn(), w.s.system, q, "program").grand.total_fen, 310'000);
    EXPECT_EQ(store::donations::totals(conn(), w.s.hc_bureau, {}, "year").rows.size(), 0u);
    EXPECT_EQ(error_kind([&] { store::donations::totals(conn(), w.s.system, {}, "colour"); }),
              K::malformed);
}
