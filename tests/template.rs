//! `kesiapan template`: the forms load back without a single diagnostic when filled in as
//! asked, per dataset and per unit; the bytes are deterministic.

use crate::common::*;
use kesiapan::input::{self, Sources};
use kesiapan::rubric::{ColumnType, Dataset};
use kesiapan::template::{self, Cell, ForUnit};

fn rubric() -> kesiapan::rubric::Rubric {
    kesiapan::rubric::load(&root().join("rubrics/wfa-asn-2025.toml")).unwrap()
}

/// A correct value of each column for row `i` of unit `u`.
fn value(ds: &Dataset, col: &kesiapan::rubric::Column, u: &str, i: usize) -> Cell {
    if col.name == ds.unit_key {
        return Cell::Text(u.to_string());
    }
    match (&col.kind, col.name.as_str()) {
        (_, "nama_opd") => Cell::Text(format!("Dinas Contoh {u}")),
        (_, "id_responden") => Cell::Text(format!("R-{u}-{i:03}")),
        (_, "kode_jabatan") => Cell::Text(format!("J{i:02}")),
        (_, "jumlah_pegawai") => Cell::Number(4.0),
        (ColumnType::Text, _) => Cell::Text(format!("teks {i}")),
        (ColumnType::Integer, _) => Cell::Number(col.min.unwrap_or(0.0) + i as f64),
        (ColumnType::Likert, _) => Cell::Number(1.0 + (i % 5) as f64),
        (ColumnType::Number, _) => Cell::Number(12.5 + i as f64),
        (ColumnType::Percent, _) => Cell::Number(0.25 * (i % 4) as f64),
        (ColumnType::Boolean, _) => {
            Cell::Text(if i.is_multiple_of(2) { "Ya" } else { "Tidak" }.into())
        }
        (ColumnType::Category { values }, _) => Cell::Text(values[i % values.len()].clone()),
        (ColumnType::Date, _) => Cell::Text("2025-06-30".into()),
    }
}

fn rows(ds: &Dataset, u: &str, n: usize) -> Vec<Vec<Cell>> {
    (0..n)
        .map(|i| ds.columns.iter().map(|c| value(ds, c, u, i)).collect())
        .collect()
}

#[test]
fn filled_forms_load_with_zero_diagnostics() {
    let r = rubric();
    let dir = tempfile::tempdir().unwrap();
    for u in ["OPD-01", "OPD-02"] {
        let unit = ForUnit {
            id: u.into(),
            name: Some(format!("Dinas Contoh {u}")),
        };
        for ds in &r.datasets {
            let n = if ds.per_unit { 1 } else { 4 };
            let bytes = template::form(&r, ds, Some(&unit), &rows(ds, u, n)).unwrap();
            std::fs::write(dir.path().join(template::file_name(ds, Some(&unit))), bytes).unwrap();
        }
    }
    let loaded = input::load(
        &r,
        &Sources {
            dir: Some(dir.path().to_path_buf()),
            ..Sources::default()
        },
    )
    .unwrap();
    assert!(
        loaded.diagnostics.is_empty(),
        "{}",
        kesiapan::diag::render_human(&loaded.diagnostics, 20, kesiapan::rubric::Lang::En)
    );
    assert_eq!(loaded.units.len(), 2);
    for f in &loaded.inputs {
        assert_eq!(f.rows_rejected, 0, "{}", f.path);
    }
    // Values come back as typed: a share written 0.75 in a 0% cell, booleans, categories.
    let infra = &loaded.tables["infrastruktur"].df;
    assert_eq!(infra.height(), 2);
    let jab = &loaded.tables["jabatan"].df;
    assert_eq!(jab.height(), 8);
    let likert = loaded.tables["survei"].df.column("skill_office").unwrap();
    assert_eq!(likert.i64().unwrap().get(3), Some(4));
    let vpn = infra.column("vpn").unwrap();
    assert_eq!(vpn.bool().unwrap().get(0), Some(true));
}

#[test]
fn blank_forms_are_deterministic_and_say_what_to_type() {
    let out1 = tempfile::tempdir().unwrap();
    let out2 = tempfile::tempdir().unwrap();
    for out in [&out1, &out2] {
        kesiapan()
            .args(["template", "--out"])
            .arg(out.path())
            .assert()
            .success();
    }
    for name in ["infrastruktur.xlsx", "jabatan.xlsx", "survei.xlsx"] {
        let a = std::fs::read(out1.path().join(name)).unwrap();
        let b = std::fs::read(out2.path().join(name)).unwrap();
        assert!(a == b, "{name} differs between two runs");
    }
    // A blank form loads as a header with no rows: no error, the instructions sheet unmentioned.
    let out = kesiapan()
        .args(["validate", "--lang", "en", "--data"])
        .arg(out1.path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("0 error(s), 3 warning(s), 0 info"), "{text}");
    assert!(text.contains("no-rows"));
    // The instructions name every column and its allowed values.
    let sheets = calamine_text(&out1.path().join("infrastruktur.xlsx"), "Petunjuk");
    assert!(sheets.contains("Jumlah Pegawai"), "{sheets}");
    assert!(sheets.contains("salah satu: harian, mingguan, tidak ada"));
    assert!(sheets.contains("Ya atau Tidak"));
}

#[test]
fn per_unit_forms_carry_the_unit() {
    let out = tempfile::tempdir().unwrap();
    kesiapan()
        .args([
            "template",
            "--per-unit",
            "--dataset",
            "infrastruktur",
            "--out",
        ])
        .arg(out.path())
        .assert()
        .success();
    let f = out.path().join("OPD-07/infrastruktur_OPD-07.xlsx");
    let text = calamine_text(&f, "Infrastruktur OPD");
    assert!(text.contains("OPD-07"), "{text}");
    assert!(text.contains("Badan Penanggulangan Bencana"), "{text}");
    // 40 unit folders and the manifest.
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 41);
    assert!(out.path().join("kesiapan-manifest.json").is_file());
}

fn calamine_text(path: &std::path::Path, sheet: &str) -> String {
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Rows typed into the form's instructions sheet, under its example row, are reported.
#[test]
fn data_typed_under_the_instructions_example_is_reported() {
    use rust_xlsxwriter::{DocProperties, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    wb.set_properties(&DocProperties::new().set_custom_property(
        kesiapan::input::guard::INSTRUCTIONS_PROPERTY,
        template::INSTRUCTIONS_SHEET,
    ));
    let head = ["Kode OPD", "Nama OPD", "Jumlah Pegawai"];
    let ws = wb.add_worksheet();
    ws.set_name(template::INSTRUCTIONS_SHEET).unwrap();
    ws.write_string(0, 0, "Petunjuk pengisian").unwrap();
    for (r, row) in [
        head,
        ["OPD-01", "contoh", "12"],
        ["OPD-02", "Dinas B", "20"],
        ["OPD-03", "Dinas C", "30"],
    ]
    .iter()
    .enumerate()
    {
        for (j, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 2, j as u16, *v).unwrap();
        }
    }
    let ws = wb.add_worksheet();
    ws.set_name("Data").unwrap();
    for (j, v) in head.iter().enumerate() {
        ws.write_string(0, j as u16, *v).unwrap();
    }
    for (j, v) in ["OPD-09", "Dinas I", "9"].iter().enumerate() {
        ws.write_string(1, j as u16, *v).unwrap();
    }
    wb.save(dir.path().join("infra.xlsx")).unwrap();
    let r = kesiapan::rubric::load(&root().join("tests/fixtures/tiny/tiny.toml")).unwrap();
    let loaded = input::load(
        &r,
        &Sources {
            dir: Some(dir.path().to_path_buf()),
            ..Sources::default()
        },
    )
    .unwrap();
    assert_eq!(loaded.units.len(), 1, "only the data sheet is read");
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.sheet.as_deref() == Some("Petunjuk"))
        .expect("the typed rows are reported");
    assert!(
        d.message
            .contains("2 row(s) typed in the form's instructions sheet")
    );
    assert_eq!(d.value.as_deref(), Some("5-6"), "the rows typed there");
}

mod round_trip {
    use super::*;
    use proptest::prelude::*;

    /// A correct value for a column, drawn from its type and range.
    fn valid(col: &kesiapan::rubric::Column) -> BoxedStrategy<Cell> {
        let lo = col.min.unwrap_or(0.0);
        let hi = col.max.unwrap_or(lo + 5000.0);
        match &col.kind {
            ColumnType::Text => "[A-Za-z][A-Za-z0-9 .,/()-]{0,30}"
                .prop_map(|s| Cell::Text(s.trim().to_string() + "x"))
                .boxed(),
            ColumnType::Integer | ColumnType::Likert => ((lo as i64)..=(hi as i64))
                .prop_map(|n| Cell::Number(n as f64))
                .boxed(),
            ColumnType::Number => (0u32..=100_000)
                .prop_map(move |k| Cell::Number(lo + (hi - lo) * k as f64 / 100_000.0))
                .boxed(),
            ColumnType::Percent => (0u32..=100)
                .prop_map(|k| Cell::Number(k as f64 / 100.0))
                .boxed(),
            ColumnType::Boolean => prop_oneof![Just("Ya"), Just("Tidak")]
                .prop_map(|s| Cell::Text(s.into()))
                .boxed(),
            ColumnType::Category { values } => proptest::sample::select(values.clone())
                .prop_map(Cell::Text)
                .boxed(),
            ColumnType::Date => (1u32..=28, 1u32..=12, 2000u32..=2030)
                .prop_map(|(d, m, y)| Cell::Text(format!("{y:04}-{m:02}-{d:02}")))
                .boxed(),
        }
    }

    fn job_rows() -> impl Strategy<Value = Vec<Vec<Cell>>> {
        let r = rubric();
        let ds = r.dataset("jabatan").unwrap().clone();
        let row: Vec<BoxedStrategy<Cell>> = ds
            .columns
            .iter()
            .map(|c| match c.name.as_str() {
                "kode_opd" => Just(Cell::Text("OPD-01".into())).boxed(),
                _ => valid(c),
            })
            .collect();
        proptest::collection::vec(row, 1..12)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Any correctly filled job form loads with zero diagnostics and the same values.
        #[test]
        fn any_correct_job_form_loads_clean(mut rows in job_rows()) {
            let r = rubric();
            let dir = tempfile::tempdir().unwrap();
            let unit = ForUnit { id: "OPD-01".into(), name: Some("Dinas Satu".into()) };
            let infra = r.dataset("infrastruktur").unwrap();
            std::fs::write(
                dir.path().join(template::file_name(infra, Some(&unit))),
                template::form(&r, infra, Some(&unit), &rows_of(infra)).unwrap(),
            ).unwrap();
            let jab = r.dataset("jabatan").unwrap();
            for (i, row) in rows.iter_mut().enumerate() {
                row[1] = Cell::Text(format!("J{i:02}"));
            }
            std::fs::write(
                dir.path().join(template::file_name(jab, Some(&unit))),
                template::form(&r, jab, Some(&unit), &rows).unwrap(),
            ).unwrap();
            let loaded = input::load(&r, &Sources { dir: Some(dir.path().to_path_buf()), ..Sources::default() }).unwrap();
            // The survey is not part of this form set: only its absence is reported.
            let other: Vec<_> = loaded.diagnostics.iter()
                .filter(|d| d.dataset.as_deref() != Some("survei"))
                .filter(|d| d.code != kesiapan::diag::Code::LowResponse)
                .collect();
            prop_assert!(other.is_empty(), "{:?}", other);
            let df = &loaded.tables["jabatan"].df;
            prop_assert_eq!(df.height(), rows.len());
            let counts = df.column("jumlah_pemangku").unwrap().i64().unwrap();
            for (i, row) in rows.iter().enumerate() {
                if let Cell::Number(n) = row[4] {
                    prop_assert_eq!(counts.get(i), Some(n as i64));
                }
            }
        }
    }

    fn rows_of(ds: &Dataset) -> Vec<Vec<Cell>> {
        super::rows(ds, "OPD-01", 1)
    }
}

/// The attack pass: `template --per-unit` wrote the code `A,B` as the dropdown list "A","B"
/// (Excel then refused the OPD's own pre-filled code), and a code over 255 characters failed
/// the whole run with a raw library error.
#[test]
fn per_unit_forms_survive_codes_excel_cannot_list() {
    let data = tempfile::tempdir().unwrap();
    let long = "X".repeat(300);
    std::fs::write(
        data.path().join("infra.csv"),
        format!(
            "Kode OPD;Nama OPD;Jumlah Pegawai;Laptop Dinas;Bandwidth (Mbps);VPN;SKP (%);Garis Depan\n\
             A;Dinas A;100;60;20;Ya;90%;Tidak\nB,C;Dinas BC;50;5;2;Tidak;40%;Tidak\n\
             {long};Dinas L;20;16;1;Ya;80%;Ya\n"
        ),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = kesiapan()
        .args([
            "template",
            "--rubric",
            "tests/fixtures/tiny/tiny.toml",
            "--per-unit",
        ])
        .arg("--data")
        .arg(data.path())
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let folders: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    assert_eq!(folders.len(), 3, "a folder of forms per unit: {folders:?}");
    let mut checked = 0;
    for dir in &folders {
        for f in std::fs::read_dir(dir).unwrap() {
            let bytes = std::fs::read(f.unwrap().path()).unwrap();
            let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            for i in 0..z.len() {
                let mut e = z.by_index(i).unwrap();
                if e.name().unwrap().starts_with("xl/worksheets/") {
                    let mut xml = String::new();
                    std::io::Read::read_to_string(&mut e, &mut xml).unwrap();
                    assert!(!xml.contains("<formula1>\"B,C\"</formula1>"));
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 0);
}

/// The survey form shows the province form's wording of each question beside its column, and
/// still reads back (the data sheet's header stays the column label; `filled_forms_load…`).
#[test]
fn the_survey_form_shows_each_question_wording() {
    let r = rubric();
    let ds = r.dataset("survei").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("survei.xlsx");
    std::fs::write(&p, template::form(&r, ds, None, &[]).unwrap()).unwrap();
    let petunjuk = calamine_text(&p, "Petunjuk");
    let mut asked = 0;
    for c in &ds.columns {
        for q in &c.question {
            assert!(petunjuk.contains(q.as_str()), "{q}\n{petunjuk}");
            asked += 1;
        }
    }
    assert_eq!(asked, 16);
    assert!(
        petunjuk.contains("Pertanyaan di formulir: \"Seberapa mahir Anda menggunakan SRIKANDI?\"")
    );
    // The data sheet is headed by the labels, read back as the columns.
    let data = calamine_text(&p, &kesiapan::xlsx::sheet_name(&ds.title.id));
    assert!(data.starts_with("Kode Responden | Kode OPD"), "{data}");
}

/// The rows of the instructions table (Kolom, Wajib, Arti, Contoh, Nilai yang diizinkan) of a
/// blank form of `ds`, by the column's heading.
fn instruction_rows(r: &kesiapan::rubric::Rubric, ds: &Dataset) -> Vec<Vec<String>> {
    use calamine::Reader;
    let bytes = template::form(r, ds, None, &[]).unwrap();
    let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range(template::INSTRUCTIONS_SHEET).unwrap();
    range
        .rows()
        .map(|row| row.iter().map(|c| c.to_string()).collect::<Vec<_>>())
        .skip_while(|row| row.first().map(String::as_str) != Some("Kolom"))
        .skip(1)
        .take(ds.columns.len())
        .collect()
}

/// The issue: the instructions' "Arti" repeated the column's name. Every column of the shipped
/// rubric has a definition in both languages, and the instructions show it, not the name.
#[test]
fn every_shipped_column_is_described_and_the_instructions_show_the_description() {
    let r = rubric();
    for ds in &r.datasets {
        let rows = instruction_rows(&r, ds);
        assert_eq!(rows.len(), ds.columns.len(), "{}", ds.id);
        for (c, row) in ds.columns.iter().zip(&rows) {
            let d = c
                .description
                .as_ref()
                .unwrap_or_else(|| panic!("{}.{} has no description", ds.id, c.name));
            assert!(
                d.en.is_some(),
                "{}.{} has no English description",
                ds.id,
                c.name
            );
            assert_eq!(row[0], template::header_label(c));
            assert!(
                row[2].starts_with(&d.id),
                "{}.{}: Arti is {:?}",
                ds.id,
                c.name,
                row[2]
            );
            assert_ne!(row[2], c.name.replace('_', " "));
        }
    }
    // What is meant by a front-line service, and what the SKP share is a share of.
    let infra = r.dataset("infrastruktur").unwrap();
    let text = instruction_rows(&r, infra).concat().join(" | ");
    assert!(text.contains("Layanan garis depan: OPD melayani masyarakat secara tatap muka"));
    assert!(text.contains("dibagi jumlah pegawai OPD"), "{text}");
    let jab = r.dataset("jabatan").unwrap();
    let text = instruction_rows(&r, jab).concat().join(" | ");
    assert!(text.contains("Layanan garis depan: pemangku jabatan ini melayani masyarakat"));
}

/// Without a description the form falls back to the column's heading (never the raw name).
#[test]
fn a_column_without_description_is_explained_by_its_heading() {
    let r = kesiapan::rubric::load(&root().join("tests/fixtures/tiny/tiny.toml")).unwrap();
    let ds = r.dataset("infra").unwrap();
    let rows = instruction_rows(&r, ds);
    let row = rows.iter().find(|row| row[0] == "Jumlah Pegawai").unwrap();
    assert_eq!(row[2], "Jumlah Pegawai");
}

/// Every Likert column of the shipped rubric names its scale's ends, and the form prints each
/// anchor with the allowed values.
#[test]
fn likert_anchors_are_written_in_the_form() {
    let r = rubric();
    let mut likert = 0;
    for ds in &r.datasets {
        let rows = instruction_rows(&r, ds);
        for (c, row) in ds.columns.iter().zip(&rows) {
            if c.kind != ColumnType::Likert {
                continue;
            }
            likert += 1;
            let a = &c.form.anchors;
            assert_eq!(
                a.first().map(|x| x.0),
                c.min.map(|m| m as i64),
                "{}",
                c.name
            );
            assert_eq!(a.last().map(|x| x.0), c.max.map(|m| m as i64), "{}", c.name);
            for (v, t) in a {
                let shown = format!("{v} = {}", t.id);
                assert!(
                    row[4].contains(&shown),
                    "{}: {shown} not in {:?}",
                    c.name,
                    row[4]
                );
            }
        }
    }
    assert_eq!(likert, 8, "tatap_muka and the seven skills");
    let sur = r.dataset("survei").unwrap();
    let rows = instruction_rows(&r, sur);
    let office = rows
        .iter()
        .find(|row| row[0] == "Keterampilan Office")
        .expect("the survey's office-skills heading in Indonesian");
    assert!(
        office[4].starts_with("skala dari 1 sampai 5: 1 = belum bisa;"),
        "{:?}",
        office[4]
    );
}

/// The example row of each form (the rubric's `example`s) is a plausible answer: typed into the
/// forms it loads with every row used and no cell reported, and it selects no exclusion
/// (the example survey respondent was under a disciplinary sanction).
#[test]
fn example_rows_pass_the_rubric_checks_and_select_no_exclusion() {
    let r = rubric();
    let dir = tempfile::tempdir().unwrap();
    for ds in &r.datasets {
        for c in &ds.columns {
            assert!(
                c.form.example.is_some(),
                "{}.{} has no example",
                ds.id,
                c.name
            );
        }
        let row: Vec<Cell> = ds
            .columns
            .iter()
            .map(|c| template::example(c, None))
            .collect();
        let bytes = template::form(&r, ds, None, &[row]).unwrap();
        std::fs::write(dir.path().join(template::file_name(ds, None)), bytes).unwrap();
    }
    let loaded = input::load(
        &r,
        &Sources {
            dir: Some(dir.path().to_path_buf()),
            ..Sources::default()
        },
    )
    .unwrap();
    for f in &loaded.inputs {
        assert_eq!((f.rows_read, f.rows_rejected), (1, 0), "{}", f.path);
    }
    // One respondent of 86 staff, 3 job holders: figures about the OPD, not about a cell.
    use kesiapan::diag::Code;
    let cells: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| {
            !matches!(
                d.code,
                Code::LowResponse | Code::LowCoverage | Code::SmallGroup
            )
        })
        .collect();
    assert!(cells.is_empty(), "{cells:?}");
    assert_eq!(loaded.units.len(), 1);
    let sur = &loaded.tables["survei"].df;
    let excluded = sur.column("dikecualikan").unwrap();
    assert_eq!(excluded.bool().unwrap().get(0), Some(false));
    for flag in ["sanksi_disiplin", "baru_ditempatkan"] {
        assert_eq!(
            sur.column(flag).unwrap().bool().unwrap().get(0),
            Some(false),
            "{flag}"
        );
    }
    assert_eq!(
        sur.column("bersedia_wfa").unwrap().bool().unwrap().get(0),
        Some(true)
    );
}

/// Where the respondent's id is asked, the form asks for an anonymous code, never the NIP.
#[test]
fn the_survey_form_asks_for_an_anonymous_respondent_code() {
    let r = rubric();
    let ds = r.dataset("survei").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("survei.xlsx");
    let bytes = template::form(&r, ds, None, &[]).unwrap();
    std::fs::write(&p, &bytes).unwrap();
    let petunjuk = calamine_text(&p, "Petunjuk");
    assert!(
        petunjuk.contains("Kolom \"Kode Responden\": isi kode responden anonim"),
        "{petunjuk}"
    );
    assert!(petunjuk.contains("Jangan isi NIP"));
    let row = instruction_rows(&r, ds).remove(0);
    assert_eq!(row[3], "R-001");
    // The header note of the data sheet says it too.
    let xml = zip_text(&bytes);
    assert!(xml.contains("isi kode responden anonim buatan OPD"));
}

/// The instructions sheet prints: A4, one page wide, landscape, margins, the table's header row
/// repeated on every page, a print area over the instructions and the table, wrapped cells.
#[test]
fn the_instructions_sheet_prints_on_a4_one_page_wide() {
    use std::io::Read as _;
    let r = rubric();
    let ds = r.dataset("survei").unwrap();
    let bytes = template::form(&r, ds, None, &[]).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let workbook = part("xl/workbook.xml");
    let sheet = part("xl/worksheets/sheet1.xml");
    let styles = part("xl/styles.xml");
    assert!(
        workbook.contains(r#"<sheet name="Petunjuk" sheetId="1""#),
        "{workbook}"
    );
    assert!(sheet.contains(r#"<pageSetUpPr fitToPage="1"/>"#), "{sheet}");
    let setup = sheet
        .split("<pageSetup ")
        .nth(1)
        .and_then(|s| s.split("/>").next())
        .expect("a page setup");
    for want in [
        r#"paperSize="9""#,
        r#"fitToHeight="0""#,
        r#"orientation="landscape""#,
    ] {
        assert!(setup.contains(want), "{want} not in {setup}");
    }
    // fitToWidth defaults to 1 and is then left out.
    assert!(!setup.contains("fitToWidth") || setup.contains(r#"fitToWidth="1""#));
    assert!(sheet.contains(r#"<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6""#));
    assert!(
        sheet.contains("<printOptions horizontalCentered=\"1\"/>"),
        "{sheet}"
    );
    assert!(sheet.contains("Halaman &amp;P dari &amp;N"));
    // The header row of the table, repeated; the print area ends with the table (column E).
    let rows = instruction_rows(&r, ds);
    let header_row = table_header_row(&r, ds).to_string();
    let titles = format!(
        "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">Petunjuk!${header_row}:${header_row}</definedName>"
    );
    assert!(workbook.contains(&titles), "{titles} not in {workbook}");
    let last = header_row.parse::<usize>().unwrap() + rows.len();
    let area = format!(
        "<definedName name=\"_xlnm.Print_Area\" localSheetId=\"0\">Petunjuk!$A$1:$E${last}</definedName>"
    );
    assert!(workbook.contains(&area), "{area} not in {workbook}");
    // The "Arti" cells (column C) of the table wrap.
    let xfs: Vec<&str> = styles
        .split("<cellXfs")
        .nth(1)
        .unwrap()
        .split("</cellXfs>")
        .next()
        .unwrap()
        .split("<xf ")
        .skip(1)
        .collect();
    let arti = format!("<c r=\"C{}\"", header_row.parse::<usize>().unwrap() + 1);
    let style: usize = sheet
        .split(&arti)
        .nth(1)
        .and_then(|c| c.split(" s=\"").nth(1))
        .and_then(|s| s.split('"').next())
        .and_then(|s| s.parse().ok())
        .expect("a styled Arti cell");
    assert!(xfs[style].contains(r#"wrapText="1""#), "{}", xfs[style]);
}

/// The sheet row number (1-based) of the instructions table's header row ("Kolom", …).
fn table_header_row(r: &kesiapan::rubric::Rubric, ds: &Dataset) -> u32 {
    use calamine::Reader;
    let bytes = template::form(r, ds, None, &[]).unwrap();
    let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range(template::INSTRUCTIONS_SHEET).unwrap();
    let (first, _) = range.start().unwrap();
    let i = range
        .rows()
        .position(|row| row.first().map(|c| c.to_string()).as_deref() == Some("Kolom"))
        .unwrap();
    first + i as u32 + 1
}

/// The data sheet is headed in Indonesian ("Keterampilan Office", not "Skill Office") and every
/// heading of the shipped rubric reads back as its own column.
#[test]
fn headings_are_indonesian_and_read_back_as_their_columns() {
    let r = rubric();
    for ds in &r.datasets {
        for (i, c) in ds.columns.iter().enumerate() {
            let h = template::header_label(c);
            assert!(!h.starts_with("Skill "), "{h}");
            assert_eq!(
                kesiapan::input::header::column_for(ds, &h),
                Some(i),
                "{}: heading {h:?}",
                ds.id
            );
        }
    }
    let sur = r.dataset("survei").unwrap();
    let office = sur
        .columns
        .iter()
        .find(|c| c.name == "skill_office")
        .unwrap();
    assert_eq!(template::header_label(office), "Keterampilan Office");
}
