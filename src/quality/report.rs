//! The data-quality report (Markdown, from the registry's `data-quality.md.tera`) and the
//! completeness table (CSV) for the analysts: counts per code, then per file a capped list of
//! problems with "+N more", then the problems tied to no file, then who sent what. Values of
//! personal columns are already masked by the loader; every text from a file is capped here
//! and escaped by the template engine (`templates::render`), so HTML or Markdown in a cell stays
//! text.

use super::UnitCompleteness;
use crate::diag::{self, Diagnostic, Severity};
use crate::input::Loaded;
use crate::messages::word;
use crate::report::templates::Templates;
use crate::rubric::{Lang, Rubric};
use crate::text::{NAME_LIMIT, TEXT_LIMIT, cap, csv_cell};
use anyhow::Result;
use serde::Serialize;
use std::collections::BTreeMap;

/// Text from the data, capped at `max` characters (`text::cap`, with its marker in English);
/// the template engine escapes it for Markdown (`templates::render`).
fn md_safe(s: &str, max: usize) -> String {
    md_safe_in(s, max, Lang::En)
}

/// [`md_safe`] with the marker in `lang`.
fn md_safe_in(s: &str, max: usize, lang: Lang) -> String {
    cap(s, max, lang).into_owned()
}

/// One problem in a file's list, its texts already made inert.
#[derive(Serialize)]
struct Line {
    severity: String,
    code: String,
    sheet: Option<String>,
    row: Option<u32>,
    column: Option<String>,
    whole_file: bool,
    dataset: String,
    unit: Option<String>,
    message: String,
    value: Option<String>,
}

impl Line {
    fn new(d: &Diagnostic, lang: Lang) -> Self {
        Line {
            severity: diag::severity_word(d.severity, lang).to_string(),
            code: d.code.to_string(),
            sheet: d.sheet.as_deref().map(|s| md_safe(s, NAME_LIMIT)),
            row: d.row,
            column: d.column.clone(),
            whole_file: d.file.is_some(),
            dataset: d.dataset.as_deref().unwrap_or("-").to_string(),
            unit: d.unit.as_deref().map(|u| md_safe(u, NAME_LIMIT)),
            message: md_safe_in(d.text(lang), TEXT_LIMIT, lang),
            value: d
                .value
                .as_deref()
                .map(|v| md_safe(crate::text::shown_value(v, lang), NAME_LIMIT)),
        }
    }
}

/// The problems of one file (`file` none: those tied to no file), the first `cap` listed.
#[derive(Serialize)]
struct Group {
    file: Option<String>,
    lines: Vec<Line>,
    more: usize,
}

impl Group {
    fn new(file: Option<&str>, mut ds: Vec<&Diagnostic>, cap: usize, lang: Lang) -> Self {
        ds.sort_by_key(|d| d.severity);
        Group {
            file: file.map(|f| md_safe(f, NAME_LIMIT)),
            lines: ds.iter().take(cap).map(|d| Line::new(d, lang)).collect(),
            more: ds.len().saturating_sub(cap),
        }
    }
}

#[derive(Serialize)]
struct CodeCount {
    severity: String,
    code: String,
    count: usize,
    meaning: &'static str,
}

#[derive(Serialize)]
struct FileRow {
    path: String,
    dataset: String,
    rows_read: usize,
    rows_used: usize,
    rows_rejected: usize,
}

#[derive(Serialize)]
struct Response {
    dataset: String,
    headcount: String,
    /// The minimum rate in whole percent.
    min_pct: String,
}

#[derive(Serialize)]
struct Cell {
    used: usize,
    rejected: usize,
    unreadable: bool,
}

#[derive(Serialize)]
struct UnitRow {
    unit: String,
    name: String,
    pending: bool,
    cells: Vec<Cell>,
    respondents: Option<usize>,
    headcount: Option<i64>,
    /// The response rate in whole percent, rounded down.
    rate: Option<String>,
    low: bool,
    errors: usize,
    warnings: usize,
    status: &'static str,
    /// Why it is not assessed, worded (empty: it is).
    reasons: Vec<String>,
}

/// The units that have not sent one dataset ("belum mengirim").
#[derive(Serialize)]
struct NotSent {
    dataset: String,
    units: Vec<String>,
}

/// A dataset's title in the report's language, from its id.
fn title_of(rubric: &Rubric, id: &str, lang: Lang) -> String {
    rubric
        .datasets
        .iter()
        .find(|d| d.id == id)
        .map_or_else(|| id.to_string(), |d| d.title.get(lang).to_string())
}

/// Why `u` is not assessed, in the report's words.
fn reasons(rubric: &Rubric, u: &UnitCompleteness, lang: Lang) -> Vec<String> {
    let title = |id: &str| title_of(rubric, id, lang);
    u.not_assessed
        .iter()
        .map(|r| {
            md_safe_in(
                &crate::words::roll::reason(r, &title, lang),
                TEXT_LIMIT,
                lang,
            )
        })
        .collect()
}

/// The data-quality report in Markdown (`data-quality.md.tera` of `templates`), in `lang`;
/// `cap` problems listed per file.
pub fn markdown(
    rubric: &Rubric,
    loaded: &Loaded,
    table: &[UnitCompleteness],
    cap: usize,
    templates: &Templates,
    lang: Lang,
) -> Result<String> {
    let [errors, warnings, infos] =
        [Severity::Error, Severity::Warning, Severity::Info].map(|sev| {
            loaded
                .diagnostics
                .iter()
                .filter(|d| d.severity == sev)
                .count()
        });
    let (read, used, rejected) = loaded.inputs.iter().fold((0, 0, 0), |a, f| {
        (a.0 + f.rows_read, a.1 + f.rows_used, a.2 + f.rows_rejected)
    });
    let codes: Vec<CodeCount> = diag::counts(&loaded.diagnostics)
        .into_iter()
        .map(|((sev, code), count)| CodeCount {
            severity: diag::severity_word(sev, lang).to_string(),
            code: code.to_string(),
            count,
            meaning: code.explain_in(lang),
        })
        .collect();
    let inputs: Vec<FileRow> = loaded
        .inputs
        .iter()
        .map(|f| FileRow {
            path: md_safe(&f.path, NAME_LIMIT),
            dataset: f.dataset.clone(),
            rows_read: f.rows_read,
            rows_used: f.rows_used,
            rows_rejected: f.rows_rejected,
        })
        .collect();
    // Problems per file, errors first, capped; then those tied to no file.
    let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    let mut no_file: Vec<&Diagnostic> = Vec::new();
    for d in &loaded.diagnostics {
        match &d.file {
            Some(f) => by_file.entry(f.as_str()).or_default().push(d),
            None => no_file.push(d),
        }
    }
    let mut groups: Vec<Group> = by_file
        .into_iter()
        .map(|(f, ds)| Group::new(Some(f), ds, cap, lang))
        .collect();
    if !no_file.is_empty() {
        groups.push(Group::new(None, no_file, cap.max(50), lang));
    }
    let response = rubric.response.as_ref().map(|c| Response {
        dataset: c.dataset.clone(),
        headcount: c.headcount.clone(),
        min_pct: format!("{:.0}", c.min_rate * 100.0),
    });
    let units: Vec<UnitRow> = table
        .iter()
        .map(|u| UnitRow {
            unit: md_safe(&u.unit, NAME_LIMIT),
            name: md_safe(u.name.as_deref().unwrap_or(""), NAME_LIMIT),
            pending: u.pending,
            cells: u
                .datasets
                .iter()
                .map(|(ds, used, rejected)| Cell {
                    used: *used,
                    rejected: *rejected,
                    unreadable: u.unreadable.contains(ds),
                })
                .collect(),
            respondents: u.response.as_ref().map(|r| r.respondents),
            headcount: u.response.as_ref().and_then(|r| r.headcount),
            rate: u
                .response
                .as_ref()
                .and_then(|r| r.rate)
                .map(|x| format!("{:.0}", (x * 100.0).floor())),
            low: u.low_response,
            errors: u.errors,
            warnings: u.warnings,
            status: u.status().as_str(),
            reasons: reasons(rubric, u, lang),
        })
        .collect();
    let not_sent: Vec<NotSent> = rubric
        .datasets
        .iter()
        .map(|d| NotSent {
            dataset: md_safe(&format!("{} (`{}`)", d.title.get(lang), d.id), TEXT_LIMIT),
            units: table
                .iter()
                .filter(|u| u.not_sent.contains(&d.id))
                .map(|u| match &u.name {
                    Some(n) => md_safe(&format!("{} {n}", u.unit), NAME_LIMIT),
                    None => md_safe(&u.unit, NAME_LIMIT),
                })
                .collect(),
        })
        .filter(|n| !n.units.is_empty())
        .collect();
    let mut ctx = tera::Context::new();
    ctx.insert("lang", &lang);
    ctx.insert("title", &md_safe(&rubric.title.id, NAME_LIMIT));
    ctx.insert("rubric_id", &md_safe(&rubric.id, NAME_LIMIT));
    ctx.insert("rubric_version", &md_safe(&rubric.version, NAME_LIMIT));
    ctx.insert("rows_read", &read);
    ctx.insert("rows_used", &used);
    ctx.insert("rows_rejected", &rejected);
    ctx.insert("errors", &errors);
    ctx.insert("warnings", &warnings);
    ctx.insert("infos", &infos);
    ctx.insert("codes", &codes);
    ctx.insert("inputs", &inputs);
    ctx.insert("groups", &groups);
    ctx.insert("response", &response);
    ctx.insert(
        "datasets",
        &rubric.datasets.iter().map(|d| &d.id).collect::<Vec<_>>(),
    );
    ctx.insert("units", &units);
    ctx.insert("not_sent", &not_sent);
    ctx.insert("from_master", &loaded.roll.from_master);
    templates.render(lang, "data-quality.md.tera", &ctx)
}

/// The completeness table as CSV (UTF-8, comma-separated), one line per unit; the headers,
/// yes/no and status words in `lang`.
pub fn completeness_csv(rubric: &Rubric, table: &[UnitCompleteness], lang: Lang) -> Result<String> {
    let word = |k: &'static str| word(k, lang).to_string();
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut head = vec![word("csv-unit"), word("csv-name")];
    for d in &rubric.datasets {
        head.push(format!("{}_{}", d.id, word("csv-used")));
        head.push(format!("{}_{}", d.id, word("csv-rejected")));
    }
    head.extend(
        [
            "csv-respondents",
            "csv-headcount",
            "csv-response-rate",
            "csv-low-response",
            "csv-errors",
            "csv-warnings",
            "csv-in-unit-list",
            "csv-status",
            "csv-not-sent",
            "csv-not-assessed-reason",
        ]
        .map(word),
    );
    w.write_record(&head)?;
    let yes_no = |b: bool| word(if b { "csv-true" } else { "csv-false" });
    for u in table {
        let shown = |s: &str| csv_cell(&cap(s, NAME_LIMIT, lang));
        let mut rec = vec![shown(&u.unit), shown(u.name.as_deref().unwrap_or(""))];
        for (_, used, rejected) in &u.datasets {
            rec.push(used.to_string());
            rec.push(rejected.to_string());
        }
        let r = u.response.as_ref();
        rec.push(r.map(|r| r.respondents.to_string()).unwrap_or_default());
        rec.push(
            r.and_then(|r| r.headcount)
                .map(|h| h.to_string())
                .unwrap_or_default(),
        );
        rec.push(
            r.and_then(|r| r.rate)
                .map(|x| format!("{x:.4}"))
                .unwrap_or_default(),
        );
        rec.push(yes_no(u.low_response));
        rec.push(u.errors.to_string());
        rec.push(u.warnings.to_string());
        rec.push(yes_no(!u.pending));
        rec.push(status_word(u.status(), lang).to_string());
        rec.push(u.not_sent.join(";"));
        let why: Vec<String> = reasons(rubric, u, lang);
        rec.push(csv_cell(&why.join("; ")));
        w.write_record(&rec)?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

/// A unit's status in `lang` (`complete` / `lengkap`).
fn status_word(s: super::Status, lang: Lang) -> &'static str {
    use super::Status;
    word(
        match s {
            Status::Complete => "status-complete",
            Status::Incomplete => "status-incomplete",
            Status::NotAssessed => "status-not-assessed",
            Status::SentNothing => "status-sent-nothing",
        },
        lang,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_text_is_capped_with_the_marker() {
        assert_eq!(
            md_safe(&"x".repeat(500), 10),
            "xxxxxxxxxx… (+490 characters)"
        );
        assert_eq!(csv_cell("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(csv_cell("OPD-01"), "OPD-01");
    }
}
