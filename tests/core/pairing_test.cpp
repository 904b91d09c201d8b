#include "core/pairing.hpp"

#include <gtest/gtest.h>

#include <map>

using namespace bangfu::core;

namespace {
const Date today{2026, 11, 25};

Pairing valid() {
    Pairing x;
    x.program = 1;
    x.supporter = 1;
    x.recipient = 2;
    x.dimensions = {"teachers"};
    x.start_date = "2026-09-01";
    x.status = "active";
    return x;
}

Pairing edge_candidate(std::int64_t supporter, std::int64_t recipient,
                       std::vector<std::string> dims, std::int64_t id = 0) {
    Pairing x = valid();
    x.id = id;
    x.supporter = supporter;
    x.recipient = recipient;
    x.dimensions = std::move(dims);
    return x;
}

// 1 第一中学, 2 三元中学, 3 资源小学, 4 湾头小学, 5 实验小学, …
const std::map<std::int64_t, std::string> school_names{
    {1, "第一中学"}, {2, "三元中学"}, {3, "资源小学"}, {4, "湾头小学"}, {5, "实验小学"}};

PairingNames names() {
    return {[](std::int64_t id) {
                auto it = school_names.find(id);
                return it == school_names.end() ? "学校" + std::to_string(id) : it->second;
            },
            [](const std::string& code) -> Text {
                if (code == "teachers") return {"师资", "Teachers"};
                if (code == "materials") return {"物资", "Materials"};
                return {code, code};
            }};
}

FieldErrors rules(const Pairing& x, const std::vector<PairingEdge>& edges) {
    return check_pairing_rules(x, edges, names());
}

FieldErrors read(Pairing& x, std::string_view json) {
    FieldErrors e;
    read_json(x, boost::json::parse(json).as_object(), e);
    return e;
}
}  // namespace

TEST(Pairing, AcceptsAValidRecord) {
    EXPECT_TRUE(validate(valid(), today).empty());
}

TEST(Pairing, NamesEachInvalidField) {
    Pairing x;
    x.dimensions = {};
    x.start_date = "2026-13-01";
    x.end_date = "someday";
    x.status = "paused";
    x.agreement_title = std::string(201, 'a');
    auto e = validate(x, today);
    EXPECT_EQ(e.at("program").zh, "帮扶项目不能为空");
    EXPECT_EQ(e.at("supporter").zh, "支援方不能为空");
    EXPECT_EQ(e.at("recipient").en, "recipient is required");
    EXPECT_EQ(e.at("dimensions").zh, "帮扶内容至少选择一项");
    EXPECT_EQ(e.at("start_date").zh, "开始日期应为日期，格式 YYYY-MM-DD");
    EXPECT_EQ(e.at("end_date").zh, "结束日期应为日期，格式 YYYY-MM-DD");
    EXPECT_TRUE(e.contains("status"));
    EXPECT_TRUE(e.contains("agreement_title"));
}

TEST(Pairing, SelfPairingIsAFieldErrorToo) {
    Pairing x = valid();
    x.recipient = x.supporter;
    EXPECT_EQ(validate(x, today).at("recipient").zh, "支援方和受援方不能是同一单位");
}

TEST(Pairing, DimensionsMustNotRepeatOrBeEmpty) {
    Pairing x = valid();
    x.dimensions = {"teachers", "funds", "teachers"};
    EXPECT_EQ(validate(x, today).at("dimensions").zh, "帮扶内容重复选择了 teachers");
    x.dimensions = {"teachers", ""};
    EXPECT_EQ(validate(x, today).at("dimensions").zh, "帮扶内容不能有空项");
}

TEST(Pairing, EndDateNotBeforeStartAndRequiredWhenEnded) {
    Pairing x = valid();
    x.end_date = "2026-08-31";
    EXPECT_EQ(validate(x, today).at("end_date").zh, "结束日期不能早于开始日期");
    x.end_date = "2026-09-01";
    EXPECT_TRUE(validate(x, today).empty());
    x.end_date = "2028-07-31";  // an active pairing may have a planned end
    EXPECT_TRUE(validate(x, today).empty());
    x.status = "ended";
    EXPECT_EQ(validate(x, today).at("end_date").zh, "结束日期不能晚于今天（结对已结束）");
    x.end_date.reset();
    EXPECT_EQ(validate(x, today).at("end_date").zh, "结束日期不能为空（结束结对时必须填写）");
    x.end_date = "2026-11-25";
    EXPECT_TRUE(validate(x, today).empty());
}

TEST(Pairing, LongTextIsAnErrorNotTruncated) {
    Pairing x = valid();
    x.agreement_text = std::string(20001, 'x');
    x.note = std::string(1001, 'x');
    auto e = validate(x, today);
    EXPECT_TRUE(e.contains("agreement_text"));
    EXPECT_TRUE(e.contains("note"));
}

TEST(Pairing, ReadsJsonAndRefusesUnknownKeys) {
    Pairing x;
    auto e = read(x, R"({"program": 3, "supporter": 1, "recipient": 2,
        "dimensions": ["teachers", "materials"], "start_date": "2026-09-01", "end_date": "",
        "agreement_title": "手拉手", "status": "active", "supporter_name": "ignored",
        "colour": "red"})");
    EXPECT_EQ(x.program, 3);
    EXPECT_EQ(x.dimensions, (std::vector<std::string>{"teachers", "materials"}));
    EXPECT_FALSE(x.end_date.has_value());  // an emptied date input clears the date
    EXPECT_EQ(x.supporter_name, "");
    EXPECT_TRUE(e.contains("colour"));
    EXPECT_EQ(e.size(), 1u);
    e = read(x, R"({"dimensions": "teachers", "supporter": "一中"})");
    EXPECT_TRUE(e.contains("dimensions"));
    EXPECT_TRUE(e.contains("supporter"));
}

TEST(Pairing, JsonCarriesDimensionLabels) {
    Pairing x = valid();
    x.dimensions = {"teachers", "custom"};
    x.dimension_labels = {{"师资", "Teachers"}};
    auto o = to_json(x);
    EXPECT_EQ(o.at("dimension_labels").as_array()[0].at("zh").as_string(), "师资");
    // A label the store could not find falls back to the code rather than vanishing.
    EXPECT_EQ(o.at("dimension_labels").as_array()[1].at("zh").as_string(), "custom");
    EXPECT_TRUE(o.at("end_date").is_null());
}

TEST(PairingRules, RefusesSelfPairing) {
    auto e = rules(edge_candidate(1, 1, {"teachers"}), {});
    EXPECT_EQ(e.at("recipient").zh, "支援方和受援方不能是同一单位");
    // Even an ended record cannot pair a school with itself.
    auto ended = edge_candidate(1, 1, {"teachers"});
    ended.status = "ended";
    EXPECT_TRUE(rules(ended, {}).contains("recipient"));
}

TEST(PairingRules, RefusesASecondActivePairingOnTheSameDimension) {
    std::vector<PairingEdge> edges{{7, 1, 2, "teachers"}, {7, 1, 2, "materials"}};
    auto e = rules(edge_candidate(1, 2, {"funds", "teachers"}), edges);
    ASSERT_TRUE(e.contains("dimensions"));
    EXPECT_NE(e.at("dimensions").zh.find("编号 7"), std::string::npos);
    EXPECT_NE(e.at("dimensions").zh.find("师资"), std::string::npos);
    EXPECT_EQ(e.at("dimensions").zh.find("物资"), std::string::npos);  // not asked for
    EXPECT_NE(e.at("dimensions").en.find("pairing 7"), std::string::npos);
    EXPECT_FALSE(e.contains("recipient"));
    // A new dimension between the same two schools is fine.
    EXPECT_TRUE(rules(edge_candidate(1, 2, {"funds"}), edges).empty());
}

TEST(PairingRules, EndedPairingsNeverCount) {
    // The caller passes active edges only; an ended candidate is not checked against them.
    std::vector<PairingEdge> edges{{7, 1, 2, "teachers"}};
    auto x = edge_candidate(2, 1, {"teachers"});
    x.end_date = "2026-10-01";
    x.status = "ended";
    EXPECT_TRUE(rules(x, edges).empty());
    x.status = "active";
    EXPECT_FALSE(rules(x, edges).empty());
}

TEST(PairingRules, TheReverseDirectionIsACycle) {
    std::vector<PairingEdge> edges{{7, 1, 2, "teachers"}};
    auto e = rules(edge_candidate(2, 1, {"teachers"}), edges);
    EXPECT_EQ(e.at("recipient").zh, "将形成循环：三元中学 → 第一中学 → 三元中学（师资）");
    EXPECT_EQ(e.at("recipient").en,
              "would close a cycle: 三元中学 → 第一中学 → 三元中学 (Teachers)");
    // On another dimension the reverse direction is mutual help, not a cycle.
    EXPECT_TRUE(rules(edge_candidate(2, 1, {"materials"}), edges).empty());
}

TEST(PairingRules, LaddersAreAllowed) {
    // 第一中学 → 三元中学 → 资源小学: 三元中学 is recipient and supporter (梯度帮扶).
    std::vector<PairingEdge> edges{{7, 1, 2, "teachers"}};
    EXPECT_TRUE(rules(edge_candidate(2, 3, {"teachers"}), edges).empty());
    edges.push_back({8, 2, 3, "teachers"});
    // The top of the ladder may also help the bottom directly: no cycle.
    EXPECT_TRUE(rules(edge_candidate(1, 3, {"teachers"}), edges).empty());
    // But the bottom cannot support the top on the same dimension.
    auto e = rules(edge_candidate(3, 1, {"teachers"}), edges);
    EXPECT_EQ(e.at("recipient").zh,
              "将形成循环：资源小学 → 第一中学 → 三元中学 → 资源小学（师资）");
}

TEST(PairingRules, OneSchoolSupportsTwoOnDifferentDimensions) {
    std::vector<PairingEdge> edges{{7, 1, 4, "teachers"}};
    EXPECT_TRUE(rules(edge_candidate(1, 5, {"materials"}), edges).empty());
    EXPECT_TRUE(rules(edge_candidate(1, 5, {"teachers"}), edges).empty());
}

TEST(PairingRules, CyclesAreCheckedPerDimension) {
    // 1 → 2 on teachers, 2 → 3 on materials: 3 → 1 closes no cycle on either.
    std::vector<PairingEdge> edges{{7, 1, 2, "teachers"}, {8, 2, 3, "materials"}};
    EXPECT_TRUE(rules(edge_candidate(3, 1, {"teachers", "materials"}), edges).empty());
    edges.push_back({9, 2, 3, "teachers"});
    auto e = rules(edge_candidate(3, 1, {"materials", "teachers"}), edges);
    EXPECT_EQ(e.at("recipient").zh,
              "将形成循环：资源小学 → 第一中学 → 三元中学 → 资源小学（师资）");
}

TEST(PairingRules, ReportsEveryDimensionThatCloses) {
    std::vector<PairingEdge> edges{{7, 1, 2, "teachers"}, {7, 1, 2, "materials"}};
    auto e = rules(edge_candidate(2, 1, {"teachers", "materials"}), edges);
    EXPECT_EQ(e.at("recipient").zh,
              "将形成循环：三元中学 → 第一中学 → 三元中学（师资）；"
              "将形成循环：三元中学 → 第一中学 → 三元中学（物资）");
}

TEST(PairingRules, LongChainsAreFollowed) {
    // 100 → 101 → … → 199 on teachers; 199 → 100 closes a 100-link cycle.
    std::vector<PairingEdge> edges;
    for (std::int64_t i = 100; i < 199; ++i) edges.push_back({i, i, i + 1, "teachers"});
    auto e = rules(edge_candidate(199, 100, {"teachers"}), edges);
    ASSERT_TRUE(e.contains("recipient"));
    EXPECT_TRUE(e.at("recipient").zh.starts_with("将形成循环：学校199 → 学校100 → 学校101 → "));
    EXPECT_TRUE(e.at("recipient").zh.ends_with("学校198 → 学校199（师资）"));
    // The chain in the middle is a ladder, not a cycle.
    EXPECT_TRUE(rules(edge_candidate(150, 199, {"teachers"}), edges).empty());
}

TEST(PairingRules, ShowsTheShortestChain) {
    std::vector<PairingEdge> edges{
        {1, 1, 2, "teachers"}, {2, 2, 3, "teachers"}, {3, 3, 4, "teachers"}, {4, 1, 4, "teachers"}};
    auto e = rules(edge_candidate(4, 1, {"teachers"}), edges);
    EXPECT_EQ(e.at("recipient").zh, "将形成循环：湾头小学 → 第一中学 → 湾头小学（师资）");
}

TEST(PairingRules, AnUpdateIsCheckedWithoutItsOwnEdges) {
    std::vector<PairingEdge> edges{{7, 1, 2, "teachers"}, {8, 2, 3, "teachers"}};
    // Pairing 7 itself, re-saved: neither a duplicate of itself nor a cycle through itself.
    EXPECT_TRUE(rules(edge_candidate(1, 2, {"teachers"}, 7), edges).empty());
    // Pairing 8 turned around (3 → 2) no longer meets its old edge 2 → 3.
    EXPECT_TRUE(rules(edge_candidate(3, 2, {"teachers"}, 8), edges).empty());
    // Pairing 8 turned into 2 → 1 reverses pairing 7.
    EXPECT_FALSE(rules(edge_candidate(2, 1, {"teachers"}, 8), edges).empty());
}

TEST(PairingRules, SurvivesACycleAlreadyInTheData) {
    // Rows written before the rules existed may already form a cycle; the search must end.
    std::vector<PairingEdge> edges{{1, 2, 3, "teachers"}, {2, 3, 2, "teachers"}};
    EXPECT_TRUE(rules(edge_candidate(4, 2, {"teachers"}), edges).empty());
    auto e = rules(edge_candidate(3, 2, {"teachers"}), edges);
    EXPECT_TRUE(e.contains("dimensions"));
    EXPECT_TRUE(e.contains("recipient"));
}
