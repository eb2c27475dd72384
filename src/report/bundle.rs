//! Which files a run writes: every requested format rendered from the one `Assessment`, all in
//! memory first, so an error in any renderer leaves no partial output behind.

use super::{briefing, html, json, markdown, templates::Templates, workbook};
use crate::assessment::Assessment;
use crate::cli::{ReportArgs, ReportFormat};
use anyhow::Result;

/// Render options resolved from the command line.
pub struct Options {
    pub templates: Templates,
    pub memo: briefing::MemoConfig,
}

impl Options {
    pub fn from_args(args: &ReportArgs) -> Result<Self> {
        let templates = Templates::new(args.templates.as_deref())?;
        let memo = briefing::MemoConfig::resolve(
            &templates,
            args.briefing_config.as_deref(),
            args.to.as_deref(),
            args.from.as_deref(),
            args.period.as_deref(),
        )?;
        Ok(Options { templates, memo })
    }
}

/// The files for `formats`, by file name, in a stable order.
pub fn render(
    a: &Assessment,
    formats: &[ReportFormat],
    opts: &Options,
) -> Result<Vec<(String, Vec<u8>)>> {
    let want = |f: ReportFormat| formats.contains(&ReportFormat::All) || formats.contains(&f);
    let lang = a.lang;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    if want(ReportFormat::Json) {
        files.push(("assessment.json".into(), json::render(a)?.into_bytes()));
    }
    if want(ReportFormat::Md) {
        let name = format!("summary.{}.md.tera", lang_code(a));
        let body = markdown::render_template(a, &opts.templates.get(&name)?)?;
        files.push((markdown::file_name(lang).into(), body.into_bytes()));
    }
    if want(ReportFormat::Briefing) || want(ReportFormat::Docx) {
        let (md_name, docx_name) = briefing::file_names(lang);
        let md = briefing::markdown(a, &opts.memo.for_lang(lang), &opts.templates)?;
        if want(ReportFormat::Briefing) {
            files.push((md_name.into(), md.clone().into_bytes()));
        }
        files.push((docx_name.into(), briefing::docx(&md)?));
    }
    if want(ReportFormat::Html) {
        files.push((
            html::file_name(lang).into(),
            html::render(a, &opts.templates)?.into_bytes(),
        ));
    }
    let (xlsx_name, csv_name) = workbook::file_names(lang);
    if want(ReportFormat::Xlsx) {
        files.push((xlsx_name.into(), workbook::xlsx(a)?));
    }
    if want(ReportFormat::Csv) {
        files.push((csv_name.into(), workbook::csv(a)?));
    }
    Ok(files)
}

fn lang_code(a: &Assessment) -> &'static str {
    match a.lang {
        crate::rubric::Lang::Id => "id",
        crate::rubric::Lang::En => "en",
    }
}
