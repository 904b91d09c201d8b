#include "store/resource_repository.hpp"

#include "expect_error.hpp"
#include "store/institution_repository.hpp"
#include "test_database.hpp"
#include "work_fixture.hpp"

using namespace bangfu;
using bangfu::testing::error_kind;
using bangfu::testing::field_errors;
using bangfu::testing::StoreTest;
using K = core::ErrorKind;

namespace {
// A minimal PDF: the upload check decides the type from the first bytes.
const std::string pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
}  // namespace

class ResourceRepositoryTest : public StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        if (IsSkipped()) return;  // PostgreSQL without a server
        s = seed();
        program = bangfu::testing::insert_program(conn(), "通城县城乡学校结对帮扶", "421222");
        // 通城县实验小学 (tc_school2) supports 五里镇湾头小学 (tc_school).
        pairing = bangfu::testing::insert_pairing(conn(), program, s.tc_school2, s.tc_school);
        core::Institution other;
        other.name = "通城县隽水镇中心小学";
        other.kind = "primary";
        other.locality = "town";
        other.region = "421222";
        other.student_count = 800;
        other_school = store::institutions::create(conn(), s.system, other, {}).id;
        auto path = conn().query_one("SELECT path FROM regions WHERE code = '421222'")->text(0);
        owner_admin = {0,    "shiyan",  core::Role::institution_admin, {}, s.tc_school2, {},
                       path, "实验小学"};
        other_admin = {0,    "other", core::Role::institution_admin, {}, other_school, {},
                       path, "隽水"};
        hc_inspector = s.tc_inspector;
        hc_inspector.scope_path =
            conn().query_one("SELECT path FROM regions WHERE code = '654023'")->text(0);
    }

    core::SharedResource lesson() {
        core::SharedResource x;
        x.owner_institution = s.tc_school2;
        x.title = "《秋天的雨》教学设计";
        x.kind = "lesson_plan";
        x.subject = "chinese";
        x.stage = "primary";
        return x;
    }
    std::int64_t visible(const core::Actor& a) {
        return store::resources::list(conn(), a, {}).total;
    }

    bangfu::testing::Seed s;
    std::int64_t program = 0, pairing = 0, other_school = 0;
    core::Actor owner_admin, other_admin, hc_inspector;
};
BANGFU_STORE_TEST_SUITE(ResourceRepositoryTest);

TEST_P(ResourceRepositoryTest, RecipientsOfActivePairingsSeeWhatTheOwnerShares) {
    auto r = store::resources::create(conn(), owner_admin, lesson(), {});
    EXPECT_EQ(r.owner_institution_name, "通城县实验小学");
    EXPECT_EQ(visible(owner_admin), 1);
    EXPECT_EQ(visible(s.tc_school_admin), 1);  // the recipient
    EXPECT_EQ(visible(s.tc_teacher_user), 1);  // a teacher at the recipient
    EXPECT_EQ(visible(s.tc_bureau), 1);        // the owner's bureau
    EXPECT_EQ(visible(other_admin), 0);        // no partner of the owner
    EXPECT_EQ(visible(s.hc_bureau), 0);
    EXPECT_EQ(error_kind([&] { store::resources::get(conn(), other_admin, r.id); }), K::not_found);

    // Ending the pairing hides it from the recipient; the owner still has it.
    conn().execute("UPDATE pairings SET status = 'ended' WHERE id = ?", {pairing});
    EXPECT_EQ(visible(s.tc_school_admin), 0);
    EXPECT_EQ(visible(owner_admin), 1);
}

TEST_P(ResourceRepositoryTest, AResourceForOnePairingIsSeenByThatRecipientOnly) {
    // The owner also supports the other school, through a second pairing.
    auto second = bangfu::testing::insert_pairing(conn(), program, s.tc_school2, other_school);
    auto x = lesson();
    x.pairing = second;
    auto r = store::resources::create(conn(), s.tc_bureau, x, {});
    EXPECT_EQ(r.pairing_label, "通城县实验小学 → 通城县隽水镇中心小学");
    EXPECT_EQ(visible(other_admin), 1);
    EXPECT_EQ(visible(s.tc_school_admin), 0);
    // A cross-county recipient's bureau sees what its school receives.
    auto hc_pairing = bangfu::testing::insert_pairing(conn(), program, s.tc_school2, s.hc_school);
    x.pairing = hc_pairing;
    store::resources::create(conn(), s.system, x, {});
    EXPECT_EQ(visible(hc_inspector), 1);
    conn().execute("UPDATE pairings SET status = 'ended' WHERE id = ?", {hc_pairing});
    EXPECT_EQ(visible(hc_inspector), 0);
    // The pairing must be one the owner supports.
    x.pairing = pairing;
    x.owner_institution = s.tc_school;
    auto e = field_errors([&] { store::resources::create(conn(), s.system, x, {}); });
    EXPECT_TRUE(e.contains("pairing"));
}

TEST_P(ResourceRepositoryTest, OnlyTheOwnerAndItsBureauWrite) {
    auto r = store::resources::create(conn(), owner_admin, lesson(), {});
    auto patch = boost::json::parse(R"({"title":"《秋天的雨》教学设计（修订）"})").as_object();
    EXPECT_EQ(error_kind([&] { store::resources::update(conn(), s.tc_school_admin, r.id, patch); }),
              K::forbidden);  // the recipient reads, but does not change it
    EXPECT_EQ(error_kind([&] { store::resources::update(conn(), s.hc_bureau, r.id, patch); }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] { store::resources::remove(conn(), s.tc_teacher_user, r.id); }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] { store::resources::create(conn(), s.tc_inspector, lesson(), {}); }),
              K::forbidden);
    EXPECT_EQ(error_kind([&] { store::resources::create(conn(), other_admin, lesson(), {}); }),
              K::forbidden);
    EXPECT_EQ(store::resources::update(conn(), s.tc_bureau, r.id, patch).title,
              "《秋天的雨》教学设计（修订）");
    auto bad = boost::json::parse(R"({"kind":"poster","subject":"alchemy"})").as_object();
    auto e = field_errors([&] { store::resources::update(conn(), owner_admin, r.id, bad); });
    EXPECT_TRUE(e.contains("kind"));
    EXPECT_TRUE(e.contains("subject"));
    store::resources::remove(conn(), owner_admin, r.id);
    EXPECT_EQ(visible(s.system), 0);
}

TEST_P(ResourceRepositoryTest, DownloadsCountAndTheFileIsReplacedNotLeftBehind) {
    auto r = store::resources::create(conn(), owner_admin, lesson(), {});
    EXPECT_EQ(error_kind([&] { store::resources::download(conn(), s.tc_school_admin, r.id); }),
              K::not_found);  // no file yet
    EXPECT_EQ(error_kind([&] {
                  store::resources::attach_file(conn(), s.tc_school_admin, r.id, "a.pdf", pdf);
              }),
              K::forbidden);
    auto with_file = store::resources::attach_file(conn(), owner_admin, r.id, "秋天的雨.pdf", pdf);
    ASSERT_TRUE(with_file.file);
    EXPECT_EQ(with_file.file_name, "秋天的雨.pdf");
    EXPECT_EQ(with_file.file_size, static_cast<std::int64_t>(pdf.size()));

    auto [info, bytes] = store::resources::download(conn(), s.tc_school_admin, r.id);
    EXPECT_EQ(bytes, pdf);
    EXPECT_EQ(info.name, "秋天的雨.pdf");
    store::resources::download(conn(), s.tc_teacher_user, r.id);
    EXPECT_EQ(store::resources::get(conn(), s.system, r.id).download_count, 2);
    // Someone who may not read it neither downloads nor counts.
    EXPECT_EQ(error_kind([&] { store::resources::download(conn(), other_admin, r.id); }),
              K::not_found);
    EXPECT_EQ(store::resources::get(conn(), s.system, r.id).download_count, 2);

    auto replaced = store::resources::attach_file(conn(), owner_admin, r.id, "v2.pdf", pdf);
    EXPECT_NE(replaced.file, with_file.file);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM files WHERE owner_kind = 'resource'"), 1);
    store::resources::remove(conn(), owner_admin, r.id);
    EXPECT_EQ(conn().query_int("SELECT COUNT(*) FROM files"), 0);
}

TEST_P(ResourceRepositoryTest, FiltersAndSearches) {
    store::resources::create(conn(), owner_admin, lesson(), {});
    auto x = lesson();
    x.title = "体育课《跳绳》视频";
    x.kind = "video";
    x.subject = "pe";
    store::resources::create(conn(), owner_admin, x, {});
    auto list = [&](std::map<std::string, std::string> f, std::string q = "") {
        store::ListQuery lq;
        lq.filters = std::move(f);
        lq.q = std::move(q);
        return store::resources::list(conn(), s.tc_school_admin, lq).total;
    };
    EXPECT_EQ(list({{"kind", "video"}}), 1);
    EXPECT_EQ(list({{"subject", "chinese"}}), 1);
    EXPECT_EQ(list({{"stage", "primary"}}), 2);
    EXPECT_EQ(list({{"owner", std::to_string(s.tc_school2)}}), 2);
    EXPECT_EQ(list({}, "跳绳"), 1);
    EXPECT_EQ(error_kind([&] { list({{"stage", "college"}}); }), K::malformed);
}
