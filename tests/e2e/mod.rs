//! Modules of end-to-end tests and their shared helpers.

mod audit;
#[cfg(feature = "cluster")]
mod cluster;
mod errors;
mod key;
mod kill;
mod review;
mod run_demo;
mod scrub;
mod sql;
mod staff_roster;
mod study;
mod surrogates;
mod synth;
mod tables;
mod verify;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use arrow::array::{Array, AsArray, RecordBatch};
use arrow::datatypes::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The demo pipeline.
pub fn demo_pipeline() -> PathBuf {
    repo().join("pipelines/demo.toml")
}

/// The public demo key.
pub fn demo_key() -> PathBuf {
    repo().join("fixtures/keys/demo.key")
}

/// The veil binary with no key in its environment.
pub fn veil() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_veil"));
    command.env_remove("VEIL_KEY").env_remove("VEIL_KEY_FILE");
    command
}

/// `veil run PIPELINE --key-file <the demo key> --out OUT`, for the caller
/// to add flags to and run.
pub fn veil_run(pipeline: impl AsRef<OsStr>, out: impl AsRef<OsStr>) -> Command {
    let mut command = veil();
    command
        .arg("run")
        .arg(pipeline)
        .arg("--key-file")
        .arg(demo_key())
        .arg("--out")
        .arg(out);
    command
}

/// Runs a command and returns its output, with stdout and stderr as text.
pub fn output(command: &mut Command) -> (Output, String, String) {
    let out = command.output().expect("veil runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out, stdout, stderr)
}

/// Runs the demo pipeline into `out` with `key` and asserts success.
pub fn run_demo(out: &Path, key: &Path) -> String {
    let (status, stdout, stderr) = output(
        veil()
            .arg("run")
            .arg(demo_pipeline())
            .arg("--key-file")
            .arg(key)
            .arg("--out")
            .arg(out),
    );
    assert!(status.status.success(), "veil run failed:\n{stderr}");
    stdout
}

/// A fresh key file with owner-only permissions.
pub fn fresh_key(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let (status, _, stderr) = output(veil().args(["key", "new", "--out"]).arg(&path));
    assert!(status.status.success(), "{stderr}");
    path
}

/// Every Parquet file below `dir`, sorted.
pub fn parquet_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "parquet") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Every batch of every Parquet file below `dir`.
pub fn read_batches(dir: &Path) -> Vec<RecordBatch> {
    parquet_files(dir)
        .into_iter()
        .flat_map(|path| {
            let file = std::fs::File::open(&path).unwrap();
            ParquetRecordBatchReaderBuilder::try_new(file)
                .unwrap()
                .build()
                .unwrap()
                .map(|b| b.unwrap())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The values of every text column of the release's messages, by column.
pub fn text_columns(release: &Path) -> BTreeMap<String, Vec<String>> {
    let mut columns: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for batch in read_batches(&release.join("messages")) {
        for (field, array) in batch.schema().fields().iter().zip(batch.columns()) {
            if field.data_type() == &DataType::Utf8 {
                let strings = array.as_string::<i32>();
                let values = columns.entry(field.name().clone()).or_default();
                values.extend(
                    (0..strings.len())
                        .filter(|i| !strings.is_null(*i))
                        .map(|i| strings.value(i).to_string()),
                );
            }
        }
    }
    columns
}

/// The demo export's rows as maps from its column names to values.
pub fn demo_export_rows() -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_path(repo().join("fixtures/demo/nachrichten.csv"))
        .unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}
