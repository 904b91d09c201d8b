#include "core/text.hpp"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace bangfu::core {

bool is_valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t n;
        char32_t cp;
        if (c < 0x80) {
            ++i;
            continue;
        }
        if ((c & 0xE0) == 0xC0) {
            n = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3;
            cp = c & 0x07;
        } else
            return false;
        if (i + n >= s.size()) return false;  // truncated sequence
        for (std::size_t k = 1; k <= n; ++k) {
            auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong forms, surrogates and values beyond U+10FFFF are not UTF-8.
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return false;
        i += n + 1;
    }
    return true;
}

bool has_control_characters(std::string_view s) {
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F) return true;
    }
    return false;
}

std::size_t char_count(std::string_view s) {
    std::size_t n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

std::string trim(std::string_view s) {
    constexpr std::string_view ideographic_space = "\xE3\x80\x80";
    bool changed = true;
    while (changed && !s.empty()) {
        changed = false;
        while (!s.empty() &&
               (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
            s.remove_prefix(1);
            changed = true;
        }
        while (!s.empty() &&
               (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
            s.remove_suffix(1);
            changed = true;
        }
        if (s.starts_with(ideographic_space)) {
            s.remove_prefix(3);
            changed = true;
        }
        if (s.ends_with(ideographic_space)) {
            s.remove_suffix(3);
            changed = true;
        }
    }
    return std::string(s);
}

bool iequals_ascii(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

std::string to_lower_ascii(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

namespace {
// ICU collators are not thread-safe for concurrent use, but clones are cheap: one per thread.
const icu::Collator& zh_collator() {
    static const std::unique_ptr<icu::Collator> prototype = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale("zh"), status));
        if (U_FAILURE(status) || !c) throw std::runtime_error("ICU zh collator unavailable");
        return c;
    }();
    thread_local std::unique_ptr<icu::Collator> mine(prototype->clone());
    return *mine;
}
}  // namespace

std::string collation_key(std::string_view utf8) {
    auto ustr = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    const auto& coll = zh_collator();
    int32_t len = coll.getSortKey(ustr, nullptr, 0);
    std::vector<uint8_t> key(static_cast<std::size_t>(len));
    coll.getSortKey(ustr, key.data(), len);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(key.size() * 2);
    for (std::size_t i = 0; i + 1 < key.size(); ++i) {  // drop the trailing NUL terminator
        out += hex[key[i] >> 4];
        out += hex[key[i] & 0xF];
    }
    return out;
}

std::string mask_phone(std::string_view phone) {
    if (phone.empty()) return {};
    if (phone.size() >= 7 && char_count(phone) == phone.size())
        return std::string(phone.substr(0, 3)) + "****" +
               std::string(phone.substr(phone.size() - 4));
    return "****";
}

std::string like_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

}  // namespace bangfu::core
