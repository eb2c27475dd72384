//! The data-quality report (Markdown) and the completeness table (CSV) for the analysts:
//! counts per code, then per file a capped list of problems with "+N more", then the problems
//! tied to no file, then who sent what. Values of personal columns are already masked by the
//! loader; every text from a file is escaped, so HTML or Markdown in a cell stays text.

use super::{UnitCompleteness, csv_safe, md_safe};
use crate::diag::{self, Diagnostic, Severity};
use crate::input::Loaded;
use crate::rubric::Rubric;
use std::collections::BTreeMap;
use std::fmt::Write;

fn line(d: &Diagnostic) -> String {
    let value = d
        .value
        .as_ref()
        .map(|v| format!(" — value: {}", md_safe(v, 80)))
        .unwrap_or_default();
    let unit = d
        .unit
        .as_ref()
        .map(|u| format!(" ({})", md_safe(u, 40)))
        .unwrap_or_default();
    let mut place = String::new();
    if let Some(s) = &d.sheet {
        place.push_str(&format!("[{}] ", md_safe(s, 40)));
    }
    match (d.row, &d.column) {
        (Some(r), Some(c)) => place.push_str(&format!("{c}{r}")),
        (Some(r), None) => place.push_str(&format!("row {r}")),
        (None, Some(c)) => place.push_str(&format!("column {c}")),
        (None, None) if d.file.is_some() => place.push_str("whole file"),
        (None, None) => place.push_str(&format!("dataset {}", d.dataset.as_deref().unwrap_or("-"))),
    }
    format!(
        "- {} `{}` {}{unit}: {}{value}\n",
        d.severity,
        d.code,
        place.trim_end(),
        md_safe(&d.message, 400)
    )
}

/// The data-quality report in Markdown; `cap` problems listed per file.
pub fn markdown(
    rubric: &Rubric,
    loaded: &Loaded,
    table: &[UnitCompleteness],
    cap: usize,
) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Data quality — {}\n", md_safe(&rubric.title.id, 200));
    let (e, w, i) = [Severity::Error, Severity::Warning, Severity::Info]
        .map(|sev| {
            loaded
                .diagnostics
                .iter()
                .filter(|d| d.severity == sev)
                .count()
        })
        .into();
    let (read, used, rejected) = loaded.inputs.iter().fold((0, 0, 0), |a, f| {
        (a.0 + f.rows_read, a.1 + f.rows_used, a.2 + f.rows_rejected)
    });
    let _ = writeln!(
        s,
        "Rubric `{}` {} · {} input file(s) · {} rows read, {} used, {} rejected · {} error(s), {} warning(s), {} info.\n",
        md_safe(&rubric.id, 80),
        md_safe(&rubric.version, 40),
        loaded.inputs.len(),
        read,
        used,
        rejected,
        e,
        w,
        i
    );
    s.push_str("Personal data (names, NIP) is never shown here: such cells read `(personal data, not shown)`.\n\n");

    s.push_str(
        "## Problems by code\n\n| Severity | Code | Count | Meaning |\n|---|---|---:|---|\n",
    );
    for ((sev, code), n) in diag::counts(&loaded.diagnostics) {
        let _ = writeln!(s, "| {sev} | `{code}` | {n} | {} |", code.explain());
    }
    if loaded.diagnostics.is_empty() {
        s.push_str("| – | – | 0 | no problem found |\n");
    }

    s.push_str(
        "\n## Files\n\n| File | Dataset | Read | Used | Rejected |\n|---|---|---:|---:|---:|\n",
    );
    for f in &loaded.inputs {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            md_safe(&f.path, 200),
            f.dataset,
            f.rows_read,
            f.rows_used,
            f.rows_rejected
        );
    }

    // Problems per file, errors first, capped.
    let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    let mut no_file: Vec<&Diagnostic> = Vec::new();
    for d in &loaded.diagnostics {
        match &d.file {
            Some(f) => by_file.entry(f.as_str()).or_default().push(d),
            None => no_file.push(d),
        }
    }
    s.push_str("\n## Problems per file\n");
    for (file, mut ds) in by_file {
        ds.sort_by_key(|d| d.severity);
        let _ = writeln!(s, "\n### {}\n", md_safe(file, 200));
        for d in ds.iter().take(cap) {
            s.push_str(&line(d));
        }
        if ds.len() > cap {
            let _ = writeln!(s, "- +{} more", ds.len() - cap);
        }
    }
    if !no_file.is_empty() {
        no_file.sort_by_key(|d| d.severity);
        s.push_str("\n### Not tied to one file\n\n");
        for d in no_file.iter().take(cap.max(50)) {
            s.push_str(&line(d));
        }
        if no_file.len() > cap.max(50) {
            let _ = writeln!(s, "- +{} more", no_file.len() - cap.max(50));
        }
    }

    s.push_str("\n## Completeness\n\n");
    if let Some(c) = &rubric.response {
        let _ = writeln!(
            s,
            "Survey response = rows of `{}` ÷ `{}`; under {:.0} % is flagged **low** (a data-quality warning on the unit).\n",
            c.dataset,
            c.headcount,
            c.min_rate * 100.0
        );
    }
    s.push_str("| Unit | Name |");
    for d in &rubric.datasets {
        let _ = write!(s, " {} |", d.id);
    }
    s.push_str(" Respondents | Headcount | Response | Errors | Warnings |\n|---|---|");
    for _ in &rubric.datasets {
        s.push_str("---:|");
    }
    s.push_str("---:|---:|---:|---:|---:|\n");
    for u in table {
        let _ = write!(
            s,
            "| {} | {}{} |",
            md_safe(&u.unit, 40),
            md_safe(u.name.as_deref().unwrap_or(""), 80),
            if u.pending {
                " **(not assessed: its row in the unit list was rejected)**"
            } else {
                ""
            }
        );
        for (ds, used, rejected) in &u.datasets {
            let cell = match (used, rejected) {
                (0, 0) if u.unreadable.contains(ds) => "**file unreadable**".to_string(),
                (0, 0) => "**not received**".to_string(),
                (0, r) => format!("**0** ({r} rejected)"),
                (n, 0) => n.to_string(),
                (n, r) => format!("{n} ({r} rejected)"),
            };
            let _ = write!(s, " {cell} |");
        }
        let (n, h, rate) = match &u.response {
            Some(r) => (
                r.respondents.to_string(),
                r.headcount.map(|h| h.to_string()).unwrap_or("–".into()),
                match r.rate {
                    Some(x) if u.low_response => format!("**{:.0} % low**", (x * 100.0).floor()),
                    Some(x) => format!("{:.0} %", (x * 100.0).floor()),
                    None => "–".into(),
                },
            ),
            None => ("–".into(), "–".into(), "–".into()),
        };
        let _ = writeln!(s, " {n} | {h} | {rate} | {} | {} |", u.errors, u.warnings);
    }
    s
}

/// The completeness table as CSV (UTF-8, comma-separated), one line per unit.
pub fn completeness_csv(rubric: &Rubric, table: &[UnitCompleteness]) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut head = vec!["unit".to_string(), "name".to_string()];
    for d in &rubric.datasets {
        head.push(format!("{}_used", d.id));
        head.push(format!("{}_rejected", d.id));
    }
    head.extend(
        [
            "respondents",
            "headcount",
            "response_rate",
            "low_response",
            "errors",
            "warnings",
            "in_unit_list",
        ]
        .map(String::from),
    );
    w.write_record(&head)?;
    for u in table {
        let mut rec = vec![csv_safe(&u.unit), csv_safe(u.name.as_deref().unwrap_or(""))];
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
        rec.push(u.low_response.to_string());
        rec.push(u.errors.to_string());
        rec.push(u.warnings.to_string());
        rec.push((!u.pending).to_string());
        w.write_record(&rec)?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}
