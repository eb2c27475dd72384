//! `[[improvements]]`: what can be bought for a unit (for `kesiapan plan`): a unit-level name
//! raised by an amount (`adds-to`, priced per unit) or set to a value (`sets`/`to`, at a cost).

use super::numbers::{MAX_COST, MAX_MAGNITUDE};
use super::{Ctx, Unvalidated, text};
use crate::rubric::model::*;
use crate::rubric::raw::*;
use toml::Spanned;

impl Unvalidated for Vec<Spanned<RawImprovement>> {
    type Valid = Vec<Improvement>;

    fn validate(&self, ctx: &mut Ctx) -> Vec<Improvement> {
        let names: Vec<String> = ctx
            .unit
            .names()
            .into_iter()
            .filter(|n| n != "unit_id" && n != "unit_name")
            .collect();
        let mut out: Vec<Improvement> = Vec::new();
        for im in self {
            let r = im.get_ref();
            ctx.ident(&r.id, "improvement id");
            if out.iter().any(|o| &o.id == r.id.get_ref()) {
                ctx.err(
                    r.id.span(),
                    format!("improvement `{}` is defined twice", r.id.get_ref()),
                );
            }
            let check_name = |ctx: &mut Ctx, n: &Spanned<String>| {
                if !names.contains(n.get_ref()) {
                    ctx.unknown(n, "unit-level name", names.clone());
                }
            };
            let change = match (&r.adds_to, &r.sets) {
                (Some(name), None) => {
                    check_name(ctx, name);
                    let scale = r
                        .scale
                        .as_ref()
                        .map(|e| ctx.numeric("scale", e, "scale/max"));
                    let max_checked = r.max.as_ref().map(|e| ctx.numeric("max", e, "scale/max"));
                    let Some(max) = max_checked else {
                        ctx.err_hint(
                            im.span(),
                            "an `adds-to` improvement needs `max`",
                            "the largest amount that can be added, e.g. max = \"jumlah_pegawai\"",
                        );
                        continue;
                    };
                    let Some(cost) = &r.unit_cost else {
                        ctx.err(
                            im.span(),
                            "an `adds-to` improvement needs `unit-cost` (Rupiah per unit)",
                        );
                        continue;
                    };
                    let step = r.step.as_ref().map(|s| *s.get_ref()).unwrap_or(1.0);
                    if let Some(s) = &r.step {
                        if ctx.number(s.span(), step, 0.0..=MAX_MAGNITUDE, "step") && step <= 0.0 {
                            ctx.err(s.span(), "`step` must be above 0");
                        }
                    }
                    ctx.number(cost.span(), *cost.get_ref(), 0.0..=MAX_COST, "unit-cost");
                    Change::Add {
                        name: name.get_ref().clone(),
                        scale,
                        max,
                        step,
                        unit_cost: *cost.get_ref(),
                    }
                }
                (None, Some(name)) => {
                    check_name(ctx, name);
                    let (Some(to), Some(cost)) = (&r.to, &r.cost) else {
                        ctx.err_hint(
                            im.span(),
                            "a `sets` improvement needs `to` and `cost`",
                            "e.g. sets = \"vpn\", to = \"TRUE\", cost = 150000000",
                        );
                        continue;
                    };
                    let scope = ctx.unit.clone();
                    let (to, _) = ctx.expr("to", to, &scope, None);
                    ctx.number(cost.span(), *cost.get_ref(), 0.0..=MAX_COST, "cost");
                    Change::Set {
                        name: name.get_ref().clone(),
                        to,
                        cost: *cost.get_ref(),
                    }
                }
                _ => {
                    ctx.err_hint(
                        im.span(),
                        "an improvement has either `adds-to` or `sets`",
                        "adds-to raises a figure by an amount; sets gives it a value",
                    );
                    continue;
                }
            };
            out.push(Improvement {
                id: r.id.get_ref().clone(),
                label: text(r.label.as_ref(), r.id.get_ref()),
                unit: text(r.unit.as_ref(), ""),
                change,
                assumption: r.assumption.as_ref().map(|t| text(Some(t), "")),
                yearly: r.yearly.as_ref().is_some_and(|y| *y.get_ref()),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{TINY, errors};
    use crate::rubric::{Change, load_str};

    #[test]
    fn improvements_hold_their_expressions_parsed() {
        let r = load_str(TINY, "tiny.toml").unwrap();
        let Change::Add { scale, max, .. } = &r.improvements[2].change else {
            panic!("skp adds to persen_skp");
        };
        let parse = |s: &str| crate::sql::parse(s).unwrap();
        assert_eq!(
            scale.as_ref().unwrap().parsed,
            parse("1.0 / jumlah_pegawai")
        );
        assert_eq!(max.parsed, parse("jumlah_pegawai * (1 - persen_skp)"));
        let Change::Set { to, .. } = &r.improvements[1].change else {
            panic!("vpn sets vpn");
        };
        assert_eq!(to.parsed, parse("TRUE"));
        // What `plan` reads as the figure's current value is SQL's CAST(… AS DOUBLE).
        assert_eq!(
            r.improvements[0].current_value(),
            parse("CAST(laptop_dinas AS DOUBLE)")
        );
    }

    #[test]
    fn an_improvement_names_a_unit_level_figure_and_its_cost() {
        let src = TINY
            .replace("adds-to = \"laptop_dinas\"", "adds-to = \"laptop_dinass\"")
            .replace("cost = 100000000", "cost = -1");
        let e = errors(&src);
        let msgs: Vec<&str> = e.iter().map(|x| x.2.as_str()).collect();
        assert!(
            msgs.contains(&"unknown unit-level name `laptop_dinass`"),
            "{e:?}"
        );
        assert!(msgs.contains(&"cost -1 is outside 0..1e15"), "{e:?}");
        let neither = TINY.replace("sets = \"vpn\"\n", "");
        assert_eq!(
            errors(&neither)[0].2,
            "an improvement has either `adds-to` or `sets`"
        );
    }
}
