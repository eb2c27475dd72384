//! What `validate` hands back besides the terminal summary: the data-quality report for the
//! analysts, the rejected rows as a spreadsheet, the completeness table (who sent what, survey
//! response against headcount) and one feedback workbook per unit listing only its problems.
//!
//! Built from a finished load; it never reads input files nor changes a diagnostic. Personal
//! values stay masked everywhere except in a unit's own feedback, which quotes its own rows.

pub mod report;
pub mod xlsx;

use crate::diag::{Code, Diagnostic, Severity};
use crate::input::{Loaded, RejectedRow, ResponseRate};
use crate::rubric::Rubric;
use anyhow::Result;
use std::collections::BTreeMap;

/// One unit's line of the completeness table.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct UnitCompleteness {
    pub unit: String,
    pub name: Option<String>,
    /// Per dataset (rubric order): rows used and rows rejected.
    pub datasets: Vec<(String, usize, usize)>,
    pub response: Option<ResponseRate>,
    /// Below the rubric's minimum response rate.
    pub low_response: bool,
    /// Errors and warnings attributed to the unit.
    pub errors: usize,
    pub warnings: usize,
    /// Not in the unit list: its row in the unit dataset was rejected, or (with a master list)
    /// never came.
    pub pending: bool,
    /// Datasets for which the unit sent a file that could not be read.
    pub unreadable: Vec<String>,
    /// The datasets it has not sent ("belum mengirim", rubric ids) and why it is not assessed
    /// (empty: it is), from the roll.
    pub not_sent: Vec<String>,
    pub not_assessed: Vec<crate::input::NotAssessedReason>,
}

/// Where a unit stands, for the completeness table's `status` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Every dataset has a usable row.
    Complete,
    /// Assessed, but some dataset has not come ("belum mengirim").
    Incomplete,
    /// Not assessed: its unit-list row was rejected or never came.
    NotAssessed,
    /// Expected (master list), and nothing of it came at all.
    SentNothing,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Complete => "complete",
            Status::Incomplete => "incomplete",
            Status::NotAssessed => "not-assessed",
            Status::SentNothing => "sent-nothing",
        }
    }
}

impl UnitCompleteness {
    /// Where the unit stands.
    pub fn status(&self) -> Status {
        let nothing = self.datasets.iter().all(|(d, used, rejected)| {
            *used == 0 && *rejected == 0 && !self.unreadable.contains(d)
        });
        if self.pending || !self.not_assessed.is_empty() {
            if nothing {
                Status::SentNothing
            } else {
                Status::NotAssessed
            }
        } else if self.not_sent.is_empty() && self.missing().is_empty() {
            Status::Complete
        } else {
            Status::Incomplete
        }
    }

    /// Datasets with no usable row for this unit.
    pub fn missing(&self) -> Vec<&str> {
        self.datasets
            .iter()
            .filter(|(_, used, _)| *used == 0)
            .map(|(d, _, _)| d.as_str())
            .collect()
    }
}

/// The completeness table, one line per unit in the unit list.
pub fn completeness(rubric: &Rubric, loaded: &Loaded) -> Result<Vec<UnitCompleteness>> {
    let mut used: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for (ds, t) in &loaded.tables {
        for u in t.df.column("__unit")?.str()?.iter().flatten() {
            *used
                .entry((ds.as_str(), loaded_unit(loaded, u)))
                .or_insert(0) += 1;
        }
    }
    let mut rejected: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for r in &loaded.rejected {
        if let Some(u) = &r.unit {
            *rejected
                .entry((r.dataset.as_str(), loaded_unit(loaded, u)))
                .or_insert(0) += 1;
        }
    }
    let rates: Vec<ResponseRate> = match &rubric.response {
        Some(check) => crate::input::response_rates(rubric, check, &loaded.tables, &loaded.units)?,
        None => Vec::new(),
    };
    let pending: Vec<&String> = loaded.pending_units.iter().map(|(u, _)| u).collect();
    // Every expected unit has a line: with a master list, also the units that sent nothing.
    let unlisted = unlisted_expected(loaded);
    let pending: Vec<&String> = pending
        .into_iter()
        .chain(unlisted.iter().map(|(u, _)| u))
        .collect();
    Ok(loaded
        .units
        .iter()
        .chain(&loaded.pending_units)
        .chain(&unlisted)
        .map(|(u, name)| {
            let roll_unit = loaded.roll.units.iter().find(|r| &r.unit == u);
            let response = rates.iter().find(|r| &r.unit == u).cloned();
            let low = match (&response, &rubric.response) {
                (Some(r), Some(c)) => r.rate.is_some_and(|x| x < c.min_rate),
                _ => false,
            };
            let of_unit = loaded
                .diagnostics
                .iter()
                .filter(|d| d.unit.as_deref() == Some(u));
            let (mut errors, mut warnings) = (0, 0);
            for d in of_unit {
                match d.severity {
                    Severity::Error => errors += 1,
                    Severity::Warning => warnings += 1,
                    Severity::Info => {}
                }
            }
            UnitCompleteness {
                unit: u.clone(),
                name: name.clone(),
                datasets: rubric
                    .datasets
                    .iter()
                    .map(|d| {
                        let k = (d.id.as_str(), u.as_str());
                        (
                            d.id.clone(),
                            used.get(&k).copied().unwrap_or(0),
                            rejected.get(&k).copied().unwrap_or(0),
                        )
                    })
                    .collect(),
                response,
                low_response: low,
                errors,
                warnings,
                pending: pending.contains(&u),
                unreadable: loaded
                    .diagnostics
                    .iter()
                    .filter(|d| d.code == Code::UnreadableFile && d.unit.as_deref() == Some(u))
                    .filter_map(|d| d.dataset.clone())
                    .collect(),
                not_sent: roll_unit.map(|r| r.not_sent.clone()).unwrap_or_default(),
                not_assessed: roll_unit
                    .map(|r| r.not_assessed.clone())
                    .unwrap_or_default(),
            }
        })
        .collect::<Vec<_>>())
    .map(|mut v| {
        v.sort_by(|a, b| a.unit.cmp(&b.unit));
        v
    })
}

/// The roll's units that are neither in the unit list nor pending (a master-list unit whose
/// unit-list row never came).
fn unlisted_expected(loaded: &Loaded) -> Vec<(String, Option<String>)> {
    loaded
        .roll
        .units
        .iter()
        .filter(|r| {
            !loaded
                .units
                .iter()
                .chain(&loaded.pending_units)
                .any(|(u, _)| *u == r.unit)
        })
        .map(|r| (r.unit.clone(), r.name.clone()))
        .collect()
}

/// The unit id as stored in the unit list or the roll (the same string, borrowed from
/// `loaded`).
fn loaded_unit<'a>(loaded: &'a Loaded, u: &str) -> &'a str {
    loaded
        .units
        .iter()
        .chain(&loaded.pending_units)
        .map(|(id, _)| id)
        .chain(loaded.roll.units.iter().map(|r| &r.unit))
        .find(|id| *id == u)
        .map(|id| id.as_str())
        .unwrap_or("")
}

/// The diagnostics and rejected rows of one unit, for its feedback file.
pub fn of_unit<'a>(loaded: &'a Loaded, unit: &str) -> (Vec<&'a Diagnostic>, Vec<&'a RejectedRow>) {
    let diags = loaded
        .diagnostics
        .iter()
        .filter(|d| d.unit.as_deref() == Some(unit))
        // Its own unit-level notes are in the completeness part of the file.
        .filter(|d| d.code != Code::UnitWithoutData)
        .collect();
    let rows = loaded
        .rejected
        .iter()
        .filter(|r| r.unit.as_deref() == Some(unit))
        .collect();
    (diags, rows)
}
