#!/usr/bin/env python3
"""Self-test of scope_check.py: on the fixture (scope_check_fixtures/) it must fail, naming
exactly the one unscoped read the fixture's registry does not list.

    scope_check_selftest.py <scope_check.py> <fixture dir>
"""

import subprocess
import sys
from pathlib import Path

script, fixtures = Path(sys.argv[1]), Path(sys.argv[2])
run = subprocess.run(
    [sys.executable, str(script), str(fixtures), str(fixtures / "unscoped_reads.txt")],
    capture_output=True,
    text=True,
)
print(run.stdout + run.stderr)
named = [line.strip() for line in run.stderr.splitlines() if "without the actor's scope" in line]
problems = []
if run.returncode != 1:
    problems.append(f"exit status {run.returncode}, expected 1")
if len(named) != 1 or not named[0].endswith("leaky_get reads widgets without the actor's scope"):
    problems.append(f"expected exactly one unlisted read, leaky_get of widgets; got {named}")
if "no longer true" in run.stderr:
    problems.append("the fixture's registry line (find) was reported as stale")
if "1 scoped, 2 unscoped reads (1 listed" not in run.stdout:
    problems.append("expected 1 scoped and 2 unscoped reads (1 listed) in the summary")
for p in problems:
    print("scope_check_selftest: " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
