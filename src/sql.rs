//! The rubric's expression language is polars SQL (`polars::sql::sql_expr`). This module turns
//! rubric expressions into polars `Expr`s and explains failures in the user's terms: the unknown
//! column with a "did you mean" hint, or the SQL syntax error.
//!
//! It never evaluates anything itself.

use polars::prelude::*;

/// A failure to parse or resolve an expression, with an optional hint.
#[derive(Debug, Clone, PartialEq)]
pub struct ExprError {
    pub message: String,
    pub hint: Option<String>,
}

/// Parse one SQL expression.
pub fn parse(sql: &str) -> Result<Expr, ExprError> {
    polars::sql::sql_expr(sql).map_err(|e| ExprError {
        message: format!("invalid SQL expression: {}", clean(&e)),
        hint: None,
    })
}

/// polars' error text without its backtrace/noise, on one line.
pub fn clean(e: &PolarsError) -> String {
    let s = e.to_string();
    let first = s.split("\n\nResolved plan").next().unwrap_or(&s);
    let first = first
        .split("\n\nThis error occurred")
        .next()
        .unwrap_or(first);
    first.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Explain a schema-resolution error: an unknown column becomes "unknown column `x`" with
/// polars' own "did you mean" suggestion, or else the nearest known name.
pub fn explain(e: &PolarsError, known: &[String]) -> ExprError {
    let text = clean(e);
    if let Some(pos) = text.find("unable to find column") {
        let missing = quoted(&text[pos..]).unwrap_or_default();
        let polars_hint = text
            .find("Did you mean")
            .and_then(|p| quoted(&text[p..]))
            .filter(|s| !s.is_empty());
        let hint = polars_hint
            .or_else(|| nearest(&missing, known).map(str::to_string))
            .map(|n| format!("did you mean `{n}`?"))
            .unwrap_or_else(|| format!("known names here: {}", preview(known, 12)));
        return ExprError {
            message: format!("unknown column `{missing}`"),
            hint: Some(hint),
        };
    }
    ExprError {
        message: text,
        hint: None,
    }
}

fn quoted(s: &str) -> Option<String> {
    for q in ['"', '`', '\''] {
        if let Some(start) = s.find(q) {
            if let Some(len) = s[start + 1..].find(q) {
                return Some(s[start + 1..start + 1 + len].to_string());
            }
        }
    }
    None
}

/// The known name closest to `name`, if it is reasonably close.
pub fn nearest<'a>(name: &str, known: &'a [String]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| {
            (
                strsim::normalized_damerau_levenshtein(&name.to_lowercase(), &k.to_lowercase()),
                k,
            )
        })
        .filter(|(score, _)| *score >= 0.6)
        // Ties go to the alphabetically first name, so the hint never depends on map order.
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, k)| k.as_str())
}

fn preview(names: &[String], n: usize) -> String {
    let mut s = names.iter().take(n).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > n {
        s.push_str(&format!(", … (+{})", names.len() - n));
    }
    s
}

/// An empty frame with the given columns.
pub fn empty_frame(fields: &[(String, DataType)]) -> LazyFrame {
    let schema = Schema::from_iter(
        fields
            .iter()
            .map(|(n, t)| Field::new(n.as_str().into(), t.clone())),
    );
    DataFrame::empty_with_schema(&schema).lazy()
}

/// Is this a dtype a unit-level value may have (number or boolean)?
pub fn is_scalar_numeric(t: &DataType) -> bool {
    t.is_primitive_numeric() || matches!(t, DataType::Boolean | DataType::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_column_gets_a_hint() {
        let lf = empty_frame(&[("laptop_dinas".into(), DataType::Int64)]);
        let e = lf
            .select([parse("laptop_dinass * 2").unwrap()])
            .collect_schema()
            .unwrap_err();
        let x = explain(&e, &["laptop_dinas".to_string()]);
        assert_eq!(x.message, "unknown column `laptop_dinass`");
        assert_eq!(x.hint.as_deref(), Some("did you mean `laptop_dinas`?"));
    }

    #[test]
    fn syntax_error_is_reported() {
        assert!(parse("AVG(x").is_err());
        assert!(parse("CASE WHEN x THEN 1 ELSE 0 END").is_ok());
    }
}
