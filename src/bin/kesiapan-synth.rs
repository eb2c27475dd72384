//! `kesiapan-synth`: write a synthetic data set for the default rubric, deterministic for a seed
//! (the benchmark's data; see `benches/run.sh` and `kesiapan::synth`).
//!
//! `kesiapan-synth --size national --scale 0.5 --out /tmp/nat-half`

use clap::{Parser, ValueEnum};
use kesiapan::synth::{self, Spec, SynthFormat};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Size {
    /// 40 units, 1,021 job rows, 8,436 survey rows; xlsx (the survey in two workbooks).
    Kalteng,
    /// 25,000 units, 600,000 job rows, 5,000,000 survey rows; CSV.
    National,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Fmt {
    Xlsx,
    Csv,
}

/// Write a synthetic data set (infrastruktur, jabatan, survei) for the default rubric.
#[derive(Debug, Parser)]
#[command(name = "kesiapan-synth", version)]
struct Args {
    /// The preset size.
    #[arg(long, value_enum, default_value = "kalteng")]
    size: Size,
    /// Multiply units and rows by this factor (e.g. 0.25, 2).
    #[arg(long, default_value_t = 1.0)]
    scale: f64,
    /// File format (default: xlsx for kalteng, csv for national).
    #[arg(long, value_enum)]
    format: Option<Fmt>,
    /// Split the survey into this many files (default: 2 for kalteng, 1 for national; xlsx
    /// files never pass 1,000,000 rows).
    #[arg(long)]
    survey_files: Option<usize>,
    /// Random seed (same seed and size, byte-identical files).
    #[arg(long)]
    seed: Option<u64>,
    /// Folder to write into (created if needed).
    #[arg(long)]
    out: PathBuf,
}

fn main() -> ExitCode {
    let a = Args::parse();
    let mut spec = match a.size {
        Size::Kalteng => Spec::kalteng(),
        Size::National => Spec::national(),
    };
    if !(a.scale > 0.0 && a.scale.is_finite()) {
        eprintln!("error: --scale must be a positive number");
        return ExitCode::from(2);
    }
    spec = spec.scaled(a.scale);
    if let Some(f) = a.format {
        spec.format = match f {
            Fmt::Xlsx => SynthFormat::Xlsx,
            Fmt::Csv => SynthFormat::Csv,
        };
    }
    if let Some(n) = a.survey_files {
        spec.survey_files = n;
    }
    if let Some(s) = a.seed {
        spec.seed = s;
    }
    let t = std::time::Instant::now();
    match synth::generate(&spec, &a.out) {
        Ok(w) => {
            for (p, n) in &w.files {
                println!("{}\t{n} rows", p.display());
            }
            eprintln!(
                "{} units, {} staff, {} job rows, {} survey rows in {:.1} s",
                w.units,
                w.staff,
                w.job_rows,
                w.survey_rows,
                t.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
