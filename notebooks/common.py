"""What the notebooks share: where the store and the cchc binary are, and how to ask cchc."""

import json
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def store() -> Path:
    """The store: $CCHC_STORE, else the one `cchc demo` writes at the repository root."""
    return Path(os.environ.get("CCHC_STORE", ROOT / "cchc-out" / "store"))


def cchc_bin() -> str:
    """The cchc binary: $CCHC_BIN, else `cchc` on PATH, else the release build in target/."""
    if os.environ.get("CCHC_BIN"):
        return os.environ["CCHC_BIN"]
    return shutil.which("cchc") or str(ROOT / "target" / "release" / "cchc")


def cchc_json(*args: str):
    """Runs `cchc --store STORE --map reported ARGS… --format json` and returns what it prints.

    The SQL of views/ reads units as the files wrote them, so cchc is asked under the same map
    (its default, `latest`, reads a merged department's figures as its successor's)."""
    out = subprocess.run(
        [cchc_bin(), "--store", str(store()), "--map", "reported", *args, "--format", "json"],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def table(name: str) -> str:
    """A table's folder in the store, for a hive-partitioned read."""
    return str(store() / name)
