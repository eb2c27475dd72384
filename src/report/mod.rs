//! Renderers: each turns an `Assessment` into one output. They format; they never score.

pub mod briefing;
pub mod bundle;
pub mod charts;
pub mod diff;
pub mod docx;
pub mod html;
pub mod json;
pub mod markdown;
pub mod plan;
pub mod sensitivity;
pub mod templates;
pub mod terminal;
pub mod workbook;
