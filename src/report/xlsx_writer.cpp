#include "report/xlsx_writer.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <system_error>
#include <unordered_set>

#include "report/encoding.hpp"
#include "report/number.hpp"

namespace bangfu::report {

namespace {

// "-?digits.dd" with at most 13 digits before the point (15 significant digits in all).
bool is_money_text(std::string_view text) {
    std::string_view t = text;
    if (t.starts_with('-')) t.remove_prefix(1);
    auto point = t.find('.');
    if (point == std::string_view::npos || point == 0 || point > 13 || t.size() != point + 3)
        return false;
    for (std::size_t i = 0; i < t.size(); ++i)
        if (i != point && (t[i] < '0' || t[i] > '9')) return false;
    return true;
}

constexpr const char* kInstructionsSheet = "说明";
constexpr std::size_t kMaxColumnWidth = 60;
constexpr std::size_t kMinColumnWidth = 8;
constexpr std::size_t kMaxInstructionsWidth = 100;

// libxlsxwriter 1.1.4 can only write to a path (an in-memory output buffer arrived in 1.1.5),
// so the workbook goes to a private temporary file that is read back and removed.
class TempFile {
  public:
    TempFile() {
        const char* dir = std::getenv("TMPDIR");
        directory_ = (dir != nullptr && *dir != '\0') ? dir : "/tmp";
        path_ = directory_ + "/bangfu-xlsx-XXXXXX";
        fd_ = ::mkstemp(path_.data());  // 0600, so no other user can read the export
        if (fd_ < 0) {
            throw std::system_error(errno, std::generic_category(),
                                    "cannot create a temporary file in " + directory_);
        }
    }
    ~TempFile() {
        ::close(fd_);
        ::unlink(path_.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    const std::string& path() const { return path_; }
    // libxlsxwriter wants a mutable char* for its own temporary files.
    std::string& directory() { return directory_; }

    std::string read_all() const {
        // libxlsxwriter rewrote the file through its path, so open it afresh.
        const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot read " + path_);
        std::string bytes;
        std::array<char, 64 * 1024> buffer{};
        for (;;) {
            const ssize_t count = ::read(fd, buffer.data(), buffer.size());
            if (count < 0) {
                if (errno == EINTR) continue;
                const int error = errno;
                ::close(fd);
                throw std::system_error(error, std::generic_category(), "cannot read " + path_);
            }
            if (count == 0) break;
            bytes.append(buffer.data(), static_cast<std::size_t>(count));
        }
        ::close(fd);
        return bytes;
    }

  private:
    std::string directory_;
    std::string path_;
    int fd_ = -1;
};

struct WorkbookCloser {
    // Only reached when an exception abandons the workbook: closing is also how libxlsxwriter
    // frees it. The normal path closes explicitly to check the result.
    void operator()(lxw_workbook* workbook) const { workbook_close(workbook); }
};
using WorkbookPtr = std::unique_ptr<lxw_workbook, WorkbookCloser>;

// "A", "B", ... "AA": how the user finds a column in Excel.
std::string column_name(std::size_t column) {
    std::string name;
    ++column;
    while (column > 0) {
        --column;
        name.insert(name.begin(), static_cast<char>('A' + column % 26));
        column /= 26;
    }
    return name;
}

std::string cell_name(std::size_t row, std::size_t column) {
    return "第 " + std::to_string(row + 1) + " 行第 " + column_name(column) + " 列";
}

void check(lxw_error error, std::size_t row, std::size_t column) {
    switch (error) {
        case LXW_NO_ERROR:
            return;
        case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
            throw FileError(cell_name(row, column) +
                            "的内容超过 Excel 单元格的上限（32767 个字符），无法导出为 Excel");
        case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
            throw FileError("数据超出 Excel 的范围（最多 1048576 行、16384 列）");
        default:
            throw std::runtime_error(std::string("libxlsxwriter: ") + lxw_strerror(error));
    }
}

void check_sheet_name(lxw_workbook* workbook, const std::string& name) {
    const lxw_error error = workbook_validate_sheet_name(workbook, name.c_str());
    if (error != LXW_NO_ERROR) {
        throw std::invalid_argument("invalid worksheet name \"" + name +
                                    "\": " + lxw_strerror(error));
    }
}

bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Spreadsheet readers (Excel, WPS, ours) decode "_xHHHH_" in cell text as an escaped character.
// libxlsxwriter escapes control characters that way but leaves such text typed by a user as it
// is, so "_x0041_" would come back as "A". Escaping its underscore as "_x005F_", as Excel does,
// keeps the text exactly.
std::string protect_escapes(const std::string& text) {
    if (text.find("_x") == std::string::npos) return text;
    std::string out;
    out.reserve(text.size() + 14);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && is_hex(text[i + 2]) &&
            is_hex(text[i + 3]) && is_hex(text[i + 4]) && is_hex(text[i + 5]) &&
            text[i + 6] == '_') {
            out += "_x005F_";  // then "xHHHH_" follows as plain text
        } else {
            out += text[i];
        }
    }
    return out;
}

void write_text(lxw_worksheet* sheet, std::size_t row, std::size_t column, const std::string& text,
                lxw_format* format) {
    check(worksheet_write_string(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(column),
                                 protect_escapes(text).c_str(), format),
          row, column);
}

std::size_t column_width(std::size_t content_width) {
    return std::clamp(content_width + 2, kMinColumnWidth, kMaxColumnWidth);
}

void write_instructions(lxw_workbook* workbook, const std::vector<std::string>& lines,
                        lxw_format* wrap) {
    check_sheet_name(workbook, kInstructionsSheet);
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, kInstructionsSheet);
    if (sheet == nullptr) throw std::runtime_error("libxlsxwriter: cannot add a worksheet");
    std::size_t widest = 0;
    for (const auto& line : lines) widest = std::max(widest, detail::display_width(line));
    // Set before any row is written, as constant_memory mode requires.
    check(worksheet_set_column(
              sheet, 0, 0, static_cast<double>(std::min(widest + 2, kMaxInstructionsWidth)), wrap),
          0, 0);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (!detail::is_valid_utf8(lines[i]) || lines[i].find('\0') != std::string::npos) {
            throw FileError("说明第 " + std::to_string(i + 1) + " 行不是有效的 UTF-8 文本");
        }
        write_text(sheet, i, 0, lines[i], wrap);
    }
}

}  // namespace

namespace {
// The cell formats shared by every sheet of a workbook.
struct Formats {
    lxw_format* header = nullptr;
    lxw_format* wrap = nullptr;
    lxw_format* integer = nullptr;
    lxw_format* money = nullptr;
};

// Checks a sheet before anything is written, so an oversized or invalid export fails at once
// instead of after writing a million rows. Returns the column content widths.
std::vector<std::size_t> check_sheet(const Table& table) {
    std::size_t width = table.header.size();
    for (const auto& row : table.rows) width = std::max(width, row.size());
    if (table.rows.size() + 1 > LXW_ROW_MAX || width > LXW_COL_MAX) {
        throw FileError("数据超出 Excel 的范围（最多 1048576 行、16384 列），请分批导出");
    }
    std::vector<std::size_t> widths(width, 0);
    for (std::size_t r = 0; r < table.rows.size() + 1; ++r) {
        const auto& row = r == 0 ? table.header : table.rows[r - 1];
        for (std::size_t c = 0; c < row.size(); ++c) {
            // Invalid UTF-8 would make a file Excel refuses to open, and libxlsxwriter takes
            // C strings, so an embedded NUL would silently cut the cell short.
            if (!detail::is_valid_utf8(row[c])) {
                throw FileError(cell_name(r, c) + "不是有效的 UTF-8 文本");
            }
            if (row[c].find('\0') != std::string::npos) {
                throw FileError(cell_name(r, c) + "含有空字符 (NUL)，无法写入 Excel");
            }
            widths[c] = std::max(widths[c], detail::display_width(row[c]));
        }
    }
    return widths;
}

void write_sheet(lxw_workbook* workbook, const Formats& formats, const Table& table,
                 const XlsxOptions& options, const std::vector<std::size_t>& widths) {
    const std::size_t width = widths.size();
    const auto row_at = [&](std::size_t r) -> const std::vector<std::string>& {
        return r == 0 ? table.header : table.rows[r - 1];
    };
    const std::size_t height = table.rows.size() + 1;
    const std::unordered_set<std::size_t> numeric(options.numeric_columns.begin(),
                                                  options.numeric_columns.end());
    const std::unordered_set<std::size_t> money(options.money_columns.begin(),
                                                options.money_columns.end());

    check_sheet_name(workbook, options.sheet_name);
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, options.sheet_name.c_str());
    if (sheet == nullptr) throw std::runtime_error("libxlsxwriter: cannot add a worksheet");

    for (std::size_t c = 0; c < width; ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        check(worksheet_set_column(sheet, col, col, static_cast<double>(column_width(widths[c])),
                                   nullptr),
              0, c);
    }
    if (!table.header.empty()) {
        worksheet_freeze_panes(sheet, 1, 0);
        check(worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(height - 1),
                                   static_cast<lxw_col_t>(width - 1)),
              0, 0);
    }

    for (std::size_t r = 0; r < height; ++r) {
        const auto& row = row_at(r);
        const auto xr = static_cast<lxw_row_t>(r);
        for (std::size_t c = 0; c < row.size(); ++c) {
            const auto xc = static_cast<lxw_col_t>(c);
            const std::string& text = row[c];
            if (r == 0) {
                write_text(sheet, r, c, text, formats.header);
                continue;
            }
            if (money.contains(c) && is_money_text(text)) {
                double value = 0;
                // from_chars, not strtod: independent of the process locale's decimal point.
                std::from_chars(text.data(), text.data() + text.size(), value);
                check(worksheet_write_number(sheet, xr, xc, value, formats.money), r, c);
                continue;
            }
            if (numeric.contains(c)) {
                const auto number = parse_number(text);
                if (number && format_number(*number) == text) {
                    lxw_format* format = std::trunc(*number) == *number ? formats.integer : nullptr;
                    check(worksheet_write_number(sheet, xr, xc, *number, format), r, c);
                    continue;
                }
            }
            if (text.empty()) continue;
            lxw_format* format = text.find('\n') != std::string::npos ? formats.wrap : nullptr;
            write_text(sheet, r, c, text, format);
        }
    }

    if (!options.instructions.empty()) {
        write_instructions(workbook, options.instructions, formats.wrap);
    }
}
}  // namespace

std::string write_xlsx(const Table& table, const XlsxOptions& options) {
    return write_xlsx_workbook({XlsxSheet{table, options}});
}

std::string write_xlsx_workbook(const std::vector<XlsxSheet>& sheets) {
    std::vector<std::vector<std::size_t>> widths;
    for (const auto& s : sheets) widths.push_back(check_sheet(s.table));

    TempFile file;  // declared first: outlives the workbook that writes into it
    lxw_workbook_options workbook_options{};
    // Rows go straight to disk instead of memory, so large exports stay small in memory.
    workbook_options.constant_memory = LXW_TRUE;
    workbook_options.tmpdir = file.directory().data();
    WorkbookPtr workbook(workbook_new_opt(file.path().c_str(), &workbook_options));
    if (!workbook) throw std::runtime_error("libxlsxwriter: cannot create a workbook");

    Formats formats;
    formats.header = workbook_add_format(workbook.get());
    format_set_bold(formats.header);
    format_set_pattern(formats.header, LXW_PATTERN_SOLID);
    format_set_bg_color(formats.header, 0xDDEBF7);
    format_set_border(formats.header, LXW_BORDER_THIN);
    format_set_align(formats.header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(formats.header);
    // Excel shows a line break in a cell only when the cell wraps.
    formats.wrap = workbook_add_format(workbook.get());
    format_set_text_wrap(formats.wrap);
    format_set_align(formats.wrap, LXW_ALIGN_VERTICAL_TOP);
    // Whole numbers in full digits: "General" would show 12-digit ones as 1.23457E+11.
    formats.integer = workbook_add_format(workbook.get());
    format_set_num_format(formats.integer, "0");
    formats.money = workbook_add_format(workbook.get());
    format_set_num_format(formats.money, "#,##0.00");

    for (std::size_t i = 0; i < sheets.size(); ++i)
        write_sheet(workbook.get(), formats, sheets[i].table, sheets[i].options, widths[i]);

    const lxw_error closed = workbook_close(workbook.release());
    if (closed != LXW_NO_ERROR) {
        throw std::runtime_error(std::string("libxlsxwriter: ") + lxw_strerror(closed));
    }
    return file.read_all();
}

}  // namespace bangfu::report
