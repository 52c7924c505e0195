//! What disclosure control costs: each study-style query timed over a
//! generated release through a veil session (plan rewritten, small cells
//! masked) and through plain DataFusion over the same Parquet file.
//!
//!   cargo bench -p veil-query --bench disclosure [-- ROWS]
//!
//! Prints rows/s and the ratio; asserts nothing about speed.
#![allow(clippy::print_stdout)]

use std::sync::Arc;
use std::time::Instant;

use arrow::array::{Int32Array, RecordBatch, StringArray};
use arrow::datatypes::{DataType, Field, Schema};
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::prelude::{ParquetReadOptions, SessionContext};
use veil_format::{Manifest, TableEntry};
use veil_query::Session;

const QUERIES: [(&str, &str); 4] = [
    (
        "per clinic",
        "SELECT clinic, count(*) AS n, count(DISTINCT patient_pid) AS p FROM messages GROUP BY clinic",
    ),
    (
        "by hour",
        "SELECT local_hour, count(*) AS n FROM messages GROUP BY local_hour",
    ),
    (
        "per patient stats",
        "SELECT count(*), min(n), max(n), avg(n), stddev(n) FROM (SELECT patient_pid, count(*) AS n FROM messages GROUP BY patient_pid) t",
    ),
    (
        "kinds with percent",
        "SELECT message_kind, count(*) AS n, 100.0 * count(*) / sum(count(*)) OVER () AS pct FROM messages GROUP BY message_kind",
    ),
];

fn batch(rows: usize) -> RecordBatch {
    let kinds = [
        "patient_message",
        "clinician_reply",
        "clinician_initial_note",
    ];
    let schema = Arc::new(Schema::new(vec![
        Field::new("site", DataType::Utf8, false),
        Field::new("patient_pid", DataType::Utf8, true),
        Field::new("clinic", DataType::Utf8, true),
        Field::new("message_kind", DataType::Utf8, true),
        Field::new("local_hour", DataType::Int32, true),
    ]));
    // A fixed linear congruential sequence: the same data every run.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |m: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (state >> 33) % m
    };
    let mut patients = Vec::with_capacity(rows);
    let mut clinics = Vec::with_capacity(rows);
    let mut kind = Vec::with_capacity(rows);
    let mut hours = Vec::with_capacity(rows);
    for _ in 0..rows {
        let patient = next((rows / 20).max(1) as u64);
        patients.push(format!("p{patient:08}"));
        clinics.push(format!("clinic-{:02}", patient % 25));
        kind.push(kinds[next(3) as usize]);
        hours.push(next(24) as i32);
    }
    RecordBatch::try_new(
        schema,
        vec![
            Arc::new(StringArray::from(vec!["site"; rows])),
            Arc::new(StringArray::from(patients)),
            Arc::new(StringArray::from(clinics)),
            Arc::new(StringArray::from(kind)),
            Arc::new(Int32Array::from(hours)),
        ],
    )
    .unwrap()
}

#[tokio::main]
async fn main() {
    let rows: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().unwrap();
    let release = dir.path().join("bench");
    let relative = "messages/site=site/part-00000.parquet";
    std::fs::create_dir_all(release.join("messages/site=site")).unwrap();
    let data = batch(rows);
    let file = std::fs::File::create(release.join(relative)).unwrap();
    let mut writer = ArrowWriter::try_new(file, data.schema(), None).unwrap();
    writer.write(&data).unwrap();
    writer.close().unwrap();
    let mut manifest = Manifest::new("bench", "00");
    manifest.tables.insert(
        "messages".into(),
        TableEntry {
            rows: rows as u64,
            files: vec![relative.into()],
        },
    );
    manifest.record_files(&release).unwrap();
    manifest.write(&release).unwrap();

    let session = Session::open(std::slice::from_ref(&release)).await.unwrap();
    let plain = SessionContext::new();
    plain
        .register_parquet(
            "messages",
            release.join("messages").to_str().unwrap(),
            ParquetReadOptions::default(),
        )
        .await
        .unwrap();

    println!("{rows} rows; best of 3 runs");
    println!(
        "{:<20} {:>14} {:>14} {:>8}",
        "query", "veil rows/s", "plain rows/s", "ratio"
    );
    for (name, sql) in QUERIES {
        let mut veil = f64::MAX;
        let mut base = f64::MAX;
        for _ in 0..3 {
            let started = Instant::now();
            let result = session.sql(sql).await.unwrap();
            std::hint::black_box(result.rows());
            veil = veil.min(started.elapsed().as_secs_f64());
            let started = Instant::now();
            let batches = plain.sql(sql).await.unwrap().collect().await.unwrap();
            std::hint::black_box(batches.len());
            base = base.min(started.elapsed().as_secs_f64());
        }
        println!(
            "{:<20} {:>14.0} {:>14.0} {:>8.2}",
            name,
            rows as f64 / veil,
            rows as f64 / base,
            veil / base
        );
    }
}
