//! Rejected-row reconstruction: every row rejected while loading, at whatever stage, rebuilt
//! from the kept raw sheets with its sheet's header, which of its cells are personal, and its
//! unit, for the rejected-rows workbook and the units' feedback.
//!
//! Decides nothing: which rows were rejected is in `Track`.

use super::Loader;
use super::attribute::{FileOwners, RowKeys};
use super::cell::{self, Raw};
use super::header::Header;
use super::model::RejectedRow;
use super::read::Sheet;
use super::units;
use crate::rubric::Dataset;
use crate::text;
use std::collections::HashMap;

impl Loader<'_> {
    /// The original cells of every rejected row, with the sheet's header, in reading order.
    pub(super) fn rejected_rows(
        &self,
        row_keys: &RowKeys,
        owners: &FileOwners,
        resolve: &mut dyn FnMut(&str) -> Option<String>,
        resolver: &units::Resolver,
    ) -> Vec<RejectedRow> {
        let rubric = self.rubric;
        // (file, sheet) → (sheet, header)
        let mut sheets: HashMap<(&str, &Option<String>), (&Sheet, Option<&Header>)> =
            HashMap::new();
        for a in &self.assigned {
            sheets.insert(
                (self.inputs[a.file].path.as_str(), &a.sheet.name),
                (&a.sheet, Some(&a.header)),
            );
        }
        for u in &self.unreadable {
            sheets.insert(
                (u.file.as_str(), &u.sheet.name),
                (&u.sheet, u.header.as_ref()),
            );
        }
        let mut out = Vec::with_capacity(self.track.rejected.len());
        for (dataset, (file, sheet, row)) in &self.track.rejected {
            let Some((sh, header)) = sheets.get(&(file.as_str(), sheet)).copied() else {
                continue;
            };
            let ds = rubric.dataset(dataset);
            let cells: Vec<Raw> = sh
                .rows
                .binary_search_by_key(row, |(r, _)| *r)
                .ok()
                .map(|i| sh.rows[i].1.clone())
                .unwrap_or_default();
            let header_cells: Vec<Raw> = header
                .map(|h| sh.rows[h.row_index].1.clone())
                .unwrap_or_default();
            let width = cells.len().max(header_cells.len());
            let header_text: Vec<String> = (0..width)
                .map(|j| match header_cells.get(j) {
                    Some(c) if !c.is_blank() => cell::text(c),
                    _ => crate::diag::column_letter(j),
                })
                .collect();
            let shown: Vec<String> = (0..width)
                .map(|j| cells.get(j).map(Raw::show).unwrap_or_default())
                .collect();
            let personal = personal_cells(ds, header, &header_text, &shown);
            let unit = row_keys
                .key(file, sheet.as_deref(), *row)
                .and_then(|k| resolve(&k))
                .or_else(|| owners.of(file, resolver));
            out.push(RejectedRow {
                dataset: dataset.clone(),
                file: file.clone(),
                sheet: sheet.clone(),
                row: *row,
                header: header_text,
                cells: shown,
                personal,
                unit,
            });
        }
        out
    }
}

/// Which cells of a rejected row the bureau must not see. In a personal dataset (a staff
/// survey) only the declared, non-personal columns are shown; without a header to tell the
/// columns apart, nothing is. In any dataset, declared personal columns, undeclared columns whose
/// header asks for something personal (`Nama`, `No. HP`, `E-mail`), and every value that looks
/// like an NIP, NIK, e-mail or phone number — or, in the unit-key column, a person's name — are
/// hidden.
fn personal_cells(
    ds: Option<&Dataset>,
    header: Option<&Header>,
    header_text: &[String],
    cells: &[String],
) -> Vec<bool> {
    let width = cells.len();
    let Some(ds) = ds else {
        return cells.iter().map(|c| text::mentions_personal(c)).collect();
    };
    let Some(h) = header else {
        return cells
            .iter()
            .map(|c| ds.personal || text::mentions_personal(c))
            .collect();
    };
    // Sheet column → the schema column it holds.
    let mut declared: Vec<Option<&crate::rubric::Column>> = vec![None; width];
    for (ci, c) in ds.columns.iter().enumerate() {
        if let Some(j) = h.columns[ci].filter(|j| *j < width) {
            declared[j] = Some(c);
        }
    }
    (0..width)
        .map(|j| {
            let v = &cells[j];
            let by_column = match declared[j] {
                Some(c) => c.personal,
                None => ds.personal || header_text.get(j).is_some_and(|h| text::personal_header(h)),
            };
            let is_key = declared[j].is_some_and(|c| c.name == ds.unit_key);
            by_column || text::mentions_personal(v) || (is_key && text::name_like(v))
        })
        .collect()
}
