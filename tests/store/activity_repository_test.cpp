#include "store/activity_repository.hpp"

#include "core/password.hpp"
#include "expect_error.hpp"
#include "store/auth_repository.hpp"
#include "store/clock.hpp"
#include "store/dictionary_repository.hpp"
#include "store/institution_repository.hpp"
#include "store/staff_repository.hpp"
#include "store/user_repository.hpp"
#include "test_database.hpp"

using namespace bangfu;
using bangfu::testing::error_kind;
using bangfu::testing::field_errors;
using bangfu::testing::StoreTest;
using K = core::ErrorKind;

namespace {
// A valid PNG (1×1, 8-bit grey).
const std::string png{
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00"
    "\x00\x01\x08\x00\x00\x00\x00\x3a\x7e\x9b\x55\x00\x00\x00\x0a\x49\x44\x41\x54\x78\x9c\x63"
    "\x68\x00\x00\x00\x82\x00\x81\x77\xcd\x72\xb6\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60"
    "\x82",
    67};
}  // namespace

class ActivityRepositoryTest : public StoreTest {
  protected:
    bangfu::testing::Seed s;
    std::int64_t tc_program = 0, hc_program = 0, pairing = 0, supporter_teacher = 0;
    core::Actor supporter_admin, hc_school_admin;

    // The programs and pairing the activities hang off, inserted directly (their own slices
    // own the repositories).
    void SetUp() override {
        StoreTest::SetUp();
        if (IsSkipped()) return;
        s = seed();
        auto& c = conn();
        auto now = store::now_utc();
        auto program = [&](const char* name, const char* region) {
            return c.query_int(
                "INSERT INTO programs (name, name_key, kind, region, start_date, status, "
                "created_at, updated_at) VALUES (?, ?, 'urban_rural', ?, '2026-09-01', 'active', "
                "?, ?) RETURNING id",
                {name, name, region, now, now});
        };
        tc_program = program("通城县城乡学校结对帮扶", "421222");
        hc_program = program("霍城县对口支援", "654023");
        pairing = c.query_int(
            "INSERT INTO pairings (program, supporter, recipient, start_date, status, created_at, "
            "updated_at) VALUES (?, ?, ?, '2026-09-01', 'active', ?, ?) RETURNING id",
            {tc_program, s.tc_school2, s.tc_school, now, now});
        core::Staff t;
        t.name = "吴恒珍";
        t.gender = "female";
        t.institution = s.tc_school2;
        t.subjects = {"music"};
        supporter_teacher = store::staff::create(c, s.system, t, {}).id;
        auto user = [&](const char* name, std::int64_t inst) {
            core::User u;
            u.username = name;
            u.role = "institution_admin";
            u.institution = inst;
            auto id = store::auth::bootstrap_user(c, u, std::string("Bangfu@2026"));
            return *store::users::load_actor(c, id);
        };
        supporter_admin = user("shiyan", s.tc_school2);
        hc_school_admin = user("huocheng1z", s.hc_school);
    }

    core::Activity visit() {
        core::Activity x;
        x.program = tc_program;
        x.pairing = pairing;
        x.type = "teacher_visit";
        x.start_date = "2026-11-04";
        x.end_date = "2026-11-04";
        x.host_institution = s.tc_school;
        x.visiting_institution = s.tc_school2;
        x.leaders_count = 1;
        x.teachers_count = 5;
        x.topic = "送教下乡";
        x.participants = {{supporter_teacher, "授课教师", "", ""}};
        return x;
    }
    core::Activity demo_class() {
        core::Activity x = visit();
        x.type = "demonstration_class";
        x.teacher = supporter_teacher;
        x.subject = "music";
        x.topic = "音乐课《小雨沙沙》";
        x.audience_size = 45;
        x.students_count = 40;
        return x;
    }
    core::Activity hc_activity() {
        core::Activity x;
        x.program = hc_program;
        x.type = "training";
        x.start_date = "2026-10-30";
        x.end_date = "2026-11-02";
        x.host_institution = s.hc_school;
        x.teachers_count = 20;
        x.medical_count = 3;
        return x;
    }
};
BANGFU_STORE_TEST_SUITE(ActivityRepositoryTest);

TEST_P(ActivityRepositoryTest, CreatesReadsUpdatesAndDeletesWithParticipants) {
    auto created = store::activities::create(conn(), supporter_admin, demo_class(), {});
    EXPECT_EQ(created.type_label.zh, "示范课");
    EXPECT_EQ(created.pairing_label, "通城县实验小学 → 五里镇湾头小学");
    EXPECT_EQ(created.host_name, "五里镇湾头小学");
    EXPECT_EQ(created.teacher_name, "吴恒珍");
    ASSERT_EQ(created.participants.size(), 1u);
    EXPECT_EQ(created.participants[0].name, "吴恒珍");
    EXPECT_EQ(created.participants[0].institution_name, "通城县实验小学");

    // PATCH without participants keeps them; with participants replaces them.
    auto updated = store::activities::update(conn(), supporter_admin, created.id,
                                             {{"outcome", "听课教师一致好评"}});
    EXPECT_EQ(updated.outcome, "听课教师一致好评");
    EXPECT_EQ(updated.participants.size(), 1u);
    updated = store::activities::update(
        conn(), s.system, created.id,
        {{"participants",
          boost::json::array{boost::json::object{{"staff", s.tc_teacher}, {"role", "听课"}},
                             boost::json::object{{"staff", supporter_teacher}}}}});
    ASSERT_EQ(updated.participants.size(), 2u);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM activity_participants WHERE activity = ?",
                               {created.id}),
              2);
    EXPECT_EQ(store::activities::get(conn(), s.tc_teacher_user, created.id).topic,
              "音乐课《小雨沙沙》");
    EXPECT_GE(conn().query_int("SELECT COUNT(*) FROM audit_log WHERE entity = 'activity'"), 3);

    store::activities::add_attachment(conn(), supporter_admin, created.id, "IMG_0412.png", png);
    // The recipient's admin cannot read the supporter's teacher, yet may edit the activity and
    // keep her: only people newly named must be readable.
    updated = store::activities::update(
        conn(), s.tc_school_admin, created.id,
        {{"outcome", "湾头小学教师反响热烈"},
         {"participants",
          boost::json::array{boost::json::object{{"staff", supporter_teacher}, {"role", "授课"}},
                             boost::json::object{{"staff", s.tc_teacher}}}}});
    EXPECT_EQ(updated.teacher, supporter_teacher);
    EXPECT_EQ(updated.participants.size(), 2u);

    store::activities::remove(conn(), supporter_admin, created.id);
    EXPECT_EQ(error_kind([&] { store::activities::get(conn(), s.system, created.id); }),
              K::not_found);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM activity_participants"), 0);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM files WHERE owner_kind = 'activity'"), 0);
}

TEST_P(ActivityRepositoryTest, ValidatesEveryFieldAndChangesNothing) {
    auto x = demo_class();
    x.teacher.reset();
    x.end_date = "2026-11-01";
    x.students_count = -1;
    x.type = "karaoke";
    auto e = field_errors([&] { store::activities::create(conn(), s.system, x, {}); });
    EXPECT_TRUE(e.contains("type"));
    EXPECT_TRUE(e.contains("end_date"));
    EXPECT_TRUE(e.contains("students_count"));
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM activities"), 0);

    // The direction must stay within the pairing.
    x = visit();
    x.visiting_institution = s.hc_school;
    e = field_errors([&] { store::activities::create(conn(), s.system, x, {}); });
    EXPECT_EQ(e.at("visiting_institution").zh, "来访单位应为该结对的帮扶方或受援方");

    // A pairing of another program.
    x = visit();
    x.program = hc_program;
    e = field_errors([&] { store::activities::create(conn(), s.system, x, {}); });
    EXPECT_EQ(e.at("pairing").zh, "该结对关系不属于所选帮扶项目");

    // Participants and teacher must be staff the actor can read.
    x = demo_class();
    x.participants = {{s.hc_teacher, "", "", ""}};
    e = field_errors([&] { store::activities::create(conn(), supporter_admin, x, {}); });
    EXPECT_TRUE(e.contains("participants"));
    x.participants = {};
    x.teacher = 999999;
    e = field_errors([&] { store::activities::create(conn(), supporter_admin, x, {}); });
    EXPECT_TRUE(e.contains("teacher"));
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM activities"), 0);

    auto created = store::activities::create(conn(), s.system, visit(), {});
    e = field_errors([&] {
        store::activities::update(conn(), s.system, created.id,
                                  {{"topic", std::string(201, 'x')}, {"colour", "red"}});
    });
    EXPECT_TRUE(e.contains("topic"));
    EXPECT_TRUE(e.contains("colour"));
    EXPECT_EQ(store::activities::get(conn(), s.system, created.id).topic, "送教下乡");
}

TEST_P(ActivityRepositoryTest, EnforcesTheScopeOfThePairingsWork) {
    // Both sides' institution admins and the county bureau may record.
    auto by_supporter = store::activities::create(conn(), supporter_admin, visit(), {});
    // (The recipient's admin cannot name the supporter's staff: participants must be readable.)
    auto v = visit();
    EXPECT_TRUE(field_errors([&] {
                    store::activities::create(conn(), s.tc_school_admin, v, {});
                }).contains("participants"));
    v.participants = {{s.tc_teacher, "", "", ""}};
    auto by_recipient = store::activities::create(conn(), s.tc_school_admin, v, {});
    auto by_bureau = store::activities::create(conn(), s.tc_bureau, visit(), {});
    auto hc = store::activities::create(conn(), s.hc_bureau, hc_activity(), {});

    // Another school's admin is refused (403), reads nothing of it (404).
    EXPECT_EQ(error_kind([&] { store::activities::create(conn(), hc_school_admin, visit(), {}); }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] { store::activities::get(conn(), hc_school_admin, by_supporter.id); }),
              K::not_found);
    EXPECT_EQ(
        error_kind([&] {
            store::activities::update(conn(), hc_school_admin, by_supporter.id, {{"topic", "x"}});
        }),
        K::forbidden);
    // The county bureau does not read Huocheng's activities, nor record under its program.
    EXPECT_EQ(error_kind([&] { store::activities::get(conn(), s.tc_bureau, hc.id); }),
              K::not_found);
    EXPECT_EQ(
        error_kind([&] { store::activities::create(conn(), s.tc_bureau, hc_activity(), {}); }),
        K::forbidden);
    // Inspectors and teachers read but do not write.
    EXPECT_EQ(store::activities::get(conn(), s.tc_inspector, by_bureau.id).id, by_bureau.id);
    EXPECT_EQ(error_kind([&] { store::activities::create(conn(), s.tc_inspector, visit(), {}); }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] {
                  store::activities::update(conn(), s.tc_inspector, by_bureau.id, {{"topic", "x"}});
              }),
              K::forbidden);
    EXPECT_EQ(
        error_kind([&] { store::activities::remove(conn(), s.tc_teacher_user, by_bureau.id); }),
        K::forbidden);
    EXPECT_EQ(error_kind([&] {
                  store::activities::add_attachment(conn(), s.tc_inspector, by_bureau.id, "a.png",
                                                    png);
              }),
              K::forbidden);

    store::ListQuery q;
    EXPECT_EQ(store::activities::list(conn(), s.system, q).total, 4);
    EXPECT_EQ(store::activities::list(conn(), s.tc_bureau, q).total, 3);
    EXPECT_EQ(store::activities::list(conn(), s.tc_teacher_user, q).total, 3);
    EXPECT_EQ(store::activities::list(conn(), hc_school_admin, q).total, 0);
    EXPECT_EQ(store::activities::list(conn(), s.hc_bureau, q).total, 1);
    (void)by_recipient;
}

TEST_P(ActivityRepositoryTest, FiltersSortsAndSearches) {
    auto a1 = store::activities::create(conn(), s.system, demo_class(), {});
    auto v = visit();
    v.start_date = "2026-12-01";
    v.end_date = "2026-12-01";
    v.topic = "期末教研";
    v.content = "集体备课";
    auto a2 = store::activities::create(conn(), s.system, v, {});
    auto a3 = store::activities::create(conn(), s.system, hc_activity(), {});
    auto ids = [&](std::map<std::string, std::string> filters, std::string q = "") {
        store::ListQuery lq;
        lq.filters = std::move(filters);
        lq.q = std::move(q);
        std::vector<std::int64_t> out;
        for (const auto& x : store::activities::list(conn(), s.system, lq).items)
            out.push_back(x.id);
        return out;
    };
    using V = std::vector<std::int64_t>;
    EXPECT_EQ(ids({}), (V{a2.id, a1.id, a3.id}));  // newest first
    EXPECT_EQ(ids({{"program", std::to_string(tc_program)}}), (V{a2.id, a1.id}));
    EXPECT_EQ(ids({{"pairing", std::to_string(pairing)}}), (V{a2.id, a1.id}));
    EXPECT_EQ(ids({{"type", "demonstration_class"}}), (V{a1.id}));
    EXPECT_EQ(ids({{"teacher", std::to_string(supporter_teacher)}}), (V{a1.id}));
    EXPECT_EQ(ids({{"institution", std::to_string(s.hc_school)}}), (V{a3.id}));
    EXPECT_EQ(ids({{"institution", std::to_string(s.tc_school2)}}), (V{a2.id, a1.id}));
    // The training of 30 Oct – 2 Nov overlaps November.
    EXPECT_EQ(ids({{"date_from", "2026-11-01"}, {"date_to", "2026-11-30"}}), (V{a1.id, a3.id}));
    EXPECT_EQ(ids({}, "备课"), (V{a2.id}));
    EXPECT_EQ(error_kind([&] { ids({{"type", "karaoke"}}); }), K::malformed);
    EXPECT_EQ(error_kind([&] { ids({{"date_from", "11/01"}}); }), K::malformed);
    EXPECT_EQ(error_kind([&] {
                  ids({{"date_from", "2026-12-01"}, {"date_to", "2026-11-01"}});
              }),
              K::malformed);
    EXPECT_EQ(error_kind([&] { ids({{"colour", "red"}}); }), K::malformed);
}

TEST_P(ActivityRepositoryTest, CountsStatisticsByTypeAndMonth) {
    store::activities::create(conn(), s.system, demo_class(), {});   // 1+5+40 = 46
    store::activities::create(conn(), s.system, demo_class(), {});   // 46
    store::activities::create(conn(), s.system, visit(), {});        // 6
    store::activities::create(conn(), s.system, hc_activity(), {});  // 23, October
    store::ListQuery q;
    auto by_type =
        store::activities::stats(conn(), s.system, q, store::activities::StatsGroup::type);
    ASSERT_EQ(by_type.size(), 3u);
    // Dictionary order: teacher visit, demonstration class, training.
    EXPECT_EQ(by_type[0].key, "teacher_visit");
    EXPECT_EQ(by_type[0].activities, 1);
    EXPECT_EQ(by_type[0].person_times, 6);
    EXPECT_EQ(by_type[1].key, "demonstration_class");
    EXPECT_EQ(by_type[1].label.zh, "示范课");
    EXPECT_EQ(by_type[1].activities, 2);
    EXPECT_EQ(by_type[1].students, 80);
    EXPECT_EQ(by_type[1].person_times, 92);
    EXPECT_EQ(by_type[2].medical, 3);

    auto by_month =
        store::activities::stats(conn(), s.system, q, store::activities::StatsGroup::month);
    ASSERT_EQ(by_month.size(), 2u);
    EXPECT_EQ(by_month[0].key, "2026-10");
    EXPECT_EQ(by_month[0].label.zh, "2026年10月");
    EXPECT_EQ(by_month[0].person_times, 23);
    EXPECT_EQ(by_month[1].key, "2026-11");
    EXPECT_EQ(by_month[1].activities, 3);
    EXPECT_EQ(by_month[1].person_times, 98);

    // The same scope as the list: the county bureau does not count Huocheng.
    by_month =
        store::activities::stats(conn(), s.tc_bureau, q, store::activities::StatsGroup::month);
    ASSERT_EQ(by_month.size(), 1u);
    EXPECT_EQ(by_month[0].key, "2026-11");
    q.filters = {{"type", "demonstration_class"}};
    by_type = store::activities::stats(conn(), s.system, q, store::activities::StatsGroup::type);
    ASSERT_EQ(by_type.size(), 1u);
    EXPECT_EQ(by_type[0].activities, 2);
}

TEST_P(ActivityRepositoryTest, KeepsAttachmentsWithTheActivity) {
    auto x = store::activities::create(conn(), supporter_admin, visit(), {});
    auto info =
        store::activities::add_attachment(conn(), supporter_admin, x.id, "IMG_0412.png", png);
    EXPECT_EQ(info.content_type, "image/png");
    auto list = store::activities::attachments(conn(), s.tc_teacher_user, x.id);
    ASSERT_EQ(list.size(), 1u);
    auto [got, bytes] = store::activities::attachment(conn(), s.tc_inspector, x.id, info.id);
    EXPECT_EQ(bytes, png);
    EXPECT_EQ(store::activities::get(conn(), s.system, x.id).attachment_count, 1);
    // Not through another activity, not for someone out of scope.
    auto other = store::activities::create(conn(), s.system, visit(), {});
    EXPECT_EQ(
        error_kind([&] { store::activities::attachment(conn(), s.system, other.id, info.id); }),
        K::not_found);
    EXPECT_EQ(error_kind([&] { store::activities::attachments(conn(), hc_school_admin, x.id); }),
              K::not_found);
    // A renamed executable is not a photo.
    auto e = field_errors([&] {
        store::activities::add_attachment(conn(), supporter_admin, x.id, "photo.jpg",
                                          std::string("MZ\x90\0\x03\0\0\0", 8));
    });
    EXPECT_TRUE(e.contains("file"));
    store::activities::remove_attachment(conn(), s.tc_school_admin, x.id, info.id);
    EXPECT_TRUE(store::activities::attachments(conn(), s.system, x.id).empty());
}

TEST_P(ActivityRepositoryTest, AcceptsActivityTypesAnAdminAdded) {
    auto x = visit();
    x.type = "sports_meet";
    EXPECT_TRUE(
        field_errors([&] { store::activities::create(conn(), s.system, x, {}); }).contains("type"));
    store::dictionaries::add(conn(), s.system, "activity_type",
                             {"sports_meet", "联合运动会", "Joint sports meeting", false});
    auto created = store::activities::create(conn(), s.system, x, {});
    EXPECT_EQ(created.type_label.zh, "联合运动会");
    store::ListQuery q;
    q.filters = {{"type", "sports_meet"}};
    EXPECT_EQ(store::activities::list(conn(), s.system, q).total, 1);
    auto rows = store::activities::stats(conn(), s.system, {}, store::activities::StatsGroup::type);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].label.en, "Joint sports meeting");
}
