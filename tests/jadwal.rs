//! `kesiapan jadwal` on the sample data: the plan's counts against the assessment's allowed
//! and minimum, the workbook read back, holidays skipped and named, one workbook per unit,
//! byte-identical reruns, the roster's proposal kept out of every province-level output, and a
//! filled log read back with exactly its six headers.

use crate::common::*;
use calamine::{Data, Reader};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The sample data's assessment.json, made once for the module.
fn sample_assessment() -> &'static Path {
    static A: OnceLock<PathBuf> = OnceLock::new();
    A.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        kesiapan()
            .args([
                "assess",
                "--format",
                "json",
                "--robustness-runs",
                "0",
                "--plan-units",
                "0",
                "--now",
                NOW,
                "--out",
            ])
            .arg(&dir)
            .assert()
            .success();
        dir.join("assessment.json")
    })
}

/// Run `jadwal` on the sample assessment with `extra`; returns (out folder, stdout, stderr).
fn jadwal(extra: &[&str]) -> (tempfile::TempDir, String, String) {
    let out = tempfile::tempdir().unwrap();
    let o = kesiapan()
        .arg("jadwal")
        .arg("--assessment")
        .arg(sample_assessment())
        .args(["--now", NOW, "--out"])
        .arg(out.path())
        .args(extra)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{extra:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    (
        out,
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

fn json_of(p: &Path) -> Value {
    serde_json::from_str(&read(p)).unwrap()
}

fn sheet(path: &Path, name: &str) -> calamine::Range<Data> {
    let mut wb = calamine::open_workbook_auto(path).unwrap();
    wb.worksheet_range(name)
        .unwrap_or_else(|e| panic!("{name} in {}: {e}", path.display()))
}

fn cell_str(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(x) => x.to_string(),
        Data::Int(x) => x.to_string(),
        Data::DateTime(t) => t.as_f64().to_string(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn num(d: &Data) -> f64 {
    match d {
        Data::Float(x) => *x,
        Data::Int(x) => *x as f64,
        Data::DateTime(t) => t.as_f64(),
        other => panic!("not a number: {other:?}"),
    }
}

/// The most away on each day of a one-week window of `d` days, by the rule (PermenPANRB
/// 4/2025 Pasal 13): T = min(allowed × d, eligible × min(cap, d)), spread evenly, the earlier
/// days taking the remainder.
fn by_rule(allowed: i64, eligible: i64, cap: i64, d: i64) -> Vec<i64> {
    let t = (allowed * d).min(eligible * cap.min(d));
    (0..d).map(|k| t / d + i64::from(k < t % d)).collect()
}

#[test]
fn jadwal_counts_match_the_assessment_and_the_workbook_reads_back() {
    let (out, stdout, _) = jadwal(&["--period", "2025-12-29..2025-12-31"]);
    let a = json_of(sample_assessment());
    let j = json_of(&out.path().join("jadwal.json"));
    assert_eq!(j["schema_version"], "1.0");
    let dates: Vec<&str> = j["period"]["working"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2025-12-29", "2025-12-30", "2025-12-31"]);
    assert_eq!(j["period"]["days_off"].as_array().unwrap().len(), 0);
    let units = a["units"].as_array().unwrap();
    assert_eq!(j["units"].as_array().unwrap().len(), units.len());
    let mut rota = 0;
    for (au, ju) in units.iter().zip(j["units"].as_array().unwrap()) {
        assert_eq!(au["id"], ju["id"]);
        let w = &au["wfa"];
        if ju["status"] == "hidden" {
            assert!(w["staff_allowed_at_once"].is_null());
            continue;
        }
        let allowed = w["staff_allowed_at_once"].as_i64().unwrap();
        let staff = w["staff_total"].as_i64().unwrap();
        let min = w["min_on_site"].as_i64().unwrap();
        let cap = w["max_days_per_week"].as_i64().unwrap();
        assert_eq!(cap, 2, "the rubric's max-days-per-week");
        let away: Vec<i64> = ju["days"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["away"].as_i64().unwrap())
            .collect();
        if allowed == 0 {
            assert_eq!(ju["status"], "open", "{}", au["id"]);
            assert!(!ju["reasons"].as_array().unwrap().is_empty());
            assert_eq!(away, [0, 0, 0]);
            continue;
        }
        rota += 1;
        let eligible = w["staff_eligible"].as_i64().unwrap();
        assert_eq!(away, by_rule(allowed, eligible, cap, 3), "{}", au["id"]);
        for d in ju["days"].as_array().unwrap() {
            let (x, on) = (d["away"].as_i64().unwrap(), d["on_site"].as_i64().unwrap());
            assert!(
                x <= allowed && on == staff - x && on >= min,
                "{}: {d}",
                au["id"]
            );
            let per_group: i64 = d["groups_away"]
                .as_array()
                .unwrap()
                .iter()
                .map(|g| g.as_i64().unwrap())
                .sum();
            assert_eq!(per_group, x);
        }
        // A front-line unit is named as such.
        let front = au["gates_failed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["id"] == "layanan_garis_depan" && g["missing_data"] == false);
        assert_eq!(ju["front_line"], front);
    }
    assert!(rota > 0, "the sample has units with a rota");
    // Province totals per day are the sums of the units'.
    for (i, p) in j["province"]["days"].as_array().unwrap().iter().enumerate() {
        let sum: i64 = j["units"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|u| u["status"] != "hidden")
            .map(|u| u["days"][i]["away"].as_i64().unwrap())
            .sum();
        assert_eq!(p["away"].as_i64().unwrap(), sum);
    }

    // The workbook: the summary in Indonesian, each unit's grid as jadwal.json says.
    let book = out.path().join("jadwal-wfa.xlsx");
    let summary = sheet(&book, "Ringkasan");
    let text: Vec<String> = summary
        .rows()
        .flat_map(|r| r.iter().map(cell_str))
        .collect();
    assert!(text.iter().any(|t| t.starts_with("Jadwal WFA")), "{text:?}");
    assert!(
        text.iter()
            .any(|t| t.contains("Senin, 29 Desember 2025 s.d. Rabu, 31 Desember 2025"))
    );
    assert!(text.iter().any(|t| t == "Tetap buka penuh"));
    let first = j["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["status"] == "rota")
        .unwrap();
    let grid = sheet(&book, first["id"].as_str().unwrap());
    let head = grid
        .rows()
        .position(|r| cell_str(&r[0]) == "Tanggal")
        .unwrap();
    let rows: Vec<&[Data]> = grid.rows().skip(head + 1).take(3).collect();
    for (r, d) in rows.iter().zip(first["days"].as_array().unwrap()) {
        assert_eq!(num(&r[3]) as i64, d["away"].as_i64().unwrap());
        assert_eq!(num(&r[4]) as i64, d["on_site"].as_i64().unwrap());
    }
    // 29 Dec 2025 as an Excel date.
    assert_eq!(num(&rows[0][0]), 46_020.0);
    // The log sheet is there, with its six headers and nothing else.
    let log = sheet(&book, "Daftar pegawai");
    let header: Vec<String> = log.rows().next().unwrap().iter().map(cell_str).collect();
    assert_eq!(
        header,
        [
            "Kode OPD",
            "NIP",
            "Nama Pegawai",
            "Jenis Jabatan",
            "Tanggal",
            "Lokasi Kerja"
        ]
    );
    assert_eq!(log.rows().count(), 1, "the province's log is empty");
    // The terminal summary, in Indonesian.
    assert!(stdout.contains("Jadwal WFA"), "{stdout}");
    assert!(stdout.contains("Tetap buka penuh"), "{stdout}");
    assert!(stdout.contains("Pegawai WFA"), "{stdout}");
}

#[test]
fn jadwal_skips_and_names_holidays_and_weekends() {
    let (out, stdout, _) = jadwal(&["--period", "2025-12-24..2025-12-31", "--lang", "en"]);
    let j = json_of(&out.path().join("jadwal.json"));
    let working: Vec<&str> = j["period"]["working"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        working,
        ["2025-12-24", "2025-12-29", "2025-12-30", "2025-12-31"]
    );
    let off: Vec<(&str, &str, &str)> = j["period"]["days_off"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["date"].as_str().unwrap(),
                o["kind"].as_str().unwrap(),
                o["name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        off,
        [
            ("2025-12-25", "libur", "Hari Raya Natal"),
            ("2025-12-26", "cuti-bersama", "Cuti bersama Hari Raya Natal"),
            // Weekend days by name in the assessment's language.
            ("2025-12-27", "weekend", "Sabtu"),
            ("2025-12-28", "weekend", "Minggu"),
        ]
    );
    // 24 Dec is alone in its ISO week (2025-W52): nobody is away more than one day there, so
    // the day's count is at most the eligible staff; 29–31 Dec are 2026-W01.
    assert_eq!(j["period"]["working"][0]["iso_week"], "2025-W52");
    assert_eq!(j["period"]["working"][1]["iso_week"], "2026-W01");
    for u in j["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["status"] == "rota")
    {
        let (allowed, eligible) = (
            u["allowed_at_once"].as_i64().unwrap(),
            u["staff_eligible"].as_i64().unwrap(),
        );
        assert_eq!(
            u["days"][0]["away"].as_i64().unwrap(),
            by_rule(allowed, eligible, 2, 1)[0]
        );
        let rest: Vec<i64> = (1..4)
            .map(|i| u["days"][i]["away"].as_i64().unwrap())
            .collect();
        assert_eq!(rest, by_rule(allowed, eligible, 2, 3));
    }
    // Named in the terminal (English here) and in the workbook's summary.
    assert!(
        stdout.contains(
            "Not planned: Thursday 25 December 2025 — Hari Raya Natal (national holiday)"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("Cuti bersama Hari Raya Natal (joint leave)"),
        "{stdout}"
    );
    assert!(stdout.contains("WFA plan"), "{stdout}");
    let summary = sheet(&out.path().join("jadwal-wfa.xlsx"), "Ringkasan");
    let text: Vec<String> = summary
        .rows()
        .flat_map(|r| r.iter().map(cell_str))
        .collect();
    assert!(
        text.iter()
            .any(|t| t == "Kamis, 25 Desember 2025: Hari Raya Natal (libur nasional)"),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|t| t == "Sabtu, 27 Desember 2025: akhir pekan"),
        "{text:?}"
    );
}

#[test]
fn jadwal_takes_another_calendar_and_warns_about_a_year_it_does_not_cover() {
    let dir = tempfile::tempdir().unwrap();
    let cal = dir.path().join("libur.toml");
    std::fs::write(
        &cal,
        "version = 1\ntitle = \"Kalender uji\"\nyears = [2025, 2026]\n[[day]]\ndate = 2025-12-30\nname = \"Hari uji\"\nkind = \"cuti-bersama\"\n",
    )
    .unwrap();
    let (out, _, _) = jadwal(&[
        "--period-list",
        "2025-12-29,2025-12-30,2025-12-31",
        "--calendar",
        cal.to_str().unwrap(),
    ]);
    let j = json_of(&out.path().join("jadwal.json"));
    assert_eq!(j["period"]["days_off"][0]["name"], "Hari uji");
    assert_eq!(j["period"]["working"].as_array().unwrap().len(), 2);
    assert_eq!(j["calendar"]["title"], "Kalender uji");
    let (_, stdout, _) = jadwal(&["--period", "2027-01-04..2027-01-05"]);
    assert!(stdout.contains("PERHATIAN: kalender"), "{stdout}");
    // A broken calendar is refused at its place, nothing written.
    std::fs::write(&cal, "version = 1\ntitle = \"t\"\nyears = [2025]\n[[day]]\ndate = 2025-12-30\nname = \"x\"\nkind = \"libur nasional\"\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = kesiapan()
        .args(["jadwal", "--period", "2025-12-29..2025-12-31", "--calendar"])
        .arg(&cal)
        .arg("--assessment")
        .arg(sample_assessment())
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("libur.toml:7:8: kind `libur nasional`"),
        "{err}"
    );
    assert!(std::fs::read_dir(out.path()).unwrap().next().is_none());
}

/// Every file of an output folder, by relative name.
fn files_of(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.push((
                    p.strip_prefix(base).unwrap().display().to_string(),
                    std::fs::read(&p).unwrap(),
                ));
            }
        }
    }
    let mut v = Vec::new();
    walk(dir, dir, &mut v);
    v.sort();
    v
}

#[test]
fn jadwal_per_unit_writes_one_workbook_per_unit_and_reruns_are_byte_identical() {
    let args = ["--period", "2025-12-29..2025-12-31", "--per-unit"];
    let (a, _, _) = jadwal(&args);
    let (b, _, _) = jadwal(&args);
    let (fa, fb) = (files_of(a.path()), files_of(b.path()));
    assert_eq!(
        fa.iter().map(|f| &f.0).collect::<Vec<_>>(),
        fb.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for (x, y) in fa.iter().zip(&fb) {
        assert!(x.1 == y.1, "{} differs between two runs", x.0);
    }
    let j = json_of(&a.path().join("jadwal.json"));
    let units = j["units"].as_array().unwrap();
    let per_unit: Vec<&String> = fa
        .iter()
        .map(|f| &f.0)
        .filter(|n| n.starts_with("opd/"))
        .collect();
    assert_eq!(per_unit.len(), units.len());
    // A unit's own workbook has only its plan: its sheet, its log, its check rows.
    let u = units.iter().find(|u| u["status"] == "rota").unwrap();
    let id = u["id"].as_str().unwrap();
    let book = a.path().join(format!("opd/jadwal-wfa_{id}.xlsx"));
    let check = sheet(&book, "Cek harian");
    let ids: Vec<String> = check.rows().skip(1).map(|r| cell_str(&r[0])).collect();
    assert_eq!(ids, [id, id, id]);
    let summary = sheet(&book, "Ringkasan");
    assert!(cell_str(&summary.rows().next().unwrap()[0]).starts_with(id));
}

/// Two units' staff, with someone under sanction, someone newly placed, someone in a job that
/// is not eligible; NIPs and names that appear nowhere else.
fn roster(j: &Value, dir: &Path) -> (PathBuf, Vec<(String, String, String)>) {
    let units: Vec<&Value> = j["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["status"] == "rota" && !u["eligible_jobs"].as_array().unwrap().is_empty())
        .take(2)
        .collect();
    assert_eq!(units.len(), 2);
    let mut csv =
        String::from("Kode OPD,NIP,Nama Pegawai,Jenis Jabatan,Hukuman Disiplin,Baru Ditempatkan\n");
    let mut people = Vec::new();
    for (k, u) in units.iter().enumerate() {
        let job = u["eligible_jobs"][0].as_str().unwrap();
        for i in 0..12 {
            // The NIP's form: birth date, appointment month, sex, a sequence from 001.
            let nip = format!("1987{:02}{:02}2015{:02}1{:03}", k + 1, i + 1, k + 3, i + 1);
            let name = format!("Pegawai Uji{}x{} Bocor", k, i);
            let (job, sanction, new) = match i {
                0 => (job, "Ya", "Tidak"),
                1 => (job, "Tidak", "Ya"),
                2 => ("Jabatan Tanpa WFA", "Tidak", "Tidak"),
                _ => (job, "Tidak", "Tidak"),
            };
            csv.push_str(&format!(
                "{},{nip},{name},{job},{sanction},{new}\n",
                u["id"].as_str().unwrap()
            ));
            people.push((u["id"].as_str().unwrap().to_string(), nip, name));
        }
    }
    let path = dir.join("roster.csv");
    std::fs::write(&path, csv).unwrap();
    (path, people)
}

#[test]
fn jadwal_roster_stays_in_the_units_workbooks_and_the_log_reads_back() {
    let period = ["--period", "2025-12-29..2025-12-31", "--per-unit"];
    let (plain, _, _) = jadwal(&period);
    let j = json_of(&plain.path().join("jadwal.json"));
    let dir = tempfile::tempdir().unwrap();
    let (path, people) = roster(&j, dir.path());
    let mut args = period.to_vec();
    args.extend(["--roster", path.to_str().unwrap()]);
    let (out, stdout, stderr) = jadwal(&args);

    // The leak test: no NIP and no name in any province-level output or on the terminal.
    let mut province_text = stdout.clone() + &stderr;
    for name in ["jadwal.json", "kesiapan-manifest.json"] {
        province_text.push_str(&read(&out.path().join(name)));
    }
    province_text.push_str(&zip_text(
        &std::fs::read(out.path().join("jadwal-wfa.xlsx")).unwrap(),
    ));
    for (_, nip, name) in &people {
        assert!(!province_text.contains(nip.as_str()), "NIP leaked");
        assert!(!province_text.contains(name.as_str()), "name leaked");
    }
    assert!(!province_text.contains("Bocor"));
    // The province files are the same bytes as without the roster: nothing of it reaches them.
    for name in ["jadwal.json", "jadwal-wfa.xlsx"] {
        assert!(
            std::fs::read(out.path().join(name)).unwrap()
                == std::fs::read(plain.path().join(name)).unwrap(),
            "{name} changed with the roster"
        );
    }
    // Another unit's workbook has no one of them either.
    let other = j["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .find(|id| !people.iter().any(|p| p.0 == *id))
        .unwrap();
    let other_text =
        zip_text(&std::fs::read(out.path().join(format!("opd/jadwal-wfa_{other}.xlsx"))).unwrap());
    assert!(!other_text.contains("Bocor"));

    // The unit's own workbook: the proposal as the log, read back with exactly its headers.
    let unit = &people[0].0;
    let u = j["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == unit.as_str())
        .unwrap();
    let book = out.path().join(format!("opd/jadwal-wfa_{unit}.xlsx"));
    let log = sheet(&book, "Daftar pegawai");
    let mut rows = log.rows();
    let header: Vec<String> = rows.next().unwrap().iter().map(cell_str).collect();
    assert_eq!(
        header,
        [
            "Kode OPD",
            "NIP",
            "Nama Pegawai",
            "Jenis Jabatan",
            "Tanggal",
            "Lokasi Kerja"
        ]
    );
    let body: Vec<Vec<String>> = rows.map(|r| r.iter().map(cell_str).collect()).collect();
    assert_eq!(body.len(), 12 * 3, "one row per person per date");
    let allowed = u["allowed_at_once"].as_i64().unwrap() as usize;
    let dates = ["46020", "46021", "46022"];
    for d in dates {
        let away = body.iter().filter(|r| r[4] == d && r[5] == "WFA").count();
        let planned =
            u["days"].as_array().unwrap()[dates.iter().position(|x| *x == d).unwrap()]["away"]
                .as_i64()
                .unwrap() as usize;
        assert!(
            away <= allowed && away <= planned,
            "{d}: {away} away, {planned} planned, {allowed} at once"
        );
    }
    for (_, nip, _) in people.iter().filter(|p| &p.0 == unit) {
        let mine: Vec<&Vec<String>> = body.iter().filter(|r| &r[1] == nip).collect();
        assert_eq!(mine.len(), 3);
        assert!(mine.iter().all(|r| r[5] == "WFA" || r[5] == "Kantor"));
        let wfa = mine.iter().filter(|r| r[5] == "WFA").count();
        assert!(wfa <= 2, "the weekly cap");
    }
    // Sanctioned, newly placed, and the ineligible job: never away; the others share the days.
    for (i, (_, nip, _)) in people.iter().enumerate().take(3) {
        assert!(
            body.iter()
                .filter(|r| &r[1] == nip)
                .all(|r| r[5] == "Kantor"),
            "person {i} away"
        );
    }
    let total_away = body.iter().filter(|r| r[5] == "WFA").count();
    let eligible = 9usize.min(u["staff_eligible"].as_i64().unwrap() as usize);
    assert_eq!(
        total_away,
        (allowed * 3)
            .min(eligible * 2)
            .min(u["person_days_away"].as_i64().unwrap() as usize)
    );
    // The exclusions said by count only, in the unit's own summary.
    let summary = sheet(&book, "Ringkasan");
    let text: Vec<String> = summary
        .rows()
        .flat_map(|r| r.iter().map(cell_str))
        .collect();
    assert!(text.iter().any(|t| t.starts_with("12 pegawai dalam daftar; tidak WFA: 1 sedang menjalani hukuman disiplin, 1 baru ditempatkan, 0 tanpa keterangan hukuman/penempatan, 1 pada jabatan yang tidak layak WFA")), "{text:?}");
    // The check sheet's cached counts are the log's.
    let check = sheet(&book, "Cek harian");
    for (r, d) in check.rows().skip(1).zip(dates) {
        let away = body.iter().filter(|x| x[4] == d && x[5] == "WFA").count();
        assert_eq!(num(&r[5]) as usize, away);
        assert_eq!(cell_str(&r[9]), "Sesuai");
    }
}

#[test]
fn jadwal_refuses_a_roster_naming_an_unknown_unit_without_quoting_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.csv");
    std::fs::write(&path, "Kode OPD,NIP,Nama Pegawai,Jenis Jabatan,Hukuman Disiplin,Baru Ditempatkan\nOPD-99,198501012010011001,Rahasia Sekali,Analis,Tidak,Tidak\nOPD-99,198501012010011001,Rahasia Dua,Analis,Tidak,Tidak\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = kesiapan()
        .args(["jadwal", "--period", "2025-12-29", "--per-unit", "--roster"])
        .arg(&path)
        .arg("--assessment")
        .arg(sample_assessment())
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("row 2: Kode OPD `OPD-99` is not a unit of the assessment"),
        "{err}"
    );
    assert!(
        !err.contains("198501012010011001") && !err.contains("Rahasia"),
        "{err}"
    );
    // --roster without --per-unit: a usage error.
    kesiapan()
        .args(["jadwal", "--period", "2025-12-29", "--roster", "x.csv"])
        .assert()
        .code(2);
}

#[test]
fn jadwal_help_snapshot() {
    let o = kesiapan().args(["jadwal", "--help"]).output().unwrap();
    snapshot("help-jadwal.txt", &String::from_utf8(o.stdout).unwrap());
}

/// The calendar format the README shows is one the calendar reader takes.
#[test]
fn jadwal_readme_calendar_example_parses() {
    let md = read(&root().join("README.md"));
    let block = md
        .split("```toml\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .find(|b| b.contains("[[day]]") && b.contains("cuti-bersama"))
        .expect("the README shows the calendar format");
    let cal = kesiapan::jadwal::calendar::Calendar::parse(block, "README.md").unwrap();
    assert_eq!(cal.years, [2025, 2026]);
    assert_eq!(cal.holidays.len(), 1);
}

/// A filled rota round-trips as the treatment log: the unit's workbook with the roster's
/// proposal, read by the ordinary loader as the `pelaksanaan` dataset, gives every row used and
/// not one error or warning.
#[test]
fn jadwal_filled_log_loads_as_the_treatment_log_without_a_problem() {
    let period = ["--period", "2025-12-29..2025-12-31", "--per-unit"];
    let (plain, _, _) = jadwal(&period);
    let j = json_of(&plain.path().join("jadwal.json"));
    let dir = tempfile::tempdir().unwrap();
    let (path, people) = roster(&j, dir.path());
    let mut args = period.to_vec();
    args.extend(["--roster", path.to_str().unwrap()]);
    let (out, _, _) = jadwal(&args);
    let unit = &people[0].0;
    let book = out.path().join(format!("opd/jadwal-wfa_{unit}.xlsx"));
    // The shipped evaluation rubric reads it as its treatment log.
    let rubric = root().join("rubrics/evaluasi-wfa.toml");
    let json = dir.path().join("diagnostics.json");
    let o = kesiapan()
        .arg("validate")
        .arg("--rubric")
        .arg(&rubric)
        .args(["--input"])
        .arg(format!("pelaksanaan={}", book.display()))
        .arg("--json")
        .arg(&json)
        .output()
        .unwrap();
    // The other datasets of the window were not given (exit 1); none of the problems may be the
    // log's.
    assert!(
        o.status.code() == Some(0) || o.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let d = json_of(&json);
    let shown = book.display().to_string();
    let mine: Vec<&Value> = d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        // The log's file, and the log's problems of this unit (the others sent no log here).
        .filter(|x| {
            x["file"].as_str().is_some_and(|f| f == shown)
                || (x["dataset"] == "pelaksanaan" && x["unit"] == unit.as_str())
        })
        .filter(|x| x["severity"] != "info")
        .collect();
    assert!(mine.is_empty(), "{mine:#?}");
    let input = d["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["dataset"] == "pelaksanaan")
        .expect("the log was read");
    assert_eq!(input["rows_used"].as_u64(), Some(12 * 3), "{input}");
    assert_eq!(input["rows_rejected"].as_u64(), Some(0), "{input}");
}

/// Without `--assessment` the data is assessed in the run: the same plan as from the
/// assessment.json of `assess` on the same data.
#[test]
fn jadwal_from_the_data_plans_as_from_the_assessment() {
    let (from_file, _, _) = jadwal(&["--period", "2025-12-29..2025-12-31"]);
    let out = tempfile::tempdir().unwrap();
    let o = kesiapan()
        .args([
            "jadwal",
            "--period",
            "2025-12-29..2025-12-31",
            "--now",
            NOW,
            "--out",
        ])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("kesalahan"),
        "the data's problems are counted"
    );
    let (a, b) = (
        json_of(&from_file.path().join("jadwal.json")),
        json_of(&out.path().join("jadwal.json")),
    );
    assert_eq!(a["units"], b["units"]);
    assert_eq!(a["province"], b["province"]);
    assert!(b["assessment"]["path"].is_null());
}

/// The log's validation rule of `Lokasi Kerja`, evaluated by a spreadsheet program: the rule
/// written into a cell of each row of a filled log and the workbook recalculated by LibreOffice
/// (when it is installed; the test says so and passes without it). In a filled sheet every row of
/// a person over the weekly cap, and every WFA row of a day over the unit's most at once, is
/// refused; the cap counts per ISO week (Wednesday 31 Dec 2025 and Monday 5 Jan 2026 are two weeks).
#[test]
fn jadwal_place_rule_computed_by_libreoffice() {
    let Ok(soffice) = which_soffice() else {
        eprintln!("skipped: LibreOffice (soffice) is not installed");
        return;
    };
    use rust_xlsxwriter::{ExcelDateTime, Formula, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    // (unit, nip, job, date, place, expected)
    let rows: [(&str, &str, &str, (u16, u8, u8), &str, bool); 14] = [
        ("X", "P1", "Analis", (2025, 12, 29), "WFA", true),
        ("X", "P1", "Analis", (2025, 12, 30), "WFA", true),
        // Three days in one ISO week: every one of them over the cap of 2.
        ("X", "P2", "Analis", (2025, 12, 29), "WFA", false),
        ("X", "P2", "Analis", (2025, 12, 30), "WFA", false),
        ("X", "P2", "Analis", (2025, 12, 31), "WFA", false),
        // Wednesday 31 Dec 2025 is 2026-W01, Monday 5 Jan 2026 starts 2026-W02.
        ("X", "P3", "analis", (2025, 12, 31), "WFA", true),
        ("X", "P3", "Analis", (2026, 1, 5), "WFA", true),
        ("X", "P3", "Analis", (2026, 1, 6), "WFA", true),
        ("X", "P4", "Sopir", (2025, 12, 29), "Kantor", true),
        ("X", "P4", "Analis", (2025, 12, 30), "Rumah", false),
        // A job that is not eligible in X.
        ("X", "P8", "Sopir", (2026, 1, 5), "WFA", false),
        // Y: one at once, and no job list (any job).
        ("Y", "P5", "Sopir", (2025, 12, 30), "WFA", false),
        ("Y", "P6", "Sopir", (2025, 12, 30), "WFA", false),
        ("Y", "P7", "Sopir", (2025, 12, 31), "WFA", true),
    ];
    {
        let ws = wb.add_worksheet();
        ws.set_name("Daftar pegawai").unwrap();
        for (c, h) in kesiapan::jadwal::workbook::LOG_HEADERS.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        let rule = kesiapan::jadwal::workbook::place_rule();
        for (i, (unit, nip, job, (y, m, d), place, _)) in rows.iter().enumerate() {
            let r = i as u32 + 1;
            ws.write_string(r, 0, *unit).unwrap();
            ws.write_string(r, 1, *nip).unwrap();
            ws.write_string(r, 3, *job).unwrap();
            ws.write_datetime(r, 4, ExcelDateTime::from_ymd(*y, *m, *d).unwrap())
                .unwrap();
            ws.write_string(r, 5, *place).unwrap();
            // The rule as Excel applies it to row r + 1: its references moved down.
            let here = ["A", "B", "D", "E", "F"].iter().fold(rule.clone(), |f, c| {
                f.replace(&format!("{c}2,"), &format!("{c}{},", r + 1))
                    .replace(&format!("{c}2)"), &format!("{c}{})", r + 1))
                    .replace(&format!("{c}2="), &format!("{c}{}=", r + 1))
                    .replace(&format!("{c}2-"), &format!("{c}{}-", r + 1))
            });
            if r > 1 {
                assert!(
                    ["A2", "B2", "D2", "E2", "F2"]
                        .iter()
                        .all(|c| !here.contains(c)),
                    "{here}"
                );
            }
            ws.write_formula(r, 6, Formula::new(&here)).unwrap();
        }
    }
    {
        use kesiapan::jadwal::log::*;
        let ws = wb.add_worksheet();
        ws.set_name("Batas").unwrap();
        // Kode, most at once, cap, staff, minimum, any job.
        for (r, (unit, at_once, cap, any)) in [("X", 2.0, 2.0, 0.0), ("Y", 1.0, 2.0, 1.0)]
            .iter()
            .enumerate()
        {
            let r = r as u32 + 1;
            ws.write_string(r, 0, *unit).unwrap();
            ws.write_number(r, 1, *at_once).unwrap();
            ws.write_number(r, 2, *cap).unwrap();
            ws.write_number(r, 5, *any).unwrap();
        }
        ws.write_string(1, 10, "X").unwrap();
        ws.write_string(1, 11, "Analis").unwrap();
        wb.define_name(N_LIMITS, "=Batas!$A$2:$F$3").unwrap();
        wb.define_name(N_JOB_UNIT, "=Batas!$K$2:$K$2").unwrap();
        wb.define_name(N_JOB, "=Batas!$L$2:$L$2").unwrap();
        for (name, c) in [(N_UNIT, 'A'), (N_NIP, 'B'), (N_DATE, 'E'), (N_PLACE, 'F')] {
            wb.define_name(name, &format!("='Daftar pegawai'!${c}$2:${c}$100"))
                .unwrap();
        }
    }
    let book = dir.path().join("aturan.xlsx");
    wb.save(&book).unwrap();
    recalculated(&soffice, &book, dir.path(), false);
    let csv = read(&dir.path().join("aturan.csv"));
    let got: Vec<String> = csv
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().unwrap().to_string())
        .collect();
    let want: Vec<String> = rows
        .iter()
        .map(|r| {
            if r.5 {
                "TRUE".to_string()
            } else {
                "FALSE".to_string()
            }
        })
        .collect();
    assert_eq!(got, want, "{csv}");
}

fn which_soffice() -> Result<PathBuf, ()> {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|d| d.join("soffice"))
        .find(|p| p.is_file())
        .ok_or(())
}

/// Convert `book` to CSV in `dir` with LibreOffice, every formula recalculated on load (a
/// profile of its own: LibreOffice otherwise shows the values saved in the file); every sheet
/// as `<stem>-<sheet>.csv` when `all_sheets`.
fn recalculated(soffice: &Path, book: &Path, dir: &Path, all_sheets: bool) {
    let profile = dir.join("profile");
    std::fs::create_dir_all(profile.join("user")).unwrap();
    std::fs::write(
        profile.join("user/registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
    )
    .unwrap();
    let filter = if all_sheets {
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    } else {
        "csv:Text - txt - csv (StarCalc):44,34,76,1"
    };
    let o = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--calc", "--convert-to", filter, "--outdir"])
        .arg(dir)
        .arg(book)
        .env("HOME", dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// The check sheet of a unit's workbook filled from the roster, recalculated by LibreOffice:
/// the WFA rows it counts are the ones written, and every day passes.
#[test]
fn jadwal_check_sheet_computed_by_libreoffice() {
    let Ok(soffice) = which_soffice() else {
        eprintln!("skipped: LibreOffice (soffice) is not installed");
        return;
    };
    let period = ["--period", "2025-12-29..2025-12-31", "--per-unit"];
    let (plain, _, _) = jadwal(&period);
    let j = json_of(&plain.path().join("jadwal.json"));
    let dir = tempfile::tempdir().unwrap();
    let (path, people) = roster(&j, dir.path());
    let mut args = period.to_vec();
    args.extend(["--roster", path.to_str().unwrap()]);
    let (out, _, _) = jadwal(&args);
    let unit = &people[0].0;
    let book = out.path().join(format!("opd/jadwal-wfa_{unit}.xlsx"));
    recalculated(&soffice, &book, dir.path(), true);
    let stem = format!("jadwal-wfa_{unit}");
    let check = read(&dir.path().join(format!("{stem}-Cek harian.csv")));
    let log = read(&dir.path().join(format!("{stem}-Daftar pegawai.csv")));
    let rows: Vec<Vec<&str>> = check
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    assert_eq!(rows.len(), 3, "{check}");
    for r in &rows {
        let date = r[2];
        let written = log
            .lines()
            .filter(|l| l.contains(date) && l.ends_with(",WFA"))
            .count();
        assert_eq!(r[5].parse::<usize>().unwrap(), written, "{check}");
        assert!(written > 0);
        assert_eq!(r[9], "Sesuai", "{check}");
    }
}

/// Many units (the sample's 40 copied to 320): no sheet per unit in the province workbook
/// (said on the summary), every unit's days in *Semua OPD*; the per-day totals still add up.
#[test]
fn jadwal_many_units_go_to_one_table() {
    let mut a = json_of(sample_assessment());
    let base = a["units"].as_array().unwrap().clone();
    let units: Vec<Value> = (0..8)
        .flat_map(|k| {
            base.iter().map(move |u| {
                let mut u = u.clone();
                u["id"] = format!("{}-{k}", u["id"].as_str().unwrap()).into();
                u
            })
        })
        .collect();
    a["units"] = Value::Array(units);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("besar.json");
    std::fs::write(&path, a.to_string()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let t = std::time::Instant::now();
    kesiapan()
        .args([
            "jadwal",
            "--period",
            "2025-12-29..2025-12-31",
            "--now",
            NOW,
            "-q",
            "--assessment",
        ])
        .arg(&path)
        .arg("--out")
        .arg(out.path())
        .assert()
        .success();
    eprintln!("320 units: {:.2} s", t.elapsed().as_secs_f64());
    let book = out.path().join("jadwal-wfa.xlsx");
    let wb = calamine::open_workbook_auto(&book).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Ringkasan",
            "Daftar pegawai",
            "Cek harian",
            "Semua OPD",
            "Batas"
        ]
    );
    let all = sheet(&book, "Semua OPD");
    assert_eq!(all.rows().count(), 1 + 320 * 3);
    let summary = sheet(&book, "Ringkasan");
    assert!(
        summary
            .rows()
            .flat_map(|r| r.iter().map(cell_str))
            .any(|t| t.starts_with("tidak dibuat: lebih dari 250 OPD"))
    );
    let j = json_of(&out.path().join("jadwal.json"));
    let small = json_of(
        &jadwal(&["--period", "2025-12-29..2025-12-31"])
            .0
            .path()
            .join("jadwal.json"),
    );
    for (big, one) in j["province"]["days"]
        .as_array()
        .unwrap()
        .iter()
        .zip(small["province"]["days"].as_array().unwrap())
    {
        assert_eq!(
            big["away"].as_i64().unwrap(),
            8 * one["away"].as_i64().unwrap()
        );
    }
}
