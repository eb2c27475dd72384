//! The words of a comparison: each typed fact of `compare` (a rubric change, an input change, the
//! reason a verdict changed) said as one line in Indonesian or English.
//!
//! Formats only what `compare` found; it decides nothing and computes no score.

use crate::compare::{InputChange, Presence, Quantity, Reason, ReasonPart, RubricChange};
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
            label, from, to, ..
        } => {
            if id {
                format!("Bobot dimensi {label}: {} → {}", p(*from), p(*to))
            } else {
                format!("Weight of dimension {label}: {} → {}", p(*from), p(*to))
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
            label, from, to, ..
        } => {
            if id {
                format!(
                    "Bobot indikator {label}: {} → {} dari total",
                    p(*from),
                    p(*to)
                )
            } else {
                format!(
                    "Weight of indicator {label}: {} → {} of the total",
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
            cap,
            ..
        } => {
            if id {
                format!("Syarat baru {label}: `{require}` (paling baik {cap})")
            } else {
                format!("New gate {label}: `{require}` (at best {cap})")
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
            from_cap,
            to_require,
            to_cap,
            ..
        } => {
            if id {
                format!(
                    "Syarat {label}: `{from_require}` (paling baik {from_cap}) → `{to_require}` (paling baik {to_cap})"
                )
            } else {
                format!(
                    "Gate {label}: `{from_require}` (at best {from_cap}) → `{to_require}` (at best {to_cap})"
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
                (None, true) => format!("Putusan baru {label} (skor ≥ {})", n(*to)),
                (None, false) => format!("New verdict {label} (score ≥ {})", n(*to)),
            }
        }
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

/// `added` / `removed` / `both`, as the terminal shows a unit's presence.
pub fn presence(p: Presence) -> &'static str {
    match p {
        Presence::Both => "both",
        Presence::Added => "added",
        Presence::Removed => "removed",
    }
}

/// One line: "Dinas X: Layak → Layak Terbatas karena …".
pub fn reason(r: &Reason, old_verdict: &str, new_verdict: &str, lang: Lang) -> String {
    let id = lang == Lang::Id;
    let mut why: Vec<String> = r.parts.iter().map(|p| reason_part(p, lang)).collect();
    if why.is_empty() {
        why.push(if id {
            "perubahan kecil pada beberapa indikator".into()
        } else {
            "small changes in several indicators".into()
        });
    }
    let because = if id { "karena" } else { "because" };
    let and = if id { " dan " } else { " and " };
    format!(
        "{}: {old_verdict} → {new_verdict} {because} {}",
        r.unit,
        why.join(and)
    )
}

fn reason_part(p: &ReasonPart, lang: Lang) -> String {
    let id = lang == Lang::Id;
    let pc = |x: f64| pct(x, lang);
    let up_down = |from: f64, to: f64| match (to > from, id) {
        (true, true) => "naik",
        (false, true) => "turun",
        (true, false) => "up",
        (false, false) => "down",
    };
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
        ReasonPart::DimensionWeight {
            label,
            from,
            to,
            score,
            ..
        } => {
            let s = format::number(*score, 1, lang);
            if id {
                format!(
                    "bobot {label} {} {} → {} (skor dimensi {s})",
                    up_down(*from, *to),
                    pc(*from),
                    pc(*to)
                )
            } else {
                format!(
                    "the weight of {label} went {} {} → {} (dimension score {s})",
                    up_down(*from, *to),
                    pc(*from),
                    pc(*to)
                )
            }
        }
        ReasonPart::IndicatorRemoved { label, value, .. } => {
            if id {
                format!("indikator {label} dihapus (nilainya {value})")
            } else {
                format!("the indicator {label} was removed (value {value})")
            }
        }
        ReasonPart::IndicatorAdded { label, value, .. } => {
            if id {
                format!("indikator baru {label} ({value})")
            } else {
                format!("the new indicator {label} ({value})")
            }
        }
        ReasonPart::IndicatorWeight {
            label,
            from,
            to,
            value,
            ..
        } => {
            if id {
                format!(
                    "bobot {label} {} {} → {} dari total (nilainya {value})",
                    up_down(*from, *to),
                    pc(*from),
                    pc(*to)
                )
            } else {
                format!(
                    "the weight of {label} went {} {} → {} of the total (value {value})",
                    up_down(*from, *to),
                    pc(*from),
                    pc(*to)
                )
            }
        }
        ReasonPart::EffectiveWeight {
            label, from, to, ..
        } => {
            if id {
                format!("bobot {label} berubah {} → {}", pc(*from), pc(*to))
            } else {
                format!("the weight of {label} changed {} → {}", pc(*from), pc(*to))
            }
        }
        ReasonPart::Scoring {
            label, from, to, ..
        } => {
            let (a, b) = (format::number(*from, 1, lang), format::number(*to, 1, lang));
            if id {
                format!("kurva/target {label} berubah (skor {a} → {b})")
            } else {
                format!("the curve/target of {label} changed (score {a} → {b})")
            }
        }
        ReasonPart::Data {
            label, from, to, ..
        } => {
            let show = |q: &Option<Quantity>| match q {
                Some(q) => quantity(q, lang),
                None if id => "tidak ada data".into(),
                None => "no data".into(),
            };
            if id {
                format!("{label} berubah {} → {}", show(from), show(to))
            } else {
                format!("{label} changed {} → {}", show(from), show(to))
            }
        }
    }
}
