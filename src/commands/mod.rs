//! One module per subcommand, each with a `run` returning the process exit code.

/// `print!` to standard output that returns an error instead of panicking: when the reader
/// closes the pipe (`kesiapan validate | head -n 1`) the command stops with an `io::Error` of
/// kind `BrokenPipe`, which `main_with_args` turns into a quiet exit 0 (as ripgrep does).
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout().lock(), $($arg)*)?
    }};
}

/// `println!` that returns an error instead of panicking; see `out!`.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)?
    }};
}

pub mod assess;
pub mod diff;
pub mod plan;
pub mod render;
pub mod rubric;
pub mod sensitivity;
pub mod template;
pub mod validate;

use crate::diag::{Diagnostic, Severity};
use crate::input::{self, Loaded, Sources};
use crate::rubric::{Rubric, RubricErrors};
use anyhow::Result;
use std::process::ExitCode;

/// Exit codes, as documented in `--help` and the README.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// A failure that ends the run with exit code 2 after printing its message.
#[derive(Debug, thiserror::Error)]
pub enum Fatal {
    #[error("{0}")]
    Rubric(RubricErrors),
}

/// Load and check the rubric; its warnings (deprecated keys) are printed on stderr.
pub fn load_rubric(path: &std::path::Path) -> Result<Rubric> {
    let rubric = crate::rubric::load(path).map_err(Fatal::Rubric)?;
    if !rubric.warnings.is_empty() {
        eprintln!("{}", rubric.report(rubric.warnings.clone()));
    }
    Ok(rubric)
}

pub fn load_data(rubric: &Rubric, args: &crate::cli::DataArgs) -> Result<Loaded> {
    let sources = Sources {
        dir: args.data_dir(),
        files: args.inputs.clone(),
        resubmit: args.resubmit,
        keep_going: args.keep_going,
    };
    Ok(input::load(rubric, &sources)?)
}

pub fn count(diags: &[Diagnostic], s: Severity) -> usize {
    diags.iter().filter(|d| d.severity == s).count()
}

/// Write a command's results as asked: `name.json` and a Markdown report; returns the paths.
/// The bodies are rendered only for the formats asked for.
pub fn write_results(
    args: &crate::cli::ResultArgs,
    json: (&str, &dyn Fn() -> Result<String>),
    md: (&str, &dyn Fn() -> Result<String>),
) -> Result<Vec<String>> {
    use crate::cli::Format;
    let Some(out) = &args.out else {
        return Ok(Vec::new());
    };
    let all = args.format.contains(&Format::All);
    let mut written = Vec::new();
    for (format, (name, body)) in [(Format::Json, json), (Format::Md, md)] {
        if all || args.format.contains(&format) {
            let path = out.join(name);
            crate::output::write_atomic(&path, body()?.as_bytes())?;
            written.push(path.display().to_string());
        }
    }
    Ok(written)
}

pub fn exit(code: u8) -> ExitCode {
    ExitCode::from(code)
}
