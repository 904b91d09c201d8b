#include "store/leading_group_repository.hpp"

#include "expect_error.hpp"
#include "store/program_repository.hpp"
#include "store/staff_repository.hpp"
#include "test_database.hpp"

using namespace bangfu;
using bangfu::testing::error_kind;
using bangfu::testing::field_errors;
using bangfu::testing::StoreTest;
using K = core::ErrorKind;

class LeadingGroupRepositoryTest : public StoreTest {
  protected:
    std::int64_t program(const core::Actor& a, std::string region) {
        core::Program x;
        x.name = "结对帮扶项目";
        x.kind = "urban_rural_school";
        x.region = std::move(region);
        x.start_date = "2011-09-01";
        return store::programs::create(conn(), a, x, {}).id;
    }
    core::LeadingGroupMember member(std::string role, std::string name = "",
                                    std::optional<std::int64_t> staff = std::nullopt) {
        core::LeadingGroupMember m;
        m.role = std::move(role);
        m.name = std::move(name);
        m.staff = staff;
        return m;
    }
    std::int64_t audit_rows(std::string_view action) {
        return conn().query_int(
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'leading_group_member' AND action = ?",
            {std::string(action)});
    }
};
BANGFU_STORE_TEST_SUITE(LeadingGroupRepositoryTest);

TEST_P(LeadingGroupRepositoryTest, ListsByRoleThenOrderAndAudits) {
    auto s = seed();
    auto p = program(s.tc_bureau, "421222");
    namespace lg = store::leading_group;
    lg::create(conn(), s.tc_bureau, p, member("office", "教育局办公室"), {});
    auto m2 = member("member", "张成员");
    m2.sort_order = 2;
    lg::create(conn(), s.tc_bureau, p, m2, {});
    auto m1 = member("member", "李成员");
    m1.sort_order = 1;
    lg::create(conn(), s.tc_bureau, p, m1, {});
    lg::create(conn(), s.tc_bureau, p, member("deputy", "副组长"), {});
    auto leader = member("leader", "王局长");
    leader.position = "局长";
    leader.unit = "通城县教育局";
    auto created = lg::create(conn(), s.tc_bureau, p, leader, {});
    EXPECT_EQ(created.position, "局长");
    auto items = lg::list(conn(), s.tc_bureau, p);
    ASSERT_EQ(items.size(), 5u);
    std::vector<std::string> names;
    for (const auto& x : items) names.push_back(x.name);
    EXPECT_EQ(names,
              (std::vector<std::string>{"王局长", "副组长", "李成员", "张成员", "教育局办公室"}));
    EXPECT_EQ(audit_rows("create"), 5);
    auto changed = lg::update(conn(), s.tc_bureau, p, created.id,
                              boost::json::parse(R"({"position":"党委书记、局长"})").as_object());
    EXPECT_EQ(changed.position, "党委书记、局长");
    EXPECT_EQ(changed.name, "王局长");
    EXPECT_EQ(audit_rows("update"), 1);
    lg::remove(conn(), s.tc_bureau, p, created.id);
    EXPECT_EQ(lg::list(conn(), s.tc_bureau, p).size(), 4u);
    EXPECT_EQ(audit_rows("delete"), 1);
    // A member of another program is not found through this one.
    auto other = program(s.tc_bureau, "421222");
    EXPECT_EQ(error_kind([&] { lg::remove(conn(), s.tc_bureau, other, items[1].id); }),
              K::not_found);
}

TEST_P(LeadingGroupRepositoryTest, AStaffMemberTakesTheNameFromTheRecordInScope) {
    auto s = seed();
    auto p = program(s.tc_bureau, "421222");
    namespace lg = store::leading_group;
    auto m = lg::create(conn(), s.tc_bureau, p, member("member", "", s.tc_teacher), {});
    EXPECT_EQ(m.name, "李家红");
    EXPECT_EQ(m.staff, s.tc_teacher);
    // A staff record outside the bureau's scope is not readable: error on `staff`.
    auto e = field_errors(
        [&] { lg::create(conn(), s.tc_bureau, p, member("member", "", s.hc_teacher), {}); });
    EXPECT_EQ(e.at("staff").zh, "教职工不存在或不在您的管辖范围内");
    // A typed name that differs from the staff record is refused, not silently replaced.
    e = field_errors(
        [&] { lg::create(conn(), s.tc_bureau, p, member("member", "别人", s.tc_teacher), {}); });
    EXPECT_TRUE(e.contains("name"));
    // Neither staff nor name.
    e = field_errors([&] { lg::create(conn(), s.tc_bureau, p, member("leader"), {}); });
    EXPECT_EQ(e.at("name").zh, "请选择教职工或填写姓名");
    // Switching to free text keeps the record consistent.
    auto text = lg::update(conn(), s.tc_bureau, p, m.id,
                           boost::json::parse(R"({"staff":null,"name":"赵老师"})").as_object());
    EXPECT_FALSE(text.staff);
    EXPECT_EQ(text.name, "赵老师");
    EXPECT_EQ(lg::list(conn(), s.tc_bureau, p).size(), 1u);
}

TEST_P(LeadingGroupRepositoryTest, OnlyTheProgramsBureauChangesIt) {
    auto s = seed();
    auto p = program(s.tc_bureau, "421222");
    namespace lg = store::leading_group;
    auto m = lg::create(conn(), s.tc_bureau, p, member("leader", "王局长"), {});
    for (const auto* actor :
         {&s.hc_bureau, &s.tc_inspector, &s.tc_school_admin, &s.tc_teacher_user}) {
        EXPECT_EQ(error_kind([&] { lg::create(conn(), *actor, p, member("member", "x"), {}); }),
                  K::forbidden);
        EXPECT_EQ(error_kind([&] {
                      lg::update(conn(), *actor, p, m.id,
                                 boost::json::parse(R"({"name":"x"})").as_object());
                  }),
                  K::forbidden);
        EXPECT_EQ(error_kind([&] { lg::remove(conn(), *actor, p, m.id); }), K::forbidden);
    }
    EXPECT_EQ(error_kind([&] { lg::list(conn(), s.hc_bureau, p); }), K::not_found);
    EXPECT_EQ(lg::list(conn(), s.tc_inspector, p).size(), 1u);
    EXPECT_EQ(lg::list(conn(), s.system, p).front().name, "王局长");
}

TEST_P(LeadingGroupRepositoryTest, AStaffRecordInALeadingGroupIsArchivedNotDeleted) {
    auto s = seed();
    auto p = program(s.tc_bureau, "421222");
    store::leading_group::create(conn(), s.tc_bureau, p, member("member", "", s.tc_teacher), {});
    // The teacher also has a user account in the seed; a second staff member has none.
    core::Staff x;
    x.name = "周老师";
    x.gender = "male";
    x.institution = s.tc_school;
    x.subjects = {"math"};
    auto zhou = store::staff::create(conn(), s.tc_bureau, x, {});
    store::leading_group::create(conn(), s.tc_bureau, p, member("member", "", zhou.id), {});
    EXPECT_EQ(store::staff::remove(conn(), s.tc_bureau, zhou.id), store::staff::Removal::archived);
    EXPECT_EQ(store::leading_group::list(conn(), s.tc_bureau, p).size(), 2u);
}
