#include "core/user.hpp"

#include <gtest/gtest.h>

using namespace bangfu::core;

TEST(User, RegionalRolesNeedARegionInstitutionalRolesAnInstitution) {
    User u{0,
           "tongcheng",
           "通城县教育局",
           "bureau_admin",
           std::nullopt,
           std::nullopt,
           std::nullopt,
           false,
           "",
           ""};
    EXPECT_TRUE(validate(u).contains("region"));
    u.region = "421222";
    EXPECT_TRUE(validate(u).empty());
    u.institution = 3;
    EXPECT_TRUE(validate(u).contains("institution"));
    User t{0, "teacher1", "", "teacher", std::nullopt, 3, std::nullopt, false, "", ""};
    EXPECT_TRUE(validate(t).empty());
    t.institution.reset();
    EXPECT_TRUE(validate(t).contains("institution"));
}

TEST(User, RejectsBadUsernamesAndRoles) {
    User u{0, "张三", "", "root", std::nullopt, std::nullopt, std::nullopt, false, "", ""};
    auto e = validate(u);
    EXPECT_TRUE(e.contains("username"));
    EXPECT_TRUE(e.contains("role"));
}

TEST(User, PasswordPolicy) {
    EXPECT_TRUE(validate_password("Bangfu@2026").empty());
    EXPECT_TRUE(validate_password("short").contains("password"));
    EXPECT_TRUE(validate_password("12345678901").contains("password"));
}

TEST(User, WhoMayGrantWhichRole) {
    Actor system{1, "admin", Role::system_admin, {}, {}, {}, "", ""};
    Actor bureau{2,  "tongcheng", Role::bureau_admin,       "421222",
                 {}, {},          "/420000/421200/421222/", ""};
    Actor school{3, "shiyan", Role::institution_admin, {}, 5, {}, "/420000/421200/421222/", ""};
    Actor inspector{4,  "inspector", Role::inspector,          "421222",
                    {}, {},          "/420000/421200/421222/", ""};
    EXPECT_TRUE(may_grant_role(system, "system_admin"));
    EXPECT_FALSE(may_grant_role(bureau, "system_admin"));
    EXPECT_TRUE(may_grant_role(bureau, "bureau_admin"));
    EXPECT_TRUE(may_grant_role(school, "teacher"));
    EXPECT_FALSE(may_grant_role(school, "bureau_admin"));
    EXPECT_FALSE(may_grant_role(inspector, "teacher"));
    EXPECT_FALSE(inspector.may_write_registry());
}
