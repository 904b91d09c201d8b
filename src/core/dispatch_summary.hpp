#pragma once
// The teacher-dispatch and appraisal section of the yearly summary (issue 6): batches on duty
// with their send-off, teachers and person-times sent (by subject, sender, recipient), attachment
// study received, the year's appraisal results with the teachers rated excellent by name, and the
// subsidies the year's service earns. Built from facts the store has already aggregated for one
// scope and year (store/dispatch_facts.hpp), so every figure is a pure function of those facts.
//
// "In year Y" means the school year ending in Y (1 September Y-1 to 31 August Y), which is the
// appraisal year of core/subsidy.hpp: an assignment counts when its period overlaps that school
// year, an appraisal when its appraisal year is Y, a subsidy when it is earned in appraisal
// year Y, attachment study when its period overlaps that school year.
#include <cstdint>
#include <string>
#include <vector>

#include "core/pairing_work_summary.hpp"
#include "core/yearly_report.hpp"

namespace bangfu::core::report {

struct DispatchBatchFact {
    std::string program, name, sendoff_date, sendoff_event;
    std::int64_t planned = 0;
    std::int64_t person_times = 0;  // of its assignments counted in the year
};
// Person-times (assignments not withdrawn) and distinct teachers of one subject, sender or
// recipient.
struct DispatchCount {
    std::string key;
    Text label;
    std::int64_t person_times = 0;
    std::int64_t teachers = 0;
};
struct AttachmentFact {
    Text kind;
    std::string home, host, period;
    std::int64_t headcount = 0;
};
struct RatingCount {
    std::string key;  // dict::appraisal_rating code
    Text label;
    std::int64_t count = 0;
};
struct ExcellentTeacherFact {
    std::string name, sender, recipient;
};
struct SubsidyFact {
    std::string program, teacher, sender, recipient;
    std::int64_t months = 0;
    std::int64_t entitled_fen = 0;  // every line, whatever its status
    std::int64_t payable_fen = 0;
    std::int64_t pending_fen = 0;
};

struct DispatchFacts {
    std::vector<DispatchBatchFact> batches;  // batches with an assignment counted in the year
    std::int64_t person_times = 0;           // assignments not withdrawn
    std::int64_t teachers = 0;               // distinct staff among them
    std::int64_t withdrawn = 0;
    std::vector<DispatchCount> by_subject, by_sender, by_recipient;
    std::vector<AttachmentFact> attachments;
    std::vector<RatingCount> ratings;  // approved appraisals, every rating, best first
    std::int64_t appraisals_open = 0;  // started and not yet approved
    std::vector<ExcellentTeacherFact> excellent;
    std::vector<SubsidyFact> subsidies;  // one row per assignment earning in the year
    // Dashboard only: person-times and teachers of the school years up to the year, oldest
    // first (key "2026", label "2025—2026学年").
    std::vector<DispatchCount> by_year;
};

// Key "dispatch"; figures dispatch.batches, dispatch.person_times, dispatch.teachers,
// dispatch.withdrawn, dispatch.attachment_person_times, dispatch.appraisals_approved,
// dispatch.rating.<code>, dispatch.appraisals_open, dispatch.subsidy_entitled_fen,
// dispatch.subsidy_payable_fen, dispatch.subsidy_pending_fen; tables dispatch_batches,
// dispatch_by_subject, dispatch_by_sender, dispatch_by_recipient, attachment_study,
// appraisal_results, excellent_teachers, subsidies (each total row equals the figure).
Section dispatch_section(const DispatchFacts& f, const LinkContext& l);

// Sums, shared by the section and the dashboard so they always agree.
std::int64_t attachment_person_times(const DispatchFacts& f);
std::int64_t approved_appraisals(const DispatchFacts& f);
SubsidyFact subsidy_total(const DispatchFacts& f);

// The dashboard series of the dispatch work: person-times by school year, subject, sender and
// recipient, appraisal ratings, each with its link. Labels in `lang`.
boost::json::object dispatch_dashboard_json(const DispatchFacts& f, const LinkContext& l,
                                            std::string_view lang);

}  // namespace bangfu::core::report
