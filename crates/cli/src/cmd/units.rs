//! `cchc units list|show|export`: the register of administrative units across the 2025
//! reorganisation — who a unit is, its province, peer group, period, predecessors and successors.

use anyhow::Result;
use cchc_calendar::Day;
use cchc_query::units::{ListRequest, ShowRequest};
use cchc_store::Store;
use clap::{Subcommand, ValueEnum};

use crate::output::OutputFormat;
use crate::words;
use crate::{Global, Outcome};

/// The register's commands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Các đơn vị trong danh mục, theo loại, tỉnh và ngày (the units, by kind, province and day)
    List(ListArgs),
    /// Một đơn vị: tỉnh, khối xếp hạng, hiệu lực, các đơn vị trước và sau
    /// (one unit with its predecessors and successors)
    Show(ShowArgs),
    /// Ghi danh mục và các quan hệ vào kho để DuckDB, Spark… kết nối
    /// (write the register and its edges into the store for other engines)
    Export,
}

/// `--kind`.
#[derive(ValueEnum, Debug, Clone, Copy)]
pub enum KindArg {
    /// Tỉnh, thành phố (provinces)
    Province,
    /// Huyện, quận, thị xã (districts, until 30/6/2025)
    District,
    /// Xã, phường, thị trấn, đặc khu (communes)
    Commune,
    /// Sở, ban, ngành (departments)
    Department,
    /// Bộ, ngành trung ương (ministries)
    Ministry,
}

impl From<KindArg> for cchc_units::Kind {
    fn from(k: KindArg) -> cchc_units::Kind {
        use cchc_units::Kind;
        match k {
            KindArg::Province => Kind::Province,
            KindArg::District => Kind::District,
            KindArg::Commune => Kind::Commune,
            KindArg::Department => Kind::Department,
            KindArg::Ministry => Kind::Ministry,
        }
    }
}

/// Arguments of `cchc units list`.
#[derive(clap::Args, Debug)]
pub struct ListArgs {
    /// Loại đơn vị (kind)
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// Tỉnh, ví dụ "Đồng Nai" (province)
    #[arg(long)]
    pub province: Option<String>,
    /// Các đơn vị có hiệu lực ngày này, yyyy-mm-dd (units valid on this day)
    #[arg(long, value_parser = parse_day)]
    pub as_of: Option<Day>,
}

/// Arguments of `cchc units show`.
#[derive(clap::Args, Debug)]
pub struct ShowArgs {
    /// Tên đơn vị như văn bản ghi (the unit's name as offices write it)
    pub name: String,
    /// Tỉnh của đơn vị (its province; none for a ministry or a province)
    #[arg(long)]
    pub province: Option<String>,
    /// Đơn vị có hiệu lực ngày này, yyyy-mm-dd; mặc định: đơn vị hiện hành
    /// (the unit valid on this day; default: the one valid now)
    #[arg(long, value_parser = parse_day)]
    pub as_of: Option<Day>,
}

fn parse_day(s: &str) -> Result<Day, String> {
    Day::parse_iso(s).ok_or_else(|| format!("{s}: yyyy-mm-dd"))
}

/// Runs `cchc units …`.
pub fn run(global: &Global, command: Command) -> Result<Outcome> {
    let lang = global.lang();
    match command {
        Command::List(a) => {
            let mut frame = cchc_query::units::list(&ListRequest {
                kind: a.kind.map(Into::into),
                province: a.province,
                as_of: a.as_of,
            })?;
            // A table for people: the unit, where and when; CSV and JSON keep every column.
            if global.format == OutputFormat::Table {
                use cchc_model::columns as c;
                frame = frame.select([
                    c::UNIT,
                    c::PROVINCE,
                    c::CODE,
                    c::VALID_FROM,
                    c::VALID_TO,
                    c::PEER_GROUP,
                    c::UNIT_KEY,
                ])?;
            }
            super::print_frame(global, &frame)?;
        }
        Command::Show(a) => {
            let view = cchc_query::units::show(&ShowRequest {
                name: a.name,
                province: a.province,
                as_of: a.as_of,
            })?;
            match global.format {
                OutputFormat::Json => out!(
                    "{}",
                    serde_json::to_string_pretty(&crate::output::unit_json(&view))
                        .unwrap_or_default()
                ),
                _ => {
                    for line in words::unit_lines(&view, lang) {
                        out!("{line}");
                    }
                }
            }
        }
        Command::Export => {
            let mut store = Store::open_for_write(&global.store)?;
            let (mut units, mut edges) = cchc_query::units::export()?;
            for (name, frame) in [
                (cchc_model::tables::UNIT_REGISTER, &mut units),
                (cchc_model::tables::UNIT_EDGES, &mut edges),
            ] {
                let path = store.write_export(name, frame)?;
                if !global.quiet {
                    eprintln!("{}", words::wrote(&path, lang));
                }
            }
        }
    }
    Ok(Outcome::Ok)
}
