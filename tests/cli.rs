//! The real binary on real files: the sample data, other formats, messy and broken inputs,
//! rubric errors with exact positions, `--help` snapshots.

use crate::common::*;
use predicates::prelude::*;

fn stdout_of(args: &[&str]) -> String {
    let out = kesiapan().args(args).output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn help_snapshots() {
    snapshot("help.txt", &stdout_of(&["--help"]));
    snapshot("help-assess.txt", &stdout_of(&["assess", "--help"]));
    snapshot("help-validate.txt", &stdout_of(&["validate", "--help"]));
    snapshot("help-rubric.txt", &stdout_of(&["rubric", "--help"]));
    snapshot("help-diff.txt", &stdout_of(&["diff", "--help"]));
    snapshot(
        "help-sensitivity.txt",
        &stdout_of(&["sensitivity", "--help"]),
    );
    snapshot("help-plan.txt", &stdout_of(&["plan", "--help"]));
    snapshot("help-render.txt", &stdout_of(&["render", "--help"]));
    snapshot("help-template.txt", &stdout_of(&["template", "--help"]));
    snapshot("help-evaluate.txt", &stdout_of(&["evaluate", "--help"]));
}

#[test]
fn rubric_errors_are_all_listed_with_line_and_column() {
    let out = kesiapan()
        .args(["rubric", "check", "tests/fixtures/broken/broken.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    snapshot("broken-rubric.txt", &err);
    assert!(err.contains("broken.toml:63:15: error: unknown column `laptop_dinass`"));
    assert!(err.contains("hint: did you mean `laptop_dinas`?"));
    assert!(err.contains("broken.toml:106:1: error: unknown key `indicators.4.colour`"));
    assert!(
        err.contains("broken.toml:8:11: error: unknown dataset `infrastructure`"),
        "{err}"
    );
    assert!(err.contains("6 problems in"));
}

#[test]
fn default_rubric_checks_and_explains() {
    kesiapan()
        .args(["rubric", "check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ok — rubric wfa-asn-2025"));
    let text = stdout_of(&["rubric", "explain", "rubrics/wfa-asn-2025.toml"]);
    // Dimension weights 25/25/15/25/10 normalise to percentages.
    assert!(text.contains("25% infrastruktur"), "{text}");
    assert!(text.contains("15% pegawai"));
    assert!(text.contains("layak            score ≥ 70"));
    assert!(text.contains("require persen_skp_ekinerja >= 0.5; if not: at best belum_layak"));
}

#[test]
fn assess_on_the_sample_data_is_mixed_and_reproducible() {
    let (d1, a) = assess(&[]);
    let counts = &a["summary"]["verdict_counts"];
    assert_eq!(
        (
            counts["layak"].as_u64(),
            counts["layak_terbatas"].as_u64(),
            counts["belum_layak"].as_u64()
        ),
        (Some(15), Some(10), Some(15))
    );
    assert_eq!(a["schema_version"], "1.7");
    assert_eq!(a["units"].as_array().unwrap().len(), 40);
    // Plausibility: hospitals, Satpol PP and schools are not fully remote-capable.
    for id in ["OPD-01", "OPD-03", "OPD-04", "OPD-06"] {
        assert_ne!(unit(&a, id)["verdict"], "layak", "{id}");
    }
    assert_eq!(unit(&a, "OPD-15")["verdict"], "layak"); // Diskominfosantik
    // Rows rejected, file by file (`rows_used` is `rows_read - rows_rejected` by construction;
    // that every row is used or listed is checked against the tables in tests/messy.rs).
    let mut rejected = 0;
    for i in a["inputs"].as_array().unwrap() {
        rejected += i["rows_rejected"].as_u64().unwrap();
    }
    assert_eq!(rejected, 5); // a totals row, two duplicate respondents, two unknown OPDs
    // Same inputs and rubric, fixed clock: byte-identical outputs.
    let (d2, _) = assess(&[]);
    for f in ["assessment.json", "ringkasan.md"] {
        assert_eq!(read(&d1.path().join(f)), read(&d2.path().join(f)), "{f}");
    }
    let md = read(&d1.path().join("ringkasan.md"));
    assert!(md.starts_with("# Ringkasan Kesiapan WFA"));
    // No personal identifier reaches a report.
    for out in [read(&d1.path().join("assessment.json")), md] {
        assert!(
            !out.contains("R-000123") && !out.contains("id_responden\":"),
            "personal id leaked"
        );
    }
}

#[test]
fn english_summary() {
    let (d, _) = assess(&["--lang", "en", "--format", "json,md"]);
    let md = read(&d.path().join("summary.md"));
    assert!(md.starts_with("# WFA Readiness Summary"));
    assert!(md.contains("Feasible with limits"));
}

/// The jobs dataset as .ods and as `;` CSV with a BOM, and the infrastructure as `;` CSV with
/// decimal commas and "75%": the same scores as from the xlsx files.
#[test]
fn other_formats_give_the_same_scores() {
    let (_d, base) = assess(&["--format", "json"]);
    for (ds, alt) in [
        ("jabatan", "sample-data/formats/jabatan_opd.ods"),
        ("jabatan", "sample-data/formats/jabatan_opd.csv"),
        ("infrastruktur", "sample-data/formats/infrastruktur_opd.csv"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        for f in [
            "infrastruktur_opd.xlsx",
            "jabatan_opd.xlsx",
            "survei_pegawai_bagian1.xlsx",
            "survei_pegawai_bagian2.xlsx",
        ] {
            if !f.starts_with(ds) {
                std::fs::copy(root().join("sample-data").join(f), dir.path().join(f)).unwrap();
            }
        }
        let input = format!("{ds}={alt}");
        let (_o, a) = assess(&[
            "--data",
            dir.path().to_str().unwrap(),
            "--input",
            &input,
            "--format",
            "json",
        ]);
        for u in base["units"].as_array().unwrap() {
            let id = u["id"].as_str().unwrap();
            assert_eq!(u["score"], unit(&a, id)["score"], "{alt}: {id}");
            assert_eq!(u["verdict"], unit(&a, id)["verdict"], "{alt}: {id}");
        }
    }
}

#[test]
fn validate_reports_exact_places_and_exits_1() {
    let out = kesiapan()
        .args(["validate", "--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("sample-data/survei_pegawai_bagian2.xlsx [Survei] B1225: `kode_opd` = `OPD-99` is not in the unit list"), "{text}");
    assert!(text.contains("sample-data/survei_pegawai_bagian1.xlsx [Survei] E5543: `skill_office`: expected a value from 1 to 5; read as missing"));
    assert!(
        text.contains("sample-data/infrastruktur_opd.xlsx [Infrastruktur] row 45: a totals row")
    );
    assert!(text.contains("4 error(s), 4 warning(s)"));
    // The default is Indonesian, with the same places.
    let out = kesiapan().args(["validate"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("sample-data/survei_pegawai_bagian2.xlsx [Survei] B1225: `kode_opd` = `OPD-99` tidak ada di daftar unit"), "{text}");
    assert!(text.contains("sample-data/survei_pegawai_bagian1.xlsx [Survei] E5543: `skill_office`: seharusnya nilai dari 1 sampai 5; dibaca sebagai tidak ada data"), "{text}");
    assert!(text.contains(
        "sample-data/infrastruktur_opd.xlsx [Infrastruktur] baris 45: baris jumlah/total"
    ));
    assert!(text.contains("4 kesalahan, 4 peringatan"), "{text}");
}

#[test]
fn a_broken_file_is_a_clear_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("infrastruktur.xlsx"),
        b"this is not a workbook",
    )
    .unwrap();
    std::fs::write(dir.path().join("survei.csv"), b"").unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = kesiapan()
        .args([
            "assess",
            "--data",
            dir.path().to_str().unwrap(),
            "--out",
            out.path().to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("2 input file(s) could not be read"), "{err}");
    assert!(
        err.contains("infrastruktur.xlsx is not a readable spreadsheet"),
        "{err}"
    );
    assert!(err.contains("survei.csv is empty"), "{err}");
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
}

#[test]
fn messy_header_and_missing_required_column() {
    let dir = tempfile::tempdir().unwrap();
    // Title rows, columns in another order, an extra column, no `jumlah_pegawai`.
    std::fs::write(
        dir.path().join("infra.csv"),
        "Judul\n\nNama OPD;Catatan;Kode OPD\nDinas A;x;A\n",
    )
    .unwrap();
    std::fs::copy(
        root().join("tests/fixtures/tiny/survei.csv"),
        dir.path().join("survei.csv"),
    )
    .unwrap();
    let o = kesiapan()
        .args([
            "validate",
            "--lang",
            "en",
            "--rubric",
            "tests/fixtures/tiny/tiny.toml",
            "--data",
            dir.path().to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.contains("infra.csv row 3: required column `jumlah_pegawai` is not in the header"),
        "{text}"
    );
}

#[test]
fn unknown_option_is_a_usage_error() {
    kesiapan().args(["assess", "--bogus"]).assert().code(2);
}

#[test]
fn an_encrypted_workbook_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    // Password-protected OOXML files are OLE compound documents, whatever their extension.
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.extend([0u8; 504]);
    std::fs::write(dir.path().join("infra.xlsx"), bytes).unwrap();
    let o = kesiapan()
        .args([
            "validate",
            "--lang",
            "en",
            "--rubric",
            "tests/fixtures/tiny/tiny.toml",
            "--data",
            dir.path().to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains(
            "infra.xlsx is password-protected (encrypted); save an unprotected copy and try again"
        ),
        "{err}"
    );
}

#[test]
fn a_folder_file_matching_no_dataset_is_information() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["infra.csv", "survei.csv"] {
        std::fs::copy(
            root().join("tests/fixtures/tiny").join(f),
            dir.path().join(f),
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("catatan.csv"), "Tanggal;Catatan\n1;rapat\n").unwrap();
    let (_o, a) = assess(&[
        "--rubric",
        "tests/fixtures/tiny/tiny.toml",
        "--data",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    let d = a["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["file"]
                .as_str()
                .is_some_and(|f| f.ends_with("catatan.csv"))
        })
        .unwrap();
    assert_eq!(d["code"], "unmatched-file");
    assert_eq!(d["severity"], "info");
}

/// The same infrastructure sheet as a legacy .xls (BIFF8) workbook scores exactly like the CSV.
#[test]
fn legacy_xls_gives_the_same_scores() {
    let (_a, csv) = assess(&[
        "--rubric",
        "tests/fixtures/tiny/tiny.toml",
        "--data",
        "tests/fixtures/tiny",
        "--format",
        "json",
    ]);
    let (_b, xls) = assess(&[
        "--rubric",
        "tests/fixtures/tiny/tiny.toml",
        "--input",
        "infra=tests/fixtures/xls/infra.xls",
        "--input",
        "survei=tests/fixtures/tiny/survei.csv",
        "--format",
        "json",
    ]);
    for id in ["A", "B", "C"] {
        assert_eq!(unit(&csv, id)["score"], unit(&xls, id)["score"], "{id}");
    }
    let totals = xls["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "totals-row")
        .unwrap();
    assert_eq!(
        (totals["sheet"].as_str(), totals["row"].as_u64()),
        (Some("Infrastruktur"), Some(8))
    );
}

/// Separators decided per column, whole percentages, a header-only file, a missing optional column.
#[test]
fn messy_numbers_are_read_per_column_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("infra.csv"),
        "Kode OPD;Nama OPD;Jumlah Pegawai;Laptop Dinas;Bandwidth (Mbps);VPN;SKP (%);Garis Depan\n\
         A;Dinas A;1.250;60;1.250;Ya;62;Tidak\n\
         B;Dinas B;50;5;2,5;Tidak;1;Tidak\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("survei.csv"),
        "ID Responden;Kode OPD;Skill\n",
    )
    .unwrap();
    let (_o, a) = assess(&[
        "--rubric",
        "tests/fixtures/tiny/tiny.toml",
        "--data",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    // "2,5" shows the bandwidth column uses decimal commas, so "1.250" there is 1250, silently.
    close(
        f(&indicator(unit(&a, "A"), "bandwidth")["value"]),
        1250.0,
        1e-9,
    );
    // "1.250" in a column with no other clue is read the Indonesian way, with a warning.
    close(
        f(&indicator(unit(&a, "A"), "laptop")["value"]),
        60.0 / 1250.0,
        1e-6,
    );
    // SKP written as whole percentages (62): a bare 1 is 1 %, with a warning.
    close(f(&indicator(unit(&a, "B"), "skp")["value"]), 0.01, 1e-9);
    let diags = a["diagnostics"].as_array().unwrap();
    let at = |code: &str| -> Vec<String> {
        diags
            .iter()
            .filter(|d| d["code"] == code)
            .map(|d| {
                format!(
                    "{}{}",
                    d["column"].as_str().unwrap_or("-"),
                    d["row"].as_u64().unwrap_or(0)
                )
            })
            .collect()
    };
    assert_eq!(at("ambiguous-number"), ["C2", "G3"]);
    assert_eq!(at("no-rows"), ["-1"]);
    let missing: Vec<&str> = diags
        .iter()
        .filter(|d| d["code"] == "missing-column")
        .map(|d| d["value"].as_str().unwrap())
        .collect();
    assert_eq!(missing, ["bersedia"]);
}

#[test]
fn instructions_and_hidden_sheets_are_not_data() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("tests/fixtures/instructions/infra.xlsx"),
        dir.path().join("infra.xlsx"),
    )
    .unwrap();
    std::fs::copy(
        root().join("tests/fixtures/tiny/survei.csv"),
        dir.path().join("survei.csv"),
    )
    .unwrap();
    let (_o, a) = assess(&[
        "--rubric",
        "tests/fixtures/tiny/tiny.toml",
        "--data",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    let infra = a["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["dataset"] == "infra")
        .unwrap();
    assert_eq!(infra["sheets"], serde_json::json!(["Data"]));
    assert_eq!(
        (infra["rows_read"].as_u64(), infra["rows_rejected"].as_u64()),
        (Some(3), Some(0))
    );
    let diags = a["diagnostics"].as_array().unwrap();
    let of_sheet = |s: &str| {
        diags
            .iter()
            .find(|d| d["sheet"] == s)
            .unwrap_or_else(|| panic!("{s}"))
    };
    assert_eq!(
        (
            of_sheet("Petunjuk")["code"].as_str(),
            of_sheet("Petunjuk")["severity"].as_str()
        ),
        (Some("header-not-found"), Some("info"))
    );
    assert_eq!(of_sheet("Lama")["message"], "hidden sheet; not read");
    close(f(&unit(&a, "A")["score"]), 84.375, 1e-4);
}

#[test]
fn a_sheet_that_fits_two_datasets_equally_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["infra.csv", "survei.csv"] {
        std::fs::copy(
            root().join("tests/fixtures/tiny").join(f),
            dir.path().join(f),
        )
        .unwrap();
    }
    // Three columns of each dataset's schema: no way to tell which one it is.
    std::fs::write(
        dir.path().join("gabungan.csv"),
        "Kode OPD;Nama OPD;Jumlah Pegawai;ID Responden;Skill\nA;Dinas A;100;R99;4\n",
    )
    .unwrap();
    let o = kesiapan()
        .args([
            "validate",
            "--lang",
            "en",
            "--rubric",
            "tests/fixtures/tiny/tiny.toml",
            "--data",
            dir.path().to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("gabungan.csv: the header fits several datasets equally well (infra, survei); pass the file with --input DATASET=FILE"), "{text}");
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    // `kesiapan validate | head -n 0`: the reader is gone before the first line is written.
    // It used to panic in `println!` (exit 101); now it is exit 0 with nothing on stderr about it.
    for args in [&["validate"][..], &["rubric", "explain"][..]] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kesiapan"))
            .current_dir(root())
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
}

#[test]
fn kesiapan_now_fixes_the_clock_like_now() {
    let out = tempfile::tempdir().unwrap();
    kesiapan()
        .env("KESIAPAN_NOW", "2025-12-24T07:30:00Z")
        .args(["assess", "--format", "json", "-q", "--out"])
        .arg(out.path())
        .assert()
        .success();
    let a: serde_json::Value =
        serde_json::from_str(&read(&out.path().join("assessment.json"))).unwrap();
    assert_eq!(a["generated_at"], "2025-12-24T07:30:00Z");
}

/// Issue 13: after `cargo install`, `kesiapan assess --data DIR` from another folder failed:
/// the default rubric was a relative path. The built-in rubric gives the same results as the
/// shipped file; `rubric init` writes it out to edit; a missing --rubric says what to do.
#[test]
fn the_binary_works_from_any_folder() {
    let elsewhere = tempfile::tempdir().unwrap();
    let bin = || {
        let mut c = assert_cmd::Command::cargo_bin("kesiapan").unwrap();
        c.current_dir(elsewhere.path());
        c
    };
    let data = root().join("sample-data");
    let out_here = tempfile::tempdir().unwrap();
    bin()
        .args(["assess", "--format", "json", "--now", NOW, "--data"])
        .arg(&data)
        .arg("--out")
        .arg(out_here.path())
        .assert()
        .success();
    let (_o, in_repo) = assess(&["--format", "json"]);
    let anywhere: serde_json::Value =
        serde_json::from_str(&read(&out_here.path().join("assessment.json"))).unwrap();
    assert_eq!(anywhere["rubric"]["sha256"], in_repo["rubric"]["sha256"]);
    assert_eq!(anywhere["units"], in_repo["units"]);
    assert_eq!(anywhere["province"], in_repo["province"]);

    // rubric init: the shipped rubric, byte for byte; never over an existing file unasked.
    bin().args(["rubric", "init"]).assert().success();
    let written = elsewhere.path().join("wfa-asn-2025.toml");
    assert_eq!(
        std::fs::read(&written).unwrap(),
        std::fs::read(root().join("rubrics/wfa-asn-2025.toml")).unwrap()
    );
    std::fs::write(&written, "# mine\n").unwrap();
    let refused = bin().args(["rubric", "init"]).assert().code(2);
    let err = String::from_utf8_lossy(&refused.get_output().stderr).to_string();
    assert!(err.contains("--force"), "{err}");
    assert_eq!(read(&written), "# mine\n");
    bin().args(["rubric", "init", "--force"]).assert().success();
    bin()
        .args(["rubric", "check", "wfa-asn-2025.toml"])
        .assert()
        .success();

    // A --rubric that is not there: what to do, not only "not found".
    let missing = bin()
        .args(["assess", "--rubric", "rubrik-saya.toml", "--data"])
        .arg(&data)
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&missing.get_output().stderr).to_string();
    assert!(err.contains("rubric init rubrik-saya.toml"), "{err}");
}
