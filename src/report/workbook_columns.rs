//! The columns of the analysts' workbook, sheet by sheet: each column's header, width, the kind
//! of value it holds (which fixes its cell format and the unit the data dictionary states) and
//! where the value comes from. The sheets (`workbook`) and their data dictionary are both laid
//! out from these lists, so that the dictionary cannot miss or invent a column.
//!
//! Words nothing itself: headers and descriptions are looked up in `workbook.strings.toml`
//! (`about_<key>` says what a column means, `unit_<kind>` its unit, `src_<source>` its origin).

use super::templates::Strings;
use crate::assessment::Assessment;

/// What a column holds: its cell format in the sheet and its unit in the dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Free text (names, messages, formulas).
    Text,
    /// An identifier (unit code, indicator id, diagnostic code, SHA-256).
    Code,
    /// A category written as its word (verdict, status, kind, severity).
    Category,
    /// A whole number of people, rows or a rank.
    Count,
    /// A count that is written as the hidden marker when it would give a small group away.
    HiddenCount,
    /// A share, shown as a percentage.
    Share,
    /// A 0–100 score.
    Score,
    /// Score points (0–100 scale).
    Points,
    /// An indicator's value or target, in the indicator's own format and unit.
    Value,
    /// An indicator's value that is written as the hidden marker for a small group.
    HiddenValue,
}

impl Kind {
    /// The dictionary's key for the unit of this kind.
    fn unit_key(self) -> &'static str {
        match self {
            Kind::Text => "unit_text",
            Kind::Code => "unit_code",
            Kind::Category => "unit_category",
            Kind::Count => "unit_count",
            Kind::HiddenCount => "unit_hidden_count",
            Kind::Share => "unit_share",
            Kind::Score => "unit_score",
            Kind::Points => "unit_points",
            Kind::Value => "unit_value",
            Kind::HiddenValue => "unit_hidden_value",
        }
    }
}

/// Where a column's values come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Source {
    /// The units' data files, as read.
    Data,
    /// Computed by kesiapan from the data and the rubric.
    Computed,
    /// The rubric.
    Rubric,
    /// kesiapan's checks of the data files.
    Checks,
    /// The input files themselves.
    Files,
    /// This workbook.
    Workbook,
}

impl Source {
    fn key(self) -> &'static str {
        match self {
            Source::Data => "src_data",
            Source::Computed => "src_computed",
            Source::Rubric => "src_rubric",
            Source::Checks => "src_checks",
            Source::Files => "src_files",
            Source::Workbook => "src_workbook",
        }
    }
}

/// One column of a sheet's table.
#[derive(Debug, Clone)]
pub(super) struct Col {
    /// The header as the sheet shows it.
    pub header: String,
    /// What the column means, in words.
    pub about: String,
    pub width: f64,
    pub kind: Kind,
    pub source: Source,
    /// Named by the rubric (a dimension's label): renamed, rather than a fixed column, when
    /// the two headers are equal.
    pub named_by_rubric: bool,
}

/// A table of a sheet: its name (unique in the workbook, the same in every language) and columns.
#[derive(Debug, Clone)]
pub(super) struct TableCols {
    pub sheet: String,
    pub table: &'static str,
    pub cols: Vec<Col>,
}

impl TableCols {
    /// The headers, unique within the table.
    pub fn headers(&self) -> Vec<&str> {
        self.cols.iter().map(|c| c.header.as_str()).collect()
    }
}

/// A column headed by `t[header]` and described by `t["about_" + about]`.
fn col(t: &Strings, header: &str, about: &str, width: f64, kind: Kind, source: Source) -> Col {
    Col {
        header: t.get(header).to_string(),
        about: t.get(&format!("about_{about}")).to_string(),
        width,
        kind,
        source,
        named_by_rubric: false,
    }
}

/// The table of `cols`, their headers made unique (an Excel table refuses two equal headers,
/// ignoring case; a wording override or a dimension's label could repeat one): a repeat gets
/// " (2)", " (3)"…, a column named by the rubric before a fixed one.
fn table(t: &Strings, sheet: &str, table: &'static str, mut cols: Vec<Col>) -> TableCols {
    let mut seen = std::collections::HashSet::new();
    for pass in [false, true] {
        for c in cols.iter_mut().filter(|c| c.named_by_rubric == pass) {
            let base = c.header.clone();
            let mut k = 1;
            while !seen.insert(c.header.to_lowercase()) {
                k += 1;
                c.header = format!("{base} ({k})");
            }
        }
    }
    TableCols {
        sheet: t.get(sheet).to_string(),
        table,
        cols,
    }
}

/// The key/value block at the top of the summary sheet (two columns, no header row).
pub(super) fn summary_items(t: &Strings) -> TableCols {
    use {Kind::*, Source::*};
    table(
        t,
        "sheet_summary",
        "",
        vec![
            col(t, "summary_item", "summary_item", 42.0, Text, Workbook),
            col(t, "summary_value", "summary_value", 70.0, Text, Computed),
        ],
    )
}

pub(super) fn summary_inputs(t: &Strings) -> TableCols {
    use {Kind::*, Source::*};
    table(
        t,
        "sheet_summary",
        "Berkas_Masukan",
        vec![
            col(t, "file", "input_file", 42.0, Text, Files),
            col(t, "dataset", "input_dataset", 70.0, Category, Rubric),
            col(t, "rows_read", "rows_read", 12.0, Count, Checks),
            col(t, "rows_used", "rows_used", 12.0, Count, Checks),
            col(t, "rows_rejected", "rows_rejected", 12.0, Count, Checks),
            col(t, "sha256", "sha256", 66.0, Code, Files),
        ],
    )
}

/// The unit sheet's table: one score column per dimension.
pub(super) fn units(a: &Assessment, t: &Strings) -> TableCols {
    table(t, "sheet_units", "OPD_Hasil", unit_cols(a, t))
}

/// The unit sheet's columns as worded, before the table makes their headers unique (the CSV's
/// header).
pub(super) fn unit_cols(a: &Assessment, t: &Strings) -> Vec<Col> {
    use {Kind::*, Source::*};
    let mut cols = vec![
        col(t, "code", "unit_code", 14.0, Code, Data),
        col(t, "name", "unit_name", 44.0, Text, Data),
        col(t, "score", "unit_score", 14.0, Score, Computed),
        col(t, "verdict", "unit_verdict", 14.0, Category, Computed),
        col(
            t,
            "score_verdict",
            "score_verdict",
            14.0,
            Category,
            Computed,
        ),
        col(t, "decided_by", "decided_by", 14.0, Category, Computed),
        col(t, "coverage", "coverage", 14.0, Share, Computed),
    ];
    for d in &a.dimensions {
        let mut c = col(t, "dimension", "dimension_score", 14.0, Score, Computed);
        c.header = d.label.clone();
        c.about = c.about.replace("{dimension}", &d.label);
        c.named_by_rubric = true;
        cols.push(c);
    }
    cols.extend([
        col(t, "staff", "staff", 14.0, Count, Data),
        col(t, "in_wfa_jobs", "in_wfa_jobs", 14.0, HiddenCount, Computed),
        col(t, "min_on_site", "min_on_site", 14.0, Count, Computed),
        col(t, "max_share_away", "max_share_away", 14.0, Share, Rubric),
        col(t, "wfa_at_once", "wfa_at_once", 14.0, HiddenCount, Computed),
        col(t, "main_obstacle", "main_obstacle", 40.0, Text, Computed),
        col(t, "data_warnings", "data_warnings", 40.0, Text, Checks),
    ]);
    cols
}

pub(super) fn indicators(t: &Strings) -> TableCols {
    use {Kind::*, Source::*};
    table(
        t,
        "sheet_indicators",
        "Indikator_OPD",
        vec![
            col(t, "code", "unit_code", 10.0, Code, Data),
            col(t, "name", "unit_name", 36.0, Text, Data),
            col(t, "dimension", "dimension", 22.0, Category, Rubric),
            col(t, "indicator", "indicator", 36.0, Category, Rubric),
            col(t, "indicator_id", "indicator_id", 18.0, Code, Rubric),
            col(t, "value", "indicator_value", 14.0, HiddenValue, Computed),
            col(t, "value_shown", "value_shown", 16.0, Text, Computed),
            col(t, "target", "indicator_target", 12.0, Value, Rubric),
            col(t, "score", "indicator_score", 9.0, Score, Computed),
            col(
                t,
                "effective_weight",
                "effective_weight",
                12.0,
                Share,
                Computed,
            ),
            col(t, "status", "indicator_status", 22.0, Category, Computed),
        ],
    )
}

pub(super) fn obstacles(t: &Strings) -> TableCols {
    use {Kind::*, Source::*};
    table(
        t,
        "sheet_obstacles",
        "Kendala_OPD",
        vec![
            col(t, "code", "unit_code", 10.0, Code, Data),
            col(t, "name", "unit_name", 36.0, Text, Data),
            col(t, "rank", "rank", 9.0, Count, Computed),
            col(t, "kind", "obstacle_kind", 12.0, Category, Computed),
            col(t, "obstacle", "obstacle", 34.0, Text, Rubric),
            col(t, "explanation", "explanation", 60.0, Text, Computed),
            col(t, "fix", "fix", 48.0, Text, Computed),
            col(t, "score_cost", "score_cost", 12.0, Points, Computed),
            col(t, "staff_affected", "staff_affected", 12.0, Count, Computed),
        ],
    )
}

pub(super) fn wfa(t: &Strings) -> TableCols {
    use {Kind::*, Source::*};
    table(
        t,
        "sheet_wfa",
        "Bentuk_WFA",
        vec![
            col(t, "code", "unit_code", 10.0, Code, Data),
            col(t, "name", "unit_name", 36.0, Text, Data),
            col(t, "verdict", "unit_verdict", 16.0, Category, Computed),
            col(t, "wfa_at_once", "wfa_at_once", 12.0, HiddenCount, Computed),
            col(t, "min_on_site", "min_on_site", 12.0, Count, Computed),
            col(t, "eligible_job", "eligible_job", 40.0, Text, Data),
            col(t, "holders", "holders", 12.0, HiddenCount, Data),
            col(t, "conditions", "conditions", 60.0, Text, Rubric),
        ],
    )
}

pub(super) fn problems(t: &Strings) -> TableCols {
    use {Kind::*, Source::*};
    table(
        t,
        "sheet_problems",
        "Masalah_Data",
        vec![
            col(t, "code", "diagnostic_code", 18.0, Code, Checks),
            col(t, "severity", "severity", 12.0, Category, Checks),
            col(t, "dataset", "input_dataset", 24.0, Category, Rubric),
            col(t, "file", "input_file", 36.0, Text, Files),
            col(t, "sheet", "file_sheet", 14.0, Text, Files),
            col(t, "row", "file_row", 8.0, Count, Files),
            col(t, "column", "file_column", 12.0, Text, Files),
            col(t, "value", "file_value", 20.0, Text, Files),
            col(t, "message", "diagnostic_message", 80.0, Text, Checks),
        ],
    )
}

pub(super) fn rubric_indicators(t: &Strings) -> TableCols {
    use {Kind::*, Source::*};
    table(
        t,
        "sheet_rubric",
        "Rubrik_Indikator",
        vec![
            col(t, "dimension", "dimension", 22.0, Category, Rubric),
            col(t, "dimension_share", "dimension_share", 12.0, Share, Rubric),
            col(t, "indicator", "indicator", 36.0, Text, Rubric),
            col(t, "indicator_id", "indicator_id", 18.0, Code, Rubric),
            col(
                t,
                "weight_in_dimension",
                "weight_in_dimension",
                12.0,
                Share,
                Rubric,
            ),
            col(t, "share_of_total", "share_of_total", 12.0, Share, Rubric),
            col(t, "formula", "formula", 50.0, Text, Rubric),
            col(t, "curve", "curve", 40.0, Text, Rubric),
            col(t, "target", "indicator_target", 10.0, Value, Rubric),
        ],
    )
}

pub(super) fn rubric_gates(t: &Strings) -> TableCols {
    use {Kind::*, Source::*};
    table(
        t,
        "sheet_rubric",
        "Rubrik_Syarat",
        vec![
            col(t, "condition", "gate", 22.0, Text, Rubric),
            col(t, "requires", "gate_requires", 12.0, Text, Rubric),
            col(t, "gate_cap", "gate_cap", 36.0, Category, Rubric),
        ],
    )
}

pub(super) fn rubric_verdicts(t: &Strings) -> TableCols {
    use {Kind::*, Source::*};
    table(
        t,
        "sheet_rubric",
        "Rubrik_Hasil",
        vec![
            col(t, "verdict", "band", 22.0, Category, Rubric),
            col(t, "min_score", "min_score", 12.0, Score, Rubric),
        ],
    )
}

pub(super) fn dictionary(t: &Strings) -> TableCols {
    use {Kind::*, Source::*};
    table(
        t,
        "sheet_dictionary",
        "Kamus_Data",
        vec![
            col(t, "dict_sheet", "dict_sheet", 16.0, Text, Workbook),
            col(t, "dict_column", "dict_column", 28.0, Text, Workbook),
            col(t, "dict_meaning", "dict_meaning", 70.0, Text, Workbook),
            col(t, "dict_unit", "dict_unit", 36.0, Text, Workbook),
            col(t, "dict_source", "dict_source", 40.0, Text, Workbook),
        ],
    )
}

/// Every table of the workbook, in sheet order: what the data dictionary describes.
pub(super) fn all(a: &Assessment, t: &Strings) -> Vec<TableCols> {
    vec![
        summary_items(t),
        summary_inputs(t),
        units(a, t),
        indicators(t),
        obstacles(t),
        wfa(t),
        problems(t),
        rubric_indicators(t),
        rubric_gates(t),
        rubric_verdicts(t),
        dictionary(t),
    ]
}

/// The dictionary's rows: sheet, column, meaning, unit, source; one per column of every table.
pub(super) fn dictionary_rows(a: &Assessment, t: &Strings) -> Vec<[String; 5]> {
    let min = a.rubric.min_group_size.to_string();
    let mut out = Vec::new();
    for tc in all(a, t) {
        for c in tc.cols {
            out.push([
                tc.sheet.clone(),
                c.header,
                c.about,
                t.get(c.kind.unit_key()).replace("{min}", &min),
                t.get(c.source.key()).to_string(),
            ]);
        }
    }
    out
}
