//! Finding a dataset's header row in a sheet: not assumed to be row 1, matched by the schema's
//! column names and aliases ignoring case, spaces and punctuation.

use super::cell::{Raw, text};
use crate::rubric::Dataset;

/// How many rows from the top are searched for the header.
pub const HEADER_SEARCH_ROWS: usize = 30;

/// A header found in a sheet.
#[derive(Debug, Clone)]
pub struct Header {
    /// Index into the sheet's rows of the header row.
    pub row_index: usize,
    /// For each schema column (by index), the sheet column index holding it.
    pub columns: Vec<Option<usize>>,
    /// Header cells that matched no schema column: (sheet column, text).
    pub extra: Vec<(usize, String)>,
    /// Header cells naming a column already matched: (sheet column, text, schema column).
    pub duplicate: Vec<(usize, String, String)>,
}

impl Header {
    pub fn matched(&self) -> usize {
        self.columns.iter().filter(|c| c.is_some()).count()
    }

    /// Required schema columns that are absent.
    pub fn missing_required<'a>(&self, ds: &'a Dataset) -> Vec<&'a str> {
        ds.columns
            .iter()
            .zip(&self.columns)
            .filter(|(c, m)| c.required && m.is_none())
            .map(|(c, _)| c.name.as_str())
            .collect()
    }
}

/// Lowercase letters and digits only: `Jumlah  Pegawai` → `jumlahpegawai`.
pub fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// The same without any parenthesised part: `Bandwidth (Mbps)` → `bandwidth`.
fn without_parens(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    normalize(&out)
}

/// Which schema column a header cell names, if any.
pub fn column_for(ds: &Dataset, cell: &str) -> Option<usize> {
    let full = normalize(cell);
    if full.is_empty() {
        return None;
    }
    let short = without_parens(cell);
    ds.columns.iter().position(|c| {
        std::iter::once(c.name.as_str())
            .chain(c.aliases.iter().map(String::as_str))
            .any(|n| {
                let n_full = normalize(n);
                n_full == full
                    || (!short.is_empty() && (n_full == short || without_parens(n) == short))
            })
    })
}

/// Map one row as a header.
pub fn map_row(ds: &Dataset, cells: &[Raw]) -> Header {
    let mut columns = vec![None; ds.columns.len()];
    let mut extra = Vec::new();
    let mut duplicate = Vec::new();
    for (j, cell) in cells.iter().enumerate() {
        if cell.is_blank() {
            continue;
        }
        let t = text(cell);
        match column_for(ds, &t) {
            Some(i) if columns[i].is_none() => columns[i] = Some(j),
            Some(i) => duplicate.push((j, t, ds.columns[i].name.clone())),
            None => extra.push((j, t)),
        }
    }
    Header {
        row_index: 0,
        columns,
        extra,
        duplicate,
    }
}

/// The best header row in the first rows of a sheet (most schema columns matched).
pub fn find(ds: &Dataset, rows: &[(u32, Vec<Raw>)]) -> Option<Header> {
    let mut best: Option<Header> = None;
    for (i, (_, cells)) in rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let mut h = map_row(ds, cells);
        h.row_index = i;
        if h.matched() > best.as_ref().map(|b| b.matched()).unwrap_or(0) {
            best = Some(h);
        }
    }
    best
}
