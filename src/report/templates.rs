//! The report templates: embedded at build time from `reports/`, each overridable at run time by
//! a file of the same name in `--templates DIR`, so analysts can adjust wording without
//! recompiling.

use anyhow::{Context, Result, bail};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// Every embedded template, by file name.
const EMBEDDED: &[(&str, &str)] = &[
    (
        "summary.id.md.tera",
        include_str!("../../reports/summary.id.md.tera"),
    ),
    (
        "summary.en.md.tera",
        include_str!("../../reports/summary.en.md.tera"),
    ),
    (
        "briefing.id.md.tera",
        include_str!("../../reports/briefing.id.md.tera"),
    ),
    (
        "briefing.en.md.tera",
        include_str!("../../reports/briefing.en.md.tera"),
    ),
    ("briefing.toml", include_str!("../../reports/briefing.toml")),
    (
        "report.html.tera",
        include_str!("../../reports/report.html.tera"),
    ),
    (
        "report.strings.toml",
        include_str!("../../reports/report.strings.toml"),
    ),
    ("report.css", include_str!("../../reports/report.css")),
    ("report.js", include_str!("../../reports/report.js")),
];

/// Where templates come from.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    dir: Option<PathBuf>,
}

impl Templates {
    /// Templates from `dir` where it has them, the embedded ones otherwise. A `dir` that does not
    /// exist is an error (a typo would otherwise silently give the defaults).
    pub fn new(dir: Option<&Path>) -> Result<Self> {
        if let Some(d) = dir {
            if !d.is_dir() {
                bail!("--templates {}: no such folder", d.display());
            }
        }
        Ok(Templates {
            dir: dir.map(Path::to_path_buf),
        })
    }

    /// The text of template `name`.
    pub fn get(&self, name: &str) -> Result<Cow<'static, str>> {
        if let Some(d) = &self.dir {
            let p = d.join(name);
            if p.is_file() {
                return std::fs::read_to_string(&p)
                    .map(Cow::Owned)
                    .with_context(|| format!("cannot read the template {}", p.display()));
            }
        }
        EMBEDDED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| Cow::Borrowed(*t))
            .with_context(|| format!("no template named {name}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_in_the_folder_overrides_the_embedded_template() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("briefing.toml"), "nama = \"X\"").unwrap();
        let t = Templates::new(Some(dir.path())).unwrap();
        assert_eq!(t.get("briefing.toml").unwrap(), "nama = \"X\"");
        assert!(t.get("report.css").unwrap().len() > 100);
        assert!(Templates::new(Some(&dir.path().join("nope"))).is_err());
    }
}
