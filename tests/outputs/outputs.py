"""What every command prints, saved and compared: the guard of a restructuring that must change
no output (issue 27: one query layer under every front end, behaviour unchanged).

`snapshot DIR` runs `cchc demo` into a fresh folder, then every command over the demo's store in
each output format and both languages, a dossier log's commands over a generated log, and the
year's report; it writes each output to DIR (one file per command line, named after it) with
the folder's path and the import times replaced by placeholders. `compare DIR` does the same
into a temporary folder and lists every file that differs (exit 1), so that a change the closing
note does not list as deliberate shows.

Usage: python3 tests/outputs/outputs.py snapshot tests/outputs/before
       python3 tests/outputs/outputs.py compare tests/outputs/before
CCHC_BIN names the binary (default: target/debug/cchc, built by `cargo build`).
"""

import difflib
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
BIN = pathlib.Path(os.environ.get("CCHC_BIN", ROOT / "target" / "debug" / "cchc"))
DATAGEN = ROOT / "target" / "debug" / "cchc-datagen"

# Every analysis command over the demo store; each is run in every format and language below.
COMMANDS = [
    ["scorecard", "gaps"],
    ["scorecard", "gaps", "--unit", "Sở Kế hoạch và Đầu tư", "--year", "2021"],
    ["scorecard", "trend"],
    ["survey", "index"],
    ["survey", "index", "--by", "element"],
    ["survey", "index", "--by", "question"],
    ["survey", "index", "--by", "unit"],
    ["survey", "distribution"],
    ["survey", "distribution", "--by", "element"],
    ["procedures", "stats"],
    ["procedures", "stats", "--by", "unit"],
    ["procedures", "stats", "--by", "field"],
    ["procedures", "simplify"],
    ["rejects"],
]
DOSSIER_COMMANDS = [
    ["dossiers", "stats"],
    ["dossiers", "stats", "--period", "quarter"],
    ["dossiers", "audit"],
    ["dossiers", "list"],
    ["procedures", "stats"],
]
ONCE = [
    ["store", "list"],
    ["calendar", "--year", "2025"],
    ["procedures", "rules"],
]
FORMATS = [[], ["--format", "csv"], ["--format", "json"]]
LANGS = [[], ["--lang", "en"]]


def slug(args):
    return re.sub(r"[^0-9A-Za-z._-]+", "_", " ".join(args)).strip("_") or "default"


def run(args, cwd=ROOT):
    out = subprocess.run([str(BIN), *args], cwd=cwd, capture_output=True, text=True)
    return f"exit {out.returncode}\n--- stdout\n{out.stdout}--- stderr\n{out.stderr}"


def normalise(text, folder):
    text = text.replace(str(folder), "<OUT>")
    # Import times and the manifest's dates.
    text = re.sub(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}Z?", "<TIME>", text)
    # A table cell too narrow for the time wraps it: "2026-12-07T06:39 │" over ":15Z │".
    text = re.sub(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}( +│)", r"<TIME>\1", text)
    text = re.sub(r"(┆ +):\d{2}Z( +│)", r"\1<TIME>\2", text)
    return text


def collect(target):
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        demo = folder / "demo"
        outputs = {"demo.txt": run(["demo", "--out", str(demo)])}
        store = demo / "store"
        for command in COMMANDS:
            for fmt in FORMATS:
                for lang in LANGS:
                    args = ["--store", str(store), *lang, *command, *fmt]
                    outputs[slug([*lang, *command, *fmt]) + ".txt"] = run(args)
        for command in ONCE:
            outputs[slug(command) + ".txt"] = run(["--store", str(store), *command])
        for kind in ["pareto", "trend", "likert", "on-time"]:
            svg = folder / f"{kind}.svg"
            extra = ["--unit", "Sở Tư pháp"] if kind in ("pareto", "likert") else []
            run(["--store", str(store), "chart", kind, *extra, "--out", str(svg)])
            outputs[f"chart_{kind}.svg"] = svg.read_text(encoding="utf-8") if svg.exists() else "missing"
        for chart in sorted((demo / "charts").glob("*.svg")):
            outputs[f"demo_{chart.name}"] = chart.read_text(encoding="utf-8")
        for table in sorted((demo / "tables").glob("*.csv")):
            outputs[f"demo_{table.name}"] = table.read_text(encoding="utf-8")
        report = folder / "report"
        outputs["report.txt"] = run(["--store", str(store), "report", "--out", str(report)])
        for page in sorted(report.glob("*.html")):
            outputs[f"report_{page.name}"] = page.read_text(encoding="utf-8")
        # A dossier log and its registry, generated, in a store of their own.
        logs = folder / "logs"
        logs.mkdir()
        subprocess.run([str(DATAGEN), "dossier-log", "2000", "2025", str(logs), "csv"], check=True,
                       capture_output=True)
        dstore = folder / "dstore"
        outputs["dossiers_import.txt"] = run(
            ["--store", str(dstore), "import", *sorted(str(p) for p in logs.glob("*.xlsx"))])
        outputs["dossiers_import_log.txt"] = run(
            ["--store", str(dstore), "import", "dossiers", *sorted(str(p) for p in logs.glob("*.csv"))])
        for command in DOSSIER_COMMANDS:
            for fmt in FORMATS:
                args = ["--store", str(dstore), *command, *fmt]
                outputs[slug([*command, *fmt]) + "_log.txt"] = run(args)
        for name, text in outputs.items():
            (target / name).write_text(normalise(text, folder), encoding="utf-8")
    return sorted(outputs)


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("snapshot", "compare"):
        sys.exit(__doc__)
    if not BIN.exists() or not DATAGEN.exists():
        sys.exit(f"{BIN} or {DATAGEN} is missing: cargo build --workspace first")
    saved = pathlib.Path(sys.argv[2])
    if sys.argv[1] == "snapshot":
        if saved.exists():
            shutil.rmtree(saved)
        names = collect(saved)
        print(f"{len(names)} outputs saved in {saved}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        now = pathlib.Path(tmp) / "now"
        names = collect(now)
        before = sorted(p.name for p in saved.iterdir())
        changed = []
        for name in sorted(set(names) | set(before)):
            a, b = saved / name, now / name
            if not a.exists() or not b.exists():
                changed.append(f"{name}: only {'now' if b.exists() else 'before'}")
                continue
            old, new = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
            if old != new:
                diff = difflib.unified_diff(old.splitlines(), new.splitlines(), "before", "now",
                                            lineterm="", n=1)
                changed.append(f"{name}:\n" + "\n".join(list(diff)[:20]))
        if changed:
            print("\n\n".join(changed))
            sys.exit(1)
        print(f"{len(names)} outputs, all the same as in {saved}")


if __name__ == "__main__":
    main()
