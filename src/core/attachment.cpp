#include "core/attachment.hpp"

#include <algorithm>
#include <array>

#include "core/text.hpp"

namespace bangfu::core {

namespace {

struct Kind {
    std::string_view extension;
    std::string_view content_type;
    bool (*matches)(std::string_view);
};

bool starts(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}
bool jpeg(std::string_view s) {
    return starts(s, "\xFF\xD8\xFF");
}
bool png(std::string_view s) {
    return starts(s, "\x89PNG\r\n\x1A\n");
}
bool gif(std::string_view s) {
    return starts(s, "GIF87a") || starts(s, "GIF89a");
}
bool webp(std::string_view s) {
    return starts(s, "RIFF") && s.size() >= 12 && s.substr(8, 4) == "WEBP";
}
bool pdf(std::string_view s) {
    return starts(s, "%PDF-");
}
// Office Open XML files (docx, xlsx, pptx) and zip archives are zip containers.
bool zip(std::string_view s) {
    return starts(s, std::string_view("PK\x03\x04", 4));
}
// The legacy Office formats (doc, xls, ppt, wps) are OLE2 compound files.
bool ole2(std::string_view s) {
    return starts(s, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
}
bool mp4(std::string_view s) {
    return s.size() >= 12 && s.substr(4, 4) == "ftyp";
}
bool mp3(std::string_view s) {
    return starts(s, "ID3") || (s.size() >= 2 && static_cast<unsigned char>(s[0]) == 0xFF &&
                                (static_cast<unsigned char>(s[1]) & 0xE0) == 0xE0);
}
// Plain text: UTF-8 without control characters (what Notepad and WPS save today).
bool text(std::string_view s) {
    return is_valid_utf8(s) && !has_control_characters(s);
}

constexpr std::array kinds{
    Kind{"jpg", "image/jpeg", jpeg},
    Kind{"jpeg", "image/jpeg", jpeg},
    Kind{"png", "image/png", png},
    Kind{"gif", "image/gif", gif},
    Kind{"webp", "image/webp", webp},
    Kind{"pdf", "application/pdf", pdf},
    Kind{"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", zip},
    Kind{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", zip},
    Kind{"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", zip},
    Kind{"doc", "application/msword", ole2},
    Kind{"xls", "application/vnd.ms-excel", ole2},
    Kind{"ppt", "application/vnd.ms-powerpoint", ole2},
    Kind{"wps", "application/vnd.ms-works", ole2},
    Kind{"txt", "text/plain; charset=utf-8", text},
    Kind{"zip", "application/zip", zip},
    Kind{"mp4", "video/mp4", mp4},
    Kind{"mp3", "audio/mpeg", mp3},
};

constexpr std::array<std::string_view, 14> photo_or_document_ext{
    "jpg", "jpeg", "png",  "gif", "webp", "pdf", "docx",
    "doc", "wps",  "xlsx", "xls", "pptx", "ppt", "txt"};
constexpr std::array<std::string_view, 13> document_ext{
    "pdf", "docx", "doc", "wps", "xlsx", "xls", "pptx", "ppt", "txt", "jpg", "jpeg", "png", "zip"};
constexpr std::array<std::string_view, 16> resource_ext{"pdf",  "docx", "doc", "wps", "pptx", "ppt",
                                                        "xlsx", "xls",  "txt", "zip", "mp4",  "mp3",
                                                        "jpg",  "jpeg", "png", "gif"};

std::span<const std::string_view> accepted(FilePurpose p) {
    switch (p) {
        case FilePurpose::photo_or_document:
            return photo_or_document_ext;
        case FilePurpose::document:
            return document_ext;
        case FilePurpose::resource:
            return resource_ext;
    }
    return document_ext;
}

[[noreturn]] void reject(std::string_view field, std::string zh, std::string en) {
    throw_validation({{std::string(field), {std::move(zh), std::move(en)}}});
}

std::string join(std::span<const std::string_view> xs, std::string_view sep) {
    std::string out;
    for (auto x : xs) {
        if (!out.empty()) out += sep;
        out += x;
    }
    return out;
}

}  // namespace

std::int64_t max_file_size(FilePurpose purpose) {
    switch (purpose) {
        case FilePurpose::photo_or_document:
            return 10LL * 1024 * 1024;
        case FilePurpose::document:
            return 20LL * 1024 * 1024;
        case FilePurpose::resource:
            return 30LL * 1024 * 1024;  // under the server's 32 MiB body limit
    }
    return 0;
}

std::string clean_file_name(std::string_view name, std::string_view field) {
    // Browsers on Windows may send a full path; only the last component is the name.
    auto slash = name.find_last_of("/\\");
    if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
    std::string cleaned = trim(name);
    if (cleaned.empty() || cleaned == "." || cleaned == "..")
        reject(field, "文件名不能为空", "file name must not be empty");
    if (!is_valid_utf8(cleaned) || has_control_characters(cleaned))
        reject(field, "文件名含有无法识别的字符", "file name contains invalid characters");
    if (char_count(cleaned) > 200)
        reject(field, "文件名不能超过 200 个字符", "file name must be at most 200 characters");
    return cleaned;
}

FileCheck check_upload(FilePurpose purpose, std::string_view file_name, std::string_view content,
                       std::string_view field) {
    std::string name = clean_file_name(file_name, field);
    if (content.empty()) reject(field, "文件是空的", "the file is empty");
    auto limit = max_file_size(purpose);
    if (static_cast<std::int64_t>(content.size()) > limit)
        reject(field, "文件不能超过 " + std::to_string(limit / (1024 * 1024)) + " MB",
               "the file must be at most " + std::to_string(limit / (1024 * 1024)) + " MB");
    auto dot = name.find_last_of('.');
    std::string ext = dot == std::string::npos ? "" : to_lower_ascii(name.substr(dot + 1));
    auto ok = accepted(purpose);
    if (ext.empty() || std::find(ok.begin(), ok.end(), ext) == ok.end())
        reject(field, "不支持的文件类型，可上传：" + join(ok, "、"),
               "file type not accepted; accepted: " + join(ok, ", "));
    for (const auto& k : kinds) {
        if (k.extension != ext) continue;
        if (!k.matches(content))
            reject(field, "文件内容与扩展名 ." + ext + " 不符（文件可能已损坏或被改名）",
                   "the content does not match the extension ." + ext +
                       " (the file may be damaged or renamed)");
        return {std::string(k.content_type), ext};
    }
    reject(field, "不支持的文件类型", "file type not accepted");
}

}  // namespace bangfu::core
