//! Shared text helpers: small, pure functions on the text that reaches a report or a
//! diagnostic (shortening a value, hiding long digit runs, the mask shown for personal data).
//!
//! A leaf: it imports nothing from the crate, and it decides no wording of its own beyond the
//! mask text.

/// What is shown instead of a personal value.
pub const PERSONAL: &str = "(personal data, not shown)";

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

/// At most `n` characters, with `…` when cut.
pub fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(n).collect();
        out.push('…');
        out
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
    fn shorten_cuts_by_characters_not_bytes() {
        assert_eq!(shorten("abc", 3), "abc");
        assert_eq!(shorten("abcd", 3), "abc…");
        assert_eq!(shorten("éééé", 2), "éé…");
        assert_eq!(shorten("", 0), "");
    }

    #[test]
    fn personal_mask_text_is_stable() {
        assert_eq!(PERSONAL, "(personal data, not shown)");
    }
}
