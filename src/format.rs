//! Number formatting for people: Indonesian (`1.250,5`, `42 %`) or English (`1,250.5`, `42%`).
//! Pure functions; used by the scorer for message texts and by renderers.

use crate::rubric::{Lang, ValueFormat};

/// Round to `d` decimals, turning -0 into 0.
pub fn round(x: f64, d: u32) -> f64 {
    let f = 10f64.powi(d as i32);
    let r = (x * f).round() / f;
    if r == 0.0 { 0.0 } else { r }
}

/// A number with at most `decimals` decimals, grouped by thousands.
pub fn number(x: f64, decimals: usize, lang: Lang) -> String {
    let (group, dec) = match lang {
        Lang::Id => ('.', ','),
        Lang::En => (',', '.'),
    };
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), f.trim_end_matches('0').to_string()),
        None => (s.clone(), String::new()),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    let sign = if x < 0.0 && (int != "0" || !frac.is_empty()) {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{dec}{frac}")
    }
}

/// Is `r` (a shown score) on the same side as `x` of every band start in `bands` (the
/// verdicts' `min_score`s); with no bands given, of every whole and half point?
fn same_side(x: f64, r: f64, bands: &[f64]) -> bool {
    if bands.is_empty() {
        (r * 2.0).floor() == (x * 2.0 + 1e-12).floor()
    } else {
        bands.iter().all(|b| (r >= *b) == (x >= *b))
    }
}

/// How many decimals a 0–100 score is shown with: one, or more when rounding to one would
/// carry it across the start of a verdict band in `bands` (69.98 shown as "70" would read as
/// the band it missed; no bands: any whole or half point). At most 4.
pub fn score_decimals(x: f64, bands: &[f64]) -> usize {
    (1..=4)
        .find(|d| same_side(x, round(x, *d as u32), bands))
        .unwrap_or(4)
}

/// A 0–100 score as every output shows it: one decimal, or as many as it takes (at most 4,
/// then cut, never rounded up) not to carry it across the start of a verdict band, so a shown
/// score never reaches a band that the exact score missed (69.98 shows as 69,98, not 70).
pub fn score_in(x: f64, bands: &[f64], lang: Lang) -> String {
    let d = score_decimals(x, bands);
    let r = round(x, d as u32);
    let f = 10f64.powi(d as i32);
    let shown = if same_side(x, r, bands) {
        r
    } else {
        (x * f + 1e-9).floor() / f
    };
    number(shown, d, lang)
}

/// `score_in` without the bands: kept on the same side of every whole and half point.
pub fn score(x: f64, lang: Lang) -> String {
    score_in(x, &[], lang)
}

/// A value as shown in a message, with its unit.
pub fn value(x: f64, fmt: ValueFormat, unit: Option<&str>, lang: Lang) -> String {
    value_with(x, fmt, unit, lang, 0)
}

/// `x` as `value` shows it, with up to two more decimals when it would otherwise show the same
/// as `target` while differing from it ("0,597, di bawah target 0,6", not "0,6 … 0,6").
pub fn value_apart(
    x: f64,
    target: f64,
    fmt: ValueFormat,
    unit: Option<&str>,
    lang: Lang,
) -> String {
    for extra in 0..=2 {
        let a = value_with(x, fmt, unit, lang, extra);
        if x == target || a != value_with(target, fmt, unit, lang, extra) {
            return a;
        }
    }
    value_with(x, fmt, unit, lang, 2)
}

fn value_with(x: f64, fmt: ValueFormat, unit: Option<&str>, lang: Lang, extra: usize) -> String {
    let body = match fmt {
        ValueFormat::Percent => {
            return match lang {
                Lang::Id => format!("{} %", number(x * 100.0, 1 + extra, lang)),
                Lang::En => format!("{}%", number(x * 100.0, 1 + extra, lang)),
            };
        }
        ValueFormat::Integer => number(x.round(), 0, lang),
        ValueFormat::Boolean => {
            let yes = x != 0.0;
            return match (lang, yes) {
                (Lang::Id, true) => "Ya",
                (Lang::Id, false) => "Tidak",
                (Lang::En, true) => "Yes",
                (Lang::En, false) => "No",
            }
            .to_string();
        }
        ValueFormat::Number => number(x, 2 + extra, lang),
    };
    match unit {
        Some(u) if !u.is_empty() => format!("{body} {u}"),
        _ => body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_and_english_numbers() {
        assert_eq!(number(1250.5, 2, Lang::Id), "1.250,5");
        assert_eq!(number(1250.5, 2, Lang::En), "1,250.5");
        assert_eq!(number(1_000_000.0, 0, Lang::Id), "1.000.000");
        assert_eq!(number(-0.0001, 2, Lang::Id), "0");
        assert_eq!(number(-2.5, 1, Lang::Id), "-2,5");
        assert_eq!(value(0.425, ValueFormat::Percent, None, Lang::Id), "42,5 %");
        assert_eq!(
            value(12.0, ValueFormat::Number, Some("Mbps"), Lang::Id),
            "12 Mbps"
        );
        assert_eq!(value(1.0, ValueFormat::Boolean, None, Lang::En), "Yes");
        assert_eq!(round(0.123456, 4), 0.1235);
        assert_eq!(score(70.0, Lang::Id), "70");
    }

    /// Issue 13: OPD-12's 69,98 was "70 Layak Terbatas" in the terminal, "69,9" in the memo and
    /// "70.0" in the workbook, under a band starting at 70.
    #[test]
    fn a_score_never_rounds_into_the_band_it_missed() {
        assert_eq!(score(69.98, Lang::Id), "69,98");
        assert_eq!(score(69.97, Lang::Id), "69,97");
        assert_eq!(score(69.9999, Lang::Id), "69,9999");
        assert_eq!(score(69.99999, Lang::Id), "69,9999");
        assert_eq!(score(49.96, Lang::En), "49.96");
        assert_eq!(score(84.375, Lang::En), "84.4");
        assert_eq!(score(69.94, Lang::Id), "69,9");
        assert_eq!(score(70.04, Lang::Id), "70");
        assert_eq!(score(72.46, Lang::Id), "72,46");
        assert_eq!(score_decimals(69.98, &[]), 2);
        assert_eq!(score_decimals(84.375, &[]), 1);
        // With the rubric's bands only their starts matter: 42,997 is 43 under bands 70/50/0.
        let bands = [70.0, 50.0, 0.0];
        assert_eq!(score_in(42.997, &bands, Lang::Id), "43");
        assert_eq!(score_in(69.98, &bands, Lang::Id), "69,98");
        assert_eq!(score_in(4.981, &bands, Lang::Id), "5");
        assert_eq!(score_in(49.9999, &bands, Lang::Id), "49,9999");
        assert_eq!(score_in(49.99999, &bands, Lang::Id), "49,9999");
        // A value just under its target shows the difference.
        assert_eq!(
            value_apart(0.597, 0.6, ValueFormat::Number, None, Lang::Id),
            "0,597"
        );
        assert_eq!(
            value_apart(0.5, 0.6, ValueFormat::Number, None, Lang::Id),
            "0,5"
        );
        assert_eq!(
            value_apart(0.7996, 0.8, ValueFormat::Percent, None, Lang::Id),
            "79,96 %"
        );
    }
}
