//! Leadership decisions applied after scoring (`overrides`): a gate's result replaced (the unit
//! is scored again with it, so its verdict, gates and obstacles follow), then the verdict
//! replaced (the WFA form follows the new verdict), then the most staff away at once capped.
//! Every change is kept as a fact with its reason and who decided, for every output to show as
//! a decision, never silently. Runs before the complementary suppression and the province's
//! summary, so both see the decided figures.

use super::facts::{Decider, UnitScore};
use super::frame::UnitValues;
use super::unit::{score_unit, wfa_facts};
use crate::overrides::Override;
use crate::rubric::Rubric;

/// What one decision changed.
#[derive(Debug, Clone, PartialEq)]
pub enum Overridden {
    /// A gate's result (`from` none: it had no data).
    Gate {
        gate: usize,
        from: Option<bool>,
        to: bool,
    },
    /// The verdict (rubric indices).
    Verdict { from: usize, to: usize },
    /// The staff allowed away at once, capped (`from` none when it is hidden for privacy).
    MaxAway { from: Option<i64>, to: i64 },
}

/// A decision applied to a unit.
#[derive(Debug, Clone, PartialEq)]
pub struct OverrideFact {
    pub what: Overridden,
    pub reason: String,
    pub decided_by: String,
}

/// Apply `overrides` to `units` (sorted like `values`, by id).
pub fn apply(r: &Rubric, units: &mut [UnitScore], values: &[UnitValues], overrides: &[Override]) {
    for o in overrides {
        let Some(u) = units.iter().position(|x| x.id == o.unit) else {
            continue;
        };
        let fact = |what| OverrideFact {
            what,
            reason: o.reason.clone(),
            decided_by: o.decided_by.clone(),
        };
        let mut v = values[u].clone();
        let mut facts = Vec::new();
        for &(g, passes) in &o.gates {
            if v.gates[g] != Some(passes) {
                facts.push(fact(Overridden::Gate {
                    gate: g,
                    from: v.gates[g],
                    to: passes,
                }));
                v.gates[g] = Some(passes);
            }
        }
        if !facts.is_empty() {
            units[u] = score_unit(r, &v);
        }
        if let Some(to) = o.verdict {
            let from = units[u].verdict;
            if from != to {
                units[u].verdict = to;
                units[u].decided_by = Decider::Override;
                units[u].wfa = wfa_facts(r, &v, to);
                facts.push(fact(Overridden::Verdict { from, to }));
            }
        }
        if let Some(cap) = o.max_away {
            let w = &mut units[u].wfa;
            if w.staff_allowed_at_once > cap {
                let from = w
                    .staff_allowed_hidden
                    .is_none()
                    .then_some(w.staff_allowed_at_once);
                w.staff_allowed_at_once = cap;
                facts.push(fact(Overridden::MaxAway { from, to: cap }));
            }
        }
        units[u].overrides = facts;
    }
}
