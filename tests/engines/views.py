"""Runs the views of views/ in one engine over a store and prints each asked view's rows as JSON,
for tests/e2e (views_agree_with_the_analysis_crate, views_run_on_a_store_of_any_tables). The SQL
is what `cchc views ENGINE` writes for the store: the scans of the tables it holds, then the
metrics that can be made from them.

Usage: CCHC_BIN=target/debug/cchc python3 views.py ENGINE STORE VIEW...
       (ENGINE: duckdb, datafusion, spark; CCHC_SPARK_DRIVER_MEMORY sets Spark's heap, 1g if unset)
"""

import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def statements(engine, store):
    cchc = os.environ.get("CCHC_BIN", os.path.join(HERE, "..", "..", "target", "debug", "cchc"))
    text = subprocess.run([cchc, "--store", store, "views", engine], check=True,
                          capture_output=True, text=True).stdout
    text = re.sub(r"--[^\n]*", "", text)
    return [s.strip() for s in text.split(";") if s.strip()]


def plain(value):
    """A value JSON lacks: a date-time as ISO text, any other number (Decimal) as a float."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return float(value)


def rows_of(names, tuples):
    return [dict(zip(names, t)) for t in tuples]


def main():
    engine, store, views = sys.argv[1], sys.argv[2], sys.argv[3:]
    script = statements(engine, store)
    out = []
    if engine == "duckdb":
        import duckdb

        con = duckdb.connect()
        for s in script:
            con.execute(s)
        for v in views:
            cur = con.execute(f"SELECT * FROM {v}")
            out.append(rows_of([d[0] for d in cur.description], cur.fetchall()))
    elif engine == "datafusion":
        from datafusion import SessionContext

        ctx = SessionContext()
        for s in script:
            ctx.sql(s).collect()
        for v in views:
            out.append(ctx.sql(f"SELECT * FROM {v}").to_arrow_table().to_pylist())
    elif engine == "spark":
        from pyspark.sql import SparkSession

        spark = (
            SparkSession.builder.master("local[2]")
            .appName("cchc-views")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.memory", os.environ.get("CCHC_SPARK_DRIVER_MEMORY", "1g"))
            .config("spark.sql.ansi.doubleQuotedIdentifiers", "true")
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        for s in script:
            spark.sql(s)
        for v in views:
            out.append([r.asDict() for r in spark.sql(f"SELECT * FROM {v}").collect()])
        spark.stop()
    print(json.dumps(out, default=plain))


if __name__ == "__main__":
    main()
