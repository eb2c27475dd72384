//! The log sheets of the `kesiapan jadwal` workbooks: *Daftar pegawai* (the treatment log the
//! evaluation reads: row 1 exactly [`LOG_HEADERS`], one row per person per date, empty or with
//! the roster's proposal), its data validation, *Cek harian* (per unit and day the WFA rows
//! counted against the most at once and the minimum on site) and *Batas* (the limits the
//! validations look up through defined names).
//!
//! Rendered from the plan and the proposal; the only figures computed are the cached results of
//! the check formulas (counts of the rows written), so a program that does not recalculate shows
//! the same as one that does.

use super::roster::Proposal;
use super::workbook::{
    AWAY, CHECK_SHEET, Formats, LIMITS_SHEET, LOG_SHEET, OFFICE, cap_words, date_cell, headers,
};
use super::{Jadwal, UnitPlan};
use crate::xlsx::{text, text_f};
use anyhow::Result;
use rust_xlsxwriter::{ConditionalFormatFormula, DataValidation, Format, Formula, Workbook};

/// The treatment log's headers, in order: fixed (the evaluation reads exactly these).
pub const LOG_HEADERS: [&str; 6] = [
    "Kode OPD",
    "NIP",
    "Nama Pegawai",
    "Jenis Jabatan",
    "Tanggal",
    "Lokasi Kerja",
];

/// The defined names the log's validation and the check formulas use.
const N_UNIT: &str = "DP_Kode";
const N_NIP: &str = "DP_NIP";
const N_DATE: &str = "DP_Tanggal";
const N_PLACE: &str = "DP_Lokasi";
const N_LIMITS: &str = "Batas_OPD";
const N_DAYS: &str = "Hari_Kerja";

/// The validation formula of Lokasi Kerja in row 2 (relative: Excel shifts it down the
/// column): `Kantor`, or `WFA` while that NIP has fewer than the cap of WFA rows in the date's
/// ISO week (the current row counted) and the unit fewer than its most at once that day.
pub fn place_rule() -> String {
    format!(
        "=OR(F2=\"{OFFICE}\",AND(F2=\"{AWAY}\",COUNTIFS({N_NIP},B2,{N_PLACE},\"{AWAY}\",{N_DATE},\">=\"&(E2-WEEKDAY(E2,2)+1),{N_DATE},\"<\"&(E2-WEEKDAY(E2,2)+8))<=VLOOKUP(A2,{N_LIMITS},3,FALSE),COUNTIFS({N_UNIT},A2,{N_DATE},E2,{N_PLACE},\"{AWAY}\")<=VLOOKUP(A2,{N_LIMITS},2,FALSE)))"
    )
}

/// *Batas*: per unit the limits the log's validations look up, and the working days.
pub(super) fn limits_sheet(
    wb: &mut Workbook,
    j: &Jadwal,
    planned: &[&UnitPlan],
    f: &Formats,
) -> Result<()> {
    {
        let ws = wb.add_worksheet();
        ws.set_name(LIMITS_SHEET)?;
        headers(
            ws,
            0,
            &[
                "Kode OPD",
                "Paling banyak WFA bersamaan",
                "Paling lama WFA per minggu (hari)",
                "Jumlah pegawai",
                "Minimum di kantor",
                "Nama OPD",
                "",
                "Hari kerja",
            ],
            f,
        )?;
        for (i, u) in planned.iter().enumerate() {
            let r = i as u32 + 1;
            text(ws, r, 0, &u.id)?;
            ws.write_number(r, 1, u.allowed_at_once.unwrap_or(0) as f64)?;
            // No cap in the assessment: every day of a week.
            ws.write_number(r, 2, u.max_days_per_week.unwrap_or(7) as f64)?;
            ws.write_number(r, 3, u.staff_total.unwrap_or(0) as f64)?;
            ws.write_number(r, 4, u.min_on_site.unwrap_or(0) as f64)?;
            text(ws, r, 5, u.name.as_deref().unwrap_or(""))?;
        }
        for (i, w) in j.period.working.iter().enumerate() {
            date_cell(ws, i as u32 + 1, 7, w.date, f)?;
        }
        ws.set_column_width(0, 16)?;
        ws.set_column_width(5, 40)?;
        ws.set_column_width(7, 14)?;
    }
    Ok(())
}

pub(super) fn log_sheet(
    wb: &mut Workbook,
    j: &Jadwal,
    planned: &[&UnitPlan],
    rows: u32,
    proposal: Option<(&UnitPlan, &Proposal)>,
    f: &Formats,
) -> Result<()> {
    let last = rows; // 0-based index of the last validated row (row 1 is the header)
    let n_days = j.period.working.len() as u32;
    let n_units = planned.len().max(1) as u32;
    wb.define_name(
        N_LIMITS,
        &format!("={LIMITS_SHEET}!$A$2:$E${}", n_units + 1),
    )?;
    wb.define_name(N_DAYS, &format!("={LIMITS_SHEET}!$H$2:$H${}", n_days + 1))?;
    let col = |c: char| format!("='{LOG_SHEET}'!${c}$2:${c}${}", last + 1);
    wb.define_name(N_UNIT, &col('A'))?;
    wb.define_name(N_NIP, &col('B'))?;
    wb.define_name(N_DATE, &col('E'))?;
    wb.define_name(N_PLACE, &col('F'))?;

    // The log.
    let filled: Vec<(String, String, String, String, super::date::Date, bool)> = match proposal {
        Some((u, p)) => p
            .people
            .iter()
            .flat_map(|person| {
                j.period
                    .working
                    .iter()
                    .zip(&person.away)
                    .map(move |(w, away)| {
                        (
                            u.id.clone(),
                            person.person.nip.clone(),
                            person.person.name.clone(),
                            person.person.job.clone(),
                            w.date,
                            *away,
                        )
                    })
            })
            .collect(),
        None => Vec::new(),
    };
    {
        let ws = wb.add_worksheet();
        ws.set_name(LOG_SHEET)?;
        headers(ws, 0, &LOG_HEADERS, f)?;
        ws.set_freeze_panes(1, 0)?;
        for (c, w) in [
            (0u16, 16.0),
            (1, 22.0),
            (2, 32.0),
            (3, 32.0),
            (4, 14.0),
            (5, 14.0),
        ] {
            ws.set_column_width(c, w)?;
        }
        // NIP as text (18 digits would lose the last ones as a number); Tanggal as a date.
        ws.set_column_format(1, &f.nip)?;
        ws.set_column_format(4, &f.date)?;
        for (i, (unit, nip, name, job, date, away)) in filled.iter().enumerate() {
            let r = i as u32 + 1;
            text(ws, r, 0, unit)?;
            text_f(ws, r, 1, nip, &f.nip)?;
            text(ws, r, 2, name)?;
            text(ws, r, 3, job)?;
            date_cell(ws, r, 4, *date, f)?;
            text(ws, r, 5, if *away { AWAY } else { OFFICE })?;
        }
        let units: Vec<&str> = planned.iter().map(|u| u.id.as_str()).collect();
        let unit_rule =
            if units.len() == 1 && !units[0].contains([',', '"']) && units[0].chars().count() < 250
            {
                DataValidation::new().allow_list_strings(&units)?
            } else {
                DataValidation::new().allow_list_formula(Formula::new(format!(
                    "={LIMITS_SHEET}!$A$2:$A${}",
                    n_units + 1
                )))
            };
        ws.add_data_validation(
            1,
            0,
            last,
            0,
            &unit_rule
                .set_input_title("Kode OPD")?
                .set_input_message("Pilih kode OPD dari daftar.")?
                .set_error_title("Kode OPD tidak dikenal")?
                .set_error_message("Pilih kode OPD dari daftar (sheet Batas).")?,
        )?;
        let (first_day, last_day) = (
            j.period.working[0].date,
            j.period.working[n_days as usize - 1].date,
        );
        let date_rule = DataValidation::new()
            .allow_custom(Formula::new(format!("=COUNTIF({N_DAYS},E2)=1")))
            .set_input_title("Tanggal")?
            .set_input_message(format!(
                "Salah satu hari kerja periode, {} s.d. {} (lihat sheet {LIMITS_SHEET}, kolom Hari kerja).",
                first_day.long(crate::rubric::Lang::Id), last_day.long(crate::rubric::Lang::Id)
            ))?
            .set_error_title("Bukan hari kerja periode")?
            .set_error_message("Isi tanggal salah satu hari kerja periode WFA (hari libur, cuti bersama dan akhir pekan tidak termasuk).")?;
        ws.add_data_validation(1, 4, last, 4, &date_rule)?;
        let cap = cap_words(j);
        let place_rule = DataValidation::new()
            .allow_custom(Formula::new(place_rule()))
            .set_input_title("Lokasi Kerja")?
            .set_input_message(format!("Ketik {AWAY} atau {OFFICE}. {AWAY} ditolak bila melebihi batas hari per minggu pegawai itu atau batas WFA bersamaan OPD pada tanggal itu."))?
            .set_error_title("WFA tidak dapat diterima")?
            .set_error_message(crate::text::cap(&format!(
                "Isi {AWAY} atau {OFFICE}. {AWAY} ditolak bila NIP ini sudah mencapai batas hari WFA dalam minggu itu ({cap}) atau WFA OPD pada tanggal itu sudah mencapai batas bersamaan."
            ), 240, crate::rubric::Lang::Id).into_owned())?;
        ws.add_data_validation(1, 5, last, 5, &place_rule)?;
        let nip_note = DataValidation::new()
            .allow_any_value()
            .set_input_title("NIP")?
            .set_input_message("NIP pegawai (18 angka), diketik sebagai teks.")?;
        ws.add_data_validation(1, 1, last, 1, &nip_note)?;
        // A WFA row over the weekly cap (rows pasted in bypass validation) shows red.
        if proposal.is_some() || planned.len() == 1 {
            let red = Format::new().set_background_color(rust_xlsxwriter::Color::RGB(0xF4C7C3));
            let cf = ConditionalFormatFormula::new()
                .set_rule(format!(
                    "=AND($F2=\"{AWAY}\",COUNTIFS({N_NIP},$B2,{N_PLACE},\"{AWAY}\",{N_DATE},\">=\"&($E2-WEEKDAY($E2,2)+1),{N_DATE},\"<\"&($E2-WEEKDAY($E2,2)+8))>VLOOKUP($A2,{N_LIMITS},3,FALSE))"
                ).as_str())
                .set_format(red);
            ws.add_conditional_format(1, 0, last, 5, &cf)?;
        }
    }

    // The check per unit and day.
    {
        let ws = wb.add_worksheet();
        ws.set_name(CHECK_SHEET)?;
        headers(
            ws,
            0,
            &[
                "Kode OPD",
                "Nama OPD",
                "Tanggal",
                "Rencana WFA",
                "Paling banyak WFA bersamaan",
                "WFA terisi",
                "Jumlah pegawai",
                "Di kantor",
                "Minimum di kantor",
                "Pemeriksaan",
            ],
            f,
        )?;
        ws.set_freeze_panes(1, 0)?;
        let mut r = 0;
        for u in planned {
            for d in &u.days {
                r += 1;
                let row = r + 1; // 1-based
                text(ws, r, 0, &u.id)?;
                text(ws, r, 1, u.name.as_deref().unwrap_or(""))?;
                date_cell(ws, r, 2, d.date, f)?;
                ws.write_number(r, 3, d.away as f64)?;
                ws.write_number(r, 4, u.allowed_at_once.unwrap_or(0) as f64)?;
                let filled_away = filled
                    .iter()
                    .filter(|x| x.0 == u.id && x.4 == d.date && x.5)
                    .count();
                ws.write_formula(
                    r,
                    5,
                    Formula::new(format!(
                        "=COUNTIFS({N_UNIT},A{row},{N_DATE},C{row},{N_PLACE},\"{AWAY}\")"
                    ))
                    .set_result(filled_away.to_string()),
                )?;
                let staff = u.staff_total.unwrap_or(0);
                ws.write_number(r, 6, staff as f64)?;
                ws.write_formula(
                    r,
                    7,
                    Formula::new(format!("=G{row}-F{row}"))
                        .set_result((staff - filled_away as i64).to_string()),
                )?;
                let min = u.min_on_site.unwrap_or(0);
                ws.write_number(r, 8, min as f64)?;
                let ok = filled_away as i64 <= u.allowed_at_once.unwrap_or(0)
                    && staff - filled_away as i64 >= min;
                ws.write_formula(
                    r,
                    9,
                    Formula::new(format!(
                        "=IF(AND(F{row}<=E{row},H{row}>=I{row}),\"Sesuai\",\"MELEBIHI BATAS\")"
                    ))
                    .set_result(if ok { "Sesuai" } else { "MELEBIHI BATAS" }),
                )?;
            }
        }
        ws.set_column_width(0, 16)?;
        ws.set_column_width(1, 40)?;
        for c in 2..10 {
            ws.set_column_width(c, 14)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Excel refuses a validation formula over 255 characters.
    #[test]
    fn the_place_rule_fits_excel() {
        let rule = place_rule();
        assert!(
            rule.chars().count() <= 255,
            "{} characters: {rule}",
            rule.chars().count()
        );
        assert!(
            rule.contains("COUNTIFS(DP_NIP,B2,DP_Lokasi,\"WFA\""),
            "{rule}"
        );
    }
}
