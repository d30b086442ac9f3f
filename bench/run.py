#!/usr/bin/env python3
"""Import and query benchmark: `cchc` against its peers, side by side, in one run.

Generates large survey workbooks deterministically (`cchc-datagen bench-survey`) in two variants —
"shared" (shared strings, four units, as Excel writes) and "inline" (inline strings, seven units
interleaved, as streaming writers such as openpyxl's write-only mode or Apache POI's SXSSF write) —
then times, for each size and variant, the same file read by:
  - cchc import (release build, into a fresh store: read, classify, write Parquet),
  - fastexcel (calamine-based, Python) loading the survey sheet into a polars frame,
  - polars.read_excel with the calamine engine,
  - pandas.read_excel with openpyxl (100k rows only: it takes minutes beyond),
  - bare decompression of the sheet's XML (Python zlib, streaming): the floor no reader beats.
Each tool runs in its own process; wall time and peak resident memory (ru_maxrss) come from
wait4. Results must agree: respondents and satisfied answers counted by cchc equal those counted
from fastexcel's frame.

Then the queries, on the store cchc wrote: `cchc survey index` (overall, by element, by question,
by an attribute) and `cchc survey distribution --by element`, beside DuckDB computing the same
aggregates from the same Parquet files — including the per-respondent sums the clustered standard
error needs — as a whole Python process (bench/duckdb_queries.py); the figures must agree.
Writes BENCHMARKS.md with the machine and the versions.

Usage: python3 bench/run.py [--sizes 100000,1000000] [--variants shared,inline] [--repeat 3]
Needs: pip install fastexcel polars pandas openpyxl duckdb (the script says which are missing).
"""
import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "bench", "data")
CCHC = os.path.join(ROOT, "target", "release", "cchc")
DATAGEN = os.path.join(ROOT, "target", "release", "cchc-datagen")
SHEET = "Phiếu khảo sát"
HEADER_ROW = 3  # zero-based: two title lines and a blank row above the header

PEERS = {
    "fastexcel": """
import sys, fastexcel
r = fastexcel.read_excel(sys.argv[1])
df = r.load_sheet(sys.argv[2], header_row=int(sys.argv[3])).to_polars()
print(df.height)
""",
    "polars.read_excel (calamine)": """
import sys, polars as pl
df = pl.read_excel(sys.argv[1], sheet_name=sys.argv[2], engine="calamine",
                   read_options={"header_row": int(sys.argv[3])})
print(df.height)
""",
    "pandas + openpyxl": """
import sys, pandas as pd
df = pd.read_excel(sys.argv[1], sheet_name=sys.argv[2], header=int(sys.argv[3]), engine="openpyxl")
print(len(df))
""",
    "bare decompression (zlib)": """
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
with z.open("xl/worksheets/sheet1.xml") as f:
    n = 0
    while True:
        b = f.read(1 << 20)
        if not b:
            break
        n += len(b)
print(n)
""",
}


def measure(cmd, env=None):
    """Runs cmd; returns (seconds, peak RSS in MiB, stdout)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out = p.stdout.read()
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{cmd[0]} failed: {err.decode(errors='replace')[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024.0, out.decode()


def replace_section(path, start, end, lines):
    """Writes `lines` between the markers `start` and `end` of the file at `path` (appended with
    its markers when they are not there yet), keeping the rest; `lines` include the markers."""
    with open(path) as f:
        text = f.read()
    new = "\n".join(lines)
    if start in text:
        a, b = text.index(start), text.index(end) + len(end)
        text = text[:a] + new + text[b:]
    else:
        text = text.rstrip("\n") + "\n\n" + new + "\n"
    with open(path, "w") as f:
        f.write(text)


def measure_tree(cmd, env=None, every=0.1):
    """Runs cmd; returns (seconds, peak resident memory of the process and all its descendants
    together in MiB, sampled from /proc every `every` s, stdout). For tools whose work happens in
    a child wait4 never sees (PySpark's JVM)."""
    import threading

    def tree_rss(root):
        children = {}
        for pid in os.listdir("/proc"):
            if pid.isdigit():
                try:
                    with open(f"/proc/{pid}/stat") as f:
                        ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                    children.setdefault(ppid, []).append(int(pid))
                except (OSError, IndexError, ValueError):
                    pass
        total, todo = 0, [root]
        while todo:
            pid = todo.pop()
            todo.extend(children.get(pid, []))
            try:
                with open(f"/proc/{pid}/statm") as f:
                    total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            except (OSError, IndexError, ValueError):
                pass
        return total

    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(p.pid))
            done.wait(every)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = p.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if p.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed: {err.decode(errors='replace')[-2000:]}")
    return elapsed, peak[0] / 2**20, out.decode()


def python_has(module):
    return subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True).returncode == 0


def version(module):
    r = subprocess.run([sys.executable, "-c", f"import {module}; print({module}.__version__)"],
                       capture_output=True, text=True)
    return r.stdout.strip() or "not installed"


def satisfied_from_fastexcel(path):
    """Respondents and satisfied answers (4, 5 or their labels) counted from fastexcel's frame."""
    code = """
import sys, json, fastexcel
df = fastexcel.read_excel(sys.argv[1]).load_sheet(sys.argv[2], header_row=int(sys.argv[3])).to_pandas()
qs = [c for c in df.columns if str(c).startswith("Câu ")]
sat = 0
valid = 0
for c in qs:
    for v in df[c].tolist():
        s = str(v).strip().lower() if v is not None else ""
        if s in ("4", "5", "4.0", "5.0", "hài lòng", "rất hài lòng"):
            sat += 1
        if s in ("1", "2", "3", "4", "5", "1.0", "2.0", "3.0", "4.0", "5.0", "rất không hài lòng",
                 "không hài lòng", "bình thường", "hài lòng", "rất hài lòng"):
            valid += 1
print(json.dumps({"respondents": len(df), "satisfied": sat, "valid": valid}))
"""
    r = subprocess.run([sys.executable, "-c", code, path, SHEET, str(HEADER_ROW)],
                       capture_output=True, text=True, check=True)
    return json.loads(r.stdout)


def cchc_counts(store):
    rows = json.loads(subprocess.run([CCHC, "--store", store, "--format", "json", "survey", "index",
                                      "--by", "unit"], capture_output=True, text=True, check=True).stdout)
    return {"respondents": sum(r["respondents"] for r in rows),
            "satisfied": sum(r["satisfied"] for r in rows),
            "valid": sum(r["valid_answers"] for r in rows)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--variants", default="shared,inline")
    ap.add_argument("--queries-only", action="store_true",
                    help="import each file once (untimed) and rerun only the queries; "
                         "rewrites only that section of the report")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", default=os.path.join(ROOT, "BENCHMARKS.md"))
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    variants = args.variants.split(",")

    subprocess.run(["cargo", "build", "--release", "-p", "cchc-cli", "-p", "cchc-datagen"],
                   cwd=ROOT, check=True)
    missing = [m for m in ("fastexcel", "polars", "pandas", "openpyxl") if not python_has(m)]
    if missing:
        print(f"missing Python packages (pip install {' '.join(missing)}); their rows are skipped",
              file=sys.stderr)
    os.makedirs(DATA, exist_ok=True)
    results = []
    agreement = []
    queries = []
    for n, variant in [(n, v) for n in sizes for v in variants]:
        path = os.path.join(DATA, f"survey_{variant}_{n}.xlsx")
        if not os.path.exists(path):
            print(f"generating {path}", file=sys.stderr)
            subprocess.run([DATAGEN, "bench-survey", str(n), path, variant], check=True,
                           stdout=subprocess.DEVNULL)
        size_mb = os.path.getsize(path) / 1e6
        with zipfile.ZipFile(path) as z:
            xml_mb = z.getinfo("xl/worksheets/sheet1.xml").file_size / 1e6
        tools = [("cchc import", None)] + [(name, code) for name, code in PEERS.items()]
        module_of = {"fastexcel": "fastexcel", "polars.read_excel (calamine)": "polars",
                     "pandas + openpyxl": "openpyxl"}
        tools = [(name, code) for name, code in tools
                 if not (name == "pandas + openpyxl" and n > 100_000)
                 and module_of.get(name) not in missing]
        if args.queries_only:
            kept_store = tempfile.mkdtemp(prefix="cchc-bench-")
            measure([CCHC, "--quiet", "--store", kept_store, "import", path])
            queries.extend(run_queries(kept_store, n, variant, args.repeat))
            shutil.rmtree(kept_store)
            continue
        # Round-robin: each repeat runs every tool once, so that a slow spell of the machine
        # falls on all tools alike rather than on one.
        runs = {name: [] for name, _ in tools}
        kept_store = None
        for _ in range(args.repeat):
            for name, code in tools:
                if code is None:
                    store = tempfile.mkdtemp(prefix="cchc-bench-")
                    runs[name].append(measure([CCHC, "--quiet", "--store", store, "import", path]))
                    if len(runs[name]) == 1:
                        agreement.append((n, variant, cchc_counts(store)))
                        kept_store = store
                    else:
                        shutil.rmtree(store)
                else:
                    runs[name].append(measure([sys.executable, "-c", code, path, SHEET, str(HEADER_ROW)]))
        for name, _ in tools:
            secs = statistics.median(r[0] for r in runs[name])
            peak = max(r[1] for r in runs[name])
            results.append({"rows": n, "variant": variant, "tool": name, "seconds": secs,
                            "peak_mib": peak, "runs": len(runs[name]), "file_mb": size_mb,
                            "xml_mb": xml_mb})
            print(f"{n:>9} {variant:<7} {name:<32} {secs:8.2f} s {peak:9.0f} MiB", file=sys.stderr)
        if "fastexcel" not in missing:
            peer = satisfied_from_fastexcel(path)
            at = next(i for i, a in enumerate(agreement) if a[:2] == (n, variant) and len(a) == 3)
            mine = agreement[at][2]
            ok = peer == mine
            agreement[at] = (n, variant, mine, peer, ok)
            print(f"agreement at {n} {variant}: cchc {mine} fastexcel {peer}: {'OK' if ok else 'MISMATCH'}",
                  file=sys.stderr)
            if not ok:
                raise SystemExit("cchc and fastexcel disagree")
        if python_has("duckdb"):
            queries.extend(run_queries(kept_store, n, variant, args.repeat))
        shutil.rmtree(kept_store)
    if args.queries_only:
        rewrite_queries(args.out, queries)
    else:
        write_report(args.out, results, agreement, queries)


QUERIES = [
    ("survey index", ["survey", "index", "--by", "overall"], "overall"),
    ("survey index --by element", ["survey", "index", "--by", "element"], "element"),
    ("survey index --by question", ["survey", "index", "--by", "question"], "question"),
    ("survey index --by \"Giới tính\"", ["survey", "index", "--by", "Giới tính"], "attribute"),
    ("survey distribution --by element", ["survey", "distribution", "--by", "element"], "distribution"),
]


def run_queries(store, n, variant, repeat):
    """Each query by cchc and by DuckDB over the same store, round-robin; the figures must agree."""
    out = []
    for label, args, which in QUERIES:
        ours, theirs = [], []
        for _ in range(repeat):
            ours.append(measure([CCHC, "--store", store, "--format", "json"] + args))
            theirs.append(measure([sys.executable, os.path.join(ROOT, "bench", "duckdb_queries.py"),
                                   store, which]))
        mine = json.loads(ours[0][2])
        peer = json.loads(theirs[0][2])
        key = (lambda r: (r["year"], r["unit"], r["group"]))
        if which == "distribution":
            a = {key(r): [r["valid_answers"]] + [r[f"level_{l}"] for l in range(1, 6)] for r in mine}
        else:
            a = {key(r): [r["respondents"], r["valid_answers"], r["satisfied"]] for r in mine}
        b = {key(r): r["figures"] for r in peer}
        ok = a == b
        if not ok:
            raise SystemExit(f"cchc and DuckDB disagree on {label}: {list(a.items())[:2]} vs {list(b.items())[:2]}")
        if which != "distribution":
            # The per-respondent sums give the same clustered SE.
            se = {key(r): r["se"] for r in mine}
            worst = max(abs(se[k] - r["se"]) / max(abs(r["se"]), 1e-300)
                        for k, r in ((key(r), r) for r in peer) if r["se"] is not None and se[k] is not None)
            if worst > 1e-9:
                raise SystemExit(f"cchc and DuckDB disagree on the SE of {label}: {worst}")
        for tool, runs in (("cchc", ours), ("DuckDB", theirs)):
            secs = statistics.median(r[0] for r in runs)
            peak = max(r[1] for r in runs)
            out.append({"rows": n, "variant": variant, "query": label, "tool": tool,
                        "seconds": secs, "peak_mib": peak, "groups": len(a)})
            print(f"{n:>9} {variant:<7} {label:<36} {tool:<7} {secs:6.2f} s {peak:7.0f} MiB",
                  file=sys.stderr)
    return out


def rewrite_queries(out, queries):
    """Replaces the queries section of an existing report, keeping the rest."""
    with open(out) as f:
        text = f.read()
    start = text.index("\n## Queries on the store")
    end = text.find("\n## Reading the figures")
    new = "\n".join(query_lines(queries)) + "\n"
    text = text[:start] + "\n" + new + (text[end:] if end >= 0 else "")
    with open(out, "w") as f:
        f.write(text)
    print(f"rewrote the queries of {out}", file=sys.stderr)


def query_lines(queries):
    lines = ["## Queries on the store",
             "",
             "The store `cchc import` wrote, queried by `cchc` and by DuckDB "
             f"({version('duckdb')}) from the same Parquet files, each a whole process "
             "(bench/duckdb_queries.py: respondents, valid and satisfied answers per year, unit and "
             "group, with the per-respondent sums Σx, Σy, Σx², Σy², Σxy the clustered SE needs; "
             "the distribution's five levels). Every group's counts agree, and the SE DuckDB's sums "
             "give equals cchc's to 1e-9.",
             "",
             "| rows | variant | query | groups | cchc (s) | DuckDB (s) | cchc / DuckDB (time) | cchc (MiB) | DuckDB (MiB) | cchc / DuckDB (memory) |",
             "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for q in queries:
        if q["tool"] != "cchc":
            continue
        d = next(x for x in queries if x["rows"] == q["rows"] and x["variant"] == q["variant"]
                 and x["query"] == q["query"] and x["tool"] == "DuckDB")
        lines.append(f"| {q['rows']:,} | {q['variant']} | `{q['query']}` | {q['groups']} | "
                     f"{q['seconds']:.2f} | {d['seconds']:.2f} | {q['seconds'] / d['seconds']:.2f}× | "
                     f"{q['peak_mib']:,.0f} | {d['peak_mib']:,.0f} | {q['peak_mib'] / d['peak_mib']:.2f}× |")
    return lines


def write_report(out, results, agreement, queries):
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                         text=True).stdout.strip()
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    lines = [
        "# Benchmarks",
        "",
        "Import of a survey workbook (one row per respondent, 30 columns: 8 attributes and 22",
        "questions, answers as numbers or Vietnamese labels, 3% blank, title lines above the header,",
        "a codebook sheet), generated by `cchc-datagen bench-survey`. Every tool reads the same file",
        "in its own process, side by side in one run of `python3 bench/run.py` (round-robin: each",
        "repeat runs every tool once); time is the median wall time of the runs, memory the peak",
        "resident set (ru_maxrss). `cchc import` does more",
        "than the peers: it classifies every row, checks every answer, and writes the Parquet store;",
        "the peers only load the sheet into a frame. The floor is inflating the sheet's XML alone.",
        "",
        f"Machine: {os.cpu_count()} cores ({cpu}), {mem_gib:.0f} GiB; {platform.system()} {platform.release()}.",
        f"Versions: cchc {sha} ({rustc}); Python {platform.python_version()}; fastexcel {version('fastexcel')};"
        f" polars {version('polars')}; pandas {version('pandas')}; openpyxl {version('openpyxl')}.",
        "",
        "| rows | variant | tool | runs | time (s) | rows/s | peak memory (MiB) | vs fastexcel (time) | vs fastexcel (memory) | vs floor (time) |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        same = (lambda x: x["rows"] == r["rows"] and x["variant"] == r["variant"])
        fe = next((x for x in results if same(x) and x["tool"] == "fastexcel"), None)
        vt = f"{fe['seconds'] / r['seconds']:.2f}× faster" if fe else ""
        vm = f"{r['peak_mib'] / fe['peak_mib']:.2f}×" if fe else ""
        floor = next((x for x in results if same(x)
                      and x["tool"] == "bare decompression (zlib)"), None)
        vf = f"{r['seconds'] / floor['seconds']:.1f}×" if floor else ""
        lines.append(f"| {r['rows']:,} | {r['variant']} | {r['tool']} | {r['runs']} | {r['seconds']:.2f} | "
                     f"{r['rows'] / r['seconds']:,.0f} | {r['peak_mib']:,.0f} | {vt} | {vm} | {vf} |")
    lines += ["", "Files: " + "; ".join(sorted({f"{r['rows']:,} rows, {r['variant']}: {r['file_mb']:.0f} MB "
                                                  f"(sheet XML {r['xml_mb']:.0f} MB)" for r in results})) + ".", ""]
    for a in agreement:
        if len(a) == 5:
            lines.append(f"Agreement at {a[0]:,} rows ({a[1]}): cchc counted {a[2]['respondents']:,} respondents, "
                         f"{a[2]['valid']:,} valid and {a[2]['satisfied']:,} satisfied answers; "
                         f"fastexcel's frame gives {a[3]['respondents']:,}, {a[3]['valid']:,} and "
                         f"{a[3]['satisfied']:,}: {'equal' if a[4] else 'DIFFERENT'}.")
    if queries:
        lines += [""] + query_lines(queries)
    # The hand-written analysis below the figures survives a new run.
    kept = ""
    if os.path.exists(out):
        with open(out) as f:
            previous = f.read()
        marker = previous.find("\n## Reading the figures")
        if marker >= 0:
            kept = previous[marker:]
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n" + kept)
    print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
