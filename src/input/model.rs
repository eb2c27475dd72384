//! The loader's data model: what `load` is given (`Sources`), what it returns (`Loaded`,
//! `Table`, `SourceMap`, `InputFile`, `RejectedRow`) and what stops it (`LoadError`).
//!
//! Types only, and the few methods that read them; no stage of the loading lives here.

use super::header::Header;
use super::read::{ReadError, Sheet};
use crate::diag::{Diagnostic, Location};
use polars::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use thiserror::Error;

/// Hash maps over per-row keys: foldhash (seeded per process, so no worse against
/// crafted keys than the standard one for a local tool) is several times faster than SipHash.
pub(super) type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// Where the data comes from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// A folder whose files are matched to datasets.
    pub dir: Option<PathBuf>,
    /// Explicit files: (dataset id, path).
    pub files: Vec<(String, PathBuf)>,
    /// Which row wins when two files give the same key.
    pub resubmit: Resubmit,
    /// A file that cannot be read is an `unreadable-file` error and the run goes on.
    pub keep_going: bool,
    /// The master list of units (`--units FILE`), instead of the rubric's `[units] master`.
    pub units: Option<PathBuf>,
}

/// Which of two rows with the same key (in different files) is kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Resubmit {
    /// Neither file is trusted over the other: the first row is kept, the repeat rejected.
    #[default]
    Reject,
    /// The file read later (folder order: by name, a revision such as `X (revisi).xlsx` or
    /// `X_rev2.ods` after `X`) replaces the earlier one of the same unit.
    Order,
    /// The file modified last replaces the older one of the same unit (ties: folder order).
    Date,
}

/// A row's place: (file, sheet, row).
pub(super) type RowKey = (String, Option<String>, u32);

/// Input problems that stop the run (as opposed to row diagnostics).
#[derive(Debug, Error)]
pub enum LoadError {
    #[error("cannot read the data folder {path}: {err}")]
    Dir { path: String, err: std::io::Error },
    #[error("unknown dataset `{0}` in --input (the rubric declares: {1})")]
    UnknownDataset(String, String),
    #[error("{} input file(s) could not be read:\n  {}", .0.len(), .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n  "))]
    Files(Vec<ReadError>),
    /// A derived column failed on the data, at its place in the rubric.
    #[error("{0}")]
    Derived(#[source] crate::rubric::RubricErrors),
    /// `--units FILE` could not be read.
    #[error("--units {0}: {1}")]
    Master(String, String),
    #[error("internal table error: {0}")]
    Polars(#[from] PolarsError),
}

/// One input file and what became of its rows.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct InputFile {
    pub dataset: String,
    pub path: String,
    pub sha256: String,
    pub sheets: Vec<String>,
    pub rows_read: usize,
    pub rows_used: usize,
    pub rows_rejected: usize,
}

/// A loaded dataset.
#[derive(Debug, Clone)]
pub struct Table {
    /// Columns, derived columns, `__unit`, `__row`.
    pub df: DataFrame,
    /// Source of each row, indexed by `__row`.
    pub sources: SourceMap,
}

/// Where each row of a table came from, compactly: two integers a row (sheet, row number),
/// the sheet's file name, sheet name and column map once. A `Location` is built only for the
/// rows a diagnostic names (a `Location` a row cost about 120 bytes and two allocations).
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    /// One per sheet read into the table; `row` unused.
    sheets: Vec<Location>,
    /// (index in `sheets`, row number) of each table row.
    rows: Vec<(u32, u32)>,
}

impl SourceMap {
    /// Register a sheet; its rows are then pushed with the returned index.
    pub(super) fn add_sheet(&mut self, sheet: Location) -> u32 {
        self.sheets.push(sheet);
        (self.sheets.len() - 1) as u32
    }

    pub(super) fn push(&mut self, sheet: u32, row: u32) {
        self.rows.push((sheet, row));
    }

    /// Room for `n` more rows.
    pub(super) fn reserve(&mut self, n: usize) {
        self.rows.reserve(n);
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The place of table row `i`.
    pub fn get(&self, i: usize) -> Location {
        let (sheet, row) = self.rows[i];
        let mut l = self.sheets[sheet as usize].clone();
        l.row = row;
        l
    }
}

/// Everything loaded.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub tables: BTreeMap<String, Table>,
    pub inputs: Vec<InputFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// The units, sorted by id, with their names.
    pub units: Vec<(String, Option<String>)>,
    /// Every rejected row with its original cells, in reading order.
    pub rejected: Vec<RejectedRow>,
    /// Units named only by a rejected row of the unit dataset (its one row had a bad value):
    /// not assessed, but their problems are attributed to them and they get feedback.
    pub pending_units: Vec<(String, Option<String>)>,
    /// The units that should answer, and what became of each.
    pub roll: super::roll::Roll,
}

/// A rejected row as the file had it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RejectedRow {
    pub dataset: String,
    pub file: String,
    pub sheet: Option<String>,
    pub row: u32,
    /// The sheet's header cells (column letters where unknown or blank).
    pub header: Vec<String>,
    /// The row's cells as shown in the sheet.
    pub cells: Vec<String>,
    /// Which cells hold personal data (never shown outside the unit's own feedback).
    pub personal: Vec<bool>,
    /// The unit, when its key was recognised.
    pub unit: Option<String>,
}

/// Rows followed while loading: the rejected rows.
#[derive(Default)]
pub(super) struct Track {
    pub rejected: Vec<(String, RowKey)>,
    /// Rows rejected for a bad or missing value: (dataset, unit key as written, place).
    pub bad_rows: Vec<(String, String, Location)>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == crate::diag::Severity::Error)
    }
}

/// A sheet assigned to a dataset, with its header.
pub(super) struct Assigned {
    /// Index in `Loaded::inputs`.
    pub file: usize,
    pub sheet: Sheet,
    pub dataset: String,
    pub header: Header,
}

/// A sheet meant for a dataset (by its file name) but without its (complete) header; its rows
/// are rejected, and written to the rejected rows as the file had them.
pub(super) struct Unreadable {
    pub file: String,
    pub sheet: Sheet,
    /// The dataset's header as far as it was found, when it was.
    pub header: Option<Header>,
}

/// A dataset's typed rows as a frame (schema columns, derived columns, `__row`), the source of
/// each row and the index in `Loaded::inputs` of each row's file, both by `__row`.
pub(super) struct Frame {
    pub df: DataFrame,
    pub sources: SourceMap,
    pub file_of: Vec<usize>,
}
