//! The cheapest improvements per unit: which improvements can matter to a unit (and what no
//! improvement can change), the milestone amounts of each on a grid refined once, every
//! combination of them, and the lowering of the best combinations to the least that still
//! reaches a verdict.
//!
//! A search, not a proof of optimality (see the method in `plan`'s module doc). Evaluates only
//! through `eval`; words nothing.

use super::eval::{Candidate, Ctx, Reads, UnitData, candidate, outcome, target_score};
use super::{GRID, Limit, MAX_COMBOS};
use crate::rubric::{Change, Rubric};
use crate::scoring::UnitValues;
use crate::scoring::unit::{decide, scored};
use anyhow::Result;
use std::collections::{BTreeMap, BTreeSet};

/// Where each unit stands before any improvement.
pub(super) struct Standing {
    pub verdict: Vec<usize>,
    pub allowed: Vec<i64>,
    /// The improvements that could matter to each unit.
    pub relevant: Vec<Vec<usize>>,
    /// What holds each unit back that no improvement changes.
    pub structural: Vec<Vec<Limit>>,
}

impl Standing {
    pub fn new(r: &Rubric, base: &[UnitValues], reads: &Reads, data: &UnitData) -> Self {
        let (n, nk) = (base.len(), r.improvements.len());
        let mut s = Standing {
            verdict: vec![0; n],
            allowed: vec![0; n],
            relevant: vec![Vec::new(); n],
            structural: vec![Vec::new(); n],
        };
        let fed_by_improvement =
            |names: &BTreeSet<String>| r.improvements.iter().any(|im| names.contains(im.name()));
        for (u, v) in base.iter().enumerate() {
            let sc = scored(r, v);
            let d = decide(r, v, sc.total, sc.coverage);
            (s.verdict[u], s.allowed[u]) = outcome(r, v, 0.0);
            let mut wanted: BTreeSet<String> = BTreeSet::new();
            for (i, ind) in r.indicators.iter().enumerate() {
                let t = target_score(ind);
                if ind.weight > 0.0 && sc.scores[i].is_none_or(|x| x < t - 1e-9) {
                    if fed_by_improvement(&reads.indicators[i]) {
                        wanted.extend(reads.indicators[i].iter().cloned());
                    } else if sc.scores[i].is_some() {
                        s.structural[u].push(Limit::Indicator(ind.id.clone()));
                    }
                }
            }
            for &g in &d.failed_gates {
                if fed_by_improvement(&reads.gates[g]) {
                    wanted.extend(reads.gates[g].iter().cloned());
                } else {
                    s.structural[u].push(Limit::Gate(r.gates[g].id.clone()));
                }
            }
            s.relevant[u] = (0..nk)
                .filter(|k| {
                    wanted.contains(r.improvements[*k].name())
                        && data.max[*k][u].is_some_and(|m| m > 0.0)
                })
                .filter(|k| match &r.improvements[*k].change {
                    // An on/off improvement already on changes nothing.
                    Change::Set { .. } => data.current[*k][u] != Some(1.0),
                    Change::Add { .. } => true,
                })
                .collect();
        }
        s
    }

    /// Every relevant improvement at its maximum, the others off.
    fn all_max(&self, data: &UnitData, u: usize) -> Vec<f64> {
        (0..data.max.len())
            .map(|k| {
                if self.relevant[u].contains(&k) {
                    data.max[k][u].unwrap_or(0.0)
                } else {
                    0.0
                }
            })
            .collect()
    }
}

/// For rows of amounts of improvement `k` and their outcomes: per row's unit, the least amount
/// that meets each milestone (an indicator fed by `k` at its target or at full, a gate passing).
fn milestones(
    r: &Rubric,
    reads: &Reads,
    rows: &[(usize, Vec<f64>)],
    vals: &[UnitValues],
    k: usize,
) -> Vec<(usize, f64)> {
    let name = r.improvements[k].name();
    let mut firsts: BTreeMap<(usize, String), f64> = BTreeMap::new();
    for ((u, a), v) in rows.iter().zip(vals) {
        let sc = scored(r, v);
        for (i, ind) in r.indicators.iter().enumerate() {
            if !reads.indicators[i].contains(name) {
                continue;
            }
            let s = sc.scores[i].unwrap_or(0.0);
            let t = target_score(ind);
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
        for (g, gate_reads) in reads.gates.iter().enumerate() {
            if gate_reads.contains(name) && v.gates[g] == Some(true) {
                let e = firsts.entry((*u, format!("g{g}"))).or_insert(a[k]);
                *e = e.min(a[k]);
            }
        }
    }
    firsts.into_iter().map(|((u, _), a)| (u, a)).collect()
}

/// The amounts worth trying per unit and improvement: 0, and for an amount improvement the
/// milestone amounts (grid over `0..max` refined once, rounded up to the step, and one step
/// less); 0 and 1 for a relevant on/off improvement.
pub(super) fn options(
    ctx: &Ctx,
    reads: &Reads,
    data: &UnitData,
    standing: &Standing,
) -> Result<Vec<Vec<Vec<f64>>>> {
    let r = ctx.r;
    let (n, nk) = (standing.verdict.len(), r.improvements.len());
    let zero = vec![0.0; nk];
    let mut options: Vec<Vec<Vec<f64>>> = vec![vec![vec![0.0]; nk]; n];
    for k in 0..nk {
        let Change::Add { step, .. } = &r.improvements[k].change else {
            for (opts, relevant) in options.iter_mut().zip(&standing.relevant) {
                if relevant.contains(&k) {
                    opts[k] = vec![0.0, 1.0];
                }
            }
            continue;
        };
        let units: Vec<usize> = (0..n)
            .filter(|u| standing.relevant[*u].contains(&k))
            .collect();
        let row = |u: usize, a: f64| {
            let mut v = zero.clone();
            v[k] = a;
            (u, v)
        };
        let max = |u: usize| data.max[k][u].unwrap_or(0.0);
        let coarse: Vec<(usize, Vec<f64>)> = units
            .iter()
            .flat_map(|&u| (0..=GRID).map(move |j| (u, j)))
            .map(|(u, j)| row(u, max(u) * j as f64 / GRID as f64))
            .collect();
        let hits = milestones(r, reads, &coarse, &ctx.eval(&coarse)?, k);
        let fine: Vec<(usize, Vec<f64>)> = hits
            .iter()
            .filter(|(_, a)| *a > 0.0)
            .flat_map(|&(u, a)| {
                let width = max(u) / GRID as f64;
                (1..=GRID).map(move |j| (u, a - width + width * j as f64 / GRID as f64))
            })
            .map(|(u, a)| row(u, a))
            .collect();
        let fine_hits = milestones(r, reads, &fine, &ctx.eval(&fine)?, k);
        for (u, a) in hits.iter().filter(|(_, a)| *a == 0.0).chain(&fine_hits) {
            let m = max(*u);
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
    Ok(options)
}

/// Every combination of the options, per unit (trimmed to the two smallest and the largest
/// option of each improvement when there are too many).
pub(super) fn combinations(options: &[Vec<Vec<f64>>]) -> Vec<(usize, Vec<f64>)> {
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
    rows
}

/// The least plan reaching `level` for every unit below it: the cheapest evaluated combination,
/// then each amount lowered in turn to the least that still reaches it with the others fixed
/// (milestones can overshoot; grid refined once, rounded up to the step, then one step less).
pub(super) fn least(
    ctx: &Ctx,
    data: &UnitData,
    standing: &Standing,
    candidates: &[Vec<Candidate>],
    level: usize,
) -> Result<Vec<Option<Candidate>>> {
    let r = ctx.r;
    let (n, nk) = (standing.verdict.len(), r.improvements.len());
    let reaches = |v: &UnitValues| outcome(r, v, ctx.margin).0 <= level;
    // Seeds per unit: the cheapest evaluated combination reaching the level; the same with
    // each of its actions dropped and every other relevant amount at its maximum; and all
    // relevant improvements at their maximum. Each seed is then lowered amount by amount.
    let mut seeds: Vec<(usize, Vec<f64>)> = Vec::new();
    for u in (0..n).filter(|u| standing.verdict[*u] > level) {
        let all_max = standing.all_max(data, u);
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
    for k in 0..nk {
        if let Change::Add { step, .. } = &r.improvements[k].change {
            lower(ctx, &mut seeds, k, *step, &reaches)?;
        }
    }
    // The final combinations, scored once more; the cheapest per unit wins.
    let mut chosen: Vec<Option<Candidate>> = vec![None; n];
    for ((u, a), v) in seeds.iter().zip(ctx.eval(&seeds)?) {
        let c = candidate(r, a, &v, ctx.margin);
        if c.verdict <= level
            && chosen[*u].as_ref().is_none_or(|b| {
                c.cost < b.cost - 1e-6 || (c.cost <= b.cost + 1e-6 && c.allowed > b.allowed)
            })
        {
            chosen[*u] = Some(c);
        }
    }
    Ok(chosen)
}

/// Lower amount `k` of every seed to the least that still `reaches` with the others fixed: a
/// grid, refined once, rounded up to `step`, then one step less if that holds.
fn lower(
    ctx: &Ctx,
    seeds: &mut [(usize, Vec<f64>)],
    k: usize,
    step: f64,
    reaches: &dyn Fn(&UnitValues) -> bool,
) -> Result<()> {
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
        .filter(|i| seeds[*i].1[k] >= step)
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
    Ok(())
}
