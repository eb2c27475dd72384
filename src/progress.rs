//! Progress and phase timings of one run: an indicatif spinner on stderr (files read, rows,
//! phase) for long runs when stderr is a terminal, and the per-phase breakdown (read, validate,
//! score, render) that `--verbose` prints on stderr.
//!
//! Process-wide state, so the loader can report progress without changing its signature.
//! Never writes to stdout, never measures anything the result depends on.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Inputs bigger than this (in bytes, all files together) make a long run that shows progress.
pub const LONG_RUN_BYTES: u64 = 8 << 20;

/// The phases of a run, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Reading files into cells (and hashing them).
    Read,
    /// Matching headers, typing and checking every row, derived columns, unit keys.
    Validate,
    /// Metrics, indicators, gates, verdicts.
    Score,
    /// Rendering and writing the outputs.
    Render,
}

impl Phase {
    pub const ALL: [Phase; 4] = [Phase::Read, Phase::Validate, Phase::Score, Phase::Render];

    pub fn name(self) -> &'static str {
        match self {
            Phase::Read => "read",
            Phase::Validate => "validate",
            Phase::Score => "score",
            Phase::Render => "render",
        }
    }
}

struct State {
    started: Instant,
    current: Option<(Phase, Instant)>,
    spent: [Duration; 4],
    files: usize,
    rows: usize,
    bar: Option<ProgressBar>,
}

impl State {
    fn new(bar: Option<ProgressBar>) -> State {
        State {
            started: Instant::now(),
            current: None,
            spent: [Duration::ZERO; 4],
            files: 0,
            rows: 0,
            bar,
        }
    }

    fn enter(&mut self, p: Phase) {
        let now = Instant::now();
        if let Some((q, t)) = self.current.take() {
            self.spent[q as usize] += now - t;
        }
        self.current = Some((p, now));
    }

    fn end(mut self) -> Timings {
        let now = Instant::now();
        if let Some((q, t)) = self.current.take() {
            self.spent[q as usize] += now - t;
        }
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
        Timings {
            phases: Phase::ALL
                .iter()
                .map(|p| (*p, self.spent[*p as usize]))
                .collect(),
            total: now - self.started,
            files: self.files,
            rows: self.rows,
        }
    }
}

static STATE: Mutex<Option<State>> = Mutex::new(None);

fn with<R>(f: impl FnOnce(&mut State) -> R) -> Option<R> {
    let mut g = STATE.lock().unwrap_or_else(|e| e.into_inner());
    g.as_mut().map(f)
}

/// Start timing a run. `input_bytes` decides whether the run is long enough for a spinner,
/// which is drawn only when stderr is a terminal and the run is not `--quiet`.
pub fn start(quiet: bool, input_bytes: u64) {
    let show = !quiet && input_bytes > LONG_RUN_BYTES && std::io::stderr().is_terminal();
    let bar = show.then(|| {
        let b = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        b.set_style(
            ProgressStyle::with_template("{spinner} {elapsed:>4} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        b.enable_steady_tick(Duration::from_millis(120));
        b
    });
    let mut g = STATE.lock().unwrap_or_else(|e| e.into_inner());
    *g = Some(State::new(bar));
}

/// Enter a phase (ending the current one). Phases may be entered more than once; their time adds up.
pub fn phase(p: Phase) {
    with(|s| {
        s.enter(p);
        // Rendering includes the summary on the terminal: the spinner goes first.
        if p == Phase::Render {
            if let Some(b) = s.bar.take() {
                b.finish_and_clear();
            }
        }
        if let Some(b) = &s.bar {
            b.set_message(match p {
                Phase::Read => format!("reading ({} file(s), {} rows so far)", s.files, s.rows),
                Phase::Validate => format!("checking {} rows", s.rows),
                Phase::Score => "scoring".to_string(),
                Phase::Render => String::new(),
            });
        }
    });
}

/// About to read a file.
pub fn reading(file: &str) {
    with(|s| {
        if let Some(b) = &s.bar {
            b.set_message(format!(
                "reading {file} ({} file(s), {} rows so far)",
                s.files, s.rows
            ));
        }
    });
}

/// A file was read: `rows` rows over all its sheets.
pub fn file_read(rows: usize) {
    with(|s| {
        s.files += 1;
        s.rows += rows;
    });
}

/// The time spent in each phase and in all, with the files and rows read.
#[derive(Debug, Clone, PartialEq)]
pub struct Timings {
    pub phases: Vec<(Phase, Duration)>,
    pub total: Duration,
    pub files: usize,
    pub rows: usize,
}

impl Timings {
    /// The `--verbose` breakdown, one line per phase.
    pub fn render(&self) -> String {
        let total = self.total.as_secs_f64();
        let mut out = format!(
            "Timing ({} file(s), {} rows read):\n",
            self.files, self.rows
        );
        for (p, d) in &self.phases {
            let s = d.as_secs_f64();
            let share = if total > 0.0 { 100.0 * s / total } else { 0.0 };
            out.push_str(&format!("  {:<9}{s:>9.3} s {share:>5.1} %\n", p.name()));
        }
        out.push_str(&format!("  {:<9}{total:>9.3} s\n", "total"));
        out
    }
}

/// End the run: clear the spinner and return the timings (None if `start` was not called).
pub fn finish() -> Option<Timings> {
    let mut g = STATE.lock().unwrap_or_else(|e| e.into_inner());
    g.take().map(State::end)
}

/// The size in bytes of the files a run will read (files of the folder and the named files).
pub fn input_bytes(dir: Option<&std::path::Path>, files: &[std::path::PathBuf]) -> u64 {
    let size = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let in_dir: u64 = dir
        .and_then(|d| std::fs::read_dir(d).ok())
        .map(|it| {
            it.filter_map(|e| e.ok())
                .map(|e| size(&e.path()))
                .sum::<u64>()
        })
        .unwrap_or(0);
    in_dir + files.iter().map(|f| size(f)).sum::<u64>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_add_up_and_render_one_line_each() {
        let mut s = State::new(None);
        s.enter(Phase::Read);
        s.files += 1;
        s.rows += 10;
        s.enter(Phase::Validate);
        s.enter(Phase::Read);
        s.enter(Phase::Score);
        s.enter(Phase::Render);
        let t = s.end();
        assert_eq!(t.phases.len(), 4);
        assert_eq!((t.files, t.rows), (1, 10));
        let sum: Duration = t.phases.iter().map(|(_, d)| *d).sum();
        assert!(sum <= t.total);
        let text = t.render();
        for p in Phase::ALL {
            assert!(text.contains(&format!("  {}", p.name())), "{text}");
        }
    }
}
