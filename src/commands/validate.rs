//! `kesiapan validate`: load the data and check it against the rubric's schemas; no scoring.

use super::{EXIT_FINDINGS, EXIT_OK, count, load_data, load_rubric};
use crate::cli::ValidateArgs;
use crate::diag::{self, Severity};
use crate::output::write_atomic;
use anyhow::Result;

pub fn run(args: &ValidateArgs, quiet: bool) -> Result<u8> {
    crate::progress::phase(crate::progress::Phase::Read);
    let rubric = load_rubric(&args.data.rubric)?;
    let loaded = load_data(&rubric, &args.data)?;
    crate::progress::phase(crate::progress::Phase::Render);
    if let Some(path) = &args.json {
        let mut s = serde_json::to_string_pretty(&serde_json::json!({
            "schema_version": crate::assessment::SCHEMA_VERSION,
            "rubric": { "id": rubric.id, "version": rubric.version, "sha256": rubric.sha256 },
            "inputs": loaded.inputs,
            "diagnostics": loaded.diagnostics,
        }))?;
        s.push('\n');
        write_atomic(path, s.as_bytes())?;
    }
    if !quiet {
        println!(
            "{:<50} {:<16} {:>6} {:>6} {:>8}",
            "File", "Dataset", "Read", "Used", "Rejected"
        );
        for i in &loaded.inputs {
            println!(
                "{:<50} {:<16} {:>6} {:>6} {:>8}",
                i.path, i.dataset, i.rows_read, i.rows_used, i.rows_rejected
            );
        }
        println!("\nUnits: {}", loaded.units.len());
        println!("\n{}", diag::render_human(&loaded.diagnostics, args.show));
    }
    let errors = count(&loaded.diagnostics, Severity::Error);
    if quiet && errors > 0 {
        let only: Vec<_> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect();
        eprint!("{}", diag::render_human(&only, args.show));
    }
    if !quiet {
        println!(
            "{} error(s), {} warning(s), {} info",
            errors,
            count(&loaded.diagnostics, Severity::Warning),
            count(&loaded.diagnostics, Severity::Info)
        );
    }
    Ok(if errors > 0 { EXIT_FINDINGS } else { EXIT_OK })
}
