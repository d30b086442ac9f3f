"""Every workbook of ../shared/corpus (other readers' test files) and of tests/data (the project's
fixtures, among them the shapes of files that were slow or refused elsewhere), through the release
binary: `cchc inspect` and `cchc import` (into a fresh store), each as its own process, timed and
its peak memory read from the kernel (wait4's ru_maxrss). Beside each of the slowest, fastexcel
(calamine-based, Python) opening the same file and loading every sheet, in its own process.

Target (issue 26): every file inspected and imported in at most 1 s and 500 MB on this machine.
Writes the ten slowest, the totals and what misses the target into BENCHMARKS.md, section
"Corpus: every file, inspected and imported", between its markers; prints the same.

Usage: cargo build --release && python3 bench/corpus.py [--runs N]
Needs: pip install fastexcel (its column is left empty without it).
"""

import argparse
import os
import pathlib
import platform
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
CCHC = ROOT / "target" / "release" / "cchc"
DIRS = [ROOT.parent / "shared" / "corpus", ROOT / "tests" / "data"]
EXTENSIONS = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv"}
TARGET_SECONDS = 1.0
TARGET_MB = 500.0
BEGIN = "<!-- corpus.py: begin -->"
END = "<!-- corpus.py: end -->"

FASTEXCEL = """
import sys, fastexcel
reader = fastexcel.read_excel(sys.argv[1])
for name in reader.sheet_names:
    try:
        reader.load_sheet(name).to_polars()
    except Exception:
        pass
"""


def files():
    out = []
    for d in DIRS:
        out.extend(p for p in sorted(d.rglob("*")) if p.suffix.lower() in EXTENSIONS and p.is_file())
    return out


def measure(args):
    """Wall seconds and peak resident MB of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def best(args, runs):
    results = [measure(args) for _ in range(runs)]
    wall = min(r[0] for r in results)
    mem = max(r[1] for r in results)
    return wall, mem, results[-1][2]


def name_of(path):
    for d in DIRS:
        try:
            rel = path.relative_to(d)
        except ValueError:
            continue
        prefix = "corpus" if d.name == "corpus" else "tests/data"
        return f"{prefix}/{rel}"
    return str(path)


def has_fastexcel():
    return subprocess.run([sys.executable, "-c", "import fastexcel"], capture_output=True).returncode == 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=1, help="runs of each of the slowest (best time kept)")
    args = parser.parse_args()
    if not CCHC.exists():
        sys.exit(f"{CCHC} is missing: cargo build --release first")
    rows = []
    all_files = files()
    print(f"{len(all_files)} files", file=sys.stderr)
    for i, path in enumerate(all_files):
        with tempfile.TemporaryDirectory() as tmp:
            store = pathlib.Path(tmp) / "store"
            inspect = measure([str(CCHC), "--store", str(store), "inspect", str(path)])
            imported = measure([str(CCHC), "--store", str(store), "import", str(path)])
        rows.append([path, inspect, imported])
        if (i + 1) % 100 == 0:
            print(f"  {i + 1}/{len(all_files)}", file=sys.stderr)
    slowest = sorted(rows, key=lambda r: max(r[1][0], r[2][0]), reverse=True)[:10]
    fast = has_fastexcel()
    table = []
    for path, inspect, imported in slowest:
        # The slowest again, several runs each, with fastexcel beside them.
        with tempfile.TemporaryDirectory() as tmp:
            store = pathlib.Path(tmp) / "store"
            inspect = best([str(CCHC), "--store", str(store), "inspect", str(path)], args.runs)
            imported = best([str(CCHC), "--store", str(store), "import", str(path)], args.runs)
        peer = best([sys.executable, "-c", FASTEXCEL, str(path)], args.runs) if fast else None
        table.append((path, inspect, imported, peer))
    worst_time = max(max(r[1][0], r[2][0]) for r in rows)
    worst_mem = max(max(r[1][1], r[2][1]) for r in rows)
    misses = [
        (name_of(p), max(a[0], b[0]), max(a[1], b[1]))
        for p, a, b in rows
        if max(a[0], b[0]) > TARGET_SECONDS or max(a[1], b[1]) > TARGET_MB
    ]
    crashes = [name_of(p) for p, a, b in rows if a[2] not in (0, 1, 2) or b[2] not in (0, 1, 2)]

    lines = [
        BEGIN,
        f"Measured by `python3 bench/corpus.py` at {git_head()} on {platform.machine()}, "
        f"{os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}: {len(rows)} files "
        f"({sum(1 for r in rows if 'corpus' in str(r[0]))} of other readers' test suites, the rest "
        f"the project's fixtures), each inspected and imported by the release binary as its own "
        f"process. Slowest of all: {worst_time:.2f} s; largest peak: {worst_mem:.0f} MB. Target: every "
        f"file ≤ {TARGET_SECONDS:.0f} s and ≤ {TARGET_MB:.0f} MB — "
        + ("met by every file." if not misses else f"missed by {len(misses)}: "
           + "; ".join(f"{n} ({t:.2f} s, {m:.0f} MB)" for n, t, m in misses) + ".")
        + (f" Exit codes other than 0, 1 or 2 (crashes): {', '.join(crashes)}." if crashes else " No crash."),
        "",
        "The ten slowest (best of the runs; fastexcel opening the file and loading every sheet into polars, "
        "in its own process, beside them):",
        "",
        "| file | inspect s | inspect MB | import s | import MB | fastexcel s | fastexcel MB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for path, inspect, imported, peer in table:
        peer_cells = f"{peer[0]:.3f} | {peer[1]:.0f}" if peer else "— | —"
        lines.append(
            f"| `{name_of(path)}` | {inspect[0]:.3f} | {inspect[1]:.0f} | {imported[0]:.3f} | "
            f"{imported[1]:.0f} | {peer_cells} |"
        )
    lines.append(END)
    block = "\n".join(lines)
    print(block)
    bench = ROOT / "BENCHMARKS.md"
    text = bench.read_text(encoding="utf-8")
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        text = head + block + tail
    else:
        text = text.rstrip("\n") + "\n\n## Corpus: every file, inspected and imported (issue 26)\n\n" + block + "\n"
    bench.write_text(text, encoding="utf-8")


def git_head():
    out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return out.stdout.strip() or "an uncommitted tree"


if __name__ == "__main__":
    main()
