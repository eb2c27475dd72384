//! The terminal summary of `kesiapan jadwal`, in the run's language through the message
//! catalogue: the window, the days left out and why, the rule, province totals per day, the
//! units that stay fully open with their reasons. Rendered from the plan alone: no roster.

use super::calendar::DayKind;
use super::{Jadwal, Status};
use crate::msg;
use crate::rubric::Lang;
use std::fmt::Write as _;

pub fn render(j: &Jadwal, lang: Lang) -> String {
    let group = |n: i64| crate::format::number(n as f64, 0, lang);
    let mut s = String::new();
    let period = if j.period.first == j.period.last {
        j.period.first.long(lang)
    } else {
        format!(
            "{} – {}",
            j.period.first.long(lang),
            j.period.last.long(lang)
        )
    };
    let _ = writeln!(
        s,
        "{}",
        msg!(
            "jadwal-title",
            province = &j.province.label,
            period = period
        )
        .get(lang)
    );
    let dates: Vec<String> = j
        .period
        .working
        .iter()
        .map(|w| w.date.to_string())
        .collect();
    let _ = writeln!(
        s,
        "{}",
        msg!("jadwal-workdays", n = dates.len(), dates = dates.join(", ")).get(lang)
    );
    for off in &j.period.days_off {
        let kind = match off.kind {
            DayKind::Libur => msg!("jadwal-kind-libur"),
            DayKind::CutiBersama => msg!("jadwal-kind-cuti-bersama"),
            DayKind::Weekend => msg!("jadwal-kind-weekend"),
        };
        let what = match off.kind {
            DayKind::Weekend => kind.get(lang).to_string(),
            _ => format!("{} ({})", off.name, kind.get(lang)),
        };
        let _ = writeln!(
            s,
            "{}",
            msg!("jadwal-day-off", date = off.date.long(lang), what = what).get(lang)
        );
    }
    if !j.period.uncovered.is_empty() {
        let d: Vec<String> = j.period.uncovered.iter().map(|d| d.to_string()).collect();
        let _ = writeln!(
            s,
            "{}",
            msg!(
                "jadwal-uncovered",
                calendar = &j.calendar.path,
                dates = d.join(", ")
            )
            .get(lang)
        );
    }
    let mut caps: Vec<i64> = j.units.iter().filter_map(|u| u.max_days_per_week).collect();
    caps.sort();
    caps.dedup();
    let rule = match caps.as_slice() {
        [] => msg!("jadwal-rule-no-cap"),
        c => msg!(
            "jadwal-rule",
            cap = c
                .iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join("/")
        ),
    };
    let _ = writeln!(s, "{}\n", rule.get(lang));

    let heads = [
        msg!("jadwal-col-date"),
        msg!("jadwal-col-units"),
        msg!("jadwal-col-away"),
        msg!("jadwal-col-on-site"),
        msg!("jadwal-col-allowed"),
    ];
    let heads: Vec<&str> = heads.iter().map(|m| m.get(lang)).collect();
    let rows: Vec<[String; 5]> = j
        .province
        .days
        .iter()
        .map(|d| {
            [
                d.date.to_string(),
                d.units_away.to_string(),
                group(d.away),
                group(d.on_site),
                group(d.allowed_at_once),
            ]
        })
        .collect();
    let width = |c: usize| {
        rows.iter()
            .map(|r| r[c].chars().count())
            .chain([heads[c].chars().count()])
            .max()
            .unwrap_or(0)
    };
    let w: Vec<usize> = (0..5).map(width).collect();
    let _ = writeln!(
        s,
        "{:<w0$}  {:>w1$}  {:>w2$}  {:>w3$}  {:>w4$}",
        heads[0],
        heads[1],
        heads[2],
        heads[3],
        heads[4],
        w0 = w[0],
        w1 = w[1],
        w2 = w[2],
        w3 = w[3],
        w4 = w[4]
    );
    for r in &rows {
        let _ = writeln!(
            s,
            "{:<w0$}  {:>w1$}  {:>w2$}  {:>w3$}  {:>w4$}",
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            w0 = w[0],
            w1 = w[1],
            w2 = w[2],
            w3 = w[3],
            w4 = w[4]
        );
    }
    let p = &j.province;
    let _ = writeln!(
        s,
        "{}",
        msg!(
            "jadwal-totals",
            units = p.units,
            rota = p.units_rota,
            open = p.units_open,
            hidden = p.units_hidden,
            person_days = group(p.person_days_away)
        )
        .get(lang)
    );
    let name = |u: &super::UnitPlan| match &u.name {
        Some(n) => format!(
            "{} {}",
            u.id,
            crate::text::cap(n, crate::text::NAME_LIMIT, lang)
        ),
        None => u.id.clone(),
    };
    let open: Vec<&super::UnitPlan> = j
        .units
        .iter()
        .filter(|u| u.status == Status::Open)
        .collect();
    if !open.is_empty() {
        let _ = writeln!(s, "\n{}", msg!("jadwal-open", n = open.len()).get(lang));
        for u in &open {
            let reasons: Vec<String> = u
                .reasons
                .iter()
                .map(|r| super::workbook::reason_words(*r, u, lang))
                .collect();
            let _ = writeln!(
                s,
                "  {} — {}: {}",
                name(u),
                u.verdict_label,
                reasons.join("; ")
            );
        }
    }
    let front: Vec<String> = j
        .units
        .iter()
        .filter(|u| u.front_line && u.status == Status::Rota)
        .map(|u| u.id.clone())
        .collect();
    if !front.is_empty() {
        let _ = writeln!(
            s,
            "\n{}",
            msg!(
                "jadwal-front-line",
                n = front.len(),
                units = front.join(", ")
            )
            .get(lang)
        );
    }
    let hidden: Vec<String> = j
        .units
        .iter()
        .filter(|u| u.status == Status::Hidden)
        .map(|u| u.id.clone())
        .collect();
    if !hidden.is_empty() {
        let _ = writeln!(
            s,
            "\n{}",
            msg!("jadwal-hidden", n = hidden.len(), units = hidden.join(", ")).get(lang)
        );
    }
    let binds = j.units.iter().filter(|u| u.cap_binds).count();
    if binds > 0 {
        let _ = writeln!(s, "{}", msg!("jadwal-cap-binds", n = binds).get(lang));
    }
    s
}
