//! The `kesiapan` binary: a thin shell over the library.

fn main() -> std::process::ExitCode {
    kesiapan::main_with_args(std::env::args_os())
}
