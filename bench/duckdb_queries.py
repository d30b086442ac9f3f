#!/usr/bin/env python3
"""DuckDB computing what `cchc survey index` and `cchc survey distribution` compute, from the same
Parquet files of a cchc store, as one whole process (for bench/run.py).

Usage: python3 bench/duckdb_queries.py STORE overall|element|question|attribute|distribution

Prints JSON: one object per year, unit and group with `figures` — [respondents, valid answers,
satisfied answers] for the index, [valid answers, level 1 … level 5] for the distribution — and,
for the index, `se`: the clustered standard error of the ratio from the per-respondent sums
(n/(n−1) · Σ(y − R x)² / X², with Σ(y − R x)² = Σy² − 2R Σxy + R² Σx²), which cchc's must equal.
"""
import json
import math
import sys

import duckdb

ATTRIBUTE = "Giới tính"


def main():
    store, which = sys.argv[1], sys.argv[2]
    answers = f"read_parquet('{store}/survey_answers/*/*.parquet', hive_partitioning = true)"
    people = f"read_parquet('{store}/survey_respondents/*/*.parquet', hive_partitioning = true)"
    if which == "distribution":
        levels = ", ".join(f"count(*) FILTER (answer = {l})" for l in range(1, 6))
        sql = f"""SELECT year, unit, element, count(*), {levels}
                  FROM {answers} WHERE status = 'valid' GROUP BY ALL"""
        rows = duckdb.sql(sql).fetchall()
        out = [{"year": r[0], "unit": r[1], "group": r[2], "figures": list(r[3:])} for r in rows]
    else:
        if which == "attribute":
            source = f"""(SELECT a.*, p.value AS grp FROM {answers} a
                          JOIN (SELECT respondent, value FROM {people}
                                WHERE attribute = '{ATTRIBUTE}') p USING (respondent))"""
        else:
            grp = {"overall": "'overall'", "element": "element", "question": "question"}[which]
            source = f"(SELECT *, {grp} AS grp FROM {answers})"
        sql = f"""WITH r AS (
                    SELECT year, unit, grp, respondent, count(answer) AS x,
                           count(*) FILTER (answer >= 4) AS y
                    FROM {source} WHERE status = 'valid' GROUP BY ALL)
                  SELECT year, unit, grp, count(*), sum(x), sum(y),
                         sum(x * x), sum(y * y), sum(x * y)
                  FROM r GROUP BY ALL"""
        out = []
        for year, unit, grp, n, x, y, xx, yy, xy in duckdb.sql(sql).fetchall():
            se = None
            if x and n > 1:
                r = y / x
                ss = yy - 2 * r * xy + r * r * xx
                if ss > 1e-9 * max(yy, 1):
                    se = math.sqrt(n / (n - 1) * ss / (x * x))
            out.append({"year": year, "unit": unit, "group": grp,
                        "figures": [int(n), int(x), int(y)], "se": se})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
