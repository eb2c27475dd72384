//! No English sentence reaches an Indonesian output. The real binary runs with the default
//! language (`--lang id`) on the sample data, the generated messy submissions and the blind
//! corpus: `assess` with every format, `validate` with feedback workbooks, `template` and
//! `rubric explain`. Every text a reader sees is collected (stdout and stderr, `.md`, `.html`,
//! `.csv`, every string cell and sheet name of every `.xlsx`, the text of every `.docx`; not
//! `.json`, whose `message` stays English for programs), and no English fragment may occur in
//! it: every literal run of three words or more between the placeholders of
//! `src/messages/en.toml`, and every value of three words or more of the `[en]` tables of
//! `reports/report.strings.toml` and `reports/workbook.strings.toml`. A fragment that is word
//! for word in the Indonesian catalogue too (a date format, a command line) is not English.

use crate::common::*;
use std::collections::BTreeMap;
use std::path::Path;

/// Outputs whose English comes from parts of the tool outside the message catalogue's reach
/// (the lead's areas), named by file so that the test stays honest for everything else. Each
/// entry is (run, file relative to its output folder); the lead empties this list.
const ALLOWED_FILES: &[(&str, &str)] = &[];

/// The literal pieces of a template between its `{placeholders}`.
fn literal_pieces(t: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '{' {
            let mut name = String::new();
            while let Some(&n) = chars.peek() {
                if n.is_ascii_lowercase() || n.is_ascii_digit() || n == '_' {
                    name.push(n);
                    chars.next();
                } else {
                    break;
                }
            }
            if !name.is_empty() && chars.peek() == Some(&'}') {
                chars.next();
                out.push(std::mem::take(&mut cur));
                continue;
            }
            cur.push('{');
            cur.push_str(&name);
            continue;
        }
        cur.push(c);
    }
    out.push(cur);
    out
}

/// A piece trimmed of the punctuation and spaces at its ends, when it has three words or more.
fn fragment(piece: &str) -> Option<String> {
    let trimmed = piece.trim_matches(|c: char| !c.is_alphanumeric());
    let words = trimmed
        .split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_alphabetic()))
        .count();
    (words >= 3).then(|| trimmed.to_string())
}

/// Every string value of a TOML table, nested tables included.
fn strings_of(v: &toml::Value, out: &mut Vec<String>) {
    match v {
        toml::Value::String(s) => out.push(s.clone()),
        toml::Value::Table(t) => t.values().for_each(|v| strings_of(v, out)),
        toml::Value::Array(a) => a.iter().for_each(|v| strings_of(v, out)),
        _ => {}
    }
}

/// The English fragments to look for, each with where it comes from.
fn english_fragments() -> Vec<(String, String)> {
    let cat = |name: &str| -> BTreeMap<String, String> {
        toml::from_str(&read(&root().join("src/messages").join(name))).unwrap()
    };
    let (en, id) = (cat("en.toml"), cat("id.toml"));
    let mut indonesian: Vec<String> = id.values().cloned().collect();
    let mut found: Vec<(String, String)> = Vec::new();
    for (k, t) in &en {
        for p in literal_pieces(t) {
            if let Some(f) = fragment(&p) {
                found.push((f, format!("en.toml `{k}`")));
            }
        }
    }
    for file in ["report.strings.toml", "workbook.strings.toml"] {
        let v: toml::Value = toml::from_str(&read(&root().join("reports").join(file))).unwrap();
        let mut en_strings = Vec::new();
        strings_of(&v["en"], &mut en_strings);
        strings_of(&v["id"], &mut indonesian);
        for s in en_strings {
            for p in literal_pieces(&s) {
                if let Some(f) = fragment(&p) {
                    found.push((f, format!("{file} [en]")));
                }
            }
        }
    }
    // Text that is the same in both languages is not English.
    found.retain(|(f, _)| !indonesian.iter().any(|i| i.contains(f.as_str())));
    found.sort();
    found.dedup_by(|a, b| a.0 == b.0);
    assert!(
        found.len() > 100,
        "too few fragments ({}): the catalogue was not read",
        found.len()
    );
    found
}

/// HTML and Markdown escapes undone, so that a fragment is found as a reader sees it.
fn unescape(s: &str) -> String {
    let s = s
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    // Markdown: a backslash before punctuation.
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    out
}

/// The readable text of every output file under `dir` (not `.json`), by relative path.
fn texts_under(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let rel = p.strip_prefix(dir).unwrap().display().to_string();
            let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
            let text = match ext {
                "md" | "html" | "csv" | "txt" => unescape(&read(&p)),
                "xlsx" => xlsx_strings(&p),
                "docx" => docx_text(&p),
                _ => continue,
            };
            out.push((rel, text));
        }
    }
    out.sort();
    out
}

/// Every sheet name and string cell of a workbook, one a line.
fn xlsx_strings(p: &Path) -> String {
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(p).unwrap();
    let mut out = String::new();
    for name in wb.sheet_names() {
        out.push_str(&name);
        out.push('\n');
        let range = wb.worksheet_range(&name).unwrap();
        for row in range.rows() {
            for c in row {
                if let calamine::Data::String(s) = c {
                    out.push_str(s);
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// The text of a Word document: its paragraphs' runs joined, a paragraph a line.
fn docx_text(p: &Path) -> String {
    use std::io::Read as _;
    let bytes = std::fs::read(p).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let xml = xml.replace("</w:p>", "\n");
    let mut text = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    unescape(&text)
}

/// One run of the binary: its name, stdout and stderr, and the texts of its output folder.
struct Run {
    name: &'static str,
    texts: Vec<(String, String)>,
}

/// Run `args` (plus `--out` a fresh folder when `out`), accepting exit codes 0 and 1 (data
/// problems found), and collect what it printed and wrote.
fn run(name: &'static str, args: &[&str], out: bool) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let mut c = kesiapan();
    c.args(args).env("KESIAPAN_NOW", NOW);
    if out {
        c.arg("--out").arg(dir.path());
    }
    let o = c.output().unwrap();
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{name}: {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut texts = vec![
        ("stdout".to_string(), String::from_utf8(o.stdout).unwrap()),
        ("stderr".to_string(), String::from_utf8(o.stderr).unwrap()),
    ];
    if out {
        texts.extend(texts_under(dir.path()));
    }
    Run { name, texts }
}

#[test]
fn no_english_sentence_reaches_an_indonesian_output() {
    let fragments = english_fragments();
    let messy = tempfile::tempdir().unwrap();
    messy::generate(messy.path());
    let messy = messy.path().to_str().unwrap().to_string();
    let corpus = "tests/fixtures/corpus/submissions";
    let roll = "tests/fixtures/corpus/daftar-opd.csv";
    let runs = vec![
        run("assess sample-data", &["assess", "--format", "all"], true),
        run(
            "validate sample-data",
            &["validate", "--feedback", "--data", "sample-data"],
            true,
        ),
        run(
            "assess messy",
            &[
                "assess",
                "--keep-going",
                "--format",
                "all",
                "--data",
                &messy,
            ],
            true,
        ),
        run(
            "validate messy",
            &["validate", "--keep-going", "--feedback", "--data", &messy],
            true,
        ),
        run(
            "assess corpus",
            &[
                "assess", "--format", "all", "--data", corpus, "--units", roll,
            ],
            true,
        ),
        run(
            "validate corpus",
            &["validate", "--feedback", "--data", corpus, "--units", roll],
            true,
        ),
        run("template", &["template"], true),
        run("template per unit", &["template", "--per-unit"], true),
        run(
            "rubric explain",
            &["rubric", "explain", "--lang", "id"],
            false,
        ),
        run("plan", &["plan", "--budget", "1.000.000.000"], true),
        run("sensitivity", &["sensitivity", "--runs", "200"], true),
    ];
    // The renderers outside the catalogue (plan, sensitivity, rubric explain, assess's
    // comparison heading) word their text in code: their English phrases, by hand.
    let mut fragments = fragments;
    for f in [
        "structural limits",
        "out of reach",
        "can reach the target",
        "Most sensitive",
        "Province answer",
        "verdicts are fragile",
        "Form of WFA",
        "cap the verdict",
        "Compared with the baseline",
        "one-off",
        "per additional staff",
        "Unit costs are assumptions",
        "fragile verdicts",
        "rises with it",
        "personal data, not shown",
    ] {
        fragments.push((f.to_string(), "renderer code".to_string()));
    }
    let mut leaks: Vec<String> = Vec::new();
    let mut all_text = String::new();
    for r in &runs {
        for (file, text) in &r.texts {
            all_text.push_str(text);
            if ALLOWED_FILES.contains(&(r.name, file.as_str())) {
                continue;
            }
            for (f, from) in &fragments {
                if text.contains(f.as_str()) {
                    leaks.push(format!("{}: {file}: \"{f}\" ({from})", r.name));
                }
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "{} English fragment(s) in Indonesian outputs:\n  {}",
        leaks.len(),
        leaks.join("\n  ")
    );
    // The catalogue's Indonesian is what is shown.
    for known in [
        "Masalah data per kode:",
        "; ditolak",
        "dibaca sebagai",
        "bukan lembar kerja (Excel, ODS) atau berkas CSV; diabaikan",
        "Umpan balik data",
        "## Masalah per berkas",
    ] {
        assert!(all_text.contains(known), "no output says `{known}`");
    }
}

/// The same runs in English say the English words: the fragments are not found in Indonesian
/// because they are translated, not because the outputs are empty.
#[test]
fn the_english_catalogue_is_used_with_lang_en() {
    let r = run(
        "validate sample-data en",
        &[
            "validate",
            "--feedback",
            "--lang",
            "en",
            "--data",
            "sample-data",
        ],
        true,
    );
    let all: String = r.texts.iter().map(|(_, t)| t.as_str()).collect();
    for known in [
        "Data problems by code:",
        "; rejected",
        "Data feedback",
        "## Problems per file",
    ] {
        assert!(all.contains(known), "no English output says `{known}`");
    }
    assert!(!all.contains("Masalah data per kode:"));
}

#[test]
fn fragments_are_the_literal_runs_of_three_words_between_placeholders() {
    assert_eq!(
        literal_pieces("a {x} b c d {y}e"),
        ["a ", " b c d ", "e"].map(String::from)
    );
    assert_eq!(literal_pieces("{ not } {}"), ["{ not } {}".to_string()]);
    assert_eq!(
        fragment(" (also accepted: ").as_deref(),
        None,
        "two words are not a fragment"
    );
    assert_eq!(
        fragment("; the sheet's rows are rejected").as_deref(),
        Some("the sheet's rows are rejected")
    );
    assert_eq!(unescape("it&#x27;s \\*x\\*"), "it's *x*");
}
