//! The words of the query layer's errors: a unit or year not in the store, a flag with a value
//! the query cannot use, weights that cannot be used, a rules or working-hours file that cannot be
//! read, a report with nothing to report.

use cchc_analysis::dossiers::DossierError;
use cchc_analysis::procedures::RulesError;
use cchc_model::Lang;
use cchc_query::{Choice, QueryError, WeightProblem};

use super::Words;

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The respondent attributes a survey can also be grouped by, after the fixed groupings.
fn attribute_list(attributes: &[String]) -> String {
    if attributes.is_empty() {
        String::new()
    } else {
        format!(", {}", quoted(attributes))
    }
}

impl Words for RulesError {
    fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (RulesError::Syntax(detail), Lang::Vi) => {
                format!("tệp quy tắc không đọc được (\"{detail}\")")
            }
            (RulesError::Syntax(detail), Lang::En) => {
                format!("the rules file cannot be read (\"{detail}\")")
            }
            (RulesError::TargetShare(v), Lang::Vi) => {
                format!("target_share phải nằm trong khoảng 0–1, không phải {v}")
            }
            (RulesError::TargetShare(v), Lang::En) => {
                format!("target_share must be between 0 and 1, not {v}")
            }
        }
    }
}

impl Words for WeightProblem {
    fn words(&self, lang: Lang) -> String {
        use WeightProblem::*;
        let (vi, en) = match self {
            NotPositive {
                column,
                respondent,
                text,
            } => (
                format!(
                    "--weight \"{column}\": người trả lời {respondent} có trọng số \"{text}\"; trọng số phải là số dương"
                ),
                format!(
                    "--weight \"{column}\": respondent {respondent} has the weight \"{text}\"; a weight must be a positive number"
                ),
            ),
            Missing { column, respondent } => (
                format!(
                    "--weight \"{column}\": người trả lời {respondent} không có trọng số (ô trống hoặc thiếu cột)"
                ),
                format!(
                    "--weight \"{column}\": respondent {respondent} has no weight (a blank cell or no such column)"
                ),
            ),
            Spec { spec } => (
                format!("--weight-by \"{spec}\": hãy viết \"unit=TỆP.csv\""),
                format!("--weight-by \"{spec}\": write \"unit=FILE.csv\""),
            ),
            Read { path, detail } => (
                format!("{path}: không đọc được tệp (\"{detail}\")"),
                format!("{path}: cannot read the file (\"{detail}\")"),
            ),
            LineNotPositive {
                path,
                line,
                unit,
                text,
            } => (
                format!(
                    "{path}, dòng {line}: đơn vị \"{unit}\" có trọng số \"{text}\"; trọng số phải là số dương"
                ),
                format!(
                    "{path}, line {line}: unit \"{unit}\" has the weight \"{text}\"; a weight must be a positive number"
                ),
            ),
            UnitsMissing { path, units } => (
                format!("{path}: không có trọng số cho đơn vị {}", quoted(units)),
                format!("{path}: no weight for the units {}", quoted(units)),
            ),
        };
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

impl Words for QueryError {
    fn words(&self, lang: Lang) -> String {
        use QueryError::*;
        let vi_en = |vi: &str, en: &str| match lang {
            Lang::Vi => vi.to_owned(),
            Lang::En => en.to_owned(),
        };
        let (vi, en) = match self {
            Store(e) => return e.words(lang),
            Calendar(e) => return e.words(lang),
            Dossiers(DossierError::Calendar(e)) => return e.words(lang),
            Dossiers(DossierError::Polars(e)) | Polars(e) => (
                format!("không tính được (\"{e}\")"),
                format!("the computation failed (\"{e}\")"),
            ),
            Weight(problem) => return problem.words(lang),
            Unit(problem) => return problem.words(lang),
            InFile { file, problem } => return format!("{file}: {}", problem.words(lang)),
            Period(given) => (
                format!(
                    "--period \"{given}\" không phải một khoảng ngày; hãy ghi TỪ..ĐẾN, ví dụ 2025-07-01..2025-12-31 hoặc 1/7/2025..31/12/2025"
                ),
                format!(
                    "--period \"{given}\" is not a period; write FROM..TO, e.g. 2025-07-01..2025-12-31 or 1/7/2025..31/12/2025"
                ),
            ),
            ProvinceConflict { given, written } => (
                format!(
                    "--province \"{given}\" nhưng tiêu đề của tệp ghi tỉnh \"{written}\"; hãy bỏ --province hoặc kiểm tra lại tệp"
                ),
                format!(
                    "--province \"{given}\", but the file's title names the province \"{written}\"; leave out --province or check the file"
                ),
            ),
            Hours { path, source } => {
                return format!("{}: {}", path.display(), source.words(lang));
            }
            Rules { path, problem } => {
                return format!("{}: {}", path.display(), problem.words(lang));
            }
            NotInStore {
                what,
                asked,
                available,
            } => {
                let list = quoted(available);
                let (vi, en) = match what {
                    Choice::Unit => ("Đơn vị", "Unit"),
                    Choice::Year => ("Năm", "Year"),
                };
                (
                    format!("{vi} \"{asked}\": không có trong kho; có {list}"),
                    format!("{en} \"{asked}\": is not in the store; there are {list}"),
                )
            }
            ChooseOne { what, available } => {
                let list = quoted(available);
                let flag = match what {
                    Choice::Unit => "unit",
                    Choice::Year => "year",
                };
                (
                    format!("hãy chọn --{flag}: {list}"),
                    format!("choose one with --{flag}: {list}"),
                )
            }
            NoData => return vi_en("kho chưa có dữ liệu", "the store holds no data"),
            NoYear => return vi_en("không có năm nào", "no year"),
            SurveyBy { asked, attributes } => (
                format!(
                    "--by \"{asked}\": hãy chọn \"overall\", \"element\", \"question\", \"unit\"{}",
                    attribute_list(attributes)
                ),
                format!(
                    "--by \"{asked}\": choose \"overall\", \"element\", \"question\", \"unit\"{}",
                    attribute_list(attributes)
                ),
            ),
            ProcedureBy { asked } => (
                format!(
                    "--by \"{asked}\": hãy chọn \"procedure\", \"field\", \"unit\" hoặc \"year\""
                ),
                format!("--by \"{asked}\": choose \"procedure\", \"field\", \"unit\" or \"year\""),
            ),
            Share { flag, value } => (
                format!("{flag} {value}: phải từ 0 đến 1 (0,2 là 20%)"),
                format!("{flag} {value}: must be from 0 to 1 (0.2 is 20%)"),
            ),
            File { path, detail } => (
                format!("{}: không đọc được tệp (\"{detail}\")", path.display()),
                format!("{}: cannot read the file (\"{detail}\")", path.display()),
            ),
            Verdict(asked) => (
                format!("--verdict \"{asked}\": chọn cchc hoặc office"),
                format!("--verdict \"{asked}\": choose cchc or office"),
            ),
            AsOf(asked) => (
                format!("--as-of \"{asked}\" không phải ngày yyyy-mm-dd"),
                format!("--as-of \"{asked}\" is not a yyyy-mm-dd date"),
            ),
            NoOfficeReport => {
                return vi_en(
                    "kho chưa có báo cáo thống kê thủ tục của đơn vị để đối chiếu: hãy nhập (\"cchc import procedures TỆP\")",
                    "the store holds no office report of procedure statistics to compare with: import one (\"cchc import procedures FILE\")",
                );
            }
            NoDossier => {
                return vi_en(
                    "không có hồ sơ nào khớp --year/--unit",
                    "no dossier matches --year/--unit",
                );
            }
            EmptyStore(path) => (
                format!(
                    "kho {} trống; hãy nhập số liệu trước: cchc import TỆP.xlsx",
                    path.display()
                ),
                format!(
                    "store {} is empty; import some data first: cchc import FILE.xlsx",
                    path.display()
                ),
            ),
            ReportUnit { asked, units } => (
                format!(
                    "--unit \"{asked}\": kho không có đơn vị này; các đơn vị trong kho: {}",
                    quoted(units)
                ),
                format!(
                    "--unit \"{asked}\": no such unit in the store; its units: {}",
                    quoted(units)
                ),
            ),
            ReportYear { year, years } => {
                let list = years
                    .iter()
                    .map(i32::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                (
                    format!(
                        "--year {year}: không có số liệu năm {year} (bảng điểm, phiếu khảo sát hay thống kê hồ sơ) cho đơn vị đã chọn; các năm có số liệu: {list}"
                    ),
                    format!(
                        "--year {year}: no scorecard, survey or dossier statistics of {year} for the units chosen; years with data: {list}"
                    ),
                )
            }
            RegistryOnly => {
                return vi_en(
                    "kho chỉ có danh mục thủ tục, chưa có số liệu năm nào để báo cáo",
                    "the store holds only procedure registries, no year's figures to report",
                );
            }
        };
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::super::check::{english_words, own_words, vietnamese_words};
    use super::*;

    fn number(e: &QueryError) -> usize {
        use QueryError::*;
        match e {
            Store(_) => 0,
            Polars(_) => 1,
            Dossiers(_) => 2,
            Calendar(_) => 3,
            NotInStore { .. } => 4,
            ChooseOne { .. } => 5,
            NoData => 6,
            NoYear => 7,
            SurveyBy { .. } => 8,
            ProcedureBy { .. } => 9,
            Share { .. } => 10,
            Weight(_) => 11,
            Rules { .. } => 12,
            File { .. } => 13,
            Hours { .. } => 14,
            Verdict(_) => 15,
            AsOf(_) => 16,
            NoOfficeReport => 17,
            NoDossier => 18,
            EmptyStore(_) => 19,
            ReportUnit { .. } => 20,
            ReportYear { .. } => 21,
            RegistryOnly => 22,
            Unit(_) => 23,
            ProvinceConflict { .. } => 24,
            Period(_) => 25,
            InFile { .. } => 26,
        }
    }

    fn samples() -> Vec<QueryError> {
        use QueryError::*;
        let units = || vec!["Sở Tư pháp".to_owned(), "Sở Y tế".to_owned()];
        let not_covered = || cchc_calendar::CalendarError::NotCovered {
            year: 2031,
            first: 2020,
            last: 2026,
        };
        let mut out = vec![
            Store(cchc_store::StoreError::NothingImported {
                path: PathBuf::from("cchc-data"),
                kind: cchc_model::TableKind::Survey,
            }),
            Polars(polars::prelude::PolarsError::ColumnNotFound("unit".into())),
            Dossiers(DossierError::Calendar(not_covered())),
            Calendar(not_covered()),
            NotInStore {
                what: Choice::Unit,
                asked: "Sở Xây dựng".into(),
                available: units(),
            },
            NotInStore {
                what: Choice::Year,
                asked: "2019".into(),
                available: vec!["2021".into()],
            },
            ChooseOne {
                what: Choice::Unit,
                available: units(),
            },
            NoData,
            NoYear,
            SurveyBy {
                asked: "giới".into(),
                attributes: vec!["Giới tính".into()],
            },
            ProcedureBy {
                asked: "lĩnh".into(),
            },
            Share {
                flag: "--target",
                value: 2.0,
            },
            Rules {
                path: PathBuf::from("quy_tac.toml"),
                problem: RulesError::TargetShare(2.0),
            },
            Rules {
                path: PathBuf::from("quy_tac.toml"),
                problem: RulesError::Syntax("expected `=`".into()),
            },
            File {
                path: PathBuf::from("quy_tac.toml"),
                detail: "No such file".into(),
            },
            Hours {
                path: PathBuf::from("gio.toml"),
                source: cchc_calendar::CalendarError::Hours("no such province".into()),
            },
            Verdict("đơn vị".into()),
            AsOf("31/12/2024".into()),
            NoOfficeReport,
            NoDossier,
            EmptyStore(PathBuf::from("cchc-data")),
            ReportUnit {
                asked: "Sở Xây dựng".into(),
                units: units(),
            },
            ReportYear {
                year: 2019,
                years: vec![2021, 2022],
            },
            RegistryOnly,
            Period("2025-07-01".into()),
            InFile {
                file: "so_lieu_2024.xlsx".into(),
                problem: Box::new(Unit(cchc_units::Unresolved::Ambiguous {
                    asked: "Xã Thanh Sơn".into(),
                    candidates: vec!["x:26143".into(), "x:26209".into()],
                })),
            },
            ProvinceConflict {
                given: "Bình Phước".into(),
                written: "Đồng Nai".into(),
            },
            Unit(cchc_units::Unresolved::Province {
                asked: "Bình Phước".into(),
                valid: vec!["Đồng Nai".into()],
            }),
            Unit(cchc_units::Unresolved::Unknown {
                asked: "Phường Hố Nai 9".into(),
                nearest: vec!["Phường Hố Nai".into()],
            }),
            Unit(cchc_units::Unresolved::Unknown {
                asked: "Ban Quản lý".into(),
                nearest: Vec::new(),
            }),
            Unit(cchc_units::Unresolved::Ambiguous {
                asked: "Sở Tài chính".into(),
                candidates: vec!["d:tai_chinh@p:75".into(), "d:tai_chinh@p:70".into()],
            }),
        ];
        let problems = [
            WeightProblem::NotPositive {
                column: "Trọng số".into(),
                respondent: "R1".into(),
                text: "không".into(),
            },
            WeightProblem::Missing {
                column: "Trọng số".into(),
                respondent: "R1".into(),
            },
            WeightProblem::Spec {
                spec: "đơn vị.csv".into(),
            },
            WeightProblem::Read {
                path: "trong_so.csv".into(),
                detail: "No such file".into(),
            },
            WeightProblem::LineNotPositive {
                path: "trong_so.csv".into(),
                line: 3,
                unit: "Sở Y tế".into(),
                text: "âm".into(),
            },
            WeightProblem::UnitsMissing {
                path: "trong_so.csv".into(),
                units: units(),
            },
        ];
        out.extend(problems.into_iter().map(Weight));
        out
    }

    #[test]
    fn every_query_error_speaks_only_its_language_outside_quotes() {
        let samples = samples();
        let mut problems = Vec::new();
        for e in &samples {
            let (en, vi) = (e.words(Lang::En), e.words(Lang::Vi));
            let foreign_en = vietnamese_words(&own_words(&en));
            if !foreign_en.is_empty() || en.trim().is_empty() {
                problems.push(format!("en {foreign_en:?}: {en}"));
            }
            let foreign_vi = english_words(&own_words(&vi));
            if !foreign_vi.is_empty() || vi.trim().is_empty() {
                problems.push(format!("vi {foreign_vi:?}: {vi}"));
            }
            if en == vi {
                problems.push(format!("the same in both languages: {en}"));
            }
        }
        let mut seen: Vec<usize> = samples.iter().map(number).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen, (0..27).collect::<Vec<_>>());
        assert!(problems.is_empty(), "{problems:#?}");
    }
}
