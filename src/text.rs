//! Shared text helpers for every output: shortening a value, hiding long digit runs, the mask
//! shown for personal data, the one Markdown cell escaper (data text inside a Markdown report,
//! table cell or prose) and the one CSV formula neutraliser. Each rule lives here once, so the
//! data-quality report, the summary, the memo and the CSVs cannot drift apart.
//!
//! A leaf: it imports nothing from the crate, and decides no wording beyond the mask text.

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
