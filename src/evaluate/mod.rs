//! Evaluation after a WFA period (issue 14, PermenPANRB 4/2025 Pasal 35): did performance,
//! discipline and service hold in the units that worked away?
//!
//! - `days`: the loaded tables as daily values per unit (each measure) and the treatment log.
//! - `windows`: the window, the baseline a year earlier and the days before, among the dates
//!   that have data.
//! - `estimate`: the estimator (year-over-year change, difference in differences against the
//!   units that stayed, intervals, placebo, the naive comparison) on daily values.
//! - `stats`: the t quantile and the small statistics it needs.
//! - `result`: the whole evaluation as one value (`evaluation.json`), scopes combined.
//! - `freeze`: the plan fixed before the window, and its check.
//! - `join`: the evaluation beside the readiness assessment.
//!
//! Compute only: no file is read and no word is chosen here.

pub mod days;
pub mod estimate;
pub mod freeze;
pub mod join;
pub mod result;
pub mod stats;
pub mod windows;
