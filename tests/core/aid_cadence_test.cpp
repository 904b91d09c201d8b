// When the next help of an aid case is due and whether it is overdue (core/aid_cadence.hpp).
#include "core/aid_cadence.hpp"

#include <gtest/gtest.h>

#include "core/aid.hpp"

namespace bangfu::core {
namespace {

Date d(const char* text) {
    return *parse_date(text);
}
std::string due(const char* from, std::int64_t n, const char* unit) {
    return format_date(add_interval(d(from), n, unit));
}

TEST(AidCadence, DaysAndWeeksCountExactDaysAcrossMonthsAndYears) {
    EXPECT_EQ(due("2026-02-27", 3, "day"), "2026-03-02");
    EXPECT_EQ(due("2028-02-27", 3, "day"), "2028-03-01");  // leap year
    EXPECT_EQ(due("2026-12-28", 1, "week"), "2027-01-04");
    EXPECT_EQ(due("2026-11-02", 2, "week"), "2026-11-16");
}

TEST(AidCadence, MonthsKeepTheDayOrTakeTheMonthsLastDay) {
    EXPECT_EQ(due("2026-03-15", 1, "month"), "2026-04-15");
    EXPECT_EQ(due("2026-01-31", 1, "month"), "2026-02-28");
    EXPECT_EQ(due("2028-01-31", 1, "month"), "2028-02-29");
    EXPECT_EQ(due("2026-11-30", 3, "month"), "2027-02-28");
}

TEST(AidCadence, TermsAreSpringFebToJulAndAutumnAugToJan) {
    EXPECT_EQ(format_date(term_start(d("2026-03-10"))), "2026-02-01");
    EXPECT_EQ(format_date(term_end(d("2026-03-10"))), "2026-07-31");
    EXPECT_EQ(format_date(term_start(d("2026-09-01"))), "2026-08-01");
    EXPECT_EQ(format_date(term_end(d("2026-09-01"))), "2027-01-31");
    // January still belongs to the autumn term that began the August before.
    EXPECT_EQ(format_date(term_start(d("2027-01-15"))), "2026-08-01");
    // Each term: a visit in spring 2026 makes the next due by the end of autumn 2026.
    EXPECT_EQ(due("2026-03-10", 1, "term"), "2027-01-31");
    EXPECT_EQ(due("2026-07-31", 1, "term"), "2027-01-31");
    EXPECT_EQ(due("2026-08-01", 1, "term"), "2027-07-31");
    EXPECT_EQ(due("2027-01-20", 1, "term"), "2027-07-31");
    EXPECT_EQ(due("2026-03-10", 2, "term"), "2027-07-31");
}

TEST(AidCadence, DayNumbersRoundTrip) {
    for (const char* s : {"1970-01-01", "2000-02-29", "2026-12-31", "2100-03-01", "1999-12-31"})
        EXPECT_EQ(format_date(from_day_number(day_number(d(s)))), s);
    EXPECT_EQ(day_number(d("1970-01-02")), 1);
}

TEST(AidCadence, NeverRecordedIsOverdueFromStartPlusInterval) {
    auto start = d("2026-09-01");
    // Weekly tutoring, nothing recorded: due 8 September, overdue from the 9th.
    auto on_due = cadence_due(1, "week", start, std::nullopt, std::nullopt, d("2026-09-08"));
    EXPECT_EQ(format_date(on_due.due), "2026-09-08");
    EXPECT_FALSE(on_due.overdue);
    auto after = cadence_due(1, "week", start, std::nullopt, std::nullopt, d("2026-09-09"));
    EXPECT_TRUE(after.overdue);
    EXPECT_EQ(after.days_overdue, 1);
    EXPECT_FALSE(after.last.has_value());
}

TEST(AidCadence, EachUnitCountsFromTheLastRecord) {
    auto start = d("2026-02-01");
    struct Case {
        std::int64_t n;
        const char* unit;
        const char* last;
        const char* due;
    };
    for (auto c :
         {Case{10, "day", "2026-10-01", "2026-10-11"}, Case{2, "week", "2026-10-01", "2026-10-15"},
          Case{1, "month", "2026-10-01", "2026-11-01"},
          Case{1, "term", "2026-10-01", "2027-07-31"}}) {
        SCOPED_TRACE(c.unit);
        auto on_time = cadence_due(c.n, c.unit, start, std::nullopt, d(c.last), d(c.due));
        EXPECT_EQ(format_date(on_time.due), c.due);
        EXPECT_FALSE(on_time.overdue);
        auto late = cadence_due(c.n, c.unit, start, std::nullopt, d(c.last),
                                from_day_number(day_number(d(c.due)) + 5));
        EXPECT_TRUE(late.overdue);
        EXPECT_EQ(late.days_overdue, 5);
    }
}

TEST(AidCadence, AnEndedCaseIsNeverOverdueNorOneNotStarted) {
    auto start = d("2026-02-01");
    // Ended on 30 June, looked at in November: nothing is due any more.
    auto ended = cadence_due(1, "week", start, d("2026-06-30"), d("2026-03-01"), d("2026-11-01"));
    EXPECT_FALSE(ended.overdue);
    EXPECT_TRUE(case_ended(d("2026-06-30"), d("2026-07-01")));
    EXPECT_FALSE(case_ended(d("2026-06-30"), d("2026-06-30")));  // its last day still runs
    EXPECT_FALSE(case_ended(std::nullopt, d("2099-01-01")));
    // On its last day an overdue help still shows.
    EXPECT_TRUE(
        cadence_due(1, "week", start, d("2026-06-30"), d("2026-03-01"), d("2026-06-30")).overdue);
    auto future =
        cadence_due(1, "day", d("2027-01-01"), std::nullopt, std::nullopt, d("2026-12-01"));
    EXPECT_FALSE(future.overdue);
}

TEST(AidRecord, FutureDatesAndDatesOutsideTheCaseAreRefused) {
    AidRecord r;
    r.record_date = "2026-11-30";
    r.kind = "home_visit";
    auto today = d("2026-11-29");
    auto e = validate(r, today, "2026-09-01", std::nullopt);
    ASSERT_TRUE(e.contains("record_date"));
    EXPECT_EQ(e.at("record_date").zh, "日期不能晚于今天");
    r.record_date = "2026-11-29";
    EXPECT_TRUE(validate(r, today, "2026-09-01", std::nullopt).empty());
    r.record_date = "2026-08-31";
    EXPECT_TRUE(validate(r, today, "2026-09-01", std::nullopt).contains("record_date"));
    r.record_date = "2026-11-01";
    EXPECT_TRUE(
        validate(r, today, "2026-09-01", std::string("2026-10-31")).contains("record_date"));
    r.record_date = "2026/11/01";
    EXPECT_TRUE(validate(r, today, "2026-09-01", std::nullopt).contains("record_date"));
}

TEST(AidRecord, AMonthlyWageBelongsToAJobPlacementOnly) {
    AidRecord r;
    r.record_date = "2026-05-01";
    r.kind = "job_placement";
    auto today = d("2026-11-29");
    EXPECT_TRUE(validate(r, today, "2026-01-01", std::nullopt).contains("monthly_wage_fen"));
    r.monthly_wage_fen = 200000;
    EXPECT_TRUE(validate(r, today, "2026-01-01", std::nullopt).empty());
    r.kind = "tutoring";
    EXPECT_TRUE(validate(r, today, "2026-01-01", std::nullopt).contains("monthly_wage_fen"));
    r.monthly_wage_fen.reset();
    r.kind = "hugging";
    EXPECT_TRUE(validate(r, today, "2026-01-01", std::nullopt).contains("kind"));
    r.kind = "material_aid";
    r.amount_fen = -1;
    EXPECT_TRUE(validate(r, today, "2026-01-01", std::nullopt).contains("amount_fen"));
}

TEST(AidCase, HelperFieldsDependOnTheHelperKindAndCadencesAreChecked) {
    AidCase x;
    x.beneficiary = 1;
    x.helper_kind = "staff";
    x.start_date = "2026-09-01";
    auto e = validate(x);
    EXPECT_TRUE(e.contains("helper_staff"));
    x.helper_staff = 5;
    EXPECT_TRUE(validate(x).empty());
    x.helper_kind = "student_partner";
    e = validate(x);
    EXPECT_TRUE(e.contains("helper_staff"));
    EXPECT_TRUE(e.contains("helper_name"));
    EXPECT_TRUE(e.contains("helper_institution"));
    x.helper_staff.reset();
    x.helper_name = "李小明";
    x.helper_institution = 3;
    EXPECT_TRUE(validate(x).empty());
    x.end_date = "2026-08-01";
    EXPECT_TRUE(validate(x).contains("end_date"));
    x.end_date.reset();
    x.cadences = {{"tutoring", 1, "week", "", "", "", false, 0},
                  {"tutoring", 2, "week", "", "", "", false, 0}};
    EXPECT_EQ(validate(x).at("cadences").en,
              "cadence plan item 2 repeats a kind of help (one cadence per kind)");
    x.cadences = {{"tutoring", 0, "week", "", "", "", false, 0}};
    EXPECT_TRUE(validate(x).contains("cadences"));
    x.cadences = {{"tutoring", 1, "fortnight", "", "", "", false, 0}};
    EXPECT_TRUE(validate(x).contains("cadences"));
}

TEST(AidCase, ReadJsonRefusesUnknownFieldsAndReplacesTheCadencePlan) {
    AidCase x;
    FieldErrors e;
    read_json(x,
              boost::json::parse(R"({"beneficiary": 2, "helper_kind": "institution",
                 "helper_institution": 4, "start_date": "2026-09-01",
                 "cadences": [{"kind": "home_visit", "every_count": 1, "every_unit": "term"}]})")
                  .as_object(),
              e);
    EXPECT_TRUE(e.empty());
    ASSERT_EQ(x.cadences.size(), 1u);
    EXPECT_EQ(x.cadences[0].every_unit, "term");
    read_json(x, boost::json::parse(R"({"id_number": "x"})").as_object(), e);
    EXPECT_TRUE(e.contains("id_number"));
}

}  // namespace
}  // namespace bangfu::core
