//! Words for the roll of units that should answer: the "cannot yet be concluded" answer, the
//! "N of M units assessed" line, the reasons a unit is not assessed, in the run's language.
//! It decides nothing: the counts, the threshold's outcome and the reasons are given.

use crate::input::NotAssessedReason;
use crate::rubric::Lang;

/// How many units a sentence names before "… and N more".
pub const NAMED_IN_MESSAGE: usize = 10;

/// The label of the province answer when too few units were assessed.
pub fn inconclusive_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "Belum dapat disimpulkan",
        Lang::En => "Cannot yet be concluded",
    }
}

/// "40 dari 40 OPD dinilai".
pub fn assessed_line(assessed: usize, expected: usize, unit: &str, lang: Lang) -> String {
    match lang {
        Lang::Id => format!("{assessed} dari {expected} {unit} dinilai"),
        Lang::En => format!("{assessed} of {expected} assessed ({unit})"),
    }
}

/// `names` joined, at most `NAMED_IN_MESSAGE` of them (each capped at `text::NAME_LIMIT`), then
/// "… dan 12 OPD lainnya".
pub fn capped_list(names: &[String], unit: &str, lang: Lang) -> String {
    let shown = names
        .iter()
        .take(NAMED_IN_MESSAGE)
        .map(|n| crate::text::cap(n, crate::text::NAME_LIMIT, lang).into_owned())
        .collect::<Vec<_>>()
        .join(", ");
    let rest = names.len().saturating_sub(NAMED_IN_MESSAGE);
    if rest == 0 {
        return shown;
    }
    match lang {
        Lang::Id => format!("{shown} … dan {rest} {unit} lainnya"),
        Lang::En => format!("{shown} … and {rest} more"),
    }
}

/// The answer's message when too few units were assessed: `missing` are the units not assessed
/// (their ids), `share` and `need` the shown percentages.
pub fn inconclusive_message(
    assessed: usize,
    expected: usize,
    missing: &[String],
    share: &str,
    need: &str,
    unit: &str,
    lang: Lang,
) -> String {
    let n = missing.len();
    let list = capped_list(missing, unit, lang);
    let named = if n > 0 {
        match lang {
            Lang::Id => format!("; {n} {unit} belum: {list}"),
            Lang::En => format!("; not yet assessed ({n}): {list}"),
        }
    } else {
        String::new()
    };
    match lang {
        Lang::Id => format!(
            "Baru {assessed} dari {expected} {unit} dinilai ({share} %, minimal {need} %){named}. Jawaban untuk provinsi menunggu data {unit} yang belum dinilai."
        ),
        Lang::En => format!(
            "Only {assessed} of {expected} assessed ({unit}; {share}%, at least {need}% needed){named}. The province's answer waits for their data."
        ),
    }
}

/// Why a unit is not assessed; `title` gives a dataset's title from its id.
pub fn reason(r: &NotAssessedReason, title: &dyn Fn(&str) -> String, lang: Lang) -> String {
    match (r, lang) {
        (NotAssessedReason::NotSent { dataset }, Lang::Id) => {
            format!("belum mengirim {}", title(dataset))
        }
        (NotAssessedReason::NotSent { dataset }, Lang::En) => {
            format!("has not sent {}", title(dataset))
        }
        (
            NotAssessedReason::Rejected {
                dataset,
                file,
                sheet,
                row,
                code,
            },
            _,
        ) => {
            let at = match (sheet, row, lang) {
                (Some(s), Some(r), Lang::Id) => format!("{file}, lembar {s}, baris {r}"),
                (Some(s), Some(r), Lang::En) => format!("{file}, sheet {s}, row {r}"),
                (None, Some(r), Lang::Id) => format!("{file}, baris {r}"),
                (None, Some(r), Lang::En) => format!("{file}, row {r}"),
                (Some(s), None, Lang::Id) => format!("{file}, lembar {s}"),
                (Some(s), None, Lang::En) => format!("{file}, sheet {s}"),
                (None, None, _) => file.clone(),
            };
            match lang {
                Lang::Id => format!("{} ditolak ({at}: `{code}`)", title(dataset)),
                Lang::En => format!("{} rejected ({at}: `{code}`)", title(dataset)),
            }
        }
        (NotAssessedReason::Unreadable { dataset, file }, Lang::Id) => {
            format!("berkas {} ({file}) tidak dapat dibaca", title(dataset))
        }
        (NotAssessedReason::Unreadable { dataset, file }, Lang::En) => {
            format!("{} file ({file}) could not be read", title(dataset))
        }
    }
}
