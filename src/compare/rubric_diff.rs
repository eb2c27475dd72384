//! What changed between two rubrics, as facts with their old and new values: weights (as shares
//! of the total), curves and thresholds, indicators and gates added or removed, verdict bands.
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
    DimensionWeight {
        id: String,
        label: String,
        from: f64,
        to: f64,
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
    /// An indicator's share of the total moved within its dimension (or it changed dimension).
    IndicatorWeight {
        id: String,
        label: String,
        from: f64,
        to: f64,
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
        to_require: String,
        to_cap: String,
    },
    /// A verdict's minimum score moved (`from` is absent for a new verdict).
    VerdictBand {
        id: String,
        label: String,
        from: Option<f64>,
        to: f64,
    },
}

const EPS: f64 = 1e-9;

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
            Some(o) => {
                let (a, b) = (o.weight / ot, d.weight / nt);
                if (a - b).abs() > EPS {
                    out.push(RubricChange::DimensionWeight {
                        id: d.id.clone(),
                        label: d.label.clone(),
                        from: a,
                        to: b,
                    });
                }
            }
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
        // Report an indicator's weight only when its share *within* its dimension moved;
        // a dimension weight change is reported once, above.
        if (oa.within_share(&n.id) - na.within_share(&n.id)).abs() > EPS
            || o.dimension != n.dimension
        {
            out.push(RubricChange::IndicatorWeight {
                id: id.clone(),
                label: label.clone(),
                from: oa.indicator_share(&n.id),
                to: na.indicator_share(&n.id),
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
                to_require: g.require.clone(),
                to_cap: g.cap.clone(),
            }),
            Some(_) => {}
            None => out.push(RubricChange::GateAdded {
                id: g.id.clone(),
                label: g.label.clone(),
                require: g.require.clone(),
                cap: g.cap.clone(),
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
