//! The streaming release path: the same export and key give byte-identical
//! files whatever the threads, the memory limit and the patient ranges the
//! tables are made in (so spilling and ranges change nothing), every row is
//! released or quarantined, and the private scratch directory (staged rows,
//! spill files) is gone when the run ends.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use veil_pipeline::Pipeline;
use veil_pseudonym::Key;
use veil_release::{MIN_MEMORY_LIMIT, ReleaseOptions, release};

const ROWS: usize = 3000;

/// Writes the export; its threads each belong to one patient when
/// `patient_threads` (and every 100th message has no thread), otherwise
/// every thread has messages of four patients.
fn write_export(path: &Path, patient_threads: bool) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(out, "id;thread;patient;role;sender;name;sent;clinic;body").unwrap();
    let names = ["Anna Koch", "Jonas Brandt", "Petra Seidel", "Lukas Vogt"];
    for i in 0..ROWS {
        let p = i % 300;
        let name = names[p % 4];
        let role = if i % 2 == 0 { "patient" } else { "clinician" };
        // Every 500th row has a bad timestamp and is quarantined.
        let sent = if i % 500 == 7 {
            "gestern".to_string()
        } else {
            format!(
                "{:02}.0{}.2025 {:02}:{:02}",
                1 + i % 28,
                1 + (i / 28) % 9,
                8 + i % 10,
                i % 60
            )
        };
        let thread = if patient_threads && i % 100 == 3 {
            String::new() // a message without a thread
        } else if patient_threads {
            format!("T{p}-{}", i / 1200)
        } else {
            format!("T{}", i / 4)
        };
        writeln!(
            out,
            "M{i};{thread};P{p};{role};S{};{name};{sent};PIA {};\"Liebe Frau {}, am 3.5. bleibt es bei 50 mg. Rufen Sie 030 1234567 an. Gruß, {name}\"",
            p % 20,
            p % 3,
            name.split(' ').nth(1).unwrap_or(""),
        )
        .unwrap();
    }
    out.flush().unwrap();
}

fn pipeline(dir: &Path, patient_threads: bool) -> Pipeline {
    let export = dir.join("export.csv");
    write_export(&export, patient_threads);
    let path = dir.join("generated.toml");
    std::fs::write(&path, include_str!("data/generated.toml")).unwrap();
    Pipeline::load(&path).unwrap()
}

/// Every file under `dir` with its bytes, by relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap().display().to_string();
                out.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn same_bytes_whatever_the_threads_memory_limit_and_patient_ranges() {
    // Threads of one patient: the tables are made one range at a time.
    same_bytes(true, &[1..=1, 3..=3, 3..=3, 40..=64]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn threads_that_cross_patients_are_made_at_once_with_the_same_bytes() {
    same_bytes(false, &[1..=1, 1..=1, 1..=1, 1..=1]).await;
}

/// Releases the export four ways and checks every file is the same; the
/// tables were made in a number of runs within `runs[i]`.
async fn same_bytes(patient_threads: bool, runs: &[std::ops::RangeInclusive<usize>]) {
    let dir = tempfile::tempdir().unwrap();
    let pipeline = pipeline(dir.path(), patient_threads);
    let key = Arc::new(Key::from_bytes(vec![7; 32]).unwrap());
    let mut made = Vec::new();
    let ways = [
        ("one", 1, 1 << 30, None),
        ("two", 2, MIN_MEMORY_LIMIT, Some(3)),
        ("three", 1, MIN_MEMORY_LIMIT, Some(3)),
        ("many", 2, MIN_MEMORY_LIMIT, Some(64)),
    ];
    for ((name, threads, memory_limit, patient_ranges), runs) in ways.into_iter().zip(runs) {
        let options = ReleaseOptions {
            out_root: dir.path().join(name),
            threads,
            memory_limit,
            batch_rows: 256,
            patient_ranges,
        };
        let mut deidentified = 0;
        let summary = release(&pipeline, key.clone(), &options, &mut |p| {
            if let veil_release::Progress::Deidentified { rows } = p {
                deidentified = rows;
            }
        })
        .await
        .unwrap();
        let source = &summary.sources[0];
        let quarantined = ROWS.div_ceil(500) as u64;
        assert_eq!(source.counts.rows_read, ROWS as u64);
        assert_eq!(source.counts.rows_quarantined, quarantined);
        assert_eq!(deidentified, ROWS as u64 - quarantined);
        assert_eq!(summary.manifest.tables["messages"].rows, deidentified);
        assert!(summary.findings.total > 0);
        assert!(
            runs.contains(&summary.table_runs),
            "{name}: {}",
            summary.table_runs
        );
        // Only the steward's finished files are left in private/.
        let private: Vec<String> = std::fs::read_dir(&summary.private_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(private.is_empty(), "{private:?}");
        let mut all = files(&summary.release_dir);
        all.insert(
            "findings".into(),
            std::fs::read(&summary.findings.path).unwrap(),
        );
        if patient_threads {
            assert_eq!(unthreaded_positions(&summary.release_dir), vec![1; 30]);
        }
        made.push(all);
    }
    assert_eq!(
        made[0].keys().collect::<Vec<_>>(),
        made[1].keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &made[0] {
        assert!(made[1][path] == *bytes, "{path} differs");
    }
}

/// `position_in_thread` of every released message without a thread.
fn unthreaded_positions(release: &Path) -> Vec<i64> {
    use arrow::array::{Array, AsArray};
    let mut positions = Vec::new();
    for (path, _) in files(&release.join("messages")) {
        let file = std::fs::File::open(release.join("messages").join(path)).unwrap();
        let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap();
        for batch in reader {
            let batch = batch.unwrap();
            let threads = batch.column_by_name("thread_pid").unwrap();
            let position = batch.column_by_name("position_in_thread").unwrap();
            let position = position.as_primitive::<arrow::datatypes::Int64Type>();
            for row in 0..batch.num_rows() {
                if threads.is_null(row) {
                    positions.push(position.value(row));
                }
            }
        }
    }
    positions
}
