//! Write the folder of ~40 messy OPD submissions used by `tests/messy.rs`, and list the
//! mistakes planted in it: `cargo run --example messy_submissions -- DIR`.

#[path = "../tests/common/messy.rs"]
mod messy;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "messy-submissions".to_string());
    let planted = messy::generate(std::path::Path::new(&dir));
    println!("wrote {dir}; planted mistakes:");
    for p in planted {
        let row = p.row.map(|r| format!(" row {r}")).unwrap_or_default();
        println!("  {:<18} {}{row}: {}", p.code, p.file, p.what);
    }
}
