//! Unit ids that only look like another id: invisible characters (zero-width spaces and
//! joiners, the byte-order mark, direction marks, a no-break space inside the id) and Cyrillic
//! or Greek letters that look Latin (`О` for `O`, `Р` for `P`, `е` for `e`), which would make
//! three "OPD-01" rows of three different units.
//!
//! Pure: it finds the characters and gives the cleaned id; `typing.rs` decides what happens to
//! the row and `diags.rs` says it.

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
    /// `ZERO WIDTH SPACE`, or `Cyrillic capital letter` for a look-alike letter.
    pub name: String,
    /// The Latin letter it looks like (look-alike letters only).
    pub looks_like: Option<char>,
}

impl Suspect {
    /// `Cyrillic capital letter 'О' (U+041E), which looks like the Latin 'O'`, or
    /// `ZERO WIDTH SPACE (U+200B)`.
    pub fn describe(&self) -> String {
        match self.looks_like {
            Some(l) => format!(
                "{} '{}' (U+{:04X}), which looks like the Latin '{l}'",
                self.name, self.ch, self.ch as u32
            ),
            None => format!("{} (U+{:04X})", self.name, self.ch as u32),
        }
    }
}

/// What is wrong with an id.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Findings {
    /// Invisible characters found (each kind once, in order).
    pub invisible: Vec<Suspect>,
    /// The id without them (a no-break space made a plain space), when there were any.
    pub cleaned: Option<String>,
    /// Look-alike letters in an id that also has Latin letters or digits (each kind once).
    pub lookalikes: Vec<Suspect>,
    /// The id with the look-alike letters written in Latin, when there were any.
    pub latin: Option<String>,
}

fn script_name(c: char) -> &'static str {
    let upper = c.is_uppercase();
    match (c as u32, upper) {
        (0x0370..=0x03FF, true) => "Greek capital letter",
        (0x0370..=0x03FF, false) => "Greek small letter",
        (_, true) => "Cyrillic capital letter",
        (_, false) => "Cyrillic small letter",
    }
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
                        name: name.to_string(),
                        looks_like: None,
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
        let t = cleaned.trim().to_string();
        f.cleaned = Some(t.clone());
        t
    };
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
                            name: script_name(*x).to_string(),
                            looks_like: Some(*l),
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
        assert_eq!(f.invisible[0].describe(), "ZERO WIDTH SPACE (U+200B)");
        assert!(f.lookalikes.is_empty());
        assert_eq!(check("OPD\u{00A0}01").cleaned.as_deref(), Some("OPD 01"));
        assert_eq!(
            check("\u{200D}OPD-01\u{200C}").cleaned.as_deref(),
            Some("OPD-01")
        );
    }

    #[test]
    fn cyrillic_and_greek_look_alikes_are_named() {
        let f = check("\u{041E}PD-01");
        assert_eq!(f.latin.as_deref(), Some("OPD-01"));
        assert_eq!(
            f.lookalikes[0].describe(),
            "Cyrillic capital letter 'О' (U+041E), which looks like the Latin 'O'"
        );
        let f = check("OPD-01 D\u{0435}sa");
        assert_eq!(f.latin.as_deref(), Some("OPD-01 Desa"));
        assert_eq!(f.lookalikes[0].name, "Cyrillic small letter");
        let f = check("\u{039F}PD-\u{0420}1");
        assert_eq!(f.latin.as_deref(), Some("OPD-P1"));
        assert_eq!(f.lookalikes[0].name, "Greek capital letter");
        assert_eq!(f.lookalikes[1].name, "Cyrillic capital letter");
        // Both at once.
        let f = check("\u{200B}\u{0421}PD-01");
        assert_eq!(f.cleaned.as_deref(), Some("\u{0421}PD-01"));
        assert_eq!(f.latin.as_deref(), Some("CPD-01"));
    }
}
