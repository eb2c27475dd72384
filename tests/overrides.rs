//! Leadership decisions (`assess --overrides`, issue 13): applied after scoring, traced in
//! `assessment.json`, shown as decisions in the memo, the HTML and the terminal, and counted in
//! the province's totals; a bad file is refused with its entry.

use crate::common::*;
use serde_json::Value;

fn staff(a: &Value, id: &str) -> i64 {
    unit(a, id)["wfa"]["staff_allowed_at_once"]
        .as_i64()
        .unwrap()
}

#[test]
fn decisions_are_applied_traced_and_counted() {
    let (_b, base) = assess(&["--format", "json"]);
    let (o, a) = assess(&[
        "--format",
        "json,briefing,html",
        "--overrides",
        "examples/keputusan-pimpinan.toml",
    ]);
    let h = unit(&a, "OPD-03");
    assert_eq!(unit(&base, "OPD-03")["verdict"], "layak_terbatas");
    assert_eq!(h["verdict"], "belum_layak");
    assert_eq!(h["decided_by"], "override");
    assert_eq!(h["overrides"][0]["what"], "verdict");
    assert_eq!(h["overrides"][0]["from"], "Layak Terbatas");
    assert_eq!(h["overrides"][0]["to"], "Belum Layak");
    assert!(
        h["overrides"][0]["decided_by"]
            .as_str()
            .unwrap()
            .starts_with("Sekretaris Daerah")
    );
    // A decided verdict is not the scoring's: no robustness is claimed for it.
    assert!(h.get("robustness").is_none());
    assert_eq!(staff(&a, "OPD-03"), 0);
    let e = unit(&a, "OPD-12");
    assert_eq!(staff(&base, "OPD-12"), 13);
    assert_eq!(staff(&a, "OPD-12"), 5);
    assert_eq!(e["overrides"][0]["what"], "max_away");
    assert_eq!(
        (
            e["overrides"][0]["from"].as_str(),
            e["overrides"][0]["to"].as_str()
        ),
        (Some("13"), Some("5"))
    );
    assert!(
        e.get("robustness").is_some(),
        "a capped figure keeps the scoring's verdict"
    );
    // The province counts the decided figures.
    let total = |x: &Value| x["summary"]["staff_allowed_at_once"].as_i64().unwrap();
    assert_eq!(total(&a), total(&base) - staff(&base, "OPD-03") - (13 - 5));
    assert_eq!(
        a["summary"]["verdict_counts"]["belum_layak"]
            .as_i64()
            .unwrap(),
        base["summary"]["verdict_counts"]["belum_layak"]
            .as_i64()
            .unwrap()
            + 1
    );
    // OPD-03 is Belum Layak by a decision: the cost of the improvements leaves it out, and the
    // memo says so (issue 13: the plan line counted units by the data's verdict).
    let plan = |x: &Value, k: &str| x["summary"]["plan"][k].clone();
    assert_eq!(plan(&a, "units"), plan(&base, "units"));
    assert_eq!(plan(&a, "decided"), 1);
    assert_eq!(plan(&base, "decided"), 0);
    assert_eq!(plan(&a, "cost_once"), plan(&base, "cost_once"));
    let memo = read(&o.path().join("telaahan-staf.md"));
    assert!(
        memo.contains("; 1 OPD lainnya ditetapkan pimpinan dan tidak dihitung."),
        "{memo}"
    );
    assert!(
        memo.contains("RSUD dr. Doris Sylvanus, hasil penilaian Layak Terbatas → Belum Layak — IGD dan rawat inap"),
        "{memo}"
    );
    assert!(
        memo.contains("(diputuskan oleh Sekretaris Daerah"),
        "{memo}"
    );
    let annex = memo.lines().find(|l| l.starts_with("| OPD-03 |")).unwrap();
    assert!(annex.contains('‡'), "{annex}");
    let html = read(&o.path().join("laporan.html"));
    assert!(
        html.contains("‡ Keputusan pimpinan:</b> Hasil penilaian Layak Terbatas → Belum Layak")
    );
    let manifest = read(&o.path().join("kesiapan-manifest.json"));
    assert!(manifest.contains("keputusan-pimpinan.toml"), "{manifest}");
}

#[test]
fn a_front_line_decision_scores_the_unit_again_with_the_gate() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("o.toml");
    std::fs::write(
        &file,
        "[[override]]\nunit = \"OPD-32\"\ngates = { layanan_garis_depan = false }\nreason = \"Layanan konsultasi kelembagaan tatap muka\"\ndecided-by = \"Sekretaris Daerah\"\n",
    )
    .unwrap();
    let (_b, base) = assess(&["--format", "json"]);
    assert_eq!(unit(&base, "OPD-32")["verdict"], "layak");
    let (_o, a) = assess(&["--format", "json", "--overrides", file.to_str().unwrap()]);
    let u = unit(&a, "OPD-32");
    // The front-line gate caps at Layak Terbatas; the gate is failed and an obstacle.
    assert_eq!(u["verdict"], "layak_terbatas");
    assert_eq!(u["decided_by"], "layanan_garis_depan");
    assert!(
        u["gates_failed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["id"] == "layanan_garis_depan")
    );
    assert_eq!(u["overrides"][0]["what"], "gate:layanan_garis_depan");
    assert_eq!(u["overrides"][0]["to"], "tidak terpenuhi");
}

#[test]
fn a_bad_overrides_file_is_refused_with_its_entry() {
    let dir = tempfile::tempdir().unwrap();
    for (body, says) in [
        (
            "unit = \"OPD-03\"\nverdict = \"super\"\nreason = \"x\"\ndecided-by = \"y\"",
            "unknown verdict `super`",
        ),
        (
            "unit = \"OPD-77\"\nverdict = \"layak\"\nreason = \"x\"\ndecided-by = \"y\"",
            "not among the units assessed",
        ),
        (
            "unit = \"OPD-03\"\nmax-away = -4\nreason = \"x\"\ndecided-by = \"y\"",
            "max-away",
        ),
        (
            "unit = \"OPD-03\"\nverdict = \"layak\"\nreason = \"x\"",
            "`decided-by` is required",
        ),
    ] {
        let file = dir.path().join("o.toml");
        std::fs::write(&file, format!("[[override]]\n{body}\n")).unwrap();
        let out = tempfile::tempdir().unwrap();
        let o = kesiapan()
            .args(["assess", "--format", "json", "--overrides"])
            .arg(&file)
            .arg("--out")
            .arg(out.path())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{body}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("override 1 (unit `") && err.contains(says),
            "{err}"
        );
        assert!(!out.path().join("assessment.json").exists());
    }
}
