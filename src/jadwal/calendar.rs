//! The holiday calendar (`rubrics/hari-libur.toml`, or `--calendar FILE`): national holidays
//! (*libur*) and joint leave days (*cuti bersama*) by date with their names, the weekend days,
//! and the years the file covers; and the working days of a WFA period by it.
//!
//! It reads and checks the file (every problem at once, each at its `file:line:column`) and
//! answers "is this date a working day, and if not, why"; it plans nothing.

use super::date::Date;
use anyhow::{Result, bail};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The calendar shipped for the sample years, built into the binary like the default rubric.
pub const DEFAULT_CALENDAR: &str = "rubrics/hari-libur.toml";
pub const EMBEDDED_CALENDAR: &str = include_str!("../../rubrics/hari-libur.toml");

/// Why a day is off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DayKind {
    /// A national holiday (*hari libur nasional*).
    Libur,
    /// A joint leave day (*cuti bersama*): ASN are off, counted against annual leave.
    CutiBersama,
    /// Saturday or Sunday (or what the file's `weekend` says).
    Weekend,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawCalendar {
    /// Format version: 1.
    version: u32,
    /// What the file is, e.g. "Hari libur nasional dan cuti bersama 2025–2026".
    title: String,
    /// Where the dates come from (the SKB of the three ministers, with its number).
    #[serde(default)]
    source: Option<String>,
    /// The years whose holidays the file lists in full: a period date outside them is warned
    /// about (its holidays are unknown).
    years: Vec<i64>,
    /// The days off every week, by name (`sabtu`, `minggu`; English names too). Default:
    /// Saturday and Sunday.
    #[serde(default)]
    weekend: Option<Vec<String>>,
    #[serde(default)]
    day: Vec<toml::Spanned<RawDay>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawDay {
    /// A TOML date (`2025-12-25`) or the same as a string.
    date: toml::Spanned<toml::Value>,
    /// The holiday's name, e.g. "Hari Raya Natal".
    name: String,
    /// `libur` or `cuti-bersama`.
    kind: toml::Spanned<String>,
}

/// A day off listed in the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Holiday {
    pub date: Date,
    pub name: String,
    pub kind: DayKind,
}

/// A checked calendar.
#[derive(Debug, Clone)]
pub struct Calendar {
    pub path: String,
    pub sha256: String,
    pub title: String,
    pub source: Option<String>,
    pub years: Vec<i64>,
    /// ISO weekdays off (6, 7 by default).
    pub weekend: Vec<u32>,
    pub holidays: BTreeMap<Date, Holiday>,
}

/// Why a date of the period is not a working day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayOff {
    pub date: Date,
    pub kind: DayKind,
    /// The holiday's name, or the day's name for a weekend (`Sabtu`).
    pub name: String,
}

fn weekday_of(name: &str) -> Option<u32> {
    let n = name.trim().to_lowercase();
    let days = [
        ["senin", "monday"],
        ["selasa", "tuesday"],
        ["rabu", "wednesday"],
        ["kamis", "thursday"],
        ["jumat", "friday"],
        ["sabtu", "saturday"],
        ["minggu", "sunday"],
    ];
    days.iter()
        .position(|d| {
            d.contains(&n.as_str())
                || (n == "jum'at" && d[0] == "jumat")
                || (n == "ahad" && d[0] == "minggu")
        })
        .map(|i| i as u32 + 1)
}

/// `file:line:column` of a byte offset.
fn place(path: &str, text: &str, offset: usize) -> String {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("{path}:{line}:{col}")
}

impl Calendar {
    /// The calendar at `path`; the default path, when not in the current folder, is the
    /// calendar built into kesiapan (the same bytes).
    pub fn load(path: &std::path::Path) -> Result<Calendar> {
        let default = path == std::path::Path::new(DEFAULT_CALENDAR);
        if default && !path.exists() {
            return Calendar::parse(EMBEDDED_CALENDAR, DEFAULT_CALENDAR);
        }
        let text = crate::fsread::read_text(path, 16 << 20)
            .map_err(|e| anyhow::anyhow!("cannot read the calendar {}: {e}", path.display()))?;
        Calendar::parse(&text, &path.display().to_string())
    }

    /// Parse and check a calendar's text; every problem is listed before giving up.
    pub fn parse(text: &str, path: &str) -> Result<Calendar> {
        use sha2::Digest;
        let raw: RawCalendar = toml::from_str(text).map_err(|e| {
            let at = e
                .span()
                .map(|s| place(path, text, s.start))
                .unwrap_or_else(|| path.to_string());
            anyhow::anyhow!("{at}: the calendar does not parse: {}", e.message())
        })?;
        let mut problems = Vec::new();
        if raw.version != 1 {
            problems.push(format!(
                "{path}: version {} is not known (this kesiapan reads version 1)",
                raw.version
            ));
        }
        if raw.years.is_empty() {
            problems.push(format!(
                "{path}: `years` is empty: say which years the file lists in full"
            ));
        }
        let weekend = match &raw.weekend {
            None => vec![6, 7],
            Some(names) => {
                let mut w = Vec::new();
                for n in names {
                    match weekday_of(n) {
                        Some(d) => w.push(d),
                        None => problems.push(format!(
                            "{path}: weekend day `{n}` is not a day name (sabtu, minggu, …)"
                        )),
                    }
                }
                w.sort();
                w.dedup();
                w
            }
        };
        let mut holidays: BTreeMap<Date, Holiday> = BTreeMap::new();
        for d in &raw.day {
            let at = place(path, text, d.span().start);
            let day = d.get_ref();
            let date_at = place(path, text, day.date.span().start);
            let date = match day.date.get_ref() {
                toml::Value::Datetime(t) if t.time.is_none() && t.offset.is_none() => t
                    .date
                    .and_then(|x| Date::from_ymd(x.year as i64, x.month as u32, x.day as u32)),
                toml::Value::String(s) => Date::parse(s),
                _ => None,
            };
            let Some(date) = date else {
                problems.push(format!(
                    "{date_at}: `date` must be a date such as 2025-12-25"
                ));
                continue;
            };
            if !raw.years.contains(&date.ymd().0) {
                problems.push(format!(
                    "{date_at}: {date} is outside the years the file covers ({:?})",
                    raw.years
                ));
            }
            if day.name.trim().is_empty() {
                problems.push(format!("{at}: the day {date} has no name"));
            }
            let kind = match day.kind.get_ref().as_str() {
                "libur" => DayKind::Libur,
                "cuti-bersama" => DayKind::CutiBersama,
                other => {
                    problems.push(format!(
                        "{}: kind `{other}` is not `libur` or `cuti-bersama`",
                        place(path, text, day.kind.span().start)
                    ));
                    continue;
                }
            };
            if let Some(first) = holidays.get(&date) {
                problems.push(format!(
                    "{date_at}: {date} is listed twice (also as `{}`)",
                    first.name
                ));
                continue;
            }
            holidays.insert(
                date,
                Holiday {
                    date,
                    name: day.name.trim().to_string(),
                    kind,
                },
            );
        }
        if !problems.is_empty() {
            bail!(
                "the calendar {path} has {} problem(s):\n  {}",
                problems.len(),
                problems.join("\n  ")
            );
        }
        let mut years = raw.years.clone();
        years.sort();
        years.dedup();
        Ok(Calendar {
            path: path.to_string(),
            sha256: crate::rubric::hex(&sha2::Sha256::digest(text.as_bytes())),
            title: raw.title,
            source: raw.source,
            years,
            weekend,
            holidays,
        })
    }

    /// `None` for a working day, else why it is off (a holiday on a weekend is the holiday).
    pub fn off(&self, date: Date, lang: crate::rubric::Lang) -> Option<DayOff> {
        if let Some(h) = self.holidays.get(&date) {
            return Some(DayOff {
                date,
                kind: h.kind,
                name: h.name.clone(),
            });
        }
        self.weekend.contains(&date.weekday()).then(|| DayOff {
            date,
            kind: DayKind::Weekend,
            name: date.day_name(lang).to_string(),
        })
    }

    /// Whether the file lists the holidays of `date`'s year.
    pub fn covers(&self, date: Date) -> bool {
        self.years.contains(&date.ymd().0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::Lang;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn the_shipped_calendar_parses_and_names_the_year_end() {
        let c = Calendar::parse(EMBEDDED_CALENDAR, DEFAULT_CALENDAR).unwrap();
        assert_eq!(c.years, [2025, 2026]);
        assert_eq!(c.weekend, [6, 7]);
        let natal = c.off(d("2025-12-25"), Lang::Id).unwrap();
        assert_eq!(
            (natal.kind, natal.name.as_str()),
            (DayKind::Libur, "Hari Raya Natal")
        );
        assert_eq!(
            c.off(d("2025-12-26"), Lang::Id).unwrap().kind,
            DayKind::CutiBersama
        );
        assert_eq!(c.off(d("2025-12-27"), Lang::Id).unwrap().name, "Sabtu");
        // The circular's window: Monday to Wednesday, all working days.
        for w in ["2025-12-29", "2025-12-30", "2025-12-31"] {
            assert_eq!(c.off(d(w), Lang::Id), None, "{w}");
        }
        assert_eq!(
            c.off(d("2026-01-01"), Lang::Id).unwrap().kind,
            DayKind::Libur
        );
        assert!(c.covers(d("2026-06-01")) && !c.covers(d("2027-01-04")));
        // Every listed day is in a covered year and named.
        assert!(
            c.holidays
                .values()
                .all(|h| c.covers(h.date) && !h.name.is_empty())
        );
    }

    #[test]
    fn every_problem_is_listed_with_its_place() {
        let text = "version = 1\ntitle = \"t\"\nyears = [2025]\nweekend = [\"sabtu\", \"caturday\"]\n\
[[day]]\ndate = 2025-12-25\nname = \"Natal\"\nkind = \"libur\"\n\
[[day]]\ndate = 2025-12-25\nname = \"Natal lagi\"\nkind = \"libur\"\n\
[[day]]\ndate = 2025-02-30\nname = \"x\"\nkind = \"libur\"\n";
        // 2025-02-30 is not even TOML: the parser says where.
        let e = Calendar::parse(text, "c.toml").unwrap_err().to_string();
        assert!(e.starts_with("c.toml:"), "{e}");
        let text = text.replace("2025-02-30", "\"2025-02-30\"");
        let e = Calendar::parse(&text, "c.toml").unwrap_err().to_string();
        assert!(e.contains("3 problem(s)"), "{e}");
        assert!(e.contains("weekend day `caturday`"), "{e}");
        assert!(e.contains("c.toml:10:8: 2025-12-25 is listed twice"), "{e}");
        assert!(e.contains("c.toml:14:8: `date` must be a date"), "{e}");
        let e = Calendar::parse("version = 1\ntitle = \"t\"\nyears = [2025]\n[[day]]\ndate = 2026-01-01\nname = \"a\"\nkind = \"cuti\"\n", "c.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("c.toml:7:8: kind `cuti`"), "{e}");
        assert!(
            e.contains("c.toml:5:8: 2026-01-01 is outside the years"),
            "{e}"
        );
        let e = Calendar::parse(
            "version = 1\ntitle = \"t\"\nyears = [2025]\nholiday = 3\n",
            "c.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("unknown field `holiday`"), "{e}");
    }

    #[test]
    fn a_weekend_of_the_files_choosing() {
        let c = Calendar::parse(
            "version = 1\ntitle = \"t\"\nyears = [2025]\nweekend = [\"Jumat\", \"sunday\"]\n",
            "c.toml",
        )
        .unwrap();
        assert_eq!(c.weekend, [5, 7]);
        assert_eq!(c.off(d("2025-12-26"), Lang::En).unwrap().name, "Friday");
        assert_eq!(c.off(d("2025-12-27"), Lang::En), None);
    }
}
