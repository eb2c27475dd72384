//! Shared workbook helpers for every .xlsx kesiapan writes (the analysts' workbook, the
//! rejected rows and feedback files, the blank forms): fixed document properties so the same
//! content gives the same bytes, cell text fit for Excel, valid sheet and file names, the text
//! and number cell writers and the bold header format.
//!
//! Text is always written as a string cell, never as a formula (`=cmd|…` stays inert). This
//! module decides no layout and no wording: the writers do.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError,
};

/// Excel's longest cell text.
pub const MAX_CELL_CHARS: usize = 32_767;

/// The header fill of the files people fill in or get back (forms, rejected rows, feedback).
pub const FORM_HEADER_FILL: u32 = 0xDDEBF7;
/// The header fill of the analysts' workbook.
pub const WORKBOOK_HEADER_FILL: u32 = 0xDDE4EE;

/// Fixed document properties (title, author, creation date): a file's bytes then depend only
/// on what is written into it.
pub fn properties(title: &str) -> Result<DocProperties, XlsxError> {
    Ok(DocProperties::new()
        .set_title(title)
        .set_author("kesiapan")
        .set_creation_datetime(&ExcelDateTime::from_ymd(2025, 1, 1)?))
}

/// A workbook with fixed properties (see [`properties`]).
pub fn new_workbook(title: &str) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(&properties(title)?);
    Ok(wb)
}

/// Text fit for a cell: control characters other than tab and newline dropped, cut to
/// Excel's limit with the visible marker of [`crate::text::cap`] (rust_xlsxwriter refuses a
/// longer string, which would fail the whole file).
pub fn cell_text(s: &str) -> String {
    let clean: String = s
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect();
    if clean.chars().count() > MAX_CELL_CHARS {
        // Room for the marker, `… (+99.999.999 karakter)`.
        crate::text::cap(&clean, MAX_CELL_CHARS - 40, crate::rubric::Lang::Id).into_owned()
    } else {
        clean
    }
}

/// A valid sheet name: at most 31 characters, none of `[]:*?/\`.
pub fn sheet_name(s: &str) -> String {
    let t: String = s
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect();
    if t.trim().is_empty() {
        "data".into()
    } else {
        t
    }
}

/// A bold header cell format on `fill`.
pub fn header_format(fill: u32) -> Format {
    Format::new()
        .set_bold()
        .set_background_color(Color::RGB(fill))
}

/// Text as a text cell (never a formula), fit for Excel.
pub fn text(ws: &mut Worksheet, r: u32, c: u16, s: impl AsRef<str>) -> Result<(), XlsxError> {
    ws.write_string(r, c, cell_text(s.as_ref()))?;
    Ok(())
}

/// Text as a text cell with a format.
pub fn text_f(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    s: impl AsRef<str>,
    f: &Format,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(r, c, cell_text(s.as_ref()), f)?;
    Ok(())
}

/// A number cell when there is a finite number, else nothing.
pub fn opt_num(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    x: Option<f64>,
    f: &Format,
) -> Result<(), XlsxError> {
    if let Some(x) = x.filter(|x| x.is_finite()) {
        ws.write_number_with_format(r, c, x, f)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_text_fit_excel() {
        assert_eq!(sheet_name("a/b:c*d?[e]"), "a_b_c_d__e_");
        assert_eq!(sheet_name(&"x".repeat(40)).chars().count(), 31);
        assert_eq!(sheet_name("  "), "data");
        assert_eq!(cell_text("a\u{7}b\tc\nd"), "ab\tc\nd");
        let long = cell_text(&"x".repeat(MAX_CELL_CHARS + 5));
        assert!(long.chars().count() <= MAX_CELL_CHARS);
        assert!(long.ends_with("… (+45 karakter)"), "{}", &long[32_000..]);
    }
}
