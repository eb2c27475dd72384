//! The Markdown summary, from a tera template in `reports/` (embedded at build time).
//! Indonesian by default; English with `--lang en`.

use crate::assessment::Assessment;
use crate::format;
use crate::rubric::Lang;
use anyhow::{Result, anyhow};

const SUMMARY_ID: &str = include_str!("../../reports/summary.id.md.tera");
const SUMMARY_EN: &str = include_str!("../../reports/summary.en.md.tera");

/// The file name of the summary in a language.
pub fn file_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "ringkasan.md",
        Lang::En => "summary.md",
    }
}

/// A tera engine with kesiapan's number filters for `lang`: `num(d=1)`, `score`, `pct`, `cell`.
pub fn engine(lang: Lang) -> tera::Tera {
    let mut tera = tera::Tera::new();
    tera.register_filter("num", move |x: f64, kw: tera::Kwargs, _: &tera::State| {
        let d: usize = kw.get::<i64>("d").ok().flatten().unwrap_or(1).max(0) as usize;
        format::number(x, d, lang)
    });
    tera.register_filter("score", move |x: f64, _: tera::Kwargs, _: &tera::State| {
        format::score(x, lang)
    });
    tera.register_filter("pct", move |x: f64, _: tera::Kwargs, _: &tera::State| {
        format::value(x, crate::rubric::ValueFormat::Percent, None, lang)
    });
    // Text from the data in Markdown: table pipes escaped, one line, and no raw HTML (a name
    // such as `<script>` must stay text in every Markdown viewer and in the .docx).
    tera.register_filter("cell", |s: String, _: tera::Kwargs, _: &tera::State| {
        s.replace('|', "\\|")
            .replace('\n', " ")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    });
    tera
}

/// Render `template` with `ctx`.
pub fn render_with(lang: Lang, name: &str, template: &str, ctx: &tera::Context) -> Result<String> {
    let mut tera = engine(lang);
    tera.add_raw_template(name, template)
        .map_err(|e| anyhow!("{name} template: {e}"))?;
    tera.render(name, ctx)
        .map_err(|e| anyhow!("rendering {name}: {e}"))
}

pub fn render(a: &Assessment) -> Result<String> {
    let template = match a.lang {
        Lang::Id => SUMMARY_ID,
        Lang::En => SUMMARY_EN,
    };
    render_template(a, template)
}

/// Render the summary with another template text (from `--templates`).
pub fn render_template(a: &Assessment, template: &str) -> Result<String> {
    let mut ctx = tera::Context::from_serialize(a).map_err(|e| anyhow!("summary context: {e}"))?;
    super::capped(&mut ctx, a, "detail_units", super::DETAIL_CAP);
    render_with(a.lang, "summary", template, &ctx)
}
