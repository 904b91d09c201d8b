#include "store/file_repository.hpp"

#include "expect_error.hpp"
#include "test_database.hpp"

using namespace bangfu;
using bangfu::testing::StoreTest;

class FileRepositoryTest : public StoreTest {};
BANGFU_STORE_TEST_SUITE(FileRepositoryTest);

TEST_P(FileRepositoryTest, StoresAndReturnsEveryByte) {
    auto s = seed();
    // Every byte value, including NUL and invalid UTF-8, must come back unchanged.
    std::string bytes("\xFF\xD8\xFF\xE0", 4);
    for (int i = 0; i < 256 * 4; ++i) bytes.push_back(static_cast<char>(i % 256));
    store::audit::Target target{"activity", "7", "", std::nullopt};
    auto info = store::files::store(conn(), s.system, core::FilePurpose::photo_or_document,
                                    "activity", 7, "C:\\相册\\示范课 1.jpg", bytes, target);
    EXPECT_EQ(info.name, "示范课 1.jpg");
    EXPECT_EQ(info.content_type, "image/jpeg");
    EXPECT_EQ(info.size, static_cast<std::int64_t>(bytes.size()));
    EXPECT_EQ(info.sha256.size(), 64u);
    EXPECT_EQ(store::files::content(conn(), info.id), bytes);
    auto listed = store::files::list(conn(), "activity", 7);
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].id, info.id);
    EXPECT_TRUE(store::files::list(conn(), "activity", 8).empty());
    EXPECT_EQ(conn().query_int(
                  "SELECT COUNT(*) FROM audit_log WHERE action = 'upload' AND entity = 'activity'"),
              1);
}

TEST_P(FileRepositoryTest, RefusesBadUploadsAndStoresNothing) {
    auto s = seed();
    store::audit::Target target{"activity", "7", "", std::nullopt};
    EXPECT_EQ(bangfu::testing::error_kind([&] {
                  store::files::store(conn(), s.system, core::FilePurpose::photo_or_document,
                                      "activity", 7, "virus.jpg", "MZ\x90 not a photo", target);
              }),
              core::ErrorKind::validation);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM files"), 0);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM file_contents"), 0);
}

TEST_P(FileRepositoryTest, RemovesOneOrAllFilesOfAnOwner) {
    auto s = seed();
    store::audit::Target target{"plan", "3", "", std::nullopt};
    auto a = store::files::store(conn(), s.system, core::FilePurpose::document, "plan", 3, "a.pdf",
                                 "%PDF-1.4 a", target);
    store::files::store(conn(), s.system, core::FilePurpose::document, "plan", 3, "b.pdf",
                        "%PDF-1.4 b", target);
    auto other = store::files::store(conn(), s.system, core::FilePurpose::document, "plan", 4,
                                     "c.pdf", "%PDF-1.4 c", target);
    store::files::remove(conn(), s.system, a.id, target);
    EXPECT_FALSE(store::files::find(conn(), a.id));
    EXPECT_EQ(bangfu::testing::error_kind([&] { store::files::content(conn(), a.id); }),
              core::ErrorKind::not_found);
    store::files::remove_all(conn(), "plan", 3);
    EXPECT_TRUE(store::files::list(conn(), "plan", 3).empty());
    EXPECT_EQ(store::files::content(conn(), other.id), "%PDF-1.4 c");
}
