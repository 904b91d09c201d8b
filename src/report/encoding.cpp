#include "report/encoding.hpp"

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <memory>
#include <vector>

namespace bangfu::report::detail {

namespace {

struct ConverterDeleter {
    void operator()(UConverter* converter) const { ucnv_close(converter); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterDeleter>;

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
    // ICU's lengths are int32_t; callers reject larger inputs before getting here.
    if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) return false;
    const auto* s = reinterpret_cast<const std::uint8_t*>(bytes.data());
    const auto length = static_cast<std::int32_t>(bytes.size());
    std::int32_t i = 0;
    while (i < length) {
        UChar32 c = 0;
        U8_NEXT(s, i, length, c);
        if (c < 0) return false;
    }
    return true;
}

std::optional<std::string> to_utf8(std::string_view bytes, const char* charset) {
    if (bytes.size() >= static_cast<std::size_t>(INT32_MAX)) return std::nullopt;
    UErrorCode status = U_ZERO_ERROR;
    ConverterPtr converter(ucnv_open(charset, &status));
    if (U_FAILURE(status)) return std::nullopt;
    // Stop at the first invalid sequence instead of substituting U+FFFD.
    ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr,
                        &status);
    if (U_FAILURE(status)) return std::nullopt;

    // The charsets used here (GB18030, UTF-16) never give more UTF-16 units than input bytes (a
    // 4-byte GB18030 sequence gives at most 2 units), so one pass normally suffices; any other
    // charset gets a second pass with the size ICU reports.
    std::vector<UChar> utf16(bytes.size() + 1);
    std::int32_t units =
        ucnv_toUChars(converter.get(), utf16.data(), static_cast<std::int32_t>(utf16.size()),
                      bytes.data(), static_cast<std::int32_t>(bytes.size()), &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        utf16.resize(static_cast<std::size_t>(units) + 1);
        status = U_ZERO_ERROR;
        ucnv_resetToUnicode(converter.get());
        units =
            ucnv_toUChars(converter.get(), utf16.data(), static_cast<std::int32_t>(utf16.size()),
                          bytes.data(), static_cast<std::int32_t>(bytes.size()), &status);
    }
    if (U_FAILURE(status)) return std::nullopt;

    std::int32_t utf8_length = 0;
    status = U_ZERO_ERROR;
    u_strToUTF8(nullptr, 0, &utf8_length, utf16.data(), units, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return std::nullopt;
    std::string out(static_cast<std::size_t>(utf8_length), '\0');
    status = U_ZERO_ERROR;
    u_strToUTF8(out.data(), utf8_length, &utf8_length, utf16.data(), units, &status);
    // U_STRING_NOT_TERMINATED_WARNING is expected: std::string keeps its own terminator.
    if (U_FAILURE(status)) return std::nullopt;
    return out;
}

std::size_t display_width(std::string_view utf8) {
    std::size_t widest = 0;
    std::size_t current = 0;
    const auto* s = reinterpret_cast<const std::uint8_t*>(utf8.data());
    const auto length = static_cast<std::int32_t>(std::min<std::size_t>(utf8.size(), INT32_MAX));
    std::int32_t i = 0;
    while (i < length) {
        UChar32 c = 0;
        U8_NEXT(s, i, length, c);
        if (c == '\n') {
            widest = std::max(widest, current);
            current = 0;
            continue;
        }
        if (c < 0) {
            ++current;  // a stray byte still takes room
            continue;
        }
        const auto width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
        current += (width == U_EA_WIDE || width == U_EA_FULLWIDTH) ? 2 : 1;
    }
    return std::max(widest, current);
}

}  // namespace bangfu::report::detail
