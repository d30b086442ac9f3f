//! `cchc`: the command line of the administrative-reform analysis toolkit.
//!
//! Parsing, wiring, output formats and exit codes only: every rule lives in a library crate. One
//! command, one file under `cmd/`; the steps several commands share under `front/`; figures come
//! from the query layer (`cchc-query`), words from `words/`. Data goes to stdout, diagnostics to stderr. Exit codes: 0
//! success, 1 problems found in the input under `--strict`, 2 error. A closed pipe is not an error.
// The binary is where printing belongs: the workspace denies it in libraries only.
#![allow(clippy::print_stdout, clippy::print_stderr)]

/// Writes a line to stdout and returns the error instead of panicking, so that a closed pipe
/// (`cchc … | head`) ends the command quietly.
macro_rules! out {
    () => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock())?
    }};
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)?
    }};
}

mod cmd;
mod export;
mod front;
mod output;
mod progress;
mod serve;
mod words;

use std::path::PathBuf;
use std::process::ExitCode;

use crate::words::phrases as ph;
use cchc_model::Lang;
use clap::{Parser, Subcommand, ValueEnum};

/// Phân tích cải cách hành chính: nhập bảng tính, xem xu hướng, tìm thủ tục cần đơn giản hoá.
/// (Administrative-reform analysis: import workbooks, chart trends, find procedures to simplify.)
#[derive(Parser, Debug)]
#[command(name = "cchc", version, about, long_about = None)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

/// Flags every command takes.
#[derive(clap::Args, Debug, Clone)]
pub struct Global {
    /// Thư mục kho dữ liệu (store directory)
    #[arg(long, global = true, env = "CCHC_STORE", default_value = "cchc-data")]
    pub store: PathBuf,
    /// Ngôn ngữ hiển thị (display language)
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Vi)]
    pub lang: LangArg,
    /// Định dạng kết quả (output format)
    #[arg(long, global = true, value_enum, default_value_t = output::OutputFormat::Table)]
    pub format: output::OutputFormat,
    /// Không in thông tin phụ ra stderr (no diagnostics on stderr)
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Bản đồ đơn vị: latest (mỗi đơn vị như hiện nay, gộp số liệu của đơn vị trước sáp nhập)
    /// hoặc reported (như tệp ghi) (the unit map: each unit as it stands now, predecessors'
    /// figures combined, or units as the files wrote them)
    #[arg(long, global = true, env = "CCHC_MAP", value_enum, default_value_t = MapArg::Latest)]
    pub map: MapArg,
}

/// `--map`.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapArg {
    /// Bản đồ mới nhất (the latest map)
    Latest,
    /// Như tệp ghi (as reported)
    Reported,
}

impl Global {
    /// Queries over `store` under the unit map chosen.
    pub fn query<'s>(&self, store: &'s cchc_store::Store) -> cchc_query::Query<'s> {
        cchc_query::Query::new(store).with_map(match self.map {
            MapArg::Latest => cchc_query::UnitMap::Latest,
            MapArg::Reported => cchc_query::UnitMap::Reported,
        })
    }

    /// The language chosen.
    pub fn lang(&self) -> Lang {
        match self.lang {
            LangArg::Vi => Lang::Vi,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LangArg {
    /// Tiếng Việt
    Vi,
    /// English
    En,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Xem bảng tính được nhận diện thế nào (show what cchc detects in a workbook)
    Inspect(cmd::inspect::Args),
    /// Nhập bảng tính vào kho (import workbooks into the store)
    Import(cmd::import::Args),
    /// Phân tích bảng điểm Chỉ số CCHC (scorecard analyses)
    #[command(subcommand)]
    Scorecard(cmd::scorecard::Command),
    /// Phân tích phiếu khảo sát sự hài lòng (satisfaction-survey analyses)
    #[command(subcommand)]
    Survey(cmd::survey::Command),
    /// Thống kê hồ sơ thủ tục hành chính và đề xuất đơn giản hoá (procedure statistics and simplification)
    #[command(subcommand)]
    Procedures(cmd::procedures::Command),
    /// Xem và gỡ các tệp đã nhập trong kho (list or remove imported sources)
    #[command(subcommand)]
    Store(cmd::store::Command),
    /// Liệt kê các dòng bị loại khi nhập (list rejected rows)
    Rejects(cmd::rejects::Args),
    /// Vẽ biểu đồ (draw a chart)
    Chart(cmd::chart::Args),
    /// Lập báo cáo năm: trang HTML, sổ tính Excel, bản thảo kế hoạch Word (write the year's report)
    Report(cmd::report::Args),
    /// Lịch ngày làm việc đang dùng: ngày nghỉ lễ, nghỉ bù, hoán đổi, làm bù và giờ làm việc
    /// (the working-day calendar in use)
    Calendar(cmd::calendar::Args),
    /// Sổ theo dõi hồ sơ: thống kê theo kỳ, kiểm tra, từng hồ sơ (dossier logs)
    #[command(subcommand)]
    Dossiers(cmd::dossiers::Command),
    /// Danh mục đơn vị hành chính qua sắp xếp năm 2025: tỉnh, khối, hiệu lực, đơn vị trước và sau
    /// (the register of units across the 2025 reorganisation)
    #[command(subcommand)]
    Units(cmd::units::Command),
    /// SQL tạo view cho DuckDB, DataFusion hoặc Spark trên các bảng kho đang có
    /// (the SQL that makes the store's views and metrics in DuckDB, DataFusion or Spark)
    Views(cmd::views::Args),
    /// Mở ứng dụng web trên máy này: nhập tệp, xem bảng và biểu đồ, tải báo cáo
    /// (the local web app: import files, read the tables and charts, download the report)
    Serve(serve::Args),
    /// Chạy ví dụ trên bộ dữ liệu kèm theo (import the bundled datasets, write tables and charts)
    Demo(cmd::demo::Args),
}

/// What a command reports when it succeeds.
pub enum Outcome {
    /// All is well.
    Ok,
    /// Problems were found in the input and `--strict` asks to say so with exit code 1.
    Problems,
}

fn main() -> ExitCode {
    cchc_import::install_quiet_panic_hook();
    let cli = Cli::parse();
    let global = cli.global.clone();
    let result = match cli.command {
        Command::Inspect(args) => cmd::inspect::run(&global, args),
        Command::Import(args) => cmd::import::run(&global, args),
        Command::Scorecard(command) => cmd::scorecard::run(&global, command),
        Command::Survey(command) => cmd::survey::run(&global, command),
        Command::Procedures(command) => cmd::procedures::run(&global, command),
        Command::Store(command) => cmd::store::run(&global, command),
        Command::Rejects(args) => cmd::rejects::run(&global, args),
        Command::Chart(args) => cmd::chart::run(&global, args),
        Command::Report(args) => cmd::report::run(&global, args),
        Command::Calendar(args) => cmd::calendar::run(&global, args),
        Command::Dossiers(command) => cmd::dossiers::run(&global, command),
        Command::Units(command) => cmd::units::run(&global, command),
        Command::Demo(args) => cmd::demo::run(&global, args),
        Command::Serve(args) => serve::run(&global, args),
        Command::Views(args) => cmd::views::run(&global, args),
    };
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Problems) => ExitCode::from(1),
        Err(err) if output::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let lang = global.lang();
            eprintln!("{}: {}", lang.say(ph::ERROR), words::error(&err, lang));
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
