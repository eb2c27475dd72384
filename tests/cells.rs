//! Cell reading as offices fill forms: the same data typed the "(Y/T)" way (T = Tidak, a tick
//! for Ya) must give the same scores as typed Ya/Tidak, with no invalid-value on those cells.

use crate::common::*;

fn run(dir: &std::path::Path) -> (tempfile::TempDir, serde_json::Value) {
    assess(&[
        "--rubric",
        "tests/fixtures/tiny/tiny.toml",
        "--data",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ])
}

#[test]
fn t_in_a_yt_column_was_an_invalid_value() {
    let root = root();
    let yt = tempfile::tempdir().unwrap();
    std::fs::copy(
        root.join("tests/fixtures/cells/yt/infra.csv"),
        yt.path().join("infra.csv"),
    )
    .unwrap();
    std::fs::copy(
        root.join("tests/fixtures/tiny/survei.csv"),
        yt.path().join("survei.csv"),
    )
    .unwrap();
    let (_c, clean) = run(&root.join("tests/fixtures/tiny"));
    let (_y, typed) = run(yt.path());
    let invalid: Vec<_> = typed["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "invalid-value")
        .collect();
    assert!(invalid.is_empty(), "{invalid:?}");
    for id in ["A", "B", "C"] {
        let (c, t) = (unit(&clean, id), unit(&typed, id));
        assert_eq!(
            indicator(t, "vpn")["value"],
            indicator(c, "vpn")["value"],
            "{id}"
        );
        assert_eq!(t["score"], c["score"], "{id}");
        assert_eq!(t["verdict"], c["verdict"], "{id}");
    }
    // The vpn answers really differ between units, so the comparison can fail.
    assert_ne!(
        indicator(unit(&typed, "A"), "vpn")["value"],
        indicator(unit(&typed, "B"), "vpn")["value"]
    );
}
