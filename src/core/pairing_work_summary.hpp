#pragma once
// The pairing-work sections of the yearly summary, in the seeds' order: organisation and
// leadership; pairings and plans; activities and exchange visits (with the named demonstration
// classes); resource sharing and donations. Built from facts the store has already aggregated
// for one scope and year, so every figure here is a pure function of those facts.
#include <cstdint>
#include <string>
#include <vector>

#include "core/yearly_report.hpp"

namespace bangfu::core::report {

struct ProgramFact {
    std::int64_t id = 0;
    std::string name;
    std::string office;
};
struct LeaderFact {
    std::string program;
    Text role;  // leader, deputy, member, office (labels)
    std::string name, position, unit;
};
struct DocumentFact {
    std::string program, title, doc_number, issuer, issued_on;
};
struct PairingFact {
    std::int64_t id = 0;
    std::string program, supporter, recipient, start_date;
    std::vector<Text> dimensions;
    bool started_in_year = false;
};
struct PlanFact {
    std::string program, pairing;  // pairing label, "" = program level
    Text kind;
    std::string title, start_date, end_date;
    Text approval;
};
struct InspectionFact {
    std::string inspected_on, inspectors, findings;
};
// Activities of one type (or month): how many, and person-times (leaders + teachers + students
// + medical staff taking part).
struct ActivityCount {
    std::string key;  // type code, or "2026-03"
    Text label;
    std::int64_t activities = 0;
    std::int64_t person_times = 0;
};
struct DemonstrationClassFact {
    std::string date, teacher;
    Text subject;
    std::string topic, host;
    std::int64_t audience = 0;
};
struct DonationCategory {
    std::string key;  // material category, "" for funds
    Text label;
    std::int64_t funds_fen = 0;
    std::int64_t materials_fen = 0;
    std::int64_t count = 0;
};
struct ResourceCount {
    std::string key;
    Text label;
    std::int64_t count = 0;
};

struct PairingWorkFacts {
    std::vector<ProgramFact> programs;
    std::vector<LeaderFact> leaders;
    std::vector<DocumentFact> documents;
    std::vector<PairingFact> pairings;  // active at some time in the year
    std::vector<PlanFact> plans;        // in force at some time in the year
    std::vector<InspectionFact> inspections;
    std::vector<ActivityCount> activities_by_type;   // started in the year, dictionary order
    std::vector<ActivityCount> activities_by_month;  // 12 rows, January first
    std::vector<DemonstrationClassFact> demonstration_classes;
    std::vector<DonationCategory> donations_by_category;  // funds first, then categories
    std::vector<ResourceCount> resources_by_kind;
};

// Where the figures link to: the web list pages with the scope's filter ("program=3",
// "institution=7", "region=341504": every linked list takes it, store/region_filter.hpp).
struct LinkContext {
    std::string scope_filter;
    int year = 0;
    std::string region;  // the region code of a region scope
};

// Activity types counted as exchange visits (互访) in the seeds.
bool is_exchange_visit(std::string_view activity_type);

Section organisation_section(const PairingWorkFacts& f, const LinkContext& l);
Section pairings_section(const PairingWorkFacts& f, const LinkContext& l);
Section activities_section(const PairingWorkFacts& f, const LinkContext& l);
Section resources_section(const PairingWorkFacts& f, const LinkContext& l);
// The four above, in order.
std::vector<Section> pairing_work_sections(const PairingWorkFacts& f, const LinkContext& l);

// What a dashboard adds to the year's figures: the state of the work as of today.
struct CurrentFacts {
    std::string today;
    std::int64_t active_pairings = 0;
    std::int64_t non_compliant_pairings = 0;  // active pairings missing any of the four haves
    std::int64_t overdue_tasks = 0;
};

// The pairing-work dashboard of a scope and year: headline figures (the same Figure values as
// the yearly summary's sections, so they always agree), chart series (activities by type and
// month, donations by category) each with the link to its records, and today's four-haves
// compliance and overdue tasks. Labels in `lang`.
boost::json::object dashboard_json(const Scope& scope, const Text& scope_name, int year,
                                   const PairingWorkFacts& f, const CurrentFacts& now,
                                   const LinkContext& l, std::string_view lang);

}  // namespace bangfu::core::report
