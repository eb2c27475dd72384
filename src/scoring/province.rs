//! The province's answer: the rubric's rules over the unit verdicts (evaluated by polars on a
//! one-row table of the province's figures), and the obstacles that recur across units.
//! Facts only: which rule held, the figures its message reads, counts; no words.
//! A number a rule compares that is not finite or beyond ±1e15 (`n_layak / 0 >= 2`) is an error
//! at the rule's place, checked as the unit-level expressions are (`frame::check_numbers`).

use super::facts::{
    Cause, ObstacleFact, ProvinceScore, TopObstacleFact, UnitScore, VerdictBlockers, VerdictGroup,
};
use super::frame::{self, Computed, Rows};
use crate::assessment::{IndicatorStatus, Suppression, SuppressionSummary};
use crate::format;
use crate::input::Roll;
use crate::rubric::{ProvinceRule, Rubric};
use anyhow::Result;
use polars::prelude::*;
use std::collections::BTreeMap;

/// For each row of `df` (columns `units`, `staff_*`, `n_<verdict>`, `share_<verdict>`), the index
/// of the first province rule that holds, or `None` for the default: all rows at once.
pub fn answers(r: &Rubric, df: &DataFrame) -> Result<Vec<Option<usize>>> {
    let mut out = vec![None; df.height()];
    for (i, rule) in r.province.rules.iter().enumerate() {
        let ok = df
            .clone()
            .lazy()
            .select([rule.when.parsed.clone().cast(DataType::Boolean).alias("ok")])
            .collect()
            .map_err(|e| {
                let message = format!(
                    "province rule `{}` failed: {}",
                    rule.when.expr,
                    crate::sql::without_values(&e)
                );
                r.problem_at(&rule.when, message, crate::sql::FAILED_ON_DATA_HINT)
            })?;
        check_rule(r, rule, df)?;
        for (k, hit) in ok.column("ok")?.bool()?.iter().enumerate() {
            if out[k].is_none() && hit == Some(true) {
                out[k] = Some(i);
            }
        }
    }
    Ok(out)
}

/// The numbers a province rule compares are on the value scale (finite, at most 1e15 in
/// magnitude): `n_layak / 0 >= 2` is an error at the rule, not a verdict. The same check as the
/// unit-level expressions' (`frame::compared`, `frame::check_numbers`).
fn check_rule(r: &Rubric, rule: &ProvinceRule, df: &DataFrame) -> Result<()> {
    let whole = Computed {
        column: "__rule".into(),
        what: "province rule".into(),
        expr: &rule.when,
        value: rule.when.parsed.clone(),
        dtype: DataType::Boolean,
    };
    let sides = frame::compared(std::slice::from_ref(&whole), &df.clone().lazy());
    if sides.is_empty() {
        return Ok(());
    }
    let values = df
        .clone()
        .lazy()
        .select(frame::unit_exprs(&sides))
        .collect()
        .map_err(|e| {
            let message = format!(
                "province rule `{}` failed: {}",
                rule.when.expr,
                crate::sql::without_values(&e)
            );
            r.problem_at(&rule.when, message, crate::sql::FAILED_ON_DATA_HINT)
        })?;
    let items: Vec<_> = sides
        .iter()
        .map(|s| (s.column.clone(), s.what.clone(), s.expr))
        .collect();
    frame::check_numbers(r, &values, &items, Rows::Province)
}

/// The figures of how many expected units were assessed, as the province rules read them:
/// `units_expected`, `units_assessed`, `units_not_assessed`, `share_assessed` (0 when none is
/// expected).
pub fn coverage_fields(expected: usize, assessed: usize) -> Vec<(String, f64)> {
    let share = if expected > 0 {
        assessed as f64 / expected as f64
    } else {
        0.0
    };
    vec![
        ("units_expected".into(), expected as f64),
        ("units_assessed".into(), assessed as f64),
        (
            "units_not_assessed".into(),
            expected.saturating_sub(assessed) as f64,
        ),
        ("share_assessed".into(), share),
    ]
}

/// The expected units: the roll's, and any scored unit the roll does not list.
fn expected_units(units: &[UnitScore], roll: &Roll) -> usize {
    let listed: std::collections::HashSet<&str> =
        roll.units.iter().map(|u| u.unit.as_str()).collect();
    roll.units.len()
        + units
            .iter()
            .filter(|u| !listed.contains(u.id.as_str()))
            .count()
}

/// The province's answer from the scored units and the roll of the units that should answer.
pub fn summarise(r: &Rubric, units: &[UnitScore], roll: &Roll) -> Result<ProvinceScore> {
    let n = units.len();
    let expected = expected_units(units, roll);
    let coverage = coverage_fields(expected, n);
    let share_assessed = coverage[3].1;
    // Below the rubric's threshold the rules' answer is kept but not given (a policy choice).
    let conclusive = r.province.min_assessed <= 0.0 || share_assessed >= r.province.min_assessed;
    let mut counts: BTreeMap<String, usize> =
        r.verdicts.iter().map(|v| (v.id.clone(), 0)).collect();
    for u in units {
        *counts.entry(r.verdicts[u.verdict].id.clone()).or_insert(0) += 1;
    }
    let staff_total: i64 = units.iter().filter_map(|u| u.wfa.staff_total).sum();
    let staff_eligible: i64 = units.iter().filter_map(|u| u.wfa.staff_eligible).sum();
    let staff_allowed: i64 = units.iter().map(|u| u.wfa.staff_allowed_at_once).sum();

    let mut fields: Vec<(String, f64)> = vec![
        ("units".into(), n as f64),
        ("staff_total".into(), staff_total as f64),
        ("staff_eligible".into(), staff_eligible as f64),
        ("staff_allowed".into(), staff_allowed as f64),
    ];
    fields.extend(coverage);
    for v in &r.verdicts {
        let c = counts[&v.id] as f64;
        fields.push((format!("n_{}", v.id), c));
        fields.push((
            format!("share_{}", v.id),
            if n > 0 { c / n as f64 } else { 0.0 },
        ));
    }
    let cols: Vec<Column> = fields
        .iter()
        .map(|(k, x)| Column::new(k.as_str().into(), [*x]))
        .collect();
    let df = DataFrame::new(1, cols)?;
    let rule = answers(r, &df)?[0];
    let verdict = match rule {
        Some(i) => r.province.rules[i].verdict,
        None => r.province.default,
    };

    // Obstacles across units, counting only the units an obstacle keeps from their next
    // verdict (a Layak unit below one indicator's target is not held back by it).
    let top = aggregate(r, units.iter(), 10);
    // Per verdict below the best: what its units have in common.
    let blockers = (1..r.verdicts.len())
        .filter_map(|v| {
            let group: Vec<&UnitScore> = units.iter().filter(|u| u.verdict == v).collect();
            (!group.is_empty()).then(|| VerdictBlockers {
                verdict: v,
                units: group.len(),
                obstacles: aggregate(r, group.into_iter(), 3),
            })
        })
        .collect();

    let groups = (0..r.verdicts.len())
        .filter_map(|v| {
            let group: Vec<&UnitScore> = units.iter().filter(|u| u.verdict == v).collect();
            (!group.is_empty()).then(|| VerdictGroup {
                verdict: v,
                units: group.len(),
                staff_total: group.iter().filter_map(|u| u.wfa.staff_total).sum(),
                min_on_site: group.iter().filter_map(|u| u.wfa.min_on_site).sum(),
                staff_allowed_at_once: group
                    .iter()
                    .all(|u| u.wfa.staff_allowed_hidden.is_none())
                    .then(|| group.iter().map(|u| u.wfa.staff_allowed_at_once).sum()),
            })
        })
        .collect();

    Ok(ProvinceScore {
        units_expected: expected,
        share_assessed,
        conclusive,
        roll: roll.clone(),
        rule,
        verdict,
        fields,
        units: n,
        verdict_counts: counts,
        staff_total,
        staff_eligible,
        staff_allowed_at_once: staff_allowed,
        top_obstacles: top,
        blockers,
        groups,
        suppressed: suppression(r, units),
    })
}

/// Does obstacle `o` keep unit `u` from the next better verdict? A failed gate does when it
/// caps the unit at its verdict or below; an indicator (or a coverage shortfall) does when the
/// score alone does not reach the next band. A unit at the best verdict has none.
pub fn blocks_next(r: &Rubric, u: &UnitScore, o: &ObstacleFact) -> bool {
    if u.verdict == 0 {
        return false;
    }
    match o.cause {
        Cause::Gate { gate, .. } => r.gates[gate].cap >= u.verdict,
        Cause::Coverage { .. } => true,
        Cause::Indicator { .. } => u.score_band >= u.verdict,
    }
}

/// The obstacles holding back `units`, most widespread first (then staff affected, id), at
/// most `n`.
fn aggregate<'a>(
    r: &Rubric,
    units: impl Iterator<Item = &'a UnitScore>,
    n: usize,
) -> Vec<TopObstacleFact> {
    let mut agg: BTreeMap<String, TopObstacleFact> = BTreeMap::new();
    for u in units {
        for o in u.obstacles.iter().filter(|o| blocks_next(r, u, o)) {
            let e = agg.entry(o.id.clone()).or_insert_with(|| TopObstacleFact {
                id: o.id.clone(),
                about: o.cause.about(),
                units: 0,
                staff_affected: 0,
                score_cost_total: 0.0,
            });
            e.units += 1;
            e.staff_affected += o.staff_affected.unwrap_or(0);
            e.score_cost_total = format::round(e.score_cost_total + o.score_cost, r.decimals);
        }
    }
    let mut top: Vec<TopObstacleFact> = agg.into_values().collect();
    top.sort_by(|a, b| {
        b.units
            .cmp(&a.units)
            .then(b.staff_affected.cmp(&a.staff_affected))
            .then(a.id.cmp(&b.id))
    });
    top.truncate(n);
    top
}

/// Counts of what the units' figures leave out for privacy.
fn suppression(r: &Rubric, units: &[UnitScore]) -> SuppressionSummary {
    let mut s = SuppressionSummary {
        min_group_size: r.min_group_size,
        ..Default::default()
    };
    for u in units {
        s.indicator_values += u
            .indicators
            .iter()
            .filter(|i| i.status == IndicatorStatus::Suppressed)
            .count();
        s.job_counts += u.wfa.jobs_hidden;
        if u.wfa.staff_eligible_hidden.is_some() {
            s.complementary += 1;
        }
        if u.wfa.staff_allowed_hidden.is_some() {
            s.complementary += 1;
        }
        for j in &u.wfa.eligible_jobs {
            match j.suppressed {
                Some(Suppression::SmallGroup) => s.job_counts += 1,
                Some(Suppression::Complementary) => s.complementary += 1,
                None => {}
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::super::frame::tests::{line_of, run};

    #[test]
    fn a_province_rule_dividing_by_zero_is_refused() {
        // `n_layak / 0.0 >= 2` was inf >= 2: the province was `layak`, exit 0.
        let e = run("when = \"n_layak >= 2\"", "when = \"n_layak / 0.0 >= 2\"").unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!((e[0].0, e[0].1), (line_of("when = \"n_layak >= 2\""), 8));
        assert_eq!(
            e[0].2,
            "a value compared in province rule `n_layak / 0.0 >= 2` gives inf for the province; only a finite number (or missing) can be scored"
        );
        // 0 / 0 is NaN, which polars orders above every number.
        let e = run(
            "when = \"n_layak >= 2\"",
            "when = \"(units - units) / (units - units) >= 2\"",
        )
        .unwrap_err();
        assert!(e[0].2.contains("gives NaN for the province"), "{e:?}");
        // A wrapped integer in a rule is outside the value scale.
        let e = run(
            "when = \"n_layak >= 2\"",
            "when = \"CAST(9223372036854775807 AS BIGINT) + CAST(units AS BIGINT) < 0\"",
        )
        .unwrap_err();
        assert!(e[0].2.contains("outside the value scale"), "{e:?}");
        // The rule as it was still answers.
        run("when = \"n_layak >= 2\"", "when = \"n_layak * 1.0 >= 2\"").unwrap();
    }
}
