#include "core/institution.hpp"

#include <gtest/gtest.h>

using namespace bangfu::core;

namespace {
Institution valid() {
    Institution x;
    x.name = "五里镇湾头小学";
    x.kind = "primary";
    x.locality = "rural";
    x.weak = true;
    x.region = "421222105";
    return x;
}
FieldErrors read(Institution& x, std::string_view json) {
    FieldErrors e;
    read_json(x, boost::json::parse(json).as_object(), e);
    return e;
}
}  // namespace

TEST(Institution, AcceptsAValidRecord) {
    EXPECT_TRUE(validate(valid()).empty());
}

TEST(Institution, NamesEachInvalidField) {
    Institution x = valid();
    x.name = "";
    x.kind = "school";
    x.student_count = -1;
    x.latitude = 91;
    x.longitude = 10;
    x.contact_phone = "call me";
    auto e = validate(x);
    EXPECT_EQ(e.at("name").zh, "名称不能为空");
    EXPECT_NE(e.at("kind").zh.find("小学"), std::string::npos);  // lists the allowed kinds
    EXPECT_EQ(e.at("student_count").zh, "学生数不能为负数");
    EXPECT_EQ(e.at("student_count").en, "student count must not be negative");
    EXPECT_TRUE(e.contains("latitude"));
    EXPECT_TRUE(e.contains("contact_phone"));
}

TEST(Institution, RefusesOverlongTextInsteadOfTruncating) {
    Institution x = valid();
    x.name = std::string(101 * 3, 'a');
    x.name = "";
    for (int i = 0; i < 101; ++i) x.name += "学";
    EXPECT_TRUE(validate(x).contains("name"));
    x.name.resize(100 * 3);  // 100 characters is fine
    EXPECT_TRUE(validate(x).empty());
}

TEST(Institution, RequiresBothCoordinates) {
    Institution x = valid();
    x.latitude = 29.2;
    EXPECT_TRUE(validate(x).contains("longitude"));
}

TEST(Institution, ReadsOnlyTheFieldsSent) {
    Institution x = valid();
    auto e = read(x, R"({"student_count": 320, "weak": false})");
    EXPECT_TRUE(e.empty());
    EXPECT_EQ(x.student_count, 320);
    EXPECT_FALSE(x.weak);
    EXPECT_EQ(x.name, "五里镇湾头小学");
}

TEST(Institution, ReportsWrongTypesAndUnknownFields) {
    Institution x = valid();
    auto e = read(x, R"({"student_count": "many", "weak": "yes", "colour": "red", "id": 5})");
    EXPECT_EQ(e.at("student_count").zh, "学生数应为整数");
    EXPECT_TRUE(e.contains("weak"));
    EXPECT_EQ(e.at("colour").zh, "未知字段");
    EXPECT_FALSE(e.contains("id"));  // read-only fields sent back are ignored
    EXPECT_EQ(x.student_count, 0);   // nothing half-applied from a wrong type
}

TEST(Institution, TrimsTextButKeepsSqlMetacharacters) {
    Institution x = valid();
    read(x, R"({"name": "  测试'; DROP TABLE institutions;--  "})");
    EXPECT_EQ(x.name, "测试'; DROP TABLE institutions;--");
}
