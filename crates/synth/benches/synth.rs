//! Prints the generator's speed per profile: messages per second and MB per
//! second of output (export CSV + gold.jsonl), written to counting sinks so
//! the disk is not measured. Run with `cargo bench -p veil-synth`.
//!
//! Environment: `VEIL_SYNTH_BENCH_MESSAGES` messages per profile (default
//! 500,000); `VEIL_SYNTH_BENCH_PROFILE` only that profile;
//! `VEIL_SYNTH_BENCH_RUNS` runs per profile (default 3, the best is shown);
//! `VEIL_SYNTH_BENCH_DIR` write real files into that directory instead.
#![allow(clippy::print_stdout)]

use std::io::Write;
use std::time::Instant;

use veil_synth::{Options, Profile, Size, generate, generate_dir};

#[derive(Default)]
struct Count(u64);

impl Write for Count {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn main() {
    let n: u64 = std::env::var("VEIL_SYNTH_BENCH_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500_000);
    let env = |name: &str| std::env::var(name).ok();
    let runs: usize = env("VEIL_SYNTH_BENCH_RUNS")
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let only = env("VEIL_SYNTH_BENCH_PROFILE");
    if let Some(dir) = env("VEIL_SYNTH_BENCH_DIR") {
        for profile in Profile::ALL
            .into_iter()
            .filter(|p| only.as_deref().is_none_or(|o| o == p.name()))
        {
            let out = std::path::Path::new(&dir).join(profile.name());
            let started = Instant::now();
            let options = Options {
                seed: 1,
                size: Size::Messages(n),
            };
            let summary = generate_dir(profile, &options, &out).expect("generation");
            let seconds = started.elapsed().as_secs_f64();
            let bytes: u64 = std::fs::read_dir(&out)
                .expect("output dir")
                .map(|e| e.and_then(|e| e.metadata()).map_or(0, |m| m.len()))
                .sum();
            println!(
                "{:<18} {:>10.0} messages/s {:>8.1} MB/s  ({} messages, {:.1} MB on disk in {}, {:.1} s)",
                profile.name(),
                summary.messages as f64 / seconds,
                bytes as f64 / seconds / 1e6,
                summary.messages,
                bytes as f64 / 1e6,
                out.display(),
                seconds
            );
        }
        return;
    }
    println!("veil-synth: {n} messages per profile, output to memory sinks");
    println!("(best of {runs} runs: the machine is shared, the best run is the least disturbed)");
    for profile in Profile::ALL
        .into_iter()
        .filter(|p| only.as_deref().is_none_or(|o| o == p.name()))
    {
        let mut best = None;
        for _ in 0..runs {
            let (mut export, mut gold, mut logins) =
                (Count::default(), Count::default(), Count::default());
            let started = Instant::now();
            let summary = generate(
                profile,
                &Options {
                    seed: 1,
                    size: Size::Messages(n),
                },
                &mut export,
                &mut gold,
                Some(&mut logins),
            )
            .expect("generation");
            let seconds = started.elapsed().as_secs_f64();
            if best
                .as_ref()
                .is_none_or(|b: &(f64, _, _, _, _)| seconds < b.0)
            {
                best = Some((seconds, summary, export, gold, logins));
            }
        }
        let (seconds, summary, export, gold, logins) = best.expect("at least one run");
        let bytes = export.0 + gold.0 + logins.0;
        println!(
            "{:<18} {:>10.0} messages/s {:>8.1} MB/s  ({} messages, export {:.1} MB, gold {:.1} MB, {:.2} s)",
            profile.name(),
            summary.messages as f64 / seconds,
            bytes as f64 / seconds / 1e6,
            summary.messages,
            export.0 as f64 / 1e6,
            gold.0 as f64 / 1e6,
            seconds
        );
    }
}
