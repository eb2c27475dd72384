//! What it would take: for every unit below the target verdict, the cheapest set of the
//! rubric's `[[improvements]]` that reaches it (gates included), in the input's own units and
//! priced from the rubric's unit costs; what no improvement can change is named as a structural
//! limit, not priced. A budget mode picks the improvements across units that let the most staff
//! take WFA at once within a budget (multiple-choice knapsack, exact on costs rounded up to a
//! step).
//!
//! Candidates are evaluated by the same polars expressions and scoring core as `assess`, on
//! edited copies of the unit-level table; nothing is reloaded.
//!
//! Method, per unit (a search, not a proof of optimality): for each relevant improvement, the
//! amounts that first bring each indicator it feeds to its target and to full score, and each
//! gate it feeds to pass, are found on a grid over `0..max` refined once (then rounded up to
//! `step`); every combination of these amounts (and of the on/off improvements) is scored. The
//! cheapest reaching the target, the same with each action dropped and the others at their
//! maximum, and everything at its maximum are then each lowered amount by amount to the least
//! that still reaches the target; the cheapest result wins.

use crate::format;
use crate::input::Loaded;
use crate::rubric::{Change, Lang, Rubric};
use crate::scoring::unit::{decide, scored, staffing};
use crate::scoring::{UnitValues, evaluate, unit_table};
use anyhow::{Result, anyhow};
use polars::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;

/// Version of `plan.json`.
pub const PLAN_SCHEMA_VERSION: &str = "1.0";

const GRID: usize = 64;
const MAX_COMBOS: usize = 4096;

#[derive(Debug, Clone, Serialize)]
pub struct Plans {
    pub schema_version: &'static str,
    pub rubric_id: String,
    pub rubric_version: String,
    pub rubric_sha256: String,
    pub target_verdict: String,
    pub target_label: String,
    pub units: Vec<UnitPlan>,
    pub budget: Option<BudgetPlan>,
    /// Where the unit costs come from (the rubric's notes).
    pub assumptions: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Action {
    pub improvement: String,
    pub label: String,
    /// Amount in the improvement's unit (1 for an on/off improvement).
    pub amount: f64,
    pub unit: String,
    pub cost: f64,
    /// In words: "+25 laptop dinas (laptop_dinas 5 → 30)".
    pub description: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitPlan {
    pub id: String,
    pub name: Option<String>,
    pub verdict: String,
    pub verdict_label: String,
    /// At or above the target already.
    pub at_target: bool,
    pub reaches_target: bool,
    pub new_verdict: String,
    pub new_verdict_label: String,
    pub cost: f64,
    pub cost_display: String,
    pub staff_allowed_before: i64,
    pub staff_allowed_after: i64,
    pub actions: Vec<Action>,
    /// Obstacles that no improvement can change (the nature of the jobs, front-line services).
    pub structural_limits: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BudgetPlan {
    pub budget: f64,
    pub spent: f64,
    pub staff_gain: i64,
    pub method: String,
    /// The units that get something, with what.
    pub units: Vec<UnitPlan>,
}

/// One evaluated combination for a unit.
#[derive(Debug, Clone)]
struct Candidate {
    amounts: Vec<f64>,
    cost: f64,
    verdict: usize,
    allowed: i64,
}

fn rupiah(x: f64, lang: Lang) -> String {
    format!("Rp {}", format::number(x.round(), 0, lang))
}

/// Per-unit values of a unit-level SQL expression on the table.
fn per_unit(table: &DataFrame, sql: &str) -> Result<Vec<Option<f64>>> {
    let e = crate::sql::parse(sql).map_err(|e| anyhow!(e.message))?;
    // `with_column` broadcasts a constant (`max = "200"`) to every unit.
    let out = table
        .clone()
        .lazy()
        .with_column(e.cast(DataType::Float64).alias("__x"))
        .select([col("__x")])
        .collect()?;
    Ok(out
        .column("__x")?
        .f64()?
        .iter()
        .map(|v| v.filter(|x| x.is_finite()))
        .collect())
}

struct Ctx<'a> {
    r: &'a Rubric,
    loaded: &'a Loaded,
    table: &'a DataFrame,
    edits: Vec<Expr>,
}

impl Ctx<'_> {
    /// Evaluate rows (unit row index, amount per improvement; 0 = not applied).
    fn eval(&self, rows: &[(usize, Vec<f64>)]) -> Result<Vec<UnitValues>> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let idx: Vec<IdxSize> = rows.iter().map(|(u, _)| *u as IdxSize).collect();
        let mut t = self.table.take(&IdxCa::from_vec("i".into(), idx))?;
        for k in 0..self.r.improvements.len() {
            let amounts: Vec<f64> = rows.iter().map(|(_, a)| a[k]).collect();
            t.with_column(Column::new(
                format!("__amount_{k}").as_str().into(),
                amounts,
            ))?;
        }
        evaluate(self.r, self.loaded, t, self.edits.clone())
    }
}

fn edits(r: &Rubric) -> Result<Vec<Expr>> {
    let parse = |s: &str| crate::sql::parse(s).map_err(|e| anyhow!(e.message));
    r.improvements
        .iter()
        .enumerate()
        .map(|(k, im)| {
            let amount = col(format!("__amount_{k}").as_str());
            Ok(match &im.change {
                Change::Add { name, scale, .. } => {
                    let s = match scale {
                        Some(e) => parse(&e.expr)?.cast(DataType::Float64),
                        None => lit(1.0),
                    };
                    (col(name.as_str()).cast(DataType::Float64) + amount * s).alias(name.as_str())
                }
                Change::Set { name, to, .. } => when(amount.gt(lit(0.0)))
                    .then(parse(&to.expr)?)
                    .otherwise(col(name.as_str()))
                    .alias(name.as_str()),
            })
        })
        .collect()
}

/// The names each indicator value and each gate reads.
fn reads(r: &Rubric) -> Result<(Vec<BTreeSet<String>>, Vec<BTreeSet<String>>)> {
    let names = |sql: &str| -> Result<BTreeSet<String>> {
        let e = crate::sql::parse(sql).map_err(|e| anyhow!(e.message))?;
        Ok(e.meta()
            .root_names()
            .iter()
            .map(|n| n.to_string())
            .collect())
    };
    Ok((
        r.indicators
            .iter()
            .map(|i| names(&i.value.expr))
            .collect::<Result<_>>()?,
        r.gates
            .iter()
            .map(|g| names(&g.require.expr))
            .collect::<Result<_>>()?,
    ))
}

pub fn plan(
    r: &Rubric,
    loaded: &Loaded,
    target: usize,
    budget: Option<f64>,
    budget_step: f64,
    lang: Lang,
) -> Result<Plans> {
    let table = unit_table(r, loaded)?;
    let n = table.height();
    let ctx = Ctx {
        r,
        loaded,
        table: &table,
        edits: edits(r)?,
    };
    let nk = r.improvements.len();
    let zero = vec![0.0; nk];
    let base = ctx.eval(&(0..n).map(|u| (u, zero.clone())).collect::<Vec<_>>())?;
    let (ind_reads, gate_reads) = reads(r)?;
    let maxes: Vec<Vec<Option<f64>>> = r
        .improvements
        .iter()
        .map(|im| match &im.change {
            Change::Add { max, .. } => per_unit(&table, &max.expr),
            Change::Set { .. } => Ok(vec![Some(1.0); n]),
        })
        .collect::<Result<_>>()?;
    let current: Vec<Vec<Option<f64>>> = r
        .improvements
        .iter()
        .map(|im| {
            per_unit(&table, &format!("CAST({} AS DOUBLE)", im.name()))
                .or_else(|_| Ok::<_, anyhow::Error>(vec![None; n]))
        })
        .collect::<Result<_>>()?;
    let scales: Vec<Vec<Option<f64>>> = r
        .improvements
        .iter()
        .map(|im| match &im.change {
            Change::Add { scale: Some(s), .. } => per_unit(&table, &s.expr),
            _ => Ok(vec![Some(1.0); n]),
        })
        .collect::<Result<_>>()?;

    // Where each unit stands, and which improvements could matter to it.
    let mut relevant: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut structural: Vec<Vec<String>> = vec![Vec::new(); n];
    let mut base_verdict = vec![0usize; n];
    let mut base_allowed = vec![0i64; n];
    for (u, v) in base.iter().enumerate() {
        let sc = scored(r, v);
        let d = decide(r, v, sc.total, sc.coverage);
        base_verdict[u] = d.verdict;
        base_allowed[u] = staffing(r, v, d.verdict).allowed;
        let mut wanted: BTreeSet<String> = BTreeSet::new();
        for (i, ind) in r.indicators.iter().enumerate() {
            let t = ind
                .target
                .and_then(|t| crate::scoring::curve::score(&ind.curve, t))
                .unwrap_or(100.0);
            if ind.weight > 0.0 && sc.scores[i].is_none_or(|s| s < t - 1e-9) {
                if r.improvements
                    .iter()
                    .any(|im| ind_reads[i].contains(im.name()))
                {
                    wanted.extend(ind_reads[i].iter().cloned());
                } else if sc.scores[i].is_some() {
                    structural[u].push(ind.label.get(lang).to_string());
                }
            }
        }
        for &g in &d.failed_gates {
            if r.improvements
                .iter()
                .any(|im| gate_reads[g].contains(im.name()))
            {
                wanted.extend(gate_reads[g].iter().cloned());
            } else {
                structural[u].push(r.gates[g].label.get(lang).to_string());
            }
        }
        relevant[u] = (0..nk)
            .filter(|k| {
                wanted.contains(r.improvements[*k].name()) && maxes[*k][u].is_some_and(|m| m > 0.0)
            })
            .filter(|k| match &r.improvements[*k].change {
                // An on/off improvement already on changes nothing.
                Change::Set { .. } => current[*k][u] != Some(1.0),
                Change::Add { .. } => true,
            })
            .collect();
    }

    // Milestone amounts per (unit, amount improvement): a grid over 0..max, refined once.
    let milestones =
        |rows: &[(usize, Vec<f64>)], vals: &[UnitValues], k: usize| -> Vec<(usize, f64)> {
            // For each row: which milestones (indicator at target, at full, gate passing) it meets.
            let mut firsts: std::collections::BTreeMap<(usize, String), f64> =
                std::collections::BTreeMap::new();
            for ((u, a), v) in rows.iter().zip(vals) {
                let sc = scored(r, v);
                for (i, ind) in r.indicators.iter().enumerate() {
                    if !ind_reads[i].contains(r.improvements[k].name()) {
                        continue;
                    }
                    let s = sc.scores[i].unwrap_or(0.0);
                    let t = ind
                        .target
                        .and_then(|t| crate::scoring::curve::score(&ind.curve, t))
                        .unwrap_or(100.0);
                    for (tag, hit) in [
                        (format!("t{i}"), s >= t - 1e-9),
                        (format!("f{i}"), s >= 100.0 - 1e-9),
                    ] {
                        if hit {
                            let e = firsts.entry((*u, tag)).or_insert(a[k]);
                            *e = e.min(a[k]);
                        }
                    }
                }
                for (g, reads) in gate_reads.iter().enumerate() {
                    if reads.contains(r.improvements[k].name()) && v.gates[g] == Some(true) {
                        let e = firsts.entry((*u, format!("g{g}"))).or_insert(a[k]);
                        *e = e.min(a[k]);
                    }
                }
            }
            firsts.into_iter().map(|((u, _), a)| (u, a)).collect()
        };
    let mut options: Vec<Vec<Vec<f64>>> = vec![vec![vec![0.0]; nk]; n];
    for k in 0..nk {
        let Change::Add { step, .. } = &r.improvements[k].change else {
            for u in 0..n {
                if relevant[u].contains(&k) {
                    options[u][k] = vec![0.0, 1.0];
                }
            }
            continue;
        };
        let units: Vec<usize> = (0..n).filter(|u| relevant[*u].contains(&k)).collect();
        let row = |u: usize, a: f64| {
            let mut v = zero.clone();
            v[k] = a;
            (u, v)
        };
        let coarse: Vec<(usize, Vec<f64>)> = units
            .iter()
            .flat_map(|&u| (0..=GRID).map(move |j| (u, j)))
            .map(|(u, j)| row(u, maxes[k][u].unwrap_or(0.0) * j as f64 / GRID as f64))
            .collect();
        let hits = milestones(&coarse, &ctx.eval(&coarse)?, k);
        let fine: Vec<(usize, Vec<f64>)> = hits
            .iter()
            .filter(|(_, a)| *a > 0.0)
            .flat_map(|&(u, a)| {
                let width = maxes[k][u].unwrap_or(0.0) / GRID as f64;
                (1..=GRID).map(move |j| (u, a - width + width * j as f64 / GRID as f64))
            })
            .map(|(u, a)| row(u, a))
            .collect();
        let fine_hits = milestones(&fine, &ctx.eval(&fine)?, k);
        for (u, a) in hits.iter().filter(|(_, a)| *a == 0.0).chain(&fine_hits) {
            let m = maxes[k][*u].unwrap_or(0.0);
            let amount = ((a / step - 1e-9).ceil() * step).min((m / step).floor() * step);
            // The grid brackets the milestone to within a step: keep one step less as well.
            for x in [amount, amount - step] {
                if x > 0.0 && !options[*u][k].iter().any(|o| (o - x).abs() < 1e-9) {
                    options[*u][k].push(x);
                }
            }
        }
        for u in &units {
            options[*u][k].sort_by(|a, b| a.total_cmp(b));
        }
    }

    // Every combination, per unit (trimmed to the smallest and largest option when too many).
    let mut rows: Vec<(usize, Vec<f64>)> = Vec::new();
    for (u, unit_options) in options.iter().enumerate() {
        let mut opts = unit_options.clone();
        let count = |o: &[Vec<f64>]| o.iter().map(Vec::len).product::<usize>();
        if count(&opts) > MAX_COMBOS {
            for o in opts.iter_mut().filter(|o| o.len() > 3) {
                *o = vec![o[0], o[1], *o.last().unwrap()];
            }
        }
        let mut combos: Vec<Vec<f64>> = vec![Vec::new()];
        for o in &opts {
            combos = combos
                .into_iter()
                .flat_map(|c| o.iter().map(move |a| [c.clone(), vec![*a]].concat()))
                .collect();
        }
        rows.extend(combos.into_iter().map(|c| (u, c)));
    }
    let vals = ctx.eval(&rows)?;
    let cost_of = |a: &[f64]| -> f64 {
        r.improvements
            .iter()
            .zip(a)
            .map(|(im, x)| match &im.change {
                Change::Add { unit_cost, .. } => x * unit_cost,
                Change::Set { cost, .. } => {
                    if *x > 0.0 {
                        *cost
                    } else {
                        0.0
                    }
                }
            })
            .sum()
    };
    let mut candidates: Vec<Vec<Candidate>> = vec![Vec::new(); n];
    for ((u, a), v) in rows.iter().zip(&vals) {
        let sc = scored(r, v);
        let d = decide(r, v, sc.total, sc.coverage);
        candidates[*u].push(Candidate {
            amounts: a.clone(),
            cost: cost_of(a),
            verdict: d.verdict,
            allowed: staffing(r, v, d.verdict).allowed,
        });
    }

    let describe = |u: usize, c: &Candidate| -> Vec<Action> {
        r.improvements
            .iter()
            .enumerate()
            .filter(|(k, _)| c.amounts[*k] > 0.0)
            .map(|(k, im)| {
                let a = c.amounts[k];
                let unit = im.unit.get(lang).to_string();
                let description = match &im.change {
                    Change::Add { name, .. } => {
                        let before = current[k][u];
                        let after = before.zip(scales[k][u]).map(|(b, s)| b + a * s);
                        let span = match (before, after) {
                            (Some(b), Some(x)) => format!(
                                " ({name} {} → {})",
                                format::number(b, 2, lang),
                                format::number(x, 2, lang)
                            ),
                            _ => String::new(),
                        };
                        format!("+{} {unit}{span}", format::number(a, 2, lang))
                    }
                    Change::Set { .. } => im.label.get(lang).to_string(),
                };
                let cost = match &im.change {
                    Change::Add { unit_cost, .. } => a * unit_cost,
                    Change::Set { cost, .. } => *cost,
                };
                Action {
                    improvement: im.id.clone(),
                    label: im.label.get(lang).to_string(),
                    amount: a,
                    unit,
                    cost,
                    description,
                }
            })
            .collect()
    };
    let unit_plan = |u: usize, c: &Candidate| -> UnitPlan {
        let v = &base[u];
        UnitPlan {
            id: v.id.clone(),
            name: v.name.clone(),
            verdict: r.verdicts[base_verdict[u]].id.clone(),
            verdict_label: r.verdicts[base_verdict[u]].label.get(lang).to_string(),
            at_target: base_verdict[u] <= target,
            reaches_target: c.verdict <= target,
            new_verdict: r.verdicts[c.verdict].id.clone(),
            new_verdict_label: r.verdicts[c.verdict].label.get(lang).to_string(),
            cost: c.cost,
            cost_display: rupiah(c.cost, lang),
            staff_allowed_before: base_allowed[u],
            staff_allowed_after: c.allowed,
            actions: describe(u, c),
            structural_limits: structural[u].clone(),
        }
    };

    // The least plan reaching `level` for every unit below it: the cheapest evaluated combination,
    // then each amount lowered in turn to the least that still reaches it with the others fixed
    // (milestones can overshoot; grid refined once, rounded up to the step, then one step less).
    let least = |level: usize| -> Result<Vec<Option<Candidate>>> {
        let reaches = |v: &UnitValues| {
            let sc = scored(r, v);
            decide(r, v, sc.total, sc.coverage).verdict <= level
        };
        // Seeds per unit: the cheapest evaluated combination reaching the level; the same with
        // each of its actions dropped and every other relevant amount at its maximum; and all
        // relevant improvements at their maximum. Each seed is then lowered amount by amount.
        let mut seeds: Vec<(usize, Vec<f64>)> = Vec::new();
        for u in (0..n).filter(|u| base_verdict[*u] > level) {
            let all_max: Vec<f64> = (0..nk)
                .map(|k| {
                    if relevant[u].contains(&k) {
                        maxes[k][u].unwrap_or(0.0)
                    } else {
                        0.0
                    }
                })
                .collect();
            let cheapest = candidates[u]
                .iter()
                .filter(|c| c.verdict <= level)
                .min_by(|a, b| a.cost.total_cmp(&b.cost).then(b.allowed.cmp(&a.allowed)));
            if let Some(c) = cheapest {
                seeds.push((u, c.amounts.clone()));
                for k in (0..nk).filter(|k| c.amounts[*k] > 0.0) {
                    let mut a = all_max.clone();
                    for (j, x) in a.iter_mut().enumerate() {
                        if matches!(r.improvements[j].change, Change::Set { .. }) {
                            *x = c.amounts[j];
                        }
                    }
                    a[k] = 0.0;
                    seeds.push((u, a));
                }
            }
            seeds.push((u, all_max));
        }
        let ok: Vec<bool> = ctx.eval(&seeds)?.iter().map(reaches).collect();
        let mut seeds: Vec<(usize, Vec<f64>)> = seeds
            .into_iter()
            .zip(ok)
            .filter(|(_, ok)| *ok)
            .map(|(s, _)| s)
            .collect();
        // Lower each amount in turn to the least that still reaches the level with the others
        // fixed: a grid, refined once, rounded up to the step, then one step less if that holds.
        for k in 0..nk {
            let Change::Add { step, .. } = &r.improvements[k].change else {
                continue;
            };
            let todo: Vec<usize> = (0..seeds.len()).filter(|i| seeds[*i].1[k] > 0.0).collect();
            let mut lowest: Vec<Option<f64>> = vec![None; seeds.len()];
            for pass in 0..2 {
                let mut rows = Vec::new();
                let mut owner = Vec::new();
                for &i in &todo {
                    let (u, a) = &seeds[i];
                    let hi = lowest[i].unwrap_or(a[k]);
                    let width = if pass == 0 { hi } else { a[k] / GRID as f64 };
                    let lo = (hi - width).max(0.0);
                    for j in 0..=GRID {
                        let mut b = a.clone();
                        b[k] = lo + (hi - lo) * j as f64 / GRID as f64;
                        rows.push((*u, b));
                        owner.push(i);
                    }
                }
                for ((i, (_, a)), v) in owner.iter().zip(&rows).zip(ctx.eval(&rows)?) {
                    if reaches(&v) && lowest[*i].is_none_or(|l| a[k] < l) {
                        lowest[*i] = Some(a[k]);
                    }
                }
            }
            for &i in &todo {
                if let Some(l) = lowest[i] {
                    seeds[i].1[k] = ((l / step - 1e-9).ceil() * step).min(seeds[i].1[k]);
                }
            }
            let less: Vec<usize> = todo
                .iter()
                .copied()
                .filter(|i| seeds[*i].1[k] >= *step)
                .collect();
            let rows: Vec<(usize, Vec<f64>)> = less
                .iter()
                .map(|&i| {
                    let mut a = seeds[i].1.clone();
                    a[k] -= step;
                    (seeds[i].0, a)
                })
                .collect();
            for ((&i, (_, a)), v) in less.iter().zip(&rows).zip(ctx.eval(&rows)?) {
                if reaches(&v) {
                    seeds[i].1[k] = a[k];
                }
            }
        }
        // The final combinations, scored once more; the cheapest per unit wins.
        let mut chosen: Vec<Option<Candidate>> = vec![None; n];
        for ((u, a), v) in seeds.iter().zip(ctx.eval(&seeds)?) {
            let sc = scored(r, &v);
            let d = decide(r, &v, sc.total, sc.coverage);
            let c = Candidate {
                amounts: a.clone(),
                cost: cost_of(a),
                verdict: d.verdict,
                allowed: staffing(r, &v, d.verdict).allowed,
            };
            if c.verdict <= level
                && chosen[*u].as_ref().is_none_or(|b| {
                    c.cost < b.cost - 1e-6 || (c.cost <= b.cost + 1e-6 && c.allowed > b.allowed)
                })
            {
                chosen[*u] = Some(c);
            }
        }
        Ok(chosen)
    };
    let chosen = least(target)?;
    // Budget mode also weighs the least plans for the other verdicts better than a unit's own.
    let mut extra: Vec<Vec<Option<Candidate>>> = Vec::new();
    for level in 0..r.verdicts.len() - 1 {
        extra.push(if level == target {
            chosen.clone()
        } else {
            least(level)?
        });
    }
    for found in extra {
        for (u, c) in found.into_iter().enumerate() {
            candidates[u].extend(c);
        }
    }

    let mut units = Vec::new();
    for u in 0..n {
        let none = Candidate {
            amounts: zero.clone(),
            cost: 0.0,
            verdict: base_verdict[u],
            allowed: base_allowed[u],
        };
        let best = if let Some(c) = &chosen[u] {
            c.clone()
        } else if base_verdict[u] <= target {
            none.clone()
        } else {
            // Out of reach: the best verdict the improvements can give, cheapest.
            candidates[u]
                .iter()
                .min_by(|a, b| a.verdict.cmp(&b.verdict).then(a.cost.total_cmp(&b.cost)))
                .cloned()
                .unwrap_or(none.clone())
        };
        let mut p = unit_plan(u, &best);
        if best.verdict >= base_verdict[u] && base_verdict[u] > target {
            p.actions.clear();
            p.cost = 0.0;
            p.cost_display = rupiah(0.0, lang);
            p.new_verdict = p.verdict.clone();
            p.new_verdict_label = p.verdict_label.clone();
            p.staff_allowed_after = p.staff_allowed_before;
        }
        units.push(p);
    }

    let budget = budget.map(|b| {
        // Multiple-choice knapsack: per unit, one combination (or none), costs in whole steps.
        // At most 2 million cost steps keeps the table small.
        let step = budget_step.max(b / 2_000_000.0).max(1.0);
        let cap = (b / step).floor() as usize;
        let groups: Vec<Vec<(usize, i64, usize)>> = (0..n)
            .map(|u| {
                let mut g: Vec<(usize, i64, usize)> = candidates[u]
                    .iter()
                    .enumerate()
                    .map(|(i, c)| ((c.cost / step - 1e-9).ceil().max(0.0) as usize, c.allowed - base_allowed[u], i))
                    .filter(|(w, gain, _)| *gain > 0 && *w <= cap)
                    .collect();
                // Keep the Pareto front: for each cost, only gains better than any cheaper option.
                g.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
                let mut front: Vec<(usize, i64, usize)> = Vec::new();
                for o in g {
                    if front.last().is_none_or(|l| o.1 > l.1) {
                        front.push(o);
                    }
                }
                front
            })
            .collect();
        let mut best = vec![0i64; cap + 1];
        let mut choice: Vec<Vec<Option<u16>>> = Vec::with_capacity(n);
        for g in &groups {
            let mut next = best.clone();
            let mut pick = vec![None; cap + 1];
            for (oi, (w, gain, _)) in g.iter().enumerate() {
                for c in *w..=cap {
                    let v = best[c - w] + gain;
                    if v > next[c] {
                        next[c] = v;
                        pick[c] = Some(oi as u16);
                    }
                }
            }
            best = next;
            choice.push(pick);
        }
        let mut c = (0..=cap).max_by(|a, b| best[*a].cmp(&best[*b]).then(b.cmp(a))).unwrap_or(0);
        let gain = best[c];
        let mut chosen = Vec::new();
        for u in (0..n).rev() {
            if let Some(oi) = choice[u][c] {
                let (w, _, i) = groups[u][oi as usize];
                chosen.push(unit_plan(u, &candidates[u][i]));
                c -= w;
            }
        }
        chosen.reverse();
        let spent: f64 = chosen.iter().map(|p| p.cost).sum::<f64>() + 0.0;
        BudgetPlan {
            budget: b,
            spent,
            staff_gain: gain,
            method: format!(
                "exact multiple-choice knapsack (dynamic programming) over each unit's evaluated improvement combinations, costs rounded up to {} so the plan never exceeds the budget",
                rupiah(step, Lang::En)
            ),
            units: chosen,
        }
    });

    Ok(Plans {
        schema_version: PLAN_SCHEMA_VERSION,
        rubric_id: r.id.clone(),
        rubric_version: r.version.clone(),
        rubric_sha256: r.sha256.clone(),
        target_verdict: r.verdicts[target].id.clone(),
        target_label: r.verdicts[target].label.get(lang).to_string(),
        units,
        budget,
        assumptions: r
            .improvements
            .iter()
            .filter_map(|im| {
                im.assumption
                    .as_ref()
                    .map(|a| format!("{}: {}", im.label.get(lang), a.get(lang)))
            })
            .collect(),
    })
}
