//! The analysts' workbook (.xlsx, rust_xlsxwriter) and the unit table as CSV.
//!
//! Sheets: summary, units, indicators (long), obstacles, WFA form per unit and job type, data
//! problems, rubric. Bold frozen headers, autofilters, number formats, verdict cells coloured
//! (with their label, so colour is never the only signal). Every text is written as a string
//! cell, never a formula; in the CSV, text that a spreadsheet would run as a formula
//! (`= + - @`, tab, CR first) is prefixed with `'`.

use crate::assessment::{Assessment, IndicatorStatus, Suppression, Unit};
use crate::quality::xlsx::{cell_text, new_workbook};
use crate::rubric::{Lang, ValueFormat};
use crate::words::curve;
use anyhow::{Result, anyhow};
use rust_xlsxwriter::{Color, Format, Workbook, Worksheet};

/// File names in a language: (workbook, csv).
pub fn file_names(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Id => ("analisis.xlsx", "opd.csv"),
        Lang::En => ("analysis.xlsx", "units.csv"),
    }
}

fn xerr(e: rust_xlsxwriter::XlsxError) -> anyhow::Error {
    anyhow!("writing the workbook: {e}")
}

const VERDICT_FILL: [u32; 4] = [0xC6EFCE, 0xFFEB9C, 0xFFC7CE, 0xE0E0E0];

struct Styles {
    head: Format,
    score: Format,
    pct: Format,
    int: Format,
    wrap: Format,
    verdict: Vec<Format>,
}

impl Styles {
    fn new() -> Self {
        Styles {
            head: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xDDE4EE))
                .set_text_wrap(),
            score: Format::new().set_num_format("0.0"),
            pct: Format::new().set_num_format("0.0%"),
            int: Format::new().set_num_format("#,##0"),
            wrap: Format::new().set_text_wrap(),
            verdict: VERDICT_FILL
                .iter()
                .map(|c| Format::new().set_background_color(Color::RGB(*c)))
                .collect(),
        }
    }
}

/// Labels in the report's language.
fn tr(lang: Lang, id: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Id => id,
        Lang::En => en,
    }
}

/// A sheet with a bold frozen header row, widths and an autofilter over `rows` data rows.
fn header(ws: &mut Worksheet, s: &Styles, cols: &[(&str, f64)], rows: usize) -> Result<()> {
    for (c, (name, width)) in cols.iter().enumerate() {
        text_f(ws, 0, c as u16, *name, &s.head)?;
        ws.set_column_width(c as u16, *width).map_err(xerr)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xerr)?;
    if !cols.is_empty() {
        ws.autofilter(0, 0, rows.max(1) as u32, cols.len() as u16 - 1)
            .map_err(xerr)?;
    }
    Ok(())
}

/// Text as a text cell (never a formula), fit for Excel (see `quality::xlsx::cell_text`).
fn text(ws: &mut Worksheet, r: u32, c: u16, s: impl AsRef<str>) -> Result<()> {
    ws.write_string(r, c, cell_text(s.as_ref())).map_err(xerr)?;
    Ok(())
}

fn text_f(ws: &mut Worksheet, r: u32, c: u16, s: impl AsRef<str>, f: &Format) -> Result<()> {
    ws.write_string_with_format(r, c, cell_text(s.as_ref()), f)
        .map_err(xerr)?;
    Ok(())
}

fn opt_num(ws: &mut Worksheet, r: u32, c: u16, x: Option<f64>, f: &Format) -> Result<()> {
    if let Some(x) = x.filter(|x| x.is_finite()) {
        ws.write_number_with_format(r, c, x, f).map_err(xerr)?;
    }
    Ok(())
}

fn verdict_index(a: &Assessment, id: &str) -> usize {
    a.verdicts
        .iter()
        .position(|v| v.id == id)
        .unwrap_or(3)
        .min(3)
}

/// The analysts' workbook.
pub fn xlsx(a: &Assessment) -> Result<Vec<u8>> {
    let s = Styles::new();
    // Fixed document properties: the same assessment gives the same bytes.
    let mut wb = new_workbook(&a.rubric.title)?;
    summary_sheet(&mut wb, a, &s)?;
    units_sheet(&mut wb, a, &s)?;
    indicators_sheet(&mut wb, a, &s)?;
    obstacles_sheet(&mut wb, a, &s)?;
    wfa_sheet(&mut wb, a, &s)?;
    problems_sheet(&mut wb, a, &s)?;
    rubric_sheet(&mut wb, a, &s)?;
    wb.save_to_buffer().map_err(xerr)
}

fn summary_sheet(wb: &mut Workbook, a: &Assessment, s: &Styles) -> Result<()> {
    let lang = a.lang;
    let ws = wb.add_worksheet();
    ws.set_name(tr(lang, "Ringkasan", "Summary"))
        .map_err(xerr)?;
    ws.set_column_width(0, 42).map_err(xerr)?;
    ws.set_column_width(1, 70).map_err(xerr)?;
    let sm = &a.summary;
    let vi = verdict_index(a, &sm.verdict);
    let pairs: Vec<(&str, String)> = vec![
        (tr(lang, "Wilayah", "Area"), sm.label.clone()),
        (tr(lang, "Putusan", "Verdict"), sm.verdict_label.clone()),
        (tr(lang, "Jawaban", "Answer"), sm.message.clone()),
        (
            tr(lang, "Rubrik", "Rubric"),
            format!("{} {} ({})", a.rubric.id, a.rubric.version, a.rubric.title),
        ),
        ("SHA-256", a.rubric.sha256.clone()),
        (
            tr(lang, "Dibuat", "Generated"),
            format!("{} (kesiapan {})", a.generated_at, a.tool.version),
        ),
    ];
    let mut r = 0u32;
    for (k, v) in &pairs {
        text_f(ws, r, 0, *k, &s.head)?;
        let f = if r == 1 { &s.verdict[vi] } else { &s.wrap };
        text_f(ws, r, 1, v, f)?;
        r += 1;
    }
    let mut rows: Vec<(String, f64)> = vec![(
        format!(
            "{} {}",
            tr(lang, "Jumlah", "Number of"),
            a.rubric.unit_label
        ),
        sm.units as f64,
    )];
    for v in &a.verdicts {
        rows.push((
            v.label.clone(),
            sm.verdict_counts.get(&v.id).copied().unwrap_or(0) as f64,
        ));
    }
    rows.push((
        tr(lang, "Jumlah pegawai", "Staff").into(),
        sm.staff_total as f64,
    ));
    rows.push((
        tr(
            lang,
            "Pegawai pada jabatan yang dapat WFA",
            "Staff in WFA-eligible jobs",
        )
        .into(),
        sm.staff_eligible as f64,
    ));
    rows.push((
        tr(lang, "Boleh WFA bersamaan", "Allowed on WFA at once").into(),
        sm.staff_allowed_at_once as f64,
    ));
    for (k, v) in rows {
        text_f(ws, r, 0, &k, &s.head)?;
        ws.write_number_with_format(r, 1, v, &s.int).map_err(xerr)?;
        r += 1;
    }
    let p = &sm.suppressed;
    text_f(
        ws,
        r,
        0,
        tr(lang, "Perlindungan data pribadi", "Personal data"),
        &s.head,
    )?;
    text_f(
        ws,
        r,
        1,
        &match lang {
            Lang::Id => format!(
                "Tanpa nama/NIP. Kelompok < {} orang disembunyikan: {} nilai indikator, {} jumlah pemegang jabatan, {} angka pendamping (agar tidak terungkap lewat pengurangan).",
                p.min_group_size, p.indicator_values, p.job_counts, p.complementary
            ),
            Lang::En => format!(
                "No names or NIP. Groups of fewer than {} people hidden: {} indicator values, {} job-holder counts, {} companion counts (so none can be recovered by subtraction).",
                p.min_group_size, p.indicator_values, p.job_counts, p.complementary
            ),
        },
        &s.wrap,
    )?;
    r += 2;
    // Input files with their hashes: what the verdicts were computed from.
    let cols = [
        tr(lang, "Berkas", "File"),
        tr(lang, "Dataset", "Dataset"),
        tr(lang, "Baris dibaca", "Rows read"),
        tr(lang, "Dipakai", "Used"),
        tr(lang, "Ditolak", "Rejected"),
        "SHA-256",
    ];
    for (c, h) in cols.iter().enumerate() {
        text_f(ws, r, c as u16, *h, &s.head)?;
    }
    for i in &a.inputs {
        r += 1;
        text(ws, r, 0, &i.path)?;
        text(ws, r, 1, &i.dataset)?;
        ws.write_number_with_format(r, 2, i.rows_read as f64, &s.int)
            .map_err(xerr)?;
        ws.write_number_with_format(r, 3, i.rows_used as f64, &s.int)
            .map_err(xerr)?;
        ws.write_number_with_format(r, 4, i.rows_rejected as f64, &s.int)
            .map_err(xerr)?;
        text(ws, r, 5, &i.sha256)?;
    }
    Ok(())
}

/// The unit table's columns, shared by the OPD sheet and the CSV.
fn unit_columns(a: &Assessment) -> Vec<String> {
    let lang = a.lang;
    let mut c: Vec<String> = [
        tr(lang, "Kode", "Code"),
        tr(lang, "Nama", "Name"),
        tr(lang, "Skor", "Score"),
        tr(lang, "Putusan", "Verdict"),
        tr(lang, "Putusan menurut skor", "Verdict by score"),
        tr(lang, "Ditentukan oleh", "Decided by"),
        tr(lang, "Cakupan data", "Data coverage"),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    c.extend(a.dimensions.iter().map(|d| d.label.clone()));
    c.extend(
        [
            tr(lang, "Pegawai", "Staff"),
            tr(lang, "Pada jabatan WFA", "In WFA-eligible jobs"),
            tr(lang, "Minimal di kantor", "Minimum on site"),
            tr(lang, "Porsi maks. WFA", "Max share away"),
            tr(lang, "Boleh WFA bersamaan", "WFA at once"),
            tr(lang, "Kendala utama", "Main obstacle"),
            tr(lang, "Catatan kualitas data", "Data-quality warnings"),
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    c
}

fn label_of<'a>(a: &'a Assessment, verdict: &'a str) -> &'a str {
    a.verdicts
        .iter()
        .find(|v| v.id == verdict)
        .map(|v| v.label.as_str())
        .unwrap_or(verdict)
}

fn units_sheet(wb: &mut Workbook, a: &Assessment, s: &Styles) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(tr(a.lang, "OPD", "Units")).map_err(xerr)?;
    let names = unit_columns(a);
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
    for (i, u) in a.units.iter().enumerate() {
        let r = i as u32 + 1;
        text(ws, r, 0, &u.id)?;
        text(ws, r, 1, u.name.as_deref().unwrap_or(""))?;
        opt_num(ws, r, 2, u.score, &s.score)?;
        text_f(
            ws,
            r,
            3,
            &u.verdict_label,
            &s.verdict[verdict_index(a, &u.verdict)],
        )?;
        text(ws, r, 4, label_of(a, &u.score_verdict))?;
        text(ws, r, 5, &u.decided_by)?;
        ws.write_number_with_format(r, 6, u.coverage, &s.pct)
            .map_err(xerr)?;
        for (j, d) in a.dimensions.iter().enumerate() {
            let v = u
                .dimensions
                .iter()
                .find(|x| x.id == d.id)
                .and_then(|x| x.score);
            opt_num(ws, r, 7 + j as u16, v, &s.score)?;
        }
        let c = 7 + nd as u16;
        opt_num(ws, r, c, u.wfa.staff_total.map(|x| x as f64), &s.int)?;
        opt_num(ws, r, c + 1, u.wfa.staff_eligible.map(|x| x as f64), &s.int)?;
        opt_num(ws, r, c + 2, u.wfa.min_on_site.map(|x| x as f64), &s.int)?;
        ws.write_number_with_format(r, c + 3, u.wfa.max_share_away, &s.pct)
            .map_err(xerr)?;
        ws.write_number_with_format(r, c + 4, u.wfa.staff_allowed_at_once as f64, &s.int)
            .map_err(xerr)?;
        text(
            ws,
            r,
            c + 5,
            u.obstacles.first().map(|o| o.label.as_str()).unwrap_or(""),
        )?;
        text(ws, r, c + 6, u.data_warnings.join("; "))?;
    }
    Ok(())
}

fn indicators_sheet(wb: &mut Workbook, a: &Assessment, s: &Styles) -> Result<()> {
    let lang = a.lang;
    let ws = wb.add_worksheet();
    ws.set_name(tr(lang, "Indikator", "Indicators"))
        .map_err(xerr)?;
    let rows: usize = a.units.iter().map(|u| u.indicators.len()).sum();
    header(
        ws,
        s,
        &[
            (tr(lang, "Kode", "Code"), 10.0),
            (tr(lang, "Nama", "Name"), 36.0),
            (tr(lang, "Dimensi", "Dimension"), 22.0),
            (tr(lang, "Indikator", "Indicator"), 36.0),
            ("id", 18.0),
            (tr(lang, "Nilai", "Value"), 12.0),
            (tr(lang, "Nilai (tampilan)", "Value (shown)"), 16.0),
            (tr(lang, "Target", "Target"), 10.0),
            (tr(lang, "Skor", "Score"), 9.0),
            (tr(lang, "Bobot efektif", "Effective weight"), 12.0),
            (tr(lang, "Status", "Status"), 18.0),
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
            ws.write_number_with_format(r, 9, i.effective_weight, &s.pct)
                .map_err(xerr)?;
            text(ws, r, 10, status_label(i.status, lang))?;
        }
    }
    Ok(())
}

fn status_label(s: IndicatorStatus, lang: Lang) -> &'static str {
    match s {
        IndicatorStatus::Ok => tr(lang, "memenuhi target", "meets target"),
        IndicatorStatus::BelowTarget => tr(lang, "di bawah target", "below target"),
        IndicatorStatus::Missing => tr(lang, "tidak ada data", "no data"),
        IndicatorStatus::MissingScoredZero => {
            tr(lang, "tidak ada data (skor 0)", "no data (scored 0)")
        }
        IndicatorStatus::Suppressed => tr(
            lang,
            "disembunyikan (kelompok kecil)",
            "hidden (small group)",
        ),
        IndicatorStatus::Info => tr(lang, "informasi", "information"),
    }
}

fn obstacles_sheet(wb: &mut Workbook, a: &Assessment, s: &Styles) -> Result<()> {
    let lang = a.lang;
    let ws = wb.add_worksheet();
    ws.set_name(tr(lang, "Kendala", "Obstacles"))
        .map_err(xerr)?;
    let rows: usize = a.units.iter().map(|u| u.obstacles.len()).sum();
    header(
        ws,
        s,
        &[
            (tr(lang, "Kode", "Code"), 10.0),
            (tr(lang, "Nama", "Name"), 36.0),
            (tr(lang, "Peringkat", "Rank"), 9.0),
            (tr(lang, "Jenis", "Kind"), 10.0),
            (tr(lang, "Kendala", "Obstacle"), 34.0),
            (tr(lang, "Keterangan", "Explanation"), 60.0),
            (tr(lang, "Perbaikan", "Fix"), 48.0),
            (tr(lang, "Biaya skor (poin)", "Score cost (points)"), 12.0),
            (tr(lang, "Pegawai terdampak", "Staff affected"), 12.0),
        ],
        rows,
    )?;
    let mut r = 0u32;
    for u in &a.units {
        for o in &u.obstacles {
            r += 1;
            text(ws, r, 0, &u.id)?;
            text(ws, r, 1, u.name.as_deref().unwrap_or(""))?;
            ws.write_number(r, 2, o.rank as f64).map_err(xerr)?;
            text(ws, r, 3, format!("{:?}", o.kind).to_lowercase())?;
            text(ws, r, 4, &o.label)?;
            text(ws, r, 5, &o.message)?;
            text(ws, r, 6, o.fix.as_deref().unwrap_or(""))?;
            ws.write_number_with_format(r, 7, o.score_cost, &s.score)
                .map_err(xerr)?;
            opt_num(ws, r, 8, o.staff_affected.map(|x| x as f64), &s.int)?;
        }
    }
    Ok(())
}

fn wfa_sheet(wb: &mut Workbook, a: &Assessment, s: &Styles) -> Result<()> {
    let lang = a.lang;
    let ws = wb.add_worksheet();
    ws.set_name(tr(lang, "Bentuk WFA", "WFA form"))
        .map_err(xerr)?;
    let rows: usize = a
        .units
        .iter()
        .map(|u| u.wfa.eligible_jobs.len().max(1))
        .sum();
    header(
        ws,
        s,
        &[
            (tr(lang, "Kode", "Code"), 10.0),
            (tr(lang, "Nama", "Name"), 36.0),
            (tr(lang, "Putusan", "Verdict"), 16.0),
            (tr(lang, "Boleh WFA bersamaan", "WFA at once"), 12.0),
            (tr(lang, "Minimal di kantor", "Minimum on site"), 12.0),
            (tr(lang, "Jabatan yang dapat WFA", "WFA-eligible job"), 40.0),
            (tr(lang, "Pemegang jabatan", "Holders"), 12.0),
            (tr(lang, "Syarat", "Conditions"), 60.0),
        ],
        rows,
    )?;
    let mut r = 0u32;
    let write_unit = |ws: &mut Worksheet, r: u32, u: &Unit| -> Result<()> {
        text(ws, r, 0, &u.id)?;
        text(ws, r, 1, u.name.as_deref().unwrap_or(""))?;
        text_f(
            ws,
            r,
            2,
            &u.verdict_label,
            &s.verdict[verdict_index(a, &u.verdict)],
        )?;
        ws.write_number_with_format(r, 3, u.wfa.staff_allowed_at_once as f64, &s.int)
            .map_err(xerr)?;
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
                    ws.write_number_with_format(r, 6, h as f64, &s.int)
                        .map_err(xerr)?;
                }
                (None, Some(Suppression::SmallGroup | Suppression::Complementary)) => {
                    text(ws, r, 6, tr(lang, "disembunyikan", "hidden"))?;
                }
                (None, None) => {}
            }
        }
    }
    Ok(())
}

fn problems_sheet(wb: &mut Workbook, a: &Assessment, s: &Styles) -> Result<()> {
    let lang = a.lang;
    let ws = wb.add_worksheet();
    ws.set_name(tr(lang, "Masalah Data", "Data problems"))
        .map_err(xerr)?;
    header(
        ws,
        s,
        &[
            (tr(lang, "Kode", "Code"), 18.0),
            (tr(lang, "Tingkat", "Severity"), 10.0),
            ("Dataset", 14.0),
            (tr(lang, "Berkas", "File"), 36.0),
            ("Sheet", 14.0),
            (tr(lang, "Baris", "Row"), 8.0),
            (tr(lang, "Kolom", "Column"), 8.0),
            (tr(lang, "Nilai", "Value"), 20.0),
            (tr(lang, "Keterangan", "Message"), 80.0),
        ],
        a.diagnostics.len(),
    )?;
    for (i, d) in a.diagnostics.iter().enumerate() {
        let r = i as u32 + 1;
        text(ws, r, 0, d.code.to_string())?;
        text(ws, r, 1, format!("{:?}", d.severity).to_lowercase())?;
        text(ws, r, 2, d.dataset.as_deref().unwrap_or(""))?;
        text(ws, r, 3, d.file.as_deref().unwrap_or(""))?;
        text(ws, r, 4, d.sheet.as_deref().unwrap_or(""))?;
        opt_num(ws, r, 5, d.row.map(f64::from), &s.int)?;
        text(ws, r, 6, d.column.as_deref().unwrap_or(""))?;
        text(ws, r, 7, d.value.as_deref().unwrap_or(""))?;
        text(ws, r, 8, &d.message)?;
    }
    Ok(())
}

fn rubric_sheet(wb: &mut Workbook, a: &Assessment, s: &Styles) -> Result<()> {
    let lang = a.lang;
    let ws = wb.add_worksheet();
    ws.set_name(tr(lang, "Rubrik", "Rubric")).map_err(xerr)?;
    let ap = &a.rubric.applied;
    header(
        ws,
        s,
        &[
            (tr(lang, "Dimensi", "Dimension"), 22.0),
            (tr(lang, "Bobot dimensi", "Dimension share"), 12.0),
            (tr(lang, "Indikator", "Indicator"), 36.0),
            ("id", 18.0),
            (tr(lang, "Bobot dalam dimensi", "Weight in dimension"), 12.0),
            (tr(lang, "Bobot total", "Share of total"), 12.0),
            (tr(lang, "Rumus", "Formula"), 50.0),
            (tr(lang, "Kurva", "Curve"), 40.0),
            (tr(lang, "Target", "Target"), 10.0),
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
        ws.write_number_with_format(r, 1, dshare, &s.pct)
            .map_err(xerr)?;
        text(ws, r, 2, &i.label)?;
        text(ws, r, 3, &i.id)?;
        ws.write_number_with_format(r, 4, ap.within_share(&i.id), &s.pct)
            .map_err(xerr)?;
        ws.write_number_with_format(r, 5, ap.indicator_share(&i.id), &s.pct)
            .map_err(xerr)?;
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
    for (c, h) in [
        tr(lang, "Syarat", "Condition"),
        tr(lang, "Ketentuan", "Requires"),
        tr(
            lang,
            "Putusan paling tinggi bila gagal",
            "Best verdict when failed",
        ),
    ]
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
    text_f(ws, r, 0, tr(lang, "Putusan", "Verdict"), &s.head)?;
    text_f(ws, r, 1, tr(lang, "Skor minimal", "Minimum score"), &s.head)?;
    for (k, v) in a.verdicts.iter().enumerate() {
        r += 1;
        text_f(ws, r, 0, &v.label, &s.verdict[k.min(3)])?;
        ws.write_number_with_format(r, 1, v.min_score, &s.score)
            .map_err(xerr)?;
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

/// A text cell made safe for spreadsheets that open CSV: a leading `= + - @`, tab or CR would be
/// read as a formula, so it gets a `'` in front.
pub fn csv_text(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// The unit table as CSV (UTF-8, comma, `.` decimals, one row per unit).
pub fn csv(a: &Assessment) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let num = |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_default();
    w.write_record(unit_columns(a).iter().map(|c| csv_text(c)))?;
    for u in &a.units {
        let mut rec: Vec<String> = vec![
            csv_text(&u.id),
            csv_text(u.name.as_deref().unwrap_or("")),
            num(u.score),
            csv_text(&u.verdict_label),
            csv_text(label_of(a, &u.score_verdict)),
            csv_text(&u.decided_by),
            u.coverage.to_string(),
        ];
        rec.extend(a.dimensions.iter().map(|d| {
            num(u
                .dimensions
                .iter()
                .find(|x| x.id == d.id)
                .and_then(|x| x.score))
        }));
        rec.extend([
            num(u.wfa.staff_total.map(|x| x as f64)),
            num(u.wfa.staff_eligible.map(|x| x as f64)),
            num(u.wfa.min_on_site.map(|x| x as f64)),
            u.wfa.max_share_away.to_string(),
            u.wfa.staff_allowed_at_once.to_string(),
            csv_text(u.obstacles.first().map(|o| o.label.as_str()).unwrap_or("")),
            csv_text(&u.data_warnings.join("; ")),
        ]);
        w.write_record(&rec)?;
    }
    w.into_inner().map_err(|e| anyhow!("writing the CSV: {e}"))
}

#[cfg(test)]
mod tests {
    use super::csv_text;

    #[test]
    fn formula_like_text_is_neutralised() {
        assert_eq!(csv_text("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(csv_text("+1"), "'+1");
        assert_eq!(csv_text("-1+2"), "'-1+2");
        assert_eq!(csv_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_text("Dinas Kesehatan"), "Dinas Kesehatan");
        assert_eq!(csv_text(""), "");
    }
}
