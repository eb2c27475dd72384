//! `kesiapan validate`: load the data and check it against the rubric's schemas; no scoring.

use super::{EXIT_FINDINGS, EXIT_OK, count, load_data};
use crate::cli::ValidateArgs;
use crate::diag::{self, Severity};
use crate::messages::{Arg, fill, word};
use crate::output::{write_file, write_set};
use crate::report::templates::Templates;
use crate::rubric::Lang;
use anyhow::Result;

/// The catalogue's `key` in `lang` with its placeholders filled.
fn said(key: &'static str, args: &[(&str, Arg)], lang: Lang) -> String {
    fill(word(key, lang), args, lang)
}

/// The validation outputs in `lang`, as (name relative to `--out`, bytes), and the units whose
/// feedback workbook is not named exactly after them (not a safe file name, or shared), with
/// the name.
pub fn outputs(
    rubric: &crate::rubric::Rubric,
    loaded: &crate::input::Loaded,
    cap: usize,
    feedback: bool,
    templates: &Templates,
    lang: Lang,
) -> Result<(Vec<(String, Vec<u8>)>, Vec<(String, String)>)> {
    use crate::quality;
    let table = quality::completeness(rubric, loaded)?;
    let datasets: Vec<String> = rubric.datasets.iter().map(|d| d.id.clone()).collect();
    let mut files: Vec<(String, Vec<u8>)> = vec![
        (
            "data-quality.md".into(),
            quality::report::markdown(rubric, loaded, &table, cap, templates, lang)?.into_bytes(),
        ),
        (
            "diagnostics.json".into(),
            diagnostics_json(rubric, loaded)?.into_bytes(),
        ),
        (
            "rejected.xlsx".into(),
            quality::xlsx::rejected_workbook(loaded, &datasets, lang)?,
        ),
        (
            "completeness.csv".into(),
            quality::report::completeness_csv(rubric, &table, lang)?.into_bytes(),
        ),
    ];
    let mut renamed = Vec::new();
    if feedback {
        let reasons = quality::xlsx::reasons(loaded, lang);
        let ids: Vec<&str> = table.iter().map(|l| l.unit.as_str()).collect();
        let stems = crate::output::names::unique_stems(&ids);
        for (line, stem) in table.iter().zip(stems) {
            if stem != line.unit {
                renamed.push((line.unit.clone(), format!("feedback/{stem}.xlsx")));
            }
            files.push((
                format!("feedback/{stem}.xlsx"),
                quality::xlsx::feedback_workbook(
                    loaded,
                    line,
                    &reasons,
                    rubric.title.get(lang),
                    lang,
                )?,
            ));
        }
    }
    Ok((files, renamed))
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

/// Who has not sent what, and whose survey response is low: a few lines in `lang`, capped.
fn completeness_lines(
    rubric: &crate::rubric::Rubric,
    loaded: &crate::input::Loaded,
    lang: Lang,
) -> Result<String> {
    const CAP: usize = 8;
    let table = crate::quality::completeness(rubric, loaded)?;
    let shown = |u: &str| crate::text::cap(u, crate::text::NAME_LIMIT, lang).into_owned();
    let capped = |items: Vec<String>| {
        let n = items.len();
        let mut s = items.into_iter().take(CAP).collect::<Vec<_>>().join(", ");
        if n > CAP {
            s.push(' ');
            s.push_str(&said("human-more", &[("n", (n - CAP).into())], lang));
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
    let rejected_row = |u: &str| loaded.pending_units.iter().any(|(p, _)| p == u);
    let pending: Vec<String> = table
        .iter()
        .filter(|u| u.pending && rejected_row(&u.unit))
        .map(|u| shown(&u.unit))
        .collect();
    // Master-list units without a unit-list row (sent nothing, or only rejected rows).
    let never: Vec<String> = loaded
        .roll
        .units
        .iter()
        .filter(|r| !r.not_assessed.is_empty() && !rejected_row(&r.unit))
        .map(|r| shown(&r.unit))
        .collect();
    let mut s = String::new();
    let mut line = |key: &'static str, n: usize, units: Vec<String>| {
        let units = capped(units);
        s.push_str(&said(
            key,
            &[("n", n.into()), ("units", units.into())],
            lang,
        ));
        s.push('\n');
    };
    if !missing.is_empty() {
        line("validate-no-usable-rows", missing.len(), missing);
    }
    if !low.is_empty() {
        line("validate-low-response", low.len(), low);
    }
    if !pending.is_empty() {
        line("validate-pending", pending.len(), pending);
    }
    if !never.is_empty() {
        line("validate-never", never.len(), never);
    }
    Ok(s)
}

pub fn run(args: &ValidateArgs, quiet: bool) -> Result<u8> {
    crate::progress::phase(crate::progress::Phase::Read);
    let templates = Templates::new(args.templates.as_deref())?;
    // Either kind of rubric: an evaluation rubric's data (the treatment log, the daily data) is
    // checked the same way; its feedback files are the readiness rubric's, so --out is refused.
    let rubric = super::load_any_rubric(
        &args.data.rubric,
        crate::cli::DEFAULT_RUBRIC,
        crate::cli::EMBEDDED_RUBRIC,
    )?;
    if rubric.evaluation.is_some() && args.out.is_some() {
        anyhow::bail!(
            "{} is an evaluation rubric: `validate --out` writes the readiness feedback files; check its data with --json FILE, or run `kesiapan evaluate`",
            args.data.rubric.display()
        );
    }
    if let Some(out) = &args.out {
        super::refuse_overlap(out, &args.data, args.lang)?;
    }
    if let Some(json) = &args.json {
        super::refuse_input_as_output(json, &args.data, args.lang)?;
    }
    let loaded = load_data(&rubric, &args.data)?;
    super::rubric::warn_unmatched(&rubric, &loaded, &args.data, quiet);
    crate::progress::phase(crate::progress::Phase::Render);
    // Render everything before writing anything.
    let (files, renamed) = match &args.out {
        Some(_) => outputs(
            &rubric,
            &loaded,
            args.show,
            args.feedback,
            &templates,
            args.lang,
        )?,
        None => Default::default(),
    };
    let written = match &args.out {
        Some(out) => write_set(
            out,
            &files,
            &super::run_info("validate", None, &rubric, Some(&loaded)),
        )?,
        None => Vec::new(),
    };
    if let Some(path) = &args.json {
        write_file(path, diagnostics_json(&rubric, &loaded)?.as_bytes())?;
    }
    let lang = args.lang;
    // "Dipakai" is one letter wider than "Used".
    let w = if lang == Lang::En { 6 } else { 7 };
    if !quiet {
        outln!(
            "{:<50} {:<16} {:>6} {:>w$} {:>8}",
            word("validate-file", lang),
            word("validate-dataset", lang),
            word("validate-read", lang),
            word("validate-used", lang),
            word("validate-rejected", lang)
        );
        for i in &loaded.inputs {
            outln!(
                "{:<50} {:<16} {:>6} {:>w$} {:>8}",
                i.path,
                i.dataset,
                i.rows_read,
                i.rows_used,
                i.rows_rejected
            );
        }
        outln!(
            "\n{}",
            said("validate-units", &[("n", loaded.units.len().into())], lang)
        );
        out!("{}", completeness_lines(&rubric, &loaded, lang)?);
        outln!(
            "\n{}",
            diag::render_human(&loaded.diagnostics, args.show, lang)
        );
    }
    let errors = count(&loaded.diagnostics, Severity::Error);
    if quiet && errors > 0 {
        let only: Vec<_> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect();
        eout!("{}", diag::render_human(&only, args.show, lang));
    }
    if !quiet {
        outln!(
            "{}",
            said(
                "validate-totals",
                &[
                    ("errors", errors.into()),
                    (
                        "warnings",
                        count(&loaded.diagnostics, Severity::Warning).into()
                    ),
                    ("infos", count(&loaded.diagnostics, Severity::Info).into()),
                ],
                lang
            )
        );
        if let Some(out) = &args.out {
            let feedback = files
                .iter()
                .filter(|(n, _)| n.starts_with("feedback/"))
                .count();
            let feedback = if feedback > 0 {
                said("validate-wrote-feedback", &[("n", feedback.into())], lang)
            } else {
                String::new()
            };
            eoutln!(
                "{}",
                said(
                    "validate-wrote",
                    &[
                        ("n", files.len().into()),
                        ("manifest", crate::output::MANIFEST.into()),
                        ("out", out.display().to_string().into()),
                        ("feedback", feedback.into()),
                    ],
                    lang
                )
            );
            for (unit, name) in &renamed {
                let unit = crate::text::cap(unit, crate::text::NAME_LIMIT, lang);
                eoutln!(
                    "  {}",
                    said(
                        "validate-renamed",
                        &[("unit", unit.into()), ("name", name.into())],
                        lang
                    )
                );
            }
            debug_assert_eq!(written.len(), files.len() + 1);
        }
    }
    Ok(if errors > 0 { EXIT_FINDINGS } else { EXIT_OK })
}
