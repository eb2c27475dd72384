//! Helpers shared by the integration tests: run the real binary, read its JSON.
#![allow(dead_code)]

pub mod hostile;
pub mod messy;

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

pub const NOW: &str = "2025-12-23T09:00:00Z";

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn kesiapan() -> Command {
    let mut c = Command::cargo_bin("kesiapan").unwrap();
    c.current_dir(root());
    c
}

/// Run `assess` with extra args into a fresh folder; returns (folder, parsed assessment.json).
pub fn assess(args: &[&str]) -> (tempfile::TempDir, Value) {
    let out = tempfile::tempdir().unwrap();
    let mut c = kesiapan();
    c.arg("assess")
        .args(args)
        .arg("--out")
        .arg(out.path())
        .arg("--now")
        .arg(NOW);
    c.assert().success();
    // Without `json` in --format there is no assessment.json: Null.
    let json = std::fs::read_to_string(out.path().join("assessment.json"))
        .unwrap_or_else(|_| "null".into());
    (out, serde_json::from_str(&json).unwrap())
}

/// Run the binary with `args` plus `--out` a fresh folder; it must succeed. Returns the folder
/// and the standard output.
pub fn run_into(args: &[&str]) -> (tempfile::TempDir, String) {
    let out = tempfile::tempdir().unwrap();
    let o = kesiapan()
        .args(args)
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    (out, String::from_utf8(o.stdout).unwrap())
}

/// The diagnostics of `code` in an `assessment.json` or `diagnostics.json`.
pub fn diags_of<'a>(a: &'a Value, code: &str) -> Vec<&'a Value> {
    a["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .collect()
}

pub fn unit<'a>(a: &'a Value, id: &str) -> &'a Value {
    a["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == id)
        .unwrap_or_else(|| panic!("unit {id}"))
}

pub fn indicator<'a>(u: &'a Value, id: &str) -> &'a Value {
    u["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap()
}

pub fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

pub fn close(a: f64, b: f64, tol: f64) {
    assert!((a - b).abs() <= tol, "{a} != {b} (±{tol})");
}

pub fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap()
}

/// Compare `actual` with the snapshot file `tests/snapshots/NAME`; `KESIAPAN_BLESS=1` rewrites it.
pub fn snapshot(name: &str, actual: &str) {
    let path = root().join("tests/snapshots").join(name);
    if std::env::var("KESIAPAN_BLESS").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing snapshot {name}; run with KESIAPAN_BLESS=1"));
    assert_eq!(
        actual, expected,
        "snapshot {name} differs; rerun with KESIAPAN_BLESS=1 to accept"
    );
}

/// The text of every entry of a zip file (docx, xlsx) joined.
pub fn zip_text(bytes: &[u8]) -> String {
    use std::io::Read as _;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut all = String::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut s = String::new();
        if f.read_to_string(&mut s).is_ok() {
            all.push_str(&s);
        }
    }
    all
}

/// In a `diff.json`, every unit's points per edit and per value, and the rounding (below
/// `rounding`), add up to its move.
pub fn attribution_adds_up(d: &Value, rounding: f64) {
    for u in d["units"].as_array().unwrap() {
        let a = &u["attribution"];
        let sum = |k: &str| -> f64 {
            a[k].as_array()
                .unwrap()
                .iter()
                .map(|x| f(&x["points"]))
                .sum()
        };
        close(
            sum("edits") + sum("data") + f(&a["rounding"]),
            f(&u["delta"]),
            1e-9,
        );
        assert!(f(&a["rounding"]).abs() < rounding, "{a}");
    }
}
