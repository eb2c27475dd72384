//! `diff` on a rubric made for hand computation (`tests/fixtures/attr`): two dimensions,
//! kinerja (weight 3) and pegawai (weight 1), of two indicators of weight 1 each, every curve
//! linear 0 → 100, so that an indicator's score is its value. Verdicts: layak ≥ 65, terbatas ≥ 40.
//!
//! Data (a, b → kinerja k1, k2; c, d → pegawai p1, p2; e unused until an edit uses it):
//! A: 100, 80, 40, 20 (e 40): kinerja 90, pegawai 30, score 0.75·90 + 0.25·30 = 75 (layak).
//! B:  20, 20, 80, 80 (e 90): kinerja 20, pegawai 80, score 0.75·20 + 0.25·80 = 35 (belum).
//!
//! Each test edits the rubric, works out by hand the edited and the consequent changes and each
//! edit's points (Shapley values: with one edit, the whole move; with two, the mean of each
//! edit's effect before and after the other), and checks them with the reasons.

use crate::common::*;
use serde_json::Value;

const RUBRIC: &str = "tests/fixtures/attr/attr.toml";
const DATA: &str = "tests/fixtures/attr";

/// Assess the fixture's rubric and a copy with `edits` on the same data, then diff them in
/// `lang`: (diff.json, the Markdown, the terminal text).
fn diff(edits: &[(&str, &str)], lang: &str) -> (Value, String, String) {
    diff_data(edits, &[], lang)
}

/// `diff` with the new run's data edited by `data` too.
fn diff_data(edits: &[(&str, &str)], data: &[(&str, &str)], lang: &str) -> (Value, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = read(&root().join(DATA).join("opd.csv"));
    for (a, b) in data {
        assert!(csv.contains(a), "{a}");
        csv = csv.replacen(a, b, 1);
    }
    let new_data = dir.path().join("data");
    std::fs::create_dir_all(&new_data).unwrap();
    std::fs::write(new_data.join("opd.csv"), csv).unwrap();
    let mut r = read(&root().join(RUBRIC));
    for (a, b) in edits {
        assert!(r.contains(a), "{a}");
        r = r.replacen(a, b, 1);
    }
    let edited = dir.path().join("rubric.toml");
    std::fs::write(&edited, r).unwrap();
    let (old, _) = assess(&["--rubric", RUBRIC, "--data", DATA, "--format", "json"]);
    let (new, _) = assess(&[
        "--rubric",
        edited.to_str().unwrap(),
        "--data",
        new_data.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let (out, text) = run_into(&[
        "diff",
        old.path().join("assessment.json").to_str().unwrap(),
        new.path().join("assessment.json").to_str().unwrap(),
        "--lang",
        lang,
    ]);
    let md = if lang == "id" {
        "perubahan.md"
    } else {
        "changes.md"
    };
    let d: Value = serde_json::from_str(&read(&out.path().join("diff.json"))).unwrap();
    attribution_adds_up(&d, 1e-6);
    (d, read(&out.path().join(md)), text)
}

fn unit<'a>(d: &'a Value, id: &str) -> &'a Value {
    d["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == id)
        .unwrap()
}

/// `(kind, id)` of each edited change, in order.
fn edited(d: &Value) -> Vec<(String, String)> {
    kinds(&d["rubric_changes"])
}

fn consequent(d: &Value) -> Vec<(String, String)> {
    kinds(&d["consequent_changes"])
}

fn kinds(v: &Value) -> Vec<(String, String)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_string(),
                c["id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// `(change index, points)` of each `edit` part of a list of reason parts; panics on other kinds.
fn edit_parts(v: &Value) -> Vec<(u64, f64)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| {
            assert_eq!(p["kind"], "edit", "{p}");
            (p["change"].as_u64().unwrap(), f(&p["points"]))
        })
        .collect()
}

fn points_are(got: &[(u64, f64)], want: &[(u64, f64)]) {
    assert_eq!(got.len(), want.len(), "{got:?} vs {want:?}");
    for ((gc, gp), (wc, wp)) in got.iter().zip(want) {
        assert_eq!(gc, wc, "{got:?} vs {want:?}");
        close(*gp, *wp, 1e-6);
    }
}

fn has_line(text: &str, line: &str) {
    assert!(
        text.lines().any(|l| l == line),
        "no line {line:?} in\n{text}"
    );
}

const WEIGHT: (&str, &str) = (
    "id = \"kinerja\"\nweight = 3",
    "id = \"kinerja\"\nweight = 1",
);

#[test]
fn renormalised_weight_is_not_named_as_reason() {
    // Only kinerja's weight is edited, 3 → 1: shares 75 %/25 % → 50 %/50 %. Pegawai's share
    // moves 25 % → 50 % as a consequence; it was not edited and must never be a reason (the old
    // reason said "bobot pegawai naik 25 % → 50 %").
    // A: 0.5·90 + 0.5·30 = 60 (terbatas): −15, all from the one edit.
    // B: 0.5·20 + 0.5·80 = 50 (terbatas): +15.
    let (d, md, _) = diff(&[WEIGHT], "id");
    assert_eq!(
        edited(&d),
        pairs(&[("rubric-content", "attr"), ("dimension-weight", "kinerja")])
    );
    let w = &d["rubric_changes"][1];
    assert_eq!((f(&w["from_weight"]), f(&w["to_weight"])), (3.0, 1.0));
    assert_eq!((f(&w["from"]), f(&w["to"])), (0.75, 0.5));
    assert_eq!(consequent(&d), pairs(&[("dimension-share", "pegawai")]));
    let c = &d["consequent_changes"][0];
    assert_eq!((f(&c["from"]), f(&c["to"])), (0.25, 0.5));
    assert_eq!(c["caused_by"], serde_json::json!([1]));

    let a = unit(&d, "A");
    assert_eq!(
        (&a["old_verdict"], &a["new_verdict"]),
        (&"layak".into(), &"terbatas".into())
    );
    close(f(&a["delta"]), -15.0, 1e-9);
    points_are(&edit_parts(&a["reason"]["parts"]), &[(1, -15.0)]);
    assert_eq!(a["reason"]["offset_by"], serde_json::json!([]));
    let b = unit(&d, "B");
    points_are(&edit_parts(&b["reason"]["parts"]), &[(1, 15.0)]);

    has_line(&md, "### Diubah");
    has_line(
        &md,
        "- Bobot dimensi kinerja: 3 → 1 (75 % → 50 % dari total)",
    );
    has_line(&md, "### Akibatnya");
    has_line(
        &md,
        "- Porsi dimensi pegawai: 25 % → 50 % dari total (bobotnya tidak diubah)",
    );
    has_line(
        &md,
        "- Dinas A: Layak → Layak Terbatas karena bobot dimensi kinerja: 3 → 1 (75 % → 50 % dari total) (−15 poin)",
    );
    let reasons: Vec<&str> = md.lines().filter(|l| l.starts_with("- Dinas")).collect();
    assert!(
        reasons.iter().all(|l| !l.contains("pegawai")),
        "{reasons:?}"
    );
}

#[test]
fn edited_and_consequent_lists_are_in_english_with_lang_en() {
    // (The verdict labels are the assessments', made in Indonesian.)
    let (_, md, text) = diff(&[WEIGHT], "en");
    has_line(&md, "### Edited");
    has_line(&md, "### As a consequence");
    has_line(
        &md,
        "- Share of dimension pegawai: 25% → 50% of the total (its weight was not edited)",
    );
    has_line(&text, "  Edited:");
    has_line(
        &text,
        "  · Weight of dimension kinerja: 3 → 1 (75% → 50% of the total)",
    );
    has_line(&text, "  As a consequence:");
    has_line(
        &text,
        "  A Dinas A: Layak → Layak Terbatas because weight of dimension kinerja: 3 → 1 (75% → 50% of the total) (−15 points)",
    );
}

#[test]
fn a_curve_edit_is_credited_with_its_points() {
    // k1's curve: full at 100 → full at 200, so its score halves. k1's effective weight is
    // 0.75 (kinerja) × 0.5 (one of two) = 0.375.
    // A: a = 100 scores 50 instead of 100: 0.375 × (50 − 100) = −18.75 → 56.25 (terbatas).
    // B: a = 20 scores 10 instead of 20: 0.375 × (10 − 20) = −3.75 → 31.25 (still belum).
    let (d, md, _) = diff(
        &[(
            "value = \"a\"\nweight = 1\nscoring = { kind = \"linear\", zero = 0, full = 100 }",
            "value = \"a\"\nweight = 1\nscoring = { kind = \"linear\", zero = 0, full = 200 }",
        )],
        "id",
    );
    assert_eq!(
        edited(&d),
        pairs(&[("rubric-content", "attr"), ("indicator-curve", "k1")])
    );
    assert_eq!(consequent(&d), vec![]);
    let a = unit(&d, "A");
    close(f(&a["delta"]), -18.75, 1e-9);
    points_are(&edit_parts(&a["reason"]["parts"]), &[(1, -18.75)]);
    let b = unit(&d, "B");
    assert_eq!(b["verdict_changed"], false);
    points_are(
        &b["attribution"]["edits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["change"].as_u64().unwrap(), f(&e["points"])))
            .collect::<Vec<_>>(),
        &[(1, -3.75)],
    );
    has_line(
        &md,
        "- Dinas A: Layak → Layak Terbatas karena penilaian k1: linear: 0 → 0, 100 → 100 → linear: 0 → 0, 200 → 100 (−18,75 poin)",
    );
}

#[test]
fn a_threshold_edit_is_the_reason_and_moves_no_points() {
    // layak's minimum 65 → 80: A's score stays 75, now below it (terbatas). No score moved, so
    // no edit has points; the band is the reason. B (35) stays belum.
    let (d, md, _) = diff(&[("min-score = 65", "min-score = 80")], "id");
    assert_eq!(
        edited(&d),
        pairs(&[("rubric-content", "attr"), ("verdict-band", "layak")])
    );
    assert_eq!(consequent(&d), vec![]);
    let a = unit(&d, "A");
    assert_eq!(f(&a["delta"]), 0.0);
    assert_eq!(a["attribution"]["edits"], serde_json::json!([]));
    assert_eq!(
        a["reason"]["parts"],
        serde_json::json!([{"kind": "band-moved", "verdict": "layak", "label": "Layak", "from": 65.0, "to": 80.0}])
    );
    assert_eq!(unit(&d, "B")["verdict_changed"], false);
    has_line(
        &md,
        "- Dinas A: Layak → Layak Terbatas karena batas skor Layak berubah 65 → 80",
    );
}

#[test]
fn an_added_indicator_is_credited_and_its_siblings_shares_are_consequences() {
    // New indicator k3 in kinerja (value e, weight 2): kinerja = (k1 + k2 + 2·k3) / 4, and k1,
    // k2 go from 37.5 % to 18.75 % of the total without being edited (consequences).
    // B: (20 + 20 + 2·90) / 4 = 55 → 0.75·55 + 0.25·80 = 61.25 (terbatas): +26.25.
    // A: (100 + 80 + 2·40) / 4 = 65 → 0.75·65 + 0.25·30 = 56.25 (terbatas): −18.75.
    let (d, md, _) = diff(
        &[(
            "[[indicators]]\nid = \"p1\"",
            "[[indicators]]\nid = \"k3\"\ndimension = \"kinerja\"\nvalue = \"e\"\nweight = 2\nscoring = { kind = \"linear\", zero = 0, full = 100 }\n\n[[indicators]]\nid = \"p1\"",
        )],
        "id",
    );
    assert_eq!(
        edited(&d),
        pairs(&[("rubric-content", "attr"), ("indicator-added", "k3")])
    );
    close(f(&d["rubric_changes"][1]["share"]), 0.375, 1e-12);
    assert_eq!(
        consequent(&d),
        pairs(&[("indicator-share", "k1"), ("indicator-share", "k2")])
    );
    for c in d["consequent_changes"].as_array().unwrap() {
        close(f(&c["from"]), 0.375, 1e-12);
        close(f(&c["to"]), 0.1875, 1e-12);
        assert_eq!(c["caused_by"], serde_json::json!([1]));
    }
    let b = unit(&d, "B");
    assert_eq!(
        (&b["old_verdict"], &b["new_verdict"]),
        (&"belum".into(), &"terbatas".into())
    );
    points_are(&edit_parts(&b["reason"]["parts"]), &[(1, 26.25)]);
    let a = unit(&d, "A");
    points_are(&edit_parts(&a["reason"]["parts"]), &[(1, -18.75)]);
    has_line(
        &md,
        "- Dinas B: Belum Layak → Layak Terbatas karena indikator baru k3 (bobot 37,5 %) (+26,25 poin)",
    );
    has_line(
        &md,
        "- Porsi indikator k1: 37,5 % → 18,8 % dari total (bobotnya tidak diubah)",
    );
}

#[test]
fn part_that_moved_score_the_wrong_way_is_not_credited() {
    // Two edits: W, kinerja's weight 3 → 1 (change 1), and C, p2's curve full at 100 → 80
    // (change 2: a value d scores d/0.8). Shapley: each edit's mean effect without and with the
    // other.
    // A (d = 20 → 25; pegawai 30 → 32.5): v(∅) = 75, v(W) = 0.5·90 + 0.5·30 = 60,
    //   v(C) = 0.75·90 + 0.25·32.5 = 75.625, v(WC) = 0.5·90 + 0.5·32.5 = 61.25 (terbatas).
    //   W: ((60 − 75) + (61.25 − 75.625)) / 2 = −14.6875; C: ((75.625 − 75) + (61.25 − 60)) / 2
    //   = +0.9375; together −13.75. C raised A's score: not a reason, only an offset.
    // B (d = 80 → 100; pegawai 80 → 90): v(∅) = 35, v(W) = 50, v(C) = 15 + 22.5 = 37.5,
    //   v(WC) = 10 + 45 = 55 (terbatas). W: (15 + 17.5) / 2 = 16.25; C: (2.5 + 5) / 2 = 3.75:
    //   both raised it, the larger first.
    let (d, md, _) = diff(
        &[
            WEIGHT,
            (
                "value = \"d\"\nweight = 1\nscoring = { kind = \"linear\", zero = 0, full = 100 }",
                "value = \"d\"\nweight = 1\nscoring = { kind = \"linear\", zero = 0, full = 80 }",
            ),
        ],
        "id",
    );
    assert_eq!(
        edited(&d),
        pairs(&[
            ("rubric-content", "attr"),
            ("dimension-weight", "kinerja"),
            ("indicator-curve", "p2")
        ])
    );
    assert_eq!(consequent(&d), pairs(&[("dimension-share", "pegawai")]));
    let a = unit(&d, "A");
    close(f(&a["delta"]), -13.75, 1e-9);
    assert_eq!(a["attribution"]["method"], "shapley");
    points_are(&edit_parts(&a["reason"]["parts"]), &[(1, -14.6875)]);
    points_are(&edit_parts(&a["reason"]["offset_by"]), &[(2, 0.9375)]);
    let b = unit(&d, "B");
    close(f(&b["delta"]), 20.0, 1e-9);
    points_are(&edit_parts(&b["reason"]["parts"]), &[(1, 16.25), (2, 3.75)]);
    assert_eq!(b["reason"]["offset_by"], serde_json::json!([]));
    has_line(
        &md,
        "- Dinas A: Layak → Layak Terbatas karena bobot dimensi kinerja: 3 → 1 (75 % → 50 % dari total) (−14,69 poin); diimbangi sebagian oleh penilaian p2: linear: 0 → 0, 100 → 100 → linear: 0 → 0, 80 → 100 (+0,94 poin)",
    );
}

#[test]
fn a_data_change_is_credited_to_the_value_with_its_points() {
    // No edit; B's a 20 → 60: kinerja (60 + 20) / 2 = 40, B = 0.75·40 + 0.25·80 = 50
    // (terbatas): +15 = 0.375 × (60 − 20), all to k1's value.
    let (d, md, _) = diff_data(&[], &[("B;Dinas B;20;", "B;Dinas B;60;")], "id");
    assert_eq!(edited(&d), vec![]);
    assert_eq!(consequent(&d), vec![]);
    let b = unit(&d, "B");
    close(f(&b["delta"]), 15.0, 1e-9);
    let parts = b["reason"]["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 1, "{parts:?}");
    assert_eq!(
        (&parts[0]["kind"], &parts[0]["indicator"]),
        (&"data".into(), &"k1".into())
    );
    close(f(&parts[0]["points"]), 15.0, 1e-6);
    has_line(
        &md,
        "- Dinas B: Belum Layak → Layak Terbatas karena k1 berubah 20 → 60 (+15 poin)",
    );
}
