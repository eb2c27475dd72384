//! Synthetic data sets for benchmarks and scale tests: the three inputs of the default rubric
//! (infrastruktur, jabatan, survei) for any number of units, deterministic for a seed.
//!
//! Two presets: Kalteng size (40 units, ~1,000 job rows, ~8,400 survey rows, xlsx, the survey in
//! two workbooks like the bundled sample) and national size (25,000 units, 600,000 job rows,
//! 5,000,000 survey rows, CSV); any preset can be scaled. The values are clean (no deliberate
//! errors) so that a load gives no error diagnostic, but realistic in shape: headers typed the
//! way offices type them, `Ya`/`Tidak`, categories in mixed case and about 1 % of skill answers
//! "Tidak tahu". Verdicts come out mixed because every unit draws a maturity that drives its
//! infrastructure, its jobs and its staff's answers.
//!
//! Only writes files; it knows nothing of loading or scoring. Used by `kesiapan-synth` (the
//! benchmark's data generator) and by the tests.

use anyhow::{Context, Result, bail};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rand_distr::{Distribution, Normal};
use std::path::{Path, PathBuf};

/// The largest number of data rows written to one xlsx workbook (a sheet holds 1,048,576 rows).
pub const XLSX_MAX_ROWS: usize = 1_000_000;

/// File format of a generated set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SynthFormat {
    Xlsx,
    Csv,
}

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    pub units: usize,
    /// Job rows in total (at least one per unit).
    pub job_rows: usize,
    /// Survey rows in total (at least 5 per unit, the default minimum group size).
    pub survey_rows: usize,
    pub format: SynthFormat,
    /// How many files the survey is split into (xlsx: more when a file would pass
    /// `XLSX_MAX_ROWS`).
    pub survey_files: usize,
    pub seed: u64,
}

impl Spec {
    /// A province: the size of the bundled Kalteng sample, as xlsx.
    pub fn kalteng() -> Spec {
        Spec {
            units: 40,
            job_rows: 1_021,
            survey_rows: 8_436,
            format: SynthFormat::Xlsx,
            survey_files: 2,
            seed: 20_251_223,
        }
    }

    /// Every regional government of the country, as CSV.
    pub fn national() -> Spec {
        Spec {
            units: 25_000,
            job_rows: 600_000,
            survey_rows: 5_000_000,
            format: SynthFormat::Csv,
            survey_files: 1,
            seed: 20_251_223,
        }
    }

    /// The same shape with `factor` times the units and rows (at least one unit).
    pub fn scaled(&self, factor: f64) -> Spec {
        let s = |n: usize| ((n as f64 * factor).round() as usize).max(1);
        Spec {
            units: s(self.units),
            job_rows: s(self.job_rows).max(s(self.units)),
            survey_rows: s(self.survey_rows).max(5 * s(self.units)),
            ..self.clone()
        }
    }

    fn check(&self) -> Result<()> {
        if self.units == 0 {
            bail!("at least one unit is needed");
        }
        if self.job_rows < self.units {
            bail!(
                "at least one job row per unit is needed ({} units, {} job rows)",
                self.units,
                self.job_rows
            );
        }
        if self.survey_rows < 5 * self.units {
            bail!(
                "at least 5 survey rows per unit are needed ({} units, {} survey rows)",
                self.units,
                self.survey_rows
            );
        }
        if self.survey_files == 0 {
            bail!("the survey needs at least one file");
        }
        Ok(())
    }
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// (path, data rows) per file, in the order written.
    pub files: Vec<(PathBuf, usize)>,
    pub units: usize,
    pub job_rows: usize,
    pub survey_rows: usize,
    /// Sum of `jumlah_pegawai`.
    pub staff: u64,
}

pub const INFRA_HEADER: [&str; 15] = [
    "Kode OPD",
    "Nama OPD",
    "Jenis OPD",
    "Jumlah Pegawai",
    "Laptop Dinas",
    "Bandwidth (Mbps)",
    "VPN / Akses Jarak Jauh",
    "SRIKANDI",
    "Dokumen Cloud",
    "Akun Vicon",
    "Helpdesk TI",
    "Absensi Online",
    "Layanan Garis Depan",
    "Laporan Output",
    "SKP di e-Kinerja (%)",
];

pub const JOB_HEADER: [&str; 13] = [
    "Kode OPD",
    "Kode Jabatan",
    "Nama Jabatan",
    "Jenis Jabatan",
    "Jumlah Pemangku",
    "Dapat Dikerjakan di Luar Kantor",
    "Perlu Alat/Ruang Khusus",
    "Berbasis TIK",
    "Tatap Muka (1-5)",
    "Perlu Pengawasan Terus-menerus",
    "Layanan Garis Depan",
    "Data Rahasia",
    "Output Terukur",
];

pub const SURVEY_HEADER: [&str; 16] = [
    "ID Responden",
    "Kode OPD",
    "Kode Jabatan",
    "Email",
    "Aplikasi Perkantoran",
    "Rapat Video",
    "SRIKANDI",
    "e-Kinerja",
    "Dokumen Cloud",
    "Keamanan Digital",
    "Internet Rumah",
    "Laptop Pribadi",
    "Tempat Kerja Tenang",
    "Bersedia WFA",
    "Sanksi Disiplin",
    "Baru Ditempatkan",
];

/// Skill items' offsets from a respondent's level.
const SKILL_OFFSETS: [f64; 7] = [0.3, 0.2, 0.0, -0.2, 0.1, -0.3, -0.4];

/// Unit kinds: (name prefix, jenis as typed).
const KINDS: [(&str, &str); 8] = [
    ("Dinas", "Dinas"),
    ("Badan", "badan"),
    ("Biro", "Biro"),
    ("RSUD", "Rumah Sakit"),
    ("Inspektorat", "inspektorat"),
    ("Satuan", "Satuan"),
    ("Sekretariat", "sekretariat"),
    ("UPT", "UPT"),
];

const TOPICS: [&str; 16] = [
    "Pendidikan",
    "Kesehatan",
    "Pekerjaan Umum",
    "Perhubungan",
    "Kependudukan",
    "Sosial",
    "Lingkungan Hidup",
    "Pertanian",
    "Perikanan",
    "Keuangan Daerah",
    "Kepegawaian",
    "Perencanaan",
    "Komunikasi dan Informatika",
    "Pariwisata",
    "Perdagangan",
    "Penanggulangan Bencana",
];

/// Job presets, as the PermenPANRB criteria (luar kantor, alat khusus, TIK, tatap muka 1–5,
/// pengawasan, garis depan, rahasia, output terukur), with a name and jenis.
const JOBS: [(&str, &str, [u8; 8]); 10] = [
    ("Analis Kebijakan", "fungsional", [1, 0, 1, 2, 0, 0, 0, 1]),
    ("Pengolah Data", "pelaksana", [1, 0, 1, 2, 0, 0, 0, 1]),
    ("Perencana", "fungsional", [1, 0, 1, 1, 0, 0, 0, 1]),
    ("Kepala Bidang", "struktural", [1, 0, 1, 3, 0, 0, 0, 1]),
    ("Petugas Loket", "pelaksana", [0, 0, 1, 5, 0, 1, 0, 1]),
    ("Petugas Lapangan", "pelaksana", [0, 1, 0, 4, 0, 1, 0, 1]),
    ("Arsiparis", "fungsional", [0, 1, 0, 2, 0, 0, 0, 1]),
    ("Pengemudi", "pelaksana", [0, 1, 0, 3, 1, 0, 0, 0]),
    ("Pengelola Keuangan", "pelaksana", [1, 0, 1, 2, 0, 0, 1, 1]),
    ("Tenaga Kesehatan", "fungsional", [0, 1, 0, 5, 1, 1, 1, 1]),
];

/// A cell to write.
enum C {
    T(String),
    N(f64),
}

fn yt(b: bool) -> C {
    C::T(if b { "Ya" } else { "Tidak" }.into())
}

/// Split `total` over `weights` in whole numbers, each at least `min`; sums exactly to `total`.
fn apportion(total: usize, weights: &[f64], min: usize) -> Vec<usize> {
    let n = weights.len();
    let rest = total - min * n;
    let sum: f64 = weights.iter().sum();
    let mut out: Vec<usize> = weights
        .iter()
        .map(|w| min + (rest as f64 * w / sum).floor() as usize)
        .collect();
    let mut left = total - out.iter().sum::<usize>();
    let mut i = 0;
    while left > 0 {
        out[i % n] += 1;
        left -= 1;
        i += 1;
    }
    out
}

/// One unit's drawn profile.
struct Unit {
    code: String,
    maturity: f64,
    staff: u64,
    jobs: usize,
    survey: usize,
}

/// Where rows go: a CSV file or an xlsx worksheet.
enum Sink {
    Csv(Box<csv::Writer<std::io::BufWriter<std::fs::File>>>),
    Xlsx {
        book: Box<rust_xlsxwriter::Workbook>,
        row: u32,
    },
}

impl Sink {
    fn xlsx(header: &[&str]) -> Result<Sink> {
        let mut book = rust_xlsxwriter::Workbook::new();
        // A fixed creation time, so two runs give byte-identical files.
        let props = rust_xlsxwriter::DocProperties::new()
            .set_author("kesiapan-synth")
            .set_creation_datetime(
                &rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 12, 23).context("fixed date")?,
            );
        book.set_properties(&props);
        book.add_worksheet().set_name("Data")?;
        let mut s = Sink::Xlsx {
            book: Box::new(book),
            row: 0,
        };
        s.row(header.iter().map(|h| C::T(h.to_string())).collect())?;
        Ok(s)
    }

    fn csv(path: &Path, header: &[&str]) -> Result<Sink> {
        let f =
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
        let mut w = csv::Writer::from_writer(std::io::BufWriter::with_capacity(1 << 20, f));
        w.write_record(header)?;
        Ok(Sink::Csv(Box::new(w)))
    }

    fn open(format: SynthFormat, path: &Path, header: &[&str]) -> Result<Sink> {
        match format {
            SynthFormat::Csv => Sink::csv(path, header),
            SynthFormat::Xlsx => Sink::xlsx(header),
        }
    }

    fn row(&mut self, cells: Vec<C>) -> Result<()> {
        match self {
            Sink::Csv(w) => {
                for c in &cells {
                    match c {
                        C::T(s) => w.write_field(s)?,
                        C::N(x) => w.write_field(number(*x))?,
                    }
                }
                w.write_record(None::<&[u8]>)?;
            }
            Sink::Xlsx { book, row } => {
                let ws = book.worksheet_from_index(0)?;
                for (j, c) in cells.iter().enumerate() {
                    match c {
                        C::T(s) => ws.write_string(*row, j as u16, s)?,
                        C::N(x) => ws.write_number(*row, j as u16, *x)?,
                    };
                }
                *row += 1;
            }
        }
        Ok(())
    }

    fn finish(self, path: &Path) -> Result<()> {
        match self {
            Sink::Csv(mut w) => w.flush()?,
            Sink::Xlsx { mut book, .. } => book
                .save(path)
                .with_context(|| format!("writing {}", path.display()))?,
        }
        Ok(())
    }
}

/// A number as CSV text: integers without a decimal point, others with up to 2 decimals
/// (never 3, which could read as a thousands separator).
fn number(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{}", x as i64)
    } else {
        let s = format!("{x:.2}");
        s.trim_end_matches('0').to_string()
    }
}

fn ext(format: SynthFormat) -> &'static str {
    match format {
        SynthFormat::Xlsx => "xlsx",
        SynthFormat::Csv => "csv",
    }
}

/// Write the data set described by `spec` into `dir` (created if needed). Files:
/// `infrastruktur_opd.*`, `jabatan_opd.*`, `survei_pegawai_bagianN.*`.
pub fn generate(spec: &Spec, dir: &Path) -> Result<Written> {
    spec.check()?;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut rng = StdRng::seed_from_u64(spec.seed);
    let noise = Normal::<f64>::new(0.0, 1.0).expect("unit normal");

    // Units: maturity, survey rows and job rows, then headcount from a response rate.
    let maturity: Vec<f64> = (0..spec.units).map(|_| rng.random::<f64>()).collect();
    let size: Vec<f64> = (0..spec.units)
        .map(|_| (0.6 * noise.sample(&mut rng)).exp())
        .collect();
    let survey = apportion(spec.survey_rows, &size, 5);
    let job_w: Vec<f64> = (0..spec.units)
        .map(|_| rng.random_range(0.5..1.5))
        .collect();
    let jobs = apportion(spec.job_rows, &job_w, 1);
    let width = spec.units.to_string().len().max(2);
    let units: Vec<Unit> = (0..spec.units)
        .map(|i| {
            let rate = rng.random_range(0.55..0.95);
            Unit {
                code: format!("OPD-{:0width$}", i + 1),
                maturity: maturity[i],
                staff: ((survey[i] as f64 / rate).ceil() as u64).max(survey[i] as u64),
                jobs: jobs[i],
                survey: survey[i],
            }
        })
        .collect();

    let mut files = Vec::new();
    let fmt = spec.format;

    // Infrastruktur: one row per unit.
    let path = dir.join(format!("infrastruktur_opd.{}", ext(fmt)));
    let mut sink = Sink::open(fmt, &path, &INFRA_HEADER)?;
    for (i, u) in units.iter().enumerate() {
        let m = u.maturity;
        let (prefix, jenis) = KINDS[i % KINDS.len()];
        let topic = TOPICS[(i / KINDS.len()) % TOPICS.len()];
        let p = |rng: &mut StdRng, base: f64| rng.random::<f64>() < base;
        let staff = u.staff as f64;
        let laptop =
            (staff * (0.1 + 0.8 * m + 0.1 * noise.sample(&mut rng)).clamp(0.02, 1.0)).round();
        let bandwidth = (5.0 + 150.0 * m * m * rng.random_range(0.5..1.5)).round();
        let vicon = (staff * (0.06 * m * rng.random_range(0.5..1.5))).round();
        let laporan = match m + 0.3 * noise.sample(&mut rng) {
            x if x > 0.55 => "Harian",
            x if x > 0.15 => "Mingguan",
            _ => "Tidak Ada",
        };
        let skp = (0.3 + 0.7 * m + 0.1 * noise.sample(&mut rng)).clamp(0.1, 1.0);
        let row = vec![
            C::T(u.code.clone()),
            C::T(format!("{prefix} {topic} {}", i + 1)),
            C::T(jenis.into()),
            C::N(staff),
            C::N(laptop),
            C::N(bandwidth),
            yt(p(&mut rng, 0.1 + 0.8 * m)),
            yt(p(&mut rng, 0.4 + 0.6 * m)),
            yt(p(&mut rng, 0.2 + 0.7 * m)),
            C::N(vicon),
            yt(p(&mut rng, 0.1 + 0.8 * m)),
            yt(p(&mut rng, 0.5 + 0.5 * m)),
            yt(p(&mut rng, 0.5 - 0.3 * m)),
            C::T(laporan.into()),
            C::N((skp * 100.0).round() / 100.0),
        ];
        sink.row(row)?;
    }
    sink.finish(&path)?;
    files.push((path, units.len()));

    // Jabatan: the unit's staff split over its job types.
    let path = dir.join(format!("jabatan_opd.{}", ext(fmt)));
    let mut sink = Sink::open(fmt, &path, &JOB_HEADER)?;
    let mut job_codes: Vec<Vec<String>> = Vec::with_capacity(units.len());
    for u in &units {
        let w: Vec<f64> = (0..u.jobs).map(|_| rng.random_range(0.2..2.0)).collect();
        let holders = apportion(u.staff as usize, &w, 0);
        let mut codes = Vec::with_capacity(u.jobs);
        for (k, h) in holders.iter().enumerate() {
            // Mature units have more office jobs that fit WFA.
            let office = rng.random::<f64>() < 0.15 + 0.6 * u.maturity;
            let preset = if office {
                rng.random_range(0..4)
            } else {
                rng.random_range(4..JOBS.len())
            };
            let (name, jenis, c) = JOBS[preset];
            let mut c = c;
            // Mature units have measurable outputs more often, immature ones less.
            if rng.random::<f64>() < 0.3 * (1.0 - u.maturity) {
                c[7] = 0;
            }
            let code = format!("J{:04}", k + 1);
            sink.row(vec![
                C::T(u.code.clone()),
                C::T(code.clone()),
                C::T(format!("{name} {}", k + 1)),
                C::T(jenis.into()),
                C::N(*h as f64),
                yt(c[0] == 1),
                yt(c[1] == 1),
                yt(c[2] == 1),
                C::N(c[3] as f64),
                yt(c[4] == 1),
                yt(c[5] == 1),
                yt(c[6] == 1),
                yt(c[7] == 1),
            ])?;
            codes.push(code);
        }
        job_codes.push(codes);
    }
    sink.finish(&path)?;
    files.push((path, spec.job_rows));

    // Survei: one row per respondent, split over files by count (a unit's rows may straddle
    // two files, as batches of a real survey do).
    let mut parts = spec.survey_files;
    if fmt == SynthFormat::Xlsx {
        parts = parts.max(spec.survey_rows.div_ceil(XLSX_MAX_ROWS));
    }
    let per_file = spec.survey_rows.div_ceil(parts);
    let mut part = 0;
    let mut in_file = 0;
    let mut sink: Option<(Sink, PathBuf)> = None;
    let internet = ["Baik", "Lemah", "Tidak Ada"];
    for (u, codes) in units.iter().zip(&job_codes) {
        for n in 0..u.survey {
            if sink.is_none() {
                part += 1;
                let path = dir.join(format!("survei_pegawai_bagian{part}.{}", ext(fmt)));
                sink = Some((Sink::open(fmt, &path, &SURVEY_HEADER)?, path));
            }
            let m = u.maturity;
            let level = 2.0 + 2.4 * m + 0.6 * noise.sample(&mut rng);
            let mut row = Vec::with_capacity(SURVEY_HEADER.len());
            row.push(C::T(format!("{}-R{:06}", u.code, n + 1)));
            row.push(C::T(u.code.clone()));
            row.push(C::T(codes[rng.random_range(0..codes.len())].clone()));
            for off in SKILL_OFFSETS {
                if rng.random::<f64>() < 0.01 {
                    row.push(C::T("Tidak tahu".into()));
                } else {
                    let s = (level + off + 0.5 * noise.sample(&mut rng))
                        .round()
                        .clamp(1.0, 5.0);
                    row.push(C::N(s));
                }
            }
            let net = rng.random::<f64>();
            let good = 0.3 + 0.6 * m;
            row.push(C::T(
                if net < good {
                    internet[0]
                } else if net < good + (1.0 - good) * 0.7 {
                    internet[1]
                } else {
                    internet[2]
                }
                .into(),
            ));
            row.push(yt(rng.random::<f64>() < 0.4 + 0.5 * m));
            row.push(yt(rng.random::<f64>() < 0.4 + 0.4 * m));
            row.push(yt(rng.random::<f64>() < 0.5 + 0.4 * m));
            row.push(yt(rng.random::<f64>() < 0.03));
            row.push(yt(rng.random::<f64>() < 0.08));
            sink.as_mut().expect("open").0.row(row)?;
            in_file += 1;
            if in_file == per_file {
                let (s, path) = sink.take().expect("open");
                s.finish(&path)?;
                files.push((path, in_file));
                in_file = 0;
            }
        }
    }
    if let Some((s, path)) = sink.take() {
        s.finish(&path)?;
        files.push((path, in_file));
    }

    Ok(Written {
        files,
        units: spec.units,
        job_rows: spec.job_rows,
        survey_rows: spec.survey_rows,
        staff: units.iter().map(|u| u.staff).sum(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apportion_sums_exactly_and_keeps_the_minimum() {
        let w = [0.1, 3.0, 1.0, 0.5];
        let a = apportion(103, &w, 5);
        assert_eq!(a.iter().sum::<usize>(), 103);
        assert!(a.iter().all(|x| *x >= 5));
        assert!(a[1] > a[0]);
    }

    #[test]
    fn numbers_never_have_three_decimals() {
        assert_eq!(number(12.0), "12");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(0.5), "0.5");
    }

    #[test]
    fn scaled_keeps_the_minimums() {
        let s = Spec::national().scaled(0.001);
        assert_eq!(s.units, 25);
        assert!(s.job_rows >= s.units && s.survey_rows >= 5 * s.units);
    }
}
