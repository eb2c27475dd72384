//! The unit table as CSV (`opd.csv` / `units.csv`): the columns of the workbook's unit sheet,
//! one row per unit, UTF-8, comma-separated, `.` decimals. Text that a spreadsheet would run as
//! a formula (`= + - @`, tab, CR first) gets a `'` in front (`text::csv_cell`).

use super::bundle::{Format, RenderCtx, Renderer};
use super::templates::Templates;
use super::workbook::{label_of, labels, unit_columns};
use crate::assessment::Assessment;
use crate::rubric::Lang;
use crate::text::csv_cell;
use anyhow::{Result, anyhow};

/// The CSV's file name in a language.
pub fn file_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "opd.csv",
        Lang::En => "units.csv",
    }
}

/// The unit table as CSV (UTF-8, comma, `.` decimals, one row per unit).
pub fn csv(a: &Assessment, templates: &Templates) -> Result<Vec<u8>> {
    let t = labels(a, templates)?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let num = |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_default();
    w.write_record(unit_columns(a, &t).iter().map(|c| csv_cell(c)))?;
    for u in &a.units {
        let mut rec: Vec<String> = vec![
            csv_cell(&u.id),
            csv_cell(u.name.as_deref().unwrap_or("")),
            num(u.score),
            csv_cell(&u.verdict_label),
            csv_cell(label_of(a, &u.score_verdict)),
            csv_cell(&u.decided_by),
            u.coverage.to_string(),
        ];
        rec.extend(a.dimensions.iter().map(|d| num(u.dimension_score(&d.id))));
        rec.extend([
            num(u.wfa.staff_total.map(|x| x as f64)),
            num(u.wfa.staff_eligible.map(|x| x as f64)),
            num(u.wfa.min_on_site.map(|x| x as f64)),
            u.wfa.max_share_away.to_string(),
            num(u.wfa.staff_allowed_at_once.map(|x| x as f64)),
            csv_cell(
                u.obstacles
                    .first()
                    .map(|o| o.problem.as_str())
                    .unwrap_or(""),
            ),
            csv_cell(&u.data_warnings.join("; ")),
        ]);
        w.write_record(&rec)?;
    }
    w.into_inner().map_err(|e| anyhow!("writing the CSV: {e}"))
}

/// `--format csv`.
pub struct Csv;

impl Renderer for Csv {
    fn format(&self) -> Format {
        Format::Csv
    }

    fn files(&self, a: &Assessment, ctx: &RenderCtx) -> Result<Vec<(String, Vec<u8>)>> {
        Ok(vec![(file_name(a.lang).into(), csv(a, &ctx.templates)?)])
    }
}
