#pragma once
// The balance index (优质均衡, DESIGN.md §5): whether a county's compulsory-education schools are
// resourced evenly, by the national method for counties' high-quality balanced development
// (教督〔2017〕6号). Seven resource indicators per school and stage; each school must reach its
// stage's standards (at least 6 of 7, none below 85 %); the county's student-weighted
// coefficient of variation of each indicator must stay within its stage's limit. The standards,
// limits and counting rules are policy data (BalancePolicy) a province may change.
//
// Pure functions: the store gathers each school's inputs (SchoolConditions) and calls
// compute_balance; the pairing effect compares two years' results.
#include <array>
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/fields.hpp"

namespace bangfu::core::balance {

enum class Stage { primary, junior };
inline constexpr std::array stages{Stage::primary, Stage::junior};
std::string_view stage_key(Stage s);
Text stage_label(Stage s);

// The seven indicators, in the order of the national method.
enum class Indicator {
    degree_teachers,    // teachers above the required degree, per 100 students
    backbone_teachers,  // county-level-or-higher backbone teachers, per 100 students
    pe_arts_teachers,   // full-time PE and arts (music, fine arts) teachers, per 100 students
    room_area,          // teaching and auxiliary room area, m² per student
    sports_area,        // sports ground area, m² per student
    equipment,          // teaching equipment value, yuan per student
    multimedia_rooms,   // network multimedia classrooms, per 100 students
};
inline constexpr std::size_t indicator_count = 7;
inline constexpr std::array<Indicator, indicator_count> indicators{
    Indicator::degree_teachers, Indicator::backbone_teachers, Indicator::pe_arts_teachers,
    Indicator::room_area,       Indicator::sports_area,       Indicator::equipment,
    Indicator::multimedia_rooms};
std::string_view indicator_key(Indicator i);
std::optional<Indicator> parse_indicator(std::string_view key);
Text indicator_label(Indicator i);
// "人/百名学生", "m²/生", "元/生", "间/百名学生"
Text indicator_unit(Indicator i);

using Values = std::array<double, indicator_count>;

// ---- inputs ---------------------------------------------------------------------------------

// A school's resources in a school year (学年), as entered by the school or the bureau. Areas in
// hundredths of a square metre and money in fen, so what was typed is kept exactly.
struct SchoolConditions {
    std::int64_t institution = 0;
    std::int64_t school_year = 0;  // its first calendar year: 2025 is 2025-2026学年
    std::int64_t primary_students = 0;
    std::int64_t junior_students = 0;
    std::int64_t degree_teachers = 0;
    std::int64_t backbone_teachers = 0;
    std::int64_t pe_arts_teachers = 0;
    std::int64_t room_area_centi = 0;    // 0.01 m²
    std::int64_t sports_area_centi = 0;  // 0.01 m²
    std::int64_t equipment_fen = 0;
    std::int64_t multimedia_rooms = 0;
    std::string updated_at;
    std::string updated_by_name;
};

std::span<const FieldLabel> conditions_labels();
// The wire form: areas as numbers of m² (`room_area_m2`), money as `equipment_value_fen`.
boost::json::object to_json(const SchoolConditions& x);
// Reads the fields of a PUT (all of them are required: the form sends the whole record).
void read_json(SchoolConditions& x, const boost::json::object& o, FieldErrors& e);
// `kind` is the school's dict::institution_kind: a primary school has no junior students.
FieldErrors validate(const SchoolConditions& x, std::string_view kind);
// Whether schools of this kind take part (primary, junior, nine-year, complete middle).
bool takes_part(std::string_view kind);

// "2025-2026" ↔ 2025. nullopt when the text is not two consecutive years.
std::optional<std::int64_t> parse_school_year(std::string_view text);
std::string format_school_year(std::int64_t first_year);
// Area text in m² with at most two decimals ("1,234.5") → hundredths; nullopt when malformed.
std::optional<std::int64_t> parse_area(std::string_view text);
std::string format_area(std::int64_t centi);

// ---- policy ---------------------------------------------------------------------------------

struct BalancePolicy {
    std::string region;       // where it is stored; "" for the national default
    std::string region_name;  // derived, for display
    std::array<Values, 2> standards{Values{4.2, 1.0, 0.9, 4.5, 7.5, 2000.0, 2.3},    // primary
                                    Values{5.3, 1.0, 0.9, 5.8, 10.2, 2500.0, 2.4}};  // junior
    std::array<double, 2> cv_limits{0.50, 0.45};
    std::int64_t min_indicators_met = 6;
    std::int64_t floor_percent = 85;  // no indicator below this share of its standard
    double junior_weight = 1.1;       // nine-year schools: primary : junior students = 1 : 1.1
    std::int64_t min_students = 50;   // teaching points below this are left out
    bool is_default = true;           // derived: no row stored on the way up the region tree
    std::string updated_at;

    const Values& standards_of(Stage s) const { return standards[static_cast<std::size_t>(s)]; }
    double cv_limit(Stage s) const { return cv_limits[static_cast<std::size_t>(s)]; }
};

std::span<const FieldLabel> policy_labels();
boost::json::object to_json(const BalancePolicy& p);
// Replaces what the body sends (standards may be partial: an indicator not sent keeps its value).
void read_json(BalancePolicy& p, const boost::json::object& o, FieldErrors& e);
FieldErrors validate(const BalancePolicy& p);

// ---- computation ----------------------------------------------------------------------------

struct SchoolInput {
    std::int64_t institution = 0;
    std::string name;
    std::string kind;  // dict::institution_kind
    SchoolConditions conditions;
};

// A school of the county that takes part but has no inputs for the year.
struct SchoolRef {
    std::int64_t institution = 0;
    std::string name;
};

struct StageSchool {
    std::int64_t institution = 0;
    std::string name;
    std::int64_t students = 0;      // of this stage
    bool split = false;             // a nine-year school's part (its resources split by weight)
    Values values{};                // the per-100 / per-student figures the CV is computed from
    std::vector<Indicator> missed;  // below the standard
    std::vector<Indicator> below_floor;  // below floor_percent of it
    bool pass = false;
    // (P_i/P)(x_i − X)² / S²: the school's share of the county's variance, per indicator.
    Values variance_share{};
};

struct IndicatorResult {
    Indicator key{};
    double cv = 0;
    double limit = 0;
    double mean = 0;      // student-weighted
    double standard = 0;  // what each school must reach
    bool pass = false;
};

struct StageResult {
    Stage stage{};
    std::int64_t students = 0;
    std::vector<IndicatorResult> indicators;
    std::vector<StageSchool> schools;
    std::int64_t schools_passing = 0;
    bool cv_pass = false;
    bool pass = false;  // every CV within its limit and every school passing
};

struct Excluded {
    std::int64_t institution = 0;
    std::string name;
    Text reason;
};

enum class Verdict { pass, fail, incomplete, no_data };
std::string_view verdict_key(Verdict v);
Text verdict_label(Verdict v);

struct CountyBalance {
    std::vector<StageResult> stages;  // only stages with schools
    std::vector<Excluded> excluded;
    std::vector<SchoolRef> missing;  // taking part, no inputs for the year
    Verdict verdict = Verdict::no_data;
};

// Student-weighted mean, standard deviation and CV of `values` (DESIGN.md §5). CV is 0 when the
// mean is 0 (then every value is 0).
struct Dispersion {
    double mean = 0;
    double sd = 0;
    double cv = 0;
};
Dispersion weighted_dispersion(std::span<const double> values, std::span<const double> weights);

// The county's result from its schools' inputs of one year. Schools keep the given order.
CountyBalance compute_balance(const BalancePolicy& p, const std::vector<SchoolInput>& schools,
                              std::vector<SchoolRef> missing = {});

// One school's figures for one stage (also what compute_balance puts in StageSchool).
StageSchool evaluate_school(const BalancePolicy& p, Stage stage, const SchoolInput& school);

// ---- the effect of pairing ------------------------------------------------------------------

struct EffectGroup {
    std::int64_t schools = 0;  // with figures in both years
    Values mean_change{};      // mean of (this year − last year), per indicator
};
struct StageEffect {
    Stage stage{};
    EffectGroup paired;         // recipients of a pairing active in the year
    EffectGroup unpaired_weak;  // weak schools (薄弱学校) no pairing helped
};
// Compares each school's figures of `current` with `previous`. `paired` are the recipients of
// pairings active during the current school year; `weak` the schools marked weak.
std::vector<StageEffect> pairing_effect(const CountyBalance& previous, const CountyBalance& current,
                                        const std::set<std::int64_t>& paired,
                                        const std::set<std::int64_t>& weak);

// ---- JSON (the contract of GET /api/v1/balance; docs/api.md) --------------------------------
boost::json::object values_json(const Values& v);
boost::json::object to_json(const StageSchool& s);
// A stage's indicators: [{key, cv, limit, pass, mean, standard}].
boost::json::array indicators_json(const StageResult& s);
// A stage without its schools' rows (tables side by side, trends).
boost::json::object summary_json(const StageResult& s);
boost::json::object to_json(const StageResult& s);
boost::json::object to_json(const CountyBalance& b, std::string_view lang);
boost::json::array to_json(const std::vector<StageEffect>& e);

}  // namespace bangfu::core::balance
