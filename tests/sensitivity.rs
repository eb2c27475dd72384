//! `kesiapan sensitivity` on the tiny fixture: zero perturbation keeps every verdict, a unit far
//! from any threshold is stable, a unit exactly at a threshold is fragile; same seed, same result.

use crate::common::*;
use serde_json::Value;

fn sensitivity(rubric: &str, data: &str, extra: &[&str]) -> Value {
    let out = tempfile::tempdir().unwrap();
    kesiapan()
        .args([
            "sensitivity",
            "--rubric",
            rubric,
            "--data",
            data,
            "--format",
            "json",
            "--out",
        ])
        .arg(out.path())
        .args(extra)
        .assert()
        .success();
    serde_json::from_str(&read(&out.path().join("sensitivity.json"))).unwrap()
}

fn unit_of<'a>(s: &'a Value, id: &str) -> &'a Value {
    s["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == id)
        .unwrap()
}

#[test]
fn zero_perturbation_gives_the_base_verdict_every_time() {
    let s = sensitivity(
        "tests/fixtures/tiny/tiny.toml",
        "tests/fixtures/tiny",
        &[
            "--runs",
            "200",
            "--weights",
            "none",
            "--threshold-spread",
            "0",
        ],
    );
    for u in s["units"].as_array().unwrap() {
        let base = u["base_verdict"].as_str().unwrap();
        assert_eq!(u["shares"][base], 1.0, "{}", u["id"]);
        assert_eq!(u["fragile"], false);
        assert_eq!(u["sensitive_to"].as_array().unwrap().len(), 0);
    }
    assert_eq!(s["province"]["verdict_shares"]["terbatas"], 1.0);
    assert_eq!(s["province"]["feasible_units"]["2"], 200);
}

#[test]
fn far_from_thresholds_is_stable_and_same_seed_same_result() {
    let args = [
        "--runs",
        "500",
        "--concentration",
        "50",
        "--threshold-spread",
        "0.1",
    ];
    let s = sensitivity(
        "tests/fixtures/tiny/tiny.toml",
        "tests/fixtures/tiny",
        &args,
    );
    // A: infra 75, kinerja 100, pegawai 87.5 — every weighting stays ≥ 70.
    assert_eq!(unit_of(&s, "A")["shares"]["layak"], 1.0);
    // B fails the SKP gate: "belum" whatever the weights.
    assert_eq!(unit_of(&s, "B")["shares"]["belum"], 1.0);
    assert_eq!(unit_of(&s, "A")["fragile"], false);
    let again = sensitivity(
        "tests/fixtures/tiny/tiny.toml",
        "tests/fixtures/tiny",
        &args,
    );
    assert_eq!(s, again);
}

#[test]
fn exactly_at_a_threshold_is_fragile() {
    // C without front-line services scores 72.916667; put the "layak" band exactly there.
    let dir = tempfile::tempdir().unwrap();
    let rubric = read(&root().join("tests/fixtures/tiny/tiny.toml")).replacen(
        "min-score = 70",
        "min-score = 72.916667",
        1,
    );
    std::fs::write(dir.path().join("r.toml"), rubric).unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    let infra = read(&root().join("tests/fixtures/tiny/infra.csv")).replace(
        "C;Dinas C;20;16;;ya ;0,8;Ya",
        "C;Dinas C;20;16;;ya ;0,8;Tidak",
    );
    std::fs::write(dir.path().join("data/infra.csv"), infra).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/tiny/survei.csv"),
        dir.path().join("data/survei.csv"),
    )
    .unwrap();
    let s = sensitivity(
        dir.path().join("r.toml").to_str().unwrap(),
        dir.path().join("data").to_str().unwrap(),
        &["--runs", "1000", "--threshold-spread", "0"],
    );
    let c = unit_of(&s, "C");
    assert_eq!(c["base_verdict"], "layak");
    assert_eq!(c["fragile"], true, "{c}");
    let layak = f(&c["shares"]["layak"]);
    assert!((0.2..0.8).contains(&layak), "{layak}");
    assert!(!c["sensitive_to"].as_array().unwrap().is_empty());
}
