#include "core/dictionary.hpp"

#include <gtest/gtest.h>

using namespace bangfu::core;

TEST(Dictionary, FindsByCodeChineseOrEnglishLabel) {
    EXPECT_EQ(dict::institution_kind.find_any("小学")->value, "primary");
    EXPECT_EQ(dict::institution_kind.find_any(" primary ")->value, "primary");
    EXPECT_EQ(dict::institution_kind.find_any("Primary School")->value, "primary");
    EXPECT_EQ(dict::institution_kind.find_any("中学"), nullptr);
    EXPECT_EQ(dict::subject.find_any("数学")->value, "math");
}

TEST(Dictionary, ListsEveryVocabularyOnce) {
    std::set<std::string_view> names;
    for (const auto* d : dict::all()) EXPECT_TRUE(names.insert(d->name()).second) << d->name();
    EXPECT_EQ(dict::institution_kind.options().size(), 12u);  // special education since issue 13
    EXPECT_EQ(dict::user_role.options().size(), 5u);
}
