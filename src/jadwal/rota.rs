//! The rota arithmetic of `kesiapan jadwal`: how many may be away on each working day, and who.
//!
//! A unit lets at most `allowed` people be away at once (its verdict's share, its eligible
//! staff and its minimum on site already applied by the assessment), and each person at most
//! `cap` days in any ISO week (PermenPANRB 4/2025 Pasal 13). In a week with `d` working days of
//! the period, the person-days away are `T = min(allowed × d, eligible × min(cap, d))`, spread as
//! evenly as possible over its days (the earlier days take the remainder). Who is away is then
//! chosen day by day among the people with days left in the week: those with the fewest days
//! away this week first (which always fills every day: choosing the people with the most
//! capacity left is optimal), then the fewest in the whole period, then the longest since their
//! last day away, then an order that interleaves the job groups in proportion to their size.
//!
//! Pure functions over counts and indices: no names, no dates, no files.

/// The most people away on each day, for days grouped by `week_of_day` (any labels; days of
/// a week need not be adjacent).
pub fn daily_targets(
    eligible: usize,
    allowed: usize,
    cap: Option<usize>,
    week_of_day: &[usize],
) -> Vec<usize> {
    let mut out = vec![0; week_of_day.len()];
    let mut weeks: Vec<usize> = week_of_day.to_vec();
    weeks.sort_unstable();
    weeks.dedup();
    for w in weeks {
        let days: Vec<usize> = (0..week_of_day.len())
            .filter(|&i| week_of_day[i] == w)
            .collect();
        let d = days.len();
        let per_person = cap.map_or(d, |c| c.min(d));
        let total = (allowed * d).min(eligible * per_person);
        for (k, &i) in days.iter().enumerate() {
            out[i] = total / d + usize::from(k < total % d);
        }
    }
    out
}

/// `total` shared out over `weights` by largest remainder (ties to the earlier); each share is
/// at most its weight when `total` ≤ the sum of the weights.
pub fn apportion(total: usize, weights: &[usize]) -> Vec<usize> {
    let sum: usize = weights.iter().sum();
    if sum == 0 {
        return vec![0; weights.len()];
    }
    let total = total.min(sum);
    let mut shares: Vec<usize> = weights.iter().map(|w| total * w / sum).collect();
    let mut rest: Vec<(usize, usize)> = weights
        .iter()
        .enumerate()
        .map(|(i, w)| (total * w % sum, i))
        .collect();
    // Largest remainder first, the earlier weight on ties.
    rest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let left = total - shares.iter().sum::<usize>();
    for &(_, i) in rest.iter().take(left) {
        shares[i] += 1;
    }
    shares
}

/// The order in which people of several groups come when all else is equal: group `g` of size
/// `n` puts its `k`-th person at `(k + ½) / n`, so any prefix holds the groups in proportion.
fn interleave(groups: &[usize]) -> Vec<usize> {
    let n_groups = groups.iter().copied().max().map_or(0, |m| m + 1);
    let mut size = vec![0usize; n_groups];
    for &g in groups {
        size[g] += 1;
    }
    let mut seen = vec![0usize; n_groups];
    let mut keys: Vec<(u128, usize, usize)> = groups
        .iter()
        .enumerate()
        .map(|(p, &g)| {
            let k = seen[g];
            seen[g] += 1;
            // (2k + 1) / (2n), compared exactly as a fraction scaled by the sizes' product
            // would overflow; a fixed-point key of 64 fractional bits is exact enough to order.
            (
                (((2 * k + 1) as u128) << 64) / ((2 * size[g]) as u128),
                g,
                p,
            )
        })
        .collect();
    keys.sort();
    let mut pos = vec![0; groups.len()];
    for (i, &(_, _, p)) in keys.iter().enumerate() {
        pos[p] = i;
    }
    pos
}

/// Who is away each day: for people given by their group (job), and each day's target, the
/// people away (ascending indices). A day gets fewer than its target only when too few people
/// have days left in the week (never with targets from [`daily_targets`] over these people).
pub fn assign(
    groups: &[usize],
    targets: &[usize],
    week_of_day: &[usize],
    cap: Option<usize>,
) -> Vec<Vec<usize>> {
    let n = groups.len();
    let pos = interleave(groups);
    let mut total = vec![0usize; n];
    let mut last: Vec<Option<usize>> = vec![None; n];
    let mut out = Vec::with_capacity(targets.len());
    // Days away so far, per week label and person.
    let mut used: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (day, &target) in targets.iter().enumerate() {
        let week = used.entry(week_of_day[day]).or_insert_with(|| vec![0; n]);
        let mut candidates: Vec<(usize, usize, Option<usize>, usize, usize)> = (0..n)
            .map(|p| (week[p], total[p], last[p], pos[p], p))
            .filter(|c| cap.is_none_or(|c2| c.0 < c2))
            .collect();
        candidates.sort_unstable();
        let mut away: Vec<usize> = candidates.iter().take(target).map(|c| c.4).collect();
        away.sort_unstable();
        for &p in &away {
            week[p] += 1;
            total[p] += 1;
            last[p] = Some(day);
        }
        out.push(away);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_three_day_week_by_hand() {
        // 20 may be away at once, cap 2 days a week. With 60 eligible the cap does not bind:
        // 20 every day (60 person-days ≤ 120). With 20 eligible, 40 person-days over 3 days:
        // 14, 13, 13. With 7 eligible: 14 → 5, 5, 4.
        let w = [0, 0, 0];
        assert_eq!(daily_targets(60, 20, Some(2), &w), [20, 20, 20]);
        assert_eq!(daily_targets(20, 20, Some(2), &w), [14, 13, 13]);
        assert_eq!(daily_targets(7, 20, Some(2), &w), [5, 5, 4]);
        // Two weeks (Mon–Wed of one, Mon of the next): the cap counts per week.
        assert_eq!(daily_targets(3, 3, Some(2), &[0, 0, 0, 1]), [2, 2, 2, 3]);
        // No cap: everyone allowed, every day.
        assert_eq!(daily_targets(7, 5, None, &w), [5, 5, 5]);
        assert_eq!(daily_targets(0, 5, Some(2), &w), [0, 0, 0]);
    }

    #[test]
    fn apportion_by_largest_remainder() {
        assert_eq!(apportion(10, &[5, 3, 2]), [5, 3, 2]);
        assert_eq!(apportion(7, &[5, 3, 2]), [4, 2, 1]);
        assert_eq!(apportion(1, &[1, 1]), [1, 0]);
        assert_eq!(apportion(99, &[1, 1]), [1, 1]);
        assert_eq!(apportion(3, &[0, 0]), [0, 0]);
    }

    #[test]
    fn who_is_away_rotates_and_respects_the_cap() {
        // 3 people, 2 a day, cap 2 over 3 days: each is away exactly twice.
        let days = assign(&[0, 0, 0], &[2, 2, 2], &[0, 0, 0], Some(2));
        assert_eq!(days, [vec![0, 1], vec![0, 2], vec![1, 2]]);
        // Groups interleave: 2 of group 0, 1 of group 1, one a day → 0, then group 1, then 0.
        let days = assign(&[0, 0, 1], &[1, 1, 1], &[0, 0, 0], Some(2));
        assert_eq!(days, [vec![0], vec![2], vec![1]]);
    }

    proptest! {
        /// In every generated rota: nobody more than the cap in any week, never more away
        /// than allowed (so the minimum on site holds), every day's target filled, nobody
        /// outside the eligible people away, the targets as even as the cap allows.
        #[test]
        fn every_rota_keeps_the_cap_and_the_minimum(
            staff in 1usize..60,
            eligible_share in 0.0f64..=1.0,
            share in 0.0f64..=0.5,
            min_share in 0.0f64..=0.8,
            cap in proptest::option::of(1usize..4),
            weeks in proptest::collection::vec(0usize..3, 1..9),
            groups in 1usize..4,
        ) {
            let mut weeks = weeks;
            weeks.sort();
            let eligible = (staff as f64 * eligible_share).floor() as usize;
            let min_on_site = (staff as f64 * min_share).ceil() as usize;
            // allowed at once = min(eligible, share × staff, staff − minimum), as the rubric.
            let allowed = eligible
                .min((share * staff as f64).floor() as usize)
                .min(staff - min_on_site.min(staff));
            let targets = daily_targets(eligible, allowed, cap, &weeks);
            // People: the eligible ones in groups, then the ineligible (never given a day).
            let people: Vec<usize> = (0..eligible).map(|p| p % groups).collect();
            let days = assign(&people, &targets, &weeks, cap);
            for (day, away) in days.iter().enumerate() {
                prop_assert_eq!(away.len(), targets[day]);
                prop_assert!(away.len() <= allowed);
                prop_assert!(staff - away.len() >= min_on_site);
                prop_assert!(away.iter().all(|&p| p < eligible));
            }
            for w in weeks.iter().copied() {
                let in_week: Vec<usize> = (0..weeks.len()).filter(|&i| weeks[i] == w).collect();
                for p in 0..eligible {
                    let n = in_week.iter().filter(|&&i| days[i].contains(&p)).count();
                    prop_assert!(cap.is_none_or(|c| n <= c), "person {} away {} days in week {}", p, n, w);
                }
                let t: Vec<usize> = in_week.iter().map(|&i| targets[i]).collect();
                prop_assert!(t.iter().max().unwrap() - t.iter().min().unwrap() <= 1);
                // As many person-days as the cap and the allowance permit.
                let d = in_week.len();
                prop_assert_eq!(t.iter().sum::<usize>(), (allowed * d).min(eligible * cap.map_or(d, |c| c.min(d))));
            }
            // Fewer eligible people never raises a day's target.
            if eligible > 0 {
                let fewer = daily_targets(eligible - 1, allowed, cap, &weeks);
                prop_assert!(fewer.iter().zip(&targets).all(|(a, b)| a <= b));
            }
        }
    }
}
