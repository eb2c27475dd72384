//! Why a unit's verdict changed, as facts: gates that started or stopped failing or cap at
//! another verdict, verdict bands that moved, and the largest part of the score move in its
//! direction (a weight, a curve or a value, with old and new numbers).
//!
//! Words nothing: `report::diff_words` makes the one line ("Dinas X: Layak → Layak Terbatas
//! because …") in the report's language.

use super::{EPS, IndicatorChange, Quantity};
use crate::assessment::{Assessment, Unit};
use crate::rubric::ValueFormat;
use serde::Serialize;
use std::collections::BTreeSet;

/// Why a unit's verdict changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    /// The unit as the new run names it (its id when it has no name).
    pub unit: String,
    /// The explaining facts, in order; empty when no single change explains the move (small
    /// changes in several indicators).
    pub parts: Vec<ReasonPart>,
}

/// One fact in a `Reason`. Shares are fractions of the total weight; scores are 0–100.
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
    /// A verdict's minimum score moved (the score verdict changed).
    BandMoved {
        verdict: String,
        label: String,
        from: f64,
        to: f64,
    },
    /// A dimension's share of the total weight moved; `score` is the unit's dimension score.
    DimensionWeight {
        dimension: String,
        label: String,
        from: f64,
        to: f64,
        score: f64,
    },
    /// An indicator with a value was removed; `value` as the assessment shows it.
    IndicatorRemoved {
        indicator: String,
        label: String,
        value: String,
    },
    /// A new indicator with a value; `value` as the assessment shows it.
    IndicatorAdded {
        indicator: String,
        label: String,
        value: String,
    },
    /// An indicator's share of the total moved within its dimension.
    IndicatorWeight {
        indicator: String,
        label: String,
        from: f64,
        to: f64,
        value: String,
    },
    /// An indicator's effective weight for this unit changed (no rubric weight change explains it).
    EffectiveWeight {
        indicator: String,
        label: String,
        from: f64,
        to: f64,
    },
    /// An indicator's curve or target changed: its score on the old value, before and after.
    Scoring {
        indicator: String,
        label: String,
        from: f64,
        to: f64,
    },
    /// An indicator's value changed (absent: no data).
    Data {
        indicator: String,
        label: String,
        from: Option<Quantity>,
        to: Option<Quantity>,
    },
}

/// Which kind of part drove a move.
#[derive(Clone, Copy)]
enum Part {
    Weights,
    Scoring,
    Data,
}

pub(super) fn reason(
    old: &Assessment,
    new: &Assessment,
    o: &Unit,
    n: &Unit,
    changes: &[IndicatorChange],
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
    // Bands that moved.
    if o.score_verdict != n.score_verdict {
        for v in &new.verdicts {
            if let Some(ov) = old.verdicts.iter().find(|x| x.id == v.id) {
                if (ov.min_score - v.min_score).abs() > EPS {
                    why.push(ReasonPart::BandMoved {
                        verdict: v.id.clone(),
                        label: v.label.clone(),
                        from: ov.min_score,
                        to: v.min_score,
                    });
                }
            }
        }
        // The largest part of the move, in the direction of the move.
        let delta = n.score.unwrap_or(0.0) - o.score.unwrap_or(0.0);
        let mut best: Option<(&IndicatorChange, Part, f64)> = None;
        for c in changes {
            for (kind, x) in [
                (Part::Weights, c.parts.weights),
                (Part::Scoring, c.parts.scoring),
                (Part::Data, c.parts.data),
            ] {
                if x * delta > 0.0 && best.is_none_or(|(_, _, b)| x.abs() > b.abs()) {
                    best = Some((c, kind, x));
                }
            }
        }
        if let Some((c, kind, _)) = best {
            why.push(driver(old, new, n, c, kind));
        }
    }
    Reason {
        unit: n.name.clone().unwrap_or_else(|| n.id.clone()),
        parts: why,
    }
}

/// The rubric weight change that moved this unit most in the direction it moved: a dimension's or
/// an indicator's nominal share, weighed by how far its score is from the unit's old score
/// (raising the weight of what a unit does badly lowers its score).
fn weight_reason(old: &Assessment, new: &Assessment, n: &Unit) -> Option<ReasonPart> {
    let o = old.units.iter().find(|u| u.id == n.id)?;
    let (s_old, delta) = (o.score?, n.score.unwrap_or(0.0) - o.score?);
    let (oa, na) = (&old.rubric.applied, &new.rubric.applied);
    // (effect, fact) candidates.
    let mut best: Option<(f64, ReasonPart)> = None;
    let mut consider = |effect: f64, part: ReasonPart| {
        if effect * delta > 0.0 && best.as_ref().is_none_or(|(b, _)| effect.abs() > b.abs()) {
            best = Some((effect, part));
        }
    };
    let dims: BTreeSet<&str> = oa
        .dimensions
        .iter()
        .chain(&na.dimensions)
        .map(|d| d.id.as_str())
        .collect();
    for d in dims {
        let (a, b) = (oa.dimension_share(d), na.dimension_share(d));
        if (a - b).abs() <= EPS {
            continue;
        }
        let score = o
            .dimensions
            .iter()
            .chain(&n.dimensions)
            .find(|x| x.id == d)
            .and_then(|x| x.score)
            .unwrap_or(s_old);
        let label = new
            .dimensions
            .iter()
            .chain(&old.dimensions)
            .find(|x| x.id == d)
            .map(|x| x.label.clone())
            .unwrap_or_else(|| d.to_string());
        consider(
            (b - a) * (score - s_old),
            ReasonPart::DimensionWeight {
                dimension: d.to_string(),
                label,
                from: a,
                to: b,
                score,
            },
        );
    }
    let ids: BTreeSet<&str> = oa
        .indicators
        .iter()
        .chain(&na.indicators)
        .map(|i| i.id.as_str())
        .collect();
    for i in ids {
        let (a, b) = (oa.indicator_share(i), na.indicator_share(i));
        // Only changes within the dimension; a dimension's own change is counted above.
        if (oa.within_share(i) - na.within_share(i)).abs() <= EPS {
            continue;
        }
        let ind = o
            .indicators
            .iter()
            .chain(&n.indicators)
            .find(|x| x.id == i && x.score.is_some());
        let Some(ind) = ind else { continue };
        let score = ind.score.unwrap_or(0.0);
        let label = na
            .indicators
            .iter()
            .chain(&oa.indicators)
            .find(|x| x.id == i)
            .map(|x| x.label.clone())
            .unwrap_or_else(|| i.to_string());
        let (indicator, value) = (i.to_string(), ind.display.clone());
        let part = match (a > 0.0, b > 0.0) {
            (true, false) => ReasonPart::IndicatorRemoved {
                indicator,
                label,
                value,
            },
            (false, true) => ReasonPart::IndicatorAdded {
                indicator,
                label,
                value,
            },
            _ => ReasonPart::IndicatorWeight {
                indicator,
                label,
                from: a,
                to: b,
                value,
            },
        };
        consider((b - a) * (score - s_old), part);
    }
    best.map(|(_, p)| p)
}

/// The largest driver of a move, as a fact.
fn driver(
    old: &Assessment,
    new: &Assessment,
    n: &Unit,
    c: &IndicatorChange,
    kind: Part,
) -> ReasonPart {
    let (indicator, label) = (c.id.clone(), c.label.clone());
    match kind {
        Part::Weights => weight_reason(old, new, n).unwrap_or(ReasonPart::EffectiveWeight {
            indicator,
            label,
            from: c.old_weight,
            to: c.new_weight,
        }),
        Part::Scoring => {
            let before = c.old_score.unwrap_or(0.0);
            ReasonPart::Scoring {
                indicator,
                label,
                from: before,
                to: before + c.parts.scoring / c.new_weight.max(EPS),
            }
        }
        Part::Data => {
            // Shown in the new rubric's format and unit (a plain number without a definition).
            let def = new.rubric.applied.indicators.iter().find(|i| i.id == c.id);
            let quantity = |v: Option<f64>| {
                v.map(|x| match def {
                    Some(d) => Quantity::of(x, d),
                    None => Quantity {
                        value: x,
                        format: ValueFormat::Number,
                        unit: None,
                    },
                })
            };
            ReasonPart::Data {
                indicator,
                label,
                from: quantity(c.old_value),
                to: quantity(c.new_value),
            }
        }
    }
}
