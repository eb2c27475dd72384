//! Scoring curves: how an indicator's value becomes a 0–100 score. Pure functions, no words
//! (a curve described in words is `crate::words::curve::describe`).

use crate::rubric::Curve;

/// Score a value on a curve, 0–100. Non-finite values have no score.
pub fn score(curve: &Curve, value: f64) -> Option<f64> {
    if !value.is_finite() {
        return None;
    }
    let s = match curve {
        Curve::Linear { zero, full } => 100.0 * ((value - zero) / (full - zero)).clamp(0.0, 1.0),
        Curve::Steps { thresholds, scores } => {
            // A value computed as 0.7999999999999999 is at the threshold 0.8.
            let band = thresholds
                .iter()
                .take_while(|t| value >= **t - 1e-9 * t.abs().max(1.0))
                .count();
            scores[band]
        }
        Curve::Boolean {
            true_score,
            false_score,
        } => {
            if value != 0.0 {
                *true_score
            } else {
                *false_score
            }
        }
        Curve::LogNormal { median, good } => log_normal(value, *median, *good),
    };
    Some(s)
}

/// Lighthouse's log-normal scoring: `median` scores 50 and `good` scores 90. When `good` is
/// below `median`, lower values are better (like load times); otherwise higher is better.
pub fn log_normal(value: f64, median: f64, good: f64) -> f64 {
    let lower_better = good < median;
    if value <= 0.0 {
        return if lower_better { 100.0 } else { 0.0 };
    }
    // Φ⁻¹(0.9) ≈ 1.2815515655: the standard-normal quantile for the 90th percentile.
    const Z90: f64 = 1.281_551_565_545;
    let sigma = ((good.ln() - median.ln()) / Z90).abs();
    let z = (value.ln() - median.ln()) / sigma;
    let cdf = 0.5 * erfc(-z / std::f64::consts::SQRT_2);
    let p = if lower_better { 1.0 - cdf } else { cdf };
    (100.0 * p).clamp(0.0, 100.0)
}

/// Complementary error function (Numerical Recipes `erfcc`, relative error < 1.2e-7).
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t
        * (-z * z - 1.265_512_23
            + t * (1.000_023_68
                + t * (0.374_091_96
                    + t * (0.096_784_18
                        + t * (-0.186_288_06
                            + t * (0.278_868_07
                                + t * (-1.135_203_98
                                    + t * (1.488_515_87
                                        + t * (-0.822_152_23 + t * 0.170_872_77)))))))))
            .exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

/// Is higher better on this curve? (Used to phrase gaps; scoring itself never needs it.)
pub fn higher_is_better(curve: &Curve) -> bool {
    match curve {
        Curve::Linear { zero, full } => full > zero,
        Curve::Steps { scores, .. } => scores.last() >= scores.first(),
        Curve::Boolean {
            true_score,
            false_score,
        } => true_score >= false_score,
        Curve::LogNormal { median, good } => good > median,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn linear_both_directions() {
        let up = Curve::Linear {
            zero: 0.2,
            full: 0.8,
        };
        assert!((score(&up, 0.5).unwrap() - 50.0).abs() < 1e-9);
        assert_eq!(score(&up, 0.1), Some(0.0));
        assert_eq!(score(&up, 0.9), Some(100.0));
        let down = Curve::Linear {
            zero: 0.6,
            full: 0.0,
        };
        assert!((score(&down, 0.15).unwrap() - 75.0).abs() < 1e-9);
        assert_eq!(score(&up, f64::NAN), None);
    }

    #[test]
    fn steps_are_half_open() {
        let c = Curve::Steps {
            thresholds: vec![1.0, 2.0],
            scores: vec![0.0, 60.0, 100.0],
        };
        assert_eq!(score(&c, 0.99), Some(0.0));
        assert_eq!(score(&c, 1.0), Some(60.0));
        assert_eq!(score(&c, 2.0), Some(100.0));
    }

    #[test]
    fn log_normal_hits_its_anchors() {
        // erfc is approximated to ~1e-7 relative, so anchors hold to 1e-4 points.
        assert!((log_normal(20.0, 20.0, 100.0) - 50.0).abs() < 1e-4);
        assert!((log_normal(100.0, 20.0, 100.0) - 90.0).abs() < 1e-4);
        // Lower is better when good < median (Lighthouse's timing metrics).
        assert!((log_normal(2.0, 4.0, 2.0) - 90.0).abs() < 1e-4);
        assert_eq!(log_normal(0.0, 20.0, 100.0), 0.0);
    }

    proptest! {
        #[test]
        fn curves_stay_in_range_and_are_monotone(a in -1e3f64..1e3, b in -1e3f64..1e3, zero in -10f64..10.0, span in 0.01f64..10.0) {
            let c = Curve::Linear { zero, full: zero + span };
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            let (s_lo, s_hi) = (score(&c, lo).unwrap(), score(&c, hi).unwrap());
            prop_assert!((0.0..=100.0).contains(&s_lo) && s_lo <= s_hi);
            let l = Curve::LogNormal { median: 20.0, good: 100.0 };
            let (l_lo, l_hi) = (score(&l, lo).unwrap(), score(&l, hi).unwrap());
            prop_assert!((0.0..=100.0).contains(&l_lo) && l_lo <= l_hi + 1e-9);
        }
    }
}
