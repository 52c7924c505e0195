//! Ingest throughput on a generated export.
//!
//! Generates a synthetic UTF-8 CSV export of `VEIL_BENCH_MB` MiB (default
//! 1024) in a temporary directory — German messages with umlauts, quoted
//! bodies with embedded newlines and delimiters, 17 mapped columns — ingests
//! it with the default batch size, and prints MB/s, rows/s and the peak
//! resident memory of the process (VmHWM). The file is deleted afterwards.
//!
//! `cargo bench -p veil-ingest --bench ingest` (set `VEIL_BENCH_MB=200` for
//! a quick run, `VEIL_BENCH_ENCODING=windows-1252` to write the export in
//! Windows-1252 and measure the legacy decoding path).
//!
//! `VEIL_BENCH_KEEP=roster` reads as the survey pass of a release does
//! (`keep_only` the six roster columns). `VEIL_BENCH_DIGEST=1` mixes faulty
//! rows into the export (bad timestamps, duplicate ids, missing fields,
//! unknown roles, invalid bytes, CRLF line ends) and prints a digest of
//! every batch and quarantined row, to check that a change to ingest gives
//! the same output (compare the digest before and after).
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{BufWriter, Write};
use std::time::Instant;

use arrow::array::{Array, Int32Array, StringArray, TimestampMicrosecondArray};
use veil_ingest::{Chunk, IngestOptions, SourceReader};
use veil_pipeline::{CanonicalColumn as C, Pipeline};

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
    "Koch", "Schäfer", "Wolf", "Kühn", "Becker", "Groß", "Lehmann",
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

fn generate(
    path: &std::path::Path,
    bytes: u64,
    legacy: bool,
    faults: bool,
) -> std::io::Result<u64> {
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
        if faults {
            fault(&mut line, rows);
        }
        let mut encoded = if legacy {
            encoding_rs::WINDOWS_1252.encode(&line).0.into_owned()
        } else {
            line.as_bytes().to_vec()
        };
        if faults && rows.is_multiple_of(1031) {
            // A byte that is invalid UTF-8 (and `ÿ` in Windows-1252).
            let at = encoded.len() - 3;
            encoded[at] = 0xFF;
        }
        if faults && rows.is_multiple_of(13) {
            encoded.insert(encoded.len() - 1, b'\r');
        }
        out.write_all(&encoded)?;
        written += encoded.len() as u64;
    }
    out.flush()?;
    Ok(rows)
}

/// Spoils row `n` now and then, each way a row can be quarantined.
fn fault(line: &mut String, n: u64) {
    if n.is_multiple_of(997) {
        *line = line.replacen(".2024 ", ".2024 T", 1); // bad timestamp
    } else if n.is_multiple_of(1009) {
        *line = line.replacen(&format!("M{n};"), &format!("M{};", n - 5), 1); // duplicate id
    } else if n.is_multiple_of(1013) {
        *line = line.replacen(";Psychiatrie;", ";", 1); // field count
    } else if n.is_multiple_of(1019) {
        *line = line.replacen(";Arzt;", ";Pfleger;", 1); // unknown role
    } else if n.is_multiple_of(1021) {
        *line = line
            .replacen(";PIA ", ";", 1)
            .replacen(";Rückfrage;", "; ;", 1);
    } else if n.is_multiple_of(1033) {
        *line = line.replacen(&format!("M{n};"), ";", 1); // missing id
    }
}

/// A digest of a chunk: every value of the batch and every quarantined and
/// flagged row.
fn digest(chunk: &Chunk, hasher: &mut DefaultHasher) {
    let batch = &chunk.batch;
    for column in batch.columns() {
        if let Some(text) = column.as_any().downcast_ref::<StringArray>() {
            text.iter().for_each(|v| v.hash(hasher));
        } else if let Some(times) = column.as_any().downcast_ref::<TimestampMicrosecondArray>() {
            times.iter().for_each(|v| v.hash(hasher));
        } else if let Some(ints) = column.as_any().downcast_ref::<Int32Array>() {
            ints.iter().for_each(|v| v.hash(hasher));
        } else {
            panic!("unexpected column type {:?}", column.data_type());
        }
    }
    for q in &chunk.quarantined {
        (q.line, &q.column, format!("{:?}", q.reason), &q.raw).hash(hasher);
    }
    for f in &chunk.flagged {
        (f.line, &f.column, f.flag).hash(hasher);
    }
}

/// CPU time of the whole process (every thread) in seconds, from
/// /proc/self/stat (utime + stime, in USER_HZ = 100 ticks per second).
fn process_cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let after = s.rsplit_once(')')?.1;
            let fields: Vec<&str> = after.split_whitespace().collect();
            let utime: f64 = fields.get(11)?.parse().ok()?;
            let stime: f64 = fields.get(12)?.parse().ok()?;
            Some((utime + stime) / 100.0)
        })
        .unwrap_or(0.0)
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU time of the main thread (the one checking rows; /proc/self/schedstat
/// counts the thread group leader only) in seconds.
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
    let legacy = std::env::var("VEIL_BENCH_ENCODING").is_ok_and(|e| e == "windows-1252");
    let faults = std::env::var("VEIL_BENCH_DIGEST").is_ok_and(|d| d == "1");
    let roster = std::env::var("VEIL_BENCH_KEEP").is_ok_and(|k| k == "roster");
    let generated_rows = generate(&export, mib << 20, legacy, faults)?;
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
    let process_cpu_started = process_cpu_seconds();
    let mut reader =
        SourceReader::open(&pipeline, &pipeline.sources[0], &IngestOptions::default())?;
    if roster {
        reader.keep_only(&[
            C::PatientFirstName,
            C::PatientLastName,
            C::SenderName,
            C::SenderRole,
            C::RecipientName,
            C::RecipientRole,
        ]);
    }
    let mut passed = 0usize;
    let mut hasher = DefaultHasher::new();
    while let Some(chunk) = reader.next_chunk()? {
        passed += chunk.batch.num_rows();
        if faults {
            digest(&chunk, &mut hasher);
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu_started;
    let process_cpu = process_cpu_seconds() - process_cpu_started;
    let counts = reader.counts();
    assert!(counts.reconciles());
    assert_eq!(counts.rows_read, generated_rows);
    println!("encoding: {}", reader.encoding());
    if !counts.reasons.is_empty() {
        println!("quarantined by reason: {:?}", counts.reasons);
    }
    if faults {
        println!(
            "digest of every batch and quarantined row: {:016x}",
            hasher.finish()
        );
    }
    println!(
        "ingest {} csv{}: {:.1} MB/s, {:.0} rows/s ({} rows, {passed} passed, {} quarantined, {:.1} s)",
        if legacy { "windows-1252" } else { "utf-8" },
        if roster { " (keep_only roster)" } else { "" },
        size as f64 / 1e6 / seconds,
        counts.rows_read as f64 / seconds,
        counts.rows_read,
        counts.rows_quarantined,
        seconds
    );
    if process_cpu > 0.0 {
        println!(
            "per CPU second of the whole process (both threads): {:.1} MB/s, {:.0} rows/s ({process_cpu:.2} s)",
            size as f64 / 1e6 / process_cpu,
            counts.rows_read as f64 / process_cpu,
        );
    }
    if cpu > 0.0 {
        println!(
            "per CPU second of the main thread: {:.1} MB/s, {:.0} rows/s ({cpu:.1} s on the CPU; load average {})",
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
