"""Writes each `*.py` notebook source here (jupytext "percent" format: `# %%` code cells and
`# %% [markdown]` cells) as an .ipynb without outputs. Run after editing a source:
`python3 notebooks/make_notebooks.py`; a test checks the .ipynb files are what this writes."""

import sys
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
SOURCES = ["scorecards", "satisfaction", "procedures"]


def cells(text):
    out = []
    for block in text.split("# %%")[1:]:
        head, _, body = block.partition("\n")
        body = body.strip("\n")
        if head.strip() == "[markdown]":
            lines = [line[2:] if line.startswith("# ") else line.lstrip("#") for line in body.splitlines()]
            out.append(nbformat.v4.new_markdown_cell("\n".join(lines)))
        else:
            out.append(nbformat.v4.new_code_cell(body))
    return out


def notebook(name):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = cells((HERE / f"{name}.py").read_text(encoding="utf-8"))
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{name}-{i}"
    return nbformat.writes(nb) + "\n"


if __name__ == "__main__":
    check = "--check" in sys.argv
    stale = []
    for name in SOURCES:
        target = HERE / f"{name}.ipynb"
        text = notebook(name)
        if check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(target.name)
        else:
            target.write_text(text, encoding="utf-8")
    if stale:
        sys.exit(f"stale notebooks (run python3 notebooks/make_notebooks.py): {', '.join(stale)}")
