//! `assessment.json`: the result as stable, pretty JSON with a trailing newline.

use super::bundle::{Format, RenderCtx, Renderer};
use crate::assessment::Assessment;
use anyhow::Result;

pub fn render(a: &Assessment) -> Result<String> {
    let mut s = serde_json::to_string_pretty(a)?;
    s.push('\n');
    Ok(s)
}

/// `--format json`.
pub struct Json;

impl Renderer for Json {
    fn format(&self) -> Format {
        Format::Json
    }

    fn files(&self, a: &Assessment, _: &RenderCtx) -> Result<Vec<(String, Vec<u8>)>> {
        Ok(vec![("assessment.json".into(), render(a)?.into_bytes())])
    }
}
