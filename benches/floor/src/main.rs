//! The floor of the kesiapan benchmark: read the input files and nothing else.
//!
//! `kesiapan-floor xlsx FILE...`   calamine: every cell of every sheet of each workbook
//! `kesiapan-floor csv FILE...`    the csv crate: every record of each file (no typing)
//! `kesiapan-floor polars FILE...` polars' multi-threaded CSV reader into DataFrames
//!
//! Prints what it read (rows and cells), so the work cannot be optimised away and the caller
//! can check that every reader saw the same data; polars also prints the tables' in-memory size
//! (the reference for kesiapan's peak RSS).

use calamine::{Reader, open_workbook_auto};
use polars::prelude::*;
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_default();
    let files: Vec<PathBuf> = args.map(PathBuf::from).collect();
    if files.is_empty() {
        eprintln!("usage: kesiapan-floor xlsx|csv|polars FILE...");
        std::process::exit(2);
    }
    let (mut rows, mut cells, mut bytes) = (0usize, 0usize, 0usize);
    match mode.as_str() {
        "xlsx" => {
            // One thread per file, as the files are independent.
            let counts: Vec<(usize, usize)> = std::thread::scope(|s| {
                let handles: Vec<_> = files
                    .iter()
                    .map(|f| s.spawn(move || read_workbook(f)))
                    .collect();
                handles.into_iter().map(|h| h.join().unwrap()).collect()
            });
            for (r, c) in counts {
                rows += r;
                cells += c;
            }
        }
        "csv" => {
            for f in &files {
                let mut rdr = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .from_path(f)
                    .unwrap_or_else(|e| fail(f, e));
                let mut rec = csv::ByteRecord::new();
                while rdr.read_byte_record(&mut rec).unwrap_or_else(|e| fail(f, e)) {
                    rows += 1;
                    cells += rec.len();
                }
            }
        }
        "polars" => {
            for f in &files {
                // Column types inferred as usual; "Tidak tahu" answers are nulls, as in pandas'
                // `na_values` (else the Likert columns could not be integers).
                let df = CsvReadOptions::default()
                    .with_has_header(true)
                    .map_parse_options(|o| {
                        o.with_null_values(Some(NullValues::AllColumnsSingle("Tidak tahu".into())))
                    })
                    .try_into_reader_with_file_path(Some(f.clone()))
                    .and_then(|r| r.finish())
                    .unwrap_or_else(|e| fail(f, e));
                rows += df.height() + 1;
                cells += (df.height() + 1) * df.width();
                bytes += df.estimated_size();
            }
        }
        _ => {
            eprintln!("unknown mode `{mode}`: xlsx, csv or polars");
            std::process::exit(2);
        }
    }
    print!("{mode}: {} file(s), {rows} rows, {cells} cells", files.len());
    if bytes > 0 {
        print!(", {bytes} bytes in memory");
    }
    println!();
}

fn read_workbook(f: &PathBuf) -> (usize, usize) {
    let mut wb = open_workbook_auto(f).unwrap_or_else(|e| fail(f, e));
    let (mut rows, mut cells) = (0, 0);
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap_or_else(|e| fail(f, e));
        rows += range.height();
        cells += range.used_cells().count();
    }
    (rows, cells)
}

fn fail(f: &std::path::Path, e: impl std::fmt::Display) -> ! {
    eprintln!("{}: {e}", f.display());
    std::process::exit(1);
}
