"""The yearly statistics of a dossier log, computed by DuckDB from the CSV itself and the committed
calendar table, independently of cchc (tests/e2e/dossiers.rs compares them with
`cchc dossiers stats`).

usage: dossier_stats.py LOG.csv CALENDAR.csv LIMITS.csv YEAR
LIMITS.csv: code,amount,unit (unit: working_days, calendar_days, same_day).
Prints JSON: one object per procedure code.
"""

import json
import sys

import duckdb

log, calendar, limits, year = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
con = duckdb.connect()
con.execute(
    "CREATE TABLE cal AS SELECT * FROM read_csv(?, header = true, comment = '#', all_varchar = true)",
    [calendar],
)
con.execute(
    """
    CREATE TABLE ranked AS
    SELECT day, working, SUM(working::INT) OVER (ORDER BY day) AS rk FROM (
        SELECT d::DATE AS day,
               CASE WHEN c.kind = 'makeup' THEN true
                    WHEN c.kind IS NOT NULL THEN false
                    ELSE isodow(d) <= 5 END AS working
        FROM range(DATE '2020-01-01', DATE '2028-01-01', INTERVAL 1 DAY) t(d)
        LEFT JOIN cal c ON c.date::DATE = d::DATE
    )
    """
)
con.execute("CREATE TABLE wd AS SELECT rk, day FROM ranked WHERE working")
con.execute(
    "CREATE TABLE lim AS SELECT code, amount::DOUBLE AS amount, unit FROM read_csv(?, header = true, all_varchar = true)",
    [limits],
)
fmt = "'%d/%m/%Y %H:%M:%S'"
con.execute(
    f"""
    CREATE TABLE log AS SELECT
        "Mã hồ sơ" AS dossier, "Mã TTHC" AS code, "Kênh nộp" AS channel, "Trạng thái" AS status,
        strptime("Ngày tiếp nhận", {fmt}) AS rec,
        coalesce(try_strptime("Ngày có kết quả", {fmt}), try_strptime("Ngày trả kết quả", {fmt})) AS res,
        try_strptime("Ngày yêu cầu bổ sung", {fmt})::DATE AS sf,
        try_strptime("Ngày nhận bổ sung", {fmt})::DATE AS st
    FROM read_csv(?, delim = ';', header = true, all_varchar = true, quote = '"')
    """,
    [log],
)
rows = con.execute(
    f"""
    WITH base AS (
        SELECT l.*, m.amount, m.unit, r.rk AS rec_rk, r.working AS rec_working,
               rc.rk AS cal_end_rk,
               hour(l.rec) * 60 + minute(l.rec) AS rec_min
        FROM log l
        JOIN lim m USING (code)
        JOIN ranked r ON r.day = l.rec::DATE
        LEFT JOIN ranked rc ON rc.day = l.rec::DATE + (m.amount::INTEGER - 1)::INTEGER
    ), due0 AS (
        SELECT b.*, w.day AS due0, w.rk AS due0_rk FROM base b JOIN wd w ON w.rk = CASE b.unit
            WHEN 'working_days' THEN b.rec_rk + b.amount::INT
            WHEN 'same_day' THEN CASE WHEN b.rec_working AND b.rec_min < 900 THEN b.rec_rk ELSE b.rec_rk + 1 END
            WHEN 'calendar_days' THEN b.cal_end_rk + 1 END
    ), due AS (
        SELECT d.*,
            CASE WHEN d.sf IS NULL OR d.st IS NULL OR d.st <= d.sf THEN d.due0
                 WHEN d.unit = 'calendar_days' THEN
                    (SELECT w.day FROM wd w WHERE w.rk = (SELECT r.rk FROM ranked r WHERE r.day = d.due0 + ((d.st - d.sf) - 1)::INTEGER) + 1)
                 ELSE (SELECT w.day FROM wd w WHERE w.rk = d.due0_rk
                        + (SELECT r.rk FROM ranked r WHERE r.day = d.st)
                        - (SELECT r.rk FROM ranked r WHERE r.day = d.sf)) END AS due
        FROM due0 d
    ), judged AS (
        SELECT u.*,
            u.status IN ('Rút hồ sơ', 'Dừng xử lý', 'Không được tiếp nhận')
                OR (u.res IS NOT NULL AND u.res::DATE < u.rec::DATE) AS not_counted,
            (SELECT r.rk FROM ranked r WHERE r.day = u.res::DATE) - u.rec_rk AS wdays,
            CASE u.unit WHEN 'working_days' THEN u.amount WHEN 'calendar_days' THEN u.amount * 5 / 7
                 ELSE 1 END AS limit_days
        FROM due u
    )
    , period AS (
        -- Resolved in the year: a result dated after it leaves the dossier pending at its end.
        SELECT j.*, j.res IS NOT NULL AND j.res::DATE <= DATE '{year}-12-31' AS done FROM judged j
    )
    SELECT code,
        count(*) AS received,
        count(*) FILTER (channel = 'Trực tuyến') AS received_online,
        count(*) FILTER (channel = 'Trực tiếp') AS received_direct,
        count(*) FILTER (channel = 'Bưu chính công ích') AS received_postal,
        count(*) FILTER (NOT not_counted AND done) AS resolved,
        count(*) FILTER (NOT not_counted AND done AND res::DATE < due) AS resolved_early,
        count(*) FILTER (NOT not_counted AND done AND res::DATE = due) AS resolved_on_time,
        count(*) FILTER (NOT not_counted AND done AND res::DATE > due) AS resolved_late,
        count(*) FILTER (NOT not_counted AND NOT done AND due >= DATE '{year}-12-31') AS pending_in_time,
        count(*) FILTER (NOT not_counted AND NOT done AND due < DATE '{year}-12-31') AS pending_overdue,
        quantile_cont(wdays, 0.5) FILTER (NOT not_counted AND done) AS median_days,
        quantile_cont(wdays, 0.9) FILTER (NOT not_counted AND done) AS p90_days,
        max(wdays) FILTER (NOT not_counted AND done) AS max_days,
        avg((wdays > limit_days)::INT) FILTER (NOT not_counted AND done) AS over_limit_share
    FROM period GROUP BY code ORDER BY code
    """
).fetchall()
cols = [
    "code", "received", "received_online", "received_direct", "received_postal", "resolved",
    "resolved_early", "resolved_on_time", "resolved_late", "pending_in_time", "pending_overdue",
    "median_days", "p90_days", "max_days", "over_limit_share",
]
print(json.dumps([dict(zip(cols, r)) for r in rows]))
