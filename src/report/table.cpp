#include <algorithm>
#include <string>

#include "report/csv.hpp"
#include "report/grid.hpp"
#include "report/table.hpp"
#include "report/xlsx_reader.hpp"

namespace bangfu::report {

namespace detail {

void throw_too_large_in_memory(std::size_t limit) {
    throw FileError("表格内容展开后超过 " + std::to_string(limit / (1024 * 1024)) +
                    " MB 的上限，请拆分后分批导入");
}

void throw_too_many_cells(std::size_t limit) {
    throw FileError("表格过大：超过 " + std::to_string(limit) + " 个单元格的上限，请拆分后再导入");
}

Table make_table(std::vector<std::vector<std::string>> grid, const ReadLimits& limits) {
    const auto is_empty_row = [](const std::vector<std::string>& row) {
        return std::all_of(row.begin(), row.end(), [](const std::string& c) { return c.empty(); });
    };
    while (!grid.empty() && is_empty_row(grid.back())) grid.pop_back();

    std::size_t width = 0;
    for (const auto& row : grid) {
        for (std::size_t i = row.size(); i > width; --i) {
            if (!row[i - 1].empty()) {
                width = i;
                break;
            }
        }
    }
    if (width != 0 && grid.size() > limits.max_cells / width) {
        throw_too_many_cells(limits.max_cells);
    }
    // Only empty cells are cut: everything past `width` is empty by construction.
    for (auto& row : grid) row.resize(width);

    Table table;
    if (grid.empty()) return table;
    table.header = std::move(grid.front());
    table.rows.assign(std::make_move_iterator(grid.begin() + 1),
                      std::make_move_iterator(grid.end()));
    return table;
}

}  // namespace detail

namespace {

bool starts_with(std::string_view bytes, std::string_view prefix) {
    return bytes.substr(0, prefix.size()) == prefix;
}

// Spaces a user may leave around a header: ASCII whitespace, NBSP and the full-width space
// that Chinese input methods produce.
std::string_view trim(std::string_view s) {
    constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
    constexpr std::string_view kNoBreakSpace = "\xC2\xA0";
    bool changed = true;
    while (changed && !s.empty()) {
        changed = false;
        for (std::string_view space :
             {std::string_view(" "), std::string_view("\t"), std::string_view("\r"),
              std::string_view("\n"), kIdeographicSpace, kNoBreakSpace}) {
            if (s.starts_with(space)) {
                s.remove_prefix(space.size());
                changed = true;
            }
            if (s.ends_with(space)) {
                s.remove_suffix(space.size());
                changed = true;
            }
        }
    }
    return s;
}

char ascii_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equals_ascii_icase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return ascii_lower(x) == ascii_lower(y);
           });
}

}  // namespace

Table read_table(std::string_view bytes) {
    return read_table(bytes, ReadLimits{});
}

Table read_table(std::string_view bytes, const ReadLimits& limits) {
    // "PK\3\4" starts every zip with at least one entry, "PK\5\6" an empty one; both are meant
    // as workbooks and get the xlsx reader's error rather than being parsed as CSV garbage.
    if (starts_with(bytes, std::string_view("PK\x03\x04", 4)) ||
        starts_with(bytes, std::string_view("PK\x05\x06", 4))) {
        return read_xlsx(bytes, limits);
    }
    // OLE2 compound file: an Excel 97-2003 .xls, or an .xlsx saved with a password (Excel wraps
    // encrypted workbooks in OLE2). Read as CSV it would come out as garbage.
    if (starts_with(bytes, std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))) {
        throw FileError(
            "这是旧版 Excel (.xls) 文件或设置了密码的 Excel 文件，无法读取。请在 Excel/WPS 中"
            "取消密码并另存为 .xlsx 或 CSV 后再导入");
    }
    return read_csv(bytes, limits);
}

std::optional<std::size_t> column_index(const Table& table,
                                        std::initializer_list<std::string_view> names) {
    for (std::string_view name : names) {
        const std::string_view wanted = trim(name);
        if (wanted.empty()) continue;  // would match every blank header cell
        for (std::size_t i = 0; i < table.header.size(); ++i) {
            if (equals_ascii_icase(trim(table.header[i]), wanted)) return i;
        }
    }
    return std::nullopt;
}

}  // namespace bangfu::report
