//! Recognising the unit a row belongs to when the file names it in its own way: the code
//! spelt differently (`opd 7` for `OPD-07`), the unit's name instead of its code, or a
//! misspelt name. A match is reported with its confidence; a name that fits several units about
//! equally is never guessed: the candidates are listed instead.
//!
//! Pure: no diagnostics are built here, only the decision.

use std::collections::HashMap;

/// Lowest similarity (0–1) for a name to be taken as a unit's name.
pub const NAME_MIN: f64 = 0.85;
/// Similarity from which a name counts as a candidate when the match is not clear.
pub const NAME_CANDIDATE: f64 = 0.7;
/// A second unit this close to the best one makes the name ambiguous.
pub const NAME_MARGIN: f64 = 0.05;

/// How a key value was recognised.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved {
    /// The code as listed (ignoring case and surrounding spaces).
    Code(String),
    /// The code written another way (`OPD 7`, `opd-007`).
    CodeVariant(String),
    /// The unit's name, exactly (confidence 1) or by similarity.
    Name {
        unit: String,
        confidence: f64,
    },
    /// Several units fit: (unit, name, similarity), best first.
    Ambiguous(Vec<(String, String, f64)>),
    Unknown,
}

impl Resolved {
    /// The unit, when recognised with confidence.
    pub fn unit(&self) -> Option<&str> {
        match self {
            Resolved::Code(u) | Resolved::CodeVariant(u) | Resolved::Name { unit: u, .. } => {
                Some(u)
            }
            _ => None,
        }
    }
}

/// The unit list, indexed for recognition.
#[derive(Debug, Clone, Default)]
pub struct Resolver {
    by_code: HashMap<String, String>,
    by_variant: HashMap<String, Vec<String>>,
    /// (unit, name as listed, folded name).
    names: Vec<(String, String, String)>,
}

/// Words that do not tell units apart: the province and its abbreviations.
const NOISE: [&str; 6] = [
    "provinsi",
    "prov",
    "kalimantan",
    "tengah",
    "kalteng",
    "pemprov",
];

/// Unit keys compare ignoring case and surrounding spaces.
pub fn fold_key(s: &str) -> String {
    s.trim().to_lowercase()
}

/// Lowercase words of letters and digits, without the province's name.
pub fn fold_name(s: &str) -> String {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !NOISE.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Letters and digits only, leading zeros of numbers dropped: `OPD-07` → `opd7`.
pub fn code_variant(s: &str) -> String {
    let mut out = String::new();
    let mut in_number = false;
    for c in s.chars().filter(|c| c.is_alphanumeric()) {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_digit() {
            if c == '0' && !in_number {
                continue;
            }
            in_number = true;
        } else {
            in_number = false;
        }
        out.push(c);
    }
    out
}

impl Resolver {
    pub fn new(units: &[(String, Option<String>)]) -> Self {
        let mut r = Resolver::default();
        for (id, name) in units {
            r.by_code.insert(fold_key(id), id.clone());
            r.by_variant
                .entry(code_variant(id))
                .or_default()
                .push(id.clone());
            if let Some(n) = name {
                let f = fold_name(n);
                if !f.is_empty() {
                    r.names.push((id.clone(), n.clone(), f));
                }
            }
        }
        r
    }

    /// Another name unit `unit` goes by (the master list's name beside the unit list's); an
    /// exact repeat is ignored.
    pub fn add_name(&mut self, unit: &str, name: &str) {
        let f = fold_name(name);
        if f.is_empty() || self.names.iter().any(|(u, _, n)| u == unit && *n == f) {
            return;
        }
        self.names.push((unit.to_string(), name.to_string(), f));
    }

    /// Unit `from` is known as `to` from now on (a masked id): its code, code variant and name
    /// still recognise it.
    pub fn rename(&mut self, from: &str, to: &str) {
        for u in self
            .by_code
            .values_mut()
            .chain(self.by_variant.values_mut().flatten())
        {
            if u == from {
                *u = to.to_string();
            }
        }
        for (u, _, _) in &mut self.names {
            if u == from {
                *u = to.to_string();
            }
        }
    }

    /// Every unit id.
    pub fn units(&self) -> impl Iterator<Item = &str> {
        self.by_code.values().map(String::as_str)
    }

    /// The unit whose code the file name carries (`survei_OPD-07_revisi.xlsx` → `OPD-07`):
    /// the longest code found in it, when only one unit has a code that long.
    pub fn from_file_name(&self, path: &str) -> Option<String> {
        let stem = std::path::Path::new(path)
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())?;
        let hay = code_variant(&stem);
        let mut best: Vec<(usize, &str)> = Vec::new();
        for (variant, units) in &self.by_variant {
            if variant.len() < 3 || units.len() != 1 || !hay.contains(variant.as_str()) {
                continue;
            }
            // The code must not run on into more digits (`opd1` inside `opd18`).
            let ends_clean = hay
                .match_indices(variant.as_str())
                .any(|(i, _)| !hay[i + variant.len()..].starts_with(|c: char| c.is_ascii_digit()));
            if ends_clean {
                best.push((variant.len(), units[0].as_str()));
            }
        }
        best.sort();
        match best.as_slice() {
            [.., (a, _), (b, u)] if a < b => Some(u.to_string()),
            [(_, u)] => Some(u.to_string()),
            _ => None,
        }
    }

    /// A unit's name as listed.
    pub fn name_of(&self, unit: &str) -> Option<String> {
        self.names
            .iter()
            .find(|(u, _, _)| u == unit)
            .map(|(_, n, _)| n.clone())
    }

    /// Recognise a key value.
    pub fn resolve(&self, raw: &str) -> Resolved {
        if let Some(u) = self.by_code.get(&fold_key(raw)) {
            return Resolved::Code(u.clone());
        }
        let v = code_variant(raw);
        if !v.is_empty() {
            if let Some([u]) = self.by_variant.get(&v).map(Vec::as_slice) {
                return Resolved::CodeVariant(u.clone());
            }
        }
        let f = fold_name(raw);
        if f.is_empty() {
            return Resolved::Unknown;
        }
        if let Some(u) = self.code_then_name(raw) {
            return Resolved::CodeVariant(u);
        }
        let mut exact: Vec<&(String, String, String)> =
            self.names.iter().filter(|(_, _, n)| *n == f).collect();
        // A unit known by two names that fold alike is one candidate, not two.
        exact.dedup_by(|a, b| a.0 == b.0);
        let mut seen_units = std::collections::HashSet::new();
        exact.retain(|(u, _, _)| seen_units.insert(u.clone()));
        match exact.as_slice() {
            [(u, _, _)] => {
                return Resolved::Name {
                    unit: u.clone(),
                    confidence: 1.0,
                };
            }
            [] => {}
            many => {
                return Resolved::Ambiguous(
                    many.iter()
                        .map(|(u, n, _)| (u.clone(), n.clone(), 1.0))
                        .collect(),
                );
            }
        }
        let mut scored: Vec<(String, String, f64)> = self
            .names
            .iter()
            .map(|(u, n, folded)| {
                (
                    u.clone(),
                    n.clone(),
                    strsim::normalized_damerau_levenshtein(folded, &f),
                )
            })
            .filter(|(_, _, s)| *s >= NAME_CANDIDATE)
            .collect();
        scored.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        // Each unit once, by its best-fitting name.
        let mut seen_units = std::collections::HashSet::new();
        scored.retain(|(u, _, _)| seen_units.insert(u.clone()));
        match scored.as_slice() {
            [] => Resolved::Unknown,
            [(u, _, s), rest @ ..]
                if *s >= NAME_MIN && rest.first().is_none_or(|r| s - r.2 >= NAME_MARGIN) =>
            {
                Resolved::Name {
                    unit: u.clone(),
                    confidence: *s,
                }
            }
            _ => {
                scored.truncate(4);
                Resolved::Ambiguous(scored)
            }
        }
    }
}

impl Resolver {
    /// A key written as the code followed by the name (`OPD-03 Dinas Perhubungan`,
    /// `OPD 3 - Dishub`): the unit of the code, when the code is one unit's and the rest is
    /// empty of names or does not name another unit.
    fn code_then_name(&self, raw: &str) -> Option<String> {
        let raw = raw.trim();
        let cut = raw.find(|c: char| c.is_whitespace())?;
        // The code may be written with a space (`OPD 3`): try the first one or two words.
        let mut candidates = vec![cut];
        if let Some(next) = raw[cut..]
            .trim_start()
            .find(|c: char| c.is_whitespace())
            .map(|n| raw.len() - raw[cut..].trim_start().len() + n)
        {
            candidates.push(next);
        }
        for end in candidates.into_iter().rev() {
            let (code, rest) = (&raw[..end], &raw[end..]);
            if !code.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            let unit = match self.by_code.get(&fold_key(code)) {
                Some(u) => u.clone(),
                None => match self.by_variant.get(&code_variant(code)).map(Vec::as_slice) {
                    Some([u]) => u.clone(),
                    _ => continue,
                },
            };
            let rest = fold_name(rest.trim_start_matches(|c: char| !c.is_alphanumeric()));
            if rest.is_empty() {
                return Some(unit);
            }
            // The name, when it is there, must not be another unit's.
            let other = self.names.iter().any(|(u, _, n)| {
                *u != unit && strsim::normalized_damerau_levenshtein(n, &rest) >= NAME_MIN
            });
            if !other {
                return Some(unit);
            }
        }
        None
    }

    /// A plausible unit for a key that names none, with how alike they are (0–1): a code one
    /// edit from a listed code (`OPD-9` → `OPD-09` is a variant already; `OPD-1O` → `OPD-10`),
    /// or a name close to one unit's. Nothing when two units are about as close, or none is
    /// close enough: a wrong hint sends an office to fix the wrong thing.
    pub fn suggest(&self, raw: &str) -> Option<(String, f64)> {
        let v = code_variant(raw);
        let code_like = raw.chars().any(|c| c.is_ascii_digit()) && !raw.trim().contains(' ');
        let mut scored: Vec<(String, f64)> = if code_like {
            // A code is only a slip of another when the letters that look alike (O/0, I/l/1)
            // are read alike, or two neighbouring characters are swapped; another number
            // (`OPD-22` for `OPD-02`) is another unit, never a hint.
            let look = code_variant(&confusables(raw));
            self.by_code
                .values()
                .filter_map(|u| {
                    let cv = code_variant(u);
                    if code_variant(&confusables(u)) == look {
                        Some((u.clone(), 0.9))
                    } else if is_swap(&cv, &v) {
                        Some((u.clone(), strsim::normalized_damerau_levenshtein(&cv, &v)))
                    } else {
                        None
                    }
                })
                .collect()
        } else {
            let f = fold_name(raw);
            if f.is_empty() {
                return None;
            }
            self.names
                .iter()
                .map(|(u, _, n)| (u.clone(), strsim::normalized_damerau_levenshtein(n, &f)))
                .filter(|(_, s)| *s >= 0.6)
                .collect()
        };
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut seen = std::collections::HashSet::new();
        scored.retain(|(u, _)| seen.insert(u.clone()));
        match scored.as_slice() {
            [(u, s)] => Some((u.clone(), *s)),
            [(u, s), (_, t), ..] if s - t >= NAME_MARGIN => Some((u.clone(), *s)),
            _ => None,
        }
    }
}

/// Letters that look like digits read as those digits: `O` → `0`, `I`/`l` → `1`.
fn confusables(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'O' | 'o' => '0',
            'I' | 'i' | 'L' | 'l' => '1',
            c => c,
        })
        .collect()
}

/// `a` and `b` differ only by two neighbouring characters swapped.
fn is_swap(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() != b.len() {
        return false;
    }
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    matches!(diff.as_slice(), [i, j] if *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i])
}

/// What a unit key that looks personal is shown as: `[NIP disamarkan]`. The same in every
/// language (it is the unit's id, which `diff` and `plan` match on).
pub fn masked_key(kind: crate::text::IdKind) -> String {
    format!("[{} disamarkan]", kind.label_id())
}

/// How a unit key looks personal, if it does: an NIP, NIK, e-mail, phone number or long digit
/// string, or a person's name (for a key that names no unit).
pub fn personal_key(key: &str) -> Option<crate::text::IdKind> {
    crate::text::id_like(key)
        .or_else(|| crate::text::name_like(key).then_some(crate::text::IdKind::Name))
}

/// What a unit name that carries personal data is shown as.
pub const MASKED_NAME: &str = "[nama unit disamarkan]";

/// Whether a unit name carries personal data: an NIP or another run of 8+ digits, an e-mail,
/// an honorific and a name (`Kepala: Siti Rahayu NIP 198503152010011005`).
fn personal_name(name: &str) -> bool {
    crate::text::mentions_personal(name) || crate::text::hide_ids(name) != name
}

/// The unit list with every id that looks personal masked (`[NIP disamarkan]`,
/// `[NIP disamarkan 2]`, …) and every name that carries personal data shown as
/// [`MASKED_NAME`], and the renames made: (id as written, masked id).
pub fn mask_units(
    units: Vec<(String, Option<String>)>,
) -> (Vec<(String, Option<String>)>, Vec<(String, String)>) {
    let mut renames = Vec::new();
    let mut taken: std::collections::HashSet<String> =
        units.iter().map(|(u, _)| u.clone()).collect();
    let mut out: Vec<(String, Option<String>)> = units
        .into_iter()
        .map(|(id, name)| {
            let name = name.map(|n| {
                if personal_name(&n) {
                    MASKED_NAME.to_string()
                } else {
                    n
                }
            });
            // A key equal to the unit's own name is a name of an office, not of a person.
            let kind = personal_key(&id).filter(|k| {
                *k != crate::text::IdKind::Name || name.as_deref() != Some(id.as_str())
            });
            let Some(kind) = kind else {
                return (id, name);
            };
            let base = masked_key(kind);
            let mut masked = base.clone();
            let mut n = 1;
            while taken.contains(&masked) {
                n += 1;
                masked = format!("[{} disamarkan {n}]", kind.label_id());
            }
            taken.insert(masked.clone());
            renames.push((id, masked.clone()));
            (masked, name)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    (out, renames)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_unit_ids_are_masked_and_stay_apart() {
        let (units, renames) = mask_units(vec![
            ("198501012010010001".into(), Some("Dinas A".into())),
            ("198501012010010002".into(), None),
            ("Siti Rahayu".into(), None),
            ("OPD-01".into(), Some("Dinas Kesehatan".into())),
        ]);
        let ids: Vec<&str> = units.iter().map(|(u, _)| u.as_str()).collect();
        assert_eq!(
            ids,
            [
                "OPD-01",
                "[NIP disamarkan 2]",
                "[NIP disamarkan]",
                "[nama disamarkan]"
            ]
        );
        assert_eq!(renames.len(), 3);
        let mut r = Resolver::new(&[("198501012010010001".into(), None)]);
        r.rename("198501012010010001", "[NIP disamarkan]");
        assert_eq!(
            r.resolve("198501012010010001"),
            Resolved::Code("[NIP disamarkan]".into())
        );
    }

    /// The attack pass: a unit name with the head's name and NIP reached every output.
    #[test]
    fn unit_names_with_personal_data_are_masked() {
        let (units, renames) = mask_units(vec![
            (
                "B".into(),
                Some("Kepala: Siti Rahayu NIP 198503152010011005".into()),
            ),
            ("C".into(), Some("Dinas C, kontak budi@gmail.com".into())),
            ("D".into(), Some("Dinas Kesehatan".into())),
            ("E".into(), Some("UPT 2024 Lantai 3".into())),
        ]);
        let names: Vec<&str> = units
            .iter()
            .map(|(_, n)| n.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(
            names,
            [
                MASKED_NAME,
                MASKED_NAME,
                "Dinas Kesehatan",
                "UPT 2024 Lantai 3"
            ]
        );
        assert!(renames.is_empty());
    }

    fn units() -> Vec<(String, Option<String>)> {
        [
            ("OPD-02", "Dinas Kesehatan"),
            ("OPD-14", "Dinas Perhubungan"),
            ("OPD-27", "Biro Hukum"),
            ("OPD-33", "Biro Umum"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), Some(b.to_string())))
        .collect()
    }

    #[test]
    fn codes_names_and_misspellings() {
        let r = Resolver::new(&units());
        assert_eq!(r.resolve(" opd-02 "), Resolved::Code("OPD-02".into()));
        assert_eq!(r.resolve("OPD 2"), Resolved::CodeVariant("OPD-02".into()));
        assert_eq!(
            r.resolve("DINAS KESEHATAN Provinsi Kalimantan Tengah"),
            Resolved::Name {
                unit: "OPD-02".into(),
                confidence: 1.0
            }
        );
        match r.resolve("Dinas Kesehtan") {
            Resolved::Name { unit, confidence } => {
                assert_eq!(unit, "OPD-02");
                assert!(confidence > 0.9 && confidence < 1.0);
            }
            other => panic!("{other:?}"),
        }
        // One letter from both "Biro Hukum" and "Biro Umum": never guessed.
        match r.resolve("Biro Humum") {
            Resolved::Ambiguous(c) => {
                let ids: Vec<&str> = c.iter().map(|x| x.0.as_str()).collect();
                assert!(
                    ids.contains(&"OPD-27") && ids.contains(&"OPD-33"),
                    "{ids:?}"
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(r.resolve("Dinas Pariwisata"), Resolved::Unknown);
    }

    /// Corpus (Dishub): every job row said `OPD-03 Dinas Perhubungan` and was rejected as
    /// fitting "several units" with one candidate.
    #[test]
    fn a_code_followed_by_its_name_is_the_code() {
        let r = Resolver::new(&units());
        assert_eq!(
            r.resolve("OPD-14 Dinas Perhubungan"),
            Resolved::CodeVariant("OPD-14".into())
        );
        assert_eq!(
            r.resolve("OPD 14 - Dishub"),
            Resolved::CodeVariant("OPD-14".into())
        );
        // The code of one unit with the name of another: never guessed.
        assert!(matches!(
            r.resolve("OPD-14 Dinas Kesehatan"),
            Resolved::Ambiguous(_) | Resolved::Unknown | Resolved::Name { .. }
        ));
        assert_ne!(r.resolve("OPD-14 Dinas Kesehatan").unit(), Some("OPD-14"));
    }

    /// Corpus (RSUD): the survey named the hospital as the master list does, the unit list
    /// otherwise; its rows were unknown, and blamed on the file's other unit.
    #[test]
    fn a_unit_is_known_by_every_name_it_has() {
        let mut us = units();
        us.push(("OPD-06".into(), Some("RSUD dr. Doris Sylvanus".into())));
        let mut r = Resolver::new(&us);
        r.add_name("OPD-06", "Rumah Sakit Umum Daerah dr. Doris Sylvanus");
        r.add_name("OPD-06", "RSUD dr. Doris Sylvanus");
        assert_eq!(
            r.resolve("Rumah Sakit Umum Daerah dr. Doris Sylvanus"),
            Resolved::Name {
                unit: "OPD-06".into(),
                confidence: 1.0
            }
        );
        match r.resolve("RSUD dr Doris Silvanus") {
            Resolved::Name { unit, .. } => assert_eq!(unit, "OPD-06"),
            other => panic!("{other:?}"),
        }
    }

    /// The first round: "OPD-22 … did you mean OPD-02?" sent an office to the wrong unit.
    #[test]
    fn hints_are_plausible_or_absent() {
        let r = Resolver::new(&units());
        assert_eq!(r.suggest("OPD-22"), None);
        assert_eq!(r.suggest("OPD-99"), None);
        let (u, s) = r.suggest("OPD-O2").unwrap();
        assert_eq!(u, "OPD-02");
        assert!((0.75..1.0).contains(&s));
        assert_eq!(r.suggest("OPD-41").map(|s| s.0).as_deref(), Some("OPD-14"));
        assert_eq!(
            r.suggest("Dinas Kesehatn").map(|s| s.0).as_deref(),
            Some("OPD-02")
        );
        // Equally far from Biro Hukum and Biro Umum: no hint.
        assert_eq!(r.suggest("Biro Humum"), None);
        assert_eq!(r.suggest("Dinas Pariwisata"), None);
    }

    #[test]
    fn units_from_file_names() {
        let mut us = units();
        us.push(("OPD-01".into(), None));
        us.push(("OPD-18".into(), None));
        let r = Resolver::new(&us);
        assert_eq!(
            r.from_file_name("x/survei_OPD-18_revisi.xlsx").as_deref(),
            Some("OPD-18")
        );
        assert_eq!(
            r.from_file_name("OPD-01 Dinas Pendidikan.xlsx").as_deref(),
            Some("OPD-01")
        );
        assert_eq!(r.from_file_name("opd 2.csv").as_deref(), Some("OPD-02"));
        assert_eq!(r.from_file_name("survei_rekap.xlsx"), None);
    }

    #[test]
    fn code_variants_drop_leading_zeros_only() {
        assert_eq!(code_variant("OPD-07"), "opd7");
        assert_eq!(code_variant("opd 007"), "opd7");
        assert_eq!(code_variant("OPD-10"), "opd10");
        assert_eq!(code_variant("A0B"), "ab");
    }
}
