//! Every workbook of other spreadsheet readers' test suites (`../shared/corpus/`), and the
//! project's own fixtures (`tests/data/`, listed as `cchc-fixtures/…`: among them the shapes of
//! files that broke cchc elsewhere — .xlsb with a macro sheet, relationships under another name,
//! a part name not in UTF-8; a megabyte shared string in 12,000 cells; an .xls stray cell at
//! B65535), through the real binary: `inspect`, then `import` into a throwaway store, each in a
//! child process under a CPU-time ceiling (`prlimit --cpu`, 60 s of CPU: a busy machine slows a
//! run without failing it; a guard, not a performance limit) and a memory ceiling (`prlimit
//! --as`, 4 GiB). Each must end as a table, as "no table of a known kind", or as exit 2 with a
//! message naming the file — never a panic, an abort, a signal or a runaway.
//! `tests/corpus_expectations.tsv` holds each file's outcome class — for a table, with the rows
//! imported — so that any change of outcome shows in review; run with
//! `CCHC_UPDATE_EXPECTATIONS=1` to rewrite it after a deliberate change, and read the diff.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

use super::{cchc_bin, root};

/// How `inspect` begins the line that says why an import would fail (`--lang en`).
const WOULD_NOT_IMPORT: &str = "Would not import: ";

/// How `import` says how many rows it stored (`--lang en`): "→ stored N rows".
const STORED: &str = "→ stored ";

const CPU_CEILING: &str = "--cpu=60";
const MEMORY_CEILING: &str = "--as=4294967296";

fn corpus() -> PathBuf {
    root().join("../shared/corpus")
}

fn workbooks(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("corpus folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            workbooks(&path, out);
        } else if path.extension().is_some_and(|e| {
            ["xlsx", "xlsm", "xls", "xlsb", "ods"].contains(&e.to_string_lossy().as_ref())
        }) {
            out.push(path);
        }
    }
}

/// How one run ended.
#[derive(Debug)]
pub(crate) enum Ending {
    /// Exit code and standard error; for `inspect`, the line of standard output that says why the
    /// import would fail is appended (inspect explains and exits 0); for `import`, the rows it
    /// says it stored.
    Exit(i32, String, Option<u64>),
    /// Killed by a signal (an abort, an out-of-memory kill, the CPU-time ceiling).
    Signal(String),
}

pub(crate) fn run_guarded(args: &[&str], store: &Path) -> Ending {
    let prlimit = Path::new("/usr/bin/prlimit");
    let mut command = if prlimit.exists() {
        let mut c = Command::new(prlimit);
        c.arg(MEMORY_CEILING)
            .arg(CPU_CEILING)
            .arg("--")
            .arg(cchc_bin());
        c
    } else {
        Command::new(cchc_bin())
    };
    // Both outputs to files: a pipe left unread would block a child that prints much.
    let out_path = store.with_extension("stdout");
    let err_path = store.with_extension("stderr");
    let out_file = std::fs::File::create(&out_path).expect("stdout file");
    let err_file = std::fs::File::create(&err_path).expect("stderr file");
    let status = command
        .arg("--store")
        .arg(store)
        .args(["--lang", "en"])
        .args(args)
        .env("RUST_BACKTRACE", "0")
        .stdout(Stdio::from(out_file))
        .stderr(Stdio::from(err_file))
        .status()
        .expect("cchc runs");
    let mut err = std::fs::read_to_string(&err_path).unwrap_or_default();
    let out = std::fs::read_to_string(&out_path).unwrap_or_default();
    let _ = std::fs::remove_file(&out_path);
    let _ = std::fs::remove_file(&err_path);
    if let Some(why) = out.lines().find(|l| l.starts_with(WOULD_NOT_IMPORT)) {
        err.push_str(why);
    }
    let stored: Vec<u64> = out
        .lines()
        .filter_map(|l| l.trim().strip_prefix(STORED))
        .filter_map(|rest| rest.split_whitespace().next()?.parse::<u64>().ok())
        .collect();
    let stored = (!stored.is_empty()).then(|| stored.iter().sum());
    match status.code() {
        Some(code) => Ending::Exit(code, err, stored),
        None => Ending::Signal(format!("{status:?}: {err}")),
    }
}

/// The outcome class of a run: `table`, `no-kind`, or the kind of error; `CRASH …` for what must
/// never happen.
pub(crate) fn class(ending: &Ending, file: &Path) -> String {
    let (code, err, stored) = match ending {
        Ending::Exit(code, err, stored) => (*code, err, *stored),
        Ending::Signal(what) => return format!("CRASH signal {what}"),
    };
    let explained = code == 0 && err.contains(WOULD_NOT_IMPORT);
    if (code == 0 || code == 1) && !explained {
        // inspect stores nothing: its tables say "table"; an import's say how many rows.
        return match stored {
            Some(rows) => format!("table:{rows}"),
            None => "table".to_owned(),
        };
    }
    if code != 2 && !explained {
        return format!("CRASH exit {code}: {err}");
    }
    if err.contains("panicked") || err.contains("RUST_BACKTRACE") {
        return format!("CRASH panic: {err}");
    }
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
    if !name.is_some_and(|n| err.contains(&n)) {
        return format!("UNNAMED error: {err}");
    }
    let kinds = [
        ("cannot tell what kind of table", "no-kind"),
        ("no recognisable table", "no-table"),
        ("password-protected", "encrypted"),
        ("damaged or truncated", "damaged"),
        ("not a spreadsheet", "not-a-spreadsheet"),
        ("the file is empty", "empty"),
        ("beyond the", "too-large"),
        ("non-empty cells", "too-large"),
        ("too large a range", "too-large"),
        ("empty rows below", "stray-cell"),
        ("zip bomb", "zip-bomb"),
        ("no column for", "missing-column"),
        ("both look like", "ambiguous-column"),
        ("no year found", "no-year"),
        ("no unit found", "no-unit"),
        (" but \"", "conflict"),
    ];
    kinds
        .iter()
        .find(|(needle, _)| err.contains(needle))
        .map_or_else(
            || format!("error: {}", err.trim()),
            |(_, k)| (*k).to_owned(),
        )
}

#[test]
fn every_corpus_workbook_ends_in_a_table_or_a_clear_error_never_a_crash() {
    let dir = corpus();
    assert!(
        dir.is_dir(),
        "{} is missing: the corpus test needs it",
        dir.display()
    );
    let mut files = Vec::new();
    workbooks(&dir, &mut files);
    assert!(files.len() > 600, "{} workbooks", files.len());
    let fixtures = root().join("tests/data");
    workbooks(&fixtures, &mut files);
    files.sort();
    let results = Mutex::new(BTreeMap::new());
    let next = Mutex::new(0usize);
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                loop {
                    let i = {
                        let mut n = next.lock().expect("lock");
                        *n += 1;
                        *n - 1
                    };
                    let Some(file) = files.get(i) else { break };
                    let store = tempfile::tempdir().expect("tmp");
                    let path = file.to_str().expect("utf8 path");
                    let inspect = class(&run_guarded(&["inspect", path], store.path()), file);
                    let import = class(&run_guarded(&["import", path], store.path()), file);
                    let rel = match file.strip_prefix(&dir) {
                        Ok(rel) => rel.to_string_lossy().into_owned(),
                        Err(_) => format!(
                            "cchc-fixtures/{}",
                            file.file_name().expect("name").to_string_lossy()
                        ),
                    };
                    results.lock().expect("lock").insert(rel, (inspect, import));
                }
            });
        }
    });
    let results = results.into_inner().expect("results");
    let crashes: Vec<String> = results
        .iter()
        .filter(|(_, (a, b))| {
            [a, b]
                .iter()
                .any(|c| c.starts_with("CRASH") || c.starts_with("UNNAMED"))
        })
        .map(|(f, (a, b))| format!("{f}: inspect {a}; import {b}"))
        .collect();
    assert!(crashes.is_empty(), "{}", crashes.join("\n"));
    let table: String = results
        .iter()
        .map(|(f, (a, b))| format!("{f}\t{a}\t{b}\n"))
        .collect();
    let expected_path = root().join("tests/corpus_expectations.tsv");
    if std::env::var_os("CCHC_UPDATE_EXPECTATIONS").is_some() {
        std::fs::write(&expected_path, &table).expect("write expectations");
        return;
    }
    let expected = std::fs::read_to_string(&expected_path).expect("tests/corpus_expectations.tsv");
    let changed: Vec<String> = expected
        .lines()
        .zip(table.lines())
        .filter(|(a, b)| a != b)
        .map(|(a, b)| format!("expected {a}\n     got {b}"))
        .collect();
    assert!(
        changed.is_empty() && expected.lines().count() == table.lines().count(),
        "outcomes changed (rerun with CCHC_UPDATE_EXPECTATIONS=1 after a deliberate change):\n{}",
        changed.join("\n")
    );
}
