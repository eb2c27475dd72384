//! `[province]`: the rules (conditions over the counts and shares of unit verdicts) that give
//! the one overall answer, or, without the table, the best verdict that one unit reached.

use super::expr::{Scope, province_fields};
use super::numbers::SHARE;
use super::{Ctx, Unvalidated, text};
use crate::rubric::model::*;
use crate::rubric::raw::*;
use crate::sql;
use polars::prelude::DataType;
use toml::Spanned;

impl Unvalidated for Option<Spanned<RawProvince>> {
    /// `None` only when there is no verdict to answer with (an error already).
    type Valid = Option<Province>;

    fn validate(&self, ctx: &mut Ctx) -> Option<Province> {
        let verdicts = ctx.verdict_ids.clone();
        let Some(p) = self else {
            return best_reached(&verdicts);
        };
        let scope = Scope::new(province_fields(&verdicts));
        let names: Vec<String> = scope.names();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let r = p.get_ref();
        let mut rules = Vec::new();
        for rule in &r.rules {
            let rr = rule.get_ref();
            let (when, t) = ctx.expr("when", &rr.when, &scope, None);
            if let Some(t) = t {
                if t != DataType::Boolean {
                    ctx.err(
                        rr.when.span(),
                        format!("a province rule's `when` must be a condition, this gives {t}"),
                    );
                }
            }
            ctx.placeholders(&rr.message, &names);
            let v = ctx.verdict_ref(&rr.verdict);
            rules.push(ProvinceRule {
                when,
                verdict: v.unwrap_or(0),
                message: text(Some(rr.message.get_ref()), ""),
            });
        }
        if let Some(m) = &r.default_message {
            ctx.placeholders(m, &names);
        }
        let default = ctx.verdict_ref(&r.default);
        let min_assessed = match &r.min_assessed {
            Some(m) if ctx.number(m.span(), *m.get_ref(), SHARE, "min-assessed") => *m.get_ref(),
            _ => 0.0,
        };
        Some(Province {
            min_assessed,
            label: text(r.label.as_ref(), "Provinsi"),
            rules,
            default: default.unwrap_or(0),
            default_message: r
                .default_message
                .as_ref()
                .map(|m| text(Some(m.get_ref()), ""))
                .unwrap_or(Text::new("")),
        })
    }
}

/// Without `[province]`: the best verdict that at least one unit reached.
fn best_reached(verdicts: &[String]) -> Option<Province> {
    if verdicts.is_empty() {
        return None;
    }
    let rules = verdicts[..verdicts.len() - 1]
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let expr = format!("n_{v} >= 1");
            // A verdict id that is not a valid name (already an error) may not parse; the
            // rubric is then never built.
            let parsed = sql::parse(&expr).unwrap_or_else(|_| polars::prelude::lit(false));
            ProvinceRule {
                when: NamedExpr {
                    name: "when".into(),
                    expr,
                    parsed,
                    span: 0..0,
                    description: None,
                },
                verdict: i,
                message: Text {
                    id: format!("{{n_{v}}} dari {{units}} unit mencapai `{v}`."),
                    en: Some(format!("{{n_{v}}} of {{units}} units reach `{v}`.")),
                },
            }
        })
        .collect();
    Some(Province {
        label: Text {
            id: "Provinsi".into(),
            en: Some("Province".into()),
        },
        rules,
        default: verdicts.len() - 1,
        default_message: Text::new(""),
        min_assessed: 0.0,
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::TINY;
    use crate::rubric::load_str;

    #[test]
    fn without_a_province_section_the_best_verdict_reached_answers() {
        let cut = TINY.find("[province]").unwrap();
        let r = load_str(&TINY[..cut], "tiny.toml").unwrap();
        assert_eq!(r.province.rules.len(), 2);
        assert_eq!(r.province.rules[0].when.expr, "n_layak >= 1");
        assert_eq!(
            r.province.rules[0].when.parsed,
            crate::sql::parse("n_layak >= 1").unwrap()
        );
        assert_eq!(r.province.default, 2);
    }
}
