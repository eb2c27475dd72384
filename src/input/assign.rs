//! Assigning files and sheets to datasets: the explicit `--input` files and the data folder's
//! files are read, each file is matched to a dataset by its name (the rubric's `files`
//! patterns), else each sheet by its header; a form's instructions sheet is skipped; a sheet
//! meant for a dataset but without its header has its rows rejected.
//!
//! Nothing is typed here: an assigned sheet keeps its raw cells for `typing.rs`.

use super::Loader;
use super::cell::Raw;
use super::diags;
use super::header::{self, Header};
use super::model::{Assigned, InputFile, LoadError, Unreadable};
use super::read::{self, ReadError, Sheet};
use crate::diag::{Diagnostic, Location};
use crate::progress;
use crate::rubric::Dataset;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A file to read: the dataset it was given for (`--input DATASET=FILE`), and its path.
pub(super) type ToRead = (Option<String>, PathBuf);

impl Loader<'_> {
    /// The explicit files in canonical order (by resolved path, then dataset: the order they
    /// were given in changes nothing), then the data folder's other files (sorted by name).
    pub(super) fn files(&mut self) -> Result<Vec<ToRead>, LoadError> {
        let rubric = self.rubric;
        let mut files: Vec<ToRead> = Vec::new();
        let mut given: Vec<&(String, std::path::PathBuf)> = self.sources.files.iter().collect();
        given.sort_by_cached_key(|(ds, p)| {
            (crate::output::overlap::resolve(p), p.clone(), ds.clone())
        });
        for (ds, p) in given {
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
        if let Some(dir) = &self.sources.dir {
            for p in list_dir(dir, &mut self.diags)? {
                if self.is_master(&p) {
                    continue;
                }
                if !files.iter().any(|(_, f)| f == &p) {
                    files.push((None, p));
                }
            }
        }
        Ok(files)
    }

    /// Whether a data-folder file is the master list of units (never a dataset's file).
    pub(super) fn is_master(&self, p: &Path) -> bool {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let given = self.sources.units.as_deref().is_some_and(|u| {
            crate::output::overlap::resolve(u) == crate::output::overlap::resolve(p)
        });
        given
            || self
                .rubric
                .unit_master
                .as_ref()
                .is_some_and(|m| m.matches(&name))
    }

    /// The master-list files: `--units FILE`, else the data folder's files matching the
    /// rubric's `[units] master`.
    pub(super) fn master_files(&mut self) -> Result<Vec<PathBuf>, LoadError> {
        if let Some(u) = &self.sources.units {
            return Ok(vec![u.clone()]);
        }
        let (Some(_), Some(dir)) = (&self.rubric.unit_master, &self.sources.dir) else {
            return Ok(Vec::new());
        };
        let mut ignored = Vec::new();
        Ok(list_dir(dir, &mut ignored)?
            .into_iter()
            .filter(|p| self.is_master(p))
            .collect())
    }

    /// Read (and hash) every file, several at a time, then assign them in order.
    pub(super) fn assign(&mut self, files: Vec<ToRead>) -> Result<(), LoadError> {
        progress::phase(progress::Phase::Read);
        let paths: Vec<PathBuf> = files.iter().map(|(_, p)| p.clone()).collect();
        let contents = read::read_all(&paths);
        progress::phase(progress::Phase::Validate);
        let mut read_errors = Vec::new();
        for ((forced, path), content) in files.into_iter().zip(contents) {
            if let Err(e) = self.assign_file(forced, &path, content) {
                read_errors.push(e);
            }
        }
        if !read_errors.is_empty() {
            return Err(LoadError::Files(read_errors));
        }
        Ok(())
    }

    /// Match one file (or its sheets) to datasets; a read error is returned unless the run
    /// keeps going past unreadable files.
    fn assign_file(
        &mut self,
        forced: Option<String>,
        path: &Path,
        content: Result<(Vec<Sheet>, String), ReadError>,
    ) -> Result<(), ReadError> {
        let rubric = self.rubric;
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
                .filter(|d| d.files.iter().any(|p| p.matches(&name)))
                .collect(),
        };
        if by_pattern.len() > 1 {
            self.diags
                .push(diags::name_fits_several(&shown, &by_pattern));
            return Ok(());
        }
        let (sheets, sha) = match content {
            Ok(c) => c,
            Err(e) if self.sources.keep_going => {
                let promised = match by_pattern.as_slice() {
                    [ds] => Some(ds.id.as_str()),
                    _ => None,
                };
                self.diags
                    .push(diags::unreadable_file(&shown, &e, promised));
                return Ok(());
            }
            Err(e) => return Err(e),
        };
        let modified = std::fs::metadata(path)
            .and_then(|m| m.modified())
            .unwrap_or(std::time::UNIX_EPOCH);
        self.file_time.insert(shown.clone(), modified);
        if let Some(enc) = sheets.iter().find_map(|s| s.encoding) {
            self.diags.push(diags::legacy_encoding(&shown, enc));
        }
        let candidates: Vec<&Dataset> = if by_pattern.is_empty() {
            rubric.datasets.iter().collect()
        } else {
            by_pattern.clone()
        };
        let mut file = FileIndex {
            path: &shown,
            sha: &sha,
            seen: HashMap::new(),
        };
        let mut any = false;
        let mut unread = Vec::new();
        for sheet in sheets {
            let sheet_name = sheet.name.clone();
            if sheet.hidden {
                self.diags
                    .push(diags::hidden_sheet(&shown, sheet_name.as_deref()));
                continue;
            }
            if sheet.rows.iter().all(|(_, c)| c.iter().all(Raw::is_blank)) {
                continue;
            }
            // A kesiapan form's instructions sheet (with its one example row) is not data;
            // rows typed under its example are reported, not read.
            if sheet.instructions {
                self.instructions_sheet(&candidates, &shown, &sheet);
                continue;
            }
            let (mut fits, near) = fitting(&candidates, &sheet);
            fits.sort_by_key(|(_, h)| std::cmp::Reverse(h.matched()));
            let chosen = match fits.len() {
                0 => None,
                1 => fits.pop(),
                _ if fits[0].1.matched() > fits[1].1.matched() => Some(fits.swap_remove(0)),
                _ => {
                    let tied: Vec<&Dataset> = fits.iter().map(|(d, _)| *d).collect();
                    self.diags.push(diags::header_fits_several(
                        &shown,
                        sheet_name.as_deref(),
                        &tied,
                    ));
                    any = true;
                    continue;
                }
            };
            match chosen {
                Some((ds, h)) => {
                    any = true;
                    let idx = file.index(&mut self.inputs, &ds.id);
                    if let Some(n) = &sheet_name {
                        self.inputs[idx].sheets.push(n.clone());
                    }
                    self.assigned.push(Assigned {
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
        for (ds, h, sheet) in unread {
            self.unread_sheet(&mut file, ds, h, sheet);
        }
        if !any {
            self.diags.push(diags::file_not_used(&shown));
        }
        Ok(())
    }

    /// Rows typed under the example of a form's instructions sheet: reported, not read.
    fn instructions_sheet(&mut self, candidates: &[&Dataset], file: &str, sheet: &Sheet) {
        for ds in candidates {
            if let Some(h) = header::find(ds, &sheet.rows) {
                let below: Vec<u32> = sheet
                    .rows
                    .iter()
                    .skip(h.row_index + 1)
                    .filter(|(_, c)| !c.iter().all(Raw::is_blank))
                    .map(|(r, _)| *r)
                    .collect();
                if below.len() > 1 && h.missing_required(ds).is_empty() {
                    self.diags.push(diags::typed_in_instructions(
                        &ds.id,
                        file,
                        sheet.name.as_deref(),
                        &below,
                    ));
                }
                break;
            }
        }
    }

    /// A sheet meant for `ds` by its file's name but without its (complete) header. In a file
    /// whose other sheet was read (an instructions sheet beside the data) it is information;
    /// in a file with no readable sheet, an error, and its rows are rejected.
    fn unread_sheet(
        &mut self,
        file: &mut FileIndex,
        ds: &Dataset,
        h: Option<Header>,
        sheet: Sheet,
    ) {
        let shown = file.path;
        if self
            .assigned
            .iter()
            .any(|x| x.dataset == ds.id && self.inputs[x.file].path == shown)
        {
            // A kesiapan form's own instructions sheet needs no mention.
            if !sheet.instructions {
                self.diags.push(diags::other_sheet_read(
                    &ds.id,
                    shown,
                    sheet.name.as_deref(),
                ));
            }
            return;
        }
        let idx = file.index(&mut self.inputs, &ds.id);
        let rejected = header_problem(ds, h.as_ref(), &sheet, shown, &mut self.diags);
        // Its rows are rejected, yet everything else wrong with the sheet is said in the same
        // run (its other header problems, the column-number row, notes, totals, every cell that
        // cannot be read), so the office fixes it in one round, not three. The rows are typed
        // as any sheet's, into a builder that is thrown away.
        let sheet = match h {
            Some(header) => {
                self.assigned.push(Assigned {
                    file: idx,
                    sheet,
                    dataset: ds.id.clone(),
                    header,
                });
                let tracked = self.track.rejected.len();
                let mut scratch = super::typing::Builder::new(ds);
                self.type_rows(self.assigned.len() - 1, &mut scratch);
                // Every row of the sheet is rejected below, once.
                self.track.rejected.truncate(tracked);
                let a = self.assigned.pop().expect("just pushed");
                return self.reject_unread(ds, idx, rejected, a.sheet, Some(a.header), shown);
            }
            None => sheet,
        };
        self.reject_unread(ds, idx, rejected, sheet, None, shown);
    }

    /// Reject every non-blank row of an unread sheet below its header (`h`), and keep the
    /// sheet for the rejected-rows workbook.
    fn reject_unread(
        &mut self,
        ds: &Dataset,
        idx: usize,
        rejected: usize,
        sheet: Sheet,
        h: Option<Header>,
        shown: &str,
    ) {
        let from = h.as_ref().map(|h| h.row_index + 1).unwrap_or(0);
        for (r, cells) in sheet.rows.iter().skip(from) {
            if !cells.iter().all(Raw::is_blank) {
                self.track
                    .rejected
                    .push((ds.id.clone(), (shown.to_string(), sheet.name.clone(), *r)));
            }
        }
        self.inputs[idx].rows_read += rejected;
        self.inputs[idx].rows_rejected += rejected;
        self.unreadable.push(Unreadable {
            file: shown.to_string(),
            sheet,
            header: h,
        });
    }
}

/// Which datasets' headers this sheet has: complete ones (`fits`) and ones missing a required
/// column (`near`). A dataset with `sheets` patterns is only looked for in sheets they match.
fn fitting<'r>(
    candidates: &[&'r Dataset],
    sheet: &Sheet,
) -> (Vec<(&'r Dataset, Header)>, Vec<(&'r Dataset, Header)>) {
    let mut fits = Vec::new();
    let mut near = Vec::new();
    for ds in candidates {
        if !ds.sheets.is_empty() {
            let sn = sheet.name.clone().unwrap_or_default().to_lowercase();
            if !ds.sheets.iter().any(|p| p.matches(&sn)) {
                continue;
            }
        }
        if let Some(mut h) = header::find(ds, &sheet.rows) {
            h.prefer_visible(ds, sheet);
            if h.missing_required(ds).is_empty() {
                fits.push((*ds, h));
            } else {
                near.push((*ds, h));
            }
        }
    }
    (fits, near)
}

/// One file's entries in `Loaded::inputs`, one per dataset it gives rows to.
pub(super) struct FileIndex<'a> {
    path: &'a str,
    sha: &'a str,
    /// Dataset → index in `inputs`.
    seen: HashMap<String, usize>,
}

impl FileIndex<'_> {
    /// The index in `inputs` of (this file, dataset), adding the entry on first use.
    fn index(&mut self, inputs: &mut Vec<InputFile>, dataset: &str) -> usize {
        *self.seen.entry(dataset.to_string()).or_insert_with(|| {
            inputs.push(InputFile {
                dataset: dataset.to_string(),
                path: self.path.to_string(),
                sha256: self.sha.to_string(),
                sheets: vec![],
                rows_read: 0,
                rows_used: 0,
                rows_rejected: 0,
            });
            inputs.len() - 1
        })
    }
}

/// The files of a data folder, sorted by name; other entries are reported as information
/// (hidden files and kesiapan's manifest are skipped).
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
        // kesiapan's own manifest (a folder of forms it wrote) is not data.
        if !p.is_file() || name.starts_with('.') || name == crate::output::MANIFEST {
            continue;
        }
        if name.starts_with("~$") {
            diags.push(diags::lock_file(&p.display().to_string()));
            continue;
        }
        match read::extension(&p) {
            Some(e) if read::EXTENSIONS.contains(&e.as_str()) => out.push(p),
            _ => diags.push(diags::not_a_spreadsheet(&p.display().to_string())),
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
            let at = Location::new(file, sheet.name.clone(), sheet.rows[h.row_index].0);
            for m in h.missing_required(ds) {
                let col = ds.column(m).expect("schema column");
                diags.push(diags::missing_required_column(&ds.id, &at, m, &col.aliases));
            }
            non_blank(h.row_index + 1)
        }
        None => {
            diags.push(diags::header_not_found(&ds.id, file, sheet.name.as_deref()));
            non_blank(0)
        }
    }
}
