//! Frames and derived columns: each dataset's typed rows become a polars frame, the rubric's
//! derived columns are added in order, and a dataset with no file at all is reported.
//!
//! Keys are not looked at here (`keys.rs`).

use super::Loader;
use super::diags;
use super::model::{Frame, LoadError};
use super::typing::Builder;
use crate::rubric::Dataset;
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
            frame.df = derive(ds, frame.df)?;
            if frame.df.height() == 0 && !self.inputs.iter().any(|i| i.dataset == ds.id) {
                self.diags.push(diags::missing_dataset(ds));
            }
            frames.insert(ds.id.clone(), frame);
        }
        Ok(frames)
    }
}

/// Add the derived columns, in order.
fn derive(ds: &Dataset, df: DataFrame) -> Result<DataFrame, LoadError> {
    let mut lf = df.lazy();
    for d in &ds.derived {
        lf = lf.with_column(d.parsed.clone().alias(d.name.as_str()));
    }
    lf.collect().map_err(|e| LoadError::Derived {
        dataset: ds.id.clone(),
        message: crate::sql::clean(&e),
    })
}
