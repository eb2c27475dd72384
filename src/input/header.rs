//! Finding a dataset's header row in a sheet: not assumed to be row 1, matched by the schema's
//! column names and aliases ignoring case, spaces, punctuation and accents; over one row or two
//! (a group label above, merged over its columns); then by similarity for a typo, never when
//! two columns are about as close.

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
    /// Header cells matched by similarity only: (sheet column, text, schema column, similarity).
    pub fuzzy: Vec<(usize, String, String, f64)>,
    /// Header cells about as close to several schema columns; not used: (sheet column, text,
    /// candidates).
    pub ambiguous: Vec<(usize, String, Vec<String>)>,
    /// How many rows the header spans (1, or 2 for a group row above the names).
    pub rows: usize,
}

impl Header {
    pub fn matched(&self) -> usize {
        self.columns.iter().filter(|c| c.is_some()).count()
    }

    /// Columns matched, then exact matches: how good a header candidate is.
    fn rank(&self) -> (usize, usize) {
        (self.matched(), self.matched() - self.fuzzy.len())
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

/// Lowercase ASCII letters and digits only, accents dropped: `Jumlah  Pegawai` →
/// `jumlahpegawai`, `Kategori Señal` → `kategorisenal`.
pub fn normalize(s: &str) -> String {
    s.chars()
        .map(strip_accent)
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// The base letter of a Latin letter with an accent (the ones Indonesian keyboards produce).
fn strip_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'A',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' => 'E',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' => 'I',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'O',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' => 'U',
        'ñ' => 'n',
        'Ñ' => 'N',
        'ç' => 'c',
        'Ç' => 'C',
        other => other,
    }
}

/// Longest text (bytes) that may be a header cell.
pub const MAX_HEADER_LEN: usize = 120;

/// Lowest similarity (0–1) for a header to be taken as a misspelt column name.
pub const FUZZY_MIN: f64 = 0.8;
/// A second column this close to the best one makes the match ambiguous.
pub const FUZZY_MARGIN: f64 = 0.05;

/// A dataset's column names and aliases, normalised once: (schema column, full, without
/// parentheses).
pub struct Names(Vec<(usize, String, String)>);

impl Names {
    pub fn of(ds: &Dataset) -> Names {
        Names(
            ds.columns
                .iter()
                .enumerate()
                .flat_map(|(i, c)| {
                    std::iter::once(c.name.as_str())
                        .chain(c.aliases.iter().map(String::as_str))
                        .map(move |n| (i, normalize(n), without_parens(n)))
                })
                .collect(),
        )
    }

    /// Which schema column a header cell names, if any.
    pub fn column_for(&self, cell: &str) -> Option<usize> {
        // No column name is that long: a long text is data (and costly to compare).
        if cell.len() > MAX_HEADER_LEN {
            return None;
        }
        let full = normalize(cell);
        if full.is_empty() {
            return None;
        }
        let short = without_parens(cell);
        self.0
            .iter()
            .find(|(_, n_full, n_short)| {
                *n_full == full || (!short.is_empty() && (*n_full == short || *n_short == short))
            })
            .map(|(i, _, _)| *i)
    }

    /// The schema columns a header cell resembles, best first: (schema column, similarity).
    pub fn similar(&self, cell: &str) -> Vec<(usize, f64)> {
        if cell.len() > MAX_HEADER_LEN {
            return Vec::new();
        }
        let full = normalize(cell);
        let short = without_parens(cell);
        if full.len() < 3 {
            return Vec::new();
        }
        let mut best: Vec<(usize, f64)> = Vec::new();
        for (i, n_full, n_short) in &self.0 {
            for n in [n_full, n_short].into_iter().filter(|n| !n.is_empty()) {
                let mut sim = strsim::normalized_damerau_levenshtein(n, &full);
                if !short.is_empty() {
                    sim = sim.max(strsim::normalized_damerau_levenshtein(n, &short));
                }
                match best.iter_mut().find(|(c, _)| c == i) {
                    Some(b) => b.1 = b.1.max(sim),
                    None => best.push((*i, sim)),
                }
            }
        }
        best.retain(|(_, s)| *s >= FUZZY_MIN - FUZZY_MARGIN);
        best.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        best
    }
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
    Names::of(ds).column_for(cell)
}

/// Map one row as a header.
pub fn map_row(ds: &Dataset, cells: &[Raw]) -> Header {
    map_row_with(ds, &Names::of(ds), cells)
}

fn map_row_with(ds: &Dataset, names: &Names, cells: &[Raw]) -> Header {
    let texts: Vec<Vec<String>> = cells
        .iter()
        .map(|c| if c.is_blank() { vec![] } else { vec![text(c)] })
        .collect();
    map_texts(ds, names, &texts)
}

/// Map header cells, each with the texts to try in order (e.g. `Pegawai`, then
/// `Jumlah Pegawai` with its group label); the first text naming a column wins, then similarity.
fn map_texts(ds: &Dataset, names: &Names, cells: &[Vec<String>]) -> Header {
    let mut columns = vec![None; ds.columns.len()];
    let mut extra = Vec::new();
    let mut duplicate = Vec::new();
    let mut unmatched = Vec::new();
    for (j, tries) in cells.iter().enumerate() {
        let Some(shown) = tries.last() else { continue };
        match tries.iter().find_map(|t| names.column_for(t)) {
            Some(i) if columns[i].is_none() => columns[i] = Some(j),
            Some(i) => duplicate.push((j, shown.clone(), ds.columns[i].name.clone())),
            None => unmatched.push((j, shown.clone(), tries.clone())),
        }
    }
    // Similarity only for what no name or alias matched, only to columns still free, and
    // only in a row that already names two columns exactly (a header, not a data row).
    let mut fuzzy = Vec::new();
    let mut ambiguous = Vec::new();
    let exact = columns.iter().filter(|c| c.is_some()).count();
    if exact < 2 {
        return Header {
            row_index: 0,
            columns,
            extra: unmatched.into_iter().map(|(j, t, _)| (j, t)).collect(),
            duplicate,
            fuzzy,
            ambiguous,
            rows: 1,
        };
    }
    for (j, shown, tries) in unmatched {
        let mut cands: Vec<(usize, f64)> = Vec::new();
        for t in &tries {
            for (i, s) in names.similar(t) {
                match cands.iter_mut().find(|(c, _)| *c == i) {
                    Some(c) => c.1 = c.1.max(s),
                    None => cands.push((i, s)),
                }
            }
        }
        cands.retain(|(i, _)| columns[*i].is_none());
        cands.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        match cands.as_slice() {
            [(i, s), rest @ ..] if *s >= FUZZY_MIN => {
                let close: Vec<&(usize, f64)> =
                    rest.iter().filter(|(_, t)| s - t < FUZZY_MARGIN).collect();
                if close.is_empty() {
                    columns[*i] = Some(j);
                    fuzzy.push((j, shown, ds.columns[*i].name.clone(), *s));
                } else {
                    let names = std::iter::once(*i)
                        .chain(close.iter().map(|(c, _)| *c))
                        .map(|c| ds.columns[c].name.clone())
                        .collect();
                    ambiguous.push((j, shown, names));
                }
            }
            _ => extra.push((j, shown)),
        }
    }
    Header {
        row_index: 0,
        columns,
        extra,
        duplicate,
        fuzzy,
        ambiguous,
        rows: 1,
    }
}

/// Rows `upper` and `lower` read as one header: a group label (merged over its columns, so
/// only its first cell has text) carried right over the columns below it.
fn map_two_rows(ds: &Dataset, names: &Names, upper: &[Raw], lower: &[Raw]) -> Header {
    let width = upper.len().max(lower.len());
    let mut group = String::new();
    let mut texts = Vec::with_capacity(width);
    for j in 0..width {
        let up = upper.get(j).filter(|c| !c.is_blank()).map(text);
        let low = lower.get(j).filter(|c| !c.is_blank()).map(text);
        match (&up, &low) {
            (Some(u), _) => group = u.clone(),
            // A blank above a blank: the merged group ends.
            (None, None) => group.clear(),
            (None, Some(_)) => {}
        }
        texts.push(match (up, low) {
            (_, Some(l)) if !group.is_empty() => vec![l.clone(), format!("{group} {l}")],
            (_, Some(l)) => vec![l],
            (Some(u), None) => vec![u],
            (None, None) => vec![],
        });
    }
    let mut h = map_texts(ds, names, &texts);
    h.rows = 2;
    h
}

/// The best header in the first rows of a sheet (most schema columns matched, exact names
/// before similar ones); a two-row header only when it matches more than either row alone.
pub fn find(ds: &Dataset, rows: &[(u32, Vec<Raw>)]) -> Option<Header> {
    let mut best: Option<Header> = None;
    let better = |h: &Header, best: &Option<Header>| match best {
        None => h.matched() > 0,
        Some(b) => h.rank() > b.rank(),
    };
    let names = Names::of(ds);
    let top: Vec<&(u32, Vec<Raw>)> = rows.iter().take(HEADER_SEARCH_ROWS).collect();
    let mut ranks = Vec::with_capacity(top.len());
    for (i, (_, cells)) in top.iter().enumerate() {
        let mut h = map_row_with(ds, &names, cells);
        ranks.push(h.rank());
        h.row_index = i;
        if better(&h, &best) {
            best = Some(h);
        }
    }
    // Two rows, directly one above the other; the data starts below the second.
    for i in 0..top.len().saturating_sub(1) {
        let (r1, upper) = top[i];
        let (r2, lower) = top[i + 1];
        if r2 != &(r1 + 1) {
            continue;
        }
        let single = ranks[i].max(ranks[i + 1]);
        let mut h = map_two_rows(ds, &names, upper, lower);
        h.row_index = i + 1;
        if h.rank() > single && better(&h, &best) {
            best = Some(h);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::{Column, ColumnType};

    fn dataset() -> Dataset {
        let r = crate::rubric::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/tiny/tiny.toml"
        )))
        .unwrap();
        let mut ds = r.dataset("infra").unwrap().clone();
        for name in ["skill_email", "skill_gmail"] {
            ds.columns.push(Column {
                name: name.into(),
                kind: ColumnType::Likert,
                required: false,
                aliases: vec![],
                min: Some(1.0),
                max: Some(5.0),
                personal: false,
                description: None,
            });
        }
        ds
    }

    fn row(cells: &[&str]) -> Vec<Raw> {
        cells.iter().map(|c| Raw::Text((*c).into())).collect()
    }

    #[test]
    fn a_typo_is_matched_with_its_similarity_but_never_between_two_columns() {
        let ds = dataset();
        let h = map_row(
            &ds,
            &row(&[
                "KODE  OPD",
                "Nama_OPD",
                "Jumlah Pegawia",
                "Skill Xmail",
                "Bandwïdth",
            ]),
        );
        assert_eq!(h.columns[0], Some(0));
        assert_eq!(h.columns[1], Some(1));
        assert_eq!(h.columns[2], Some(2));
        assert_eq!(h.fuzzy.len(), 1, "{h:?}");
        assert_eq!(h.fuzzy[0].2, "jumlah_pegawai");
        assert!(h.fuzzy[0].3 > 0.85);
        // As close to skill_email as to skill_gmail: not used, both named.
        assert_eq!(h.ambiguous.len(), 1);
        assert_eq!(h.ambiguous[0].2, vec!["skill_email", "skill_gmail"]);
        // Accents are dropped before comparing: `Bandwïdth` is `bandwidth`, an exact name.
        assert_eq!(normalize("Bandwïdth"), "bandwidth");
    }

    #[test]
    fn a_merged_group_label_over_two_rows_is_read_with_the_names_below() {
        let ds = dataset();
        let rows = vec![
            (1, row(&["Data OPD"])),
            (2, row(&["Kode OPD", "Nama OPD", "Jumlah", "", "Akses"])),
            (3, row(&["", "", "Pegawai", "Laptop Dinas", "VPN"])),
            (4, row(&["A", "Dinas A", "10", "5", "Ya"])),
        ];
        let h = find(&ds, &rows).unwrap();
        assert_eq!(h.rows, 2);
        assert_eq!(h.row_index, 2);
        assert_eq!(
            h.columns[..6],
            [Some(0), Some(1), Some(2), Some(3), None, Some(4)]
        );
        // A plain one-row header stays one row even with data right below it.
        let rows = vec![
            (1, row(&["Kode OPD", "Nama OPD", "Jumlah Pegawai"])),
            (2, row(&["A", "Dinas A", "10"])),
        ];
        let h = find(&ds, &rows).unwrap();
        assert_eq!((h.rows, h.row_index), (1, 0));
    }
}
