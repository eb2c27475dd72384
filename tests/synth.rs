//! The synthetic data generator (`kesiapan::synth`, the benchmark's data): sizes, determinism,
//! and that what it writes loads against the default rubric with no error or warning.

use kesiapan::diag::Severity;
use kesiapan::input::{self, Sources};
use kesiapan::synth::{self, Spec, SynthFormat};
use std::path::Path;

fn small(format: SynthFormat) -> Spec {
    Spec {
        units: 30,
        job_rows: 200,
        survey_rows: 1_500,
        format,
        survey_files: 3,
        seed: 7,
    }
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().to_string(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

fn load_clean(dir: &Path, spec: &Spec) {
    let rubric =
        kesiapan::rubric::load(&crate::common::root().join("rubrics/wfa-asn-2025.toml")).unwrap();
    let loaded = input::load(
        &rubric,
        &Sources {
            dir: Some(dir.to_path_buf()),
            files: vec![],
            resubmit: Default::default(),
            keep_going: false,
            units: None,
        },
    )
    .unwrap();
    let bad: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .collect();
    assert!(bad.is_empty(), "errors or warnings: {bad:#?}");
    assert_eq!(loaded.units.len(), spec.units);
    let height = |ds: &str| loaded.tables[ds].df.height();
    assert_eq!(height("infrastruktur"), spec.units);
    assert_eq!(height("jabatan"), spec.job_rows);
    assert_eq!(height("survei"), spec.survey_rows);
    assert!(loaded.inputs.iter().all(|i| i.rows_rejected == 0));
}

#[test]
fn csv_set_has_the_asked_sizes_and_loads_clean() {
    let dir = tempfile::tempdir().unwrap();
    let spec = small(SynthFormat::Csv);
    let w = synth::generate(&spec, dir.path()).unwrap();
    assert_eq!(w.files.len(), 2 + 3, "{:?}", w.files);
    let survey: usize = w.files[2..].iter().map(|(_, n)| n).sum();
    assert_eq!(survey, 1_500);
    assert_eq!((w.files[0].1, w.files[1].1), (30, 200));
    // Every unit has more staff than respondents.
    assert!(w.staff >= 1_500);
    load_clean(dir.path(), &spec);
}

#[test]
fn xlsx_set_loads_clean() {
    let dir = tempfile::tempdir().unwrap();
    let spec = small(SynthFormat::Xlsx);
    synth::generate(&spec, dir.path()).unwrap();
    load_clean(dir.path(), &spec);
}

#[test]
fn same_seed_same_bytes_other_seed_other_data() {
    for format in [SynthFormat::Csv, SynthFormat::Xlsx] {
        let (a, b, c) = (
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
        );
        let spec = small(format);
        synth::generate(&spec, a.path()).unwrap();
        synth::generate(&spec, b.path()).unwrap();
        synth::generate(&Spec { seed: 8, ..spec }, c.path()).unwrap();
        assert_eq!(files(a.path()), files(b.path()), "{format:?}");
        assert_ne!(files(a.path()), files(c.path()), "{format:?}");
    }
}

#[test]
fn presets_have_the_documented_sizes() {
    let k = Spec::kalteng();
    assert_eq!((k.units, k.job_rows, k.survey_rows), (40, 1_021, 8_436));
    assert_eq!(k.format, SynthFormat::Xlsx);
    let n = Spec::national();
    assert_eq!(
        (n.units, n.job_rows, n.survey_rows),
        (25_000, 600_000, 5_000_000)
    );
    let q = n.scaled(0.25);
    assert_eq!(
        (q.units, q.job_rows, q.survey_rows),
        (6_250, 150_000, 1_250_000)
    );
}

#[test]
fn impossible_sizes_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let spec = Spec {
        survey_rows: 10,
        ..small(SynthFormat::Csv)
    };
    let e = synth::generate(&spec, dir.path()).unwrap_err();
    assert!(e.to_string().contains("5 survey rows per unit"), "{e}");
}
