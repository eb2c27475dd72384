//! Reading a whole file that the user named, safely: only a regular file (not a FIFO, a device
//! such as `/dev/zero`, or a folder), and a configuration file only up to a cap, so that a wrong
//! path fails at once with a clear message instead of filling memory.
//!
//! Only the read; what the bytes mean is up to the caller.

use std::io::{self, Read};
use std::path::Path;

/// The largest rubric, briefing configuration or template read, in bytes (the shipped rubric
/// is about 30 KB).
pub const CONFIG_LIMIT: u64 = 4 * 1024 * 1024;

/// The bytes of `path`, a regular file of at most `limit` bytes.
pub fn read(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let f = std::fs::File::open(path)?;
    let meta = f.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file (a folder, a device or a pipe)",
        ));
    }
    if meta.len() > limit {
        return Err(too_big(limit));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    f.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_big(limit));
    }
    Ok(bytes)
}

/// The text of `path` (UTF-8), a regular file of at most `limit` bytes.
pub fn read_text(path: &Path, limit: u64) -> io::Result<String> {
    String::from_utf8(read(path, limit)?)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not UTF-8 text"))
}

fn too_big(limit: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("larger than {} MB", limit / (1024 * 1024)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The attack pass: `--briefing-config /dev/zero` read until memory ran out.
    #[test]
    fn a_device_a_folder_and_a_too_big_file_are_refused() {
        #[cfg(unix)]
        assert!(read(Path::new("/dev/zero"), CONFIG_LIMIT).is_err());
        let d = tempfile::tempdir().unwrap();
        assert!(read(d.path(), CONFIG_LIMIT).is_err());
        let f = d.path().join("big.toml");
        std::fs::write(&f, vec![b'a'; 11]).unwrap();
        assert_eq!(read(&f, 11).unwrap().len(), 11);
        assert!(
            read(&f, 10)
                .unwrap_err()
                .to_string()
                .contains("larger than")
        );
        assert_eq!(read_text(&f, 11).unwrap(), "a".repeat(11));
        assert_eq!(
            read(&f, u64::MAX).unwrap().len(),
            11,
            "no overflow at the largest cap"
        );
    }
}
