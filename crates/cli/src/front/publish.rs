//! Writes the year's report: the query layer gathers it, the catalogue says the procedures'
//! proposals in words, the `report` crate builds the one document and renders each format.

use std::path::{Path, PathBuf};

use anyhow::Result;
use cchc_analysis::procedures as proc;
use cchc_model::text::slug;
use cchc_query::Query;
use cchc_query::report::{ReportData, ReportRequest, Step};
use cchc_report::{Format, Inputs};

use crate::Global;
use crate::words;

/// Builds the report the request asks for and writes it in each format into `out`; returns the
/// paths.
pub fn write(
    query: &Query<'_>,
    global: &Global,
    request: &ReportRequest,
    out: &Path,
    formats: &[Format],
) -> Result<Vec<PathBuf>> {
    let lang = global.lang();
    let mut bar = None;
    let data = query.report(request, &mut |step| {
        // Steps: scorecards, surveys, procedures, the document, then each format.
        let bar = bar.get_or_insert_with(|| {
            crate::progress::bar(
                4 + formats.len() as u64,
                global.quiet,
                words::report_progress(None, lang),
            )
        });
        if step != Step::Scorecards {
            bar.inc(1);
        }
        bar.set_message(words::report_progress(Some(step), lang));
    })?;
    let bar = bar.unwrap_or_else(|| crate::progress::bar(0, true, ""));
    if let Some(line) = data
        .procedures
        .as_ref()
        .and_then(|p| words::from_logs(&p.from_logs, lang))
    {
        eprintln!("{line}");
    }
    let inputs = inputs(data, global)?;
    bar.inc(1);
    bar.set_message(words::report_progress_document(lang));
    let doc = cchc_report::build(&inputs)?;
    bar.inc(1);
    std::fs::create_dir_all(out)?;
    let suffix = match inputs.units.as_slice() {
        [one] if inputs.chosen => Some(slug(one).replace('_', "-")),
        _ => None,
    };
    let mut written = Vec::new();
    for format in formats {
        let path = out.join(format.file_name(inputs.year, suffix.as_deref()));
        bar.set_message(path.display().to_string());
        format.write(&doc, &path)?;
        bar.inc(1);
        written.push(path);
    }
    bar.finish_and_clear();
    Ok(written)
}

/// The report's inputs: the data gathered, the proposals and definitions in words.
fn inputs(data: ReportData, global: &Global) -> Result<Inputs> {
    let lang = global.lang();
    let procedures = match data.procedures {
        Some(p) => {
            let frame = proc::simplify_frame(&p.proposals)?;
            Some(cchc_report::Procedures {
                by_unit: p.by_unit,
                stats: p.stats,
                proposals: words::with_reasons_in_words(frame, &p.proposals, lang)?,
                summaries: p
                    .proposals
                    .iter()
                    .map(|pr| words::summary(pr, lang))
                    .collect(),
                definitions: words::procedure_definitions(lang),
                from_logs: p
                    .from_logs
                    .iter()
                    .map(|(y, u)| format!("{u} {y}"))
                    .collect(),
            })
        }
        None => None,
    };
    Ok(Inputs {
        lang,
        year: data.year,
        units: data.units,
        chosen: data.chosen,
        scorecards: data.scorecards,
        surveys: data.surveys,
        procedures,
        sources: data.sources,
    })
}
