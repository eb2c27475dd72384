//! Renderers of a plan: JSON, Markdown (`reports/plan.md.tera`), terminal.

use super::templates::Templates;
use crate::format;
use crate::plan::Plans;
use crate::rubric::Lang;
use anyhow::{Result, anyhow};

pub fn file_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "rencana.md",
        Lang::En => "plan.md",
    }
}

pub fn json(p: &Plans) -> Result<String> {
    let mut t = serde_json::to_string_pretty(p)?;
    t.push('\n');
    Ok(t)
}

pub fn markdown(p: &Plans, lang: Lang, templates: &Templates) -> Result<String> {
    let mut ctx = tera::Context::from_serialize(p).map_err(|e| anyhow!("plan context: {e}"))?;
    ctx.insert("lang", &lang);
    let below: Vec<_> = p.units.iter().filter(|u| !u.at_target).collect();
    ctx.insert("below", &below);
    templates.render(lang, "plan.md.tera", &ctx)
}

pub fn terminal(p: &Plans, lang: Lang) -> String {
    let rp = |x: f64| format!("Rp {}", format::number(x.round(), 0, lang));
    let mut out = format!("Target: {}\n", p.target_label);
    for u in p.units.iter().filter(|u| !u.at_target) {
        let name = u.name.as_deref().unwrap_or(&u.id);
        if u.reaches_target {
            out.push_str(&format!(
                "{} {name}: {} → {} for {} (staff at once {} → {})\n",
                u.id,
                u.verdict_label,
                u.new_verdict_label,
                rp(u.cost),
                u.staff_allowed_before,
                u.staff_allowed_after
            ));
        } else if u.actions.is_empty() {
            out.push_str(&format!(
                "{} {name}: {} — out of reach with the rubric's improvements\n",
                u.id, u.verdict_label
            ));
        } else {
            out.push_str(&format!(
                "{} {name}: {} → {} at most, for {} (target out of reach)\n",
                u.id,
                u.verdict_label,
                u.new_verdict_label,
                rp(u.cost)
            ));
        }
        for a in &u.actions {
            out.push_str(&format!("    · {} — {}\n", a.description, rp(a.cost)));
        }
        if !u.structural_limits.is_empty() {
            out.push_str(&format!(
                "    structural limits (not priced): {}\n",
                u.structural_limits.join("; ")
            ));
        }
    }
    if p.units.iter().all(|u| u.at_target) {
        out.push_str("Every unit is already at or above the target.\n");
    }
    let reach: Vec<_> = p
        .units
        .iter()
        .filter(|u| !u.at_target && u.reaches_target)
        .collect();
    out.push_str(&format!(
        "\n{} unit(s) can reach the target, for {} in all\n",
        reach.len(),
        rp(reach.iter().map(|u| u.cost).sum())
    ));
    if let Some(b) = &p.budget {
        out.push_str(&format!(
            "\nBudget {}: spend {}, {} more staff may take WFA at once, in {} unit(s)\n  method: {}\n",
            rp(b.budget),
            rp(b.spent),
            b.staff_gain,
            b.units.len(),
            b.method
        ));
        for u in &b.units {
            out.push_str(&format!(
                "  {} {}: {} (+{} staff) — {}\n",
                u.id,
                u.name.as_deref().unwrap_or(""),
                rp(u.cost),
                u.staff_allowed_after - u.staff_allowed_before,
                u.actions
                    .iter()
                    .map(|a| a.description.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ));
        }
    }
    if !p.assumptions.is_empty() {
        out.push_str("\nUnit costs are assumptions from the rubric:\n");
        for a in &p.assumptions {
            out.push_str(&format!("  - {a}\n"));
        }
    }
    out
}
