-- cchc: the metric definitions in plain SQL, over the Parquet store, so that any engine computes
-- the numbers `cchc` prints. Written for DuckDB; standard SQL apart from read_parquet.
--
-- Use: replace the store directory in the first four views (default `cchc-data`), then
--   duckdb -c ".read views.sql" -c "SELECT * FROM survey_index_overall"
-- A test (tests/e2e, views_sql_agrees_with_the_analysis_crate) runs this file with DuckDB on the
-- demo store and compares every view with `cchc … --format json`.
--
-- Ratios are fractions (0–1). Only files named in manifest.json are live. Parts being written are
-- named `.partial` until committed, so these globs never read them; a glob does read an orphan
-- that a failed removal left behind, so run `cchc store list` when numbers look doubled.

CREATE OR REPLACE VIEW scorecard AS
SELECT * FROM read_parquet('cchc-data/scorecard/*/*.parquet', hive_partitioning = true, union_by_name = true);

CREATE OR REPLACE VIEW survey_answers AS
SELECT * FROM read_parquet('cchc-data/survey_answers/*/*.parquet', hive_partitioning = true, union_by_name = true);

CREATE OR REPLACE VIEW procedures AS
SELECT * FROM read_parquet('cchc-data/procedures/*/*.parquet', hive_partitioning = true, union_by_name = true);

CREATE OR REPLACE VIEW procedure_registry AS
SELECT * FROM read_parquet('cchc-data/procedure_registry/*/*.parquet', hive_partitioning = true, union_by_name = true);

-- Scorecards: points lost per leaf criterion, its share of the unit's loss, Pareto cumulative
-- share and rank (ties in table order: the source row). Only leaves are summed.
CREATE OR REPLACE VIEW scorecard_gaps AS
WITH leaves AS (
    SELECT year, unit, code, criterion, max_score, score, sheet, "row",
           score / NULLIF(max_score, 0) AS attainment,
           max_score - score AS points_lost
    FROM scorecard
    WHERE is_leaf AND max_score IS NOT NULL AND score IS NOT NULL
),
ranked AS (
    SELECT *,
           points_lost / NULLIF(SUM(points_lost) OVER (PARTITION BY year, unit), 0) AS share_of_loss,
           ROW_NUMBER() OVER (PARTITION BY year, unit ORDER BY points_lost DESC, "row") AS rank
    FROM leaves
)
SELECT year, unit, code, criterion, max_score, score, attainment, points_lost, share_of_loss,
       SUM(share_of_loss) OVER (PARTITION BY year, unit ORDER BY rank
                                ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cumulative_share,
       rank
FROM ranked;

-- Scorecards: totals per unit and year over leaves, attainment, change against the year before
-- (empty when that year is missing: a gap, never a zero), rank among units by attainment.
CREATE OR REPLACE VIEW scorecard_trend AS
WITH totals AS (
    SELECT unit, year, SUM(max_score) AS max_total, SUM(score) AS score_total
    FROM scorecard
    WHERE is_leaf
    GROUP BY unit, year
)
SELECT t.unit, t.year, t.max_total, t.score_total,
       t.score_total / NULLIF(t.max_total, 0) AS attainment,
       t.score_total - p.score_total AS delta,
       RANK() OVER (PARTITION BY t.year ORDER BY t.score_total / NULLIF(t.max_total, 0) DESC) AS rank
FROM totals t
LEFT JOIN totals p ON p.unit = t.unit AND p.year = t.year - 1;

-- Surveys: the satisfaction index = answers 4 or 5 / valid answers (1–5), overall per unit and
-- year (all answers pooled, not a mean of elements), then per element.
CREATE OR REPLACE VIEW survey_index_overall AS
SELECT year, unit,
       COUNT(DISTINCT respondent) AS respondents,
       COUNT(*) AS valid_answers,
       COUNT(*) FILTER (WHERE answer >= 4) AS satisfied,
       COUNT(*) FILTER (WHERE answer >= 4) / COUNT(*)::DOUBLE AS "index"
FROM survey_answers
WHERE status = 'valid'
GROUP BY year, unit;

CREATE OR REPLACE VIEW survey_index_by_element AS
SELECT year, unit, element AS "group",
       COUNT(DISTINCT respondent) AS respondents,
       COUNT(*) AS valid_answers,
       COUNT(*) FILTER (WHERE answer >= 4) AS satisfied,
       COUNT(*) FILTER (WHERE answer >= 4) / COUNT(*)::DOUBLE AS "index"
FROM survey_answers
WHERE status = 'valid'
GROUP BY year, unit, element;

-- Procedures, rolled up per unit and year: counts added, then divided. `received` is the stated
-- total, else the channels stated; `resolved` the stated total, else early + on time + late.
CREATE OR REPLACE VIEW procedure_stats_by_unit AS
WITH p AS (
    SELECT year, unit, code,
           COALESCE(received,
                    CASE WHEN received_online IS NOT NULL OR received_direct IS NOT NULL
                              OR received_postal IS NOT NULL
                         THEN COALESCE(received_online, 0) + COALESCE(received_direct, 0)
                              + COALESCE(received_postal, 0) END) AS received,
           received_online, received_postal,
           COALESCE(resolved,
                    CASE WHEN resolved_early IS NOT NULL OR resolved_on_time IS NOT NULL
                              OR resolved_late IS NOT NULL
                         THEN COALESCE(resolved_early, 0) + COALESCE(resolved_on_time, 0)
                              + COALESCE(resolved_late, 0) END) AS resolved,
           CASE WHEN resolved_early IS NOT NULL OR resolved_on_time IS NOT NULL
                THEN COALESCE(resolved_early, 0) + COALESCE(resolved_on_time, 0) END AS in_time,
           resolved_late
    FROM procedures
)
SELECT year, unit,
       COUNT(*) AS procedures,
       SUM(received) AS received,
       SUM(received_online) / NULLIF(SUM(received), 0)::DOUBLE AS online_share,
       SUM(received_postal) / NULLIF(SUM(received), 0)::DOUBLE AS postal_share,
       SUM(resolved) AS resolved,
       SUM(in_time) / NULLIF(SUM(resolved), 0)::DOUBLE AS on_time_rate,
       SUM(resolved_late) / NULLIF(SUM(resolved), 0)::DOUBLE AS late_rate
FROM p
GROUP BY year, unit;
