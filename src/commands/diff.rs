//! `kesiapan diff OLD NEW`: what changed between two assessments and why.

use super::EXIT_OK;
use crate::assessment::Assessment;
use crate::cli::{DiffArgs, ResultArgs};
use crate::compare::{self, Comparison};
use crate::report;
use crate::rubric::Lang;
use anyhow::{Context, Result, bail};
use std::path::Path;

/// Read an `assessment.json` written by `kesiapan assess`.
pub fn read_assessment(path: &Path) -> Result<Assessment> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let v: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))?;
    let version = v
        .get("schema_version")
        .and_then(|s| s.as_str())
        .unwrap_or("");
    if version.split('.').next() != Some("1") {
        bail!(
            "{} is not a kesiapan assessment.json (schema_version `{version}`)",
            path.display()
        );
    }
    if v.pointer("/rubric/applied").is_none() {
        bail!(
            "{} was written by an older kesiapan (schema {version}) without the applied rubric; run `kesiapan assess` again to compare",
            path.display()
        );
    }
    serde_json::from_value(v).with_context(|| {
        format!(
            "{} does not have the shape of an assessment.json",
            path.display()
        )
    })
}

/// Write the comparison as asked (`diff.json`, `perubahan.md` / `changes.md` in `lang`); the
/// paths written.
pub fn write(c: &Comparison, results: &ResultArgs, lang: Lang) -> Result<Vec<String>> {
    super::write_results(
        results,
        ("diff.json", &|| report::diff::json(c)),
        (report::diff::file_name(lang), &|| {
            report::diff::markdown(c, lang)
        }),
    )
}

pub fn run(args: &DiffArgs, quiet: bool) -> Result<u8> {
    let old = read_assessment(&args.old)?;
    let new = read_assessment(&args.new)?;
    let c = compare::compare(&old, &new);
    let lang = args.lang.unwrap_or(new.lang);
    let written = write(&c, &args.results, lang)?;
    if !quiet {
        out!("{}", report::diff::terminal(&c, lang));
        if !written.is_empty() {
            eprintln!("wrote {}", written.join(", "));
        }
    }
    Ok(EXIT_OK)
}
