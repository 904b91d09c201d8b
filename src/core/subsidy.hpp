#pragma once
// Subsidies of dispatched teachers (支教补助): the items of a program's policy (one-time bedding,
// yearly travel, monthly living allowance), and the entitlement of one assignment in one
// appraisal year, computed from the months served and the year's approved appraisal rating.
//
// The rules (also in docs/api.md, "Subsidies"):
// - Appraisal year: a school year runs from 1 September to 31 August; its appraisal year is the
//   calendar year in which it ends (2012-09-01..2013-06-30 is appraisal year 2013).
// - Months served: a calendar month counts as served when the teacher served at least 15 days of
//   it (first and last day inclusive). Service ends on the end date, or on the withdrawal date
//   when the teacher withdrew earlier. 2012-09-01..2013-06-30 is 10 months; withdrawing on
//   2012-12-10 leaves 3 (September–November; 10 days of December do not count).
// - One-time items are paid once per assignment, in its first appraisal year with a counted
//   month; yearly items once per appraisal year with a counted month; monthly items per counted
//   month of the year, up to `max_months` per appraisal year. A withdrawal therefore keeps the
//   one-time and yearly items (when at least one month counted) and cuts the monthly items to
//   the months served.
// - An item with `min_rating` is payable only when the year's appraisal is approved with that
//   rating or a better one; before approval it is pending, below it withheld.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/date.hpp"
#include "core/dictionary.hpp"
#include "core/error.hpp"
#include "core/fields.hpp"

namespace bangfu::core {

namespace dict {
extern const Dictionary subsidy_frequency;  // one_time, yearly, monthly
extern const Dictionary appraisal_rating;  // excellent, competent, basically_competent, incompetent
extern const Dictionary entitlement_status;  // payable, pending, withheld
}  // namespace dict

struct SubsidyItem {
    std::int64_t id = 0;
    std::int64_t program = 0;
    std::string name;
    std::string frequency;  // dict::subsidy_frequency
    std::int64_t amount_fen = 0;
    std::optional<std::int64_t> max_months;  // monthly items only: the cap per appraisal year
    std::optional<std::string> min_rating;   // dict::appraisal_rating; none = paid whatever
    std::int64_t sort_order = 0;
    std::string created_at;
    std::string updated_at;
};

std::span<const FieldLabel> subsidy_item_labels();
boost::json::object to_json(const SubsidyItem& x);
// Reads name, frequency, amount_fen, max_months, min_rating, sort_order (program comes from the
// URL).
void read_json(SubsidyItem& x, const boost::json::object& o, FieldErrors& e);
FieldErrors validate(const SubsidyItem& x);

// Ratings from best to worst: excellent 3, competent 2, basically competent 1, incompetent 0;
// -1 for an unknown value.
int rating_rank(std::string_view rating);
// Whether `rating` is `min_rating` or better.
bool rating_meets(std::string_view rating, std::string_view min_rating);

int appraisal_year_of(const Date& d);
// First and last day of the school year of appraisal year `year`.
std::pair<Date, Date> appraisal_year_window(int year);
// Calendar months with at least 15 served days between `first` and `last` (inclusive); 0 when
// last < first.
int counted_months(const Date& first, const Date& last);
// The last day served: the end date, or the withdrawal date when earlier.
Date service_end(const Date& end, const std::optional<Date>& withdrawn_on);

struct EntitlementLine {
    std::int64_t item = 0;
    std::string name;
    std::string frequency;
    std::int64_t amount_fen = 0;  // the item's amount (per month for monthly items)
    std::int64_t quantity = 0;    // 1, or the months paid
    std::int64_t total_fen = 0;
    std::string status;  // dict::entitlement_status
};

struct Entitlement {
    int year = 0;
    int months = 0;                     // counted months in this appraisal year
    std::optional<std::string> rating;  // of the approved appraisal, if any
    std::vector<EntitlementLine> lines;
    std::int64_t payable_fen = 0;  // sum of the payable lines
    std::int64_t pending_fen = 0;  // sum of the lines waiting for the approved appraisal
};

// The entitlement of the service `first`..`last` (already cut at a withdrawal) in appraisal
// year `year` under `items`, given the rating of that year's approved appraisal. nullopt when no
// month of that year counts.
std::optional<Entitlement> compute_entitlement(std::span<const SubsidyItem> items,
                                               const Date& first, const Date& last, int year,
                                               const std::optional<std::string>& approved_rating);
// The appraisal years in which `first`..`last` has a counted month, in order.
std::vector<int> served_appraisal_years(const Date& first, const Date& last);

}  // namespace bangfu::core
