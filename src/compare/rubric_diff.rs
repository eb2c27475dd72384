//! What changed between two rubrics, in words: weights (as shares of the total), curves and
//! thresholds, indicators and gates added or removed, verdict bands.

use crate::assessment::{AppliedIndicator, Assessment};
use crate::format;
use crate::rubric::{Lang, ValueFormat};
use crate::words::curve::describe;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RubricChange {
    /// `rubric-content`, `dimension-weight`, `dimension-added`, `dimension-removed`, `indicator-weight`,
    /// `indicator-curve`, `indicator-target`, `indicator-value`, `indicator-added`,
    /// `indicator-removed`, `gate-added`, `gate-removed`, `gate-changed`, `verdict-band`.
    pub kind: &'static str,
    pub id: String,
    pub message: String,
}

const EPS: f64 = 1e-9;

fn pct(x: f64, lang: Lang) -> String {
    format::value(x, ValueFormat::Percent, None, lang)
}

/// A dimension's nominal share of the total weight (0 when absent).
pub(crate) fn dimension_share(a: &Assessment, dimension: &str) -> f64 {
    a.rubric.applied.dimension_share(dimension)
}

/// An indicator's share of its dimension's weight (0 when absent).
pub(crate) fn within_share(a: &Assessment, indicator: &str) -> f64 {
    a.rubric.applied.within_share(indicator)
}

/// An indicator's nominal share of the total score (all data present).
pub(crate) fn indicator_share(a: &Assessment, indicator: &str) -> f64 {
    a.rubric.applied.indicator_share(indicator)
}

pub fn changes(old: &Assessment, new: &Assessment, lang: Lang) -> Vec<RubricChange> {
    let id = lang == Lang::Id;
    let mut out = Vec::new();
    if old.rubric.sha256 != new.rubric.sha256 && old.rubric.version == new.rubric.version {
        let (a, b) = (
            &old.rubric.sha256[..12.min(old.rubric.sha256.len())],
            &new.rubric.sha256[..12.min(new.rubric.sha256.len())],
        );
        out.push(RubricChange {
            kind: "rubric-content",
            id: new.rubric.id.clone(),
            message: if id {
                format!(
                    "Isi rubrik berubah tanpa kenaikan versi {} (SHA-256 {a}… → {b}…)",
                    new.rubric.version
                )
            } else {
                format!(
                    "The rubric's content changed without a new version {} (SHA-256 {a}… → {b}…)",
                    new.rubric.version
                )
            },
        });
    }
    let mut push = |kind, key: &str, message: String| {
        out.push(RubricChange {
            kind,
            id: key.to_string(),
            message,
        })
    };
    let (od, nd) = (
        &old.rubric.applied.dimensions,
        &new.rubric.applied.dimensions,
    );
    let total =
        |ds: &[crate::assessment::AppliedDimension]| ds.iter().map(|d| d.weight).sum::<f64>();
    let (ot, nt) = (total(od), total(nd));
    for d in nd {
        match od.iter().find(|o| o.id == d.id) {
            Some(o) => {
                let (a, b) = (o.weight / ot, d.weight / nt);
                if (a - b).abs() > EPS {
                    push(
                        "dimension-weight",
                        &d.id,
                        if id {
                            format!(
                                "Bobot dimensi {}: {} → {}",
                                d.label,
                                pct(a, lang),
                                pct(b, lang)
                            )
                        } else {
                            format!(
                                "Weight of dimension {}: {} → {}",
                                d.label,
                                pct(a, lang),
                                pct(b, lang)
                            )
                        },
                    );
                }
            }
            None => push(
                "dimension-added",
                &d.id,
                if id {
                    format!("Dimensi baru {} ({})", d.label, pct(d.weight / nt, lang))
                } else {
                    format!("New dimension {} ({})", d.label, pct(d.weight / nt, lang))
                },
            ),
        }
    }
    for o in od {
        if !nd.iter().any(|d| d.id == o.id) {
            push(
                "dimension-removed",
                &o.id,
                if id {
                    format!("Dimensi {} dihapus", o.label)
                } else {
                    format!("Dimension {} removed", o.label)
                },
            );
        }
    }
    let (oi, ni) = (
        &old.rubric.applied.indicators,
        &new.rubric.applied.indicators,
    );
    for n in ni {
        let Some(o) = oi.iter().find(|o| o.id == n.id) else {
            push(
                "indicator-added",
                &n.id,
                if id {
                    format!(
                        "Indikator baru {} (bobot {})",
                        n.label,
                        pct(indicator_share(new, &n.id), lang)
                    )
                } else {
                    format!(
                        "New indicator {} (weight {})",
                        n.label,
                        pct(indicator_share(new, &n.id), lang)
                    )
                },
            );
            continue;
        };
        // Report an indicator's weight only when its share *within* its dimension moved;
        // a dimension weight change is reported once, above.
        let (a, b) = (indicator_share(old, &n.id), indicator_share(new, &n.id));
        if (within_share(old, &n.id) - within_share(new, &n.id)).abs() > EPS
            || o.dimension != n.dimension
        {
            push(
                "indicator-weight",
                &n.id,
                if id {
                    format!(
                        "Bobot indikator {}: {} → {} dari total",
                        n.label,
                        pct(a, lang),
                        pct(b, lang)
                    )
                } else {
                    format!(
                        "Weight of indicator {}: {} → {} of the total",
                        n.label,
                        pct(a, lang),
                        pct(b, lang)
                    )
                },
            );
        }
        if o.curve != n.curve {
            push(
                "indicator-curve",
                &n.id,
                if id {
                    format!(
                        "Penilaian {}: {} → {}",
                        n.label,
                        describe(&o.curve, lang),
                        describe(&n.curve, lang)
                    )
                } else {
                    format!(
                        "Scoring of {}: {} → {}",
                        n.label,
                        describe(&o.curve, lang),
                        describe(&n.curve, lang)
                    )
                },
            );
        }
        if o.target != n.target {
            let t = |i: &AppliedIndicator| {
                i.target
                    .map(|x| format::value(x, i.format, i.unit.as_deref(), lang))
                    .unwrap_or_else(|| "-".into())
            };
            push(
                "indicator-target",
                &n.id,
                if id {
                    format!("Target {}: {} → {}", n.label, t(o), t(n))
                } else {
                    format!("Target of {}: {} → {}", n.label, t(o), t(n))
                },
            );
        }
        if o.value != n.value || o.missing != n.missing {
            push(
                "indicator-value",
                &n.id,
                if id {
                    format!("Rumus {}: `{}` → `{}`", n.label, o.value, n.value)
                } else {
                    format!("Formula of {}: `{}` → `{}`", n.label, o.value, n.value)
                },
            );
        }
    }
    for o in oi {
        if !ni.iter().any(|n| n.id == o.id) {
            push(
                "indicator-removed",
                &o.id,
                if id {
                    format!("Indikator {} dihapus", o.label)
                } else {
                    format!("Indicator {} removed", o.label)
                },
            );
        }
    }
    let (og, ng) = (&old.rubric.applied.gates, &new.rubric.applied.gates);
    for g in ng {
        match og.iter().find(|o| o.id == g.id) {
            Some(o) if o != g => push(
                "gate-changed",
                &g.id,
                if id {
                    format!(
                        "Syarat {}: `{}` (paling baik {}) → `{}` (paling baik {})",
                        g.label, o.require, o.cap, g.require, g.cap
                    )
                } else {
                    format!(
                        "Gate {}: `{}` (at best {}) → `{}` (at best {})",
                        g.label, o.require, o.cap, g.require, g.cap
                    )
                },
            ),
            Some(_) => {}
            None => push(
                "gate-added",
                &g.id,
                if id {
                    format!(
                        "Syarat baru {}: `{}` (paling baik {})",
                        g.label, g.require, g.cap
                    )
                } else {
                    format!("New gate {}: `{}` (at best {})", g.label, g.require, g.cap)
                },
            ),
        }
    }
    for o in og {
        if !ng.iter().any(|g| g.id == o.id) {
            push(
                "gate-removed",
                &o.id,
                if id {
                    format!("Syarat {} dihapus", o.label)
                } else {
                    format!("Gate {} removed", o.label)
                },
            );
        }
    }
    for v in &new.verdicts {
        match old.verdicts.iter().find(|o| o.id == v.id) {
            Some(o) if (o.min_score - v.min_score).abs() > EPS => push(
                "verdict-band",
                &v.id,
                if id {
                    format!(
                        "Batas skor {}: {} → {}",
                        v.label,
                        format::number(o.min_score, 2, lang),
                        format::number(v.min_score, 2, lang)
                    )
                } else {
                    format!(
                        "Score threshold of {}: {} → {}",
                        v.label,
                        format::number(o.min_score, 2, lang),
                        format::number(v.min_score, 2, lang)
                    )
                },
            ),
            Some(_) => {}
            None => push(
                "verdict-band",
                &v.id,
                if id {
                    format!(
                        "Putusan baru {} (skor ≥ {})",
                        v.label,
                        format::number(v.min_score, 2, lang)
                    )
                } else {
                    format!(
                        "New verdict {} (score ≥ {})",
                        v.label,
                        format::number(v.min_score, 2, lang)
                    )
                },
            ),
        }
    }
    out
}
