#include "store/policy_document_repository.hpp"

#include "store/audit_repository.hpp"
#include "store/clock.hpp"
#include "store/program_repository.hpp"

namespace bangfu::store::policy_documents {

namespace {
constexpr std::string_view owner_kind = "policy_document";
constexpr std::string_view select_sql =
    "SELECT d.id, d.program, d.title, d.doc_number, d.issuer, d.issued_on, d.file, d.created_at, "
    "d.updated_at, f.name, f.content_type, f.size, f.sha256, f.created_at FROM policy_documents d "
    "LEFT JOIN files f ON f.id = d.file";

core::PolicyDocument from_row(const Row& row) {
    core::PolicyDocument x;
    x.id = row.integer(0);
    x.program = row.integer(1);
    x.title = row.text(2);
    x.doc_number = row.text(3);
    x.issuer = row.text(4);
    x.issued_on = row.text(5);
    x.file = row.opt_integer(6);
    x.created_at = row.text(7);
    x.updated_at = row.text(8);
    if (x.file) {
        files::FileInfo f;
        f.id = *x.file;
        f.name = row.text(9);
        f.content_type = row.text(10);
        f.size = row.integer(11);
        f.sha256 = row.text(12);
        f.owner_kind = std::string(owner_kind);
        f.owner_id = x.id;
        f.created_at = row.text(13);
        x.file_info = files::to_json(f);
    }
    return x;
}

const core::Text document_text{"政策文件", "Policy document"};
const core::Text file_text{"文件", "File"};

std::optional<core::PolicyDocument> find(Connection& c, std::int64_t program, std::int64_t id) {
    auto row =
        c.query_one(std::string(select_sql) + " WHERE d.id = ? AND d.program = ?", {id, program});
    if (!row) return std::nullopt;
    return from_row(*row);
}

core::PolicyDocument must_find(Connection& c, std::int64_t program, std::int64_t id) {
    auto x = find(c, program, id);
    if (!x) core::throw_not_found(document_text);
    return *x;
}
}  // namespace

std::vector<core::PolicyDocument> list(Connection& c, const core::Actor& a, std::int64_t program) {
    programs::readable_program(c, a, program);
    std::vector<core::PolicyDocument> out;
    for (const auto& row : c.query(
             std::string(select_sql) + " WHERE d.program = ? ORDER BY d.issued_on DESC, d.id DESC",
             {program}))
        out.push_back(from_row(row));
    return out;
}

core::PolicyDocument get(Connection& c, const core::Actor& a, std::int64_t program,
                         std::int64_t id) {
    programs::readable_program(c, a, program);
    return must_find(c, program, id);
}

core::PolicyDocument create(Connection& c, const core::Actor& a, std::int64_t program,
                            core::PolicyDocument x, core::FieldErrors errors) {
    Transaction tx(c, Transaction::write);
    auto ref = programs::writable_program(c, a, program);
    for (auto& [k, v] : core::validate(x))
        if (!errors.contains(k)) errors[k] = v;
    if (!errors.empty()) core::throw_validation(std::move(errors));
    auto now = now_utc();
    auto id = c.query_int(
        "INSERT INTO policy_documents (program, title, doc_number, issuer, issued_on, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {program, x.title, x.doc_number, x.issuer, x.issued_on, now, now});
    auto created = must_find(c, program, id);
    audit::record(c, a, "create", work_audit_target("policy_document", id, ref), nullptr,
                  core::to_json(created));
    tx.commit();
    return created;
}

core::PolicyDocument update(Connection& c, const core::Actor& a, std::int64_t program,
                            std::int64_t id, const boost::json::object& patch) {
    Transaction tx(c, Transaction::write);
    auto ref = programs::writable_program(c, a, program);
    auto existing = must_find(c, program, id);
    core::PolicyDocument x = existing;
    core::FieldErrors errors;
    core::read_json(x, patch, errors);
    for (auto& [k, v] : core::validate(x))
        if (!errors.contains(k)) errors[k] = v;
    if (!errors.empty()) core::throw_validation(std::move(errors));
    c.execute(
        "UPDATE policy_documents SET title = ?, doc_number = ?, issuer = ?, issued_on = ?, "
        "updated_at = ? WHERE id = ?",
        {x.title, x.doc_number, x.issuer, x.issued_on, now_utc(), id});
    auto updated = must_find(c, program, id);
    audit::record(c, a, "update", work_audit_target("policy_document", id, ref),
                  core::to_json(existing), core::to_json(updated));
    tx.commit();
    return updated;
}

void remove(Connection& c, const core::Actor& a, std::int64_t program, std::int64_t id) {
    Transaction tx(c, Transaction::write);
    auto ref = programs::writable_program(c, a, program);
    auto existing = must_find(c, program, id);
    // The row refers to its file: delete the row first, then the files it owned.
    c.execute("DELETE FROM policy_documents WHERE id = ?", {id});
    files::remove_all(c, owner_kind, id);
    audit::record(c, a, "delete", work_audit_target("policy_document", id, ref),
                  core::to_json(existing), nullptr);
    tx.commit();
}

core::PolicyDocument attach_file(Connection& c, const core::Actor& a, std::int64_t program,
                                 std::int64_t id, std::string_view name, std::string_view content) {
    Transaction tx(c, Transaction::write);
    auto ref = programs::writable_program(c, a, program);
    auto existing = must_find(c, program, id);
    auto target = work_audit_target("policy_document", id, ref);
    auto info =
        files::store(c, a, core::FilePurpose::document, owner_kind, id, name, content, target);
    c.execute("UPDATE policy_documents SET file = ?, updated_at = ? WHERE id = ?",
              {info.id, now_utc(), id});
    if (existing.file) files::remove(c, a, *existing.file, target);
    auto updated = must_find(c, program, id);
    tx.commit();
    return updated;
}

std::pair<files::FileInfo, std::string> file(Connection& c, const core::Actor& a,
                                             std::int64_t program, std::int64_t id) {
    programs::readable_program(c, a, program);
    auto doc = must_find(c, program, id);
    if (!doc.file) core::throw_not_found(file_text);
    auto info = files::find(c, *doc.file);
    if (!info) core::throw_not_found(file_text);
    return {*info, files::content(c, info->id)};
}

core::PolicyDocument remove_file(Connection& c, const core::Actor& a, std::int64_t program,
                                 std::int64_t id) {
    Transaction tx(c, Transaction::write);
    auto ref = programs::writable_program(c, a, program);
    auto existing = must_find(c, program, id);
    if (!existing.file) core::throw_not_found(file_text);
    c.execute("UPDATE policy_documents SET file = NULL, updated_at = ? WHERE id = ?",
              {now_utc(), id});
    files::remove(c, a, *existing.file, work_audit_target("policy_document", id, ref));
    auto updated = must_find(c, program, id);
    tx.commit();
    return updated;
}

}  // namespace bangfu::store::policy_documents
