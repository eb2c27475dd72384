//! Staff coverage of a dataset that should account for every staff member (the jobs list: sum
//! of holders ÷ the unit's headcount); a located `low-coverage` warning under the rubric's
//! minimum (`[units] coverage`), at the unit's rows of that dataset.
//!
//! Counts kept rows only; it rejects nothing and changes no figure.

use super::Loader;
use super::diags;
use super::model::Table;
use crate::diag::Location;
use crate::rubric::{CoverageCheck, Rubric};
use polars::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// One unit's coverage: the summed column, the headcount, and the first row it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    pub unit: String,
    pub covered: f64,
    pub headcount: i64,
    pub share: f64,
    /// The unit's first row of the dataset (file, sheet, row; column index of the summed
    /// column in that sheet, when known).
    pub at: Location,
    pub column: Option<usize>,
}

impl Loader<'_> {
    /// A `low-coverage` warning for each unit whose rows cover less than the minimum share.
    pub(super) fn low_coverage(&mut self, tables: &BTreeMap<String, Table>) -> PolarsResult<()> {
        let Some(check) = &self.rubric.coverage else {
            return Ok(());
        };
        for c in coverage(self.rubric, check, tables)? {
            if c.share < check.min_share {
                self.diags.push(diags::low_coverage(
                    &check.dataset,
                    &check.column,
                    &c,
                    check.min_share,
                ));
            }
        }
        Ok(())
    }
}

/// The coverage of every unit that has rows in the dataset and a positive headcount, in unit
/// order. A unit without rows is `unit-without-data`, not a coverage problem.
pub fn coverage(
    rubric: &Rubric,
    check: &CoverageCheck,
    tables: &BTreeMap<String, Table>,
) -> PolarsResult<Vec<Coverage>> {
    let (Some(t), Some(units)) = (
        tables.get(&check.dataset),
        rubric.unit_dataset.as_ref().and_then(|d| tables.get(d)),
    ) else {
        return Ok(Vec::new());
    };
    let mut headcount: HashMap<&str, i64> = HashMap::new();
    let hc = units
        .df
        .column(&check.headcount)?
        .cast(&DataType::Float64)?;
    let hu = units.df.column("__unit")?.str()?;
    for (u, h) in hu.iter().zip(hc.f64()?.iter()) {
        if let (Some(u), Some(h)) = (u, h) {
            headcount.insert(u, h as i64);
        }
    }
    let ds = rubric.datasets.iter().find(|d| d.id == check.dataset);
    let col_index = ds.and_then(|d| d.columns.iter().position(|c| c.name == check.column));
    let vals = t.df.column(&check.column)?.cast(&DataType::Float64)?;
    let us = t.df.column("__unit")?.str()?;
    let rows = t.df.column("__row")?.cast(&DataType::UInt32)?;
    // unit → (sum, first table row)
    let mut sum: BTreeMap<&str, (f64, usize)> = BTreeMap::new();
    for ((u, v), r) in us.iter().zip(vals.f64()?.iter()).zip(rows.u32()?.iter()) {
        if let (Some(u), Some(r)) = (u, r) {
            let e = sum.entry(u).or_insert((0.0, r as usize));
            e.0 += v.unwrap_or(0.0);
            e.1 = e.1.min(r as usize);
        }
    }
    Ok(sum
        .into_iter()
        .filter_map(|(u, (covered, first))| {
            let h = *headcount.get(u)?;
            (h > 0).then(|| {
                let at = t.sources.get(first);
                let column = col_index.and_then(|i| {
                    at.columns
                        .as_ref()
                        .and_then(|m| m.get(i).copied().flatten())
                });
                Coverage {
                    unit: u.to_string(),
                    covered,
                    headcount: h,
                    share: covered / h as f64,
                    at,
                    column,
                }
            })
        })
        .collect())
}
