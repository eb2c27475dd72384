//! Comparing two assessments (`kesiapan diff OLD NEW`, `assess --baseline OLD`): what changed in
//! the rubric, in words; every unit's old → new score and verdict; and an attribution of each
//! score move to weight, scoring and data changes that adds up exactly to the move.
//!
//! Reads two `Assessment`s only (never the data or the rubric files) and formats nothing:
//! renderers in `report::diff` turn the `Comparison` into text.
//!
//! Attribution. A unit's score is `S = Σᵢ eᵢ·sᵢ` (effective weight × indicator score). With `e*`
//! the effective weights under the *new* rubric but the *old* data availability and `f'` the new
//! curve, each indicator's move `e'ᵢs'ᵢ − eᵢsᵢ` splits exactly into
//! `(e*−e)·s` (weights) + `(e'−e*)·s` (data: which indicators have values) +
//! `e'·(f'(v)−s)` (scoring: curves and thresholds) + `e'·(s'−f'(v))` (data: values).
//! The scores in `assessment.json` are rounded, so a `rounding` part closes the sum exactly.

mod rubric_diff;

use crate::assessment::{AppliedIndicator, Assessment, Unit};
use crate::format;
use crate::rubric::Lang;
use crate::scoring::curve;
use crate::scoring::unit::effective_weights;
use serde::Serialize;
use std::collections::BTreeMap;

pub use rubric_diff::RubricChange;

/// Version of the comparison JSON (`diff.json`).
pub const DIFF_SCHEMA_VERSION: &str = "1.0";

#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub schema_version: &'static str,
    pub lang: Lang,
    pub old: RunRef,
    pub new: RunRef,
    /// What changed in the rubric, in words.
    pub rubric_changes: Vec<RubricChange>,
    /// Input files whose content changed (by SHA-256), added or removed.
    pub input_changes: Vec<String>,
    /// Units with a verdict change first, then by the size of the score move.
    pub units: Vec<UnitChange>,
    pub province: ProvinceChange,
}

#[derive(Debug, Clone, Serialize)]
pub struct RunRef {
    pub rubric_id: String,
    pub rubric_version: String,
    pub rubric_sha256: String,
    pub generated_at: String,
}

/// Score points from each kind of change; they add up to `delta`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Parts {
    pub weights: f64,
    pub scoring: f64,
    pub data: f64,
    pub rounding: f64,
}

impl Parts {
    pub fn total(&self) -> f64 {
        self.weights + self.scoring + self.data + self.rounding
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorChange {
    pub id: String,
    pub label: String,
    pub old_value: Option<f64>,
    pub new_value: Option<f64>,
    pub old_score: Option<f64>,
    pub new_score: Option<f64>,
    pub old_weight: f64,
    pub new_weight: f64,
    pub parts: Parts,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitChange {
    pub id: String,
    pub name: Option<String>,
    /// `both`, `added` (only in the new run) or `removed` (only in the old run).
    pub presence: &'static str,
    pub old_score: Option<f64>,
    pub new_score: Option<f64>,
    pub delta: f64,
    pub old_verdict: Option<String>,
    pub new_verdict: Option<String>,
    pub old_verdict_label: Option<String>,
    pub new_verdict_label: Option<String>,
    pub verdict_changed: bool,
    pub parts: Parts,
    /// Indicators whose contribution moved, largest move first.
    pub indicators: Vec<IndicatorChange>,
    /// One line on why the verdict changed.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProvinceChange {
    pub old_verdict: String,
    pub new_verdict: String,
    pub old_verdict_label: String,
    pub new_verdict_label: String,
    pub old_message: String,
    pub new_message: String,
    pub old_counts: BTreeMap<String, usize>,
    pub new_counts: BTreeMap<String, usize>,
    pub old_staff_allowed: i64,
    pub new_staff_allowed: i64,
}

const EPS: f64 = 1e-9;

/// Compare an old and a new assessment. Texts are in the new assessment's language.
pub fn compare(old: &Assessment, new: &Assessment) -> Comparison {
    let lang = new.lang;
    let mut units = Vec::new();
    let old_units: BTreeMap<&str, &Unit> = old.units.iter().map(|u| (u.id.as_str(), u)).collect();
    let new_units: BTreeMap<&str, &Unit> = new.units.iter().map(|u| (u.id.as_str(), u)).collect();
    let ids: std::collections::BTreeSet<&str> =
        old_units.keys().chain(new_units.keys()).copied().collect();
    for id in ids {
        units.push(match (old_units.get(id), new_units.get(id)) {
            (Some(o), Some(n)) => unit_change(old, new, o, n, lang),
            (Some(o), None) => one_sided(o, "removed", old),
            (None, Some(n)) => one_sided(n, "added", new),
            (None, None) => unreachable!(),
        });
    }
    units.sort_by(|a, b| {
        b.verdict_changed
            .cmp(&a.verdict_changed)
            .then(b.delta.abs().total_cmp(&a.delta.abs()))
            .then(a.id.cmp(&b.id))
    });

    // Input files compared by content (SHA-256) within each dataset, wherever they were read from.
    let mut input_changes = Vec::new();
    let datasets: std::collections::BTreeSet<&str> = old
        .inputs
        .iter()
        .chain(&new.inputs)
        .map(|i| i.dataset.as_str())
        .collect();
    for ds in datasets {
        let shas = |a: &Assessment| -> std::collections::BTreeSet<String> {
            a.inputs
                .iter()
                .filter(|i| i.dataset == ds)
                .map(|i| i.sha256.clone())
                .collect()
        };
        let (before, after) = (shas(old), shas(new));
        if before == after {
            continue;
        }
        let changed: Vec<&str> = new
            .inputs
            .iter()
            .filter(|i| i.dataset == ds && !before.contains(&i.sha256))
            .map(|i| i.path.as_str())
            .collect();
        let gone = before.difference(&after).count();
        input_changes.push(format!(
            "{ds}: {} new or changed file(s){}{}",
            changed.len(),
            if changed.is_empty() {
                String::new()
            } else {
                format!(" ({})", changed.join(", "))
            },
            if gone > 0 {
                format!("; {gone} earlier file(s) no longer used")
            } else {
                String::new()
            }
        ));
    }

    Comparison {
        schema_version: DIFF_SCHEMA_VERSION,
        lang,
        old: run_ref(old),
        new: run_ref(new),
        rubric_changes: rubric_diff::changes(old, new, lang),
        input_changes,
        units,
        province: ProvinceChange {
            old_verdict: old.summary.verdict.clone(),
            new_verdict: new.summary.verdict.clone(),
            old_verdict_label: old.summary.verdict_label.clone(),
            new_verdict_label: new.summary.verdict_label.clone(),
            old_message: old.summary.message.clone(),
            new_message: new.summary.message.clone(),
            old_counts: old.summary.verdict_counts.clone(),
            new_counts: new.summary.verdict_counts.clone(),
            old_staff_allowed: old.summary.staff_allowed_at_once,
            new_staff_allowed: new.summary.staff_allowed_at_once,
        },
    }
}

fn run_ref(a: &Assessment) -> RunRef {
    RunRef {
        rubric_id: a.rubric.id.clone(),
        rubric_version: a.rubric.version.clone(),
        rubric_sha256: a.rubric.sha256.clone(),
        generated_at: a.generated_at.clone(),
    }
}

fn one_sided(u: &Unit, presence: &'static str, a: &Assessment) -> UnitChange {
    let added = presence == "added";
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
        parts: Parts::default(),
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

fn unit_change(old: &Assessment, new: &Assessment, o: &Unit, n: &Unit, lang: Lang) -> UnitChange {
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
    let reason = verdict_changed.then(|| reason(old, new, o, n, &indicators, lang));
    UnitChange {
        id: n.id.clone(),
        name: n.name.clone().or(o.name.clone()),
        presence: "both",
        old_score: o.score,
        new_score: n.score,
        delta,
        old_verdict: Some(o.verdict.clone()),
        new_verdict: Some(n.verdict.clone()),
        old_verdict_label: Some(o.verdict_label.clone()),
        new_verdict_label: Some(n.verdict_label.clone()),
        verdict_changed,
        parts,
        indicators,
        reason,
    }
}

fn pct(x: f64, lang: Lang) -> String {
    format::value(x, crate::rubric::ValueFormat::Percent, None, lang)
}

/// One line: "Dinas X: Layak → Layak Terbatas karena …".
fn reason(
    old: &Assessment,
    new: &Assessment,
    o: &Unit,
    n: &Unit,
    changes: &[IndicatorChange],
    lang: Lang,
) -> String {
    let id = lang == Lang::Id;
    let mut why: Vec<String> = Vec::new();
    // Gates that started or stopped failing.
    for g in &n.gates_failed {
        if !o.gates_failed.iter().any(|x| x.id == g.id) {
            why.push(if id {
                format!("syarat «{}» tidak terpenuhi", g.label)
            } else {
                format!("the condition “{}” is not met", g.label)
            });
        }
    }
    for g in &n.gates_failed {
        if let Some(before) = o
            .gates_failed
            .iter()
            .find(|x| x.id == g.id && x.cap != g.cap)
        {
            let label = |cap: &str| {
                new.verdicts
                    .iter()
                    .chain(&old.verdicts)
                    .find(|v| v.id == cap)
                    .map(|v| v.label.clone())
                    .unwrap_or_else(|| cap.to_string())
            };
            why.push(if id {
                format!(
                    "syarat «{}» kini membatasi ke {} (sebelumnya {})",
                    g.label,
                    label(&g.cap),
                    label(&before.cap)
                )
            } else {
                format!(
                    "the condition “{}” now caps at {} (before: {})",
                    g.label,
                    label(&g.cap),
                    label(&before.cap)
                )
            });
        }
    }
    for g in &o.gates_failed {
        if !n.gates_failed.iter().any(|x| x.id == g.id) {
            why.push(if id {
                format!("syarat «{}» kini terpenuhi", g.label)
            } else {
                format!("the condition “{}” is now met", g.label)
            });
        }
    }
    // Bands that moved.
    if o.score_verdict != n.score_verdict {
        for v in &new.verdicts {
            if let Some(ov) = old.verdicts.iter().find(|x| x.id == v.id) {
                if (ov.min_score - v.min_score).abs() > EPS {
                    let (a, b) = (
                        format::number(ov.min_score, 2, lang),
                        format::number(v.min_score, 2, lang),
                    );
                    why.push(if id {
                        format!("batas skor {} berubah {a} → {b}", v.label)
                    } else {
                        format!("the {} threshold moved {a} → {b}", v.label)
                    });
                }
            }
        }
        // The largest part of the move, in the direction of the move.
        let delta = n.score.unwrap_or(0.0) - o.score.unwrap_or(0.0);
        let mut best: Option<(&IndicatorChange, &str, f64)> = None;
        for c in changes {
            for (kind, x) in [
                ("weights", c.parts.weights),
                ("scoring", c.parts.scoring),
                ("data", c.parts.data),
            ] {
                if x * delta > 0.0 && best.is_none_or(|(_, _, b)| x.abs() > b.abs()) {
                    best = Some((c, kind, x));
                }
            }
        }
        if let Some((c, kind, _)) = best {
            why.push(driver(old, new, n, c, kind, lang));
        }
    }
    if why.is_empty() {
        why.push(if id {
            "perubahan kecil pada beberapa indikator".into()
        } else {
            "small changes in several indicators".into()
        });
    }
    let name = n.name.clone().unwrap_or_else(|| n.id.clone());
    let because = if id { "karena" } else { "because" };
    let and = if id { " dan " } else { " and " };
    format!(
        "{name}: {} → {} {because} {}",
        o.verdict_label,
        n.verdict_label,
        why.join(and)
    )
}

/// The rubric weight change that moved this unit most in the direction it moved: a dimension's or
/// an indicator's nominal share, weighed by how far its score is from the unit's old score
/// (raising the weight of what a unit does badly lowers its score).
fn weight_reason(old: &Assessment, new: &Assessment, n: &Unit, lang: Lang) -> Option<String> {
    let id = lang == Lang::Id;
    let o = old.units.iter().find(|u| u.id == n.id)?;
    let (s_old, delta) = (o.score?, n.score.unwrap_or(0.0) - o.score?);
    use rubric_diff::{dimension_share as dim_share, indicator_share, within_share};
    // (effect, text) candidates.
    let mut best: Option<(f64, String)> = None;
    let mut consider = |effect: f64, text: String| {
        if effect * delta > 0.0 && best.as_ref().is_none_or(|(b, _)| effect.abs() > b.abs()) {
            best = Some((effect, text));
        }
    };
    let dims: std::collections::BTreeSet<&str> = old
        .rubric
        .applied
        .dimensions
        .iter()
        .chain(&new.rubric.applied.dimensions)
        .map(|d| d.id.as_str())
        .collect();
    for d in dims {
        let (a, b) = (dim_share(old, d), dim_share(new, d));
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
        let up = b > a;
        consider(
            (b - a) * (score - s_old),
            if id {
                format!(
                    "bobot {label} {} {} → {} (skor dimensi {})",
                    if up { "naik" } else { "turun" },
                    pct(a, lang),
                    pct(b, lang),
                    format::number(score, 1, lang)
                )
            } else {
                format!(
                    "the weight of {label} went {} {} → {} (dimension score {})",
                    if up { "up" } else { "down" },
                    pct(a, lang),
                    pct(b, lang),
                    format::number(score, 1, lang)
                )
            },
        );
    }
    let ids: std::collections::BTreeSet<&str> = old
        .rubric
        .applied
        .indicators
        .iter()
        .chain(&new.rubric.applied.indicators)
        .map(|i| i.id.as_str())
        .collect();
    for i in ids {
        let (a, b) = (indicator_share(old, i), indicator_share(new, i));
        // Only changes within the dimension; a dimension's own change is counted above.
        if (within_share(old, i) - within_share(new, i)).abs() <= EPS {
            continue;
        }
        let ind = o
            .indicators
            .iter()
            .chain(&n.indicators)
            .find(|x| x.id == i && x.score.is_some());
        let Some(ind) = ind else { continue };
        let score = ind.score.unwrap_or(0.0);
        let label = new
            .rubric
            .applied
            .indicators
            .iter()
            .chain(&old.rubric.applied.indicators)
            .find(|x| x.id == i)
            .map(|x| x.label.clone())
            .unwrap_or_else(|| i.to_string());
        let text = match (a > 0.0, b > 0.0) {
            (true, false) => {
                if id {
                    format!("indikator {label} dihapus (nilainya {})", ind.display)
                } else {
                    format!("the indicator {label} was removed (value {})", ind.display)
                }
            }
            (false, true) => {
                if id {
                    format!("indikator baru {label} ({})", ind.display)
                } else {
                    format!("the new indicator {label} ({})", ind.display)
                }
            }
            _ => {
                let up = b > a;
                if id {
                    format!(
                        "bobot {label} {} {} → {} dari total (nilainya {})",
                        if up { "naik" } else { "turun" },
                        pct(a, lang),
                        pct(b, lang),
                        ind.display
                    )
                } else {
                    format!(
                        "the weight of {label} went {} {} → {} of the total (value {})",
                        if up { "up" } else { "down" },
                        pct(a, lang),
                        pct(b, lang),
                        ind.display
                    )
                }
            }
        };
        consider((b - a) * (score - s_old), text);
    }
    best.map(|(_, t)| t)
}

/// Words for the largest driver of a move.
fn driver(
    old: &Assessment,
    new: &Assessment,
    n: &Unit,
    c: &IndicatorChange,
    kind: &str,
    lang: Lang,
) -> String {
    let id = lang == Lang::Id;
    let def = new.rubric.applied.indicators.iter().find(|i| i.id == c.id);
    let show = |v: Option<f64>| match (v, def) {
        (Some(x), Some(d)) => format::value(x, d.format, d.unit.as_deref(), lang),
        (Some(x), None) => format::number(x, 2, lang),
        (None, _) => {
            if id {
                "tidak ada data".into()
            } else {
                "no data".into()
            }
        }
    };
    match kind {
        "weights" => weight_reason(old, new, n, lang).unwrap_or_else(|| {
            if id {
                format!(
                    "bobot {} berubah {} → {}",
                    c.label,
                    pct(c.old_weight, lang),
                    pct(c.new_weight, lang)
                )
            } else {
                format!(
                    "the weight of {} changed {} → {}",
                    c.label,
                    pct(c.old_weight, lang),
                    pct(c.new_weight, lang)
                )
            }
        }),
        "scoring" => {
            let (a, b) = (
                c.old_score.unwrap_or(0.0),
                c.old_score.unwrap_or(0.0) + c.parts.scoring / c.new_weight.max(EPS),
            );
            if id {
                format!(
                    "kurva/target {} berubah (skor {} → {})",
                    c.label,
                    format::number(a, 1, lang),
                    format::number(b, 1, lang)
                )
            } else {
                format!(
                    "the curve/target of {} changed (score {} → {})",
                    c.label,
                    format::number(a, 1, lang),
                    format::number(b, 1, lang)
                )
            }
        }
        _ => {
            if id {
                format!(
                    "{} berubah {} → {}",
                    c.label,
                    show(c.old_value),
                    show(c.new_value)
                )
            } else {
                format!(
                    "{} changed {} → {}",
                    c.label,
                    show(c.old_value),
                    show(c.new_value)
                )
            }
        }
    }
}
