//! `veil check`: the pipeline's policy checks alone, for a board reviewing
//! a protocol.

use std::path::PathBuf;
use std::process::ExitCode;

use veil_pipeline::{CanonicalColumn, Pipeline};

/// Arguments of `veil check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The pipeline file.
    pipeline: PathBuf,
}

pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let pipeline = Pipeline::load(&args.pipeline)?;
    println!("{}: the protocol is consistent", args.pipeline.display());
    println!(
        "study {} with {} source(s)",
        pipeline.study,
        pipeline.sources.len()
    );
    println!();
    println!("{:<20} {:<11} mapped from", "column", "treatment");
    for column in CanonicalColumn::ALL {
        let Some(treatment) = pipeline.treatment(column) else {
            continue;
        };
        let from: Vec<String> = pipeline
            .sources
            .iter()
            .filter_map(|s| s.column(column).map(|c| format!("{}:{c}", s.name)))
            .collect();
        println!(
            "{:<20} {:<11} {}",
            column.as_str(),
            treatment.as_str(),
            from.join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}
