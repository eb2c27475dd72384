//! Blank forms for the units to fill in, written from the rubric's dataset schemas: an
//! instructions sheet in Indonesian, printable (A4, one page wide), with each column's meaning
//! (its `description`, else its heading), whether it is required, the allowed values (a Likert
//! scale with its `anchors`) and a typical `example`, and for a personal column the request
//! for an anonymous code; then the data sheet headed by each column's `label` (read back as the
//! column), with bold frozen headers, data validation
//! (dropdowns for categories and Ya/Tidak, whole numbers and ranges for counts and Likert
//! answers, decimals for numbers, shares as percentages), column widths and a note on each
//! header (with the form's question wording when the schema gives one).
//!
//! The forms load back without a single diagnostic when filled in as asked (see the
//! round-trip test). Bytes are deterministic: fixed document properties.

use crate::input::guard::INSTRUCTIONS_PROPERTY;
use crate::rubric::{Column, ColumnType, Dataset, Example, Rubric};
use crate::xlsx::{FORM_HEADER_FILL, cell_text, header_format, properties, sheet_name};
use anyhow::Result;
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, ExcelDateTime, Format, FormatAlign, FormatBorder, Note,
    Workbook,
};

/// The instructions sheet's name.
pub const INSTRUCTIONS_SHEET: &str = "Petunjuk";
/// How many rows below the header carry the data validation.
pub const VALIDATED_ROWS: u32 = 5000;

/// A value typed into a form (for filling one in programmatically).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

/// A unit the form is meant for: its code and name are filled in (the one row of a
/// one-row-per-unit dataset) or offered as the only choice (the key column of other datasets).
#[derive(Debug, Clone)]
pub struct ForUnit {
    pub id: String,
    pub name: Option<String>,
}

/// The header text of a column: the rubric's `label` (one of the column's accepted names, so
/// it reads back as the column), else its name in words (`jumlah_pegawai` → `Jumlah Pegawai`).
pub fn header_label(c: &Column) -> String {
    if let Some(l) = &c.form.label {
        return l.id.clone();
    }
    c.name
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            if [
                "opd", "ti", "skp", "vpn", "asn", "nip", "id", "tik", "pc", "wfa",
            ]
            .contains(&w)
            {
                return w.to_uppercase();
            }
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().chain(cs).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The form's wording of a column (its `question`s), as the instructions and the header note
/// show it: `Pertanyaan di formulir: "…"`. The data sheet's header stays `header_label`; a
/// sheet headed by the questions themselves (a Google Forms export) reads back too.
pub fn asked(c: &Column) -> Option<String> {
    if c.question.is_empty() {
        return None;
    }
    let qs: Vec<String> = c.question.iter().map(|q| format!("\"{q}\"")).collect();
    Some(format!("Pertanyaan di formulir: {}", qs.join(" / ")))
}

fn num(n: f64) -> String {
    crate::input::cell::format_number(n).replace('.', ",")
}

/// What may be typed in a column, in Indonesian.
pub fn allowed(c: &Column) -> String {
    let range = |whole: bool| match (c.min, c.max) {
        (Some(lo), Some(hi)) => format!("dari {} sampai {}", num(lo), num(hi)),
        (Some(lo), None) => format!("paling sedikit {}", num(lo)),
        (None, Some(hi)) => format!("paling banyak {}", num(hi)),
        (None, None) if whole => "bilangan bulat".to_string(),
        (None, None) => "angka".to_string(),
    };
    match &c.kind {
        ColumnType::Text => "teks".to_string(),
        ColumnType::Integer => format!("bilangan bulat, {}", range(true)),
        ColumnType::Likert if c.form.anchors.is_empty() => format!("skala {}", range(true)),
        ColumnType::Likert => format!("skala {}: {}", range(true), anchors(c)),
        ColumnType::Number => format!("angka (desimal dengan koma, mis. 12,5), {}", range(false)),
        ColumnType::Percent => "persen, mis. 75% (dari 0% sampai 100%)".to_string(),
        ColumnType::Boolean => "Ya atau Tidak".to_string(),
        ColumnType::Category { values } => format!("salah satu: {}", values.join(", ")),
        ColumnType::Date => "tanggal (YYYY-MM-DD)".to_string(),
    }
}

/// A `likert` column's scale in words: `1 = belum bisa, …, 5 = sangat mahir`.
pub fn anchors(c: &Column) -> String {
    c.form
        .anchors
        .iter()
        .map(|(v, t)| format!("{v} = {}", t.id))
        .collect::<Vec<_>>()
        .join("; ")
}

/// What a column means, in Indonesian: its description, else its heading.
pub fn meaning(c: &Column) -> String {
    match &c.description {
        Some(d) => d.id.clone(),
        None => header_label(c),
    }
}

/// The guidance on a personal column (a respondent's id): an anonymous code, never the NIP.
pub fn personal_guidance(c: &Column) -> Option<String> {
    c.personal.then(|| {
        format!(
            "Kolom \"{}\": isi kode responden anonim buatan OPD (mis. R-001, R-002, …), satu kode per orang. Jangan isi NIP, nama, NIK atau nomor telepon.",
            header_label(c)
        )
    })
}

/// An example value of a column, as typed: the rubric's `example` (a typical answer), else
/// one made from the type (the unit's code for the unit key of a unit's form).
pub fn example(c: &Column, unit: Option<&ForUnit>) -> Cell {
    match (unit, &c.form.example) {
        (Some(u), _) if c.kind == ColumnType::Text => return Cell::Text(u.id.clone()),
        (_, Some(Example::Text(t))) => return Cell::Text(t.clone()),
        (_, Some(Example::Number(n))) => return Cell::Number(*n),
        _ => {}
    }
    let lo = c.min.unwrap_or(0.0);
    match &c.kind {
        ColumnType::Text => Cell::Text(match unit {
            Some(u) => u.id.clone(),
            None => format!("contoh {}", c.name.replace('_', " ")),
        }),
        ColumnType::Integer => Cell::Number((lo.max(0.0) + 12.0).min(c.max.unwrap_or(f64::MAX))),
        ColumnType::Likert => Cell::Number(c.max.unwrap_or(5.0).min(lo.max(1.0) + 3.0)),
        ColumnType::Number => Cell::Number((lo.max(0.0) + 12.5).min(c.max.unwrap_or(f64::MAX))),
        ColumnType::Percent => Cell::Number(0.75),
        ColumnType::Boolean => Cell::Text("Ya".into()),
        ColumnType::Category { values } => Cell::Text(values.first().cloned().unwrap_or_default()),
        ColumnType::Date => Cell::Text("2025-06-30".into()),
    }
}

fn show(c: &Cell, percent: bool) -> String {
    match c {
        Cell::Text(t) => t.clone(),
        Cell::Number(n) if percent => format!("{}%", num(n * 100.0)),
        Cell::Number(n) => num(*n),
        Cell::Empty => String::new(),
    }
}

fn clamp_i32(x: f64) -> i32 {
    x.clamp(i32::MIN as f64, i32::MAX as f64) as i32
}

/// The data validation of a column, with an input message saying what to type.
/// Whether Excel can offer `values` as a dropdown list: 255 characters in all, and no value
/// with a comma (the list separator) or a double quote.
fn listable<S: AsRef<str>>(values: &[S]) -> bool {
    let joined: usize = values.iter().map(|v| v.as_ref().chars().count() + 1).sum();
    joined <= 256 && values.iter().all(|v| !v.as_ref().contains([',', '"']))
}

fn validation(c: &Column, unit: Option<&ForUnit>, key: bool) -> Result<Option<DataValidation>> {
    let whole = |lo: Option<f64>, hi: Option<f64>| match (lo, hi) {
        (Some(l), Some(h)) => DataValidationRule::Between(clamp_i32(l), clamp_i32(h)),
        (Some(l), None) => DataValidationRule::GreaterThanOrEqualTo(clamp_i32(l)),
        (None, Some(h)) => DataValidationRule::LessThanOrEqualTo(clamp_i32(h)),
        (None, None) => DataValidationRule::Between(i32::MIN, i32::MAX),
    };
    let decimal = |lo: Option<f64>, hi: Option<f64>| match (lo, hi) {
        (Some(l), Some(h)) => DataValidationRule::Between(l, h),
        (Some(l), None) => DataValidationRule::GreaterThanOrEqualTo(l),
        (None, Some(h)) => DataValidationRule::LessThanOrEqualTo(h),
        (None, None) => DataValidationRule::Between(-1e15, 1e15),
    };
    let v = match (&c.kind, unit) {
        // The unit's own code, pre-filled; a code Excel cannot hold in a list (a comma splits
        // it into two choices, over 255 characters it is refused) is left without the list.
        (_, Some(u)) if key => match listable(&[u.id.as_str()]) {
            true => Some(DataValidation::new().allow_list_strings(&[u.id.as_str()])?),
            false => None,
        },
        (ColumnType::Integer | ColumnType::Likert, _) => {
            Some(DataValidation::new().allow_whole_number(whole(c.min, c.max)))
        }
        (ColumnType::Number, _) => {
            Some(DataValidation::new().allow_decimal_number(decimal(c.min, c.max)))
        }
        (ColumnType::Percent, _) => Some(
            DataValidation::new()
                .allow_decimal_number(decimal(c.min.or(Some(0.0)), c.max.or(Some(1.0)))),
        ),
        (ColumnType::Boolean, _) => {
            Some(DataValidation::new().allow_list_strings(&["Ya", "Tidak"])?)
        }
        (ColumnType::Category { values }, _) => {
            // Excel's list limit is 255 characters; longer lists are explained, not enforced.
            if listable(values) {
                Some(DataValidation::new().allow_list_strings(values)?)
            } else {
                None
            }
        }
        (ColumnType::Date, _) => Some(DataValidation::new().allow_date(
            DataValidationRule::Between(
                ExcelDateTime::from_ymd(1950, 1, 1)?,
                ExcelDateTime::from_ymd(2100, 12, 31)?,
            ),
        )),
        (ColumnType::Text, _) => None,
    };
    let Some(v) = v else { return Ok(None) };
    let title: String = header_label(c).chars().take(32).collect();
    Ok(Some(
        v.set_input_title(title)?
            .set_input_message(fit(allowed(c)))?
            .set_error_title("Isian tidak sesuai")?
            .set_error_message(fit(format!("Isi dengan {}", allowed(c))))?,
    ))
}

/// A data validation message (Excel takes at most 255 characters): whole, or cut at a word
/// with a pointer to the instructions sheet.
fn fit(s: String) -> String {
    const MAX: usize = 250;
    if s.chars().count() <= MAX {
        return s;
    }
    let more = format!(" … (lihat sheet {INSTRUCTIONS_SHEET})");
    let mut cut: String = s.chars().take(MAX - more.chars().count()).collect();
    if let Some(i) = cut.rfind(' ') {
        cut.truncate(i);
    }
    cut + &more
}

/// The form of one dataset (optionally for one unit), filled with `rows` (for tests and
/// examples; normally empty). Returns the xlsx bytes.
pub fn form(
    rubric: &Rubric,
    ds: &Dataset,
    unit: Option<&ForUnit>,
    rows: &[Vec<Cell>],
) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let data_sheet = sheet_name(&ds.title.id);
    wb.set_properties(
        &properties(&format!("Formulir {}", ds.title.id))?
            .set_comment(format!("rubric {} {}", rubric.id, rubric.version))
            .set_custom_property(INSTRUCTIONS_PROPERTY, INSTRUCTIONS_SHEET),
    );
    let head = header_format(FORM_HEADER_FILL).set_text_wrap();
    let percent = Format::new().set_num_format("0%");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let whole = Format::new().set_num_format("0");
    let is_unit_key = |c: &Column| c.name == ds.unit_key;
    let is_unit_name = |c: &Column| rubric.unit_name.as_deref() == Some(c.name.as_str());

    instructions(&mut wb, rubric, ds, unit, &data_sheet)?;

    // The data sheet.
    let ws = wb.add_worksheet();
    ws.set_name(&data_sheet)?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_row_height(0, 32)?;
    for (j, c) in ds.columns.iter().enumerate() {
        let j = j as u16;
        let label = header_label(c);
        ws.write_string_with_format(0, j, cell_text(&label), &head)?;
        let width = match &c.kind {
            ColumnType::Text => 24.0,
            ColumnType::Category { .. } => 18.0,
            _ => 14.0,
        };
        ws.set_column_width(j, (label.chars().count() as f64 + 2.0).max(width))?;
        let fmt = match &c.kind {
            ColumnType::Percent => Some(&percent),
            ColumnType::Date => Some(&date),
            ColumnType::Integer | ColumnType::Likert => Some(&whole),
            _ => None,
        };
        if let Some(f) = fmt {
            ws.set_column_format(j, f)?;
        }
        let note = format!(
            "{}{}{}{}\n{}",
            c.description
                .as_ref()
                .map(|d| format!("{}\n", d.id))
                .unwrap_or_default(),
            personal_guidance(c)
                .map(|g| format!("{g}\n"))
                .unwrap_or_default(),
            asked(c).map(|q| format!("{q}\n")).unwrap_or_default(),
            if c.required {
                "Wajib diisi."
            } else {
                "Boleh kosong."
            },
            allowed(c)
        );
        ws.insert_note(
            0,
            j,
            &Note::new(cell_text(&note))
                .set_author("kesiapan")
                .add_author_prefix(false),
        )?;
        let last = if ds.per_unit && unit.is_some() {
            1
        } else {
            VALIDATED_ROWS
        };
        if let Some(v) = validation(c, unit, is_unit_key(c))? {
            ws.add_data_validation(1, j, last, j, &v)?;
        }
    }
    // One row per unit: its code and name are filled in.
    if let (Some(u), true) = (unit, ds.per_unit) {
        for (j, c) in ds.columns.iter().enumerate() {
            if is_unit_key(c) {
                ws.write_string(1, j as u16, cell_text(&u.id))?;
            } else if is_unit_name(c) {
                if let Some(n) = &u.name {
                    ws.write_string(1, j as u16, cell_text(n))?;
                }
            }
        }
    }
    for (i, row) in rows.iter().enumerate() {
        let r = 1 + i as u32;
        for (j, v) in row.iter().enumerate() {
            let j = j as u16;
            match v {
                Cell::Text(t) => {
                    ws.write_string(r, j, cell_text(t))?;
                }
                Cell::Number(n) => {
                    ws.write_number(r, j, *n)?;
                }
                Cell::Empty => {}
            }
        }
    }
    Ok(wb.save_to_buffer()?)
}

/// Widths (characters) of the instructions table's columns: Kolom, Wajib, Arti, Contoh,
/// Nilai yang diizinkan. About 150 characters: A4 landscape at about 90 %.
const INSTRUCTION_WIDTHS: [f64; 5] = [24.0, 7.0, 58.0, 16.0, 45.0];

/// Rows of wrapped text `text` needs in a cell `width` characters wide (a word-wrap estimate:
/// spreadsheet programs do not grow merged rows by themselves).
fn lines_for(text: &str, width: f64) -> u32 {
    let per = (width * 1.1).max(1.0) as usize;
    text.split('\n')
        .map(|l| l.chars().count().div_ceil(per).max(1) as u32)
        .sum()
}

/// The instructions sheet, printable: A4 landscape, one page wide, wrapped text, the table's
/// header row repeated on every page, margins, page numbers; the print area is the
/// instructions and the table (the example row below, as wide as the data sheet, is for the
/// screen: the table's "Contoh" column prints each example).
fn instructions(
    wb: &mut Workbook,
    rubric: &Rubric,
    ds: &Dataset,
    unit: Option<&ForUnit>,
    data_sheet: &str,
) -> Result<()> {
    let is_unit_key = |c: &Column| c.name == ds.unit_key;
    let is_unit_name = |c: &Column| rubric.unit_name.as_deref() == Some(c.name.as_str());
    let top = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let bold = Format::new().set_bold();
    let head = header_format(FORM_HEADER_FILL)
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let cell = top.clone().set_border(FormatBorder::Thin);
    let title = Format::new().set_bold().set_font_size(14);
    let percent = Format::new().set_num_format("0%");
    let ws = wb.add_worksheet();
    ws.set_name(INSTRUCTIONS_SHEET)?;
    for (j, w) in INSTRUCTION_WIDTHS.iter().enumerate() {
        ws.set_column_width(j as u16, *w)?;
    }
    let full: f64 = INSTRUCTION_WIDTHS.iter().sum();
    ws.set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3)
        .set_print_center_horizontally(true)
        .set_footer("&L&F&RHalaman &P dari &N");
    ws.write_string_with_format(
        0,
        0,
        cell_text(&format!("Petunjuk pengisian: {}", ds.title.id)),
        &title,
    )?;
    let mut r = 2u32;
    let mut lines = vec![
        format!(
            "Isi sheet \"{data_sheet}\": satu baris per {}, mulai baris 2. Jangan mengubah, menghapus atau memindahkan baris judul kolom (baris 1).",
            if ds.per_unit {
                rubric.unit_label.id.clone()
            } else {
                "data".to_string()
            }
        ),
        "Isi hanya nilai; jangan menambah baris jumlah/total, catatan, atau baris kosong di antara data.".to_string(),
        "Ya/Tidak: pilih dari daftar. Angka desimal memakai koma (12,5). Persen boleh ditulis 75%.".to_string(),
        "Jawaban 'tidak tahu' boleh dikosongkan atau diisi 'tidak tahu': dibaca sebagai tidak ada data, bukan nol.".to_string(),
    ];
    if let Some(u) = unit {
        lines.insert(
            0,
            format!(
                "Formulir untuk {} {} {}.",
                rubric.unit_label.id,
                u.id,
                u.name.as_deref().unwrap_or("")
            ),
        );
    }
    lines.extend(ds.columns.iter().filter_map(personal_guidance));
    if ds.personal {
        lines.push("Data ini memuat data pribadi (UU 27/2022): kirim hanya kepada tim penilai, jangan disebarkan.".to_string());
    }
    for l in lines {
        let l = cell_text(&l);
        ws.merge_range(r, 0, r, 4, &l, &top)?;
        ws.set_row_height(r, 15.0 * lines_for(&l, full) as f64)?;
        r += 1;
    }
    r += 1;
    let header_row = r;
    for (c, h) in ["Kolom", "Wajib", "Arti", "Contoh", "Nilai yang diizinkan"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(r, c as u16, *h, &head)?;
    }
    ws.set_repeat_rows(header_row, header_row)?;
    r += 1;
    for c in &ds.columns {
        let meaning = match asked(c) {
            Some(q) => format!("{}\n{q}", meaning(c)),
            None => meaning(c),
        };
        let ex = example(c, unit.filter(|_| is_unit_key(c)));
        let ex = match (unit, is_unit_name(c)) {
            (Some(u), true) => Cell::Text(u.name.clone().unwrap_or_default()),
            _ => ex,
        };
        let texts = [
            cell_text(&header_label(c)),
            if c.required { "wajib" } else { "" }.to_string(),
            cell_text(&meaning),
            cell_text(&show(&ex, c.kind == ColumnType::Percent)),
            cell_text(&allowed(c)),
        ];
        // Unmerged wrapped cells: the spreadsheet program fits the row's height itself.
        for (j, t) in texts.iter().enumerate() {
            ws.write_string_with_format(r, j as u16, t, &cell)?;
        }
        r += 1;
    }
    ws.set_print_area(0, 0, r - 1, 4)?;

    // An example row, as it would look in the data sheet.
    r += 1;
    ws.write_string_with_format(r, 0, "Contoh baris yang sudah diisi:", &bold)?;
    r += 1;
    for (j, c) in ds.columns.iter().enumerate() {
        let j = j as u16;
        ws.write_string_with_format(r, j, cell_text(&header_label(c)), &bold)?;
        let ex = match (unit, is_unit_key(c), is_unit_name(c)) {
            (Some(u), true, _) => Cell::Text(u.id.clone()),
            (Some(u), _, true) => Cell::Text(u.name.clone().unwrap_or_default()),
            _ => example(c, None),
        };
        match ex {
            Cell::Text(t) => {
                ws.write_string(r + 1, j, cell_text(&t))?;
            }
            Cell::Number(n) if c.kind == ColumnType::Percent => {
                ws.write_number_with_format(r + 1, j, n, &percent)?;
            }
            Cell::Number(n) => {
                ws.write_number(r + 1, j, n)?;
            }
            Cell::Empty => {}
        }
    }
    Ok(())
}

/// The file name of a form: the dataset id (which the rubric's file patterns are meant to
/// match), and the unit for a unit's own form; safe on every file system (see
/// `output::names`). Within a run, `unit_file_name` with the run's unique stems.
pub fn file_name(ds: &Dataset, unit: Option<&ForUnit>) -> String {
    match unit {
        Some(u) => unit_file_name(ds, &crate::output::names::safe_stem(&u.id)),
        None => format!("{}.xlsx", crate::output::names::safe_stem(&ds.id)),
    }
}

/// The file name of a unit's form, given the unit's file-name stem.
pub fn unit_file_name(ds: &Dataset, stem: &str) -> String {
    format!("{}_{stem}.xlsx", ds.id)
}
