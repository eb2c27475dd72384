//! Rubric settings that never matched anything in a run ("not encountered", cargo-deny's
//! `UnmatchedSkip`): a dataset's `files` pattern that picked no file. The checker does not see
//! the data, so the command asks after loading, with the files that were read.
//!
//! Warnings only: nothing here changes what is loaded or scored.

use super::error::RubricError;
use super::model::Rubric;
use std::path::Path;

impl Rubric {
    /// A warning for each dataset none of whose `files` patterns matched a file read for it
    /// (pointing at its first pattern). `read` gives (dataset id, file path) for every file
    /// read; only the file name is matched, as the loader does. One unused alternative among
    /// several patterns (`["*survei*", "*survey*"]`) is not a warning: the list as a whole did
    /// its job.
    pub fn unmatched_patterns<'a>(
        &self,
        read: impl IntoIterator<Item = (&'a str, &'a str)> + Clone,
    ) -> Vec<RubricError> {
        let mut out = Vec::new();
        for ds in &self.datasets {
            let Some(first) = ds.files.first() else {
                continue;
            };
            let encountered = ds.files.iter().any(|p| {
                read.clone().into_iter().any(|(d, path)| {
                    d == ds.id
                        && Path::new(path)
                            .file_name()
                            .is_some_and(|n| p.matches(&n.to_string_lossy()))
                })
            });
            if !encountered {
                let list: Vec<String> = ds
                    .files
                    .iter()
                    .map(|p| format!("`{}`", p.as_str()))
                    .collect();
                out.push(
                    RubricError::warning(
                        Some(first.span()),
                        format!(
                            "no file pattern of dataset `{}` matched a file ({})",
                            ds.id,
                            list.join(", ")
                        ),
                    )
                    .hint("no file read for this dataset has a name these patterns match; check the file names, or the patterns"),
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::rubric::{Severity, load_str};

    const TINY: &str = include_str!("../../tests/fixtures/tiny/tiny.toml");

    #[test]
    fn a_dataset_whose_patterns_picked_no_file_warns_at_its_first_pattern() {
        let src = TINY.replace(
            "files = [\"survei*\"]",
            "files = [\"*survey*\", \"kuesioner*\"]",
        );
        let r = load_str(&src, "r.toml").unwrap();
        let read = [
            ("infra", "data/INFRA-2025.csv"),
            // Recognised by its header, not its name: the patterns still matched nothing.
            ("survei", "data/survei_bagian1.xlsx"),
            // A file of another dataset does not count for this one.
            ("infra", "data/old_survey.csv"),
        ];
        let w = r.unmatched_patterns(read.iter().copied());
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].severity, Severity::Warning);
        let shown = r.report(w).to_string();
        let line = src.lines().position(|l| l.contains("*survey*")).unwrap() + 1;
        let col = src
            .lines()
            .nth(line - 1)
            .unwrap()
            .find("\"*survey*\"")
            .unwrap()
            + 1;
        assert!(
            shown.starts_with(&format!(
                "r.toml:{line}:{col}: warning: no file pattern of dataset `survei` matched a file (`*survey*`, `kuesioner*`)\n"
            )),
            "{shown}"
        );
        assert!(shown.contains("^^^^^^^^^^"), "{shown}");
        assert!(shown.ends_with("1 warning in r.toml"), "{shown}");
    }

    #[test]
    fn every_dataset_matched_gives_no_warning() {
        let r = load_str(TINY, "r.toml").unwrap();
        let read = [("infra", "infra.csv"), ("survei", "Survei.CSV")];
        assert!(r.unmatched_patterns(read.iter().copied()).is_empty());
        // Nothing read at all: both datasets warn.
        assert_eq!(r.unmatched_patterns(std::iter::empty()).len(), 2);
        // One unused alternative beside a pattern that matched: no warning.
        let src = TINY.replace(
            "files = [\"survei*\"]",
            "files = [\"survei*\", \"*survey*\"]",
        );
        let r = load_str(&src, "r.toml").unwrap();
        assert!(r.unmatched_patterns(read.iter().copied()).is_empty());
    }
}
