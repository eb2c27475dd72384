//! Leadership decisions recorded as overrides (`assess --overrides FILE`): per unit, what is
//! decided against the scoring — the verdict, the most staff away at once, a gate's result
//! (e.g. the front-line status: `gates = { layanan_garis_depan = false }`) — with the reason and
//! who decided. This module reads and checks the file against the rubric; `scoring` applies the
//! decisions after scoring and keeps the trace, and every output shows them as decisions.
//!
//! The file is TOML:
//!
//! ```toml
//! [[override]]
//! unit = "OPD-03"
//! verdict = "belum_layak"
//! reason = "IGD dan rawat inap 24 jam: seluruh pegawai tetap di tempat"
//! decided-by = "Sekretaris Daerah, rapat pimpinan 20 Desember 2025"
//! ```
//!
//! Refused, with the entry's number: an unknown key, a unit or verdict or gate the rubric or
//! data does not have, a unit given twice, an entry that overrides nothing, a missing or
//! multi-line reason or decider, a `max-away` that is not a whole number from 0 to 1 000 000.
//! Reads no data; decides nothing.

use crate::rubric::Rubric;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// One unit's decisions.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    pub unit: String,
    /// The verdict decided (a rubric verdict index).
    pub verdict: Option<usize>,
    /// The most staff away at once.
    pub max_away: Option<i64>,
    /// Gate results decided: (rubric gate index, passes).
    pub gates: Vec<(usize, bool)>,
    pub reason: String,
    pub decided_by: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default, rename = "override")]
    overrides: Vec<RawOverride>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawOverride {
    unit: String,
    verdict: Option<String>,
    max_away: Option<toml::Value>,
    #[serde(default)]
    gates: BTreeMap<String, bool>,
    reason: Option<String>,
    decided_by: Option<String>,
}

/// Longest reason or decider kept (one line).
const TEXT_MAX: usize = 300;

/// Read and check an overrides file; `units`: the ids of the units assessed.
pub fn read(path: &Path, r: &Rubric, units: &[&str]) -> anyhow::Result<Vec<Override>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("cannot read the overrides file {}: {e}", path.display()))?;
    parse(&text, r, units).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

/// Parse and check the overrides of `text`.
pub fn parse(text: &str, r: &Rubric, units: &[&str]) -> Result<Vec<Override>, String> {
    let raw: RawFile = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut out: Vec<Override> = Vec::new();
    for (k, o) in raw.overrides.into_iter().enumerate() {
        let at = format!("override {} (unit `{}`)", k + 1, o.unit);
        if !units.contains(&o.unit.as_str()) {
            return Err(format!("{at}: the unit is not among the units assessed"));
        }
        if out.iter().any(|x| x.unit == o.unit) {
            return Err(format!(
                "{at}: the unit has an override already; put its decisions in one entry"
            ));
        }
        let verdict = match &o.verdict {
            Some(v) => Some(r.verdict_index(v).ok_or_else(|| {
                format!(
                    "{at}: unknown verdict `{v}` (the rubric has: {})",
                    r.verdicts
                        .iter()
                        .map(|v| v.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?),
            None => None,
        };
        let max_away = match &o.max_away {
            Some(toml::Value::Integer(n)) if (0..=1_000_000).contains(n) => Some(*n),
            Some(v) => {
                return Err(format!(
                    "{at}: `max-away` = {v} is not a whole number of staff from 0 to 1000000"
                ));
            }
            None => None,
        };
        let mut gates = Vec::new();
        for (g, passes) in &o.gates {
            let i = r.gates.iter().position(|x| &x.id == g).ok_or_else(|| {
                format!(
                    "{at}: unknown gate `{g}` (the rubric has: {})",
                    r.gates
                        .iter()
                        .map(|g| g.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?;
            gates.push((i, *passes));
        }
        if verdict.is_none() && max_away.is_none() && gates.is_empty() {
            return Err(format!(
                "{at}: overrides nothing: give `verdict`, `max-away` or `gates`"
            ));
        }
        let line = |what: &str, v: &Option<String>| -> Result<String, String> {
            match v.as_deref().map(str::trim) {
                Some(t)
                    if !t.is_empty()
                        && !t.contains(['\n', '\r'])
                        && t.chars().count() <= TEXT_MAX =>
                {
                    // An NIP or phone number typed with a name does not reach a report.
                    Ok(crate::text::hide_ids(t))
                }
                Some(t) if !t.is_empty() => Err(format!(
                    "{at}: `{what}` must be one line of at most {TEXT_MAX} characters"
                )),
                _ => Err(format!(
                    "{at}: `{what}` is required: a decision is recorded with why and by whom"
                )),
            }
        };
        out.push(Override {
            reason: line("reason", &o.reason)?,
            decided_by: line("decided-by", &o.decided_by)?,
            unit: o.unit,
            verdict,
            max_away,
            gates,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rubric() -> Rubric {
        crate::rubric::load_str(crate::cli::EMBEDDED_RUBRIC, "wfa-asn-2025.toml").unwrap()
    }

    const OK: &str = r#"
[[override]]
unit = "OPD-03"
verdict = "belum_layak"
reason = "IGD 24 jam"
decided-by = "Sekda, 20 Desember 2025"

[[override]]
unit = "OPD-12"
max-away = 5
gates = { layanan_garis_depan = false }
reason = "Layanan perizinan tatap muka dibuka penuh"
decided-by = "Gubernur"
"#;

    #[test]
    fn a_file_of_decisions_reads_with_indices() {
        let r = rubric();
        let o = parse(OK, &r, &["OPD-03", "OPD-12"]).unwrap();
        assert_eq!(o[0].verdict, r.verdict_index("belum_layak"));
        assert_eq!(o[1].max_away, Some(5));
        let g = r
            .gates
            .iter()
            .position(|g| g.id == "layanan_garis_depan")
            .unwrap();
        assert_eq!(o[1].gates, vec![(g, false)]);
    }

    #[test]
    fn what_cannot_be_a_decision_is_refused_with_its_entry() {
        let r = rubric();
        let units = ["OPD-03", "OPD-12"];
        let bad = |t: &str| parse(t, &r, &units).unwrap_err();
        let entry = |body: &str| format!("[[override]]\nunit = \"OPD-03\"\n{body}\n");
        let who = "reason = \"x\"\ndecided-by = \"y\"";
        assert!(
            bad(&entry(&format!("verdict = \"super\"\n{who}"))).contains("unknown verdict `super`")
        );
        assert!(
            bad(&entry(&format!("gates = {{ nope = true }}\n{who}")))
                .contains("unknown gate `nope`")
        );
        assert!(bad(&entry(who)).contains("overrides nothing"));
        assert!(
            bad(&entry("verdict = \"layak\"\ndecided-by = \"y\"")).contains("`reason` is required")
        );
        assert!(
            bad(&entry(
                "verdict = \"layak\"\nreason = \"a\\nb\"\ndecided-by = \"y\""
            ))
            .contains("one line")
        );
        for n in ["-1", "2.5", "1e9", "nan", "\"5\""] {
            assert!(
                bad(&entry(&format!("max-away = {n}\n{who}"))).contains("max-away"),
                "{n}"
            );
        }
        assert!(
            bad(&entry(&format!("verdict = \"layak\"\nsecret = 1\n{who}")))
                .contains("unknown field")
        );
        let twice = format!(
            "{}{}",
            entry(&format!("verdict = \"layak\"\n{who}")),
            entry(&format!("max-away = 1\n{who}"))
        );
        assert!(bad(&twice).contains("has an override already"));
        assert!(
            bad("[[override]]\nunit = \"OPD-99\"\nverdict = \"layak\"\nreason = \"x\"\ndecided-by = \"y\"")
                .contains("not among the units assessed")
        );
    }
}
