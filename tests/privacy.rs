//! Personal data (UU 27/2022 PDP): each test writes a small data set, runs the real binary
//! (`assess --format all`, `validate --feedback` and `plan --budget`) and searches every file it wrote (the
//! xlsx and docx unzipped), and its standard output and error, for the personal values.

use crate::common::*;
use std::path::Path;

/// The reports rubric with a free-text survey answer (`saran`), so that answers are findable.
fn rubric() -> String {
    let r = read(&root().join("tests/fixtures/reports/reports.toml"));
    let r2 = r.replace(
        "  { name = \"bersedia\", type = \"boolean\" },\n]",
        "  { name = \"bersedia\", type = \"boolean\" },\n  { name = \"saran\", type = \"text\" },\n]",
    );
    assert_ne!(r, r2, "the reports rubric changed");
    r2
}

const INFRA: &str =
    "Kode OPD;Nama OPD;Jumlah Pegawai;Laptop Dinas;Bandwidth (Mbps);VPN;SKP (%);Garis Depan
A;Dinas A;100;60;20;Ya;90%;Tidak
B;Dinas B;50;45;40;Ya;95%;Tidak
C;Dinas C;40;30;30;Ya;85%;Tidak
";

const JOBS: &str = "Kode OPD,Nama Jabatan,Jumlah Pemangku,Layak WFA
A,Analis Kebijakan,12,Ya
A,Arsiparis,8,Ya
B,Perencana,20,Ya
B,Pengelola Keuangan,9,Ya
C,Perencana,8,Ya
C,Analis Data,7,Ya
";

/// Five respondents in each of `units`, ids `R<unit><k>`.
fn survey_rows(units: &[&str]) -> String {
    let mut s = String::new();
    let mut n = 0;
    for u in units {
        for k in 0..5 {
            n += 1;
            s.push_str(&format!(
                "R{u}{k},Responden {u}{k},1985010120100100{n:02},{u},{},Ya,baik\n",
                2 + k % 3
            ));
        }
    }
    s
}

const SURVEY_HEAD: &str = "ID Responden,Nama,NIP,Kode OPD,Skill,Bersedia,Saran\n";

/// Every output of both commands, by name, as text; and their stdout and stderr.
struct Run {
    files: Vec<(String, String)>,
    /// The workbooks' and documents' bytes, by name.
    raw: Vec<(String, Vec<u8>)>,
    assessment: serde_json::Value,
}

impl Run {
    fn all(&self) -> impl Iterator<Item = &(String, String)> {
        self.files.iter()
    }

    /// Fails naming the file when any output holds one of `values`.
    fn assert_nowhere(&self, values: &[&str]) {
        assert!(self.files.len() > 10, "{:?}", self.names());
        for (name, text) in self.all() {
            for v in values {
                assert!(!text.contains(v), "`{v}` found in {name}");
            }
        }
    }

    fn names(&self) -> Vec<&str> {
        self.files.iter().map(|(n, _)| n.as_str()).collect()
    }

    fn file(&self, suffix: &str) -> &str {
        &self
            .files
            .iter()
            .find(|(n, _)| n.ends_with(suffix))
            .unwrap_or_else(|| panic!("no {suffix} in {:?}", self.names()))
            .1
    }
}

fn walk(
    dir: &Path,
    prefix: &str,
    out: &mut Vec<(String, String)>,
    raw: &mut Vec<(String, Vec<u8>)>,
) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let name = format!("{prefix}{}", p.file_name().unwrap().to_string_lossy());
        if p.is_dir() {
            walk(&p, &format!("{name}/"), out, raw);
        } else {
            let bytes = std::fs::read(&p).unwrap();
            let text = if name.ends_with(".xlsx") || name.ends_with(".docx") {
                raw.push((name.clone(), bytes.clone()));
                zip_text(&bytes)
            } else {
                String::from_utf8_lossy(&bytes).to_string()
            };
            out.push((name, text));
        }
    }
}

/// Write `files` and the rubric into a folder, run `assess` and `validate --feedback` on it.
fn run(rubric: &str, files: &[(&str, &str)]) -> Run {
    let data = tempfile::tempdir().unwrap();
    for (n, body) in files {
        std::fs::write(data.path().join(n), body).unwrap();
    }
    let rubric_path = data.path().join("rubric.toml");
    std::fs::write(&rubric_path, rubric).unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut texts = Vec::new();
    let mut raw = Vec::new();
    for (cmd, extra) in [
        ("assess", vec!["--format", "all", "--now", NOW]),
        ("validate", vec!["--feedback"]),
        ("plan", vec!["--budget", "500000000", "--format", "json,md"]),
    ] {
        let dir = out.path().join(cmd);
        let o = kesiapan()
            .arg(cmd)
            .arg("--rubric")
            .arg(&rubric_path)
            .arg("--data")
            .arg(data.path())
            .arg("--out")
            .arg(&dir)
            .args(&extra)
            .output()
            .unwrap();
        assert!(
            o.status.code().is_some_and(|c| c <= 1),
            "{cmd}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        texts.push((
            format!("{cmd} stdout"),
            String::from_utf8_lossy(&o.stdout).to_string(),
        ));
        texts.push((
            format!("{cmd} stderr"),
            String::from_utf8_lossy(&o.stderr).to_string(),
        ));
        walk(&dir, &format!("{cmd}/"), &mut texts, &mut raw);
    }
    let assessment = serde_json::from_str(
        &texts
            .iter()
            .find(|(n, _)| n == "assess/assessment.json")
            .expect("assessment.json")
            .1,
    )
    .unwrap();
    Run {
        files: texts,
        raw,
        assessment,
    }
}

#[test]
fn rejected_xlsx_masks_undeclared_personal_columns() {
    // Undeclared columns of the staff survey (e-mail, phone, a note naming someone), and of the
    // jobs form (the holder's name and phone), in rows rejected for an unknown unit.
    let survey = format!(
        "ID Responden,Nama,NIP,Kode OPD,Skill,Bersedia,Saran,Email,No HP,Catatan\n{}R99,Lestari Wulandari,198703032011020099,Z,4,Ya,baik,lestari.w@kalteng.go.id,+62 812-3456-7890,minta dihubungi Bu Lestari Wulandari\n",
        survey_rows(&["A", "B", "C"])
            .lines()
            .map(|l| format!("{l},x@y.id,081200000000,-\n"))
            .collect::<String>()
    );
    let jobs = format!(
        "Kode OPD,Nama Jabatan,Jumlah Pemangku,Layak WFA,Nama Pemangku,Telp\n{}Z,Analis Kebijakan,3,Ya,Hendra Gunawan,0813 9876 5432\n",
        JOBS.lines()
            .skip(1)
            .map(|l| format!("{l},-,-\n"))
            .collect::<String>()
    );
    let r = run(
        &rubric(),
        &[
            ("infra.csv", INFRA),
            ("jabatan.csv", &jobs),
            ("survei.csv", &survey),
        ],
    );
    let rejected = r.file("validate/rejected.xlsx");
    assert!(rejected.contains("(data pribadi, tidak ditampilkan)"));
    // The rejected rows are there, with their declared non-personal cells.
    assert!(
        rejected.contains("Analis Kebijakan"),
        "the jobs row is listed"
    );
    r.assert_nowhere(&[
        "lestari.w@kalteng.go.id",
        "812-3456-7890",
        "Lestari Wulandari",
        "198703032011020099",
        "Hendra Gunawan",
        "0813 9876 5432",
        "081200000000",
        "x@y.id",
    ]);
}

#[test]
fn nip_in_unit_column_is_masked_everywhere() {
    // One unit's code is an NIP, another's a person's name; a survey row names a unit by an NIP
    // that is no unit at all.
    let infra = format!(
        "{INFRA}198501012010010099;Dinas D;30;20;20;Ya;90%;Tidak\nHendra Gunawan;Dinas E;30;20;20;Ya;90%;Tidak\n198501012010010055;Dinas F;banyak;20;20;Ya;90%;Tidak\n"
    );
    let survey = format!(
        "{SURVEY_HEAD}{}R90,Someone,198501012010010090,198702022010010077,4,Ya,baik\n",
        survey_rows(&["A", "B", "C"])
    );
    let r = run(
        &rubric(),
        &[
            ("infra.csv", &infra),
            ("jabatan.csv", JOBS),
            ("survei.csv", &survey),
        ],
    );
    r.assert_nowhere(&[
        "198501012010010099",
        "19850101201001009",
        // A unit whose own row was rejected (`banyak` staff) is known by a mask too.
        "198501012010010055",
        "19850101201001005",
        "Hendra Gunawan",
        "198702022010010077",
        "19870202201001007",
    ]);
    // The units are there, under masked ids, with located diagnostics saying why.
    let ids: Vec<&str> = r.assessment["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"[NIP disamarkan]"), "{ids:?}");
    assert!(ids.contains(&"[nama disamarkan]"), "{ids:?}");
    let diags = r.assessment["diagnostics"].as_array().unwrap();
    let personal: Vec<&serde_json::Value> = diags
        .iter()
        .filter(|d| d["code"] == "personal-unit-key")
        .collect();
    assert!(personal.len() >= 3, "{personal:?}");
    for d in &personal {
        assert!(d["file"].is_string() && d["row"].is_number() && d["column"].is_string());
        assert!(d["message"].as_str().unwrap().contains("personal data"));
    }
    // The survey row naming no unit is rejected.
    assert!(
        personal
            .iter()
            .any(|d| d["severity"] == "error" && d["value"] == "[NIP disamarkan]")
    );
    assert!(r.file("assess/laporan.html").contains("[NIP disamarkan]"));
}

/// The attack pass found unit codes that are an NIP after a label, an NIK in dotted groups, a
/// name in one case and a name with titles shown in clear in every output.
#[test]
fn unit_code_personal_forms_are_masked() {
    let infra = format!(
        "{INFRA}NIP. 198503152010011004;Dinas D;30;20;20;Ya;90%;Tidak
nik: 3271046504870002;Dinas E;30;20;20;Ya;90%;Tidak
3201.2345.6789.0123;Dinas F;30;20;20;Ya;90%;Tidak
siti rahayu;Dinas G;30;20;20;Ya;90%;Tidak
SITI RAHAYU;Dinas G lagi;30;20;20;Ya;90%;Tidak
SITI AMINAH;Dinas H;30;20;20;Ya;90%;Tidak
Dr. Ir. Bambang Sutrisno, M.Si.;Dinas I;30;20;20;Ya;90%;Tidak
1.02.0.00.0.00.01.0000;Dinas J;30;20;20;Ya;90%;Tidak
DISDIK KALTENG;Dinas K;30;20;20;Ya;90%;Tidak
Biro Organisasi;Dinas L;30;20;20;Ya;90%;Tidak
M;Kepala: Ani Susanti NIP 198702022010012003;30;20;20;Ya;90%;Tidak
"
    );
    let survey = format!(
        "{SURVEY_HEAD}{}R91,Someone,198501012010010091,NIP 19870202 201001 1 077,4,Ya,baik\n",
        survey_rows(&["A", "B", "C"])
    );
    let r = run(
        &rubric(),
        &[
            ("infra.csv", &infra),
            ("jabatan.csv", JOBS),
            ("survei.csv", &survey),
        ],
    );
    r.assert_nowhere(&[
        "198503152010011004",
        "19850315201001100",
        "3271046504870002",
        "327104650487000",
        "3201.2345",
        "2345.6789",
        "siti rahayu",
        // Repeats `siti rahayu` (keys compare case-blind): the duplicate-key diagnostic
        // quoted both spellings.
        "SITI RAHAYU",
        "SITI AMINAH",
        "Bambang",
        "Sutrisno",
        "19870202 201001",
        // A unit name with the head's name and NIP.
        "Ani Susanti",
        "198702022010012003",
        "19870202201001200",
    ]);
    // The unit codes that are no person stay as written.
    let ids: Vec<&str> = r.assessment["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    for code in [
        "1.02.0.00.0.00.01.0000",
        "DISDIK KALTENG",
        "Biro Organisasi",
        "A",
    ] {
        assert!(ids.contains(&code), "{code} in {ids:?}");
    }
    for masked in ["[NIP disamarkan]", "[NIK disamarkan]", "[nama disamarkan]"] {
        assert!(ids.contains(&masked), "{masked} in {ids:?}");
    }
    let personal = r.assessment["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "personal-unit-key")
        .count();
    assert!(personal >= 7, "{personal}");
}

#[test]
fn duplicate_across_units_does_not_quote_answers() {
    // Respondent RA0 answered in A's file; B's file repeats the key with other answers.
    let a = format!(
        "{SURVEY_HEAD}{}",
        survey_rows(&["A"]).replacen("baik", "ruang kerja sempit sekali", 1)
    );
    let b = format!(
        "{SURVEY_HEAD}RA0,Other,198501012010010001,B,1,Tidak,atasan sering marah\n{}",
        survey_rows(&["B", "C"])
    );
    let r = run(
        &rubric(),
        &[
            ("infra.csv", INFRA),
            ("jabatan.csv", JOBS),
            ("survei_A.csv", &a),
            ("survei_B.csv", &b),
        ],
    );
    let diags = r.assessment["diagnostics"].as_array().unwrap();
    let dup = diags
        .iter()
        .find(|d| d["code"] == "duplicate-key")
        .expect("the repeat is reported");
    assert!(
        dup["message"]
            .as_str()
            .unwrap()
            .contains("also in another unit's file"),
        "{dup}"
    );
    // A's respondent's answer is nowhere; B's feedback does not even name A's file.
    r.assert_nowhere(&["ruang kerja sempit sekali"]);
    assert!(!r.file("feedback/B.xlsx").contains("survei_A"));
}

#[test]
fn one_answer_among_six_is_suppressed() {
    // Unit B: six respondents, one of whom answered `skill` (5).
    let mut survey = format!("{SURVEY_HEAD}{}", survey_rows(&["A", "C"]));
    for k in 0..6 {
        let skill = if k == 0 { "5" } else { "" };
        survey.push_str(&format!(
            "S{k},Responden B{k},19850101201001{k:04},B,{skill},Ya,baik\n"
        ));
    }
    let r = run(
        &rubric(),
        &[
            ("infra.csv", INFRA),
            ("jabatan.csv", JOBS),
            ("survei.csv", &survey),
        ],
    );
    let b = unit(&r.assessment, "B");
    assert_eq!(indicator(b, "skill")["status"], "suppressed");
    assert!(indicator(b, "skill")["value"].is_null());
    // `bersedia` has six answers: shown.
    assert_eq!(indicator(b, "bersedia")["status"], "ok");
    let small = r.assessment["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["code"] == "small-group" && d["message"].as_str().unwrap().contains("1 answer"));
    assert!(small, "a small-group warning names the answer count");
}

#[test]
fn an_average_over_one_person_of_a_subgroup_is_suppressed() {
    // Unit B: six respondents, all answered `skill`, one of them is willing (`bersedia`); the
    // average skill of the willing is that one person's answer.
    let rubric = rubric()
        .replace(
            "  { name = \"skill_avg\", expr = \"AVG(skill)\" },",
            "  { name = \"skill_avg\", expr = \"AVG(skill)\" },\n  { name = \"skill_bersedia\", expr = \"AVG(CASE WHEN bersedia THEN skill END)\" },",
        )
        .replace(
            "[[indicators]]\nid = \"bersedia\"",
            "[[indicators]]\nid = \"skill_b\"\ndimension = \"pegawai\"\nvalue = \"skill_bersedia\"\nweight = 1\nscoring = { kind = \"linear\", zero = 1, full = 5 }\n\n[[indicators]]\nid = \"bersedia\"",
        );
    assert!(rubric.contains("id = \"skill_b\""));
    let mut survey = format!("{SURVEY_HEAD}{}", survey_rows(&["A", "C"]));
    for k in 0..6 {
        let willing = if k == 0 { "Ya" } else { "Tidak" };
        survey.push_str(&format!(
            "S{k},Responden B{k},19850101201001{k:04},B,{},{willing},baik\n",
            1 + k % 5
        ));
    }
    let r = run(
        &rubric,
        &[
            ("infra.csv", INFRA),
            ("jabatan.csv", JOBS),
            ("survei.csv", &survey),
        ],
    );
    let b = unit(&r.assessment, "B");
    assert!(indicator(b, "skill")["value"].is_number());
    assert_eq!(indicator(b, "skill_b")["status"], "suppressed");
    assert!(indicator(b, "skill_b")["value"].is_null());
    // A's five willing respondents are enough.
    assert!(indicator(unit(&r.assessment, "A"), "skill_b")["value"].is_number());
}

/// Unit A's only eligible job has 3 holders (below the minimum of 5); B's two jobs hold 20 and
/// 9, C's 8 and 7; each unit's eligible total is the sum of its eligible jobs' holders.
fn hidden_job_run() -> Run {
    hidden_job_run_with(&[])
}

/// `hidden_job_run` with `edits` made to its rubric.
fn hidden_job_run_with(edits: &[(&str, &str)]) -> Run {
    let mut rubric = rubric();
    for (a, b) in edits {
        assert!(rubric.contains(a), "{a}");
        rubric = rubric.replacen(a, b, 1);
    }
    let rubric = rubric.replace(
        "staff-eligible = \"laptop_dinas\"",
        "staff-eligible = \"pemangku_layak\"",
    );
    let rubric = rubric.replace(
        "  { name = \"layak_wfa\", type = \"boolean\", required = true },\n]",
        "  { name = \"layak_wfa\", type = \"boolean\", required = true },\n]\nmetrics = [{ name = \"pemangku_layak\", expr = \"SUM(CASE WHEN layak_wfa THEN jumlah_pemangku ELSE 0 END)\" }]",
    );
    assert!(rubric.contains("pemangku_layak\", expr"));
    let jobs = "Kode OPD,Nama Jabatan,Jumlah Pemangku,Layak WFA
A,Pranata Komputer Rahasia,3,Ya
A,Pengemudi,40,Tidak
B,Perencana,20,Ya
B,Pengelola Keuangan,9,Ya
C,Perencana,8,Ya
C,Analis Data,7,Ya
";
    let survey = format!("{SURVEY_HEAD}{}", survey_rows(&["A", "B", "C"]));
    run(
        &rubric,
        &[
            ("infra.csv", INFRA),
            ("jabatan.csv", jobs),
            ("survei.csv", &survey),
        ],
    )
}

#[test]
fn complementary_suppression_covers_staff_eligible() {
    // Unit A's only eligible job has 3 holders: its count, its name and A's eligible total
    // (which is that count) are hidden; and so is one other unit's total, or the province's
    // total less the others would give A's back.
    let r = hidden_job_run();
    let a = unit(&r.assessment, "A");
    assert!(a["wfa"]["staff_eligible"].is_null(), "{}", a["wfa"]);
    assert_eq!(a["wfa"]["staff_eligible_suppressed"], "small-group");
    assert!(a["wfa"]["eligible_jobs"].as_array().unwrap().is_empty());
    // The smallest other total (C: 15) goes with it; B's stays.
    let c = unit(&r.assessment, "C");
    assert!(c["wfa"]["staff_eligible"].is_null(), "{}", c["wfa"]);
    assert_eq!(c["wfa"]["staff_eligible_suppressed"], "complementary");
    assert_eq!(unit(&r.assessment, "B")["wfa"]["staff_eligible"], 29);
    // The province's total keeps every unit (its rules see the real figure).
    assert_eq!(r.assessment["summary"]["staff_eligible"], 3 + 29 + 15);
    r.assert_nowhere(&["Pranata Komputer Rahasia"]);
    // The CSV's "on WFA-eligible jobs" column is empty for A.
    let csv = r.file("assess/opd.csv");
    let head: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let col = head.iter().position(|h| *h == "Pada jabatan WFA").unwrap();
    let line_a: Vec<&str> = csv
        .lines()
        .find(|l| l.starts_with("A,"))
        .unwrap()
        .split(',')
        .collect();
    assert_eq!(line_a[col], "", "{line_a:?}");
}

#[test]
fn jobs_without_count_count_rows_as_holders() {
    // A jobs dataset with one row per person and no `count`: each row is one holder.
    let rubric = rubric()
        .replace(", count = \"jumlah_pemangku\" }", " }")
        .replace(
            "unique = [\"kode_opd\", \"nama_jabatan\"]",
            "personal = true",
        )
        .replace(
            "  { name = \"jumlah_pemangku\", type = \"integer\", required = true, min = 0 },\n",
            "  { name = \"nip_pemangku\", type = \"text\", personal = true },\n",
        );
    assert!(!rubric.contains("count = \"jumlah_pemangku\""));
    let mut jobs = String::from("Kode OPD,Nama Jabatan,NIP Pemangku,Layak WFA\n");
    let mut n = 0;
    for (u, job, holders) in [
        ("B", "Perencana", 6),
        ("B", "Arsiparis", 5),
        ("C", "Perencana", 7),
        ("A", "Kepala Bidang Rahasia", 1),
        ("A", "Sekretaris Pribadi", 2),
    ] {
        for _ in 0..holders {
            n += 1;
            jobs.push_str(&format!("{u},{job},1990010120150100{n:02},Ya\n"));
        }
    }
    let survey = format!("{SURVEY_HEAD}{}", survey_rows(&["A", "B", "C"]));
    let r = run(
        &rubric,
        &[
            ("infra.csv", INFRA),
            ("jabatan.csv", &jobs),
            ("survei.csv", &survey),
        ],
    );
    let holders = |u: &str| -> Vec<(String, serde_json::Value)> {
        unit(&r.assessment, u)["wfa"]["eligible_jobs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|j| {
                (
                    j["name"].as_str().unwrap().to_string(),
                    j["holders"].clone(),
                )
            })
            .collect()
    };
    assert_eq!(
        holders("B"),
        vec![
            ("Perencana".into(), 6.into()),
            ("Arsiparis".into(), 5.into())
        ]
    );
    assert_eq!(holders("C"), vec![("Perencana".into(), 7.into())]);
    // A's three eligible holders are below the minimum group: no job of theirs is named.
    assert!(holders("A").is_empty());
    r.assert_nowhere(&[
        "Kepala Bidang Rahasia",
        "Sekretaris Pribadi",
        "19900101201501",
    ]);
}

#[test]
fn metric_over_personal_column_is_refused() {
    // A metric publishing the first 15 digits of an NIP.
    let src = rubric().replace(
        "  { name = \"skill_avg\", expr = \"AVG(skill)\" },",
        "  { name = \"skill_avg\", expr = \"AVG(skill)\" },\n  { name = \"nip_awal\", expr = \"MAX(CAST(SUBSTR(nip, 1, 15) AS DOUBLE))\" },",
    );
    assert!(src.contains("nip_awal"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.toml");
    std::fs::write(&path, &src).unwrap();
    let o = kesiapan()
        .args(["rubric", "check"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr).to_string() + &String::from_utf8_lossy(&o.stdout);
    let line = src.lines().position(|l| l.contains("nip_awal")).unwrap() + 1;
    let col = src.lines().nth(line - 1).unwrap().find("nip,").unwrap() + 1;
    assert!(err.contains(&format!("r.toml:{line}:{col}")), "{err}");
    assert!(
        err.contains("metric `nip_awal` computes with `nip`, personal data of `survei`"),
        "{err}"
    );
    // Counting respondents by NIP is fine.
    let ok = rubric().replace(
        "  { name = \"skill_avg\", expr = \"AVG(skill)\" },",
        "  { name = \"skill_avg\", expr = \"AVG(skill)\" },\n  { name = \"dengan_nip\", expr = \"COUNT(nip)\" },",
    );
    std::fs::write(&path, &ok).unwrap();
    kesiapan()
        .args(["rubric", "check"])
        .arg(&path)
        .assert()
        .success();
}

/// The text of a docx's or xlsx's XML parts, one table row a line, cells separated by tabs.
fn rows_of(xml: &str) -> Vec<Vec<String>> {
    let marked = xml
        .replace("</w:tc>", "\u{1f}")
        .replace("</w:tr>", "\u{1e}");
    let mut text = String::new();
    let mut in_tag = false;
    for ch in marked.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split('\u{1e}')
        .map(|r| r.split('\u{1f}').map(|c| c.trim().to_string()).collect())
        .collect()
}

#[test]
fn allowed_at_once_does_not_give_back_hidden_staff_eligible() {
    // A's hidden eligible total (3) binds its allowed figure (20 % of 100 staff would allow 20):
    // shown, the allowed figure would be the hidden total. C's (40 staff, 20 %: at most 8)
    // would be pinned at 8 by its listed "Perencana (8)", and then the province's allowed total
    // less B's and C's would give A's back.
    let r = hidden_job_run();
    let secret = [("A", 3i64), ("C", 8i64)];
    let units = r.assessment["units"].as_array().unwrap();
    let s = &r.assessment["summary"];
    let min = s["suppressed"]["min_group_size"].as_i64().unwrap();
    let a = unit(&r.assessment, "A");
    assert!(a["wfa"]["staff_allowed_at_once"].is_null(), "{}", a["wfa"]);
    assert_eq!(a["wfa"]["staff_allowed_suppressed"], "small-group");
    // The province's total less the shown figures leaves at least two hidden ones, holding
    // at least the minimum together.
    let hidden: Vec<&serde_json::Value> = units
        .iter()
        .filter(|u| u["wfa"]["staff_allowed_at_once"].is_null())
        .collect();
    let shown: i64 = units
        .iter()
        .filter_map(|u| u["wfa"]["staff_allowed_at_once"].as_i64())
        .sum();
    assert!(hidden.len() >= 2, "{units:?}");
    assert!(s["staff_allowed_at_once"].as_i64().unwrap() - shown >= min);
    for u in &hidden {
        let w = &u["wfa"];
        assert!(w["staff_allowed_suppressed"].is_string(), "{w}");
        // A hidden allowed figure comes with a hidden eligible total …
        assert!(w["staff_eligible"].is_null(), "{w}");
        // … and what is shown does not pin it: the least the listed jobs hold stays under the
        // limits set by the share and the minimum on site.
        let t = w["staff_total"].as_i64().unwrap();
        let limit = ((w["max_share_away"].as_f64().unwrap() * t as f64 + 1e-9).floor() as i64)
            .min(t - w["min_on_site"].as_i64().unwrap_or(0));
        let least: i64 = w["eligible_jobs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|j| j["holders"].as_i64().unwrap_or(1))
            .sum();
        assert!(least < limit, "{} pinned at {limit}: {w}", u["id"]);
    }
    // No output shows a hidden unit's figure in its allowed column.
    for (id, n) in secret {
        assert!(unit(&r.assessment, id)["wfa"]["staff_allowed_at_once"].is_null());
        let n = n.to_string();
        let line = r
            .file("assess stdout")
            .lines()
            .find(|l| l.starts_with(&format!("{id} ")))
            .unwrap();
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert!(cols.contains(&"*") && !cols.contains(&n.as_str()), "{line}");
        for md in ["assess/ringkasan.md", "assess/telaahan-staf.md"] {
            for l in r
                .file(md)
                .lines()
                .filter(|l| l.starts_with(&format!("| {id} |")))
            {
                assert_eq!(l.split('|').nth(5).unwrap().trim(), "-", "{md}: {l}");
            }
        }
        let html = r.file("assess/laporan.html");
        let row = html
            .lines()
            .find(|l| l.contains(&format!("<td data-v=\"{id}\">")))
            .unwrap();
        assert!(row.contains("data-v=\"-1\"><abbr"), "{row}");
        assert!(!row.contains(&format!("data-v=\"{n}\"")), "{row}");
        let csv = r.file("assess/opd.csv");
        let head: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
        let col = head
            .iter()
            .position(|h| *h == "Boleh WFA bersamaan")
            .unwrap();
        let line: Vec<&str> = csv
            .lines()
            .find(|l| l.starts_with(&format!("{id},")))
            .unwrap()
            .split(',')
            .collect();
        assert_eq!(line[col], "", "{line:?}");
        // The memo's annex (docx): the allowed column of the unit's row.
        let docx = r.file("assess/telaahan-staf.docx");
        for row in rows_of(docx).iter().filter(|c| c[0] == id) {
            assert_eq!(row[4], "-", "{row:?}");
        }
        // Every workbook: under an allowed-at-once header, the unit's row says it is hidden.
        for (name, bytes) in r.raw.iter().filter(|(n, _)| n.ends_with(".xlsx")) {
            use calamine::{Data, Reader, Xlsx};
            let mut wb: Xlsx<_> =
                calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
            for sheet in wb.sheet_names() {
                let range = wb.worksheet_range(&sheet).unwrap();
                let mut col = None;
                for row in range.rows() {
                    if let Some(c) = row
                        .iter()
                        .position(|c| matches!(c, Data::String(s) if s == "Boleh WFA bersamaan"))
                    {
                        col = Some(c);
                        continue;
                    }
                    if let (Some(c), Some(Data::String(first))) = (col, row.first()) {
                        if first == id {
                            assert_eq!(
                                row[c],
                                Data::String("disembunyikan".into()),
                                "{name} {sheet}: {row:?}"
                            );
                        }
                    }
                }
            }
        }
    }
    // The plan shows neither the figure before nor after, nor a budget gain made of it alone.
    let plan: serde_json::Value = serde_json::from_str(r.file("plan/plan.json")).unwrap();
    for (id, _) in secret {
        let p = plan["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["id"] == id)
            .unwrap();
        assert!(p["staff_allowed_before"].is_null(), "{p}");
        assert!(p["staff_allowed_after"].is_null(), "{p}");
    }
    // The per-unit WFA forms say it is hidden instead of giving the figure.
    r.assert_nowhere(&[
        "paling banyak **3**",
        "<b>3</b> dari",
        "paling banyak **8**",
        "<b>8</b> dari",
    ]);
}

/// Issue 13 (annex grouped by verdict): a group's total of staff allowed at once, less the
/// figures shown for its units, must not give a hidden unit's figure back.
#[test]
fn a_verdict_group_total_does_not_give_back_a_hidden_figure() {
    let r = hidden_job_run();
    let units = r.assessment["units"].as_array().unwrap();
    for g in r.assessment["summary"]["groups"].as_array().unwrap() {
        let members: Vec<&serde_json::Value> = units
            .iter()
            .filter(|u| u["verdict"] == g["verdict"])
            .collect();
        assert_eq!(g["units"].as_u64().unwrap() as usize, members.len());
        let hidden = members
            .iter()
            .any(|u| u["wfa"]["staff_allowed_at_once"].is_null());
        if hidden {
            assert!(g["staff_allowed_at_once"].is_null(), "{g}");
        } else {
            let sum: i64 = members
                .iter()
                .map(|u| u["wfa"]["staff_allowed_at_once"].as_i64().unwrap())
                .sum();
            assert_eq!(g["staff_allowed_at_once"].as_i64(), Some(sum), "{g}");
        }
    }
    assert!(
        units
            .iter()
            .any(|u| u["wfa"]["staff_allowed_at_once"].is_null()),
        "the fixture must hide a figure"
    );
    // The memo's annex shows "-" for such a group's total.
    let memo = r.file("assess/telaahan-staf.md");
    for g in r.assessment["summary"]["groups"].as_array().unwrap() {
        if g["staff_allowed_at_once"].is_null() {
            let label = g["label"].as_str().unwrap();
            let line = memo
                .lines()
                .find(|l| l.contains(&format!("**Jumlah {label}:")))
                .unwrap_or_else(|| panic!("no total line for {label} in\n{memo}"));
            assert!(line.contains("| **-** |"), "{line}");
        }
    }
}

#[test]
fn diff_shows_a_hidden_staff_figure_as_hidden_on_both_sides() {
    // A's allowed figure is hidden (its one eligible job holds 3) and C's with it, in both
    // runs; B's is shown: ⌊0.2 · 50⌋ = 10, then with Layak at 30 % ⌊0.3 · 50⌋ = 15.
    let old = hidden_job_run();
    let new = hidden_job_run_with(&[("layak = 0.2,", "layak = 0.3,")]);
    let dir = tempfile::tempdir().unwrap();
    let (o, n) = (dir.path().join("old.json"), dir.path().join("new.json"));
    std::fs::write(&o, old.file("assess/assessment.json")).unwrap();
    std::fs::write(&n, new.file("assess/assessment.json")).unwrap();
    for r in [&old, &new] {
        let a = unit(&r.assessment, "A");
        assert_eq!(a["wfa"]["staff_allowed_suppressed"], "small-group");
    }
    let (out, text) = run_into(&["diff", o.to_str().unwrap(), n.to_str().unwrap()]);
    let d: serde_json::Value = serde_json::from_str(&read(&out.path().join("diff.json"))).unwrap();
    let u = |id: &str| {
        d["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["id"] == id)
            .unwrap()
            .clone()
    };
    let hidden = serde_json::json!({"kind": "hidden", "why": "small-group"});
    assert_eq!(
        (&u("A")["old_staff_allowed"], &u("A")["new_staff_allowed"]),
        (&hidden, &hidden)
    );
    assert_eq!(u("C")["old_staff_allowed"]["kind"], "hidden");
    assert_eq!(
        u("B")["new_staff_allowed"],
        serde_json::json!({"kind": "shown", "value": 15})
    );
    // The words: hidden on both sides, with the legend; nothing listed as changed for A.
    let md = read(&out.path().join("perubahan.md"));
    let row = md
        .lines()
        .find(|l| l.starts_with("| A | Dinas A |"))
        .unwrap();
    assert!(row.ends_with("| disembunyikan → disembunyikan |"), "{row}");
    assert!(md.lines().any(|l| l == "| B | Dinas B | 10 → 15 |"), "{md}");
    assert!(
        !md.lines()
            .any(|l| l.starts_with("| A | Dinas A | disembunyikan")),
        "{md}"
    );
    assert!(md.contains("_disembunyikan: angka kelompok kecil"), "{md}");
    assert!(text.contains("  B          10 → 15\n"), "{text}");
    assert!(!text.contains("  A          "), "{text}");
}
