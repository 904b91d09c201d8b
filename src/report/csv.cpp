#include "report/csv.hpp"

#include <climits>
#include <string>
#include <vector>

#include "report/encoding.hpp"
#include "report/grid.hpp"

namespace bangfu::report {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::string line_error(std::size_t line, std::string_view what) {
    return "第 " + std::to_string(line) + " 行：" + std::string(what);
}

// Returns the CSV text as UTF-8 without a BOM, decoding it into `storage` when needed.
std::string_view decode(std::string_view bytes, std::string& storage) {
    if (bytes.size() >= static_cast<std::size_t>(INT32_MAX)) {
        throw FileError("文件过大，无法读取");
    }
    if (bytes.starts_with(kUtf8Bom)) {
        bytes.remove_prefix(kUtf8Bom.size());
        if (!detail::is_valid_utf8(bytes)) {
            // The BOM says UTF-8, so re-reading as GB18030 would be a guess against the file's
            // own declaration.
            throw FileError("文件以 UTF-8 标记开头，但包含无效的 UTF-8 字节，文件可能已损坏");
        }
        return bytes;
    }
    std::optional<std::string> converted;
    if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
        // Excel's "Unicode text" and some tools write UTF-16 with a BOM.
        converted = detail::to_utf8(bytes, "UTF-16");
        if (!converted) throw FileError("文件是 UTF-16 编码，但内容不完整或已损坏");
    } else if (detail::is_valid_utf8(bytes)) {
        return bytes;
    } else {
        // Chinese Excel and WPS save "CSV (逗号分隔)" in the system code page, GBK, of which
        // GB18030 is a superset.
        converted = detail::to_utf8(bytes, "GB18030");
        if (!converted) {
            throw FileError(
                "无法识别文件编码：既不是 UTF-8 也不是 GBK/GB18030。请在 Excel/WPS 中另存为"
                "“CSV UTF-8（逗号分隔）”后再导入");
        }
    }
    storage = std::move(*converted);
    std::string_view text = storage;
    // A decoded UTF-16 or GB18030 BOM arrives as U+FEFF.
    if (text.starts_with(kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());
    return text;
}

bool needs_quotes(std::string_view field) {
    return field.find_first_of(",\"\r\n") != std::string_view::npos;
}

void append_field(std::string& out, std::string_view field) {
    if (!needs_quotes(field)) {
        out += field;
        return;
    }
    out += '"';
    for (char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

void append_record(std::string& out, const std::vector<std::string>& record) {
    for (std::size_t i = 0; i < record.size(); ++i) {
        if (i != 0) out += ',';
        append_field(out, record[i]);
    }
    out += "\r\n";
}

}  // namespace

Table read_csv(std::string_view bytes) {
    return read_csv(bytes, ReadLimits{});
}

Table read_csv(std::string_view bytes, const ReadLimits& limits) {
    std::string storage;
    const std::string_view text = decode(bytes, storage);
    if (text.find('\0') != std::string_view::npos) {
        throw FileError("文件包含二进制内容，不是 CSV 文本文件");
    }

    enum class State { kFieldStart, kUnquoted, kQuoted, kAfterQuote };
    State state = State::kFieldStart;
    std::vector<std::vector<std::string>> grid;
    std::vector<std::string> record;
    std::string field;
    std::size_t line = 1;        // physical line of the current character, for messages
    std::size_t quote_line = 0;  // line where the open quoted field started
    std::size_t cells = 0;

    const auto end_field = [&] {
        // Counted while parsing: a file of blank lines costs far more memory as cells than as
        // bytes.
        if (++cells > limits.max_cells) detail::throw_too_many_cells(limits.max_cells);
        record.push_back(std::move(field));
        field.clear();
        state = State::kFieldStart;
    };
    const auto end_record = [&] {
        end_field();
        grid.push_back(std::move(record));
        record.clear();
    };

    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const char c = text[i];
        if (state == State::kQuoted) {
            if (c == '"') {
                if (i + 1 < n && text[i + 1] == '"') {
                    field += '"';
                    i += 2;
                } else {
                    state = State::kAfterQuote;
                    ++i;
                }
                continue;
            }
            // CRLF counts once, on its LF.
            if (c == '\n' || (c == '\r' && (i + 1 >= n || text[i + 1] != '\n'))) ++line;
            field += c;
            ++i;
            continue;
        }
        if (c == ',') {
            end_field();
            ++i;
        } else if (c == '\r' || c == '\n') {
            end_record();
            i += (c == '\r' && i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
            ++line;
        } else if (c == '"' && state == State::kFieldStart) {
            state = State::kQuoted;
            quote_line = line;
            ++i;
        } else {
            // Also a quote inside an unquoted field, or text after a closing quote: Excel keeps
            // both as they are, and so do we rather than drop what the user typed.
            field += c;
            if (state == State::kFieldStart) state = State::kUnquoted;
            ++i;
        }
    }
    if (state == State::kQuoted) throw FileError(line_error(quote_line, "引号未闭合"));
    // The last record may lack a line break; "a," at the end still has a second, empty field.
    if (state != State::kFieldStart || !record.empty()) end_record();

    return detail::make_table(std::move(grid), limits);
}

std::string write_csv(const Table& table) {
    std::string out(kUtf8Bom);
    if (table.header.empty() && table.rows.empty()) return out;
    append_record(out, table.header);
    for (const auto& row : table.rows) append_record(out, row);
    return out;
}

}  // namespace bangfu::report
