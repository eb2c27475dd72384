//! What a column shows on a blank form (`kesiapan template`): its `label` (the heading, read
//! back as the column), `description` (one line), `anchors` (a `likert` scale in words) and
//! `example` (a typical answer, valid for the column). Every text is one line, capped, with
//! no control character and no `{placeholder}` (forms show them as written).

use super::{Ctx, text};
use crate::input::header::normalize;
use crate::rubric::model::*;
use crate::rubric::raw::*;
use std::ops::Range;

/// Longest column description (characters).
pub const MAX_DESCRIPTION_LEN: usize = 300;
/// Longest column label (characters): a heading.
pub const MAX_LABEL_LEN: usize = 60;
/// Longest anchor text (characters).
pub const MAX_ANCHOR_LEN: usize = 80;

/// A column's description, checked.
pub(super) fn description(ctx: &mut Ctx, c: &RawColumn) -> Option<Text> {
    let d = c.description.as_ref()?;
    let t = text(Some(d.get_ref()), "");
    let what = format!("column `{}`: description", c.name.get_ref());
    one_line(ctx, d.span(), &what, &t, MAX_DESCRIPTION_LEN).then_some(t)
}

/// The form part of `column` (its type and range already checked), from `c`. A label that is
/// not yet one of the column's names becomes one of its aliases, so a filled form reads back.
pub(super) fn form(ctx: &mut Ctx, c: &RawColumn, column: &mut Column) -> ColumnForm {
    let name = c.name.get_ref();
    let label = c.label.as_ref().and_then(|l| {
        let t = text(Some(l.get_ref()), "");
        let ok = one_line(
            ctx,
            l.span(),
            &format!("column `{name}`: label"),
            &t,
            MAX_LABEL_LEN,
        );
        if ok && normalize(&t.id).is_empty() {
            ctx.err(
                l.span(),
                format!("column `{name}`: the label has no letter or digit"),
            );
            return None;
        }
        ok.then_some(t)
    });
    if let Some(l) = &label {
        let known = std::iter::once(&column.name).chain(&column.aliases);
        if !known.map(|n| normalize(n)).any(|n| n == normalize(&l.id)) {
            column.aliases.push(l.id.clone());
        }
    }
    ColumnForm {
        label,
        anchors: anchors(ctx, c, column),
        example: example(ctx, c, column),
    }
}

/// No two columns of a dataset may be read from the same heading: a label equal to another
/// column's name or alias (once normalised) is an error at the label.
pub(super) fn labels_apart(ctx: &mut Ctx, raw: &[toml::Spanned<RawColumn>], columns: &[Column]) {
    for c in columns {
        let Some(l) = &c.form.label else { continue };
        let mine = normalize(&l.id);
        let other = columns.iter().filter(|o| o.name != c.name).find(|o| {
            std::iter::once(&o.name)
                .chain(&o.aliases)
                .any(|n| normalize(n) == mine)
        });
        let span = raw
            .iter()
            .find(|r| r.get_ref().name.get_ref() == &c.name)
            .and_then(|r| r.get_ref().label.as_ref())
            .map(|l| l.span());
        if let (Some(o), Some(span)) = (other, span) {
            ctx.err_hint(
                span,
                format!(
                    "column `{}`: label `{}` is already a name of column `{}`",
                    c.name, l.id, o.name
                ),
                "a heading must be read back as its own column; choose another label",
            );
        }
    }
}

fn anchors(ctx: &mut Ctx, c: &RawColumn, column: &Column) -> Vec<(i64, Text)> {
    let Some(a) = &c.anchors else {
        return Vec::new();
    };
    let name = c.name.get_ref();
    if column.kind != ColumnType::Likert {
        ctx.err(
            a.span(),
            format!("column `{name}`: anchors are for `likert` columns"),
        );
        return Vec::new();
    }
    let (lo, hi) = (
        column.min.unwrap_or(1.0) as i64,
        column.max.unwrap_or(5.0) as i64,
    );
    let mut out = Vec::new();
    let mut points = Vec::new();
    for (k, t) in a.get_ref() {
        let t = text(Some(t), "");
        let what = format!("column `{name}`: anchor `{k}`");
        match k.trim().parse::<i64>() {
            Ok(v) if (lo..=hi).contains(&v) => {
                points.push(v);
                if one_line(ctx, a.span(), &what, &t, MAX_ANCHOR_LEN) {
                    out.push((v, t));
                }
            }
            _ => ctx.err(
                a.span(),
                format!("column `{name}`: anchor `{k}` is not a whole number from {lo} to {hi}"),
            ),
        }
    }
    out.sort_by_key(|(v, _)| *v);
    out.dedup_by_key(|(v, _)| *v);
    if !(points.contains(&lo) && points.contains(&hi)) {
        ctx.err_hint(
            a.span(),
            format!("column `{name}`: anchors must name both ends of the scale ({lo} and {hi})"),
            format!("e.g. anchors = {{ {lo} = \"belum bisa\", {hi} = \"sangat mahir\" }}"),
        );
    }
    out
}

fn example(ctx: &mut Ctx, c: &RawColumn, column: &Column) -> Option<Example> {
    use crate::input::cell::{self, CellProblem, Raw, Style};
    let e = c.example.as_ref()?;
    let (raw, ex) = match e.get_ref() {
        RawExample::Number(n) => (Raw::Number(*n), Example::Number(*n)),
        RawExample::Text(s) => (Raw::Text(s.as_str().into()), Example::Text(s.clone())),
    };
    let why = match cell::parse(&raw, column, Style::default()) {
        Ok(Some(_)) => return Some(ex),
        Ok(None) => "it is blank".to_string(),
        Err(CellProblem::NotAnswered) => "it reads as not answered".to_string(),
        Err(
            CellProblem::Invalid(w) | CellProblem::OutOfRange(w) | CellProblem::UnknownCategory(w),
        ) => w.en,
        Err(other) => format!("{other:?}"),
    };
    ctx.err(
        e.span(),
        format!(
            "column `{}`: example `{}` is not a valid value ({why})",
            c.name.get_ref(),
            raw.show()
        ),
    );
    None
}

/// A form text: not empty, one line, no control character, at most `max` characters, no
/// `{placeholder}`; checked in every language. Reports and returns false when it is not.
fn one_line(ctx: &mut Ctx, span: Range<usize>, what: &str, t: &Text, max: usize) -> bool {
    for s in std::iter::once(t.id.as_str()).chain(t.en.as_deref()) {
        let problem = if s.trim().is_empty() {
            Some("is empty".to_string())
        } else if s.chars().any(char::is_control) {
            Some("must be one line, without a line break, tab or other control character".into())
        } else if s.chars().count() > max {
            Some(format!("is over {max} characters"))
        } else {
            placeholder(s).map(|p| {
                format!("has a placeholder `{p}`: forms show it as written, with no placeholder")
            })
        };
        if let Some(p) = problem {
            ctx.err(span, format!("{what} {p}"));
            return false;
        }
    }
    true
}

/// The first `{…}` in `s`, if any.
fn placeholder(s: &str) -> Option<&str> {
    let start = s.find('{')?;
    let len = s[start..].find('}')?;
    Some(&s[start..=start + len])
}

#[cfg(test)]
mod tests {
    use super::super::testing::{TINY, errors};
    use crate::rubric::{Example, Text, load_str};

    /// The tiny rubric with `keys` added to its survey's `skill` column (a likert) and
    /// `vpn_keys` to its `vpn` column (a boolean).
    fn with(keys: &str, vpn_keys: &str) -> String {
        let src = TINY
            .replacen(
                "{ name = \"skill\", type = \"likert\" }",
                &format!("{{ name = \"skill\", type = \"likert\"{keys} }}"),
                1,
            )
            .replacen(
                "{ name = \"vpn\", type = \"boolean\" }",
                &format!("{{ name = \"vpn\", type = \"boolean\"{vpn_keys} }}"),
                1,
            );
        assert!(keys.is_empty() || src != TINY);
        src
    }

    fn column(src: &str, name: &str) -> crate::rubric::Column {
        let r = load_str(src, "r.toml").unwrap();
        r.datasets
            .iter()
            .flat_map(|d| &d.columns)
            .find(|c| c.name == name)
            .unwrap()
            .clone()
    }

    fn messages(src: &str) -> Vec<String> {
        errors(src).into_iter().map(|e| e.2).collect()
    }

    #[test]
    fn descriptions_labels_anchors_and_examples_are_read() {
        let src = with(
            r#", label = "Keterampilan Umum", description = { id = "Kemampuan memakai aplikasi kantor.", en = "Using office applications." }, anchors = { 1 = "belum bisa", 3 = { id = "cukup", en = "fair" }, 5 = "sangat mahir" }, example = 3"#,
            r#", description = "Akses jarak jauh yang aman.", example = "Tidak""#,
        );
        let skill = column(&src, "skill");
        assert_eq!(
            skill.description,
            Some(Text {
                id: "Kemampuan memakai aplikasi kantor.".into(),
                en: Some("Using office applications.".into())
            })
        );
        assert_eq!(skill.form.label.as_ref().unwrap().id, "Keterampilan Umum");
        // The label is now a name the loader reads as the column.
        assert!(skill.aliases.contains(&"Keterampilan Umum".to_string()));
        let points: Vec<i64> = skill.form.anchors.iter().map(|(v, _)| *v).collect();
        assert_eq!(points, [1, 3, 5]);
        assert_eq!(skill.form.anchors[1].1.en.as_deref(), Some("fair"));
        assert_eq!(skill.form.example, Some(Example::Number(3.0)));
        let vpn = column(&src, "vpn");
        assert_eq!(vpn.form.example, Some(Example::Text("Tidak".into())));
        assert!(vpn.form.anchors.is_empty() && vpn.form.label.is_none());
    }

    #[test]
    fn a_description_with_a_line_break_a_tab_a_placeholder_or_too_long_is_refused() {
        let long = "kata ".repeat(61);
        for (desc, want) in [
            (r#""Baris satu\nbaris dua""#.to_string(), "must be one line"),
            (r#""Baris satu\r""#.to_string(), "must be one line"),
            (r#""Kolom\tdua""#.to_string(), "must be one line"),
            (format!("\"{long}\""), "is over 300 characters"),
            (
                r#""Nilai {value} OPD""#.to_string(),
                "has a placeholder `{value}`",
            ),
            (r#""  ""#.to_string(), "is empty"),
            (
                r#"{ id = "Baik", en = "Two\nlines" }"#.to_string(),
                "must be one line",
            ),
        ] {
            let e = messages(&with("", &format!(", description = {desc}")));
            assert_eq!(e.len(), 1, "{desc}: {e:?}");
            assert!(e[0].starts_with("column `vpn`: description "), "{e:?}");
            assert!(e[0].contains(want), "{desc}: {e:?}");
        }
        // At the limit it is fine.
        let at = format!(
            ", description = \"{}\"",
            "a".repeat(super::MAX_DESCRIPTION_LEN)
        );
        assert!(load_str(&with("", &at), "r.toml").is_ok());
    }

    #[test]
    fn anchors_are_for_likert_columns_within_the_scale_with_both_ends() {
        let e = messages(&with("", r#", anchors = { 1 = "tidak", 5 = "ya" }"#));
        assert_eq!(e, ["column `vpn`: anchors are for `likert` columns"]);
        let e = messages(&with(r#", anchors = { 1 = "rendah", 6 = "tinggi" }"#, ""));
        assert!(
            e.contains(&"column `skill`: anchor `6` is not a whole number from 1 to 5".into()),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|m| m.contains("must name both ends of the scale (1 and 5)")),
            "{e:?}"
        );
        let e = messages(&with(
            r#", anchors = { 1 = "rendah", 5 = "ada {gap}" }"#,
            "",
        ));
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].contains("anchor `5` has a placeholder"), "{e:?}");
    }

    #[test]
    fn an_example_must_be_a_valid_value_of_its_column() {
        for (keys, vpn, want) in [
            (
                ", example = 7",
                "",
                "example `7` is not a valid value (expected a value from 1 to 5)",
            ),
            (
                ", example = 2.5",
                "",
                "example `2.5` is not a valid value (expected a whole number)",
            ),
            (
                "",
                r#", example = "mungkin""#,
                "example `mungkin` is not a valid value (expected Ya or Tidak)",
            ),
            ("", r#", example = "tidak tahu""#, "reads as not answered"),
        ] {
            let e = messages(&with(keys, vpn));
            assert_eq!(e.len(), 1, "{e:?}");
            assert!(e[0].contains(want), "{e:?}");
        }
    }

    #[test]
    fn a_label_must_read_back_as_its_own_column() {
        // `Bersedia` is the name of another column of the survey.
        let e = messages(&with(r#", label = "Bersedia""#, ""));
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].contains("label `Bersedia` is already a name of column `bersedia`"),
            "{e:?}"
        );
        let e = messages(&with(r#", label = "(-)""#, ""));
        assert!(e[0].contains("the label has no letter or digit"), "{e:?}");
        // A label that is already the name adds no alias.
        let skill = column(&with(r#", label = "SKILL""#, ""), "skill");
        assert!(skill.aliases.is_empty(), "{:?}", skill.aliases);
    }
}
