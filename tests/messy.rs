//! The data-collection loop on ~40 messy OPD submissions: every planted mistake is located
//! and explained, the clean rows are scored, each OPD gets its own feedback workbook, the
//! inputs are never changed, and nothing is lost — over this folder and every other fixture.

use crate::common::messy;

use crate::common::*;
use kesiapan::input::{self, Sources};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn hashes(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut m = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if !p.is_file() {
            continue;
        }
        let bytes = std::fs::read(&p).unwrap();
        let meta = std::fs::metadata(&p).unwrap();
        m.insert(
            p,
            format!(
                "{:x} {:?}",
                Sha256::digest(&bytes),
                meta.modified().unwrap()
            ),
        );
    }
    m
}

/// Whether any part of the workbook holds a formula (`<f>` in its sheet XML).
fn xlsx_has_formula(path: &Path) -> bool {
    let bytes = std::fs::read(path).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..z.len()).any(|i| {
        let mut part = z.by_index(i).unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(&mut part, &mut s).is_ok() && s.contains("<f>")
    })
}

fn xlsx_text(path: &Path) -> String {
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(path).unwrap();
    let mut out = String::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        for r in range.rows() {
            for c in r {
                out.push_str(&c.to_string());
                out.push('\t');
            }
            out.push('\n');
        }
    }
    out
}

struct Run {
    _tmp: tempfile::TempDir,
    data: PathBuf,
    out: PathBuf,
    planted: Vec<messy::Planted>,
    report: Value,
}

fn validate(extra: &[&str]) -> Run {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("masuk");
    let out = tmp.path().join("keluar");
    let planted = messy::generate(&data);
    let before = hashes(&data);
    let o = kesiapan()
        .args(["validate", "--keep-going", "--feedback", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(before, hashes(&data), "validate changed an input file");
    let stdout = String::from_utf8(o.stdout).unwrap();
    assert!(
        stdout.contains("Respons survei rendah: 7 OPD: OPD-18 0 %"),
        "{stdout}"
    );
    assert!(stdout.contains("OPD-22 (jabatan, survei)"), "{stdout}");
    assert!(stdout.contains("Tidak dinilai (barisnya di daftar unit ditolak): OPD-26"));
    let report = serde_json::from_str(&read(&out.join("diagnostics.json"))).unwrap();
    Run {
        _tmp: tmp,
        data,
        out,
        planted,
        report,
    }
}

fn diags(v: &Value) -> &Vec<Value> {
    v["diagnostics"].as_array().unwrap()
}

#[test]
fn every_planted_mistake_is_located_and_explained() {
    let run = validate(&[]);
    let ds = diags(&run.report);
    for p in &run.planted {
        let found = ds.iter().any(|d| {
            d["code"] == p.code
                && if p.file.starts_with("OPD-") {
                    d["unit"] == p.file.as_str()
                } else {
                    d["file"]
                        .as_str()
                        .is_some_and(|f| f.ends_with(&format!("/{}", p.file)))
                        && p.row.is_none_or(|r| d["row"] == r)
                }
        });
        assert!(found, "not reported: {p:?}");
    }
    // Every diagnostic has a message and, when it is about a row, its file and sheet.
    for d in ds {
        assert!(!d["message"].as_str().unwrap().is_empty());
        if d["row"].is_number() {
            assert!(d["file"].is_string(), "{d}");
        }
    }
    // (That every row is used or listed is checked against the tables in
    // `nothing_is_lost_in_any_fixture`; `rows_used` is `rows_read - rows_rejected` by construction.)
}

#[test]
fn outputs_for_the_bureau_and_for_each_opd() {
    let run = validate(&[]);
    let md = read(&run.out.join("data-quality.md"));
    assert!(md.contains("| kesalahan | `ambiguous-unit` | 1 |"), "{md}");
    assert!(
        md.lines()
            .any(|l| l.starts_with("- +") && l.ends_with(" lainnya")),
        "capped lists say how many more: {md}"
    );
    assert!(md.contains("| OPD-22 | Dinas Energi dan Sumber Daya Mineral | 1 | **belum diterima** | **belum diterima** |"), "{md}");
    // OPD-23: 6 survey rows for 32 staff = 18.75 %, shown floored, under the 30 % threshold.
    assert!(
        md.lines()
            .any(|l| l.starts_with("| OPD-23 |") && l.contains("| 6 | 6 | 32 | **18 % rendah** |")),
        "{md}"
    );
    let csv = read(&run.out.join("completeness.csv"));
    assert!(
        csv.lines()
            .any(|l| l.starts_with("OPD-23,") && l.contains(",ya,")),
        "{csv}"
    );

    // Personal data: the NIPs used as respondent ids by OPD-16, and the NIP under OPD-02's
    // signature, never reach the bureau's files, nor OPD-16's own feedback file.
    let nip_16 = "198703152010011751";
    for f in ["data-quality.md", "diagnostics.json", "completeness.csv"] {
        let t = read(&run.out.join(f));
        assert!(!t.contains(nip_16) && !t.contains(messy::FAKE_NIP), "{f}");
    }
    let rejected = xlsx_text(&run.out.join("rejected.xlsx"));
    assert!(!rejected.contains(nip_16) && !rejected.contains(messy::FAKE_NIP));
    assert!(rejected.contains("(data pribadi, tidak ditampilkan)"));
    assert!(
        rejected.contains("Biro Humum"),
        "the original cells are there"
    );
    assert!(rejected.contains("[ambiguous-unit]"), "with the reason");

    // One workbook per OPD, with only its own problems.
    let fb = run.out.join("feedback");
    assert_eq!(std::fs::read_dir(&fb).unwrap().count(), 40);
    let own = xlsx_text(&fb.join("OPD-16.xlsx"));
    // Its rejected rows are located (file, sheet, row, reason), their personal cells masked as
    // in rejected.xlsx: a feedback file travels by e-mail and carries no personal data.
    assert!(
        !own.contains(nip_16),
        "a NIP travelled in OPD-16's feedback file"
    );
    assert!(own.contains("(data pribadi, tidak ditampilkan)"));
    assert!(own.contains("duplicate-key"));
    let t10 = xlsx_text(&fb.join("OPD-10.xlsx"));
    assert!(t10.contains("#DIV/0!") && t10.contains("formula-error"));
    assert!(
        !t10.contains("OPD-11") && !t10.contains("survei_OPD-12"),
        "only OPD-10's problems"
    );
    let t13 = xlsx_text(&fb.join("OPD-13.xlsx"));
    assert!(
        t13.contains("missing-column"),
        "a sheet-level problem reaches its OPD: {t13}"
    );
    let t18 = xlsx_text(&fb.join("OPD-18.xlsx"));
    assert!(
        t18.contains("unreadable-file"),
        "an unreadable file reaches its OPD"
    );
    assert!(t18.contains("TIDAK DAPAT DIBUKA"), "{t18}");
    assert!(
        md.contains(
            "| OPD-19 | Dinas Perpustakaan dan Kearsipan | 1 | 4 | **berkas tidak dapat dibuka** |"
        ),
        "{md}"
    );
    let t22 = xlsx_text(&fb.join("OPD-22.xlsx"));
    assert!(t22.contains("BELUM DIKIRIM"), "{t22}");
    let t26 = xlsx_text(&fb.join("OPD-26.xlsx"));
    assert!(
        t26.contains("BELUM DINILAI") && t26.contains("missing-value"),
        "{t26}"
    );
    assert!(t26.contains("baris OPD ini di `infrastruktur`"), "{t26}");
    assert!(
        csv.lines()
            .any(|l| l.starts_with("OPD-26,") && l.contains(",tidak,tidak-dinilai,")),
        "{csv}"
    );
    let t23 = xlsx_text(&fb.join("OPD-23.xlsx"));
    assert!(t23.contains("RENDAH") && t23.contains("low-response"));
    // Hostile text stays text: OPD-24's DDE formula is a string cell of its feedback, never a
    // formula, and its rows are not mistaken for repeats.
    let t24 = xlsx_text(&fb.join("OPD-24.xlsx"));
    assert!(!t24.contains("duplicate-key"));
    assert!(!xlsx_has_formula(&fb.join("OPD-24.xlsx")));
    assert!(!md.contains("<script>"));

    // Same inputs, same bytes.
    let again = run.out.with_file_name("lagi");
    kesiapan()
        .args(["validate", "--keep-going", "--feedback", "--data"])
        .arg(&run.data)
        .arg("--out")
        .arg(&again)
        .assert()
        .code(1);
    for f in [
        "data-quality.md",
        "rejected.xlsx",
        "completeness.csv",
        "feedback/OPD-05.xlsx",
    ] {
        assert!(
            std::fs::read(run.out.join(f)).unwrap() == std::fs::read(again.join(f)).unwrap(),
            "{f} differs"
        );
    }
}

#[test]
fn a_resubmission_wins_when_asked_and_the_report_says_which_file() {
    let run = validate(&["--resubmit", "order"]);
    let ds = diags(&run.report);
    let superseded: Vec<&Value> = ds.iter().filter(|d| d["code"] == "superseded").collect();
    assert_eq!(
        superseded.len(),
        19,
        "every respondent of the first OPD-17 file"
    );
    let d = superseded[0];
    assert!(d["file"].as_str().unwrap().ends_with("survei_OPD-17.xlsx"));
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("survei_OPD-17_revisi.xlsx"),
        "{d}"
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("the file read last (by name, a revision after its original) wins")
    );
    // Only the in-file repeats of OPD-16 remain duplicate errors.
    assert_eq!(
        ds.iter().filter(|d| d["code"] == "duplicate-key").count(),
        2
    );
    // The revised file replaces the first one whole: the respondent it dropped is gone too.
    let csv = read(&run.out.join("completeness.csv"));
    let line = csv.lines().find(|l| l.starts_with("OPD-17,")).unwrap();
    let cells: Vec<&str> = line.split(',').collect();
    assert_eq!(
        (cells[6], cells[7]),
        ("18", "19"),
        "survei used, rejected: {line}"
    );
    // By date: the revised file was written last too.
    let run = validate(&["--resubmit", "date"]);
    assert_eq!(
        diags(&run.report)
            .iter()
            .filter(|d| d["code"] == "superseded")
            .count(),
        19
    );
}

#[test]
fn without_keep_going_an_unreadable_file_stops_the_run_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    messy::generate(tmp.path());
    let o = kesiapan()
        .args(["validate", "--data"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("3 input file(s) could not be read"), "{err}");
    assert!(err.contains("survei_OPD-18.xlsx is not a readable spreadsheet"));
    assert!(err.contains("survei_OPD-19.xlsx is empty"));
    assert!(err.contains("survei_OPD-20.xlsx is password-protected"));
}

#[test]
fn assess_scores_the_clean_rows_and_flags_low_response() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("masuk");
    messy::generate(&data);
    let before = hashes(&data);
    let (o, a) = assess(&["--keep-going", "--data", data.to_str().unwrap()]);
    assert_eq!(before, hashes(&data));
    let units = a["units"].as_array().unwrap();
    // OPD-26's only row in the unit list was rejected (blank headcount): not assessed.
    assert_eq!(units.len(), 39);
    assert!(units.iter().all(|u| u["id"] != "OPD-26"));
    // Units with usable rows are scored; OPD-06 and OPD-07 (named, not coded) included.
    // Two-row header (03), moved columns (04), misspelt headers (05), a hidden row (09),
    // numbers as text (11): their job rows count.
    for id in [
        "OPD-01", "OPD-03", "OPD-04", "OPD-05", "OPD-06", "OPD-07", "OPD-09", "OPD-11", "OPD-24",
        "OPD-25",
    ] {
        let u = unit(&a, id);
        assert!(u["score"].is_number(), "{id}: {u}");
        let jabatan = u["dimensions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == "jabatan")
            .unwrap();
        assert!(jabatan["score"].is_number(), "{id} has its job rows");
    }
    // Surveys from Windows-1252 and BOM CSVs are scored (staff readiness has a score).
    for id in ["OPD-14", "OPD-15"] {
        let pegawai = unit(&a, id)["dimensions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == "pegawai")
            .unwrap()["score"]
            .clone();
        assert!(pegawai.is_number(), "{id}");
    }
    let low: Vec<&str> = a["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "low-response")
        .map(|d| d["unit"].as_str().unwrap())
        .collect();
    for u in ["OPD-23", "OPD-35", "OPD-39"] {
        assert!(low.contains(&u), "{low:?}");
    }
    assert!(
        unit(&a, "OPD-23")["data_warnings"]
            .as_array()
            .is_some_and(|w| w
                .iter()
                .any(|w| w.as_str().unwrap().contains("low-response"))),
        "the warning sits on the unit's verdict"
    );
    // And every report shows it next to that verdict.
    let html = std::fs::read_to_string(o.path().join("laporan.html")).unwrap();
    let section = &html[html.find("OPD-23 — ").unwrap()..];
    assert!(section[..section.find("</section>").unwrap()].contains("class=\"warn\""));
    let memo = std::fs::read_to_string(o.path().join("telaahan-staf.md")).unwrap();
    let row = memo.lines().find(|l| l.starts_with("| OPD-23 |")).unwrap();
    assert!(row.contains("⚠"), "{row}");
}

/// Every fixture: each row read is used or rejected, every rejected row has a diagnostic
/// that says why, and the files are not modified.
#[test]
fn nothing_is_lost_in_any_fixture() {
    let tmp = tempfile::tempdir().unwrap();
    messy::generate(&tmp.path().join("messy"));
    let tiny = root().join("tests/fixtures/tiny/tiny.toml");
    let default = root().join("rubrics/wfa-asn-2025.toml");
    let instr = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("tests/fixtures/instructions/infra.xlsx"),
        instr.path().join("infra.xlsx"),
    )
    .unwrap();
    let cases: Vec<(PathBuf, PathBuf)> = vec![
        (default.clone(), root().join("sample-data")),
        (default.clone(), root().join("sample-data/formats")),
        (default.clone(), tmp.path().join("messy")),
        (tiny.clone(), root().join("tests/fixtures/tiny")),
        (tiny.clone(), root().join("tests/fixtures/xls")),
        (tiny.clone(), instr.path().to_path_buf()),
    ];
    for (rubric, dir) in cases {
        let r = kesiapan::rubric::load(&rubric).unwrap();
        let before = hashes(&dir);
        let loaded = input::load(
            &r,
            &Sources {
                dir: Some(dir.clone()),
                keep_going: true,
                ..Sources::default()
            },
        )
        .unwrap();
        assert_eq!(before, hashes(&dir), "{}", dir.display());
        let rejected: usize = loaded.inputs.iter().map(|f| f.rows_rejected).sum();
        assert_eq!(rejected, loaded.rejected.len(), "{}", dir.display());
        let used: usize = loaded.tables.values().map(|t| t.df.height()).sum();
        assert_eq!(
            used,
            loaded.inputs.iter().map(|f| f.rows_used).sum::<usize>(),
            "{}",
            dir.display()
        );
        let reasons = kesiapan::quality::xlsx::reasons(&loaded, kesiapan::rubric::Lang::Id);
        for row in &loaded.rejected {
            let why = &reasons[&(row.file.clone(), row.sheet.clone(), row.row)];
            assert!(!why.is_empty(), "no reason for {row:?}");
        }
    }
}

/// Every diagnostic code per file on the messy folder, as `code<TAB>file<TAB>count` lines: a
/// new false positive (a spurious `duplicate-key` on clean rows, say) changes the snapshot and
/// fails, which the planted ⊆ reported check above cannot see.
#[test]
fn diagnostic_counts_per_code_and_file_are_as_expected() {
    let run = validate(&[]);
    let mut counts: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for d in run.report["diagnostics"].as_array().unwrap() {
        let file = d["file"]
            .as_str()
            .map(|f| {
                Path::new(f)
                    .file_name()
                    .map_or(f.to_string(), |n| n.to_string_lossy().into_owned())
            })
            .unwrap_or_else(|| "-".into());
        let key = (
            d["code"].as_str().unwrap().to_string(),
            d["severity"].as_str().unwrap_or("-").to_string(),
            file,
        );
        *counts.entry(key).or_default() += 1;
    }
    let text: String = counts
        .iter()
        .map(|((code, sev, file), n)| format!("{code}\t{sev}\t{file}\t{n}\n"))
        .collect();
    snapshot("messy-diagnostic-counts.tsv", &text);
}
