-- cchc: the metric definitions, once, in portable SQL (ANSI: CAST, CASE, window functions,
-- double-quoted identifiers), over the base views `scorecard`, `survey_answers`, `procedures`,
-- `procedure_registry` and `dossiers` that each engine's file in this folder creates from the store
-- (`cchc views ENGINE` writes both for one store: a view only for the tables it holds, and the
-- metrics that can be made from them):
--   views/duckdb.sql      DuckDB:     read_parquet(…, hive_partitioning = true)
--   views/datafusion.sql  DataFusion: CREATE EXTERNAL TABLE … PARTITIONED BY (year)
--   views/spark.sql       Spark SQL:  CREATE TEMPORARY VIEW … USING parquet (run it with
--                          spark.sql.ansi.doubleQuotedIdentifiers=true; the views here become
--                          TEMPORARY views: `CREATE OR REPLACE VIEW` → `… TEMPORARY VIEW`)
-- Run the engine's file, then this one. tests/e2e (views_agree_with_the_analysis_crate) does so
-- in DuckDB, DataFusion and Spark on the store of the datasets and compares every view with
-- `cchc … --format json`. Ratios are fractions (0–1). Unit spellings are as stored: `cchc` reads
-- "SỞ Y TẾ" and "Sở Y tế" as one unit, these views do not.

-- Scorecards: points lost per leaf criterion, its share of the unit's loss, Pareto cumulative
-- share and rank (ties in table order: the source row). Only leaves are summed.
CREATE OR REPLACE VIEW scorecard_gaps AS
WITH leaves AS (
    SELECT year, unit, code, criterion, max_score, score, sheet, "row",
           CAST(score AS DOUBLE) / NULLIF(max_score, 0) AS attainment,
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
-- (empty when that year is missing: a gap, never a zero), rank by attainment among the units of
-- the same peer group (a province ranks its departments and its districts or communes apart).
-- The peer group is the one the unit's name says, as cchc reads it (model::PeerGroup::of_name);
-- cchc also reads the block a results table names, and the province, which these views leave
-- out (the views assume a store of one province's units, named as offices name them).
CREATE OR REPLACE VIEW scorecard_trend AS
WITH named AS (
    SELECT s.*,
           CASE
               WHEN regexp_replace(lower(unit), '^(ủy ban nhân dân|ubnd) ', '') LIKE 'huyện %'
                 OR regexp_replace(lower(unit), '^(ủy ban nhân dân|ubnd) ', '') LIKE 'quận %'
                 OR regexp_replace(lower(unit), '^(ủy ban nhân dân|ubnd) ', '') LIKE 'thị xã %'
                   THEN 'districts'
               WHEN regexp_replace(lower(unit), '^(ủy ban nhân dân|ubnd) ', '') LIKE 'xã %'
                 OR regexp_replace(lower(unit), '^(ủy ban nhân dân|ubnd) ', '') LIKE 'phường %'
                 OR regexp_replace(lower(unit), '^(ủy ban nhân dân|ubnd) ', '') LIKE 'thị trấn %'
                   THEN 'communes'
               WHEN lower(unit) LIKE 'sở %' OR lower(unit) LIKE 'ban %'
                 OR lower(unit) LIKE 'thanh tra %' OR lower(unit) LIKE 'văn phòng %'
                   THEN 'departments'
           END AS peer_group
    FROM scorecard s
),
totals AS (
    SELECT unit, peer_group, year, SUM(max_score) AS max_total, SUM(score) AS score_total
    FROM named
    WHERE is_leaf
    GROUP BY unit, peer_group, year
)
SELECT t.unit, t.peer_group, t.year, t.max_total, t.score_total,
       t.score_total / NULLIF(t.max_total, 0) AS attainment,
       t.score_total - p.score_total AS delta,
       RANK() OVER (PARTITION BY t.year, t.peer_group
                    ORDER BY t.score_total / NULLIF(t.max_total, 0) DESC) AS rank
FROM totals t
LEFT JOIN totals p ON p.unit = t.unit AND p.year = t.year - 1;

-- Surveys: the satisfaction index = answers 4 or 5 / valid answers (1–5), overall per unit and
-- year (all answers pooled, not a mean of elements), then per element.
CREATE OR REPLACE VIEW survey_index_overall AS
SELECT year, unit,
       COUNT(DISTINCT respondent) AS respondents,
       COUNT(*) AS valid_answers,
       SUM(CASE WHEN answer >= 4 THEN 1 ELSE 0 END) AS satisfied,
       CAST(SUM(CASE WHEN answer >= 4 THEN 1 ELSE 0 END) AS DOUBLE) / COUNT(*) AS "index"
FROM survey_answers
WHERE status = 'valid'
GROUP BY year, unit;

CREATE OR REPLACE VIEW survey_index_by_element AS
SELECT year, unit, element AS "group",
       COUNT(DISTINCT respondent) AS respondents,
       COUNT(*) AS valid_answers,
       SUM(CASE WHEN answer >= 4 THEN 1 ELSE 0 END) AS satisfied,
       CAST(SUM(CASE WHEN answer >= 4 THEN 1 ELSE 0 END) AS DOUBLE) / COUNT(*) AS "index"
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
       CAST(SUM(received_online) AS DOUBLE) / NULLIF(SUM(received), 0) AS online_share,
       CAST(SUM(received_postal) AS DOUBLE) / NULLIF(SUM(received), 0) AS postal_share,
       SUM(resolved) AS resolved,
       CAST(SUM(in_time) AS DOUBLE) / NULLIF(SUM(resolved), 0) AS on_time_rate,
       CAST(SUM(resolved_late) AS DOUBLE) / NULLIF(SUM(resolved), 0) AS late_rate
FROM p
GROUP BY year, unit;
