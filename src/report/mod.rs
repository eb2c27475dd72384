//! Renderers: each turns an `Assessment` into one output. They format; they never score.

pub mod briefing;
pub mod bundle;
pub mod charts;
pub mod csv;
pub mod diff;
pub mod diff_words;
pub mod docx;
pub mod evaluation;
pub mod html;
pub mod json;
pub mod markdown;
pub mod palette;
pub mod plan;
pub mod sensitivity;
pub mod templates;
pub mod terminal;
pub mod workbook;
mod workbook_columns;

/// Units with a full detail section in the HTML report and the Markdown summary; beyond this
/// (a ministry-size run) the detail of the rest is in the analysts' workbook, and the reports
/// say so. Tables with one row per unit stay complete.
pub const DETAIL_CAP: usize = 1_000;
/// Units listed in the staff memo's annex.
pub const ANNEX_CAP: usize = 100;

/// The first `cap` units and how many more there are, for a template.
/// The roll's lists as one line each, at most `words::roll::NAMED_IN_MESSAGE` units named then
/// "… dan N OPD lainnya" (the full lists are in the reports' tables): `not_assessed_line`, and
/// `not_sent_lines` (`title`, `count`, `units`) per dataset some unit has not sent.
pub(crate) fn roll_lines(ctx: &mut tera::Context, a: &crate::assessment::Assessment) {
    use crate::words::roll::capped_list;
    let unit = &a.rubric.unit_label;
    let ids: Vec<String> = a
        .summary
        .not_assessed
        .iter()
        .map(|u| u.unit.clone())
        .collect();
    ctx.insert("not_assessed_line", &capped_list(&ids, unit, a.lang));
    let lines: Vec<serde_json::Value> = a
        .summary
        .not_sent
        .iter()
        .map(|n| {
            serde_json::json!({
                "dataset": n.dataset,
                "title": n.title,
                "count": n.units.len(),
                "units": capped_list(&n.units, unit, a.lang),
            })
        })
        .collect();
    ctx.insert("not_sent_lines", &lines);
}

pub(crate) fn capped(
    ctx: &mut tera::Context,
    a: &crate::assessment::Assessment,
    name: &'static str,
    cap: usize,
) {
    ctx.insert(name, &a.units.iter().take(cap).collect::<Vec<_>>());
    ctx.insert(format!("{name}_more"), &a.units.len().saturating_sub(cap));
}
