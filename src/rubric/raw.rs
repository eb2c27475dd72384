//! The rubric file as written: serde structs that mirror the TOML one to one, with spans kept
//! on every value that is checked later, so that an error can point at `file:line:column`.
//!
//! Nothing here is trusted by the scorer; `rubric::validate` turns it into a checked `Rubric`.
//! Unknown keys are collected (not fatal here) by `serde_ignored` in `rubric::load`.

use serde::Deserialize;
use toml::Spanned;

/// A text in Indonesian, with an optional English version: `"Teks"` or `{ id = "…", en = "…" }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawText {
    Plain(String),
    Lang { id: String, en: Option<String> },
}

/// The whole rubric file.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawRubric {
    /// Version of the rubric *format* (this document); currently 1.
    pub format_version: Spanned<i64>,
    /// Stable identifier of the rubric, e.g. `wfa-asn-2025`.
    pub id: Spanned<String>,
    /// The rubric's own version, e.g. `1.0.0`; bump it when weights or thresholds change.
    pub version: Spanned<String>,
    /// Human title.
    pub title: Option<RawText>,
    /// Longer description.
    pub description: Option<RawText>,
    /// Groups of people smaller than this are never reported (default 5).
    pub min_group_size: Option<Spanned<i64>>,
    /// What a unit is and where the list of units comes from.
    pub units: Spanned<RawUnits>,
    /// The datasets, by id.
    pub datasets: std::collections::BTreeMap<String, Spanned<RawDataset>>,
    /// Scoring settings.
    pub scoring: Option<Spanned<RawScoringSettings>>,
    /// Dimensions, each with a weight.
    #[serde(default)]
    pub dimensions: Vec<Spanned<RawDimension>>,
    /// Indicators, each in a dimension.
    #[serde(default)]
    pub indicators: Vec<Spanned<RawIndicator>>,
    /// Hard conditions that cap the verdict.
    #[serde(default)]
    pub gates: Vec<Spanned<RawGate>>,
    /// Verdict bands, best first.
    #[serde(default)]
    pub verdicts: Vec<Spanned<RawVerdict>>,
    /// The form WFA takes in a unit.
    pub wfa: Option<Spanned<RawWfa>>,
    /// How the unit verdicts become one overall answer.
    pub province: Option<Spanned<RawProvince>>,
    /// What can be bought to improve a unit, with unit costs (for `kesiapan plan`).
    #[serde(default)]
    pub improvements: Vec<Spanned<RawImprovement>>,
    /// An evaluation rubric (`kesiapan evaluate`): the treatment log, windows and method.
    pub evaluation: Option<Spanned<RawEvaluation>>,
    /// An evaluation rubric's measures: one value per unit and working day.
    #[serde(default)]
    pub measures: Vec<Spanned<RawMeasure>>,
}

/// `[evaluation]`: what makes a rubric an evaluation rubric.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawEvaluation {
    /// The treatment log: `{ dataset, date, away }`.
    pub treatment: Spanned<RawTreatment>,
    /// `year` (the same working days a year earlier) or `before` (the days just before).
    pub baseline: Option<Spanned<String>>,
    /// Working days before the window (and before the baseline) for the placebo and the naive
    /// comparison.
    pub before_days: Option<Spanned<i64>>,
    /// Interval level, e.g. 0.90.
    pub level: Option<Spanned<f64>>,
    /// Bootstrap runs for the province's interval.
    pub runs: Option<Spanned<i64>>,
    pub seed: Option<Spanned<i64>>,
    /// Per-unit intervals hold jointly over the units that worked away (Bonferroni).
    pub simultaneous: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct RawTreatment {
    pub dataset: Spanned<String>,
    /// The date column of the log.
    pub date: Spanned<String>,
    /// Row-level SQL: true when the row's person worked away that day.
    pub away: Spanned<String>,
}

/// One `[[measures]]` entry.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawMeasure {
    pub id: Spanned<String>,
    pub label: Option<RawText>,
    /// kinerja, disiplin, infrastruktur, layanan or anggaran.
    pub scope: Spanned<String>,
    pub dataset: Spanned<String>,
    /// The dataset's date column (default `tanggal`).
    pub date: Option<Spanned<String>>,
    /// SQL aggregate over one unit's rows of one day.
    pub value: Spanned<String>,
    /// `relative` (a ratio of means) or `absolute` (a difference).
    pub scale: Spanned<String>,
    /// `higher` or `lower` is better.
    pub direction: Spanned<String>,
    /// How big a drop still counts as held (a share on the relative scale).
    pub tolerance: Spanned<f64>,
    /// The value comes from people's own answers (a survey): labelled as such.
    #[serde(default)]
    pub self_reported: bool,
    /// The value is a share (0–1): an absolute change is shown in percentage points.
    #[serde(default)]
    pub share: bool,
}

/// One thing that can be bought or done: it raises a unit-level figure by an amount
/// (`adds-to`, priced per unit) or sets one (`sets`/`to`, at a fixed cost).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawImprovement {
    pub id: Spanned<String>,
    pub label: Option<RawText>,
    /// The unit-level name raised by `amount × scale`.
    pub adds_to: Option<Spanned<String>>,
    /// Unit-level SQL: what one unit of the improvement adds to `adds-to` (default 1).
    pub scale: Option<Spanned<String>>,
    /// Unit-level SQL: the largest amount that can be added.
    pub max: Option<Spanned<String>>,
    /// Amounts are multiples of this (default 1).
    pub step: Option<Spanned<f64>>,
    /// Cost of one unit of the amount, in Rupiah.
    pub unit_cost: Option<Spanned<f64>>,
    /// The unit-level name set to `to`.
    pub sets: Option<Spanned<String>>,
    /// SQL value given to `sets` (`TRUE`, `'harian'`).
    pub to: Option<Spanned<String>>,
    /// Fixed cost of `sets`, in Rupiah.
    pub cost: Option<Spanned<f64>>,
    /// What the amount counts (`laptop dinas`, `Mbps`).
    pub unit: Option<RawText>,
    /// Where the cost comes from; shown with every plan.
    pub assumption: Option<RawText>,
    /// The cost recurs every year (a licence, a subscription, a person); default false: a
    /// one-off purchase. Plans keep the two apart.
    pub yearly: Option<Spanned<bool>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawUnits {
    /// The dataset whose rows are the list of units. Without it, units are every key seen.
    pub dataset: Option<Spanned<String>>,
    /// Column (of that dataset, or of the first dataset naming the unit) giving the unit's name.
    pub name: Option<Spanned<String>>,
    /// What a unit is called in reports, e.g. `{ id = "OPD", en = "work unit" }`.
    pub label: Option<RawText>,
    /// Column of the unit dataset with the unit's headcount, for survey response rates.
    pub headcount: Option<Spanned<String>>,
    /// The dataset with one row per responding staff member (the survey).
    pub respondents: Option<Spanned<String>>,
    /// Response rate (respondents ÷ headcount) below which a unit gets a data-quality warning.
    pub min_response: Option<Spanned<f64>>,
    /// The master list of the units that should answer: `{ files = ["daftar-opd*"] }`.
    pub master: Option<Spanned<RawMaster>>,
    /// A dataset that should cover every staff member: `{ dataset = "jabatan", column =
    /// "jumlah_pemangku", min = 0.8 }` (the column's sum per unit ÷ the headcount).
    pub coverage: Option<Spanned<RawCoverage>>,
}

/// `[units] coverage`: a dataset whose rows should account for the unit's whole headcount.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct RawCoverage {
    pub dataset: Spanned<String>,
    /// A numeric column of that dataset, summed per unit.
    pub column: Spanned<String>,
    /// Share of the headcount below which the unit gets a `low-coverage` warning.
    pub min: Option<Spanned<f64>>,
}

/// `[units] master`: the file(s) of the data folder holding the list of expected units.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawMaster {
    /// Case-insensitive filename globs, like a dataset's `files`.
    #[serde(default)]
    pub files: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawDataset {
    pub title: Option<RawText>,
    /// Case-insensitive filename globs (`*infra*`) that pick this dataset's files in a folder.
    #[serde(default)]
    pub files: Vec<Spanned<String>>,
    /// Sheet name globs to read; by default every visible sheet whose header matches.
    #[serde(default)]
    pub sheets: Vec<Spanned<String>>,
    /// Column (or derived column) naming the unit a row belongs to.
    pub unit_key: Spanned<String>,
    /// Columns whose values together must be unique; repeats are rejected.
    #[serde(default)]
    pub unique: Vec<Spanned<String>>,
    /// One row per unit: every column is also a unit-level metric under its own name.
    #[serde(default)]
    pub per_unit: bool,
    /// Rows describe people: unit figures from fewer rows than `min-group-size` are suppressed.
    #[serde(default)]
    pub personal: bool,
    /// Every unit is expected to have rows (default); `false` for a dataset only some units
    /// send (public service: only the units that run one), so a unit without rows is no warning.
    pub every_unit: Option<bool>,
    /// The columns of the schema.
    #[serde(default)]
    pub columns: Vec<Spanned<RawColumn>>,
    /// Row-level derived columns, SQL expressions evaluated in order.
    #[serde(default)]
    pub derived: Vec<Spanned<RawNamedExpr>>,
    /// Per-unit aggregates, SQL aggregate expressions.
    #[serde(default)]
    pub metrics: Vec<Spanned<RawNamedExpr>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawColumn {
    pub name: Spanned<String>,
    #[serde(rename = "type")]
    pub kind: Spanned<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub min: Option<Spanned<f64>>,
    pub max: Option<Spanned<f64>>,
    /// Allowed values of a `category` column.
    #[serde(default)]
    pub values: Vec<String>,
    /// Personal data (name, NIP): loaded only for keys, never written to any output.
    #[serde(default)]
    pub personal: bool,
    /// The column's heading on a form (`kesiapan template`); read back as this column.
    pub label: Option<Spanned<RawText>>,
    /// What the column means, in one line: the form's instructions and header note.
    pub description: Option<Spanned<RawText>>,
    /// The form's wording (a Google Forms question): one text or a list.
    pub question: Option<Spanned<RawQuestion>>,
    /// A `likert` column's scale points in words, by value: `{ 1 = "…", 5 = "…" }`.
    pub anchors: Option<Spanned<std::collections::BTreeMap<String, RawText>>>,
    /// A typical answer, shown as the form's example (`"Tidak"`, `12`, `0.85`).
    pub example: Option<Spanned<RawExample>>,
}

/// A column's example as written: a text or a number.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawExample {
    Number(f64),
    Text(String),
}

/// One question text or several.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawQuestion {
    One(String),
    Many(Vec<String>),
}

impl RawQuestion {
    pub fn texts(&self) -> Vec<String> {
        match self {
            RawQuestion::One(s) => vec![s.clone()],
            RawQuestion::Many(v) => v.clone(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawNamedExpr {
    pub name: Spanned<String>,
    pub expr: Spanned<String>,
    pub description: Option<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawScoringSettings {
    /// Share (0–1) of the total weight that must have data for a unit to be scored.
    pub min_coverage: Option<Spanned<f64>>,
    /// Decimal places kept for scores and values in outputs (default 4).
    pub decimals: Option<Spanned<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawDimension {
    pub id: Spanned<String>,
    pub label: Option<RawText>,
    pub weight: Spanned<f64>,
    pub description: Option<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawIndicator {
    pub id: Spanned<String>,
    pub dimension: Spanned<String>,
    pub label: Option<RawText>,
    /// Unit-level SQL expression giving the indicator's value.
    pub value: Spanned<String>,
    pub weight: Spanned<f64>,
    pub scoring: Spanned<RawCurve>,
    /// Value that counts as good enough; below it the indicator is an obstacle.
    pub target: Option<Spanned<f64>>,
    /// `exclude` (default): a missing value leaves the denominator; `zero`: scores 0.
    pub missing: Option<Spanned<String>>,
    /// Display unit of the value (`Mbps`, `laptop/pegawai`).
    pub unit: Option<String>,
    /// How to show the value: `number` (default), `percent`, `integer`, `boolean`.
    pub format: Option<Spanned<String>>,
    /// Unit-level SQL expression: staff affected when this indicator is an obstacle.
    pub affects: Option<Spanned<String>>,
    /// Unit-level SQL expression: the gap to close, in the input's own units (`{gap}`).
    pub gap: Option<Spanned<String>>,
    /// Obstacle message template.
    pub message: Option<Spanned<RawText>>,
    /// What it would take to fix it, template.
    pub fix: Option<Spanned<RawText>>,
    /// The obstacle in a few words, as the problem (`Pelaporan output belum harian`), for the
    /// province's lists; no placeholders.
    pub problem: Option<Spanned<RawText>>,
    /// The office responsible for the fix (`BKD`, `Diskominfosantik`).
    pub office: Option<Spanned<String>>,
    pub source: Option<String>,
}

/// How a value becomes a 0–100 score.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum RawCurve {
    /// Straight line from `zero` (score 0) to `full` (score 100), clamped.
    Linear { zero: f64, full: f64 },
    /// `value < thresholds[0]` scores `scores[0]`, … one more score than thresholds.
    Steps {
        thresholds: Vec<f64>,
        scores: Vec<f64>,
    },
    /// True (or non-zero) scores `true-score` (100), false `false-score` (0).
    Boolean {
        #[serde(rename = "true-score")]
        true_score: Option<f64>,
        #[serde(rename = "false-score")]
        false_score: Option<f64>,
    },
    /// Lighthouse-style log-normal curve: `median` scores 50, `good` scores 90.
    LogNormal { median: f64, good: f64 },
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawGate {
    pub id: Spanned<String>,
    pub label: Option<RawText>,
    /// Unit-level SQL condition that must hold; when false, the verdict is capped.
    pub require: Spanned<String>,
    /// The best verdict a unit failing the gate can get.
    pub cap: Spanned<String>,
    /// `fail` (default) or `pass` when the condition cannot be computed.
    pub if_missing: Option<Spanned<String>>,
    pub message: Spanned<RawText>,
    pub fix: Option<Spanned<RawText>>,
    /// The failed condition in a few words, as the problem; no placeholders.
    pub problem: Option<Spanned<RawText>>,
    /// The office responsible for the fix.
    pub office: Option<Spanned<String>>,
    pub affects: Option<Spanned<String>>,
    pub source: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawVerdict {
    pub id: Spanned<String>,
    pub label: RawText,
    /// Lowest score (0–100) for this verdict.
    pub min_score: Spanned<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawWfa {
    /// Unit-level SQL: all staff of the unit.
    pub staff_total: Spanned<String>,
    /// Unit-level SQL: staff who may take WFA by the nature of their job and their status.
    pub staff_eligible: Spanned<String>,
    /// Unit-level SQL: staff who must stay on site whatever happens.
    pub min_on_site: Option<Spanned<String>>,
    /// Share of staff that may be away at once, per verdict id.
    pub max_share_away: Spanned<std::collections::BTreeMap<String, Spanned<f64>>>,
    /// Maximum WFA days a week per person (PermenPANRB 4/2025: 2).
    pub max_days_per_week: Option<Spanned<i64>>,
    /// Which job rows are eligible, to list them.
    pub jobs: Option<Spanned<RawWfaJobs>>,
    /// Conditions attached to WFA wherever it is allowed.
    #[serde(default)]
    pub conditions: Vec<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawWfaJobs {
    pub dataset: Spanned<String>,
    /// Boolean column (or derived column) marking a row's job as WFA-eligible.
    pub eligible: Spanned<String>,
    /// Column with the job's name.
    pub name: Spanned<String>,
    /// Column with the number of holders.
    pub count: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawProvince {
    pub label: Option<RawText>,
    /// Rules tried in order; the first whose condition holds gives the answer.
    #[serde(default)]
    pub rules: Vec<Spanned<RawProvinceRule>>,
    /// Verdict when no rule holds.
    pub default: Spanned<String>,
    pub default_message: Option<Spanned<RawText>>,
    /// Share of the expected units that must be assessed for an answer (0 = off).
    pub min_assessed: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawProvinceRule {
    pub when: Spanned<String>,
    pub verdict: Spanned<String>,
    pub message: Spanned<RawText>,
}
