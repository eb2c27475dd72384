//! Renderers: each turns an `Assessment` into one output. They format; they never score.

pub mod diff;
pub mod json;
pub mod markdown;
pub mod plan;
pub mod sensitivity;
pub mod terminal;
