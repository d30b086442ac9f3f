//! Small statistics for proportions: the Wilson score interval and the two-proportion z-test.
//!
//! Formulas as in the textbooks (Agresti & Coull 1998; Newcombe 1998) and as R's `prop.test`
//! without continuity correction computes them.

/// z for a two-sided 95% interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// The Wilson score interval for `successes` out of `n` at 95%: `(low, high)`, `None` when n = 0.
pub fn wilson(successes: f64, n: f64) -> Option<(f64, f64)> {
    if n <= 0.0 {
        return None;
    }
    let p = successes / n;
    let z2 = Z95 * Z95;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    Some(((centre - half).max(0.0), (centre + half).min(1.0)))
}

/// Two-sided p-value of the pooled two-proportion z-test of x1/n1 against x2/n2; `None` when a
/// sample is empty or the pooled proportion is 0 or 1 (no variance to test against).
pub fn two_proportion_p(x1: f64, n1: f64, x2: f64, n2: f64) -> Option<f64> {
    if n1 <= 0.0 || n2 <= 0.0 {
        return None;
    }
    let pooled = (x1 + x2) / (n1 + n2);
    let se = (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt();
    if se == 0.0 {
        return None;
    }
    let z = (x2 / n2 - x1 / n1) / se;
    Some(erfc(z.abs() / std::f64::consts::SQRT_2))
}

/// The complementary error function, with relative error below 1.2e-7 everywhere (the Chebyshev
/// fit of Numerical Recipes, 3rd ed., §6.2, `erfcc`).
pub fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_matches_textbook_values() {
        // Newcombe (1998), Table I, example 81/263: 0.2553 to 0.3662.
        let (lo, hi) = wilson(81.0, 263.0).expect("interval");
        assert!((lo - 0.2553).abs() < 5e-5, "{lo}");
        assert!((hi - 0.3662).abs() < 5e-5, "{hi}");
        // 15/148: 0.0624 to 0.1605 (same table).
        let (lo, hi) = wilson(15.0, 148.0).expect("interval");
        assert!(
            (lo - 0.0624).abs() < 5e-5 && (hi - 0.1605).abs() < 5e-5,
            "{lo} {hi}"
        );
        // 0/20 stays inside [0, 1]: 0 to 0.1611.
        let (lo, hi) = wilson(0.0, 20.0).expect("interval");
        assert_eq!(lo, 0.0);
        assert!((hi - 0.1611).abs() < 5e-5, "{hi}");
        assert_eq!(wilson(0.0, 0.0), None);
    }

    #[test]
    fn erfc_matches_known_values() {
        assert!((erfc(0.0) - 1.0).abs() < 1e-7);
        assert!((erfc(1.0) - 0.157_299_207_050_285).abs() < 1e-7);
        assert!((erfc(-1.0) - 1.842_700_792_949_715).abs() < 1e-7);
        // Two-sided p for |z| = 1.96 is 0.05.
        assert!((erfc(Z95 / std::f64::consts::SQRT_2) - 0.05).abs() < 1e-7);
    }

    #[test]
    fn two_proportion_test_matches_prop_test() {
        // 45/100 against 60/100, by hand: pooled 0.525, se = √(0.525·0.475·(1/100 + 1/100)) =
        // 0.070622, z = 0.15 / 0.070622 = 2.1240. A standard normal table gives Φ(2.12) = 0.98300
        // and Φ(2.13) = 0.98341, so Φ(2.124) ≈ 0.98316 and p = 2·(1 − 0.98316) = 0.0337.
        let p = two_proportion_p(45.0, 100.0, 60.0, 100.0).expect("p");
        assert!((p - 0.0337).abs() < 1e-4, "{p}");
        // Equal proportions: p = 1.
        let p = two_proportion_p(30.0, 60.0, 50.0, 100.0).expect("p");
        assert!((p - 1.0).abs() < 1e-7, "{p}");
        assert_eq!(two_proportion_p(10.0, 10.0, 20.0, 20.0), None);
    }
}
