#pragma once
// Rural-service credit per teacher and the title-evaluation report (core/rural_credit.hpp has
// the rules). Service comes from completed and withdrawn assignments; the threshold from the
// programs' dispatch policies (dispatch_policies.rural_service_months).
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/user.hpp"
#include "store/connection.hpp"

namespace bangfu::store::rural_credit {

struct ServiceRow {
    std::int64_t assignment = 0;
    std::string recipient_name;
    std::string locality;
    bool weak = false;
    std::string start_date;
    std::string last_date;  // end, or withdrawal
    std::int64_t months = 0;
    bool counts = false;  // at a rural or weak institution
};

struct Credit {
    std::int64_t staff = 0;
    std::string staff_name;
    std::string institution_name;
    std::string title;
    std::int64_t months = 0;  // rural / weak service, each month once
    std::vector<ServiceRow> service;
};
boost::json::object to_json(const Credit& x);

// The credit of one staff member the actor may read (404 otherwise).
Credit credit(Connection& c, const core::Actor& a, std::int64_t staff);

struct TitleEvaluation {
    std::string region;
    std::string region_name;
    std::int64_t year = 0;
    std::int64_t threshold_months = 0;
    std::vector<Credit> lacking;  // the "one-vote veto" list
    std::vector<Credit> meeting;
};
boost::json::object to_json(const TitleEvaluation& x);

// For the teachers and principals (not archived) of the institutions in `region`'s subtree that
// the actor may read: their rural service completed by 31 December of `year`, against the
// strictest threshold among the policies of programs run in that subtree (12 months when none
// says otherwise).
TitleEvaluation title_evaluation(Connection& c, const core::Actor& a, const std::string& region,
                                 std::int64_t year);

}  // namespace bangfu::store::rural_credit
