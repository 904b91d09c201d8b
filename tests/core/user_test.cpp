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
    EXPECT_TRUE(validate_password("Bangfu@2026", "admin").empty());
    EXPECT_TRUE(validate_password("班级管理员2026年春", "teacher").empty());
    // Each of these was accepted before issue 17: too short, one character, blanks, a keyboard
    // run, a dictionary word, the username itself, NUL and line breaks.
    for (std::string weak :
         {std::string("short"), std::string("password"), std::string("aaaaaaaaaaaa"),
          std::string(10, ' '), std::string("qwertyuiop"), std::string("1234567890"),
          std::string("abcdefghij"), std::string("zhangsan2026"), std::string("Zhangsan2026"),
          std::string("Bangfu\x00@2026x", 13), std::string("Bangfu\n@2026x"),
          std::string("Bangfu\t@2026x"), std::string(129, 'x')}) {
        auto e = validate_password(weak, "zhangsan2026");
        EXPECT_TRUE(e.contains("password")) << weak;
    }
    auto e = validate_password("password", "x1");
    ASSERT_TRUE(e.contains("password"));
    EXPECT_NE(e["password"].zh.find("10"), std::string::npos) << e["password"].zh;
    e = validate_password("zhangsan2026", "zhangsan2026");
    EXPECT_NE(e["password"].zh.find("用户名"), std::string::npos) << e["password"].zh;
    e = validate_password("qwertyuiop", "x1");
    EXPECT_NE(e["password"].zh.find("猜"), std::string::npos) << e["password"].zh;
    e = validate_password(std::string("Bangfu\x00@2026x", 13), "x1");
    EXPECT_NE(e["password"].zh.find("控制字符"), std::string::npos) << e["password"].zh;
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
