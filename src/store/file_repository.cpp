#include "store/file_repository.hpp"

#include <sodium.h>

#include <stdexcept>

#include "store/clock.hpp"

namespace bangfu::store::files {

namespace {
constexpr std::string_view select_sql =
    "SELECT id, name, content_type, size, sha256, owner_kind, owner_id, created_at FROM files";

FileInfo from_row(const Row& r) {
    return {r.integer(0),           r.text(1),    r.text(2), r.integer(3), r.text(4),
            std::string(r.text(5)), r.integer(6), r.text(7)};
}

std::string sha256_hex(std::string_view content) {
    static const bool ready = sodium_init() >= 0;  // idempotent; selects the fastest code paths
    if (!ready) throw std::runtime_error("libsodium failed to initialise");
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(content.data()),
                       content.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

// Content is kept as base64 text: both engines read it through the same text interface, and
// the 4/3 overhead is acceptable for files of at most 30 MB.
std::string to_base64(std::string_view content) {
    std::string out(sodium_base64_ENCODED_LEN(content.size(), sodium_base64_VARIANT_ORIGINAL),
                    '\0');
    sodium_bin2base64(out.data(), out.size(),
                      reinterpret_cast<const unsigned char*>(content.data()), content.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

std::string from_base64(const std::string& text) {
    std::string out(text.size() / 4 * 3 + 3, '\0');
    std::size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                          text.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        throw std::runtime_error("stored file content is not valid base64");
    out.resize(len);
    return out;
}
}  // namespace

boost::json::object to_json(const FileInfo& f) {
    return {{"id", f.id},     {"name", f.name},     {"content_type", f.content_type},
            {"size", f.size}, {"sha256", f.sha256}, {"created_at", f.created_at}};
}

FileInfo store(Connection& c, const core::Actor& a, core::FilePurpose purpose,
               std::string_view owner_kind, std::int64_t owner_id, std::string_view name,
               std::string_view content, const audit::Target& audit_target) {
    auto check = core::check_upload(purpose, name, content);
    std::string clean = core::clean_file_name(name);
    auto now = now_utc();
    // The uploader: NULL for the command line and the demo loader (no user row).
    Params params{clean,
                  check.content_type,
                  static_cast<std::int64_t>(content.size()),
                  sha256_hex(content),
                  std::string(owner_kind),
                  owner_id};
    if (a.user_id > 0)
        params.emplace_back(a.user_id);
    else
        params.emplace_back(nullptr);
    params.emplace_back(now);
    auto id = c.query_int(
        "INSERT INTO files (name, content_type, size, sha256, owner_kind, owner_id, uploaded_by, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        params);
    c.execute("INSERT INTO file_contents (file_id, content) VALUES (?, ?)",
              {id, to_base64(content)});
    auto info = *find(c, id);
    audit::record(
        c, a, "upload", audit_target, nullptr,
        boost::json::object{
            {"file", to_json(info)}, {"owner_kind", info.owner_kind}, {"owner_id", info.owner_id}});
    return info;
}

std::vector<FileInfo> list(Connection& c, std::string_view owner_kind, std::int64_t owner_id) {
    std::vector<FileInfo> out;
    for (const auto& r :
         c.query(std::string(select_sql) + " WHERE owner_kind = ? AND owner_id = ? ORDER BY id",
                 {std::string(owner_kind), owner_id}))
        out.push_back(from_row(r));
    return out;
}

std::optional<FileInfo> find(Connection& c, std::int64_t id) {
    auto r = c.query_one(std::string(select_sql) + " WHERE id = ?", {id});
    if (!r) return std::nullopt;
    return from_row(*r);
}

std::string content(Connection& c, std::int64_t id) {
    auto r = c.query_one("SELECT content FROM file_contents WHERE file_id = ?", {id});
    if (!r) core::throw_not_found({"文件", "File"});
    return from_base64(r->text(0));
}

void remove(Connection& c, const core::Actor& a, std::int64_t id,
            const audit::Target& audit_target) {
    auto info = find(c, id);
    if (!info) core::throw_not_found({"文件", "File"});
    c.execute("DELETE FROM file_contents WHERE file_id = ?", {id});
    c.execute("DELETE FROM files WHERE id = ?", {id});
    audit::record(c, a, "delete_file", audit_target, boost::json::object{{"file", to_json(*info)}},
                  nullptr);
}

void remove_all(Connection& c, std::string_view owner_kind, std::int64_t owner_id) {
    c.execute(
        "DELETE FROM file_contents WHERE file_id IN (SELECT id FROM files WHERE owner_kind = ? "
        "AND owner_id = ?)",
        {std::string(owner_kind), owner_id});
    c.execute("DELETE FROM files WHERE owner_kind = ? AND owner_id = ?",
              {std::string(owner_kind), owner_id});
}

}  // namespace bangfu::store::files
