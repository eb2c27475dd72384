//! The workbooks of `kesiapan jadwal`, rendered from the plan (`Jadwal`) and, for a unit's own
//! workbook, the roster's proposal; nothing here computes a figure of the plan.
//!
//! `jadwal-wfa.xlsx` (the province), in this order: *Ringkasan* (the window, the days left out,
//! the rules, province totals per day, every unit with its status and reason), *Daftar pegawai*
//! and *Cek harian* (see `log`), *Semua OPD* (one row per unit and day), a sheet per unit with
//! its day grid (up to [`MAX_UNIT_SHEETS`] units) and *Batas*. A unit's workbook has its own
//! sheet as *Ringkasan*, then the log sheets for it alone (with a roster: the proposal).

use super::log::{limits_sheet, log_sheet};
use super::roster::{Exclusion, Proposal};
use super::{Jadwal, Reason, Status, UnitPlan};
use crate::xlsx::{self, FORM_HEADER_FILL, header_format, text, text_f};
use anyhow::Result;
use rust_xlsxwriter::{ExcelDateTime, Format, Worksheet};

pub use super::log::{LOG_HEADERS, place_rule};
pub const LOG_SHEET: &str = "Daftar pegawai";
pub const SUMMARY_SHEET: &str = "Ringkasan";
pub const CHECK_SHEET: &str = "Cek harian";
pub const LIMITS_SHEET: &str = "Batas";
/// Every unit's days in one table (one row per unit and day), filterable.
pub const ALL_UNITS_SHEET: &str = "Semua OPD";
/// Above this many units the province workbook has no sheet per unit (Excel slows down long
/// before its sheet limit); the days are in *Semua OPD* and the units' own workbooks.
pub const MAX_UNIT_SHEETS: usize = 250;
/// The values of Lokasi Kerja.
pub const AWAY: &str = "WFA";
pub const OFFICE: &str = "Kantor";
/// The province workbook's file name.
pub const FILE: &str = "jadwal-wfa.xlsx";
/// The most empty log rows the province workbook validates.
const MAX_LOG_ROWS: u32 = 100_000;

/// The words of a reason (the catalogue's `jadwal-reason-*`).
pub fn reason_words(r: Reason, u: &UnitPlan, lang: crate::rubric::Lang) -> String {
    use crate::msg;
    let m = match r {
        Reason::Verdict => msg!("jadwal-reason-verdict", verdict = &u.verdict_label),
        Reason::NoEligible => msg!("jadwal-reason-no-eligible"),
        Reason::MinOnSite => msg!("jadwal-reason-min-on-site"),
        Reason::ShareUnderOne => msg!(
            "jadwal-reason-share-under-one",
            pct = crate::input::cell::format_number(u.max_share_away * 100.0)
        ),
        Reason::NoData => msg!("jadwal-reason-no-data"),
        Reason::Hidden => msg!("jadwal-reason-hidden"),
    };
    m.get(lang).to_string()
}

/// The unit's status in words.
pub fn status_words(u: &UnitPlan) -> &'static str {
    match (u.status, u.front_line) {
        (Status::Rota, false) => "Jadwal WFA",
        (Status::Rota, true) => "Jadwal WFA; layanan garis depan tetap buka",
        (Status::Open, _) => "Tetap buka penuh",
        (Status::Hidden, _) => "Tidak dijadwalkan di sini",
    }
}

fn kind_words(k: super::calendar::DayKind) -> &'static str {
    match k {
        super::calendar::DayKind::Libur => "libur nasional",
        super::calendar::DayKind::CutiBersama => "cuti bersama",
        super::calendar::DayKind::Weekend => "akhir pekan",
    }
}

pub(super) struct Formats {
    pub(super) head: Format,
    pub(super) bold: Format,
    pub(super) title: Format,
    pub(super) date: Format,
    pub(super) int: Format,
    pub(super) pct: Format,
    pub(super) wrap: Format,
    pub(super) nip: Format,
}

pub(super) fn formats() -> Formats {
    Formats {
        head: header_format(FORM_HEADER_FILL).set_text_wrap(),
        bold: Format::new().set_bold(),
        title: Format::new().set_bold().set_font_size(14),
        date: Format::new().set_num_format("dd/mm/yyyy"),
        int: Format::new().set_num_format("#,##0"),
        pct: Format::new().set_num_format("0%"),
        wrap: Format::new().set_text_wrap(),
        nip: Format::new().set_num_format("@"),
    }
}

pub(super) fn date_cell(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    d: super::date::Date,
    f: &Formats,
) -> Result<()> {
    let (y, m, day) = d.ymd();
    ws.write_datetime_with_format(
        r,
        c,
        ExcelDateTime::from_ymd(y as u16, m as u8, day as u8)?,
        &f.date,
    )?;
    Ok(())
}

fn num(ws: &mut Worksheet, r: u32, c: u16, x: Option<i64>, f: &Formats) -> Result<()> {
    match x {
        Some(x) => {
            ws.write_number_with_format(r, c, x as f64, &f.int)?;
        }
        None => text(ws, r, c, "disembunyikan")?,
    }
    Ok(())
}

pub(super) fn headers(ws: &mut Worksheet, r: u32, names: &[&str], f: &Formats) -> Result<()> {
    for (c, h) in names.iter().enumerate() {
        text_f(ws, r, c as u16, h, &f.head)?;
    }
    Ok(())
}

/// `Senin, 29 Desember 2025 s.d. Rabu, 31 Desember 2025`.
pub fn period_words(j: &Jadwal) -> String {
    use crate::rubric::Lang::Id;
    if j.period.first == j.period.last {
        j.period.first.long(Id)
    } else {
        format!(
            "{} s.d. {}",
            j.period.first.long(Id),
            j.period.last.long(Id)
        )
    }
}

/// The rule of the weekly cap in words, from the units' caps (one, or "per OPD").
pub(super) fn cap_words(j: &Jadwal) -> String {
    let mut caps: Vec<i64> = j.units.iter().filter_map(|u| u.max_days_per_week).collect();
    caps.sort();
    caps.dedup();
    match caps.as_slice() {
        [] => "tanpa batas hari per minggu dalam penilaian".into(),
        [c] => format!(
            "paling lama {c} hari kerja per pegawai dalam satu minggu kalender (ISO, Senin–Minggu)"
        ),
        _ => "batas hari per minggu per OPD, lihat sheet OPD".into(),
    }
}

/// The province workbook.
pub fn province(j: &Jadwal) -> Result<Vec<u8>> {
    let f = formats();
    let mut wb = xlsx::new_workbook("Jadwal WFA")?;
    let planned: Vec<&UnitPlan> = j
        .units
        .iter()
        .filter(|u| u.status != Status::Hidden)
        .collect();
    summary_sheet(wb.add_worksheet(), j, &f)?;
    let staff: i64 = planned.iter().map(|u| u.staff_total.unwrap_or(0)).sum();
    let rows =
        ((staff.max(0) as u64 * j.period.working.len() as u64) as u32).clamp(500, MAX_LOG_ROWS);
    log_sheet(&mut wb, j, &planned, rows, None, &f)?;
    all_units_sheet(wb.add_worksheet(), j, &f)?;
    if j.units.len() <= MAX_UNIT_SHEETS {
        let names = sheet_names(j);
        for (u, name) in j.units.iter().zip(&names) {
            let ws = wb.add_worksheet();
            ws.set_name(name)?;
            unit_sheet(ws, j, u, None, &f)?;
        }
    }
    limits_sheet(&mut wb, j, &planned, &f)?;
    Ok(wb.save_to_buffer()?)
}

/// One unit's workbook (with the roster's proposal, when given).
pub fn unit(j: &Jadwal, u: &UnitPlan, proposal: Option<&Proposal>) -> Result<Vec<u8>> {
    let f = formats();
    let mut wb = xlsx::new_workbook(&format!("Jadwal WFA {}", u.id))?;
    let ws = wb.add_worksheet();
    ws.set_name(SUMMARY_SHEET)?;
    unit_sheet(ws, j, u, proposal, &f)?;
    let planned: Vec<&UnitPlan> = if u.status == Status::Hidden {
        vec![]
    } else {
        vec![u]
    };
    let people = proposal.map_or(0, |p| p.people.len() as i64);
    let rows = ((u.staff_total.unwrap_or(0).max(people).max(0) as u64
        * j.period.working.len() as u64) as u32
        + 50)
        .clamp(200, MAX_LOG_ROWS);
    log_sheet(&mut wb, j, &planned, rows, proposal.map(|p| (u, p)), &f)?;
    limits_sheet(&mut wb, j, &planned, &f)?;
    Ok(wb.save_to_buffer()?)
}

/// The units' sheet names: valid, unique ignoring case, never a fixed sheet's.
pub fn sheet_names(j: &Jadwal) -> Vec<String> {
    let mut used: Vec<String> = [
        SUMMARY_SHEET,
        LOG_SHEET,
        CHECK_SHEET,
        LIMITS_SHEET,
        ALL_UNITS_SHEET,
    ]
    .iter()
    .map(|s| s.to_lowercase())
    .collect();
    j.units
        .iter()
        .map(|u| {
            let base = xlsx::sheet_name(&u.id);
            let mut name = base.clone();
            let mut k = 2;
            while used.contains(&name.to_lowercase()) {
                let suffix = format!(" ({k})");
                name = format!(
                    "{}{suffix}",
                    base.chars().take(31 - suffix.len()).collect::<String>()
                );
                k += 1;
            }
            used.push(name.to_lowercase());
            name
        })
        .collect()
}

/// *Semua OPD*: one row per unit and working day, the units not planned here included (with
/// their status), for filtering and pivoting.
fn all_units_sheet(ws: &mut Worksheet, j: &Jadwal, f: &Formats) -> Result<()> {
    ws.set_name(ALL_UNITS_SHEET)?;
    headers(
        ws,
        0,
        &[
            "Kode OPD",
            "Nama OPD",
            "Status",
            "Tanggal",
            "Hari",
            "Minggu (ISO)",
            "WFA",
            "Di kantor",
            "Minimum di kantor",
            "Paling banyak WFA bersamaan",
        ],
        f,
    )?;
    let mut r = 0;
    for u in &j.units {
        if u.days.is_empty() {
            r += 1;
            text(ws, r, 0, &u.id)?;
            text(ws, r, 1, u.name.as_deref().unwrap_or(""))?;
            text(ws, r, 2, status_words(u))?;
            continue;
        }
        for (d, w) in u.days.iter().zip(&j.period.working) {
            r += 1;
            text(ws, r, 0, &u.id)?;
            text(ws, r, 1, u.name.as_deref().unwrap_or(""))?;
            text(ws, r, 2, status_words(u))?;
            date_cell(ws, r, 3, d.date, f)?;
            text(ws, r, 4, d.date.day_name(crate::rubric::Lang::Id))?;
            text(ws, r, 5, &w.iso_week)?;
            ws.write_number_with_format(r, 6, d.away as f64, &f.int)?;
            num(ws, r, 7, d.on_site, f)?;
            num(ws, r, 8, u.min_on_site, f)?;
            num(ws, r, 9, u.allowed_at_once, f)?;
        }
    }
    ws.autofilter(0, 0, r.max(1), 9)?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_column_width(0, 14)?;
    ws.set_column_width(1, 40)?;
    ws.set_column_width(2, 24)?;
    for c in 3..10 {
        ws.set_column_width(c, 14)?;
    }
    Ok(())
}

fn summary_sheet(ws: &mut Worksheet, j: &Jadwal, f: &Formats) -> Result<()> {
    ws.set_name(SUMMARY_SHEET)?;
    text_f(
        ws,
        0,
        0,
        format!("Jadwal WFA — {}", j.province.label),
        &f.title,
    )?;
    let mut r = 2;
    let mut line = |ws: &mut Worksheet, label: &str, value: String| -> Result<()> {
        text_f(ws, r, 0, label, &f.bold)?;
        text(ws, r, 1, value)?;
        r += 1;
        Ok(())
    };
    line(ws, "Periode", period_words(j))?;
    line(
        ws,
        "Hari kerja",
        format!(
            "{} hari: {}",
            j.period.working.len(),
            j.period
                .working
                .iter()
                .map(|w| w.date.long(crate::rubric::Lang::Id))
                .collect::<Vec<_>>()
                .join("; ")
        ),
    )?;
    if j.period.days_off.is_empty() {
        line(
            ws,
            "Tidak dijadwalkan",
            "tidak ada: setiap tanggal adalah hari kerja".into(),
        )?;
    }
    for off in &j.period.days_off {
        let what = match off.kind {
            super::calendar::DayKind::Weekend => kind_words(off.kind).to_string(),
            k => format!("{} ({})", off.name, kind_words(k)),
        };
        line(
            ws,
            "Tidak dijadwalkan",
            format!("{}: {what}", off.date.long(crate::rubric::Lang::Id)),
        )?;
    }
    if !j.period.uncovered.is_empty() {
        line(
            ws,
            "PERHATIAN",
            format!(
                "kalender tidak memuat hari libur tahun tanggal {}; periksa hari libur dan cuti bersamanya",
                j.period
                    .uncovered
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )?;
    }
    line(
        ws,
        "Aturan",
        format!(
            "{}; paling banyak WFA bersamaan dan minimum di kantor per OPD dari penilaian (PermenPANRB 4/2025 Pasal 13); pegawai yang sedang menjalani hukuman disiplin atau baru ditempatkan tidak WFA (Pasal 25)",
            cap_words(j)
        ),
    )?;
    line(
        ws,
        "Penilaian",
        format!(
            "rubrik {} {} (SHA-256 {}), penilaian {}",
            j.assessment.rubric_id,
            j.assessment.rubric_version,
            j.assessment.rubric_sha256,
            j.assessment.generated_at
        ),
    )?;
    line(
        ws,
        "Kalender",
        format!(
            "{} — {}",
            j.calendar.title,
            j.calendar.source.as_deref().unwrap_or(&j.calendar.path)
        ),
    )?;
    line(ws, "Dibuat", j.generated_at.clone())?;
    if j.units.len() > MAX_UNIT_SHEETS {
        line(
            ws,
            "Sheet per OPD",
            format!(
                "tidak dibuat: lebih dari {MAX_UNIT_SHEETS} OPD; hari per OPD ada di sheet {ALL_UNITS_SHEET}, dan buku kerja per OPD dibuat dengan --per-unit"
            ),
        )?;
    }

    r += 1;
    text_f(
        ws,
        r,
        0,
        format!("Total {} per hari", j.province.label),
        &f.bold,
    )?;
    r += 1;
    headers(
        ws,
        r,
        &[
            "Tanggal",
            "Hari",
            "Minggu (ISO)",
            "OPD dengan WFA",
            "Pegawai WFA",
            "Pegawai di kantor",
            "Paling banyak WFA bersamaan",
        ],
        f,
    )?;
    for (d, w) in j.province.days.iter().zip(&j.period.working) {
        r += 1;
        date_cell(ws, r, 0, d.date, f)?;
        text(ws, r, 1, d.date.day_name(crate::rubric::Lang::Id))?;
        text(ws, r, 2, &w.iso_week)?;
        ws.write_number_with_format(r, 3, d.units_away as f64, &f.int)?;
        ws.write_number_with_format(r, 4, d.away as f64, &f.int)?;
        ws.write_number_with_format(r, 5, d.on_site as f64, &f.int)?;
        ws.write_number_with_format(r, 6, d.allowed_at_once as f64, &f.int)?;
    }
    r += 1;
    text(
        ws,
        r,
        0,
        format!(
            "{} OPD: {} dengan jadwal WFA, {} tetap buka penuh, {} tidak dijadwalkan di sini (angka disembunyikan); {} hari-orang WFA dari {} pegawai",
            j.province.units,
            j.province.units_rota,
            j.province.units_open,
            j.province.units_hidden,
            j.province.person_days_away,
            j.province.staff_total
        ),
    )?;

    r += 2;
    text_f(ws, r, 0, "Per OPD", &f.bold)?;
    r += 1;
    headers(
        ws,
        r,
        &[
            "Kode OPD",
            "Nama OPD",
            "Hasil penilaian",
            "Status",
            "Alasan / catatan",
            "Jumlah pegawai",
            "Pegawai layak WFA",
            "Paling banyak WFA bersamaan",
            "Minimum di kantor",
            "Porsi WFA",
            "Hari-orang WFA",
        ],
        f,
    )?;
    // The units that stay fully open first, then those not planned here, then the rota.
    let mut order: Vec<&UnitPlan> = j.units.iter().collect();
    order.sort_by_key(|u| match u.status {
        Status::Open => 0,
        Status::Hidden => 1,
        Status::Rota => 2,
    });
    for u in order {
        r += 1;
        text(ws, r, 0, &u.id)?;
        text(ws, r, 1, u.name.as_deref().unwrap_or(""))?;
        text(ws, r, 2, &u.verdict_label)?;
        text(ws, r, 3, status_words(u))?;
        text_f(ws, r, 4, unit_notes(u), &f.wrap)?;
        num(ws, r, 5, u.staff_total, f)?;
        num(ws, r, 6, u.staff_eligible, f)?;
        num(ws, r, 7, u.allowed_at_once, f)?;
        num(ws, r, 8, u.min_on_site, f)?;
        ws.write_number_with_format(r, 9, u.max_share_away, &f.pct)?;
        if u.status != Status::Hidden {
            ws.write_number_with_format(r, 10, u.person_days_away as f64, &f.int)?;
        }
    }
    ws.set_column_width(0, 16)?;
    ws.set_column_width(1, 40)?;
    ws.set_column_width(2, 16)?;
    ws.set_column_width(3, 24)?;
    ws.set_column_width(4, 60)?;
    Ok(())
}

/// A unit's reasons and notes in words.
pub fn unit_notes(u: &UnitPlan) -> String {
    let mut notes: Vec<String> = u
        .reasons
        .iter()
        .map(|r| reason_words(*r, u, crate::rubric::Lang::Id))
        .collect();
    if u.front_line {
        notes.push(
            "layanan garis depan tetap buka penuh; pemangku jabatan garis depan tidak WFA".into(),
        );
    }
    if u.cap_binds {
        notes.push(format!(
            "batas {} hari per minggu membuat WFA harian di bawah batas bersamaan pada beberapa hari",
            u.max_days_per_week.unwrap_or(0)
        ));
    }
    notes.join("; ")
}

fn unit_sheet(
    ws: &mut Worksheet,
    j: &Jadwal,
    u: &UnitPlan,
    proposal: Option<&Proposal>,
    f: &Formats,
) -> Result<()> {
    use crate::rubric::Lang::Id;
    let title = match &u.name {
        Some(n) => format!("{} — {n}", u.id),
        None => u.id.clone(),
    };
    text_f(ws, 0, 0, title, &f.title)?;
    text(ws, 1, 0, format!("Jadwal WFA {}", period_words(j)))?;
    let mut r = 3;
    let rows: Vec<(&str, Option<i64>, Option<String>)> = vec![
        ("Hasil penilaian", None, Some(u.verdict_label.clone())),
        ("Status", None, Some(status_words(u).to_string())),
        ("Catatan", None, Some(unit_notes(u))),
        ("Jumlah pegawai", u.staff_total, None),
        ("Pegawai layak WFA", u.staff_eligible, None),
        ("Paling banyak WFA bersamaan", u.allowed_at_once, None),
        ("Minimum di kantor", u.min_on_site, None),
        (
            "Paling lama WFA per pegawai per minggu (hari)",
            u.max_days_per_week,
            None,
        ),
    ];
    for (label, n, s) in rows {
        text_f(ws, r, 0, label, &f.bold)?;
        match s {
            Some(s) => text_f(ws, r, 1, s, &f.wrap)?,
            None => num(ws, r, 1, n, f)?,
        }
        r += 1;
    }
    if u.status == Status::Hidden {
        text(
            ws,
            r + 1,
            0,
            "Angka OPD ini disembunyikan dalam penilaian karena kelompoknya kecil; OPD menyusun jadwalnya sendiri dengan aturan yang sama.",
        )?;
        ws.set_column_width(0, 44)?;
        return Ok(());
    }
    if let Some(p) = proposal {
        let n = |e: Exclusion| p.excluded.get(&e).copied().unwrap_or(0);
        text_f(ws, r, 0, "Usulan dari daftar pegawai", &f.bold)?;
        text_f(
            ws,
            r,
            1,
            format!(
                "{} pegawai dalam daftar; tidak WFA: {} sedang menjalani hukuman disiplin, {} baru ditempatkan, {} tanpa keterangan hukuman/penempatan, {} pada jabatan yang tidak layak WFA (PermenPANRB 4/2025 Pasal 25){}",
                p.people.len(),
                n(Exclusion::Sanction),
                n(Exclusion::NewPlacement),
                n(Exclusion::Unknown),
                n(Exclusion::Job),
                if p.short {
                    ". Pegawai layak dalam daftar lebih sedikit dari rencana: usulan per hari di bawah rencana"
                } else {
                    ""
                }
            ),
            &f.wrap,
        )?;
        r += 1;
    }
    r += 1;
    let mut head: Vec<String> = [
        "Tanggal",
        "Hari",
        "Minggu (ISO)",
        "WFA",
        "Di kantor",
        "Minimum di kantor",
        "Paling banyak WFA bersamaan",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    if proposal.is_some() {
        head.push("Usulan WFA (daftar pegawai)".into());
    }
    let pooled_name = if u.pooled_jobs.is_empty() {
        "Semua jabatan yang layak".to_string()
    } else {
        "Jabatan lain yang layak (jumlah kecil)".to_string()
    };
    if u.status == Status::Rota {
        for g in &u.groups {
            let name = if g.name.is_empty() {
                pooled_name.as_str()
            } else {
                g.name.as_str()
            };
            head.push(format!("{name}: WFA"));
            head.push(format!("{name}: di kantor"));
        }
    }
    let head_refs: Vec<&str> = head.iter().map(String::as_str).collect();
    headers(ws, r, &head_refs, f)?;
    let grid_head = r;
    for (i, (d, w)) in u.days.iter().zip(&j.period.working).enumerate() {
        r += 1;
        date_cell(ws, r, 0, d.date, f)?;
        text(ws, r, 1, d.date.day_name(Id))?;
        text(ws, r, 2, &w.iso_week)?;
        ws.write_number_with_format(r, 3, d.away as f64, &f.int)?;
        num(ws, r, 4, d.on_site, f)?;
        num(ws, r, 5, u.min_on_site, f)?;
        num(ws, r, 6, u.allowed_at_once, f)?;
        let mut c = 7;
        if let Some(p) = proposal {
            ws.write_number_with_format(r, c, p.away.get(i).copied().unwrap_or(0) as f64, &f.int)?;
            c += 1;
        }
        for (a, s) in d.groups_away.iter().zip(&d.groups_on_site) {
            ws.write_number_with_format(r, c, *a as f64, &f.int)?;
            match s {
                Some(s) => ws
                    .write_number_with_format(r, c + 1, *s as f64, &f.int)
                    .map(|_| ())?,
                None => text(ws, r, c + 1, "—")?,
            }
            c += 2;
        }
    }
    ws.set_freeze_panes(grid_head + 1, 1)?;
    if u.status == Status::Rota {
        r += 2;
        text_f(ws, r, 0, "Jabatan yang layak WFA", &f.bold)?;
        r += 1;
        headers(ws, r, &["Jabatan", "Pemangku", "Layak WFA"], f)?;
        for g in &u.groups {
            r += 1;
            text(
                ws,
                r,
                0,
                if g.name.is_empty() {
                    pooled_name.as_str()
                } else {
                    &g.name
                },
            )?;
            num(ws, r, 1, g.holders, f)?;
            ws.write_number_with_format(r, 2, g.eligible as f64, &f.int)?;
        }
        if !u.pooled_jobs.is_empty() {
            r += 1;
            text_f(
                ws,
                r,
                0,
                format!(
                    "{}: {} (jumlah pemangku per jabatan disembunyikan dalam penilaian karena kelompoknya kecil; dijadwalkan bersama, dengan jumlah pemangku paling sedikit yang sesuai dengan angka yang ditampilkan)",
                    pooled_name,
                    u.pooled_jobs.join("; ")
                ),
                &f.wrap,
            )?;
        }
        r += 2;
        text_f(ws, r, 0, "Cara mengisi", &f.bold)?;
        text_f(
            ws,
            r,
            1,
            format!(
                "Isi sheet {LOG_SHEET}: satu baris per pegawai per tanggal, Lokasi Kerja {AWAY} atau {OFFICE}. Excel menolak {AWAY} bila pegawai itu sudah {} hari WFA dalam minggu yang sama, atau bila WFA pada tanggal itu sudah mencapai batas bersamaan; sheet {CHECK_SHEET} menghitung isian per hari. Setelah periode, isi dengan yang benar-benar terjadi: sheet itu menjadi catatan pelaksanaan untuk evaluasi.",
                u.max_days_per_week
                    .map_or("…".to_string(), |c| c.to_string())
            ),
            &f.wrap,
        )?;
    }
    ws.set_column_width(0, 44)?;
    ws.set_column_width(1, 14)?;
    for c in 2..(head.len() as u16) {
        ws.set_column_width(c, 14)?;
    }
    Ok(())
}
