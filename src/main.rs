//! The `kesiapan` binary: a thin shell over the library.

/// mimalloc instead of the system allocator: loading a national-size run allocates and frees
/// tens of millions of small strings, and glibc's malloc spent about a third of the time there.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    kesiapan::main_with_args(std::env::args_os())
}
