#include "core/attachment.hpp"

#include <gtest/gtest.h>

using namespace bangfu::core;

namespace {
const std::string jpeg_bytes = std::string("\xFF\xD8\xFF\xE0", 4) + "JFIF rest of a photo";
const std::string png_bytes = std::string("\x89PNG\r\n\x1A\n", 8) + "IHDR....";
const std::string pdf_bytes = "%PDF-1.7\n...";
const std::string docx_bytes = std::string("PK\x03\x04", 4) + "[Content_Types].xml";
const std::string exe_bytes = std::string("MZ\x90\x00", 4) + "This program cannot be run";

FieldErrors errors_of(FilePurpose p, std::string_view name, std::string_view content) {
    try {
        check_upload(p, name, content);
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::validation);
        return e.fields();
    }
    ADD_FAILURE() << "expected a refusal of " << name;
    return {};
}
}  // namespace

TEST(Attachment, AcceptsPhotosAndDocumentsByTheirContent) {
    EXPECT_EQ(check_upload(FilePurpose::photo_or_document, "IMG_0412.JPG", jpeg_bytes).content_type,
              "image/jpeg");
    EXPECT_EQ(check_upload(FilePurpose::photo_or_document, "课堂.png", png_bytes).content_type,
              "image/png");
    EXPECT_EQ(check_upload(FilePurpose::document, "手拉手互助协议.pdf", pdf_bytes).extension,
              "pdf");
    EXPECT_EQ(check_upload(FilePurpose::document, "实施方案.docx", docx_bytes).content_type,
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    EXPECT_EQ(check_upload(FilePurpose::resource, "说明.txt", "第一课：荷塘月色\n").extension,
              "txt");
}

TEST(Attachment, RefusesARenamedExecutable) {
    auto e = errors_of(FilePurpose::photo_or_document, "photo.jpg", exe_bytes);
    ASSERT_TRUE(e.contains("file"));
    EXPECT_NE(e.at("file").zh.find("不符"), std::string::npos);
    EXPECT_NE(e.at("file").en.find("does not match"), std::string::npos);
}

TEST(Attachment, RefusesExtensionsNotAcceptedForThePurpose) {
    auto e = errors_of(FilePurpose::photo_or_document, "setup.exe", exe_bytes);
    EXPECT_NE(e.at("file").zh.find("jpg"), std::string::npos);  // lists what is accepted
    errors_of(FilePurpose::photo_or_document, "lesson.mp4",
              "\0\0\0\x18"
              "ftypmp42");
    errors_of(FilePurpose::document, "noextension", pdf_bytes);
}

TEST(Attachment, RefusesEmptyAndOversizeFilesWithTheLimit) {
    EXPECT_NE(errors_of(FilePurpose::document, "a.pdf", "").at("file").zh.find("空"),
              std::string::npos);
    std::string big = pdf_bytes + std::string(max_file_size(FilePurpose::photo_or_document), 'x');
    auto e = errors_of(FilePurpose::photo_or_document, "big.pdf", big);
    EXPECT_NE(e.at("file").zh.find("10 MB"), std::string::npos);
    // The same file is within the limit of a shared resource.
    EXPECT_NO_THROW(check_upload(FilePurpose::resource, "big.pdf", big));
}

TEST(Attachment, TextFilesMustBeText) {
    errors_of(FilePurpose::resource, "notes.txt", std::string("a\0b", 3));
    errors_of(FilePurpose::resource, "notes.txt", "\xC3\x28");  // not UTF-8
}

TEST(Attachment, CleansNamesAndRefusesBadOnes) {
    EXPECT_EQ(clean_file_name("C:\\Users\\王老师\\Desktop\\示范课.jpg"), "示范课.jpg");
    EXPECT_EQ(clean_file_name("../../etc/passwd"), "passwd");
    EXPECT_THROW(clean_file_name("  "), Error);
    EXPECT_THROW(clean_file_name("dir/.."), Error);
    EXPECT_THROW(clean_file_name(std::string("a\x01.jpg")), Error);
    EXPECT_THROW(clean_file_name(std::string(201, 'a')), Error);
    EXPECT_EQ(clean_file_name(std::string(196, 'a') + ".jpg").size(), 200u);
}
