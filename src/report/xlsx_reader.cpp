#include "report/xlsx_reader.hpp"

// minizip's ioapi.h sets large-file macros, so it goes before any system header.
#include <unzip.h>

#include <expat.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "report/grid.hpp"
#include "report/number.hpp"

namespace bangfu::report {

namespace {

constexpr const char* kNotXlsx = "不是有效的 Excel (.xlsx) 文件";

// Excel's own grid limits; a reference beyond them means a damaged or hostile file.
constexpr std::uint32_t kMaxRows = 1'048'576;
constexpr std::uint32_t kMaxColumns = 16'384;

[[noreturn]] void throw_damaged(std::string_view detail) {
    throw FileError("Excel 文件已损坏：" + std::string(detail));
}

std::string describe_size(std::uint64_t bytes) {
    constexpr std::uint64_t kMiB = 1024 * 1024;
    if (bytes >= kMiB && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
    return std::to_string(bytes) + " 字节";
}

// ---------------------------------------------------------------------------------------------
// Zip archive read from memory. Debian's minizip has no in-memory ioapi, so these callbacks
// serve reads from the caller's buffer.

struct MemoryFile {
    std::string_view data;
    std::uint64_t position = 0;
};

voidpf ZCALLBACK memory_open(voidpf opaque, const void* /*filename*/, int mode) {
    if ((mode & ZLIB_FILEFUNC_MODE_WRITE) != 0) return nullptr;
    return opaque;  // the MemoryFile itself is the stream
}

uLong ZCALLBACK memory_read(voidpf /*opaque*/, voidpf stream, void* buffer, uLong size) {
    auto* file = static_cast<MemoryFile*>(stream);
    if (file->position >= file->data.size()) return 0;
    const std::uint64_t available = file->data.size() - file->position;
    const auto count = static_cast<uLong>(std::min<std::uint64_t>(available, size));
    std::memcpy(buffer, file->data.data() + file->position, count);
    file->position += count;
    return count;
}

uLong ZCALLBACK memory_write(voidpf, voidpf, const void*, uLong) {
    return 0;
}

ZPOS64_T ZCALLBACK memory_tell(voidpf /*opaque*/, voidpf stream) {
    return static_cast<MemoryFile*>(stream)->position;
}

long ZCALLBACK memory_seek(voidpf /*opaque*/, voidpf stream, ZPOS64_T offset, int origin) {
    auto* file = static_cast<MemoryFile*>(stream);
    std::uint64_t base = 0;
    switch (origin) {
        case ZLIB_FILEFUNC_SEEK_SET:
            base = 0;
            break;
        case ZLIB_FILEFUNC_SEEK_CUR:
            base = file->position;
            break;
        case ZLIB_FILEFUNC_SEEK_END:
            base = file->data.size();
            break;
        default:
            return -1;
    }
    if (offset > file->data.size() || base > file->data.size() - offset) return -1;
    file->position = base + offset;
    return 0;
}

int ZCALLBACK memory_close(voidpf, voidpf) {
    return 0;
}
int ZCALLBACK memory_error(voidpf, voidpf) {
    return 0;
}

struct UnzipCloser {
    void operator()(void* handle) const { unzClose(handle); }
};
using UnzipPtr = std::unique_ptr<std::remove_pointer_t<unzFile>, UnzipCloser>;

// Closes the entry opened with unzOpenCurrentFile if reading stops early (an exception from
// the XML parser or a size check); the normal path closes it explicitly to see the CRC result.
struct CurrentEntryCloser {
    void operator()(void* handle) const { unzCloseCurrentFile(handle); }
};
using CurrentEntryGuard = std::unique_ptr<std::remove_pointer_t<unzFile>, CurrentEntryCloser>;

class ZipArchive {
  public:
    ZipArchive(std::string_view bytes, const ReadLimits& limits) : file_{bytes}, limits_(limits) {
        functions_.zopen64_file = memory_open;
        functions_.zread_file = memory_read;
        functions_.zwrite_file = memory_write;
        functions_.ztell64_file = memory_tell;
        functions_.zseek64_file = memory_seek;
        functions_.zclose_file = memory_close;
        functions_.zerror_file = memory_error;
        functions_.opaque = &file_;
        handle_.reset(unzOpen2_64("memory.xlsx", &functions_));
        if (!handle_) throw FileError(kNotXlsx);
    }
    // The callbacks point at file_ and functions_, so the object must stay where it is.
    ZipArchive(const ZipArchive&) = delete;
    ZipArchive& operator=(const ZipArchive&) = delete;

    // Streams the entry `name` to `sink` in chunks; false if there is no such entry.
    bool read(const std::string& name, const std::function<void(std::string_view)>& sink) {
        unzFile zip = handle_.get();
        if (unzLocateFile(zip, name.c_str(), kCaseInsensitive) != UNZ_OK) return false;

        unz_file_info64 info{};
        if (unzGetCurrentFileInfo64(zip, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) {
            throw_damaged("无法读取 " + name);
        }
        if (info.uncompressed_size > limits_.max_entry_bytes) throw_too_large(name);
        if ((info.flag & 1U) != 0) {
            throw FileError("Excel 文件已加密，无法读取。请取消密码后另存为 .xlsx 再导入");
        }
        if (unzOpenCurrentFile(zip) != UNZ_OK) throw_damaged("无法解压 " + name);
        CurrentEntryGuard guard(zip);

        std::vector<char> buffer(64 * 1024);
        std::uint64_t total = 0;
        for (;;) {
            const int count =
                unzReadCurrentFile(zip, buffer.data(), static_cast<unsigned>(buffer.size()));
            if (count < 0) throw_damaged("无法解压 " + name);
            if (count == 0) break;
            total += static_cast<std::uint64_t>(count);
            // The header's size can lie; what counts is what actually comes out of inflate.
            if (total > limits_.max_entry_bytes) throw_too_large(name);
            sink(std::string_view(buffer.data(), static_cast<std::size_t>(count)));
        }
        guard.release();
        if (unzCloseCurrentFile(zip) != UNZ_OK) throw_damaged(name + " 校验失败");
        return true;
    }

    bool contains(const std::string& name) {
        return unzLocateFile(handle_.get(), name.c_str(), kCaseInsensitive) == UNZ_OK;
    }

  private:
    // OOXML part names are case-insensitive (OPC), and some writers differ in case.
    static constexpr int kCaseInsensitive = 2;

    [[noreturn]] void throw_too_large(const std::string& name) const {
        throw FileError("Excel 文件中的 " + name + " 解压后超过 " +
                        describe_size(limits_.max_entry_bytes) +
                        "，拒绝读取（文件过大或是恶意构造的压缩包）");
    }

    MemoryFile file_;
    ReadLimits limits_;
    zlib_filefunc64_def functions_{};
    UnzipPtr handle_;  // declared last: closed before the callbacks' state goes away
};

// ---------------------------------------------------------------------------------------------
// XML through expat, with namespaces resolved so that prefixes (x:, r:, none) do not matter.

constexpr char kNamespaceSeparator = ' ';  // cannot occur in a namespace URI

std::string_view local_name(const char* name) {
    std::string_view full(name);
    const auto pos = full.rfind(kNamespaceSeparator);
    return pos == std::string_view::npos ? full : full.substr(pos + 1);
}

// Value of the attribute with this local name; `namespaced` selects a prefixed attribute such as
// r:id over an unprefixed one.
const char* attribute(const char** attributes, std::string_view name, bool namespaced = false) {
    for (const char** a = attributes; *a != nullptr; a += 2) {
        const std::string_view full(a[0]);
        const bool has_namespace = full.find(kNamespaceSeparator) != std::string_view::npos;
        if (has_namespace == namespaced && local_name(a[0]) == name) return a[1];
    }
    return nullptr;
}

class XmlHandler {
  public:
    virtual ~XmlHandler() = default;
    virtual void start(std::string_view name, const char** attributes) = 0;
    virtual void end(std::string_view name) = 0;
    virtual void text(std::string_view) {}
};

struct ParserFree {
    void operator()(XML_Parser parser) const { XML_ParserFree(parser); }
};
using ParserPtr = std::unique_ptr<std::remove_pointer_t<XML_Parser>, ParserFree>;

// State shared with the C callbacks. Exceptions must not unwind through expat's C frames, so a
// callback stores the exception, stops the parser, and parse_part rethrows it.
struct ParseContext {
    XmlHandler* handler = nullptr;
    XML_Parser parser = nullptr;
    std::exception_ptr error;
    bool saw_doctype = false;
};

template <typename Body>
void guarded(void* user_data, Body&& body) {
    auto* context = static_cast<ParseContext*>(user_data);
    if (context->error) return;  // expat may deliver a few more events after a stop
    try {
        body(*context);
    } catch (...) {
        context->error = std::current_exception();
        XML_StopParser(context->parser, XML_FALSE);
    }
}

void XMLCALL on_start(void* user_data, const XML_Char* name, const XML_Char** attributes) {
    guarded(user_data, [&](ParseContext& c) { c.handler->start(local_name(name), attributes); });
}

void XMLCALL on_end(void* user_data, const XML_Char* name) {
    guarded(user_data, [&](ParseContext& c) { c.handler->end(local_name(name)); });
}

void XMLCALL on_text(void* user_data, const XML_Char* text, int length) {
    guarded(user_data, [&](ParseContext& c) {
        c.handler->text(std::string_view(text, static_cast<std::size_t>(length)));
    });
}

// OOXML parts never have a DTD; refusing them shuts out entity-expansion tricks entirely.
void XMLCALL on_doctype(void* user_data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    auto* context = static_cast<ParseContext*>(user_data);
    context->saw_doctype = true;
    XML_StopParser(context->parser, XML_FALSE);
}

// Parses the zip entry `name` with `handler`; false if there is no such entry.
bool parse_part(ZipArchive& zip, const std::string& name, XmlHandler& handler) {
    ParserPtr parser(XML_ParserCreateNS(nullptr, kNamespaceSeparator));
    if (!parser) throw std::bad_alloc();
    ParseContext context{&handler, parser.get(), nullptr, false};
    XML_SetUserData(parser.get(), &context);
    XML_SetElementHandler(parser.get(), on_start, on_end);
    XML_SetCharacterDataHandler(parser.get(), on_text);
    XML_SetStartDoctypeDeclHandler(parser.get(), on_doctype);

    const auto feed = [&](const char* data, std::size_t size, bool last) {
        if (XML_Parse(parser.get(), data, static_cast<int>(size), last ? XML_TRUE : XML_FALSE) ==
            XML_STATUS_OK) {
            return;
        }
        if (context.error) std::rethrow_exception(context.error);
        if (context.saw_doctype) throw_damaged(name + " 含有不允许的 DTD 声明");
        throw_damaged(name + " 第 " + std::to_string(XML_GetCurrentLineNumber(parser.get())) +
                      " 行 XML 格式错误（" + XML_ErrorString(XML_GetErrorCode(parser.get())) +
                      "）");
    };
    const bool found =
        zip.read(name, [&](std::string_view chunk) { feed(chunk.data(), chunk.size(), false); });
    if (!found) return false;
    feed(nullptr, 0, true);
    return true;
}

// ---------------------------------------------------------------------------------------------
// Text helpers.

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The UTF-16 unit of an "_xHHHH_" escape at s[pos], or -1.
int escape_at(std::string_view s, std::size_t pos) {
    if (pos + 7 > s.size() || s[pos] != '_' || s[pos + 1] != 'x' || s[pos + 6] != '_') return -1;
    int value = 0;
    for (std::size_t i = pos + 2; i < pos + 6; ++i) {
        const int digit = hex_value(s[i]);
        if (digit < 0) return -1;
        value = value * 16 + digit;
    }
    return value;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Excel stores characters that XML cannot carry (control characters, and a literal "_x" as
// "_x005F_x") as "_xHHHH_" UTF-16 escapes.
std::string decode_escapes(std::string text) {
    if (text.find("_x") == std::string::npos) return text;
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const int unit = escape_at(text, i);
        if (unit < 0) {
            out += text[i++];
            continue;
        }
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            const int low = escape_at(text, i + 7);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                append_utf8(out, 0x10000 + ((static_cast<std::uint32_t>(unit) - 0xD800) << 10) +
                                     (static_cast<std::uint32_t>(low) - 0xDC00));
                i += 14;
                continue;
            }
        }
        // NUL cannot be passed on safely (C APIs would cut the text there); keep it as written.
        if ((unit >= 0xD800 && unit <= 0xDFFF) || unit == 0) {
            out += text[i++];
            continue;
        }
        append_utf8(out, static_cast<std::uint32_t>(unit));
        i += 7;
    }
    return out;
}

template <typename T>
std::optional<T> parse_unsigned(std::string_view text) {
    T value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.ends_with(suffix);
}

// ---------------------------------------------------------------------------------------------
// Package structure: relationships and the workbook.

struct Relationship {
    std::string type;
    std::string target;
    bool external = false;
};

class RelationshipsHandler : public XmlHandler {
  public:
    std::map<std::string, Relationship> by_id;

    void start(std::string_view name, const char** attributes) override {
        if (name != "Relationship") return;
        const char* id = attribute(attributes, "Id");
        const char* type = attribute(attributes, "Type");
        const char* target = attribute(attributes, "Target");
        const char* mode = attribute(attributes, "TargetMode");
        if (id == nullptr || type == nullptr || target == nullptr) return;
        by_id[id] =
            Relationship{type, target, mode != nullptr && std::string_view(mode) == "External"};
    }
    void end(std::string_view) override {}

    // Target of the first internal relationship whose type ends in "/<kind>". Matching the
    // suffix accepts both the transitional and the strict OOXML namespaces.
    std::optional<std::string> target_of_type(std::string_view kind) const {
        // Built by appending: `"/" + std::string(kind)` trips GCC 12's false -Wrestrict at -O3.
        std::string suffix = "/";
        suffix += kind;
        for (const auto& [id, rel] : by_id) {
            if (!rel.external && ends_with(rel.type, suffix)) return rel.target;
        }
        return std::nullopt;
    }
};

class WorkbookHandler : public XmlHandler {
  public:
    std::string root;
    std::vector<std::string> sheet_ids;  // r:id of each <sheet>, in tab order
    bool date1904 = false;

    void start(std::string_view name, const char** attributes) override {
        if (root.empty()) root = name;
        if (name == "sheet") {
            const char* id = attribute(attributes, "id", true);
            sheet_ids.emplace_back(id != nullptr ? id : "");
        } else if (name == "workbookPr") {
            const char* value = attribute(attributes, "date1904");
            date1904 = value != nullptr &&
                       (std::string_view(value) == "1" || std::string_view(value) == "true");
        }
    }
    void end(std::string_view) override {}
};

std::string directory_of(std::string_view part) {
    const auto slash = part.rfind('/');
    return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

// Resolves a relationship target against the directory of its source part, as OPC does.
std::string resolve(std::string_view base_directory, std::string_view target) {
    std::string joined = target.starts_with('/')
                             ? std::string(target.substr(1))
                             : std::string(base_directory) + std::string(target);
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start <= joined.size()) {
        auto slash = joined.find('/', start);
        if (slash == std::string::npos) slash = joined.size();
        std::string segment = joined.substr(start, slash - start);
        if (segment == "..") {
            if (!segments.empty()) segments.pop_back();
        } else if (!segment.empty() && segment != ".") {
            segments.push_back(std::move(segment));
        }
        start = slash + 1;
    }
    std::string path;
    for (const auto& segment : segments) {
        if (!path.empty()) path += '/';
        path += segment;
    }
    return path;
}

std::string relationships_part_of(std::string_view part) {
    const auto slash = part.rfind('/');
    const std::string_view file = slash == std::string_view::npos ? part : part.substr(slash + 1);
    return directory_of(part) + "_rels/" + std::string(file) + ".rels";
}

// ---------------------------------------------------------------------------------------------
// Shared strings.

class SharedStringsHandler : public XmlHandler {
  public:
    explicit SharedStringsHandler(const ReadLimits& limits) : limits_(limits) {}
    std::vector<std::string> strings;
    std::size_t bytes = 0;  // their cost against limits.max_bytes

    void start(std::string_view name, const char**) override {
        if (name == "si") {
            in_item_ = true;
            current_.clear();
        } else if (name == "rPh") {
            ++phonetic_depth_;  // furigana-style reading guides are not part of the value
        } else if (name == "t" && in_item_ && phonetic_depth_ == 0) {
            in_text_ = true;
        }
    }
    void end(std::string_view name) override {
        if (name == "t") {
            in_text_ = false;
        } else if (name == "rPh") {
            --phonetic_depth_;
        } else if (name == "si") {
            bytes += detail::cell_cost(current_.size());
            if (bytes > limits_.max_bytes) detail::throw_too_large_in_memory(limits_.max_bytes);
            strings.push_back(decode_escapes(std::move(current_)));
            current_.clear();
            in_item_ = false;
        }
    }
    void text(std::string_view text) override {
        if (in_text_) current_ += text;
    }

  private:
    ReadLimits limits_;
    std::string current_;
    bool in_item_ = false;
    bool in_text_ = false;
    int phonetic_depth_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Styles: which cell formats are dates.

enum class DateKind { kNone, kDate, kDateTime, kTime };

DateKind builtin_kind(unsigned id) {
    if (id >= 14 && id <= 17) return DateKind::kDate;
    if (id >= 18 && id <= 21) return DateKind::kTime;
    if (id == 22) return DateKind::kDateTime;
    if (id >= 45 && id <= 47) return DateKind::kTime;
    // Built-ins that Chinese (zh-CN) Excel and WPS use for 年/月/日 and 时/分/秒 formats; files
    // saved there reference these ids without defining them.
    if ((id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) || id == 57 || id == 58) {
        return DateKind::kDate;
    }
    if ((id >= 32 && id <= 35) || id == 55 || id == 56) return DateKind::kTime;
    return DateKind::kNone;
}

char ascii_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Classifies a custom number format code by its date/time tokens, ignoring quoted text,
// escaped characters and [..] sections (colours, locales, conditions) except elapsed time.
DateKind classify_format(std::string_view code) {
    bool date = false;
    bool time = false;
    bool month_or_minute = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == ';') break;  // the first section decides how positive numbers look
        if (c == '"') {
            const auto close = code.find('"', i + 1);
            if (close == std::string_view::npos) break;
            i = close;
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i;  // the next character is literal or padding
        } else if (c == '[') {
            const auto close = code.find(']', i + 1);
            if (close == std::string_view::npos) break;
            const std::string_view inside = code.substr(i + 1, close - i - 1);
            if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) {
                time = true;  // [h]:mm elapsed time
            }
            i = close;
        } else {
            switch (ascii_lower(c)) {
                case 'y':
                case 'd':
                    date = true;
                    break;
                case 'h':
                case 's':
                    time = true;
                    break;
                case 'm':
                    month_or_minute = true;
                    break;
                default:
                    break;
            }
        }
    }
    if (date) return time ? DateKind::kDateTime : DateKind::kDate;
    if (time) return DateKind::kTime;
    if (month_or_minute) return DateKind::kDate;  // "mmm" alone shows a month
    return DateKind::kNone;
}

class StylesHandler : public XmlHandler {
  public:
    // DateKind of each cell format (the "s" attribute of a cell indexes this).
    std::vector<DateKind> kinds() const {
        std::vector<DateKind> result;
        result.reserve(cell_format_ids_.size());
        for (unsigned id : cell_format_ids_) {
            const auto custom = custom_formats_.find(id);
            result.push_back(custom != custom_formats_.end() ? classify_format(custom->second)
                                                             : builtin_kind(id));
        }
        return result;
    }

    void start(std::string_view name, const char** attributes) override {
        if (name == "numFmt") {
            const char* id = attribute(attributes, "numFmtId");
            const char* code = attribute(attributes, "formatCode");
            if (id == nullptr || code == nullptr) return;
            if (auto value = parse_unsigned<unsigned>(id)) custom_formats_[*value] = code;
        } else if (name == "cellXfs") {
            in_cell_formats_ = true;
        } else if (name == "xf" && in_cell_formats_) {
            const char* id = attribute(attributes, "numFmtId");
            cell_format_ids_.push_back(id != nullptr ? parse_unsigned<unsigned>(id).value_or(0)
                                                     : 0U);
        }
    }
    void end(std::string_view name) override {
        if (name == "cellXfs") in_cell_formats_ = false;
    }

  private:
    std::map<unsigned, std::string> custom_formats_;
    std::vector<unsigned> cell_format_ids_;
    bool in_cell_formats_ = false;
};

// ---------------------------------------------------------------------------------------------
// Dates.

std::string two_digits(long value) {
    std::array<char, 8> buf{};
    std::snprintf(buf.data(), buf.size(), "%02ld", value);
    return buf.data();
}

std::string format_date(std::chrono::sys_days day) {
    const std::chrono::year_month_day ymd(day);
    std::array<char, 16> buf{};
    std::snprintf(buf.data(), buf.size(), "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf.data();
}

std::string format_time(long seconds_of_day) {
    std::string text =
        two_digits(seconds_of_day / 3600) + ":" + two_digits(seconds_of_day / 60 % 60);
    if (seconds_of_day % 60 != 0) text += ":" + two_digits(seconds_of_day % 60);
    return text;
}

// Text of an Excel date serial shown with a `kind` style; nullopt outside 0000-9999 so the
// caller keeps the plain number instead.
std::optional<std::string> format_serial(double serial, DateKind kind, bool date1904) {
    using namespace std::chrono;
    // 2958465 is 9999-12-31, the last date Excel can show.
    if (!(serial >= 0 && serial < 2958466)) return std::nullopt;
    // Rounded to the second so 0.99999999 of a day is not shown as 23:59:59.
    const auto total = static_cast<long>(std::llround(serial * 86400.0));
    const long whole_days = total / 86400;
    const long seconds = total % 86400;

    if (kind == DateKind::kTime && whole_days == 0) return format_time(seconds);

    std::string date;
    if (date1904) {
        date = format_date(sys_days(1904y / January / 1) + days(whole_days));
    } else if (whole_days == 60) {
        // Excel copies Lotus 1-2-3 in treating 1900 as a leap year: serial 60 is the
        // 1900-02-29 the user sees, and later serials are one day ahead of the calendar.
        date = "1900-02-29";
    } else {
        const sys_days epoch =
            whole_days < 60 ? sys_days(1899y / December / 31) : sys_days(1899y / December / 30);
        date = format_date(epoch + days(whole_days));
    }
    if (kind == DateKind::kDate) return date;
    return date + " " + format_time(seconds);
}

// ---------------------------------------------------------------------------------------------
// The worksheet.

struct Position {
    std::uint32_t row = 0;
    std::uint32_t column = 0;
};

// Parses an A1-style reference ("B7", "$B$7"); nullopt if malformed or outside Excel's grid.
std::optional<Position> parse_reference(std::string_view ref) {
    std::size_t i = 0;
    if (i < ref.size() && ref[i] == '$') ++i;
    std::uint32_t column = 0;
    const std::size_t letters_start = i;
    while (i < ref.size() &&
           ((ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'))) {
        column = column * 26 + static_cast<std::uint32_t>(ascii_lower(ref[i]) - 'a' + 1);
        if (column > kMaxColumns) return std::nullopt;
        ++i;
    }
    if (i == letters_start) return std::nullopt;
    if (i < ref.size() && ref[i] == '$') ++i;
    const auto row = parse_unsigned<std::uint32_t>(ref.substr(i));
    if (!row || *row == 0 || *row > kMaxRows) return std::nullopt;
    return Position{*row - 1, column - 1};
}

class SheetHandler : public XmlHandler {
  public:
    // `used` is what the shared strings already cost against limits.max_bytes.
    SheetHandler(const std::vector<std::string>& shared_strings,
                 const std::vector<DateKind>& date_kinds, bool date1904, const ReadLimits& limits,
                 std::size_t used)
        : shared_strings_(shared_strings),
          date_kinds_(date_kinds),
          date1904_(date1904),
          limits_(limits),
          bytes_(used) {}

    void start(std::string_view name, const char** attributes) override {
        if (name == "sheetData") {
            in_sheet_data_ = true;
        } else if (!in_sheet_data_) {
            return;
        } else if (name == "row") {
            start_row(attribute(attributes, "r"));
        } else if (name == "c") {
            start_cell(attributes);
        } else if (!in_cell_) {
            return;
        } else if (name == "v") {
            in_value_ = true;
        } else if (name == "is") {
            in_inline_ = true;
        } else if (name == "rPh") {
            ++phonetic_depth_;
        } else if (name == "t" && in_inline_ && phonetic_depth_ == 0) {
            in_inline_text_ = true;
        }
    }

    void end(std::string_view name) override {
        if (name == "sheetData") {
            in_sheet_data_ = false;
        } else if (!in_cell_) {
            return;
        } else if (name == "c") {
            finish_cell();
        } else if (name == "v") {
            in_value_ = false;
        } else if (name == "is") {
            in_inline_ = false;
        } else if (name == "rPh") {
            --phonetic_depth_;
        } else if (name == "t") {
            in_inline_text_ = false;
        }
    }

    void text(std::string_view text) override {
        if (in_value_) value_ += text;
        if (in_inline_text_) inline_text_ += text;
    }

    Table table() && {
        if (cells_.empty()) return Table{};
        std::uint32_t last_row = 0;
        std::uint32_t last_column = 0;
        for (const auto& cell : cells_) {
            last_row = std::max(last_row, cell.position.row);
            last_column = std::max(last_column, cell.position.column);
        }
        const std::size_t height = std::size_t{last_row} + 1;
        const std::size_t width = std::size_t{last_column} + 1;
        if (height > limits_.max_cells / width) detail::throw_too_many_cells(limits_.max_cells);
        // The rectangle adds an empty string for every gap.
        if (height * width * sizeof(std::string) >
            limits_.max_bytes - std::min(bytes_, limits_.max_bytes))
            detail::throw_too_large_in_memory(limits_.max_bytes);
        std::vector<std::vector<std::string>> grid(height, std::vector<std::string>(width));
        for (auto& cell : cells_) {
            grid[cell.position.row][cell.position.column] = std::move(cell.value);
        }
        cells_.clear();
        return detail::make_table(std::move(grid), limits_);
    }

  private:
    struct Cell {
        Position position;
        std::string value;
    };

    void start_row(const char* ref) {
        if (ref != nullptr) {
            const auto row = parse_unsigned<std::uint32_t>(ref);
            if (!row || *row == 0 || *row > kMaxRows) {
                throw_damaged("行号 \"" + std::string(ref) + "\" 无效");
            }
            row_ = *row - 1;
        } else {
            // "r" is optional: a row without it follows the previous one.
            row_ = started_ ? row_ + 1 : 0;
        }
        if (row_ >= kMaxRows) throw_damaged("行数超出 Excel 的范围");
        started_ = true;
        next_column_ = 0;
    }

    void start_cell(const char** attributes) {
        if (!started_) start_row(nullptr);
        in_cell_ = true;
        value_.clear();
        inline_text_.clear();
        phonetic_depth_ = 0;
        if (const char* ref = attribute(attributes, "r")) {
            const auto position = parse_reference(ref);
            if (!position) throw_damaged("单元格引用 \"" + std::string(ref) + "\" 无效");
            position_ = *position;
        } else {
            // "r" is optional: a cell without it follows the previous one in the row.
            if (next_column_ >= kMaxColumns) throw_damaged("列数超出 Excel 的范围");
            position_ = Position{row_, next_column_};
        }
        const char* type = attribute(attributes, "t");
        type_ = type != nullptr ? type : "n";
        const char* style = attribute(attributes, "s");
        style_ = style != nullptr ? parse_unsigned<std::size_t>(style).value_or(0) : 0;
    }

    void finish_cell() {
        in_cell_ = in_value_ = in_inline_ = in_inline_text_ = false;
        next_column_ = position_.column + 1;
        std::string rendered = render();
        if (rendered.empty()) return;  // styled but empty cells do not make a row non-empty
        if (cells_.size() >= limits_.max_cells) detail::throw_too_many_cells(limits_.max_cells);
        // Each cell holds its own copy of a shared string: counted here, not where it is stored.
        bytes_ += detail::cell_cost(rendered.size());
        if (bytes_ > limits_.max_bytes) detail::throw_too_large_in_memory(limits_.max_bytes);
        cells_.push_back(Cell{position_, std::move(rendered)});
    }

    std::string render() {
        if (type_ == "s") {
            const auto index = parse_unsigned<std::size_t>(value_);
            if (!index || *index >= shared_strings_.size()) {
                throw_damaged("共享字符串索引 \"" + value_ + "\" 无效");
            }
            return shared_strings_[*index];
        }
        if (type_ == "inlineStr") return decode_escapes(std::move(inline_text_));
        if (type_ == "str") return decode_escapes(std::move(value_));
        if (type_ == "b") {
            if (value_ == "1") return "TRUE";
            if (value_ == "0") return "FALSE";
            return value_;
        }
        if (type_ == "e") return value_;  // "#N/A", "#DIV/0!": what the user sees
        if (type_ == "d") return render_iso_date(value_);
        // "n": a number, possibly shown as a date.
        const auto number = parse_number(value_);
        if (!number) return value_;  // never drop text we do not understand
        const DateKind kind = style_ < date_kinds_.size() ? date_kinds_[style_] : DateKind::kNone;
        if (kind != DateKind::kNone) {
            if (auto date = format_serial(*number, kind, date1904_)) return *date;
        }
        return format_number(*number);
    }

    // Strict OOXML's t="d" cells hold ISO 8601 text; drop an all-zero time part.
    static std::string render_iso_date(const std::string& value) {
        const std::string_view v(value);
        if (v.size() > 10 && v[10] == 'T') {
            const std::string_view time = v.substr(11);
            if (time.find_first_not_of("0:.Z") == std::string_view::npos) {
                return std::string(v.substr(0, 10));
            }
            return std::string(v.substr(0, 10)) + " " + std::string(time);
        }
        return value;
    }

    const std::vector<std::string>& shared_strings_;
    const std::vector<DateKind>& date_kinds_;
    bool date1904_;
    ReadLimits limits_;
    std::size_t bytes_ = 0;

    std::vector<Cell> cells_;
    bool in_sheet_data_ = false;
    bool started_ = false;
    std::uint32_t row_ = 0;
    std::uint32_t next_column_ = 0;

    bool in_cell_ = false;
    bool in_value_ = false;
    bool in_inline_ = false;
    bool in_inline_text_ = false;
    int phonetic_depth_ = 0;
    Position position_;
    std::string type_;
    std::size_t style_ = 0;
    std::string value_;
    std::string inline_text_;
};

}  // namespace

Table read_xlsx(std::string_view bytes) {
    return read_xlsx(bytes, ReadLimits{});
}

Table read_xlsx(std::string_view bytes, const ReadLimits& limits) {
    ZipArchive zip(bytes, limits);

    // _rels/.rels names the workbook part; nearly always xl/workbook.xml.
    std::string workbook_part = "xl/workbook.xml";
    RelationshipsHandler package_rels;
    if (parse_part(zip, "_rels/.rels", package_rels)) {
        if (auto target = package_rels.target_of_type("officeDocument")) {
            workbook_part = resolve("", *target);
        }
    }
    WorkbookHandler workbook;
    // A .docx or .pptx is a zip with an officeDocument too, but its root is not <workbook>.
    if (!parse_part(zip, workbook_part, workbook) || workbook.root != "workbook") {
        throw FileError(kNotXlsx);
    }

    RelationshipsHandler workbook_rels;
    parse_part(zip, relationships_part_of(workbook_part), workbook_rels);
    const std::string base = directory_of(workbook_part);

    // The first worksheet in tab order; chart sheets have no cells and are skipped.
    std::string sheet_part;
    for (const auto& id : workbook.sheet_ids) {
        const auto rel = workbook_rels.by_id.find(id);
        if (rel != workbook_rels.by_id.end() && !rel->second.external &&
            ends_with(rel->second.type, "/worksheet")) {
            sheet_part = resolve(base, rel->second.target);
            break;
        }
    }
    if (sheet_part.empty()) {
        // Some minimal writers omit the workbook relationships; take the conventional name.
        if (workbook_rels.by_id.empty() && zip.contains(base + "worksheets/sheet1.xml")) {
            sheet_part = base + "worksheets/sheet1.xml";
        } else {
            throw FileError("Excel 文件中没有可读取的工作表");
        }
    }

    SharedStringsHandler shared_strings(limits);
    parse_part(
        zip,
        resolve(base, workbook_rels.target_of_type("sharedStrings").value_or("sharedStrings.xml")),
        shared_strings);
    StylesHandler styles;
    parse_part(zip, resolve(base, workbook_rels.target_of_type("styles").value_or("styles.xml")),
               styles);
    const std::vector<DateKind> date_kinds = styles.kinds();

    SheetHandler sheet(shared_strings.strings, date_kinds, workbook.date1904, limits,
                       shared_strings.bytes);
    if (!parse_part(zip, sheet_part, sheet)) throw_damaged("缺少工作表 " + sheet_part);
    return std::move(sheet).table();
}

}  // namespace bangfu::report
