//! `kesiapan jadwal`: the day-by-day plan of a WFA window (issue 14, part 1). From an
//! assessment (each unit's verdict and WFA form: staff, eligible staff, allowed at once, the
//! minimum on site, the weekly cap of days, the eligible jobs) and a holiday calendar, it plans
//! for every working date of the window how many of each unit may be away and how many stay,
//! and names the units that stay fully open. The plan (`Jadwal`, `jadwal.json`) is the contract
//! with the renderers (`workbook`, `terminal`), which compute nothing.
//!
//! An optional staff roster (`roster`, personal data) gives a proposal of who is away on which
//! day, within the plan's counts; it is never part of the `Jadwal`, so it cannot reach a
//! province-level output.

pub mod calendar;
pub use crate::date;
pub mod log;
pub mod roster;
pub mod rota;
pub mod terminal;
pub mod workbook;

use crate::assessment::Assessment;
use crate::rubric::Lang;
use anyhow::{Result, bail};
use calendar::{Calendar, DayOff};
use date::Date;
use serde::Serialize;

/// Version of the `jadwal.json` format.
pub const SCHEMA_VERSION: &str = "1.0";

/// The most dates a window may have (a year and a day): the plan is per day.
pub const MAX_DATES: usize = 366;

/// The gate of the shipped rubric that marks a front-line unit.
pub const FRONT_LINE_GATE: &str = "layanan_garis_depan";

/// The plan of a WFA window: what `jadwal.json` holds. No personal data.
#[derive(Debug, Clone, Serialize)]
pub struct Jadwal {
    pub schema_version: String,
    pub tool: crate::assessment::Tool,
    /// RFC 3339 time of the run (`--now`).
    pub generated_at: String,
    pub lang: Lang,
    pub assessment: AssessmentRef,
    pub calendar: CalendarRef,
    pub period: Period,
    /// The gate whose failure marks a unit as running front-line services.
    pub front_line_gate: String,
    pub units: Vec<UnitPlan>,
    pub province: Province,
}

#[derive(Debug, Clone, Serialize)]
pub struct AssessmentRef {
    /// The `assessment.json` read, or null when the data was assessed in this run.
    pub path: Option<String>,
    pub sha256: Option<String>,
    pub generated_at: String,
    pub rubric_id: String,
    pub rubric_version: String,
    pub rubric_sha256: String,
    pub unit_label: String,
    pub min_group_size: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CalendarRef {
    pub path: String,
    pub sha256: String,
    pub title: String,
    pub source: Option<String>,
    pub years: Vec<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Period {
    pub first: Date,
    pub last: Date,
    /// Every date asked for (`--period` range and `--period-list`), sorted, once each.
    pub requested: Vec<Date>,
    /// The working days planned.
    pub working: Vec<WorkDay>,
    /// The dates left out, with why: weekend, `libur`, `cuti-bersama` and the name.
    pub days_off: Vec<DayOff>,
    /// Working dates in a year the calendar does not list: their holidays are unknown.
    pub uncovered: Vec<Date>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WorkDay {
    pub date: Date,
    /// `2026-W01`: the cap of days counts per ISO week.
    pub iso_week: String,
}

/// What a unit does in the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Some staff may be away on some days.
    Rota,
    /// Everyone works at the office every day: the unit stays fully open.
    Open,
    /// The unit's figures are hidden in the assessment (a small group): not planned here.
    Hidden,
}

/// Why a unit stays fully open (or is not planned).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// Its verdict lets nobody be away (share 0: *Belum Layak*).
    Verdict,
    /// No staff in jobs that can be done away.
    NoEligible,
    /// The minimum on site is the whole staff.
    MinOnSite,
    /// The verdict's share of its staff is under one person.
    ShareUnderOne,
    /// The assessment has no staff figures for it.
    NoData,
    /// The figures are hidden for privacy (a group under the minimum size).
    Hidden,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitPlan {
    pub id: String,
    pub name: Option<String>,
    pub verdict: String,
    pub verdict_label: String,
    pub status: Status,
    pub reasons: Vec<Reason>,
    /// It runs front-line public services (its front-line gate failed): those stay open.
    pub front_line: bool,
    pub staff_total: Option<i64>,
    pub staff_eligible: Option<i64>,
    pub min_on_site: Option<i64>,
    pub max_share_away: f64,
    pub allowed_at_once: Option<i64>,
    pub max_days_per_week: Option<i64>,
    /// The eligible jobs' names, as the assessment lists them.
    pub eligible_jobs: Vec<String>,
    /// The groups the day grid is split into: one per eligible job with a shown holder count,
    /// then one (`name` empty) for the jobs whose count is hidden (`pooled_jobs`), or for all
    /// eligible staff when the assessment lists no job.
    pub groups: Vec<Group>,
    /// The eligible jobs whose holder count the assessment hides (a small group).
    pub pooled_jobs: Vec<String>,
    pub days: Vec<UnitDay>,
    pub person_days_away: i64,
    /// On some day fewer than `allowed_at_once` may be away because of the weekly cap.
    pub cap_binds: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// The job; empty for the pooled group.
    pub name: String,
    /// Holders of the job (null for the pooled group).
    pub holders: Option<i64>,
    /// Of them, eligible for WFA (the unit's eligible staff shared out by holders).
    pub eligible: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitDay {
    pub date: Date,
    /// At most this many away (never more than allowed at once).
    pub away: i64,
    /// Staff on site: staff total − away (never below the minimum).
    pub on_site: Option<i64>,
    /// Away per group, in `groups` order.
    pub groups_away: Vec<i64>,
    /// Staying per group: holders − away (null when pooled).
    pub groups_on_site: Vec<Option<i64>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Province {
    pub label: String,
    pub units: usize,
    pub units_rota: usize,
    pub units_open: usize,
    pub units_hidden: usize,
    pub units_front_line: usize,
    /// Staff of the units planned (rota and open; hidden units left out).
    pub staff_total: i64,
    pub person_days_away: i64,
    pub days: Vec<ProvinceDay>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProvinceDay {
    pub date: Date,
    pub units_away: usize,
    pub away: i64,
    pub on_site: i64,
    /// The sum of the planned units' allowed at once: the most the day could have.
    pub allowed_at_once: i64,
}

/// The window's dates: `--period A..B` (or one date) and `--period-list a,b,…`, sorted, once.
pub fn requested_dates(range: Option<&str>, list: &[String]) -> Result<Vec<Date>> {
    let bad = |s: &str| anyhow::anyhow!("`{s}` is not a date YYYY-MM-DD (e.g. 2025-12-29)");
    let mut dates = Vec::new();
    if let Some(r) = range {
        let (a, b) = match r.split_once("..") {
            Some((a, b)) => (a, b),
            None => (r, r),
        };
        let (a, b) = (
            Date::parse(a).ok_or_else(|| bad(a))?,
            Date::parse(b).ok_or_else(|| bad(b))?,
        );
        if b < a {
            bail!("--period {r}: the end is before the start");
        }
        if (b.days() - a.days()) as usize >= MAX_DATES {
            bail!("--period {r}: more than {MAX_DATES} days; plan a shorter window");
        }
        dates.extend((0..=b.days() - a.days()).map(|i| a.add_days(i)));
    }
    for s in list.iter().flat_map(|s| s.split(',')) {
        let s = s.trim();
        if !s.is_empty() {
            dates.push(Date::parse(s).ok_or_else(|| bad(s))?);
        }
    }
    dates.sort();
    dates.dedup();
    if dates.is_empty() {
        bail!(
            "no date given: --period 2025-12-29..2025-12-31 or --period-list 2025-12-29,2025-12-31"
        );
    }
    if dates.len() > MAX_DATES {
        bail!("more than {MAX_DATES} dates; plan a shorter window");
    }
    Ok(dates)
}

/// The working days' weeks, as labels the rota groups by (the cap counts per ISO week).
pub fn week_of_day(working: &[WorkDay]) -> Vec<usize> {
    working
        .iter()
        .map(|w| {
            let (y, n) = w.date.iso_week();
            (y * 100 + n as i64) as usize
        })
        .collect()
}

/// The plan of `dates` for every unit of the assessment.
pub fn build(
    a: &Assessment,
    assessment: AssessmentRef,
    cal: &Calendar,
    dates: &[Date],
    front_line_gate: &str,
) -> Result<Jadwal> {
    let lang = a.lang;
    let mut working = Vec::new();
    let mut days_off = Vec::new();
    for &d in dates {
        match cal.off(d, lang) {
            Some(off) => days_off.push(off),
            None => working.push(WorkDay {
                date: d,
                iso_week: d.iso_week_label(),
            }),
        }
    }
    if working.is_empty() {
        bail!(
            "no working day in the window: {}",
            days_off
                .iter()
                .map(|o| format!("{} ({})", o.date, o.name))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let uncovered = working
        .iter()
        .map(|w| w.date)
        .filter(|d| !cal.covers(*d))
        .collect();
    let week_of_day = week_of_day(&working);
    let units: Vec<UnitPlan> = a
        .units
        .iter()
        .map(|u| unit_plan(u, &working, &week_of_day, front_line_gate))
        .collect();
    let province = province(&a.summary.label, &units, &working);
    Ok(Jadwal {
        schema_version: SCHEMA_VERSION.into(),
        tool: crate::assessment::Tool {
            name: env!("CARGO_PKG_NAME").into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        generated_at: String::new(),
        lang,
        assessment,
        calendar: CalendarRef {
            path: cal.path.clone(),
            sha256: cal.sha256.clone(),
            title: cal.title.clone(),
            source: cal.source.clone(),
            years: cal.years.clone(),
        },
        period: Period {
            first: dates[0],
            last: *dates.last().unwrap_or(&dates[0]),
            requested: dates.to_vec(),
            working,
            days_off,
            uncovered,
        },
        front_line_gate: front_line_gate.to_string(),
        units,
        province,
    })
}

fn unit_plan(
    u: &crate::assessment::Unit,
    working: &[WorkDay],
    week_of_day: &[usize],
    front_line_gate: &str,
) -> UnitPlan {
    let w = &u.wfa;
    let front_line = u
        .gates_failed
        .iter()
        .any(|g| g.id == front_line_gate && !g.missing_data);
    let eligible_jobs: Vec<String> = w.eligible_jobs.iter().map(|j| j.name.clone()).collect();
    let mut plan = UnitPlan {
        id: u.id.clone(),
        name: u.name.clone(),
        verdict: u.verdict.clone(),
        verdict_label: u.verdict_label.clone(),
        status: Status::Open,
        reasons: Vec::new(),
        front_line,
        staff_total: w.staff_total,
        staff_eligible: w.staff_eligible,
        min_on_site: w.min_on_site,
        max_share_away: w.max_share_away,
        allowed_at_once: w.staff_allowed_at_once,
        max_days_per_week: w.max_days_per_week,
        eligible_jobs,
        groups: Vec::new(),
        pooled_jobs: Vec::new(),
        days: Vec::new(),
        person_days_away: 0,
        cap_binds: false,
    };
    let open_days = |staff: Option<i64>| -> Vec<UnitDay> {
        working
            .iter()
            .map(|d| UnitDay {
                date: d.date,
                away: 0,
                on_site: staff,
                groups_away: Vec::new(),
                groups_on_site: Vec::new(),
            })
            .collect()
    };
    let allowed = match (w.staff_allowed_at_once, w.staff_allowed_suppressed) {
        (Some(x), _) => x.max(0),
        (None, Some(_)) => {
            plan.status = Status::Hidden;
            plan.reasons.push(Reason::Hidden);
            return plan;
        }
        (None, None) => 0,
    };
    if allowed == 0 {
        // Why nobody may be away, every reason that holds.
        let staff = w.staff_total.unwrap_or(0);
        if w.staff_total.is_none() {
            plan.reasons.push(Reason::NoData);
        }
        if w.max_share_away <= 0.0 {
            plan.reasons.push(Reason::Verdict);
        } else if staff > 0 && (w.max_share_away * staff as f64 + 1e-9).floor() < 1.0 {
            plan.reasons.push(Reason::ShareUnderOne);
        }
        if w.staff_eligible == Some(0) {
            plan.reasons.push(Reason::NoEligible);
        }
        if w.staff_total.is_some() && w.min_on_site.is_some_and(|m| m >= staff) {
            plan.reasons.push(Reason::MinOnSite);
        }
        if plan.reasons.is_empty() {
            plan.reasons.push(Reason::NoEligible);
        }
        plan.days = open_days(w.staff_total);
        return plan;
    }
    plan.status = Status::Rota;
    let eligible = w.staff_eligible.unwrap_or(allowed).max(allowed) as usize;
    let cap = w.max_days_per_week.map(|c| c.max(0) as usize);
    // The groups: eligible staff shared out over the jobs by their holders. Jobs whose
    // holder count is hidden (a small group) form one group together, weighted as the fewest
    // holders the shown figures allow: one each, and at least the eligible staff the shown
    // jobs cannot hold.
    let known: Vec<(&crate::assessment::EligibleJob, usize)> = w
        .eligible_jobs
        .iter()
        .filter_map(|j| j.holders.map(|h| (j, h.max(0) as usize)))
        .collect();
    plan.pooled_jobs = w
        .eligible_jobs
        .iter()
        .filter(|j| j.holders.is_none())
        .map(|j| j.name.clone())
        .collect();
    let known_sum: usize = known.iter().map(|k| k.1).sum();
    let pool = if plan.pooled_jobs.is_empty() && known_sum >= eligible {
        0
    } else {
        eligible
            .saturating_sub(known_sum)
            .max(plan.pooled_jobs.len())
    };
    let mut weights: Vec<usize> = known.iter().map(|k| k.1).collect();
    if pool > 0 {
        weights.push(pool);
    }
    let shares = rota::apportion(eligible, &weights);
    let mut groups: Vec<Group> = known
        .iter()
        .zip(&shares)
        .map(|((j, h), &e)| Group {
            name: j.name.clone(),
            holders: Some(*h as i64),
            eligible: e as i64,
        })
        .collect();
    if pool > 0 {
        groups.push(Group {
            name: String::new(),
            holders: None,
            eligible: shares[known.len()] as i64,
        });
    }
    let people: Vec<usize> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, gr)| std::iter::repeat_n(g, gr.eligible as usize))
        .collect();
    let targets = rota::daily_targets(eligible, allowed as usize, cap, week_of_day);
    let chosen = rota::assign(&people, &targets, week_of_day, cap);
    plan.days = working
        .iter()
        .zip(&chosen)
        .map(|(d, away)| {
            let mut per = vec![0i64; groups.len()];
            for &p in away {
                per[people[p]] += 1;
            }
            UnitDay {
                date: d.date,
                away: away.len() as i64,
                on_site: w.staff_total.map(|t| t - away.len() as i64),
                groups_on_site: groups
                    .iter()
                    .zip(&per)
                    .map(|(g, a)| g.holders.map(|h| h - a))
                    .collect(),
                groups_away: per,
            }
        })
        .collect();
    plan.person_days_away = plan.days.iter().map(|d| d.away).sum();
    plan.cap_binds = plan.days.iter().any(|d| d.away < allowed);
    plan.groups = groups;
    plan
}

fn province(label: &str, units: &[UnitPlan], working: &[WorkDay]) -> Province {
    let planned = || units.iter().filter(|u| u.status != Status::Hidden);
    let days = working
        .iter()
        .enumerate()
        .map(|(i, w)| ProvinceDay {
            date: w.date,
            units_away: planned()
                .filter(|u| u.days.get(i).is_some_and(|d| d.away > 0))
                .count(),
            away: planned().map(|u| u.days.get(i).map_or(0, |d| d.away)).sum(),
            on_site: planned()
                .map(|u| u.days.get(i).and_then(|d| d.on_site).unwrap_or(0))
                .sum(),
            allowed_at_once: planned().map(|u| u.allowed_at_once.unwrap_or(0)).sum(),
        })
        .collect();
    let count = |s: Status| units.iter().filter(|u| u.status == s).count();
    Province {
        label: label.to_string(),
        units: units.len(),
        units_rota: count(Status::Rota),
        units_open: count(Status::Open),
        units_hidden: count(Status::Hidden),
        units_front_line: units.iter().filter(|u| u.front_line).count(),
        staff_total: planned().map(|u| u.staff_total.unwrap_or(0)).sum(),
        person_days_away: planned().map(|u| u.person_days_away).sum(),
        days,
    }
}

/// `jadwal.json`: the plan, pretty-printed, with a final newline.
pub fn json(j: &Jadwal) -> Result<String> {
    let mut s = serde_json::to_string_pretty(j)?;
    s.push('\n');
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Assessment {
        let mut v: serde_json::Value = serde_json::from_str(include_str!(
            "../../tests/snapshots/tiny-assessment.id.json"
        ))
        .unwrap();
        // Dinas A: 20 eligible of 100 in two jobs (30 and 45 holders), 20 at once.
        v["units"][0]["wfa"]["staff_eligible"] = 20.into();
        v["units"][0]["wfa"]["eligible_jobs"] = serde_json::json!([
            {"name": "Analis", "holders": 30},
            {"name": "Pengelola", "holders": 45}
        ]);
        serde_json::from_value(v).unwrap()
    }

    fn aref() -> AssessmentRef {
        AssessmentRef {
            path: None,
            sha256: None,
            generated_at: String::new(),
            rubric_id: "tiny".into(),
            rubric_version: "1".into(),
            rubric_sha256: String::new(),
            unit_label: "OPD".into(),
            min_group_size: 5,
        }
    }

    #[test]
    fn the_window_of_the_dates_asked() {
        let d = |s| Date::parse(s).unwrap();
        let got = requested_dates(
            Some("2025-12-30..2026-01-01"),
            &["2025-12-29, 2025-12-31".into()],
        )
        .unwrap();
        assert_eq!(
            got,
            [
                d("2025-12-29"),
                d("2025-12-30"),
                d("2025-12-31"),
                d("2026-01-01")
            ]
        );
        assert_eq!(
            requested_dates(Some("2025-12-29"), &[]).unwrap(),
            [d("2025-12-29")]
        );
        for (range, words) in [
            ("2025-12-31..2025-12-29", "before the start"),
            ("2025-12-29..2027-01-01", "more than 366"),
            ("29-12-2025", "not a date"),
        ] {
            let e = requested_dates(Some(range), &[]).unwrap_err().to_string();
            assert!(e.contains(words), "{range}: {e}");
        }
        assert!(requested_dates(None, &[]).is_err());
    }

    /// Dinas A by hand: 20 eligible, 20 at once, cap 2; the window Mon 29 Dec 2025 – Fri 2 Jan
    /// 2026 is one ISO week (2026-W01) with 1 Jan a holiday: 4 working days, 40 person-days
    /// (20 × 2, under 20 × 4), 10 a day, 90 on site. Jobs: 20 shared over 30 and 45 holders =
    /// 8 and 12; each day 4 and 6 of them (the interleave), so 26 and 39 stay.
    #[test]
    fn a_hand_worked_unit() {
        let a = tiny();
        let cal = Calendar::parse(calendar::EMBEDDED_CALENDAR, "hari-libur.toml").unwrap();
        let dates = requested_dates(Some("2025-12-29..2026-01-02"), &[]).unwrap();
        let j = build(&a, aref(), &cal, &dates, "front_line").unwrap();
        assert_eq!(j.period.working.len(), 4);
        assert_eq!(j.period.days_off.len(), 1);
        assert_eq!(j.period.days_off[0].name, "Tahun Baru 2026 Masehi");
        assert!(j.period.working.iter().all(|w| w.iso_week == "2026-W01"));
        let u = &j.units[0];
        assert_eq!(u.status, Status::Rota);
        assert!(!u.front_line);
        assert!(
            u.cap_binds,
            "the cap keeps the days at 10, under 20 at once"
        );
        let eligible: Vec<i64> = u.groups.iter().map(|g| g.eligible).collect();
        assert_eq!(eligible, [8, 12]);
        for d in &u.days {
            assert_eq!((d.away, d.on_site), (10, Some(90)));
            assert_eq!(d.groups_away, [4, 6]);
            assert_eq!(d.groups_on_site, [Some(26), Some(39)]);
        }
        assert_eq!(u.person_days_away, 40);
        // Dinas B: Belum Layak, fully open, with its reason; Dinas C front-line, 2 a day.
        let b = &j.units[1];
        assert_eq!(
            (b.status, b.reasons.as_slice()),
            (Status::Open, &[Reason::Verdict][..])
        );
        assert!(b.days.iter().all(|d| d.away == 0 && d.on_site == Some(50)));
        let c = &j.units[2];
        assert!(c.front_line && c.status == Status::Rota);
        assert!(c.days.iter().all(|d| d.away == 2 && d.on_site == Some(18)));
        // The province per day: 10 + 0 + 2 away, 90 + 50 + 18 on site.
        for p in &j.province.days {
            assert_eq!(
                (p.units_away, p.away, p.on_site, p.allowed_at_once),
                (2, 12, 158, 22)
            );
        }
        assert_eq!(
            (
                j.province.units_rota,
                j.province.units_open,
                j.province.units_front_line
            ),
            (2, 1, 1)
        );
        // No working day at all: refused, naming the days.
        let e = build(
            &a,
            aref(),
            &cal,
            &requested_dates(Some("2025-12-25..2025-12-28"), &[]).unwrap(),
            "x",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("2025-12-25 (Hari Raya Natal)") && e.contains("2025-12-28 (Minggu)"),
            "{e}"
        );
    }

    #[test]
    fn a_hidden_figure_is_not_planned_and_a_hidden_job_pools() {
        let mut v: serde_json::Value = serde_json::from_str(include_str!(
            "../../tests/snapshots/tiny-assessment.id.json"
        ))
        .unwrap();
        v["units"][0]["wfa"]["staff_allowed_at_once"] = serde_json::Value::Null;
        v["units"][0]["wfa"]["staff_allowed_suppressed"] = "small-group".into();
        v["units"][2]["wfa"]["eligible_jobs"] = serde_json::json!([
            {"name": "Analis", "holders": null, "suppressed": "small-group"},
            {"name": "Pranata", "holders": 12}
        ]);
        let a: Assessment = serde_json::from_value(v).unwrap();
        let cal = Calendar::parse(calendar::EMBEDDED_CALENDAR, "hari-libur.toml").unwrap();
        let j = build(
            &a,
            aref(),
            &cal,
            &requested_dates(Some("2025-12-29..2025-12-31"), &[]).unwrap(),
            "x",
        )
        .unwrap();
        assert_eq!(j.units[0].status, Status::Hidden);
        assert!(j.units[0].days.is_empty());
        let c = &j.units[2];
        // 16 eligible: Pranata's 12 shown, the hidden Analis at least 16 − 12 = 4: 12 and 4.
        assert_eq!(c.pooled_jobs, ["Analis"]);
        let g: Vec<(&str, Option<i64>, i64)> = c
            .groups
            .iter()
            .map(|g| (g.name.as_str(), g.holders, g.eligible))
            .collect();
        assert_eq!(g, [("Pranata", Some(12), 12), ("", None, 4)]);
        assert!(c.days.iter().all(|d| d.groups_on_site[1].is_none()));
        assert!(
            c.days
                .iter()
                .all(|d| d.groups_away.iter().sum::<i64>() == d.away)
        );
        // The hidden unit is in no province figure.
        assert_eq!(j.province.staff_total, 70);
        assert_eq!(j.province.units_hidden, 1);
    }
}
