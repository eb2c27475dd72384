//! Header phrases as people write them, reduced to the words that name a column: lowercase,
//! accents dropped, any parenthesised remark dropped (`(orang)`, `(Mbps)`, `(%)`, `(Y/T)`,
//! `(1-5)`), a trailing year dropped (`Jumlah ASN 2025`, `… Tahun 2025`), a trailing `Y/T` or
//! `Ya/Tidak` dropped, `jml` read as `jumlah`, and question and filler words dropped
//! (`apakah`, `berapa`, `bagaimana`, `seberapa`, `tersedia`, `memiliki`, `ada`, `kantor`,
//! `anda`, `yang`, and the skill prefixes `kemampuan`, `kemahiran`, `kecakapan`, `keterampilan`),
//! and the synonyms of form vocabulary read as one word (`butuh`/`memerlukan` as `perlu`,
//! `peralatan`/`perangkat` as `alat`, `supervisi`/`diawasi` as `pengawasan`, `masyarakat` as
//! `publik`, `pelayanan`/`melayani` as `layanan`: see `SYNONYMS`). Square brackets are kept as words (a Google Forms grid question is
//! `Question [Row]`).
//!
//! Applied alike to header cells and to the rubric's names, aliases and questions, so it only
//! decides which words are compared; it must not decide which column a header is (see
//! `header`). `jumlah` is kept: it is part of real names (`jumlah_pegawai`, `jumlah_pemangku`).

use super::header::strip_accent;

/// Words dropped wherever they stand: they never tell two columns apart in a rubric (checked
/// over the shipped rubric by a test).
pub const FILLER: &[&str] = &[
    "apakah",
    "apakh",
    "berapa",
    "berapakah",
    "bagaimana",
    "bagaimanakah",
    "seberapa",
    "tersedia",
    "memiliki",
    "mempunyai",
    "punya",
    "ada",
    "kantor",
    "anda",
    "yang",
    // "Kemampuan Email" in a skills survey is the e-mail skill.
    "kemampuan",
    "kemahiran",
    "kecakapan",
    "keterampilan",
    "ketrampilan",
];

/// Words offices use for the same thing on a form, read as one (the right-hand word). Only
/// words that never tell two columns apart (checked over the shipped rubric by a test in
/// `header`), and only whole words.
pub const SYNONYMS: &[(&str, &str)] = &[
    ("memerlukan", "perlu"),
    ("membutuhkan", "perlu"),
    ("butuh", "perlu"),
    ("diperlukan", "perlu"),
    ("peralatan", "alat"),
    ("perangkat", "alat"),
    ("supervisi", "pengawasan"),
    ("diawasi", "pengawasan"),
    ("pengawas", "pengawasan"),
    ("masyarakat", "publik"),
    ("pelayanan", "layanan"),
    ("melayani", "layanan"),
];

/// The words of a header phrase that name a column (see the module note).
pub fn words(s: &str) -> Vec<String> {
    let mut flat = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c => flat.extend(strip_accent(c).to_lowercase()),
        }
    }
    let mut w: Vec<String> = flat
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| match w {
            "jml" | "jmlh" => "jumlah".to_string(),
            w => SYNONYMS
                .iter()
                .find(|(from, _)| *from == w)
                .map_or(w, |(_, to)| to)
                .to_string(),
        })
        .collect();
    loop {
        let n = w.len();
        match w.as_slice() {
            [.., y] if is_year(y) => {
                w.pop();
                if w.last()
                    .is_some_and(|t| t == "tahun" || t == "th" || t == "thn")
                {
                    w.pop();
                }
            }
            [.., a, b] if (a == "y" && b == "t") || (a == "ya" && b == "tidak") => {
                w.truncate(n - 2);
            }
            _ => {}
        }
        if w.len() == n {
            break;
        }
    }
    w.retain(|t| !FILLER.contains(&t.as_str()));
    w
}

fn is_year(w: &str) -> bool {
    w.len() == 4
        && (w.starts_with("19") || w.starts_with("20"))
        && w.bytes().all(|b| b.is_ascii_digit())
}

/// Where `needle` stands in `hay` as whole words, if it does.
pub fn find(hay: &[String], needle: &[String]) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> String {
        words(s).join(" ")
    }

    #[test]
    fn units_years_question_words_and_fillers_are_dropped() {
        assert_eq!(w("Jumlah ASN 2025"), "jumlah asn");
        assert_eq!(w("Jumlah Pegawai Tahun 2025"), "jumlah pegawai");
        assert_eq!(
            w("Jumlah Pemangku Jabatan (orang)"),
            "jumlah pemangku jabatan"
        );
        assert_eq!(
            w("Berapa kecepatan internet kantor (Mbps)?"),
            "kecepatan internet"
        );
        assert_eq!(w("Apakah kantor memiliki VPN?"), "vpn");
        assert_eq!(
            w("Memerlukan Pengawasan Langsung (Y/T)"),
            "perlu pengawasan langsung"
        );
        assert_eq!(
            w("Memerlukan Pengawasan Langsung Y/T"),
            "perlu pengawasan langsung"
        );
        assert_eq!(w("Tersedia Helpdesk TI (Ya/Tidak)"), "helpdesk ti");
        assert_eq!(w("SKP di e-Kinerja (%)"), "skp di e kinerja");
        assert_eq!(w("Jml\nPegawai"), "jumlah pegawai");
        assert_eq!(w("  Kecepatan   Intérnet "), "kecepatan internet");
    }

    #[test]
    fn jumlah_numbers_and_grid_rows_are_kept() {
        // `jumlah` is part of names; dropping it would make `jumlah` and `pemangku` equal.
        assert_eq!(w("Jumlah"), "jumlah");
        assert_eq!(w("Berapa jumlah pegawai?"), "jumlah pegawai");
        // A number that is not a year, or a year that is not last, stays.
        assert_eq!(w("Akun Zoom 100"), "akun zoom 100");
        assert_eq!(w("2025 Jumlah"), "2025 jumlah");
        // A Google Forms grid row is in square brackets: kept.
        assert_eq!(w("Keahlian [Email]"), "keahlian email");
        // Only a whole word is a filler: `adaptasi`, `kantoran` stay.
        assert_eq!(w("Adaptasi Kantoran"), "adaptasi kantoran");
    }

    #[test]
    fn form_synonyms_and_skill_prefixes_read_as_one_word() {
        assert_eq!(w("Butuh Peralatan Khusus"), "perlu alat khusus");
        assert_eq!(w("Perlu Perangkat Khusus (Ya/Tidak)"), "perlu alat khusus");
        assert_eq!(w("Perlu Supervisi Langsung"), "perlu pengawasan langsung");
        assert_eq!(w("Perlu Diawasi Langsung"), "perlu pengawasan langsung");
        assert_eq!(
            w("Pelayanan Langsung ke Masyarakat"),
            "layanan langsung ke publik"
        );
        assert_eq!(w("Kemampuan Email"), "email");
        // Only whole words: `alatnya`, `publikasi` stay.
        assert_eq!(w("Alatnya Publikasi"), "alatnya publikasi");
    }

    #[test]
    fn a_phrase_is_found_only_as_whole_words() {
        let hay = words("Jumlah Pegawai Dinas");
        assert_eq!(find(&hay, &words("pegawai dinas")), Some(1));
        assert_eq!(find(&hay, &words("pega")), None);
        assert_eq!(find(&hay, &words("dinas pegawai")), None);
        assert_eq!(find(&hay, &[]), None);
    }
}
