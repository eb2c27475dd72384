//! The message catalogue: every data diagnostic and the fixed words around it, in Indonesian
//! (`messages/id.toml`, the default) and English (`messages/en.toml`), under flat kebab-case
//! keys. A template holds `{name}` placeholders; `msg!` fills both languages at once, so no
//! message can be built in one language only.
//!
//! A leaf: it knows no diagnostic, file or rubric, only keys, templates and the two languages.
//! It never chooses what to say (the caller picks the key); it only says it. A key missing from
//! a catalogue never panics: the key itself is shown (the unit tests keep the catalogues whole).

use crate::rubric::Lang;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const ID: &str = include_str!("messages/id.toml");
const EN: &str = include_str!("messages/en.toml");

/// Both catalogues, parsed once. A catalogue that does not parse (caught by the tests) is
/// empty, so every key shows as itself.
fn catalogues() -> &'static (BTreeMap<String, String>, BTreeMap<String, String>) {
    static CATALOGUES: OnceLock<(BTreeMap<String, String>, BTreeMap<String, String>)> =
        OnceLock::new();
    CATALOGUES.get_or_init(|| {
        let parse = |s: &str| toml::from_str::<BTreeMap<String, String>>(s).unwrap_or_default();
        (parse(ID), parse(EN))
    })
}

/// The template of `key` in `lang`, or the key itself when the catalogue lacks it.
pub fn template(key: &str, lang: Lang) -> &str {
    let (id, en) = catalogues();
    let cat = match lang {
        Lang::Id => id,
        Lang::En => en,
    };
    cat.get(key).map_or(key, String::as_str)
}

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Msg {
    pub en: String,
    pub id: String,
}

impl Msg {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }

    /// A text that is the same in every language: a name, a value or a code from the data, a
    /// Unicode character name. Never for words.
    pub fn same(s: impl Into<String>) -> Self {
        let s = s.into();
        Msg {
            en: s.clone(),
            id: s,
        }
    }

    /// Append `more` to both languages.
    pub fn push(&mut self, more: &Msg) {
        self.en.push_str(&more.en);
        self.id.push_str(&more.id);
    }

    /// `a, b and c` (`a, b dan c`): items joined with the catalogue's `list-sep` and
    /// `list-and`.
    pub fn list(items: &[Msg]) -> Msg {
        let join = |lang: Lang| -> String {
            let texts: Vec<&str> = items.iter().map(|m| m.get(lang)).collect();
            match texts.as_slice() {
                [] => String::new(),
                [one] => one.to_string(),
                [init @ .., last] => format!(
                    "{}{}{last}",
                    init.join(template("list-sep", lang)),
                    template("list-and", lang)
                ),
            }
        };
        Msg {
            en: join(Lang::En),
            id: join(Lang::Id),
        }
    }
}

/// A placeholder's value: the same text in both languages, or a text of its own per language.
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Msg(Msg),
}

impl Arg {
    fn get(&self, lang: Lang) -> &str {
        match self {
            Arg::Text(s) => s,
            Arg::Msg(m) => m.get(lang),
        }
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}
impl From<Cow<'_, str>> for Arg {
    fn from(s: Cow<'_, str>) -> Self {
        Arg::Text(s.into_owned())
    }
}
impl From<&Cow<'_, str>> for Arg {
    fn from(s: &Cow<'_, str>) -> Self {
        Arg::Text(s.to_string())
    }
}
impl From<Msg> for Arg {
    fn from(m: Msg) -> Self {
        Arg::Msg(m)
    }
}
impl From<&Msg> for Arg {
    fn from(m: &Msg) -> Self {
        Arg::Msg(m.clone())
    }
}
macro_rules! arg_from_number {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Text(n.to_string())
            }
        }
    )*};
}
arg_from_number!(usize, u32, u64, i64);

/// `template` with each `{name}` replaced by its argument; a placeholder without an argument
/// stays as written.
pub fn fill(template: &str, args: &[(&str, Arg)], lang: Lang) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match placeholder(after) {
            Some(name) => {
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => out.push_str(v.get(lang)),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[name.len() + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The name of a placeholder starting `s` (just after its `{`): lowercase letters, digits and
/// `_` up to a `}`.
fn placeholder(s: &str) -> Option<&str> {
    let end = s.find('}')?;
    let name = &s[..end];
    (!name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
    .then_some(name)
}

/// Every placeholder of a template, in order (repeats kept).
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match placeholder(after) {
            Some(name) => {
                out.push(name);
                rest = &after[name.len() + 1..];
            }
            None => rest = after,
        }
    }
    out
}

/// The message `key` in both languages, its placeholders filled from `args`.
pub fn msg(key: &str, args: &[(&str, Arg)]) -> Msg {
    Msg {
        en: fill(template(key, Lang::En), args, Lang::En),
        id: fill(template(key, Lang::Id), args, Lang::Id),
    }
}

/// `msg!("key", name = value, …)`: [`msg`] with each value turned into an [`Arg`].
#[macro_export]
macro_rules! msg {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::msg(
            $key,
            &[$((stringify!($name), $crate::messages::Arg::from($value))),*],
        )
    };
}

/// The text of `key` in `lang`, without placeholders (a label, a heading).
pub fn word(key: &'static str, lang: Lang) -> &'static str {
    template(key, lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn parsed(s: &str, name: &str) -> BTreeMap<String, String> {
        toml::from_str(s).unwrap_or_else(|e| panic!("{name} does not parse: {e}"))
    }

    #[test]
    fn both_catalogues_parse_and_have_the_same_keys() {
        let (id, en) = (parsed(ID, "id.toml"), parsed(EN, "en.toml"));
        let only_id: Vec<&String> = id.keys().filter(|k| !en.contains_key(*k)).collect();
        let only_en: Vec<&String> = en.keys().filter(|k| !id.contains_key(*k)).collect();
        assert!(
            only_id.is_empty() && only_en.is_empty(),
            "only in id.toml: {only_id:?}; only in en.toml: {only_en:?}"
        );
        for k in id.keys() {
            assert!(
                k.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "key `{k}` is not kebab-case"
            );
        }
    }

    #[test]
    fn each_key_has_the_same_placeholders_in_both_languages() {
        let (id, en) = (parsed(ID, "id.toml"), parsed(EN, "en.toml"));
        for (k, t) in &id {
            let a: BTreeSet<&str> = placeholders(t).into_iter().collect();
            let b: BTreeSet<&str> = placeholders(&en[k]).into_iter().collect();
            assert_eq!(a, b, "placeholders of `{k}`: id {a:?}, en {b:?}");
        }
    }

    /// Every Rust source file under `src/`, with its text.
    fn sources() -> Vec<(String, String)> {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        let mut files = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        files.sort();
        files
            .into_iter()
            .map(|f| {
                let text = std::fs::read_to_string(&f).unwrap();
                (f.display().to_string(), text)
            })
            .collect()
    }

    /// Every key given literally to `msg!` or `word` in the sources (this
    /// file's tests aside: they try a missing key on purpose), with the file.
    fn called_keys() -> Vec<(String, String)> {
        let mut keys = Vec::new();
        for (f, src) in sources() {
            if f.ends_with("messages.rs") {
                continue;
            }
            for opener in ["msg!(", "word("] {
                for (i, _) in src.match_indices(opener) {
                    let rest = src[i + opener.len()..].trim_start();
                    let Some(rest) = rest.strip_prefix('"') else {
                        continue;
                    };
                    let key = &rest[..rest.find('"').unwrap_or(0)];
                    keys.push((key.to_string(), f.clone()));
                }
            }
        }
        keys
    }

    #[test]
    fn every_key_used_in_the_sources_is_in_the_catalogue() {
        let en = parsed(EN, "en.toml");
        let called = called_keys();
        assert!(called.len() > 100, "the scan found too few calls");
        let missing: Vec<(String, String)> = called
            .into_iter()
            .filter(|(k, _)| !en.contains_key(k))
            .collect();
        assert!(missing.is_empty(), "keys not in the catalogue: {missing:?}");
    }

    /// A key is used when the sources name it as a string literal (`msg!("key")`, or a table
    /// of keys handed to `word`).
    #[test]
    fn every_catalogue_key_is_used() {
        let all: String = sources().into_iter().map(|(_, s)| s).collect();
        let unused: Vec<String> = parsed(EN, "en.toml")
            .into_keys()
            .filter(|k| !all.contains(&format!("\"{k}\"")))
            .collect();
        assert!(unused.is_empty(), "catalogue keys never used: {unused:?}");
    }

    #[test]
    fn a_missing_key_shows_the_key_and_placeholders_fill_both_languages() {
        assert_eq!(msg("no-such-key", &[]).get(Lang::Id), "no-such-key");
        assert_eq!(
            fill(
                "a {x} b {y} {z}",
                &[("x", "1".into()), ("y", Msg::same("2").into())],
                Lang::En
            ),
            "a 1 b 2 {z}"
        );
        assert_eq!(fill("{ not one } {}", &[], Lang::En), "{ not one } {}");
        let m = msg!("lock-file");
        assert_ne!(m.en, m.id);
        assert_eq!(
            placeholders("`{column}` x {n} {column}"),
            ["column", "n", "column"]
        );
    }

    #[test]
    fn lists_use_each_languages_and() {
        let items = [Msg::same("a"), Msg::same("b"), Msg::same("c")];
        assert_eq!(Msg::list(&items).en, "a, b and c");
        assert_eq!(Msg::list(&items).id, "a, b dan c");
        assert_eq!(Msg::list(&items[..1]).id, "a");
    }
}
