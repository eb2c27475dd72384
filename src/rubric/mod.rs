//! The rubric: the analysts' configurable scoring rules, in TOML.
//!
//! `load` reads a file, renames deprecated keys (`deprecated`), deserializes it into the raw
//! model (`raw`) and checks every part of it (`validate`: names, references, weights, curves, and
//! every SQL expression against the datasets' schemas) into the trusted `Rubric` (`model`),
//! collecting *all* problems with their `file:line:column` (`error`) before giving up. Warnings
//! do not stop it: they stay on the `Rubric`, for the command to print.
//!
//! Nothing here reads data files or evaluates anything.

pub mod deprecated;
mod error;
mod model;
pub mod raw;
mod unmatched;
mod validate;

pub use error::{RubricError, RubricErrors, Severity};
pub use model::*;
pub(crate) use validate::numbers::{MAX_MAGNITUDE, show};

use deprecated::Deprecated;
use error::{find_key_span, toml_error};
use raw::RawRubric;
use sha2::{Digest, Sha256};
use std::path::Path;

/// Read and check a rubric file.
pub fn load(path: &Path) -> Result<Rubric, RubricErrors> {
    let shown = path.display().to_string();
    let unreadable =
        |message: String| RubricErrors::new(&shown, "", vec![RubricError::error(None, message)]);
    let bytes = crate::fsread::read(path, crate::fsread::CONFIG_LIMIT)
        .map_err(|e| unreadable(format!("cannot read the rubric: {e}")))?;
    let src =
        String::from_utf8(bytes).map_err(|_| unreadable("the rubric is not UTF-8 text".into()))?;
    load_str(&src, &shown)
}

/// Check a rubric given as text; `path` is only used in messages and outputs.
pub fn load_str(src: &str, path: &str) -> Result<Rubric, RubricErrors> {
    load_with(src, path, deprecated::DEPRECATED)
}

/// `load_str` with a given table of deprecated keys.
fn load_with(src: &str, path: &str, table: &[Deprecated]) -> Result<Rubric, RubricErrors> {
    let fail = |errors| RubricErrors::new(path, src, errors);
    let mut doc = toml::de::DeTable::parse(src).map_err(|e| fail(vec![toml_error(&e)]))?;
    let mut problems = deprecated::apply(&mut doc, table);
    // Only read when a key is unknown, to find its place.
    let keys = doc.clone();
    let mut ignored = Vec::new();
    let raw: RawRubric = serde_ignored::deserialize(toml::de::Deserializer::from(doc), |p| {
        ignored.push(p.to_string())
    })
    .map_err(|e| fail(vec![toml_error(&e)]))?;
    for p in ignored {
        let p = p
            .replace("$__serde_spanned_private_value.", "")
            .replace(".$__serde_spanned_private_value", "")
            .replace("?.", "");
        let key = p.rsplit('.').next().unwrap_or(&p).to_string();
        problems.push(
            RubricError::error(find_key_span(&keys, &p), format!("unknown key `{p}`")).hint(
                format!("`{key}` is not part of the rubric format (see rubrics/README.md)"),
            ),
        );
    }
    let sha256 = hex(&Sha256::digest(src.as_bytes()));
    let (rubric, mut found) = validate::check(raw, path, sha256, src);
    problems.append(&mut found);
    match rubric {
        Some(mut r) if !problems.iter().any(RubricError::is_error) => {
            r.warnings = RubricErrors::new(path, src, problems).errors;
            Ok(r)
        }
        _ => Err(fail(problems)),
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Rubric {
    /// `problems` of this rubric (warnings found after loading it), printable at their places.
    pub fn report(&self, problems: Vec<RubricError>) -> RubricErrors {
        RubricErrors::new(&self.path, &self.source, problems)
    }

    /// One problem found while computing, at the place of the expression `at`.
    pub fn problem_at(&self, at: &NamedExpr, message: String, hint: &str) -> RubricErrors {
        self.report(vec![
            RubricError::error(Some(at.span.clone()), message).hint(hint),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::deprecated::Reason;
    use super::*;

    const TINY: &str = include_str!("../../tests/fixtures/tiny/tiny.toml");

    /// A table of the kind `DEPRECATED` holds, for keys of the tiny rubric.
    const TABLE: &[Deprecated] = &[
        Deprecated {
            table: "datasets.*",
            key: "key-column",
            reason: Reason::Renamed { to: "unit-key" },
        },
        Deprecated {
            table: "",
            key: "language",
            reason: Reason::Removed {
                why: "texts carry their own `id`/`en` versions",
            },
        },
    ];

    fn tiny_with_old_names() -> String {
        let src = TINY.replacen("unit-key = ", "key-column = ", 1);
        assert_ne!(src, TINY, "the tiny rubric has a unit-key");
        src.replacen("\nversion = ", "\nlanguage = \"id\"\nversion = ", 1)
    }

    #[test]
    fn tiny_rubric_is_valid() {
        let r = load_str(TINY, "tiny.toml").unwrap();
        assert_eq!(r.indicators.len(), 6);
        assert_eq!(
            r.verdicts.iter().map(|v| v.id.as_str()).collect::<Vec<_>>(),
            ["layak", "terbatas", "belum"]
        );
        assert_eq!(r.gates[1].cap, 1);
        assert_eq!(r.sha256.len(), 64);
        assert!(r.warnings.is_empty());
    }

    #[test]
    fn a_renamed_key_is_read_under_its_new_name_with_a_warning() {
        let src = tiny_with_old_names();
        // Without the table, the old names are unknown keys (and a missing field).
        assert!(load_str(&src, "r.toml").is_err());
        let r = load_with(&src, "r.toml", TABLE).expect("deprecated keys only warn");
        let plain = load_str(TINY, "tiny.toml").unwrap();
        assert_eq!(
            r.datasets.iter().map(|d| &d.unit_key).collect::<Vec<_>>(),
            plain
                .datasets
                .iter()
                .map(|d| &d.unit_key)
                .collect::<Vec<_>>()
        );
        let shown = r.report(r.warnings.clone());
        assert_eq!(shown.count(Severity::Warning), 2, "{shown}");
        assert_eq!(shown.count(Severity::Error), 0);
        let text = shown.to_string();
        let line = src
            .lines()
            .position(|l| l.starts_with("key-column"))
            .unwrap()
            + 1;
        assert!(
            text.contains(&format!(
                "r.toml:{line}:1: warning: `datasets.infra.key-column` is deprecated: it was renamed `unit-key`\n"
            )),
            "{text}"
        );
        assert!(
            text.contains("= hint: write `unit-key`; the old name is read as `unit-key` for now"),
            "{text}"
        );
        assert!(
            text.contains("warning: `language` is deprecated and ignored: texts carry"),
            "{text}"
        );
        assert!(text.ends_with("2 warnings in r.toml"), "{text}");
    }

    #[test]
    fn an_old_name_beside_its_new_name_is_an_error() {
        let src = TINY.replacen("unit-key = ", "key-column = \"x\"\nunit-key = ", 1);
        let e = load_with(&src, "r.toml", TABLE).unwrap_err();
        assert_eq!(e.count(Severity::Error), 1, "{e}");
        assert!(
            e.errors[0]
                .message
                .ends_with("is the old name of `unit-key`, which is also given"),
            "{e}"
        );
    }

    #[test]
    fn warnings_are_shown_beside_the_errors_of_a_broken_rubric() {
        let src = tiny_with_old_names().replace("min-score = 50", "min-score = 80");
        let e = load_with(&src, "r.toml", TABLE).unwrap_err();
        assert_eq!(e.count(Severity::Warning), 2, "{e}");
        assert_eq!(e.count(Severity::Error), 1, "{e}");
        assert!(
            e.to_string()
                .ends_with("1 problem and 2 warnings in r.toml")
        );
    }
}
