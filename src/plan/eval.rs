//! Evaluating units under improvements: the rubric's `[[improvements]]` as polars edits of the
//! unit-level table, scored by the same expressions and scoring core as `assess`, and the
//! per-unit numbers the search needs (each improvement's maximum, current value and scale).
//!
//! Nothing here searches or chooses: `search` decides what to evaluate, `knapsack` what to buy.

use crate::input::Loaded;
use crate::rubric::{Change, Improvement, Indicator, NamedExpr, Rubric};
use crate::scoring::unit::{decide, scored, staffing};
use crate::scoring::{UnitValues, evaluate};
use anyhow::Result;
use polars::prelude::*;
use std::collections::BTreeSet;

/// The unit-level table and the improvements as edits of it.
pub(super) struct Ctx<'a> {
    pub r: &'a Rubric,
    /// Score points a plan must clear above the start of the band it aims at (`outcome`).
    pub margin: f64,
    loaded: &'a Loaded,
    table: &'a DataFrame,
    edits: Vec<Expr>,
}

impl<'a> Ctx<'a> {
    pub fn new(
        r: &'a Rubric,
        loaded: &'a Loaded,
        table: &'a DataFrame,
        margin: f64,
    ) -> Result<Self> {
        Ok(Ctx {
            r,
            margin,
            loaded,
            table,
            edits: edits(r)?,
        })
    }

    /// Evaluate rows (unit row index, amount per improvement; 0 = not applied).
    pub fn eval(&self, rows: &[(usize, Vec<f64>)]) -> Result<Vec<UnitValues>> {
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

/// Per-unit values of a unit-level SQL expression on the table.
fn per_unit(table: &DataFrame, e: &Expr) -> Result<Vec<Option<f64>>> {
    let e = e.clone();
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

/// Per-unit values of the rubric expression `e` (`what` it is, for messages): an error at its
/// place in the rubric when polars fails on the data or a unit's value is not finite.
fn located(r: &Rubric, table: &DataFrame, e: &NamedExpr, what: &str) -> Result<Vec<Option<f64>>> {
    let out = table
        .clone()
        .lazy()
        .with_column(e.parsed.clone().cast(DataType::Float64).alias("__x"))
        .select([col("__x")])
        .collect()
        .map_err(|err| {
            let message = format!(
                "{what} `{}` failed on the data: {}",
                e.expr,
                crate::sql::without_values(&err)
            );
            r.problem_at(e, message, crate::sql::FAILED_ON_DATA_HINT)
        })?;
    let values: Vec<Option<f64>> = out.column("__x")?.f64()?.iter().collect();
    if let Some(i) = values
        .iter()
        .position(|v| v.is_some_and(|x| !x.is_finite()))
    {
        let unit = table
            .column("unit_id")
            .ok()
            .and_then(|c| c.str().ok()?.get(i).map(str::to_string))
            .unwrap_or_default();
        let message = format!(
            "{what} `{}` gives {} for unit `{unit}`; only a finite number (or missing) can be used",
            e.expr,
            values[i].unwrap_or_default()
        );
        let hint = "a division by zero gives inf or NaN; divide by NULLIF(x, 0) so that the value is missing (null) instead";
        return Err(r.problem_at(e, message, hint).into());
    }
    Ok(values)
}

fn edits(r: &Rubric) -> Result<Vec<Expr>> {
    r.improvements
        .iter()
        .enumerate()
        .map(|(k, im)| {
            let amount = col(format!("__amount_{k}").as_str());
            Ok(match &im.change {
                Change::Add { name, scale, .. } => {
                    let s = match scale {
                        Some(e) => e.parsed.clone().cast(DataType::Float64),
                        None => lit(1.0),
                    };
                    (col(name.as_str()).cast(DataType::Float64) + amount * s).alias(name.as_str())
                }
                Change::Set { name, to, .. } => when(amount.gt(lit(0.0)))
                    .then(to.parsed.clone())
                    .otherwise(col(name.as_str()))
                    .alias(name.as_str()),
            })
        })
        .collect()
}

/// The names each indicator value and each gate reads.
pub(super) struct Reads {
    pub indicators: Vec<BTreeSet<String>>,
    pub gates: Vec<BTreeSet<String>>,
}

impl Reads {
    pub fn new(r: &Rubric) -> Result<Self> {
        let names = |e: &Expr| -> BTreeSet<String> {
            e.clone()
                .meta()
                .root_names()
                .iter()
                .map(|n| n.to_string())
                .collect()
        };
        Ok(Reads {
            indicators: r
                .indicators
                .iter()
                .map(|i| names(&i.value.parsed))
                .collect(),
            gates: r.gates.iter().map(|g| names(&g.require.parsed)).collect(),
        })
    }
}

/// Per improvement (outer) and unit (inner): what the search needs to know of the data.
pub(super) struct UnitData {
    /// The most of an amount improvement a unit can take (1 for an on/off improvement).
    pub max: Vec<Vec<Option<f64>>>,
    /// The current value of the name the improvement changes (none when not a number).
    pub current: Vec<Vec<Option<f64>>>,
    /// What one unit of the amount adds to that name (1 without a `scale`).
    pub scale: Vec<Vec<Option<f64>>>,
}

impl UnitData {
    pub fn new(r: &Rubric, table: &DataFrame) -> Result<Self> {
        let n = table.height();
        let each = |f: &dyn Fn(&Improvement) -> Result<Vec<Option<f64>>>| {
            r.improvements.iter().map(f).collect::<Result<Vec<_>>>()
        };
        Ok(UnitData {
            max: each(&|im| match &im.change {
                Change::Add { max, .. } => {
                    located(r, table, max, &format!("improvement `{}` max", im.id))
                }
                Change::Set { .. } => Ok(vec![Some(1.0); n]),
            })?,
            current: each(&|im| {
                per_unit(table, &im.current_value()).or_else(|_| Ok(vec![None; n]))
            })?,
            scale: each(&|im| match &im.change {
                Change::Add { scale: Some(s), .. } => {
                    located(r, table, s, &format!("improvement `{}` scale", im.id))
                }
                _ => Ok(vec![Some(1.0); n]),
            })?,
        })
    }
}

/// One evaluated combination for a unit.
#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub amounts: Vec<f64>,
    pub cost: f64,
    pub verdict: usize,
    pub allowed: i64,
}

/// A unit's verdict and the staff it may then let work away at once, counting a band as
/// reached only `margin` points above its start (0: the verdict as `assess` gives it), so
/// that a plan never buys a verdict by a hair (3,44 → 3,45 across a threshold).
pub(super) fn outcome(r: &Rubric, v: &UnitValues, margin: f64) -> (usize, i64) {
    let sc = scored(r, v);
    let d = decide(r, v, sc.total.map(|t| t - margin), sc.coverage);
    (d.verdict, staffing(r, v, d.verdict).allowed)
}

/// The evaluated combination `amounts` with its outcome `v` (bands `margin` points up).
pub(super) fn candidate(r: &Rubric, amounts: &[f64], v: &UnitValues, margin: f64) -> Candidate {
    let (verdict, allowed) = outcome(r, v, margin);
    Candidate {
        amounts: amounts.to_vec(),
        cost: cost_of(r, amounts),
        verdict,
        allowed,
    }
}

/// The cost of `amount` of an improvement (an on/off improvement is on above 0).
pub(super) fn action_cost(im: &Improvement, amount: f64) -> f64 {
    match &im.change {
        Change::Add { unit_cost, .. } => amount * unit_cost,
        Change::Set { cost, .. } => {
            if amount > 0.0 {
                *cost
            } else {
                0.0
            }
        }
    }
}

/// The cost of a combination (an amount per improvement).
pub(super) fn cost_of(r: &Rubric, amounts: &[f64]) -> f64 {
    r.improvements
        .iter()
        .zip(amounts)
        .map(|(im, x)| action_cost(im, *x))
        .sum()
}

/// The score an indicator must reach: its target's score, or full marks without a target.
pub(super) fn target_score(ind: &Indicator) -> f64 {
    ind.target
        .and_then(|t| crate::scoring::curve::score(&ind.curve, t))
        .unwrap_or(100.0)
}
