//! Write the hostile workbooks of `tests/hostile.rs` at full size, to measure time and memory:
//! `cargo run --release --example hostile_files -- DIR`, then e.g.
//! `/usr/bin/time -v kesiapan validate --rubric tests/fixtures/tiny/tiny.toml --input infra=DIR/FILE`.

#[path = "../tests/common/hostile.rs"]
mod hostile;

fn main() {
    let dir = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "hostile-files".to_string()),
    );
    std::fs::create_dir_all(&dir).unwrap();
    hostile::zip_bomb(&dir.join("infra_bomb.xlsx"), 1024);
    hostile::huge_shared_strings(&dir.join("infra_shared_strings_200mib.xlsx"), 200);
    hostile::huge_shared_strings(&dir.join("infra_shared_strings_90mib.xlsx"), 90);
    hostile::empty_styled_rows(&dir.join("infra_million_empty_rows.xlsx"), 1_048_573);
    hostile::whole_grid(&dir.join("infra_whole_grid.xlsx"));
    for e in std::fs::read_dir(&dir).unwrap() {
        let e = e.unwrap();
        println!("{:>12} {}", e.metadata().unwrap().len(), e.path().display());
    }
}
