//! The words of a comparison: each typed fact of `compare` (a rubric change, an input change, the
//! reason a verdict changed) said as one line in Indonesian or English.
//!
//! Formats only what `compare` found; it decides nothing and computes no score.

use crate::compare::{
    ConsequentChange, InputChange, Presence, Quantity, Reason, ReasonPart, RubricChange,
    StaffFigure, UnitChange,
};
use crate::format;
use crate::rubric::{Lang, ValueFormat};
use crate::words::curve::describe;

fn pct(x: f64, lang: Lang) -> String {
    format::value(x, ValueFormat::Percent, None, lang)
}

fn quantity(q: &Quantity, lang: Lang) -> String {
    format::value(q.value, q.format, q.unit.as_deref(), lang)
}

/// One line for a rubric change.
pub fn rubric_change(c: &RubricChange, lang: Lang) -> String {
    let id = lang == Lang::Id;
    let p = |x: f64| pct(x, lang);
    // A weight as written in the rubric.
    let w = |x: f64| format::number(x, 4, lang);
    match c {
        RubricChange::RubricContent {
            version,
            old_sha256,
            new_sha256,
            ..
        } => {
            let (a, b) = (
                &old_sha256[..12.min(old_sha256.len())],
                &new_sha256[..12.min(new_sha256.len())],
            );
            if id {
                format!("Isi rubrik berubah tanpa kenaikan versi {version} (SHA-256 {a}… → {b}…)")
            } else {
                format!(
                    "The rubric's content changed without a new version {version} (SHA-256 {a}… → {b}…)"
                )
            }
        }
        RubricChange::DimensionWeight {
            label,
            from,
            to,
            from_weight,
            to_weight,
            ..
        } => {
            let (a, b) = (w(*from_weight), w(*to_weight));
            if id {
                format!(
                    "Bobot dimensi {label}: {a} → {b} ({} → {} dari total)",
                    p(*from),
                    p(*to)
                )
            } else {
                format!(
                    "Weight of dimension {label}: {a} → {b} ({} → {} of the total)",
                    p(*from),
                    p(*to)
                )
            }
        }
        RubricChange::DimensionAdded { label, share, .. } => {
            if id {
                format!("Dimensi baru {label} ({})", p(*share))
            } else {
                format!("New dimension {label} ({})", p(*share))
            }
        }
        RubricChange::DimensionRemoved { label, .. } => {
            if id {
                format!("Dimensi {label} dihapus")
            } else {
                format!("Dimension {label} removed")
            }
        }
        RubricChange::IndicatorAdded { label, share, .. } => {
            if id {
                format!("Indikator baru {label} (bobot {})", p(*share))
            } else {
                format!("New indicator {label} (weight {})", p(*share))
            }
        }
        RubricChange::IndicatorWeight {
            label,
            from,
            to,
            from_weight,
            to_weight,
            ..
        } => {
            let (a, b) = (w(*from_weight), w(*to_weight));
            if id {
                format!(
                    "Bobot indikator {label}: {a} → {b} ({} → {} dari total)",
                    p(*from),
                    p(*to)
                )
            } else {
                format!(
                    "Weight of indicator {label}: {a} → {b} ({} → {} of the total)",
                    p(*from),
                    p(*to)
                )
            }
        }
        RubricChange::IndicatorCurve {
            label, from, to, ..
        } => {
            let (a, b) = (describe(from, lang), describe(to, lang));
            if id {
                format!("Penilaian {label}: {a} → {b}")
            } else {
                format!("Scoring of {label}: {a} → {b}")
            }
        }
        RubricChange::IndicatorTarget {
            label, from, to, ..
        } => {
            let t = |q: &Option<Quantity>| {
                q.as_ref()
                    .map(|q| quantity(q, lang))
                    .unwrap_or_else(|| "-".into())
            };
            if id {
                format!("Target {label}: {} → {}", t(from), t(to))
            } else {
                format!("Target of {label}: {} → {}", t(from), t(to))
            }
        }
        RubricChange::IndicatorValue {
            label, from, to, ..
        } => {
            if id {
                format!("Rumus {label}: `{from}` → `{to}`")
            } else {
                format!("Formula of {label}: `{from}` → `{to}`")
            }
        }
        RubricChange::IndicatorRemoved { label, .. } => {
            if id {
                format!("Indikator {label} dihapus")
            } else {
                format!("Indicator {label} removed")
            }
        }
        RubricChange::GateAdded {
            label,
            require,
            cap_label,
            ..
        } => {
            if id {
                format!("Syarat baru {label}: `{require}` (paling baik {cap_label})")
            } else {
                format!("New gate {label}: `{require}` (at best {cap_label})")
            }
        }
        RubricChange::GateRemoved { label, .. } => {
            if id {
                format!("Syarat {label} dihapus")
            } else {
                format!("Gate {label} removed")
            }
        }
        RubricChange::GateChanged {
            label,
            from_require,
            from_cap_label,
            to_require,
            to_cap_label,
            ..
        } => {
            if id {
                format!(
                    "Syarat {label}: `{from_require}` (paling baik {from_cap_label}) → `{to_require}` (paling baik {to_cap_label})"
                )
            } else {
                format!(
                    "Gate {label}: `{from_require}` (at best {from_cap_label}) → `{to_require}` (at best {to_cap_label})"
                )
            }
        }
        RubricChange::VerdictBand {
            label, from, to, ..
        } => {
            let n = |x: f64| format::number(x, 2, lang);
            match (from, id) {
                (Some(a), true) => format!("Batas skor {label}: {} → {}", n(*a), n(*to)),
                (Some(a), false) => format!("Score threshold of {label}: {} → {}", n(*a), n(*to)),
                (None, true) => format!("Hasil penilaian baru {label} (skor ≥ {})", n(*to)),
                (None, false) => format!("New verdict {label} (score ≥ {})", n(*to)),
            }
        }
    }
}

/// One line for a share that moved because of an edit (not edited itself).
pub fn consequent_change(c: &ConsequentChange, lang: Lang) -> String {
    let id = lang == Lang::Id;
    let p = |x: f64| pct(x, lang);
    match c {
        ConsequentChange::DimensionShare {
            label, from, to, ..
        } => {
            if id {
                format!(
                    "Porsi dimensi {label}: {} → {} dari total (bobotnya tidak diubah)",
                    p(*from),
                    p(*to)
                )
            } else {
                format!(
                    "Share of dimension {label}: {} → {} of the total (its weight was not edited)",
                    p(*from),
                    p(*to)
                )
            }
        }
        ConsequentChange::IndicatorShare {
            label, from, to, ..
        } => {
            if id {
                format!(
                    "Porsi indikator {label}: {} → {} dari total (bobotnya tidak diubah)",
                    p(*from),
                    p(*to)
                )
            } else {
                format!(
                    "Share of indicator {label}: {} → {} of the total (its weight was not edited)",
                    p(*from),
                    p(*to)
                )
            }
        }
    }
}

/// The headings of the two lists of rubric changes.
pub fn edited_heading(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "Diubah",
        Lang::En => "Edited",
    }
}

pub fn data_heading(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "Berkas data",
        Lang::En => "Data files",
    }
}

pub fn consequent_heading(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "Akibatnya",
        Lang::En => "As a consequence",
    }
}

/// One line for a dataset whose files changed (in English in every report, as before 2.0).
pub fn input_change(c: &InputChange) -> String {
    format!(
        "{}: {} new or changed file(s){}{}",
        c.dataset,
        c.changed.len(),
        if c.changed.is_empty() {
            String::new()
        } else {
            format!(" ({})", c.changed.join(", "))
        },
        if c.gone > 0 {
            format!("; {} earlier file(s) no longer used", c.gone)
        } else {
            String::new()
        }
    )
}

/// The heading of the units that newly fail a gate while their verdict stays.
pub fn gates_heading(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "Kini gagal syarat, hasil penilaian tetap",
        Lang::En => "Now failing a gate, verdict unchanged",
    }
}

/// One line for a unit that newly fails gates while its verdict stays: "Dinas C: syarat «X»
/// kini tidak terpenuhi (paling baik Layak Terbatas); hasil penilaian tetap Layak Terbatas".
pub fn gates_newly_failed(u: &UnitChange, lang: Lang) -> String {
    let id = lang == Lang::Id;
    let gates: Vec<String> = u
        .gates_newly_failed
        .iter()
        .map(|g| {
            if id {
                format!(
                    "syarat «{}» kini tidak terpenuhi (paling baik {})",
                    g.label, g.cap_label
                )
            } else {
                format!(
                    "the condition “{}” is no longer met (at best {})",
                    g.label, g.cap_label
                )
            }
        })
        .collect();
    let verdict = u.new_verdict_label.as_deref().unwrap_or("-");
    let name = u.name.as_deref().unwrap_or(&u.id);
    if id {
        format!(
            "{name}: {}; hasil penilaian tetap {verdict}",
            gates.join(" dan ")
        )
    } else {
        format!("{name}: {}; verdict still {verdict}", gates.join(" and "))
    }
}

/// The heading of the staff allowed at once, per unit and for the province.
pub fn staff_heading(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "Pegawai boleh WFA bersamaan",
        Lang::En => "Staff allowed on WFA at once",
    }
}

/// One run's staff figure: the number, "disembunyikan" / "hidden", or "-" when the unit is not
/// in that run.
pub fn staff(f: Option<&StaffFigure>, lang: Lang) -> String {
    match (f, lang) {
        (Some(StaffFigure::Shown { value }), _) => format::number(*value as f64, 0, lang),
        (Some(StaffFigure::Hidden { .. }), Lang::Id) => "disembunyikan".into(),
        (Some(StaffFigure::Hidden { .. }), Lang::En) => "hidden".into(),
        (Some(StaffFigure::Unknown) | None, _) => "-".into(),
    }
}

/// A unit's staff figure old → new: "2 → 3", "disembunyikan → 3".
pub fn staff_move(u: &UnitChange, lang: Lang) -> String {
    format!(
        "{} → {}",
        staff(u.old_staff_allowed.as_ref(), lang),
        staff(u.new_staff_allowed.as_ref(), lang)
    )
}

/// What a hidden figure means, under a list that shows one.
pub fn staff_hidden_legend(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => {
            "disembunyikan: angka kelompok kecil (atau pendampingnya) tidak ditampilkan demi perlindungan data pribadi, di hasil lama maupun baru; tidak dihitung balik"
        }
        Lang::En => {
            "hidden: a small group's figure (or a companion of one) is not shown, to protect personal data, in the old and the new result alike; never worked out"
        }
    }
}

/// The province's total old → new: "Provinsi: 12 → 15".
pub fn staff_province(old: i64, new: i64, lang: Lang) -> String {
    let n = |x: i64| format::number(x as f64, 0, lang);
    match lang {
        Lang::Id => format!("Provinsi: {} → {}", n(old), n(new)),
        Lang::En => format!("Province: {} → {}", n(old), n(new)),
    }
}

/// A unit's presence as the terminal shows it: in both runs, only in the new one (added), only
/// in the old one (removed).
pub fn presence(p: Presence, lang: Lang) -> &'static str {
    match (p, lang) {
        (Presence::Both, Lang::Id) => "keduanya",
        (Presence::Added, Lang::Id) => "baru",
        (Presence::Removed, Lang::Id) => "dihapus",
        (Presence::Both, Lang::En) => "both",
        (Presence::Added, Lang::En) => "added",
        (Presence::Removed, Lang::En) => "removed",
    }
}

/// The terminal's heading of the verdicts that changed, with how many.
pub fn verdict_changes_heading(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Id => format!("Hasil penilaian yang berubah: {n}"),
        Lang::En => format!("{n} verdict change(s):"),
    }
}

/// The terminal's score table headings: unit, old, new, move, then the parts.
pub fn score_columns(lang: Lang) -> [&'static str; 8] {
    match lang {
        Lang::Id => [
            "OPD",
            "lama",
            "baru",
            "selisih",
            "bobot",
            "penilaian",
            "data",
            "pembulatan",
        ],
        Lang::En => [
            "Unit", "old", "new", "move", "weights", "scoring", "data", "rounding",
        ],
    }
}

/// The terminal's line on the province: verdict and staff allowed at once, old → new.
pub fn province_line(
    old_verdict: &str,
    new_verdict: &str,
    old_staff: i64,
    new_staff: i64,
    lang: Lang,
) -> String {
    let n = |x: i64| format::number(x as f64, 0, lang);
    match lang {
        Lang::Id => format!(
            "Provinsi: {old_verdict} → {new_verdict} · pegawai boleh WFA bersamaan {} → {}",
            n(old_staff),
            n(new_staff)
        ),
        Lang::En => format!(
            "Province: {old_verdict} → {new_verdict} · staff on WFA at once {} → {}",
            n(old_staff),
            n(new_staff)
        ),
    }
}

/// At most this many movers and offsets are said in a reason's line (all are in `diff.json`).
const SAID: usize = 3;

/// Signed score points: "+3,75 poin" / "−3.75 points".
fn points(x: f64, lang: Lang) -> String {
    let sign = if x < 0.0 { "−" } else { "+" };
    let n = format::number(x.abs(), 2, lang);
    match lang {
        Lang::Id => format!("{sign}{n} poin"),
        Lang::En => format!("{sign}{n} points"),
    }
}

/// Up to `SAID` parts joined, with how many more there are.
fn said(parts: &[ReasonPart], changes: &[RubricChange], lang: Lang) -> String {
    let and = if lang == Lang::Id { " dan " } else { " and " };
    let mut out: Vec<String> = parts
        .iter()
        .take(SAID)
        .map(|p| reason_part(p, changes, lang))
        .collect();
    if parts.len() > SAID {
        let more = parts.len() - SAID;
        out.push(match lang {
            Lang::Id => format!("{more} perubahan lain"),
            Lang::En => format!("{more} other change(s)"),
        });
    }
    out.join(and)
}

/// One line: "Dinas X: Layak → Layak Terbatas karena …; diimbangi sebagian oleh …". `changes`
/// are the comparison's edited rubric changes (what a reason's `edit` part points at).
pub fn reason(
    r: &Reason,
    old_verdict: &str,
    new_verdict: &str,
    changes: &[RubricChange],
    lang: Lang,
) -> String {
    let id = lang == Lang::Id;
    let mut why = said(&r.parts, changes, lang);
    if why.is_empty() {
        why = if id {
            "perubahan kecil pada beberapa indikator".into()
        } else {
            "small changes in several indicators".into()
        };
    }
    let because = if id { "karena" } else { "because" };
    let mut line = format!("{}: {old_verdict} → {new_verdict} {because} {why}", r.unit);
    if !r.offset_by.is_empty() {
        let offset = said(&r.offset_by, changes, lang);
        line.push_str(&if id {
            format!("; diimbangi sebagian oleh {offset}")
        } else {
            format!("; partly offset by {offset}")
        });
    }
    line
}

/// The first letter in lower case (a rubric change's line inside a reason).
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn reason_part(p: &ReasonPart, changes: &[RubricChange], lang: Lang) -> String {
    let id = lang == Lang::Id;
    match p {
        ReasonPart::GateFails { label, .. } => {
            if id {
                format!("syarat «{label}» tidak terpenuhi")
            } else {
                format!("the condition “{label}” is not met")
            }
        }
        ReasonPart::GateCapMoved {
            label,
            from_cap_label,
            to_cap_label,
            ..
        } => {
            if id {
                format!(
                    "syarat «{label}» kini membatasi ke {to_cap_label} (sebelumnya {from_cap_label})"
                )
            } else {
                format!(
                    "the condition “{label}” now caps at {to_cap_label} (before: {from_cap_label})"
                )
            }
        }
        ReasonPart::GateMet { label, .. } => {
            if id {
                format!("syarat «{label}» kini terpenuhi")
            } else {
                format!("the condition “{label}” is now met")
            }
        }
        ReasonPart::BandMoved {
            label, from, to, ..
        } => {
            let (a, b) = (format::number(*from, 2, lang), format::number(*to, 2, lang));
            if id {
                format!("batas skor {label} berubah {a} → {b}")
            } else {
                format!("the {label} threshold moved {a} → {b}")
            }
        }
        ReasonPart::Edit { change, points: x } => {
            let what = changes
                .get(*change)
                .map(|c| lower_first(&rubric_change(c, lang)))
                .unwrap_or_else(|| format!("#{change}"));
            format!("{what} ({})", points(*x, lang))
        }
        ReasonPart::Data {
            label,
            from,
            to,
            points: x,
            ..
        } => {
            let show = |q: &Option<Quantity>| match q {
                Some(q) => quantity(q, lang),
                None if id => "tidak ada data".into(),
                None => "no data".into(),
            };
            let x = points(*x, lang);
            if id {
                format!("{label} berubah {} → {} ({x})", show(from), show(to))
            } else {
                format!("{label} changed {} → {} ({x})", show(from), show(to))
            }
        }
    }
}
