//! Finding the table in a sheet, the way real offices lay it out.
//!
//! A sheet starts with title lines, then a header of one to four rows whose cells may be merged
//! across columns ("NĂM 2021" over "Điểm chuẩn | Điểm đạt được") or down rows ("STT"), sometimes a
//! column-number row ("(1) (2) (3)"), then the body with section, total and blank rows, and a
//! signature block at the bottom. [`detect`] finds the header from the first rows of the sheet and
//! flattens it into one [`HeaderColumn`] per column, with its path of header texts
//! ("NĂM 2021 / Điểm đạt được"). The helpers below classify body rows that every kind shares.

use cchc_model::StructureKind;

use super::text::{fold, strip_years, years_in};
use crate::cell::{Merge, Row, Value};

/// How many non-empty rows from the top of a sheet are searched for the header.
pub(crate) const HEAD_ROWS: usize = 40;
/// The most rows a header may have.
const MAX_HEADER_ROWS: usize = 4;

/// A field of a canonical table and the header texts (folded) that name it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FieldSpec {
    /// Canonical field name.
    pub field: &'static str,
    /// Folded synonyms; a header matches when its folded text, years removed, equals a synonym or
    /// starts with one followed by a space or punctuation.
    pub synonyms: &'static [&'static str],
}

/// One column of the flattened header.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderColumn {
    /// Zero-based column index.
    pub col: u32,
    /// The header texts from the top band to the bottom row, duplicates from merges removed.
    pub path: Vec<String>,
}

impl HeaderColumn {
    /// The path joined for display: "NĂM 2021 / Điểm đạt được".
    pub fn label(&self) -> String {
        self.path.join(" / ")
    }

    /// The bottom header text, folded, with year mentions removed: what fields are matched on.
    pub fn leaf_key(&self) -> String {
        self.path
            .last()
            .map(|s| strip_years(&fold(s)))
            .unwrap_or_default()
    }

    /// Years named anywhere in the path.
    pub fn years(&self) -> Vec<i32> {
        let mut years = Vec::new();
        for part in &self.path {
            for y in years_in(part) {
                if !years.contains(&y) {
                    years.push(y);
                }
            }
        }
        years
    }
}

/// Where the table sits in the sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct TableLayout {
    /// Zero-based indices of the title rows above the header.
    pub title_rows: Vec<u32>,
    /// The title lines' text, in order.
    pub title_text: Vec<String>,
    /// Zero-based indices of the header rows.
    pub header_rows: Vec<u32>,
    /// The column-number row under the header, if any.
    pub column_number_row: Option<u32>,
    /// The flattened header, one entry per column that has a header text.
    pub columns: Vec<HeaderColumn>,
}

impl TableLayout {
    /// The first row of the body.
    pub fn body_start(&self) -> u32 {
        let last_header = self.header_rows.last().copied().unwrap_or(0);
        self.column_number_row.unwrap_or(last_header) + 1
    }
}

/// Follows a sheet's rows in order and names those every kind treats alike: the blank rows
/// between two delivered rows, and the title, header and column-number rows above the body.
#[derive(Debug)]
pub(crate) struct Preamble<'a> {
    table: &'a TableLayout,
    previous: Option<u32>,
}

impl<'a> Preamble<'a> {
    /// A tracker for a sheet whose table is `table`.
    pub(crate) fn new(table: &'a TableLayout) -> Self {
        Preamble {
            table,
            previous: None,
        }
    }

    /// Calls `blank` for each empty row since the previous one, then names `row` when it lies
    /// above the body (`Some(kind)`); `None` means a body row for the importer to classify.
    pub(crate) fn step(&mut self, row: u32, mut blank: impl FnMut(u32)) -> Option<StructureKind> {
        if let Some(prev) = self.previous {
            for index in prev + 1..row {
                blank(index);
            }
        }
        self.previous = Some(row);
        if row >= self.table.body_start() {
            return None;
        }
        Some(if self.table.header_rows.contains(&row) {
            StructureKind::Header
        } else if Some(row) == self.table.column_number_row {
            StructureKind::ColumnNumbers
        } else {
            StructureKind::Title
        })
    }
}

/// Whether a folded header text names `spec`'s field.
pub(crate) fn matches_field(key: &str, spec: &FieldSpec) -> Option<usize> {
    spec.synonyms
        .iter()
        .filter(|syn| {
            key == **syn
                || key
                    .strip_prefix(**syn)
                    .is_some_and(|rest| rest.starts_with(|c: char| !c.is_alphanumeric()))
        })
        .map(|syn| syn.len())
        .max()
}

/// The best field for a header key: the longest matching synonym wins.
pub(crate) fn best_field<'a>(key: &str, specs: &'a [FieldSpec]) -> Option<&'a FieldSpec> {
    specs
        .iter()
        .filter_map(|spec| matches_field(key, spec).map(|len| (len, spec)))
        .max_by_key(|(len, _)| *len)
        .map(|(_, spec)| spec)
}

fn header_hits(row: &Row, specs: &[FieldSpec]) -> usize {
    row.cells
        .iter()
        .filter(|(_, v)| match v {
            Value::Text(s) => best_field(&strip_years(&fold(s)), specs).is_some(),
            _ => false,
        })
        .count()
}

fn is_year_number(v: &Value) -> bool {
    matches!(v, Value::Number(x) if x.fract() == 0.0 && (1990.0..=2100.0).contains(x))
}

/// Finds the table among the first rows of a sheet (rows in order, at most [`HEAD_ROWS`]).
///
/// `forced_header` (zero-based rows, from a profile) overrides detection.
pub(crate) fn detect(
    head: &[Row],
    merges: &[Merge],
    specs: &[FieldSpec],
    forced_header: Option<&[u32]>,
) -> Option<TableLayout> {
    let header_rows: Vec<u32> = match forced_header {
        Some(rows) if !rows.is_empty() => rows.to_vec(),
        _ => {
            let top = head.iter().position(|r| header_hits(r, specs) >= 2)?;
            let first = &head[top];
            let code_col = first.cells.first().map(|(c, _)| *c);
            let mut rows = vec![first.index];
            for next in head[top + 1..].iter().take(MAX_HEADER_ROWS - 1) {
                let prev = rows[rows.len() - 1];
                if next.index != prev + 1 || !continues_header(next, prev, code_col, merges, specs)
                {
                    break;
                }
                rows.push(next.index);
            }
            rows
        }
    };
    let top = header_rows[0];
    let title_rows: Vec<&Row> = head.iter().filter(|r| r.index < top).collect();
    let header: Vec<&Row> = header_rows
        .iter()
        .filter_map(|i| head.iter().find(|r| r.index == *i))
        .collect();
    if header.is_empty() {
        return None;
    }
    let columns = flatten(&header, merges);
    let last = *header_rows.last()?;
    let column_number_row = head
        .iter()
        .find(|r| r.index == last + 1)
        .filter(|r| is_column_number_row(r))
        .map(|r| r.index);
    Some(TableLayout {
        title_rows: title_rows.iter().map(|r| r.index).collect(),
        title_text: title_rows.iter().map(|r| r.text()).collect(),
        header_rows,
        column_number_row,
        columns,
    })
}

fn continues_header(
    row: &Row,
    prev: u32,
    code_col: Option<u32>,
    merges: &[Merge],
    specs: &[FieldSpec],
) -> bool {
    if is_column_number_row(row) {
        return false;
    }
    if let Some(code_col) = code_col
        && row.get(code_col).is_some()
    {
        return false;
    }
    let all_text_or_years = row
        .cells
        .iter()
        .all(|(_, v)| matches!(v, Value::Text(_)) || is_year_number(v));
    if !all_text_or_years {
        return false;
    }
    let under_band = row.cells.iter().any(|(c, _)| {
        merges.iter().any(|m| {
            m.first_row <= prev
                && m.last_row >= prev
                && m.first_col < m.last_col
                && m.first_col <= *c
                && *c <= m.last_col
        })
    });
    let has_year = row.cells.iter().any(|(_, v)| is_year_number(v));
    header_hits(row, specs) >= 1 || under_band || has_year
}

fn flatten(header: &[&Row], merges: &[Merge]) -> Vec<HeaderColumn> {
    let top = header[0].index;
    let bottom = header[header.len() - 1].index;
    let mut cols: Vec<u32> = header
        .iter()
        .flat_map(|r| r.cells.iter().map(|(c, _)| *c))
        .collect();
    // Columns covered by a header merge have a header too, even if no cell of theirs holds text.
    for m in merges
        .iter()
        .filter(|m| m.first_row <= bottom && m.last_row >= top)
    {
        cols.extend(m.first_col..=m.last_col.min(m.first_col + 256));
    }
    cols.sort_unstable();
    cols.dedup();

    // grid[h][i]: the text of header row h at column cols[i], merges resolved.
    let mut grid: Vec<Vec<Option<String>>> = header
        .iter()
        .map(|row| {
            cols.iter()
                .map(|&c| {
                    row.get(c).map(|v| v.as_text()).or_else(|| {
                        merges
                            .iter()
                            .find(|m| m.contains(row.index, c) && m.first_row >= top)
                            .and_then(|m| header.iter().find(|r| r.index == m.first_row))
                            .and_then(|r| {
                                let m = merges.iter().find(|m| m.contains(row.index, c))?;
                                r.get(m.first_col).map(|v| v.as_text())
                            })
                    })
                })
                .collect()
        })
        .collect();
    // Without merge records (.ods, or a band typed once over unmerged cells), a band text spreads
    // right over the columns whose lower rows have sub-headers, as long as its left neighbour's do.
    for h in 0..grid.len().saturating_sub(1) {
        for i in 1..cols.len() {
            let adjacent = cols[i] == cols[i - 1] + 1;
            let below = |j: usize| grid[h + 1..].iter().any(|r| r[j].is_some());
            if adjacent
                && grid[h][i].is_none()
                && grid[h][i - 1].is_some()
                && below(i)
                && below(i - 1)
            {
                grid[h][i] = grid[h][i - 1].clone();
            }
        }
    }
    cols.iter()
        .enumerate()
        .filter_map(|(i, &col)| {
            let mut path: Vec<String> = Vec::new();
            for row in &grid {
                if let Some(text) = &row[i]
                    && path.last() != Some(text)
                {
                    path.push(text.clone());
                }
            }
            (!path.is_empty()).then_some(HeaderColumn { col, path })
        })
        .collect()
}

/// Whether a row numbers the columns: "(1) (2) (3)", "1 2 3", "A B C", "(4)=(2)-(3)".
pub(crate) fn is_column_number_row(row: &Row) -> bool {
    if row.cells.len() < 2 {
        return false;
    }
    let mut last = 0.0;
    let mut increasing = 0usize;
    for (_, v) in &row.cells {
        let token = match v {
            Value::Number(x) if x.fract() == 0.0 && *x >= 0.0 && *x <= 100.0 => Some(*x),
            Value::Text(s) => column_token(s),
            _ => None,
        };
        match token {
            Some(x) if x > last || increasing == 0 => {
                last = x;
                increasing += 1;
            }
            _ => return false,
        }
    }
    increasing >= 2
}

fn column_token(s: &str) -> Option<f64> {
    let t = s.trim();
    let first = t
        .split(['=', '+', '*', '/', ' '])
        .next()
        .unwrap_or(t)
        .trim();
    let inner = first.trim_start_matches('(').trim_end_matches(')');
    if !inner.is_empty() && inner.len() <= 3 && inner.chars().all(|c| c.is_ascii_digit()) {
        return inner.parse().ok();
    }
    if inner.len() == 1 && inner.chars().all(|c| c.is_ascii_uppercase()) {
        return Some(f64::from(inner.as_bytes()[0] - b'A' + 1));
    }
    None
}

/// Whether a label (the first text of a row) marks a total row: "Tổng", "Tổng cộng", "Cộng", …
///
/// Compared with accents: "Cộng" (sum) is a total, "Công tác …" (work) is not.
pub(crate) fn is_total_label(label: &str) -> bool {
    let lower = label.trim().to_lowercase();
    let lower = lower.trim_end_matches([':', '.']);
    lower.starts_with("tổng")
        || lower == "cộng"
        || lower.starts_with("cộng:")
        || lower.starts_with("cộng điểm")
        || lower.starts_with("cộng (")
        || fold(lower) == "total"
}

/// Whether a row begins the signature block or the notes under a table.
pub(crate) fn is_signature_start(row: &Row) -> bool {
    let Some((_, Value::Text(first))) = row.cells.first() else {
        return false;
    };
    let key = fold(first);
    const STARTS: [&str; 16] = [
        "noi nhan",
        "nguoi lap",
        "giam doc",
        "pho giam doc",
        "thu truong",
        "kt.",
        "kt ",
        "tm.",
        "tm ",
        "chu tich",
        "(ky",
        "ky ten",
        "ghi chu",
        "xac nhan",
        "truong phong",
        "nguoi ky",
    ];
    STARTS.iter().any(|s| key.starts_with(s)) || is_date_line(&key)
}

/// "Đồng Nai, ngày 12 tháng 4 năm 2022": the place-and-date line above a signature.
fn is_date_line(key: &str) -> bool {
    key.contains("ngay ") && key.contains(" thang ") && key.contains(" nam ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_row(index: u32, cells: &[(u32, &str)]) -> Row {
        Row {
            index,
            cells: cells
                .iter()
                .map(|(c, s)| (*c, Value::Text((*s).into())))
                .collect(),
        }
    }

    const SPECS: &[FieldSpec] = &[
        FieldSpec {
            field: "code",
            synonyms: &["stt", "tt"],
        },
        FieldSpec {
            field: "criterion",
            synonyms: &["ten tieu chi", "tieu chi"],
        },
        FieldSpec {
            field: "max_score",
            synonyms: &["diem chuan", "diem toi da"],
        },
        FieldSpec {
            field: "score",
            synonyms: &["diem dat duoc"],
        },
        FieldSpec {
            field: "reason",
            synonyms: &["ly do"],
        },
        FieldSpec {
            field: "remedy",
            synonyms: &["giai phap"],
        },
    ];

    #[test]
    fn flattens_a_merged_band_header_with_title_rows() {
        let head = vec![
            text_row(0, &[(0, "Phụ lục")]),
            text_row(1, &[(0, "NHỮNG NHIỆM VỤ CHƢA HOÀN THÀNH")]),
            text_row(
                3,
                &[
                    (0, "STT"),
                    (1, "TÊN TIÊU CHÍ"),
                    (2, "NĂM 2021"),
                    (5, "GIẢI PHÁP KHẮC PHỤC TRONG NĂM 2022"),
                ],
            ),
            text_row(4, &[(2, "Điểm chuẩn"), (3, "Điểm đạt đƣợc"), (4, "Lý do")]),
            Row {
                index: 5,
                cells: vec![
                    (0, Value::Number(1.0)),
                    (1, Value::Text("Thực hiện".into())),
                    (2, Value::Text("1.00".into())),
                ],
            },
        ];
        let merges = [
            Merge {
                first_row: 3,
                first_col: 0,
                last_row: 4,
                last_col: 0,
            },
            Merge {
                first_row: 3,
                first_col: 1,
                last_row: 4,
                last_col: 1,
            },
            Merge {
                first_row: 3,
                first_col: 2,
                last_row: 3,
                last_col: 4,
            },
            Merge {
                first_row: 3,
                first_col: 5,
                last_row: 4,
                last_col: 5,
            },
        ];
        let layout = detect(&head, &merges, SPECS, None).expect("table found");
        assert_eq!(layout.title_rows, vec![0, 1]);
        assert_eq!(layout.header_rows, vec![3, 4]);
        let labels: Vec<String> = layout.columns.iter().map(HeaderColumn::label).collect();
        assert_eq!(
            labels,
            [
                "STT",
                "TÊN TIÊU CHÍ",
                "NĂM 2021 / Điểm chuẩn",
                "NĂM 2021 / Điểm đạt đƣợc",
                "NĂM 2021 / Lý do",
                "GIẢI PHÁP KHẮC PHỤC TRONG NĂM 2022"
            ]
        );
        assert_eq!(layout.columns[3].leaf_key(), "diem dat duoc");
        assert_eq!(layout.columns[3].years(), vec![2021]);
        assert_eq!(layout.body_start(), 5);
    }

    #[test]
    fn spreads_a_band_without_merge_records() {
        let head = vec![
            text_row(
                0,
                &[
                    (0, "STT"),
                    (1, "Tiêu chí"),
                    (2, "NĂM 2021"),
                    (4, "NĂM 2022"),
                ],
            ),
            text_row(
                1,
                &[
                    (2, "Điểm chuẩn"),
                    (3, "Điểm đạt được"),
                    (4, "Điểm chuẩn"),
                    (5, "Điểm đạt được"),
                ],
            ),
        ];
        let layout = detect(&head, &[], SPECS, None).expect("table found");
        let labels: Vec<String> = layout.columns.iter().map(HeaderColumn::label).collect();
        assert_eq!(labels[5], "NĂM 2022 / Điểm đạt được");
        assert_eq!(labels[3], "NĂM 2021 / Điểm đạt được");
        assert_eq!(labels[1], "Tiêu chí");
    }

    #[test]
    fn recognises_column_number_rows() {
        assert!(is_column_number_row(&text_row(
            0,
            &[(0, "(1)"), (1, "(2)"), (2, "(3)"), (3, "(4)=(2)-(3)")]
        )));
        let numbers = Row {
            index: 0,
            cells: (0..4)
                .map(|c| (c, Value::Number(f64::from(c + 1))))
                .collect(),
        };
        assert!(is_column_number_row(&numbers));
        assert!(!is_column_number_row(&text_row(
            0,
            &[(0, "1"), (1, "Thực hiện nhiệm vụ")]
        )));
    }

    #[test]
    fn totals_are_told_from_work_by_their_accents() {
        for label in ["Tổng", "TỔNG CỘNG", "Tổng số", "Cộng", "Cộng:"] {
            assert!(is_total_label(label), "{label}");
        }
        for label in ["Công tác chỉ đạo", "Cộng đồng", "Thực hiện"] {
            assert!(!is_total_label(label), "{label}");
        }
    }

    #[test]
    fn signature_blocks_are_recognised() {
        assert!(is_signature_start(&text_row(0, &[(0, "Nơi nhận:")])));
        assert!(is_signature_start(&text_row(
            0,
            &[(3, "Đồng Nai, ngày 12 tháng 4 năm 2022")]
        )));
        assert!(is_signature_start(&text_row(0, &[(4, "GIÁM ĐỐC")])));
        assert!(!is_signature_start(&text_row(
            0,
            &[(0, "Thực hiện kế hoạch")]
        )));
    }
}
