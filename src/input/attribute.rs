//! Attribution: say whose problem each diagnostic is (the unit of its row, else the unit of
//! most of its file's rows, else the unit its file name names), and the names of the pending units (known
//! only by a rejected row of the unit dataset) read back from their rows.
//!
//! Reads the kept raw sheets; changes nothing but the diagnostics' `unit`.

use super::cell::{self, Raw};
use super::keys::Pending;
use super::model::{Assigned, FastMap, InputFile};
use super::read::Sheet;
use super::units;
use super::{Loader, header_column};
use crate::diag::{Code, Diagnostic};
use crate::rubric::Rubric;
use std::collections::HashMap;

impl Loader<'_> {
    /// Each pending unit with its name, read from its rejected row of the unit dataset.
    pub(super) fn pending_units(&self, pending: &Pending) -> Vec<(String, Option<String>)> {
        let rubric = self.rubric;
        pending
            .values()
            .map(|(k, loc)| {
                let name = rubric.unit_name.as_ref().and_then(|n| {
                    let ds = rubric.dataset(rubric.unit_dataset.as_deref()?)?;
                    let ci = ds.columns.iter().position(|c| &c.name == n)?;
                    let j = loc.column_of(ci)?;
                    let sheet = self.assigned.iter().find(|a| {
                        self.inputs[a.file].path == loc.file && a.sheet.name == loc.sheet
                    })?;
                    let i = sheet
                        .sheet
                        .rows
                        .binary_search_by_key(&loc.row, |(r, _)| *r)
                        .ok()?;
                    sheet.sheet.rows[i]
                        .1
                        .get(j)
                        .filter(|c| !c.is_blank())
                        .map(cell::text)
                });
                (k.clone(), name)
            })
            .collect()
    }
}

/// Each data row's unit key as written, read back from the kept sheets when a diagnostic or a
/// rejected row asks: no per-row copy of every key (millions of rows at national size).
pub(super) struct RowKeys<'a> {
    /// (file, sheet) → (sheet, index of its first data row, key column).
    sheets: HashMap<(&'a str, Option<&'a str>), (&'a Sheet, usize, usize)>,
}

impl<'a> RowKeys<'a> {
    pub(super) fn new(rubric: &Rubric, assigned: &'a [Assigned], inputs: &'a [InputFile]) -> Self {
        let mut sheets = HashMap::new();
        for a in assigned {
            let Some(ds) = rubric.dataset(&a.dataset) else {
                continue;
            };
            if let Some(j) = header_column(ds, &a.header, &ds.unit_key) {
                sheets.insert(
                    (inputs[a.file].path.as_str(), a.sheet.name.as_deref()),
                    (&a.sheet, a.header.row_index + 1, j),
                );
            }
        }
        RowKeys { sheets }
    }

    /// The unit key written on this data row, if any.
    pub(super) fn key(&self, file: &str, sheet: Option<&str>, row: u32) -> Option<String> {
        let (sh, first, j) = self.sheets.get(&(file, sheet))?;
        let i = sh.rows.binary_search_by_key(&row, |(r, _)| *r).ok()?;
        if i < *first {
            return None;
        }
        sh.rows[i]
            .1
            .get(*j)
            .filter(|c| !c.is_blank())
            .map(cell::text)
    }

    /// How many data rows of each file carry each distinct unit key (as written).
    fn keys_of_files(&self) -> HashMap<&'a str, FastMap<std::borrow::Cow<'a, str>, usize>> {
        let mut out: HashMap<&str, FastMap<std::borrow::Cow<str>, usize>> = HashMap::new();
        for ((file, _), (sh, first, j)) in &self.sheets {
            let counts = out.entry(*file).or_default();
            for (_, cells) in sh.rows.iter().skip(*first) {
                let key = match cells.get(*j) {
                    Some(Raw::Text(t)) if !t.trim().is_empty() => {
                        std::borrow::Cow::Borrowed(t.trim())
                    }
                    Some(c) if !c.is_blank() => std::borrow::Cow::Owned(cell::text(c)),
                    _ => continue,
                };
                *counts.entry(key).or_default() += 1;
            }
        }
        out
    }
}

/// The unit each file belongs to, for the problems of its rows that name no known unit (a
/// blank or mistyped unit cell, a file-level problem): the unit of more than half of the file's
/// rows with a unit key (an OPD's own form with a few rows of another unit or a typo is still
/// that OPD's), else the unit its file name names; none for a file collected from many units.
pub(super) struct FileOwners {
    owner: HashMap<String, Option<String>>,
}

impl FileOwners {
    pub(super) fn new(
        row_keys: &RowKeys,
        resolve: &mut dyn FnMut(&str) -> Option<String>,
        resolver: &units::Resolver,
    ) -> Self {
        let mut owner = HashMap::new();
        for (file, keys) in row_keys.keys_of_files() {
            let keyed: usize = keys.values().sum();
            let mut per_unit: std::collections::BTreeMap<String, usize> = Default::default();
            for (raw, n) in &keys {
                if let Some(u) = resolve(raw) {
                    *per_unit.entry(u).or_default() += n;
                }
            }
            let majority = per_unit
                .into_iter()
                .find(|(_, n)| 2 * n > keyed)
                .map(|(u, _)| u);
            owner.insert(
                file.to_string(),
                majority.or_else(|| resolver.from_file_name(file)),
            );
        }
        FileOwners { owner }
    }

    /// The unit `file` belongs to. A file none of whose rows was read (unreadable, no header)
    /// is known by its name only.
    pub(super) fn of(&self, file: &str, resolver: &units::Resolver) -> Option<String> {
        match self.owner.get(file) {
            Some(u) => u.clone(),
            None => resolver.from_file_name(file),
        }
    }
}

/// A unit key resolved once per distinct key (no per-row copies: millions of rows at national
/// size).
pub(super) fn cached_resolve(
    resolver: &units::Resolver,
) -> impl FnMut(&str) -> Option<String> + '_ {
    let mut cache: FastMap<String, Option<String>> = FastMap::default();
    move |raw: &str| {
        if let Some(u) = cache.get(raw) {
            return u.clone();
        }
        let u = resolver.resolve(raw).unit().map(str::to_string);
        cache.insert(raw.to_string(), u.clone());
        u
    }
}

/// Say whose problem each diagnostic is: by the unit key of its row, else by the unit its
/// file belongs to ([`FileOwners`]).
pub(super) fn attribute(
    diags: &mut [Diagnostic],
    row_keys: &RowKeys,
    owners: &FileOwners,
    resolve: &mut dyn FnMut(&str) -> Option<String>,
    resolver: &units::Resolver,
) {
    for d in diags.iter_mut().filter(|d| d.unit.is_none()) {
        if d.code == Code::UnitWithoutData {
            d.unit = d.value.clone();
            continue;
        }
        let Some(file) = d.file.clone() else { continue };
        if let Some(row) = d.row {
            let key = row_keys.key(&file, d.sheet.as_deref(), row);
            if let Some(u) = key.and_then(|raw| resolve(&raw)) {
                d.unit = Some(u);
                continue;
            }
        }
        d.unit = owners.of(&file, resolver);
    }
}
