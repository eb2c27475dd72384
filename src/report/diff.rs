//! Renderers of a `Comparison`: JSON (`diff.json`, the facts as they are, the same in every
//! language), Markdown (`perubahan.md` / `changes.md`, from `reports/diff.md.tera`) and the
//! terminal text, in the language asked for; the sentences come from `diff_words`.
//!
//! The template sees the `Comparison` with its facts replaced by their words: `rubric_changes`
//! (the edits) and `consequent_changes` (the shares that followed) as `{kind, id, message}`,
//! `input_changes` as lines, `changed` (the units whose verdict changed) with `reason` as a
//! line, `gates_newly_failed` (a line per unit that newly fails a gate and keeps its verdict),
//! `units` each with `staff` (old → new staff allowed at once, a hidden figure as hidden),
//! `staff_changed` (the units whose figure reads differently), `staff_province`,
//! `staff_legend` (when a hidden figure is shown, else empty) and `lang`.

use super::diff_words;
use super::templates::Templates;
use crate::compare::{Comparison, StaffFigure, UnitChange};
use crate::format;
use crate::rubric::Lang;
use anyhow::{Result, anyhow};
use serde_json::json;

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

/// The one line on why a unit's verdict changed, when `compare` found a reason.
fn reason(c: &Comparison, u: &UnitChange, lang: Lang) -> Option<String> {
    u.reason.as_ref().map(|r| {
        diff_words::reason(
            r,
            u.old_verdict_label.as_deref().unwrap_or("-"),
            u.new_verdict_label.as_deref().unwrap_or("-"),
            &c.rubric_changes,
            lang,
        )
    })
}

/// The lines of the units that newly fail a gate while their verdict stays.
fn gate_lines(c: &Comparison, lang: Lang) -> Vec<String> {
    c.units
        .iter()
        .filter(|u| !u.verdict_changed && !u.gates_newly_failed.is_empty())
        .map(|u| diff_words::gates_newly_failed(u, lang))
        .collect()
}

/// The legend of a hidden staff figure, when the comparison shows one (else empty).
fn staff_legend(c: &Comparison, lang: Lang) -> &'static str {
    let hidden = |f: &Option<StaffFigure>| matches!(f, Some(StaffFigure::Hidden { .. }));
    if c.units
        .iter()
        .any(|u| hidden(&u.old_staff_allowed) || hidden(&u.new_staff_allowed))
    {
        diff_words::staff_hidden_legend(lang)
    } else {
        ""
    }
}

pub fn markdown(c: &Comparison, lang: Lang, templates: &Templates) -> Result<String> {
    let mut ctx = tera::Context::from_serialize(c).map_err(|e| anyhow!("diff context: {e}"))?;
    ctx.insert("lang", &lang);
    let rubric_changes: Vec<_> = c
        .rubric_changes
        .iter()
        .map(|r| {
            let mut v = serde_json::to_value(r)?;
            v["message"] = json!(diff_words::rubric_change(r, lang));
            Ok(v)
        })
        .collect::<Result<_>>()?;
    ctx.insert("rubric_changes", &rubric_changes);
    let consequent_changes: Vec<_> = c
        .consequent_changes
        .iter()
        .map(|r| {
            let mut v = serde_json::to_value(r)?;
            v["message"] = json!(diff_words::consequent_change(r, lang));
            Ok(v)
        })
        .collect::<Result<_>>()?;
    ctx.insert("consequent_changes", &consequent_changes);
    let input_changes: Vec<String> = c
        .input_changes
        .iter()
        .map(diff_words::input_change)
        .collect();
    ctx.insert("input_changes", &input_changes);
    let changed: Vec<_> = c
        .units
        .iter()
        .filter(|u| u.verdict_changed)
        .map(|u| {
            let mut v = serde_json::to_value(u)?;
            v["reason"] = json!(reason(c, u, lang));
            Ok(v)
        })
        .collect::<Result<_>>()?;
    ctx.insert("changed", &changed);
    ctx.insert("gates_newly_failed", &gate_lines(c, lang));
    let units: Vec<_> = c
        .units
        .iter()
        .map(|u| {
            let mut v = serde_json::to_value(u)?;
            v["staff"] = json!(diff_words::staff_move(u, lang));
            Ok(v)
        })
        .collect::<Result<_>>()?;
    ctx.insert("units", &units);
    let staff_changed: Vec<_> = units
        .iter()
        .zip(&c.units)
        .filter(|(_, u)| u.staff_changed())
        .map(|(v, _)| v)
        .collect();
    ctx.insert("staff_changed", &staff_changed);
    ctx.insert(
        "staff_province",
        &diff_words::staff_province(
            c.province.old_staff_allowed,
            c.province.new_staff_allowed,
            lang,
        ),
    );
    ctx.insert("staff_legend", &staff_legend(c, lang));
    templates.render(lang, "diff.md.tera", &ctx)
}

pub fn terminal(c: &Comparison, lang: Lang) -> String {
    let n = |x: f64| format::number(x, 2, lang);
    let mut out = String::new();
    out.push_str(&format!(
        "Rubric {} {} → {} {}\n",
        c.old.rubric_id, c.old.rubric_version, c.new.rubric_id, c.new.rubric_version
    ));
    if !c.rubric_changes.is_empty() {
        out.push_str(&format!("  {}:\n", diff_words::edited_heading(lang)));
    }
    for r in &c.rubric_changes {
        out.push_str(&format!("  · {}\n", diff_words::rubric_change(r, lang)));
    }
    if !c.consequent_changes.is_empty() {
        out.push_str(&format!("  {}:\n", diff_words::consequent_heading(lang)));
    }
    for r in &c.consequent_changes {
        out.push_str(&format!("  · {}\n", diff_words::consequent_change(r, lang)));
    }
    if !c.input_changes.is_empty() {
        out.push_str(&format!("  {}:\n", diff_words::data_heading(lang)));
    }
    for i in &c.input_changes {
        out.push_str(&format!("  · {}\n", diff_words::input_change(i)));
    }
    let changed: Vec<_> = c.units.iter().filter(|u| u.verdict_changed).collect();
    out.push_str(&format!(
        "\n{}\n",
        diff_words::verdict_changes_heading(changed.len(), lang)
    ));
    for u in &changed {
        match reason(c, u, lang) {
            Some(r) => out.push_str(&format!("  {} {r}\n", u.id)),
            None => out.push_str(&format!(
                "  {} {}: {} → {} ({})\n",
                u.id,
                u.name.as_deref().unwrap_or(""),
                u.old_verdict_label.as_deref().unwrap_or("-"),
                u.new_verdict_label.as_deref().unwrap_or("-"),
                diff_words::presence(u.presence, lang)
            )),
        }
    }
    let gates = gate_lines(c, lang);
    if !gates.is_empty() {
        out.push_str(&format!("\n{}:\n", diff_words::gates_heading(lang)));
        for g in gates {
            out.push_str(&format!("  {g}\n"));
        }
    }
    let staff: Vec<_> = c.units.iter().filter(|u| u.staff_changed()).collect();
    if !staff.is_empty() {
        out.push_str(&format!("\n{}:\n", diff_words::staff_heading(lang)));
        for u in staff {
            out.push_str(&format!(
                "  {:<10} {}\n",
                u.id,
                diff_words::staff_move(u, lang)
            ));
        }
        let legend = staff_legend(c, lang);
        if !legend.is_empty() {
            out.push_str(&format!("  ({legend})\n"));
        }
    }
    let moved: Vec<_> = c.units.iter().filter(|u| u.delta.abs() >= 0.005).collect();
    if !moved.is_empty() {
        let [unit, old, new, delta, weights, scoring, data, rounding] =
            diff_words::score_columns(lang);
        out.push_str(&format!(
            "\n{unit:<10} {old:>8} {new:>8} {delta:>8}   {weights:>8} {scoring:>8} {data:>8} {rounding:>10}\n"
        ));
        for u in moved {
            out.push_str(&format!(
                "{:<10} {:>8} {:>8} {:>8}   {:>8} {:>8} {:>8} {:>10}\n",
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
        "\n{}\n",
        diff_words::province_line(
            &p.old_verdict_label,
            &p.new_verdict_label,
            p.old_staff_allowed,
            p.new_staff_allowed,
            lang
        )
    ));
    out
}
