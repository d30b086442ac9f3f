//! One module per command, each with its `Args` and `run`; shared helpers below.

pub mod calendar;
pub mod chart;
pub mod demo;
pub mod dossiers;
pub mod import;
pub mod inspect;
pub mod procedures;
pub mod rejects;
pub mod report;
pub mod scorecard;
pub mod store;
pub mod survey;
pub mod units;
pub mod views;

use std::io::Write;

use anyhow::Result;
use polars::prelude::*;

use crate::Global;
use crate::output::write_frame;

/// How to read workbooks: the flags `import` and `inspect` share.
#[derive(clap::Args, Debug, Clone)]
pub struct ReadArgs {
    /// Năm của số liệu (year of the data)
    #[arg(long)]
    pub year: Option<i32>,
    /// Đơn vị (unit)
    #[arg(long)]
    pub unit: Option<String>,
    /// Tỉnh của các đơn vị trong tệp, ví dụ "Đồng Nai"; mặc định: tỉnh ghi ở tiêu đề
    /// (the province of the file's units; default: the one its title names)
    #[arg(long)]
    pub province: Option<String>,
    /// Kỳ của số liệu khi không trọn năm, TỪ..ĐẾN, ví dụ 1/7/2025..31/12/2025; mặc định: kỳ ghi
    /// ở tiêu đề ("6 tháng cuối năm 2025") hoặc cả năm (the period of the data when not a whole
    /// year; default: the one the title names, or the whole year)
    #[arg(long, value_name = "FROM..TO")]
    pub period: Option<String>,
    /// Chỉ đọc trang này (only this sheet)
    #[arg(long)]
    pub sheet: Option<String>,
    /// Tệp cấu hình ánh xạ cột, TOML (mapping profile)
    #[arg(long)]
    pub profile: Option<std::path::PathBuf>,
    /// Bảng mã câu hỏi (Mã câu hỏi | Yếu tố | Nội dung) cho phiếu khảo sát không kèm bảng mã
    /// (codebook workbook for surveys without a codebook sheet)
    #[arg(long)]
    pub codebook: Option<std::path::PathBuf>,
    /// Bảng mã của chữ trong bảng tính: auto (theo phông chữ và nội dung), unicode, tcvn3, vni
    /// (text encoding: auto by font and content, or forced)
    #[arg(long, value_enum, default_value = "auto")]
    pub encoding: EncodingArg,
    /// Giữ các cột dữ liệu cá nhân (họ tên, email, số điện thoại, số định danh…) như thuộc tính
    /// (keep personal columns as attributes; by default they are not stored)
    #[arg(long)]
    pub keep_personal_data: bool,
}

/// `--encoding`.
#[derive(clap::ValueEnum, Debug, Clone, Copy)]
pub enum EncodingArg {
    /// Theo phông chữ và nội dung (by font and content)
    Auto,
    /// Không chuyển mã (no conversion)
    Unicode,
    /// TCVN3 (ABC, phông .Vn…)
    Tcvn3,
    /// VNI (phông VNI-…)
    Vni,
}

impl ReadArgs {
    /// The period asked for with `--period`, parsed.
    pub fn period(&self) -> Result<Option<(cchc_calendar::Day, cchc_calendar::Day)>> {
        Ok(self
            .period
            .as_deref()
            .map(cchc_query::units::parse_period)
            .transpose()?)
    }

    /// The importer's options, with the profile read.
    pub fn options(&self) -> Result<cchc_import::ImportOptions> {
        Ok(cchc_import::ImportOptions {
            year: self.year,
            unit: self.unit.clone(),
            sheet: self.sheet.clone(),
            profile: self
                .profile
                .as_deref()
                .map(cchc_import::Profile::load)
                .transpose()?,
            codebook: self.codebook.clone(),
            encoding: match self.encoding {
                EncodingArg::Auto => cchc_import::Encoding::Auto,
                EncodingArg::Unicode => cchc_import::Encoding::Unicode,
                EncodingArg::Tcvn3 => cchc_import::Encoding::Tcvn3,
                EncodingArg::Vni => cchc_import::Encoding::Vni,
            },
            keep_personal_data: self.keep_personal_data,
            ..cchc_import::ImportOptions::default()
        })
    }
}

/// The level of `--level`.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LevelArg {
    /// Tiêu chí không có mục con (items without children)
    #[default]
    Leaf,
    /// Lĩnh vực (top-level fields)
    Field,
}

impl From<LevelArg> for cchc_query::scorecard::Level {
    fn from(l: LevelArg) -> cchc_query::scorecard::Level {
        use cchc_query::scorecard::Level;
        match l {
            LevelArg::Leaf => Level::Leaf,
            LevelArg::Field => Level::Field,
        }
    }
}

/// Writes a result frame to stdout in the chosen format.
pub fn print_frame(global: &Global, df: &DataFrame) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    write_frame(&mut out, df, global.format, global.lang())?;
    out.flush()?;
    Ok(())
}
