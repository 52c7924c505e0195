//! Scrub throughput per language over realistic portal messages: for each
//! veil-synth profile (German psychiatry, Dutch outpatient, US chronic care)
//! a few thousand messages are generated in memory (subjects and bodies of
//! mixed length, roster and proxy names, dates, phone numbers, addresses,
//! lower-case and ALL-CAPS messages) and scrubbed with one roster of every
//! name in the export's columns, as a release does. Prints MB/s of message
//! text per CPU-second of this thread (the per-core figure; the machine is
//! shared, so the best time of each slice of the corpus over all passes is
//! summed, and the median pass is shown beside it) and a digest of all
//! findings, so two builds can be compared for identical output. Run with
//! `cargo bench -p veil-scrub --bench scrub`.
//!
//! Environment: `VEIL_SCRUB_BENCH_MESSAGES` messages per language (default
//! 4,000); `VEIL_SCRUB_BENCH_ROSTER` messages whose names make the roster
//! (default the same; a release of a million messages has a roster of some
//! 20,000 names, so e.g. 200000 shows what a large roster costs);
//! `VEIL_SCRUB_BENCH_RUNS` timed passes per language (default 15); `VEIL_SCRUB_BENCH_DUMP` a file to
//! write every finding to (one line each), for a diff between two builds.
//! Each language's corpus is also scrubbed as one long message, and half
//! of it, so that a rule whose time grows faster than the text shows.
#![allow(clippy::print_stdout)]

use std::collections::BTreeSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::hint::black_box;
use std::io::Write;
use std::time::Instant;

use veil_scrub::{Category, Lang, RosterBuilder, Scrubber};

/// The allocator the `veil` binary scrubs with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use veil_synth::gold::GoldRecord;
use veil_synth::{Options, Profile, Size, generate};

/// CPU time of this thread in nanoseconds (Linux).
fn cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// One language's corpus: texts (subjects and bodies) and a roster.
struct Corpus {
    lang: Lang,
    texts: Vec<String>,
    scrubber: Scrubber,
    /// Distinct (name, category) pairs the roster was built from.
    names: usize,
    /// Seconds the roster took to build.
    build_s: f64,
}

/// `messages` texts to scrub, with a roster of every name of the first
/// `roster_messages` messages (at least `messages`) of the same export.
fn corpus(profile: Profile, messages: u64, roster_messages: u64) -> Corpus {
    let options = Options {
        seed: 11,
        size: Size::Messages(roster_messages.max(messages)),
    };
    let (mut export, mut gold) = (Vec::new(), Vec::new());
    generate(profile, &options, &mut export, &mut gold, None).expect("generate");
    let gold = String::from_utf8(gold).expect("utf-8 gold");
    let mut texts = Vec::new();
    let mut names: BTreeSet<(String, Category)> = BTreeSet::new();
    let mut lang = Lang::De;
    for (k, line) in gold.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let record: GoldRecord = serde_json::from_str(line).expect("gold line");
        lang = Lang::parse(&record.language).unwrap_or(Lang::De);
        for (list, category) in [
            (&record.names.patient, Category::PatientName),
            (&record.names.clinician, Category::ClinicianName),
            (&record.names.other, Category::OtherName),
        ] {
            names.extend(list.iter().map(|n| (n.clone(), category)));
        }
        if k as u64 >= messages {
            continue;
        }
        if !record.subject.is_empty() {
            texts.push(record.subject);
        }
        texts.push(record.body);
    }
    let built = Instant::now();
    let mut roster = RosterBuilder::new();
    for (name, category) in &names {
        roster.add_name(name, *category);
    }
    let scrubber = Scrubber::new(roster.build());
    let build_s = built.elapsed().as_secs_f64();
    Corpus {
        lang,
        texts,
        scrubber,
        names: names.len(),
        build_s,
    }
}

/// What the corpus holds, so its realism can be judged from the output.
fn describe(c: &Corpus) -> String {
    let bytes: usize = c.texts.iter().map(String::len).sum();
    let mut lens: Vec<usize> = c.texts.iter().map(String::len).collect();
    lens.sort_unstable();
    let caps = c
        .texts
        .iter()
        .filter(|t| t.chars().any(char::is_uppercase) && !t.chars().any(char::is_lowercase))
        .count();
    let lower = c
        .texts
        .iter()
        .filter(|t| t.chars().any(char::is_lowercase) && !t.chars().any(char::is_uppercase))
        .count();
    format!(
        "{} texts, {:.2} MB, length median {} / p90 {} / max {} bytes, {} ALL-CAPS, {} lower-case",
        c.texts.len(),
        bytes as f64 / 1e6,
        lens[lens.len() / 2],
        lens[lens.len() * 9 / 10],
        lens[lens.len() - 1],
        caps,
        lower
    )
}

fn main() {
    let env = |name: &str| std::env::var(name).ok();
    let messages: u64 = env("VEIL_SCRUB_BENCH_MESSAGES")
        .and_then(|v| v.parse().ok())
        .unwrap_or(4_000);
    let roster_messages: u64 = env("VEIL_SCRUB_BENCH_ROSTER")
        .and_then(|v| v.parse().ok())
        .unwrap_or(messages);
    let runs: usize = env("VEIL_SCRUB_BENCH_RUNS")
        .and_then(|v| v.parse().ok())
        .unwrap_or(15)
        .max(1);
    let mut dump = env("VEIL_SCRUB_BENCH_DUMP")
        .map(|p| std::io::BufWriter::new(std::fs::File::create(p).expect("dump file")));
    let mut total_bytes = 0usize;
    let mut total_cpu = 0f64;
    for profile in Profile::ALL {
        let c = corpus(profile, messages, roster_messages);
        let bytes: usize = c.texts.iter().map(String::len).sum();
        println!(
            "{} ({}): {}, roster of {} names ({} forms) built in {:.2} s",
            profile.name(),
            c.lang.code(),
            describe(&c),
            c.names,
            c.scrubber.roster().len(),
            c.build_s
        );
        // Findings once, for the digest (and the warm-up of lexicon and caches).
        let mut digest = DefaultHasher::new();
        let mut found = 0usize;
        for (k, text) in c.texts.iter().enumerate() {
            let out = c.scrubber.scrub(text, c.lang);
            found += out.findings.len();
            out.text.hash(&mut digest);
            for f in &out.findings {
                (f.start, f.end, f.category.tag(), f.rule).hash(&mut digest);
                if let Some(d) = dump.as_mut() {
                    writeln!(
                        d,
                        "{} {k} {}..{} {} {} {:?}",
                        c.lang.code(),
                        f.start,
                        f.end,
                        f.category.tag(),
                        f.rule,
                        &text[f.start..f.end]
                    )
                    .expect("dump");
                }
            }
        }
        // Timed passes. The machine is shared, so besides the median pass
        // the figure per core adds up, slice by slice (some 200 texts each),
        // the fastest time any pass took for that slice: what one core does
        // when the other work leaves it alone.
        let slices: Vec<&[String]> = c.texts.chunks(200).collect();
        let mut best_slice = vec![f64::MAX; slices.len()];
        let mut passes = Vec::with_capacity(runs);
        for _ in 0..runs {
            // The pass's CPU time is read once around the whole pass: the
            // kernel may update a running thread's count only at its
            // scheduler ticks, so sums of short slices would be off.
            let pass_cpu0 = cpu_ns();
            let pass_wall = Instant::now();
            for (k, slice) in slices.iter().enumerate() {
                let cpu0 = cpu_ns();
                let wall = Instant::now();
                for text in *slice {
                    black_box(c.scrubber.scrub(black_box(text), c.lang));
                }
                let wall = wall.elapsed().as_secs_f64();
                let cpu = match (cpu0, cpu_ns()) {
                    (Some(a), Some(b)) if b > a => (b - a) as f64 / 1e9,
                    _ => wall,
                };
                best_slice[k] = best_slice[k].min(cpu);
            }
            let pass_wall = pass_wall.elapsed().as_secs_f64();
            passes.push(match (pass_cpu0, cpu_ns()) {
                (Some(a), Some(b)) if b > a => (b - a) as f64 / 1e9,
                _ => pass_wall,
            });
        }
        passes.sort_by(f64::total_cmp);
        let mb = bytes as f64 / 1e6;
        let best: f64 = best_slice.iter().sum();
        let median = passes[runs / 2];
        total_bytes += bytes;
        total_cpu += best;
        println!(
            "  scrub {}: {:.1} MB/s per core ({:.0} texts/s; best of {runs} per slice), median pass {:.1} MB/s; {} findings, digest {:016x}",
            c.lang.code(),
            mb / best,
            c.texts.len() as f64 / best,
            mb / median,
            found,
            digest.finish()
        );
        // The whole corpus as one message (a field may hold up to 1 MiB
        // by default): time that grows faster than its length shows a
        // rule that reads all findings or tokens again for each one.
        let long = c.texts.join("\n");
        let half = &long[..long.floor_char_boundary(long.len() / 2)];
        let rate = |text: &str| {
            let start = Instant::now();
            black_box(c.scrubber.scrub(black_box(text), c.lang));
            text.len() as f64 / 1e6 / start.elapsed().as_secs_f64()
        };
        println!(
            "  one message of {:.2} MB: {:.1} MB/s (half of it: {:.1} MB/s)",
            long.len() as f64 / 1e6,
            rate(&long),
            rate(half)
        );
        let start = Instant::now();
        for text in &c.texts {
            black_box(Lang::detect(black_box(text)));
        }
        println!(
            "  Lang::detect: {:.1} MB/s",
            mb / start.elapsed().as_secs_f64()
        );
    }
    println!(
        "scrub, all languages: {:.1} MB/s per core",
        total_bytes as f64 / 1e6 / total_cpu
    );
}
