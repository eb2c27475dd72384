//! The full report as one self-contained HTML file: inline CSS, inline SVG charts, a little
//! inline JS for sorting and filtering; no external resource of any kind, so it opens offline.
//! Every text from the data is escaped by tera's HTML autoescaping (the template is named
//! `report.html`); only the embedded CSS, JS and the plotters SVG are inserted raw.

use super::bundle::{Format, RenderCtx, Renderer};
use super::templates::Templates;
use super::{charts, palette};
use crate::assessment::Assessment;
use crate::rubric::Lang;
use crate::{format, words::curve};
use anyhow::{Result, anyhow};
use serde::Serialize;
use std::collections::BTreeMap;

/// The file name of the report in a language.
pub fn file_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "laporan.html",
        Lang::En => "report.html",
    }
}

#[derive(Serialize)]
struct Bin {
    range: String,
    counts: Vec<usize>,
}

#[derive(Serialize)]
struct HeatCell {
    text: String,
    bg: String,
}

#[derive(Serialize)]
struct HeatRow {
    id: String,
    name: String,
    cells: Vec<HeatCell>,
    score_text: String,
    score_bg: String,
}

#[derive(Serialize)]
struct IndicatorView {
    label: String,
    target: String,
    curve: String,
    /// Share of the total weight (dimension share × share within the dimension).
    share: f64,
}

#[derive(Serialize)]
struct DiagCount {
    code: String,
    severity: String,
    count: usize,
}

/// Obstacles listed on a unit's printed page (the screen shows all).
const PRINT_OBSTACLES: usize = 8;

/// Background for a 0–100 score: red → amber → green, light enough for black text.
fn heat(score: Option<f64>) -> String {
    match score {
        None => "#eeeeee".into(),
        Some(s) => {
            let s = s.clamp(0.0, 100.0) / 100.0;
            // hue 0 (red) .. 120 (green), 70 % saturation, 85 % lightness
            format!("hsl({:.0},70%,82%)", s * 120.0)
        }
    }
}

/// The stylesheet, with palette colours (`palette::verdict`) for the verdict classes `v0`,
/// `v1`, … that it does not style itself: the embedded `report.css` styles four verdicts, a
/// rubric may have any number, and every verdict's badge must have a colour.
fn verdict_styles(css: &str, verdicts: usize) -> String {
    let styled = |i: usize| {
        let class = format!(".badge.v{i}");
        css.match_indices(&class).any(|(at, _)| {
            !css[at + class.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit())
        })
    };
    let mut out = css.to_string();
    for i in (0..verdicts).filter(|i| !styled(*i)) {
        let c = palette::css(palette::verdict(i).strong);
        out.push_str(&format!(
            "\n.answer.v{i}{{border-color:{c}}}.badge.v{i}{{background:{c}}}"
        ));
    }
    out
}

/// Shown diagnostics in the appendix list; the rest are counted.
const DIAG_LIST_CAP: usize = 200;

pub fn render(a: &Assessment, templates: &Templates) -> Result<String> {
    let lang = a.lang;
    let strings: toml::Table = toml::from_str(&templates.get("report.strings.toml")?)
        .map_err(|e| anyhow!("report.strings.toml: {e}"))?;
    let t = strings
        .get(match lang {
            Lang::Id => "id",
            Lang::En => "en",
        })
        .cloned()
        .ok_or_else(|| anyhow!("report.strings.toml has no [{lang:?}] table"))?;
    let tget = |k: &str| t.get(k).and_then(|v| v.as_str()).unwrap_or(k).to_string();

    let vidx: BTreeMap<&str, usize> = a
        .verdicts
        .iter()
        .enumerate()
        .map(|(i, v)| (v.id.as_str(), i))
        .collect();
    let vlabels: BTreeMap<&str, &str> = a
        .verdicts
        .iter()
        .map(|v| (v.id.as_str(), v.label.as_str()))
        .collect();
    let dim_labels: BTreeMap<&str, &str> = a
        .dimensions
        .iter()
        .map(|d| (d.id.as_str(), d.label.as_str()))
        .collect();
    let applied = &a.rubric.applied;
    let ind: BTreeMap<&str, IndicatorView> = applied
        .indicators
        .iter()
        .map(|i| {
            let share = applied.indicator_share(&i.id);
            (
                i.id.as_str(),
                IndicatorView {
                    label: i.label.clone(),
                    target: i
                        .target
                        .map(|x| format::value(x, i.format, i.unit.as_deref(), lang))
                        .unwrap_or_else(|| "-".into()),
                    curve: curve::describe(&i.curve, lang),
                    share,
                },
            )
        })
        .collect();

    let mut bins: Vec<Bin> = (0..10)
        .map(|b| Bin {
            range: format!("{}–{}", b * 10, b * 10 + 10),
            counts: vec![0; a.verdicts.len()],
        })
        .collect();
    for u in &a.units {
        if let (Some(s), Some(v)) = (u.score, vidx.get(u.verdict.as_str())) {
            bins[((s / 10.0).floor() as usize).min(9)].counts[*v] += 1;
        }
    }
    let bands = a.bands();
    let heat_rows: Vec<HeatRow> = a
        .units
        .iter()
        .take(super::DETAIL_CAP)
        .map(|u| HeatRow {
            id: u.id.clone(),
            name: u.name.clone().unwrap_or_default(),
            cells: a
                .dimensions
                .iter()
                .map(|d| {
                    let s = u.dimension_score(&d.id);
                    HeatCell {
                        text: s
                            .map(|s| format::score(s, lang))
                            .unwrap_or_else(|| "-".into()),
                        bg: heat(s),
                    }
                })
                .collect(),
            score_text: u
                .score
                .map(|s| format::score_in(s, &bands, lang))
                .unwrap_or_else(|| "-".into()),
            score_bg: heat(u.score),
        })
        .collect();

    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for d in &a.diagnostics {
        *counts
            .entry((
                d.code.to_string(),
                crate::diag::severity_word(d.severity, lang).to_string(),
            ))
            .or_insert(0) += 1;
    }
    let diag_counts: Vec<DiagCount> = counts
        .into_iter()
        .map(|((code, severity), count)| DiagCount {
            code,
            severity,
            count,
        })
        .collect();

    let s = &a.summary.suppressed;
    let privacy_text = tget("privacy_text").replace("{min}", &a.rubric.min_group_size.to_string());
    let privacy_counts = if s.indicator_values + s.job_counts + s.complementary > 0 {
        tget("privacy_counts")
            .replace("{ind}", &s.indicator_values.to_string())
            .replace("{jobs}", &s.job_counts.to_string())
            .replace("{comp}", &s.complementary.to_string())
    } else {
        String::new()
    };

    let chart_scores =
        charts::score_histogram(a, &tget("score_dist"), &tget("score"), &tget("count_units"))?;
    let chart_obstacles = charts::obstacles_bars(
        &a.summary.top_obstacles,
        &tget("top_obstacles"),
        &tget("staff_affected"),
        &tget("units_word"),
        lang,
    )?;

    let mut ctx = tera::Context::from_serialize(a).map_err(|e| anyhow!("report context: {e}"))?;
    super::roll_lines(&mut ctx, a);
    ctx.insert("t", &t);
    ctx.insert(
        "css",
        &verdict_styles(&templates.get("report.css")?, a.verdicts.len()),
    );
    ctx.insert("js", &templates.get("report.js")?);
    ctx.insert("date", &super::briefing::long_date(&a.generated_at, lang));
    ctx.insert("vidx", &vidx);
    ctx.insert("vlabels", &vlabels);
    ctx.insert("dim_labels", &dim_labels);
    ctx.insert("ind", &ind);
    ctx.insert("bins", &bins);
    ctx.insert("heat", &heat_rows);
    ctx.insert("diag_counts", &diag_counts);
    ctx.insert(
        "diag_list",
        // Each message in the report's language.
        &a.diagnostics
            .iter()
            .take(DIAG_LIST_CAP)
            .map(|d| crate::diag::Diagnostic {
                message: d.text(lang).to_string(),
                ..d.clone()
            })
            .collect::<Vec<_>>(),
    );
    ctx.insert(
        "diag_more",
        &a.diagnostics.len().saturating_sub(DIAG_LIST_CAP),
    );
    super::capped(&mut ctx, a, "detail_units", super::DETAIL_CAP);
    ctx.insert(
        "detail_more_text",
        &tget("detail_more").replace(
            "{n}",
            &format::number(
                a.units.len().saturating_sub(super::DETAIL_CAP) as f64,
                0,
                lang,
            ),
        ),
    );
    ctx.insert("privacy_text", &privacy_text);
    ctx.insert("privacy_counts", &privacy_counts);
    ctx.insert("chart_scores", &chart_scores);
    ctx.insert("chart_obstacles", &chart_obstacles);
    // A unit's printed card is one A4 page: its first obstacles, the rest counted.
    ctx.insert("print_obstacles", &PRINT_OBSTACLES);
    templates.render(lang, "report.html.tera", &ctx)
}

/// `--format html`.
pub struct Html;

impl Renderer for Html {
    fn format(&self) -> Format {
        Format::Html
    }

    fn files(&self, a: &Assessment, ctx: &RenderCtx) -> Result<Vec<(String, Vec<u8>)>> {
        Ok(vec![(
            file_name(a.lang).into(),
            render(a, &ctx.templates)?.into_bytes(),
        )])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_the_stylesheet_lacks_get_palette_colours() {
        let css = ".badge.v0{background:red}.badge.v1,.badge.v10{background:blue}";
        let out = verdict_styles(css, 3);
        assert!(out.starts_with(css));
        // v0 and v1 are styled; v10 does not count as v1's rule for v2 or as v1 itself.
        assert!(!out.contains(".badge.v0{background:#"));
        assert!(!out.contains(".badge.v1{background:#"));
        assert!(out.ends_with(".answer.v2{border-color:#c0392b}.badge.v2{background:#c0392b}"));
        let css = ".badge.v10{background:blue}";
        assert!(verdict_styles(css, 2).contains(".badge.v1{background:#d98e04}"));
        let embedded = Templates::default().get("report.css").unwrap();
        assert_eq!(
            verdict_styles(&embedded, 4),
            embedded,
            "report.css styles four"
        );
    }
}
