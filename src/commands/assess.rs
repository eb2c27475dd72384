//! `kesiapan assess`: load, validate, score, print a summary, write the outputs.

use super::{EXIT_FINDINGS, EXIT_OK, count, load_data, load_rubric};
use crate::cli::{AssessArgs, FailOn};
use crate::diag::{self, Severity};
use crate::output::{Source, write_set};
use crate::progress::{self, Phase};
use crate::report;
use crate::{scoring, words};
use anyhow::{Context, Result, bail};
use std::time::SystemTime;

/// The run time: `--now` (checked, normalised) or the system clock, as RFC 3339 UTC.
pub fn timestamp(now: Option<&str>) -> Result<String> {
    let t = match now {
        Some(s) => {
            humantime::parse_rfc3339_weak(s.trim_end_matches('Z').trim_end_matches("+00:00"))
                .with_context(|| {
                    format!("--now `{s}` is not an RFC 3339 time such as 2025-12-23T09:00:00Z")
                })?
        }
        None => SystemTime::now(),
    };
    Ok(humantime::format_rfc3339_seconds(t).to_string())
}

pub fn run(args: &AssessArgs, quiet: bool) -> Result<u8> {
    progress::phase(Phase::Read);
    let generated_at = timestamp(args.now.as_deref())?;
    let rubric = load_rubric(&args.data.rubric)?;
    super::refuse_overlap(&args.out, &args.data, args.lang)?;
    let loaded = load_data(&rubric, &args.data)?;
    super::rubric::warn_unmatched(&rubric, &loaded, &args.data, quiet);
    progress::phase(Phase::Score);
    let scored = scoring::score(&rubric, &loaded)?;
    let a = words::assessment(&rubric, &scored, args.lang, &generated_at);
    if a.units.is_empty() {
        bail!(
            "no unit could be assessed: no usable row in the unit list (see the data problems above)\n{}",
            diag::render_human(&a.diagnostics, args.show)
        );
    }

    let comparison = match &args.baseline {
        Some(path) => Some(crate::compare::compare(
            &crate::assessment::Assessment::read(path)?,
            &a,
        )),
        None => None,
    };

    // Render everything before writing anything, so an error leaves no partial output.
    progress::phase(Phase::Render);
    let ctx = super::render::render_ctx(&args.report)?;
    let mut files = report::bundle::render(&a, &args.report.formats(), &ctx)?;
    if let Some(c) = &comparison {
        files.extend(super::diff::files(
            c,
            &crate::cli::ResultArgs {
                out: Some(args.out.clone()),
                format: args.report.result_formats(),
                templates: args.report.templates.clone(),
            },
            args.lang,
            &ctx.templates,
        )?);
    }
    let mut run = super::run_info(
        "assess",
        args.now.is_some().then(|| generated_at.clone()),
        &rubric,
        Some(&loaded),
    );
    if let Some(b) = &args.baseline {
        run.inputs.push(Source::file(b)?);
    }
    let written = write_set(&args.out, &files, &run)?;

    if quiet {
        let errors: Vec<_> = a
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect();
        if !errors.is_empty() {
            eout!("{}", diag::render_human(&errors, args.show));
        }
    } else {
        let (e, w) = (
            count(&a.diagnostics, Severity::Error),
            count(&a.diagnostics, Severity::Warning),
        );
        if e + w > 0 {
            eoutln!(
                "{}",
                diag::render_human(
                    &a.diagnostics
                        .iter()
                        .filter(|d| d.severity != Severity::Info)
                        .cloned()
                        .collect::<Vec<_>>(),
                    args.show
                )
            );
        }
        out!("{}", report::terminal::render(&a));
        if let Some(c) = &comparison {
            outln!(
                "\nCompared with the baseline:\n{}",
                report::diff::terminal(c, args.lang)
            );
        }
        eoutln!(
            "\nRubric {} {} · {} input file(s) · {} error(s), {} warning(s) in the data · wrote {}",
            a.rubric.id,
            a.rubric.version,
            a.inputs.len(),
            e,
            w,
            written.join(", ")
        );
    }
    let fail = match args.fail_on {
        FailOn::Never => false,
        FailOn::Error => count(&a.diagnostics, Severity::Error) > 0,
        FailOn::Warning => {
            count(&a.diagnostics, Severity::Error) + count(&a.diagnostics, Severity::Warning) > 0
        }
    };
    Ok(if fail { EXIT_FINDINGS } else { EXIT_OK })
}
