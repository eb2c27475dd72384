//! Frames and derived columns: each dataset's typed rows become a polars frame, the rubric's
//! derived columns are added in order, and a dataset with no file at all is reported.
//!
//! Keys are not looked at here (`keys.rs`).

use super::Loader;
use super::diags;
use super::model::{Frame, LoadError};
use super::typing::Builder;
use crate::rubric::{Dataset, Rubric};
use polars::prelude::*;
use std::collections::BTreeMap;

impl Loader<'_> {
    /// One frame per dataset, with its derived columns.
    pub(super) fn frames(
        &mut self,
        mut builders: BTreeMap<String, Builder>,
    ) -> Result<BTreeMap<String, Frame>, LoadError> {
        let mut frames = BTreeMap::new();
        for ds in &self.rubric.datasets {
            let b = builders.remove(&ds.id).expect("builder");
            let mut frame = b.frame(ds)?;
            frame.df = derive(self.rubric, ds, frame.df)?;
            if frame.df.height() == 0 && !self.inputs.iter().any(|i| i.dataset == ds.id) {
                self.diags.push(diags::missing_dataset(ds));
            }
            frames.insert(ds.id.clone(), frame);
        }
        Ok(frames)
    }
}

/// Add the derived columns, in order. One that fails on the data is reported at its place in
/// the rubric (the first that fails, each computed after the ones before it), without quoting
/// the data's values.
fn derive(rubric: &Rubric, ds: &Dataset, df: DataFrame) -> Result<DataFrame, LoadError> {
    let with = |n: usize| {
        let mut lf = df.clone().lazy();
        for d in &ds.derived[..n] {
            lf = lf.with_column(d.parsed.clone().alias(d.name.as_str()));
        }
        lf.collect()
    };
    with(ds.derived.len()).map_err(|err| {
        let failed = (1..=ds.derived.len()).find_map(|n| with(n).err().map(|e| (n - 1, e)));
        match failed {
            Some((i, e)) => {
                let d = &ds.derived[i];
                LoadError::Derived(rubric.problem_at(
                    d,
                    format!(
                        "derived column `{}` of `{}` `{}` failed on the data: {}",
                        d.name,
                        ds.id,
                        d.expr,
                        crate::sql::without_values(&e)
                    ),
                    crate::sql::FAILED_ON_DATA_HINT,
                ))
            }
            None => LoadError::Polars(err),
        }
    })
}
