"""Runs the views of views/ in one engine over a store and prints each asked view's rows as JSON,
for tests/e2e (views_agree_with_the_analysis_crate).

Usage: python3 views.py ENGINE STORE VIEW...   (ENGINE: duckdb, datafusion, spark)
"""

import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VIEWS = os.path.join(HERE, "..", "..", "views")


def statements(path, store):
    text = open(path, encoding="utf-8").read().replace("'cchc-data/", "'" + store + "/")
    text = re.sub(r"--[^\n]*", "", text)
    return [s.strip() for s in text.split(";") if s.strip()]


def rows_of(names, tuples):
    return [dict(zip(names, t)) for t in tuples]


def main():
    engine, store, views = sys.argv[1], sys.argv[2], sys.argv[3:]
    scans = statements(os.path.join(VIEWS, f"{engine}.sql"), store)
    metrics = statements(os.path.join(VIEWS, "metrics.sql"), store)
    out = []
    if engine == "duckdb":
        import duckdb

        con = duckdb.connect()
        for s in scans + metrics:
            con.execute(s)
        for v in views:
            cur = con.execute(f"SELECT * FROM {v}")
            out.append(rows_of([d[0] for d in cur.description], cur.fetchall()))
    elif engine == "datafusion":
        from datafusion import SessionContext

        ctx = SessionContext()
        for s in scans + metrics:
            ctx.sql(s).collect()
        for v in views:
            out.append(ctx.sql(f"SELECT * FROM {v}").to_arrow_table().to_pylist())
    elif engine == "spark":
        from pyspark.sql import SparkSession

        spark = (
            SparkSession.builder.master("local[2]")
            .appName("cchc-views")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.ansi.doubleQuotedIdentifiers", "true")
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        temporary = [s.replace("CREATE OR REPLACE VIEW", "CREATE OR REPLACE TEMPORARY VIEW") for s in metrics]
        for s in scans + temporary:
            spark.sql(s)
        for v in views:
            out.append([r.asDict() for r in spark.sql(f"SELECT * FROM {v}").collect()])
        spark.stop()
    print(json.dumps(out, default=float))


if __name__ == "__main__":
    main()
