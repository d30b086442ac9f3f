//! Every phrase and label of the charts' catalogue, in both languages: the English holds no
//! Vietnamese word outside quotes, the Vietnamese no English one (the checks of the CLI's
//! catalogue). Units in samples are ASCII, as a chart writes them unquoted.

use cchc_model::{Lang, Scale};

use super::*;

#[path = "../../../cli/src/words/check.rs"]
#[allow(dead_code)]
mod check;

#[test]
fn every_phrase_and_label_speaks_only_its_language() {
    let mut pairs: Vec<(String, String)> = phrases::ALL
        .iter()
        .map(|p| (p.en.to_owned(), p.vi.to_owned()))
        .collect();
    let mut both = |f: &dyn Fn(Lang) -> String| pairs.push((f(Lang::En), f(Lang::Vi)));
    both(&|l| year_label(2024, l));
    both(&|l| pareto_title("UBND A", 2024, l));
    both(&|l| others(4, l));
    both(&|l| fields_title("UBND A", "2021–2024", l));
    both(&|l| totals_title("2021–2024", l));
    both(&|l| index_title("2021–2024", l));
    both(&|l| reorganised("01/03/2025", l));
    both(&|l| by_element("X", "UBND A", "2022–2024", l));
    both(&|l| by_element_and_year("X", "UBND A", "2022–2024", l));
    both(&|l| channels_title("UBND A", "2022–2024", l));
    both(&|l| postal_target("10", l));
    both(&|l| on_time_title("2022–2024", l));
    both(&|l| scatter_axis(true, l).to_owned());
    both(&|l| scatter_axis(false, l).to_owned());
    both(&|l| scatter_title("X", "UBND A", 2024, 3, l));
    for scale in [
        Some(Scale::Satisfaction),
        Some(Scale::Agreement),
        Some(Scale::Quality),
        None,
    ] {
        both(&|l| level_names(scale, l).join("; "));
    }
    let mut found = Vec::new();
    for (en, vi) in &pairs {
        let foreign_en = check::vietnamese_words(&check::own_words(en));
        if !foreign_en.is_empty() || en.trim().is_empty() {
            found.push(format!("en {foreign_en:?}: {en}"));
        }
        let foreign_vi = check::english_words(&check::own_words(vi));
        if !foreign_vi.is_empty() || vi.trim().is_empty() {
            found.push(format!("vi {foreign_vi:?}: {vi}"));
        }
    }
    assert!(pairs.len() > 30, "{}", pairs.len());
    assert!(found.is_empty(), "{found:#?}");
}
