//! `kesiapan render`: the reports from a saved `assessment.json`, without the data or the rubric.
//! Renderers read only the assessment, so this gives the same bytes as `assess` did.

use super::EXIT_OK;
use crate::cli::RenderArgs;
use crate::output::write_atomic;
use crate::report;
use anyhow::Result;

pub fn run(args: &RenderArgs, quiet: bool) -> Result<u8> {
    let a = super::diff::read_assessment(&args.assessment)?;
    let opts = report::bundle::Options::from_args(&args.report)?;
    let files = report::bundle::render(&a, &args.report.format, &opts)?;
    let mut written = Vec::new();
    for (name, body) in &files {
        let path = args.out.join(name);
        write_atomic(&path, body)?;
        written.push(path.display().to_string());
    }
    if !quiet {
        eprintln!("wrote {}", written.join(", "));
    }
    Ok(EXIT_OK)
}
