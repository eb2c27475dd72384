//! A run's output set, written all or nothing: every file is first written into a staging
//! folder inside `--out` (random name, created exclusively), and only when all are written are
//! they moved into place; the manifest (`kesiapan-manifest.json`: the tool, the run's inputs
//! with SHA-256, every output's name, SHA-256 and size) goes in last. The old manifest is
//! taken away before the first file is replaced, so a set being replaced (or one a killed run
//! left half-replaced) has no manifest that matches it. A failure while moving files puts the
//! previous set back, manifest included.
//!
//! Nothing here follows a symbolic link: a link where an output (or a folder of outputs)
//! would go is refused. Staging folders and temporaries left by a killed run are removed by
//! the next run into the same folder (only names kesiapan itself makes).
//!
//! What to write is decided by the commands; this module only writes it.

use anyhow::{Context, Result, bail};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// The manifest's file name, in `--out`.
pub const MANIFEST: &str = "kesiapan-manifest.json";
/// The prefix of the staging folders kesiapan makes in `--out`.
pub const STAGING_PREFIX: &str = ".kesiapan-staging-";
/// The prefix of the temporary files of single-file writes (`validate --json`).
pub const TEMP_PREFIX: &str = ".kesiapan-tmp-";
/// The file a live run keeps locked inside its staging folder.
const LOCK: &str = "lock";
/// A staging folder without its lock file is another run's only when younger than this.
const YOUNG: std::time::Duration = std::time::Duration::from_secs(60);

/// One file a run read: a data file (with its dataset), the rubric, an earlier assessment.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Source {
    /// The path as given on the command line (or as found in `--data`).
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dataset: Option<String>,
    pub sha256: String,
}

impl Source {
    /// A file read whole, hashed here.
    pub fn file(path: &Path) -> Result<Source> {
        let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        Ok(Source {
            path: path.display().to_string(),
            dataset: None,
            sha256: sha256(&bytes),
        })
    }
}

/// What the manifest says about the run besides its files.
#[derive(Debug, Clone, Default)]
pub struct Run {
    /// The subcommand (`assess`, `validate`, …).
    pub command: &'static str,
    /// `--now` (normalised) when given: the only time in the manifest.
    pub now: Option<String>,
    pub rubric: Option<Source>,
    pub inputs: Vec<Source>,
}

#[derive(Serialize)]
struct Manifest<'a> {
    manifest_version: u32,
    tool: &'static str,
    version: &'static str,
    command: &'static str,
    now: Option<&'a str>,
    rubric: Option<&'a Source>,
    inputs: Vec<&'a Source>,
    files: Vec<Entry>,
}

#[derive(Serialize)]
struct Entry {
    name: String,
    sha256: String,
    bytes: u64,
}

fn sha256(bytes: &[u8]) -> String {
    crate::rubric::hex(&Sha256::digest(bytes))
}

/// The manifest for `files` (names relative to `--out`, `/`-separated): byte-identical for
/// the same run, files and inputs sorted.
pub fn manifest(files: &[(String, Vec<u8>)], run: &Run) -> Result<Vec<u8>> {
    let mut entries: Vec<Entry> = files
        .iter()
        .map(|(name, bytes)| Entry {
            name: name.clone(),
            sha256: sha256(bytes),
            bytes: bytes.len() as u64,
        })
        .collect();
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    let mut inputs: Vec<&Source> = run.inputs.iter().collect();
    inputs.sort();
    inputs.dedup();
    let m = Manifest {
        manifest_version: 1,
        tool: env!("CARGO_PKG_NAME"),
        version: env!("CARGO_PKG_VERSION"),
        command: run.command,
        now: run.now.as_deref(),
        rubric: run.rubric.as_ref(),
        inputs,
        files: entries,
    };
    let mut s = serde_json::to_string_pretty(&m)?;
    s.push('\n');
    Ok(s.into_bytes())
}

/// Check the output names: relative, `/`-separated, no `..`, none twice (ignoring case, as
/// Windows and macOS do), none the manifest or a staging name.
fn check_names(files: &[(String, Vec<u8>)]) -> Result<()> {
    let mut seen = HashSet::new();
    for (name, _) in files {
        let p = Path::new(name);
        let plain = !name.is_empty()
            && !name.contains('\\')
            && p.components().all(|c| matches!(c, Component::Normal(_)));
        if !plain {
            bail!("internal error: the output name `{name}` is not a plain relative path");
        }
        if name.eq_ignore_ascii_case(MANIFEST) || name.starts_with(STAGING_PREFIX) {
            bail!("internal error: the output name `{name}` is reserved");
        }
        if !seen.insert(name.to_lowercase()) {
            bail!(
                "two outputs of this run would be named `{name}` (names differing only in case \
                 are the same file on Windows and macOS); nothing was written"
            );
        }
    }
    Ok(())
}

/// What is at `path`, without following a link: `Ok(true)` a file, `Ok(false)` nothing; a
/// link, a folder or anything else is refused.
fn existing_file(path: &Path) -> Result<bool> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e).with_context(|| format!("cannot inspect {}", path.display())),
        Ok(m) if m.file_type().is_symlink() => bail!(
            "{} is a symbolic link: kesiapan does not write through links (remove it, or choose \
             another --out); nothing was changed",
            path.display()
        ),
        Ok(m) if m.is_file() => Ok(true),
        Ok(_) => bail!(
            "{} is in the way (a folder or special file where an output goes); nothing was changed",
            path.display()
        ),
    }
}

/// Create the folders of `name` under `out` one by one, refusing a link or a file among them.
fn make_parents(out: &Path, name: &str) -> Result<()> {
    let mut dir = out.to_path_buf();
    let parts: Vec<&str> = name.split('/').collect();
    for part in &parts[..parts.len() - 1] {
        dir.push(part);
        match fs::symlink_metadata(&dir) {
            Ok(m) if m.is_dir() => {}
            Ok(m) if m.file_type().is_symlink() => bail!(
                "{} is a symbolic link: kesiapan does not write through links; nothing was changed",
                dir.display()
            ),
            Ok(_) => bail!(
                "{} is a file where a folder of outputs goes; nothing was changed",
                dir.display()
            ),
            Err(e) if e.kind() == io::ErrorKind::NotFound => fs::create_dir(&dir)
                .with_context(|| format!("cannot create the folder {}", dir.display()))?,
            Err(e) => return Err(e).with_context(|| format!("cannot inspect {}", dir.display())),
        }
    }
    Ok(())
}

/// The output folder itself: created when missing; it may be a link to a folder (the user
/// named it), but it must be a folder.
fn make_out(out: &Path) -> Result<()> {
    fs::create_dir_all(out)
        .with_context(|| format!("cannot create the folder {}", out.display()))?;
    if !out.is_dir() {
        bail!("--out {} is not a folder", out.display());
    }
    Ok(())
}

/// Whether `name` is a temporary of a single-file write, or of kesiapan before 0.2
/// (`.NAME.tmp-PID`).
fn is_temporary(name: &str) -> bool {
    if name.starts_with(TEMP_PREFIX) {
        return true;
    }
    name.starts_with('.')
        && name.rsplit_once(".tmp-").is_some_and(|(head, pid)| {
            head.len() > 1 && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())
        })
}

/// Whether the staging folder `dir` belongs to no live run: its lock file can be locked, or it
/// has none and is not brand new.
fn is_stale_staging(dir: &Path) -> bool {
    let lock = dir.join(LOCK);
    match fs::symlink_metadata(&lock) {
        Ok(m) if m.is_file() => match File::open(&lock) {
            Ok(f) => f.try_lock().is_ok(),
            Err(_) => false,
        },
        _ => fs::symlink_metadata(dir)
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > YOUNG)),
    }
}

/// Remove what killed runs left in `out` (and its folders one level down): staging folders no
/// live run holds, and temporaries. Returns how many were removed. Only kesiapan's own names;
/// a link is removed as a link, never followed.
pub fn remove_stale(out: &Path) -> usize {
    let mut removed = 0;
    let mut dirs = vec![(out.to_path_buf(), true)];
    while let Some((dir, top)) = dirs.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            let Ok(kind) = e.file_type() else { continue };
            let path = e.path();
            if name.starts_with(STAGING_PREFIX) {
                let gone = if kind.is_dir() {
                    is_stale_staging(&path) && fs::remove_dir_all(&path).is_ok()
                } else {
                    fs::remove_file(&path).is_ok()
                };
                removed += usize::from(gone);
            } else if is_temporary(&name) && !kind.is_dir() {
                removed += usize::from(fs::remove_file(&path).is_ok());
            } else if top && kind.is_dir() {
                dirs.push((path, false));
            }
        }
    }
    removed
}

/// Best effort: make a folder's entries durable (not possible on every system).
fn sync_dir(dir: &Path) {
    if let Ok(f) = File::open(dir) {
        let _ = f.sync_all();
    }
}

/// A file moved into place, and where the file it replaced was put.
struct Placed {
    dest: PathBuf,
    backup: Option<PathBuf>,
}

/// Put the previous set back after a failed move: the new files out, the old ones in.
fn roll_back(placed: Vec<Placed>, manifest: Option<(PathBuf, PathBuf)>) {
    for p in placed.into_iter().rev() {
        match p.backup {
            Some(b) => {
                let _ = fs::rename(&b, &p.dest);
            }
            None => {
                let _ = fs::remove_file(&p.dest);
            }
        }
    }
    if let Some((backup, dest)) = manifest {
        let _ = fs::rename(backup, dest);
    }
}

/// Write `files` (names relative to `out`, `/`-separated) and their manifest into `out`, all
/// or nothing; returns the paths written, the manifest last.
pub fn write_set(out: &Path, files: &[(String, Vec<u8>)], run: &Run) -> Result<Vec<String>> {
    write_set_with(out, files, run, &mut |from, to| fs::rename(from, to))
}

/// `write_set` with the final move given (tests make it fail).
fn write_set_with(
    out: &Path,
    files: &[(String, Vec<u8>)],
    run: &Run,
    mv: &mut dyn FnMut(&Path, &Path) -> io::Result<()>,
) -> Result<Vec<String>> {
    check_names(files)?;
    let manifest = manifest(files, run)?;
    make_out(out)?;
    remove_stale(out);
    let staging = tempfile::Builder::new()
        .prefix(STAGING_PREFIX)
        .tempdir_in(out)
        .with_context(|| format!("cannot create a staging folder in {}", out.display()))?;
    let lock = File::create_new(staging.path().join(LOCK))?;
    // Held until the set is in place: a concurrent run leaves this folder alone.
    let _ = lock.try_lock();

    // 1. Every file (and the manifest) into the staging folder.
    let stage = |i: usize, bytes: &[u8]| -> Result<PathBuf> {
        let p = staging.path().join(format!("{i}"));
        let mut f = File::create_new(&p)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        Ok(p)
    };
    let mut staged = Vec::with_capacity(files.len());
    for (i, (name, bytes)) in files.iter().enumerate() {
        staged.push(stage(i, bytes).with_context(|| {
            format!(
                "cannot write {}; nothing was changed",
                out.join(name).display()
            )
        })?);
    }
    let staged_manifest = stage(files.len(), &manifest)
        .with_context(|| format!("cannot write {MANIFEST}; nothing was changed"))?;

    // 2. Every destination checked before anything is replaced.
    let mut exists = Vec::with_capacity(files.len());
    for (name, _) in files {
        make_parents(out, name)?;
        exists.push(existing_file(&out.join(name))?);
    }
    let manifest_dest = out.join(MANIFEST);
    let had_manifest = existing_file(&manifest_dest)?;

    // 3. The old manifest away first, then each file, then the new manifest.
    let old = staging.path().join("old");
    fs::create_dir(&old)?;
    let manifest_backup = if had_manifest {
        let b = old.join(MANIFEST);
        mv(&manifest_dest, &b)
            .with_context(|| format!("cannot replace {}", manifest_dest.display()))?;
        Some((b, manifest_dest.clone()))
    } else {
        None
    };
    let mut placed: Vec<Placed> = Vec::with_capacity(files.len());
    for (i, ((name, _), from)) in files.iter().zip(&staged).enumerate() {
        let dest = out.join(name);
        let result = (|| -> io::Result<Placed> {
            let backup = if exists[i] {
                let b = old.join(format!("{i}"));
                mv(&dest, &b)?;
                Some(b)
            } else {
                None
            };
            if let Err(e) = mv(from, &dest) {
                if let Some(b) = &backup {
                    let _ = fs::rename(b, &dest);
                }
                return Err(e);
            }
            Ok(Placed {
                dest: dest.clone(),
                backup,
            })
        })();
        match result {
            Ok(p) => placed.push(p),
            Err(e) => {
                roll_back(placed, manifest_backup);
                return Err(e).with_context(|| {
                    format!(
                        "cannot put {} in place; the previous outputs were put back",
                        dest.display()
                    )
                });
            }
        }
    }
    if let Err(e) = mv(&staged_manifest, &manifest_dest) {
        roll_back(placed, manifest_backup);
        return Err(e).with_context(|| {
            format!(
                "cannot put {} in place; the previous outputs were put back",
                manifest_dest.display()
            )
        });
    }
    let mut dirs: Vec<PathBuf> = placed
        .iter()
        .filter_map(|p| p.dest.parent().map(Path::to_path_buf))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in dirs {
        sync_dir(&d);
    }
    sync_dir(out);
    drop(lock);
    staging
        .close()
        .with_context(|| format!("cannot remove the staging folder in {}", out.display()))?;
    let mut written: Vec<String> = files
        .iter()
        .map(|(n, _)| out.join(n).display().to_string())
        .collect();
    written.push(manifest_dest.display().to_string());
    Ok(written)
}

/// Write one file on its own (not part of a set, e.g. `validate --json FILE`) atomically: a
/// temporary with a random name in the same folder (created exclusively), then a rename; a
/// symbolic link at `path` is refused.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    existing_file(path)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run() -> Run {
        Run {
            command: "test",
            now: Some("2025-12-23T09:00:00Z".into()),
            rubric: None,
            inputs: vec![],
        }
    }

    fn set(names: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
        names
            .iter()
            .map(|(n, b)| (n.to_string(), b.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn a_failed_move_mid_set_puts_the_previous_set_back() {
        let out = tempfile::tempdir().unwrap();
        let old = set(&[("a.txt", "old a"), ("sub/b.txt", "old b")]);
        write_set(out.path(), &old, &run()).unwrap();
        let old_manifest = fs::read(out.path().join(MANIFEST)).unwrap();
        let new = set(&[
            ("a.txt", "new a"),
            ("sub/b.txt", "new b"),
            ("c.txt", "new c"),
        ]);
        // The fifth move fails: old manifest away, a.txt away, a.txt in, b away, b in.
        let mut n = 0;
        let err = write_set_with(out.path(), &new, &run(), &mut |from, to| {
            n += 1;
            if n == 5 {
                return Err(io::Error::other("disk full"));
            }
            fs::rename(from, to)
        })
        .unwrap_err();
        assert!(format!("{err:#}").contains("put back"), "{err:#}");
        assert_eq!(
            fs::read_to_string(out.path().join("a.txt")).unwrap(),
            "old a"
        );
        assert_eq!(
            fs::read_to_string(out.path().join("sub/b.txt")).unwrap(),
            "old b"
        );
        assert!(!out.path().join("c.txt").exists());
        assert_eq!(fs::read(out.path().join(MANIFEST)).unwrap(), old_manifest);
        // The staging folder went with the failed run.
        let left: Vec<_> = fs::read_dir(out.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        assert!(
            left.iter().all(|n| !n.starts_with(STAGING_PREFIX)),
            "{left:?}"
        );
    }

    #[test]
    fn names_that_clash_are_refused_before_writing() {
        let out = tempfile::tempdir().unwrap();
        let err = write_set(
            out.path(),
            &set(&[("A.xlsx", "1"), ("a.xlsx", "2")]),
            &run(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("two outputs"), "{err}");
        assert_eq!(fs::read_dir(out.path()).unwrap().count(), 0);
        assert!(write_set(out.path(), &set(&[("../x", "1")]), &run()).is_err());
        assert!(write_set(out.path(), &set(&[(MANIFEST, "1")]), &run()).is_err());
    }

    #[test]
    fn a_live_runs_staging_folder_is_left_alone() {
        let out = tempfile::tempdir().unwrap();
        let live = out.path().join(format!("{STAGING_PREFIX}live"));
        let dead = out.path().join(format!("{STAGING_PREFIX}dead"));
        for d in [&live, &dead] {
            fs::create_dir(d).unwrap();
            fs::write(d.join(LOCK), "").unwrap();
        }
        let held = File::open(live.join(LOCK)).unwrap();
        held.try_lock().unwrap();
        fs::write(out.path().join(".laporan.html.tmp-77"), "x").unwrap();
        fs::create_dir(out.path().join("feedback")).unwrap();
        fs::write(out.path().join("feedback/.A.xlsx.tmp-9"), "x").unwrap();
        fs::write(out.path().join("feedback/A.xlsx"), "keep").unwrap();
        assert_eq!(remove_stale(out.path()), 3);
        assert!(live.exists() && !dead.exists());
        assert!(out.path().join("feedback/A.xlsx").exists());
        drop(held);
        assert_eq!(remove_stale(out.path()), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_single_file_is_not_written_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "safe").unwrap();
        let link = dir.path().join("diagnostics.json");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        assert!(write_file(&link, b"{}").is_err());
        assert_eq!(fs::read_to_string(&victim).unwrap(), "safe");
        let plain = dir.path().join("plain.json");
        write_file(&plain, b"{}").unwrap();
        write_file(&plain, b"[]").unwrap();
        assert_eq!(fs::read_to_string(&plain).unwrap(), "[]");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 3);
    }

    #[test]
    fn temporaries_of_killed_runs_are_recognised() {
        assert!(is_temporary(".analisis.xlsx.tmp-12345"));
        assert!(is_temporary(".kesiapan-tmp-Ab12"));
        assert!(!is_temporary("analisis.xlsx"));
        assert!(!is_temporary(".tmp-1"));
        assert!(!is_temporary(".notes.tmp-x"));
    }
}
