#!/usr/bin/env python3
"""Import benchmark: `cchc import` against its peers, side by side, in one run.

Generates large survey workbooks deterministically (`cchc-datagen bench-survey`), then times, for
each size, the same file read by:
  - cchc import (release build, into a fresh store: read, classify, write Parquet),
  - fastexcel (calamine-based, Python) loading the survey sheet into a polars frame,
  - polars.read_excel with the calamine engine,
  - pandas.read_excel with openpyxl (100k rows only: it takes minutes beyond),
  - bare decompression of the sheet's XML (Python zlib, streaming): the floor no reader beats.
Each tool runs in its own process; wall time and peak resident memory (ru_maxrss) come from
wait4. Results must agree: respondents and satisfied answers counted by cchc equal those counted
from fastexcel's frame. Writes BENCHMARKS.md with the machine and the versions.

Usage: python3 bench/run.py [--sizes 100000,1000000] [--repeat 3]
Needs: pip install fastexcel polars pandas openpyxl (the script says which are missing).
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
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", default=os.path.join(ROOT, "BENCHMARKS.md"))
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    subprocess.run(["cargo", "build", "--release", "-p", "cchc-cli", "-p", "cchc-datagen"],
                   cwd=ROOT, check=True)
    missing = [m for m in ("fastexcel", "polars", "pandas", "openpyxl") if not python_has(m)]
    if missing:
        print(f"missing Python packages (pip install {' '.join(missing)}); their rows are skipped",
              file=sys.stderr)
    os.makedirs(DATA, exist_ok=True)
    results = []
    agreement = []
    for n in sizes:
        path = os.path.join(DATA, f"survey_{n}.xlsx")
        if not os.path.exists(path):
            print(f"generating {path}", file=sys.stderr)
            subprocess.run([DATAGEN, "bench-survey", str(n), path], check=True, stdout=subprocess.DEVNULL)
        size_mb = os.path.getsize(path) / 1e6
        with zipfile.ZipFile(path) as z:
            xml_mb = z.getinfo("xl/worksheets/sheet1.xml").file_size / 1e6
        tools = [("cchc import", None)] + [(name, code) for name, code in PEERS.items()]
        module_of = {"fastexcel": "fastexcel", "polars.read_excel (calamine)": "polars",
                     "pandas + openpyxl": "openpyxl"}
        tools = [(name, code) for name, code in tools
                 if not (name == "pandas + openpyxl" and n > 100_000)
                 and module_of.get(name) not in missing]
        # Round-robin: each repeat runs every tool once, so that a slow spell of the machine
        # falls on all tools alike rather than on one.
        runs = {name: [] for name, _ in tools}
        for _ in range(args.repeat):
            for name, code in tools:
                if code is None:
                    store = tempfile.mkdtemp(prefix="cchc-bench-")
                    runs[name].append(measure([CCHC, "--quiet", "--store", store, "import", path]))
                    if len(runs[name]) == 1:
                        agreement.append((n, cchc_counts(store)))
                    shutil.rmtree(store)
                else:
                    runs[name].append(measure([sys.executable, "-c", code, path, SHEET, str(HEADER_ROW)]))
        for name, _ in tools:
            secs = statistics.median(r[0] for r in runs[name])
            peak = max(r[1] for r in runs[name])
            results.append({"rows": n, "tool": name, "seconds": secs, "peak_mib": peak,
                            "runs": len(runs[name]), "file_mb": size_mb, "xml_mb": xml_mb})
            print(f"{n:>9} {name:<32} {secs:8.2f} s {peak:9.0f} MiB", file=sys.stderr)
        if "fastexcel" not in missing:
            peer = satisfied_from_fastexcel(path)
            at = next(i for i, a in enumerate(agreement) if a[0] == n and len(a) == 2)
            mine = agreement[at][1]
            ok = peer == mine
            agreement[at] = (n, mine, peer, ok)
            print(f"agreement at {n}: cchc {mine} fastexcel {peer}: {'OK' if ok else 'MISMATCH'}",
                  file=sys.stderr)
            if not ok:
                raise SystemExit("cchc and fastexcel disagree")
    write_report(args.out, results, agreement)


def write_report(out, results, agreement):
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
        "| rows | tool | runs | time (s) | rows/s | peak memory (MiB) | vs fastexcel (time) | vs fastexcel (memory) | vs floor (time) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        fe = next((x for x in results if x["rows"] == r["rows"] and x["tool"] == "fastexcel"), None)
        vt = f"{fe['seconds'] / r['seconds']:.2f}× faster" if fe else ""
        vm = f"{r['peak_mib'] / fe['peak_mib']:.2f}×" if fe else ""
        floor = next((x for x in results if x["rows"] == r["rows"]
                      and x["tool"] == "bare decompression (zlib)"), None)
        vf = f"{r['seconds'] / floor['seconds']:.1f}×" if floor else ""
        lines.append(f"| {r['rows']:,} | {r['tool']} | {r['runs']} | {r['seconds']:.2f} | "
                     f"{r['rows'] / r['seconds']:,.0f} | {r['peak_mib']:,.0f} | {vt} | {vm} | {vf} |")
    lines += ["", "Files: " + "; ".join(sorted({f"{r['rows']:,} rows: {r['file_mb']:.0f} MB "
                                                  f"(sheet XML {r['xml_mb']:.0f} MB)" for r in results})) + ".", ""]
    for a in agreement:
        if len(a) == 4:
            lines.append(f"Agreement at {a[0]:,} rows: cchc counted {a[1]['respondents']:,} respondents, "
                         f"{a[1]['valid']:,} valid and {a[1]['satisfied']:,} satisfied answers; "
                         f"fastexcel's frame gives {a[2]['respondents']:,}, {a[2]['valid']:,} and "
                         f"{a[2]['satisfied']:,}: {'equal' if a[3] else 'DIFFERENT'}.")
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
