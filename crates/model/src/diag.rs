//! How each source row ended, and the diagnostics an import produces.
//!
//! The import contract: every row read ends as exactly one [`RowOutcome`], and the
//! [`RowCounts`] add up. Rejected rows are data ([`Rejection`]), not failures; problems that do not
//! reject a row (a total that does not match its rows) are [`Warning`]s.

use serde::{Deserialize, Serialize};

use crate::CellRef;

/// A row that is part of the table's structure rather than data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StructureKind {
    /// Title lines above the table (dòng tiêu đề).
    Title,
    /// A header row, including every row of a merged multi-row header.
    Header,
    /// The column-number row under the header: "(1) (2) (3)" or "1 2 3".
    ColumnNumbers,
    /// A section row that groups the rows below it ("I", "Lĩnh vực Đầu tư").
    Section,
    /// A total row ("Tổng", "Tổng cộng", "Cộng").
    Total,
    /// A row with no content.
    Blank,
    /// The signature block and notes below the table.
    Signature,
}

impl StructureKind {
    /// All kinds, in the order rows usually appear.
    pub const ALL: [StructureKind; 7] = [
        StructureKind::Title,
        StructureKind::Header,
        StructureKind::ColumnNumbers,
        StructureKind::Section,
        StructureKind::Total,
        StructureKind::Blank,
        StructureKind::Signature,
    ];
}

/// What became of one source row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowOutcome {
    /// The row became one record (or one per year, for side-by-side year columns).
    Imported,
    /// The row is structure, not data.
    Structure(StructureKind),
    /// The row was refused; the rejection says why and where.
    Rejected(Rejection),
}

/// Why a row was refused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum RejectReason {
    /// A numeric cell holds text that is not a number in any accepted style.
    NotANumber { column: String, value: String },
    /// A value the table cannot do without is missing.
    Missing { column: String },
    /// A score or count that cannot be negative is negative.
    Negative { column: String, value: f64 },
    /// The row has values but no name for what it describes.
    NoName,
    /// The same code appears twice for the same year and unit.
    DuplicateCode { code: String, first: String },
    /// A survey answer that is neither 1–5 nor one of the five labels. Only the cell is refused:
    /// the rest of the respondent's answers are kept.
    InvalidAnswer {
        question: String,
        value: String,
        /// The scale the question's answers are read on (absent in rejections stored before
        /// scales were: satisfaction).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        scale: Option<crate::Scale>,
    },
    /// A procedure code that is not of the national form `1.001234` (optionally extended by a
    /// provincial system: `1.001234.000.00.00.H35`).
    InvalidCode { column: String, value: String },
    /// A count (of dossiers, of components) that is not a whole number.
    NotACount { column: String, value: String },
    /// A date or date-time cell (a form's timestamp) that holds no date.
    NotADate { column: String, value: String },
}

impl RejectReason {
    /// Whether the reason refuses one cell (the row is still imported) rather than the whole row.
    pub fn is_cell_only(&self) -> bool {
        matches!(self, RejectReason::InvalidAnswer { .. })
    }
}

/// A refused row: where, why, and the raw text of the row so that nothing is lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rejection {
    /// The cell that caused the rejection (or the row's first cell).
    pub cell: CellRef,
    /// Why it was refused.
    pub reason: RejectReason,
    /// The row's non-empty cells as text, joined with " | ".
    pub row_text: String,
}

/// Something worth telling the analyst that did not stop a row from importing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    /// Where it was seen, when it belongs to one cell.
    pub cell: Option<CellRef>,
    /// What was seen.
    pub kind: WarningKind,
}

/// The parts that should add up to a stated total within one procedure row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartsOf {
    /// Dossiers received: online + in person + public post (các kênh tiếp nhận).
    Channels,
    /// Dossiers resolved: early + on time + late (trước hạn + đúng hạn + trễ hạn).
    Resolution,
    /// Dossiers pending: in time + overdue (trong hạn + quá hạn).
    Pending,
}

/// The kinds of [`Warning`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "warning", rename_all = "snake_case")]
pub enum WarningKind {
    /// A total row does not equal the sum of the rows it totals.
    TotalMismatch {
        column: String,
        stated: f64,
        computed: f64,
    },
    /// A parent row's subtotal does not equal the sum of its children.
    ParentMismatch {
        code: String,
        column: String,
        stated: f64,
        children: f64,
    },
    /// A score is above the item's maximum.
    ScoreAboveMax {
        code: String,
        score: f64,
        max_score: f64,
    },
    /// The table has no appraised or achieved score, so the self-assessed score is used.
    SelfScoreUsed,
    /// A number written as "1.000" was read as one thousand (Vietnamese thousands separator).
    AmbiguousThousands { value: String },
    /// Within one row, a stated total does not equal its parts (received vs the channels, resolved
    /// vs early + on time + late).
    PartsMismatch {
        code: String,
        column: String,
        stated: f64,
        parts: f64,
        parts_of: PartsOf,
    },
    /// A cell of an optional attribute (a fee stated as a rule, an unknown online level) could not
    /// be read; the value is left unknown.
    NotRead { column: String, value: String },
    /// A unit's stated rank is not its place by total (competition ranking: ties share a rank).
    RankMismatch {
        unit: String,
        stated: f64,
        computed: f64,
    },
    /// A cell lies far below the rest of the sheet (`gap` empty rows above it). Kept, not
    /// refused, where the format's grid bounds the sheet (.xls); the row it makes is counted
    /// like any other.
    StrayCell { gap: u64 },
}

/// Formats a figure for messages: up to four decimals, trailing zeros dropped.
pub fn fmt_num(x: f64) -> String {
    // Whole numbers (most cells) need no rounding.
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return if x == 0.0 {
            "0".to_owned()
        } else {
            (x as i64).to_string()
        };
    }
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// The per-sheet tally of the import contract: `imported + structure + rejected == read`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowCounts {
    /// Rows read from the sheet, from its first to its last non-empty row.
    pub read: u64,
    /// Rows that became records.
    pub imported: u64,
    /// Rows recognised as structure.
    pub structure: u64,
    /// Rows refused with a reason.
    pub rejected: u64,
}

impl RowCounts {
    /// Tallies one outcome.
    pub fn count(&mut self, outcome: &RowOutcome) {
        self.read += 1;
        match outcome {
            RowOutcome::Imported => self.imported += 1,
            RowOutcome::Structure(_) => self.structure += 1,
            RowOutcome::Rejected(_) => self.rejected += 1,
        }
    }

    /// Whether every row read is accounted for exactly once.
    pub fn adds_up(&self) -> bool {
        self.imported + self.structure + self.rejected == self.read
    }

    /// Adds another tally to this one.
    pub fn add(&mut self, other: &RowCounts) {
        self.read += other.read;
        self.imported += other.imported;
        self.structure += other.structure;
        self.rejected += other.rejected;
    }
}

/// A figure as Vietnamese writes it: a decimal comma ("7,5").
pub fn fmt_num_vi(x: f64) -> String {
    fmt_num(x).replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_without_trailing_zeros() {
        let cases = [
            (12.0, "12"),
            (-3.0, "-3"),
            (-0.0, "0"),
            (0.0, "0"),
            (1.5, "1.5"),
            (2.123456, "2.1235"),
            (-0.00001, "0"),
            (1e16, "10000000000000000"),
        ];
        for (x, text) in cases {
            assert_eq!(fmt_num(x), text, "{x}");
        }
        assert_eq!(fmt_num_vi(1.25), "1,25");
    }

    #[test]
    fn counts_add_up_over_every_outcome() {
        let mut counts = RowCounts::default();
        counts.count(&RowOutcome::Imported);
        counts.count(&RowOutcome::Structure(StructureKind::Blank));
        counts.count(&RowOutcome::Rejected(Rejection {
            cell: CellRef::new("S", 0, 0),
            reason: RejectReason::NoName,
            row_text: String::new(),
        }));
        assert_eq!(
            (
                counts.read,
                counts.imported,
                counts.structure,
                counts.rejected
            ),
            (3, 1, 1, 1)
        );
        assert!(counts.adds_up());
        counts.read += 1;
        assert!(!counts.adds_up());
    }

    #[test]
    fn numbers_in_messages_drop_trailing_zeros() {
        assert_eq!(fmt_num(39.5), "39.5");
        assert_eq!(fmt_num(30.44), "30.44");
        assert_eq!(fmt_num(2.0), "2");
        assert_eq!(fmt_num(-0.0), "0");
    }
}
