#pragma once
// The balance section of a region's yearly summary (均衡发展（优质均衡）, issue 13): for a county,
// the verdict of the school year ending in the report year ((Y-1)-(Y)), each stage's CVs against
// their limits, the schools reaching the standards, the schools missing most, and the change from
// the year before; for a city or province, each county's verdict. Pure: built from the figures
// the store computed (store/balance_report_facts.hpp). Only aggregates and school names.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/balance.hpp"
#include "core/yearly_report.hpp"

namespace bangfu::core::report {

struct BalanceCounty {
    std::string code;
    std::string name;
    std::string parent_name;  // the city, to tell counties of a province apart
    balance::CountyBalance result;
    std::int64_t schools = 0;  // taking part
};

struct BalanceFacts {
    enum class Kind { none, county, counties };
    Kind kind = Kind::none;
    std::string region;            // the report's region code
    std::int64_t school_year = 0;  // first calendar year: report year − 1
    // kind == county
    std::string county_name;
    balance::CountyBalance current;
    std::optional<balance::CountyBalance> previous;  // the school year before, if it has inputs
    // kind == counties
    std::vector<BalanceCounty> counties;
};

// How many schools the "missing most" table lists per stage at most.
inline constexpr std::size_t balance_lagging_rows = 10;

// nullopt when there is nothing to say: not a region report, or no inputs for the school year.
std::optional<Section> balance_section(const BalanceFacts& f);

}  // namespace bangfu::core::report
