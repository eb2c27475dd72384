//! `kesiapan evaluate` on the bundled window data (`sample-data/evaluasi`, written by
//! `tools/gen_evaluation_data.py`, whose README is the answer key): the planted drops are found
//! and nothing else is called a fall, the units without a log are named, the placebo holds, the
//! naive before/after would have called the season a fall, the plan frozen in advance is checked,
//! the readiness verdicts are set beside the outcomes, and no name or NIP of the log reaches an
//! output.

use crate::common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

const NOW: &str = "2026-01-12T09:00:00Z";

/// Run `evaluate` with `extra` into a new folder; the folder and evaluation.json.
fn evaluate(extra: &[&str]) -> (tempfile::TempDir, Value) {
    let out = tempfile::tempdir().unwrap();
    kesiapan()
        .args(["evaluate", "--now", NOW, "--out"])
        .arg(out.path())
        .args(extra)
        .assert()
        .success();
    let json = out.path().join("evaluation.json");
    let e = if json.exists() {
        serde_json::from_str(&read(&json)).unwrap()
    } else {
        Value::Null
    };
    (out, e)
}

fn measure<'a>(e: &'a Value, id: &str) -> &'a Value {
    e["measures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .unwrap_or_else(|| panic!("no measure {id}"))
}

/// The units of `measure` whose outcome is `outcome`.
fn with_outcome(e: &Value, measure_id: &str, outcome: &str) -> BTreeSet<String> {
    measure(e, measure_id)["result"]["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["outcome"] == outcome)
        .map(|u| u["unit"].as_str().unwrap().to_string())
        .collect()
}

fn set(v: &[&str]) -> BTreeSet<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_planted_drops_are_found_and_nothing_else_is_called_a_fall() {
    let (_d, e) = evaluate(&["--format", "json"]);
    // sample-data/evaluasi/planted.csv: output −25 % in OPD-09, 24, 36 and −30 % in OPD-14;
    // letters −20 % in OPD-09, 24, 36; turnaround +50 % and on-time −20 % in OPD-14.
    let planted_output = set(&["OPD-09", "OPD-14", "OPD-24", "OPD-36"]);
    assert_eq!(with_outcome(&e, "realisasi_target", "fell"), planted_output);
    let letters = with_outcome(&e, "surat_diproses", "fell");
    assert!(
        letters.is_subset(&set(&["OPD-09", "OPD-24", "OPD-36"])),
        "{letters:?}"
    );
    for u in ["OPD-09", "OPD-24", "OPD-36"] {
        assert!(
            !with_outcome(&e, "surat_diproses", "held").contains(u),
            "a planted −20 % read as held in {u}"
        );
    }
    assert_eq!(
        with_outcome(&e, "waktu_proses_surat", "fell"),
        set(&["OPD-14"])
    );
    assert!(!with_outcome(&e, "selesai_tepat_waktu", "held").contains("OPD-14"));
    // Nothing is planted in attendance, lateness, evidence, complaints or satisfaction.
    for m in [
        "kehadiran",
        "keterlambatan",
        "bukti_dukung",
        "pengaduan",
        "kepuasan",
    ] {
        assert!(
            with_outcome(&e, m, "fell").is_empty(),
            "{m}: {:?}",
            with_outcome(&e, m, "fell")
        );
    }
    // The kinerja scope names exactly the planted units as fallen.
    let kinerja = e["scopes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["scope"] == "kinerja")
        .unwrap();
    let fell: BTreeSet<String> = kinerja["units"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, o)| *o == "fell")
        .map(|(u, _)| u.clone())
        .collect();
    assert_eq!(fell, planted_output);
}

#[test]
fn the_units_without_a_log_are_not_evaluable_and_named_on_the_first_page() {
    let (d, e) = evaluate(&["--format", "json,md"]);
    let not: Vec<&str> = e["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["not_evaluable"] == "no-log")
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    assert_eq!(not, ["OPD-03", "OPD-21", "OPD-33"]);
    let treated = e["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["treated"] == true)
        .count();
    assert_eq!(treated, 24, "24 OPDs worked away (the answer key)");
    let md = read(&d.path().join("evaluasi-wfa.md"));
    let first_page = md.split("## I.").next().unwrap();
    for s in [
        "**Kinerja tingkat provinsi: ",
        "**Disiplin tingkat provinsi: ",
        "**Layanan publik tingkat provinsi: ",
        "**Tidak dapat dievaluasi: 3 OPD**",
    ] {
        assert!(
            first_page.contains(s),
            "{s} not on the first page:\n{first_page}"
        );
    }
    for u in ["OPD-03", "OPD-21", "OPD-33"] {
        assert!(first_page.contains(u), "{u} not named:\n{first_page}");
    }
    // Each scope with its interval on the first page, never a bare point.
    assert!(
        first_page.contains(
            "Realisasi output terhadap target −4,6 % (interval 90 %: −9,1 s.d. +0,2; batas −10 %)"
        ),
        "{first_page}"
    );
    assert!(first_page.matches(" s.d. ").count() >= 3, "{first_page}");
}

#[test]
fn the_placebo_holds_and_a_naive_before_after_would_call_the_season_a_fall() {
    let (_d, e) = evaluate(&["--format", "json"]);
    for m in e["measures"].as_array().unwrap() {
        let placebo = m["result"]["placebo"]["outcome"].as_str().unwrap();
        assert!(
            placebo == "held" || placebo == "inconclusive",
            "placebo of {}: {placebo}",
            m["id"]
        );
        if m["scope"] == "kinerja" || m["scope"] == "disiplin" {
            assert_eq!(placebo, "held", "placebo of {}", m["id"]);
        }
        assert_eq!(m["result"]["adjacent_baseline"], false);
    }
    // The year-end dip (−12 % for every OPD, both years) is what a before/after sees.
    assert_eq!(
        measure(&e, "realisasi_target")["result"]["naive"]["outcome"],
        "fell"
    );
    for m in ["realisasi_target", "bukti_dukung", "surat_diproses"] {
        let r = &measure(&e, m)["result"];
        assert!(
            f(&r["naive"]["estimate"]["point"]) < -0.08,
            "naive {m}: {}",
            r["naive"]
        );
        assert_ne!(r["province"]["outcome"], "fell", "province {m}");
        assert!(
            f(&r["province"]["estimate"]["point"]) > -0.06,
            "province {m}: {}",
            r["province"]
        );
    }
    // The year-earlier window steps around Christmas, cuti bersama and New Year.
    assert_eq!(
        measure(&e, "realisasi_target")["periods"]["baseline"],
        serde_json::json!(["2024-12-27", "2024-12-30", "2024-12-31"])
    );
}

#[test]
fn the_irregularities_of_the_window_data_are_reported_or_read() {
    let (_d, e) = evaluate(&["--format", "json"]);
    let diags = e["data"]["diagnostics"].as_array().unwrap();
    // The day layanan_publik.xlsx has twice (row 562 repeats row 561).
    let dup: Vec<&Value> = diags
        .iter()
        .filter(|d| d["code"] == "duplicate-key")
        .collect();
    assert_eq!(dup.len(), 1, "{dup:?}");
    assert!(
        dup[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("layanan_publik.xlsx"),
        "{dup:?}"
    );
    assert_eq!(dup[0]["row"], 562);
    assert_eq!(e["data"]["errors"], 1, "{diags:?}");
    // `wfa` typed in lower case is WFA (OPD-27 worked away); the date typed as text is a date.
    let opd27 = e["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == "OPD-27")
        .unwrap();
    assert_eq!(opd27["treated"], true);
    assert!(
        !diags.iter().any(|d| d["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("kinerja_harian.xlsx"))),
        "{diags:?}"
    );
}

#[test]
fn a_plan_frozen_before_the_window_is_checked_and_a_later_change_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("rencana-evaluasi.json");
    kesiapan()
        .args([
            "evaluate",
            "--period",
            "2025-12-29..2025-12-31",
            "--now",
            "2025-12-20T08:00:00Z",
            "--freeze",
        ])
        .arg(&plan)
        .assert()
        .success();
    let (d, e) = evaluate(&["--format", "json,md", "--plan", plan.to_str().unwrap()]);
    assert_eq!(e["plan"]["fixed_in_advance"], true, "{}", e["plan"]);
    assert!(
        read(&d.path().join("evaluasi-wfa.md")).contains("Ukuran ditetapkan sebelum data dilihat")
    );
    // The tolerance loosened after the plan: said, with the measure.
    let looser = dir.path().join("evaluasi-longgar.toml");
    std::fs::write(
        &looser,
        read(Path::new("rubrics/evaluasi-wfa.toml")).replacen(
            "tolerance = 0.10",
            "tolerance = 0.30",
            1,
        ),
    )
    .unwrap();
    let (d, e) = evaluate(&[
        "--format",
        "json,md",
        "--plan",
        plan.to_str().unwrap(),
        "--rubric",
        looser.to_str().unwrap(),
    ]);
    assert_eq!(e["plan"]["fixed_in_advance"], false);
    assert_eq!(
        e["plan"]["changes"],
        serde_json::json!([["realisasi_target", "tolerance"]])
    );
    let md = read(&d.path().join("evaluasi-wfa.md"));
    assert!(
        md.contains("Ukuran tidak terbukti ditetapkan sebelum data dilihat"),
        "{md}"
    );
    assert!(
        md.contains("Realisasi output terhadap target: batas toleransi diubah (0,1 → 0,3)"),
        "{md}"
    );
}

#[test]
fn readiness_verdicts_are_set_beside_the_outcomes() {
    let (a, _) = assess(&["--format", "json"]);
    let assessment = a.path().join("assessment.json");
    let (d, e) = evaluate(&[
        "--format",
        "json,md",
        "--assessment",
        assessment.to_str().unwrap(),
    ]);
    let r = &e["readiness"];
    let row = |v: &str| {
        r["table"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["verdict"] == v)
            .unwrap()
            .clone()
    };
    // OPD-14 (Belum Layak) went away anyway and fell; OPD-21 (Belum Layak) sent no log.
    let bl = row("belum_layak");
    assert_eq!(
        (bl["fell"].as_u64(), bl["not_evaluable"].as_u64()),
        (Some(1), Some(1)),
        "{bl}"
    );
    let total: u64 = r["table"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            [
                "fell",
                "inconclusive",
                "held",
                "rose",
                "no_outcome",
                "stayed",
                "not_evaluable",
            ]
            .iter()
            .map(|k| x[*k].as_u64().unwrap())
            .sum::<u64>()
        })
        .sum();
    assert_eq!(total, 40);
    let md = read(&d.path().join("evaluasi-wfa.md"));
    assert!(
        md.contains("OPD-14 Dinas Perhubungan dinilai Belum Layak tetapi tetap WFA: kinerja turun"),
        "{md}"
    );
}

#[test]
fn every_format_is_written_and_a_rerun_gives_the_same_bytes() {
    let (a, _) = evaluate(&[]);
    let (b, _) = evaluate(&[]);
    let names = |d: &Path| -> BTreeSet<String> {
        std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    let files = names(a.path());
    for f in [
        "evaluation.json",
        "evaluasi-wfa.md",
        "evaluasi-wfa.docx",
        "evaluasi-wfa.html",
        "evaluasi-wfa.xlsx",
    ] {
        assert!(files.contains(f), "{f} missing: {files:?}");
    }
    assert_eq!(files, names(b.path()));
    for f in &files {
        assert_eq!(
            std::fs::read(a.path().join(f)).unwrap(),
            std::fs::read(b.path().join(f)).unwrap(),
            "{f} differs"
        );
    }
    let html = read(&a.path().join("evaluasi-wfa.html"));
    assert!(html.matches("<svg").count() >= 9, "one chart per measure");
    let docx = zip_text(&std::fs::read(a.path().join("evaluasi-wfa.docx")).unwrap());
    assert!(docx.contains("Laporan Hasil Pemantauan dan Evaluasi"));
}

#[test]
fn no_name_or_nip_of_the_log_reaches_an_output() {
    use calamine::{Reader, open_workbook_auto};
    let mut wb = open_workbook_auto("sample-data/evaluasi/pelaksanaan_wfa.xlsx").unwrap();
    let range = wb.worksheet_range("Daftar pegawai").unwrap();
    let people: Vec<(String, String)> = range
        .rows()
        .skip(1)
        .step_by(997)
        .map(|r| (r[1].to_string(), r[2].to_string()))
        .collect();
    assert!(people.len() > 10);
    let (d, _) = evaluate(&[]);
    let (a, _) = assess(&["--format", "json"]);
    let (j, _) = evaluate(&[
        "--format",
        "json",
        "--assessment",
        a.path().join("assessment.json").to_str().unwrap(),
    ]);
    for dir in [d.path(), j.path()] {
        for f in std::fs::read_dir(dir).unwrap() {
            let p = f.unwrap().path();
            let bytes = std::fs::read(&p).unwrap();
            let text = if p.extension().is_some_and(|x| x == "docx" || x == "xlsx") {
                zip_text(&bytes)
            } else {
                String::from_utf8_lossy(&bytes).into_owned()
            };
            for (nip, name) in &people {
                assert!(!text.contains(nip.as_str()), "NIP {nip} in {}", p.display());
                assert!(
                    !text.contains(name.as_str()),
                    "name {name} in {}",
                    p.display()
                );
            }
        }
    }
}

#[test]
fn the_wrong_kind_of_rubric_is_refused_with_what_to_do() {
    kesiapan()
        .args(["evaluate", "--rubric", "rubrics/wfa-asn-2025.toml"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("needs an evaluation rubric"));
    kesiapan()
        .args(["assess", "--rubric", "rubrics/evaluasi-wfa.toml", "--out"])
        .arg(tempfile::tempdir().unwrap().path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is an evaluation rubric"));
    kesiapan()
        .args(["rubric", "check", "rubrics/evaluasi-wfa.toml"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "evaluation rubric evaluasi-wfa-2025",
        ));
    kesiapan()
        .args(["evaluate", "--period", "2025-12-31..2025-12-29"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--period"));
}

#[test]
fn the_report_reads_in_english_with_lang_en() {
    let (d, _) = evaluate(&["--format", "md", "--lang", "en"]);
    let md = read(&d.path().join("wfa-evaluation.md"));
    assert!(
        md.starts_with("# Report on the Monitoring and Evaluation of WFA"),
        "{md}"
    );
    for id in ["Kinerja:", "turun", "terjaga", "Tidak dapat dievaluasi"] {
        assert!(!md.contains(id), "Indonesian `{id}` in the English report");
    }
}

#[test]
fn without_the_year_earlier_baseline_the_report_warns_that_the_season_stays() {
    let dir = tempfile::tempdir().unwrap();
    let before = dir.path().join("evaluasi-sebelum.toml");
    std::fs::write(
        &before,
        read(Path::new("rubrics/evaluasi-wfa.toml")).replacen(
            "baseline = \"year\"",
            "baseline = \"before\"",
            1,
        ),
    )
    .unwrap();
    let (d, e) = evaluate(&["--format", "json,md", "--rubric", before.to_str().unwrap()]);
    let m = measure(&e, "realisasi_target");
    assert_eq!(m["result"]["adjacent_baseline"], true);
    assert!(m["result"]["placebo"].is_null());
    let md = read(&d.path().join("evaluasi-wfa.md"));
    let first_page = md.split("## I.").next().unwrap();
    assert!(first_page.contains("**Peringatan:**"), "{first_page}");
    assert!(
        first_page.contains("tidak menghilangkan pengaruh musim"),
        "{first_page}"
    );
}
