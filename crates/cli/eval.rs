//! `veil eval`: score a scrubber's output against a gold file.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

/// Arguments of `veil eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// The gold file written by `veil synth`.
    #[arg(long, value_name = "FILE")]
    gold: PathBuf,
    /// The scrubber's output: JSON Lines of message_id, subject, body.
    #[arg(long, value_name = "FILE")]
    scrubbed: PathBuf,
    /// Where to write the scores as JSON.
    #[arg(long, value_name = "FILE", default_value = "eval.json")]
    out: PathBuf,
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let report = veil_synth::eval::score_files(&args.gold, &args.scrubbed)?;
    print!("{}", veil_synth::eval::table(&report));
    std::fs::write(&args.out, veil_synth::eval::to_json(&report))
        .with_context(|| format!("writing {}", args.out.display()))?;
    println!("scores written to {}", args.out.display());
    Ok(ExitCode::SUCCESS)
}
