//! Data diagnostics: every problem found in the input files, with a stable kebab-case code,
//! a severity, a message in English and Indonesian (from `crate::messages`) and the exact
//! place (file, sheet, row, column, offending value).
//!
//! This module only describes and prints problems; it never decides what to do about them.

use crate::messages::{Msg, word};
use crate::rubric::Lang;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The row or file was rejected, or a required thing is missing.
    Error,
    /// Something was used but looks wrong, or a value was treated as missing.
    Warning,
    /// Worth knowing, nothing was lost (an ignored file, an extra column).
    Info,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        })
    }
}

/// Declares the diagnostic codes from one table: each row gives the variant (with its doc
/// comment), the stable kebab-case name, the severity when the code always has one (`[Error]`),
/// the English explanation and the Indonesian one. The enum, `Code::ALL`, `as_str`, `FromStr`,
/// serde, `severity` and both explanations are generated from it, so no list can miss a code.
/// The optional severity column of `codes!`.
macro_rules! code_severity {
    () => {
        None
    };
    ($sev:ident) => {
        Some(Severity::$sev)
    };
}

macro_rules! codes {
    ($(
        $(#[$doc:meta])*
        $name:ident => $text:literal $([$sev:ident])?, $en:literal, $id:literal;
    )*) => {
        /// Stable diagnostic codes. The string form is part of the output contract: never rename
        /// one.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( $(#[$doc])* $name, )*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: [Code; [$(Code::$name),*].len()] = [$(Code::$name),*];

            /// The stable kebab-case name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( Code::$name => $text, )*
                }
            }

            /// The severity every diagnostic of this code has, when the code has one; `None`
            /// when the loader decides it case by case (see `input/diags.rs`).
            pub fn severity(self) -> Option<Severity> {
                match self {
                    $( Code::$name => code_severity!($($sev)?), )*
                }
            }

            /// One line on what the code means, for `--help`-style listings and the README.
            pub fn explain(self) -> &'static str {
                match self {
                    $( Code::$name => $en, )*
                }
            }

            /// What the code means and what to do, in Indonesian, for the units' feedback files.
            pub fn explain_id(self) -> &'static str {
                match self {
                    $( Code::$name => $id, )*
                }
            }
        }
    };
}

codes! {
    /// A file in the data folder matched no dataset.
    UnmatchedFile => "unmatched-file",
        "a file in the data folder matched no dataset; it was ignored",
        "berkas tidak dikenali sebagai data apa pun; tidak dibaca";
    /// A file (or sheet) matched more than one dataset.
    AmbiguousFile => "ambiguous-file" [Error],
        "a file matched more than one dataset; it was not loaded",
        "berkas cocok dengan lebih dari satu jenis data; tidak dibaca";
    /// A sheet had no row that looks like the dataset's header.
    HeaderNotFound => "header-not-found",
        "no row of the sheet looks like the dataset's header",
        "baris judul kolom tidak ditemukan; gunakan judul kolom formulir";
    /// A required column is not in the header.
    MissingColumn => "missing-column",
        "a required column is missing from the header",
        "kolom yang diperlukan tidak ada; tambahkan kolom itu";
    /// A header cell that is not in the schema; the column is ignored.
    ExtraColumn => "extra-column" [Info],
        "a header cell is not in the schema; the column is ignored",
        "kolom ini bukan bagian formulir; diabaikan";
    /// Two header cells map to the same schema column.
    DuplicateColumn => "duplicate-column" [Warning],
        "two header cells name the same column; the first is used",
        "dua kolom berjudul sama; hanya yang pertama dipakai";
    /// A required cell is empty.
    MissingValue => "missing-value" [Error],
        "a required cell is empty; the row is rejected",
        "isian wajib kosong; baris ditolak, mohon dilengkapi";
    /// A cell could not be read as the column's type.
    InvalidValue => "invalid-value",
        "a cell cannot be read as its column's type",
        "isian tidak sesuai jenisnya (angka, Ya/Tidak, tanggal)";
    /// A number outside the column's valid range.
    OutOfRange => "out-of-range",
        "a number is outside the column's valid range",
        "angka di luar rentang yang diizinkan";
    /// A category not in the allowed list.
    UnknownCategory => "unknown-category",
        "a value is not one of the column's allowed categories",
        "isian bukan salah satu pilihan yang diizinkan";
    /// A row whose unit is not in the unit list.
    UnknownUnit => "unknown-unit" [Error],
        "the row names a unit that is not in the unit list",
        "kode OPD tidak dikenal; gunakan kode OPD dari daftar";
    /// A unit-key cell holding what looks like personal data (an NIP, a person's name).
    PersonalUnitKey => "personal-unit-key",
        "the unit column holds what looks like personal data (an NIP, NIK, e-mail, phone number or a person's name); it is masked in every output",
        "kolom kode OPD berisi data yang tampak seperti data pribadi (NIP, NIK, e-mail, nomor telepon atau nama orang); disamarkan di semua keluaran, isi kode OPD";
    /// A row whose key repeats an earlier row.
    DuplicateKey => "duplicate-key" [Error],
        "the row repeats the key of an earlier row; it is rejected",
        "baris ini mengulang kunci baris lain; ditolak";
    /// A totals / subtotal row.
    TotalsRow => "totals-row" [Warning],
        "a totals or subtotal row; it is rejected",
        "baris jumlah/total bukan data; ditolak, tidak perlu diisi";
    /// A test submission (id `tes`, `coba`): not a real answer.
    TestRow => "test-row" [Warning],
        "a test submission (its id is a word such as `tes` or `coba`); it is rejected",
        "isian percobaan (mis. ID \"tes\"), bukan jawaban sebenarnya; ditolak, hapus dari tanggapan formulir";
    /// A blank row inside the data.
    BlankRow => "blank-row" [Info],
        "a blank row inside the data; skipped",
        "baris kosong di tengah data; dilewati";
    /// A value such as "tidak tahu" read as missing.
    /// A value such as "tidak tahu" read as missing: counted per column (information), or,
    /// for a `-` in a column that feeds a score, a warning at its cell.
    NotAnswered => "not-answered",
        "an answer such as 'tidak tahu' or '-' is read as missing, not zero",
        "jawaban 'tidak tahu' atau '-' dibaca sebagai tidak ada data, bukan nol";
    /// A dataset with no file at all.
    MissingDataset => "missing-dataset" [Error],
        "no file was found for a dataset",
        "data ini belum dikirim";
    /// A unit with no rows in a dataset.
    UnitWithoutData => "unit-without-data" [Warning],
        "a unit has no rows in a dataset",
        "OPD belum mengirim data ini";
    /// A group too small to report; its figures are suppressed.
    SmallGroup => "small-group" [Warning],
        "a group is smaller than the minimum size; figures suppressed",
        "kelompok terlalu kecil; angkanya tidak ditampilkan";
    /// A formula error cell such as #DIV/0!.
    FormulaError => "formula-error",
        "a formula error cell such as #DIV/0!; read as missing",
        "sel berisi kesalahan rumus (mis. #DIV/0!); isi dengan nilai";
    /// A derived column's or key's value could not be computed.
    DerivedMissing => "derived-missing" [Error],
        "a derived key could not be computed for the row",
        "kunci baris tidak dapat ditentukan (kode OPD kosong)";
    /// A number whose separators read differently in Indonesian and English.
    AmbiguousNumber => "ambiguous-number" [Warning],
        "a number whose `.`/`,` could be read two ways; how it was read",
        "angka dapat dibaca dua cara (titik/koma); periksa cara pembacaannya";
    /// A sheet with the dataset's header but no data row.
    NoRows => "no-rows" [Warning],
        "a sheet has the dataset's header but no data rows",
        "sheet berjudul kolom tetapi tanpa baris data";
    /// A header cell taken as a schema column because it is spelt almost like it.
    SimilarColumn => "similar-column" [Warning],
        "a header spelt almost like a column was taken as that column; check it",
        "judul kolom salah ketik; dianggap kolom yang disebut, mohon diperbaiki";
    /// A header cell read as a column once normalised (unit, year, question and filler words
    /// dropped); the original header is shown.
    InferredColumn => "inferred-column" [Info],
        "a header written with a unit, year or question words was read as a column",
        "judul kolom ditulis dengan satuan, tahun atau kata tanya; dibaca sebagai kolom yang disebut";
    /// A header cell read as a column because it contains the column's name or an alias of
    /// two words or more as whole words; the original header and the phrase are shown.
    ContainedColumn => "contained-column" [Warning],
        "a header containing a column's name was read as that column; check it",
        "judul kolom memuat nama kolom; dibaca sebagai kolom itu, mohon diperiksa";
    /// A yes/no column whose header asks for a tick ("(√ bila ada)"): blank cells read as Tidak.
    TickBoxColumn => "tick-box-column" [Info],
        "a yes/no column whose header asks for a tick (\"√ bila ada\"): its blank cells are read as Tidak",
        "kolom Ya/Tidak yang diisi dengan tanda centang (\"√ bila ada\"): sel kosong dibaca Tidak";
    /// A header cell about as close to several schema columns; not used.
    AmbiguousColumn => "ambiguous-column" [Warning],
        "a header is about as close to several columns; not used, rename it",
        "judul kolom mirip dua kolom; tidak dipakai, mohon diganti";
    /// A row whose unit was recognised by its name (or a misspelling of it), not its code.
    UnitByName => "unit-by-name" [Warning],
        "the unit was recognised by its name, with the confidence shown",
        "OPD dikenali dari namanya, bukan kodenya; mohon tulis kode OPD";
    /// A row whose unit name fits several units; rejected with the candidates.
    AmbiguousUnit => "ambiguous-unit" [Error],
        "the unit name fits several units; the row is rejected",
        "nama OPD cocok dengan beberapa OPD; baris ditolak, tulis kode OPD";
    /// A note, source line or signature below or inside the data.
    NotesRow => "notes-row" [Warning],
        "a note or signature line, not data; it is rejected",
        "catatan/tanda tangan di antara data; ditolak, tidak perlu";
    /// A row hidden in the workbook (read as data).
    HiddenRow => "hidden-row" [Warning],
        "a row hidden in the workbook; read as data, unhide to check it",
        "baris tersembunyi tetap dibaca; tampilkan dan periksa";
    /// A column hidden in the workbook (read as data, unless a visible column says the same).
    HiddenColumn => "hidden-column" [Warning],
        "a column hidden in the workbook; read as data unless a visible column has the same field, unhide to check it",
        "kolom tersembunyi; tetap dibaca kecuali ada kolom terlihat yang sama, tampilkan dan periksa";
    /// An id damaged by a spreadsheet program (scientific notation, digits cut to 15).
    DamagedId => "damaged-id" [Warning],
        "an id looks damaged by Excel (scientific notation, or cut to 15 digits); format the column as Text and type it again",
        "ID/NIP tampak rusak oleh Excel (notasi ilmiah atau terpotong 15 digit); format kolom sebagai Teks lalu ketik ulang";
    /// A file that could not be read at all (corrupt, empty, encrypted, not a spreadsheet).
    UnreadableFile => "unreadable-file" [Error],
        "a file could not be read at all; it was skipped",
        "berkas tidak dapat dibuka (rusak, kosong atau berkata sandi)";
    /// A row replaced by the same key in a newer submission.
    Superseded => "superseded" [Warning],
        "the row was replaced by a newer submission of the same key",
        "baris ini diganti oleh kiriman yang lebih baru";
    /// The master list of units has no column of unit codes.
    BadMasterList => "bad-master-list" [Error],
        "the master list of units has no code column (e.g. \"Kode OPD\"); it is not used",
        "daftar OPD tidak memiliki kolom kode (mis. \"Kode OPD\"); tidak dipakai";
    /// A row of the master list without a code.
    MasterRow => "master-row" [Warning],
        "a row of the master list of units has no code; it is ignored",
        "baris daftar OPD tanpa kode; diabaikan";
    /// A code given twice in the master list.
    DuplicateMasterCode => "duplicate-master-code" [Error],
        "a code appears twice in the master list of units; the later row is ignored",
        "kode OPD tercantum dua kali dalam daftar OPD; baris berikutnya diabaikan";
    /// A unit that sent a unit-list row but is not in the master list.
    UnlistedUnit => "unlisted-unit" [Warning],
        "a unit sent its data but is not in the master list of units; it is still assessed",
        "OPD mengirim data tetapi tidak ada di daftar OPD; tetap dinilai, periksa kodenya";
    /// A unit's survey response rate is below the rubric's minimum.
    LowResponse => "low-response" [Warning],
        "too few survey responses for the unit's headcount",
        "terlalu sedikit pegawai mengisi survei (di bawah batas minimum)";
    /// A dataset meant to cover every staff member (jobs: sum of holders) covers too few of the
    /// unit's headcount.
    LowCoverage => "low-coverage" [Warning],
        "a dataset that should cover every staff member covers too few of the unit's headcount",
        "daftar (mis. jabatan) hanya mencakup sebagian pegawai OPD; lengkapi semua jabatan atau perbaiki jumlah pegawai";
    /// A CSV file read in a legacy encoding (Windows-1252).
    LegacyEncoding => "legacy-encoding" [Info],
        "a CSV file in Windows-1252, not UTF-8; read as such",
        "CSV bukan UTF-8; simpan sebagai \"CSV UTF-8\"";
    /// A unit id that only looks like another: invisible characters, or a decomposed,
    /// fullwidth or other-script form of a letter, digit or dash (folded: a warning), or
    /// Cyrillic/Greek letters that look Latin (the row is rejected: an error).
    LookalikeId => "lookalike-id",
        "a unit id with invisible characters or look-alike forms of letters, digits or dashes (folded to the real id), or with Cyrillic or Greek letters that look Latin (rejected)",
        "kode unit berisi karakter tak terlihat atau bentuk lain huruf, angka atau tanda hubung (disamakan dengan kode aslinya), atau huruf Kiril/Yunani yang mirip huruf Latin (baris ditolak); ketik ulang kodenya dengan huruf Latin";
}

/// A code name that is not one of [`Code::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown diagnostic code `{0}`")]
pub struct UnknownCode(pub String);

impl std::str::FromStr for Code {
    type Err = UnknownCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Code::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| UnknownCode(s.to_string()))
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `s` capped at `text::TEXT_LIMIT` characters, the marker in `lang`.
fn capped(s: String, lang: Lang) -> String {
    match crate::text::cap(&s, crate::text::TEXT_LIMIT, lang) {
        std::borrow::Cow::Borrowed(_) => s,
        std::borrow::Cow::Owned(t) => t,
    }
}

/// One problem in the data, with its exact place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// The message in English (for programs reading the JSON, and `--lang en`).
    pub message: String,
    /// The message in Indonesian (`--lang id`, the default). Empty in files written before it
    /// existed: `text` falls back to `message`.
    #[serde(default)]
    pub pesan: String,
    /// The dataset the file was read as, when known.
    pub dataset: Option<String>,
    pub file: Option<String>,
    pub sheet: Option<String>,
    /// 1-based spreadsheet row (as a user sees it in Excel).
    pub row: Option<u32>,
    /// Spreadsheet column letter(s), e.g. `C`.
    pub column: Option<String>,
    /// The offending cell value, as text.
    pub value: Option<String>,
    /// The unit (OPD) the problem belongs to, when known (for per-unit feedback).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

impl Diagnostic {
    /// A diagnostic of `code`; a code with a fixed severity (`Code::severity`) must be built
    /// with it (checked in debug builds, so the tests catch a constructor that drifts).
    pub fn new(code: Code, severity: Severity, message: Msg) -> Self {
        debug_assert!(
            code.severity().is_none_or(|s| s == severity),
            "`{code}` is always {:?}, not {severity:?}",
            code.severity()
        );
        Diagnostic {
            code,
            severity,
            message: capped(message.en, Lang::En),
            // A masked personal value quoted in the message reads in Indonesian too.
            pesan: capped(
                message
                    .id
                    .replace(crate::text::PERSONAL, crate::text::personal(Lang::Id)),
                Lang::Id,
            ),
            dataset: None,
            file: None,
            sheet: None,
            row: None,
            column: None,
            value: None,
            unit: None,
        }
    }

    pub fn error(code: Code, message: Msg) -> Self {
        Self::new(code, Severity::Error, message)
    }

    pub fn warning(code: Code, message: Msg) -> Self {
        Self::new(code, Severity::Warning, message)
    }

    pub fn info(code: Code, message: Msg) -> Self {
        Self::new(code, Severity::Info, message)
    }

    pub fn dataset(mut self, d: &str) -> Self {
        self.dataset = Some(d.to_string());
        self
    }

    pub fn file(mut self, f: &str) -> Self {
        self.file = Some(f.to_string());
        self
    }

    pub fn sheet(mut self, s: Option<&str>) -> Self {
        self.sheet = s.map(str::to_string);
        self
    }

    /// Set file, sheet and 1-based row from a source location.
    pub fn at(mut self, loc: &Location) -> Self {
        self.file = Some(loc.file.clone());
        self.sheet = loc.sheet.clone();
        self.row = Some(loc.row);
        self
    }

    /// Set the column from a 0-based index.
    pub fn column(mut self, col: usize) -> Self {
        self.column = Some(column_letter(col));
        self
    }

    /// Set the column from a 0-based index, if known.
    pub fn column_opt(self, col: Option<usize>) -> Self {
        match col {
            Some(c) => self.column(c),
            None => self,
        }
    }

    pub fn unit(mut self, u: &str) -> Self {
        self.unit = Some(u.to_string());
        self
    }

    /// The offending value as shown: capped at `text::TEXT_LIMIT` characters with the visible
    /// marker (a 10 MB cell must not become a 10 MB line on the terminal and in every report).
    pub fn value(mut self, v: impl Into<String>) -> Self {
        self.value = Some(capped(v.into(), Lang::En));
        self
    }

    /// The message in `lang` (the English one when an older file has no Indonesian).
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id if !self.pesan.is_empty() => &self.pesan,
            _ => &self.message,
        }
    }

    /// Add `more` to the message in both languages (a count found after building it).
    pub fn append(&mut self, more: &Msg) {
        self.message = capped(format!("{}{}", self.message, more.en), Lang::En);
        self.pesan = capped(format!("{}{}", self.pesan, more.id), Lang::Id);
    }

    /// `file [sheet] C5` as a user would look it up, in `lang`; the dataset when no file
    /// applies.
    pub fn place(&self, lang: Lang) -> String {
        let head = match (&self.file, &self.dataset) {
            (Some(f), _) => f.clone(),
            (None, Some(d)) => {
                crate::messages::fill(word("place-dataset", lang), &[("dataset", d.into())], lang)
            }
            (None, None) => "-".to_string(),
        };
        place(
            head,
            self.sheet.as_deref(),
            self.row,
            self.column.as_deref(),
            lang,
        )
    }
}

/// `head [sheet] C5`, `head [sheet] row 5` (`baris 5`) or `head column C` (`kolom C`): the one
/// place formatter.
fn place(
    mut s: String,
    sheet: Option<&str>,
    row: Option<u32>,
    column: Option<&str>,
    lang: Lang,
) -> String {
    if let Some(sheet) = sheet {
        s.push_str(&format!(" [{sheet}]"));
    }
    let fill = |key: &'static str, name: &str, v: String| {
        crate::messages::fill(word(key, lang), &[(name, v.into())], lang)
    };
    match (row, column) {
        (Some(r), Some(c)) => s.push_str(&format!(" {c}{r}")),
        (Some(r), None) => s.push_str(&format!(" {}", fill("place-row", "row", r.to_string()))),
        (None, Some(c)) => s.push_str(&format!(
            " {}",
            fill("place-column", "column", c.to_string())
        )),
        (None, None) => {}
    }
    s
}

/// Where a row came from: the file (as given), the sheet (None for CSV) and the 1-based row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub file: String,
    pub sheet: Option<String>,
    pub row: u32,
    /// For each schema column (by index), the sheet column holding it (shared by a sheet's rows).
    #[serde(skip)]
    pub columns: Option<std::sync::Arc<Vec<Option<usize>>>>,
}

impl Location {
    pub fn new(file: &str, sheet: Option<String>, row: u32) -> Self {
        Location {
            file: file.to_string(),
            sheet,
            row,
            columns: None,
        }
    }

    /// `file [sheet] row 5` (`baris 5`), as a user would look it up, in `lang`.
    pub fn place(&self, lang: Lang) -> String {
        place(
            self.file.clone(),
            self.sheet.as_deref(),
            Some(self.row),
            None,
            lang,
        )
    }

    /// The place in both languages, for a message.
    pub fn place_msg(&self) -> Msg {
        Msg {
            en: self.place(Lang::En),
            id: self.place(Lang::Id),
        }
    }

    /// The sheet column of schema column `i`, when known.
    pub fn column_of(&self, i: usize) -> Option<usize> {
        self.columns
            .as_ref()
            .and_then(|c| c.get(i).copied().flatten())
    }
}

/// Spreadsheet column name for a 0-based index: 0 → A, 25 → Z, 26 → AA.
pub fn column_letter(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// Counts per (severity, code), for summaries.
pub fn counts(diags: &[Diagnostic]) -> BTreeMap<(Severity, Code), usize> {
    let mut m = BTreeMap::new();
    for d in diags {
        *m.entry((d.severity, d.code)).or_insert(0) += 1;
    }
    m
}

/// The severity as a reader sees it in `lang` (`kesalahan`, `peringatan`, `info`).
pub fn severity_word(sev: Severity, lang: Lang) -> &'static str {
    word(
        match sev {
            Severity::Error => "severity-error",
            Severity::Warning => "severity-warning",
            Severity::Info => "severity-info",
        },
        lang,
    )
}

impl Code {
    /// What the code means, in `lang`.
    pub fn explain_in(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Id => self.explain_id(),
            Lang::En => self.explain(),
        }
    }
}

/// Human summary for the terminal, in `lang`: counts per code, then at most `cap` lines per
/// code (errors first), then "+N more".
pub fn render_human(diags: &[Diagnostic], cap: usize, lang: Lang) -> String {
    let fill = |key: &'static str, args: &[(&str, crate::messages::Arg)]| {
        crate::messages::fill(word(key, lang), args, lang)
    };
    let mut out = String::new();
    if diags.is_empty() {
        out.push_str(word("human-none", lang));
        out.push('\n');
        return out;
    }
    let counts = counts(diags);
    out.push_str(word("human-by-code", lang));
    out.push('\n');
    for ((sev, code), n) in &counts {
        let sev = severity_word(*sev, lang);
        out.push_str(&format!("  {sev} {:<18} {n:>6}\n", code.as_str()));
    }
    for (sev, code) in counts.keys() {
        let of_code: Vec<&Diagnostic> = diags
            .iter()
            .filter(|d| d.severity == *sev && d.code == *code)
            .collect();
        out.push_str(&format!(
            "\n{}[{code}]: {}\n",
            severity_word(*sev, lang),
            code.explain_in(lang)
        ));
        for d in of_code.iter().take(cap) {
            let value = d
                .value
                .as_ref()
                .map(|v| {
                    format!(
                        " ({})",
                        fill(
                            "human-value",
                            &[(
                                "value",
                                format!("{:?}", crate::text::shown_value(v, lang)).into(),
                            )],
                        )
                    )
                })
                .unwrap_or_default();
            out.push_str(&format!("  {}: {}{value}\n", d.place(lang), d.text(lang)));
        }
        if of_code.len() > cap {
            out.push_str(&format!(
                "  {}\n",
                fill("human-more", &[("n", (of_code.len() - cap).into())])
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            assert!(seen.insert(c.as_str()));
            assert!(
                c.as_str()
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch == '-')
            );
        }
    }

    /// Every code, its fixed severity (or `-`), and both explanations, one block a code.
    fn code_table() -> String {
        let mut out = String::new();
        for c in Code::ALL {
            let sev = c.severity().map(|s| s.to_string());
            out.push_str(&format!(
                "{c} ({c:?})\n  severity: {}\n  en: {}\n  id: {}\n",
                sev.as_deref().unwrap_or("-"),
                c.explain(),
                c.explain_id()
            ));
        }
        out
    }

    /// The committed list of codes. A code added, renamed or re-worded shows here; after
    /// checking the change, re-bless with `KESIAPAN_BLESS=1 cargo test --lib diag::`.
    #[test]
    fn codes_snapshot() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/snapshots/diagnostic-codes.txt");
        let actual = code_table();
        if std::env::var("KESIAPAN_BLESS").is_ok_and(|v| v == "1") {
            std::fs::write(&path, &actual).unwrap();
            return;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!(
                "missing {}; run `KESIAPAN_BLESS=1 cargo test --lib diag::`",
                path.display()
            )
        });
        assert_eq!(
            actual,
            expected,
            "the diagnostic codes differ from {}; if the change is meant, rerun with KESIAPAN_BLESS=1 to accept",
            path.display()
        );
    }

    #[test]
    fn every_code_round_trips_through_its_name_and_serde() {
        for c in Code::ALL {
            assert_eq!(c.as_str().parse::<Code>(), Ok(c));
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.as_str()));
            assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), c);
        }
    }

    #[test]
    fn an_unknown_code_in_an_assessment_fails_with_its_name() {
        // The `diagnostics` of an assessment.json written by a newer kesiapan (or edited by
        // hand): reading it must fail and say which code is unknown, not skip or guess.
        let json = r#"{"code":"no-such-code","severity":"error","message":"m","dataset":null,
            "file":null,"sheet":null,"row":null,"column":null,"value":null}"#;
        let err = serde_json::from_str::<Diagnostic>(json).unwrap_err();
        assert!(
            err.to_string()
                .contains("unknown diagnostic code `no-such-code`"),
            "{err}"
        );
        assert_eq!(
            "no-such-code".parse::<Code>(),
            Err(UnknownCode("no-such-code".to_string()))
        );
        // The same object with a known code reads.
        let ok = json.replace("no-such-code", "blank-row");
        assert_eq!(
            serde_json::from_str::<Diagnostic>(&ok).unwrap().code,
            Code::BlankRow
        );
    }

    #[test]
    fn diagnostic_and_location_share_one_place_format() {
        let loc = Location::new("a.xlsx", Some("S".into()), 5);
        assert_eq!(loc.place(Lang::En), "a.xlsx [S] row 5");
        let d = Diagnostic::error(Code::DuplicateKey, Msg::same("m")).at(&loc);
        assert_eq!(d.place(Lang::En), loc.place(Lang::En));
        assert_eq!(d.clone().column(2).place(Lang::En), "a.xlsx [S] C5");
        assert_eq!(
            Location::new("b.csv", None, 7).place(Lang::En),
            "b.csv row 7"
        );
        let only_dataset =
            Diagnostic::error(Code::MissingDataset, Msg::same("m")).dataset("pegawai");
        assert_eq!(only_dataset.place(Lang::En), "dataset `pegawai`");
        assert_eq!(
            Diagnostic::info(Code::NotAnswered, Msg::same("m"))
                .file("c.csv")
                .column(0)
                .place(Lang::En),
            "c.csv column A"
        );
        // In Indonesian: `baris`, `kolom`, and the dataset without backticks.
        assert_eq!(loc.place(Lang::Id), "a.xlsx [S] baris 5");
        assert_eq!(only_dataset.place(Lang::Id), "dataset pegawai");
        assert_eq!(
            Diagnostic::info(Code::NotAnswered, Msg::same("m"))
                .file("c.csv")
                .column(0)
                .place(Lang::Id),
            "c.csv kolom A"
        );
    }

    #[test]
    fn a_diagnostic_keeps_both_languages_and_an_old_file_falls_back_to_english() {
        let d = Diagnostic::info(Code::UnmatchedFile, crate::msg!("lock-file"));
        assert_ne!(d.text(Lang::Id), d.text(Lang::En));
        assert_eq!(d.text(Lang::En), d.message);
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["pesan"], d.pesan.as_str());
        let mut old = json.clone();
        old.as_object_mut().unwrap().remove("pesan");
        let read: Diagnostic = serde_json::from_value(old).unwrap();
        assert_eq!(read.text(Lang::Id), d.message);
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "`blank-row` is always")]
    fn a_code_with_a_fixed_severity_cannot_be_built_with_another() {
        let _ = Diagnostic::error(Code::BlankRow, Msg::same("m"));
    }

    #[test]
    fn human_render_caps_and_counts() {
        let loc = Location::new("a.xlsx", Some("S".into()), 5);
        let diags: Vec<Diagnostic> = (0..4)
            .map(|i| {
                Diagnostic::error(Code::InvalidValue, Msg::same(format!("bad {i}")))
                    .at(&loc)
                    .column(2)
            })
            .collect();
        let text = render_human(&diags, 2, Lang::En);
        assert!(text.contains("invalid-value"));
        assert!(text.contains("a.xlsx [S] C5: bad 0"));
        assert!(text.contains("+2 more"));
        let id = render_human(&diags, 2, Lang::Id);
        assert!(id.contains("a.xlsx [S] C5: bad 0"), "{id}");
        assert!(id.contains("+2 lainnya"), "{id}");
        assert!(id.contains("kesalahan[invalid-value]"), "{id}");
    }
}
