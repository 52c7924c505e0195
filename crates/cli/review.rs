//! `veil review`: a seeded, site-stratified sample of raw and scrubbed
//! messages for a human reviewer (into private/), and the score of the
//! reviewer's marks with a Clopper-Pearson upper bound.

use std::path::PathBuf;
use std::process::ExitCode;

use veil_pipeline::Pipeline;
use veil_pseudonym::Key;
use veil_release::{draw_sample, score, study_dirs, write_review};

use crate::terminal::warn_if_demo;

/// Arguments of `veil review`.
#[derive(Debug, clap::Args)]
pub struct ReviewArgs {
    /// The pipeline file (its sources are read; nothing is released).
    #[arg(required_unless_present = "score")]
    pipeline: Option<PathBuf>,
    /// Messages to sample, spread over sites in proportion to their messages.
    #[arg(long, value_name = "N", default_value_t = 300)]
    sample: usize,
    /// Seed of the draw: the same seed draws the same sample.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// Key file (else VEIL_KEY_FILE or VEIL_KEY): message pseudonyms in the sample.
    #[arg(long, value_name = "FILE")]
    key_file: Option<PathBuf>,
    /// Directory under which private/<study>/review/ is written.
    #[arg(long, value_name = "DIR", default_value = ".")]
    out: PathBuf,
    /// Score a marked marks.csv instead of drawing a sample.
    #[arg(long, value_name = "MARKS.csv", conflicts_with = "pipeline")]
    score: Option<PathBuf>,
}

pub fn run(args: ReviewArgs) -> anyhow::Result<ExitCode> {
    if let Some(marks) = &args.score {
        let s = score(marks)?;
        println!(
            "reviewed         {} messages ({} not yet marked)",
            s.reviewed, s.unmarked
        );
        for (site, (n, missed)) in &s.by_site {
            println!("  site {site:<10} {n} reviewed, {missed} with misses");
        }
        println!(
            "with misses      {} ({} missed items)",
            s.with_misses, s.missed_items
        );
        println!("miss rate        {:.4} per message", s.miss_rate);
        println!(
            "95% upper bound  {:.4} (one-sided Clopper-Pearson): with 95% confidence the per-message miss rate is below {:.2}%",
            s.upper_95,
            100.0 * s.upper_95
        );
        return Ok(ExitCode::SUCCESS);
    }
    let path = args.pipeline.as_ref().expect("clap requires it");
    let pipeline = Pipeline::load(path)?;
    let key = Key::resolve(args.key_file.as_deref())?;
    warn_if_demo(&key);
    let items = draw_sample(&pipeline, &key, args.sample, args.seed)?;
    let (_, private) = study_dirs(&args.out, &pipeline.study);
    let dir = private.join("review");
    let (html, csv) = write_review(&dir, &pipeline.study, args.seed, &items)?;
    let mut by_site = std::collections::BTreeMap::new();
    for item in &items {
        *by_site.entry(item.site.as_str()).or_insert(0usize) += 1;
    }
    eprintln!("sampled   {} messages (seed {})", items.len(), args.seed);
    for (site, n) in by_site {
        eprintln!("  site {site}: {n}");
    }
    eprintln!("page      {} (raw text: steward only)", html.display());
    eprintln!(
        "marks     {} (fill `missed`, then veil review --score)",
        csv.display()
    );
    Ok(ExitCode::SUCCESS)
}
