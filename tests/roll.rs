//! The master list of units (`[units] master`, `--units FILE`): every expected unit is known,
//! a unit whose unit-list row was rejected keeps its other rows, a unit that sent nothing is
//! named, a unit outside the master list is warned about. Real binary, real files.

use crate::common::{diags_of, kesiapan, root};
use serde_json::Value;
use std::path::Path;

/// The tiny rubric with a master list, and a folder: A fine; B's unit-list row lacks its
/// required headcount (rejected) but B sends survey rows; C is not in the master list; D is in
/// the master list and sends nothing.
fn folder(dir: &Path) {
    let tiny = std::fs::read_to_string(root().join("tests/fixtures/tiny/tiny.toml")).unwrap();
    let rubric = tiny.replace(
        "name = \"nama_opd\"\n",
        "name = \"nama_opd\"\nmaster = { files = [\"daftar*\"] }\n",
    );
    std::fs::write(dir.join("r.toml"), rubric).unwrap();
    std::fs::create_dir(dir.join("data")).unwrap();
    std::fs::write(
        dir.join("data/infra.csv"),
        "Kode OPD;Nama OPD;Jumlah Pegawai;Laptop Dinas;Bandwidth (Mbps);VPN;SKP (%);Garis Depan\n\
         A;Dinas A;100;60;20;Ya;90%;Tidak\n\
         B;Dinas B;;5;2,5;Tidak;40%;Tidak\n\
         C;Dinas C;20;16;;ya ;0,8;Ya\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("data/survei.csv"),
        "ID Responden,Kode OPD,Skill,Bersedia\nR1,A,4,Ya\nR2,A,4,Ya\nR3,A,5,Ya\nR4,B,3,Ya\nR5,B,2,Tidak\nR6,C,4,Ya\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("data/daftar-opd.csv"),
        "Kode OPD;Nama OPD;Jenis OPD\nA;Dinas A;dinas\nB;Dinas B;dinas\nD;Dinas D;biro\n",
    )
    .unwrap();
}

fn validate(dir: &Path, extra: &[&str]) -> (String, Value) {
    let json = dir.join("diag.json");
    let o = kesiapan()
        .arg("validate")
        .arg("--rubric")
        .arg(dir.join("r.toml"))
        .arg("--data")
        .arg(dir.join("data"))
        .arg("--json")
        .arg(&json)
        .args(["--lang", "en"])
        .args(extra)
        .output()
        .unwrap();
    let stdout = String::from_utf8(o.stdout).unwrap();
    let v = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    (stdout, v)
}

/// Issue 11: a unit whose unit-list row was rejected vanished, its other rows became
/// `unknown-unit`; a unit that sent nothing was never named.
#[test]
fn a_rejected_or_silent_unit_of_the_master_list_is_named_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path());
    let (stdout, v) = validate(dir.path(), &[]);
    // B's survey rows attach to B: no unknown-unit and no "unit row rejected" flood.
    assert!(diags_of(&v, "unknown-unit").is_empty(), "{stdout}");
    assert!(diags_of(&v, "missing-value").iter().any(|d| d["row"] == 3));
    // The master list is not a dataset's file.
    assert!(
        v["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| !i["path"].as_str().unwrap().contains("daftar")),
        "{v}"
    );
    assert!(
        stdout.contains(
            "Not assessed (in the master list, no usable row in the unit list): 2 unit(s): B, D"
        ),
        "{stdout}"
    );
    // C is assessed but warned about, at its unit-list row.
    let c = diags_of(&v, "unlisted-unit");
    assert_eq!(c.len(), 1, "{v}");
    assert_eq!(
        (&c[0]["unit"], &c[0]["row"]),
        (&Value::from("C"), &Value::from(4))
    );
    assert!(stdout.contains("Units: 2"), "{stdout}");
}

/// The completeness table has a line for every expected unit, including one that sent nothing.
#[test]
fn the_completeness_table_lists_the_unit_that_sent_nothing() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path());
    let out = dir.path().join("out");
    kesiapan()
        .arg("validate")
        .arg("--rubric")
        .arg(dir.path().join("r.toml"))
        .arg("--data")
        .arg(dir.path().join("data"))
        .arg("--out")
        .arg(&out)
        .args(["--lang", "en"])
        .assert()
        .code(1);
    let csv = std::fs::read_to_string(out.join("completeness.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    let of = |u: &str| {
        lines
            .iter()
            .find(|l| l.starts_with(&format!("{u},")))
            .copied()
    };
    // in_unit_list, status, not_sent: D sent nothing at all.
    assert!(
        of("D")
            .expect("D has a line")
            .contains(",false,sent-nothing,infra;survei,"),
        "{csv}"
    );
    // B: its two survey rows are used though its unit-list row was rejected.
    let b = of("B").expect("B has a line");
    assert!(b.contains(",0,1,2,0,"), "{b}");
    assert!(b.contains(",false,not-assessed,infra,"), "{b}");
    assert!(b.contains("infra rejected ("), "{b}");
    assert!(of("A").unwrap().ends_with(",true,complete,,"), "{csv}");
}

/// `--units FILE` gives the master list (here one without D), overriding the rubric's.
#[test]
fn units_flag_overrides_the_rubric_master_list() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path());
    let other = dir.path().join("opd.csv");
    std::fs::write(&other, "kode,nama\nA,Dinas A\nB,Dinas B\nC,Dinas C\n").unwrap();
    let (stdout, v) = validate(dir.path(), &["--units", other.to_str().unwrap()]);
    assert!(diags_of(&v, "unlisted-unit").is_empty(), "{v}");
    assert!(
        stdout.contains("no usable row in the unit list): 1 unit(s): B"),
        "{stdout}"
    );
    // The folder's daftar-opd.csv still matches `[units] master`: never read as a dataset.
    assert!(!stdout.contains("daftar-opd.csv"), "{stdout}");
}

/// A master list that repeats a code is an error at the repeat; a master list without a code
/// column is an error naming the file.
#[test]
fn a_bad_master_list_is_reported_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path());
    std::fs::write(
        dir.path().join("data/daftar-opd.csv"),
        "Kode OPD;Nama OPD\nA;Dinas A\nB;Dinas B\na;Dinas A lagi\n;Tanpa kode\n",
    )
    .unwrap();
    let (_, v) = validate(dir.path(), &[]);
    let dup = diags_of(&v, "duplicate-master-code");
    assert_eq!(dup.len(), 1, "{v}");
    assert_eq!(
        (&dup[0]["row"], &dup[0]["severity"]),
        (&Value::from(4), &Value::from("error"))
    );
    assert_eq!(diags_of(&v, "master-row")[0]["row"], 5);
    let other = dir.path().join("x.csv");
    std::fs::write(&other, "a,b\n1,2\n").unwrap();
    let (_, v) = validate(dir.path(), &["--units", other.to_str().unwrap()]);
    assert_eq!(diags_of(&v, "bad-master-list").len(), 1, "{v}");
}

/// Issue 11: "OPD-22 … did you mean OPD-02?" when OPD-22's unit-list row was rejected. With a
/// master list, a value that is exactly a listed code is that unit: its rows attach to it and
/// no other unit is proposed.
#[test]
fn opd_22_is_not_taken_for_opd_02_when_its_unit_row_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path());
    let data = dir.path().join("data");
    std::fs::write(
        data.join("infra.csv"),
        "Kode OPD;Nama OPD;Jumlah Pegawai;Laptop Dinas;Bandwidth (Mbps);VPN;SKP (%);Garis Depan\n\
         OPD-02;Dinas Kesehatan;100;60;20;Ya;90%;Tidak\n\
         OPD-22;Dinas Energi;;5;2,5;Tidak;40%;Tidak\n",
    )
    .unwrap();
    std::fs::write(
        data.join("survei.csv"),
        "ID Responden,Kode OPD,Skill,Bersedia\nR1,OPD-02,4,Ya\nR2,OPD-22,3,Ya\nR3,OPD-22,2,Tidak\n",
    )
    .unwrap();
    std::fs::write(
        data.join("daftar-opd.csv"),
        "Kode OPD;Nama OPD\nOPD-02;Dinas Kesehatan\nOPD-22;Dinas Energi\n",
    )
    .unwrap();
    let (stdout, v) = validate(dir.path(), &[]);
    assert!(!stdout.contains("did you mean"), "{stdout}");
    assert!(diags_of(&v, "unknown-unit").is_empty(), "{stdout}");
    // Its survey rows are used, attributed to OPD-22.
    let survei = v["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["dataset"] == "survei")
        .unwrap();
    assert_eq!(survei["rows_used"], 3, "{v}");
    assert!(
        stdout.contains("no usable row in the unit list): 1 unit(s): OPD-22"),
        "{stdout}"
    );
}
