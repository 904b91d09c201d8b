// Pairing proposals: the flow's answer equals a brute-force optimum on small cases, and no
// answer ever breaks a rule (capacity, self-pairing, repeat, cycle, kind, rejection).
#include "match/pairing_match.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <random>

namespace bangfu::match {
namespace {

namespace bal = core::balance;

Location at(double lat, double lon, std::string county = "/1/") {
    return {lat, lon, "", std::move(county)};
}

Supporter supporter(std::int64_t id, std::int64_t capacity, Location where) {
    Supporter s;
    s.id = id;
    s.name = "S" + std::to_string(id);
    s.kind = "primary";
    s.capacity = capacity;
    s.where = std::move(where);
    s.profile.known = true;
    s.profile.values = {6, 2.0, 1.2, 6, 9, 3000, 3};
    s.profile.standards = bangfu::core::balance::BalancePolicy{}.standards[0];
    return s;
}

PairingSchool recipient(std::int64_t id, Location where) {
    PairingSchool r;
    r.id = id;
    r.name = "R" + std::to_string(id);
    r.kind = "primary";
    r.where = std::move(where);
    r.profile.known = true;
    r.profile.values = {3, 0.4, 0.5, 3, 5, 1000, 1};
    r.profile.standards = bangfu::core::balance::BalancePolicy{}.standards[0];
    r.profile.missed = {bal::Indicator::backbone_teachers, bal::Indicator::degree_teachers};
    return r;
}

// The best (most matched, then least cost) assignment by trying every one.
std::pair<std::size_t, std::int64_t> brute_force(const PairingProblem& p) {
    std::pair<std::size_t, std::int64_t> best{0, 0};
    std::vector<std::int64_t> used(p.supporters.size(), 0);
    std::function<void(std::size_t, std::size_t, std::int64_t)> go =
        [&](std::size_t ri, std::size_t matched, std::int64_t cost) {
            if (ri == p.recipients.size()) {
                if (matched > best.first || (matched == best.first && cost < best.second))
                    best = {matched, cost};
                return;
            }
            go(ri + 1, matched, cost);
            for (std::size_t si = 0; si < p.supporters.size(); ++si) {
                const auto& s = p.supporters[si];
                if (used[si] >= s.capacity - s.already) continue;
                auto a = pairing_arc(p, s, p.recipients[ri]);
                if (!a) continue;
                ++used[si];
                go(ri + 1, matched + 1, cost + a->cost);
                --used[si];
            }
        };
    go(0, 0, 0);
    return best;
}

TEST(PairingMatch, EqualsBruteForceOnRandomSmallCases) {
    std::mt19937 rng(18);
    std::uniform_real_distribution<double> coord(30.0, 30.6);
    std::uniform_int_distribution<int> cap(1, 2), count(1, 4), backbone(0, 30);
    for (int round = 0; round < 200; ++round) {
        PairingProblem p;
        p.dimension = "teachers";
        p.radius_km = 1000;
        int ns = count(rng), nr = count(rng) + 1;
        for (int i = 0; i < ns; ++i) {
            auto s = supporter(i + 1, cap(rng), at(coord(rng), 114 + coord(rng) - 30));
            s.profile.values[1] = backbone(rng) / 10.0;
            if (i == 0 && round % 3 == 0) s.already = 1;
            p.supporters.push_back(s);
        }
        for (int i = 0; i < nr; ++i)
            p.recipients.push_back(recipient(100 + i, at(coord(rng), 114 + coord(rng) - 30)));
        if (round % 4 == 0) p.rejected.insert({1, 100});
        if (round % 5 == 0) p.existing.push_back({1, 2, 101, "teachers"});
        auto plan = propose_pairings(p);
        auto [matched, cost] = brute_force(p);
        EXPECT_EQ(plan.proposals.size(), matched) << "round " << round;
        EXPECT_EQ(plan.objective, cost) << "round " << round;
        EXPECT_EQ(plan.proposals.size() + plan.unmatched.size(), p.recipients.size());
        // The greedy baseline never does better.
        auto greedy = greedy_pairings(p);
        EXPECT_TRUE(greedy.proposals.size() < matched ||
                    (greedy.proposals.size() == matched && greedy.objective >= cost))
            << "round " << round;
    }
}

TEST(PairingMatch, ReasonsInWords) {
    PairingProblem p;
    p.dimension = "teachers";
    p.supporters.push_back(supporter(1, 1, at(30.0, 114.0)));
    p.recipients.push_back(recipient(2, at(30.1, 114.0)));
    auto plan = propose_pairings(p);
    ASSERT_EQ(plan.proposals.size(), 1u);
    const auto& r = plan.proposals[0].reasons;
    EXPECT_EQ(r[0].zh, "距离 11 km");
    EXPECT_NE(r[1].zh.find("受援校缺"), std::string::npos) << r[1].zh;
    EXPECT_NE(r[1].zh.find("支援校 "), std::string::npos) << r[1].zh;
    EXPECT_EQ(plan.proposals[0].cost,
              plan.proposals[0].distance_cost + plan.proposals[0].complement_cost);
}

TEST(PairingMatch, PrefersTheStrongerSupporterOfWhatIsMissing) {
    PairingProblem p;
    p.dimension = "teachers";
    auto weak_in_backbone = supporter(1, 1, at(30.0, 114.0));
    weak_in_backbone.profile.values[1] = 0.5;
    auto strong = supporter(2, 1, at(30.05, 114.0));  // a little farther
    strong.profile.values[1] = 3.1;
    p.supporters = {weak_in_backbone, strong};
    p.recipients.push_back(recipient(3, at(30.0, 114.01)));
    auto plan = propose_pairings(p);
    ASSERT_EQ(plan.proposals.size(), 1u);
    EXPECT_EQ(plan.proposals[0].supporter, 2);
}

// Each rule: the answer never holds a pair that breaks it, even when that pair is cheapest.
TEST(PairingMatch, NeverOverCapacity) {
    PairingProblem p;
    p.dimension = "teachers";
    p.supporters.push_back(supporter(1, 2, at(30, 114)));
    p.supporters.back().already = 1;
    for (int i = 0; i < 4; ++i) p.recipients.push_back(recipient(10 + i, at(30, 114.01)));
    auto plan = propose_pairings(p);
    EXPECT_EQ(plan.proposals.size(), 1u);
    EXPECT_EQ(plan.unmatched.size(), 3u);
    EXPECT_NE(plan.unmatched[0].reason.zh.find("容量"), std::string::npos);
}

TEST(PairingMatch, NeverSelfPairing) {
    PairingProblem p;
    p.dimension = "teachers";
    p.supporters.push_back(supporter(1, 1, at(30, 114)));
    p.recipients.push_back(recipient(1, at(30, 114)));
    auto plan = propose_pairings(p);
    EXPECT_TRUE(plan.proposals.empty());
    ASSERT_EQ(plan.unmatched.size(), 1u);
    EXPECT_NE(plan.unmatched[0].reason.zh.find("不能与自身结对"), std::string::npos)
        << plan.unmatched[0].reason.zh;
}

TEST(PairingMatch, NeverRepeatsAnActivePairing) {
    PairingProblem p;
    p.dimension = "teachers";
    p.supporters.push_back(supporter(1, 3, at(30, 114)));
    p.supporters.push_back(supporter(2, 3, at(31, 114)));
    p.recipients.push_back(recipient(3, at(30, 114)));
    p.existing.push_back({7, 1, 3, "teachers"});
    auto plan = propose_pairings(p);
    ASSERT_EQ(plan.proposals.size(), 1u);
    EXPECT_EQ(plan.proposals[0].supporter, 2);
    // Another dimension's pairing does not block it.
    p.existing = {{7, 1, 3, "materials"}};
    plan = propose_pairings(p);
    ASSERT_EQ(plan.proposals.size(), 1u);
    EXPECT_EQ(plan.proposals[0].supporter, 1);
}

TEST(PairingMatch, NeverClosesACycle) {
    // A ladder: 3 supports 1 on teachers. 1 → 3 would close a cycle.
    PairingProblem p;
    p.dimension = "teachers";
    p.supporters.push_back(supporter(1, 1, at(30, 114)));
    p.supporters.push_back(supporter(2, 1, at(31, 114)));
    p.recipients.push_back(recipient(3, at(30, 114)));
    p.existing.push_back({7, 3, 1, "teachers"});
    auto plan = propose_pairings(p);
    ASSERT_EQ(plan.proposals.size(), 1u);
    EXPECT_EQ(plan.proposals[0].supporter, 2);
}

TEST(PairingMatch, NeverClosesACycleWithTwoNewPairings) {
    // 10 supports 20 and 21 supports 11 already; proposing 11 → 10 … and 20 → 21 together
    // closes 10 → 20 → 21 → 11 → 10; each alone is fine.
    PairingProblem p;
    p.dimension = "teachers";
    p.radius_km = 1000;
    p.supporters.push_back(supporter(11, 1, at(30, 114)));
    p.supporters.push_back(supporter(20, 1, at(30.5, 114)));
    p.recipients.push_back(recipient(10, at(30, 114.001)));
    p.recipients.push_back(recipient(21, at(30.5, 114.001)));
    p.existing = {{1, 10, 20, "teachers"}, {2, 21, 11, "teachers"}};
    auto plan = propose_pairings(p);
    std::vector<core::PairingEdge> edges = p.existing;
    for (const auto& x : plan.proposals) {
        core::Pairing c;
        c.supporter = x.supporter;
        c.recipient = x.recipient;
        c.dimensions = {"teachers"};
        c.status = "active";
        core::PairingNames names{[](std::int64_t id) { return std::to_string(id); },
                                 [](const std::string& d) {
                                     return core::Text{d, d};
                                 }};
        EXPECT_TRUE(core::check_pairing_rules(c, edges, names).empty());
        edges.push_back({0, x.supporter, x.recipient, "teachers"});
    }
    EXPECT_EQ(plan.proposals.size(), 1u);
    EXPECT_EQ(plan.unmatched.size(), 1u);
}

TEST(PairingMatch, NeverProposesARejectedPairAgain) {
    PairingProblem p;
    p.dimension = "teachers";
    p.supporters.push_back(supporter(1, 1, at(30, 114)));
    p.recipients.push_back(recipient(2, at(30, 114)));
    p.rejected.insert({1, 2});
    auto plan = propose_pairings(p);
    EXPECT_TRUE(plan.proposals.empty());
    EXPECT_NE(plan.unmatched[0].reason.zh.find("驳回"), std::string::npos);
}

TEST(PairingMatch, NeverPairsDifferentStages) {
    PairingProblem p;
    p.dimension = "teachers";
    p.supporters.push_back(supporter(1, 1, at(30, 114)));
    p.supporters.back().kind = "kindergarten";
    p.recipients.push_back(recipient(2, at(30, 114)));
    EXPECT_TRUE(propose_pairings(p).proposals.empty());
    EXPECT_TRUE(compatible_kinds("nine_year", "junior"));
    EXPECT_FALSE(compatible_kinds("senior", "primary"));
}

TEST(PairingMatch, FarAwayWithoutCountyIsNoCandidate) {
    PairingProblem p;
    p.dimension = "teachers";
    p.supporters.push_back(supporter(1, 1, at(30, 114, "/1/")));
    p.recipients.push_back(recipient(2, at(32, 114, "/2/")));
    auto plan = propose_pairings(p);
    EXPECT_TRUE(plan.proposals.empty());
    EXPECT_NE(plan.unmatched[0].reason.zh.find("km 内"), std::string::npos);
    // Same county: a candidate whatever the distance.
    p.recipients[0].where.county = "/1/";
    EXPECT_EQ(propose_pairings(p).proposals.size(), 1u);
}

TEST(PairingMatch, FallbackDistanceByRegion) {
    Location a{std::nullopt, std::nullopt, "/1/2/", "/1/"};
    Location b{std::nullopt, std::nullopt, "/1/2/", "/1/"};
    EXPECT_EQ(distance(a, b).kind, DistanceKind::same_township);
    b.township = "/1/3/";
    EXPECT_EQ(distance(a, b).kind, DistanceKind::same_county);
    EXPECT_EQ(distance(a, b).cost(), 30);
}

TEST(PairingMatch, DefaultCapacityByKindAndSize) {
    EXPECT_EQ(default_capacity("primary", 300), 1);
    EXPECT_EQ(default_capacity("primary", 1200), 2);
    EXPECT_EQ(default_capacity("complete_middle", 2500), 3);
    EXPECT_EQ(default_capacity("kindergarten", 400), 2);
}

}  // namespace
}  // namespace bangfu::match
