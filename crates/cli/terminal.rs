//! Messages to the person at the terminal (stderr), apart from results (stdout).

use std::io::{IsTerminal, Write};

use veil_pseudonym::Key;

/// The warning every output made with the public demo key carries.
pub const DEMO_KEY_WARNING: &str = "warning: made with the PUBLIC demo key (fixtures/keys/demo.key): its pseudonyms protect nothing.\n         Use it only on synthetic data; make a real key with `veil key new`.";

/// Prints the demo-key warning when `key` is the demo key.
pub fn warn_if_demo(key: &Key) {
    if key.is_demo() {
        eprintln!("{DEMO_KEY_WARNING}");
    }
}

/// A one-line progress display that rewrites itself on a terminal and stays
/// silent elsewhere (logs get the summary only).
#[allow(dead_code)] // `veil run` now uses `rows_spinner`; kept for other commands
pub struct ProgressLine {
    live: bool,
    last_len: usize,
}

#[allow(dead_code)]
impl ProgressLine {
    /// A progress line; `quiet` silences it.
    pub fn new(quiet: bool) -> ProgressLine {
        ProgressLine {
            live: !quiet && std::io::stderr().is_terminal(),
            last_len: 0,
        }
    }

    /// Shows `text` in place of the previous text.
    pub fn show(&mut self, text: &str) {
        if !self.live {
            return;
        }
        let pad = self.last_len.saturating_sub(text.len());
        eprint!("\r{text}{}", " ".repeat(pad));
        let _ = std::io::stderr().flush();
        self.last_len = text.len();
    }

    /// Clears the line.
    pub fn clear(&mut self) {
        if self.live && self.last_len > 0 {
            eprint!("\r{}\r", " ".repeat(self.last_len));
            self.last_len = 0;
        }
    }
}

/// Refuses a directory that is not a release, with a clear message.
pub fn require_release(path: &std::path::Path) -> anyhow::Result<()> {
    if !path.join("manifest.json").is_file() {
        anyhow::bail!(
            "{} is not a veil release (no manifest.json); pass a directory such as releases/<study>",
            path.display()
        );
    }
    Ok(())
}

/// A spinner with a count and its rate (rows/s) on stderr; hidden when
/// stderr is not a terminal or `quiet` is set.
pub fn rows_spinner(quiet: bool) -> indicatif::ProgressBar {
    let bar = if quiet {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr())
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} {elapsed:>4} {msg}: {human_pos} rows ({per_sec})",
        )
        .expect("valid template"),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}
