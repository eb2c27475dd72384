//! `kesiapan plan` on the tiny fixture: the cheapest plan, checked by hand, really reaches the
//! target when applied to the data; structural limits are named, not priced; budget mode.

use crate::common::*;
use serde_json::Value;

/// Run `plan` on the tiny fixture; returns plan.json and the Markdown report (`rencana.md`).
fn plan_with_md(extra: &[&str]) -> (Value, String) {
    let out = tempfile::tempdir().unwrap();
    kesiapan()
        .args([
            "plan",
            "--rubric",
            "tests/fixtures/tiny/tiny.toml",
            "--data",
            "tests/fixtures/tiny",
            "--format",
            "json,md",
            "--out",
        ])
        .arg(out.path())
        .args(extra)
        .assert()
        .success();
    (
        serde_json::from_str(&read(&out.path().join("plan.json"))).unwrap(),
        read(&out.path().join("rencana.md")),
    )
}

fn plan(extra: &[&str]) -> Value {
    plan_with_md(extra).0
}

/// The Markdown table row of unit `id`.
fn row<'a>(md: &'a str, id: &str) -> &'a str {
    md.lines()
        .find(|l| l.starts_with(&format!("| {id} |")))
        .unwrap_or_else(|| panic!("no row for {id} in\n{md}"))
}

fn unit_of<'a>(p: &'a Value, id: &str) -> &'a Value {
    p["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == id)
        .unwrap()
}

#[test]
fn the_cheapest_plan_for_b_by_hand() {
    let (p, md) = plan_with_md(&[]);
    let b = unit_of(&p, "B");
    // The plan must clear the band's start by the margin (2 points): score ≥ 72. B needs SKP
    // ≥ 0.8 (kinerja 100; 0.5 only passes the gate and scores 50, and (2·infra + 50)/3 ≥ 72
    // would need infra ≥ 83), then (2·infra + 100)/3 ≥ 72 ⇒ infra ≥ 58 ⇒ 2·laptop + bandwidth
    // 4.89 + VPN ≥ 232: VPN (100) and a laptop score ≥ 63.56 ⇒ ratio ≥ 0.5084 ⇒ 26 laptops:
    // +21. Cost 21·10 M + 100 M + 20·0.1 M, all one-off.
    assert_eq!(p["margin"], 2.0);
    assert_eq!(b["reaches_target"], true);
    let actions: Vec<(&str, f64)> = b["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["improvement"].as_str().unwrap(), f(&a["amount"])))
        .collect();
    assert_eq!(actions, [("laptops", 21.0), ("vpn", 1.0), ("skp", 20.0)]);
    assert_eq!(f(&b["cost"]), 312_000_000.0);
    assert_eq!(
        (f(&b["cost_once"]), f(&b["cost_yearly"])),
        (312_000_000.0, 0.0)
    );
    let laptops = &b["actions"][0];
    assert_eq!((f(&laptops["from"]), f(&laptops["to"])), (5.0, 26.0));
    let b_row = row(&md, "B");
    assert!(b_row.contains("| Rp 312.000.000 sekali |"), "{b_row}");
    assert!(
        // In words, never the column id (`laptop_dinas`).
        b_row.contains("| Buy laptops: +21 laptops (5 → 26) (Rp 210.000.000 sekali); "),
        "{b_row}"
    );
    assert!(!b_row.contains("laptop\\_dinas"), "{b_row}");
    assert_eq!(p["to_target"]["reaching"], 1);
    assert_eq!(p["to_target"]["staff_gain"], 10);
    // Layak: min(eligible 24, 20 % of 50, 50) = 10 staff at once.
    assert_eq!(
        (
            b["staff_allowed_before"].as_i64(),
            b["staff_allowed_after"].as_i64()
        ),
        (Some(0), Some(10))
    );
    assert_eq!(
        b["structural_limits"],
        serde_json::json!([{"indicator": "bandwidth"}])
    );
    assert!(b_row.ends_with("| bandwidth |"), "{b_row}");
}

/// The "threshold artefact": without a margin the plan stops at the first laptop that
/// tips B over 70 (24 laptops: 70,02), a verdict bought by a hair.
#[test]
fn without_a_margin_the_plan_stops_at_the_threshold() {
    let p = plan(&["--margin", "0"]);
    let b = unit_of(&p, "B");
    assert_eq!(f(&b["cost"]), 292_000_000.0);
    assert_eq!(f(&b["actions"][0]["to"]), 24.0);
    for bad in ["-1", "21", "nan"] {
        kesiapan()
            .args(["plan", "--rubric", "tests/fixtures/tiny/tiny.toml"])
            .args(["--data", "tests/fixtures/tiny", "--margin", bad])
            .assert()
            .code(2);
    }
}

#[test]
fn applied_to_the_data_the_plan_reaches_the_target() {
    let dir = tempfile::tempdir().unwrap();
    let infra = read(&root().join("tests/fixtures/tiny/infra.csv")).replace(
        "B;Dinas B;50;5;2,5;Tidak;40%;Tidak",
        "B;Dinas B;50;26;2,5;Ya;80%;Tidak",
    );
    std::fs::write(dir.path().join("infra.csv"), infra).unwrap();
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
    assert_eq!(unit(&a, "B")["verdict"], "layak");
    // With the margin: 72,48 ≥ 70 + 2.
    assert!(f(&unit(&a, "B")["score"]) >= 72.0, "{}", unit(&a, "B"));
    // One laptop fewer and it would not clear the margin (71,65): the plan is the least.
    let infra = read(&root().join("tests/fixtures/tiny/infra.csv")).replace(
        "B;Dinas B;50;5;2,5;Tidak;40%;Tidak",
        "B;Dinas B;50;25;2,5;Ya;80%;Tidak",
    );
    std::fs::write(dir.path().join("infra.csv"), infra).unwrap();
    let (_o, a) = assess(&[
        "--rubric",
        "tests/fixtures/tiny/tiny.toml",
        "--data",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    let score = f(&unit(&a, "B")["score"]);
    assert!((70.0..72.0).contains(&score), "{score}");
}

#[test]
fn structural_limits_are_named_not_priced() {
    let (p, md) = plan_with_md(&[]);
    let c = unit_of(&p, "C");
    // C is capped by its front-line services: nothing in the rubric can buy that.
    assert_eq!(c["reaches_target"], false);
    assert_eq!(c["actions"].as_array().unwrap().len(), 0);
    assert!(
        c["structural_limits"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l == &serde_json::json!({"gate": "front_line"}))
    );
    let c_row = row(&md, "C");
    assert!(c_row.contains("front\\_line"), "{c_row}");
    assert_eq!(unit_of(&p, "A")["at_target"], true);
    assert_eq!(p["assumptions"][0], "laptops");
    assert!(
        md.lines()
            .any(|l| l == "- Buy laptops: test price, Rp 10 million a laptop"),
        "{md}"
    );
}

#[test]
fn budget_mode_maximises_staff_within_the_budget() {
    // Rp 150 M: VPN + 20 SKP entries (102 M) lift B to "terbatas": min(24, 10 % of 50, 50) = 5.
    // Reaching "layak" (312 M, +10 staff) does not fit.
    let p = plan(&["--budget", "150.000.000"]);
    let b = &p["budget"];
    assert_eq!(b["staff_gain"], 5);
    assert_eq!(f(&b["spent"]), 102_000_000.0);
    assert_eq!(b["units"][0]["new_verdict"], "terbatas");
    let p = plan(&["--budget", "320000000"]);
    assert_eq!(p["budget"]["staff_gain"], 10);
    assert_eq!(f(&p["budget"]["spent"]), 312_000_000.0);
    // Rp 312 M for 10 more staff.
    assert_eq!(f(&p["budget"]["cost_per_staff"]), 31_200_000.0);
}

/// Regression: costs were rounded up to Rp 1 million, so a budget that exactly fits a plan lost it.
#[test]
fn a_budget_that_exactly_fits_a_plan_buys_it() {
    let p = plan(&["--budget", "102000000"]);
    assert_eq!(p["budget"]["staff_gain"], 5);
    assert_eq!(f(&p["budget"]["spent"]), 102_000_000.0);
    let p = plan(&["--budget", "101999999"]);
    assert_eq!(p["budget"]["staff_gain"], 0);
    assert_eq!(p["budget"]["spent"], 0.0);
}

#[test]
fn plan_json_is_the_same_in_every_language() {
    let run = |lang: &str| {
        run_into(&[
            "plan",
            "--rubric",
            "tests/fixtures/tiny/tiny.toml",
            "--data",
            "tests/fixtures/tiny",
            "--budget",
            "150.000.000",
            "--lang",
            lang,
        ])
    };
    let ((id, id_text), (en, en_text)) = (run("id"), run("en"));
    let json = read(&id.path().join("plan.json"));
    assert_eq!(json, read(&en.path().join("plan.json")));
    assert!(json.contains("\"schema_version\": \"2.1\""), "{json}");
    // The words are in the language asked for: the verdict labels and the Rupiah amounts.
    let (md_id, md_en) = (
        read(&id.path().join("rencana.md")),
        read(&en.path().join("plan.md")),
    );
    assert!(row(&md_id, "B").contains("| Belum Layak | Layak | Rp 312.000.000 sekali |"));
    assert!(row(&md_en, "B").contains("| Not yet | Feasible | Rp 312,000,000 one-off |"));
    assert!(
        id_text.contains("Target: Layak (dengan selisih sedikitnya 2 poin"),
        "{id_text}"
    );
    assert!(en_text.contains("Target: Feasible (clearing"), "{en_text}");
    // The terminal is in the language asked for too.
    assert!(
        id_text.contains("Anggaran Rp 150.000.000: dibelanjakan"),
        "{id_text}"
    );
    assert!(
        en_text.contains("Budget Rp 150,000,000: spend"),
        "{en_text}"
    );
}

/// Issue 13: with more units at the worst verdict than `--plan-units`, the memo's cost line
/// vanished without a word. It says that the cost was not computed, and why.
#[test]
fn the_memo_says_when_there_were_too_many_units_to_price() {
    let (o, a) = assess(&["--format", "json,briefing", "--plan-units", "3"]);
    let at_worst = a["summary"]["verdict_counts"]["belum_layak"]
        .as_u64()
        .unwrap();
    assert!(at_worst > 3, "{at_worst}");
    assert!(a["summary"].get("plan").is_none());
    assert_eq!(a["summary"]["plan_skipped"]["units"], at_worst);
    assert_eq!(a["summary"]["plan_skipped"]["limit"], 3);
    let memo = read(&o.path().join("telaahan-staf.md"));
    assert!(
        memo.contains(&format!(
            "Biaya perbaikannya belum dihitung dalam telaahan ini ({at_worst} OPD, di atas batas 3;"
        )),
        "{memo}"
    );
}
