//! Attribution of a unit's score move to weight, scoring and data changes (see the formula in
//! `compare`'s module doc): numbers only.

use super::{
    EPS, GateFailed, IndicatorChange, Parts, Presence, RubricChange, StaffFigure, UnitChange,
    edits, reasons,
};
use crate::assessment::{AppliedIndicator, Assessment, Unit};
use crate::scoring::curve;
use crate::scoring::unit::effective_weights;

/// A unit in one run only: no attribution, no reason.
pub(super) fn one_sided(u: &Unit, presence: Presence, a: &Assessment) -> UnitChange {
    let added = presence == Presence::Added;
    let label = a
        .verdicts
        .iter()
        .find(|v| v.id == u.verdict)
        .map(|v| v.label.clone());
    UnitChange {
        id: u.id.clone(),
        name: u.name.clone(),
        presence,
        old_score: if added { None } else { u.score },
        new_score: if added { u.score } else { None },
        delta: 0.0,
        old_verdict: if added { None } else { Some(u.verdict.clone()) },
        new_verdict: if added { Some(u.verdict.clone()) } else { None },
        old_verdict_label: if added { None } else { label.clone() },
        new_verdict_label: if added { label } else { None },
        verdict_changed: true,
        gates_newly_failed: vec![],
        old_staff_allowed: (!added).then(|| StaffFigure::of(u)),
        new_staff_allowed: added.then(|| StaffFigure::of(u)),
        parts: Parts::default(),
        attribution: None,
        indicators: vec![],
        reason: None,
    }
}

/// An indicator's old and new side, by id.
struct Side<'a> {
    def: Option<&'a AppliedIndicator>,
    value: Option<f64>,
    score: Option<f64>,
}

fn side<'a>(a: &'a Assessment, u: &'a Unit, id: &str) -> Side<'a> {
    let def = a.rubric.applied.indicators.iter().find(|i| i.id == id);
    match u.indicators.iter().find(|i| i.id == id) {
        Some(i) => Side {
            def,
            value: i.value,
            score: i.score,
        },
        None => Side {
            def,
            value: None,
            score: None,
        },
    }
}

/// A unit in both runs: its move split into weights, scoring, data and rounding, per indicator.
pub(super) fn unit_change(
    old: &Assessment,
    new: &Assessment,
    o: &Unit,
    n: &Unit,
    changes: &[RubricChange],
) -> UnitChange {
    // Effective weights recomputed exactly from each rubric and each run's data availability
    // (the file's are rounded); e* is the new rubric with the old availability.
    let has_score = |u: &Unit, id: &str| {
        u.indicators
            .iter()
            .find(|i| i.id == id)
            .is_some_and(|i| i.score.is_some())
    };
    let weights_of = |a: &Assessment, available: &[bool]| {
        effective_weights(
            &a.rubric
                .applied
                .dimensions
                .iter()
                .map(|d| (d.id.as_str(), d.weight))
                .collect::<Vec<_>>(),
            &a.rubric
                .applied
                .indicators
                .iter()
                .map(|d| (d.dimension.as_str(), d.weight))
                .collect::<Vec<_>>(),
            available,
        )
    };
    let new_defs = &new.rubric.applied.indicators;
    let old_defs = &old.rubric.applied.indicators;
    let e_old = weights_of(
        old,
        &old_defs
            .iter()
            .map(|d| has_score(o, &d.id))
            .collect::<Vec<_>>(),
    );
    let e_new = weights_of(
        new,
        &new_defs
            .iter()
            .map(|d| has_score(n, &d.id))
            .collect::<Vec<_>>(),
    );
    let available_before: Vec<bool> = new_defs
        .iter()
        .map(|d| match o.indicators.iter().find(|i| i.id == d.id) {
            Some(i) => i.score.is_some(),
            // An indicator the old rubric did not have: its arrival is a rubric change.
            None => has_score(n, &d.id),
        })
        .collect();
    let e_mid = weights_of(new, &available_before);
    let mut ids: Vec<&str> = old
        .rubric
        .applied
        .indicators
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    for d in new_defs {
        if !ids.contains(&d.id.as_str()) {
            ids.push(&d.id);
        }
    }
    // With the same input files, a formula that did not change gives the same value: the old
    // value on the new curve is then exactly the new score (the file's values are rounded).
    let same_data = {
        let key = |a: &Assessment| {
            let mut v: Vec<(String, String)> = a
                .inputs
                .iter()
                .map(|i| (i.dataset.clone(), i.sha256.clone()))
                .collect();
            v.sort();
            v
        };
        key(old) == key(new)
    };
    let mut parts = Parts::default();
    let mut indicators = Vec::new();
    for id in ids {
        let (mut a, b) = (side(old, o, id), side(new, n, id));
        // An indicator the old rubric did not have arrives with the rubric, not with the data:
        // count it as if it had always had its new value.
        if a.def.is_none() {
            a.value = b.value;
            a.score = b.score;
        }
        let at = |defs: &[AppliedIndicator], e: &[f64]| {
            defs.iter()
                .position(|d| d.id == id)
                .map(|k| e[k])
                .unwrap_or(0.0)
        };
        let (e0, mid, e1) = (
            at(old_defs, &e_old),
            at(new_defs, &e_mid),
            at(new_defs, &e_new),
        );
        let s = a.score.unwrap_or(0.0);
        let s_new = b.score.unwrap_or(0.0);
        // The old value on the new curve (no curve change is attributable without a value).
        // Only a changed curve rescores, so that rounding in the file never shows as "scoring".
        let rescored = match (a.def, b.def, a.value, a.score) {
            (Some(o), Some(d), _, Some(_))
                if o.curve != d.curve
                    && same_data
                    && o.value == d.value
                    && o.missing == d.missing =>
            {
                s_new
            }
            (Some(o), Some(d), Some(v), Some(_)) if o.curve != d.curve => {
                curve::score(&d.curve, v).unwrap_or(s)
            }
            _ => s,
        };
        let p = Parts {
            weights: (mid - e0) * s,
            data: (e1 - mid) * s + e1 * (s_new - rescored),
            scoring: e1 * (rescored - s),
            rounding: 0.0,
        };
        parts.weights += p.weights;
        parts.data += p.data;
        parts.scoring += p.scoring;
        if p.total().abs() > EPS
            || p.weights.abs() > EPS
            || p.scoring.abs() > EPS
            || p.data.abs() > EPS
        {
            indicators.push(IndicatorChange {
                id: id.to_string(),
                label: b
                    .def
                    .or(a.def)
                    .map(|d| d.label.clone())
                    .unwrap_or_else(|| id.to_string()),
                old_value: a.value,
                new_value: b.value,
                old_score: a.score,
                new_score: b.score,
                old_weight: e0,
                new_weight: e1,
                parts: p,
            });
        }
    }
    let delta = n.score.unwrap_or(0.0) - o.score.unwrap_or(0.0);
    parts.rounding = delta - (parts.weights + parts.scoring + parts.data);
    indicators.sort_by(|a, b| {
        b.parts
            .total()
            .abs()
            .total_cmp(&a.parts.total().abs())
            .then(a.id.cmp(&b.id))
    });
    let verdict_changed = o.verdict != n.verdict;
    let attribution = edits::attribute(old, new, o, n, changes, same_data);
    let reason = verdict_changed.then(|| reasons::reason(old, new, o, n, attribution.as_ref()));
    let gates_newly_failed = n
        .gates_failed
        .iter()
        .filter(|g| !o.gates_failed.iter().any(|x| x.id == g.id))
        .map(|g| GateFailed {
            gate: g.id.clone(),
            label: g.label.clone(),
            cap: g.cap.clone(),
            cap_label: super::verdict_label(old, new, &g.cap),
        })
        .collect();
    UnitChange {
        id: n.id.clone(),
        name: n.name.clone().or(o.name.clone()),
        presence: Presence::Both,
        old_score: o.score,
        new_score: n.score,
        delta,
        old_verdict: Some(o.verdict.clone()),
        new_verdict: Some(n.verdict.clone()),
        old_verdict_label: Some(o.verdict_label.clone()),
        new_verdict_label: Some(n.verdict_label.clone()),
        verdict_changed,
        gates_newly_failed,
        old_staff_allowed: Some(StaffFigure::of(o)),
        new_staff_allowed: Some(StaffFigure::of(n)),
        parts,
        attribution,
        indicators,
        reason,
    }
}
