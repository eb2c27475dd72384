//! The polars part of scoring: per-unit metrics from every dataset, then the rubric's
//! unit-level expressions (indicator values, gates, WFA figures), in one lazy plan.
//! Figures from personal datasets over fewer rows than `min-group-size`, or over fewer answers
//! (non-empty values of what the metric reads), are suppressed here, before anything can use
//! them.
//!
//! A computed number is a value on the value scale (finite, at most 1e15 in magnitude) or
//! missing (null): a metric, a unit-level expression or a number compared in one that gives
//! inf or NaN (a division by zero) or a number beyond ±1e15 (an integer that overflowed and
//! wrapped) for some unit is an error at the expression's `file:line:column`, naming the units,
//! and so is a polars error met while computing (a failed cast): the run stops before anything
//! is scored. `check_numbers` is also what checks the province rules (`province`).

use crate::assessment::EligibleJob;
use crate::diag::{Code, Diagnostic};
use crate::input::Loaded;
use crate::rubric::{MAX_MAGNITUDE, NamedExpr, Rubric, RubricError, show};
use crate::sql;
use anyhow::{Result, anyhow};
use polars::prelude::*;
use std::collections::{BTreeMap, HashSet};

/// Everything the arithmetic part needs about one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitValues {
    pub id: String,
    pub name: Option<String>,
    /// Indicator values, in rubric order (None: missing or not finite).
    pub indicators: Vec<Option<f64>>,
    /// Indicator computed from a group below the minimum size.
    pub suppressed: Vec<bool>,
    pub affects: Vec<Option<f64>>,
    pub gaps: Vec<Option<f64>>,
    pub gates: Vec<Option<bool>>,
    pub gate_affects: Vec<Option<f64>>,
    /// The compared side of each gate with a numeric limit (`limits::limit`), else None.
    pub gate_sides: Vec<Option<f64>>,
    pub staff_total: Option<f64>,
    pub staff_eligible: Option<f64>,
    pub min_on_site: Option<f64>,
    pub eligible_jobs: Vec<EligibleJob>,
}

fn f64s(df: &DataFrame, name: &str) -> Result<Vec<Option<f64>>> {
    let c = df.column(name)?.cast(&DataType::Float64)?;
    Ok(c.f64()?
        .iter()
        .map(|v| v.filter(|x| x.is_finite()))
        .collect())
}

fn bools(df: &DataFrame, name: &str) -> Result<Vec<Option<bool>>> {
    let c = df.column(name)?.cast(&DataType::Boolean)?;
    Ok(c.bool()?.iter().collect())
}

/// The unit-level table: one row per unit with `unit_id`, `unit_name`, `<dataset>_rows`, every
/// metric (suppressed for small groups) and the columns of per-unit datasets; and the personal
/// metrics with the row-count column that guards each.
fn unit_level(rubric: &Rubric, loaded: &Loaded) -> Result<(LazyFrame, Vec<(String, String)>)> {
    let ids: Vec<&str> = loaded.units.iter().map(|(i, _)| i.as_str()).collect();
    let names: Vec<Option<&str>> = loaded.units.iter().map(|(_, n)| n.as_deref()).collect();
    let base = DataFrame::new(
        ids.len(),
        vec![
            Column::new("unit_id".into(), ids),
            Column::new("unit_name".into(), names),
        ],
    )?;
    let mut lf = base.lazy();
    for ds in &rubric.datasets {
        let table = &loaded.tables[&ds.id];
        let rows = ds.rows_metric();
        let mut aggs = vec![len().cast(DataType::Float64).alias(rows.as_str())];
        if ds.per_unit {
            let mut names: Vec<&str> = ds
                .columns
                .iter()
                .filter(|c| !c.personal)
                .map(|c| c.name.as_str())
                .collect();
            names.extend(ds.derived.iter().map(|d| d.name.as_str()));
            for n in names.into_iter().filter(|n| *n != ds.unit_key) {
                aggs.push(col(n).first().alias(n));
            }
        }
        for m in &ds.metrics {
            aggs.push(m.parsed.clone().alias(m.name.as_str()));
            if ds.personal {
                aggs.push(answers(m).alias(answers_name(&m.name)));
            }
        }
        let agg = table.df.clone().lazy().group_by([col("__unit")]).agg(aggs);
        lf = lf.left_join(agg, col("unit_id"), col("__unit"));
        lf = lf.with_column(col(rows.as_str()).fill_null(lit(0.0)));
        if ds.personal {
            for m in &ds.metrics {
                let a = answers_name(&m.name);
                lf = lf.with_column(col(a.as_str()).fill_null(lit(0.0)));
            }
        }
    }
    let min = rubric.min_group_size as f64;
    let personal = personal_metrics(rubric);
    for (m, rows) in &personal {
        lf = lf.with_column(
            when(col(rows.as_str()).lt(lit(min)))
                .then(lit(NULL))
                .otherwise(col(m.as_str()))
                .alias(m.as_str()),
        );
    }
    Ok((lf, personal))
}

/// One of the rubric's unit-level expressions, as computed into a column of the unit table.
pub(super) struct Computed<'a> {
    /// The column it is computed into (`__ind_0`).
    pub(super) column: String,
    /// What it is, for messages: "indicator `laptop` value".
    pub(super) what: String,
    /// The rubric expression it comes from (its text and place).
    pub(super) expr: &'a NamedExpr,
    /// What is computed: the expression, or one side of a comparison in it.
    pub(super) value: Expr,
    /// The type it is cast to: Float64 (a number), or Boolean (a gate's condition).
    pub(super) dtype: DataType,
}

/// The rubric's unit-level expressions: indicator values, affects, gaps, gates, WFA figures.
fn computed(rubric: &Rubric) -> Vec<Computed<'_>> {
    let mut out: Vec<(String, String, &NamedExpr)> = Vec::new();
    let mut push = |column: String, what: String, e| out.push((column, what, e));
    for (i, ind) in rubric.indicators.iter().enumerate() {
        let id = &ind.id;
        push(
            format!("__ind_{i}"),
            format!("indicator `{id}` value"),
            &ind.value,
        );
        if let Some(a) = &ind.affects {
            push(format!("__aff_{i}"), format!("indicator `{id}` affects"), a);
        }
        if let Some(g) = &ind.gap {
            push(format!("__gap_{i}"), format!("indicator `{id}` gap"), g);
        }
    }
    let mut gates = Vec::new();
    for (i, g) in rubric.gates.iter().enumerate() {
        gates.push((
            format!("__gate_{i}"),
            format!("gate `{}` require", g.id),
            &g.require,
        ));
        if let Some(a) = &g.affects {
            push(format!("__gaff_{i}"), format!("gate `{}` affects", g.id), a);
        }
    }
    if let Some(w) = &rubric.wfa {
        push(
            "__wfa_total".into(),
            "wfa staff-total".into(),
            &w.staff_total,
        );
        push(
            "__wfa_eligible".into(),
            "wfa staff-eligible".into(),
            &w.staff_eligible,
        );
        if let Some(m) = &w.min_on_site {
            push("__wfa_onsite".into(), "wfa min-on-site".into(), m);
        }
    }
    let numbers = out.into_iter().map(|(column, what, expr)| Computed {
        column,
        what,
        value: expr.parsed.clone(),
        expr,
        dtype: DataType::Float64,
    });
    let conditions = gates.into_iter().map(|(column, what, expr)| Computed {
        column,
        what,
        value: expr.parsed.clone(),
        expr,
        dtype: DataType::Boolean,
    });
    numbers.chain(conditions).collect()
}

/// The numeric sides of every comparison in `computed` (`a / b >= 0.5`), to be checked like
/// the numbers: polars orders NaN above every number, so a NaN there would pass a gate instead
/// of being refused, and an integer that overflowed (wrapped) would be compared as it is.
pub(super) fn compared<'a>(computed: &[Computed<'a>], on: &LazyFrame) -> Vec<Computed<'a>> {
    let mut sides = Vec::new();
    for c in computed {
        for node in c.expr.parsed.into_iter() {
            let Expr::BinaryExpr { left, op, right } = node else {
                continue;
            };
            if !op.is_comparison() {
                continue;
            }
            for side in [left, right] {
                if !matches!(side.as_ref(), Expr::Literal(_) | Expr::Column(_)) {
                    sides.push(Computed {
                        column: format!("{}_side_{}", c.column, sides.len()),
                        what: format!("a value compared in {}", c.what),
                        expr: c.expr,
                        value: side.as_ref().clone(),
                        dtype: DataType::Float64,
                    });
                }
            }
        }
    }
    numbers_on(sides, on)
}

/// The `sides` that are numbers on `on` (a side of another type is compared as it is).
fn numbers_on<'a>(sides: Vec<Computed<'a>>, on: &LazyFrame) -> Vec<Computed<'a>> {
    if sides.is_empty() {
        return sides;
    }
    let Ok(schema) = on.clone().select(unit_exprs_as_is(&sides)).collect_schema() else {
        return Vec::new();
    };
    sides
        .into_iter()
        .filter(|s| {
            schema
                .get(s.column.as_str())
                .is_some_and(|t| t.is_float() || t.is_integer())
        })
        .collect()
}

/// The column prefix of a gate's compared side.
const GATE_SIDE: &str = "__gside_";

/// The compared side of every gate with a numeric limit (`limits::limit`) that is a number on
/// `on`, into `__gside_<i>`: the robustness check decides such a gate again under a moved limit.
pub(super) fn gate_sides<'a>(rubric: &'a Rubric, on: &LazyFrame) -> Vec<Computed<'a>> {
    let sides: Vec<Computed> = rubric
        .gates
        .iter()
        .enumerate()
        .filter_map(|(i, g)| {
            super::limits::limit(&g.require.parsed).map(|l| Computed {
                column: format!("{GATE_SIDE}{i}"),
                what: format!("the compared side of gate `{}`", g.id),
                expr: &g.require,
                value: l.side,
                dtype: DataType::Float64,
            })
        })
        .collect();
    numbers_on(sides, on)
}

/// `computed` under their column names, without the cast.
fn unit_exprs_as_is(computed: &[Computed]) -> Vec<Expr> {
    computed
        .iter()
        .map(|c| c.value.clone().alias(c.column.as_str()))
        .collect()
}

/// The polars expressions computing `computed` into their columns.
pub(super) fn unit_exprs(computed: &[Computed]) -> Vec<Expr> {
    computed
        .iter()
        .map(|c| {
            c.value
                .clone()
                .cast(c.dtype.clone())
                .alias(c.column.as_str())
        })
        .collect()
}

/// A rubric problem at `e`'s place, as an error of the run.
fn located(rubric: &Rubric, e: &NamedExpr, message: String, hint: &str) -> anyhow::Error {
    anyhow::Error::new(rubric.problem_at(e, message, hint))
}

use sql::{FAILED_ON_DATA_HINT, without_values};

/// A polars error met while computing `lf` with `exprs`: the first rubric expression that
/// fails on its own, at its place; else the error as it is.
fn blame(
    rubric: &Rubric,
    err: PolarsError,
    lf: &LazyFrame,
    computed: &[Computed],
    what: &str,
) -> anyhow::Error {
    for c in computed {
        let alone = lf
            .clone()
            .select([c.value.clone().cast(c.dtype.clone()).alias("__x")])
            .collect();
        if let Err(e) = alone {
            return located(
                rubric,
                c.expr,
                format!(
                    "{} `{}` failed on the data: {}",
                    c.what,
                    c.expr.expr,
                    without_values(&e)
                ),
                FAILED_ON_DATA_HINT,
            );
        }
    }
    anyhow!("{}", without_values(&err)).context(what.to_string())
}

/// The metrics of every dataset, each computed alone per unit: the first that fails, at its
/// place.
fn blame_metric(rubric: &Rubric, loaded: &Loaded, err: PolarsError) -> anyhow::Error {
    for ds in &rubric.datasets {
        let df = loaded.tables[&ds.id].df.clone();
        for m in &ds.metrics {
            let alone = df
                .clone()
                .lazy()
                .group_by([col("__unit")])
                .agg([m.parsed.clone().alias("__x")])
                .collect();
            if let Err(e) = alone {
                return located(
                    rubric,
                    m,
                    format!(
                        "metric `{}` `{}` failed on the data: {}",
                        m.name,
                        m.expr,
                        without_values(&e)
                    ),
                    FAILED_ON_DATA_HINT,
                );
            }
        }
    }
    anyhow!("{}", without_values(&err)).context("computing the unit-level table")
}

/// Every computed number of the unit table is a number on the value scale: the expressions
/// (and metrics) that gave inf, NaN or a magnitude beyond ±1e15 for some unit, each at its
/// place with the first units it happened for.
fn check_finite(rubric: &Rubric, df: &DataFrame, computed: &[Computed]) -> Result<()> {
    let ids: Vec<&str> = df
        .column("unit_id")?
        .str()?
        .iter()
        .map(|s| s.unwrap_or_default())
        .collect();
    let metrics = rubric.datasets.iter().flat_map(|d| {
        d.metrics
            .iter()
            .map(|m| (m.name.clone(), format!("metric `{}`", m.name), m))
    });
    // A gate's compared side is checked as the comparison's side already (`compared`).
    let numbers = computed
        .iter()
        .filter(|c| c.dtype == DataType::Float64 && !c.column.starts_with(GATE_SIDE))
        .map(|c| (c.column.clone(), c.what.clone(), c.expr));
    let items: Vec<_> = metrics.chain(numbers).collect();
    check_numbers(rubric, df, &items, Rows::Units(&ids))
}

/// Whose values the rows of a checked table are, for messages.
pub(super) enum Rows<'a> {
    /// One row per unit, these ids.
    Units(&'a [&'a str]),
    /// The province's figures (one row, or one per scenario): "for the province".
    Province,
}

/// The columns `items` (column, what it is, the expression it comes from) of `df` hold only
/// numbers on the value scale (finite, at most 1e15 in magnitude) or missing values; each that
/// does not is a problem at its expression's place.
pub(super) fn check_numbers(
    rubric: &Rubric,
    df: &DataFrame,
    items: &[(String, String, &NamedExpr)],
    rows: Rows,
) -> Result<()> {
    let mut problems = Vec::new();
    for (column, what, e) in items {
        let Ok(c) = df.column(column) else { continue };
        let Ok(c) = c.cast(&DataType::Float64) else {
            continue;
        };
        let bad: Vec<(usize, f64)> = c
            .f64()?
            .iter()
            .enumerate()
            .filter_map(|(r, v)| v.filter(|x| !on_scale(*x)).map(|x| (r, x)))
            .collect();
        let Some(&(first, value)) = bad.first() else {
            continue;
        };
        let whose = match rows {
            Rows::Units(ids) => {
                let more = match bad.len() {
                    1 => String::new(),
                    n => format!(
                        " (and {} more unit{})",
                        n - 1,
                        if n == 2 { "" } else { "s" }
                    ),
                };
                format!("unit `{}`{more}", ids[first])
            }
            Rows::Province => "the province".to_string(),
        };
        let shown = show(value);
        let problem = if value.is_finite() {
            RubricError::error(
                Some(e.span.clone()),
                format!(
                    "{what} `{}` gives {shown} for {whose}, outside the value scale; only a number from -1e15 to 1e15 (or missing) can be scored",
                    e.expr
                ),
            )
            .hint("an integer sum or product beyond the BIGINT range wraps around to a wrong number; keep the figures small or CAST them AS DOUBLE")
        } else {
            RubricError::error(
                Some(e.span.clone()),
                format!(
                    "{what} `{}` gives {shown} for {whose}; only a finite number (or missing) can be scored",
                    e.expr
                ),
            )
            .hint("a division by zero gives inf or NaN; divide by NULLIF(x, 0) so that the value is missing (null) instead")
        };
        problems.push(problem);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(anyhow::Error::new(rubric.report(problems)))
    }
}

/// A computed number that can be scored: finite and on the value scale (±1e15).
fn on_scale(x: f64) -> bool {
    x.is_finite() && x.abs() <= MAX_MAGNITUDE
}

/// The unit-level table, collected and sorted by unit id (what `evaluate` takes, edited).
pub fn unit_table(rubric: &Rubric, loaded: &Loaded) -> Result<DataFrame> {
    let (lf, _) = unit_level(rubric, loaded)?;
    let df = lf
        .sort(["unit_id"], SortMultipleOptions::default())
        .collect()
        .map_err(|e| blame_metric(rubric, loaded, e))?;
    check_finite(rubric, &df, &[])?;
    Ok(df)
}

/// Evaluate the rubric's expressions on rows of a unit-level table (rows may repeat a unit),
/// after the `edits` (expressions that replace unit-level columns); one `UnitValues` per row,
/// in row order.
pub fn evaluate(
    rubric: &Rubric,
    loaded: &Loaded,
    table: DataFrame,
    edits: Vec<Expr>,
) -> Result<Vec<UnitValues>> {
    let personal = personal_metrics(rubric);
    let edited = table.lazy().with_columns(edits);
    let mut computed = computed(rubric);
    computed.extend(compared(&computed, &edited));
    let df = edited
        .clone()
        .with_columns(unit_exprs(&computed))
        .collect()
        .map_err(|e| {
            blame(
                rubric,
                e,
                &edited,
                &computed,
                "evaluating the rubric on edited values",
            )
        })?;
    check_finite(rubric, &df, &computed)?;
    extract(rubric, loaded, &df, &personal)
}

/// The metrics of personal datasets, with the count column that guards each: how many people
/// answered what the metric reads (`answers`).
fn personal_metrics(rubric: &Rubric) -> Vec<(String, String)> {
    rubric
        .datasets
        .iter()
        .filter(|d| d.personal)
        .flat_map(|d| {
            d.metrics
                .iter()
                .map(|m| (m.name.clone(), answers_name(&m.name)))
        })
        .collect()
}

/// The column holding the answer count of personal metric `m`.
fn answers_name(m: &str) -> String {
    format!("__answers_{m}")
}

/// How many people a personal metric speaks for, per unit: for each aggregate in it (`AVG`,
/// `SUM`, `MIN`, …) the non-empty values of what it aggregates, the fewest of them. So
/// 6 respondents of whom 1 answered `skill` give `AVG(skill)` 1 answer, not 6 rows, and
/// `AVG(CASE WHEN golongan = 'IV' THEN skill END)` the answers of golongan IV only. Counts
/// (`COUNT(*)`, `COUNT(x)`) speak for the rows. When nobody answered there is no figure to hide:
/// the rows are used (then only a small unit is suppressed).
fn answers(m: &crate::rubric::NamedExpr) -> Expr {
    use polars::prelude::AggExpr::*;
    let rows = len().cast(DataType::Float64);
    let inputs: Vec<Expr> = m
        .parsed
        .into_iter()
        .filter_map(|node| match node {
            Expr::Agg(a) => match a {
                Min { input, .. }
                | Max { input, .. }
                | Item { input, .. }
                | Implode { input, .. } => Some(input.as_ref().clone()),
                Median(i)
                | First(i)
                | FirstNonNull(i)
                | Last(i)
                | LastNonNull(i)
                | Mean(i)
                | Sum(i)
                | AggGroups(i)
                | Std(i, _)
                | Var(i, _) => Some(i.as_ref().clone()),
                Count { .. } | NUnique(_) => None,
            },
            _ => None,
        })
        .collect();
    match inputs
        .into_iter()
        .map(|e| e.count().cast(DataType::Float64))
        .reduce(|a, b| when(a.clone().lt(b.clone())).then(a).otherwise(b))
    {
        Some(n) => when(n.clone().eq(lit(0.0))).then(rows).otherwise(n),
        None => rows,
    }
}

/// Compute every unit's values. Returns them sorted by unit id, with any small-group notes.
pub fn compute(rubric: &Rubric, loaded: &Loaded) -> Result<(Vec<UnitValues>, Vec<Diagnostic>)> {
    let (lf, personal) = unit_level(rubric, loaded)?;
    let min = rubric.min_group_size as f64;
    // The unit-level table first, so that a failing metric is told from a failing expression.
    let units = lf
        .collect()
        .map_err(|e| blame_metric(rubric, loaded, e))?
        .lazy();
    let mut computed = computed(rubric);
    computed.extend(compared(&computed, &units));
    computed.extend(gate_sides(rubric, &units));
    let df = units
        .clone()
        .with_columns(unit_exprs(&computed))
        .sort(["unit_id"], SortMultipleOptions::default())
        .collect()
        .map_err(|e| {
            blame(
                rubric,
                e,
                &units,
                &computed,
                "computing the unit-level values",
            )
        })?;
    check_finite(rubric, &df, &computed)?;

    let unit_ids: Vec<String> = df
        .column("unit_id")?
        .str()?
        .iter()
        .map(|s| s.unwrap_or_default().to_string())
        .collect();
    let mut diags = Vec::new();
    for ds in rubric.datasets.iter().filter(|d| d.personal) {
        for (u, r) in unit_ids.iter().zip(f64s(&df, &ds.rows_metric())?) {
            let r = r.unwrap_or(0.0);
            if r > 0.0 && r < min {
                diags.push(
                    Diagnostic::warning(
                        Code::SmallGroup,
                        crate::msg!(
                            "small-group-rows",
                            unit = u,
                            rows = r.to_string(),
                            dataset = &ds.id,
                            min = rubric.min_group_size.to_string()
                        ),
                    )
                    .dataset(&ds.id)
                    .value(u.clone()),
                );
            }
        }
    }

    // A group large enough by its rows may still have few answers to one question.
    for ds in rubric.datasets.iter().filter(|d| d.personal) {
        let rows = f64s(&df, &ds.rows_metric())?;
        for m in &ds.metrics {
            let answers = f64s(&df, &answers_name(&m.name))?;
            for ((u, r), a) in unit_ids.iter().zip(&rows).zip(answers) {
                let (r, a) = (r.unwrap_or(0.0), a.unwrap_or(0.0));
                if r >= min && a > 0.0 && a < min {
                    diags.push(
                        Diagnostic::warning(
                            Code::SmallGroup,
                            crate::msg!(
                                "small-group-answers",
                                metric = &m.name,
                                unit = u,
                                answers = a.to_string(),
                                min = rubric.min_group_size.to_string()
                            ),
                        )
                        .dataset(&ds.id)
                        .value(u.clone()),
                    );
                }
            }
        }
    }
    Ok((extract(rubric, loaded, &df, &personal)?, diags))
}

/// Read the computed columns of `df` into one `UnitValues` per row.
fn extract(
    rubric: &Rubric,
    loaded: &Loaded,
    df: &DataFrame,
    personal: &[(String, String)],
) -> Result<Vec<UnitValues>> {
    let min = rubric.min_group_size as f64;
    // Which personal metrics each indicator reads.
    let personal_names: HashSet<&str> = personal.iter().map(|(m, _)| m.as_str()).collect();
    let reads_personal: Vec<Vec<String>> = rubric
        .indicators
        .iter()
        .map(|ind| {
            ind.value
                .parsed
                .clone()
                .meta()
                .root_names()
                .iter()
                .filter(|n| personal_names.contains(n.as_str()))
                .map(|n| n.to_string())
                .collect()
        })
        .collect();

    let n = df.height();
    let opt = |name: String| -> Result<Vec<Option<f64>>> {
        if df.column(&name).is_ok() {
            f64s(df, &name)
        } else {
            Ok(vec![None; n])
        }
    };
    let many = |prefix: &str, count: usize| -> Result<Vec<Vec<Option<f64>>>> {
        (0..count).map(|i| opt(format!("{prefix}_{i}"))).collect()
    };
    let n_ind = rubric.indicators.len();
    let (ind, aff, gap) = (
        many("__ind", n_ind)?,
        many("__aff", n_ind)?,
        many("__gap", n_ind)?,
    );
    let gaff = many("__gaff", rubric.gates.len())?;
    let gside = many(GATE_SIDE.trim_end_matches('_'), rubric.gates.len())?;
    let gates: Vec<Vec<Option<bool>>> = (0..rubric.gates.len())
        .map(|i| bools(df, &format!("__gate_{i}")))
        .collect::<Result<_>>()?;
    let total = opt("__wfa_total".into())?;
    let eligible = opt("__wfa_eligible".into())?;
    let onsite = opt("__wfa_onsite".into())?;
    let unit_ids: Vec<String> = df
        .column("unit_id")?
        .str()?
        .iter()
        .map(|s| s.unwrap_or_default().to_string())
        .collect();
    let unit_names: Vec<Option<String>> = df
        .column("unit_name")?
        .str()?
        .iter()
        .map(|s| s.map(str::to_string))
        .collect();
    let metric_rows: BTreeMap<String, Vec<Option<f64>>> = personal
        .iter()
        .map(|(m, rows)| Ok((m.clone(), f64s(df, rows)?)))
        .collect::<Result<_>>()?;

    let jobs = eligible_jobs(rubric, loaded)?;
    let out = (0..n)
        .map(|r| UnitValues {
            id: unit_ids[r].clone(),
            name: unit_names[r].clone(),
            indicators: ind.iter().map(|c| c[r]).collect(),
            suppressed: reads_personal
                .iter()
                .map(|names| names.iter().any(|m| metric_rows[m][r].unwrap_or(0.0) < min))
                .collect(),
            affects: aff.iter().map(|c| c[r]).collect(),
            gaps: gap.iter().map(|c| c[r]).collect(),
            gates: gates.iter().map(|c| c[r]).collect(),
            gate_affects: gaff.iter().map(|c| c[r]).collect(),
            gate_sides: gside.iter().map(|c| c[r]).collect(),
            staff_total: total[r],
            staff_eligible: eligible[r],
            min_on_site: onsite[r],
            eligible_jobs: jobs.get(&unit_ids[r]).cloned().unwrap_or_default(),
        })
        .collect();
    Ok(out)
}

/// The WFA-eligible job types of every unit, most holders first.
fn eligible_jobs(rubric: &Rubric, loaded: &Loaded) -> Result<BTreeMap<String, Vec<EligibleJob>>> {
    let mut out: BTreeMap<String, BTreeMap<String, Option<i64>>> = BTreeMap::new();
    let Some(jobs) = rubric.wfa.as_ref().and_then(|w| w.jobs.as_ref()) else {
        return Ok(BTreeMap::new());
    };
    let df = &loaded.tables[&jobs.dataset].df;
    let eligible = bools(df, &jobs.eligible)?;
    let units: Vec<Option<String>> = df
        .column("__unit")?
        .str()?
        .iter()
        .map(|s| s.map(str::to_string))
        .collect();
    let names: Vec<Option<String>> = df
        .column(&jobs.name)?
        .cast(&DataType::String)?
        .str()?
        .iter()
        .map(|s| s.map(str::to_string))
        .collect();
    // Without a `count` column each row is one holder.
    let counts = match &jobs.count {
        Some(c) => f64s(df, c)?,
        None => vec![Some(1.0); df.height()],
    };
    for i in 0..df.height() {
        if eligible[i] != Some(true) {
            continue;
        }
        let (Some(u), Some(name)) = (&units[i], &names[i]) else {
            continue;
        };
        let e = out
            .entry(u.clone())
            .or_default()
            .entry(name.clone())
            .or_insert(None);
        if let Some(c) = counts[i] {
            *e = Some(e.unwrap_or(0) + c.round() as i64);
        }
    }
    Ok(out
        .into_iter()
        .map(|(u, m)| {
            let mut v: Vec<EligibleJob> = m
                .into_iter()
                .map(|(name, holders)| EligibleJob {
                    name,
                    holders,
                    suppressed: None,
                })
                .collect();
            v.sort_by(|a, b| {
                b.holders
                    .unwrap_or(0)
                    .cmp(&a.holders.unwrap_or(0))
                    .then(a.name.cmp(&b.name))
            });
            (u, v)
        })
        .collect())
}

#[cfg(test)]
pub(super) mod tests {
    use crate::input::{Sources, load};
    use crate::rubric::RubricErrors;

    const TINY: &str = include_str!("../../tests/fixtures/tiny/tiny.toml");

    /// The tiny fixture scored under `TINY` with `old` replaced by `new`: the problems of the run
    /// as (line, column, message, hint), or the error's text when it is not a rubric problem.
    pub(in crate::scoring) fn run(
        old: &str,
        new: &str,
    ) -> Result<super::super::Scored, Vec<(usize, usize, String)>> {
        assert!(TINY.contains(old), "`{old}` is not in the tiny rubric");
        let rubric = crate::rubric::load_str(&TINY.replacen(old, new, 1), "r.toml").unwrap();
        let sources = Sources {
            dir: Some("tests/fixtures/tiny".into()),
            files: vec![],
            resubmit: Default::default(),
            keep_going: false,
            units: None,
        };
        let loaded = load(&rubric, &sources).unwrap();
        crate::scoring::score(&rubric, &loaded).map_err(|e| {
            let r = e
                .downcast_ref::<RubricErrors>()
                .unwrap_or_else(|| panic!("not a rubric problem: {e:#}"));
            r.errors
                .iter()
                .map(|x| {
                    let (l, c) = r.line_col(x.span.clone().unwrap().start);
                    (l, c, x.message.clone())
                })
                .collect()
        })
    }

    pub(in crate::scoring) fn line_of(text: &str) -> usize {
        TINY.lines().position(|l| l.contains(text)).unwrap() + 1
    }

    #[test]
    fn an_indicator_dividing_by_zero_is_an_error_not_a_missing_value() {
        // `bandwidth` has missing = "zero": before, inf was read as missing and scored 0.
        let e = run(
            "value = \"bandwidth_mbps\"",
            "value = \"bandwidth_mbps / 0\"",
        )
        .unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!((e[0].0, e[0].1), (line_of("value = \"bandwidth_mbps\""), 9));
        assert_eq!(
            e[0].2,
            "indicator `bandwidth` value `bandwidth_mbps / 0` gives inf for unit `A` (and 1 more unit); only a finite number (or missing) can be scored"
        );
        let e = run(
            "value = \"bandwidth_mbps\"",
            "value = \"bandwidth_mbps / 0 - bandwidth_mbps / 0\"",
        )
        .unwrap_err();
        assert!(e[0].2.contains("gives NaN for unit `A`"), "{e:?}");
    }

    #[test]
    fn a_missing_value_is_still_missing_not_an_error() {
        // NULLIF gives null (missing) where the divisor is 0: scored by `missing`, no error.
        let s = run(
            "value = \"bandwidth_mbps\"",
            "value = \"bandwidth_mbps / NULLIF(bandwidth_mbps - bandwidth_mbps, 0)\"",
        )
        .unwrap();
        assert!(s.units.iter().all(|u| u.indicators[1].value.is_none()));
        assert!(s.units.iter().all(|u| u.indicators[1].score == Some(0.0)));
    }

    #[test]
    fn a_nan_compared_in_a_gate_no_longer_passes_it() {
        // polars orders NaN above every number: `NaN >= 0.5` was true and the gate passed.
        let e = run(
            "require = \"persen_skp >= 0.5\"",
            "require = \"persen_skp / 0 - persen_skp / 0 >= 0.5\"",
        )
        .unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].0, line_of("require = \"persen_skp >= 0.5\""));
        assert!(
            e[0].2.starts_with("a value compared in gate `skp_gate` require `persen_skp / 0 - persen_skp / 0 >= 0.5` gives NaN for unit `A`"),
            "{e:?}"
        );
    }

    #[test]
    fn an_infinite_metric_or_staff_figure_is_an_error() {
        let e = run(
            "expr = \"AVG(skill)\"",
            "expr = \"AVG(skill) / (COUNT(*) - COUNT(*))\"",
        )
        .unwrap_err();
        assert!(
            e.iter().any(|x| x
                .2
                .starts_with("metric `skill_avg` `AVG(skill) / (COUNT(*) - COUNT(*))` gives inf")),
            "{e:?}"
        );
        let e = run(
            "staff-total = \"jumlah_pegawai\"",
            "staff-total = \"jumlah_pegawai / 0\"",
        )
        .unwrap_err();
        assert!(
            e[0].2
                .starts_with("wfa staff-total `jumlah_pegawai / 0` gives inf for unit `A`"),
            "{e:?}"
        );
    }

    #[test]
    fn an_integer_overflow_is_refused_not_wrapped() {
        // i64::MAX + staff wrapped to -9223372036854775808: scored 0 for every unit, exit 0.
        let e = run(
            "value = \"bandwidth_mbps\"",
            "value = \"CAST(9223372036854775807 AS BIGINT) + jumlah_pegawai\"",
        )
        .unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!((e[0].0, e[0].1), (line_of("value = \"bandwidth_mbps\""), 9));
        assert_eq!(
            e[0].2,
            "indicator `bandwidth` value `CAST(9223372036854775807 AS BIGINT) + jumlah_pegawai` gives -9.223372036854776e18 for unit `A` (and 2 more units), outside the value scale; only a number from -1e15 to 1e15 (or missing) can be scored"
        );
        // Compared in a gate, the wrapped (negative) integer failed the gate quietly.
        let e = run(
            "require = \"persen_skp >= 0.5\"",
            "require = \"CAST(9223372036854775807 AS BIGINT) + jumlah_pegawai < 0\"",
        )
        .unwrap_err();
        assert!(
            e[0].2
                .starts_with("a value compared in gate `skp_gate` require"),
            "{e:?}"
        );
        // A value beyond 1e15 that did not wrap is outside the scale as well; 1e15 itself is in.
        let e = run(
            "value = \"bandwidth_mbps\"",
            "value = \"bandwidth_mbps + 10000000000000000.0\"",
        )
        .unwrap_err();
        assert!(e[0].2.contains("outside the value scale"), "{e:?}");
        run(
            "value = \"bandwidth_mbps\"",
            "value = \"bandwidth_mbps * 0 + 1000000000000000.0\"",
        )
        .unwrap();
    }

    #[test]
    fn a_sql_error_at_run_time_points_at_the_expression() {
        let e = run(
            "value = \"bandwidth_mbps\"",
            "value = \"CAST(nama_opd AS DOUBLE)\"",
        )
        .unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!((e[0].0, e[0].1), (line_of("value = \"bandwidth_mbps\""), 9));
        assert!(
            e[0].2.starts_with("indicator `bandwidth` value `CAST(nama_opd AS DOUBLE)` failed on the data: conversion from `str` to `f64` failed"),
            "{e:?}"
        );
        // The failing values are data (here unit names; in a personal column, names or NIPs).
        assert!(!e[0].2.contains("Dinas"), "{e:?}");
    }

    #[test]
    fn a_metric_failing_at_run_time_points_at_the_metric_without_quoting_the_data() {
        let e = run(
            "expr = \"AVG(skill)\"",
            "expr = \"AVG(CAST(kode_opd AS DOUBLE))\"",
        )
        .unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].0, line_of("expr = \"AVG(skill)\""));
        assert!(e[0].2.starts_with("metric `skill_avg`"), "{e:?}");
        // Polars quotes the failing values (`["A", "B", …]`); none may reach the message.
        assert!(!e[0].2.contains("\"A\""), "a data value was quoted: {e:?}");
    }
}
