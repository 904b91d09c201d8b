#!/usr/bin/env python3
"""Writes N beneficiary rows in the import template's columns (Chinese headers) to stdout, for
the bulk-import benchmark (import.sh; DESIGN.md §7: "1,000,000 beneficiary rows in under 20 s").
Every row is valid: a pupil of 五里镇湾头小学 (a demo school, so the rows import into a demo
database), a unique 18-digit ID number with a correct check digit (GB 11643; region prefix 99,
which no real county has), the date of birth the number encodes. Deterministic."""
import sys

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"


def id_number(i: int, birth: str) -> str:
    # 99 + a 4-digit serial block + yyyymmdd + a 3-digit serial: unique for i < 10,000,000.
    body = f"99{(i // 1000) % 10000:04d}{birth.replace('-', '')}{i % 1000:03d}"
    return body + CHECK[sum(int(d) * w for d, w in zip(body, WEIGHTS)) % 11]


def main() -> None:
    n = int(sys.argv[1])
    out = sys.stdout
    out.write("类别,姓名,性别,出生日期,身份证号,所在单位,年级,帮扶类别\n")
    for i in range(n):
        birth = f"{2010 + i % 6}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        gender = "男" if i % 2 else "女"
        out.write(f"学生,学生{i},{gender},{birth},{id_number(i, birth)},五里镇湾头小学,五年级,留守儿童\n")


if __name__ == "__main__":
    main()
