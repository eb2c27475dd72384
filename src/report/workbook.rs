//! The analysts' workbook (.xlsx, rust_xlsxwriter).
//!
//! Sheets: summary, units, indicators (long), obstacles, WFA form per unit and job type, data
//! problems, rubric, and a data dictionary (every column of every sheet: its meaning, unit and
//! source). Each table is an Excel Table (header row, autofilter, a light style that prints)
//! laid out from `workbook_columns`; frozen headers, a number format per kind of value (whole
//! numbers for counts, percentages for shares, the score's decimals, an indicator's own format
//! and unit, dates as dates), categories as their words (verdicts, statuses, kinds, severities,
//! Ya/Tidak), verdict cells coloured from the verdict palette (with their label, so colour is
//! never the only signal), and a figure hidden for privacy written as the hidden marker
//! (explained on the summary sheet), never as a blank or a zero. Every text is written as a
//! string cell, never a formula. The wording is in `workbook.strings.toml` (overridable with
//! `--templates`); this module lays the sheets out and words nothing itself.

use super::bundle::{Format as ReportFormat, RenderCtx, Renderer};
use super::palette;
use super::templates::{Strings, Templates};
use super::workbook_columns::{self as columns, TableCols};
use crate::assessment::{AppliedIndicator, Assessment, IndicatorStatus, ObstacleKind, Unit};
use crate::diag::Severity;
use crate::rubric::{Lang, ValueFormat};
use crate::words::curve;
use crate::xlsx::{WORKBOOK_HEADER_FILL, header_format, new_workbook, opt_num, text, text_f};
use anyhow::{Context, Result};
use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, Table, TableColumn, TableStyle, Workbook as XlsxBook, Worksheet,
};
use std::collections::BTreeMap;

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
    points: Format,
    wrap: Format,
    /// Each indicator's value format (by id): its percentage, whole number or decimals, with
    /// its unit; Rupiah for an amount in Rupiah.
    value: BTreeMap<String, Format>,
    /// One fill per verdict of the assessment, best first.
    verdict: Vec<Format>,
    /// The fill of a verdict the assessment does not list.
    unknown: Format,
}

fn fill(rgb: u32) -> Format {
    Format::new().set_background_color(Color::RGB(rgb))
}

/// The Excel number format of an indicator's values: a percentage, a whole number or a number
/// with two to four decimals, followed by the indicator's unit; an amount in Rupiah as Rupiah.
pub(super) fn value_num_format(i: &AppliedIndicator) -> String {
    let unit: String = i
        .unit
        .as_deref()
        .unwrap_or("")
        .chars()
        .filter(|c| *c != '"' && *c != '\\')
        .collect();
    let rupiah = matches!(unit.to_lowercase().trim(), "rp" | "rupiah" | "idr");
    let body = match i.format {
        ValueFormat::Percent => return "0.0%".into(),
        _ if rupiah => return "\"Rp\" #,##0".into(),
        ValueFormat::Integer | ValueFormat::Boolean => "#,##0",
        ValueFormat::Number => "#,##0.00##",
    };
    if unit.trim().is_empty() {
        body.into()
    } else {
        format!("{body} \"{}\"", unit.trim())
    }
}

impl Styles {
    fn new(a: &Assessment) -> Self {
        Styles {
            head: header_format(WORKBOOK_HEADER_FILL).set_text_wrap(),
            score: Format::new().set_num_format("0.0"),
            unit_score: ["0.0", "0.00", "0.000", "0.0000"].map(|f| Format::new().set_num_format(f)),
            pct: Format::new().set_num_format("0.0%"),
            int: Format::new().set_num_format("#,##0"),
            points: Format::new().set_num_format("#,##0.00"),
            wrap: Format::new().set_text_wrap(),
            value: a
                .rubric
                .applied
                .indicators
                .iter()
                .map(|i| {
                    (
                        i.id.clone(),
                        Format::new().set_num_format(value_num_format(i)),
                    )
                })
                .collect(),
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

    /// The format of indicator `id`'s values (decimals when the rubric does not list it).
    fn value_of(&self, id: &str) -> &Format {
        self.value.get(id).unwrap_or(&self.score)
    }
}

/// `cols` as an Excel Table (named `cols.table`) with its header row at `first` and `rows`
/// data rows under it: header cells bold on the header fill, a light style that prints. On a
/// sheet's own table (at the top) also the column widths, the frozen header, the header row
/// repeated on every printed page, landscape A4 one page wide.
fn table(ws: &mut Worksheet, s: &Styles, cols: &TableCols, first: u32, rows: usize) -> Result<()> {
    let columns: Vec<TableColumn> = cols
        .headers()
        .iter()
        .map(|h| {
            TableColumn::new()
                .set_header(crate::xlsx::cell_text(h))
                .set_header_format(&s.head)
        })
        .collect();
    let t = Table::new()
        .set_name(cols.table)
        .set_style(TableStyle::Light1)
        .set_columns(&columns);
    let last_col = cols.cols.len().max(1) as u16 - 1;
    ws.add_table(first, 0, first + rows.max(1) as u32, last_col, &t)?;
    if first == 0 {
        for (c, col) in cols.cols.iter().enumerate() {
            ws.set_column_width(c as u16, col.width)?;
        }
        ws.set_freeze_panes(1, 0)?;
        ws.set_repeat_rows(0, 0)?;
        ws.set_landscape();
        ws.set_paper_size(9);
        ws.set_print_fit_to_pages(1, 0);
    }
    Ok(())
}

/// The hidden marker where a figure is not shown for privacy.
fn hidden(ws: &mut Worksheet, r: u32, c: u16, t: &Strings) -> Result<()> {
    text(ws, r, c, t.get("hidden"))?;
    Ok(())
}

/// A count, or the hidden marker when it is not shown.
fn count_or_hidden(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    x: Option<i64>,
    is_hidden: bool,
    s: &Styles,
    t: &Strings,
) -> Result<()> {
    match x {
        _ if is_hidden => hidden(ws, r, c, t),
        Some(x) => {
            ws.write_number_with_format(r, c, x as f64, &s.int)?;
            Ok(())
        }
        None => Ok(()),
    }
}

/// The categories a value formula codes as numbers (`CASE WHEN laporan_output = 'harian' THEN
/// 2 …`): each code with the category's word, as the rubric writes it. Empty for any other
/// formula.
pub(super) fn category_codes(formula: &str) -> Vec<(f64, String)> {
    let mut out = Vec::new();
    let upper = formula.to_uppercase();
    if !upper.trim_start().starts_with("CASE") {
        return out;
    }
    for (k, _) in upper.match_indices("WHEN ") {
        let rest = &formula[k + 5..];
        let Some(end) = rest.to_uppercase().find(" THEN ") else {
            continue;
        };
        let (cond, after) = (&rest[..end], &rest[end + 6..]);
        let Some((_, quoted)) = cond.split_once('=') else {
            continue;
        };
        let word = quoted.trim();
        let Some(word) = word.strip_prefix('\'').and_then(|w| w.strip_suffix('\'')) else {
            continue;
        };
        let code = after.split_whitespace().next().and_then(|c| c.parse().ok());
        if let Some(code) = code {
            out.push((code, word.to_string()));
        }
    }
    out
}

/// An indicator's value or target: Ya/Tidak for a yes/no indicator, the category's word for a
/// value its formula codes from a category, else a number in the indicator's format.
fn value_cell(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    x: Option<f64>,
    applied: Option<&AppliedIndicator>,
    s: &Styles,
    lang: Lang,
) -> Result<()> {
    match (x.filter(|x| x.is_finite()), applied) {
        (Some(x), Some(i)) if i.format == ValueFormat::Boolean => {
            text(
                ws,
                r,
                c,
                crate::format::value(x, ValueFormat::Boolean, None, lang),
            )?;
        }
        (Some(x), Some(i)) if category_codes(&i.value).iter().any(|(k, _)| *k == x) => {
            let codes = category_codes(&i.value);
            let word = codes.iter().find(|(k, _)| *k == x).map(|(_, w)| w.as_str());
            text(ws, r, c, word.unwrap_or_default())?;
        }
        (x, Some(i)) => opt_num(ws, r, c, x, s.value_of(&i.id))?,
        (x, None) => opt_num(ws, r, c, x, &s.score)?,
    }
    Ok(())
}

/// What decided a unit's verdict, in words: the score, too little data, or the label of the
/// capping gate.
fn decided_by<'a>(a: &'a Assessment, u: &'a Unit, t: &'a Strings) -> &'a str {
    match u.decided_by.as_str() {
        "score" => return t.get("decided_score"),
        "coverage" => return t.get("kind_coverage"),
        _ => {}
    }
    a.rubric
        .applied
        .gates
        .iter()
        .find(|g| g.id == u.decided_by)
        .map(|g| g.label.as_str())
        .unwrap_or(&u.decided_by)
}

/// A dataset's title (its id when the assessment does not list it).
fn dataset_title<'a>(a: &'a Assessment, id: &'a str) -> &'a str {
    a.datasets
        .iter()
        .find(|d| d.id == id)
        .map(|d| d.title.as_str())
        .unwrap_or(id)
}

fn obstacle_kind(k: ObstacleKind, t: &Strings) -> &str {
    match k {
        ObstacleKind::Gate => t.get("kind_gate"),
        ObstacleKind::Coverage => t.get("kind_coverage"),
        ObstacleKind::Indicator => t.get("kind_indicator"),
    }
}

fn severity(s: Severity, t: &Strings) -> &str {
    match s {
        Severity::Error => t.get("severity_error"),
        Severity::Warning => t.get("severity_warning"),
        Severity::Info => t.get("severity_info"),
    }
}

/// `generated_at` (RFC 3339) as an Excel date and time, with its zone in the number format
/// (`UTC`, `UTC+07:00`); `None` when it does not read as one.
fn generated(at: &str) -> Option<(ExcelDateTime, Format)> {
    let local = at.get(..19)?.replace('T', " ");
    let zone = match at.get(19..)? {
        "Z" | "z" | "" => "UTC".to_string(),
        z => format!("UTC{z}"),
    };
    let dt = ExcelDateTime::parse_from_str(&local).ok()?;
    Some((
        dt,
        Format::new().set_num_format(format!("yyyy-mm-dd hh:mm:ss \"{zone}\"")),
    ))
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
    dictionary_sheet(&mut wb, a, &s, t)?;
    Ok(wb.save_to_buffer()?)
}

/// A value of the summary's key/value block.
enum Item {
    Text(String),
    /// `generated_at`, written as a date and time.
    Time,
}

fn summary_sheet(wb: &mut XlsxBook, a: &Assessment, s: &Styles, t: &Strings) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(t.get("sheet_summary"))?;
    for (c, col) in columns::summary_items(t).cols.iter().enumerate() {
        ws.set_column_width(c as u16, col.width)?;
    }
    let sm = &a.summary;
    let mut pairs: Vec<(&str, Item)> = vec![
        (t.get("area"), Item::Text(sm.label.clone())),
        (t.get("verdict"), Item::Text(sm.verdict_label.clone())),
        (t.get("answer"), Item::Text(sm.message.clone())),
        (
            t.get("rubric"),
            Item::Text(format!(
                "{} {} ({})",
                a.rubric.id, a.rubric.version, a.rubric.title
            )),
        ),
        ("SHA-256", Item::Text(a.rubric.sha256.clone())),
        (t.get("generated"), Item::Time),
        (
            t.get("tool"),
            Item::Text(format!("kesiapan {}", a.tool.version)),
        ),
    ];
    if !sm.assessed_line.is_empty() {
        pairs.insert(3, (t.get("assessed"), Item::Text(sm.assessed_line.clone())));
    }
    if !sm.conclusive {
        pairs.insert(
            4,
            (
                t.get("if_assessed"),
                Item::Text(format!(
                    "{} — {}",
                    sm.verdict_if_assessed_label, sm.message_if_assessed
                )),
            ),
        );
    }
    // Every unit not assessed, with its reasons, and every dataset's units that have not sent
    // it: in full (the sheet is the place for long lists).
    for u in &sm.not_assessed {
        pairs.push((
            t.get("not_assessed"),
            Item::Text(format!("{}: {}", u.unit, u.reasons.join("; "))),
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
        pairs.push((k.as_str(), Item::Text(v.clone())));
    }
    let mut r = 0u32;
    for (k, v) in &pairs {
        text_f(ws, r, 0, *k, &s.head)?;
        let f = if r == 1 {
            s.verdict_of(a, &sm.verdict)
        } else {
            &s.wrap
        };
        match (v, generated(&a.generated_at)) {
            (Item::Time, Some((dt, date))) => {
                ws.write_datetime_with_format(r, 1, &dt, &date)?;
            }
            (Item::Time, None) => text_f(ws, r, 1, &a.generated_at, f)?,
            (Item::Text(v), _) => text_f(ws, r, 1, v, f)?,
        }
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
    let min = p.min_group_size.to_string();
    text_f(ws, r, 0, t.get("privacy"), &s.head)?;
    text_f(
        ws,
        r,
        1,
        t.get("privacy_text")
            .replace("{min}", &min)
            .replace("{ind}", &p.indicator_values.to_string())
            .replace("{jobs}", &p.job_counts.to_string())
            .replace("{comp}", &p.complementary.to_string()),
        &s.wrap,
    )?;
    r += 1;
    // The legend of the hidden marker the other sheets write.
    text_f(ws, r, 0, t.get("hidden"), &s.head)?;
    text_f(
        ws,
        r,
        1,
        t.get("hidden_legend").replace("{min}", &min),
        &s.wrap,
    )?;
    r += 2;
    // Input files with their hashes: what the verdicts were computed from.
    table(ws, s, &columns::summary_inputs(t), r, a.inputs.len())?;
    for i in &a.inputs {
        r += 1;
        text(ws, r, 0, &i.path)?;
        text(ws, r, 1, dataset_title(a, &i.dataset))?;
        ws.write_number_with_format(r, 2, i.rows_read as f64, &s.int)?;
        ws.write_number_with_format(r, 3, i.rows_used as f64, &s.int)?;
        ws.write_number_with_format(r, 4, i.rows_rejected as f64, &s.int)?;
        text(ws, r, 5, &i.sha256)?;
    }
    Ok(())
}

/// The unit table's columns, shared by the OPD sheet and the CSV (as worded: the sheet's table
/// makes a repeated header unique).
pub(super) fn unit_columns(a: &Assessment, t: &Strings) -> Vec<String> {
    columns::unit_cols(a, t)
        .into_iter()
        .map(|c| c.header)
        .collect()
}

pub(super) fn label_of<'a>(a: &'a Assessment, verdict: &'a str) -> &'a str {
    a.verdicts
        .iter()
        .find(|v| v.id == verdict)
        .map(|v| v.label.as_str())
        .unwrap_or(verdict)
}

fn units_sheet(wb: &mut XlsxBook, a: &Assessment, s: &Styles, t: &Strings) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(t.get("sheet_units"))?;
    let nd = a.dimensions.len();
    table(ws, s, &columns::units(a, t), 0, a.units.len())?;
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
        text(ws, r, 5, decided_by(a, u, t))?;
        ws.write_number_with_format(r, 6, u.coverage, &s.pct)?;
        for (j, d) in a.dimensions.iter().enumerate() {
            opt_num(ws, r, 7 + j as u16, u.dimension_score(&d.id), &s.score)?;
        }
        let c = 7 + nd as u16;
        let w = &u.wfa;
        opt_num(ws, r, c, w.staff_total.map(|x| x as f64), &s.int)?;
        count_or_hidden(
            ws,
            r,
            c + 1,
            w.staff_eligible,
            w.staff_eligible_suppressed.is_some(),
            s,
            t,
        )?;
        opt_num(ws, r, c + 2, w.min_on_site.map(|x| x as f64), &s.int)?;
        ws.write_number_with_format(r, c + 3, w.max_share_away, &s.pct)?;
        count_or_hidden(
            ws,
            r,
            c + 4,
            w.staff_allowed_at_once,
            w.staff_allowed_at_once.is_none() || w.staff_allowed_suppressed.is_some(),
            s,
            t,
        )?;
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

fn indicators_sheet(wb: &mut XlsxBook, a: &Assessment, s: &Styles, t: &Strings) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(t.get("sheet_indicators"))?;
    let rows: usize = a.units.iter().map(|u| u.indicators.len()).sum();
    table(ws, s, &columns::indicators(t), 0, rows)?;
    let mut r = 0u32;
    for u in &a.units {
        for i in &u.indicators {
            r += 1;
            let applied = a.rubric.applied.indicators.iter().find(|x| x.id == i.id);
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
            if i.status == IndicatorStatus::Suppressed {
                hidden(ws, r, 5, t)?;
            } else {
                value_cell(ws, r, 5, i.value, applied, s, a.lang)?;
            }
            text(ws, r, 6, &i.display)?;
            value_cell(ws, r, 7, i.target, applied, s, a.lang)?;
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

fn obstacles_sheet(wb: &mut XlsxBook, a: &Assessment, s: &Styles, t: &Strings) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(t.get("sheet_obstacles"))?;
    let rows: usize = a.units.iter().map(|u| u.obstacles.len()).sum();
    table(ws, s, &columns::obstacles(t), 0, rows)?;
    let mut r = 0u32;
    for u in &a.units {
        for o in &u.obstacles {
            r += 1;
            text(ws, r, 0, &u.id)?;
            text(ws, r, 1, u.name.as_deref().unwrap_or(""))?;
            ws.write_number_with_format(r, 2, o.rank as f64, &s.int)?;
            text(ws, r, 3, obstacle_kind(o.kind, t))?;
            text(ws, r, 4, &o.label)?;
            text(ws, r, 5, &o.message)?;
            text(ws, r, 6, o.fix.as_deref().unwrap_or(""))?;
            ws.write_number_with_format(r, 7, o.score_cost, &s.points)?;
            opt_num(ws, r, 8, o.staff_affected.map(|x| x as f64), &s.int)?;
        }
    }
    Ok(())
}

fn wfa_sheet(wb: &mut XlsxBook, a: &Assessment, s: &Styles, t: &Strings) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(t.get("sheet_wfa"))?;
    let rows: usize = a
        .units
        .iter()
        .map(|u| u.wfa.eligible_jobs.len().max(1))
        .sum();
    table(ws, s, &columns::wfa(t), 0, rows)?;
    let mut r = 0u32;
    let write_unit = |ws: &mut Worksheet, r: u32, u: &Unit| -> Result<()> {
        let w = &u.wfa;
        text(ws, r, 0, &u.id)?;
        text(ws, r, 1, u.name.as_deref().unwrap_or(""))?;
        text_f(ws, r, 2, &u.verdict_label, s.verdict_of(a, &u.verdict))?;
        count_or_hidden(
            ws,
            r,
            3,
            w.staff_allowed_at_once,
            w.staff_allowed_at_once.is_none() || w.staff_allowed_suppressed.is_some(),
            s,
            t,
        )?;
        opt_num(ws, r, 4, w.min_on_site.map(|x| x as f64), &s.int)?;
        text(ws, r, 7, w.conditions.join(" "))?;
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
            count_or_hidden(ws, r, 6, j.holders, j.suppressed.is_some(), s, t)?;
        }
    }
    Ok(())
}

fn problems_sheet(wb: &mut XlsxBook, a: &Assessment, s: &Styles, t: &Strings) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(t.get("sheet_problems"))?;
    table(ws, s, &columns::problems(t), 0, a.diagnostics.len())?;
    for (i, d) in a.diagnostics.iter().enumerate() {
        let r = i as u32 + 1;
        text(ws, r, 0, d.code.to_string())?;
        text(ws, r, 1, severity(d.severity, t))?;
        text(
            ws,
            r,
            2,
            d.dataset
                .as_deref()
                .map(|x| dataset_title(a, x))
                .unwrap_or(""),
        )?;
        text(ws, r, 3, d.file.as_deref().unwrap_or(""))?;
        text(ws, r, 4, d.sheet.as_deref().unwrap_or(""))?;
        opt_num(ws, r, 5, d.row.map(f64::from), &s.int)?;
        text(ws, r, 6, d.column.as_deref().unwrap_or(""))?;
        text(
            ws,
            r,
            7,
            crate::text::shown_value(d.value.as_deref().unwrap_or(""), a.lang),
        )?;
        text(ws, r, 8, d.text(a.lang))?;
    }
    Ok(())
}

fn rubric_sheet(wb: &mut XlsxBook, a: &Assessment, s: &Styles, t: &Strings) -> Result<()> {
    let lang = a.lang;
    let ws = wb.add_worksheet();
    ws.set_name(t.get("sheet_rubric"))?;
    let ap = &a.rubric.applied;
    table(
        ws,
        s,
        &columns::rubric_indicators(t),
        0,
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
        value_cell(ws, r, 8, i.target, Some(i), s, lang)?;
    }
    // The gates' and the verdicts' tables below, a blank row apart (a table holds at least
    // one row under its header).
    let gates_at = ap.indicators.len().max(1) as u32 + 2;
    table(ws, s, &columns::rubric_gates(t), gates_at, ap.gates.len())?;
    for (k, g) in ap.gates.iter().enumerate() {
        let r = gates_at + 1 + k as u32;
        text(ws, r, 0, &g.label)?;
        text(ws, r, 1, &g.require)?;
        text(ws, r, 2, label_of(a, &g.cap))?;
    }
    let verdicts_at = gates_at + ap.gates.len().max(1) as u32 + 2;
    table(
        ws,
        s,
        &columns::rubric_verdicts(t),
        verdicts_at,
        a.verdicts.len(),
    )?;
    let mut r = verdicts_at;
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

/// The data dictionary: every column of every table of the workbook (this one's too), with its
/// meaning, unit or format, and where its values come from.
fn dictionary_sheet(wb: &mut XlsxBook, a: &Assessment, s: &Styles, t: &Strings) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(t.get("sheet_dictionary"))?;
    let rows = columns::dictionary_rows(a, t);
    table(ws, s, &columns::dictionary(t), 0, rows.len())?;
    for (k, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            text_f(ws, k as u32 + 1, c as u16, cell, &s.wrap)?;
        }
    }
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
    fn each_value_format_has_its_excel_number_format() {
        let of = |format: &str, unit: Option<&str>| {
            let i: AppliedIndicator = serde_json::from_value(serde_json::json!({
                "id": "x", "label": "x", "dimension": "d", "weight": 1.0, "value": "x",
                "curve": {"kind": "linear", "zero": 0.0, "full": 1.0}, "target": null, "missing": "exclude",
                "format": format, "unit": unit
            }))
            .unwrap();
            value_num_format(&i)
        };
        assert_eq!(of("percent", None), "0.0%");
        assert_eq!(of("integer", Some("laptop")), "#,##0 \"laptop\"");
        assert_eq!(of("number", Some("Mbps")), "#,##0.00## \"Mbps\"");
        assert_eq!(of("number", None), "#,##0.00##");
        assert_eq!(of("number", Some("Rp")), "\"Rp\" #,##0");
        // A quote in a unit cannot end the literal early.
        assert_eq!(of("number", Some("a\"b")), "#,##0.00## \"ab\"");
    }

    #[test]
    fn a_category_coded_as_numbers_reads_as_its_word() {
        let f = "CASE WHEN laporan_output = 'harian' THEN 2 WHEN laporan_output = 'mingguan' THEN 1 WHEN laporan_output = 'tidak ada' THEN 0 END";
        assert_eq!(
            category_codes(f),
            [
                (2.0, "harian".to_string()),
                (1.0, "mingguan".to_string()),
                (0.0, "tidak ada".to_string())
            ]
        );
        assert!(category_codes("CAST(vpn AS DOUBLE)").is_empty());
        assert!(category_codes("CASE WHEN garis_depan THEN 10 ELSE 0 END").is_empty());
    }

    #[test]
    fn every_label_used_is_in_both_languages_of_the_strings_file() {
        let t = Templates::default();
        let (id, en) = (
            t.strings("workbook.strings.toml", Lang::Id).unwrap(),
            t.strings("workbook.strings.toml", Lang::En).unwrap(),
        );
        let mut keys: Vec<String> = include_str!("workbook.rs")
            .split("t.get(\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .map(String::from)
            .collect();
        // The columns' headers and descriptions (`col(t, "header", "about", …)`), units and
        // sources, whatever the line breaks.
        let columns: String = include_str!("workbook_columns.rs")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let mut described = 0;
        for rest in columns.split("col(t,\"").skip(1) {
            let mut parts = rest.split('"');
            let (Some(header), _, Some(about)) = (parts.next(), parts.next(), parts.next()) else {
                continue;
            };
            keys.push(header.into());
            keys.push(format!("about_{about}"));
            described += 1;
        }
        for prefix in ["=>\"unit_", "=>\"src_"] {
            for rest in columns.split(prefix).skip(1) {
                let key = rest.split('"').next().unwrap();
                keys.push(format!("{}{key}", &prefix[3..]));
            }
        }
        assert!(described > 60, "{described} columns found");
        assert!(keys.len() > 150, "{} keys found", keys.len());
        for k in &keys {
            assert!(id.contains(k), "[id] has no {k}");
            assert!(en.contains(k), "[en] has no {k}");
        }
    }
}
