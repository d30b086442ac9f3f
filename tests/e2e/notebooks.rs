//! The notebooks of `notebooks/` executed with nbclient against the store `cchc demo` writes:
//! each asserts that one of its numbers equals what `cchc … --format json` prints. The committed
//! .ipynb files must be what `notebooks/make_notebooks.py` writes from their sources.

use std::process::Command;

use super::{cchc_bin, root};

#[allow(clippy::print_stderr)] // says why the notebooks were skipped on a machine without Jupyter
#[test]
fn the_notebooks_run_against_the_demo_store_and_agree_with_cchc() {
    let check = Command::new("python3")
        .arg(root().join("notebooks/make_notebooks.py"))
        .arg("--check")
        .output()
        .expect("python3 runs");
    let err = String::from_utf8_lossy(&check.stderr);
    if err.contains("ModuleNotFoundError") && std::env::var_os("CI").is_none() {
        eprintln!("notebooks not run: pip install -r notebooks/requirements.txt");
        return;
    }
    assert!(check.status.success(), "{err}");
    let out_dir = tempfile::tempdir().expect("tmp");
    let demo = Command::new(cchc_bin())
        .args(["demo", "--out"])
        .arg(out_dir.path())
        .current_dir(root())
        .output()
        .expect("demo");
    assert!(
        demo.status.success(),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    let run = Command::new("python3")
        .arg(root().join("tests/engines/run_notebooks.py"))
        .env("CCHC_STORE", out_dir.path().join("store"))
        .env("CCHC_BIN", cchc_bin())
        .output()
        .expect("python3 runs");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr),
    );
    assert!(run.status.success(), "{stdout}\n{stderr}");
    // Each notebook says how many of cchc's rows it compared ("N … khớp với cchc …"): all of
    // them, and more than none.
    let store = out_dir.path().join("store");
    for (notebook, agrees, command) in [
        (
            "scorecards",
            "khớp với cchc scorecard trend",
            &["scorecard", "trend"][..],
        ),
        (
            "satisfaction",
            "khớp với cchc survey index --by element",
            &["survey", "index", "--by", "element"][..],
        ),
        (
            "procedures",
            "khớp với cchc procedures stats --by unit",
            &["procedures", "stats", "--by", "unit"][..],
        ),
    ] {
        let line = stdout
            .lines()
            .find(|l| l.starts_with(notebook) && l.contains(agrees))
            .unwrap_or_else(|| panic!("{notebook}: {stdout}"));
        let compared: usize = line
            .split_once(": ")
            .and_then(|(_, said)| said.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{notebook}: no count in {line}"));
        // The notebooks ask cchc under the map the views read (units as reported).
        let mut reported = vec!["--map", "reported"];
        reported.extend_from_slice(command);
        let rows = super::json(&store, &reported).len();
        assert!(rows > 0, "{notebook}: cchc printed no rows");
        assert_eq!(compared, rows, "{notebook}: {line}");
    }
}
