#include "test_database.hpp"

#include <cstdlib>
#include <filesystem>
#include <random>

#include "core/password.hpp"
#include "store/auth_repository.hpp"
#include "store/institution_repository.hpp"
#include "store/migrations.hpp"
#include "store/region_repository.hpp"
#include "store/staff_repository.hpp"
#include "store/user_repository.hpp"

namespace bangfu::testing {

std::string engine_name(const ::testing::TestParamInfo<store::Engine>& info) {
    return info.param == store::Engine::sqlite ? "SQLite" : "PostgreSQL";
}

namespace {
std::string random_suffix() {
    static std::mt19937_64 rng{std::random_device{}()};
    return std::to_string(rng() % 1'000'000'000'000ULL);
}
}  // namespace

void StoreTest::SetUp() {
    if (GetParam() == store::Engine::sqlite) {
        sqlite_dir_ =
            (std::filesystem::temp_directory_path() / ("bangfu-test-" + random_suffix())).string();
        std::filesystem::create_directories(sqlite_dir_);
        db_ = std::make_unique<store::Database>(
            store::parse_database_url("sqlite:" + sqlite_dir_ + "/t.db"), true);
    } else {
        const char* url = std::getenv("BANGFU_PG_URL");
        if (!url || !*url) {
            if (std::getenv("BANGFU_REQUIRE_PG"))
                FAIL() << "BANGFU_PG_URL is not set but PostgreSQL tests are required";
            GTEST_SKIP() << "BANGFU_PG_URL not set: run under scripts/with-postgres.sh";
        }
        pg_admin_url_ = url;
        pg_name_ = "bangfu_test_" + random_suffix();
        store::Database admin(store::parse_database_url(pg_admin_url_));
        admin.acquire()->execute_script("CREATE DATABASE " + pg_name_);
        auto base = pg_admin_url_.substr(0, pg_admin_url_.rfind('/'));
        db_ = std::make_unique<store::Database>(store::parse_database_url(base + "/" + pg_name_));
    }
    lease_.emplace(db_->acquire());
    store::migrate(**lease_);
}

void StoreTest::TearDown() {
    lease_.reset();
    db_.reset();
    if (!pg_name_.empty()) {
        store::Database admin(store::parse_database_url(pg_admin_url_));
        admin.acquire()->execute_script("DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
    }
    if (!sqlite_dir_.empty()) std::filesystem::remove_all(sqlite_dir_);
}

Seed StoreTest::seed() {
    auto& c = conn();
    Seed s;
    s.system = {0, "(test)", core::Role::system_admin, {}, {}, {}, "", "(test)"};
    for (auto r : {core::Region{"420000", "湖北省", "province", std::nullopt, ""},
                   core::Region{"421200", "咸宁市", "city", "420000", ""},
                   core::Region{"421222", "通城县", "county", "421200", ""},
                   core::Region{"421222105", "五里镇", "township", "421222", ""},
                   core::Region{"650000", "新疆维吾尔自治区", "province", std::nullopt, ""},
                   core::Region{"654000", "伊犁哈萨克自治州", "city", "650000", ""},
                   core::Region{"654023", "霍城县", "county", "654000", ""}})
        store::regions::create(c, s.system, r, {});
    auto school = [&](const char* name, const char* region, bool weak) {
        core::Institution x;
        x.name = name;
        x.kind = "primary";
        x.locality = weak ? "rural" : "urban";
        x.weak = weak;
        x.region = region;
        x.student_count = 300;
        return store::institutions::create(c, s.system, x, {}).id;
    };
    s.tc_school = school("五里镇湾头小学", "421222105", true);
    s.tc_school2 = school("通城县实验小学", "421222", false);
    s.hc_school = school("霍城县第一中学", "654023", true);
    auto person = [&](const char* name, std::int64_t inst) {
        core::Staff x;
        x.name = name;
        x.gender = "female";
        x.institution = inst;
        x.subjects = {"chinese"};
        x.years_teaching = 10;
        x.phone = "13800001234";
        return store::staff::create(c, s.system, x, {}).id;
    };
    s.tc_teacher = person("李家红", s.tc_school);
    s.hc_teacher = person("阿依古丽·买买提", s.hc_school);
    auto user = [&](const char* name, const char* role, std::optional<std::string> region,
                    std::optional<std::int64_t> inst, std::optional<std::int64_t> staff) {
        core::User u;
        u.username = name;
        u.role = role;
        u.region = region;
        u.institution = inst;
        u.staff = staff;
        static const store::auth::PasswordHash hash{core::hash_password("Bangfu@2026")};
        auto id = store::auth::bootstrap_user(c, u, hash);
        return *store::users::load_actor(c, id);
    };
    s.tc_bureau = user("tongcheng", "bureau_admin", "421222", {}, {});
    s.hc_bureau = user("huocheng", "bureau_admin", "654023", {}, {});
    s.tc_school_admin = user("wantou", "institution_admin", {}, s.tc_school, {});
    s.tc_teacher_user = user("teacher1", "teacher", {}, s.tc_school, s.tc_teacher);
    s.tc_inspector = user("inspector", "inspector", "421222", {}, {});
    return s;
}

}  // namespace bangfu::testing
