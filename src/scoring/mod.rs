//! Scoring: from the loaded tables to typed facts (`Scored`), never to words. Unit-level
//! metrics, indicator values, gates and WFA figures are computed by polars from the rubric's SQL
//! expressions in one lazy plan (`frame`); the scores, verdicts, obstacles and WFA numbers are
//! then plain arithmetic in `unit`, which never touches polars; `province` evaluates the
//! rubric's province rules with polars on a one-row table of the province's figures. No module
//! here takes a language or writes a sentence: `crate::words` turns the facts, the rubric and a
//! language into the `Assessment`.

pub mod curve;
pub mod decisions;
mod facts;
mod frame;
pub mod limits;
pub mod province;
pub mod unit;

use crate::input::Loaded;
use crate::rubric::Rubric;
use anyhow::Result;
use std::collections::BTreeSet;

pub use facts::*;
pub use frame::{UnitValues, evaluate, unit_table};

/// Every unit's computed values (metrics, indicator values, gates, WFA figures), sorted by id:
/// what re-scoring with a changed rubric starts from, without reloading the data.
pub fn values(rubric: &Rubric, loaded: &Loaded) -> Result<Vec<UnitValues>> {
    Ok(frame::compute(rubric, loaded)?.0)
}

/// Score every unit and answer for the province.
pub fn score(rubric: &Rubric, loaded: &Loaded) -> Result<Scored> {
    score_with(rubric, loaded, &[])
}

/// `score` with leadership decisions applied after scoring (`decisions`), before the
/// complementary suppression and the province's summary.
pub fn score_with(
    rubric: &Rubric,
    loaded: &Loaded,
    overrides: &[crate::overrides::Override],
) -> Result<Scored> {
    let (values, mut diags) = frame::compute(rubric, loaded)?;
    let mut units: Vec<UnitScore> = values.iter().map(|v| unit::score_unit(rubric, v)).collect();
    decisions::apply(rubric, &mut units, &values, overrides);
    hide_totals_across_units(rubric, &mut units);
    let province = province::summarise(rubric, &units, &loaded.roll)?;
    let mut diagnostics = loaded.diagnostics.clone();
    diagnostics.append(&mut diags);
    Ok(Scored {
        inputs: loaded.inputs.clone(),
        datasets: datasets(rubric, loaded, &units, province.staff_total),
        units,
        province,
        diagnostics,
        values,
        robustness: None,
        plan: None,
        plan_skipped: None,
    })
}

/// Complementary suppression across units, for the unit figures that feed a shown province
/// total (`summary.staff_eligible`, `summary.staff_allowed_at_once`).
fn hide_totals_across_units(rubric: &Rubric, units: &mut [UnitScore]) {
    let mut wfa: Vec<&mut WfaFacts> = units.iter_mut().map(|u| &mut u.wfa).collect();
    hide_across_units(&mut wfa, rubric.min_group_size);
}

/// 1. A unit's hidden eligible total could be worked out from the province's total less the
///    other units': hide the smallest other unit's too.
/// 2. A unit's allowed-at-once figure is hidden whenever its eligible total is (it is that
///    total when eligible staff is the binding limit); the province's allowed total less the
///    others' would give a lone hidden one back, so the smallest other is hidden too, and with
///    it that unit's eligible total (else its allowed figure could be recomputed from the
///    shown total, share and minimum on site).
/// 3. A unit whose eligible total is hidden while all its job counts are listed would give the
///    total back as their sum: its smallest listed count is hidden too.
/// 4. A hidden allowed figure that the shown figures pin down (its listed job counts reach the
///    limits set by the share and the minimum on site, so eligible staff cannot be what binds)
///    protects nothing in the province's total: more of the unit's job counts are hidden until
///    it is not pinned, and while fewer than two unpinned hidden figures holding at least the
///    minimum remain, the smallest shown one is hidden as well (with its eligible total).
fn hide_across_units(w: &mut [&mut WfaFacts], min: usize) {
    use crate::assessment::Suppression;
    let cells: Vec<Option<i64>> = w.iter().map(|f| f.staff_eligible).collect();
    let forced: Vec<bool> = w
        .iter()
        .map(|f| f.staff_eligible_hidden.is_some())
        .collect();
    for (f, m) in w
        .iter_mut()
        .zip(crate::privacy::extend(&cells, &forced, min))
    {
        if f.staff_eligible_hidden.is_none() {
            f.staff_eligible_hidden = m;
        }
    }
    for f in w.iter_mut() {
        if f.staff_allowed_hidden.is_none() {
            f.staff_allowed_hidden = f.staff_eligible_hidden;
        }
    }
    let cells: Vec<Option<i64>> = w.iter().map(|f| Some(f.staff_allowed_at_once)).collect();
    let forced: Vec<bool> = w.iter().map(|f| f.staff_allowed_hidden.is_some()).collect();
    for (f, m) in w
        .iter_mut()
        .zip(crate::privacy::extend(&cells, &forced, min))
    {
        if f.staff_allowed_hidden.is_none() && m.is_some() {
            f.staff_allowed_hidden = m;
            f.staff_eligible_hidden = Some(Suppression::Complementary);
        }
    }
    for f in w.iter_mut() {
        if f.staff_eligible_hidden.is_some() {
            hide_listed_sum(f);
        }
    }
    loop {
        for f in w.iter_mut() {
            if f.staff_allowed_hidden.is_some() {
                while pinned(f) && hide_smallest_count(f) {}
            }
        }
        let open: Vec<i64> = w
            .iter()
            .filter(|f| f.staff_allowed_hidden.is_some() && !pinned(f))
            .map(|f| f.staff_allowed_at_once)
            .collect();
        if open.is_empty() || (open.len() >= 2 && open.iter().sum::<i64>() >= min as i64) {
            break;
        }
        let next = w
            .iter()
            .enumerate()
            .filter(|(_, f)| f.staff_allowed_hidden.is_none() && f.staff_allowed_at_once > 0)
            .min_by_key(|(i, f)| (f.staff_allowed_at_once, *i))
            .map(|(i, _)| i);
        let Some(i) = next else { break };
        w[i].staff_allowed_hidden = Some(Suppression::Complementary);
        w[i].staff_eligible_hidden
            .get_or_insert(Suppression::Complementary);
        hide_listed_sum(w[i]);
    }
}

/// Whether a reader can work out a unit's allowed figure from what is shown: the limits set by
/// the share and the minimum on site, and the least its eligible staff can be (the listed
/// counts, and one holder for each job whose count is hidden).
fn pinned(f: &WfaFacts) -> bool {
    let Some(t) = f.staff_total else {
        return true;
    };
    let limit = ((f.max_share_away * t as f64 + 1e-9).floor() as i64)
        .min(t - f.min_on_site.unwrap_or(0))
        .max(0);
    let least: i64 = f
        .eligible_jobs
        .iter()
        .map(|j| match (j.holders, j.suppressed) {
            (Some(h), _) => h,
            (None, Some(_)) => 1,
            (None, None) => 0,
        })
        .sum::<i64>()
        + f.jobs_hidden as i64;
    least >= limit
}

/// Hide the smallest job count still shown; false when none is left.
fn hide_smallest_count(f: &mut WfaFacts) -> bool {
    use crate::assessment::Suppression;
    let Some(i) = f
        .eligible_jobs
        .iter()
        .enumerate()
        .filter(|(_, j)| j.holders.unwrap_or(0) > 0)
        .min_by_key(|(i, j)| (j.holders.unwrap_or(0), *i))
        .map(|(i, _)| i)
    else {
        return false;
    };
    let mut j = f.eligible_jobs.remove(i);
    j.holders = None;
    j.suppressed = Some(Suppression::Complementary);
    // Shown jobs keep their order; the hidden ones follow, by name.
    f.eligible_jobs.push(j);
    let shown = f
        .eligible_jobs
        .iter()
        .filter(|j| j.suppressed.is_none())
        .count();
    f.eligible_jobs[shown..].sort_by(|a, b| a.name.cmp(&b.name));
    true
}

/// When every eligible job of a unit is listed with its count and the counts add up to the
/// unit's (hidden) eligible total, hide the smallest count so that the total cannot be added up.
fn hide_listed_sum(f: &mut WfaFacts) {
    let all_listed = f.jobs_hidden == 0
        && f.eligible_jobs
            .iter()
            .all(|j| j.suppressed.is_none() && j.holders.is_some());
    let sum: i64 = f.eligible_jobs.iter().filter_map(|j| j.holders).sum();
    if !all_listed || sum <= 0 || f.staff_eligible != Some(sum) {
        return;
    }
    hide_smallest_count(f);
}

/// What each dataset contributed: rows used, units with at least one row, and for personal
/// datasets the response rate against the units' headcount.
fn datasets(
    rubric: &Rubric,
    loaded: &Loaded,
    units: &[UnitScore],
    staff_total: i64,
) -> Vec<DatasetUse> {
    let ids: BTreeSet<&str> = units.iter().map(|u| u.id.as_str()).collect();
    rubric
        .datasets
        .iter()
        .map(|d| {
            let rows_used: usize = loaded
                .inputs
                .iter()
                .filter(|i| i.dataset == d.id)
                .map(|i| i.rows_used)
                .sum();
            let units_with_rows = loaded
                .tables
                .get(&d.id)
                .and_then(|t| t.df.column("__unit").ok())
                .and_then(|c| {
                    c.str().ok().map(|s| {
                        s.iter()
                            .flatten()
                            .filter(|u| ids.contains(u))
                            .collect::<BTreeSet<_>>()
                            .len()
                    })
                })
                .unwrap_or(0);
            DatasetUse {
                rows_used,
                units_with_rows,
                response_rate: (d.personal && staff_total > 0)
                    .then(|| crate::format::round(rows_used as f64 / staff_total as f64, 4)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{EligibleJob, Suppression};

    fn facts(eligible: i64, allowed: i64, jobs: &[i64]) -> WfaFacts {
        WfaFacts {
            staff_total: Some(100),
            staff_eligible: Some(eligible),
            min_on_site: Some(0),
            max_share_away: 0.5,
            staff_allowed_at_once: allowed,
            eligible_jobs: jobs
                .iter()
                .enumerate()
                .map(|(i, n)| EligibleJob {
                    name: format!("job {i}"),
                    holders: Some(*n),
                    suppressed: None,
                })
                .collect(),
            jobs_hidden: 0,
            staff_eligible_hidden: None,
            staff_allowed_hidden: None,
        }
    }

    #[test]
    fn a_lone_hidden_allowed_figure_takes_another_units_with_it() {
        // A's eligible total (3) is hidden and binds its allowed figure; B's eligible total is
        // its complement, but B's allowed figure (1) and A's (3) together hold fewer than the
        // minimum (5), so the province's allowed total less C's would narrow them down: C's
        // allowed figure, and its eligible total, go too.
        let mut a = facts(3, 3, &[]);
        a.staff_eligible_hidden = Some(Suppression::SmallGroup);
        a.staff_allowed_hidden = Some(Suppression::SmallGroup);
        let mut b = facts(6, 1, &[]);
        let mut c = facts(20, 10, &[]);
        let mut d = facts(40, 30, &[]);
        hide_across_units(&mut [&mut a, &mut b, &mut c, &mut d], 5);
        assert_eq!(b.staff_eligible_hidden, Some(Suppression::Complementary));
        assert_eq!(b.staff_allowed_hidden, Some(Suppression::Complementary));
        assert_eq!(c.staff_allowed_hidden, Some(Suppression::Complementary));
        assert_eq!(c.staff_eligible_hidden, Some(Suppression::Complementary));
        assert_eq!(d.staff_allowed_hidden, None);
        assert_eq!(d.staff_eligible_hidden, None);
        let hidden: Vec<i64> = [&a, &b, &c]
            .iter()
            .map(|f| f.staff_allowed_at_once)
            .collect();
        assert!(hidden.len() >= 2 && hidden.iter().sum::<i64>() >= 5);
    }

    #[test]
    fn a_complementary_total_is_not_given_back_by_its_listed_jobs() {
        // C's eligible total (15) is hidden as A's complement; its jobs 8 + 7 would add it up.
        let mut a = facts(3, 3, &[]);
        a.staff_eligible_hidden = Some(Suppression::SmallGroup);
        a.staff_allowed_hidden = Some(Suppression::SmallGroup);
        let mut b = facts(29, 29, &[20, 9]);
        let mut c = facts(15, 15, &[8, 7]);
        hide_across_units(&mut [&mut a, &mut b, &mut c], 5);
        assert_eq!(c.staff_eligible_hidden, Some(Suppression::Complementary));
        assert_eq!(c.eligible_jobs[0].holders, Some(8));
        assert_eq!(c.eligible_jobs[1].holders, None);
        assert_eq!(c.eligible_jobs[1].name, "job 1");
        assert_eq!(
            c.eligible_jobs[1].suppressed,
            Some(Suppression::Complementary)
        );
        // B's figures are all shown, its jobs too.
        assert_eq!(b.staff_eligible_hidden, None);
        assert_eq!(b.staff_allowed_hidden, None);
        assert!(b.eligible_jobs.iter().all(|j| j.holders.is_some()));
    }

    #[test]
    fn a_hidden_allowed_figure_pinned_by_its_listed_jobs_does_not_count_as_hidden() {
        // C (40 staff, 20 % away: at most 8) lists a job of 8 holders: its hidden allowed figure
        // can only be 8, and the province's 21 less B's 10 and C's 8 would give A's 3 back.
        // C's other count goes too, so that its allowed figure is open.
        let mut a = facts(3, 3, &[]);
        a.staff_eligible_hidden = Some(Suppression::SmallGroup);
        a.staff_allowed_hidden = Some(Suppression::SmallGroup);
        let mut b = facts(29, 10, &[20, 9]);
        b.staff_total = Some(50);
        b.max_share_away = 0.2;
        let mut c = facts(15, 8, &[8, 7]);
        c.staff_total = Some(40);
        c.max_share_away = 0.2;
        assert!(!pinned(&a));
        hide_across_units(&mut [&mut a, &mut b, &mut c], 5);
        assert_eq!(c.staff_allowed_hidden, Some(Suppression::Complementary));
        assert!(c.eligible_jobs.iter().all(|j| j.holders.is_none()), "{c:?}");
        assert!(!pinned(&c));
        assert_eq!(b.staff_allowed_hidden, None);
    }
}
