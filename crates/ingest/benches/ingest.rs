//! Ingest throughput on a generated export.
//!
//! Generates a synthetic UTF-8 CSV export of `VEIL_BENCH_MB` MiB (default
//! 1024) in a temporary directory — German messages with umlauts, quoted
//! bodies with embedded newlines and delimiters, 17 mapped columns — ingests
//! it with the default batch size, and prints MB/s, rows/s and the peak
//! resident memory of the process (VmHWM). The file is deleted afterwards.
//!
//! `cargo bench -p veil-ingest --bench ingest` (set `VEIL_BENCH_MB=200` for
//! a quick run).
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{BufWriter, Write};
use std::time::Instant;

use veil_ingest::{IngestOptions, SourceReader};
use veil_pipeline::Pipeline;

const PIPELINE: &str = r#"
study = "bench"
[[sources]]
name = "bench"
site = "bench"
path = "export.csv"
delimiter = ";"
encoding = "auto"
language = "de"
timestamp_format = "%d.%m.%Y %H:%M"
time_zone = "Europe/Berlin"
[sources.columns]
message_id = "NachrichtID"
thread_id = "VerlaufID"
patient_id = "PatientID"
sender_role = "AbsenderRolle"
sender_id = "AbsenderID"
sender_name = "AbsenderName"
recipient_role = "EmpfaengerRolle"
recipient_id = "EmpfaengerID"
recipient_name = "EmpfaengerName"
patient_first_name = "Vorname"
patient_last_name = "Nachname"
patient_birth_date = "Geburtsdatum"
sent_at = "Gesendet"
clinic = "Ambulanz"
specialty = "Fachrichtung"
subject = "Betreff"
body = "Nachricht"
[sources.roles]
Arzt = "clinician"
[policy]
message_id = "pseudonym"
thread_id = "pseudonym"
patient_id = "pseudonym"
sender_role = "keep"
sender_id = "pseudonym"
sender_name = "roster"
recipient_role = "keep"
recipient_id = "pseudonym"
recipient_name = "roster"
patient_first_name = "roster"
patient_last_name = "roster"
patient_birth_date = "drop"
sent_at = "shift"
clinic = "keep"
specialty = "keep"
subject = "scrub"
body = "scrub"
"#;

const WORDS: &[&str] = &[
    "Guten",
    "Tag",
    "Frau",
    "Müller",
    "ich",
    "habe",
    "seit",
    "gestern",
    "wieder",
    "Schlafprobleme",
    "und",
    "möchte",
    "fragen",
    "ob",
    "die",
    "Dosis",
    "angepasst",
    "werden",
    "kann",
    "Grüße",
    "Termin",
    "nächste",
    "Woche",
    "Donnerstag",
    "passt",
    "mir",
    "gut",
    "Übelkeit",
    "weniger",
    "Stimmung",
    "besser",
    "danke",
    "für",
    "Ihre",
    "Nachricht",
    "bitte",
    "melden",
    "Sie",
    "sich",
];
const FIRST: &[&str] = &[
    "Anna", "Jörg", "Petra", "Özlem", "Lukas", "Marie", "Björn", "Sabine",
];
const LAST: &[&str] = &[
    "Koch", "Schäfer", "Wolf", "Yılmaz", "Becker", "Groß", "Lehmann",
];

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

fn generate(path: &std::path::Path, bytes: u64) -> std::io::Result<u64> {
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    out.write_all(b"NachrichtID;VerlaufID;PatientID;AbsenderRolle;AbsenderID;AbsenderName;EmpfaengerRolle;EmpfaengerID;EmpfaengerName;Vorname;Nachname;Geburtsdatum;Gesendet;Ambulanz;Fachrichtung;Betreff;Nachricht\n")?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut written, mut rows) = (0u64, 0u64);
    let mut line = String::with_capacity(4096);
    let mut body = String::with_capacity(4096);
    while written < bytes {
        rows += 1;
        let patient = rng.next() % 50_000;
        let (first, last) = (rng.pick(FIRST), rng.pick(LAST));
        let (doctor_first, doctor_last) = (rng.pick(FIRST), rng.pick(LAST));
        let from_patient = rng.next().is_multiple_of(2);
        body.clear();
        let words = 20 + rng.next() % 120;
        for i in 0..words {
            if i > 0 {
                body.push(if rng.next().is_multiple_of(29) {
                    '\n'
                } else {
                    ' '
                });
            }
            body.push_str(rng.pick(WORDS));
            if rng.next().is_multiple_of(37) {
                body.push_str("; \"so\"");
            }
        }
        let quoted = body.replace('"', "\"\"");
        let (sender, recipient) = if from_patient {
            (
                ("Patient", format!("P{patient}"), format!("{first} {last}")),
                (
                    "Arzt",
                    format!("D{}", patient % 40),
                    format!("Dr. {doctor_first} {doctor_last}"),
                ),
            )
        } else {
            (
                (
                    "Arzt",
                    format!("D{}", patient % 40),
                    format!("Dr. {doctor_first} {doctor_last}"),
                ),
                ("Patient", format!("P{patient}"), format!("{first} {last}")),
            )
        };
        line.clear();
        use std::fmt::Write as _;
        let _ = writeln!(
            line,
            "M{rows};T{};P{patient};{};{};{};{};{};{};{first};{last};{:02}.{:02}.19{:02};{:02}.{:02}.2024 {:02}:{:02};PIA {};Psychiatrie;Rückfrage;\"{quoted}\"",
            rows / 4,
            sender.0,
            sender.1,
            sender.2,
            recipient.0,
            recipient.1,
            recipient.2,
            1 + rng.next() % 28,
            1 + rng.next() % 12,
            40 + rng.next() % 60,
            1 + rng.next() % 28,
            1 + rng.next() % 12,
            7 + rng.next() % 14,
            rng.next() % 60,
            1 + patient % 3,
        );
        out.write_all(line.as_bytes())?;
        written += line.len() as u64;
    }
    out.flush()?;
    Ok(rows)
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU time of this (single-threaded) process in seconds: the machine is
/// shared, so wall time alone understates the reader's speed.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(0.0, |ns| ns as f64 / 1e9)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::args().any(|a| a == "--list") {
        return Ok(());
    }
    let mib: u64 = std::env::var("VEIL_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1024);
    let dir = tempfile::tempdir()?;
    let export = dir.path().join("export.csv");
    let started = Instant::now();
    let generated_rows = generate(&export, mib << 20)?;
    let size = std::fs::metadata(&export)?.len();
    println!(
        "generated {:.0} MiB, {generated_rows} rows in {:.1} s",
        size as f64 / (1 << 20) as f64,
        started.elapsed().as_secs_f64()
    );
    let rss_before = peak_rss_kib().unwrap_or(0);
    std::fs::write(dir.path().join("p.toml"), PIPELINE)?;
    let pipeline = Pipeline::load(&dir.path().join("p.toml"))?;

    let started = Instant::now();
    let cpu_started = cpu_seconds();
    let mut reader =
        SourceReader::open(&pipeline, &pipeline.sources[0], &IngestOptions::default())?;
    let mut passed = 0usize;
    while let Some(chunk) = reader.next_chunk()? {
        passed += chunk.batch.num_rows();
    }
    let seconds = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu_started;
    let counts = reader.counts();
    assert!(counts.reconciles());
    assert_eq!(counts.rows_read, generated_rows);
    println!("encoding: {}", reader.encoding());
    println!(
        "ingest utf-8 csv: {:.1} MB/s, {:.0} rows/s ({} rows, {passed} passed, {} quarantined, {:.1} s)",
        size as f64 / 1e6 / seconds,
        counts.rows_read as f64 / seconds,
        counts.rows_read,
        counts.rows_quarantined,
        seconds
    );
    if cpu > 0.0 {
        println!(
            "per CPU second: {:.1} MB/s, {:.0} rows/s ({cpu:.1} s on the CPU; load average {})",
            size as f64 / 1e6 / cpu,
            counts.rows_read as f64 / cpu,
            std::fs::read_to_string("/proc/loadavg")
                .unwrap_or_default()
                .split_whitespace()
                .next()
                .unwrap_or("?")
        );
    }
    println!(
        "peak RSS (VmHWM): {:.0} MiB (before ingest: {:.0} MiB)",
        peak_rss_kib().unwrap_or(0) as f64 / 1024.0,
        rss_before as f64 / 1024.0
    );
    Ok(())
}
