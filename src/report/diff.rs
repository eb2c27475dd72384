//! Renderers of a `Comparison`: JSON (`diff.json`), Markdown (`perubahan.md` / `changes.md`,
//! from `reports/diff.md.tera`) and the terminal text.

use super::templates::Templates;
use crate::compare::Comparison;
use crate::format;
use crate::rubric::Lang;
use anyhow::{Result, anyhow};

pub fn file_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "perubahan.md",
        Lang::En => "changes.md",
    }
}

pub fn json(c: &Comparison) -> Result<String> {
    let mut s = serde_json::to_string_pretty(c)?;
    s.push('\n');
    Ok(s)
}

pub fn markdown(c: &Comparison, templates: &Templates) -> Result<String> {
    let mut ctx = tera::Context::from_serialize(c).map_err(|e| anyhow!("diff context: {e}"))?;
    let changed: Vec<_> = c.units.iter().filter(|u| u.verdict_changed).collect();
    ctx.insert("changed", &changed);
    templates.render(c.lang, "diff.md.tera", &ctx)
}

pub fn terminal(c: &Comparison) -> String {
    let lang = c.lang;
    let n = |x: f64| format::number(x, 2, lang);
    let mut out = String::new();
    out.push_str(&format!(
        "Rubric {} {} → {} {}\n",
        c.old.rubric_id, c.old.rubric_version, c.new.rubric_id, c.new.rubric_version
    ));
    for r in &c.rubric_changes {
        out.push_str(&format!("  · {}\n", r.message));
    }
    for i in &c.input_changes {
        out.push_str(&format!("  · {i}\n"));
    }
    let changed: Vec<_> = c.units.iter().filter(|u| u.verdict_changed).collect();
    out.push_str(&format!("\n{} verdict change(s):\n", changed.len()));
    for u in &changed {
        match &u.reason {
            Some(r) => out.push_str(&format!("  {} {r}\n", u.id)),
            None => out.push_str(&format!(
                "  {} {}: {} → {} ({})\n",
                u.id,
                u.name.as_deref().unwrap_or(""),
                u.old_verdict_label.as_deref().unwrap_or("-"),
                u.new_verdict_label.as_deref().unwrap_or("-"),
                u.presence
            )),
        }
    }
    let moved: Vec<_> = c.units.iter().filter(|u| u.delta.abs() >= 0.005).collect();
    if !moved.is_empty() {
        out.push_str(&format!(
            "\n{:<10} {:>8} {:>8} {:>8}   {:>8} {:>8} {:>8} {:>8}\n",
            "Unit", "old", "new", "move", "weights", "scoring", "data", "rounding"
        ));
        for u in moved {
            out.push_str(&format!(
                "{:<10} {:>8} {:>8} {:>8}   {:>8} {:>8} {:>8} {:>8}\n",
                u.id,
                u.old_score.map(n).unwrap_or_else(|| "-".into()),
                u.new_score.map(n).unwrap_or_else(|| "-".into()),
                n(u.delta),
                n(u.parts.weights),
                n(u.parts.scoring),
                n(u.parts.data),
                format::number(u.parts.rounding, 4, lang)
            ));
        }
    }
    let p = &c.province;
    out.push_str(&format!(
        "\nProvince: {} → {} · staff on WFA at once {} → {}\n",
        p.old_verdict_label, p.new_verdict_label, p.old_staff_allowed, p.new_staff_allowed
    ));
    out
}
