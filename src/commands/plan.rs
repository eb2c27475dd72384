//! `kesiapan plan`: what it would take (and cost) to bring units to the target verdict.

use super::{EXIT_OK, load_data, load_rubric};
use crate::cli::PlanArgs;
use crate::report;
use anyhow::{Context, Result, bail};

pub fn run(args: &PlanArgs, quiet: bool) -> Result<u8> {
    let rubric = load_rubric(&args.data.rubric)?;
    if let Some(out) = &args.results.out {
        super::refuse_overlap(out, &args.data, args.lang)?;
    }
    if rubric.improvements.is_empty() {
        bail!(
            "the rubric {} declares no [[improvements]] (with unit costs): nothing to plan with",
            rubric.path
        );
    }
    let target = match &args.target {
        Some(t) => rubric.verdict_index(t).with_context(|| {
            format!(
                "unknown verdict `{t}` (the rubric has: {})",
                rubric
                    .verdicts
                    .iter()
                    .map(|v| v.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })?,
        None => 0,
    };
    let budget = match &args.budget {
        Some(b) => Some(
            crate::input::cell::parse_number_text(b, false)
                .filter(|x| (0.0..=1e15).contains(x))
                .with_context(|| format!("--budget `{b}` is not an amount in Rupiah"))?,
        ),
        None => None,
    };
    let step = match (args.budget_step, budget) {
        (Some(s), _) if !(s > 0.0 && s <= 1e15) => {
            bail!("--budget-step must be above 0 and at most Rp 10^15")
        }
        (Some(s), _) => s,
        // A power of ten near budget ÷ 100 000: round prices stay exact.
        (None, Some(b)) => 10f64.powi((b / 100_000.0).max(1.0).log10().floor() as i32),
        (None, None) => 1.0,
    };
    // `contains` is false for NaN.
    if !(0.0..=20.0).contains(&args.margin) {
        bail!("--margin is a number of score points from 0 to 20");
    }
    let loaded = load_data(&rubric, &args.data)?;
    let p = crate::plan::plan(&rubric, &loaded, target, args.margin, budget, step)?;
    let templates = report::templates::Templates::new(args.results.templates.as_deref())?;
    let run = super::run_info("plan", None, &rubric, Some(&loaded));
    let written = super::write_results(
        &args.results,
        ("plan.json", &|| report::plan::json(&p)),
        (report::plan::file_name(args.lang), &|| {
            report::plan::markdown(&p, &rubric, args.lang, &templates)
        }),
        &run,
    )?;
    if !quiet {
        out!("{}", report::plan::terminal(&p, &rubric, args.lang));
        if !written.is_empty() {
            eoutln!(
                "{}",
                crate::msg!("wrote", files = written.join(", ")).get(args.lang)
            );
        }
    }
    Ok(EXIT_OK)
}
