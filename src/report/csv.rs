//! The unit table as CSV (`opd.csv` / `units.csv`): the columns of the workbook's unit sheet,
//! one row per unit; UTF-8, comma-separated, `.` decimals, or (`--csv-dialect id`) with a BOM,
//! `;` and decimal commas, as Excel in an Indonesian locale reads a double-clicked file. Text
//! that a spreadsheet would run as a formula (`= + - @`, tab, CR first) gets a `'` in front
//! (`text::csv_cell`).

use super::bundle::{Format, RenderCtx, Renderer};
use super::templates::Templates;
use super::workbook::{label_of, labels, unit_columns};
use crate::assessment::Assessment;
use crate::cli::CsvDialect;
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

/// The unit table as CSV, one row per unit, in `dialect`.
pub fn csv(a: &Assessment, templates: &Templates, dialect: CsvDialect) -> Result<Vec<u8>> {
    let t = labels(a, templates)?;
    let id = dialect == CsvDialect::Id;
    let mut out = Vec::new();
    if id {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut w = csv::WriterBuilder::new()
        .delimiter(if id { b';' } else { b',' })
        .from_writer(out);
    // Full precision either way; only the decimal mark changes.
    let dec = |x: f64| {
        let s = x.to_string();
        if id { s.replace('.', ",") } else { s }
    };
    let num = |x: Option<f64>| x.map(dec).unwrap_or_default();
    w.write_record(unit_columns(a, &t).iter().map(|c| csv_cell(c)))?;
    for u in &a.units {
        let mut rec: Vec<String> = vec![
            csv_cell(&u.id),
            csv_cell(u.name.as_deref().unwrap_or("")),
            num(u.score),
            csv_cell(&u.verdict_label),
            csv_cell(label_of(a, &u.score_verdict)),
            csv_cell(&u.decided_by),
            dec(u.coverage),
        ];
        rec.extend(a.dimensions.iter().map(|d| num(u.dimension_score(&d.id))));
        rec.extend([
            num(u.wfa.staff_total.map(|x| x as f64)),
            num(u.wfa.staff_eligible.map(|x| x as f64)),
            num(u.wfa.min_on_site.map(|x| x as f64)),
            dec(u.wfa.max_share_away),
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
        Ok(vec![(
            file_name(a.lang).into(),
            csv(a, &ctx.templates, ctx.csv_dialect)?,
        )])
    }
}
