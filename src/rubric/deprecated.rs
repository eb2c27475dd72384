//! Keys of the rubric format that were renamed or removed, and what a rubric that still uses
//! them gets: a warning naming the replacement, and the old key read as the new one (cargo-deny's
//! `Deprecated`/`DeprecationReason`).
//!
//! The table is applied to the parsed TOML document before it is deserialized, so the raw model
//! (`raw.rs`) only ever knows the current spelling. Nothing here checks values.

use super::error::RubricError;
use std::borrow::Cow;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// What happened to a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The key has a new name; its value is read under that name.
    Renamed { to: &'static str },
    /// The key no longer does anything; `why` says what replaced it. It is ignored.
    Removed { why: &'static str },
}

/// One deprecated key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deprecated {
    /// The table holding the key, as a dotted path where `*` stands for any dataset id or array
    /// index: `""` (top level), `"datasets.*"`, `"datasets.*.columns.*"`, `"indicators.*"`.
    pub table: &'static str,
    pub key: &'static str,
    pub reason: Reason,
}

/// Every deprecated key of format-version 1. Empty: no key has been renamed or removed since the
/// format was published (checked against the history of `src/rubric/raw.rs` and the shipped
/// rubrics). Add an entry here, and a line to `rubrics/README.md`, when a key changes, e.g.
/// `Deprecated { table: "indicators.*", key: "old-name", reason: Reason::Renamed { to: "new-name" } }`.
pub const DEPRECATED: &[Deprecated] = &[];

/// Apply `table` to the document: every deprecated key found gives a warning at the key, a
/// renamed key is moved to its new name and a removed key is dropped. A renamed key given
/// together with its new name is an error (the two would disagree).
pub(crate) fn apply(doc: &mut Spanned<DeTable<'_>>, table: &[Deprecated]) -> Vec<RubricError> {
    let mut problems = Vec::new();
    if !table.is_empty() {
        walk(doc.get_mut(), &mut Vec::new(), table, &mut problems);
    }
    problems
}

fn walk(
    t: &mut DeTable<'_>,
    path: &mut Vec<String>,
    table: &[Deprecated],
    problems: &mut Vec<RubricError>,
) {
    for d in table.iter().filter(|d| path_matches(d.table, path)) {
        // Taken out, so that it is not also reported as an unknown key.
        let Some((key, value)) = t.remove_entry(d.key) else {
            continue;
        };
        let shown = path
            .iter()
            .map(String::as_str)
            .chain([d.key])
            .collect::<Vec<_>>()
            .join(".");
        match d.reason {
            Reason::Renamed { to } if t.contains_key(to) => {
                problems.push(
                    RubricError::error(
                        Some(key.span()),
                        format!("`{shown}` is the old name of `{to}`, which is also given"),
                    )
                    .hint(format!("keep only `{to}`")),
                );
            }
            Reason::Renamed { to } => {
                problems.push(
                    RubricError::warning(
                        Some(key.span()),
                        format!("`{shown}` is deprecated: it was renamed `{to}`"),
                    )
                    .hint(format!(
                        "write `{to}`; the old name is read as `{to}` for now"
                    )),
                );
                t.insert(Spanned::new(key.span(), Cow::Borrowed(to)), value);
            }
            Reason::Removed { why } => {
                problems.push(
                    RubricError::warning(
                        Some(key.span()),
                        format!("`{shown}` is deprecated and ignored: {why}"),
                    )
                    .hint(format!("delete `{}`", d.key)),
                );
            }
        }
    }
    for (k, v) in t.iter_mut() {
        path.push(k.get_ref().to_string());
        match v.get_mut() {
            DeValue::Table(inner) => walk(inner, path, table, problems),
            DeValue::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    if let DeValue::Table(inner) = item.get_mut() {
                        path.push(i.to_string());
                        walk(inner, path, table, problems);
                        path.pop();
                    }
                }
            }
            _ => {}
        }
        path.pop();
    }
}

fn path_matches(pattern: &str, path: &[String]) -> bool {
    if pattern.is_empty() {
        return path.is_empty();
    }
    let parts: Vec<&str> = pattern.split('.').collect();
    parts.len() == path.len() && parts.iter().zip(path).all(|(p, k)| *p == "*" || p == k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_paths_match_with_wildcards() {
        let p = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert!(path_matches("", &[]));
        assert!(!path_matches("", &p(&["units"])));
        assert!(path_matches("datasets.*", &p(&["datasets", "infra"])));
        assert!(path_matches(
            "datasets.*.columns.*",
            &p(&["datasets", "infra", "columns", "3"])
        ));
        assert!(!path_matches(
            "datasets.*",
            &p(&["datasets", "infra", "columns"])
        ));
        assert!(!path_matches("indicators.*", &p(&["gates", "0"])));
    }
}
