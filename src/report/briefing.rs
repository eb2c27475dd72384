//! The Governor's briefing, a staff memo (Telaahan Staf): Markdown from a tera template, and the
//! same text as an editable .docx. Everything in it comes from the assessment; the memo's header
//! and signature come from a small TOML config (`reports/briefing.toml`) and the options.

use super::bundle::{Format, RenderCtx, Renderer};
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
    /// The same fields in English (an `[en]` table), used with `--lang en` where given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<Box<MemoConfig>>,
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
                &crate::fsread::read_text(f, crate::fsread::CONFIG_LIMIT)
                    .with_context(|| format!("cannot read {}", f.display()))?,
                &f.display().to_string(),
            )?,
            None => Self::parse(&templates.get("briefing.toml")?, "briefing.toml")?,
        };
        // The options win in either language. The sender also signs: `--from` replaces the
        // signer's position, and the config's signer name (someone else's) gives way to a blank
        // to fill in.
        let apply = |m: &mut MemoConfig, unnamed: &str| {
            if let Some(t) = to {
                m.kepada = t.to_string();
            }
            if let Some(f) = from {
                m.dari = f.to_string();
                m.jabatan = f.to_string();
                m.nama = unnamed.to_string();
            }
            if let Some(p) = period {
                m.periode = p.to_string();
            }
        };
        apply(&mut c, "(nama penandatangan)");
        if let Some(e) = c.en.as_deref_mut() {
            apply(e, "(name of the signatory)");
        }
        Ok(c)
    }

    /// The config for a memo in `lang`: for English, the `[en]` fields that are given replace
    /// the others.
    pub fn for_lang(&self, lang: Lang) -> MemoConfig {
        let mut c = MemoConfig {
            en: None,
            ..self.clone()
        };
        let (Lang::En, Some(e)) = (lang, &self.en) else {
            return c;
        };
        for (to, from) in [
            (&mut c.kepada, &e.kepada),
            (&mut c.dari, &e.dari),
            (&mut c.nomor, &e.nomor),
            (&mut c.hal, &e.hal),
            (&mut c.periode, &e.periode),
            (&mut c.dasar, &e.dasar),
            (&mut c.tempat, &e.tempat),
            (&mut c.jabatan, &e.jabatan),
            (&mut c.nama, &e.nama),
        ] {
            if !from.is_empty() {
                to.clone_from(from);
            }
        }
        if !e.tembusan.is_empty() {
            c.tembusan.clone_from(&e.tembusan);
        }
        c
    }
}

/// File names of the memo in a language: (Markdown, Word).
pub fn file_names(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Id => ("telaahan-staf.md", "telaahan-staf.docx"),
        Lang::En => ("briefing.md", "briefing.docx"),
    }
}

/// `2025-12-23T09:00:00Z` → `23 Desember 2025` (the date as written in a letter).
pub fn long_date(rfc3339: &str, lang: Lang) -> String {
    let d = rfc3339.get(..10).unwrap_or(rfc3339);
    let parts: Vec<&str> = d.split('-').collect();
    match parts.as_slice() {
        [y, m, day] => match (m.parse::<u32>(), day.parse::<u32>()) {
            (Ok(m @ 1..=12), Ok(day)) => {
                format!("{day} {} {y}", crate::date::month_name(m, lang))
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
    let feasible_units = a.units.iter().filter(|u| u.wfa.allows_wfa()).count();
    // The labels of the verdicts the units that allow WFA have, best first (any number of
    // verdicts: the memo must not assume the first two are the ones that allow it).
    let feasible_verdicts: Vec<&str> = a
        .verdicts
        .iter()
        .filter(|v| {
            a.units
                .iter()
                .any(|u| u.verdict == v.id && u.wfa.allows_wfa())
        })
        .map(|v| v.label.as_str())
        .collect();
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
                    // Named as the problem ("Menjalankan layanan publik tatap muka"), not as
                    // the condition it fails ("Layanan publik garis depan").
                    label: u
                        .obstacles
                        .iter()
                        .find(|o| o.id == g.id)
                        .map(|o| o.problem.clone())
                        .unwrap_or_else(|| g.label.clone()),
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
    // Rows rejected for an error (a cell that cannot be used, an unknown unit, a repeat), apart
    // from rows that are not data at all (totals, notes, test submissions: warnings).
    let error_rows: std::collections::BTreeSet<(&str, Option<&str>, u32)> = a
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter_map(|d| Some((d.file.as_deref()?, d.sheet.as_deref(), d.row?)))
        .collect();
    let error_rows = error_rows.len().min(rejected);
    let named = |code: crate::diag::Code| -> Vec<String> {
        let mut v: Vec<String> = a
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .filter_map(|d| match code {
                crate::diag::Code::MissingDataset => d.dataset.as_ref().map(|id| {
                    a.datasets
                        .iter()
                        .find(|x| &x.id == id)
                        .map_or_else(|| id.clone(), |x| x.title.clone())
                }),
                _ => d.file.as_ref().map(|f| {
                    std::path::Path::new(f)
                        .file_name()
                        .map_or_else(|| f.clone(), |n| n.to_string_lossy().into_owned())
                }),
            })
            .collect();
        v.dedup();
        v
    };
    let mut ctx = tera::Context::from_serialize(a).map_err(|e| anyhow!("briefing context: {e}"))?;
    super::roll_lines(&mut ctx, a);
    ctx.insert("memo", &memo);
    ctx.insert("tanggal", &tanggal);
    ctx.insert("date", &tanggal);
    ctx.insert("groups", &groups);
    ctx.insert("feasible_units", &feasible_units);
    ctx.insert("feasible_verdicts", &feasible_verdicts);
    ctx.insert("gates", &gates);
    super::capped(&mut ctx, a, "annex_units", super::ANNEX_CAP);
    // The annex by verdict, best first, each group with its totals (from the assessment);
    // a file without the groups (schema before 1.5) is one list.
    let shown: Vec<&crate::assessment::Unit> = a.units.iter().take(super::ANNEX_CAP).collect();
    let annex_groups: Vec<AnnexGroup> = if a.summary.groups.is_empty() {
        vec![AnnexGroup {
            label: None,
            units: shown,
            total: None,
        }]
    } else {
        a.summary
            .groups
            .iter()
            .map(|g| AnnexGroup {
                label: Some(&g.label),
                units: shown
                    .iter()
                    .copied()
                    .filter(|u| u.verdict == g.verdict)
                    .collect(),
                total: Some(g),
            })
            .collect()
    };
    ctx.insert(
        "annex_hidden",
        &(annex_groups
            .iter()
            .flat_map(|g| &g.units)
            .any(|u| u.wfa.staff_allowed_at_once.is_none())
            || a.summary
                .groups
                .iter()
                .any(|g| g.staff_allowed_at_once.is_none())),
    );
    ctx.insert("annex_groups", &annex_groups);
    ctx.insert("has_kind", &a.units.iter().any(|u| u.kind.is_some()));
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
    ctx.insert("errors", &error_rows);
    ctx.insert("non_data", &(rejected - error_rows));
    ctx.insert(
        "missing_datasets",
        &named(crate::diag::Code::MissingDataset),
    );
    ctx.insert("skipped_files", &named(crate::diag::Code::UnreadableFile));
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
    let fragile: Vec<&crate::assessment::Unit> = a
        .units
        .iter()
        .filter(|u| u.robustness.as_ref().is_some_and(|r| r.fragile))
        .collect();
    ctx.insert(
        "fragile_feasible",
        &fragile.iter().filter(|u| u.wfa.allows_wfa()).count(),
    );
    ctx.insert("fragile", &fragile);
    ctx.insert(
        "decided",
        &a.units
            .iter()
            .filter(|u| !u.overrides.is_empty())
            .collect::<Vec<_>>(),
    );
    let name = match lang {
        Lang::Id => "briefing.id.md.tera",
        Lang::En => "briefing.en.md.tera",
    };
    templates.render(lang, name, &ctx)
}

/// One verdict's part of the memo's annex.
#[derive(serde::Serialize)]
struct AnnexGroup<'a> {
    label: Option<&'a String>,
    units: Vec<&'a crate::assessment::Unit>,
    total: Option<&'a crate::assessment::VerdictGroupSummary>,
}

/// The memo as Word, from its Markdown.
pub fn docx(md: &str, created: &str, author: &str) -> Result<Vec<u8>> {
    super::docx::from_markdown(md, created, author)
}

/// `--format briefing`: the memo as Markdown and the same text as Word.
pub struct Briefing;

impl Renderer for Briefing {
    fn format(&self) -> Format {
        Format::Briefing
    }

    fn also_writes(&self) -> &'static [Format] {
        &[Format::Docx]
    }

    fn files(&self, a: &Assessment, ctx: &RenderCtx) -> Result<Vec<(String, Vec<u8>)>> {
        let (md_name, docx_name) = file_names(a.lang);
        let md = markdown(a, &ctx.memo.for_lang(a.lang), &ctx.templates)?;
        let word = docx(&md, &a.generated_at, &ctx.memo.for_lang(a.lang).dari)?;
        Ok(vec![
            (md_name.into(), md.into_bytes()),
            (docx_name.into(), word),
        ])
    }
}

/// `--format docx`: the memo as Word only.
pub struct Docx;

impl Renderer for Docx {
    fn format(&self) -> Format {
        Format::Docx
    }

    fn files(&self, a: &Assessment, ctx: &RenderCtx) -> Result<Vec<(String, Vec<u8>)>> {
        let md = markdown(a, &ctx.memo.for_lang(a.lang), &ctx.templates)?;
        Ok(vec![(
            file_names(a.lang).1.into(),
            docx(&md, &a.generated_at, &ctx.memo.for_lang(a.lang).dari)?,
        )])
    }
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
        assert!(MemoConfig::parse("[en]\nkepda = \"x\"", "cfg").is_err());
    }

    #[test]
    fn english_fields_replace_the_given_ones_and_options_win_in_both() {
        let c = MemoConfig::parse(
            "kepada = \"Yth. Gubernur\"\nnama = \"Budi\"\ntembusan = [\"Sekda\"]\n[en]\nkepada = \"The Governor\"\n",
            "cfg",
        )
        .unwrap();
        let en = c.for_lang(Lang::En);
        assert_eq!(en.kepada, "The Governor");
        assert_eq!(en.nama, "Budi"); // not given in [en]: the base value
        assert_eq!(en.tembusan, ["Sekda"]);
        assert!(en.en.is_none());
        assert_eq!(c.for_lang(Lang::Id).kepada, "Yth. Gubernur");
        let t = Templates::default();
        let c = MemoConfig::resolve(&t, None, Some("Bapak"), None, Some("1 Mei")).unwrap();
        assert_eq!(c.for_lang(Lang::En).kepada, "Bapak");
        assert_eq!(c.for_lang(Lang::En).periode, "1 Mei");
        assert_eq!(c.for_lang(Lang::Id).kepada, "Bapak");
        // The embedded config has English wording.
        let c = MemoConfig::resolve(&t, None, None, None, None).unwrap();
        assert_ne!(c.for_lang(Lang::En).kepada, c.for_lang(Lang::Id).kepada);
    }
}
