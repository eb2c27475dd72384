//! Resubmissions (`--resubmit order|date`): when a unit sends a dataset again, the rows of its
//! older file that share a key with the newer one are replaced by it, the whole file at once.
//! Keys of different units are never settled this way (they stay `duplicate-key` errors).
//!
//! Only decides which rows are superseded; grouping by key is `keys.rs`.

use super::diags;
use super::key_column;
use super::keys::KeyCheck;
use super::model::{InputFile, Resubmit};
use std::collections::HashMap;
use std::time::SystemTime;

/// How recent each input file is, for `Resubmit`: its place in the reading order, or its date
/// (ties: the reading order).
pub(super) fn file_rank(
    inputs: &[InputFile],
    file_time: &HashMap<String, SystemTime>,
    resubmit: Resubmit,
) -> Vec<(SystemTime, usize)> {
    let order = reading_order(inputs);
    inputs
        .iter()
        .enumerate()
        .map(|(i, f)| match resubmit {
            Resubmit::Date => (
                file_time
                    .get(&f.path)
                    .copied()
                    .unwrap_or(std::time::UNIX_EPOCH),
                order[i],
            ),
            _ => (std::time::UNIX_EPOCH, order[i]),
        })
        .collect()
}

/// Each input's place in the reading order for `--resubmit order`: by file name, except that a
/// name marked as a revision (`… (revisi).xlsx`, `…_rev2.ods`, `… perbaikan 2.csv`) comes after
/// the same name without the mark (plain byte order puts `X (revisi).xlsx` before `X.xlsx`).
fn reading_order(inputs: &[InputFile]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..inputs.len()).collect();
    idx.sort_by_cached_key(|&i| (revision_key(&inputs[i].path), i));
    let mut order = vec![0; inputs.len()];
    for (rank, i) in idx.into_iter().enumerate() {
        order[i] = rank;
    }
    order
}

/// Words that mark a file as a later version of the same submission.
const REVISION_WORDS: &[&str] = &["revisi", "rev", "perbaikan", "koreksi", "update", "final"];

/// (the name without its revision marks, how many revision marks and their numbers): a file
/// sorts after every file of the same base name with fewer or lower marks.
fn revision_key(path: &str) -> (String, Vec<u32>) {
    let p = std::path::Path::new(path);
    let dir = p
        .parent()
        .map(|d| d.to_string_lossy().to_string())
        .unwrap_or_default();
    let stem = p
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let mut words: Vec<String> = stem
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect();
    let mut marks = Vec::new();
    loop {
        match words.as_slice() {
            [.., w, n] if REVISION_WORDS.contains(&w.as_str()) && n.parse::<u32>().is_ok() => {
                marks.push(n.parse::<u32>().unwrap_or(0).max(1));
                words.truncate(words.len() - 2);
            }
            [.., w] if REVISION_WORDS.contains(&w.as_str()) => {
                marks.push(1);
                words.pop();
            }
            [.., w] if revision_word_with_number(w).is_some() => {
                marks.push(revision_word_with_number(w).unwrap_or(1));
                words.pop();
            }
            _ => break,
        }
    }
    marks.reverse();
    (format!("{dir}/{}", words.join(" ")), marks)
}

/// `rev2`, `revisi3` as one word: the number.
fn revision_word_with_number(w: &str) -> Option<u32> {
    let digits = w.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let word = &w[..w.len() - digits.len()];
    (REVISION_WORDS.contains(&word) && !digits.is_empty())
        .then(|| digits.parse().ok())
        .flatten()
}

impl KeyCheck<'_> {
    /// A file of a unit that shares a key with a newer file of the same unit is replaced whole
    /// by it: its kept rows of that unit become `superseded`.
    pub(super) fn settle_resubmissions(&mut self) {
        let rank = self.known.file_rank;
        let mut replaced: HashMap<(usize, String), usize> = HashMap::new();
        for g in self.group().iter().filter(|g| g.len() > 1) {
            let Some(u) = self.unit[g[0]].clone() else {
                continue;
            };
            if g.iter()
                .any(|i| self.unit[*i].as_deref() != Some(u.as_str()))
            {
                continue;
            }
            let newest = g
                .iter()
                .map(|i| self.file(*i))
                .max_by_key(|f| rank[*f])
                .expect("a group has rows");
            for f in g.iter().map(|i| self.file(*i)).filter(|f| *f != newest) {
                let by = replaced.entry((f, u.clone())).or_insert(newest);
                if rank[newest] > rank[*by] {
                    *by = newest;
                }
            }
        }
        // Follow chains (a first file replaced by a second, itself replaced by a third).
        let last = |mut f: usize, u: &str| {
            while let Some(by) = replaced.get(&(f, u.to_string())) {
                f = *by;
            }
            f
        };
        let n = self.keys.len();
        let first_row_of: HashMap<usize, usize> = (0..n).rev().map(|i| (self.file(i), i)).collect();
        let how = diags::superseded_how(matches!(self.known.resubmit, Resubmit::Date));
        let kept: Vec<usize> = (0..n).filter(|i| self.keep[*i]).collect();
        for i in kept {
            let Some(u) = self.unit[i].clone() else {
                continue;
            };
            if !replaced.contains_key(&(self.file(i), u.clone())) {
                continue;
            }
            let by = last(self.file(i), &u);
            let winner = self.src(first_row_of[&by]);
            let at = self.src(i);
            let ds = self.ds;
            let d = diags::superseded(
                &ds.id,
                &at,
                key_column(ds, &at, &ds.unique[0]),
                &u,
                &winner.file,
                &how,
            );
            self.diags.push(d);
            self.keep[i] = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(path: &str) -> InputFile {
        InputFile {
            dataset: "jabatan".into(),
            path: path.into(),
            sha256: String::new(),
            sheets: vec![],
            rows_read: 0,
            rows_used: 0,
            rows_rejected: 0,
        }
    }

    #[test]
    fn a_revision_is_read_after_its_original_whatever_the_byte_order() {
        // Byte order puts `X (revisi).xlsx` before `X.xlsx` (a space sorts before a dot).
        let files = [
            "d/Jabatan Diskominfosantik (revisi).xlsx",
            "d/Jabatan Diskominfosantik.xlsx",
            "d/jabatan_bkd_rev2.ods",
            "d/jabatan_bkd.ods",
            "d/jabatan_bkd_rev3.ods",
            "d/infra perbaikan 2.csv",
            "d/infra perbaikan.csv",
        ];
        let inputs: Vec<InputFile> = files.iter().map(|f| input(f)).collect();
        let order = reading_order(&inputs);
        let before =
            |a: usize, b: usize| assert!(order[a] < order[b], "{} before {}", files[a], files[b]);
        before(1, 0);
        before(3, 2);
        before(2, 4);
        before(6, 5);
    }

    #[test]
    fn names_without_a_revision_mark_keep_their_order() {
        let inputs: Vec<InputFile> = ["d/b.xlsx", "d/a.xlsx", "d/review.xlsx"]
            .iter()
            .map(|f| input(f))
            .collect();
        assert_eq!(reading_order(&inputs), vec![1, 0, 2]);
        assert_eq!(revision_key("d/review.xlsx").1, Vec::<u32>::new());
    }
}
