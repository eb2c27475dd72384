//! Scoring: from the loaded tables to typed facts (`Scored`), never to words. Unit-level
//! metrics, indicator values, gates and WFA figures are computed by polars from the rubric's SQL
//! expressions in one lazy plan (`frame`); the scores, verdicts, obstacles and WFA numbers are
//! then plain arithmetic in `unit`, which never touches polars; `province` evaluates the
//! rubric's province rules with polars on a one-row table of the province's figures. No module
//! here takes a language or writes a sentence: `crate::words` turns the facts, the rubric and a
//! language into the `Assessment`.

pub mod curve;
mod facts;
mod frame;
pub mod province;
pub mod unit;

use crate::input::Loaded;
use crate::rubric::Rubric;
use anyhow::Result;
use std::collections::BTreeSet;

pub use facts::*;
pub use frame::{UnitValues, evaluate, unit_table};

/// Every unit's computed values (metrics, indicator values, gates, WFA figures), sorted by id:
/// what re-scoring with a changed rubric starts from, without reloading the data.
pub fn values(rubric: &Rubric, loaded: &Loaded) -> Result<Vec<UnitValues>> {
    Ok(frame::compute(rubric, loaded)?.0)
}

/// Score every unit and answer for the province.
pub fn score(rubric: &Rubric, loaded: &Loaded) -> Result<Scored> {
    let (values, mut diags) = frame::compute(rubric, loaded)?;
    let mut units: Vec<UnitScore> = values.iter().map(|v| unit::score_unit(rubric, v)).collect();
    hide_totals_across_units(rubric, &mut units);
    let province = province::summarise(rubric, &units)?;
    let mut diagnostics = loaded.diagnostics.clone();
    diagnostics.append(&mut diags);
    Ok(Scored {
        inputs: loaded.inputs.clone(),
        datasets: datasets(rubric, loaded, &units, province.staff_total),
        units,
        province,
        diagnostics,
    })
}

/// A unit's hidden eligible total could be worked out from the province's total less the other
/// units': hide the smallest other unit's too (complementary suppression across units).
fn hide_totals_across_units(rubric: &Rubric, units: &mut [UnitScore]) {
    let cells: Vec<Option<i64>> = units.iter().map(|u| u.wfa.staff_eligible).collect();
    let forced: Vec<bool> = units
        .iter()
        .map(|u| u.wfa.staff_eligible_hidden.is_some())
        .collect();
    let marks = crate::privacy::extend(&cells, &forced, rubric.min_group_size);
    for (u, m) in units.iter_mut().zip(marks) {
        if u.wfa.staff_eligible_hidden.is_none() {
            u.wfa.staff_eligible_hidden = m;
        }
    }
}

/// What each dataset contributed: rows used, units with at least one row, and for personal
/// datasets the response rate against the units' headcount.
fn datasets(
    rubric: &Rubric,
    loaded: &Loaded,
    units: &[UnitScore],
    staff_total: i64,
) -> Vec<DatasetUse> {
    let ids: BTreeSet<&str> = units.iter().map(|u| u.id.as_str()).collect();
    rubric
        .datasets
        .iter()
        .map(|d| {
            let rows_used: usize = loaded
                .inputs
                .iter()
                .filter(|i| i.dataset == d.id)
                .map(|i| i.rows_used)
                .sum();
            let units_with_rows = loaded
                .tables
                .get(&d.id)
                .and_then(|t| t.df.column("__unit").ok())
                .and_then(|c| {
                    c.str().ok().map(|s| {
                        s.iter()
                            .flatten()
                            .filter(|u| ids.contains(u))
                            .collect::<BTreeSet<_>>()
                            .len()
                    })
                })
                .unwrap_or(0);
            DatasetUse {
                rows_used,
                units_with_rows,
                response_rate: (d.personal && staff_total > 0)
                    .then(|| crate::format::round(rows_used as f64 / staff_total as f64, 4)),
            }
        })
        .collect()
}
