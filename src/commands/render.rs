//! `kesiapan render`: the reports from a saved `assessment.json`, without the data or the rubric.
//! Renderers read only the assessment, so this gives the same bytes as `assess` did.
//!
//! Also where the render options of `assess` and `render` are built from their arguments: the
//! renderers never see the command line.

use super::EXIT_OK;
use crate::assessment::Assessment;
use crate::cli::{RenderArgs, ReportArgs};
use crate::output::{Run, Source, write_set};
use crate::report::{self, bundle::RenderCtx, templates::Templates};
use anyhow::Result;

/// The render options from the report arguments: the templates folder and the memo's header
/// and signature (config file or the templates' `briefing.toml`, then the overrides).
pub fn render_ctx(args: &ReportArgs) -> Result<RenderCtx> {
    let templates = Templates::new(args.templates.as_deref())?;
    let memo = report::briefing::MemoConfig::resolve(
        &templates,
        args.briefing_config.as_deref(),
        args.to.as_deref(),
        args.from.as_deref(),
        args.period.as_deref(),
    )?;
    Ok(RenderCtx {
        templates,
        memo,
        csv_dialect: args.csv_dialect,
    })
}

pub fn run(args: &RenderArgs, quiet: bool) -> Result<u8> {
    let a = Assessment::read(&args.assessment)?;
    let ctx = render_ctx(&args.report)?;
    let files = report::bundle::render(&a, &args.report.formats(), &ctx)?;
    let run = Run {
        command: "render",
        inputs: vec![Source::file(&args.assessment)?],
        ..Run::default()
    };
    let written = write_set(&args.out, &files, &run)?;
    if !quiet {
        eoutln!(
            "{}",
            crate::msg!("wrote", files = written.join(", ")).get(a.lang)
        );
    }
    Ok(EXIT_OK)
}
