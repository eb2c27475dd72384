//! Checks a raw rubric into a trusted `Rubric`, collecting every problem with its place.

use super::model::*;
use super::raw::*;
use crate::sql;
use polars::prelude::{DataType, LazyFrame, col};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

/// One problem in a rubric file.
#[derive(Debug, Clone, PartialEq)]
pub struct RubricError {
    /// Byte range in the file, when known.
    pub span: Option<Range<usize>>,
    pub message: String,
    pub hint: Option<String>,
}

/// Every problem found in one rubric file, printable as `file:line:column: error: …`.
#[derive(Debug, Clone)]
pub struct RubricErrors {
    pub path: String,
    pub src: String,
    pub errors: Vec<RubricError>,
}

impl RubricErrors {
    /// 1-based (line, column) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        line_col(&self.src, offset)
    }
}

fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

impl fmt::Display for RubricErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.errors {
            match &e.span {
                Some(span) => {
                    let (line, col) = self.line_col(span.start);
                    writeln!(f, "{}:{line}:{col}: error: {}", self.path, e.message)?;
                    let text = self.src.lines().nth(line - 1).unwrap_or("");
                    let width = self.src[span.clone()]
                        .lines()
                        .next()
                        .map(|l| l.chars().count())
                        .unwrap_or(1)
                        .clamp(1, text.chars().count().saturating_sub(col - 1).max(1));
                    writeln!(f, "{line:>5} | {text}")?;
                    writeln!(f, "      | {}{}", " ".repeat(col - 1), "^".repeat(width))?;
                }
                None => writeln!(f, "{}: error: {}", self.path, e.message)?,
            }
            if let Some(h) = &e.hint {
                writeln!(f, "      = hint: {h}")?;
            }
        }
        write!(
            f,
            "{} problem{} in {}",
            self.errors.len(),
            if self.errors.len() == 1 { "" } else { "s" },
            self.path
        )
    }
}

impl std::error::Error for RubricErrors {}

/// Read and check a rubric file.
pub fn load(path: &Path) -> Result<Rubric, RubricErrors> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| RubricErrors {
        path: shown.clone(),
        src: String::new(),
        errors: vec![RubricError {
            span: None,
            message: format!("cannot read the rubric: {e}"),
            hint: None,
        }],
    })?;
    let src = String::from_utf8(bytes).map_err(|_| RubricErrors {
        path: shown.clone(),
        src: String::new(),
        errors: vec![RubricError {
            span: None,
            message: "the rubric is not UTF-8 text".into(),
            hint: None,
        }],
    })?;
    load_str(&src, &shown)
}

/// Check a rubric given as text; `path` is only used in messages and outputs.
pub fn load_str(src: &str, path: &str) -> Result<Rubric, RubricErrors> {
    let fail = |errors| RubricErrors {
        path: path.to_string(),
        src: src.to_string(),
        errors,
    };
    let de = toml::de::Deserializer::parse(src).map_err(|e| fail(vec![toml_error(&e)]))?;
    let mut ignored = Vec::new();
    let raw: RawRubric = serde_ignored::deserialize(de, |p| ignored.push(p.to_string()))
        .map_err(|e| fail(vec![toml_error(&e)]))?;
    let mut v = Validator { errors: Vec::new() };
    for p in ignored {
        let p = p
            .replace("$__serde_spanned_private_value.", "")
            .replace(".$__serde_spanned_private_value", "")
            .replace("?.", "");
        let key = p.rsplit('.').next().unwrap_or(&p).to_string();
        let span = find_key_span(src, &p);
        v.errors.push(RubricError {
            span,
            message: format!("unknown key `{p}`"),
            hint: Some(format!(
                "`{key}` is not part of the rubric format (see rubrics/README.md)"
            )),
        });
    }
    let sha256 = hex(&Sha256::digest(src.as_bytes()));
    let rubric = v.rubric(raw, path, sha256);
    if v.errors.is_empty() {
        Ok(rubric.expect("no errors means a rubric"))
    } else {
        v.errors
            .sort_by_key(|e| e.span.as_ref().map(|s| s.start).unwrap_or(0));
        Err(fail(v.errors))
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn toml_error(e: &toml::de::Error) -> RubricError {
    RubricError {
        span: e.span(),
        message: e.message().trim().to_string(),
        hint: None,
    }
}

/// Find the span of the key at a dotted path (`datasets.x.columns.0.foo`) in the document.
fn find_key_span(src: &str, path: &str) -> Option<Range<usize>> {
    use toml::de::{DeTable, DeValue};
    let doc = DeTable::parse(src).ok()?;
    let mut table = doc.get_ref();
    let parts: Vec<&str> = path.split('.').collect();
    let mut i = 0;
    let mut value: Option<&Spanned<DeValue>> = None;
    while i < parts.len() {
        let part = parts[i];
        if let Some(v) = value {
            match v.get_ref() {
                DeValue::Table(t) => table = t,
                DeValue::Array(a) => {
                    let idx: usize = part.parse().ok()?;
                    value = Some(a.get(idx)?);
                    i += 1;
                    continue;
                }
                _ => return None,
            }
        }
        let (k, v) = table.iter().find(|(k, _)| k.get_ref().as_ref() == part)?;
        if i == parts.len() - 1 {
            return Some(k.span());
        }
        value = Some(v);
        i += 1;
    }
    None
}

struct Validator {
    errors: Vec<RubricError>,
}

/// Names a unit-level expression may use, with their types.
type Fields = Vec<(String, DataType)>;

const PLACEHOLDERS: [&str; 7] = ["value", "target", "unit", "name", "gap", "score", "label"];
const GATE_PLACEHOLDERS: [&str; 2] = ["name", "label"];

impl Validator {
    fn err(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.errors.push(RubricError {
            span: Some(span),
            message: message.into(),
            hint: None,
        });
    }

    fn err_hint(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.errors.push(RubricError {
            span: Some(span),
            message: message.into(),
            hint: Some(hint.into()),
        });
    }

    fn text(&self, t: Option<&RawText>, fallback: &str) -> Text {
        match t {
            Some(RawText::Plain(s)) => Text {
                id: s.clone(),
                en: None,
            },
            Some(RawText::Lang { id, en }) => Text {
                id: id.clone(),
                en: en.clone(),
            },
            None => Text::new(fallback),
        }
    }

    fn ident(&mut self, s: &Spanned<String>, what: &str) {
        let ok = s
            .get_ref()
            .chars()
            .enumerate()
            .all(|(i, c)| c == '_' || c.is_ascii_lowercase() || (i > 0 && c.is_ascii_digit()))
            && !s.get_ref().is_empty();
        if !ok {
            self.err_hint(
                s.span(),
                format!("{what} `{}` is not a valid name", s.get_ref()),
                "use lowercase letters, digits and `_`, starting with a letter (it is used in SQL expressions)",
            );
        }
    }

    /// Check an expression on `lf` (with `fields` as the known names) and return its type.
    fn check_expr(
        &mut self,
        e: &Spanned<String>,
        lf: &LazyFrame,
        fields: &Fields,
        agg_key: Option<&str>,
    ) -> Option<DataType> {
        let known: Vec<String> = fields.iter().map(|(n, _)| n.clone()).collect();
        let expr = match sql::parse(e.get_ref()) {
            Ok(x) => x,
            Err(x) => {
                self.errors.push(RubricError {
                    span: Some(e.span()),
                    message: x.message,
                    hint: x.hint,
                });
                return None;
            }
        };
        let mut planned = match agg_key {
            Some(k) => lf.clone().group_by([col(k)]).agg([expr.alias("__out")]),
            None => lf.clone().select([expr.alias("__out")]),
        };
        match planned.collect_schema() {
            Ok(schema) => schema.get("__out").cloned(),
            Err(err) => {
                let x = sql::explain(&err, &known);
                // Point at the unknown name inside the expression when it can be found.
                let mut span = e.span();
                if let Some(name) = x
                    .message
                    .strip_prefix("unknown column `")
                    .and_then(|m| m.strip_suffix('`'))
                {
                    if let Some(i) = e.get_ref().find(name) {
                        let start = span.start + 1 + i;
                        span = start..start + name.len();
                    }
                }
                self.errors.push(RubricError {
                    span: Some(span),
                    message: x.message,
                    hint: x.hint,
                });
                None
            }
        }
    }

    fn named(&self, n: &Spanned<RawNamedExpr>) -> NamedExpr {
        let r = n.get_ref();
        NamedExpr {
            name: r.name.get_ref().clone(),
            expr: r.expr.get_ref().clone(),
            span: r.expr.span(),
            description: r.description.as_ref().map(|t| self.text(Some(t), "")),
        }
    }

    fn expr(&self, name: &str, e: &Spanned<String>) -> NamedExpr {
        NamedExpr {
            name: name.to_string(),
            expr: e.get_ref().clone(),
            span: e.span(),
            description: None,
        }
    }

    fn placeholders(&mut self, t: &Spanned<RawText>, allowed: &[&str]) {
        let texts: Vec<&str> = match t.get_ref() {
            RawText::Plain(s) => vec![s],
            RawText::Lang { id, en } => std::iter::once(id.as_str()).chain(en.as_deref()).collect(),
        };
        for s in texts {
            let mut rest = s;
            while let Some(start) = rest.find('{') {
                let Some(len) = rest[start..].find('}') else {
                    break;
                };
                let name = &rest[start + 1..start + len];
                if !allowed.contains(&name) {
                    self.err_hint(
                        t.span(),
                        format!("unknown placeholder `{{{name}}}` in message"),
                        format!(
                            "placeholders here: {}",
                            allowed
                                .iter()
                                .map(|a| format!("{{{a}}}"))
                                .collect::<Vec<_>>()
                                .join(" ")
                        ),
                    );
                }
                rest = &rest[start + len + 1..];
            }
        }
    }

    fn rubric(&mut self, raw: RawRubric, path: &str, sha256: String) -> Option<Rubric> {
        if *raw.format_version.get_ref() != 1 {
            self.err_hint(
                raw.format_version.span(),
                format!(
                    "unsupported format-version {}",
                    raw.format_version.get_ref()
                ),
                "this kesiapan reads format-version = 1",
            );
        }
        if raw.id.get_ref().trim().is_empty() {
            self.err(raw.id.span(), "the rubric id is empty");
        }
        let min_group_size = match &raw.min_group_size {
            Some(m) if *m.get_ref() < 1 => {
                self.err(m.span(), "min-group-size must be at least 1");
                5
            }
            Some(m) => *m.get_ref() as usize,
            None => 5,
        };
        let (min_coverage, decimals) = self.scoring_settings(raw.scoring.as_ref());

        // Datasets, and the unit-level names they expose.
        if raw.datasets.is_empty() {
            self.err(raw.id.span(), "the rubric declares no dataset");
        }
        let mut datasets = Vec::new();
        let mut unit_fields: Fields = vec![
            ("unit_id".into(), DataType::String),
            ("unit_name".into(), DataType::String),
        ];
        let mut field_spans: BTreeMap<String, Range<usize>> = BTreeMap::new();
        let mut row_fields: BTreeMap<String, Fields> = BTreeMap::new();
        for (id, ds) in &raw.datasets {
            let (dataset, fields, exposed) = self.dataset(id, ds);
            for (name, t, span) in exposed {
                if unit_fields.iter().any(|(n, _)| *n == name) {
                    self.err_hint(span.clone(), format!("the unit-level name `{name}` is defined twice"), "metric names and the columns of per-unit datasets share one namespace; rename one");
                } else {
                    unit_fields.push((name.clone(), t));
                    field_spans.insert(name, span);
                }
            }
            row_fields.insert(id.clone(), fields);
            datasets.push(dataset);
        }

        // Units.
        let units = raw.units.get_ref();
        let mut unit_dataset = None;
        if let Some(d) = &units.dataset {
            if raw.datasets.contains_key(d.get_ref()) {
                unit_dataset = Some(d.get_ref().clone());
            } else {
                self.unknown(d, "dataset", raw.datasets.keys().cloned().collect());
            }
        }
        let unit_name = units.name.as_ref().map(|n| {
            let found = match &unit_dataset {
                Some(d) => row_fields
                    .get(d)
                    .is_some_and(|f| f.iter().any(|(c, _)| c == n.get_ref())),
                None => row_fields
                    .values()
                    .any(|f| f.iter().any(|(c, _)| c == n.get_ref())),
            };
            if !found {
                let all: Vec<String> = row_fields
                    .values()
                    .flatten()
                    .map(|(c, _)| c.clone())
                    .collect();
                self.unknown(n, "column", all);
            }
            n.get_ref().clone()
        });
        let response = match (&units.respondents, &units.headcount) {
            (Some(d), Some(h)) => {
                let mut ok = true;
                if !raw.datasets.contains_key(d.get_ref()) {
                    self.unknown(d, "dataset", raw.datasets.keys().cloned().collect());
                    ok = false;
                }
                match &unit_dataset {
                    Some(ud) => {
                        let fields = row_fields.get(ud).cloned().unwrap_or_default();
                        if !fields.iter().any(|(c, _)| c == h.get_ref()) {
                            self.unknown(h, "column", fields.into_iter().map(|(c, _)| c).collect());
                            ok = false;
                        }
                    }
                    None => {
                        self.err(h.span(), "units.headcount needs units.dataset");
                        ok = false;
                    }
                }
                let min_rate = match &units.min_response {
                    Some(m) if !(0.0..=1.0).contains(m.get_ref()) => {
                        self.err(m.span(), "min-response must be a share from 0 to 1");
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
                self.err(
                    s.span(),
                    "units.respondents and units.headcount go together",
                );
                None
            }
            (None, None) => None,
        };

        // Verdicts.
        let verdicts = self.verdicts(&raw);
        let verdict_ids: Vec<String> = verdicts.iter().map(|v| v.id.clone()).collect();

        // Dimensions and indicators.
        let unit_lf = sql::empty_frame(&unit_fields);
        let dimensions = self.dimensions(&raw);
        let indicators = self.indicators(&raw, &dimensions, &unit_lf, &unit_fields);
        for d in &dimensions {
            if d.weight > 0.0
                && !indicators
                    .iter()
                    .any(|i| i.dimension == d.id && i.weight > 0.0)
            {
                let span = raw
                    .dimensions
                    .iter()
                    .find(|r| r.get_ref().id.get_ref() == &d.id)
                    .map(|r| r.span())
                    .unwrap_or(0..0);
                self.err_hint(
                    span,
                    format!(
                        "dimension `{}` has weight {} but no indicator with a weight above 0",
                        d.id, d.weight
                    ),
                    "give it an indicator or set its weight to 0",
                );
            }
        }

        // Gates.
        let mut gates = Vec::new();
        let mut gate_ids = BTreeSet::new();
        for g in &raw.gates {
            let r = g.get_ref();
            self.ident(&r.id, "gate id");
            if !gate_ids.insert(r.id.get_ref().clone()) {
                self.err(
                    r.id.span(),
                    format!("gate `{}` is defined twice", r.id.get_ref()),
                );
            }
            self.per_unit(&r.require);
            if let Some(t) = self.check_expr(&r.require, &unit_lf, &unit_fields, None) {
                if t != DataType::Boolean && t != DataType::Null {
                    self.err_hint(
                        r.require.span(),
                        format!(
                            "a gate's `require` must be a condition (true/false), this gives {t}"
                        ),
                        "compare it, e.g. `persen_skp >= 0.5`",
                    );
                }
            }
            let cap = self.verdict_ref(&r.cap, &verdict_ids);
            let fail_if_missing = match r.if_missing.as_ref().map(|m| m.get_ref().as_str()) {
                None | Some("fail") => true,
                Some("pass") => false,
                Some(other) => {
                    self.err(
                        r.if_missing.as_ref().unwrap().span(),
                        format!("if-missing must be `fail` or `pass`, not `{other}`"),
                    );
                    true
                }
            };
            self.placeholders(&r.message, &GATE_PLACEHOLDERS);
            if let Some(f) = &r.fix {
                self.placeholders(f, &GATE_PLACEHOLDERS);
            }
            if let Some(a) = &r.affects {
                self.numeric(a, &unit_lf, &unit_fields, "affects");
            }
            gates.push(Gate {
                id: r.id.get_ref().clone(),
                label: self.text(r.label.as_ref(), r.id.get_ref()),
                require: self.expr(r.id.get_ref(), &r.require),
                cap: cap.unwrap_or(0),
                fail_if_missing,
                message: self.text(Some(r.message.get_ref()), ""),
                fix: r.fix.as_ref().map(|f| self.text(Some(f.get_ref()), "")),
                affects: r.affects.as_ref().map(|a| self.expr("affects", a)),
                source: r.source.clone(),
            });
        }

        let wfa = raw
            .wfa
            .as_ref()
            .map(|w| self.wfa(w, &unit_lf, &unit_fields, &verdict_ids, &raw, &row_fields));
        let province = self.province(raw.province.as_ref(), &verdict_ids, raw.units.span());

        let improvements = self.improvements(&raw, &unit_lf, &unit_fields);
        if !self.errors.is_empty() {
            return None;
        }
        let _ = field_spans;
        Some(Rubric {
            id: raw.id.get_ref().clone(),
            version: raw.version.get_ref().clone(),
            format_version: *raw.format_version.get_ref(),
            title: self.text(raw.title.as_ref(), raw.id.get_ref()),
            path: path.to_string(),
            sha256,
            min_group_size,
            min_coverage,
            decimals,
            unit_label: self.text(units.label.as_ref(), "unit"),
            unit_dataset,
            unit_name,
            response,
            datasets,
            dimensions,
            indicators,
            gates,
            verdicts,
            wfa,
            province: province?,
            improvements,
        })
    }

    fn improvements(
        &mut self,
        raw: &RawRubric,
        lf: &LazyFrame,
        fields: &Fields,
    ) -> Vec<Improvement> {
        let names: Vec<String> = fields
            .iter()
            .map(|(n, _)| n.clone())
            .filter(|n| n != "unit_id" && n != "unit_name")
            .collect();
        let mut out: Vec<Improvement> = Vec::new();
        for im in &raw.improvements {
            let r = im.get_ref();
            self.ident(&r.id, "improvement id");
            if out.iter().any(|o| &o.id == r.id.get_ref()) {
                self.err(
                    r.id.span(),
                    format!("improvement `{}` is defined twice", r.id.get_ref()),
                );
            }
            let check_name = |v: &mut Validator, n: &Spanned<String>| {
                if !names.contains(n.get_ref()) {
                    v.unknown(n, "unit-level name", names.clone());
                }
            };
            let change = match (&r.adds_to, &r.sets) {
                (Some(name), None) => {
                    check_name(self, name);
                    for e in r.scale.iter().chain(&r.max) {
                        self.numeric(e, lf, fields, "scale/max");
                    }
                    let Some(max) = &r.max else {
                        self.err_hint(
                            im.span(),
                            "an `adds-to` improvement needs `max`",
                            "the largest amount that can be added, e.g. max = \"jumlah_pegawai\"",
                        );
                        continue;
                    };
                    let Some(cost) = &r.unit_cost else {
                        self.err(
                            im.span(),
                            "an `adds-to` improvement needs `unit-cost` (Rupiah per unit)",
                        );
                        continue;
                    };
                    let step = r.step.as_ref().map(|s| *s.get_ref()).unwrap_or(1.0);
                    if step <= 0.0 || *cost.get_ref() < 0.0 {
                        self.err(
                            im.span(),
                            "`step` must be above 0 and `unit-cost` 0 or more",
                        );
                    }
                    Change::Add {
                        name: name.get_ref().clone(),
                        scale: r.scale.as_ref().map(|e| self.expr("scale", e)),
                        max: self.expr("max", max),
                        step,
                        unit_cost: *cost.get_ref(),
                    }
                }
                (None, Some(name)) => {
                    check_name(self, name);
                    let (Some(to), Some(cost)) = (&r.to, &r.cost) else {
                        self.err_hint(
                            im.span(),
                            "a `sets` improvement needs `to` and `cost`",
                            "e.g. sets = \"vpn\", to = \"TRUE\", cost = 150000000",
                        );
                        continue;
                    };
                    self.check_expr(to, lf, fields, None);
                    if *cost.get_ref() < 0.0 {
                        self.err(cost.span(), "`cost` must be 0 or more");
                    }
                    Change::Set {
                        name: name.get_ref().clone(),
                        to: self.expr("to", to),
                        cost: *cost.get_ref(),
                    }
                }
                _ => {
                    self.err_hint(
                        im.span(),
                        "an improvement has either `adds-to` or `sets`",
                        "adds-to raises a figure by an amount; sets gives it a value",
                    );
                    continue;
                }
            };
            out.push(Improvement {
                id: r.id.get_ref().clone(),
                label: self.text(r.label.as_ref(), r.id.get_ref()),
                unit: self.text(r.unit.as_ref(), ""),
                change,
                assumption: r.assumption.as_ref().map(|t| self.text(Some(t), "")),
            });
        }
        out
    }

    fn unknown(&mut self, s: &Spanned<String>, what: &str, known: Vec<String>) {
        let hint = match sql::nearest(s.get_ref(), &known) {
            Some(n) => format!("did you mean `{n}`?"),
            None => format!("known {what}s: {}", known.join(", ")),
        };
        self.err_hint(s.span(), format!("unknown {what} `{}`", s.get_ref()), hint);
    }

    fn verdict_ref(&mut self, s: &Spanned<String>, ids: &[String]) -> Option<usize> {
        let i = ids.iter().position(|v| v == s.get_ref());
        if i.is_none() {
            self.unknown(s, "verdict", ids.to_vec());
        }
        i
    }

    /// A unit-level expression must give one value per unit, not one across all units
    /// (`AVG(jumlah_pegawai)` would make a unit's score depend on the other units).
    fn per_unit(&mut self, e: &Spanned<String>) {
        let Ok(expr) = sql::parse(e.get_ref()) else {
            return;
        };
        let aggregates = (&expr).into_iter().any(|node| {
            matches!(
                node,
                polars::prelude::Expr::Agg(_) | polars::prelude::Expr::Len
            )
        });
        if aggregates {
            self.err_hint(
                e.span(),
                "this unit-level expression aggregates across all units",
                "aggregate rows in a dataset's `metrics`; here each unit's own values are used",
            );
        }
    }

    fn numeric(&mut self, e: &Spanned<String>, lf: &LazyFrame, fields: &Fields, what: &str) {
        self.per_unit(e);
        if let Some(t) = self.check_expr(e, lf, fields, None) {
            if !sql::is_scalar_numeric(&t) {
                self.err(
                    e.span(),
                    format!("`{what}` must give a number, this gives {t}"),
                );
            }
        }
    }

    fn scoring_settings(&mut self, s: Option<&Spanned<RawScoringSettings>>) -> (f64, u32) {
        let mut cov = 0.5;
        let mut dec = 4;
        if let Some(s) = s {
            if let Some(c) = &s.get_ref().min_coverage {
                if !(0.0..=1.0).contains(c.get_ref()) {
                    self.err(c.span(), "min-coverage is a share between 0 and 1");
                } else {
                    cov = *c.get_ref();
                }
            }
            if let Some(d) = &s.get_ref().decimals {
                if !(0..=10).contains(d.get_ref()) {
                    self.err(d.span(), "decimals must be between 0 and 10");
                } else {
                    dec = *d.get_ref() as u32;
                }
            }
        }
        (cov, dec)
    }

    /// Check one dataset; returns it, its row-level fields, and the unit-level names it exposes.
    fn dataset(
        &mut self,
        id: &str,
        ds: &Spanned<RawDataset>,
    ) -> (Dataset, Fields, Vec<(String, DataType, Range<usize>)>) {
        let r = ds.get_ref();
        let id_ok = !id.is_empty()
            && id
                .chars()
                .all(|c| c == '_' || c.is_ascii_lowercase() || c.is_ascii_digit());
        if !id_ok {
            self.err(
                ds.span(),
                format!("dataset id `{id}` must use lowercase letters, digits and `_`"),
            );
        }
        for p in r.files.iter().chain(&r.sheets) {
            if let Err(e) = glob::Pattern::new(p.get_ref()) {
                self.err(p.span(), format!("invalid pattern: {e}"));
            }
        }
        if r.columns.is_empty() {
            self.err(ds.span(), format!("dataset `{id}` has no columns"));
        }
        let mut columns = Vec::new();
        let mut fields: Fields = Vec::new();
        for c in &r.columns {
            let c = c.get_ref();
            self.ident(&c.name, "column name");
            if fields.iter().any(|(n, _)| n == c.name.get_ref()) {
                self.err(
                    c.name.span(),
                    format!("column `{}` is declared twice", c.name.get_ref()),
                );
                continue;
            }
            let kind = match c.kind.get_ref().as_str() {
                "text" => ColumnType::Text,
                "integer" => ColumnType::Integer,
                "number" => ColumnType::Number,
                "percent" => ColumnType::Percent,
                "boolean" => ColumnType::Boolean,
                "likert" => ColumnType::Likert,
                "date" => ColumnType::Date,
                "category" => {
                    if c.values.is_empty() {
                        self.err_hint(
                            c.kind.span(),
                            "a category column needs its allowed `values`",
                            "e.g. values = [\"baik\", \"lemah\", \"tidak ada\"]",
                        );
                    }
                    ColumnType::Category {
                        values: c.values.clone(),
                    }
                }
                other => {
                    let known: Vec<String> = [
                        "text", "integer", "number", "percent", "boolean", "likert", "category",
                        "date",
                    ]
                    .map(String::from)
                    .to_vec();
                    self.unknown(&c.kind, "column type", known);
                    let _ = other;
                    ColumnType::Text
                }
            };
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
                    self.err(
                        c.min.as_ref().map(|m| m.span()).unwrap_or(c.name.span()),
                        format!("min {lo} is above max {hi}"),
                    );
                }
            }
            fields.push((c.name.get_ref().clone(), dtype(&kind)));
            columns.push(Column {
                name: c.name.get_ref().clone(),
                kind,
                required: c.required,
                aliases: c.aliases.clone(),
                min,
                max,
                personal: c.personal,
                description: c.description.as_ref().map(|t| self.text(Some(t), "")),
            });
        }
        // Derived columns, in order.
        let mut lf = sql::empty_frame(&fields);
        let mut derived = Vec::new();
        for d in &r.derived {
            let dr = d.get_ref();
            self.ident(&dr.name, "derived column name");
            if fields.iter().any(|(n, _)| n == dr.name.get_ref()) {
                self.err(
                    dr.name.span(),
                    format!("`{}` is already a column of `{id}`", dr.name.get_ref()),
                );
            }
            let t = self
                .check_expr(&dr.expr, &lf, &fields, None)
                .unwrap_or(DataType::Float64);
            let t = if t == DataType::Null {
                DataType::Float64
            } else {
                t
            };
            fields.push((dr.name.get_ref().clone(), t));
            lf = sql::empty_frame(&fields);
            derived.push(self.named(d));
        }
        // Key and unique columns.
        let known: Vec<String> = fields.iter().map(|(n, _)| n.clone()).collect();
        if !known.contains(r.unit_key.get_ref()) {
            self.unknown(&r.unit_key, "column", known.clone());
        }
        for u in &r.unique {
            if !known.contains(u.get_ref()) {
                self.unknown(u, "column", known.clone());
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
        if known.contains(r.unit_key.get_ref()) {
            for m in &r.metrics {
                let mr = m.get_ref();
                self.ident(&mr.name, "metric name");
                if let Some(t) = self.check_expr(&mr.expr, &lf, &fields, Some(r.unit_key.get_ref()))
                {
                    if !sql::is_scalar_numeric(&t) {
                        self.err_hint(
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
                metrics.push(self.named(m));
            }
        }
        let dataset = Dataset {
            id: id.to_string(),
            title: self.text(r.title.as_ref(), id),
            files: r.files.iter().map(|f| f.get_ref().clone()).collect(),
            sheets: r.sheets.iter().map(|f| f.get_ref().clone()).collect(),
            unit_key: r.unit_key.get_ref().clone(),
            unique: r.unique.iter().map(|f| f.get_ref().clone()).collect(),
            per_unit: r.per_unit,
            personal: r.personal,
            columns,
            derived,
            metrics,
        };
        (dataset, fields, exposed)
    }

    fn verdicts(&mut self, raw: &RawRubric) -> Vec<Verdict> {
        let mut out: Vec<Verdict> = Vec::new();
        if raw.verdicts.len() < 2 {
            self.err_hint(
                raw.id.span(),
                "the rubric needs at least two [[verdicts]]",
                "e.g. layak (min-score 70), layak_terbatas (50), belum_layak (0)",
            );
        }
        for v in &raw.verdicts {
            let r = v.get_ref();
            self.ident(&r.id, "verdict id");
            if out.iter().any(|o| &o.id == r.id.get_ref()) {
                self.err(
                    r.id.span(),
                    format!("verdict `{}` is defined twice", r.id.get_ref()),
                );
            }
            let m = *r.min_score.get_ref();
            if !(0.0..=100.0).contains(&m) {
                self.err(r.min_score.span(), "min-score is between 0 and 100");
            }
            if let Some(prev) = out.last() {
                if m >= prev.min_score {
                    self.err_hint(
                        r.min_score.span(),
                        format!(
                            "min-score {m} must be below the previous verdict's {}",
                            prev.min_score
                        ),
                        "list verdicts best first, with decreasing min-score",
                    );
                }
            }
            out.push(Verdict {
                id: r.id.get_ref().clone(),
                label: self.text(Some(&r.label), r.id.get_ref()),
                min_score: m,
            });
        }
        if let Some(last) = raw.verdicts.last() {
            if *last.get_ref().min_score.get_ref() != 0.0 {
                self.err_hint(
                    last.get_ref().min_score.span(),
                    "the last verdict must have min-score = 0",
                    "so that every score gets a verdict",
                );
            }
        }
        out
    }

    fn dimensions(&mut self, raw: &RawRubric) -> Vec<Dimension> {
        let mut out: Vec<Dimension> = Vec::new();
        for d in &raw.dimensions {
            let r = d.get_ref();
            self.ident(&r.id, "dimension id");
            if out.iter().any(|o| &o.id == r.id.get_ref()) {
                self.err(
                    r.id.span(),
                    format!("dimension `{}` is defined twice", r.id.get_ref()),
                );
            }
            let w = *r.weight.get_ref();
            if !w.is_finite() || w < 0.0 {
                self.err(r.weight.span(), "a weight is a number of 0 or more");
            }
            out.push(Dimension {
                id: r.id.get_ref().clone(),
                label: self.text(r.label.as_ref(), r.id.get_ref()),
                weight: w.max(0.0),
                weight_share: 0.0,
            });
        }
        let total: f64 = out.iter().map(|d| d.weight).sum();
        if raw.dimensions.is_empty() {
            self.err(raw.id.span(), "the rubric declares no [[dimensions]]");
        } else if total <= 0.0 {
            let span = raw.dimensions[0].get_ref().weight.span();
            self.err_hint(
                span,
                "every dimension weight is 0, so no score can be computed",
                "give at least one dimension a weight above 0",
            );
        }
        for d in &mut out {
            d.weight_share = if total > 0.0 { d.weight / total } else { 0.0 };
        }
        out
    }

    fn indicators(
        &mut self,
        raw: &RawRubric,
        dims: &[Dimension],
        lf: &LazyFrame,
        fields: &Fields,
    ) -> Vec<Indicator> {
        let mut out: Vec<Indicator> = Vec::new();
        for i in &raw.indicators {
            let r = i.get_ref();
            self.ident(&r.id, "indicator id");
            if out.iter().any(|o| &o.id == r.id.get_ref()) {
                self.err(
                    r.id.span(),
                    format!("indicator `{}` is defined twice", r.id.get_ref()),
                );
            }
            if !dims.iter().any(|d| &d.id == r.dimension.get_ref()) {
                self.unknown(
                    &r.dimension,
                    "dimension",
                    dims.iter().map(|d| d.id.clone()).collect(),
                );
            }
            let w = *r.weight.get_ref();
            if !w.is_finite() || w < 0.0 {
                self.err(r.weight.span(), "a weight is a number of 0 or more");
            }
            self.numeric(&r.value, lf, fields, "value");
            for (e, what) in [(&r.affects, "affects"), (&r.gap, "gap")] {
                if let Some(e) = e {
                    self.numeric(e, lf, fields, what);
                }
            }
            let curve = self.curve(&r.scoring);
            let missing = match r.missing.as_ref().map(|m| m.get_ref().as_str()) {
                None | Some("exclude") => Missing::Exclude,
                Some("zero") => Missing::Zero,
                Some(o) => {
                    self.err(
                        r.missing.as_ref().unwrap().span(),
                        format!("missing must be `exclude` or `zero`, not `{o}`"),
                    );
                    Missing::Exclude
                }
            };
            let format = match r.format.as_ref().map(|m| m.get_ref().as_str()) {
                None | Some("number") => ValueFormat::Number,
                Some("percent") => ValueFormat::Percent,
                Some("integer") => ValueFormat::Integer,
                Some("boolean") => ValueFormat::Boolean,
                Some(o) => {
                    self.err(
                        r.format.as_ref().unwrap().span(),
                        format!("format must be number, percent, integer or boolean, not `{o}`"),
                    );
                    ValueFormat::Number
                }
            };
            for t in r.message.iter().chain(&r.fix) {
                self.placeholders(t, &PLACEHOLDERS);
            }
            if r.gap.is_none() {
                if let Some(f) = &r.fix {
                    let uses_gap = match f.get_ref() {
                        RawText::Plain(s) => s.contains("{gap}"),
                        RawText::Lang { id, en } => {
                            id.contains("{gap}") || en.as_deref().unwrap_or("").contains("{gap}")
                        }
                    };
                    if uses_gap {
                        self.err_hint(
                            f.span(),
                            "the fix uses `{gap}` but the indicator has no `gap` expression",
                            "add gap = \"…\" (the shortfall in the input's units)",
                        );
                    }
                }
            }
            let label = self.text(r.label.as_ref(), r.id.get_ref());
            let default_msg = Text {
                id: format!("{}: {{value}} (target {{target}})", label.id),
                en: Some(format!(
                    "{}: {{value}} (target {{target}})",
                    label.get(Lang::En)
                )),
            };
            out.push(Indicator {
                id: r.id.get_ref().clone(),
                dimension: r.dimension.get_ref().clone(),
                label,
                value: self.expr(r.id.get_ref(), &r.value),
                weight: w.max(0.0),
                curve,
                target: r.target.as_ref().map(|t| *t.get_ref()),
                missing,
                unit: r.unit.clone(),
                format,
                affects: r.affects.as_ref().map(|a| self.expr("affects", a)),
                gap: r.gap.as_ref().map(|a| self.expr("gap", a)),
                message: r
                    .message
                    .as_ref()
                    .map(|m| self.text(Some(m.get_ref()), ""))
                    .unwrap_or(default_msg),
                fix: r.fix.as_ref().map(|m| self.text(Some(m.get_ref()), "")),
                source: r.source.clone(),
            });
        }
        if raw.indicators.is_empty() {
            self.err(raw.id.span(), "the rubric declares no [[indicators]]");
        } else if out.iter().all(|i| i.weight == 0.0) {
            self.err_hint(
                raw.indicators[0].get_ref().weight.span(),
                "every indicator weight is 0, so no score can be computed",
                "give at least one indicator a weight above 0",
            );
        }
        out
    }

    fn curve(&mut self, c: &Spanned<RawCurve>) -> Curve {
        let span = c.span();
        match c.get_ref().clone() {
            RawCurve::Linear { zero, full } => {
                if zero == full || !zero.is_finite() || !full.is_finite() {
                    self.err(
                        span.clone(),
                        "a linear curve needs two different finite points `zero` and `full`",
                    );
                }
                Curve::Linear { zero, full }
            }
            RawCurve::Steps { thresholds, scores } => {
                if scores.len() != thresholds.len() + 1 {
                    self.err_hint(span.clone(), format!("{} thresholds need {} scores, found {}", thresholds.len(), thresholds.len() + 1, scores.len()), "scores[0] is for values below thresholds[0], the last for values at or above the last threshold");
                }
                if thresholds.windows(2).any(|w| w[0] >= w[1]) {
                    self.err(span.clone(), "step thresholds must be strictly increasing");
                }
                if scores.iter().any(|s| !(0.0..=100.0).contains(s)) {
                    self.err(span.clone(), "step scores are between 0 and 100");
                }
                Curve::Steps { thresholds, scores }
            }
            RawCurve::Boolean {
                true_score,
                false_score,
            } => {
                let (t, f) = (true_score.unwrap_or(100.0), false_score.unwrap_or(0.0));
                if !(0.0..=100.0).contains(&t) || !(0.0..=100.0).contains(&f) {
                    self.err(span.clone(), "boolean scores are between 0 and 100");
                }
                Curve::Boolean {
                    true_score: t,
                    false_score: f,
                }
            }
            RawCurve::LogNormal { median, good } => {
                if median <= 0.0 || good <= 0.0 || median == good {
                    self.err(
                        span.clone(),
                        "a log-normal curve needs `median` and `good` above 0 and different",
                    );
                }
                Curve::LogNormal { median, good }
            }
        }
    }

    fn wfa(
        &mut self,
        w: &Spanned<RawWfa>,
        lf: &LazyFrame,
        fields: &Fields,
        verdicts: &[String],
        raw: &RawRubric,
        row_fields: &BTreeMap<String, Fields>,
    ) -> Wfa {
        let r = w.get_ref();
        self.numeric(&r.staff_total, lf, fields, "staff-total");
        self.numeric(&r.staff_eligible, lf, fields, "staff-eligible");
        if let Some(m) = &r.min_on_site {
            self.numeric(m, lf, fields, "min-on-site");
        }
        let shares = r.max_share_away.get_ref();
        for (k, v) in shares {
            if !verdicts.contains(k) {
                self.err_hint(
                    r.max_share_away.span(),
                    format!("max-share-away names unknown verdict `{k}`"),
                    format!("verdicts: {}", verdicts.join(", ")),
                );
            }
            if !(0.0..=1.0).contains(v) {
                self.err(
                    r.max_share_away.span(),
                    format!("max-share-away for `{k}` is a share between 0 and 1"),
                );
            }
        }
        let jobs = r.jobs.as_ref().and_then(|j| {
            let jr = j.get_ref();
            let Some(fields) = row_fields.get(jr.dataset.get_ref()) else {
                self.unknown(
                    &jr.dataset,
                    "dataset",
                    raw.datasets.keys().cloned().collect(),
                );
                return None;
            };
            let names: Vec<String> = fields.iter().map(|(n, _)| n.clone()).collect();
            for c in [Some(&jr.eligible), Some(&jr.name), jr.count.as_ref()]
                .into_iter()
                .flatten()
            {
                if !names.contains(c.get_ref()) {
                    self.unknown(c, "column", names.clone());
                }
            }
            if let Some((_, t)) = fields.iter().find(|(n, _)| n == jr.eligible.get_ref()) {
                if *t != DataType::Boolean {
                    self.err(
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
        });
        Wfa {
            staff_total: self.expr("staff_total", &r.staff_total),
            staff_eligible: self.expr("staff_eligible", &r.staff_eligible),
            min_on_site: r.min_on_site.as_ref().map(|m| self.expr("min_on_site", m)),
            max_share_away: verdicts
                .iter()
                .map(|v| shares.get(v).copied().unwrap_or(0.0))
                .collect(),
            max_days_per_week: r.max_days_per_week,
            jobs,
            conditions: r
                .conditions
                .iter()
                .map(|c| self.text(Some(c), ""))
                .collect(),
        }
    }

    fn province(
        &mut self,
        p: Option<&Spanned<RawProvince>>,
        verdicts: &[String],
        fallback_span: Range<usize>,
    ) -> Option<Province> {
        let fields = province_fields(verdicts);
        let names: Vec<&str> = fields.iter().map(|(n, _)| n.as_str()).collect();
        let lf = sql::empty_frame(&fields);
        let Some(p) = p else {
            if verdicts.is_empty() {
                return None;
            }
            // Without [province]: the best verdict that at least one unit reached.
            let _ = fallback_span;
            let rules = verdicts[..verdicts.len() - 1]
                .iter()
                .enumerate()
                .map(|(i, v)| ProvinceRule {
                    when: NamedExpr {
                        name: "when".into(),
                        expr: format!("n_{v} >= 1"),
                        span: 0..0,
                        description: None,
                    },
                    verdict: i,
                    message: Text {
                        id: format!("{{n_{v}}} dari {{units}} unit mencapai `{v}`."),
                        en: Some(format!("{{n_{v}}} of {{units}} units reach `{v}`.")),
                    },
                })
                .collect();
            return Some(Province {
                label: Text {
                    id: "Provinsi".into(),
                    en: Some("Province".into()),
                },
                rules,
                default: verdicts.len() - 1,
                default_message: Text::new(""),
            });
        };
        let r = p.get_ref();
        let mut rules = Vec::new();
        for rule in &r.rules {
            let rr = rule.get_ref();
            if let Some(t) = self.check_expr(&rr.when, &lf, &fields, None) {
                if t != DataType::Boolean {
                    self.err(
                        rr.when.span(),
                        format!("a province rule's `when` must be a condition, this gives {t}"),
                    );
                }
            }
            self.placeholders(&rr.message, &names);
            let v = self.verdict_ref(&rr.verdict, verdicts);
            rules.push(ProvinceRule {
                when: self.expr("when", &rr.when),
                verdict: v.unwrap_or(0),
                message: self.text(Some(rr.message.get_ref()), ""),
            });
        }
        if let Some(m) = &r.default_message {
            self.placeholders(m, &names);
        }
        let default = self.verdict_ref(&r.default, verdicts);
        Some(Province {
            label: self.text(r.label.as_ref(), "Provinsi"),
            rules,
            default: default.unwrap_or(0),
            default_message: r
                .default_message
                .as_ref()
                .map(|m| self.text(Some(m.get_ref()), ""))
                .unwrap_or(Text::new("")),
        })
    }
}

/// The names a province rule may use.
fn province_fields(verdicts: &[String]) -> Fields {
    let mut f: Fields = ["units", "staff_total", "staff_eligible", "staff_allowed"]
        .iter()
        .map(|n| (n.to_string(), DataType::Float64))
        .collect();
    for v in verdicts {
        f.push((format!("n_{v}"), DataType::Float64));
        f.push((format!("share_{v}"), DataType::Float64));
    }
    f
}

/// The polars type a column is loaded as.
pub(crate) fn dtype(kind: &ColumnType) -> DataType {
    match kind {
        ColumnType::Text | ColumnType::Category { .. } | ColumnType::Date => DataType::String,
        ColumnType::Integer | ColumnType::Likert => DataType::Int64,
        ColumnType::Number | ColumnType::Percent => DataType::Float64,
        ColumnType::Boolean => DataType::Boolean,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &str = include_str!("../../tests/fixtures/tiny/tiny.toml");

    fn errors(src: &str) -> Vec<(usize, usize, String)> {
        let e = load_str(src, "r.toml").unwrap_err();
        e.errors
            .iter()
            .map(|x| {
                let (l, c) = e.line_col(x.span.clone().unwrap_or(0..0).start);
                (l, c, x.message.clone())
            })
            .collect()
    }

    #[test]
    fn tiny_rubric_is_valid() {
        let r = load_str(TINY, "tiny.toml").unwrap();
        assert_eq!(r.indicators.len(), 6);
        assert_eq!(
            r.verdicts.iter().map(|v| v.id.as_str()).collect::<Vec<_>>(),
            ["layak", "terbatas", "belum"]
        );
        assert_eq!(r.gates[1].cap, 1);
        assert_eq!(r.sha256.len(), 64);
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
        assert!(
            msgs.contains(&"min-response must be a share from 0 to 1"),
            "{e:?}"
        );
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

    #[test]
    fn a_unit_level_aggregate_is_rejected() {
        let src = TINY.replace(
            "value = \"skill_avg\"",
            "value = \"skill_avg / AVG(skill_avg)\"",
        );
        let e = errors(&src);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(
            e[0].2,
            "this unit-level expression aggregates across all units"
        );
    }

    #[test]
    fn gate_messages_only_take_gate_placeholders() {
        let src = TINY.replace(
            "message = \"SKP below half\"",
            "message = \"SKP {value} below half\"",
        );
        let e = errors(&src);
        assert_eq!(e[0].2, "unknown placeholder `{value}` in message");
    }

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
    fn verdict_bands_must_descend_to_zero() {
        let src = TINY
            .replace("min-score = 50", "min-score = 80")
            .replace("min-score = 0\n", "min-score = 10\n");
        let msgs: Vec<String> = errors(&src).into_iter().map(|e| e.2).collect();
        assert!(
            msgs.contains(&"min-score 80 must be below the previous verdict's 70".to_string()),
            "{msgs:?}"
        );
        assert!(
            msgs.contains(&"the last verdict must have min-score = 0".to_string()),
            "{msgs:?}"
        );
    }

    #[test]
    fn syntax_errors_point_at_the_expression() {
        let src = TINY.replace(
            "require = \"persen_skp >= 0.5\"",
            "require = \"persen_skp >= \"",
        );
        let e = errors(&src);
        assert_eq!(e.len(), 1, "{e:?}");
        let line = TINY
            .lines()
            .position(|l| l.starts_with("require = \"persen_skp"))
            .unwrap()
            + 1;
        assert_eq!((e[0].0, e[0].1), (line, 11));
        assert!(e[0].2.starts_with("invalid SQL expression"), "{e:?}");
    }

    #[test]
    fn without_a_province_section_the_best_verdict_reached_answers() {
        let cut = TINY.find("[province]").unwrap();
        let r = load_str(&TINY[..cut], "tiny.toml").unwrap();
        assert_eq!(r.province.rules.len(), 2);
        assert_eq!(r.province.rules[0].when.expr, "n_layak >= 1");
        assert_eq!(r.province.default, 2);
    }
}
