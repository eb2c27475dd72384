//! `kesiapan diff` and `assess --baseline` on the tiny fixture: a weight change only, a
//! threshold change only, a data change only, and all three together, with hand-computed
//! attribution that adds up to the score move.

use crate::common::*;
use serde_json::Value;
use std::path::Path;

const RUBRIC: &str = "tests/fixtures/tiny/tiny.toml";

/// Write a variant of the tiny fixture (rubric and data edited by `edit`) into `dir`.
fn variant(dir: &Path, rubric: &[(&str, &str)], infra: &[(&str, &str)]) -> String {
    let mut r = read(&root().join(RUBRIC));
    for (a, b) in rubric {
        assert!(r.contains(a), "{a}");
        r = r.replacen(a, b, 1);
    }
    let mut i = read(&root().join("tests/fixtures/tiny/infra.csv"));
    for (a, b) in infra {
        assert!(i.contains(a), "{a}");
        i = i.replacen(a, b, 1);
    }
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::write(dir.join("rubric.toml"), r).unwrap();
    std::fs::write(dir.join("data/infra.csv"), i).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/tiny/survei.csv"),
        dir.join("data/survei.csv"),
    )
    .unwrap();
    dir.join("rubric.toml").display().to_string()
}

/// Assess the base fixture and the variant, then diff them; returns diff.json and the changes
/// summary (`perubahan.md`).
fn diff(rubric: &[(&str, &str)], infra: &[(&str, &str)]) -> (Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let (base_dir, _) = tiny_assessment();
    let r = variant(dir.path(), rubric, infra);
    let data = dir.path().join("data").display().to_string();
    let baseline = base_dir
        .path()
        .join("assessment.json")
        .display()
        .to_string();
    let (new_dir, _) = assess(&[
        "--rubric",
        &r,
        "--data",
        &data,
        "--format",
        "json,md",
        "--baseline",
        &baseline,
    ]);
    (
        serde_json::from_str(&read(&new_dir.path().join("diff.json"))).unwrap(),
        read(&new_dir.path().join("perubahan.md")),
    )
}

/// The Markdown has this line.
fn has_line(md: &str, line: &str) {
    assert!(md.lines().any(|l| l == line), "no line {line:?} in\n{md}");
}

fn unit_of<'a>(d: &'a Value, id: &str) -> &'a Value {
    d["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == id)
        .unwrap()
}

fn parts(u: &Value) -> (f64, f64, f64, f64) {
    let p = &u["parts"];
    (
        f(&p["weights"]),
        f(&p["scoring"]),
        f(&p["data"]),
        f(&p["rounding"]),
    )
}

fn adds_up(d: &Value) {
    for u in d["units"].as_array().unwrap() {
        let (w, s, x, r) = parts(u);
        close(w + s + x + r, f(&u["delta"]), 1e-9);
        assert!(r.abs() < 1e-3, "rounding should stay tiny: {r}");
    }
    // The points per edit and per value add up to the move too.
    attribution_adds_up(d, 1e-3);
}

const WEIGHT: (&str, &str) = ("id = \"infra\"\nweight = 2", "id = \"infra\"\nweight = 3");
const CURVE: (&str, &str) = (
    "scoring = { kind = \"linear\", zero = 0, full = 0.8 }",
    "scoring = { kind = \"linear\", zero = 0, full = 1.0 }",
);
const DATA: (&str, &str) = ("A;Dinas A;100;60;", "A;Dinas A;100;80;");

#[test]
fn a_weight_change_only() {
    let (d, md) = diff(&[WEIGHT], &[]);
    adds_up(&d);
    // A: infra 75, kinerja 100, pegawai 87.5; weights 2:1:1 → 3:1:1: 84.375 → 82.5
    let a = unit_of(&d, "A");
    close(f(&a["delta"]), -1.875, 1e-3);
    let (w, s, x, _) = parts(a);
    close(w, -1.875, 1e-3);
    assert_eq!((s, x), (0.0, 0.0));
    let kinds: Vec<&str> = d["rubric_changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"dimension-weight"));
    assert_eq!(d["rubric_changes"][0]["kind"], "rubric-content");
    let c = &d["rubric_changes"][1];
    assert_eq!(
        (&c["kind"], &c["id"]),
        (&"dimension-weight".into(), &"infra".into())
    );
    close(f(&c["from"]), 0.5, 1e-12);
    close(f(&c["to"]), 0.6, 1e-12);
    has_line(&md, "- Bobot dimensi infra: 2 → 3 (50 % → 60 % dari total)");
    // Only infra was edited; the other two dimensions' shares follow (25 % → 20 %).
    assert_eq!(
        kinds.iter().filter(|k| **k == "dimension-weight").count(),
        1
    );
    let consequent = d["consequent_changes"].as_array().unwrap();
    assert_eq!(consequent.len(), 2, "{consequent:?}");
    has_line(
        &md,
        "- Porsi dimensi kinerja: 25 % → 20 % dari total (bobotnya tidak diubah)",
    );
}

#[test]
fn a_threshold_change_only() {
    let (d, md) = diff(&[CURVE], &[]);
    adds_up(&d);
    // A's laptop ratio 0.6 now scores 60 instead of 75, at effective weight 0.25: −3.75.
    let a = unit_of(&d, "A");
    let (w, s, x, _) = parts(a);
    close(s, -3.75, 1e-3);
    close(w, 0.0, 1e-9);
    close(x, 0.0, 1e-9);
    let c = d["rubric_changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "indicator-curve")
        .unwrap();
    assert_eq!((f(&c["from"]["full"]), f(&c["to"]["full"])), (0.8, 1.0));
    has_line(
        &md,
        "- Penilaian laptop: linear: 0 → 0, 0,8 → 100 → linear: 0 → 0, 1 → 100",
    );
}

#[test]
fn a_data_change_only() {
    let (d, md) = diff(&[], &[DATA]);
    adds_up(&d);
    // A's laptops 60 → 80: ratio 0.8 scores 100 instead of 75, at effective weight 0.25: +6.25.
    let a = unit_of(&d, "A");
    let (w, s, x, _) = parts(a);
    close(x, 6.25, 1e-3);
    close(w + s, 0.0, 1e-9);
    assert_eq!(d["rubric_changes"].as_array().unwrap().len(), 0);
    // Compared by content within the dataset: only the edited infra file, not the copied survey.
    let changes = d["input_changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{changes:?}");
    let c = &changes[0];
    assert_eq!(c["dataset"], "infra");
    assert_eq!(c["gone"], 1);
    let changed = c["changed"].as_array().unwrap();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].as_str().unwrap().ends_with("infra.csv"), "{c}");
    let line = md
        .lines()
        .find(|l| l.starts_with("- infra: "))
        .unwrap_or_else(|| panic!("{md}"));
    assert!(
        line.starts_with("- infra: 1 new or changed file(s) (")
            && line.ends_with("infra.csv); 1 earlier file(s) no longer used"),
        "{line}"
    );
}

#[test]
fn all_three_together_still_add_up() {
    let (d, _) = diff(&[WEIGHT, CURVE], &[DATA]);
    adds_up(&d);
    // A: 84.375 → 84.0. Laptop: weights (0.3−0.25)·75 = 3.75, scoring 0.3·(60−75) = −4.5,
    // data 0.3·(80−60) = 6; the other indicators only move by weight: 1.25 + 2.5 − 5 − 1.875 − 2.5.
    let a = unit_of(&d, "A");
    close(f(&a["delta"]), -0.375, 1e-3);
    let (w, s, x, _) = parts(a);
    close(w, -1.875, 1e-3);
    close(s, -4.5, 1e-3);
    close(x, 6.0, 1e-3);
    // Per edit (Shapley, three players: the infra weight W, the laptop curve C, laptop's value
    // V; laptop's effective weight 0.25 before W, 0.3 after; its score 75, 60 after C, 100
    // after V, 80 after both). The other indicators move only with W: 1.25 + 2.5 − 5 − 1.875
    // − 2.5 = −5.625, plus laptop's part of W, which depends only on its score s: 0.05·s.
    // W: −5.625 + 0.05·(mean of s over the orders: ⅓·75 + ⅙·60 + ⅙·100 + ⅓·80 = 78.33…)
    //   = −5.625 + 3.9166… = −1.7083…
    //   (the weights ⅓, ⅙, ⅙, ⅓: W added first, after C only, after V only, last).
    // C: laptop's weight (0.25 before W, 0.3 after) times the score C moves (−15 without V,
    //   −20 with V), over the same orders (before C: nothing, W, V, both):
    //   ⅓·0.25·(−15) + ⅙·0.3·(−15) + ⅙·0.25·(−20) + ⅓·0.3·(−20) = −4.8333…
    // V: likewise +25 without C, +20 with it (before V: nothing, W, C, both):
    //   ⅓·0.25·25 + ⅙·0.3·25 + ⅙·0.25·20 + ⅓·0.3·20 = 6.1666…; W + C + V = −0.375.
    let at = &a["attribution"];
    let edit = |kind: &str| -> f64 {
        let k = d["rubric_changes"]
            .as_array()
            .unwrap()
            .iter()
            .position(|c| c["kind"] == kind)
            .unwrap();
        at["edits"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["change"] == k)
            .map(|e| f(&e["points"]))
            .unwrap()
    };
    close(
        edit("dimension-weight"),
        -5.625 + 0.05 * (75.0 / 3.0 + 60.0 / 6.0 + 100.0 / 6.0 + 80.0 / 3.0),
        1e-3,
    );
    close(edit("indicator-curve"), -29.0 / 6.0, 1e-3);
    assert_eq!(at["data"][0]["indicator"], "laptop");
    close(f(&at["data"][0]["points"]), 37.0 / 6.0, 1e-3);
    let laptop = a["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "laptop")
        .unwrap();
    close(f(&laptop["parts"]["weights"]), 3.75, 1e-3);
}

#[test]
fn a_verdict_change_is_explained_in_one_line() {
    // C no longer runs front-line services: its layak score is no longer capped.
    let (d, md) = diff(
        &[],
        &[(
            "C;Dinas C;20;16;;ya ;0,8;Ya",
            "C;Dinas C;20;16;;ya ;0,8;Tidak",
        )],
    );
    let c = unit_of(&d, "C");
    assert_eq!(c["verdict_changed"], true);
    assert_eq!(
        c["reason"],
        serde_json::json!({
            "unit": "Dinas C",
            "parts": [{"kind": "gate-met", "gate": "front_line", "label": "front_line"}],
            "offset_by": []
        })
    );
    // (escaped Markdown: `front\_line` renders as front_line)
    has_line(
        &md,
        "- Dinas C: Layak Terbatas → Layak karena syarat «front\\_line» kini terpenuhi",
    );
    // Verdict changes come first.
    assert_eq!(d["units"][0]["id"], "C");
    assert_eq!(d["province"]["new_verdict"], "layak");
}

/// `assess` with the tiny rubric on the tiny fixture (JSON only): the "old" run of most tests.
fn tiny_assessment() -> (tempfile::TempDir, serde_json::Value) {
    assess(&[
        "--rubric",
        RUBRIC,
        "--data",
        "tests/fixtures/tiny",
        "--format",
        "json",
    ])
}

#[test]
fn diff_command_writes_and_prints() {
    let (a, _) = tiny_assessment();
    let dir = tempfile::tempdir().unwrap();
    let r = variant(dir.path(), &[WEIGHT], &[]);
    let data = dir.path().join("data").display().to_string();
    let (b, _) = assess(&["--rubric", &r, "--data", &data, "--format", "json"]);
    let out = tempfile::tempdir().unwrap();
    let o = kesiapan()
        .args(["diff"])
        .arg(a.path().join("assessment.json"))
        .arg(b.path().join("assessment.json"))
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.contains("· Bobot dimensi infra: 2 → 3 (50 % → 60 % dari total)"),
        "{text}"
    );
    assert!(text.contains("Hasil penilaian yang berubah: 0\n"), "{text}");
    assert!(
        text.contains("Provinsi: Layak Terbatas → Layak Terbatas · pegawai boleh WFA bersamaan"),
        "{text}"
    );
    let md = read(&out.path().join("perubahan.md"));
    assert!(md.contains("| A | Dinas A | 84,4 | 82,5 |"), "{md}");
}

#[test]
fn an_old_schema_is_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("old.json");
    std::fs::write(&p, r#"{"schema_version": "1.0", "rubric": {"id": "x"}}"#).unwrap();
    let o = kesiapan().args(["diff"]).arg(&p).arg(&p).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8(o.stderr)
            .unwrap()
            .contains("was written by an older kesiapan (schema 1.0)")
    );
}

#[test]
fn a_gate_cap_change_is_the_reason() {
    let (d, md) = diff(&[("cap = \"terbatas\"", "cap = \"belum\"")], &[]);
    let c = unit_of(&d, "C");
    assert_eq!(c["delta"], 0.0);
    assert_eq!(c["reason"]["parts"][0]["kind"], "gate-cap-moved");
    assert_eq!(
        (
            &c["reason"]["parts"][0]["from_cap"],
            &c["reason"]["parts"][0]["to_cap"]
        ),
        (&"terbatas".into(), &"belum".into())
    );
    has_line(
        &md,
        "- Dinas C: Layak Terbatas → Belum Layak karena syarat «front\\_line» kini membatasi ke Belum Layak (sebelumnya Layak Terbatas)",
    );
    let g = d["rubric_changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "gate-changed")
        .unwrap();
    assert_eq!(
        (&g["from_cap"], &g["to_cap"]),
        (&"terbatas".into(), &"belum".into())
    );
    assert_eq!(
        (&g["from_cap_label"], &g["to_cap_label"]),
        (&"Layak Terbatas".into(), &"Belum Layak".into())
    );
    // Every printed value is escaped Markdown: the expression shows with its backticks, as text.
    has_line(
        &md,
        "- Syarat front\\_line: \\`NOT garis\\_depan\\` (paling baik Layak Terbatas) → \\`NOT garis\\_depan\\` (paling baik Belum Layak)",
    );
}

#[test]
fn diff_json_is_the_same_in_every_language() {
    let (a, _) = tiny_assessment();
    let dir = tempfile::tempdir().unwrap();
    let r = variant(dir.path(), &[WEIGHT, CURVE], &[DATA]);
    let data = dir.path().join("data").display().to_string();
    let (b, _) = assess(&["--rubric", &r, "--data", &data, "--format", "json"]);
    let (old, new) = (
        a.path().join("assessment.json"),
        b.path().join("assessment.json"),
    );
    let run = |lang: &str| {
        run_into(&[
            "diff",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
            "--lang",
            lang,
        ])
    };
    let ((id, id_text), (en, en_text)) = (run("id"), run("en"));
    let json = read(&id.path().join("diff.json"));
    assert_eq!(json, read(&en.path().join("diff.json")));
    assert!(json.contains("\"schema_version\": \"2.2\""), "{json}");
    assert!(!json.contains("\"lang\""), "{json}");
    // The words are in the language asked for.
    has_line(
        &read(&id.path().join("perubahan.md")),
        "- Bobot dimensi infra: 2 → 3 (50 % → 60 % dari total)",
    );
    has_line(
        &read(&en.path().join("changes.md")),
        "- Weight of dimension infra: 2 → 3 (50% → 60% of the total)",
    );
    assert!(
        id_text.contains("· Bobot dimensi infra: 2 → 3 (50 % → 60 % dari total)"),
        "{id_text}"
    );
    assert!(
        en_text.contains("· Weight of dimension infra: 2 → 3 (50% → 60% of the total)"),
        "{en_text}"
    );
}

/// A new gate in the tiny rubric, `laptop_dinas >= 18` at best Layak Terbatas: B (5 laptops,
/// already Belum Layak by skp_gate) and C (16 laptops, already capped at Layak Terbatas by
/// front_line) now fail it and keep their verdicts; A (60) passes.
const LAPTOP_GATE: (&str, &str) = (
    "[[verdicts]]",
    "[[gates]]\nid = \"laptop_gate\"\nlabel = { id = \"Laptop cukup\", en = \"Enough laptops\" }\nrequire = \"laptop_dinas >= 18\"\ncap = \"terbatas\"\nmessage = \"laptops\"\n\n[[verdicts]]",
);
/// Layak Terbatas lets 15 % of staff away at once instead of 10 %.
const TERBATAS_SHARE: (&str, &str) = ("terbatas = 0.1,", "terbatas = 0.15,");

#[test]
fn gate_newly_failed_without_verdict_change_is_listed_with_staff_old_to_new() {
    let (a, _) = tiny_assessment();
    let dir = tempfile::tempdir().unwrap();
    let r = variant(dir.path(), &[LAPTOP_GATE, TERBATAS_SHARE], &[]);
    let data = dir.path().join("data").display().to_string();
    let (b, _) = assess(&["--rubric", &r, "--data", &data, "--format", "json"]);
    let (old, new) = (
        a.path().join("assessment.json"),
        b.path().join("assessment.json"),
    );
    let run = |lang: &str| {
        run_into(&[
            "diff",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
            "--lang",
            lang,
        ])
    };
    let ((id, id_text), (en, en_text)) = (run("id"), run("en"));
    let d: Value = serde_json::from_str(&read(&id.path().join("diff.json"))).unwrap();
    assert_eq!(d["schema_version"], "2.2");
    let failed = serde_json::json!([{
        "gate": "laptop_gate",
        "label": "Laptop cukup",
        "cap": "terbatas",
        "cap_label": "Layak Terbatas"
    }]);
    for (u, verdict) in [("B", "belum"), ("C", "terbatas")] {
        let x = unit_of(&d, u);
        assert_eq!(x["verdict_changed"], false, "{u}");
        assert_eq!(x["new_verdict"], verdict, "{u}");
        assert_eq!(x["gates_newly_failed"], failed, "{u}");
    }
    assert_eq!(
        unit_of(&d, "A")["gates_newly_failed"],
        serde_json::json!([])
    );
    // Staff allowed at once = min(eligible, ⌊share · staff⌋, staff − minimum on site).
    // C (20 staff, 16 laptops, front-line: 10 on site): ⌊0.1 · 20⌋ = 2 → ⌊0.15 · 20⌋ = 3.
    // A (Layak, 100 staff, 60 laptops): ⌊0.2 · 100⌋ = 20 both times; B (Belum Layak): 0.
    let staff = |u: &str| {
        let x = unit_of(&d, u);
        (
            x["old_staff_allowed"].clone(),
            x["new_staff_allowed"].clone(),
        )
    };
    let shown = |v: i64| serde_json::json!({"kind": "shown", "value": v});
    assert_eq!(staff("C"), (shown(2), shown(3)));
    assert_eq!(staff("A"), (shown(20), shown(20)));
    assert_eq!(staff("B"), (shown(0), shown(0)));
    assert_eq!(
        (
            &d["province"]["old_staff_allowed"],
            &d["province"]["new_staff_allowed"]
        ),
        (&22.into(), &23.into())
    );
    // The words, in both languages (the labels are the assessments', made in Indonesian).
    let md = read(&id.path().join("perubahan.md"));
    has_line(&md, "## Kini gagal syarat, hasil penilaian tetap");
    has_line(
        &md,
        "- Dinas B: syarat «Laptop cukup» kini tidak terpenuhi (paling baik Layak Terbatas); hasil penilaian tetap Belum Layak",
    );
    has_line(
        &md,
        "- Dinas C: syarat «Laptop cukup» kini tidak terpenuhi (paling baik Layak Terbatas); hasil penilaian tetap Layak Terbatas",
    );
    has_line(&md, "Provinsi: 22 → 23.");
    has_line(&md, "| C | Dinas C | 2 → 3 |");
    assert!(!md.contains("| A | Dinas A | 20 → 20 |"), "{md}");
    // The gate's cap as its verdict's label, not its id.
    has_line(
        &md,
        "- Syarat baru Laptop cukup: \\`laptop\\_dinas \\>= 18\\` (paling baik Layak Terbatas)",
    );
    let en_md = read(&en.path().join("changes.md"));
    has_line(&en_md, "## Now failing a gate, verdict unchanged");
    has_line(
        &en_md,
        "- Dinas C: the condition “Laptop cukup” is no longer met (at best Layak Terbatas); verdict still Layak Terbatas",
    );
    has_line(&en_md, "Province: 22 → 23.");
    has_line(&en_md, "| C | Dinas C | 2 → 3 |");
    // The terminal says the same.
    assert!(
        id_text.contains(
            "Kini gagal syarat, hasil penilaian tetap:\n  Dinas B: syarat «Laptop cukup»"
        ),
        "{id_text}"
    );
    assert!(
        id_text.contains("Pegawai boleh WFA bersamaan:\n  C          2 → 3\n"),
        "{id_text}"
    );
    assert!(
        en_text.contains("Staff allowed on WFA at once:\n  C          2 → 3\n"),
        "{en_text}"
    );
    assert!(en_text.contains("verdict still Belum Layak"), "{en_text}");
}
