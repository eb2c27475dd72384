//! The evaluation in words: every sentence, label and shown figure of the evaluation report
//! (Laporan Hasil Pemantauan dan Evaluasi), in the run's language, from the `Evaluation` value.
//! The Markdown/Word, HTML and workbook renderers lay these out; none of them words or computes.
//!
//! Figures: a change is shown with one decimal, or more when rounding would carry it across the
//! tolerance that decided its outcome (a bound of −9,96 % against a tolerance of 10 % never
//! reads "−10,0 %"). Relative changes in %, absolute changes of a share in percentage points,
//! others in the measure's own unit.
//!
//! Nothing here computes an estimate or reads a file.

use crate::evaluate::estimate::{Interval, Outcome, Pooled, Scale};
use crate::evaluate::result::{Evaluation, MeasureResult, NotEvaluable, UnitInfo};
use crate::format::{self, round};
use crate::report::briefing::long_date;
use crate::report::templates::lcfirst;
use crate::rubric::{Lang, Scope};
use serde::Serialize;

/// The whole report's words.
#[derive(Debug, Clone, Serialize)]
pub struct View {
    pub lang: &'static str,
    pub title: String,
    pub rubric_title: String,
    pub date: String,
    pub period: String,
    /// The answer, first: one line per scope, then the units not evaluable, the plan, the
    /// placebo and what a naive comparison would have said; each with a bold head.
    pub answer: Vec<Line>,
    pub dasar: Vec<String>,
    pub tujuan: Vec<String>,
    pub lingkup: Vec<String>,
    pub metode: Vec<String>,
    pub scopes: Vec<ScopeView>,
    pub kesimpulan: Vec<String>,
    pub rekomendasi: Vec<String>,
    /// Per treated unit and scope (annex): headings then rows.
    pub unit_head: Vec<String>,
    pub unit_rows: Vec<Vec<String>>,
    pub not_evaluable: Vec<String>,
    pub readiness_head: Vec<String>,
    pub readiness_rows: Vec<Vec<String>>,
    pub predictors: Vec<String>,
    pub checks_head: Vec<String>,
    pub checks_rows: Vec<Vec<String>>,
    pub periods_head: Vec<String>,
    pub periods_rows: Vec<Vec<String>>,
    pub footer: String,
    /// Per measure, the treated units' effects for the HTML charts.
    pub charts: Vec<ChartView>,
}

/// A line with a bold head (the templates make it bold: values are escaped).
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub head: String,
    pub text: String,
}

fn line(head: String, text: String) -> Line {
    Line { head, text }
}

#[derive(Debug, Clone, Serialize)]
pub struct ScopeView {
    pub heading: String,
    pub verdict: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub notes: Vec<String>,
}

/// One measure's chart: each treated unit's effect and interval against the tolerance, in the
/// shown unit (%, points).
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    pub title: String,
    pub tolerance: f64,
    /// Better is up (higher) or down (lower), in words.
    pub better: String,
    pub rows: Vec<ChartRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChartRow {
    pub unit: String,
    pub point: f64,
    pub lo: f64,
    pub hi: f64,
    pub outcome: String,
    pub outcome_id: String,
    pub shown: String,
}

fn t(lang: Lang, id: &str, en: &str) -> String {
    match lang {
        Lang::Id => id.to_string(),
        Lang::En => en.to_string(),
    }
}

pub fn scope_label(s: Scope, lang: Lang) -> String {
    match s {
        Scope::Kinerja => t(lang, "Kinerja", "Performance"),
        Scope::Disiplin => t(lang, "Disiplin", "Discipline"),
        Scope::Infrastruktur => t(lang, "Kesiapan infrastruktur", "Infrastructure readiness"),
        Scope::Layanan => t(lang, "Layanan publik", "Public service"),
        Scope::Anggaran => t(lang, "Anggaran", "Budget"),
    }
}

pub fn outcome_label(o: Option<Outcome>, lang: Lang) -> String {
    match o {
        Some(Outcome::Fell) => t(lang, "turun", "fell"),
        Some(Outcome::Inconclusive) => t(lang, "belum dapat disimpulkan", "inconclusive"),
        Some(Outcome::Held) => t(lang, "terjaga", "held"),
        Some(Outcome::Rose) => t(lang, "naik", "rose"),
        None => t(lang, "tidak ada data", "no data"),
    }
}

pub fn outcome_id(o: Option<Outcome>) -> &'static str {
    match o {
        Some(Outcome::Fell) => "fell",
        Some(Outcome::Inconclusive) => "inconclusive",
        Some(Outcome::Held) => "held",
        Some(Outcome::Rose) => "rose",
        None => "none",
    }
}

/// A measure's change in its shown unit: % (relative), points of % (a share), or its own unit.
pub fn shown_value(m: &MeasureResult, x: f64) -> f64 {
    match (m.scale, m.share) {
        (Scale::Relative, _) | (Scale::Absolute, true) => 100.0 * x,
        (Scale::Absolute, false) => x,
    }
}

/// A change `x` (estimator units) shown with its sign and unit, with as many decimals as it takes
/// to stay on its side of ±tolerance.
pub fn change(m: &MeasureResult, x: f64, lang: Lang) -> String {
    format!("{}{}", bare_change(m, x, lang), unit_of(m, lang))
}

/// The unit a change of `m` is shown in, with its leading space where the language has one.
fn unit_of(m: &MeasureResult, lang: Lang) -> &'static str {
    match (m.scale, m.share, lang) {
        (Scale::Relative, _, Lang::Id) => " %",
        (Scale::Relative, _, Lang::En) => "%",
        (Scale::Absolute, true, Lang::Id) => " poin persen",
        (Scale::Absolute, true, Lang::En) => " percentage points",
        (Scale::Absolute, false, _) => "",
    }
}

/// `change` without its unit.
fn bare_change(m: &MeasureResult, x: f64, lang: Lang) -> String {
    let v = shown_value(m, x);
    let tol = shown_value(m, m.tolerance);
    let d = (1..=4u32)
        .find(|d| {
            let r = round(v, *d);
            [-tol, tol]
                .iter()
                .all(|b| (r >= *b) == (v >= *b) && (r <= *b) == (v <= *b))
        })
        .unwrap_or(4);
    let r = round(v, d);
    let sign = if r > 0.0 {
        "+"
    } else if r < 0.0 {
        "−"
    } else {
        ""
    };
    let n = format::number(r.abs(), d as usize, lang);
    format!("{sign}{n}")
}

/// `point unit (lo to hi)`: the unit once.
pub fn interval(m: &MeasureResult, iv: &Interval, lang: Lang) -> String {
    let to = t(lang, "s.d.", "to");
    format!(
        "{} ({} {to} {})",
        change(m, iv.point, lang),
        bare_change(m, iv.lo, lang),
        bare_change(m, iv.hi, lang)
    )
}

fn tolerance(m: &MeasureResult, lang: Lang) -> String {
    let v = shown_value(m, m.tolerance);
    let n = format::number(v, 2, lang);
    match (m.scale, m.share, lang) {
        (Scale::Relative, _, Lang::Id) => format!("{n} %"),
        (Scale::Relative, _, Lang::En) => format!("{n}%"),
        (Scale::Absolute, true, Lang::Id) => format!("{n} poin persen"),
        (Scale::Absolute, true, Lang::En) => format!("{n} percentage points"),
        (Scale::Absolute, false, _) => n,
    }
}

fn label(m: &MeasureResult, lang: Lang) -> String {
    let l = m.label.get(lang).to_string();
    if m.self_reported {
        format!(
            "{l} {}",
            t(
                lang,
                "(survei, dilaporkan sendiri)",
                "(survey, self-reported)"
            )
        )
    } else {
        l
    }
}

fn unit_name(e: &Evaluation, id: &str) -> String {
    match e
        .units
        .iter()
        .find(|u| u.id == id)
        .and_then(|u| u.name.clone())
    {
        Some(n) => format!("{id} {n}"),
        None => id.to_string(),
    }
}

/// `a, b dan c` / `a, b and c`.
fn list(items: &[String], lang: Lang) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), t(lang, "dan", "and")),
    }
}

/// Each date in words: `27, 30, 31 Desember 2024`-like lists as `27 Desember 2024, …`.
fn dates(ds: &[String], lang: Lang) -> String {
    ds.iter()
        .map(|d| long_date(d, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `OPD-10: 3, OPD-12: 1`.
fn by_unit(days: &std::collections::BTreeMap<String, usize>) -> String {
    days.iter()
        .map(|(u, n)| format!("{u}: {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn period_words(dates: &[String], lang: Lang) -> String {
    match (dates.first(), dates.last()) {
        (Some(a), Some(b)) if a == b => long_date(a, lang),
        (Some(a), Some(b)) => format!("{} – {}", long_date(a, lang), long_date(b, lang)),
        _ => t(lang, "(tidak ada tanggal)", "(no dates)"),
    }
}

fn pooled_words(m: &MeasureResult, p: &Pooled, lang: Lang) -> String {
    format!(
        "{} — {}",
        interval(m, &p.estimate, lang),
        outcome_label(Some(p.outcome), lang)
    )
}

/// The report's words for `e`.
pub fn view(e: &Evaluation, lang: Lang) -> View {
    let level = format::number(100.0 * e.settings.level, 1, lang);
    let treated: Vec<&UnitInfo> = e.units.iter().filter(|u| u.treated == Some(true)).collect();
    let stayed = e.units.iter().filter(|u| u.treated == Some(false)).count();
    let not_eval: Vec<&UnitInfo> = e
        .units
        .iter()
        .filter(|u| u.not_evaluable.is_some())
        .collect();
    let unit_label = e.rubric.unit_label.get(lang).to_string();
    // A window of consecutive working days reads as a range; one with gaps is listed.
    let contiguous = e.window.windows(2).all(|w| {
        match (
            crate::evaluate::windows::days(&w[0]),
            crate::evaluate::windows::days(&w[1]),
        ) {
            (Some(a), Some(b)) => b - a <= 3,
            _ => false,
        }
    });
    let period = if contiguous {
        period_words(&e.window, lang)
    } else {
        dates(&e.window, lang)
    };

    // The answer: first what makes a comparison impossible, then per scope.
    let mut answer = Vec::new();
    let no_design = treated.is_empty() || stayed == 0;
    if treated.is_empty() {
        answer.push(line(
            t(
                lang,
                "Tidak ada yang dapat dibandingkan:",
                "Nothing to compare:",
            ),
            match lang {
                Lang::Id => format!(
                    "menurut daftar pelaksanaan tidak ada {unit_label} yang WFA pada periode ini."
                ),
                Lang::En => format!("by the log, no {unit_label} worked away in the window."),
            },
        ));
    } else if stayed == 0 {
        answer.push(line(
            t(lang, "Tidak ada pembanding:", "No comparison group:"),
            match lang {
                Lang::Id => format!("semua {unit_label} yang dapat dievaluasi WFA, sehingga pengaruh musim tidak dapat dipisahkan dari efek WFA; hasil per lingkup tidak dapat dihitung."),
                Lang::En => format!("every {unit_label} that can be evaluated worked away, so the season cannot be told apart from the effect of WFA; no scope result can be computed."),
            },
        ));
    }
    for s in e.scopes.iter().filter(|_| !no_design) {
        let fell: Vec<String> = s
            .units
            .iter()
            .filter(|(_, o)| **o == Some(Outcome::Fell))
            .map(|(u, _)| unit_name(e, u))
            .collect();
        let open = s
            .units
            .values()
            .filter(|o| **o == Some(Outcome::Inconclusive))
            .count();
        let province = outcome_label(s.province, lang);
        let head = match lang {
            Lang::Id => format!(
                "{} tingkat provinsi: {province}",
                scope_label(s.scope, lang)
            ),
            Lang::En => format!("{}, province: {province}", scope_label(s.scope, lang)),
        };
        // The deciding measure's province estimate with its interval and tolerance.
        let decided = s
            .deciding
            .as_ref()
            .and_then(|id| e.measures.iter().find(|m| &m.id == id))
            .and_then(|m| m.result.province.map(|p| (m, p)))
            .map(|(m, p)| {
                let sign = match m.direction {
                    crate::evaluate::estimate::Direction::Higher => "−",
                    crate::evaluate::estimate::Direction::Lower => "+",
                };
                match lang {
                    Lang::Id => format!(
                        " {} {} (interval {level} %: {} s.d. {}; batas {sign}{}).",
                        label(m, lang),
                        change(m, p.estimate.point, lang),
                        bare_change(m, p.estimate.lo, lang),
                        bare_change(m, p.estimate.hi, lang),
                        tolerance(m, lang)
                    ),
                    Lang::En => format!(
                        " {} {} ({level}% interval: {} to {}; limit {sign}{}).",
                        label(m, lang),
                        change(m, p.estimate.point, lang),
                        bare_change(m, p.estimate.lo, lang),
                        bare_change(m, p.estimate.hi, lang),
                        tolerance(m, lang)
                    ),
                }
            })
            .unwrap_or_default();
        // What "province" means, said once (on the first scope).
        let mut line = match (lang, answer.is_empty()) {
            (Lang::Id, true) => {
                format!("(rata-rata {unit_label} yang WFA dibanding yang tidak).{decided}")
            }
            (Lang::En, true) => {
                format!("(the {unit_label}s that worked away against those that did not).{decided}")
            }
            (_, false) => format!("— {}", decided.trim_start()),
        };
        if !fell.is_empty() {
            line.push(' ');
            line.push_str(&match lang {
                Lang::Id => format!(
                    "Turun di {} {unit_label}: {}.",
                    fell.len(),
                    list(&fell, lang)
                ),
                Lang::En => format!(
                    "Fell in {} {unit_label}{}: {}.",
                    fell.len(),
                    if fell.len() == 1 { "" } else { "s" },
                    list(&fell, lang)
                ),
            });
        }
        if open > 0 {
            line.push(' ');
            line.push_str(&match lang {
                Lang::Id => format!("Belum dapat disimpulkan di {open} {unit_label} ({} hari terlalu sedikit untuk sedikitnya satu ukuran).", e.window_with_data.len()),
                Lang::En => format!("Inconclusive in {open} {unit_label}{}: at least one of their measures has an interval too wide for {} days.", if open == 1 { "" } else { "s" }, e.window_with_data.len()),
            });
        }
        answer.push(self::line(head, line));
    }
    if !e.scopes.iter().any(|s| s.scope == Scope::Infrastruktur) {
        answer.push(line(
            t(
                lang,
                "Kesiapan infrastruktur: tidak diukur",
                "Infrastructure readiness: not measured",
            ),
            t(
                lang,
                "— Pasal 35 mewajibkan evaluasi kesiapan infrastruktur; tambahkan ukurannya (mis. gangguan jaringan atau aplikasi per hari) pada rubrik evaluasi.",
                "— Article 35 requires infrastructure readiness to be evaluated; add a measure of it (e.g. network or application outages a day) to the evaluation rubric.",
            ),
        ));
    }
    if !not_eval.is_empty() {
        let names: Vec<String> = not_eval.iter().map(|u| unit_name(e, &u.id)).collect();
        answer.push(match lang {
            Lang::Id => line(
                format!("Tidak dapat dievaluasi: {} {unit_label}", not_eval.len()),
                format!(
                    "— {}: tidak ada daftar pelaksanaan WFA, sehingga tidak diketahui siapa bekerja di mana.",
                    list(&names, lang)
                ),
            ),
            Lang::En => line(
                format!("Cannot be evaluated: {} {unit_label}s", not_eval.len()),
                format!("— {}: no WFA log, so nobody knows who worked where.", list(&names, lang)),
            ),
        });
    }
    answer.push(match &e.plan {
        Some(p) if p.fixed_in_advance => match lang {
            Lang::Id => line(
                "Ukuran ditetapkan sebelum data dilihat:".into(),
                format!(
                    "ukuran, batas toleransi dan periode dibekukan {} dan tidak berubah.",
                    long_date(&p.frozen_at, lang)
                ),
            ),
            Lang::En => line(
                "Measures fixed before the data was seen:".into(),
                format!(
                    "the measures, tolerances and window were frozen on {} and did not change.",
                    long_date(&p.frozen_at, lang)
                ),
            ),
        },
        Some(p) => {
            let mut why = Vec::new();
            if !p.before_window {
                why.push(t(lang, "rencana dibekukan tidak sebelum periode WFA", "the plan was not frozen before the window"));
            }
            if !p.rubric_matches {
                why.push(t(lang, "rubrik berubah sesudah rencana", "the rubric changed after the plan"));
            }
            if !p.window_matches {
                why.push(t(lang, "periode berbeda dari rencana", "the window differs from the plan"));
            }
            for (m, what) in &p.changes {
                let name = e
                    .measures
                    .iter()
                    .find(|x| &x.id == m)
                    .map(|x| label(x, lang))
                    .unwrap_or_else(|| m.clone());
                let change = match (what.as_str(), lang) {
                    ("added", Lang::Id) => "ditambahkan sesudah rencana",
                    ("added", Lang::En) => "added after the plan",
                    ("removed", Lang::Id) => "dihapus sesudah rencana",
                    ("removed", Lang::En) => "removed after the plan",
                    ("tolerance", Lang::Id) => "batas toleransi diubah",
                    ("tolerance", Lang::En) => "tolerance changed",
                    ("value", Lang::Id) => "rumus diubah",
                    ("value", Lang::En) => "formula changed",
                    ("direction", Lang::Id) => "arah diubah",
                    ("direction", Lang::En) => "direction changed",
                    ("scale", Lang::Id) => "skala diubah",
                    ("scale", Lang::En) => "scale changed",
                    (_, Lang::Id) => "lingkup diubah",
                    (_, Lang::En) => "scope changed",
                };
                let values = p
                    .tolerances
                    .iter()
                    .find(|(id, _, _)| id == m && what == "tolerance")
                    .map(|(_, a, b)| {
                        format!(" ({} → {})", format::number(*a, 4, lang), format::number(*b, 4, lang))
                    })
                    .unwrap_or_default();
                why.push(format!("{name}: {change}{values}"));
            }
            line(
                t(
                    lang,
                    "Ukuran tidak terbukti ditetapkan sebelum data dilihat:",
                    "The measures are not shown to be fixed before the data was seen:",
                ),
                format!("{}.", why.join("; ")),
            )
        }
        None => line(
            t(lang, "Tanpa rencana yang dibekukan:", "No frozen plan:"),
            t(
                lang,
                "ukuran dan toleransi tidak dibekukan sebelum periode, sehingga dapat saja dipilih sesudah data dilihat.",
                "no evaluation plan was frozen before the window, so the measures and tolerances may have been chosen after seeing the data.",
            ),
        ),
    });
    let placebo_effects: Vec<String> = e
        .measures
        .iter()
        .filter(|m| {
            m.result
                .placebo
                .is_some_and(|p| matches!(p.outcome, Outcome::Fell | Outcome::Rose))
        })
        .map(|m| label(m, lang))
        .collect();
    let placebo_open: Vec<String> = e
        .measures
        .iter()
        .filter(|m| {
            m.result
                .placebo
                .is_some_and(|p| p.outcome == Outcome::Inconclusive)
        })
        .map(|m| label(m, lang))
        .collect();
    let adjacent = e.measures.iter().any(|m| m.result.adjacent_baseline);
    let any_placebo = e.measures.iter().any(|m| m.result.placebo.is_some());
    if adjacent || any_placebo {
        answer.push(if adjacent {
        line(
            t(lang, "Peringatan:", "Warning:"),
            t(
                lang,
                "tidak ada data periode yang sama tahun sebelumnya; pembanding adalah hari kerja tepat sebelum periode, yang tidak menghilangkan pengaruh musim akhir tahun.",
                "there is no data for the same days a year earlier; the comparison is with the working days just before the window, which does not remove the year-end season.",
            ),
        )
    } else if placebo_effects.is_empty() {
        let mut text = t(
            lang,
            "setahun sebelumnya, ketika tidak ada yang WFA, metode yang sama tidak menemukan perubahan melebihi batas toleransi: musim akhir tahun tidak terbaca sebagai efek WFA.",
            "a year earlier, when nobody worked away, the same method finds no change beyond the tolerance: the year-end season is not read as an effect of WFA.",
        );
        if !placebo_open.is_empty() {
            text.push(' ');
            text.push_str(&match lang {
                Lang::Id => format!("Untuk {} uji ini belum dapat memastikan (data terlalu beragam).", lcfirst(&list(&placebo_open, lang))),
                Lang::En => format!("For {} the test cannot tell (the data varies too much).", lcfirst(&list(&placebo_open, lang))),
            });
        }
        line(t(lang, "Uji plasebo:", "Placebo:"), text)
    } else {
        match lang {
            Lang::Id => line(
                format!("Uji plasebo menunjukkan \"efek\" pada {}", list(&placebo_effects, lang)),
                "padahal setahun sebelumnya tidak ada yang WFA: hasil ukuran itu mencerminkan musim atau cara pencatatan, bukan WFA.".into(),
            ),
            Lang::En => line(
                format!("The placebo shows an \"effect\" on {}", list(&placebo_effects, lang)),
                "although nobody worked away a year earlier: that measure's result reflects the season or how it is recorded, not WFA.".into(),
            ),
        }
    });
    }
    if !e.sparse_dates.is_empty() {
        answer.push(line(
            t(lang, "Periksa tanggal:", "Check the dates:"),
            match lang {
                Lang::Id => format!("{} hanya tercatat pada daftar pelaksanaan sebagian kecil {unit_label}, tetapi ikut menjadi periode WFA semua {unit_label}; bila itu salah ketik, perbaiki daftarnya atau tetapkan periode (--period).", dates(&e.sparse_dates, lang)),
                Lang::En => format!("{} appear in the log of only a few {unit_label}s but widen every {unit_label}'s window; if that is a typing slip, correct the log or set the window (--period).", dates(&e.sparse_dates, lang)),
            },
        ));
    }
    if !e.unknown_units.is_empty() {
        answer.push(line(
            t(lang, "Kode tidak dikenal:", "Unknown codes:"),
            match lang {
                Lang::Id => format!(
                    "{} ada di data tetapi tidak ada dalam daftar {unit_label}; tidak dievaluasi.",
                    list(&e.unknown_units, lang)
                ),
                Lang::En => format!(
                    "{} are in the data but not in the list of {unit_label}s; not evaluated.",
                    list(&e.unknown_units, lang)
                ),
            },
        ));
    }
    if let Some(m) = e
        .measures
        .iter()
        .find(|m| m.result.naive.is_some_and(|n| n.outcome == Outcome::Fell))
    {
        let n = m
            .result
            .naive
            .as_ref()
            .map(|n| change(m, n.estimate.point.abs(), lang).replace('+', ""))
            .unwrap_or_default();
        answer.push(match lang {
            Lang::Id => line(
                "Mengapa tidak sebelum/sesudah:".into(),
                format!(
                    "dibanding hari-hari sebelum periode, {} di {unit_label} yang WFA akan tampak turun {n}; sebagian besar karena musim akhir tahun, yang juga dialami {unit_label} yang tidak WFA.",
                    lcfirst(m.label.get(lang))
                ),
            ),
            Lang::En => line(
                "Why not before/after:".into(),
                format!(
                    "a simple comparison with the days before the window would say {} fell {n} in the {unit_label}s that worked away — mostly the year-end season, which the {unit_label}s that stayed had too.",
                    lcfirst(m.label.get(lang))
                ),
            ),
        });
    }

    let dasar = match lang {
        Lang::Id => vec![format!(
            "Peraturan Menteri PANRB Nomor 4 Tahun 2025 Pasal 35 (pemantauan dan evaluasi kinerja, disiplin dan kesiapan infrastruktur); rubrik evaluasi {} versi {}.",
            e.rubric.id, e.rubric.version
        )],
        Lang::En => vec![format!(
            "Regulation of the Minister for Administrative and Bureaucratic Reform 4/2025, Article 35 (monitoring and evaluation of performance, discipline and infrastructure readiness); evaluation rubric {} version {}.",
            e.rubric.id, e.rubric.version
        )],
    };
    let tujuan = vec![t(
        lang,
        "Menilai dengan ukuran yang jelas dan terukur apakah kinerja, disiplin dan layanan OPD yang WFA tetap terjaga, sebagai dasar keputusan periode berikutnya.",
        "To judge whether the performance, discipline and service of the units that worked away held, with clear and measurable measures, as the basis for deciding the next WFA window.",
    )];
    let lingkup = vec![
        match lang {
            Lang::Id => format!(
                "Periode WFA: {period} ({} hari dengan data){}.",
                e.window_with_data.len(),
                if e.log_outside > 0 {
                    format!(
                        "; {} baris daftar pelaksanaan di luar periode tidak dipakai",
                        format::number(e.log_outside as f64, 0, lang)
                    )
                } else {
                    String::new()
                }
            ),
            Lang::En => format!(
                "WFA window: {period} ({} days with data){}.",
                e.window_with_data.len(),
                if e.log_outside > 0 {
                    format!(
                        "; {} log rows outside the window are not used",
                        format::number(e.log_outside as f64, 0, lang)
                    )
                } else {
                    String::new()
                }
            ),
        },
        match lang {
            Lang::Id => format!(
                "{} {unit_label}: {} melaksanakan WFA, {stayed} tidak (pembanding), {} tidak dapat dievaluasi.",
                e.units.len(),
                treated.len(),
                not_eval.len()
            ),
            Lang::En => format!(
                "{} {unit_label}s: {} worked away, {stayed} did not (the comparison), {} cannot be evaluated.",
                e.units.len(),
                treated.len(),
                not_eval.len()
            ),
        },
        {
            let per_scope: Vec<String> = e
                .scopes
                .iter()
                .map(|s| {
                    format!(
                        "{} {}",
                        s.measures.len(),
                        lcfirst(&scope_label(s.scope, lang))
                    )
                })
                .collect();
            match lang {
                Lang::Id => format!(
                    "Ukuran: {} ukuran — {} (bagian V).",
                    e.measures.len(),
                    list(&per_scope, lang)
                ),
                Lang::En => format!(
                    "Measures: {} — {} (section V).",
                    e.measures.len(),
                    list(&per_scope, lang)
                ),
            }
        },
    ];
    // The window and the units in one item: the report's main text fits two pages.
    let lingkup = match lingkup.as_slice() {
        [w, u, rest @ ..] => std::iter::once(format!("{w} {u}"))
            .chain(rest.iter().cloned())
            .collect(),
        _ => lingkup,
    };
    let baseline_words = match e.settings.baseline {
        crate::rubric::Baseline::Year => t(
            lang,
            "hari kerja yang sama setahun sebelumnya (menghilangkan pengaruh musim akhir tahun: penutupan APBD, cuti bersama, permintaan layanan rendah)",
            "the same working days a year earlier (removes the year-end season: budget closing, collective leave, low demand)",
        ),
        crate::rubric::Baseline::Before => t(
            lang,
            "hari kerja tepat sebelum periode (tidak menghilangkan pengaruh musim)",
            "the working days just before the window (does not remove the season)",
        ),
    };
    let metode = match lang {
        Lang::Id => vec![
            format!("Perubahan setiap {unit_label} dibanding {baseline_words}, dikurangi rata-rata perubahan {unit_label} yang tidak WFA (selisih dari selisih): pengaruh yang sama bagi semua {unit_label} saling meniadakan."),
            if e.settings.simultaneous {
                format!("Setiap hasil disertai interval {level} %; interval per {unit_label} berlaku serentak untuk semua {unit_label} yang WFA (koreksi Bonferroni), interval provinsi dari bootstrap atas {unit_label} ({} ulangan, benih {}).", e.settings.runs, e.settings.seed)
            } else {
                format!("Interval {level} % (per {unit_label} dari sebaran perubahan {unit_label} yang tidak WFA; provinsi dari {} pengambilan ulang acak yang dapat diulang). {} disebut turun hanya bila seluruh intervalnya di bawah batas toleransi; peluang keliru paling besar {} % untuk setiap {unit_label} dan ukuran, sehingga dengan banyak {unit_label} satu-dua sebutan keliru tetap mungkin.", e.settings.runs, crate::text::ucfirst(&unit_label), format::number(50.0 * (1.0 - e.settings.level), 1, lang))
            },
            "Terjaga: seluruh interval di atas batas toleransi (pilihan kebijakan); turun: seluruh interval di bawahnya; naik: di atas toleransi kenaikan; selain itu belum dapat disimpulkan. Uji plasebo: cara yang sama setahun sebelumnya, ketika tidak ada yang WFA.".to_string(),
            "Predikat SKP tidak dipakai sebagai ukuran kinerja: predikat SKP pegawai dibatasi oleh predikat kinerja unitnya (SE MenPANRB 3/2023).".to_string(),
        ],
        Lang::En => vec![
            format!("Each {unit_label}'s change against {baseline_words}, less the mean change of the {unit_label}s that did not work away (difference in differences): what the year did to every {unit_label} cancels."),
            if e.settings.simultaneous {
                format!("Every result comes with a {level}% interval; the per-{unit_label} intervals hold jointly for all {unit_label}s that worked away (Bonferroni), the province's is a bootstrap over {unit_label}s ({} runs, seed {}).", e.settings.runs, e.settings.seed)
            } else {
                format!("Every result comes with a {level}% interval: a {unit_label}'s from the spread of the changes of the {unit_label}s that stayed, the province's a bootstrap over {unit_label}s ({} runs, seed {}). A {unit_label} is named fallen only when its whole interval lies below the tolerance: one whose true change is within the tolerance is named with a chance of at most {}%.", e.settings.runs, e.settings.seed, format::number(50.0 * (1.0 - e.settings.level), 1, lang))
            },
            "Held: the whole interval above the tolerated fall (a policy choice of the rubric); fell: the whole interval below it; rose: the whole interval above the tolerated rise; inconclusive: the interval is too wide. The placebo applies the same method a year earlier, when nobody worked away.".to_string(),
            "SKP ratings (predicates) are not used as a performance measure: they are force-distributed against the unit's own rating (SE MenPANRB 3/2023).".to_string(),
        ],
    };

    // Per scope, the measures' province estimates.
    let scopes = e
        .scopes
        .iter()
        .map(|s| {
            let head = vec![
                t(lang, "Ukuran", "Measure"),
                t(lang, "Toleransi", "Tolerance"),
                t(lang, &format!("Efek WFA, provinsi (interval {level} %)"), &format!("Effect of WFA, province ({level}% interval)")),
                t(lang, &format!("{unit_label} yang memburuk"), &format!("{unit_label}s that got worse")),
            ];
            let mut notes = Vec::new();
            let rows = e
                .measures
                .iter()
                .filter(|m| m.scope == s.scope)
                .map(|m| {
                    let skipped: Vec<String> = m
                        .result
                        .units
                        .iter()
                        .filter(|u| u.treated)
                        .filter_map(|u| {
                            let why = match u.skipped? {
                                crate::evaluate::estimate::Skip::NoDays => t(lang, "tidak ada data pada periode WFA atau pembanding", "no data in the window or the baseline"),
                                crate::evaluate::estimate::Skip::NotPositive => t(lang, "rata-rata nol atau kurang pada periode WFA atau pembanding: bila datanya benar, ini penurunan 100 %", "a mean of zero or below in the window or the baseline: if the data is right, a fall of 100 %"),
                            };
                            Some(format!("{} ({why})", u.unit))
                        })
                        .collect();
                    if !skipped.is_empty() {
                        notes.push(match lang {
                            Lang::Id => format!("{}: tidak dapat dihitung untuk {}.", label(m, lang), list(&skipped, lang)),
                            Lang::En => format!("{}: cannot be computed for {}.", label(m, lang), list(&skipped, lang)),
                        });
                    }
                    if !m.undefined_days.is_empty() {
                        let n: usize = m.undefined_days.values().sum();
                        notes.push(match lang {
                            Lang::Id => format!("{}: {n} hari-{unit_label} tanpa nilai (pembagi nol) tidak dihitung ({}).", label(m, lang), by_unit(&m.undefined_days)),
                            Lang::En => format!("{}: {n} {unit_label}-days without a value (a zero divisor) are left out ({}).", label(m, lang), by_unit(&m.undefined_days)),
                        });
                    }
                    vec![
                        label(m, lang),
                        format!("{}{}", match m.direction { crate::evaluate::estimate::Direction::Higher => "−", crate::evaluate::estimate::Direction::Lower => "+" }, tolerance(m, lang)),
                        m.result.province.as_ref().map(|p| pooled_words(m, p, lang)).unwrap_or_else(|| t(lang, "tidak dapat dihitung (kurang dari 2 OPD per kelompok)", "cannot be computed (fewer than 2 units a group)")),
                        {
                            let fell: Vec<String> = m
                                .result
                                .units
                                .iter()
                                .filter(|u| u.outcome == Some(Outcome::Fell))
                                .map(|u| u.unit.clone())
                                .collect();
                            if fell.is_empty() { "-".into() } else { fell.join(", ") }
                        },
                    ]
                })
                .collect();
            ScopeView {
                heading: scope_label(s.scope, lang),
                verdict: outcome_label(s.province, lang),
                head,
                rows,
                notes,
            }
        })
        .collect();

    // Conclusions and recommendations.
    let mut kesimpulan = Vec::new();
    let mut rekomendasi = Vec::new();
    let mut fallen: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let mut scope_words: Vec<String> = Vec::new();
    for s in &e.scopes {
        let fell: Vec<String> = s
            .units
            .iter()
            .filter(|(_, o)| **o == Some(Outcome::Fell))
            .map(|(u, _)| u.clone())
            .collect();
        for u in &fell {
            fallen
                .entry(u.clone())
                .or_default()
                .push(lcfirst(&scope_label(s.scope, lang)));
        }
        scope_words.push(format!(
            "{} {}",
            lcfirst(&scope_label(s.scope, lang)),
            outcome_label(s.province, lang)
        ));
    }
    if !scope_words.is_empty() {
        let who: Vec<String> = fallen
            .iter()
            .map(|(u, scopes)| format!("{u} ({})", list(scopes, lang)))
            .collect();
        kesimpulan.push(match (lang, who.is_empty()) {
            (Lang::Id, true) => format!(
                "Di tingkat provinsi {}; tidak ada {unit_label} yang terbukti turun.",
                list(&scope_words, lang)
            ),
            (Lang::Id, false) => format!(
                "Di tingkat provinsi {}; turun di {}.",
                list(&scope_words, lang),
                list(&who, lang)
            ),
            (Lang::En, true) => format!(
                "For the province, {}; no {unit_label} is shown to have fallen.",
                list(&scope_words, lang)
            ),
            (Lang::En, false) => format!(
                "For the province, {}; fell in {}.",
                list(&scope_words, lang),
                list(&who, lang)
            ),
        });
    }
    if !fallen.is_empty() {
        let who: Vec<String> = fallen
            .iter()
            .map(|(u, scopes)| format!("{u} ({})", list(scopes, lang)))
            .collect();
        rekomendasi.push(match lang {
            Lang::Id => format!("Meninjau bersama kepala {unit_label} penyebab penurunan di {}; WFA di {unit_label} tersebut ditangguhkan sampai ada rencana perbaikan.", list(&who, lang)),
            Lang::En => format!("Review with the heads of the {unit_label}s the cause of the fall in {} before the next window; WFA there is suspended until an improvement plan exists.", list(&who, lang)),
        });
    }
    let open_units = e
        .scopes
        .iter()
        .flat_map(|s| s.units.values())
        .filter(|o| **o == Some(Outcome::Inconclusive))
        .count();
    if open_units > 0 {
        rekomendasi.push(t(
            lang,
            "Agar hasil dapat disimpulkan: periode lebih panjang atau catatan harian per pegawai.",
            "For inconclusive results: a longer window or fuller daily records (per staff member) next time, so that the intervals are narrow enough to decide.",
        ));
    }
    if !not_eval.is_empty() {
        rekomendasi.push(match lang {
            Lang::Id => format!("Mewajibkan {} mengisi daftar pelaksanaan WFA pada periode berikutnya.", list(&not_eval.iter().map(|u| u.id.clone()).collect::<Vec<_>>(), lang)),
            Lang::En => format!("Require {} to fill in the WFA log (the Daftar pegawai sheet of the WFA schedule) next time; without it their performance cannot be evaluated.", list(&not_eval.iter().map(|u| u.id.clone()).collect::<Vec<_>>(), lang)),
        });
    }
    if e.plan.as_ref().is_none_or(|p| !p.fixed_in_advance) {
        rekomendasi.push(t(
            lang,
            "Membekukan ukuran dan batas toleransi sebelum periode berikutnya.",
            "Fix and freeze the measures and tolerances before the next window.",
        ));
    }

    // Annex: per treated unit, per scope.
    let mut unit_head = vec![
        unit_label.clone(),
        t(lang, "Hari WFA", "WFA days"),
        t(
            lang,
            "Persentase hari kerja pegawai yang WFA",
            "Share of staff working days away",
        ),
    ];
    unit_head.extend(e.scopes.iter().map(|s| scope_label(s.scope, lang)));
    let unit_rows = treated
        .iter()
        .map(|u| {
            let mut row = vec![
                unit_name(e, &u.id),
                u.days_away.to_string(),
                u.share_away
                    .map(|s| {
                        format!(
                            "{}{}",
                            format::number(100.0 * s, 0, lang),
                            if lang == Lang::Id { " %" } else { "%" }
                        )
                    })
                    .unwrap_or_else(|| {
                        t(
                            lang,
                            "disembunyikan (kelompok kecil)",
                            "suppressed (small group)",
                        )
                    }),
            ];
            row.extend(
                e.scopes
                    .iter()
                    .map(|s| outcome_label(s.units.get(&u.id).copied().flatten(), lang)),
            );
            row
        })
        .collect();
    let not_evaluable = not_eval
        .iter()
        .map(|u| {
            let why = match u.not_evaluable {
                Some(NotEvaluable::NoLog) => t(
                    lang,
                    "tidak mengirim daftar pelaksanaan WFA",
                    "sent no WFA log",
                ),
                _ => t(
                    lang,
                    "daftar pelaksanaan tidak memuat tanggal periode WFA",
                    "the log has no date of the window",
                ),
            };
            format!("{} — {why}", unit_name(e, &u.id))
        })
        .collect();

    // Readiness × outcome.
    let (readiness_head, readiness_rows, predictors) = match &e.readiness {
        None => (Vec::new(), Vec::new(), Vec::new()),
        Some(r) => {
            let head = vec![
                t(lang, "Kesiapan", "Readiness"),
                t(lang, "WFA: turun", "Away: fell"),
                t(lang, "WFA: belum dapat disimpulkan", "Away: inconclusive"),
                t(lang, "WFA: terjaga", "Away: held"),
                t(lang, "WFA: naik", "Away: rose"),
                t(lang, "Tidak WFA", "Stayed"),
                t(lang, "Tidak dapat dievaluasi", "Not evaluable"),
            ];
            let rows = r
                .table
                .iter()
                .map(|v| {
                    vec![
                        v.verdict_label.clone(),
                        v.fell.to_string(),
                        v.inconclusive.to_string(),
                        (v.held + v.no_outcome).to_string(),
                        v.rose.to_string(),
                        v.stayed.to_string(),
                        v.not_evaluable.to_string(),
                    ]
                })
                .collect();
            let worst = r.table.last().map(|v| v.verdict.clone());
            let mut p: Vec<String> = r
                .units
                .iter()
                .filter(|u| u.treated == Some(true) && u.verdict == worst)
                .map(|u| match lang {
                    Lang::Id => format!(
                        "{} dinilai {} tetapi tetap WFA: {} {}.",
                        unit_name(e, &u.id),
                        u.verdict_label.clone().unwrap_or_default(),
                        scope_label(r.scope, lang).to_lowercase(),
                        outcome_label(u.outcome, lang)
                    ),
                    Lang::En => format!(
                        "{} was rated {} but worked away anyway: {} {}.",
                        unit_name(e, &u.id),
                        u.verdict_label.clone().unwrap_or_default(),
                        scope_label(r.scope, lang).to_lowercase(),
                        outcome_label(u.outcome, lang)
                    ),
                })
                .collect();
            let mut ranked: Vec<_> = r
                .predictors
                .iter()
                .filter_map(|x| x.rho.map(|rho| (x, rho)))
                .collect();
            ranked.sort_by(|a, b| {
                b.1.abs()
                    .total_cmp(&a.1.abs())
                    .then(a.0.indicator.cmp(&b.0.indicator))
            });
            for (x, rho) in ranked.into_iter().take(3) {
                p.push(match lang {
                    Lang::Id => format!("Indikator kesiapan \"{}\": korelasi peringkat dengan hasil {} {} (n = {}) — petunjuk untuk rubrik berikutnya, bukan bukti.", x.label, scope_label(r.scope, lang).to_lowercase(), format::number(rho, 2, lang), x.n),
                    Lang::En => format!("Readiness indicator \"{}\": rank correlation with the {} outcome {} (n = {}) — a pointer for the next rubric, not proof.", x.label, scope_label(r.scope, lang).to_lowercase(), format::number(rho, 2, lang), x.n),
                });
            }
            (head, rows, p)
        }
    };

    let checks_head = vec![
        t(lang, "Ukuran", "Measure"),
        t(
            lang,
            "Plasebo setahun sebelumnya (semestinya terjaga)",
            "Placebo a year earlier (should hold)",
        ),
        t(
            lang,
            "Sebelum/sesudah sederhana (tanpa pembanding)",
            "Simple before/after (no comparison group)",
        ),
    ];
    let checks_rows = e
        .measures
        .iter()
        .map(|m| {
            vec![
                label(m, lang),
                m.result
                    .placebo
                    .as_ref()
                    .map(|p| pooled_words(m, p, lang))
                    .unwrap_or_else(|| "-".into()),
                m.result
                    .naive
                    .as_ref()
                    .map(|p| interval(m, &p.estimate, lang))
                    .unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    let periods_head = vec![
        t(lang, "Ukuran", "Measure"),
        t(lang, "Periode WFA", "Window"),
        t(lang, "Pembanding", "Baseline"),
        t(lang, "Sebelum periode", "Before the window"),
        t(lang, "Sebelum pembanding", "Before the baseline"),
    ];
    let periods_rows = e
        .measures
        .iter()
        .map(|m| {
            vec![
                label(m, lang),
                dates(&m.periods.window, lang),
                if m.periods.baseline.is_empty() {
                    "-".into()
                } else {
                    dates(&m.periods.baseline, lang)
                },
                period_words(&m.periods.before, lang),
                period_words(&m.periods.baseline_before, lang),
            ]
        })
        .collect();

    let charts = e
        .measures
        .iter()
        .map(|m| ChartView {
            title: label(m, lang),
            tolerance: shown_value(m, m.tolerance),
            better: match m.direction {
                crate::evaluate::estimate::Direction::Higher => {
                    t(lang, "lebih tinggi lebih baik", "higher is better")
                }
                crate::evaluate::estimate::Direction::Lower => {
                    t(lang, "lebih rendah lebih baik", "lower is better")
                }
            },
            rows: m
                .result
                .units
                .iter()
                .filter_map(|u| {
                    let iv = u.effect?;
                    Some(ChartRow {
                        unit: u.unit.clone(),
                        point: shown_value(m, iv.point),
                        lo: shown_value(m, iv.lo),
                        hi: shown_value(m, iv.hi),
                        outcome: outcome_label(u.outcome, lang),
                        outcome_id: outcome_id(u.outcome).into(),
                        shown: interval(m, &iv, lang),
                    })
                })
                .collect(),
        })
        .collect();

    let footer = match lang {
        Lang::Id => format!(
            "Rubrik {} {} · SHA-256 {} · disusun dengan kesiapan {}",
            e.rubric.id, e.rubric.version, e.rubric.sha256, e.tool.version
        ),
        Lang::En => format!(
            "Rubric {} {} · SHA-256 {} · made with kesiapan {}",
            e.rubric.id, e.rubric.version, e.rubric.sha256, e.tool.version
        ),
    };
    View {
        lang: if lang == Lang::Id { "id" } else { "en" },
        title: t(
            lang,
            "Laporan Hasil Pemantauan dan Evaluasi Pelaksanaan WFA",
            "Report on the Monitoring and Evaluation of WFA",
        ),
        rubric_title: e.rubric.title.get(lang).to_string(),
        date: long_date(&e.generated_at, lang),
        period,
        answer,
        dasar,
        tujuan,
        lingkup,
        metode,
        scopes,
        kesimpulan,
        rekomendasi,
        unit_head,
        unit_rows,
        not_evaluable,
        readiness_head,
        readiness_rows,
        predictors,
        checks_head,
        checks_rows,
        periods_head,
        periods_rows,
        footer,
        charts,
    }
}
