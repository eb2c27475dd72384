//! Which files a run writes: one [`Renderer`] per format (as mdBook's `Renderer` trait), each
//! turning the one `Assessment` plus a serialisable [`RenderCtx`] into named files. Everything is
//! rendered in memory first, so an error in any renderer leaves no partial output behind.
//!
//! The renderers know nothing of the command line: the commands build the `RenderCtx` and map
//! their format options to [`Format`].

use super::{briefing, csv, html, json, markdown, templates::Templates, workbook};
use crate::assessment::Assessment;
use anyhow::Result;
use serde::Serialize;

/// A report format (the `--format` values of `assess` and `render`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// `assessment.json`.
    Json,
    /// The Markdown summary.
    Md,
    /// The staff memo as Markdown and Word.
    Briefing,
    /// The staff memo as Word only.
    Docx,
    /// The self-contained HTML report.
    Html,
    /// The analysts' workbook.
    Xlsx,
    /// The unit table as CSV.
    Csv,
    /// Every format.
    All,
}

/// What a renderer may use besides the assessment: where the templates come from and the
/// memo's header and signature (resolved from the options by the command).
#[derive(Debug, Clone, Default, Serialize)]
pub struct RenderCtx {
    pub templates: Templates,
    pub memo: briefing::MemoConfig,
    /// How `opd.csv` is written.
    pub csv_dialect: crate::cli::CsvDialect,
}

/// One output format: the files it writes for an assessment, by file name.
pub trait Renderer {
    /// The format that selects this renderer.
    fn format(&self) -> Format;
    /// Formats whose files this renderer writes as well (their own renderer is then skipped).
    fn also_writes(&self) -> &'static [Format] {
        &[]
    }
    /// The files, by file name, in a stable order.
    fn files(&self, a: &Assessment, ctx: &RenderCtx) -> Result<Vec<(String, Vec<u8>)>>;
}

/// Every renderer, in the order their files are listed.
pub const RENDERERS: &[&dyn Renderer] = &[
    &json::Json,
    &markdown::Summary,
    &briefing::Briefing,
    &briefing::Docx,
    &html::Html,
    &workbook::Workbook,
    &csv::Csv,
];

/// The files for `formats`, by file name, in a stable order.
pub fn render(
    a: &Assessment,
    formats: &[Format],
    ctx: &RenderCtx,
) -> Result<Vec<(String, Vec<u8>)>> {
    let want = |f: Format| formats.contains(&Format::All) || formats.contains(&f);
    let chosen: Vec<&dyn Renderer> = RENDERERS
        .iter()
        .copied()
        .filter(|r| want(r.format()))
        .collect();
    let mut files = Vec::new();
    for r in &chosen {
        let covered = chosen.iter().any(|o| o.also_writes().contains(&r.format()));
        if !covered {
            files.extend(r.files(a, ctx)?);
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_but_all_has_one_renderer() {
        for f in [
            Format::Json,
            Format::Md,
            Format::Briefing,
            Format::Docx,
            Format::Html,
            Format::Xlsx,
            Format::Csv,
        ] {
            assert_eq!(
                RENDERERS.iter().filter(|r| r.format() == f).count(),
                1,
                "{f:?}"
            );
        }
        assert!(RENDERERS.iter().all(|r| r.format() != Format::All));
    }
}
