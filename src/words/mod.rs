//! Words: the tool's own sentences, in the run's language, and the filling of the rubric's
//! message and fix templates. The compute layers (`scoring`) return facts; this is the one place
//! that turns them into text for the `assessment.json` contract (`assessment`), and it will hold
//! the tool's message catalogue. It computes nothing: no scores, no verdicts, no polars; the
//! numbers it shows are the ones it is given.

mod assessment;
pub mod curve;
mod decisions;
pub mod evaluation;
pub mod robustness;
pub mod roll;

pub use assessment::assessment;

use crate::rubric::Lang;

/// An indicator value hidden because it was computed over too few people.
pub fn suppressed_value(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "disembunyikan (kelompok kecil)",
        Lang::En => "suppressed (small group)",
    }
}

/// An indicator with no value.
pub fn no_data(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "tidak ada data",
        Lang::En => "no data",
    }
}

/// Appended to a failed gate's message when its condition could not be computed.
pub fn gate_without_data(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => " (data tidak tersedia, dianggap tidak memenuhi)",
        Lang::En => " (no data, counted as not met)",
    }
}

/// The label of the obstacle "not enough of the rubric's weight has data".
/// A coverage shortfall as a problem.
pub fn coverage_problem(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "Data belum cukup untuk dinilai",
        Lang::En => "Too little data to assess",
    }
}

pub fn coverage_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "Data tidak lengkap",
        Lang::En => "Incomplete data",
    }
}

/// The coverage obstacle's message: `pct` and `need` are the shown percentages, `unit` what a
/// unit is called, `worst` the label of the verdict the unit is capped at.
pub fn coverage_message(pct: &str, need: &str, unit: &str, worst: &str, lang: Lang) -> String {
    match lang {
        Lang::Id => format!(
            "Hanya {pct} % bobot penilaian yang memiliki data (minimal {need} %); {unit} ini tidak dapat dinilai lebih baik dari {worst}."
        ),
        Lang::En => format!(
            "Only {pct}% of the rubric's weight has data (at least {need}% needed); this {unit} cannot be rated better than {worst}."
        ),
    }
}

/// What fixes the coverage obstacle.
pub fn coverage_fix(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "Lengkapi data OPD (lihat daftar masalah data).",
        Lang::En => "Complete the unit's data (see the data problems).",
    }
}

/// The WFA condition the rubric's `max-days-per-week` sets.
pub fn max_days_per_week(days: i64, lang: Lang) -> String {
    match lang {
        Lang::Id => format!("Paling lama {days} hari kerja per minggu per pegawai."),
        Lang::En => format!("At most {days} working days a week per person."),
    }
}

/// Fill `{name}` placeholders from `vars`; unknown placeholders stay as written.
pub fn fill(template: &str, vars: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        match rest[start..].find('}') {
            Some(len) => {
                let key = &rest[start + 1..start + len];
                match vars.iter().find(|(k, _)| *k == key) {
                    Some((_, v)) => out.push_str(v),
                    None => out.push_str(&rest[start..start + len + 1]),
                }
                rest = &rest[start + len + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_known_placeholders_and_keeps_the_rest() {
        let vars = [("name", "Dinas A".to_string()), ("gap", "3".to_string())];
        assert_eq!(
            fill("{name}: add {gap} ({unknown}) {", &vars),
            "Dinas A: add 3 ({unknown}) {"
        );
    }
}
