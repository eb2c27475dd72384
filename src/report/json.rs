//! `assessment.json`: the result as stable, pretty JSON with a trailing newline.

use crate::assessment::Assessment;
use anyhow::Result;

pub fn render(a: &Assessment) -> Result<String> {
    let mut s = serde_json::to_string_pretty(a)?;
    s.push('\n');
    Ok(s)
}
