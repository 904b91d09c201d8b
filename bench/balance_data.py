"""The balance index inputs of the benchmark province (issue 13): school_conditions rows.

Used by generate.py after the registry and the pairings. Two school years, 2024 (2024-2025) and
2025 (2025-2026), for every compulsory school (primary, junior, nine-year, complete middle: the
kinds core::balance::takes_part accepts):

- students consistent with the kind: a primary school has only primary students, a junior or
  complete middle school only junior students (a complete middle school's senior students are
  not counted), a nine-year school both (62 % primary); the registry's student_count in 2025,
  ±7 % in 2024. About 7 % of rural primary schools are teaching points of 8-49 students (left
  out of the CVs by the national method's 50-student rule);
- the seven inputs are the national standard (教督〔2017〕6号, the policy defaults of
  core/balance.hpp) times a factor per school, indicator and year, drawn from the county's
  profile, so that some counties pass and some fail, for different reasons:
    sound (35 %)      every school at or above every standard: passes both years;
    improving (20 %)  in 2024 a tenth of the schools (a third of the weak ones) miss one to three
                      standards, some below the 85 % floor; fixed in 2025: fails, then passes;
    uneven (20 %)     such schools in both years (others in 2025): fails both years on the
                      schools, with its CVs within the limits;
    wide (25 %)       log-normal spread (σ 0.5-0.75, a little narrower in 2025): fails on the
                      CVs and on schools;
- recipients of a pairing active in the 2025 school year grow 3-18 % from 2024 to 2025, the
  others -1.5-6 %, so the pairing effect (paired recipients against unpaired weak schools) shows;
- counts are rounded up (a school reports whole teachers and rooms), areas to 0.01 m², money to
  the fen;
- archived schools have the 2024 row only (closed before 2025: they still count in 2024); two
  counties have one school without a 2025 row (their 2025 verdict: incomplete).

Deterministic for a given generator; nothing else in the data set depends on these rows.
"""

import math

COLUMNS = ("institution, school_year, primary_students, junior_students, degree_teachers, "
           "backbone_teachers, pe_arts_teachers, room_area_centi, sports_area_centi, "
           "equipment_fen, multimedia_rooms, created_at, updated_at, updated_by, updated_by_name")

TAKING_PART = ("primary", "junior", "nine_year", "complete_middle")
YEARS = (2024, 2025)
JUNIOR_WEIGHT = 1.1  # core::balance::BalancePolicy::junior_weight

# The national standards (core/balance.hpp defaults), per stage, in the order of the inputs:
# degree, backbone, PE & arts teachers per 100 students; room, sports m² per student; equipment
# yuan per student; multimedia rooms per 100 students.
STANDARDS = {
    "primary": (4.2, 1.0, 0.9, 4.5, 7.5, 2000.0, 2.3),
    "junior": (5.3, 1.0, 0.9, 5.8, 10.2, 2500.0, 2.4),
}
PER_100 = (True, True, True, False, False, False, True)
PROFILES = (("sound", 35), ("improving", 20), ("uneven", 20), ("wide", 25))


def watch_pairings(rows, seen):
    """Passes the pairings rows through, noting (recipient, start_date, end_date) of each."""
    for r in rows:
        seen.append((r[3], r[4], r[5]))
        yield r


def paired_in(pairings, year):
    """Recipients of a pairing active at some time in the school year (as the store asks)."""
    first, last = f"{year}-09-01", f"{year + 1}-08-31"
    return {r for r, start, end in pairings if start <= last and (end is None or end >= first)}


def students_of(rng, kind, locality, registry_count):
    """(primary, junior) students in 2025."""
    n = max(60, registry_count)
    if kind == "primary":
        if locality == "rural" and rng.random() < 0.07:
            return rng.randint(8, 49), 0  # a teaching point (教学点)
        return n, 0
    if kind == "nine_year":
        p = round(n * 0.62)
        return p, n - p
    if kind == "complete_middle":
        return 0, max(60, round(n * 0.5))  # the senior half is not counted
    return 0, n


def base_amounts(primary, junior):
    """What the standards ask of a school of these students, per input (teachers and rooms in
    units, areas in m², equipment in yuan). A nine-year school's figures are split 1 : 1.1 by
    weighted students (core::balance::evaluate_school), so it needs enough for the stricter of
    the two stages after the split."""
    out = []
    for k in range(7):
        sp, sj = STANDARDS["primary"][k], STANDARDS["junior"][k]
        if junior == 0:
            need = primary * sp
        elif primary == 0:
            need = junior * sj
        else:
            need = (primary + JUNIOR_WEIGHT * junior) * max(sp, sj / JUNIOR_WEIGHT)
        out.append(need / 100 if PER_100[k] else need)
    return out


def sound_factor(rng):
    return 1.03 + abs(rng.gauss(0, 0.22))


def deficient(rng, factors):
    """One to three indicators of a school below their standard, some below the 85 % floor."""
    for k in rng.sample(range(7), rng.randint(1, 3)):
        factors[k] = rng.uniform(0.62, 0.97)


def rows(rng, region_rows, inst, pairings):
    counties = [r[0] for r in region_rows if r[2] == "county"]
    profile = {c: rng.choices([p for p, _ in PROFILES], [w for _, w in PROFILES])[0]
               for c in counties}
    spread = {c: rng.uniform(0.5, 0.75) for c in counties}
    incomplete = set(rng.sample(counties, 2))
    paired_2025 = paired_in(pairings, 2025)
    out = []
    left_out = set()  # counties that already lost one school's 2025 row
    for row in inst:
        iid, kind, locality, weak, region, count, archived = \
            row[0], row[3], row[4], row[5], row[6], row[10], row[14]
        if kind not in TAKING_PART:
            continue
        county = region[:6]
        p = profile[county]
        primary, junior = students_of(rng, kind, locality, count)
        grow = 1.0 + 0.06 * (rng.random() - 0.25)  # students 2024 -> 2025: -1.5 % .. +4.5 %
        students = {2025: (primary, junior),
                    2024: (round(primary / grow), round(junior / grow))}
        # Factors of 2024, then 2025.
        if p == "wide":
            f24 = [math.exp(rng.gauss(0.15, spread[county])) for _ in range(7)]
        else:
            f24 = [sound_factor(rng) for _ in range(7)]
            if p in ("improving", "uneven") and rng.random() < (0.35 if weak else 0.05):
                deficient(rng, f24)
        if iid in paired_2025:
            g = [rng.uniform(1.03, 1.18) for _ in range(7)]
        else:
            g = [rng.uniform(0.985, 1.06) for _ in range(7)]
        f25 = [a * b for a, b in zip(f24, g)]
        if p == "wide":  # a little narrower: pulled towards the county's middle
            f25 = [math.exp(0.92 * math.log(f) + 0.03) for f in f25]
        elif p == "improving":
            f25 = [max(f, sound_factor(rng)) if f < 1 else f for f in f25]
        elif p == "uneven":
            if min(f25) < 1 and rng.random() < 0.5:  # half of the weak schools fixed
                f25 = [max(f, sound_factor(rng)) if f < 1 else f for f in f25]
            elif min(f25) >= 1 and rng.random() < 0.03:  # and some others slip
                deficient(rng, f25)
        for year, factors in ((2024, f24), (2025, f25)):
            if year == 2025 and archived:
                continue  # closed before the 2025 school year
            if year == 2025 and county in incomplete and county not in left_out:
                left_out.add(county)
                continue
            pr, jr = students[year]
            base = base_amounts(pr, jr)
            v = [base[k] * factors[k] for k in range(7)]
            entered = f"{year}-10-{rng.randint(8, 31):02d}T0{rng.randint(1, 9)}:{rng.randint(10, 59)}:00Z"
            out.append((
                iid, year, pr, jr,
                math.ceil(v[0]), math.ceil(v[1]), math.ceil(v[2]),
                math.ceil(v[3] * 100), math.ceil(v[4] * 100), math.ceil(v[5] * 100),
                math.ceil(v[6]),
                entered, entered, None, "基准数据",
            ))
    return out
