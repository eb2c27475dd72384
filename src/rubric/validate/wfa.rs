//! `[wfa]`: the staff figures (unit-level expressions), the share away at once per verdict, and
//! the job rows that list eligible jobs.

use super::numbers::{SHARE, WORK_DAYS_PER_WEEK};
use super::{Ctx, Unvalidated, text};
use crate::rubric::model::*;
use crate::rubric::raw::*;
use polars::prelude::DataType;
use toml::Spanned;

impl Unvalidated for Spanned<RawWfa> {
    type Valid = Wfa;

    fn validate(&self, ctx: &mut Ctx) -> Wfa {
        let r = self.get_ref();
        let staff_total = ctx.numeric("staff_total", &r.staff_total, "staff-total");
        let staff_eligible = ctx.numeric("staff_eligible", &r.staff_eligible, "staff-eligible");
        let min_on_site = r
            .min_on_site
            .as_ref()
            .map(|m| ctx.numeric("min_on_site", m, "min-on-site"));
        let shares = r.max_share_away.get_ref();
        for (k, v) in shares {
            if !ctx.verdict_ids.contains(k) {
                ctx.err_hint(
                    r.max_share_away.span(),
                    format!("max-share-away names unknown verdict `{k}`"),
                    format!("verdicts: {}", ctx.verdict_ids.join(", ")),
                );
            }
            ctx.number(
                v.span(),
                *v.get_ref(),
                SHARE,
                &format!("max-share-away for `{k}`"),
            );
        }
        if let Some(d) = &r.max_days_per_week {
            ctx.integer(
                d.span(),
                *d.get_ref(),
                0..=WORK_DAYS_PER_WEEK,
                "max-days-per-week",
            );
        }
        let jobs = r.jobs.as_ref().and_then(|j| jobs(ctx, j.get_ref()));
        Wfa {
            staff_total,
            staff_eligible,
            min_on_site,
            max_share_away: ctx
                .verdict_ids
                .iter()
                .map(|v| shares.get(v).map(|s| *s.get_ref()).unwrap_or(0.0))
                .collect(),
            max_days_per_week: r.max_days_per_week.as_ref().map(|d| *d.get_ref()),
            jobs,
            conditions: r.conditions.iter().map(|c| text(Some(c), "")).collect(),
        }
    }
}

fn jobs(ctx: &mut Ctx, jr: &RawWfaJobs) -> Option<WfaJobs> {
    let Some(fields) = ctx.row_fields.get(jr.dataset.get_ref()).cloned() else {
        ctx.unknown(&jr.dataset, "dataset", ctx.dataset_ids.clone());
        return None;
    };
    let names: Vec<String> = fields.iter().map(|(n, _)| n.clone()).collect();
    for c in [Some(&jr.eligible), Some(&jr.name), jr.count.as_ref()]
        .into_iter()
        .flatten()
    {
        if !names.contains(c.get_ref()) {
            ctx.unknown(c, "column", names.clone());
        }
    }
    if let Some((_, t)) = fields.iter().find(|(n, _)| n == jr.eligible.get_ref()) {
        if *t != DataType::Boolean {
            ctx.err(
                jr.eligible.span(),
                format!(
                    "`{}` must be a true/false column, it is {t}",
                    jr.eligible.get_ref()
                ),
            );
        }
    }
    Some(WfaJobs {
        dataset: jr.dataset.get_ref().clone(),
        eligible: jr.eligible.get_ref().clone(),
        name: jr.name.get_ref().clone(),
        count: jr.count.as_ref().map(|c| c.get_ref().clone()),
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{TINY, errors};

    #[test]
    fn shares_away_name_known_verdicts_and_are_shares() {
        let src = TINY.replace(
            "max-share-away = { layak = 0.2, terbatas = 0.1, belum = 0.0 }",
            "max-share-away = { layak = 1.2, terbats = 0.1, belum = 0.0 }",
        );
        let msgs: Vec<String> = errors(&src).into_iter().map(|e| e.2).collect();
        assert!(
            msgs.contains(&"max-share-away names unknown verdict `terbats`".to_string()),
            "{msgs:?}"
        );
        assert!(
            msgs.contains(&"max-share-away for `layak` 1.2 is outside 0..1".to_string()),
            "{msgs:?}"
        );
    }
}
