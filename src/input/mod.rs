//! Loading the datasets a rubric declares: find each file's dataset (by filename pattern, else
//! by header), read and type every row, and keep a source map (file, sheet, row) for each.
//! Every row read is either used or rejected with a diagnostic; the counts are kept per file.
//!
//! Output: one polars `DataFrame` per dataset (schema columns, derived columns, `__unit` with
//! the canonical unit id, `__row` indexing the source map). No scoring happens here.

pub mod cell;
pub mod guard;
pub mod header;
pub mod read;
pub mod units;

use crate::diag::{Code, Diagnostic, Location};
use crate::rubric::{Dataset, Rubric};
use cell::{CellProblem, Raw, Value};
use header::Header;
use polars::prelude::*;
use read::{ReadError, Sheet};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Hash maps and sets over per-row keys: foldhash (seeded per process, so no worse against
/// crafted keys than the standard one for a local tool) is several times faster than SipHash.
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
type FastSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

/// Where the data comes from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// A folder whose files are matched to datasets.
    pub dir: Option<PathBuf>,
    /// Explicit files: (dataset id, path).
    pub files: Vec<(String, PathBuf)>,
    /// Which row wins when two files give the same key.
    pub resubmit: Resubmit,
    /// A file that cannot be read is an `unreadable-file` error and the run goes on.
    pub keep_going: bool,
}

/// Which of two rows with the same key (in different files) is kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Resubmit {
    /// Neither file is trusted over the other: the first row is kept, the repeat rejected.
    #[default]
    Reject,
    /// The file read later (folder order: by name) replaces the earlier one of the same unit.
    Order,
    /// The file modified last replaces the older one of the same unit (ties: folder order).
    Date,
}

/// What is shown instead of a personal value.
pub const PERSONAL: &str = "(personal data, not shown)";

/// A row's place: (file, sheet, row).
type RowKey = (String, Option<String>, u32);

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
    pub sources: SourceMap,
}

/// Where each row of a table came from, compactly: two integers a row (sheet, row number),
/// the sheet's file name, sheet name and column map once. A `Location` is built only for the
/// rows a diagnostic names (a `Location` a row cost about 120 bytes and two allocations).
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    /// One per sheet read into the table; `row` unused.
    sheets: Vec<Location>,
    /// (index in `sheets`, row number) of each table row.
    rows: Vec<(u32, u32)>,
}

impl SourceMap {
    /// Register a sheet; its rows are then pushed with the returned index.
    fn add_sheet(&mut self, sheet: Location) -> u32 {
        self.sheets.push(sheet);
        (self.sheets.len() - 1) as u32
    }

    fn push(&mut self, sheet: u32, row: u32) {
        self.rows.push((sheet, row));
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The place of table row `i`.
    pub fn get(&self, i: usize) -> Location {
        let (sheet, row) = self.rows[i];
        let mut l = self.sheets[sheet as usize].clone();
        l.row = row;
        l
    }
}

/// Everything loaded.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub tables: BTreeMap<String, Table>,
    pub inputs: Vec<InputFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// The units, sorted by id, with their names.
    pub units: Vec<(String, Option<String>)>,
    /// Every rejected row with its original cells, in reading order.
    pub rejected: Vec<RejectedRow>,
    /// Units named only by a rejected row of the unit dataset (its one row had a bad value):
    /// not assessed, but their problems are attributed to them and they get feedback.
    pub pending_units: Vec<(String, Option<String>)>,
}

/// A rejected row as the file had it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RejectedRow {
    pub dataset: String,
    pub file: String,
    pub sheet: Option<String>,
    pub row: u32,
    /// The sheet's header cells (column letters where unknown or blank).
    pub header: Vec<String>,
    /// The row's cells as shown in the sheet.
    pub cells: Vec<String>,
    /// Which cells hold personal data (never shown outside the unit's own feedback).
    pub personal: Vec<bool>,
    /// The unit, when its key was recognised.
    pub unit: Option<String>,
}

/// Rows followed while loading: the rejected rows.
#[derive(Default)]
struct Track {
    rejected: Vec<(String, RowKey)>,
    /// Rows rejected for a bad or missing value: (dataset, unit key as written, place).
    bad_rows: Vec<(String, String, Location)>,
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
    Text(Vec<Option<compact_str::CompactString>>),
    Int(Vec<Option<i64>>),
    Float(Vec<Option<f64>>),
    Bool(Vec<Option<bool>>),
}

struct Builder {
    cols: Vec<ColBuf>,
    sources: SourceMap,
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
        self.sources.rows.reserve(n);
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

    fn frame(self, ds: &Dataset) -> PolarsResult<(DataFrame, SourceMap, Vec<usize>)> {
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
        Ok((DataFrame::new(n, columns)?, self.sources, self.file_of_row))
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
    // Sheets meant for a dataset but without its (complete) header; their rows are rejected.
    let mut unreadable: Vec<(String, String, Sheet, Option<Header>)> = Vec::new();
    let mut track = Track::default();
    let mut file_time: HashMap<String, std::time::SystemTime> = HashMap::new();

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
            Err(e) if sources.keep_going => {
                let mut d =
                    Diagnostic::error(Code::UnreadableFile, format!("{e}; skipped")).file(&shown);
                // The dataset its name promises, for the completeness table.
                if let [ds] = by_pattern.as_slice() {
                    d = d.dataset(&ds.id);
                }
                diags.push(d);
                continue;
            }
            Err(e) => {
                read_errors.push(e);
                continue;
            }
        };
        let modified = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .unwrap_or(std::time::UNIX_EPOCH);
        file_time.insert(shown.clone(), modified);
        if let Some(enc) = sheets.iter().find_map(|s| s.encoding) {
            diags.push(
                Diagnostic::info(
                    Code::LegacyEncoding,
                    format!("not UTF-8: read as {enc} text (Excel's plain \"CSV\"); check letters such as é"),
                )
                .file(&shown)
                .value(enc),
            );
        }
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
            // A kesiapan form's instructions sheet (with its one example row) is not data;
            // rows typed under its example are reported, not read.
            if sheet.instructions {
                for ds in &candidates {
                    if let Some(h) = header::find(ds, &sheet.rows) {
                        let below: Vec<u32> = sheet
                            .rows
                            .iter()
                            .skip(h.row_index + 1)
                            .filter(|(_, c)| !c.iter().all(Raw::is_blank))
                            .map(|(r, _)| *r)
                            .collect();
                        if below.len() > 1 && h.missing_required(ds).is_empty() {
                            diags.push(
                                Diagnostic::warning(
                                    Code::UnmatchedFile,
                                    format!(
                                        "{} row(s) typed in the form's instructions sheet under the example were not read; type the data in the data sheet",
                                        below.len() - 1
                                    ),
                                )
                                .dataset(&ds.id)
                                .file(&shown)
                                .sheet(sheet_name.as_deref())
                                .value(format!("rows {}-{}", below[1], below[below.len() - 1])),
                            );
                        }
                        break;
                    }
                }
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
                // A kesiapan form's own instructions sheet needs no mention.
                if sheet.instructions {
                    continue;
                }
                diags.push(
                    Diagnostic::info(Code::HeaderNotFound, format!("this sheet has no header of `{}`; not read (another sheet of the file was)", ds.id))
                        .dataset(&ds.id)
                        .file(&shown)
                        .sheet(sheet.name.as_deref()),
                );
                continue;
            }
            let idx = input_index(&mut inputs, &mut file_index, &ds.id, &shown, &sha);
            let rejected = header_problem(ds, h.as_ref(), &sheet, &shown, &mut diags);
            let from = h.as_ref().map(|h| h.row_index + 1).unwrap_or(0);
            for (r, cells) in sheet.rows.iter().skip(from) {
                if !cells.iter().all(Raw::is_blank) {
                    track
                        .rejected
                        .push((ds.id.clone(), (shown.clone(), sheet.name.clone(), *r)));
                }
            }
            inputs[idx].rows_read += rejected;
            inputs[idx].rows_rejected += rejected;
            unreadable.push((shown.clone(), ds.id.clone(), sheet, h));
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

    // Type every row; keep each row's unit key as written, to say whose problem it is.
    let mut builders: BTreeMap<String, Builder> = rubric
        .datasets
        .iter()
        .map(|d| (d.id.clone(), Builder::new(d)))
        .collect();
    // The raw cells stay until the end: rows rejected later (duplicate keys, found across files)
    // are written to the rejected-rows workbook as the file had them.
    for a in &assigned {
        let ds = rubric
            .dataset(&a.dataset)
            .expect("assigned to a known dataset");
        let b = builders.get_mut(&a.dataset).expect("builder per dataset");
        let (read, rejected) = type_rows(ds, a, &inputs[a.file].path, b, &mut diags, &mut track);
        inputs[a.file].rows_read += read;
        inputs[a.file].rows_rejected += rejected;
    }

    // Frames with derived columns; then unit keys.
    let mut frames: BTreeMap<String, (DataFrame, SourceMap, Vec<usize>)> = BTreeMap::new();
    for ds in &rubric.datasets {
        let b = builders.remove(&ds.id).expect("builder");
        let (df, sources_, files_) = b.frame(ds)?;
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
    let resolver = units::Resolver::new(&units);
    // Units whose row in the unit dataset was rejected: known, but not in the list.
    let mut pending: BTreeMap<String, (String, Location)> = BTreeMap::new();
    if let Some(ud) = &rubric.unit_dataset {
        for (ds, k, loc) in &track.bad_rows {
            if ds == ud && resolver.resolve(k).unit().is_none() {
                pending
                    .entry(fold_key(k))
                    .or_insert_with(|| (k.trim().to_string(), loc.clone()));
            }
        }
    }
    // How recent each file is, for `Resubmit`: its place in the reading order, or its date.
    let file_rank: Vec<(std::time::SystemTime, usize)> = inputs
        .iter()
        .enumerate()
        .map(|(i, f)| match sources.resubmit {
            Resubmit::Date => (
                file_time
                    .get(&f.path)
                    .copied()
                    .unwrap_or(std::time::UNIX_EPOCH),
                i,
            ),
            _ => (std::time::UNIX_EPOCH, i),
        })
        .collect();
    let mut tables = BTreeMap::new();
    for ds in &rubric.datasets {
        let (df, sources_, files_) = frames.remove(&ds.id).expect("frame");
        let ctx = KeyCheck {
            sources: &sources_,
            file_of: &files_,
            file_rank: &file_rank,
            resolver: &resolver,
            resubmit: sources.resubmit,
            pending: &pending,
            unit_dataset: rubric.unit_dataset.as_deref(),
        };
        let (df, rejected_rows) = check_units(ds, df, &ctx, &mut diags)?;
        for r in rejected_rows {
            inputs[files_[r]].rows_rejected += 1;
            let l = sources_.get(r);
            track
                .rejected
                .push((ds.id.clone(), (l.file.clone(), l.sheet.clone(), l.row)));
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
    if let Some(check) = &rubric.response {
        low_response(rubric, check, &tables, &units, &mut diags)?;
    }
    // Problems are attributed to pending units too, so they reach them.
    let pending_units: Vec<(String, Option<String>)> = pending
        .values()
        .map(|(k, loc)| {
            let name = rubric.unit_name.as_ref().and_then(|n| {
                let ds = rubric.dataset(rubric.unit_dataset.as_deref()?)?;
                let ci = ds.columns.iter().position(|c| &c.name == n)?;
                let j = loc.column_of(ci)?;
                let sheet = assigned
                    .iter()
                    .find(|a| inputs[a.file].path == loc.file && a.sheet.name == loc.sheet)?;
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
        .collect();
    let everyone = units::Resolver::new(
        &units
            .iter()
            .cloned()
            .chain(pending_units.iter().cloned())
            .collect::<Vec<_>>(),
    );
    let row_keys = RowKeys::new(rubric, &assigned, &inputs);
    attribute(&mut diags, &row_keys, &everyone);
    let rejected = rejected_rows(
        rubric,
        &track,
        &row_keys,
        &assigned,
        &inputs,
        &unreadable,
        &everyone,
    );
    Ok(Loaded {
        tables,
        inputs,
        diagnostics: diags,
        units,
        rejected,
        pending_units,
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
    near: Option<&Header>,
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

/// A row with one text cell in a dataset needing at least two columns: a note such as
/// "Catatan: data per 31 Mei" or a signature line. Returns the text (shortened).
fn notes_row(ds: &Dataset, cells: &[Raw]) -> Option<String> {
    if ds.columns.iter().filter(|c| c.required).count() < 2 {
        return None;
    }
    let mut filled = cells.iter().filter(|c| !c.is_blank());
    match (filled.next(), filled.next()) {
        (Some(Raw::Text(t)), None) => Some(shorten(&hide_ids(t.trim()), 80)),
        _ => None,
    }
}

/// Runs of 8 or more digits (an NIP under a signature, a phone number) replaced by `#`s.
pub fn hide_ids(s: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.chars().filter(char::is_ascii_digit).count() >= 8 {
            out.push_str("########");
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in s.chars() {
        if c.is_ascii_digit() || (c == ' ' && !run.is_empty()) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// At most `n` characters, with `…` when cut.
pub fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(n).collect();
        out.push('…');
        out
    }
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

/// Type the rows below the header; returns (rows read, rows rejected).
fn type_rows(
    ds: &Dataset,
    a: &Assigned,
    file: &str,
    b: &mut Builder,
    diags: &mut Vec<Diagnostic>,
    track: &mut Track,
) -> (usize, usize) {
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
    for (j, t, c, sim) in &a.header.fuzzy {
        diags.push(
            Diagnostic::warning(
                Code::SimilarColumn,
                format!(
                    "column `{t}` taken as `{c}` (similarity {:.0} %); rename it to `{c}` if that is right",
                    sim * 100.0
                ),
            )
            .dataset(&ds.id)
            .at(&at(header_row))
            .column(*j)
            .value(t.clone()),
        );
    }
    for (j, t, cands) in &a.header.ambiguous {
        diags.push(
            Diagnostic::warning(
                Code::AmbiguousColumn,
                format!(
                    "column `{t}` is about as close to {}; not used: rename it to the one meant",
                    cands
                        .iter()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(" and ")
                ),
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
    b.reserve(a.sheet.rows.len().saturating_sub(a.header.row_index + 1));
    let sheet_index = b.sources.add_sheet(at(header_row));
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
        // Built only when a diagnostic needs it.
        let loc = || at(*row);
        if a.sheet.hidden_rows.binary_search(row).is_ok() {
            diags.push(
                Diagnostic::warning(
                    Code::HiddenRow,
                    "this row is hidden in the workbook; it was read as data: unhide it to check, delete it if it is not meant to be sent",
                )
                .dataset(&ds.id)
                .at(&loc()),
            );
        }
        if let Some(note) = notes_row(ds, cells) {
            diags.push(
                Diagnostic::warning(
                    Code::NotesRow,
                    "only one cell is filled: a note, source line or signature, not data; rejected",
                )
                .dataset(&ds.id)
                .at(&loc())
                .value(note),
            );
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
            diags.push(
                Diagnostic::warning(Code::TotalsRow, "a totals row, not a unit's data; rejected")
                    .dataset(&ds.id)
                    .at(&loc())
                    .value(shown),
            );
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
            let raw = cells.get(j).unwrap_or(&Raw::Empty);
            // The cell as shown in diagnostics, only built when one is reported. Personal cells
            // (an NIP) never reach a report: say where, not what.
            let shown = || {
                if col.personal {
                    PERSONAL.to_string()
                } else {
                    raw.show()
                }
            };
            let d = |code, msg: String| {
                Diagnostic::new(code, crate::diag::Severity::Warning, msg)
                    .dataset(&ds.id)
                    .at(&loc())
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
    frames: &BTreeMap<String, (DataFrame, SourceMap, Vec<usize>)>,
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
/// The sheet column holding schema column `name`, by a sheet's header.
fn header_column(ds: &Dataset, header: &Header, name: &str) -> Option<usize> {
    ds.columns
        .iter()
        .position(|c| c.name == name)
        .and_then(|i| header.columns[i])
}

fn key_column(ds: &Dataset, src: &Location, name: &str) -> Option<usize> {
    ds.columns
        .iter()
        .position(|c| c.name == name)
        .and_then(|i| src.column_of(i))
}

/// What `check_units` needs besides the frame.
struct KeyCheck<'a> {
    /// Source of each row, by `__row`.
    sources: &'a SourceMap,
    /// Index in `Loaded::inputs` of each row, by `__row`.
    file_of: &'a [usize],
    /// How recent each input file is (higher wins under `Resubmit::Order`/`Date`).
    file_rank: &'a [(std::time::SystemTime, usize)],
    resolver: &'a units::Resolver,
    resubmit: Resubmit,
    /// Units whose unit-dataset row was rejected (folded key → (key, its place)).
    pending: &'a BTreeMap<String, (String, Location)>,
    unit_dataset: Option<&'a str>,
}

fn place(l: &Location) -> String {
    let sheet = l
        .sheet
        .as_ref()
        .map(|s| format!(" [{s}]"))
        .unwrap_or_default();
    format!("{}{} row {}", l.file, sheet, l.row)
}

/// Reject rows with no key, an unknown unit, or a repeated unique key; add `__unit`.
/// A unit written by its name is recognised with a warning; two files giving the same key
/// are settled by `Resubmit`.
fn check_units(
    ds: &Dataset,
    df: DataFrame,
    ctx: &KeyCheck,
    diags: &mut Vec<Diagnostic>,
) -> Result<(DataFrame, Vec<usize>), LoadError> {
    let sources = ctx.sources;
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
    let mut keep = vec![true; keys.len()];
    let mut unit: Vec<Option<String>> = vec![None; keys.len()];
    let mut unit_ids: Vec<String> = ctx.resolver.units().map(str::to_string).collect::<Vec<_>>();
    unit_ids.sort();
    // foldhash, not SipHash, for the maps keyed per row (millions at national size).
    let mut cache: FastMap<String, units::Resolved> = FastMap::default();
    // A diagnostic on this dataset at row `i`'s unit-key cell (its place built only then).
    let at_key = |d: Diagnostic, i: usize| {
        let src = sources.get(rows[i] as usize);
        d.dataset(&ds.id)
            .column_opt(key_column(ds, &src, &ds.unit_key))
            .at(&src)
    };
    for (i, k) in keys.iter().enumerate() {
        let Some(k) = k else {
            diags.push(at_key(
                Diagnostic::error(
                    Code::DerivedMissing,
                    format!(
                        "the unit key `{}` is empty for this row; rejected",
                        ds.unit_key
                    ),
                ),
                i,
            ));
            keep[i] = false;
            continue;
        };
        if !cache.contains_key(k.as_str()) {
            cache.insert(k.clone(), ctx.resolver.resolve(k));
        }
        let r = &cache[k.as_str()];
        let d = |code, msg: String| {
            at_key(
                Diagnostic::new(code, crate::diag::Severity::Warning, msg),
                i,
            )
            .value(k.clone())
        };
        match r {
            units::Resolved::Code(_) => {}
            units::Resolved::CodeVariant(u) => diags.push(
                d(
                    Code::UnitByName,
                    format!(
                        "`{}` = `{k}` read as `{u}` (the code written another way)",
                        ds.unit_key
                    ),
                )
                .unit(u),
            ),
            units::Resolved::Name {
                unit: u,
                confidence,
            } => {
                let name = ctx.resolver.name_of(u).unwrap_or_default();
                diags.push(
                    d(
                        Code::UnitByName,
                        format!(
                            "`{}` = `{k}` is not a code; recognised as `{u}` ({name}) by its name, confidence {:.0} %",
                            ds.unit_key,
                            (confidence * 100.0).floor()
                        ),
                    )
                    .unit(u),
                );
            }
            units::Resolved::Ambiguous(c) => {
                let mut diag = d(
                    Code::AmbiguousUnit,
                    format!(
                        "`{}` = `{k}` fits several units: {}; write the code; rejected",
                        ds.unit_key,
                        c.iter()
                            .map(|(u, n, s)| format!("{u} {n} ({:.0} %)", (s * 100.0).floor()))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                diag.severity = crate::diag::Severity::Error;
                diags.push(diag);
                keep[i] = false;
            }
            units::Resolved::Unknown if ctx.pending.contains_key(&fold_key(k)) => {
                let (key, at) = &ctx.pending[&fold_key(k)];
                let mut diag = d(
                    Code::UnknownUnit,
                    format!(
                        "`{}` = `{k}`: this unit's row in `{}` ({}) was rejected, so it is not in the unit list and this row is rejected too; fix that row",
                        ds.unit_key,
                        ctx.unit_dataset.unwrap_or("-"),
                        place(at)
                    ),
                )
                .unit(key);
                diag.severity = crate::diag::Severity::Error;
                diags.push(diag);
                keep[i] = false;
            }
            units::Resolved::Unknown => {
                let hint = crate::sql::nearest(k, &unit_ids)
                    .map(|n| format!(" (did you mean `{n}`?)"))
                    .unwrap_or_default();
                let mut diag = d(
                    Code::UnknownUnit,
                    format!(
                        "`{}` = `{k}` is not in the unit list{hint}; rejected",
                        ds.unit_key
                    ),
                );
                diag.severity = crate::diag::Severity::Error;
                diags.push(diag);
                keep[i] = false;
            }
        }
        unit[i] = r.unit().map(str::to_string);
    }

    // Rows sharing a unique key, in reading order (only groups of two rows or more). Each row's
    // key is hashed without being built; only the rows whose hash repeats have their key built
    // and compared, so that a hash collision can never join two different keys.
    let group = |keep: &[bool]| -> Vec<Vec<usize>> {
        if uniq.is_empty() {
            return Vec::new();
        }
        let parts = |i: usize| -> Vec<String> {
            ds.unique
                .iter()
                .zip(&uniq)
                .map(|(name, c)| {
                    if *name == ds.unit_key {
                        unit[i].clone().unwrap_or_default()
                    } else {
                        c[i].as_deref().map(fold_key).unwrap_or_default()
                    }
                })
                .collect()
        };
        let state = foldhash::fast::FixedState::with_seed(0x6b65_7369_6170_616e);
        let hash = |i: usize| -> u64 {
            use std::hash::{BuildHasher, Hasher};
            let mut h = state.build_hasher();
            for (name, c) in ds.unique.iter().zip(&uniq) {
                if *name == ds.unit_key {
                    h.write(unit[i].as_deref().unwrap_or_default().as_bytes());
                } else {
                    match c[i].as_deref() {
                        // `fold_key` byte by byte, without building it.
                        Some(s) if s.is_ascii() => {
                            for b in s.trim().bytes() {
                                h.write_u8(b.to_ascii_lowercase());
                            }
                        }
                        Some(s) => {
                            for b in fold_key(s).bytes() {
                                h.write_u8(b);
                            }
                        }
                        None => {}
                    }
                }
                h.write_u8(0xff); // not a byte of UTF-8: parts cannot run together
            }
            h.finish()
        };
        let kept: Vec<usize> = (0..keys.len()).filter(|i| keep[*i]).collect();
        let hashes: Vec<u64> = kept.iter().map(|&i| hash(i)).collect();
        let mut count: FastMap<u64, u32> = FastMap::default();
        count.reserve(kept.len());
        for h in &hashes {
            *count.entry(*h).or_insert(0) += 1;
        }
        let mut index: HashMap<Vec<String>, usize> = HashMap::new();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (&i, h) in kept.iter().zip(&hashes) {
            if count[h] < 2 {
                continue;
            }
            let key = parts(i);
            match index.get(&key) {
                Some(g) => groups[*g].push(i),
                None => {
                    index.insert(key, groups.len());
                    groups.push(vec![i]);
                }
            }
        }
        groups
    };
    let file = |i: usize| ctx.file_of[rows[i] as usize];

    // Resubmissions (when asked): a file of a unit that shares a key with a newer file of the
    // same unit is replaced whole by it; keys of different units are never settled this way.
    if ctx.resubmit != Resubmit::Reject {
        let mut replaced: HashMap<(usize, String), usize> = HashMap::new();
        for g in group(&keep).iter().filter(|g| g.len() > 1) {
            let Some(u) = unit[g[0]].clone() else {
                continue;
            };
            if g.iter().any(|i| unit[*i].as_deref() != Some(u.as_str())) {
                continue;
            }
            let newest = g
                .iter()
                .map(|i| file(*i))
                .max_by_key(|f| ctx.file_rank[*f])
                .expect("a group has rows");
            for f in g.iter().map(|i| file(*i)).filter(|f| *f != newest) {
                let by = replaced.entry((f, u.clone())).or_insert(newest);
                if ctx.file_rank[newest] > ctx.file_rank[*by] {
                    *by = newest;
                }
            }
        }
        // Follow chains (a first file replaced by a second, itself replaced by a third).
        let last = |mut f: usize, u: &str| {
            while let Some(by) = replaced.get(&(f, u.to_string())) {
                f = *by;
            }
            f
        };
        let first_row_of: HashMap<usize, usize> =
            (0..keys.len()).rev().map(|i| (file(i), i)).collect();
        let how = match ctx.resubmit {
            Resubmit::Date => "the newest file by date wins",
            _ => "the file read last wins",
        };
        let kept: Vec<usize> = (0..keys.len()).filter(|i| keep[*i]).collect();
        for i in kept {
            let Some(u) = unit[i].clone() else { continue };
            if !replaced.contains_key(&(file(i), u.clone())) {
                continue;
            }
            let by = last(file(i), &u);
            let w = &sources.get(rows[first_row_of[&by]] as usize);
            let src = &sources.get(rows[i] as usize);
            diags.push(
                Diagnostic::warning(
                    Code::Superseded,
                    format!(
                        "`{u}` sent `{}` again in {} ({how}): this file's rows of `{u}` are replaced by that one's; not used",
                        ds.id, w.file
                    ),
                )
                .dataset(&ds.id)
                .at(src)
                .column_opt(key_column(ds, src, &ds.unique[0]))
                .unit(&u)
                .value(w.file.clone()),
            );
            keep[i] = false;
        }
    }

    // Personal keys (an NIP) never reach an output: say where, not what.
    let personal = ds
        .unique
        .iter()
        .any(|c| ds.column(c).is_some_and(|c| c.personal));
    // Remaining repeats: the first row is kept, the others rejected with both places.
    for g in group(&keep).iter().filter(|g| g.len() > 1) {
        let winner = g[0];
        let w = &sources.get(rows[winner] as usize);
        let shown: String = if personal {
            PERSONAL.to_string()
        } else {
            uniq.iter()
                .map(|c| c[winner].clone().unwrap_or_default())
                .collect::<Vec<_>>()
                .join(" + ")
        };
        for &i in &g[1..] {
            let src = &sources.get(rows[i] as usize);
            let diff = differences(ds, &df, winner, i)?;
            let same = if diff.is_empty() {
                "same values".to_string()
            } else {
                format!("different values in {}", diff.join(", "))
            };
            let other_file = file(i) != file(winner);
            let what = if other_file && !diff.is_empty() {
                "conflicts with"
            } else {
                "repeats"
            };
            let advice = match (other_file, unit[i] == unit[winner]) {
                (true, true) => {
                    "; if one file replaces the other, remove the old one or run with --resubmit order|date"
                }
                (true, false) => "; two units use the same key",
                _ => "",
            };
            diags.push(
                Diagnostic::error(
                    Code::DuplicateKey,
                    format!(
                        "{what} {} of {} ({same}); rejected{advice}",
                        ds.unique.join(" + "),
                        place(w)
                    ),
                )
                .dataset(&ds.id)
                .at(src)
                .column_opt(key_column(ds, src, &ds.unique[0]))
                .value(shown.clone()),
            );
            keep[i] = false;
        }
    }
    let rejected: Vec<usize> = (0..keys.len())
        .filter(|i| !keep[*i])
        .map(|i| rows[i] as usize)
        .collect();
    let unit: Vec<Option<String>> = unit
        .into_iter()
        .zip(&keep)
        .map(|(u, k)| if *k { u } else { None })
        .collect();
    let mut df = df;
    df.with_column(Column::new("__unit".into(), unit))?;
    let mask = BooleanChunked::from_slice("keep".into(), &keep);
    let df = df.filter(&mask)?;
    Ok((df, rejected))
}

/// The schema columns in which rows `a` and `b` differ (personal ones named, never shown).
fn differences(ds: &Dataset, df: &DataFrame, a: usize, b: usize) -> PolarsResult<Vec<String>> {
    let mut out = Vec::new();
    for c in &ds.columns {
        let col = df.column(&c.name)?;
        let (x, y) = (col.get(a)?, col.get(b)?);
        if x != y {
            out.push(if c.personal {
                format!("`{}`", c.name)
            } else {
                format!("`{}` ({} vs {})", c.name, show_any(&y), show_any(&x))
            });
        }
    }
    Ok(out)
}

fn show_any(v: &AnyValue) -> String {
    match v {
        AnyValue::Null => "empty".to_string(),
        AnyValue::String(s) => format!("`{s}`"),
        AnyValue::StringOwned(s) => format!("`{s}`"),
        AnyValue::Boolean(b) => if *b { "Ya" } else { "Tidak" }.to_string(),
        AnyValue::Float64(f) => cell::format_number(*f),
        other => other.to_string(),
    }
}

/// Survey response per unit: respondents ÷ headcount; a `low-response` warning under the
/// rubric's minimum.
fn low_response(
    rubric: &Rubric,
    check: &crate::rubric::ResponseCheck,
    tables: &BTreeMap<String, Table>,
    units: &[(String, Option<String>)],
    diags: &mut Vec<Diagnostic>,
) -> PolarsResult<()> {
    for r in response_rates(rubric, check, tables, units)? {
        if let Some(rate) = r.rate {
            if rate < check.min_rate {
                diags.push(
                    Diagnostic::warning(
                        Code::LowResponse,
                        format!(
                            "{} of {} staff answered the survey ({:.0} %, under {:.0} %): the survey figures of `{}` may not speak for the unit",
                            r.respondents,
                            r.headcount.unwrap_or_default(),
                            (rate * 100.0).floor(),
                            check.min_rate * 100.0,
                            r.unit
                        ),
                    )
                    .dataset(&check.dataset)
                    .unit(&r.unit)
                    .value(format!("{:.3}", rate)),
                );
            }
        }
    }
    Ok(())
}

/// One unit's survey response.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ResponseRate {
    pub unit: String,
    pub respondents: usize,
    pub headcount: Option<i64>,
    /// respondents ÷ headcount, when the headcount is known and positive.
    pub rate: Option<f64>,
}

/// Respondents and headcount of every unit, in unit order.
pub fn response_rates(
    rubric: &Rubric,
    check: &crate::rubric::ResponseCheck,
    tables: &BTreeMap<String, Table>,
    units: &[(String, Option<String>)],
) -> PolarsResult<Vec<ResponseRate>> {
    let count_of = |t: Option<&Table>| -> PolarsResult<HashMap<String, usize>> {
        let mut m = HashMap::new();
        if let Some(t) = t {
            for u in t.df.column("__unit")?.str()?.iter().flatten() {
                *m.entry(u.to_string()).or_insert(0) += 1;
            }
        }
        Ok(m)
    };
    let respondents = count_of(tables.get(&check.dataset))?;
    let mut headcount: HashMap<String, i64> = HashMap::new();
    if let Some(t) = rubric.unit_dataset.as_ref().and_then(|d| tables.get(d)) {
        let h = t.df.column(&check.headcount)?.cast(&DataType::Float64)?;
        let u = t.df.column("__unit")?.str()?.clone();
        for (u, h) in u.iter().zip(h.f64()?.iter()) {
            if let (Some(u), Some(h)) = (u, h) {
                headcount.insert(u.to_string(), h as i64);
            }
        }
    }
    Ok(units
        .iter()
        .map(|(u, _)| {
            let n = respondents.get(u).copied().unwrap_or(0);
            let h = headcount.get(u).copied();
            ResponseRate {
                unit: u.clone(),
                respondents: n,
                headcount: h,
                rate: h.filter(|h| *h > 0).map(|h| n as f64 / h as f64),
            }
        })
        .collect())
}

/// Each data row's unit key as written, read back from the kept sheets when a diagnostic or a
/// rejected row asks: no per-row copy of every key (millions of rows at national size).
struct RowKeys<'a> {
    /// (file, sheet) → (sheet, index of its first data row, key column).
    sheets: HashMap<(&'a str, Option<&'a str>), (&'a Sheet, usize, usize)>,
}

impl<'a> RowKeys<'a> {
    fn new(rubric: &Rubric, assigned: &'a [Assigned], inputs: &'a [InputFile]) -> Self {
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
    fn key(&self, file: &str, sheet: Option<&str>, row: u32) -> Option<String> {
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
fn attribute(diags: &mut [Diagnostic], row_keys: &RowKeys, resolver: &units::Resolver) {
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

/// The original cells of every rejected row, with the sheet's header.
fn rejected_rows(
    rubric: &Rubric,
    track: &Track,
    row_keys: &RowKeys,
    assigned: &[Assigned],
    inputs: &[InputFile],
    unreadable: &[(String, String, Sheet, Option<Header>)],
    resolver: &units::Resolver,
) -> Vec<RejectedRow> {
    // (file, sheet) → (sheet, header)
    let mut sheets: HashMap<(&str, &Option<String>), (&Sheet, Option<&Header>)> = HashMap::new();
    for a in assigned {
        sheets.insert(
            (inputs[a.file].path.as_str(), &a.sheet.name),
            (&a.sheet, Some(&a.header)),
        );
    }
    for (file, _, sheet, h) in unreadable {
        sheets.insert((file.as_str(), &sheet.name), (sheet, h.as_ref()));
    }
    let mut out = Vec::with_capacity(track.rejected.len());
    for (dataset, (file, sheet, row)) in &track.rejected {
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
