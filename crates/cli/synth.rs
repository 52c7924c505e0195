//! `veil synth`: write a synthetic, study-calibrated portal export with its
//! gold annotations.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use veil_synth::{Options, Profile, Size};

/// Arguments of `veil synth`.
#[derive(Debug, clap::Args)]
pub struct SynthArgs {
    /// Profile: german-psychiatry, dutch-outpatient or us-chronic-care.
    profile: String,
    /// Directory to write the export, gold.jsonl and (German) the login file into.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Seed: the same seed gives the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Size as a multiple of the published study (1 = the study itself).
    #[arg(long, conflicts_with = "messages")]
    scale: Option<f64>,
    /// Exactly this many messages (streams; any size).
    #[arg(long)]
    messages: Option<u64>,
}

pub fn run(args: SynthArgs) -> anyhow::Result<ExitCode> {
    let profile: Profile = args.profile.parse()?;
    let size = match (args.scale, args.messages) {
        (_, Some(n)) => Size::Messages(n),
        (Some(f), None) => Size::Scale(f),
        (None, None) => Size::Scale(1.0),
    };
    let options = Options {
        seed: args.seed,
        size,
    };
    let started = Instant::now();
    let summary = veil_synth::generate_dir(profile, &options, &args.out)?;
    let seconds = started.elapsed().as_secs_f64().max(1e-9);
    println!(
        "{profile}: wrote {} messages ({} clinician initial notes, {} patient messages of which {} by proxies, {} clinician replies) in {} threads for {} patients to {}",
        summary.messages,
        summary.initial_notes,
        summary.patient_messages,
        summary.proxy_messages,
        summary.clinician_replies,
        summary.threads,
        summary.patients,
        args.out.display()
    );
    if let Some(name) = profile.logins_file() {
        println!("  {} login events in {name}", summary.logins);
    }
    let spans = summary.total_spans();
    println!("  {spans} gold spans in {}", veil_synth::GOLD_FILE);
    eprintln!(
        "  {:.0} messages/s, {:.1} MB/s of message text",
        summary.messages as f64 / seconds,
        summary.text_bytes as f64 / seconds / 1e6
    );
    Ok(ExitCode::SUCCESS)
}
