//! Personal columns in metrics. A metric of a dataset may *count* people by a personal column
//! (`COUNT(*)`, `COUNT(nip)`, `COUNT(DISTINCT nip)`: how many rows have one), but never compute
//! anything else from its values: `MAX(SUBSTR(nip, 1, 15))` or `MIN(CAST(nip AS DOUBLE))` would
//! publish one person's NIP as a unit figure. A derived column computed from a personal column
//! is personal too. The checker refuses such a metric at the column's place in the expression.
//!
//! Reads parsed expressions only; no data.

use super::Ctx;
use crate::rubric::model::{Column, NamedExpr};
use polars::prelude::{AggExpr, Expr, FunctionExpr, lit};
use std::collections::BTreeSet;
use toml::Spanned;

/// The personal names of a dataset: columns marked `personal`, and every derived column whose
/// expression reads one (in order, so a derived column over a derived one is caught).
pub(super) fn personal_names(columns: &[Column], derived: &[NamedExpr]) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = columns
        .iter()
        .filter(|c| c.personal)
        .map(|c| c.name.clone())
        .collect();
    for d in derived {
        let reads = d
            .parsed
            .clone()
            .meta()
            .root_names()
            .iter()
            .any(|n| out.contains(n.as_str()));
        if reads {
            out.insert(d.name.clone());
        }
    }
    out
}

/// The first personal name `e` reads other than inside a plain count of it.
pub(super) fn reads_personal(e: &Expr, personal: &BTreeSet<String>) -> Option<String> {
    if personal.is_empty() {
        return None;
    }
    // Counts of a bare personal column are presence counts: take them out, then look.
    let without_counts = e.clone().map_expr(|node| match &node {
        Expr::Agg(AggExpr::Count { input, .. }) | Expr::Agg(AggExpr::NUnique(input))
            if bare_column(input) =>
        {
            lit(0)
        }
        // `COUNT(DISTINCT x)` is `n_unique(x) - (null_count(x) > 0)`.
        Expr::Function {
            input,
            function: FunctionExpr::NullCount,
        } if input.len() == 1 && bare_column(&input[0]) => lit(0),
        _ => node,
    });
    without_counts.into_iter().find_map(|node| match node {
        Expr::Column(n) if personal.contains(n.as_str()) => Some(n.to_string()),
        _ => None,
    })
}

/// A column as it is.
fn bare_column(e: &Expr) -> bool {
    matches!(e, Expr::Column(_))
}

impl Ctx {
    /// Refuse metric `m` (written at `text`) when it computes with a personal name.
    pub(super) fn personal_metric(
        &mut self,
        dataset: &str,
        m: &NamedExpr,
        text: &Spanned<String>,
        personal: &BTreeSet<String>,
    ) {
        let Some(name) = reads_personal(&m.parsed, personal) else {
            return;
        };
        // Point at the name inside the expression when it can be found.
        let mut span = text.span();
        if let Some(i) = text.get_ref().find(&name) {
            let start = span.start + 1 + i;
            span = start..start + name.len();
        }
        self.err_hint(
            span,
            format!(
                "metric `{}` computes with `{name}`, personal data of `{dataset}`: a unit figure could show a person's value",
                m.name
            ),
            "a personal column may only be counted (COUNT(*), COUNT(col), COUNT(DISTINCT col)); declare the answer you need as a column that is not personal",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{TINY, errors};
    use super::*;

    fn personal() -> BTreeSet<String> {
        ["nip".to_string()].into_iter().collect()
    }

    fn reads(sql: &str) -> Option<String> {
        reads_personal(&crate::sql::parse(sql).unwrap(), &personal())
    }

    #[test]
    fn counting_a_personal_column_is_allowed_computing_with_it_is_not() {
        assert_eq!(reads("COUNT(*)"), None);
        assert_eq!(reads("COUNT(nip)"), None);
        assert_eq!(reads("COUNT(DISTINCT nip)"), None);
        assert_eq!(reads("AVG(skill) + COUNT(nip) / 10"), None);
        assert_eq!(reads("MAX(SUBSTR(nip, 1, 15))").as_deref(), Some("nip"));
        assert_eq!(reads("MIN(CAST(nip AS DOUBLE))").as_deref(), Some("nip"));
        assert_eq!(reads("COUNT(SUBSTR(nip, 1, 4))").as_deref(), Some("nip"));
        assert_eq!(
            reads("SUM(CASE WHEN nip LIKE '1985%' THEN 1 ELSE 0 END)").as_deref(),
            Some("nip")
        );
    }

    #[test]
    fn metric_over_personal_column_is_refused() {
        // `id_responden` is personal in the tiny rubric; a metric that publishes part of it is
        // refused at the column's place.
        let src = TINY.replace(
            "{ name = \"skill_avg\", expr = \"AVG(skill)\" }",
            "{ name = \"skill_avg\", expr = \"AVG(skill)\" },\n  { name = \"nip_part\", expr = \"MAX(CAST(SUBSTR(id_responden, 2, 15) AS DOUBLE))\" }",
        );
        assert_ne!(src, TINY, "the tiny rubric changed");
        let e = errors(&src);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].2
                .starts_with("metric `nip_part` computes with `id_responden`"),
            "{e:?}"
        );
        let line = src.lines().position(|l| l.contains("nip_part")).unwrap() + 1;
        let col = src
            .lines()
            .nth(line - 1)
            .unwrap()
            .find("id_responden")
            .unwrap()
            + 1;
        assert_eq!((e[0].0, e[0].1), (line, col));
        // Counting respondents stays fine.
        let ok = TINY.replace(
            "{ name = \"skill_avg\", expr = \"AVG(skill)\" }",
            "{ name = \"skill_avg\", expr = \"AVG(skill)\" },\n  { name = \"respondents\", expr = \"COUNT(DISTINCT id_responden)\" }",
        );
        assert!(crate::rubric::load_str(&ok, "r.toml").is_ok());
    }
}
