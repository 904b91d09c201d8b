#include "core/password_quality.hpp"

#include <pwquality.h>

#include <memory>
#include <mutex>
#include <string>

namespace bangfu::core {

namespace {

struct SettingsDeleter {
    void operator()(pwquality_settings_t* s) const { pwquality_free_settings(s); }
};
using Settings = std::unique_ptr<pwquality_settings_t, SettingsDeleter>;

// Built once from libpwquality's defaults, not from /etc/security/pwquality.conf: the policy is
// ours and must not change with the machine it runs on.
Settings make_settings() {
    Settings s(pwquality_default_settings());
    if (s) pwquality_set_int_value(s.get(), PWQ_SETTING_MIN_LENGTH, int(min_password_chars));
    return s;
}

// cracklib keeps state between lookups and is not documented as thread-safe: one check at a time
// (a check takes well under a millisecond; passwords are set rarely).
std::mutex pwquality_mutex;

Text explain(int code) {
    switch (code) {
        case PWQ_ERROR_MIN_LENGTH:
            return {"至少需要 10 个字符", "must be at least 10 characters"};
        case PWQ_ERROR_USER_CHECK:
            return {"不能包含用户名", "must not contain the username"};
        case PWQ_ERROR_PALINDROME:
            return {"不能是回文（正读反读相同）", "must not be a palindrome"};
        case PWQ_ERROR_CASE_CHANGES_ONLY:
        case PWQ_ERROR_TOO_SIMILAR:
        case PWQ_ERROR_SAME_PASSWORD:
            return {"与旧密码太相似", "is too similar to the old password"};
        case PWQ_ERROR_MIN_CLASSES:
        case PWQ_ERROR_MIN_DIGITS:
        case PWQ_ERROR_MIN_UPPERS:
        case PWQ_ERROR_MIN_LOWERS:
        case PWQ_ERROR_MIN_OTHERS:
            return {"字符种类太少，请混用字母、数字和符号",
                    "uses too few kinds of characters; mix letters, digits and symbols"};
        case PWQ_ERROR_MAX_CONSECUTIVE:
        case PWQ_ERROR_MAX_CLASS_REPEAT:
        case PWQ_ERROR_MAX_SEQUENCE:
            return {"连续重复或顺序的字符太多", "has too many repeated or sequential characters"};
        case PWQ_ERROR_CRACKLIB_CHECK:
            return {"太容易被猜到（常见单词、键盘顺序或字符太单一）",
                    "is too easy to guess (a common word, a keyboard run or too few different "
                    "characters)"};
        case PWQ_ERROR_BAD_WORDS:
            return {"含有不允许的词", "contains a forbidden word"};
        default:
            return {"太容易被猜到", "is too easy to guess"};
    }
}

}  // namespace

std::optional<Text> password_weakness(std::string_view password, std::string_view username) {
    if (!is_valid_utf8(password)) return Text{"含有无效字符", "holds invalid characters"};
    // Control characters (NUL, tab, line breaks) cannot be typed into a login form, and a NUL
    // would cut the password short in C libraries.
    for (char c : password)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            return Text{"不能含有控制字符（如换行、制表符）",
                        "must not contain control characters (line breaks, tabs)"};
    auto n = char_count(password);
    if (n < min_password_chars) return explain(PWQ_ERROR_MIN_LENGTH);
    if (n > max_password_chars)
        return Text{"不能超过 128 个字符", "must be at most 128 characters"};
    std::string lowered(password);
    for (auto& c : lowered)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    std::string user(username);
    for (auto& c : user)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (!user.empty() && lowered == user) return explain(PWQ_ERROR_USER_CHECK);

    std::lock_guard lock(pwquality_mutex);
    static const Settings settings = make_settings();
    if (!settings) return std::nullopt;  // out of memory at start-up: the length rules still hold
    std::string pw(password);
    // No auxiliary error: our own words explain the code, and libpwquality would allocate it.
    int score = pwquality_check(settings.get(), pw.c_str(), nullptr,
                                user.empty() ? nullptr : user.c_str(), nullptr);
    if (score < 0) return explain(score);
    return std::nullopt;
}

}  // namespace bangfu::core
