//! The province's answer only on enough returns (issue 11, item 1): with fewer of the expected
//! units assessed than `[province] min-assessed`, every output says "Belum dapat disimpulkan"
//! and names the units not assessed; with all of them, the normal answer and "40 dari 40".

use crate::common::{NOW, kesiapan, read, root, zip_text};
use serde_json::Value;
use std::path::Path;

/// A folder of the sample data where only `kept` OPDs' unit-list rows are usable: every other
/// OPD's `Jumlah Pegawai` is words, so its row is rejected and the OPD is not assessed.
fn sample_with_only(kept: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let infra = read(&root().join("sample-data/formats/infrastruktur_opd.csv"));
    let mut out = Vec::new();
    for (i, line) in infra.lines().enumerate() {
        let mut f: Vec<String> = line.split(';').map(str::to_string).collect();
        if i > 0 && f.len() > 3 && !kept.contains(&f[0].as_str()) {
            f[3] = "banyak".into();
        }
        out.push(f.join(";"));
    }
    std::fs::write(
        dir.path().join("infrastruktur_opd.csv"),
        out.join("\n") + "\n",
    )
    .unwrap();
    for f in [
        "formats/jabatan_opd.csv",
        "survei_pegawai_bagian1.xlsx",
        "survei_pegawai_bagian2.xlsx",
    ] {
        let name = Path::new(f).file_name().unwrap();
        std::fs::copy(root().join("sample-data").join(f), dir.path().join(name)).unwrap();
    }
    dir
}

/// `assess --format all` on `data` in `lang`: (out folder, stdout, assessment.json).
fn assess_all(data: &Path, lang: &str) -> (tempfile::TempDir, String, Value) {
    let out = tempfile::tempdir().unwrap();
    let o = kesiapan()
        .args([
            "assess", "--format", "all", "--now", NOW, "--lang", lang, "--data",
        ])
        .arg(data)
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let a: Value = serde_json::from_str(&read(&out.path().join("assessment.json"))).unwrap();
    (out, String::from_utf8(o.stdout).unwrap(), a)
}

fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|u| u["unit"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn three_of_forty_opds_give_belum_dapat_disimpulkan_in_every_output() {
    let data = sample_with_only(&["OPD-01", "OPD-02", "OPD-03"]);
    let (out, stdout, a) = assess_all(data.path(), "id");
    let s = &a["summary"];
    assert_eq!(a["schema_version"], "1.7");
    assert_eq!(s["verdict"], "belum_dapat_disimpulkan");
    assert_eq!(s["verdict_label"], "Belum dapat disimpulkan");
    assert_eq!(s["conclusive"], false);
    assert_eq!(
        (s["units_expected"].as_u64(), s["units_assessed"].as_u64()),
        (Some(40), Some(3))
    );
    assert_eq!(s["min_assessed"], 0.8);
    // The rules' own answer over the three is kept, and is one of the rubric's verdicts.
    let verdicts: Vec<&str> = a["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    assert!(
        verdicts.contains(&s["verdict_if_assessed"].as_str().unwrap()),
        "{s}"
    );
    // Every missing OPD is named, with the file and the problem that rejected its row.
    let missing = ids(&s["not_assessed"]);
    let want: Vec<String> = (4..=40).map(|i| format!("OPD-{i:02}")).collect();
    assert_eq!(missing, want);
    let reason = s["not_assessed"][0]["reasons"][0].as_str().unwrap();
    assert!(
        reason.contains("infrastruktur_opd.csv") && reason.contains("invalid-value"),
        "{reason}"
    );
    let infra_not_sent = s["not_sent"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["dataset"] == "infrastruktur")
        .unwrap();
    assert_eq!(infra_not_sent["units"].as_array().unwrap().len(), 37);

    let message = s["message"].as_str().unwrap();
    assert!(
        message.starts_with("Baru 3 dari 40 OPD dinilai"),
        "{message}"
    );
    assert!(
        message.contains("37 OPD belum: OPD-04, OPD-05"),
        "{message}"
    );
    assert!(message.contains("… dan 27 OPD lainnya"), "{message}");

    // Terminal.
    assert!(
        stdout.contains("Belum dapat disimpulkan — Baru 3 dari 40 OPD dinilai"),
        "{stdout}"
    );
    assert!(
        stdout.contains("3 dari 40 OPD dinilai; bila hanya OPD yang dinilai diperhitungkan"),
        "{stdout}"
    );
    assert!(
        stdout.contains("belum mengirim Infrastruktur OPD (37 OPD): OPD-04"),
        "{stdout}"
    );
    // Memo: the answer, the facts, every missing OPD in the annex; the .docx has the same.
    let memo = read(&out.path().join("telaahan-staf.md"));
    let docx = zip_text(&std::fs::read(out.path().join("telaahan-staf.docx")).unwrap());
    for text in [&memo, &docx] {
        assert!(text.contains("Belum dapat disimpulkan."), "{text}");
        assert!(
            text.contains("3 dari 40 OPD dinilai; belum dinilai: OPD-04"),
            "{text}"
        );
        assert!(text.contains("Lampiran: OPD belum dinilai"), "{text}");
        assert!(text.contains("OPD-40"), "{text}");
    }
    // The memo does not recommend applying WFA province-wide before the data is in.
    assert!(
        memo.contains("Sebelum keputusan untuk seluruh provinsi"),
        "{memo}"
    );
    // HTML: the answer box and the full list.
    let html = read(&out.path().join("laporan.html"));
    assert!(html.contains(r#"<span class="badge vx">Belum dapat disimpulkan</span>"#));
    assert!(html.contains("<b>3 dari 40 OPD dinilai.</b>"));
    assert!(html.contains(r#"<th scope="row">OPD-40</th>"#));
    // Summary Markdown.
    let md = read(&out.path().join("ringkasan.md"));
    assert!(
        md.contains("**Belum dapat disimpulkan**") && md.contains("| OPD-40 |"),
        "{md}"
    );

    // English.
    let (out, stdout, a) = assess_all(data.path(), "en");
    assert_eq!(a["summary"]["verdict_label"], "Cannot yet be concluded");
    assert!(stdout.contains("Only 3 of 40 assessed (work unit; 8%, at least 80% needed); not yet assessed (37): OPD-04"), "{stdout}");
    let html = read(&out.path().join("report.html"));
    assert!(html.contains("Cannot yet be concluded"));
}

#[test]
fn all_forty_opds_give_the_rules_answer_and_forty_of_forty() {
    let (out, stdout, a) = assess_all(&root().join("sample-data"), "id");
    let s = &a["summary"];
    assert_eq!(s["conclusive"], true);
    assert_eq!(s["verdict"], s["verdict_if_assessed"]);
    assert_eq!(s["message"], s["message_if_assessed"]);
    assert_eq!(
        (s["units_expected"].as_u64(), s["units_assessed"].as_u64()),
        (Some(40), Some(40))
    );
    assert!(s["not_assessed"].as_array().unwrap().is_empty());
    assert!(stdout.contains("\n40 dari 40 OPD dinilai\n"), "{stdout}");
    assert!(!stdout.contains("Belum dapat disimpulkan"));
    let memo = read(&out.path().join("telaahan-staf.md"));
    assert!(memo.contains("40 dari 40 OPD dinilai."), "{memo}");
    assert!(!memo.contains("belum dinilai"), "{memo}");
}

#[test]
fn a_province_rule_reads_units_assessed_and_units_expected() {
    // tiny: B's unit-list row is rejected (`lima puluh` staff), so 2 of 3 units are assessed.
    let dir = tempfile::tempdir().unwrap();
    let tiny = read(&root().join("tests/fixtures/tiny/tiny.toml")).replacen(
        "[[province.rules]]\nwhen = \"n_layak >= 2\"",
        "[[province.rules]]\nwhen = \"units_not_assessed >= 1 AND share_assessed < 0.9\"\nverdict = \"belum\"\nmessage = \"{units_assessed} of {units_expected} in, {units_not_assessed} out ({share_assessed})\"\n\n[[province.rules]]\nwhen = \"n_layak >= 2\"",
        1,
    );
    assert!(tiny.contains("units_not_assessed >= 1"));
    let rubric = dir.path().join("r.toml");
    std::fs::write(&rubric, tiny).unwrap();
    let data = root().join("tests/cmd/assess-errors-default.in/data");
    let out = dir.path().join("out");
    kesiapan()
        .args([
            "assess", "--format", "json", "--now", NOW, "--lang", "en", "--rubric",
        ])
        .arg(&rubric)
        .arg("--data")
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let a: Value = serde_json::from_str(&read(&out.join("assessment.json"))).unwrap();
    let s = &a["summary"];
    assert_eq!(s["decided_by"], "rule 1");
    assert_eq!(s["verdict"], "belum");
    // No threshold in tiny.toml: the rules answer.
    assert_eq!(s["conclusive"], true);
    assert_eq!(s["message"], "2 of 3 in, 1 out (66.7%)");
    assert_eq!(ids(&s["not_assessed"]), ["B"]);
}
