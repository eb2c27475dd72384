//! The result of an assessment: the serialisable contract between the scorer and every
//! renderer (`assessment.json`). Renderers read this and compute nothing of their own.
//!
//! Bump `SCHEMA_VERSION` on any change that could break a reader.

use crate::diag::Diagnostic;
use crate::input::InputFile;
use crate::rubric::{Curve, Missing, ValueFormat};
use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// Version of the `assessment.json` format (1.3: `wfa.staff_allowed_at_once` may be null, hidden
/// with `wfa.staff_allowed_suppressed`, like `staff_eligible`; 1.4: `summary` says how many of
/// the expected units were assessed, which were not and why, which have not sent each dataset,
/// and `summary.verdict` may be `INCONCLUSIVE`, with the rules' verdict in
/// `summary.verdict_if_assessed`; 1.5: obstacles' problem and office, verdict groups and
/// blockers; 1.6: `units[].robustness` and `summary.robustness`, the quick sensitivity run;
/// 1.7: `summary.plan.decided` and `summary.plan_skipped`).
pub const SCHEMA_VERSION: &str = "1.7";

/// `summary.verdict` when fewer of the expected units were assessed than the rubric's
/// `[province] min-assessed`: not one of the rubric's verdicts.
pub const INCONCLUSIVE: &str = "belum_dapat_disimpulkan";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Assessment {
    pub schema_version: String,
    pub tool: Tool,
    /// RFC 3339 time of the run (fixed with `--now` for reproducible output).
    pub generated_at: String,
    pub lang: crate::rubric::Lang,
    pub rubric: RubricRef,
    pub inputs: Vec<InputFile>,
    /// What each dataset contributed (schema 1.2).
    #[serde(default)]
    pub datasets: Vec<DatasetRef>,
    /// The verdict bands, best first.
    pub verdicts: Vec<VerdictRef>,
    pub dimensions: Vec<DimensionRef>,
    pub units: Vec<Unit>,
    pub summary: Summary,
    pub diagnostics: Vec<Diagnostic>,
}

impl Assessment {
    /// Where each verdict band starts (`min_score`, best first): what a shown score must not
    /// be rounded across (`format::score_in`).
    pub fn bands(&self) -> Vec<f64> {
        self.verdicts.iter().map(|v| v.min_score).collect()
    }

    /// Read an `assessment.json` written by `kesiapan assess`: a schema 1.x file with the
    /// applied rubric (older files cannot be compared or re-rendered faithfully).
    pub fn read(path: &Path) -> anyhow::Result<Assessment> {
        let text = crate::fsread::read_text(path, u64::MAX)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let v: serde_json::Value = serde_json::from_str(&text)
            .with_context(|| format!("{} is not JSON", path.display()))?;
        let version = v
            .get("schema_version")
            .and_then(|s| s.as_str())
            .unwrap_or("");
        if version.split('.').next() != Some("1") {
            bail!(
                "{} is not a kesiapan assessment.json (schema_version `{version}`)",
                path.display()
            );
        }
        if v.pointer("/rubric/applied").is_none() {
            bail!(
                "{} was written by an older kesiapan (schema {version}) without the applied rubric; run `kesiapan assess` again to compare",
                path.display()
            );
        }
        let mut a: Assessment = serde_json::from_value(v).with_context(|| {
            format!(
                "{} does not have the shape of an assessment.json",
                path.display()
            )
        })?;
        // Before schema 1.5 obstacles had no problem text: their label stands in.
        for o in a.units.iter_mut().flat_map(|u| u.obstacles.iter_mut()) {
            if o.problem.is_empty() {
                o.problem = o.label.clone();
            }
        }
        for o in a.summary.top_obstacles.iter_mut() {
            if o.problem.is_empty() {
                o.problem = o.label.clone();
            }
        }
        a.check()
            .with_context(|| format!("{} is not a faithful assessment.json", path.display()))?;
        Ok(a)
    }

    /// What `assess` never writes, so a file that has it was edited by hand (a score of 1e308
    /// rendered as "Layak (skor inf)", −50 as *Layak*, a unit three times): scores outside
    /// 0–100, shares outside 0–1, a verdict the file does not list, a unit id twice.
    pub fn check(&self) -> anyhow::Result<()> {
        // A hair of rounding is not an edit.
        let score_ok = |s: Option<f64>| s.is_none_or(|x| (-1e-9..=100.0 + 1e-9).contains(&x));
        let mut seen = std::collections::HashSet::new();
        for u in &self.units {
            let id = crate::text::cap(&u.id, crate::text::NAME_LIMIT, crate::rubric::Lang::En);
            if !seen.insert(u.id.as_str()) {
                bail!("unit `{id}` appears twice");
            }
            if !score_ok(u.score)
                || !u.dimensions.iter().all(|d| score_ok(d.score))
                || !u.indicators.iter().all(|i| score_ok(i.score))
            {
                bail!("unit `{id}` has a score outside 0–100");
            }
            if !(-1e-9..=1.0 + 1e-9).contains(&u.coverage) {
                bail!("unit `{id}` has a coverage outside 0–1");
            }
            for v in [&u.verdict, &u.score_verdict] {
                if !self.verdicts.iter().any(|x| &x.id == v) {
                    bail!("unit `{id}` has the verdict `{v}`, which the file does not list");
                }
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RubricRef {
    pub id: String,
    pub version: String,
    pub sha256: String,
    pub path: String,
    pub title: String,
    /// What a unit is called (`OPD`).
    pub unit_label: String,
    pub min_group_size: usize,
    /// The scoring rules as applied, so that a later run can be compared with this one.
    pub applied: Applied,
}

/// The parts of the rubric that decide scores and verdicts.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Applied {
    pub dimensions: Vec<AppliedDimension>,
    pub indicators: Vec<AppliedIndicator>,
    pub gates: Vec<AppliedGate>,
}

impl Applied {
    /// A dimension's nominal share of the total weight (0 when absent).
    pub fn dimension_share(&self, dimension: &str) -> f64 {
        let total: f64 = self.dimensions.iter().map(|d| d.weight).sum();
        match self.dimensions.iter().find(|d| d.id == dimension) {
            Some(d) if total > 0.0 => d.weight / total,
            _ => 0.0,
        }
    }

    /// An indicator's share of its dimension's weight (0 when absent).
    pub fn within_share(&self, indicator: &str) -> f64 {
        let Some(i) = self.indicators.iter().find(|i| i.id == indicator) else {
            return 0.0;
        };
        let sum: f64 = self
            .indicators
            .iter()
            .filter(|j| j.dimension == i.dimension)
            .map(|j| j.weight)
            .sum();
        if sum > 0.0 { i.weight / sum } else { 0.0 }
    }

    /// An indicator's nominal share of the total score (all data present).
    pub fn indicator_share(&self, indicator: &str) -> f64 {
        let dim = self
            .indicators
            .iter()
            .find(|i| i.id == indicator)
            .map(|i| i.dimension.as_str())
            .unwrap_or("");
        self.dimension_share(dim) * self.within_share(indicator)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppliedDimension {
    pub id: String,
    pub label: String,
    /// The rubric's relative weight.
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppliedIndicator {
    pub id: String,
    pub label: String,
    pub dimension: String,
    /// The rubric's relative weight within the dimension.
    pub weight: f64,
    pub value: String,
    pub curve: Curve,
    pub target: Option<f64>,
    pub missing: Missing,
    pub format: ValueFormat,
    pub unit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppliedGate {
    pub id: String,
    pub label: String,
    pub require: String,
    /// The best verdict allowed when the gate fails.
    pub cap: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DatasetRef {
    pub id: String,
    pub title: String,
    /// One row per person (names, NIP); figures over small groups are suppressed.
    pub personal: bool,
    /// One row per unit.
    pub per_unit: bool,
    pub rows_used: usize,
    /// Units with at least one usable row.
    pub units_with_rows: usize,
    /// Personal datasets: rows used ÷ the units' total headcount, 0–1.
    pub response_rate: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VerdictRef {
    pub id: String,
    pub label: String,
    pub min_score: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DimensionRef {
    pub id: String,
    pub label: String,
    /// Share of the total weight, 0–1.
    pub weight: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Unit {
    pub id: String,
    pub name: Option<String>,
    /// Weighted mean of the available dimension scores, 0–100; null with no data at all.
    pub score: Option<f64>,
    /// Share of the rubric's weight that had data, 0–1.
    pub coverage: f64,
    /// The verdict after gates.
    pub verdict: String,
    pub verdict_label: String,
    /// The verdict the score alone would give.
    pub score_verdict: String,
    /// What decided the verdict: `score` or the id of the capping gate.
    pub decided_by: String,
    pub dimensions: Vec<UnitDimension>,
    pub indicators: Vec<UnitIndicator>,
    pub gates_failed: Vec<GateFailure>,
    pub obstacles: Vec<Obstacle>,
    pub wfa: WfaForm,
    /// Data-quality warnings that qualify the verdict (e.g. `low-response: 4 of 40 staff
    /// answered the survey`); absent when there are none. Added in kesiapan 0.1 (additive).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_warnings: Vec<String>,
    /// Schema 1.5: the unit's kind from the master list (e.g. `dinas`, `badan`), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Schema 1.6: how the verdict holds when the rubric moves (absent without the run, and
    /// for a verdict that leadership decided).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub robustness: Option<UnitRobustness>,
    /// Schema 1.6: leadership decisions applied after scoring (`assess --overrides`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<OverrideRecord>,
}

/// A leadership decision applied to a unit, as every output shows it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OverrideRecord {
    /// `verdict`, `max_away` or `gate:<id>`.
    pub what: String,
    /// What was decided, in words ("Hasil penilaian", the gate's label).
    pub label: String,
    /// The value before and after, in words (`from` null when it was hidden or had no data).
    pub from: Option<String>,
    pub to: String,
    pub reason: String,
    pub decided_by: String,
}

impl Unit {
    /// The unit's score on dimension `id` (none without data or for an unknown dimension).
    pub fn dimension_score(&self, id: &str) -> Option<f64> {
        self.dimensions
            .iter()
            .find(|d| d.id == id)
            .and_then(|d| d.score)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnitDimension {
    pub id: String,
    pub score: Option<f64>,
    /// Weight share actually used for this unit (renormalised over dimensions with data).
    pub weight: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IndicatorStatus {
    /// At or above target (or no target).
    Ok,
    /// Below target: an obstacle.
    BelowTarget,
    /// No value; excluded from the denominator.
    Missing,
    /// No value; scored as 0 as the rubric asks.
    MissingScoredZero,
    /// Computed from a group smaller than the minimum size; not shown, excluded.
    Suppressed,
    /// Weight 0: shown for information, not scored.
    Info,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnitIndicator {
    pub id: String,
    pub dimension: String,
    pub value: Option<f64>,
    /// The value as shown to people (`42 %`, `12,5 Mbps`).
    pub display: String,
    pub score: Option<f64>,
    /// The rubric's weight of the indicator within its dimension.
    pub weight: f64,
    /// Share of the unit's total score this indicator carries, 0–1.
    pub effective_weight: f64,
    pub target: Option<f64>,
    pub status: IndicatorStatus,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GateFailure {
    pub id: String,
    pub label: String,
    pub message: String,
    /// The best verdict the gate allows.
    pub cap: String,
    /// The condition could not be computed (missing data).
    pub missing_data: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ObstacleKind {
    /// A failed gate: caps the verdict whatever the score.
    Gate,
    /// Not enough data to score the unit.
    Coverage,
    /// An indicator below its target.
    Indicator,
}

/// The kind as written in reports and in `assessment.json`: `gate`, `coverage`, `indicator`.
impl fmt::Display for ObstacleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ObstacleKind::Gate => "gate",
            ObstacleKind::Coverage => "coverage",
            ObstacleKind::Indicator => "indicator",
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Obstacle {
    pub id: String,
    pub kind: ObstacleKind,
    pub label: String,
    pub message: String,
    /// What it would take to fix it.
    pub fix: Option<String>,
    /// Schema 1.5: the obstacle as a problem, in a few words (older files: empty).
    #[serde(default)]
    pub problem: String,
    /// Schema 1.5: the office responsible for the fix, when the rubric names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// Points of total score (0–100) gained by reaching the target.
    pub score_cost: f64,
    pub staff_affected: Option<i64>,
    pub rank: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EligibleJob {
    pub name: String,
    /// People holding the job in the unit; `None` when unknown or suppressed.
    pub holders: Option<i64>,
    /// Why the count is not shown (schema 1.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<Suppression>,
}

/// Why a figure is not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Suppression {
    /// The group is smaller than the minimum group size.
    SmallGroup,
    /// Hidden with a small group so that it cannot be worked out by subtraction.
    Complementary,
}

/// What the reports leave out for privacy, so they can say so (schema 1.2).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SuppressionSummary {
    pub min_group_size: usize,
    /// Indicator values computed over fewer people than the minimum.
    pub indicator_values: usize,
    /// Job-holder counts under the minimum.
    pub job_counts: usize,
    /// Figures hidden only so that a small one cannot be recovered by subtraction: job-holder
    /// counts, and units' eligible and allowed-at-once totals.
    pub complementary: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WfaForm {
    pub staff_total: Option<i64>,
    /// `None` when unknown or suppressed.
    pub staff_eligible: Option<i64>,
    /// Why `staff_eligible` is not shown (it would give away a small group).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_eligible_suppressed: Option<Suppression>,
    pub min_on_site: Option<i64>,
    /// Share of staff that may be away at once for this verdict.
    pub max_share_away: f64,
    /// `None` when suppressed: whenever `staff_eligible` is, since it is that figure when
    /// eligible staff is the binding limit (schema 1.2).
    pub staff_allowed_at_once: Option<i64>,
    /// Why `staff_allowed_at_once` is not shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_allowed_suppressed: Option<Suppression>,
    pub max_days_per_week: Option<i64>,
    pub eligible_jobs: Vec<EligibleJob>,
    pub conditions: Vec<String>,
}

impl WfaForm {
    /// Whether anyone may take WFA in the unit. When the allowed figure is hidden, its eligible
    /// total is hidden too and is above zero (an empty group is never hidden), so the figure is
    /// above zero exactly when the verdict's share and the minimum on site leave room: what a
    /// reader can tell from the shown figures anyway.
    pub fn allows_wfa(&self) -> bool {
        match (self.staff_allowed_at_once, self.staff_total) {
            (Some(x), _) => x > 0,
            (None, Some(t)) => {
                (self.max_share_away * t as f64 + 1e-9).floor() >= 1.0
                    && t - self.min_on_site.unwrap_or(0) > 0
            }
            (None, None) => false,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TopObstacle {
    pub id: String,
    pub kind: ObstacleKind,
    pub label: String,
    /// Schema 1.5: the obstacle as a problem, in a few words (older files: empty).
    #[serde(default)]
    pub problem: String,
    /// Schema 1.5: the office responsible for the fix, when the rubric names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// Units it keeps from their next verdict (schema 1.5; before: every unit below target).
    pub units: usize,
    pub staff_affected: i64,
    pub score_cost_total: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Summary {
    pub label: String,
    pub verdict: String,
    pub verdict_label: String,
    pub message: String,
    /// What decided it: the index of the province rule, or `default`.
    pub decided_by: String,
    pub units: usize,
    pub verdict_counts: BTreeMap<String, usize>,
    pub staff_total: i64,
    pub staff_eligible: i64,
    pub staff_allowed_at_once: i64,
    pub top_obstacles: Vec<TopObstacle>,
    #[serde(default)]
    pub suppressed: SuppressionSummary,
    /// Schema 1.4: the units that should answer (older files: 0, unknown).
    #[serde(default)]
    pub units_expected: usize,
    /// The units assessed (= `units`).
    #[serde(default)]
    pub units_assessed: usize,
    /// `units_assessed / units_expected` (0 when none is expected).
    #[serde(default)]
    pub share_assessed: f64,
    /// The rubric's `[province] min-assessed` (0 = no threshold).
    #[serde(default)]
    pub min_assessed: f64,
    /// False when `share_assessed < min_assessed`: `verdict` is then `INCONCLUSIVE`.
    #[serde(default = "conclusive_default")]
    pub conclusive: bool,
    /// "40 dari 40 OPD dinilai".
    #[serde(default)]
    pub assessed_line: String,
    /// The verdict, label and message the province rules give over the assessed units (the
    /// same as `verdict` and `message` when `conclusive`).
    #[serde(default)]
    pub verdict_if_assessed: String,
    #[serde(default)]
    pub verdict_if_assessed_label: String,
    #[serde(default)]
    pub message_if_assessed: String,
    /// Every expected unit that was not assessed, with the reasons, in roll order.
    #[serde(default)]
    pub not_assessed: Vec<NotAssessedUnit>,
    /// Per dataset (rubric order), the expected units with no usable row ("belum mengirim");
    /// datasets every unit sent are left out.
    #[serde(default)]
    pub not_sent: Vec<NotSent>,
    /// Schema 1.5: per verdict below the best that some unit has, what keeps its units from
    /// the next verdict (older files: empty).
    #[serde(default)]
    pub blockers: Vec<Blockers>,
    /// Schema 1.5: per verdict some unit has, best first, the units and their staff figures
    /// (`staff_allowed_at_once` null when a unit's figure is hidden for privacy).
    #[serde(default)]
    pub groups: Vec<VerdictGroupSummary>,
    /// Schema 1.6: how the verdicts and the staff figure hold when the rubric moves (absent
    /// when `assess` ran without it: `--robustness-runs 0`, or an older file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub robustness: Option<Robustness>,
    /// Schema 1.6: what it would take to bring the units at the worst verdict to the next one
    /// (`kesiapan plan`'s cheapest plans, summed); absent without improvements in the rubric
    /// or when `assess` skipped it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<PlanSummary>,
    /// Schema 1.7: `plan` was not made because more units are at the worst verdict than
    /// `assess --plan-units` allows (the search is the costly part; `kesiapan plan` makes it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_skipped: Option<PlanSkipped>,
}

/// Why the summary has no plan: `units` at the worst verdict, above `limit`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct PlanSkipped {
    pub units: usize,
    pub limit: usize,
}

/// The cheapest plans of the units at the worst verdict towards the next one, summed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlanSummary {
    pub from_verdict: String,
    pub from_label: String,
    pub to_verdict: String,
    pub to_label: String,
    /// Score points every plan clears above the start of the band it reaches.
    pub margin: f64,
    /// Units at `from_verdict`, and those the improvements bring to `to_verdict`.
    pub units: usize,
    pub reaching: usize,
    /// Schema 1.7: units at `from_verdict` by a leadership decision (an override of their
    /// verdict or gates), left out of `units` and the costs.
    #[serde(default)]
    pub decided: usize,
    pub cost_once: f64,
    pub cost_yearly: f64,
    /// Additional staff allowed away at once; null when it would give a hidden figure back.
    pub staff_gain: Option<i64>,
    /// What the plans buy, by improvement: the most units first.
    pub actions: Vec<PlanAction>,
    /// The rubric's unit costs are assumptions (its `assumption` notes).
    pub costs_assumed: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlanAction {
    pub improvement: String,
    pub label: String,
    /// Units whose plan has it.
    pub units: usize,
    pub cost_once: f64,
    pub cost_yearly: f64,
    /// The office responsible (from the gates and indicators it feeds), when the rubric names one.
    pub office: Option<String>,
}

/// The settings and the province-level results of the quick sensitivity run inside `assess`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Robustness {
    /// Perturbed rubrics scored (deterministic for `seed`).
    pub runs: usize,
    pub seed: u64,
    /// Dirichlet concentration of the weight draws (higher: smaller moves).
    pub concentration: f64,
    /// Curve thresholds and gate limits move by up to ± this share of their range.
    pub threshold_spread: f64,
    /// A unit's verdict is fragile when fewer than this share of the runs give it.
    pub stable_share: f64,
    /// Units whose verdict is fragile, in unit order.
    pub fragile_units: Vec<String>,
    /// Staff allowed away at once over all units: 5th, 50th, 95th percentile over the runs.
    pub staff_allowed_p05: i64,
    pub staff_allowed_p50: i64,
    pub staff_allowed_p95: i64,
    /// Share of the runs giving the province's answer (the rules' verdict over the assessed
    /// units).
    pub answer_share: f64,
}

/// How one unit's verdict holds when the rubric's weights and thresholds move.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnitRobustness {
    /// Share of the runs giving the unit's verdict.
    pub share: f64,
    /// `share` is under the run's `stable_share`.
    pub fragile: bool,
    /// The verdict the other runs give most often (none when every run agrees), its label and
    /// its share of the runs.
    pub other: Option<String>,
    pub other_label: Option<String>,
    pub other_share: f64,
    /// 5th and 95th percentile of the score over the runs.
    pub score_p05: Option<f64>,
    pub score_p95: Option<f64>,
    /// What the score follows most, strongest first: the parameter (`weight:<id>`,
    /// `curve:<id>`, `gate:<id>`), its name in words and the correlation over the runs.
    pub sensitive_to: Vec<SensitiveTo>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SensitiveTo {
    pub parameter: String,
    pub label: String,
    pub correlation: f64,
}

/// The units at one verdict, with their summed staff figures.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VerdictGroupSummary {
    pub verdict: String,
    pub label: String,
    pub units: usize,
    pub staff_total: i64,
    pub min_on_site: i64,
    pub staff_allowed_at_once: Option<i64>,
}

/// What the units at one verdict have in common that keeps them from the next.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Blockers {
    pub verdict: String,
    pub verdict_label: String,
    /// The next better verdict's label.
    pub next_label: String,
    pub units: usize,
    /// At most 3, most widespread in the group first.
    pub obstacles: Vec<TopObstacle>,
}

fn conclusive_default() -> bool {
    true
}

/// An expected unit that was not assessed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NotAssessedUnit {
    pub unit: String,
    pub name: Option<String>,
    /// Why, worded in the run's language.
    pub reasons: Vec<String>,
}

/// The expected units that have not sent one dataset.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NotSent {
    pub dataset: String,
    pub title: String,
    pub units: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_refuses_other_files_and_older_schemas() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        let err = |text: &str| {
            std::fs::write(&p, text).unwrap();
            format!("{:#}", Assessment::read(&p).unwrap_err())
        };
        assert!(err("not json").contains("is not JSON"));
        assert!(err(r#"{"schema_version": "2.0"}"#).contains("schema_version `2.0`"));
        assert!(err(r#"{"schema_version": "1.1", "rubric": {}}"#).contains("older kesiapan"));
        assert!(
            err(r#"{"schema_version": "1.2", "rubric": {"applied": {}}}"#)
                .contains("does not have the shape")
        );
        assert!(Assessment::read(&dir.path().join("none.json")).is_err());
    }

    /// The attack pass: `render` drew "Layak (skor inf)" from a hand-edited score of 1e308,
    /// *Layak* from −50, and a unit copied three times.
    #[test]
    fn an_edited_assessment_is_refused_by_render() {
        let tiny = include_str!("../tests/snapshots/tiny-assessment.id.json");
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        let read = |v: &serde_json::Value| {
            std::fs::write(&p, v.to_string()).unwrap();
            Assessment::read(&p).map_err(|e| format!("{e:#}"))
        };
        let base: serde_json::Value = serde_json::from_str(tiny).unwrap();
        assert!(read(&base).is_ok());
        for (edit, words) in [
            (serde_json::json!(1e308), "outside 0–100"),
            (serde_json::json!(-50.0), "outside 0–100"),
        ] {
            let mut v = base.clone();
            v["units"][0]["score"] = edit;
            assert!(read(&v).unwrap_err().contains(words));
        }
        let mut v = base.clone();
        let first = v["units"][0].clone();
        v["units"].as_array_mut().unwrap().push(first);
        assert!(read(&v).unwrap_err().contains("appears twice"));
        let mut v = base.clone();
        v["units"][0]["verdict"] = "sangat-layak".into();
        assert!(read(&v).unwrap_err().contains("does not list"));
    }
}
