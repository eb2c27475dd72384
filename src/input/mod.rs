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
mod coverage;
mod derive;
mod diags;
mod keys;
mod lookalike;
mod model;
mod rejected;
mod response;
mod resubmit;
mod scored;
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
    let master = loader.master()?;
    let files = loader.files()?;
    loader.assign(files)?;
    let builders = loader.type_all();
    let frames = loader.frames(builders)?;
    let raw_units = keys::unit_list(rubric, &frames)?;
    // With a master list, a unit-list code written another way (`OPD 3`, `opd-06`) is the
    // master's unit: the row keeps its key as written and resolves to it.
    let raw_units = match &master {
        Some(m) => to_master_codes(raw_units, m),
        None => raw_units,
    };
    // A unit id that looks personal (an NIP typed as the unit code) is known by a mask only;
    // the key as written still finds it.
    let (units, renames) = units::mask_units(raw_units.clone());
    let masked = |list: &[(String, Option<String>)]| {
        let mut r = units::Resolver::new(list);
        // A unit goes by its master-list name too (the survey may name it either way).
        for (c, n, _) in master.iter().flatten() {
            if let (Some(n), Some((u, _))) = (
                n,
                list.iter()
                    .find(|(u, _)| units::fold_key(u) == units::fold_key(c)),
            ) {
                r.add_name(u, n);
            }
        }
        for (raw, m) in &renames {
            r.rename(raw, m);
        }
        r
    };
    // The master list's units are known even when their unit-list row was rejected.
    let master_only: Vec<(String, Option<String>)> = master
        .iter()
        .flatten()
        .filter(|(c, _, _)| {
            !raw_units
                .iter()
                .any(|(u, _)| units::fold_key(u) == units::fold_key(c))
        })
        .map(|(c, n, _)| (c.clone(), n.clone()))
        .collect();
    let known: Vec<(String, Option<String>)> = raw_units
        .iter()
        .cloned()
        .chain(master_only.iter().cloned())
        .collect();
    let resolver = masked(&known);
    let pending = loader.pending(&resolver);
    let tables = loader.check_keys(frames, &units, &resolver, &pending)?;
    for i in &mut loader.inputs {
        i.rows_used = i.rows_read - i.rows_rejected;
    }
    loader.low_response(&tables, &units)?;
    loader.low_coverage(&tables)?;
    // Problems are attributed to pending units too, so they reach them.
    let pending_units = loader.pending_units(&pending);
    let everyone = masked(
        &known
            .iter()
            .cloned()
            .chain(pending_units.iter().cloned())
            .collect::<Vec<_>>(),
    );
    if let Some(m) = &master {
        loader.unlisted(&tables, &units, m)?;
    }
    let roll = loader.roll(
        master.as_deref(),
        &tables,
        &units,
        &pending_units,
        &everyone,
    )?;
    let row_keys = attribute::RowKeys::new(rubric, &loader.assigned, &loader.inputs);
    let mut resolve = attribute::cached_resolve(&everyone);
    let owners = attribute::FileOwners::new(&row_keys, &mut resolve, &everyone);
    attribute::attribute(
        &mut loader.diags,
        &row_keys,
        &owners,
        &mut resolve,
        &everyone,
    );
    let rejected = loader.rejected_rows(&row_keys, &owners, &mut resolve, &everyone);
    drop(row_keys);
    Ok(Loaded {
        tables,
        inputs: loader.inputs,
        diagnostics: loader.diags,
        units,
        rejected,
        pending_units,
        roll,
    })
}

/// A master-list unit: (code, name, kind).
type MasterEntry = (String, Option<String>, Option<String>);

/// The unit list with each code that is a master code written another way (case, spaces,
/// leading zeros: `OPD 3` for `OPD-03`) replaced by the master's code; other codes as they are
/// (they become `unlisted-unit`). A name is never enough here: two units of the unit list must
/// not become one.
fn to_master_codes(
    list: Vec<(String, Option<String>)>,
    master: &[MasterEntry],
) -> Vec<(String, Option<String>)> {
    let codes: Vec<(String, Option<String>)> = master
        .iter()
        .map(|(c, n, _)| (c.clone(), n.clone()))
        .collect();
    let r = units::Resolver::new(&codes);
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(list.len());
    for (code, name) in list {
        let code = match r.resolve(&code) {
            units::Resolved::Code(u) | units::Resolved::CodeVariant(u) => u,
            _ => code,
        };
        if seen.insert(units::fold_key(&code)) {
            out.push((code, name));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

impl Loader<'_> {
    /// Read the master list of units, when there is one (`--units FILE`, or the data folder's
    /// files matching `[units] master`). `--units FILE` that cannot be read stops the run.
    fn master(&mut self) -> Result<Option<Vec<MasterEntry>>, LoadError> {
        let files = self.master_files()?;
        if files.is_empty() {
            return Ok(None);
        }
        let mut all: Vec<MasterEntry> = Vec::new();
        for p in files {
            let shown = p.display().to_string();
            let sheets = match read::read_file(&p) {
                Ok(s) => s,
                Err(e) if self.sources.units.is_some() => {
                    return Err(LoadError::Master(shown, e.to_string()));
                }
                Err(e) => {
                    self.diags.push(diags::unreadable_file(&shown, &e, None));
                    continue;
                }
            };
            let (found, problems) = roll::read_master(&shown, &sheets);
            self.diags.extend(problems);
            for u in found {
                if !all
                    .iter()
                    .any(|(c, _, _)| units::fold_key(c) == units::fold_key(&u.code))
                {
                    all.push((u.code, u.name, u.kind));
                }
            }
        }
        Ok((!all.is_empty()).then_some(all))
    }

    /// An `unlisted-unit` warning for each unit-list unit the master list does not have, at
    /// its unit-list row.
    fn unlisted(
        &mut self,
        tables: &std::collections::BTreeMap<String, Table>,
        units: &[(String, Option<String>)],
        master: &[MasterEntry],
    ) -> Result<(), LoadError> {
        let Some(ud) = self.rubric.unit_dataset.as_deref() else {
            return Ok(());
        };
        let Some(t) = tables.get(ud) else {
            return Ok(());
        };
        let us = t.df.column("__unit")?.str()?.clone();
        let rows = t.df.column("__row")?.u32()?.clone();
        let ds = self.rubric.dataset(ud).expect("unit dataset");
        for (u, _) in units {
            if master
                .iter()
                .any(|(c, _, _)| units::fold_key(c) == units::fold_key(u))
            {
                continue;
            }
            let Some(i) = us.iter().position(|x| x == Some(u.as_str())) else {
                continue;
            };
            let at = t.sources.get(rows.get(i).unwrap_or(0) as usize);
            let col = key_column(ds, &at, &ds.unit_key);
            self.diags.push(diags::unlisted_unit(ud, &at, col, u));
        }
        Ok(())
    }

    /// The roll of expected units (see `roll`).
    fn roll(
        &self,
        master: Option<&[MasterEntry]>,
        tables: &std::collections::BTreeMap<String, Table>,
        units: &[(String, Option<String>)],
        pending: &[(String, Option<String>)],
        resolver: &units::Resolver,
    ) -> Result<Roll, LoadError> {
        use crate::diag::{Code, Severity};
        let mut present: HashMap<&str, std::collections::HashSet<String>> = HashMap::new();
        for (id, t) in tables {
            let set = present.entry(id.as_str()).or_default();
            for u in t.df.column("__unit")?.str()?.iter().flatten() {
                set.insert(u.to_string());
            }
        }
        let has = |d: &str, u: &str| present.get(d).is_some_and(|s| s.contains(u));
        let ud = self.rubric.unit_dataset.as_deref();
        let mut rejected = Vec::new();
        let mut unread = Vec::new();
        if let Some(ud) = ud {
            for (ds, key, at) in &self.track.bad_rows {
                if ds != ud {
                    continue;
                }
                let unit = resolver
                    .resolve(key)
                    .unit()
                    .map(str::to_string)
                    .or_else(|| {
                        pending
                            .iter()
                            .find(|(p, _)| units::fold_key(p) == units::fold_key(key))
                            .map(|(p, _)| p.clone())
                    });
                let Some(unit) = unit else { continue };
                let code = self
                    .diags
                    .iter()
                    .find(|d| {
                        d.severity == Severity::Error
                            && d.file.as_deref() == Some(at.file.as_str())
                            && d.sheet == at.sheet
                            && d.row == Some(at.row)
                    })
                    .map(|d| d.code.to_string())
                    .unwrap_or_else(|| Code::MissingValue.to_string());
                rejected.push((unit, at.clone(), code));
            }
            for d in &self.diags {
                let whole = matches!(d.code, Code::MissingColumn | Code::UnreadableFile);
                if !whole || d.severity != Severity::Error || d.dataset.as_deref() != Some(ud) {
                    continue;
                }
                let Some(file) = &d.file else { continue };
                let Some(unit) = resolver.from_file_name(file) else {
                    continue;
                };
                let code = (d.code != Code::UnreadableFile).then(|| d.code.to_string());
                unread.push((unit, file.clone(), d.sheet.clone(), code));
            }
        }
        let seen = roll::Seen {
            datasets: self.rubric.datasets.iter().map(|d| d.id.as_str()).collect(),
            unit_dataset: ud,
            present: &has,
            listed: units,
            rejected,
            unread,
        };
        Ok(roll::build(master, pending, &seen))
    }
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
