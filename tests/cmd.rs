//! CLI cases as data: every `tests/cmd/<case>.toml` is one run of the real binary with its
//! arguments, environment, exit code and expected stdout/stderr (see tests/cmd/README.md).
//! Re-bless after an intended change with `TRYCMD=overwrite cargo test --test integration cmd::`
//! and read the changed files before committing.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .register_bin(
            "kesiapan",
            std::path::Path::new(env!("CARGO_BIN_EXE_kesiapan")),
        )
        .case("tests/cmd/*.toml");
}
