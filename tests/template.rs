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
    assert!(data.starts_with("ID Responden | Kode OPD"), "{data}");
}
