//! The evaluation's estimator: did an indicator hold in the units that worked away?
//!
//! For each unit and indicator, the days of the WFA window are compared with the same window a
//! year earlier (the baseline: it removes the year-end season — the APBD closing rush, cuti
//! bersama, low demand). On the `Relative` scale a unit's change is the log ratio of its means,
//! `c = ln(mean(window) / mean(baseline))`; on the `Absolute` scale the difference of its means.
//! A unit's change carries the sampling variance of its day-to-day spread (delta method:
//! `s_w² / (n_w m_w²) + s_b² / (n_b m_b²)` on the log scale) with Welch–Satterthwaite degrees of
//! freedom.
//!
//! - The effect of WFA on a treated unit is its change less the mean change of the units that did
//!   not work away (difference in differences: a shock common to every unit that year cancels),
//!   with a Student t prediction interval: variance `s_c² (1 + 1/n_c)`, where `s_c²` is the
//!   spread of the others' changes (their day noise and their own year-to-year moves), `n_c − 1`
//!   degrees of freedom. A unit's own few days say little about their spread; its `change` keeps
//!   the interval from its own days. With `simultaneous`, the units' intervals hold jointly
//!   (Bonferroni: level `1 − (1 − level) / n_treated`), so that the chance of naming any OPD
//!   wrongly is the chosen one, not the chance per OPD; without it each unit's interval has the
//!   level, and a unit is named fallen only when its whole interval lies beyond the tolerance.
//! - The province's effect is the mean change of the treated units less that of the others, with
//!   a percentile bootstrap over units (each group resampled on its own; seeded).
//! - The placebo is the same estimator one year back: the baseline window against the working days
//!   before it. Nobody worked away then, so an "effect" there is seasonality or measurement.
//! - The naive comparison (the treated units' window against the days just before it, the same
//!   year) is computed to show what it would have claimed; it is never the answer.
//!
//! Intervals are reported on the indicator's scale (`exp(x) − 1`, a relative change, for
//! `Relative`). An outcome is read against the rubric's tolerance (a POLICY CHOICE): `Fell` when
//! the whole interval is worse than −tolerance, `Rose` when it is wholly better than +tolerance,
//! `Held` when it lies above −tolerance, else `Inconclusive` (the interval is too wide to say:
//! a three-day window often is). Never a point without its interval.
//!
//! Numbers in, numbers out: it reads no file and chooses no words.

use super::stats::{mean, percentile, t_quantile, variance};
use rand::{Rng, SeedableRng, rngs::StdRng};
use serde::Serialize;

/// How an indicator's change is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scale {
    /// A ratio of means (counts, amounts): the change is relative, `−0.1` is 10 % less.
    Relative,
    /// A difference of means (shares, indices): the change is in the indicator's own units.
    Absolute,
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Higher,
    Lower,
}

/// What an interval says against the tolerance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Worse than the tolerance allows, with the whole interval.
    Fell,
    /// The interval reaches below −tolerance but not wholly: too wide to conclude.
    Inconclusive,
    /// The interval lies above −tolerance.
    Held,
    /// Better than +tolerance, with the whole interval.
    Rose,
}

/// An estimate and its interval, on the indicator's scale.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub point: f64,
    pub lo: f64,
    pub hi: f64,
}

/// A unit's change from its baseline on the estimator's scale (a log ratio for `Relative`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    pub value: f64,
    /// Sampling variance from the day-to-day spread.
    pub var: f64,
    /// Welch–Satterthwaite degrees of freedom of `var` (infinite when `var` is 0).
    pub df: f64,
}

/// Why a unit has no change for an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Skip {
    /// No day with a value in the window or in the baseline.
    NoDays,
    /// A mean of zero or below, which has no ratio (`Relative` scale).
    NotPositive,
}

/// One unit's daily values of one indicator in the four periods.
#[derive(Debug, Clone, Default)]
pub struct UnitDays {
    pub unit: String,
    /// Worked away during the window (from the treatment log).
    pub treated: bool,
    /// The WFA window.
    pub window: Vec<f64>,
    /// The same window a year earlier.
    pub baseline: Vec<f64>,
    /// The working days just before the window.
    pub before: Vec<f64>,
    /// The working days just before the baseline window.
    pub baseline_before: Vec<f64>,
}

#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Interval level, e.g. 0.95.
    pub level: f64,
    /// Bootstrap resamples for the province.
    pub runs: usize,
    pub seed: u64,
    pub tolerance: f64,
    pub scale: Scale,
    pub direction: Direction,
    /// Per-unit intervals hold jointly over the treated units (Bonferroni).
    pub simultaneous: bool,
}

/// A unit's result for one indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitResult {
    pub unit: String,
    pub treated: bool,
    /// Its own change from the baseline (a relative change for `Relative`), with the interval
    /// from its days; `None` with `skipped`.
    pub change: Option<Interval>,
    /// Treated units: the change less the others' (the effect of working away).
    pub effect: Option<Interval>,
    pub outcome: Option<Outcome>,
    pub skipped: Option<Skip>,
}

/// One comparison for the whole province.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Pooled {
    pub estimate: Interval,
    pub outcome: Outcome,
    pub treated: usize,
    pub control: usize,
}

/// Everything the estimator says about one indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorResult {
    pub units: Vec<UnitResult>,
    /// Difference in differences over units; `None` below two units in either group.
    pub province: Option<Pooled>,
    /// The same estimator on the baseline year (expected: no effect).
    pub placebo: Option<Pooled>,
    /// The treated units' window against the days just before it (what a naive before/after
    /// would claim).
    pub naive: Option<Pooled>,
    /// No unit had the window a year earlier: the days just before the window were the baseline
    /// instead, which does not remove the season (the report warns).
    pub adjacent_baseline: bool,
}

/// A unit's change between `window` and `baseline` on `scale`.
pub fn change(window: &[f64], baseline: &[f64], scale: Scale) -> Result<Change, Skip> {
    let (Some(mw), Some(mb)) = (mean(window), mean(baseline)) else {
        return Err(Skip::NoDays);
    };
    let (vw, vb) = (
        variance(window).unwrap_or(0.0),
        variance(baseline).unwrap_or(0.0),
    );
    let (nw, nb) = (window.len() as f64, baseline.len() as f64);
    let (value, a, b) = match scale {
        Scale::Relative => {
            if mw <= 0.0 || mb <= 0.0 {
                return Err(Skip::NotPositive);
            }
            ((mw / mb).ln(), vw / (nw * mw * mw), vb / (nb * mb * mb))
        }
        Scale::Absolute => (mw - mb, vw / nw, vb / nb),
    };
    Ok(Change {
        value,
        var: a + b,
        df: welch(&[(a, nw - 1.0), (b, nb - 1.0)]),
    })
}

/// Welch–Satterthwaite degrees of freedom of a sum of variances, each with its own df.
fn welch(parts: &[(f64, f64)]) -> f64 {
    let total: f64 = parts.iter().map(|(v, _)| v).sum();
    let den: f64 = parts
        .iter()
        .filter(|(v, df)| *v > 0.0 && *df > 0.0)
        .map(|(v, df)| v * v / df)
        .sum();
    if total <= 0.0 || den <= 0.0 {
        f64::INFINITY
    } else {
        total * total / den
    }
}

/// From the estimator's scale to the indicator's.
fn shown(x: f64, scale: Scale) -> f64 {
    match scale {
        Scale::Relative => x.exp() - 1.0,
        Scale::Absolute => x,
    }
}

/// A t interval around `value` with variance `var` and `df` degrees of freedom.
fn t_interval(value: f64, var: f64, df: f64, level: f64, scale: Scale) -> Interval {
    let half = if var > 0.0 {
        let t = if df.is_finite() {
            t_quantile(0.5 + level / 2.0, df)
        } else {
            t_quantile(0.5 + level / 2.0, 1e9)
        };
        t * var.sqrt()
    } else {
        0.0
    };
    Interval {
        point: shown(value, scale),
        lo: shown(value - half, scale),
        hi: shown(value + half, scale),
    }
}

/// What `iv` says against `tolerance`, for an indicator where `direction` is better.
pub fn outcome(iv: &Interval, tolerance: f64, direction: Direction) -> Outcome {
    let (lo, hi) = match direction {
        Direction::Higher => (iv.lo, iv.hi),
        Direction::Lower => (-iv.hi, -iv.lo),
    };
    if hi < -tolerance {
        Outcome::Fell
    } else if lo > tolerance {
        Outcome::Rose
    } else if lo >= -tolerance {
        Outcome::Held
    } else {
        Outcome::Inconclusive
    }
}

/// The mean of `treated` less the mean of `control` (estimator scale), with a percentile
/// bootstrap interval over units; `None` below two units in either group.
fn pooled(treated: &[f64], control: &[f64], s: &Settings, salt: u64) -> Option<Pooled> {
    if treated.len() < 2 || control.len() < 2 {
        return None;
    }
    let point = mean(treated)? - mean(control)?;
    let mut rng = StdRng::seed_from_u64(s.seed ^ salt);
    let draw = |xs: &[f64], rng: &mut StdRng| -> f64 {
        (0..xs.len())
            .map(|_| xs[rng.random_range(0..xs.len())])
            .sum::<f64>()
            / xs.len() as f64
    };
    let mut boot: Vec<f64> = (0..s.runs.max(1))
        .map(|_| draw(treated, &mut rng) - draw(control, &mut rng))
        .collect();
    boot.sort_by(f64::total_cmp);
    let a = (1.0 - s.level) / 2.0;
    let estimate = Interval {
        point: shown(point, s.scale),
        lo: shown(percentile(&boot, a)?, s.scale),
        hi: shown(percentile(&boot, 1.0 - a)?, s.scale),
    };
    Some(Pooled {
        outcome: outcome(&estimate, s.tolerance, s.direction),
        estimate,
        treated: treated.len(),
        control: control.len(),
    })
}

/// The estimator on one indicator over every unit.
pub fn estimate(units: &[UnitDays], s: &Settings) -> IndicatorResult {
    // The season is removed only with the window a year earlier; without it for every unit,
    // the days just before stand in (and the report says so).
    let adjacent_baseline = units.iter().all(|u| u.baseline.is_empty());
    fn base_of(u: &UnitDays, adjacent: bool) -> &[f64] {
        if adjacent { &u.before } else { &u.baseline }
    }
    let changes: Vec<Result<Change, Skip>> = units
        .iter()
        .map(|u| change(&u.window, base_of(u, adjacent_baseline), s.scale))
        .collect();
    let control: Vec<Change> = units
        .iter()
        .zip(&changes)
        .filter(|(u, _)| !u.treated)
        .filter_map(|(_, c)| c.ok())
        .collect();
    let control_values: Vec<f64> = control.iter().map(|c| c.value).collect();
    let (cm, spread) = (mean(&control_values), variance(&control_values));

    // Simultaneous intervals over the treated units (Bonferroni): naming an OPD as fallen is
    // wrong for none of them, at the chosen level, not for one in twenty.
    let n_treated = units.iter().filter(|u| u.treated).count().max(1);
    let unit_level = if s.simultaneous {
        1.0 - (1.0 - s.level) / n_treated as f64
    } else {
        s.level
    };
    let results = units
        .iter()
        .zip(&changes)
        .map(|(u, c)| match c {
            Err(skip) => UnitResult {
                unit: u.unit.clone(),
                treated: u.treated,
                change: None,
                effect: None,
                outcome: None,
                skipped: Some(*skip),
            },
            Ok(c) => {
                let effect = match (u.treated, cm, spread) {
                    (true, Some(cm), Some(sc)) if control_values.len() >= 2 => {
                        let nc = control_values.len() as f64;
                        // A prediction interval: how far a unit that stayed strays by chance
                        // is the spread of the others' changes (their day noise and their own
                        // year-to-year moves, estimated from many units, where a unit's three
                        // days say little about their own spread); plus the uncertainty of the
                        // others' mean.
                        let (var, df) = (sc * (1.0 + 1.0 / nc), nc - 1.0);
                        Some(t_interval(c.value - cm, var, df, unit_level, s.scale))
                    }
                    _ => None,
                };
                UnitResult {
                    unit: u.unit.clone(),
                    treated: u.treated,
                    change: Some(t_interval(c.value, c.var, c.df, s.level, s.scale)),
                    outcome: effect.map(|e| outcome(&e, s.tolerance, s.direction)),
                    effect,
                    skipped: None,
                }
            }
        })
        .collect();

    let values = |treated: bool, of: &dyn Fn(&UnitDays) -> Result<Change, Skip>| -> Vec<f64> {
        units
            .iter()
            .filter(|u| u.treated == treated)
            .filter_map(|u| of(u).ok())
            .map(|c| c.value)
            .collect()
    };
    let main = |u: &UnitDays| change(&u.window, base_of(u, adjacent_baseline), s.scale);
    let placebo = |u: &UnitDays| change(&u.baseline, &u.baseline_before, s.scale);
    let naive = |u: &UnitDays| change(&u.window, &u.before, s.scale);
    let naive_treated = values(true, &naive);
    IndicatorResult {
        units: results,
        province: pooled(&values(true, &main), &values(false, &main), s, 1),
        placebo: if adjacent_baseline {
            None
        } else {
            pooled(&values(true, &placebo), &values(false, &placebo), s, 2)
        },
        // Before/after on the treated alone: the control group's mean is taken as zero.
        naive: pooled(&naive_treated, &[0.0, 0.0], s, 3).map(|mut p| {
            p.control = 0;
            p
        }),
        adjacent_baseline,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings {
            level: 0.95,
            runs: 2000,
            seed: 20251231,
            tolerance: 0.05,
            scale: Scale::Relative,
            direction: Direction::Higher,
            simultaneous: true,
        }
    }

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} vs {b}");
    }

    /// By hand: window 9, 10, 11 (mean 10, s² 1) against 18, 20, 22 (mean 20, s² 4).
    #[test]
    fn a_change_and_its_variance_by_hand() {
        let c = change(&[9.0, 10.0, 11.0], &[18.0, 20.0, 22.0], Scale::Relative).unwrap();
        close(c.value, (0.5f64).ln());
        // 1 / (3 · 100) + 4 / (3 · 400) = 1/300 + 1/300
        close(c.var, 2.0 / 300.0);
        // Equal parts with 2 df each: (2v)² / (2 v² / 2) = 4.
        close(c.df, 4.0);
        let a = change(&[9.0, 10.0, 11.0], &[18.0, 20.0, 22.0], Scale::Absolute).unwrap();
        close(a.value, -10.0);
        close(a.var, 1.0 / 3.0 + 4.0 / 3.0);
        assert_eq!(change(&[], &[1.0], Scale::Relative), Err(Skip::NoDays));
        assert_eq!(
            change(&[0.0], &[1.0], Scale::Relative),
            Err(Skip::NotPositive)
        );
    }

    #[test]
    fn outcomes_against_the_tolerance() {
        let iv = |lo: f64, hi: f64| Interval {
            point: (lo + hi) / 2.0,
            lo,
            hi,
        };
        let h = Direction::Higher;
        assert_eq!(outcome(&iv(-0.04, 0.03), 0.05, h), Outcome::Held);
        assert_eq!(outcome(&iv(-0.30, -0.08), 0.05, h), Outcome::Fell);
        assert_eq!(outcome(&iv(-0.20, 0.10), 0.05, h), Outcome::Inconclusive);
        assert_eq!(outcome(&iv(0.06, 0.20), 0.05, h), Outcome::Rose);
        // Lower is better (turnaround time): a rise is the fall.
        assert_eq!(
            outcome(&iv(0.08, 0.30), 0.05, Direction::Lower),
            Outcome::Fell
        );
        assert_eq!(
            outcome(&iv(-0.03, 0.04), 0.05, Direction::Lower),
            Outcome::Held
        );
    }

    /// Two treated and two control units with no spread: the province's effect and each treated
    /// unit's, by hand.
    #[test]
    fn difference_in_differences_by_hand() {
        let u = |id: &str, treated: bool, w: f64, b: f64| UnitDays {
            unit: id.into(),
            treated,
            window: vec![w; 3],
            baseline: vec![b; 3],
            before: vec![b; 3],
            baseline_before: vec![b; 3],
        };
        let units = [
            u("T1", true, 80.0, 100.0),
            u("T2", true, 45.0, 50.0),
            u("C1", false, 90.0, 100.0),
            u("C2", false, 180.0, 200.0),
        ];
        let r = estimate(&units, &settings());
        // Treated: ln 0.8, ln 0.9; control: ln 0.9 twice.
        let did = ((0.8f64).ln() + (0.9f64).ln()) / 2.0 - (0.9f64).ln();
        let p = r.province.unwrap();
        close(p.estimate.point, did.exp() - 1.0);
        // T1: 0.8 / 0.9 − 1 = −11.1 %, with no spread anywhere: a point interval, Fell.
        let t1 = &r.units[0];
        close(t1.effect.unwrap().point, 0.8 / 0.9 - 1.0);
        close(t1.effect.unwrap().lo, 0.8 / 0.9 - 1.0);
        assert_eq!(t1.outcome, Some(Outcome::Fell));
        assert_eq!(r.units[1].outcome, Some(Outcome::Held));
        assert_eq!(r.units[2].effect, None, "a control unit has no effect");
        close(r.units[2].change.unwrap().point, -0.1);
        assert!(!r.adjacent_baseline);
    }

    /// Forty units, a year-end dip of 12 % in both years for everyone, 3-day windows, 10
    /// working days before each, independent day noise with standard deviation `sd` (seeded);
    /// the first 25 units worked away, and the `planted` ones really fell by `drop` in the
    /// window.
    fn province(planted: &[usize], drop: f64, sd: f64) -> Vec<UnitDays> {
        use rand_distr::{Distribution, Normal};
        let mut rng = StdRng::seed_from_u64(7);
        let normal = Normal::new(0.0, sd).unwrap();
        let mut days = |n: usize, level: f64| -> Vec<f64> {
            (0..n)
                .map(|_| level * (1.0 + normal.sample(&mut rng)).max(0.05))
                .collect()
        };
        (0..40)
            .map(|u| {
                let level = 50.0 + 10.0 * (u % 7) as f64;
                let drop = if planted.contains(&u) {
                    1.0 - drop
                } else {
                    1.0
                };
                UnitDays {
                    unit: format!("U{u:02}"),
                    treated: u < 25,
                    window: days(3, level * 0.88 * drop),
                    baseline: days(3, level * 0.88 / 1.02),
                    before: days(10, level),
                    baseline_before: days(10, level / 1.02),
                }
            })
            .collect()
    }

    /// Three treated units fell by 35 % in a 3-day window with 6 % day noise: they are found,
    /// and no other unit is named. The placebo year shows nothing; the naive before/after calls
    /// the season a fall.
    #[test]
    fn the_estimator_finds_the_planted_units_and_only_them() {
        let planted = [3, 11, 20];
        let r = estimate(&province(&planted, 0.35, 0.06), &settings());
        let fell: Vec<&str> = r
            .units
            .iter()
            .filter(|u| u.outcome == Some(Outcome::Fell))
            .map(|u| u.unit.as_str())
            .collect();
        assert_eq!(fell, ["U03", "U11", "U20"], "{:#?}", r.units);
        for &u in &planted {
            let e = r.units[u].effect.unwrap().point;
            assert!((-0.45..-0.25).contains(&e), "{u}: {e}");
        }
        // Null: no move beyond the tolerance (an interval at 95 % misses 0 one time in 20).
        let placebo = r.placebo.unwrap();
        assert_eq!(placebo.outcome, Outcome::Held, "{placebo:?}");
        assert!(placebo.estimate.point.abs() < 0.05, "{placebo:?}");
        let naive = r.naive.unwrap();
        assert_eq!(naive.outcome, Outcome::Fell, "{naive:?}");
        assert!(naive.estimate.point < -0.10, "{naive:?}");
        // The province: 3 of 25 fell by 35 %, about −5 % in all (ln 0.65 × 3 / 25).
        let p = r.province.unwrap();
        assert!((-0.12..-0.01).contains(&p.estimate.point), "{p:?}");
        assert_eq!((p.treated, p.control), (25, 15));
    }

    /// A 25 % fall in three days of 6 % noise is at the edge of what the simultaneous intervals
    /// can name: never read as held, named as a fall or left open.
    #[test]
    fn a_smaller_fall_is_never_read_as_held() {
        let planted = [3, 11, 20];
        let r = estimate(&province(&planted, 0.25, 0.06), &settings());
        for (u, x) in r.units.iter().enumerate() {
            if planted.contains(&u) {
                assert!(
                    matches!(x.outcome, Some(Outcome::Fell | Outcome::Inconclusive)),
                    "{x:?}"
                );
            } else if x.treated {
                assert_ne!(x.outcome, Some(Outcome::Fell), "{x:?}");
            }
        }
    }

    #[test]
    fn three_noisy_days_cannot_say() {
        let r = estimate(&province(&[], 0.0, 0.30), &settings());
        let treated: Vec<&UnitResult> = r.units.iter().filter(|u| u.treated).collect();
        let inconclusive = treated
            .iter()
            .filter(|u| u.outcome == Some(Outcome::Inconclusive))
            .count();
        let outcomes: Vec<_> = treated.iter().map(|u| u.outcome).collect();
        assert!(inconclusive * 10 >= treated.len() * 8, "{outcomes:?}");
        let claims = treated
            .iter()
            .filter(|u| matches!(u.outcome, Some(Outcome::Fell | Outcome::Rose)))
            .count();
        assert!(claims <= 1, "claims from noise: {outcomes:?}");
    }

    #[test]
    fn without_last_year_the_days_before_stand_in_and_it_is_said() {
        let mut units = province(&[], 0.0, 0.06);
        for u in &mut units {
            u.baseline.clear();
        }
        let r = estimate(&units, &settings());
        assert!(r.adjacent_baseline);
        assert!(r.placebo.is_none());
        assert!(r.province.is_some());
    }

    #[test]
    fn the_bootstrap_is_the_same_for_the_same_seed() {
        let units = province(&[3], 0.25, 0.06);
        assert_eq!(estimate(&units, &settings()), estimate(&units, &settings()));
    }
}
