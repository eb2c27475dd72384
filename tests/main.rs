//! The integration tests, one binary: every module runs the real `kesiapan` binary (or the
//! library) on real files. One test binary instead of one per file keeps a clean build's
//! link time and disk use down (each binary links all of polars).

mod common;

mod cells;
mod cli;
mod cmd;
mod corpus;
mod diff;
mod diff_attribution;
mod dingel_neiman;
mod evaluate;
mod headers;
mod hostile;
mod intake;
mod jadwal;
mod lang;
mod messy;
mod outset;
mod overrides;
mod peer;
mod plan;
mod privacy;
mod progress;
mod province;
mod readme;
mod reports;
mod robustness;
mod roll;
mod sensitivity;
mod shapes;
mod synth;
mod template;
mod tiny;
mod workbook;
