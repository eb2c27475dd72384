//! From the loaded tables to daily values: each measure's value per unit and date (its
//! aggregate over that unit's rows of that day), and the treatment log per unit and date
//! (rows listed, rows away).
//!
//! Compute only: no file is read here (the loader did it) and no word is chosen. Personal
//! columns (NIP, names) are never read: the log is counted, never listed.

use crate::input::Loaded;
use crate::rubric::{Evaluation, Measure};
use anyhow::{Context, Result};
use polars::prelude::*;
use std::collections::BTreeMap;

/// A measure's values: unit → date (`YYYY-MM-DD`) → value.
pub type Series2 = BTreeMap<String, BTreeMap<String, f64>>;

/// One measure's daily values, and the unit-days whose value could not be computed (a ratio
/// over zero, an empty day), by unit.
#[derive(Debug, Clone, Default)]
pub struct MeasureDays {
    pub values: Series2,
    pub undefined: BTreeMap<String, usize>,
}

/// A unit's treatment log on one date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LogDay {
    /// Rows (staff) listed that day.
    pub listed: u64,
    /// Of them, worked away.
    pub away: u64,
}

/// The treatment log: unit → date → counts.
pub type Log = BTreeMap<String, BTreeMap<String, LogDay>>;

/// The treatment log of `loaded`, per unit and date.
pub fn log(ev: &Evaluation, loaded: &Loaded) -> Result<Log> {
    let mut out = Log::new();
    let Some(table) = loaded.tables.get(&ev.treatment) else {
        return Ok(out);
    };
    let df = table
        .df
        .clone()
        .lazy()
        .filter(col(ev.treatment_date.as_str()).is_not_null())
        .with_column(
            ev.away
                .parsed
                .clone()
                .fill_null(lit(false))
                .cast(DataType::UInt64)
                .alias("__away"),
        )
        .group_by([
            col("__unit"),
            col(ev.treatment_date.as_str()).alias("__date"),
        ])
        .agg([
            len().cast(DataType::UInt64).alias("__listed"),
            col("__away").sum().alias("__away"),
        ])
        .collect()
        .map_err(anyhow::Error::from)
        .context("counting the treatment log")?;
    let units = df.column("__unit")?.str()?.clone();
    let dates = df.column("__date")?.str()?.clone();
    let listed = df.column("__listed")?.u64()?.clone();
    let away = df.column("__away")?.cast(&DataType::UInt64)?;
    let away = away.u64()?;
    for i in 0..df.height() {
        let (Some(u), Some(d)) = (units.get(i), dates.get(i)) else {
            continue;
        };
        out.entry(u.to_string()).or_default().insert(
            d.to_string(),
            LogDay {
                listed: listed.get(i).unwrap_or(0),
                away: away.get(i).unwrap_or(0),
            },
        );
    }
    Ok(out)
}

/// `m`'s value per unit and date in `loaded`.
pub fn measure(m: &Measure, loaded: &Loaded) -> Result<MeasureDays> {
    let mut out = MeasureDays::default();
    let Some(table) = loaded.tables.get(&m.dataset) else {
        return Ok(out);
    };
    let df = table
        .df
        .clone()
        .lazy()
        .filter(col(m.date.as_str()).is_not_null())
        .group_by([col("__unit"), col(m.date.as_str()).alias("__date")])
        .agg([m.value.parsed.clone().cast(DataType::Float64).alias("__v")])
        .collect()
        .map_err(anyhow::Error::from)
        .with_context(|| format!("computing measure `{}`", m.id))?;
    let units = df.column("__unit")?.str()?.clone();
    let dates = df.column("__date")?.str()?.clone();
    let values = df.column("__v")?.f64()?.clone();
    for i in 0..df.height() {
        let (Some(u), Some(d)) = (units.get(i), dates.get(i)) else {
            continue;
        };
        match values.get(i).filter(|v| v.is_finite()) {
            Some(v) => {
                out.values
                    .entry(u.to_string())
                    .or_default()
                    .insert(d.to_string(), v);
            }
            None => *out.undefined.entry(u.to_string()).or_default() += 1,
        }
    }
    Ok(out)
}
