#include "store/migrations.hpp"

#include <array>

#include "store/clock.hpp"

namespace bangfu::store {

namespace {

struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;
    // Run after `sql` on that engine only (triggers are written differently on each).
    std::string_view sqlite_sql = {};
    std::string_view postgresql_sql = {};
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
    Migration{3, "dispatch: policies, subsidies, batches, assignments, attachments, appraisals",
              R"SQL(
-- Dispatch policy of a program (DESIGN.md §4: policies are data). A NULL rule is not checked.
-- Programs without a row use the defaults of core/dispatch_policy (the seeds' rules).
CREATE TABLE dispatch_policies (
    program BIGINT PRIMARY KEY REFERENCES programs(id) ON DELETE CASCADE,
    min_years_teaching BIGINT,
    require_good_health INTEGER NOT NULL DEFAULT 0,
    require_volunteer INTEGER NOT NULL DEFAULT 0,
    min_title TEXT,
    min_age BIGINT,
    max_age BIGINT,
    min_backbone TEXT,
    -- Sender guard: warn when one institution would send more than this share (per cent) of its
    -- teachers of one subject at the same time.
    max_subject_share_percent BIGINT NOT NULL DEFAULT 30,
    -- Title evaluation ("one-vote veto"): months of rural / weak-school service required.
    rural_service_months BIGINT NOT NULL DEFAULT 12,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Subsidy items of a program: one-time (bedding), yearly (travel), monthly (living, capped).
CREATE TABLE subsidy_items (
    id {{PK}},
    program BIGINT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    frequency TEXT NOT NULL,
    amount_fen BIGINT NOT NULL,
    max_months BIGINT,
    -- The lowest appraisal rating that earns the item; NULL = paid whatever the rating.
    min_rating TEXT,
    sort_order BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX subsidy_items_program ON subsidy_items(program);

CREATE TABLE dispatch_batches (
    id {{PK}},
    program BIGINT NOT NULL REFERENCES programs(id),
    name TEXT NOT NULL,
    name_key {{KEY}} NOT NULL,
    sendoff_date TEXT NOT NULL,
    sendoff_event TEXT NOT NULL DEFAULT '',
    planned_count BIGINT NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX dispatch_batches_program ON dispatch_batches(program, sendoff_date);

-- A staff member sent from the sending institution to teach or work at the recipient.
CREATE TABLE dispatch_assignments (
    id {{PK}},
    program BIGINT NOT NULL REFERENCES programs(id),
    pairing BIGINT REFERENCES pairings(id),
    batch BIGINT REFERENCES dispatch_batches(id),
    staff BIGINT NOT NULL REFERENCES staff(id),
    sending_institution BIGINT NOT NULL REFERENCES institutions(id),
    recipient_institution BIGINT NOT NULL REFERENCES institutions(id),
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    subjects TEXT NOT NULL DEFAULT '',
    weekly_hours_recipient BIGINT NOT NULL DEFAULT 0,
    weekly_hours_home BIGINT NOT NULL DEFAULT 0,
    housing TEXT NOT NULL DEFAULT '',
    duties TEXT NOT NULL DEFAULT '',
    volunteered INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    withdrawn_on TEXT,
    withdraw_reason TEXT NOT NULL DEFAULT '',
    -- An admin's written reason for sending someone the eligibility rules refuse (audited).
    override_reason TEXT NOT NULL DEFAULT '',
    override_by BIGINT REFERENCES users(id),
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX dispatch_assignments_program ON dispatch_assignments(program, start_date);
CREATE INDEX dispatch_assignments_batch ON dispatch_assignments(batch);
CREATE INDEX dispatch_assignments_staff ON dispatch_assignments(staff, start_date);
CREATE INDEX dispatch_assignments_sender ON dispatch_assignments(sending_institution);
CREATE INDEX dispatch_assignments_recipient ON dispatch_assignments(recipient_institution);

-- The reverse flow: recipient staff studying or on post at the supporter (挂职 / 跟岗 / 跟班).
-- `staff` names one person; a group received without names has `staff` NULL and a headcount.
CREATE TABLE attachment_studies (
    id {{PK}},
    program BIGINT NOT NULL REFERENCES programs(id),
    pairing BIGINT REFERENCES pairings(id),
    kind TEXT NOT NULL,
    staff BIGINT REFERENCES staff(id),
    headcount BIGINT NOT NULL DEFAULT 1,
    home_institution BIGINT NOT NULL REFERENCES institutions(id),
    host_institution BIGINT NOT NULL REFERENCES institutions(id),
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    schedule TEXT NOT NULL DEFAULT '',
    days BIGINT NOT NULL DEFAULT 0,
    purpose TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX attachment_studies_program ON attachment_studies(program, start_date);
CREATE INDEX attachment_studies_home ON attachment_studies(home_institution);
CREATE INDEX attachment_studies_host ON attachment_studies(host_institution);

-- The yearly appraisal of one assignment: self → recipient's rating → sender's opinion →
-- office approval (`stage` says which step is next; 'approved' locks the record).
CREATE TABLE appraisals (
    id {{PK}},
    assignment BIGINT NOT NULL REFERENCES dispatch_assignments(id),
    year BIGINT NOT NULL,
    stage TEXT NOT NULL,
    self_summary TEXT NOT NULL DEFAULT '',
    self_by BIGINT REFERENCES users(id),
    self_at TEXT,
    rating TEXT,
    recipient_comment TEXT NOT NULL DEFAULT '',
    recipient_summary TEXT NOT NULL DEFAULT '',
    recipient_by BIGINT REFERENCES users(id),
    recipient_at TEXT,
    sender_opinion TEXT NOT NULL DEFAULT '',
    sender_summary TEXT NOT NULL DEFAULT '',
    sender_by BIGINT REFERENCES users(id),
    sender_at TEXT,
    office_comment TEXT NOT NULL DEFAULT '',
    office_by BIGINT REFERENCES users(id),
    office_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (assignment, year)
);
CREATE INDEX appraisals_stage ON appraisals(stage, year);
-- Every step, return and reopen of an appraisal, with who, when and the reason.
CREATE TABLE appraisal_events (
    id {{PK}},
    appraisal BIGINT NOT NULL REFERENCES appraisals(id) ON DELETE CASCADE,
    step TEXT NOT NULL,
    user_id BIGINT REFERENCES users(id),
    at TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX appraisal_events_appraisal ON appraisal_events(appraisal);
)SQL"},
    Migration{4, "beneficiaries: students, households, aid cases and records, inbound students",
              R"SQL(
-- Permissions a user holds beyond their role, e.g. 'beneficiary_personal': see beneficiaries'
-- ID numbers, phones, addresses and family situation unmasked (each such read is audited).
CREATE TABLE user_permissions (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    permission TEXT NOT NULL,
    granted_by BIGINT REFERENCES users(id),
    granted_at TEXT NOT NULL,
    PRIMARY KEY (user_id, permission)
);

-- A student or a household helped. Students belong to their school, households to their
-- village (an institution of kind 'village'); scope follows that institution.
CREATE TABLE beneficiaries (
    id {{PK}},
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    name_key {{KEY}} NOT NULL,
    gender TEXT NOT NULL DEFAULT '',
    birth_date TEXT,
    id_number TEXT NOT NULL DEFAULT '',
    institution BIGINT NOT NULL REFERENCES institutions(id),
    grade TEXT NOT NULL DEFAULT '',
    class_name TEXT NOT NULL DEFAULT '',
    categories TEXT NOT NULL DEFAULT '',
    guardian_name TEXT NOT NULL DEFAULT '',
    guardian_relation TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    family_situation TEXT NOT NULL DEFAULT '',
    poverty_causes TEXT NOT NULL DEFAULT '',
    annual_income_fen BIGINT,
    measures TEXT NOT NULL DEFAULT '',
    archived INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX beneficiaries_institution ON beneficiaries(institution);
CREATE INDEX beneficiaries_listing ON beneficiaries(archived, name_key, id);
CREATE INDEX beneficiaries_id_number ON beneficiaries(id_number);

CREATE TABLE household_members (
    id {{PK}},
    household BIGINT NOT NULL REFERENCES beneficiaries(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    relation TEXT NOT NULL DEFAULT '',
    gender TEXT NOT NULL DEFAULT '',
    birth_date TEXT,
    labour_capacity TEXT NOT NULL DEFAULT '',
    health TEXT NOT NULL DEFAULT '',
    occupation TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX household_members_household ON household_members(household);

-- One-to-one aid: a helper (staff member, partner student, or unit) and a beneficiary. Whether a
-- case is running or ended follows from its dates (core/aid_cadence.hpp); `status` is not read
-- (kept, with a default, because fixtures of other slices insert it; to be dropped).
CREATE TABLE aid_cases (
    id {{PK}},
    beneficiary BIGINT NOT NULL REFERENCES beneficiaries(id),
    program BIGINT REFERENCES programs(id),
    helper_kind TEXT NOT NULL,
    helper_staff BIGINT REFERENCES staff(id),
    helper_name TEXT NOT NULL DEFAULT '',
    helper_institution BIGINT NOT NULL REFERENCES institutions(id),
    start_date TEXT NOT NULL,
    end_date TEXT,
    goals TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'active',
    -- The earliest due date of the cadence plan (NULL without one), kept by the repository on
    -- every change of the plan or the records, so "overdue" is a query: next_due_date < today.
    next_due_date TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX aid_cases_next_due ON aid_cases(next_due_date);
CREATE INDEX aid_cases_beneficiary ON aid_cases(beneficiary);
CREATE INDEX aid_cases_helper_staff ON aid_cases(helper_staff);
CREATE INDEX aid_cases_helper_institution ON aid_cases(helper_institution);

-- The cadence plan of a case: a kind of help every N days / weeks / months / terms.
CREATE TABLE aid_cadences (
    id {{PK}},
    aid_case BIGINT NOT NULL REFERENCES aid_cases(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    every_count BIGINT NOT NULL,
    every_unit TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (aid_case, kind)
);

CREATE TABLE aid_records (
    id {{PK}},
    aid_case BIGINT NOT NULL REFERENCES aid_cases(id),
    record_date TEXT NOT NULL,
    kind TEXT NOT NULL,
    duration_minutes BIGINT NOT NULL DEFAULT 0,
    amount_fen BIGINT NOT NULL DEFAULT 0,
    monthly_wage_fen BIGINT,
    notes TEXT NOT NULL DEFAULT '',
    recorded_by BIGINT REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX aid_records_case ON aid_records(aid_case, record_date);
CREATE INDEX aid_records_date ON aid_records(record_date);

-- Outcomes of a case over time: a progress note and simple indicators.
CREATE TABLE aid_outcomes (
    id {{PK}},
    aid_case BIGINT NOT NULL REFERENCES aid_cases(id) ON DELETE CASCADE,
    recorded_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    grade_score TEXT NOT NULL DEFAULT '',
    attendance_percent BIGINT,
    employed INTEGER,
    monthly_wage_fen BIGINT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX aid_outcomes_case ON aid_outcomes(aid_case, recorded_on);

-- Students from an aided region studying at a host institution under a program, counted by
-- cohort (entry year, grade, major) with the fee exemption each student receives per year.
CREATE TABLE inbound_cohorts (
    id {{PK}},
    program BIGINT NOT NULL REFERENCES programs(id),
    host_institution BIGINT NOT NULL REFERENCES institutions(id),
    origin_region TEXT NOT NULL REFERENCES regions(code),
    school_year BIGINT NOT NULL,
    stage TEXT NOT NULL,
    grade TEXT NOT NULL,
    major TEXT NOT NULL DEFAULT '',
    student_count BIGINT NOT NULL,
    fee_exemption_fen BIGINT NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX inbound_cohorts_program ON inbound_cohorts(program, school_year);
CREATE INDEX inbound_cohorts_host ON inbound_cohorts(host_institution);
)SQL"},
    Migration{5, "reports: yearly summaries (written parts, lock, frozen figures), unlock requests",
              R"SQL(
-- A yearly report per scope (program:ID, region:CODE, institution:ID) and year: the parts the
-- user writes, and the lock. Locking freezes the figures: frozen_json holds the report's
-- sections as they were at locking (core/yearly_report.hpp), shown instead of live figures.
-- scope_path is the region path governing the scope (who may lock it; audit scope).
CREATE TABLE yearly_reports (
    id {{PK}},
    scope_kind TEXT NOT NULL,
    scope_id TEXT NOT NULL,
    year BIGINT NOT NULL,
    scope_path TEXT NOT NULL,
    institution BIGINT REFERENCES institutions(id),
    feelings TEXT NOT NULL DEFAULT '',
    shortcomings TEXT NOT NULL DEFAULT '',
    next_steps TEXT NOT NULL DEFAULT '',
    locked INTEGER NOT NULL DEFAULT 0,
    locked_at TEXT,
    locked_by BIGINT REFERENCES users(id),
    frozen_json TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (scope_kind, scope_id, year)
);

-- An institution asks the bureau to unlock a locked report, with a reason; the bureau grants
-- (the report unlocks, figures live again) or refuses, with a note.
CREATE TABLE report_unlock_requests (
    id {{PK}},
    report BIGINT NOT NULL REFERENCES yearly_reports(id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    requested_by BIGINT REFERENCES users(id),
    requested_by_name TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    status TEXT NOT NULL,
    decision_note TEXT NOT NULL DEFAULT '',
    decided_by BIGINT REFERENCES users(id),
    decided_by_name TEXT NOT NULL DEFAULT '',
    decided_at TEXT
);
CREATE INDEX report_unlock_requests_report ON report_unlock_requests(report);
)SQL"},
    Migration{6, "indexes for the yearly summary at province scale", R"SQL(
-- Each case's records by kind and date, with the columns the aid statistics add up, so the
-- statistics read the records of the cases in scope from the index alone (no table row), and
-- the last record of a kind before a day is one seek (the overdue cadences of a past year).
-- Measured in bench/README.md: the province's people-helped figures went from 101 s to ….
CREATE INDEX aid_records_case_kind ON aid_records(aid_case, kind, record_date, duration_minutes,
    amount_fen, monthly_wage_fen);
)SQL"},
    Migration{7, "data scope by construction: region paths on the rows, scope counts", R"SQL(
-- Each scoped registry row carries the path of its region, so a region's subtree is one key
-- range of an index ([path, path with its last '/' replaced by '0'), store/scope.hpp) instead of
-- a set of region codes rebuilt by a subquery on every read, and a scoped count reads the index
-- alone. Triggers (below, per engine) keep the paths right on every write, whoever writes.
ALTER TABLE institutions ADD COLUMN region_path {{KEY}} NOT NULL DEFAULT '';
UPDATE institutions SET region_path = (SELECT r.path FROM regions r WHERE r.code = institutions.region);
CREATE INDEX institutions_scope ON institutions(region_path, archived, name_key, id);

ALTER TABLE staff ADD COLUMN region_path {{KEY}} NOT NULL DEFAULT '';
UPDATE staff SET region_path = (SELECT i.region_path FROM institutions i WHERE i.id = staff.institution);
CREATE INDEX staff_scope ON staff(region_path, archived, name_key, id);
-- An institution admin's staff page, in name order, from the index.
CREATE INDEX staff_institution_listing ON staff(institution, archived, name_key, id);

ALTER TABLE beneficiaries ADD COLUMN region_path {{KEY}} NOT NULL DEFAULT '';
UPDATE beneficiaries SET region_path = (SELECT i.region_path FROM institutions i WHERE i.id = beneficiaries.institution);
CREATE INDEX beneficiaries_scope ON beneficiaries(region_path, archived, name_key, id);
CREATE INDEX beneficiaries_institution_listing ON beneficiaries(institution, archived, name_key, id);

ALTER TABLE programs ADD COLUMN region_path {{KEY}} NOT NULL DEFAULT '';
UPDATE programs SET region_path = (SELECT r.path FROM regions r WHERE r.code = programs.region);
CREATE INDEX programs_scope ON programs(region_path);

-- The name-ordered listings carry the path too, so a page of a large subtree walks the listing in
-- name order and tests the path in the index, without reading a row it will not show.
DROP INDEX institutions_listing;
CREATE INDEX institutions_listing ON institutions(archived, name_key, id, region_path);
DROP INDEX staff_listing;
CREATE INDEX staff_listing ON staff(archived, name_key, id, region_path);
DROP INDEX beneficiaries_listing;
CREATE INDEX beneficiaries_listing ON beneficiaries(archived, name_key, id, region_path);

-- Rows per (table, region path, archived), kept by triggers on every insert, delete, move and
-- archive, so the total of an unfiltered list page is a sum over the regions of the subtree (a
-- few thousand rows at most) instead of a count of up to a million rows. Adjustments are
-- +1/-1 upserts, so the order in which triggers fire never matters. A test checks that the
-- counts equal a recomputation (tests/store/scope_counts_test.cpp).
CREATE TABLE scope_counts (
    entity TEXT NOT NULL,
    region_path {{KEY}} NOT NULL,
    archived INTEGER NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (entity, region_path, archived)
);
-- The sum over a subtree reads this index alone.
CREATE INDEX scope_counts_sum ON scope_counts(entity, archived, region_path, n);
INSERT INTO scope_counts (entity, region_path, archived, n)
    SELECT 'institutions', region_path, archived, COUNT(*) FROM institutions GROUP BY region_path, archived;
INSERT INTO scope_counts (entity, region_path, archived, n)
    SELECT 'staff', region_path, archived, COUNT(*) FROM staff GROUP BY region_path, archived;
INSERT INTO scope_counts (entity, region_path, archived, n)
    SELECT 'beneficiaries', region_path, archived, COUNT(*) FROM beneficiaries GROUP BY region_path, archived;
)SQL",
              R"SQL(
{{PATH_TRIGGERS}}
CREATE TRIGGER institutions_path_cascade AFTER UPDATE OF region_path ON institutions
WHEN NEW.region_path <> OLD.region_path
BEGIN
    UPDATE staff SET region_path = NEW.region_path WHERE institution = NEW.id;
    UPDATE beneficiaries SET region_path = NEW.region_path WHERE institution = NEW.id;
END;
CREATE TRIGGER regions_path_cascade AFTER UPDATE OF path ON regions
WHEN NEW.path <> OLD.path
BEGIN
    UPDATE institutions SET region_path = NEW.path WHERE region = NEW.code;
    UPDATE programs SET region_path = NEW.path WHERE region = NEW.code;
END;
{{COUNT_TRIGGERS}}
)SQL",
              R"SQL(
CREATE FUNCTION bangfu_region_path_from_region() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- An unknown region is left to the foreign key to report.
    NEW.region_path := COALESCE((SELECT path FROM regions WHERE code = NEW.region), NEW.region_path);
    RETURN NEW;
END $$;
CREATE FUNCTION bangfu_region_path_from_institution() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.region_path := COALESCE((SELECT region_path FROM institutions WHERE id = NEW.institution),
                                NEW.region_path);
    RETURN NEW;
END $$;
CREATE FUNCTION bangfu_institution_path_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE staff SET region_path = NEW.region_path WHERE institution = NEW.id;
    UPDATE beneficiaries SET region_path = NEW.region_path WHERE institution = NEW.id;
    RETURN NULL;
END $$;
CREATE FUNCTION bangfu_region_path_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE institutions SET region_path = NEW.path WHERE region = NEW.code;
    UPDATE programs SET region_path = NEW.path WHERE region = NEW.code;
    RETURN NULL;
END $$;
CREATE FUNCTION bangfu_scope_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO scope_counts (entity, region_path, archived, n)
            VALUES (TG_TABLE_NAME, OLD.region_path, OLD.archived, -1)
            ON CONFLICT (entity, region_path, archived) DO UPDATE SET n = scope_counts.n + excluded.n;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO scope_counts (entity, region_path, archived, n)
            VALUES (TG_TABLE_NAME, NEW.region_path, NEW.archived, 1)
            ON CONFLICT (entity, region_path, archived) DO UPDATE SET n = scope_counts.n + excluded.n;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER institutions_region_path BEFORE INSERT OR UPDATE OF region ON institutions
    FOR EACH ROW EXECUTE FUNCTION bangfu_region_path_from_region();
CREATE TRIGGER programs_region_path BEFORE INSERT OR UPDATE OF region ON programs
    FOR EACH ROW EXECUTE FUNCTION bangfu_region_path_from_region();
CREATE TRIGGER staff_region_path BEFORE INSERT OR UPDATE OF institution ON staff
    FOR EACH ROW EXECUTE FUNCTION bangfu_region_path_from_institution();
CREATE TRIGGER beneficiaries_region_path BEFORE INSERT OR UPDATE OF institution ON beneficiaries
    FOR EACH ROW EXECUTE FUNCTION bangfu_region_path_from_institution();
CREATE TRIGGER institutions_path_cascade AFTER UPDATE OF region_path ON institutions
    FOR EACH ROW WHEN (NEW.region_path IS DISTINCT FROM OLD.region_path)
    EXECUTE FUNCTION bangfu_institution_path_cascade();
CREATE TRIGGER regions_path_cascade AFTER UPDATE OF path ON regions
    FOR EACH ROW WHEN (NEW.path IS DISTINCT FROM OLD.path)
    EXECUTE FUNCTION bangfu_region_path_cascade();
CREATE TRIGGER institutions_count AFTER INSERT OR DELETE OR UPDATE OF region_path, archived
    ON institutions FOR EACH ROW EXECUTE FUNCTION bangfu_scope_count();
CREATE TRIGGER staff_count AFTER INSERT OR DELETE OR UPDATE OF region_path, archived
    ON staff FOR EACH ROW EXECUTE FUNCTION bangfu_scope_count();
CREATE TRIGGER beneficiaries_count AFTER INSERT OR DELETE OR UPDATE OF region_path, archived
    ON beneficiaries FOR EACH ROW EXECUTE FUNCTION bangfu_scope_count();
)SQL"},
    Migration{8, "balance index: schools' resources per school year, balance policies", R"SQL(
-- What a school reports of its resources for a school year (办学条件), the inputs of the balance
-- index (core/balance.hpp). school_year is the first calendar year (2025 = 2025-2026学年). Areas
-- in hundredths of a m² and money in fen: what was typed is kept exactly.
CREATE TABLE school_conditions (
    institution BIGINT NOT NULL REFERENCES institutions(id),
    school_year BIGINT NOT NULL,
    primary_students BIGINT NOT NULL,
    junior_students BIGINT NOT NULL,
    degree_teachers BIGINT NOT NULL,
    backbone_teachers BIGINT NOT NULL,
    pe_arts_teachers BIGINT NOT NULL,
    room_area_centi BIGINT NOT NULL,
    sports_area_centi BIGINT NOT NULL,
    equipment_fen BIGINT NOT NULL,
    multimedia_rooms BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by BIGINT REFERENCES users(id),
    updated_by_name TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (institution, school_year)
);
-- A county's table: the schools of the subtree (institutions_scope) joined to this year's row.
CREATE INDEX school_conditions_year ON school_conditions(school_year, institution);

-- The standards, CV limits and counting rules of a province (or city, or county) where they
-- differ from the national method; a region without a row inherits from above.
CREATE TABLE balance_policies (
    region TEXT PRIMARY KEY REFERENCES regions(code),
    policy_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by BIGINT REFERENCES users(id)
);
)SQL"},
    Migration{9, "idempotency keys: the first answer of a keyed request, kept 24 hours", R"SQL(
-- A client that may lose the answer of a create (a phone on a village network, a timeout, a crash
-- between commit and answer) sends an Idempotency-Key; the answer is kept here, written in the
-- same transaction as the request's own writes, so a retry with the same key gets the first
-- answer instead of creating again (http/idempotency.hpp). request_hash is a SHA-256 of the
-- method, path, query and body: the same key with another request is refused.
CREATE TABLE idempotency_keys (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    status INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    headers_json TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, idempotency_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
)SQL"},
    Migration{10, "login throttles: failed logins per account name and client address", R"SQL(
-- Growing delays instead of account locks (issue 17; core/login_throttle.hpp). Keyed by the name
-- as typed, so an unknown name is throttled exactly like a known one and the answer tells
-- nothing; and by the client address, so someone guessing from elsewhere never delays the owner.
-- In the database, not in memory, so that several instances share it.
CREATE TABLE login_throttles (
    username TEXT NOT NULL,
    client TEXT NOT NULL,
    failures INTEGER NOT NULL,
    first_failure_at TEXT NOT NULL,
    last_failure_at TEXT NOT NULL,
    blocked_until TEXT NOT NULL,
    PRIMARY KEY (username, client)
);
CREATE INDEX login_throttles_last_failure ON login_throttles(last_failure_at);
)SQL"},
    Migration{11, "recommendations: runs, proposals, rejections, capacity, needs, volunteers",
              R"SQL(
-- Where a township is (institutions without coordinates are placed at their township's).
ALTER TABLE regions ADD COLUMN latitude {{REAL}};
ALTER TABLE regions ADD COLUMN longitude {{REAL}};
-- How many recipients a supporter takes per dimension; NULL: the policy default (kind, size).
ALTER TABLE institutions ADD COLUMN pairing_capacity BIGINT;

-- What a batch's recipients ask for: teachers of a subject for a school year.
CREATE TABLE dispatch_needs (
    id {{PK}},
    batch BIGINT NOT NULL REFERENCES dispatch_batches(id) ON DELETE CASCADE,
    recipient BIGINT NOT NULL REFERENCES institutions(id),
    subject TEXT NOT NULL,
    number BIGINT NOT NULL,
    school_year BIGINT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX dispatch_needs_batch ON dispatch_needs(batch);
-- Who volunteered for a batch (the dispatch plan proposes only them).
CREATE TABLE dispatch_volunteers (
    batch BIGINT NOT NULL REFERENCES dispatch_batches(id) ON DELETE CASCADE,
    staff BIGINT NOT NULL REFERENCES staff(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (batch, staff)
);

-- One computation of proposals (pairings of a region, or a batch's dispatch plan).
CREATE TABLE recommendation_runs (
    id {{PK}},
    kind TEXT NOT NULL,
    region TEXT REFERENCES regions(code),
    region_path {{KEY}} NOT NULL,
    school_year BIGINT,
    dimension TEXT,
    batch BIGINT REFERENCES dispatch_batches(id) ON DELETE CASCADE,
    objective BIGINT NOT NULL,
    unmatched_json TEXT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX recommendation_runs_region ON recommendation_runs(region_path, created_at);
CREATE TABLE recommendation_proposals (
    id {{PK}},
    run BIGINT NOT NULL REFERENCES recommendation_runs(id) ON DELETE CASCADE,
    supporter BIGINT NOT NULL REFERENCES institutions(id),
    recipient BIGINT NOT NULL REFERENCES institutions(id),
    staff BIGINT REFERENCES staff(id),
    need BIGINT REFERENCES dispatch_needs(id) ON DELETE SET NULL,
    subject TEXT NOT NULL DEFAULT '',
    cost BIGINT NOT NULL,
    distance_km {{REAL}} NOT NULL DEFAULT 0,
    reasons_json TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'proposed',
    decision_reason TEXT NOT NULL DEFAULT '',
    decided_by BIGINT REFERENCES users(id),
    decided_at TEXT,
    result BIGINT
);
CREATE INDEX recommendation_proposals_run ON recommendation_proposals(run);
-- A rejected pairing proposal is not proposed again in that school year.
CREATE TABLE pairing_rejections (
    supporter BIGINT NOT NULL REFERENCES institutions(id),
    recipient BIGINT NOT NULL REFERENCES institutions(id),
    dimension TEXT NOT NULL,
    school_year BIGINT NOT NULL,
    reason TEXT NOT NULL,
    proposal BIGINT REFERENCES recommendation_proposals(id) ON DELETE SET NULL,
    created_by BIGINT REFERENCES users(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (supporter, recipient, dimension, school_year)
);
)SQL"},
};

// The SQLite triggers that give a row the region path of its source (migration 7): when it is
// inserted, and when `column` (its region or institution) changes. `source` is the path's
// subquery on NEW. An unknown source is left to the foreign key to report.
std::string sqlite_path_triggers(std::string_view table, std::string_view moved,
                                 std::string_view column, std::string_view source) {
    std::string t(table), src(source);
    auto trigger = [&](const std::string& name, const std::string& event) {
        return "CREATE TRIGGER " + name + " " + event + " ON " + t +
               "\nWHEN NEW.region_path <> COALESCE((" + src +
               "), NEW.region_path)\nBEGIN\n"
               "    UPDATE " +
               t + " SET region_path = (" + src + ") WHERE id = NEW.id;\nEND;\n";
    };
    return trigger(t + "_region_path", "AFTER INSERT") +
           trigger(std::string(moved), "AFTER UPDATE OF " + std::string(column));
}

// The SQLite triggers that keep scope_counts of one table (see migration 7).
std::string sqlite_count_triggers(std::string_view table) {
    std::string t(table);
    auto upsert = [&](std::string_view row, std::string_view delta) {
        return "INSERT INTO scope_counts (entity, region_path, archived, n) VALUES ('" + t + "', " +
               std::string(row) + ".region_path, " + std::string(row) + ".archived, " +
               std::string(delta) +
               ") ON CONFLICT (entity, region_path, archived) DO UPDATE SET n = scope_counts.n + "
               "excluded.n;\n";
    };
    return "CREATE TRIGGER " + t + "_count_insert AFTER INSERT ON " + t + " BEGIN\n" +
           upsert("NEW", "1") + "END;\nCREATE TRIGGER " + t + "_count_delete AFTER DELETE ON " + t +
           " BEGIN\n" + upsert("OLD", "-1") + "END;\nCREATE TRIGGER " + t +
           "_count_update AFTER UPDATE OF region_path, archived ON " + t + " BEGIN\n" +
           upsert("OLD", "-1") + upsert("NEW", "1") + "END;\n";
}

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

int latest_version() {
    // The list is in version order (migrate applies it so).
    return migrations.back().version;
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
        auto own = c.engine() == Engine::postgresql ? m.postgresql_sql : m.sqlite_sql;
        if (!own.empty()) {
            std::string sql = render_migration_sql(own, c.engine());
            constexpr std::string_view from_region =
                "SELECT path FROM regions WHERE code = NEW.region";
            constexpr std::string_view from_institution =
                "SELECT region_path FROM institutions WHERE id = NEW.institution";
            replace_all(
                sql, "{{PATH_TRIGGERS}}",
                sqlite_path_triggers("institutions", "institutions_region_moved", "region",
                                     from_region) +
                    sqlite_path_triggers("programs", "programs_region_moved", "region",
                                         from_region) +
                    sqlite_path_triggers("staff", "staff_moved", "institution", from_institution) +
                    sqlite_path_triggers("beneficiaries", "beneficiaries_moved", "institution",
                                         from_institution));
            replace_all(sql, "{{COUNT_TRIGGERS}}",
                        sqlite_count_triggers("institutions") + sqlite_count_triggers("staff") +
                            sqlite_count_triggers("beneficiaries"));
            c.execute_script(sql);
        }
        c.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                  {std::int64_t{m.version}, std::string(m.name), now_utc()});
        tx.commit();
        applied.push_back(m.version);
    }
    if (!applied.empty()) refresh_statistics(c);
    return applied;
}

void refresh_statistics(Connection& c, const std::vector<std::string>& tables) {
    // A full ANALYZE (no PRAGMA analysis_limit): on the bench/ registry (87 MB, 400,000 staff)
    // it takes 0.65 s; with analysis_limit = 1000 it took 0.06 s but estimated 1,001 rows per
    // value of staff.archived instead of 200,000, which misleads the planner on exactly the
    // listing indexes. PostgreSQL samples a bounded number of rows on its own.
    std::string sql;
    if (tables.empty()) sql = "ANALYZE;";
    for (const auto& t : tables) sql += "ANALYZE " + t + ";";
    c.execute_script(sql);
}

}  // namespace bangfu::store
