#include "core/staff.hpp"

#include <gtest/gtest.h>

using namespace bangfu::core;

namespace {
const Date today{2026, 11, 25};
Staff valid() {
    Staff s;
    s.name = "李家红";
    s.gender = "female";
    s.institution = 1;
    s.subjects = {"chinese", "math"};
    s.years_teaching = 18;
    s.birth_date = "1982-04-09";
    s.phone = "13800005678";
    return s;
}
}  // namespace

TEST(Staff, AcceptsAValidRecord) {
    EXPECT_TRUE(validate(valid(), today).empty());
}

TEST(Staff, RejectsNegativeYearsAndUnknownSubjects) {
    Staff s = valid();
    s.years_teaching = -1;
    s.subjects = {"chinese", "alchemy"};
    auto e = validate(s, today);
    EXPECT_EQ(e.at("years_teaching").zh, "教龄不能为负数");
    EXPECT_NE(e.at("subjects").zh.find("alchemy"), std::string::npos);
}

TEST(Staff, RejectsDuplicateSubjects) {
    Staff s = valid();
    s.subjects = {"math", "math"};
    EXPECT_TRUE(validate(s, today).contains("subjects"));
}

TEST(Staff, ChecksBirthDateAgainstTodayAndYearsOfTeaching) {
    Staff s = valid();
    s.birth_date = "2027-01-01";
    EXPECT_TRUE(validate(s, today).contains("birth_date"));
    s.birth_date = "2020-01-01";  // six years old
    EXPECT_TRUE(validate(s, today).contains("birth_date"));
    s.birth_date = "1990-02-30";
    EXPECT_TRUE(validate(s, today).contains("birth_date"));
    s.birth_date = "2000-01-01";  // 26 years old, cannot have taught 18 years
    EXPECT_TRUE(validate(s, today).contains("years_teaching"));
}

TEST(Staff, MasksThePhoneOnlyWhenAsked) {
    Staff s = valid();
    EXPECT_EQ(to_json(s, true).at("phone").as_string(), "138****5678");
    EXPECT_EQ(to_json(s, false).at("phone").as_string(), "13800005678");
}

TEST(Staff, ReadsSubjectListsAndRejectsNonLists) {
    Staff s = valid();
    FieldErrors e;
    read_json(s, boost::json::parse(R"({"subjects": "math"})").as_object(), e);
    EXPECT_TRUE(e.contains("subjects"));
    EXPECT_EQ(s.subjects, (std::vector<std::string>{"chinese", "math"}));
}
