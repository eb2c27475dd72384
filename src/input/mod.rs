//! Loading the datasets a rubric declares: find each file's dataset (by filename pattern, else
//! by header), read and type every row, and keep a source map (file, sheet, row) for each.
//! Every row read is either used or rejected with a diagnostic; the counts are kept per file.
//!
//! Output: one polars `DataFrame` per dataset (schema columns, derived columns, `__unit` with
//! the canonical unit id, `__row` indexing the source map). No scoring happens here.
//!
//! `load` is a table of contents; each stage is one file, run on a `Loader` that owns what the
//! stages add to (diagnostics, input files, assigned sheets, rejected rows):
//! `assign` (files and sheets to datasets), `typing` (rows and cells), `derive` (frames and
//! derived columns), `keys` and `resubmit` (unit keys, repeats), `response` (survey response),
//! `attribute` (whose problem each diagnostic is), `rejected` (rejected rows as the file had
//! them). Every diagnostic's wording is in `diags`; the types are in `model`.

pub mod cell;
pub mod guard;
pub mod header;
pub mod phrase;
pub mod read;
pub mod roll;
pub mod units;

mod assign;
mod attribute;
mod derive;
mod diags;
mod keys;
mod lookalike;
mod model;
mod rejected;
mod response;
mod resubmit;
mod typing;

pub use model::{InputFile, LoadError, Loaded, RejectedRow, Resubmit, SourceMap, Sources, Table};
pub use response::{ResponseRate, response_rates};
pub use roll::{NotAssessedReason, Roll, RollUnit};
// Kept for the callers in `quality/` (another branch) until they import `crate::text`.

use crate::diag::{Diagnostic, Location};
use crate::rubric::{Dataset, Rubric};
use header::Header;
use model::{Assigned, Track, Unreadable};
use std::collections::HashMap;

/// Load every dataset of `rubric` from `sources`.
pub fn load(rubric: &Rubric, sources: &Sources) -> Result<Loaded, LoadError> {
    let mut loader = Loader::new(rubric, sources);
    let files = loader.files()?;
    loader.assign(files)?;
    let builders = loader.type_all();
    let frames = loader.frames(builders)?;
    let raw_units = keys::unit_list(rubric, &frames)?;
    // A unit id that looks personal (an NIP typed as the unit code) is known by a mask only;
    // the key as written still finds it.
    let (units, renames) = units::mask_units(raw_units.clone());
    let masked = |list: &[(String, Option<String>)]| {
        let mut r = units::Resolver::new(list);
        for (raw, m) in &renames {
            r.rename(raw, m);
        }
        r
    };
    let resolver = masked(&raw_units);
    let pending = loader.pending(&resolver);
    let tables = loader.check_keys(frames, &units, &resolver, &pending)?;
    for i in &mut loader.inputs {
        i.rows_used = i.rows_read - i.rows_rejected;
    }
    loader.low_response(&tables, &units)?;
    // Problems are attributed to pending units too, so they reach them.
    let pending_units = loader.pending_units(&pending);
    let everyone = masked(
        &raw_units
            .iter()
            .cloned()
            .chain(pending_units.iter().cloned())
            .collect::<Vec<_>>(),
    );
    let row_keys = attribute::RowKeys::new(rubric, &loader.assigned, &loader.inputs);
    attribute::attribute(&mut loader.diags, &row_keys, &everyone);
    let rejected = loader.rejected_rows(&row_keys, &everyone);
    drop(row_keys);
    let roll = roll::build(
        rubric,
        &tables,
        &units,
        &pending_units,
        &rejected,
        &loader.diags,
    );
    Ok(Loaded {
        roll,
        tables,
        inputs: loader.inputs,
        diagnostics: loader.diags,
        units,
        rejected,
        pending_units,
    })
}

/// The state of one `load`: the rubric and sources, and what the stages add to.
struct Loader<'r> {
    rubric: &'r Rubric,
    sources: &'r Sources,
    /// Every data diagnostic, in the order found.
    diags: Vec<Diagnostic>,
    /// One entry per (file, dataset) given rows.
    inputs: Vec<InputFile>,
    /// The sheets read as a dataset, with their header.
    assigned: Vec<Assigned>,
    /// The sheets meant for a dataset but without its (complete) header.
    unreadable: Vec<Unreadable>,
    /// The rows rejected so far.
    track: Track,
    /// When each file was last modified, for `--resubmit date`.
    file_time: HashMap<String, std::time::SystemTime>,
}

impl<'r> Loader<'r> {
    fn new(rubric: &'r Rubric, sources: &'r Sources) -> Self {
        Loader {
            rubric,
            sources,
            diags: Vec::new(),
            inputs: Vec::new(),
            assigned: Vec::new(),
            unreadable: Vec::new(),
            track: Track::default(),
            file_time: HashMap::new(),
        }
    }
}

/// The index of schema column `name` in `ds`.
fn schema_index(ds: &Dataset, name: &str) -> Option<usize> {
    ds.columns.iter().position(|c| c.name == name)
}

/// The sheet column holding schema column `name`, by a sheet's header.
fn header_column(ds: &Dataset, header: &Header, name: &str) -> Option<usize> {
    schema_index(ds, name).and_then(|i| header.columns[i])
}

/// The sheet column holding schema column `name`, by a row's place.
fn key_column(ds: &Dataset, src: &Location, name: &str) -> Option<usize> {
    schema_index(ds, name).and_then(|i| src.column_of(i))
}
