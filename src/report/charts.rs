//! Charts for the HTML report, drawn with plotters' SVG backend into strings that are inlined in
//! the page (no image files, no network). Every chart is also given as a table beside it, so
//! colour is never the only carrier of the information.

use crate::assessment::{Assessment, TopObstacle};
use crate::format;
use crate::rubric::Lang;
use anyhow::{Result, anyhow};
use plotters::prelude::*;

/// The chart colour of the verdict at `index` (best first), from the shared verdict palette:
/// every verdict has one, for any number of verdicts.
pub fn verdict_colour(index: usize) -> RGBColor {
    let rgb = super::palette::verdict(index).strong;
    RGBColor((rgb >> 16) as u8, (rgb >> 8) as u8, rgb as u8)
}

fn err<E: std::fmt::Display>(e: E) -> anyhow::Error {
    anyhow!("drawing a chart: {e}")
}

/// Units per 10-point score band, stacked by verdict, with the verdict thresholds marked.
pub fn score_histogram(
    a: &Assessment,
    caption: &str,
    x_label: &str,
    y_label: &str,
) -> Result<String> {
    const BINS: usize = 10;
    let nv = a.verdicts.len();
    let mut counts = vec![vec![0usize; nv]; BINS];
    for u in &a.units {
        let (Some(s), Some(v)) = (u.score, a.verdicts.iter().position(|v| v.id == u.verdict))
        else {
            continue;
        };
        let bin = ((s / 10.0).floor() as usize).min(BINS - 1);
        counts[bin][v] += 1;
    }
    let max = counts
        .iter()
        .map(|c| c.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (640, 300)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(caption, ("sans-serif", 18))
            .margin(10)
            .x_label_area_size(36)
            .y_label_area_size(40)
            .build_cartesian_2d(0f64..100f64, 0f64..(max as f64 * 1.15).ceil())
            .map_err(err)?;
        chart
            .configure_mesh()
            // 14 pt is drawn as 11.3 px: legible at the chart's own size, which a phone shows
            // it at (scrolled sideways) rather than shrunk to the screen.
            .label_style(("sans-serif", 14))
            .axis_desc_style(("sans-serif", 14))
            .x_labels(11)
            .y_labels(max.min(10) + 1)
            .x_desc(x_label)
            .y_desc(y_label)
            .y_label_formatter(&|y| format!("{}", *y as i64))
            .x_label_formatter(&|x| format!("{}", *x as i64))
            .light_line_style(WHITE)
            .draw()
            .map_err(err)?;
        for (vi, v) in a.verdicts.iter().enumerate() {
            let colour = verdict_colour(vi);
            let bars: Vec<Rectangle<(f64, f64)>> = counts
                .iter()
                .enumerate()
                .filter(|(_, c)| c[vi] > 0)
                .map(|(b, c)| {
                    let below: usize = c[..vi].iter().sum();
                    let x0 = b as f64 * 10.0 + 0.6;
                    Rectangle::new(
                        [(x0, below as f64), (x0 + 8.8, (below + c[vi]) as f64)],
                        colour.filled(),
                    )
                })
                .collect();
            chart
                .draw_series(bars)
                .map_err(err)?
                .label(format!(
                    "{} ({})",
                    v.label,
                    a.summary.verdict_counts.get(&v.id).copied().unwrap_or(0)
                ))
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 10, y + 5)], colour.filled())
                });
        }
        for v in a.verdicts.iter().filter(|v| v.min_score > 0.0) {
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(v.min_score, 0.0), (v.min_score, max as f64 * 1.15)],
                    BLACK.stroke_width(1),
                )))
                .map_err(err)?;
        }
        chart
            .configure_series_labels()
            .label_font(("sans-serif", 14))
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK.mix(0.3))
            .draw()
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(svg)
}

/// The top obstacles as horizontal bars of staff affected, labelled with the units they touch.
pub fn obstacles_bars(
    top: &[TopObstacle],
    caption: &str,
    x_label: &str,
    units_word: &str,
    lang: Lang,
) -> Result<String> {
    // Shown in the order the caption names: most staff affected first.
    let mut top: Vec<&TopObstacle> = top.iter().collect();
    top.sort_by(|a, b| {
        b.staff_affected
            .cmp(&a.staff_affected)
            .then(a.id.cmp(&b.id))
    });
    let n = top.len().max(1);
    let max = top
        .iter()
        .map(|o| o.staff_affected)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let labels: Vec<String> = top
        .iter()
        .map(|o| {
            let mut l: String = o.problem.chars().take(38).collect();
            if o.problem.chars().count() > 38 {
                l.push('…');
            }
            l
        })
        .collect();
    let height = 70 + 30 * n as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (720, height)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(caption, ("sans-serif", 18))
            .margin(10)
            .x_label_area_size(34)
            .y_label_area_size(250)
            .build_cartesian_2d(0f64..max * 1.25, (0..n).into_segmented())
            .map_err(err)?;
        chart
            .configure_mesh()
            // 14 pt is drawn as 11.3 px: legible at the chart's own size, which a phone shows
            // it at (scrolled sideways) rather than shrunk to the screen.
            .label_style(("sans-serif", 14))
            .axis_desc_style(("sans-serif", 14))
            .disable_y_mesh()
            .light_line_style(WHITE)
            .x_desc(x_label)
            .x_label_formatter(&|x| format::number(*x, 0, lang))
            .y_labels(n)
            .y_label_formatter(&|y| match y {
                SegmentValue::CenterOf(i) => (n - 1)
                    .checked_sub(*i)
                    .and_then(|k| labels.get(k))
                    .cloned()
                    .unwrap_or_default(),
                _ => String::new(),
            })
            .draw()
            .map_err(err)?;
        let colour = RGBColor(0x2b, 0x6c, 0xb0);
        chart
            .draw_series(top.iter().enumerate().map(|(i, o)| {
                let y = n - 1 - i;
                let mut bar = Rectangle::new(
                    [
                        (0.0, SegmentValue::Exact(y)),
                        (o.staff_affected as f64, SegmentValue::Exact(y + 1)),
                    ],
                    colour.filled(),
                );
                bar.set_margin(5, 5, 0, 0);
                bar
            }))
            .map_err(err)?;
        chart
            .draw_series(top.iter().enumerate().map(|(i, o)| {
                Text::new(
                    format!(
                        "{} · {} {}",
                        format::number(o.staff_affected as f64, 0, lang),
                        o.units,
                        units_word
                    ),
                    (
                        o.staff_affected as f64 + max * 0.01,
                        SegmentValue::CenterOf(n - 1 - i),
                    ),
                    ("sans-serif", 14).into_font(),
                )
            }))
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(svg)
}
