//! Canonical column names, in snake_case, shared by the store, the analyses and the CLI output.

/// Year of the data (năm), e.g. 2021.
pub const YEAR: &str = "year";
/// The unit assessed (đơn vị): a department (sở) or district (huyện).
pub const UNIT: &str = "unit";
/// Item code as printed in the table: `1`, `1.1`, `1.1.1`, `I`, `a`.
pub const CODE: &str = "code";
/// Code of the enclosing item, null at the top level.
pub const PARENT_CODE: &str = "parent_code";
/// Code of the item's top-level ancestor (its lĩnh vực), the item's own code at the top level.
pub const FIELD_CODE: &str = "field_code";
/// Depth in the hierarchy: 1 for a field (lĩnh vực) or a flat list item.
pub const LEVEL: &str = "level";
/// Name of the criterion (tên tiêu chí).
pub const CRITERION: &str = "criterion";
/// Maximum score (điểm tối đa, điểm chuẩn).
pub const MAX_SCORE: &str = "max_score";
/// Self-assessed score (điểm tự đánh giá).
pub const SELF_SCORE: &str = "self_score";
/// Appraised score (điểm thẩm định), the one that counts when present.
pub const APPRAISED_SCORE: &str = "appraised_score";
/// The score that counts: appraised, else achieved (điểm đạt được), else self-assessed.
pub const SCORE: &str = "score";
/// True for items without children: only leaves are summed.
pub const IS_LEAF: &str = "is_leaf";
/// Reason for lost points (lý do).
pub const REASON: &str = "reason";
/// Remedy planned (giải pháp khắc phục).
pub const REMEDY: &str = "remedy";
/// Free-text note (ghi chú).
pub const NOTE: &str = "note";
/// Content hash (sha256, hex) of the source file: the lineage key.
pub const SOURCE_SHA256: &str = "source_sha256";
/// File name of the source workbook.
pub const SOURCE_FILE: &str = "source_file";
/// Sheet of the source row.
pub const SHEET: &str = "sheet";
/// One-based row number of the source row, as Excel shows it.
pub const ROW: &str = "row";

/// Derived: `score / max_score`, a fraction.
pub const ATTAINMENT: &str = "attainment";
/// Derived: `max_score − score`.
pub const POINTS_LOST: &str = "points_lost";
/// Derived: an item's share of all points lost.
pub const SHARE_OF_LOSS: &str = "share_of_loss";
/// Derived: running share of loss in rank order (Pareto).
pub const CUMULATIVE_SHARE: &str = "cumulative_share";
/// Derived: rank (1 = most).
pub const RANK: &str = "rank";
/// Derived: total maximum of a unit and year.
pub const MAX_TOTAL: &str = "max_total";
/// Derived: total score of a unit and year.
pub const SCORE_TOTAL: &str = "score_total";
/// Derived: change against the previous year present.
pub const DELTA: &str = "delta";
/// Derived: relative change against the previous year present, a fraction.
pub const PCT_CHANGE: &str = "pct_change";
/// Derived: change of rank against the previous year (positive = moved up).
pub const RANK_CHANGE: &str = "rank_change";
/// Derived: self-assessed minus appraised.
pub const SELF_MINUS_APPRAISED: &str = "self_minus_appraised";

/// Survey: the respondent, unique within the store (`<sha12>:<sheet>:<row>`).
pub const RESPONDENT: &str = "respondent";
/// Survey: question code as in the header ("1.2" from "Câu 1.2. …").
pub const QUESTION: &str = "question";
/// Survey: the element (yếu tố) the question belongs to.
pub const ELEMENT: &str = "element";
/// Survey: the five-level scale of the question's answers (`satisfaction`, `agreement`,
/// `quality`, `numbers`); null in answers stored before scales were, which are satisfaction.
pub const SCALE: &str = "scale";
/// Survey: the answer 1–5, null when blank or invalid.
pub const ANSWER: &str = "answer";
/// Survey: `valid`, `blank` or `invalid`.
pub const STATUS: &str = "status";
/// Survey respondents: attribute name as the header gives it ("Giới tính").
pub const ATTRIBUTE: &str = "attribute";
/// Survey respondents: the attribute's value ("Nữ").
pub const VALUE: &str = "value";
/// Survey index: the group a row describes (an element, a question, an attribute value, …).
pub const GROUP: &str = "group";
/// Survey index: respondents with at least one valid answer in the group.
pub const RESPONDENTS: &str = "respondents";
/// Survey index: answers 1–5 in the group.
pub const VALID_ANSWERS: &str = "valid_answers";
/// Survey index: answers 4 or 5.
pub const SATISFIED: &str = "satisfied";
/// Survey index: satisfied / valid answers, a fraction.
pub const INDEX: &str = "index";
/// Survey index: Wilson 95% interval, low end.
pub const CI_LOW: &str = "ci_low";
/// Survey index: Wilson 95% interval, high end.
pub const CI_HIGH: &str = "ci_high";
/// Survey index: two-proportion z-test p-value against the year before.
pub const P_VALUE: &str = "p_value";
/// Survey index: the p-value adjusted for the number of groups tested (Holm by default).
pub const P_ADJUSTED: &str = "p_adjusted";
/// Survey index: the standard error of the index, respondents as clusters.
pub const SE: &str = "se";
/// Survey index: design effect, se² / (index·(1−index)/valid_answers).
pub const DEFF: &str = "deff";
/// Survey index: valid_answers / deff, the number of independent answers worth as much.
pub const EFFECTIVE_N: &str = "effective_n";
/// Survey: a respondent's weight (`--weight`, `--weight-by`).
pub const WEIGHT: &str = "weight";
/// Survey index: p_value < 0.05.
pub const SIGNIFICANT: &str = "significant";
/// Survey index: fewer than 30 respondents in the group.
pub const SMALL_GROUP: &str = "small_group";

/// Procedures: the procedure's name (tên thủ tục hành chính).
pub const NAME: &str = "name";
/// Procedures: the field (lĩnh vực) the procedure belongs to.
pub const FIELD: &str = "field";
/// Procedures: the legal time limit in working days (thời hạn giải quyết theo quy định); a limit
/// in calendar days × 5/7, in working hours ÷ 8, same day as 1 (`legal_amount` and `legal_unit`
/// keep it as written).
pub const LEGAL_DAYS: &str = "legal_days";
/// Procedures: the legal time limit as written, in `legal_unit` (0 for same day).
pub const LEGAL_AMOUNT: &str = "legal_amount";
/// Procedures: the unit of the legal time limit: `working_days`, `calendar_days`,
/// `working_hours`, `same_day`.
pub const LEGAL_UNIT: &str = "legal_unit";
/// Procedures: fee and charges per dossier, VND (phí, lệ phí).
pub const FEE: &str = "fee";
/// Procedures: online service level, `full` (toàn trình, mức 4), `partial` (một phần, mức 3) or
/// `none` (mức 1–2, not online); null when the registry does not say.
pub const ONLINE_LEVEL: &str = "online_level";
/// Procedures: number of dossier components (thành phần hồ sơ).
pub const COMPONENTS: &str = "components";
/// Procedures: the body that issued the procedure (cơ quan ban hành, e.g. a ministry), as the
/// national portal's list names it.
pub const ISSUER: &str = "issuer";
/// Procedures: the agencies that carry the procedure out (cơ quan thực hiện), a list.
pub const AGENCIES: &str = "agencies";
/// Procedures: dossiers received in the period, all channels (tổng số hồ sơ tiếp nhận).
pub const RECEIVED: &str = "received";
/// Procedures: received online (trực tuyến).
pub const RECEIVED_ONLINE: &str = "received_online";
/// Procedures: received in person (trực tiếp).
pub const RECEIVED_DIRECT: &str = "received_direct";
/// Procedures: received through the public postal service (bưu chính công ích, BCCI).
pub const RECEIVED_POSTAL: &str = "received_postal";
/// Procedures: dossiers carried over from the previous period (tồn kỳ trước).
pub const CARRIED_OVER: &str = "carried_over";
/// Procedures: dossiers resolved in the period (đã giải quyết).
pub const RESOLVED: &str = "resolved";
/// Procedures: resolved before the deadline (trước hạn).
pub const RESOLVED_EARLY: &str = "resolved_early";
/// Procedures: resolved on the deadline (đúng hạn).
pub const RESOLVED_ON_TIME: &str = "resolved_on_time";
/// Procedures: resolved after the deadline (trễ hạn, quá hạn).
pub const RESOLVED_LATE: &str = "resolved_late";
/// Procedures: dossiers still being handled at the end of the period (đang giải quyết).
pub const PENDING: &str = "pending";
/// Procedures: pending and still within the time limit (trong hạn).
pub const PENDING_IN_TIME: &str = "pending_in_time";
/// Procedures: pending and past the time limit (quá hạn).
pub const PENDING_OVERDUE: &str = "pending_overdue";
/// Procedures: average actual processing time in working days (thời gian giải quyết thực tế bình quân).
pub const ACTUAL_DAYS: &str = "actual_days";

/// Procedure ratios: dossiers received online / `received`.
pub const ONLINE_SHARE: &str = "online_share";
/// Procedure ratios: dossiers received in person / `received`.
pub const DIRECT_SHARE: &str = "direct_share";
/// Procedure ratios: dossiers received by public post / `received`.
pub const POSTAL_SHARE: &str = "postal_share";
/// Procedure ratios: (early + on time) / `resolved`.
pub const ON_TIME_RATE: &str = "on_time_rate";
/// Procedure ratios: late / `resolved`.
pub const LATE_RATE: &str = "late_rate";
/// Procedure ratios: `received` + `carried_over` (the one-stop portals' denominator).
pub const NEED_TO_HANDLE: &str = "need_to_handle";
/// Procedure ratios: (late + pending overdue) / `need_to_handle`.
pub const LATE_OR_OVERDUE_RATE: &str = "late_or_overdue_rate";
/// Procedure ratios: `actual_days` / `legal_days`.
pub const TIME_RATIO: &str = "time_ratio";
/// Procedure roll-ups: procedures in the group.
pub const PROCEDURES: &str = "procedures";
/// Procedure roll-ups: procedures that received at least one dossier.
pub const PROCEDURES_WITH_DOSSIERS: &str = "procedures_with_dossiers";
/// Procedure roll-ups: procedures offered online that received an online dossier / procedures
/// offered online.
pub const ONLINE_UPTAKE: &str = "online_uptake";
/// Procedure roll-ups: procedures at level toàn trình / procedures whose level is known.
pub const FULL_ONLINE_PROCEDURES: &str = "full_online_procedures";
/// Procedure ratios: `postal_share` reaches the postal target.
pub const POSTAL_TARGET_MET: &str = "postal_target_met";
/// Procedure ratios: `online_share` reaches the online target.
pub const ONLINE_TARGET_MET: &str = "online_target_met";
/// Simplification: the reasons a procedure is proposed, as codes joined by `;`.
pub const REASON_CODES: &str = "reason_codes";
/// Simplification: the time limit proposed by the time-slack rule, in working days.
pub const PROPOSED_LEGAL_DAYS: &str = "proposed_legal_days";
/// Simplification: the number of dossier components proposed by the components rule.
pub const PROPOSED_COMPONENTS: &str = "proposed_components";
/// Simplification: the proposals in words (added for people by the command line).
pub const PROPOSAL: &str = "proposal";
/// Simplification: the reasons in words (added for people by the command line).
pub const REASONS: &str = "reasons";
/// Simplification: annual compliance cost before, VND.
pub const COST_BEFORE: &str = "cost_before";
/// Simplification: estimated annual saving, VND.
pub const ESTIMATED_SAVING: &str = "estimated_saving";
/// Simplification: the candidate's rank / the unit's procedures.
pub const CUMULATIVE_SHARE_OF_PROCEDURES: &str = "cumulative_share_of_procedures";

/// Rejects: the kind of table the refused row was imported as.
pub const KIND: &str = "kind";
/// Rejects: the cell that refused the row (`'Sheet 1'!D12`).
pub const CELL: &str = "cell";
/// Rejects: the reason's code (`not_a_number`, `invalid_answer`, …).
pub const REASON_CODE: &str = "reason_code";
/// Rejects: the reason with its figures, as JSON (`{"reason":"not_a_number","column":…}`); the
/// command line puts it in words.
pub const REJECTION: &str = "rejection";
/// Rejects: the refused row's non-empty cells as text, joined with " | ".
pub const ROW_TEXT: &str = "row_text";
/// Rejects written before the reasons were stored as data: the reason in Vietnamese.
pub const LEGACY_REASON_VI: &str = "reason_vi";
/// Rejects written before the reasons were stored as data: the reason in English.
pub const LEGACY_REASON_EN: &str = "reason_en";

/// Scorecard trend: the self-assessed total of a unit and year.
pub const SELF_TOTAL: &str = "self_total";
/// Survey distribution: answers at each level 1–5.
pub const LEVELS: [&str; 5] = ["level_1", "level_2", "level_3", "level_4", "level_5"];
/// Survey distribution: each level's share of the valid answers.
pub const SHARES: [&str; 5] = ["share_1", "share_2", "share_3", "share_4", "share_5"];

/// Calendar: a date, ISO `yyyy-mm-dd`.
pub const DATE: &str = "date";
/// Calendar: the day of the week (Thứ Hai … Chủ nhật).
pub const WEEKDAY: &str = "weekday";
/// Calendar: what the day is (`holiday`, `observed`, `swap_off`, `makeup`, `pending`).
pub const DAY_KIND: &str = "day_kind";
/// Calendar: the day's name (Tết Nguyên đán (mùng 1), Nghỉ bù …).
pub const DAY_NAME: &str = "day_name";
/// Calendar: the article of law behind the day.
pub const BASIS: &str = "basis";
/// Calendar: the yearly decision that fixed the day.
pub const DECISION: &str = "decision";
/// Calendar: whether public offices work that day.
pub const WORKING_DAY: &str = "working_day";
/// Calendar table: the working day's number, counted from the calendar's first day (a day off
/// carries the number of the last working day before it): the `n`th working day after a day `d`
/// is the working day numbered `working_ordinal(d) + n`.
pub const WORKING_ORDINAL: &str = "working_ordinal";
/// Calendar table: the day's number counted from 1970-01-01 (day 0), so that adding days or
/// counting calendar days is integer arithmetic in every engine.
pub const DAY_NUMBER: &str = "day_number";
/// Calendar table: the morning's working hours, `HH:MM`.
pub const MORNING_START: &str = "morning_start";
/// Calendar table: the end of the morning's working hours, `HH:MM`.
pub const MORNING_END: &str = "morning_end";
/// Calendar table: the afternoon's working hours, `HH:MM`.
pub const AFTERNOON_START: &str = "afternoon_start";
/// Calendar table: the end of the afternoon's working hours, `HH:MM`.
pub const AFTERNOON_END: &str = "afternoon_end";
/// Calendar table: the time after which a same-day procedure is due the next working day, `HH:MM`.
pub const SAME_DAY_CUTOFF: &str = "same_day_cutoff";
/// Calendar: the lunar date (ngày/tháng âm lịch).
pub const LUNAR_DATE: &str = "lunar_date";

/// Dossier logs: the dossier's code (mã hồ sơ), `000.17.22.H56-210531-0001`.
pub const DOSSIER_CODE: &str = "dossier_code";
/// Dossier logs: the channel it came by: `online`, `direct`, `postal`.
pub const CHANNEL: &str = "channel";
/// Dossier logs: its status, as a code: `registered`, `accepted`, `refused`, `processing`,
/// `supplement`, `financial`, `withdrawn`, `stopped`, `completed`, `returned` (codes 1–10 of the
/// provincial systems).
pub const DOSSIER_STATUS: &str = "dossier_status";
/// Dossier logs: when it was submitted (ngày nộp). This and the other dates of a log
/// ([`DOSSIER_DATES`]) are timestamps of local time, at the precision written
/// ([`DATE_PRECISION`], [`crate::stamp`]).
pub const SUBMITTED_AT: &str = "submitted_at";
/// Dossier logs: when it was received, complete (ngày tiếp nhận): the clock starts here.
pub const RECEIVED_AT: &str = "received_at";
/// Dossier logs: the due date the office wrote (ngày hẹn trả).
pub const DUE_WRITTEN: &str = "due_written";
/// Dossier logs: the due date after an extension (ngày gia hạn).
pub const EXTENDED_TO: &str = "extended_to";
/// Dossier logs: when processing ended with a result (ngày có kết quả, kết thúc xử lý).
pub const RESOLVED_AT: &str = "resolved_at";
/// Dossier logs: when the result was handed over (ngày trả kết quả).
pub const RETURNED_AT: &str = "returned_at";
/// Dossier logs: when a supplement was requested (ngày yêu cầu bổ sung): the clock stops.
pub const SUPPLEMENT_FROM: &str = "supplement_from";
/// Dossier logs: when the supplement came in (ngày nhận bổ sung): the clock runs again.
pub const SUPPLEMENT_TO: &str = "supplement_to";
/// The date columns of a dossier log, in the order they are stored and their precisions packed.
pub const DOSSIER_DATES: [&str; 8] = [
    SUBMITTED_AT,
    RECEIVED_AT,
    DUE_WRITTEN,
    EXTENDED_TO,
    RESOLVED_AT,
    RETURNED_AT,
    SUPPLEMENT_FROM,
    SUPPLEMENT_TO,
];
/// How finely each date of a row was written (a 32-bit integer): two bits per date column (1 a
/// date alone, 2 to the minute, 3 to the second, 0 empty), see [`crate::stamp::pack`].
pub const DATE_PRECISION: &str = "date_precision";
/// Dossier analyses: the due date by the legal limit on the calendar, ISO.
pub const DUE_LEGAL: &str = "due_legal";
/// Dossier analyses: cchc's verdict (`early`, `on_time`, `late`, `pending_in_time`,
/// `pending_overdue`, `not_counted`).
pub const VERDICT: &str = "verdict";
/// Dossier analyses: the office's verdict (the same rule against its written due date).
pub const OFFICE_VERDICT: &str = "office_verdict";
/// Dossier analyses: the processing time in working days (receipt to result).
pub const WORKING_DAYS: &str = "working_days";
/// Dossier analyses: the period (`2024`, `2024-Q1`, `2024-03`); `store list`: the days a source
/// covers when not whole years (`2025-01-01..2025-06-30`).
pub const PERIOD: &str = "period";
/// Dossier statistics: resolved, median processing time in working days.
pub const MEDIAN_DAYS: &str = "median_days";
/// Dossier statistics: resolved, 90th percentile of processing time in working days.
pub const P90_DAYS: &str = "p90_days";
/// Dossier statistics: resolved, longest processing time in working days.
pub const MAX_DAYS: &str = "max_days";
/// Dossier statistics: resolved dossiers that took longer than the limit, as a share.
pub const OVER_LIMIT_SHARE: &str = "over_limit_share";
/// Dossier statistics: which verdict the figures follow (`cchc`, `office`).
pub const VERDICT_SOURCE: &str = "verdict_source";
/// Procedure statistics: where the figures come from: `office` (the office's own report) or
/// `log` (computed by cchc from a dossier log).
pub const ORIGIN: &str = "origin";
/// Dossier reconciliation: the figure compared (a column name of the statistics).
pub const FIGURE: &str = "figure";
/// Dossier reconciliation: the figure as the log gives it.
pub const FROM_LOG: &str = "from_log";
/// Dossier reconciliation: the figure as the office reported it.
pub const FROM_OFFICE: &str = "from_office";
/// Dossier reconciliation: log minus office.
pub const DIFFERENCE: &str = "difference";

/// Store listing: the years of a source's rows, joined.
pub const YEARS: &str = "years";
/// Store listing: the units of a source's rows, joined.
pub const UNITS: &str = "units";
/// Store listing: rows read from the source.
pub const ROWS_READ: &str = "rows_read";
/// Store listing: rows imported.
pub const IMPORTED: &str = "imported";
/// Store listing: rows recognised as structure.
pub const STRUCTURE: &str = "structure";
/// Store listing: rows rejected.
pub const REJECTED: &str = "rejected";
/// Store listing: the start of the source's sha256.
pub const SHA256: &str = "sha256";
/// Store listing: when the source was imported.
pub const IMPORTED_AT: &str = "imported_at";

/// Unit register: a unit's key (its code or type and the day it began: `x:26005@2025-07-01`).
pub const UNIT_KEY: &str = "unit_key";
/// Unit register: the province a unit belongs to (its name); a unit's identity includes it.
pub const PROVINCE: &str = "province";
/// Unit register: the province's key.
pub const PROVINCE_KEY: &str = "province_key";
/// Unit register: the block a unit is ranked in (`departments`, `districts`, `communes`,
/// `provinces`, `ministries`).
pub const PEER_GROUP: &str = "peer_group";
/// Under the latest unit map: the unit a row was reported under, before it was read as its
/// successor's.
pub const REPORTED_UNIT: &str = "reported_unit";
/// Under the latest unit map: the units as reported that a row's figures combine (JSON list).
pub const COMBINED_FROM: &str = "combined_from";
/// Under the latest unit map: a successor's predecessors with their own figures for a year
/// before the change (JSON list of objects).
pub const PREDECESSORS: &str = "predecessors";
/// Under the latest unit map, in a predecessor of `predecessors`: the first day its work was
/// another unit's (ISO).
pub const CHANGED: &str = "changed";
/// Columns that hold JSON text: written as JSON values in JSON output.
pub const JSON_COLUMNS: [&str; 2] = [COMBINED_FROM, PREDECESSORS];
/// Unit register: the first day a unit was valid, ISO (empty: before the register's horizon).
pub const VALID_FROM: &str = "valid_from";
/// Unit register: the last day a unit was valid, ISO (empty: still valid).
pub const VALID_TO: &str = "valid_to";
/// Unit register: an old commune's district (its name).
pub const DISTRICT: &str = "district";
/// Unit register: the population the merger map gives a new commune.
pub const POPULATION: &str = "population";
/// Unit register edges: the predecessor's key.
pub const FROM_KEY: &str = "from_key";
/// Unit register edges: the successor's key.
pub const TO_KEY: &str = "to_key";
/// Unit register edges: `full` (the whole predecessor) or `partial`.
pub const EDGE: &str = "edge";

#[cfg(test)]
mod tests {
    //! Every stored or result column is named here once: a literal naming one elsewhere would
    //! compile after a rename and silently lose a label or a column.

    use std::path::Path;

    /// The names this module defines.
    fn names() -> Vec<String> {
        let text = include_str!("columns.rs");
        let text = text.split("#[cfg(test)]").next().unwrap_or(text);
        let mut names = Vec::new();
        for line in text.lines().filter(|l| l.starts_with("pub const ")) {
            let mut rest = line;
            while let Some(start) = rest.find('"') {
                let after = &rest[start + 1..];
                let Some(end) = after.find('"') else { break };
                names.push(after[..end].to_owned());
                rest = &after[end + 1..];
            }
        }
        names
    }

    /// Literals that name a column where code names columns: `col("x")`, `column("x")`,
    /// `Column::new("x"`, `Field::new("x"`, `.alias("x")`, `scan_table("x")`, a list element
    /// `"x",`, a `df!` key `"x" =>`, a tuple `("x",`.
    fn column_literals(code: &str, names: &[String]) -> Vec<String> {
        let mut found = Vec::new();
        for line in code.lines() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("//") {
                continue;
            }
            for name in names {
                let quoted = format!("\"{name}\"");
                let calls = [
                    "col(",
                    "column(",
                    "Column::new(",
                    "Field::new(",
                    "alias(",
                    "scan_table(",
                    "(",
                ];
                let hit = calls.iter().any(|c| line.contains(&format!("{c}{quoted}")))
                    || trimmed.starts_with(&format!("{quoted},"))
                    || trimmed.starts_with(&format!("{quoted} =>"));
                if hit {
                    found.push(format!("{name}: {trimmed}"));
                }
            }
        }
        found
    }

    fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs")
                // Test modules and test support (`tests.rs`, `check.rs`) spell names out.
                && path.file_name().is_some_and(|n| n != "tests.rs" && n != "check.rs")
            {
                out.push(path);
            }
        }
    }

    #[test]
    fn no_literal_names_a_column_outside_model() {
        let names = names();
        assert!(
            names.iter().any(|n| n == "year") && names.len() > 80,
            "{names:?}"
        );
        let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        for krate in ["import", "store", "analysis", "plot", "cli"] {
            sources(&crates.join(krate).join("src"), &mut files);
        }
        assert!(files.len() > 30, "{} files", files.len());
        let mut problems = Vec::new();
        for file in &files {
            let text = std::fs::read_to_string(file).expect("read");
            // Tests may spell the names out: they check the contract a rename would break.
            let code = text.split("#[cfg(test)]").next().unwrap_or(&text);
            for hit in column_literals(code, &names) {
                problems.push(format!("{}: {hit}", file.display()));
            }
        }
        assert!(
            problems.is_empty(),
            "column names as literals:\n{}",
            problems.join("\n")
        );
    }

    #[test]
    fn the_literal_check_sees_the_usual_places() {
        let names = vec!["unit".to_owned(), "late_rate".to_owned()];
        for code in [
            "lf.filter(col(\"unit\").eq(lit(u)))",
            "df.column(\"late_rate\")?",
            "    \"unit\",",
            "    \"unit\" => units,",
            "    (\"late_rate\", \"Trễ hạn\", \"Late\"),",
            "x.alias(\"unit\")",
        ] {
            assert_eq!(column_literals(code, &names).len(), 1, "{code}");
        }
        for code in [
            "lang.pick(\"đơn vị\", \"unit\")",
            "\"unit\" | \"don vi\" => By::Unit,",
            "// col(\"unit\")",
            "col(c::UNIT)",
        ] {
            assert!(column_literals(code, &names).is_empty(), "{code}");
        }
    }
}
