//! `kesiapan rubric check|explain|init`.

use super::{EXIT_OK, load_rubric};
use crate::cli::{DataArgs, RubricCommand};
use crate::format;
use crate::input::Loaded;
use crate::rubric::{Lang, Rubric};
use anyhow::Result;

/// After loading data from a folder: warn, on stderr and in the rubric-error format, about each
/// dataset `files` pattern that matched no file read (cargo-deny's "not encountered"). Nothing
/// is printed with `--quiet`, or when every file was given with `--input`.
pub fn warn_unmatched(rubric: &Rubric, loaded: &Loaded, data: &DataArgs, quiet: bool) {
    if quiet || data.data_dir().is_none() {
        return;
    }
    let read = loaded
        .inputs
        .iter()
        .map(|i| (i.dataset.as_str(), i.path.as_str()));
    let warnings = rubric.unmatched_patterns(read);
    if !warnings.is_empty() {
        eoutln!("{}", rubric.report(warnings));
    }
}

pub fn run(cmd: &RubricCommand, quiet: bool) -> Result<u8> {
    match cmd {
        RubricCommand::Check { file } => {
            let r = load_rubric(file)?;
            if !quiet {
                outln!(
                    "{}: ok — rubric {} version {}: {} dataset(s), {} dimension(s), {} indicator(s), {} gate(s), {} verdicts (sha256 {})",
                    file.display(),
                    r.id,
                    r.version,
                    r.datasets.len(),
                    r.dimensions.len(),
                    r.indicators.len(),
                    r.gates.len(),
                    r.verdicts.len(),
                    r.sha256
                );
            }
            Ok(EXIT_OK)
        }
        RubricCommand::Explain { file, lang } => {
            let r = load_rubric(file)?;
            out!("{}", explain(&r, *lang));
            Ok(EXIT_OK)
        }
        RubricCommand::Init { file, force } => {
            if file.exists() && !force {
                anyhow::bail!(
                    "{} already exists; it was not changed (use --force to replace it)",
                    file.display()
                );
            }
            crate::output::write_file(file, crate::cli::EMBEDDED_RUBRIC.as_bytes())?;
            if !quiet {
                outln!(
                    "{}: the built-in rubric; edit it, check it with `kesiapan rubric check {}`, use it with --rubric {}",
                    file.display(),
                    file.display(),
                    file.display()
                );
            }
            Ok(EXIT_OK)
        }
    }
}

/// The rubric as a readable outline.
pub fn explain(r: &Rubric, lang: Lang) -> String {
    let pct = |x: f64| format!("{}%", format::number(x * 100.0, 1, Lang::En));
    let mut o = String::new();
    o.push_str(&format!(
        "Rubric {} version {} — {}\nsha256 {}\n",
        r.id,
        r.version,
        r.title.get(lang),
        r.sha256
    ));
    o.push_str(&format!(
        "Minimum group size {}; a unit needs data for {} of the weight to be scored.\n",
        r.min_group_size,
        pct(r.min_coverage)
    ));
    o.push_str("\nDatasets\n");
    for d in &r.datasets {
        o.push_str(&format!(
            "  {} — {} (unit key `{}`{}{}): {} columns, {} derived, {} metrics\n",
            d.id,
            d.title.get(lang),
            d.unit_key,
            if d.per_unit { ", one row per unit" } else { "" },
            if d.personal { ", personal data" } else { "" },
            d.columns.len(),
            d.derived.len(),
            d.metrics.len()
        ));
        for m in &d.derived {
            o.push_str(&format!("      derived {} = {}\n", m.name, m.expr));
        }
        for m in &d.metrics {
            o.push_str(&format!("      metric  {} = {}\n", m.name, m.expr));
        }
    }
    o.push_str("\nDimensions and indicators (weights normalised)\n");
    for d in &r.dimensions {
        o.push_str(&format!(
            "  {} {} — {}\n",
            pct(d.weight_share),
            d.id,
            d.label.get(lang)
        ));
        let inds: Vec<_> = r
            .indicators
            .iter()
            .filter(|i| i.dimension == d.id)
            .collect();
        let w: f64 = inds.iter().map(|i| i.weight).sum();
        for i in inds {
            let share = if w > 0.0 { i.weight / w } else { 0.0 };
            o.push_str(&format!(
                "      {} of dimension ({} of total) {} — {}\n          value  = {}\n          score  = {}\n",
                pct(share),
                pct(share * d.weight_share),
                i.id,
                i.label.get(lang),
                i.value.expr,
                crate::words::curve::describe(&i.curve, lang)
            ));
            if let Some(t) = i.target {
                o.push_str(&format!(
                    "          target = {}\n",
                    format::value(t, i.format, i.unit.as_deref(), lang)
                ));
            }
        }
    }
    o.push_str("\nGates (cap the verdict whatever the score)\n");
    for g in &r.gates {
        o.push_str(&format!(
            "  {} — {}\n      require {}; if not: at best {}{}\n",
            g.id,
            g.label.get(lang),
            g.require.expr,
            r.verdicts[g.cap].id,
            if g.fail_if_missing {
                " (missing data fails)"
            } else {
                " (missing data passes)"
            }
        ));
    }
    o.push_str("\nVerdicts (best first)\n");
    for v in &r.verdicts {
        o.push_str(&format!(
            "  {:<16} score ≥ {:<5} {}\n",
            v.id,
            format::number(v.min_score, 2, Lang::En),
            v.label.get(lang)
        ));
    }
    if let Some(w) = &r.wfa {
        o.push_str("\nForm of WFA\n");
        o.push_str(&format!(
            "  staff total    = {}\n  staff eligible = {}\n",
            w.staff_total.expr, w.staff_eligible.expr
        ));
        if let Some(m) = &w.min_on_site {
            o.push_str(&format!("  min on site    = {}\n", m.expr));
        }
        for (v, s) in r.verdicts.iter().zip(&w.max_share_away) {
            o.push_str(&format!("  away at once if {:<16} ≤ {}\n", v.id, pct(*s)));
        }
        o.push_str("  allowed at once = min(eligible, share × total, total − min on site)\n");
    }
    o.push_str("\nProvince answer (first rule that holds)\n");
    for (i, rule) in r.province.rules.iter().enumerate() {
        o.push_str(&format!(
            "  {}. when {} → {}\n",
            i + 1,
            rule.when.expr,
            r.verdicts[rule.verdict].id
        ));
    }
    o.push_str(&format!(
        "  otherwise → {}\n",
        r.verdicts[r.province.default].id
    ));
    o
}
