#include "core/program.hpp"

#include <gtest/gtest.h>

#include "core/inspection.hpp"

using namespace bangfu::core;

namespace {
Program valid_program() {
    Program x;
    x.name = "叶集区城乡学校结对帮扶";
    x.kind = "urban_rural_school";
    x.region = "341504";
    x.start_date = "2011-09-01";
    x.office = "叶集区城乡学校结对帮扶工作领导小组办公室（设在文教局）";
    return x;
}
template <class T>
FieldErrors read(T& x, std::string_view json) {
    FieldErrors e;
    read_json(x, boost::json::parse(json).as_object(), e);
    return e;
}
}  // namespace

TEST(Program, AcceptsAValidRecordWithOpenEnd) {
    EXPECT_TRUE(validate(valid_program()).empty());
    EXPECT_EQ(valid_program().status, "active");  // the default of a new program
}

TEST(Program, NamesEachInvalidField) {
    Program x = valid_program();
    x.name = "";
    x.kind = "school";
    x.region = "";
    x.start_date = "2011-13-01";
    x.status = "paused";
    auto e = validate(x);
    EXPECT_EQ(e.at("name").zh, "项目名称不能为空");
    EXPECT_EQ(e.at("name").en, "name is required");
    EXPECT_NE(e.at("kind").zh.find("城乡学校结对帮扶"), std::string::npos);
    EXPECT_EQ(e.at("region").zh, "主管区划不能为空");
    EXPECT_EQ(e.at("start_date").zh, "开始日期应为日期，格式 YYYY-MM-DD");
    EXPECT_NE(e.at("status").zh.find("进行中"), std::string::npos);
}

TEST(Program, EndDateMustNotPrecedeStart) {
    Program x = valid_program();
    x.end_date = "2011-08-31";
    auto e = validate(x);
    ASSERT_TRUE(e.contains("end_date"));
    EXPECT_EQ(e.at("end_date").zh, "结束日期不能早于开始日期");
    EXPECT_EQ(e.at("end_date").en, "end date must not be before the start date");
    x.end_date = "2011-09-01";  // a one-day program is fine
    EXPECT_TRUE(validate(x).empty());
    x.end_date = "someday";
    EXPECT_EQ(validate(x).at("end_date").en, "end date must be a date YYYY-MM-DD");
    x.start_date = "";
    x.end_date = "2010-01-01";
    e = validate(x);
    EXPECT_TRUE(e.contains("start_date"));
    EXPECT_FALSE(e.contains("end_date"));  // no order error without a start
}

TEST(Program, RefusesOverlongTextInsteadOfTruncating) {
    Program x = valid_program();
    x.office.clear();
    for (int i = 0; i < 201; ++i) x.office += "办";
    EXPECT_EQ(validate(x).at("office").zh, "办公室不能超过 200 个字");
    x.office.resize(200 * 3);
    EXPECT_TRUE(validate(x).empty());
}

TEST(Program, ReadsJsonRefusingUnknownAndMistypedFields) {
    Program x;
    auto e = read(x, R"({"name":" 项目 ","end_date":"","colour":"red","start_date":5,
                        "id":9,"region_name":"x","pairing_count":3})");
    EXPECT_EQ(x.name, "项目");  // trimmed
    EXPECT_FALSE(x.end_date);   // empty → no end
    EXPECT_EQ(x.id, 0);         // read-only keys are ignored
    EXPECT_EQ(e.at("colour").zh, "未知字段");
    EXPECT_EQ(e.at("start_date").zh, "开始日期应为文本");
    EXPECT_EQ(e.size(), 2u);
    auto o = to_json(x);
    EXPECT_TRUE(o.at("end_date").is_null());
    EXPECT_FALSE(o.contains("pairing_count"));  // counts only on the detail
    x.pairing_count = 2;
    EXPECT_EQ(to_json(x).at("pairing_count").as_int64(), 2);
}

TEST(LeadingGroupMember, IsAStaffRecordOrATypedName) {
    LeadingGroupMember m;
    m.role = "leader";
    auto e = validate(m);
    ASSERT_TRUE(e.contains("name"));
    EXPECT_EQ(e.at("name").zh, "请选择教职工或填写姓名");
    m.staff = 7;  // the name will come from the staff record
    EXPECT_TRUE(validate(m).empty());
    m.staff.reset();
    m.name = "王局长";
    EXPECT_TRUE(validate(m).empty());
    m.role = "boss";
    EXPECT_TRUE(validate(m).contains("role"));
}

TEST(LeadingGroupMember, ChecksLengthsAndOrder) {
    LeadingGroupMember m;
    m.role = "member";
    for (int i = 0; i < 51; ++i) m.name += "名";
    m.sort_order = -1;
    auto e = validate(m);
    EXPECT_EQ(e.at("name").zh, "姓名不能超过 50 个字");
    EXPECT_TRUE(e.contains("sort_order"));
    FieldErrors r = read(m, R"({"staff":"abc","role":"office"})");
    EXPECT_EQ(r.at("staff").zh, "教职工应为整数");
}

TEST(PolicyDocument, KeepsTheNumberAsTypedAndNeedsTitleAndDate) {
    PolicyDocument d;
    auto e = read(d, R"({"title":"关于开展城乡学校结对帮扶工作的通知",
                        "doc_number":"叶教〔2011〕45号","issuer":"叶集区文教局"})");
    EXPECT_TRUE(e.empty());
    EXPECT_EQ(d.doc_number, "叶教〔2011〕45号");
    e = validate(d);
    EXPECT_EQ(e.at("issued_on").zh, "发文日期不能为空");
    d.issued_on = "2011-09-05";
    EXPECT_TRUE(validate(d).empty());
    d.doc_number = "叶教[2011]45号";  // any bracket style
    EXPECT_TRUE(validate(d).empty());
    d.title.clear();
    EXPECT_EQ(validate(d).at("title").en, "title is required");
    e = read(d, R"({"file":3})");  // the file is set by uploading, not by PATCH
    EXPECT_TRUE(e.empty());
    EXPECT_FALSE(d.file);
}

TEST(Inspection, NeedsProgramDateAndInspectors) {
    Inspection x;
    auto e = validate(x);
    EXPECT_EQ(e.at("program").zh, "帮扶项目不能为空");
    EXPECT_EQ(e.at("inspected_on").zh, "检查日期不能为空");
    EXPECT_EQ(e.at("inspectors").zh, "检查人员不能为空");
    auto r = read(x, R"({"program":1,"pairing":null,"inspected_on":"2012-06-01",
                         "inspectors":"张督学、李督学","checked":"结对帮扶“四有”落实情况"})");
    EXPECT_TRUE(r.empty());
    EXPECT_TRUE(validate(x).empty());
    x.inspected_on = "2012-02-30";
    EXPECT_EQ(validate(x).at("inspected_on").en, "date of inspection must be a date YYYY-MM-DD");
    x.inspected_on = "2012-06-01";
    x.findings = std::string(4001, 'x');
    EXPECT_TRUE(validate(x).contains("findings"));
}
