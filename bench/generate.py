#!/usr/bin/env python3
"""Generates a province-sized registry for the benchmarks (DESIGN.md section 7).

One province, 10 cities, 100 counties, ~1,500 townships, 20,000 institutions and 400,000 staff,
deterministic for a given --seed. The rows follow the schema of src/store/migrations.cpp
(migration 1) and the enum values of src/core/dictionary.cpp.

Two outputs, standard library only:

  generate.py --sqlite bench/out/province.db
      fills a database made by `bangfu init --db sqlite:bench/out/province.db` (one transaction).
  generate.py --pg-sql bench/out/province.sql
      writes COPY blocks for `psql -v ON_ERROR_STOP=1 -f`, into a database made by `bangfu init`.

Balance index (issue 13): the full data set ends with school_conditions, two school years (2024
and 2025) of inputs for every compulsory school (balance_data.py); --balance writes the registry,
the programs and pairings (for the pairing effect) and those inputs only; --balance-mix changes
the kinds of institutions so that about 18,000 of the 20,000 are compulsory schools (the figure of
issue 13's benchmark; the default mix has about 11,700), which makes a registry of its own.

name_key: the application stores a hex ICU zh collation key (core::collation_key). Python's
standard library has no ICU, so here name_key is the hex of the name's UTF-8 bytes: the same
kind of value (a hex string compared bytewise), sorted in code point order instead of pinyin
order. Listing cost is the same; the order of the rows differs from the real one.
"""

import argparse
import itertools
import os
import random
import resource
import sqlite3
import sys
import time

import balance_data
import work_data

N_CITIES = 10
COUNTIES_PER_CITY = 10
N_INSTITUTIONS = 20_000  # the §7 sizes at --scale 1; main() scales them
N_STAFF = 400_000

PROVINCE = ("990000", "基准省")  # 99: not a real province prefix, so never confused with real data

PLACE_CHARS = (
    "安平清河石桥龙泉兴华永宁长乐新丰东西南北白云青山金沙凤凰红岩黄梅桃源柳溪松林马场高坡"
    "花大方阳凯里都匀盘江赤水仁怀湄潭余庆正道务川习福泉瓮开望谟贞丰普定镇宁紫云关岭册亨"
    "榕江从施秉三穗天柱锦屏剑台雷麻荔波独罗甸惠水长顺思印德铜碧松桃岑巩黎平丹寨纳雍赫章"
    "织威宁黔修文息烽清镇观花溪乌当白云桐梓凤冈道真绥阳水城盘州六枝兴义安龙晴隆"
)
TOWNSHIP_SUFFIX = ("镇", "镇", "镇", "乡", "街道")
STREET_CHARS = "人民解放建设中山和平文化胜利朝阳新华团结光明幸福振兴育才"

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚"
    "邵万钱严覃武戴莫孔向汤"
)
GIVEN_CHARS = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉力永健世广志义兴良海山仁波"
    "宁贵福生龙元全胜学祥才发成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功"
    "松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建"
    "家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘婷雪琳晶妍茜秋珊莎锦黛青倩婉娴瑾颖露瑶怡婵雁蓓纨仪"
)
NUMERALS = "一二三四五六七八九十"

KIND_WEIGHTS = [  # kind, share of institutions, staff weight, level ("county" or "township")
    ("primary", 40, 25, "township"),
    ("kindergarten", 24, 12, "township"),
    ("junior", 12, 55, "township"),
    ("nine_year", 5, 45, "township"),
    ("village", 5, 3, "township"),
    ("hospital", 4, 60, "township"),
    ("senior", 4, 130, "county"),
    ("complete_middle", 2, 110, "county"),
    ("vocational", 2, 80, "county"),
]
# --balance-mix: the same kinds, 90 % of them compulsory schools (primary, junior, nine-year,
# complete middle), so the province has the ~18,000 schools with inputs of issue 13's benchmark.
BALANCE_MIX_SHARES = {"primary": 58, "kindergarten": 4, "junior": 19, "nine_year": 9,
                      "village": 2, "hospital": 1, "senior": 2, "complete_middle": 4,
                      "vocational": 1}
KIND_SUFFIX = {
    "primary": "小学", "kindergarten": "幼儿园", "junior": "中学", "nine_year": "九年一贯制学校",
    "village": "村", "hospital": "卫生院", "senior": "高级中学", "complete_middle": "完全中学",
    "vocational": "职业技术学校", "university": "学院", "bureau": "教育局",
}
PRIMARY_SUBJECTS = ["chinese", "math", "english", "science", "music", "art", "pe", "it", "politics"]
SECONDARY_SUBJECTS = PRIMARY_SUBJECTS + ["physics", "chemistry", "biology", "history", "geography",
                                         "psychology"]


def chinese_number(n):
    """1..99 as Chinese numerals (十一, 二十三); larger numbers as digits."""
    if n > 99:
        return str(n)
    tens, ones = divmod(n, 10)
    s = ""
    if tens:
        s = ("" if tens == 1 else NUMERALS[tens - 1]) + "十"
    if ones:
        s += NUMERALS[ones - 1]
    return s


def name_key(name):
    return name.encode("utf-8").hex()


def timestamp(rng):
    """A random UTC time in 2024-2025 in the store's format (store::now_utc)."""
    t = 1704067200 + rng.randrange(0, 2 * 365 * 86400)
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t)), t


def later(rng, t):
    u = min(t + rng.randrange(0, 200 * 86400), 1767139200)
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(u))


def phone(rng):
    return "1" + rng.choice("35789") + "".join(rng.choice("0123456789") for _ in range(9))


def place_name(rng, used):
    while True:
        n = rng.choice(PLACE_CHARS) + rng.choice(PLACE_CHARS)
        if n[0] != n[1] and n not in used:
            used.add(n)
            return n


def person_name(rng):
    given = rng.choice(GIVEN_CHARS)
    if rng.random() < 0.7:
        given += rng.choice(GIVEN_CHARS)
    return rng.choice(SURNAMES) + given


# ---- rows ---------------------------------------------------------------------------------------

def regions(rng):
    """(code, name, level, parent, path, created_at), parents first."""
    stamp = "2024-01-01T00:00:00Z"
    out = []
    pcode, pname = PROVINCE
    ppath = "/" + pcode + "/"
    out.append((pcode, pname, "province", None, ppath, stamp))
    used = set()
    counties = []
    for c in range(1, N_CITIES + 1):
        ccode = pcode[:2] + f"{c:02d}00"
        cpath = ppath + ccode + "/"
        out.append((ccode, place_name(rng, used) + "市", "city", pcode, cpath, stamp))
        for k in range(1, COUNTIES_PER_CITY + 1):
            kcode = ccode[:4] + f"{k + 20:02d}"
            kpath = cpath + kcode + "/"
            kname = place_name(rng, used) + ("区" if k <= 2 else "县")
            out.append((kcode, kname, "county", ccode, kpath, stamp))
            townships = []
            for t in range(rng.randint(12, 18)):
                suffix = rng.choice(TOWNSHIP_SUFFIX)
                base = {"街道": 1, "镇": 100, "乡": 200}[suffix]
                tcode = kcode + f"{base + t:03d}"
                tname = place_name(rng, used) + suffix
                out.append((tcode, tname, "township", kcode, kpath + tcode + "/", stamp))
                townships.append((tcode, tname))
            counties.append((kcode, townships))
    return out, counties


def institutions(rng, region_rows, counties):
    """Institution rows in id order, and the number of staff of each."""
    names_by_code = {r[0]: r[1] for r in region_rows}
    rows = []
    staff_weight = []
    taken = {}  # (region, base name) -> count, for 第一/第二… numbering

    def add(region, kind, weight, base=None):
        rname = names_by_code[region]
        short = rname[:-2] if rname.endswith("街道") else rname[:-1]
        base = base or (short + KIND_SUFFIX[kind])
        n = taken.get((region, base), 0) + 1
        taken[(region, base)] = n
        if kind == "village":
            name = short + chinese_number(n) + "村"
        elif n == 1 and kind in ("bureau", "hospital", "university"):
            name = base
        else:
            name = short + "第" + chinese_number(n) + KIND_SUFFIX[kind]
        rows.append((region, name, kind))
        staff_weight.append(weight * rng.uniform(0.6, 1.4))

    add(PROVINCE[0], "bureau", 60, PROVINCE[1] + "教育厅")
    cities = [r for r in region_rows if r[2] == "city"]
    for c in cities:
        add(c[0], "bureau", 40)
        add(c[0], "university", 400, c[1][:-1] + "师范学院")
        add(c[0], "university", 300, c[1][:-1] + "职业技术学院")
    for kcode, _ in counties:
        add(kcode, "bureau", 30)
    kinds = [k for k, *_ in KIND_WEIGHTS]
    shares = [BALANCE_MIX_SHARES[k] if BALANCE_MIX else s for k, s, _, _ in KIND_WEIGHTS]
    meta = {k: (w, level) for k, _, w, level in KIND_WEIGHTS}
    i = 0
    while len(rows) < N_INSTITUTIONS:
        kcode, townships = counties[i % len(counties)]
        i += 1
        kind = rng.choices(kinds, shares)[0]
        weight, level = meta[kind]
        region = kcode if level == "county" else rng.choice(townships)[0]
        add(region, kind, weight)
    # Scale the weights to exactly N_STAFF people (every institution has at least one).
    total = sum(staff_weight)
    counts = [max(1, int(w * N_STAFF / total)) for w in staff_weight]
    diff = N_STAFF - sum(counts)
    j = 0
    while diff != 0:
        k = j % len(counts)
        if diff > 0:
            counts[k] += 1
            diff -= 1
        elif counts[k] > 1:
            counts[k] -= 1
            diff += 1
        j += 1

    out = []
    for iid, ((region, name, kind), staff_count) in enumerate(zip(rows, counts), start=1):
        created, t = timestamp(rng)
        rname = names_by_code[region]
        address = rname + rng.choice(STREET_CHARS) + rng.choice(STREET_CHARS) + "路" + \
            str(rng.randint(1, 300)) + "号"
        # County-, city- and province-level institutions sit in town centres.
        locality = "urban" if len(region) == 6 else rng.choices(["town", "rural"], [2, 3])[0]
        students = 0
        if kind not in ("hospital", "village", "bureau"):
            students = staff_count * rng.randint(10, 18)
        out.append((
            iid, name, name_key(name), kind, locality,
            1 if (locality == "rural" and rng.random() < 0.35) else 0,
            region, address,
            round(rng.uniform(24.6, 29.2), 6), round(rng.uniform(103.6, 109.5), 6),
            students, staff_count, person_name(rng), phone(rng),
            1 if rng.random() < 0.01 else 0,  # archived
            created, later(rng, t),
        ))
    return out


def staff(rng, institution_rows):
    sid = 0
    for inst in institution_rows:
        iid, kind, count = inst[0], inst[3], inst[11]
        for n in range(count):
            sid += 1
            name = person_name(rng)
            subjects = ""
            if kind == "bureau":
                role = "cadre"
            elif kind == "hospital":
                role = "principal" if n == 0 else rng.choices(["medical", "other"], [9, 1])[0]
                if role == "medical":
                    subjects = ",medicine,"
            elif kind == "village":
                role = rng.choice(["cadre", "other"])
            else:
                role = "principal" if n == 0 else rng.choices(["teacher", "cadre", "other"],
                                                             [88, 6, 6])[0]
                if role in ("teacher", "principal"):
                    if kind == "kindergarten":
                        subjects = ",preschool,"
                    else:
                        pool = PRIMARY_SUBJECTS if kind == "primary" else SECONDARY_SUBJECTS
                        picked = rng.sample(pool, 1 if rng.random() < 0.75 else 2)
                        subjects = "," + ",".join(picked) + ","
            years = rng.randint(0, 38)
            birth_year = 2025 - 22 - years - rng.randint(0, 5)
            birth = None if rng.random() < 0.03 else \
                f"{birth_year:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            created, t = timestamp(rng)
            yield (
                sid, name, name_key(name), rng.choice(("male", "female")), iid, role, subjects,
                rng.choices(["none", "junior", "intermediate", "senior", "full_senior"],
                            [10, 35, 35, 18, 2])[0],
                rng.choices(["none", "county", "city", "province"], [80, 12, 6, 2])[0],
                years, birth, rng.choices(["good", "fair", "poor"], [90, 8, 2])[0], phone(rng),
                1 if rng.random() < 0.01 else 0, created, later(rng, t),
            )


REGION_COLS = "code, name, name_key, level, parent, path, created_at, updated_at"
INSTITUTION_COLS = ("id, name, name_key, kind, locality, weak, region, address, latitude, "
                    "longitude, student_count, staff_count, contact_name, contact_phone, archived, "
                    "created_at, updated_at")
STAFF_COLS = ("id, name, name_key, gender, institution, role, subjects, title, backbone, "
              "years_teaching, birth_date, health, phone, archived, created_at, updated_at")


def region_tuples(region_rows):
    return [(c, n, name_key(n), lv, p, path, s, s) for c, n, lv, p, path, s in region_rows]


# ---- sinks --------------------------------------------------------------------------------------

def all_tables(rng, scale):
    """(table, columns, rows) for every table, parents first; rows may be lazy iterators."""
    region_rows, counties = regions(rng)
    inst = institutions(rng, region_rows, counties)
    yield "regions", REGION_COLS, region_tuples(region_rows)
    yield "institutions", INSTITUTION_COLS, inst
    yield "staff", STAFF_COLS, staff(rng, inst)
    if REGISTRY_ONLY:
        return
    # The work rows draw from their own generator, so the registry stays the same as before.
    work_seed = rng.random()
    work_rng = random.Random(work_seed)
    # The balance inputs draw from one of their own too, so adding them changes no row of the
    # other tables.
    balance_rng = random.Random(f"balance-{work_seed}")
    pairings = []  # (recipient, start_date, end_date) of every pairing, seen as it streams by
    for table, cols, rows in work_data.tables(work_rng, region_rows, inst, scale, name_key,
                                              person_name, phone):
        if table == "pairings":
            rows = balance_data.watch_pairings(rows, pairings)
        yield table, cols, rows
        if BALANCE_ONLY and table == "pairing_dimensions":
            break  # the rest of the work tables are not read by the balance index
    yield ("school_conditions", balance_data.COLUMNS,
           balance_data.rows(balance_rng, region_rows, inst, pairings))


def report(table, n, started, log):
    if log:
        print(f"  {table}: {n:,} rows, {time.monotonic() - started:.1f} s, "
              f"max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB",
              file=sys.stderr, flush=True)


REGISTRY_ONLY = False
BALANCE_ONLY = False  # --balance: registry, programs and pairings, school_conditions
BALANCE_MIX = False  # --balance-mix: BALANCE_MIX_SHARES instead of KIND_WEIGHTS' shares
BATCH = 50_000  # rows per transaction: a crash costs little, memory stays bounded


def fill_sqlite(path, rng, scale, log=True):
    if not os.path.exists(path):
        sys.exit(f"{path} does not exist: create it with `bangfu init --db sqlite:{path}`")
    db = sqlite3.connect(path, isolation_level=None)
    if db.execute("SELECT COUNT(*) FROM institutions").fetchone()[0]:
        sys.exit(f"{path} already has institutions: start from a fresh `bangfu init`")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA synchronous = OFF")  # a generated file: no durability needed while loading
    db.execute("PRAGMA cache_size = -400000")
    counts = {}
    started = time.monotonic()
    for table, cols, rows in all_tables(rng, scale):
        sql = f"INSERT INTO {table} ({cols}) VALUES ({','.join('?' * (cols.count(',') + 1))})"
        it = iter(rows)
        n = 0
        while True:
            chunk = list(itertools.islice(it, BATCH))
            if not chunk:
                break
            db.execute("BEGIN IMMEDIATE")
            db.executemany(sql, chunk)
            db.execute("COMMIT")
            n += len(chunk)
        counts[table] = n
        report(table, n, started, log)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return counts


def copy_value(v):
    if v is None:
        return r"\N"
    s = str(v)
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def write_pg_sql(path, rng, scale, log=True):
    counts = {}
    started = time.monotonic()
    with open(path, "w", encoding="utf-8") as f:
        f.write("BEGIN;\n")
        for table, cols, rows in all_tables(rng, scale):
            f.write(f"COPY {table} ({cols}) FROM stdin;\n")
            n = 0
            for r in rows:
                f.write("\t".join(copy_value(v) for v in r) + "\n")
                n += 1
            f.write("\\.\n")
            counts[table] = n
            report(table, n, started, log)
            if cols.startswith("id,") and n:
                f.write(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT MAX(id) FROM {table}));\n")
        f.write("COMMIT;\nANALYZE;\n")
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    out = ap.add_mutually_exclusive_group(required=True)
    out.add_argument("--sqlite", metavar="PATH", help="fill this database (made by bangfu init)")
    out.add_argument("--pg-sql", metavar="PATH", help="write a psql script with COPY blocks")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--scale", type=float, default=1.0,
                    help="fraction of the DESIGN.md §7 sizes (regions stay whole), e.g. 0.01")
    what = ap.add_mutually_exclusive_group()
    what.add_argument("--registry-only", action="store_true",
                      help="only regions, institutions and staff (the HTTP benchmark's data set)")
    what.add_argument("--balance", action="store_true",
                      help="the registry, programs, pairings and two school years of "
                           "school_conditions (the balance benchmark's data set)")
    ap.add_argument("--balance-mix", action="store_true",
                    help="90 %% of institutions compulsory schools (~18,000 at scale 1, issue 13) "
                         "instead of ~59 %%: a different registry")
    a = ap.parse_args()
    global N_INSTITUTIONS, N_STAFF
    N_INSTITUTIONS = max(200, round(N_INSTITUTIONS * a.scale))
    N_STAFF = max(N_INSTITUTIONS * 5, round(N_STAFF * a.scale))
    global REGISTRY_ONLY, BALANCE_ONLY, BALANCE_MIX
    REGISTRY_ONLY = a.registry_only
    BALANCE_ONLY = a.balance
    BALANCE_MIX = a.balance_mix
    rng = random.Random(a.seed)
    started = time.monotonic()
    counts = fill_sqlite(a.sqlite, rng, a.scale) if a.sqlite else \
        write_pg_sql(a.pg_sql, rng, a.scale)
    print(f"generated {sum(counts.values()):,} rows in {len(counts)} tables "
          f"in {time.monotonic() - started:.1f} s "
          f"(max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
