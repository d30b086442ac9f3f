use super::*;

#[test]
fn pivot_keeps_category_order_and_leaves_gaps() {
    let cat = |c: &str| (c.to_owned(), format!("Lĩnh vực {c}"));
    let points: Vec<Point> = vec![
        (cat("2"), 2022, Some(0.5)),
        (cat("1"), 2022, Some(0.75)),
        (cat("1"), 2021, Some(0.25)),
    ];
    let (categories, years, series) = pivot(&points, Lang::Vi);
    assert_eq!(
        categories.iter().map(|c| c.0.as_str()).collect::<Vec<_>>(),
        ["2", "1"]
    );
    assert_eq!(years, [2021, 2022]);
    assert_eq!(series[0], ("Năm 2021".to_owned(), vec![None, Some(0.25)]));
    assert_eq!(
        series[1],
        ("Năm 2022".to_owned(), vec![Some(0.5), Some(0.75)])
    );
}
