//! `veil verify`: check a release against its manifest, its format and,
//! on the steward's side, the raw export it came from.

use std::path::PathBuf;
use std::process::ExitCode;

use veil_pipeline::Pipeline;
use veil_pseudonym::Key;
use veil_release::{StewardSide, verify_with_progress};

use crate::terminal::rows_spinner;

/// Arguments of `veil verify`.
#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// The release directory (releases/<study>).
    release: PathBuf,
    /// The pipeline that made it: re-reads the raw export and scans the
    /// release for every raw identifier and export name, and re-scrubs it.
    #[arg(long, value_name = "FILE")]
    pipeline: Option<PathBuf>,
    /// Key file: checks that the release was made with this key.
    #[arg(long, value_name = "FILE")]
    key_file: Option<PathBuf>,
    /// Where private/<study>/ is (default: beside releases/ as `veil run` makes it).
    #[arg(long, value_name = "DIR")]
    private: Option<PathBuf>,
    /// Show at most this many problems (all are in the private report).
    #[arg(long, value_name = "N", default_value_t = 50)]
    max_shown: usize,
    /// No progress display.
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: VerifyArgs) -> anyhow::Result<ExitCode> {
    crate::terminal::require_release(&args.release)?;
    let pipeline = args.pipeline.as_deref().map(Pipeline::load).transpose()?;
    let key = match &args.key_file {
        Some(path) => Some(Key::from_file(path)?),
        None => None,
    };
    let started = std::time::Instant::now();
    let bar = rows_spinner(args.quiet);
    bar.set_message(if pipeline.is_some() {
        "verifying and scanning"
    } else {
        "verifying"
    });
    let report = verify_with_progress(
        &args.release,
        StewardSide {
            pipeline: pipeline.as_ref(),
            key: key.as_ref(),
            private_dir: args.private.as_deref(),
        },
        &mut |rows| bar.set_position(rows),
    );
    bar.finish_and_clear();
    let report = report?;
    for problem in report.problems.iter().take(args.max_shown) {
        eprintln!("{problem}");
    }
    if report.problems.len() > args.max_shown {
        eprintln!("... and {} more", report.problems.len() - args.max_shown);
    }
    eprintln!();
    eprintln!("release   {}", args.release.display());
    eprintln!(
        "files     {} checked against manifest.json (sha256)",
        report.files_checked
    );
    if let Some(pipeline) = &pipeline {
        let rescrubbed = match pipeline.scrub.replacement {
            veil_pipeline::ScrubReplacement::Tags => "and re-scrubbed",
            veil_pipeline::ScrubReplacement::Surrogates => {
                "not re-scrubbed (surrogates look like what they replace)"
            }
        };
        eprintln!(
            "leaks     {} rows, {} text values scanned for {} protected strings from the export, {rescrubbed}",
            report.rows_scanned, report.values_scanned, report.protected_strings
        );
        if report.ordinary_words_seen > 0 {
            eprintln!(
                "notes     {} occurrence(s) of the pipeline's reviewed [verify] ordinary_words written as the word, not counted as leaks",
                report.ordinary_words_seen
            );
        }
    } else {
        eprintln!("leaks     not scanned (pass --pipeline on the steward's side)");
    }
    if let Some(path) = &report.private_report {
        eprintln!(
            "private   protected values of the findings: {} (steward only)",
            path.display()
        );
    }
    eprintln!("time      {:.2} s", started.elapsed().as_secs_f64());
    if report.ok() {
        eprintln!("result    OK: no problem found");
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("result    FAILED: {} problem(s)", report.problems.len());
        Ok(ExitCode::FAILURE)
    }
}
