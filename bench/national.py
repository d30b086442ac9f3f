"""The store at national size, read by other engines: times each engine running the views of
views/ (whole process against whole process, as an analyst would run them), and cchc computing
the same figures, on a store of the 34 provinces of the 2025 map that `cchc-datagen national`
writes (about ten million survey answers, five years of procedure statistics).

Usage: python3 bench/national.py STORE CCHC_BIN
(make the store: cchc-datagen national DIR 14000; cchc --store STORE import DIR/*.xlsx
datasets/scorecard_*.xlsx)
"""

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VIEWS = ["survey_index_overall", "survey_index_by_element", "procedure_stats_by_unit"]


def timed(cmd):
    start = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True)
    took = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit(f"{cmd[:3]} failed: {out.stderr[-2000:]}")
    return took, out.stdout


def main():
    store, cchc = sys.argv[1], sys.argv[2]
    manifest = json.loads((Path(store) / "manifest.json").read_text(encoding="utf-8"))
    rows = {}
    for source in manifest["sources"]:
        for part in source["parts"]:
            rows[part["table"]] = rows.get(part["table"], 0) + part["rows"]
    print(f"store: {json.dumps(rows)}")
    results = {}
    for engine in ["duckdb", "datafusion", "spark"]:
        took, out = timed(["python3", str(ROOT / "tests/engines/views.py"), engine, store, *VIEWS])
        counts = [len(v) for v in json.loads(out)]
        results[engine] = (took, counts)
        print(f"{engine:<11} {took:6.1f} s  rows per view {counts}")
    total = 0.0
    for args in (["survey", "index"], ["survey", "index", "--by", "element"], ["procedures", "stats", "--by", "unit"]):
        took, _ = timed([cchc, "--store", store, *args, "--format", "json"])
        total += took
    print(f"{'cchc':<11} {total:6.1f} s  (the same three tables, three commands)")


if __name__ == "__main__":
    main()
