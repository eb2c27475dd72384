//! `kesiapan validate`: load the data and check it against the rubric's schemas; no scoring.

use super::{EXIT_FINDINGS, EXIT_OK, count, load_data, load_rubric};
use crate::cli::ValidateArgs;
use crate::diag::{self, Severity};
use crate::output::write_atomic;
use crate::report::templates::Templates;
use anyhow::Result;

/// Write the validation outputs into `out`; returns the paths written.
pub fn write_outputs(
    rubric: &crate::rubric::Rubric,
    loaded: &crate::input::Loaded,
    out: &std::path::Path,
    cap: usize,
    feedback: bool,
    templates: &Templates,
) -> Result<Vec<String>> {
    use crate::quality;
    let table = quality::completeness(rubric, loaded)?;
    let datasets: Vec<String> = rubric.datasets.iter().map(|d| d.id.clone()).collect();
    // Render everything before writing anything.
    let mut files: Vec<(std::path::PathBuf, Vec<u8>)> = vec![
        (
            out.join("data-quality.md"),
            quality::report::markdown(rubric, loaded, &table, cap, templates)?.into_bytes(),
        ),
        (
            out.join("diagnostics.json"),
            diagnostics_json(rubric, loaded)?.into_bytes(),
        ),
        (
            out.join("rejected.xlsx"),
            quality::xlsx::rejected_workbook(loaded, &datasets)?,
        ),
        (
            out.join("completeness.csv"),
            quality::report::completeness_csv(rubric, &table)?.into_bytes(),
        ),
    ];
    if feedback {
        let reasons = quality::xlsx::reasons(loaded);
        for line in &table {
            files.push((
                out.join("feedback")
                    .join(format!("{}.xlsx", crate::xlsx::file_stem(&line.unit))),
                quality::xlsx::feedback_workbook(loaded, line, &reasons, &rubric.title.id)?,
            ));
        }
    }
    let mut written = Vec::new();
    for (path, bytes) in files {
        write_atomic(&path, &bytes)?;
        written.push(path.display().to_string());
    }
    Ok(written)
}

fn diagnostics_json(
    rubric: &crate::rubric::Rubric,
    loaded: &crate::input::Loaded,
) -> Result<String> {
    let mut s = serde_json::to_string_pretty(&serde_json::json!({
        "schema_version": crate::assessment::SCHEMA_VERSION,
        "rubric": { "id": rubric.id, "version": rubric.version, "sha256": rubric.sha256 },
        "inputs": loaded.inputs,
        "diagnostics": loaded.diagnostics,
    }))?;
    s.push('\n');
    Ok(s)
}

/// Who has not sent what, and whose survey response is low: a few lines, capped.
fn completeness_lines(
    rubric: &crate::rubric::Rubric,
    loaded: &crate::input::Loaded,
) -> Result<String> {
    const CAP: usize = 8;
    let table = crate::quality::completeness(rubric, loaded)?;
    // The validate summary is worded in English.
    let shown = |u: &str| {
        crate::text::cap(u, crate::text::NAME_LIMIT, crate::rubric::Lang::En).into_owned()
    };
    let capped = |items: Vec<String>| {
        let n = items.len();
        let mut s = items.into_iter().take(CAP).collect::<Vec<_>>().join(", ");
        if n > CAP {
            s.push_str(&format!(" +{} more", n - CAP));
        }
        s
    };
    let missing: Vec<String> = table
        .iter()
        .filter(|u| !u.missing().is_empty())
        .map(|u| format!("{} ({})", shown(&u.unit), u.missing().join(", ")))
        .collect();
    let low: Vec<String> = table
        .iter()
        .filter(|u| u.low_response)
        .filter_map(|u| {
            let rate = u.response.as_ref()?.rate?;
            Some(format!(
                "{} {:.0} %",
                shown(&u.unit),
                (rate * 100.0).floor()
            ))
        })
        .collect();
    let pending: Vec<String> = table
        .iter()
        .filter(|u| u.pending)
        .map(|u| shown(&u.unit))
        .collect();
    let mut s = String::new();
    if !missing.is_empty() {
        s.push_str(&format!(
            "No usable rows: {} unit(s): {}\n",
            missing.len(),
            capped(missing)
        ));
    }
    if !low.is_empty() {
        s.push_str(&format!(
            "Low survey response: {} unit(s): {}\n",
            low.len(),
            capped(low)
        ));
    }
    if !pending.is_empty() {
        s.push_str(&format!(
            "Not assessed (their row in the unit list was rejected): {}\n",
            capped(pending)
        ));
    }
    Ok(s)
}

pub fn run(args: &ValidateArgs, quiet: bool) -> Result<u8> {
    crate::progress::phase(crate::progress::Phase::Read);
    let templates = Templates::new(args.templates.as_deref())?;
    let rubric = load_rubric(&args.data.rubric)?;
    let loaded = load_data(&rubric, &args.data)?;
    super::rubric::warn_unmatched(&rubric, &loaded, &args.data, quiet);
    crate::progress::phase(crate::progress::Phase::Render);
    let written = match &args.out {
        Some(out) => write_outputs(&rubric, &loaded, out, args.show, args.feedback, &templates)?,
        None => Vec::new(),
    };
    if let Some(path) = &args.json {
        write_atomic(path, diagnostics_json(&rubric, &loaded)?.as_bytes())?;
    }
    if !quiet {
        outln!(
            "{:<50} {:<16} {:>6} {:>6} {:>8}",
            "File",
            "Dataset",
            "Read",
            "Used",
            "Rejected"
        );
        for i in &loaded.inputs {
            outln!(
                "{:<50} {:<16} {:>6} {:>6} {:>8}",
                i.path,
                i.dataset,
                i.rows_read,
                i.rows_used,
                i.rows_rejected
            );
        }
        outln!("\nUnits: {}", loaded.units.len());
        out!("{}", completeness_lines(&rubric, &loaded)?);
        outln!("\n{}", diag::render_human(&loaded.diagnostics, args.show));
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
        outln!(
            "{} error(s), {} warning(s), {} info",
            errors,
            count(&loaded.diagnostics, Severity::Warning),
            count(&loaded.diagnostics, Severity::Info)
        );
        if let Some(out) = &args.out {
            let feedback = written.iter().filter(|w| w.contains("feedback")).count();
            eprintln!(
                "wrote {} file(s) into {}{}",
                written.len(),
                out.display(),
                if feedback > 0 {
                    format!(" ({feedback} feedback workbooks in feedback/)")
                } else {
                    String::new()
                }
            );
        }
    }
    Ok(if errors > 0 { EXIT_FINDINGS } else { EXIT_OK })
}
