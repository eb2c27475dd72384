//! The ranges of the rubric's numbers: every number written in a rubric is finite (TOML reads
//! `nan`, `inf`, `+inf` and `-inf` as floats) and inside the range documented in
//! `rubrics/README.md` ("Numbers and their ranges"). The sections call `Ctx::number` on each.
//!
//! Only the written numbers are checked here; values computed from data are checked when they
//! are computed (`scoring::frame`).

use super::Ctx;
use std::ops::{Range, RangeInclusive};

/// Largest weight of a dimension or an indicator. Weights are relative, so this only keeps
/// sums and products (weight × score) far from overflowing.
pub(crate) const MAX_WEIGHT: f64 = 1e6;
/// Largest magnitude of a value-scale number: curve parameters, targets, column bounds.
/// 10^15 is beyond any count, share, speed or Rupiah amount a unit has, and below 2^53, so
/// whole numbers up to it are exact.
pub(crate) const MAX_MAGNITUDE: f64 = 1e15;
/// Largest cost (Rupiah) of an improvement, per unit or fixed: Rp 10^15, a thousand trillion.
pub(crate) const MAX_COST: f64 = 1e15;
/// Largest `min-group-size`.
pub(crate) const MAX_GROUP: i64 = 1000;
/// Working days in an ASN working week (Perpres 21/2023): the most WFA days a week can have.
pub(crate) const WORK_DAYS_PER_WEEK: i64 = 5;

/// The value-scale range, `-MAX_MAGNITUDE..=MAX_MAGNITUDE`.
pub(crate) const VALUE: RangeInclusive<f64> = -MAX_MAGNITUDE..=MAX_MAGNITUDE;
/// A score, 0–100.
pub(crate) const SCORE: RangeInclusive<f64> = 0.0..=100.0;
/// A share, 0–1.
pub(crate) const SHARE: RangeInclusive<f64> = 0.0..=1.0;

/// A number as a person writes it: `1e308`, not 309 digits.
pub(crate) fn show(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 { "inf" } else { "-inf" }.into()
    } else if v != 0.0 && (v.abs() >= 1e7 || v.abs() < 1e-4) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

impl Ctx {
    /// `what` (`v`, at `span`) must be finite and in `range`; reports it otherwise. True when
    /// it is.
    pub(super) fn number(
        &mut self,
        span: Range<usize>,
        v: f64,
        range: RangeInclusive<f64>,
        what: &str,
    ) -> bool {
        let (lo, hi) = (show(*range.start()), show(*range.end()));
        if !v.is_finite() {
            self.err_hint(
                span,
                format!("{what} is {}, not a finite number", show(v)),
                format!("TOML reads `nan` and `inf` as numbers; write a number from {lo} to {hi}"),
            );
            false
        } else if !range.contains(&v) {
            self.err_hint(
                span,
                format!("{what} {} is outside {lo}..{hi}", show(v)),
                "see \"Numbers and their ranges\" in rubrics/README.md",
            );
            false
        } else {
            true
        }
    }

    /// An integer `what` (`v`, at `span`) must be in `range`.
    pub(super) fn integer(
        &mut self,
        span: Range<usize>,
        v: i64,
        range: RangeInclusive<i64>,
        what: &str,
    ) -> bool {
        let ok = range.contains(&v);
        if !ok {
            self.err_hint(
                span,
                format!("{what} {v} is outside {}..{}", range.start(), range.end()),
                "see \"Numbers and their ranges\" in rubrics/README.md",
            );
        }
        ok
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{TINY, errors};
    use super::show;

    /// The messages of `src`'s problems.
    fn messages(src: &str) -> Vec<String> {
        errors(src).into_iter().map(|e| e.2).collect()
    }

    /// `TINY` with `old` replaced by `new` (which must occur).
    fn edit(old: &str, new: &str) -> String {
        assert!(TINY.contains(old), "`{old}` is not in the tiny rubric");
        TINY.replacen(old, new, 1)
    }

    #[test]
    fn numbers_are_shown_short() {
        assert_eq!(show(1e308), "1e308");
        assert_eq!(show(f64::NAN), "NaN");
        assert_eq!(show(f64::NEG_INFINITY), "-inf");
        assert_eq!(show(0.25), "0.25");
        assert_eq!(show(1e6), "1000000");
    }

    #[test]
    fn a_weight_of_1e308_is_refused() {
        let m = messages(&edit(
            "id = \"infra\"\nweight = 2",
            "id = \"infra\"\nweight = 1e308",
        ));
        assert!(
            m.contains(&"dimension weight 1e308 is outside 0..1000000".to_string()),
            "{m:?}"
        );
        let m = messages(&edit(
            "value = \"bandwidth_mbps\"\nweight = 1",
            "value = \"bandwidth_mbps\"\nweight = 1e308",
        ));
        assert!(
            m.contains(&"indicator weight 1e308 is outside 0..1000000".to_string()),
            "{m:?}"
        );
    }

    #[test]
    fn two_huge_weights_no_longer_overflow_their_sum() {
        let src = edit(
            "id = \"infra\"\nweight = 2",
            "id = \"infra\"\nweight = 1.7e308",
        )
        .replacen(
            "id = \"kinerja\"\nweight = 1",
            "id = \"kinerja\"\nweight = 1.7e308",
            1,
        );
        let m = messages(&src);
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(
            m.iter().all(|x| x.starts_with("dimension weight 1.7e308")),
            "{m:?}"
        );
    }

    #[test]
    fn toml_nan_and_inf_weights_are_refused() {
        for lit in ["nan", "+nan", "-nan", "inf", "+inf", "-inf"] {
            let m = messages(&edit(
                "id = \"infra\"\nweight = 2",
                &format!("id = \"infra\"\nweight = {lit}"),
            ));
            assert!(
                m.iter()
                    .any(|x| x.starts_with("dimension weight is ")
                        && x.ends_with("not a finite number")),
                "{lit}: {m:?}"
            );
        }
    }

    #[test]
    fn nan_and_inf_curve_parameters_are_refused() {
        let cases = [
            (
                "median = 20, good = 100",
                "median = nan, good = 100",
                "log-normal `median` is NaN",
            ),
            (
                "median = 20, good = 100",
                "median = 20, good = inf",
                "log-normal `good` is inf",
            ),
            (
                "{ kind = \"linear\", zero = 1, full = 5 }",
                "{ kind = \"linear\", zero = 1, full = inf }",
                "linear `full` is inf",
            ),
            (
                "{ kind = \"linear\", zero = 1, full = 5 }",
                "{ kind = \"linear\", zero = -inf, full = 5 }",
                "linear `zero` is -inf",
            ),
            (
                "thresholds = [0.5, 0.8]",
                "thresholds = [0.5, nan]",
                "step threshold is NaN",
            ),
            (
                "scores = [0, 50, 100]",
                "scores = [0, nan, 100]",
                "step score is NaN",
            ),
            (
                "scoring = { kind = \"boolean\" }",
                "scoring = { kind = \"boolean\", true-score = nan }",
                "boolean `true-score` is NaN",
            ),
        ];
        for (old, new, want) in cases {
            let m = messages(&edit(old, new));
            assert!(m.iter().any(|x| x.starts_with(want)), "{new}: {m:?}");
        }
    }

    #[test]
    fn a_nan_or_infinite_target_is_refused() {
        for lit in ["nan", "inf", "-inf"] {
            let m = messages(&edit("target = 0.6", &format!("target = {lit}")));
            assert!(
                m.iter().any(|x| x.starts_with("target is ")),
                "{lit}: {m:?}"
            );
        }
        let m = messages(&edit("target = 0.6", "target = 1e20"));
        assert_eq!(m, ["target 1e20 is outside -1e15..1e15"]);
    }

    #[test]
    fn negative_days_per_week_are_refused() {
        let m = messages(&edit("max-days-per-week = 2", "max-days-per-week = -3"));
        assert_eq!(m, ["max-days-per-week -3 is outside 0..5"]);
        let m = messages(&edit("max-days-per-week = 2", "max-days-per-week = 6"));
        assert_eq!(m, ["max-days-per-week 6 is outside 0..5"]);
    }

    #[test]
    fn a_nan_share_away_is_refused_at_its_value() {
        let src = edit("layak = 0.2, terbatas", "layak = nan, terbatas");
        let e = errors(&src);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(
            e[0].2,
            "max-share-away for `layak` is NaN, not a finite number"
        );
        let line = src
            .lines()
            .find(|l| l.starts_with("max-share-away"))
            .unwrap();
        assert_eq!(e[0].1, line.find("nan").unwrap() + 1, "{e:?}");
    }

    #[test]
    fn costs_that_printed_rp_nan_are_refused() {
        let m = messages(&edit("unit-cost = 10000000", "unit-cost = nan"));
        assert_eq!(m, ["unit-cost is NaN, not a finite number"]);
        let m = messages(&edit("cost = 100000000", "cost = inf"));
        assert_eq!(m, ["cost is inf, not a finite number"]);
        let m = messages(&edit("cost = 100000000", "cost = 1e16"));
        assert_eq!(m, ["cost 1e16 is outside 0..1e15"]);
        let m = messages(&edit(
            "unit-cost = 10000000",
            "unit-cost = 10000000\nstep = nan",
        ));
        assert_eq!(m, ["step is NaN, not a finite number"]);
    }

    #[test]
    fn nan_settings_and_bounds_are_refused() {
        let cases = [
            (
                "min-coverage = 0.5",
                "min-coverage = nan",
                "min-coverage is NaN",
            ),
            ("min-score = 70", "min-score = nan", "min-score is NaN"),
            ("min-score = 70", "min-score = inf", "min-score is inf"),
            (
                "type = \"integer\", min = 0 }",
                "type = \"integer\", min = nan }",
                "column `laptop_dinas` min is NaN",
            ),
            (
                "type = \"integer\", min = 0 }",
                "type = \"integer\", max = -inf }",
                "column `laptop_dinas` max is -inf",
            ),
            (
                "min-group-size = 3",
                "min-group-size = 100000",
                "min-group-size 100000 is outside 1..1000",
            ),
            (
                "default = \"belum\"",
                "default = \"belum\"\nmin-assessed = 1.5",
                "min-assessed 1.5 is outside 0..1",
            ),
            (
                "default = \"belum\"",
                "default = \"belum\"\nmin-assessed = nan",
                "min-assessed is NaN",
            ),
        ];
        for (old, new, want) in cases {
            let m = messages(&edit(old, new));
            assert!(m.iter().any(|x| x.starts_with(want)), "{new}: {m:?}");
        }
        let with_response = edit(
            "name = \"nama_opd\"\n",
            "name = \"nama_opd\"\nheadcount = \"jumlah_pegawai\"\nrespondents = \"survei\"\nmin-response = nan\n",
        );
        let m = messages(&with_response);
        assert_eq!(m, ["min-response is NaN, not a finite number"]);
    }
}
