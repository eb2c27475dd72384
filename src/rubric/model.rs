//! The checked rubric: what the scorer trusts. Built only by `rubric::validate`.
//!
//! It holds parsed values, not text to parse again: every SQL expression as a polars `Expr`
//! (beside its text, for display and comparison) and every file and sheet pattern compiled.
//! Nothing here reads files or evaluates expressions.

use polars::prelude::{DataType, Expr, col};
use serde::{Deserialize, Serialize, Serializer};
use std::ops::Range;

/// Report language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Bahasa Indonesia.
    #[default]
    Id,
    /// English.
    En,
}

/// A text in Indonesian with an optional English version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Text {
    pub id: String,
    pub en: Option<String>,
}

impl Text {
    pub fn new(id: &str) -> Self {
        Text {
            id: id.to_string(),
            en: None,
        }
    }

    /// The text in `lang`, falling back to Indonesian.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => self.en.as_deref().unwrap_or(&self.id),
        }
    }
}

/// The type of a dataset column.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "type")]
pub enum ColumnType {
    Text,
    Integer,
    Number,
    /// A share: `75%`, `75 %`, `0.75` and (when above 1) `75` all mean 0.75.
    Percent,
    Boolean,
    /// A Likert answer, whole numbers from `min` to `max` (default 1–5).
    Likert,
    /// One of `values` (matched ignoring case and spaces; stored as the rubric spells it).
    Category {
        values: Vec<String>,
    },
    /// A date, stored as `YYYY-MM-DD` text.
    Date,
}

impl ColumnType {
    pub fn name(&self) -> &'static str {
        match self {
            ColumnType::Text => "text",
            ColumnType::Integer => "integer",
            ColumnType::Number => "number",
            ColumnType::Percent => "percent",
            ColumnType::Boolean => "boolean",
            ColumnType::Likert => "likert",
            ColumnType::Category { .. } => "category",
            ColumnType::Date => "date",
        }
    }

    /// The polars type a column of this kind is loaded as.
    pub fn storage(&self) -> DataType {
        match self {
            ColumnType::Text | ColumnType::Category { .. } | ColumnType::Date => DataType::String,
            ColumnType::Integer | ColumnType::Likert => DataType::Int64,
            ColumnType::Number | ColumnType::Percent => DataType::Float64,
            ColumnType::Boolean => DataType::Boolean,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub name: String,
    pub kind: ColumnType,
    pub required: bool,
    pub aliases: Vec<String>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub personal: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// The form's wording of this column (a Google Forms question), matched whole after
    /// `input::phrase::words`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub question: Vec<String>,
    /// How the column is shown on a blank form.
    #[serde(skip_serializing_if = "ColumnForm::is_empty")]
    pub form: ColumnForm,
}

/// What a blank form (`kesiapan template`) shows of a column, beyond its name and type.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ColumnForm {
    /// The heading (Indonesian, one of the column's accepted names); else made from the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
    /// A `likert` column's scale points in words, by value, ascending (both ends at least).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub anchors: Vec<(i64, Text)>,
    /// A typical answer, valid for the column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<Example>,
}

impl ColumnForm {
    pub fn is_empty(&self) -> bool {
        *self == ColumnForm::default()
    }
}

/// A column's example answer as the rubric writes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Example {
    Text(String),
    Number(f64),
}

/// A named SQL expression: its text as written, the span of that text in the rubric file, and
/// the expression parsed once by the checker.
#[derive(Debug, Clone, Serialize)]
pub struct NamedExpr {
    pub name: String,
    /// The SQL as the rubric wrote it (shown by `rubric explain`, copied into outputs).
    pub expr: String,
    /// `expr` parsed; what consumers evaluate.
    #[serde(skip)]
    pub parsed: Expr,
    #[serde(skip)]
    pub span: Range<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

/// A file or sheet name pattern (a glob), compiled once and matched case-insensitively.
#[derive(Debug, Clone)]
pub struct NamePattern {
    text: String,
    /// The lower-cased pattern, matched against lower-cased names.
    glob: glob::Pattern,
    span: Range<usize>,
}

impl NamePattern {
    /// Compile `text` (at `span` in the rubric file).
    pub fn new(text: &str, span: Range<usize>) -> Result<Self, glob::PatternError> {
        glob::Pattern::new(text)?;
        Ok(NamePattern {
            text: text.to_string(),
            glob: glob::Pattern::new(&text.to_lowercase())?,
            span,
        })
    }

    /// Does the (file or sheet) name match, ignoring case?
    pub fn matches(&self, name: &str) -> bool {
        self.glob.matches(&name.to_lowercase())
    }

    /// The pattern as the rubric wrote it.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Where the pattern is in the rubric file.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }
}

impl Serialize for NamePattern {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Dataset {
    pub id: String,
    pub title: Text,
    /// File-name patterns that pick this dataset's files in a folder.
    pub files: Vec<NamePattern>,
    /// Sheet-name patterns this dataset may be read from (empty: any sheet).
    pub sheets: Vec<NamePattern>,
    pub unit_key: String,
    pub unique: Vec<String>,
    pub per_unit: bool,
    pub personal: bool,
    /// Every unit is expected to send rows: a unit without any is `unit-without-data`.
    pub every_unit: bool,
    pub columns: Vec<Column>,
    pub derived: Vec<NamedExpr>,
    pub metrics: Vec<NamedExpr>,
}

impl Dataset {
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// Name of the automatic row-count metric of this dataset.
    pub fn rows_metric(&self) -> String {
        format!("{}_rows", self.id)
    }
}

/// Survey response rate per unit: respondents (rows of `dataset`) ÷ `headcount` (a column of
/// the unit dataset); below `min_rate` the unit gets a `low-response` data-quality warning.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponseCheck {
    pub dataset: String,
    pub headcount: String,
    pub min_rate: f64,
}

/// Staff coverage of a dataset per unit: the sum of `column` (of `dataset`) ÷ `headcount` (a
/// column of the unit dataset); below `min_share` the unit gets a `low-coverage` warning (job
/// rows that account for 64 of 524 staff do not describe the unit).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageCheck {
    pub dataset: String,
    pub column: String,
    pub headcount: String,
    pub min_share: f64,
}

/// How a value becomes a 0–100 score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Curve {
    Linear {
        zero: f64,
        full: f64,
    },
    Steps {
        thresholds: Vec<f64>,
        scores: Vec<f64>,
    },
    Boolean {
        true_score: f64,
        false_score: f64,
    },
    LogNormal {
        median: f64,
        good: f64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Missing {
    /// Left out of the denominator and reported.
    Exclude,
    /// Scored as 0 (and reported).
    Zero,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ValueFormat {
    Number,
    Percent,
    Integer,
    Boolean,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dimension {
    pub id: String,
    pub label: Text,
    pub weight: f64,
    /// `weight / Σ weights`, 0–1.
    pub weight_share: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    pub id: String,
    pub dimension: String,
    pub label: Text,
    pub value: NamedExpr,
    pub weight: f64,
    pub curve: Curve,
    pub target: Option<f64>,
    pub missing: Missing,
    pub unit: Option<String>,
    pub format: ValueFormat,
    pub affects: Option<NamedExpr>,
    pub gap: Option<NamedExpr>,
    pub message: Text,
    pub fix: Option<Text>,
    /// The obstacle as a short problem ("Pelaporan output belum harian"); by default
    /// "<label> di bawah target".
    pub problem: Text,
    /// The office responsible for the fix, when the rubric names one.
    pub office: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Gate {
    pub id: String,
    pub label: Text,
    pub require: NamedExpr,
    /// Index into `Rubric::verdicts` of the best verdict allowed when the gate fails.
    pub cap: usize,
    pub fail_if_missing: bool,
    pub message: Text,
    pub fix: Option<Text>,
    /// The failed condition as a short problem; by default "Belum memenuhi: <label>".
    pub problem: Text,
    /// The office responsible for the fix, when the rubric names one.
    pub office: Option<String>,
    pub affects: Option<NamedExpr>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    pub id: String,
    pub label: Text,
    pub min_score: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct WfaJobs {
    pub dataset: String,
    pub eligible: String,
    pub name: String,
    pub count: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Wfa {
    pub staff_total: NamedExpr,
    pub staff_eligible: NamedExpr,
    pub min_on_site: Option<NamedExpr>,
    /// Share away at once, indexed like `Rubric::verdicts`.
    pub max_share_away: Vec<f64>,
    pub max_days_per_week: Option<i64>,
    pub jobs: Option<WfaJobs>,
    pub conditions: Vec<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProvinceRule {
    pub when: NamedExpr,
    pub verdict: usize,
    pub message: Text,
}

#[derive(Debug, Clone, Serialize)]
pub struct Province {
    pub label: Text,
    pub rules: Vec<ProvinceRule>,
    pub default: usize,
    pub default_message: Text,
    /// Share (0–1) of the expected units that must be assessed before the rules answer; below
    /// it the province's answer is "cannot yet be concluded". 0 (the default) = never.
    pub min_assessed: f64,
}

/// How an improvement changes a unit-level name.
// A rubric has a handful of improvements: their size does not matter, boxing would only add noise.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Change {
    /// `name += amount × scale`, amount in 0..=max, multiples of `step`, `unit_cost` each.
    Add {
        name: String,
        scale: Option<NamedExpr>,
        max: NamedExpr,
        step: f64,
        unit_cost: f64,
    },
    /// `name = to`, at a fixed `cost`.
    Set {
        name: String,
        to: NamedExpr,
        cost: f64,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct Improvement {
    pub id: String,
    pub label: Text,
    pub unit: Text,
    pub change: Change,
    pub assumption: Option<Text>,
    /// The cost recurs every year; else it is a one-off purchase.
    pub yearly: bool,
}

impl Improvement {
    /// The unit-level name it changes.
    pub fn name(&self) -> &str {
        match &self.change {
            Change::Add { name, .. } | Change::Set { name, .. } => name,
        }
    }

    /// The current value of the name it changes, as a number: SQL `CAST(name AS DOUBLE)`.
    pub fn current_value(&self) -> Expr {
        col(self.name()).strict_cast(DataType::Float64)
    }
}

/// `[units] master`: where the list of the units that should answer is found.
#[derive(Debug, Clone, Serialize)]
pub struct Master {
    /// File-name patterns (matched like a dataset's `files`).
    pub files: Vec<NamePattern>,
}

impl Master {
    /// Does a file name (not a path) name the master list?
    pub fn matches(&self, file_name: &str) -> bool {
        self.files.iter().any(|p| p.matches(file_name))
    }
}

/// The baseline an evaluation compares the window with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Baseline {
    /// The same working days a year earlier (removes the year-end season).
    Year,
    /// The working days just before the window (does not remove it).
    Before,
}

/// `[evaluation]`: the treatment log and the method's settings.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    /// The dataset that logs who worked where on each day of the window.
    pub treatment: String,
    /// Its date column.
    pub treatment_date: String,
    /// Row-level expression: the row's person worked away that day.
    pub away: NamedExpr,
    pub baseline: Baseline,
    pub before_days: usize,
    pub level: f64,
    pub runs: usize,
    pub seed: u64,
    /// Per-unit intervals hold jointly over the units that worked away (Bonferroni).
    pub simultaneous: bool,
}

/// A Pasal 35 scope of an evaluation measure (or service and budget).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Kinerja,
    Disiplin,
    Infrastruktur,
    Layanan,
    Anggaran,
}

impl Scope {
    pub const ALL: [Scope; 5] = [
        Scope::Kinerja,
        Scope::Disiplin,
        Scope::Infrastruktur,
        Scope::Layanan,
        Scope::Anggaran,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Scope::Kinerja => "kinerja",
            Scope::Disiplin => "disiplin",
            Scope::Infrastruktur => "infrastruktur",
            Scope::Layanan => "layanan",
            Scope::Anggaran => "anggaran",
        }
    }
}

/// `[[measures]]`: one value per unit and working day of a dataset.
#[derive(Debug, Clone, Serialize)]
pub struct Measure {
    pub id: String,
    pub label: Text,
    pub scope: Scope,
    pub dataset: String,
    /// The dataset's date column.
    pub date: String,
    /// Aggregate over one unit's rows of one day.
    pub value: NamedExpr,
    pub scale: crate::evaluate::estimate::Scale,
    pub direction: crate::evaluate::estimate::Direction,
    pub tolerance: f64,
    pub self_reported: bool,
    /// A share (0–1): an absolute change is shown in percentage points.
    pub share: bool,
}

/// A rubric that passed every check.
#[derive(Debug, Clone, Serialize)]
pub struct Rubric {
    pub id: String,
    pub version: String,
    pub format_version: i64,
    pub title: Text,
    /// Path as given by the user.
    pub path: String,
    /// SHA-256 of the rubric file's bytes.
    pub sha256: String,
    pub min_group_size: usize,
    pub min_coverage: f64,
    pub decimals: u32,
    pub unit_label: Text,
    pub unit_dataset: Option<String>,
    pub unit_name: Option<String>,
    /// Survey response check: (respondents dataset, headcount column, minimum rate).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response: Option<ResponseCheck>,
    /// Staff coverage check of a dataset that should account for every staff member.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coverage: Option<CoverageCheck>,
    /// The master list of expected units (`[units] master`): file-name patterns of the data
    /// folder; never a dataset's file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_master: Option<Master>,
    pub datasets: Vec<Dataset>,
    pub dimensions: Vec<Dimension>,
    pub indicators: Vec<Indicator>,
    pub gates: Vec<Gate>,
    pub verdicts: Vec<Verdict>,
    pub wfa: Option<Wfa>,
    pub province: Province,
    pub improvements: Vec<Improvement>,
    /// An evaluation rubric (`kesiapan evaluate`): its treatment log, windows and method. A
    /// rubric has either this and `measures`, or the readiness sections, never both.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evaluation: Option<Evaluation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<Measure>,
    /// The warnings found while checking it (deprecated keys), to print before using it.
    #[serde(skip)]
    pub warnings: Vec<super::RubricError>,
    /// The rubric file's text, to show any later problem at its line.
    #[serde(skip)]
    pub(crate) source: std::sync::Arc<str>,
}

impl Rubric {
    pub fn dataset(&self, id: &str) -> Option<&Dataset> {
        self.datasets.iter().find(|d| d.id == id)
    }

    pub fn verdict_index(&self, id: &str) -> Option<usize> {
        self.verdicts.iter().position(|v| v.id == id)
    }

    /// Index of the verdict a score earns (bands are best first).
    pub fn band_for(&self, score: f64) -> usize {
        self.verdicts
            .iter()
            .position(|v| score >= v.min_score)
            .unwrap_or(self.verdicts.len() - 1)
    }
}
