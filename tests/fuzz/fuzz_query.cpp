// libFuzzer: the request-target parser (path and query string of every request) on arbitrary
// bytes. A malformed core::Error is the expected answer to bad input; a target it accepts must
// decode to text only (valid UTF-8, no control characters), which is what the handlers and the
// database rely on. Anything else (a crash, a sanitizer report, another exception) is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/error.hpp"
#include "core/text.hpp"
#include "http/request_target.hpp"

namespace {
bool is_text(const std::string& s) {
    return bangfu::core::is_valid_utf8(s) && !bangfu::core::has_control_characters(s);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        auto t = bangfu::http::parse_request_target(
            std::string_view(reinterpret_cast<const char*>(data), size));
        if (!is_text(t.path) || t.path.empty() || t.path.front() != '/') std::abort();
        for (const auto& [k, v] : t.query)
            if (!is_text(k) || !is_text(v)) std::abort();
    } catch (const bangfu::core::Error& e) {
        if (e.kind() != bangfu::core::ErrorKind::malformed) std::abort();
    }
    return 0;
}
