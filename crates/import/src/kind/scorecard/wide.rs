//! Published results in the wide layout: one row per unit, one column per field — how a
//! province publishes the PAR INDEX of its departments and districts, and how PAPI is published
//! (one sheet per year, an English and a Vietnamese header row). Beside the fields: STT, an id,
//! "Tổng điểm", "Chỉ số (%)", "Xếp hạng"; under them average, highest and lowest rows.
//!
//! A field's maximum is read from its header ("(tối đa 9)", "(9 điểm)", "Điểm tối đa: 9").
//! Fields group when the table says so by its numbers: a column that equals the sum of the
//! columns after it, on every row, is their parent ("Công khai, minh bạch" over its three
//! sub-indicators in PAPI); only leaves are ever summed. The total column is checked against the
//! fields, and the ranks against the totals (competition ranking: 1, 2, 2, 4), a mismatch a
//! warning with both figures. With a unit column, a title's agency block names the publisher,
//! not a unit.

use cchc_model::PeerGroup;
use cchc_model::columns as c;
use cchc_model::{
    CellRef, RejectReason, RowOutcome, StructureKind, TableKind, Warning, WarningKind,
};

use super::items::{numeric, text_at};
use super::records::{Record, Records};
use crate::cell::{Row, Value, clean};
use crate::error::ImportError;
use crate::table::context::Given;
use crate::table::driver::{Classified, Header, Mapped, Reading, SheetCtx, SheetKind};
use crate::table::layout::{self, FieldSpec, TableLayout};
use crate::table::number::{Parsed, parse_vn_number};
use crate::table::text::fold;
use crate::table::{ColumnMapping, ColumnRole, header_at};

const STT: &str = "stt";
const ID: &str = "id";
const TOTAL: &str = "total";
const PERCENT: &str = "percent";
const RANK: &str = c::RANK;
const OTHER_NAME: &str = "other_name";

/// The columns beside the fields, folded.
pub(super) const WIDE_FIELDS: &[FieldSpec] = &[
    FieldSpec {
        field: STT,
        synonyms: &["stt", "tt", "so tt", "so thu tu"],
    },
    FieldSpec {
        field: ID,
        synonyms: &["tinhid", "ma tinh", "ma don vi", "ma dv", "ma so"],
    },
    FieldSpec {
        field: c::UNIT,
        synonyms: &[
            "don vi",
            "ten don vi",
            "co quan, don vi",
            "co quan",
            "ten co quan",
            "so, ban, nganh",
            "so, nganh",
            "tinh, thanh pho",
            "tinh/thanh pho",
            "tinh",
            "ten tinh",
            "tentinh_vie",
            "dia phuong",
            "huyen, thi xa, thanh pho",
            "xa, phuong, thi tran",
        ],
    },
    FieldSpec {
        field: OTHER_NAME,
        synonyms: &["tentinh_eng", "ten tieng anh", "english name"],
    },
    FieldSpec {
        field: TOTAL,
        synonyms: &[
            "tong diem",
            "tong cong",
            "tong so diem",
            "diem tong",
            "tong diem dat duoc",
            "chi so papi",
            "chi so par index",
        ],
    },
    FieldSpec {
        field: PERCENT,
        synonyms: &["chi so (%)", "chi so %", "chi so", "ty le (%)", "ty le dat"],
    },
    FieldSpec {
        field: RANK,
        synonyms: &["xep hang", "thu hang", "thu tu xep hang", "hang"],
    },
    FieldSpec {
        field: c::YEAR,
        synonyms: &["nam"],
    },
];

/// A field's maximum from its header: "(tối đa 9)", "(9 điểm)", "Điểm tối đa: 9", "(9đ)".
pub(super) fn max_in_header(header: &str) -> Option<f64> {
    let key = fold(header);
    let number_at = |s: &str| -> Option<f64> {
        let t: String = s
            .trim_start_matches([' ', ':'])
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
            .collect();
        match parse_vn_number(t.trim_end_matches(['.', ','])) {
            Some(Parsed::Number(x)) | Some(Parsed::AmbiguousThousands(x)) if x > 0.0 => Some(x),
            _ => None,
        }
    };
    if let Some(pos) = key.find("toi da") {
        return number_at(&key[pos + "toi da".len()..]);
    }
    // "(9 điểm)", "(9đ)": a number alone in parentheses before "diem" or "d".
    let open = key.rfind('(')?;
    let inner = &key[open + 1..key[open..].find(')').map_or(key.len(), |e| open + e)];
    let inner = inner.trim();
    let unit = inner.trim_start_matches(|c: char| c.is_ascii_digit() || c == ',' || c == '.');
    matches!(unit.trim(), "diem" | "d")
        .then(|| number_at(inner))
        .flatten()
}

/// A field's name without its maximum ("Công khai (tối đa 9)" → "Công khai").
fn field_name(header: &str) -> String {
    let cleaned = clean(header);
    match max_in_header(&cleaned) {
        Some(_) => match cleaned.rfind('(') {
            Some(open) if open > 0 => cleaned[..open].trim().to_owned(),
            _ => cleaned,
        },
        None => cleaned,
    }
}

/// Whether a unit cell names a summary row: an average, the highest or lowest score, a total.
fn is_summary(unit: &str) -> bool {
    let key = fold(unit);
    const STARTS: [&str; 13] = [
        "trung binh",
        "binh quan",
        "diem cao nhat",
        "diem thap nhat",
        "cao nhat",
        "thap nhat",
        "highest",
        "lowest",
        "average",
        "mean",
        "toan tinh",
        "ca nuoc",
        "ca tinh",
    ];
    STARTS.iter().any(|s| key.starts_with(s)) || layout::is_total_label(unit)
}

/// One score column.
#[derive(Debug, Clone)]
struct FieldColumn {
    col: u32,
    name: String,
    max: Option<f64>,
}

/// The columns of a wide sheet.
struct Columns {
    unit: u32,
    year: Option<u32>,
    total: Option<u32>,
    rank: Option<u32>,
    fields: Vec<FieldColumn>,
    columns: Vec<ColumnMapping>,
    /// A second header row under the first (its names are the fields').
    second_header: Option<u32>,
}

/// A unit row read.
struct UnitRow {
    row: u32,
    unit: String,
    /// The block the row stands in, when a heading named it ("I. CÁC SỞ, BAN, NGÀNH TỈNH").
    group: Option<PeerGroup>,
    year: Option<i32>,
    scores: Vec<Option<f64>>,
    total: Option<f64>,
    rank: Option<f64>,
}

/// A wide sheet: its columns and the unit rows read so far.
pub(super) struct Sheet {
    cols: Columns,
    rows: Vec<UnitRow>,
    /// The block of the rows read now: the last heading's.
    group: Option<PeerGroup>,
}

/// The wide reading of scorecards: every sheet's unit rows become scorecard records.
#[derive(Default)]
pub(super) struct Wide {
    pub(super) out: Records,
}

fn mostly_numbers<'a>(values: impl Iterator<Item = &'a Value>) -> bool {
    let (mut numbers, mut all) = (0usize, 0usize);
    for v in values {
        all += 1;
        let number = match v {
            Value::Number(_) => true,
            Value::Text(s) => matches!(parse_vn_number(s), Some(Parsed::Number(_))),
            _ => false,
        };
        numbers += usize::from(number);
    }
    all > 0 && numbers * 2 >= all
}

/// A second header row right under the first, that layout detection could not join (no merged
/// band ties them): a row of text only, at least three cells, before any figure — PAPI's
/// Vietnamese names under its English ones.
fn second_header<'a>(table: &TableLayout, samples: &'a [Row]) -> Option<&'a Row> {
    let first = samples.first()?;
    (first.index == table.body_start()
        && first.cells.len() >= 3
        && first.cells.iter().all(|(_, v)| match v {
            Value::Text(s) => !matches!(parse_vn_number(s), Some(Parsed::Number(_))),
            _ => false,
        }))
    .then_some(first)
}

fn map_columns(table: &TableLayout, ctx: &SheetCtx<'_>) -> Result<Columns, ImportError> {
    let (mut unit, mut year, mut total, mut rank) = (None, None, None, None);
    let mut fields = Vec::new();
    let mut columns = Vec::new();
    let second = second_header(table, ctx.samples);
    for header in &table.columns {
        let below = second.and_then(|r| r.get(header.col)).map(Value::as_text);
        let label = match &below {
            Some(text) if *text != header.label() => format!("{} / {text}", header.label()),
            _ => header.label(),
        };
        let leaf = below.unwrap_or_else(|| header.path.last().cloned().unwrap_or_default());
        let known = layout::best_field(&fold(&leaf), WIDE_FIELDS)
            .or_else(|| layout::best_field(&header.leaf_key(), WIDE_FIELDS))
            .map(|f| f.field);
        let role = match known {
            Some(c::UNIT) if unit.is_none() => {
                unit = Some(header.col);
                Some(ColumnRole::Field(c::UNIT))
            }
            Some(c::YEAR) => {
                year = Some(header.col);
                Some(ColumnRole::Field(c::YEAR))
            }
            Some(TOTAL) => {
                total = Some(header.col);
                Some(ColumnRole::Field(c::SCORE_TOTAL))
            }
            Some(RANK) => {
                rank = Some(header.col);
                Some(ColumnRole::Field(c::RANK))
            }
            Some(_) => None,
            None if mostly_numbers(ctx.samples.iter().filter_map(|r| r.get(header.col))) => {
                let profile = ctx.opts.profile.as_ref();
                let max = profile
                    .and_then(|p| {
                        p.max_score_of(header.col, &field_name(&leaf))
                            .or_else(|| p.max_score_of(header.col, &leaf))
                    })
                    .or_else(|| max_in_header(&leaf));
                fields.push(FieldColumn {
                    col: header.col,
                    name: field_name(&leaf),
                    max,
                });
                Some(ColumnRole::Field(c::SCORE))
            }
            None => None,
        };
        columns.push(ColumnMapping {
            col: header.col,
            header: label,
            field: role,
            year: None,
        });
    }
    let missing = |field: &str, expected: &str| ImportError::MissingColumn {
        path: ctx.path.to_owned(),
        sheet: ctx.sheet.to_owned(),
        field: field.to_owned(),
        expected: expected.to_owned(),
    };
    let unit = unit.ok_or_else(|| missing(c::UNIT, "Tên đơn vị"))?;
    if fields.len() < 2 {
        return Err(missing(c::SCORE, "các cột điểm của từng lĩnh vực"));
    }
    Ok(Columns {
        unit,
        year,
        total,
        rank,
        fields,
        columns,
        second_header: second.map(|r| r.index),
    })
}

/// Two figures within 0.01 (or 0.1%) are taken to agree.
fn agrees(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.01_f64.max(0.001 * a.abs())
}

/// Which field columns are parents of the ones after them: a column equal to the sum of the next
/// k ≥ 2 columns on every row that has them all (at least two rows). Returns each field's parent
/// (an index into the fields).
fn infer_parents(rows: &[UnitRow], n: usize) -> Vec<Option<usize>> {
    let mut parent = vec![None; n];
    let mut j = 0;
    while j < n {
        let mut found = None;
        for k in 2..n - j {
            let mut checked = 0;
            let holds = rows.iter().all(|r| {
                let (Some(p), Some(children)) = (
                    r.scores[j],
                    r.scores[j + 1..=j + k]
                        .iter()
                        .copied()
                        .collect::<Option<Vec<f64>>>(),
                ) else {
                    return true;
                };
                checked += 1;
                agrees(p, children.iter().sum())
            });
            if holds && checked >= 2 {
                found = Some(k);
                break;
            }
        }
        match found {
            Some(k) => {
                for child in &mut parent[j + 1..=j + k] {
                    *child = Some(j);
                }
                j += k + 1;
            }
            None => j += 1,
        }
    }
    parent
}

/// Competition ranks of `values`, highest first: 1, 2, 2, 4.
fn competition_ranks(values: &[f64]) -> Vec<u32> {
    values
        .iter()
        .map(|v| 1 + values.iter().filter(|o| **o > *v + 1e-9).count() as u32)
        .collect()
}

impl SheetKind for Wide {
    type Sheet = Sheet;
    const KIND: TableKind = TableKind::Scorecard;
    const READING: Reading = Reading::Whole;

    fn fields(&self) -> &'static [FieldSpec] {
        WIDE_FIELDS
    }

    fn map(
        &mut self,
        table: &TableLayout,
        ctx: &mut SheetCtx<'_>,
    ) -> Result<Header<Sheet>, ImportError> {
        let cols = map_columns(table, ctx)?;
        Ok(Header::Mapped(Mapped {
            columns: cols.columns.clone(),
            given: Given {
                year_column: cols.year.is_some(),
                unit_column: true,
                band_years: Vec::new(),
            },
            notes: Vec::new(),
            sheet: Sheet {
                cols,
                rows: Vec::new(),
                group: None,
            },
        }))
    }

    fn classify(
        &mut self,
        sheet: &mut Sheet,
        row: &Row,
        ctx: &mut SheetCtx<'_>,
    ) -> Result<Classified, ImportError> {
        let settled = |outcome| Ok(Classified::Row(outcome));
        if let Some(kind) = ctx.body_structure(row, !sheet.rows.is_empty()) {
            return settled(RowOutcome::Structure(kind));
        }
        let cols = &sheet.cols;
        if cols.second_header == Some(row.index) {
            return settled(RowOutcome::Structure(StructureKind::Header));
        }
        let header = |col: u32| header_at(&cols.columns, col).unwrap_or_default().to_owned();
        let unit = text_at(row, Some(cols.unit)).map(|u| clean(&u));
        if unit.as_deref().is_some_and(is_summary) {
            return settled(RowOutcome::Structure(StructureKind::Total));
        }
        let mut scores = Vec::with_capacity(cols.fields.len());
        for f in &cols.fields {
            match numeric(
                row,
                f.col,
                c::SCORE,
                &header(f.col),
                ctx.sheet,
                &mut ctx.warnings,
            ) {
                Ok(v) => scores.push(v),
                Err(rejection) => return settled(RowOutcome::Rejected(rejection)),
            }
        }
        let Some(unit) = unit else {
            if scores.iter().any(Option::is_some) {
                let reason = RejectReason::Missing {
                    column: header(cols.unit),
                };
                return settled(ctx.reject(row, cols.unit, reason));
            }
            return settled(RowOutcome::Structure(StructureKind::Section));
        };
        if scores.iter().all(Option::is_none) {
            // A block heading: the peer group of the rows under it (a province ranks its
            // departments and its districts or communes apart).
            if let Some(group) = PeerGroup::of_heading(&unit) {
                sheet.group = Some(group);
                return settled(RowOutcome::Structure(StructureKind::Section));
            }
            let col = cols.fields[0].col;
            let reason = RejectReason::Missing {
                column: header(col),
            };
            return settled(ctx.reject(row, col, reason));
        }
        let mut figure = |col: Option<u32>, field: &str| -> Result<Option<f64>, RowOutcome> {
            match col {
                None => Ok(None),
                Some(col) => numeric(row, col, field, &header(col), ctx.sheet, &mut ctx.warnings)
                    .map_err(RowOutcome::Rejected),
            }
        };
        let (total, rank) = match (
            figure(cols.total, c::SCORE_TOTAL),
            figure(cols.rank, c::RANK),
        ) {
            (Ok(t), Ok(r)) => (t, r),
            (Err(o), _) | (_, Err(o)) => return settled(o),
        };
        let year = match cols.year.and_then(|col| row.get(col).map(|v| (col, v))) {
            None => None,
            Some((col, v)) => match crate::table::context::single_year(&v.as_text()) {
                Some(y) => Some(y),
                None => {
                    let reason = RejectReason::NotANumber {
                        column: header(col),
                        value: v.as_text(),
                    };
                    return settled(ctx.reject(row, col, reason));
                }
            },
        };
        sheet.rows.push(UnitRow {
            row: row.index,
            unit,
            group: sheet.group,
            year,
            scores,
            total,
            rank,
        });
        settled(RowOutcome::Imported)
    }

    fn finish_sheet(
        &mut self,
        sheet: Sheet,
        ctx: &mut SheetCtx<'_>,
    ) -> Result<Vec<(u32, RowOutcome)>, ImportError> {
        let Sheet { cols, rows, .. } = sheet;
        let n = cols.fields.len();
        let parent = infer_parents(&rows, n);
        let is_parent: Vec<bool> = (0..n).map(|j| parent.contains(&Some(j))).collect();
        // Codes: top-level fields numbered 1, 2, …; children 1.1, 1.2, ….
        let mut codes = vec![String::new(); n];
        let (mut top, mut child) = (0, 0);
        for j in 0..n {
            match parent[j] {
                None => {
                    top += 1;
                    child = 0;
                    codes[j] = top.to_string();
                }
                Some(p) => {
                    child += 1;
                    codes[j] = format!("{}.{child}", codes[p]);
                }
            }
        }
        // A parent's maximum is the sum of its children's, when they are all known.
        let mut max: Vec<Option<f64>> = cols.fields.iter().map(|f| f.max).collect();
        for j in 0..n {
            if is_parent[j] && max[j].is_none() {
                max[j] = (0..n)
                    .filter(|k| parent[*k] == Some(j))
                    .map(|k| cols.fields[k].max)
                    .sum::<Option<f64>>();
            }
        }
        let leaf_sum = |r: &UnitRow| -> Option<f64> {
            (0..n)
                .filter(|j| !is_parent[*j])
                .map(|j| r.scores[j])
                .sum::<Option<f64>>()
        };
        // The total column against the fields.
        if let Some(total_col) = cols.total {
            let header = header_at(&cols.columns, total_col)
                .unwrap_or_default()
                .to_owned();
            for r in &rows {
                if let (Some(stated), Some(computed)) = (r.total, leaf_sum(r))
                    && !agrees(stated, computed)
                {
                    ctx.warnings.push(Warning {
                        cell: Some(CellRef::new(ctx.sheet, r.row, total_col)),
                        kind: WarningKind::TotalMismatch {
                            column: header.clone(),
                            stated,
                            computed,
                        },
                    });
                }
            }
        }
        let mut records = Vec::new();
        for r in &rows {
            let year = match r.year {
                Some(y) => y,
                None => ctx.sheet_year()?,
            };
            for (j, f) in cols.fields.iter().enumerate() {
                if let (Some(score), Some(m)) = (r.scores[j], max[j])
                    && score > m + 1e-9
                {
                    ctx.warnings.push(Warning {
                        cell: Some(CellRef::new(ctx.sheet, r.row, f.col)),
                        kind: WarningKind::ScoreAboveMax {
                            code: codes[j].clone(),
                            score,
                            max_score: m,
                        },
                    });
                }
                let top = parent[j].unwrap_or(j);
                records.push(Record {
                    year,
                    unit: r.unit.clone(),
                    peer_group: r.group.map(|g| g.code().to_owned()),
                    code: codes[j].clone(),
                    parent_code: parent[j].map(|p| codes[p].clone()),
                    field_code: codes[top].clone(),
                    level: if parent[j].is_some() { 2 } else { 1 },
                    criterion: f.name.clone(),
                    max_score: max[j],
                    self_score: None,
                    appraised_score: None,
                    score: r.scores[j],
                    is_leaf: !is_parent[j],
                    reason: None,
                    remedy: None,
                    note: None,
                    source_sha256: ctx.source.sha256.clone(),
                    source_file: ctx.source.file_name.clone(),
                    sheet: ctx.sheet.to_owned(),
                    row: r.row as i32 + 1,
                });
            }
        }
        // The ranks against the totals (the stated total, else the sum of the leaves), per year
        // and block: a province ranks each block apart.
        if let Some(rank_col) = cols.rank {
            let mut blocks: Vec<(Option<i32>, Option<PeerGroup>)> =
                rows.iter().map(|r| (r.year, r.group)).collect();
            blocks.sort_unstable();
            blocks.dedup();
            for (y, block) in blocks {
                let group: Vec<&UnitRow> = rows
                    .iter()
                    .filter(|r| r.year == y && r.group == block)
                    .collect();
                let totals: Option<Vec<f64>> = group
                    .iter()
                    .map(|r| r.total.or_else(|| leaf_sum(r)))
                    .collect();
                let Some(totals) = totals else { continue };
                for (r, computed) in group.iter().zip(competition_ranks(&totals)) {
                    if let Some(stated) = r.rank
                        && (stated - f64::from(computed)).abs() > 1e-9
                    {
                        ctx.warnings.push(Warning {
                            cell: Some(CellRef::new(ctx.sheet, r.row, rank_col)),
                            kind: WarningKind::RankMismatch {
                                unit: r.unit.clone(),
                                stated,
                                computed: f64::from(computed),
                            },
                        });
                    }
                }
            }
        }
        for record in records {
            self.out.push(record);
        }
        Ok(Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maxima_come_from_headers() {
        assert_eq!(max_in_header("Công tác chỉ đạo (tối đa 9)"), Some(9.0));
        assert_eq!(max_in_header("Cải cách TTHC (9 điểm)"), Some(9.0));
        assert_eq!(max_in_header("Điểm tối đa: 6,5"), Some(6.5));
        assert_eq!(max_in_header("Hiện đại hóa (7đ)"), Some(7.0));
        assert_eq!(max_in_header("Tri thức công dân"), None);
        assert_eq!(max_in_header("Chỉ số (%)"), None);
        assert_eq!(
            field_name("Công tác chỉ đạo (tối đa 9)"),
            "Công tác chỉ đạo"
        );
    }

    #[test]
    fn ranks_share_places_on_ties() {
        assert_eq!(
            competition_ranks(&[90.0, 85.0, 85.0, 70.0]),
            vec![1, 2, 2, 4]
        );
    }

    #[test]
    fn a_column_equal_to_the_sum_of_the_next_is_their_parent() {
        let row = |i: u32, s: [f64; 5]| UnitRow {
            row: i,
            unit: String::new(),
            group: None,
            year: None,
            scores: s.iter().map(|x| Some(*x)).collect(),
            total: None,
            rank: None,
        };
        // Fields: A = B + C, D, E.
        let rows = [
            row(0, [3.0, 1.0, 2.0, 5.0, 1.0]),
            row(1, [4.5, 2.5, 2.0, 4.0, 2.0]),
        ];
        assert_eq!(
            infer_parents(&rows, 5),
            vec![None, Some(0), Some(0), None, None]
        );
    }
}
