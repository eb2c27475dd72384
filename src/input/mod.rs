//! Loading the datasets a rubric declares: find each file's dataset (by filename pattern, else
//! by header), read and type every row, and keep a source map (file, sheet, row) for each.
//! Every row read is either used or rejected with a diagnostic; the counts are kept per file.
//!
//! Output: one polars `DataFrame` per dataset (schema columns, derived columns, `__unit` with
//! the canonical unit id, `__row` indexing the source map). No scoring happens here.

pub mod cell;
pub mod header;
pub mod read;

use crate::diag::{Code, Diagnostic, Location};
use crate::rubric::{Dataset, Rubric};
use cell::{CellProblem, Raw, Value};
use header::Header;
use polars::prelude::*;
use read::{ReadError, Sheet};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Where the data comes from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// A folder whose files are matched to datasets.
    pub dir: Option<PathBuf>,
    /// Explicit files: (dataset id, path).
    pub files: Vec<(String, PathBuf)>,
}

/// Input problems that stop the run (as opposed to row diagnostics).
#[derive(Debug, Error)]
pub enum LoadError {
    #[error("cannot read the data folder {path}: {err}")]
    Dir { path: String, err: std::io::Error },
    #[error("unknown dataset `{0}` in --input (the rubric declares: {1})")]
    UnknownDataset(String, String),
    #[error("{} input file(s) could not be read:\n  {}", .0.len(), .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n  "))]
    Files(Vec<ReadError>),
    #[error("computing derived columns of `{dataset}` failed: {message}")]
    Derived { dataset: String, message: String },
    #[error("internal table error: {0}")]
    Polars(#[from] PolarsError),
}

/// One input file and what became of its rows.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct InputFile {
    pub dataset: String,
    pub path: String,
    pub sha256: String,
    pub sheets: Vec<String>,
    pub rows_read: usize,
    pub rows_used: usize,
    pub rows_rejected: usize,
}

/// A loaded dataset.
#[derive(Debug, Clone)]
pub struct Table {
    /// Columns, derived columns, `__unit`, `__row`.
    pub df: DataFrame,
    /// Source of each row, indexed by `__row`.
    pub sources: Vec<Location>,
}

/// Everything loaded.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub tables: BTreeMap<String, Table>,
    pub inputs: Vec<InputFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// The units, sorted by id, with their names.
    pub units: Vec<(String, Option<String>)>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == crate::diag::Severity::Error)
    }
}

/// A typed column being filled.
enum ColBuf {
    Text(Vec<Option<String>>),
    Int(Vec<Option<i64>>),
    Float(Vec<Option<f64>>),
    Bool(Vec<Option<bool>>),
}

struct Builder {
    cols: Vec<ColBuf>,
    sources: Vec<Location>,
    /// Index into `Loaded::inputs` for each row.
    file_of_row: Vec<usize>,
}

impl Builder {
    fn new(ds: &Dataset) -> Self {
        let cols = ds
            .columns
            .iter()
            .map(|c| match crate::rubric::dtype(&c.kind) {
                DataType::String => ColBuf::Text(Vec::new()),
                DataType::Int64 => ColBuf::Int(Vec::new()),
                DataType::Boolean => ColBuf::Bool(Vec::new()),
                _ => ColBuf::Float(Vec::new()),
            })
            .collect();
        Builder {
            cols,
            sources: Vec::new(),
            file_of_row: Vec::new(),
        }
    }

    fn push(&mut self, values: Vec<Option<Value>>, loc: Location, file: usize) {
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
        self.sources.push(loc);
        self.file_of_row.push(file);
    }

    fn frame(self, ds: &Dataset) -> PolarsResult<DataFrame> {
        let n = self.sources.len();
        let mut columns: Vec<Column> = self
            .cols
            .into_iter()
            .zip(&ds.columns)
            .map(|(b, c)| {
                let name: PlSmallStr = c.name.as_str().into();
                match b {
                    ColBuf::Text(v) => Column::new(name, v),
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
        DataFrame::new(n, columns)
    }
}

/// A sheet assigned to a dataset, with its header.
struct Assigned {
    file: usize,
    sheet: Sheet,
    dataset: String,
    header: Header,
}

/// Load every dataset of `rubric` from `sources`.
pub fn load(rubric: &Rubric, sources: &Sources) -> Result<Loaded, LoadError> {
    let mut diags = Vec::new();
    let mut inputs: Vec<InputFile> = Vec::new();
    let mut read_errors = Vec::new();
    let mut assigned: Vec<Assigned> = Vec::new();

    let mut files: Vec<(Option<String>, PathBuf)> = Vec::new();
    for (ds, p) in &sources.files {
        if rubric.dataset(ds).is_none() {
            let known = rubric
                .datasets
                .iter()
                .map(|d| d.id.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            return Err(LoadError::UnknownDataset(ds.clone(), known));
        }
        files.push((Some(ds.clone()), p.clone()));
    }
    if let Some(dir) = &sources.dir {
        for p in list_dir(dir, &mut diags)? {
            if !files.iter().any(|(_, f)| f == &p) {
                files.push((None, p));
            }
        }
    }

    // Read (and hash) every file first, several at a time; judged in order below.
    crate::progress::phase(crate::progress::Phase::Read);
    let paths: Vec<PathBuf> = files.iter().map(|(_, p)| p.clone()).collect();
    let mut contents = read::read_all(&paths).into_iter();
    crate::progress::phase(crate::progress::Phase::Validate);

    for (forced, path) in files {
        let content = contents.next().expect("one result per file");
        let shown = path.display().to_string();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let by_pattern: Vec<&Dataset> = match &forced {
            Some(id) => rubric.dataset(id).into_iter().collect(),
            None => rubric
                .datasets
                .iter()
                .filter(|d| {
                    d.files.iter().any(|p| {
                        glob::Pattern::new(&p.to_lowercase()).is_ok_and(|g| g.matches(&name))
                    })
                })
                .collect(),
        };
        if by_pattern.len() > 1 {
            let names = by_pattern
                .iter()
                .map(|d| d.id.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            diags.push(
                Diagnostic::error(Code::AmbiguousFile, format!("the file name matches the patterns of several datasets ({names}); pass it with --input DATASET=FILE"))
                    .file(&shown),
            );
            continue;
        }
        let (sheets, sha) = match content {
            Ok(c) => c,
            Err(e) => {
                read_errors.push(e);
                continue;
            }
        };
        let candidates: Vec<&Dataset> = if by_pattern.is_empty() {
            rubric.datasets.iter().collect()
        } else {
            by_pattern.clone()
        };
        let mut file_index: HashMap<String, usize> = HashMap::new();
        let mut any = false;
        let mut unread = Vec::new();
        for sheet in sheets {
            let sheet_name = sheet.name.clone();
            if sheet.hidden {
                diags.push(
                    Diagnostic::info(Code::UnmatchedFile, "hidden sheet; not read")
                        .file(&shown)
                        .sheet(sheet_name.as_deref()),
                );
                continue;
            }
            if sheet.rows.iter().all(|(_, c)| c.iter().all(Raw::is_blank)) {
                continue;
            }
            // Which datasets fit this sheet.
            let mut fits: Vec<(&Dataset, Header)> = Vec::new();
            let mut near: Vec<(&Dataset, Header)> = Vec::new();
            for ds in &candidates {
                if !ds.sheets.is_empty() {
                    let sn = sheet_name.clone().unwrap_or_default().to_lowercase();
                    if !ds.sheets.iter().any(|p| {
                        glob::Pattern::new(&p.to_lowercase()).is_ok_and(|g| g.matches(&sn))
                    }) {
                        continue;
                    }
                }
                if let Some(h) = header::find(ds, &sheet.rows) {
                    if h.missing_required(ds).is_empty() {
                        fits.push((ds, h));
                    } else {
                        near.push((ds, h));
                    }
                }
            }
            fits.sort_by_key(|(_, h)| std::cmp::Reverse(h.matched()));
            let chosen = match fits.len() {
                0 => None,
                1 => fits.pop(),
                _ if fits[0].1.matched() > fits[1].1.matched() => Some(fits.swap_remove(0)),
                _ => {
                    let names = fits
                        .iter()
                        .map(|(d, _)| d.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ");
                    diags.push(
                        Diagnostic::error(Code::AmbiguousFile, format!("the header fits several datasets equally well ({names}); pass the file with --input DATASET=FILE"))
                            .file(&shown)
                            .sheet(sheet_name.as_deref()),
                    );
                    any = true;
                    continue;
                }
            };
            match chosen {
                Some((ds, h)) => {
                    any = true;
                    let idx = input_index(&mut inputs, &mut file_index, &ds.id, &shown, &sha);
                    if let Some(n) = &sheet_name {
                        inputs[idx].sheets.push(n.clone());
                    }
                    assigned.push(Assigned {
                        file: idx,
                        sheet,
                        dataset: ds.id.clone(),
                        header: h,
                    });
                }
                None if !by_pattern.is_empty() => {
                    // Meant for this dataset by its name; judged once every sheet is seen.
                    any = true;
                    let ds = by_pattern[0];
                    let h = near
                        .into_iter()
                        .find(|(d, _)| d.id == ds.id)
                        .map(|(_, h)| h);
                    unread.push((ds, h, sheet));
                }
                None => {}
            }
        }
        // A sheet without the header, in a file whose other sheet was read (an instructions
        // sheet beside the data), is information; in a file with no readable sheet, an error.
        for (ds, h, sheet) in unread {
            if assigned
                .iter()
                .any(|x| x.dataset == ds.id && inputs[x.file].path == shown)
            {
                diags.push(
                    Diagnostic::info(Code::HeaderNotFound, format!("this sheet has no header of `{}`; not read (another sheet of the file was)", ds.id))
                        .dataset(&ds.id)
                        .file(&shown)
                        .sheet(sheet.name.as_deref()),
                );
                continue;
            }
            let idx = input_index(&mut inputs, &mut file_index, &ds.id, &shown, &sha);
            let rejected = header_problem(ds, h, &sheet, &shown, &mut diags);
            inputs[idx].rows_read += rejected;
            inputs[idx].rows_rejected += rejected;
        }
        if !any {
            diags.push(
                Diagnostic::info(
                    Code::UnmatchedFile,
                    "no sheet of this file has the header of any dataset; the file was not used",
                )
                .file(&shown),
            );
        }
    }
    if !read_errors.is_empty() {
        return Err(LoadError::Files(read_errors));
    }

    // Type every row.
    let mut builders: BTreeMap<String, Builder> = rubric
        .datasets
        .iter()
        .map(|d| (d.id.clone(), Builder::new(d)))
        .collect();
    // Each sheet's cells are dropped once typed, so raw and typed copies of all the data never
    // coexist.
    for a in assigned {
        let ds = rubric
            .dataset(&a.dataset)
            .expect("assigned to a known dataset");
        let b = builders.get_mut(&a.dataset).expect("builder per dataset");
        let (read, rejected) = type_rows(ds, &a, &inputs[a.file].path, b, &mut diags);
        inputs[a.file].rows_read += read;
        inputs[a.file].rows_rejected += rejected;
    }

    // Frames with derived columns; then unit keys.
    let mut frames: BTreeMap<String, (DataFrame, Vec<Location>, Vec<usize>)> = BTreeMap::new();
    for ds in &rubric.datasets {
        let b = builders.remove(&ds.id).expect("builder");
        let sources_ = b.sources.clone();
        let files_ = b.file_of_row.clone();
        let df = b.frame(ds)?;
        let df = derive(ds, df)?;
        if df.height() == 0 && !inputs.iter().any(|i| i.dataset == ds.id) {
            diags.push(
                Diagnostic::error(
                    Code::MissingDataset,
                    format!(
                        "no file was found for dataset `{}` ({})",
                        ds.id, ds.title.id
                    ),
                )
                .dataset(&ds.id),
            );
        }
        frames.insert(ds.id.clone(), (df, sources_, files_));
    }

    let units = unit_list(rubric, &frames, &mut diags)?;
    let canon: HashMap<String, String> = units
        .iter()
        .map(|(id, _)| (fold_key(id), id.clone()))
        .collect();
    let mut tables = BTreeMap::new();
    for ds in &rubric.datasets {
        let (df, sources_, files_) = frames.remove(&ds.id).expect("frame");
        let (df, rejected_rows) = check_units(ds, df, &sources_, &canon, &mut diags)?;
        for r in rejected_rows {
            inputs[files_[r]].rows_rejected += 1;
        }
        if Some(&ds.id) != rubric.unit_dataset.as_ref() && df.height() > 0 {
            let present: std::collections::HashSet<String> = df
                .column("__unit")?
                .str()?
                .iter()
                .flatten()
                .map(str::to_string)
                .collect();
            for (u, _) in &units {
                if !present.contains(u) {
                    diags.push(
                        Diagnostic::warning(
                            Code::UnitWithoutData,
                            format!("unit `{u}` has no rows in dataset `{}`", ds.id),
                        )
                        .dataset(&ds.id)
                        .value(u.clone()),
                    );
                }
            }
        }
        tables.insert(
            ds.id.clone(),
            Table {
                df,
                sources: sources_,
            },
        );
    }
    for i in &mut inputs {
        i.rows_used = i.rows_read - i.rows_rejected;
    }
    Ok(Loaded {
        tables,
        inputs,
        diagnostics: diags,
        units,
    })
}

/// The index in `inputs` of (this file, dataset), adding the entry on first use.
fn input_index(
    inputs: &mut Vec<InputFile>,
    seen: &mut HashMap<String, usize>,
    dataset: &str,
    path: &str,
    sha: &str,
) -> usize {
    *seen.entry(dataset.to_string()).or_insert_with(|| {
        inputs.push(InputFile {
            dataset: dataset.to_string(),
            path: path.to_string(),
            sha256: sha.to_string(),
            sheets: vec![],
            rows_read: 0,
            rows_used: 0,
            rows_rejected: 0,
        });
        inputs.len() - 1
    })
}

/// The files of a data folder, sorted by name; other entries are reported as information.
fn list_dir(dir: &Path, diags: &mut Vec<Diagnostic>) -> Result<Vec<PathBuf>, LoadError> {
    let err = |e| LoadError::Dir {
        path: dir.display().to_string(),
        err: e,
    };
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(err)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if !p.is_file() || name.starts_with('.') {
            continue;
        }
        if name.starts_with("~$") {
            diags.push(
                Diagnostic::info(Code::UnmatchedFile, "an Office lock file; ignored")
                    .file(&p.display().to_string()),
            );
            continue;
        }
        match read::extension(&p) {
            Some(e) if read::EXTENSIONS.contains(&e.as_str()) => out.push(p),
            _ => diags.push(
                Diagnostic::info(
                    Code::UnmatchedFile,
                    "not a spreadsheet or CSV file; ignored",
                )
                .file(&p.display().to_string()),
            ),
        }
    }
    Ok(out)
}

/// Report why a sheet meant for `ds` cannot be read; returns the rows rejected with it.
fn header_problem(
    ds: &Dataset,
    near: Option<Header>,
    sheet: &Sheet,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) -> usize {
    let non_blank = |from: usize| {
        sheet
            .rows
            .iter()
            .skip(from)
            .filter(|(_, c)| !c.iter().all(Raw::is_blank))
            .count()
    };
    match near {
        Some(h) => {
            let row = sheet.rows[h.row_index].0;
            for m in h.missing_required(ds) {
                let col = ds.column(m).expect("schema column");
                let aka = if col.aliases.is_empty() {
                    String::new()
                } else {
                    format!(" (also accepted: {})", col.aliases.join(", "))
                };
                diags.push(
                    Diagnostic::error(Code::MissingColumn, format!("required column `{m}`{aka} is not in the header; the sheet's rows are rejected"))
                        .dataset(&ds.id)
                        .file(file)
                        .sheet(sheet.name.as_deref())
                        .at(&Location::new(file, sheet.name.clone(), row))
                        .value(m.to_string()),
                );
            }
            non_blank(h.row_index + 1)
        }
        None => {
            diags.push(
                Diagnostic::error(Code::HeaderNotFound, format!("no header row of dataset `{}` in the first {} rows; the sheet's rows are rejected", ds.id, header::HEADER_SEARCH_ROWS))
                    .dataset(&ds.id)
                    .file(file)
                    .sheet(sheet.name.as_deref()),
            );
            non_blank(0)
        }
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

/// Type the rows below the header; returns (rows read, rows rejected).
fn type_rows(
    ds: &Dataset,
    a: &Assigned,
    file: &str,
    b: &mut Builder,
    diags: &mut Vec<Diagnostic>,
) -> (usize, usize) {
    let sheet_name = a.sheet.name.as_deref();
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
            diags.push(
                Diagnostic::warning(Code::MissingColumn, format!("optional column `{}` is not in the header; it is missing for every row of this sheet", col.name))
                    .dataset(&ds.id)
                    .at(&at(header_row))
                    .value(col.name.clone()),
            );
        }
    }
    // How each numeric column writes numbers, decided from all of its cells in this sheet
    // (other columns never read a style).
    let numeric = |kind: &crate::rubric::ColumnType| {
        !matches!(
            kind,
            crate::rubric::ColumnType::Text
                | crate::rubric::ColumnType::Category { .. }
                | crate::rubric::ColumnType::Date
                | crate::rubric::ColumnType::Boolean
        )
    };
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
                col.kind == crate::rubric::ColumnType::Percent,
            ),
            _ => cell::Style::default(),
        })
        .collect();
    for (j, t) in &a.header.extra {
        diags.push(
            Diagnostic::info(
                Code::ExtraColumn,
                format!("column `{t}` is not in the schema of `{}`; ignored", ds.id),
            )
            .dataset(&ds.id)
            .at(&at(header_row))
            .column(*j)
            .value(t.clone()),
        );
    }
    for (j, t, c) in &a.header.duplicate {
        diags.push(
            Diagnostic::warning(
                Code::DuplicateColumn,
                format!("column `{t}` names `{c}` again; the first one is used"),
            )
            .dataset(&ds.id)
            .at(&at(header_row))
            .column(*j)
            .value(t.clone()),
        );
    }
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
            diags.push(
                Diagnostic::info(Code::BlankRow, "blank row; skipped")
                    .dataset(&ds.id)
                    .file(file)
                    .sheet(sheet_name)
                    .at(&at(r)),
            );
        }
        read += 1;
        let loc = at(*row);
        if is_totals_row(cells) {
            let shown = cells
                .iter()
                .take(4)
                .map(cell::text)
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" | ");
            diags.push(
                Diagnostic::warning(Code::TotalsRow, "a totals row, not a unit's data; rejected")
                    .dataset(&ds.id)
                    .at(&loc)
                    .value(shown),
            );
            rejected += 1;
            continue;
        }
        let mut values = Vec::with_capacity(ds.columns.len());
        let mut reject = false;
        for (ci, col) in ds.columns.iter().enumerate() {
            let Some(j) = a.header.columns[ci] else {
                values.push(None);
                continue;
            };
            let raw = cells.get(j).unwrap_or(&Raw::Empty);
            // The cell as shown in diagnostics; only built when one is reported.
            let shown = || raw.show();
            let d = |code, msg: String| {
                Diagnostic::new(code, crate::diag::Severity::Warning, msg)
                    .dataset(&ds.id)
                    .at(&loc)
                    .column(j)
                    .value(shown())
            };
            let v = match cell::parse(raw, col, styles[ci]) {
                Ok(v) => {
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
                        diags.push(d(
                            Code::AmbiguousNumber,
                            format!("`{}`: `{}` {why}; read as {read_as}", col.name, shown()),
                        ));
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
                            let shown = shown();
                            diags.push(d(Code::AmbiguousNumber, format!("`{}`: `{shown}` read as {shown} % because this column is written in whole percentages; write `{shown}%` or a share such as 0,5 consistently", col.name)));
                        }
                    }
                    v
                }
                Err(CellProblem::NotAnswered) => {
                    *not_answered.entry(j).or_insert(0) += 1;
                    None
                }
                Err(p) => {
                    let (code, msg) = match p {
                        CellProblem::FormulaError => (
                            Code::FormulaError,
                            format!("`{}` is a formula error", col.name),
                        ),
                        CellProblem::Invalid(m) => {
                            (Code::InvalidValue, format!("`{}`: {m}", col.name))
                        }
                        CellProblem::OutOfRange(m) => {
                            (Code::OutOfRange, format!("`{}`: {m}", col.name))
                        }
                        CellProblem::UnknownCategory(m) => (
                            Code::UnknownCategory,
                            format!("`{}`: expected {m}", col.name),
                        ),
                        CellProblem::NotAnswered => unreachable!(),
                    };
                    let mut diag = d(code, msg);
                    if col.required {
                        diag.severity = crate::diag::Severity::Error;
                        diag.message.push_str("; required, so the row is rejected");
                        reject = true;
                    } else {
                        diag.message.push_str("; read as missing");
                    }
                    diags.push(diag);
                    None
                }
            };
            if v.is_none() && col.required && !reject {
                let mut diag = d(
                    Code::MissingValue,
                    format!("required `{}` is empty; the row is rejected", col.name),
                );
                diag.severity = crate::diag::Severity::Error;
                diags.push(diag);
                reject = true;
            }
            values.push(v);
        }
        if reject {
            rejected += 1;
            continue;
        }
        b.push(values, loc, a.file);
    }
    if read == 0 {
        diags.push(
            Diagnostic::warning(
                Code::NoRows,
                format!("the sheet has the header of `{}` but no data rows", ds.id),
            )
            .dataset(&ds.id)
            .at(&at(header_row)),
        );
    }
    for (j, n) in not_answered {
        diags.push(
            Diagnostic::info(Code::NotAnswered, format!("{n} answer(s) such as 'tidak tahu' or '-' in this column were read as missing, not zero"))
                .dataset(&ds.id)
                .file(file)
                .sheet(sheet_name)
                .column(j)
                .value(n.to_string()),
        );
    }
    (read, rejected)
}

/// Add the derived columns, in order.
fn derive(ds: &Dataset, df: DataFrame) -> Result<DataFrame, LoadError> {
    let mut lf = df.lazy();
    for d in &ds.derived {
        let e = crate::sql::parse(&d.expr).map_err(|e| LoadError::Derived {
            dataset: ds.id.clone(),
            message: e.message,
        })?;
        lf = lf.with_column(e.alias(d.name.as_str()));
    }
    lf.collect().map_err(|e| LoadError::Derived {
        dataset: ds.id.clone(),
        message: crate::sql::clean(&e),
    })
}

/// Unit keys compare ignoring case and surrounding spaces.
pub fn fold_key(s: &str) -> String {
    s.trim().to_lowercase()
}

fn key_strings(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<String>>> {
    let c = df.column(name)?.cast(&DataType::String)?;
    Ok(c.str()?
        .iter()
        .map(|o| o.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()))
        .collect())
}

/// The unit list: the unit dataset's keys, or else every key seen.
fn unit_list(
    rubric: &Rubric,
    frames: &BTreeMap<String, (DataFrame, Vec<Location>, Vec<usize>)>,
    _diags: &mut [Diagnostic],
) -> PolarsResult<Vec<(String, Option<String>)>> {
    let mut units: BTreeMap<String, (String, Option<String>)> = BTreeMap::new();
    let from: Vec<&Dataset> = match &rubric.unit_dataset {
        Some(id) => rubric.dataset(id).into_iter().collect(),
        None => rubric.datasets.iter().collect(),
    };
    for ds in from {
        let (df, _, _) = &frames[&ds.id];
        let keys = key_strings(df, &ds.unit_key)?;
        let names = match &rubric.unit_name {
            Some(n) if df.column(n).is_ok() => key_strings(df, n)?,
            _ => vec![None; keys.len()],
        };
        for (k, n) in keys.into_iter().zip(names) {
            if let Some(k) = k {
                let e = units.entry(fold_key(&k)).or_insert((k, None));
                if e.1.is_none() {
                    e.1 = n;
                }
            }
        }
    }
    let mut v: Vec<(String, Option<String>)> = units.into_values().collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(v)
}

/// The sheet column of a schema column for a row, when the column is in the schema.
fn key_column(ds: &Dataset, src: &Location, name: &str) -> Option<usize> {
    ds.columns
        .iter()
        .position(|c| c.name == name)
        .and_then(|i| src.column_of(i))
}

/// Reject rows with no key, an unknown unit, or a repeated unique key; add `__unit`.
fn check_units(
    ds: &Dataset,
    df: DataFrame,
    sources: &[Location],
    canon: &HashMap<String, String>,
    diags: &mut Vec<Diagnostic>,
) -> Result<(DataFrame, Vec<usize>), LoadError> {
    let keys = key_strings(&df, &ds.unit_key)?;
    let rows: Vec<u32> = df
        .column("__row")?
        .u32()?
        .iter()
        .map(|r| r.unwrap_or(0))
        .collect();
    let uniq: Vec<Vec<Option<String>>> = ds
        .unique
        .iter()
        .map(|c| key_strings(&df, c))
        .collect::<PolarsResult<_>>()?;
    let mut seen: HashMap<Vec<String>, usize> = HashMap::new();
    let mut keep = Vec::with_capacity(keys.len());
    let mut unit = Vec::with_capacity(keys.len());
    let mut rejected = Vec::new();
    let mut unit_ids: Vec<String> = canon.values().cloned().collect();
    unit_ids.sort();
    for (i, k) in keys.iter().enumerate() {
        let src = &sources[rows[i] as usize];
        let mut ok = true;
        match k {
            None => {
                diags.push(
                    Diagnostic::error(
                        Code::DerivedMissing,
                        format!(
                            "the unit key `{}` is empty for this row; rejected",
                            ds.unit_key
                        ),
                    )
                    .dataset(&ds.id)
                    .at(src)
                    .column_opt(key_column(ds, src, &ds.unit_key)),
                );
                ok = false;
            }
            Some(k) if !canon.contains_key(&fold_key(k)) => {
                let hint = crate::sql::nearest(k, &unit_ids)
                    .map(|n| format!(" (did you mean `{n}`?)"))
                    .unwrap_or_default();
                diags.push(
                    Diagnostic::error(
                        Code::UnknownUnit,
                        format!(
                            "`{}` = `{k}` is not in the unit list{hint}; rejected",
                            ds.unit_key
                        ),
                    )
                    .dataset(&ds.id)
                    .at(src)
                    .column_opt(key_column(ds, src, &ds.unit_key))
                    .value(k.clone()),
                );
                ok = false;
            }
            _ => {}
        }
        if ok && !uniq.is_empty() {
            let key: Vec<String> = uniq
                .iter()
                .map(|c| c[i].as_deref().map(fold_key).unwrap_or_default())
                .collect();
            if let Some(first) = seen.get(&key) {
                let f = &sources[rows[*first] as usize];
                let sheet = f
                    .sheet
                    .as_ref()
                    .map(|s| format!(" [{s}]"))
                    .unwrap_or_default();
                // Personal keys (an NIP) never reach an output: say where, not what.
                let personal = ds
                    .unique
                    .iter()
                    .any(|c| ds.column(c).is_some_and(|c| c.personal));
                let shown: Vec<String> = if personal {
                    vec!["(personal data, not shown)".to_string()]
                } else {
                    uniq.iter()
                        .map(|c| c[i].clone().unwrap_or_default())
                        .collect()
                };
                diags.push(
                    Diagnostic::error(
                        Code::DuplicateKey,
                        format!(
                            "repeats {} of {}{} row {}; rejected",
                            ds.unique.join(" + "),
                            f.file,
                            sheet,
                            f.row
                        ),
                    )
                    .dataset(&ds.id)
                    .at(src)
                    .column_opt(key_column(ds, src, &ds.unique[0]))
                    .value(shown.join(" + ")),
                );
                ok = false;
            } else {
                seen.insert(key, i);
            }
        }
        keep.push(ok);
        unit.push(if ok {
            k.as_ref().and_then(|k| canon.get(&fold_key(k)).cloned())
        } else {
            None
        });
        if !ok {
            rejected.push(rows[i] as usize);
        }
    }
    let mut df = df;
    df.with_column(Column::new("__unit".into(), unit))?;
    let mask = BooleanChunked::from_slice("keep".into(), &keep);
    let df = df.filter(&mask)?;
    // `rejected` holds source indexes; map them to file indexes through the caller's table.
    Ok((df, rejected))
}
