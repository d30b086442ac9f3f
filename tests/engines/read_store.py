"""Reads a cchc store with each engine's ordinary hive-partitioned reader and prints, per engine
and table, the row count, the years and a few sums, as JSON — for tests/e2e/engines.rs, which
compares them with what `cchc` itself reports.

Usage: python3 read_store.py STORE ENGINE...   (ENGINE: duckdb, polars, pyarrow, datafusion, spark)
"""

import datetime
import json
import sys

TABLES = [
    "scorecard",
    "survey_answers",
    "survey_respondents",
    "procedures",
    "procedure_registry",
    "dossiers",
]


def figures(rows):
    """rows: a list of dicts with the columns the sums need (some may be absent)."""
    out = {"rows": len(rows)}
    years = sorted({int(r["year"]) for r in rows})
    out["years"] = years
    if rows and "score" in rows[0]:
        out["leaf_score"] = sum(r["score"] or 0.0 for r in rows if r.get("is_leaf"))
    if rows and "status" in rows[0]:
        valid = [r for r in rows if r["status"] == "valid"]
        out["valid_answers"] = len(valid)
        out["satisfied"] = sum(1 for r in valid if r["answer"] >= 4)
    if rows and "received" in rows[0]:
        out["received"] = sum(r["received"] or 0 for r in rows)
    if rows and "received_at" in rows[0]:
        # Dossier dates are timestamps of local time, to the second where the log wrote seconds.
        stamps = [r["received_at"] for r in rows]
        out["timestamps"] = sum(1 for v in stamps if isinstance(v, datetime.datetime))
        out["with_seconds"] = sum(1 for v in stamps if v.second != 0)
        out["received_latest"] = max(stamps).isoformat(sep=" ")
    return out


NEEDED = ["year", "score", "is_leaf", "status", "answer", "received", "received_at"]


def with_duckdb(store):
    import duckdb

    con = duckdb.connect()
    out = {}
    for t in TABLES:
        rel = con.sql(
            f"SELECT * FROM read_parquet('{store}/{t}/*/*.parquet', hive_partitioning = true, union_by_name = true)"
        )
        cols = [c for c in rel.columns if c in NEEDED]
        rows = [dict(zip(cols, r)) for r in rel.select(*cols).fetchall()]
        out[t] = figures(rows)
    return out


def with_polars(store):
    import polars as pl

    out = {}
    for t in TABLES:
        df = pl.scan_parquet(f"{store}/{t}/", hive_partitioning=True).collect()
        cols = [c for c in df.columns if c in NEEDED]
        out[t] = figures(df.select(cols).to_dicts())
    return out


def with_pyarrow(store):
    import pyarrow.dataset as ds

    out = {}
    for t in TABLES:
        table = ds.dataset(f"{store}/{t}", format="parquet", partitioning="hive").to_table()
        cols = [c for c in table.column_names if c in NEEDED]
        out[t] = figures(table.select(cols).to_pylist())
    return out


def with_datafusion(store):
    import pyarrow as pa
    from datafusion import SessionContext

    ctx = SessionContext()
    out = {}
    for t in TABLES:
        ctx.register_parquet(
            t, f"{store}/{t}/", table_partition_cols=[("year", pa.int32())], file_extension=".parquet"
        )
        table = ctx.sql(f"SELECT * FROM {t}").to_arrow_table()
        cols = [c for c in table.column_names if c in NEEDED]
        out[t] = figures(table.select(cols).to_pylist())
    return out


def with_spark(store):
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("cchc")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    out = {}
    for t in TABLES:
        df = spark.read.option("mergeSchema", "true").parquet(f"{store}/{t}")
        cols = [c for c in df.columns if c in NEEDED]
        out[t] = figures([r.asDict() for r in df.select(*cols).collect()])
    spark.stop()
    return out


ENGINES = {
    "duckdb": with_duckdb,
    "polars": with_polars,
    "pyarrow": with_pyarrow,
    "datafusion": with_datafusion,
    "spark": with_spark,
}

if __name__ == "__main__":
    store = sys.argv[1]
    result = {}
    for engine in sys.argv[2:]:
        result[engine] = ENGINES[engine](store)
    print(json.dumps(result))
