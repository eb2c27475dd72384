//! A look inside an xlsx/xlsm package before calamine opens it: refuse what would exhaust
//! memory (a zip bomb, huge shared strings, a used area of billions of cells) and find the rows
//! the author hid, which calamine does not report.
//!
//! It streams every part through a byte counter, so the limits hold on the real decompressed
//! sizes, not the sizes the zip directory claims. It never builds the cells themselves.

use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::{BufReader, Read};
use std::path::Path;

/// Largest decompressed size of one part (a sheet, the shared strings).
pub const MAX_PART_BYTES: u64 = 96 << 20;
/// Largest decompressed size of the whole package.
pub const MAX_TOTAL_BYTES: u64 = 256 << 20;
/// Largest used area of one sheet (rows × columns of the cells holding a value), which
/// calamine and the loader hold densely. Styled empty cells do not count: they are not kept.
pub const MAX_SHEET_CELLS: u64 = 2_000_000;

/// What the look found.
#[derive(Debug, Default)]
pub struct Package {
    /// Sheet name → 1-based numbers of hidden rows.
    pub hidden_rows: HashMap<String, Vec<u32>>,
    /// Sheet name → 0-based indices of hidden columns (column A = 0).
    pub hidden_columns: HashMap<String, Vec<u32>>,
    /// Sheets a kesiapan form declares as its instructions (custom document property
    /// `kesiapan-instructions`).
    pub instructions: Vec<String>,
    /// Sheet name → (row, column), 1-based, of formula cells saved without their value (a
    /// file written by a program that does not calculate); calamine reads them as empty.
    pub uncomputed: HashMap<String, Vec<(u32, u32)>>,
}

/// The custom document property naming a form's instructions sheet.
pub const INSTRUCTIONS_PROPERTY: &str = "kesiapan-instructions";

/// Why the package is refused.
#[derive(Debug)]
pub enum Refused {
    /// Too big to load safely; the text says what and by how much.
    TooLarge(String),
    /// Not a readable package (left to calamine to describe).
    Unreadable,
}

/// A reader that fails once more than `limit` bytes went through it.
struct Counted<R> {
    inner: R,
    read: u64,
    limit: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.limit {
            return Err(std::io::Error::other("part larger than the limit"));
        }
        Ok(n)
    }
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.into_owned())
}

/// `B12` → (row 12, column 2), 1-based.
fn cell_ref(r: &str) -> Option<(u64, u64)> {
    let letters: String = r.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let digits = &r[letters.len()..];
    let mut col = 0u64;
    for c in letters.bytes() {
        col = col * 26 + u64::from(c.to_ascii_uppercase() - b'A' + 1);
    }
    Some((digits.parse().ok()?, col))
}

/// Inspect an xlsx/xlsm file. `Refused::Unreadable` when it is not a zip package at all.
pub fn inspect(path: &Path) -> Result<Package, Refused> {
    let file = std::fs::File::open(path).map_err(|_| Refused::Unreadable)?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|_| Refused::Unreadable)?;
    let mut total = 0u64;
    // Sheet part → sheet name, from the workbook and its relationships.
    let mut rel_target: HashMap<String, String> = HashMap::new();
    let mut sheet_rel: Vec<(String, String)> = Vec::new();
    let mut instructions = Vec::new();
    for (part, is_rels) in [
        ("xl/_rels/workbook.xml.rels", true),
        ("xl/workbook.xml", false),
        ("docProps/custom.xml", false),
    ] {
        let Ok(f) = zip.by_name(part) else { continue };
        let mut counted = Counted {
            inner: f,
            read: 0,
            limit: MAX_PART_BYTES,
        };
        let mut xml = quick_xml::Reader::from_reader(BufReader::new(&mut counted));
        let mut buf = Vec::new();
        let mut in_property = false;
        loop {
            match xml.read_event_into(&mut buf) {
                Ok(Event::Text(t)) if in_property => {
                    let t: &str = t.as_ref();
                    instructions.push(t.trim().to_string());
                    in_property = false;
                }
                Ok(Event::Start(e) | Event::Empty(e)) => {
                    let name = e.local_name();
                    if name.as_ref() == "property" {
                        in_property = attr(&e, "name").as_deref() == Some(INSTRUCTIONS_PROPERTY);
                    }
                    if is_rels && name.as_ref() == "Relationship" {
                        if let (Some(id), Some(t)) = (attr(&e, "Id"), attr(&e, "Target")) {
                            let t = t.trim_start_matches('/');
                            let t = t.strip_prefix("xl/").unwrap_or(t);
                            rel_target.insert(id, format!("xl/{t}"));
                        }
                    } else if !is_rels && name.as_ref() == "sheet" {
                        if let (Some(n), Some(id)) = (attr(&e, "name"), attr(&e, "id")) {
                            sheet_rel.push((n, id));
                        }
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
            buf.clear();
        }
        drop(xml);
        if counted.read > counted.limit {
            return Err(Refused::TooLarge(format!(
                "{part} is larger than {} MiB",
                MAX_PART_BYTES >> 20
            )));
        }
    }
    let sheet_of: HashMap<String, String> = sheet_rel
        .into_iter()
        .filter_map(|(n, id)| rel_target.get(&id).map(|p| (p.clone(), n)))
        .collect();

    // The sizes the directory declares: an honest bomb is refused before anything is inflated.
    let mut declared = 0u64;
    for i in 0..zip.len() {
        if let Ok(f) = zip.by_index_raw(i) {
            let size = f.size();
            let name = f.name().map(|n| n.to_string()).unwrap_or_default();
            if size > MAX_PART_BYTES {
                return Err(Refused::TooLarge(format!(
                    "part {name} declares {} MiB, more than {} MiB",
                    size >> 20,
                    MAX_PART_BYTES >> 20
                )));
            }
            declared = declared.saturating_add(size);
        }
    }
    if declared > MAX_TOTAL_BYTES {
        return Err(Refused::TooLarge(format!(
            "the package declares {} MiB, more than {} MiB",
            declared >> 20,
            MAX_TOTAL_BYTES >> 20
        )));
    }
    let mut out = Package {
        instructions,
        ..Package::default()
    };
    for i in 0..zip.len() {
        let Ok(f) = zip.by_index(i) else {
            return Err(Refused::Unreadable);
        };
        let part = f.name().map(|n| n.to_string()).unwrap_or_default();
        let sheet = sheet_of.get(&part).cloned();
        let mut counted = Counted {
            inner: f,
            read: 0,
            limit: MAX_PART_BYTES,
        };
        let too_large = |what: String| Refused::TooLarge(what);
        match sheet {
            // An OpenDocument spreadsheet: every sheet is in content.xml.
            None if part == "content.xml" => {
                let (hidden, hidden_cols) = ods_hidden(&mut counted);
                if counted.read > counted.limit {
                    return Err(too_large(format!(
                        "content.xml decompresses to more than {} MiB",
                        MAX_PART_BYTES >> 20
                    )));
                }
                total += counted.read;
                out.hidden_rows.extend(hidden);
                out.hidden_columns.extend(hidden_cols);
            }
            None => {
                // Every other part is only measured.
                let mut buf = [0u8; 64 * 1024];
                loop {
                    match counted.read(&mut buf) {
                        Ok(0) => break,
                        Ok(_) => {}
                        Err(_) if counted.read > counted.limit => {
                            return Err(too_large(format!(
                                "part {part} decompresses to more than {} MiB",
                                MAX_PART_BYTES >> 20
                            )));
                        }
                        Err(_) => return Err(Refused::Unreadable),
                    }
                }
                total += counted.read;
            }
            Some(name) => {
                let mut xml = quick_xml::Reader::from_reader(BufReader::new(&mut counted));
                let mut buf = Vec::new();
                let (mut row, mut col) = (0u64, 0u64);
                let (mut max_row, mut max_col) = (0u64, 0u64);
                let (mut min_row, mut min_col) = (u64::MAX, u64::MAX);
                let mut hidden = Vec::new();
                let mut hidden_cols: Vec<u32> = Vec::new();
                let mut uncomputed = Vec::new();
                let (mut has_f, mut has_v) = (false, false);
                let mut failed = false;
                loop {
                    match xml.read_event_into(&mut buf) {
                        Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "f" => {
                            has_f = true;
                        }
                        Ok(Event::End(e)) if e.local_name().as_ref() == "c" => {
                            if has_f && !has_v && uncomputed.len() < MAX_HIDDEN_LISTED {
                                uncomputed.push((row as u32, col as u32));
                            }
                            (has_f, has_v) = (false, false);
                        }
                        Ok(Event::Start(e)) if matches!(e.local_name().as_ref(), "v" | "is") => {
                            has_v = true;
                            // The current cell holds a value: it is part of the used area.
                            max_row = max_row.max(row);
                            max_col = max_col.max(col);
                            min_row = min_row.min(row);
                            min_col = min_col.min(col);
                        }
                        Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                            "row" => {
                                row = attr(&e, "r")
                                    .and_then(|r| r.parse().ok())
                                    .unwrap_or(row + 1);
                                col = 0;
                                if attr(&e, "hidden").is_some_and(|h| h == "1" || h == "true") {
                                    hidden.push(row as u32);
                                }
                            }
                            // `<col min="5" max="5" hidden="1"/>`, 1-based and inclusive.
                            "col"
                                if attr(&e, "hidden").is_some_and(|h| h == "1" || h == "true") =>
                            {
                                let n = |k| attr(&e, k).and_then(|v| v.parse::<u32>().ok());
                                if let (Some(lo), Some(hi)) = (n("min"), n("max")) {
                                    let hi = hi.min(lo.saturating_add(MAX_HIDDEN_COLUMNS));
                                    hidden_cols.extend(lo.max(1) - 1..hi.min(MAX_COLUMNS));
                                }
                            }
                            "c" => {
                                (has_f, has_v) = (false, false);
                                match attr(&e, "r").and_then(|r| cell_ref(&r)) {
                                    Some((r, c)) => {
                                        row = r;
                                        col = c;
                                    }
                                    None => col += 1,
                                }
                            }
                            _ => {}
                        },
                        Ok(Event::Eof) => break,
                        Err(_) => {
                            failed = true;
                            break;
                        }
                        _ => {}
                    }
                    buf.clear();
                }
                drop(xml);
                if counted.read > counted.limit {
                    return Err(too_large(format!(
                        "sheet `{name}` decompresses to more than {} MiB",
                        MAX_PART_BYTES >> 20
                    )));
                }
                if failed {
                    return Err(Refused::Unreadable);
                }
                total += counted.read;
                let (rows, cols) = if max_row == 0 {
                    (0, 0)
                } else {
                    (max_row - min_row + 1, max_col - min_col + 1)
                };
                if rows.saturating_mul(cols) > MAX_SHEET_CELLS {
                    return Err(too_large(format!(
                        "the cells of sheet `{name}` span {rows} rows × {cols} columns, more than {MAX_SHEET_CELLS} cells"
                    )));
                }
                if !uncomputed.is_empty() {
                    out.uncomputed.insert(name.clone(), uncomputed);
                }
                hidden.sort_unstable();
                hidden.dedup();
                hidden_cols.sort_unstable();
                hidden_cols.dedup();
                if !hidden_cols.is_empty() {
                    out.hidden_columns.insert(name.clone(), hidden_cols);
                }
                if !hidden.is_empty() {
                    out.hidden_rows.insert(name, hidden);
                }
            }
        }
        if total > MAX_TOTAL_BYTES {
            return Err(too_large(format!(
                "the package decompresses to more than {} MiB",
                MAX_TOTAL_BYTES >> 20
            )));
        }
    }
    Ok(out)
}

/// Most hidden rows listed per sheet (a repeated hidden block can span a million rows).
const MAX_HIDDEN_LISTED: usize = 100_000;

/// Most hidden columns listed per `<col>` range (a sheet has at most 16,384 columns).
const MAX_HIDDEN_COLUMNS: u32 = 1024;
/// Columns of a sheet (XFD).
const MAX_COLUMNS: u32 = 16_384;

/// Sheet name → hidden rows (1-based) and sheet name → hidden columns (0-based).
type Hidden = (HashMap<String, Vec<u32>>, HashMap<String, Vec<u32>>);

/// The hidden rows and columns of each sheet of an ODS content.xml
/// (`table:visibility="collapse"` or `"filter"`, with `table:number-rows-repeated` /
/// `table:number-columns-repeated`). Reads to the end or to the first error.
fn ods_hidden(r: &mut impl Read) -> Hidden {
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(r));
    let mut buf = Vec::new();
    let mut out: HashMap<String, Vec<u32>> = HashMap::new();
    let mut cols_out: HashMap<String, Vec<u32>> = HashMap::new();
    let (mut sheet, mut row, mut col) = (String::new(), 0u64, 0u64);
    loop {
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                "table" => {
                    sheet = attr(&e, "name").unwrap_or_default();
                    row = 0;
                    col = 0;
                }
                "table-column" => {
                    let rep: u64 = attr(&e, "number-columns-repeated")
                        .and_then(|n| n.parse().ok())
                        .unwrap_or(1);
                    let hidden = attr(&e, "visibility").is_some_and(|v| v == "collapse");
                    if hidden && col < MAX_COLUMNS as u64 {
                        let end =
                            (col + rep.min(MAX_HIDDEN_COLUMNS as u64)).min(MAX_COLUMNS as u64);
                        cols_out
                            .entry(sheet.clone())
                            .or_default()
                            .extend((col..end).map(|c| c as u32));
                    }
                    col = col.saturating_add(rep);
                }
                "table-row" => {
                    let rep: u64 = attr(&e, "number-rows-repeated")
                        .and_then(|n| n.parse().ok())
                        .unwrap_or(1);
                    let hidden =
                        attr(&e, "visibility").is_some_and(|v| v == "collapse" || v == "filter");
                    if hidden {
                        let list = out.entry(sheet.clone()).or_default();
                        let room = MAX_HIDDEN_LISTED.saturating_sub(list.len()) as u64;
                        list.extend((row + 1..=row + rep.min(room)).map(|r| r as u32));
                    }
                    row = row.saturating_add(rep);
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    (out, cols_out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 11: a column hidden in an ODS sheet (last year's figures) was read unseen.
    #[test]
    fn ods_hidden_rows_and_columns() {
        let xml = r#"<office:document-content xmlns:office="o" xmlns:table="t"><office:body>
            <office:spreadsheet><table:table table:name="Data">
            <table:table-column table:number-columns-repeated="2"/>
            <table:table-column table:visibility="collapse" table:number-columns-repeated="2"/>
            <table:table-column/>
            <table:table-row><table:table-cell/></table:table-row>
            <table:table-row table:visibility="collapse"><table:table-cell/></table:table-row>
            </table:table><table:table table:name="Lain"><table:table-column/></table:table>
            </office:spreadsheet></office:body></office:document-content>"#;
        let (rows, cols) = ods_hidden(&mut xml.as_bytes());
        assert_eq!(rows["Data"], [2]);
        assert_eq!(cols["Data"], [2, 3]);
        assert!(!cols.contains_key("Lain"));
    }

    #[test]
    fn cell_refs() {
        assert_eq!(cell_ref("A1"), Some((1, 1)));
        assert_eq!(cell_ref("AB12"), Some((12, 28)));
        assert_eq!(cell_ref("XFD1048576"), Some((1_048_576, 16_384)));
        assert_eq!(cell_ref("12"), Some((12, 0)));
        assert_eq!(cell_ref("A"), None);
    }
}
