//! The words of what an import found in a sheet: why a sheet was passed over, what each column
//! was read as, where the year and the unit came from.

use cchc_import::{
    ColumnRole, Decoded, Legacy, Origin, PersonalKind, Quantity, Repair, RepairKind, SheetNote,
    SkipReason, SkippedKind,
};
use cchc_model::{Lang, Scale};

use super::Words;

impl Words for SkipReason {
    fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (SkipReason::NoHeader(kind), Lang::Vi) => {
                format!("không thấy tiêu đề cột của {}", kind.words(lang))
            }
            (SkipReason::NoHeader(kind), Lang::En) => {
                format!("no header of a {} found", kind.words(lang))
            }
            (SkipReason::MissingColumns(kind), Lang::Vi) => format!(
                "có tiêu đề nhưng thiếu các cột cần cho {}",
                kind.words(lang)
            ),
            (SkipReason::MissingColumns(kind), Lang::En) => {
                format!("a header without the columns a {} needs", kind.words(lang))
            }
            (SkipReason::NoQuestions, Lang::Vi) => {
                "không có cột câu hỏi (\"Câu 1.1 …\")".to_owned()
            }
            (SkipReason::NoQuestions, Lang::En) => "no question columns (\"Câu 1.1 …\")".to_owned(),
            (SkipReason::Codebook, Lang::Vi) => "bảng mã câu hỏi (Mã câu hỏi | Yếu tố)".to_owned(),
            (SkipReason::Codebook, Lang::En) => {
                "the question codebook (\"Mã câu hỏi | Yếu tố\")".to_owned()
            }
        }
    }
}

impl Words for ColumnRole {
    fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (ColumnRole::Field(field), _) => (*field).to_owned(),
            (
                ColumnRole::Question {
                    code,
                    element,
                    scale,
                },
                Lang::Vi,
            ) => format!("câu {code} (yếu tố \"{element}\", {})", scale.words(lang)),
            (
                ColumnRole::Question {
                    code,
                    element,
                    scale,
                },
                Lang::En,
            ) => format!(
                "question {code} (element \"{element}\", {})",
                scale.words(lang)
            ),
            (ColumnRole::Attribute(name), Lang::Vi) => format!("thuộc tính \"{name}\""),
            (ColumnRole::Attribute(name), Lang::En) => format!("attribute \"{name}\""),
            (ColumnRole::Personal(kind), Lang::Vi) => {
                format!("dữ liệu cá nhân ({}): không lưu", kind.words(lang))
            }
            (ColumnRole::Personal(kind), Lang::En) => {
                format!("personal data ({}): not stored", kind.words(lang))
            }
            (ColumnRole::Timestamp, Lang::Vi) => "thời điểm gửi phiếu (cho năm)".to_owned(),
            (ColumnRole::Timestamp, Lang::En) => {
                "time the form was sent (gives the year)".to_owned()
            }
        }
    }
}

impl Words for Scale {
    fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (Scale::Satisfaction, Lang::Vi) => "thang mức độ hài lòng",
            (Scale::Satisfaction, Lang::En) => "satisfaction scale",
            (Scale::Agreement, Lang::Vi) => "thang mức độ đồng ý",
            (Scale::Agreement, Lang::En) => "agreement scale",
            (Scale::Quality, Lang::Vi) => "thang chất lượng (kém – tốt)",
            (Scale::Quality, Lang::En) => "quality scale (poor – good)",
            (Scale::Numbers, Lang::Vi) => "thang số 1–5",
            (Scale::Numbers, Lang::En) => "numbers 1–5",
        }
        .to_owned()
    }
}

impl Words for PersonalKind {
    fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (PersonalKind::Email, Lang::Vi) => "thư điện tử",
            (PersonalKind::Email, Lang::En) => "email",
            (PersonalKind::Phone, Lang::Vi) => "số điện thoại",
            (PersonalKind::Phone, Lang::En) => "phone number",
            (PersonalKind::Name, Lang::Vi) => "họ tên",
            (PersonalKind::Name, Lang::En) => "full name",
            (PersonalKind::IdNumber, Lang::Vi) => "số định danh",
            (PersonalKind::IdNumber, Lang::En) => "ID number",
            (PersonalKind::BirthDate, Lang::Vi) => "ngày sinh",
            (PersonalKind::BirthDate, Lang::En) => "date of birth",
            (PersonalKind::Address, Lang::Vi) => "địa chỉ",
            (PersonalKind::Address, Lang::En) => "address",
        }
        .to_owned()
    }
}

impl Words for SheetNote {
    fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (SheetNote::QuestionsAsElements, Lang::Vi) => "không có bảng mã câu hỏi hay số \"x.y\": mỗi câu hỏi là một yếu tố (dùng --codebook để nhóm)".to_owned(),
            (SheetNote::QuestionsAsElements, Lang::En) => "no codebook and no \"x.y\" numbering: each question is its own element (group them with --codebook)".to_owned(),
        }
    }
}

/// Where a sheet's year or unit came from.
pub fn origin(origin: &Origin, what: Quantity, lang: Lang) -> String {
    match (origin, lang) {
        (Origin::Flag, _) => match what {
            Quantity::Year => "--year".to_owned(),
            Quantity::Unit => "--unit".to_owned(),
        },
        (Origin::Profile, Lang::Vi) => "tệp cấu hình (profile)".to_owned(),
        (Origin::Profile, Lang::En) => "the profile".to_owned(),
        (Origin::SheetName(name), Lang::Vi) => format!("tên trang \"{name}\""),
        (Origin::SheetName(name), Lang::En) => format!("the sheet name \"{name}\""),
        (Origin::Title, Lang::Vi) => "tiêu đề bảng".to_owned(),
        (Origin::Title, Lang::En) => "the title".to_owned(),
        (Origin::FileName, Lang::Vi) => "tên tệp".to_owned(),
        (Origin::FileName, Lang::En) => "the file name".to_owned(),
        (Origin::HeaderBand(y), Lang::Vi) => format!("dải tiêu đề cột \"NĂM {y}\""),
        (Origin::HeaderBand(y), Lang::En) => format!("the header band \"NĂM {y}\""),
    }
}

/// The columns converted from a legacy encoding: "đã chuyển mã TCVN3 → Unicode: cột B (40 ô), C
/// (12 ô)"; `None` when nothing was converted.
pub fn conversions(decoded: &[Decoded], lang: Lang) -> Option<String> {
    if decoded.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    for encoding in [Legacy::Tcvn3, Legacy::Vni] {
        let columns: Vec<String> = decoded
            .iter()
            .filter(|d| d.encoding == encoding)
            .map(|d| {
                let col = cchc_model::column_letters(d.col);
                match lang {
                    Lang::Vi => format!("{col} ({} ô)", d.cells),
                    Lang::En => format!("{col} ({} cells)", d.cells),
                }
            })
            .collect();
        if columns.is_empty() {
            continue;
        }
        let name = match encoding {
            Legacy::Tcvn3 => "TCVN3",
            Legacy::Vni => "VNI",
        };
        let columns = columns.join(", ");
        parts.push(match lang {
            Lang::Vi => format!("đã chuyển mã {name} → Unicode: cột {columns}"),
            Lang::En => format!("converted from {name} to Unicode: columns {columns}"),
        });
    }
    Some(parts.join("; "))
}

impl Words for Repair {
    fn words(&self, lang: Lang) -> String {
        let part = &self.part;
        match (&self.kind, lang) {
            (RepairKind::Utf16, Lang::Vi) => {
                format!("phần \"{part}\" viết bằng UTF-16: đã đọc sau khi chuyển sang UTF-8")
            }
            (RepairKind::Utf16, Lang::En) => {
                format!("part \"{part}\" is UTF-16: read after converting it to UTF-8")
            }
            (RepairKind::Checksum, Lang::Vi) => format!(
                "phần \"{part}\" sai mã kiểm tra hoặc kích thước: đã đọc dữ liệu như LibreOffice đọc, hãy kiểm tra lại số liệu"
            ),
            (RepairKind::Checksum, Lang::En) => format!(
                "part \"{part}\" has a wrong checksum or size: its data was read as LibreOffice reads it; check the figures"
            ),
            (RepairKind::Indentation, Lang::Vi) => format!(
                "phần \"{part}\" có xuống dòng giữa các thẻ XML: đã bỏ các xuống dòng đó để đọc (không mất chữ nào)"
            ),
            (RepairKind::Indentation, Lang::En) => format!(
                "part \"{part}\" has line breaks between XML elements: they were removed to read it (no text lost)"
            ),
            (RepairKind::Mimetype, Lang::Vi) => {
                "tệp OpenDocument thiếu phần \"mimetype\": đã bổ sung để đọc".to_owned()
            }
            (RepairKind::Mimetype, Lang::En) => {
                "the OpenDocument file lacks its \"mimetype\" part: it was added to read it"
                    .to_owned()
            }
            (RepairKind::PartsRenamed, Lang::Vi) => format!(
                "danh sách trang của sổ tính nằm ở phần \"{part}\", không ở tên chuẩn: đã đọc từ đó"
            ),
            (RepairKind::PartsRenamed, Lang::En) => format!(
                "the workbook's list of sheets is in part \"{part}\", not under the usual name: read from there"
            ),
            (RepairKind::PartName, Lang::Vi) => {
                format!("tên phần \"{part}\" không viết bằng UTF-8: đã tìm theo từng byte để đọc")
            }
            (RepairKind::PartName, Lang::En) => {
                format!("the name of part \"{part}\" is not UTF-8: found by its bytes to read it")
            }
            (RepairKind::SkippedSheet { sheet, what }, Lang::Vi) => {
                let why = match what {
                    SkippedKind::Macro => {
                        "là trang macro Excel 4.0 (công thức macro, không có bảng)"
                    }
                    SkippedKind::Dialog => "là trang hộp thoại Excel 5.0 (biểu mẫu, không có bảng)",
                    SkippedKind::Chart => "là trang biểu đồ (không có ô)",
                    SkippedKind::NoPart => "được liệt kê nhưng tệp không có phần dữ liệu của nó",
                };
                format!("bỏ qua trang \"{sheet}\" ({part}): {why}")
            }
            (RepairKind::SkippedSheet { sheet, what }, Lang::En) => {
                let why = match what {
                    SkippedKind::Macro => "an Excel 4.0 macro sheet (macro formulas, no table)",
                    SkippedKind::Dialog => "an Excel 5.0 dialog sheet (a form, no table)",
                    SkippedKind::Chart => "a chart sheet (no cells)",
                    SkippedKind::NoPart => "listed, but the file lacks its part",
                };
                format!("sheet \"{sheet}\" ({part}) not read: {why}")
            }
        }
    }
}

/// Said once when a store holds dossier logs written by an earlier cchc, with their dates as
/// text to the minute: they are read as they are; importing them again keeps the seconds.
pub fn text_dates(parts: usize, lang: Lang) -> Option<String> {
    (parts > 0).then(|| match lang {
        Lang::Vi => format!(
            "lưu ý: {parts} phần sổ theo dõi hồ sơ trong kho do phiên bản cchc cũ ghi, ngày giờ chỉ đến phút; cchc vẫn đọc được. Để giữ đến giây, xoá nguồn cũ (cchc store remove KHÓA) và nhập lại tệp sổ (cchc import dossiers TỆP)"
        ),
        Lang::En => format!(
            "note: {parts} part(s) of dossier logs in the store were written by an earlier cchc, with dates to the minute; they are still read. To keep the seconds, remove the old source (cchc store remove KEY) and import the log again (cchc import dossiers FILE)"
        ),
    })
}
