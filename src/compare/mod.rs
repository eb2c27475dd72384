//! Comparing two assessments (`kesiapan diff OLD NEW`, `assess --baseline OLD`): what changed in
//! the rubric, as typed facts with old and new values, split into what was *edited* and what
//! follows from the edits (*consequent*, `rubric_diff`); every unit's old → new score and verdict;
//! an attribution of each score move to weight, scoring and data changes that adds up exactly to
//! the move (`attribution`), and another to each edit and each changed value (`edits`); and, for
//! a verdict that changed, the facts that explain it (`reasons`): only edits and values that moved
//! the score in the direction of the change, never a consequent share.
//!
//! Reads two `Assessment`s only (never the data or the rubric files) and formats nothing: no
//! language, no sentences. `report::diff` and `report::diff_words` turn the `Comparison` into
//! text; `diff.json` is the `Comparison` itself, the same whatever the report language.
//! Labels are copied from the assessments as they are (they are the rubric's, in the language
//! each assessment was made in).
//!
//! Beside the verdicts: the gates a unit newly fails (also when its verdict stays, as when an
//! earlier gate already capped it), and the staff allowed on WFA at once in each run as that run
//! shows it (a figure hidden for privacy stays hidden: never worked out from the other run).
//!
//! Attribution. A unit's score is `S = Σᵢ eᵢ·sᵢ` (effective weight × indicator score). With `e*`
//! the effective weights under the *new* rubric but the *old* data availability and `f'` the new
//! curve, each indicator's move `e'ᵢs'ᵢ − eᵢsᵢ` splits exactly into
//! `(e*−e)·s` (weights) + `(e'−e*)·s` (data: which indicators have values) +
//! `e'·(f'(v)−s)` (scoring: curves and thresholds) + `e'·(s'−f'(v))` (data: values).
//! The scores in `assessment.json` are rounded, so a `rounding` part closes the sum exactly.

mod attribution;
mod edits;
mod reasons;
mod rubric_diff;

use crate::assessment::{Assessment, Suppression, Unit};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

pub use edits::{Attribution, DataPoints, EditPoints, Method};
pub use reasons::{Reason, ReasonPart};
pub use rubric_diff::{ConsequentChange, Quantity, RubricChange};

/// Version of the comparison JSON (`diff.json`). 2.0: no language field, no sentences; rubric
/// changes, input changes and reasons are typed facts. 2.1: `rubric_changes` holds only edits,
/// `consequent_changes` the renormalised shares, `units[].attribution` the points per edit, and
/// reasons name edits with their points. 2.2: `units[].gates_newly_failed`, the staff allowed at
/// once per unit (`units[].old_staff_allowed`, `new_staff_allowed`) and the verdict labels of gate
/// caps in `rubric_changes` (see `docs/json-schemas.md`).
pub const DIFF_SCHEMA_VERSION: &str = "2.2";

#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub schema_version: &'static str,
    pub old: RunRef,
    pub new: RunRef,
    /// What was edited in the rubric.
    pub rubric_changes: Vec<RubricChange>,
    /// Shares that moved only because of the edits (not edited themselves; never a reason).
    pub consequent_changes: Vec<ConsequentChange>,
    /// Datasets whose input files changed (by SHA-256), were added or removed.
    pub input_changes: Vec<InputChange>,
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

/// One dataset whose files differ by content between the runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputChange {
    pub dataset: String,
    /// The new run's files of this dataset that the old run did not read (new or changed).
    pub changed: Vec<String>,
    /// How many of the old run's files (by content) the new run no longer reads.
    pub gone: usize,
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

/// Whether a unit is in both runs or in one only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Presence {
    Both,
    /// Only in the new run.
    Added,
    /// Only in the old run.
    Removed,
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

/// A gate the unit fails in the new run and did not fail in the old one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GateFailed {
    pub gate: String,
    pub label: String,
    /// The best verdict the gate allows, and its label.
    pub cap: String,
    pub cap_label: String,
}

/// A unit's staff allowed on WFA at once as one run shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum StaffFigure {
    Shown {
        value: i64,
    },
    /// Not shown in that run (privacy: a small group, or a companion of one).
    Hidden {
        why: Suppression,
    },
    /// Neither shown nor hidden (a hand-made file).
    Unknown,
}

impl StaffFigure {
    /// The figure of `u` in its run.
    pub fn of(u: &Unit) -> Self {
        match (u.wfa.staff_allowed_at_once, u.wfa.staff_allowed_suppressed) {
            (_, Some(why)) => StaffFigure::Hidden { why },
            (Some(value), None) => StaffFigure::Shown { value },
            (None, None) => StaffFigure::Unknown,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitChange {
    pub id: String,
    pub name: Option<String>,
    pub presence: Presence,
    pub old_score: Option<f64>,
    pub new_score: Option<f64>,
    pub delta: f64,
    pub old_verdict: Option<String>,
    pub new_verdict: Option<String>,
    pub old_verdict_label: Option<String>,
    pub new_verdict_label: Option<String>,
    pub verdict_changed: bool,
    /// Gates failed in the new run and not in the old one (also when the verdict stayed).
    pub gates_newly_failed: Vec<GateFailed>,
    /// Staff allowed on WFA at once in each run (absent: the unit is not in that run).
    pub old_staff_allowed: Option<StaffFigure>,
    pub new_staff_allowed: Option<StaffFigure>,
    pub parts: Parts,
    /// The move split over each edit and each changed value (a unit in both runs with a score
    /// in each).
    pub attribution: Option<Attribution>,
    /// Indicators whose contribution moved, largest move first.
    pub indicators: Vec<IndicatorChange>,
    /// Why the verdict changed (for a unit in both runs whose verdict changed).
    pub reason: Option<Reason>,
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

impl UnitChange {
    /// Whether the staff allowed at once reads differently (a figure hidden in both runs never
    /// does: nothing is known of it).
    pub fn staff_changed(&self) -> bool {
        self.old_staff_allowed != self.new_staff_allowed
    }
}

const EPS: f64 = 1e-9;

/// The label of verdict `id` in the new run, else in the old one, else the id.
fn verdict_label(old: &Assessment, new: &Assessment, id: &str) -> String {
    new.verdicts
        .iter()
        .chain(&old.verdicts)
        .find(|v| v.id == id)
        .map(|v| v.label.clone())
        .unwrap_or_else(|| id.to_string())
}

/// Compare an old and a new assessment.
pub fn compare(old: &Assessment, new: &Assessment) -> Comparison {
    let rubric_changes = rubric_diff::changes(old, new);
    let mut units = Vec::new();
    let old_units: BTreeMap<&str, &Unit> = old.units.iter().map(|u| (u.id.as_str(), u)).collect();
    let new_units: BTreeMap<&str, &Unit> = new.units.iter().map(|u| (u.id.as_str(), u)).collect();
    let ids: BTreeSet<&str> = old_units.keys().chain(new_units.keys()).copied().collect();
    for id in ids {
        units.push(match (old_units.get(id), new_units.get(id)) {
            (Some(o), Some(n)) => attribution::unit_change(old, new, o, n, &rubric_changes),
            (Some(o), None) => attribution::one_sided(o, Presence::Removed, old),
            (None, Some(n)) => attribution::one_sided(n, Presence::Added, new),
            (None, None) => unreachable!(),
        });
    }
    units.sort_by(|a, b| {
        b.verdict_changed
            .cmp(&a.verdict_changed)
            .then(b.delta.abs().total_cmp(&a.delta.abs()))
            .then(a.id.cmp(&b.id))
    });
    Comparison {
        schema_version: DIFF_SCHEMA_VERSION,
        old: run_ref(old),
        new: run_ref(new),
        consequent_changes: rubric_diff::consequent(old, new, &rubric_changes),
        rubric_changes,
        input_changes: input_changes(old, new),
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

/// Input files compared by content (SHA-256) within each dataset, wherever they were read from.
fn input_changes(old: &Assessment, new: &Assessment) -> Vec<InputChange> {
    let datasets: BTreeSet<&str> = old
        .inputs
        .iter()
        .chain(&new.inputs)
        .map(|i| i.dataset.as_str())
        .collect();
    let mut out = Vec::new();
    for ds in datasets {
        let shas = |a: &Assessment| -> BTreeSet<String> {
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
        out.push(InputChange {
            dataset: ds.to_string(),
            changed: new
                .inputs
                .iter()
                .filter(|i| i.dataset == ds && !before.contains(&i.sha256))
                .map(|i| i.path.clone())
                .collect(),
            gone: before.difference(&after).count(),
        });
    }
    out
}

fn run_ref(a: &Assessment) -> RunRef {
    RunRef {
        rubric_id: a.rubric.id.clone(),
        rubric_version: a.rubric.version.clone(),
        rubric_sha256: a.rubric.sha256.clone(),
        generated_at: a.generated_at.clone(),
    }
}
