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
//!
//! Stages: `eval` (units under improvements), `search` (the cheapest improvements per unit),
//! `knapsack` (the budget allocation, pure). `plan` returns numbers and ids only, the same in
//! every language: `report::plan` words them with the rubric's labels.

mod eval;
mod knapsack;
mod search;

use crate::input::Loaded;
use crate::rubric::{Change, Rubric};
use crate::scoring::unit_table;
use anyhow::Result;
use eval::{Candidate, Ctx, Reads, UnitData, action_cost};
use search::Standing;
use serde::Serialize;

/// Version of `plan.json`. 2.0: no labels, descriptions or formatted amounts; actions hold
/// numbers, structural limits indicator or gate ids (see `docs/json-schemas.md`).
/// 2.1: `margin`; one-off and yearly costs apart (`cost_once`, `cost_yearly`, `actions[].yearly`);
/// `to_target`, the cheapest way to bring every unit to the target; `budget.cost_per_staff`.
pub const PLAN_SCHEMA_VERSION: &str = "2.1";

const GRID: usize = 64;
const MAX_COMBOS: usize = 4096;

#[derive(Debug, Clone, Serialize)]
pub struct Plans {
    pub schema_version: &'static str,
    pub rubric_id: String,
    pub rubric_version: String,
    pub rubric_sha256: String,
    pub target_verdict: String,
    /// Score points a plan clears above the start of the band it reaches.
    pub margin: f64,
    pub units: Vec<UnitPlan>,
    /// Every unit below the target that can reach it, with its cheapest plan: the totals.
    pub to_target: ToTarget,
    pub budget: Option<BudgetPlan>,
    /// The improvements whose unit costs are assumptions (the rubric's notes), by id.
    pub assumptions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Action {
    /// The improvement's id.
    pub improvement: String,
    /// Amount in the improvement's unit (1 for an on/off improvement).
    pub amount: f64,
    pub cost: f64,
    /// The cost recurs every year (else a one-off purchase).
    pub yearly: bool,
    /// For an amount improvement: the value of the name it changes before and after (absent
    /// when it is not a number, and always for an on/off improvement).
    pub from: Option<f64>,
    pub to: Option<f64>,
}

/// What holds a unit back that no improvement of the rubric can change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Limit {
    /// An indicator below its target that no improvement feeds (its id).
    Indicator(String),
    /// A failed gate that no improvement feeds (its id).
    Gate(String),
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitPlan {
    pub id: String,
    pub name: Option<String>,
    pub verdict: String,
    /// At or above the target already.
    pub at_target: bool,
    pub reaches_target: bool,
    pub new_verdict: String,
    /// `cost_once + cost_yearly`: the first year's cost, which the search minimises.
    pub cost: f64,
    pub cost_once: f64,
    pub cost_yearly: f64,
    /// `None` for a unit whose allowed-at-once figure `assess` hides for privacy (the figure
    /// before and after would give its hidden eligible staff away).
    pub staff_allowed_before: Option<i64>,
    pub staff_allowed_after: Option<i64>,
    pub actions: Vec<Action>,
    /// Obstacles that no improvement can change (the nature of the jobs, front-line services).
    pub structural_limits: Vec<Limit>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BudgetPlan {
    pub budget: f64,
    pub spent: f64,
    /// `None` when the units bought include hidden figures that it would give back by
    /// subtraction of the shown ones (one such unit, or several gaining fewer than the
    /// minimum group size together).
    pub staff_gain: Option<i64>,
    /// Costs are rounded up to multiples of this many Rupiah, so the plan never exceeds the
    /// budget (exact multiple-choice knapsack over each unit's evaluated combinations).
    pub step: f64,
    /// The units that get something, with what.
    pub units: Vec<UnitPlan>,
    /// `spent / staff_gain` (the first year's cost of each additional staff member allowed
    /// away at once); none when the gain is hidden or zero.
    pub cost_per_staff: Option<f64>,
}

/// The cheapest way to bring every unit below the target that can reach it there.
#[derive(Debug, Clone, Serialize)]
pub struct ToTarget {
    /// Units below the target, and those of them that reach it.
    pub below: usize,
    pub reaching: usize,
    pub cost_once: f64,
    pub cost_yearly: f64,
    /// Additional staff allowed away at once; none when a hidden figure is among them.
    pub staff_gain: Option<i64>,
}

/// What the stages found, for building the plans.
struct Found<'a> {
    r: &'a Rubric,
    ids: Vec<(String, Option<String>)>,
    data: UnitData,
    standing: Standing,
    target: usize,
    /// Units whose allowed-at-once figure is hidden for privacy (as in `assess`).
    hidden: Vec<bool>,
}

impl Found<'_> {
    /// The plan of unit `u` if it took combination `c`.
    fn unit_plan(&self, u: usize, c: &Candidate) -> UnitPlan {
        let (r, s) = (self.r, &self.standing);
        UnitPlan {
            id: self.ids[u].0.clone(),
            name: self.ids[u].1.clone(),
            verdict: r.verdicts[s.verdict[u]].id.clone(),
            at_target: s.verdict[u] <= self.target,
            reaches_target: c.verdict <= self.target,
            new_verdict: r.verdicts[c.verdict].id.clone(),
            cost: c.cost,
            cost_once: self.split_cost(c, false),
            cost_yearly: self.split_cost(c, true),
            staff_allowed_before: (!self.hidden[u]).then_some(s.allowed[u]),
            staff_allowed_after: (!self.hidden[u]).then_some(c.allowed),
            actions: self.actions(u, c),
            structural_limits: s.structural[u].clone(),
        }
    }

    /// The part of `c`'s cost that is yearly (`yearly`) or one-off.
    fn split_cost(&self, c: &Candidate, yearly: bool) -> f64 {
        self.r
            .improvements
            .iter()
            .zip(&c.amounts)
            .filter(|(im, _)| im.yearly == yearly)
            .map(|(im, a)| action_cost(im, *a))
            .sum::<f64>()
            + 0.0
    }

    fn actions(&self, u: usize, c: &Candidate) -> Vec<Action> {
        self.r
            .improvements
            .iter()
            .enumerate()
            .filter(|(k, _)| c.amounts[*k] > 0.0)
            .map(|(k, im)| {
                let a = c.amounts[k];
                let (from, to) = match &im.change {
                    Change::Add { .. } => {
                        let before = self.data.current[k][u];
                        let after = before.zip(self.data.scale[k][u]).map(|(b, s)| b + a * s);
                        (before, after)
                    }
                    Change::Set { .. } => (None, None),
                };
                Action {
                    improvement: im.id.clone(),
                    amount: a,
                    cost: action_cost(im, a),
                    yearly: im.yearly,
                    from,
                    to,
                }
            })
            .collect()
    }
}

/// The office responsible for each improvement (rubric order): the first office named by a
/// gate, then an indicator, that reads the name the improvement changes.
pub fn offices(r: &Rubric) -> Result<Vec<Option<String>>> {
    let reads = Reads::new(r)?;
    Ok(r.improvements
        .iter()
        .map(|im| {
            let name = im.name();
            let gates = r
                .gates
                .iter()
                .zip(&reads.gates)
                .filter(|(_, n)| n.contains(name))
                .filter_map(|(g, _)| g.office.clone());
            let indicators = r
                .indicators
                .iter()
                .zip(&reads.indicators)
                .filter(|(_, n)| n.contains(name))
                .filter_map(|(i, _)| i.office.clone());
            gates.chain(indicators).next()
        })
        .collect())
}

/// Plans towards verdict `target` (an index into the rubric's verdicts) for every unit, each
/// clearing the band's start by `margin` score points, and with a `budget` the improvements that
/// let the most staff take WFA at once within it (costs rounded up to `budget_step`).
pub fn plan(
    r: &Rubric,
    loaded: &Loaded,
    target: usize,
    margin: f64,
    budget: Option<f64>,
    budget_step: f64,
) -> Result<Plans> {
    let table = unit_table(r, loaded)?;
    let n = table.height();
    let ctx = Ctx::new(r, loaded, &table, margin)?;
    // First, so that a non-finite `max` or `scale` is blamed on itself, not on what it feeds.
    let data = UnitData::new(r, &table)?;
    let zero = vec![0.0; r.improvements.len()];
    let base = ctx.eval(&(0..n).map(|u| (u, zero.clone())).collect::<Vec<_>>())?;
    let reads = Reads::new(r)?;
    let standing = Standing::new(r, &base, &reads, &data);

    let options = search::options(&ctx, &reads, &data, &standing)?;
    let rows = search::combinations(&options);
    let mut candidates: Vec<Vec<Candidate>> = vec![Vec::new(); n];
    for ((u, a), v) in rows.iter().zip(ctx.eval(&rows)?) {
        candidates[*u].push(eval::candidate(r, a, &v, margin));
    }
    let chosen = search::least(&ctx, &data, &standing, &candidates, target)?;
    // Budget mode also weighs the least plans for the other verdicts better than a unit's own.
    let mut extra: Vec<Vec<Option<Candidate>>> = Vec::new();
    for level in 0..r.verdicts.len() - 1 {
        extra.push(if level == target {
            chosen.clone()
        } else {
            search::least(&ctx, &data, &standing, &candidates, level)?
        });
    }
    for found in extra {
        for (u, c) in found.into_iter().enumerate() {
            candidates[u].extend(c);
        }
    }

    // The same figures stay hidden as in `assess`'s reports.
    let hidden_ids: std::collections::BTreeSet<String> = crate::scoring::score(r, loaded)?
        .units
        .into_iter()
        .filter(|u| u.wfa.staff_allowed_hidden.is_some())
        .map(|u| u.id)
        .collect();
    let found = Found {
        r,
        ids: base
            .iter()
            .map(|v| (v.id.clone(), v.name.clone()))
            .collect(),
        data,
        standing,
        target,
        hidden: base.iter().map(|v| hidden_ids.contains(&v.id)).collect(),
    };
    let units: Vec<UnitPlan> = (0..n)
        .map(|u| unit_result(&found, u, chosen[u].as_ref(), &candidates[u]))
        .collect();
    let to_target = to_target(&found, &units, &chosen);
    Ok(Plans {
        schema_version: PLAN_SCHEMA_VERSION,
        rubric_id: r.id.clone(),
        rubric_version: r.version.clone(),
        rubric_sha256: r.sha256.clone(),
        target_verdict: r.verdicts[target].id.clone(),
        margin,
        units,
        to_target,
        budget: budget.map(|b| budget_plan(&found, &candidates, b, budget_step)),
        assumptions: r
            .improvements
            .iter()
            .filter(|im| im.assumption.is_some())
            .map(|im| im.id.clone())
            .collect(),
    })
}

/// Unit `u`'s plan: the least reaching the target, nothing when it is there already, and when
/// the target is out of reach the best verdict the improvements can give, cheapest.
fn unit_result(
    found: &Found,
    u: usize,
    chosen: Option<&Candidate>,
    candidates: &[Candidate],
) -> UnitPlan {
    let s = &found.standing;
    let none = Candidate {
        amounts: vec![0.0; found.r.improvements.len()],
        cost: 0.0,
        verdict: s.verdict[u],
        allowed: s.allowed[u],
    };
    let best = match chosen {
        Some(c) => c.clone(),
        None if s.verdict[u] <= found.target => none,
        None => candidates
            .iter()
            .min_by(|a, b| a.verdict.cmp(&b.verdict).then(a.cost.total_cmp(&b.cost)))
            .cloned()
            .unwrap_or(none),
    };
    let mut p = found.unit_plan(u, &best);
    if best.verdict >= s.verdict[u] && s.verdict[u] > found.target {
        // Nothing the improvements can do improves the verdict: no actions, no cost.
        p.actions.clear();
        p.cost = 0.0;
        p.cost_once = 0.0;
        p.cost_yearly = 0.0;
        p.new_verdict = p.verdict.clone();
        p.staff_allowed_after = p.staff_allowed_before;
    }
    p
}

/// The budget mode: per unit one evaluated combination (or none), costs in whole steps of at
/// least `budget_step` (and at least budget ÷ 2 million, so the table stays small).
fn budget_plan(
    found: &Found,
    candidates: &[Vec<Candidate>],
    b: f64,
    budget_step: f64,
) -> BudgetPlan {
    let step = budget_step.max(b / 2_000_000.0).max(1.0);
    let cap = (b / step).floor() as usize;
    // Per unit: the candidates worth buying (gaining staff, within the budget) on the Pareto
    // front, as (knapsack item, candidate index).
    let groups: Vec<Vec<(knapsack::Item, usize)>> = candidates
        .iter()
        .enumerate()
        .map(|(u, cs)| {
            let items: Vec<(knapsack::Item, usize)> = cs
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let item = knapsack::Item {
                        cost: (c.cost / step - 1e-9).ceil().max(0.0) as usize,
                        gain: c.allowed - found.standing.allowed[u],
                    };
                    (item, i)
                })
                .filter(|(item, _)| item.gain > 0 && item.cost <= cap)
                .collect();
            let plain: Vec<knapsack::Item> = items.iter().map(|(item, _)| *item).collect();
            knapsack::pareto_front(&plain)
                .into_iter()
                .map(|j| items[j])
                .collect()
        })
        .collect();
    let choice = knapsack::choose(
        &groups
            .iter()
            .map(|g| g.iter().map(|(item, _)| *item).collect())
            .collect::<Vec<_>>(),
        cap,
    );
    let picked: Vec<(usize, &Candidate)> = choice
        .picks
        .iter()
        .enumerate()
        .filter_map(|(u, pick)| pick.map(|j| (u, &candidates[u][groups[u][j].1])))
        .collect();
    let units: Vec<UnitPlan> = picked.iter().map(|(u, c)| found.unit_plan(*u, c)).collect();
    let hidden_gains: Vec<i64> = picked
        .iter()
        .filter(|(u, _)| found.hidden[*u])
        .map(|(u, c)| c.allowed - found.standing.allowed[*u])
        .collect();
    let gain_shown = hidden_gains.is_empty()
        || (hidden_gains.len() >= 2
            && hidden_gains.iter().sum::<i64>() >= found.r.min_group_size as i64);
    // `+ 0.0`: the sum of nothing is -0.0 in Rust; the JSON says 0.0.
    let spent: f64 = units.iter().map(|p| p.cost).sum::<f64>() + 0.0;
    let staff_gain = gain_shown.then_some(choice.gain);
    BudgetPlan {
        budget: b,
        spent,
        staff_gain,
        step,
        units,
        cost_per_staff: staff_gain.filter(|g| *g > 0).map(|g| spent / g as f64),
    }
}

/// The totals of the plans of the units below the target that reach it (`chosen`: the least
/// combination reaching it, per unit); the staff gain is hidden on the same rule as the
/// budget's (a lone hidden unit, or hidden ones gaining fewer than the minimum group size
/// together).
fn to_target(found: &Found, units: &[UnitPlan], chosen: &[Option<Candidate>]) -> ToTarget {
    let reaching: Vec<usize> = (0..units.len())
        .filter(|u| !units[*u].at_target && units[*u].reaches_target)
        .collect();
    let gain = |u: usize| -> i64 {
        chosen[u]
            .as_ref()
            .map_or(0, |c| c.allowed - found.standing.allowed[u])
    };
    let hidden: Vec<i64> = reaching
        .iter()
        .filter(|u| found.hidden[**u])
        .map(|u| gain(*u))
        .collect();
    let shown = hidden.is_empty()
        || (hidden.len() >= 2 && hidden.iter().sum::<i64>() >= found.r.min_group_size as i64);
    ToTarget {
        below: units.iter().filter(|p| !p.at_target).count(),
        reaching: reaching.len(),
        cost_once: reaching.iter().map(|u| units[*u].cost_once).sum::<f64>() + 0.0,
        cost_yearly: reaching.iter().map(|u| units[*u].cost_yearly).sum::<f64>() + 0.0,
        staff_gain: shown.then(|| reaching.iter().map(|u| gain(*u)).sum()),
    }
}
