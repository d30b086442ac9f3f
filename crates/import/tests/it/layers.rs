//! The import crate's layers: nothing imports upward. `kind/` over `table/` over `workbook/` over
//! `cell` and `error`, with the crate root (the API) on top. A module of a lower layer that names
//! a higher one anywhere — a `use` line, an inline path, a doc link, or `super::` climbing out of
//! its folder — fails this test.

use std::path::{Path, PathBuf};

/// The layers, lowest first; the crate root is above them all.
const LAYERS: [&[&str]; 4] = [&["cell", "error"], &["workbook"], &["table"], &["kind"]];
const ROOT: usize = LAYERS.len();

fn rank(top: &str) -> usize {
    LAYERS
        .iter()
        .position(|names| names.contains(&top))
        .unwrap_or(ROOT)
}

/// The module path of a source file under `src/`: `table/driver.rs` → [table, driver],
/// `kind/survey/mod.rs` → [kind, survey], `lib.rs` → [].
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// The first names after `crate::` (each name of a `crate::{a, b::c}` group).
fn crate_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().last();
        rest = &rest[at + "crate::".len()..];
        // `cchc_import::` or `some_crate::` is another crate's path, not this crate's root.
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        names.push(std::mem::take(&mut item));
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 {
                    item.push(c);
                }
            }
            names.push(item);
        } else {
            names.push(rest.to_owned());
        }
    }
    names
        .into_iter()
        .map(|n| {
            n.trim()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect()
        })
        .filter(|n: &String| !n.is_empty())
        .collect()
}

/// The upward references of one file: (what it names, the layer it names).
fn upward(module: &[String], text: &str) -> Vec<String> {
    let Some(top) = module.first() else {
        return Vec::new(); // the crate root may name every layer
    };
    let own = rank(top);
    let mut found: Vec<String> = crate_names(text)
        .into_iter()
        .filter(|name| rank(name) > own)
        .map(|name| format!("crate::{name}"))
        .collect();
    // `super::` chains that climb out of the layer's folder reach the crate root. An inline test
    // module's `super` is its own file's module: only the code above it counts.
    let mut rest = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    while let Some(at) = rest.find("super::") {
        let chain = &rest[at..];
        let supers = chain
            .as_bytes()
            .chunks(7)
            .take_while(|c| *c == b"super::")
            .count();
        if supers >= module.len() {
            found.push("super:: out of the layer".to_owned());
        }
        rest = &rest[at + 7 * supers..];
    }
    found
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn nothing_in_import_names_a_higher_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut tops: Vec<String> = Vec::new();
    let mut problems = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).expect("under src");
        let module = module_path(rel);
        if let Some(top) = module.first()
            && !tops.contains(top)
        {
            tops.push(top.clone());
        }
        let text = std::fs::read_to_string(file).expect("read");
        for name in upward(&module, &text) {
            problems.push(format!("{}: names {name}", rel.display()));
        }
    }
    // Every top-level module belongs to a layer: a new one must be placed.
    tops.sort();
    assert_eq!(tops, ["cell", "error", "kind", "table", "workbook"]);
    assert!(
        problems.is_empty(),
        "upward references:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_layer_check_sees_use_lines_inline_paths_groups_and_super() {
    let table = vec!["table".to_owned(), "driver".to_owned()];
    assert!(
        upward(
            &table,
            "use crate::cell::Row;\nuse crate::workbook::Workbook;"
        )
        .is_empty()
    );
    assert_eq!(
        upward(&table, "let k = crate::kind::KINDS;"),
        ["crate::kind"]
    );
    assert_eq!(
        upward(&table, "use crate::{cell::Row, kind::survey};"),
        ["crate::kind"]
    );
    assert_eq!(
        upward(&table, "use crate::ImportError;"),
        ["crate::ImportError"]
    );
    assert_eq!(
        upward(&table, "use super::super::kind::KINDS;"),
        ["super:: out of the layer"]
    );
    assert!(upward(&table, "use super::layout::TableLayout;").is_empty());
    let cell = vec!["cell".to_owned()];
    assert!(
        upward(
            &cell,
            "fn f() {}\n#[cfg(test)]\nmod tests {\n    use super::*;\n}"
        )
        .is_empty()
    );
    assert_eq!(
        upward(&cell, "use super::kind;"),
        ["super:: out of the layer"]
    );
    let workbook = vec!["workbook".to_owned(), "ods".to_owned()];
    assert_eq!(
        upward(&workbook, "/// See [`crate::table::layout`]."),
        ["crate::table"]
    );
    // Another crate's path is not this crate's root.
    assert!(upward(&workbook, "use cchc_import::kind;").is_empty());
    let kind = vec!["kind".to_owned(), "survey".to_owned(), "batch".to_owned()];
    assert!(upward(&kind, "use super::super::procedures::x;").is_empty());
}
