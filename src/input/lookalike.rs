//! Unit ids that only look like another id: invisible characters (zero-width spaces and
//! joiners, the byte-order mark, direction marks, a no-break space inside the id) and Cyrillic
//! or Greek letters that look Latin (`О` for `O`, `Р` for `P`, `е` for `e`), which would make
//! three "OPD-01" rows of three different units; and characters that are read as a usual one
//! (NFKC-like folding): a letter written decomposed (`E` + U+0301 for `É`), fullwidth and
//! mathematical letters and digits (`ＯＰＤ`, `𝟎`), digits of other scripts (`٠١`) and dash
//! look-alikes inside a code (`OPD‑01` with U+2011).
//!
//! Pure: it finds the characters and gives the cleaned id; `typing.rs` decides what happens to
//! the row and `diags.rs` says it.

use crate::messages::Msg;
use crate::msg;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Invisible characters: removed from an id (a no-break space becomes a plain space).
const INVISIBLE: &[(char, &str)] = &[
    ('\u{00A0}', "NO-BREAK SPACE"),
    ('\u{00AD}', "SOFT HYPHEN"),
    ('\u{180E}', "MONGOLIAN VOWEL SEPARATOR"),
    ('\u{200B}', "ZERO WIDTH SPACE"),
    ('\u{200C}', "ZERO WIDTH NON-JOINER"),
    ('\u{200D}', "ZERO WIDTH JOINER"),
    ('\u{200E}', "LEFT-TO-RIGHT MARK"),
    ('\u{200F}', "RIGHT-TO-LEFT MARK"),
    ('\u{202A}', "LEFT-TO-RIGHT EMBEDDING"),
    ('\u{202B}', "RIGHT-TO-LEFT EMBEDDING"),
    ('\u{202C}', "POP DIRECTIONAL FORMATTING"),
    ('\u{202D}', "LEFT-TO-RIGHT OVERRIDE"),
    ('\u{202E}', "RIGHT-TO-LEFT OVERRIDE"),
    ('\u{202F}', "NARROW NO-BREAK SPACE"),
    ('\u{2060}', "WORD JOINER"),
    ('\u{2066}', "LEFT-TO-RIGHT ISOLATE"),
    ('\u{2067}', "RIGHT-TO-LEFT ISOLATE"),
    ('\u{2068}', "FIRST STRONG ISOLATE"),
    ('\u{2069}', "POP DIRECTIONAL ISOLATE"),
    ('\u{FEFF}', "ZERO WIDTH NO-BREAK SPACE (byte-order mark)"),
];

/// Cyrillic and Greek letters drawn like a Latin letter: (letter, the Latin one).
const CONFUSABLE: &[(char, char)] = &[
    // Cyrillic capitals.
    ('\u{0410}', 'A'),
    ('\u{0412}', 'B'),
    ('\u{0415}', 'E'),
    ('\u{0405}', 'S'),
    ('\u{0406}', 'I'),
    ('\u{0408}', 'J'),
    ('\u{041A}', 'K'),
    ('\u{041C}', 'M'),
    ('\u{041D}', 'H'),
    ('\u{041E}', 'O'),
    ('\u{0420}', 'P'),
    ('\u{0421}', 'C'),
    ('\u{0422}', 'T'),
    ('\u{0423}', 'Y'),
    ('\u{0425}', 'X'),
    ('\u{04AE}', 'Y'),
    // Cyrillic small letters.
    ('\u{0430}', 'a'),
    ('\u{0435}', 'e'),
    ('\u{043E}', 'o'),
    ('\u{0440}', 'p'),
    ('\u{0441}', 'c'),
    ('\u{0443}', 'y'),
    ('\u{0445}', 'x'),
    ('\u{0455}', 's'),
    ('\u{0456}', 'i'),
    ('\u{0458}', 'j'),
    ('\u{0501}', 'd'),
    ('\u{04BB}', 'h'),
    ('\u{051B}', 'q'),
    ('\u{051D}', 'w'),
    // Greek capitals.
    ('\u{0391}', 'A'),
    ('\u{0392}', 'B'),
    ('\u{0395}', 'E'),
    ('\u{0396}', 'Z'),
    ('\u{0397}', 'H'),
    ('\u{0399}', 'I'),
    ('\u{039A}', 'K'),
    ('\u{039C}', 'M'),
    ('\u{039D}', 'N'),
    ('\u{039F}', 'O'),
    ('\u{03A1}', 'P'),
    ('\u{03A4}', 'T'),
    ('\u{03A5}', 'Y'),
    ('\u{03A7}', 'X'),
    // Greek small letters.
    ('\u{03BF}', 'o'),
    ('\u{03BD}', 'v'),
    ('\u{03C1}', 'p'),
];

/// One suspicious character of an id.
#[derive(Debug, Clone, PartialEq)]
pub struct Suspect {
    pub ch: char,
    /// `ZERO WIDTH SPACE` (the Unicode name, the same in every language), or `Cyrillic
    /// capital letter` (`huruf kapital Kiril`) for a look-alike letter.
    pub name: Msg,
    /// The Latin letter it looks like (look-alike letters only).
    pub looks_like: Option<char>,
    /// What it is read as (folded characters only).
    pub read_as: Option<String>,
}

impl Suspect {
    /// `Cyrillic capital letter 'О' (U+041E), which looks like the Latin 'O'`, or
    /// `ZERO WIDTH SPACE (U+200B)`.
    /// A folded one: `fullwidth form 'Ｏ' (U+FF2F), read as 'O'`, or for a decomposed letter
    /// `combining mark U+0301 after 'E' (a letter written decomposed, NFD), read as 'É'`.
    pub fn describe(&self) -> Msg {
        let code = format!("{:04X}", self.ch as u32);
        let ch = self.ch.to_string();
        match (&self.read_as, self.looks_like) {
            (Some(r), _) if is_combining_mark(self.ch) => {
                msg!("char-read-as-mark", name = &self.name, read = r)
            }
            (Some(r), _) => msg!(
                "char-read-as",
                name = &self.name,
                ch = ch,
                code = code,
                read = r
            ),
            (None, Some(l)) => msg!(
                "char-looks-like",
                name = &self.name,
                ch = ch,
                code = code,
                latin = l.to_string()
            ),
            (None, None) => msg!("char-plain", name = &self.name, code = code),
        }
    }
}

/// What is wrong with an id.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Findings {
    /// Invisible characters found (each kind once, in order).
    pub invisible: Vec<Suspect>,
    /// Characters read as another one (each kind once, in order).
    pub folded: Vec<Suspect>,
    /// The id without the invisible characters (a no-break space made a plain space) and with
    /// the folded ones read as they are read, when there were any.
    pub cleaned: Option<String>,
    /// Look-alike letters in an id that also has Latin letters or digits (each kind once).
    pub lookalikes: Vec<Suspect>,
    /// The id with the look-alike letters written in Latin, when there were any.
    pub latin: Option<String>,
}

fn script_name(c: char) -> Msg {
    let upper = c.is_uppercase();
    match (c as u32, upper) {
        (0x0370..=0x03FF, true) => msg!("char-greek-capital"),
        (0x0370..=0x03FF, false) => msg!("char-greek-small"),
        (_, true) => msg!("char-cyrillic-capital"),
        (_, false) => msg!("char-cyrillic-small"),
    }
}

/// Dashes drawn like `-`: hyphen, non-breaking hyphen, figure dash, en and em dash, horizontal
/// bar, minus sign, small and fullwidth hyphen-minus.
const DASHES: &[char] = &[
    '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2212}', '\u{FE58}',
    '\u{FE63}', '\u{FF0D}',
];

/// The zero of each run of ten decimal digits of another script, and the script's name.
const DIGIT_ZEROS: &[(u32, &str)] = &[
    (0x0660, "Arabic-Indic"),
    (0x06F0, "Extended Arabic-Indic"),
    (0x07C0, "NKo"),
    (0x0966, "Devanagari"),
    (0x09E6, "Bengali"),
    (0x0A66, "Gurmukhi"),
    (0x0AE6, "Gujarati"),
    (0x0B66, "Oriya"),
    (0x0BE6, "Tamil"),
    (0x0C66, "Telugu"),
    (0x0CE6, "Kannada"),
    (0x0D66, "Malayalam"),
    (0x0E50, "Thai"),
    (0x0ED0, "Lao"),
    (0x0F20, "Tibetan"),
    (0x1040, "Myanmar"),
    (0x17E0, "Khmer"),
    (0x1810, "Mongolian"),
    (0x1946, "Limbu"),
    (0x19D0, "New Tai Lue"),
    (0x1B50, "Balinese"),
    (0x1BB0, "Sundanese"),
    (0xA8D0, "Saurashtra"),
    (0xA900, "Kayah Li"),
    (0xA9D0, "Javanese"),
    (0xAA50, "Cham"),
    (0xABF0, "Meetei Mayek"),
];

/// A digit of another script as its ASCII digit, with its name.
fn other_digit(c: char) -> Option<(char, &'static str)> {
    let u = c as u32;
    DIGIT_ZEROS
        .iter()
        .find(|(z, _)| (*z..*z + 10).contains(&u))
        .and_then(|(z, name)| char::from_digit(u - z, 10).map(|d| (d, *name)))
}

/// What kind of character is read as another one.
fn fold_name(c: char) -> Msg {
    match c as u32 {
        _ if DASHES.contains(&c) => msg!("char-dash"),
        0xFF00..=0xFFEF => msg!("char-fullwidth"),
        0x1D400..=0x1D7FF => msg!("char-math"),
        _ => match other_digit(c) {
            Some((_, script)) => msg!("char-digit", script = script),
            None => msg!("char-compat"),
        },
    }
}

/// `s` read as it is meant (NFKC, digits of other scripts as ASCII digits, a dash look-alike
/// between two non-space characters as `-`; a spaced dash in a name, `Bappeda – Litbang`,
/// stays), and the characters that were read so (each once).
fn fold(s: &str) -> (String, Vec<Suspect>) {
    if unicode_normalization::is_nfkc(s)
        && !s
            .chars()
            .any(|c| DASHES.contains(&c) || other_digit(c).is_some())
    {
        return (s.to_string(), Vec::new());
    }
    // Clusters: a character and the combining marks after it.
    let mut clusters: Vec<String> = Vec::new();
    for c in s.chars() {
        match clusters.last_mut() {
            Some(last) if is_combining_mark(c) => last.push(c),
            _ => clusters.push(c.to_string()),
        }
    }
    let spaced = |i: Option<&String>| {
        i.and_then(|c| c.chars().next())
            .is_none_or(char::is_whitespace)
    };
    let mut out = String::with_capacity(s.len());
    let mut found: Vec<Suspect> = Vec::new();
    let mut note = |ch: char, name: Msg, read_as: String| {
        if !found.iter().any(|s| s.ch == ch) {
            found.push(Suspect {
                ch,
                name,
                looks_like: None,
                read_as: Some(read_as),
            });
        }
    };
    for (i, cluster) in clusters.iter().enumerate() {
        let in_code = i > 0 && !spaced(clusters.get(i - 1)) && !spaced(clusters.get(i + 1));
        let one = |c: char| -> String {
            if DASHES.contains(&c) {
                if in_code { "-".into() } else { c.to_string() }
            } else if let Some((d, _)) = other_digit(c) {
                d.to_string()
            } else {
                c.to_string()
            }
        };
        let mapped: String = cluster.chars().map(one).collect();
        let read: String = mapped.nfkc().map(one).collect();
        if read == *cluster {
            out.push_str(cluster);
            continue;
        }
        let mut chars = cluster.chars();
        let base = chars.next().unwrap_or(' ');
        let base_read: String = one(base).nfkc().map(one).collect();
        if base_read == base.to_string() {
            // Only the composition changed: a letter written decomposed.
            if let Some(mark) = chars.next() {
                note(
                    mark,
                    msg!(
                        "char-combining",
                        code = format!("{:04X}", mark as u32),
                        base = base.to_string()
                    ),
                    read.clone(),
                );
            }
        } else {
            note(base, fold_name(base), base_read);
        }
        out.push_str(&read);
    }
    (out, found)
}

/// Check an id (a unit-key cell as typed).
pub fn check(id: &str) -> Findings {
    let mut f = Findings::default();
    if id.is_ascii() {
        return f;
    }
    let mut cleaned = String::with_capacity(id.len());
    for c in id.chars() {
        match INVISIBLE.iter().find(|(x, _)| *x == c) {
            Some((x, name)) => {
                if !f.invisible.iter().any(|s| s.ch == *x) {
                    f.invisible.push(Suspect {
                        ch: *x,
                        name: Msg::same(*name),
                        looks_like: None,
                        read_as: None,
                    });
                }
                if matches!(c, '\u{00A0}' | '\u{202F}') {
                    cleaned.push(' ');
                }
            }
            None => cleaned.push(c),
        }
    }
    let cleaned = if f.invisible.is_empty() {
        id.to_string()
    } else {
        cleaned.trim().to_string()
    };
    let (cleaned, folded) = fold(&cleaned);
    f.folded = folded;
    if !f.invisible.is_empty() || !f.folded.is_empty() {
        f.cleaned = Some(cleaned.clone());
    }
    // Look-alike letters matter in an id that is otherwise Latin (letters or digits): a whole
    // word in Cyrillic or Greek is its own script, not a disguise.
    if cleaned.chars().any(|c| c.is_ascii_alphanumeric()) {
        let mut latin = String::with_capacity(cleaned.len());
        for c in cleaned.chars() {
            match CONFUSABLE.iter().find(|(x, _)| *x == c) {
                Some((x, l)) => {
                    if !f.lookalikes.iter().any(|s| s.ch == *x) {
                        f.lookalikes.push(Suspect {
                            ch: *x,
                            name: script_name(*x),
                            looks_like: Some(*l),
                            read_as: None,
                        });
                    }
                    latin.push(*l);
                }
                None => latin.push(c),
            }
        }
        if !f.lookalikes.is_empty() {
            f.latin = Some(latin);
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ids_have_nothing() {
        assert_eq!(check("OPD-01"), Findings::default());
        assert_eq!(check("Dinas Pendidikan"), Findings::default());
        // A word wholly in Cyrillic is not a disguise.
        assert_eq!(check("Отдел"), Findings::default());
        assert_eq!(check("Bappeda – Litbang"), Findings::default());
    }

    #[test]
    fn invisible_characters_are_removed() {
        let f = check("OPD\u{200B}-01\u{FEFF}");
        assert_eq!(f.cleaned.as_deref(), Some("OPD-01"));
        assert_eq!(f.invisible.len(), 2);
        assert_eq!(f.invisible[0].describe().en, "ZERO WIDTH SPACE (U+200B)");
        assert!(f.lookalikes.is_empty());
        assert_eq!(check("OPD\u{00A0}01").cleaned.as_deref(), Some("OPD 01"));
        assert_eq!(
            check("\u{200D}OPD-01\u{200C}").cleaned.as_deref(),
            Some("OPD-01")
        );
    }

    /// The attack pass: an NFD `É`, fullwidth letters, a non-breaking hyphen, a mathematical
    /// zero and Arabic-Indic digits each made one more "OPD-01".
    #[test]
    fn decomposed_fullwidth_dash_and_digit_look_alikes_are_folded() {
        let read = |s: &str| check(s).cleaned;
        assert_eq!(read("OPD-E\u{0301}").as_deref(), Some("OPD-\u{00C9}"));
        assert_eq!(
            check("OPD-E\u{0301}").folded[0].describe().en,
            "combining mark U+0301 after 'E' (a letter written decomposed, NFD), read as '\u{00C9}'"
        );
        // The composed form is the usual one.
        assert_eq!(check("OPD-\u{00C9}"), Findings::default());
        assert_eq!(
            read("\u{FF2F}\u{FF30}\u{FF24}-01").as_deref(),
            Some("OPD-01")
        );
        assert_eq!(
            check("\u{FF2F}PD-01").folded[0].describe().en,
            "fullwidth or halfwidth form '\u{FF2F}' (U+FF2F), read as 'O'"
        );
        for dash in [
            '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2212}',
            '\u{FF0D}',
        ] {
            let f = check(&format!("OPD{dash}01"));
            assert_eq!(f.cleaned.as_deref(), Some("OPD-01"), "{dash:?}");
            assert_eq!(f.folded[0].name.en, "dash look-alike");
        }
        assert_eq!(read("OPD-\u{1D7CE}1").as_deref(), Some("OPD-01"));
        assert_eq!(
            check("OPD-\u{1D7CE}1").folded[0].describe().en,
            "mathematical letter or digit '\u{1D7CE}' (U+1D7CE), read as '0'"
        );
        let f = check("OPD-\u{0660}\u{0661}");
        assert_eq!(f.cleaned.as_deref(), Some("OPD-01"));
        assert_eq!(f.folded.len(), 2);
        assert_eq!(
            f.folded[1].describe().en,
            "Arabic-Indic digit '\u{0661}' (U+0661), read as '1'"
        );
        // Invisible and folded at once.
        let f = check("\u{200B}OPD\u{2011}01");
        assert_eq!(f.cleaned.as_deref(), Some("OPD-01"));
        assert_eq!((f.invisible.len(), f.folded.len()), (1, 1));
        // Not folded: a spaced dash in a name, letters with accents, other scripts.
        for same in [
            "Bappeda \u{2013} Litbang",
            "Dinas P\u{00E9}rhubungan",
            "\u{041E}\u{0442}\u{0434}\u{0435}\u{043B}",
            "\u{65E5}\u{672C}",
        ] {
            assert_eq!(check(same).cleaned, None, "{same}");
            assert!(check(same).folded.is_empty(), "{same}");
        }
        // A Greek letter is still a look-alike letter (an error), after folding.
        let f = check("\u{039F}PD\u{2011}01");
        assert_eq!(f.latin.as_deref(), Some("OPD-01"));
    }

    #[test]
    fn cyrillic_and_greek_look_alikes_are_named() {
        let f = check("\u{041E}PD-01");
        assert_eq!(f.latin.as_deref(), Some("OPD-01"));
        assert_eq!(
            f.lookalikes[0].describe().en,
            "Cyrillic capital letter 'О' (U+041E), which looks like the Latin 'O'"
        );
        assert_eq!(
            f.lookalikes[0].describe().id,
            "huruf kapital Kiril 'О' (U+041E), yang mirip huruf Latin 'O'"
        );
        let f = check("OPD-01 D\u{0435}sa");
        assert_eq!(f.latin.as_deref(), Some("OPD-01 Desa"));
        assert_eq!(f.lookalikes[0].name.en, "Cyrillic small letter");
        let f = check("\u{039F}PD-\u{0420}1");
        assert_eq!(f.latin.as_deref(), Some("OPD-P1"));
        assert_eq!(f.lookalikes[0].name.en, "Greek capital letter");
        assert_eq!(f.lookalikes[1].name.en, "Cyrillic capital letter");
        // Both at once.
        let f = check("\u{200B}\u{0421}PD-01");
        assert_eq!(f.cleaned.as_deref(), Some("\u{0421}PD-01"));
        assert_eq!(f.latin.as_deref(), Some("CPD-01"));
    }
}
