#include "store/inspection_repository.hpp"

#include "expect_error.hpp"
#include "store/clock.hpp"
#include "store/program_repository.hpp"
#include "test_database.hpp"

using namespace bangfu;
using bangfu::testing::error_kind;
using bangfu::testing::field_errors;
using bangfu::testing::refused_fields;
using bangfu::testing::StoreTest;
using K = core::ErrorKind;

class InspectionRepositoryTest : public StoreTest {
  protected:
    std::int64_t program(const core::Actor& a, std::string region) {
        core::Program x;
        x.name = "结对帮扶项目";
        x.kind = "urban_rural_school";
        x.region = std::move(region);
        x.start_date = "2011-09-01";
        return store::programs::create(conn(), a, x, {}).id;
    }
    std::int64_t insert_pairing(std::int64_t program, std::int64_t supporter,
                                std::int64_t recipient) {
        auto now = store::now_utc();
        return conn().query_int(
            "INSERT INTO pairings (program, supporter, recipient, start_date, status, created_at, "
            "updated_at) VALUES (?, ?, ?, '2011-09-01', 'active', ?, ?) RETURNING id",
            {program, supporter, recipient, now, now});
    }
    core::Inspection draft(std::int64_t program, std::optional<std::int64_t> pairing,
                           std::string date = "2012-06-01") {
        core::Inspection x;
        x.program = program;
        x.pairing = pairing;
        x.inspected_on = std::move(date);
        x.inspectors = "张督学、李督学";
        x.checked = "结对帮扶“四有”落实情况";
        return x;
    }
};
BANGFU_STORE_TEST_SUITE(InspectionRepositoryTest);

TEST_P(InspectionRepositoryTest, RecordsProgramAndPairingInspectionsWithAudit) {
    auto s = seed();
    auto p = program(s.tc_bureau, "421222");
    auto pr = insert_pairing(p, s.tc_school2, s.tc_school);
    namespace ins = store::inspections;
    auto a = ins::create(conn(), s.tc_bureau, draft(p, std::nullopt), {});
    EXPECT_EQ(a.program_name, "结对帮扶项目");
    EXPECT_FALSE(a.pairing);
    auto b = ins::create(conn(), s.tc_school_admin, draft(p, pr, "2012-09-01"), {});
    EXPECT_EQ(b.pairing_label, "通城县实验小学 → 五里镇湾头小学");
    auto changed =
        ins::update(conn(), s.tc_school_admin, b.id,
                    boost::json::parse(R"({"findings":"教师交流次数不足"})").as_object());
    EXPECT_EQ(changed.findings, "教师交流次数不足");
    EXPECT_EQ(changed.inspectors, "张督学、李督学");
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM audit_log WHERE entity = 'inspection'"), 3);
    store::ListQuery q;
    auto page = ins::list(conn(), s.tc_bureau, q);
    ASSERT_EQ(page.total, 2);
    EXPECT_EQ(page.items[0].id, b.id);  // newest first
    q.filters = {{"date_from", "2012-07-01"}};
    EXPECT_EQ(ins::list(conn(), s.tc_bureau, q).total, 1);
    q.filters = {{"date_to", "2012-06-01"}};
    EXPECT_EQ(ins::list(conn(), s.tc_bureau, q).total, 1);
    q.filters = {{"pairing", std::to_string(pr)}};
    EXPECT_EQ(ins::list(conn(), s.tc_bureau, q).items.at(0).id, b.id);
    q.filters = {{"program", std::to_string(p)}};
    EXPECT_EQ(ins::list(conn(), s.tc_bureau, q).total, 2);
    q.filters = {{"date_from", "June"}};
    EXPECT_EQ(error_kind([&] { ins::list(conn(), s.tc_bureau, q); }), K::malformed);
    ins::remove(conn(), s.tc_bureau, a.id);
    EXPECT_EQ(error_kind([&] { ins::get(conn(), s.tc_bureau, a.id); }), K::not_found);
}

TEST_P(InspectionRepositoryTest, ScopeOfReadsAndWrites) {
    auto s = seed();
    auto p = program(s.tc_bureau, "421222");
    auto pr = insert_pairing(p, s.tc_school2, s.tc_school);
    namespace ins = store::inspections;
    auto program_level = ins::create(conn(), s.tc_bureau, draft(p, std::nullopt), {});
    auto pairing_level = ins::create(conn(), s.tc_bureau, draft(p, pr), {});
    store::ListQuery q;
    // The school reads what is recorded under its pairing, and the program-level record of a
    // program it takes part in.
    EXPECT_EQ(ins::list(conn(), s.tc_school_admin, q).total, 2);
    EXPECT_EQ(ins::list(conn(), s.hc_bureau, q).total, 0);
    EXPECT_EQ(error_kind([&] { ins::get(conn(), s.hc_bureau, pairing_level.id); }), K::not_found);
    // Inspectors (督导) and teachers only read.
    EXPECT_EQ(ins::list(conn(), s.tc_inspector, q).total, 2);
    EXPECT_EQ(error_kind([&] { ins::create(conn(), s.tc_inspector, draft(p, pr), {}); }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] { ins::remove(conn(), s.tc_teacher_user, pairing_level.id); }),
              K::forbidden);
    // A school may not record a program-level inspection, only one of its pairing.
    EXPECT_EQ(
        error_kind([&] { ins::create(conn(), s.tc_school_admin, draft(p, std::nullopt), {}); }),
        K::forbidden);
    EXPECT_EQ(error_kind([&] { ins::remove(conn(), s.tc_school_admin, program_level.id); }),
              K::forbidden);
    // Another bureau writes nothing here: the program is refused (403 on `program`), and so is
    // an existing record.
    auto e = refused_fields([&] { ins::create(conn(), s.hc_bureau, draft(p, std::nullopt), {}); });
    EXPECT_TRUE(e.contains("program"));
    EXPECT_EQ(error_kind([&] {
                  ins::update(conn(), s.hc_bureau, program_level.id,
                              boost::json::parse(R"({"findings":"x"})").as_object());
              }),
              K::forbidden);
    EXPECT_EQ(ins::get(conn(), s.system, program_level.id).findings, "");
}

TEST_P(InspectionRepositoryTest, PairingMustBelongToTheProgramAndFieldsAreNamed) {
    auto s = seed();
    auto p = program(s.tc_bureau, "421222");
    auto other = program(s.tc_bureau, "421222");
    auto pr = insert_pairing(other, s.tc_school2, s.tc_school);
    namespace ins = store::inspections;
    auto e = field_errors([&] { ins::create(conn(), s.tc_bureau, draft(p, pr), {}); });
    EXPECT_EQ(e.at("pairing").zh, "该结对关系不属于所选帮扶项目");
    auto bad = draft(p, std::nullopt, "2012-13-01");
    bad.inspectors = "";
    e = field_errors([&] { ins::create(conn(), s.tc_bureau, bad, {}); });
    EXPECT_TRUE(e.contains("inspected_on"));
    EXPECT_EQ(e.at("inspectors").zh, "检查人员不能为空");
    e = field_errors([&] { ins::create(conn(), s.tc_bureau, draft(999999, std::nullopt), {}); });
    EXPECT_TRUE(e.contains("program"));
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM inspections"), 0);
}
