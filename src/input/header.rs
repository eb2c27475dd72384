//! Finding a dataset's header row in a sheet: not assumed to be row 1, matched by the schema's
//! column names, aliases and form questions ignoring case, spaces, punctuation and accents; over
//! one row or two (a group label above, merged over its columns). What no name matches exactly
//! is inferred, in order: equal after `phrase::words` (unit, year, question and filler words
//! dropped); a `Kode/Nama …` slash naming two columns (ambiguous); containing a column's phrase
//! as whole words (the longest phrase wins; a tie is ambiguous); then by similarity for a typo.
//! It never guesses between two columns: those stay unused, with the candidates.

use super::cell::{Raw, text};
use super::phrase;
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
    /// Header cells read as a column by normalising or containing its phrase: (sheet column,
    /// text, schema column, how).
    pub inferred: Vec<(usize, String, String, Inference)>,
    /// How many rows the header spans (1, or 2 for a group row above the names).
    pub rows: usize,
}

impl Header {
    pub fn matched(&self) -> usize {
        self.columns.iter().filter(|c| c.is_some()).count()
    }

    /// Columns matched, then exact matches: how good a header candidate is.
    fn rank(&self) -> (usize, usize) {
        (
            self.matched(),
            self.matched() - self.fuzzy.len() - self.inferred.len(),
        )
    }

    /// The header's text over sheet column `j` (its rows joined by a space).
    pub fn text_of(&self, sheet: &super::read::Sheet, j: usize) -> String {
        let first = self.row_index + 1 - self.rows.max(1);
        (first..=self.row_index)
            .filter_map(|i| sheet.rows.get(i).and_then(|(_, c)| c.get(j)))
            .filter(|c| !c.is_blank())
            .map(text)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A hidden column naming a field that a visible column names too (last year's figures
    /// hidden beside this year's) gives way to it: the visible one is read, the hidden one
    /// becomes the repeat. How the field was recognised (inferred, similar) moves with it.
    pub fn prefer_visible(&mut self, ds: &Dataset, sheet: &super::read::Sheet) {
        let hidden = &sheet.hidden_columns;
        if hidden.is_empty() {
            return;
        }
        let is_hidden = |j: usize| hidden.binary_search(&(j as u32)).is_ok();
        for (ci, col) in ds.columns.iter().enumerate() {
            let Some(j) = self.columns[ci].filter(|j| is_hidden(*j)) else {
                continue;
            };
            let Some(k) = self
                .duplicate
                .iter()
                .position(|(d, _, name)| name == &col.name && !is_hidden(*d))
            else {
                continue;
            };
            let (d, shown, name) = self.duplicate.remove(k);
            self.columns[ci] = Some(d);
            for e in self.inferred.iter_mut().filter(|e| e.0 == j) {
                (e.0, e.1) = (d, shown.clone());
            }
            for e in self.fuzzy.iter_mut().filter(|e| e.0 == j) {
                (e.0, e.1) = (d, shown.clone());
            }
            self.duplicate.push((j, self.text_of(sheet, j), name));
            self.duplicate.sort_by_key(|e| e.0);
        }
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
pub(super) fn strip_accent(c: char) -> char {
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
pub const MAX_HEADER_LEN: usize = 250;

/// Lowest similarity (0–1) for a header to be taken as a misspelt column name.
pub const FUZZY_MIN: f64 = 0.8;
/// A second column this close to the best one makes the match ambiguous.
pub const FUZZY_MARGIN: f64 = 0.05;

/// How a header cell was read as a column when no name matched it exactly.
#[derive(Debug, Clone, PartialEq)]
pub enum Inference {
    /// Equal to a name, alias or question once units, years, question and filler words are
    /// dropped (`phrase::words`).
    Normalised,
    /// Contains the column's phrase (shown) as whole words.
    Contained(String),
}

/// What a header cell names.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    Exact(usize),
    Inferred(usize, Inference),
    /// Fits several columns equally: not used.
    Ambiguous(Vec<usize>),
}

/// One name, alias or question of a schema column, normalised once.
struct Entry {
    column: usize,
    full: String,
    short: String,
    words: Vec<String>,
    /// The column's own name (a one-word name may be contained; a one-word alias may not).
    is_name: bool,
    /// A form question: matched only whole.
    is_question: bool,
}

/// A dataset's column names, aliases and questions, normalised once.
pub struct Names(Vec<Entry>);

impl Names {
    pub fn of(ds: &Dataset) -> Names {
        let mut v = Vec::new();
        for (i, c) in ds.columns.iter().enumerate() {
            let names = std::iter::once((c.name.as_str(), true, false))
                .chain(c.aliases.iter().map(|a| (a.as_str(), false, false)))
                .chain(c.question.iter().map(|q| (q.as_str(), false, true)));
            for (n, is_name, is_question) in names {
                v.push(Entry {
                    column: i,
                    full: normalize(n),
                    short: without_parens(n),
                    words: phrase::words(n),
                    is_name,
                    is_question,
                });
            }
        }
        Names(v)
    }

    /// Which schema column a header cell names exactly (a form question compared after
    /// `phrase::words`), if any.
    pub fn column_for(&self, cell: &str) -> Option<usize> {
        // No column name is that long: a long text is data (and costly to compare).
        if cell.len() > MAX_HEADER_LEN {
            return None;
        }
        let full = normalize(cell);
        if full.is_empty() {
            return None;
        }
        let words = phrase::words(cell);
        if let Some(e) = self
            .0
            .iter()
            .find(|e| e.is_question && !words.is_empty() && e.words == words)
        {
            return Some(e.column);
        }
        let short = without_parens(cell);
        self.0
            .iter()
            .filter(|e| !e.is_question)
            .find(|e| {
                e.full == full || (!short.is_empty() && (e.full == short || e.short == short))
            })
            .map(|e| e.column)
    }

    /// What a header cell names: exactly, else inferred (normalised, a slash naming two
    /// columns, contained), else nothing.
    pub fn lookup(&self, cell: &str) -> Option<Found> {
        if let Some(i) = self.column_for(cell) {
            return Some(Found::Exact(i));
        }
        self.infer(cell)
    }

    /// The inferred part of `lookup`.
    pub fn infer(&self, cell: &str) -> Option<Found> {
        if cell.len() > MAX_HEADER_LEN {
            return None;
        }
        let words = phrase::words(cell);
        if words.is_empty() {
            return None;
        }
        let one_or_all = |mut cols: Vec<usize>, how: Inference| {
            cols.sort_unstable();
            cols.dedup();
            match cols.as_slice() {
                [] => None,
                [i] => Some(Found::Inferred(*i, how)),
                _ => Some(Found::Ambiguous(cols)),
            }
        };
        // Equal once normalised.
        let equal: Vec<usize> = self
            .0
            .iter()
            .filter(|e| e.words == words)
            .map(|e| e.column)
            .collect();
        if let Some(f) = one_or_all(equal, Inference::Normalised) {
            return Some(f);
        }
        // `Kode/Nama Perangkat Daerah`: each side of the slash names a different column.
        if let Some(cols) = self.slash(cell) {
            return Some(Found::Ambiguous(cols));
        }
        // Containing a phrase: two words or more, or the column's own one-word name.
        let mut best: Vec<(usize, usize, &Entry)> = Vec::new();
        for e in &self.0 {
            if e.is_question || e.words.len() >= words.len() {
                continue;
            }
            if e.words.len() < 2 && !e.is_name {
                continue;
            }
            if phrase::find(&words, &e.words).is_none() {
                continue;
            }
            let n = e.words.len();
            match best.first().map(|b| b.1) {
                Some(m) if n < m => {}
                Some(m) if n > m => best = vec![(e.column, n, e)],
                _ => best.push((e.column, n, e)),
            }
        }
        let how = best
            .first()
            .map(|b| Inference::Contained(b.2.words.join(" ")))?;
        one_or_all(best.iter().map(|b| b.0).collect(), how)
    }

    /// The columns named by the two sides of a slash between two words (`Kode/Nama OPD` read
    /// as `Kode OPD` and as `Nama OPD`), when they are two different columns.
    fn slash(&self, cell: &str) -> Option<Vec<usize>> {
        let (left, right) = cell.split_once('/')?;
        let before: Vec<&str> = left.split_whitespace().collect();
        let after: Vec<&str> = right.split_whitespace().collect();
        let (a, head) = before.split_last()?;
        let (b, tail) = after.split_first()?;
        let side = |w: &str| {
            let t = [head.join(" "), w.to_string(), tail.join(" ")].join(" ");
            let ws = phrase::words(&t);
            self.column_for(&t)
                .or_else(|| self.0.iter().find(|e| e.words == ws).map(|e| e.column))
        };
        match (side(a), side(b)) {
            (Some(x), Some(y)) if x != y => Some(vec![x.min(y), x.max(y)]),
            _ => None,
        }
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
        // Also once normalised: `Jumlah Pegawia 2025` is compared as `jumlahpegawia`.
        let words = phrase::words(cell).concat();
        let mut best: Vec<(usize, f64)> = Vec::new();
        for e in self.0.iter().filter(|e| !e.is_question) {
            let i = &e.column;
            for n in [&e.full, &e.short].into_iter().filter(|n| !n.is_empty()) {
                let mut sim = strsim::normalized_damerau_levenshtein(n, &full);
                if !short.is_empty() {
                    sim = sim.max(strsim::normalized_damerau_levenshtein(n, &short));
                }
                match best.iter_mut().find(|(c, _)| c == i) {
                    Some(b) => b.1 = b.1.max(sim),
                    None => best.push((*i, sim)),
                }
            }
            let ew = e.words.concat();
            if words.len() >= 3 && !ew.is_empty() {
                let sim = strsim::normalized_damerau_levenshtein(&ew, &words);
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
    let mut inferred = Vec::new();
    let mut ambiguous = Vec::new();
    // Exact names first, over the whole row, so that an inferred header never takes a column
    // another header names exactly.
    let mut rest = Vec::new();
    for (j, tries) in cells.iter().enumerate() {
        let Some(shown) = tries.last() else { continue };
        match tries.iter().find_map(|t| names.column_for(t)) {
            Some(i) if columns[i].is_none() => columns[i] = Some(j),
            Some(i) => duplicate.push((j, shown.clone(), ds.columns[i].name.clone())),
            None => rest.push((j, shown.clone(), tries.clone())),
        }
    }
    let mut unmatched = Vec::new();
    for (j, shown, tries) in rest {
        match tries.iter().find_map(|t| names.infer(t)) {
            Some(Found::Inferred(i, how)) if columns[i].is_none() => {
                columns[i] = Some(j);
                inferred.push((j, shown, ds.columns[i].name.clone(), how));
            }
            Some(Found::Inferred(i, _) | Found::Exact(i)) => {
                duplicate.push((j, shown, ds.columns[i].name.clone()))
            }
            Some(Found::Ambiguous(cols)) => ambiguous.push((
                j,
                shown,
                cols.iter().map(|c| ds.columns[*c].name.clone()).collect(),
            )),
            None => unmatched.push((j, shown, tries)),
        }
    }
    // Similarity only for what no name or alias matched, only to columns still free, and
    // only in a row that already names two columns exactly (a header, not a data row).
    let mut fuzzy = Vec::new();
    let exact = columns.iter().filter(|c| c.is_some()).count();
    if exact < 2 {
        return Header {
            row_index: 0,
            columns,
            extra: unmatched.into_iter().map(|(j, t, _)| (j, t)).collect(),
            duplicate,
            fuzzy,
            ambiguous,
            inferred,
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
        inferred,
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
                question: vec![],
                form: Default::default(),
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
        // A typo with a year or a unit: compared once normalised too.
        let h = map_row(&ds, &row(&["Kode OPD", "Nama OPD", "Jumlah Pegawia 2025"]));
        assert_eq!(h.fuzzy.len(), 1, "{h:?}");
        assert_eq!(h.fuzzy[0].2, "jumlah_pegawai");
        // Still not a typo: far from every name.
        let h = map_row(&ds, &row(&["Kode OPD", "Nama OPD", "Jumlah Ruangan 2025"]));
        assert!(h.fuzzy.is_empty(), "{h:?}");
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

    fn shipped(id: &str) -> Dataset {
        let r = crate::rubric::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/rubrics/wfa-asn-2025.toml"
        )))
        .unwrap();
        r.dataset(id).unwrap().clone()
    }

    /// The column a header names in a shipped dataset, and how.
    fn read(ds: &Dataset, cell: &str) -> Option<(String, &'static str)> {
        let names = Names::of(ds);
        match names.lookup(cell)? {
            Found::Exact(i) => Some((ds.columns[i].name.clone(), "exact")),
            Found::Inferred(i, Inference::Normalised) => {
                Some((ds.columns[i].name.clone(), "normalised"))
            }
            Found::Inferred(i, Inference::Contained(_)) => {
                Some((ds.columns[i].name.clone(), "contained"))
            }
            Found::Ambiguous(_) => Some(("?".into(), "ambiguous")),
        }
    }

    #[test]
    fn government_form_wordings_are_read_as_the_intended_column() {
        #[rustfmt::skip]
        let cases: &[(&str, &str, &str)] = &[
            ("infrastruktur", "Nama Satuan Kerja", "nama_opd"),
            ("infrastruktur", "Nama Unit Kerja", "nama_opd"),
            ("infrastruktur", "Satuan Kerja", "nama_opd"),
            ("infrastruktur", "Nama SKPD", "nama_opd"),
            ("infrastruktur", "Kode Satuan Kerja", "kode_opd"),
            ("infrastruktur", "Kode Satker", "kode_opd"),
            ("infrastruktur", "Jenis Unit Kerja", "jenis_opd"),
            ("infrastruktur", "Jumlah ASN 2025", "jumlah_pegawai"),
            ("infrastruktur", "Jumlah Pegawai (orang)", "jumlah_pegawai"),
            ("infrastruktur", "Total Pegawai", "jumlah_pegawai"),
            ("infrastruktur", "Jumlah Pejabat/Pegawai", "jumlah_pegawai"),
            ("infrastruktur", "Jumlah Laptop/PC Dinas (unit)", "laptop_dinas"),
            ("infrastruktur", "Jumlah Komputer Dinas", "laptop_dinas"),
            ("infrastruktur", "Kecepatan Internet Kantor", "bandwidth_mbps"),
            ("infrastruktur", "Berapa kecepatan internet kantor (Mbps)?", "bandwidth_mbps"),
            ("infrastruktur", "Kapasitas Bandwidth (Mbps)", "bandwidth_mbps"),
            ("infrastruktur", "Apakah kantor memiliki VPN?", "vpn"),
            ("infrastruktur", "Akses VPN (Y/T)", "vpn"),
            ("infrastruktur", "Aplikasi SRIKANDI", "srikandi"),
            ("infrastruktur", "Penyimpanan Dokumen Cloud", "dokumen_cloud"),
            ("infrastruktur", "Jumlah Akun Zoom", "akun_vicon"),
            ("infrastruktur", "Jumlah Akun Video Conference 2025", "akun_vicon"),
            ("infrastruktur", "Tersedia Helpdesk TI", "helpdesk_ti"),
            ("infrastruktur", "Apakah tersedia helpdesk TI? (Ya/Tidak)", "helpdesk_ti"),
            ("infrastruktur", "Presensi Online", "absensi_online"),
            ("infrastruktur", "Presensi Elektronik (Y/T)", "absensi_online"),
            ("infrastruktur", "Melayani Publik Secara Langsung", "layanan_garis_depan"),
            ("infrastruktur", "Laporan Hasil Kerja", "laporan_output"),
            ("infrastruktur", "Persentase SKP di e-Kinerja (%)", "persen_skp_ekinerja"),
            ("jabatan", "Kode Unit Kerja", "kode_opd"),
            ("jabatan", "Kode Perangkat Daerah", "kode_opd"),
            ("jabatan", "Kd Jabatan", "kode_jabatan"),
            ("jabatan", "Nomenklatur Jabatan", "nama_jabatan"),
            ("jabatan", "Kelompok Jabatan", "jenis_jabatan"),
            ("jabatan", "Jumlah Pemangku Jabatan (orang)", "jumlah_pemangku"),
            ("jabatan", "Jumlah Pejabat/Pegawai", "jumlah_pemangku"),
            ("jabatan", "Jml Pemangku 2025", "jumlah_pemangku"),
            ("jabatan", "Dapat Dikerjakan di Luar Kantor", "dapat_di_luar_kantor"),
            ("jabatan", "Dapat Dikerjakan dari Rumah (Y/T)", "dapat_di_luar_kantor"),
            ("jabatan", "Memerlukan Alat Khusus", "perlu_alat_khusus"),
            ("jabatan", "Berbasis Teknologi Informasi", "berbasis_tik"),
            ("jabatan", "Intensitas Tatap Muka", "tatap_muka"),
            ("jabatan", "Frekuensi Tatap Muka (1-5)", "tatap_muka"),
            ("jabatan", "Memerlukan Pengawasan Langsung", "perlu_pengawasan"),
            ("jabatan", "Memerlukan Pengawasan Langsung (Y/T)", "perlu_pengawasan"),
            ("jabatan", "Melayani Publik Secara Langsung", "layanan_garis_depan"),
            ("jabatan", "Menangani Data Rahasia", "data_rahasia"),
            ("jabatan", "Mengelola Data Rahasia (Ya/Tidak)", "data_rahasia"),
            ("jabatan", "Output Dapat Diukur", "output_terukur"),
            ("jabatan", "Hasil Kerja Terukur", "output_terukur"),
            ("survei", "Kode Unit Kerja", "kode_opd"),
        ];
        let mut failed = Vec::new();
        for (ds, header, want) in cases {
            let got = read(&shipped(ds), header).map(|g| g.0);
            if got.as_deref() != Some(*want) {
                failed.push(format!("{ds}: {header:?} → {got:?}, want {want}"));
            }
        }
        assert!(failed.is_empty(), "{failed:#?}");
    }

    #[test]
    fn every_shipped_alias_and_question_as_a_form_writes_it_is_read_as_its_column() {
        for id in ["infrastruktur", "jabatan", "survei"] {
            let ds = shipped(id);
            for c in &ds.columns {
                let mut written: Vec<String> = c.question.clone();
                for a in &c.aliases {
                    // Capitalised, with a year, with a unit or a Y/T as forms print them.
                    let cap = a
                        .split(' ')
                        .map(|w| {
                            let mut cs = w.chars();
                            cs.next()
                                .map(|f| f.to_uppercase().chain(cs).collect::<String>())
                                .unwrap_or_default()
                        })
                        .collect::<Vec<_>>()
                        .join(" ");
                    written.push(cap.clone());
                    written.push(format!("{cap} 2025"));
                    written.push(format!("{cap} (Y/T)"));
                }
                for h in written {
                    let got = read(&ds, &h).map(|g| g.0);
                    assert_eq!(got.as_deref(), Some(c.name.as_str()), "{id}: {h:?}");
                }
            }
        }
    }

    #[test]
    fn no_two_columns_of_a_shipped_dataset_read_the_same_once_normalised() {
        for id in ["infrastruktur", "jabatan", "survei"] {
            let names = Names::of(&shipped(id));
            for a in &names.0 {
                assert!(
                    !a.words.is_empty(),
                    "{id}: `{}` normalises to nothing",
                    a.full
                );
                for b in names.0.iter().filter(|b| b.column != a.column) {
                    assert!(a.words != b.words, "{id}: `{}` and `{}`", a.full, b.full);
                }
            }
        }
    }

    #[test]
    fn near_collisions_of_the_shipped_rubric_are_not_guessed() {
        let infra = shipped("infrastruktur");
        let jab = shipped("jabatan");
        let sur = shipped("survei");
        // Must not match a column.
        for (ds, h) in [
            (&jab, "Jumlah Pegawai"),
            (&infra, "Jumlah Pemangku"),
            (&infra, "Nama Kepala OPD"),
            (&infra, "Jumlah Laptop Pribadi"),
            (&jab, "Jumlah Laptop"),
            (&sur, "Cap waktu"),
            (&sur, "Timestamp"),
            (&sur, "Alamat email"),
            (&sur, "Email address"),
            (&sur, "Seberapa mahir Anda menggunakan Excel?"),
        ] {
            assert_eq!(read(ds, h), None, "{h}");
        }
        // Naming two columns: ambiguous, not used.
        for (ds, h) in [
            (&infra, "Kode/Nama Perangkat Daerah"),
            (&infra, "Kode/Nama Unit Kerja"),
            (&jab, "Kode OPD/Jabatan"),
        ] {
            assert_eq!(read(ds, h), Some(("?".into(), "ambiguous")), "{h}");
        }
        // One column each, by the rule named.
        for (ds, h, col, how) in [
            (&jab, "Kode Jabatan", "kode_jabatan", "exact"),
            (&jab, "Kode", "kode_opd", "exact"),
            (&jab, "Kode Jabatan Fungsional", "kode_jabatan", "contained"),
            (
                &infra,
                "Jumlah Pegawai Tahun 2025",
                "jumlah_pegawai",
                "normalised",
            ),
            (&infra, "Apakah kantor memiliki VPN?", "vpn", "normalised"),
            (&infra, "VPN Kantor Pusat", "vpn", "contained"),
            (
                &infra,
                "Layanan Publik Langsung di Loket",
                "layanan_garis_depan",
                "contained",
            ),
            (
                &jab,
                "Layanan Publik Langsung (Y/T)",
                "layanan_garis_depan",
                "exact",
            ),
        ] {
            assert_eq!(read(ds, h), Some((col.into(), how)), "{h}");
        }
    }

    #[test]
    fn a_google_forms_question_is_read_whole_and_questions_sharing_words_stay_apart() {
        let sur = shipped("survei");
        for c in &sur.columns {
            for q in &c.question {
                assert_eq!(read(&sur, q), Some((c.name.clone(), "exact")), "{q}");
                // Case, spaces and a line break do not matter.
                let messy = q.to_uppercase().replace(' ', "  \n");
                assert_eq!(read(&sur, &messy).map(|g| g.0), Some(c.name.clone()));
            }
        }
        // A whole Google Forms export header row.
        let h = map_row(
            &sur,
            &row(&[
                "Cap waktu",
                "Alamat email",
                "NIP",
                "Unit kerja (OPD) tempat Anda bertugas",
                "Seberapa mahir Anda menggunakan email dinas? (1 = belum bisa, 5 = sangat mahir)",
                "Seberapa mahir Anda menggunakan SRIKANDI?",
                "Seberapa mahir Anda mengisi e-Kinerja?",
            ]),
        );
        assert_eq!(h.matched(), 5, "{h:?}");
        assert!(h.ambiguous.is_empty() && h.inferred.is_empty() && h.fuzzy.is_empty());
        let extra: Vec<&str> = h.extra.iter().map(|e| e.1.as_str()).collect();
        assert_eq!(extra, ["Cap waktu", "Alamat email"]);
    }

    #[test]
    fn an_inferred_header_never_takes_a_column_named_exactly_in_the_same_row() {
        let infra = shipped("infrastruktur");
        let h = map_row(
            &infra,
            &row(&[
                "Jumlah Pegawai Tahun 2025",
                "Kode OPD",
                "Nama OPD",
                "Jumlah Pegawai",
            ]),
        );
        assert_eq!(h.columns[3], Some(3), "{h:?}");
        assert_eq!(h.duplicate.len(), 1);
        assert!(h.inferred.is_empty());
        let h = map_row(
            &infra,
            &row(&[
                "Kode OPD",
                "Nama Satuan Kerja 2025",
                "Kode/Nama Perangkat Daerah",
            ]),
        );
        assert_eq!(h.inferred.len(), 1);
        assert_eq!(h.inferred[0].2, "nama_opd");
        assert_eq!(h.ambiguous.len(), 1);
        assert_eq!(h.ambiguous[0].2, ["kode_opd", "nama_opd"]);
    }
}
