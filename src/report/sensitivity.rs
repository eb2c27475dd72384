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

/// What each unit's score follows most, in words ("bobot dimensi Layanan"), strongest first,
/// with whether it pulls the score up or down: the template's `drivers` (unit id → phrases).
fn drivers(s: &Sensitivity, r: &Rubric, lang: Lang) -> std::collections::BTreeMap<String, String> {
    s.units
        .iter()
        .map(|u| {
            let words = u
                .sensitive_to
                .iter()
                .map(|d| {
                    let label = crate::words::robustness::parameter_label(r, &d.parameter, lang);
                    let way = match (d.correlation >= 0.0, lang) {
                        (true, Lang::Id) => "naik bersama",
                        (false, Lang::Id) => "turun bila naik",
                        (true, Lang::En) => "rises with it",
                        (false, Lang::En) => "falls as it rises",
                    };
                    format!("{label} ({way})")
                })
                .collect::<Vec<_>>()
                .join("; ");
            (u.id.clone(), words)
        })
        .collect()
}

pub fn markdown(s: &Sensitivity, r: &Rubric, lang: Lang, templates: &Templates) -> Result<String> {
    let mut ctx =
        tera::Context::from_serialize(s).map_err(|e| anyhow!("sensitivity context: {e}"))?;
    ctx.insert("labels", &labels(r, lang));
    ctx.insert("drivers", &drivers(s, r, lang));
    ctx.insert("lang", &lang);
    templates.render(lang, "sensitivity.md.tera", &ctx)
}

pub fn terminal(s: &Sensitivity, r: &Rubric, lang: Lang) -> String {
    let labels = labels(r, lang);
    let drivers = drivers(s, r, lang);
    let t = |id: &'static str, en: &'static str| match lang {
        Lang::Id => id,
        Lang::En => en,
    };
    let pct = |x: f64| format::value(x, crate::rubric::ValueFormat::Percent, None, lang);
    let mut out = format!(
        "{:<10} {:<16} ",
        t("Kode", "Unit"),
        t("Hasil dasar", "Base verdict")
    );
    for v in &s.verdicts {
        out.push_str(&format!(
            "{:>16} ",
            labels[v].chars().take(16).collect::<String>()
        ));
    }
    out.push_str(t(
        " Skor paling peka terhadap\n",
        " Score most sensitive to\n",
    ));
    for u in &s.units {
        out.push_str(&format!(
            "{:<10} {:<16} ",
            crate::text::cap(&u.id, crate::text::NAME_LIMIT, lang),
            labels[&u.base_verdict].chars().take(16).collect::<String>()
        ));
        for v in &s.verdicts {
            out.push_str(&format!("{:>16} ", pct(u.shares[v])));
        }
        out.push_str(&format!(
            "{} {}\n",
            if u.fragile { t("RAPUH", "FRAGILE") } else { "" },
            drivers[&u.id]
        ));
    }
    let p = &s.province;
    let answers = s
        .verdicts
        .iter()
        .map(|v| format!("{} {}", labels[v], pct(p.verdict_shares[v])))
        .collect::<Vec<_>>()
        .join(" · ");
    let fragile = s.units.iter().filter(|u| u.fragile).count();
    let unit = crate::text::ucfirst(r.unit_label.get(lang));
    let (feasible, staff) = (
        format!(
            "median {} (5–95 %: {}–{}, {} {}–{})",
            p.feasible_median,
            p.feasible_p05,
            p.feasible_p95,
            t("rentang", "range"),
            p.feasible_min,
            p.feasible_max
        ),
        format!(
            "median {} (5–95 %: {}–{})",
            p.staff_allowed_p50, p.staff_allowed_p05, p.staff_allowed_p95
        ),
    );
    let stable = pct(s.settings.stable_share);
    let n = s.units.len();
    out.push_str(&match lang {
        Lang::Id => format!(
            "\nJawaban provinsi dalam seluruh variasi: {answers}\n{unit} yang tidak pada hasil penilaian terburuk: {feasible}; pegawai boleh WFA bersamaan: {staff}\n{fragile} dari {n} hasil penilaian rapuh (hasil terbanyaknya muncul pada kurang dari {stable} variasi)\n"
        ),
        Lang::En => format!(
            "\nProvince answer over the runs: {answers}\nUnits not at the worst verdict: {feasible}; staff allowed at once: {staff}\n{fragile} of {n} verdicts are fragile (most frequent verdict in under {stable} of runs)\n"
        ),
    });
    out
}
