//! `cchc report [--year Y] [--unit U]... [--out DIR] [--formats html,xlsx,docx]`: the year's
//! analysis as a printable HTML page, an Excel workbook with native charts and a Word draft of the
//! next year's plan. The query layer gathers the figures, the `report` crate builds the one
//! document and renders it (see [`crate::front::publish`]).

use std::path::PathBuf;

use anyhow::Result;
use cchc_query::report::ReportRequest;
use cchc_report::Format;
use cchc_store::Store;

use crate::front::publish;
use crate::{Global, Outcome};

/// `--formats` values.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatArg {
    /// Trang HTML in được (printable HTML page)
    Html,
    /// Sổ tính Excel có biểu đồ (Excel workbook with charts)
    Xlsx,
    /// Bản thảo kế hoạch Word (Word draft of the plan)
    Docx,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Html => Format::Html,
            FormatArg::Xlsx => Format::Xlsx,
            FormatArg::Docx => Format::Docx,
        }
    }
}

/// Arguments of `cchc report`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Năm báo cáo (year; default: the latest year in the store)
    #[arg(long)]
    pub year: Option<i32>,
    /// Đơn vị, có thể lặp lại (unit, repeatable; default: every unit in the store)
    #[arg(long)]
    pub unit: Vec<String>,
    /// Thư mục kết quả (output directory)
    #[arg(long, default_value = "cchc-report")]
    pub out: PathBuf,
    /// Định dạng (formats), ví dụ html,xlsx,docx
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = [FormatArg::Html, FormatArg::Xlsx, FormatArg::Docx])]
    pub formats: Vec<FormatArg>,
}

/// Runs `cchc report`.
pub fn run(global: &Global, args: Args) -> Result<Outcome> {
    let store = Store::open(&global.store)?;
    let formats: Vec<Format> = args.formats.iter().map(|f| (*f).into()).collect();
    let request = ReportRequest {
        year: args.year,
        units: args.unit,
    };
    let written = publish::write(&global.query(&store), global, &request, &args.out, &formats)?;
    for path in written {
        out!("{}", path.display());
    }
    Ok(Outcome::Ok)
}
