//! Every data diagnostic the loader reports: one constructor per code and message shape, each
//! fixing the code, the severity, the wording and which place fields are set.
//!
//! The stages of `input` decide *when* a problem is reported and gather the facts; this file
//! decides *what is said*. It must not look at the data itself, and no stage may change a
//! diagnostic's severity or message after building it. The texts are part of the output
//! (terminal, `diagnostics.json`, the feedback files): change them only on purpose.

use super::cell::CellProblem;
use super::header;
use super::lookalike::Suspect;
use super::read::ReadError;
use crate::diag::{Code, Diagnostic, Location};
use crate::rubric::{Dataset, Lang};
use crate::text::{NAME_LIMIT, cap};
use std::borrow::Cow;

/// A key, unit, header or other data text inside a message: capped at `text::NAME_LIMIT` so
/// that a 10 MB cell does not make a 10 MB message (the value field keeps more, see
/// `Diagnostic::value`).
fn q(s: &str) -> Cow<'_, str> {
    cap(s, NAME_LIMIT, Lang::En)
}

/// `a, b, c`: dataset ids in a message.
fn ids(datasets: &[&Dataset]) -> String {
    datasets
        .iter()
        .map(|d| d.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

// Files and sheets (assign.rs).

/// An Office lock file (`~$…`) in the data folder.
pub(super) fn lock_file(path: &str) -> Diagnostic {
    Diagnostic::info(Code::UnmatchedFile, "an Office lock file; ignored").file(path)
}

/// A file of the data folder that is neither a spreadsheet nor a CSV file.
pub(super) fn not_a_spreadsheet(path: &str) -> Diagnostic {
    Diagnostic::info(
        Code::UnmatchedFile,
        "not a spreadsheet or CSV file; ignored",
    )
    .file(path)
}

/// A file name matching the patterns of several datasets.
pub(super) fn name_fits_several(file: &str, datasets: &[&Dataset]) -> Diagnostic {
    Diagnostic::error(
        Code::AmbiguousFile,
        format!(
            "the file name matches the patterns of several datasets ({}); pass it with --input DATASET=FILE",
            ids(datasets)
        ),
    )
    .file(file)
}

/// A file that could not be read, skipped under `--keep-going`; `dataset` is the one its name
/// promises, for the completeness table.
pub(super) fn unreadable_file(file: &str, err: &ReadError, dataset: Option<&str>) -> Diagnostic {
    let d = Diagnostic::error(Code::UnreadableFile, format!("{err}; skipped")).file(file);
    match dataset {
        Some(ds) => d.dataset(ds),
        None => d,
    }
}

/// A CSV file read in a legacy encoding.
pub(super) fn legacy_encoding(file: &str, encoding: &str) -> Diagnostic {
    Diagnostic::info(
        Code::LegacyEncoding,
        format!(
            "not UTF-8: read as {encoding} text (Excel's plain \"CSV\"); check letters such as é"
        ),
    )
    .file(file)
    .value(encoding)
}

/// A hidden sheet, not read.
pub(super) fn hidden_sheet(file: &str, sheet: Option<&str>) -> Diagnostic {
    Diagnostic::info(Code::UnmatchedFile, "hidden sheet; not read")
        .file(file)
        .sheet(sheet)
}

/// Rows typed in a form's instructions sheet below its example row (`rows`: the non-blank rows
/// under the header, the example first; at least two).
pub(super) fn typed_in_instructions(
    ds: &str,
    file: &str,
    sheet: Option<&str>,
    rows: &[u32],
) -> Diagnostic {
    Diagnostic::warning(
        Code::UnmatchedFile,
        format!(
            "{} row(s) typed in the form's instructions sheet under the example were not read; type the data in the data sheet",
            rows.len() - 1
        ),
    )
    .dataset(ds)
    .file(file)
    .sheet(sheet)
    .value(format!("rows {}-{}", rows[1], rows[rows.len() - 1]))
}

/// A sheet whose header fits several datasets equally well.
pub(super) fn header_fits_several(
    file: &str,
    sheet: Option<&str>,
    datasets: &[&Dataset],
) -> Diagnostic {
    Diagnostic::error(
        Code::AmbiguousFile,
        format!(
            "the header fits several datasets equally well ({}); pass the file with --input DATASET=FILE",
            ids(datasets)
        ),
    )
    .file(file)
    .sheet(sheet)
}

/// A sheet without the dataset's header in a file whose other sheet was read.
pub(super) fn other_sheet_read(ds: &str, file: &str, sheet: Option<&str>) -> Diagnostic {
    Diagnostic::info(
        Code::HeaderNotFound,
        format!("this sheet has no header of `{ds}`; not read (another sheet of the file was)"),
    )
    .dataset(ds)
    .file(file)
    .sheet(sheet)
}

/// A file none of whose sheets has the header of any dataset.
pub(super) fn file_not_used(file: &str) -> Diagnostic {
    Diagnostic::info(
        Code::UnmatchedFile,
        "no sheet of this file has the header of any dataset; the file was not used",
    )
    .file(file)
}

/// A required column missing from a sheet's header (`at`: the header row).
pub(super) fn missing_required_column(
    ds: &str,
    at: &Location,
    column: &str,
    aliases: &[String],
) -> Diagnostic {
    let aka = if aliases.is_empty() {
        String::new()
    } else {
        format!(" (also accepted: {})", aliases.join(", "))
    };
    Diagnostic::error(
        Code::MissingColumn,
        format!(
            "required column `{column}`{aka} is not in the header; the sheet's rows are rejected"
        ),
    )
    .dataset(ds)
    .at(at)
    .value(column.to_string())
}

/// A sheet meant for a dataset (by its file name) with no header row of it.
pub(super) fn header_not_found(ds: &str, file: &str, sheet: Option<&str>) -> Diagnostic {
    Diagnostic::error(
        Code::HeaderNotFound,
        format!(
            "no header row of dataset `{ds}` in the first {} rows; the sheet's rows are rejected",
            header::HEADER_SEARCH_ROWS
        ),
    )
    .dataset(ds)
    .file(file)
    .sheet(sheet)
}

/// A dataset with no file at all.
pub(super) fn missing_dataset(ds: &Dataset) -> Diagnostic {
    Diagnostic::error(
        Code::MissingDataset,
        format!(
            "no file was found for dataset `{}` ({})",
            ds.id, ds.title.id
        ),
    )
    .dataset(&ds.id)
}

// The header of a sheet read as a dataset (typing.rs); `at` is the header row, `j` the sheet
// column.

/// An optional column absent from the header: missing for every row of the sheet.
pub(super) fn missing_optional_column(ds: &str, at: &Location, column: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::MissingColumn,
        format!(
            "optional column `{column}` is not in the header; it is missing for every row of this sheet"
        ),
    )
    .dataset(ds)
    .at(at)
    .value(column.to_string())
}

/// A yes/no column whose header asks for a tick: its blank cells read as Tidak.
pub(super) fn tick_box_column(
    ds: &str,
    at: &Location,
    j: usize,
    text: &str,
    column: &str,
) -> Diagnostic {
    Diagnostic::info(
        Code::TickBoxColumn,
        format!(
            "column `{}` asks for a tick: a blank cell under it is read as Tidak for `{column}`",
            q(text)
        ),
    )
    .dataset(ds)
    .at(at)
    .column(j)
    .value(text.to_string())
}

/// A header cell not in the schema.
pub(super) fn extra_column(ds: &str, at: &Location, j: usize, text: &str) -> Diagnostic {
    let text = q(text);
    Diagnostic::info(
        Code::ExtraColumn,
        format!("column `{text}` is not in the schema of `{ds}`; ignored"),
    )
    .dataset(ds)
    .at(at)
    .column(j)
    .value(text.to_string())
}

/// A header cell taken as `column` because it is spelt almost like it.
pub(super) fn similar_column(
    ds: &str,
    at: &Location,
    j: usize,
    text: &str,
    column: &str,
    similarity: f64,
) -> Diagnostic {
    let text = q(text);
    Diagnostic::warning(
        Code::SimilarColumn,
        format!(
            "column `{text}` taken as `{column}` (similarity {:.0} %); rename it to `{column}` if that is right",
            similarity * 100.0
        ),
    )
    .dataset(ds)
    .at(at)
    .column(j)
    .value(text.to_string())
}

/// A header cell read as `column` once normalised (`inferred-column`, Info: the same words
/// without a unit, year or question form) or because it contains the column's phrase
/// (`contained-column`, Warning: it says more than the column's name, so a person checks it).
pub(super) fn inferred_column(
    ds: &str,
    at: &Location,
    j: usize,
    text: &str,
    column: &str,
    how: &super::header::Inference,
) -> Diagnostic {
    let text = q(text);
    match how {
        super::header::Inference::Normalised => Diagnostic::info(
            Code::InferredColumn,
            format!(
                "column `{text}` read as `{column}` (the same words without units, year, question or filler words)"
            ),
        ),
        super::header::Inference::Contained(phrase) => Diagnostic::warning(
            Code::ContainedColumn,
            format!(
                "column `{text}` read as `{column}` because it contains `{phrase}`; rename it to `{column}` if that is right"
            ),
        ),
    }
    .dataset(ds)
    .at(at)
    .column(j)
    .value(text.to_string())
}

/// A header cell about as close to several schema columns; not used.
pub(super) fn ambiguous_column(
    ds: &str,
    at: &Location,
    j: usize,
    text: &str,
    candidates: &[String],
) -> Diagnostic {
    let text = q(text);
    Diagnostic::warning(
        Code::AmbiguousColumn,
        format!(
            "column `{text}` is about as close to {}; not used: rename it to the one meant",
            candidates
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(" and ")
        ),
    )
    .dataset(ds)
    .at(at)
    .column(j)
    .value(text.to_string())
}

/// A header cell naming a schema column already matched.
pub(super) fn duplicate_column(
    ds: &str,
    at: &Location,
    j: usize,
    text: &str,
    column: &str,
) -> Diagnostic {
    let text = q(text);
    Diagnostic::warning(
        Code::DuplicateColumn,
        format!("column `{text}` names `{column}` again; the first one is used"),
    )
    .dataset(ds)
    .at(at)
    .column(j)
    .value(text.to_string())
}

/// A sheet with the header but no data row.
pub(super) fn no_rows(ds: &str, at: &Location) -> Diagnostic {
    Diagnostic::warning(
        Code::NoRows,
        format!("the sheet has the header of `{ds}` but no data rows"),
    )
    .dataset(ds)
    .at(at)
}

/// `n` answers such as `tidak tahu` in sheet column `j`, read as missing.
pub(super) fn not_answered(
    ds: &str,
    file: &str,
    sheet: Option<&str>,
    j: usize,
    n: usize,
) -> Diagnostic {
    Diagnostic::info(
        Code::NotAnswered,
        format!(
            "{n} answer(s) such as 'tidak tahu' or '-' in this column were read as missing, not zero"
        ),
    )
    .dataset(ds)
    .file(file)
    .sheet(sheet)
    .column(j)
    .value(n.to_string())
}

// Rows and cells (typing.rs); `at` is the row.

/// A blank row followed by data.
pub(super) fn blank_row(ds: &str, at: &Location) -> Diagnostic {
    Diagnostic::info(Code::BlankRow, "blank row; skipped")
        .dataset(ds)
        .at(at)
}

/// A row hidden in the workbook, read as data.
pub(super) fn hidden_row(ds: &str, at: &Location) -> Diagnostic {
    Diagnostic::warning(
        Code::HiddenRow,
        "this row is hidden in the workbook; it was read as data: unhide it to check, delete it if it is not meant to be sent",
    )
    .dataset(ds)
    .at(at)
}

/// Sheet column `j` (header `text`, read as `column`) is hidden in the workbook; `used`: it
/// is read (no visible column says the same).
pub(super) fn hidden_column(
    ds: &str,
    at: &Location,
    j: usize,
    text: &str,
    column: &str,
    used: bool,
) -> Diagnostic {
    let what = if used {
        "it was read as data: unhide it to check, delete it if it is not meant to be sent"
    } else {
        "a visible column has the same field and is the one used; delete the hidden one"
    };
    Diagnostic::warning(
        Code::HiddenColumn,
        format!("column `{text}` (`{column}`) is hidden in the workbook; {what}"),
    )
    .dataset(ds)
    .at(at)
    .column(j)
}

/// A row with one text cell (`note`, already shortened and with ids hidden); rejected.
pub(super) fn notes_row(ds: &str, at: &Location, note: String) -> Diagnostic {
    Diagnostic::warning(
        Code::NotesRow,
        "only one cell is filled: a note, source line or signature, not data; rejected",
    )
    .dataset(ds)
    .at(at)
    .value(note)
}

/// The row of column numbers printed under a form's header (`(1) (2) (3)`); rejected.
pub(super) fn column_numbers_row(ds: &str, at: &Location, shown: String) -> Diagnostic {
    Diagnostic::warning(
        Code::NotesRow,
        "a row of column numbers under the header ((1), (2), (3), …), not data; rejected",
    )
    .dataset(ds)
    .at(at)
    .value(shown)
}

/// A test submission (its id is `word`, e.g. `tes`); rejected.
pub(super) fn test_row(ds: &str, at: &Location, word: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::TestRow,
        format!(
            "a test submission (its id is `{}`), not a real answer; rejected: delete it from the form's responses",
            q(word)
        ),
    )
    .dataset(ds)
    .at(at)
    .value(word.to_string())
}

/// A totals row (`shown`: its first cells); rejected.
pub(super) fn totals_row(ds: &str, at: &Location, shown: String) -> Diagnostic {
    Diagnostic::warning(Code::TotalsRow, "a totals row, not a unit's data; rejected")
        .dataset(ds)
        .at(at)
        .value(shown)
}

/// A cell of a schema column: the dataset, the row, the sheet column, the schema column's name
/// and the cell as it may be shown (masked when personal).
pub(super) struct CellAt<'a> {
    pub ds: &'a str,
    pub at: Location,
    pub j: usize,
    pub column: &'a str,
    pub shown: String,
}

impl CellAt<'_> {
    fn place(self, d: Diagnostic) -> Diagnostic {
        d.dataset(self.ds)
            .at(&self.at)
            .column(self.j)
            .value(self.shown)
    }
}

/// A `-` in a column that feeds a score: read as no answer, at its cell.
pub(super) fn dash_in_scored(cell: CellAt) -> Diagnostic {
    let msg = format!(
        "`{}`: `{}` read as not answered (no data, not zero); this column counts in the score: write the value, or 0 / Tidak when that is the answer",
        cell.column, cell.shown
    );
    cell.place(Diagnostic::warning(Code::NotAnswered, msg))
}

/// An id cell damaged by a spreadsheet program (`why`: `scientific` or `cut`).
pub(super) fn damaged_id(cell: CellAt, why: &str) -> Diagnostic {
    let how = match why {
        "scientific" => "is a long number Excel shows in scientific notation (e.g. 1,97501E+17)",
        _ => "is a number of 16 digits or more: Excel keeps only 15 digits of a number",
    };
    let msg = format!(
        "`{}`: the id {how}, so its last digits are lost and it may equal another person's; format the column as Text (or type ' before the number) and type the ids again",
        cell.column
    );
    cell.place(Diagnostic::warning(Code::DamagedId, msg))
}

/// A number whose `.`/`,` reads two ways (`why`), and how it was read.
pub(super) fn ambiguous_separator(cell: CellAt, why: &str, read_as: &str) -> Diagnostic {
    let msg = format!(
        "`{}`: `{}` {why}; read as {read_as}",
        cell.column, cell.shown
    );
    cell.place(Diagnostic::warning(Code::AmbiguousNumber, msg))
}

/// A bare number up to 1 in a column written in whole percentages.
pub(super) fn whole_percent(cell: CellAt) -> Diagnostic {
    let shown = &cell.shown;
    let msg = format!(
        "`{}`: `{shown}` read as {shown} % because this column is written in whole percentages; write `{shown}%` or a share such as 0,5 consistently",
        cell.column
    );
    cell.place(Diagnostic::warning(Code::AmbiguousNumber, msg))
}

/// A cell that cannot be read: an error that rejects the row when the column is required,
/// else a warning and the value is missing. `NotAnswered` is counted, not reported here.
pub(super) fn bad_cell(cell: CellAt, problem: CellProblem, required: bool) -> Diagnostic {
    let name = cell.column;
    let (code, mut msg) = match problem {
        CellProblem::FormulaError => (Code::FormulaError, format!("`{name}` is a formula error")),
        CellProblem::Invalid(m) => (Code::InvalidValue, format!("`{name}`: {m}")),
        CellProblem::OutOfRange(m) => (Code::OutOfRange, format!("`{name}`: {m}")),
        CellProblem::UnknownCategory(m) => {
            (Code::UnknownCategory, format!("`{name}`: expected {m}"))
        }
        CellProblem::NotAnswered => unreachable!("an unanswered cell is counted, not reported"),
    };
    let d = if required {
        msg.push_str("; required, so the row is rejected");
        Diagnostic::error(code, msg)
    } else {
        msg.push_str("; read as missing");
        Diagnostic::warning(code, msg)
    };
    cell.place(d)
}

/// A unit-key cell with invisible characters (removed) or characters read as another one
/// (folded), read as `cleaned`.
pub(super) fn lookalike_invisible(
    cell: CellAt,
    invisible: &[Suspect],
    folded: &[Suspect],
    cleaned: &str,
) -> Diagnostic {
    let msg = match (invisible, folded) {
        (_, []) => format!(
            "`{}` has invisible characters: {}; removed, read as `{}`",
            cell.column,
            describe(invisible),
            q(cleaned)
        ),
        ([], _) => format!(
            "`{}` has characters that only look like the usual ones: {}; read as `{}`",
            cell.column,
            describe(folded),
            q(cleaned)
        ),
        _ => format!(
            "`{}` has invisible characters: {}, removed; and characters that only look like the usual ones: {}; read as `{}`",
            cell.column,
            describe(invisible),
            describe(folded),
            q(cleaned)
        ),
    };
    cell.place(Diagnostic::warning(Code::LookalikeId, msg))
}

/// A unit-key cell with Cyrillic or Greek letters that look Latin (`latin`: the id in Latin
/// letters); the row is rejected.
pub(super) fn lookalike_letters(cell: CellAt, found: &[Suspect], latin: &str) -> Diagnostic {
    let msg = format!(
        "`{}` = `{}` has the {}: it looks like `{}` but is another id; type it in Latin letters; rejected",
        cell.column,
        q(&cell.shown),
        describe(found),
        q(latin)
    );
    cell.place(Diagnostic::error(Code::LookalikeId, msg))
}

/// `A, B and C`: the suspicious characters in a message.
fn describe(found: &[Suspect]) -> String {
    let all: Vec<String> = found.iter().map(Suspect::describe).collect();
    match all.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A required cell that is empty; the row is rejected.
pub(super) fn missing_value(cell: CellAt) -> Diagnostic {
    let msg = format!("required `{}` is empty; the row is rejected", cell.column);
    cell.place(Diagnostic::error(Code::MissingValue, msg))
}

// Unit keys (keys.rs, resubmit.rs).

/// A row's unit-key cell: the dataset, the key column's name, the row and the sheet column.
pub(super) struct KeyCell<'a> {
    pub ds: &'a str,
    pub key_name: &'a str,
    pub at: Location,
    pub column: Option<usize>,
}

impl KeyCell<'_> {
    fn place(&self, d: Diagnostic) -> Diagnostic {
        d.dataset(self.ds).column_opt(self.column).at(&self.at)
    }
}

/// A row whose unit key is empty; rejected.
pub(super) fn empty_unit_key(cell: &KeyCell) -> Diagnostic {
    cell.place(Diagnostic::error(
        Code::DerivedMissing,
        format!(
            "the unit key `{}` is empty for this row; rejected",
            cell.key_name
        ),
    ))
}

/// Unit key `key` read as unit `unit`: the code written another way.
pub(super) fn unit_code_variant(cell: &KeyCell, key: &str, unit: &str) -> Diagnostic {
    let key = q(key);
    cell.place(Diagnostic::warning(
        Code::UnitByName,
        format!(
            "`{}` = `{key}` read as `{unit}` (the code written another way)",
            cell.key_name
        ),
    ))
    .value(key.to_string())
    .unit(unit)
}

/// Unit key `key` recognised as `unit` (named `name`) by its name.
pub(super) fn unit_by_name(
    cell: &KeyCell,
    key: &str,
    unit: &str,
    name: &str,
    confidence: f64,
) -> Diagnostic {
    let key = q(key);
    let name = q(name);
    cell.place(Diagnostic::warning(
        Code::UnitByName,
        format!(
            "`{}` = `{key}` is not a code; recognised as `{unit}` ({name}) by its name, confidence {:.0} %",
            cell.key_name,
            (confidence * 100.0).floor()
        ),
    ))
    .value(key.to_string())
    .unit(unit)
}

/// Unit key `key` fitting several units (unit, name, similarity); rejected.
pub(super) fn ambiguous_unit(
    cell: &KeyCell,
    key: &str,
    candidates: &[(String, String, f64)],
) -> Diagnostic {
    let key = q(key);
    if let [(u, n, s)] = candidates {
        return cell
            .place(Diagnostic::error(
                Code::AmbiguousUnit,
                format!(
                    "`{}` = `{key}` is not a code and only {:.0} % like the name of {u} {n}: not sure enough to use; write the code; rejected",
                    cell.key_name,
                    (s * 100.0).floor()
                ),
            ))
            .value(key.to_string());
    }
    cell.place(Diagnostic::error(
        Code::AmbiguousUnit,
        format!(
            "`{}` = `{key}` fits several units: {}; write the code; rejected",
            cell.key_name,
            candidates
                .iter()
                .map(|(u, n, s)| format!("{u} {n} ({:.0} %)", (s * 100.0).floor()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    ))
    .value(key.to_string())
}

/// A row of unit `unit`, whose own row in the unit dataset (at `unit_row`) was rejected.
pub(super) fn unit_row_rejected(
    cell: &KeyCell,
    key: &str,
    unit: &str,
    unit_dataset: &str,
    unit_row: &Location,
) -> Diagnostic {
    let key = q(key);
    cell.place(Diagnostic::error(
        Code::UnknownUnit,
        format!(
            "`{}` = `{key}`: this unit's row in `{unit_dataset}` ({}) was rejected, so it is not in the unit list and this row is rejected too; fix that row",
            cell.key_name,
            unit_row.place()
        ),
    ))
    .value(key.to_string())
    .unit(unit)
}

/// A unit-key cell holding what looks like personal data (`kind`), never quoted: shown as
/// `masked`. With `unit` (the unit dataset gave it that id) the row is kept under the masked
/// id; without, it names no unit and is rejected.
pub(super) fn personal_unit_key(
    cell: &KeyCell,
    kind: crate::text::IdKind,
    masked: &str,
    unit: Option<&str>,
) -> Diagnostic {
    let what = format!(
        "the unit column `{}` holds what looks like personal data ({}), not a unit code; it is shown as `{masked}`",
        cell.key_name,
        kind.label_en()
    );
    let d = match unit {
        Some(u) => cell
            .place(Diagnostic::warning(
                Code::PersonalUnitKey,
                format!("{what}; write the unit's code"),
            ))
            .unit(u),
        None => cell.place(Diagnostic::error(
            Code::PersonalUnitKey,
            format!("{what} and it is not in the unit list; rejected"),
        )),
    };
    d.value(masked.to_string())
}

/// Unit key `key` naming no unit (`nearest`: the closest unit id, if any); rejected.
pub(super) fn unknown_unit(
    cell: &KeyCell,
    key: &str,
    hint: Option<(Option<String>, String, f64)>,
) -> Diagnostic {
    let key = q(key);
    let hint = hint
        .map(|(name, u, s)| {
            let name = name.map(|n| format!(" {}", q(&n))).unwrap_or_default();
            format!(
                " (did you mean `{u}`{name}? {:.0} % alike)",
                (s * 100.0).floor()
            )
        })
        .unwrap_or_default();
    cell.place(Diagnostic::error(
        Code::UnknownUnit,
        format!(
            "`{}` = `{key}` is not in the unit list{hint}; rejected",
            cell.key_name
        ),
    ))
    .value(key.to_string())
}

/// A row of `unit` replaced by a newer file of the same unit (`by_file`; `how` it won).
pub(super) fn superseded(
    ds: &str,
    at: &Location,
    column: Option<usize>,
    unit: &str,
    by_file: &str,
    how: &str,
) -> Diagnostic {
    let by_file = q(by_file);
    Diagnostic::warning(
        Code::Superseded,
        format!(
            "`{shown}` sent `{ds}` again in {by_file} ({how}): this file's rows of `{shown}` are replaced by that one's; not used",
            shown = q(unit)
        ),
    )
    .dataset(ds)
    .at(at)
    .column_opt(column)
    .unit(unit)
    .value(by_file.to_string())
}

/// A row repeating the unique key of an earlier row.
pub(super) struct Repeat<'a> {
    pub ds: &'a str,
    /// The key's columns.
    pub unique: &'a [String],
    /// The repeat, and its sheet column of the key's first column.
    pub at: &'a Location,
    pub column: Option<usize>,
    /// The row kept.
    pub first: &'a Location,
    /// The schema columns in which the two rows differ, as shown.
    pub differences: &'a [String],
    pub other_file: bool,
    pub same_unit: bool,
    /// The key as shown (masked when personal).
    pub shown: String,
}

/// A repeated unique key; the repeat is rejected. A repeat of another unit's row says only
/// that: the message reaches this unit's feedback, so it quotes neither the other row's values
/// nor its place (the key itself is masked when personal).
pub(super) fn duplicate_key(r: Repeat) -> Diagnostic {
    if !r.same_unit {
        return Diagnostic::error(
            Code::DuplicateKey,
            format!(
                "repeats {} of a row also in another unit's file; rejected; two units use the same key",
                r.unique.join(" + "),
            ),
        )
        .dataset(r.ds)
        .at(r.at)
        .column_opt(r.column)
        .value(r.shown);
    }
    let same = if r.differences.is_empty() {
        "same values".to_string()
    } else {
        format!("different values in {}", r.differences.join(", "))
    };
    let what = if r.other_file && !r.differences.is_empty() {
        "conflicts with"
    } else {
        "repeats"
    };
    let advice = match (r.other_file, r.same_unit) {
        (true, true) => {
            "; if one file replaces the other, remove the old one or run with --resubmit order|date"
        }
        _ => "",
    };
    Diagnostic::error(
        Code::DuplicateKey,
        format!(
            "{what} {} of {} ({same}); rejected{advice}",
            r.unique.join(" + "),
            r.first.place()
        ),
    )
    .dataset(r.ds)
    .at(r.at)
    .column_opt(r.column)
    .value(r.shown)
}

/// A unit with no rows in a dataset.
pub(super) fn unit_without_data(ds: &str, unit: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::UnitWithoutData,
        format!("unit `{}` has no rows in dataset `{ds}`", q(unit)),
    )
    .dataset(ds)
    .value(unit.to_string())
    .unit(unit)
}

// Survey response (response.rs).

/// A unit whose survey response rate is under the rubric's minimum.
pub(super) fn low_response(
    ds: &str,
    unit: &str,
    respondents: usize,
    headcount: i64,
    rate: f64,
    min_rate: f64,
) -> Diagnostic {
    Diagnostic::warning(
        Code::LowResponse,
        format!(
            "{respondents} of {headcount} staff answered the survey ({:.0} %, under {:.0} %): the survey figures of `{unit}` may not speak for the unit",
            (rate * 100.0).floor(),
            min_rate * 100.0,
        ),
    )
    .dataset(ds)
    .unit(unit)
    .value(format!("{:.3}", rate))
}

// Staff coverage (coverage.rs).

/// A unit whose rows of a dataset account for too few of its staff.
pub(super) fn low_coverage(
    ds: &str,
    column: &str,
    c: &super::coverage::Coverage,
    min_share: f64,
) -> Diagnostic {
    let d = Diagnostic::warning(
        Code::LowCoverage,
        format!(
            "the rows of `{ds}` account for {} of the {} staff of `{}` ({:.0} %, under {:.0} %: sum of `{column}`); its `{ds}` figures may not describe the whole unit: list every job, or correct the headcount",
            c.covered,
            c.headcount,
            c.unit,
            (c.share * 100.0).floor(),
            min_share * 100.0,
        ),
    )
    .dataset(ds)
    .at(&c.at)
    .unit(&c.unit)
    .value(format!("{:.3}", c.share));
    match c.column {
        Some(col) => d.column(col),
        None => d,
    }
}

// The master list of units (roll.rs).

/// A master-list file without a code column.
pub(super) fn master_without_code_column(file: &str) -> Diagnostic {
    Diagnostic::error(
        Code::BadMasterList,
        "no column of unit codes (a header such as `Kode OPD` or `kode`) in the master list; not used",
    )
    .file(file)
}

/// A master-list row with no code (its name, if any, is shown).
pub(super) fn master_row_without_code(
    at: &Location,
    column: usize,
    name: Option<&str>,
) -> Diagnostic {
    let d = Diagnostic::warning(
        Code::MasterRow,
        "no unit code in this row of the master list; ignored",
    )
    .at(at)
    .column(column);
    match name {
        Some(n) => d.value(n.to_string()),
        None => d,
    }
}

/// A code repeated in the master list (`first` is where it was first given).
pub(super) fn duplicate_master_code(
    at: &Location,
    column: usize,
    code: &str,
    first: &Location,
) -> Diagnostic {
    Diagnostic::error(
        Code::DuplicateMasterCode,
        format!(
            "unit code `{}` is already in the master list at {}; this row is ignored",
            q(code),
            first.place()
        ),
    )
    .at(at)
    .column(column)
    .value(code.to_string())
}

/// A unit-list row of a unit that the master list does not have.
pub(super) fn unlisted_unit(
    ds: &str,
    at: &Location,
    column: Option<usize>,
    unit: &str,
) -> Diagnostic {
    Diagnostic::warning(
        Code::UnlistedUnit,
        format!(
            "unit `{}` is not in the master list of units; assessed, but check its code",
            q(unit)
        ),
    )
    .dataset(ds)
    .at(at)
    .column_opt(column)
    .value(unit.to_string())
    .unit(unit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Severity;

    fn cell(column: &str) -> CellAt<'_> {
        CellAt {
            ds: "pegawai",
            at: Location::new("a.xlsx", Some("Data".into()), 7),
            j: 2,
            column,
            shown: "abc".into(),
        }
    }

    #[test]
    fn a_bad_cell_is_an_error_only_when_the_column_is_required() {
        let p = || CellProblem::Invalid("expected a number".into());
        let optional = bad_cell(cell("umur"), p(), false);
        assert_eq!(optional.severity, Severity::Warning);
        assert_eq!(
            optional.message,
            "`umur`: expected a number; read as missing"
        );
        let required = bad_cell(cell("umur"), p(), true);
        assert_eq!(required.severity, Severity::Error);
        assert_eq!(
            required.message,
            "`umur`: expected a number; required, so the row is rejected"
        );
        assert_eq!(required.code, Code::InvalidValue);
        assert_eq!(required.place(), "a.xlsx [Data] C7");
        assert_eq!(required.value.as_deref(), Some("abc"));
        let formula = bad_cell(cell("umur"), CellProblem::FormulaError, true);
        assert_eq!(formula.code, Code::FormulaError);
        assert_eq!(
            formula.message,
            "`umur` is a formula error; required, so the row is rejected"
        );
    }

    #[test]
    fn a_duplicate_key_says_what_and_where_the_first_row_is() {
        let first = Location::new("a.csv", None, 3);
        let at = Location::new("b.csv", None, 9);
        let unique = ["nip".to_string()];
        let diff = ["`gol` (`III/a` vs `III/b`)".to_string()];
        let d = duplicate_key(Repeat {
            ds: "pegawai",
            unique: &unique,
            at: &at,
            column: Some(0),
            first: &first,
            differences: &diff,
            other_file: true,
            same_unit: true,
            shown: crate::text::PERSONAL.into(),
        });
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(
            d.message,
            "conflicts with nip of a.csv row 3 (different values in `gol` (`III/a` vs `III/b`)); rejected; if one file replaces the other, remove the old one or run with --resubmit order|date"
        );
        assert_eq!(d.place(), "b.csv A9");
        let same_file = duplicate_key(Repeat {
            differences: &[],
            other_file: false,
            same_unit: true,
            at: &at,
            first: &first,
            unique: &unique,
            column: None,
            ds: "pegawai",
            shown: "x".into(),
        });
        assert_eq!(
            same_file.message,
            "repeats nip of a.csv row 3 (same values); rejected"
        );
    }

    #[test]
    fn a_unit_key_diagnostic_names_the_key_column_and_the_unit() {
        let key = KeyCell {
            ds: "pegawai",
            key_name: "kode_opd",
            at: Location::new("a.csv", None, 4),
            column: Some(1),
        };
        let d = unknown_unit(
            &key,
            "OPD-O9",
            Some((Some("Dinas Sosial".into()), "OPD-09".into(), 0.9)),
        );
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(
            d.message,
            "`kode_opd` = `OPD-O9` is not in the unit list (did you mean `OPD-09` Dinas Sosial? 90 % alike); rejected"
        );
        assert_eq!(d.place(), "a.csv B4");
        assert_eq!(d.value.as_deref(), Some("OPD-O9"));
        let v = unit_code_variant(&key, "opd 9", "OPD-09");
        assert_eq!(v.severity, Severity::Warning);
        assert_eq!(v.unit.as_deref(), Some("OPD-09"));
        assert_eq!(empty_unit_key(&key).value, None);
    }
}
