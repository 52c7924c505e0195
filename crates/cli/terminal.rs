//! Messages to the person at the terminal (stderr), apart from results (stdout).

use veil_pseudonym::Key;

/// The warning every output made with the public demo key carries.
pub const DEMO_KEY_WARNING: &str = "warning: made with the PUBLIC demo key (fixtures/keys/demo.key): its pseudonyms protect nothing.\n         Use it only on synthetic data; make a real key with `veil key new`.";

/// Prints the demo-key warning when `key` is the demo key.
pub fn warn_if_demo(key: &Key) {
    if key.is_demo() {
        eprintln!("{DEMO_KEY_WARNING}");
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
