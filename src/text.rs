//! Shared text helpers for every output: capping a displayed value, hiding long digit runs, the
//! mask shown for personal data, recognising values that look personal (NIP, NIK, e-mail, phone,
//! a person's name) and headers that ask for them, the one Markdown cell escaper (data text inside a Markdown report,
//! table cell or prose) and the one CSV formula neutraliser. Each rule lives here once, so the
//! data-quality report, the summary, the memo and the CSVs cannot drift apart.
//!
//! Every data text shown to a user goes through [`cap`] (with [`NAME_LIMIT`] or [`TEXT_LIMIT`]):
//! a 10 MB cell is shown as its first characters and a visible "… (+N karakter)".
//!
//! A leaf: it imports nothing from the crate but [`Lang`], and decides no wording beyond the mask
//! text and the cut marker.

use crate::rubric::Lang;
use std::borrow::Cow;

/// `s` with its first letter upper-case ("unit kerja" → "Unit kerja"), for a label that starts
/// a sentence.
pub fn ucfirst(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// What is shown instead of a personal value (kept in `diagnostics.json` as it is; shown to a
/// reader in the run's language by [`shown_value`]).
pub const PERSONAL: &str = "(personal data, not shown)";

/// [`PERSONAL`] in a language.
pub fn personal(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "(data pribadi, tidak ditampilkan)",
        Lang::En => PERSONAL,
    }
}

/// A diagnostic's value as a reader sees it: the personal-data mask in `lang`.
pub fn shown_value(v: &str, lang: Lang) -> &str {
    if v == PERSONAL { personal(lang) } else { v }
}

/// Runs of 8 or more digits (an NIP under a signature, a phone number) replaced by `#`s.
pub fn hide_ids(s: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.chars().filter(char::is_ascii_digit).count() >= 8 {
            out.push_str("########");
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in s.chars() {
        if c.is_ascii_digit() || (c == ' ' && !run.is_empty()) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// What a value that looks personal looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    /// 18 digits: a civil servant's NIP (`19850101 201001 1 001`).
    Nip,
    /// 16 digits: a resident's NIK.
    Nik,
    /// An e-mail address.
    Email,
    /// A phone number: `+62…`, `62…` or `08…`, 9 to 15 digits.
    Phone,
    /// Any other run of 12 or more digits.
    Digits,
    /// Text written like a person's name (`Siti Rahayu`).
    Name,
}

impl IdKind {
    /// The kind in an English sentence.
    pub fn label_en(self) -> &'static str {
        match self {
            IdKind::Nip => "an NIP",
            IdKind::Nik => "an NIK",
            IdKind::Email => "an e-mail address",
            IdKind::Phone => "a phone number",
            IdKind::Digits => "a long number",
            IdKind::Name => "a person's name",
        }
    }

    /// How the kind is named in a mask, in Indonesian (`[NIP disamarkan]`).
    pub fn label_id(self) -> &'static str {
        match self {
            IdKind::Nip => "NIP",
            IdKind::Nik => "NIK",
            IdKind::Email => "e-mail",
            IdKind::Phone => "nomor telepon",
            IdKind::Digits => "nomor",
            IdKind::Name => "nama",
        }
    }
}

/// Whether `s` as a whole is an identifier of a person: an e-mail, an NIP, an NIK, a phone
/// number or a digit string of 12 or more (spaces, `-`, `(`, `)` and a leading `+` allowed
/// between the digits), also after a label (`NIP. 1985…`, `NIK: 3201…`, `nip 1985…`) and an
/// NIK or NIP written in dotted groups (`3201.2345.6789.0123`: dots only between groups of two
/// or more digits, 16 or 18 digits in all). Short codes (`OPD-07`) and dotted codes
/// (`1.02.0.00.0.00.01.0000`, the SIPD unit codes, with one-digit groups) are not.
pub fn id_like(s: &str) -> Option<IdKind> {
    let t = s.trim();
    if looks_like_email(t) {
        return Some(IdKind::Email);
    }
    if let Some(rest) = after_id_label(t) {
        return id_like(rest);
    }
    let body = t.strip_prefix('+').unwrap_or(t);
    if body.contains('.') {
        return dotted_id(body);
    }
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')'))
    {
        return None;
    }
    let digits: String = body.chars().filter(char::is_ascii_digit).collect();
    let n = digits.len();
    let phone_prefix = t.starts_with('+') || digits.starts_with("62") || digits.starts_with("08");
    match n {
        18 => Some(IdKind::Nip),
        16 => Some(IdKind::Nik),
        9..=15 if phone_prefix => Some(IdKind::Phone),
        n if n >= 12 => Some(IdKind::Digits),
        _ => None,
    }
}

/// The text after a label naming an identifier (`NIP`, `NIK`, `KTP`, `No. KTP`, with `.`, `:`,
/// `-` or spaces after it), when a digit follows.
fn after_id_label(t: &str) -> Option<&str> {
    let lower = t.to_ascii_lowercase();
    let lower = lower.as_str();
    let rest = ["no. ktp", "no ktp", "nip", "nik", "ktp"]
        .iter()
        .find_map(|l| lower.strip_prefix(l))?;
    let rest = &t[t.len() - rest.len()..];
    let after = rest.trim_start_matches(['.', ':', '-', ' ']);
    // `NIP198…` and `NIP. 198…` are labels; `NIPA-01` or `NIKE` are words.
    after
        .starts_with(|c: char| c.is_ascii_digit())
        .then_some(after)
}

/// An NIK or NIP in dotted groups: every group of two or more digits (spaces around dots
/// allowed), 16 or 18 digits in all.
fn dotted_id(body: &str) -> Option<IdKind> {
    let groups: Vec<&str> = body.split('.').map(str::trim).collect();
    if groups
        .iter()
        .any(|g| g.len() < 2 || !g.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    match groups.iter().map(|g| g.len()).sum::<usize>() {
        18 => Some(IdKind::Nip),
        16 => Some(IdKind::Nik),
        _ => None,
    }
}

fn looks_like_email(t: &str) -> bool {
    let Some((user, domain)) = t.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && !t.contains(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

/// Words of unit names: text with one of them names an office, not a person.
const OFFICE_WORDS: &[&str] = &[
    "dinas",
    "badan",
    "biro",
    "sekretariat",
    "sekretaris",
    "inspektorat",
    "satuan",
    "satpol",
    "kantor",
    "rumah",
    "sakit",
    "rsud",
    "unit",
    "upt",
    "uptd",
    "bagian",
    "bidang",
    "balai",
    "pusat",
    "daerah",
    "provinsi",
    "prov",
    "kabupaten",
    "kota",
    "dprd",
    "bappeda",
    "bpkad",
    "bkd",
    "bpbd",
    "opd",
    "skpd",
    "direktorat",
    "kementerian",
    "lembaga",
    "kesehatan",
    "pendidikan",
    "umum",
    "hukum",
    "keuangan",
    "perhubungan",
    "pariwisata",
    "dan",
    "pemerintah",
    "pemprov",
    "sekda",
    "kesbangpol",
    "perangkat",
    "layanan",
    "pelayanan",
    "office",
    "department",
    "agency",
    "bureau",
    "of",
    "the",
    "and",
    // Office acronyms and the province's place names, which an all-caps unit code is made of
    // (`DISDIK KALTENG`, `DINAS PUPR`).
    "pupr",
    "pp",
    "disdik",
    "dinkes",
    "dishub",
    "dinsos",
    "dispar",
    "diskominfo",
    "kominfo",
    "disnaker",
    "disnakertrans",
    "dispora",
    "disperindag",
    "kalteng",
    "kalimantan",
    "tengah",
    "palangka",
    "raya",
    "organisasi",
    "kepegawaian",
    "perencanaan",
    "pembangunan",
];

/// Academic and religious titles written before a name (`Dr. Ir. Bambang`, `Hj. Siti`).
const TITLES_BEFORE: &[&str] = &["dr", "ir", "drs", "dra", "h", "hj", "prof", "drg", "apt"];

/// Degrees written after a name without dots (`Budi Santoso MBA`); dotted ones (`S.Kom`,
/// `M.Si.`, `Ph.D`) are recognised by their shape.
const TITLES_AFTER: &[&str] = &[
    "mba", "msc", "phd", "se", "sh", "st", "mm", "mt", "mh", "mkom", "skom", "spd", "mpd", "ssos",
    "sip", "amd", "ak", "cpa", "ssi", "msi", "skm", "mkes", "sked", "ked",
];

/// A degree after a name: a word of letters with a dot inside (`S.Kom`, `M.Si.`, `S.E.`) or one
/// of [`TITLES_AFTER`].
fn title_after(w: &str) -> bool {
    let w = w.trim_matches(',');
    let bare = w.trim_end_matches('.');
    let dotted = bare.contains('.')
        && bare
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_alphabetic()));
    dotted || TITLES_AFTER.contains(&bare.to_ascii_lowercase().as_str())
}

/// Whether `s` reads like a person's name: two to four words of letters (`.`, `'`, `-`
/// allowed), written in title case (`Siti Rahayu`), all lower case (`siti rahayu`) or all
/// upper case (`SITI RAHAYU`), none of them a word of office names ([`OFFICE_WORDS`], which
/// also holds office acronyms such as `DISDIK` and place names such as `KALTENG`); in one-case
/// text a word of fewer than three letters or without a vowel (`DPMPTSP`, `RI`) is an acronym. Titles
/// before (`Dr.`, `Ir.`, `Hj.`) and degrees after (`S.Kom`, `M.Si.`, after a comma or not) are
/// set aside first; with a title one name word is enough (`Dr. Bambang`).
/// Meant for a unit-code cell or a column whose header asks for a name, not for free text.
pub fn name_like(s: &str) -> bool {
    let t = s.trim();
    let mut words: Vec<&str> = t.split_whitespace().collect();
    let mut titled = false;
    while words.len() > 1
        && TITLES_BEFORE.contains(
            &words[0]
                .trim_end_matches(['.', ','])
                .to_ascii_lowercase()
                .as_str(),
        )
        && (words[0].ends_with('.') || words[0].len() > 2)
    {
        words.remove(0);
        titled = true;
    }
    // After a comma, only degrees may follow (`Yohanes Ngabut, S.Kom, M.Si.`).
    if let Some(i) = words.iter().position(|w| w.ends_with(',')) {
        if !words[i + 1..].iter().all(|w| title_after(w)) {
            return false;
        }
        titled |= i + 1 < words.len();
        words.truncate(i + 1);
    }
    while words.len() > 1 && title_after(words[words.len() - 1]) {
        words.pop();
        titled = true;
    }
    let words: Vec<String> = words
        .iter()
        .map(|w| w.trim_end_matches(',').to_string())
        .collect();
    let least = if titled { 1 } else { 2 };
    if !(least..=4).contains(&words.len()) {
        return false;
    }
    let letters: String = words
        .concat()
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect();
    let upper = letters.chars().all(char::is_uppercase);
    let lower = letters.chars().all(char::is_lowercase);
    words.iter().all(|w| {
        let shape = w
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '-'));
        let bare: String = w.chars().filter(|c| c.is_alphabetic()).collect();
        let cased = if upper || lower {
            // All one case: an acronym has fewer than three letters or no vowel.
            bare.chars().count() >= 3 && bare.to_lowercase().chars().any(|c| "aeiouy".contains(c))
        } else {
            w.chars().next().is_some_and(char::is_uppercase)
        };
        shape && cased && !bare.is_empty() && !OFFICE_WORDS.contains(&bare.to_lowercase().as_str())
    })
}

/// Honorifics before a person's name in Indonesian forms (`Ibu Siti Rahayu`, `Bpk. Budi`).
const HONORIFICS: &[&str] = &[
    "ibu", "bu", "bapak", "pak", "bpk", "sdr", "sdri", "saudara", "saudari", "mr", "mrs", "ms",
];

/// Whether a free-text cell carries something personal anywhere in it: the whole cell is an id
/// ([`id_like`]), or one of its words is an e-mail address (`Hubungi rina.m@yahoo.co.id`), or
/// an honorific is followed by a capitalised word (`Ibu Siti Rahayu S.Kom`). Long digit runs
/// inside text are hidden separately ([`hide_ids`]).
pub fn mentions_personal(s: &str) -> bool {
    if id_like(s).is_some() {
        return true;
    }
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '<' | '>'))
        .filter(|w| !w.is_empty())
        .collect();
    words
        .iter()
        .any(|w| looks_like_email(w.trim_matches(|c: char| matches!(c, '.' | ':' | '"' | '\''))))
        || words.windows(2).any(|p| {
            let h = p[0].trim_end_matches(['.', ':']).to_lowercase();
            HONORIFICS.contains(&h.as_str()) && p[1].chars().next().is_some_and(char::is_uppercase)
        })
}

/// Whether a column header asks for something personal: a name, an e-mail, a phone or
/// WhatsApp number, an NIP or NIK (`Nama Lengkap`, `No. HP`, `E-mail`, `NIP Baru`).
pub fn personal_header(h: &str) -> bool {
    let lower = h.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    const WORDS: &[&str] = &[
        "nama",
        "name",
        "email",
        "surel",
        "telepon",
        "telpon",
        "telp",
        "tlp",
        "phone",
        "hp",
        "ponsel",
        "wa",
        "whatsapp",
        "nip",
        "nik",
        "ktp",
        "kontak",
        "narahubung",
        "pic",
    ];
    lower.contains("e-mail") || words.iter().any(|w| WORDS.contains(w))
}

/// The longest unit id, unit name or other name shown in a table, heading or sentence, in
/// characters (the rest is replaced by the [`cap`] marker).
pub const NAME_LIMIT: usize = 200;

/// The longest single data text shown anywhere else, in characters: a cell value quoted by a
/// diagnostic, a diagnostic's message, any one value a report template prints.
pub const TEXT_LIMIT: usize = 1000;

/// The one capped display of data text: `s` when it has at most `limit` characters, else its
/// first `limit` characters and a visible marker saying how many were left out,
/// `… (+9.999.800 karakter)` (English: `… (+9,999,800 characters)`). Counts characters, never
/// cuts inside one. Used wherever data text reaches a user: the terminal, diagnostics, every
/// report and workbook; only files that must keep a cell as it was (rejected rows) keep more.
///
/// Characters that would act on a terminal or reorder text are made inert on the way: newline,
/// CR and tab become a space, other control characters (an ESC sequence that clears the screen
/// or sets the window title) and the bidirectional overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069, which make `exe.fdp` read as `pdf.exe`) become U+FFFD.
pub fn cap(s: &str, limit: usize, lang: Lang) -> Cow<'_, str> {
    if s.chars().any(unsafe_to_show) {
        let clean: String = s
            .chars()
            .map(|c| match c {
                '\n' | '\r' | '\t' => ' ',
                c if unsafe_to_show(c) => '\u{FFFD}',
                c => c,
            })
            .collect();
        return Cow::Owned(cap(&clean, limit, lang).into_owned());
    }
    let Some((cut, _)) = s.char_indices().nth(limit) else {
        return Cow::Borrowed(s);
    };
    let rest = s[cut..].chars().count();
    let (sep, word) = match lang {
        Lang::Id => ('.', "karakter"),
        Lang::En => (',', if rest == 1 { "character" } else { "characters" }),
    };
    let digits = rest.to_string();
    let mut grouped = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(sep);
        }
        grouped.push(d);
    }
    Cow::Owned(format!("{}… (+{grouped} {word})", &s[..cut]))
}

/// A character that must not reach a terminal or a report as it is: a control character or a
/// bidirectional override / isolate.
pub fn unsafe_to_show(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text from the data made inert in Markdown: one line (newlines, CR and tab become spaces),
/// other control characters replaced by U+FFFD, and every character that could start markup
/// escaped with a backslash: table pipes, emphasis, code, links and images (`[x](…)`,
/// `![img](…)`), headings, raw HTML (`<script>`) and entities (`&lt;`). The result renders as
/// the original text in every CommonMark viewer and in the .docx.
pub fn md_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{fffd}'),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '<' | '>' | '&' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A CSV field that a spreadsheet opening the file will not run as a formula: a leading `=`,
/// `+`, `-`, `@`, tab or CR gets a `'` in front (`=cmd|' /C calc'!A0` stays text).
pub fn csv_cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hide_ids_masks_runs_of_eight_digits_or_more() {
        assert_eq!(hide_ids("NIP 19800101 200501 1 001"), "NIP ########");
        assert_eq!(hide_ids("Telp 081234567890."), "Telp ########.");
        // Seven digits stay, and so do digits split by a letter.
        assert_eq!(hide_ids("kode 1234567"), "kode 1234567");
        assert_eq!(hide_ids("1234a5678"), "1234a5678");
        assert_eq!(hide_ids(""), "");
    }

    #[test]
    fn hide_ids_keeps_the_space_after_a_short_run() {
        // A short run with its trailing space is put back as it was.
        assert_eq!(hide_ids("per 31 Mei 2024"), "per 31 Mei 2024");
    }

    #[test]
    fn personal_values_are_recognised_and_codes_are_not() {
        assert_eq!(id_like("198501012010010001"), Some(IdKind::Nip));
        assert_eq!(id_like("19850101 201001 1 001"), Some(IdKind::Nip));
        assert_eq!(id_like("6271010101850001"), Some(IdKind::Nik));
        assert_eq!(id_like("+62 812-3456-7890"), Some(IdKind::Phone));
        assert_eq!(id_like("081234567890"), Some(IdKind::Phone));
        assert_eq!(id_like("siti.rahayu@kalteng.go.id"), Some(IdKind::Email));
        assert_eq!(id_like("123456789012"), Some(IdKind::Digits));
        for code in [
            "OPD-07",
            "1.01.0.00",
            "1.02.0.00.0.00.01.0000",
            "1234567890",
            "1234567",
            "A",
            "2024-05-31",
            "Rp 1.250.000",
            "",
        ] {
            assert_eq!(id_like(code), None, "{code}");
        }
        assert!(name_like("Siti Rahayu"));
        assert!(name_like("Yohanes Ngabut, S.Kom"));
        for not in [
            "Dinas Kesehatan",
            "OPD-07",
            "DINKES",
            "Biro Umum",
            "siti",
            "A B C D E",
        ] {
            assert!(!name_like(not), "{not}");
        }
        assert!(personal_header("Nama Lengkap"));
        assert!(personal_header("No. HP/WA"));
        assert!(personal_header("E-mail"));
        assert!(personal_header("NIP"));
        assert!(!personal_header("Kode OPD"));
        assert!(!personal_header("Skill"));
        assert!(!personal_header("Pinjaman"));
        assert!(personal_header("Kontak"));
        assert!(personal_header("PIC"));
    }

    /// The attack pass found these unit codes reaching every output in clear.
    #[test]
    fn labelled_and_dotted_ids_are_recognised_and_sipd_codes_are_not() {
        for (s, kind) in [
            ("NIP. 198503152010011004", IdKind::Nip),
            ("NIP: 19850315 201001 1 004", IdKind::Nip),
            ("nip 198503152010011004", IdKind::Nip),
            ("NIP198503152010011004", IdKind::Nip),
            ("NIK 3201234567890123", IdKind::Nik),
            ("No. KTP: 3201234567890123", IdKind::Nik),
            ("3201.2345.6789.0123", IdKind::Nik),
            ("320123.456789.0123", IdKind::Nik),
            ("19850315.201001.1004", IdKind::Nip),
            ("198503.15.2010.01.1004", IdKind::Nip),
        ] {
            assert_eq!(id_like(s), Some(kind), "{s}");
        }
        for code in [
            "1.02.0.00.0.00.01.0000",
            "1.01.0.00",
            "2.12.2.12.0.00.01.0000",
            "12.34.56",
            "NIP",
            "NIP 12",
            "NIPA-01",
            "NIKEL 1",
            "Rp 1.250.000",
            "3201.2345.6789.012",
            "OPD-07",
        ] {
            assert_eq!(id_like(code), None, "{code}");
        }
    }

    #[test]
    fn names_in_one_case_and_with_titles_are_recognised_and_offices_are_not() {
        for name in [
            "siti rahayu",
            "SITI RAHAYU",
            "Dr. Ir. Bambang Sutrisno, M.Si.",
            "Drs. Budi Santoso",
            "Hj. Siti Aminah, S.E., M.M.",
            "Prof. Dr. Yohanes Ngabut",
            "Budi Santoso S.Kom",
            "Ani Susanti, S.H.",
            "Dr. Bambang",
            "H. Ahmad",
            "DRA. SITI AMINAH",
        ] {
            assert!(name_like(name), "{name}");
        }
        for not in [
            "OPD-07",
            "DISDIK",
            "DINKES",
            "BAPPEDA KALTENG",
            "BIRO UMUM",
            "DISDIK KALTENG",
            "DINAS PUPR",
            "Dinas PUPR",
            "Biro Organisasi",
            "BKPSDM PROV",
            "DPR RI",
            "BPK RI",
            "dinas kesehatan",
            "1.01.0.00",
            "Biro Umum, Sekretariat Daerah",
            "Dr.",
            "S.Kom",
            "siti",
        ] {
            assert!(!name_like(not), "{not}");
        }
    }

    /// The attack pass found e-mails inside text and names after an honorific kept in clear
    /// in `rejected.xlsx`.
    #[test]
    fn personal_data_inside_text_is_recognised() {
        assert!(mentions_personal("Hubungi rina.m@yahoo.co.id"));
        assert!(mentions_personal("email: (siti@kalteng.go.id)."));
        assert!(mentions_personal("Ibu Siti Rahayu S.Kom"));
        assert!(mentions_personal("Bpk. Budi"));
        assert!(mentions_personal("198501012010010001"));
        for not in [
            "Jaringan belum stabil",
            "ibu kota provinsi",
            "Lantai 2",
            "OPD-07",
            "Bapak",
        ] {
            assert!(!mentions_personal(not), "{not}");
        }
    }

    #[test]
    fn cap_counts_characters_and_says_how_many_were_cut() {
        assert_eq!(cap("abc", 3, Lang::Id), "abc");
        assert!(matches!(cap("abc", 3, Lang::En), Cow::Borrowed(_)));
        assert_eq!(cap("abcd", 3, Lang::Id), "abc… (+1 karakter)");
        assert_eq!(cap("abcd", 3, Lang::En), "abc… (+1 character)");
        // Multi-byte characters are never cut inside.
        assert_eq!(cap("ééééé", 2, Lang::En), "éé… (+3 characters)");
        assert_eq!(cap("日本語テキスト", 3, Lang::Id), "日本語… (+4 karakter)");
        let big = "y".repeat(10_000_000);
        assert_eq!(
            cap(&big, NAME_LIMIT, Lang::Id),
            format!("{}… (+9.999.800 karakter)", "y".repeat(200))
        );
        assert_eq!(
            cap(&big, TEXT_LIMIT, Lang::En),
            format!("{}… (+9,999,000 characters)", "y".repeat(1000))
        );
        assert_eq!(cap("", 0, Lang::Id), "");
        assert_eq!(cap("x", 0, Lang::Id), "… (+1 karakter)");
    }

    #[test]
    fn terminal_escapes_and_bidi_overrides_are_made_inert() {
        assert_eq!(cap("B\u{1b}[2JX", 200, Lang::Id), "B\u{FFFD}[2JX");
        assert_eq!(cap("a\nb\r\tc", 200, Lang::Id), "a b  c");
        assert_eq!(cap("OPD\u{202E}10", 200, Lang::En), "OPD\u{FFFD}10");
        // Capping still counts the cleaned characters.
        assert_eq!(cap("\u{7}bc", 2, Lang::En), "\u{FFFD}b… (+1 character)");
    }

    #[test]
    fn personal_mask_text_is_stable() {
        assert_eq!(PERSONAL, "(personal data, not shown)");
    }

    #[test]
    fn markdown_injection_stays_text() {
        assert_eq!(
            md_cell("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(md_cell("a|b\nc\u{7}"), "a\\|b c\u{fffd}");
        assert_eq!(md_cell("[x](http://evil)"), "\\[x\\](http://evil)");
        assert_eq!(
            md_cell("![img](http://evil/p.png)"),
            "\\!\\[img\\](http://evil/p.png)"
        );
        assert_eq!(
            md_cell("&lt;b&gt; **bold** _it_ `code` # h"),
            "\\&lt;b\\&gt; \\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\# h"
        );
        assert_eq!(md_cell("a\\|b"), "a\\\\\\|b");
        assert_eq!(md_cell("x\r\ty"), "x  y");
        assert_eq!(
            md_cell("Dinas Kesehatan (OPD-01), 12,5 %"),
            "Dinas Kesehatan (OPD-01), 12,5 %"
        );
    }

    #[test]
    fn markdown_cells_render_as_the_original_text() {
        use pulldown_cmark::{Event, Options, Parser};
        let hostile = "<script>x</script> [a](http://b) ![i](j) &amp; *e* | `c` \\n";
        let md = format!("| h |\n|---|\n| {} |\n", md_cell(hostile));
        let mut text = String::new();
        for ev in Parser::new_ext(&md, Options::ENABLE_TABLES) {
            match ev {
                Event::Text(t) => text.push_str(&t),
                Event::Html(_) | Event::InlineHtml(_) => panic!("raw HTML in {md}"),
                Event::Start(
                    pulldown_cmark::Tag::Link { .. } | pulldown_cmark::Tag::Image { .. },
                ) => {
                    panic!("a link in {md}")
                }
                _ => {}
            }
        }
        assert_eq!(text, format!("h{hostile}"));
    }

    #[test]
    fn formula_like_text_is_neutralised() {
        assert_eq!(csv_cell("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-1+2"), "'-1+2");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\tx"), "'\tx");
        assert_eq!(csv_cell("\rx"), "'\rx");
        assert_eq!(csv_cell("Dinas Kesehatan"), "Dinas Kesehatan");
        assert_eq!(csv_cell("OPD-01"), "OPD-01");
        assert_eq!(csv_cell(""), "");
    }
}
