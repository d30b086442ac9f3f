//! A mutation fuzzer on stable Rust: the bundled datasets, the fixtures and small corpus files,
//! edited (bit flips, truncation, edits inside a zip entry's XML, CFB header fields), each run
//! through `inspect` and `import` under the corpus test's guards. Every run must end as a table,
//! no table of a known kind, or a clear exit 2 naming the file — the same classes as the corpus.
//!
//! A short deterministic run is part of the ordinary tests; a long one is ignored by default:
//! `CCHC_FUZZ_SECONDS=600 cargo test --release -p cchc-cli --test e2e -- --ignored fuzz_long`.
//! Inputs that break the rule are kept in `CCHC_FUZZ_FINDINGS` (default: the system's temp dir)
//! so they can be added to the corpus.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::corpus::{class, run_guarded};
use super::root;

/// A small deterministic generator (xorshift64*): the same seed, the same cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The seeds the fuzzer mutates: every bundled workbook and fixture, and the corpus's small ones.
fn seeds() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut add = |dir: PathBuf, max_len: u64| {
        let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        found.retain(|p| {
            p.extension().is_some_and(|e| {
                ["xlsx", "xls", "ods", "xlsb", "xlsm"].contains(&e.to_string_lossy().as_ref())
            }) && p.metadata().is_ok_and(|m| m.len() <= max_len)
        });
        found.sort();
        files.extend(found);
    };
    add(root().join("datasets"), u64::MAX);
    add(root().join("tests/data"), u64::MAX);
    for dir in ["calamine", "xlrd", "PhpSpreadsheet", "cchc-mutations"] {
        add(root().join("../shared/corpus").join(dir), 64 * 1024);
    }
    files
}

/// An edit inside one XML part of a zip container: bytes flipped, cut, repeated, or a number made
/// huge.
fn mutate_zip(bytes: &[u8], rng: &mut Rng) -> Option<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let xml_parts: Vec<usize> = (0..archive.len())
        .filter(|i| {
            archive
                .by_index(*i)
                .is_ok_and(|f| f.name().is_ok_and(|n| n.ends_with(".xml")) && f.size() < 8 << 20)
        })
        .collect();
    let target = *xml_parts.get(rng.below(xml_parts.len()))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).ok()?;
        let name = entry.name().ok()?.into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).ok()?;
        if i == target && !data.is_empty() {
            let at = rng.below(data.len());
            match rng.below(4) {
                0 => data[at] ^= 1 << rng.below(8),
                1 => data.truncate(at),
                2 => {
                    let end = (at + 1 + rng.below(256)).min(data.len());
                    let chunk = data[at..end].to_vec();
                    data.splice(at..at, chunk);
                }
                _ => {
                    // A number in the XML (a row, a column, a count) made huge.
                    if let Some(d) = data[at..].iter().position(u8::is_ascii_digit) {
                        let huge = ["9999999999", "4294967296", "1048577", "0", "-1"][rng.below(5)];
                        data.splice(at + d..at + d + 1, huge.bytes());
                    }
                }
            }
        }
        let options: zip::write::SimpleFileOptions = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        out.start_file(name, options).ok()?;
        out.write_all(&data).ok()?;
    }
    out.finish().ok().map(std::io::Cursor::into_inner)
}

/// One mutation of a seed's bytes.
fn mutate(bytes: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut data = bytes.to_vec();
    let is_zip = data.starts_with(b"PK\x03\x04");
    let is_cfb = data.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    match rng.below(4) {
        0 if is_zip => {
            if let Some(edited) = mutate_zip(bytes, rng) {
                return edited;
            }
        }
        1 if is_cfb && data.len() >= 512 => {
            // A header field (sector ids, counts, the DIFAT) or a directory entry set at random.
            let at = if rng.below(2) == 0 {
                44 + 4 * rng.below(117)
            } else {
                512 + 4 * rng.below(data.len().saturating_sub(516) / 4 + 1)
            };
            let value = [
                0u32,
                1,
                0xFFFF_FFFE,
                0xFFFF_FFFA,
                0x7FFF_FFFF,
                rng.next() as u32,
            ][rng.below(6)];
            if at + 4 <= data.len() {
                data[at..at + 4].copy_from_slice(&value.to_le_bytes());
            }
            return data;
        }
        2 => {
            data.truncate(rng.below(data.len() + 1));
            return data;
        }
        _ => {}
    }
    for _ in 0..1 + rng.below(8) {
        if data.is_empty() {
            break;
        }
        let at = rng.below(data.len());
        data[at] ^= 1 << rng.below(8);
    }
    data
}

/// Runs `cases` mutations (or until `deadline`); the findings, as lines.
fn fuzz(seed: u64, cases: usize, deadline: Option<Instant>) -> (usize, Vec<String>) {
    let seeds = seeds();
    assert!(seeds.len() > 20, "{} seeds", seeds.len());
    let sources: Vec<(PathBuf, Vec<u8>)> = seeds
        .into_iter()
        .filter_map(|p| std::fs::read(&p).ok().map(|b| (p, b)))
        .collect();
    let findings_dir = std::env::var_os("CCHC_FUZZ_FINDINGS")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let work = tempfile::tempdir().expect("tmp");
    let mut rng = Rng(seed | 1);
    let mut findings = Vec::new();
    let mut ran = 0;
    while ran < cases && deadline.is_none_or(|d| Instant::now() < d) {
        let (source, bytes) = &sources[rng.below(sources.len())];
        let mutated = mutate(bytes, &mut rng);
        let ext = source
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        let file = work.path().join(format!("case-{ran}.{ext}"));
        std::fs::write(&file, &mutated).expect("write case");
        let store = tempfile::tempdir().expect("tmp");
        let path = file.to_str().expect("utf8");
        for command in ["inspect", "import"] {
            let outcome = class(&run_guarded(&[command, path], store.path()), &file);
            if outcome.starts_with("CRASH") || outcome.starts_with("UNNAMED") {
                let kept = findings_dir.join(format!(
                    "cchc-fuzz-{seed}-{ran}-{}",
                    file.file_name()
                        .map(|n| n.to_string_lossy())
                        .unwrap_or_default()
                ));
                let _ = std::fs::write(&kept, &mutated);
                findings.push(format!(
                    "{command} of a mutation of {} ({}): {outcome}",
                    source.display(),
                    kept.display()
                ));
            }
        }
        let _ = std::fs::remove_file(&file);
        ran += 1;
    }
    (ran, findings)
}

#[test]
fn mutated_workbooks_end_in_a_table_or_a_clear_error_never_a_crash() {
    let (ran, findings) = fuzz(20_261_130, 300, None);
    assert_eq!(ran, 300);
    assert!(findings.is_empty(), "{}", findings.join("\n"));
}

/// The long run: `CCHC_FUZZ_SECONDS` (default 300), seeded by the clock unless `CCHC_FUZZ_SEED`.
#[test]
#[ignore = "long: run on demand with --ignored"]
#[allow(clippy::print_stderr)] // how long it ran and on which seed is the run's report
fn fuzz_long() {
    let seconds: u64 = std::env::var("CCHC_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let seed = std::env::var("CCHC_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (ran, findings) = fuzz(seed, usize::MAX, Some(deadline));
    eprintln!(
        "fuzz_long: seed {seed}, {ran} cases in {seconds} s, {} findings",
        findings.len()
    );
    assert!(findings.is_empty(), "{}", findings.join("\n"));
}
