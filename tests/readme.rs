//! The documentation's own examples, run so that they cannot rot: blocks marked
//! `<!-- tested: … -->` in README.md and rubrics/README.md (a complete rubric, its data, the result
//! table it gives, the command examples), and every rubric fragment of rubrics/README.md spliced
//! into the shipped rubric and checked.

use crate::common::*;
use std::path::Path;

/// A marked part of a Markdown file: the marker's words and the text under it (the next fenced
/// block, or for `result` the next table).
struct Marked {
    words: Vec<String>,
    body: String,
}

fn marked(md: &str) -> Vec<Marked> {
    let lines: Vec<&str> = md.lines().collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let Some(rest) = l.trim().strip_prefix("<!-- tested:") else {
            continue;
        };
        let words: Vec<String> = rest
            .trim_end_matches("-->")
            .split_whitespace()
            .map(String::from)
            .collect();
        let after = lines[i + 1..].iter().skip_while(|l| l.trim().is_empty());
        let body: Vec<&str> = if words[0] == "result" {
            after.take_while(|l| l.starts_with('|')).copied().collect()
        } else {
            let mut it = after;
            let fence = it.next().expect("a fenced block after the marker");
            assert!(fence.starts_with("```"), "marker not above a fence: {l}");
            it.take_while(|l| !l.starts_with("```")).copied().collect()
        };
        assert!(!body.is_empty(), "empty block under {l}");
        out.push(Marked {
            words,
            body: body.join("\n") + "\n",
        });
    }
    out
}

/// Every ```toml block of a Markdown file.
fn toml_blocks(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Option<Vec<&str>> = None;
    for l in md.lines() {
        match &mut cur {
            None if l.trim() == "```toml" => cur = Some(Vec::new()),
            Some(b) if l.starts_with("```") => {
                out.push(b.join("\n") + "\n");
                cur = None;
            }
            Some(b) => b.push(l),
            None => {}
        }
    }
    out
}

/// The README example: its rubric and data in a folder; returns (folder, rubric path, data dir).
fn minimal_example() -> (
    tempfile::TempDir,
    std::path::PathBuf,
    std::path::PathBuf,
    String,
) {
    let md = read(&root().join("rubrics/README.md"));
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let (mut rubric, mut table) = (None, None);
    for m in marked(&md) {
        match m.words[0].as_str() {
            "rubric" => {
                let p = dir.path().join(&m.words[1]);
                std::fs::write(&p, &m.body).unwrap();
                rubric = Some(p);
            }
            "data" => std::fs::write(data.join(&m.words[1]), &m.body).unwrap(),
            "result" => table = Some(m.body),
            other => panic!("unknown marker `{other}` in rubrics/README.md"),
        }
    }
    (
        dir,
        rubric.expect("a marked rubric"),
        data,
        table.expect("a marked result table"),
    )
}

fn assess_into(rubric: &Path, data: &Path, lang: &str, format: &str) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let o = kesiapan()
        .args(["assess", "--rubric"])
        .arg(rubric)
        .arg("--data")
        .arg(data)
        .args(["--lang", lang, "--format", format, "--now", NOW, "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "assess --lang {lang} --format {format}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

#[test]
fn readme_minimal_rubric_checks_and_assesses_as_documented() {
    let (_dir, rubric, data, table) = minimal_example();
    kesiapan()
        .args(["rubric", "check"])
        .arg(&rubric)
        .assert()
        .success();
    for lang in ["id", "en"] {
        assess_into(&rubric, &data, lang, "all");
    }
    let out = assess_into(&rubric, &data, "en", "json");
    let a: serde_json::Value =
        serde_json::from_str(&read(&out.path().join("assessment.json"))).unwrap();
    // | Unit | Laptop score | VPN score | Total | Verdict | Why |
    let rows: Vec<Vec<&str>> = table
        .lines()
        .skip(2)
        .map(|l| l.trim_matches('|').split('|').map(str::trim).collect())
        .collect();
    assert_eq!(rows.len(), a["units"].as_array().unwrap().len());
    for r in rows {
        let u = unit(&a, r[0]);
        let total: f64 = r[3].rsplit(' ').next().unwrap().parse().unwrap();
        close(f(&u["score"]), total, 0.05);
        assert_eq!(u["verdict_label"], r[4], "unit {}", r[0]);
        let why = r[5].split([' ', ';']).next().unwrap();
        assert_eq!(u["decided_by"], why, "unit {}", r[0]);
    }
}

#[test]
fn html_renders_when_coverage_decides_without_gate() {
    // The README's unit C: no gate, coverage 1/3 < 0.5. The template read `gates_failed[0]`
    // whenever the score did not decide, and `assess` exited 2 writing nothing.
    let (_dir, rubric, data, _) = minimal_example();
    for (lang, file, words) in [
        (
            "id",
            "laporan.html",
            "Hasil penilaian ditentukan oleh kelengkapan data",
        ),
        ("en", "report.html", "Verdict decided by data coverage"),
    ] {
        let out = assess_into(&rubric, &data, lang, "html");
        let html = read(&out.path().join(file));
        assert_eq!(html.matches(words).count(), 1, "{lang}: one unit (C)");
        assert!(
            !html.contains("capped by the condition") && !html.contains("dibatasi oleh syarat")
        );
    }
}

/// `cargo run --release -- ARGS  # comment` → (args, expected exit code from "exit N").
fn command(line: &str) -> Option<(Vec<String>, i32)> {
    let rest = line.trim().strip_prefix("cargo run --release -- ")?;
    let (cmd, comment) = rest.split_once(" #").unwrap_or((rest, ""));
    let code = comment
        .split_once("exit ")
        .map(|(_, n)| n.trim().parse().unwrap())
        .unwrap_or(0);
    // Words, with "double quotes" grouping.
    let (mut args, mut cur, mut quoted) = (Vec::new(), String::new(), false);
    for c in cmd.trim().chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !cur.is_empty() {
                    args.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        args.push(cur);
    }
    Some((args, code))
}

#[test]
fn readme_command_examples_run_with_their_documented_exit_codes() {
    let md = read(&root().join("README.md"));
    let blocks: Vec<Marked> = marked(&md)
        .into_iter()
        .filter(|m| m.words[0] == "commands")
        .collect();
    assert!(!blocks.is_empty(), "no `<!-- tested: commands -->` block");
    // A folder that looks like the repository (the defaults are relative paths), so that
    // `out/` is written there and not into the clone.
    let cwd = tempfile::tempdir().unwrap();
    for d in ["rubrics", "sample-data", "tests", "reports"] {
        #[cfg(unix)]
        std::os::unix::fs::symlink(root().join(d), cwd.path().join(d)).unwrap();
        #[cfg(not(unix))]
        return;
    }
    let mut ran = 0;
    for b in blocks {
        for line in b.body.lines() {
            let Some((args, code)) = command(line) else {
                continue;
            };
            let o = kesiapan()
                .current_dir(cwd.path())
                .env("KESIAPAN_NOW", NOW)
                .args(&args)
                .output()
                .unwrap();
            assert_eq!(
                o.status.code(),
                Some(code),
                "{line}\n{}",
                String::from_utf8_lossy(&o.stderr)
            );
            ran += 1;
        }
    }
    assert!(ran >= 5, "only {ran} commands found");
}

/// Splice `frag` into `base`: arrays of tables replace the entry with the same `id` (or are
/// appended), tables are merged key by key, other values replace.
fn splice(base: &mut toml::Table, frag: toml::Table) {
    for (k, v) in frag {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Array(old)), toml::Value::Array(new))
                if new.iter().all(|x| x.is_table()) =>
            {
                for n in new {
                    let id = n.get("id").cloned();
                    match old
                        .iter_mut()
                        .find(|o| id.is_some() && o.get("id") == id.as_ref())
                    {
                        Some(o) => *o = n,
                        None => old.push(n),
                    }
                }
            }
            (Some(toml::Value::Table(old)), toml::Value::Table(new)) => splice(old, new),
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

#[test]
fn readme_rubric_fragments_fit_the_shipped_rubric() {
    let md = read(&root().join("rubrics/README.md"));
    let shipped: toml::Table = toml::from_str(&read(&root().join("rubrics/wfa-asn-2025.toml")))
        .expect("the shipped rubric parses");
    let mut spliced = 0;
    for block in toml_blocks(&md) {
        // Complete rubrics are checked on their own (above); the layout sketch is not TOML.
        if block.contains("format-version") {
            continue;
        }
        // Fragments that are TOML tables ([[indicators]], [wfa], …): the shipped rubric with the
        // fragment in place must still pass the checker, so a renamed key or a wrong value in the
        // reference fails here. Loose lines (column lists, expression examples) are not TOML.
        let Ok(frag) = toml::from_str::<toml::Table>(&block) else {
            continue;
        };
        const SECTIONS: [&str; 10] = [
            "units",
            "scoring",
            "datasets",
            "dimensions",
            "indicators",
            "gates",
            "verdicts",
            "wfa",
            "province",
            "improvements",
        ];
        // A dataset's column list alone is not a section; it is shown, not spliced.
        if !frag.keys().all(|k| SECTIONS.contains(&k.as_str())) {
            continue;
        }
        let mut r = shipped.clone();
        splice(&mut r, frag);
        let text = toml::to_string(&r).unwrap();
        if let Err(e) = kesiapan::rubric::load_str(&text, "rubrics/wfa-asn-2025.toml") {
            panic!("the README fragment\n{block}\nbreaks the shipped rubric:\n{e}");
        }
        spliced += 1;
    }
    assert!(spliced >= 6, "only {spliced} fragments were checked");
}
