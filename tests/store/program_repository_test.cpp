#include "store/program_repository.hpp"

#include "expect_error.hpp"
#include "store/clock.hpp"
#include "test_database.hpp"

using namespace bangfu;
using bangfu::testing::error_kind;
using bangfu::testing::field_errors;
using bangfu::testing::StoreTest;
using K = core::ErrorKind;

class ProgramRepositoryTest : public StoreTest {
  protected:
    core::Program draft(std::string name, std::string region) {
        core::Program x;
        x.name = std::move(name);
        x.kind = "urban_rural_school";
        x.region = std::move(region);
        x.start_date = "2011-09-01";
        return x;
    }
    // Pairings are another slice's resource: inserted directly so scope through a pairing can be
    // tested here.
    std::int64_t insert_pairing(std::int64_t program, std::int64_t supporter,
                                std::int64_t recipient, std::string status = "active") {
        auto now = store::now_utc();
        return conn().query_int(
            "INSERT INTO pairings (program, supporter, recipient, start_date, status, created_at, "
            "updated_at) VALUES (?, ?, ?, '2011-09-01', ?, ?, ?) RETURNING id",
            {program, supporter, recipient, status, now, now});
    }
    std::int64_t audit_rows(std::string_view action, std::int64_t id) {
        return conn().query_int(
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'program' AND action = ? AND "
            "entity_id = ?",
            {std::string(action), std::to_string(id)});
    }
};
BANGFU_STORE_TEST_SUITE(ProgramRepositoryTest);

TEST_P(ProgramRepositoryTest, CreatesGetsUpdatesAndAudits) {
    auto s = seed();
    auto x = draft("通城县城乡学校结对帮扶", "421222");
    x.end_date = "2014-07-31";
    x.office = "通城县教育局结对帮扶办公室";
    x.goals = "缩小城乡差距";
    auto created = store::programs::create(conn(), s.tc_bureau, x, {});
    EXPECT_GT(created.id, 0);
    EXPECT_EQ(created.region_name, "通城县");
    EXPECT_EQ(created.status, "active");
    EXPECT_EQ(created.end_date, "2014-07-31");
    EXPECT_EQ(audit_rows("create", created.id), 1);

    auto got = store::programs::get(conn(), s.tc_bureau, created.id);
    EXPECT_EQ(got.office, "通城县教育局结对帮扶办公室");
    EXPECT_EQ(got.pairing_count, 0);
    EXPECT_EQ(got.active_pairing_count, 0);

    auto updated = store::programs::update(
        conn(), s.tc_bureau, created.id,
        boost::json::parse(R"({"status":"completed","end_date":null})").as_object());
    EXPECT_EQ(updated.status, "completed");
    EXPECT_FALSE(updated.end_date);
    EXPECT_EQ(updated.name, "通城县城乡学校结对帮扶");  // PATCH keeps what was not sent
    EXPECT_EQ(audit_rows("update", created.id), 1);
    auto before = conn().query_one(
        "SELECT before_json, after_json FROM audit_log WHERE entity = 'program' AND action = "
        "'update'");
    ASSERT_TRUE(before);
    EXPECT_NE(before->text(0).find("2014-07-31"), std::string::npos);
    EXPECT_NE(before->text(1).find("completed"), std::string::npos);
}

TEST_P(ProgramRepositoryTest, ValidationNamesEachFieldAndChangesNothing) {
    auto s = seed();
    core::Program x = draft("", "999999");
    x.kind = "other";
    x.start_date = "2012-01-01";
    x.end_date = "2011-01-01";
    auto e = field_errors([&] { store::programs::create(conn(), s.system, x, {}); });
    EXPECT_TRUE(e.contains("name"));
    EXPECT_TRUE(e.contains("kind"));
    EXPECT_TRUE(e.contains("end_date"));
    EXPECT_EQ(e.at("region").zh, "行政区划 999999 不存在");
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM programs"), 0);
    // Errors found while reading the input are reported together with the rest.
    core::FieldErrors read_errors{{"colour", {"未知字段", "unknown field"}}};
    e = field_errors(
        [&] { store::programs::create(conn(), s.system, draft("", "421222"), read_errors); });
    EXPECT_TRUE(e.contains("colour"));
    EXPECT_TRUE(e.contains("name"));

    auto p = store::programs::create(conn(), s.system, draft("项目", "421222"), {});
    e = field_errors([&] {
        store::programs::update(conn(), s.system, p.id,
                                boost::json::parse(R"({"start_date":"2015-02-30"})").as_object());
    });
    EXPECT_TRUE(e.contains("start_date"));
    EXPECT_EQ(store::programs::get(conn(), s.system, p.id).start_date, "2011-09-01");
}

TEST_P(ProgramRepositoryTest, BureausSeeAndChangeOnlyTheirSubtree) {
    auto s = seed();
    auto hc = store::programs::create(conn(), s.hc_bureau, draft("霍城县项目", "654023"), {});
    auto tc = store::programs::create(conn(), s.tc_bureau, draft("通城县项目", "421222"), {});
    store::ListQuery q;
    EXPECT_EQ(store::programs::list(conn(), s.system, q).total, 2);
    auto page = store::programs::list(conn(), s.tc_bureau, q);
    ASSERT_EQ(page.total, 1);
    EXPECT_EQ(page.items[0].id, tc.id);
    EXPECT_EQ(store::programs::list(conn(), s.tc_inspector, q).total, 1);
    EXPECT_EQ(error_kind([&] { store::programs::get(conn(), s.tc_bureau, hc.id); }), K::not_found);
    // Creating a program owned by another bureau's region is refused, naming the region.
    try {
        store::programs::create(conn(), s.tc_bureau, draft("越权项目", "654023"), {});
        ADD_FAILURE() << "expected a refusal";
    } catch (const core::Error& e) {
        EXPECT_EQ(e.kind(), K::forbidden);
        EXPECT_TRUE(e.fields().contains("region"));
    }
    auto patch = boost::json::parse(R"({"name":"改名"})").as_object();
    EXPECT_EQ(error_kind([&] { store::programs::update(conn(), s.tc_bureau, hc.id, patch); }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] { store::programs::remove(conn(), s.tc_bureau, hc.id); }),
              K::forbidden);
    // Moving one's own program to another bureau is refused too.
    auto move = boost::json::parse(R"({"region":"654023"})").as_object();
    EXPECT_EQ(error_kind([&] { store::programs::update(conn(), s.tc_bureau, tc.id, move); }),
              K::forbidden);
    // A township below the bureau's county is in its subtree.
    auto township = boost::json::parse(R"({"region":"421222105"})").as_object();
    EXPECT_EQ(store::programs::update(conn(), s.tc_bureau, tc.id, township).region_name, "五里镇");
    EXPECT_EQ(store::programs::get(conn(), s.system, hc.id).name, "霍城县项目");
}

TEST_P(ProgramRepositoryTest, ReadOnlyAndInstitutionRolesCannotWrite) {
    auto s = seed();
    auto p = store::programs::create(conn(), s.tc_bureau, draft("通城县项目", "421222"), {});
    auto patch = boost::json::parse(R"({"name":"改名"})").as_object();
    for (const auto* actor : {&s.tc_inspector, &s.tc_school_admin, &s.tc_teacher_user}) {
        EXPECT_EQ(error_kind([&] {
                      store::programs::create(conn(), *actor, draft("新项目", "421222"), {});
                  }),
                  K::forbidden);
        EXPECT_EQ(error_kind([&] { store::programs::update(conn(), *actor, p.id, patch); }),
                  K::forbidden);
        EXPECT_EQ(error_kind([&] { store::programs::remove(conn(), *actor, p.id); }), K::forbidden);
    }
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM programs"), 1);
}

TEST_P(ProgramRepositoryTest, InstitutionsSeeAProgramThroughTheirPairingsOnly) {
    auto s = seed();
    auto p = store::programs::create(conn(), s.tc_bureau, draft("通城县项目", "421222"), {});
    auto other = store::programs::create(conn(), s.tc_bureau, draft("另一个项目", "421222"), {});
    store::ListQuery q;
    EXPECT_EQ(store::programs::list(conn(), s.tc_school_admin, q).total, 0);
    EXPECT_EQ(error_kind([&] { store::programs::get(conn(), s.tc_school_admin, p.id); }),
              K::not_found);
    insert_pairing(p.id, s.tc_school2, s.tc_school);
    insert_pairing(p.id, s.tc_school2, s.hc_school, "ended");
    auto page = store::programs::list(conn(), s.tc_school_admin, q);
    ASSERT_EQ(page.total, 1);
    EXPECT_EQ(page.items[0].id, p.id);
    EXPECT_EQ(store::programs::list(conn(), s.tc_teacher_user, q).total, 1);
    // The school counts its own pairing; the bureau counts both.
    auto seen = store::programs::get(conn(), s.tc_school_admin, p.id);
    EXPECT_EQ(seen.pairing_count, 1);
    EXPECT_EQ(seen.active_pairing_count, 1);
    auto bureau = store::programs::get(conn(), s.tc_bureau, p.id);
    EXPECT_EQ(bureau.pairing_count, 2);
    EXPECT_EQ(bureau.active_pairing_count, 1);
    EXPECT_EQ(error_kind([&] { store::programs::get(conn(), s.tc_school_admin, other.id); }),
              K::not_found);
    // 霍城's bureau sees the program through the pairing with its school (cross-region support).
    EXPECT_EQ(store::programs::list(conn(), s.hc_bureau, q).total, 1);
    EXPECT_EQ(store::programs::get(conn(), s.hc_bureau, p.id).pairing_count, 1);
}

TEST_P(ProgramRepositoryTest, ArchivesInsteadOfDeletingWhenReferredTo) {
    auto s = seed();
    auto empty = store::programs::create(conn(), s.tc_bureau, draft("空项目", "421222"), {});
    EXPECT_EQ(store::programs::remove(conn(), s.tc_bureau, empty.id),
              store::programs::Removal::deleted);
    EXPECT_EQ(error_kind([&] { store::programs::get(conn(), s.system, empty.id); }), K::not_found);
    EXPECT_EQ(audit_rows("delete", empty.id), 1);

    auto used = store::programs::create(conn(), s.tc_bureau, draft("有结对的项目", "421222"), {});
    insert_pairing(used.id, s.tc_school2, s.tc_school);
    EXPECT_EQ(store::programs::remove(conn(), s.tc_bureau, used.id),
              store::programs::Removal::archived);
    EXPECT_TRUE(store::programs::get(conn(), s.tc_bureau, used.id).archived);
    EXPECT_EQ(audit_rows("archive", used.id), 1);
    store::ListQuery q;
    EXPECT_EQ(store::programs::list(conn(), s.tc_bureau, q).total, 0);
    q.filters = {{"archived", "true"}};
    EXPECT_EQ(store::programs::list(conn(), s.tc_bureau, q).total, 1);
    // PATCH archived:false restores it.
    auto restored = store::programs::update(
        conn(), s.tc_bureau, used.id, boost::json::parse(R"({"archived":false})").as_object());
    EXPECT_FALSE(restored.archived);

    // A leading-group member alone also keeps the program.
    auto led = store::programs::create(conn(), s.tc_bureau, draft("有领导小组", "421222"), {});
    auto now = store::now_utc();
    conn().execute(
        "INSERT INTO leading_group_members (program, role, name, created_at, updated_at) "
        "VALUES (?, 'leader', '王局长', ?, ?)",
        {led.id, now, now});
    EXPECT_EQ(store::programs::remove(conn(), s.tc_bureau, led.id),
              store::programs::Removal::archived);
}

TEST_P(ProgramRepositoryTest, FiltersSearchesAndSorts) {
    auto s = seed();
    auto a = draft("安乐帮扶", "421222105");
    a.start_date = "2013-01-01";
    store::programs::create(conn(), s.system, a, {});
    auto b = draft("北港帮扶", "421222");
    b.kind = "kindergarten_pairing";
    b.status = "planning";
    store::programs::create(conn(), s.system, b, {});
    store::programs::create(conn(), s.system, draft("霍城帮扶", "654023"), {});
    store::ListQuery q;
    auto page = store::programs::list(conn(), s.system, q);
    ASSERT_EQ(page.total, 3);
    EXPECT_EQ(page.items[0].name, "安乐帮扶");  // pinyin order: an < bei < huo
    EXPECT_EQ(page.items[2].name, "霍城帮扶");
    q.sort = "-start_date";
    EXPECT_EQ(store::programs::list(conn(), s.system, q).items[0].name, "安乐帮扶");
    store::ListQuery f;
    f.filters = {{"region", "421222"}};
    EXPECT_EQ(store::programs::list(conn(), s.system, f).total, 2);  // with the township
    f.filters = {{"kind", "kindergarten_pairing"}};
    EXPECT_EQ(store::programs::list(conn(), s.system, f).total, 1);
    f.filters = {{"status", "planning"}};
    EXPECT_EQ(store::programs::list(conn(), s.system, f).total, 1);
    f.filters = {{"status", "sleeping"}};
    EXPECT_EQ(error_kind([&] { store::programs::list(conn(), s.system, f); }), K::malformed);
    f.filters = {{"colour", "red"}};
    EXPECT_EQ(error_kind([&] { store::programs::list(conn(), s.system, f); }), K::malformed);
    store::ListQuery search;
    search.q = "霍城";
    EXPECT_EQ(store::programs::list(conn(), s.system, search).total, 1);
    store::ListQuery bad_sort;
    bad_sort.sort = "goals";
    EXPECT_EQ(error_kind([&] { store::programs::list(conn(), s.system, bad_sort); }), K::malformed);
}
