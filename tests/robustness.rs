//! The quick robustness check inside `assess` (issue 13, "How sure"): every unit carries the
//! share of perturbed rubrics giving its verdict, fragile verdicts are marked in the memo, the
//! HTML and the terminal, the province's staff figure comes with a range; gate limits move too;
//! and the memo prices the cheapest plans of the units at the worst verdict.

use crate::common::*;
use serde_json::Value;

fn sample() -> (tempfile::TempDir, Value) {
    assess(&["--format", "json,briefing,html"])
}

fn units(a: &Value) -> &Vec<Value> {
    a["units"].as_array().unwrap()
}

#[test]
fn every_unit_says_how_often_its_verdict_holds_and_fragile_ones_are_listed() {
    let (_o, a) = sample();
    let r = &a["summary"]["robustness"];
    assert_eq!(r["runs"], 400);
    let stable = f(&r["stable_share"]);
    let mut fragile = Vec::new();
    for u in units(&a) {
        let x = &u["robustness"];
        let share = f(&x["share"]);
        assert!((0.0..=1.0).contains(&share), "{u}");
        assert_eq!(x["fragile"], share < stable, "{}", u["id"]);
        if share < 1.0 {
            // Some run gave another verdict: it is named, with its share.
            assert!(x["other"].is_string() && f(&x["other_share"]) > 0.0, "{x}");
            assert!(share + f(&x["other_share"]) <= 1.0 + 1e-9, "{x}");
        }
        if x["fragile"] == true {
            fragile.push(u["id"].as_str().unwrap().to_string());
            // Named in words, never as a parameter id.
            for d in x["sensitive_to"].as_array().unwrap() {
                let label = d["label"].as_str().unwrap();
                assert!(!label.contains(':') && !label.contains('_'), "{label}");
            }
        }
    }
    let listed: Vec<String> = r["fragile_units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed, fragile);
    // The hospital the issue found at 52 % / 48 % between two verdicts is among them.
    assert!(fragile.contains(&"OPD-03".to_string()), "{fragile:?}");
    let (lo, mid, hi) = (
        r["staff_allowed_p05"].as_i64().unwrap(),
        r["staff_allowed_p50"].as_i64().unwrap(),
        r["staff_allowed_p95"].as_i64().unwrap(),
    );
    assert!(lo <= mid && mid <= hi && lo < hi, "{r}");
}

#[test]
fn the_memo_and_the_html_mark_fragile_verdicts_and_give_the_staff_range() {
    let (o, a) = sample();
    let memo = read(&o.path().join("telaahan-staf.md"));
    let r = &a["summary"]["robustness"];
    let fragile: Vec<&Value> = units(&a)
        .iter()
        .filter(|u| u["robustness"]["fragile"] == true)
        .collect();
    assert!(!fragile.is_empty());
    assert!(
        memo.contains(&format!("**{} OPD rapuh**", fragile.len())),
        "{memo}"
    );
    let range = format!(
        "berkisar {}–{} pegawai",
        thousands(r["staff_allowed_p05"].as_i64().unwrap()),
        thousands(r["staff_allowed_p95"].as_i64().unwrap())
    );
    assert!(memo.contains(&range), "{range}\n{memo}");
    // The annex marks exactly the fragile units with †.
    for u in units(&a) {
        let id = u["id"].as_str().unwrap();
        let row = memo
            .lines()
            .find(|l| l.starts_with(&format!("| {id} |")))
            .unwrap_or_else(|| panic!("no annex row for {id}"));
        assert_eq!(
            row.contains(" †"),
            u["robustness"]["fragile"] == true,
            "{row}"
        );
        let name = u["name"].as_str().unwrap();
        assert_eq!(
            memo.contains(&format!(
                "{name} ({} ",
                u["verdict_label"].as_str().unwrap()
            )),
            u["robustness"]["fragile"] == true,
            "{name}"
        );
    }
    let html = read(&o.path().join("laporan.html"));
    assert_eq!(
        html.matches("<abbr class=\"fragile\"").count(),
        fragile.len(),
        "one † per fragile unit in the table"
    );
    assert!(html.contains("Hasil penilaian rapuh"));
}

#[test]
fn without_the_check_nothing_claims_it() {
    let (o, a) = assess(&["--format", "json,briefing", "--robustness-runs", "0"]);
    assert!(a["summary"].get("robustness").is_none());
    assert!(units(&a).iter().all(|u| u.get("robustness").is_none()));
    let memo = read(&o.path().join("telaahan-staf.md"));
    assert!(
        !memo.contains("Uji kepekaan") && !memo.contains('†'),
        "{memo}"
    );
}

#[test]
fn the_terminal_lists_fragile_verdicts_and_the_range() {
    let out = tempfile::tempdir().unwrap();
    let o = kesiapan()
        .args(["assess", "--format", "json", "--now", NOW, "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8(o.stdout).unwrap();
    assert!(stdout.contains("† hasil penilaian rapuh"), "{stdout}");
    assert!(stdout.contains("OPD-03 (Layak Terbatas"), "{stdout}");
    assert!(
        stdout.contains("boleh WFA bersamaan 554 (rentang "),
        "{stdout}"
    );
}

/// 1.234 as the Indonesian outputs write it.
fn thousands(x: i64) -> String {
    let s = x.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A gate limit moves too: a unit exactly at `persen_skp >= 0.5` fails the gate whenever the
/// limit moves up (about half the runs), so its verdict is fragile and the gate is what it
/// follows; with weights and curves held, nothing else can move it.
#[test]
fn a_unit_at_a_gate_limit_is_fragile_through_the_gate() {
    let dir = tempfile::tempdir().unwrap();
    let infra = read(&root().join("tests/fixtures/tiny/infra.csv")).replace(
        "B;Dinas B;50;5;2,5;Tidak;40%;Tidak",
        "B;Dinas B;50;40;50;Ya;50%;Tidak",
    );
    assert!(infra.contains("50%"));
    std::fs::write(dir.path().join("infra.csv"), infra).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/tiny/survei.csv"),
        dir.path().join("survei.csv"),
    )
    .unwrap();
    let (o, _) = run_into(&[
        "sensitivity",
        "--rubric",
        "tests/fixtures/tiny/tiny.toml",
        "--data",
        dir.path().to_str().unwrap(),
        "--weights",
        "none",
        "--runs",
        "400",
        "--format",
        "json",
    ]);
    let s: Value = serde_json::from_str(&read(&o.path().join("sensitivity.json"))).unwrap();
    let b = s["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == "B")
        .unwrap();
    let belum = f(&b["shares"]["belum"]);
    assert!((0.35..=0.65).contains(&belum), "{b}");
    assert_eq!(b["fragile"], true);
    assert!(
        b["sensitive_to"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["parameter"] == "gate:skp_gate"),
        "{b}"
    );
}

#[test]
fn the_memo_prices_the_cheapest_plans_of_the_belum_layak_units() {
    let (o, a) = sample();
    let p = &a["summary"]["plan"];
    assert_eq!(p["from_verdict"], "belum_layak");
    assert_eq!(p["to_verdict"], "layak_terbatas");
    assert_eq!(p["units"], a["summary"]["verdict_counts"]["belum_layak"]);
    // The totals are the sums of the actions' costs, one-off and yearly apart.
    let actions = p["actions"].as_array().unwrap();
    let sum = |k: &str| actions.iter().map(|x| f(&x[k])).sum::<f64>();
    close(sum("cost_once"), f(&p["cost_once"]), 1e-6);
    close(sum("cost_yearly"), f(&p["cost_yearly"]), 1e-6);
    assert!(f(&p["cost_yearly"]) > 0.0 && f(&p["cost_once"]) > 0.0);
    let memo = read(&o.path().join("telaahan-staf.md"));
    let cost = format!(
        "Rp {} sekali dan Rp {} per tahun",
        thousands(f(&p["cost_once"]) as i64),
        thousands(f(&p["cost_yearly"]) as i64)
    );
    // In Fakta (first page) with the blockers of the Belum Layak group, and in Saran.
    assert_eq!(memo.matches(&cost).count(), 2, "{cost}\n{memo}");
    let facts = &memo[memo.find("## III").unwrap()..memo.find("## IV").unwrap()];
    assert!(facts.contains("Diskominfosantik"), "{facts}");
    // The plan is what `kesiapan plan --target layak_terbatas` finds.
    let (po, _) = run_into(&["plan", "--target", "layak_terbatas", "--format", "json"]);
    let plan: Value = serde_json::from_str(&read(&po.path().join("plan.json"))).unwrap();
    close(f(&plan["to_target"]["cost_once"]), f(&p["cost_once"]), 1e-6);
    close(
        f(&plan["to_target"]["cost_yearly"]),
        f(&p["cost_yearly"]),
        1e-6,
    );
}
