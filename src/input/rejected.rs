//! Rejected-row reconstruction: every row rejected while loading, at whatever stage, rebuilt
//! from the kept raw sheets with its sheet's header, which of its cells are personal, and its
//! unit, for the rejected-rows workbook and the units' feedback.
//!
//! Decides nothing: which rows were rejected is in `Track`.

use super::Loader;
use super::attribute::RowKeys;
use super::cell::{self, Raw};
use super::header::Header;
use super::model::RejectedRow;
use super::read::Sheet;
use super::units;
use std::collections::HashMap;

impl Loader<'_> {
    /// The original cells of every rejected row, with the sheet's header, in reading order.
    pub(super) fn rejected_rows(
        &self,
        row_keys: &RowKeys,
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
            let mut personal = vec![false; width];
            match (ds, header) {
                (Some(ds), Some(h)) => {
                    for (ci, c) in ds.columns.iter().enumerate() {
                        if let Some(j) = h.columns[ci] {
                            if c.personal && j < width {
                                personal[j] = true;
                            }
                        }
                    }
                }
                // No header to tell the columns apart: every cell may be personal.
                (Some(ds), None) if ds.personal => personal = vec![true; width],
                _ => {}
            }
            let unit = row_keys
                .key(file, sheet.as_deref(), *row)
                .and_then(|k| resolver.resolve(&k).unit().map(str::to_string))
                .or_else(|| resolver.from_file_name(file));
            out.push(RejectedRow {
                dataset: dataset.clone(),
                file: file.clone(),
                sheet: sheet.clone(),
                row: *row,
                header: header_text,
                cells: (0..width)
                    .map(|j| cells.get(j).map(Raw::show).unwrap_or_default())
                    .collect(),
                personal,
                unit,
            });
        }
        out
    }
}
