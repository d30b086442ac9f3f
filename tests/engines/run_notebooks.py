"""Executes every notebook of notebooks/ with nbclient (the store from $CCHC_STORE, the binary
from $CCHC_BIN), failing on the first cell that raises: each notebook asserts that one of its
numbers equals what `cchc … --format json` prints. Used by tests/e2e (notebooks_run)."""

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
NOTEBOOKS = HERE.parent.parent / "notebooks"

for name in ["scorecards", "satisfaction", "procedures"]:
    path = NOTEBOOKS / f"{name}.ipynb"
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    printed = [
        o.get("text", "")
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.get("output_type") == "stream"
    ]
    print(f"{name}: {' | '.join(line.strip() for line in printed if 'khớp' in line)}")
sys.exit(0)
