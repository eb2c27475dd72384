//! Markdown → Word (.docx). The briefing's wording lives in a Markdown tera template; this turns
//! that same text into an editable A4 document, so the .md and the .docx never disagree.
//!
//! Supported: headings (Word's heading styles, so the navigation pane lists them), paragraphs,
//! bold/italic/code, bullet and numbered lists, tables (the first row bold and repeated on every
//! page the table runs over; a table with an empty header row is a borderless layout table),
//! and `<!-- pagebreak -->` for a new page. The document's created/modified time is the run's,
//! its author the memo's sender.

use anyhow::{Result, anyhow};
use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, LineSpacing, PageMargin, PageNum, Paragraph, Run,
    RunFonts, Style, StyleType, Table, TableCell, TableRow, WidthType,
};

/// A row height no row of ours has, marking a table's header row in the XML: docx-rs cannot
/// write `<w:tblHeader/>`, so the marker is replaced by it after the build.
const HEADER_MARK: f32 = 7.0;
const HEADER_MARK_XML: &str = r#"<w:trHeight w:val="7" w:hRule="atLeast" />"#;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A4 in twentieths of a point.
const A4: (u32, u32) = (11_906, 16_838);
/// Text width on A4 with 2 cm side margins (twips).
const TEXT_WIDTH: usize = 11_906 - 2 * 1_134;

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    runs: Vec<Run>,
    bold: usize,
    italic: usize,
    lists: Vec<Option<u64>>,
    heading: Option<HeadingLevel>,
    table: Option<TableState>,
    pending_item: bool,
}

/// A block of the document body (boxed: both kinds are large).
enum Block {
    Para(Box<Paragraph>),
    Table(Box<Table>),
}

#[derive(Default)]
struct TableState {
    rows: Vec<Vec<Vec<Run>>>,
    /// Characters per cell, for the column widths.
    lens: Vec<Vec<usize>>,
    numeric: Vec<bool>,
    cell_len: usize,
}

impl Builder {
    fn text(&mut self, s: &str) {
        if let Some(t) = &mut self.table {
            t.cell_len += s.chars().count();
        }
        let mut r = Run::new().add_text(s);
        if self.bold > 0 || self.heading.is_some() {
            r = r.bold();
        }
        if self.italic > 0 {
            r = r.italic();
        }
        if let Some(h) = self.heading {
            r = r.size(match h {
                HeadingLevel::H1 => 28,
                HeadingLevel::H2 => 24,
                _ => 22,
            });
        }
        self.runs.push(r);
    }

    fn flush_paragraph(&mut self) {
        let runs = std::mem::take(&mut self.runs);
        if let Some(t) = &mut self.table {
            if let Some(row) = t.rows.last_mut() {
                row.push(runs);
            }
            let n = std::mem::take(&mut t.cell_len);
            if let Some(row) = t.lens.last_mut() {
                row.push(n);
            }
            return;
        }
        let mut p = Paragraph::new();
        if let Some(h) = self.heading {
            p = p.keep_next(true).style(match h {
                HeadingLevel::H1 => "Heading1",
                HeadingLevel::H2 => "Heading2",
                _ => "Heading3",
            });
            if h == HeadingLevel::H1 {
                p = p.align(AlignmentType::Center);
            }
        }
        if !self.lists.is_empty() {
            let depth = self.lists.len() as i32;
            let marker = if self.pending_item {
                self.pending_item = false;
                match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}.\t");
                        *n += 1;
                        m
                    }
                    _ => "•\t".to_string(),
                }
            } else {
                "\t".to_string()
            };
            p = p
                .indent(
                    Some(360 * depth),
                    Some(docx_rs::SpecialIndentType::Hanging(360)),
                    None,
                    None,
                )
                .add_run(Run::new().add_text(marker));
        }
        for r in runs {
            p = p.add_run(r);
        }
        self.blocks.push(Block::Para(Box::new(p)));
    }

    /// A table with an empty header row is a layout table (the memo's header and signature
    /// blocks): no borders, no header. Column widths follow the longest text in each column.
    fn finish_table(&mut self) {
        let Some(mut t) = self.table.take() else {
            return;
        };
        let cols = t.rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let layout = t.lens.first().is_some_and(|h| h.iter().all(|n| *n == 0));
        if layout {
            t.rows.remove(0);
            t.lens.remove(0);
        }
        // Wide tables get a smaller font so that a row stays on one or two lines.
        let small = cols > 4;
        let widths = column_widths(&t.lens, cols, if small { 120 } else { 140 }, layout);
        let rows = t
            .rows
            .into_iter()
            .enumerate()
            .map(|(ri, cells)| {
                let cells = (0..cols)
                    .map(|ci| {
                        let mut p = Paragraph::new().line_spacing(LineSpacing::new().after(0));
                        if t.numeric.get(ci).copied().unwrap_or(false) {
                            p = p.align(AlignmentType::Right);
                        }
                        for r in cells.get(ci).cloned().unwrap_or_default() {
                            let r = if small { r.size(18) } else { r };
                            p = p.add_run(if ri == 0 && !layout { r.bold() } else { r });
                        }
                        TableCell::new()
                            .width(widths[ci], WidthType::Dxa)
                            .add_paragraph(p)
                    })
                    .collect();
                let row = TableRow::new(cells).cant_split();
                if ri == 0 && !layout {
                    row.row_height(HEADER_MARK)
                } else {
                    row
                }
            })
            .collect();
        let table = Table::new(rows)
            .set_grid(widths.clone())
            .width(TEXT_WIDTH, WidthType::Dxa);
        self.blocks.push(Block::Table(Box::new(if layout {
            table.clear_all_border()
        } else {
            table
        })));
        // Word needs a paragraph between two tables.
        self.blocks.push(Block::Para(Box::default()));
    }
}

/// Column widths (twips) for cells of `lens` characters at `char_width` twips a character:
/// short columns get their natural width, long ones share what is left in proportion to their
/// length; a table that fits is widened to the text width. In a layout table an empty column is
/// a spacer (the signature block sits on the right half).
fn column_widths(lens: &[Vec<usize>], cols: usize, char_width: usize, layout: bool) -> Vec<usize> {
    const PAD: usize = 250;
    const SHORT: usize = 15;
    let chars: Vec<usize> = (0..cols)
        .map(|c| {
            lens.iter()
                .filter_map(|r| r.get(c))
                .max()
                .copied()
                .unwrap_or(0)
        })
        .map(|n| if layout && n == 0 { 40 } else { n.max(2) })
        .collect();
    let natural: Vec<usize> = chars.iter().map(|c| c * char_width + PAD).collect();
    let total: usize = natural.iter().sum();
    if total <= TEXT_WIDTH {
        return natural.iter().map(|w| w * TEXT_WIDTH / total).collect();
    }
    let fixed: usize = (0..cols)
        .filter(|c| chars[*c] <= SHORT)
        .map(|c| natural[c])
        .sum();
    let long: usize = (0..cols)
        .filter(|c| chars[*c] > SHORT)
        .map(|c| chars[c])
        .sum();
    let left = TEXT_WIDTH.saturating_sub(fixed);
    (0..cols)
        .map(|c| {
            if chars[c] <= SHORT || long == 0 {
                natural[c]
            } else {
                (left * chars[c] / long).max(SHORT * char_width)
            }
        })
        .collect()
}

/// Render Markdown as a .docx (A4, 2 cm margins, Arial 11).
pub fn from_markdown(md: &str, created: &str, author: &str) -> Result<Vec<u8>> {
    let mut b = Builder::default();
    for ev in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => b.heading = Some(level),
            Event::End(TagEnd::Heading(_)) => {
                b.flush_paragraph();
                b.heading = None;
            }
            Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Paragraph) => b.flush_paragraph(),
            Event::Start(Tag::List(start)) => {
                if !b.runs.is_empty() {
                    b.flush_paragraph();
                }
                b.lists.push(start)
            }
            Event::End(TagEnd::List(_)) => {
                b.lists.pop();
            }
            Event::Start(Tag::Item) => b.pending_item = true,
            Event::End(TagEnd::Item) if !b.runs.is_empty() || b.pending_item => b.flush_paragraph(),
            Event::Start(Tag::Table(aligns)) => {
                b.table = Some(TableState {
                    rows: Vec::new(),
                    lens: Vec::new(),
                    cell_len: 0,
                    numeric: aligns
                        .iter()
                        .map(|a| *a == pulldown_cmark::Alignment::Right)
                        .collect(),
                })
            }
            Event::End(TagEnd::Table) => b.finish_table(),
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                if let Some(t) = &mut b.table {
                    t.rows.push(Vec::new());
                    t.lens.push(Vec::new());
                }
            }
            Event::End(TagEnd::TableCell) => b.flush_paragraph(),
            Event::Start(Tag::Strong) => b.bold += 1,
            Event::End(TagEnd::Strong) => b.bold -= 1,
            Event::Start(Tag::Emphasis) => b.italic += 1,
            Event::End(TagEnd::Emphasis) => b.italic -= 1,
            Event::Text(t) | Event::Code(t) => b.text(&t),
            Event::SoftBreak => b.text(" "),
            Event::HardBreak => b.runs.push(Run::new().add_break(BreakType::TextWrapping)),
            Event::Html(h) | Event::InlineHtml(h) if h.contains("pagebreak") => {
                b.blocks.push(Block::Para(Box::new(
                    Paragraph::new().add_run(Run::new().add_break(BreakType::Page)),
                )));
            }
            Event::Rule => b.blocks.push(Block::Para(Box::default())),
            _ => {}
        }
    }
    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(1_134)
                .bottom(1_134)
                .left(1_134)
                .right(1_134),
        )
        .default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial"))
        .default_size(22)
        .default_line_spacing(LineSpacing::new().after(80).line(252))
        .created_at(created)
        .updated_at(created);
    for (id, name, level) in [
        ("Heading1", "heading 1", 0),
        ("Heading2", "heading 2", 1),
        ("Heading3", "heading 3", 2),
    ] {
        doc = doc.add_style(
            Style::new(id, StyleType::Paragraph)
                .name(name)
                .based_on("Normal")
                .next("Normal")
                .outline_lvl(level)
                .bold(),
        );
    }
    // Page numbers at the foot of every page, centred.
    doc = doc.footer(
        Footer::new().add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_page_num(PageNum::new()),
        ),
    );
    for block in b.blocks {
        doc = match block {
            Block::Para(p) => doc.add_paragraph(*p),
            Block::Table(t) => doc.add_table(*t),
        };
    }
    let mut xml = doc.build();
    xml.document = String::from_utf8(xml.document)
        .map_err(|e| anyhow!("writing the .docx: {e}"))?
        .replace(HEADER_MARK_XML, "<w:tblHeader />")
        .into_bytes();
    // docx-rs writes "unknown" as the author: the memo's sender is.
    let author = author
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    xml.doc_props.core = String::from_utf8(xml.doc_props.core)
        .map_err(|e| anyhow!("writing the .docx: {e}"))?
        .replace(
            "<dc:creator>unknown</dc:creator>",
            &format!("<dc:creator>{author}</dc:creator>"),
        )
        .replace(
            "<cp:lastModifiedBy>unknown</cp:lastModifiedBy>",
            &format!("<cp:lastModifiedBy>{author}</cp:lastModifiedBy>"),
        )
        .into_bytes();
    let mut buf = std::io::Cursor::new(Vec::new());
    xml.pack(&mut buf)
        .map_err(|e| anyhow!("writing the .docx: {e}"))?;
    Ok(buf.into_inner())
}
