//! Spreadsheets for people: the rejected rows with their original cells and the reason, and
//! one feedback workbook per unit, ready to send back. Written with rust_xlsxwriter, with fixed
//! document properties so the same inputs give byte-identical files.
//!
//! Cell text from the inputs is written as text, never as a formula (`=cmd|…` stays inert),
//! and cut to Excel's 32,767-character limit.

use super::UnitCompleteness;
use crate::diag::{Code, Diagnostic, Severity};
use crate::input::{Loaded, RejectedRow};
use crate::messages::{fill, word};
use crate::rubric::Lang;
use crate::text::{NAME_LIMIT, cap};
use crate::xlsx::{FORM_HEADER_FILL, header_format, new_workbook, sheet_name, text, text_f};
use anyhow::Result;
use rust_xlsxwriter::{Format, Worksheet};
use std::collections::HashMap;

/// Why each rejected row was rejected, in `lang`: the messages of the errors (and totals,
/// notes and superseded warnings) at its place; a sheet-level error when the whole sheet was
/// refused.
pub fn reasons(loaded: &Loaded, lang: Lang) -> HashMap<(String, Option<String>, u32), String> {
    let mut at_row: HashMap<(String, Option<String>, u32), Vec<String>> = HashMap::new();
    let mut at_sheet: HashMap<(String, Option<String>), Vec<String>> = HashMap::new();
    for d in &loaded.diagnostics {
        let rejecting = d.severity == Severity::Error
            || matches!(d.code, Code::TotalsRow | Code::NotesRow | Code::Superseded);
        let (Some(f), true) = (&d.file, rejecting) else {
            continue;
        };
        let msg = match &d.column {
            Some(c) => format!("[{}] {c}: {}", d.code, d.text(lang)),
            None => format!("[{}] {}", d.code, d.text(lang)),
        };
        if matches!(d.code, Code::MissingColumn | Code::HeaderNotFound) {
            at_sheet
                .entry((f.clone(), d.sheet.clone()))
                .or_default()
                .push(msg);
        } else if let Some(r) = d.row {
            at_row
                .entry((f.clone(), d.sheet.clone(), r))
                .or_default()
                .push(msg);
        }
    }
    let mut out = HashMap::new();
    for r in &loaded.rejected {
        let key = (r.file.clone(), r.sheet.clone(), r.row);
        let why = at_row
            .get(&key)
            .or_else(|| at_sheet.get(&(r.file.clone(), r.sheet.clone())))
            .map(|v| v.join("; "))
            .unwrap_or_default();
        out.insert(key, why);
    }
    out
}

/// Rejected rows grouped by dataset, each sheet's header above its rows; personal cells masked
/// (in `rejected.xlsx` and in a unit's own feedback file alike).
fn write_rejected(
    ws: &mut Worksheet,
    rows: &[&RejectedRow],
    reasons: &HashMap<(String, Option<String>, u32), String>,
    labels: [&str; 4],
    lang: Lang,
) -> Result<()> {
    let bold = Format::new().set_bold();
    let head = header_format(FORM_HEADER_FILL);
    for (c, l) in labels.iter().enumerate() {
        text_f(ws, 0, c as u16, l, &bold)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_column_width(0, 34)?;
    ws.set_column_width(3, 60)?;
    let mut r = 1u32;
    let mut last: Option<(&str, &Option<String>)> = None;
    for row in rows {
        if last != Some((row.file.as_str(), &row.sheet)) {
            // The header of this sheet, over the original cells.
            text_f(ws, r, 0, &row.file, &head)?;
            text_f(ws, r, 1, row.sheet.as_deref().unwrap_or(""), &head)?;
            text_f(ws, r, 2, "", &head)?;
            text_f(ws, r, 3, word("xlsx-file-header", lang), &head)?;
            for (j, h) in row.header.iter().enumerate() {
                text_f(ws, r, 4 + j as u16, h, &head)?;
            }
            r += 1;
            last = Some((row.file.as_str(), &row.sheet));
        }
        text(ws, r, 0, &row.file)?;
        text(ws, r, 1, row.sheet.as_deref().unwrap_or(""))?;
        ws.write_number(r, 2, row.row)?;
        let why = reasons
            .get(&(row.file.clone(), row.sheet.clone(), row.row))
            .map(String::as_str)
            .unwrap_or("");
        text(ws, r, 3, why)?;
        for (j, v) in row.cells.iter().enumerate() {
            // For the bureau: personal columns masked, and long digit runs (an NIP under a
            // signature, a phone number) hidden in every other cell.
            let v = if row.personal.get(j).copied().unwrap_or(false) {
                crate::text::personal(lang).to_string()
            } else {
                crate::text::hide_ids(v)
            };
            text(ws, r, 4 + j as u16, &v)?;
        }
        r += 1;
        if r >= 1_048_000 {
            break;
        }
    }
    Ok(())
}

/// `rejected.xlsx`, in `lang`: one sheet per dataset with rejected rows; personal cells masked.
pub fn rejected_workbook(loaded: &Loaded, datasets: &[String], lang: Lang) -> Result<Vec<u8>> {
    let mut wb = new_workbook(word("xlsx-rejected-title", lang))?;
    let reasons = reasons(loaded, lang);
    let mut any = false;
    for ds in datasets {
        let rows: Vec<&RejectedRow> = loaded
            .rejected
            .iter()
            .filter(|r| &r.dataset == ds)
            .collect();
        if rows.is_empty() {
            continue;
        }
        any = true;
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(ds))?;
        write_rejected(ws, &rows, &reasons, labels(lang), lang)?;
    }
    if !any {
        let ws = wb.add_worksheet();
        ws.set_name(word("xlsx-rejected-sheet", lang))?;
        text(ws, 0, 0, word("xlsx-none-rejected", lang))?;
    }
    Ok(wb.save_to_buffer()?)
}

/// The headers of a sheet of rejected rows.
fn labels(lang: Lang) -> [&'static str; 4] {
    ["xlsx-file", "xlsx-sheet", "xlsx-row", "xlsx-reason"].map(|k| word(k, lang))
}

/// The severity as the feedback file explains it to the unit.
fn severity_said(s: Severity, lang: Lang) -> &'static str {
    word(
        match s {
            Severity::Error => "fb-severity-error",
            Severity::Warning => "fb-severity-warning",
            Severity::Info => "fb-severity-info",
        },
        lang,
    )
}

/// One unit's feedback workbook, in `lang` (Indonesian by default: it goes back to the unit's
/// operator): its problems (sheet, row, column, value, what is wrong and what is expected), its
/// rejected rows with its own cells, and what it has not sent. `reasons` are in `lang` too.
pub fn feedback_workbook(
    loaded: &Loaded,
    line: &UnitCompleteness,
    reasons: &HashMap<(String, Option<String>, u32), String>,
    rubric_title: &str,
    lang: Lang,
) -> Result<Vec<u8>> {
    let w = |k: &'static str| word(k, lang);
    let said =
        |k: &'static str, args: &[(&str, crate::messages::Arg)]| fill(word(k, lang), args, lang);
    let (diags, rows) = super::of_unit(loaded, &line.unit);
    let mut wb = new_workbook(&said("fb-title", &[("unit", (&line.unit).into())]))?;
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let wrap = Format::new().set_text_wrap();

    // Sheet 1: the summary and completeness.
    let ws = wb.add_worksheet();
    ws.set_name(w("fb-sheet-summary"))?;
    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 70)?;
    text_f(
        ws,
        0,
        0,
        said(
            "fb-heading",
            &[
                ("unit", cap(&line.unit, NAME_LIMIT, lang).into()),
                (
                    "name",
                    cap(line.name.as_deref().unwrap_or(""), NAME_LIMIT, lang).into(),
                ),
            ],
        ),
        &title,
    )?;
    text(ws, 1, 0, rubric_title)?;
    let n_err = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let n_warn = diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    let mut r = 3;
    if line.pending {
        text_f(ws, 2, 0, w("fb-pending"), &bold)?;
    }
    for (k, v) in [
        (w("fb-count-errors"), n_err.to_string()),
        (w("fb-count-warnings"), n_warn.to_string()),
        (w("fb-count-rejected"), rows.len().to_string()),
    ] {
        text_f(ws, r, 0, k, &bold)?;
        text(ws, r, 1, &v)?;
        r += 1;
    }
    r += 1;
    text_f(ws, r, 0, w("fb-data"), &bold)?;
    text_f(ws, r, 1, w("fb-status"), &bold)?;
    r += 1;
    for (ds, used, rejected) in &line.datasets {
        let status = match (*used, *rejected) {
            (0, 0) if line.unreadable.contains(ds) => w("fb-unreadable").to_string(),
            (0, 0) => w("fb-not-sent").to_string(),
            (0, n) => said("fb-all-rejected", &[("n", n.into())]),
            (n, 0) => said("fb-received", &[("n", n.into())]),
            (n, k) => said(
                "fb-some-rejected",
                &[("n", n.into()), ("rejected", k.into())],
            ),
        };
        text(ws, r, 0, ds)?;
        text(ws, r, 1, &status)?;
        r += 1;
    }
    if let Some(resp) = &line.response {
        text(ws, r, 0, w("fb-response"))?;
        let rate = match (resp.rate, resp.headcount) {
            (Some(x), Some(h)) => said(
                "fb-response-rate",
                &[
                    ("respondents", resp.respondents.into()),
                    ("headcount", h.into()),
                    ("pct", format!("{:.0}", (x * 100.0).floor()).into()),
                    (
                        "low",
                        if line.low_response {
                            w("fb-response-low")
                        } else {
                            ""
                        }
                        .into(),
                    ),
                ],
            ),
            _ => said(
                "fb-response-unknown",
                &[("respondents", resp.respondents.into())],
            ),
        };
        text(ws, r, 1, &rate)?;
    }

    // Sheet 2: every problem.
    let ws = wb.add_worksheet();
    ws.set_name(w("fb-sheet-problems"))?;
    let head = [
        "fb-col-severity",
        "fb-col-code",
        "xlsx-file",
        "xlsx-sheet",
        "xlsx-row",
        "fb-col-column",
        "fb-col-value",
        "fb-col-problem",
        "fb-col-meaning",
    ]
    .map(w);
    for (c, h) in head.iter().enumerate() {
        text_f(ws, 0, c as u16, h, &bold)?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (c, w) in [(0, 16), (1, 18), (2, 34), (6, 20), (7, 70), (8, 50)] {
        ws.set_column_width(c, w)?;
    }
    let mut sorted: Vec<&&Diagnostic> = diags.iter().collect();
    sorted.sort_by_key(|d| d.severity);
    for (i, d) in sorted.iter().enumerate() {
        let r = i as u32 + 1;
        text(ws, r, 0, severity_said(d.severity, lang))?;
        text(ws, r, 1, d.code.as_str())?;
        text(ws, r, 2, d.file.as_deref().unwrap_or(""))?;
        text(ws, r, 3, d.sheet.as_deref().unwrap_or(""))?;
        if let Some(row) = d.row {
            ws.write_number(r, 4, row)?;
        }
        text(ws, r, 5, d.column.as_deref().unwrap_or(""))?;
        text(
            ws,
            r,
            6,
            crate::text::shown_value(d.value.as_deref().unwrap_or(""), lang),
        )?;
        text_f(ws, r, 7, d.text(lang), &wrap)?;
        text(ws, r, 8, d.code.explain_in(lang))?;
        if r >= 1_048_000 {
            break;
        }
    }
    if sorted.is_empty() {
        text(ws, 1, 0, w("fb-no-problems"))?;
    }

    // Sheet 3: the rejected rows, masked as in `rejected.xlsx`: the file, sheet and row say
    // where to look, and personal data does not travel in a feedback file.
    let ws = wb.add_worksheet();
    ws.set_name(w("fb-sheet-rejected"))?;
    write_rejected(ws, &rows, reasons, labels(lang), lang)?;
    Ok(wb.save_to_buffer()?)
}
