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
            let r = super::load_any_rubric(
                file,
                crate::cli::DEFAULT_RUBRIC,
                crate::cli::EMBEDDED_RUBRIC,
            )?;
            if !quiet && r.evaluation.is_some() {
                outln!(
                    "{}: ok — evaluation rubric {} version {}: {} dataset(s), {} measure(s) (sha256 {})",
                    file.display(),
                    r.id,
                    r.version,
                    r.datasets.len(),
                    r.measures.len(),
                    r.sha256
                );
            } else if !quiet {
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
    let pct = |x: f64| match lang {
        Lang::Id => format!("{} %", format::number(x * 100.0, 1, lang)),
        Lang::En => format!("{}%", format::number(x * 100.0, 1, lang)),
    };
    let t = |id: &'static str, en: &'static str| match lang {
        Lang::Id => id,
        Lang::En => en,
    };
    let mut o = String::new();
    o.push_str(&format!(
        "{} {} {} {} — {}\nsha256 {}\n",
        t("Rubrik", "Rubric"),
        r.id,
        t("versi", "version"),
        r.version,
        r.title.get(lang),
        r.sha256
    ));
    o.push_str(&match lang {
        Lang::Id => format!(
            "Ukuran kelompok minimal {}; sebuah unit dinilai bila ada data untuk {} bobot.\n",
            r.min_group_size,
            pct(r.min_coverage)
        ),
        Lang::En => format!(
            "Minimum group size {}; a unit needs data for {} of the weight to be scored.\n",
            r.min_group_size,
            pct(r.min_coverage)
        ),
    });
    o.push_str(t("\nDataset\n", "\nDatasets\n"));
    for d in &r.datasets {
        o.push_str(&format!(
            "  {} — {} ({} `{}`{}{}): {} {}, {} {}, {} {}\n",
            d.id,
            d.title.get(lang),
            t("kunci unit", "unit key"),
            d.unit_key,
            if d.per_unit {
                t(", satu baris per unit", ", one row per unit")
            } else {
                ""
            },
            if d.personal {
                t(", data pribadi", ", personal data")
            } else {
                ""
            },
            d.columns.len(),
            t("kolom", "columns"),
            d.derived.len(),
            t("turunan", "derived"),
            d.metrics.len(),
            t("metrik", "metrics")
        ));
        for m in &d.derived {
            o.push_str(&format!(
                "      {} {} = {}\n",
                t("turunan", "derived"),
                m.name,
                m.expr
            ));
        }
        for m in &d.metrics {
            o.push_str(&format!(
                "      {}  {} = {}\n",
                t("metrik", "metric"),
                m.name,
                m.expr
            ));
        }
    }
    o.push_str(t(
        "\nDimensi dan indikator (bobot dinormalkan)\n",
        "\nDimensions and indicators (weights normalised)\n",
    ));
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
                "      {} {} ({} {}) {} — {}\n          {}  = {}\n          {}   = {}\n",
                pct(share),
                t("dari dimensi", "of dimension"),
                pct(share * d.weight_share),
                t("dari total", "of total"),
                i.id,
                i.label.get(lang),
                t("nilai", "value"),
                i.value.expr,
                t("skor", "score"),
                crate::words::curve::describe(&i.curve, lang)
            ));
            if let Some(x) = i.target {
                o.push_str(&format!(
                    "          {} = {}\n",
                    t("target", "target"),
                    format::value(x, i.format, i.unit.as_deref(), lang)
                ));
            }
        }
    }
    o.push_str(t(
        "\nSyarat (membatasi hasil penilaian berapa pun skornya)\n",
        "\nGates (cap the verdict whatever the score)\n",
    ));
    for g in &r.gates {
        o.push_str(&format!(
            "  {} — {}\n      {} {}; {} {}{}\n",
            g.id,
            g.label.get(lang),
            t("syarat", "require"),
            g.require.expr,
            t("bila tidak: paling tinggi", "if not: at best"),
            r.verdicts[g.cap].id,
            if g.fail_if_missing {
                t(" (tanpa data: tidak terpenuhi)", " (missing data fails)")
            } else {
                t(" (tanpa data: terpenuhi)", " (missing data passes)")
            }
        ));
    }
    o.push_str(t(
        "\nHasil penilaian (terbaik dahulu)\n",
        "\nVerdicts (best first)\n",
    ));
    for v in &r.verdicts {
        o.push_str(&format!(
            "  {:<16} {} ≥ {:<5} {}\n",
            v.id,
            t("skor", "score"),
            format::number(v.min_score, 2, lang),
            v.label.get(lang)
        ));
    }
    if let Some(w) = &r.wfa {
        o.push_str(t("\nBentuk WFA\n", "\nForm of WFA\n"));
        o.push_str(&format!(
            "  {} = {}\n  {} = {}\n",
            t("jumlah pegawai     ", "staff total    "),
            w.staff_total.expr,
            t("pegawai memenuhi   ", "staff eligible "),
            w.staff_eligible.expr
        ));
        if let Some(m) = &w.min_on_site {
            o.push_str(&format!(
                "  {} = {}\n",
                t("minimal di kantor  ", "min on site    "),
                m.expr
            ));
        }
        for (v, s) in r.verdicts.iter().zip(&w.max_share_away) {
            o.push_str(&format!(
                "  {} {:<16} ≤ {}\n",
                t("WFA bersamaan bila", "away at once if"),
                v.id,
                pct(*s)
            ));
        }
        o.push_str(t(
            "  boleh WFA bersamaan = min(pegawai memenuhi, porsi × jumlah pegawai, jumlah pegawai − minimal di kantor)\n",
            "  allowed at once = min(eligible, share × total, total − min on site)\n",
        ));
    }
    o.push_str(t(
        "\nJawaban provinsi (aturan pertama yang berlaku)\n",
        "\nProvince answer (first rule that holds)\n",
    ));
    for (i, rule) in r.province.rules.iter().enumerate() {
        o.push_str(&format!(
            "  {}. {} {} → {}\n",
            i + 1,
            t("bila", "when"),
            rule.when.expr,
            r.verdicts[rule.verdict].id
        ));
    }
    o.push_str(&format!(
        "  {} → {}\n",
        t("selain itu", "otherwise"),
        r.verdicts[r.province.default].id
    ));
    o
}
