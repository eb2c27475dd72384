//! Shared text helpers for every output: the one Markdown cell escaper (data text inside a
//! Markdown report, table cell or prose) and the one CSV formula neutraliser. Each rule lives
//! here once, so the data-quality report, the summary, the memo and the CSVs cannot drift apart.
//!
//! These only make text inert; they never shorten, translate or reword it.

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
