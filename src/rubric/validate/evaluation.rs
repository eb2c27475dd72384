//! `[evaluation]` and `[[measures]]`: an evaluation rubric (`kesiapan evaluate`). The treatment
//! log's dataset, date column and row-level `away` test; the baseline, interval level and
//! bootstrap settings; each measure's dataset, date column, daily aggregate, scale, direction and
//! tolerance. SKP predicate shares are refused as a measure (ratings are force-distributed
//! against the unit's own rating, SE MenPANRB 3/2023: they cannot show a change of
//! performance). A rubric is either an evaluation rubric or a readiness rubric, never both.
//!
//! Nothing here reads data.

use super::expr::Scope as Names;
use super::numbers::MAX_MAGNITUDE;
use super::{Ctx, text};
use crate::evaluate::estimate::{Direction, Scale};
use crate::rubric::model::*;
use crate::rubric::raw::*;
use polars::prelude::DataType;
use std::collections::BTreeSet;
use toml::Spanned;

/// The most working days before the window an evaluation may compare with.
const MAX_BEFORE_DAYS: i64 = 250;
/// The most bootstrap runs (each is a pass over the units).
const MAX_RUNS: i64 = 100_000;

/// The readiness sections an evaluation rubric must not have, with their keys.
fn readiness_sections(raw: &RawRubric) -> Vec<&'static str> {
    let mut found = Vec::new();
    if !raw.dimensions.is_empty() {
        found.push("[[dimensions]]");
    }
    if !raw.indicators.is_empty() {
        found.push("[[indicators]]");
    }
    if !raw.gates.is_empty() {
        found.push("[[gates]]");
    }
    if !raw.verdicts.is_empty() {
        found.push("[[verdicts]]");
    }
    if raw.wfa.is_some() {
        found.push("[wfa]");
    }
    if raw.province.is_some() {
        found.push("[province]");
    }
    if !raw.improvements.is_empty() {
        found.push("[[improvements]]");
    }
    if raw.scoring.is_some() {
        found.push("[scoring]");
    }
    found
}

/// Check an evaluation rubric's own sections.
pub(super) fn check(
    raw: &RawRubric,
    ev: &Spanned<RawEvaluation>,
    ctx: &mut Ctx,
) -> (Option<Evaluation>, Vec<Measure>) {
    let found = readiness_sections(raw);
    if !found.is_empty() {
        ctx.err_hint(
            ev.span(),
            format!(
                "an evaluation rubric ([evaluation]) does not score readiness, but this one also has {}",
                found.join(", ")
            ),
            "keep the readiness rubric and the evaluation rubric in two files",
        );
    }
    if raw.evaluation.is_some() && raw.measures.is_empty() {
        ctx.err_hint(
            ev.span(),
            "the evaluation rubric declares no [[measures]]",
            "add at least one measure: a daily value per unit, e.g. SUM(realisasi) / SUM(target)",
        );
    }
    let evaluation = evaluation(ev.get_ref(), ctx);
    let mut seen = BTreeSet::new();
    let measures = raw
        .measures
        .iter()
        .filter_map(|m| {
            ctx.ident(&m.get_ref().id, "measure id");
            ctx.once(&mut seen, &m.get_ref().id, "measure");
            measure(m.get_ref(), ctx)
        })
        .collect();
    (evaluation, measures)
}

/// A measure before a readiness rubric: `[[measures]]` without `[evaluation]`.
pub(super) fn measures_without_evaluation(raw: &RawRubric, ctx: &mut Ctx) {
    if let Some(m) = raw.measures.first() {
        ctx.err_hint(
            m.get_ref().id.span(),
            "[[measures]] belong to an evaluation rubric, which also needs [evaluation]",
            "see \"Evaluation rubrics\" in rubrics/README.md",
        );
    }
}

/// The row-level names of `dataset`, or a problem at `at` when there is no such dataset.
fn rows_of(ctx: &mut Ctx, dataset: &Spanned<String>) -> Option<Vec<(String, DataType)>> {
    match ctx.row_fields.get(dataset.get_ref()) {
        Some(f) => Some(f.clone()),
        None => {
            let known = ctx.dataset_ids.clone();
            if !known.contains(dataset.get_ref()) {
                ctx.unknown(dataset, "dataset", known);
            }
            None
        }
    }
}

/// `column` must be a `date` column of dataset `of` (whose row-level names are `fields`).
fn date_column(ctx: &mut Ctx, fields: &[(String, DataType)], column: &Spanned<String>, of: &str) {
    if !fields.iter().any(|(n, _)| n == column.get_ref()) {
        let known = fields.iter().map(|(n, _)| n.clone()).collect();
        ctx.unknown(column, &format!("column of `{of}`"), known);
        return;
    }
    let kind = ctx
        .datasets_columns
        .get(of)
        .and_then(|cs| cs.iter().find(|c| &c.0 == column.get_ref()))
        .map(|c| c.2.clone());
    if kind.as_deref() != Some("date") {
        ctx.err_hint(
            column.span(),
            format!(
                "`{}` of `{of}` is not a date column{}",
                column.get_ref(),
                kind.map(|k| format!(" (it is {k})")).unwrap_or_default()
            ),
            "the days are told apart by a column of type \"date\"",
        );
    }
}

fn evaluation(r: &RawEvaluation, ctx: &mut Ctx) -> Option<Evaluation> {
    let t = r.treatment.get_ref();
    let fields = rows_of(ctx, &t.dataset);
    let away = fields.map(|fields| {
        date_column(ctx, &fields, &t.date, t.dataset.get_ref());
        let (e, ty) = ctx.expr("away", &t.away, &Names::new(fields), None);
        if let Some(ty) = ty {
            if ty != DataType::Boolean {
                ctx.err_hint(
                    t.away.span(),
                    format!("`away` must be true or false for each row, this gives {ty}"),
                    "compare a column with a value, e.g. lokasi_kerja = 'WFA'",
                );
            }
        }
        e
    });
    let baseline = match r.baseline.as_ref().map(|b| b.get_ref().as_str()) {
        None | Some("year") => Baseline::Year,
        Some("before") => Baseline::Before,
        Some(other) => {
            ctx.err_hint(
                r.baseline.as_ref().map(|b| b.span()).unwrap_or(ctx.root.clone()),
                format!("unknown baseline `{other}`"),
                "`year` (the same working days a year earlier) or `before` (the days just before the window)",
            );
            Baseline::Year
        }
    };
    let before_days = match &r.before_days {
        Some(d) if ctx.integer(d.span(), *d.get_ref(), 1..=MAX_BEFORE_DAYS, "before-days") => {
            *d.get_ref() as usize
        }
        _ => 10,
    };
    let level = match &r.level {
        Some(l) if ctx.number(l.span(), *l.get_ref(), 0.5..=0.999, "level") => *l.get_ref(),
        _ => 0.9,
    };
    let runs = match &r.runs {
        Some(n) if ctx.integer(n.span(), *n.get_ref(), 100..=MAX_RUNS, "runs") => {
            *n.get_ref() as usize
        }
        _ => 2000,
    };
    let seed = match &r.seed {
        Some(s) if ctx.integer(s.span(), *s.get_ref(), 0..=i64::MAX, "seed") => *s.get_ref() as u64,
        _ => 20260101,
    };
    Some(Evaluation {
        treatment: t.dataset.get_ref().clone(),
        treatment_date: t.date.get_ref().clone(),
        away: away?,
        baseline,
        before_days,
        level,
        runs,
        seed,
        simultaneous: r.simultaneous.unwrap_or(false),
    })
}

/// Does a column name, alias or label speak of SKP ratings (predikat)?
fn is_skp_predicate(words: &str) -> bool {
    let w = words.to_lowercase();
    w.contains("predikat") || w.contains("skp")
}

fn measure(r: &RawMeasure, ctx: &mut Ctx) -> Option<Measure> {
    let scope = match r.scope.get_ref().as_str() {
        "kinerja" => Some(Scope::Kinerja),
        "disiplin" => Some(Scope::Disiplin),
        "infrastruktur" => Some(Scope::Infrastruktur),
        "layanan" => Some(Scope::Layanan),
        "anggaran" => Some(Scope::Anggaran),
        _ => {
            ctx.err_hint(
                r.scope.span(),
                format!("unknown scope `{}`", r.scope.get_ref()),
                "the scopes of PermenPANRB 4/2025 Pasal 35: kinerja, disiplin, infrastruktur; also layanan, anggaran",
            );
            None
        }
    };
    let scale = match r.scale.get_ref().as_str() {
        "relative" => Some(Scale::Relative),
        "absolute" => Some(Scale::Absolute),
        other => {
            ctx.err_hint(
                r.scale.span(),
                format!("unknown scale `{other}`"),
                "`relative` (counts, amounts: a change in %) or `absolute` (shares, scores: a change in the value's unit)",
            );
            None
        }
    };
    let direction = match r.direction.get_ref().as_str() {
        "higher" => Some(Direction::Higher),
        "lower" => Some(Direction::Lower),
        other => {
            ctx.err_hint(
                r.direction.span(),
                format!("unknown direction `{other}`"),
                "`higher` or `lower` (which is better)",
            );
            None
        }
    };
    // On the relative scale a tolerance of 1 (a fall of 100 %) would call anything held.
    let range = match scale {
        Some(Scale::Relative) => 0.0..=0.99,
        _ => 0.0..=MAX_MAGNITUDE,
    };
    let tolerance_ok = ctx.number(
        r.tolerance.span(),
        *r.tolerance.get_ref(),
        range,
        "tolerance",
    );
    let date = r
        .date
        .clone()
        .unwrap_or_else(|| Spanned::new(r.id.span(), "tanggal".to_string()));
    let fields = rows_of(ctx, &r.dataset)?;
    date_column(ctx, &fields, &date, r.dataset.get_ref());
    let mut with_key = fields.clone();
    with_key.push(("__unit".into(), DataType::String));
    let (value, ty) = ctx.expr(
        r.id.get_ref(),
        &r.value,
        &Names::new(with_key),
        Some("__unit"),
    );
    // One value per unit and day from that day's rows: an aggregate, not a constant, a row's
    // value or a window over other days.
    let nodes: Vec<&polars::prelude::Expr> = (&value.parsed).into_iter().collect();
    let aggregates = nodes.iter().any(|n| {
        matches!(
            n,
            polars::prelude::Expr::Agg(_) | polars::prelude::Expr::Len
        )
    });
    let window = nodes
        .iter()
        .any(|n| matches!(n, polars::prelude::Expr::Over { .. }));
    if ty.is_some() && (!aggregates || window) {
        ctx.err_hint(
            r.value.span(),
            format!(
                "measure `{}` must aggregate one unit's rows of one day",
                r.id.get_ref()
            ),
            "use SUM(…), AVG(…), COUNT(*) or a ratio of them, without OVER",
        );
    }
    if let Some(ty) = ty {
        if !crate::sql::is_scalar_numeric(&ty) {
            ctx.err_hint(
                r.value.span(),
                format!(
                    "measure `{}` must give one number per unit and day, this gives {ty}",
                    r.id.get_ref()
                ),
                "aggregate the day's rows: SUM(…), AVG(…), SUM(a) / SUM(b)",
            );
        }
    }
    // SKP ratings: a column whose name or heading speaks of SKP or its predicate.
    let dataset = ctx.datasets_columns.get(r.dataset.get_ref()).cloned();
    let read: Vec<String> = value
        .parsed
        .clone()
        .meta()
        .root_names()
        .iter()
        .map(|n| n.to_string())
        .collect();
    let predicate = dataset.into_iter().flatten().find(|(name, words, _)| {
        read.contains(name) && (is_skp_predicate(name) || is_skp_predicate(words))
    });
    if let Some((name, _, _)) = predicate {
        ctx.err_hint(
            r.value.span(),
            format!(
                "measure `{}` reads `{name}`, an SKP rating: it cannot show whether performance held",
                r.id.get_ref()
            ),
            "SKP predicates are force-distributed against the unit's own rating (SE MenPANRB 3/2023); measure realisation against target or evidence counts instead",
        );
        return None;
    }
    Some(Measure {
        id: r.id.get_ref().clone(),
        label: text(r.label.as_ref(), r.id.get_ref()),
        scope: scope?,
        dataset: r.dataset.get_ref().clone(),
        date: date.get_ref().clone(),
        value,
        scale: scale?,
        direction: direction?,
        tolerance: if tolerance_ok {
            *r.tolerance.get_ref()
        } else {
            0.0
        },
        self_reported: r.self_reported,
        share: r.share,
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::errors;

    const EVAL: &str = include_str!("../../../rubrics/evaluasi-wfa.toml");

    fn messages(src: &str) -> Vec<String> {
        errors(src).into_iter().map(|e| e.2).collect()
    }

    #[test]
    fn the_shipped_evaluation_rubric_loads() {
        let r = crate::rubric::load_str(EVAL, "evaluasi-wfa.toml").unwrap();
        let e = r.evaluation.as_ref().unwrap();
        assert_eq!(e.treatment, "pelaksanaan");
        assert_eq!(r.measures.len(), 9);
        assert!(r.verdicts.is_empty() && r.indicators.is_empty());
    }

    #[test]
    fn an_skp_predicate_is_refused_as_a_measure() {
        let src = EVAL.replace(
            "{ name = \"waktu_proses_surat\", type = \"number\"",
            "{ name = \"predikat_baik\", type = \"percent\", aliases = [\"persen predikat SKP baik\"] },\n  { name = \"waktu_proses_surat\", type = \"number\"",
        ) + "\n[[measures]]\nid = \"predikat\"\nscope = \"kinerja\"\ndataset = \"kinerja\"\nvalue = \"AVG(predikat_baik)\"\nscale = \"absolute\"\ndirection = \"higher\"\ntolerance = 0.05\n";
        let m = messages(&src);
        assert!(m.iter().any(|x| x.contains("an SKP rating")), "{m:?}");
    }

    #[test]
    fn absurd_numbers_and_unknown_words_are_refused() {
        let m = messages(&EVAL.replacen("tolerance = 0.10", "tolerance = 5", 1));
        assert!(
            m.iter().any(|x| x == "tolerance 5 is outside 0..0.99"),
            "{m:?}"
        );
        let m = messages(&EVAL.replacen("tolerance = 0.10", "tolerance = 1.0", 1));
        assert!(
            m.iter().any(|x| x == "tolerance 1 is outside 0..0.99"),
            "{m:?}"
        );
        let m = messages(&EVAL.replacen("level = 0.90", "level = nan", 1));
        assert!(m.iter().any(|x| x.starts_with("level is NaN")), "{m:?}");
        let m = messages(&EVAL.replacen("scope = \"kinerja\"", "scope = \"moral\"", 1));
        assert!(m.iter().any(|x| x == "unknown scope `moral`"), "{m:?}");
        let m = messages(&EVAL.replacen("direction = \"higher\"", "direction = \"up\"", 1));
        assert!(m.iter().any(|x| x == "unknown direction `up`"), "{m:?}");
        let m = messages(&EVAL.replacen("runs = 2000", "runs = 100000000", 1));
        assert!(
            m.iter().any(|x| x.starts_with("runs 100000000 is outside")),
            "{m:?}"
        );
    }

    #[test]
    fn a_measure_must_give_a_number_per_day() {
        let m = messages(&EVAL.replacen(
            "value = \"SUM(bukti_dukung)\"",
            "value = \"bukti_dukung > 0\"",
            1,
        ));
        assert!(
            m.iter()
                .any(|x| x.contains("must give one number per unit and day")),
            "{m:?}"
        );
        let m = messages(&EVAL.replacen("SUM(bukti_dukung)", "SUM(bukti_dukungan)", 1));
        assert!(m.iter().any(|x| x.contains("bukti_dukungan")), "{m:?}");
        // The attack pass: a constant was accepted as a measure.
        for v in ["1", "bukti_dukung"] {
            let m = messages(&EVAL.replacen("SUM(bukti_dukung)", v, 1));
            assert!(
                m.iter()
                    .any(|x| x.contains("must aggregate one unit's rows of one day")),
                "{v}: {m:?}"
            );
        }
        // … and a measure dated by a number column reached polars.
        let m = messages(&EVAL.replacen(
            "value = \"SUM(bukti_dukung)\"",
            "date = \"surat_diproses\"\nvalue = \"SUM(bukti_dukung)\"",
            1,
        ));
        assert!(
            m.iter()
                .any(|x| x.contains("`surat_diproses` of `kinerja` is not a date column")),
            "{m:?}"
        );
    }

    #[test]
    fn an_evaluation_rubric_with_readiness_sections_is_refused() {
        let src = format!(
            "{EVAL}\n[[verdicts]]\nid = \"layak\"\nlabel = \"Layak\"\nmin-score = 70\n[[verdicts]]\nid = \"belum\"\nlabel = \"Belum\"\nmin-score = 0\n"
        );
        let m = messages(&src);
        assert!(
            m.iter().any(|x| x.contains("also has [[verdicts]]")),
            "{m:?}"
        );
    }

    #[test]
    fn measures_without_evaluation_are_refused() {
        let src = format!(
            "{}\n[[measures]]\nid = \"x\"\nscope = \"kinerja\"\ndataset = \"survei\"\nvalue = \"COUNT(*)\"\nscale = \"relative\"\ndirection = \"higher\"\ntolerance = 0.1\n",
            super::super::testing::TINY
        );
        let m = messages(&src);
        assert!(
            m.iter().any(|x| x.contains("also needs [evaluation]")),
            "{m:?}"
        );
    }
}
