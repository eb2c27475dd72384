//! The Markdown summary (`ringkasan.md` / `summary.md`), from the registry's
//! `summary.id.md.tera` or `summary.en.md.tera` (Indonesian by default; English with
//! `--lang en`). It formats the assessment; it computes nothing.

use super::bundle::{Format, RenderCtx, Renderer};
use super::templates::Templates;
use crate::assessment::Assessment;
use crate::rubric::Lang;
use anyhow::{Result, anyhow};

/// The file name of the summary in a language.
pub fn file_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "ringkasan.md",
        Lang::En => "summary.md",
    }
}

/// The summary in the assessment's language.
pub fn render(a: &Assessment, templates: &Templates) -> Result<String> {
    let mut ctx = tera::Context::from_serialize(a).map_err(|e| anyhow!("summary context: {e}"))?;
    super::roll_lines(&mut ctx, a);
    super::capped(&mut ctx, a, "detail_units", super::DETAIL_CAP);
    let name = match a.lang {
        Lang::Id => "summary.id.md.tera",
        Lang::En => "summary.en.md.tera",
    };
    templates.render(a.lang, name, &ctx)
}

/// `--format md`.
pub struct Summary;

impl Renderer for Summary {
    fn format(&self) -> Format {
        Format::Md
    }

    fn files(&self, a: &Assessment, ctx: &RenderCtx) -> Result<Vec<(String, Vec<u8>)>> {
        Ok(vec![(
            file_name(a.lang).into(),
            render(a, &ctx.templates)?.into_bytes(),
        )])
    }
}
