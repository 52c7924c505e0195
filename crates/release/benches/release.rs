//! The release path and the verify scan on a synthetic export; prints
//! messages per second. Size with VEIL_BENCH_ROWS (default 50,000).
//!
//!   cargo bench -p veil-release --bench release
#![allow(clippy::print_stdout)]

use std::io::Write;
use std::sync::Arc;
use std::time::Instant;

use veil_pipeline::Pipeline;
use veil_pseudonym::Key;
use veil_release::{ReleaseOptions, StewardSide, release, verify};

fn main() {
    let rows: usize = std::env::var("VEIL_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let export = dir.path().join("export.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&export).expect("export"));
    writeln!(out, "id;thread;patient;role;sender;name;sent;clinic;body").expect("write");
    let names = ["Anna Koch", "Jonas Brandt", "Petra Seidel", "Lukas Vogt"];
    for i in 0..rows {
        let p = i % 5000;
        let name = names[p % 4];
        let role = if i % 2 == 0 { "patient" } else { "clinician" };
        writeln!(
            out,
            "M{i};T{};P{p};{role};S{};{name};{:02}.0{}.2025 {:02}:{:02};PIA {};\"Liebe Frau {}, die Medikation bleibt bei 50 mg Sertralin. Bitte melden Sie sich bei Fragen unter der bekannten Nummer. Viele Grüße aus der Ambulanz, {name}\"",
            i / 4,
            p % 50,
            1 + i % 28,
            1 + (i / 28) % 9,
            8 + i % 10,
            i % 60,
            p % 3,
            name.split(' ').nth(1).unwrap_or(""),
        )
        .expect("write");
    }
    out.flush().expect("flush");
    drop(out);
    let bytes = std::fs::metadata(&export).expect("size").len();
    let pipeline_path = dir.path().join("generated.toml");
    std::fs::write(&pipeline_path, include_str!("../tests/data/generated.toml")).expect("pipeline");
    let pipeline = Pipeline::load(&pipeline_path).expect("pipeline loads");
    let key = Arc::new(Key::from_bytes(vec![7; 32]).expect("key"));
    let options = ReleaseOptions {
        out_root: dir.path().join("out"),
        ..ReleaseOptions::default()
    };
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let started = Instant::now();
    let summary = runtime
        .block_on(release(&pipeline, key.clone(), &options, &mut |_| {}))
        .expect("release");
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "release: {rows} messages, {:.1} MB in {seconds:.2} s: {:.0} messages/s, {:.1} MB/s",
        bytes as f64 / 1e6,
        rows as f64 / seconds,
        bytes as f64 / 1e6 / seconds
    );
    let started = Instant::now();
    let report = verify(
        &summary.release_dir,
        StewardSide {
            pipeline: Some(&pipeline),
            key: Some(&key),
            private_dir: None,
        },
    )
    .expect("verify");
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "verify with leak scan: {} values in {seconds:.2} s: {:.0} messages/s ({} problems)",
        report.values_scanned,
        rows as f64 / seconds,
        report.problems.len()
    );
}
