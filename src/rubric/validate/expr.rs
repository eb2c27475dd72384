//! The expression type-checker: every SQL expression of the rubric is parsed once and planned
//! with polars on an empty frame holding the names visible at its place, so an unknown column
//! or a wrong result type is found before any data is read. The parsed `Expr` is what the
//! checked rubric keeps.
//!
//! Nothing is evaluated here: the frames are empty.

use super::Ctx;
use crate::rubric::model::NamedExpr;
use crate::sql::{self, ExprError};
use polars::prelude::{DataType, Expr, LazyFrame, NULL, col, lit};
use toml::Spanned;

/// Names visible at one place, with their types.
pub(super) type Fields = Vec<(String, DataType)>;

/// The names visible at one place, and an empty frame with them to plan expressions on.
#[derive(Clone)]
pub(super) struct Scope {
    pub fields: Fields,
    frame: LazyFrame,
}

impl Scope {
    pub fn new(fields: Fields) -> Self {
        Scope {
            frame: sql::empty_frame(&fields),
            fields,
        }
    }

    pub fn names(&self) -> Vec<String> {
        self.fields.iter().map(|(n, _)| n.clone()).collect()
    }
}

/// The names a province rule may use.
pub(super) fn province_fields(verdicts: &[String]) -> Fields {
    let mut f: Fields = ["units", "staff_total", "staff_eligible", "staff_allowed"]
        .iter()
        .map(|n| (n.to_string(), DataType::Float64))
        .collect();
    for v in verdicts {
        f.push((format!("n_{v}"), DataType::Float64));
        f.push((format!("share_{v}"), DataType::Float64));
    }
    for n in [
        "units_expected",
        "units_assessed",
        "units_not_assessed",
        "share_assessed",
    ] {
        f.push((n.to_string(), DataType::Float64));
    }
    f
}

/// The type `e` gives on `scope` (per group of `agg_key` when given).
fn type_of(e: &Expr, scope: &Scope, agg_key: Option<&str>) -> Result<Option<DataType>, ExprError> {
    let out = e.clone().alias("__out");
    let mut planned = match agg_key {
        Some(k) => scope.frame.clone().group_by([col(k)]).agg([out]),
        None => scope.frame.clone().select([out]),
    };
    match planned.collect_schema() {
        Ok(schema) => Ok(schema.get("__out").cloned()),
        Err(err) => Err(sql::explain(&err, &scope.names())),
    }
}

/// A checked expression named `name`. `parsed` is `None` only after a syntax error was
/// reported, so the stand-in never reaches a `Rubric`.
fn named(name: &str, e: &Spanned<String>, parsed: Option<Expr>) -> NamedExpr {
    NamedExpr {
        name: name.to_string(),
        expr: e.get_ref().clone(),
        parsed: parsed.unwrap_or_else(|| lit(NULL)),
        span: e.span(),
        description: None,
    }
}

impl Ctx {
    fn parse(&mut self, e: &Spanned<String>) -> Option<Expr> {
        match sql::parse(e.get_ref()) {
            Ok(x) => Some(x),
            Err(x) => {
                self.expr_error(e, x);
                None
            }
        }
    }

    fn expr_error(&mut self, e: &Spanned<String>, x: ExprError) {
        // Point at the unknown name inside the expression when it can be found.
        let mut span = e.span();
        if let Some(at) = x.offset {
            // Inside the quotes of a basic string, like the unknown name below.
            let start = span.start + 1 + at;
            span = start..start + 1;
        }
        if let Some(name) = x
            .message
            .strip_prefix("unknown column `")
            .and_then(|m| m.strip_suffix('`'))
        {
            if let Some(i) = e.get_ref().find(name) {
                let start = span.start + 1 + i;
                span = start..start + name.len();
            }
        }
        let mut problem = crate::rubric::RubricError::error(Some(span), x.message);
        problem.hint = x.hint;
        self.problems.push(problem);
    }

    /// Parse `e` and plan it on `scope` (per group of `agg_key` when given): the checked
    /// expression, and its type when it resolves.
    pub(super) fn expr(
        &mut self,
        name: &str,
        e: &Spanned<String>,
        scope: &Scope,
        agg_key: Option<&str>,
    ) -> (NamedExpr, Option<DataType>) {
        let Some(parsed) = self.parse(e) else {
            return (named(name, e, None), None);
        };
        let t = self.typed(e, &parsed, scope, agg_key);
        (named(name, e, Some(parsed)), t)
    }

    fn typed(
        &mut self,
        e: &Spanned<String>,
        parsed: &Expr,
        scope: &Scope,
        agg_key: Option<&str>,
    ) -> Option<DataType> {
        match type_of(parsed, scope, agg_key) {
            Ok(t) => t,
            Err(x) => {
                self.expr_error(e, x);
                None
            }
        }
    }

    /// A unit-level expression: one value per unit, planned on the unit-level names.
    pub(super) fn unit_expr(
        &mut self,
        name: &str,
        e: &Spanned<String>,
    ) -> (NamedExpr, Option<DataType>) {
        let Some(parsed) = self.parse(e) else {
            return (named(name, e, None), None);
        };
        self.per_unit(e, &parsed);
        let scope = std::mem::replace(&mut self.unit, Scope::new(Vec::new()));
        let t = self.typed(e, &parsed, &scope, None);
        self.unit = scope;
        (named(name, e, Some(parsed)), t)
    }

    /// A unit-level expression that must give a number (`what` names it in the message).
    pub(super) fn numeric(&mut self, name: &str, e: &Spanned<String>, what: &str) -> NamedExpr {
        let (x, t) = self.unit_expr(name, e);
        if let Some(t) = t {
            if !sql::is_scalar_numeric(&t) {
                self.err(
                    e.span(),
                    format!("`{what}` must give a number, this gives {t}"),
                );
            }
        }
        x
    }

    /// A unit-level expression must give one value per unit, not one across all units
    /// (`AVG(jumlah_pegawai)` would make a unit's score depend on the other units).
    fn per_unit(&mut self, e: &Spanned<String>, parsed: &Expr) {
        let aggregates = parsed
            .into_iter()
            .any(|node| matches!(node, Expr::Agg(_) | Expr::Len));
        if aggregates {
            self.err_hint(
                e.span(),
                "this unit-level expression aggregates across all units",
                "aggregate rows in a dataset's `metrics`; here each unit's own values are used",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{TINY, errors};
    use crate::rubric::load_str;

    #[test]
    fn a_unit_level_aggregate_is_rejected() {
        let src = TINY.replace(
            "value = \"skill_avg\"",
            "value = \"skill_avg / AVG(skill_avg)\"",
        );
        let e = errors(&src);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(
            e[0].2,
            "this unit-level expression aggregates across all units"
        );
    }

    #[test]
    fn syntax_errors_point_at_the_expression() {
        let src = TINY.replace(
            "require = \"persen_skp >= 0.5\"",
            "require = \"persen_skp >= \"",
        );
        let e = errors(&src);
        assert_eq!(e.len(), 1, "{e:?}");
        let line = TINY
            .lines()
            .position(|l| l.starts_with("require = \"persen_skp"))
            .unwrap()
            + 1;
        assert_eq!((e[0].0, e[0].1), (line, 11));
        assert!(e[0].2.starts_with("invalid SQL expression"), "{e:?}");
    }

    #[test]
    fn the_checked_rubric_holds_each_expression_parsed_from_its_text() {
        let r = load_str(TINY, "tiny.toml").unwrap();
        let mut all: Vec<&crate::rubric::NamedExpr> = Vec::new();
        for d in &r.datasets {
            all.extend(d.derived.iter().chain(&d.metrics));
        }
        for i in &r.indicators {
            all.extend([&i.value].into_iter().chain(&i.affects).chain(&i.gap));
        }
        for g in &r.gates {
            all.extend([&g.require].into_iter().chain(&g.affects));
        }
        all.extend(r.province.rules.iter().map(|p| &p.when));
        assert!(all.len() > 10, "{}", all.len());
        for e in all {
            assert_eq!(e.parsed, crate::sql::parse(&e.expr).unwrap(), "{}", e.expr);
        }
    }
}
