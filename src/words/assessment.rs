//! Facts to contract: the `Assessment` (what `assessment.json` holds) from the scored facts, the
//! rubric and the run's language. Labels come from the rubric in that language, the rubric's
//! message and fix templates are filled, and the tool's own sentences come from `words`.
//! Nothing is decided here: every score, verdict, rank and count is taken from `Scored`.

use super::{
    coverage_fix, coverage_label, coverage_message, coverage_problem, fill, gate_without_data,
    max_days_per_week, no_data, suppressed_value,
};
use crate::assessment::*;
use crate::diag::{Code, Diagnostic};
use crate::format::{self, round};
use crate::rubric::{Indicator, Lang, Rubric, ValueFormat};
use crate::scoring::{
    About, Cause, Decider, GateFailed, ObstacleFact, ProvinceScore, Scored, TopObstacleFact,
    UnitScore,
};

/// The assessment of a scored run, worded in `lang`; `generated_at` is the RFC 3339 run time.
pub fn assessment(r: &Rubric, s: &Scored, lang: Lang, generated_at: &str) -> Assessment {
    let mut a = assessment_without_robustness(r, s, lang, generated_at);
    if let Some(x) = &s.robustness {
        let fragile = a
            .units
            .iter()
            .filter(|u| u.robustness.as_ref().is_some_and(|x| x.fragile))
            .map(|u| u.id.clone())
            .collect();
        a.summary.robustness = Some(super::robustness::summary(
            x,
            &a.summary.verdict_if_assessed,
            fragile,
        ));
    }
    a.summary.plan = s
        .plan
        .as_ref()
        .and_then(|(p, offices)| plan_summary(r, p, offices, &s.units, lang));
    a.summary.plan_skipped = s
        .plan_skipped
        .map(|(units, limit)| PlanSkipped { units, limit });
    a
}

/// The plans of the units at the worst verdict (towards `p.target_verdict`), summed, with the
/// improvements' labels. A unit whose verdict or gates leadership decided (an override) is left
/// out and counted: buying improvements does not move a decision, and the plan, made from the
/// data, does not know it.
fn plan_summary(
    r: &Rubric,
    p: &crate::plan::Plans,
    offices: &[Option<String>],
    scored: &[crate::scoring::UnitScore],
    lang: Lang,
) -> Option<PlanSummary> {
    use crate::scoring::decisions::Overridden;
    let worst_at = r.verdicts.len().checked_sub(1)?;
    let worst = r.verdicts.last()?;
    let to = r.verdicts.iter().find(|v| v.id == p.target_verdict)?;
    let decided = |u: &crate::scoring::UnitScore| {
        u.overrides
            .iter()
            .any(|o| matches!(o.what, Overridden::Gate { .. } | Overridden::Verdict { .. }))
    };
    let at_worst: Vec<&crate::scoring::UnitScore> =
        scored.iter().filter(|u| u.verdict == worst_at).collect();
    let planned: std::collections::BTreeSet<&str> = at_worst
        .iter()
        .filter(|u| !decided(u))
        .map(|u| u.id.as_str())
        .collect();
    let units: Vec<&crate::plan::UnitPlan> = p
        .units
        .iter()
        .filter(|u| planned.contains(u.id.as_str()))
        .collect();
    if units.is_empty() {
        return None;
    }
    let reaching: Vec<&&crate::plan::UnitPlan> =
        units.iter().filter(|u| u.reaches_target).collect();
    let mut actions: Vec<PlanAction> = r
        .improvements
        .iter()
        .zip(offices)
        .filter_map(|(im, office)| {
            let bought: Vec<&crate::plan::Action> = reaching
                .iter()
                .flat_map(|u| &u.actions)
                .filter(|a| a.improvement == im.id)
                .collect();
            (!bought.is_empty()).then(|| {
                let sum = |yearly: bool| {
                    bought
                        .iter()
                        .filter(|a| a.yearly == yearly)
                        .map(|a| a.cost)
                        .sum::<f64>()
                        + 0.0
                };
                PlanAction {
                    improvement: im.id.clone(),
                    label: im.label.get(lang).to_string(),
                    units: bought.len(),
                    cost_once: sum(false),
                    cost_yearly: sum(true),
                    office: office.clone(),
                }
            })
        })
        .collect();
    actions.sort_by(|a, b| {
        b.units
            .cmp(&a.units)
            .then((b.cost_once + b.cost_yearly).total_cmp(&(a.cost_once + a.cost_yearly)))
    });
    // `to_target` sums over every unit below the target, which, towards the verdict after
    // the worst, are exactly the units at the worst verdict by the data. When decisions moved
    // some, the sums are made again over the units kept; the staff gain then only when every
    // figure in it is shown.
    let same = units.len() == p.units.iter().filter(|u| u.verdict == worst.id).count();
    let (cost_once, cost_yearly, staff_gain) = if same {
        (
            p.to_target.cost_once,
            p.to_target.cost_yearly,
            p.to_target.staff_gain,
        )
    } else {
        let gains: Option<Vec<i64>> = reaching
            .iter()
            .map(|u| Some(u.staff_allowed_after? - u.staff_allowed_before?))
            .collect();
        (
            reaching.iter().map(|u| u.cost_once).sum::<f64>() + 0.0,
            reaching.iter().map(|u| u.cost_yearly).sum::<f64>() + 0.0,
            gains.map(|g| g.iter().sum()),
        )
    };
    Some(PlanSummary {
        from_verdict: worst.id.clone(),
        from_label: worst.label.get(lang).to_string(),
        to_verdict: to.id.clone(),
        to_label: to.label.get(lang).to_string(),
        margin: p.margin,
        units: units.len(),
        reaching: reaching.len(),
        decided: at_worst.len() - planned.len(),
        cost_once,
        cost_yearly,
        staff_gain,
        actions,
        costs_assumed: !p.assumptions.is_empty(),
    })
}

fn assessment_without_robustness(
    r: &Rubric,
    s: &Scored,
    lang: Lang,
    generated_at: &str,
) -> Assessment {
    Assessment {
        schema_version: SCHEMA_VERSION.to_string(),
        tool: Tool {
            name: "kesiapan".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        generated_at: generated_at.to_string(),
        lang,
        rubric: RubricRef {
            id: r.id.clone(),
            version: r.version.clone(),
            sha256: r.sha256.clone(),
            path: r.path.clone(),
            title: r.title.get(lang).to_string(),
            unit_label: r.unit_label.get(lang).to_string(),
            applied: applied(r, lang),
            min_group_size: r.min_group_size,
        },
        inputs: s.inputs.clone(),
        verdicts: r
            .verdicts
            .iter()
            .map(|v| VerdictRef {
                id: v.id.clone(),
                label: v.label.get(lang).to_string(),
                min_score: v.min_score,
            })
            .collect(),
        dimensions: r
            .dimensions
            .iter()
            .map(|d| DimensionRef {
                id: d.id.clone(),
                label: d.label.get(lang).to_string(),
                weight: round(d.weight_share, r.decimals),
            })
            .collect(),
        datasets: r
            .datasets
            .iter()
            .zip(&s.datasets)
            .map(|(d, used)| DatasetRef {
                id: d.id.clone(),
                title: d.title.get(lang).to_string(),
                personal: d.personal,
                per_unit: d.per_unit,
                rows_used: used.rows_used,
                units_with_rows: used.units_with_rows,
                response_rate: used.response_rate,
            })
            .collect(),
        units: s
            .units
            .iter()
            .map(|u| {
                let mut w = unit(r, u, &s.diagnostics, lang);
                // A decided verdict is not the scoring's: how the scoring's holds is not its.
                let decided = u.overrides.iter().any(|o| {
                    !matches!(
                        o.what,
                        crate::scoring::decisions::Overridden::MaxAway { .. }
                    )
                });
                w.robustness = s.robustness.as_ref().filter(|_| !decided).and_then(|x| {
                    x.units
                        .iter()
                        .find(|x| x.id == u.id)
                        .map(|x| super::robustness::unit(r, x, &w.verdict, x_stable(s), lang))
                });
                w.kind = s
                    .province
                    .roll
                    .units
                    .iter()
                    .find(|x| x.unit == u.id)
                    .and_then(|x| x.kind.clone());
                w
            })
            .collect(),
        summary: summary(r, &s.province, lang),
        // A diagnostic's unit is shown as the unit's id is (capped the same way, so they match).
        diagnostics: s
            .diagnostics
            .iter()
            .map(|d| Diagnostic {
                unit: d
                    .unit
                    .as_deref()
                    .map(|u| crate::text::cap(u, crate::text::NAME_LIMIT, lang).into_owned()),
                ..d.clone()
            })
            .collect(),
    }
}

/// The share of runs under which a verdict is fragile, in the run `s` carries.
fn x_stable(s: &Scored) -> f64 {
    s.robustness
        .as_ref()
        .map(|x| x.settings.stable_share)
        .unwrap_or(0.0)
}

/// The scoring rules as applied, for `assessment.json`.
fn applied(r: &Rubric, lang: Lang) -> Applied {
    Applied {
        dimensions: r
            .dimensions
            .iter()
            .map(|d| AppliedDimension {
                id: d.id.clone(),
                label: d.label.get(lang).to_string(),
                weight: d.weight,
            })
            .collect(),
        indicators: r
            .indicators
            .iter()
            .map(|i| AppliedIndicator {
                id: i.id.clone(),
                label: i.label.get(lang).to_string(),
                dimension: i.dimension.clone(),
                weight: i.weight,
                value: i.value.expr.clone(),
                curve: i.curve.clone(),
                target: i.target,
                missing: i.missing,
                format: i.format,
                unit: i.unit.clone(),
            })
            .collect(),
        gates: r
            .gates
            .iter()
            .map(|g| AppliedGate {
                id: g.id.clone(),
                label: g.label.get(lang).to_string(),
                require: g.require.expr.clone(),
                cap: r.verdicts[g.cap].id.clone(),
            })
            .collect(),
    }
}

/// One unit's part of the assessment.
fn unit(r: &Rubric, u: &UnitScore, diagnostics: &[Diagnostic], lang: Lang) -> Unit {
    // Ids and names are display text here: capped (`text::cap`, with its marker) so that a 10 MB
    // cell is not copied into every report. Matching below uses the full `u.id`.
    let capped = |s: &str| crate::text::cap(s, crate::text::NAME_LIMIT, lang).into_owned();
    let name = capped(u.name.as_deref().unwrap_or(&u.id));
    Unit {
        id: capped(&u.id),
        name: u.name.as_deref().map(capped),
        score: u.score,
        coverage: u.coverage,
        verdict: r.verdicts[u.verdict].id.clone(),
        verdict_label: r.verdicts[u.verdict].label.get(lang).to_string(),
        score_verdict: r.verdicts[u.score_band].id.clone(),
        decided_by: match u.decided_by {
            Decider::Score => "score".to_string(),
            Decider::Gate(gi) => r.gates[gi].id.clone(),
            Decider::Coverage => "coverage".to_string(),
            Decider::Override => "override".to_string(),
        },
        dimensions: r
            .dimensions
            .iter()
            .zip(&u.dimensions)
            .map(|(d, s)| UnitDimension {
                id: d.id.clone(),
                score: s.score,
                weight: s.weight,
            })
            .collect(),
        indicators: r
            .indicators
            .iter()
            .zip(&u.indicators)
            .map(|(ind, s)| UnitIndicator {
                id: ind.id.clone(),
                dimension: ind.dimension.clone(),
                value: s.value.map(|x| round(x, r.decimals)),
                display: if s.status == IndicatorStatus::Suppressed {
                    suppressed_value(lang).to_string()
                } else {
                    shown(ind, s.value, lang)
                },
                score: s.score,
                weight: ind.weight,
                effective_weight: s.effective_weight,
                target: ind.target,
                status: s.status,
            })
            .collect(),
        gates_failed: u
            .gates_failed
            .iter()
            .map(|g| {
                let gate = &r.gates[g.gate];
                GateFailure {
                    id: gate.id.clone(),
                    label: gate.label.get(lang).to_string(),
                    message: gate_message(r, g, &name, lang),
                    cap: r.verdicts[gate.cap].id.clone(),
                    missing_data: g.missing_data,
                }
            })
            .collect(),
        obstacles: u
            .obstacles
            .iter()
            .map(|o| obstacle(r, o, &name, lang))
            .collect(),
        wfa: wfa(r, u, lang),
        data_warnings: diagnostics
            .iter()
            .filter(|d| {
                matches!(d.code, Code::LowResponse | Code::LowCoverage)
                    && d.unit.as_deref() == Some(&u.id)
            })
            .map(|d| format!("{}: {}", d.code, d.text(lang)))
            .collect(),
        kind: None,
        robustness: None,
        overrides: u
            .overrides
            .iter()
            .map(|o| super::decisions::record(r, o, lang))
            .collect(),
    }
}

/// An indicator's value as shown (`42 %`, `12,5 Mbps`), or "no data".
fn shown(ind: &Indicator, value: Option<f64>, lang: Lang) -> String {
    match value {
        Some(x) => match ind.target {
            Some(t) => format::value_apart(x, t, ind.format, ind.unit.as_deref(), lang),
            None => format::value(x, ind.format, ind.unit.as_deref(), lang),
        },
        None => no_data(lang).to_string(),
    }
}

/// The label of what an obstacle is about.
/// The obstacle as a problem, in a few words.
fn problem(r: &Rubric, about: About, lang: Lang) -> String {
    match about {
        About::Gate(gi) => r.gates[gi].problem.get(lang).to_string(),
        About::Coverage => coverage_problem(lang).to_string(),
        About::Indicator(i) => r.indicators[i].problem.get(lang).to_string(),
    }
}

/// The office the rubric makes responsible for the fix.
fn office(r: &Rubric, about: About) -> Option<String> {
    match about {
        About::Gate(gi) => r.gates[gi].office.clone(),
        About::Coverage => None,
        About::Indicator(i) => r.indicators[i].office.clone(),
    }
}

/// A province-level obstacle in words.
fn top_obstacle(r: &Rubric, t: &TopObstacleFact, lang: Lang) -> TopObstacle {
    TopObstacle {
        id: t.id.clone(),
        kind: t.about.kind(),
        label: label(r, t.about, lang),
        problem: problem(r, t.about, lang),
        office: office(r, t.about),
        units: t.units,
        staff_affected: t.staff_affected,
        score_cost_total: t.score_cost_total,
    }
}

fn label(r: &Rubric, about: About, lang: Lang) -> String {
    match about {
        About::Gate(gi) => r.gates[gi].label.get(lang).to_string(),
        About::Coverage => coverage_label(lang).to_string(),
        About::Indicator(i) => r.indicators[i].label.get(lang).to_string(),
    }
}

/// The variables of a gate's message and fix templates.
fn gate_vars(r: &Rubric, gate: usize, name: &str, lang: Lang) -> [(&'static str, String); 2] {
    [
        ("name", name.to_string()),
        ("label", r.gates[gate].label.get(lang).to_string()),
    ]
}

/// A failed gate's message: the rubric's template, and a note when the data was missing.
fn gate_message(r: &Rubric, g: &GateFailed, name: &str, lang: Lang) -> String {
    let vars = gate_vars(r, g.gate, name, lang);
    let mut message = fill(r.gates[g.gate].message.get(lang), &vars);
    if g.missing_data {
        message.push_str(gate_without_data(lang));
    }
    message
}

fn obstacle(r: &Rubric, o: &ObstacleFact, name: &str, lang: Lang) -> Obstacle {
    let (message, fix) = match o.cause {
        Cause::Gate { gate, missing_data } => {
            let g = GateFailed { gate, missing_data };
            let vars = gate_vars(r, gate, name, lang);
            (
                gate_message(r, &g, name, lang),
                r.gates[gate].fix.as_ref().map(|f| fill(f.get(lang), &vars)),
            )
        }
        Cause::Coverage { coverage } => {
            let worst = r.verdicts.len() - 1;
            (
                coverage_message(
                    &format::number(coverage * 100.0, 0, lang),
                    &format::number(r.min_coverage * 100.0, 0, lang),
                    r.unit_label.get(lang),
                    r.verdicts[worst].label.get(lang),
                    lang,
                ),
                Some(coverage_fix(lang).to_string()),
            )
        }
        Cause::Indicator {
            indicator,
            value,
            gap,
            score,
        } => {
            let ind = &r.indicators[indicator];
            let show = |x: f64| format::value(x, ind.format, ind.unit.as_deref(), lang);
            let vars = [
                ("value", shown(ind, value, lang)),
                ("target", ind.target.map(show).unwrap_or_default()),
                ("unit", ind.unit.clone().unwrap_or_default()),
                ("name", name.to_string()),
                (
                    "gap",
                    gap.map(|g| format::number(g.max(0.0), 2, lang))
                        .unwrap_or_else(|| "?".into()),
                ),
                ("score", format::number(score, 1, lang)),
                ("label", ind.label.get(lang).to_string()),
            ];
            (
                fill(ind.message.get(lang), &vars),
                ind.fix.as_ref().map(|f| fill(f.get(lang), &vars)),
            )
        }
    };
    let about = o.cause.about();
    Obstacle {
        id: o.id.clone(),
        kind: about.kind(),
        label: label(r, about, lang),
        problem: problem(r, about, lang),
        office: office(r, about),
        message,
        fix,
        score_cost: o.score_cost,
        staff_affected: o.staff_affected,
        rank: o.rank,
    }
}

/// The WFA form: the scored numbers, and the rubric's conditions when anyone may go.
fn wfa(r: &Rubric, u: &UnitScore, lang: Lang) -> WfaForm {
    let f = &u.wfa;
    let conditions = match &r.wfa {
        Some(w) if f.staff_allowed_at_once > 0 => w
            .conditions
            .iter()
            .map(|c| c.get(lang).to_string())
            .chain(w.max_days_per_week.map(|d| max_days_per_week(d, lang)))
            .collect(),
        _ => Vec::new(),
    };
    WfaForm {
        staff_total: f.staff_total,
        // Hidden where it would give away a small group (decided in `scoring`).
        staff_eligible: f
            .staff_eligible
            .filter(|_| f.staff_eligible_hidden.is_none()),
        staff_eligible_suppressed: f.staff_eligible_hidden,
        min_on_site: f.min_on_site,
        max_share_away: f.max_share_away,
        staff_allowed_at_once: Some(f.staff_allowed_at_once)
            .filter(|_| f.staff_allowed_hidden.is_none()),
        staff_allowed_suppressed: f.staff_allowed_hidden,
        max_days_per_week: r.wfa.as_ref().and_then(|w| w.max_days_per_week),
        eligible_jobs: f.eligible_jobs.clone(),
        conditions,
    }
}

/// The province's answer: the rule's (or the default's) message filled with its figures.
fn summary(r: &Rubric, p: &ProvinceScore, lang: Lang) -> Summary {
    let (decided_by, template) = match p.rule {
        Some(i) => (format!("rule {}", i + 1), &r.province.rules[i].message),
        None => ("default".to_string(), &r.province.default_message),
    };
    let vars: Vec<(&str, String)> = p
        .fields
        .iter()
        .map(|(k, x)| {
            let shown = if k.starts_with("share_") {
                format::value(*x, ValueFormat::Percent, None, lang)
            } else {
                format::number(*x, 0, lang)
            };
            (k.as_str(), shown)
        })
        .collect();
    let unit = r.unit_label.get(lang);
    let rule_verdict = &r.verdicts[p.verdict];
    let rule_message = fill(template.get(lang), &vars);
    let missing: Vec<String> = p
        .roll
        .units
        .iter()
        .filter(|u| !u.not_assessed.is_empty())
        .map(|u| u.unit.clone())
        .collect();
    let pct = |x: f64| format::number(x * 100.0, 0, lang);
    let (verdict, verdict_label, message) = if p.conclusive {
        (
            rule_verdict.id.clone(),
            rule_verdict.label.get(lang).to_string(),
            rule_message.clone(),
        )
    } else {
        (
            INCONCLUSIVE.to_string(),
            super::roll::inconclusive_label(lang).to_string(),
            super::roll::inconclusive_message(
                p.units,
                p.units_expected,
                &missing,
                &pct(p.share_assessed),
                &pct(r.province.min_assessed),
                unit,
                lang,
            ),
        )
    };
    let title = |id: &str| -> String {
        r.dataset(id)
            .map(|d| d.title.get(lang).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    let not_assessed = p
        .roll
        .units
        .iter()
        .filter(|u| !u.not_assessed.is_empty())
        .map(|u| NotAssessedUnit {
            unit: u.unit.clone(),
            name: u.name.clone(),
            reasons: u
                .not_assessed
                .iter()
                .map(|x| super::roll::reason(x, &title, lang))
                .collect(),
        })
        .collect();
    let not_sent = r
        .datasets
        .iter()
        .map(|d| NotSent {
            dataset: d.id.clone(),
            title: d.title.get(lang).to_string(),
            units: p
                .roll
                .units
                .iter()
                .filter(|u| u.not_sent.contains(&d.id))
                .map(|u| u.unit.clone())
                .collect(),
        })
        .filter(|n| !n.units.is_empty())
        .collect();
    Summary {
        label: r.province.label.get(lang).to_string(),
        verdict,
        verdict_label,
        message,
        units_expected: p.units_expected,
        units_assessed: p.units,
        share_assessed: round(p.share_assessed, r.decimals),
        min_assessed: r.province.min_assessed,
        conclusive: p.conclusive,
        assessed_line: super::roll::assessed_line(p.units, p.units_expected, unit, lang),
        verdict_if_assessed: rule_verdict.id.clone(),
        verdict_if_assessed_label: rule_verdict.label.get(lang).to_string(),
        message_if_assessed: rule_message,
        not_assessed,
        not_sent,
        decided_by,
        units: p.units,
        verdict_counts: p.verdict_counts.clone(),
        staff_total: p.staff_total,
        staff_eligible: p.staff_eligible,
        staff_allowed_at_once: p.staff_allowed_at_once,
        top_obstacles: p
            .top_obstacles
            .iter()
            .map(|t| top_obstacle(r, t, lang))
            .collect(),
        robustness: None,
        plan: None,
        plan_skipped: None,
        groups: p
            .groups
            .iter()
            .map(|g| VerdictGroupSummary {
                verdict: r.verdicts[g.verdict].id.clone(),
                label: r.verdicts[g.verdict].label.get(lang).to_string(),
                units: g.units,
                staff_total: g.staff_total,
                min_on_site: g.min_on_site,
                staff_allowed_at_once: g.staff_allowed_at_once,
            })
            .collect(),
        blockers: p
            .blockers
            .iter()
            .map(|b| Blockers {
                verdict: r.verdicts[b.verdict].id.clone(),
                verdict_label: r.verdicts[b.verdict].label.get(lang).to_string(),
                next_label: r.verdicts[b.verdict - 1].label.get(lang).to_string(),
                units: b.units,
                obstacles: b
                    .obstacles
                    .iter()
                    .map(|t| top_obstacle(r, t, lang))
                    .collect(),
            })
            .collect(),
        suppressed: p.suppressed.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{Sources, load};
    use std::path::Path;

    /// The tiny fixture's `assessment.json` in `lang`, as `assess --now … --format json` writes
    /// it, with the tool version of `expected` (the snapshot outlives version bumps).
    fn tiny(lang: Lang, expected: &str) -> String {
        let rubric = crate::rubric::load(Path::new("tests/fixtures/tiny/tiny.toml")).unwrap();
        let sources = Sources {
            dir: Some("tests/fixtures/tiny".into()),
            files: vec![],
            resubmit: Default::default(),
            keep_going: false,
            units: None,
        };
        let loaded = load(&rubric, &sources).unwrap();
        let mut scored = crate::scoring::score(&rubric, &loaded).unwrap();
        // As `assess` does.
        scored.robustness = Some(
            crate::sensitivity::run(
                &rubric,
                &scored.values,
                loaded.roll.units.len(),
                &crate::sensitivity::Settings::quick(crate::cli::ROBUSTNESS_RUNS),
            )
            .unwrap(),
        );
        let mut a = assessment(&rubric, &scored, lang, "2025-12-23T09:00:00Z");
        let snapshot: serde_json::Value = serde_json::from_str(expected).unwrap();
        a.tool.version = snapshot["tool"]["version"].as_str().unwrap().to_string();
        crate::report::json::render(&a).unwrap()
    }

    /// The snapshots were written by `assess` before scoring stopped wording its results: the
    /// facts-then-words path must give the same bytes in both languages. When the fixture
    /// changes on purpose, rewrite them with `kesiapan assess --rubric
    /// tests/fixtures/tiny/tiny.toml --data tests/fixtures/tiny --format json
    /// --now 2025-12-23T09:00:00Z --lang id|en`.
    #[test]
    fn the_tiny_assessment_is_worded_as_before_in_both_languages() {
        for (lang, expected) in [
            (
                Lang::Id,
                include_str!("../../tests/snapshots/tiny-assessment.id.json"),
            ),
            (
                Lang::En,
                include_str!("../../tests/snapshots/tiny-assessment.en.json"),
            ),
        ] {
            assert_eq!(tiny(lang, expected), expected, "{lang:?}");
        }
    }
}
