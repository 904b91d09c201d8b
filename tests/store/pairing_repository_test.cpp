#include "store/pairing_repository.hpp"

#include <atomic>
#include <thread>

#include "expect_error.hpp"
#include "store/clock.hpp"
#include "store/dictionary_repository.hpp"
#include "store/institution_repository.hpp"
#include "test_database.hpp"

using namespace bangfu;
using bangfu::testing::error_kind;
using bangfu::testing::field_errors;
using bangfu::testing::StoreTest;
using K = core::ErrorKind;

class PairingRepositoryTest : public StoreTest {
  protected:
    bangfu::testing::Seed s;
    std::int64_t tc_program = 0, hc_program = 0;
    std::int64_t diyi = 0, sanyuan = 0, ziyuan = 0;  // a ladder in 通城县

    void SetUp() override {
        StoreTest::SetUp();
        if (IsSkipped()) return;  // PostgreSQL not available: nothing to seed
        s = seed();
        // Programs are another slice's repository: rows written directly.
        tc_program = program("通城县城乡学校结对帮扶", "421222");
        hc_program = program("霍城县学校结对", "654023");
        diyi = school("通城县第一中学", "421222", false);
        sanyuan = school("三元中学", "421222", false);
        ziyuan = school("资源小学", "421222105", true);
    }

    std::int64_t program(const std::string& name, const std::string& region) {
        return conn().query_int(
            "INSERT INTO programs (name, name_key, kind, region, start_date, status, created_at, "
            "updated_at) VALUES (?, ?, 'urban_rural', ?, '2026-01-01', 'active', 't', 't') "
            "RETURNING id",
            {name, name, region});
    }
    std::int64_t school(const char* name, const char* region, bool weak) {
        core::Institution x;
        x.name = name;
        x.kind = "junior";
        x.locality = weak ? "rural" : "urban";
        x.weak = weak;
        x.region = region;
        return store::institutions::create(conn(), s.system, x, {}).id;
    }
    core::Pairing draft(std::int64_t program, std::int64_t supporter, std::int64_t recipient,
                        std::vector<std::string> dims = {"teachers"}) {
        core::Pairing x;
        x.program = program;
        x.supporter = supporter;
        x.recipient = recipient;
        x.dimensions = std::move(dims);
        x.start_date = "2026-09-01";
        return x;
    }
    core::Pairing create(const core::Actor& a, const core::Pairing& x) {
        return store::pairings::create(conn(), a, x, {});
    }
    std::int64_t count() { return conn().query_int("SELECT COUNT(*) FROM pairings"); }
    boost::json::object patch(std::string_view json) {
        return boost::json::parse(json).as_object();
    }
};
BANGFU_STORE_TEST_SUITE(PairingRepositoryTest);

TEST_P(PairingRepositoryTest, CreatesAndReadsWithNamesRegionsAndLabels) {
    auto x = draft(tc_program, s.tc_school2, s.tc_school, {"materials", "teachers"});
    x.agreement_title = "“手拉手，献爱心”互助协议";
    auto created = create(s.tc_bureau, x);
    EXPECT_GT(created.id, 0);
    EXPECT_EQ(created.status, "active");  // the default
    auto got = store::pairings::get(conn(), s.tc_bureau, created.id);
    EXPECT_EQ(got.program_name, "通城县城乡学校结对帮扶");
    EXPECT_EQ(got.supporter_name, "通城县实验小学");
    EXPECT_EQ(got.recipient_name, "五里镇湾头小学");
    EXPECT_EQ(got.recipient_region_name, "五里镇");
    // Dimensions come in dictionary order with their labels.
    ASSERT_EQ(got.dimensions, (std::vector<std::string>{"teachers", "materials"}));
    EXPECT_EQ(got.dimension_labels[0].zh, "师资");
    EXPECT_EQ(got.dimension_labels[1].zh, "物资");
    EXPECT_EQ(got.agreement_title, "“手拉手，献爱心”互助协议");
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM audit_log WHERE entity = 'pairing' AND "
                               "entity_id = ? AND action = 'create'",
                               {store::Param(std::to_string(created.id))}),
              1);
}

TEST_P(PairingRepositoryTest, BadInputNamesEveryFieldAndChangesNothing) {
    core::Pairing x = draft(9999, 88888, 88888, {"teachers", "rockets"});
    x.start_date = "2026-02-30";
    auto e = field_errors([&] { create(s.tc_bureau, x); });
    EXPECT_TRUE(e.contains("program"));
    EXPECT_TRUE(e.contains("supporter"));
    EXPECT_TRUE(e.contains("recipient"));
    EXPECT_TRUE(e.contains("dimensions"));
    EXPECT_TRUE(e.contains("start_date"));
    EXPECT_EQ(count(), 0);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM pairing_dimensions"), 0);
}

TEST_P(PairingRepositoryTest, RulesHoldThroughTheRepository) {
    auto a = create(s.tc_bureau, draft(tc_program, diyi, sanyuan));
    // Self-pairing.
    EXPECT_EQ(field_errors([&] { create(s.tc_bureau, draft(tc_program, diyi, diyi)); })
                  .at("recipient")
                  .zh,
              "支援方和受援方不能是同一单位");
    // Repeat on the same dimension, even in another program.
    auto other_program = program("另一个项目", "421222");
    auto dup = field_errors([&] { create(s.tc_bureau, draft(other_program, diyi, sanyuan)); });
    EXPECT_NE(dup.at("dimensions").zh.find("编号 " + std::to_string(a.id)), std::string::npos);
    // Ladder: 三元中学 receives from 第一中学 and supports 资源小学.
    auto b = create(s.tc_bureau, draft(tc_program, sanyuan, ziyuan));
    // The cycle is refused under the recipient, naming the chain.
    auto cycle = field_errors([&] { create(s.tc_bureau, draft(tc_program, ziyuan, diyi)); });
    EXPECT_EQ(cycle.at("recipient").zh,
              "将形成循环：资源小学 → 通城县第一中学 → 三元中学 → 资源小学（师资）");
    // On another dimension the same direction is fine.
    auto m = create(s.tc_bureau, draft(tc_program, ziyuan, diyi, {"materials"}));
    EXPECT_EQ(count(), 3);
    // An update is checked without the pairing itself …
    store::pairings::update(conn(), s.tc_bureau, b.id, patch(R"({"note": "梯度帮扶"})"));
    // … and an update that would close the cycle is refused.
    EXPECT_TRUE(field_errors([&] {
                    store::pairings::update(conn(), s.tc_bureau, m.id,
                                            patch(R"({"dimensions": ["materials", "teachers"]})"));
                }).contains("recipient"));
    EXPECT_EQ(store::pairings::get(conn(), s.system, m.id).dimensions,
              (std::vector<std::string>{"materials"}));
}

TEST_P(PairingRepositoryTest, EndedPairingsNoLongerCountAndEndDefaultsToToday) {
    auto a = create(s.tc_bureau, draft(tc_program, diyi, sanyuan));
    auto ended =
        store::pairings::update(conn(), s.tc_bureau, a.id, patch(R"({"status": "ended"})"));
    EXPECT_EQ(ended.status, "ended");
    EXPECT_EQ(ended.end_date, core::format_date(store::today_china()));
    // The reverse direction is now free, and so is a new pairing of the same two schools.
    auto reverse = create(s.tc_bureau, draft(tc_program, sanyuan, diyi));
    create(s.tc_bureau, draft(tc_program, diyi, sanyuan, {"funds"}));
    // Re-activating the ended one would now close a cycle: refused.
    auto e = field_errors([&] {
        store::pairings::update(conn(), s.tc_bureau, a.id,
                                patch(R"({"status": "active", "end_date": null})"));
    });
    EXPECT_TRUE(e.contains("recipient"));
    // An end date in the future of an ended pairing is refused.
    EXPECT_TRUE(field_errors([&] {
                    store::pairings::update(
                        conn(), s.tc_bureau, reverse.id,
                        patch(R"({"status": "ended", "end_date": "2099-01-01"})"));
                }).contains("end_date"));
    EXPECT_EQ(conn().query_int(
                  "SELECT COUNT(*) FROM audit_log WHERE entity = 'pairing' AND action = 'end'"),
              1);
}

TEST_P(PairingRepositoryTest, ReadScope) {
    // A cross-region pairing run by 通城县: 实验小学 → 霍城县第一中学.
    auto cross = create(s.tc_bureau, draft(tc_program, s.tc_school2, s.hc_school));
    auto hc_only = create(
        s.hc_bureau, draft(hc_program, s.hc_school, school("霍城县第二中学", "654023", false)));
    auto tc_local = create(s.tc_bureau, draft(tc_program, s.tc_school2, s.tc_school));
    store::ListQuery q;
    EXPECT_EQ(store::pairings::list(conn(), s.system, q).total, 3);
    EXPECT_EQ(store::pairings::list(conn(), s.tc_bureau, q).total, 2);
    EXPECT_EQ(error_kind([&] { store::pairings::get(conn(), s.tc_bureau, hc_only.id); }),
              K::not_found);
    // The recipient's bureau reads the cross-region pairing, but cannot change it.
    EXPECT_EQ(store::pairings::get(conn(), s.hc_bureau, cross.id).recipient, s.hc_school);
    EXPECT_EQ(store::pairings::list(conn(), s.hc_bureau, q).total, 2);
    EXPECT_EQ(error_kind([&] {
                  store::pairings::update(conn(), s.hc_bureau, cross.id, patch(R"({"note": "x"})"));
              }),
              K::forbidden);
    // The institution admin of 湾头小学 sees its own pairing only.
    auto mine = store::pairings::list(conn(), s.tc_school_admin, q);
    ASSERT_EQ(mine.total, 1);
    EXPECT_EQ(mine.items[0].id, tc_local.id);
    EXPECT_EQ(error_kind([&] { store::pairings::get(conn(), s.tc_school_admin, cross.id); }),
              K::not_found);
    EXPECT_EQ(store::pairings::list(conn(), s.tc_teacher_user, q).total, 1);
    // The inspector reads the county's pairings.
    EXPECT_EQ(store::pairings::list(conn(), s.tc_inspector, q).total, 2);
}

TEST_P(PairingRepositoryTest, WriteScope) {
    auto x = create(s.tc_bureau, draft(tc_program, s.tc_school2, s.tc_school));
    // 通城县 cannot create in 霍城县's program (403 on the program).
    try {
        create(s.tc_bureau, draft(hc_program, s.tc_school2, s.hc_school));
        ADD_FAILURE() << "expected a refusal";
    } catch (const core::Error& e) {
        EXPECT_EQ(e.kind(), K::forbidden);
        EXPECT_TRUE(e.fields().contains("program"));
    }
    // Nor pair two schools of which neither is its own, even in its own program.
    auto hc2 = school("霍城县第二中学", "654023", false);
    try {
        create(s.tc_bureau, draft(tc_program, s.hc_school, hc2));
        ADD_FAILURE() << "expected a refusal";
    } catch (const core::Error& e) {
        EXPECT_EQ(e.kind(), K::forbidden);
        EXPECT_TRUE(e.fields().contains("supporter"));
    }
    // Read-only roles and institution admins are refused.
    for (const auto* actor : {&s.tc_inspector, &s.tc_teacher_user, &s.tc_school_admin}) {
        EXPECT_EQ(error_kind([&] { create(*actor, draft(tc_program, diyi, sanyuan)); }),
                  K::forbidden);
        EXPECT_EQ(error_kind([&] {
                      store::pairings::update(conn(), *actor, x.id, patch(R"({"note": "x"})"));
                  }),
                  K::forbidden);
        EXPECT_EQ(error_kind([&] { store::pairings::remove(conn(), *actor, x.id); }), K::forbidden);
    }
    // Out of read scope: a write is refused (403, docs/api.md); a pairing that does not exist is
    // not found.
    EXPECT_EQ(error_kind([&] { store::pairings::remove(conn(), s.hc_bureau, x.id); }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] { store::pairings::remove(conn(), s.system, x.id + 1000); }),
              K::not_found);
    EXPECT_EQ(count(), 1);
}

TEST_P(PairingRepositoryTest, ListFiltersSearchAndSort) {
    auto a = create(s.tc_bureau, draft(tc_program, diyi, sanyuan));
    auto b = create(s.tc_bureau, draft(tc_program, sanyuan, ziyuan, {"materials"}));
    auto c = create(s.tc_bureau, draft(tc_program, s.tc_school2, s.tc_school, {"funds"}));
    store::pairings::update(conn(), s.tc_bureau, c.id, patch(R"({"status": "ended"})"));
    auto ids = [&](std::map<std::string, std::string> filters, std::string text = "",
                   std::string sort = "id") {
        store::ListQuery q;
        q.filters = std::move(filters);
        q.q = std::move(text);
        q.sort = std::move(sort);
        std::vector<std::int64_t> out;
        for (const auto& x : store::pairings::list(conn(), s.tc_bureau, q).items)
            out.push_back(x.id);
        return out;
    };
    using V = std::vector<std::int64_t>;
    EXPECT_EQ(ids({{"institution", std::to_string(sanyuan)}}), (V{a.id, b.id}));
    EXPECT_EQ(ids({{"supporter", std::to_string(sanyuan)}}), (V{b.id}));
    EXPECT_EQ(ids({{"recipient", std::to_string(sanyuan)}}), (V{a.id}));
    EXPECT_EQ(ids({{"dimension", "materials"}}), (V{b.id}));
    EXPECT_EQ(ids({{"dimension", "物资"}}), (V{b.id}));  // the label as typed
    EXPECT_EQ(ids({{"status", "ended"}}), (V{c.id}));
    EXPECT_EQ(ids({{"region", "421222105"}}), (V{b.id, c.id}));
    EXPECT_EQ(ids({{"program", std::to_string(tc_program)}}, "三元"), (V{a.id, b.id}));
    EXPECT_EQ(ids({}, "", "-id"), (V{c.id, b.id, a.id}));
    EXPECT_EQ(ids({}, "", "supporter").size(), 3u);
    store::ListQuery bad;
    bad.filters = {{"dimension", "rockets"}};
    EXPECT_EQ(error_kind([&] { store::pairings::list(conn(), s.tc_bureau, bad); }), K::malformed);
    bad.filters = {{"colour", "red"}};
    EXPECT_EQ(error_kind([&] { store::pairings::list(conn(), s.tc_bureau, bad); }), K::malformed);
    bad.filters = {{"status", "paused"}};
    EXPECT_EQ(error_kind([&] { store::pairings::list(conn(), s.tc_bureau, bad); }), K::malformed);
}

TEST_P(PairingRepositoryTest, DeletesOnlyWhenNothingRefersToIt) {
    auto a = create(s.tc_bureau, draft(tc_program, diyi, sanyuan));
    auto b = create(s.tc_bureau, draft(tc_program, sanyuan, ziyuan));
    conn().execute(
        "INSERT INTO activities (program, pairing, type, start_date, end_date, host_institution, "
        "created_at, updated_at) VALUES (?, ?, 'teacher_visit', '2026-10-01', '2026-10-01', ?, "
        "'t', 't')",
        {tc_program, b.id, ziyuan});
    try {
        store::pairings::remove(conn(), s.tc_bureau, b.id);
        ADD_FAILURE() << "expected a conflict";
    } catch (const core::Error& e) {
        EXPECT_EQ(e.kind(), K::conflict);
        EXPECT_NE(e.message().zh.find("1 条活动记录"), std::string::npos) << e.message().zh;
    }
    store::pairings::remove(conn(), s.tc_bureau, a.id);
    EXPECT_EQ(count(), 1);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM pairing_dimensions WHERE pairing = ?", {a.id}),
              0);
    EXPECT_EQ(error_kind([&] { store::pairings::get(conn(), s.system, a.id); }), K::not_found);
}

TEST_P(PairingRepositoryTest, TimelineMergesTheWorkInDateOrder) {
    auto x = draft(tc_program, s.tc_school2, s.tc_school);
    x.agreement_title = "手拉手协议";
    auto p = create(s.tc_bureau, x);
    auto& c = conn();
    c.execute(
        "INSERT INTO plans (program, pairing, kind, title, start_date, end_date, approval, "
        "created_at, updated_at) VALUES (?, ?, 'semester', '秋季学期帮扶计划', '2026-09-05', "
        "'2027-01-20', 'approved', 't', 't')",
        {tc_program, p.id});
    c.execute(
        "INSERT INTO activities (program, pairing, type, start_date, end_date, host_institution, "
        "visiting_institution, teachers_count, subject, topic, created_at, updated_at) VALUES (?, "
        "?, 'demonstration_class', '2026-11-04', '2026-11-04', ?, ?, 3, 'chinese', '荷花', 't', "
        "'t')",
        {tc_program, p.id, s.tc_school, s.tc_school2});
    c.execute(
        "INSERT INTO donations (program, pairing, kind, donated_on, donor_kind, "
        "recipient_institution, amount_fen, purpose, created_at, updated_at) VALUES (?, ?, "
        "'funds', '2026-10-08', 'institution', ?, 500001, '更换窗户玻璃', 't', 't')",
        {tc_program, p.id, s.tc_school});
    c.execute(
        "INSERT INTO inspections (program, pairing, inspected_on, inspectors, findings, "
        "created_at, updated_at) VALUES (?, ?, '2026-12-01', '督导室', '计划落实到位', 't', 't')",
        {tc_program, p.id});
    // Work of another pairing stays out.
    auto other = create(s.tc_bureau, draft(tc_program, diyi, sanyuan));
    c.execute(
        "INSERT INTO inspections (program, pairing, inspected_on, inspectors, created_at, "
        "updated_at) VALUES (?, ?, '2026-10-01', '别处', 't', 't')",
        {tc_program, other.id});
    auto items = store::pairings::timeline(c, s.tc_bureau, p.id, "zh");
    ASSERT_EQ(items.size(), 5u);
    std::vector<std::string> kinds;
    for (const auto& t : items) kinds.push_back(t.kind);
    EXPECT_EQ(kinds, (std::vector<std::string>{"pairing_start", "plan", "donation", "activity",
                                               "inspection"}));
    EXPECT_EQ(items[0].date, "2026-09-01");
    EXPECT_NE(items[0].summary.find("手拉手协议"), std::string::npos);
    EXPECT_EQ(items[1].title, "秋季学期帮扶计划");
    EXPECT_EQ(items[1].end_date, "2027-01-20");
    EXPECT_EQ(items[2].amount_fen, 500001);
    EXPECT_NE(items[2].title.find("5000.01 元"), std::string::npos) << items[2].title;
    EXPECT_EQ(items[3].title, "示范课：荷花");
    EXPECT_NE(items[3].summary.find("语文"), std::string::npos) << items[3].summary;
    EXPECT_EQ(items[4].date, "2026-12-01");
    // English labels on request.
    EXPECT_EQ(store::pairings::timeline(c, s.tc_bureau, p.id, "en")[0].title, "Pairing started");
    // Scope: the timeline is read with the pairing.
    EXPECT_EQ(error_kind([&] { store::pairings::timeline(c, s.hc_bureau, p.id, "zh"); }),
              K::not_found);
}

TEST_P(PairingRepositoryTest, ProgramGraphShowsLadders) {
    auto a = create(s.tc_bureau, draft(tc_program, diyi, sanyuan));
    auto b = create(s.tc_bureau, draft(tc_program, sanyuan, ziyuan, {"teachers", "materials"}));
    create(s.tc_bureau, draft(program("别的项目", "421222"), s.tc_school2, s.tc_school));
    auto g = store::pairings::program_graph(conn(), s.tc_bureau, tc_program, {});
    ASSERT_EQ(g.edges.size(), 2u);
    EXPECT_EQ(g.edges[0].pairing, a.id);
    EXPECT_EQ(g.edges[1].dimensions, (std::vector<std::string>{"teachers", "materials"}));
    ASSERT_EQ(g.nodes.size(), 3u);
    for (const auto& n : g.nodes) {
        if (n.id == sanyuan) {
            EXPECT_EQ(n.as_supporter, 1);
            EXPECT_EQ(n.as_recipient, 1);
        }
        if (n.id == ziyuan) {
            EXPECT_TRUE(n.weak);
            EXPECT_EQ(n.name, "资源小学");
        }
    }
    store::ListQuery q;
    q.filters = {{"dimension", "materials"}};
    g = store::pairings::program_graph(conn(), s.tc_bureau, tc_program, q);
    ASSERT_EQ(g.edges.size(), 1u);
    EXPECT_EQ(g.edges[0].pairing, b.id);
    EXPECT_EQ(g.nodes.size(), 2u);
    EXPECT_EQ(
        error_kind([&] { store::pairings::program_graph(conn(), s.tc_bureau, hc_program, {}); }),
        K::not_found);
    q.filters = {{"colour", "red"}};
    EXPECT_EQ(
        error_kind([&] { store::pairings::program_graph(conn(), s.tc_bureau, tc_program, q); }),
        K::malformed);
}

TEST_P(PairingRepositoryTest, AddedDimensionsAreAccepted) {
    store::dictionaries::add(conn(), s.system, "pairing_dimension",
                             {"sports", "体育", "Sports", false});
    auto x = create(s.tc_bureau, draft(tc_program, diyi, sanyuan, {"sports", "teachers"}));
    ASSERT_EQ(x.dimensions, (std::vector<std::string>{"teachers", "sports"}));  // built-ins first
    EXPECT_EQ(x.dimension_labels[1].zh, "体育");
    // The cycle rule holds on an added dimension as on any other.
    auto e =
        field_errors([&] { create(s.tc_bureau, draft(tc_program, sanyuan, diyi, {"sports"})); });
    EXPECT_NE(e.at("recipient").zh.find("（体育）"), std::string::npos);
}

TEST_P(PairingRepositoryTest, AgreementFile) {
    auto x = create(s.tc_bureau, draft(tc_program, s.tc_school2, s.tc_school));
    std::string pdf = "%PDF-1.4\n手拉手协议\n%%EOF\n";
    auto with = store::pairings::attach_agreement(conn(), s.tc_bureau, x.id, "互助协议.pdf", pdf);
    ASSERT_TRUE(with.agreement_file.has_value());
    EXPECT_EQ(with.agreement_file_name, "互助协议.pdf");
    EXPECT_EQ(with.agreement_file_size, static_cast<std::int64_t>(pdf.size()));
    auto [info, content] = store::pairings::agreement(conn(), s.tc_school_admin, x.id);
    EXPECT_EQ(content, pdf);
    EXPECT_EQ(info.content_type, "application/pdf");
    // Uploading again replaces the file.
    auto again = store::pairings::attach_agreement(conn(), s.tc_bureau, x.id, "新协议.pdf", pdf);
    EXPECT_NE(again.agreement_file, with.agreement_file);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM files WHERE owner_kind = 'pairing'"), 1);
    // A renamed executable is refused, naming the file.
    EXPECT_TRUE(field_errors([&] {
                    store::pairings::attach_agreement(conn(), s.tc_bureau, x.id, "协议.pdf",
                                                      "MZ\x90\x00binary");
                }).contains("file"));
    // Scope: read with the pairing, changed by the program's bureau only.
    EXPECT_EQ(error_kind([&] { store::pairings::agreement(conn(), s.hc_bureau, x.id); }),
              K::not_found);
    EXPECT_EQ(error_kind([&] {
                  store::pairings::attach_agreement(conn(), s.tc_school_admin, x.id, "a.pdf", pdf);
              }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] { store::pairings::remove_agreement(conn(), s.tc_inspector, x.id); }),
              K::forbidden);
    auto without = store::pairings::remove_agreement(conn(), s.tc_bureau, x.id);
    EXPECT_FALSE(without.agreement_file.has_value());
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM files WHERE owner_kind = 'pairing'"), 0);
    EXPECT_EQ(error_kind([&] { store::pairings::agreement(conn(), s.tc_bureau, x.id); }),
              K::not_found);
    // Deleting a pairing deletes its agreement.
    store::pairings::attach_agreement(conn(), s.tc_bureau, x.id, "互助协议.pdf", pdf);
    store::pairings::remove(conn(), s.tc_bureau, x.id);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM files"), 0);
}

TEST_P(PairingRepositoryTest, ConcurrentCreatesCannotBothCloseACycle) {
    // A → B and B → A on the same dimension, created at the same moment on two connections:
    // exactly one may pass (the rules run under a lock inside the write transaction).
    for (int round = 0; round < 5; ++round) {
        auto a = school(("并发甲" + std::to_string(round)).c_str(), "421222", false);
        auto b = school(("并发乙" + std::to_string(round)).c_str(), "421222", false);
        std::atomic<int> ok{0}, refused{0};
        auto run = [&](std::int64_t from, std::int64_t to) {
            auto lease = database().acquire();
            try {
                store::pairings::create(*lease, s.tc_bureau, draft(tc_program, from, to), {});
                ++ok;
            } catch (const core::Error& e) {
                if (e.kind() == K::validation) ++refused;
            } catch (const store::DbError& e) {
                // SQLite may answer "busy" to the loser if the wait runs out; that is a refusal
                // too.
                if (e.kind() == store::DbError::Kind::busy) ++refused;
            }
        };
        std::thread t1(run, a, b), t2(run, b, a);
        t1.join();
        t2.join();
        EXPECT_EQ(ok.load(), 1) << "round " << round;
        EXPECT_EQ(refused.load(), 1) << "round " << round;
    }
}
