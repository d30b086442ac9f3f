//! The scorecard's header vocabulary and how a header maps: fields and synonyms, year bands
//! ("NĂM 2021" over its score columns) and the columns shared by every band.

use std::collections::{BTreeMap, HashMap};

use cchc_model::columns as c;

use crate::error::ImportError;
use crate::table::driver::SheetCtx;
use crate::table::layout::{self, FieldSpec, HeaderColumn, TableLayout};
use crate::table::profile::forced_columns;
use crate::table::text::{fold, strip_years};
use crate::table::{ColumnMapping, ColumnRole, header_at};

/// Header vocabulary of scorecards (folded).
pub(crate) const FIELDS: &[FieldSpec] = &[
    FieldSpec {
        field: c::CODE,
        synonyms: &[
            "stt",
            "tt",
            "so tt",
            "so thu tu",
            "ma",
            "ma so",
            "ma tieu chi",
        ],
    },
    FieldSpec {
        field: c::CRITERION,
        synonyms: &[
            "ten tieu chi",
            "tieu chi",
            "noi dung",
            "noi dung tieu chi",
            "linh vuc, tieu chi",
            "ten linh vuc, tieu chi",
            "linh vuc/tieu chi",
            "linh vuc, tieu chi, tieu chi thanh phan",
            "chi tieu",
        ],
    },
    FieldSpec {
        field: c::MAX_SCORE,
        synonyms: &[
            "diem chuan",
            "diem toi da",
            "thang diem",
            "diem tieu chuan",
            "diem theo quy dinh",
            "toi da",
        ],
    },
    FieldSpec {
        field: c::SELF_SCORE,
        synonyms: &[
            "diem tu danh gia",
            "tu danh gia",
            "diem tu cham",
            "tu cham diem",
            "tu cham",
        ],
    },
    FieldSpec {
        field: c::APPRAISED_SCORE,
        synonyms: &[
            "diem tham dinh",
            "tham dinh",
            "diem hoi dong tham dinh",
            "diem sau tham dinh",
            "ket qua tham dinh",
        ],
    },
    FieldSpec {
        field: ACHIEVED,
        synonyms: &["diem dat duoc", "diem dat", "ket qua dat duoc", "diem so"],
    },
    FieldSpec {
        field: c::REASON,
        synonyms: &[
            "ly do",
            "nguyen nhan",
            "ly do tru diem",
            "ly do bi tru diem",
        ],
    },
    FieldSpec {
        field: c::REMEDY,
        synonyms: &[
            "giai phap",
            "giai phap khac phuc",
            "bien phap",
            "bien phap khac phuc",
        ],
    },
    FieldSpec {
        field: c::NOTE,
        synonyms: &["ghi chu"],
    },
    FieldSpec {
        field: c::UNIT,
        synonyms: &["don vi", "co quan", "ten don vi", "ten co quan"],
    },
    FieldSpec {
        field: c::YEAR,
        synonyms: &["nam"],
    },
];

/// The achieved score (điểm đạt được): the score that counts when there is no appraised score.
pub(crate) const ACHIEVED: &str = "achieved_score";

pub(super) const SCORE_FIELDS: [&str; 4] =
    [c::MAX_SCORE, c::SELF_SCORE, c::APPRAISED_SCORE, ACHIEVED];
pub(super) const TEXT_FIELDS: [&str; 3] = [c::REASON, c::REMEDY, c::NOTE];
/// Subtotals within this distance of the sum of their children are taken to agree.
pub(super) const TOLERANCE: f64 = 0.005;

/// Columns of one year group: a band "NĂM 2021" over its score columns, or the whole table.
#[derive(Debug, Clone, Default)]
pub(super) struct Group {
    pub(super) year: Option<i32>,
    pub(super) cols: BTreeMap<&'static str, u32>,
}

/// The mapped columns of one sheet.
#[derive(Debug, Clone)]
pub(super) struct Mapping {
    pub(super) code: Option<u32>,
    pub(super) criterion: u32,
    pub(super) unit: Option<u32>,
    pub(super) year: Option<u32>,
    pub(super) groups: Vec<Group>,
    pub(super) uses_self_score: bool,
    pub(super) columns: Vec<ColumnMapping>,
}

impl Mapping {
    /// The analyst's header of a mapped column.
    pub(super) fn header(&self, col: u32) -> String {
        header_at(&self.columns, col).unwrap_or_default().to_owned()
    }
}

pub(super) fn field_of(
    col: &HeaderColumn,
    forced: &HashMap<u32, &'static str>,
) -> Option<&'static str> {
    if let Some(f) = forced.get(&col.col) {
        return Some(f);
    }
    let leaf = col.leaf_key();
    let whole = strip_years(&fold(&col.path.join(" ")));
    layout::best_field(&leaf, FIELDS)
        .or_else(|| layout::best_field(&whole, FIELDS))
        .map(|s| s.field)
}

/// The field names a profile may use, with their canonical static names.
pub(super) fn profile_field(name: &str) -> Option<&'static str> {
    FIELDS
        .iter()
        .map(|f| f.field)
        .find(|f| *f == name)
        .or(match name {
            "score" | "achieved" => Some(ACHIEVED),
            _ => None,
        })
}

pub(super) fn map_columns(table: &TableLayout, ctx: &SheetCtx<'_>) -> Result<Mapping, ImportError> {
    let (path, sheet) = (ctx.path, ctx.sheet);
    let forced = forced_columns(ctx.opts.profile.as_ref(), table, path, profile_field)?;
    let mut columns = Vec::new();
    let mut shared = Group::default();
    let mut banded: BTreeMap<i32, Group> = BTreeMap::new();
    let mut singles: BTreeMap<&'static str, u32> = BTreeMap::new();
    let letter = |col: u32| cchc_model::column_letters(col);
    let ambiguous = |field: &str, a: u32, b: u32| ImportError::AmbiguousColumn {
        path: path.to_owned(),
        sheet: sheet.to_owned(),
        field: field.to_owned(),
        first: letter(a),
        second: letter(b),
    };
    for header in &table.columns {
        let field = field_of(header, &forced);
        let year = header.years().last().copied();
        columns.push(ColumnMapping {
            col: header.col,
            header: header.label(),
            field: field.map(ColumnRole::Field),
            year,
        });
        let Some(field) = field else { continue };
        let is_grouped = SCORE_FIELDS.contains(&field) || TEXT_FIELDS.contains(&field);
        if !is_grouped {
            if let Some(prev) = singles.insert(field, header.col) {
                return Err(ambiguous(field, prev, header.col));
            }
            continue;
        }
        let group = match year {
            Some(y) if SCORE_FIELDS.contains(&field) => banded.entry(y).or_insert_with(|| Group {
                year: Some(y),
                ..Group::default()
            }),
            Some(y) if banded.contains_key(&y) => banded.entry(y).or_default(),
            _ => &mut shared,
        };
        if let Some(prev) = group.cols.insert(field, header.col) {
            return Err(ambiguous(field, prev, header.col));
        }
    }
    let criterion = *singles
        .get(c::CRITERION)
        .ok_or_else(|| ImportError::MissingColumn {
            path: path.to_owned(),
            sheet: sheet.to_owned(),
            field: c::CRITERION.to_owned(),
            expected: "Tên tiêu chí".to_owned(),
        })?;
    // Year-banded groups inherit the columns they lack from the shared ones (one "Điểm tối đa" for all years).
    let groups: Vec<Group> = if banded.is_empty() {
        vec![shared]
    } else {
        banded
            .into_values()
            .map(|mut g| {
                for (field, col) in &shared.cols {
                    g.cols.entry(field).or_insert(*col);
                }
                g
            })
            .collect()
    };
    let mut uses_self_score = false;
    for group in &groups {
        let missing = |field: &str, expected: &str| ImportError::MissingColumn {
            path: path.to_owned(),
            sheet: sheet.to_owned(),
            field: match group.year {
                Some(y) => format!("{field} ({y})"),
                None => field.to_owned(),
            },
            expected: expected.to_owned(),
        };
        if !group.cols.contains_key(c::MAX_SCORE) {
            return Err(missing(c::MAX_SCORE, "Điểm tối đa"));
        }
        let has_counted =
            group.cols.contains_key(c::APPRAISED_SCORE) || group.cols.contains_key(ACHIEVED);
        if !has_counted {
            if group.cols.contains_key(c::SELF_SCORE) {
                uses_self_score = true;
            } else {
                return Err(missing(c::SCORE, "Điểm đạt được"));
            }
        }
    }
    Ok(Mapping {
        code: singles.get(c::CODE).copied(),
        criterion,
        unit: singles.get(c::UNIT).copied(),
        year: singles.get(c::YEAR).copied(),
        groups,
        uses_self_score,
        columns,
    })
}
