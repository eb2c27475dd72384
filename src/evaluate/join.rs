//! The evaluation joined with the readiness assessment: per unit its readiness verdict beside
//! its evaluation outcome (did the Layak units hold? did a Belum Layak unit go away anyway, and
//! how did it do?), counted per verdict, and which readiness indicators went with the outcome —
//! a rank correlation (Spearman) over the units that worked away between each indicator's score
//! and the kinerja outcome ordered fell < inconclusive < held < rose. With a few dozen units it
//! is a pointer for the next rubric, never proof; `n` is kept beside it.
//!
//! Compute only: no word is chosen here.

use super::estimate::Outcome;
use super::result::Evaluation;
use crate::assessment::Assessment;
use crate::rubric::Scope;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct Readiness {
    pub assessment: AssessmentRef,
    /// The scope the outcome is read from (kinerja when the rubric has it).
    pub scope: Scope,
    pub units: Vec<JoinedUnit>,
    /// One row per readiness verdict, best first.
    pub table: Vec<VerdictRow>,
    pub predictors: Vec<Predictor>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AssessmentRef {
    pub path: String,
    pub sha256: String,
    pub rubric_id: String,
    pub generated_at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct JoinedUnit {
    pub id: String,
    /// Readiness verdict id; `None` when the assessment has no such unit.
    pub verdict: Option<String>,
    pub verdict_label: Option<String>,
    /// Worked away (from the log); `None` when not evaluable.
    pub treated: Option<bool>,
    pub outcome: Option<Outcome>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VerdictRow {
    pub verdict: String,
    pub verdict_label: String,
    /// Units of this verdict that worked away, by outcome.
    pub fell: usize,
    pub inconclusive: usize,
    pub held: usize,
    pub rose: usize,
    /// Worked away, but no outcome (no data).
    pub no_outcome: usize,
    pub stayed: usize,
    pub not_evaluable: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Predictor {
    pub indicator: String,
    pub label: String,
    /// Units with both a score and an outcome.
    pub n: usize,
    /// Spearman's rank correlation; `None` when either side is constant or n < 4.
    pub rho: Option<f64>,
}

/// Join `e` with the readiness assessment `a` (read from `path`, whose bytes hash to `sha256`).
pub fn join(e: &Evaluation, a: &Assessment, path: &str, sha256: &str) -> Readiness {
    let scope = e
        .scopes
        .iter()
        .find(|s| s.scope == Scope::Kinerja)
        .or(e.scopes.first());
    let outcome_of = |u: &str| scope.and_then(|s| s.units.get(u).copied().flatten());
    let by_id: BTreeMap<&str, &crate::assessment::Unit> =
        a.units.iter().map(|u| (u.id.as_str(), u)).collect();
    let units: Vec<JoinedUnit> = e
        .units
        .iter()
        .map(|u| {
            let r = by_id.get(u.id.as_str());
            JoinedUnit {
                id: u.id.clone(),
                verdict: r.map(|r| r.verdict.clone()),
                verdict_label: r.map(|r| r.verdict_label.clone()),
                treated: u.treated,
                outcome: if u.treated == Some(true) {
                    outcome_of(&u.id)
                } else {
                    None
                },
            }
        })
        .collect();
    let table = a
        .verdicts
        .iter()
        .map(|v| {
            let mut row = VerdictRow {
                verdict: v.id.clone(),
                verdict_label: v.label.clone(),
                fell: 0,
                inconclusive: 0,
                held: 0,
                rose: 0,
                no_outcome: 0,
                stayed: 0,
                not_evaluable: 0,
            };
            for u in units.iter().filter(|u| u.verdict.as_deref() == Some(&v.id)) {
                match (u.treated, u.outcome) {
                    (None, _) => row.not_evaluable += 1,
                    (Some(false), _) => row.stayed += 1,
                    (Some(true), None) => row.no_outcome += 1,
                    (Some(true), Some(Outcome::Fell)) => row.fell += 1,
                    (Some(true), Some(Outcome::Inconclusive)) => row.inconclusive += 1,
                    (Some(true), Some(Outcome::Held)) => row.held += 1,
                    (Some(true), Some(Outcome::Rose)) => row.rose += 1,
                }
            }
            row
        })
        .collect();
    let rank = |o: Outcome| match o {
        Outcome::Fell => 0.0,
        Outcome::Inconclusive => 1.0,
        Outcome::Held => 2.0,
        Outcome::Rose => 3.0,
    };
    let predictors = a
        .rubric
        .applied
        .indicators
        .iter()
        .map(|ind| {
            let pairs: Vec<(f64, f64)> = units
                .iter()
                .filter_map(|u| {
                    let o = u.outcome?;
                    let score = by_id
                        .get(u.id.as_str())?
                        .indicators
                        .iter()
                        .find(|i| i.id == ind.id)?
                        .score?;
                    Some((score, rank(o)))
                })
                .collect();
            Predictor {
                indicator: ind.id.clone(),
                label: ind.label.clone(),
                n: pairs.len(),
                rho: spearman(&pairs),
            }
        })
        .collect();
    Readiness {
        assessment: AssessmentRef {
            path: path.into(),
            sha256: sha256.into(),
            rubric_id: a.rubric.id.clone(),
            generated_at: a.generated_at.clone(),
        },
        scope: scope.map(|s| s.scope).unwrap_or(Scope::Kinerja),
        units,
        table,
        predictors,
    }
}

/// Ranks with ties sharing their mean rank (1-based).
fn ranks(xs: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..xs.len()).collect();
    idx.sort_by(|a, b| xs[*a].total_cmp(&xs[*b]));
    let mut r = vec![0.0; xs.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && xs[idx[j + 1]] == xs[idx[i]] {
            j += 1;
        }
        let mean = (i + j) as f64 / 2.0 + 1.0;
        for k in &idx[i..=j] {
            r[*k] = mean;
        }
        i = j + 1;
    }
    r
}

/// Spearman's rho: Pearson's correlation of the ranks; `None` below 4 pairs or with a constant
/// side.
pub fn spearman(pairs: &[(f64, f64)]) -> Option<f64> {
    if pairs.len() < 4 {
        return None;
    }
    let a = ranks(&pairs.iter().map(|p| p.0).collect::<Vec<_>>());
    let b = ranks(&pairs.iter().map(|p| p.1).collect::<Vec<_>>());
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let cov: f64 = a.iter().zip(&b).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = a.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = b.iter().map(|y| (y - mb).powi(2)).sum();
    (va > 0.0 && vb > 0.0).then(|| cov / (va * vb).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spearman_by_hand() {
        // Monotone: 1; reversed: −1.
        let up = [(1.0, 10.0), (2.0, 20.0), (3.0, 25.0), (4.0, 40.0)];
        assert!((spearman(&up).unwrap() - 1.0).abs() < 1e-12);
        let down: Vec<(f64, f64)> = up.iter().map(|(a, b)| (*a, -b)).collect();
        assert!((spearman(&down).unwrap() + 1.0).abs() < 1e-12);
        // Ties share ranks: x 1,2,3,4 against y 0,0,1,1 → ranks 1.5,1.5,3.5,3.5; rho = 0.894…
        let tied = [(1.0, 0.0), (2.0, 0.0), (3.0, 1.0), (4.0, 1.0)];
        assert!((spearman(&tied).unwrap() - 0.894_427_191).abs() < 1e-9);
        assert_eq!(
            spearman(&[(1.0, 1.0), (2.0, 1.0), (3.0, 1.0), (4.0, 1.0)]),
            None
        );
        assert_eq!(spearman(&up[..3]), None);
    }
}
