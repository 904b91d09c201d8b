#include "core/beneficiary.hpp"

#include <gtest/gtest.h>

using namespace bangfu::core;

namespace {
const Date today{2026, 11, 29};

// A valid fictional number: region 510182, born 2010-03-15, sequence 123, then its check digit.
std::string valid_id(std::string_view first17 = "51018220100315123") {
    return std::string(first17) + id_number_check_digit(first17);
}

Beneficiary student() {
    Beneficiary x;
    x.kind = "student";
    x.name = "宁浩泽";
    x.gender = "male";
    x.institution = 1;
    return x;
}
}  // namespace

TEST(BeneficiaryTest, ChecksIdNumbersByGb11643) {
    // The worked example of GB 11643-1999 (a published sample number) has check digit X.
    EXPECT_EQ(id_number_check_digit("11010519491231002"), 'X');
    EXPECT_FALSE(id_number_problem("11010519491231002X"));
    auto id = valid_id();
    EXPECT_FALSE(id_number_problem(id));
    std::string wrong = id;
    wrong[17] = wrong[17] == '0' ? '1' : '0';
    ASSERT_TRUE(id_number_problem(wrong));
    EXPECT_NE(id_number_problem(wrong)->zh.find("校验位"), std::string::npos);
    EXPECT_TRUE(id_number_problem("5101822010031512"));    // 16 characters
    EXPECT_TRUE(id_number_problem("51018220101315123X"));  // month 13
    EXPECT_TRUE(id_number_problem("5101822010031512AB"));  // letters
    EXPECT_EQ(id_number_birth_date(id), "2010-03-15");
    EXPECT_EQ(normalise_id_number(" 11010519491231002x "), "11010519491231002X");
}

TEST(BeneficiaryTest, TheIdNumberMustAgreeWithTheDateOfBirth) {
    auto x = student();
    x.id_number = valid_id();
    x.birth_date = "2010-03-16";
    auto e = validate(x, today);
    ASSERT_TRUE(e.contains("id_number"));
    EXPECT_NE(e.at("id_number").zh.find("2010-03-15"), std::string::npos);
    x.birth_date.reset();
    complete_from_id_number(x);
    EXPECT_EQ(x.birth_date, "2010-03-15");
    EXPECT_TRUE(validate(x, today).empty());
}

TEST(BeneficiaryTest, MasksPersonalDataWithoutTheBirthDate) {
    auto x = student();
    x.id_number = valid_id();
    x.phone = "13812345678";
    x.address = "彭州市天彭镇某街 1 号";
    x.family_situation = "父母在外务工，随祖父母生活";
    auto masked = to_json(x, true);
    EXPECT_EQ(masked.at("id_number").as_string(), "510***********" + x.id_number.substr(14));
    EXPECT_EQ(std::string(masked.at("id_number").as_string()).find("20100315"), std::string::npos);
    EXPECT_EQ(masked.at("phone").as_string(), "138****5678");
    EXPECT_EQ(masked.at("address").as_string(), "******");
    EXPECT_EQ(masked.at("family_situation").as_string(), "******");
    EXPECT_TRUE(masked.at("personal_masked").as_bool());
    auto open = to_json(x, false);
    EXPECT_EQ(open.at("id_number").as_string(), x.id_number);
    EXPECT_FALSE(open.at("personal_masked").as_bool());
    EXPECT_EQ(mask_id_number("12345"), "******");
}

TEST(BeneficiaryTest, AMaskedValueSentBackKeepsTheStoredOne) {
    auto x = student();
    x.id_number = valid_id();
    x.phone = "13812345678";
    auto shown = to_json(x, true);
    FieldErrors e;
    read_json(x, shown, e);
    EXPECT_TRUE(e.empty());
    EXPECT_EQ(x.id_number, valid_id());
    EXPECT_EQ(x.phone, "13812345678");
    read_json(x, {{"phone", "13900001111"}}, e);
    EXPECT_EQ(x.phone, "13900001111");
}

TEST(BeneficiaryTest, OnlyAFullIdNumberIsASearchForOne) {
    EXPECT_TRUE(looks_like_full_id_number(valid_id()));
    EXPECT_TRUE(looks_like_full_id_number("11010519491231002x"));
    EXPECT_FALSE(looks_like_full_id_number("51018220100315"));
    EXPECT_FALSE(looks_like_full_id_number("宁浩泽"));
}

TEST(BeneficiaryTest, ValidatesDictionariesMembersAndIncome) {
    auto x = student();
    x.categories = {"registered_poor", "alchemy"};
    x.poverty_causes = {"illness"};
    auto e = validate(x, today);
    EXPECT_TRUE(e.contains("categories"));
    EXPECT_TRUE(e.contains("poverty_causes"));  // students have no causes of poverty
    Beneficiary h;
    h.kind = "household";
    h.name = "张某某";
    h.institution = 2;
    FieldErrors re;
    read_json(h,
              {{"annual_income", "3650.50"},
               {"poverty_causes", {"illness", "education"}},
               {"members", {{{"name", "张小某"}, {"birth_date", "2012-02-30"}}}}},
              re);
    EXPECT_TRUE(re.empty());
    EXPECT_EQ(h.annual_income_fen, 365050);
    e = validate(h, today);
    ASSERT_TRUE(e.contains("members"));
    EXPECT_NE(e.at("members").zh.find("第 1 位"), std::string::npos);
    h.members[0].birth_date = "2012-02-28";
    h.members[0].labour_capacity = "none";
    EXPECT_TRUE(validate(h, today).empty());
    read_json(h, {{"annual_income", "1.234"}}, re);
    EXPECT_TRUE(re.contains("annual_income"));
}

TEST(BeneficiaryTest, AStudentIsAChildOrAYoungAdult) {
    auto x = student();
    x.birth_date = "1980-01-01";
    auto e = validate(x, today);
    ASSERT_TRUE(e.contains("birth_date"));
    EXPECT_NE(e.at("birth_date").zh.find("46 岁"), std::string::npos);
    x.birth_date = "2026-06-01";
    EXPECT_TRUE(validate(x, today).contains("birth_date"));
    x.birth_date = "2010-06-01";
    EXPECT_TRUE(validate(x, today).empty());
}
