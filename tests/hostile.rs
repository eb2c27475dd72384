//! Hostile input: a zip bomb, huge shared strings and a grid-wide used area are refused fast
//! with the file named; a million empty styled rows load; cell parsing and CSV loading never
//! panic on arbitrary input (proptest); HTML, `=cmd|` formulas, control characters and very
//! long strings pass through every output as inert text.

use crate::common::hostile;

use crate::common::*;
use kesiapan::input::cell::{self, Raw, Style};
use kesiapan::input::{self, Sources};
use proptest::prelude::*;
use std::time::{Duration, Instant};

const TINY: &str = "tests/fixtures/tiny/tiny.toml";

fn validate_file(
    path: &std::path::Path,
    extra: &[&str],
) -> (Option<i32>, String, String, Duration) {
    let t = Instant::now();
    let o = kesiapan()
        .args(["validate", "--rubric", TINY, "--input"])
        .arg(format!("infra={}", path.display()))
        .args(extra)
        .output()
        .unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).to_string(),
        String::from_utf8_lossy(&o.stderr).to_string(),
        t.elapsed(),
    )
}

#[test]
fn a_zip_bomb_is_refused_fast_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("infra_bomb.xlsx");
    hostile::zip_bomb(&p, 120);
    assert!(
        std::fs::metadata(&p).unwrap().len() < 4 << 20,
        "it is small on disk"
    );
    let (code, _, err, took) = validate_file(&p, &[]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("infra_bomb.xlsx is too large to load safely"),
        "{err}"
    );
    assert!(took < Duration::from_secs(20), "{took:?}");
    // With --keep-going it is an `unreadable-file` error and the run goes on.
    let (code, out, _, _) = validate_file(&p, &["--keep-going"]);
    assert_eq!(code, Some(1));
    assert!(out.contains("unreadable-file"), "{out}");
}

#[test]
fn huge_shared_strings_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("infra_sst.xlsx");
    hostile::huge_shared_strings(&p, 100);
    let (code, _, err, _) = validate_file(&p, &[]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("xl/sharedStrings.xml declares 100 MiB"),
        "{err}"
    );
}

#[test]
fn a_used_area_spanning_the_grid_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("infra_grid.xlsx");
    hostile::whole_grid(&p);
    let (code, _, err, took) = validate_file(&p, &[]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("1048576 rows × 16384 columns"), "{err}");
    assert!(took < Duration::from_secs(10));
}

#[test]
fn a_million_empty_styled_rows_load_as_two_units() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("infra_styled.xlsx");
    hostile::empty_styled_rows(&p, 1_048_573);
    let r = kesiapan::rubric::load(&root().join(TINY)).unwrap();
    let loaded = input::load(
        &r,
        &Sources {
            files: vec![("infra".into(), p.clone())],
            ..Sources::default()
        },
    )
    .unwrap();
    assert_eq!(loaded.units.len(), 2);
    let f = &loaded.inputs[0];
    assert_eq!((f.rows_read, f.rows_used, f.rows_rejected), (2, 2, 0));
}

#[test]
fn hostile_text_stays_inert_in_every_output() {
    let dir = tempfile::tempdir().unwrap();
    let long = "panjang ".repeat(6000);
    let infra = format!(
        "Kode OPD;Nama OPD;Jumlah Pegawai;Laptop Dinas;Bandwidth (Mbps);VPN;SKP (%);Garis Depan\n\
A;<img src=x onerror=alert(1)>;100;60;20;Ya;90%;Tidak\n\
B;Dinas B;=cmd|' /C calc'!A0;5;2,5;Tidak;40%;Tidak\n\
C;Dinas\u{7}C\u{1b}[31m;40;20;10;<script>x</script>;75%;Ya\n\
D;{long};30;10;5;Ya;50%;Tidak\n"
    );
    std::fs::write(dir.path().join("infra.csv"), infra).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/tiny/survei.csv"),
        dir.path().join("survei.csv"),
    )
    .unwrap();
    let outputs = tempfile::tempdir().unwrap();
    let out = outputs.path().join("out");
    kesiapan()
        .args(["validate", "--rubric", TINY, "--feedback", "--data"])
        .arg(dir.path())
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1);
    let md = read(&out.join("data-quality.md"));
    // Every `<` of a cell is escaped (Markdown renderers then show it as text).
    let bare = md
        .char_indices()
        .filter(|(i, c)| *c == '<' && !md[..*i].ends_with('\\'))
        .count();
    assert_eq!(bare, 0, "{md}");
    assert!(md.contains("\\<script\\>"), "escaped, still readable");
    assert!(md.contains("\\<img src=x onerror=alert(1)\\>"));
    // The formula text was rejected (not a number) and is kept as text, never as a formula.
    for f in ["rejected.xlsx", "feedback/A.xlsx", "feedback/C.xlsx"] {
        let bytes = std::fs::read(out.join(f)).unwrap();
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        for i in 0..z.len() {
            let mut part = z.by_index(i).unwrap();
            let mut s = String::new();
            std::io::Read::read_to_string(&mut part, &mut s).unwrap();
            assert!(!s.contains("<f>"), "{f}: a formula was written");
        }
    }
    {
        use calamine::Reader;
        let mut wb = calamine::open_workbook_auto(out.join("rejected.xlsx")).unwrap();
        let range = wb.worksheet_range("infra").unwrap();
        let texts: Vec<String> = range.used_cells().map(|(_, _, c)| c.to_string()).collect();
        assert!(texts.iter().any(|t| t == "=cmd|' /C calc'!A0"), "{texts:?}");
    }
    let csv = read(&out.join("completeness.csv"));
    assert!(!csv.lines().any(|l| l.starts_with('=')));
    // The long name and the control characters load; JSON stays valid.
    let json: serde_json::Value =
        serde_json::from_str(&read(&out.join("diagnostics.json"))).unwrap();
    assert!(json["diagnostics"].is_array());
    let (_o, a) = assess(&["--rubric", TINY, "--data", dir.path().to_str().unwrap()]);
    assert_eq!(
        a["units"].as_array().unwrap().len(),
        3,
        "A, C and D; B rejected"
    );
}

fn columns() -> Vec<kesiapan::rubric::Column> {
    let r = kesiapan::rubric::load(&root().join("rubrics/wfa-asn-2025.toml")).unwrap();
    r.datasets.iter().flat_map(|d| d.columns.clone()).collect()
}

fn raw() -> impl Strategy<Value = Raw> {
    prop_oneof![
        Just(Raw::Empty),
        any::<String>().prop_map(|s| Raw::Text(s.into())),
        "[ -~]{0,12}".prop_map(|s| Raw::Text(s.into())),
        "[0-9.,% -]{0,12}".prop_map(|s| Raw::Text(s.into())),
        any::<f64>().prop_map(Raw::Number),
        any::<bool>().prop_map(Raw::Bool),
        any::<f64>().prop_map(Raw::Date),
        "#[A-Z/0!?]{0,6}".prop_map(Raw::Error),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Any cell, any column type, any style: a value, a missing value or a problem — never a
    /// panic, never a non-finite number, never a value outside the column's range.
    #[test]
    fn cell_parsing_is_total(raws in proptest::collection::vec(raw(), 1..8), point in any::<bool>(), whole in any::<bool>()) {
        for col in columns() {
            let style = Style::of(raws.iter(), col.kind == kesiapan::rubric::ColumnType::Percent);
            for r in &raws {
                for st in [style, Style { point_decimal: point, whole_percent: whole, undecided: false }] {
                    if let Ok(Some(v)) = cell::parse(r, &col, st) {
                        let n = match v {
                            cell::Value::Float(f) => Some(f),
                            cell::Value::Int(i) => Some(i as f64),
                            _ => None,
                        };
                        if let Some(n) = n {
                            prop_assert!(n.is_finite());
                            prop_assert!(col.min.is_none_or(|m| n >= m), "{n} < min of {}", col.name);
                            prop_assert!(col.max.is_none_or(|m| n <= m), "{n} > max of {}", col.name);
                        }
                    }
                }
                let _ = cell::ambiguous_separator(r);
                let _ = r.show();
            }
        }
    }

    /// Any bytes named .csv: read or refused with a message, never a panic.
    #[test]
    fn csv_reading_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("infra.csv");
        std::fs::write(&p, &bytes).unwrap();
        match input::read::read_file(&p) {
            Ok(sheets) => prop_assert_eq!(sheets.len(), 1),
            Err(e) => prop_assert!(e.to_string().contains("infra.csv")),
        }
    }

    /// CSV text made of header-like and value-like cells, quotes, separators and blank lines:
    /// loading never panics, and every row read is used or rejected with a reason.
    #[test]
    fn csv_loading_accounts_for_every_row(
        rows in proptest::collection::vec(
            proptest::collection::vec(
                prop_oneof![
                    Just("Kode OPD".to_string()), Just("Nama OPD".to_string()),
                    Just("Jumlah Pegawai".to_string()), Just("JUMLAH".to_string()),
                    Just("A".to_string()), Just("B".to_string()), Just("\"x;y\"".to_string()),
                    "[0-9]{1,4}", "[0-9]{1,3}[.,][0-9]{1,3}", "[ -~]{0,8}",
                    Just(String::new()), Just("tidak tahu".to_string()),
                ],
                0..6,
            ),
            0..12,
        ),
        sep in prop_oneof![Just(";"), Just(","), Just("\t")],
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::from("Kode OPD;Nama OPD;Jumlah Pegawai\n").replace(';', sep);
        for r in &rows {
            text.push_str(&r.join(sep));
            text.push('\n');
        }
        std::fs::write(dir.path().join("infra.csv"), &text).unwrap();
        let r = kesiapan::rubric::load(&root().join(TINY)).unwrap();
        let loaded = input::load(&r, &Sources { dir: Some(dir.path().to_path_buf()), keep_going: true, ..Sources::default() }).unwrap();
        // Every row read is in a table or in the rejected list (counted independently).
        let read: usize = loaded.inputs.iter().map(|f| f.rows_read).sum();
        let used: usize = loaded.tables.values().map(|t| t.df.height()).sum();
        prop_assert_eq!(read, used + loaded.rejected.len());
        let reasons = kesiapan::quality::xlsx::reasons(&loaded, kesiapan::rubric::Lang::Id);
        for row in &loaded.rejected {
            prop_assert!(!reasons[&(row.file.clone(), row.sheet.clone(), row.row)].is_empty(), "{:?}", row);
        }
    }
}

/// The tiny fixture's infrastructure header.
const INFRA_HEAD: &str =
    "Kode OPD;Nama OPD;Jumlah Pegawai;Laptop Dinas;Bandwidth (Mbps);VPN;SKP (%);Garis Depan\n";

/// A data folder with `infra` rows and the tiny survey.
fn data_folder(infra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("infra.csv"), format!("{INFRA_HEAD}{infra}")).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/tiny/survei.csv"),
        dir.path().join("survei.csv"),
    )
    .unwrap();
    dir
}

/// Every file under `dir` with its size.
fn sizes(dir: &std::path::Path) -> Vec<(std::path::PathBuf, u64)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(sizes(&p));
        } else {
            out.push((p.clone(), std::fs::metadata(&p).unwrap().len()));
        }
    }
    out
}

#[test]
fn terminal_survives_65536_char_unit_id() {
    // A format width above u16::MAX panicked in the terminal summary ("Formatting argument
    // out of range").
    let id = "X".repeat(65_536);
    let dir = data_folder(&format!(
        "A;Dinas A;100;60;20;Ya;90%;Tidak\n{id};Dinas B;50;5;2,5;Tidak;40%;Tidak\n"
    ));
    let out = dir.path().join("out");
    let o = kesiapan()
        .args(["assess", "--rubric", TINY, "--format", "all", "--data"])
        .arg(dir.path())
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        &stderr[..stderr.len().min(2000)]
    );
    assert!(!stderr.contains("panicked"));
    // The id is shown capped, with the marker, in the terminal and in the reports.
    let shown = format!("{}… (+65.336 karakter)", "X".repeat(200));
    assert!(
        stdout.contains(&shown),
        "{}",
        &stdout[..stdout.len().min(2000)]
    );
    assert!(stdout.len() + stderr.len() < 20_000, "{}", stdout.len());
    assert!(read(&out.join("ringkasan.md")).contains("… (+65.336 karakter)"));
    let total: u64 = sizes(&out).iter().map(|(_, n)| n).sum();
    assert!(total < 1_000_000, "{total} bytes of outputs");
}

#[test]
fn ten_megabyte_cell_is_capped_everywhere() {
    let big = "y".repeat(10_000_000);
    // In a name, in an optional number (a warning quoting it), an optional boolean and a
    // required integer (the row is rejected: rejected.xlsx keeps what Excel can hold).
    let dir = data_folder(&format!(
        "A;{big};100;60;20;Ya;90%;Tidak\n\
B;Dinas B;50;5;{big};Tidak;40%;Tidak\n\
C;Dinas C;40;20;10;Ya;75%;{big}\n\
D;Dinas D;{big};10;5;Ya;50%;Tidak\n"
    ));
    let out = dir.path().join("out");
    let assess = kesiapan()
        .args(["assess", "--rubric", TINY, "--format", "all", "--data"])
        .arg(dir.path())
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(assess.status.code(), Some(0));
    let vout = dir.path().join("validate");
    let validate = kesiapan()
        .args(["validate", "--rubric", TINY, "--feedback", "--data"])
        .arg(dir.path())
        .arg("--out")
        .arg(&vout)
        .output()
        .unwrap();
    assert_eq!(validate.status.code(), Some(1), "data errors, written");
    let mut printed = [
        assess.stdout,
        assess.stderr,
        validate.stdout,
        validate.stderr,
    ]
    .concat();
    for cmd in ["plan", "sensitivity"] {
        let o = kesiapan()
            .args([cmd, "--rubric", TINY, "--format", "json,md", "--data"])
            .arg(dir.path())
            .arg("--out")
            .arg(dir.path().join(cmd))
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{cmd}");
        printed.extend([o.stdout, o.stderr].concat());
        let json = read(&dir.path().join(cmd).join(format!("{cmd}.json")));
        assert!(json.contains("… (+9,999,800 characters)"), "{cmd}.json");
    }
    assert!(printed.len() < 100_000, "{} bytes printed", printed.len());
    let printed = String::from_utf8(printed).unwrap();
    assert!(
        printed.contains("… (+9,999,000 characters)"),
        "diagnostics quote it capped"
    );
    let mut files = sizes(&out);
    files.extend(sizes(&vout));
    files.extend(sizes(&dir.path().join("plan")));
    files.extend(sizes(&dir.path().join("sensitivity")));
    let total: u64 = files.iter().map(|(_, n)| n).sum();
    assert!(total < 5_000_000, "{total} bytes: {files:?}");
    for f in [
        "completeness.csv",
        "rejected.xlsx",
        "feedback/A.xlsx",
        "feedback/D.xlsx",
    ] {
        assert!(vout.join(f).is_file(), "{f}");
    }
    for f in [
        "ringkasan.md",
        "telaahan-staf.md",
        "laporan.html",
        "assessment.json",
        "opd.csv",
    ] {
        let text = read(&out.join(f));
        assert!(text.contains("… (+9.999.800 karakter)"), "{f}");
        assert!(
            !text.contains(&"y".repeat(1001)),
            "{f} holds more than the cap"
        );
    }
    let dq = read(&vout.join("data-quality.md"));
    assert!(!dq.contains(&"y".repeat(201)));
    let diags = read(&vout.join("diagnostics.json"));
    assert!(diags.contains("… (+9,999,000 characters)"));
    // rejected.xlsx keeps the cell up to Excel's limit, with the marker.
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(vout.join("rejected.xlsx")).unwrap();
    let range = wb.worksheet_range("infra").unwrap();
    let cell = range
        .used_cells()
        .map(|(_, _, c)| c.to_string())
        .find(|t| t.starts_with("yyy"))
        .expect("the rejected cell");
    assert!(cell.chars().count() <= 32_767);
    assert!(cell.ends_with("karakter)"), "{}", &cell[cell.len() - 40..]);
    // The English run says characters.
    let en = dir.path().join("en");
    kesiapan()
        .args([
            "assess", "--rubric", TINY, "--lang", "en", "--format", "md", "--data",
        ])
        .arg(dir.path())
        .arg("--out")
        .arg(&en)
        .assert()
        .code(0);
    assert!(read(&en.join("summary.md")).contains("… (+9,999,800 characters)"));
}

/// Every `.md` and `.html` file under `dir`.
fn md_and_html(dir: &std::path::Path) -> Vec<(std::path::PathBuf, String)> {
    sizes(dir)
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "html"))
        .map(|p| (p.clone(), read(&p)))
        .collect()
}

/// No raw HTML, no link or image to `evil` in the Markdown (parsed as a CommonMark viewer
/// would).
fn markdown_is_inert(path: &std::path::Path, md: &str) {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    for ev in Parser::new_ext(md, Options::all()) {
        match ev {
            // The memo's own `<!-- pagebreak -->` is the template's, not data.
            Event::Html(h) | Event::InlineHtml(h) if h.trim() != "<!-- pagebreak -->" => {
                panic!("{}: raw HTML {h:?}", path.display())
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                panic!("{}: a live link or image to {dest_url}", path.display())
            }
            _ => {}
        }
    }
}

#[test]
fn markdown_escapes_hostile_unit_names() {
    let infra = "A;<script>alert(1)</script>;100;60;20;Ya;90%;Tidak\n\
[x](http://evil);![img](http://evil/x.png);50;5;2,5;Tidak;40%;Tidak\n\
C;\"a|b `code` *em* _u_\n# heading <b>bold</b> &amp;\";40;20;10;Ya;75%;Ya\n\
\"<img src=x onerror=alert(2)>\";Dinas D;30;10;5;Ya;50%;Tidak\n";
    let dir = data_folder(infra);
    let base = dir.path().join("base");
    kesiapan()
        .args(["assess", "--rubric", TINY, "--format", "all", "--data"])
        .arg(dir.path())
        .arg("--out")
        .arg(&base)
        .assert()
        .code(0);
    // A second run against the first (perubahan.md), with C changed so that a verdict moves.
    let again = data_folder(&infra.replace("40;20;10;Ya;75%;Ya", "40;40;20;Ya;95%;Tidak"));
    let out = dir.path().join("out");
    kesiapan()
        .args(["assess", "--rubric", TINY, "--format", "all", "--data"])
        .arg(again.path())
        .arg("--baseline")
        .arg(base.join("assessment.json"))
        .arg("--out")
        .arg(&out)
        .assert()
        .code(0);
    for (cmd, extra) in [
        ("plan", &["--format", "json,md"][..]),
        ("sensitivity", &["--format", "json,md"][..]),
        ("validate", &["--feedback"][..]),
    ] {
        kesiapan()
            .args([cmd, "--rubric", TINY, "--data"])
            .arg(dir.path())
            .args(extra)
            .arg("--out")
            .arg(dir.path().join(cmd))
            .assert()
            .code(if cmd == "validate" { 1 } else { 0 });
    }
    let mut files = md_and_html(&base);
    files.extend(md_and_html(&out));
    for cmd in ["plan", "sensitivity", "validate"] {
        files.extend(md_and_html(&dir.path().join(cmd)));
    }
    let names: Vec<String> = files
        .iter()
        .map(|(p, _)| p.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    for f in [
        "ringkasan.md",
        "telaahan-staf.md",
        "laporan.html",
        "perubahan.md",
        "rencana.md",
        "data-quality.md",
    ] {
        assert!(names.iter().any(|n| n == f), "{f} not written: {names:?}");
    }
    assert!(
        names.iter().filter(|n| n.ends_with(".md")).count() >= 7,
        "{names:?}"
    );
    for (p, text) in &files {
        if p.extension().is_some_and(|e| e == "md") {
            markdown_is_inert(p, text);
            assert!(!text.contains("<script>"), "{}", p.display());
        } else {
            for live in [
                "<script>alert",
                "<img src=x",
                "<b>bold",
                "href=\"http://evil",
                "src=\"http://evil",
            ] {
                assert!(!text.contains(live), "{}: {live}", p.display());
            }
            assert!(text.contains("&lt;script&gt;alert(1)"), "{}", p.display());
        }
    }
    // Still readable: the summary shows the names as text.
    let summary = read(&base.join("ringkasan.md"));
    assert!(
        summary.contains("\\<script\\>alert(1)\\</script\\>"),
        "{summary}"
    );
    assert!(
        summary.contains("\\!\\[img\\](http://evil/x.png)"),
        "{summary}"
    );
}

#[test]
fn lookalike_ids_are_flagged() {
    // Three rows that all show as "OPD-01": the real one, one with a zero-width space and one
    // with a Cyrillic О. They made three units.
    let dir = data_folder(
        "OPD-01;Dinas A;100;60;20;Ya;90%;Tidak\n\
OPD\u{200B}-01;Dinas A lagi;50;5;2,5;Tidak;40%;Tidak\n\
\u{041E}PD-01;Dinas palsu;40;20;10;Ya;75%;Ya\n\
B;Dinas B;30;10;5;Ya;50%;Tidak\n",
    );
    std::fs::write(
        dir.path().join("survei.csv"),
        "ID Responden,Kode OPD,Skill,Bersedia\n\
R1,OPD-01,4,Ya\n\
R2,\u{FEFF}OPD-01\u{200D},4,Ya\n\
R3,OPD-01\u{00A0},5,Ya\n\
R4,O\u{0420}D-01,3,Ya\n\
R5,B,3,Ya\n",
    )
    .unwrap();
    let (_o, a) = assess(&["--rubric", TINY, "--data", dir.path().to_str().unwrap()]);
    let ids: Vec<&str> = a["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["B", "OPD-01"], "one OPD-01, not three");
    let diags = a["diagnostics"].as_array().unwrap();
    let of = |code: &str| -> Vec<&serde_json::Value> {
        diags.iter().filter(|d| d["code"] == code).collect()
    };
    let look = of("lookalike-id");
    let at = |file: &str, row: u64| {
        look.iter()
            .find(|d| d["file"].as_str().unwrap().ends_with(file) && d["row"] == row)
            .unwrap_or_else(|| panic!("no lookalike-id at {file} row {row}: {look:#?}"))
    };
    // Invisible characters: removed with a warning, the row attaches to the real unit.
    let zw = at("infra.csv", 3);
    assert_eq!(zw["severity"], "warning");
    assert_eq!(zw["column"], "A");
    assert!(
        zw["message"]
            .as_str()
            .unwrap()
            .contains("ZERO WIDTH SPACE (U+200B); removed, read as `OPD-01`"),
        "{zw}"
    );
    let bom = at("survei.csv", 3)["message"].as_str().unwrap().to_string();
    assert!(
        bom.contains(
            "ZERO WIDTH NO-BREAK SPACE (byte-order mark) (U+FEFF) and ZERO WIDTH JOINER (U+200D)"
        ),
        "{bom}"
    );
    // The cleaned infra row repeats OPD-01: a duplicate, rejected, not a second unit.
    assert!(
        of("duplicate-key")
            .iter()
            .any(|d| d["file"].as_str().unwrap().ends_with("infra.csv") && d["row"] == 3),
        "{diags:#?}"
    );
    // Look-alike letters: an error naming the character; the row is rejected.
    let cyr = at("infra.csv", 4);
    assert_eq!(cyr["severity"], "error");
    assert!(
        cyr["message"].as_str().unwrap().contains(
            "Cyrillic capital letter 'О' (U+041E), which looks like the Latin 'O': it looks like `OPD-01` but is another id"
        ),
        "{cyr}"
    );
    let cyr = at("survei.csv", 5);
    assert_eq!(cyr["severity"], "error");
    assert!(cyr["message"].as_str().unwrap().contains("(U+0420)"));
    // The survey rows with invisible characters count for OPD-01: R1, R2 and R3 (no
    // unknown-unit for them).
    assert!(
        of("unknown-unit")
            .iter()
            .all(|d| d["row"] != 3 && d["row"] != 4),
        "{diags:#?}"
    );
}

/// The attack pass: an `OPD-É` typed decomposed (NFD), a fullwidth `ＯＰＤ-01`, a non-breaking
/// hyphen, a mathematical zero and Arabic-Indic digits each showed as one more unit that looked
/// like a real one. They are folded with a located warning naming the character, and the rows
/// attach to the real units (here: duplicates of them, rejected).
#[test]
fn nfd_and_fullwidth_ids_are_folded() {
    let dir = data_folder(
        "OPD-01;Dinas A;100;60;20;Ya;90%;Tidak\n\
OPD-\u{00C9};Dinas E;50;5;2,5;Tidak;40%;Tidak\n\
OPD-E\u{0301};Dinas E lagi;50;5;2,5;Tidak;40%;Tidak\n\
\u{FF2F}\u{FF30}\u{FF24}-01;Dinas A lebar;40;20;10;Ya;75%;Ya\n\
OPD\u{2011}01;Dinas A tanda;40;20;10;Ya;75%;Ya\n\
OPD-\u{1D7CE}1;Dinas A mat;40;20;10;Ya;75%;Ya\n\
OPD-\u{0660}\u{0661};Dinas A arab;40;20;10;Ya;75%;Ya\n\
Bappeda \u{2013} Litbang;Bappeda;30;10;5;Ya;50%;Tidak\n",
    );
    let (_o, a) = assess(&["--rubric", TINY, "--data", dir.path().to_str().unwrap()]);
    let ids: Vec<&str> = a["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["Bappeda \u{2013} Litbang", "OPD-01", "OPD-\u{00C9}"],
        "one OPD-01 and one OPD-\u{00C9}"
    );
    let diags = a["diagnostics"].as_array().unwrap();
    let at = |code: &str, row: u64| {
        diags
            .iter()
            .find(|d| d["code"] == code && d["row"] == row)
            .unwrap_or_else(|| panic!("no {code} at row {row}: {diags:#?}"))
    };
    for (row, says) in [
        (
            4,
            "combining mark U+0301 after 'E' (a letter written decomposed, NFD), read as '\u{00C9}'; read as `OPD-\u{00C9}`",
        ),
        (
            5,
            "fullwidth or halfwidth form '\u{FF2F}' (U+FF2F), read as 'O'",
        ),
        (6, "dash look-alike '\u{2011}' (U+2011), read as '-'"),
        (
            7,
            "mathematical letter or digit '\u{1D7CE}' (U+1D7CE), read as '0'",
        ),
        (8, "Arabic-Indic digit '\u{0660}' (U+0660), read as '0'"),
    ] {
        let d = at("lookalike-id", row);
        assert_eq!(d["severity"], "warning", "{d}");
        assert_eq!(d["column"], "A", "{d}");
        assert!(d["message"].as_str().unwrap().contains(says), "{d}");
        // The folded row is the real unit's: a duplicate of it.
        at("duplicate-key", row);
    }
    // A spaced en dash in a name is typography, not a look-alike.
    assert!(
        diags
            .iter()
            .all(|d| d["code"] != "lookalike-id" || d["row"] != 9),
        "{diags:#?}"
    );
}

/// The attack pass: `kesiapan assess … 2>&1 | head -n 1` panicked ("failed printing to stderr:
/// Broken pipe") in 3 of 6 tries. A closed stderr must not stop the run or change its exit code.
#[test]
fn closed_stderr_does_not_panic_assess() {
    let out = tempfile::tempdir().unwrap();
    for _ in 0..3 {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kesiapan"))
            .current_dir(root())
            .args(["assess", "--rubric", "tests/fixtures/tiny/tiny.toml"])
            .args(["--data", "tests/fixtures/tiny", "--out"])
            .arg(out.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end before the run writes its diagnostics.
        drop(child.stderr.take());
        let status = child.wait().unwrap();
        assert_eq!(
            status.code(),
            Some(0),
            "a closed stderr changed the outcome"
        );
        assert!(out.path().join("assessment.json").exists());
    }
}
