//! `kesiapan diff OLD NEW`: what changed between two assessments and why.

use super::EXIT_OK;
use crate::assessment::Assessment;
use crate::cli::{DiffArgs, ResultArgs};
use crate::compare::{self, Comparison};
use crate::output::{Run, Source, write_set};
use crate::report::{self, templates::Templates};
use crate::rubric::Lang;
use anyhow::Result;

/// The comparison's files as asked (`diff.json`, `perubahan.md` / `changes.md` in `lang`,
/// from the `diff.md.tera` of `templates`), as (name, bytes).
pub fn files(
    c: &Comparison,
    results: &ResultArgs,
    lang: Lang,
    templates: &Templates,
) -> Result<Vec<(String, Vec<u8>)>> {
    super::result_files(
        results,
        ("diff.json", &|| report::diff::json(c)),
        (report::diff::file_name(lang), &|| {
            report::diff::markdown(c, lang, templates)
        }),
    )
}

pub fn run(args: &DiffArgs, quiet: bool) -> Result<u8> {
    let old = Assessment::read(&args.old)?;
    let new = Assessment::read(&args.new)?;
    let c = compare::compare(&old, &new);
    let lang = args.lang.unwrap_or(new.lang);
    let templates = Templates::new(args.results.templates.as_deref())?;
    let files = files(&c, &args.results, lang, &templates)?;
    let run = Run {
        command: "diff",
        inputs: vec![Source::file(&args.old)?, Source::file(&args.new)?],
        ..Run::default()
    };
    let written = match &args.results.out {
        Some(out) => write_set(out, &files, &run)?,
        None => Vec::new(),
    };
    if !quiet {
        out!("{}", report::diff::terminal(&c, lang));
        if !written.is_empty() {
            eoutln!(
                "{}",
                crate::msg!("wrote", files = written.join(", ")).get(lang)
            );
        }
    }
    Ok(EXIT_OK)
}
