//! Attribution: say whose problem each diagnostic is (the unit of its row, else the only unit
//! of its file, else the unit its file name names), and the names of the pending units (known
//! only by a rejected row of the unit dataset) read back from their rows.
//!
//! Reads the kept raw sheets; changes nothing but the diagnostics' `unit`.

use super::cell::{self, Raw};
use super::keys::Pending;
use super::model::{Assigned, FastMap, FastSet, InputFile};
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

    /// The distinct unit keys written in each file.
    fn keys_of_files(&self) -> HashMap<&'a str, FastSet<std::borrow::Cow<'a, str>>> {
        let mut out: HashMap<&str, FastSet<std::borrow::Cow<str>>> = HashMap::new();
        for ((file, _), (sh, first, j)) in &self.sheets {
            let set = out.entry(*file).or_default();
            for (_, cells) in sh.rows.iter().skip(*first) {
                match cells.get(*j) {
                    Some(Raw::Text(t)) if !t.trim().is_empty() => {
                        set.insert(std::borrow::Cow::Borrowed(t.trim()));
                    }
                    Some(c) if !c.is_blank() => {
                        set.insert(std::borrow::Cow::Owned(cell::text(c)));
                    }
                    _ => {}
                }
            }
        }
        out
    }
}

/// Say whose problem each diagnostic is: by the unit key of its row, else by the only unit of
/// its file (a file-level problem in a one-unit file).
pub(super) fn attribute(diags: &mut [Diagnostic], row_keys: &RowKeys, resolver: &units::Resolver) {
    // Each distinct key is resolved once; no per-row copies (millions of rows at national size).
    let mut cache: FastMap<String, Option<String>> = FastMap::default();
    let mut resolve = |raw: &str| -> Option<String> {
        if let Some(u) = cache.get(raw) {
            return u.clone();
        }
        let u = resolver.resolve(raw).unit().map(str::to_string);
        cache.insert(raw.to_string(), u.clone());
        u
    };
    let keys_of_file = row_keys.keys_of_files();
    let units_of_file: HashMap<&str, std::collections::BTreeSet<String>> = keys_of_file
        .iter()
        .map(|(f, raws)| (*f, raws.iter().filter_map(|r| resolve(r)).collect()))
        .collect();
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
        d.unit = match units_of_file.get(file.as_str()) {
            Some(us) if us.len() == 1 => us.iter().next().cloned(),
            Some(_) => None,
            // No row told whose file it is (unreadable, no header): its name may.
            None => resolver.from_file_name(&file),
        };
    }
}
