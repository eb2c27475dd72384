//! Renderers: each turns an `Assessment` into one output. They format; they never score.

pub mod briefing;
pub mod bundle;
pub mod charts;
pub mod csv;
pub mod diff;
pub mod diff_words;
pub mod docx;
pub mod html;
pub mod json;
pub mod markdown;
pub mod palette;
pub mod plan;
pub mod sensitivity;
pub mod templates;
pub mod terminal;
pub mod workbook;

/// Units with a full detail section in the HTML report and the Markdown summary; beyond this
/// (a ministry-size run) the detail of the rest is in the analysts' workbook, and the reports
/// say so. Tables with one row per unit stay complete.
pub const DETAIL_CAP: usize = 1_000;
/// Units listed in the staff memo's annex.
pub const ANNEX_CAP: usize = 100;

/// The first `cap` units and how many more there are, for a template.
pub(crate) fn capped(
    ctx: &mut tera::Context,
    a: &crate::assessment::Assessment,
    name: &'static str,
    cap: usize,
) {
    ctx.insert(name, &a.units.iter().take(cap).collect::<Vec<_>>());
    ctx.insert(format!("{name}_more"), &a.units.len().saturating_sub(cap));
}
