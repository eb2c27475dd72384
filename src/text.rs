//! Shared text helpers for every output: capping a displayed value, hiding long digit runs, the mask
//! shown for personal data, the one Markdown cell escaper (data text inside a Markdown report,
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
pub fn cap(s: &str, limit: usize, lang: Lang) -> Cow<'_, str> {
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
