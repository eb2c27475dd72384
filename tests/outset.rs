//! The output set: per-unit file names that are unique and safe on Windows, a run that leaves
//! a whole set with its manifest or the previous one, no symbolic link followed, an output
//! folder that overlaps the data refused, and input order that changes nothing.

use crate::common::*;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

const MANIFEST: &str = "kesiapan-manifest.json";
const TINY: &str = "tests/fixtures/tiny/tiny.toml";

/// Every file under `dir`, by `/`-separated relative name (hidden ones included).
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Check that `dir` holds exactly the files its manifest lists, with their SHA-256 and size.
fn assert_complete_set(dir: &Path) -> Value {
    let files = tree(dir);
    let m: Value = serde_json::from_slice(&files[MANIFEST]).unwrap();
    let listed: BTreeMap<String, (String, u64)> = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["name"].as_str().unwrap().to_string(),
                (
                    f["sha256"].as_str().unwrap().to_string(),
                    f["bytes"].as_u64().unwrap(),
                ),
            )
        })
        .collect();
    let present: BTreeMap<String, (String, u64)> = files
        .iter()
        .filter(|(n, _)| n.as_str() != MANIFEST)
        .map(|(n, b)| (n.clone(), (sha(b), b.len() as u64)))
        .collect();
    assert_eq!(listed, present, "the manifest lists every file in {dir:?}");
    m
}

/// A data folder for the tiny rubric whose unit ids collide as file names or are Windows
/// device names.
fn hostile_units() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let row = |id: &str, n: usize| format!("{id};Dinas {n};100;60;20;Ya;90%;Tidak\n");
    let mut infra = String::from(
        "Kode OPD;Nama OPD;Jumlah Pegawai;Laptop Dinas;Bandwidth (Mbps);VPN;SKP (%);Garis Depan\n",
    );
    for (n, id) in ["a/b", "a\\b", "a_b", "CON", "nul", "COM1", "Lpt9"]
        .iter()
        .enumerate()
    {
        infra.push_str(&row(id, n));
    }
    std::fs::write(d.path().join("infra.csv"), infra).unwrap();
    std::fs::write(
        d.path().join("survei.csv"),
        "ID Responden,Kode OPD,Skill,Bersedia\nR1,a/b,4,Ya\n",
    )
    .unwrap();
    d
}

const UNITS: usize = 7;

fn run(args: &[&str]) -> std::process::Output {
    kesiapan().args(args).output().unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn per_unit_names_do_not_collide() {
    let data = hostile_units();
    let out = tempfile::tempdir().unwrap();
    let o = run(&[
        "validate",
        "--rubric",
        TINY,
        "--data",
        s(data.path()),
        "--out",
        s(out.path()),
        "--feedback",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    let feedback = std::fs::read_dir(out.path().join("feedback"))
        .unwrap()
        .count();
    assert_eq!(feedback, UNITS, "one workbook per unit: {err}");
    // What is printed is what was written.
    assert!(
        err.contains(&format!("({UNITS} berkas umpan balik di feedback/)")),
        "{err}"
    );
    assert!(
        err.contains("OPD `a/b` ditulis sebagai feedback/a_b-"),
        "{err}"
    );
    assert_complete_set(out.path());

    let forms = tempfile::tempdir().unwrap();
    let o = run(&[
        "template",
        "--per-unit",
        "--rubric",
        TINY,
        "--data",
        s(data.path()),
        "--out",
        s(forms.path()),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let folders = std::fs::read_dir(forms.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_dir())
        .count();
    assert_eq!(folders, UNITS);
    let m = assert_complete_set(forms.path());
    assert_eq!(m["files"].as_array().unwrap().len(), UNITS * 2);
}

/// Whether a file name is one Windows reserves (`CON`, `nul.xlsx`, `COM1 .txt`, …).
fn reserved_on_windows(name: &str) -> bool {
    let base = name.split('.').next().unwrap().trim_end_matches(' ');
    let up = base.to_ascii_uppercase();
    ["CON", "PRN", "AUX", "NUL"].contains(&up.as_str())
        || ((up.starts_with("COM") || up.starts_with("LPT"))
            && up.len() == 4
            && up.as_bytes()[3].is_ascii_digit()
            && up.as_bytes()[3] != b'0')
}

#[test]
fn windows_reserved_names_are_not_written() {
    let data = hostile_units();
    for cmd in ["validate", "template"] {
        let out = tempfile::tempdir().unwrap();
        let extra = if cmd == "validate" {
            "--feedback"
        } else {
            "--per-unit"
        };
        let o = run(&[
            cmd,
            "--rubric",
            TINY,
            "--data",
            s(data.path()),
            "--out",
            s(out.path()),
            extra,
        ]);
        assert!(
            o.status.code() != Some(2),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let files = tree(out.path());
        assert!(files.len() > UNITS);
        for name in files.keys() {
            for part in name.split('/') {
                assert!(!reserved_on_windows(part), "{cmd}: {name}");
                assert!(
                    !part.ends_with('.') && !part.ends_with(' '),
                    "{cmd}: {name}"
                );
                assert!(
                    !part
                        .chars()
                        .any(|c| "<>:\"\\|?*".contains(c) || c.is_control()),
                    "{cmd}: {name}"
                );
            }
        }
    }
}

fn assess_into(out: &Path, now: &str, format: &str) -> std::process::Output {
    run(&[
        "assess",
        "--rubric",
        TINY,
        "--data",
        "tests/fixtures/tiny",
        "--format",
        format,
        "--now",
        now,
        "--out",
        s(out),
    ])
}

#[test]
fn manifest_lists_every_output() {
    let out = tempfile::tempdir().unwrap();
    assert!(assess_into(out.path(), NOW, "all").status.success());
    let m = assert_complete_set(out.path());
    assert_eq!(m["command"], "assess");
    assert_eq!(m["now"], NOW);
    assert_eq!(m["tool"], "kesiapan");
    assert_eq!(m["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(m["rubric"]["path"], TINY);
    assert_eq!(
        m["rubric"]["sha256"],
        sha(&std::fs::read(root().join(TINY)).unwrap())
    );
    let inputs = m["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 2);
    for i in inputs {
        let p = i["path"].as_str().unwrap();
        assert!(p.starts_with("tests/fixtures/tiny/"), "as given: {p}");
        assert_eq!(i["sha256"], sha(&std::fs::read(root().join(p)).unwrap()));
    }
    assert!(m["files"].as_array().unwrap().len() >= 7);

    // Byte-identical for the same run, and nothing of where it ran.
    let again = tempfile::tempdir().unwrap();
    assert!(assess_into(again.path(), NOW, "all").status.success());
    let (a, b) = (
        std::fs::read(out.path().join(MANIFEST)).unwrap(),
        std::fs::read(again.path().join(MANIFEST)).unwrap(),
    );
    assert_eq!(a, b);
    let text = String::from_utf8(a).unwrap();
    assert!(!text.contains(s(out.path())) && !text.contains(s(&root())));

    // The results of plan, sensitivity and diff too.
    let res = tempfile::tempdir().unwrap();
    let o = run(&[
        "diff",
        s(&out.path().join("assessment.json")),
        s(&again.path().join("assessment.json")),
        "--out",
        s(res.path()),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let m = assert_complete_set(res.path());
    assert_eq!(m["command"], "diff");
    assert_eq!(m["files"].as_array().unwrap().len(), 2);
}

#[test]
fn killed_run_leaves_no_half_set() {
    let out = tempfile::tempdir().unwrap();
    assert!(assess_into(out.path(), NOW, "json").status.success());
    let before = tree(out.path());
    assert_complete_set(out.path());

    // What a run killed with -9 leaves: a staging folder (no live run holds its lock) and a
    // temporary of an older kesiapan.
    let staging = out.path().join(".kesiapan-staging-AbC123");
    std::fs::create_dir_all(staging.join("old")).unwrap();
    std::fs::write(staging.join("lock"), "").unwrap();
    std::fs::write(staging.join("0"), vec![b'x'; 1 << 20]).unwrap();
    let old_tmp = out.path().join(".analisis.xlsx.tmp-4242");
    std::fs::write(&old_tmp, "half").unwrap();
    // Not kesiapan's: left alone.
    std::fs::write(out.path().join(".notes.tmp"), "mine").unwrap();

    // A run that cannot put one file in place (a folder where laporan.html goes) exits 2
    // and leaves the previous set as it was, manifest included.
    std::fs::create_dir(out.path().join("laporan.html")).unwrap();
    let o = assess_into(out.path(), "2026-01-05T08:00:00Z", "all");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("laporan.html"), "{err}");
    let mut after = tree(out.path());
    after.remove(".notes.tmp");
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "no new file, and the leftovers are gone"
    );
    assert_eq!(after, before, "the previous set, byte for byte");
    assert!(!staging.exists() && !old_tmp.exists());
    assert!(out.path().join(".notes.tmp").exists());

    // With the way clear, the new set replaces the old one whole.
    std::fs::remove_dir(out.path().join("laporan.html")).unwrap();
    assert!(
        assess_into(out.path(), "2026-01-05T08:00:00Z", "all")
            .status
            .success()
    );
    let m = assert_complete_set(&{
        std::fs::remove_file(out.path().join(".notes.tmp")).unwrap();
        out.path().to_path_buf()
    });
    assert_eq!(m["now"], "2026-01-05T08:00:00Z");
    let names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
}

#[cfg(unix)]
#[test]
fn symlink_at_destination_is_not_followed() {
    let out = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("passwd");
    std::fs::write(&victim, "root:x:0:0\n").unwrap();
    std::os::unix::fs::symlink(&victim, out.path().join("ringkasan.md")).unwrap();
    let o = assess_into(out.path(), NOW, "all");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("symbolic link"), "{err}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "root:x:0:0\n");
    assert!(
        std::fs::symlink_metadata(out.path().join("ringkasan.md"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(!out.path().join(MANIFEST).exists());
    assert!(
        !out.path().join("assessment.json").exists(),
        "nothing written"
    );

    // A linked folder of outputs is not written through either.
    let out = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), out.path().join("feedback")).unwrap();
    let o = run(&[
        "validate",
        "--rubric",
        TINY,
        "--data",
        "tests/fixtures/tiny",
        "--out",
        s(out.path()),
        "--feedback",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 1);
}

#[test]
fn input_inside_out_is_refused() {
    let out = tempfile::tempdir().unwrap();
    for f in ["infra.csv", "survei.csv"] {
        std::fs::copy(
            root().join("tests/fixtures/tiny").join(f),
            out.path().join(f),
        )
        .unwrap();
    }
    let infra = format!("infra={}", s(&out.path().join("infra.csv")));
    let survey = format!("survei={}", s(&out.path().join("survei.csv")));
    for (lang, words) in [("id", "berkas masukan"), ("en", "the input file")] {
        let o = run(&[
            "assess",
            "--rubric",
            TINY,
            "--input",
            &infra,
            "--input",
            &survey,
            "--out",
            s(out.path()),
            "--lang",
            lang,
        ]);
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(words) && err.contains("infra.csv"), "{err}");
    }
    assert_eq!(
        std::fs::read_dir(out.path()).unwrap().count(),
        2,
        "nothing written"
    );
}

#[test]
fn out_equal_to_data_is_refused() {
    let base = tempfile::tempdir().unwrap();
    let data = base.path().join("data");
    std::fs::create_dir(&data).unwrap();
    for f in ["infra.csv", "survei.csv"] {
        std::fs::copy(root().join("tests/fixtures/tiny").join(f), data.join(f)).unwrap();
    }
    let d = s(&data);
    let inside = data.join("hasil");
    let dot = format!("{d}/./");
    let cases: [(&str, &str, &str, &str); 3] = [
        ("assess", d, "id", "sama dengan folder data"),
        ("assess", &dot, "en", "is the data folder"),
        (
            "assess",
            s(base.path()),
            "id",
            "ada di dalam folder keluaran",
        ),
    ];
    for (cmd, out, lang, words) in cases {
        let o = run(&[
            cmd, "--rubric", TINY, "--data", d, "--out", out, "--lang", lang,
        ]);
        assert_eq!(o.status.code(), Some(2), "{cmd} --out {out}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(words), "{cmd} --out {out}: {err}");
    }
    assert_eq!(
        std::fs::read_dir(&data).unwrap().count(),
        2,
        "nothing written"
    );
    assert_eq!(std::fs::read_dir(base.path()).unwrap().count(), 1);

    // `--out` inside the data folder is allowed: the data folder is read without its subfolders,
    // so a second run reads the same data, not its own outputs.
    let runs: Vec<String> = (0..2)
        .map(|_| {
            let o = run(&[
                "assess",
                "--rubric",
                TINY,
                "--data",
                d,
                "--out",
                s(&inside),
                "--format",
                "all",
                "--now",
                "2025-12-23T09:00:00Z",
            ]);
            assert_eq!(
                o.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&o.stderr)
            );
            String::from_utf8_lossy(&o.stderr).to_string()
        })
        .collect();
    assert_eq!(runs[0], runs[1], "the second run read its own outputs");
}

#[test]
fn input_order_does_not_change_outputs() {
    let inputs = [
        "infrastruktur=sample-data/infrastruktur_opd.xlsx",
        "jabatan=sample-data/jabatan_opd.xlsx",
        "survei=sample-data/survei_pegawai_bagian1.xlsx",
        "survei=sample-data/survei_pegawai_bagian2.xlsx",
    ];
    let go = |cmd: &str, order: &[&str]| {
        let out = tempfile::tempdir().unwrap();
        let mut args = vec![cmd, "--out", s(out.path())];
        if cmd == "assess" {
            args.extend(["--now", NOW]);
        } else {
            args.push("--feedback");
        }
        for i in order {
            args.extend(["--input", i]);
        }
        let o = run(&args);
        assert!(
            o.status.code() != Some(2),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let files = tree(out.path());
        (out, files)
    };
    let mut reversed = inputs;
    reversed.reverse();
    for cmd in ["assess", "validate"] {
        let (_a, a) = go(cmd, &inputs);
        let (_b, b) = go(cmd, &reversed);
        assert!(a.len() > 4);
        assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
        for (name, bytes) in &a {
            assert!(
                bytes == &b[name],
                "{cmd}: {name} differs with the inputs reversed"
            );
        }
    }
}

/// The attack pass: `assess --rubric oo/ringkasan.md --out oo` replaced the rubric with the
/// summary, and `validate --json data/infra.csv` replaced a data file with JSON.
#[test]
fn rubric_inside_out_and_json_onto_an_input_are_refused() {
    let base = tempfile::tempdir().unwrap();
    let data = base.path().join("data");
    let out = base.path().join("out");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::create_dir_all(&out).unwrap();
    for f in ["infra.csv", "survei.csv"] {
        std::fs::copy(root().join("tests/fixtures/tiny").join(f), data.join(f)).unwrap();
    }
    let rubric = out.join("ringkasan.md");
    std::fs::copy(root().join(TINY), &rubric).unwrap();
    let before = std::fs::read(&rubric).unwrap();
    let o = run(&[
        "assess",
        "--rubric",
        s(&rubric),
        "--data",
        s(&data),
        "--out",
        s(&out),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("ada di dalam folder keluaran"));
    assert_eq!(
        std::fs::read(&rubric).unwrap(),
        before,
        "the rubric was overwritten"
    );

    let csv = data.join("infra.csv");
    let before = std::fs::read(&csv).unwrap();
    for (json, lang, words) in [
        (csv.clone(), "id", "berkas masukan"),
        (root().join(TINY), "en", "is an input file"),
        (
            data.join("diagnostics.json"),
            "en",
            "inside the data folder",
        ),
    ] {
        let o = run(&[
            "validate",
            "--rubric",
            TINY,
            "--data",
            s(&data),
            "--json",
            s(&json),
            "--lang",
            lang,
        ]);
        assert_eq!(o.status.code(), Some(2), "{}", json.display());
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(words), "{err}");
    }
    assert_eq!(
        std::fs::read(&csv).unwrap(),
        before,
        "a data file was overwritten"
    );
    assert!(!data.join("diagnostics.json").exists());
}
