//! Renderers of a sensitivity analysis: JSON, Markdown (`reports/sensitivity.md.tera`), terminal.

use super::templates::Templates;
use crate::format;
use crate::rubric::{Lang, Rubric};
use crate::sensitivity::Sensitivity;
use anyhow::{Result, anyhow};

pub fn file_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "sensitivitas.md",
        Lang::En => "sensitivity.md",
    }
}

pub fn json(s: &Sensitivity) -> Result<String> {
    // Unit ids and names are display text here: capped (`text::cap`; the file is
    // language-neutral, so the marker is English) so that a 10 MB cell is not copied whole.
    let mut s = s.clone();
    let shown = |x: &str| crate::text::cap(x, crate::text::NAME_LIMIT, Lang::En).into_owned();
    for u in &mut s.units {
        u.id = shown(&u.id);
        u.name = u.name.as_deref().map(shown);
    }
    let mut t = serde_json::to_string_pretty(&s)?;
    t.push('\n');
    Ok(t)
}

fn labels(r: &Rubric, lang: Lang) -> std::collections::BTreeMap<String, String> {
    r.verdicts
        .iter()
        .map(|v| (v.id.clone(), v.label.get(lang).to_string()))
        .collect()
}

pub fn markdown(s: &Sensitivity, r: &Rubric, lang: Lang, templates: &Templates) -> Result<String> {
    let mut ctx =
        tera::Context::from_serialize(s).map_err(|e| anyhow!("sensitivity context: {e}"))?;
    ctx.insert("labels", &labels(r, lang));
    ctx.insert("lang", &lang);
    templates.render(lang, "sensitivity.md.tera", &ctx)
}

pub fn terminal(s: &Sensitivity, r: &Rubric, lang: Lang) -> String {
    let labels = labels(r, lang);
    let pct = |x: f64| format::value(x, crate::rubric::ValueFormat::Percent, None, lang);
    let mut out = format!("{:<10} {:<16} ", "Unit", "Base verdict");
    for v in &s.verdicts {
        out.push_str(&format!(
            "{:>16} ",
            labels[v].chars().take(16).collect::<String>()
        ));
    }
    out.push_str(" Most sensitive to\n");
    for u in &s.units {
        out.push_str(&format!(
            "{:<10} {:<16} ",
            crate::text::cap(&u.id, crate::text::NAME_LIMIT, lang),
            labels[&u.base_verdict].chars().take(16).collect::<String>()
        ));
        for v in &s.verdicts {
            out.push_str(&format!("{:>16} ", pct(u.shares[v])));
        }
        let drivers = u
            .sensitive_to
            .iter()
            .map(|d| {
                format!(
                    "{} ({})",
                    d.parameter,
                    format::number(d.correlation, 2, lang)
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        out.push_str(&format!(
            "{} {}\n",
            if u.fragile { "FRAGILE" } else { "" },
            drivers
        ));
    }
    let p = &s.province;
    let answers = s
        .verdicts
        .iter()
        .map(|v| format!("{} {}", labels[v], pct(p.verdict_shares[v])))
        .collect::<Vec<_>>()
        .join(" · ");
    out.push_str(&format!(
        "\nProvince answer over the runs: {answers}\nUnits not at the worst verdict: median {} (5–95 %: {}–{}, range {}–{})\n",
        p.feasible_median, p.feasible_p05, p.feasible_p95, p.feasible_min, p.feasible_max
    ));
    let fragile = s.units.iter().filter(|u| u.fragile).count();
    out.push_str(&format!(
        "{fragile} of {} verdicts are fragile (most frequent verdict in under {} of runs)\n",
        s.units.len(),
        pct(s.settings.stable_share)
    ));
    out
}
