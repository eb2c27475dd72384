//! `--verbose` phase timings and the progress display: on stderr only, never in the results.
//! No test here asserts a duration.

use crate::common::{NOW, kesiapan};

fn run(args: &[&str]) -> (std::process::Output, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let o = kesiapan()
        .args(args)
        .arg("--out")
        .arg(out.path())
        .args(["--now", NOW])
        .output()
        .unwrap();
    (o, out)
}

#[test]
fn verbose_adds_a_phase_breakdown_on_stderr_and_changes_nothing_else() {
    let (plain, a) = run(&["assess"]);
    let (verbose, b) = run(&["assess", "--verbose"]);
    assert!(plain.status.success() && verbose.status.success());
    assert_eq!(plain.stdout, verbose.stdout);
    assert_eq!(
        std::fs::read(a.path().join("assessment.json")).unwrap(),
        std::fs::read(b.path().join("assessment.json")).unwrap()
    );
    let err = String::from_utf8(verbose.stderr).unwrap();
    assert!(err.contains("Timing (4 file(s), "), "{err}");
    for phase in ["read", "validate", "score", "render", "total"] {
        assert!(
            err.lines()
                .any(|l| l.starts_with(&format!("  {phase} ")) && l.contains(" s")),
            "no {phase} line in:\n{err}"
        );
    }
    let plain_err = String::from_utf8(plain.stderr).unwrap();
    assert!(!plain_err.contains("Timing"), "{plain_err}");
}

#[test]
fn quiet_and_verbose_conflict() {
    let (o, _) = run(&["assess", "--quiet", "--verbose"]);
    assert_eq!(o.status.code(), Some(2));
}
