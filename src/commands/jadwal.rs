//! `kesiapan jadwal`: the day-by-day plan of a WFA window, from an assessment and the holiday
//! calendar; the outputs written as one set (`jadwal.json`, `jadwal-wfa.xlsx`, with
//! `--per-unit` a workbook per unit, with `--roster` the proposal in those only).

use super::{EXIT_OK, load_data, load_rubric};
use crate::assessment::Assessment;
use crate::cli::JadwalArgs;
use crate::jadwal::{self, AssessmentRef, calendar::Calendar, roster, workbook};
use crate::output::{Run, Source, overlap, write_set};
use anyhow::{Context, Result};

/// The assessment: read from `--assessment`, or made here from the data (as `assess`, without
/// the robustness run and the plans, which the schedule does not use).
fn assessment(
    args: &JadwalArgs,
    generated_at: &str,
    quiet: bool,
) -> Result<(Assessment, AssessmentRef, Run)> {
    if let Some(path) = &args.assessment {
        let a = Assessment::read(path)?;
        let src = Source::file(path)?;
        let r = AssessmentRef {
            path: Some(path.display().to_string()),
            sha256: Some(src.sha256.clone()),
            generated_at: a.generated_at.clone(),
            rubric_id: a.rubric.id.clone(),
            rubric_version: a.rubric.version.clone(),
            rubric_sha256: a.rubric.sha256.clone(),
            unit_label: a.rubric.unit_label.clone(),
            min_group_size: a.rubric.min_group_size,
        };
        let run = Run {
            command: "jadwal",
            inputs: vec![src],
            ..Run::default()
        };
        return Ok((a, r, run));
    }
    let rubric = load_rubric(&args.data.rubric)?;
    super::refuse_overlap(&args.out, &args.data, args.lang)?;
    let loaded = load_data(&rubric, &args.data)?;
    let scored = crate::scoring::score_with(&rubric, &loaded, &[])?;
    let a = crate::words::assessment(&rubric, &scored, args.lang, generated_at);
    if a.units.is_empty() {
        anyhow::bail!(
            "no unit could be assessed: no usable row in the unit list (run `kesiapan validate` for the data problems)"
        );
    }
    let r = AssessmentRef {
        path: None,
        sha256: None,
        generated_at: a.generated_at.clone(),
        rubric_id: a.rubric.id.clone(),
        rubric_version: a.rubric.version.clone(),
        rubric_sha256: a.rubric.sha256.clone(),
        unit_label: a.rubric.unit_label.clone(),
        min_group_size: a.rubric.min_group_size,
    };
    let run = super::run_info("jadwal", None, &rubric, Some(&loaded));
    let (e, w) = (
        super::count(&a.diagnostics, crate::diag::Severity::Error),
        super::count(&a.diagnostics, crate::diag::Severity::Warning),
    );
    if e + w > 0 && !quiet {
        eoutln!(
            "{}",
            crate::msg!("jadwal-data-problems", errors = e, warnings = w).get(args.lang)
        );
    }
    Ok((a, r, run))
}

pub fn run(args: &JadwalArgs, quiet: bool) -> Result<u8> {
    let generated_at = super::assess::timestamp(args.now.as_deref())?;
    let dates = jadwal::requested_dates(args.period.as_deref(), &args.period_list)?;
    // No output may land on an input: the assessment, the calendar, the roster.
    let inputs: Vec<&std::path::Path> = args
        .assessment
        .iter()
        .chain(std::iter::once(&args.calendar))
        .chain(args.roster.iter())
        .map(|p| p.as_path())
        .collect();
    if let Some(o) = overlap::find(&args.out, None, &inputs) {
        return Err(super::Fatal::Refused(overlap::message(&o, &args.out, None, args.lang)).into());
    }
    let cal = Calendar::load(&args.calendar)?;
    let (a, aref, mut run) = assessment(args, &generated_at, quiet)?;
    let mut plan = jadwal::build(&a, aref, &cal, &dates, &args.front_line_gate)?;
    plan.generated_at = generated_at.clone();
    run.now = args.now.is_some().then(|| generated_at.clone());
    if std::path::Path::new(&cal.path).exists() {
        run.inputs
            .push(Source::file(std::path::Path::new(&cal.path))?);
    }
    // The roster: read and checked before anything is written.
    let people = match &args.roster {
        Some(path) => {
            let ids: Vec<&str> = a.units.iter().map(|u| u.id.as_str()).collect();
            let people = roster::read(path, &ids)?;
            run.inputs.push(Source::file(path)?);
            Some(people)
        }
        None => None,
    };

    // Render everything before writing anything.
    let mut files = vec![
        ("jadwal.json".to_string(), jadwal::json(&plan)?.into_bytes()),
        (workbook::FILE.to_string(), workbook::province(&plan)?),
    ];
    if args.per_unit {
        let week_of_day = jadwal::week_of_day(&plan.period.working);
        let ids: Vec<&str> = plan.units.iter().map(|u| u.id.as_str()).collect();
        let stems = crate::output::names::unique_stems(&ids);
        for (u, stem) in plan.units.iter().zip(&stems) {
            let proposal = people.as_ref().map(|people| {
                let mine: Vec<roster::Person> =
                    people.iter().filter(|p| p.unit == u.id).cloned().collect();
                roster::propose(u, &mine, &week_of_day)
            });
            let proposal = proposal.filter(|p| !p.people.is_empty());
            files.push((
                format!("opd/jadwal-wfa_{stem}.xlsx"),
                workbook::unit(&plan, u, proposal.as_ref())?,
            ));
        }
    }
    let written = write_set(&args.out, &files, &run).context("writing the schedule")?;
    if !quiet {
        outln!("{}", jadwal::terminal::render(&plan, args.lang).trim_end());
        if let Some(people) = &people {
            let mut units: Vec<&str> = people.iter().map(|p| p.unit.as_str()).collect();
            units.sort_unstable();
            units.dedup();
            eoutln!(
                "\n{}",
                crate::msg!("jadwal-roster", people = people.len(), units = units.len())
                    .get(args.lang)
            );
        }
        // The province files by name; the units' workbooks counted.
        let per_unit = files.iter().filter(|f| f.0.starts_with("opd/")).count();
        let mut list: Vec<String> = files
            .iter()
            .filter(|f| !f.0.starts_with("opd/"))
            .map(|f| f.0.clone())
            .chain([crate::output::MANIFEST.to_string()])
            .collect();
        if per_unit > 0 {
            list.push(format!("opd/ ({per_unit} xlsx)"));
        }
        debug_assert_eq!(written.len(), files.len() + 1);
        eoutln!(
            "\n{}",
            crate::msg!(
                "wrote",
                files = format!("{} → {}", list.join(", "), args.out.display())
            )
            .get(args.lang)
        );
    }
    Ok(EXIT_OK)
}
