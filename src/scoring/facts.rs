//! What scoring decides, as typed facts: numbers, ids, statuses and indices into the rubric.
//! Nothing here is a sentence; `crate::words` turns these facts and the rubric into the worded
//! `Assessment`. Scores, coverage, weights and costs are rounded to the rubric's `decimals` as
//! the contract shows them (the rounding decides bands and the obstacle ranking); the values a
//! rubric template words are kept as computed.

use crate::assessment::{EligibleJob, IndicatorStatus, ObstacleKind, SuppressionSummary};
use crate::diag::Diagnostic;
use crate::input::InputFile;
use std::collections::BTreeMap;

/// A whole run, scored.
#[derive(Debug, Clone)]
pub struct Scored {
    pub inputs: Vec<InputFile>,
    /// What each dataset contributed, in rubric order.
    pub datasets: Vec<DatasetUse>,
    /// Every unit, sorted by id.
    pub units: Vec<UnitScore>,
    pub province: ProvinceScore,
    /// The loader's diagnostics, then scoring's own (small groups).
    pub diagnostics: Vec<Diagnostic>,
    /// Every unit's computed values, as `units` (for a sensitivity run on the same data).
    pub values: Vec<super::UnitValues>,
    /// A quick sensitivity run over `values`, when the caller made one (`assess`).
    pub robustness: Option<crate::sensitivity::Sensitivity>,
    /// The cheapest plans of the units at the worst verdict towards the next one, when the
    /// caller made them (`assess`), and each improvement's office.
    pub plan: Option<(crate::plan::Plans, Vec<Option<String>>)>,
    /// No plan made: (units at the worst verdict, the limit they exceed).
    pub plan_skipped: Option<(usize, usize)>,
}

/// What one dataset contributed.
#[derive(Debug, Clone, PartialEq)]
pub struct DatasetUse {
    pub rows_used: usize,
    /// Units with at least one usable row.
    pub units_with_rows: usize,
    /// Personal datasets: rows used ÷ the units' total headcount, 0–1.
    pub response_rate: Option<f64>,
}

/// What decided a verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decider {
    Score,
    /// The failed gate (rubric index) that capped it.
    Gate(usize),
    Coverage,
    /// A leadership decision (`overrides`) set it.
    Override,
}

/// One unit, scored.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitScore {
    pub id: String,
    pub name: Option<String>,
    /// Weighted mean of the available dimension scores, 0–100 (rounded).
    pub score: Option<f64>,
    /// Share of the rubric's weight that had data, 0–1 (rounded).
    pub coverage: f64,
    /// Verdict index after gates and coverage.
    pub verdict: usize,
    /// Verdict index the score alone earns.
    pub score_band: usize,
    pub decided_by: Decider,
    /// In rubric order.
    pub dimensions: Vec<DimensionScore>,
    /// In rubric order.
    pub indicators: Vec<IndicatorScore>,
    pub gates_failed: Vec<GateFailed>,
    /// Ranked: `rank` is the position, from 1.
    pub obstacles: Vec<ObstacleFact>,
    pub wfa: WfaFacts,
    /// Leadership decisions applied to it, in the order applied.
    pub overrides: Vec<super::decisions::OverrideFact>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DimensionScore {
    pub score: Option<f64>,
    /// Weight share actually used for this unit (renormalised over dimensions with data).
    pub weight: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IndicatorScore {
    /// The value as computed; `None` when missing or suppressed.
    pub value: Option<f64>,
    /// Rounded; `None` when excluded (missing or suppressed).
    pub score: Option<f64>,
    /// Share of the unit's total score this indicator carries, 0–1 (rounded).
    pub effective_weight: f64,
    pub status: IndicatorStatus,
}

/// A failed gate (rubric index); `missing_data` when its condition could not be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GateFailed {
    pub gate: usize,
    pub missing_data: bool,
}

/// What an obstacle is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About {
    Gate(usize),
    Coverage,
    Indicator(usize),
}

impl About {
    pub fn kind(self) -> ObstacleKind {
        match self {
            About::Gate(_) => ObstacleKind::Gate,
            About::Coverage => ObstacleKind::Coverage,
            About::Indicator(_) => ObstacleKind::Indicator,
        }
    }
}

/// Why a unit has an obstacle, with the values its message is worded from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cause {
    /// A failed gate (rubric index).
    Gate { gate: usize, missing_data: bool },
    /// Less of the rubric's weight has data (`coverage`, as computed) than `min-coverage`.
    Coverage { coverage: f64 },
    /// An indicator (rubric index) below its target, or missing and scored zero: its value and
    /// gap as computed (`None` when missing), and its score (0 when missing).
    Indicator {
        indicator: usize,
        value: Option<f64>,
        gap: Option<f64>,
        score: f64,
    },
}

impl Cause {
    pub fn about(&self) -> About {
        match *self {
            Cause::Gate { gate, .. } => About::Gate(gate),
            Cause::Coverage { .. } => About::Coverage,
            Cause::Indicator { indicator, .. } => About::Indicator(indicator),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ObstacleFact {
    /// The gate's or indicator's id, or `coverage`.
    pub id: String,
    pub cause: Cause,
    /// Points of total score (0–100) gained by reaching the target (rounded).
    pub score_cost: f64,
    pub staff_affected: Option<i64>,
    pub rank: usize,
}

/// The WFA form's numbers for a unit at its verdict (zeros when the rubric has no `[wfa]`).
#[derive(Debug, Clone, PartialEq)]
pub struct WfaFacts {
    pub staff_total: Option<i64>,
    pub staff_eligible: Option<i64>,
    pub min_on_site: Option<i64>,
    /// Share of staff that may be away at once for this verdict.
    pub max_share_away: f64,
    pub staff_allowed_at_once: i64,
    /// With small holder counts suppressed.
    pub eligible_jobs: Vec<EligibleJob>,
    /// Eligible jobs not listed at all: the unit's eligible staff are fewer than the minimum
    /// group size, so even a job's name could point at one person.
    pub jobs_hidden: usize,
    /// Why `staff_eligible` must not be shown: it would give away a hidden job count (or the
    /// unit's eligible staff are themselves a small group), or another unit's hidden total could
    /// be worked out from the province's. The value is kept for the province's rules.
    pub staff_eligible_hidden: Option<crate::assessment::Suppression>,
    /// Why `staff_allowed_at_once` must not be shown: whenever `staff_eligible` is hidden
    /// (when eligible staff is the binding limit the allowed figure *is* the hidden total, and
    /// hiding it only then would tell that it binds), or another unit's hidden figure could be
    /// worked out from the province's total. The value is kept for the province's rules and
    /// the WFA conditions.
    pub staff_allowed_hidden: Option<crate::assessment::Suppression>,
}

/// The province's answer.
#[derive(Debug, Clone)]
pub struct ProvinceScore {
    /// The units that should answer (the roll, with any scored unit it does not list).
    pub units_expected: usize,
    /// `units / units_expected` (0 when none is expected).
    pub share_assessed: f64,
    /// False when `share_assessed` is under the rubric's `[province] min-assessed`: the
    /// answer is then "cannot yet be concluded", `verdict` is what the assessed units alone give.
    pub conclusive: bool,
    /// The roll: which units were not assessed and why, which datasets each has not sent.
    pub roll: crate::input::Roll,
    /// The province rule (index) that held, or `None` for the default.
    pub rule: Option<usize>,
    /// Verdict index.
    pub verdict: usize,
    /// The figures the rules (and their message templates) read: `units`, `staff_total`,
    /// `staff_eligible`, `staff_allowed`, and `n_<verdict>`, `share_<verdict>` per verdict.
    pub fields: Vec<(String, f64)>,
    pub units: usize,
    pub verdict_counts: BTreeMap<String, usize>,
    pub staff_total: i64,
    pub staff_eligible: i64,
    pub staff_allowed_at_once: i64,
    /// The obstacles that keep most units from their next verdict, at most 10 (an obstacle of
    /// a unit already at the best verdict, or one that does not decide its verdict, is not
    /// counted; see `province::blocks_next`).
    pub top_obstacles: Vec<TopObstacleFact>,
    /// Per verdict below the best that some unit has: what keeps its units from the next one.
    pub blockers: Vec<VerdictBlockers>,
    /// Per verdict that some unit has, best first: its units and their staff figures.
    pub groups: Vec<VerdictGroup>,
    pub suppressed: SuppressionSummary,
}

/// The units at one verdict, with their summed staff figures.
#[derive(Debug, Clone, PartialEq)]
pub struct VerdictGroup {
    /// Verdict index.
    pub verdict: usize,
    pub units: usize,
    pub staff_total: i64,
    pub min_on_site: i64,
    /// `None` when a unit of the group has its figure hidden for privacy: the group's sum
    /// less the shown figures would give it away.
    pub staff_allowed_at_once: Option<i64>,
}

/// What the units at one verdict have in common that keeps them from the next.
#[derive(Debug, Clone, PartialEq)]
pub struct VerdictBlockers {
    /// Verdict index (never 0, the best).
    pub verdict: usize,
    pub units: usize,
    /// At most 3, most widespread first.
    pub obstacles: Vec<TopObstacleFact>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TopObstacleFact {
    pub id: String,
    /// What the first unit's obstacle with this id is about.
    pub about: About,
    pub units: usize,
    pub staff_affected: i64,
    pub score_cost_total: f64,
}
