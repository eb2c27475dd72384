//! What changed between two rubrics, as facts with their old and new values, in two lists:
//! what was *edited* in the rubric file (a weight value, a curve, a target, a formula, an
//! indicator, dimension or gate added or removed, a verdict band) and what follows from those
//! edits without having been edited (*consequent*: another dimension's or indicator's share of
//! the total, renormalised because a neighbour's weight was edited). A consequent change is never
//! a reason for a verdict change; `attribution` credits only edits.
//!
//! Words nothing: `report::diff_words` says each change in a language.

use crate::assessment::{AppliedDimension, AppliedIndicator, Assessment};
use crate::rubric::{Curve, ValueFormat};
use serde::Serialize;

/// A number as the rubric shows it: its format and unit (for a target or a value).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    pub value: f64,
    pub format: ValueFormat,
    pub unit: Option<String>,
}

impl Quantity {
    /// A value in an indicator's own format and unit.
    pub fn of(value: f64, i: &AppliedIndicator) -> Self {
        Quantity {
            value,
            format: i.format,
            unit: i.unit.clone(),
        }
    }
}

/// One change between the old and the new rubric. Shares are fractions of the total weight
/// (0.5 = half); `label`s are the new rubric's (the old one's for what was removed).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum RubricChange {
    /// The rubric's content changed but its version did not (`id` is the rubric's id).
    RubricContent {
        id: String,
        version: String,
        old_sha256: String,
        new_sha256: String,
    },
    /// The dimension's weight was edited: `from_weight`/`to_weight` as in the rubric files,
    /// `from`/`to` its share of the total.
    DimensionWeight {
        id: String,
        label: String,
        from: f64,
        to: f64,
        from_weight: f64,
        to_weight: f64,
    },
    DimensionAdded {
        id: String,
        label: String,
        share: f64,
    },
    DimensionRemoved {
        id: String,
        label: String,
    },
    /// An indicator's weight (within its dimension) or its dimension was edited:
    /// `from_weight`/`to_weight` as in the rubric files, `from`/`to` its share of the total.
    IndicatorWeight {
        id: String,
        label: String,
        from: f64,
        to: f64,
        from_weight: f64,
        to_weight: f64,
    },
    IndicatorCurve {
        id: String,
        label: String,
        from: Curve,
        to: Curve,
    },
    IndicatorTarget {
        id: String,
        label: String,
        from: Option<Quantity>,
        to: Option<Quantity>,
    },
    /// The value formula (or what to do when it is missing) changed; `from`/`to` are formulas.
    IndicatorValue {
        id: String,
        label: String,
        from: String,
        to: String,
    },
    IndicatorAdded {
        id: String,
        label: String,
        share: f64,
    },
    IndicatorRemoved {
        id: String,
        label: String,
    },
    GateAdded {
        id: String,
        label: String,
        require: String,
        cap: String,
        cap_label: String,
    },
    GateRemoved {
        id: String,
        label: String,
    },
    GateChanged {
        id: String,
        label: String,
        from_require: String,
        from_cap: String,
        from_cap_label: String,
        to_require: String,
        to_cap: String,
        to_cap_label: String,
    },
    /// A verdict's minimum score moved (`from` is absent for a new verdict).
    VerdictBand {
        id: String,
        label: String,
        from: Option<f64>,
        to: f64,
    },
}

/// A share that moved only because something else was edited (renormalisation). `from`/`to` are
/// shares of the total; `caused_by` the indices in the edited list (`rubric_changes`) of the
/// edits it follows from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ConsequentChange {
    /// A dimension whose weight was not edited: its share moved with the others' edits.
    DimensionShare {
        id: String,
        label: String,
        from: f64,
        to: f64,
        caused_by: Vec<usize>,
    },
    /// An indicator whose weight was not edited: its share within its dimension moved because a
    /// sibling's weight was edited, added or removed.
    IndicatorShare {
        id: String,
        label: String,
        from: f64,
        to: f64,
        caused_by: Vec<usize>,
    },
}

const EPS: f64 = 1e-9;

/// The shares that moved without being edited, each with the edits it follows from.
pub fn consequent(
    old: &Assessment,
    new: &Assessment,
    edits: &[RubricChange],
) -> Vec<ConsequentChange> {
    let (oa, na) = (&old.rubric.applied, &new.rubric.applied);
    let mut out = Vec::new();
    let dimension_edits: Vec<usize> = edits
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            matches!(
                c,
                RubricChange::DimensionWeight { .. }
                    | RubricChange::DimensionAdded { .. }
                    | RubricChange::DimensionRemoved { .. }
            )
        })
        .map(|(k, _)| k)
        .collect();
    for d in &na.dimensions {
        let Some(o) = oa.dimensions.iter().find(|o| o.id == d.id) else {
            continue;
        };
        let (a, b) = (oa.dimension_share(&d.id), na.dimension_share(&d.id));
        if (o.weight - d.weight).abs() <= EPS && (a - b).abs() > EPS {
            out.push(ConsequentChange::DimensionShare {
                id: d.id.clone(),
                label: d.label.clone(),
                from: a,
                to: b,
                caused_by: dimension_edits.clone(),
            });
        }
    }
    // The dimensions an indicator edit touches (its old and new one).
    let touches = |c: &RubricChange, dim: &str| -> bool {
        let id = match c {
            RubricChange::IndicatorWeight { id, .. }
            | RubricChange::IndicatorAdded { id, .. }
            | RubricChange::IndicatorRemoved { id, .. } => id,
            _ => return false,
        };
        oa.indicators
            .iter()
            .chain(&na.indicators)
            .any(|i| &i.id == id && i.dimension == dim)
    };
    for n in &na.indicators {
        let Some(o) = oa.indicators.iter().find(|o| o.id == n.id) else {
            continue;
        };
        if (o.weight - n.weight).abs() > EPS || o.dimension != n.dimension {
            continue;
        }
        if (oa.within_share(&n.id) - na.within_share(&n.id)).abs() <= EPS {
            continue;
        }
        let mut caused_by: Vec<usize> = edits
            .iter()
            .enumerate()
            .filter(|(_, c)| touches(c, &n.dimension))
            .map(|(k, _)| k)
            .collect();
        if (oa.dimension_share(&n.dimension) - na.dimension_share(&n.dimension)).abs() > EPS {
            caused_by.extend(&dimension_edits);
            caused_by.sort();
        }
        out.push(ConsequentChange::IndicatorShare {
            id: n.id.clone(),
            label: n.label.clone(),
            from: oa.indicator_share(&n.id),
            to: na.indicator_share(&n.id),
            caused_by,
        });
    }
    out
}

/// What was edited in the rubric (not what follows from an edit: see `consequent`).
pub fn changes(old: &Assessment, new: &Assessment) -> Vec<RubricChange> {
    let mut out = Vec::new();
    if old.rubric.sha256 != new.rubric.sha256 && old.rubric.version == new.rubric.version {
        out.push(RubricChange::RubricContent {
            id: new.rubric.id.clone(),
            version: new.rubric.version.clone(),
            old_sha256: old.rubric.sha256.clone(),
            new_sha256: new.rubric.sha256.clone(),
        });
    }
    let (oa, na) = (&old.rubric.applied, &new.rubric.applied);
    let (od, nd) = (&oa.dimensions, &na.dimensions);
    let total = |ds: &[AppliedDimension]| ds.iter().map(|d| d.weight).sum::<f64>();
    let (ot, nt) = (total(od), total(nd));
    for d in nd {
        match od.iter().find(|o| o.id == d.id) {
            // Edited: the weight in the file changed (its share may or may not have moved).
            Some(o) if (o.weight - d.weight).abs() > EPS => {
                out.push(RubricChange::DimensionWeight {
                    id: d.id.clone(),
                    label: d.label.clone(),
                    from: o.weight / ot,
                    to: d.weight / nt,
                    from_weight: o.weight,
                    to_weight: d.weight,
                });
            }
            Some(_) => {}
            None => out.push(RubricChange::DimensionAdded {
                id: d.id.clone(),
                label: d.label.clone(),
                share: d.weight / nt,
            }),
        }
    }
    for o in od.iter().filter(|o| !nd.iter().any(|d| d.id == o.id)) {
        out.push(RubricChange::DimensionRemoved {
            id: o.id.clone(),
            label: o.label.clone(),
        });
    }
    let (oi, ni) = (&oa.indicators, &na.indicators);
    for n in ni {
        let (id, label) = (n.id.clone(), n.label.clone());
        let Some(o) = oi.iter().find(|o| o.id == n.id) else {
            out.push(RubricChange::IndicatorAdded {
                id,
                label,
                share: na.indicator_share(&n.id),
            });
            continue;
        };
        // Edited: its own weight or dimension changed in the file. A share that moved because a
        // sibling or a dimension was edited is a consequence (`consequent`), not listed here.
        if (o.weight - n.weight).abs() > EPS || o.dimension != n.dimension {
            out.push(RubricChange::IndicatorWeight {
                id: id.clone(),
                label: label.clone(),
                from: oa.indicator_share(&n.id),
                to: na.indicator_share(&n.id),
                from_weight: o.weight,
                to_weight: n.weight,
            });
        }
        if o.curve != n.curve {
            out.push(RubricChange::IndicatorCurve {
                id: id.clone(),
                label: label.clone(),
                from: o.curve.clone(),
                to: n.curve.clone(),
            });
        }
        if o.target != n.target {
            out.push(RubricChange::IndicatorTarget {
                id: id.clone(),
                label: label.clone(),
                from: o.target.map(|x| Quantity::of(x, o)),
                to: n.target.map(|x| Quantity::of(x, n)),
            });
        }
        if o.value != n.value || o.missing != n.missing {
            out.push(RubricChange::IndicatorValue {
                id,
                label,
                from: o.value.clone(),
                to: n.value.clone(),
            });
        }
    }
    for o in oi.iter().filter(|o| !ni.iter().any(|n| n.id == o.id)) {
        out.push(RubricChange::IndicatorRemoved {
            id: o.id.clone(),
            label: o.label.clone(),
        });
    }
    let (og, ng) = (&oa.gates, &na.gates);
    for g in ng {
        match og.iter().find(|o| o.id == g.id) {
            Some(o) if o != g => out.push(RubricChange::GateChanged {
                id: g.id.clone(),
                label: g.label.clone(),
                from_require: o.require.clone(),
                from_cap: o.cap.clone(),
                from_cap_label: super::verdict_label(old, new, &o.cap),
                to_require: g.require.clone(),
                to_cap: g.cap.clone(),
                to_cap_label: super::verdict_label(old, new, &g.cap),
            }),
            Some(_) => {}
            None => out.push(RubricChange::GateAdded {
                id: g.id.clone(),
                label: g.label.clone(),
                require: g.require.clone(),
                cap: g.cap.clone(),
                cap_label: super::verdict_label(old, new, &g.cap),
            }),
        }
    }
    for o in og.iter().filter(|o| !ng.iter().any(|g| g.id == o.id)) {
        out.push(RubricChange::GateRemoved {
            id: o.id.clone(),
            label: o.label.clone(),
        });
    }
    for v in &new.verdicts {
        let from = match old.verdicts.iter().find(|o| o.id == v.id) {
            Some(o) if (o.min_score - v.min_score).abs() > EPS => Some(o.min_score),
            Some(_) => continue,
            None => None,
        };
        out.push(RubricChange::VerdictBand {
            id: v.id.clone(),
            label: v.label.clone(),
            from,
            to: v.min_score,
        });
    }
    out
}
