//! Hostile workbooks, written directly as zip packages (streamed, so a test can make a large
//! one quickly): a sheet that inflates past the size limit (a zip bomb), huge shared strings,
//! a million empty styled rows under a real header, a used area spanning the whole grid.
//! For `tests/hostile.rs` and `cargo run --release --example hostile_files -- DIR`.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use zip::write::SimpleFileOptions;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"#;

/// The tiny rubric's infrastructure header and two units, as inline-string rows 1–3.
const HEAD_ROWS: &str = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Kode OPD</t></is></c><c r="B1" t="inlineStr"><is><t>Nama OPD</t></is></c><c r="C1" t="inlineStr"><is><t>Jumlah Pegawai</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>A</t></is></c><c r="B2" t="inlineStr"><is><t>Dinas A</t></is></c><c r="C2"><v>100</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>B</t></is></c><c r="B3" t="inlineStr"><is><t>Dinas B</t></is></c><c r="C3"><v>50</v></c></row>"#;

fn package(
    path: &Path,
    sheet: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    shared: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) {
    let f = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(std::io::BufWriter::new(f));
    let o = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    for (name, body) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/styles.xml", STYLES),
    ] {
        z.start_file(name, o).unwrap();
        z.write_all(body.as_bytes()).unwrap();
    }
    z.start_file("xl/sharedStrings.xml", o).unwrap();
    shared(&mut z).unwrap();
    z.start_file("xl/worksheets/sheet1.xml", o).unwrap();
    sheet(&mut z).unwrap();
    z.finish().unwrap();
}

const SHEET_OPEN: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
const SHEET_CLOSE: &str = "</sheetData></worksheet>";

fn no_shared(w: &mut dyn Write) -> std::io::Result<()> {
    w.write_all(br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>"#)
}

/// A sheet that inflates to `mib` MiB (rows of one repeated cell after the header).
pub fn zip_bomb(path: &Path, mib: usize) {
    package(
        path,
        |w| {
            w.write_all(SHEET_OPEN.as_bytes())?;
            w.write_all(HEAD_ROWS.as_bytes())?;
            let row = br#"<row><c><v>1</v></c></row>"#;
            let chunk = row.repeat(64 * 1024 / row.len());
            let mut written = 0;
            while written < mib << 20 {
                w.write_all(&chunk)?;
                written += chunk.len();
            }
            w.write_all(SHEET_CLOSE.as_bytes())
        },
        no_shared,
    );
}

/// Shared strings of `mib` MiB (distinct strings), under a small valid sheet.
pub fn huge_shared_strings(path: &Path, mib: usize) {
    package(
        path,
        |w| {
            w.write_all(SHEET_OPEN.as_bytes())?;
            w.write_all(HEAD_ROWS.as_bytes())?;
            w.write_all(SHEET_CLOSE.as_bytes())
        },
        |w| {
            w.write_all(br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#)?;
            let mut written = 0;
            let mut i = 0u64;
            while written < mib << 20 {
                let s =
                    format!("<si><t>string number {i:012} padded out to a longer text</t></si>");
                w.write_all(s.as_bytes())?;
                written += s.len();
                i += 1;
            }
            w.write_all(b"</sst>")
        },
    );
}

/// A real header and two units, then `n` empty rows that carry a style (and a styled empty
/// cell each), as a sheet formatted down to the last row.
pub fn empty_styled_rows(path: &Path, n: u32) {
    package(
        path,
        |w| {
            w.write_all(SHEET_OPEN.as_bytes())?;
            w.write_all(HEAD_ROWS.as_bytes())?;
            for r in 4..4 + n {
                write!(
                    w,
                    r#"<row r="{r}" s="1" customFormat="1"><c r="A{r}" s="1"/><c r="C{r}" s="1"/></row>"#
                )?;
            }
            w.write_all(SHEET_CLOSE.as_bytes())
        },
        no_shared,
    );
}

/// Two valued cells at opposite corners of the grid: a used area of 17 billion cells.
pub fn whole_grid(path: &Path) {
    package(
        path,
        |w| {
            w.write_all(SHEET_OPEN.as_bytes())?;
            w.write_all(HEAD_ROWS.as_bytes())?;
            w.write_all(br#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#)?;
            w.write_all(SHEET_CLOSE.as_bytes())
        },
        no_shared,
    );
}

/// Formulas saved without their values (as a program that does not calculate writes them):
/// unit A's headcount is one; row 4 holds nothing but such formulas (a prepared empty row).
pub fn uncomputed_formulas(path: &Path) {
    package(
        path,
        |w| {
            w.write_all(SHEET_OPEN.as_bytes())?;
            w.write_all(br#"<row r="1"><c r="A1" t="inlineStr"><is><t>Kode OPD</t></is></c><c r="B1" t="inlineStr"><is><t>Nama OPD</t></is></c><c r="C1" t="inlineStr"><is><t>Jumlah Pegawai</t></is></c></row>"#)?;
            w.write_all(br#"<row r="2"><c r="A2" t="inlineStr"><is><t>A</t></is></c><c r="B2" t="inlineStr"><is><t>Dinas A</t></is></c><c r="C2"><f>SUM(D2:E2)</f></c></row>"#)?;
            w.write_all(br#"<row r="3"><c r="A3" t="inlineStr"><is><t>B</t></is></c><c r="B3" t="inlineStr"><is><t>Dinas B</t></is></c><c r="C3"><f>40+10</f><v>50</v></c></row>"#)?;
            w.write_all(br#"<row r="4"><c r="A4"><f>IF(Z4="","",Z4)</f></c><c r="C4"><f>IF(Z4="","",1)</f></c></row>"#)?;
            w.write_all(SHEET_CLOSE.as_bytes())
        },
        no_shared,
    );
}
