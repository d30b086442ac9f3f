//! The procedure tables' header vocabulary: standalone headers, the bands of two-row headers
//! ("Số hồ sơ tiếp nhận" over "Tổng số | Trực tuyến | Trực tiếp | BCCI") and the sub-headers read
//! under them, and how a sheet's header maps.

use std::collections::BTreeMap;

use cchc_model::columns as c;

use crate::error::ImportError;
use crate::table::driver::SheetCtx;
use crate::table::layout::{self, FieldSpec, HeaderColumn, TableLayout};
use crate::table::profile::forced_columns;
use crate::table::text::{fold, strip_years};
use crate::table::{ColumnMapping, ColumnRole, header_at};

/// The row-number column (STT): not stored, but it tells procedure rows from section rows.
pub(super) const STT: &str = "stt";

/// Headers that stand alone (no band above them), folded.
pub(crate) const FIELDS: &[FieldSpec] = &[
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
            // The national portal's list: "Mã số | Tên | Cơ quan ban hành | …".
            "ten",
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
        field: c::PENDING_IN_TIME,
        synonyms: &[
            "dang giai quyet trong han",
            "dang giai quyet chua den han",
            "chua giai quyet trong han",
        ],
    },
    FieldSpec {
        field: c::PENDING_OVERDUE,
        synonyms: &[
            "dang giai quyet qua han",
            "dang giai quyet tre han",
            "chua giai quyet qua han",
            "qua han chua giai quyet",
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
        field: c::ISSUER,
        synonyms: &["co quan ban hanh", "don vi ban hanh"],
    },
    FieldSpec {
        field: c::AGENCIES,
        synonyms: &[
            "co quan thuc hien",
            "co quan tiep nhan va giai quyet",
            "don vi thuc hien",
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
pub(super) enum Band {
    Received,
    Resolved,
    Pending,
    Time,
}

pub(super) const BANDS: &[(Band, &[&str])] = &[
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
pub(super) const UNDER_BAND: &[(Band, &[&str], &str)] = &[
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

pub(super) const REGISTRY_FIELDS: [&str; 6] = [
    c::LEGAL_DAYS,
    c::FEE,
    c::ONLINE_LEVEL,
    c::COMPONENTS,
    c::ISSUER,
    c::AGENCIES,
];
pub(super) const COUNT_FIELDS: [&str; 12] = cchc_model::schema::PROCEDURE_COUNTS;

/// Two counts within this distance (or 0.1% of the stated figure) are taken to agree.
pub(super) const ABS_TOLERANCE: f64 = 0.5;
pub(super) const REL_TOLERANCE: f64 = 0.001;

pub(super) fn agrees(stated: f64, computed: f64) -> bool {
    (stated - computed).abs() <= ABS_TOLERANCE.max(REL_TOLERANCE * stated.abs())
}

pub(super) fn band_of(key: &str) -> Option<Band> {
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
pub(crate) fn field_of(col: &HeaderColumn) -> Option<&'static str> {
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

/// A channel header standing alone beside "Tổng số hồ sơ tiếp nhận", without the band over it
/// ("Trực tuyến | Trực tiếp | Qua dịch vụ BCCI"): read as the channel it would be under the band.
fn flat_channel(header: &str) -> Option<&'static str> {
    let key = strip_years(&fold(header));
    UNDER_BAND
        .iter()
        .filter(|(band, _, field)| *band == Band::Received && *field != c::RECEIVED)
        .filter(|(_, _, field)| {
            [c::RECEIVED_ONLINE, c::RECEIVED_DIRECT, c::RECEIVED_POSTAL].contains(field)
        })
        .filter_map(|(_, words, field)| {
            let spec = FieldSpec {
                field,
                synonyms: words,
            };
            layout::matches_field(&key, &spec).map(|len| (len, *field))
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, f)| f)
}

/// The mapped columns of one sheet.
#[derive(Debug, Clone)]
pub(super) struct Mapping {
    pub(super) cols: BTreeMap<&'static str, u32>,
    pub(super) columns: Vec<ColumnMapping>,
}

impl Mapping {
    pub(super) fn get(&self, field: &str) -> Option<u32> {
        self.cols.get(field).copied()
    }

    pub(super) fn header(&self, col: u32) -> String {
        header_at(&self.columns, col).unwrap_or_default().to_owned()
    }

    pub(super) fn has_registry(&self) -> bool {
        REGISTRY_FIELDS.iter().any(|f| self.cols.contains_key(f))
    }

    pub(super) fn has_stats(&self) -> bool {
        COUNT_FIELDS.iter().any(|f| self.cols.contains_key(f))
            || self.cols.contains_key(c::ACTUAL_DAYS)
    }
}

/// The field names a profile may use.
pub(super) fn profile_field(name: &str) -> Option<&'static str> {
    FIELDS
        .iter()
        .map(|f| f.field)
        .chain(UNDER_BAND.iter().map(|(_, _, f)| *f))
        .find(|f| *f == name)
}

pub(super) fn map_columns(table: &TableLayout, ctx: &SheetCtx<'_>) -> Result<Mapping, ImportError> {
    let (path, sheet) = (ctx.path, ctx.sheet);
    let forced = forced_columns(ctx.opts.profile.as_ref(), table, path, profile_field)?;
    let mut fields: Vec<Option<&'static str>> = table
        .columns
        .iter()
        .map(|h| forced.get(&h.col).copied().or_else(|| field_of(h)))
        .collect();
    if fields.contains(&Some(c::RECEIVED)) {
        for (field, header) in fields.iter_mut().zip(&table.columns) {
            if field.is_none() && header.path.len() == 1 {
                *field = flat_channel(&header.path[0]);
            }
        }
    }
    let mut cols = BTreeMap::new();
    let mut columns = Vec::new();
    for (header, field) in table.columns.iter().zip(fields) {
        columns.push(ColumnMapping {
            col: header.col,
            header: header.label(),
            field: field.map(ColumnRole::Field),
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
        return Err(missing(c::CODE, "Mã TTHC"));
    }
    if !mapping.has_registry() && !mapping.has_stats() {
        let field = format!("{} / {} / {}", c::LEGAL_DAYS, c::AGENCIES, c::RECEIVED);
        return Err(missing(
            &field,
            "Thời hạn giải quyết / Cơ quan thực hiện / Số hồ sơ tiếp nhận",
        ));
    }
    Ok(mapping)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        // The band and its sub-header written in one flat header.
        assert_eq!(f(&["Đang giải quyết quá hạn"]), Some(c::PENDING_OVERDUE));
        assert_eq!(f(&["Đang giải quyết trong hạn"]), Some(c::PENDING_IN_TIME));
        assert_eq!(f(&["Đang giải quyết"]), Some(c::PENDING));
    }

    #[test]
    fn the_portal_list_maps_issuer_and_agencies_not_two_units() {
        let f = |h: &str| {
            field_of(&HeaderColumn {
                col: 0,
                path: vec![h.to_owned()],
            })
        };
        assert_eq!(f("Mã số"), Some(c::CODE));
        assert_eq!(f("Tên"), Some(c::NAME));
        assert_eq!(f("Cơ quan ban hành"), Some(c::ISSUER));
        assert_eq!(f("Cơ quan thực hiện"), Some(c::AGENCIES));
        assert_eq!(f("Lĩnh vực"), Some(c::FIELD));
        assert_eq!(f("Tên đơn vị"), Some(c::UNIT));
    }
}
