//! Calendar dates without a time zone (shared by `jadwal` and `evaluate`): parsing `YYYY-MM-DD`, the ISO weekday and week, Excel
//! serials and the Indonesian and English names of days and months.
//!
//! Pure arithmetic on day numbers (days since 1970-01-01); it knows no holiday and no period.

use crate::rubric::Lang;
use std::fmt;

/// A calendar date (proleptic Gregorian), ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i64);

/// Howard Hinnant's civil date → days since 1970-01-01.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// The date `y-m-d`, when it exists (years 1900 to 9999).
    pub fn from_ymd(y: i64, m: u32, d: u32) -> Option<Date> {
        ((1900..=9999).contains(&y)
            && (1..=12).contains(&m)
            && (1..=days_in_month(y, m)).contains(&d))
        .then(|| Date(days_from_civil(y, m, d)))
    }

    /// Strictly `YYYY-MM-DD` (ISO 8601, as `--period` takes it).
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<i64> {
            let t = s.get(r)?;
            t.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| t.parse().ok())?
        };
        Date::from_ymd(digits(0..4)?, digits(5..7)? as u32, digits(8..10)? as u32)
    }

    pub fn ymd(self) -> (i64, u32, u32) {
        crate::input::cell::civil_from_days(self.0)
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        self.0
    }

    /// The date `n` days after 1970-01-01.
    pub fn from_days(n: i64) -> Date {
        Date(n)
    }

    pub fn add_days(self, n: i64) -> Date {
        Date(self.0 + n)
    }

    /// ISO weekday: 1 Monday … 7 Sunday (1970-01-01 was a Thursday).
    pub fn weekday(self) -> u32 {
        ((self.0 + 3).rem_euclid(7) + 1) as u32
    }

    /// The ISO week: (week-numbering year, week 1–53). Week 1 holds the year's first Thursday,
    /// so 2025-12-29 (a Monday) is in 2026-W01.
    pub fn iso_week(self) -> (i64, u32) {
        let thursday = self.add_days(4 - self.weekday() as i64);
        let (y, _, _) = thursday.ymd();
        let jan1 = Date(days_from_civil(y, 1, 1));
        (y, ((thursday.0 - jan1.0) / 7 + 1) as u32)
    }

    /// `2026-W01`.
    pub fn iso_week_label(self) -> String {
        let (y, w) = self.iso_week();
        format!("{y}-W{w:02}")
    }

    /// The Monday of the date's ISO week.
    pub fn week_monday(self) -> Date {
        self.add_days(1 - self.weekday() as i64)
    }

    /// Excel's serial (1900 system: days since 1899-12-30).
    pub fn excel_serial(self) -> f64 {
        (self.0 + 25_569) as f64
    }

    /// The day's name: `Senin` / `Monday`.
    pub fn day_name(self, lang: Lang) -> &'static str {
        const ID: [&str; 7] = [
            "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
        ];
        const EN: [&str; 7] = [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ];
        let i = self.weekday() as usize - 1;
        match lang {
            Lang::Id => ID[i],
            Lang::En => EN[i],
        }
    }

    /// `Senin, 29 Desember 2025` / `Monday 29 December 2025`.
    pub fn long(self, lang: Lang) -> String {
        let (y, m, d) = self.ymd();
        let month = month_name(m, lang);
        match lang {
            Lang::Id => format!("{}, {d} {month} {y}", self.day_name(lang)),
            Lang::En => format!("{} {d} {month} {y}", self.day_name(lang)),
        }
    }
}

/// The name of month `m` (1–12) in `lang`.
pub fn month_name(m: u32, lang: Lang) -> &'static str {
    const ID: [&str; 12] = [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let i = (m.clamp(1, 12) - 1) as usize;
    match lang {
        Lang::Id => ID[i],
        Lang::En => EN[i],
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("`{s}` is not a date YYYY-MM-DD")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn parsing_is_strict() {
        assert_eq!(d("2025-12-29").to_string(), "2025-12-29");
        assert_eq!(d("2024-02-29").ymd(), (2024, 2, 29));
        for bad in [
            "2025-02-29",
            "2025-13-01",
            "2025-1-01",
            "29-12-2025",
            "2025/12/29",
            "",
            "2025-12-3x",
        ] {
            assert!(Date::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn weekdays_and_iso_weeks_by_the_calendar() {
        // 29 Dec 2025 is a Monday in ISO week 1 of 2026; 1 Jan 2021 (a Friday) is in 2020-W53.
        assert_eq!(d("2025-12-29").weekday(), 1);
        assert_eq!(d("2025-12-29").iso_week(), (2026, 1));
        assert_eq!(d("2025-12-28").iso_week(), (2025, 52));
        assert_eq!(d("2025-12-28").weekday(), 7);
        assert_eq!(d("2021-01-01").iso_week(), (2020, 53));
        assert_eq!(d("2026-12-31").iso_week_label(), "2026-W53");
        assert_eq!(d("2025-12-31").week_monday(), d("2025-12-29"));
        assert_eq!(d("2025-12-29").day_name(Lang::Id), "Senin");
        assert_eq!(d("2025-12-31").long(Lang::Id), "Rabu, 31 Desember 2025");
        assert_eq!(d("2025-12-31").long(Lang::En), "Wednesday 31 December 2025");
        // Excel: 2025-12-29 is serial 46020.
        assert_eq!(d("2025-12-29").excel_serial(), 46_020.0);
        assert_eq!(d("2025-12-29").add_days(3), d("2026-01-01"));
    }
}
