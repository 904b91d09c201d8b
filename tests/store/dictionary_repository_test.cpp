#include "store/dictionary_repository.hpp"

#include "expect_error.hpp"
#include "test_database.hpp"

using namespace bangfu;
using bangfu::testing::error_kind;
using bangfu::testing::field_errors;
using bangfu::testing::StoreTest;
using K = core::ErrorKind;
namespace dicts = store::dictionaries;

class DictionaryRepositoryTest : public StoreTest {};
BANGFU_STORE_TEST_SUITE(DictionaryRepositoryTest);

namespace {
constexpr std::array labels{core::FieldLabel{"type", "活动类型", "activity type"}};
}

TEST_P(DictionaryRepositoryTest, AdminsExtendAndValuesAreThenAccepted) {
    auto s = seed();
    core::FieldErrors e;
    dicts::check_value(conn(), "activity_type", labels, e, "type", "sports_meet");
    ASSERT_TRUE(e.contains("type"));
    EXPECT_NE(e.at("type").zh.find("活动类型应为以下之一"), std::string::npos);
    EXPECT_NE(e.at("type").zh.find("示范课"), std::string::npos);

    auto added = dicts::add(conn(), s.tc_bureau, "activity_type",
                            {"sports_meet", "联合运动会", "Joint sports meeting", false});
    EXPECT_EQ(added.value, "sports_meet");
    e.clear();
    dicts::check_value(conn(), "activity_type", labels, e, "type", "sports_meet");
    EXPECT_TRUE(e.empty());
    auto all = dicts::entries(conn(), "activity_type");
    EXPECT_TRUE(all.front().builtin);
    EXPECT_EQ(all.back().value, "sports_meet");
    EXPECT_FALSE(all.back().builtin);
    EXPECT_EQ(dicts::find(conn(), "activity_type", "联合运动会")->value, "sports_meet");
    // Other dictionaries are not affected.
    dicts::check_value(conn(), "pairing_dimension", labels, e, "type", "sports_meet");
    EXPECT_TRUE(e.contains("type"));
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM audit_log WHERE entity = 'dictionary_entry'"),
              1);
}

TEST_P(DictionaryRepositoryTest, RefusesDuplicatesBadCodesAndOtherRoles) {
    auto s = seed();
    auto e = field_errors([&] {
        dicts::add(conn(), s.system, "pairing_dimension", {"Teachers!", "师资", "teachers", false});
    });
    EXPECT_TRUE(e.contains("value"));
    EXPECT_TRUE(e.contains("zh"));  // 师资 exists already
    EXPECT_TRUE(e.contains("en"));  // case-insensitive
    EXPECT_EQ(error_kind([&] {
                  dicts::add(conn(), s.tc_school_admin, "pairing_dimension",
                             {"culture", "文化", "Culture", false});
              }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] {
                  dicts::add(conn(), s.tc_inspector, "pairing_dimension",
                             {"culture", "文化", "Culture", false});
              }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] {
                  dicts::add(conn(), s.system, "gender", {"x", "其他", "Other", false});
              }),
              K::not_found);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM dictionary_entries"), 0);
}

TEST_P(DictionaryRepositoryTest, TheDictionariesDocumentIncludesAddedEntries) {
    auto s = seed();
    dicts::add(conn(), s.system, "material_category", {"bedding", "被褥", "Bedding", false});
    auto doc = dicts::all_json(conn());
    const auto& cats = doc.at("material_category").as_array();
    EXPECT_EQ(cats.back().as_object().at("zh").as_string(), "被褥");
    EXPECT_TRUE(doc.contains("gender"));
    EXPECT_TRUE(doc.contains("program_kind"));
}
