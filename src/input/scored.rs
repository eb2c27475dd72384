//! Which dataset columns feed a score: the names an indicator's value or a gate's requirement
//! uses, followed back through the datasets' metrics and derived columns to the columns an
//! office types. A `-` in such a column changes a verdict, so it is reported where it is
//! (`not-answered`, located), not only counted.
//!
//! It reads the rubric's expression texts as written (identifiers outside string literals);
//! it never evaluates them. A name used by two datasets counts for both (an over-estimate
//! only ever adds a warning).

use crate::rubric::Rubric;
use std::collections::BTreeSet;

/// `(dataset, column)` for every column that feeds an indicator or a gate.
pub(super) fn scored_columns(rubric: &Rubric) -> BTreeSet<(String, String)> {
    let mut names: BTreeSet<String> = rubric
        .indicators
        .iter()
        .map(|i| i.value.expr.as_str())
        .chain(rubric.gates.iter().map(|g| g.require.expr.as_str()))
        .flat_map(identifiers)
        .collect();
    // Metrics and derived columns used by a score add the names they are computed from, until
    // nothing new is reached.
    loop {
        let more: Vec<String> = rubric
            .datasets
            .iter()
            .flat_map(|d| d.metrics.iter().chain(&d.derived))
            .filter(|m| names.contains(&m.name))
            .flat_map(|m| identifiers(&m.expr))
            .filter(|n| !names.contains(n))
            .collect();
        if more.is_empty() {
            break;
        }
        names.extend(more);
    }
    rubric
        .datasets
        .iter()
        .flat_map(|d| {
            d.columns
                .iter()
                .filter(|c| names.contains(&c.name))
                .map(|c| (d.id.clone(), c.name.clone()))
        })
        .collect()
}

/// The identifiers of an SQL expression: bare words and `"quoted"` names, not the text of
/// `'string'` literals.
fn identifiers(sql: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                // A string literal ('' is an escaped quote, read as two literals).
                for d in chars.by_ref() {
                    if d == '\'' {
                        break;
                    }
                }
            }
            '"' => {
                let mut name = String::new();
                for d in chars.by_ref() {
                    if d == '"' {
                        break;
                    }
                    name.push(d);
                }
                out.push(name);
            }
            c if c.is_alphabetic() || c == '_' => {
                let mut name = String::from(c);
                while let Some(&d) = chars.peek() {
                    if d.is_alphanumeric() || d == '_' {
                        name.push(d);
                        chars.next();
                    } else {
                        break;
                    }
                }
                out.push(name);
            }
            c if c.is_ascii_digit() => {
                // A number such as `1e3` is not a name.
                while chars
                    .peek()
                    .is_some_and(|d| d.is_alphanumeric() || *d == '.')
                {
                    chars.next();
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_skip_literals_and_numbers() {
        assert_eq!(
            identifiers(r#"CASE WHEN "vpn kantor" AND bw_mbps >= 1e3 THEN 'ya dan tidak' END"#),
            [
                "CASE",
                "WHEN",
                "vpn kantor",
                "AND",
                "bw_mbps",
                "THEN",
                "END"
            ]
        );
        assert_eq!(identifiers("share_rank_2 / 2"), ["share_rank_2"]);
    }

    /// The shipped rubric: survey answers reach the score through per-unit metrics, the unit
    /// list's columns directly; a column only shown (a note, a name) feeds nothing.
    #[test]
    fn the_shipped_rubric_scores_through_its_metrics() {
        let r = crate::rubric::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/rubrics/wfa-asn-2025.toml"
        )))
        .unwrap();
        let s = scored_columns(&r);
        let has = |d: &str, c: &str| s.contains(&(d.to_string(), c.to_string()));
        // Every dataset has at least one column feeding a score.
        for d in &r.datasets {
            assert!(
                s.iter().any(|(ds, _)| ds == &d.id),
                "{} feeds nothing",
                d.id
            );
        }
        let unit = r.unit_dataset.clone().unwrap();
        assert!(!has(&unit, r.unit_name.as_deref().unwrap()), "{s:?}");
        assert!(!has(&unit, &r.datasets[0].unit_key), "{s:?}");
    }
}
