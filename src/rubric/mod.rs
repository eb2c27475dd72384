//! The rubric: the analysts' configurable scoring rules, in TOML.
//!
//! `load` reads a file, deserializes it into the raw model (`raw`), and `validate` checks every
//! part of it (names, references, weights, curves, and every SQL expression against the
//! datasets' schemas) into the trusted `Rubric` (`model`), collecting *all* problems with their
//! `file:line:column` before giving up.

mod model;
pub mod raw;
mod validate;
pub(crate) use validate::{dtype, hex};

pub use model::*;
pub use validate::{RubricError, RubricErrors, load, load_str};
