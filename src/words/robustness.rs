//! The quick sensitivity run inside `assess`, as the assessment carries it: per unit the share of
//! the runs that give its verdict, the verdict the others give, the score's range and what it
//! follows most — the parameter named in words ("bobot dimensi Layanan", not `weight:layanan`);
//! for the province the staff range and the answer's share.
//!
//! Copies the run's figures; computes nothing but the lookup of the unit's own verdict.

use crate::assessment::{Robustness, SensitiveTo, UnitRobustness};
use crate::rubric::{Lang, Rubric};
use crate::sensitivity::{Sensitivity, UnitSensitivity, WeightScheme};

/// A perturbed parameter (`weight:<id>`, `curve:<id>`, `gate:<id>`) in words.
pub fn parameter_label(r: &Rubric, parameter: &str, lang: Lang) -> String {
    let (kind, id) = parameter.split_once(':').unwrap_or(("", parameter));
    let dimension = r.dimensions.iter().find(|d| d.id == id);
    let indicator = r.indicators.iter().find(|i| i.id == id);
    let gate = r.gates.iter().find(|g| g.id == id);
    match (kind, lang) {
        ("weight", _) if dimension.is_some() => {
            let l = dimension.map(|d| d.label.get(lang)).unwrap_or(id);
            match lang {
                Lang::Id => format!("bobot dimensi {l}"),
                Lang::En => format!("the weight of the {l} dimension"),
            }
        }
        ("weight", _) => {
            let l = indicator.map(|i| i.label.get(lang)).unwrap_or(id);
            match lang {
                Lang::Id => format!("bobot indikator {l}"),
                Lang::En => format!("the weight of {l}"),
            }
        }
        ("curve", Lang::Id) => format!(
            "ambang penilaian {}",
            indicator.map(|i| i.label.get(lang)).unwrap_or(id)
        ),
        ("curve", Lang::En) => format!(
            "the scoring thresholds of {}",
            indicator.map(|i| i.label.get(lang)).unwrap_or(id)
        ),
        ("gate", Lang::Id) => format!(
            "batas syarat {}",
            gate.map(|g| g.label.get(lang)).unwrap_or(id)
        ),
        ("gate", Lang::En) => format!(
            "the limit of the {} condition",
            gate.map(|g| g.label.get(lang)).unwrap_or(id)
        ),
        _ => id.to_string(),
    }
}

/// One unit's robustness, for its verdict `verdict` (a verdict id of the rubric).
pub fn unit(
    r: &Rubric,
    u: &UnitSensitivity,
    verdict: &str,
    stable: f64,
    lang: Lang,
) -> UnitRobustness {
    let share = u.shares.get(verdict).copied().unwrap_or(0.0);
    // The most frequent other verdict; ties go to the better one (rubric order).
    let other = r
        .verdicts
        .iter()
        .filter(|v| v.id != verdict)
        .map(|v| (v, u.shares.get(&v.id).copied().unwrap_or(0.0)))
        .filter(|(_, s)| *s > 0.0)
        .fold(
            None,
            |best: Option<(&crate::rubric::Verdict, f64)>, (v, s)| match best {
                Some((_, b)) if b >= s => best,
                _ => Some((v, s)),
            },
        );
    UnitRobustness {
        share,
        fragile: share < stable,
        other: other.map(|(v, _)| v.id.clone()),
        other_label: other.map(|(v, _)| v.label.get(lang).to_string()),
        other_share: other.map(|(_, s)| s).unwrap_or(0.0),
        score_p05: u.score_p05,
        score_p95: u.score_p95,
        sensitive_to: u
            .sensitive_to
            .iter()
            .map(|d| SensitiveTo {
                parameter: d.parameter.clone(),
                label: parameter_label(r, &d.parameter, lang),
                correlation: d.correlation,
            })
            .collect(),
    }
}

/// The province's part; `answer`: the verdict id the rules give over the assessed units.
pub fn summary(s: &Sensitivity, answer: &str, fragile_units: Vec<String>) -> Robustness {
    Robustness {
        runs: s.settings.runs,
        seed: s.settings.seed,
        concentration: match s.settings.weights {
            WeightScheme::Dirichlet { concentration } => concentration,
            _ => 0.0,
        },
        threshold_spread: s.settings.threshold_spread,
        stable_share: s.settings.stable_share,
        fragile_units,
        staff_allowed_p05: s.province.staff_allowed_p05,
        staff_allowed_p50: s.province.staff_allowed_p50,
        staff_allowed_p95: s.province.staff_allowed_p95,
        answer_share: s
            .province
            .verdict_shares
            .get(answer)
            .copied()
            .unwrap_or(0.0),
    }
}
