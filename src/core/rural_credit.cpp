#include "core/rural_credit.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace bangfu::core {

namespace {
int days_in_month(int y, int m) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}
}  // namespace

bool counts_as_rural_service(std::string_view locality, bool weak) {
    return locality == "rural" || weak;
}

int rural_service_months(std::span<const ServicePeriod> periods) {
    // Served days per calendar month, each day counted once even when periods overlap.
    std::map<std::pair<int, int>, std::set<int>> days;
    for (const auto& p : periods) {
        if (p.last < p.first) continue;
        for (int y = p.first.year, m = p.first.month;
             y < p.last.year || (y == p.last.year && m <= p.last.month);) {
            int from = (y == p.first.year && m == p.first.month) ? p.first.day : 1;
            int to = (y == p.last.year && m == p.last.month) ? p.last.day : days_in_month(y, m);
            auto& served = days[{y, m}];
            for (int d = from; d <= to; ++d) served.insert(d);
            if (++m > 12) {
                m = 1;
                ++y;
            }
        }
    }
    return static_cast<int>(std::count_if(days.begin(), days.end(),
                                          [](const auto& kv) { return kv.second.size() >= 15; }));
}

}  // namespace bangfu::core
