//! Spreadsheets for people: the rejected rows with their original cells and the reason, and
//! one feedback workbook per unit, ready to send back. Written with rust_xlsxwriter, with fixed
//! document properties so the same inputs give byte-identical files.
//!
//! Cell text from the inputs is written as text, never as a formula (`=cmd|…` stays inert),
//! and cut to Excel's 32,767-character limit.

use super::UnitCompleteness;
use crate::diag::{Code, Diagnostic, Severity};
use crate::input::{Loaded, RejectedRow};
use crate::rubric::Lang;
use crate::text::{NAME_LIMIT, PERSONAL, cap};
use crate::xlsx::{FORM_HEADER_FILL, header_format, new_workbook, sheet_name, text, text_f};
use anyhow::Result;
use rust_xlsxwriter::{Format, Worksheet};
use std::collections::HashMap;

/// Why each rejected row was rejected: the messages of the errors (and totals, notes and
/// superseded warnings) at its place; a sheet-level error when the whole sheet was refused.
pub fn reasons(loaded: &Loaded) -> HashMap<(String, Option<String>, u32), String> {
    let mut at_row: HashMap<(String, Option<String>, u32), Vec<String>> = HashMap::new();
    let mut at_sheet: HashMap<(String, Option<String>), Vec<String>> = HashMap::new();
    for d in &loaded.diagnostics {
        let rejecting = d.severity == Severity::Error
            || matches!(d.code, Code::TotalsRow | Code::NotesRow | Code::Superseded);
        let (Some(f), true) = (&d.file, rejecting) else {
            continue;
        };
        let msg = match &d.column {
            Some(c) => format!("[{}] {c}: {}", d.code, d.message),
            None => format!("[{}] {}", d.code, d.message),
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
            text_f(ws, r, 3, "(kepala kolom berkas ini)", &head)?;
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
                PERSONAL.to_string()
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

/// `rejected.xlsx`: one sheet per dataset with rejected rows; personal cells masked.
pub fn rejected_workbook(loaded: &Loaded, datasets: &[String]) -> Result<Vec<u8>> {
    let mut wb = new_workbook("Baris ditolak / rejected rows")?;
    let reasons = reasons(loaded);
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
        write_rejected(ws, &rows, &reasons, ["File", "Sheet", "Row", "Reason"])?;
    }
    if !any {
        let ws = wb.add_worksheet();
        ws.set_name("rejected")?;
        text(ws, 0, 0, "No row was rejected.")?;
    }
    Ok(wb.save_to_buffer()?)
}

fn severity_id(s: Severity) -> &'static str {
    match s {
        Severity::Error => "kesalahan (baris ditolak / wajib diperbaiki)",
        Severity::Warning => "peringatan (periksa)",
        Severity::Info => "info",
    }
}

/// One unit's feedback workbook: its problems (sheet, row, column, value, what is wrong and
/// what is expected), its rejected rows with its own cells, and what it has not sent.
pub fn feedback_workbook(
    loaded: &Loaded,
    line: &UnitCompleteness,
    reasons: &HashMap<(String, Option<String>, u32), String>,
    rubric_title: &str,
) -> Result<Vec<u8>> {
    let (diags, rows) = super::of_unit(loaded, &line.unit);
    let mut wb = new_workbook(&format!("Umpan balik data — {}", line.unit))?;
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let wrap = Format::new().set_text_wrap();

    // Sheet 1: the summary and completeness.
    let ws = wb.add_worksheet();
    ws.set_name("Ringkasan")?;
    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 70)?;
    text_f(
        ws,
        0,
        0,
        format!(
            "Umpan balik data: {} {}",
            cap(&line.unit, NAME_LIMIT, Lang::Id),
            cap(line.name.as_deref().unwrap_or(""), NAME_LIMIT, Lang::Id)
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
        text_f(
            ws,
            2,
            0,
            "OPD ini BELUM DINILAI: barisnya pada data unit ditolak. Perbaiki baris itu (lihat sheet Masalah) lalu kirim ulang.",
            &bold,
        )?;
    }
    for (k, v) in [
        ("Kesalahan (wajib diperbaiki)", n_err.to_string()),
        ("Peringatan (periksa)", n_warn.to_string()),
        ("Baris ditolak", rows.len().to_string()),
    ] {
        text_f(ws, r, 0, k, &bold)?;
        text(ws, r, 1, &v)?;
        r += 1;
    }
    r += 1;
    text_f(ws, r, 0, "Data", &bold)?;
    text_f(ws, r, 1, "Status", &bold)?;
    r += 1;
    for (ds, used, rejected) in &line.datasets {
        let status = match (used, rejected) {
            (0, 0) if line.unreadable.contains(ds) => {
                "berkas diterima tetapi TIDAK DAPAT DIBUKA (rusak, kosong atau berkata sandi) — mohon kirim ulang".to_string()
            }
            (0, 0) => "BELUM DIKIRIM — mohon kirim formulir ini".to_string(),
            (0, n) => format!("diterima tetapi semua {n} baris ditolak — lihat sheet Masalah"),
            (n, 0) => format!("{n} baris diterima"),
            (n, k) => format!("{n} baris diterima, {k} ditolak — lihat sheet Masalah"),
        };
        text(ws, r, 0, ds)?;
        text(ws, r, 1, &status)?;
        r += 1;
    }
    if let Some(resp) = &line.response {
        text(ws, r, 0, "Tingkat respons survei")?;
        let rate = match (resp.rate, resp.headcount) {
            (Some(x), Some(h)) => format!(
                "{} dari {h} pegawai ({:.0} %){}",
                resp.respondents,
                (x * 100.0).floor(),
                if line.low_response {
                    " — RENDAH: mohon minta lebih banyak pegawai mengisi survei"
                } else {
                    ""
                }
            ),
            _ => format!(
                "{} responden; jumlah pegawai tidak diketahui",
                resp.respondents
            ),
        };
        text(ws, r, 1, &rate)?;
    }

    // Sheet 2: every problem.
    let ws = wb.add_worksheet();
    ws.set_name("Masalah")?;
    let head = [
        "Tingkat",
        "Kode",
        "Berkas",
        "Sheet",
        "Baris",
        "Kolom",
        "Nilai",
        "Masalah",
        "Arti kode",
    ];
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
        text(ws, r, 0, severity_id(d.severity))?;
        text(ws, r, 1, d.code.as_str())?;
        text(ws, r, 2, d.file.as_deref().unwrap_or(""))?;
        text(ws, r, 3, d.sheet.as_deref().unwrap_or(""))?;
        if let Some(row) = d.row {
            ws.write_number(r, 4, row)?;
        }
        text(ws, r, 5, d.column.as_deref().unwrap_or(""))?;
        text(ws, r, 6, d.value.as_deref().unwrap_or(""))?;
        text_f(ws, r, 7, &d.message, &wrap)?;
        text(ws, r, 8, d.code.explain_id())?;
        if r >= 1_048_000 {
            break;
        }
    }
    if sorted.is_empty() {
        text(ws, 1, 0, "Tidak ada masalah pada data yang dikirim.")?;
    }

    // Sheet 3: the rejected rows, masked as in `rejected.xlsx`: the file, sheet and row say
    // where to look, and personal data does not travel in a feedback file.
    let ws = wb.add_worksheet();
    ws.set_name("Baris ditolak")?;
    write_rejected(ws, &rows, reasons, ["Berkas", "Sheet", "Baris", "Alasan"])?;
    Ok(wb.save_to_buffer()?)
}
