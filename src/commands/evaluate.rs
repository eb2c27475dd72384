//! `kesiapan evaluate`: after a WFA window, did performance, discipline and service hold in the
//! units that worked away? Loads the window's data with the evaluation rubric, evaluates
//! (`evaluate::result`), optionally checks a frozen plan and joins the readiness assessment, and
//! writes `evaluation.json` with the report rendered from it. `--freeze` writes the plan before
//! the window instead, reading no data.

use super::{EXIT_OK, count, load_data, load_eval_rubric};
use crate::cli::{EvalFormat, EvaluateArgs};
use crate::diag::{self, Severity};
use crate::evaluate::{freeze, join, result, windows};
use crate::output::{Source, write_set};
use crate::report;
use crate::rubric::Lang;
use anyhow::{Context, Result};

pub fn run(args: &EvaluateArgs, quiet: bool) -> Result<u8> {
    let lang = args.lang;
    let rubric = load_eval_rubric(&args.rubric)?;
    let now = super::assess::timestamp(args.now.as_deref())?;
    let period = match &args.period {
        Some(p) => Some(windows::parse_period(p).with_context(|| {
            format!(
                "--period `{p}` is not a window of dates such as 2025-12-29..2025-12-31 or 2025-12-29,2025-12-31"
            )
        })?),
        None => None,
    };
    let data = args.data_args();
    if let Some(file) = &args.freeze {
        super::refuse_input_as_output(file, &data, lang)?;
        let plan = freeze::freeze(&rubric, period.as_deref().unwrap_or_default(), &now);
        let text = serde_json::to_string_pretty(&plan)? + "\n";
        crate::output::write_file(file, text.as_bytes())?;
        if !quiet {
            outln!(
                "{}",
                match lang {
                    Lang::Id => format!(
                        "Rencana evaluasi dibekukan di {}: {} ukuran, periode {} s.d. {}, rubrik SHA-256 {}. Simpan berkas ini; sesudah periode jalankan `kesiapan evaluate --plan {}`.",
                        file.display(),
                        plan.measures.len(),
                        plan.window.first().map(String::as_str).unwrap_or("-"),
                        plan.window.last().map(String::as_str).unwrap_or("-"),
                        plan.rubric.sha256,
                        file.display()
                    ),
                    Lang::En => format!(
                        "Evaluation plan frozen in {}: {} measures, window {} to {}, rubric SHA-256 {}. Keep this file; after the window run `kesiapan evaluate --plan {}`.",
                        file.display(),
                        plan.measures.len(),
                        plan.window.first().map(String::as_str).unwrap_or("-"),
                        plan.window.last().map(String::as_str).unwrap_or("-"),
                        plan.rubric.sha256,
                        file.display()
                    ),
                }
            );
        }
        return Ok(EXIT_OK);
    }
    if let Some(out) = &args.out {
        super::refuse_overlap(out, &data, lang)?;
    }
    let loaded = load_data(&rubric, &data)?;
    let mut e = result::evaluate(
        &rubric,
        &loaded,
        &result::Options {
            period,
            generated_at: now.clone(),
        },
    )?;
    if e.window_with_data.is_empty() {
        let shown = if e.window.is_empty() {
            "-".to_string()
        } else {
            format!("{} – {}", e.window[0], e.window[e.window.len() - 1])
        };
        return Err(super::Fatal::Refused(match lang {
            Lang::Id => format!(
                "kesalahan: tidak ada satu hari pun pada periode {shown} yang memiliki data (daftar pelaksanaan maupun data harian); periksa --period atau isi data. Tidak ada yang ditulis."
            ),
            Lang::En => format!(
                "error: no day of the window {shown} has any data (neither the log nor the daily data); check --period or the data. Nothing was written."
            ),
        })
        .into());
    }
    let mut extra = Vec::new();
    if let Some(p) = &args.plan {
        let bytes = crate::fsread::read(p, crate::fsread::CONFIG_LIMIT)
            .with_context(|| format!("cannot read the plan {}", p.display()))?;
        let text = String::from_utf8(bytes)
            .with_context(|| format!("{} is not a kesiapan evaluation plan", p.display()))?;
        let plan = freeze::parse(&text).with_context(|| p.display().to_string())?;
        let source = Source::file(p)?;
        e.plan = Some(freeze::check(&plan, &source.sha256, &rubric, &e.window));
        extra.push(source);
    }
    if let Some(a) = &args.assessment {
        let assessment = crate::assessment::Assessment::read(a)?;
        let source = Source::file(a)?;
        e.readiness = Some(join::join(
            &e,
            &assessment,
            &a.display().to_string(),
            &source.sha256,
        ));
        extra.push(source);
    }
    let view = crate::words::evaluation::view(&e, lang);
    let templates = report::templates::Templates::new(None)?;

    // Render everything before writing anything: all or nothing.
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    if args.out.is_some() {
        let all = args.format.contains(&EvalFormat::All);
        let want = |f: EvalFormat| all || args.format.contains(&f);
        let base = report::evaluation::base_name(lang);
        if want(EvalFormat::Json) {
            files.push((
                "evaluation.json".into(),
                report::evaluation::json(&e)?.into_bytes(),
            ));
        }
        let md = report::evaluation::markdown(&view, lang, &templates)?;
        if want(EvalFormat::Docx) {
            files.push((
                format!("{base}.docx"),
                report::evaluation::docx(&md, &now, "kesiapan")?,
            ));
        }
        if want(EvalFormat::Html) {
            files.push((
                format!("{base}.html"),
                report::evaluation::html(&view, lang, &templates)?.into_bytes(),
            ));
        }
        if want(EvalFormat::Xlsx) {
            files.push((
                format!("{base}.xlsx"),
                report::evaluation::xlsx(&e, &view, lang)?,
            ));
        }
        if want(EvalFormat::Md) {
            files.push((format!("{base}.md"), md.into_bytes()));
        }
    }
    let mut run = super::run_info(
        "evaluate",
        args.now.is_some().then(|| now.clone()),
        &rubric,
        Some(&loaded),
    );
    run.inputs.extend(extra);
    let written = match &args.out {
        Some(out) => write_set(out, &files, &run)?,
        None => Vec::new(),
    };

    let shown: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info && (!quiet || d.severity == Severity::Error))
        .cloned()
        .collect();
    if !shown.is_empty() {
        eoutln!("{}", diag::render_human(&shown, 20, lang));
    }
    if !quiet {
        outln!("{}\n{} · {}\n", view.title, view.rubric_title, view.period);
        for a in &view.answer {
            outln!("- {} {}", a.head, a.text);
        }
        let (errors, warnings) = (
            count(&loaded.diagnostics, Severity::Error),
            count(&loaded.diagnostics, Severity::Warning),
        );
        outln!(
            "\n{}",
            match lang {
                Lang::Id => format!("Data: {errors} kesalahan, {warnings} peringatan."),
                Lang::En => format!(
                    "Data: {errors} error{}, {warnings} warning{}.",
                    if errors == 1 { "" } else { "s" },
                    if warnings == 1 { "" } else { "s" }
                ),
            }
        );
        if !written.is_empty() {
            eoutln!(
                "{}",
                crate::msg!("wrote", files = written.join(", ")).get(lang)
            );
        }
    }
    Ok(EXIT_OK)
}
