//! The reports people read: briefing (md + docx), HTML, workbook, CSV. Snapshots, byte-identical
//! reruns, escaping, formula injection, small-group suppression, no personal data; and, where the
//! machine has them (CI installs both), a real browser and a real office suite.

use crate::common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

const REPORTS_RUBRIC: &str = "tests/fixtures/reports/reports.toml";
const REPORTS_DATA: &str = "tests/fixtures/reports";

/// Every file of a folder, by name.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().to_string(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

/// `assess --format all` on the reports fixture.
fn reports_fixture(extra: &[&str]) -> tempfile::TempDir {
    let mut args = vec![
        "--rubric",
        REPORTS_RUBRIC,
        "--data",
        REPORTS_DATA,
        "--format",
        "all",
    ];
    args.extend_from_slice(extra);
    assess(&args).0
}

/// XML without its tags: the text of a Word document with its runs joined.
fn strip_tags(xml: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn every_format_is_written_and_a_rerun_is_byte_identical() {
    let (a, _) = assess(&["--format", "all"]);
    let (b, _) = assess(&["--format", "all"]);
    let fa = files(a.path());
    assert_eq!(
        fa.keys().cloned().collect::<Vec<_>>(),
        [
            "analisis.xlsx",
            "assessment.json",
            "kesiapan-manifest.json",
            "laporan.html",
            "opd.csv",
            "ringkasan.md",
            "telaahan-staf.docx",
            "telaahan-staf.md"
        ]
    );
    assert_eq!(fa, files(b.path()), "same inputs, same clock: same bytes");
    // English names with --lang en.
    let (en, _) = assess(&["--format", "briefing,html,xlsx,csv", "--lang", "en"]);
    assert_eq!(
        files(en.path()).keys().cloned().collect::<Vec<_>>(),
        [
            "analysis.xlsx",
            "briefing.docx",
            "briefing.md",
            "kesiapan-manifest.json",
            "report.html",
            "units.csv"
        ]
    );
}

#[test]
fn render_from_the_saved_assessment_gives_the_same_files() {
    let (a, _) = assess(&["--format", "all"]);
    let out = tempfile::tempdir().unwrap();
    kesiapan()
        .args(["render", "--format", "all", "--out"])
        .arg(out.path())
        .arg(a.path().join("assessment.json"))
        .assert()
        .success();
    let (mut fa, mut fo) = (files(a.path()), files(out.path()));
    // The manifests differ in the command and its input; they list the same files.
    let listed =
        |m: Vec<u8>| serde_json::from_slice::<serde_json::Value>(&m).unwrap()["files"].clone();
    let (ma, mo) = (
        fa.remove("kesiapan-manifest.json").unwrap(),
        fo.remove("kesiapan-manifest.json").unwrap(),
    );
    assert_eq!(listed(ma), listed(mo));
    assert_eq!(fa, fo);
}

#[test]
fn briefing_markdown_snapshots() {
    let (id, _) = assess(&["--format", "briefing"]);
    snapshot("briefing.id.md", &read(&id.path().join("telaahan-staf.md")));
    let (en, _) = assess(&["--format", "briefing", "--lang", "en"]);
    snapshot("briefing.en.md", &read(&en.path().join("briefing.md")));
}

#[test]
fn briefing_has_the_staff_memo_structure_and_the_answer() {
    let (d, a) = assess(&["--format", "briefing,json"]);
    let md = read(&d.path().join("telaahan-staf.md"));
    let mut at = 0;
    for h in [
        "Kepada",
        "Dari",
        "Tanggal",
        "Nomor",
        "Hal",
        "## I. Persoalan",
        "## II. Praanggapan",
        "## III. Fakta-Fakta yang Mempengaruhi",
        "## IV. Analisis",
        "## V. Kesimpulan",
        "## VI. Saran / Tindakan yang Disarankan",
        "Kepala Biro Organisasi",
        "## Lampiran",
    ] {
        let p = md[at..]
            .find(h)
            .unwrap_or_else(|| panic!("`{h}` missing or out of order"));
        at += p;
    }
    let message = a["summary"]["message"].as_str().unwrap();
    assert!(md.contains(message));
    // The Governor's pages hold no technical detail: no command, hash or file name (they are in
    // the annex).
    let pages = &md[..md.find("## Lampiran").unwrap()];
    for technical in ["`kesiapan", "SHA-256", ".xlsx", "2025-12-23T"] {
        assert!(!pages.contains(technical), "`{technical}` before the annex");
    }
    // The annex lists every unit.
    for u in a["units"].as_array().unwrap() {
        assert!(md.contains(&format!("| {} |", u["id"].as_str().unwrap())));
    }
    // The docx carries the same text.
    let docx = zip_text(&std::fs::read(d.path().join("telaahan-staf.docx")).unwrap());
    assert!(docx.contains("III. Fakta-Fakta yang Mempengaruhi"));
    assert!(docx.contains("Dinas Pendidikan"));
}

#[test]
fn briefing_when_no_unit_is_feasible_says_so_and_recommends_no_wfa() {
    let dir = tempfile::tempdir().unwrap();
    let strict = dir.path().join("strict.toml");
    let rubric = read(&root().join("rubrics/wfa-asn-2025.toml"))
        .replace("min-score = 70 #", "min-score = 99.5 #")
        .replace("min-score = 50 #", "min-score = 99 #");
    std::fs::write(&strict, rubric).unwrap();
    let (d, a) = assess(&[
        "--rubric",
        strict.to_str().unwrap(),
        "--format",
        "briefing,json",
    ]);
    assert_eq!(a["summary"]["verdict"], "belum_layak");
    let md = read(&d.path().join("telaahan-staf.md"));
    assert!(md.contains("Belum ada OPD yang memenuhi syarat penerapan WFA."));
    assert!(md.contains(
        "1. Tidak menerapkan WFA pada 29–31 Desember 2025; seluruh OPD tetap bekerja dari kantor."
    ));
    assert!(
        md.contains("Syarat mutlak yang tidak terpenuhi: Menjalankan layanan publik tatap muka")
    );
    assert!(!md.contains("Menetapkan WFA terbatas"));
    assert!(!md.contains("sesudah periode WFA sebelum memperluas"));
}

#[test]
fn briefing_header_comes_from_the_config_and_the_options() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("memo.toml");
    std::fs::write(
        &cfg,
        "kepada = \"Yth. Bapak Gubernur\"\ndari = \"Tim Kajian\"\nperiode = \"1–3 Januari 2026\"\nnama = \"A. Analis\"\n",
    )
    .unwrap();
    let (d, _) = assess(&[
        "--format",
        "briefing",
        "--briefing-config",
        cfg.to_str().unwrap(),
        "--period",
        "2–4 Januari 2026",
    ]);
    let md = read(&d.path().join("telaahan-staf.md"));
    assert!(md.contains("| Kepada | : Yth. Bapak Gubernur |"));
    assert!(md.contains("| Dari | : Tim Kajian |"));
    assert!(
        md.contains("pada 2–4 Januari 2026"),
        "--period overrides the config"
    );
    assert!(!md.contains("1–3 Januari 2026"));
    assert!(md.contains("A. Analis"));
    // A typo in the config is an error, not a silent default.
    std::fs::write(&cfg, "kepda = \"x\"\n").unwrap();
    kesiapan()
        .args(["assess", "--format", "briefing", "--briefing-config"])
        .arg(&cfg)
        .arg("--out")
        .arg(dir.path().join("o"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("kepda"));
}

#[test]
fn templates_folder_overrides_the_wording() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("briefing.id.md.tera"),
        "# NOTA {{ summary.verdict_label }} untuk {{ memo.kepada }}\n",
    )
    .unwrap();
    let (d, _) = assess(&[
        "--format",
        "briefing",
        "--templates",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(
        read(&d.path().join("telaahan-staf.md")),
        "# NOTA Layak Terbatas untuk Yth. Gubernur Kalimantan Tengah\n"
    );
    kesiapan()
        .args(["assess", "--format", "html", "--templates", "no/such/dir"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no such folder"));
}

#[test]
fn html_snapshot_on_the_reports_fixture() {
    let d = reports_fixture(&[]);
    // The embedded stylesheet and script are left out: a CSS tweak is not a report change.
    snapshot(
        "report.reports.html",
        &without_style_and_script(&read(&d.path().join("laporan.html"))),
    );
}

/// The HTML with the contents of every `<style>` and `<script>` element replaced by a marker.
fn without_style_and_script(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let next = ["<style", "<script"]
            .iter()
            .filter_map(|t| rest.find(t).map(|i| (i, *t)))
            .min();
        let Some((i, tag)) = next else {
            out.push_str(rest);
            return out;
        };
        let close = format!("</{}>", &tag[1..]);
        let Some(open_end) = rest[i..].find('>') else {
            out.push_str(rest);
            return out;
        };
        let Some(end) = rest[i..].find(&close) else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..i + open_end + 1]);
        out.push('…');
        out.push_str(&close);
        rest = &rest[i + end + close.len()..];
    }
}

#[test]
fn html_is_self_contained() {
    let (d, a) = assess(&["--format", "html,json"]);
    let html = read(&d.path().join("laporan.html"));
    for bad in [
        "src=\"http",
        "href=\"http",
        "@import",
        "url(http",
        "<link",
        "src=\"//",
    ] {
        assert!(!html.contains(bad), "external reference `{bad}`");
    }
    // Links are in-page anchors only.
    for (i, _) in html.match_indices("href=\"") {
        assert_eq!(&html[i + 6..i + 7], "#", "{}", &html[i..i + 40]);
    }
    assert!(html.contains(a["summary"]["message"].as_str().unwrap()));
    assert!(html.contains("<svg"), "charts are inline SVG");
    assert!(html.contains("@media print"));
    assert!(
        html.contains("<th scope=\"col\""),
        "table headers are marked up"
    );
    assert_eq!(
        html.matches("class=\"unit\"").count(),
        40,
        "a section per unit"
    );
}

#[test]
fn data_text_is_escaped_everywhere() {
    let d = reports_fixture(&[]);
    let f = files(d.path());
    let html = String::from_utf8(f["laporan.html"].clone()).unwrap();
    assert!(
        !html.contains("<script>alert"),
        "an OPD name must not become markup"
    );
    assert!(
        html.contains("Dinas &lt;script&gt;alert(1)&lt;&#x2f;script&gt; &amp; Co")
            || html.contains("Dinas &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co")
    );
    assert_eq!(
        html.matches("<script>").count(),
        1,
        "only the report's own script"
    );
    // Word: the name is there as escaped text (runs joined), never as markup.
    let docx = strip_tags(&zip_text(&f["telaahan-staf.docx"]));
    assert!(docx.contains("Dinas &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"));
    // CSV: formula-like text is prefixed with '.
    let csv = String::from_utf8(f["opd.csv"].clone()).unwrap();
    assert!(csv.contains("\nB,'=cmd|' /C calc'!A0,"));
    assert!(csv.contains("'+Badan @Uji"));
    assert!(!csv.contains(",=cmd"));
}

#[test]
fn the_workbook_never_holds_a_formula() {
    use calamine::{Data, Reader, Xlsx};
    let d = reports_fixture(&[]);
    let path = d.path().join("analisis.xlsx");
    let mut wb: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let sheets = wb.sheet_names();
    assert_eq!(
        sheets,
        [
            "Ringkasan",
            "OPD",
            "Indikator",
            "Kendala",
            "Bentuk WFA",
            "Masalah Data",
            "Rubrik",
            "Kamus Data"
        ]
    );
    for s in &sheets {
        let formulas = wb.worksheet_formula(s).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "sheet {s} has a formula"
        );
    }
    let opd = wb.worksheet_range("OPD").unwrap();
    let names: Vec<Data> = opd.rows().skip(1).map(|r| r[1].clone()).collect();
    assert!(names.contains(&Data::String("=cmd|' /C calc'!A0".into())));
    // Verdict column, numbers as numbers.
    assert_eq!(opd.rows().nth(1).unwrap()[3], Data::String("Layak".into()));
    assert!(matches!(opd.rows().nth(1).unwrap()[2], Data::Float(_)));
}

#[test]
fn small_groups_and_their_complements_are_suppressed_everywhere() {
    use calamine::{Data, Reader, Xlsx};
    let d = reports_fixture(&[]);
    let a: serde_json::Value =
        serde_json::from_str(&read(&d.path().join("assessment.json"))).unwrap();
    // Unit A: jobs with 12, 3 and 5 holders (minimum group 5). 3 is hidden; 5 with it, or
    // 3 = total − 12 − 5 would give it away.
    let jobs = |u: &str| {
        unit(&a, u)["wfa"]["eligible_jobs"]
            .as_array()
            .unwrap()
            .clone()
    };
    let job = |u: &str, n: &str| {
        jobs(u)
            .into_iter()
            .find(|j| j["name"] == n)
            .unwrap_or_else(|| panic!("{u} {n}"))
    };
    assert_eq!(job("A", "Analis Kebijakan")["holders"], 12);
    assert_eq!(job("A", "Pranata Komputer")["suppressed"], "small-group");
    assert!(job("A", "Pranata Komputer")["holders"].is_null());
    assert_eq!(job("A", "Arsiparis")["suppressed"], "complementary");
    // Unit B: nothing small, nothing hidden.
    assert!(jobs("B").iter().all(|j| j.get("suppressed").is_none()));
    // Unit C: 2 and 1 hidden, and together they are still under 5, so 8 goes too.
    assert_eq!(job("C", "Perencana")["suppressed"], "complementary");
    // Unit C has 2 survey respondents: its survey indicators are not shown.
    let c = unit(&a, "C");
    assert_eq!(indicator(c, "skill")["status"], "suppressed");
    assert!(indicator(c, "skill")["value"].is_null());
    let s = &a["summary"]["suppressed"];
    assert_eq!(
        (
            s["indicator_values"].clone(),
            s["job_counts"].clone(),
            s["complementary"].clone()
        ),
        (2.into(), 3.into(), 2.into())
    );
    // The HTML shows no count for them, and says why.
    let html = read(&d.path().join("laporan.html"));
    for hidden in [
        "Pranata Komputer (3)",
        "Arsiparis (5)",
        "Perencana (8)",
        "Analis Data (1)",
    ] {
        assert!(!html.contains(hidden), "{hidden}");
    }
    assert!(html.contains("Analis Kebijakan (12)"));
    assert!(html.contains("Perlindungan data pribadi"));
    assert!(html.contains("3 jumlah pemegang jabatan kecil, 2 angka pendamping"));
    // The workbook neither.
    let mut wb: Xlsx<_> = calamine::open_workbook(d.path().join("analisis.xlsx")).unwrap();
    let wfa = wb.worksheet_range("Bentuk WFA").unwrap();
    let row = wfa
        .rows()
        .find(|r| r[5] == Data::String("Pranata Komputer".into()))
        .unwrap();
    assert_eq!(row[6], Data::String("disembunyikan".into()));
    let ind = wb.worksheet_range("Indikator").unwrap();
    let skill_c = ind
        .rows()
        .find(|r| r[0] == Data::String("C".into()) && r[4] == Data::String("skill".into()))
        .unwrap();
    assert_eq!(
        skill_c[5],
        Data::String("disembunyikan".into()),
        "suppressed value marked, not written"
    );
}

#[test]
fn no_name_or_nip_reaches_any_output() {
    let d = reports_fixture(&[]);
    let survey = read(&root().join(REPORTS_DATA).join("survei.csv"));
    let personal: Vec<String> = survey
        .lines()
        .skip(1)
        .flat_map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            [c[1].to_string(), c[2].to_string()]
        })
        .collect();
    assert!(personal.len() >= 20);
    for (name, bytes) in files(d.path()) {
        let text = if name.ends_with(".xlsx") || name.ends_with(".docx") {
            zip_text(&bytes)
        } else {
            String::from_utf8(bytes).unwrap()
        };
        for p in &personal {
            assert!(!text.contains(p.as_str()), "{p} found in {name}");
        }
    }
}

/// An external program the test needs: `None` (test skipped with a note) unless `require`
/// is set in the environment, as `.ci/run` does, in which case its absence fails the test.
fn tool(name: &str, require: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var(require).is_err(),
            "{name} is required ({require} is set) but not installed"
        );
        eprintln!("SKIPPED: {name} not installed (CI installs it; see .ci/run)");
    }
    found
}

/// Run headless Chromium on the local file `page` with a window of `size` (CSS pixels) and
/// `extra` switches; it must succeed.
fn headless(
    chromium: &Path,
    page: &Path,
    size: (u32, u32),
    extra: &[String],
) -> std::process::Output {
    let profile = tempfile::tempdir().unwrap();
    let out = Process::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ])
        .arg(format!("--window-size={},{}", size.0, size.1))
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn the_html_report_renders_offline_in_a_real_browser() {
    let Some(chromium) = tool("chromium", "KESIAPAN_REQUIRE_BROWSER") else {
        return;
    };
    let (d, a) = assess(&["--format", "html,json"]);
    let page = d.path().join("laporan.html");
    let work = tempfile::tempdir().unwrap();
    let run = |extra: &[String]| headless(&chromium, &page, (1280, 2000), extra);
    // The DOM after the scripts ran, with every network request logged.
    let netlog = work.path().join("net.json");
    let dom = run(&[
        format!("--log-net-log={}", netlog.display()),
        "--enable-logging=stderr".into(),
        "--v=0".into(),
        "--dump-dom".into(),
    ]);
    // The page's scripts ran without an error.
    let console = String::from_utf8_lossy(&dom.stderr);
    let errors: Vec<&str> = console
        .lines()
        .filter(|l| l.contains(":CONSOLE") && (l.contains("Uncaught") || l.contains("Error")))
        .collect();
    assert!(errors.is_empty(), "script errors: {errors:?}");
    let dom = String::from_utf8(dom.stdout).unwrap();
    assert!(dom.contains(a["summary"]["message"].as_str().unwrap()));
    assert!(dom.contains("id=\"province-answer\""));
    // Requests the page made (the browser's own background requests have no page origin).
    let log: serde_json::Value = serde_json::from_str(&read(&netlog)).unwrap();
    let start = &log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"];
    let page_requests: Vec<String> = log["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| &e["type"] == start)
        .filter(|e| e["params"]["initiator"] != "not an origin")
        .filter_map(|e| e["params"]["url"].as_str().map(str::to_string))
        .filter(|u| !u.starts_with("file:") && !u.starts_with("data:"))
        .collect();
    assert!(
        page_requests.is_empty(),
        "network requests: {page_requests:?}"
    );

    // A screenshot that is not blank.
    let png_path = work.path().join("shot.png");
    run(&[format!("--screenshot={}", png_path.display())]);
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&png_path).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let px = info.color_type.samples();
    let colours: std::collections::BTreeSet<&[u8]> = buf[..info.buffer_size()].chunks(px).collect();
    assert!(
        colours.len() > 50,
        "a blank page ({} colours)",
        colours.len()
    );
}

/// The page and its charts as a phone shows them: `{viewport, page, chart_text, track, wide}`
/// (the viewport and page widths, the smallest chart text and the narrowest dimension-bar track
/// in CSS px, elements that stick out of the screen outside a box that scrolls), measured by a
/// script added to a copy of the page. Headless Chromium's window is at least 500 px wide, so
/// the page is shown in a 390 px frame (`srcdoc`: the frame shares the harness's origin, and
/// the script writes its figures into the harness).
fn measured_on_a_phone(chromium: &Path, html: &str) -> serde_json::Value {
    const PROBE: &str = r#"<script>(function(){
var d=document.documentElement,r={viewport:window.innerWidth,page:d.scrollWidth,chart_text:1e9,track:1e9,wide:[]};
document.querySelectorAll('.chart svg text').forEach(function(t){var m=t.getScreenCTM();var px=parseFloat(getComputedStyle(t).fontSize)*(m?Math.hypot(m.a,m.b):1);if(t.textContent.trim()&&px<r.chart_text)r.chart_text=px;});
document.querySelectorAll('.bar .track').forEach(function(t){var w=t.getBoundingClientRect().width;if(w<r.track)r.track=w;});
document.querySelectorAll('main *').forEach(function(e){var b=e.getBoundingClientRect();if(b.right>window.innerWidth+0.5){var p=e.parentElement,inBox=false;while(p){var o=getComputedStyle(p).overflowX;if(o==='auto'||o==='scroll'){inBox=true;break;}p=p.parentElement;}if(!inBox&&r.wide.length<5)r.wide.push(e.tagName+'.'+e.className+' '+Math.round(b.right));}});
var p=parent.document.createElement('pre');p.id='probe';p.textContent=JSON.stringify(r);parent.document.body.appendChild(p);})();</script>"#;
    let page = html.replace("</body>", &format!("{PROBE}</body>"));
    let srcdoc = page.replace('&', "&amp;").replace('"', "&quot;");
    let dir = tempfile::tempdir().unwrap();
    let harness = dir.path().join("phone.html");
    std::fs::write(
        &harness,
        format!(
            "<!DOCTYPE html><html><body style=\"margin:0\"><iframe style=\"border:0;display:block\" width=\"390\" height=\"844\" srcdoc=\"{srcdoc}\"></iframe></body></html>"
        ),
    )
    .unwrap();
    let dom = headless(chromium, &harness, (1280, 1000), &["--dump-dom".into()]);
    let dom = String::from_utf8(dom.stdout).unwrap();
    let json = dom
        .rsplit("<pre id=\"probe\">")
        .next()
        .and_then(|s| s.split_once("</pre>"))
        .map(|(j, _)| j.replace("&quot;", "\"").replace("&amp;", "&"))
        .expect("the probe wrote nothing");
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

/// Issue 13: at 390 px the per-unit indicator tables overflowed the page (510 px), the dimension
/// bars shrank to slivers and the chart text was about 3 px; printed, the report ran to 82 pages
/// with headings orphaned at the foot of a page. On a phone now nothing is wider than the screen
/// but what scrolls in its own box; printed, a summary of at most three pages, then exactly one
/// page per unit, then the appendix, and no page ends on a heading.
#[test]
fn the_html_report_fits_a_phone_and_prints_as_a_summary_and_one_page_per_unit() {
    let Some(chromium) = tool("chromium", "KESIAPAN_REQUIRE_BROWSER") else {
        return;
    };
    let Some(pdftotext) = tool("pdftotext", "KESIAPAN_REQUIRE_OFFICE") else {
        return;
    };
    let (d, a) = assess(&["--format", "html,json"]);
    let page = d.path().join("laporan.html");
    let html = read(&page);

    let m = measured_on_a_phone(&chromium, &html);
    assert_eq!(m["viewport"], 390, "{m}");
    assert!(
        m["page"].as_f64().unwrap() <= 390.0,
        "page wider than the phone: {m}"
    );
    assert_eq!(m["wide"], serde_json::json!([]), "{m}");
    assert!(
        m["chart_text"].as_f64().unwrap() >= 11.0,
        "chart text too small: {m}"
    );
    assert!(
        m["track"].as_f64().unwrap() >= 100.0,
        "bars too narrow: {m}"
    );

    let work = tempfile::tempdir().unwrap();
    let pdf = work.path().join("laporan.pdf");
    headless(
        &chromium,
        &page,
        (1280, 2000),
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".into(),
        ],
    );
    let text = Process::new(&pdftotext)
        .args(["-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(text.status.success());
    let text = String::from_utf8(text.stdout).unwrap();
    let pages: Vec<&str> = text.trim_end_matches('\u{c}').split('\u{c}').collect();
    // Each page's text on one line (a long heading wraps).
    let flat: Vec<String> = pages
        .iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let units = a["units"].as_array().unwrap();
    let heading = |u: &serde_json::Value| {
        format!(
            "{} — {}",
            u["id"].as_str().unwrap(),
            u["name"].as_str().unwrap_or_default()
        )
    };
    let first_card = flat
        .iter()
        .position(|p| p.contains(&heading(&units[0])))
        .expect("no page for the first unit");
    assert!(
        (2..=3).contains(&first_card),
        "the summary takes {first_card} pages"
    );
    for (k, u) in units.iter().enumerate() {
        let p = &flat[first_card + k];
        let on_page: Vec<&str> = units
            .iter()
            .filter(|v| p.contains(&heading(v)))
            .map(|v| v["id"].as_str().unwrap())
            .collect();
        assert_eq!(
            on_page,
            [u["id"].as_str().unwrap()],
            "page {} is not {}'s card alone",
            first_card + k + 1,
            u["id"]
        );
    }
    let after = &flat[first_card + units.len()];
    assert!(after.contains("Lampiran"), "{after}");
    // No page ends on a heading: its last line is never the start of one of the page's headings.
    let headings: Vec<String> = html
        .split("<h")
        .skip(1)
        .filter(|s| s.starts_with(|c: char| ('1'..='4').contains(&c)))
        .filter_map(|s| s.split_once('>').map(|(_, rest)| rest))
        .filter_map(|s| s.split_once("</h").map(|(h, _)| strip_tags(h)))
        .map(|h| h.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|h| !h.is_empty())
        .collect();
    for (i, p) in pages.iter().enumerate() {
        let last = p.lines().rev().map(str::trim).find(|l| !l.is_empty());
        let Some(last) = last else { continue };
        let last = last.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            !headings.iter().any(|h| h.starts_with(&last)),
            "page {} ends on the heading `{last}`",
            i + 1
        );
    }
}

/// Run LibreOffice's converter into `out`. A first start of LibreOffice on a fresh machine
/// sometimes exits 0 without writing anything (seen in CI: the PDF was missing, so its text was
/// empty); the conversion is retried, with a fresh profile, until a file named after `file` is
/// in `out`.
fn soffice(bin: &Path, filter: &str, file: &Path, out: &Path) {
    let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
    let written = || {
        std::fs::read_dir(out)
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with(&stem))
    };
    let mut tries = Vec::new();
    for _ in 0..3 {
        let profile = tempfile::tempdir().unwrap();
        let status = Process::new(bin)
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.path().display()
            ))
            .args(["--headless", "--convert-to", filter, "--outdir"])
            .arg(out)
            .arg(file)
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        if written() {
            return;
        }
        tries.push(format!(
            "{}{}",
            String::from_utf8_lossy(&status.stdout),
            String::from_utf8_lossy(&status.stderr)
        ));
    }
    panic!(
        "LibreOffice wrote nothing for {}: {tries:?}",
        file.display()
    );
}

#[test]
fn the_office_files_open_in_a_real_office_suite() {
    let Some(soffice_bin) = tool("soffice", "KESIAPAN_REQUIRE_OFFICE") else {
        return;
    };
    let Some(pdftotext) = tool("pdftotext", "KESIAPAN_REQUIRE_OFFICE") else {
        return;
    };
    let (d, a) = assess(&["--format", "briefing,xlsx,json"]);
    let out = tempfile::tempdir().unwrap();
    // The briefing: Word → PDF, then the text of the PDF.
    soffice(
        &soffice_bin,
        "pdf",
        &d.path().join("telaahan-staf.docx"),
        out.path(),
    );
    let pdf = out.path().join("telaahan-staf.pdf");
    let text = Process::new(&pdftotext)
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    for h in [
        "TELAAHAN STAF",
        "I. Persoalan",
        "II. Praanggapan",
        "III. Fakta-Fakta yang Mempengaruhi",
        "IV. Analisis",
        "V. Kesimpulan",
        "VI. Saran / Tindakan yang Disarankan",
        "Lampiran",
    ] {
        assert!(text.contains(h), "`{h}` not in the PDF");
    }
    // The memo itself fits on two A4 pages; the annex starts on page 3.
    let pages = |from: u32, to: u32| {
        let out = Process::new(&pdftotext)
            .args(["-f", &from.to_string(), "-l", &to.to_string()])
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let memo = pages(1, 2);
    assert!(memo.contains("Demikian telaahan ini") && memo.contains("Tembusan"));
    assert!(!memo.contains("Lampiran: Hasil per OPD"));
    assert!(pages(3, 3).contains("Lampiran: Hasil per OPD"));

    // The workbook: every sheet to CSV; the unit sheet has a row per unit.
    soffice(
        &soffice_bin,
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
        &d.path().join("analisis.xlsx"),
        out.path(),
    );
    let units = read(&out.path().join("analisis-OPD.csv"));
    for u in a["units"].as_array().unwrap() {
        let line = units
            .lines()
            .find(|l| l.starts_with(&format!("{},", u["id"].as_str().unwrap())))
            .unwrap_or_else(|| panic!("{} missing", u["id"]));
        assert!(line.contains(u["verdict_label"].as_str().unwrap()));
    }
    assert!(read(&out.path().join("analisis-Ringkasan.csv")).contains("Layak Terbatas"));
}

/// Issue 14: the evaluation report gives the answer first and its main text (Dasar to
/// Rekomendasi) on two A4 pages; the annexes start on page 3.
#[test]
fn the_evaluation_report_fits_two_pages_before_its_annexes() {
    let Some(soffice_bin) = tool("soffice", "KESIAPAN_REQUIRE_OFFICE") else {
        return;
    };
    let Some(pdftotext) = tool("pdftotext", "KESIAPAN_REQUIRE_OFFICE") else {
        return;
    };
    let d = tempfile::tempdir().unwrap();
    kesiapan()
        .args([
            "evaluate",
            "--format",
            "docx",
            "--now",
            "2026-01-12T09:00:00Z",
            "--out",
        ])
        .arg(d.path())
        .assert()
        .success();
    let out = tempfile::tempdir().unwrap();
    soffice(
        &soffice_bin,
        "pdf",
        &d.path().join("evaluasi-wfa.docx"),
        out.path(),
    );
    let pdf = out.path().join("evaluasi-wfa.pdf");
    let pages = |from: u32, to: u32| {
        let out = Process::new(&pdftotext)
            .args(["-f", &from.to_string(), "-l", &to.to_string()])
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let first = pages(1, 1);
    assert!(first.contains("Kinerja tingkat provinsi"), "{first}");
    assert!(first.contains("Tidak dapat dievaluasi"), "{first}");
    let main = pages(1, 2);
    assert!(main.contains("VII. Rekomendasi"), "{main}");
    assert!(
        main.contains("Membekukan ukuran"),
        "the last recommendation is on page 2:\n{main}"
    );
    assert!(!main.contains("Lampiran 1"), "{main}");
    assert!(pages(3, 3).contains("Lampiran 1"));
}

#[test]
fn a_ministry_size_run_keeps_the_reports_readable() {
    use kesiapan::assessment::Assessment;
    use kesiapan::report::bundle::Format as ReportFormat;
    use kesiapan::report::{self, bundle};
    // 1,050 units: the unit tables stay complete, the detail sections and the memo's annex are
    // capped, and the reports say where the rest is.
    let (_d, v) = assess(&["--format", "json"]);
    let mut a: Assessment = serde_json::from_value(v).unwrap();
    let base = a.units.clone();
    a.units = (0..1050)
        .map(|i| {
            let mut u = base[i % base.len()].clone();
            u.id = format!("U-{i:04}");
            u
        })
        .collect();
    let opts = bundle::RenderCtx {
        templates: report::templates::Templates::default(),
        memo: report::briefing::MemoConfig::default(),
        csv_dialect: Default::default(),
    };
    let files: BTreeMap<String, Vec<u8>> = bundle::render(
        &a,
        &[
            ReportFormat::Html,
            ReportFormat::Md,
            ReportFormat::Briefing,
            ReportFormat::Csv,
        ],
        &opts,
    )
    .unwrap()
    .into_iter()
    .collect();
    let text = |n: &str| String::from_utf8(files[n].clone()).unwrap();
    let html = text("laporan.html");
    assert_eq!(
        html.matches("<section class=\"unit\"").count(),
        report::DETAIL_CAP
    );
    assert_eq!(
        html.matches("<tr data-verdict=").count(),
        1050,
        "the unit table is complete"
    );
    assert!(html.contains("Rincian 50 OPD lainnya ada di buku kerja analisis"));
    let md = text("ringkasan.md");
    assert_eq!(md.matches("\n### U-").count(), report::DETAIL_CAP);
    assert!(md.contains("Rincian 50 OPD lainnya"));
    let memo = text("telaahan-staf.md");
    let annex = &memo[memo.find("## Lampiran").unwrap()..];
    assert_eq!(annex.matches("\n| U-").count(), report::ANNEX_CAP);
    assert!(annex.contains("950 OPD lainnya: daftar lengkap di `analisis.xlsx`"));
    assert_eq!(text("opd.csv").lines().count(), 1051);
}

#[test]
fn templates_folder_overrides_the_diff_plan_sensitivity_and_workbook_wording() {
    let t = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("diff.md.tera", "OWN DIFF {{ units | length }}\n"),
        ("plan.md.tera", "OWN PLAN\n"),
        ("sensitivity.md.tera", "OWN SENSITIVITY\n"),
        ("data-quality.md.tera", "OWN QUALITY {{ errors }}\n"),
        // One label replaced; every other keeps the embedded wording.
        ("workbook.strings.toml", "[id]\ncode = \"KODE OPD\"\n"),
    ] {
        std::fs::write(t.path().join(name), text).unwrap();
    }
    let templates = t.path().to_str().unwrap();
    let tiny = [
        "--rubric",
        "tests/fixtures/tiny/tiny.toml",
        "--data",
        "tests/fixtures/tiny",
    ];
    let out = tempfile::tempdir().unwrap();
    let o = |n: &str| out.path().join(n);
    kesiapan()
        .arg("plan")
        .args(tiny)
        .args(["--format", "md", "--templates", templates, "--out"])
        .arg(o("plan"))
        .assert()
        .success();
    assert_eq!(read(&o("plan").join("rencana.md")), "OWN PLAN\n");
    kesiapan()
        .arg("sensitivity")
        .args(tiny)
        .args([
            "--runs",
            "5",
            "--format",
            "md",
            "--templates",
            templates,
            "--out",
        ])
        .arg(o("sens"))
        .assert()
        .success();
    assert_eq!(
        read(&o("sens").join("sensitivitas.md")),
        "OWN SENSITIVITY\n"
    );
    kesiapan()
        .arg("validate")
        .args(tiny)
        .args(["--templates", templates, "--out"])
        .arg(o("validate"))
        .assert()
        .code(1);
    assert!(read(&o("validate").join("data-quality.md")).starts_with("OWN QUALITY "));
    // `diff` and `assess --baseline` both word the comparison with the folder's template.
    let (a, _) = assess(&["--format", "json,xlsx,csv", "--templates", templates]);
    let saved = a.path().join("assessment.json");
    kesiapan()
        .arg("diff")
        .arg(&saved)
        .arg(&saved)
        .args(["--format", "md", "--templates", templates, "--out"])
        .arg(o("diff"))
        .assert()
        .success();
    assert_eq!(read(&o("diff").join("perubahan.md")), "OWN DIFF 40\n");
    let (b, _) = assess(&[
        "--format",
        "json,md",
        "--templates",
        templates,
        "--baseline",
        saved.to_str().unwrap(),
    ]);
    assert_eq!(read(&b.path().join("perubahan.md")), "OWN DIFF 40\n");
    // The workbook and the CSV take their labels from the folder's strings file.
    let csv = read(&a.path().join("opd.csv"));
    assert!(csv.starts_with("KODE OPD,Nama,Skor,"), "{}", &csv[..60]);
    let xlsx = zip_text(&std::fs::read(a.path().join("analisis.xlsx")).unwrap());
    assert!(xlsx.contains("KODE OPD") && xlsx.contains("Ringkasan"));
    // Without an override the embedded templates are used.
    kesiapan()
        .arg("plan")
        .args(tiny)
        .args(["--format", "md", "--out"])
        .arg(o("plan-default"))
        .assert()
        .success();
    assert_ne!(read(&o("plan-default").join("rencana.md")), "OWN PLAN\n");
}

#[test]
fn every_verdict_of_a_six_verdict_rubric_has_a_colour() {
    // Six verdict bands instead of three, units spread over them: the HTML and the workbook
    // give each band its own colour (the palette cycles past its last colour).
    let (_d, mut a) = assess(&["--format", "json"]);
    let ids = ["v_a", "v_b", "v_c", "v_d", "v_e", "v_f"];
    a["verdicts"] = serde_json::Value::Array(
        ids.iter()
            .enumerate()
            .map(|(i, id)| {
                serde_json::json!({
                    "id": id,
                    "label": format!("Band {}", i + 1),
                    "min_score": 100.0 - 20.0 * i as f64,
                })
            })
            .collect(),
    );
    let mut counts = serde_json::Map::new();
    let units = a["units"].as_array_mut().unwrap();
    for (k, u) in units.iter_mut().enumerate() {
        let i = k % ids.len();
        u["verdict"] = ids[i].into();
        u["score_verdict"] = ids[i].into();
        u["verdict_label"] = format!("Band {}", i + 1).into();
        for g in u["gates_failed"].as_array_mut().unwrap() {
            g["cap"] = "v_f".into();
        }
        let n = counts.get(ids[i]).and_then(|n| n.as_u64()).unwrap_or(0);
        counts.insert(ids[i].to_string(), (n + 1).into());
    }
    for g in a["rubric"]["applied"]["gates"].as_array_mut().unwrap() {
        g["cap"] = "v_f".into();
    }
    a["summary"]["verdict"] = "v_e".into();
    a["summary"]["verdict_counts"] = counts.into();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("assessment.json");
    std::fs::write(&path, serde_json::to_string(&a).unwrap()).unwrap();
    kesiapan()
        .args(["render", "--format", "html,xlsx", "--out"])
        .arg(dir.path())
        .arg(&path)
        .assert()
        .success();
    let html = read(&dir.path().join("laporan.html"));
    let css = &html[html.find("<style>").unwrap()..html.find("</style>").unwrap()];
    for i in 0..ids.len() {
        assert!(
            html.contains(&format!("class=\"badge v{i}\">Band {}", i + 1)),
            "verdict {i} has a badge"
        );
        let styled = css.contains(&format!(".badge.v{i}{{background:"))
            || css.contains(&format!(".badge.v{i},"));
        assert!(styled, "verdict {i} has a colour in the stylesheet");
    }
    // The workbook: the rubric sheet lists the six bands, each on its palette fill.
    let xlsx = zip_text(&std::fs::read(dir.path().join("analisis.xlsx")).unwrap());
    for fill in ["C6EFCE", "FFEB9C", "FFC7CE", "E0E0E0", "CFE2F3", "E4D7EE"] {
        assert!(
            xlsx.contains(&format!("rgb=\"FF{fill}\"")),
            "fill {fill} in the workbook"
        );
    }
}

/// Issue 13: the memo named obstacles by the label of what was missing ("Kendala utama: Ada
/// pelaporan output" for units with none) and counted Layak units among those held back.
#[test]
fn the_memo_names_obstacles_as_problems_with_their_office() {
    let (d, a) = assess(&["--format", "briefing,json"]);
    let md = read(&d.path().join("telaahan-staf.md"));
    let fakta = &md[md.find("## III.").unwrap()..md.find("## IV.").unwrap()];
    // Gate labels that read as the goal never name a problem.
    for goal in [
        "Ada pelaporan output (",
        "Kinerja terukur (",
        "Layanan publik garis depan (",
    ] {
        assert!(!md.contains(goal), "{goal} in\n{fakta}");
    }
    assert!(fakta.contains("Tidak ada pelaporan output ("), "{fakta}");
    // Each verdict group below Layak is told what holds it back.
    for b in a["summary"]["blockers"].as_array().unwrap() {
        let line = format!(
            "{} OPD *{}* belum dapat naik ke *{}*; kekurangan yang paling banyak mereka miliki:",
            b["units"],
            b["verdict_label"].as_str().unwrap(),
            b["next_label"].as_str().unwrap()
        );
        assert!(fakta.contains(&line), "{line} not in\n{fakta}");
    }
    // No Layak unit is counted as held back by an obstacle.
    let held: u64 = a["summary"]["top_obstacles"][0]["units"].as_u64().unwrap();
    let not_best: u64 = a["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["verdict"] != "layak")
        .count() as u64;
    assert!(held <= not_best, "{held} > {not_best}");
    let saran = &md[md.find("## VI.").unwrap()..];
    assert!(
        saran.contains("Menugaskan BKD bersama OPD terkait mengatasi *"),
        "{saran}"
    );
}

/// Issue 13: OPD-12 scores 69,98 under a band that starts at 70: the terminal said "70 Layak
/// Terbatas", the memo and HTML "69,9", the diff "69,98"; its laptops were "0,6 per pegawai,
/// di bawah target 0,6". One formatter: the same figure everywhere, never across the band.
#[test]
fn a_score_just_under_a_band_reads_the_same_everywhere() {
    let out = tempfile::tempdir().unwrap();
    let run = kesiapan()
        .args([
            "assess",
            "--now",
            NOW,
            "--format",
            "briefing,html,json,md",
            "--out",
        ])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(run.status.success());
    let terminal = String::from_utf8(run.stdout).unwrap();
    let a: serde_json::Value =
        serde_json::from_str(&read(&out.path().join("assessment.json"))).unwrap();
    let u = unit(&a, "OPD-12");
    let score = f(&u["score"]);
    assert!(
        score < 70.0 && score > 69.95,
        "{score}: the fixture moved, pick another unit"
    );
    let line = terminal.lines().find(|l| l.starts_with("OPD-12")).unwrap();
    assert!(line.contains(" 69,98 "), "{line}");
    for file in ["telaahan-staf.md", "laporan.html", "ringkasan.md"] {
        let text = read(&out.path().join(file));
        assert!(text.contains("69,98"), "{file}");
        assert!(!text.contains("69,9 "), "{file}");
    }
    let laptops = indicator(u, "rasio_laptop");
    assert!(f(&laptops["value"]) < 0.6);
    assert_eq!(laptops["display"], "0,597 per pegawai");
}

/// Issue 13: `opd.csv` opened by double-click in an Indonesian-locale Excel split nothing (it
/// expects `;` and decimal commas). `--csv-dialect id` writes what it reads; the figures are
/// the same as the plain file's.
#[test]
fn opd_csv_in_the_indonesian_excel_dialect_has_the_same_figures() {
    let (plain, _) = assess(&["--format", "csv"]);
    let (id, _) = assess(&["--format", "csv", "--csv-dialect", "id"]);
    let p = std::fs::read(plain.path().join("opd.csv")).unwrap();
    let i = std::fs::read(id.path().join("opd.csv")).unwrap();
    assert!(i.starts_with("\u{feff}".as_bytes()), "no BOM");
    assert!(!p.starts_with("\u{feff}".as_bytes()));
    let rows = |bytes: &[u8], sep: u8| -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .delimiter(sep)
            .has_headers(false)
            .from_reader(bytes)
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    };
    let (p, i) = (rows(&p, b','), rows(&i[3..], b';'));
    assert_eq!(p.len(), i.len());
    assert!(p[0].len() > 5);
    for (a, b) in p.iter().zip(&i) {
        assert_eq!(a.len(), b.len(), "{b:?}");
        for (x, y) in a.iter().zip(b) {
            match x.parse::<f64>() {
                Ok(n) => assert_eq!(y.replace(',', ".").parse::<f64>().unwrap(), n, "{y}"),
                Err(_) => assert_eq!(x, y),
            }
        }
    }
    // OPD-12's score has its decimal comma.
    let opd12 = i.iter().find(|r| r[0] == "OPD-12").unwrap();
    assert!(opd12[2].starts_with("69,9"), "{opd12:?}");
}

/// Issue 13: `--from` changed the sender ("Dari") but the memo was still signed by the
/// config's Head of the Organisation Bureau, by name.
#[test]
fn from_changes_the_sender_and_the_signer_together() {
    let cfg_dir = tempfile::tempdir().unwrap();
    let cfg = cfg_dir.path().join("memo.toml");
    std::fs::write(
        &cfg,
        "dari = \"Kepala Biro Organisasi\"\njabatan = \"Kepala Biro Organisasi\"\nnama = \"Dra. Contoh\"\n",
    )
    .unwrap();
    let (d, _) = assess(&[
        "--format",
        "briefing",
        "--briefing-config",
        cfg.to_str().unwrap(),
        "--from",
        "Kepala Badan Kepegawaian Daerah",
    ]);
    let md = read(&d.path().join("telaahan-staf.md"));
    assert!(
        md.contains("| Dari | : Kepala Badan Kepegawaian Daerah |"),
        "{md}"
    );
    let sign = &md[md.find("Demikian telaahan").unwrap()..md.find("<!-- pagebreak -->").unwrap()];
    assert!(
        sign.contains("| Kepala Badan Kepegawaian Daerah |"),
        "{sign}"
    );
    assert!(!md.contains("Kepala Biro Organisasi"), "{sign}");
    assert!(!md.contains("Dra. Contoh"), "{sign}");
    assert!(sign.contains("(nama penandatangan)"), "{sign}");
}

/// Issue 13: the memo's annex as an office expects it: grouped by hasil penilaian with
/// subtotals, headcount and minimum on site, the OPD kind from the master list; the .docx with
/// Word heading styles, a header row repeated on every page, and the run's time and sender.
#[test]
fn the_memo_annex_is_grouped_with_totals_and_the_docx_is_a_real_word_document() {
    let (d, a) = assess(&["--format", "briefing,json"]);
    let md = read(&d.path().join("telaahan-staf.md"));
    let annex = &md[md.find("## Lampiran: Hasil").unwrap()..];
    assert!(annex.contains("| Kode | OPD | Jenis | Pegawai | Skor | WFA bersamaan | Minimal di kantor | Kendala utama |"), "{annex}");
    let mut at = 0;
    for g in a["summary"]["groups"].as_array().unwrap() {
        let label = g["label"].as_str().unwrap();
        let head = format!("|  | **{label}** |");
        let p = annex[at..].find(&head).unwrap_or_else(|| panic!("{head}"));
        at += p;
        // The group's rows add up to its total line.
        let total_at = annex[at..].find(&format!("**Jumlah {label}:")).unwrap() + at;
        let rows: Vec<&str> = annex[at..total_at]
            .lines()
            .filter(|l| l.starts_with("| OPD-"))
            .collect();
        assert_eq!(rows.len() as u64, g["units"].as_u64().unwrap(), "{label}");
        let staff: i64 = rows
            .iter()
            .map(|r| {
                r.split('|')
                    .nth(4)
                    .unwrap()
                    .trim()
                    .replace('.', "")
                    .parse::<i64>()
                    .unwrap()
            })
            .sum();
        assert_eq!(Some(staff), g["staff_total"].as_i64(), "{label}");
        // Shown in Indonesian digits: 1.961.
        let digits = staff.to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push('.');
            }
            grouped.push(c);
        }
        let line = annex[total_at..].lines().next().unwrap();
        assert!(line.contains(&format!("| **{grouped}** |")), "{line}");
        at = total_at;
    }
    let docx = std::fs::read(d.path().join("telaahan-staf.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let document = part("word/document.xml");
    assert_eq!(
        document.matches("<w:tblHeader />").count(),
        1,
        "the annex table"
    );
    assert!(
        !document.contains("w:val=\"7\" w:hRule"),
        "the header marker is replaced"
    );
    assert!(document.contains(r#"<w:pStyle w:val="Heading2" />"#));
    assert!(part("word/styles.xml").contains(r#"w:styleId="Heading2""#));
    let core = part("docProps/core.xml");
    assert!(core.contains("2025-12-23T09:00:00Z"), "{core}");
    assert!(
        core.contains("<dc:creator>Kepala Biro Organisasi"),
        "{core}"
    );
}
