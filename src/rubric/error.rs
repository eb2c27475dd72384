//! Problems in a rubric file and how they are printed: `file:line:column: error: …`, the line,
//! a caret under the offending value and a hint.
//!
//! A problem is an error (the rubric is not used) or a warning (it is used, but something in it
//! is deprecated or never matched anything). This module only describes and prints problems;
//! it never decides whether a rubric is valid.

use std::fmt;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// How bad a rubric problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The rubric cannot be used: `rubric check`, `assess` and every other command stop (exit 2).
    Error,
    /// The rubric is used as it is; the warning says what to change.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem in a rubric file.
#[derive(Debug, Clone, PartialEq)]
pub struct RubricError {
    pub severity: Severity,
    /// Byte range in the file, when known.
    pub span: Option<Range<usize>>,
    pub message: String,
    pub hint: Option<String>,
}

impl RubricError {
    pub fn error(span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        RubricError {
            severity: Severity::Error,
            span,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        RubricError {
            severity: Severity::Warning,
            ..RubricError::error(span, message)
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Problems found in one rubric file, printable as `file:line:column: error: …` (or `warning`).
#[derive(Debug, Clone)]
pub struct RubricErrors {
    pub path: String,
    pub src: String,
    /// Sorted by position.
    pub errors: Vec<RubricError>,
}

impl RubricErrors {
    /// The problems of the file at `path` with text `src`, sorted by position (stable: problems
    /// at one place keep the order they were found in).
    pub fn new(path: &str, src: &str, mut errors: Vec<RubricError>) -> Self {
        errors.sort_by_key(|e| e.span.as_ref().map(|s| s.start).unwrap_or(0));
        RubricErrors {
            path: path.to_string(),
            src: src.to_string(),
            errors,
        }
    }

    /// 1-based (line, column) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        line_col(&self.src, offset)
    }

    /// How many problems have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.errors
            .iter()
            .filter(|e| e.severity == severity)
            .count()
    }
}

fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

impl fmt::Display for RubricErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.errors {
            let level = e.severity;
            match &e.span {
                Some(span) => {
                    let (line, col) = self.line_col(span.start);
                    writeln!(f, "{}:{line}:{col}: {level}: {}", self.path, e.message)?;
                    let text = self.src.lines().nth(line - 1).unwrap_or("");
                    let width = self.src[span.clone()]
                        .lines()
                        .next()
                        .map(|l| l.chars().count())
                        .unwrap_or(1)
                        .clamp(1, text.chars().count().saturating_sub(col - 1).max(1));
                    writeln!(f, "{line:>5} | {text}")?;
                    writeln!(f, "      | {}{}", " ".repeat(col - 1), "^".repeat(width))?;
                }
                None => writeln!(f, "{}: {level}: {}", self.path, e.message)?,
            }
            if let Some(h) = &e.hint {
                writeln!(f, "      = hint: {h}")?;
            }
        }
        let (errors, warnings) = (self.count(Severity::Error), self.count(Severity::Warning));
        let counted = match (errors, warnings) {
            (_, 0) => plural(errors, "problem"),
            (0, _) => plural(warnings, "warning"),
            _ => format!(
                "{} and {}",
                plural(errors, "problem"),
                plural(warnings, "warning")
            ),
        };
        write!(f, "{counted} in {}", self.path)
    }
}

impl std::error::Error for RubricErrors {}

/// A TOML syntax or shape error as a rubric error.
pub(crate) fn toml_error(e: &toml::de::Error) -> RubricError {
    RubricError::error(e.span(), e.message().trim())
}

/// The span of the key at a dotted path (`datasets.x.columns.0.foo`) in the parsed document.
pub(crate) fn find_key_span(doc: &Spanned<DeTable<'_>>, path: &str) -> Option<Range<usize>> {
    let mut table = doc.get_ref();
    let parts: Vec<&str> = path.split('.').collect();
    let mut i = 0;
    let mut value: Option<&Spanned<DeValue>> = None;
    while i < parts.len() {
        let part = parts[i];
        if let Some(v) = value {
            match v.get_ref() {
                DeValue::Table(t) => table = t,
                DeValue::Array(a) => {
                    let idx: usize = part.parse().ok()?;
                    value = Some(a.get(idx)?);
                    i += 1;
                    continue;
                }
                _ => return None,
            }
        }
        let (k, v) = table.iter().find(|(k, _)| k.get_ref().as_ref() == part)?;
        if i == parts.len() - 1 {
            return Some(k.span());
        }
        value = Some(v);
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "a = 1\nname = \"x\"\n";

    #[test]
    fn errors_alone_keep_the_problem_count() {
        let e = RubricErrors::new(
            "r.toml",
            SRC,
            vec![RubricError::error(Some(6..10), "bad name").hint("rename it")],
        );
        assert_eq!(
            e.to_string(),
            "r.toml:2:1: error: bad name\n    2 | name = \"x\"\n      | ^^^^\n      = hint: rename it\n1 problem in r.toml"
        );
    }

    #[test]
    fn warnings_are_labelled_and_counted_apart() {
        let e = RubricErrors::new(
            "r.toml",
            SRC,
            vec![
                RubricError::warning(Some(0..1), "old key"),
                RubricError::error(Some(6..10), "bad name"),
                RubricError::warning(None, "pattern matched nothing"),
            ],
        );
        let text = e.to_string();
        assert!(text.starts_with("r.toml:1:1: warning: old key\n"), "{text}");
        assert!(text.contains("r.toml:2:1: error: bad name\n"), "{text}");
        assert!(
            text.contains("r.toml: warning: pattern matched nothing\n"),
            "{text}"
        );
        assert!(
            text.ends_with("1 problem and 2 warnings in r.toml"),
            "{text}"
        );
        let only = RubricErrors::new("r.toml", SRC, vec![RubricError::warning(None, "w")]);
        assert!(only.to_string().ends_with("\n1 warning in r.toml"));
    }
}
