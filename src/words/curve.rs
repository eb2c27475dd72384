//! A scoring curve in words, for reports and `rubric explain`. Scoring the curve is
//! `crate::scoring::curve`; this only describes it.

use crate::rubric::{Curve, Lang};

/// A curve in words, e.g. `linear: 0,1 → 0, 0,8 → 100`.
pub fn describe(c: &Curve, lang: Lang) -> String {
    let n = |x: f64| crate::format::number(x, 4, lang);
    match c {
        Curve::Linear { zero, full } => format!("linear: {} → 0, {} → 100", n(*zero), n(*full)),
        Curve::Steps { thresholds, scores } => {
            let mut parts = vec![format!("below {} → {}", n(thresholds[0]), n(scores[0]))];
            for (t, s) in thresholds.iter().zip(&scores[1..]) {
                parts.push(format!("≥ {} → {}", n(*t), n(*s)));
            }
            format!("steps: {}", parts.join("; "))
        }
        Curve::Boolean {
            true_score,
            false_score,
        } => format!(
            "boolean: true → {}, false → {}",
            n(*true_score),
            n(*false_score)
        ),
        Curve::LogNormal { median, good } => {
            format!("log-normal: {} → 50, {} → 90", n(*median), n(*good))
        }
    }
}
