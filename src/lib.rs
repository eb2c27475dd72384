//! kesiapan decides, with evidence, whether a government's work units are ready for Work From
//! Anywhere (WFA): it loads the units' spreadsheets, validates them, scores every unit against
//! a configurable rubric and reports the verdict, the form WFA can take and the obstacles.
//!
//! Data flows one way: `input` (read, validate) → `scoring` (typed facts) → `words` (an
//! `Assessment`) → `report`.

/// `eprint!` that never panics: a closed stderr (`kesiapan … 2>&1 | head -n 1`) must not stop a
/// run, whose outputs matter more than its messages; the write error is ignored.
macro_rules! eout {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr().lock(), $($arg)*);
    }};
}

/// `eprintln!` that never panics; see `eout!`.
macro_rules! eoutln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

pub mod assessment;
pub mod cli;
pub mod commands;
pub mod compare;
pub mod date;
pub mod diag;
pub mod evaluate;
pub mod format;
pub mod fsread;
pub mod input;
pub mod jadwal;
pub mod messages;
pub mod output;
pub mod overrides;
pub mod plan;
pub mod privacy;
pub mod progress;
pub mod quality;
pub mod report;
pub mod rubric;
pub mod scoring;
pub mod sensitivity;
pub mod sql;
pub mod synth;
pub mod template;
pub mod text;
pub mod words;
pub mod xlsx;

use clap::Parser;
use std::process::ExitCode;

/// Parse the arguments, run the command, map the outcome to an exit code.
pub fn main_with_args<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return commands::exit(if e.use_stderr() {
                commands::EXIT_ERROR
            } else {
                commands::EXIT_OK
            });
        }
    };
    let quiet = cli.quiet;
    let verbose = cli.verbose;
    // Progress and phase timings for the commands that load data.
    let data = match &cli.command {
        cli::Command::Assess(a) => Some(&a.data),
        cli::Command::Validate(a) => Some(&a.data),
        _ => None,
    };
    if let Some(data) = data {
        let files: Vec<_> = data.inputs.iter().map(|(_, p)| p.clone()).collect();
        progress::start(
            quiet,
            progress::input_bytes(data.data_dir().as_deref(), &files),
        );
    }
    let result = match &cli.command {
        cli::Command::Assess(a) => commands::assess::run(a, quiet),
        cli::Command::Validate(a) => commands::validate::run(a, quiet),
        cli::Command::Diff(a) => commands::diff::run(a, quiet),
        cli::Command::Plan(a) => commands::plan::run(a, quiet),
        cli::Command::Sensitivity(a) => commands::sensitivity::run(a, quiet),
        cli::Command::Render(a) => commands::render::run(a, quiet),
        cli::Command::Rubric(r) => commands::rubric::run(r, quiet),
        cli::Command::Template(a) => commands::template::run(a, quiet),
        cli::Command::Jadwal(a) => commands::jadwal::run(a, quiet),
        cli::Command::Evaluate(a) => commands::evaluate::run(a, quiet),
    };
    if let Some(t) = progress::finish() {
        if verbose && result.is_ok() {
            eout!("{}", t.render());
        }
    }
    match result {
        Ok(code) => commands::exit(code),
        // The reader closed standard output (`kesiapan validate | head -n 1`): not an error.
        Err(e) if is_broken_pipe(&e) => commands::exit(commands::EXIT_OK),
        Err(e) => {
            // A rubric problem (also one found while computing) prints at its file:line:column.
            let located = e
                .chain()
                .find_map(|c| c.downcast_ref::<rubric::RubricErrors>());
            match (e.downcast_ref::<commands::Fatal>(), located) {
                (Some(f), _) => eoutln!("{f}"),
                (None, Some(r)) => eoutln!("{r}"),
                (None, None) => eoutln!("error: {e:#}"),
            }
            commands::exit(commands::EXIT_ERROR)
        }
    }
}

/// Whether the error is, at any depth of its chain, a write to a closed pipe.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
