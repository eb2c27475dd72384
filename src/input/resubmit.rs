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
    inputs
        .iter()
        .enumerate()
        .map(|(i, f)| match resubmit {
            Resubmit::Date => (
                file_time
                    .get(&f.path)
                    .copied()
                    .unwrap_or(std::time::UNIX_EPOCH),
                i,
            ),
            _ => (std::time::UNIX_EPOCH, i),
        })
        .collect()
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
        let how = match self.known.resubmit {
            Resubmit::Date => "the newest file by date wins",
            _ => "the file read last wins",
        };
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
                how,
            );
            self.diags.push(d);
            self.keep[i] = false;
        }
    }
}
