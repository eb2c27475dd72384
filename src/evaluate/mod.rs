//! Evaluation after a WFA period (issue 14, PermenPANRB 4/2025 Pasal 35): did performance,
//! discipline and service hold in the units that worked away?
//!
//! - `estimate`: the estimator (year-over-year change, difference in differences against the
//!   units that stayed, intervals, placebo, the naive comparison) on daily values.
//! - `stats`: the t quantile and the small statistics it needs.
//!
//! Compute only: no file is read and no word is chosen here.

pub mod estimate;
pub mod stats;
