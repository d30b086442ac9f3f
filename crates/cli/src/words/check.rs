//! The language checks of the tests: which words of an output are the tool's own (quoted text and
//! table bodies are data), and which of them belong to the other language. Used by the
//! presentation module's tests and by the end-to-end tests (through `#[path]`).

/// The text a language check reads: quoted text ("…", and 'Sheet'! in cell addresses) and the
/// bodies of tables (their cells are data: units, criteria) left out; table headers kept.
pub fn own_words(output: &str) -> String {
    let mut kept = String::new();
    let mut in_body = false;
    for line in output.lines() {
        let t = line.trim_start();
        if t.starts_with('╞') {
            in_body = true;
            continue;
        }
        if t.starts_with('└') || t.starts_with('┌') {
            in_body = false;
            continue;
        }
        if in_body && t.starts_with('│') {
            continue;
        }
        let mut quote: Option<char> = None;
        let chars: Vec<char> = line.chars().collect();
        for (i, &ch) in chars.iter().enumerate() {
            match quote {
                Some(q) if ch == q => quote = None,
                Some(_) => {}
                None if ch == '"' => quote = Some('"'),
                // A quoted sheet name in a cell address: 'Năm 2023'!D14.
                None if ch == '\'' && chars[i + 1..].iter().collect::<String>().contains("'!") => {
                    quote = Some('\'')
                }
                None => kept.push(ch),
            }
        }
        kept.push('\n');
    }
    kept
}

/// Words with letters only Vietnamese uses.
pub fn vietnamese_words(text: &str) -> Vec<String> {
    const MARKED: &str = "àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ";
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            w.chars()
                .any(|c| MARKED.contains(c.to_lowercase().next().unwrap_or(c)))
        })
        .map(str::to_owned)
        .collect()
}

/// English words of this tool's messages (none of them a Vietnamese word without marks).
pub fn english_words(text: &str) -> Vec<String> {
    const ENGLISH: [&str; 40] = [
        "the",
        "is",
        "of",
        "and",
        "not",
        "from",
        "but",
        "with",
        "file",
        "sheet",
        "sheets",
        "column",
        "columns",
        "row",
        "rows",
        "year",
        "unit",
        "error",
        "warning",
        "warnings",
        "rejected",
        "imported",
        "skipped",
        "header",
        "title",
        "found",
        "written",
        "store",
        "kind",
        "proposal",
        "procedures",
        "target",
        "saving",
        "chart",
        "definitions",
        "value",
        "cell",
        "total",
        "than",
        "add",
    ];
    text.split(|c: char| !(c.is_ascii_alphabetic() || c == '_' || c == '-' || c == '.'))
        .filter(|w| ENGLISH.contains(&w.to_lowercase().as_str()))
        .map(str::to_owned)
        .collect()
}
