#!/usr/bin/env python3
"""Runs the oracle over every messy fixture (and the real cafe export) into OUT/<name>/, then
checks the counts add up. Usage: python3 tests/oracle/run_fixtures.py OUT_DIR"""

from __future__ import annotations

import csv
import glob
import os
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MESSY = os.path.join(ROOT, "tests", "fixtures", "messy")
CAFE = os.path.join(os.path.dirname(ROOT), "shared", "realdata", "dirty_cafe_sales.csv")
CAFE_ARGS = [
    "--map", "order_id=Transaction ID", "--map", "product_name=Item", "--map", "unit_price=Price Per Unit",
    "--map", "region=Location", "--map", "sale_date=Transaction Date", "--set", "category=Cafe",
    "--null-tokens", "NA,N/A,null,none,nan,-,ERROR,UNKNOWN", "--reference-date", "2024-06-30",
]


def jobs():
    for path in sorted(glob.glob(os.path.join(MESSY, "*.csv"))):
        with open(os.path.splitext(path)[0] + ".args", encoding="utf-8") as f:
            args = shlex.split(f.read())
        yield os.path.basename(path)[:-4], path, os.path.join(MESSY, "lookups.json"), args
    if os.path.exists(CAFE):
        yield "dirty_cafe_sales", CAFE, os.path.join(MESSY, "cafe_lookups.json"), CAFE_ARGS


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def check(out: str) -> list[str]:
    q = {m: v for m, v in read(os.path.join(out, "quality_report.csv"))[1:]}
    problems = []
    n_read, n_acc, n_rej = int(q["rows_read"]), int(q["rows_accepted"]), int(q["rows_rejected"])
    if n_read != n_acc + n_rej:
        problems.append("rows_read != accepted + rejected")
    if sum(int(v) for m, v in q.items() if m.startswith("rejected.")) != n_rej:
        problems.append("sum of rejected.* != rows_rejected")
    if len(read(os.path.join(out, "cleaned_rows.csv"))) - 1 != n_acc:
        problems.append("cleaned_rows count")
    if len(read(os.path.join(out, "rejected_rows.csv"))) - 1 != n_rej:
        problems.append("rejected_rows count")
    monthly = read(os.path.join(out, "monthly_sales.csv"))[1:]
    if sum(int(r[1]) for r in monthly) != n_acc:
        problems.append("monthly orders")
    return problems


def main() -> int:
    out_root = sys.argv[1] if len(sys.argv) > 1 else "oracle-out"
    bad = 0
    for name, path, lookups, args in jobs():
        out = os.path.join(out_root, name)
        cmd = [sys.executable, os.path.join(HERE, "oracle.py"), path, "--out", out, "--lookups", lookups] + args
        res = subprocess.run(cmd, capture_output=True, text=True)
        if res.returncode != 0:
            print(f"{name}: oracle failed: {res.stderr.strip()}")
            bad += 1
            continue
        problems = check(out)
        bad += bool(problems)
        print(f"{name}: {res.stderr.strip().splitlines()[-1]} {'; '.join(problems) or 'counts add up'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
