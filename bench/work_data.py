"""The pairing work, dispatch and people-helped rows of the benchmark province (DESIGN.md §7).

Used by generate.py after the registry (regions, institutions, staff). Every table of
migrations 2-4 is filled, with foreign keys that point at existing rows and the enum values of
src/core (dictionary.cpp, dispatch.cpp, subsidy.cpp, appraisal.cpp, beneficiary.cpp). Rows are
yielded table by table, in id order, so the largest tables (10 million aid records) stream into
the database without being held in memory.

Sizes at --scale 1 (§7): 10,000 pairings, 500,000 activities, 200,000 dispatch assignments,
1,000,000 beneficiaries, 10,000,000 aid records; the rest in proportion (see SIZES).
Dates run from 2023 to 2026; most of the work falls in 2024 and 2025, so a yearly report of
2025 (the year bench/report.sh asks for) covers a full year of work.
"""

import bisect
import datetime
import itertools

SIZES = {  # per --scale 1
    "pairings": 10_000,
    "activities": 500_000,
    "donations": 100_000,
    "shared_resources": 20_000,
    "assignments": 200_000,
    "attachment_studies": 20_000,
    "beneficiaries": 1_000_000,
    "aid_records": 10_000_000,
    "inbound_cohorts": 5_000,
}

DIMENSIONS = ["teachers", "teaching_research", "management", "funds", "materials"]
ACTIVITY_TYPES = ["leader_visit", "teacher_visit", "student_exchange", "demonstration_class",
                  "open_class", "lecture", "teaching_research", "training", "online_exchange",
                  "farewell_meeting", "inspection", "condolence_visit", "publicity"]
ACTIVITY_WEIGHTS = [5, 12, 6, 14, 10, 10, 14, 9, 8, 2, 4, 3, 3]
SUBJECTS = ["chinese", "math", "english", "physics", "chemistry", "biology", "history",
            "science", "music", "art", "pe", "it"]
MATERIALS = ["clothes", "stationery", "books", "teaching_instruments", "audio_visual", "sports",
             "computers", "furniture", "trees_flowers", "other"]
RESOURCE_KINDS = ["lesson_plan", "courseware", "video", "topic_package", "other"]
STAGES = ["preschool", "primary", "junior", "senior", "vocational"]
HELP_KINDS = ["tutoring", "interest_activity", "motivational_talk", "home_visit", "phone_online",
              "material_aid", "counselling", "tuition_exemption", "work_study", "job_placement",
              "medical_expenses", "other"]
HELP_WEIGHTS = [30, 6, 10, 14, 20, 8, 6, 1, 1, 1, 1, 2]
HELP_CUMULATIVE = list(itertools.accumulate(HELP_WEIGHTS))
HELP_TOTAL = HELP_CUMULATIVE[-1]
CATEGORIES = ["registered_poor", "subsistence", "learning_difficulty", "left_behind",
              "disability", "other"]
POVERTY_CAUSES = ["lack_labour", "illness", "disability", "education", "lack_skills",
                  "lack_funds", "lack_land", "disaster", "other"]
RATINGS = ["excellent", "competent", "basically_competent", "incompetent"]
SCHOOL_KINDS = {"primary", "junior", "nine_year", "senior", "complete_middle", "vocational",
                "kindergarten"}
STAMP = "2025-12-31T00:00:00Z"

EPOCH = datetime.date(2023, 1, 1)
DAYS = [(EPOCH + datetime.timedelta(days=i)).isoformat() for i in range(4 * 365 + 1)]
DAY_2024 = 365  # index of 2024-01-01
DAY_2026 = 365 + 366 + 365  # index of 2026-01-01
LAST_DAY = len(DAYS) - 1  # 2026-12-31


def work_day(rng):
    """A day, mostly in 2024-2025 (the years of a full report), some in 2023 and 2026."""
    r = rng.random()
    if r < 0.85:
        return DAY_2024 + int(rng.random() * (DAY_2026 - DAY_2024))
    if r < 0.95:
        return int(rng.random() * DAY_2024)
    return DAY_2026 + int(rng.random() * (LAST_DAY - DAY_2026))


def id_number(rng, birth):
    """An 18-digit ID number with a valid check digit (GB 11643), region prefix 99 (not real)."""
    body = "99" + f"{rng.randrange(10000):04d}" + birth.replace("-", "") + \
        f"{rng.randrange(1000):03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(c) * w for c, w in zip(body, weights))
    return body + "10X98765432"[total % 11]


def scaled(name, scale):
    return max(1, round(SIZES[name] * scale))


class Province:
    """What the work rows need to know of the registry."""

    def __init__(self, region_rows, inst):
        self.counties = [r[0] for r in region_rows if r[2] == "county"]
        self.cities = [r[0] for r in region_rows if r[2] == "city"]
        self.province = region_rows[0][0]
        self.inst = inst
        # Staff ids are contiguous per institution (generate.staff numbers them in order).
        self.first_staff = {}
        sid = 1
        for row in inst:
            self.first_staff[row[0]] = sid
            sid += row[11]
        self.county_of = {}
        for row in inst:
            region = row[6]
            self.county_of[row[0]] = region[:6]
        live = [r for r in inst if not r[14] and r[3] != "bureau"]
        # Supporters: urban (county seats and cities) schools and colleges; recipients: schools,
        # hospitals and villages in townships. The two sets are disjoint, so pairings cannot
        # form a cycle in any dimension and nothing is paired with itself.
        self.supporters = [r[0] for r in live if r[4] == "urban" and r[3] != "village"]
        self.recipients = [r[0] for r in live if r[4] != "urban"]
        self.kind = {r[0]: r[3] for r in inst}
        self.staff_count = {r[0]: r[11] for r in inst}
        self.name = {r[0]: r[1] for r in inst}
        self.schools = [r[0] for r in live if r[3] in SCHOOL_KINDS and r[4] != "urban"]
        self.villages = [r[0] for r in live if r[3] == "village"] or self.schools
        self.colleges = [r[0] for r in live if r[3] in ("university", "vocational", "senior")]

    def a_staff(self, rng, institution):
        """A staff member of the institution (not the principal, when there is anyone else)."""
        n = self.staff_count[institution]
        first = self.first_staff[institution]
        return first + (1 + rng.randrange(n - 1) if n > 1 else 0)


PROGRAM_COLS = ("id, name, name_key, kind, region, start_date, end_date, goals, office, status, "
                "archived, created_at, updated_at")


def tables(rng, region_rows, inst, scale, name_key, person_name, phone):
    """(table, columns, rows) for every work table, in foreign-key order; rows may be lazy."""
    pv = Province(region_rows, inst)
    region_name = {r[0]: r[1] for r in region_rows}

    # ---- programs: the province, each city and each county run one ----
    programs = []
    program_of_region = {}
    for code in [pv.province] + pv.cities + pv.counties:
        pid = len(programs) + 1
        name = region_name[code] + "城乡学校结对帮扶工程"
        kind = "urban_rural_school" if len(programs) % 4 else "counterpart_support"
        programs.append((pid, name, name_key(name), kind, code, "2023-03-01", None,
                         "师资、教研、管理、资金、物资全方位帮扶", region_name[code] + "教育局帮扶办",
                         "implementation", 0, STAMP, STAMP))
        program_of_region[code] = pid
    n_programs = len(programs)
    yield "programs", PROGRAM_COLS, programs

    leaders = []
    for pid, *_ in programs:
        for k, role in enumerate(["leader"] + ["member"] * 5):
            leaders.append((len(leaders) + 1, pid, role, None, person_name(rng),
                            "组长" if role == "leader" else "成员", "教育局", k, STAMP, STAMP))
    yield "leading_group_members", ("id, program, role, staff, name, position, unit, sort_order, "
                                    "created_at, updated_at"), leaders
    docs = []
    for pid, *_ in programs:
        for k in range(3):
            docs.append((len(docs) + 1, pid, f"关于深化结对帮扶工作的通知（{k + 1}）",
                         f"教发〔{2023 + k}〕{pid}号", "教育局", f"{2023 + k}-03-15", None, STAMP,
                         STAMP))
    yield "policy_documents", ("id, program, title, doc_number, issuer, issued_on, file, "
                               "created_at, updated_at"), docs

    # ---- pairings and their dimensions ----
    n_pairings = scaled("pairings", scale)
    pairings = []  # (id, program, supporter, recipient, start index, end index or None)
    seen = set()
    while len(pairings) < n_pairings:
        s = rng.choice(pv.supporters)
        r = rng.choice(pv.recipients)
        if (s, r) in seen:
            continue
        seen.add((s, r))
        county = pv.county_of[r]
        program = program_of_region[county] if rng.random() < 0.8 else \
            program_of_region[county[:4] + "00"]
        start = int(rng.random() * DAY_2026)
        end = None if rng.random() < 0.85 else min(LAST_DAY, start + 365 + rng.randrange(700))
        pairings.append((len(pairings) + 1, program, s, r, start, end))
    yield "pairings", ("id, program, supporter, recipient, start_date, end_date, agreement_title, "
                       "agreement_text, agreement_file, status, note, created_at, updated_at"), (
        (pid, prog, s, r, DAYS[st], None if en is None else DAYS[en],
         "结对帮扶协议书", "双方本着优势互补、共同发展的原则，结成帮扶对子。", None,
         "active" if en is None else "ended", "", STAMP, STAMP)
        for pid, prog, s, r, st, en in pairings)
    dims = []
    for pid, _, _, r, _, _ in pairings:
        chosen = rng.sample(DIMENSIONS, rng.randint(1, 3))
        if pv.kind[r] == "hospital":
            chosen = ["medical_technique"] + chosen[:1]
        for d in chosen:
            dims.append((pid, d))
    yield "pairing_dimensions", "pairing, dimension", dims

    # ---- plans (an annual plan per pairing and year, two per program), tasks, inspections ----
    def plan_rows():
        pid = 0
        for p in pairings:
            for year in (2024, 2025):
                pid += 1
                yield (pid, p[1], p[0], "annual", f"{year}年度结对帮扶工作计划", "", None,
                       f"{year}-01-01", f"{year}-12-31",
                       rng.choices(["approved", "submitted", "draft"], [8, 1, 1])[0], "",
                       STAMP, STAMP)
        for prog in range(1, n_programs + 1):
            for year in (2024, 2025):
                pid += 1
                yield (pid, prog, None, "implementation", f"{year}年结对帮扶实施方案", "", None,
                       f"{year}-02-01", f"{year}-12-31", "approved", "", STAMP, STAMP)
    n_plans = len(pairings) * 2 + n_programs * 2
    yield "plans", ("id, program, pairing, kind, title, content, file, start_date, end_date, "
                    "approval, approval_comment, created_at, updated_at"), plan_rows()

    def task_rows():
        tid = 0
        for plan in range(1, len(pairings) * 2 + 1):
            p = pairings[(plan - 1) // 2]
            year = 2024 + (plan - 1) % 2
            for metric, atype, target in (("activity_count", "demonstration_class", 4),
                                          ("participant_count", None, 60)):
                tid += 1
                yield (tid, plan, "完成年度帮扶任务", p[2], None, f"{year}-12-31", metric, atype,
                       target, f"{year}-01-01", STAMP, STAMP)
    yield "tasks", ("id, plan, description, owner_institution, owner_staff, due_date, metric, "
                    "activity_type, target, period_start, created_at, updated_at"), task_rows()

    def inspection_rows():
        for k in range(max(1, len(pairings) // 5)):
            p = pairings[k * 5]
            yield (k + 1, p[1], p[0], DAYS[work_day(rng)], "督导组", "计划、活动、台账",
                   "工作扎实，台账齐全", "加强过程记录", STAMP, STAMP)
    yield "inspections", ("id, program, pairing, inspected_on, inspectors, checked, findings, "
                          "follow_ups, created_at, updated_at"), inspection_rows()

    # ---- activities and their participants ----
    n_activities = scaled("activities", scale)
    participants = []  # kept small: up to 2 per activity, streamed after the activities

    def activity_rows():
        for aid in range(1, n_activities + 1):
            if rng.random() < 0.92:
                p = pairings[int(rng.random() * len(pairings))]
                prog, pairing, host, visiting = p[1], p[0], p[3], p[2]
                if rng.random() < 0.3:
                    host, visiting = visiting, host
            else:
                p = pairings[int(rng.random() * len(pairings))]
                prog, pairing, host, visiting = p[1], None, p[3], None
            atype = rng.choices(ACTIVITY_TYPES, ACTIVITY_WEIGHTS)[0]
            day = work_day(rng)
            teacher = None
            subject = topic = ""
            audience = 0
            if atype in ("demonstration_class", "open_class"):
                teacher = pv.a_staff(rng, visiting or host)
                subject = rng.choice(SUBJECTS)
                topic = "课堂教学示范"
                audience = rng.randint(10, 80)
            teachers = rng.randint(1, 12)
            students = rng.randint(0, 60) if atype == "student_exchange" else 0
            yield (aid, prog, pairing, atype, DAYS[day], DAYS[min(LAST_DAY, day + rng.randrange(3))],
                   host, visiting, rng.randint(0, 3), teachers, students, 0, subject, topic,
                   "开展结对帮扶活动", "", teacher, audience, STAMP, STAMP)
            if visiting and rng.random() < 0.5:
                a = pv.a_staff(rng, visiting)
                b = pv.a_staff(rng, host)
                participants.append((aid, a, "主讲"))
                if b != a:
                    participants.append((aid, b, ""))
    yield "activities", ("id, program, pairing, type, start_date, end_date, host_institution, "
                         "visiting_institution, leaders_count, teachers_count, students_count, "
                         "medical_count, subject, topic, content, outcome, teacher, "
                         "audience_size, created_at, updated_at"), activity_rows()
    yield "activity_participants", "activity, staff, role", participants

    # ---- donations and shared resources ----
    def donation_rows():
        for did in range(1, scaled("donations", scale) + 1):
            p = pairings[int(rng.random() * len(pairings))]
            funds = rng.random() < 0.5
            donor_kind = rng.choices(["institution", "staff", "students", "outside"],
                                     [6, 2, 1, 1])[0]
            yield (did, p[1], p[0], "funds" if funds else "materials", DAYS[work_day(rng)],
                   donor_kind, p[2] if donor_kind in ("institution", "students") else None,
                   pv.a_staff(rng, p[2]) if donor_kind == "staff" else None,
                   "爱心企业" if donor_kind == "outside" else "", p[3], None,
                   rng.randrange(100, 5_000_000) * 100, None if funds else rng.choice(MATERIALS),
                   None if funds else rng.randint(1, 500), "" if funds else "件", "改善办学条件",
                   "", STAMP, STAMP)
    yield "donations", ("id, program, pairing, kind, donated_on, donor_kind, donor_institution, "
                        "donor_staff, donor_name, recipient_institution, recipient_beneficiary, "
                        "amount_fen, category, quantity, unit, purpose, note, created_at, "
                        "updated_at"), donation_rows()

    def resource_rows():
        for rid in range(1, scaled("shared_resources", scale) + 1):
            p = pairings[int(rng.random() * len(pairings))]
            title = f"{rng.choice(['语文', '数学', '英语', '物理'])}优质课例{rid}"
            day = DAYS[work_day(rng)]
            yield (rid, p[2], p[0], title, name_key(title), rng.choice(RESOURCE_KINDS),
                   rng.choice(SUBJECTS), rng.choice(STAGES[1:4]), "", None, rng.randrange(200),
                   day + "T08:00:00Z", day + "T08:00:00Z")
    yield "shared_resources", ("id, owner_institution, pairing, title, title_key, kind, subject, "
                               "stage, description, file, download_count, created_at, "
                               "updated_at"), resource_rows()

    # ---- dispatch: policies, subsidies, batches, assignments, appraisals, attachments ----
    yield "dispatch_policies", ("program, min_years_teaching, require_good_health, "
                                "require_volunteer, min_title, min_age, max_age, min_backbone, "
                                "max_subject_share_percent, rural_service_months, created_at, "
                                "updated_at"), [
        (pid, 3, 1, 0, None, None, 55, None, 30, 12, STAMP, STAMP)
        for pid in range(1, n_programs + 1)]
    items = []
    for pid in range(1, n_programs + 1):
        for k, (name, freq, fen, months, rating) in enumerate((
                ("床上用品", "one_time", 50_000, None, None),
                ("交通补助", "yearly", 120_000, None, None),
                ("生活补助", "monthly", 80_000, 12, "competent"))):
            items.append((len(items) + 1, pid, name, freq, fen, months, rating, k, STAMP, STAMP))
    yield "subsidy_items", ("id, program, name, frequency, amount_fen, max_months, min_rating, "
                            "sort_order, created_at, updated_at"), items
    batches = []
    for pid in range(1, n_programs + 1):
        for year in (2023, 2024, 2025, 2026):
            name = f"{year}年秋季支教批次"
            batches.append((len(batches) + 1, pid, name, name_key(name), f"{year}-08-28",
                            "欢送会", 0, "", STAMP, STAMP))
    yield "dispatch_batches", ("id, program, name, name_key, sendoff_date, sendoff_event, "
                               "planned_count, note, created_at, updated_at"), batches

    n_assignments = scaled("assignments", scale)
    assignment_years = []  # (assignment id, school year) for the appraisals

    def assignment_rows():
        for aid in range(1, n_assignments + 1):
            p = pairings[int(rng.random() * len(pairings))]
            year = rng.choices((2023, 2024, 2025, 2026), (2, 4, 4, 1))[0]
            batch = (p[1] - 1) * 4 + (year - 2023) + 1
            start = f"{year}-09-01"
            end = f"{year + 1}-07-15"
            status = "completed" if year <= 2024 else ("active" if year == 2025 else "planned")
            withdrawn = None
            if status == "active" and rng.random() < 0.02:
                status, withdrawn = "withdrawn", f"{year}-12-01"
            if status in ("completed", "active"):
                assignment_years.append((aid, year))
            yield (aid, p[1], p[0], batch, pv.a_staff(rng, p[2]), p[2], p[3], start, end,
                   "," + rng.choice(SUBJECTS) + ",", rng.randint(8, 16), 0, "学校教师周转房",
                   "承担教学任务", 1 if rng.random() < 0.8 else 0, status, withdrawn,
                   "家庭原因" if withdrawn else "", "", None, "", STAMP, STAMP)
    yield "dispatch_assignments", ("id, program, pairing, batch, staff, sending_institution, "
                                   "recipient_institution, start_date, end_date, subjects, "
                                   "weekly_hours_recipient, weekly_hours_home, housing, duties, "
                                   "volunteered, status, withdrawn_on, withdraw_reason, "
                                   "override_reason, override_by, note, created_at, "
                                   "updated_at"), assignment_rows()
    yield "appraisals", ("id, assignment, year, stage, self_summary, self_by, self_at, rating, "
                         "recipient_comment, recipient_summary, recipient_by, recipient_at, "
                         "sender_opinion, sender_summary, sender_by, sender_at, office_comment, "
                         "office_by, office_at, created_at, updated_at"), (
        (k + 1, aid, year + 1, "approved" if year <= 2024 else "self", "认真履职", None, STAMP,
         rng.choices(RATINGS, (3, 6, 1, 0.2))[0] if year <= 2024 else None, "", "", None, None,
         "", "", None, None, "", None, None, STAMP, STAMP)
        for k, (aid, year) in enumerate(assignment_years))
    yield "appraisal_events", "id, appraisal, step, user_id, at, comment", (
        (k + 1, k + 1, "create", None, STAMP, "") for k in range(len(assignment_years)))

    def attachment_rows():
        for sid in range(1, scaled("attachment_studies", scale) + 1):
            p = pairings[int(rng.random() * len(pairings))]
            day = work_day(rng)
            named = rng.random() < 0.7
            days = rng.randint(5, 90)
            yield (sid, p[1], p[0], rng.choice(["attachment", "shadowing", "class_tracking",
                                                "training"]),
                   pv.a_staff(rng, p[3]) if named else None, 1 if named else rng.randint(2, 20),
                   p[3], p[2], DAYS[day], DAYS[min(LAST_DAY, day + days)], "", days,
                   "跟岗学习", "", STAMP, STAMP)
    yield "attachment_studies", ("id, program, pairing, kind, staff, headcount, home_institution, "
                                 "host_institution, start_date, end_date, schedule, days, "
                                 "purpose, outcome, created_at, updated_at"), attachment_rows()

    # ---- beneficiaries, household members, aid cases, cadences, records, outcomes ----
    n_beneficiaries = scaled("beneficiaries", scale)
    households = []

    def beneficiary_rows():
        for bid in range(1, n_beneficiaries + 1):
            household = rng.random() < 0.2
            name = person_name(rng)
            if household:
                households.append(bid)
                institution = rng.choice(pv.villages)
                birth = f"{rng.randint(1950, 1990)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                grade = ""
            else:
                institution = rng.choice(pv.schools)
                birth = f"{rng.randint(2008, 2019)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                grade = f"{rng.randint(1, 9)}年级"
            cats = rng.sample(CATEGORIES[:5], rng.randint(1, 2))
            causes = rng.sample(POVERTY_CAUSES, rng.randint(1, 2)) if household else []
            yield (bid, "household" if household else "student", name, name_key(name),
                   rng.choice(("male", "female")), birth, id_number(rng, birth), institution,
                   grade, "" if household else f"{rng.randint(1, 6)}班",
                   "," + ",".join(cats) + ",",
                   "" if household else person_name(rng), "" if household else "母亲", phone(rng),
                   "某村某组", "家庭困难", "," + ",".join(causes) + "," if causes else "",
                   rng.randrange(500_000, 3_000_000) if household else None, "", 0, STAMP, STAMP)
    yield "beneficiaries", ("id, kind, name, name_key, gender, birth_date, id_number, institution, "
                            "grade, class_name, categories, guardian_name, guardian_relation, "
                            "phone, address, family_situation, poverty_causes, "
                            "annual_income_fen, measures, archived, created_at, updated_at"), \
        beneficiary_rows()

    def member_rows():
        mid = 0
        for h in households:
            for relation in ("户主", "配偶", "子女"):
                mid += 1
                yield (mid, h, person_name(rng), relation, rng.choice(("male", "female")), None,
                       rng.choice(("full", "weak", "none")), rng.choice(("healthy", "chronic")),
                       "务农", "", STAMP, STAMP)
    yield "household_members", ("id, household, name, relation, gender, birth_date, "
                                "labour_capacity, health, occupation, note, created_at, "
                                "updated_at"), member_rows()

    # One case per beneficiary, helped by a staff member of a supporter paired with a school
    # (or a unit for households); records spread evenly: n_records / n_cases per case.
    n_records = scaled("aid_records", scale)
    per_case = max(1, n_records // n_beneficiaries)
    case_start = []

    def case_rows():
        for cid in range(1, n_beneficiaries + 1):
            p = pairings[int(rng.random() * len(pairings))]
            start = int(rng.random() * DAY_2024) + 200
            case_start.append(start)
            ended = rng.random() < 0.1
            if rng.random() < 0.9:
                kind, staff, helper, name = "staff", pv.a_staff(rng, p[2]), p[2], ""
            else:
                kind, staff, helper, name = "institution", None, p[2], ""
            yield (cid, cid, p[1], kind, staff, name, helper, DAYS[start],
                   DAYS[LAST_DAY - 100] if ended else None, "学业进步，心理健康",
                   "ended" if ended else "active",
                   None if ended else DAYS[min(LAST_DAY, DAY_2026 + rng.randrange(60))],
                   STAMP, STAMP)
    yield "aid_cases", ("id, beneficiary, program, helper_kind, helper_staff, helper_name, "
                        "helper_institution, start_date, end_date, goals, status, "
                        "next_due_date, created_at, updated_at"), case_rows()
    yield "aid_cadences", "id, aid_case, kind, every_count, every_unit, note", (
        (cid, cid, "home_visit" if cid % 3 else "phone_online", 1, "term" if cid % 3 else "month",
         "") for cid in range(1, n_beneficiaries + 1))

    def record_rows():
        rid = 0
        for cid in range(1, n_beneficiaries + 1):
            day = case_start[cid - 1]
            step = max(1, (LAST_DAY - day) // (per_case + 1))
            extra = 1 if cid <= n_records - per_case * n_beneficiaries else 0
            for _ in range(per_case + extra):
                rid += 1
                day = min(LAST_DAY, day + 1 + int(rng.random() * step * 1.5))
                kind = HELP_KINDS[bisect.bisect(HELP_CUMULATIVE, rng.random() * HELP_TOTAL)]
                yield (rid, cid, DAYS[day], kind, 30 + int(rng.random() * 90),
                       int(rng.random() * 500) * 100 if kind == "material_aid" else 0, None,
                       "", None, STAMP, STAMP)
    yield "aid_records", ("id, aid_case, record_date, kind, duration_minutes, amount_fen, "
                          "monthly_wage_fen, notes, recorded_by, created_at, updated_at"), \
        record_rows()
    yield "aid_outcomes", ("id, aid_case, recorded_on, note, grade_score, attendance_percent, "
                           "employed, monthly_wage_fen, created_at, updated_at"), (
        (k + 1, cid, "2025-07-01", "成绩有进步", str(60 + cid % 40), 90 + cid % 10, None, None,
         STAMP, STAMP) for k, cid in enumerate(range(1, n_beneficiaries + 1, 2)))

    def cohort_rows():
        for k in range(1, scaled("inbound_cohorts", scale) + 1):
            p = pairings[int(rng.random() * len(pairings))]
            host = rng.choice(pv.colleges) if pv.colleges else p[2]
            yield (k, p[1], host, pv.county_of[p[3]], rng.choice((2023, 2024, 2025)),
                   rng.choice(("senior", "vocational")), "一年级", "", rng.randint(5, 60),
                   rng.choice((0, 150_000, 300_000)), "", STAMP, STAMP)
    yield "inbound_cohorts", ("id, program, host_institution, origin_region, school_year, stage, "
                              "grade, major, student_count, fee_exemption_fen, note, created_at, "
                              "updated_at"), cohort_rows()
