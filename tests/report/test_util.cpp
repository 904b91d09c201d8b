#include "test_util.hpp"

#include <unicode/ucnv.h>
#include <unistd.h>
#include <unzip.h>
#include <zip.h>
#include <zlib.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <type_traits>

namespace bangfu::report {

void PrintTo(const Table& table, std::ostream* out) {
    const auto print_row = [&](const std::vector<std::string>& row) {
        *out << "[";
        for (std::size_t i = 0; i < row.size(); ++i)
            *out << (i ? ", " : "") << '"' << row[i] << '"';
        *out << "]";
    };
    *out << "{header ";
    print_row(table.header);
    for (const auto& row : table.rows) {
        *out << "\n row ";
        print_row(row);
    }
    *out << "}";
}

}  // namespace bangfu::report

namespace bangfu::report::test {

namespace {

class TempPath {
  public:
    TempPath() {
        const char* dir = std::getenv("TMPDIR");
        path_ = std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") +
                "/bangfu-report-test-XXXXXX";
        const int fd = ::mkstemp(path_.data());
        if (fd < 0) throw std::runtime_error("mkstemp failed");
        ::close(fd);
    }
    ~TempPath() { ::unlink(path_.c_str()); }
    TempPath(const TempPath&) = delete;
    TempPath& operator=(const TempPath&) = delete;
    const std::string& path() const { return path_; }

  private:
    std::string path_;
};

struct ZipCloser {
    void operator()(void* zip) const { zipClose(zip, nullptr); }
};
struct UnzipCloser {
    void operator()(void* zip) const { unzClose(zip); }
};
struct ConverterCloser {
    void operator()(UConverter* converter) const { ucnv_close(converter); }
};

void require(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(what);
}

// Raw deflate (no zlib header), the form a zip entry holds.
std::string deflate_raw(const std::string& input) {
    z_stream stream{};
    require(deflateInit2(&stream, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK,
            "deflateInit2");
    std::string output(deflateBound(&stream, input.size()), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    stream.avail_in = static_cast<uInt>(input.size());
    stream.next_out = reinterpret_cast<Bytef*>(output.data());
    stream.avail_out = static_cast<uInt>(output.size());
    const int result = deflate(&stream, Z_FINISH);
    output.resize(stream.total_out);
    deflateEnd(&stream);
    require(result == Z_STREAM_END, "deflate");
    return output;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

std::string encode(std::string_view utf8, const char* charset) {
    UErrorCode status = U_ZERO_ERROR;
    std::string out(utf8.size() * 4 + 16, '\0');
    const int32_t length =
        ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                     static_cast<int32_t>(utf8.size()), &status);
    require(U_SUCCESS(status), "ucnv_convert");
    out.resize(static_cast<std::size_t>(length));
    return out;
}

ZipBuilder& ZipBuilder::add(std::string name, std::string content) {
    entries_.push_back(Entry{std::move(name), std::move(content), std::nullopt});
    return *this;
}

ZipBuilder& ZipBuilder::add_with_false_size(std::string name, std::string content,
                                            std::uint64_t claimed_size) {
    entries_.push_back(Entry{std::move(name), std::move(content), claimed_size});
    return *this;
}

std::string ZipBuilder::build() const {
    TempPath file;
    {
        std::unique_ptr<std::remove_pointer_t<zipFile>, ZipCloser> zip(
            zipOpen64(file.path().c_str(), APPEND_STATUS_CREATE));
        require(zip != nullptr, "zipOpen64");
        for (const auto& entry : entries_) {
            zip_fileinfo info{};
            if (!entry.claimed_size) {
                require(zipOpenNewFileInZip64(zip.get(), entry.name.c_str(), &info, nullptr, 0,
                                              nullptr, 0, nullptr, Z_DEFLATED,
                                              Z_DEFAULT_COMPRESSION, 0) == ZIP_OK,
                        "zipOpenNewFileInZip64");
                require(zipWriteInFileInZip(zip.get(), entry.content.data(),
                                            static_cast<unsigned>(entry.content.size())) == ZIP_OK,
                        "zipWriteInFileInZip");
                require(zipCloseFileInZip(zip.get()) == ZIP_OK, "zipCloseFileInZip");
                continue;
            }
            // raw = 1: we hand over deflated bytes and state the sizes and CRC ourselves.
            const std::string compressed = deflate_raw(entry.content);
            require(zipOpenNewFileInZip2(zip.get(), entry.name.c_str(), &info, nullptr, 0, nullptr,
                                         0, nullptr, Z_DEFLATED, 9, 1) == ZIP_OK,
                    "zipOpenNewFileInZip2");
            require(zipWriteInFileInZip(zip.get(), compressed.data(),
                                        static_cast<unsigned>(compressed.size())) == ZIP_OK,
                    "zipWriteInFileInZip");
            const auto crc = crc32(0, reinterpret_cast<const Bytef*>(entry.content.data()),
                                   static_cast<uInt>(entry.content.size()));
            require(zipCloseFileInZipRaw64(zip.get(), *entry.claimed_size, crc) == ZIP_OK,
                    "zipCloseFileInZipRaw64");
        }
        require(zipClose(zip.release(), nullptr) == ZIP_OK, "zipClose");
    }
    return read_file(file.path());
}

XlsxParts XlsxParts::excel_like(std::string sheet_xml, std::string shared_strings_xml,
                                std::string styles_xml) {
    XlsxParts p;
    p.set("[Content_Types].xml",
          R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>)");
    p.set("_rels/.rels",
          R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)");
    p.set("xl/workbook.xml",
          R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>)");
    p.set("xl/_rels/workbook.xml.rels",
          R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>)");
    p.set("xl/worksheets/sheet1.xml", std::move(sheet_xml));
    p.set("xl/sharedStrings.xml", std::move(shared_strings_xml));
    p.set("xl/styles.xml", std::move(styles_xml));
    return p;
}

XlsxParts& XlsxParts::set(const std::string& name, std::string content) {
    for (auto& [part, text] : parts) {
        if (part == name) {
            text = std::move(content);
            return *this;
        }
    }
    parts.emplace_back(name, std::move(content));
    return *this;
}

XlsxParts& XlsxParts::remove(const std::string& name) {
    std::erase_if(parts, [&](const auto& part) { return part.first == name; });
    return *this;
}

std::string XlsxParts::zip() const {
    ZipBuilder builder;
    for (const auto& [name, content] : parts) builder.add(name, content);
    return builder.build();
}

std::optional<std::string> unzip_entry(std::string_view bytes, const std::string& name) {
    TempPath file;
    {
        std::ofstream out(file.path(), std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    std::unique_ptr<std::remove_pointer_t<unzFile>, UnzipCloser> zip(
        unzOpen64(file.path().c_str()));
    require(zip != nullptr, "unzOpen64");
    if (unzLocateFile(zip.get(), name.c_str(), 1) != UNZ_OK) return std::nullopt;
    require(unzOpenCurrentFile(zip.get()) == UNZ_OK, "unzOpenCurrentFile");
    std::string content;
    std::array<char, 8192> buffer{};
    int count = 0;
    while ((count = unzReadCurrentFile(zip.get(), buffer.data(), buffer.size())) > 0) {
        content.append(buffer.data(), static_cast<std::size_t>(count));
    }
    unzCloseCurrentFile(zip.get());
    require(count == 0, "unzReadCurrentFile");
    return content;
}

std::string cell_xml(const std::string& sheet_xml, const std::string& ref) {
    const std::string open = "<c r=\"" + ref + "\"";
    const auto start = sheet_xml.find(open);
    if (start == std::string::npos) return "";
    const auto self_closing = sheet_xml.find("/>", start);
    const auto closing = sheet_xml.find("</c>", start);
    const auto tag_end = sheet_xml.find('>', start);
    // <c r="A1" s="1"/> has no content.
    if (self_closing != std::string::npos && self_closing + 1 == tag_end) {
        return sheet_xml.substr(start, tag_end + 1 - start);
    }
    if (closing == std::string::npos) return "";
    return sheet_xml.substr(start, closing + 4 - start);
}

}  // namespace bangfu::report::test
