//! The kinds of table cchc imports, one folder each, and how a workbook's kind is told.
//!
//! Each kind implements [`crate::table::driver::SheetKind`] (its fields and synonyms, how a
//! header maps, how a row is classified, how a sheet is finished) and an `import` function that
//! runs the sheet driver and hands the kind's tables to the sink. [`KINDS`] registers them: a new
//! kind is one new folder here and one line in that list.
//!
//! Architecture invariant: the top layer of `import` below its API; kinds use the table,
//! workbook and cell layers, and no kind uses another.

mod dossiers;
mod procedures;
mod scorecard;
pub(crate) mod sketch;
mod survey;

use std::ops::ControlFlow;

use cchc_model::TableKind;

use crate::cell::Value;
use crate::error::ImportError;
use crate::table::layout::HEAD_ROWS;
use crate::table::text::fold;
use crate::table::{ImportOptions, SheetReport, Sink, SourceFile};
use crate::workbook::Workbook;

pub(crate) use self::procedures::is_procedure_code;

/// How a kind's sheets are imported: rows to the sink, a report per sheet.
type ImportFn = fn(
    &mut Workbook,
    &SourceFile,
    &ImportOptions,
    &mut Sink<'_>,
) -> Result<Vec<SheetReport>, ImportError>;

/// A registered kind of table.
pub(crate) struct Registered {
    /// The kind.
    pub kind: TableKind,
    /// Its names on the command line and in profiles, folded.
    pub names: &'static [&'static str],
    /// Header words (folded) that point at the kind; a header cell starts with one.
    pub hints: &'static [&'static str],
    /// Imports a workbook's sheets of this kind.
    pub import: ImportFn,
}

/// Every kind cchc imports; detection prefers the earlier one on a tie.
pub(crate) const KINDS: &[Registered] = &[
    Registered {
        kind: TableKind::Scorecard,
        names: &["scorecard", "bang diem"],
        hints: &[
            "diem chuan",
            "diem toi da",
            "diem dat duoc",
            "diem tu danh gia",
            "diem tham dinh",
            "tu danh gia",
            "tham dinh",
            "ten tieu chi",
            "tieu chi",
            // Published results in the wide layout.
            "tong diem",
            "xep hang",
            "chi so papi",
            // The PAPI dataset's province columns (CECODES/UNDP).
            "tinhid",
            "tentinh",
        ],
        import: scorecard::import,
    },
    Registered {
        kind: TableKind::Survey,
        names: &["survey", "khao sat"],
        hints: &[
            "gioi tinh",
            "do tuoi",
            "nghe nghiep",
            "cau ",
            "muc do hai long",
            // Form tools' exports.
            "dau thoi gian",
            "timestamp",
            "dia chi email",
        ],
        import: survey::import,
    },
    Registered {
        kind: TableKind::Procedures,
        names: &["procedures", "thu tuc"],
        hints: &[
            "ma tthc",
            "ma thu tuc",
            "ten thu tuc",
            "so ho so",
            "tiep nhan",
            "truc tuyen",
            "tre han",
            "dung han",
            "truoc han",
            "thoi han giai quyet",
            // The national portal's list ("Mã số | Tên | Cơ quan ban hành | Cơ quan thực hiện").
            "co quan ban hanh",
            "co quan thuc hien",
        ],
        import: procedures::import,
    },
    Registered {
        kind: TableKind::Dossiers,
        names: &["dossiers", "ho so", "so theo doi ho so"],
        hints: &[
            "ma ho so",
            "so ho so",
            "ngay nop",
            "ngay tiep nhan",
            "ngay hen tra",
            "ngay co ket qua",
            "ngay ket thuc xu ly",
            "ngay tra ket qua",
            "ngay gia han",
            "trang thai",
            "kenh",
            "hinh thuc nop",
            "don vi tiep nhan",
        ],
        import: dossiers::import,
    },
];

/// The registration of a kind (every `TableKind` has one: a test checks).
pub(crate) fn registered(kind: TableKind) -> Option<&'static Registered> {
    KINDS.iter().find(|r| r.kind == kind)
}

/// Reads a kind's command-line name.
pub(crate) fn parse_kind(name: &str) -> Option<TableKind> {
    let key = fold(name);
    KINDS
        .iter()
        .find(|r| r.names.contains(&key.as_str()))
        .map(|r| r.kind)
}

/// Tells the kind of table from the header-like rows at the top of each sheet: each kind scores
/// the most cells of one row that start with its header words (body text mentioning "hồ sơ"
/// scores one at most). `None` when no kind reaches two.
pub(crate) fn detect_kind(wb: &mut Workbook) -> Result<Option<TableKind>, ImportError> {
    let mut best = vec![0usize; KINDS.len()];
    for sheet in wb.sheet_names().to_vec() {
        let mut seen = 0;
        wb.rows(&sheet, |row| {
            let mut hits = vec![0usize; KINDS.len()];
            for (_, v) in &row.cells {
                if let Value::Text(s) = v {
                    let key = fold(s);
                    for (k, kind) in KINDS.iter().enumerate() {
                        if kind.hints.iter().any(|w| key.starts_with(w)) {
                            hits[k] += 1;
                        }
                    }
                }
            }
            for (b, h) in best.iter_mut().zip(&hits) {
                *b = (*b).max(*h);
            }
            seen += 1;
            if seen >= HEAD_ROWS {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })?;
    }
    let (k, score) = best
        .iter()
        .enumerate()
        .max_by_key(|(k, n)| (**n, std::cmp::Reverse(*k)))
        .map(|(k, n)| (k, *n))
        .unwrap_or((0, 0));
    Ok((score >= 2).then_some(KINDS[k].kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_registered_once_and_found_by_its_names() {
        let all = [
            TableKind::Scorecard,
            TableKind::Survey,
            TableKind::Procedures,
            TableKind::Dossiers,
        ];
        // Exhaustive: a kind added to the model fails to compile here until it is listed above.
        for kind in all {
            match kind {
                TableKind::Scorecard
                | TableKind::Survey
                | TableKind::Procedures
                | TableKind::Dossiers => {}
            }
        }
        assert_eq!(KINDS.len(), all.len());
        for kind in all {
            assert_eq!(KINDS.iter().filter(|r| r.kind == kind).count(), 1, "{kind}");
            let names = registered(kind).expect("registered").names;
            assert!(!names.is_empty(), "{kind}");
            assert!(names.iter().all(|n| parse_kind(n) == Some(kind)), "{kind}");
        }
    }
}
