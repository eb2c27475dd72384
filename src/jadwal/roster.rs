//! The staff roster of `kesiapan jadwal --roster FILE` (PERSONAL DATA: NIP, names): who works in
//! which unit and job, and whether they are under a disciplinary sanction or newly placed
//! (PermenPANRB 4/2025 Pasal 25: neither may take location flexibility). From it, a proposal of
//! who is away on which day, within the unit's planned counts.
//!
//! What is read here goes only into that unit's own workbook. Nothing here prints, and no
//! error message quotes an NIP or a name (only row numbers and column names).

use super::{UnitPlan, rota};
use crate::input::cell::{self, Raw};
use anyhow::{Result, bail};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// One person of the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub unit: String,
    pub nip: String,
    pub name: String,
    pub job: String,
    /// `None` when the cell was blank or unreadable: not known, so not eligible.
    pub sanction: Option<bool>,
    pub new_placement: Option<bool>,
    /// The 1-based row in the file.
    pub row: u32,
}

/// Why a person of the roster may not be away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exclusion {
    /// Under (or being processed for) a disciplinary sanction.
    Sanction,
    /// Newly placed: recruitment, promotion, transfer, rotation.
    NewPlacement,
    /// Sanction or placement not stated: not known to be eligible.
    Unknown,
    /// The job is not one of the unit's eligible jobs.
    Job,
}

/// The headings read, by field (compared without case, spaces or punctuation).
const HEADINGS: [(&str, &[&str]); 6] = [
    (
        "Kode OPD",
        &["kodeopd", "kodeunit", "kodeperangkatdaerah", "opd", "kode"],
    ),
    ("NIP", &["nip", "nipbaru"]),
    ("Nama Pegawai", &["namapegawai", "nama", "namalengkap"]),
    ("Jenis Jabatan", &["jenisjabatan", "jabatan", "namajabatan"]),
    (
        "Hukuman Disiplin",
        &[
            "hukumandisiplin",
            "sanksidisiplin",
            "hukdis",
            "sedanghukumandisiplin",
        ],
    ),
    (
        "Baru Ditempatkan",
        &["baruditempatkan", "penempatanbaru", "pegawaibaru"],
    ),
];

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Read the roster (xlsx, xls, ods or csv): the first sheet with the headings in its first
/// ten rows. Every problem is listed before giving up; `units` are the assessment's unit ids.
pub fn read(path: &Path, units: &[&str]) -> Result<Vec<Person>> {
    let shown = path.display().to_string();
    let sheets =
        crate::input::read::read_file(path).map_err(|e| anyhow::anyhow!("--roster: {e}"))?;
    let mut found = None;
    'sheets: for sheet in &sheets {
        for (i, (_, cells)) in sheet.rows.iter().take(10).enumerate() {
            let heads: Vec<String> = cells.iter().map(|c| squash(&cell::text(c))).collect();
            let cols: Vec<Option<usize>> = HEADINGS
                .iter()
                .map(|(_, names)| names.iter().find_map(|n| heads.iter().position(|h| h == n)))
                .collect();
            // The unit, NIP and job columns make a header row.
            if cols[0].is_some() && cols[1].is_some() && cols[3].is_some() {
                found = Some((sheet, i, cols));
                break 'sheets;
            }
        }
    }
    let Some((sheet, header, cols)) = found else {
        bail!(
            "--roster {shown}: no header row with the columns {} in the first ten rows of any sheet",
            HEADINGS.iter().map(|h| h.0).collect::<Vec<_>>().join(", ")
        );
    };
    let missing: Vec<&str> = cols
        .iter()
        .zip(HEADINGS)
        .filter(|(c, _)| c.is_none())
        .map(|(_, h)| h.0)
        .collect();
    if !missing.is_empty() {
        bail!(
            "--roster {shown}: the column(s) {} are missing; the Pasal 25 check needs to know, for each person, any disciplinary sanction and any new placement",
            missing.join(", ")
        );
    }
    let col = |i: usize| cols[i].unwrap_or(0);
    let get = |cells: &[Raw], i: usize| cells.get(col(i)).cloned().unwrap_or(Raw::Empty);
    let mut people = Vec::new();
    let mut problems = Vec::new();
    let mut seen: HashMap<String, u32> = HashMap::new();
    for (row, cells) in sheet.rows.iter().skip(header + 1) {
        if cells.iter().all(Raw::is_blank) {
            continue;
        }
        let text = |i: usize| cell::text(&get(cells, i)).trim().to_string();
        let unit = text(0);
        let nip: String = text(1).chars().filter(|c| !c.is_whitespace()).collect();
        if unit.is_empty() || nip.is_empty() || text(3).is_empty() {
            problems.push(format!(
                "row {row}: Kode OPD, NIP and Jenis Jabatan are required"
            ));
            continue;
        }
        if cell::damaged_id(&get(cells, 1)).is_some() {
            problems.push(format!(
                "row {row}: the NIP is damaged (a number of 16 digits or more, which Excel cuts to 15): format the column as Text and type it again"
            ));
            continue;
        }
        if !units.contains(&unit.as_str()) {
            problems.push(format!(
                "row {row}: Kode OPD `{}` is not a unit of the assessment",
                crate::text::cap(&unit, 40, crate::rubric::Lang::En)
            ));
            continue;
        }
        if let Some(first) = seen.insert(nip.clone(), *row) {
            problems.push(format!("row {row}: the same NIP as row {first}"));
            continue;
        }
        let flag = |i: usize| {
            let raw = get(cells, i);
            if raw.is_blank() {
                None
            } else {
                cell::boolean(&raw)
            }
        };
        people.push(Person {
            unit,
            nip,
            name: text(2),
            job: text(3),
            sanction: flag(4),
            new_placement: flag(5),
            row: *row,
        });
    }
    if !problems.is_empty() {
        let n = problems.len();
        problems.truncate(20);
        bail!(
            "--roster {shown}: {n} problem(s):\n  {}",
            problems.join("\n  ")
        );
    }
    Ok(people)
}

/// The proposal for one unit.
#[derive(Debug, Clone)]
pub struct Proposal {
    /// Roster order; `away[i]` per working day of the plan.
    pub people: Vec<Proposed>,
    pub excluded: BTreeMap<Exclusion, usize>,
    /// Proposed away per day (at most the plan's).
    pub away: Vec<usize>,
    /// The roster has fewer eligible people than the plan counts on.
    pub short: bool,
}

#[derive(Debug, Clone)]
pub struct Proposed {
    pub person: Person,
    pub exclusion: Option<Exclusion>,
    pub away: Vec<bool>,
}

/// Who is away on which day: the eligible people of the roster (an eligible job, no sanction,
/// not newly placed) by the same rotation as the plan, never more a day than the plan says.
pub fn propose(plan: &UnitPlan, people: &[Person], week_of_day: &[usize]) -> Proposal {
    let jobs: Vec<String> = plan.eligible_jobs.iter().map(|j| squash(j)).collect();
    let exclusion = |p: &Person| -> Option<Exclusion> {
        match (p.sanction, p.new_placement) {
            (Some(true), _) => Some(Exclusion::Sanction),
            (_, Some(true)) => Some(Exclusion::NewPlacement),
            (None, _) | (_, None) => Some(Exclusion::Unknown),
            _ if !jobs.contains(&squash(&p.job)) => Some(Exclusion::Job),
            _ => None,
        }
    };
    let mut proposed: Vec<Proposed> = people
        .iter()
        .map(|p| Proposed {
            person: p.clone(),
            exclusion: exclusion(p),
            away: vec![false; week_of_day.len()],
        })
        .collect();
    let mut excluded = BTreeMap::new();
    for p in &proposed {
        if let Some(e) = p.exclusion {
            *excluded.entry(e).or_insert(0) += 1;
        }
    }
    let eligible: Vec<usize> = (0..proposed.len())
        .filter(|&i| proposed[i].exclusion.is_none())
        .collect();
    let groups: Vec<usize> = eligible
        .iter()
        .map(|&i| {
            jobs.iter()
                .position(|j| *j == squash(&proposed[i].person.job))
                .unwrap_or(0)
        })
        .collect();
    let allowed = plan.allowed_at_once.unwrap_or(0).max(0) as usize;
    let planned: Vec<usize> = plan.days.iter().map(|d| d.away.max(0) as usize).collect();
    let cap = plan.max_days_per_week.map(|c| c.max(0) as usize);
    let mut targets = if plan.status == super::Status::Rota {
        rota::daily_targets(eligible.len(), allowed, cap, week_of_day)
    } else {
        vec![0; week_of_day.len()]
    };
    // Never more than the plan (the same rule gives at most it; kept as a guard).
    for (t, p) in targets.iter_mut().zip(&planned) {
        *t = (*t).min(*p);
    }
    let chosen = rota::assign(&groups, &targets, week_of_day, cap);
    for (day, away) in chosen.iter().enumerate() {
        for &k in away {
            proposed[eligible[k]].away[day] = true;
        }
    }
    let away: Vec<usize> = chosen.iter().map(Vec::len).collect();
    Proposal {
        short: away.iter().zip(&planned).any(|(a, p)| a < p),
        people: proposed,
        excluded,
        away,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jadwal::date::Date;
    use crate::jadwal::{Status, UnitDay, UnitPlan};
    use proptest::prelude::*;

    fn plan(allowed: i64, cap: i64, away: &[i64]) -> UnitPlan {
        let d0 = Date::parse("2025-12-29").unwrap();
        UnitPlan {
            id: "OPD-X".into(),
            name: None,
            verdict: "layak".into(),
            verdict_label: "Layak".into(),
            status: Status::Rota,
            reasons: vec![],
            front_line: false,
            staff_total: Some(40),
            staff_eligible: Some(10),
            min_on_site: Some(10),
            max_share_away: 0.2,
            allowed_at_once: Some(allowed),
            max_days_per_week: Some(cap),
            eligible_jobs: vec!["Analis Kebijakan".into(), "Pranata Komputer".into()],
            groups: vec![],
            pooled_jobs: vec![],
            days: away
                .iter()
                .enumerate()
                .map(|(i, &a)| UnitDay {
                    date: d0.add_days(i as i64),
                    away: a,
                    on_site: Some(40 - a),
                    groups_away: vec![a],
                    groups_on_site: vec![None],
                })
                .collect(),
            person_days_away: away.iter().sum(),
            cap_binds: false,
        }
    }

    fn person(i: usize, job: &str, sanction: Option<bool>, new: Option<bool>) -> Person {
        Person {
            unit: "OPD-X".into(),
            nip: format!("19870101201501{:04}", i + 1),
            name: format!("P{i}"),
            job: job.into(),
            sanction,
            new_placement: new,
            row: i as u32 + 2,
        }
    }

    /// By hand: 2 at once, cap 2, three days of one week. Of eight people one is under
    /// sanction, one newly placed, one has no placement stated, one is a driver: four eligible
    /// (jobs matched without case or spaces), T = min(2 × 3, 4 × 2) = 6, two a day.
    #[test]
    fn a_proposal_by_hand() {
        let p = plan(2, 2, &[2, 2, 2]);
        let no = Some(false);
        let people = vec![
            person(0, "Analis Kebijakan", Some(true), no),
            person(1, "Analis Kebijakan", no, Some(true)),
            person(2, "Pranata Komputer", no, None),
            person(3, "Pengemudi", no, no),
            person(4, "analis  kebijakan", no, no),
            person(5, "Pranata Komputer", no, no),
            person(6, "ANALIS KEBIJAKAN", no, no),
            person(7, "Pranata-Komputer", no, no),
        ];
        let r = propose(&p, &people, &[0, 0, 0]);
        assert_eq!(r.away, [2, 2, 2]);
        assert!(!r.short);
        let excluded: Vec<(Exclusion, usize)> = r.excluded.iter().map(|(k, v)| (*k, *v)).collect();
        assert_eq!(
            excluded,
            [
                (Exclusion::Sanction, 1),
                (Exclusion::NewPlacement, 1),
                (Exclusion::Unknown, 1),
                (Exclusion::Job, 1)
            ]
        );
        for (i, x) in r.people.iter().enumerate() {
            let days = x.away.iter().filter(|a| **a).count();
            if i < 4 {
                assert_eq!(days, 0, "person {i} is not eligible");
            } else {
                // 6 person-days over 4 people: 2, 2, 1, 1, never over the cap.
                assert!((1..=2).contains(&days), "person {i}: {days}");
            }
        }
        // Fewer eligible than the plan counts on: said, and never more than the plan.
        let r = propose(&plan(4, 2, &[4, 4, 4]), &people, &[0, 0, 0]);
        assert!(r.short);
        assert_eq!(r.away, [3, 3, 2]);
    }

    proptest! {
        /// In every proposal: nobody excluded is away, nobody over the cap in a week, no day
        /// over the plan's count or the most at once.
        #[test]
        fn every_proposal_keeps_the_rules(
            flags in proptest::collection::vec((0u8..4, 0u8..3, 0u8..3), 0..40),
            allowed in 0i64..8,
            cap in 1i64..4,
            weeks in proptest::collection::vec(0usize..2, 1..7),
        ) {
            let mut weeks = weeks;
            weeks.sort();
            let eligible_in_roster = flags.iter().filter(|f| f.0 < 2 && f.1 == 0 && f.2 == 0).count();
            let targets = rota::daily_targets(eligible_in_roster + 3, allowed as usize, Some(cap as usize), &weeks);
            let away: Vec<i64> = targets.iter().map(|t| *t as i64).collect();
            let p = plan(allowed, cap, &away);
            let b = |x: u8| match x { 0 => Some(false), 1 => Some(true), _ => None };
            let people: Vec<Person> = flags
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let job = ["Analis Kebijakan", "Pranata Komputer", "Pengemudi", "Satpam"][f.0 as usize];
                    person(i, job, b(f.1), b(f.2))
                })
                .collect();
            let r = propose(&p, &people, &weeks);
            for x in &r.people {
                if x.exclusion.is_some() {
                    prop_assert!(x.away.iter().all(|a| !a));
                }
                for w in weeks.iter().copied() {
                    let n = (0..weeks.len()).filter(|&d| weeks[d] == w && x.away[d]).count();
                    prop_assert!(n as i64 <= cap);
                }
            }
            for (d, n) in r.away.iter().enumerate() {
                let counted = r.people.iter().filter(|x| x.away[d]).count();
                prop_assert_eq!(*n, counted);
                prop_assert!(counted as i64 <= away[d] && counted as i64 <= allowed);
            }
        }
    }
}
