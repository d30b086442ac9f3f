//! `cchc-datagen datasets|fixtures [DIR]`: rewrites the bundled datasets or the test fixtures.
#![allow(clippy::print_stdout, clippy::print_stderr)] // A command-line tool reports what it wrote.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let result = match args.first().map(String::as_str) {
        Some("datasets") => cchc_datagen::write_datasets(
            &args
                .get(1)
                .map(PathBuf::from)
                .unwrap_or(root.join("datasets")),
        ),
        Some("fixtures") => cchc_datagen::write_fixtures(
            &args
                .get(1)
                .map(PathBuf::from)
                .unwrap_or(root.join("tests/data")),
        ),
        _ => {
            eprintln!("usage: cchc-datagen datasets|fixtures [DIR]");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(files) => {
            for f in files {
                println!("{}", f.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cchc-datagen: {e}");
            ExitCode::from(2)
        }
    }
}
