//! Why a unit's verdict changed, as facts: gates that started or stopped failing or cap at
//! another verdict, verdict bands whose move put the unit's score in another band, and the edits
//! and changed values that moved the score in the direction of the change, largest first, each
//! with its points from `edits` (an exact attribution). A renormalised share is never a reason
//! (it is no player of the attribution), and neither is an edit that moved the score the other
//! way: those are listed apart as `offset_by`.
//!
//! Words nothing: `report::diff_words` makes the one line ("Dinas X: Layak → Layak Terbatas
//! because …") in the report's language.

use super::{Attribution, EPS, Quantity};
use crate::assessment::{Assessment, Unit};
use crate::rubric::ValueFormat;
use serde::Serialize;

/// Why a unit's verdict changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    /// The unit as the new run names it (its id when it has no name).
    pub unit: String,
    /// The explaining facts, in order; empty when no single change explains the move (small
    /// changes in several indicators).
    pub parts: Vec<ReasonPart>,
    /// Edits and values that moved the score against the change, largest first.
    pub offset_by: Vec<ReasonPart>,
}

/// One fact in a `Reason`. Scores and points are 0–100 score points.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ReasonPart {
    /// A gate the unit passed before now fails.
    GateFails { gate: String, label: String },
    /// A gate that failed before and still fails now caps at another verdict.
    GateCapMoved {
        gate: String,
        label: String,
        from_cap: String,
        from_cap_label: String,
        to_cap: String,
        to_cap_label: String,
    },
    /// A gate that failed before is now met.
    GateMet { gate: String, label: String },
    /// A verdict's minimum score moved across the unit's score.
    BandMoved {
        verdict: String,
        label: String,
        from: f64,
        to: f64,
    },
    /// An edited rubric item (`change`: its index in `rubric_changes`) moved the unit's score by
    /// `points`.
    Edit { change: usize, points: f64 },
    /// An indicator's value changed (absent: no data) and moved the score by `points`.
    Data {
        indicator: String,
        label: String,
        from: Option<Quantity>,
        to: Option<Quantity>,
        points: f64,
    },
}

/// Below this, a part moved nothing worth naming (score points).
const NEGLIGIBLE: f64 = 1e-6;

/// A verdict's rank, 0 the best (by the new run's order, then the old's).
fn rank(old: &Assessment, new: &Assessment, verdict: &str) -> Option<f64> {
    if let Some(k) = new.verdicts.iter().position(|v| v.id == verdict) {
        return Some(k as f64);
    }
    old.verdicts.iter().find(|v| v.id == verdict).map(|v| {
        new.verdicts
            .iter()
            .filter(|x| x.min_score > v.min_score)
            .count() as f64
            - 0.5
    })
}

pub(super) fn reason(
    old: &Assessment,
    new: &Assessment,
    o: &Unit,
    n: &Unit,
    attribution: Option<&Attribution>,
) -> Reason {
    let mut why: Vec<ReasonPart> = Vec::new();
    // Gates that started or stopped failing.
    for g in &n.gates_failed {
        if !o.gates_failed.iter().any(|x| x.id == g.id) {
            why.push(ReasonPart::GateFails {
                gate: g.id.clone(),
                label: g.label.clone(),
            });
        }
    }
    let verdict_label = |cap: &str| {
        new.verdicts
            .iter()
            .chain(&old.verdicts)
            .find(|v| v.id == cap)
            .map(|v| v.label.clone())
            .unwrap_or_else(|| cap.to_string())
    };
    for g in &n.gates_failed {
        if let Some(before) = o
            .gates_failed
            .iter()
            .find(|x| x.id == g.id && x.cap != g.cap)
        {
            why.push(ReasonPart::GateCapMoved {
                gate: g.id.clone(),
                label: g.label.clone(),
                from_cap: before.cap.clone(),
                from_cap_label: verdict_label(&before.cap),
                to_cap: g.cap.clone(),
                to_cap_label: verdict_label(&g.cap),
            });
        }
    }
    for g in &o.gates_failed {
        if !n.gates_failed.iter().any(|x| x.id == g.id) {
            why.push(ReasonPart::GateMet {
                gate: g.id.clone(),
                label: g.label.clone(),
            });
        }
    }
    let mut offset_by = Vec::new();
    if o.score_verdict != n.score_verdict {
        // +1: the score verdict got better, −1: worse.
        let up = match (
            rank(old, new, &o.score_verdict),
            rank(old, new, &n.score_verdict),
        ) {
            (Some(a), Some(b)) => b < a,
            _ => n.score > o.score,
        };
        let dir = if up { 1.0 } else { -1.0 };
        // Bands whose move alone puts the old or the new score on the other side.
        for v in &new.verdicts {
            let Some(ov) = old.verdicts.iter().find(|x| x.id == v.id) else {
                continue;
            };
            if (ov.min_score - v.min_score).abs() <= EPS {
                continue;
            }
            let crossed = [o.score, n.score].into_iter().flatten().any(|s| {
                let (before, after) = (s >= ov.min_score, s >= v.min_score);
                if up {
                    !before && after
                } else {
                    before && !after
                }
            });
            if crossed {
                why.push(ReasonPart::BandMoved {
                    verdict: v.id.clone(),
                    label: v.label.clone(),
                    from: ov.min_score,
                    to: v.min_score,
                });
            }
        }
        // Edits and values, by their points: with the change, or against it.
        if let Some(a) = attribution {
            let mut parts: Vec<(f64, ReasonPart)> = a
                .edits
                .iter()
                .map(|e| {
                    (
                        e.points,
                        ReasonPart::Edit {
                            change: e.change,
                            points: e.points,
                        },
                    )
                })
                .chain(
                    a.data
                        .iter()
                        .map(|d| (d.points, data(old, new, o, n, &d.indicator, d.points))),
                )
                .filter(|(x, _)| x.abs() > NEGLIGIBLE)
                .collect();
            parts.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()));
            for (x, p) in parts {
                if x * dir > 0.0 {
                    why.push(p);
                } else {
                    offset_by.push(p);
                }
            }
        }
    }
    Reason {
        unit: n.name.clone().unwrap_or_else(|| n.id.clone()),
        parts: why,
        offset_by,
    }
}

/// A value change, shown in the new rubric's format and unit (a plain number without one).
fn data(
    old: &Assessment,
    new: &Assessment,
    o: &Unit,
    n: &Unit,
    indicator: &str,
    points: f64,
) -> ReasonPart {
    let def = new
        .rubric
        .applied
        .indicators
        .iter()
        .chain(&old.rubric.applied.indicators)
        .find(|i| i.id == indicator);
    let quantity = |u: &Unit| {
        u.indicators
            .iter()
            .find(|i| i.id == indicator)
            .and_then(|i| i.value)
            .map(|x| match def {
                Some(d) => Quantity::of(x, d),
                None => Quantity {
                    value: x,
                    format: ValueFormat::Number,
                    unit: None,
                },
            })
    };
    ReasonPart::Data {
        indicator: indicator.to_string(),
        label: def
            .map(|d| d.label.clone())
            .unwrap_or_else(|| indicator.to_string()),
        from: quantity(o),
        to: quantity(n),
        points,
    }
}
