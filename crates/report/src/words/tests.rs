//! Every phrase and sentence of the report's catalogue, in both languages: the English holds no
//! Vietnamese word outside quotes, the Vietnamese no English one (the checks of the CLI's
//! catalogue). Units and values in samples are ASCII, as a document writes them unquoted.

use cchc_model::Lang;

use super::plan::{self, Task};
use super::*;

#[path = "../../../cli/src/words/check.rs"]
#[allow(dead_code)]
mod check;

fn problems(pairs: &[(String, String)]) -> Vec<String> {
    let mut out = Vec::new();
    for (en, vi) in pairs {
        let foreign_en = check::vietnamese_words(&check::own_words(en));
        if !foreign_en.is_empty() || en.trim().is_empty() {
            out.push(format!("en {foreign_en:?}: {en}"));
        }
        let foreign_vi = check::english_words(&check::own_words(vi));
        if !foreign_vi.is_empty() || vi.trim().is_empty() {
            out.push(format!("vi {foreign_vi:?}: {vi}"));
        }
    }
    out
}

#[test]
fn every_phrase_and_sentence_speaks_only_its_language() {
    let mut pairs: Vec<(String, String)> = phrases::ALL
        .iter()
        .chain(DEFINITIONS.iter())
        .map(|p| (p.en.to_owned(), p.vi.to_owned()))
        .collect();
    let mut both = |f: &dyn Fn(Lang) -> String| pairs.push((f(Lang::En), f(Lang::Vi)));
    for part in [Part::Scorecards, Part::Surveys, Part::Procedures] {
        both(&|l| missing(part, true, 2024, l));
        both(&|l| missing(part, false, 2024, l));
    }
    let units = vec!["UBND A".to_owned(), "UBND B".to_owned()];
    both(&|l| title(2024, l));
    both(&|l| every_unit(&units, l));
    both(&|l| summary_opening(2024, 2, 5, l));
    both(&|l| rank_of(1, 3, l));
    for moved in [Some(2), Some(-1), Some(0), None] {
        both(&|l| change("+1,5", moved, 2023, l));
    }
    both(&|l| no_scorecard(2024, l));
    both(&|l| respondents(120, l));
    both(&|l| no_figures(2024, l));
    both(&|l| key_figures(2024, l));
    both(&|l| from_logs("UBND A 2024", l));
    both(&|l| procedure_targets("10%", l));
    both(&|l| dossiers_of_year(2024, l));
    both(&|l| late_chart("UBND A", 2024, l));
    both(&|l| no_trend(2024, l));
    both(&|l| predecessors_title("UBND A", l));
    both(&|l| {
        predecessors_story(
            "UBND A",
            &[("UBND B (Province C)".to_owned(), "01/03/2025".to_owned())],
            l,
        )
    });
    both(&|l| totals(2024, l));
    both(&|l| satisfaction_by_element("UBND A", 2024, l));
    both(&|l| criteria_lost(3, l));
    both(&|l| sources_opening(5, 2, 1, l));
    both(&|l| see_sheet("X", "Y", l));
    both(&|l| page_footer(l).to_owned());
    let blank = "……";
    both(&|l| plan::remedy_header(2024, l));
    both(&|l| plan::subtitle(2025, l));
    both(&|l| plan::under_decision(2024, blank, l));
    both(&|l| plan::issued_by("UBND A", 2025, l));
    both(&|l| plan::purpose(2024, 2025, l));
    both(&|l| plan::requirements(2024, l));
    both(&|l| plan::no_task(2024, l));
    both(&|l| {
        plan::task_heading(
            &Task {
                number: 1,
                code: "1.2",
                criterion: "X",
                unit: "",
                lost: "0,5".into(),
                score: "1".into(),
                max: "1,5".into(),
            },
            l,
        )
    });
    both(&|l| plan::task_owner(blank, l));
    both(&|l| plan::simplify_heading(2, l));
    both(&|l| plan::simplify_task(4, blank, l));
    both(&|l| plan::implementation(blank, l));
    both(&|l| plan::appendix_title(2024, 2025, l));
    assert!(pairs.len() > 100, "{}", pairs.len());
    let found = problems(&pairs);
    assert!(found.is_empty(), "{found:#?}");
}
