//! Typing the rows of every sheet read as a dataset: the header's problems (absent optional,
//! extra, similar, ambiguous and repeated columns), then each row below it: blank, hidden,
//! notes and totals rows, and every cell parsed as its column's type into a column buffer.
//!
//! A row is kept, or rejected with a diagnostic and followed in `Track`. Keys are not checked
//! here (`keys.rs`), and no frame is computed beyond the typed columns.

use super::cell::{self, CellProblem, Raw, Value};
use super::diags::{self, CellAt};
use super::lookalike;
use super::model::{Frame, SourceMap};
use super::{Loader, header_column};
use crate::diag::Location;
use crate::rubric::{ColumnType, Dataset};
use crate::text::{PERSONAL, cap, hide_ids};
use polars::prelude::*;
use std::collections::BTreeMap;

/// A typed column being filled.
enum ColBuf {
    Text(Vec<Option<compact_str::CompactString>>),
    Int(Vec<Option<i64>>),
    Float(Vec<Option<f64>>),
    Bool(Vec<Option<bool>>),
}

pub(super) struct Builder {
    cols: Vec<ColBuf>,
    sources: SourceMap,
    /// Index into `Loaded::inputs` for each row.
    file_of_row: Vec<usize>,
}

impl Builder {
    pub(super) fn new(ds: &Dataset) -> Self {
        let cols = ds
            .columns
            .iter()
            .map(|c| match c.kind.storage() {
                DataType::String => ColBuf::Text(Vec::new()),
                DataType::Int64 => ColBuf::Int(Vec::new()),
                DataType::Boolean => ColBuf::Bool(Vec::new()),
                _ => ColBuf::Float(Vec::new()),
            })
            .collect();
        Builder {
            cols,
            sources: SourceMap::default(),
            file_of_row: Vec::new(),
        }
    }

    /// Room for `n` more rows.
    fn reserve(&mut self, n: usize) {
        for buf in &mut self.cols {
            match buf {
                ColBuf::Text(b) => b.reserve(n),
                ColBuf::Int(b) => b.reserve(n),
                ColBuf::Float(b) => b.reserve(n),
                ColBuf::Bool(b) => b.reserve(n),
            }
        }
        self.sources.reserve(n);
        self.file_of_row.reserve(n);
    }

    fn push(&mut self, values: Vec<Option<Value>>, sheet: u32, row: u32, file: usize) {
        for (buf, v) in self.cols.iter_mut().zip(values) {
            match (buf, v) {
                (ColBuf::Text(b), Some(Value::Text(s))) => b.push(Some(s)),
                (ColBuf::Int(b), Some(Value::Int(i))) => b.push(Some(i)),
                (ColBuf::Float(b), Some(Value::Float(f))) => b.push(Some(f)),
                (ColBuf::Float(b), Some(Value::Int(i))) => b.push(Some(i as f64)),
                (ColBuf::Bool(b), Some(Value::Bool(x))) => b.push(Some(x)),
                (ColBuf::Text(b), _) => b.push(None),
                (ColBuf::Int(b), _) => b.push(None),
                (ColBuf::Float(b), _) => b.push(None),
                (ColBuf::Bool(b), _) => b.push(None),
            }
        }
        self.sources.push(sheet, row);
        self.file_of_row.push(file);
    }

    /// The frame of the typed rows (schema columns and `__row`, no derived column yet).
    pub(super) fn frame(self, ds: &Dataset) -> PolarsResult<Frame> {
        let n = self.sources.len();
        let mut columns: Vec<Column> = self
            .cols
            .into_iter()
            .zip(&ds.columns)
            .map(|(b, c)| {
                let name: PlSmallStr = c.name.as_str().into();
                match b {
                    ColBuf::Text(v) => {
                        StringChunked::from_iter_options(name, v.iter().map(|s| s.as_deref()))
                            .into_column()
                    }
                    ColBuf::Int(v) => Column::new(name, v),
                    ColBuf::Float(v) => Column::new(name, v),
                    ColBuf::Bool(v) => Column::new(name, v),
                }
            })
            .collect();
        columns.push(Column::new(
            "__row".into(),
            (0..n as u32).collect::<Vec<u32>>(),
        ));
        Ok(Frame {
            df: DataFrame::new(n, columns)?,
            sources: self.sources,
            file_of: self.file_of_row,
        })
    }
}

const TOTAL_WORDS: [&str; 7] = [
    "jumlah",
    "total",
    "subtotal",
    "sub total",
    "grand total",
    "rata-rata",
    "rata rata",
];

/// A row with one text cell in a dataset needing at least two columns: a note such as
/// "Catatan: data per 31 Mei" or a signature line. Returns the text (shortened).
fn notes_row(ds: &Dataset, cells: &[Raw]) -> Option<String> {
    if ds.columns.iter().filter(|c| c.required).count() < 2 {
        return None;
    }
    let mut filled = cells.iter().filter(|c| !c.is_blank());
    match (filled.next(), filled.next()) {
        (Some(Raw::Text(t)), None) => {
            Some(cap(&hide_ids(t.trim()), 80, crate::rubric::Lang::En).into_owned())
        }
        _ => None,
    }
}

/// The row of column numbers that printed forms carry under the header: three or more filled
/// cells, each a whole number (`1`, `(2)`, `3.`), counting up by one. Returns them as shown.
fn column_numbers(cells: &[Raw]) -> Option<String> {
    let mut shown = Vec::new();
    let mut last: Option<i64> = None;
    for c in cells.iter().filter(|c| !c.is_blank()) {
        let n = match c {
            Raw::Number(x) if x.fract() == 0.0 => *x as i64,
            Raw::Text(t) => t
                .trim()
                .trim_start_matches('(')
                .trim_end_matches([')', '.'])
                .trim()
                .parse::<i64>()
                .ok()?,
            _ => return None,
        };
        if last.is_some_and(|l| n != l + 1) {
            return None;
        }
        last = Some(n);
        shown.push(cell::text(c));
    }
    (shown.len() >= 3).then(|| {
        let mut s = shown.iter().take(4).cloned().collect::<Vec<_>>().join(" ");
        if shown.len() > 4 {
            s.push_str(" …");
        }
        s
    })
}

/// What a form's administrator types to try a form before it opens.
const TEST_WORDS: [&str; 8] = [
    "tes",
    "test",
    "testing",
    "coba",
    "cobacoba",
    "coba coba",
    "uji coba",
    "percobaan",
];

/// A test submission: a row whose identifying column (one of the dataset's `unique` columns
/// other than the unit) holds only a word such as `tes` or `coba`. Returns that word.
fn test_submission<'c>(
    ds: &Dataset,
    h: &super::header::Header,
    cells: &'c [Raw],
) -> Option<&'c str> {
    ds.unique
        .iter()
        .filter(|u| **u != ds.unit_key)
        .filter_map(|u| ds.columns.iter().position(|c| c.name == *u))
        .filter_map(|ci| h.columns[ci].and_then(|j| cells.get(j)))
        .find_map(|c| match c {
            Raw::Text(t) if TEST_WORDS.contains(&cell::fold(t).replace('-', " ").as_str()) => {
                Some(t.as_str())
            }
            _ => None,
        })
}

/// A header that asks for a tick rather than Ya/Tidak: a tick mark (`√`, `✓`, `✔`) or the
/// words for ticking (`centang`, `contreng`, `beri tanda`).
fn asks_for_tick(header: &str) -> bool {
    let f = cell::fold(header);
    header.contains(['√', '✓', '✔'])
        || ["centang", "contreng", "beri tanda"]
            .iter()
            .any(|w| f.contains(w))
}

fn is_totals_row(cells: &[Raw]) -> bool {
    cells.iter().take(4).any(|c| match c {
        // Every total word starts with one of these letters: skip the folding otherwise.
        Raw::Text(s)
            if s.trim_start()
                .chars()
                .next()
                .is_some_and(|c| "jtsgrJTSGR".contains(c)) =>
        {
            let f = cell::fold(s);
            TOTAL_WORDS.iter().any(|w| {
                f.strip_prefix(w)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ':']))
            })
        }
        _ => false,
    })
}

impl Loader<'_> {
    /// Type every assigned sheet into one builder per dataset; counts the rows read and
    /// rejected per file. The raw cells stay until the end: rows rejected later (duplicate keys,
    /// found across files) are written to the rejected-rows workbook as the file had them.
    pub(super) fn type_all(&mut self) -> BTreeMap<String, Builder> {
        let mut builders: BTreeMap<String, Builder> = self
            .rubric
            .datasets
            .iter()
            .map(|d| (d.id.clone(), Builder::new(d)))
            .collect();
        for i in 0..self.assigned.len() {
            let a = &self.assigned[i];
            let b = builders.get_mut(&a.dataset).expect("builder per dataset");
            let file = a.file;
            let (read, rejected) = self.type_rows(i, b);
            self.inputs[file].rows_read += read;
            self.inputs[file].rows_rejected += rejected;
        }
        builders
    }

    /// Type the rows below the header of assigned sheet `i`; returns (rows read, rows rejected).
    pub(super) fn type_rows(&mut self, i: usize, b: &mut Builder) -> (usize, usize) {
        let a = &self.assigned[i];
        let ds = self
            .rubric
            .dataset(&a.dataset)
            .expect("assigned to a known dataset");
        let file = self.inputs[a.file].path.as_str();
        let diags = &mut self.diags;
        let track = &mut self.track;
        let sheet_name = a.sheet.name.as_deref();
        let key_col = header_column(ds, &a.header, &ds.unit_key);
        let header_row = a.sheet.rows[a.header.row_index].0;
        let columns = std::sync::Arc::new(a.header.columns.clone());
        let at = |row: u32| Location {
            file: file.to_string(),
            sheet: a.sheet.name.clone(),
            row,
            columns: Some(columns.clone()),
        };
        // Optional columns that are absent: every row's value is missing, say so once.
        for (ci, col) in ds.columns.iter().enumerate() {
            if !col.required && a.header.columns[ci].is_none() {
                diags.push(diags::missing_optional_column(
                    &ds.id,
                    &at(header_row),
                    &col.name,
                ));
            }
        }
        // How each numeric column writes numbers, decided from all of its cells in this sheet
        // (other columns never read a style).
        let styles: Vec<cell::Style> = ds
            .columns
            .iter()
            .zip(&a.header.columns)
            .map(|(col, j)| match j {
                Some(j) if numeric(&col.kind) => cell::Style::of(
                    a.sheet
                        .rows
                        .iter()
                        .skip(a.header.row_index + 1)
                        .filter_map(|(_, cells)| cells.get(*j)),
                    col.kind == ColumnType::Percent,
                ),
                _ => cell::Style::default(),
            })
            .collect();
        let head = at(header_row);
        for (j, t) in &a.header.extra {
            diags.push(diags::extra_column(&ds.id, &head, *j, t));
        }
        for (j, t, c, sim) in &a.header.fuzzy {
            diags.push(diags::similar_column(&ds.id, &head, *j, t, c, *sim));
        }
        for (j, t, c, how) in &a.header.inferred {
            diags.push(diags::inferred_column(&ds.id, &head, *j, t, c, how));
        }
        for (j, t, cands) in &a.header.ambiguous {
            diags.push(diags::ambiguous_column(&ds.id, &head, *j, t, cands));
        }
        for (j, t, c) in &a.header.duplicate {
            diags.push(diags::duplicate_column(&ds.id, &head, *j, t, c));
        }
        // Hidden columns: one read as data (nothing visible says the same), or one a visible
        // column replaced (`Header::prefer_visible`).
        let hidden = |j: usize| a.sheet.hidden_columns.binary_search(&(j as u32)).is_ok();
        let mut hidden_cols: Vec<(usize, &str, bool)> = ds
            .columns
            .iter()
            .zip(&a.header.columns)
            .filter_map(|(col, j)| {
                j.filter(|j| hidden(*j))
                    .map(|j| (j, col.name.as_str(), true))
            })
            .chain(
                a.header
                    .duplicate
                    .iter()
                    .filter(|(j, _, _)| hidden(*j))
                    .map(|(j, _, c)| (*j, c.as_str(), false)),
            )
            .collect();
        hidden_cols.sort_unstable();
        for (j, c, used) in hidden_cols {
            let text = a.header.text_of(&a.sheet, j);
            diags.push(diags::hidden_column(&ds.id, &head, j, &text, c, used));
        }
        // Columns that feed a score: a `-` there is said at its cell. Id columns: a number
        // Excel already cut is said at its cell.
        let scored = super::scored::scored_columns(self.rubric);
        let feeds: Vec<bool> = ds
            .columns
            .iter()
            .map(|c| scored.contains(&(ds.id.clone(), c.name.clone())))
            .collect();
        let ids: Vec<bool> = ds.columns.iter().map(|c| is_id_column(ds, c)).collect();
        // Yes/no columns whose header asks for a tick ("Helpdesk TI (√ bila ada)"): a blank
        // cell is the box left unticked, Tidak; said once per column.
        let ticked: Vec<bool> = ds
            .columns
            .iter()
            .zip(&a.header.columns)
            .map(|(col, j)| {
                let Some(j) = *j else { return false };
                let text = a.header.text_of(&a.sheet, j);
                let tick =
                    matches!(col.kind, crate::rubric::ColumnType::Boolean) && asks_for_tick(&text);
                if tick {
                    diags.push(diags::tick_box_column(
                        &ds.id,
                        &at(header_row),
                        j,
                        &text,
                        &col.name,
                    ));
                }
                tick
            })
            .collect();
        b.reserve(a.sheet.rows.len().saturating_sub(a.header.row_index + 1));
        let sheet_index = b.sources.add_sheet(head);
        let (mut read, mut rejected) = (0, 0);
        let mut not_answered: BTreeMap<usize, usize> = BTreeMap::new();
        let mut pending_blank: Vec<u32> = Vec::new();
        for (row, cells) in a.sheet.rows.iter().skip(a.header.row_index + 1) {
            if cells.iter().all(Raw::is_blank) {
                pending_blank.push(*row);
                continue;
            }
            // A blank row is only worth reporting when data follows it.
            for r in pending_blank.drain(..) {
                diags.push(diags::blank_row(&ds.id, &at(r)));
            }
            read += 1;
            // Built only when a diagnostic needs it.
            let loc = || at(*row);
            if a.sheet.hidden_rows.binary_search(row).is_ok() {
                diags.push(diags::hidden_row(&ds.id, &loc()));
            }
            if let Some(note) = notes_row(ds, cells) {
                diags.push(diags::notes_row(&ds.id, &loc(), note));
                rejected += 1;
                track.rejected.push((
                    ds.id.clone(),
                    (file.to_string(), a.sheet.name.clone(), *row),
                ));
                continue;
            }
            // Printed forms put the column numbers right under the header, never further down
            // (a survey row `1, 2, 3, 4` of numeric ids and answers is data).
            let under_header = *row <= header_row + 2;
            if let Some(shown) = column_numbers(cells).filter(|_| under_header) {
                diags.push(diags::column_numbers_row(&ds.id, &loc(), shown));
                rejected += 1;
                track.rejected.push((
                    ds.id.clone(),
                    (file.to_string(), a.sheet.name.clone(), *row),
                ));
                continue;
            }
            if is_totals_row(cells) {
                let shown = cells
                    .iter()
                    .take(4)
                    .map(cell::text)
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" | ");
                diags.push(diags::totals_row(&ds.id, &loc(), shown));
                rejected += 1;
                track.rejected.push((
                    ds.id.clone(),
                    (file.to_string(), a.sheet.name.clone(), *row),
                ));
                continue;
            }
            if let Some(word) = test_submission(ds, &a.header, cells) {
                diags.push(diags::test_row(&ds.id, &loc(), word));
                rejected += 1;
                track.rejected.push((
                    ds.id.clone(),
                    (file.to_string(), a.sheet.name.clone(), *row),
                ));
                continue;
            }
            let mut values = Vec::with_capacity(ds.columns.len());
            let mut reject = false;
            for (ci, col) in ds.columns.iter().enumerate() {
                let Some(j) = a.header.columns[ci] else {
                    values.push(None);
                    continue;
                };
                let raw = match cells.get(j) {
                    // A blank under "(√ bila ada)" is the box left unticked: Tidak.
                    None | Some(Raw::Empty) if ticked[ci] => &Raw::Bool(false),
                    Some(c) if ticked[ci] && c.is_blank() => &Raw::Bool(false),
                    other => other.unwrap_or(&Raw::Empty),
                };
                // The cell as shown in diagnostics, only built when one is reported. Personal
                // cells (an NIP) never reach a report: say where, not what.
                let shown = || {
                    if col.personal {
                        PERSONAL.to_string()
                    } else {
                        raw.show()
                    }
                };
                let here = || CellAt {
                    ds: &ds.id,
                    at: loc(),
                    j,
                    column: &col.name,
                    shown: shown(),
                };
                let v = match cell::parse(raw, col, styles[ci]) {
                    Ok(v) => {
                        if let Some(why) = cell::damaged_id(raw).filter(|_| ids[ci]) {
                            diags.push(diags::damaged_id(here(), why));
                        }
                        if let (true, true, Some(why)) = (
                            numeric(&col.kind),
                            styles[ci].undecided,
                            cell::ambiguous_separator(raw),
                        ) {
                            let read_as = match &v {
                                Some(Value::Int(i)) => i.to_string(),
                                Some(Value::Float(f)) => cell::format_number(*f),
                                _ => String::new(),
                            };
                            diags.push(diags::ambiguous_separator(here(), why, &read_as));
                        }
                        if styles[ci].whole_percent {
                            let bare = match raw {
                                Raw::Number(n) => Some(*n),
                                Raw::Text(t) if !t.contains('%') => {
                                    cell::parse_number_text(t, styles[ci].point_decimal)
                                }
                                _ => None,
                            };
                            if bare.is_some_and(|n| n <= 1.0) {
                                diags.push(diags::whole_percent(here()));
                            }
                        }
                        v
                    }
                    // A `-` where the score reads is said at its cell; other answers such as
                    // `tidak tahu` are a column's count.
                    Err(CellProblem::NotAnswered) if feeds[ci] && cell::is_dash(raw) => {
                        diags.push(diags::dash_in_scored(here()));
                        None
                    }
                    Err(CellProblem::NotAnswered) => {
                        *not_answered.entry(j).or_insert(0) += 1;
                        None
                    }
                    Err(p) => {
                        diags.push(diags::bad_cell(here(), p, col.required));
                        reject |= col.required;
                        None
                    }
                };
                // The unit key: invisible characters are removed and look-alike forms folded
                // (a warning, the row then attaches to the real unit); Cyrillic or Greek
                // look-alike letters reject it.
                let v = match v {
                    Some(Value::Text(t)) if col.name == ds.unit_key && !t.is_ascii() => {
                        let found = lookalike::check(&t);
                        let t = match &found.cleaned {
                            Some(c) => {
                                diags.push(diags::lookalike_invisible(
                                    here(),
                                    &found.invisible,
                                    &found.folded,
                                    c,
                                ));
                                c.as_str().into()
                            }
                            None => t,
                        };
                        match &found.latin {
                            Some(l) => {
                                diags.push(diags::lookalike_letters(here(), &found.lookalikes, l));
                                reject = true;
                                None
                            }
                            None if t.is_empty() => None,
                            None => Some(Value::Text(t)),
                        }
                    }
                    v => v,
                };
                if v.is_none() && col.required && !reject {
                    diags.push(diags::missing_value(here()));
                    reject = true;
                }
                values.push(v);
            }
            if reject {
                rejected += 1;
                track.rejected.push((
                    ds.id.clone(),
                    (file.to_string(), a.sheet.name.clone(), *row),
                ));
                if let Some(k) = key_col.and_then(|j| cells.get(j)).filter(|c| !c.is_blank()) {
                    track.bad_rows.push((ds.id.clone(), cell::text(k), loc()));
                }
                continue;
            }
            b.push(values, sheet_index, *row, a.file);
        }
        if read == 0 {
            diags.push(diags::no_rows(&ds.id, &at(header_row)));
        }
        for (j, n) in not_answered {
            diags.push(diags::not_answered(&ds.id, file, sheet_name, j, n));
        }
        (read, rejected)
    }
}

/// Whether a column holds ids (a key, the unit key, an NIP or NIK): where a long number
/// damaged by Excel matters.
fn is_id_column(ds: &Dataset, col: &crate::rubric::Column) -> bool {
    col.kind == ColumnType::Text
        && (ds.unique.contains(&col.name)
            || col.name == ds.unit_key
            || col
                .name
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| matches!(w.to_lowercase().as_str(), "id" | "nip" | "nik")))
}

/// Whether a column holds numbers (and so reads a number style).
fn numeric(kind: &ColumnType) -> bool {
    !matches!(
        kind,
        ColumnType::Text | ColumnType::Category { .. } | ColumnType::Date | ColumnType::Boolean
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Raw {
        Raw::Text(s.into())
    }

    /// Corpus (Bappeda, Dinkes): the "(1) (2) (3)" row under a form's header was read as a
    /// unit `(2)` with invalid values in every column.
    #[test]
    fn a_row_of_column_numbers_is_not_data() {
        let t = |s: &str| text(s);
        assert_eq!(
            column_numbers(&[t("(1)"), t("(2)"), t("(3)"), t("(4)"), t("(5)")]).as_deref(),
            Some("(1) (2) (3) (4) …")
        );
        assert!(column_numbers(&[Raw::Number(1.0), Raw::Number(2.0), Raw::Number(3.0)]).is_some());
        assert!(column_numbers(&[Raw::Empty, t("1."), t("2."), t("3.")]).is_some());
        // A data row of small numbers is not one: they do not count up by one.
        assert!(column_numbers(&[t("OPD-01"), Raw::Number(2.0), Raw::Number(3.0)]).is_none());
        assert!(column_numbers(&[Raw::Number(5.0), Raw::Number(3.0), Raw::Number(1.0)]).is_none());
        assert!(column_numbers(&[Raw::Number(1.0), Raw::Number(2.0)]).is_none());
    }

    /// Corpus (Bappeda): "Helpdesk TI (√ bila ada)" left blank meant Tidak, and was read as
    /// no data, which changed the OPD's score.
    #[test]
    fn a_test_submission_is_told_by_its_id() {
        let ds = crate::rubric::load_str(
            include_str!("../../tests/fixtures/tiny/tiny.toml"),
            "t.toml",
        )
        .unwrap()
        .datasets
        .into_iter()
        .find(|d| d.id == "survei")
        .unwrap();
        let h = super::super::header::Header {
            row_index: 0,
            columns: vec![Some(0), Some(1), Some(2), Some(3)],
            extra: vec![],
            duplicate: vec![],
            fuzzy: vec![],
            ambiguous: vec![],
            inferred: vec![],
            rows: 1,
        };
        let row = |id: &str| vec![text(id), text("OPD-01"), Raw::Number(3.0)];
        assert_eq!(test_submission(&ds, &h, &row("Tes")), Some("Tes"));
        assert_eq!(test_submission(&ds, &h, &row("uji-coba")), Some("uji-coba"));
        assert_eq!(test_submission(&ds, &h, &row("R-0001")), None);
        assert_eq!(test_submission(&ds, &h, &row("Testi Rahayu")), None);
    }

    #[test]
    fn a_header_asking_for_a_tick_is_a_tick_box() {
        assert!(asks_for_tick("Helpdesk TI (√ bila ada)"));
        assert!(asks_for_tick("VPN (beri tanda V jika ada)"));
        assert!(asks_for_tick("Absensi online (centang)"));
        assert!(!asks_for_tick("Helpdesk TI (Ya/Tidak)"));
        assert!(!asks_for_tick("Tersedia VPN?"));
    }

    #[test]
    fn totals_rows_are_found_by_their_first_cells() {
        assert!(is_totals_row(&[text("Jumlah"), Raw::Number(12.0)]));
        assert!(is_totals_row(&[Raw::Empty, text("  TOTAL: ")]));
        assert!(is_totals_row(&[text("Rata-rata")]));
        // A word that only starts like a total word, or a total word after column D, is data.
        assert!(!is_totals_row(&[text("Jumlahan"), Raw::Number(1.0)]));
        assert!(is_totals_row(&[text("Sekretariat"), text("Total")]));
        assert!(!is_totals_row(&[
            text("a"),
            text("b"),
            text("c"),
            text("d"),
            text("Total")
        ]));
    }
}
