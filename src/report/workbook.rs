//! The analysts' workbook (.xlsx, rust_xlsxwriter).
//!
//! Sheets: summary, units, indicators (long), obstacles, WFA form per unit and job type, data
//! problems, rubric. Bold frozen headers, autofilters, number formats, verdict cells coloured
//! from the verdict palette (with their label, so colour is never the only signal). Every text
//! is written as a string cell, never a formula. The wording is in `workbook.strings.toml`
//! (overridable with `--templates`); this module lays the sheets out and words nothing itself.

use super::bundle::{Format as ReportFormat, RenderCtx, Renderer};
use super::palette;
use super::templates::{Strings, Templates};
use crate::assessment::{Assessment, IndicatorStatus, Suppression, Unit};
use crate::rubric::{Lang, ValueFormat};
use crate::words::curve;
use crate::xlsx::{WORKBOOK_HEADER_FILL, header_format, new_workbook, opt_num, text, text_f};
use anyhow::{Context, Result};
use rust_xlsxwriter::{Color, Format, Worksheet};

/// The workbook's file name in a language.
pub fn file_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "analisis.xlsx",
        Lang::En => "analysis.xlsx",
    }
}

/// The workbook's wording in the assessment's language.
pub(super) fn labels(a: &Assessment, templates: &Templates) -> Result<Strings> {
    templates.strings("workbook.strings.toml", a.lang)
}

struct Styles {
    head: Format,
    score: Format,
    /// A unit's score with 1–4 decimals (`format::score_decimals`): the full value is kept,
    /// shown as every output shows it, never rounded into a band it missed.
    unit_score: [Format; 4],
    pct: Format,
    int: Format,
    wrap: Format,
    /// One fill per verdict of the assessment, best first.
    verdict: Vec<Format>,
    /// The fill of a verdict the assessment does not list.
    unknown: Format,
}

fn fill(rgb: u32) -> Format {
    Format::new().set_background_color(Color::RGB(rgb))
}

impl Styles {
    fn new(a: &Assessment) -> Self {
        Styles {
            head: header_format(WORKBOOK_HEADER_FILL).set_text_wrap(),
            score: Format::new().set_num_format("0.0"),
            unit_score: ["0.0", "0.00", "0.000", "0.0000"].map(|f| Format::new().set_num_format(f)),
            pct: Format::new().set_num_format("0.0%"),
            int: Format::new().set_num_format("#,##0"),
            wrap: Format::new().set_text_wrap(),
            verdict: (0..a.verdicts.len())
                .map(|i| fill(palette::verdict(i).fill))
                .collect(),
            unknown: fill(palette::UNKNOWN.fill),
        }
    }

    /// The fill of verdict `id`.
    fn verdict_of(&self, a: &Assessment, id: &str) -> &Format {
        a.verdicts
            .iter()
            .position(|v| v.id == id)
            .and_then(|i| self.verdict.get(i))
            .unwrap_or(&self.unknown)
    }
}

/// A sheet with a bold frozen header row, widths and an autofilter over `rows` data rows.
fn header(ws: &mut Worksheet, s: &Styles, cols: &[(&str, f64)], rows: usize) -> Result<()> {
    for (c, (name, width)) in cols.iter().enumerate() {
        text_f(ws, 0, c as u16, *name, &s.head)?;
        ws.set_column_width(c as u16, *width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    if !cols.is_empty() {
        ws.autofilter(0, 0, rows.max(1) as u32, cols.len() as u16 - 1)?;
    }
    Ok(())
}

/// The analysts' workbook.
pub fn xlsx(a: &Assessment, templates: &Templates) -> Result<Vec<u8>> {
    let t = labels(a, templates)?;
    sheets(a, &t).context("writing the workbook")
}

fn sheets(a: &Assessment, t: &Strings) -> Result<Vec<u8>> {
    let s = Styles::new(a);
    // Fixed document properties: the same assessment gives the same bytes.
    let mut wb = new_workbook(&a.rubric.title)?;
    summary_sheet(&mut wb, a, &s, t)?;
    units_sheet(&mut wb, a, &s, t)?;
    indicators_sheet(&mut wb, a, &s, t)?;
    obstacles_sheet(&mut wb, a, &s, t)?;
    wfa_sheet(&mut wb, a, &s, t)?;
    problems_sheet(&mut wb, a, &s, t)?;
    rubric_sheet(&mut wb, a, &s, t)?;
    Ok(wb.save_to_buffer()?)
}

fn summary_sheet(
    wb: &mut rust_xlsxwriter::Workbook,
    a: &Assessment,
    s: &Styles,
    t: &Strings,
) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(t.get("sheet_summary"))?;
    ws.set_column_width(0, 42)?;
    ws.set_column_width(1, 70)?;
    let sm = &a.summary;
    let pairs: Vec<(&str, String)> = vec![
        (t.get("area"), sm.label.clone()),
        (t.get("verdict"), sm.verdict_label.clone()),
        (t.get("answer"), sm.message.clone()),
        (
            t.get("rubric"),
            format!("{} {} ({})", a.rubric.id, a.rubric.version, a.rubric.title),
        ),
        ("SHA-256", a.rubric.sha256.clone()),
        (
            t.get("generated"),
            format!("{} (kesiapan {})", a.generated_at, a.tool.version),
        ),
    ];
    let mut pairs = pairs;
    if !sm.assessed_line.is_empty() {
        pairs.insert(3, (t.get("assessed"), sm.assessed_line.clone()));
    }
    if !sm.conclusive {
        pairs.insert(
            4,
            (
                t.get("if_assessed"),
                format!(
                    "{} — {}",
                    sm.verdict_if_assessed_label, sm.message_if_assessed
                ),
            ),
        );
    }
    // Every unit not assessed, with its reasons, and every dataset's units that have not sent
    // it: in full (the sheet is the place for long lists).
    for u in &sm.not_assessed {
        pairs.push((
            t.get("not_assessed"),
            format!("{}: {}", u.unit, u.reasons.join("; ")),
        ));
    }
    let sent: Vec<(String, String)> = sm
        .not_sent
        .iter()
        .map(|n| {
            (
                format!("{} — {}", t.get("not_sent"), n.title),
                n.units.join(", "),
            )
        })
        .collect();
    for (k, v) in &sent {
        pairs.push((k.as_str(), v.clone()));
    }
    let mut r = 0u32;
    for (k, v) in &pairs {
        text_f(ws, r, 0, *k, &s.head)?;
        let f = if r == 1 {
            s.verdict_of(a, &sm.verdict)
        } else {
            &s.wrap
        };
        text_f(ws, r, 1, v, f)?;
        r += 1;
    }
    let mut rows: Vec<(String, f64)> = vec![(
        format!("{} {}", t.get("number_of"), a.rubric.unit_label),
        sm.units as f64,
    )];
    for v in &a.verdicts {
        rows.push((
            v.label.clone(),
            sm.verdict_counts.get(&v.id).copied().unwrap_or(0) as f64,
        ));
    }
    rows.push((t.get("staff_total").into(), sm.staff_total as f64));
    rows.push((t.get("staff_eligible").into(), sm.staff_eligible as f64));
    rows.push((
        t.get("staff_allowed").into(),
        sm.staff_allowed_at_once as f64,
    ));
    for (k, v) in rows {
        text_f(ws, r, 0, &k, &s.head)?;
        ws.write_number_with_format(r, 1, v, &s.int)?;
        r += 1;
    }
    let p = &sm.suppressed;
    text_f(ws, r, 0, t.get("privacy"), &s.head)?;
    text_f(
        ws,
        r,
        1,
        t.get("privacy_text")
            .replace("{min}", &p.min_group_size.to_string())
            .replace("{ind}", &p.indicator_values.to_string())
            .replace("{jobs}", &p.job_counts.to_string())
            .replace("{comp}", &p.complementary.to_string()),
        &s.wrap,
    )?;
    r += 2;
    // Input files with their hashes: what the verdicts were computed from.
    let cols = [
        t.get("file"),
        t.get("dataset"),
        t.get("rows_read"),
        t.get("rows_used"),
        t.get("rows_rejected"),
        "SHA-256",
    ];
    for (c, h) in cols.iter().enumerate() {
        text_f(ws, r, c as u16, *h, &s.head)?;
    }
    for i in &a.inputs {
        r += 1;
        text(ws, r, 0, &i.path)?;
        text(ws, r, 1, &i.dataset)?;
        ws.write_number_with_format(r, 2, i.rows_read as f64, &s.int)?;
        ws.write_number_with_format(r, 3, i.rows_used as f64, &s.int)?;
        ws.write_number_with_format(r, 4, i.rows_rejected as f64, &s.int)?;
        text(ws, r, 5, &i.sha256)?;
    }
    Ok(())
}

/// The unit table's columns, shared by the OPD sheet and the CSV.
pub(super) fn unit_columns(a: &Assessment, t: &Strings) -> Vec<String> {
    let mut c: Vec<String> = [
        t.get("code"),
        t.get("name"),
        t.get("score"),
        t.get("verdict"),
        t.get("score_verdict"),
        t.get("decided_by"),
        t.get("coverage"),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    c.extend(a.dimensions.iter().map(|d| d.label.clone()));
    c.extend(
        [
            t.get("staff"),
            t.get("in_wfa_jobs"),
            t.get("min_on_site"),
            t.get("max_share_away"),
            t.get("wfa_at_once"),
            t.get("main_obstacle"),
            t.get("data_warnings"),
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    c
}

pub(super) fn label_of<'a>(a: &'a Assessment, verdict: &'a str) -> &'a str {
    a.verdicts
        .iter()
        .find(|v| v.id == verdict)
        .map(|v| v.label.as_str())
        .unwrap_or(verdict)
}

fn units_sheet(
    wb: &mut rust_xlsxwriter::Workbook,
    a: &Assessment,
    s: &Styles,
    t: &Strings,
) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(t.get("sheet_units"))?;
    let names = unit_columns(a, t);
    let nd = a.dimensions.len();
    let widths: Vec<(&str, f64)> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            (
                n.as_str(),
                if i == 1 {
                    44.0
                } else if i >= names.len() - 2 {
                    40.0
                } else {
                    14.0
                },
            )
        })
        .collect();
    header(ws, s, &widths, a.units.len())?;
    let bands = a.bands();
    for (i, u) in a.units.iter().enumerate() {
        let r = i as u32 + 1;
        text(ws, r, 0, &u.id)?;
        text(ws, r, 1, u.name.as_deref().unwrap_or(""))?;
        let decimals = u
            .score
            .map_or(1, |x| crate::format::score_decimals(x, &bands));
        let score_format = &s.unit_score[decimals - 1];
        opt_num(ws, r, 2, u.score, score_format)?;
        text_f(ws, r, 3, &u.verdict_label, s.verdict_of(a, &u.verdict))?;
        text(ws, r, 4, label_of(a, &u.score_verdict))?;
        text(ws, r, 5, &u.decided_by)?;
        ws.write_number_with_format(r, 6, u.coverage, &s.pct)?;
        for (j, d) in a.dimensions.iter().enumerate() {
            opt_num(ws, r, 7 + j as u16, u.dimension_score(&d.id), &s.score)?;
        }
        let c = 7 + nd as u16;
        opt_num(ws, r, c, u.wfa.staff_total.map(|x| x as f64), &s.int)?;
        opt_num(ws, r, c + 1, u.wfa.staff_eligible.map(|x| x as f64), &s.int)?;
        opt_num(ws, r, c + 2, u.wfa.min_on_site.map(|x| x as f64), &s.int)?;
        ws.write_number_with_format(r, c + 3, u.wfa.max_share_away, &s.pct)?;
        match u.wfa.staff_allowed_at_once {
            Some(x) => {
                ws.write_number_with_format(r, c + 4, x as f64, &s.int)?;
            }
            None => {
                text(ws, r, c + 4, t.get("hidden"))?;
            }
        }
        text(
            ws,
            r,
            c + 5,
            u.obstacles
                .first()
                .map(|o| o.problem.as_str())
                .unwrap_or(""),
        )?;
        text(ws, r, c + 6, u.data_warnings.join("; "))?;
    }
    Ok(())
}

fn indicators_sheet(
    wb: &mut rust_xlsxwriter::Workbook,
    a: &Assessment,
    s: &Styles,
    t: &Strings,
) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(t.get("sheet_indicators"))?;
    let rows: usize = a.units.iter().map(|u| u.indicators.len()).sum();
    header(
        ws,
        s,
        &[
            (t.get("code"), 10.0),
            (t.get("name"), 36.0),
            (t.get("dimension"), 22.0),
            (t.get("indicator"), 36.0),
            ("id", 18.0),
            (t.get("value"), 12.0),
            (t.get("value_shown"), 16.0),
            (t.get("target"), 10.0),
            (t.get("score"), 9.0),
            (t.get("effective_weight"), 12.0),
            (t.get("status"), 18.0),
        ],
        rows,
    )?;
    let mut r = 0u32;
    for u in &a.units {
        for i in &u.indicators {
            r += 1;
            let applied = a.rubric.applied.indicators.iter().find(|x| x.id == i.id);
            let pct = applied.is_some_and(|x| x.format == ValueFormat::Percent);
            let dim = a.dimensions.iter().find(|d| d.id == i.dimension);
            text(ws, r, 0, &u.id)?;
            text(ws, r, 1, u.name.as_deref().unwrap_or(""))?;
            text(
                ws,
                r,
                2,
                dim.map(|d| d.label.as_str()).unwrap_or(&i.dimension),
            )?;
            text(ws, r, 3, applied.map(|x| x.label.as_str()).unwrap_or(&i.id))?;
            text(ws, r, 4, &i.id)?;
            let f = if pct { &s.pct } else { &s.score };
            if i.status != IndicatorStatus::Suppressed {
                opt_num(ws, r, 5, i.value, f)?;
            }
            text(ws, r, 6, &i.display)?;
            opt_num(ws, r, 7, i.target, f)?;
            opt_num(ws, r, 8, i.score, &s.score)?;
            ws.write_number_with_format(r, 9, i.effective_weight, &s.pct)?;
            text(ws, r, 10, status_label(i.status, t))?;
        }
    }
    Ok(())
}

fn status_label(s: IndicatorStatus, t: &Strings) -> &str {
    match s {
        IndicatorStatus::Ok => t.get("status_ok"),
        IndicatorStatus::BelowTarget => t.get("status_below_target"),
        IndicatorStatus::Missing => t.get("status_missing"),
        IndicatorStatus::MissingScoredZero => t.get("status_missing_scored_zero"),
        IndicatorStatus::Suppressed => t.get("status_suppressed"),
        IndicatorStatus::Info => t.get("status_info"),
    }
}

fn obstacles_sheet(
    wb: &mut rust_xlsxwriter::Workbook,
    a: &Assessment,
    s: &Styles,
    t: &Strings,
) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(t.get("sheet_obstacles"))?;
    let rows: usize = a.units.iter().map(|u| u.obstacles.len()).sum();
    header(
        ws,
        s,
        &[
            (t.get("code"), 10.0),
            (t.get("name"), 36.0),
            (t.get("rank"), 9.0),
            (t.get("kind"), 10.0),
            (t.get("obstacle"), 34.0),
            (t.get("explanation"), 60.0),
            (t.get("fix"), 48.0),
            (t.get("score_cost"), 12.0),
            (t.get("staff_affected"), 12.0),
        ],
        rows,
    )?;
    let mut r = 0u32;
    for u in &a.units {
        for o in &u.obstacles {
            r += 1;
            text(ws, r, 0, &u.id)?;
            text(ws, r, 1, u.name.as_deref().unwrap_or(""))?;
            ws.write_number(r, 2, o.rank as f64)?;
            text(ws, r, 3, o.kind.to_string())?;
            text(ws, r, 4, &o.label)?;
            text(ws, r, 5, &o.message)?;
            text(ws, r, 6, o.fix.as_deref().unwrap_or(""))?;
            ws.write_number_with_format(r, 7, o.score_cost, &s.score)?;
            opt_num(ws, r, 8, o.staff_affected.map(|x| x as f64), &s.int)?;
        }
    }
    Ok(())
}

fn wfa_sheet(
    wb: &mut rust_xlsxwriter::Workbook,
    a: &Assessment,
    s: &Styles,
    t: &Strings,
) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(t.get("sheet_wfa"))?;
    let rows: usize = a
        .units
        .iter()
        .map(|u| u.wfa.eligible_jobs.len().max(1))
        .sum();
    header(
        ws,
        s,
        &[
            (t.get("code"), 10.0),
            (t.get("name"), 36.0),
            (t.get("verdict"), 16.0),
            (t.get("wfa_at_once"), 12.0),
            (t.get("min_on_site"), 12.0),
            (t.get("eligible_job"), 40.0),
            (t.get("holders"), 12.0),
            (t.get("conditions"), 60.0),
        ],
        rows,
    )?;
    let mut r = 0u32;
    let write_unit = |ws: &mut Worksheet, r: u32, u: &Unit| -> Result<()> {
        text(ws, r, 0, &u.id)?;
        text(ws, r, 1, u.name.as_deref().unwrap_or(""))?;
        text_f(ws, r, 2, &u.verdict_label, s.verdict_of(a, &u.verdict))?;
        match u.wfa.staff_allowed_at_once {
            Some(x) => {
                ws.write_number_with_format(r, 3, x as f64, &s.int)?;
            }
            None => {
                text(ws, r, 3, t.get("hidden"))?;
            }
        }
        opt_num(ws, r, 4, u.wfa.min_on_site.map(|x| x as f64), &s.int)?;
        text(ws, r, 7, u.wfa.conditions.join(" "))?;
        Ok(())
    };
    for u in &a.units {
        if u.wfa.eligible_jobs.is_empty() {
            r += 1;
            write_unit(ws, r, u)?;
        }
        for j in &u.wfa.eligible_jobs {
            r += 1;
            write_unit(ws, r, u)?;
            text(ws, r, 5, &j.name)?;
            match (j.holders, j.suppressed) {
                (Some(h), _) => {
                    ws.write_number_with_format(r, 6, h as f64, &s.int)?;
                }
                (None, Some(Suppression::SmallGroup | Suppression::Complementary)) => {
                    text(ws, r, 6, t.get("hidden"))?;
                }
                (None, None) => {}
            }
        }
    }
    Ok(())
}

fn problems_sheet(
    wb: &mut rust_xlsxwriter::Workbook,
    a: &Assessment,
    s: &Styles,
    t: &Strings,
) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(t.get("sheet_problems"))?;
    header(
        ws,
        s,
        &[
            (t.get("code"), 18.0),
            (t.get("severity"), 10.0),
            ("Dataset", 14.0),
            (t.get("file"), 36.0),
            ("Sheet", 14.0),
            (t.get("row"), 8.0),
            (t.get("column"), 8.0),
            (t.get("value"), 20.0),
            (t.get("message"), 80.0),
        ],
        a.diagnostics.len(),
    )?;
    for (i, d) in a.diagnostics.iter().enumerate() {
        let r = i as u32 + 1;
        text(ws, r, 0, d.code.to_string())?;
        text(ws, r, 1, d.severity.to_string())?;
        text(ws, r, 2, d.dataset.as_deref().unwrap_or(""))?;
        text(ws, r, 3, d.file.as_deref().unwrap_or(""))?;
        text(ws, r, 4, d.sheet.as_deref().unwrap_or(""))?;
        opt_num(ws, r, 5, d.row.map(f64::from), &s.int)?;
        text(ws, r, 6, d.column.as_deref().unwrap_or(""))?;
        text(ws, r, 7, d.value.as_deref().unwrap_or(""))?;
        text(ws, r, 8, d.text(a.lang))?;
    }
    Ok(())
}

fn rubric_sheet(
    wb: &mut rust_xlsxwriter::Workbook,
    a: &Assessment,
    s: &Styles,
    t: &Strings,
) -> Result<()> {
    let lang = a.lang;
    let ws = wb.add_worksheet();
    ws.set_name(t.get("sheet_rubric"))?;
    let ap = &a.rubric.applied;
    header(
        ws,
        s,
        &[
            (t.get("dimension"), 22.0),
            (t.get("dimension_share"), 12.0),
            (t.get("indicator"), 36.0),
            ("id", 18.0),
            (t.get("weight_in_dimension"), 12.0),
            (t.get("share_of_total"), 12.0),
            (t.get("formula"), 50.0),
            (t.get("curve"), 40.0),
            (t.get("target"), 10.0),
        ],
        ap.indicators.len(),
    )?;
    for (k, i) in ap.indicators.iter().enumerate() {
        let r = k as u32 + 1;
        let d = a.dimensions.iter().find(|d| d.id == i.dimension);
        let dshare = ap.dimension_share(&i.dimension);
        text(
            ws,
            r,
            0,
            d.map(|d| d.label.as_str()).unwrap_or(&i.dimension),
        )?;
        ws.write_number_with_format(r, 1, dshare, &s.pct)?;
        text(ws, r, 2, &i.label)?;
        text(ws, r, 3, &i.id)?;
        ws.write_number_with_format(r, 4, ap.within_share(&i.id), &s.pct)?;
        ws.write_number_with_format(r, 5, ap.indicator_share(&i.id), &s.pct)?;
        text(ws, r, 6, &i.value)?;
        text(ws, r, 7, curve::describe(&i.curve, lang))?;
        let f = if i.format == ValueFormat::Percent {
            &s.pct
        } else {
            &s.score
        };
        opt_num(ws, r, 8, i.target, f)?;
    }
    let mut r = ap.indicators.len() as u32 + 2;
    for (c, h) in [t.get("condition"), t.get("requires"), t.get("gate_cap")]
        .iter()
        .enumerate()
    {
        text_f(ws, r, c as u16, *h, &s.head)?;
    }
    for g in &ap.gates {
        r += 1;
        text(ws, r, 0, &g.label)?;
        text(ws, r, 1, &g.require)?;
        text(ws, r, 2, label_of(a, &g.cap))?;
    }
    r += 2;
    text_f(ws, r, 0, t.get("verdict"), &s.head)?;
    text_f(ws, r, 1, t.get("min_score"), &s.head)?;
    for (k, v) in a.verdicts.iter().enumerate() {
        r += 1;
        text_f(ws, r, 0, &v.label, &s.verdict[k])?;
        ws.write_number_with_format(r, 1, v.min_score, &s.score)?;
    }
    r += 2;
    text(
        ws,
        r,
        0,
        format!(
            "{} {} · SHA-256 {}",
            a.rubric.id, a.rubric.version, a.rubric.sha256
        ),
    )?;
    Ok(())
}

/// `--format xlsx`.
pub struct Workbook;

impl Renderer for Workbook {
    fn format(&self) -> ReportFormat {
        ReportFormat::Xlsx
    }

    fn files(&self, a: &Assessment, ctx: &RenderCtx) -> Result<Vec<(String, Vec<u8>)>> {
        Ok(vec![(file_name(a.lang).into(), xlsx(a, &ctx.templates)?)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_used_is_in_both_languages_of_the_strings_file() {
        let t = Templates::default();
        let (id, en) = (
            t.strings("workbook.strings.toml", Lang::Id).unwrap(),
            t.strings("workbook.strings.toml", Lang::En).unwrap(),
        );
        let keys: Vec<&str> = include_str!("workbook.rs")
            .split("t.get(\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        assert!(keys.len() > 60, "{} keys found", keys.len());
        for k in keys {
            assert!(id.contains(k), "[id] has no {k}");
            assert!(en.contains(k), "[en] has no {k}");
        }
    }
}
