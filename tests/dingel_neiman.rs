//! Generality check: Dingel & Neiman (2020) expressed as a rubric, on their public data in
//! ../shared/reference/dingel-neiman (not shipped in this repository: GPL-3.0).

use crate::common::*;

#[test]
fn reproduces_dingel_neiman_2020() {
    let data = root().join("../shared/reference/dingel-neiman");
    if !data.join("onet_occupation_flags_db24_2.csv").exists() {
        // `.ci/run` sets KESIAPAN_REQUIRE_SHARED=1 when ../shared is there: then a missing
        // reference file is a failure, not a skip.
        assert!(
            std::env::var("KESIAPAN_REQUIRE_SHARED").is_err(),
            "KESIAPAN_REQUIRE_SHARED is set but {} is absent",
            data.display()
        );
        eprintln!(
            "SKIPPED: {} is absent (it ships beside the repository in CI, not in a clone)",
            data.display()
        );
        return;
    }
    let input = format!(
        "occupations={}",
        data.join("onet_occupation_flags_db24_2.csv").display()
    );
    let (_d, a) = assess(&[
        "--rubric",
        "rubrics/examples/dingel-neiman-2020.toml",
        "--input",
        &input,
        "--format",
        "json",
    ]);
    let units = a["units"].as_array().unwrap();
    let total = |id: &str| {
        units
            .iter()
            .map(|u| f(&indicator(u, id)["value"]))
            .sum::<f64>()
    };
    assert_eq!(total("occupations"), 968.0);
    assert_eq!(total("teleworkable_occupations"), 361.0);
    // Our rule agrees with the paper's published flag on every occupation.
    for u in units {
        close(f(&indicator(u, "agreement_with_paper")["value"]), 1.0, 0.0);
    }
    // Per-SOC n-weighted shares equal the published file (stored as float32: 8 significant digits).
    let published = std::fs::read_to_string(data.join("onet_teleworkable_blscodes.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(published.as_bytes());
    let mut both = 0;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let (code, share): (&str, f64) = (&rec[0], rec[2].parse().unwrap());
        if let Some(u) = units.iter().find(|u| u["id"] == code) {
            both += 1;
            close(f(&indicator(u, "teleworkable_share")["value"]), share, 5e-8);
        }
    }
    assert_eq!(both, 753);
}
