#include "store/migrations.hpp"

#include <array>

#include "store/clock.hpp"

namespace bangfu::store {

namespace {

struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;
};

// Append only: a released migration is never edited, a change is a new migration.
constexpr std::array migrations{
    Migration{1, "registry: regions, institutions, staff, users, sessions, tokens, audit", R"SQL(
CREATE TABLE regions (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_key {{KEY}} NOT NULL,
    level TEXT NOT NULL,
    parent TEXT REFERENCES regions(code),
    path {{KEY}} NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX regions_parent ON regions(parent);

CREATE TABLE institutions (
    id {{PK}},
    name TEXT NOT NULL,
    name_key {{KEY}} NOT NULL,
    kind TEXT NOT NULL,
    locality TEXT NOT NULL,
    weak INTEGER NOT NULL DEFAULT 0,
    region TEXT NOT NULL REFERENCES regions(code),
    address TEXT NOT NULL DEFAULT '',
    latitude {{REAL}},
    longitude {{REAL}},
    student_count BIGINT NOT NULL DEFAULT 0,
    staff_count BIGINT NOT NULL DEFAULT 0,
    contact_name TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    archived INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (region, name)
);
CREATE INDEX institutions_region ON institutions(region);
CREATE INDEX institutions_listing ON institutions(archived, name_key, id);

CREATE TABLE staff (
    id {{PK}},
    name TEXT NOT NULL,
    name_key {{KEY}} NOT NULL,
    gender TEXT NOT NULL,
    institution BIGINT NOT NULL REFERENCES institutions(id),
    role TEXT NOT NULL,
    subjects TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    backbone TEXT NOT NULL,
    years_teaching BIGINT NOT NULL DEFAULT 0,
    birth_date TEXT,
    health TEXT NOT NULL,
    phone TEXT NOT NULL DEFAULT '',
    archived INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX staff_institution ON staff(institution);
CREATE INDEX staff_listing ON staff(archived, name_key, id);

CREATE TABLE users (
    id {{PK}},
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL,
    region TEXT REFERENCES regions(code),
    institution BIGINT REFERENCES institutions(id),
    staff BIGINT REFERENCES staff(id),
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE sessions (
    token_digest TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
    id {{PK}},
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_digest TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
);

CREATE TABLE audit_log (
    id {{PK}},
    at TEXT NOT NULL,
    user_id BIGINT,
    username TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    scope_path TEXT NOT NULL DEFAULT '',
    institution BIGINT,
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_scope ON audit_log(scope_path);
)SQL"},
    Migration{2, "pairing work: programs, pairings, plans, tasks, activities, donations, files",
              R"SQL(
-- Entries an admin adds to the extensible dictionaries (pairing dimensions, activity types,
-- material categories); the built-in entries live in the code (core/dictionary.cpp).
CREATE TABLE dictionary_entries (
    dictionary TEXT NOT NULL,
    value TEXT NOT NULL,
    zh TEXT NOT NULL,
    en TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (dictionary, value)
);

-- Uploaded files (agreements, plans, policy documents, photos, shared resources). The metadata
-- row is small; the content (base64 text, so both engines read it through the same text
-- interface) is in its own table and read only on download.
CREATE TABLE files (
    id {{PK}},
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    owner_kind TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    uploaded_by BIGINT REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX files_owner ON files(owner_kind, owner_id);
CREATE TABLE file_contents (
    file_id BIGINT PRIMARY KEY REFERENCES files(id) ON DELETE CASCADE,
    content TEXT NOT NULL
);

CREATE TABLE programs (
    id {{PK}},
    name TEXT NOT NULL,
    name_key {{KEY}} NOT NULL,
    kind TEXT NOT NULL,
    region TEXT NOT NULL REFERENCES regions(code),
    start_date TEXT NOT NULL,
    end_date TEXT,
    goals TEXT NOT NULL DEFAULT '',
    office TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    archived INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX programs_region ON programs(region);

CREATE TABLE leading_group_members (
    id {{PK}},
    program BIGINT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    staff BIGINT REFERENCES staff(id),
    name TEXT NOT NULL,
    position TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL DEFAULT '',
    sort_order BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX leading_group_program ON leading_group_members(program);

CREATE TABLE policy_documents (
    id {{PK}},
    program BIGINT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    doc_number TEXT NOT NULL DEFAULT '',
    issuer TEXT NOT NULL DEFAULT '',
    issued_on TEXT NOT NULL,
    file BIGINT REFERENCES files(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX policy_documents_program ON policy_documents(program);

CREATE TABLE pairings (
    id {{PK}},
    program BIGINT NOT NULL REFERENCES programs(id),
    supporter BIGINT NOT NULL REFERENCES institutions(id),
    recipient BIGINT NOT NULL REFERENCES institutions(id),
    start_date TEXT NOT NULL,
    end_date TEXT,
    agreement_title TEXT NOT NULL DEFAULT '',
    agreement_text TEXT NOT NULL DEFAULT '',
    agreement_file BIGINT REFERENCES files(id),
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX pairings_program ON pairings(program);
CREATE INDEX pairings_supporter ON pairings(supporter);
CREATE INDEX pairings_recipient ON pairings(recipient);
CREATE TABLE pairing_dimensions (
    pairing BIGINT NOT NULL REFERENCES pairings(id) ON DELETE CASCADE,
    dimension TEXT NOT NULL,
    PRIMARY KEY (pairing, dimension)
);

CREATE TABLE inspections (
    id {{PK}},
    program BIGINT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    pairing BIGINT REFERENCES pairings(id) ON DELETE CASCADE,
    inspected_on TEXT NOT NULL,
    inspectors TEXT NOT NULL,
    checked TEXT NOT NULL DEFAULT '',
    findings TEXT NOT NULL DEFAULT '',
    follow_ups TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX inspections_program ON inspections(program);
CREATE INDEX inspections_pairing ON inspections(pairing);

CREATE TABLE plans (
    id {{PK}},
    program BIGINT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    pairing BIGINT REFERENCES pairings(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    content TEXT NOT NULL DEFAULT '',
    file BIGINT REFERENCES files(id),
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    approval TEXT NOT NULL,
    approval_comment TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX plans_program ON plans(program);
CREATE INDEX plans_pairing ON plans(pairing);

CREATE TABLE tasks (
    id {{PK}},
    plan BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    description TEXT NOT NULL,
    owner_institution BIGINT REFERENCES institutions(id),
    owner_staff BIGINT REFERENCES staff(id),
    due_date TEXT NOT NULL,
    metric TEXT NOT NULL,
    activity_type TEXT,
    target BIGINT NOT NULL,
    period_start TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX tasks_plan ON tasks(plan);

CREATE TABLE activities (
    id {{PK}},
    program BIGINT NOT NULL REFERENCES programs(id),
    pairing BIGINT REFERENCES pairings(id),
    type TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    host_institution BIGINT NOT NULL REFERENCES institutions(id),
    visiting_institution BIGINT REFERENCES institutions(id),
    leaders_count BIGINT NOT NULL DEFAULT 0,
    teachers_count BIGINT NOT NULL DEFAULT 0,
    students_count BIGINT NOT NULL DEFAULT 0,
    medical_count BIGINT NOT NULL DEFAULT 0,
    subject TEXT NOT NULL DEFAULT '',
    topic TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT '',
    teacher BIGINT REFERENCES staff(id),
    audience_size BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX activities_program ON activities(program, start_date);
CREATE INDEX activities_pairing ON activities(pairing, start_date);
CREATE INDEX activities_host ON activities(host_institution);
CREATE INDEX activities_visiting ON activities(visiting_institution);
CREATE TABLE activity_participants (
    activity BIGINT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    staff BIGINT NOT NULL REFERENCES staff(id),
    role TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (activity, staff)
);
CREATE INDEX activity_participants_staff ON activity_participants(staff);

CREATE TABLE donations (
    id {{PK}},
    program BIGINT NOT NULL REFERENCES programs(id),
    pairing BIGINT REFERENCES pairings(id),
    kind TEXT NOT NULL,
    donated_on TEXT NOT NULL,
    donor_kind TEXT NOT NULL,
    donor_institution BIGINT REFERENCES institutions(id),
    donor_staff BIGINT REFERENCES staff(id),
    donor_name TEXT NOT NULL DEFAULT '',
    recipient_institution BIGINT NOT NULL REFERENCES institutions(id),
    recipient_beneficiary BIGINT,
    amount_fen BIGINT NOT NULL,
    category TEXT,
    quantity BIGINT,
    unit TEXT NOT NULL DEFAULT '',
    purpose TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX donations_program ON donations(program, donated_on);
CREATE INDEX donations_pairing ON donations(pairing);
CREATE INDEX donations_recipient ON donations(recipient_institution);

CREATE TABLE shared_resources (
    id {{PK}},
    owner_institution BIGINT NOT NULL REFERENCES institutions(id),
    pairing BIGINT REFERENCES pairings(id),
    title TEXT NOT NULL,
    title_key {{KEY}} NOT NULL,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    stage TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    file BIGINT REFERENCES files(id),
    download_count BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX shared_resources_owner ON shared_resources(owner_institution);
CREATE INDEX shared_resources_pairing ON shared_resources(pairing);
)SQL"},
};

void replace_all(std::string& s, std::string_view from, std::string_view to) {
    for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
        s.replace(pos, from.size(), to);
}

}  // namespace

std::string render_migration_sql(std::string_view sql, Engine engine) {
    std::string s(sql);
    bool pg = engine == Engine::postgresql;
    replace_all(s, "{{PK}}",
                pg ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
                   : "INTEGER PRIMARY KEY AUTOINCREMENT");
    replace_all(s, "{{REAL}}", pg ? "DOUBLE PRECISION" : "REAL");
    // Sort keys compare bytewise on both engines (PostgreSQL would otherwise apply its locale).
    replace_all(s, "{{KEY}}", pg ? "TEXT COLLATE \"C\"" : "TEXT");
    return s;
}

MigrationStatus migration_status(Connection& c) {
    c.execute_script(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
        "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    return {
        static_cast<int>(c.query_int("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")),
        migrations.back().version};
}

std::vector<int> migrate(Connection& c) {
    std::vector<int> applied;
    int current = migration_status(c).current;
    for (const auto& m : migrations) {
        if (m.version <= current) continue;
        Transaction tx(c, Transaction::write);
        // Re-read inside the write transaction: another process may have migrated meanwhile.
        if (c.query_int("SELECT COUNT(*) FROM schema_migrations WHERE version = ?",
                        {std::int64_t{m.version}}) > 0)
            continue;
        c.execute_script(render_migration_sql(m.sql, c.engine()));
        c.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                  {std::int64_t{m.version}, std::string(m.name), now_utc()});
        tx.commit();
        applied.push_back(m.version);
    }
    return applied;
}

}  // namespace bangfu::store
