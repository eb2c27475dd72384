//! The blind corpus (`tests/fixtures/corpus`): 18 submissions typed through LibreOffice by a
//! helper who had not read the intake code, from a description of how offices fill forms, with
//! the clean truth of the same records beside them (`clean/`), every header cell with the field it
//! means (`headers.csv`) and every deliberate mistake (`mistakes.csv`).
//!
//! What must hold:
//! - every unit of the master list is assessed or named as not assessed;
//! - for each unit, the scored figures equal those of the clean version, or the unit carries a
//!   located diagnostic (file and row or column) that explains the difference;
//! - every header that names a field is read, or reported at its place;
//! - the diagnostics found, counted by code and file, equal a reviewed snapshot, so a false
//!   positive fails too.

use crate::common::{NOW, kesiapan, root, snapshot};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const CORPUS: &str = "tests/fixtures/corpus";

/// `assess --format json` on `data` with the corpus's master list; the parsed assessment.
fn assess(data: &str) -> Value {
    let out = tempfile::tempdir().unwrap();
    let o = kesiapan()
        .args(["assess", "--format", "json", "--now", NOW, "--data", data])
        .args(["--units", &format!("{CORPUS}/daftar-opd.csv")])
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "assess {data}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_str(&std::fs::read_to_string(out.path().join("assessment.json")).unwrap())
        .unwrap()
}

fn csv_rows(name: &str) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(root().join(CORPUS).join(name)).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(String::from))
                .collect()
        })
        .collect()
}

/// The figures of a unit that the verdict rests on: indicator values, the score, the verdict.
fn figures(u: &Value) -> BTreeMap<String, String> {
    let mut f = BTreeMap::new();
    for i in u["indicators"].as_array().unwrap() {
        let v = i["value"]
            .as_f64()
            .map_or("-".to_string(), |v| format!("{v:.6}"));
        f.insert(format!("indicator {}", i["id"].as_str().unwrap()), v);
    }
    f.insert(
        "score".into(),
        u["score"]
            .as_f64()
            .map_or("-".into(), |v| format!("{v:.4}")),
    );
    f.insert("verdict".into(), u["verdict"].as_str().unwrap().to_string());
    f
}

fn units_by_id(a: &Value) -> BTreeMap<String, &Value> {
    a["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["id"].as_str().unwrap().to_string(), u))
        .collect()
}

/// A diagnostic with a place in a file: it tells the unit where to look.
fn located(d: &Value) -> bool {
    d["file"].is_string() && (d["row"].is_u64() || d["column"].is_string())
}

/// A diagnostic that can explain a changed figure: an error or warning about a value, a row or
/// the unit's coverage, not a note that a header or a unit name was read another way (those
/// change nothing when they are right, so they explain nothing).
fn severe(d: &Value) -> bool {
    matches!(d["severity"].as_str(), Some("error" | "warning"))
        && !matches!(
            d["code"].as_str(),
            Some("unit-by-name" | "contained-column" | "similar-column" | "inferred-column")
        )
}

fn file_name(d: &Value) -> String {
    d["file"]
        .as_str()
        .map(|f| {
            Path::new(f)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .unwrap_or_else(|| "-".into())
}

#[test]
fn corpus_every_unit_scores_as_its_clean_version_or_is_explained() {
    let messy = assess(&format!("{CORPUS}/submissions"));
    let clean = assess(&format!("{CORPUS}/clean"));
    let (m, c) = (units_by_id(&messy), units_by_id(&clean));
    let diags = messy["diagnostics"].as_array().unwrap();
    let not_assessed: BTreeSet<String> = messy["summary"]["not_assessed"]
        .as_array()
        .map(|v| {
            v.iter()
                .map(|u| u["unit"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default();
    let mut problems = Vec::new();
    let mut table = Vec::new();
    for opd in csv_rows("daftar-opd.csv") {
        let id = &opd["kode_opd"];
        let explained = diags
            .iter()
            .filter(|d| d["unit"].as_str() == Some(id) && located(d) && severe(d))
            .count();
        match (m.get(id), c.get(id)) {
            (Some(mu), Some(cu)) => {
                let (fm, fc) = (figures(mu), figures(cu));
                let differ: Vec<&String> = fc.keys().filter(|k| fm.get(*k) != fc.get(*k)).collect();
                if differ.is_empty() {
                    table.push(format!("{id}: equal ({} figures)", fc.len()));
                } else if explained > 0 {
                    table.push(format!(
                        "{id}: {} of {} figures differ, {explained} located diagnostic(s)",
                        differ.len(),
                        fc.len()
                    ));
                } else {
                    problems.push(format!("{id}: {differ:?} differ and nothing located explains it: messy {fm:?} clean {fc:?}"));
                }
            }
            (None, Some(_)) => {
                if !not_assessed.contains(id) {
                    problems.push(format!(
                        "{id}: assessed in the clean version, neither assessed nor named as not assessed"
                    ));
                } else if explained == 0 {
                    problems.push(format!("{id}: not assessed without a located diagnostic"));
                } else {
                    table.push(format!(
                        "{id}: not assessed, {explained} located diagnostic(s)"
                    ));
                }
            }
            (Some(_), None) => problems.push(format!("{id}: assessed only from the messy files")),
            (None, None) => {
                if !not_assessed.contains(id) {
                    problems.push(format!("{id}: sent nothing and is not named"));
                } else {
                    table.push(format!("{id}: sent nothing, named as not assessed"));
                }
            }
        }
    }
    eprintln!("corpus, per unit:\n  {}", table.join("\n  "));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn corpus_every_field_header_is_read_or_reported_at_its_place() {
    let out = tempfile::tempdir().unwrap();
    let json = out.path().join("diagnostics.json");
    kesiapan()
        .args(["validate", "--data", &format!("{CORPUS}/submissions")])
        .args(["--units", &format!("{CORPUS}/daftar-opd.csv")])
        .arg("--json")
        .arg(&json)
        .output()
        .unwrap();
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    let mut fields = 0;
    let mut missed = Vec::new();
    for h in csv_rows("headers.csv") {
        let field = &h["canonical"];
        if field.is_empty() {
            continue;
        }
        fields += 1;
        let here = |d: &&Value| {
            file_name(d) == h["file"]
                && (h["sheet"].is_empty() || d["sheet"].as_str() == Some(&h["sheet"]))
        };
        let lost = diags
            .iter()
            .filter(here)
            .any(|d| d["code"] == "missing-column" && d["value"].as_str() == Some(field));
        let reported = diags.iter().filter(here).any(|d| {
            matches!(
                d["code"].as_str(),
                Some("ambiguous-column" | "similar-column" | "duplicate-column")
            ) && d["message"]
                .as_str()
                .is_some_and(|m| m.contains(h["header_text"].trim()))
        });
        if lost && !reported {
            missed.push(format!(
                "{} [{}] {}: `{}` is `{field}`, reported missing",
                h["file"], h["sheet"], h["column"], h["header_text"]
            ));
        }
    }
    assert!(fields >= 150, "only {fields} field headers in headers.csv");
    assert!(
        missed.is_empty(),
        "{} of {fields} field headers not read:\n{}",
        missed.len(),
        missed.join("\n")
    );
}

#[test]
fn corpus_diagnostics_by_code_and_file_match_the_reviewed_snapshot() {
    let messy = assess(&format!("{CORPUS}/submissions"));
    let mut count: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for d in messy["diagnostics"].as_array().unwrap() {
        let key = (
            file_name(d),
            d["code"].as_str().unwrap().to_string(),
            d["severity"].as_str().unwrap().to_string(),
        );
        *count.entry(key).or_default() += 1;
    }
    let text: String = count
        .iter()
        .map(|((file, code, sev), n)| format!("{file}\t{sev} {code}\t{n}\n"))
        .collect();
    snapshot("corpus-diagnostics.txt", &text);
}

/// Issue 11: job rows that cover 15 of an OPD's 60 staff raised no warning and still scored.
/// The hospital's job map lists 15 holders: a located `low-coverage` warning, beside its
/// verdict in `assessment.json` (and so in every report that shows `data_warnings`).
#[test]
fn corpus_job_rows_covering_a_quarter_of_the_staff_are_flagged_beside_the_verdict() {
    let messy = assess(&format!("{CORPUS}/submissions"));
    let d = messy["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "low-coverage" && d["unit"] == "OPD-06")
        .expect("low-coverage on OPD-06");
    assert_eq!(file_name(d), "Peta Jabatan RSUD Doris Sylvanus.ods");
    assert!(located(d), "{d}");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("15 of the 60 staff"),
        "{d}"
    );
    let u = units_by_id(&messy)["OPD-06"];
    let w = u["data_warnings"].as_array().unwrap();
    assert!(
        w.iter()
            .any(|w| w.as_str().unwrap().starts_with("low-coverage: ")),
        "{u}"
    );
    // The clean job map of the same OPD has the same 15 holders: a fact of the data, not a
    // reading error, so the clean run says it too.
    let clean = assess(&format!("{CORPUS}/clean"));
    assert!(
        clean["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "low-coverage" && d["unit"] == "OPD-06")
    );
}

/// The terminal marks a verdict that carries a data-quality warning, and names the warnings.
#[test]
fn corpus_terminal_marks_verdicts_with_data_warnings() {
    let out = tempfile::tempdir().unwrap();
    let o = kesiapan()
        .args(["assess", "--format", "json", "--now", NOW])
        .args(["--data", &format!("{CORPUS}/submissions")])
        .args(["--units", &format!("{CORPUS}/daftar-opd.csv")])
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    let text = String::from_utf8(o.stdout).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("OPD-06 "))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains("⚠"), "{line}");
    assert!(
        !text
            .lines()
            .find(|l| l.starts_with("OPD-04 "))
            .unwrap()
            .contains('⚠'),
        "{text}"
    );
    assert!(
        text.contains("peringatan mutu data") && text.contains("OPD-06 (low-coverage)"),
        "{text}"
    );
}
