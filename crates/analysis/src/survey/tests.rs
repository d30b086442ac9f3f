use super::*;

/// Unit A: 2022 two respondents × 2 questions; 2023 one respondent. Unit B absent in 2022.
fn answers() -> LazyFrame {
    df!(
        c::YEAR => [2022, 2022, 2022, 2022, 2022, 2023, 2023, 2023],
        c::UNIT => ["A", "A", "A", "A", "A", "A", "A", "B"],
        c::RESPONDENT => ["r1", "r1", "r2", "r2", "r2", "r3", "r3", "r4"],
        c::QUESTION => ["1.1", "2.1", "1.1", "2.1", "2.2", "1.1", "2.1", "1.1"],
        c::ELEMENT => ["E1", "E2", "E1", "E2", "E2", "E1", "E2", "E1"],
        c::ANSWER => [Some(5), Some(2), Some(4), None, Some(3), Some(4), Some(4), Some(1)],
        c::STATUS => ["valid", "valid", "valid", "invalid", "valid", "valid", "valid", "valid"],
    )
    .expect("frame")
    .lazy()
}

fn f(df: &DataFrame, name: &str) -> Vec<Option<f64>> {
    df.column(name)
        .expect(name)
        .f64()
        .expect("f64")
        .iter()
        .collect()
}

#[test]
fn overall_pools_answers_instead_of_averaging_elements() {
    let out = index(&answers(), None, &By::Overall, None).expect("index");
    // A 2022: valid 5,2,4,3 → satisfied 2 of 4 (the invalid answer is not counted).
    assert_eq!(
        out.column(c::VALID_ANSWERS)
            .expect("v")
            .u32()
            .expect("u32")
            .get(0),
        Some(4)
    );
    assert_eq!(f(&out, c::INDEX)[0], Some(0.5));
    // Element means would be E1 = 1.0 and E2 = 0.0, averaging 0.5 by chance; 2023 differs:
    assert_eq!(f(&out, c::INDEX)[1], Some(1.0));
    assert_eq!(f(&out, c::DELTA)[1], Some(0.5));
    assert_eq!(f(&out, c::DELTA)[2], None, "B has no 2022");
    // 2023 has one respondent: no SE, so no test (never a p-value from one person).
    assert_eq!(f(&out, c::P_VALUE)[1], None);
    assert_eq!(f(&out, c::SE)[1], None);
    // 2022, two respondents: r1 (y 1, x 2), r2 (y 1, x 2): residuals 0 → no variance.
    assert_eq!(f(&out, c::SE)[0], None);
    let small: Vec<Option<bool>> = out
        .column(c::SMALL_GROUP)
        .expect("s")
        .bool()
        .expect("b")
        .iter()
        .collect();
    assert!(small.iter().all(|s| *s == Some(true)));
}

#[test]
fn elements_and_attributes_group_answers() {
    let out = index(&answers(), None, &By::Element, None).expect("index");
    let groups: Vec<Option<&str>> = out
        .column(c::GROUP)
        .expect("g")
        .str()
        .expect("s")
        .iter()
        .collect();
    assert_eq!(groups[..2], [Some("E1"), Some("E2")]);
    assert_eq!(f(&out, c::INDEX)[..2], [Some(1.0), Some(0.0)]);
    let attrs = df!(
        c::RESPONDENT => ["r1", "r2", "r3"],
        c::ATTRIBUTE => ["Giới tính", "Giới tính", "Giới tính"],
        c::VALUE => ["Nam", "Nữ", "Nữ"],
    )
    .expect("attrs")
    .lazy();
    let out = index(
        &answers(),
        Some(attrs),
        &By::Attribute("Giới tính".into()),
        None,
    )
    .expect("index");
    assert_eq!(out.height(), 3, "2022 Nam, 2022 Nữ, 2023 Nữ");
    assert_eq!(f(&out, c::INDEX), [Some(0.5), Some(0.5), Some(1.0)]);
}

#[test]
fn the_clustered_se_and_the_change_follow_the_formulas() {
    // Unit A, 2022: r1 (y 2, x 2), r2 (y 0, x 2), r3 (y 1, x 2): R = 3/6.
    // Residuals 1, −1, 0: Σ² = 2; V = 3/2 · 2 / 36 = 1/12.
    // 2023: r4 (y 2, x 2), r5 (y 2, x 2), r6 (y 1, x 2): R = 5/6; residuals 1/3, 1/3, −2/3:
    // Σ² = 2/3; V = 3/2 · (2/3) / 36 = 1/36.
    let frame = df!(
        c::YEAR => [2022, 2022, 2022, 2022, 2022, 2022, 2023, 2023, 2023, 2023, 2023, 2023],
        c::UNIT => ["A"; 12],
        c::RESPONDENT => ["r1", "r1", "r2", "r2", "r3", "r3", "r4", "r4", "r5", "r5", "r6", "r6"],
        c::QUESTION => ["1", "2", "1", "2", "1", "2", "1", "2", "1", "2", "1", "2"],
        c::ELEMENT => ["E"; 12],
        c::ANSWER => [5, 4, 1, 2, 4, 3, 5, 5, 4, 4, 4, 2],
        c::STATUS => ["valid"; 12],
    )
    .expect("frame")
    .lazy();
    let out = index(&frame, None, &By::Overall, None).expect("index");
    let se = f(&out, c::SE);
    assert!((se[0].expect("se") - (1.0_f64 / 12.0).sqrt()).abs() < 1e-12);
    assert!((se[1].expect("se") - (1.0_f64 / 36.0).sqrt()).abs() < 1e-12);
    // deff 2022: (1/12) / (0.25/6) = 2.
    assert!((f(&out, c::DEFF)[0].expect("deff") - 2.0).abs() < 1e-12);
    assert!((f(&out, c::EFFECTIVE_N)[0].expect("n") - 3.0).abs() < 1e-12);
    // The change: 5/6 − 1/2 = 1/3, SE = √(1/12 + 1/36) = √(1/9) = 1/3, z = 1.
    let p = f(&out, c::P_VALUE)[1].expect("p");
    assert!((p - stats::two_sided_p(1.0)).abs() < 1e-12);
    // Weighted: r1 counts twice. R = (2·2 + 0 + 1) / (2·2 + 2 + 2) = 5/8.
    let weights = df!(
        c::RESPONDENT => ["r1", "r2", "r3", "r4", "r5", "r6"],
        c::WEIGHT => [2.0, 1.0, 1.0, 1.0, 1.0, 1.0],
    )
    .expect("w")
    .lazy();
    let weighted = index(
        &df!(
            c::YEAR => [2022, 2022, 2022, 2022, 2022, 2022],
            c::UNIT => ["A"; 6],
            c::RESPONDENT => ["r1", "r1", "r2", "r2", "r3", "r3"],
            c::QUESTION => ["1", "2", "1", "2", "1", "2"],
            c::ELEMENT => ["E"; 6],
            c::ANSWER => [5, 4, 1, 2, 4, 3],
            c::STATUS => ["valid"; 6],
        )
        .expect("frame")
        .lazy(),
        None,
        &By::Overall,
        Some(weights),
    )
    .expect("weighted");
    assert_eq!(f(&weighted, c::INDEX)[0], Some(0.625));
    // Residuals w(y − R x): 2(2 − 1.25) = 1.5; (0 − 1.25) = −1.25; (1 − 1.25) = −0.25.
    // Σ² = 2.25 + 1.5625 + 0.0625 = 3.875; V = 3/2 · 3.875 / 64.
    let want = (1.5 * 3.875 / 64.0_f64).sqrt();
    assert!((f(&weighted, c::SE)[0].expect("se") - want).abs() < 1e-12);
}

#[test]
fn distribution_counts_each_level() {
    let out = distribution(&answers(), None, &By::Overall).expect("dist");
    let row0: Vec<u32> = (1..=5)
        .map(|l| {
            out.column(&format!("level_{l}"))
                .expect("l")
                .u32()
                .expect("u32")
                .get(0)
                .unwrap_or(99)
        })
        .collect();
    assert_eq!(row0, [0, 1, 1, 1, 1]);
    assert_eq!(f(&out, "share_5")[0], Some(0.25));
}

/// A survey of two years and three units, respondents answering eight questions of three
/// elements on two scales, some answers invalid or missing, an attribute and weights:
/// deterministic, big enough for every figure to differ from group to group.
fn generated() -> (LazyFrame, LazyFrame, LazyFrame) {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let (mut year, mut unit, mut who, mut question, mut element) =
        (vec![], vec![], vec![], vec![], vec![]);
    let (mut answer, mut status, mut scale) = (vec![], vec![], vec![]);
    let (mut r_who, mut r_attr, mut r_value, mut w_who, mut w_weight) =
        (vec![], vec![], vec![], vec![], vec![]);
    for r in 0..600 {
        let (y, u) = (2023 + (r % 2) as i32, ["A", "B", "C"][r % 3]);
        let id = format!("s{}:{r}", r % 4);
        let level = 1 + next(5) as i32;
        for q in 0..8 {
            year.push(y);
            unit.push(u);
            who.push(id.clone());
            question.push(format!("{}.{}", 1 + q / 3, 1 + q % 3));
            element.push(["E1", "E2", "E3"][q / 3]);
            scale.push(if q == 7 && r % 5 == 0 {
                "agreement"
            } else {
                "satisfaction"
            });
            let roll = next(20);
            let a = (level + next(3) as i32 - 1).clamp(1, 5);
            answer.push(if roll == 0 { None } else { Some(a) });
            status.push(if roll == 0 { "invalid" } else { "valid" });
        }
        r_who.push(id.clone());
        r_attr.push("Giới tính");
        r_value.push(["Nam", "Nữ"][next(2) as usize]);
        if r % 7 != 0 {
            w_who.push(id);
            w_weight.push(0.5 + next(4) as f64);
        }
    }
    let answers = df!(
        c::YEAR => year, c::UNIT => unit, c::RESPONDENT => who, c::QUESTION => question,
        c::ELEMENT => element, c::SCALE => scale, c::ANSWER => answer, c::STATUS => status,
    )
    .expect("answers");
    let respondents = df!(c::RESPONDENT => r_who, c::ATTRIBUTE => r_attr, c::VALUE => r_value)
        .expect("respondents");
    let weights = df!(c::RESPONDENT => w_who, c::WEIGHT => w_weight).expect("weights");
    (answers.lazy(), respondents.lazy(), weights.lazy())
}

/// Two frames equal, floats to a relative 1e-12.
fn assert_same(a: &DataFrame, b: &DataFrame, what: &str) {
    assert_eq!(a.get_column_names(), b.get_column_names(), "{what}");
    assert_eq!(a.height(), b.height(), "{what}");
    for (x, y) in a.columns().iter().zip(b.columns()) {
        if x.dtype() == &DataType::Float64 {
            for (p, q) in x.f64().expect("f").iter().zip(y.f64().expect("f").iter()) {
                match (p, q) {
                    (Some(p), Some(q)) => assert!(
                        (p - q).abs() <= 1e-12 * p.abs().max(q.abs()).max(1e-300),
                        "{what} {}: {p} vs {q}",
                        x.name()
                    ),
                    (p, q) => assert_eq!(p, q, "{what} {}", x.name()),
                }
            }
        } else {
            assert_eq!(x, y, "{what} {}", x.name());
        }
    }
}

#[test]
fn the_one_pass_tally_gives_the_figures_polars_gives() {
    let (answers, respondents, weights) = generated();
    for by in [
        By::Overall,
        By::Element,
        By::Question,
        By::Unit,
        By::Attribute("Giới tính".into()),
    ] {
        for w in [None, Some(weights.clone())] {
            let fast = tallied(&answers, Some(respondents.clone()), &by, w.clone())
                .expect("tally")
                .expect("kept together");
            let reference = counts_lazy(answers.clone(), Some(respondents.clone()), &by, w.clone())
                .expect("polars");
            let sort = |df: DataFrame| {
                df.lazy()
                    .select([
                        col(c::YEAR),
                        col(c::UNIT),
                        col(c::GROUP),
                        col(c::SCALE),
                        col(c::RESPONDENTS),
                        col(c::VALID_ANSWERS),
                        col(c::SATISFIED),
                        col(ORDER),
                        col("wy"),
                        col("wx"),
                        col("ss"),
                    ])
                    .sort([c::YEAR, c::UNIT, c::GROUP], SortMultipleOptions::default())
                    .collect()
                    .expect("sorted")
            };
            assert_same(
                &sort(fast),
                &sort(reference),
                &format!("{by:?}, weights {}", w.is_some()),
            );
        }
        let fast = distribution(&answers, Some(respondents.clone()), &by).expect("tally");
        let reference =
            distribution_lazy(answers.clone(), Some(respondents.clone()), &by).expect("polars");
        assert_same(&fast, &reference, &format!("distribution {by:?}"));
    }
}

/// Answers handed over as the store hands them: in slices of 7 rows (a respondent's answers
/// cut between two), text coded, each value listed twice and rows taking either copy.
struct CodedSlices(LazyFrame);

impl AnswerBatches for CodedSlices {
    fn for_each_batch(
        &self,
        columns: &[&str],
        each: &mut dyn FnMut(i32, &str, cchc_model::Rows) -> PolarsResult<()>,
    ) -> PolarsResult<()> {
        use cchc_model::{Coded, Rows, RowsColumn};
        self.0.for_each_batch(columns, &mut |year, unit, rows| {
            let frame = rows.into_frame()?;
            for start in (0..frame.height()).step_by(7) {
                let slice = frame.slice(start as i64, 7);
                let mut out = Vec::new();
                for column in slice.columns() {
                    let coded = match column.dtype() {
                        DataType::String if column.null_count() == 0 => {
                            let mut values: Vec<String> = Vec::new();
                            let codes = column
                                .str()?
                                .iter()
                                .flatten()
                                .enumerate()
                                .map(|(i, v)| {
                                    let at = match values.iter().position(|x| x == v) {
                                        Some(at) => at,
                                        None => {
                                            values.push(v.to_owned());
                                            values.push(v.to_owned());
                                            values.len() - 2
                                        }
                                    };
                                    (at + i % 2) as u32
                                })
                                .collect();
                            RowsColumn::Coded(Coded {
                                name: column.name().clone(),
                                values,
                                codes,
                                runs: Vec::new(),
                            })
                        }
                        _ => RowsColumn::Plain(column.clone()),
                    };
                    out.push(coded);
                }
                each(year, unit, Rows::new(out)?)?;
            }
            Ok(())
        })
    }

    fn lazy(&self) -> PolarsResult<LazyFrame> {
        Ok(self.0.clone())
    }
}

#[test]
fn coded_batches_cut_anywhere_give_the_figures_plain_ones_give() {
    let (answers, respondents, weights) = generated();
    let coded = CodedSlices(answers.clone());
    for by in [
        By::Overall,
        By::Element,
        By::Question,
        By::Attribute("Giới tính".into()),
    ] {
        // The tally itself, not the fallback a respondent met twice would take.
        let once = |a: &dyn AnswerBatches, per_respondent: bool| {
            let (people, w) = match per_respondent {
                true => (Some(respondents.clone()), Some(weights.clone())),
                false => (None, None),
            };
            tally(a, per_respondent, people, &by, w)
                .expect("tally")
                .expect("kept together")
        };
        for per_respondent in [true, false] {
            assert_same(
                &once(&coded, per_respondent),
                &once(&answers, per_respondent),
                &format!("{by:?}, per respondent {per_respondent}"),
            );
        }
    }
}

#[test]
fn attribute_values_are_found_in_any_order() {
    // In the answers' order the next respondent is the next row; reversed, the map by id
    // finds them: the figures are the same either way, and polars'.
    let (answers, respondents, _) = generated();
    let reversed = respondents
        .clone()
        .with_row_index("i", None)
        .sort(
            ["i"],
            SortMultipleOptions::default().with_order_descending(true),
        )
        .drop(cols(["i"]));
    let by = By::Attribute("Giới tính".into());
    let in_order = index(&answers, Some(respondents.clone()), &by, None).expect("in order");
    let shuffled = index(&answers, Some(reversed), &by, None).expect("reversed");
    assert_same(&in_order, &shuffled, "attribute order");
    let reference = counts_lazy(answers.clone(), Some(respondents), &by, None).expect("polars");
    assert_eq!(
        in_order
            .column(c::RESPONDENTS)
            .expect("n")
            .u32()
            .expect("u32")
            .sum(),
        reference
            .column(c::RESPONDENTS)
            .expect("n")
            .u32()
            .expect("u32")
            .sum()
    );
}

#[test]
fn answers_not_kept_together_by_respondent_are_counted_by_polars() {
    let (answers, _, _) = generated();
    // Every respondent's answers scattered: the tally refuses, and the figures are polars'.
    let shuffled = answers
        .clone()
        .sort([c::QUESTION], SortMultipleOptions::default());
    assert!(
        tallied(&shuffled, None, &By::Overall, None)
            .expect("tally")
            .is_none()
    );
    let a = index(&shuffled, None, &By::Element, None).expect("index");
    let b = index(&answers, None, &By::Element, None).expect("index");
    assert_same(&a, &b, "index");
}
