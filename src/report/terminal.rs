//! The short summary printed to the terminal: one line per unit, then the province's answer.
//!
//! Columns are padded by hand, not with `{:<width$}`: a format width above 65,535 panics, and
//! an assessment read from a file may hold ids of any length, so every id is capped first
//! (`text::cap`, at `TEXT_LIMIT`: the assessment's ids are capped at `NAME_LIMIT` already).

use crate::assessment::Assessment;
use crate::format;
use crate::rubric::Lang;
use crate::text::{TEXT_LIMIT, cap};

fn cut(s: &str, n: usize) -> String {
    // A name with an ESC sequence or a bidi override must not act on the terminal.
    let clean: String;
    let s = if s.chars().any(crate::text::unsafe_to_show) {
        clean = cap(s, usize::MAX, crate::rubric::Lang::En).into_owned();
        clean.as_str()
    } else {
        s
    };
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// `s` followed by spaces up to `width` characters.
fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

pub fn render(a: &Assessment) -> String {
    let lang = a.lang;
    let mut out = String::new();
    // The assessment caps ids at `NAME_LIMIT` already; this cap is for a hand-made file.
    let ids: Vec<_> = a
        .units
        .iter()
        .map(|u| cap(&u.id, TEXT_LIMIT, lang))
        .collect();
    let idw = ids
        .iter()
        .map(|id| id.chars().count())
        .max()
        .unwrap_or(2)
        .max(4);
    let [unit, name, score, verdict, now, top] = match lang {
        Lang::Id => [
            "Kode",
            "Nama",
            "Skor",
            "Hasil penilaian",
            "WFA kini",
            "Kendala utama",
        ],
        Lang::En => [
            "Unit",
            "Name",
            "Score",
            "Verdict",
            "WFA now",
            "Top obstacle",
        ],
    };
    out.push_str(&format!(
        "{}  {:<34}  {:>5}  {:<16}  {:>8}  {}\n",
        pad(unit, idw),
        name,
        score,
        verdict,
        now,
        top
    ));
    let bands = a.bands();
    for (u, id) in a.units.iter().zip(&ids) {
        let score = u
            .score
            .map(|s| format::score_in(s, &bands, lang))
            .unwrap_or_else(|| "-".into());
        let top = u
            .obstacles
            .first()
            .map(|o| o.problem.as_str())
            .unwrap_or("-");
        out.push_str(&format!(
            "{}  {:<34}  {:>5}  {:<16}  {:>8}  {}\n",
            pad(id, idw),
            cut(u.name.as_deref().unwrap_or(""), 34),
            score,
            {
                let fragile = u.robustness.as_ref().is_some_and(|r| r.fragile);
                let marks = format!(
                    "{}{}",
                    if fragile { " †" } else { "" },
                    if u.data_warnings.is_empty() {
                        ""
                    } else {
                        " ⚠"
                    }
                );
                let room = 16 - marks.chars().count();
                format!("{}{marks}", cut(&u.verdict_label, room))
            },
            u.wfa
                .staff_allowed_at_once
                .map(|x| x.to_string())
                .unwrap_or_else(|| "*".into()),
            cut(top, 50)
        ));
    }
    let warned: Vec<String> = a
        .units
        .iter()
        .filter(|u| !u.data_warnings.is_empty())
        .map(|u| {
            let codes: Vec<&str> = u
                .data_warnings
                .iter()
                .filter_map(|w| w.split(':').next())
                .collect();
            format!("{} ({})", cap(&u.id, TEXT_LIMIT, lang), codes.join(", "))
        })
        .collect();
    if !warned.is_empty() {
        out.push_str(&match lang {
            Lang::Id => format!(
                "⚠ hasil penilaian dengan peringatan mutu data (rinciannya di atas): {}\n",
                warned.join("; ")
            ),
            Lang::En => format!(
                "⚠ verdicts with a data-quality warning (details above): {}\n",
                warned.join("; ")
            ),
        });
    }
    let fragile: Vec<String> = a
        .units
        .iter()
        .filter_map(|u| {
            let r = u.robustness.as_ref().filter(|r| r.fragile)?;
            Some(format!(
                "{} ({} {}, {} {})",
                cap(&u.id, TEXT_LIMIT, lang),
                u.verdict_label,
                format::value(r.share, crate::rubric::ValueFormat::Percent, None, lang),
                r.other_label.as_deref().unwrap_or("-"),
                format::value(
                    r.other_share,
                    crate::rubric::ValueFormat::Percent,
                    None,
                    lang
                )
            ))
        })
        .collect();
    if !fragile.is_empty() {
        out.push_str(&match lang {
            Lang::Id => format!(
                "† hasil penilaian rapuh (berubah bila bobot dan ambang rubrik sedikit diubah): {}\n",
                fragile.join("; ")
            ),
            Lang::En => format!(
                "† fragile verdicts (they change when the rubric's weights and thresholds move slightly): {}\n",
                fragile.join("; ")
            ),
        });
    }
    let decided: Vec<String> = a
        .units
        .iter()
        .flat_map(|u| {
            u.overrides.iter().map(move |o| {
                format!(
                    "{} ({} {}{})",
                    cap(&u.id, TEXT_LIMIT, lang),
                    o.label,
                    o.from
                        .as_deref()
                        .map(|f| format!("{f} → "))
                        .unwrap_or_default(),
                    o.to
                )
            })
        })
        .collect();
    if !decided.is_empty() {
        out.push_str(&match lang {
            Lang::Id => format!("‡ keputusan pimpinan: {}\n", decided.join("; ")),
            Lang::En => format!("‡ leadership decisions: {}\n", decided.join("; ")),
        });
    }
    let s = &a.summary;
    let counts = a
        .verdicts
        .iter()
        .map(|v| {
            format!(
                "{} {}",
                v.label,
                s.verdict_counts.get(&v.id).copied().unwrap_or(0)
            )
        })
        .collect::<Vec<_>>()
        .join(" · ");
    out.push_str(&format!(
        "\n{}: {} — {}\n",
        s.label, s.verdict_label, s.message
    ));
    out.push_str(&roll(a, lang));
    if a.units.iter().all(|u| u.wfa.staff_total.is_none()) {
        out.push_str(&format!("{counts}\n"));
        return out;
    }
    let (total, eligible, allowed) = (
        format::number(s.staff_total as f64, 0, lang),
        format::number(s.staff_eligible as f64, 0, lang),
        format::number(s.staff_allowed_at_once as f64, 0, lang),
    );
    let range = s
        .robustness
        .as_ref()
        .filter(|r| r.staff_allowed_p05 != r.staff_allowed_p95)
        .map(|r| {
            let (lo, hi) = (
                format::number(r.staff_allowed_p05 as f64, 0, lang),
                format::number(r.staff_allowed_p95 as f64, 0, lang),
            );
            match lang {
                Lang::Id => format!(" (rentang {lo}–{hi})"),
                Lang::En => format!(" (range {lo}–{hi})"),
            }
        })
        .unwrap_or_default();
    out.push_str(&match lang {
        Lang::Id => format!(
            "{counts} · pegawai {total} · pada jabatan WFA {eligible} · boleh WFA bersamaan {allowed}{range}\n"
        ),
        Lang::En => format!(
            "{counts} · staff {total} · eligible {eligible} · allowed at once {allowed}{range}\n"
        ),
    });
    out
}

/// How many units were assessed, the rules' answer over them when it is not given, and the
/// units that have not sent each dataset (at most ten named a line; the full lists are in
/// `assessment.json` and the reports).
fn roll(a: &Assessment, lang: Lang) -> String {
    use crate::words::roll::capped_list;
    let s = &a.summary;
    let unit = &a.rubric.unit_label;
    let mut out = String::new();
    if s.assessed_line.is_empty() {
        return out;
    }
    out.push_str(&s.assessed_line);
    if !s.conclusive {
        out.push_str(&match lang {
            Lang::Id => format!(
                "; bila hanya {unit} yang dinilai diperhitungkan: {} — {}",
                s.verdict_if_assessed_label, s.message_if_assessed
            ),
            Lang::En => format!(
                "; counting only the {unit} assessed: {} — {}",
                s.verdict_if_assessed_label, s.message_if_assessed
            ),
        });
    }
    out.push('\n');
    for n in &s.not_sent {
        let list = capped_list(&n.units, unit, lang);
        out.push_str(&match lang {
            Lang::Id => format!(
                "belum mengirim {} ({} {unit}): {list}\n",
                n.title,
                n.units.len()
            ),
            Lang::En => format!(
                "not sent yet, {} ({} {unit}): {list}\n",
                n.title,
                n.units.len()
            ),
        });
    }
    out
}
