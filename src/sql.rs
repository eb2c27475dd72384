//! The rubric's expression language is polars SQL (`polars::sql::sql_expr`). This module turns
//! rubric expressions into polars `Expr`s and explains failures in the user's terms: the unknown
//! column with a "did you mean" hint, or the SQL syntax error.
//!
//! Before anything is parsed, an expression's size is checked against the limits below
//! (documented in README.md, "Limits"): polars' SQL parser and planner recurse over the
//! expression tree, so a 5,000-term sum overflowed the stack and 4,000 terms took 40 s.
//!
//! It never evaluates anything itself.

use polars::prelude::*;

/// A failure to parse or resolve an expression, with an optional hint.
#[derive(Debug, Clone, PartialEq)]
pub struct ExprError {
    pub message: String,
    pub hint: Option<String>,
    /// Byte offset in the expression's text of the place at fault, when there is one.
    pub offset: Option<usize>,
}

/// The longest expression, in bytes (the shipped rubric's longest is 193).
pub const MAX_EXPR_BYTES: usize = 4096;
/// The most operators (`+ - * / % || = < > <= >= <> != AND OR`, each counted once) in one
/// expression (the shipped rubric's most is 9): each is a level of polars' expression tree.
pub const MAX_EXPR_OPERATORS: usize = 256;
/// The deepest nesting of parentheses and `CASE … END` in one expression (shipped: 2).
pub const MAX_EXPR_DEPTH: usize = 32;

/// Parse one SQL expression, after checking its size (`check_size`).
pub fn parse(sql: &str) -> Result<Expr, ExprError> {
    check_size(sql)?;
    polars::sql::sql_expr(sql).map_err(|e| ExprError {
        message: format!("invalid SQL expression: {}", clean(&e)),
        hint: None,
        offset: None,
    })
}

/// Refuse an expression longer than `MAX_EXPR_BYTES`, with more than `MAX_EXPR_OPERATORS`
/// operators or nested deeper than `MAX_EXPR_DEPTH`, in one pass over its text and without
/// parsing it. Quoted text (`'…'`, `"…"`, `` `…` ``) is skipped.
pub fn check_size(sql: &str) -> Result<(), ExprError> {
    let refuse = |message: String, offset: Option<usize>| {
        ExprError {
        message,
        hint: Some(
            "split it: compute parts as metrics or derived columns and combine them (see \"Limits\" in README.md)"
                .into(),
        ),
        offset,
    }
    };
    if sql.len() > MAX_EXPR_BYTES {
        return Err(refuse(
            format!(
                "expression is {} bytes long; the limit is {MAX_EXPR_BYTES}",
                sql.len()
            ),
            None,
        ));
    }
    let bytes = sql.as_bytes();
    let (mut depth, mut operators, mut i) = (0usize, 0usize, 0usize);
    let mut in_operator = false;
    while i < bytes.len() {
        let b = bytes[i];
        let operator = matches!(
            b,
            b'+' | b'-' | b'*' | b'/' | b'%' | b'|' | b'=' | b'<' | b'>' | b'!'
        );
        if operator && !in_operator {
            operators += 1;
        }
        in_operator = operator;
        match b {
            b'\'' | b'"' | b'`' => {
                // Skip to the closing quote (a doubled quote closes and reopens: same result).
                i += 1 + bytes[i + 1..]
                    .iter()
                    .position(|c| *c == b)
                    .unwrap_or(bytes.len());
            }
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let len = bytes[i..]
                    .iter()
                    .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
                    .unwrap_or(bytes.len() - i);
                let word = &sql[i..i + len];
                if word.eq_ignore_ascii_case("case") {
                    depth += 1;
                } else if word.eq_ignore_ascii_case("end") {
                    depth = depth.saturating_sub(1);
                } else if word.eq_ignore_ascii_case("and") || word.eq_ignore_ascii_case("or") {
                    operators += 1;
                }
                i += len - 1;
            }
            _ => {}
        }
        if depth > MAX_EXPR_DEPTH {
            return Err(refuse(
                format!("expression nests parentheses or CASE deeper than {MAX_EXPR_DEPTH} levels"),
                Some(i),
            ));
        }
        if operators > MAX_EXPR_OPERATORS {
            return Err(refuse(
                format!("expression has more than {MAX_EXPR_OPERATORS} operators"),
                Some(i),
            ));
        }
        i += 1;
    }
    Ok(())
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

/// polars' message for an error met while computing on data, without the values it quotes
/// (they are data, possibly personal: "… failed for 3 out of 3 values: [\"R1\", …]").
pub fn without_values(e: &PolarsError) -> String {
    let text = clean(e);
    match text.find(" values: [") {
        Some(i) => format!("{} values", &text[..i]),
        None => text,
    }
}

/// What to do about an expression that failed on the data.
pub const FAILED_ON_DATA_HINT: &str = "the checker saw the right types; a value in the data does not fit the expression (TRY_CAST gives missing instead of failing)";

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
            offset: None,
        };
    }
    ExprError {
        message: text,
        hint: None,
        offset: None,
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

    /// `n` terms joined by `op`.
    fn chain(n: usize, op: &str) -> String {
        vec!["bandwidth_mbps"; n].join(op)
    }

    #[test]
    fn a_5000_term_expression_is_refused_before_parsing() {
        // 5,000 terms (74 KB here, 51 KB in the report) overflowed the stack in the parser.
        let e = parse(&chain(5000, " + ")).unwrap_err();
        assert!(e.message.starts_with("expression is "), "{e:?}");
        assert!(
            e.message.ends_with("bytes long; the limit is 4096"),
            "{e:?}"
        );
        // Short names fit in the byte limit; the operator count refuses them.
        let e = parse(&vec!["a"; 1000].join("+")).unwrap_err();
        assert_eq!(e.message, "expression has more than 256 operators");
        assert_eq!(e.offset, Some(2 * 256 + 1));
        let e = parse(&vec!["a"; 300].join(" AND ")).unwrap_err();
        assert_eq!(e.message, "expression has more than 256 operators");
    }

    #[test]
    fn a_deeply_nested_expression_is_refused() {
        let deep = format!("{}a{}", "(".repeat(40), ")".repeat(40));
        let e = parse(&deep).unwrap_err();
        assert_eq!(
            e.message,
            "expression nests parentheses or CASE deeper than 32 levels"
        );
        assert_eq!(e.offset, Some(32));
        let mut cases = String::from("1");
        for _ in 0..40 {
            cases = format!("CASE WHEN a THEN {cases} ELSE 0 END");
        }
        assert!(
            parse(&cases)
                .unwrap_err()
                .message
                .starts_with("expression nests")
        );
    }

    #[test]
    fn an_expression_just_under_the_limits_is_accepted() {
        assert!(parse(&vec!["a"; 257].join(" + ")).is_ok());
        let nested = format!("{}a{}", "(".repeat(32), ")".repeat(32));
        assert!(parse(&nested).is_ok());
        // Sequential parentheses are not nesting; quoted text is not counted.
        assert!(parse(&vec!["(a)"; 200].join(" + ")).is_ok());
        assert!(parse(&format!("a = '{}'", "(+".repeat(1000))).is_ok());
        let long = format!("a + {}", "1".repeat(MAX_EXPR_BYTES - 4));
        assert_eq!(long.len(), MAX_EXPR_BYTES);
        assert!(check_size(&long).is_ok());
        assert!(check_size(&format!("{long}1")).is_err());
    }

    #[test]
    fn syntax_error_is_reported() {
        assert!(parse("AVG(x").is_err());
        assert!(parse("CASE WHEN x THEN 1 ELSE 0 END").is_ok());
    }
}
