//! The evaluation as one value (`evaluation.json`): per measure the estimator's answer with
//! its periods, per scope and unit the combined outcome, the units that cannot be evaluated,
//! the frozen plan's check and the join with the readiness assessment. Every report is rendered
//! from this; nothing is computed after it.
//!
//! A scope's outcome combines its measures: `fell` when any measure fell, else `inconclusive`
//! when any is, else `rose` when every measure rose, else `held`. A measure that gives no
//! outcome (no data for the unit) does not count.
//!
//! Compute only: no word is chosen here (labels are the rubric's texts, kept in both languages).

use super::days::{self, Log};
use super::estimate::{self, Direction, IndicatorResult, Outcome, Scale, Settings, UnitDays};
use super::windows::{self, Windows};
use crate::input::Loaded;
use crate::rubric::{Baseline, Rubric, Scope, Text};
use anyhow::{Result, bail};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The version of `evaluation.json`'s shape.
pub const SCHEMA_VERSION: &str = "1.0";

#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    pub schema: &'static str,
    pub schema_version: &'static str,
    pub tool: crate::assessment::Tool,
    pub generated_at: String,
    pub rubric: RubricInfo,
    pub settings: SettingsInfo,
    /// The WFA window's dates.
    pub window: Vec<String>,
    /// Those of them with any data (a log row or a measure's value).
    pub window_with_data: Vec<String>,
    /// Log rows (person-days) on dates outside the window: not used.
    pub log_outside: u64,
    /// Window dates that fewer than half of the units with a log have.
    pub sparse_dates: Vec<String>,
    /// Unit codes in the data that the master list does not have: left out, named.
    pub unknown_units: Vec<String>,
    pub units: Vec<UnitInfo>,
    pub measures: Vec<MeasureResult>,
    pub scopes: Vec<ScopeResult>,
    /// The frozen plan, checked (absent without `--plan`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<super::freeze::PlanCheck>,
    /// The join with the readiness assessment (absent without `--assessment`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub readiness: Option<super::join::Readiness>,
    /// Diagnostics of the data, counted (the full list is in diagnostics.json).
    pub data: DataInfo,
}

#[derive(Debug, Clone, Serialize)]
pub struct RubricInfo {
    pub id: String,
    pub version: String,
    pub path: String,
    pub sha256: String,
    pub title: Text,
    pub unit_label: Text,
    pub min_group_size: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SettingsInfo {
    pub baseline: Baseline,
    pub before_days: usize,
    pub level: f64,
    pub runs: usize,
    pub seed: u64,
    pub simultaneous: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct DataInfo {
    pub errors: usize,
    pub warnings: usize,
    /// Rows rejected, by dataset.
    pub rejected: BTreeMap<String, usize>,
    /// Every problem of the data, with its place (personal values masked by the loader).
    pub diagnostics: Vec<crate::diag::Diagnostic>,
}

/// Why a unit cannot be evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NotEvaluable {
    /// It sent no treatment log: nobody knows who worked where.
    NoLog,
    /// Its log has no row on a date of the window.
    NoWindowDays,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitInfo {
    pub id: String,
    pub name: Option<String>,
    /// Worked away on a date of the window (from the log); `None` when not evaluable.
    pub treated: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_evaluable: Option<NotEvaluable>,
    /// Dates of the window with at least one person away.
    pub days_away: usize,
    /// Person-days away ÷ person-days listed in the window; `None` when fewer person-days were
    /// listed than the minimum group size.
    pub share_away: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeasureResult {
    pub id: String,
    pub label: Text,
    pub scope: Scope,
    pub scale: Scale,
    pub direction: Direction,
    pub tolerance: f64,
    pub self_reported: bool,
    /// A share (0–1): absolute changes are percentage points.
    pub share: bool,
    /// The periods, chosen among this measure's dates with data.
    pub periods: Windows,
    /// Unit-days whose value could not be computed (a ratio over zero), by unit.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub undefined_days: BTreeMap<String, usize>,
    pub result: IndicatorResult,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScopeResult {
    pub scope: Scope,
    pub measures: Vec<String>,
    /// The province's outcome (from the measures' province estimates).
    pub province: Option<Outcome>,
    /// The placebo's outcome (expected: held).
    pub placebo: Option<Outcome>,
    /// Per treated unit, its combined outcome.
    pub units: BTreeMap<String, Option<Outcome>>,
    /// The measure that decides the province's outcome: of those with that outcome, the one
    /// whose interval comes closest to the tolerated fall (the weakest margin).
    pub deciding: Option<String>,
}

/// How far `iv` stays above the tolerated fall of `m` (negative: below it), on the measure's
/// scale with its direction: the lower bound (upper for lower-is-better) plus the tolerance.
fn margin(m: &MeasureResult, iv: &super::estimate::Interval) -> f64 {
    match m.direction {
        Direction::Higher => iv.lo + m.tolerance,
        Direction::Lower => m.tolerance - iv.hi,
    }
}

/// Combine outcomes: any fell → fell; else any inconclusive → inconclusive; else all rose →
/// rose; else held. `None` when there is none.
pub fn combine(outcomes: impl IntoIterator<Item = Outcome>) -> Option<Outcome> {
    let v: Vec<Outcome> = outcomes.into_iter().collect();
    if v.is_empty() {
        None
    } else if v.contains(&Outcome::Fell) {
        Some(Outcome::Fell)
    } else if v.contains(&Outcome::Inconclusive) {
        Some(Outcome::Inconclusive)
    } else if v.iter().all(|o| *o == Outcome::Rose) {
        Some(Outcome::Rose)
    } else {
        Some(Outcome::Held)
    }
}

/// What the command adds to the rubric and the data.
pub struct Options {
    /// The window's dates (`--period`); `None`: every date of the treatment log.
    pub period: Option<Vec<String>>,
    pub generated_at: String,
}

/// Evaluate the rubric's measures on the loaded data.
pub fn evaluate(rubric: &Rubric, loaded: &Loaded, opts: &Options) -> Result<Evaluation> {
    let Some(ev) = &rubric.evaluation else {
        bail!(
            "{} is not an evaluation rubric (it has no [evaluation])",
            rubric.path
        );
    };
    let log = days::log(ev, loaded)?;
    let window: Vec<String> = match &opts.period {
        Some(p) => p.clone(),
        None => log
            .values()
            .flat_map(|d| d.keys().cloned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
    };
    let (units, unknown_units) = unit_infos(loaded, &log, &window, rubric.min_group_size);
    // Log rows on dates outside the window are not used: counted, so the report says so.
    let log_outside: u64 = log
        .values()
        .flat_map(|d| d.iter())
        .filter(|(date, _)| !window.contains(date))
        .map(|(_, day)| day.listed)
        .sum();
    // Window dates that fewer than half of the units with a log have: a stray date (a typing
    // slip) widens everyone's window; said, so that the period is set with --period.
    let logged = log.len();
    let sparse_dates: Vec<String> = window
        .iter()
        .filter(|w| {
            let n = log.values().filter(|d| d.contains_key(*w)).count();
            n > 0 && 2 * n < logged
        })
        .cloned()
        .collect();
    let treated: BTreeMap<&str, bool> = units
        .iter()
        .filter_map(|u| u.treated.map(|t| (u.id.as_str(), t)))
        .collect();
    let mut measures = Vec::new();
    let mut data_dates: BTreeSet<String> = BTreeSet::new();
    for (i, m) in rubric.measures.iter().enumerate() {
        let d = days::measure(m, loaded)?;
        let dates: BTreeSet<String> = d.values.values().flat_map(|v| v.keys().cloned()).collect();
        data_dates.extend(dates.iter().cloned());
        let periods = windows::choose(&window, &dates, ev.baseline, ev.before_days);
        let pick = |of: &BTreeMap<String, f64>, ds: &[String]| -> Vec<f64> {
            ds.iter().filter_map(|x| of.get(x).copied()).collect()
        };
        let empty = BTreeMap::new();
        // A unit with no value of this measure at all (a dataset only some units send) is not
        // part of its comparison; one with values but none in a period is, and says so.
        let unit_days: Vec<UnitDays> = treated
            .iter()
            .filter(|(u, _)| d.values.contains_key(**u))
            .map(|(u, t)| {
                let of = d.values.get(*u).unwrap_or(&empty);
                UnitDays {
                    unit: u.to_string(),
                    treated: *t,
                    window: pick(of, &periods.window),
                    baseline: pick(of, &periods.baseline),
                    before: pick(of, &periods.before),
                    baseline_before: pick(of, &periods.baseline_before),
                }
            })
            .collect();
        let settings = Settings {
            level: ev.level,
            runs: ev.runs,
            // Each measure its own stream, the same for the same rubric.
            seed: ev.seed.wrapping_add(i as u64),
            tolerance: m.tolerance,
            scale: m.scale,
            direction: m.direction,
            simultaneous: ev.simultaneous,
        };
        measures.push(MeasureResult {
            id: m.id.clone(),
            label: m.label.clone(),
            scope: m.scope,
            scale: m.scale,
            direction: m.direction,
            tolerance: m.tolerance,
            self_reported: m.self_reported,
            share: m.share,
            periods,
            undefined_days: d.undefined,
            result: estimate::estimate(&unit_days, &settings),
        });
    }
    let scopes = scopes(&measures);
    // The window's dates that have any data at all (a log row or a measure's value).
    let window_with_data: Vec<String> = window
        .iter()
        .filter(|w| data_dates.contains(*w) || log.values().any(|d| d.contains_key(*w)))
        .cloned()
        .collect();
    let mut rejected = BTreeMap::new();
    for r in &loaded.rejected {
        *rejected.entry(r.dataset.clone()).or_insert(0) += 1;
    }
    let count = |s| {
        loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    Ok(Evaluation {
        schema: "kesiapan-evaluation",
        schema_version: SCHEMA_VERSION,
        tool: crate::assessment::Tool {
            name: "kesiapan".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        generated_at: opts.generated_at.clone(),
        rubric: RubricInfo {
            id: rubric.id.clone(),
            version: rubric.version.clone(),
            path: rubric.path.clone(),
            sha256: rubric.sha256.clone(),
            title: rubric.title.clone(),
            unit_label: rubric.unit_label.clone(),
            min_group_size: rubric.min_group_size,
        },
        settings: SettingsInfo {
            baseline: ev.baseline,
            before_days: ev.before_days,
            level: ev.level,
            runs: ev.runs,
            seed: ev.seed,
            simultaneous: ev.simultaneous,
        },
        window,
        window_with_data,
        log_outside,
        sparse_dates,
        unknown_units,
        units,
        measures,
        scopes,
        plan: None,
        readiness: None,
        data: DataInfo {
            errors: count(crate::diag::Severity::Error),
            warnings: count(crate::diag::Severity::Warning),
            rejected,
            diagnostics: loaded.diagnostics.clone(),
        },
    })
}

/// Every unit (master list and data), with what its log says.
fn unit_infos(
    loaded: &Loaded,
    log: &Log,
    window: &[String],
    min_group: usize,
) -> (Vec<UnitInfo>, Vec<String>) {
    let mut names: BTreeMap<String, Option<String>> = BTreeMap::new();
    // The master list's names first: the data's datasets may name no unit.
    for u in &loaded.roll.units {
        names.insert(u.unit.clone(), u.name.clone());
    }
    // With a master list, a code it does not have is not one of the units that should answer
    // (a typing slip, a unit of another province): left out of the comparison and named.
    let mut unknown = Vec::new();
    for (id, name) in loaded.units.iter().chain(&loaded.pending_units) {
        if loaded.roll.from_master && !names.contains_key(id) {
            unknown.push(id.clone());
            continue;
        }
        let e = names.entry(id.clone()).or_default();
        if e.is_none() {
            *e = name.clone();
        }
    }
    unknown.sort();
    unknown.dedup();
    let infos = names
        .into_iter()
        .map(|(id, name)| {
            let days = log.get(&id);
            let in_window: Vec<days::LogDay> = days
                .map(|d| window.iter().filter_map(|w| d.get(w).copied()).collect())
                .unwrap_or_default();
            let not_evaluable = match (days, in_window.is_empty()) {
                (None, _) => Some(NotEvaluable::NoLog),
                (Some(_), true) => Some(NotEvaluable::NoWindowDays),
                _ => None,
            };
            let listed: u64 = in_window.iter().map(|d| d.listed).sum();
            let away: u64 = in_window.iter().map(|d| d.away).sum();
            UnitInfo {
                treated: not_evaluable.is_none().then_some(away > 0),
                not_evaluable,
                days_away: in_window.iter().filter(|d| d.away > 0).count(),
                share_away: (listed >= min_group as u64 && listed > 0)
                    .then(|| away as f64 / listed as f64),
                id,
                name,
            }
        })
        .collect();
    (infos, unknown)
}

fn scopes(measures: &[MeasureResult]) -> Vec<ScopeResult> {
    Scope::ALL
        .iter()
        .filter_map(|s| {
            let of: Vec<&MeasureResult> = measures.iter().filter(|m| m.scope == *s).collect();
            if of.is_empty() {
                return None;
            }
            let mut units: BTreeMap<String, Vec<Outcome>> = BTreeMap::new();
            for m in &of {
                for u in m.result.units.iter().filter(|u| u.treated) {
                    let e = units.entry(u.unit.clone()).or_default();
                    e.extend(u.outcome);
                }
            }
            let province = combine(
                of.iter()
                    .filter_map(|m| m.result.province.map(|p| p.outcome)),
            );
            // Margins compare across measures as shares of their tolerance.
            let deciding = of
                .iter()
                .filter_map(|m| {
                    let p = m.result.province?;
                    (Some(p.outcome) == province).then(|| {
                        (
                            m,
                            margin(m, &p.estimate) / m.tolerance.max(f64::MIN_POSITIVE),
                        )
                    })
                })
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(m, _)| m.id.clone());
            Some(ScopeResult {
                scope: *s,
                measures: of.iter().map(|m| m.id.clone()).collect(),
                province,
                deciding,
                placebo: combine(
                    of.iter()
                        .filter_map(|m| m.result.placebo.map(|p| p.outcome)),
                ),
                units: units.into_iter().map(|(u, o)| (u, combine(o))).collect(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Outcome::*;

    #[test]
    fn a_scope_combines_its_measures_worst_first() {
        assert_eq!(combine([Held, Fell, Rose]), Some(Fell));
        assert_eq!(combine([Held, Inconclusive]), Some(Inconclusive));
        assert_eq!(combine([Rose, Rose]), Some(Rose));
        assert_eq!(combine([Rose, Held]), Some(Held));
        assert_eq!(combine([]), None);
    }
}
