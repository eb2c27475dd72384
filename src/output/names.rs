//! File names made from data (a unit id becomes `feedback/<id>.xlsx`): safe on every file
//! system kesiapan's users have (Windows included) and unique within a run.
//!
//! Only names; nothing here touches the file system.

use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};

/// The longest stem `safe_stem` returns (before a disambiguating suffix).
pub const MAX_STEM: usize = 80;

/// Names Windows reserves for devices, with any extension (`CON.xlsx` opens the console).
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Whether `stem` (the part before the first dot) is a Windows device name.
pub fn is_reserved(stem: &str) -> bool {
    let base = stem
        .split('.')
        .next()
        .unwrap_or("")
        .trim_end_matches([' ', '.']);
    RESERVED.iter().any(|r| r.eq_ignore_ascii_case(base))
}

/// A file-name stem from any text: ASCII letters, digits, `-` and `_` are kept, every other
/// character (`<>:"/\|?*`, dots, spaces, control characters, non-ASCII) becomes `_`; at most
/// `MAX_STEM` characters; never empty (`unit`), never a Windows device name (`CON` → `CON_`).
/// Different texts can give the same stem: `unique_stems` tells them apart.
pub fn safe_stem(text: &str) -> String {
    let mut t: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(MAX_STEM)
        .collect();
    if t.is_empty() {
        t = "unit".into();
    }
    if is_reserved(&t) {
        t.push('_');
    }
    t
}

/// The first 8 hex digits of the SHA-256 of `text`.
fn short_hash(text: &str) -> String {
    crate::rubric::hex(&Sha256::digest(text.as_bytes()))[..8].to_string()
}

/// One stem per text, in the order given, no two equal even ignoring case (Windows and macOS
/// file systems do): a text whose `safe_stem` no other text shares keeps it; texts sharing a
/// stem each get `-` and the first 8 hex digits of the SHA-256 of the text itself (so a
/// unit's file name does not depend on the order of the units). Should two still clash (equal
/// texts, or a text already ending in such a suffix), the later ones in canonical (sorted)
/// order get `-2`, `-3`, ….
pub fn unique_stems<S: AsRef<str>>(texts: &[S]) -> Vec<String> {
    let fold = |s: &str| s.to_ascii_lowercase();
    let stems: Vec<String> = texts.iter().map(|t| safe_stem(t.as_ref())).collect();
    let mut shared: BTreeMap<String, usize> = BTreeMap::new();
    for s in &stems {
        *shared.entry(fold(s)).or_default() += 1;
    }
    let mut out: Vec<String> = texts
        .iter()
        .zip(&stems)
        .map(|(t, s)| {
            if shared[&fold(s)] > 1 {
                format!("{s}-{}", short_hash(t.as_ref()))
            } else {
                s.clone()
            }
        })
        .collect();
    // The last resort, in canonical order of the texts (then of their positions).
    let mut order: Vec<usize> = (0..texts.len()).collect();
    order.sort_by(|&a, &b| texts[a].as_ref().cmp(texts[b].as_ref()).then(a.cmp(&b)));
    let mut taken: HashSet<String> = HashSet::new();
    for i in order {
        let base = out[i].clone();
        let mut n = 1;
        while !taken.insert(fold(&out[i])) {
            n += 1;
            out[i] = format!("{base}-{n}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_stem_is_safe_on_windows() {
        assert_eq!(safe_stem("OPD 01/ä"), "OPD_01__");
        assert_eq!(safe_stem(""), "unit");
        assert_eq!(safe_stem("a<b>c:d\"e/f\\g|h?i*j"), "a_b_c_d_e_f_g_h_i_j");
        assert_eq!(safe_stem("tab\there\u{0}\u{7}"), "tab_here__");
        assert_eq!(safe_stem("trailing. "), "trailing__");
        assert_eq!(safe_stem(&"x".repeat(500)).len(), MAX_STEM);
        for r in [
            "CON", "con", "Nul", "PRN", "AUX", "COM1", "com9", "LPT1", "lpt9",
        ] {
            let s = safe_stem(r);
            assert!(!is_reserved(&s), "{r} → {s}");
            assert_eq!(s, format!("{r}_"));
        }
        // Names that only start like a device are fine as they are.
        assert_eq!(safe_stem("CONSOLE"), "CONSOLE");
        assert_eq!(safe_stem("COM10"), "COM10");
        assert!(is_reserved("con.xlsx") && is_reserved("NUL.tar.gz") && is_reserved("AUX "));
        assert!(!is_reserved("CON_") && !is_reserved("_NUL"));
    }

    #[test]
    fn unique_stems_tell_colliding_ids_apart() {
        let ids = ["a/b", "a\\b", "a_b", "OPD-01", "A_B", "x"];
        let s = unique_stems(&ids);
        assert_eq!(s[3], "OPD-01");
        assert_eq!(s[5], "x");
        let folded: HashSet<String> = s.iter().map(|x| x.to_ascii_lowercase()).collect();
        assert_eq!(folded.len(), ids.len(), "{s:?}");
        for (id, st) in ids.iter().zip(&s).take(3) {
            assert_eq!(st, &format!("a_b-{}", short_hash(id)));
        }
        // The suffix is the id's own: the same in any order.
        let mut rev = ids;
        rev.reverse();
        let mut r = unique_stems(&rev);
        r.reverse();
        assert_eq!(r, s);
        // Equal texts still get different stems.
        assert_eq!(
            unique_stems(&["q", "q"]),
            vec![
                "q-".to_string() + &short_hash("q"),
                format!("q-{}-2", short_hash("q"))
            ]
        );
        assert_eq!(unique_stems(&["CON", "con"]).len(), 2);
    }
}
