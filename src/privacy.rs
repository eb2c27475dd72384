//! Small-group suppression of the breakdowns a report shows.
//!
//! Averages over personal rows of a group smaller than the rubric's `min-group-size` are
//! suppressed where they are computed (`scoring::frame`). This module handles the other kind of
//! breakdown: counts of people per category (holders of each WFA-eligible job type in a unit),
//! shown beside their total. A count below the minimum is suppressed, and so is a complementary
//! cell whenever the suppressed cells alone could be worked out by subtraction from the total:
//! cells are added, smallest first, until at least two are hidden and together they hold at
//! least the minimum number of people. When that cannot be done inside the breakdown (a unit's
//! only eligible job), the total itself is hidden (`is_safe`), and the totals of several units
//! that feed a province total get the same treatment across units (`extend`).

use crate::assessment::Suppression;

/// Suppress small cells of one breakdown whose total is shown. `cells` are people counts (`None`:
/// not known, not shown). Returns what each cell became: `None` kept, or why it is hidden.
pub fn suppress(cells: &[Option<i64>], min: usize) -> Vec<Option<Suppression>> {
    let mut out: Vec<Option<Suppression>> = cells
        .iter()
        .map(|c| match c {
            Some(n) if *n > 0 && (*n as usize) < min => Some(Suppression::SmallGroup),
            _ => None,
        })
        .collect();
    complete(cells, &mut out, min);
    out
}

/// Cells of a breakdown whose total is shown, some already hidden (`forced`, e.g. a unit's total
/// that would give away one of its hidden job counts): the complementary cells to hide with
/// them so that none can be worked out by subtracting the visible ones from the total.
pub fn extend(cells: &[Option<i64>], forced: &[bool], min: usize) -> Vec<Option<Suppression>> {
    let mut out: Vec<Option<Suppression>> = forced
        .iter()
        .map(|f| f.then_some(Suppression::SmallGroup))
        .collect();
    complete(cells, &mut out, min);
    out
}

/// Whether the hidden cells are safe from subtraction: none hidden, or at least two holding
/// together at least the minimum. When they are not (nothing was left to hide with them), the
/// total they feed must not be shown either.
pub fn is_safe(cells: &[Option<i64>], marks: &[Option<Suppression>], min: usize) -> bool {
    let (n, sum) = hidden(cells, marks);
    n == 0 || (n >= 2 && sum >= min as i64)
}

/// How many cells are hidden and how many people they hold.
fn hidden(cells: &[Option<i64>], out: &[Option<Suppression>]) -> (usize, i64) {
    let n = out.iter().filter(|s| s.is_some()).count();
    let sum: i64 = out
        .iter()
        .zip(cells)
        .filter(|(s, _)| s.is_some())
        .map(|(_, c)| c.unwrap_or(0))
        .sum();
    (n, sum)
}

/// Hide complementary cells, smallest first, until the hidden ones are safe or none is left.
fn complete(cells: &[Option<i64>], out: &mut [Option<Suppression>], min: usize) {
    let min = min as i64;
    if hidden(cells, out).0 == 0 {
        return;
    }
    loop {
        let (n, sum) = hidden(cells, out);
        if n >= 2 && sum >= min {
            break;
        }
        // The smallest visible non-empty cell (first in order on ties) is hidden next.
        let next = cells
            .iter()
            .enumerate()
            .filter(|(i, c)| out[*i].is_none() && matches!(c, Some(x) if *x > 0))
            .min_by_key(|(i, c)| (c.unwrap_or(0), *i))
            .map(|(i, _)| i);
        match next {
            Some(i) => out[i] = Some(Suppression::Complementary),
            None => break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Suppression::*;

    #[test]
    fn nothing_small_nothing_hidden() {
        assert_eq!(
            suppress(&[Some(12), Some(5), None], 5),
            vec![None, None, None]
        );
    }

    #[test]
    fn one_small_cell_takes_the_smallest_other_with_it() {
        // 3 alone would be 20 - 12 - 5; hiding 5 as well leaves 8 = 3 + 5 unknown split.
        assert_eq!(
            suppress(&[Some(12), Some(3), Some(5)], 5),
            vec![None, Some(SmallGroup), Some(Complementary)]
        );
    }

    #[test]
    fn two_small_cells_summing_under_the_minimum_take_a_third() {
        assert_eq!(
            suppress(&[Some(1), Some(2), Some(40), Some(9)], 5),
            vec![
                Some(SmallGroup),
                Some(SmallGroup),
                None,
                Some(Complementary)
            ]
        );
    }

    #[test]
    fn two_small_cells_reaching_the_minimum_are_enough() {
        assert_eq!(
            suppress(&[Some(4), Some(3), Some(40)], 5),
            vec![Some(SmallGroup), Some(SmallGroup), None]
        );
    }

    #[test]
    fn zero_and_unknown_cells_are_not_groups() {
        assert_eq!(
            suppress(&[Some(0), None, Some(2)], 5),
            vec![None, None, Some(SmallGroup)]
        );
    }

    #[test]
    fn a_lone_hidden_cell_is_not_safe_so_its_total_must_go() {
        let cells = [Some(3)];
        let marks = suppress(&cells, 5);
        assert_eq!(marks, vec![Some(SmallGroup)]);
        assert!(!is_safe(&cells, &marks, 5));
        let cells = [Some(12), Some(3), Some(5)];
        assert!(is_safe(&cells, &suppress(&cells, 5), 5));
    }

    #[test]
    fn a_forced_total_takes_another_with_it() {
        assert_eq!(
            extend(&[Some(3), Some(40), Some(9)], &[true, false, false], 5),
            vec![Some(SmallGroup), None, Some(Complementary)]
        );
        assert_eq!(
            extend(&[Some(3), Some(40)], &[false, false], 5),
            vec![None, None]
        );
    }

    proptest::proptest! {
        #[test]
        fn no_small_group_can_be_recovered(cells in proptest::collection::vec(proptest::option::of(0i64..30), 0..12), min in 1usize..8) {
            let s = suppress(&cells, min);
            let hidden: Vec<i64> = cells.iter().zip(&s).filter(|(_, s)| s.is_some()).map(|(c, _)| c.unwrap_or(0)).collect();
            // Every small visible cell is hidden.
            for (c, s) in cells.iter().zip(&s) {
                if let Some(n) = c { if *n > 0 && (*n as usize) < min { proptest::prop_assert!(s.is_some()); } }
            }
            // Hidden cells never stand alone, and never add up to a small group, unless there is
            // nothing left to hide with them.
            let visible_left = cells.iter().zip(&s).any(|(c, s)| s.is_none() && matches!(c, Some(x) if *x > 0));
            if !hidden.is_empty() && visible_left {
                proptest::prop_assert!(hidden.len() >= 2);
                proptest::prop_assert!(hidden.iter().sum::<i64>() >= min as i64);
            }
        }
    }
}
