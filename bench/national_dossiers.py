#!/usr/bin/env python3
"""Dossier logs at national size (issue 30): the 34 provinces' logs of one year, written by
`cchc-datagen national-logs`, through `cchc import dossiers` and `cchc dossiers stats`, beside
DuckDB, DataFusion and Spark (local[2]) running the portable view `dossier_stats` that `cchc views
ENGINE` writes for the same store — whole process against whole process, wall time and peak
resident memory of the process tree (sampled from /proc: PySpark's JVM is a child of Python),
and every figure of every row compared with cchc's.

Rewrites the "Dossier logs at national scale" section of BENCHMARKS.md between its markers.

Usage: python3 bench/national_dossiers.py [--rows 20000000] [--work DIR] [--spark-memory 12g]
(release binaries: cargo build --release -p cchc-cli -p cchc-datagen)
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import CCHC, DATAGEN, ROOT, measure_tree as measure, replace_section, version  # noqa: E402

START, END = "<!-- national-dossiers:start -->", "<!-- national-dossiers:end -->"
VIEWS = os.path.join(ROOT, "tests", "engines", "views.py")
FIGURES = ["received", "received_online", "received_direct", "received_postal", "carried_over",
           "resolved", "resolved_early", "resolved_on_time", "resolved_late", "pending_in_time",
           "pending_overdue", "legal_days", "actual_days", "median_days", "p90_days", "max_days",
           "over_limit_share"]


DUCKDB_READ = """
import sys, duckdb
con = duckdb.connect()
con.execute("CREATE TABLE log AS SELECT * FROM read_csv(?, delim=';', header=true)", [sys.argv[1:]])
print(con.execute("SELECT count(*) FROM log").fetchone()[0])
"""


def differing(ours, theirs):
    """Figures that differ between cchc's rows and an engine's, and rows on one side only."""
    key = lambda r: (r["unit"], r["field"], r["code"], r["name"], int(r.get("year") or r["period"]))
    a, b = {key(r): r for r in ours}, {key(r): r for r in theirs}
    diffs = len(set(a) ^ set(b))
    for k in set(a) & set(b):
        for f in FIGURES:
            x, y = a[k][f], b[k][f]
            if (x is None) != (y is None) or (x is not None and abs(x - y) > 1e-9 * max(1, abs(x))):
                diffs += 1
    return diffs


def reading(results, rows):
    """What the figures say: the import against the reader, and where this machine's memory stops
    each tool that holds the log in memory (memory per dossier as measured, linear)."""
    with open("/proc/meminfo") as f:
        total = int(next(line for line in f if line.startswith("MemTotal")).split()[1]) / 1024
    by = {name: (t, m) for name, t, m, _ in results}
    read = next(v for k, v in by.items() if "read_csv" in k)
    imp = next(v for k, v in by.items() if "import" in k)
    lines = [
        f"The import takes {imp[0] / read[0]:.2f}× the time of DuckDB's reader on the same files "
        f"(34 files, read two at a time) in {imp[1] / read[1]:.2f}× its memory: it streams, so its "
        "memory does not grow with the log.",
        "",
        f"Where this machine ({total / 1024:.0f} GiB) stops, from memory per dossier as measured "
        "(linear):",
        "",
    ]
    for name, (t, m) in by.items():
        if "import" in name or "read_csv" in name or "Spark" in name:
            continue
        per_million = m / (rows / 1e6)
        lines.append(f"- {name}: {per_million:,.0f} MiB per million dossiers, about "
                     f"{total / per_million:,.0f} million dossiers in memory.")
    lines.append("- Spark spills to disk and is not bound by memory here; on a cluster its "
                 "executors share the work (`spark/cchc_views.py`).")
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=20_000_000)
    ap.add_argument("--year", type=int, default=2025)
    ap.add_argument("--work", default=None)
    ap.add_argument("--spark-memory", default="12g")
    ap.add_argument("--out", default=os.path.join(ROOT, "BENCHMARKS.md"))
    args = ap.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="cchc-national-logs-")
    data, store = os.path.join(work, "logs"), os.path.join(work, "store")
    shutil.rmtree(data, ignore_errors=True)
    shutil.rmtree(store, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([DATAGEN, "national-logs", data, str(args.rows), str(args.year)], check=True,
                   capture_output=True)
    generated = time.perf_counter() - start
    logs = sorted(os.path.join(data, f) for f in os.listdir(data) if f.endswith(".csv"))
    registries = sorted(os.path.join(data, f) for f in os.listdir(data) if f.endswith(".xlsx"))
    csv_gb = sum(os.path.getsize(f) for f in logs) / 1e9
    print(f"{len(logs)} logs, {csv_gb:.1f} GB of CSV, written in {generated:.0f} s", flush=True)
    subprocess.run([CCHC, "--store", store, "import", "-q", *registries], check=True,
                   capture_output=True)
    results = []
    t, m, out = measure([sys.executable, "-c", DUCKDB_READ, *logs])
    results.append((f"DuckDB {version('duckdb')} `read_csv` of the 34 files (the reader's pace)", t,
                    m, None))
    print(f"duckdb read_csv {t:.1f} s {m:.0f} MiB, {out.strip()} rows", flush=True)
    t, m, _ = measure([CCHC, "--store", store, "import", "dossiers", "-q", *logs])
    results.append(("`cchc import dossiers` (34 files)", t, m, None))
    print(f"import {t:.1f} s {m:.0f} MiB", flush=True)
    parquet_gb = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(store)
                     for f in fs if f.endswith(".parquet")) / 1e9
    t, m, out = measure([CCHC, "--store", store, "--map", "reported", "dossiers", "stats",
                         "--format", "json", "-q"])
    ours = json.loads(out)
    received = sum(r["received"] for r in ours)
    results.append(("`cchc dossiers stats`", t, m, None))
    print(f"stats {t:.1f} s {m:.0f} MiB, {len(ours)} rows, {received:,} received", flush=True)
    env = dict(os.environ, CCHC_BIN=CCHC, CCHC_SPARK_DRIVER_MEMORY=args.spark_memory)
    for engine, label in [("duckdb", f"DuckDB {version('duckdb')}"),
                          ("datafusion", f"DataFusion {version('datafusion')}"),
                          ("spark", f"Spark {version('pyspark')} local[2], {args.spark_memory} heap")]:
        t, m, out = measure([sys.executable, VIEWS, engine, store, "dossier_stats"], env=env)
        theirs = json.loads(out)[0]
        d = differing(ours, theirs)
        results.append((f"{label}: the view `dossier_stats`", t, m, (len(theirs), d)))
        print(f"{engine} {t:.1f} s {m:.0f} MiB, {len(theirs)} rows, {d} differ", flush=True)
    sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                         text=True).stdout.strip()
    rows = []
    for name, t, m, agree in results:
        note = "" if agree is None else f"{agree[0]} rows, {agree[1]} figures differ"
        rows.append(f"| {name} | {t:,.1f} | {m:,.0f} | {note} |")
    section = [
        START,
        "## Dossier logs at national scale (issue 30)",
        "",
        f"The 34 provinces' dossier logs of {args.year}: {args.rows:,} dossiers in {len(logs)} CSV",
        f"files ({csv_gb:.1f} GB; `cchc-datagen national-logs DIR {args.rows}`), each province's",
        "registry imported first. `python3 bench/national_dossiers.py` on this machine (2 cores, 24",
        f"GiB), cchc {sha} (release). Whole processes, one run each, peak resident memory of the",
        "process tree (sampled every 0.1 s: Spark's JVM counted with its Python driver); the",
        "engines run what `cchc views ENGINE` writes for the store (the scans, then `dossier_stats`",
        f"of `views/metrics.sql`) over its {parquet_gb:.2f} GB of Parquet, and every figure of every",
        f"row is compared with `cchc dossiers stats --map reported` ({len(ours)} rows, {received:,}",
        "dossiers received).",
        "",
        "| step | time (s) | peak memory (MiB) | agreement with cchc |",
        "|---|---:|---:|---|",
        *rows,
        "",
        *reading(results, args.rows),
        END,
    ]
    replace_section(args.out, START, END, section)
    print("\n".join(section))
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
