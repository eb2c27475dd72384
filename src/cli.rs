//! Command-line arguments (clap derive). Parsing only; the work is in `commands`.

use crate::rubric::Lang;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// The default rubric, relative to the repository root.
pub const DEFAULT_RUBRIC: &str = "rubrics/wfa-asn-2025.toml";
/// The shipped rubric, built into the binary: used when `DEFAULT_RUBRIC` is not in the current
/// folder (an installed kesiapan run anywhere), and written out by `rubric init`.
pub const EMBEDDED_RUBRIC: &str = include_str!("../rubrics/wfa-asn-2025.toml");
/// The bundled sample data.
pub const DEFAULT_DATA: &str = "sample-data";
/// The default evaluation rubric (`kesiapan evaluate`), relative to the repository root.
pub const DEFAULT_EVAL_RUBRIC: &str = "rubrics/evaluasi-wfa.toml";
/// The shipped evaluation rubric, built into the binary like `EMBEDDED_RUBRIC`.
pub const EMBEDDED_EVAL_RUBRIC: &str = include_str!("../rubrics/evaluasi-wfa.toml");
/// The bundled data of a WFA window (treatment log, daily performance, attendance, service).
pub const DEFAULT_EVAL_DATA: &str = "sample-data/evaluasi";

#[derive(Debug, Parser)]
#[command(
    name = "kesiapan",
    version,
    about = "Decide, with evidence, whether work units are ready for Work From Anywhere (WFA)",
    long_about = "kesiapan loads the work units' spreadsheets (xlsx, xls, ods, csv), validates them, \
scores every unit against a configurable rubric and reports, per unit and for the province, \
Layak / Layak Terbatas / Belum Layak: the form WFA can take where it is feasible and the \
obstacles where it is not.\n\nRun `kesiapan assess` in the repository to assess the bundled sample data.",
    after_help = "Exit codes: 0 done; 1 findings you asked to fail on (validate: data errors; assess: --fail-on); 2 error (usage, unreadable input, invalid rubric)."
)]
pub struct Cli {
    /// Print nothing but errors (data errors included).
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Also print how long each phase took (read, validate, score, render) on stderr: assess,
    /// validate.
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load, validate and score the data; print a summary and write the outputs.
    Assess(AssessArgs),
    /// Load the data and check it against the rubric's schemas; no scoring.
    Validate(ValidateArgs),
    /// Compare two assessments: rubric changes in words, score and verdict changes, and an
    /// attribution of every score move to weight, scoring and data changes.
    Diff(DiffArgs),
    /// How robust is each verdict? Perturb the rubric's weights and thresholds many times and
    /// report the share of runs giving each verdict (deterministic for a seed).
    Sensitivity(SensitivityArgs),
    /// What it would take: the cheapest improvements (from the rubric's unit costs) that bring
    /// each unit to the target verdict; with --budget, the plan that lets the most staff take WFA.
    Plan(PlanArgs),
    /// Render reports from a saved `assessment.json`, without the data (e.g. the briefing with
    /// another sender, or with edited templates).
    Render(RenderArgs),
    /// Check or explain a rubric file.
    #[command(subcommand)]
    Rubric(RubricCommand),
    /// Write blank xlsx forms from the rubric's datasets, to send to the units: instructions in
    /// Indonesian, validated cells, one file per dataset (or per unit with --per-unit).
    Template(TemplateArgs),
    /// The day-by-day plan of a WFA window: per unit and working day how many may be away and
    /// how many stay (the weekly cap and the minimum on site kept), the units that stay fully
    /// open, province totals; `jadwal-wfa.xlsx` with the log sheet to fill, and `jadwal.json`.
    Jadwal(JadwalArgs),
    /// After a WFA window: did performance, discipline and service hold in the units that
    /// worked away? Each unit against the same days a year earlier and against the units that
    /// stayed, with intervals, a placebo one year back, and the units that cannot be evaluated.
    Evaluate(EvaluateArgs),
}

/// Where the rubric and the data are.
#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// The rubric (TOML). The default is read from the current folder when it is there, else
    /// the same rubric built into kesiapan is used (`kesiapan rubric init` writes it out).
    #[arg(long, value_name = "FILE", default_value = DEFAULT_RUBRIC)]
    pub rubric: PathBuf,
    /// A folder of data files; each file (and sheet) is matched to a dataset by its name or header.
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// A file for a named dataset, e.g. `--input survei=survey-2.xlsx`; repeatable.
    #[arg(long = "input", value_name = "DATASET=FILE", value_parser = parse_input)]
    pub inputs: Vec<(String, PathBuf)>,
    /// When two files give the same key (an OPD sent its form again): `reject` the repeat
    /// (both places are reported), or let the later file, by reading `order` (file name) or
    /// modification `date`, replace the older file of the same unit whole; the replaced rows
    /// are reported with the file that won.
    #[arg(long, value_enum, value_name = "RULE", default_value = "reject")]
    pub resubmit: crate::input::Resubmit,
    /// Report a file that cannot be read (corrupt, empty, encrypted, not a spreadsheet) as an
    /// `unreadable-file` error and go on with the others, instead of stopping.
    #[arg(long)]
    pub keep_going: bool,
    /// The master list of the units that should answer (code, name, optional kind), instead
    /// of the rubric's `[units] master`; never read as a dataset.
    #[arg(long, value_name = "FILE")]
    pub units: Option<PathBuf>,
}

impl DataArgs {
    /// The data folder: `--data`, or the sample data when no input is given at all.
    pub fn data_dir(&self) -> Option<PathBuf> {
        match (&self.data, self.inputs.is_empty()) {
            (Some(d), _) => Some(d.clone()),
            (None, true) => Some(PathBuf::from(DEFAULT_DATA)),
            (None, false) => None,
        }
    }
}

fn parse_input(s: &str) -> Result<(String, PathBuf), String> {
    match s.split_once('=') {
        Some((d, f)) if !d.is_empty() && !f.is_empty() => Ok((d.to_string(), PathBuf::from(f))),
        _ => Err(format!("expected DATASET=FILE, got `{s}`")),
    }
}

/// Output formats of `assess`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum Format {
    /// `assessment.json`, the machine-readable result.
    Json,
    /// `ringkasan.md` (Indonesian) or `summary.md` (English).
    Md,
    /// Every format.
    All,
}

/// Report formats of `assess` and `render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum ReportFormat {
    /// `assessment.json`, the machine-readable result every other format is rendered from.
    Json,
    /// `ringkasan.md` (Indonesian) or `summary.md` (English).
    Md,
    /// The Governor's staff memo (Telaahan Staf): `telaahan-staf.docx` and the same text as
    /// `telaahan-staf.md` (`briefing.docx`/`.md` in English).
    Briefing,
    /// The staff memo as Word only.
    Docx,
    /// The full report, one self-contained offline HTML file: `laporan.html` (`report.html`).
    Html,
    /// The analysts' workbook: `analisis.xlsx` (`analysis.xlsx`).
    Xlsx,
    /// The unit table as plain CSV: `opd.csv` (`units.csv`).
    Csv,
    /// Every format.
    All,
}

/// Report options shared by `assess` and `render`.
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// Output formats, comma-separated: json, md, briefing, docx, html, xlsx, csv, all.
    #[arg(
        long,
        value_name = "LIST",
        value_delimiter = ',',
        default_value = "all"
    )]
    pub format: Vec<ReportFormat>,
    /// A folder of report templates overriding the embedded ones by file name (e.g.
    /// `briefing.id.md.tera`, `report.html.tera`, `briefing.toml`); see `reports/`.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// The staff memo's header and signature (TOML: kepada, dari, nomor, hal, periode, dasar, tempat,
    /// jabatan, nama, tembusan); default: `briefing.toml` in --templates, else the embedded one.
    #[arg(long, value_name = "FILE")]
    pub briefing_config: Option<PathBuf>,
    /// The WFA period the memo asks about, e.g. "29–31 Desember 2025" (overrides the config).
    #[arg(long, value_name = "TEXT")]
    pub period: Option<String>,
    /// The memo's recipient, "Kepada" (overrides the config).
    #[arg(long, value_name = "TEXT")]
    pub to: Option<String>,
    /// The memo's sender, "Dari", who also signs it (overrides the config's sender and signer).
    #[arg(long, value_name = "TEXT")]
    pub from: Option<String>,
    /// How `opd.csv` is written: `plain` (comma, `.` decimals, UTF-8) for programs, or `id` for
    /// Excel in an Indonesian locale opened by double-click (`;`, decimal comma, UTF-8 BOM).
    #[arg(long, value_enum, default_value = "plain")]
    pub csv_dialect: CsvDialect,
}

/// How a CSV report is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, clap::ValueEnum)]
pub enum CsvDialect {
    /// Comma-separated, `.` decimals, UTF-8 without BOM.
    #[default]
    Plain,
    /// Semicolon-separated, decimal comma, UTF-8 with BOM: what Excel in an Indonesian
    /// locale splits into columns when the file is double-clicked.
    Id,
}

impl From<ReportFormat> for crate::report::bundle::Format {
    fn from(f: ReportFormat) -> Self {
        use crate::report::bundle::Format;
        match f {
            ReportFormat::Json => Format::Json,
            ReportFormat::Md => Format::Md,
            ReportFormat::Briefing => Format::Briefing,
            ReportFormat::Docx => Format::Docx,
            ReportFormat::Html => Format::Html,
            ReportFormat::Xlsx => Format::Xlsx,
            ReportFormat::Csv => Format::Csv,
            ReportFormat::All => Format::All,
        }
    }
}

impl ReportArgs {
    /// The report formats asked for, as the renderers know them.
    pub fn formats(&self) -> Vec<crate::report::bundle::Format> {
        self.format.iter().map(|f| (*f).into()).collect()
    }

    /// The formats of the side results (`diff` with `--baseline`): JSON and Markdown.
    pub fn result_formats(&self) -> Vec<Format> {
        self.format
            .iter()
            .filter_map(|f| match f {
                ReportFormat::Json => Some(Format::Json),
                ReportFormat::Md => Some(Format::Md),
                ReportFormat::All => Some(Format::All),
                _ => None,
            })
            .collect()
    }
}

/// When `assess` exits with 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Never (the default): data problems are reported, the run succeeds.
    Never,
    /// When any data error was found.
    Error,
    /// When any data error or warning was found.
    Warning,
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Folder for the outputs (created if needed).
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,
    #[command(flatten)]
    pub report: ReportArgs,
    /// Report language.
    #[arg(long, value_enum, default_value = "id")]
    pub lang: Lang,
    /// Fixed clock (RFC 3339, e.g. 2025-12-23T09:00:00Z) for byte-identical outputs.
    #[arg(long, value_name = "TIME", env = "KESIAPAN_NOW")]
    pub now: Option<String>,
    /// Exit with 1 when data problems of this severity were found.
    #[arg(long, value_enum, default_value = "never")]
    pub fail_on: FailOn,
    /// How many diagnostics of each code to print.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub show: usize,
    /// An earlier `assessment.json` to compare with: also writes `diff.json` and the changes
    /// summary, and prints what changed and why.
    #[arg(long, value_name = "OLD.json")]
    pub baseline: Option<PathBuf>,
    /// Perturbed rubrics in the quick robustness check (a seeded `sensitivity` run on the data
    /// already loaded): verdicts that fewer than 80 % of the runs give are marked fragile in
    /// every output, with the range of staff allowed at once. 0 turns it off.
    #[arg(long, value_name = "N", default_value_t = ROBUSTNESS_RUNS)]
    pub robustness_runs: usize,
    /// The memo's actions price the cheapest plans (as `kesiapan plan`) that bring the units at
    /// the worst verdict to the next one, when there are at most this many such units
    /// (the search is the costly part). 0 turns it off.
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub plan_units: usize,
    /// Leadership decisions to apply after scoring (a TOML file of `[[override]]` entries: unit,
    /// verdict / max-away / gates, reason, decided-by; see docs/overrides.md): traced in
    /// assessment.json and shown as decisions in every report.
    #[arg(long, value_name = "FILE")]
    pub overrides: Option<PathBuf>,
}

/// The default margin of `plan` above a band's start, in score points.
pub const PLAN_MARGIN: f64 = 2.0;

/// The default number of runs of `assess`'s robustness check.
pub const ROBUSTNESS_RUNS: usize = 400;

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The `assessment.json` written by `assess`.
    #[arg(value_name = "ASSESSMENT.json")]
    pub assessment: PathBuf,
    /// Folder for the outputs (created if needed).
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// How weights are perturbed in `sensitivity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WeightMode {
    /// Shares drawn from a Dirichlet distribution centred on the rubric's weights.
    Dirichlet,
    /// Each weight times a uniform factor in [1 − spread, 1 + spread].
    Uniform,
    /// Weights unchanged.
    None,
}

#[derive(Debug, Args)]
pub struct SensitivityArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Number of perturbed rubrics.
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    pub runs: usize,
    /// Random seed (same seed, same result).
    #[arg(long, default_value_t = 20_251_223)]
    pub seed: u64,
    /// How weights are perturbed.
    #[arg(long, value_enum, default_value = "dirichlet")]
    pub weights: WeightMode,
    /// Dirichlet concentration: higher means smaller weight changes.
    #[arg(long, value_name = "C", default_value_t = 100.0)]
    pub concentration: f64,
    /// Uniform scheme: each weight moves by up to this share (0.2 = ±20 %).
    #[arg(long, value_name = "X", default_value_t = 0.2)]
    pub weight_spread: f64,
    /// Curve thresholds move by up to this share of their range (0.1 = ±10 %); 0 keeps them.
    #[arg(long, value_name = "D", default_value_t = 0.1)]
    pub threshold_spread: f64,
    /// A verdict is fragile when the unit's most frequent verdict comes up in fewer runs than this share.
    #[arg(long, value_name = "SHARE", default_value_t = 0.8)]
    pub stable: f64,
    #[command(flatten)]
    pub results: ResultArgs,
    /// Report language.
    #[arg(long, value_enum, default_value = "id")]
    pub lang: Lang,
}

/// Where `diff`, `sensitivity` and `plan` write their JSON and Markdown results.
#[derive(Debug, Clone, Args)]
pub struct ResultArgs {
    /// Also write the results (JSON and a Markdown report) into this folder.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Output formats when --out is given, comma-separated.
    #[arg(
        long,
        value_name = "LIST",
        value_delimiter = ',',
        default_value = "json,md"
    )]
    pub format: Vec<Format>,
    /// A folder of report templates overriding the embedded ones by file name
    /// (`diff.md.tera`, `plan.md.tera`, `sensitivity.md.tera`); see `reports/`.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

/// Output formats of `evaluate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum EvalFormat {
    /// `evaluation.json`, the machine-readable result every other format is rendered from.
    Json,
    /// The report (Laporan Hasil Pemantauan dan Evaluasi) as Markdown.
    Md,
    /// The same report as Word.
    Docx,
    /// The per-unit changes with their intervals, as a web page.
    Html,
    /// Every figure, as a workbook.
    Xlsx,
    /// Every format.
    All,
}

#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// The evaluation rubric (TOML with [evaluation] and [[measures]]). The default is read
    /// from the current folder when it is there, else the one built into kesiapan is used.
    #[arg(long, value_name = "FILE", default_value = DEFAULT_EVAL_RUBRIC)]
    pub rubric: PathBuf,
    /// A folder of the window's data (treatment log, performance, attendance, service);
    /// default: the bundled sample, sample-data/evaluasi.
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// A file for a named dataset, e.g. `--input pelaksanaan=jadwal-wfa.xlsx`; repeatable.
    #[arg(long = "input", value_name = "DATASET=FILE", value_parser = parse_input)]
    pub inputs: Vec<(String, PathBuf)>,
    /// When two files give the same key: `reject` the repeat, or let the later file win
    /// (`order`: by name, `date`: modification time).
    #[arg(long, value_enum, value_name = "RULE", default_value = "reject")]
    pub resubmit: crate::input::Resubmit,
    /// Report a file that cannot be read and go on with the others, instead of stopping.
    #[arg(long)]
    pub keep_going: bool,
    /// The master list of the units that should answer, instead of the rubric's.
    #[arg(long, value_name = "FILE")]
    pub units: Option<PathBuf>,
    /// The WFA window: `2025-12-29..2025-12-31` (every day of it) or a list
    /// `2025-12-29,2025-12-31`; default: the dates of the treatment log.
    #[arg(long, value_name = "DATES")]
    pub period: Option<String>,
    /// The readiness `assessment.json` (from `kesiapan assess`): the report then sets each
    /// unit's readiness verdict beside its outcome.
    #[arg(long, value_name = "FILE")]
    pub assessment: Option<PathBuf>,
    /// A plan written by `--freeze` before the window: the report says whether the measures,
    /// tolerances and window were fixed before the data was seen.
    #[arg(long, value_name = "FILE", conflicts_with = "freeze")]
    pub plan: Option<PathBuf>,
    /// Before the window: write the plan (measures, tolerances, window, the rubric's SHA-256)
    /// to FILE and stop; needs --period. No data is read.
    #[arg(long, value_name = "FILE", requires = "period")]
    pub freeze: Option<PathBuf>,
    /// Write the results into this folder (all or nothing).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Output formats when --out is given, comma-separated.
    #[arg(
        long,
        value_name = "LIST",
        value_delimiter = ',',
        default_value = "all"
    )]
    pub format: Vec<EvalFormat>,
    /// Report language.
    #[arg(long, value_enum, default_value = "id")]
    pub lang: Lang,
    /// Fixed clock (RFC 3339, e.g. 2026-01-12T09:00:00Z) for byte-identical outputs.
    #[arg(long, value_name = "TIME", env = "KESIAPAN_NOW")]
    pub now: Option<String>,
}

impl EvaluateArgs {
    /// The data arguments as the loader takes them: the bundled window's data when none given.
    pub fn data_args(&self) -> DataArgs {
        DataArgs {
            rubric: self.rubric.clone(),
            data: match (&self.data, self.inputs.is_empty()) {
                (Some(d), _) => Some(d.clone()),
                (None, true) => Some(PathBuf::from(DEFAULT_EVAL_DATA)),
                (None, false) => None,
            },
            inputs: self.inputs.clone(),
            resubmit: self.resubmit,
            keep_going: self.keep_going,
            units: self.units.clone(),
        }
    }
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The verdict to reach (a verdict id of the rubric); default: the best one.
    #[arg(long, value_name = "VERDICT")]
    pub target: Option<String>,
    /// A budget in Rupiah (e.g. 2500000000 or 2.500.000.000): choose the improvements across
    /// units that let the most staff take WFA at once.
    #[arg(long, value_name = "RP")]
    pub budget: Option<String>,
    /// Budget mode: costs are rounded up to multiples of this many Rupiah (default: the power of
    /// ten nearest below the budget ÷ 100,000, at least Rp 1), so the plan never exceeds the budget.
    #[arg(long, value_name = "RP")]
    pub budget_step: Option<f64>,
    /// Score points a plan must clear above the start of the band it aims at, so that no plan
    /// buys a verdict by a hair (0 to 20).
    #[arg(long, value_name = "POINTS", default_value_t = PLAN_MARGIN)]
    pub margin: f64,
    #[command(flatten)]
    pub results: ResultArgs,
    /// Report language.
    #[arg(long, value_enum, default_value = "id")]
    pub lang: Lang,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier `assessment.json`.
    pub old: PathBuf,
    /// The later `assessment.json`.
    pub new: PathBuf,
    #[command(flatten)]
    pub results: ResultArgs,
    /// Report language (default: the language of the later assessment); `diff.json` is the same
    /// in every language.
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Also write every diagnostic to this JSON file.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// How many diagnostics of each code to print (and, in data-quality.md, of each file).
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub show: usize,
    /// Write into this folder: data-quality.md (counts per code, problems per file),
    /// diagnostics.json, rejected.xlsx (rejected rows with their cells and the reason) and
    /// completeness.csv (who sent what; survey response against headcount).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// With --out: also one feedback workbook per unit, feedback/<unit>.xlsx, listing only
    /// that unit's problems and rejected rows, ready to send back.
    #[arg(long, requires = "out")]
    pub feedback: bool,
    /// With --out: a folder of report templates overriding the embedded ones by file name
    /// (`data-quality.md.tera`); see `reports/`.
    #[arg(long, value_name = "DIR", requires = "out")]
    pub templates: Option<PathBuf>,
    /// Language of the terminal summary, the data problems and every file written.
    #[arg(long, value_enum, default_value = "id")]
    pub lang: Lang,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// The rubric and, with --per-unit, the data giving the unit list.
    #[command(flatten)]
    pub data: DataArgs,
    /// Folder for the forms (created if needed).
    #[arg(long, value_name = "DIR", default_value = "forms")]
    pub out: PathBuf,
    /// Only this dataset's form; repeatable (default: every dataset).
    #[arg(long = "dataset", value_name = "ID")]
    pub datasets: Vec<String>,
    /// One folder per unit (from the data's unit list) with its own forms: its code (and name)
    /// filled in, the code column limited to it.
    #[arg(long)]
    pub per_unit: bool,
    /// Language of the messages about the output folder.
    #[arg(long, value_enum, default_value = "id")]
    pub lang: Lang,
}

#[derive(Debug, Args)]
pub struct JadwalArgs {
    /// The `assessment.json` written by `kesiapan assess` (`--format json`). Without it the
    /// data is assessed here, as `assess` does (--rubric, --data, --input, --units).
    #[arg(long, value_name = "FILE")]
    pub assessment: Option<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
    /// The window: `FROM..TO` (both included, e.g. 2025-12-29..2025-12-31) or one date.
    #[arg(long, value_name = "FROM..TO")]
    pub period: Option<String>,
    /// Dates of the window, comma-separated (with or instead of --period), e.g.
    /// 2025-12-29,2025-12-31.
    #[arg(long, value_name = "DATES", value_delimiter = ',')]
    pub period_list: Vec<String>,
    /// The holiday calendar (TOML: dates with names, kind `libur` or `cuti-bersama`, the years
    /// it covers); the default is read from the current folder when it is there, else the
    /// same file built into kesiapan. Weekend days and listed days are left out and named.
    #[arg(long, value_name = "FILE", default_value = crate::jadwal::calendar::DEFAULT_CALENDAR)]
    pub calendar: PathBuf,
    /// Folder for the outputs (created if needed; the whole set written or none).
    #[arg(long, value_name = "DIR", default_value = "out/jadwal")]
    pub out: PathBuf,
    /// Also one workbook per unit, `opd/jadwal-wfa_<unit>.xlsx`, with only its own plan and log.
    #[arg(long)]
    pub per_unit: bool,
    /// A staff roster (PERSONAL: xlsx, ods or csv with Kode OPD, NIP, Nama Pegawai, Jenis
    /// Jabatan, Hukuman Disiplin, Baru Ditempatkan): who is away on which day is proposed into
    /// each unit's own workbook only (needs --per-unit); never in a province-level output.
    #[arg(long, value_name = "FILE", requires = "per_unit")]
    pub roster: Option<PathBuf>,
    /// The gate whose failure marks a unit as running front-line public services.
    #[arg(long, value_name = "ID", default_value = crate::jadwal::FRONT_LINE_GATE)]
    pub front_line_gate: String,
    /// Language of the terminal summary (the workbooks are in Indonesian; jadwal.json holds
    /// codes and the assessment's labels).
    #[arg(long, value_enum, default_value = "id")]
    pub lang: Lang,
    /// Fixed clock (RFC 3339, e.g. 2025-12-23T09:00:00Z) for byte-identical outputs.
    #[arg(long, value_name = "TIME", env = "KESIAPAN_NOW")]
    pub now: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum RubricCommand {
    /// Check a rubric and list every problem with file:line:column.
    Check {
        /// The rubric (TOML).
        #[arg(default_value = DEFAULT_RUBRIC)]
        file: PathBuf,
    },
    /// Print a rubric as a readable outline: datasets, dimensions and weights in %, indicators
    /// with formulas and scoring, gates, verdict bands, the WFA form and the province rule.
    Explain {
        /// The rubric (TOML).
        #[arg(default_value = DEFAULT_RUBRIC)]
        file: PathBuf,
        /// Language of labels.
        #[arg(long, value_enum, default_value = "en")]
        lang: Lang,
    },
    /// Write the built-in rubric to a file, to edit it and pass it with --rubric.
    Init {
        /// Where to write it.
        #[arg(default_value = "wfa-asn-2025.toml")]
        file: PathBuf,
        /// Replace the file when it exists.
        #[arg(long)]
        force: bool,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
