//! Scoring: from the loaded tables to an `Assessment`. Unit-level metrics, indicator values,
//! gates and WFA figures are computed by polars from the rubric's SQL expressions in one lazy
//! plan; the scores, verdicts, obstacles and the province answer are then plain arithmetic in
//! `unit` and `province`, which never touch polars and never format reports.

pub mod curve;
mod frame;
pub mod province;
pub mod unit;

use crate::assessment::*;
use crate::input::Loaded;
use crate::rubric::{Lang, Rubric};
use anyhow::Result;

pub use frame::{UnitValues, evaluate, unit_table};

/// Options of one assessment run.
#[derive(Debug, Clone)]
pub struct Options {
    pub lang: Lang,
    /// RFC 3339 timestamp written into the result.
    pub generated_at: String,
}

/// Every unit's computed values (metrics, indicator values, gates, WFA figures), sorted by id:
/// what re-scoring with a changed rubric starts from, without reloading the data.
pub fn values(rubric: &Rubric, loaded: &Loaded) -> Result<Vec<UnitValues>> {
    Ok(frame::compute(rubric, loaded)?.0)
}

/// Score every unit and answer for the province.
pub fn assess(rubric: &Rubric, loaded: &Loaded, opts: &Options) -> Result<Assessment> {
    let (values, mut diags) = frame::compute(rubric, loaded)?;
    let mut units: Vec<Unit> = values
        .iter()
        .map(|v| unit::score_unit(rubric, v, opts.lang))
        .collect();
    // Data-quality warnings that qualify a unit's verdict.
    for u in &mut units {
        u.data_warnings = loaded
            .diagnostics
            .iter()
            .filter(|d| {
                d.code == crate::diag::Code::LowResponse && d.unit.as_deref() == Some(&u.id)
            })
            .map(|d| format!("{}: {}", d.code, d.message))
            .collect();
    }
    let summary = province::summarise(rubric, &units, opts.lang)?;
    let mut diagnostics = loaded.diagnostics.clone();
    diagnostics.append(&mut diags);
    let lang = opts.lang;
    Ok(Assessment {
        schema_version: SCHEMA_VERSION.to_string(),
        tool: Tool {
            name: "kesiapan".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        generated_at: opts.generated_at.clone(),
        lang,
        rubric: RubricRef {
            id: rubric.id.clone(),
            version: rubric.version.clone(),
            sha256: rubric.sha256.clone(),
            path: rubric.path.clone(),
            title: rubric.title.get(lang).to_string(),
            unit_label: rubric.unit_label.get(lang).to_string(),
            applied: applied(rubric, lang),
            min_group_size: rubric.min_group_size,
        },
        inputs: loaded.inputs.clone(),
        verdicts: rubric
            .verdicts
            .iter()
            .map(|v| VerdictRef {
                id: v.id.clone(),
                label: v.label.get(lang).to_string(),
                min_score: v.min_score,
            })
            .collect(),
        dimensions: rubric
            .dimensions
            .iter()
            .map(|d| DimensionRef {
                id: d.id.clone(),
                label: d.label.get(lang).to_string(),
                weight: crate::format::round(d.weight_share, rubric.decimals),
            })
            .collect(),
        datasets: datasets(rubric, loaded, &units, summary.staff_total, lang),
        units,
        summary,
        diagnostics,
    })
}

/// What each dataset contributed: rows used, units with at least one row, and for personal
/// datasets the response rate against the units' headcount.
fn datasets(
    rubric: &Rubric,
    loaded: &Loaded,
    units: &[Unit],
    staff_total: i64,
    lang: Lang,
) -> Vec<DatasetRef> {
    let ids: std::collections::BTreeSet<&str> = units.iter().map(|u| u.id.as_str()).collect();
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
                            .collect::<std::collections::BTreeSet<_>>()
                            .len()
                    })
                })
                .unwrap_or(0);
            DatasetRef {
                id: d.id.clone(),
                title: d.title.get(lang).to_string(),
                personal: d.personal,
                per_unit: d.per_unit,
                rows_used,
                units_with_rows,
                response_rate: (d.personal && staff_total > 0)
                    .then(|| crate::format::round(rows_used as f64 / staff_total as f64, 4)),
            }
        })
        .collect()
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

/// Fill `{name}` placeholders from `vars`; unknown placeholders stay as written.
pub fn fill(template: &str, vars: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        match rest[start..].find('}') {
            Some(len) => {
                let key = &rest[start + 1..start + len];
                match vars.iter().find(|(k, _)| *k == key) {
                    Some((_, v)) => out.push_str(v),
                    None => out.push_str(&rest[start..start + len + 1]),
                }
                rest = &rest[start + len + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}
