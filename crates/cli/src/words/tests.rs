//! Every variant of every value this module renders, in both languages: the English words hold
//! no Vietnamese word outside quotes, and the Vietnamese words no English one. Samples carry
//! Vietnamese workbook text (sheets, headers, units, values), which must come out quoted. An
//! exhaustive `match` per enum numbers its variants, so a new variant fails to compile until it is
//! numbered here, and then fails the test until it has a sample.

use std::path::PathBuf;

use cchc_analysis::procedures::Reason;
use cchc_import::{
    ColumnRole, ImportError, Origin, Oversize, ProfileProblem, Quantity, SkipReason,
};
use cchc_model::{
    CellRef, Lang, PartsOf, RejectReason, StructureKind, TableKind, Warning, WarningKind,
};
use cchc_plot::PlotError;
use cchc_store::StoreError;

use super::check::{english_words, own_words, vietnamese_words};
use super::{Words, origin};

/// Renders `samples` both ways and checks each language; returns the variant numbers covered.
fn check_all<T: Words>(
    samples: &[T],
    number: fn(&T) -> usize,
    problems: &mut Vec<String>,
) -> Vec<usize> {
    for sample in samples {
        let (en, vi) = (sample.words(Lang::En), sample.words(Lang::Vi));
        check_pair(&en, &vi, problems);
    }
    let mut seen: Vec<usize> = samples.iter().map(number).collect();
    seen.sort_unstable();
    seen.dedup();
    seen
}

fn check_pair(en: &str, vi: &str, problems: &mut Vec<String>) {
    let foreign_en = vietnamese_words(&own_words(en));
    if !foreign_en.is_empty() || en.trim().is_empty() {
        problems.push(format!("en {foreign_en:?}: {en}"));
    }
    let foreign_vi = english_words(&own_words(vi));
    if !foreign_vi.is_empty() || vi.trim().is_empty() {
        problems.push(format!("vi {foreign_vi:?}: {vi}"));
    }
    if en == vi {
        problems.push(format!("the same in both languages: {en}"));
    }
}

fn all(n: usize) -> Vec<usize> {
    (0..n).collect()
}

fn path() -> PathBuf {
    PathBuf::from("bang_diem_2023.xlsx")
}

fn sheet() -> String {
    "Phụ lục".to_owned()
}

fn import_number(e: &ImportError) -> usize {
    use ImportError::*;
    match e {
        Io { .. } => 0,
        Empty { .. } => 1,
        NotASpreadsheet { .. } => 2,
        Encrypted { .. } => 3,
        Damaged { .. } => 4,
        SheetNotFound { .. } => 5,
        NoTable { .. } => 6,
        TooLarge { .. } => 7,
        MissingColumn { .. } => 8,
        AmbiguousColumn { .. } => 9,
        NoYear { .. } => 10,
        NoUnit { .. } => 11,
        Conflict(_) => 12,
        Profile { .. } => 13,
        Sink { .. } => 14,
        Inflated { .. } => 15,
        Compressed { .. } => 16,
        StrayCell { .. } => 17,
        UnknownKind { .. } => 18,
    }
}

fn import_errors() -> Vec<ImportError> {
    use ImportError::*;
    vec![
        Io {
            path: path(),
            source: std::io::Error::other("permission denied"),
        },
        Empty { path: path() },
        NotASpreadsheet { path: path() },
        Encrypted { path: path() },
        Damaged {
            path: path(),
            detail: "invalid zip header".into(),
        },
        SheetNotFound {
            path: path(),
            sheet: "Năm 2025".into(),
            available: "Phụ lục, Năm 2023".into(),
        },
        NoTable {
            path: path(),
            sheet: Some(sheet()),
        },
        NoTable {
            path: path(),
            sheet: None,
        },
        TooLarge {
            path: path(),
            sheet: sheet(),
            what: Oversize::Cells { max: 100 },
        },
        MissingColumn {
            path: path(),
            sheet: sheet(),
            field: "max_score".into(),
            expected: "Điểm tối đa".into(),
        },
        AmbiguousColumn {
            path: path(),
            sheet: sheet(),
            field: "unit".into(),
            first: "C".into(),
            second: "D".into(),
        },
        NoYear {
            path: path(),
            sheet: sheet(),
        },
        NoUnit {
            path: path(),
            sheet: sheet(),
        },
        Conflict(Box::new(cchc_import::Conflict {
            path: path(),
            sheet: sheet(),
            what: Quantity::Unit,
            first: "Sở Tư pháp".into(),
            first_source: Origin::Flag,
            second: "Sở Y tế".into(),
            second_source: Origin::Title,
        })),
        Profile {
            path: path(),
            problem: ProfileProblem::UnknownField("điểm".into()),
        },
        Sink {
            path: path(),
            source: "disk full".into(),
        },
        Sink {
            path: path(),
            source: Box::new(StoreError::Io {
                path: PathBuf::from("cchc-data"),
                source: std::io::Error::other("disk full"),
            }),
        },
        Inflated {
            path: path(),
            entry: "xl/worksheets/sheet1.xml".into(),
            size: 1 << 40,
            limit: 1 << 34,
        },
        Compressed {
            path: path(),
            entry: "xl/worksheets/sheet1.xml".into(),
            ratio: 1000,
            limit: 500,
        },
        StrayCell {
            path: path(),
            sheet: sheet(),
            cell: "XFD1048576".into(),
            gap: 1_048_000,
        },
        UnknownKind {
            path: path(),
            likely: Some(TableKind::Survey),
        },
    ]
}

fn oversize_number(o: &Oversize) -> usize {
    match o {
        Oversize::Row { .. } => 0,
        Oversize::Column { .. } => 1,
        Oversize::Cells { .. } => 2,
        Oversize::Range { .. } => 3,
    }
}

fn profile_number(p: &ProfileProblem) -> usize {
    match p {
        ProfileProblem::Syntax(_) => 0,
        ProfileProblem::RowZero => 1,
        ProfileProblem::UnknownField(_) => 2,
        ProfileProblem::NoColumn { .. } => 3,
    }
}

fn store_number(e: &StoreError) -> usize {
    match e {
        StoreError::Io { .. } => 0,
        StoreError::Manifest { .. } => 1,
        StoreError::Locked { .. } => 2,
        StoreError::Ambiguous { .. } => 3,
        StoreError::Parquet { .. } => 4,
        StoreError::NothingImported { .. } => 5,
    }
}

fn report_number(e: &cchc_report::ReportError) -> usize {
    use cchc_report::ReportError as E;
    match e {
        E::Frame(_) => 0,
        E::Plot(_) => 1,
        E::Xlsx { .. } => 2,
        E::Docx { .. } => 3,
        E::Io { .. } => 4,
    }
}

fn plot_number(e: &PlotError) -> usize {
    match e {
        PlotError::Extension { .. } => 0,
        PlotError::NoData { .. } => 1,
        PlotError::Frame(_) => 2,
        PlotError::Draw { .. } => 3,
    }
}

fn reject_number(r: &RejectReason) -> usize {
    match r {
        RejectReason::NotANumber { .. } => 0,
        RejectReason::Missing { .. } => 1,
        RejectReason::Negative { .. } => 2,
        RejectReason::NoName => 3,
        RejectReason::DuplicateCode { .. } => 4,
        RejectReason::InvalidAnswer { .. } => 5,
        RejectReason::InvalidCode { .. } => 6,
        RejectReason::NotACount { .. } => 7,
        RejectReason::NotADate { .. } => 8,
    }
}

fn warning_number(w: &Warning) -> usize {
    match w.kind {
        WarningKind::TotalMismatch { .. } => 0,
        WarningKind::ParentMismatch { .. } => 1,
        WarningKind::ScoreAboveMax { .. } => 2,
        WarningKind::SelfScoreUsed => 3,
        WarningKind::AmbiguousThousands { .. } => 4,
        WarningKind::PartsMismatch { .. } => 5,
        WarningKind::NotRead { .. } => 6,
        WarningKind::RankMismatch { .. } => 7,
        WarningKind::StrayCell { .. } => 8,
    }
}

fn reason_number(r: &Reason) -> usize {
    match r {
        Reason::NoDossiers { .. } => 0,
        Reason::TimeSlack { .. } => 1,
        Reason::Late { .. } => 2,
        Reason::LowOnline { .. } => 3,
        Reason::ManyComponents { .. } => 4,
    }
}

fn skip_number(s: &SkipReason) -> usize {
    match s {
        SkipReason::NoHeader(_) => 0,
        SkipReason::MissingColumns(_) => 1,
        SkipReason::NoQuestions => 2,
        SkipReason::Codebook => 3,
    }
}

fn role_number(r: &ColumnRole) -> usize {
    match r {
        ColumnRole::Field(_) => 0,
        ColumnRole::Question { .. } => 1,
        ColumnRole::Attribute(_) => 2,
        ColumnRole::Personal(_) => 3,
        ColumnRole::Timestamp => 4,
    }
}

fn scale_number(s: &cchc_model::Scale) -> usize {
    match s {
        cchc_model::Scale::Satisfaction => 0,
        cchc_model::Scale::Agreement => 1,
        cchc_model::Scale::Quality => 2,
        cchc_model::Scale::Numbers => 3,
    }
}

fn personal_number(p: &cchc_import::PersonalKind) -> usize {
    use cchc_import::PersonalKind as P;
    match p {
        P::Email => 0,
        P::Phone => 1,
        P::Name => 2,
        P::IdNumber => 3,
        P::BirthDate => 4,
        P::Address => 5,
    }
}

fn note_number(n: &cchc_import::SheetNote) -> usize {
    match n {
        cchc_import::SheetNote::QuestionsAsElements => 0,
    }
}

#[test]
fn every_variant_speaks_only_its_language_outside_quotes() {
    let mut problems = Vec::new();
    let column = || "Điểm tự đánh giá".to_owned();
    assert_eq!(
        check_all(&import_errors(), import_number, &mut problems),
        all(19)
    );
    let oversizes = [
        Oversize::Row {
            row: 2_000_000,
            max: 1_048_576,
        },
        Oversize::Column {
            col: 20_000,
            max: 16_384,
        },
        Oversize::Cells { max: 100 },
        Oversize::Range {
            detail: "Cell limit exceeded".into(),
        },
    ];
    assert_eq!(
        check_all(&oversizes, oversize_number, &mut problems),
        all(4)
    );
    let profiles = [
        ProfileProblem::Syntax("expected `=`".into()),
        ProfileProblem::RowZero,
        ProfileProblem::UnknownField("điểm".into()),
        ProfileProblem::NoColumn {
            field: "max_score".into(),
            column: "Điểm chuẩn".into(),
        },
    ];
    assert_eq!(check_all(&profiles, profile_number, &mut problems), all(4));
    let store = || PathBuf::from("cchc-data");
    let stores = [
        StoreError::Io {
            path: store(),
            source: std::io::Error::other("read-only"),
        },
        StoreError::Manifest {
            path: store(),
            detail: "expected value".into(),
        },
        StoreError::Locked {
            path: store(),
            pid: "42".into(),
        },
        StoreError::Ambiguous {
            key: "ab".into(),
            candidates: vec!["abc1".into(), "abd2".into()],
        },
        StoreError::Parquet {
            path: store(),
            detail: "bad page".into(),
        },
        StoreError::NothingImported {
            path: store(),
            kind: cchc_model::TableKind::Survey,
        },
    ];
    assert_eq!(check_all(&stores, store_number, &mut problems), all(6));
    // Every kind says what to import first, in both languages.
    for kind in [
        cchc_model::TableKind::Scorecard,
        cchc_model::TableKind::Survey,
        cchc_model::TableKind::Procedures,
        cchc_model::TableKind::Dossiers,
    ] {
        let e = StoreError::NothingImported {
            path: store(),
            kind,
        };
        check_pair(&e.words(Lang::En), &e.words(Lang::Vi), &mut problems);
    }
    let plots = [
        PlotError::Extension {
            path: "chart.gif".into(),
        },
        PlotError::NoData {
            what: "Sở Y tế 2024".into(),
        },
        PlotError::Frame(polars::prelude::PolarsError::ColumnNotFound("unit".into())),
        PlotError::Draw {
            path: "chart.png".into(),
            detail: "font".into(),
        },
    ];
    assert_eq!(check_all(&plots, plot_number, &mut problems), all(4));
    let reports = [
        cchc_report::ReportError::Frame(polars::prelude::PolarsError::ColumnNotFound(
            "unit".into(),
        )),
        cchc_report::ReportError::Plot(PlotError::NoData {
            what: "Sở Y tế 2024".into(),
        }),
        cchc_report::ReportError::Xlsx {
            path: "bao_cao.xlsx".into(),
            detail: "disk full".into(),
        },
        cchc_report::ReportError::Docx {
            path: "ke_hoach.docx".into(),
            detail: "disk full".into(),
        },
        cchc_report::ReportError::Io {
            path: "bao_cao.html".into(),
            source: std::io::Error::other("read-only"),
        },
    ];
    assert_eq!(check_all(&reports, report_number, &mut problems), all(5));
    let rejects = [
        RejectReason::NotANumber {
            column: column(),
            value: "nhiều".into(),
        },
        RejectReason::Missing { column: column() },
        RejectReason::Negative {
            column: column(),
            value: -1.5,
        },
        RejectReason::NoName,
        RejectReason::DuplicateCode {
            code: "2.2".into(),
            first: "'Năm 2023'!A13".into(),
        },
        RejectReason::InvalidAnswer {
            question: "2.1".into(),
            value: "rất tốt".into(),
            scale: Some(cchc_model::Scale::Agreement),
        },
        RejectReason::InvalidCode {
            column: "Mã TTHC".into(),
            value: "1.00012".into(),
        },
        RejectReason::NotACount {
            column: "Tổng số".into(),
            value: "nhiều".into(),
        },
        RejectReason::NotADate {
            column: "Dấu thời gian".into(),
            value: "hôm qua".into(),
        },
    ];
    assert_eq!(check_all(&rejects, reject_number, &mut problems), all(9));
    let at = || Some(CellRef::new("Năm 2023", 10, 4));
    let warning = |kind| Warning { cell: at(), kind };
    let warnings = [
        warning(WarningKind::TotalMismatch {
            column: column(),
            stated: 17.0,
            computed: 15.5,
        }),
        warning(WarningKind::ParentMismatch {
            code: "2".into(),
            column: column(),
            stated: 9.0,
            children: 7.5,
        }),
        warning(WarningKind::ScoreAboveMax {
            code: "3".into(),
            score: 2.5,
            max_score: 2.0,
        }),
        warning(WarningKind::SelfScoreUsed),
        warning(WarningKind::AmbiguousThousands {
            value: "1.000".into(),
        }),
        warning(WarningKind::PartsMismatch {
            code: "1.000102".into(),
            column: "Kết quả giải quyết / Tổng số".into(),
            stated: 31.0,
            parts: 30.0,
            parts_of: PartsOf::Resolution,
        }),
        warning(WarningKind::NotRead {
            column: "Lệ phí".into(),
            value: "theo quy định".into(),
        }),
        warning(WarningKind::RankMismatch {
            unit: "Sở Y tế".into(),
            stated: 2.0,
            computed: 3.0,
        }),
        warning(WarningKind::StrayCell { gap: 65_505 }),
    ];
    assert_eq!(check_all(&warnings, warning_number, &mut problems), all(9));
    for parts in [PartsOf::Channels, PartsOf::Resolution, PartsOf::Pending] {
        check_pair(
            &parts.words(Lang::En),
            &parts.words(Lang::Vi),
            &mut problems,
        );
    }
    for kind in StructureKind::ALL {
        check_pair(&kind.words(Lang::En), &kind.words(Lang::Vi), &mut problems);
    }
    for kind in [
        TableKind::Scorecard,
        TableKind::Survey,
        TableKind::Procedures,
    ] {
        check_pair(&kind.words(Lang::En), &kind.words(Lang::Vi), &mut problems);
    }
    let reasons = [
        Reason::NoDossiers {
            received: 0,
            year: 2024,
        },
        Reason::TimeSlack {
            actual_days: 4.2,
            legal_days: 15.0,
            proposed_days: 6.0,
            p90_days: None,
        },
        Reason::TimeSlack {
            actual_days: 2.0,
            legal_days: 15.0,
            proposed_days: 5.0,
            p90_days: Some(4.0),
        },
        Reason::Late {
            late: 12,
            resolved: 100,
        },
        Reason::LowOnline {
            online_share: 0.05,
            target: 0.3,
            level: "full".into(),
        },
        Reason::ManyComponents {
            components: 12,
            proposed: 8,
        },
    ];
    assert_eq!(check_all(&reasons, reason_number, &mut problems), all(5));
    for reason in &reasons {
        let (en, vi) = (
            super::proposal(reason, Lang::En),
            super::proposal(reason, Lang::Vi),
        );
        check_pair(&en, &vi, &mut problems);
    }
    let skips = [
        SkipReason::NoHeader(TableKind::Survey),
        SkipReason::MissingColumns(TableKind::Procedures),
        SkipReason::NoQuestions,
        SkipReason::Codebook,
    ];
    assert_eq!(check_all(&skips, skip_number, &mut problems), all(4));
    let roles = [
        ColumnRole::Field("max_score"),
        ColumnRole::Question {
            code: "1.2".into(),
            element: "Tiếp cận dịch vụ".into(),
            scale: cchc_model::Scale::Agreement,
        },
        ColumnRole::Attribute("Giới tính".into()),
        ColumnRole::Personal(cchc_import::PersonalKind::Email),
        ColumnRole::Timestamp,
    ];
    // A canonical field is its code in both languages.
    for role in &roles[1..] {
        check_pair(&role.words(Lang::En), &role.words(Lang::Vi), &mut problems);
    }
    let mut seen: Vec<usize> = roles.iter().map(role_number).collect();
    seen.dedup();
    assert_eq!(seen, all(5));
    assert_eq!(
        check_all(&cchc_model::Scale::ALL, scale_number, &mut problems),
        all(4)
    );
    assert_eq!(
        check_all(
            &cchc_import::PersonalKind::ALL,
            personal_number,
            &mut problems
        ),
        all(6)
    );
    assert_eq!(
        check_all(
            &[cchc_import::SheetNote::QuestionsAsElements],
            note_number,
            &mut problems
        ),
        all(1)
    );
    for o in [
        Origin::Flag,
        Origin::Profile,
        Origin::SheetName("Năm 2023".into()),
        Origin::Title,
        Origin::FileName,
        Origin::HeaderBand(2021),
    ] {
        for what in [Quantity::Year, Quantity::Unit] {
            let (en, vi) = (origin(&o, what, Lang::En), origin(&o, what, Lang::Vi));
            if o != Origin::Flag {
                check_pair(&en, &vi, &mut problems);
            }
        }
    }
    let skipped = |what| cchc_import::RepairKind::SkippedSheet {
        sheet: "Macro1".into(),
        what,
    };
    for kind in [
        cchc_import::RepairKind::Utf16,
        cchc_import::RepairKind::Checksum,
        cchc_import::RepairKind::Indentation,
        cchc_import::RepairKind::Mimetype,
        cchc_import::RepairKind::PartsRenamed,
        cchc_import::RepairKind::PartName,
        skipped(cchc_import::SkippedKind::Macro),
        skipped(cchc_import::SkippedKind::Dialog),
        skipped(cchc_import::SkippedKind::Chart),
        skipped(cchc_import::SkippedKind::NoPart),
    ] {
        let repair = cchc_import::Repair {
            part: "xl/workbook.xml".into(),
            kind,
        };
        check_pair(
            &repair.words(Lang::En),
            &repair.words(Lang::Vi),
            &mut problems,
        );
    }
    let definitions = (
        super::procedure_definitions(Lang::En).join("\n"),
        super::procedure_definitions(Lang::Vi).join("\n"),
    );
    check_pair(&definitions.0, &definitions.1, &mut problems);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The sentences of the catalogue that are functions rather than a typed value's words: each in
/// both languages, every variant of what they take.
#[test]
fn every_sentence_of_the_catalogue_speaks_only_its_language() {
    use cchc_analysis::stats::Adjust;
    use cchc_calendar::Day;
    use cchc_query::report::Step;

    use super::*;
    let mut pairs: Vec<(String, String)> = super::phrases::ALL
        .iter()
        .chain(super::web::ALL.iter())
        .map(|p| (p.en.to_owned(), p.vi.to_owned()))
        .collect();
    let mut both = |f: &dyn Fn(Lang) -> String| pairs.push((f(Lang::En), f(Lang::Vi)));
    let dir = PathBuf::from("du_lieu");
    for heading in [
        Heading::Importing(&dir),
        Heading::SeedGaps,
        Heading::Trend,
        Heading::Satisfaction,
        Heading::Procedures,
        Heading::Proposals,
        Heading::Written,
    ] {
        both(&|l| demo_heading(heading, l));
    }
    both(&|l| demo_store(&dir, l));
    both(&|l| wrote(&dir, l));
    both(&|l| datasets_missing(l).to_owned());
    both(&|l| no_file(l).to_owned());
    both(&|l| web::listening("http://127.0.0.1:8080/", l));
    both(&|l| web::needs_token("0.0.0.0", l));
    both(&|l| web::no_browser("http://127.0.0.1:8080/", l));
    both(&|l| web::cannot_listen("127.0.0.1", 8080, "Address already in use", l));
    both(&|l| web::score_headline("Sở Kế hoạch và Đầu tư", 2021, 30.44, 39.5, l));
    both(&|l| web::file_counts(10, 7, 2, 1, l));
    for step in [
        None,
        Some(Step::Scorecards),
        Some(Step::Surveys),
        Some(Step::Procedures),
    ] {
        both(&|l| report_progress(step, l).to_owned());
    }
    both(&|l| report_progress_document(l).to_owned());
    for adjust in [Adjust::None, Adjust::Holm, Adjust::Bh] {
        both(&|l| adjustment_note(adjust, 3, l));
    }
    both(&|l| dossier_stats_note("cchc", 2, 1, l));
    both(&|l| audit_note(3, 120, l));
    both(&|l| reconcile_note(2, 11, l));
    for code in [
        "overdue_reset",
        "due_later_than_legal",
        "withdrawn_with_result",
        "result_before_receipt",
        "code_date_mismatch",
    ] {
        both(&|l| audit_flag(code, l).to_owned());
    }
    both(&|l| yes_no(true, l).to_owned());
    both(&|l| yes_no(false, l).to_owned());
    for scale in [
        Some("satisfaction"),
        Some("agreement"),
        Some("quality"),
        Some("numbers"),
        None,
    ] {
        both(&|l| scale_cell(scale, l));
    }
    // The appendix is a document: its unit is written as the store names it.
    both(&|l| appendix_title("UBND A", 2024, l).join("\n"));
    both(&|l| {
        let (before, band, figures, after) = appendix_headers(l, 2024);
        [
            before.join("; "),
            band,
            figures.join("; "),
            after.join("; "),
        ]
        .join("\n")
    });
    both(&|l| no_source("abc", l));
    both(&|l| rejects_hint(l).to_owned());
    both(&|l| working_days(2025, 247, l));
    let province = cchc_calendar::Hours {
        province: Some("Đồng Nai".into()),
        ..cchc_calendar::Hours::default()
    };
    both(&|l| working_hours(&province, (2020, 2026), l));
    both(&|l| working_hours(&cchc_calendar::Hours::default(), (2020, 2026), l));
    let covered = vec![(2025, "Sở Tư pháp".to_owned())];
    both(&|l| from_logs(&covered, l).unwrap_or_default());
    both(&|l| registry_only(l).to_owned());
    both(&|l| stats_definitions(0.1, Some(0.3), l).join("\n"));
    both(&|l| proposal_written(std::path::Path::new("phu_luc.xlsx"), l));
    both(&|l| repeated_codes(4, l));
    for code in [
        "departments",
        "districts",
        "communes",
        "provinces",
        "ministries",
    ] {
        both(&|l| peer_group_cell(code, l).to_owned());
    }
    for (name, province, day) in [
        ("Sở Tài chính", Some("Đồng Nai"), None),
        (
            "Sở Kế hoạch và Đầu tư",
            Some("Bình Phước"),
            Day::parse_iso("2021-01-01"),
        ),
        (
            "Phường Hố Nai",
            Some("Đồng Nai"),
            Day::parse_iso("2025-01-01"),
        ),
        ("Bộ Tư pháp", None, None),
    ] {
        let view = cchc_query::units::show(&cchc_query::units::ShowRequest {
            name: name.to_owned(),
            province: province.map(str::to_owned),
            as_of: day,
        })
        .expect("a unit of the register");
        both(&|l| unit_lines(&view, l).join("\n"));
    }
    for note in [
        cchc_query::units::UnitNote::Unknown {
            unit: "Trung tâm Phục vụ hành chính công".into(),
            nearest: vec!["Sở Tư pháp".into()],
        },
        cchc_query::units::UnitNote::Unknown {
            unit: "Ban Quản lý".into(),
            nearest: Vec::new(),
        },
        cchc_query::units::UnitNote::Ended {
            unit: "Sở Kế hoạch và Đầu tư".into(),
            until: Day::parse_iso("2025-02-28").expect("a date"),
            successors: vec!["Sở Tài chính".into()],
        },
    ] {
        both(&|l| note.words(l));
    }
    for notice in [
        cchc_query::MapNotice::Divided {
            unit: "Xã A".into(),
            into: vec!["Xã B".into(), "Phường C".into()],
        },
        cchc_query::MapNotice::Ended {
            unit: "UBND huyện D".into(),
        },
    ] {
        both(&|l| notice.words(l));
    }
    let mut problems = Vec::new();
    for (en, vi) in &pairs {
        check_pair(en, vi, &mut problems);
    }
    assert!(pairs.len() > 100, "{}", pairs.len());
    assert!(problems.is_empty(), "{problems:#?}");
}
