//! Every data diagnostic the loader reports: one constructor per code and message shape, each
//! fixing the code, the severity, the catalogue key of the wording and which place fields are
//! set.
//!
//! The stages of `input` decide *when* a problem is reported and gather the facts; this file
//! decides *what is said*, through the message catalogue (`crate::messages`, in Indonesian and
//! English). It must not look at the data itself, and no stage may change a diagnostic's
//! severity or message after building it. The texts are part of the output (terminal,
//! `diagnostics.json`, the feedback files): change them only on purpose.

use super::cell::CellProblem;
use super::header;
use super::lookalike::Suspect;
use super::read::ReadError;
use crate::diag::{Code, Diagnostic, Location};
use crate::messages::Msg;
use crate::msg;
use crate::rubric::{Dataset, Lang};
use crate::text::{NAME_LIMIT, cap};

/// A key, unit, header or other data text inside a message: capped at `text::NAME_LIMIT` so
/// that a 10 MB cell does not make a 10 MB message (the value field keeps more, see
/// `Diagnostic::value`), with the marker in each language.
fn q(s: &str) -> Msg {
    Msg {
        en: cap(s, NAME_LIMIT, Lang::En).into_owned(),
        id: cap(s, NAME_LIMIT, Lang::Id).into_owned(),
    }
}

/// `a, b, c`: dataset ids in a message.
fn ids(datasets: &[&Dataset]) -> String {
    datasets
        .iter()
        .map(|d| d.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A whole percentage, rounded down, as a message shows it.
fn pct(share: f64) -> String {
    format!("{:.0}", (share * 100.0).floor())
}

// Files and sheets (assign.rs).

/// An Office lock file (`~$…`) in the data folder.
pub(super) fn lock_file(path: &str) -> Diagnostic {
    Diagnostic::info(Code::UnmatchedFile, msg!("lock-file")).file(path)
}

/// A file of the data folder that is neither a spreadsheet nor a CSV file.
pub(super) fn not_a_spreadsheet(path: &str) -> Diagnostic {
    Diagnostic::info(Code::UnmatchedFile, msg!("not-a-spreadsheet")).file(path)
}

/// A file name matching the patterns of several datasets.
pub(super) fn name_fits_several(file: &str, datasets: &[&Dataset]) -> Diagnostic {
    Diagnostic::error(
        Code::AmbiguousFile,
        msg!("name-fits-several", datasets = ids(datasets)),
    )
    .file(file)
}

/// A file that could not be read, skipped under `--keep-going`; `dataset` is the one its name
/// promises, for the completeness table.
pub(super) fn unreadable_file(file: &str, err: &ReadError, dataset: Option<&str>) -> Diagnostic {
    let d = Diagnostic::error(
        Code::UnreadableFile,
        msg!("unreadable-file", error = err.msg()),
    )
    .file(file);
    match dataset {
        Some(ds) => d.dataset(ds),
        None => d,
    }
}

/// A CSV file read in a legacy encoding.
pub(super) fn legacy_encoding(file: &str, encoding: &str) -> Diagnostic {
    Diagnostic::info(
        Code::LegacyEncoding,
        msg!("legacy-encoding", encoding = encoding),
    )
    .file(file)
    .value(encoding)
}

/// A hidden sheet, not read.
pub(super) fn hidden_sheet(file: &str, sheet: Option<&str>) -> Diagnostic {
    Diagnostic::info(Code::UnmatchedFile, msg!("hidden-sheet"))
        .file(file)
        .sheet(sheet)
}

/// Rows typed in a form's instructions sheet below its example row (`rows`: the non-blank rows
/// under the header, the example first; at least two). The value is the rows' range.
pub(super) fn typed_in_instructions(
    ds: &str,
    file: &str,
    sheet: Option<&str>,
    rows: &[u32],
) -> Diagnostic {
    Diagnostic::warning(
        Code::UnmatchedFile,
        msg!("typed-in-instructions", n = rows.len() - 1),
    )
    .dataset(ds)
    .file(file)
    .sheet(sheet)
    .value(format!("{}-{}", rows[1], rows[rows.len() - 1]))
}

/// A sheet whose header fits several datasets equally well.
pub(super) fn header_fits_several(
    file: &str,
    sheet: Option<&str>,
    datasets: &[&Dataset],
) -> Diagnostic {
    Diagnostic::error(
        Code::AmbiguousFile,
        msg!("header-fits-several", datasets = ids(datasets)),
    )
    .file(file)
    .sheet(sheet)
}

/// A sheet without the dataset's header in a file whose other sheet was read.
pub(super) fn other_sheet_read(ds: &str, file: &str, sheet: Option<&str>) -> Diagnostic {
    Diagnostic::info(Code::HeaderNotFound, msg!("other-sheet-read", dataset = ds))
        .dataset(ds)
        .file(file)
        .sheet(sheet)
}

/// A file none of whose sheets has the header of any dataset.
pub(super) fn file_not_used(file: &str) -> Diagnostic {
    Diagnostic::info(Code::UnmatchedFile, msg!("file-not-used")).file(file)
}

/// A required column missing from a sheet's header (`at`: the header row).
pub(super) fn missing_required_column(
    ds: &str,
    at: &Location,
    column: &str,
    aliases: &[String],
) -> Diagnostic {
    let aka = if aliases.is_empty() {
        Msg::default()
    } else {
        msg!("also-accepted", aliases = aliases.join(", "))
    };
    Diagnostic::error(
        Code::MissingColumn,
        msg!("missing-required-column", column = column, aka = aka),
    )
    .dataset(ds)
    .at(at)
    .value(column.to_string())
}

/// A sheet meant for a dataset (by its file name) with no header row of it.
pub(super) fn header_not_found(ds: &str, file: &str, sheet: Option<&str>) -> Diagnostic {
    Diagnostic::error(
        Code::HeaderNotFound,
        msg!(
            "header-not-found",
            dataset = ds,
            rows = header::HEADER_SEARCH_ROWS
        ),
    )
    .dataset(ds)
    .file(file)
    .sheet(sheet)
}

/// A dataset with no file at all.
pub(super) fn missing_dataset(ds: &Dataset) -> Diagnostic {
    let title = Msg {
        en: ds.title.get(Lang::En).to_string(),
        id: ds.title.id.clone(),
    };
    Diagnostic::error(
        Code::MissingDataset,
        msg!("missing-dataset", dataset = &ds.id, title = title),
    )
    .dataset(&ds.id)
}

// The header of a sheet read as a dataset (typing.rs); `at` is the header row, `j` the sheet
// column.

/// An optional column absent from the header: missing for every row of the sheet.
pub(super) fn missing_optional_column(ds: &str, at: &Location, column: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::MissingColumn,
        msg!("missing-optional-column", column = column),
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
        msg!("tick-box-column", header = q(text), column = column),
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
        msg!("extra-column", header = &text, dataset = ds),
    )
    .dataset(ds)
    .at(at)
    .column(j)
    .value(text.en)
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
        msg!(
            "similar-column",
            header = &text,
            column = column,
            pct = format!("{:.0}", similarity * 100.0)
        ),
    )
    .dataset(ds)
    .at(at)
    .column(j)
    .value(text.en)
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
            msg!("inferred-column", header = &text, column = column),
        ),
        super::header::Inference::Contained(phrase) => Diagnostic::warning(
            Code::ContainedColumn,
            msg!(
                "contained-column",
                header = &text,
                column = column,
                phrase = phrase
            ),
        ),
    }
    .dataset(ds)
    .at(at)
    .column(j)
    .value(text.en)
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
    let candidates: Vec<Msg> = candidates
        .iter()
        .map(|c| Msg::same(format!("`{c}`")))
        .collect();
    Diagnostic::warning(
        Code::AmbiguousColumn,
        msg!(
            "ambiguous-column",
            header = &text,
            candidates = Msg::list(&candidates)
        ),
    )
    .dataset(ds)
    .at(at)
    .column(j)
    .value(text.en)
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
        msg!("duplicate-column", header = &text, column = column),
    )
    .dataset(ds)
    .at(at)
    .column(j)
    .value(text.en)
}

/// A sheet with the header but no data row.
pub(super) fn no_rows(ds: &str, at: &Location) -> Diagnostic {
    Diagnostic::warning(Code::NoRows, msg!("no-rows", dataset = ds))
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
    Diagnostic::info(Code::NotAnswered, msg!("not-answered", n = n))
        .dataset(ds)
        .file(file)
        .sheet(sheet)
        .column(j)
        .value(n.to_string())
}

// Rows and cells (typing.rs); `at` is the row.

/// A blank row followed by data.
pub(super) fn blank_row(ds: &str, at: &Location) -> Diagnostic {
    Diagnostic::info(Code::BlankRow, msg!("blank-row"))
        .dataset(ds)
        .at(at)
}

/// A row hidden in the workbook, read as data.
pub(super) fn hidden_row(ds: &str, at: &Location) -> Diagnostic {
    Diagnostic::warning(Code::HiddenRow, msg!("hidden-row"))
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
        msg!("hidden-column-used")
    } else {
        msg!("hidden-column-unused")
    };
    Diagnostic::warning(
        Code::HiddenColumn,
        msg!("hidden-column", header = text, column = column, what = what),
    )
    .dataset(ds)
    .at(at)
    .column(j)
}

/// A row with one text cell (`note`, already shortened and with ids hidden); rejected.
pub(super) fn notes_row(ds: &str, at: &Location, note: String) -> Diagnostic {
    Diagnostic::warning(Code::NotesRow, msg!("notes-row"))
        .dataset(ds)
        .at(at)
        .value(note)
}

/// The row of column numbers printed under a form's header (`(1) (2) (3)`); rejected.
pub(super) fn column_numbers_row(ds: &str, at: &Location, shown: String) -> Diagnostic {
    Diagnostic::warning(Code::NotesRow, msg!("column-numbers-row"))
        .dataset(ds)
        .at(at)
        .value(shown)
}

/// A test submission (its id is `word`, e.g. `tes`); rejected.
pub(super) fn test_row(ds: &str, at: &Location, word: &str) -> Diagnostic {
    Diagnostic::warning(Code::TestRow, msg!("test-row", word = q(word)))
        .dataset(ds)
        .at(at)
        .value(word.to_string())
}

/// A totals row (`shown`: its first cells); rejected.
pub(super) fn totals_row(ds: &str, at: &Location, shown: String) -> Diagnostic {
    Diagnostic::warning(Code::TotalsRow, msg!("totals-row"))
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
    let m = msg!("dash-in-scored", column = cell.column, value = &cell.shown);
    cell.place(Diagnostic::warning(Code::NotAnswered, m))
}

/// An id cell damaged by a spreadsheet program (`why`: `scientific` or `cut`).
pub(super) fn damaged_id(cell: CellAt, why: &str) -> Diagnostic {
    let how = match why {
        "scientific" => msg!("damaged-id-scientific"),
        _ => msg!("damaged-id-cut"),
    };
    let m = msg!("damaged-id", column = cell.column, how = how);
    cell.place(Diagnostic::warning(Code::DamagedId, m))
}

/// A number whose `.`/`,` reads two ways (`why`: `thousands` or `decimal`, as
/// `cell::ambiguous_separator` says), and how it was read.
pub(super) fn ambiguous_separator(cell: CellAt, why: &str, read_as: &str) -> Diagnostic {
    let why = match why {
        "thousands" => msg!("separator-thousands"),
        _ => msg!("separator-decimal"),
    };
    let m = msg!(
        "ambiguous-separator",
        column = cell.column,
        value = &cell.shown,
        why = why,
        read_as = read_as
    );
    cell.place(Diagnostic::warning(Code::AmbiguousNumber, m))
}

/// A bare number up to 1 in a column written in whole percentages.
pub(super) fn whole_percent(cell: CellAt) -> Diagnostic {
    let m = msg!("whole-percent", column = cell.column, value = &cell.shown);
    cell.place(Diagnostic::warning(Code::AmbiguousNumber, m))
}

/// A cell that cannot be read: an error that rejects the row when the column is required,
/// else a warning and the value is missing. `NotAnswered` is counted, not reported here.
pub(super) fn bad_cell(cell: CellAt, problem: CellProblem, required: bool) -> Diagnostic {
    let name = cell.column;
    let (code, mut m) = match problem {
        CellProblem::FormulaError => (Code::FormulaError, msg!("bad-cell-formula", column = name)),
        CellProblem::Invalid(p) => (
            Code::InvalidValue,
            msg!("bad-cell", column = name, problem = p),
        ),
        CellProblem::OutOfRange(p) => (
            Code::OutOfRange,
            msg!("bad-cell", column = name, problem = p),
        ),
        CellProblem::UnknownCategory(p) => (
            Code::UnknownCategory,
            msg!("bad-cell", column = name, problem = p),
        ),
        CellProblem::NotAnswered => unreachable!("an unanswered cell is counted, not reported"),
    };
    let d = if required {
        m.push(&msg!("bad-cell-required"));
        Diagnostic::error(code, m)
    } else {
        m.push(&msg!("bad-cell-optional"));
        Diagnostic::warning(code, m)
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
    let column = cell.column;
    let m = match (invisible, folded) {
        (_, []) => msg!(
            "lookalike-invisible",
            column = column,
            chars = describe(invisible),
            cleaned = q(cleaned)
        ),
        ([], _) => msg!(
            "lookalike-folded",
            column = column,
            chars = describe(folded),
            cleaned = q(cleaned)
        ),
        _ => msg!(
            "lookalike-both",
            column = column,
            invisible = describe(invisible),
            folded = describe(folded),
            cleaned = q(cleaned)
        ),
    };
    cell.place(Diagnostic::warning(Code::LookalikeId, m))
}

/// A unit-key cell with Cyrillic or Greek letters that look Latin (`latin`: the id in Latin
/// letters); the row is rejected.
pub(super) fn lookalike_letters(cell: CellAt, found: &[Suspect], latin: &str) -> Diagnostic {
    let m = msg!(
        "lookalike-letters",
        column = cell.column,
        value = q(&cell.shown),
        chars = describe(found),
        latin = q(latin)
    );
    cell.place(Diagnostic::error(Code::LookalikeId, m))
}

/// `A, B and C`: the suspicious characters in a message.
fn describe(found: &[Suspect]) -> Msg {
    let all: Vec<Msg> = found.iter().map(Suspect::describe).collect();
    Msg::list(&all)
}

/// A required cell that is empty; the row is rejected.
pub(super) fn missing_value(cell: CellAt) -> Diagnostic {
    let m = msg!("missing-value", column = cell.column);
    cell.place(Diagnostic::error(Code::MissingValue, m))
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
        msg!("empty-unit-key", key = cell.key_name),
    ))
}

/// The count of further rows with the same unit key, added to the first one's message.
pub(super) fn same_value_more(n: usize) -> Msg {
    msg!("same-value-more", n = n)
}

/// Unit key `key` read as unit `unit`: the code written another way.
pub(super) fn unit_code_variant(cell: &KeyCell, key: &str, unit: &str) -> Diagnostic {
    let key = q(key);
    cell.place(Diagnostic::warning(
        Code::UnitByName,
        msg!(
            "unit-code-variant",
            key = cell.key_name,
            value = &key,
            unit = unit
        ),
    ))
    .value(key.en)
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
    cell.place(Diagnostic::warning(
        Code::UnitByName,
        msg!(
            "unit-by-name",
            key = cell.key_name,
            value = &key,
            unit = unit,
            name = q(name),
            pct = pct(confidence)
        ),
    ))
    .value(key.en)
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
                msg!(
                    "ambiguous-unit-one",
                    key = cell.key_name,
                    value = &key,
                    pct = pct(*s),
                    unit = u,
                    name = n
                ),
            ))
            .value(key.en);
    }
    let candidates = candidates
        .iter()
        .map(|(u, n, s)| format!("{u} {n} ({} %)", pct(*s)))
        .collect::<Vec<_>>()
        .join(", ");
    cell.place(Diagnostic::error(
        Code::AmbiguousUnit,
        msg!(
            "ambiguous-unit",
            key = cell.key_name,
            value = &key,
            candidates = candidates
        ),
    ))
    .value(key.en)
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
        msg!(
            "unit-row-rejected",
            key = cell.key_name,
            value = &key,
            dataset = unit_dataset,
            place = unit_row.place_msg()
        ),
    ))
    .value(key.en)
    .unit(unit)
}

/// The kind of personal data, as a message names it.
fn id_kind(kind: crate::text::IdKind) -> Msg {
    use crate::text::IdKind;
    match kind {
        IdKind::Nip => msg!("id-kind-nip"),
        IdKind::Nik => msg!("id-kind-nik"),
        IdKind::Email => msg!("id-kind-email"),
        IdKind::Phone => msg!("id-kind-phone"),
        IdKind::Digits => msg!("id-kind-digits"),
        IdKind::Name => msg!("id-kind-name"),
    }
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
    let what = msg!(
        "personal-unit-key",
        key = cell.key_name,
        kind = id_kind(kind),
        masked = masked
    );
    let d = match unit {
        Some(u) => cell
            .place(Diagnostic::warning(
                Code::PersonalUnitKey,
                msg!("personal-unit-key-kept", what = what),
            ))
            .unit(u),
        None => cell.place(Diagnostic::error(
            Code::PersonalUnitKey,
            msg!("personal-unit-key-rejected", what = what),
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
            let name = name.map(|n| format!(" {}", q(&n).en)).unwrap_or_default();
            msg!("unknown-unit-hint", unit = u, name = name, pct = pct(s))
        })
        .unwrap_or_default();
    cell.place(Diagnostic::error(
        Code::UnknownUnit,
        msg!(
            "unknown-unit",
            key = cell.key_name,
            value = &key,
            hint = hint
        ),
    ))
    .value(key.en)
}

/// Which file wins when a unit sends a dataset again (`by_date`: `--resubmit date`).
pub(super) fn superseded_how(by_date: bool) -> Msg {
    if by_date {
        msg!("superseded-by-date")
    } else {
        msg!("superseded-by-order")
    }
}

/// A row of `unit` replaced by a newer file of the same unit (`by_file`; `how` it won).
pub(super) fn superseded(
    ds: &str,
    at: &Location,
    column: Option<usize>,
    unit: &str,
    by_file: &str,
    how: &Msg,
) -> Diagnostic {
    let by_file = q(by_file);
    Diagnostic::warning(
        Code::Superseded,
        msg!(
            "superseded",
            unit = q(unit),
            dataset = ds,
            file = &by_file,
            how = how
        ),
    )
    .dataset(ds)
    .at(at)
    .column_opt(column)
    .unit(unit)
    .value(by_file.en)
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
    let key = r.unique.join(" + ");
    if !r.same_unit {
        return Diagnostic::error(
            Code::DuplicateKey,
            msg!("duplicate-key-other-unit", key = key),
        )
        .dataset(r.ds)
        .at(r.at)
        .column_opt(r.column)
        .value(r.shown);
    }
    let same = if r.differences.is_empty() {
        msg!("same-values")
    } else {
        msg!("different-values", columns = r.differences.join(", "))
    };
    let advice = if r.other_file {
        msg!("duplicate-key-advice")
    } else {
        Msg::default()
    };
    let place = r.first.place_msg();
    let m = if r.other_file && !r.differences.is_empty() {
        msg!(
            "duplicate-key-conflicts",
            key = key,
            place = place,
            same = same,
            advice = advice
        )
    } else {
        msg!(
            "duplicate-key-repeats",
            key = key,
            place = place,
            same = same,
            advice = advice
        )
    };
    Diagnostic::error(Code::DuplicateKey, m)
        .dataset(r.ds)
        .at(r.at)
        .column_opt(r.column)
        .value(r.shown)
}

/// A unit with no rows in a dataset.
pub(super) fn unit_without_data(ds: &str, unit: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::UnitWithoutData,
        msg!("unit-without-data", unit = q(unit), dataset = ds),
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
        msg!(
            "low-response",
            respondents = respondents,
            headcount = headcount,
            pct = pct(rate),
            min = format!("{:.0}", min_rate * 100.0),
            unit = unit
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
        msg!(
            "low-coverage",
            dataset = ds,
            covered = c.covered.to_string(),
            headcount = c.headcount.to_string(),
            unit = &c.unit,
            pct = pct(c.share),
            min = format!("{:.0}", min_share * 100.0),
            column = column
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
    Diagnostic::error(Code::BadMasterList, msg!("master-without-code-column")).file(file)
}

/// A master-list row with no code (its name, if any, is shown).
pub(super) fn master_row_without_code(
    at: &Location,
    column: usize,
    name: Option<&str>,
) -> Diagnostic {
    let d = Diagnostic::warning(Code::MasterRow, msg!("master-row-without-code"))
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
        msg!(
            "duplicate-master-code",
            code = q(code),
            place = first.place_msg()
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
    Diagnostic::warning(Code::UnlistedUnit, msg!("unlisted-unit", unit = q(unit)))
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
        let p = || CellProblem::Invalid(msg!("expected-number"));
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
        assert_eq!(
            required.pesan,
            "`umur`: seharusnya angka; wajib diisi, jadi baris ditolak"
        );
        assert_eq!(required.place(Lang::Id), "a.xlsx [Data] C7");
        assert_eq!(required.code, Code::InvalidValue);
        assert_eq!(required.place(Lang::En), "a.xlsx [Data] C7");
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
        assert_eq!(d.place(Lang::En), "b.csv A9");
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
        assert_eq!(
            same_file.pesan,
            "mengulang nip dari a.csv baris 3 (nilainya sama); ditolak"
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
        assert_eq!(d.place(Lang::En), "a.csv B4");
        assert_eq!(
            d.pesan,
            "`kode_opd` = `OPD-O9` tidak ada di daftar unit (maksudnya `OPD-09` Dinas Sosial? 90 % mirip); ditolak"
        );
        assert_eq!(d.value.as_deref(), Some("OPD-O9"));
        let v = unit_code_variant(&key, "opd 9", "OPD-09");
        assert_eq!(v.severity, Severity::Warning);
        assert_eq!(v.unit.as_deref(), Some("OPD-09"));
        assert_eq!(empty_unit_key(&key).value, None);
    }
}
