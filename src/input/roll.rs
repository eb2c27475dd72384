//! The roll of units that should answer, and what became of each (`Loaded.roll`).
//! This minimal version (the `province` branch's stand-in for the interface in ROLL.md) knows no
//! master list: the roll is the units that sent a unit-list row (assessed) and the units named
//! only by a rejected unit-list row (pending, not assessed). It decides nothing about scoring
//! and chooses no words: reasons are data, worded by the renderers.

use super::model::{RejectedRow, Table};
use crate::diag::{Diagnostic, Severity};
use crate::rubric::Rubric;
use std::collections::BTreeMap;

/// The units that should answer, and what became of each.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Roll {
    /// True when a master list (`[units] master` in the rubric, or `--units FILE`) was read;
    /// false when the roll is only the units that sent a unit-list row (today's behaviour).
    pub from_master: bool,
    /// Every unit expected, in master-list order (else unit-list order).
    pub units: Vec<RollUnit>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct RollUnit {
    /// Canonical (masked where it looks personal) unit id.
    pub unit: String,
    pub name: Option<String>,
    /// E.g. "garis depan", from the master list.
    pub kind: Option<String>,
    /// Datasets (rubric ids, rubric order) with no usable row for this unit ("belum mengirim").
    pub not_sent: Vec<String>,
    /// Why the unit cannot be assessed; empty = it is assessed.
    pub not_assessed: Vec<NotAssessedReason>,
}

#[derive(Debug, Clone, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum NotAssessedReason {
    /// No file of the unit dataset has a row for it.
    NotSent { dataset: String },
    /// Its unit-list row (or the whole sheet) was rejected: where and by which diagnostic code.
    Rejected {
        dataset: String,
        file: String,
        sheet: Option<String>,
        row: Option<u32>,
        code: String,
    },
    /// Its file for the unit dataset could not be read.
    Unreadable { dataset: String, file: String },
}

/// The roll without a master list: `units` (assessed) then `pending` (named only by a rejected
/// unit-list row), each with the datasets that have no row of it.
pub(super) fn build(
    rubric: &Rubric,
    tables: &BTreeMap<String, Table>,
    units: &[(String, Option<String>)],
    pending: &[(String, Option<String>)],
    rejected: &[RejectedRow],
    diags: &[Diagnostic],
) -> Roll {
    // Which units each dataset has rows for.
    let mut sent: BTreeMap<&str, std::collections::HashSet<String>> = BTreeMap::new();
    for ds in &rubric.datasets {
        let set = sent.entry(ds.id.as_str()).or_default();
        if let Some(t) = tables.get(&ds.id) {
            if let Ok(c) = t.df.column("__unit").and_then(|c| c.str().cloned()) {
                set.extend(c.iter().flatten().map(str::to_string));
            }
        }
    }
    let not_sent = |u: &str| -> Vec<String> {
        rubric
            .datasets
            .iter()
            .filter(|d| !sent.get(d.id.as_str()).is_some_and(|s| s.contains(u)))
            .map(|d| d.id.clone())
            .collect()
    };
    let unit_ds = rubric
        .unit_dataset
        .clone()
        .or_else(|| rubric.datasets.first().map(|d| d.id.clone()))
        .unwrap_or_default();
    let mut out: Vec<RollUnit> = units
        .iter()
        .map(|(u, n)| RollUnit {
            unit: u.clone(),
            name: n.clone(),
            kind: None,
            not_sent: not_sent(u),
            not_assessed: Vec::new(),
        })
        .collect();
    for (u, n) in pending {
        if out.iter().any(|x| &x.unit == u) {
            continue;
        }
        let row = rejected
            .iter()
            .find(|r| r.dataset == unit_ds && r.unit.as_deref() == Some(u.as_str()));
        let reason = match row {
            Some(r) => {
                let code = diags
                    .iter()
                    .find(|d| {
                        d.severity == Severity::Error
                            && d.file.as_deref() == Some(r.file.as_str())
                            && d.sheet == r.sheet
                            && d.row == Some(r.row)
                    })
                    .map(|d| d.code.to_string())
                    .unwrap_or_else(|| "rejected-row".into());
                NotAssessedReason::Rejected {
                    dataset: r.dataset.clone(),
                    file: r.file.clone(),
                    sheet: r.sheet.clone(),
                    row: Some(r.row),
                    code,
                }
            }
            None => NotAssessedReason::NotSent {
                dataset: unit_ds.clone(),
            },
        };
        let mut ns = not_sent(u);
        if !ns.contains(&unit_ds) {
            ns.insert(0, unit_ds.clone());
        }
        out.push(RollUnit {
            unit: u.clone(),
            name: n.clone(),
            kind: None,
            not_sent: ns,
            not_assessed: vec![reason],
        });
    }
    Roll {
        from_master: false,
        units: out,
    }
}
