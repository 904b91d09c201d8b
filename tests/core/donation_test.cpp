#include "core/donation.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/money.hpp"
#include "core/shared_resource.hpp"

using namespace bangfu::core;

namespace {
const Date today{2026, 11, 25};

Donation funds() {
    Donation x;
    x.program = 1;
    x.pairing = 2;
    x.kind = "funds";
    x.donated_on = "2026-11-04";
    x.donor_kind = "institution";
    x.donor_institution = 10;
    x.amount_fen = 500'000;
    x.purpose = "更换窗户玻璃";
    return x;
}

Donation materials() {
    Donation x = funds();
    x.kind = "materials";
    x.category = "furniture";
    x.quantity = 100;
    x.unit = "套";
    x.amount_fen = 0;
    return x;
}

std::set<std::string> fields(const FieldErrors& e) {
    std::set<std::string> out;
    for (const auto& [k, v] : e) out.insert(k);
    return out;
}
}  // namespace

TEST(DonationTest, AcceptsFundsAndMaterials) {
    EXPECT_TRUE(validate(funds(), today).empty());
    EXPECT_TRUE(validate(materials(), today).empty());  // a valued amount of 0 is allowed
}

TEST(DonationTest, FundsNeedAPositiveAmountAndNoMaterialFields) {
    auto x = funds();
    x.amount_fen = 0;
    x.category = "books";
    x.quantity = 3;
    x.unit = "册";
    auto e = validate(x, today);
    EXPECT_EQ(fields(e), (std::set<std::string>{"amount_fen", "category", "quantity", "unit"}));
    EXPECT_EQ(e["amount_fen"].zh, "金额应大于 0");
    x = funds();
    x.amount_fen = -1;
    EXPECT_TRUE(validate(x, today).contains("amount_fen"));
    x.amount_fen = max_amount_fen + 1;
    EXPECT_NE(validate(x, today)["amount_fen"].zh.find("上限"), std::string::npos);
}

TEST(DonationTest, MaterialsNeedCategoryQuantityAndUnit) {
    auto x = materials();
    x.category.reset();
    x.quantity.reset();
    x.unit = "";
    x.amount_fen = -5;
    auto e = validate(x, today);
    EXPECT_EQ(fields(e), (std::set<std::string>{"amount_fen", "category", "quantity", "unit"}));
    x = materials();
    x.quantity = 0;
    x.unit = "一二三四五六七八九十十";  // 11 characters: refused, not cut
    e = validate(x, today);
    EXPECT_EQ(fields(e), (std::set<std::string>{"quantity", "unit"}));
    EXPECT_NE(e["unit"].zh.find("10"), std::string::npos);
}

TEST(DonationTest, EachDonorKindNamesItsDonorInItsOwnFields) {
    auto x = funds();
    x.donor_institution.reset();
    EXPECT_EQ(fields(validate(x, today)), std::set<std::string>{"donor_institution"});

    x = funds();
    x.donor_kind = "staff";
    EXPECT_EQ(fields(validate(x, today)),
              (std::set<std::string>{"donor_institution", "donor_staff"}));
    x.donor_institution.reset();
    x.donor_staff = 7;
    EXPECT_TRUE(validate(x, today).empty());

    x = funds();
    x.donor_kind = "students";
    x.donor_name = "六年级全体学生";
    EXPECT_TRUE(validate(x, today).empty());
    x.donor_name = "";
    EXPECT_TRUE(validate(x, today).empty());  // the name of the class is optional
    x.donor_institution.reset();
    EXPECT_EQ(fields(validate(x, today)), std::set<std::string>{"donor_institution"});

    x = funds();
    x.donor_kind = "outside";
    x.donor_institution.reset();
    auto e = validate(x, today);
    EXPECT_EQ(fields(e), std::set<std::string>{"donor_name"});
    x.donor_name = "某爱心企业";
    EXPECT_TRUE(validate(x, today).empty());
    x.donor_staff = 3;
    EXPECT_EQ(fields(validate(x, today)), std::set<std::string>{"donor_staff"});

    x = funds();
    x.donor_name = "工会";  // an institution donor has no free-text name: it would be lost
    EXPECT_EQ(fields(validate(x, today)), std::set<std::string>{"donor_name"});

    x = funds();
    x.donor_kind = "parents";
    EXPECT_TRUE(validate(x, today).contains("donor_kind"));
}

TEST(DonationTest, RecipientIsRequiredWithoutAPairing) {
    auto x = funds();
    EXPECT_TRUE(validate(x, today).empty());  // the store defaults it to the pairing's recipient
    x.pairing.reset();
    EXPECT_EQ(fields(validate(x, today)), std::set<std::string>{"recipient_institution"});
    x.recipient_institution = 5;
    EXPECT_TRUE(validate(x, today).empty());
}

TEST(DonationTest, ChecksDatesKindsAndLengths) {
    auto x = funds();
    x.donated_on = "2026-13-01";
    x.kind = "gold";
    x.program = 0;
    x.purpose = std::string(501, 'a');
    auto e = validate(x, today);
    EXPECT_EQ(fields(e), (std::set<std::string>{"donated_on", "kind", "program", "purpose"}));
    x = funds();
    x.donated_on = "2026-11-26";
    EXPECT_EQ(validate(x, today)["donated_on"].zh, "捐赠日期不能晚于今天");
    x.donated_on = "";
    EXPECT_EQ(validate(x, today)["donated_on"].zh, "捐赠日期不能为空");
}

TEST(DonationTest, ReadsJsonAndRefusesUnknownKeys) {
    Donation x;
    FieldErrors e;
    read_json(x,
              boost::json::parse(R"({"program":1,"kind":"materials","category":"books",
                  "quantity":500,"unit":"册","amount_fen":1234,"donated_on":"2026-01-02",
                  "donor_kind":"outside","donor_name":"某公司","recipient_institution":9,
                  "amount_yuan":"12.34","donor_display":"x"})")
                  .as_object(),
              e);
    EXPECT_TRUE(e.empty());
    EXPECT_EQ(x.quantity, 500);
    EXPECT_EQ(x.category, "books");
    EXPECT_EQ(x.amount_fen, 1234);
    read_json(x, boost::json::parse(R"({"amount":5,"recipient_beneficiary":3})").as_object(), e);
    EXPECT_EQ(fields(e), (std::set<std::string>{"amount", "recipient_beneficiary"}));
    e.clear();
    read_json(x, boost::json::parse(R"({"amount_fen":"5000.00"})").as_object(), e);
    EXPECT_TRUE(e.contains("amount_fen"));  // fen are an integer, never text or a float
    e.clear();
    read_json(x, boost::json::parse(R"({"amount_fen":50.5})").as_object(), e);
    EXPECT_TRUE(e.contains("amount_fen"));
    auto o = to_json(x);
    EXPECT_EQ(o.at("amount_yuan").as_string(), "12.34");
    EXPECT_FALSE(o.contains("recipient_beneficiary"));
}

TEST(DonationTest, ShowsTheDonorOnOneLine) {
    auto x = funds();
    x.donor_kind = "students";
    x.donor_institution_name = "通城县实验小学";
    x.donor_name = "六年级全体学生";
    EXPECT_EQ(donor_display(x), "通城县实验小学 六年级全体学生");
    x.donor_kind = "outside";
    x.donor_name = "某公司";
    EXPECT_EQ(donor_display(x), "某公司");
}

TEST(SharedResourceTest, ValidatesKindSubjectStageAndTitle) {
    SharedResource r;
    r.owner_institution = 1;
    r.title = "《荷塘月色》教学设计";
    r.kind = "lesson_plan";
    EXPECT_TRUE(validate(r).empty());
    r.subject = "chinese";
    r.stage = "junior";
    EXPECT_TRUE(validate(r).empty());
    r.subject = "alchemy";
    r.stage = "college";
    r.kind = "";
    r.title = std::string(201, 'x');
    r.owner_institution = 0;
    auto e = validate(r);
    EXPECT_EQ(fields(e),
              (std::set<std::string>{"kind", "owner_institution", "stage", "subject", "title"}));
}

TEST(SharedResourceTest, IgnoresTheFileAndCountSentBack) {
    SharedResource r;
    FieldErrors e;
    read_json(r,
              boost::json::parse(R"({"title":"课件","kind":"courseware","download_count":99,
                  "file":{"id":3},"owner_institution":4})")
                  .as_object(),
              e);
    EXPECT_TRUE(e.empty());
    EXPECT_EQ(r.download_count, 0);
    EXPECT_FALSE(r.file.has_value());
}
