//! Survey response: respondents ÷ headcount per unit, from the response dataset and the unit
//! dataset's headcount column; a `low-response` warning under the rubric's minimum. The rates
//! are also a data-quality figure (`quality/`).
//!
//! Counts kept rows only; it rejects nothing.

use super::Loader;
use super::diags;
use super::model::Table;
use crate::rubric::{ResponseCheck, Rubric};
use polars::prelude::*;
use std::collections::{BTreeMap, HashMap};

impl Loader<'_> {
    /// A `low-response` warning for each unit under the rubric's minimum, if it has a check.
    pub(super) fn low_response(
        &mut self,
        tables: &BTreeMap<String, Table>,
        units: &[(String, Option<String>)],
    ) -> PolarsResult<()> {
        let Some(check) = &self.rubric.response else {
            return Ok(());
        };
        for r in response_rates(self.rubric, check, tables, units)? {
            if let Some(rate) = r.rate {
                if rate < check.min_rate {
                    self.diags.push(diags::low_response(
                        &check.dataset,
                        &r.unit,
                        r.respondents,
                        r.headcount.unwrap_or_default(),
                        rate,
                        check.min_rate,
                    ));
                }
            }
        }
        Ok(())
    }
}

/// One unit's survey response.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ResponseRate {
    pub unit: String,
    pub respondents: usize,
    pub headcount: Option<i64>,
    /// respondents ÷ headcount, when the headcount is known and positive.
    pub rate: Option<f64>,
}

/// Respondents and headcount of every unit, in unit order.
pub fn response_rates(
    rubric: &Rubric,
    check: &ResponseCheck,
    tables: &BTreeMap<String, Table>,
    units: &[(String, Option<String>)],
) -> PolarsResult<Vec<ResponseRate>> {
    let count_of = |t: Option<&Table>| -> PolarsResult<HashMap<String, usize>> {
        let mut m = HashMap::new();
        if let Some(t) = t {
            for u in t.df.column("__unit")?.str()?.iter().flatten() {
                *m.entry(u.to_string()).or_insert(0) += 1;
            }
        }
        Ok(m)
    };
    let respondents = count_of(tables.get(&check.dataset))?;
    let mut headcount: HashMap<String, i64> = HashMap::new();
    if let Some(t) = rubric.unit_dataset.as_ref().and_then(|d| tables.get(d)) {
        let h = t.df.column(&check.headcount)?.cast(&DataType::Float64)?;
        let u = t.df.column("__unit")?.str()?.clone();
        for (u, h) in u.iter().zip(h.f64()?.iter()) {
            if let (Some(u), Some(h)) = (u, h) {
                headcount.insert(u.to_string(), h as i64);
            }
        }
    }
    Ok(units
        .iter()
        .map(|(u, _)| {
            let n = respondents.get(u).copied().unwrap_or(0);
            let h = headcount.get(u).copied();
            ResponseRate {
                unit: u.clone(),
                respondents: n,
                headcount: h,
                rate: h.filter(|h| *h > 0).map(|h| n as f64 / h as f64),
            }
        })
        .collect())
}
