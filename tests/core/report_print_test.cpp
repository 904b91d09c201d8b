// The summary as printed (issue 6, "Size"): a table longer than print_row_limit is printed as a
// grouped table of the same facts whose counts and sums add up to the full table's, with a note
// in both languages naming the row count and the workbook; a table within the limit is printed
// row by row, unchanged.
#include "core/report_print.hpp"

#include <gtest/gtest.h>

#include <map>

#include "core/dispatch_summary.hpp"
#include "core/money.hpp"
#include "core/pairing_work_summary.hpp"

namespace bangfu::core::report {
namespace {

const Text chemistry{"化学", "Chemistry"}, math{"数学", "Math"}, chinese{"语文", "Chinese"};

// `n` demonstration classes: every third chemistry, the rest alternating math and Chinese;
// audience 10, 11, 12, … so the sums are not a multiple of the count.
std::vector<DemonstrationClassFact> classes(std::size_t n) {
    std::vector<DemonstrationClassFact> out;
    for (std::size_t i = 0; i < n; ++i)
        out.push_back({"2026-10-15", "教师" + std::to_string(i),
                       i % 3 == 0   ? chemistry
                       : i % 3 == 1 ? math
                                    : chinese,
                       "课题" + std::to_string(i), "学校" + std::to_string(i % 7),
                       static_cast<std::int64_t>(10 + i)});
    return out;
}

Section activities(std::size_t n) {
    PairingWorkFacts f;
    f.demonstration_classes = classes(n);
    for (auto& s : pairing_work_sections(f, {"", 2026, ""}))
        if (s.key == "activities") return s;
    throw std::runtime_error("no activities section");
}

const Table& table(const Section& s, std::string_view key) {
    for (const auto& t : s.tables)
        if (t.key == key) return t;
    throw std::runtime_error("no table " + std::string(key));
}

std::int64_t num(const Text& t) {
    return std::stoll(t.zh);
}
std::int64_t fen(const Text& t) {
    return parse_yuan(t.zh).value();
}

bool holds(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

TEST(ReportPrint, ATableOfExactlyTheLimitIsPrintedRowByRow) {
    auto s = activities(print_row_limit);
    const auto& full = table(s, "demonstration_classes");
    ASSERT_EQ(full.rows.size(), print_row_limit);
    auto printed = table_for_print(full);
    EXPECT_EQ(printed.rows.size(), print_row_limit);
    EXPECT_EQ(printed.rows[7][1].zh, "教师7");
    EXPECT_EQ(printed.columns.size(), full.columns.size());
    EXPECT_TRUE(printed.note.zh.empty());
    EXPECT_TRUE(printed.note.en.empty());
}

TEST(ReportPrint, OneRowMoreIsGroupedBySubjectWithCountsAndSums) {
    const auto n = print_row_limit + 1;
    auto s = activities(n);
    const auto& full = table(s, "demonstration_classes");
    auto printed = table_for_print(full);
    EXPECT_EQ(printed.key, "demonstration_classes");
    EXPECT_EQ(printed.title.zh, "示范课（按学科汇总）");
    EXPECT_EQ(printed.title.en, "Demonstration classes by subject");
    ASSERT_EQ(printed.columns.size(), 3u);
    EXPECT_EQ(printed.columns[0].zh, "学科");
    EXPECT_EQ(printed.columns[0].en, "Subject");
    EXPECT_EQ(printed.columns[1].zh, "节数");
    EXPECT_EQ(printed.columns[2].zh, "听课人数");
    EXPECT_EQ(printed.numeric_columns, (std::vector<std::size_t>{1, 2}));

    // What the full table says, counted here by subject.
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> want;
    std::int64_t audience = 0;
    for (const auto& row : full.rows) {
        want[row[2].zh].first += 1;
        want[row[2].zh].second += num(row[5]);
        audience += num(row[5]);
    }
    // Three subjects and the total row.
    ASSERT_EQ(printed.rows.size(), 4u);
    std::int64_t counted = 0, summed = 0;
    for (std::size_t i = 0; i < 3; ++i) {
        const auto& row = printed.rows[i];
        ASSERT_TRUE(want.contains(row[0].zh)) << row[0].zh;
        EXPECT_EQ(num(row[1]), want[row[0].zh].first) << row[0].zh;
        EXPECT_EQ(num(row[2]), want[row[0].zh].second) << row[0].zh;
        counted += num(row[1]);
        summed += num(row[2]);
    }
    EXPECT_EQ(counted, static_cast<std::int64_t>(n));
    EXPECT_EQ(summed, audience);
    // The subjects keep both languages; the largest group first (chemistry: 67 of 201).
    EXPECT_EQ(printed.rows[0][0].zh, "化学");
    EXPECT_EQ(printed.rows[0][0].en, "Chemistry");
    const auto& total = printed.rows.back();
    EXPECT_EQ(total[0].zh, "合计");
    EXPECT_EQ(total[0].en, "Total");
    EXPECT_EQ(num(total[1]), static_cast<std::int64_t>(n));
    EXPECT_EQ(num(total[2]), audience);
}

TEST(ReportPrint, AGroupedTableSaysSoInBothLanguages) {
    auto s = activities(print_row_limit + 1);
    auto printed = table_for_print(table(s, "demonstration_classes"));
    EXPECT_TRUE(holds(printed.note.zh, "本表共 201 行")) << printed.note.zh;
    EXPECT_TRUE(holds(printed.note.zh, "按学科汇总")) << printed.note.zh;
    EXPECT_TRUE(holds(printed.note.zh, "完整清单见 Excel 统计表")) << printed.note.zh;
    EXPECT_TRUE(holds(printed.note.zh, "bangfu report --format xlsx")) << printed.note.zh;
    EXPECT_TRUE(holds(printed.note.en, "The full table has 201 rows")) << printed.note.en;
    EXPECT_TRUE(holds(printed.note.en, "grouped by subject")) << printed.note.en;
    EXPECT_TRUE(holds(printed.note.en, "Excel workbook")) << printed.note.en;
    EXPECT_TRUE(holds(printed.note.en, "bangfu report --format xlsx")) << printed.note.en;
}

// More groups than the limit: the largest are kept, the rest summed as one row, so the
// printed table stays within the limit and its figures still add up to the full table's.
TEST(ReportPrint, TooManyGroupsKeepTheLargestAndSumTheOthers) {
    Table t{"pairings",
            {"结对关系", "Pairings"},
            {{"帮扶项目", "Program"},
             {"帮扶单位", "Supporter"},
             {"受援单位", "Recipient"},
             {"帮扶内容", "Dimensions"},
             {"结对日期", "Since"}},
            {},
            {},
            {}};
    // Program k has k + 1 pairings: 项目0 … 项目5, 21 rows.
    for (int k = 0; k < 6; ++k)
        for (int i = 0; i <= k; ++i) {
            Text p{"项目" + std::to_string(k), "项目" + std::to_string(k)};
            t.rows.push_back({p, {"甲", "甲"}, {"乙", "乙"}, {"教师", "Teachers"}, {"", ""}});
        }
    auto printed = table_for_print(t, 4);
    ASSERT_EQ(printed.rows.size(), 5u);  // 3 largest, others, total
    EXPECT_EQ(printed.rows[0][0].zh, "项目5");
    EXPECT_EQ(num(printed.rows[0][1]), 6);
    EXPECT_EQ(printed.rows[2][0].zh, "项目3");
    EXPECT_EQ(printed.rows[3][0].zh, "其他（3 项）");
    EXPECT_EQ(printed.rows[3][0].en, "Others (3)");
    EXPECT_EQ(num(printed.rows[3][1]), 3 + 2 + 1);
    EXPECT_EQ(num(printed.rows[4][1]), 21);
    EXPECT_TRUE(holds(printed.note.zh, "列出行数最多的 3 组，其余合并为“其他”"));
    EXPECT_TRUE(holds(printed.note.en, "the 3 largest groups"));
    EXPECT_EQ(printed.title.zh, "结对关系（按帮扶项目汇总）");
    // Four programs fit the limit of 4: no "others" row.
    t.rows.resize(1 + 2 + 3 + 4);
    auto four = table_for_print(t, 4);
    ASSERT_EQ(four.rows.size(), 5u);
    EXPECT_EQ(four.rows[3][0].zh, "项目0");
    EXPECT_FALSE(holds(four.note.zh, "其他"));
}

// Equal counts print in pinyin order (安 before 中), not in code point order (中 U+4E2D is
// below 安 U+5B89).
TEST(ReportPrint, EqualGroupsArePrintedInPinyinOrder) {
    Table t{"excellent_teachers",
            {"考核优秀教师名单", "Teachers rated excellent"},
            {{"姓名", "Name"}, {"派出单位", "Sender"}, {"受援单位", "Recipient"}},
            {},
            {},
            {}};
    for (int i = 0; i < 4; ++i) {
        t.rows.push_back({{"甲", "甲"}, {"中心小学", "中心小学"}, {"乙", "乙"}});
        t.rows.push_back({{"丙", "丙"}, {"安庆一中", "安庆一中"}, {"乙", "乙"}});
    }
    auto printed = table_for_print(t, 3);
    ASSERT_EQ(printed.rows.size(), 3u);
    EXPECT_EQ(printed.rows[0][0].zh, "安庆一中");
    EXPECT_EQ(printed.rows[1][0].zh, "中心小学");
    EXPECT_EQ(printed.columns[1].zh, "人数");
    // A teacher without a sender is counted in a group of its own, named as blank.
    t.rows.push_back({{"丁", "丁"}, {"", ""}, {"乙", "乙"}});
    auto blank = table_for_print(t, 3);
    ASSERT_EQ(blank.rows.size(), 4u);
    EXPECT_EQ(blank.rows[2][0].zh, "（未填写）");
    EXPECT_EQ(blank.rows[2][0].en, "(blank)");
    EXPECT_EQ(num(blank.rows[3][1]), 9);
}

// Money columns are summed exactly in fen; the full table's own total row is printed as is.
TEST(ReportPrint, SubsidiesAreGroupedByProgramWithMoneySummedAndTheTotalKept) {
    DispatchFacts f;
    for (int i = 0; i < 250; ++i)
        f.subsidies.push_back({i % 2 ? "彭州对口支援乡城" : "叶集区城乡学校结对帮扶",
                               "教师" + std::to_string(i), "派出", "受援", 10, 3300001 + i,
                               i % 5 ? 3300001 + i : 0, i % 5 ? 0 : 3300001 + i});
    // 200 teachers and the total row: printed row by row (the total row is not counted).
    auto exactly = f;
    exactly.subsidies.resize(print_row_limit);
    auto within = table(dispatch_section(exactly, {"", 2026, ""}), "subsidies");
    ASSERT_EQ(within.rows.size(), print_row_limit + 1);
    EXPECT_EQ(table_for_print(within).rows.size(), print_row_limit + 1);
    EXPECT_EQ(table_for_print(within).note.zh, "");

    auto full = table(dispatch_section(f, {"", 2026, ""}), "subsidies");
    ASSERT_EQ(full.rows.size(), 251u);  // and the total row
    auto printed = table_for_print(full);
    EXPECT_EQ(printed.title.zh, "支教补助（按帮扶项目汇总）");
    ASSERT_EQ(printed.columns.size(), 6u);  // program, count, months, three amounts
    EXPECT_EQ(printed.columns[1].zh, "人次");
    EXPECT_EQ(printed.columns[3].zh, "应享（元）");
    EXPECT_EQ(printed.money_columns, (std::vector<std::size_t>{3, 4, 5}));
    ASSERT_EQ(printed.rows.size(), 3u);
    std::int64_t entitled = 0, payable = 0, count = 0;
    for (std::size_t i = 0; i < 2; ++i) {
        count += num(printed.rows[i][1]);
        entitled += fen(printed.rows[i][3]);
        payable += fen(printed.rows[i][4]);
    }
    auto money = subsidy_total(f);
    EXPECT_EQ(count, 250);
    EXPECT_EQ(entitled, money.entitled_fen);
    EXPECT_EQ(payable, money.payable_fen);
    const auto& total = printed.rows.back();
    EXPECT_EQ(total[0].zh, "合计");
    EXPECT_EQ(num(total[1]), 250);
    EXPECT_EQ(num(total[2]), 2500);
    EXPECT_EQ(total[3].zh, full.rows.back()[5].zh);
    EXPECT_EQ(total[4].zh, full.rows.back()[6].zh);
    EXPECT_EQ(total[5].zh, full.rows.back()[7].zh);
}

// A table that already counts (person-times by sender) keeps the senders with the most
// person-times and sums the rest; its total row (the year's person-times) is kept as is.
TEST(ReportPrint, ACountsTableKeepsTheLargestRowsAndItsOwnTotal) {
    DispatchFacts f;
    std::int64_t person_times = 0;
    for (int i = 0; i < 300; ++i) {
        f.by_sender.push_back({std::to_string(i),
                               {"学校" + std::to_string(i), "学校" + std::to_string(i)},
                               i + 1,
                               1});
        person_times += i + 1;
    }
    f.person_times = person_times - 7;  // a teacher counted under two senders
    auto full = table(dispatch_section(f, {"", 2026, ""}), "dispatch_by_sender");
    auto printed = table_for_print(full);
    ASSERT_EQ(printed.rows.size(), print_row_limit + 1);
    EXPECT_EQ(printed.columns.size(), full.columns.size());
    EXPECT_EQ(printed.rows[0][0].zh, "学校299");
    EXPECT_EQ(num(printed.rows[0][1]), 300);
    const auto& others = printed.rows[print_row_limit - 1];
    EXPECT_EQ(others[0].zh, "其他（101 项）");
    std::int64_t sum = 0, teachers = 0;
    for (std::size_t i = 0; i < print_row_limit; ++i) {
        sum += num(printed.rows[i][1]);
        teachers += num(printed.rows[i][2]);
    }
    EXPECT_EQ(sum, person_times);
    EXPECT_EQ(teachers, 300);
    EXPECT_EQ(printed.rows.back()[0].zh, "合计");
    EXPECT_EQ(num(printed.rows.back()[1]), f.person_times);
    EXPECT_TRUE(holds(printed.note.zh, "本表共 300 行"));
    EXPECT_TRUE(holds(printed.note.zh, "人次最多的 199 行"));
    EXPECT_TRUE(holds(printed.note.en, "with the most person-times"));
}

TEST(ReportPrint, ForPrintChangesOnlyTheLongTables) {
    Report r;
    r.year = 2026;
    r.locked = true;
    r.sections = {activities(print_row_limit + 1)};
    auto printed = for_print(r);
    ASSERT_EQ(printed.sections.size(), 1u);
    const auto& s = printed.sections[0];
    EXPECT_EQ(s.summary.zh, r.sections[0].summary.zh);
    EXPECT_EQ(s.figures.size(), r.sections[0].figures.size());
    EXPECT_TRUE(printed.locked);
    EXPECT_EQ(table(s, "activities_by_type").rows.size(),
              table(r.sections[0], "activities_by_type").rows.size());
    EXPECT_EQ(table(s, "demonstration_classes").rows.size(), 4u);
    // The report itself still holds every row (the workbook and the stored JSON use it).
    EXPECT_EQ(table(r.sections[0], "demonstration_classes").rows.size(), print_row_limit + 1);
}

// The paragraph names each class while the list fits; beyond it, it points to the workbook.
TEST(ReportPrint, TheParagraphNamesTheClassesOnlyWhileTheyFit) {
    auto listed = activities(print_row_limit).summary;
    EXPECT_TRUE(holds(listed.zh, "示范课有：教师0《课题0》")) << listed.zh.substr(0, 300);
    EXPECT_TRUE(holds(listed.en, "Demonstration classes: 教师0 (课题0)"));
    auto many = activities(print_row_limit + 1).summary;
    EXPECT_FALSE(holds(many.zh, "教师0《课题0》"));
    EXPECT_TRUE(holds(many.zh, "送示范课 201 节"));
    EXPECT_TRUE(holds(many.zh, "示范课名单见 Excel 统计表")) << many.zh;
    EXPECT_TRUE(holds(many.en, "The list of demonstration classes is in the Excel workbook"))
        << many.en;
}

// The same for the teachers rated excellent in the dispatch paragraph.
TEST(ReportPrint, TheParagraphNamesTheExcellentTeachersOnlyWhileTheyFit) {
    DispatchFacts f;
    for (std::size_t i = 0; i < print_row_limit; ++i)
        f.excellent.push_back({"教师" + std::to_string(i), "派出", "受援"});
    auto listed = dispatch_section(f, {"", 2026, ""}).summary;
    EXPECT_TRUE(holds(listed.zh, "考核优秀的支教教师：教师0（受援）")) << listed.zh.substr(0, 300);
    f.excellent.push_back({"教师甲", "派出", "受援"});
    auto many = dispatch_section(f, {"", 2026, ""}).summary;
    EXPECT_FALSE(holds(many.zh, "教师0（受援）"));
    EXPECT_TRUE(holds(many.zh, "考核优秀的支教教师 201 人，名单见 Excel 统计表")) << many.zh;
    EXPECT_TRUE(holds(many.en, "201 teachers were rated excellent; their list is in the Excel"))
        << many.en;
}

}  // namespace
}  // namespace bangfu::core::report
