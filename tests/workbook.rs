//! The analysts' workbook read back, independently of the library that wrote it: the number
//! format of each kind of value (from the cells' `s` attribute and `xl/styles.xml`), the Excel
//! Table objects (`xl/tables/table*.xml`: names, ranges, the sheet each is on), the data
//! dictionary (it names every column of every table, computed from the tables themselves),
//! categories as words, hidden figures marked, and the same bytes on a rerun with `--now`.

use crate::common::*;
use calamine::{Data, Reader, Xlsx};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::Path;

const RUBRIC: &str = "tests/fixtures/reports/reports.toml";
const DATA: &str = "tests/fixtures/reports";

/// `assess --format json,xlsx` on the reports fixture (it has hidden job counts and a unit with
/// too few respondents) in `lang`: (folder, assessment.json).
fn workbook(lang: &str) -> (tempfile::TempDir, Value) {
    assess(&[
        "--rubric",
        RUBRIC,
        "--data",
        DATA,
        "--format",
        "json,xlsx",
        "--lang",
        lang,
    ])
}

fn name(lang: &str) -> &'static str {
    if lang == "en" {
        "analysis.xlsx"
    } else {
        "analisis.xlsx"
    }
}

/// The text of every entry of the xlsx (a zip), by name.
fn entries(path: &Path) -> BTreeMap<String, String> {
    let bytes = std::fs::read(path).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut s = String::new();
        if f.read_to_string(&mut s).is_ok() {
            out.insert(f.name().unwrap().to_string(), s);
        }
    }
    out
}

/// The value of attribute `attr` in an XML start tag `tag` (its text up to `>`).
fn attr(tag: &str, attr: &str) -> Option<String> {
    let key = format!(" {attr}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(
        tag[start..end]
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

/// Every start tag `<name …>` of `xml`.
fn tags<'a>(xml: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name} ");
    xml.match_indices(&open)
        .map(|(i, _)| {
            let end = xml[i..].find('>').unwrap() + i;
            &xml[i..end]
        })
        .collect()
}

/// The workbook's sheets, by name: their XML file (`xl/worksheets/sheetN.xml`).
fn sheet_files(x: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let rels = &x["xl/_rels/workbook.xml.rels"];
    let targets: BTreeMap<String, String> = tags(rels, "Relationship")
        .into_iter()
        .map(|t| (attr(t, "Id").unwrap(), attr(t, "Target").unwrap()))
        .collect();
    tags(&x["xl/workbook.xml"], "sheet")
        .into_iter()
        .map(|t| {
            let target = &targets[&attr(t, "r:id").unwrap()];
            (
                attr(t, "name").unwrap(),
                format!(
                    "xl/{}",
                    target.trim_start_matches('/').trim_start_matches("xl/")
                ),
            )
        })
        .collect()
}

/// The number format code of cell `cell` (`B2`) of sheet `sheet`: through its `s` attribute to
/// `cellXfs` and `numFmts` in `xl/styles.xml` (with Excel's built-in codes).
fn num_format(x: &BTreeMap<String, String>, sheet: &str, cell: &str) -> String {
    let xml = &x[&sheet_files(x)[sheet]];
    let c = tags(xml, "c")
        .into_iter()
        .find(|t| attr(t, "r").as_deref() == Some(cell))
        .unwrap_or_else(|| panic!("no cell {cell} in {sheet}"));
    let s: usize = attr(c, "s").map_or(0, |s| s.parse().unwrap());
    let styles = &x["xl/styles.xml"];
    let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
    let id: u32 = attr(tags(xfs, "xf")[s], "numFmtId")
        .unwrap()
        .parse()
        .unwrap();
    let builtin = [
        (0, "General"),
        (1, "0"),
        (2, "0.00"),
        (3, "#,##0"),
        (4, "#,##0.00"),
        (9, "0%"),
        (10, "0.00%"),
        (14, "m/d/yy"),
        (22, "m/d/yy h:mm"),
    ];
    if let Some((_, code)) = builtin.iter().find(|(k, _)| *k == id) {
        return code.to_string();
    }
    tags(styles, "numFmt")
        .into_iter()
        .find(|t| attr(t, "numFmtId").as_deref() == Some(&id.to_string()))
        .and_then(|t| attr(t, "formatCode"))
        .unwrap_or_else(|| panic!("format {id} not in styles.xml"))
}

/// `A`, `B`, … `Z`, `AA` for a 0-based column.
fn letter(mut c: usize) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, (b'A' + (c % 26) as u8) as char);
        if c < 26 {
            return s;
        }
        c = c / 26 - 1;
    }
}

fn open(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    calamine::open_workbook(path).unwrap()
}

/// The cells of a sheet as calamine reads them.
fn rows(wb: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str) -> Vec<Vec<Data>> {
    wb.worksheet_range(sheet)
        .unwrap()
        .rows()
        .map(|r| r.to_vec())
        .collect()
}

/// The 0-based column of header `h` in the first row.
fn column(rows: &[Vec<Data>], h: &str) -> usize {
    rows[0]
        .iter()
        .position(|c| *c == Data::String(h.into()))
        .unwrap_or_else(|| panic!("no column {h} in {:?}", rows[0]))
}

/// The 0-based row whose first cell is `key`.
fn row_of(rows: &[Vec<Data>], key: &str) -> usize {
    rows.iter()
        .position(|r| r[0] == Data::String(key.into()))
        .unwrap_or_else(|| panic!("no row {key}"))
}

#[test]
fn every_kind_of_value_has_its_number_format() {
    let (d, a) = workbook("id");
    let path = d.path().join(name("id"));
    let x = entries(&path);
    let mut wb = open(&path);
    let opd = rows(&mut wb, "OPD");
    let at = |sheet: &str, rows: &[Vec<Data>], h: &str, r: usize| {
        num_format(&x, sheet, &format!("{}{}", letter(column(rows, h)), r + 1))
    };
    let a_row = row_of(&opd, "A");
    // Headcounts and staff: whole numbers; shares: percentages; the score: its decimals.
    for h in ["Pegawai", "Minimal di kantor", "Boleh WFA bersamaan"] {
        assert_eq!(at("OPD", &opd, h, a_row), "#,##0", "{h}");
    }
    for h in ["Cakupan data", "Porsi maks. WFA"] {
        assert_eq!(at("OPD", &opd, h, a_row), "0.0%", "{h}");
    }
    assert_eq!(at("OPD", &opd, "Skor", a_row), "0.0");
    // Indicators in their own format and unit; a yes/no one as its word.
    let ind = rows(&mut wb, "Indikator");
    let (value, id) = (column(&ind, "Nilai"), column(&ind, "Id indikator"));
    let find = |unit: &str, indicator: &str| {
        ind.iter()
            .position(|r| {
                r[0] == Data::String(unit.into()) && r[id] == Data::String(indicator.into())
            })
            .unwrap()
    };
    let cell = |r: usize| format!("{}{}", letter(value), r + 1);
    assert_eq!(
        num_format(&x, "Indikator", &cell(find("A", "bandwidth"))),
        "#,##0.00## \"Mbps\""
    );
    assert_eq!(num_format(&x, "Indikator", &cell(find("A", "skp"))), "0.0%");
    assert_eq!(ind[find("A", "vpn")][value], Data::String("Ya".into()));
    let target = column(&ind, "Target");
    assert_eq!(ind[find("A", "vpn")][target], Data::String("Ya".into()));
    // The time generated is a date and time (--now 2025-12-23T09:00:00Z: Excel day 46014.375).
    let summary = rows(&mut wb, "Ringkasan");
    let r = row_of(&summary, "Dibuat");
    assert!(
        matches!(&summary[r][1], Data::DateTime(t) if (t.as_f64() - 46014.375).abs() < 1e-9),
        "{:?}",
        summary[r][1]
    );
    assert_eq!(
        num_format(&x, "Ringkasan", &format!("B{}", r + 1)),
        "yyyy-mm-dd hh:mm:ss \"UTC\""
    );
    // Counts of rows in the input table, and ranks, are whole numbers too.
    let inputs = row_of(&summary, "Berkas");
    assert_eq!(
        num_format(&x, "Ringkasan", &format!("C{}", inputs + 2)),
        "#,##0"
    );
    let obstacles = rows(&mut wb, "Kendala");
    if obstacles.len() > 1 {
        assert_eq!(at("Kendala", &obstacles, "Peringkat", 1), "#,##0");
        assert_eq!(
            at("Kendala", &obstacles, "Biaya skor (poin)", 1),
            "#,##0.00"
        );
    }
    assert_eq!(a["units"].as_array().unwrap().len(), opd.len() - 1);
}

/// The tables of the workbook: (name, range, sheet, column names).
fn tables(x: &BTreeMap<String, String>) -> Vec<(String, String, String, Vec<String>)> {
    let mut out = Vec::new();
    for (sheet, file) in sheet_files(x) {
        let rels = file.replace("worksheets/", "worksheets/_rels/") + ".rels";
        let Some(rels) = x.get(&rels) else { continue };
        for t in tags(rels, "Relationship") {
            let target = attr(t, "Target").unwrap();
            if !target.contains("tables/") {
                continue;
            }
            let xml = &x[&format!("xl/tables/{}", target.rsplit('/').next().unwrap())];
            let head = tags(xml, "table")[0];
            let cols = tags(xml, "tableColumn")
                .into_iter()
                .map(|c| attr(c, "name").unwrap())
                .collect();
            assert!(xml.contains("<autoFilter "), "{xml}");
            assert!(xml.contains("name=\"TableStyleLight1\""), "{xml}");
            out.push((
                attr(head, "name").unwrap(),
                attr(head, "ref").unwrap(),
                sheet.clone(),
                cols,
            ));
        }
    }
    out
}

#[test]
fn each_data_sheet_is_an_excel_table_with_its_range() {
    let (d, a) = workbook("id");
    let path = d.path().join(name("id"));
    let x = entries(&path);
    let t = tables(&x);
    assert!(x.keys().any(|k| k.starts_with("xl/tables/table")));
    // Names: unique, valid (a letter or _ first, then letters, digits, _ or .).
    let mut names: Vec<&str> = t.iter().map(|t| t.0.as_str()).collect();
    for n in &names {
        let mut c = n.chars();
        assert!(
            c.next()
                .is_some_and(|f| f.is_ascii_alphabetic() || f == '_'),
            "{n}"
        );
        assert!(
            c.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.'),
            "{n}"
        );
    }
    names.sort();
    names.dedup();
    assert_eq!(names.len(), t.len(), "{t:?}");
    let mut wb = open(&path);
    // Every sheet has at least one table, and each table's header row is the sheet's.
    for sheet in wb.sheet_names() {
        assert!(t.iter().any(|t| t.2 == sheet), "no table on {sheet}");
    }
    let units = a["units"].as_array().unwrap();
    let indicators: usize = units
        .iter()
        .map(|u| u["indicators"].as_array().unwrap().len())
        .sum();
    let diagnostics = a["diagnostics"].as_array().unwrap().len();
    for (table, range, sheet, cols) in &t {
        let cells = rows(&mut wb, sheet);
        let (first, last) = range.split_once(':').unwrap();
        let row = |r: &str| -> usize {
            r.trim_start_matches(|c: char| c.is_ascii_alphabetic())
                .parse()
                .unwrap()
        };
        let (top, bottom) = (row(first), row(last));
        assert_eq!(first.trim_end_matches(|c: char| c.is_ascii_digit()), "A");
        assert_eq!(
            last.trim_end_matches(|c: char| c.is_ascii_digit()),
            letter(cols.len() - 1),
            "{table}"
        );
        let header: Vec<Data> = cols.iter().map(|c| Data::String(c.clone())).collect();
        assert_eq!(
            cells[top - 1][..cols.len()],
            header[..],
            "{table} on {sheet}"
        );
        let data_rows = bottom - top;
        match sheet.as_str() {
            "OPD" => assert_eq!(data_rows, units.len(), "{table}"),
            "Indikator" => assert_eq!(data_rows, indicators, "{table}"),
            "Masalah Data" => assert_eq!(data_rows, diagnostics.max(1), "{table}"),
            _ => assert!(data_rows >= 1, "{table}"),
        }
    }
}

#[test]
fn the_data_dictionary_names_every_column_of_every_table() {
    for (lang, sheet, legend) in [
        ("id", "Kamus Data", "disembunyikan"),
        ("en", "Data dictionary", "hidden"),
    ] {
        let (d, _) = workbook(lang);
        let path = d.path().join(name(lang));
        let x = entries(&path);
        let mut wb = open(&path);
        let dict = rows(&mut wb, sheet);
        let listed: Vec<(String, String)> = dict
            .iter()
            .skip(1)
            .map(|r| (r[0].to_string(), r[1].to_string()))
            .collect();
        let t = tables(&x);
        for (table, _, sheet, cols) in &t {
            for c in cols {
                assert!(
                    listed.contains(&(sheet.clone(), c.clone())),
                    "[{lang}] {sheet} / {c} ({table}) not in the dictionary"
                );
            }
        }
        // Every row says what the column means, its unit and its source, in words (a missing
        // wording would show its key).
        for r in dict.iter().skip(1) {
            for c in &r[..5] {
                let s = c.to_string();
                assert!(!s.is_empty(), "[{lang}] {r:?}");
                assert!(
                    !s.starts_with("about_") && !s.starts_with("unit_") && !s.starts_with("src_"),
                    "[{lang}] {r:?}"
                );
            }
        }
        // A column that can hide a figure says so.
        assert!(
            dict.iter().any(|r| r[3].to_string().contains(legend)),
            "[{lang}]"
        );
        // The summary sheet explains the hidden marker.
        let summary_name = wb.sheet_names()[0].clone();
        let summary = rows(&mut wb, &summary_name);
        assert!(
            summary
                .iter()
                .any(|r| r[0] == Data::String(legend.into()) && r[1].to_string().contains(legend)),
            "[{lang}] no legend"
        );
    }
}

#[test]
fn categories_are_words_and_hidden_figures_are_marked() {
    let (d, a) = workbook("id");
    let mut wb = open(&d.path().join(name("id")));
    let opd = rows(&mut wb, "OPD");
    let decided = column(&opd, "Ditentukan oleh");
    let gates: Vec<String> = a["rubric"]["applied"]["gates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["label"].as_str().unwrap().to_string())
        .collect();
    for r in opd.iter().skip(1) {
        let s = r[decided].to_string();
        assert!(
            s == "skor" || s == "kelengkapan data" || gates.contains(&s),
            "{s}"
        );
    }
    let kendala = rows(&mut wb, "Kendala");
    let kind = column(&kendala, "Jenis");
    for r in kendala.iter().skip(1) {
        let s = r[kind].to_string();
        assert!(
            ["syarat", "kelengkapan data", "indikator"].contains(&s.as_str()),
            "{s}"
        );
    }
    let problems = rows(&mut wb, "Masalah Data");
    let severity = column(&problems, "Tingkat");
    for r in problems.iter().skip(1) {
        let s = r[severity].to_string();
        assert!(
            ["kesalahan", "peringatan", "informasi", ""].contains(&s.as_str()),
            "{s}"
        );
    }
    // Every figure the assessment hides is the marker in the workbook, never blank or zero.
    let (eligible, allowed) = (
        column(&opd, "Pada jabatan WFA"),
        column(&opd, "Boleh WFA bersamaan"),
    );
    let marker = Data::String("disembunyikan".into());
    let mut hidden = 0;
    for u in a["units"].as_array().unwrap() {
        let r = &opd[row_of(&opd, u["id"].as_str().unwrap())];
        let w = &u["wfa"];
        for (col, value, why) in [
            (
                eligible,
                &w["staff_eligible"],
                &w["staff_eligible_suppressed"],
            ),
            (
                allowed,
                &w["staff_allowed_at_once"],
                &w["staff_allowed_suppressed"],
            ),
        ] {
            if why.is_string() {
                hidden += 1;
                assert_eq!(r[col], marker, "{}", u["id"]);
            } else if let Some(x) = value.as_f64() {
                assert_eq!(r[col], Data::Float(x), "{}", u["id"]);
            }
        }
    }
    // And every job count it hides (the fixture hides some).
    let wfa = rows(&mut wb, "Bentuk WFA");
    let (job, holders) = (
        column(&wfa, "Jabatan yang dapat WFA"),
        column(&wfa, "Pemegang jabatan"),
    );
    for u in a["units"].as_array().unwrap() {
        for j in u["wfa"]["eligible_jobs"].as_array().unwrap() {
            let r = wfa
                .iter()
                .find(|r| {
                    r[0] == Data::String(u["id"].as_str().unwrap().into())
                        && r[job] == Data::String(j["name"].as_str().unwrap().into())
                })
                .unwrap();
            if j["suppressed"].is_string() {
                hidden += 1;
                assert_eq!(r[holders], marker, "{} {}", u["id"], j["name"]);
            } else {
                assert_eq!(r[holders], Data::Float(f(&j["holders"])));
            }
        }
    }
    assert!(hidden > 0, "the fixture hides some figures");
    let ind = rows(&mut wb, "Indikator");
    let (value, id) = (column(&ind, "Nilai"), column(&ind, "Id indikator"));
    let skill_c = ind
        .iter()
        .find(|r| r[0] == Data::String("C".into()) && r[id] == Data::String("skill".into()))
        .unwrap();
    assert_eq!(skill_c[value], marker);
}

#[test]
fn workbook_is_byte_identical_across_runs_with_now() {
    let (a, _) = workbook("id");
    let (b, _) = workbook("id");
    assert_eq!(
        std::fs::read(a.path().join(name("id"))).unwrap(),
        std::fs::read(b.path().join(name("id"))).unwrap()
    );
}
