//! One unit's score, verdict, obstacles and WFA numbers, from its computed values.
//! Pure arithmetic on `UnitValues`: no polars, no I/O, no words (the obstacles and the WFA form
//! are facts that `crate::words` words); the property tests live here.

use super::curve;
pub use super::facts::Decider;
use super::facts::{
    Cause, DimensionScore, GateFailed, IndicatorScore, ObstacleFact, UnitScore, WfaFacts,
};
use super::frame::UnitValues;
use crate::assessment::{EligibleJob, IndicatorStatus};
use crate::format::round;
use crate::rubric::{Missing, Rubric};

/// Score one unit.
pub fn score_unit(r: &Rubric, v: &UnitValues) -> UnitScore {
    let dec = r.decimals;

    let Scores {
        scores,
        dims,
        used_weight,
        total,
        coverage,
    } = scored(r, v);

    // Effective weight of each indicator in this unit's total.
    let available: Vec<bool> = scores.iter().map(Option::is_some).collect();
    let eff = effective_weights(
        &r.dimensions
            .iter()
            .map(|d| (d.id.as_str(), d.weight))
            .collect::<Vec<_>>(),
        &r.indicators
            .iter()
            .map(|i| (i.dimension.as_str(), i.weight))
            .collect::<Vec<_>>(),
        &available,
    );

    let mut obstacles = Vec::new();
    let mut indicators = Vec::new();
    for (i, ind) in r.indicators.iter().enumerate() {
        let val = if v.suppressed[i] {
            None
        } else {
            v.indicators[i]
        };
        let target_score = ind.target.and_then(|t| curve::score(&ind.curve, t));
        let status = if v.suppressed[i] {
            IndicatorStatus::Suppressed
        } else if ind.weight == 0.0 {
            IndicatorStatus::Info
        } else if val.is_none() {
            if ind.missing == Missing::Zero {
                IndicatorStatus::MissingScoredZero
            } else {
                IndicatorStatus::Missing
            }
        } else if matches!((scores[i], target_score), (Some(s), Some(t)) if s < t - 1e-9) {
            IndicatorStatus::BelowTarget
        } else {
            IndicatorStatus::Ok
        };
        let below = status == IndicatorStatus::BelowTarget
            || (status == IndicatorStatus::MissingScoredZero && ind.weight > 0.0);
        if below {
            let (s, t) = (scores[i].unwrap_or(0.0), target_score.unwrap_or(100.0));
            obstacles.push(ObstacleFact {
                id: ind.id.clone(),
                cause: Cause::Indicator {
                    indicator: i,
                    value: val,
                    gap: v.gaps[i],
                    score: s,
                },
                score_cost: round(eff[i] * (t - s), dec),
                staff_affected: v.affects[i].or(v.staff_total).map(|x| x.round() as i64),
                rank: 0,
            });
        }
        indicators.push(IndicatorScore {
            value: val,
            score: scores[i]
                .filter(|_| !v.suppressed[i])
                .map(|s| round(s, dec)),
            effective_weight: round(eff[i], dec),
            status,
        });
    }

    // Verdict from the score, then capped by gates and by coverage.
    let decision = decide(r, v, total, coverage);
    let mut gates_failed = Vec::new();
    for &gi in &decision.failed_gates {
        let g = &r.gates[gi];
        let missing_data = v.gates[gi].is_none();
        gates_failed.push(GateFailed {
            gate: gi,
            missing_data,
        });
        obstacles.push(ObstacleFact {
            id: g.id.clone(),
            cause: Cause::Gate {
                gate: gi,
                missing_data,
            },
            score_cost: 0.0,
            staff_affected: v.gate_affects[gi]
                .or(v.staff_total)
                .map(|x| x.round() as i64),
            rank: 0,
        });
    }
    if coverage + 1e-9 < r.min_coverage {
        obstacles.push(ObstacleFact {
            id: "coverage".into(),
            cause: Cause::Coverage { coverage },
            score_cost: 0.0,
            staff_affected: v.staff_total.map(|x| x.round() as i64),
            rank: 0,
        });
    }
    rank(&mut obstacles, r, decision.verdict);

    UnitScore {
        id: v.id.clone(),
        name: v.name.clone(),
        score: total.map(|t| round(t, dec)),
        coverage: round(coverage, dec),
        verdict: decision.verdict,
        score_band: decision.band,
        decided_by: decision.by,
        dimensions: r
            .dimensions
            .iter()
            .zip(dims)
            .map(|(d, (s, _))| DimensionScore {
                score: s.map(|s| round(s, dec)),
                weight: if s.is_some() && used_weight > 0.0 {
                    round(d.weight / used_weight, dec)
                } else {
                    0.0
                },
            })
            .collect(),
        indicators,
        gates_failed,
        obstacles,
        wfa: wfa_facts(r, v, decision.verdict),
        overrides: Vec::new(),
    }
}

/// A unit's indicator, dimension and total scores: the arithmetic core, without any text.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    /// Indicator scores; `None` when excluded (missing or suppressed).
    pub scores: Vec<Option<f64>>,
    /// Per dimension: (score, sum of the weights of its scored indicators).
    pub dims: Vec<(Option<f64>, f64)>,
    /// Sum of the weights of the dimensions with a score.
    pub used_weight: f64,
    pub total: Option<f64>,
    /// Share of the nominal weight that had data.
    pub coverage: f64,
}

/// Score a unit's indicators, dimensions and total.
pub fn scored(r: &Rubric, v: &UnitValues) -> Scores {
    let scores: Vec<Option<f64>> = r
        .indicators
        .iter()
        .zip(&v.indicators)
        .zip(&v.suppressed)
        .map(|((ind, val), sup)| {
            // A suppressed figure is never scored, not even as zero: privacy is not a penalty.
            if *sup {
                return None;
            }
            match val.and_then(|x| curve::score(&ind.curve, x)) {
                Some(s) => Some(s),
                None if ind.missing == Missing::Zero => Some(0.0),
                None => None,
            }
        })
        .collect();
    let dims: Vec<(Option<f64>, f64)> = r
        .dimensions
        .iter()
        .map(|d| {
            let (mut num, mut den) = (0.0, 0.0);
            for (ind, s) in r.indicators.iter().zip(&scores) {
                if let (true, Some(s)) = (ind.dimension == d.id && ind.weight > 0.0, s) {
                    num += ind.weight * s;
                    den += ind.weight;
                }
            }
            (if den > 0.0 { Some(num / den) } else { None }, den)
        })
        .collect();
    let used_weight: f64 = r
        .dimensions
        .iter()
        .zip(&dims)
        .filter(|(d, (s, _))| s.is_some() && d.weight > 0.0)
        .map(|(d, _)| d.weight)
        .sum();
    let total = (used_weight > 0.0).then(|| {
        r.dimensions
            .iter()
            .zip(&dims)
            .filter_map(|(d, (s, _))| s.map(|s| d.weight * s))
            .sum::<f64>()
            / used_weight
    });
    let nominal: f64 = r.dimensions.iter().map(|d| d.weight).sum();
    let coverage: f64 = r
        .dimensions
        .iter()
        .map(|d| {
            let all: f64 = r
                .indicators
                .iter()
                .filter(|i| i.dimension == d.id)
                .map(|i| i.weight)
                .sum();
            let have: f64 = r
                .indicators
                .iter()
                .zip(&scores)
                .filter(|(i, s)| i.dimension == d.id && s.is_some())
                .map(|(i, _)| i.weight)
                .sum();
            if all > 0.0 && nominal > 0.0 {
                d.weight / nominal * have / all
            } else {
                0.0
            }
        })
        .sum();
    Scores {
        scores,
        dims,
        used_weight,
        total,
        coverage,
    }
}

/// A verdict: the band the score earns, then capped by failed gates and by coverage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub band: usize,
    pub verdict: usize,
    pub by: Decider,
    pub failed_gates: Vec<usize>,
}

pub fn decide(r: &Rubric, v: &UnitValues, total: Option<f64>, coverage: f64) -> Decision {
    decide_with(r, &v.gates, total, coverage)
}

/// `decide` with the gates' results given (the robustness check moves gate limits).
pub fn decide_with(
    r: &Rubric,
    gates: &[Option<bool>],
    total: Option<f64>,
    coverage: f64,
) -> Decision {
    let worst = r.verdicts.len() - 1;
    let band = total
        .map(|t| r.band_for(round(t, r.decimals)))
        .unwrap_or(worst);
    let (mut verdict, mut by) = (band, Decider::Score);
    let mut failed_gates = Vec::new();
    for (gi, g) in r.gates.iter().enumerate() {
        let failed = match gates[gi] {
            Some(ok) => !ok,
            None => g.fail_if_missing,
        };
        if failed {
            failed_gates.push(gi);
            if g.cap > verdict {
                verdict = g.cap;
                by = Decider::Gate(gi);
            }
        }
    }
    if coverage + 1e-9 < r.min_coverage && worst > verdict {
        verdict = worst;
        by = Decider::Coverage;
    }
    Decision {
        band,
        verdict,
        by,
        failed_gates,
    }
}

/// The share of a unit's total score each indicator carries: its dimension's weight among the
/// dimensions that have a score, times its weight among the dimension's indicators with a score.
/// `dims` are (id, weight); `inds` are (dimension id, weight); `available` says which have a score.
pub fn effective_weights(
    dims: &[(&str, f64)],
    inds: &[(&str, f64)],
    available: &[bool],
) -> Vec<f64> {
    let den = |d: &str| -> f64 {
        inds.iter()
            .zip(available)
            .filter(|((dim, w), ok)| *dim == d && *w > 0.0 && **ok)
            .map(|((_, w), _)| w)
            .sum()
    };
    let used: f64 = dims
        .iter()
        .filter(|(d, w)| *w > 0.0 && den(d) > 0.0)
        .map(|(_, w)| w)
        .sum();
    inds.iter()
        .zip(available)
        .map(|((dim, w), ok)| {
            let dw = dims
                .iter()
                .find(|(d, _)| d == dim)
                .map(|(_, w)| *w)
                .unwrap_or(0.0);
            let dd = den(dim);
            if *ok && *w > 0.0 && dd > 0.0 && used > 0.0 {
                (dw / used) * (w / dd)
            } else {
                0.0
            }
        })
        .collect()
}

/// What stands between the unit and the next verdict first: the gates that hold it where it is
/// (a cap at or below its verdict) and a coverage shortfall; then indicators by score cost; last
/// the gates that would only bind higher up (a gate capping at Layak Terbatas does not hold a
/// unit whose score is Belum Layak). Ties by staff, then id.
fn rank(obstacles: &mut [ObstacleFact], r: &Rubric, verdict: usize) {
    let group = |o: &ObstacleFact| match o.cause {
        Cause::Gate { gate, .. } if r.gates[gate].cap < verdict => 2,
        Cause::Gate { .. } | Cause::Coverage { .. } => 0,
        Cause::Indicator { .. } => 1,
    };
    obstacles.sort_by(|a, b| {
        group(a)
            .cmp(&group(b))
            .then(a.cause.about().kind().cmp(&b.cause.about().kind()))
            .then(b.score_cost.total_cmp(&a.score_cost))
            .then(
                b.staff_affected
                    .unwrap_or(0)
                    .cmp(&a.staff_affected.unwrap_or(0)),
            )
            .then(a.id.cmp(&b.id))
    });
    for (i, o) in obstacles.iter_mut().enumerate() {
        o.rank = i + 1;
    }
}

/// How many may take WFA at once: the smallest of the eligible staff, the verdict's share of
/// all staff, and all staff less the minimum kept on site.
/// Staff numbers of the WFA form (whole people), for a unit at a verdict.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Staffing {
    pub total: Option<f64>,
    pub eligible: Option<f64>,
    pub onsite: Option<f64>,
    pub share: f64,
    pub allowed: i64,
}

/// min(eligible, ⌊share × total⌋, total − minimum on site), never below 0.
pub fn staffing(r: &Rubric, v: &UnitValues, verdict: usize) -> Staffing {
    let total = v.staff_total.map(|t| t.round().max(0.0));
    let eligible = v
        .staff_eligible
        .map(|e| e.floor().clamp(0.0, total.unwrap_or(f64::MAX)));
    let onsite = v
        .min_on_site
        .map(|m| m.ceil().clamp(0.0, total.unwrap_or(f64::MAX)));
    let share = r
        .wfa
        .as_ref()
        .map(|w| w.max_share_away[verdict])
        .unwrap_or(0.0);
    let allowed = match (total, eligible) {
        (Some(t), Some(e)) => {
            let by_share = (share * t + 1e-9).floor();
            let by_site = t - onsite.unwrap_or(0.0);
            e.min(by_share).min(by_site).max(0.0) as i64
        }
        _ => 0,
    };
    Staffing {
        total,
        eligible,
        onsite,
        share,
        allowed,
    }
}

/// The WFA form's numbers at a verdict; zeros when the rubric has no `[wfa]`.
pub fn wfa_facts(r: &Rubric, v: &UnitValues, verdict: usize) -> WfaFacts {
    if r.wfa.is_none() {
        return WfaFacts {
            staff_total: None,
            staff_eligible: None,
            min_on_site: None,
            max_share_away: 0.0,
            staff_allowed_at_once: 0,
            eligible_jobs: vec![],
            jobs_hidden: 0,
            staff_eligible_hidden: None,
            staff_allowed_hidden: None,
        };
    }
    let Staffing {
        total,
        eligible,
        onsite,
        share,
        allowed,
    } = staffing(r, v, verdict);
    let (eligible_jobs, jobs_hidden, staff_eligible_hidden) =
        shown_jobs(&v.eligible_jobs, r.min_group_size);
    WfaFacts {
        staff_total: total.map(|x| x as i64),
        staff_eligible: eligible.map(|x| x as i64),
        min_on_site: onsite.map(|x| x as i64),
        max_share_away: share,
        staff_allowed_at_once: allowed,
        eligible_jobs,
        jobs_hidden,
        staff_eligible_hidden,
        // Hidden with the eligible total, always (see `WfaFacts::staff_allowed_hidden`).
        staff_allowed_hidden: staff_eligible_hidden,
    }
}

/// The job breakdown as it may be shown, how many jobs are not listed at all, and whether the
/// unit's eligible total must be hidden with it.
fn shown_jobs(
    jobs: &[EligibleJob],
    min: usize,
) -> (
    Vec<EligibleJob>,
    usize,
    Option<crate::assessment::Suppression>,
) {
    use crate::assessment::Suppression;
    let cells: Vec<Option<i64>> = jobs.iter().map(|j| j.holders).collect();
    let people: i64 = cells.iter().flatten().sum();
    if people > 0 && (people as usize) < min {
        // The whole group is small: one job may be one person, so no name is listed.
        return (Vec::new(), jobs.len(), Some(Suppression::SmallGroup));
    }
    let marks = crate::privacy::suppress(&cells, min);
    let total =
        (!crate::privacy::is_safe(&cells, &marks, min)).then_some(Suppression::Complementary);
    (suppress_jobs(jobs, &marks), 0, total)
}

/// The job breakdown with small holder counts (and their complements) hidden; the shown jobs
/// keep their order, the hidden ones follow by name so their order reveals nothing.
fn suppress_jobs(
    jobs: &[EligibleJob],
    marks: &[Option<crate::assessment::Suppression>],
) -> Vec<EligibleJob> {
    let (mut shown, mut hidden): (Vec<EligibleJob>, Vec<EligibleJob>) = jobs
        .iter()
        .zip(marks.iter().copied())
        .map(|(j, m)| EligibleJob {
            name: j.name.clone(),
            holders: if m.is_some() { None } else { j.holders },
            suppressed: m,
        })
        .partition(|j| j.suppressed.is_none());
    hidden.sort_by(|a, b| a.name.cmp(&b.name));
    shown.append(&mut hidden);
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn tiny() -> Rubric {
        crate::rubric::load_str(
            include_str!("../../tests/fixtures/tiny/tiny.toml"),
            "tiny.toml",
        )
        .unwrap()
    }

    fn values(r: &Rubric, ind: Vec<Option<f64>>) -> UnitValues {
        let n = r.indicators.len();
        UnitValues {
            id: "X".into(),
            name: None,
            indicators: ind,
            suppressed: vec![false; n],
            affects: vec![None; n],
            gaps: vec![None; n],
            gates: vec![Some(true); r.gates.len()],
            gate_affects: vec![None; r.gates.len()],
            gate_sides: vec![None; r.gates.len()],
            staff_total: Some(100.0),
            staff_eligible: Some(50.0),
            min_on_site: None,
            eligible_jobs: vec![],
        }
    }

    fn any_values() -> impl Strategy<Value = Vec<Option<f64>>> {
        proptest::collection::vec(proptest::option::weighted(0.8, 0.0f64..150.0), 6)
    }

    proptest! {
        /// Every curve of the tiny rubric rises with its value: improving one never lowers the score.
        #[test]
        fn a_better_value_never_lowers_the_score(v in any_values(), i in 0usize..6, delta in 0.0f64..50.0) {
            let r = tiny();
            let before = score_unit(&r, &values(&r, v.clone()));
            let mut better = v.clone();
            better[i] = better[i].map(|x| x + delta);
            let after = score_unit(&r, &values(&r, better));
            if let (Some(b), Some(a)) = (before.score, after.score) {
                prop_assert!(a >= b - 1e-9, "{b} → {a}");
            }
        }

        /// The weights a unit's score actually uses add up to 1 whenever it has a score.
        #[test]
        fn effective_weights_normalise(v in any_values()) {
            let r = tiny();
            let u = score_unit(&r, &values(&r, v));
            let dims: f64 = u.dimensions.iter().map(|d| d.weight).sum();
            let inds: f64 = u.indicators.iter().map(|i| i.effective_weight).sum();
            if u.score.is_some() {
                prop_assert!((dims - 1.0).abs() < 1e-3 && (inds - 1.0).abs() < 1e-3, "{dims} {inds}");
            } else {
                prop_assert_eq!(dims, 0.0);
            }
        }
    }

    /// Issue 13: "Kendala utama" of a unit whose score is Belum Layak was the front-line gate,
    /// which caps at Layak Terbatas and so holds nothing back: what stands between the unit and
    /// the next verdict (its indicators) comes first, the gate that binds only higher up last.
    #[test]
    fn a_gate_that_does_not_hold_the_unit_back_is_not_its_main_obstacle() {
        let r = tiny();
        let front = r.gates.iter().position(|g| g.id == "front_line").unwrap();
        let skp = r.gates.iter().position(|g| g.id == "skp_gate").unwrap();
        let mut v = values(&r, vec![Some(0.0); 6]);
        v.gates[front] = Some(false);
        let u = score_unit(&r, &v);
        assert_eq!(u.verdict, 2, "{u:?}");
        let first = &u.obstacles[0];
        assert!(matches!(first.cause, Cause::Indicator { .. }), "{first:?}");
        let last = u.obstacles.last().unwrap();
        assert_eq!(
            last.cause,
            Cause::Gate {
                gate: front,
                missing_data: false
            }
        );
        // A gate that does hold it (SKP caps at Belum Layak) leads.
        v.gates[skp] = Some(false);
        let u = score_unit(&r, &v);
        assert_eq!(
            u.obstacles[0].cause,
            Cause::Gate {
                gate: skp,
                missing_data: false
            }
        );
        assert_eq!(
            u.obstacles.last().unwrap().cause,
            Cause::Gate {
                gate: front,
                missing_data: false
            }
        );
    }

    #[test]
    fn rubric_weight_shares_sum_to_one() {
        let r = tiny();
        let total: f64 = r.dimensions.iter().map(|d| d.weight_share).sum();
        assert!((total - 1.0).abs() < 1e-12);
        assert_eq!(r.dimensions[0].weight_share, 0.5);
    }
}
