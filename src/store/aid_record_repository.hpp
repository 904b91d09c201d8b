#pragma once
// The records of an aid case (each contact or help given, with attachments), its outcomes
// (progress notes and indicators) and the statistics over records. Reading needs the case
// readable (store/aid_case_repository.hpp, else 404); writing needs check_record_write (403):
// a teacher writes on their own cases, admins on the cases they can read, inspectors never.
#include <boost/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/aid.hpp"
#include "core/user.hpp"
#include "store/connection.hpp"
#include "store/file_repository.hpp"
#include "store/sql_builder.hpp"

namespace bangfu::store::aid {

// Newest first.
std::vector<core::AidRecord> records(Connection& c, const core::Actor& a, std::int64_t case_id);
core::AidRecord create_record(Connection& c, const core::Actor& a, std::int64_t case_id,
                              core::AidRecord x, core::FieldErrors errors);
core::AidRecord update_record(Connection& c, const core::Actor& a, std::int64_t case_id,
                              std::int64_t id, const boost::json::object& patch);
// Deletes the record and its files.
void remove_record(Connection& c, const core::Actor& a, std::int64_t case_id, std::int64_t id);

files::FileInfo add_attachment(Connection& c, const core::Actor& a, std::int64_t case_id,
                               std::int64_t record, std::string_view name,
                               std::string_view content);
std::vector<files::FileInfo> attachments(Connection& c, const core::Actor& a, std::int64_t case_id,
                                         std::int64_t record);
std::pair<files::FileInfo, std::string> attachment(Connection& c, const core::Actor& a,
                                                   std::int64_t case_id, std::int64_t record,
                                                   std::int64_t file);
void remove_attachment(Connection& c, const core::Actor& a, std::int64_t case_id,
                       std::int64_t record, std::int64_t file);

// Newest first.
std::vector<core::AidOutcome> outcomes(Connection& c, const core::Actor& a, std::int64_t case_id);
core::AidOutcome create_outcome(Connection& c, const core::Actor& a, std::int64_t case_id,
                                core::AidOutcome x, core::FieldErrors errors);
core::AidOutcome update_outcome(Connection& c, const core::Actor& a, std::int64_t case_id,
                                std::int64_t id, const boost::json::object& patch);
void remove_outcome(Connection& c, const core::Actor& a, std::int64_t case_id, std::int64_t id);

// Statistics over the records of the cases in scope. Filters: institution (helper's or
// beneficiary's), helper_institution, program, helper_staff, beneficiary_kind, date_from,
// date_to (record dates).
struct StatsRow {
    std::string key;  // kind code, or "2026-11"
    core::Text label;
    std::int64_t records = 0;
    std::int64_t beneficiaries = 0;  // distinct beneficiaries helped
    std::int64_t duration_minutes = 0;
    std::int64_t amount_fen = 0;
};
struct Statistics {
    std::vector<StatsRow> by_kind;   // dictionary order
    std::vector<StatsRow> by_month;  // calendar order
    std::int64_t cases = 0;          // cases with the filters (records' dates aside)
    std::int64_t beneficiaries = 0;  // their distinct beneficiaries
    std::int64_t records = 0;
    std::int64_t amount_fen = 0;  // money spent
    std::int64_t counselled = 0;  // beneficiaries with psychological counselling
    std::int64_t tuition_exemptions = 0;
    std::int64_t work_study_places = 0;
    std::int64_t people_employed = 0;  // people with a job placement (two jobs: one person)
    // People with a placement paying core::employed_wage_threshold_fen (2,000 yuan) a month
    // or more: the seeds' "就业月薪2000元以上" figure.
    std::int64_t employed_at_threshold = 0;
    std::optional<std::int64_t> lowest_monthly_wage_fen;
};
Statistics statistics(Connection& c, const core::Actor& a, const ListQuery& q);
boost::json::object to_json(const Statistics& s, std::string_view lang);

}  // namespace bangfu::store::aid
