//! Checks a raw rubric into a trusted `Rubric`, collecting every problem with its place.
//!
//! Each section of the file checks itself (`Unvalidated::validate`, one impl per section, as
//! cargo-deny's `UnvalidatedConfig`): datasets, units, scoring settings, verdicts, dimensions,
//! indicators, gates, WFA, province and improvements, in that order, each leaving in `Ctx` what
//! later sections refer to (names visible at unit level, verdict and dimension ids). `check`
//! runs them and builds the `Rubric`. Nothing here reads data files.

mod datasets;
mod evaluation;
mod expr;
mod forms;
mod improvements;
pub(super) mod numbers;
mod personal;
mod province;
mod scoring;
mod units;
mod wfa;

use super::error::RubricError;
use super::model::*;
use super::raw::*;
use crate::sql;
use expr::{Fields, Scope};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use toml::Spanned;

/// A raw section of the rubric that checks itself into its trusted form.
trait Unvalidated {
    type Valid;
    /// Check the section, reporting every problem into `ctx`; the value returned is only used
    /// when no error was reported.
    fn validate(&self, ctx: &mut Ctx) -> Self::Valid;
}

/// What the sections share while they are checked.
struct Ctx {
    problems: Vec<RubricError>,
    /// Where rubric-wide problems point: the rubric's `id`.
    root: Range<usize>,
    dataset_ids: Vec<String>,
    /// The row-level names (columns, then derived columns) of each dataset.
    row_fields: BTreeMap<String, Fields>,
    /// The names visible at unit level.
    unit: Scope,
    verdict_ids: Vec<String>,
    dimension_ids: Vec<String>,
    /// Each dataset's columns with the words that name them (name, aliases, label) and their
    /// type, for the evaluation's SKP guard and date columns.
    datasets_columns: BTreeMap<String, Vec<(String, String, String)>>,
}

/// Check `raw` (the file at `path`, with text `src` and hash `sha256`): the rubric when no
/// section had an error, and every problem found.
pub(super) fn check(
    raw: RawRubric,
    path: &str,
    sha256: String,
    src: &str,
) -> (Option<Rubric>, Vec<RubricError>) {
    let mut ctx = Ctx {
        problems: Vec::new(),
        root: raw.id.span(),
        dataset_ids: raw.datasets.keys().cloned().collect(),
        row_fields: BTreeMap::new(),
        unit: Scope::new(Vec::new()),
        verdict_ids: Vec::new(),
        dimension_ids: Vec::new(),
        datasets_columns: column_words(&raw),
    };
    if *raw.format_version.get_ref() != 1 {
        ctx.err_hint(
            raw.format_version.span(),
            format!(
                "unsupported format-version {}",
                raw.format_version.get_ref()
            ),
            "this kesiapan reads format-version = 1",
        );
    }
    if raw.id.get_ref().trim().is_empty() {
        ctx.err(raw.id.span(), "the rubric id is empty");
    }
    let min_group_size = match &raw.min_group_size {
        Some(m)
            if !ctx.integer(
                m.span(),
                *m.get_ref(),
                1..=numbers::MAX_GROUP,
                "min-group-size",
            ) =>
        {
            5
        }
        Some(m) => *m.get_ref() as usize,
        None => 5,
    };
    let (min_coverage, decimals) = raw.scoring.validate(&mut ctx);
    let datasets = raw.datasets.validate(&mut ctx);
    let units = raw.units.validate(&mut ctx);
    // An evaluation rubric has its own sections instead of the readiness ones.
    let (scoring, evaluation, measures) = match &raw.evaluation {
        Some(ev) => {
            let (evaluation, measures) = evaluation::check(&raw, ev, &mut ctx);
            (Readiness::none(), evaluation, measures)
        }
        None => {
            evaluation::measures_without_evaluation(&raw, &mut ctx);
            (Readiness::check(&raw, &mut ctx), None, Vec::new())
        }
    };
    if ctx.problems.iter().any(RubricError::is_error) {
        return (None, ctx.problems);
    }
    let rubric = scoring.province.map(|province| Rubric {
        id: raw.id.get_ref().clone(),
        version: raw.version.get_ref().clone(),
        format_version: *raw.format_version.get_ref(),
        title: text(raw.title.as_ref(), raw.id.get_ref()),
        path: path.to_string(),
        sha256,
        min_group_size,
        min_coverage,
        decimals,
        unit_label: units.label,
        unit_dataset: units.dataset,
        unit_name: units.name,
        response: units.response,
        coverage: units.coverage,
        unit_master: units.master,
        datasets,
        dimensions: scoring.dimensions,
        indicators: scoring.indicators,
        gates: scoring.gates,
        verdicts: scoring.verdicts,
        wfa: scoring.wfa,
        province,
        improvements: scoring.improvements,
        evaluation,
        measures,
        warnings: Vec::new(),
        source: src.into(),
    });
    (rubric, ctx.problems)
}

/// The readiness sections of a rubric, checked (empty for an evaluation rubric).
struct Readiness {
    verdicts: Vec<Verdict>,
    dimensions: Vec<Dimension>,
    indicators: Vec<Indicator>,
    gates: Vec<Gate>,
    wfa: Option<Wfa>,
    province: Option<Province>,
    improvements: Vec<Improvement>,
}

impl Readiness {
    /// Verdicts, dimensions, indicators, gates, WFA, province and improvements, in that order,
    /// each leaving in `ctx` what later sections refer to.
    fn check(raw: &RawRubric, ctx: &mut Ctx) -> Readiness {
        let verdicts = raw.verdicts.validate(ctx);
        ctx.verdict_ids = verdicts.iter().map(|v| v.id.clone()).collect();
        let dimensions = raw.dimensions.validate(ctx);
        ctx.dimension_ids = dimensions.iter().map(|d| d.id.clone()).collect();
        let indicators = raw.indicators.validate(ctx);
        scoring::every_dimension_scored(&raw.dimensions, &dimensions, &indicators, ctx);
        let gates = raw.gates.validate(ctx);
        let wfa = raw.wfa.as_ref().map(|w| w.validate(ctx));
        let province = raw.province.validate(ctx);
        let improvements = raw.improvements.validate(ctx);
        Readiness {
            verdicts,
            dimensions,
            indicators,
            gates,
            wfa,
            province,
            improvements,
        }
    }

    /// An evaluation rubric scores nothing: no sections, and a province rule that is never used.
    fn none() -> Readiness {
        Readiness {
            verdicts: Vec::new(),
            dimensions: Vec::new(),
            indicators: Vec::new(),
            gates: Vec::new(),
            wfa: None,
            province: Some(Province {
                label: Text::new(""),
                rules: Vec::new(),
                default: 0,
                default_message: Text::new(""),
                min_assessed: 0.0,
            }),
            improvements: Vec::new(),
        }
    }
}

/// Each dataset's columns with the words that name them: name, aliases and label, lowercase.
fn column_words(raw: &RawRubric) -> BTreeMap<String, Vec<(String, String, String)>> {
    raw.datasets
        .iter()
        .map(|(id, d)| {
            let columns = d
                .get_ref()
                .columns
                .iter()
                .map(|c| {
                    let c = c.get_ref();
                    let mut words = c.aliases.join(" ");
                    if let Some(l) = &c.label {
                        words.push(' ');
                        words.push_str(&text(Some(l.get_ref()), "").id);
                    }
                    (
                        c.name.get_ref().clone(),
                        words.to_lowercase(),
                        c.kind.get_ref().clone(),
                    )
                })
                .collect();
            (id.clone(), columns)
        })
        .collect()
}

/// A text as written, or `fallback` when absent.
fn text(t: Option<&RawText>, fallback: &str) -> Text {
    match t {
        Some(RawText::Plain(s)) => Text {
            id: s.clone(),
            en: None,
        },
        Some(RawText::Lang { id, en }) => Text {
            id: id.clone(),
            en: en.clone(),
        },
        None => Text::new(fallback),
    }
}

impl Ctx {
    fn err(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.problems.push(RubricError::error(Some(span), message));
    }

    fn err_hint(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.problems
            .push(RubricError::error(Some(span), message).hint(hint));
    }

    fn ident(&mut self, s: &Spanned<String>, what: &str) {
        let ok = s
            .get_ref()
            .chars()
            .enumerate()
            .all(|(i, c)| c == '_' || c.is_ascii_lowercase() || (i > 0 && c.is_ascii_digit()))
            && !s.get_ref().is_empty();
        if !ok {
            self.err_hint(
                s.span(),
                format!("{what} `{}` is not a valid name", s.get_ref()),
                "use lowercase letters, digits and `_`, starting with a letter (it is used in SQL expressions)",
            );
        }
    }

    /// `what` `id` is defined twice when `seen` already holds it; `id` is added to `seen`.
    fn once(&mut self, seen: &mut BTreeSet<String>, id: &Spanned<String>, what: &str) {
        if !seen.insert(id.get_ref().clone()) {
            self.err(
                id.span(),
                format!("{what} `{}` is defined twice", id.get_ref()),
            );
        }
    }

    fn unknown(&mut self, s: &Spanned<String>, what: &str, known: Vec<String>) {
        let hint = match sql::nearest(s.get_ref(), &known) {
            Some(n) => format!("did you mean `{n}`?"),
            None => format!("known {what}s: {}", known.join(", ")),
        };
        self.err_hint(s.span(), format!("unknown {what} `{}`", s.get_ref()), hint);
    }

    fn verdict_ref(&mut self, s: &Spanned<String>) -> Option<usize> {
        let i = self.verdict_ids.iter().position(|v| v == s.get_ref());
        if i.is_none() {
            self.unknown(s, "verdict", self.verdict_ids.clone());
        }
        i
    }

    /// Every `{placeholder}` of a message must be one of `allowed`.
    fn placeholders(&mut self, t: &Spanned<RawText>, allowed: &[&str]) {
        let texts: Vec<&str> = match t.get_ref() {
            RawText::Plain(s) => vec![s],
            RawText::Lang { id, en } => std::iter::once(id.as_str()).chain(en.as_deref()).collect(),
        };
        for s in texts {
            let mut rest = s;
            while let Some(start) = rest.find('{') {
                let Some(len) = rest[start..].find('}') else {
                    break;
                };
                let name = &rest[start + 1..start + len];
                if !allowed.contains(&name) {
                    self.err_hint(
                        t.span(),
                        format!("unknown placeholder `{{{name}}}` in message"),
                        format!(
                            "placeholders here: {}",
                            allowed
                                .iter()
                                .map(|a| format!("{{{a}}}"))
                                .collect::<Vec<_>>()
                                .join(" ")
                        ),
                    );
                }
                rest = &rest[start + len + 1..];
            }
        }
    }
}

#[cfg(test)]
pub(super) mod testing {
    //! Shared by the section tests: the tiny rubric and its problems as (line, column, message).

    pub const TINY: &str = include_str!("../../../tests/fixtures/tiny/tiny.toml");

    pub fn errors(src: &str) -> Vec<(usize, usize, String)> {
        let e = crate::rubric::load_str(src, "r.toml").unwrap_err();
        e.errors
            .iter()
            .map(|x| {
                let (l, c) = e.line_col(x.span.clone().unwrap_or(0..0).start);
                (l, c, x.message.clone())
            })
            .collect()
    }
}
