//! `kesiapan sensitivity`: how robust each verdict is to the rubric's weights and thresholds.

use super::{EXIT_OK, load_data, load_rubric};
use crate::cli::{SensitivityArgs, WeightMode};
use crate::report;
use crate::sensitivity::{self, Settings, WeightScheme};
use anyhow::{Result, bail};
use std::time::Instant;

pub fn run(args: &SensitivityArgs, quiet: bool) -> Result<u8> {
    if args.runs == 0 {
        bail!("--runs must be at least 1");
    }
    // `contains` is false for NaN, so every check below also refuses NaN and infinities.
    if !(0.0..=1.0).contains(&args.stable)
        || !(0.0..=100.0).contains(&args.threshold_spread)
        || !(0.0..1.0).contains(&args.weight_spread)
        || !(f64::MIN_POSITIVE..=1e9).contains(&args.concentration)
    {
        bail!(
            "--stable is a share (0–1), --threshold-spread 0–100 points, --weight-spread in [0, 1), \
             --concentration above 0 and at most 1e9"
        );
    }
    let rubric = load_rubric(&args.data.rubric)?;
    if let Some(out) = &args.results.out {
        super::refuse_overlap(out, &args.data, args.lang)?;
    }
    let loaded = load_data(&rubric, &args.data)?;
    let values = crate::scoring::values(&rubric, &loaded)?;
    let settings = Settings {
        runs: args.runs,
        seed: args.seed,
        weights: match args.weights {
            WeightMode::Dirichlet => WeightScheme::Dirichlet {
                concentration: args.concentration,
            },
            WeightMode::Uniform => WeightScheme::Uniform {
                spread: args.weight_spread,
            },
            WeightMode::None => WeightScheme::None,
        },
        threshold_spread: args.threshold_spread,
        stable_share: args.stable,
    };
    let started = Instant::now();
    let s = sensitivity::run(&rubric, &values, loaded.roll.units.len(), &settings)?;
    let templates = report::templates::Templates::new(args.results.templates.as_deref())?;
    let elapsed = started.elapsed();
    let run = super::run_info("sensitivity", None, &rubric, Some(&loaded));
    let written = super::write_results(
        &args.results,
        ("sensitivity.json", &|| report::sensitivity::json(&s)),
        (report::sensitivity::file_name(args.lang), &|| {
            report::sensitivity::markdown(&s, &rubric, args.lang, &templates)
        }),
        &run,
    )?;
    if !quiet {
        out!("{}", report::sensitivity::terminal(&s, &rubric, args.lang));
        eoutln!(
            "\n{} perturbed rubrics × {} units re-scored in {:.2} s (seed {}){}",
            args.runs,
            values.len(),
            elapsed.as_secs_f64(),
            args.seed,
            if written.is_empty() {
                String::new()
            } else {
                format!(
                    " · {}",
                    crate::msg!("wrote", files = written.join(", ")).get(args.lang)
                )
            }
        );
    }
    Ok(EXIT_OK)
}
