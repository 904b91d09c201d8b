#pragma once
// A fresh, migrated database per test on the engine under test, with a small registry of two
// counties (通城县 in Hubei, 霍城县 in Xinjiang) so scope rules can be checked across them.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/user.hpp"
#include "store/database.hpp"

namespace bangfu::testing {

std::string engine_name(const ::testing::TestParamInfo<store::Engine>& info);

struct Seed {
    std::int64_t tc_school = 0;   // 五里镇湾头小学, in township 421222105 of 通城县
    std::int64_t tc_school2 = 0;  // 通城县实验小学, in 421222
    std::int64_t hc_school = 0;   // 霍城县第一中学, in 654023
    std::int64_t tc_teacher = 0;  // staff at tc_school
    std::int64_t hc_teacher = 0;  // staff at hc_school
    core::Actor system, tc_bureau, hc_bureau, tc_school_admin, tc_teacher_user, tc_inspector;
};

class StoreTest : public ::testing::TestWithParam<store::Engine> {
  protected:
    void SetUp() override;
    void TearDown() override;
    store::Connection& conn() { return **lease_; }
    store::Database& database() { return *db_; }
    // Seeds the registry above through the repositories (so it is also a test of them).
    Seed seed();

  private:
    std::unique_ptr<store::Database> db_;
    std::optional<store::Database::Lease> lease_;
    std::string pg_admin_url_, pg_name_, sqlite_dir_;
};

#define BANGFU_STORE_TEST_SUITE(Fixture)                                                     \
    INSTANTIATE_TEST_SUITE_P(                                                                \
        Engines, Fixture,                                                                    \
        ::testing::Values(bangfu::store::Engine::sqlite, bangfu::store::Engine::postgresql), \
        bangfu::testing::engine_name)

}  // namespace bangfu::testing
