//! How units are scored: `[scoring]`, `[[verdicts]]`, `[[dimensions]]`, `[[indicators]]` with
//! their curves, and `[[gates]]`. Indicator values and gate conditions are unit-level
//! expressions, checked against the names the datasets expose.

use super::numbers::{MAX_WEIGHT, SCORE, SHARE, VALUE};
use super::{Ctx, Unvalidated, text};
use crate::rubric::model::*;
use crate::rubric::raw::*;
use polars::prelude::DataType;
use std::collections::BTreeSet;
use toml::Spanned;

const PLACEHOLDERS: [&str; 7] = ["value", "target", "unit", "name", "gap", "score", "label"];
const GATE_PLACEHOLDERS: [&str; 2] = ["name", "label"];

/// `[scoring]`: (min-coverage, decimals).
impl Unvalidated for Option<Spanned<RawScoringSettings>> {
    type Valid = (f64, u32);

    fn validate(&self, ctx: &mut Ctx) -> (f64, u32) {
        let mut cov = 0.5;
        let mut dec = 4;
        if let Some(s) = self {
            if let Some(c) = &s.get_ref().min_coverage {
                if ctx.number(c.span(), *c.get_ref(), SHARE, "min-coverage") {
                    cov = *c.get_ref();
                }
            }
            if let Some(d) = &s.get_ref().decimals {
                if !(0..=10).contains(d.get_ref()) {
                    ctx.err(d.span(), "decimals must be between 0 and 10");
                } else {
                    dec = *d.get_ref() as u32;
                }
            }
        }
        (cov, dec)
    }
}

impl Unvalidated for Vec<Spanned<RawVerdict>> {
    type Valid = Vec<Verdict>;

    fn validate(&self, ctx: &mut Ctx) -> Vec<Verdict> {
        let mut out: Vec<Verdict> = Vec::new();
        if self.len() < 2 {
            ctx.err_hint(
                ctx.root.clone(),
                "the rubric needs at least two [[verdicts]]",
                "e.g. layak (min-score 70), layak_terbatas (50), belum_layak (0)",
            );
        }
        let mut seen = BTreeSet::new();
        for v in self {
            let r = v.get_ref();
            ctx.ident(&r.id, "verdict id");
            ctx.once(&mut seen, &r.id, "verdict");
            let m = *r.min_score.get_ref();
            let in_range = ctx.number(r.min_score.span(), m, SCORE, "min-score");
            if let Some(prev) = out.last().filter(|_| in_range) {
                if m >= prev.min_score {
                    ctx.err_hint(
                        r.min_score.span(),
                        format!(
                            "min-score {m} must be below the previous verdict's {}",
                            prev.min_score
                        ),
                        "list verdicts best first, with decreasing min-score",
                    );
                }
            }
            out.push(Verdict {
                id: r.id.get_ref().clone(),
                label: text(Some(&r.label), r.id.get_ref()),
                min_score: m,
            });
        }
        if let Some(last) = self.last() {
            if *last.get_ref().min_score.get_ref() != 0.0 {
                ctx.err_hint(
                    last.get_ref().min_score.span(),
                    "the last verdict must have min-score = 0",
                    "so that every score gets a verdict",
                );
            }
        }
        out
    }
}

impl Unvalidated for Vec<Spanned<RawDimension>> {
    type Valid = Vec<Dimension>;

    fn validate(&self, ctx: &mut Ctx) -> Vec<Dimension> {
        let mut out: Vec<Dimension> = Vec::new();
        let mut seen = BTreeSet::new();
        for d in self {
            let r = d.get_ref();
            ctx.ident(&r.id, "dimension id");
            ctx.once(&mut seen, &r.id, "dimension");
            let w = *r.weight.get_ref();
            let ok = ctx.number(r.weight.span(), w, 0.0..=MAX_WEIGHT, "dimension weight");
            out.push(Dimension {
                id: r.id.get_ref().clone(),
                label: text(r.label.as_ref(), r.id.get_ref()),
                weight: if ok { w } else { 0.0 },
                weight_share: 0.0,
            });
        }
        let total: f64 = out.iter().map(|d| d.weight).sum();
        if self.is_empty() {
            ctx.err(ctx.root.clone(), "the rubric declares no [[dimensions]]");
        } else if !total.is_finite() {
            // Each weight is at most MAX_WEIGHT, so this cannot happen; kept so that a larger
            // limit can never let the sum overflow.
            ctx.err(
                self[0].get_ref().weight.span(),
                "the dimension weights add up to more than a number can hold",
            );
        } else if total <= 0.0 {
            ctx.err_hint(
                self[0].get_ref().weight.span(),
                "every dimension weight is 0, so no score can be computed",
                "give at least one dimension a weight above 0",
            );
        }
        for d in &mut out {
            d.weight_share = if total > 0.0 { d.weight / total } else { 0.0 };
        }
        out
    }
}

/// A dimension with a weight needs an indicator with a weight.
pub(super) fn every_dimension_scored(
    raw: &[Spanned<RawDimension>],
    dimensions: &[Dimension],
    indicators: &[Indicator],
    ctx: &mut Ctx,
) {
    for d in dimensions {
        if d.weight > 0.0
            && !indicators
                .iter()
                .any(|i| i.dimension == d.id && i.weight > 0.0)
        {
            let span = raw
                .iter()
                .find(|r| r.get_ref().id.get_ref() == &d.id)
                .map(|r| r.span())
                .unwrap_or(0..0);
            ctx.err_hint(
                span,
                format!(
                    "dimension `{}` has weight {} but no indicator with a weight above 0",
                    d.id, d.weight
                ),
                "give it an indicator or set its weight to 0",
            );
        }
    }
}

fn uses_gap(t: &RawText) -> bool {
    match t {
        RawText::Plain(s) => s.contains("{gap}"),
        RawText::Lang { id, en } => {
            id.contains("{gap}") || en.as_deref().unwrap_or("").contains("{gap}")
        }
    }
}

fn indicator(ctx: &mut Ctx, i: &Spanned<RawIndicator>) -> Indicator {
    let r = i.get_ref();
    if !ctx.dimension_ids.contains(r.dimension.get_ref()) {
        ctx.unknown(&r.dimension, "dimension", ctx.dimension_ids.clone());
    }
    let w = *r.weight.get_ref();
    let w = if ctx.number(r.weight.span(), w, 0.0..=MAX_WEIGHT, "indicator weight") {
        w
    } else {
        0.0
    };
    if let Some(t) = &r.target {
        ctx.number(t.span(), *t.get_ref(), VALUE, "target");
    }
    let value = ctx.numeric(r.id.get_ref(), &r.value, "value");
    let affects = r
        .affects
        .as_ref()
        .map(|e| ctx.numeric("affects", e, "affects"));
    let gap = r.gap.as_ref().map(|e| ctx.numeric("gap", e, "gap"));
    let curve = r.scoring.validate(ctx);
    let missing = match r.missing.as_ref().map(|m| (m, m.get_ref().as_str())) {
        None | Some((_, "exclude")) => Missing::Exclude,
        Some((_, "zero")) => Missing::Zero,
        Some((m, o)) => {
            ctx.err(
                m.span(),
                format!("missing must be `exclude` or `zero`, not `{o}`"),
            );
            Missing::Exclude
        }
    };
    let format = match r.format.as_ref().map(|m| (m, m.get_ref().as_str())) {
        None | Some((_, "number")) => ValueFormat::Number,
        Some((_, "percent")) => ValueFormat::Percent,
        Some((_, "integer")) => ValueFormat::Integer,
        Some((_, "boolean")) => ValueFormat::Boolean,
        Some((m, o)) => {
            ctx.err(
                m.span(),
                format!("format must be number, percent, integer or boolean, not `{o}`"),
            );
            ValueFormat::Number
        }
    };
    for t in r.message.iter().chain(&r.fix) {
        ctx.placeholders(t, &PLACEHOLDERS);
    }
    if r.gap.is_none() {
        if let Some(f) = r.fix.as_ref().filter(|f| uses_gap(f.get_ref())) {
            ctx.err_hint(
                f.span(),
                "the fix uses `{gap}` but the indicator has no `gap` expression",
                "add gap = \"…\" (the shortfall in the input's units)",
            );
        }
    }
    let label = text(r.label.as_ref(), r.id.get_ref());
    let default_msg = Text {
        id: format!("{}: {{value}} (target {{target}})", label.id),
        en: Some(format!(
            "{}: {{value}} (target {{target}})",
            label.get(Lang::En)
        )),
    };
    let problem = problem(ctx, r.problem.as_ref(), &label, ProblemOf::Indicator);
    Indicator {
        id: r.id.get_ref().clone(),
        dimension: r.dimension.get_ref().clone(),
        problem,
        label,
        value,
        weight: w,
        curve,
        target: r.target.as_ref().map(|t| *t.get_ref()),
        missing,
        unit: r.unit.clone(),
        format,
        affects,
        gap,
        message: r
            .message
            .as_ref()
            .map(|m| text(Some(m.get_ref()), ""))
            .unwrap_or(default_msg),
        fix: r.fix.as_ref().map(|m| text(Some(m.get_ref()), "")),
        office: office(ctx, r.office.as_ref()),
        source: r.source.clone(),
    }
}

impl Unvalidated for Vec<Spanned<RawIndicator>> {
    type Valid = Vec<Indicator>;

    fn validate(&self, ctx: &mut Ctx) -> Vec<Indicator> {
        let mut out: Vec<Indicator> = Vec::new();
        let mut seen = BTreeSet::new();
        for i in self {
            ctx.ident(&i.get_ref().id, "indicator id");
            ctx.once(&mut seen, &i.get_ref().id, "indicator");
            out.push(indicator(ctx, i));
        }
        if self.is_empty() {
            ctx.err(ctx.root.clone(), "the rubric declares no [[indicators]]");
        } else if out.iter().all(|i| i.weight == 0.0) {
            ctx.err_hint(
                self[0].get_ref().weight.span(),
                "every indicator weight is 0, so no score can be computed",
                "give at least one indicator a weight above 0",
            );
        }
        out
    }
}

impl Unvalidated for Spanned<RawCurve> {
    type Valid = Curve;

    fn validate(&self, ctx: &mut Ctx) -> Curve {
        let span = self.span();
        match self.get_ref().clone() {
            RawCurve::Linear { zero, full } => {
                let finite = ctx.number(span.clone(), zero, VALUE, "linear `zero`")
                    & ctx.number(span.clone(), full, VALUE, "linear `full`");
                if finite && zero == full {
                    ctx.err(
                        span,
                        "a linear curve needs two different finite points `zero` and `full`",
                    );
                }
                Curve::Linear { zero, full }
            }
            RawCurve::Steps { thresholds, scores } => {
                if scores.len() != thresholds.len() + 1 {
                    ctx.err_hint(span.clone(), format!("{} thresholds need {} scores, found {}", thresholds.len(), thresholds.len() + 1, scores.len()), "scores[0] is for values below thresholds[0], the last for values at or above the last threshold");
                }
                let finite = thresholds
                    .iter()
                    .all(|t| ctx.number(span.clone(), *t, VALUE, "step threshold"));
                if finite && thresholds.windows(2).any(|w| w[0] >= w[1]) {
                    ctx.err(span.clone(), "step thresholds must be strictly increasing");
                }
                if let Some(s) = scores.iter().find(|s| !SCORE.contains(*s)) {
                    ctx.number(span, *s, SCORE, "step score");
                }
                Curve::Steps { thresholds, scores }
            }
            RawCurve::Boolean {
                true_score,
                false_score,
            } => {
                let (t, f) = (true_score.unwrap_or(100.0), false_score.unwrap_or(0.0));
                ctx.number(span.clone(), t, SCORE, "boolean `true-score`");
                ctx.number(span, f, SCORE, "boolean `false-score`");
                Curve::Boolean {
                    true_score: t,
                    false_score: f,
                }
            }
            RawCurve::LogNormal { median, good } => {
                let finite = ctx.number(span.clone(), median, VALUE, "log-normal `median`")
                    & ctx.number(span.clone(), good, VALUE, "log-normal `good`");
                if finite && (median <= 0.0 || good <= 0.0 || median == good) {
                    ctx.err(
                        span,
                        "a log-normal curve needs `median` and `good` above 0 and different",
                    );
                }
                Curve::LogNormal { median, good }
            }
        }
    }
}

fn gate(ctx: &mut Ctx, g: &Spanned<RawGate>) -> Gate {
    let r = g.get_ref();
    let (require, t) = ctx.unit_expr(r.id.get_ref(), &r.require);
    if let Some(t) = t {
        if t != DataType::Boolean && t != DataType::Null {
            ctx.err_hint(
                r.require.span(),
                format!("a gate's `require` must be a condition (true/false), this gives {t}"),
                "compare it, e.g. `persen_skp >= 0.5`",
            );
        }
    }
    let cap = ctx.verdict_ref(&r.cap);
    let fail_if_missing = match r.if_missing.as_ref().map(|m| (m, m.get_ref().as_str())) {
        None | Some((_, "fail")) => true,
        Some((_, "pass")) => false,
        Some((m, other)) => {
            ctx.err(
                m.span(),
                format!("if-missing must be `fail` or `pass`, not `{other}`"),
            );
            true
        }
    };
    ctx.placeholders(&r.message, &GATE_PLACEHOLDERS);
    if let Some(f) = &r.fix {
        ctx.placeholders(f, &GATE_PLACEHOLDERS);
    }
    let affects = r
        .affects
        .as_ref()
        .map(|a| ctx.numeric("affects", a, "affects"));
    let label = text(r.label.as_ref(), r.id.get_ref());
    Gate {
        id: r.id.get_ref().clone(),
        problem: problem(ctx, r.problem.as_ref(), &label, ProblemOf::Gate),
        office: office(ctx, r.office.as_ref()),
        label,
        require,
        cap: cap.unwrap_or(0),
        fail_if_missing,
        message: text(Some(r.message.get_ref()), ""),
        fix: r.fix.as_ref().map(|f| text(Some(f.get_ref()), "")),
        affects,
        source: r.source.clone(),
    }
}

impl Unvalidated for Vec<Spanned<RawGate>> {
    type Valid = Vec<Gate>;

    fn validate(&self, ctx: &mut Ctx) -> Vec<Gate> {
        let mut seen = BTreeSet::new();
        self.iter()
            .map(|g| {
                ctx.ident(&g.get_ref().id, "gate id");
                ctx.once(&mut seen, &g.get_ref().id, "gate");
                gate(ctx, g)
            })
            .collect()
    }
}

enum ProblemOf {
    Indicator,
    Gate,
}

/// An obstacle's problem text: the rubric's (no placeholders: it names the problem across
/// units), else one made from the label that reads as the problem, not as the goal.
fn problem(ctx: &mut Ctx, raw: Option<&Spanned<RawText>>, label: &Text, of: ProblemOf) -> Text {
    if let Some(p) = raw {
        ctx.placeholders(p, &[]);
        return text(Some(p.get_ref()), "");
    }
    let (id, en) = match of {
        ProblemOf::Indicator => ("{} di bawah target", "{} below target"),
        ProblemOf::Gate => ("Belum memenuhi: {}", "Not met: {}"),
    };
    Text {
        id: id.replace("{}", &label.id),
        en: Some(en.replace("{}", label.get(Lang::En))),
    }
}

/// The responsible office: a short name on one line.
fn office(ctx: &mut Ctx, raw: Option<&Spanned<String>>) -> Option<String> {
    let raw = raw?;
    let o = raw.get_ref().trim();
    if o.is_empty() || o.contains(['\n', '\r']) || o.chars().count() > 80 {
        ctx.err(
            raw.span(),
            "office must be a short name on one line (at most 80 characters)".to_string(),
        );
        return None;
    }
    Some(o.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::testing::{TINY, errors};

    /// Issue 13: a province-level problem text cannot name one unit's figures, and the
    /// responsible office is a name, not a paragraph.
    #[test]
    fn problem_texts_have_no_placeholders_and_offices_are_short() {
        let src = TINY.replace(
            "message = \"SKP below half\"",
            "message = \"SKP below half\"\nproblem = \"SKP {value}\"\noffice = \"BKD\\nand more\"",
        );
        let e: Vec<String> = errors(&src).into_iter().map(|e| e.2).collect();
        assert!(
            e.contains(&"unknown placeholder `{value}` in message".to_string()),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|m| m.starts_with("office must be a short name")),
            "{e:?}"
        );
        let ok = TINY.replace(
            "message = \"SKP below half\"",
            "message = \"SKP below half\"\nproblem = \"SKP kurang\"\noffice = \"BKD\"",
        );
        let r = crate::rubric::load_str(&ok, "r.toml").unwrap();
        let g = r.gates.iter().find(|g| g.id == "skp_gate").unwrap();
        assert_eq!(
            (g.problem.id.as_str(), g.office.as_deref()),
            ("SKP kurang", Some("BKD"))
        );
    }

    #[test]
    fn gate_messages_only_take_gate_placeholders() {
        let src = TINY.replace(
            "message = \"SKP below half\"",
            "message = \"SKP {value} below half\"",
        );
        let e = errors(&src);
        assert_eq!(e[0].2, "unknown placeholder `{value}` in message");
    }

    #[test]
    fn verdict_bands_must_descend_to_zero() {
        let src = TINY
            .replace("min-score = 50", "min-score = 80")
            .replace("min-score = 0\n", "min-score = 10\n");
        let msgs: Vec<String> = errors(&src).into_iter().map(|e| e.2).collect();
        assert!(
            msgs.contains(&"min-score 80 must be below the previous verdict's 70".to_string()),
            "{msgs:?}"
        );
        assert!(
            msgs.contains(&"the last verdict must have min-score = 0".to_string()),
            "{msgs:?}"
        );
    }

    #[test]
    fn an_id_defined_twice_is_reported_at_the_second() {
        let first = TINY.find("[[verdicts]]").unwrap();
        let second = first + 1 + TINY[first + 1..].find("[[verdicts]]").unwrap();
        let id_line = TINY[second..]
            .lines()
            .find(|l| l.starts_with("id = "))
            .unwrap();
        let src = format!(
            "{}{}",
            &TINY[..second],
            TINY[second..].replacen(id_line, "id = \"layak\"", 1)
        );
        let e = errors(&src);
        assert!(
            e.iter().any(|x| x.2 == "verdict `layak` is defined twice"),
            "{e:?}"
        );
    }
}
