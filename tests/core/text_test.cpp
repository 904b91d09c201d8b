#include "core/text.hpp"

#include <gtest/gtest.h>

using namespace bangfu::core;

TEST(Text, ValidatesUtf8) {
    EXPECT_TRUE(is_valid_utf8("桐城市实验小学"));
    EXPECT_TRUE(is_valid_utf8("阿依古丽·买买提 😀"));
    EXPECT_FALSE(is_valid_utf8("\xE6\xA1"));          // truncated
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
    EXPECT_FALSE(is_valid_utf8("\xB6\xFE\xD6\xD0"));  // GBK bytes
}

TEST(Text, CountsCharactersNotBytes) {
    EXPECT_EQ(char_count("三元中学"), 4u);
    EXPECT_EQ(char_count("abc"), 3u);
    EXPECT_EQ(char_count("😀"), 1u);
}

TEST(Text, TrimsAsciiAndIdeographicSpaces) {
    EXPECT_EQ(trim("  五里镇\t"), "五里镇");
    EXPECT_EQ(trim("\xE3\x80\x80湾头小学\xE3\x80\x80 "), "湾头小学");
    EXPECT_EQ(trim("   "), "");
}

TEST(Text, CollationKeyOrdersByPinyin) {
    // 安 (an) < 北 (bei) < 测 (ce) < 桐 (tong) < 五 (wu) < 张 (zhang), unlike code point order.
    std::vector<std::string> names{"张村小学", "五里镇湾头小学", "安庆一中",
                                   "桐城实验", "北京",           "测试"};
    std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
        return collation_key(a) < collation_key(b);
    });
    EXPECT_EQ(names, (std::vector<std::string>{"安庆一中", "北京", "测试", "桐城实验",
                                               "五里镇湾头小学", "张村小学"}));
    EXPECT_LT(std::string("北"), std::string("安"));  // code point order would differ
}

TEST(Text, MasksPhoneNumbers) {
    EXPECT_EQ(mask_phone("13812345678"), "138****5678");
    EXPECT_EQ(mask_phone(""), "");
    EXPECT_EQ(mask_phone("123"), "****");
}

TEST(Text, EscapesLikeWildcards) {
    EXPECT_EQ(like_escape("50%_a\\b"), "50\\%\\_a\\\\b");
}
