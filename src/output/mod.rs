//! Writing a run's outputs: safe, unique file names from data (`names`), the refusal of an
//! output folder overlapping the inputs (`overlap`), and the output set written all or nothing
//! with its manifest (`set`).
//!
//! Nothing here renders or decides what to write; the commands give the bytes.

pub mod names;
pub mod overlap;
pub mod set;

pub use set::{MANIFEST, Run, Source, write_file, write_set};
