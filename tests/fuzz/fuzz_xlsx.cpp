// libFuzzer: the .xlsx reader (zip, XML, shared strings, styles, cells) on arbitrary bytes. Seed
// with real workbooks (tests/fuzz/corpus/xlsx): libFuzzer mutates inside their zip entries only
// by chance, so most findings come from the zip and XML layers.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "report/table.hpp"
#include "report/xlsx_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    bangfu::report::ReadLimits limits;
    limits.max_entry_bytes = 8 * 1024 * 1024;
    limits.max_cells = 100'000;
    limits.max_bytes = 32 * 1024 * 1024;
    try {
        bangfu::report::read_xlsx(std::string_view(reinterpret_cast<const char*>(data), size),
                                  limits);
    } catch (const bangfu::report::FileError&) {
    }
    return 0;
}
