//! Intake cases that need their own fixture: dates written every way (Excel dates, serials as
//! numbers and as text, `DD/MM/YYYY`, ISO), CSV encodings (UTF-8 with and without BOM, UTF-16
//! with BOM, Windows-1252) and bytes that are no text at all.

use crate::common::hostile;
use crate::common::*;
use kesiapan::input::{self, Sources, read};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// The tiny rubric with a date column added to its infrastructure dataset.
fn rubric_with_date(dir: &std::path::Path) -> kesiapan::rubric::Rubric {
    let src = read(&root().join("tests/fixtures/tiny/tiny.toml")).replace(
        r#"  { name = "garis_depan", type = "boolean" },"#,
        r#"  { name = "garis_depan", type = "boolean" },
  { name = "tanggal_isi", type = "date", aliases = ["tanggal"] },"#,
    );
    assert!(src.contains("tanggal_isi"));
    let p = dir.join("tiny-date.toml");
    std::fs::write(&p, src).unwrap();
    kesiapan::rubric::load(&p).unwrap()
}

/// Load one file as the tiny rubric's `infra` dataset.
fn load_tiny_infra(path: std::path::PathBuf) -> kesiapan::input::Loaded {
    let r = kesiapan::rubric::load(&root().join("tests/fixtures/tiny/tiny.toml")).unwrap();
    input::load(
        &r,
        &Sources {
            files: vec![("infra".into(), path)],
            ..Sources::default()
        },
    )
    .unwrap()
}
#[test]
fn dates_as_excel_dates_serials_and_text_all_read() {
    let dir = tempfile::tempdir().unwrap();
    let r = rubric_with_date(dir.path());
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (j, h) in ["Kode OPD", "Nama OPD", "Jumlah Pegawai", "Tanggal"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, j as u16, *h).unwrap();
    }
    let date_fmt = Format::new().set_num_format("dd/mm/yyyy");
    let rows: [(&str, &str); 5] = [
        ("A", "excel"),
        ("B", "serial-number"),
        ("C", "45810"),
        ("D", "02/06/2025"),
        ("E", "2025-06-02"),
    ];
    for (i, (k, how)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, *k).unwrap();
        ws.write_string(r, 1, format!("Dinas {k}")).unwrap();
        ws.write_number(r, 2, 10.0).unwrap();
        match *how {
            "excel" => {
                ws.write_datetime_with_format(
                    r,
                    3,
                    ExcelDateTime::from_ymd(2025, 6, 2).unwrap(),
                    &date_fmt,
                )
                .unwrap();
            }
            "serial-number" => {
                ws.write_number(r, 3, 45810.0).unwrap();
            }
            text => {
                ws.write_string(r, 3, text).unwrap();
            }
        }
    }
    let p = dir.path().join("infra.xlsx");
    wb.save(&p).unwrap();
    let loaded = input::load(
        &r,
        &Sources {
            files: vec![("infra".into(), p)],
            ..Sources::default()
        },
    )
    .unwrap();
    let dates: Vec<Option<String>> = loaded.tables["infra"]
        .df
        .column("tanggal_isi")
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|s| s.map(str::to_string))
        .collect();
    assert_eq!(dates, vec![Some("2025-06-02".to_string()); 5]);
    assert!(
        loaded
            .diagnostics
            .iter()
            .all(|d| d.code != kesiapan::diag::Code::InvalidValue),
        "{:?}",
        loaded.diagnostics
    );
}

#[test]
fn csv_encodings_are_decoded_and_named() {
    let text = "Kode OPD;Nama OPD\nA;Dinas Pariwisata dan Kebudayaan (Café)\n";
    // UTF-8, with and without BOM: no encoding to report.
    let (t, enc) = read::decode_csv(text.as_bytes()).unwrap();
    assert_eq!((t.as_ref(), enc), (text, None));
    let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    let (t, enc) = read::decode_csv(&bom).unwrap();
    assert_eq!((t.as_ref(), enc), (text, None));
    // UTF-16 LE with its BOM (Excel's "Unicode text").
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    let (t, enc) = read::decode_csv(&utf16).unwrap();
    assert_eq!((t.as_ref(), enc), (text, Some("UTF-16LE")));
    // Windows-1252: é is the single byte 0xE9.
    let (cp, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(cp.contains(&0xE9));
    let (t, enc) = read::decode_csv(&cp).unwrap();
    assert_eq!((t.as_ref(), enc), (text, Some("windows-1252")));

    // Loaded end to end, the letter survives and the encoding is reported once.
    let dir = tempfile::tempdir().unwrap();
    let body = "Kode OPD;Nama OPD;Jumlah Pegawai\nA;Dinas Café;10\n";
    let (cp, _, _) = encoding_rs::WINDOWS_1252.encode(body);
    std::fs::write(dir.path().join("infra.csv"), &cp).unwrap();
    let loaded = load_tiny_infra(dir.path().join("infra.csv"));
    assert_eq!(
        loaded.units,
        vec![("A".to_string(), Some("Dinas Café".to_string()))]
    );
    let enc: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == kesiapan::diag::Code::LegacyEncoding)
        .collect();
    assert_eq!(enc.len(), 1);
    assert_eq!(enc[0].value.as_deref(), Some("windows-1252"));

    // Bytes with NUL are no text: refused, naming the file.
    std::fs::write(dir.path().join("infra.csv"), b"Kode\0OPD\xFF\xFE\x00").unwrap();
    let err = read::read_file(&dir.path().join("infra.csv")).unwrap_err();
    assert!(err.to_string().contains("infra.csv"), "{err}");
}

/// An OpenDocument spreadsheet written by hand: a header, three units, the second row hidden.
fn ods_with_hidden_row(path: &std::path::Path) {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let cell = |t: &str| {
        if t.parse::<f64>().is_ok() {
            format!(
                r#"<table:table-cell office:value-type="float" office:value="{t}"><text:p>{t}</text:p></table:table-cell>"#
            )
        } else {
            format!(
                r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
            )
        }
    };
    let row = |cells: &[&str], hidden: bool| {
        format!(
            "<table:table-row{}>{}</table:table-row>",
            if hidden {
                r#" table:visibility="collapse""#
            } else {
                ""
            },
            cells.iter().map(|c| cell(c)).collect::<String>()
        )
    };
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Data">{}{}{}{}<table:table-row table:number-rows-repeated="1000" table:visibility="collapse"><table:table-cell/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#,
        row(&["Kode OPD", "Nama OPD", "Jumlah Pegawai"], false),
        row(&["A", "Dinas A", "10"], false),
        row(&["B", "Dinas B", "20"], true),
        row(&["C", "Dinas C", "30"], false),
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.start_file("mimetype", stored).unwrap();
    z.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    z.start_file("META-INF/manifest.xml", SimpleFileOptions::default())
        .unwrap();
    z.write_all(manifest.as_bytes()).unwrap();
    z.start_file("content.xml", SimpleFileOptions::default())
        .unwrap();
    z.write_all(content.as_bytes()).unwrap();
    z.finish().unwrap();
}

#[test]
fn hidden_rows_of_an_ods_sheet_are_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("infra.ods");
    ods_with_hidden_row(&p);
    let loaded = load_tiny_infra(p);
    assert_eq!(loaded.units.len(), 3, "{:?}", loaded.diagnostics);
    let hidden: Vec<u32> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == kesiapan::diag::Code::HiddenRow)
        .map(|d| d.row.unwrap())
        .collect();
    assert_eq!(hidden, vec![3]);
}

#[test]
fn formulas_saved_without_their_values_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("infra.xlsx");
    hostile::uncomputed_formulas(&p);
    let loaded = load_tiny_infra(p);
    // B's formula has its value; A's has none: rejected, named; row 4 is a blank row.
    assert_eq!(
        loaded.units,
        vec![("B".to_string(), Some("Dinas B".to_string()))]
    );
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.code == kesiapan::diag::Code::FormulaError)
        .expect("the uncomputed formula is reported");
    assert_eq!((d.row, d.column.as_deref()), (Some(2), Some("C")));
    assert_eq!(d.value.as_deref(), Some(read::UNCOMPUTED));
    let f = &loaded.inputs[0];
    assert_eq!((f.rows_read, f.rows_used, f.rows_rejected), (2, 1, 1));
}

/// Two units using the same respondent id is never settled as a resubmission.
#[test]
fn the_same_key_in_two_units_is_a_conflict_even_when_newest_wins() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("tests/fixtures/tiny/infra.csv"),
        dir.path().join("infra.csv"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("survei_a.csv"),
        "ID Responden;Kode OPD;Skill;Bersedia\nR1;A;4;Ya\nR2;A;3;Ya\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("survei_b.csv"),
        "ID Responden;Kode OPD;Skill;Bersedia\nR1;B;2;Tidak\nR9;B;3;Ya\n",
    )
    .unwrap();
    let r = kesiapan::rubric::load(&root().join("tests/fixtures/tiny/tiny.toml")).unwrap();
    let loaded = input::load(
        &r,
        &Sources {
            dir: Some(dir.path().to_path_buf()),
            resubmit: kesiapan::input::Resubmit::Order,
            ..Sources::default()
        },
    )
    .unwrap();
    use kesiapan::diag::Code;
    assert!(
        !loaded
            .diagnostics
            .iter()
            .any(|d| d.code == Code::Superseded)
    );
    let dup = loaded
        .diagnostics
        .iter()
        .find(|d| d.code == Code::DuplicateKey)
        .unwrap();
    assert!(dup.file.as_deref().unwrap().ends_with("survei_b.csv"));
    assert!(
        dup.message.contains("two units use the same key"),
        "{}",
        dup.message
    );
    assert_eq!(loaded.tables["survei"].df.height(), 3);
}
