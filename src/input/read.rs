//! Reading a file into raw sheets of cells: workbooks (xlsx, xlsm, xlsb, xls, ods) through
//! calamine, CSV through the csv crate (`,`, `;` or tab; UTF-8 with or without BOM, UTF-16
//! with a BOM, or Windows-1252 through encoding_rs).
//!
//! No schema knowledge here: it returns cells and their 1-based spreadsheet row numbers.

use super::cell::Raw;
use calamine::{Data, Reader, SheetVisible, open_workbook_auto};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A file that could not be read at all. Its words come from the message catalogue
/// (`ReadError::msg`, both languages); `Display` is the English one, for the error chain.
#[derive(Debug)]
pub enum ReadError {
    Io { path: String, err: std::io::Error },
    Unsupported { path: String },
    Encrypted { path: String },
    Corrupt { path: String, detail: String },
    Encoding { path: String },
    Empty { path: String },
    TooLarge { path: String, detail: String },
}

impl ReadError {
    /// What went wrong, in both languages.
    pub fn msg(&self) -> crate::messages::Msg {
        use crate::msg;
        match self {
            ReadError::Io { path, err } => msg!("read-io", path = path, err = err.to_string()),
            ReadError::Unsupported { path } => msg!("read-unsupported", path = path),
            ReadError::Encrypted { path } => msg!("read-encrypted", path = path),
            ReadError::Corrupt { path, detail } => {
                msg!("read-corrupt", path = path, detail = detail)
            }
            ReadError::Encoding { path } => msg!("read-encoding", path = path),
            ReadError::Empty { path } => msg!("read-empty", path = path),
            ReadError::TooLarge { path, detail } => {
                msg!("read-too-large", path = path, detail = detail)
            }
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.msg().en)
    }
}

/// The I/O error is in the message already, so it is not also given as the source.
impl std::error::Error for ReadError {}

/// One sheet's cells.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// Sheet name; `None` for CSV.
    pub name: Option<String>,
    pub hidden: bool,
    /// Rows with their 1-based spreadsheet row number; cells from column A.
    pub rows: Vec<(u32, Vec<Raw>)>,
    /// A CSV file's encoding when it was not UTF-8 (e.g. `windows-1252`).
    pub encoding: Option<&'static str>,
    /// 1-based numbers of the rows hidden in the workbook (xlsx and ods).
    pub hidden_rows: Vec<u32>,
    /// 0-based indices (column A = 0) of the columns hidden in the workbook (xlsx and ods).
    pub hidden_columns: Vec<u32>,
    /// The workbook declares this sheet its instructions (a form written by kesiapan).
    pub instructions: bool,
}

/// The extensions kesiapan reads.
pub const EXTENSIONS: [&str; 6] = ["xlsx", "xlsm", "xlsb", "xls", "ods", "csv"];

pub fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
}

/// Read every sheet of each file and hash its bytes (SHA-256, hex), with up to one thread per
/// core; results in the order of `paths`.
pub fn read_all(paths: &[PathBuf]) -> Vec<Result<(Vec<Sheet>, String), ReadError>> {
    let one = |path: &PathBuf| -> Result<(Vec<Sheet>, String), ReadError> {
        crate::progress::reading(&path.display().to_string());
        let sheets = read_file(path)?;
        let bytes = crate::fsread::read(path, u64::MAX).map_err(|e| ReadError::Io {
            path: path.display().to_string(),
            err: e,
        })?;
        let sha = crate::rubric::hex(&Sha256::digest(&bytes));
        crate::progress::file_read(sheets.iter().map(|s| s.rows.len()).sum());
        Ok((sheets, sha))
    };
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(paths.len());
    if threads <= 1 {
        return paths.iter().map(one).collect();
    }
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<Option<Result<(Vec<Sheet>, String), ReadError>>>> =
        Mutex::new((0..paths.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(p) = paths.get(i) else { break };
                    let r = one(p);
                    done.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(r);
                }
            });
        }
    });
    done.into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|r| r.expect("every file read"))
        .collect()
}

/// Read every sheet of a file.
pub fn read_file(path: &Path) -> Result<Vec<Sheet>, ReadError> {
    let shown = path.display().to_string();
    let bytes_head = {
        use std::io::Read;
        let mut f = std::fs::File::open(path).map_err(|e| ReadError::Io {
            path: shown.clone(),
            err: e,
        })?;
        let mut head = [0u8; 8];
        let n = f.read(&mut head).map_err(|e| ReadError::Io {
            path: shown.clone(),
            err: e,
        })?;
        head[..n].to_vec()
    };
    if bytes_head.is_empty() {
        return Err(ReadError::Empty { path: shown });
    }
    match extension(path).as_deref() {
        Some("csv") => read_csv(path),
        Some("xlsx" | "xlsm" | "xlsb" | "xls" | "ods") => {
            let ole = bytes_head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
            let ext = extension(path).unwrap_or_default();
            if ole && ext != "xls" {
                // An OLE container named .xlsx/.ods is an encrypted OOXML package.
                return Err(ReadError::Encrypted { path: shown });
            }
            let mut hidden = std::collections::HashMap::new();
            let mut hidden_cols = std::collections::HashMap::new();
            let mut instructions = Vec::new();
            let mut uncomputed = std::collections::HashMap::new();
            if matches!(ext.as_str(), "xlsx" | "xlsm" | "ods") {
                match super::guard::inspect(path) {
                    Ok(p) => {
                        hidden = p.hidden_rows;
                        hidden_cols = p.hidden_columns;
                        instructions = p.instructions;
                        uncomputed = p.uncomputed;
                    }
                    Err(super::guard::Refused::TooLarge(detail)) => {
                        return Err(ReadError::TooLarge {
                            path: shown,
                            detail,
                        });
                    }
                    // calamine says what is wrong with it.
                    Err(super::guard::Refused::Unreadable) => {}
                }
            }
            let mut sheets = read_workbook(path)?;
            for s in &mut sheets {
                if let Some(h) = s.name.as_ref().and_then(|n| hidden.remove(n)) {
                    s.hidden_rows = h;
                }
                if let Some(h) = s.name.as_ref().and_then(|n| hidden_cols.remove(n)) {
                    s.hidden_columns = h;
                }
                s.instructions = s.name.as_ref().is_some_and(|n| instructions.contains(n));
                if let Some(cells) = s.name.as_ref().and_then(|n| uncomputed.remove(n)) {
                    mark_uncomputed(s, &cells);
                }
            }
            Ok(sheets)
        }
        _ => Err(ReadError::Unsupported { path: shown }),
    }
}

/// The merged regions of a sheet (xls and xlsx; calamine does not read them from ods), as
/// 0-based (first row, first column, last row, last column). A sheet whose regions cannot be
/// read has none: its cells are read as they are.
fn merged_cells<R: std::io::Read + std::io::Seek>(
    wb: &mut calamine::Sheets<R>,
    sheet: &str,
) -> Vec<(u32, u32, u32, u32)> {
    let dims = match wb {
        calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(sheet).ok(),
        calamine::Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(sheet).ok(),
        _ => None,
    };
    dims.unwrap_or_default()
        .into_iter()
        .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
        .collect()
}

/// A cell merged down over several rows of one column (`Kode OPD` written once beside ten job
/// rows) is what a reader sees on each of those rows: its value is copied down. Regions wider
/// than one column (titles, grouped headers) are left as they are.
fn fill_merged_down(rows: &mut [(u32, Vec<Raw>)], merged: &[(u32, u32, u32, u32)]) {
    for &(r0, c0, r1, c1) in merged {
        if c0 != c1 || r1 <= r0 {
            continue;
        }
        let (first, last, col) = (r0 + 1, r1 + 1, c0 as usize);
        // Rows are in sheet order: each region touches only its own rows (a crafted file with
        // many regions costs their rows, not regions × rows).
        let start = rows.partition_point(|(n, _)| *n < first);
        let Some(top) = rows
            .get(start)
            .filter(|(n, _)| *n == first)
            .and_then(|(_, cells)| cells.get(col))
            .filter(|c| !c.is_blank())
            .cloned()
        else {
            continue;
        };
        let end = rows.partition_point(|(n, _)| *n <= last);
        for (_, cells) in &mut rows[start + 1..end] {
            if cells.len() <= col {
                cells.resize(col + 1, Raw::Empty);
            }
            if cells[col].is_blank() {
                cells[col] = top.clone();
            }
        }
    }
}

fn read_workbook(path: &Path) -> Result<Vec<Sheet>, ReadError> {
    let shown = path.display().to_string();
    // calamine picks the reader by extension, case-sensitively.
    let mut wb = open_workbook_auto(path).map_err(|e| classify(&shown, e.to_string()))?;
    let meta = wb.sheets_metadata().to_vec();
    let mut out = Vec::new();
    for sheet in meta {
        let range = wb
            .worksheet_range(&sheet.name)
            .map_err(|e| classify(&shown, e.to_string()))?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let mut rows = Vec::new();
        for (i, r) in range.rows().enumerate() {
            let mut cells = vec![Raw::Empty; col0 as usize];
            cells.extend(r.iter().map(convert));
            while matches!(cells.last(), Some(c) if c.is_blank()) {
                cells.pop();
            }
            rows.push((row0 + i as u32 + 1, cells));
        }
        fill_merged_down(&mut rows, &merged_cells(&mut wb, &sheet.name));
        out.push(Sheet {
            name: Some(sheet.name.clone()),
            hidden: sheet.visible != SheetVisible::Visible,
            rows,
            encoding: None,
            hidden_rows: Vec::new(),
            hidden_columns: Vec::new(),
            instructions: false,
        });
    }
    Ok(out)
}

fn classify(path: &str, detail: String) -> ReadError {
    if detail.to_lowercase().contains("password") || detail.to_lowercase().contains("encrypt") {
        ReadError::Encrypted {
            path: path.to_string(),
        }
    } else {
        ReadError::Corrupt {
            path: path.to_string(),
            detail,
        }
    }
}

fn convert(d: &Data) -> Raw {
    match d {
        Data::Int(i) => Raw::Number(*i as f64),
        Data::Float(f) => Raw::Number(*f),
        Data::String(s) => Raw::Text(s.as_str().into()),
        Data::Bool(b) => Raw::Bool(*b),
        Data::DateTime(dt) => Raw::Date(dt.as_f64()),
        Data::DateTimeIso(s) => Raw::Text(s.split('T').next().unwrap_or(s).into()),
        Data::DurationIso(s) => Raw::Text(s.as_str().into()),
        Data::Error(e) => Raw::Error(format!("{e}")),
        Data::Empty => Raw::Empty,
    }
}

/// What a formula cell saved without its value reads as.
pub const UNCOMPUTED: &str = "formula without a saved value (open and save the file in Excel)";

/// Formula cells saved without their value become formula errors, in rows that hold other
/// values; a row of nothing but such formulas (a template's prepared rows) stays blank.
fn mark_uncomputed(sheet: &mut Sheet, cells: &[(u32, u32)]) {
    let mut by_row: std::collections::BTreeMap<u32, Vec<usize>> = Default::default();
    for (r, c) in cells {
        if *c >= 1 {
            by_row.entry(*r).or_default().push(*c as usize - 1);
        }
    }
    for (r, cols) in by_row {
        let Ok(i) = sheet.rows.binary_search_by_key(&r, |(n, _)| *n) else {
            continue;
        };
        let row = &mut sheet.rows[i].1;
        if row.iter().all(Raw::is_blank) {
            continue;
        }
        for c in cols {
            if row.len() <= c {
                row.resize(c + 1, Raw::Empty);
            }
            if row[c].is_blank() {
                row[c] = Raw::Error(UNCOMPUTED.to_string());
            }
        }
    }
}

/// Pick the delimiter that splits the first lines most consistently: `;`, `,` or tab.
pub fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let mut best = (b',', 0usize);
    for d in [b';', b',', b'\t'] {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| l.bytes().filter(|b| *b == d).count())
            .collect();
        let max = counts.iter().copied().max().unwrap_or(0);
        // Rows that share the most common non-zero count.
        let mode_rows = counts.iter().filter(|c| **c == max && max > 0).count();
        let score = mode_rows * 1000 + max;
        if score > best.1 {
            best = (d, score);
        }
    }
    best.0
}

fn read_csv(path: &Path) -> Result<Vec<Sheet>, ReadError> {
    let shown = path.display().to_string();
    let bytes = crate::fsread::read(path, u64::MAX).map_err(|e| ReadError::Io {
        path: shown.clone(),
        err: e,
    })?;
    let (text, encoding) = decode_csv(&bytes).ok_or_else(|| ReadError::Encoding {
        path: shown.clone(),
    })?;
    let text: &str = &text;
    if text.contains('\0') {
        return Err(ReadError::Corrupt {
            path: shown,
            detail: "binary content".into(),
        });
    }
    let delimiter = sniff_delimiter(text);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    // About one row per line: sized up front, so a million-row file is not copied as it grows.
    let mut rows = Vec::with_capacity(memchr_count(text.as_bytes(), b'\n') + 1);
    // Newlines counted so far, up to byte `counted_to`: records come in order, so each byte is
    // counted once (counting from the start for every record was quadratic in the rows).
    let (mut counted_to, mut newlines) = (0usize, 0u32);
    for rec in rdr.records() {
        let rec = rec.map_err(|e| ReadError::Corrupt {
            path: shown.clone(),
            detail: e.to_string(),
        })?;
        // The csv crate counts a record from the end of the previous one, so blank lines
        // before it would shift its line: count from the record's first byte instead.
        let line = rec
            .position()
            .map(|p| {
                let mut start = p.byte() as usize;
                while matches!(text.as_bytes().get(start), Some(b'\n' | b'\r')) {
                    start += 1;
                }
                let start = start.min(text.len()).max(counted_to);
                newlines += text.as_bytes()[counted_to..start]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count() as u32;
                counted_to = start;
                1 + newlines
            })
            .unwrap_or(rows.len() as u32 + 1);
        let mut cells: Vec<Raw> = rec
            .iter()
            .map(|s| {
                if s.trim().is_empty() {
                    Raw::Empty
                } else {
                    Raw::Text(s.into())
                }
            })
            .collect();
        while matches!(cells.last(), Some(c) if c.is_blank()) {
            cells.pop();
        }
        rows.push((line, cells));
    }
    Ok(vec![Sheet {
        name: None,
        hidden: false,
        rows,
        encoding,
        hidden_rows: Vec::new(),
        hidden_columns: Vec::new(),
        instructions: false,
    }])
}

/// Decode CSV bytes: UTF-8 (a BOM is dropped), UTF-16 with a BOM, else Windows-1252 (what
/// Excel's plain "CSV" writes on an Indonesian or English Windows). Returns the text and, when
/// it was not UTF-8, the encoding's name. `None` for bytes that are no text at all.
pub fn decode_csv(bytes: &[u8]) -> Option<(std::borrow::Cow<'_, str>, Option<&'static str>)> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return None;
        }
        let name = (enc != encoding_rs::UTF_8).then(|| enc.name());
        return Some((text, name));
    }
    if let Ok(t) = std::str::from_utf8(bytes) {
        return Some((std::borrow::Cow::Borrowed(t), None));
    }
    // Windows-1252 maps every byte but five; those (and NUL) mean binary, not text.
    let (text, had_errors) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    if had_errors {
        return None;
    }
    Some((text, Some(encoding_rs::WINDOWS_1252.name())))
}

/// How many times `byte` occurs in `bytes`.
fn memchr_count(bytes: &[u8], byte: u8) -> usize {
    bytes.iter().filter(|b| **b == byte).count()
}

#[cfg(test)]
mod merged_tests {
    use super::*;

    /// Corpus (Dinkes .xls): `Kode OPD` merged down beside ten job rows; nine rows were
    /// rejected as having no unit.
    #[test]
    fn a_cell_merged_down_is_on_every_row_it_covers() {
        let t = |s: &str| Raw::Text(s.into());
        let mut rows = vec![
            (5, vec![t("1"), t("OPD-01"), t("Analis")]),
            (6, vec![t("2"), Raw::Empty, t("Pranata")]),
            (7, vec![t("3")]),
            (8, vec![t("4"), Raw::Empty, t("Sopir")]),
        ];
        // B5:B7 merged down; A5:C5 merged across (left alone).
        fill_merged_down(&mut rows, &[(4, 1, 6, 1), (4, 0, 4, 2)]);
        assert_eq!(rows[1].1[1], t("OPD-01"));
        assert_eq!(rows[2].1[1], t("OPD-01"));
        assert_eq!(rows[3].1[1], Raw::Empty);
        assert_eq!(rows[0].1[0], t("1"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_semicolons_even_with_decimal_commas() {
        let t = "Kode;Nama;Bandwidth\nA;Dinas X;12,5\nB;Dinas Y;3,0\n";
        assert_eq!(sniff_delimiter(t), b';');
        let t = "a,b,c\n1,2,3\n";
        assert_eq!(sniff_delimiter(t), b',');
    }

    #[test]
    fn csv_line_numbers_survive_blank_lines_and_multiline_cells() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.csv");
        std::fs::write(&p, "a,b\n1,2\n\n\n3,\"x\ny\"\n4,5\r\n\r\n6,7\n").unwrap();
        let sheets = read_file(&p).unwrap();
        let lines: Vec<u32> = sheets[0].rows.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, vec![1, 2, 5, 7, 9]);
    }
}
