//! The one registry of report templates and the tera engine that renders them: every template
//! is embedded at build time from `reports/` and overridable at run time by a file of the same
//! name in `--templates DIR` (as mdBook's theme folder), so analysts can adjust wording without
//! recompiling. No renderer embeds a template of its own.
//!
//! Every value a template prints is escaped for its format, unless the template says `| safe`
//! (only the embedded CSS, JS and charts do): HTML templates with tera's HTML escaper, Markdown
//! templates (`*.md.tera`) with `text::md_cell` — data text in a heading, a list item or a table
//! cell can then never be markup, a link, an image or raw HTML. Both escapers first cap the
//! value at `text::TEXT_LIMIT` characters (`text::cap`, with its marker).
//!
//! This module finds and renders templates; it decides no wording and computes nothing.

use crate::format;
use crate::rubric::Lang;
use anyhow::{Context, Result, anyhow, bail};
use serde::Serialize;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// Every embedded template, by file name.
const EMBEDDED: &[(&str, &str)] = &[
    (
        "summary.id.md.tera",
        include_str!("../../reports/summary.id.md.tera"),
    ),
    (
        "summary.en.md.tera",
        include_str!("../../reports/summary.en.md.tera"),
    ),
    (
        "briefing.id.md.tera",
        include_str!("../../reports/briefing.id.md.tera"),
    ),
    (
        "briefing.en.md.tera",
        include_str!("../../reports/briefing.en.md.tera"),
    ),
    ("briefing.toml", include_str!("../../reports/briefing.toml")),
    (
        "report.html.tera",
        include_str!("../../reports/report.html.tera"),
    ),
    (
        "report.strings.toml",
        include_str!("../../reports/report.strings.toml"),
    ),
    ("report.css", include_str!("../../reports/report.css")),
    ("report.js", include_str!("../../reports/report.js")),
    (
        "workbook.strings.toml",
        include_str!("../../reports/workbook.strings.toml"),
    ),
    ("diff.md.tera", include_str!("../../reports/diff.md.tera")),
    ("plan.md.tera", include_str!("../../reports/plan.md.tera")),
    (
        "sensitivity.md.tera",
        include_str!("../../reports/sensitivity.md.tera"),
    ),
    (
        "data-quality.md.tera",
        include_str!("../../reports/data-quality.md.tera"),
    ),
    (
        "evaluation.md.tera",
        include_str!("../../reports/evaluation.md.tera"),
    ),
    (
        "evaluation.html.tera",
        include_str!("../../reports/evaluation.html.tera"),
    ),
];

/// Where templates come from.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Templates {
    dir: Option<PathBuf>,
}

impl Templates {
    /// Templates from `dir` where it has them, the embedded ones otherwise. A `dir` that does not
    /// exist is an error (a typo would otherwise silently give the defaults).
    pub fn new(dir: Option<&Path>) -> Result<Self> {
        if let Some(d) = dir {
            if !d.is_dir() {
                bail!("--templates {}: no such folder", d.display());
            }
        }
        Ok(Templates {
            dir: dir.map(Path::to_path_buf),
        })
    }

    /// The text of template `name`.
    pub fn get(&self, name: &str) -> Result<Cow<'static, str>> {
        if let Some(d) = &self.dir {
            let p = d.join(name);
            if p.is_file() {
                return crate::fsread::read_text(&p, crate::fsread::CONFIG_LIMIT)
                    .map(Cow::Owned)
                    .with_context(|| format!("cannot read the template {}", p.display()));
            }
        }
        EMBEDDED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| Cow::Borrowed(*t))
            .with_context(|| format!("no template named {name}"))
    }

    /// Render the template file `name` (e.g. `diff.md.tera`) with `ctx` and the filters for
    /// `lang`. Every printed value is escaped: a name ending in `.html.tera` for HTML, one
    /// ending in `.md.tera` for Markdown (see the module header).
    pub fn render(&self, lang: Lang, name: &str, ctx: &tera::Context) -> Result<String> {
        let template = self.get(name)?;
        let name = name.strip_suffix(".tera").unwrap_or(name);
        // A score is kept on its side of the assessment's verdict bands (when it has them).
        let bands: Vec<f64> = ctx
            .get("verdicts")
            .and_then(|v| v.as_array())
            .map(|vs| {
                vs.iter()
                    .filter_map(|v| v.get_from_path("min_score")?.as_f64())
                    .collect()
            })
            .unwrap_or_default();
        let mut tera = engine_with(lang, bands);
        tera.autoescape_on([".html", ".htm", ".xml", ".md"]);
        tera.set_escape_fn(match (name.ends_with(".md"), lang) {
            (true, Lang::Id) => escape_md_id,
            (true, Lang::En) => escape_md_en,
            (false, Lang::Id) => escape_html_id,
            (false, Lang::En) => escape_html_en,
        });
        tera.add_raw_template(name, &template)
            .map_err(|e| anyhow!("{name} template: {e}"))?;
        tera.render(name, ctx)
            .map_err(|e| anyhow!("rendering {name}: {e}"))
    }

    /// The `[id]` or `[en]` table of the strings file `name` (e.g. `workbook.strings.toml`):
    /// the embedded wording, with the keys of the folder's file of that name on top (it may
    /// give only the keys, or only the language, it changes).
    pub fn strings(&self, name: &str, lang: Lang) -> Result<Strings> {
        let table = |text: &str| -> Result<Option<toml::Table>> {
            let mut t: toml::Table = toml::from_str(text).map_err(|e| anyhow!("{name}: {e}"))?;
            match t.remove(lang_code(lang)) {
                Some(toml::Value::Table(t)) => Ok(Some(t)),
                None => Ok(None),
                Some(_) => bail!("{name}: [{}] is not a table", lang_code(lang)),
            }
        };
        let embedded = EMBEDDED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| *t)
            .with_context(|| format!("no template named {name}"))?;
        let mut words = table(embedded)?
            .with_context(|| format!("{name} has no [{}] table", lang_code(lang)))?;
        words.extend(table(&self.get(name)?)?.unwrap_or_default());
        Ok(Strings(words))
    }
}

/// The table name of a language in a strings file: `id` or `en`.
pub fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "id",
        Lang::En => "en",
    }
}

/// Labels of one language, by key (see [`Templates::strings`]).
#[derive(Debug, Clone)]
pub struct Strings(toml::Table);

impl Strings {
    /// The label for `key`; the key itself when no file has it (a test checks that every key
    /// the renderers use is in the embedded files).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.0.get(key).and_then(|v| v.as_str()).unwrap_or(key)
    }

    /// Whether some file gives a label for `key`.
    pub fn contains(&self, key: &str) -> bool {
        self.0.get(key).is_some_and(|v| v.is_str())
    }
}

/// Markdown escaping of one printed value: capped, then `text::md_cell`.
fn escape_md(s: &str, lang: Lang, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(
        crate::text::md_cell(&crate::text::cap(s, crate::text::TEXT_LIMIT, lang)).as_bytes(),
    )
}

fn escape_md_id(s: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    escape_md(s, Lang::Id, out)
}

fn escape_md_en(s: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    escape_md(s, Lang::En, out)
}

/// HTML escaping of one printed value (text and attributes: `&<>"'`): capped, then tera's.
fn escape_html(s: &str, lang: Lang, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    tera::escape_html(&crate::text::cap(s, crate::text::TEXT_LIMIT, lang), out)
}

fn escape_html_id(s: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    escape_html(s, Lang::Id, out)
}

fn escape_html_en(s: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    escape_html(s, Lang::En, out)
}

/// A tera engine with kesiapan's filters for `lang`: `num(d=1)`, `score`, `pct` (numbers as
/// written in the language) and `cell` (data text made inert in Markdown, `text::md_cell`).
pub fn engine(lang: Lang) -> tera::Tera {
    engine_with(lang, Vec::new())
}

/// `engine`, with `score` keeping a score on its side of the verdict bands starting at `bands`
/// (`format::score_in`).
pub fn engine_with(lang: Lang, bands: Vec<f64>) -> tera::Tera {
    let mut tera = tera::Tera::new();
    tera.register_filter("num", move |x: f64, kw: tera::Kwargs, _: &tera::State| {
        let d: usize = kw.get::<i64>("d").ok().flatten().unwrap_or(1).max(0) as usize;
        format::number(x, d, lang)
    });
    tera.register_filter("score", move |x: f64, _: tera::Kwargs, _: &tera::State| {
        format::score_in(x, &bands, lang)
    });
    tera.register_filter("pct", move |x: f64, _: tera::Kwargs, _: &tera::State| {
        format::value(x, crate::rubric::ValueFormat::Percent, None, lang)
    });
    // Text from the data in Markdown: one line, no markup and no raw HTML (a name such as
    // `<script>` must stay text in every Markdown viewer and in the .docx).
    // Kept for templates in `--templates` folders; Markdown templates escape every value anyway,
    // so the result is marked safe (not escaped twice).
    tera.register_filter(
        "cell",
        move |s: String, _: tera::Kwargs, _: &tera::State| {
            tera::Value::safe_string(&crate::text::md_cell(&crate::text::cap(
                &s,
                crate::text::TEXT_LIMIT,
                lang,
            )))
        },
    );
    // A phrase inside a sentence: its first letter lower-cased, unless its first word is an
    // acronym ("SKP di e-Kinerja …" stays, "Belum ada VPN" becomes "belum ada VPN").
    tera.register_filter("lcfirst", |s: String, _: tera::Kwargs, _: &tera::State| {
        lcfirst(&s)
    });
    // A sentence continued by more words: its closing full stop dropped ("… buka." + ", 334
    // pegawai" would read "buka., 334").
    tera.register_filter("clause", |s: String, _: tera::Kwargs, _: &tera::State| {
        s.trim_end().trim_end_matches('.').to_string()
    });
    // tera's own `default` replaces only an undefined value; the assessment writes a missing
    // figure (a unit without a name, `min_on_site` without a `min-on-site` rule) as `null`, and
    // `x | default(value=0) | num` must then give 0, not fail the whole run.
    tera.register_filter(
        "default",
        |v: tera::Value, kw: tera::Kwargs, _: &tera::State| -> tera::TeraResult<tera::Value> {
            let fallback = kw.must_get::<tera::Value>("value")?;
            let boolean = kw.get::<bool>("boolean")?.unwrap_or_default();
            let missing = v.is_undefined() || v.is_none() || (boolean && !v.is_truthy());
            Ok(if missing { fallback } else { v })
        },
    );
    tera
}

/// `s` with its first letter lower-cased, unless its first word is an acronym (two or more
/// capitals).
pub fn lcfirst(s: &str) -> String {
    let first = s.split_whitespace().next().unwrap_or("");
    if first.chars().filter(|c| c.is_uppercase()).count() > 1 {
        return s.to_string();
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lcfirst_keeps_acronyms() {
        assert_eq!(lcfirst("Belum ada VPN"), "belum ada VPN");
        assert_eq!(
            lcfirst("SKP belum lengkap di e-Kinerja"),
            "SKP belum lengkap di e-Kinerja"
        );
        assert_eq!(lcfirst(""), "");
    }

    #[test]
    fn default_filter_replaces_null_as_well_as_undefined() {
        let mut t = engine(Lang::Id);
        t.add_raw_template(
            "x",
            "{{ a | default(value=0) | num(d=0) }}|{{ b | default(value='-') | cell }}|{{ c | default(value=0) }}|{{ nope | default(value=1) }}",
        )
        .unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("a", &None::<f64>);
        ctx.insert("b", &None::<String>);
        ctx.insert("c", &7);
        assert_eq!(t.render("x", &ctx).unwrap(), "0|-|7|1");
    }

    #[test]
    fn every_file_in_reports_is_in_the_registry() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("reports");
        for e in std::fs::read_dir(dir).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().to_string();
            assert!(
                EMBEDDED.iter().any(|(n, _)| *n == name),
                "reports/{name} is not in EMBEDDED"
            );
        }
    }

    #[test]
    fn a_strings_file_in_the_folder_overrides_only_its_keys() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("workbook.strings.toml"),
            "[en]\ncode = \"Unit code\"\n",
        )
        .unwrap();
        let t = Templates::new(Some(dir.path())).unwrap();
        let en = t.strings("workbook.strings.toml", Lang::En).unwrap();
        assert_eq!(en.get("code"), "Unit code");
        assert_eq!(en.get("name"), "Name");
        // No [id] table in the folder's file: the embedded Indonesian wording.
        let id = t.strings("workbook.strings.toml", Lang::Id).unwrap();
        assert_eq!(id.get("code"), "Kode");
        std::fs::write(dir.path().join("workbook.strings.toml"), "id = 3").unwrap();
        assert!(t.strings("workbook.strings.toml", Lang::Id).is_err());
        assert_eq!(en.get("no_such_key"), "no_such_key");
    }

    #[test]
    fn a_file_in_the_folder_overrides_the_embedded_template() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("briefing.toml"), "nama = \"X\"").unwrap();
        let t = Templates::new(Some(dir.path())).unwrap();
        assert_eq!(t.get("briefing.toml").unwrap(), "nama = \"X\"");
        assert!(t.get("report.css").unwrap().len() > 100);
        assert!(Templates::new(Some(&dir.path().join("nope"))).is_err());
    }
}
