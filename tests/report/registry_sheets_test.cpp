// Imports and exports of the registry against a real database (both engines).
#include "report/registry_sheets.hpp"

#include "report/csv.hpp"
#include "report/xlsx_reader.hpp"
#include "store/expect_error.hpp"
#include "store/institution_repository.hpp"
#include "store/migrations.hpp"
#include "store/test_database.hpp"

using namespace bangfu;
using bangfu::testing::StoreTest;

class RegistrySheetsTest : public StoreTest {
  protected:
    report::Table institutions_csv(std::vector<std::vector<std::string>> rows) {
        report::Table t;
        t.header = {"名称", "类型", "城乡类别", "薄弱学校", "行政区划代码", "学生数"};
        t.rows = std::move(rows);
        return t;
    }
    std::int64_t count() { return conn().query_int("SELECT COUNT(*) FROM institutions"); }
};
BANGFU_STORE_TEST_SUITE(RegistrySheetsTest);

TEST_P(RegistrySheetsTest, ValidRowsModeKeepsGoodRowsAndReportsBadOnes) {
    auto s = seed();
    auto t = institutions_csv({{"隽水镇中心小学", "小学", "乡村", "是", "421222", "410"},
                               {"坏数据学校", "中学", "乡村", "否", "421222", "abc"},
                               {"city school", "primary", "urban", "no", "421222", "1200"}});
    auto r = report::import_registry(conn(), s.tc_bureau, report::RegistryKind::institutions, t,
                                     report::ImportMode::valid_rows);
    EXPECT_EQ(r.total, 3u);
    EXPECT_EQ(r.imported, 2u);
    ASSERT_EQ(r.errors.size(), 2u);  // the kind and the student count of row 3
    for (const auto& e : r.errors) EXPECT_EQ(e.row, 3u);
    EXPECT_EQ(count(), 5);
}

TEST_P(RegistrySheetsTest, AllOrNothingImportsNothingOnAnyError) {
    auto s = seed();
    auto t = institutions_csv({{"隽水镇中心小学", "小学", "乡村", "是", "421222", "410"},
                               {"越界学校", "小学", "乡村", "是", "654023", "10"}});
    auto r = report::import_registry(conn(), s.tc_bureau, report::RegistryKind::institutions, t,
                                     report::ImportMode::all_or_nothing);
    EXPECT_EQ(r.imported, 0u);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].row, 3u);  // out of scope
    EXPECT_EQ(count(), 3);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM audit_log WHERE entity = 'institution'"), 3);
}

TEST_P(RegistrySheetsTest, DuplicatesWithinTheFileAreCaughtPerRow) {
    auto s = seed();
    auto t = institutions_csv({{"新学校", "小学", "乡村", "是", "421222", "1"},
                               {"新学校", "小学", "乡村", "是", "421222", "2"}});
    auto r = report::import_registry(conn(), s.system, report::RegistryKind::institutions, t,
                                     report::ImportMode::valid_rows);
    EXPECT_EQ(r.imported, 1u);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].row, 3u);
    EXPECT_EQ(count(), 4);
}

TEST_P(RegistrySheetsTest, UnknownColumnsAreReportedNotDropped) {
    auto s = seed();
    auto t = institutions_csv({{"新学校", "小学", "乡村", "是", "421222", "1"}});
    t.header.push_back("校长");
    for (auto& row : t.rows) row.push_back("张三");
    auto r = report::import_registry(conn(), s.system, report::RegistryKind::institutions, t,
                                     report::ImportMode::valid_rows);
    EXPECT_EQ(r.imported, 0u);
    ASSERT_FALSE(r.errors.empty());
    EXPECT_EQ(r.errors[0].row, 1u);
    EXPECT_NE(r.errors[0].message.zh.find("校长"), std::string::npos);
}

TEST_P(RegistrySheetsTest, StaffImportFindsTheInstitutionByName) {
    auto s = seed();
    report::Table t;
    t.header = {"姓名", "性别", "所在单位", "任教学科", "教龄"};
    t.rows = {{"吴恒珍", "女", "五里镇湾头小学", "语文、数学", "12"},
              {"张峰", "男", "不存在的学校", "语文", "5"}};
    auto r = report::import_registry(conn(), s.tc_bureau, report::RegistryKind::staff, t,
                                     report::ImportMode::valid_rows);
    EXPECT_EQ(r.imported, 1u);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].field, "institution");
    auto row = conn().query_one("SELECT subjects FROM staff WHERE name = '吴恒珍'");
    ASSERT_TRUE(row);
    EXPECT_EQ(row->text(0), ",chinese,math,");
}

TEST_P(RegistrySheetsTest, ExportedTablesUseChineseLabelsAndRoundTripThroughTheTemplate) {
    auto s = seed();
    store::ListQuery q;
    auto t = report::institutions_table(store::institutions::list(conn(), s.system, q).items, "zh");
    ASSERT_EQ(t.rows.size(), 3u);
    EXPECT_EQ(t.header[1], "名称");
    EXPECT_EQ(t.rows[0][2], "小学");
    // An exported file can be imported back (its extra columns are known and ignored).
    auto back = report::read_csv(report::write_csv(t));
    conn().execute("DELETE FROM institutions WHERE id NOT IN (SELECT institution FROM staff)");
    auto r = report::import_registry(conn(), s.system, report::RegistryKind::institutions, back,
                                     report::ImportMode::valid_rows);
    EXPECT_EQ(r.imported, 1u);  // the two with staff still exist: conflicts
    EXPECT_EQ(r.errors.size(), 2u);
    auto tpl = report::read_xlsx(report::import_template(report::RegistryKind::staff));
    EXPECT_EQ(tpl.header[0], "姓名");
    EXPECT_EQ(tpl.rows.size(), 1u);
}

// An import of many rows refreshes the planner's statistics of the table it filled (below
// store::statistics_after_import_rows it does not: the statistics of a big table would not move).
TEST_P(RegistrySheetsTest, LargeImportRefreshesStatistics) {
    auto s = seed();
    auto& c = conn();
    bool sqlite = c.engine() == store::Engine::sqlite;
    auto staff_statistics = [&] {
        return sqlite ? c.query_int("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'staff'")
                      : c.query_int(
                            "SELECT reltuples::BIGINT FROM pg_class WHERE relname = "
                            "'staff' AND relkind = 'r'");
    };
    auto staff_rows = [&](std::size_t n, const std::string& prefix) {
        report::Table t;
        t.header = {"姓名", "性别", "所在单位", "任教学科", "教龄"};
        for (std::size_t i = 0; i < n; ++i)
            t.rows.push_back({prefix + std::to_string(i), i % 2 ? "男" : "女",
                              std::to_string(s.tc_school), "语文", std::to_string(i % 30)});
        return t;
    };
    auto before = staff_statistics();  // SQLite: no row (empty at migrate); PostgreSQL: 0
    auto small =
        report::import_registry(c, s.tc_bureau, report::RegistryKind::staff, staff_rows(10, "小批"),
                                report::ImportMode::all_or_nothing);
    ASSERT_EQ(small.imported, 10u);
    EXPECT_EQ(staff_statistics(), before) << "a small import leaves the statistics alone";

    auto large = report::import_registry(c, s.tc_bureau, report::RegistryKind::staff,
                                         staff_rows(store::statistics_after_import_rows, "大批"),
                                         report::ImportMode::all_or_nothing);
    ASSERT_EQ(large.imported, store::statistics_after_import_rows);
    if (sqlite) {
        EXPECT_GT(staff_statistics(), 0) << "sqlite_stat1 has the staff indexes";
    } else {
        EXPECT_GE(staff_statistics(), 1000) << "pg_class.reltuples counts the imported rows";
    }
}
