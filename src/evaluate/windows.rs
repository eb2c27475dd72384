//! The periods an evaluation compares: the WFA window `W`, the baseline `B` (the same working
//! days a year earlier, or the days just before), the days just before the window `P` and just
//! before the baseline `P'` — chosen among the dates that have data, never hard-coded.
//!
//! - `B` (year): the `|W|` latest dates with data on or before the date 52 weeks (364 days,
//!   the same weekday) before the window's last day, and no earlier than 52 weeks before its
//!   first day less 14 days — holidays and cuti bersama have no data, so a year-earlier window
//!   of the same length is found around them (29–31 Dec 2025 → 27, 30, 31 Dec 2024).
//! - `P`: the `before_days` latest dates with data before the window's first day.
//! - `P'`: the `before_days` latest dates with data before the baseline's first day.
//!
//! Dates are `YYYY-MM-DD` text (as the loader stores them). Nothing here reads files or
//! chooses words.

use crate::date::Date;
use crate::rubric::Baseline;
use serde::Serialize;
use std::collections::BTreeSet;

/// The four periods, each a sorted list of dates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Windows {
    pub window: Vec<String>,
    pub baseline: Vec<String>,
    pub before: Vec<String>,
    pub baseline_before: Vec<String>,
    /// No date a year earlier had data: the days just before the window stand in for the
    /// baseline (which does not remove the season).
    pub adjacent: bool,
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date.
pub fn days(iso: &str) -> Option<i64> {
    Date::parse(iso).map(Date::days)
}

/// The `YYYY-MM-DD` text of a day number.
pub fn iso(days: i64) -> String {
    Date::from_days(days).to_string()
}

/// The `n` latest of `dates` that are `< before` (day numbers), oldest first.
fn latest_before(dates: &BTreeSet<i64>, before: i64, n: usize) -> Vec<i64> {
    let mut v: Vec<i64> = dates.range(..before).rev().take(n).copied().collect();
    v.reverse();
    v
}

/// Choose the periods for `window` among `data` (every date that has a value), with the
/// baseline kind and the number of days before.
pub fn choose(
    window: &[String],
    data: &BTreeSet<String>,
    kind: Baseline,
    n_before: usize,
) -> Windows {
    let w: BTreeSet<i64> = window.iter().filter_map(|d| days(d)).collect();
    let d: BTreeSet<i64> = data
        .iter()
        .filter_map(|x| days(x))
        .filter(|x| !w.contains(x))
        .collect();
    let (Some(&first), Some(&last)) = (w.first(), w.last()) else {
        return Windows::default();
    };
    let before = latest_before(&d, first, n_before);
    let year: Vec<i64> = match kind {
        Baseline::Before => Vec::new(),
        Baseline::Year => {
            let end = last - 364;
            let start = first - 364 - 14;
            let mut v: Vec<i64> = d.range(start..=end).rev().take(w.len()).copied().collect();
            v.reverse();
            v
        }
    };
    let adjacent = year.is_empty();
    let baseline_before = match year.first() {
        Some(&b) => latest_before(&d, b, n_before),
        None => Vec::new(),
    };
    let text = |v: &[i64]| v.iter().map(|x| iso(*x)).collect::<Vec<_>>();
    Windows {
        window: text(&w.iter().copied().collect::<Vec<_>>()),
        baseline: text(&year),
        before: text(&before),
        baseline_before: text(&baseline_before),
        adjacent,
    }
}

/// The dates of a period written `2025-12-29..2025-12-31` (every day of it) or as a list
/// `2025-12-29,2025-12-31`; `None` when a date is not a real `YYYY-MM-DD` date or the range
/// runs backwards or over a year.
pub fn parse_period(s: &str) -> Option<Vec<String>> {
    let real = |x: &str| days(x.trim()).filter(|d| iso(*d) == x.trim());
    if let Some((a, b)) = s.split_once("..") {
        let (a, b) = (real(a)?, real(b)?);
        if b < a || b - a > 366 {
            return None;
        }
        return Some((a..=b).map(iso).collect());
    }
    let mut v: Vec<i64> = s.split(',').map(real).collect::<Option<_>>()?;
    v.sort_unstable();
    v.dedup();
    Some(v.into_iter().map(iso).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(v: &[&str]) -> BTreeSet<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn days_round_trip_and_know_the_weekday() {
        for d in ["1970-01-01", "2024-02-29", "2025-12-29", "2026-01-01"] {
            assert_eq!(iso(days(d).unwrap()), d);
        }
        // 1970-01-01 was a Thursday; 2025-12-29 is a Monday.
        assert_eq!((days("2025-12-29").unwrap() + 3).rem_euclid(7), 0);
        assert_eq!(days("2025-13-01"), None);
    }

    /// 29–31 Dec 2025; in 2024 the 25th and 26th were a holiday and cuti bersama, 1 Jan a
    /// holiday, 28–29 Dec a weekend: the year-earlier window is 27, 30, 31 Dec 2024.
    #[test]
    fn the_year_earlier_window_steps_around_holidays() {
        let data = set(&[
            "2024-12-19",
            "2024-12-20",
            "2024-12-23",
            "2024-12-24",
            "2024-12-27",
            "2024-12-30",
            "2024-12-31",
            "2025-01-02",
            "2025-12-22",
            "2025-12-23",
            "2025-12-24",
            "2025-12-29",
            "2025-12-30",
            "2025-12-31",
        ]);
        let w: Vec<String> = ["2025-12-29", "2025-12-30", "2025-12-31"]
            .map(String::from)
            .to_vec();
        let p = choose(&w, &data, Baseline::Year, 2);
        assert_eq!(p.baseline, ["2024-12-27", "2024-12-30", "2024-12-31"]);
        assert_eq!(p.before, ["2025-12-23", "2025-12-24"]);
        assert_eq!(p.baseline_before, ["2024-12-23", "2024-12-24"]);
        assert!(!p.adjacent);
        let p = choose(&w, &data, Baseline::Before, 2);
        assert!(p.baseline.is_empty() && p.adjacent);
    }

    #[test]
    fn periods_as_ranges_and_lists() {
        assert_eq!(
            parse_period("2025-12-30..2026-01-01").unwrap(),
            ["2025-12-30", "2025-12-31", "2026-01-01"]
        );
        assert_eq!(
            parse_period("2025-12-31,2025-12-29").unwrap(),
            ["2025-12-29", "2025-12-31"]
        );
        assert_eq!(parse_period("2025-12-31..2025-12-29"), None);
        assert_eq!(parse_period("2025-02-30"), None);
        assert_eq!(parse_period("29/12/2025"), None);
    }
}
