//! The house rules of the workspace's sources, checked on every file (tests excepted):
//!
//! - words for people live in catalogues: no `.pick(` or `Lang::Vi =>` arm outside a crate's
//!   `words` module, model's `labels.rs` (the column labels and scale words) and `lang.rs`
//!   (which defines them);
//! - commands never call commands: no module under `cli/src/cmd/` names another command module;
//! - no source file of 800 lines or more;
//! - no cycle between the top-level modules of a crate (doc comments aside).
//!
//! Each check is shown to catch a planted example, so none of them passes by seeing nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::root;

/// A source file: its path from the repository's root and its code without the inline tests.
struct Source {
    path: String,
    code: String,
    lines: usize,
}

fn is_test_path(rel: &str) -> bool {
    rel.contains("/tests/") || rel.ends_with("/tests.rs")
}

/// The non-test sources of every crate.
fn sources() -> Vec<Source> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = root();
    let mut files = Vec::new();
    for krate in std::fs::read_dir(root.join("crates"))
        .expect("crates")
        .flatten()
    {
        let src = krate.path().join("src");
        if src.is_dir() {
            walk(&src, &mut files);
        }
    }
    files.sort();
    files
        .into_iter()
        .filter_map(|p| {
            let rel = p
                .strip_prefix(&root)
                .expect("under the root")
                .to_string_lossy()
                .replace('\\', "/");
            if is_test_path(&rel) {
                return None;
            }
            let text = std::fs::read_to_string(&p).expect("source");
            let lines = text.lines().count();
            let code = text
                .split("#[cfg(test)]\nmod tests")
                .next()
                .unwrap_or_default()
                .to_owned();
            Some(Source {
                path: rel,
                code,
                lines,
            })
        })
        .collect()
}

/// Whether a file is a catalogue of words for people.
fn is_catalogue(path: &str) -> bool {
    path.contains("/words/")
        || path.ends_with("/words.rs")
        || path == "crates/model/src/labels.rs"
        || path == "crates/model/src/lang.rs"
}

/// The bilingual sites of a file's code: `line: text`.
fn bilingual_sites(code: &str) -> Vec<String> {
    code.lines()
        .enumerate()
        .filter(|(_, l)| {
            let l = l.trim_start();
            !l.starts_with("//")
                && (l.contains(".pick(") || l.contains("Lang::Vi =>") || l.contains("Lang::Vi) =>"))
        })
        .map(|(i, l)| format!("{}: {}", i + 1, l.trim()))
        .collect()
}

/// The command modules another command module names.
fn commands_named(own: &str, code: &str, commands: &[String]) -> Vec<String> {
    commands
        .iter()
        .filter(|c| c.as_str() != own)
        .filter(|c| {
            [
                format!("super::{c}::"),
                format!("super::{c};"),
                format!("super::{c}}}"),
                format!("crate::cmd::{c}"),
                format!("use super::{c}"),
            ]
            .iter()
            .any(|p| code.contains(p.as_str()))
                || code.contains(&format!("super::{{{c}")) // `use super::{report, …}`
        })
        .cloned()
        .collect()
}

/// The top-level modules a file's code names through `crate::` or `super::` out of its folder.
fn modules_named(rel_in_src: &[String], code: &str) -> BTreeSet<String> {
    let code: String = code
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut names = BTreeSet::new();
    let word = |s: &str| -> String {
        s.trim()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().last();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        match rest.strip_prefix('{') {
            Some(group) => {
                let end = group.find('}').unwrap_or(group.len());
                names.extend(group[..end].split(',').map(word));
            }
            None => {
                names.insert(word(rest));
            }
        }
    }
    // `super::` from a file reaches its parent module; enough of them reach the crate root.
    let depth = match rel_in_src.last().map(String::as_str) {
        Some("mod") => rel_in_src.len() - 1,
        _ => rel_in_src.len(),
    };
    let mut rest = code.as_str();
    while let Some(at) = rest.find("super::") {
        let chain = &rest[at..];
        let supers = chain
            .as_bytes()
            .chunks(7)
            .take_while(|c| *c == b"super::")
            .count();
        let after = &chain[7 * supers..];
        if supers >= depth {
            names.insert(word(after));
        }
        rest = &rest[at + 7 * supers..];
    }
    names.retain(|n| !n.is_empty());
    names
}

/// The cycles between a crate's top-level modules, each as its sorted members.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> BTreeSet<Vec<String>> {
    fn visit(
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        found: &mut BTreeSet<Vec<String>>,
    ) {
        let last = path.last().expect("a start").clone();
        for next in graph.get(&last).into_iter().flatten() {
            if let Some(i) = path.iter().position(|m| m == next) {
                let mut cycle = path[i..].to_vec();
                cycle.sort();
                found.insert(cycle);
            } else if path.len() < graph.len() {
                path.push(next.clone());
                visit(graph, path, found);
                path.pop();
            }
        }
    }
    let mut found = BTreeSet::new();
    for start in graph.keys() {
        visit(graph, &mut vec![start.clone()], &mut found);
    }
    found
}

/// The graph of a crate's top-level modules from its sources (`crates/NAME/src/…`).
fn module_graph(files: &[(&str, &str)]) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (rel, code) in files {
        let parts: Vec<String> = rel
            .split('/')
            .map(|p| p.trim_end_matches(".rs").to_owned())
            .collect();
        let top = parts[0].clone();
        if top == "lib" || top == "main" {
            continue;
        }
        let named = modules_named(&parts, code);
        graph
            .entry(top.clone())
            .or_default()
            .extend(named.into_iter().filter(|n| *n != top));
    }
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for targets in graph.values_mut() {
        targets.retain(|t| modules.contains(t));
    }
    graph
}

#[test]
fn the_checks_of_the_house_catch_what_they_look_for() {
    let planted = "fn f(lang: Lang) -> &str {\n    // lang.pick(\"a\", \"b\") in a comment\n    lang.pick(\"có\", \"yes\")\n}\nmatch lang {\n    Lang::Vi => 1,\n}\nmatch (x, lang) {\n    (1, Lang::Vi) => 2,\n}";
    assert_eq!(
        bilingual_sites(planted).len(),
        3,
        "{:?}",
        bilingual_sites(planted)
    );
    let commands = vec!["chart".to_owned(), "report".to_owned(), "demo".to_owned()];
    assert_eq!(
        commands_named(
            "demo",
            "use super::chart::draw;\nsuper::report::write();",
            &commands
        ),
        ["chart", "report"]
    );
    assert_eq!(
        commands_named("demo", "use super::{report, print_frame};", &commands),
        ["report"]
    );
    assert!(commands_named("demo", "super::print_frame(); super::demo::x", &commands).is_empty());
    let graph = module_graph(&[
        ("a.rs", "use crate::b::X;"),
        ("b/mod.rs", "mod inner;"),
        ("b/inner.rs", "use super::super::a::Y;"),
        ("c.rs", "/// [`crate::a`]\nuse crate::{b, d};"),
        ("d.rs", ""),
    ]);
    assert_eq!(
        cycles(&graph),
        BTreeSet::from([vec!["a".to_owned(), "b".to_owned()]])
    );
}

#[test]
fn words_for_people_live_in_catalogues() {
    let sites: Vec<String> = sources()
        .iter()
        .filter(|s| !is_catalogue(&s.path))
        .flat_map(|s| {
            bilingual_sites(&s.code)
                .into_iter()
                .map(move |site| format!("{}:{site}", s.path))
        })
        .collect();
    assert!(
        sites.is_empty(),
        "words for people outside a catalogue (move them to the crate's words module):\n{}",
        sites.join("\n")
    );
}

#[test]
fn no_command_calls_another_command() {
    let all = sources();
    let commands: Vec<String> = all
        .iter()
        .filter_map(|s| s.path.strip_prefix("crates/cli/src/cmd/"))
        .filter_map(|f| f.strip_suffix(".rs"))
        .filter(|f| *f != "mod")
        .map(str::to_owned)
        .collect();
    assert!(commands.len() >= 10, "{commands:?}");
    let calls: Vec<String> = all
        .iter()
        .filter_map(|s| {
            let own = s
                .path
                .strip_prefix("crates/cli/src/")?
                .trim_end_matches(".rs");
            let own = own.strip_prefix("cmd/").unwrap_or(own);
            let named = commands_named(own, &s.code, &commands);
            (!named.is_empty()).then(|| format!("{} names {named:?}", s.path))
        })
        .collect();
    assert!(calls.is_empty(), "{calls:#?}");
}

#[test]
fn no_source_file_is_a_drawer_of_800_lines() {
    let long: Vec<String> = sources()
        .iter()
        .filter(|s| s.lines >= 800)
        .map(|s| format!("{}: {} lines", s.path, s.lines))
        .collect();
    assert!(long.is_empty(), "{long:#?}");
}

#[test]
fn no_crate_has_a_cycle_between_its_modules() {
    let all = sources();
    let mut by_crate: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for s in &all {
        let Some(rest) = s.path.strip_prefix("crates/") else {
            continue;
        };
        let (krate, rel) = rest.split_once("/src/").expect("crates/NAME/src/…");
        by_crate
            .entry(krate)
            .or_default()
            .push((rel, s.code.as_str()));
    }
    assert!(by_crate.len() >= 9, "{:?}", by_crate.keys());
    let found: Vec<String> = by_crate
        .iter()
        .flat_map(|(krate, files)| {
            cycles(&module_graph(files))
                .into_iter()
                .map(move |c| format!("{krate}: {}", c.join(" ↔ ")))
        })
        .collect();
    assert!(found.is_empty(), "{found:#?}");
}
