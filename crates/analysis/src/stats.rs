//! Statistics of a survey index that hold up when each respondent answers many questions.
//!
//! The index of a group is a ratio of totals over respondents: R = Σ wᵢyᵢ / Σ wᵢxᵢ, with yᵢ the
//! respondent's answers at level 4–5 in the group, xᵢ their valid answers and wᵢ their weight
//! (1 without weights). Respondents are the clusters: one person's answers are correlated, so the
//! standard error is the linearised variance of a ratio under with-replacement sampling of
//! respondents — what R's `survey::svyratio(~y, ~x, svydesign(ids = ~respondent, weights = ~w))`
//! computes:
//!
//! ```text
//! V(R) = n/(n−1) · Σ (wᵢ (yᵢ − R xᵢ))² / (Σ wᵢxᵢ)²
//! ```
//!
//! The 95% interval is Wald on the logit scale, back-transformed, so that it stays within 0–1:
//! logit⁻¹(logit R ± z·SE/(R(1−R))). Year-over-year changes are the difference of two
//! independent estimates, tested with z = Δ/√(SE₁² + SE₂²), its two-sided p-value from the upper
//! tail (`erfc`, so tiny p-values keep their digits). Several groups tested at once get
//! Holm-adjusted (or Benjamini–Hochberg) p-values.

/// z for a two-sided 95% interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// Two-sided p-value of a standard normal z, from the upper tail: erfc(|z|/√2).
pub fn two_sided_p(z: f64) -> f64 {
    libm::erfc(z.abs() / std::f64::consts::SQRT_2)
}

/// A group's per-respondent totals: Σ wᵢyᵢ, Σ wᵢxᵢ, the number of respondents n and
/// Σ (wᵢ(yᵢ − R xᵢ))².
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RatioTotals {
    pub weighted_y: f64,
    pub weighted_x: f64,
    pub respondents: u32,
    pub squared_residuals: f64,
}

/// A group's index with its clustered precision.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Clustered {
    /// R = Σwy / Σwx; `None` without valid answers.
    pub index: Option<f64>,
    /// The standard error; `None` for one respondent or no variance.
    pub se: Option<f64>,
    /// The 95% interval (logit scale, back-transformed).
    pub ci: Option<(f64, f64)>,
    /// se² over the variance of a simple random sample of the same answers: R(1−R)/answers.
    pub deff: Option<f64>,
    /// answers / deff: how many independent answers carry the same information.
    pub effective_n: Option<f64>,
}

impl RatioTotals {
    /// The index and its clustered precision, for `answers` valid answers.
    pub fn estimate(&self, answers: f64) -> Clustered {
        let none = Clustered {
            index: None,
            se: None,
            ci: None,
            deff: None,
            effective_n: None,
        };
        if self.weighted_x <= 0.0 {
            return none;
        }
        let r = self.weighted_y / self.weighted_x;
        let n = f64::from(self.respondents);
        let se = (self.respondents > 1 && self.squared_residuals > 0.0).then(|| {
            (n / (n - 1.0) * self.squared_residuals / (self.weighted_x * self.weighted_x)).sqrt()
        });
        let ci = se.and_then(|se| logit_interval(r, se));
        let srs = r * (1.0 - r) / answers;
        let deff = se.filter(|_| srs > 0.0).map(|se| se * se / srs);
        Clustered {
            index: Some(r),
            se,
            ci,
            deff,
            effective_n: deff.map(|d| answers / d),
        }
    }
}

/// The 95% interval of a proportion `p` with standard error `se`, Wald on the logit scale:
/// `None` at 0 or 1, where the logit is infinite.
pub fn logit_interval(p: f64, se: f64) -> Option<(f64, f64)> {
    if !(p > 0.0 && p < 1.0 && se.is_finite()) {
        return None;
    }
    let logit = (p / (1.0 - p)).ln();
    let half = Z95 * se / (p * (1.0 - p));
    let back = |x: f64| 1.0 / (1.0 + (-x).exp());
    Some((back(logit - half), back(logit + half)))
}

/// The change from one year's estimate to the next's: (difference, its SE, two-sided p).
pub fn change(
    before: (f64, Option<f64>),
    after: (f64, Option<f64>),
) -> (f64, Option<f64>, Option<f64>) {
    let delta = after.0 - before.0;
    match (before.1, after.1) {
        (Some(a), Some(b)) => {
            let se = (a * a + b * b).sqrt();
            (delta, Some(se), Some(two_sided_p(delta / se)))
        }
        _ => (delta, None, None),
    }
}

/// How p-values of several tests are adjusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Adjust {
    /// Holm's step-down (family-wise error rate).
    Holm,
    /// Benjamini–Hochberg (false discovery rate).
    Bh,
    /// None.
    None,
}

/// Adjusted p-values of the tests present (`None` entries are not tests), in the input order.
pub fn adjust(p: &[Option<f64>], method: Adjust) -> Vec<Option<f64>> {
    let mut tested: Vec<(usize, f64)> = p
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i, v)))
        .collect();
    let m = tested.len() as f64;
    let mut out = vec![None; p.len()];
    tested.sort_by(|a, b| a.1.total_cmp(&b.1));
    match method {
        Adjust::None => return p.to_vec(),
        Adjust::Holm => {
            let mut running: f64 = 0.0;
            for (k, (i, v)) in tested.iter().enumerate() {
                running = running.max(((m - k as f64) * v).min(1.0));
                out[*i] = Some(running);
            }
        }
        Adjust::Bh => {
            let mut running: f64 = 1.0;
            for (k, (i, v)) in tested.iter().enumerate().rev() {
                running = running.min((m / (k as f64 + 1.0) * v).min(1.0));
                out[*i] = Some(running);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * b.abs().max(1e-300)
    }

    #[test]
    fn two_sided_p_keeps_tiny_tails() {
        assert!(close(two_sided_p(1.959_963_984_540_054), 0.05, 1e-12));
        assert!(close(two_sided_p(0.0), 1.0, 1e-15));
        // R 4: print(2 * pnorm(-13.5), digits = 17) = 1.5637614611315783e-41 — never printed as 0.
        assert!(close(two_sided_p(13.5), 1.563_761_461_131_578_3e-41, 1e-12));
    }

    #[test]
    fn clustered_ratio_by_hand() {
        // Three respondents: (y, x) = (2, 3), (0, 2), (3, 3). R = 5/8.
        // Residuals y − R x: 2 − 1.875 = 0.125; 0 − 1.25 = −1.25; 3 − 1.875 = 1.125.
        // Σ² = 0.015625 + 1.5625 + 1.265625 = 2.84375; V = 3/2 · 2.84375 / 64 = 0.066650390625.
        let t = RatioTotals {
            weighted_y: 5.0,
            weighted_x: 8.0,
            respondents: 3,
            squared_residuals: 2.84375,
        };
        let c = t.estimate(8.0);
        assert_eq!(c.index, Some(0.625));
        let se = c.se.expect("se");
        assert!(close(se, 0.066_650_390_625_f64.sqrt(), 1e-14));
        // deff = V / (R(1−R)/8) = 0.066650390625 / 0.029296875 = 2.275.
        assert!(close(c.deff.expect("deff"), 2.275, 1e-12));
        assert!(close(c.effective_n.expect("n"), 8.0 / 2.275, 1e-12));
        let (lo, hi) = c.ci.expect("ci");
        assert!(lo < 0.625 && 0.625 < hi && lo > 0.0 && hi < 1.0);
        // One respondent, or no variance: no SE, never NaN.
        let one = RatioTotals {
            respondents: 1,
            ..t
        };
        assert_eq!(one.estimate(8.0).se, None);
        let flat = RatioTotals {
            squared_residuals: 0.0,
            ..t
        };
        assert_eq!(flat.estimate(8.0).deff, None);
    }

    #[test]
    fn holm_and_bh_as_p_adjust() {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.2), "holm") = 0.04 0.09 0.09 0.20;
        //    p.adjust(c(0.01, 0.04, 0.03, 0.2), "BH")   = 0.04 0.0533… 0.0533… 0.20.
        let p = [Some(0.01), Some(0.04), None, Some(0.03), Some(0.2)];
        let holm = adjust(&p, Adjust::Holm);
        let want = [Some(0.04), Some(0.09), None, Some(0.09), Some(0.2)];
        for (a, b) in holm.iter().zip(want) {
            assert_eq!(a.is_some(), b.is_some());
            if let (Some(a), Some(b)) = (a, b) {
                assert!(close(*a, b, 1e-12), "{holm:?}");
            }
        }
        let bh = adjust(&p, Adjust::Bh);
        assert!(close(bh[0].expect("p"), 0.04, 1e-12));
        assert!(close(bh[1].expect("p"), 0.04 * 4.0 / 3.0, 1e-12));
        assert!(close(bh[3].expect("p"), 0.04 * 4.0 / 3.0, 1e-12));
        assert!(close(bh[4].expect("p"), 0.2, 1e-12));
        assert_eq!(adjust(&p, Adjust::None), p.to_vec());
    }
}
