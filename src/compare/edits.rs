//! Attribution of a unit's score move to each *edited* rubric item and each changed value: numbers
//! that add up exactly to the move, for the reasons of a verdict change. Computes only; no words.
//!
//! The move is a cooperative game. Its players are the edits that can move a score (a dimension's
//! or an indicator's weight, a dimension or an indicator added or removed, a curve, a value
//! formula) and, for this unit, each indicator whose value changed without an edit to its
//! formula (a data change). For a set `T` of players, `v(T)` is the unit's score with the edits
//! in `T` applied and the others as in the old rubric, and the values in `T` as in the new run:
//! `v(T) = Σᵢ eᵢ(T)·sᵢ(T)`, the effective weights renormalised over the indicators that have a
//! score in that state. `v(∅)` is the old score and `v(all)` the new one. Each player gets its
//! Shapley value `φⱼ = Σ_{T ∌ j} |T|!(k−|T|−1)!/k! · (v(T ∪ {j}) − v(T))`; the `φ` add up to
//! `v(all) − v(∅)` exactly, and a player that never moves the score gets 0. A renormalised share
//! is not a player: its effect is part of the edit it follows from. Past `MAX_SHAPLEY` players
//! (2^k states) the players are added one by one in order (edits as listed, then data), which
//! adds up exactly too (`Method::Sequential`). Scores in `assessment.json` are rounded: `rounding`
//! is what closes the sum to the move in the files.

use super::rubric_diff::RubricChange;
use crate::assessment::{AppliedIndicator, Assessment, Unit};
use crate::rubric::Missing;
use crate::scoring::curve;
use crate::scoring::unit::effective_weights;
use serde::Serialize;

/// Past this many players, `Method::Sequential` (2^10 = 1024 states per unit).
pub const MAX_SHAPLEY: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    Shapley,
    Sequential,
}

/// A unit's score move split over the edits and the changed values; `edits`, `data` and
/// `rounding` add up to the unit's `delta`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attribution {
    pub method: Method,
    /// Per edit (`change`: its index in `rubric_changes`) that moved this unit's score.
    pub edits: Vec<EditPoints>,
    /// Per indicator whose value changed without an edit to its formula.
    pub data: Vec<DataPoints>,
    pub rounding: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EditPoints {
    pub change: usize,
    pub points: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataPoints {
    pub indicator: String,
    pub points: f64,
}

#[derive(Clone, Copy, PartialEq)]
enum Player {
    Edit(usize),
    Data(usize),
}

/// One indicator of either rubric, with the players that decide its state.
struct Ind<'a> {
    old_def: Option<&'a AppliedIndicator>,
    new_def: Option<&'a AppliedIndicator>,
    old_value: Option<f64>,
    old_score: Option<f64>,
    new_value: Option<f64>,
    new_score: Option<f64>,
    /// Whether the unit's value (or whether it has a score) differs between the runs.
    differs: bool,
    weight: Option<usize>,
    curve: Option<usize>,
    formula: Option<usize>,
    exists: Option<usize>,
    data: Option<usize>,
}

struct Dim {
    id: String,
    old_weight: Option<f64>,
    new_weight: Option<f64>,
    /// A weight edit, or the dimension's arrival or removal.
    player: Option<usize>,
}

const EPS: f64 = 1e-9;

/// Whether player `p` is applied in the state `set` (one flag per player).
fn in_set(set: &[bool], p: Option<usize>) -> bool {
    p.is_some_and(|j| set[j])
}

/// `None` when either score is missing (nothing to attribute).
pub(super) fn attribute(
    old: &Assessment,
    new: &Assessment,
    o: &Unit,
    n: &Unit,
    edits: &[RubricChange],
    same_data: bool,
) -> Option<Attribution> {
    let (s_old, s_new) = (o.score?, n.score?);
    let (oa, na) = (&old.rubric.applied, &new.rubric.applied);
    let mut players: Vec<Player> = Vec::new();
    fn player_of(players: &mut Vec<Player>, p: Player) -> usize {
        players.push(p);
        players.len() - 1
    }
    // Dimensions of either rubric.
    let mut dims: Vec<Dim> = Vec::new();
    for d in oa.dimensions.iter().chain(&na.dimensions) {
        if dims.iter().any(|x| x.id == d.id) {
            continue;
        }
        dims.push(Dim {
            id: d.id.clone(),
            old_weight: oa
                .dimensions
                .iter()
                .find(|x| x.id == d.id)
                .map(|x| x.weight),
            new_weight: na
                .dimensions
                .iter()
                .find(|x| x.id == d.id)
                .map(|x| x.weight),
            player: None,
        });
    }
    // Indicators of either rubric.
    let mut inds: Vec<Ind> = Vec::new();
    let mut ids: Vec<&str> = Vec::new();
    for d in oa.indicators.iter().chain(&na.indicators) {
        if ids.contains(&d.id.as_str()) {
            continue;
        }
        ids.push(&d.id);
        let (a, b) = (
            o.indicators.iter().find(|i| i.id == d.id),
            n.indicators.iter().find(|i| i.id == d.id),
        );
        let (old_value, old_score) = (a.and_then(|i| i.value), a.and_then(|i| i.score));
        let (new_value, new_score) = (b.and_then(|i| i.value), b.and_then(|i| i.score));
        inds.push(Ind {
            old_def: oa.indicators.iter().find(|x| x.id == d.id),
            new_def: na.indicators.iter().find(|x| x.id == d.id),
            old_value,
            old_score,
            new_value,
            new_score,
            differs: old_value != new_value || old_score.is_some() != new_score.is_some(),
            weight: None,
            curve: None,
            formula: None,
            exists: None,
            data: None,
        });
    }
    // The edits that can move a score are players.
    for (k, c) in edits.iter().enumerate() {
        match c {
            RubricChange::DimensionWeight { id, .. }
            | RubricChange::DimensionAdded { id, .. }
            | RubricChange::DimensionRemoved { id, .. } => {
                if let Some(d) = dims.iter_mut().find(|d| &d.id == id) {
                    d.player = Some(player_of(&mut players, Player::Edit(k)));
                }
            }
            RubricChange::IndicatorWeight { id, .. }
            | RubricChange::IndicatorCurve { id, .. }
            | RubricChange::IndicatorValue { id, .. }
            | RubricChange::IndicatorAdded { id, .. }
            | RubricChange::IndicatorRemoved { id, .. } => {
                let Some(j) = ids.iter().position(|x| x == id) else {
                    continue;
                };
                let p = Some(player_of(&mut players, Player::Edit(k)));
                let i = &mut inds[j];
                match c {
                    RubricChange::IndicatorWeight { .. } => i.weight = p,
                    RubricChange::IndicatorCurve { .. } => i.curve = p,
                    RubricChange::IndicatorValue { .. } => i.formula = p,
                    _ => i.exists = p,
                }
            }
            _ => {}
        }
    }
    // Values that changed for this unit without (only) a formula edit are data players.
    for (j, i) in inds.iter_mut().enumerate() {
        let both = i.old_def.is_some() && i.new_def.is_some();
        if both && i.differs && !(i.formula.is_some() && same_data) {
            i.data = Some(player_of(&mut players, Player::Data(j)));
        }
    }
    let k = players.len();
    let value = |mask: &[bool]| -> f64 {
        let dim_weights: Vec<(&str, f64)> = dims
            .iter()
            .map(|d| {
                let w = match d.player {
                    Some(_) if in_set(mask, d.player) => d.new_weight,
                    Some(_) => d.old_weight,
                    None => d.old_weight.or(d.new_weight),
                };
                (d.id.as_str(), w.unwrap_or(0.0))
            })
            .collect();
        let mut shape: Vec<(&str, f64)> = Vec::new();
        let mut scores: Vec<Option<f64>> = Vec::new();
        for i in &inds {
            let pick = |p: Option<usize>| -> &AppliedIndicator {
                match (i.old_def, i.new_def) {
                    (Some(a), Some(b)) => {
                        if in_set(mask, p) {
                            b
                        } else {
                            a
                        }
                    }
                    (Some(a), None) => a,
                    (None, Some(b)) => b,
                    (None, None) => unreachable!(),
                }
            };
            let exists = match (i.old_def, i.new_def) {
                (Some(_), Some(_)) => true,
                (None, Some(_)) => in_set(mask, i.exists),
                _ => !in_set(mask, i.exists),
            };
            let w = pick(i.weight);
            shape.push((w.dimension.as_str(), if exists { w.weight } else { 0.0 }));
            let score = match (i.old_def, i.new_def) {
                (Some(_), None) => i.old_score,
                (None, _) => i.new_score,
                (Some(a), Some(b)) => {
                    let new_curve = in_set(mask, i.curve);
                    let new_value = i.differs
                        && (i.formula.is_none() || in_set(mask, i.formula))
                        && (i.data.is_none() || in_set(mask, i.data));
                    match (new_curve, new_value) {
                        (false, false) => i.old_score,
                        (true, true) => i.new_score,
                        // Same value, new curve: the new run scored exactly this.
                        (true, false) if !i.differs => i.new_score,
                        (true, false) => rescore(b, i.old_value, i.old_score),
                        (false, true) => rescore(a, i.new_value, i.new_score),
                    }
                }
            };
            scores.push(if exists { score } else { None });
        }
        let available: Vec<bool> = scores.iter().map(|s| s.is_some()).collect();
        let e = effective_weights(&dim_weights, &shape, &available);
        e.iter()
            .zip(&scores)
            .map(|(e, s)| e * s.unwrap_or(0.0))
            .sum()
    };
    let (method, phi) = if k <= MAX_SHAPLEY {
        (Method::Shapley, shapley(k, value))
    } else {
        (Method::Sequential, sequential(k, value))
    };
    let explained = value(&vec![true; k]) - value(&vec![false; k]);
    let mut out = Attribution {
        method,
        edits: Vec::new(),
        data: Vec::new(),
        rounding: (s_new - s_old) - explained,
    };
    for (p, x) in players.iter().zip(phi) {
        if x.abs() <= EPS {
            continue;
        }
        match *p {
            Player::Edit(change) => out.edits.push(EditPoints { change, points: x }),
            Player::Data(j) => out.data.push(DataPoints {
                indicator: ids[j].to_string(),
                points: x,
            }),
        }
    }
    Some(out)
}

/// The Shapley values of a game of `k` players (`v` of a state: which players are in).
fn shapley(k: usize, v: impl Fn(&[bool]) -> f64) -> Vec<f64> {
    let set = |mask: usize| -> Vec<bool> { (0..k).map(|j| mask & (1 << j) != 0).collect() };
    let v: Vec<f64> = (0..1usize << k).map(|m| v(&set(m))).collect();
    // w(s) = s!(k−s−1)!/k!
    let fact = |m: usize| (1..=m).map(|x| x as f64).product::<f64>();
    let w: Vec<f64> = (0..k)
        .map(|s| fact(s) * fact(k - s - 1) / fact(k))
        .collect();
    (0..k)
        .map(|j| {
            (0..1usize << k)
                .filter(|m| m & (1 << j) == 0)
                .map(|m| w[m.count_ones() as usize] * (v[m | (1 << j)] - v[m]))
                .sum()
        })
        .collect()
}

/// Players applied one after another in order, each getting what it adds.
fn sequential(k: usize, v: impl Fn(&[bool]) -> f64) -> Vec<f64> {
    let mut set = vec![false; k];
    let mut before = v(&set);
    (0..k)
        .map(|j| {
            set[j] = true;
            let after = v(&set);
            let x = after - before;
            before = after;
            x
        })
        .collect()
}

/// A value (and the score it had) scored on another indicator definition's curve.
fn rescore(def: &AppliedIndicator, value: Option<f64>, had: Option<f64>) -> Option<f64> {
    // Not scored at all (suppressed, or excluded when missing): the same on any curve.
    had?;
    match value.and_then(|v| curve::score(&def.curve, v)) {
        Some(s) => Some(s),
        None if def.missing == Missing::Zero => Some(0.0),
        None => had,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A game with an interaction: v = 10·a + 4·b + 6·a·b (+ c, alone).
    fn game(s: &[bool]) -> f64 {
        let x = |j: usize| if s[j] { 1.0 } else { 0.0 };
        10.0 * x(0) + 4.0 * x(1) + 6.0 * x(0) * x(1) + x(2)
    }

    #[test]
    fn shapley_splits_an_interaction_evenly_and_adds_up() {
        // a: 10 + 6/2 = 13, b: 4 + 6/2 = 7, c: 1; total v(all) − v(∅) = 21.
        let phi = shapley(3, game);
        for (got, want) in phi.iter().zip([13.0, 7.0, 1.0]) {
            assert!((got - want).abs() < 1e-12, "{phi:?}");
        }
    }

    #[test]
    fn sequential_adds_up_and_gives_the_interaction_to_the_later_player() {
        // In order a, b, c: a 10, b 4 + 6 = 10, c 1.
        let phi = sequential(3, game);
        assert_eq!(phi, vec![10.0, 10.0, 1.0]);
    }

    #[test]
    fn sequential_takes_more_players_than_a_bit_mask_holds() {
        let phi = sequential(200, |s| s.iter().filter(|x| **x).count() as f64);
        assert_eq!(phi.len(), 200);
        assert!(phi.iter().all(|x| *x == 1.0));
    }
}
