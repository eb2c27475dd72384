//! Refusing an output folder that overlaps the inputs: an input file inside `--out` (a run
//! could overwrite it, and the next run would read the outputs back), `--out` equal to `--data`
//! (the next run reads its own `analisis.xlsx` as data), or `--out` containing `--data` (outputs
//! such as `feedback/` could land among the data). `--out` inside `--data` is allowed: the data
//! folder is read without its subfolders.
//! Paths are compared canonicalised (links resolved, `..` gone), also when `--out` does not
//! exist yet.
//!
//! Only the check and its message; the commands decide which paths are inputs.

use crate::rubric::Lang;
use std::path::{Component, Path, PathBuf};

/// `path` made absolute and canonical as far as it exists (`..` taken lexically), the
/// missing rest appended.
pub fn resolve(path: &Path) -> PathBuf {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    // `..` of a missing folder cannot be resolved by the system: lexically first.
    let mut lexical = PathBuf::new();
    for comp in abs.components() {
        match comp {
            Component::ParentDir => {
                lexical.pop();
            }
            Component::CurDir => {}
            c => lexical.push(c),
        }
    }
    let abs = lexical;
    let mut missing: Vec<PathBuf> = Vec::new();
    let mut cur = abs.clone();
    loop {
        if let Ok(c) = cur.canonicalize() {
            let mut r = c;
            for part in missing.iter().rev() {
                r.push(part);
            }
            return r;
        }
        let (Some(parent), Some(name)) = (cur.parent(), cur.file_name()) else {
            return abs;
        };
        missing.push(PathBuf::from(name));
        cur = parent.to_path_buf();
    }
}

/// Why a run cannot write into `--out`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlap {
    /// An input file is inside `--out`.
    InputInOut { input: PathBuf },
    /// `--out` is the data folder.
    OutIsData,
    /// The data folder is inside `--out`.
    DataInOut,
}

/// The first overlap of `out` with the data folder and the input files, if any.
pub fn find(out: &Path, data: Option<&Path>, inputs: &[&Path]) -> Option<Overlap> {
    let o = resolve(out);
    if let Some(d) = data {
        let d = resolve(d);
        if o == d {
            return Some(Overlap::OutIsData);
        }
        // `--out` inside the data folder is allowed: the data folder is read without its
        // subfolders, so `cd data && kesiapan assess --data .` (outputs in `./out`) is safe.
        if d.starts_with(&o) {
            return Some(Overlap::DataInOut);
        }
    }
    inputs
        .iter()
        .find(|i| resolve(i).starts_with(&o))
        .map(|i| Overlap::InputInOut {
            input: i.to_path_buf(),
        })
}

/// The refusal in words: what overlaps, why it matters, what to do.
pub fn message(o: &Overlap, out: &Path, data: Option<&Path>, lang: Lang) -> String {
    let out = out.display();
    let data = data.map(|d| d.display().to_string()).unwrap_or_default();
    match (o, lang) {
        (Overlap::InputInOut { input }, Lang::Id) => format!(
            "kesalahan: berkas masukan {} ada di dalam folder keluaran --out {out}; berkas itu bisa \
             tertimpa dan terbaca lagi sebagai data. Pindahkan berkas itu atau pilih --out lain. \
             Tidak ada yang ditulis.",
            input.display()
        ),
        (Overlap::InputInOut { input }, Lang::En) => format!(
            "error: the input file {} is inside the output folder --out {out}; it could be \
             overwritten and read again as data. Move it or choose another --out. Nothing was \
             written.",
            input.display()
        ),
        (Overlap::OutIsData, Lang::Id) => format!(
            "kesalahan: folder keluaran --out {out} sama dengan folder data --data {data}; run \
             berikutnya akan membaca keluarannya sendiri (mis. analisis.xlsx) sebagai data. \
             Pilih --out lain. Tidak ada yang ditulis."
        ),
        (Overlap::OutIsData, Lang::En) => format!(
            "error: the output folder --out {out} is the data folder --data {data}; the next \
             run would read its own outputs (e.g. analysis.xlsx) as data. Choose another --out. \
             Nothing was written."
        ),
        (Overlap::DataInOut, Lang::Id) => format!(
            "kesalahan: folder data --data {data} ada di dalam folder keluaran --out {out}; \
             keluaran dan data harus terpisah. Pilih --out lain. Tidak ada yang ditulis."
        ),
        (Overlap::DataInOut, Lang::En) => format!(
            "error: the data folder --data {data} is inside the output folder --out {out}; \
             outputs and data must be apart. Choose another --out. Nothing was written."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlaps_are_found_through_dots_and_links() {
        let root = tempfile::tempdir().unwrap();
        let r = root.path();
        std::fs::create_dir_all(r.join("data")).unwrap();
        std::fs::write(r.join("data/a.csv"), "x").unwrap();
        let data = r.join("data");
        assert_eq!(
            find(&r.join("x/../data"), Some(&data), &[]),
            Some(Overlap::OutIsData)
        );
        assert_eq!(find(&r.join("data/out/new"), Some(&data), &[]), None);
        assert_eq!(find(r, Some(&data), &[]), Some(Overlap::DataInOut));
        assert_eq!(find(&r.join("out"), Some(&data), &[]), None);
        let input = r.join("data/a.csv");
        assert_eq!(
            find(&data, None, &[&input]),
            Some(Overlap::InputInOut {
                input: input.clone()
            })
        );
        // A sibling whose name starts like the folder is not inside it.
        assert_eq!(find(&r.join("dat"), Some(&data), &[]), None);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&data, r.join("link")).unwrap();
            assert_eq!(
                find(&r.join("link"), Some(&data), &[]),
                Some(Overlap::OutIsData)
            );
        }
    }
}
