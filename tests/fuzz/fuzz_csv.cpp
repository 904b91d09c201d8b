// libFuzzer: the CSV reader (imports of .csv files) on arbitrary bytes. A FileError is the
// expected answer to bad input; anything else (a crash, a sanitizer report, another exception)
// is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "report/csv.hpp"
#include "report/table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    bangfu::report::ReadLimits limits;
    limits.max_cells = 100'000;
    limits.max_bytes = 16 * 1024 * 1024;
    try {
        bangfu::report::read_csv(std::string_view(reinterpret_cast<const char*>(data), size),
                                 limits);
    } catch (const bangfu::report::FileError&) {
    }
    return 0;
}
