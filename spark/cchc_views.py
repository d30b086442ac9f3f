"""Runs cchc's views and metrics on Spark over a store on shared storage, and writes the views
asked for as Parquet: the way to compute a national pool of stores on a cluster.

    cchc --store /shared/cchc-data views spark --out views.sql
    spark-submit --master yarn spark/cchc_views.py --sql views.sql \
        --view procedure_stats_by_unit --view scorecard_trend --out /shared/cchc-metrics

`views.sql` is what `cchc views spark` writes for the store: a view of each table the store holds
(its path in the store's directory, which every executor must reach: HDFS, S3, NFS), then the
metrics of views/metrics.sql that can be made from them. Each asked view is written to
OUT/VIEW/ as Parquet (overwritten). Tested locally with `--master local[2]` (tests/e2e).
"""

import argparse
import re

from pyspark.sql import SparkSession


def statements(path):
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"--[^\n]*", "", text)
    return [s.strip() for s in text.split(";") if s.strip()]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sql", required=True, help="the script `cchc views spark` wrote")
    ap.add_argument("--view", action="append", required=True, help="a view to write (repeatable)")
    ap.add_argument("--out", required=True, help="the folder the views are written under")
    args = ap.parse_args()
    spark = (
        SparkSession.builder.appName("cchc-views")
        .config("spark.sql.ansi.doubleQuotedIdentifiers", "true")
        .getOrCreate()
    )
    for statement in statements(args.sql):
        spark.sql(statement)
    for view in args.view:
        frame = spark.sql(f"SELECT * FROM {view}")
        frame.write.mode("overwrite").parquet(f"{args.out.rstrip('/')}/{view}")
        print(f"{view}: {frame.count()} rows → {args.out.rstrip('/')}/{view}")
    spark.stop()


if __name__ == "__main__":
    main()
