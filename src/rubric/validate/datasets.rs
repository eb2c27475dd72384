//! `[datasets.ID]`: ids, file and sheet patterns (compiled), columns and their types, derived
//! columns (row level, in order), key and unique columns, metrics (per unit), and the unit-level
//! names each dataset exposes.

use super::expr::{Fields, Scope};
use super::numbers::VALUE;
use super::{Ctx, Unvalidated, text};
use crate::rubric::model::*;
use crate::rubric::raw::*;
use crate::sql;
use polars::prelude::DataType;
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

const COLUMN_TYPES: [&str; 8] = [
    "text", "integer", "number", "percent", "boolean", "likert", "category", "date",
];

/// Every dataset; leaves the row-level names of each, and the unit-level names, in `Ctx`.
impl Unvalidated for BTreeMap<String, Spanned<RawDataset>> {
    type Valid = Vec<Dataset>;

    fn validate(&self, ctx: &mut Ctx) -> Vec<Dataset> {
        if self.is_empty() {
            ctx.err(ctx.root.clone(), "the rubric declares no dataset");
        }
        let mut datasets = Vec::new();
        let mut unit_fields: Fields = vec![
            ("unit_id".into(), DataType::String),
            ("unit_name".into(), DataType::String),
        ];
        for (id, ds) in self {
            let (dataset, fields, exposed) = dataset(ctx, id, ds);
            for (name, t, span) in exposed {
                if unit_fields.iter().any(|(n, _)| *n == name) {
                    ctx.err_hint(span, format!("the unit-level name `{name}` is defined twice"), "metric names and the columns of per-unit datasets share one namespace; rename one");
                } else {
                    unit_fields.push((name, t));
                }
            }
            ctx.row_fields.insert(id.clone(), fields);
            datasets.push(dataset);
        }
        ctx.unit = Scope::new(unit_fields);
        datasets
    }
}

/// Compiled patterns; an invalid one is reported and left out.
pub(super) fn patterns(ctx: &mut Ctx, raw: &[Spanned<String>]) -> Vec<NamePattern> {
    raw.iter()
        .filter_map(|p| match NamePattern::new(p.get_ref(), p.span()) {
            Ok(x) => Some(x),
            Err(e) => {
                ctx.err(p.span(), format!("invalid pattern: {e}"));
                None
            }
        })
        .collect()
}

fn column_type(ctx: &mut Ctx, c: &RawColumn) -> ColumnType {
    match c.kind.get_ref().as_str() {
        "text" => ColumnType::Text,
        "integer" => ColumnType::Integer,
        "number" => ColumnType::Number,
        "percent" => ColumnType::Percent,
        "boolean" => ColumnType::Boolean,
        "likert" => ColumnType::Likert,
        "date" => ColumnType::Date,
        "category" => {
            if c.values.is_empty() {
                ctx.err_hint(
                    c.kind.span(),
                    "a category column needs its allowed `values`",
                    "e.g. values = [\"baik\", \"lemah\", \"tidak ada\"]",
                );
            }
            ColumnType::Category {
                values: c.values.clone(),
            }
        }
        _ => {
            ctx.unknown(
                &c.kind,
                "column type",
                COLUMN_TYPES.map(String::from).to_vec(),
            );
            ColumnType::Text
        }
    }
}

/// The declared columns, and their row-level names.
fn columns(ctx: &mut Ctx, raw: &[Spanned<RawColumn>]) -> (Vec<Column>, Fields) {
    let mut columns = Vec::new();
    let mut fields: Fields = Vec::new();
    // Each question's words, with the column asking it: no two may read the same.
    let mut asked: Vec<(Vec<String>, String)> = Vec::new();
    for c in raw {
        let c = c.get_ref();
        let question = questions(ctx, c, &mut asked);
        ctx.ident(&c.name, "column name");
        if fields.iter().any(|(n, _)| n == c.name.get_ref()) {
            ctx.err(
                c.name.span(),
                format!("column `{}` is declared twice", c.name.get_ref()),
            );
            continue;
        }
        let kind = column_type(ctx, c);
        for (bound, which) in [(&c.min, "min"), (&c.max, "max")] {
            if let Some(b) = bound {
                let what = format!("column `{}` {which}", c.name.get_ref());
                ctx.number(b.span(), *b.get_ref(), VALUE, &what);
            }
        }
        let (mut min, mut max) = (
            c.min.as_ref().map(|m| *m.get_ref()),
            c.max.as_ref().map(|m| *m.get_ref()),
        );
        if kind == ColumnType::Likert {
            min = min.or(Some(1.0));
            max = max.or(Some(5.0));
        }
        if let (Some(lo), Some(hi)) = (min, max) {
            if lo > hi {
                ctx.err(
                    c.min.as_ref().map(|m| m.span()).unwrap_or(c.name.span()),
                    format!("min {lo} is above max {hi}"),
                );
            }
        }
        fields.push((c.name.get_ref().clone(), kind.storage()));
        let mut column = Column {
            name: c.name.get_ref().clone(),
            kind,
            required: c.required,
            aliases: c.aliases.clone(),
            min,
            max,
            personal: c.personal,
            description: super::forms::description(ctx, c),
            question,
            form: ColumnForm::default(),
        };
        column.form = super::forms::form(ctx, c, &mut column);
        columns.push(column);
    }
    super::forms::labels_apart(ctx, raw, &columns);
    (columns, fields)
}

/// Longest form question (characters).
pub const MAX_QUESTION_LEN: usize = 200;

/// A column's form questions, checked: text, at most `MAX_QUESTION_LEN` characters, and not
/// reading the same as another question of the dataset once normalised (`input::phrase`).
fn questions(ctx: &mut Ctx, c: &RawColumn, asked: &mut Vec<(Vec<String>, String)>) -> Vec<String> {
    let Some(q) = &c.question else {
        return Vec::new();
    };
    let name = c.name.get_ref();
    let mut out = Vec::new();
    for t in q.get_ref().texts() {
        let words = crate::input::phrase::words(&t);
        if words.is_empty() {
            ctx.err(
                q.span(),
                format!("column `{name}`: a question has no words"),
            );
            continue;
        }
        if t.chars().count() > MAX_QUESTION_LEN {
            ctx.err(
                q.span(),
                format!("column `{name}`: a question is over {MAX_QUESTION_LEN} characters"),
            );
            continue;
        }
        if let Some((_, other)) = asked.iter().find(|(w, _)| *w == words) {
            ctx.err_hint(
                q.span(),
                format!("column `{name}`: question `{t}` reads the same as a question of `{other}`"),
                "questions are compared without case, punctuation, units in parentheses, a trailing year or words such as apakah/anda/ada",
            );
            continue;
        }
        asked.push((words, name.clone()));
        out.push(t);
    }
    out
}

/// A derived column or metric, with its description.
fn described(
    ctx: &mut Ctx,
    n: &Spanned<RawNamedExpr>,
    scope: &Scope,
    agg_key: Option<&str>,
) -> (NamedExpr, Option<DataType>) {
    let r = n.get_ref();
    let (mut e, t) = ctx.expr(r.name.get_ref(), &r.expr, scope, agg_key);
    e.description = r.description.as_ref().map(|t| text(Some(t), ""));
    (e, t)
}

/// Check one dataset; returns it, its row-level fields, and the unit-level names it exposes.
fn dataset(
    ctx: &mut Ctx,
    id: &str,
    ds: &Spanned<RawDataset>,
) -> (Dataset, Fields, Vec<(String, DataType, Range<usize>)>) {
    let r = ds.get_ref();
    let id_ok = !id.is_empty()
        && id
            .chars()
            .all(|c| c == '_' || c.is_ascii_lowercase() || c.is_ascii_digit());
    if !id_ok {
        ctx.err(
            ds.span(),
            format!("dataset id `{id}` must use lowercase letters, digits and `_`"),
        );
    }
    let files = patterns(ctx, &r.files);
    let sheets = patterns(ctx, &r.sheets);
    if r.columns.is_empty() {
        ctx.err(ds.span(), format!("dataset `{id}` has no columns"));
    }
    let (columns, mut fields) = columns(ctx, &r.columns);
    // Derived columns, in order: each sees the columns and the derived columns before it.
    let mut scope = Scope::new(fields.clone());
    let mut derived = Vec::new();
    for d in &r.derived {
        let dr = d.get_ref();
        ctx.ident(&dr.name, "derived column name");
        if fields.iter().any(|(n, _)| n == dr.name.get_ref()) {
            ctx.err(
                dr.name.span(),
                format!("`{}` is already a column of `{id}`", dr.name.get_ref()),
            );
        }
        let (e, t) = described(ctx, d, &scope, None);
        let t = match t {
            None | Some(DataType::Null) => DataType::Float64,
            Some(t) => t,
        };
        fields.push((dr.name.get_ref().clone(), t));
        scope = Scope::new(fields.clone());
        derived.push(e);
    }
    // Key and unique columns.
    let known = scope.names();
    if !known.contains(r.unit_key.get_ref()) {
        ctx.unknown(&r.unit_key, "column", known.clone());
    }
    for u in &r.unique {
        if !known.contains(u.get_ref()) {
            ctx.unknown(u, "column", known.clone());
        }
    }
    // Exposed unit-level names.
    let mut exposed = vec![(format!("{id}_rows"), DataType::UInt32, ds.span())];
    if r.per_unit {
        for (name, t) in &fields {
            let personal = columns.iter().any(|c| &c.name == name && c.personal);
            if name != r.unit_key.get_ref() && !personal {
                exposed.push((name.clone(), t.clone(), ds.span()));
            }
        }
    }
    let mut metrics = Vec::new();
    let personal = super::personal::personal_names(&columns, &derived);
    if known.contains(r.unit_key.get_ref()) {
        for m in &r.metrics {
            let mr = m.get_ref();
            ctx.ident(&mr.name, "metric name");
            let (e, t) = described(ctx, m, &scope, Some(r.unit_key.get_ref()));
            ctx.personal_metric(id, &e, &mr.expr, &personal);
            if let Some(t) = t {
                if !sql::is_scalar_numeric(&t) {
                    ctx.err_hint(
                        mr.expr.span(),
                        format!(
                            "metric `{}` gives {t}, not one number per unit",
                            mr.name.get_ref()
                        ),
                        "aggregate the rows, e.g. AVG(x), SUM(x), COUNT(*)",
                    );
                }
                exposed.push((mr.name.get_ref().clone(), t, mr.name.span()));
            }
            metrics.push(e);
        }
    }
    let dataset = Dataset {
        id: id.to_string(),
        title: text(r.title.as_ref(), id),
        files,
        sheets,
        unit_key: r.unit_key.get_ref().clone(),
        unique: r.unique.iter().map(|f| f.get_ref().clone()).collect(),
        per_unit: r.per_unit,
        personal: r.personal,
        every_unit: r.every_unit.unwrap_or(true),
        columns,
        derived,
        metrics,
    };
    (dataset, fields, exposed)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{TINY, errors};
    use crate::rubric::load_str;

    #[test]
    fn metrics_must_aggregate() {
        let src = TINY.replace("expr = \"AVG(skill)\"", "expr = \"skill\"");
        let e = errors(&src);
        // The metric, and the indicator that reads it.
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(
            e[0].2.starts_with("metric `skill_avg` gives list["),
            "{e:?}"
        );
    }

    #[test]
    fn patterns_are_compiled_and_match_ignoring_case() {
        let src = TINY.replace(
            "files = [\"infra*\"]",
            "files = [\"INFRA*\"]\nsheets = [\"Data*\"]",
        );
        let r = load_str(&src, "r.toml").unwrap();
        let ds = r.dataset("infra").unwrap();
        assert_eq!(ds.files[0].as_str(), "INFRA*");
        assert!(ds.files[0].matches("infra_2025.xlsx"));
        assert!(ds.files[0].matches("Infra.CSV"));
        assert!(!ds.files[0].matches("survei.csv"));
        assert!(ds.sheets[0].matches("DATA OPD"));
        let bad = TINY.replace("files = [\"infra*\"]", "files = [\"infra[\"]");
        assert!(
            errors(&bad)[0].2.starts_with("invalid pattern: "),
            "{:?}",
            errors(&bad)
        );
    }

    #[test]
    fn questions_are_text_capped_and_never_read_the_same_as_another() {
        let with = |a: &str, b: &str| {
            TINY.replacen(
                "{ name = \"kode_opd\", type = \"text\", required = true },\n  { name = \"skill\", type = \"likert\" },",
                &format!("{{ name = \"kode_opd\", type = \"text\", required = true, question = {a} }},\n  {{ name = \"skill\", type = \"likert\", question = {b} }},"),
                1,
            )
        };
        let ok = with(
            "\"Unit kerja Anda?\"",
            "[\"Seberapa mahir Anda?\", \"Kemampuan [Email]\"]",
        );
        assert_ne!(ok, TINY);
        let r = load_str(&ok, "r.toml").unwrap();
        let skill = r
            .datasets
            .iter()
            .flat_map(|d| &d.columns)
            .find(|c| c.name == "skill")
            .unwrap();
        assert_eq!(
            skill.question,
            ["Seberapa mahir Anda?", "Kemampuan [Email]"]
        );
        // Two columns asking what reads the same once normalised: an error at the second.
        let e = errors(&with(
            "\"Apakah Anda mahir?\"",
            "\"APAKAH anda MAHIR (1-5)\"",
        ));
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].2
                .contains("reads the same as a question of `kode_opd`"),
            "{e:?}"
        );
        assert_eq!(e[0].0, 39, "{e:?}");
        let long = format!("\"{}\"", "kata ".repeat(50));
        let e = errors(&with("\"Unit?\"", &long));
        assert!(e[0].2.contains("over 200 characters"), "{e:?}");
        let e = errors(&with("\"(orang)\"", "\"Ok\""));
        assert!(e[0].2.contains("has no words"), "{e:?}");
        // Not a text.
        assert!(load_str(&with("3", "\"Ok\""), "r.toml").is_err());
    }
}
