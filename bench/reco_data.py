#!/usr/bin/env python3
"""Dispatch needs and volunteers for the recommendations benchmark (issue 18), added to a
province data set made by generate.py --balance (SQLite, or a psql script for PostgreSQL):
one batch of the first program with N needs (default 5,000) of weak schools, each 1-3 teachers of
a subject the province's teachers teach, school year 2025-2026, and the volunteers: V teachers
(default 12,000) of schools that are not weak, most of them eligible under the seeds' policy.

    python3 bench/reco_data.py --sqlite bench/out/reco-province.db [--needs 5000] [--volunteers 12000]
    python3 bench/reco_data.py --sqlite ... --pg-sql out.sql   # the same rows as SQL for psql
Prints the batch id.
"""
import argparse
import random
import sqlite3
import sys

NOW = "2026-12-01T00:00:00Z"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sqlite", required=True, help="the generated province (read; written unless --pg-sql)")
    ap.add_argument("--pg-sql", help="write the rows as a psql script instead of into --sqlite")
    ap.add_argument("--needs", type=int, default=5000)
    ap.add_argument("--volunteers", type=int, default=12000)
    ap.add_argument("--seed", type=int, default=18)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    db = sqlite3.connect(a.sqlite)
    program = db.execute("SELECT MIN(id) FROM programs").fetchone()[0]
    batch = (db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM dispatch_batches").fetchone()[0])
    weak = [r[0] for r in db.execute(
        "SELECT id FROM institutions WHERE weak = 1 AND archived = 0 AND kind IN "
        "('primary', 'junior', 'nine_year', 'complete_middle', 'senior') ORDER BY id")]
    teachers = db.execute(
        "SELECT s.id, s.subjects FROM staff s JOIN institutions i ON i.id = s.institution "
        "WHERE i.weak = 0 AND s.archived = 0 AND s.role = 'teacher' AND s.subjects <> '' "
        "AND i.kind IN ('primary', 'junior', 'nine_year', 'complete_middle', 'senior')").fetchall()
    subjects = sorted({t[1].strip(",").split(",")[0] for t in teachers})
    needs = []
    for k in range(a.needs):
        needs.append((k + 1, batch, rng.choice(weak), rng.choice(subjects), rng.randint(1, 3), 2025))
    volunteers = sorted(t[0] for t in rng.sample(teachers, min(a.volunteers, len(teachers))))
    rows = {
        "dispatch_batches": (["id", "program", "name", "name_key", "sendoff_date", "planned_count",
                              "created_at", "updated_at"],
                             [(batch, program, "基准支教批次", "jizhunzhijiaopici", "2025-09-01",
                               sum(n[4] for n in needs), NOW, NOW)]),
        "dispatch_needs": (["id", "batch", "recipient", "subject", "number", "school_year",
                            "created_at", "updated_at"],
                           [n + (NOW, NOW) for n in needs]),
        "dispatch_volunteers": (["batch", "staff", "created_at"],
                                [(batch, v, NOW) for v in volunteers]),
    }
    if a.pg_sql:
        with open(a.pg_sql, "w") as f:
            f.write("BEGIN;\n")
            for table, (cols, values) in rows.items():
                f.write(f"COPY {table} ({', '.join(cols)}) FROM stdin;\n")
                for v in values:
                    f.write("\t".join(str(x) for x in v) + "\n")
                f.write("\\.\n")
            f.write("SELECT setval(pg_get_serial_sequence('dispatch_needs', 'id'), "
                    "(SELECT MAX(id) FROM dispatch_needs));\n")
            f.write("SELECT setval(pg_get_serial_sequence('dispatch_batches', 'id'), "
                    "(SELECT MAX(id) FROM dispatch_batches));\nCOMMIT;\n")
    else:
        # Needs get ids after the rows already there.
        base = db.execute("SELECT COALESCE(MAX(id), 0) FROM dispatch_needs").fetchone()[0]
        cols, values = rows["dispatch_needs"]
        rows["dispatch_needs"] = (cols, [(v[0] + base,) + v[1:] for v in values])
        for table, (cols, values) in rows.items():
            db.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES "
                           f"({', '.join('?' * len(cols))})", values)
        db.commit()
    print(batch)
    print(f"reco_data: batch {batch}: {len(needs)} needs ({sum(n[4] for n in needs)} teachers), "
          f"{len(volunteers)} volunteers of {len(teachers)} teachers", file=sys.stderr)


if __name__ == "__main__":
    main()
