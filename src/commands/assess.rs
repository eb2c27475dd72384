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

/// The run time: `--now` (checked, normalised) or the system clock, as RFC 3339: UTC (`Z`), or
/// with the offset `--now` gave (`2025-12-23T09:00:00+07:00`, WIB), kept so that the dates the
/// reports print are the local ones.
pub fn timestamp(now: Option<&str>) -> Result<String> {
    let bad = |s: &str| format!("--now `{s}` is not an RFC 3339 time such as 2025-12-23T09:00:00Z");
    let (t, offset) = match now {
        Some(s) => {
            let (local, offset) = split_offset(s).with_context(|| bad(s))?;
            let t = humantime::parse_rfc3339_weak(local).with_context(|| bad(s))?;
            (t, offset)
        }
        None => (SystemTime::now(), None),
    };
    let utc = humantime::format_rfc3339_seconds(t).to_string();
    Ok(match offset {
        Some(o) => format!("{}{o}", utc.trim_end_matches('Z')),
        None => utc,
    })
}

/// `s` without its zone, and the offset (`+07:00`) when it is not UTC.
fn split_offset(s: &str) -> Option<(&str, Option<&str>)> {
    if let Some(local) = s.strip_suffix('Z').or_else(|| s.strip_suffix('z')) {
        return Some((local, None));
    }
    let n = s.len();
    let tail = s.get(n.saturating_sub(6)..)?;
    let b = tail.as_bytes();
    if n > 6 && matches!(b[0], b'+' | b'-') && b[3] == b':' {
        let (h, m) = (
            tail.get(1..3)?.parse::<u8>().ok()?,
            tail.get(4..)?.parse::<u8>().ok()?,
        );
        if h > 23
            || m > 59
            || !tail[1..3]
                .bytes()
                .chain(tail[4..].bytes())
                .all(|c| c.is_ascii_digit())
        {
            return None;
        }
        return Some((&s[..n - 6], ((h, m) != (0, 0)).then_some(tail)));
    }
    Some((s, None))
}

pub fn run(args: &AssessArgs, quiet: bool) -> Result<u8> {
    progress::phase(Phase::Read);
    let generated_at = timestamp(args.now.as_deref())?;
    let rubric = load_rubric(&args.data.rubric)?;
    super::refuse_overlap(&args.out, &args.data, args.lang)?;
    let loaded = load_data(&rubric, &args.data)?;
    super::rubric::warn_unmatched(&rubric, &loaded, &args.data, quiet);
    progress::phase(Phase::Score);
    let overrides = match &args.overrides {
        Some(path) => {
            let ids: Vec<&str> = loaded.units.iter().map(|(id, _)| id.as_str()).collect();
            crate::overrides::read(path, &rubric, &ids)?
        }
        None => Vec::new(),
    };
    let mut scored = scoring::score_with(&rubric, &loaded, &overrides)?;
    // The plans of the units at the worst verdict, for the memo's actions: only with
    // improvements in the rubric, at least two verdicts, and not too many such units (the
    // search is the costly part; `kesiapan plan` does it for any number).
    let worst = rubric.verdicts.len() - 1;
    let at_worst = scored.units.iter().filter(|u| u.verdict == worst).count();
    if !rubric.improvements.is_empty() && worst > 0 && at_worst > args.plan_units {
        scored.plan_skipped = Some((at_worst, args.plan_units));
    }
    if !rubric.improvements.is_empty() && worst > 0 && (1..=args.plan_units).contains(&at_worst) {
        // The assessment stands without it: a plan that cannot be made (an improvement's
        // formula failing on this data) is said, not fatal; `kesiapan plan` shows the details.
        match crate::plan::plan(
            &rubric,
            &loaded,
            worst - 1,
            crate::cli::PLAN_MARGIN,
            None,
            1.0,
        )
        .and_then(|p| Ok((p, crate::plan::offices(&rubric)?)))
        {
            Ok(p) => scored.plan = Some(p),
            Err(e) if !quiet => eoutln!(
                "{}",
                match args.lang {
                    crate::rubric::Lang::Id => format!(
                        "peringatan: biaya perbaikan untuk telaahan tidak dapat dihitung ({}); jalankan `kesiapan plan` untuk rinciannya",
                        e.to_string().lines().next().unwrap_or_default()
                    ),
                    crate::rubric::Lang::En => format!(
                        "warning: the cost of the improvements for the memo could not be computed ({}); run `kesiapan plan` for the details",
                        e.to_string().lines().next().unwrap_or_default()
                    ),
                }
            ),
            Err(_) => {}
        }
    }
    if args.robustness_runs > 0 {
        scored.robustness = Some(crate::sensitivity::run(
            &rubric,
            &scored.values,
            loaded.roll.units.len(),
            &crate::sensitivity::Settings::quick(args.robustness_runs),
        )?);
    }
    let a = words::assessment(&rubric, &scored, args.lang, &generated_at);
    if a.units.is_empty() {
        bail!(
            "no unit could be assessed: no usable row in the unit list (see the data problems above)\n{}",
            diag::render_human(&a.diagnostics, args.show, args.lang)
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
    if let Some(o) = &args.overrides {
        run.inputs.push(Source::file(o)?);
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
            eout!("{}", diag::render_human(&errors, args.show, args.lang));
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
                    args.show,
                    args.lang
                )
            );
        }
        out!("{}", report::terminal::render(&a));
        if let Some(c) = &comparison {
            outln!(
                "\n{}\n{}",
                match args.lang {
                    crate::rubric::Lang::Id => "Dibandingkan dengan penilaian sebelumnya:",
                    crate::rubric::Lang::En => "Compared with the baseline:",
                },
                report::diff::terminal(c, args.lang)
            );
        }
        let footer = crate::msg!(
            "assess-footer",
            id = &a.rubric.id,
            version = &a.rubric.version,
            inputs = a.inputs.len(),
            errors = e,
            warnings = w,
            files = written.join(", ")
        );
        eoutln!("\n{}", footer.get(args.lang));
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

#[cfg(test)]
mod tests {
    use super::timestamp;

    /// The attack pass: `--now 2025-12-23T09:00:00+07:00` (WIB) was refused as "not an RFC 3339
    /// time"; it is one, and its offset is kept so the memo's date is the local one.
    #[test]
    fn now_with_an_offset_is_an_rfc3339_time() {
        let t = |s| timestamp(Some(s)).map_err(|e| e.to_string());
        assert_eq!(t("2025-12-23T09:00:00Z").unwrap(), "2025-12-23T09:00:00Z");
        assert_eq!(
            t("2025-12-23T09:00:00+00:00").unwrap(),
            "2025-12-23T09:00:00Z"
        );
        assert_eq!(
            t("2025-12-23T09:00:00+07:00").unwrap(),
            "2025-12-23T09:00:00+07:00"
        );
        assert_eq!(
            t("2025-12-23T01:30:00-03:30").unwrap(),
            "2025-12-23T01:30:00-03:30"
        );
        assert_eq!(t("2025-12-23T09:00:00").unwrap(), "2025-12-23T09:00:00Z");
        for bad in [
            "2025-12-23T09:00:00+25:00",
            "2025-12-23T09:00:00+0a:00",
            "kemarin",
            "",
        ] {
            assert!(t(bad).is_err(), "{bad}");
        }
    }
}
