//! A folder of messy OPD submissions, generated deterministically: the bureau's recap of the
//! 40 units (the unit list) and, per unit, its job-type and staff-survey returns the way they
//! really come back — title blocks, merged two-row headers, moved and extra columns, typos in
//! headers, names instead of codes, totals and notes rows, hidden rows and sheets, formula
//! errors, numbers as text, Windows-1252 CSV, resubmissions, corrupt/empty/encrypted files,
//! hostile cell text. Every planted mistake is listed with the code and place it must get.
//!
//! Used by `tests/messy.rs`; `cargo run --example messy_submissions -- DIR` writes it out.
#![allow(dead_code)]

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Formula, Workbook};
use std::path::Path;

/// A planted mistake: the diagnostic code it must get, in which file, at which row.
#[derive(Debug, Clone)]
pub struct Planted {
    pub file: String,
    pub code: &'static str,
    pub row: Option<u32>,
    pub what: &'static str,
}

/// A cell to write.
#[derive(Debug, Clone)]
pub enum C {
    S(String),
    N(f64),
    /// A formula and its cached result.
    F(&'static str, &'static str),
    E,
}

fn s(x: impl Into<String>) -> C {
    C::S(x.into())
}

/// A sheet to write.
#[derive(Default)]
pub struct Sh {
    pub name: String,
    pub rows: Vec<Vec<C>>,
    /// 0-based rows to hide.
    pub hidden_rows: Vec<u32>,
    pub hidden: bool,
    /// (row, first col, last col, text): a merged group label.
    pub merges: Vec<(u32, u16, u16, String)>,
    /// 0-based columns to hide.
    pub hidden_cols: Vec<u16>,
}

/// A workbook of one plain sheet.
pub fn write_one(path: &Path, name: &str, rows: Vec<Vec<C>>) {
    write_xlsx(
        path,
        vec![Sh {
            name: name.into(),
            rows,
            ..Sh::default()
        }],
    );
}

pub fn write_xlsx(path: &Path, sheets: Vec<Sh>) {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_author("OPD")
            .set_creation_datetime(&ExcelDateTime::from_ymd(2025, 6, 2).unwrap()),
    );
    let bold = Format::new().set_bold();
    for sh in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&sh.name).unwrap();
        for (r, row) in sh.rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match v {
                    C::S(t) => {
                        ws.write_string(r, c, t).unwrap();
                    }
                    C::N(n) => {
                        ws.write_number(r, c, *n).unwrap();
                    }
                    C::F(f, res) => {
                        ws.write_formula(r, c, Formula::new(*f).set_result(*res))
                            .unwrap();
                    }
                    C::E => {}
                }
            }
        }
        for (r, c1, c2, t) in &sh.merges {
            ws.merge_range(*r, *c1, *r, *c2, t, &bold).unwrap();
        }
        for r in &sh.hidden_rows {
            ws.set_row_hidden(*r).unwrap();
        }
        for c in &sh.hidden_cols {
            ws.set_column_hidden(*c).unwrap();
        }
        if sh.hidden {
            ws.set_hidden(true);
        }
    }
    std::fs::write(path, wb.save_to_buffer().unwrap()).unwrap();
}

fn write_csv(path: &Path, rows: &[Vec<C>], sep: char) -> String {
    let mut out = String::new();
    for r in rows {
        let line: Vec<String> = r
            .iter()
            .map(|c| match c {
                C::S(t) => t.clone(),
                C::N(n) => format!("{n}").replace('.', if sep == ';' { "," } else { "." }),
                C::F(_, res) => res.to_string(),
                C::E => String::new(),
            })
            .collect();
        out.push_str(&line.join(&sep.to_string()));
        out.push_str("\r\n");
    }
    std::fs::write(path, &out).unwrap();
    out
}

/// The 40 units (real names of Central Kalimantan's OPDs; every figure is synthetic).
pub const UNITS: [&str; 40] = [
    "Dinas Pendidikan",
    "Dinas Kesehatan",
    "RSUD dr. Doris Sylvanus",
    "RSJ Kalawa Atei",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Satuan Polisi Pamong Praja",
    "Badan Penanggulangan Bencana dan Pemadam Kebakaran",
    "Dinas Sosial",
    "Dinas Tenaga Kerja dan Transmigrasi",
    "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
    "Dinas Tanaman Pangan, Hortikultura dan Peternakan",
    "Dinas Lingkungan Hidup",
    "Dinas Pemberdayaan Masyarakat dan Desa",
    "Dinas Perhubungan",
    "Dinas Komunikasi, Informatika, Persandian dan Statistik",
    "Dinas Koperasi, Usaha Kecil dan Menengah",
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "Dinas Kebudayaan dan Pariwisata",
    "Dinas Perpustakaan dan Kearsipan",
    "Dinas Kelautan dan Perikanan",
    "Dinas Kehutanan",
    "Dinas Energi dan Sumber Daya Mineral",
    "Dinas Perkebunan",
    "Dinas Perindustrian dan Perdagangan",
    "Sekretariat DPRD",
    "Biro Pemerintahan dan Otonomi Daerah",
    "Biro Hukum",
    "Biro Kesejahteraan Rakyat",
    "Biro Perekonomian",
    "Biro Administrasi Pembangunan",
    "Biro Pengadaan Barang dan Jasa",
    "Biro Organisasi",
    "Biro Umum",
    "Badan Perencanaan Pembangunan Daerah",
    "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Badan Pendapatan Daerah",
    "Badan Kepegawaian Daerah",
    "Badan Pengembangan Sumber Daya Manusia",
    "Badan Kesatuan Bangsa dan Politik",
    "Inspektorat",
];

/// A fake NIP (18 digits) used as a respondent id by some units: must never reach the
/// bureau's report.
pub const FAKE_NIP: &str = "198703152010011002";

pub fn code(i: usize) -> String {
    format!("OPD-{:02}", i + 1)
}

/// A small deterministic generator (xorshift).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn yes(&mut self, p: u64) -> bool {
        self.below(100) < p
    }
}

pub fn headcount(i: usize) -> usize {
    18 + (i * 7) % 35
}

/// How many staff of unit `i` answered: most 60–90 %, three under 30 %.
pub fn respondents(i: usize) -> usize {
    let h = headcount(i);
    match i {
        22 | 34 | 38 => h / 5,
        _ => h * (60 + (i * 3) % 30) / 100,
    }
}

pub const JAB_HEAD: [&str; 13] = [
    "Kode OPD",
    "Kode Jabatan",
    "Nama Jabatan",
    "Jenis Jabatan",
    "Jumlah Pemangku",
    "Dapat Dikerjakan di Luar Kantor",
    "Perlu Alat/Ruang Khusus",
    "Berbasis TIK",
    "Tatap Muka (1-5)",
    "Perlu Pengawasan",
    "Layanan Publik Langsung",
    "Menangani Data Rahasia",
    "Hasil Terukur",
];

pub const SURV_HEAD: [&str; 16] = [
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
    "Tempat Tenang",
    "Bersedia WFA",
    "Sanksi Disiplin",
    "Baru Ditempatkan",
];

const JOBS: [(&str, &str); 6] = [
    ("Analis Kebijakan", "fungsional"),
    ("Pengelola Keuangan", "pelaksana"),
    ("Kepala Bidang", "struktural"),
    ("Pranata Komputer", "fungsional"),
    ("Pengadministrasi Umum", "pelaksana"),
    ("Petugas Layanan", "pelaksana"),
];

fn yn(b: bool) -> C {
    s(if b { "Ya" } else { "Tidak" })
}

/// Unit `i`'s job rows (canonical column order).
pub fn job_rows(i: usize, key: &str) -> Vec<Vec<C>> {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15 ^ ((i as u64 + 1) * 7919));
    (0..4)
        .map(|j| {
            let (name, kind) = JOBS[(i + j) % JOBS.len()];
            let front = name == "Petugas Layanan";
            vec![
                s(key),
                s(format!("J{:02}", j + 1)),
                s(name),
                s(kind),
                C::N((2 + r.below(12)) as f64),
                yn(!front && r.yes(80)),
                yn(r.yes(15)),
                yn(r.yes(85)),
                C::N(if front { 5.0 } else { (1 + r.below(3)) as f64 }),
                yn(r.yes(20)),
                yn(front),
                yn(r.yes(10)),
                yn(r.yes(75)),
            ]
        })
        .collect()
}

/// Unit `i`'s survey rows (canonical column order).
pub fn survey_rows(i: usize, key: &str, nip: bool) -> Vec<Vec<C>> {
    let mut r = Rng(0xD1B5_4A32_D192_ED03 ^ ((i as u64 + 1) * 104_729));
    (0..respondents(i))
        .map(|k| {
            let id = if nip {
                format!("19870315201001{:04}", 1000 + i * 50 + k)
            } else {
                format!("R-{:02}-{:03}", i + 1, k + 1)
            };
            let mut row = vec![s(id), s(key), s(format!("J{:02}", 1 + k % 4))];
            for _ in 0..7 {
                row.push(C::N((2 + r.below(4)) as f64));
            }
            row.push(s(["baik", "lemah", "tidak ada"][r.below(3) as usize]));
            row.push(yn(r.yes(70)));
            row.push(yn(r.yes(60)));
            row.push(yn(r.yes(80)));
            row.push(yn(r.yes(3)));
            row.push(yn(r.yes(5)));
            row
        })
        .collect()
}

fn head(h: &[&str]) -> Vec<C> {
    h.iter().map(|t| s(*t)).collect()
}

fn table(h: &[&str], rows: Vec<Vec<C>>) -> Vec<Vec<C>> {
    let mut v = vec![head(h)];
    v.extend(rows);
    v
}

/// Write the folder; returns the planted mistakes.
pub fn generate(dir: &Path) -> Vec<Planted> {
    std::fs::create_dir_all(dir).unwrap();
    let mut planted = Vec::new();
    let mut plant = |file: &str, code: &'static str, row: Option<u32>, what: &'static str| {
        planted.push(Planted {
            file: file.to_string(),
            code,
            row,
            what,
        })
    };

    // The bureau's recap of the units: title block, header in row 4, a totals row.
    {
        let f = "00_infrastruktur_opd_rekap.xlsx";
        let mut rows = vec![
            vec![s("REKAP INFRASTRUKTUR DIGITAL OPD PEMPROV KALTENG 2025")],
            vec![s("Sumber: isian OPD, Mei 2025")],
            vec![],
            head(&[
                "Kode OPD",
                "Nama OPD",
                "Jenis OPD",
                "Jumlah Pegawai",
                "Laptop Dinas",
                "Bandwidth (Mbps)",
                "VPN",
                "SRIKANDI",
                "Dokumen Cloud",
                "Akun Vicon",
                "Helpdesk TI",
                "Absensi Online",
                "Layanan Garis Depan",
                "Laporan Output",
                "SKP di e-Kinerja (%)",
            ]),
        ];
        let mut r = Rng(20_251_223);
        let mut total = 0.0;
        for (i, name) in UNITS.iter().enumerate() {
            let kind = name.split_whitespace().next().unwrap().to_lowercase();
            let kind = match kind.as_str() {
                "dinas" | "badan" | "biro" | "inspektorat" | "satuan" | "sekretariat" => kind,
                _ => "rumah sakit".to_string(),
            };
            let h = headcount(i);
            total += h as f64;
            rows.push(vec![
                s(code(i)),
                s(*name),
                s(kind),
                // OPD-26 left its headcount blank: its one row is rejected.
                if i == 25 { C::E } else { C::N(h as f64) },
                C::N((h as u64 * (20 + r.below(60)) / 100) as f64),
                // Decimal commas typed as text, the Indonesian way.
                s(format!("{},5", 5 + r.below(40))),
                yn(r.yes(50)),
                yn(r.yes(80)),
                yn(r.yes(60)),
                C::N(r.below(6) as f64),
                yn(r.yes(50)),
                yn(r.yes(70)),
                yn(name.starts_with("RS") || name.starts_with("Satuan") || r.yes(20)),
                s(["harian", "mingguan", "tidak ada"][r.below(3) as usize]),
                s(format!("{}%", 40 + r.below(60))),
            ]);
        }
        rows.push(vec![C::E, s("JUMLAH"), C::E, C::N(total)]);
        plant(f, "totals-row", Some(45), "a JUMLAH row under the 40 units");
        plant(
            f,
            "missing-value",
            Some(30),
            "OPD-26 left Jumlah Pegawai blank",
        );
        plant(
            "OPD-26",
            "unknown-unit",
            None,
            "OPD-26's other rows wait for its unit row",
        );
        write_xlsx(
            &dir.join(f),
            vec![Sh {
                name: "Rekap".into(),
                rows,
                ..Sh::default()
            }],
        );
    }

    for (i, unit_name) in UNITS.iter().enumerate() {
        let k = code(i);
        let n = i + 1;
        match n {
            // Both datasets in one workbook named after the unit (no file pattern matches).
            1 | 29 | 30 | 31 | 32 | 36 | 37 | 40 => {
                let f = format!("{k} {}.xlsx", unit_name);
                write_xlsx(
                    &dir.join(&f),
                    vec![
                        Sh {
                            name: "Jabatan".into(),
                            rows: table(&JAB_HEAD, job_rows(i, &k)),
                            ..Sh::default()
                        },
                        Sh {
                            name: "Survei".into(),
                            rows: table(&SURV_HEAD, survey_rows(i, &k, false)),
                            ..Sh::default()
                        },
                    ],
                );
            }
            // Title block and blank rows above the header; a note and a signature below.
            2 => {
                let f = format!("jabatan_{k}.xlsx");
                let mut rows = vec![
                    vec![s("DAFTAR JABATAN DINAS KESEHATAN")],
                    vec![s("Tahun 2025")],
                    vec![],
                    vec![],
                    head(&JAB_HEAD),
                ];
                rows.extend(job_rows(i, &k));
                rows.push(vec![]);
                rows.push(vec![s("Catatan: jumlah pemangku per 31 Mei 2025")]);
                rows.push(vec![
                    C::E,
                    C::E,
                    C::E,
                    C::E,
                    C::E,
                    C::E,
                    C::E,
                    C::E,
                    C::E,
                    s(format!("NIP. {FAKE_NIP}")),
                ]);
                plant(&f, "notes-row", Some(11), "a note under the data");
                plant(&f, "notes-row", Some(12), "a signature line with an NIP");
                write_one(&dir.join(&f), "Sheet1", rows);
                survey_xlsx(dir, i, &k, false);
            }
            // A two-row header: criteria grouped under a merged label.
            3 => {
                let f = format!("jabatan_{k}.xlsx");
                let mut upper: Vec<C> = vec![
                    s("Kode OPD"),
                    s("Kode Jabatan"),
                    s("Nama Jabatan"),
                    s("Jenis Jabatan"),
                    s("Jumlah Pemangku"),
                ];
                upper.extend((0..8).map(|_| C::E));
                let mut lower: Vec<C> = (0..5).map(|_| C::E).collect();
                lower.extend(
                    [
                        "Dapat di Luar Kantor",
                        "Perlu Alat Khusus",
                        "Berbasis TIK",
                        "Tatap Muka",
                        "Perlu Pengawasan",
                        "Layanan Garis Depan",
                        "Data Rahasia",
                        "Output Terukur",
                    ]
                    .map(s),
                );
                let mut rows = vec![upper, lower];
                rows.extend(job_rows(i, &k));
                write_xlsx(
                    &dir.join(&f),
                    vec![Sh {
                        name: "Jabatan".into(),
                        rows,
                        merges: vec![(0, 5, 12, "Kriteria PermenPANRB 4/2025".into())],
                        ..Sh::default()
                    }],
                );
                survey_xlsx(dir, i, &k, false);
            }
            // Columns moved around, extra columns (No, Keterangan, a date typed two ways).
            4 => {
                let f = format!("jabatan_{k}.xlsx");
                let order = [2usize, 1, 0, 4, 3, 12, 11, 10, 9, 8, 7, 6, 5];
                let mut h: Vec<C> = vec![s("No")];
                h.extend(order.iter().map(|j| s(JAB_HEAD[*j])));
                h.push(s("Keterangan"));
                h.push(s("Tanggal Isi"));
                let mut rows = vec![h];
                for (r, jr) in job_rows(i, &k).into_iter().enumerate() {
                    let mut row = vec![C::N(r as f64 + 1.0)];
                    row.extend(order.iter().map(|j| jr[*j].clone()));
                    row.push(s("-"));
                    row.push(if r.is_multiple_of(2) {
                        s("02/06/2025")
                    } else {
                        C::N(45810.0)
                    });
                    rows.push(row);
                }
                plant(
                    &f,
                    "extra-column",
                    Some(1),
                    "extra columns No, Keterangan, Tanggal Isi",
                );
                write_one(&dir.join(&f), "Jabatan", rows);
                survey_xlsx(dir, i, &k, false);
            }
            // Typos in headers; one header about as close to two columns.
            5 => {
                let f = format!("jabatan_{k}.xlsx");
                let mut h = JAB_HEAD.map(String::from).to_vec();
                h[4] = "Jumlah Pemangkuu".into();
                h[8] = "Tatap Mka (1-5)".into();
                let mut rows = vec![h.into_iter().map(C::S).collect::<Vec<_>>()];
                rows.extend(job_rows(i, &k));
                plant(
                    &f,
                    "similar-column",
                    Some(1),
                    "`Jumlah Pemangkuu` taken as jumlah_pemangku",
                );
                plant(
                    &format!("survei_{k}.xlsx"),
                    "extra-column",
                    Some(1),
                    "`Skill Srikinerja` matches no column",
                );
                write_one(&dir.join(&f), "Jabatan", rows);
                let sf = format!("survei_{k}.xlsx");
                let mut sh = SURV_HEAD.map(String::from).to_vec();
                // A label like no column: reported as extra, `skill_srikandi` as missing.
                sh[6] = "Skill Srikinerja".into();
                let mut rows = vec![sh.into_iter().map(C::S).collect::<Vec<_>>()];
                rows.extend(survey_rows(i, &k, false));
                write_xlsx(
                    &dir.join(&sf),
                    vec![Sh {
                        name: "Survei".into(),
                        rows,
                        ..Sh::default()
                    }],
                );
            }
            // The unit written by its name instead of its code.
            6 => {
                jabatan_xlsx(
                    dir,
                    i,
                    unit_name,
                    &mut plant,
                    Some(("unit-by-name", "the unit's name in the code column")),
                );
                survey_xlsx(dir, i, &k, false);
            }
            // A misspelt name.
            7 => {
                jabatan_xlsx(
                    dir,
                    i,
                    "Badan Penanggulangan Bencana dan Pemadam Kebakar",
                    &mut plant,
                    Some(("unit-by-name", "a misspelt unit name")),
                );
                survey_xlsx(dir, i, &k, false);
            }
            // Totals and subtotal rows.
            8 => {
                let f = format!("jabatan_{k}.xlsx");
                let mut rows = table(&JAB_HEAD, job_rows(i, &k));
                rows.insert(3, vec![s("Subtotal"), C::E, C::E, C::E, C::N(9.0)]);
                rows.push(vec![
                    s("TOTAL"),
                    C::E,
                    C::E,
                    C::E,
                    C::F("=SUM(E2:E6)", "30"),
                ]);
                plant(&f, "totals-row", Some(4), "a subtotal row between the jobs");
                plant(&f, "totals-row", Some(7), "a TOTAL row with a formula");
                write_one(&dir.join(&f), "Jabatan", rows);
                survey_xlsx(dir, i, &k, false);
            }
            // A hidden row and a hidden sheet with last year's data.
            9 => {
                let f = format!("jabatan_{k}.xlsx");
                let rows = table(&JAB_HEAD, job_rows(i, &k));
                plant(&f, "hidden-row", Some(3), "a hidden job row");
                plant(&f, "unmatched-file", None, "a hidden sheet `2024`");
                write_xlsx(
                    &dir.join(&f),
                    vec![
                        Sh {
                            name: "Jabatan".into(),
                            rows,
                            hidden_rows: vec![2],
                            ..Sh::default()
                        },
                        Sh {
                            name: "2024".into(),
                            rows: table(&JAB_HEAD, job_rows(i + 1, &k)),
                            hidden: true,
                            ..Sh::default()
                        },
                    ],
                );
                survey_xlsx(dir, i, &k, false);
            }
            // Formula cells and formula errors.
            10 => {
                let f = format!("jabatan_{k}.xlsx");
                let mut rows = table(&JAB_HEAD, job_rows(i, &k));
                rows[1][4] = C::F("=2+3", "5");
                rows[2][4] = C::F("=E9/0", "#DIV/0!");
                rows[3][8] = C::F("=#REF!", "#REF!");
                plant(
                    &f,
                    "formula-error",
                    Some(3),
                    "#DIV/0! in a required count: row rejected",
                );
                plant(
                    &f,
                    "formula-error",
                    Some(4),
                    "#REF! in an optional Likert: read as missing",
                );
                write_one(&dir.join(&f), "Jabatan", rows);
                survey_xlsx(dir, i, &k, false);
            }
            // Numbers stored as text, Ya/Tidak spelt every way, a thousands dot.
            11 => {
                let f = format!("jabatan_{k}.xlsx");
                let mut rows = table(&JAB_HEAD, job_rows(i, &k));
                rows[1][4] = s("12");
                rows[2][4] = s(" 7 ");
                rows[3][4] = s("1.250");
                rows[1][5] = s("ya ");
                rows[2][5] = s("Y");
                rows[3][5] = s("1");
                rows[4][5] = s("tdk");
                plant(&f, "ambiguous-number", Some(4), "1.250 read as 1250");
                write_one(&dir.join(&f), "Jabatan", rows);
                survey_xlsx(dir, i, &k, false);
            }
            // Survey answers: tidak tahu, out of range, unknown category.
            12 => {
                jabatan_xlsx(dir, i, &k, &mut plant, None);
                let f = format!("survei_{k}.xlsx");
                let mut rows = table(&SURV_HEAD, survey_rows(i, &k, false));
                rows[1][3] = s("tidak tahu");
                rows[2][4] = C::N(7.0);
                rows[3][10] = s("bagus");
                rows[4][11] = s("mungkin");
                plant(&f, "out-of-range", Some(3), "a Likert answer of 7");
                plant(&f, "unknown-category", Some(4), "internet `bagus`");
                plant(&f, "invalid-value", Some(5), "`mungkin` for Ya/Tidak");
                plant(&f, "not-answered", None, "`tidak tahu` read as missing");
                write_one(&dir.join(&f), "Survei", rows);
            }
            // A required column missing: the whole sheet is rejected.
            13 => {
                let f = format!("jabatan_{k}.xlsx");
                let rows: Vec<Vec<C>> = table(&JAB_HEAD, job_rows(i, &k))
                    .into_iter()
                    .map(|mut r| {
                        r.remove(4);
                        r
                    })
                    .collect();
                plant(&f, "missing-column", Some(1), "no Jumlah Pemangku column");
                write_one(&dir.join(&f), "Jabatan", rows);
                survey_xlsx(dir, i, &k, false);
            }
            // Windows-1252 CSV (Excel's plain "CSV"), `;`-separated, with an accented note.
            14 => {
                jabatan_xlsx(dir, i, &k, &mut plant, None);
                let f = format!("survei_{k}.csv");
                let mut h = SURV_HEAD.map(String::from).to_vec();
                h.push("Keterangan".into());
                let mut rows = vec![h.into_iter().map(C::S).collect::<Vec<_>>()];
                for mut r in survey_rows(i, &k, false) {
                    r.push(s("dicek oleh Bu Andréa"));
                    rows.push(r);
                }
                let text = write_csv(&dir.join(&f), &rows, ';');
                let (bytes, _, bad) = encoding_rs::WINDOWS_1252.encode(&text);
                assert!(!bad);
                std::fs::write(dir.join(&f), bytes).unwrap();
                plant(&f, "legacy-encoding", None, "Windows-1252 CSV");
            }
            // UTF-8 CSV with a BOM, comma-separated.
            15 => {
                jabatan_xlsx(dir, i, &k, &mut plant, None);
                let f = format!("survei_{k}.csv");
                let text = write_csv(
                    &dir.join(&f),
                    &table(&SURV_HEAD, survey_rows(i, &k, false)),
                    ',',
                );
                std::fs::write(dir.join(&f), format!("\u{feff}{text}")).unwrap();
            }
            // Duplicate respondents: an exact repeat and a conflicting one; NIPs as ids.
            16 => {
                jabatan_xlsx(dir, i, &k, &mut plant, None);
                let f = format!("survei_{k}.xlsx");
                let mut rows = table(&SURV_HEAD, survey_rows(i, &k, true));
                let again = rows[2].clone();
                rows.push(again);
                let mut changed = rows[3].clone();
                changed[3] = C::N(1.0);
                rows.push(changed);
                let last = rows.len() as u32;
                plant(
                    &f,
                    "duplicate-key",
                    Some(last - 1),
                    "an exact repeat of a respondent",
                );
                plant(
                    &f,
                    "duplicate-key",
                    Some(last),
                    "the same respondent with another answer",
                );
                write_one(&dir.join(&f), "Survei", rows);
            }
            // A resubmission: the corrected survey sent again as a second file.
            17 => {
                jabatan_xlsx(dir, i, &k, &mut plant, None);
                survey_xlsx(dir, i, &k, false);
                let f = format!("survei_{k}_revisi.xlsx");
                let mut rows = table(&SURV_HEAD, survey_rows(i, &k, false));
                for r in rows.iter_mut().skip(1) {
                    r[13] = s("Ya");
                }
                // The revision also drops a respondent who should not have been counted.
                rows.pop();
                plant(
                    &f,
                    "duplicate-key",
                    Some(2),
                    "the revised file repeats every respondent",
                );
                write_one(&dir.join(&f), "Survei", rows);
            }
            // A corrupt file, an empty file, an encrypted workbook, a letter as PDF.
            18 => {
                jabatan_xlsx(dir, i, &k, &mut plant, None);
                let f = format!("survei_{k}.xlsx");
                std::fs::write(dir.join(&f), b"PK\x03\x04 this is not really a zip").unwrap();
                plant(&f, "unreadable-file", None, "a corrupt xlsx");
            }
            19 => {
                jabatan_xlsx(dir, i, &k, &mut plant, None);
                let f = format!("survei_{k}.xlsx");
                std::fs::write(dir.join(&f), b"").unwrap();
                plant(&f, "unreadable-file", None, "an empty file");
            }
            20 => {
                jabatan_xlsx(dir, i, &k, &mut plant, None);
                let f = format!("survei_{k}.xlsx");
                let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
                bytes.extend(std::iter::repeat_n(0u8, 512));
                std::fs::write(dir.join(&f), bytes).unwrap();
                plant(&f, "unreadable-file", None, "a password-protected workbook");
            }
            21 => {
                jabatan_xlsx(dir, i, &k, &mut plant, None);
                survey_xlsx(dir, i, &k, false);
                let f = format!("Surat Pengantar {k}.pdf");
                std::fs::write(dir.join(&f), b"%PDF-1.4\n").unwrap();
                plant(&f, "unmatched-file", None, "a cover letter");
            }
            // Sent nothing.
            22 => {}
            // Hostile cell text: HTML, a DDE formula, control characters, a very long string.
            24 => {
                let f = format!("jabatan_{k}.xlsx");
                let mut rows = table(&JAB_HEAD, job_rows(i, &k));
                rows[1][2] = s("<script>alert('x')</script><b>Analis</b>");
                rows[2][2] = s("=cmd|' /C calc'!A0");
                rows[3][2] = s("Pengelola\u{7}\u{1b}[31m Data");
                rows[4][2] = s("x".repeat(32_000));
                write_one(&dir.join(&f), "Jabatan", rows);
                survey_xlsx(dir, i, &k, false);
            }
            // The code written another way.
            25 => {
                jabatan_xlsx(
                    dir,
                    i,
                    "opd 25",
                    &mut plant,
                    Some(("unit-by-name", "the code written `opd 25`")),
                );
                survey_xlsx(dir, i, &k, false);
            }
            // A unit name that fits two units: never guessed.
            27 => {
                jabatan_xlsx(dir, i, &k, &mut plant, None);
                let f = format!("survei_{k}.xlsx");
                let mut rows = table(&SURV_HEAD, survey_rows(i, &k, false));
                rows[1][1] = s("Biro Humum");
                plant(
                    &f,
                    "ambiguous-unit",
                    Some(2),
                    "`Biro Humum`: Biro Hukum or Biro Umum?",
                );
                write_one(&dir.join(&f), "Survei", rows);
            }
            _ => {
                jabatan_xlsx(dir, i, &k, &mut plant, None);
                survey_xlsx(dir, i, &k, false);
            }
        }
    }
    plant("OPD-22", "unit-without-data", None, "OPD-22 sent nothing");
    for u in ["OPD-23", "OPD-35", "OPD-39"] {
        plant(
            u,
            "low-response",
            None,
            "survey answered by under 30 % of staff",
        );
    }
    planted
}

fn jabatan_xlsx(
    dir: &Path,
    i: usize,
    key: &str,
    plant: &mut impl FnMut(&str, &'static str, Option<u32>, &'static str),
    mistake: Option<(&'static str, &'static str)>,
) {
    let f = format!("jabatan_{}.xlsx", code(i));
    if let Some((c, what)) = mistake {
        plant(&f, c, Some(2), what);
    }
    write_xlsx(
        &dir.join(&f),
        vec![Sh {
            name: "Jabatan".into(),
            rows: table(&JAB_HEAD, job_rows(i, key)),
            ..Sh::default()
        }],
    );
}

fn survey_xlsx(dir: &Path, i: usize, key: &str, nip: bool) {
    write_xlsx(
        &dir.join(format!("survei_{}.xlsx", code(i))),
        vec![Sh {
            name: "Survei".into(),
            rows: table(&SURV_HEAD, survey_rows(i, key, nip)),
            ..Sh::default()
        }],
    );
}
