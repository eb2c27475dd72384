//! The evaluation's files, rendered from the `Evaluation` value and its words (`words::
//! evaluation::View`): `evaluation.json`, the report as Markdown and Word (the same text), a web
//! page with each measure's per-unit effects and intervals drawn against the tolerance, and a
//! workbook with every figure. Renderers lay out and format; they compute nothing and choose no
//! word.

use super::templates::Templates;
use crate::evaluate::result::Evaluation;
use crate::rubric::Lang;
use crate::words::evaluation::{ChartView, View, outcome_label};
use crate::xlsx;
use anyhow::Result;
use rust_xlsxwriter::Format;
use std::fmt::Write as _;

/// File names of the report in `lang`, without extension.
pub fn base_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "evaluasi-wfa",
        Lang::En => "wfa-evaluation",
    }
}

pub fn json(e: &Evaluation) -> Result<String> {
    Ok(serde_json::to_string_pretty(e)? + "\n")
}

fn context(v: &View) -> Result<tera::Context> {
    Ok(tera::Context::from_serialize(v)?)
}

pub fn markdown(v: &View, lang: Lang, templates: &Templates) -> Result<String> {
    templates.render(lang, "evaluation.md.tera", &context(v)?)
}

pub fn docx(md: &str, created: &str, author: &str) -> Result<Vec<u8>> {
    super::docx::from_markdown(md, created, author)
}

/// One measure's forest plot as SVG: a row per unit, the interval as a line, the point as a dot
/// coloured by outcome, the tolerance as dashed lines at ±tolerance and zero as a solid one.
fn chart(c: &ChartView) -> String {
    let row_h = 18.0;
    let (left, width) = (70.0, 300.0);
    let height = 30.0 + row_h * c.rows.len() as f64;
    let lo = c
        .rows
        .iter()
        .map(|r| r.lo)
        .fold(-c.tolerance * 1.5, f64::min);
    let hi = c
        .rows
        .iter()
        .map(|r| r.hi)
        .fold(c.tolerance * 1.5, f64::max);
    let span = if hi > lo { hi - lo } else { 1.0 };
    let x = |v: f64| left + (v - lo) / span * width;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {height}" width="100%" role="img" aria-label="{}">"#,
        left + width + 10.0,
        html_escape(&c.title)
    );
    for (v, dash) in [(-c.tolerance, true), (0.0, false), (c.tolerance, true)] {
        let _ = write!(
            s,
            r##"<line x1="{0:.1}" x2="{0:.1}" y1="10" y2="{1:.1}" stroke="#888" {2}/>"##,
            x(v),
            height - 10.0,
            if dash {
                r#"stroke-dasharray="4 3""#
            } else {
                ""
            }
        );
    }
    for (i, r) in c.rows.iter().enumerate() {
        let y = 22.0 + row_h * i as f64;
        let colour = match r.outcome_id.as_str() {
            "fell" => "#b3261e",
            "inconclusive" => "#b26a00",
            "rose" => "#1e6b3a",
            _ => "#2b5797",
        };
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end">{}</text><line x1="{:.1}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}" stroke="{colour}" stroke-width="2"/><circle cx="{:.1}" cy="{y:.1}" r="4" fill="{colour}"><title>{}: {} — {}</title></circle>"##,
            left - 6.0,
            y + 4.0,
            html_escape(&r.unit),
            x(r.lo),
            x(r.hi),
            x(r.point),
            html_escape(&r.unit),
            html_escape(&r.shown),
            html_escape(&r.outcome)
        );
    }
    s.push_str("</svg>");
    s
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn html(v: &View, lang: Lang, templates: &Templates) -> Result<String> {
    let mut ctx = context(v)?;
    let charts: Vec<String> = v.charts.iter().map(chart).collect();
    ctx.insert("svgs", &charts);
    templates.render(lang, "evaluation.html.tera", &ctx)
}

/// Every figure: the answer, the province per measure, every unit and measure, the periods and
/// the readiness join.
pub fn xlsx(e: &Evaluation, v: &View, lang: Lang) -> Result<Vec<u8>> {
    let t = |id: &str, en: &str| match lang {
        Lang::Id => id.to_string(),
        Lang::En => en.to_string(),
    };
    let mut wb = xlsx::new_workbook(&v.title)?;
    let head = xlsx::header_format(xlsx::WORKBOOK_HEADER_FILL);
    let num = Format::new().set_num_format("0.0000");
    // The answer.
    {
        let ws = wb
            .add_worksheet()
            .set_name(xlsx::sheet_name(&t("Ringkasan", "Summary")))?;
        ws.set_column_width(0, 40)?;
        ws.set_column_width(1, 110)?;
        xlsx::text_f(ws, 0, 0, &v.title, &head)?;
        xlsx::text(ws, 1, 0, &v.period)?;
        for (i, a) in v.answer.iter().enumerate() {
            xlsx::text(ws, 3 + i as u32, 0, &a.head)?;
            xlsx::text(ws, 3 + i as u32, 1, &a.text)?;
        }
    }
    // Per measure, the province: the answer, the placebo and the naive comparison.
    {
        let ws = wb
            .add_worksheet()
            .set_name(xlsx::sheet_name(&t("Provinsi", "Province")))?;
        let cols = [
            t("Ukuran", "Measure"),
            t("Lingkup", "Scope"),
            t("Skala", "Scale"),
            t("Toleransi", "Tolerance"),
            t("OPD WFA", "Units away"),
            t("OPD pembanding", "Units stayed"),
            t("Efek WFA", "Effect of WFA"),
            t("Efek: bawah", "Effect: low"),
            t("Efek: atas", "Effect: high"),
            t("Hasil", "Outcome"),
            t("Plasebo", "Placebo"),
            t("Plasebo: bawah", "Placebo: low"),
            t("Plasebo: atas", "Placebo: high"),
            t("Hasil plasebo", "Placebo outcome"),
            t("Sebelum/sesudah", "Before/after"),
            t("Sebelum/sesudah: bawah", "Before/after: low"),
            t("Sebelum/sesudah: atas", "Before/after: high"),
        ];
        for (c, h) in cols.iter().enumerate() {
            xlsx::text_f(ws, 0, c as u16, h, &head)?;
        }
        for (i, m) in e.measures.iter().enumerate() {
            let r = 1 + i as u32;
            xlsx::text(ws, r, 0, &m.id)?;
            xlsx::text(ws, r, 1, m.scope.id())?;
            xlsx::text(
                ws,
                r,
                2,
                match m.scale {
                    crate::evaluate::estimate::Scale::Relative => t("relatif", "relative"),
                    crate::evaluate::estimate::Scale::Absolute => t("mutlak", "absolute"),
                },
            )?;
            ws.write_number_with_format(r, 3, m.tolerance, &num)?;
            let res = &m.result;
            if let Some(p) = &res.province {
                ws.write_number(r, 4, p.treated as f64)?;
                ws.write_number(r, 5, p.control as f64)?;
            }
            for (c, p) in [
                (6u16, res.province.as_ref()),
                (10, res.placebo.as_ref()),
                (14, res.naive.as_ref()),
            ] {
                if let Some(p) = p {
                    ws.write_number_with_format(r, c, p.estimate.point, &num)?;
                    ws.write_number_with_format(r, c + 1, p.estimate.lo, &num)?;
                    ws.write_number_with_format(r, c + 2, p.estimate.hi, &num)?;
                    if c < 14 {
                        xlsx::text(ws, r, c + 3, outcome_label(Some(p.outcome), lang))?;
                    }
                }
            }
        }
        ws.set_freeze_panes(1, 0)?;
    }
    // Per measure, per unit.
    {
        let ws = wb
            .add_worksheet()
            .set_name(xlsx::sheet_name(&t("Per OPD", "Per unit")))?;
        let cols = [
            t("Ukuran", "Measure"),
            t("Lingkup", "Scope"),
            t("Kode", "Code"),
            t("WFA", "Worked away"),
            t("Perubahan", "Change"),
            t("Perubahan: bawah", "Change: low"),
            t("Perubahan: atas", "Change: high"),
            t("Efek WFA", "Effect of WFA"),
            t("Efek: bawah", "Effect: low"),
            t("Efek: atas", "Effect: high"),
            t("Toleransi", "Tolerance"),
            t("Hasil", "Outcome"),
            t("Keterangan", "Note"),
        ];
        for (c, h) in cols.iter().enumerate() {
            xlsx::text_f(ws, 0, c as u16, h, &head)?;
        }
        let mut r = 1u32;
        for m in &e.measures {
            for u in &m.result.units {
                xlsx::text(ws, r, 0, &m.id)?;
                xlsx::text(ws, r, 1, m.scope.id())?;
                xlsx::text(ws, r, 2, &u.unit)?;
                xlsx::text(
                    ws,
                    r,
                    3,
                    if u.treated {
                        t("ya", "yes")
                    } else {
                        t("tidak", "no")
                    },
                )?;
                for (c, x) in [
                    (4, u.change.map(|i| i.point)),
                    (5, u.change.map(|i| i.lo)),
                    (6, u.change.map(|i| i.hi)),
                    (7, u.effect.map(|i| i.point)),
                    (8, u.effect.map(|i| i.lo)),
                    (9, u.effect.map(|i| i.hi)),
                    (10, Some(m.tolerance)),
                ] {
                    if let Some(x) = x {
                        ws.write_number_with_format(r, c, x, &num)?;
                    }
                }
                if u.treated {
                    xlsx::text(ws, r, 11, outcome_label(u.outcome, lang))?;
                }
                if let Some(s) = u.skipped {
                    xlsx::text(
                        ws,
                        r,
                        12,
                        match s {
                            crate::evaluate::estimate::Skip::NoDays => {
                                t("tidak ada data pada periode", "no data in a period")
                            }
                            crate::evaluate::estimate::Skip::NotPositive => {
                                t("rata-rata nol", "a mean of zero")
                            }
                        },
                    )?;
                }
                r += 1;
            }
        }
        ws.autofilter(0, 0, r.saturating_sub(1).max(1), cols.len() as u16 - 1)?;
        ws.set_freeze_panes(1, 0)?;
    }
    // Scopes per unit, the not evaluable, the readiness join, the periods: as the report shows.
    let tables: Vec<(String, &Vec<String>, &Vec<Vec<String>>)> = vec![
        (
            t("Lingkup per OPD", "Scopes per unit"),
            &v.unit_head,
            &v.unit_rows,
        ),
        (
            t("Kesiapan", "Readiness"),
            &v.readiness_head,
            &v.readiness_rows,
        ),
        (
            t("Plasebo dan sederhana", "Placebo and simple"),
            &v.checks_head,
            &v.checks_rows,
        ),
        (t("Periode", "Periods"), &v.periods_head, &v.periods_rows),
    ];
    for (name, h, rows) in tables {
        if h.is_empty() {
            continue;
        }
        let ws = wb.add_worksheet().set_name(xlsx::sheet_name(&name))?;
        for (c, x) in h.iter().enumerate() {
            xlsx::text_f(ws, 0, c as u16, x, &head)?;
            ws.set_column_width(c as u16, if c == 0 { 40 } else { 22 })?;
        }
        for (i, row) in rows.iter().enumerate() {
            for (c, x) in row.iter().enumerate() {
                xlsx::text(ws, 1 + i as u32, c as u16, x)?;
            }
        }
    }
    if !v.not_evaluable.is_empty() {
        let ws = wb.add_worksheet().set_name(xlsx::sheet_name(&t(
            "Tidak dapat dievaluasi",
            "Not evaluable",
        )))?;
        ws.set_column_width(0, 90)?;
        for (i, x) in v.not_evaluable.iter().enumerate() {
            xlsx::text(ws, i as u32, 0, x)?;
        }
    }
    Ok(wb.save_to_buffer()?)
}
