//! `kesiapan diff OLD NEW`: what changed between two assessments and why.

use super::EXIT_OK;
use crate::assessment::Assessment;
use crate::cli::{DiffArgs, ResultArgs};
use crate::compare::{self, Comparison};
use crate::report::{self, templates::Templates};
use crate::rubric::Lang;
use anyhow::Result;

/// Write the comparison as asked (`diff.json`, `perubahan.md` / `changes.md` in `lang`, from
/// the `diff.md.tera` of `templates`); the paths written.
pub fn write(
    c: &Comparison,
    results: &ResultArgs,
    lang: Lang,
    templates: &Templates,
) -> Result<Vec<String>> {
    super::write_results(
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
    let written = write(&c, &args.results, lang, &templates)?;
    if !quiet {
        out!("{}", report::diff::terminal(&c, lang));
        if !written.is_empty() {
            eprintln!("wrote {}", written.join(", "));
        }
    }
    Ok(EXIT_OK)
}
