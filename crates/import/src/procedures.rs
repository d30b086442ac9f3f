//! Procedure registries and dossier statistics into the canonical `procedure_registry` and
//! `procedures` frames.
//!
//! One row per administrative procedure (thủ tục hành chính): its code (`1.001234`), name, field
//! (lĩnh vực), and either what the registry says of it (legal time limit, fee, online level,
//! dossier components), or the dossiers of a period (received by channel, carried over, resolved
//! early / on time / late, pending, average actual days), or both. Headers are two-row merged
//! bands ("Số hồ sơ tiếp nhận" over "Tổng số | Trực tuyến | Trực tiếp | BCCI"), fields come as a
//! column or as section rows ("I. Lĩnh vực Đầu tư"), a column-number row may follow the header,
//! and total rows close the table or a section.
//!
//! Nothing is fixed silently: a total or a section subtotal that does not equal its rows, or a
//! row whose parts do not add up to its stated total (received vs the channels), is a warning
//! that names both numbers. "-" means none (0); a blank cell means not reported (null).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use cchc_model::columns as c;
use cchc_model::{
    CellRef, RejectReason, Rejection, RowOutcome, StructureKind, Warning, WarningKind,
};
use polars::prelude::{Column, DataFrame};

use crate::context;
use crate::layout::{self, FieldSpec, HeaderColumn, TableLayout};
use crate::number::{Parsed, parse_vn_number};
use crate::reader::{Row, Value, Workbook};
use crate::text::{clean, fold, strip_years};
use crate::{ColumnMapping, ImportError, ImportOptions, SheetReport, SourceFile};

/// The row-number column (STT): not stored, but it tells procedure rows from section rows.
const STT: &str = "stt";

/// Headers that stand alone (no band above them), folded.
pub const FIELDS: &[FieldSpec] = &[
    FieldSpec {
        field: STT,
        synonyms: &["stt", "tt", "so tt", "so thu tu"],
    },
    FieldSpec {
        field: c::CODE,
        synonyms: &[
            "ma tthc",
            "ma thu tuc",
            "ma thu tuc hanh chinh",
            "ma so tthc",
            "ma so thu tuc",
            "ma so",
            "ma",
        ],
    },
    FieldSpec {
        field: c::NAME,
        synonyms: &[
            "ten thu tuc",
            "ten thu tuc hanh chinh",
            "ten tthc",
            "thu tuc hanh chinh",
            "ten thu tuc hanh chinh/linh vuc",
        ],
    },
    FieldSpec {
        field: c::FIELD,
        synonyms: &["linh vuc", "ten linh vuc", "linh vuc thuc hien"],
    },
    FieldSpec {
        field: c::LEGAL_DAYS,
        synonyms: &[
            "thoi han giai quyet",
            "thoi han giai quyet theo quy dinh",
            "thoi gian giai quyet theo quy dinh",
            "thoi han theo quy dinh",
            "thoi han",
            "so ngay giai quyet theo quy dinh",
        ],
    },
    FieldSpec {
        field: c::FEE,
        synonyms: &[
            "phi, le phi",
            "phi le phi",
            "le phi",
            "phi",
            "muc phi",
            "phi/le phi",
        ],
    },
    FieldSpec {
        field: c::ONLINE_LEVEL,
        synonyms: &[
            "muc do dvc truc tuyen",
            "muc do dich vu cong truc tuyen",
            "dich vu cong truc tuyen",
            "dvc truc tuyen",
            "dvctt",
            "muc do dvctt",
            "muc do",
        ],
    },
    FieldSpec {
        field: c::COMPONENTS,
        synonyms: &[
            "so thanh phan ho so",
            "thanh phan ho so",
            "so luong thanh phan ho so",
            "so giay to",
        ],
    },
    FieldSpec {
        field: c::RECEIVED,
        synonyms: &[
            "so ho so tiep nhan",
            "tong so ho so tiep nhan",
            "ho so tiep nhan",
            "so ho so nhan giai quyet",
            "tiep nhan",
        ],
    },
    FieldSpec {
        field: c::RECEIVED_ONLINE,
        synonyms: &[
            "tiep nhan truc tuyen",
            "so ho so truc tuyen",
            "ho so truc tuyen",
        ],
    },
    FieldSpec {
        field: c::RECEIVED_DIRECT,
        synonyms: &[
            "tiep nhan truc tiep",
            "so ho so truc tiep",
            "ho so truc tiep",
        ],
    },
    FieldSpec {
        field: c::RECEIVED_POSTAL,
        synonyms: &[
            "tiep nhan qua buu chinh",
            "qua dich vu buu chinh cong ich",
            "buu chinh cong ich",
            "bcci",
        ],
    },
    FieldSpec {
        field: c::CARRIED_OVER,
        synonyms: &[
            "ton ky truoc",
            "so ho so ton ky truoc",
            "ky truoc chuyen sang",
            "tu ky truoc chuyen sang",
            "ton ky truoc chuyen sang",
        ],
    },
    FieldSpec {
        field: c::RESOLVED,
        synonyms: &[
            "so ho so da giai quyet",
            "da giai quyet",
            "ket qua giai quyet",
            "so ho so giai quyet",
        ],
    },
    FieldSpec {
        field: c::RESOLVED_EARLY,
        synonyms: &["truoc han", "giai quyet truoc han"],
    },
    FieldSpec {
        field: c::RESOLVED_ON_TIME,
        synonyms: &["dung han", "giai quyet dung han"],
    },
    FieldSpec {
        field: c::RESOLVED_LATE,
        synonyms: &[
            "tre han",
            "qua han",
            "giai quyet tre han",
            "giai quyet qua han",
        ],
    },
    FieldSpec {
        field: c::PENDING,
        synonyms: &[
            "dang giai quyet",
            "so ho so dang giai quyet",
            "chua giai quyet",
            "ton chuyen ky sau",
        ],
    },
    FieldSpec {
        field: c::ACTUAL_DAYS,
        synonyms: &[
            "thoi gian giai quyet thuc te",
            "thoi gian giai quyet thuc te binh quan",
            "thoi gian giai quyet binh quan",
            "thoi gian thuc te",
            "thoi gian xu ly binh quan",
            "so ngay giai quyet thuc te",
            "so ngay giai quyet binh quan",
        ],
    },
    FieldSpec {
        field: c::UNIT,
        synonyms: &["don vi", "co quan", "ten don vi", "co quan giai quyet"],
    },
    FieldSpec {
        field: c::YEAR,
        synonyms: &["nam", "ky bao cao"],
    },
];

/// What a band over sub-headers is about.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Band {
    Received,
    Resolved,
    Pending,
    Time,
}

const BANDS: &[(Band, &[&str])] = &[
    (
        Band::Received,
        &[
            "so ho so tiep nhan",
            "tong so ho so tiep nhan",
            "ho so tiep nhan",
            "so ho so nhan giai quyet",
            "tiep nhan",
        ],
    ),
    (
        Band::Resolved,
        &[
            "ket qua giai quyet",
            "so ho so da giai quyet",
            "da giai quyet",
            "so ho so giai quyet",
        ],
    ),
    (
        Band::Pending,
        &[
            "dang giai quyet",
            "so ho so dang giai quyet",
            "chua giai quyet",
            "ho so dang giai quyet",
        ],
    ),
    (
        Band::Time,
        &[
            "thoi gian giai quyet",
            "thoi han giai quyet",
            "thoi gian",
            "so ngay giai quyet",
        ],
    ),
];

/// Sub-headers under a band, folded: (band, synonyms, field).
const UNDER_BAND: &[(Band, &[&str], &str)] = &[
    (
        Band::Received,
        &["tong", "tong so", "cong", "tong cong"],
        c::RECEIVED,
    ),
    (
        Band::Received,
        &[
            "truc tuyen",
            "qua dich vu cong truc tuyen",
            "dvc truc tuyen",
            "online",
        ],
        c::RECEIVED_ONLINE,
    ),
    (
        Band::Received,
        &["truc tiep", "tai bo phan mot cua", "tiep nhan truc tiep"],
        c::RECEIVED_DIRECT,
    ),
    (
        Band::Received,
        &[
            "buu chinh",
            "buu chinh cong ich",
            "qua buu chinh cong ich",
            "qua dich vu buu chinh cong ich",
            "bcci",
            "qua bcci",
            "dich vu bcci",
            "qua dich vu bcci",
            "qua buu chinh",
        ],
        c::RECEIVED_POSTAL,
    ),
    (
        Band::Received,
        &[
            "ton ky truoc",
            "ky truoc chuyen sang",
            "tu ky truoc chuyen sang",
        ],
        c::CARRIED_OVER,
    ),
    (
        Band::Resolved,
        &["tong", "tong so", "cong", "tong cong"],
        c::RESOLVED,
    ),
    (Band::Resolved, &["truoc han"], c::RESOLVED_EARLY),
    (Band::Resolved, &["dung han"], c::RESOLVED_ON_TIME),
    (Band::Resolved, &["tre han", "qua han"], c::RESOLVED_LATE),
    (
        Band::Pending,
        &["tong", "tong so", "cong", "tong cong"],
        c::PENDING,
    ),
    (
        Band::Pending,
        &["trong han", "chua den han", "con han"],
        c::PENDING_IN_TIME,
    ),
    (Band::Pending, &["qua han", "tre han"], c::PENDING_OVERDUE),
    (
        Band::Time,
        &["theo quy dinh", "quy dinh", "luat dinh", "phap dinh"],
        c::LEGAL_DAYS,
    ),
    (
        Band::Time,
        &[
            "thuc te",
            "thuc te binh quan",
            "binh quan thuc te",
            "binh quan",
        ],
        c::ACTUAL_DAYS,
    ),
];

const REGISTRY_FIELDS: [&str; 4] = [c::LEGAL_DAYS, c::FEE, c::ONLINE_LEVEL, c::COMPONENTS];
const COUNT_FIELDS: [&str; 12] = cchc_model::schema::PROCEDURE_COUNTS;

/// Two counts within this distance (or 0.1% of the stated figure) are taken to agree.
const ABS_TOLERANCE: f64 = 0.5;
const REL_TOLERANCE: f64 = 0.001;

fn agrees(stated: f64, computed: f64) -> bool {
    (stated - computed).abs() <= ABS_TOLERANCE.max(REL_TOLERANCE * stated.abs())
}

fn band_of(key: &str) -> Option<Band> {
    BANDS
        .iter()
        .filter_map(|(band, words)| {
            words
                .iter()
                .filter(|w| {
                    key == **w
                        || key
                            .strip_prefix(**w)
                            .is_some_and(|r| r.starts_with(|c: char| !c.is_alphanumeric()))
                })
                .map(|w| w.len())
                .max()
                .map(|len| (len, *band))
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, b)| b)
}

/// The field a header column names: a sub-header read under its band first, then alone.
fn field_of(col: &HeaderColumn) -> Option<&'static str> {
    let parts: Vec<String> = col.path.iter().map(|p| strip_years(&fold(p))).collect();
    let (leaf, bands) = parts.split_last()?;
    if let Some(band) = bands.iter().rev().find_map(|b| band_of(b)) {
        let under = UNDER_BAND
            .iter()
            .filter(|(b, _, _)| *b == band)
            .filter_map(|(_, words, field)| {
                let spec = FieldSpec {
                    field,
                    synonyms: words,
                };
                layout::matches_field(leaf, &spec).map(|len| (len, *field))
            })
            .max_by_key(|(len, _)| *len)
            .map(|(_, f)| f);
        if under.is_some() {
            return under;
        }
    }
    layout::best_field(leaf, FIELDS).map(|s| s.field)
}

/// The mapped columns of one sheet.
#[derive(Debug, Clone)]
struct Mapping {
    cols: BTreeMap<&'static str, u32>,
    columns: Vec<ColumnMapping>,
}

impl Mapping {
    fn get(&self, field: &str) -> Option<u32> {
        self.cols.get(field).copied()
    }

    fn header(&self, col: u32) -> String {
        self.columns
            .iter()
            .find(|m| m.col == col)
            .map(|m| m.header.clone())
            .unwrap_or_default()
    }

    fn has_registry(&self) -> bool {
        REGISTRY_FIELDS.iter().any(|f| self.cols.contains_key(f))
    }

    fn has_stats(&self) -> bool {
        COUNT_FIELDS.iter().any(|f| self.cols.contains_key(f))
            || self.cols.contains_key(c::ACTUAL_DAYS)
    }
}

/// The field names a profile may use.
fn profile_field(name: &str) -> Option<&'static str> {
    FIELDS
        .iter()
        .map(|f| f.field)
        .chain(UNDER_BAND.iter().map(|(_, _, f)| *f))
        .find(|f| *f == name)
}

fn map_columns(
    table: &TableLayout,
    opts: &ImportOptions,
    path: &Path,
    sheet: &str,
) -> Result<Mapping, ImportError> {
    let forced = crate::profile::forced_columns(opts.profile.as_ref(), table, path, profile_field)?;
    let mut cols = BTreeMap::new();
    let mut columns = Vec::new();
    for header in &table.columns {
        let field = forced
            .get(&header.col)
            .copied()
            .or_else(|| field_of(header));
        columns.push(ColumnMapping {
            col: header.col,
            header: header.label(),
            field: field.map(str::to_owned),
            year: header.years().last().copied(),
        });
        let Some(field) = field else { continue };
        if let Some(prev) = cols.insert(field, header.col) {
            return Err(ImportError::AmbiguousColumn {
                path: path.to_owned(),
                sheet: sheet.to_owned(),
                field: field.to_owned(),
                first: cchc_model::column_letters(prev),
                second: cchc_model::column_letters(header.col),
            });
        }
    }
    let mapping = Mapping { cols, columns };
    let missing = |field: &str, expected: &str| ImportError::MissingColumn {
        path: path.to_owned(),
        sheet: sheet.to_owned(),
        field: field.to_owned(),
        expected: expected.to_owned(),
    };
    if mapping.get(c::CODE).is_none() {
        return Err(missing("code", "Mã TTHC"));
    }
    if !mapping.has_registry() && !mapping.has_stats() {
        return Err(missing(
            "time limit or dossier counts",
            "Thời hạn giải quyết / Số hồ sơ tiếp nhận",
        ));
    }
    Ok(mapping)
}

/// An optional attribute's cell read with `parse`; a cell it cannot read is left unknown with a
/// `NotRead` warning naming the cell.
fn optional<T>(
    mapping: &Mapping,
    row: &Row,
    sheet: &str,
    field: &str,
    parse: impl Fn(Option<&Value>) -> Result<Option<T>, String>,
    warnings: &mut Vec<Warning>,
) -> Option<T> {
    let col = mapping.get(field)?;
    match parse(row.get(col)) {
        Ok(v) => v,
        Err(value) => {
            warnings.push(Warning {
                cell: Some(CellRef::new(sheet, row.index, col)),
                kind: WarningKind::NotRead {
                    column: mapping.header(col),
                    value,
                },
            });
            None
        }
    }
}

/// Whether a text is a procedure code: the national `1.001234`, optionally extended by a
/// provincial system (`1.001234.000.00.00.H35`).
pub fn is_procedure_code(code: &str) -> bool {
    let mut parts = code.split('.');
    let head = parts.next().unwrap_or("");
    let body = parts.next().unwrap_or("");
    head.len() == 1
        && head.chars().all(|c| c.is_ascii_digit())
        && body.len() == 6
        && body.chars().all(|c| c.is_ascii_digit())
        && parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A code cell as text. A code typed as a number (1.00123 for `1.001230`) gets its six decimals
/// back: Excel drops trailing zeros of numbers, never of codes.
fn code_text(v: &Value) -> String {
    match v {
        Value::Number(x) if (1.0..10.0).contains(x) => format!("{x:.6}"),
        other => clean(&other.as_text()).trim().to_owned(),
    }
}

/// Whether a row label opens a section: "I", "II.", "I. Lĩnh vực Đầu tư", "Lĩnh vực Xây dựng".
fn is_section_label(label: &str) -> bool {
    let key = fold(label);
    if key.starts_with("linh vuc") || key.starts_with("nhom ") {
        return true;
    }
    let first: String = key
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    !first.is_empty()
        && first.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l'))
        && key[first.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// The field name a section row gives: "I. Lĩnh vực Đầu tư" → "Đầu tư".
fn section_field(label: &str) -> Option<String> {
    let text = clean(label);
    let text = text.trim();
    // Drop a leading roman or arabic numbering ("I.", "II -", "1)").
    let key = fold(text);
    let numbering: usize = key
        .chars()
        .take_while(|c| matches!(c, 'i' | 'v' | 'x' | 'l') || c.is_ascii_digit())
        .count();
    let rest_key = &key[numbering..];
    let mut skip = numbering;
    if numbering > 0
        && !rest_key.is_empty()
        && !rest_key.starts_with(|c: char| !c.is_alphanumeric())
    {
        skip = 0; // "Lĩnh vực …" starts with "l", "Xây dựng" with "x": not a numbering.
    }
    let after: String = text.chars().skip(skip).collect();
    let after = after.trim_start_matches(|c: char| !c.is_alphanumeric());
    let after_key = fold(after);
    let name = if after_key.starts_with("linh vuc") {
        let n = "linh vuc".chars().count();
        after.chars().skip(n).collect::<String>()
    } else {
        after.to_owned()
    };
    let name = name
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim()
        .to_owned();
    (!name.is_empty()).then_some(name)
}

/// A cell that must hold a count: `Ok(None)` when blank, `Ok(Some(0))` for "-".
fn count_cell(v: Option<&Value>) -> Result<Option<i64>, String> {
    let Some(v) = v else { return Ok(None) };
    let x = match v {
        Value::Number(x) => *x,
        Value::Text(s) => match parse_vn_number(s) {
            Some(Parsed::Number(x)) | Some(Parsed::AmbiguousThousands(x)) => x,
            Some(Parsed::None) if s.trim().is_empty() => return Ok(None),
            Some(Parsed::None) => return Ok(Some(0)),
            None => return Err(s.to_string()),
        },
        other => return Err(other.as_text()),
    };
    if x.is_finite() && x >= 0.0 && x.fract() == 0.0 && x < 1e15 {
        Ok(Some(x as i64))
    } else {
        Err(v.as_text())
    }
}

/// A time in working days: a number, "15 ngày", "03 ngày làm việc", "Trong ngày" (1), "04 giờ" (0.5).
fn days_cell(v: Option<&Value>) -> Result<Option<f64>, String> {
    let Some(v) = v else { return Ok(None) };
    match v {
        Value::Number(x) if x.is_finite() && *x >= 0.0 => Ok(Some(*x)),
        Value::Text(s) => {
            match parse_vn_number(s) {
                Some(Parsed::Number(x)) | Some(Parsed::AmbiguousThousands(x)) if x >= 0.0 => {
                    return Ok(Some(x));
                }
                Some(Parsed::None) => return Ok(None),
                _ => {}
            }
            let key = fold(s);
            if key.starts_with("trong ngay") || key.starts_with("ngay lam viec") {
                return Ok(Some(1.0));
            }
            if key.starts_with("khong quy dinh") {
                return Ok(None);
            }
            let digits: String = key
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
                .collect();
            let rest = key[digits.len()..].trim_start();
            let value = match parse_vn_number(&digits) {
                Some(Parsed::Number(x)) | Some(Parsed::AmbiguousThousands(x)) => x,
                _ => return Err(s.to_string()),
            };
            if rest.starts_with("ngay") {
                Ok(Some(value))
            } else if rest.starts_with("gio") {
                Ok(Some(value / 8.0))
            } else {
                Err(s.to_string())
            }
        }
        other => Err(other.as_text()),
    }
}

/// A fee in VND: a number, "50.000 đồng", "Không", "Miễn phí"; `Err` for text that states a rule
/// rather than an amount.
fn fee_cell(v: Option<&Value>) -> Result<Option<f64>, String> {
    let Some(v) = v else { return Ok(None) };
    match v {
        Value::Number(x) if x.is_finite() && *x >= 0.0 => Ok(Some(*x)),
        Value::Text(s) => {
            let key = fold(s);
            if matches!(
                key.as_str(),
                "khong" | "khong co" | "khong thu" | "mien phi" | "mien" | "0" | "-"
            ) {
                return Ok(Some(0.0));
            }
            let digits: String = key
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
                .collect();
            let rest = key[digits.len()..].trim_start();
            match parse_vn_number(&digits) {
                Some(Parsed::Number(x)) | Some(Parsed::AmbiguousThousands(x))
                    if rest.is_empty()
                        || rest.starts_with("dong")
                        || rest.starts_with("d/")
                        || rest == "d"
                        || rest.starts_with("vnd") =>
                {
                    Ok(Some(x))
                }
                _ => Err(s.to_string()),
            }
        }
        other => Err(other.as_text()),
    }
}

/// The online level: `full` (toàn trình, mức 4), `partial` (một phần, mức 3), `none` (mức 1–2).
pub fn online_level(v: Option<&Value>) -> Result<Option<&'static str>, String> {
    let Some(v) = v else { return Ok(None) };
    let key = fold(&v.as_text());
    let key = key.trim();
    let level = key
        .strip_prefix("muc do")
        .or_else(|| key.strip_prefix("muc"))
        .unwrap_or(key)
        .trim();
    Ok(Some(match level {
        "" => return Ok(None),
        "toan trinh" | "dvc toan trinh" | "truc tuyen toan trinh" | "4" => "full",
        "mot phan" | "dvc mot phan" | "truc tuyen mot phan" | "3" => "partial",
        "1" | "2" | "khong" | "-" | "khong co" | "chua" => "none",
        _ => return Err(v.as_text()),
    }))
}

/// One procedure row, parsed.
#[derive(Debug, Clone, Default)]
struct Figures {
    counts: BTreeMap<&'static str, Option<i64>>,
    actual_days: Option<f64>,
}

impl Figures {
    fn has_numbers(&self) -> bool {
        self.counts.values().any(Option::is_some) || self.actual_days.is_some()
    }

    fn get(&self, field: &str) -> Option<i64> {
        self.counts.get(field).copied().flatten()
    }
}

/// Statistics that a section or total row states, to be checked against its rows.
#[derive(Debug, Clone)]
struct StatedRow {
    row: u32,
    figures: Figures,
}

#[derive(Debug, Default)]
struct Registry {
    year: Vec<i32>,
    unit: Vec<String>,
    code: Vec<String>,
    name: Vec<Option<String>>,
    field: Vec<Option<String>>,
    legal_days: Vec<Option<f64>>,
    fee: Vec<Option<f64>>,
    online_level: Vec<Option<&'static str>>,
    components: Vec<Option<i64>>,
    lineage: Lineage,
}

#[derive(Debug, Default)]
struct Stats {
    year: Vec<i32>,
    unit: Vec<String>,
    code: Vec<String>,
    name: Vec<Option<String>>,
    field: Vec<Option<String>>,
    counts: Vec<Vec<Option<i64>>>,
    actual_days: Vec<Option<f64>>,
    lineage: Lineage,
}

#[derive(Debug, Default)]
struct Lineage {
    sha: Vec<String>,
    file: Vec<String>,
    sheet: Vec<String>,
    row: Vec<i32>,
}

impl Lineage {
    fn push(&mut self, source: &SourceFile, sheet: &str, row: u32) {
        self.sha.push(source.sha256.clone());
        self.file.push(source.file_name.clone());
        self.sheet.push(sheet.to_owned());
        self.row.push(row as i32 + 1);
    }

    fn columns(self) -> [Column; 4] {
        [
            Column::new(c::SOURCE_SHA256.into(), self.sha),
            Column::new(c::SOURCE_FILE.into(), self.file),
            Column::new(c::SHEET.into(), self.sheet),
            Column::new(c::ROW.into(), self.row),
        ]
    }
}

/// Imports the procedure sheets of an open workbook: (reports, statistics, registry).
pub(crate) fn import_workbook(
    wb: &mut Workbook,
    source: &SourceFile,
    opts: &ImportOptions,
) -> Result<(Vec<SheetReport>, DataFrame, DataFrame), ImportError> {
    let path = wb.path().to_owned();
    let sheets = crate::sheets_to_read(wb, opts)?;
    let mut reports = Vec::new();
    let mut registry = Registry::default();
    let mut stats = Stats {
        counts: vec![Vec::new(); COUNT_FIELDS.len()],
        ..Stats::default()
    };
    for sheet in sheets {
        let report = import_sheet(wb, &sheet, source, opts, &mut registry, &mut stats)?;
        reports.push(report);
    }
    crate::require_table(&reports, &path, opts)?;
    let damaged = |e: polars::prelude::PolarsError| ImportError::Damaged {
        path: path.clone(),
        detail: e.to_string(),
    };
    let mut cols = vec![
        Column::new(c::YEAR.into(), stats.year),
        Column::new(c::UNIT.into(), stats.unit),
        Column::new(c::CODE.into(), stats.code),
        Column::new(c::NAME.into(), stats.name),
        Column::new(c::FIELD.into(), stats.field),
    ];
    for (name, values) in COUNT_FIELDS.iter().zip(stats.counts) {
        cols.push(Column::new((*name).into(), values));
    }
    cols.push(Column::new(c::ACTUAL_DAYS.into(), stats.actual_days));
    cols.extend(stats.lineage.columns());
    let stats_frame = DataFrame::new_infer_height(cols).map_err(damaged)?;
    let mut cols = vec![
        Column::new(c::YEAR.into(), registry.year),
        Column::new(c::UNIT.into(), registry.unit),
        Column::new(c::CODE.into(), registry.code),
        Column::new(c::NAME.into(), registry.name),
        Column::new(c::FIELD.into(), registry.field),
        Column::new(c::LEGAL_DAYS.into(), registry.legal_days),
        Column::new(c::FEE.into(), registry.fee),
        Column::new(
            c::ONLINE_LEVEL.into(),
            registry
                .online_level
                .iter()
                .map(|l| l.map(str::to_owned))
                .collect::<Vec<_>>(),
        ),
        Column::new(c::COMPONENTS.into(), registry.components),
    ];
    cols.extend(registry.lineage.columns());
    let registry_frame = DataFrame::new_infer_height(cols).map_err(damaged)?;
    Ok((reports, stats_frame, registry_frame))
}

fn import_sheet(
    wb: &mut Workbook,
    sheet: &str,
    source: &SourceFile,
    opts: &ImportOptions,
    registry: &mut Registry,
    stats: &mut Stats,
) -> Result<SheetReport, ImportError> {
    let path = wb.path().to_owned();
    let (body_rows, table) = crate::whole_sheet(wb, sheet, opts, FIELDS)?;
    let Some(table) = table else {
        return Ok(SheetReport::skipped(sheet, "no procedure header found"));
    };
    let mapping = match map_columns(&table, opts, &path, sheet) {
        Ok(m) => m,
        Err(ImportError::MissingColumn { .. }) if !crate::table_chosen(opts) => {
            return Ok(SheetReport::skipped(
                sheet,
                "no procedure code or dossier columns",
            ));
        }
        Err(e) => return Err(e),
    };
    let (years, unit) = context::sheet_year_and_unit(
        &table,
        opts,
        mapping.get(c::YEAR).is_some(),
        mapping.get(c::UNIT).is_some(),
        &path,
        sheet,
    )?;
    let mut report = SheetReport::new(sheet);
    report.layout = Some(table.clone());
    report.columns = mapping.columns.clone();
    report.years = years.clone();
    report.unit = unit.clone();

    let mut warnings: Vec<Warning> = Vec::new();
    let mut outcomes: Vec<(u32, RowOutcome)> = Vec::new();
    let mut preamble = layout::Preamble::new(&table);
    let mut field: Option<String> = None;
    let mut seen: HashMap<(i32, String, String), CellRef> = HashMap::new();
    // Procedure rows imported so far (their figures), and since the last section / total row.
    let mut rows_all: Vec<Figures> = Vec::new();
    let mut section_from = 0usize;
    let mut total_from = 0usize;
    let mut open_section: Option<StatedRow> = None;
    let check_stated = |stated: &StatedRow,
                        rows: &[Figures],
                        alt: Option<&[Figures]>,
                        warnings: &mut Vec<Warning>| {
        for (field, col) in COUNT_FIELDS
            .iter()
            .filter_map(|f| mapping.get(f).map(|c| (*f, c)))
        {
            let Some(value) = stated.figures.get(field) else {
                continue;
            };
            let sum = |rows: &[Figures]| rows.iter().filter_map(|r| r.get(field)).sum::<i64>();
            let computed = sum(rows);
            let agrees_alt = alt.is_some_and(|a| agrees(value as f64, sum(a) as f64));
            if !agrees(value as f64, computed as f64) && !agrees_alt {
                warnings.push(Warning {
                    cell: Some(CellRef::new(sheet, stated.row, col)),
                    kind: WarningKind::TotalMismatch {
                        column: mapping.header(col),
                        stated: value as f64,
                        computed: computed as f64,
                    },
                });
            }
        }
    };

    for row in &body_rows {
        let shape = preamble.structure(row, !rows_all.is_empty(), |blank| {
            outcomes.push((blank, RowOutcome::Structure(StructureKind::Blank)));
        });
        let structure = |kind| (row.index, RowOutcome::Structure(kind));
        let reject = |col: u32, reason| {
            (
                row.index,
                RowOutcome::Rejected(Rejection {
                    cell: CellRef::new(sheet, row.index, col),
                    reason,
                    row_text: row.text(),
                }),
            )
        };
        if let Some(kind) = shape {
            outcomes.push(structure(kind));
            continue;
        }

        // The figures of the row; the first cell that is not a count rejects it.
        let mut figures = Figures::default();
        let mut bad: Option<(u32, RejectReason)> = None;
        for f in COUNT_FIELDS {
            let Some(col) = mapping.get(f) else { continue };
            match count_cell(row.get(col)) {
                Ok(v) => {
                    figures.counts.insert(f, v);
                }
                Err(value) => {
                    bad.get_or_insert((
                        col,
                        RejectReason::NotACount {
                            column: mapping.header(col),
                            value,
                        },
                    ));
                }
            }
        }
        if let Some(col) = mapping.get(c::ACTUAL_DAYS) {
            match days_cell(row.get(col)) {
                Ok(v) => figures.actual_days = v,
                Err(value) => {
                    bad.get_or_insert((
                        col,
                        RejectReason::NotANumber {
                            column: mapping.header(col),
                            value,
                        },
                    ));
                }
            }
        }

        let code_col = mapping.get(c::CODE).unwrap_or(0);
        let code = row.get(code_col).map(code_text).filter(|s| !s.is_empty());
        let name = mapping
            .get(c::NAME)
            .and_then(|col| row.get(col))
            .map(|v| clean(&v.as_text()).trim().to_owned())
            .filter(|s| !s.is_empty());
        let stt = mapping
            .get(STT)
            .and_then(|col| row.get(col))
            .map(|v| v.as_text().trim().to_owned())
            .filter(|s| !s.is_empty());
        let label = [stt.clone(), code.clone(), name.clone()]
            .into_iter()
            .flatten()
            .find(|s| s.chars().any(char::is_alphabetic));

        let valid_code = code.as_deref().is_some_and(is_procedure_code);
        if !valid_code {
            // Totals: "Tổng cộng", "Cộng".
            if label.as_deref().is_some_and(layout::is_total_label) {
                if bad.is_none() {
                    let stated = StatedRow {
                        row: row.index,
                        figures,
                    };
                    check_stated(
                        &stated,
                        &rows_all[total_from..],
                        Some(&rows_all[section_from..]),
                        &mut warnings,
                    );
                    if let Some(open) = open_section.take()
                        && open.figures.has_numbers()
                    {
                        check_stated(&open, &rows_all[section_from..], None, &mut warnings);
                    }
                }
                total_from = rows_all.len();
                section_from = rows_all.len();
                outcomes.push(structure(StructureKind::Total));
                continue;
            }
            // Sections: "I", "I. Lĩnh vực Đầu tư", a name without a code or numbering.
            let stt_is_number = stt
                .as_deref()
                .is_some_and(|s| s.chars().all(|c| c.is_ascii_digit() || c == '.'));
            let looks_like_section = label.as_deref().is_some_and(is_section_label)
                || (code.is_none() && !stt_is_number && !figures.has_numbers());
            if looks_like_section
                && (code.is_none() || code.as_deref().is_some_and(is_section_label))
            {
                if let Some(open) = open_section.take()
                    && open.figures.has_numbers()
                {
                    check_stated(&open, &rows_all[section_from..], None, &mut warnings);
                }
                section_from = rows_all.len();
                let text = [stt.as_deref(), code.as_deref(), name.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                if let Some(f) = section_field(&text) {
                    field = Some(f);
                }
                if bad.is_none() {
                    open_section = Some(StatedRow {
                        row: row.index,
                        figures,
                    });
                }
                outcomes.push(structure(StructureKind::Section));
                continue;
            }
            let column = mapping.header(code_col);
            outcomes.push(match code {
                None => reject(code_col, RejectReason::Missing { column }),
                Some(value) => reject(code_col, RejectReason::InvalidCode { column, value }),
            });
            continue;
        }
        let code = code.unwrap_or_default();
        if let Some((col, reason)) = bad {
            outcomes.push(reject(col, reason));
            continue;
        }

        // Registry attributes; a cell that cannot be read rejects the row.
        let legal_days = match mapping
            .get(c::LEGAL_DAYS)
            .map(|col| (col, days_cell(row.get(col))))
        {
            None => None,
            Some((_, Ok(v))) => v,
            Some((col, Err(value))) => {
                let column = mapping.header(col);
                outcomes.push(reject(col, RejectReason::NotANumber { column, value }));
                continue;
            }
        };
        let components = match mapping
            .get(c::COMPONENTS)
            .map(|col| (col, count_cell(row.get(col))))
        {
            None => None,
            Some((_, Ok(v))) => v,
            Some((col, Err(value))) => {
                let column = mapping.header(col);
                outcomes.push(reject(col, RejectReason::NotACount { column, value }));
                continue;
            }
        };
        // Fees and online levels stated as prose are kept as unknown, with a warning.
        let fee = optional(&mapping, row, sheet, c::FEE, fee_cell, &mut warnings);
        let level = optional(
            &mapping,
            row,
            sheet,
            c::ONLINE_LEVEL,
            online_level,
            &mut warnings,
        );

        let year = match mapping
            .get(c::YEAR)
            .and_then(|col| row.get(col).map(|v| (col, v)))
        {
            None => match years.first() {
                Some(y) => y.value,
                None => {
                    return Err(ImportError::NoYear {
                        path: path.clone(),
                        sheet: sheet.to_owned(),
                    });
                }
            },
            Some((col, v)) => match context::single_year(&v.as_text()) {
                Some(y) => y,
                None => {
                    let reason = RejectReason::NotANumber {
                        column: mapping.header(col),
                        value: v.as_text(),
                    };
                    outcomes.push(reject(col, reason));
                    continue;
                }
            },
        };
        let unit_value = match mapping
            .get(c::UNIT)
            .and_then(|col| row.get(col))
            .map(|v| clean(&v.as_text()).trim().to_owned())
            .filter(|s| !s.is_empty())
        {
            Some(u) => u,
            None => match &unit {
                Some(u) => u.value.clone(),
                None => {
                    return Err(ImportError::NoUnit {
                        path: path.clone(),
                        sheet: sheet.to_owned(),
                    });
                }
            },
        };
        let key = (year, fold(&unit_value), code.clone());
        if let Some(first) = seen.get(&key) {
            outcomes.push(reject(
                code_col,
                RejectReason::DuplicateCode {
                    code: code.clone(),
                    first: first.to_string(),
                },
            ));
            continue;
        }
        seen.insert(key, CellRef::new(sheet, row.index, code_col));

        // Parts against their stated totals, within the row.
        for (total, parts, label) in [
            (
                c::RECEIVED,
                &[c::RECEIVED_ONLINE, c::RECEIVED_DIRECT, c::RECEIVED_POSTAL][..],
                ("các kênh tiếp nhận", "the channels"),
            ),
            (
                c::RESOLVED,
                &[c::RESOLVED_EARLY, c::RESOLVED_ON_TIME, c::RESOLVED_LATE][..],
                ("trước hạn + đúng hạn + trễ hạn", "early + on time + late"),
            ),
            (
                c::PENDING,
                &[c::PENDING_IN_TIME, c::PENDING_OVERDUE][..],
                ("trong hạn + quá hạn", "in time + overdue"),
            ),
        ] {
            let present: Vec<&str> = parts
                .iter()
                .copied()
                .filter(|p| mapping.get(p).is_some())
                .collect();
            let (Some(stated), Some(col)) = (figures.get(total), mapping.get(total)) else {
                continue;
            };
            if present.len() < 2 || present.iter().any(|p| figures.get(p).is_none()) {
                continue;
            }
            let sum: i64 = present.iter().filter_map(|p| figures.get(p)).sum();
            if !agrees(stated as f64, sum as f64) {
                warnings.push(Warning {
                    cell: Some(CellRef::new(sheet, row.index, col)),
                    kind: WarningKind::PartsMismatch {
                        code: code.clone(),
                        column: mapping.header(col),
                        stated: stated as f64,
                        parts: sum as f64,
                        parts_label: label.0.to_owned(),
                    },
                });
            }
        }

        let row_field = mapping
            .get(c::FIELD)
            .and_then(|col| row.get(col))
            .map(|v| clean(&v.as_text()).trim().to_owned())
            .filter(|s| !s.is_empty())
            .or_else(|| field.clone());
        if mapping.has_registry() {
            registry.year.push(year);
            registry.unit.push(unit_value.clone());
            registry.code.push(code.clone());
            registry.name.push(name.clone());
            registry.field.push(row_field.clone());
            registry.legal_days.push(legal_days);
            registry.fee.push(fee);
            registry.online_level.push(level);
            registry.components.push(components);
            registry.lineage.push(source, sheet, row.index);
        }
        if mapping.has_stats() {
            stats.year.push(year);
            stats.unit.push(unit_value);
            stats.code.push(code);
            stats.name.push(name);
            stats.field.push(row_field);
            for (i, f) in COUNT_FIELDS.iter().enumerate() {
                stats.counts[i].push(figures.get(f));
            }
            stats.actual_days.push(figures.actual_days);
            stats.lineage.push(source, sheet, row.index);
        }
        rows_all.push(figures);
        outcomes.push((row.index, RowOutcome::Imported));
    }
    if let Some(open) = open_section.take()
        && open.figures.has_numbers()
    {
        check_stated(&open, &rows_all[section_from..], None, &mut warnings);
    }

    for (_, outcome) in &outcomes {
        report.counts.count(outcome);
        match outcome {
            RowOutcome::Structure(kind) => *report.structure.entry(*kind).or_default() += 1,
            RowOutcome::Rejected(r) => report.rejections.push(r.clone()),
            RowOutcome::Imported => {}
        }
    }
    report.warnings = warnings;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Value {
        Value::Text(s.into())
    }

    #[test]
    fn procedure_codes_are_national_or_provincial_extensions() {
        assert!(is_procedure_code("1.001234"));
        assert!(is_procedure_code("2.002180.000.00.00.H35"));
        assert!(!is_procedure_code("1.00123"));
        assert!(!is_procedure_code("12.001234"));
        assert!(!is_procedure_code("I"));
        assert!(!is_procedure_code("1.001234."));
        assert_eq!(code_text(&Value::Number(1.00123)), "1.001230");
    }

    #[test]
    fn sections_give_their_field() {
        assert!(is_section_label("I"));
        assert!(is_section_label("II. Lĩnh vực Đầu tư"));
        assert!(is_section_label("Lĩnh vực Xây dựng"));
        assert!(!is_section_label("Xây dựng"));
        assert!(!is_section_label("Cấp giấy phép"));
        assert_eq!(
            section_field("I. Lĩnh vực Đầu tư").as_deref(),
            Some("Đầu tư")
        );
        assert_eq!(section_field("II - Xây dựng").as_deref(), Some("Xây dựng"));
        assert_eq!(
            section_field("Lĩnh vực Lao động").as_deref(),
            Some("Lao động")
        );
        assert_eq!(section_field("III"), None);
    }

    #[test]
    fn counts_days_fees_and_levels_read_the_way_offices_write_them() {
        assert_eq!(count_cell(Some(&text("1.234"))), Ok(Some(1234)));
        assert_eq!(count_cell(Some(&text("-"))), Ok(Some(0)));
        assert_eq!(count_cell(None), Ok(None));
        assert_eq!(
            count_cell(Some(&Value::Number(12.5))),
            Err("12.5".to_owned())
        );
        assert!(count_cell(Some(&text("nhiều"))).is_err());
        assert_eq!(days_cell(Some(&text("15 ngày làm việc"))), Ok(Some(15.0)));
        assert_eq!(days_cell(Some(&text("Trong ngày"))), Ok(Some(1.0)));
        assert_eq!(days_cell(Some(&text("04 giờ"))), Ok(Some(0.5)));
        assert_eq!(days_cell(Some(&text("2,5"))), Ok(Some(2.5)));
        assert!(days_cell(Some(&text("theo quy định"))).is_err());
        assert_eq!(fee_cell(Some(&text("50.000 đồng"))), Ok(Some(50000.0)));
        assert_eq!(fee_cell(Some(&text("Không"))), Ok(Some(0.0)));
        assert!(fee_cell(Some(&text("Theo Thông tư 85/2019"))).is_err());
        assert_eq!(online_level(Some(&text("Toàn trình"))), Ok(Some("full")));
        assert_eq!(online_level(Some(&text("Mức độ 3"))), Ok(Some("partial")));
        assert_eq!(online_level(Some(&Value::Number(2.0))), Ok(Some("none")));
    }

    #[test]
    fn sub_headers_are_read_under_their_band() {
        let col = |path: &[&str]| HeaderColumn {
            col: 0,
            path: path.iter().map(|s| s.to_string()).collect(),
        };
        let f = |path: &[&str]| field_of(&col(path));
        assert_eq!(f(&["Số hồ sơ tiếp nhận", "Tổng số"]), Some(c::RECEIVED));
        assert_eq!(f(&["Kết quả giải quyết", "Tổng số"]), Some(c::RESOLVED));
        assert_eq!(
            f(&["Số hồ sơ tiếp nhận", "Trong đó", "BCCI"]),
            Some(c::RECEIVED_POSTAL)
        );
        assert_eq!(
            f(&["Kết quả giải quyết", "Trễ hạn"]),
            Some(c::RESOLVED_LATE)
        );
        assert_eq!(f(&["Đang giải quyết", "Quá hạn"]), Some(c::PENDING_OVERDUE));
        assert_eq!(
            f(&["Thời gian giải quyết (ngày)", "Theo quy định"]),
            Some(c::LEGAL_DAYS)
        );
        assert_eq!(f(&["Mã TTHC"]), Some(c::CODE));
        assert_eq!(f(&["Tồn kỳ trước"]), Some(c::CARRIED_OVER));
    }
}
