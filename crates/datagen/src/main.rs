//! `cchc-datagen datasets|fixtures [DIR]`: rewrites the bundled datasets or the test fixtures;
//! `cchc-datagen bench-survey ROWS FILE.xlsx [shared|inline]` writes a large survey for the import
//! benchmark (inline: inline strings, seven units interleaved);
//! `cchc-datagen national DIR [RESPONDENTS]` the 34 provinces' workbooks for the engines';
//! `cchc-datagen national-logs DIR ROWS [YEAR]` the 34 provinces' dossier logs and registries.
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
        Some("encode") => {
            // For tests/data/make_xls.py: Unicode lines on stdin, the same in TCVN3 or VNI.
            let encoding = match args.get(1).map(String::as_str) {
                Some("tcvn3") => cchc_model::legacy::Legacy::Tcvn3,
                Some("vni") => cchc_model::legacy::Legacy::Vni,
                _ => {
                    eprintln!("usage: cchc-datagen encode tcvn3|vni < lines");
                    return ExitCode::from(2);
                }
            };
            for line in std::io::stdin().lines().map_while(Result::ok) {
                println!("{}", cchc_model::legacy::encode_legacy(&line, encoding));
            }
            return ExitCode::SUCCESS;
        }
        Some("bench-survey") => {
            let rows: Option<u32> = args.get(1).and_then(|r| r.parse().ok());
            let variant = match args.get(3).map(String::as_str) {
                None | Some("shared") => Some(cchc_datagen::bench::Variant::Shared),
                Some("inline") => Some(cchc_datagen::bench::Variant::Inline),
                Some(_) => None,
            };
            match (rows, args.get(2), variant) {
                (Some(rows), Some(out), Some(variant)) => {
                    let out = PathBuf::from(out);
                    cchc_datagen::bench::survey_variant(rows, &out, variant)
                        .map(|()| vec![out])
                        .map_err(Into::into)
                }
                _ => {
                    eprintln!("usage: cchc-datagen bench-survey ROWS FILE.xlsx [shared|inline]");
                    return ExitCode::from(2);
                }
            }
        }
        Some("dossier-log") => {
            // A dossier log and its registry: ROWS YEAR DIR [csv|xlsx].
            let rows: Option<u32> = args.get(1).and_then(|r| r.parse().ok());
            let year: Option<i32> = args.get(2).and_then(|r| r.parse().ok());
            match (rows, year, args.get(3)) {
                (Some(rows), Some(year), Some(dir)) => {
                    let dir = PathBuf::from(dir);
                    let spec = cchc_datagen::dossiers::LogSpec::new(rows, year);
                    let xlsx = args.get(4).map(String::as_str) == Some("xlsx");
                    let log = dir.join(if xlsx {
                        format!("so_theo_doi_{year}.xlsx")
                    } else {
                        format!("so_theo_doi_{year}.csv")
                    });
                    let registry = dir.join(format!("danh_muc_tthc_{year}.xlsx"));
                    std::fs::create_dir_all(&dir)
                        .map_err(Into::into)
                        .and_then(|()| {
                            if xlsx {
                                cchc_datagen::dossiers::write_log_xlsx(&log, &spec)
                            } else {
                                cchc_datagen::dossiers::write_log_csv(&log, &spec)
                                    .map_err(Into::into)
                            }
                        })
                        .and_then(|planted| {
                            eprintln!("planted: {planted:?}");
                            cchc_datagen::dossiers::write_registry_xlsx(&registry, &spec)
                        })
                        .map(|()| vec![log, registry])
                }
                _ => {
                    eprintln!("usage: cchc-datagen dossier-log ROWS YEAR DIR [csv|xlsx]");
                    return ExitCode::from(2);
                }
            }
        }
        Some("national-logs") => {
            let rows: Option<u64> = args.get(2).and_then(|r| r.parse().ok());
            let year: i32 = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(2025);
            match (args.get(1), rows) {
                (Some(dir), Some(rows)) => {
                    cchc_datagen::bench::national_logs(&PathBuf::from(dir), rows, year)
                }
                _ => {
                    eprintln!("usage: cchc-datagen national-logs DIR ROWS [YEAR]");
                    return ExitCode::from(2);
                }
            }
        }
        Some("national") => {
            let respondents: u32 = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(14_000);
            match args.get(1) {
                Some(dir) => cchc_datagen::bench::national(&PathBuf::from(dir), respondents),
                None => {
                    eprintln!("usage: cchc-datagen national DIR [RESPONDENTS_PER_PROVINCE]");
                    return ExitCode::from(2);
                }
            }
        }
        _ => {
            eprintln!(
                "usage: cchc-datagen datasets|fixtures [DIR] | bench-survey ROWS FILE.xlsx | national DIR [RESPONDENTS] | national-logs DIR ROWS [YEAR] | dossier-log ROWS YEAR DIR [csv|xlsx]"
            );
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
