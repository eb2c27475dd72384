//! The polars part of scoring: per-unit metrics from every dataset, then the rubric's
//! unit-level expressions (indicator values, gates, WFA figures), in one lazy plan.
//! Figures from personal datasets over fewer rows than `min-group-size` are suppressed here,
//! before anything can use them.

use crate::assessment::EligibleJob;
use crate::diag::{Code, Diagnostic};
use crate::input::Loaded;
use crate::rubric::Rubric;
use crate::sql;
use anyhow::{Context, Result, anyhow};
use polars::prelude::*;
use std::collections::{BTreeMap, HashSet};

/// Everything the arithmetic part needs about one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitValues {
    pub id: String,
    pub name: Option<String>,
    /// Indicator values, in rubric order (None: missing or not finite).
    pub indicators: Vec<Option<f64>>,
    /// Indicator computed from a group below the minimum size.
    pub suppressed: Vec<bool>,
    pub affects: Vec<Option<f64>>,
    pub gaps: Vec<Option<f64>>,
    pub gates: Vec<Option<bool>>,
    pub gate_affects: Vec<Option<f64>>,
    pub staff_total: Option<f64>,
    pub staff_eligible: Option<f64>,
    pub min_on_site: Option<f64>,
    pub eligible_jobs: Vec<EligibleJob>,
}

fn f64s(df: &DataFrame, name: &str) -> Result<Vec<Option<f64>>> {
    let c = df.column(name)?.cast(&DataType::Float64)?;
    Ok(c.f64()?
        .iter()
        .map(|v| v.filter(|x| x.is_finite()))
        .collect())
}

fn bools(df: &DataFrame, name: &str) -> Result<Vec<Option<bool>>> {
    let c = df.column(name)?.cast(&DataType::Boolean)?;
    Ok(c.bool()?.iter().collect())
}

/// The unit-level table: one row per unit with `unit_id`, `unit_name`, `<dataset>_rows`, every
/// metric (suppressed for small groups) and the columns of per-unit datasets; and the personal
/// metrics with the row-count column that guards each.
fn unit_level(rubric: &Rubric, loaded: &Loaded) -> Result<(LazyFrame, Vec<(String, String)>)> {
    let ids: Vec<&str> = loaded.units.iter().map(|(i, _)| i.as_str()).collect();
    let names: Vec<Option<&str>> = loaded.units.iter().map(|(_, n)| n.as_deref()).collect();
    let base = DataFrame::new(
        ids.len(),
        vec![
            Column::new("unit_id".into(), ids),
            Column::new("unit_name".into(), names),
        ],
    )?;
    let mut lf = base.lazy();
    for ds in &rubric.datasets {
        let table = &loaded.tables[&ds.id];
        let rows = ds.rows_metric();
        let mut aggs = vec![len().cast(DataType::Float64).alias(rows.as_str())];
        if ds.per_unit {
            let mut names: Vec<&str> = ds
                .columns
                .iter()
                .filter(|c| !c.personal)
                .map(|c| c.name.as_str())
                .collect();
            names.extend(ds.derived.iter().map(|d| d.name.as_str()));
            for n in names.into_iter().filter(|n| *n != ds.unit_key) {
                aggs.push(col(n).first().alias(n));
            }
        }
        for m in &ds.metrics {
            aggs.push(m.parsed.clone().alias(m.name.as_str()));
        }
        let agg = table.df.clone().lazy().group_by([col("__unit")]).agg(aggs);
        lf = lf.left_join(agg, col("unit_id"), col("__unit"));
        lf = lf.with_column(col(rows.as_str()).fill_null(lit(0.0)));
    }
    let min = rubric.min_group_size as f64;
    let personal = personal_metrics(rubric);
    for (m, rows) in &personal {
        lf = lf.with_column(
            when(col(rows.as_str()).lt(lit(min)))
                .then(lit(NULL))
                .otherwise(col(m.as_str()))
                .alias(m.as_str()),
        );
    }
    Ok((lf, personal))
}

/// The rubric's unit-level expressions: indicator values, affects, gaps, gates, WFA figures.
fn unit_exprs(rubric: &Rubric) -> Vec<Expr> {
    let mut exprs = Vec::new();
    for (i, ind) in rubric.indicators.iter().enumerate() {
        exprs.push(
            ind.value
                .parsed
                .clone()
                .cast(DataType::Float64)
                .alias(format!("__ind_{i}")),
        );
        if let Some(a) = &ind.affects {
            exprs.push(
                a.parsed
                    .clone()
                    .cast(DataType::Float64)
                    .alias(format!("__aff_{i}")),
            );
        }
        if let Some(g) = &ind.gap {
            exprs.push(
                g.parsed
                    .clone()
                    .cast(DataType::Float64)
                    .alias(format!("__gap_{i}")),
            );
        }
    }
    for (i, g) in rubric.gates.iter().enumerate() {
        exprs.push(
            g.require
                .parsed
                .clone()
                .cast(DataType::Boolean)
                .alias(format!("__gate_{i}")),
        );
        if let Some(a) = &g.affects {
            exprs.push(
                a.parsed
                    .clone()
                    .cast(DataType::Float64)
                    .alias(format!("__gaff_{i}")),
            );
        }
    }
    if let Some(w) = &rubric.wfa {
        exprs.push(
            w.staff_total
                .parsed
                .clone()
                .cast(DataType::Float64)
                .alias("__wfa_total"),
        );
        exprs.push(
            w.staff_eligible
                .parsed
                .clone()
                .cast(DataType::Float64)
                .alias("__wfa_eligible"),
        );
        if let Some(m) = &w.min_on_site {
            exprs.push(
                m.parsed
                    .clone()
                    .cast(DataType::Float64)
                    .alias("__wfa_onsite"),
            );
        }
    }
    exprs
}

/// The unit-level table, collected and sorted by unit id (what `evaluate` takes, edited).
pub fn unit_table(rubric: &Rubric, loaded: &Loaded) -> Result<DataFrame> {
    let (lf, _) = unit_level(rubric, loaded)?;
    lf.sort(["unit_id"], SortMultipleOptions::default())
        .collect()
        .map_err(|e| anyhow!("{}", sql::clean(&e)))
        .context("computing the unit-level table")
}

/// Evaluate the rubric's expressions on rows of a unit-level table (rows may repeat a unit),
/// after the `edits` (expressions that replace unit-level columns); one `UnitValues` per row,
/// in row order.
pub fn evaluate(
    rubric: &Rubric,
    loaded: &Loaded,
    table: DataFrame,
    edits: Vec<Expr>,
) -> Result<Vec<UnitValues>> {
    let personal = personal_metrics(rubric);
    let df = table
        .lazy()
        .with_columns(edits)
        .with_columns(unit_exprs(rubric))
        .collect()
        .map_err(|e| anyhow!("{}", sql::clean(&e)))
        .context("evaluating the rubric on edited values")?;
    extract(rubric, loaded, &df, &personal)
}

/// The metrics of personal datasets, with the row-count column that guards each.
fn personal_metrics(rubric: &Rubric) -> Vec<(String, String)> {
    rubric
        .datasets
        .iter()
        .filter(|d| d.personal)
        .flat_map(|d| {
            d.metrics
                .iter()
                .map(move |m| (m.name.clone(), d.rows_metric()))
        })
        .collect()
}

/// Compute every unit's values. Returns them sorted by unit id, with any small-group notes.
pub fn compute(rubric: &Rubric, loaded: &Loaded) -> Result<(Vec<UnitValues>, Vec<Diagnostic>)> {
    let (lf, personal) = unit_level(rubric, loaded)?;
    let exprs = unit_exprs(rubric);
    let min = rubric.min_group_size as f64;
    let df = lf
        .with_columns(exprs)
        .sort(["unit_id"], SortMultipleOptions::default())
        .collect()
        .map_err(|e| anyhow!("{}", sql::clean(&e)))
        .context("computing the unit-level values")?;

    let unit_ids: Vec<String> = df
        .column("unit_id")?
        .str()?
        .iter()
        .map(|s| s.unwrap_or_default().to_string())
        .collect();
    let mut diags = Vec::new();
    for ds in rubric.datasets.iter().filter(|d| d.personal) {
        for (u, r) in unit_ids.iter().zip(f64s(&df, &ds.rows_metric())?) {
            let r = r.unwrap_or(0.0);
            if r > 0.0 && r < min {
                diags.push(
                    Diagnostic::warning(
                        Code::SmallGroup,
                        format!("unit `{u}` has only {r} row(s) in `{}` (minimum group size {}); figures from it are suppressed", ds.id, rubric.min_group_size),
                    )
                    .dataset(&ds.id)
                    .value(u.clone()),
                );
            }
        }
    }

    Ok((extract(rubric, loaded, &df, &personal)?, diags))
}

/// Read the computed columns of `df` into one `UnitValues` per row.
fn extract(
    rubric: &Rubric,
    loaded: &Loaded,
    df: &DataFrame,
    personal: &[(String, String)],
) -> Result<Vec<UnitValues>> {
    let min = rubric.min_group_size as f64;
    // Which personal metrics each indicator reads.
    let personal_names: HashSet<&str> = personal.iter().map(|(m, _)| m.as_str()).collect();
    let reads_personal: Vec<Vec<String>> = rubric
        .indicators
        .iter()
        .map(|ind| {
            ind.value
                .parsed
                .clone()
                .meta()
                .root_names()
                .iter()
                .filter(|n| personal_names.contains(n.as_str()))
                .map(|n| n.to_string())
                .collect()
        })
        .collect();

    let n = df.height();
    let opt = |name: String| -> Result<Vec<Option<f64>>> {
        if df.column(&name).is_ok() {
            f64s(df, &name)
        } else {
            Ok(vec![None; n])
        }
    };
    let many = |prefix: &str, count: usize| -> Result<Vec<Vec<Option<f64>>>> {
        (0..count).map(|i| opt(format!("{prefix}_{i}"))).collect()
    };
    let n_ind = rubric.indicators.len();
    let (ind, aff, gap) = (
        many("__ind", n_ind)?,
        many("__aff", n_ind)?,
        many("__gap", n_ind)?,
    );
    let gaff = many("__gaff", rubric.gates.len())?;
    let gates: Vec<Vec<Option<bool>>> = (0..rubric.gates.len())
        .map(|i| bools(df, &format!("__gate_{i}")))
        .collect::<Result<_>>()?;
    let total = opt("__wfa_total".into())?;
    let eligible = opt("__wfa_eligible".into())?;
    let onsite = opt("__wfa_onsite".into())?;
    let unit_ids: Vec<String> = df
        .column("unit_id")?
        .str()?
        .iter()
        .map(|s| s.unwrap_or_default().to_string())
        .collect();
    let unit_names: Vec<Option<String>> = df
        .column("unit_name")?
        .str()?
        .iter()
        .map(|s| s.map(str::to_string))
        .collect();
    let metric_rows: BTreeMap<String, Vec<Option<f64>>> = personal
        .iter()
        .map(|(m, rows)| Ok((m.clone(), f64s(df, rows)?)))
        .collect::<Result<_>>()?;

    let jobs = eligible_jobs(rubric, loaded)?;
    let out = (0..n)
        .map(|r| UnitValues {
            id: unit_ids[r].clone(),
            name: unit_names[r].clone(),
            indicators: ind.iter().map(|c| c[r]).collect(),
            suppressed: reads_personal
                .iter()
                .map(|names| names.iter().any(|m| metric_rows[m][r].unwrap_or(0.0) < min))
                .collect(),
            affects: aff.iter().map(|c| c[r]).collect(),
            gaps: gap.iter().map(|c| c[r]).collect(),
            gates: gates.iter().map(|c| c[r]).collect(),
            gate_affects: gaff.iter().map(|c| c[r]).collect(),
            staff_total: total[r],
            staff_eligible: eligible[r],
            min_on_site: onsite[r],
            eligible_jobs: jobs.get(&unit_ids[r]).cloned().unwrap_or_default(),
        })
        .collect();
    Ok(out)
}

/// The WFA-eligible job types of every unit, most holders first.
fn eligible_jobs(rubric: &Rubric, loaded: &Loaded) -> Result<BTreeMap<String, Vec<EligibleJob>>> {
    let mut out: BTreeMap<String, BTreeMap<String, Option<i64>>> = BTreeMap::new();
    let Some(jobs) = rubric.wfa.as_ref().and_then(|w| w.jobs.as_ref()) else {
        return Ok(BTreeMap::new());
    };
    let df = &loaded.tables[&jobs.dataset].df;
    let eligible = bools(df, &jobs.eligible)?;
    let units: Vec<Option<String>> = df
        .column("__unit")?
        .str()?
        .iter()
        .map(|s| s.map(str::to_string))
        .collect();
    let names: Vec<Option<String>> = df
        .column(&jobs.name)?
        .cast(&DataType::String)?
        .str()?
        .iter()
        .map(|s| s.map(str::to_string))
        .collect();
    // Without a `count` column every row is one holder (a list of staff by job).
    let counts = match &jobs.count {
        Some(c) => f64s(df, c)?,
        None => vec![Some(1.0); df.height()],
    };
    for i in 0..df.height() {
        if eligible[i] != Some(true) {
            continue;
        }
        let (Some(u), Some(name)) = (&units[i], &names[i]) else {
            continue;
        };
        let e = out
            .entry(u.clone())
            .or_default()
            .entry(name.clone())
            .or_insert(None);
        if let Some(c) = counts[i] {
            *e = Some(e.unwrap_or(0) + c.round() as i64);
        }
    }
    Ok(out
        .into_iter()
        .map(|(u, m)| {
            let mut v: Vec<EligibleJob> = m
                .into_iter()
                .map(|(name, holders)| EligibleJob {
                    name,
                    holders,
                    suppressed: None,
                })
                .collect();
            v.sort_by(|a, b| {
                b.holders
                    .unwrap_or(0)
                    .cmp(&a.holders.unwrap_or(0))
                    .then(a.name.cmp(&b.name))
            });
            (u, v)
        })
        .collect())
}
