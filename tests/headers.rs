//! Natural headers read by the real binary: a hand-written folder (tests/fixtures/headers) with
//! headers as offices write them (a new alias, a year, a unit in parentheses, a question, a
//! filler word, a contained phrase, a typo, a Google Forms export) and one ambiguous header;
//! which columns were read, which were reported, and that the export's e-mail column never
//! reaches an output.

use crate::common::*;

fn validate() -> String {
    let o = kesiapan()
        .args([
            "validate",
            "--lang",
            "en",
            "--data",
            "tests/fixtures/headers",
        ])
        .output()
        .unwrap();
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn natural_headers_are_read_and_each_inference_is_reported() {
    let text = validate();
    // Nothing required is missing: the unit list's OPDs exist.
    assert!(!text.contains("missing-column"), "{text}");
    assert!(!text.contains("unknown-unit"), "{text}");
    // Normalised (Info), with the original header shown.
    for h in [
        "Jumlah ASN 2025",
        "Berapa kecepatan internet kantor (Mbps)?",
        "Apakah kantor memiliki VPN?",
        "Aplikasi SRIKANDI Tersedia (Y/T)",
    ] {
        assert!(
            text.contains(&format!("column `{h}` read as `")),
            "{h}\n{text}"
        );
    }
    assert!(
        text.contains("column `Jumlah ASN 2025` read as `jumlah_pegawai`"),
        "{text}"
    );
    // Contained (Warning), naming the phrase.
    assert!(
        text.contains(
            "column `Helpdesk TI Pusat Data` read as `helpdesk_ti` because it contains `helpdesk ti`"
        ),
        "{text}"
    );
    // A typo, by similarity.
    assert!(
        text.contains("column `Absensi Onlien` taken as `absensi_online`"),
        "{text}"
    );
    // Naming two columns: not used, both named.
    assert!(
        text.contains(
            "column `Kode/Nama Perangkat Daerah` is about as close to `kode_opd` and `nama_opd`; not used"
        ),
        "{text}"
    );
    // New aliases and the Google Forms questions are exact: no report of them.
    for h in [
        "Kode Satuan Kerja",
        "Nama Unit Kerja",
        "Jumlah Pemangku Jabatan (orang)",
        "Memerlukan Pengawasan Langsung (Y/T)",
        "Seberapa mahir Anda menggunakan SRIKANDI?",
        "Unit kerja (OPD) tempat Anda bertugas",
    ] {
        assert!(!text.contains(&format!("`{h}`")), "{h}\n{text}");
    }
    // One report per inference, no more (the summary counts them by code).
    assert_eq!(text.matches("(the same words without").count(), 4, "{text}");
    assert!(text.contains("info inferred-column         4"), "{text}");
    assert_eq!(text.matches("because it contains").count(), 1, "{text}");
    assert_eq!(text.matches("is about as close to `").count(), 1, "{text}");
    assert_eq!(text.matches("taken as `").count(), 1, "{text}");
    // The Google Forms export's own columns are ignored, the e-mail column among them.
    assert!(text.contains("column `Alamat email` is not in the schema of `survei`; ignored"));
    assert!(text.contains("0 error(s)"), "{text}");
}

#[test]
fn a_google_forms_export_is_scored_and_its_email_column_reaches_no_output() {
    let (out, _) = run_into(&[
        "assess",
        "--data",
        "tests/fixtures/headers",
        "--format",
        "all",
        "--now",
        NOW,
    ]);
    let json = read(&out.path().join("assessment.json"));
    // Both OPDs assessed, with every survey question read (no survey column missing).
    assert!(json.contains("\"OPD-01\"") && json.contains("\"OPD-02\""));
    assert!(
        !json.contains("\"missing-column\""),
        "missing-column in assessment.json"
    );
    for entry in walk(out.path()) {
        let bytes = std::fs::read(&entry).unwrap();
        let hay = match bytes.starts_with(b"PK") {
            true => zip_text(&bytes),
            false => String::from_utf8_lossy(&bytes).into_owned(),
        };
        for personal in ["contoh.go.id", "198001012005010001", "pegawai0"] {
            assert!(!hay.contains(personal), "{personal} in {}", entry.display());
        }
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// Issue 11, item 3: one missing required column hid every other problem of the sheet (its
/// column-number row, a note, a bad cell), so the office needed three rounds of feedback.
#[test]
fn a_sheet_missing_a_required_column_is_still_checked_whole() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    for f in ["jabatan_natural.csv", "survei_google_form.csv"] {
        std::fs::copy(root().join("tests/fixtures/headers").join(f), data.join(f)).unwrap();
    }
    // No headcount column ("Jumlah Pegawai") at all.
    std::fs::write(
        data.join("infrastruktur_tanpa_pegawai.csv"),
        "Kode OPD;Nama OPD;Laptop Dinas;Bandwidth;VPN;Absensi Onlien\n\
         (1);(2);(3);(4);(5);(6)\n\
         OPD-01;Dinas Pendidikan;banyak;20;Ya;Ya\n\
         OPD-02;Dinas Kesehatan;50;30;mungkin;Ya\n\
         Catatan: data per 30 November\n",
    )
    .unwrap();
    let json = dir.path().join("d.json");
    kesiapan()
        .args(["validate", "--data"])
        .arg(&data)
        .arg("--json")
        .arg(&json)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&read(&json)).unwrap();
    let of_file: Vec<(String, Option<u64>, Option<String>)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["file"]
                .as_str()
                .is_some_and(|f| f.ends_with("infrastruktur_tanpa_pegawai.csv"))
        })
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["row"].as_u64(),
                d["column"].as_str().map(String::from),
            )
        })
        .collect();
    let has = |code: &str, row: u64, col: Option<&str>| {
        of_file
            .iter()
            .any(|(c, r, k)| c == code && *r == Some(row) && k.as_deref() == col)
    };
    assert!(has("missing-column", 1, None), "{of_file:?}");
    assert!(has("similar-column", 1, Some("F")), "{of_file:?}");
    assert!(has("notes-row", 2, None), "column numbers: {of_file:?}");
    assert!(has("invalid-value", 3, Some("C")), "`banyak`: {of_file:?}");
    assert!(has("invalid-value", 4, Some("E")), "`mungkin`: {of_file:?}");
    assert!(has("notes-row", 5, None), "the note: {of_file:?}");
    // Every row is rejected, once: none is used, none silently dropped.
    let file = v["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            f["path"]
                .as_str()
                .unwrap()
                .ends_with("infrastruktur_tanpa_pegawai.csv")
        })
        .unwrap();
    assert_eq!(file["rows_used"], 0, "{file}");
    assert_eq!(file["rows_rejected"], file["rows_read"], "{file}");
    assert_eq!(file["rows_read"], 4, "{file}");
}
