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

/// A 0–100 score with one decimal, rounded *down*, so a shown score never reaches a verdict
/// band that the exact score missed (69.97 shows as 69,9, not 70).
pub fn score(x: f64, lang: Lang) -> String {
    number((x * 10.0 + 1e-9).floor() / 10.0, 1, lang)
}

/// A value as shown in a message, with its unit.
pub fn value(x: f64, fmt: ValueFormat, unit: Option<&str>, lang: Lang) -> String {
    let body = match fmt {
        ValueFormat::Percent => {
            return match lang {
                Lang::Id => format!("{} %", number(x * 100.0, 1, lang)),
                Lang::En => format!("{}%", number(x * 100.0, 1, lang)),
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
        ValueFormat::Number => number(x, 2, lang),
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
        assert_eq!(score(69.97, Lang::Id), "69,9");
        assert_eq!(score(70.0, Lang::Id), "70");
        assert_eq!(score(84.375, Lang::En), "84.3");
    }
}
