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

/// The tiny data with its files rewritten by `edit` (file name → new text).
fn tiny_with(edit: &[(&str, &str)]) -> tempfile::TempDir {
    let root = root();
    let dir = tempfile::tempdir().unwrap();
    for f in ["infra.csv", "survei.csv"] {
        std::fs::copy(root.join("tests/fixtures/tiny").join(f), dir.path().join(f)).unwrap();
    }
    for (f, text) in edit {
        std::fs::write(dir.path().join(f), text).unwrap();
    }
    dir
}

/// Issue 11: `-` in a Ya/Tidak column that feeds a score passed as a column note only; the
/// office could not see which cell, and the unit's feedback did not count it.
#[test]
fn a_dash_where_the_score_reads_is_said_at_its_cell() {
    let infra = std::fs::read_to_string(root().join("tests/fixtures/tiny/infra.csv")).unwrap();
    let infra = infra
        .replace("B;Dinas B;50;5;2,5;Tidak;", "B;Dinas B;50;-;2,5;—;")
        .replace(";Ya;90%;Tidak", ";Ya;90%;-");
    let survei = std::fs::read_to_string(root().join("tests/fixtures/tiny/survei.csv")).unwrap();
    let survei = survei.replacen("R2,A,4,Ya", "R2,A,tidak tahu,Ya", 1);
    let dir = tiny_with(&[("infra.csv", &infra), ("survei.csv", &survei)]);
    let (_o, a) = run(dir.path());
    let mut located: Vec<String> = diags_of(&a, "not-answered")
        .iter()
        .filter(|d| d["severity"] == "warning")
        .map(|d| {
            format!(
                "{} {}{} {} {}",
                d["file"].as_str().unwrap().rsplit('/').next().unwrap(),
                d["column"].as_str().unwrap(),
                d["row"],
                d["value"].as_str().unwrap(),
                d["unit"].as_str().unwrap_or("?")
            )
        })
        .collect();
    located.sort();
    // Laptops and VPN feed indicators, front-line a gate: each dash is said where it is, on
    // its unit. `tidak tahu` in the survey stays a counted answer (information).
    assert_eq!(
        located,
        [
            "infra.csv D5 - B",
            "infra.csv F5 — B",
            "infra.csv H4 - A",
            // The fixture's own `-` under Skill (a Likert answer averaged into an indicator).
            "survei.csv C12 - C"
        ],
        "{:#?}",
        diags_of(&a, "not-answered")
    );
    let counted: Vec<_> = diags_of(&a, "not-answered")
        .into_iter()
        .filter(|d| d["severity"] == "info")
        .collect();
    assert_eq!(counted.len(), 1, "{counted:?}");
    assert_eq!(
        counted[0]["file"].as_str().unwrap().rsplit('/').next(),
        Some("survei.csv")
    );
    // Read as no answer, not zero: B's VPN indicator has no value.
    assert!(indicator(unit(&a, "B"), "vpn")["value"].is_null());
}

/// Issue 11: an NIP that Excel already destroyed (`1,97501E+17`, or 18 digits ending in 000)
/// passed silently, and two people could become one.
#[test]
fn an_id_excel_destroyed_is_a_damaged_id_without_its_digits() {
    let survei = std::fs::read_to_string(root().join("tests/fixtures/tiny/survei.csv")).unwrap();
    let survei = survei
        .replacen("R1,A,", "\"1,97501E+17\",A,", 1)
        .replacen("R3,A,", "197501012000121000,A,", 1)
        .replacen("R4,A,", "197501012000121004,A,", 1);
    let dir = tiny_with(&[("survei.csv", &survei)]);
    let (_o, a) = run(dir.path());
    let found = diags_of(&a, "damaged-id");
    let rows: Vec<_> = found.iter().map(|d| d["row"].as_u64().unwrap()).collect();
    assert_eq!(rows, [2, 4], "{found:#?}");
    for d in &found {
        assert_eq!(d["severity"], "warning");
        assert_eq!(d["column"], "A");
        assert_eq!(d["unit"], "A");
        let text = d.to_string();
        assert!(text.contains("Excel") && text.contains("Text"), "{text}");
        // Personal: the place, never the digits.
        assert!(!text.contains("19750"), "{text}");
    }
}

/// Issue 11 (corpus, Dinas Kesehatan): last year's headcount in a hidden column beside this
/// year's was read instead of it, silently.
#[test]
fn a_hidden_column_gives_way_to_the_visible_one_and_is_said() {
    use crate::common::messy::{C, Sh, write_xlsx};
    let s = |t: &str| C::S(t.into());
    let dir = tiny_with(&[]);
    std::fs::remove_file(dir.path().join("infra.csv")).unwrap();
    let mut rows = vec![vec![
        s("Kode OPD"),
        s("Nama OPD"),
        s("Jumlah Pegawai 2024"),
        s("Jumlah Pegawai 2025"),
        s("Laptop Dinas"),
        s("VPN"),
    ]];
    for (k, old, new, laptops) in [
        ("A", 90.0, 100.0, 60.0),
        ("B", 40.0, 50.0, 5.0),
        ("C", 25.0, 20.0, 16.0),
    ] {
        rows.push(vec![
            s(k),
            s(&format!("Dinas {k}")),
            C::N(old),
            C::N(new),
            C::N(laptops),
            s("Ya"),
        ]);
    }
    write_xlsx(
        &dir.path().join("infra.xlsx"),
        vec![Sh {
            name: "Infra".into(),
            rows,
            hidden_cols: vec![2, 5],
            ..Sh::default()
        }],
    );
    let (_o, a) = run(dir.path());
    // The visible 2025 column is read: A has 60 laptops for 100 staff.
    close(f(&indicator(unit(&a, "A"), "laptop")["value"]), 0.6, 1e-9);
    close(f(&indicator(unit(&a, "B"), "laptop")["value"]), 0.1, 1e-9);
    let hidden: Vec<String> = diags_of(&a, "hidden-column")
        .iter()
        .map(|d| {
            format!(
                "{} {}",
                d["column"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(hidden.len(), 2, "{hidden:#?}");
    assert!(
        hidden[0].starts_with("C ") && hidden[0].contains("visible column"),
        "{hidden:?}"
    );
    assert!(
        hidden[1].starts_with("F ") && hidden[1].contains("read as data"),
        "{hidden:?}"
    );
    // The hidden one is the repeat, not the visible one.
    let dup = diags_of(&a, "duplicate-column");
    assert_eq!(dup.len(), 1, "{dup:?}");
    assert_eq!(dup[0]["column"], "C");
}

/// Issue 13: a unit's own form with a few rows that name no known unit (a blank or mistyped
/// unit cell) sent those rows' problems to nobody's feedback: only a file of exactly one unit
/// had an owner. The unit of most of the file's rows owns them now.
#[test]
fn rows_without_a_known_unit_go_to_the_feedback_of_the_unit_the_file_belongs_to() {
    let survei = "ID Responden,Kode OPD,Skill,Bersedia\n\
                  R1,A,4,Ya\nR2,A,4,Ya\nR3,A,5,Ya\nR4,A,3,Ya\nR5,A,4,Ya\n\
                  R6,,4,Ya\nR7,OPD-99,4,Ya\nR8,B,2,Tidak\n";
    let dir = tiny_with(&[("survei.csv", survei)]);
    let out = tempfile::tempdir().unwrap();
    let o = kesiapan()
        .args(["validate", "--keep-going", "--feedback", "--rubric"])
        .arg("tests/fixtures/tiny/tiny.toml")
        .arg("--data")
        .arg(dir.path())
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(o.status.code().is_some(), "{o:?}");
    let d: serde_json::Value =
        serde_json::from_str(&read(&out.path().join("diagnostics.json"))).unwrap();
    let of_row = |row: u64| -> Vec<&serde_json::Value> {
        d["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| {
                x["file"]
                    .as_str()
                    .is_some_and(|f| f.ends_with("survei.csv"))
            })
            .filter(|x| x["row"] == row)
            .collect()
    };
    // The blank and the unknown unit (rows 7 and 8) are A's; B's own row stays B's.
    for row in [7, 8] {
        let ds = of_row(row);
        assert!(!ds.is_empty(), "no diagnostic for row {row}: {d:#}");
        for x in ds {
            assert_eq!(x["unit"], "A", "{x}");
        }
    }
    // Both rows are in A's feedback, with their problems; none in B's.
    let feedback = zip_text(&std::fs::read(out.path().join("feedback/A.xlsx")).unwrap());
    assert!(feedback.contains("OPD-99"), "{feedback}");
    assert!(
        feedback.contains("`kode_opd` wajib diisi tetapi kosong"),
        "{feedback}"
    );
    let b = zip_text(&std::fs::read(out.path().join("feedback/B.xlsx")).unwrap());
    assert!(
        !b.contains("OPD-99") && !b.contains("kode_opd` wajib"),
        "{b}"
    );
}
