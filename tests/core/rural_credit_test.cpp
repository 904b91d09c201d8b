#include "core/rural_credit.hpp"

#include <gtest/gtest.h>

using namespace bangfu::core;

namespace {
Date d(const char* text) {
    return *parse_date(text);
}
}  // namespace

TEST(RuralCredit, RuralOrWeakInstitutionsCount) {
    EXPECT_TRUE(counts_as_rural_service("rural", false));
    EXPECT_TRUE(counts_as_rural_service("urban", true));
    EXPECT_FALSE(counts_as_rural_service("town", false));
    EXPECT_FALSE(counts_as_rural_service("urban", false));
}

TEST(RuralCredit, MonthsAddUpAcrossAssignmentsAndOverlapsCountOnce) {
    std::vector<ServicePeriod> periods{{d("2012-09-01"), d("2013-06-30")}};
    EXPECT_EQ(rural_service_months(periods), 10);
    periods.push_back({d("2013-09-01"), d("2014-01-20")});
    EXPECT_EQ(rural_service_months(periods), 15);
    // Overlapping the first: no month twice.
    periods.push_back({d("2013-03-01"), d("2013-04-30")});
    EXPECT_EQ(rural_service_months(periods), 15);
    // Two half months in one calendar month add up to a counted month (10 + 10 days).
    std::vector<ServicePeriod> halves{{d("2015-03-01"), d("2015-03-10")},
                                      {d("2015-03-20"), d("2015-03-29")}};
    EXPECT_EQ(rural_service_months(halves), 1);
    EXPECT_EQ(rural_service_months({}), 0);
    EXPECT_EQ(default_rural_service_months, 12);
}
