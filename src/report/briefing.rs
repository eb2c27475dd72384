//! The Governor's briefing, a staff memo (Telaahan Staf): Markdown from a tera template, and the
//! same text as an editable .docx. Everything in it comes from the assessment; the memo's header
//! and signature come from a small TOML config (`reports/briefing.toml`) and the options.

use super::templates::Templates;
use crate::assessment::Assessment;
use crate::diag::Severity;
use crate::rubric::Lang;
use anyhow::{Context, Result, anyhow};
use serde::{Deserialize, Serialize};

/// The memo's header and signature block.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemoConfig {
    #[serde(default)]
    pub kepada: String,
    #[serde(default)]
    pub dari: String,
    #[serde(default)]
    pub nomor: String,
    #[serde(default)]
    pub hal: String,
    #[serde(default)]
    pub periode: String,
    #[serde(default)]
    pub dasar: String,
    #[serde(default)]
    pub tempat: String,
    #[serde(default)]
    pub jabatan: String,
    #[serde(default)]
    pub nama: String,
    #[serde(default)]
    pub tembusan: Vec<String>,
}

impl MemoConfig {
    /// Parse a config; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Self> {
        toml::from_str(text).map_err(|e| anyhow!("{origin}: {e}"))
    }

    /// The config from `file`, else `briefing.toml` of the templates; then the overrides.
    pub fn resolve(
        templates: &Templates,
        file: Option<&std::path::Path>,
        to: Option<&str>,
        from: Option<&str>,
        period: Option<&str>,
    ) -> Result<Self> {
        let mut c = match file {
            Some(f) => Self::parse(
                &std::fs::read_to_string(f)
                    .with_context(|| format!("cannot read {}", f.display()))?,
                &f.display().to_string(),
            )?,
            None => Self::parse(&templates.get("briefing.toml")?, "briefing.toml")?,
        };
        if let Some(t) = to {
            c.kepada = t.to_string();
        }
        if let Some(f) = from {
            c.dari = f.to_string();
        }
        if let Some(p) = period {
            c.periode = p.to_string();
        }
        Ok(c)
    }
}

/// File names of the memo in a language: (Markdown, Word).
pub fn file_names(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Id => ("telaahan-staf.md", "telaahan-staf.docx"),
        Lang::En => ("briefing.md", "briefing.docx"),
    }
}

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `2025-12-23T09:00:00Z` → `23 Desember 2025` (the date as written in a letter).
pub fn long_date(rfc3339: &str, lang: Lang) -> String {
    let d = rfc3339.get(..10).unwrap_or(rfc3339);
    let parts: Vec<&str> = d.split('-').collect();
    match parts.as_slice() {
        [y, m, day] => match (m.parse::<usize>(), day.parse::<u32>()) {
            (Ok(m @ 1..=12), Ok(day)) => {
                let months = match lang {
                    Lang::Id => MONTHS_ID,
                    Lang::En => MONTHS_EN,
                };
                format!("{day} {} {y}", months[m - 1])
            }
            _ => d.to_string(),
        },
        _ => d.to_string(),
    }
}

#[derive(Serialize)]
struct Group {
    id: String,
    label: String,
    count: usize,
}

/// Render the memo as Markdown.
pub fn markdown(a: &Assessment, memo: &MemoConfig, templates: &Templates) -> Result<String> {
    let lang = a.lang;
    let mut memo = memo.clone();
    if memo.hal.is_empty() {
        memo.hal = match lang {
            Lang::Id => format!("Kelayakan penerapan WFA bagi ASN pada {}", memo.periode),
            Lang::En => format!("Feasibility of WFA for civil servants on {}", memo.periode),
        };
    }
    let tanggal = long_date(&a.generated_at, lang);
    let groups: Vec<Group> = a
        .verdicts
        .iter()
        .map(|v| Group {
            id: v.id.clone(),
            label: v.label.clone(),
            count: a.summary.verdict_counts.get(&v.id).copied().unwrap_or(0),
        })
        .collect();
    let feasible_units = a
        .units
        .iter()
        .filter(|u| u.wfa.staff_allowed_at_once > 0)
        .count();
    let mut conditions: Vec<String> = Vec::new();
    for u in &a.units {
        for c in &u.wfa.conditions {
            if !conditions.contains(c) {
                conditions.push(c.clone());
            }
        }
    }
    // Failed hard conditions across units, most units first.
    let mut gates: Vec<Group> = Vec::new();
    for u in &a.units {
        for g in &u.gates_failed {
            match gates.iter_mut().find(|x| x.id == g.id) {
                Some(x) => x.count += 1,
                None => gates.push(Group {
                    id: g.id.clone(),
                    label: g.label.clone(),
                    count: 1,
                }),
            }
        }
    }
    gates.sort_by(|a, b| b.count.cmp(&a.count).then(a.id.cmp(&b.id)));
    let share = |n: i64| {
        if a.summary.staff_total > 0 {
            n as f64 / a.summary.staff_total as f64
        } else {
            0.0
        }
    };
    let rejected: usize = a.inputs.iter().map(|i| i.rows_rejected).sum();
    let mut ctx = tera::Context::from_serialize(a).map_err(|e| anyhow!("briefing context: {e}"))?;
    ctx.insert("memo", &memo);
    ctx.insert("tanggal", &tanggal);
    ctx.insert("date", &tanggal);
    ctx.insert("groups", &groups);
    ctx.insert("feasible_units", &feasible_units);
    ctx.insert("gates", &gates);
    super::capped(&mut ctx, a, "annex_units", super::ANNEX_CAP);
    ctx.insert(
        "warned",
        &a.units
            .iter()
            .filter(|u| !u.data_warnings.is_empty())
            .count(),
    );
    ctx.insert("conditions", &conditions);
    ctx.insert("eligible_share", &share(a.summary.staff_eligible));
    ctx.insert("allowed_share", &share(a.summary.staff_allowed_at_once));
    ctx.insert("errors", &rejected);
    ctx.insert(
        "warnings",
        &a.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count(),
    );
    ctx.insert(
        "top",
        &a.summary.top_obstacles.iter().take(3).collect::<Vec<_>>(),
    );
    ctx.insert("survey", &a.datasets.iter().find(|d| d.personal).cloned());
    let name = match lang {
        Lang::Id => "briefing.id.md.tera",
        Lang::En => "briefing.en.md.tera",
    };
    super::markdown::render_with(lang, name, &templates.get(name)?, &ctx)
}

/// The memo as Word, from its Markdown.
pub fn docx(md: &str) -> Result<Vec<u8>> {
    super::docx::from_markdown(md)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_dates() {
        assert_eq!(
            long_date("2025-12-23T09:00:00Z", Lang::Id),
            "23 Desember 2025"
        );
        assert_eq!(long_date("2026-03-01T00:00:00Z", Lang::En), "1 March 2026");
        assert_eq!(long_date("garbage", Lang::Id), "garbage");
    }

    #[test]
    fn the_embedded_config_parses_and_unknown_keys_are_refused() {
        let t = Templates::default();
        let c = MemoConfig::resolve(&t, None, Some("Yth. Bapak"), None, None).unwrap();
        assert_eq!(c.kepada, "Yth. Bapak");
        assert!(!c.periode.is_empty());
        assert!(MemoConfig::parse("kepda = \"x\"", "cfg").is_err());
    }
}
