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
pub mod evaluate;
pub mod jadwal;
pub mod plan;
pub mod render;
pub mod rubric;
pub mod sensitivity;
pub mod template;
pub mod validate;

use crate::diag::{Diagnostic, Severity};
use crate::input::{self, Loaded, Sources};
use crate::output::{Run, Source, overlap, write_set};
use crate::rubric::{Lang, Rubric, RubricErrors};
use anyhow::Result;
use std::path::Path;
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
    /// A refusal already in words (and in the run's language).
    #[error("{0}")]
    Refused(String),
}

/// Load and check a readiness rubric; its warnings (deprecated keys) are printed on stderr.
/// The default path, when it is not in the current folder, is the rubric built into the binary
/// (the same bytes, so the same SHA-256 and the same results wherever kesiapan runs). An
/// evaluation rubric is refused: it scores nothing.
pub fn load_rubric(path: &std::path::Path) -> Result<Rubric> {
    let r = load_any_rubric(
        path,
        crate::cli::DEFAULT_RUBRIC,
        crate::cli::EMBEDDED_RUBRIC,
    )?;
    if r.evaluation.is_some() {
        anyhow::bail!(
            "{} is an evaluation rubric ([evaluation], [[measures]]): it is used by `kesiapan evaluate --rubric {}`, not to score readiness",
            path.display(),
            path.display()
        );
    }
    Ok(r)
}

/// Load and check an evaluation rubric (`kesiapan evaluate`); a readiness rubric is refused.
pub fn load_eval_rubric(path: &std::path::Path) -> Result<Rubric> {
    let r = load_any_rubric(
        path,
        crate::cli::DEFAULT_EVAL_RUBRIC,
        crate::cli::EMBEDDED_EVAL_RUBRIC,
    )?;
    if r.evaluation.is_none() {
        anyhow::bail!(
            "{} is a readiness rubric: `kesiapan evaluate` needs an evaluation rubric with [evaluation] and [[measures]] (the default is {})",
            path.display(),
            crate::cli::DEFAULT_EVAL_RUBRIC
        );
    }
    Ok(r)
}

/// Load and check any rubric: `path`, or the built-in `embedded` text when `path` is the
/// `default` and not in the current folder.
pub fn load_any_rubric(path: &std::path::Path, default: &str, embedded: &str) -> Result<Rubric> {
    let is_default = path == Path::new(default);
    let rubric = if is_default && !path.exists() {
        crate::rubric::load_str(embedded, default)
    } else if !path.exists() {
        anyhow::bail!(
            "{}: the rubric file does not exist. Without --rubric kesiapan uses its built-in rubric; to edit one, write it out with `kesiapan rubric init {}` and pass --rubric {}",
            path.display(),
            path.display(),
            path.display()
        );
    } else {
        crate::rubric::load(path)
    }
    .map_err(Fatal::Rubric)?;
    if !rubric.warnings.is_empty() {
        eoutln!("{}", rubric.report(rubric.warnings.clone()));
    }
    Ok(rubric)
}

pub fn load_data(rubric: &Rubric, args: &crate::cli::DataArgs) -> Result<Loaded> {
    // The same file twice made every row a "repeat" of itself: say what happened instead.
    let mut seen: Vec<(std::path::PathBuf, &Path)> = Vec::new();
    for (_, p) in &args.inputs {
        let r = overlap::resolve(p);
        if let Some((_, first)) = seen.iter().find(|(x, _)| *x == r) {
            anyhow::bail!(
                "--input {} is the same file as --input {}: give each file once",
                p.display(),
                first.display()
            );
        }
        seen.push((r, p));
    }
    let sources = Sources {
        dir: args.data_dir(),
        files: args.inputs.clone(),
        resubmit: args.resubmit,
        keep_going: args.keep_going,
        units: args.units.clone(),
    };
    Ok(input::load(rubric, &sources)?)
}

pub fn count(diags: &[Diagnostic], s: Severity) -> usize {
    diags.iter().filter(|d| d.severity == s).count()
}

/// Refuse an output folder that overlaps the data: `out` equal to, inside or containing the
/// data folder, or an `--input` file inside `out` (exit 2, in `lang`).
pub fn refuse_overlap(out: &Path, data: &crate::cli::DataArgs, lang: Lang) -> Result<()> {
    let dir = data.data_dir();
    // The rubric is an input too: `--rubric out/r.toml --out out` would overwrite it.
    let inputs: Vec<&Path> = std::iter::once(data.rubric.as_path())
        .chain(data.inputs.iter().map(|(_, p)| p.as_path()))
        .collect();
    match overlap::find(out, dir.as_deref(), &inputs) {
        Some(o) => Err(Fatal::Refused(overlap::message(&o, out, dir.as_deref(), lang)).into()),
        None => Ok(()),
    }
}

/// Refuse a single output file (`validate --json FILE`) that is the rubric, an input file, or
/// inside the data folder (it would replace data, or be read as data by the next run).
pub fn refuse_input_as_output(file: &Path, data: &crate::cli::DataArgs, lang: Lang) -> Result<()> {
    let target = overlap::resolve(file);
    let dir = data.data_dir().map(|d| overlap::resolve(&d));
    let is_input = std::iter::once(data.rubric.as_path())
        .chain(data.inputs.iter().map(|(_, p)| p.as_path()))
        .any(|i| overlap::resolve(i) == target);
    let in_data = dir.is_some_and(|d| target.parent() == Some(d.as_path()));
    if !(is_input || in_data) {
        return Ok(());
    }
    let f = file.display();
    Err(Fatal::Refused(match lang {
        Lang::Id => format!(
            "kesalahan: {f} adalah berkas masukan atau ada di dalam folder data; berkas itu \
             akan tertimpa atau terbaca sebagai data. Pilih tempat lain. Tidak ada yang ditulis."
        ),
        Lang::En => format!(
            "error: {f} is an input file or inside the data folder; it would be overwritten or \
             read as data. Choose another place. Nothing was written."
        ),
    })
    .into())
}

/// What the manifest says about a run that read `rubric` and the data in `loaded`.
pub fn run_info(
    command: &'static str,
    now: Option<String>,
    rubric: &Rubric,
    loaded: Option<&Loaded>,
) -> Run {
    Run {
        command,
        now,
        rubric: Some(Source {
            path: rubric.path.clone(),
            dataset: None,
            sha256: rubric.sha256.clone(),
        }),
        inputs: loaded
            .map(|l| {
                l.inputs
                    .iter()
                    .map(|i| Source {
                        path: i.path.clone(),
                        dataset: Some(i.dataset.clone()),
                        sha256: i.sha256.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// A command's results as asked: `name.json` and a Markdown report, as (name, bytes); none
/// without `--out`. The bodies are rendered only for the formats asked for.
pub fn result_files(
    args: &crate::cli::ResultArgs,
    json: (&str, &dyn Fn() -> Result<String>),
    md: (&str, &dyn Fn() -> Result<String>),
) -> Result<Vec<(String, Vec<u8>)>> {
    use crate::cli::Format;
    if args.out.is_none() {
        return Ok(Vec::new());
    }
    let all = args.format.contains(&Format::All);
    let mut files = Vec::new();
    for (format, (name, body)) in [(Format::Json, json), (Format::Md, md)] {
        if all || args.format.contains(&format) {
            files.push((name.to_string(), body()?.into_bytes()));
        }
    }
    Ok(files)
}

/// Write a command's results (see `result_files`) as one output set into `--out`; returns
/// the paths written.
pub fn write_results(
    args: &crate::cli::ResultArgs,
    json: (&str, &dyn Fn() -> Result<String>),
    md: (&str, &dyn Fn() -> Result<String>),
    run: &Run,
) -> Result<Vec<String>> {
    let files = result_files(args, json, md)?;
    match &args.out {
        Some(out) => write_set(out, &files, run),
        None => Ok(Vec::new()),
    }
}

pub fn exit(code: u8) -> ExitCode {
    ExitCode::from(code)
}
