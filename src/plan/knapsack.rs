//! The budget allocation: a multiple-choice knapsack (at most one option per group, the most
//! total gain within a capacity), exact by dynamic programming over whole cost steps.
//!
//! Pure: items in, choice out. It knows nothing of units, improvements or Rupiah; `plan` turns
//! candidates into items and the choice back into plans.

/// One option of a group: its cost in whole steps and what it gains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub cost: usize,
    pub gain: i64,
}

/// The best choice: its total gain and, per group, the index of the option taken (if any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub gain: i64,
    pub picks: Vec<Option<usize>>,
}

/// The options worth keeping in a group, as indices into `items`: by increasing cost, each gains
/// more than every cheaper one (ties keep the first). A knapsack over the front gains as much as
/// one over all the items.
pub fn pareto_front(items: &[Item]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| {
        items[a]
            .cost
            .cmp(&items[b].cost)
            .then(items[b].gain.cmp(&items[a].gain))
    });
    let mut front: Vec<usize> = Vec::new();
    for i in order {
        if front.last().is_none_or(|&l| items[i].gain > items[l].gain) {
            front.push(i);
        }
    }
    front
}

/// The most total gain from at most one option per group with total cost ≤ `cap`. Among
/// choices of equal gain, the cheapest total cost; groups take options with positive gain only.
/// A group may hold at most 65 535 options (the table keeps an option index in 16 bits).
pub fn choose(groups: &[Vec<Item>], cap: usize) -> Choice {
    // best[c]: the most gain with total cost ≤ c over the groups so far.
    let mut best = vec![0i64; cap + 1];
    let mut choice: Vec<Vec<Option<u16>>> = Vec::with_capacity(groups.len());
    for g in groups {
        debug_assert!(g.len() <= u16::MAX as usize);
        let mut next = best.clone();
        let mut pick = vec![None; cap + 1];
        for (oi, item) in g.iter().enumerate() {
            for c in item.cost..=cap {
                let v = best[c - item.cost] + item.gain;
                if v > next[c] {
                    next[c] = v;
                    pick[c] = Some(oi as u16);
                }
            }
        }
        best = next;
        choice.push(pick);
    }
    // The smallest capacity with the most gain, then back through the groups.
    let mut c = (0..=cap)
        .max_by(|a, b| best[*a].cmp(&best[*b]).then(b.cmp(a)))
        .unwrap_or(0);
    let gain = best[c];
    let mut picks = vec![None; groups.len()];
    for (u, pick) in choice.iter().enumerate().rev() {
        if let Some(oi) = pick[c] {
            picks[u] = Some(oi as usize);
            c -= groups[u][oi as usize].cost;
        }
    }
    Choice { gain, picks }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every choice (none or one option per group) within `cap`: the most gain, and the least
    /// total cost that gains it.
    fn brute_force(groups: &[Vec<Item>], cap: usize) -> (i64, usize) {
        fn go(groups: &[Vec<Item>], cap: usize) -> (i64, usize) {
            let Some((g, rest)) = groups.split_first() else {
                return (0, 0);
            };
            let better = |a: (i64, usize), b: (i64, usize)| a.0 > b.0 || (a.0 == b.0 && a.1 < b.1);
            let mut best = go(rest, cap);
            for item in g.iter().filter(|i| i.cost <= cap) {
                let (gain, cost) = go(rest, cap - item.cost);
                let this = (gain + item.gain, cost + item.cost);
                if better(this, best) {
                    best = this;
                }
            }
            best
        }
        go(groups, cap)
    }

    fn check(groups: &[Vec<Item>], cap: usize, choice: &Choice) -> (usize, i64) {
        assert_eq!(choice.picks.len(), groups.len());
        let mut cost = 0;
        let mut gain = 0;
        for (g, p) in groups.iter().zip(&choice.picks) {
            if let Some(i) = p {
                cost += g[*i].cost;
                gain += g[*i].gain;
            }
        }
        assert!(cost <= cap, "cost {cost} over {cap}");
        assert_eq!(gain, choice.gain, "the picks add up to the gain");
        (cost, gain)
    }

    fn item() -> impl Strategy<Value = Item> {
        (0usize..8, 1i64..40).prop_map(|(cost, gain)| Item { cost, gain })
    }

    fn groups() -> impl Strategy<Value = Vec<Vec<Item>>> {
        prop::collection::vec(prop::collection::vec(item(), 0..=3), 0..=5)
    }

    proptest! {
        #[test]
        fn the_knapsack_gains_as_much_as_brute_force(groups in groups(), cap in 0usize..20) {
            let choice = choose(&groups, cap);
            let (cost, gain) = check(&groups, cap, &choice);
            prop_assert_eq!((gain, cost), brute_force(&groups, cap));
        }

        #[test]
        fn the_pareto_front_loses_nothing(groups in groups(), cap in 0usize..20) {
            let fronts: Vec<Vec<Item>> = groups
                .iter()
                .map(|g| pareto_front(g).into_iter().map(|i| g[i]).collect())
                .collect();
            for (g, f) in groups.iter().zip(&fronts) {
                // Increasing cost and strictly increasing gain.
                for w in f.windows(2) {
                    prop_assert!(w[0].cost < w[1].cost && w[0].gain < w[1].gain);
                }
                prop_assert!(f.len() <= g.len());
            }
            let choice = choose(&fronts, cap);
            let (cost, gain) = check(&fronts, cap, &choice);
            prop_assert_eq!((gain, cost), brute_force(&groups, cap));
        }
    }

    #[test]
    fn equal_gains_take_the_cheapest_total() {
        // Within 4, two ways to gain 5: cost 4 (one item) or cost 3 (two items); the cheaper wins.
        let groups = vec![
            vec![Item { cost: 4, gain: 5 }, Item { cost: 1, gain: 2 }],
            vec![Item { cost: 2, gain: 3 }],
        ];
        let c = choose(&groups, 4);
        assert_eq!(c.gain, 5);
        assert_eq!(c.picks, vec![Some(1), Some(0)]);
        assert_eq!(check(&groups, 4, &c).0, 3);
    }
}
