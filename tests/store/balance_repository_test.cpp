#include "store/balance_repository.hpp"

#include "expect_error.hpp"
#include "store/institution_repository.hpp"
#include "test_database.hpp"

using namespace bangfu;
using bangfu::testing::error_kind;
using bangfu::testing::field_errors;
using bangfu::testing::StoreTest;
using K = core::ErrorKind;
namespace bal = core::balance;
namespace rep = store::balance;

class BalanceRepositoryTest : public StoreTest {
  protected:
    // 2024-2025 inputs: `students` pupils, resources proportional to `per100` teachers per 100.
    bal::SchoolConditions inputs(std::int64_t school, std::int64_t students, std::int64_t degree,
                                 std::int64_t year = 2024) {
        bal::SchoolConditions x;
        x.institution = school;
        x.school_year = year;
        x.primary_students = students;
        x.degree_teachers = degree;
        x.backbone_teachers = students / 80;
        x.pe_arts_teachers = students / 90;
        x.room_area_centi = students * 500;
        x.sports_area_centi = students * 800;
        x.equipment_fen = students * 210000;
        x.multimedia_rooms = students / 40;
        return x;
    }
    void save(const core::Actor& a, const bal::SchoolConditions& x) {
        store::Transaction tx(conn(), store::Transaction::write);
        rep::save_conditions(conn(), a, x);
        tx.commit();
    }
    std::int64_t school(const core::Actor& a, std::string name, std::string region,
                        std::string kind = "primary") {
        core::Institution x;
        x.name = std::move(name);
        x.kind = std::move(kind);
        x.locality = "rural";
        x.region = std::move(region);
        return store::institutions::create(conn(), a, x, {}).id;
    }
};
BANGFU_STORE_TEST_SUITE(BalanceRepositoryTest);

TEST_P(BalanceRepositoryTest, CountyFiguresEqualTheCoreComputationOfTheStoredInputs) {
    auto s = seed();
    auto a = inputs(s.tc_school, 186, 8);
    auto b = inputs(s.tc_school2, 2640, 150);
    save(s.tc_school_admin, a);
    save(s.tc_bureau, b);
    auto f = rep::county(conn(), s.tc_inspector, "421222", 2024);
    // The school of the township (421222105) belongs to the county.
    auto expected =
        bal::compute_balance(bal::BalancePolicy{}, {{s.tc_school2, "通城县实验小学", "primary", b},
                                                    {s.tc_school, "五里镇湾头小学", "primary", a}});
    ASSERT_EQ(f.result.stages.size(), 1u);
    ASSERT_EQ(f.result.stages[0].schools.size(), 2u);
    for (std::size_t k = 0; k < bal::indicator_count; ++k) {
        EXPECT_DOUBLE_EQ(f.result.stages[0].indicators[k].cv, expected.stages[0].indicators[k].cv);
        EXPECT_DOUBLE_EQ(f.result.stages[0].indicators[k].mean,
                         expected.stages[0].indicators[k].mean);
    }
    EXPECT_EQ(f.result.verdict, expected.verdict);
    EXPECT_TRUE(f.result.missing.empty());
    // The counties side by side give the same figures for the county as its own table.
    auto all = rep::counties(conn(), s.system, "420000", 2024);
    auto it = std::find_if(all.counties.begin(), all.counties.end(),
                           [](const rep::CountyRow& r) { return r.region.code == "421222"; });
    ASSERT_NE(it, all.counties.end());
    EXPECT_EQ(it->schools, 2);
    EXPECT_DOUBLE_EQ(it->result.stages[0].indicators[0].cv, f.result.stages[0].indicators[0].cv);
}

TEST_P(BalanceRepositoryTest, ArchivedSchoolsCountForTheYearsTheyReported) {
    auto s = seed();
    auto closed = school(s.tc_bureau, "石南教学点", "421222105");
    save(s.tc_bureau, inputs(s.tc_school, 186, 8));
    save(s.tc_bureau, inputs(s.tc_school2, 2640, 150));
    save(s.tc_bureau, inputs(closed, 60, 3));
    // Inputs are a reference: removing the school archives it instead of deleting it.
    EXPECT_EQ(store::institutions::remove(conn(), s.tc_bureau, closed),
              store::institutions::Removal::archived);
    auto f = rep::county(conn(), s.tc_bureau, "421222", 2024);
    EXPECT_EQ(f.result.stages[0].schools.size(), 3u);
    // The year after, it is neither counted nor missing.
    save(s.tc_bureau, inputs(s.tc_school, 186, 9, 2025));
    save(s.tc_bureau, inputs(s.tc_school2, 2640, 150, 2025));
    auto next = rep::county(conn(), s.tc_bureau, "421222", 2025);
    EXPECT_EQ(next.result.stages[0].schools.size(), 2u);
    EXPECT_TRUE(next.result.missing.empty());
    ASSERT_TRUE(next.previous_year);
    EXPECT_EQ(*next.previous_year, 2024);
}

TEST_P(BalanceRepositoryTest, ScopeOfReadsAndWrites) {
    auto s = seed();
    // Writes out of scope are refused (403), read-only roles too; reads out of scope find nothing.
    EXPECT_EQ(error_kind([&] { save(s.hc_bureau, inputs(s.tc_school, 186, 8)); }), K::forbidden);
    EXPECT_EQ(error_kind([&] { save(s.tc_inspector, inputs(s.tc_school, 186, 8)); }), K::forbidden);
    EXPECT_EQ(error_kind([&] { save(s.tc_teacher_user, inputs(s.tc_school, 186, 8)); }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] { save(s.tc_school_admin, inputs(s.tc_school2, 2640, 150)); }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] { rep::get_conditions(conn(), s.hc_bureau, s.tc_school, 2024); }),
              K::not_found);
    EXPECT_EQ(error_kind([&] { rep::county(conn(), s.hc_bureau, "421222", 2024); }), K::not_found);
    EXPECT_EQ(error_kind([&] { rep::county(conn(), s.tc_school_admin, "421222", 2024); }),
              K::not_found);
    EXPECT_EQ(error_kind([&] { rep::counties(conn(), s.tc_bureau, "420000", 2024); }),
              K::not_found);
    EXPECT_EQ(error_kind([&] { rep::put_policy(conn(), s.tc_inspector, "421222", {}); }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] { rep::put_policy(conn(), s.tc_bureau, "654023", {}); }),
              K::forbidden);
    // Nothing was written by the refused calls.
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM school_conditions"), 0);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM balance_policies"), 0);
}

TEST_P(BalanceRepositoryTest, BadInputChangesNothing) {
    auto s = seed();
    save(s.tc_bureau, inputs(s.tc_school, 186, 8));
    auto bad = boost::json::parse(R"({"primary_students": 186, "junior_students": 0,
        "degree_teachers": 8, "backbone_teachers": 2, "pe_arts_teachers": 2,
        "room_area_m2": 100.001, "sports_area_m2": 10, "equipment_value_fen": 1,
        "multimedia_rooms": 4})")
                   .as_object();
    auto errors =
        field_errors([&] { rep::put_conditions(conn(), s.tc_bureau, s.tc_school, 2024, bad); });
    EXPECT_TRUE(errors.contains("room_area_m2"));
    auto v = rep::get_conditions(conn(), s.tc_bureau, s.tc_school, 2024);
    ASSERT_TRUE(v.conditions);
    EXPECT_EQ(v.conditions->backbone_teachers, 186 / 80);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM audit_log WHERE entity = 'school_conditions'"),
              1);
}

TEST_P(BalanceRepositoryTest, PoliciesAreInheritedFromTheNearestRegionAbove) {
    auto s = seed();
    auto body = [](const char* text) { return boost::json::parse(text).as_object(); };
    EXPECT_TRUE(rep::get_policy(conn(), s.tc_bureau, "421222").is_default);
    rep::put_policy(conn(), s.system, "420000", body(R"({"cv_limits": {"primary": 0.4}})"));
    rep::put_policy(conn(), s.system, "421200", body(R"({"min_students": 30})"));
    auto p = rep::get_policy(conn(), s.tc_bureau, "421222");
    EXPECT_EQ(p.region, "421200");  // the city's, which started from the province's
    EXPECT_EQ(p.min_students, 30);
    EXPECT_DOUBLE_EQ(p.cv_limit(bal::Stage::primary), 0.4);
    // Another province keeps the national method.
    EXPECT_TRUE(rep::get_policy(conn(), s.system, "654023").is_default);
    rep::delete_policy(conn(), s.system, "421200");
    EXPECT_EQ(rep::get_policy(conn(), s.tc_bureau, "421222").region, "420000");
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM audit_log WHERE entity = 'balance_policy'"),
              3);
}
