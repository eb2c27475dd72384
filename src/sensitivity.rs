//! Sensitivity of verdicts (SMAA-style acceptability): perturb the rubric many times — weights by
//! a Dirichlet or a ±X % scheme, curve thresholds by ±δ of their range — re-score every unit from
//! the values computed once (no data is reloaded), and report per unit the share of runs giving
//! each verdict, whether the verdict is fragile, and the parameters its score follows most; for
//! the province, the distribution of the number of feasible units and of its answer.
//!
//! Gate limits move too: a gate whose condition is one comparison with a number
//! (`persen_skp_ekinerja >= 0.5`, `scoring::limits`) has its limit shifted by ±δ of its size and
//! is decided again from the compared side's value; any other gate keeps its result.
//!
//! Deterministic for a given seed. Reads `UnitValues` and the rubric; formats nothing.

use crate::rubric::{Curve, Rubric};
use crate::scoring::UnitValues;
use crate::scoring::limits::{Limit, limit};
use crate::scoring::unit::{decide, decide_with, scored, staffing};
use anyhow::Result;
use polars::prelude::*;
use rand::{Rng, SeedableRng, rngs::StdRng};
use rand_distr::{Distribution, Gamma};
use serde::Serialize;
use std::collections::BTreeMap;

/// Version of `sensitivity.json`.
/// 1.1: `province.staff_allowed_p05/p50/p95`.
pub const SENSITIVITY_SCHEMA_VERSION: &str = "1.1";

/// How weights are perturbed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "scheme")]
pub enum WeightScheme {
    /// Weights unchanged.
    None,
    /// Shares drawn from Dirichlet(concentration × base share), for the dimensions and, within
    /// each dimension, for its indicators. Higher concentration, smaller changes.
    Dirichlet { concentration: f64 },
    /// Each weight times a uniform factor in [1 − spread, 1 + spread].
    Uniform { spread: f64 },
}

#[derive(Debug, Clone, Serialize)]
pub struct Settings {
    pub runs: usize,
    pub seed: u64,
    pub weights: WeightScheme,
    /// Curve thresholds move by a uniform shift in ±this share of the curve's range.
    pub threshold_spread: f64,
    /// A verdict is fragile when its unit's modal verdict comes up in fewer runs than this share.
    pub stable_share: f64,
}

impl Settings {
    /// The check `assess` runs: `runs` rubrics, the `sensitivity` command's defaults (seed,
    /// Dirichlet weights of concentration 100, thresholds ±10 % of their range, fragile under
    /// 80 %).
    pub fn quick(runs: usize) -> Self {
        Settings {
            runs,
            seed: 20_251_223,
            weights: WeightScheme::Dirichlet {
                concentration: 100.0,
            },
            threshold_spread: 0.1,
            stable_share: 0.8,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Sensitivity {
    pub schema_version: &'static str,
    pub rubric_id: String,
    pub rubric_version: String,
    pub rubric_sha256: String,
    pub settings: Settings,
    /// Verdict ids, best first.
    pub verdicts: Vec<String>,
    pub units: Vec<UnitSensitivity>,
    pub province: ProvinceSensitivity,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitSensitivity {
    pub id: String,
    pub name: Option<String>,
    pub base_verdict: String,
    pub base_score: Option<f64>,
    /// Share of runs giving each verdict.
    pub shares: BTreeMap<String, f64>,
    pub modal_verdict: String,
    pub modal_share: f64,
    pub fragile: bool,
    /// 5th, 50th and 95th percentile of the score over the runs.
    pub score_p05: Option<f64>,
    pub score_p50: Option<f64>,
    pub score_p95: Option<f64>,
    /// Parameters the score follows most (Pearson correlation over the runs; for a gate limit,
    /// with the verdict, which the limit moves while the score stays), strongest first.
    pub sensitive_to: Vec<Driver>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Driver {
    /// `weight:<dimension>`, `weight:<indicator>` or `curve:<indicator>`.
    pub parameter: String,
    pub correlation: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProvinceSensitivity {
    /// Share of runs giving each province answer.
    pub verdict_shares: BTreeMap<String, f64>,
    /// Number of units not at the worst verdict ("feasible", in full or with limits): runs per count.
    pub feasible_units: BTreeMap<usize, usize>,
    pub feasible_min: usize,
    pub feasible_p05: usize,
    pub feasible_median: usize,
    pub feasible_p95: usize,
    pub feasible_max: usize,
    /// Staff allowed away at once over all units: 5th, 50th and 95th percentile over the runs.
    pub staff_allowed_p05: i64,
    pub staff_allowed_p50: i64,
    pub staff_allowed_p95: i64,
}

/// The perturbable parameters of a rubric, in a fixed order: weights, curves, then the gates
/// with a numeric limit (`limits`, as `gate_limits` gives them).
fn parameters(r: &Rubric, limits: &[Option<Limit>]) -> Vec<String> {
    let mut p: Vec<String> = r
        .dimensions
        .iter()
        .map(|d| format!("weight:{}", d.id))
        .collect();
    p.extend(r.indicators.iter().map(|i| format!("weight:{}", i.id)));
    p.extend(r.indicators.iter().map(|i| format!("curve:{}", i.id)));
    p.extend(
        r.gates
            .iter()
            .zip(limits)
            .filter(|(_, l)| l.is_some())
            .map(|(g, _)| format!("gate:{}", g.id)),
    );
    p
}

/// Every gate's numeric limit, if it has one.
fn gate_limits(r: &Rubric) -> Vec<Option<Limit>> {
    r.gates.iter().map(|g| limit(&g.require.parsed)).collect()
}

/// A gate limit moved by `delta`, a share of its size (of 1 for a limit of 0): 0.5 by ±10 %
/// is 0.45–0.55.
fn moved(value: f64, delta: f64) -> f64 {
    let scale = if value == 0.0 { 1.0 } else { value.abs() };
    value + delta * scale
}

fn dirichlet(rng: &mut StdRng, base: &[f64], concentration: f64) -> Vec<f64> {
    let total: f64 = base.iter().sum();
    if total <= 0.0 {
        return base.to_vec();
    }
    let draws: Vec<f64> = base
        .iter()
        .map(|w| {
            if *w <= 0.0 {
                0.0
            } else {
                Gamma::new(concentration * w / total, 1.0)
                    .map(|g| g.sample(rng))
                    .unwrap_or(w / total)
            }
        })
        .collect();
    let sum: f64 = draws.iter().sum();
    if sum > 0.0 {
        draws.iter().map(|d| d / sum * total).collect()
    } else {
        base.to_vec()
    }
}

/// Shift a curve by `delta` (a share of its range); log-normal curves scale by e^delta.
fn shift(c: &Curve, delta: f64) -> Curve {
    match c {
        Curve::Linear { zero, full } => {
            let d = delta * (full - zero).abs();
            Curve::Linear {
                zero: zero + d,
                full: full + d,
            }
        }
        Curve::Steps { thresholds, scores } => {
            let range = match (thresholds.first(), thresholds.last()) {
                (Some(a), Some(b)) if b > a => b - a,
                (Some(a), _) => a.abs().max(1.0),
                _ => 1.0,
            };
            Curve::Steps {
                thresholds: thresholds.iter().map(|t| t + delta * range).collect(),
                scores: scores.clone(),
            }
        }
        Curve::Boolean { .. } => c.clone(),
        Curve::LogNormal { median, good } => Curve::LogNormal {
            median: median * delta.exp(),
            good: good * delta.exp(),
        },
    }
}

/// One perturbed rubric, the moved gate limits (as `limits`) and the parameter values
/// (relative changes) that made them.
fn perturb(
    base: &Rubric,
    limits: &[Option<Limit>],
    s: &Settings,
    rng: &mut StdRng,
) -> (Rubric, Vec<Option<f64>>, Vec<f64>) {
    let mut r = base.clone();
    let mut x = Vec::with_capacity(base.dimensions.len() + 2 * base.indicators.len());
    let rel = |new: f64, old: f64| if old > 0.0 { new / old - 1.0 } else { 0.0 };
    match s.weights {
        WeightScheme::None => {}
        WeightScheme::Dirichlet { concentration } => {
            let dw = dirichlet(
                rng,
                &base.dimensions.iter().map(|d| d.weight).collect::<Vec<_>>(),
                concentration,
            );
            for (d, w) in r.dimensions.iter_mut().zip(dw) {
                d.weight = w;
            }
            for d in &base.dimensions {
                let idx: Vec<usize> = base
                    .indicators
                    .iter()
                    .enumerate()
                    .filter(|(_, i)| i.dimension == d.id)
                    .map(|(k, _)| k)
                    .collect();
                let iw = dirichlet(
                    rng,
                    &idx.iter()
                        .map(|k| base.indicators[*k].weight)
                        .collect::<Vec<_>>(),
                    concentration,
                );
                for (k, w) in idx.into_iter().zip(iw) {
                    r.indicators[k].weight = w;
                }
            }
        }
        WeightScheme::Uniform { spread } => {
            for d in &mut r.dimensions {
                d.weight *= rng.random_range(1.0 - spread..=1.0 + spread);
            }
            for i in &mut r.indicators {
                i.weight *= rng.random_range(1.0 - spread..=1.0 + spread);
            }
        }
    }
    let total: f64 = r.dimensions.iter().map(|d| d.weight).sum();
    for d in &mut r.dimensions {
        d.weight_share = if total > 0.0 { d.weight / total } else { 0.0 };
    }
    for (d, b) in r.dimensions.iter().zip(&base.dimensions) {
        x.push(rel(d.weight_share, b.weight_share));
    }
    for (i, b) in r.indicators.iter().zip(&base.indicators) {
        let within = |rb: &Rubric, id: &str, w: f64| {
            let sum: f64 = rb
                .indicators
                .iter()
                .filter(|j| j.dimension == id)
                .map(|j| j.weight)
                .sum();
            if sum > 0.0 { w / sum } else { 0.0 }
        };
        x.push(rel(
            within(&r, &i.dimension, i.weight),
            within(base, &b.dimension, b.weight),
        ));
    }
    for i in &mut r.indicators {
        let delta = if s.threshold_spread > 0.0 {
            rng.random_range(-s.threshold_spread..=s.threshold_spread)
        } else {
            0.0
        };
        i.curve = shift(&i.curve, delta);
        x.push(delta);
    }
    let moved_limits = limits
        .iter()
        .map(|l| {
            l.as_ref().map(|l| {
                let delta = if s.threshold_spread > 0.0 {
                    rng.random_range(-s.threshold_spread..=s.threshold_spread)
                } else {
                    0.0
                };
                x.push(delta);
                moved(l.value, delta)
            })
        })
        .collect();
    (r, moved_limits, x)
}

/// A unit's gates under the moved limits: a gate with a limit and a side value is decided
/// again, any other keeps its result.
fn gates_under(
    v: &UnitValues,
    limits: &[Option<Limit>],
    moved: &[Option<f64>],
    out: &mut Vec<Option<bool>>,
) {
    out.clear();
    out.extend(v.gates.iter().enumerate().map(|(g, ok)| {
        match (&limits[g], moved[g], v.gate_sides.get(g).copied().flatten()) {
            (Some(l), Some(m), Some(x)) => Some(l.passes(x, m)),
            _ => *ok,
        }
    }));
}

fn percentile<T: Copy + PartialOrd>(sorted: &[T], p: f64) -> Option<T> {
    if sorted.is_empty() {
        return None;
    }
    let k = ((sorted.len() - 1) as f64 * p).round() as usize;
    Some(sorted[k])
}

fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    if n < 2.0 {
        return 0.0;
    }
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    if sxx <= 1e-18 || syy <= 1e-18 {
        0.0
    } else {
        sxy / (sxx * syy).sqrt()
    }
}

/// Run the perturbations.
/// `units_expected`: the units that should answer (the roll), which the province rules may read.
pub fn run(
    r: &Rubric,
    values: &[UnitValues],
    units_expected: usize,
    s: &Settings,
) -> Result<Sensitivity> {
    let mut rng = StdRng::seed_from_u64(s.seed);
    let nv = r.verdicts.len();
    let worst = nv - 1;
    let limits = gate_limits(r);
    let params = parameters(r, &limits);
    let mut gates = Vec::with_capacity(r.gates.len());
    let mut verdict_counts = vec![vec![0usize; nv]; values.len()];
    let mut scores: Vec<Vec<f64>> = vec![Vec::with_capacity(s.runs); values.len()];
    // The verdict as a number (higher is better): what a gate limit moves, not the score.
    let mut ranks: Vec<Vec<f64>> = vec![Vec::with_capacity(s.runs); values.len()];
    let mut xs: Vec<Vec<f64>> = vec![Vec::with_capacity(s.runs); params.len()];
    let mut per_run_counts: Vec<Vec<usize>> = vec![Vec::with_capacity(s.runs); nv];
    let mut per_run_allowed: Vec<f64> = Vec::with_capacity(s.runs);
    for _ in 0..s.runs {
        let (pr, moved_limits, x) = perturb(r, &limits, s, &mut rng);
        for (k, v) in x.into_iter().enumerate() {
            xs[k].push(v);
        }
        let mut counts = vec![0usize; nv];
        let mut allowed = 0.0;
        for (u, v) in values.iter().enumerate() {
            let sc = scored(&pr, v);
            gates_under(v, &limits, &moved_limits, &mut gates);
            let d = decide_with(&pr, &gates, sc.total, sc.coverage);
            verdict_counts[u][d.verdict] += 1;
            counts[d.verdict] += 1;
            allowed += staffing(&pr, v, d.verdict).allowed as f64;
            scores[u].push(sc.total.unwrap_or(f64::NAN));
            ranks[u].push(-(d.verdict as f64));
        }
        per_run_allowed.push(allowed);
        for (k, c) in counts.into_iter().enumerate() {
            per_run_counts[k].push(c);
        }
    }

    let runs = s.runs.max(1) as f64;
    let mut units = Vec::new();
    for (u, v) in values.iter().enumerate() {
        let base = scored(r, v);
        let base_verdict = decide(r, v, base.total, base.coverage).verdict;
        let shares: BTreeMap<String, f64> = r
            .verdicts
            .iter()
            .zip(&verdict_counts[u])
            .map(|(vd, c)| (vd.id.clone(), *c as f64 / runs))
            .collect();
        let (modal, modal_count) = verdict_counts[u]
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))
            .map(|(k, c)| (k, *c))
            .unwrap_or((base_verdict, 0));
        let mut sorted: Vec<f64> = scores[u]
            .iter()
            .copied()
            .filter(|x| x.is_finite())
            .collect();
        sorted.sort_by(|a, b| a.total_cmp(b));
        let y = &scores[u];
        let mut drivers: Vec<Driver> = if y.iter().all(|x| x.is_finite()) {
            params
                .iter()
                .zip(&xs)
                .map(|(p, x)| Driver {
                    parameter: p.clone(),
                    correlation: crate::format::round(
                        pearson(x, if p.starts_with("gate:") { &ranks[u] } else { y }),
                        4,
                    ),
                })
                .filter(|d| d.correlation.abs() >= 0.1)
                .collect()
        } else {
            Vec::new()
        };
        drivers.sort_by(|a, b| {
            b.correlation
                .abs()
                .total_cmp(&a.correlation.abs())
                .then(a.parameter.cmp(&b.parameter))
        });
        drivers.truncate(3);
        let modal_share = modal_count as f64 / runs;
        let round = |x: Option<f64>| x.map(|x| crate::format::round(x, r.decimals));
        units.push(UnitSensitivity {
            id: v.id.clone(),
            name: v.name.clone(),
            base_verdict: r.verdicts[base_verdict].id.clone(),
            base_score: round(base.total),
            shares,
            modal_verdict: r.verdicts[modal].id.clone(),
            modal_share,
            fragile: modal_share < s.stable_share,
            score_p05: round(percentile(&sorted, 0.05)),
            score_p50: round(percentile(&sorted, 0.5)),
            score_p95: round(percentile(&sorted, 0.95)),
            sensitive_to: drivers,
        });
    }

    // The province, run by run: the rubric's rules over each run's verdict counts, vectorised.
    let n_units = values.len() as f64;
    let mut cols: Vec<Column> = vec![Column::new("units".into(), vec![n_units; s.runs])];
    for (k, vd) in r.verdicts.iter().enumerate() {
        let c: Vec<f64> = per_run_counts[k].iter().map(|c| *c as f64).collect();
        let share: Vec<f64> = c
            .iter()
            .map(|c| if n_units > 0.0 { c / n_units } else { 0.0 })
            .collect();
        cols.push(Column::new(format!("n_{}", vd.id).as_str().into(), c));
        cols.push(Column::new(
            format!("share_{}", vd.id).as_str().into(),
            share,
        ));
    }
    // Staff totals do not depend on the rubric's weights; the staff allowed at once do.
    let base_staff = |f: fn(&crate::scoring::unit::Staffing) -> Option<f64>| -> f64 {
        values.iter().filter_map(|v| f(&staffing(r, v, 0))).sum()
    };
    cols.push(Column::new(
        "staff_total".into(),
        vec![base_staff(|x| x.total); s.runs],
    ));
    cols.push(Column::new(
        "staff_eligible".into(),
        vec![base_staff(|x| x.eligible); s.runs],
    ));
    cols.push(Column::new("staff_allowed".into(), per_run_allowed.clone()));
    let expected = units_expected.max(values.len());
    for (k, x) in crate::scoring::province::coverage_fields(expected, values.len()) {
        cols.push(Column::new(k.as_str().into(), vec![x; s.runs]));
    }
    let df = DataFrame::new(s.runs, cols)?;
    let answer: Vec<usize> = crate::scoring::province::answers(r, &df)?
        .into_iter()
        .map(|rule| {
            rule.map(|i| r.province.rules[i].verdict)
                .unwrap_or(r.province.default)
        })
        .collect();
    let mut answers = vec![0usize; nv];
    for a in &answer {
        answers[*a] += 1;
    }
    let verdict_shares: BTreeMap<String, f64> = r
        .verdicts
        .iter()
        .zip(&answers)
        .map(|(v, c)| (v.id.clone(), *c as f64 / runs))
        .collect();
    let mut feasible: Vec<usize> = (0..s.runs)
        .map(|k| (0..worst).map(|v| per_run_counts[v][k]).sum())
        .collect();
    let mut histogram = BTreeMap::new();
    for f in &feasible {
        *histogram.entry(*f).or_insert(0) += 1;
    }
    feasible.sort_unstable();
    let mut allowed: Vec<i64> = per_run_allowed.iter().map(|x| x.round() as i64).collect();
    allowed.sort_unstable();
    Ok(Sensitivity {
        schema_version: SENSITIVITY_SCHEMA_VERSION,
        rubric_id: r.id.clone(),
        rubric_version: r.version.clone(),
        rubric_sha256: r.sha256.clone(),
        settings: s.clone(),
        verdicts: r.verdicts.iter().map(|v| v.id.clone()).collect(),
        units,
        province: ProvinceSensitivity {
            verdict_shares,
            feasible_units: histogram,
            feasible_min: feasible.first().copied().unwrap_or(0),
            feasible_p05: percentile(&feasible, 0.05).unwrap_or(0),
            feasible_median: percentile(&feasible, 0.5).unwrap_or(0),
            feasible_p95: percentile(&feasible, 0.95).unwrap_or(0),
            feasible_max: feasible.last().copied().unwrap_or(0),
            staff_allowed_p05: percentile(&allowed, 0.05).unwrap_or(0),
            staff_allowed_p50: percentile(&allowed, 0.5).unwrap_or(0),
            staff_allowed_p95: percentile(&allowed, 0.95).unwrap_or(0),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifting_moves_thresholds_by_a_share_of_the_range() {
        let c = shift(
            &Curve::Linear {
                zero: 0.2,
                full: 0.8,
            },
            0.1,
        );
        match c {
            Curve::Linear { zero, full } => {
                assert!((zero - 0.26).abs() < 1e-12 && (full - 0.86).abs() < 1e-12);
            }
            _ => unreachable!(),
        }
        let s = shift(
            &Curve::Steps {
                thresholds: vec![1.0, 2.0],
                scores: vec![0.0, 60.0, 100.0],
            },
            -0.5,
        );
        assert_eq!(
            s,
            Curve::Steps {
                thresholds: vec![0.5, 1.5],
                scores: vec![0.0, 60.0, 100.0]
            }
        );
    }

    #[test]
    fn dirichlet_keeps_the_total_and_zeros() {
        let mut rng = StdRng::seed_from_u64(1);
        let d = dirichlet(&mut rng, &[2.0, 1.0, 0.0, 1.0], 50.0);
        assert!((d.iter().sum::<f64>() - 4.0).abs() < 1e-9);
        assert_eq!(d[2], 0.0);
    }

    #[test]
    fn pearson_of_a_line_is_one() {
        assert!((pearson(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]) - 1.0).abs() < 1e-12);
        assert_eq!(pearson(&[1.0, 1.0], &[2.0, 3.0]), 0.0);
    }
}
