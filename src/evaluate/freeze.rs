//! Fixed in advance: `kesiapan evaluate --freeze` writes, before the window, the measures, their
//! tolerances, the window and the rubric's SHA-256 to a plan file; the evaluation checks the plan
//! against the rubric it runs with and says whether the indicators were fixed before the data was
//! seen (the plan was frozen before the window's first day, with the same rubric and window).
//!
//! Compute only: the plan's text is JSON; no word is chosen here.

use crate::rubric::Rubric;
use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

pub const PLAN_SCHEMA: &str = "kesiapan-evaluation-plan";

/// The plan file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub schema: String,
    pub schema_version: String,
    /// RFC 3339 time the plan was frozen (`--now` or the clock).
    pub frozen_at: String,
    pub rubric: PlanRubric,
    pub window: Vec<String>,
    pub measures: Vec<PlanMeasure>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanRubric {
    pub id: String,
    pub version: String,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanMeasure {
    pub id: String,
    pub scope: String,
    pub value: String,
    pub scale: String,
    pub direction: String,
    pub tolerance: f64,
}

/// What the evaluation found when it checked the plan.
#[derive(Debug, Clone, Serialize)]
pub struct PlanCheck {
    pub frozen_at: String,
    pub sha256: String,
    /// The rubric has the SHA-256 the plan recorded.
    pub rubric_matches: bool,
    pub window_matches: bool,
    /// Frozen before the window's first day.
    pub before_window: bool,
    /// Measures changed since the plan: (measure id, what changed: `added`, `removed`,
    /// `value`, `scale`, `direction`, `tolerance`, `scope`).
    pub changes: Vec<(String, String)>,
    /// Of the changes, the tolerances: (measure id, as frozen, as now).
    pub tolerances: Vec<(String, f64, f64)>,
    /// Everything above holds: the measures were fixed before the data was seen.
    pub fixed_in_advance: bool,
}

fn measures(r: &Rubric) -> Vec<PlanMeasure> {
    let word = |v: serde_json::Value| v.as_str().unwrap_or("").to_string();
    r.measures
        .iter()
        .map(|m| PlanMeasure {
            id: m.id.clone(),
            scope: m.scope.id().into(),
            value: m.value.expr.clone(),
            scale: word(serde_json::to_value(m.scale).unwrap_or_default()),
            direction: word(serde_json::to_value(m.direction).unwrap_or_default()),
            tolerance: m.tolerance,
        })
        .collect()
}

/// The plan of `rubric` for `window`, frozen at `now`.
pub fn freeze(rubric: &Rubric, window: &[String], now: &str) -> Plan {
    Plan {
        schema: PLAN_SCHEMA.into(),
        schema_version: "1.0".into(),
        frozen_at: now.into(),
        rubric: PlanRubric {
            id: rubric.id.clone(),
            version: rubric.version.clone(),
            sha256: rubric.sha256.clone(),
        },
        window: window.to_vec(),
        measures: measures(rubric),
    }
}

/// Read a plan file's text.
pub fn parse(text: &str) -> Result<Plan> {
    let p: Plan =
        serde_json::from_str(text).context("the plan file is not a kesiapan evaluation plan")?;
    // The time it was frozen is what the check rests on: an RFC 3339 time, or no plan.
    let frozen = p.frozen_at.get(..10).and_then(crate::date::Date::parse);
    if frozen.is_none() || p.frozen_at.as_bytes().get(10) != Some(&b'T') {
        bail!(
            "the plan file's frozen_at `{}` is not an RFC 3339 time such as 2025-12-20T08:00:00Z",
            crate::text::cap(&p.frozen_at, 40, crate::rubric::Lang::En)
        );
    }
    if p.schema != PLAN_SCHEMA || p.schema_version.split('.').next() != Some("1") {
        bail!(
            "the plan file is not a kesiapan evaluation plan (schema `{}` {})",
            p.schema,
            p.schema_version
        );
    }
    Ok(p)
}

/// Check `plan` (whose file has `sha256`) against the rubric and window evaluated now.
pub fn check(plan: &Plan, sha256: &str, rubric: &Rubric, window: &[String]) -> PlanCheck {
    let now = measures(rubric);
    let mut changes = Vec::new();
    let mut tolerances = Vec::new();
    for f in &plan.measures {
        match now.iter().find(|m| m.id == f.id) {
            None => changes.push((f.id.clone(), "removed".into())),
            Some(m) => {
                for (what, differs) in [
                    ("scope", m.scope != f.scope),
                    ("value", m.value != f.value),
                    ("scale", m.scale != f.scale),
                    ("direction", m.direction != f.direction),
                    ("tolerance", m.tolerance != f.tolerance),
                ] {
                    if differs {
                        changes.push((f.id.clone(), what.into()));
                        if what == "tolerance" {
                            tolerances.push((f.id.clone(), f.tolerance, m.tolerance));
                        }
                    }
                }
            }
        }
    }
    for m in &now {
        if !plan.measures.iter().any(|f| f.id == m.id) {
            changes.push((m.id.clone(), "added".into()));
        }
    }
    let rubric_matches = plan.rubric.sha256 == rubric.sha256;
    let window_matches = plan.window == window;
    // RFC 3339 dates compare as text on their first ten characters.
    let before_window = window
        .first()
        .is_some_and(|w| plan.frozen_at.get(..10).is_some_and(|d| d < w.as_str()));
    PlanCheck {
        frozen_at: plan.frozen_at.clone(),
        sha256: sha256.into(),
        fixed_in_advance: rubric_matches && window_matches && before_window && changes.is_empty(),
        rubric_matches,
        window_matches,
        before_window,
        changes,
        tolerances,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVAL: &str = include_str!("../../rubrics/evaluasi-wfa.toml");

    fn window() -> Vec<String> {
        ["2025-12-29", "2025-12-30", "2025-12-31"]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn a_plan_frozen_before_the_window_with_the_same_rubric_holds() {
        let r = crate::rubric::load_str(EVAL, "e.toml").unwrap();
        let p = freeze(&r, &window(), "2025-12-20T08:00:00Z");
        let text = serde_json::to_string(&p).unwrap();
        assert_eq!(parse(&text).unwrap(), p);
        // The attack pass: a plan "frozen" at a time that is not one was taken.
        let bad = text.replace("2025-12-20T08:00:00Z", "not a date");
        assert!(
            parse(&bad)
                .unwrap_err()
                .to_string()
                .contains("not an RFC 3339 time")
        );
        let c = check(&p, "x", &r, &window());
        assert!(c.fixed_in_advance, "{c:?}");
        // Frozen on the window's first day: too late.
        let late = freeze(&r, &window(), "2025-12-29T07:00:00Z");
        assert!(!check(&late, "x", &r, &window()).fixed_in_advance);
    }

    #[test]
    fn a_tolerance_loosened_after_the_plan_is_named() {
        let r = crate::rubric::load_str(EVAL, "e.toml").unwrap();
        let p = freeze(&r, &window(), "2025-12-20T08:00:00Z");
        let looser = crate::rubric::load_str(
            &EVAL.replacen("tolerance = 0.10", "tolerance = 0.30", 1),
            "e.toml",
        )
        .unwrap();
        let c = check(&p, "x", &looser, &window());
        assert!(!c.fixed_in_advance && !c.rubric_matches);
        assert_eq!(
            c.changes,
            [("realisasi_target".to_string(), "tolerance".to_string())]
        );
        assert_eq!(c.tolerances, [("realisasi_target".to_string(), 0.10, 0.30)]);
        let other = ["2025-12-29".to_string()];
        assert!(!check(&p, "x", &r, &other).window_matches);
    }
}
