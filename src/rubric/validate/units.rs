//! `[units]`: the unit dataset, the column with the unit's name, and the survey response check
//! (respondents ÷ headcount). Checked after the datasets, whose columns it names.

use super::numbers::SHARE;
use super::{Ctx, Unvalidated, text};
use crate::rubric::model::*;
use crate::rubric::raw::*;
use toml::Spanned;

/// The checked `[units]` table.
pub(super) struct Units {
    pub dataset: Option<String>,
    pub name: Option<String>,
    pub label: Text,
    pub response: Option<ResponseCheck>,
    pub coverage: Option<CoverageCheck>,
    pub master: Option<Master>,
}

impl Unvalidated for Spanned<RawUnits> {
    type Valid = Units;

    fn validate(&self, ctx: &mut Ctx) -> Units {
        let units = self.get_ref();
        let mut dataset = None;
        if let Some(d) = &units.dataset {
            if ctx.dataset_ids.contains(d.get_ref()) {
                dataset = Some(d.get_ref().clone());
            } else {
                ctx.unknown(d, "dataset", ctx.dataset_ids.clone());
            }
        }
        let name = units.name.as_ref().map(|n| {
            let has = |fields: &super::expr::Fields| fields.iter().any(|(c, _)| c == n.get_ref());
            let found = match &dataset {
                Some(d) => ctx.row_fields.get(d).is_some_and(has),
                None => ctx.row_fields.values().any(has),
            };
            if !found {
                let all: Vec<String> = ctx
                    .row_fields
                    .values()
                    .flatten()
                    .map(|(c, _)| c.clone())
                    .collect();
                ctx.unknown(n, "column", all);
            }
            n.get_ref().clone()
        });
        let response = response(ctx, units, dataset.as_deref());
        let master = units.master.as_ref().and_then(|m| master(ctx, m));
        let coverage = units
            .coverage
            .as_ref()
            .and_then(|c| coverage(ctx, c, units, dataset.as_deref()));
        Units {
            dataset,
            name,
            label: text(units.label.as_ref(), "unit"),
            response,
            coverage,
            master,
        }
    }
}

/// `master = { files = [...] }`: at least one valid pattern.
fn master(ctx: &mut Ctx, m: &Spanned<RawMaster>) -> Option<Master> {
    let raw = m.get_ref();
    if raw.files.is_empty() {
        ctx.err(
            m.span(),
            "units.master needs `files`, e.g. `master = { files = [\"daftar-opd*\"] }`",
        );
        return None;
    }
    let files = super::datasets::patterns(ctx, &raw.files);
    (files.len() == raw.files.len()).then_some(Master { files })
}

/// `coverage = { dataset, column, min }`: a known dataset and a column of it, a headcount to
/// compare with, a share in 0..1 (0.8 when not given).
fn coverage(
    ctx: &mut Ctx,
    c: &Spanned<RawCoverage>,
    units: &RawUnits,
    unit_dataset: Option<&str>,
) -> Option<CoverageCheck> {
    let raw = c.get_ref();
    let mut ok = true;
    let ds = raw.dataset.get_ref();
    if !ctx.dataset_ids.contains(ds) {
        ctx.unknown(&raw.dataset, "dataset", ctx.dataset_ids.clone());
        ok = false;
    } else {
        let fields = ctx.row_fields.get(ds).cloned().unwrap_or_default();
        let found = fields.iter().find(|(f, _)| f == raw.column.get_ref());
        if let Some((_, t)) = found.filter(|(_, t)| !t.is_primitive_numeric()) {
            ctx.err(
                raw.column.span(),
                format!("units.coverage.column must be a number column; it is {t}"),
            );
            ok = false;
        } else if found.is_none() {
            ctx.unknown(
                &raw.column,
                "column",
                fields.into_iter().map(|(f, _)| f).collect(),
            );
            ok = false;
        }
    }
    let headcount = match (&units.headcount, unit_dataset) {
        (Some(h), Some(_)) => Some(h.get_ref().clone()),
        _ => {
            ctx.err(
                c.span(),
                "units.coverage compares with the headcount: it needs units.dataset and units.headcount",
            );
            None
        }
    };
    let min_share = match &raw.min {
        Some(m) if !ctx.number(m.span(), *m.get_ref(), SHARE, "coverage.min") => {
            ok = false;
            0.0
        }
        Some(m) => *m.get_ref(),
        None => 0.8,
    };
    match (ok, headcount) {
        (true, Some(headcount)) => Some(CoverageCheck {
            dataset: ds.clone(),
            column: raw.column.get_ref().clone(),
            headcount,
            min_share,
        }),
        _ => None,
    }
}

fn response(ctx: &mut Ctx, units: &RawUnits, unit_dataset: Option<&str>) -> Option<ResponseCheck> {
    match (&units.respondents, &units.headcount) {
        (Some(d), Some(h)) => {
            let mut ok = true;
            if !ctx.dataset_ids.contains(d.get_ref()) {
                ctx.unknown(d, "dataset", ctx.dataset_ids.clone());
                ok = false;
            }
            match unit_dataset {
                Some(ud) => {
                    let fields = ctx.row_fields.get(ud).cloned().unwrap_or_default();
                    if !fields.iter().any(|(c, _)| c == h.get_ref()) {
                        ctx.unknown(h, "column", fields.into_iter().map(|(c, _)| c).collect());
                        ok = false;
                    }
                }
                None => {
                    ctx.err(h.span(), "units.headcount needs units.dataset");
                    ok = false;
                }
            }
            let min_rate = match &units.min_response {
                Some(m) if !ctx.number(m.span(), *m.get_ref(), SHARE, "min-response") => {
                    ok = false;
                    0.0
                }
                Some(m) => *m.get_ref(),
                None => 0.3,
            };
            ok.then(|| ResponseCheck {
                dataset: d.get_ref().clone(),
                headcount: h.get_ref().clone(),
                min_rate,
            })
        }
        (Some(s), None) | (None, Some(s)) => {
            ctx.err(
                s.span(),
                "units.respondents and units.headcount go together",
            );
            None
        }
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{TINY, errors};
    use crate::rubric::{ResponseCheck, load_str};

    #[test]
    fn the_staff_coverage_check_is_checked() {
        let with = |c: &str| {
            TINY.replace(
                "name = \"nama_opd\"\n",
                &format!(
                    "name = \"nama_opd\"\nheadcount = \"jumlah_pegawai\"\nrespondents = \"survei\"\n{c}\n"
                ),
            )
        };
        let r = load_str(
            &with("coverage = { dataset = \"infra\", column = \"laptop_dinas\" }"),
            "r.toml",
        )
        .unwrap();
        let c = r.coverage.expect("coverage");
        assert_eq!(
            (c.dataset.as_str(), c.column.as_str(), c.headcount.as_str()),
            ("infra", "laptop_dinas", "jumlah_pegawai")
        );
        assert_eq!(c.min_share, 0.8);
        for (bad, msg) in [
            (
                "coverage = { dataset = \"jabatan\", column = \"x\" }",
                "unknown dataset",
            ),
            (
                "coverage = { dataset = \"infra\", column = \"nama_opd\" }",
                "units.coverage.column must be a number column",
            ),
            (
                "coverage = { dataset = \"infra\", column = \"laptop_dinas\", min = 8 }",
                "coverage.min 8 is outside 0..1",
            ),
            (
                "coverage = { dataset = \"infra\", column = \"laptop_dinas\", min = nan }",
                "coverage.min is NaN",
            ),
        ] {
            let e = errors(&with(bad));
            assert!(e.iter().any(|x| x.2.starts_with(msg)), "{bad}: {e:?}");
            assert!(e[0].0 > 1, "located: {e:?}");
        }
        let e = errors(&TINY.replace(
            "name = \"nama_opd\"\n",
            "name = \"nama_opd\"\ncoverage = { dataset = \"infra\", column = \"laptop_dinas\" }\n",
        ));
        assert!(
            e.iter()
                .any(|x| x.2.contains("needs units.dataset and units.headcount")),
            "{e:?}"
        );
    }

    #[test]
    fn the_master_list_is_checked() {
        let ok = TINY.replace(
            "name = \"nama_opd\"\n",
            "name = \"nama_opd\"\nmaster = { files = [\"Daftar-OPD*\"] }\n",
        );
        let r = load_str(&ok, "r.toml").unwrap();
        let m = r.unit_master.expect("master");
        assert!(m.matches("daftar-opd.csv") && !m.matches("infra.csv"));
        for (bad, msg) in [
            ("master = { files = [] }", "units.master needs `files`"),
            ("master = { files = [\"opd[\"] }", "invalid pattern: "),
        ] {
            let src = TINY.replace(
                "name = \"nama_opd\"\n",
                &format!("name = \"nama_opd\"\n{bad}\n"),
            );
            let e = errors(&src);
            assert!(e[0].2.starts_with(msg), "{e:?}");
            assert!(e[0].0 > 1 && e[0].1 > 1, "located: {e:?}");
        }
    }

    #[test]
    fn the_survey_response_check_is_checked() {
        let ok = TINY.replace(
            "name = \"nama_opd\"\n",
            "name = \"nama_opd\"\nheadcount = \"jumlah_pegawai\"\nrespondents = \"survei\"\nmin-response = 0.25\n",
        );
        let r = load_str(&ok, "r.toml").unwrap();
        assert_eq!(
            r.response,
            Some(ResponseCheck {
                dataset: "survei".into(),
                headcount: "jumlah_pegawai".into(),
                min_rate: 0.25
            })
        );
        let bad = TINY.replace(
            "name = \"nama_opd\"\n",
            "name = \"nama_opd\"\nheadcount = \"jumlah_pegawe\"\nrespondents = \"survey\"\nmin-response = 30\n",
        );
        let e = errors(&bad);
        let msgs: Vec<&str> = e.iter().map(|x| x.2.as_str()).collect();
        assert!(msgs.contains(&"unknown dataset `survey`"), "{e:?}");
        assert!(msgs.contains(&"unknown column `jumlah_pegawe`"), "{e:?}");
        assert!(msgs.contains(&"min-response 30 is outside 0..1"), "{e:?}");
        assert!(
            e.iter().all(|x| x.0 >= 9 && x.0 <= 12),
            "positions on the keys: {e:?}"
        );
        let half = TINY.replace(
            "name = \"nama_opd\"\n",
            "name = \"nama_opd\"\nheadcount = \"jumlah_pegawai\"\n",
        );
        assert_eq!(
            errors(&half)[0].2,
            "units.respondents and units.headcount go together"
        );
    }
}
