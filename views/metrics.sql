-- cchc: the metric definitions, once, in portable SQL (ANSI: CAST, CASE, window functions,
-- double-quoted identifiers), over the base views `scorecard`, `survey_answers`, `procedures`,
-- `procedure_registry`, `dossiers` and `calendar` that each engine's file in this folder creates from the store
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

-- Dossier logs: the yearly statistics of `cchc dossiers stats --map reported` (Biểu 06a), one
-- row per unit, field, procedure and year, figure by figure, over the log (`dossiers`), the legal
-- time limits (`procedure_registry`) and the working-day calendar the store holds (`calendar`,
-- written with every log: its `working_ordinal` makes "the n-th working day after" a join, its
-- `day_number` makes calendar days integer arithmetic). The rules are cchc's
-- (crates/analysis/src/dossiers, crates/calendar/src/due.rs):
-- - a code met in two files is one dossier: the row with the latest date to the minute (result,
--   return, extension, supplement, receipt), on a tie the file whose sha256 sorts first;
-- - the registry's limit of a code is its latest year's (`legal_amount` in `legal_unit`, else
--   `legal_days` working days);
-- - the legal due date: working days = the n-th working day after receipt (fractions and working
--   hours counted in working minutes from the time of receipt); calendar days = receipt + n, moved
--   to the next working day when that is a day off; same day = the day of receipt, or the next
--   working day when received at or after the cut-off or on a day off;
-- - a supplement stops the clock: the due date moves by the working days (calendar days for a
--   limit in calendar days) from the request to the supplement;
-- - withdrawn, stopped and refused dossiers, and results dated before receipt, are received but
--   never resolved; early / on time / late compare the result's day with the due date; pending
--   dossiers are in time or overdue at the end of each year until the year they are resolved in;
-- - processing time in working days (receipt not counted); median and p90 interpolate between
--   ranks (as quantile_cont); `legal_days` is the limit in working days (calendar days × 5/7,
--   hours ÷ the working day's hours, same day = 1).
-- The calendar covers 2020–2027: a dossier dated outside it has no row here (cchc refuses it).
CREATE OR REPLACE VIEW dossier_stats AS
WITH cal AS (
    SELECT CAST("date" AS DATE) AS "day", day_number, working_day, working_ordinal, "year"
    FROM calendar
),
hours AS (
    SELECT MIN(CAST(SUBSTR(morning_start, 1, 2) AS INT) * 60 + CAST(SUBSTR(morning_start, 4, 2) AS INT)) AS m0,
           MIN(CAST(SUBSTR(morning_end, 1, 2) AS INT) * 60 + CAST(SUBSTR(morning_end, 4, 2) AS INT)) AS m1,
           MIN(CAST(SUBSTR(afternoon_start, 1, 2) AS INT) * 60 + CAST(SUBSTR(afternoon_start, 4, 2) AS INT)) AS a0,
           MIN(CAST(SUBSTR(afternoon_end, 1, 2) AS INT) * 60 + CAST(SUBSTR(afternoon_end, 4, 2) AS INT)) AS a1,
           MIN(CAST(SUBSTR(same_day_cutoff, 1, 2) AS INT) * 60 + CAST(SUBSTR(same_day_cutoff, 4, 2) AS INT)) AS cutoff
    FROM calendar
),
working AS (
    SELECT working_ordinal, day_number FROM cal WHERE working_day
),
year_ends AS (
    SELECT "year", MAX(day_number) AS last_day FROM cal GROUP BY "year"
),
limits AS (
    SELECT code, amount, limit_unit
    FROM (
        SELECT code,
               CASE WHEN legal_amount IS NOT NULL
                         AND legal_unit IN ('working_days', 'calendar_days', 'working_hours', 'same_day')
                    THEN CAST(legal_amount AS DOUBLE) ELSE CAST(legal_days AS DOUBLE) END AS amount,
               CASE WHEN legal_amount IS NOT NULL
                         AND legal_unit IN ('working_days', 'calendar_days', 'working_hours', 'same_day')
                    THEN legal_unit ELSE 'working_days' END AS limit_unit,
               ROW_NUMBER() OVER (PARTITION BY code ORDER BY "year" DESC, "row" DESC) AS pick
        FROM procedure_registry
        WHERE code IS NOT NULL
          AND ((legal_amount IS NOT NULL
                AND legal_unit IN ('working_days', 'calendar_days', 'working_hours', 'same_day'))
               OR legal_days IS NOT NULL)
    ) r
    WHERE pick = 1
),
logged AS (
    SELECT unit, field, code, name, channel, dossier_status, dossier_code, source_sha256,
           received_at, resolved_at, returned_at, extended_to, supplement_from, supplement_to,
           COALESCE(resolved_at, returned_at) AS result_at
    FROM dossiers
    WHERE dossier_code IS NOT NULL AND received_at IS NOT NULL
),
repeated AS (
    SELECT dossier_code AS repeated_code FROM logged GROUP BY dossier_code HAVING COUNT(*) > 1
),
ranked AS (
    -- Only the codes met more than once, each date as a number that orders moments to the minute.
    SELECT l.*,
           ROW_NUMBER() OVER (
               PARTITION BY l.dossier_code
               ORDER BY GREATEST(
                   ((EXTRACT(YEAR FROM received_at) * 13 + EXTRACT(MONTH FROM received_at)) * 32
                     + EXTRACT(DAY FROM received_at)) * 1440
                     + EXTRACT(HOUR FROM received_at) * 60 + EXTRACT(MINUTE FROM received_at),
                   COALESCE(((EXTRACT(YEAR FROM resolved_at) * 13 + EXTRACT(MONTH FROM resolved_at)) * 32
                     + EXTRACT(DAY FROM resolved_at)) * 1440
                     + EXTRACT(HOUR FROM resolved_at) * 60 + EXTRACT(MINUTE FROM resolved_at), 0),
                   COALESCE(((EXTRACT(YEAR FROM returned_at) * 13 + EXTRACT(MONTH FROM returned_at)) * 32
                     + EXTRACT(DAY FROM returned_at)) * 1440
                     + EXTRACT(HOUR FROM returned_at) * 60 + EXTRACT(MINUTE FROM returned_at), 0),
                   COALESCE(((EXTRACT(YEAR FROM extended_to) * 13 + EXTRACT(MONTH FROM extended_to)) * 32
                     + EXTRACT(DAY FROM extended_to)) * 1440
                     + EXTRACT(HOUR FROM extended_to) * 60 + EXTRACT(MINUTE FROM extended_to), 0),
                   CASE WHEN supplement_from IS NOT NULL AND supplement_to IS NOT NULL THEN
                       ((EXTRACT(YEAR FROM supplement_to) * 13 + EXTRACT(MONTH FROM supplement_to)) * 32
                         + EXTRACT(DAY FROM supplement_to)) * 1440 ELSE 0 END) DESC,
               l.source_sha256) AS pick
    FROM logged l
    JOIN repeated r ON r.repeated_code = l.dossier_code
),
latest AS (
    SELECT l.unit, l.field, l.code, l.name, l.channel, l.dossier_status, l.received_at, l.result_at,
           l.supplement_from, l.supplement_to
    FROM logged l
    LEFT JOIN repeated r ON r.repeated_code = l.dossier_code
    WHERE r.repeated_code IS NULL
    UNION ALL
    SELECT unit, field, code, name, channel, dossier_status, received_at, result_at,
           supplement_from, supplement_to
    FROM ranked
    WHERE pick = 1
),
dossier AS (
    SELECT COALESCE(l.unit, '') AS unit, l.field, l.code, l.name, l.channel,
           CASE WHEN l.dossier_status IN ('withdrawn', 'stopped', 'refused') OR rx.day_number < rc.day_number
                THEN 0 ELSE 1 END AS counted,
           rc.day_number AS r_day, rc.working_ordinal AS r_ord, rc.working_day AS r_works, rc."year" AS r_year,
           EXTRACT(HOUR FROM l.received_at) * 60 + EXTRACT(MINUTE FROM l.received_at) AS r_minute,
           rx.day_number AS x_day, rx.working_ordinal AS x_ord, rx."year" AS x_year,
           sf.day_number AS sf_day, sf.working_ordinal AS sf_ord,
           st.day_number AS st_day, st.working_ordinal AS st_ord,
           lim.amount, lim.limit_unit
    FROM latest l
    JOIN cal rc ON rc."day" = CAST(l.received_at AS DATE)
    LEFT JOIN cal rx ON rx."day" = CAST(l.result_at AS DATE)
    LEFT JOIN cal sf ON sf."day" = CAST(l.supplement_from AS DATE) AND l.supplement_to IS NOT NULL
    LEFT JOIN cal st ON st."day" = CAST(l.supplement_to AS DATE) AND l.supplement_from IS NOT NULL
    LEFT JOIN limits lim ON lim.code = l.code
),
minutes AS (
    -- Working minutes of a limit counted in minutes, and those left on the day of receipt.
    SELECT d.*,
           h.m1 - h.m0 + h.a1 - h.a0 AS per_day,
           h.cutoff,
           CASE WHEN d.limit_unit = 'working_hours'
                     THEN CAST(ROUND(GREATEST(d.amount, 0) * 60) AS INT)
                WHEN d.limit_unit = 'working_days' AND GREATEST(d.amount, 0) <> FLOOR(GREATEST(d.amount, 0))
                     THEN CAST(ROUND(GREATEST(d.amount, 0) * (h.m1 - h.m0 + h.a1 - h.a0)) AS INT)
           END AS need,
           CASE WHEN d.r_works
                THEN GREATEST(0, h.m1 - GREATEST(d.r_minute, h.m0)) + GREATEST(0, h.a1 - GREATEST(d.r_minute, h.a0))
                ELSE 0 END AS left_today
    FROM dossier d CROSS JOIN hours h
),
first_due AS (
    -- The due date before any pause: a day (and its ordinal), or the ordinal of a working day.
    SELECT m.*,
           CASE
               WHEN m.limit_unit = 'same_day' AND m.r_works AND m.r_minute < m.cutoff THEN m.r_day
               WHEN m.limit_unit = 'working_days' AND m.need IS NULL AND GREATEST(m.amount, 0) = 0 THEN m.r_day
               WHEN m.need IS NOT NULL AND m.left_today > 0 AND m.need <= m.left_today THEN m.r_day
               WHEN m.limit_unit = 'calendar_days' AND ce.working_day THEN ce.day_number
           END AS due_day,
           CASE
               WHEN m.limit_unit = 'same_day' AND m.r_works AND m.r_minute < m.cutoff THEN NULL
               WHEN m.limit_unit = 'same_day' THEN m.r_ord + 1
               WHEN m.limit_unit = 'working_days' AND m.need IS NULL AND GREATEST(m.amount, 0) = 0 THEN NULL
               WHEN m.limit_unit = 'working_days' AND m.need IS NULL THEN m.r_ord + CAST(m.amount AS INT)
               WHEN m.need IS NOT NULL AND m.left_today > 0 AND m.need <= m.left_today THEN NULL
               WHEN m.need IS NOT NULL
                   THEN m.r_ord + GREATEST(1, CAST(CEIL(CAST(m.need - m.left_today AS DOUBLE) / m.per_day) AS INT))
               WHEN m.limit_unit = 'calendar_days' AND NOT ce.working_day THEN ce.working_ordinal + 1
           END AS due_target,
           CASE
               WHEN m.limit_unit = 'calendar_days' AND ce.working_day THEN ce.working_ordinal
               ELSE m.r_ord
           END AS due_day_ord
    FROM minutes m
    LEFT JOIN cal ce ON m.limit_unit = 'calendar_days'
                    AND ce.day_number = m.r_day + CAST(CEIL(GREATEST(m.amount, 0)) AS INT)
),
legal_due AS (
    SELECT f.*,
           COALESCE(f.due_day, w.day_number) AS due0,
           CASE WHEN f.due_day IS NOT NULL THEN f.due_day_ord ELSE f.due_target END AS due0_ord,
           f.sf_day IS NOT NULL AND f.st_day IS NOT NULL AND f.st_day > f.sf_day
               AND f.limit_unit IS NOT NULL AS paused
    FROM first_due f
    LEFT JOIN working w ON w.working_ordinal = f.due_target
),
paused AS (
    SELECT p.*,
           CASE
               WHEN NOT p.paused THEN p.due0
               WHEN p.limit_unit = 'calendar_days' AND ct.working_day THEN ct.day_number
               WHEN p.limit_unit <> 'calendar_days' AND p.st_ord - p.sf_ord <= 0 THEN p.due0
           END AS due_day2,
           CASE
               WHEN NOT p.paused THEN NULL
               WHEN p.limit_unit = 'calendar_days' AND NOT ct.working_day THEN ct.working_ordinal + 1
               WHEN p.limit_unit <> 'calendar_days' AND p.st_ord - p.sf_ord > 0
                   THEN p.due0_ord + p.st_ord - p.sf_ord
           END AS due_target2
    FROM legal_due p
    LEFT JOIN cal ct ON p.paused AND p.limit_unit = 'calendar_days'
                    AND ct.day_number = p.due0 + p.st_day - p.sf_day
),
judged AS (
    SELECT p.unit, p.field, p.code, p.name, p.channel, p.counted, p.r_year,
           CASE WHEN p.counted = 1 THEN p.x_day END AS res_day,
           CASE WHEN p.counted = 1 THEN p.x_year END AS res_year,
           CASE WHEN p.counted = 1 THEN p.x_ord - p.r_ord END AS working_days,
           CASE WHEN p.due0 IS NULL THEN NULL ELSE COALESCE(p.due_day2, w.day_number) END AS due,
           CASE p.limit_unit
               WHEN 'working_days' THEN p.amount
               WHEN 'calendar_days' THEN p.amount * 5.0 / 7.0
               WHEN 'working_hours' THEN p.amount / (CAST(p.per_day AS DOUBLE) / 60.0)
               WHEN 'same_day' THEN 1.0
           END AS legal_days
    FROM paused p
    LEFT JOIN working w ON w.working_ordinal = p.due_target2
),
span AS (
    SELECT MAX(CASE WHEN x_year > r_year THEN x_year ELSE r_year END) AS last_year
    FROM dossier
),
per_year AS (
    -- A dossier in each year from its receipt to its result (or to the log's last year).
    SELECT j.*, e."year" AS "year", e.last_day,
           CASE WHEN j.res_year = e."year" THEN 1 ELSE 0 END AS is_resolved
    FROM judged j
    CROSS JOIN span s
    JOIN year_ends e ON e."year" >= j.r_year AND e."year" <= s.last_year
                    AND (j.res_year IS NULL OR e."year" <= j.res_year)
),
counted AS (
    SELECT unit, field, code, name, "year", legal_days,
           CASE WHEN is_resolved = 1 THEN working_days END AS days,
           is_resolved,
           CASE WHEN "year" = r_year THEN 1 ELSE 0 END AS received,
           CASE WHEN "year" = r_year AND channel = 'online' THEN 1 ELSE 0 END AS received_online,
           CASE WHEN "year" = r_year AND channel = 'direct' THEN 1 ELSE 0 END AS received_direct,
           CASE WHEN "year" = r_year AND channel = 'postal' THEN 1 ELSE 0 END AS received_postal,
           CASE WHEN "year" > r_year AND counted = 1 THEN 1 ELSE 0 END AS carried_over,
           CASE WHEN is_resolved = 1 AND res_day < due THEN 1 ELSE 0 END AS resolved_early,
           CASE WHEN is_resolved = 1 AND res_day = due THEN 1 ELSE 0 END AS resolved_on_time,
           CASE WHEN is_resolved = 1 AND res_day > due THEN 1 ELSE 0 END AS resolved_late,
           CASE WHEN counted = 1 AND is_resolved = 0 AND due >= last_day THEN 1 ELSE 0 END AS pending_in_time,
           CASE WHEN counted = 1 AND is_resolved = 0 AND due < last_day THEN 1 ELSE 0 END AS pending_overdue,
           CASE WHEN is_resolved = 1 AND working_days > legal_days THEN 1 ELSE 0 END AS over_limit
    FROM per_year
),
by_days AS (
    -- The figures per group and processing time: the quantiles come from these counts.
    SELECT unit, field, code, name, "year", days,
           SUM(received) AS received, SUM(received_online) AS received_online,
           SUM(received_direct) AS received_direct, SUM(received_postal) AS received_postal,
           SUM(carried_over) AS carried_over, SUM(is_resolved) AS resolved,
           SUM(resolved_early) AS resolved_early, SUM(resolved_on_time) AS resolved_on_time,
           SUM(resolved_late) AS resolved_late, SUM(pending_in_time) AS pending_in_time,
           SUM(pending_overdue) AS pending_overdue, SUM(over_limit) AS over_limit,
           MAX(legal_days) AS legal_days
    FROM counted
    GROUP BY unit, field, code, name, "year", days
),
ranks AS (
    -- Resolved dossiers up to and including each processing time, and in all.
    SELECT b.*,
           SUM(resolved) OVER (PARTITION BY unit, field, code, name, "year" ORDER BY days
                               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS upto,
           SUM(resolved) OVER (PARTITION BY unit, field, code, name, "year") AS total
    FROM by_days b
),
quantiles AS (
    -- Each row's place among the 0-based ranks of the median (h = (n − 1) × 0.5) and p90.
    SELECT r.*,
           FLOOR((total - 1) * CAST(0.5 AS DOUBLE)) AS m_lo, CEIL((total - 1) * CAST(0.5 AS DOUBLE)) AS m_hi,
           FLOOR((total - 1) * CAST(0.9 AS DOUBLE)) AS p_lo, CEIL((total - 1) * CAST(0.9 AS DOUBLE)) AS p_hi
    FROM ranks r
)
SELECT unit, field, code, name, "year",
       SUM(received) AS received, SUM(received_online) AS received_online,
       SUM(received_direct) AS received_direct, SUM(received_postal) AS received_postal,
       SUM(carried_over) AS carried_over, SUM(resolved) AS resolved,
       SUM(resolved_early) AS resolved_early, SUM(resolved_on_time) AS resolved_on_time,
       SUM(resolved_late) AS resolved_late,
       SUM(pending_in_time) AS pending_in_time, SUM(pending_overdue) AS pending_overdue,
       MAX(legal_days) AS legal_days,
       CAST(SUM(days * resolved) AS DOUBLE) / NULLIF(SUM(resolved), 0) AS actual_days,
       MAX(CASE WHEN resolved > 0 AND upto - resolved <= m_lo AND m_lo < upto THEN days END)
         + ((MAX(total) - 1) * CAST(0.5 AS DOUBLE) - FLOOR((MAX(total) - 1) * CAST(0.5 AS DOUBLE)))
         * (MAX(CASE WHEN resolved > 0 AND upto - resolved <= m_hi AND m_hi < upto THEN days END)
            - MAX(CASE WHEN resolved > 0 AND upto - resolved <= m_lo AND m_lo < upto THEN days END))
         AS median_days,
       MAX(CASE WHEN resolved > 0 AND upto - resolved <= p_lo AND p_lo < upto THEN days END)
         + ((MAX(total) - 1) * CAST(0.9 AS DOUBLE) - FLOOR((MAX(total) - 1) * CAST(0.9 AS DOUBLE)))
         * (MAX(CASE WHEN resolved > 0 AND upto - resolved <= p_hi AND p_hi < upto THEN days END)
            - MAX(CASE WHEN resolved > 0 AND upto - resolved <= p_lo AND p_lo < upto THEN days END))
         AS p90_days,
       MAX(CASE WHEN resolved > 0 THEN days END) AS max_days,
       CAST(SUM(over_limit) AS DOUBLE) / NULLIF(SUM(resolved), 0) AS over_limit_share
FROM quantiles
GROUP BY unit, field, code, name, "year";
