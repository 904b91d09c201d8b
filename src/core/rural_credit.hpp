#pragma once
// Rural-service credit (农村/薄弱学校任教经历): the months a teacher served at rural or weak
// institutions, which promotion to a senior title requires ("one-vote veto", 一票否决; the
// threshold is policy data, dispatch_policies.rural_service_months, 12 months by default).
//
// Counted from the teacher's completed or withdrawn assignments at institutions whose locality
// is rural or which are marked weak, with the month rule of core/subsidy.hpp (a calendar month
// counts when at least 15 days of it were served). A month served under two overlapping
// assignments counts once.
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/date.hpp"

namespace bangfu::core {

inline constexpr std::int64_t default_rural_service_months = 12;

struct ServicePeriod {
    Date first;  // first day served
    Date last;   // last day served (end date, or the withdrawal date)
};

// Whether a recipient's service counts: rural locality, or a weak institution.
bool counts_as_rural_service(std::string_view locality, bool weak);
// Months served over `periods`, each calendar month counted once (at least 15 days served in
// it, summed over the periods that cover it).
int rural_service_months(std::span<const ServicePeriod> periods);

}  // namespace bangfu::core
