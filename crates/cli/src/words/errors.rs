//! The words of errors: a file that cannot be imported, a store that cannot be read or written,
//! a chart that cannot be drawn. Every message names the file (and the sheet or cell where there
//! is one); names and values from the workbook, and details from the libraries below, are quoted.

use cchc_import::{ImportError, Oversize, ProfileProblem, Quantity};
use cchc_model::Lang;
use cchc_plot::PlotError;
use cchc_store::StoreError;

use super::{Words, origin};

impl Words for Oversize {
    fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (Oversize::Row { row, max }, Lang::Vi) => {
                format!("ô ở dòng {row} vượt quá giới hạn {max} dòng")
            }
            (Oversize::Row { row, max }, Lang::En) => {
                format!("a cell at row {row} is beyond the {max} rows allowed")
            }
            (Oversize::Column { col, max }, Lang::Vi) => {
                format!("ô ở cột thứ {col} vượt quá giới hạn {max} cột")
            }
            (Oversize::Column { col, max }, Lang::En) => {
                format!("a cell at column {col} is beyond the {max} columns allowed")
            }
            (Oversize::Cells { max }, Lang::Vi) => format!("có hơn {max} ô có dữ liệu"),
            (Oversize::Cells { max }, Lang::En) => format!("more than {max} non-empty cells"),
            (Oversize::Range { detail }, Lang::Vi) => format!(
                "các ô của trang trải quá rộng, có lẽ vì một ô thừa nằm xa bảng (\"{detail}\"); hãy xoá ô đó (Ctrl+End sẽ chỉ ra) rồi nhập lại"
            ),
            (Oversize::Range { detail }, Lang::En) => format!(
                "the sheet's cells span too large a range, probably because of a stray cell far from the table (\"{detail}\"); delete it (Ctrl+End finds it) and import again"
            ),
        }
    }
}

impl Words for ProfileProblem {
    fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (ProfileProblem::Syntax(detail), Lang::Vi) => {
                format!("không đọc được (\"{detail}\")")
            }
            (ProfileProblem::Syntax(detail), Lang::En) => format!("cannot be read (\"{detail}\")"),
            (ProfileProblem::RowZero, Lang::Vi) => {
                "header_rows đếm từ 1: không có dòng 0".to_owned()
            }
            (ProfileProblem::RowZero, Lang::En) => {
                "header_rows are one-based: row 0 does not exist".to_owned()
            }
            (ProfileProblem::UnknownField(name), Lang::Vi) => {
                format!("không có trường \"{name}\"")
            }
            (ProfileProblem::UnknownField(name), Lang::En) => format!("unknown field \"{name}\""),
            (ProfileProblem::NoColumn { field, column }, Lang::Vi) => {
                format!("trường \"{field}\": không có cột \"{column}\"")
            }
            (ProfileProblem::NoColumn { field, column }, Lang::En) => {
                format!("field \"{field}\": no column \"{column}\"")
            }
        }
    }
}

impl Words for ImportError {
    fn words(&self, lang: Lang) -> String {
        use ImportError::*;
        // Each variant's message in both languages: (Vietnamese, English).
        let (vi, en) = match self {
            Io { path, source } => (
                format!("{}: không đọc được tệp (\"{source}\")", path.display()),
                format!("{}: cannot read the file (\"{source}\")", path.display()),
            ),
            Empty { path } => (
                format!("{}: tệp rỗng", path.display()),
                format!("{}: the file is empty", path.display()),
            ),
            NotASpreadsheet { path } => (
                format!(
                    "{}: không phải bảng tính (cần tệp .xlsx, .xls hoặc .ods)",
                    path.display()
                ),
                format!(
                    "{}: not a spreadsheet (expected .xlsx, .xls or .ods)",
                    path.display()
                ),
            ),
            Encrypted { path } => (
                format!(
                    "{}: bảng tính có mật khẩu; hãy lưu một bản không đặt mật khẩu",
                    path.display()
                ),
                format!(
                    "{}: the workbook is password-protected; save an unprotected copy",
                    path.display()
                ),
            ),
            Damaged { path, detail } => (
                format!(
                    "{}: bảng tính bị hỏng hoặc không trọn vẹn (\"{detail}\")",
                    path.display()
                ),
                format!(
                    "{}: the workbook is damaged or truncated (\"{detail}\")",
                    path.display()
                ),
            ),
            SheetNotFound {
                path,
                sheet,
                available,
            } => (
                format!(
                    "{}: không có trang tính \"{sheet}\" (các trang: \"{available}\")",
                    path.display()
                ),
                format!(
                    "{}: no sheet named \"{sheet}\" (sheets: \"{available}\")",
                    path.display()
                ),
            ),
            NoTable { path, sheet } => match sheet {
                Some(s) => (
                    format!(
                        "{}: không tìm thấy bảng số liệu trong trang \"{s}\"",
                        path.display()
                    ),
                    format!("{}: no recognisable table in sheet \"{s}\"", path.display()),
                ),
                None => (
                    format!(
                        "{}: không tìm thấy bảng số liệu trong trang tính nào; \"cchc inspect {}\" cho biết từng trang thiếu cột nào",
                        path.display(),
                        path.display()
                    ),
                    format!(
                        "{}: no recognisable table in any sheet; \"cchc inspect {}\" shows which columns each sheet misses",
                        path.display(),
                        path.display()
                    ),
                ),
            },
            TooLarge { path, sheet, what } => (
                format!(
                    "{}, trang \"{sheet}\": {}",
                    path.display(),
                    what.words(Lang::Vi)
                ),
                format!(
                    "{}, sheet \"{sheet}\": {}",
                    path.display(),
                    what.words(Lang::En)
                ),
            ),
            MissingColumn {
                path,
                sheet,
                field,
                expected,
            } => (
                format!(
                    "{}, trang \"{sheet}\": không có cột cho trường \"{field}\" (cần tiêu đề kiểu \"{expected}\")",
                    path.display()
                ),
                format!(
                    "{}, sheet \"{sheet}\": no column for the field \"{field}\" (expected a header like \"{expected}\")",
                    path.display()
                ),
            ),
            AmbiguousColumn {
                path,
                sheet,
                field,
                first,
                second,
            } => (
                format!(
                    "{}, trang \"{sheet}\": cả cột {first} và {second} đều giống cột cho trường \"{field}\"; hãy chỉ rõ trong tệp cấu hình (profile)",
                    path.display()
                ),
                format!(
                    "{}, sheet \"{sheet}\": columns {first} and {second} both look like the field \"{field}\"; name one in a profile",
                    path.display()
                ),
            ),
            NoYear { path, sheet } => (
                format!(
                    "{}, trang \"{sheet}\": không tìm thấy năm ở tiêu đề cột, tên trang, tiêu đề bảng hay tên tệp; hãy dùng --year",
                    path.display()
                ),
                format!(
                    "{}, sheet \"{sheet}\": no year found in a header, the sheet name, the title or the file name; pass --year",
                    path.display()
                ),
            ),
            NoUnit { path, sheet } => (
                format!(
                    "{}, trang \"{sheet}\": không tìm thấy đơn vị ở cột hay tiêu đề bảng; hãy dùng --unit",
                    path.display()
                ),
                format!(
                    "{}, sheet \"{sheet}\": no unit found in a column or the title; pass --unit",
                    path.display()
                ),
            ),
            Conflict(c) => {
                let (what_vi, what_en) = match c.what {
                    Quantity::Year => ("năm", "year"),
                    Quantity::Unit => ("đơn vị", "unit"),
                };
                let from = |l| {
                    (
                        origin(&c.first_source, c.what, l),
                        origin(&c.second_source, c.what, l),
                    )
                };
                let ((vi1, vi2), (en1, en2)) = (from(Lang::Vi), from(Lang::En));
                (
                    format!(
                        "{}, trang \"{}\": {what_vi} là \"{}\" theo {vi1} nhưng là \"{}\" theo {vi2}",
                        c.path.display(),
                        c.sheet,
                        c.first,
                        c.second
                    ),
                    format!(
                        "{}, sheet \"{}\": the {what_en} is \"{}\" from {en1} but \"{}\" from {en2}",
                        c.path.display(),
                        c.sheet,
                        c.first,
                        c.second
                    ),
                )
            }
            Profile { path, problem } => (
                format!(
                    "{}: tệp cấu hình (profile): {}",
                    path.display(),
                    problem.words(Lang::Vi)
                ),
                format!(
                    "{}: mapping profile: {}",
                    path.display(),
                    problem.words(Lang::En)
                ),
            ),
            Sink { path, source } => match source.downcast_ref::<StoreError>() {
                Some(e) => (
                    format!(
                        "{}: không lưu được các dòng: {}",
                        path.display(),
                        e.words(Lang::Vi)
                    ),
                    format!(
                        "{}: could not store the rows: {}",
                        path.display(),
                        e.words(Lang::En)
                    ),
                ),
                None => (
                    format!("{}: không lưu được các dòng (\"{source}\")", path.display()),
                    format!(
                        "{}: could not store the rows (\"{source}\")",
                        path.display()
                    ),
                ),
            },
            Inflated {
                path,
                entry,
                size,
                limit,
            } => (
                format!(
                    "{}: phần \"{entry}\" khi giải nén lớn tới {size} byte, vượt giới hạn {limit}; không nhập vì có thể là tệp độc hại (zip bomb) hoặc tệp hỏng",
                    path.display()
                ),
                format!(
                    "{}: the part \"{entry}\" inflates to {size} bytes, over the limit of {limit}; refused as a possible zip bomb or a damaged file",
                    path.display()
                ),
            ),
            Compressed {
                path,
                entry,
                ratio,
                limit,
            } => (
                format!(
                    "{}: phần \"{entry}\" bị nén {ratio}:1 (bảng tính thật không quá {limit}:1); không nhập vì có thể là tệp độc hại (zip bomb)",
                    path.display()
                ),
                format!(
                    "{}: the part \"{entry}\" is compressed {ratio}:1 (workbooks stay under {limit}:1); refused as a possible zip bomb",
                    path.display()
                ),
            ),
            StrayCell {
                path,
                sheet,
                cell,
                gap,
            } => (
                format!(
                    "{}, trang \"{sheet}\": ô {cell} nằm cách phần còn lại của trang {gap} dòng trống; hãy xoá ô thừa này (Ctrl+End trong Excel sẽ chỉ ra) rồi nhập lại",
                    path.display()
                ),
                format!(
                    "{}, sheet \"{sheet}\": a cell at {cell} lies {gap} empty rows below the rest of the sheet; delete the stray cell (Ctrl+End in Excel finds it) and import again",
                    path.display()
                ),
            ),
            UnknownKind { path, likely } => {
                let kind = likely.map_or("scorecard|survey|procedures", |k| k.as_str());
                (
                    format!(
                        "{}: không nhận ra loại bảng; xem \"cchc inspect {}\" rồi nói rõ loại: \"cchc import {kind} TỆP\"",
                        path.display(),
                        path.display()
                    ),
                    format!(
                        "{}: cannot tell what kind of table this is; see \"cchc inspect {}\" and name it: \"cchc import {kind} FILE\"",
                        path.display(),
                        path.display()
                    ),
                )
            }
        };
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

impl Words for StoreError {
    fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (StoreError::Io { path, source }, Lang::Vi) => {
                format!("kho dữ liệu {}: \"{source}\"", path.display())
            }
            (StoreError::Io { path, source }, Lang::En) => {
                format!("store {}: \"{source}\"", path.display())
            }
            (StoreError::Manifest { path, detail }, Lang::Vi) => {
                format!(
                    "tệp manifest của kho {} bị hỏng (\"{detail}\")",
                    path.display()
                )
            }
            (StoreError::Manifest { path, detail }, Lang::En) => {
                format!(
                    "store manifest {} is damaged (\"{detail}\")",
                    path.display()
                )
            }
            (StoreError::Locked { path, pid }, Lang::Vi) => format!(
                "kho dữ liệu {} đang được một tiến trình cchc khác ghi (pid {pid}); hãy chờ hoặc xoá {}",
                path.display(),
                path.join(".lock").display()
            ),
            (StoreError::Locked { path, pid }, Lang::En) => format!(
                "store {} is locked by another cchc process (pid {pid}); wait for it or remove {}",
                path.display(),
                path.join(".lock").display()
            ),
            (StoreError::Ambiguous { key, candidates }, Lang::Vi) => format!(
                "\"{key}\" khớp với nhiều nguồn ({}); hãy ghi thêm ký tự của mã sha256",
                candidates.join(", ")
            ),
            (StoreError::Ambiguous { key, candidates }, Lang::En) => format!(
                "\"{key}\" matches several sources ({}); give more of the sha256",
                candidates.join(", ")
            ),
            (StoreError::Parquet { path, detail }, Lang::Vi) => {
                format!("kho dữ liệu {}: \"{detail}\"", path.display())
            }
            (StoreError::Parquet { path, detail }, Lang::En) => {
                format!("store {}: \"{detail}\"", path.display())
            }
            (StoreError::NothingImported { path, kind }, lang) => {
                nothing_imported(path, *kind, lang)
            }
        }
    }
}

/// What to import first, for an analysis of a kind the store holds none of (the command to type
/// in quotes).
fn nothing_imported(path: &std::path::Path, kind: cchc_model::TableKind, lang: Lang) -> String {
    let store = path.display();
    match (kind, lang) {
        (cchc_model::TableKind::Scorecard, Lang::Vi) => {
            format!("kho {store} chưa có bảng điểm nào; hãy nhập trước: \"cchc import TỆP.xlsx\"")
        }
        (cchc_model::TableKind::Scorecard, Lang::En) => {
            format!(
                "store {store} holds no scorecard yet; import one first: \"cchc import FILE.xlsx\""
            )
        }
        (cchc_model::TableKind::Survey, Lang::Vi) => {
            format!(
                "kho {store} chưa có phiếu khảo sát nào; hãy nhập trước: \"cchc import TỆP.xlsx\""
            )
        }
        (cchc_model::TableKind::Survey, Lang::En) => {
            format!(
                "store {store} holds no survey yet; import one first: \"cchc import FILE.xlsx\""
            )
        }
        (cchc_model::TableKind::Procedures, Lang::Vi) => format!(
            "kho {store} chưa có thống kê thủ tục hành chính nào; hãy nhập trước: \"cchc import procedures TỆP.xlsx\""
        ),
        (cchc_model::TableKind::Procedures, Lang::En) => format!(
            "store {store} holds no procedure statistics yet; import some first: \"cchc import procedures FILE.xlsx\""
        ),
        (cchc_model::TableKind::Dossiers, Lang::Vi) => {
            "kho chưa có sổ theo dõi hồ sơ nào: hãy nhập trước (\"cchc import dossiers TỆP…\")"
                .to_owned()
        }
        (cchc_model::TableKind::Dossiers, Lang::En) => {
            "the store holds no dossier log: import one first (\"cchc import dossiers FILE…\")"
                .to_owned()
        }
    }
}

impl Words for PlotError {
    fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (PlotError::Extension { path }, Lang::Vi) => format!(
                "{}: biểu đồ chỉ ghi được dạng .png hoặc .svg",
                path.display()
            ),
            (PlotError::Extension { path }, Lang::En) => {
                format!("{}: charts are written as .png or .svg", path.display())
            }
            (PlotError::NoData { what }, Lang::Vi) => {
                format!("không có dữ liệu để vẽ (\"{what}\")")
            }
            (PlotError::NoData { what }, Lang::En) => format!("no data to chart (\"{what}\")"),
            (PlotError::Frame(e), Lang::Vi) => {
                format!("dữ liệu vào biểu đồ không hợp lệ (\"{e}\")")
            }
            (PlotError::Frame(e), Lang::En) => format!("invalid chart input (\"{e}\")"),
            (PlotError::Draw { path, detail }, Lang::Vi) => {
                format!("{}: không vẽ được biểu đồ (\"{detail}\")", path.display())
            }
            (PlotError::Draw { path, detail }, Lang::En) => {
                format!("{}: cannot draw the chart (\"{detail}\")", path.display())
            }
        }
    }
}

impl Words for cchc_report::ReportError {
    fn words(&self, lang: Lang) -> String {
        use cchc_report::ReportError as E;
        let (vi, en) = match self {
            E::Frame(e) => (
                format!("báo cáo: bảng kết quả không đọc được (\"{e}\")"),
                format!("report: a result table cannot be read (\"{e}\")"),
            ),
            E::Plot(e) => return e.words(lang),
            E::Xlsx { path, detail } => (
                format!("{}: không ghi được sổ tính (\"{detail}\")", path.display()),
                format!(
                    "{}: cannot write the workbook (\"{detail}\")",
                    path.display()
                ),
            ),
            E::Docx { path, detail } => (
                format!(
                    "{}: không ghi được văn bản Word (\"{detail}\")",
                    path.display()
                ),
                format!(
                    "{}: cannot write the Word document (\"{detail}\")",
                    path.display()
                ),
            ),
            E::Io { path, source } => (
                format!("{}: không ghi được tệp (\"{source}\")", path.display()),
                format!("{}: cannot write the file (\"{source}\")", path.display()),
            ),
        };
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}
