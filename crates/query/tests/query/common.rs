//! Hand-built releases.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow::array::{ArrayRef, Int32Array, RecordBatch, StringArray};
use arrow::datatypes::{DataType, Field, Schema};
use datafusion::parquet::arrow::ArrowWriter;
use veil_format::{Manifest, TableEntry};
use veil_query::{QueryResult, Session, SessionOptions};

/// One message row: (message_pid, patient_pid, clinic, message_kind, local_hour).
pub type Row = (&'static str, &'static str, &'static str, &'static str, i32);

/// The small study most tests use. Clinic `a` has five patients (p1-p5),
/// clinic `b` two (p6, p7) and clinic `c` one (p1 again).
pub fn study_rows() -> Vec<Row> {
    vec![
        ("m01", "p1", "a", "patient_message", 9),
        ("m02", "p1", "a", "clinician_reply", 10),
        ("m03", "p2", "a", "patient_message", 9),
        ("m04", "p2", "a", "patient_message", 23),
        ("m05", "p3", "a", "clinician_initial_note", 9),
        ("m06", "p4", "a", "patient_message", 14),
        ("m07", "p5", "a", "clinician_reply", 14),
        ("m08", "p5", "a", "patient_message", 9),
        ("m09", "p6", "b", "patient_message", 3),
        ("m10", "p6", "b", "clinician_reply", 9),
        ("m11", "p6", "b", "patient_message", 9),
        ("m12", "p7", "b", "patient_message", 9),
        ("m13", "p7", "b", "clinician_reply", 9),
        ("m14", "p7", "b", "patient_message", 9),
        ("m15", "p1", "c", "patient_message", 9),
    ]
}

/// Writes a release of `rows` as table `messages` of `site`.
pub fn write_release(
    dir: &Path,
    study: &str,
    site: &str,
    fingerprint: &str,
    rows: &[Row],
) -> PathBuf {
    write_release_with(dir, study, site, fingerprint, messages_batch(site, rows), 5)
}

/// The messages batch of `rows`.
pub fn messages_batch(site: &str, rows: &[Row]) -> RecordBatch {
    let text = |f: fn(&Row) -> &'static str| -> ArrayRef {
        Arc::new(StringArray::from(rows.iter().map(f).collect::<Vec<_>>()))
    };
    let schema = Arc::new(Schema::new(vec![
        Field::new("site", DataType::Utf8, false),
        Field::new("message_pid", DataType::Utf8, true),
        Field::new("patient_pid", DataType::Utf8, true),
        Field::new("clinic", DataType::Utf8, true),
        Field::new("message_kind", DataType::Utf8, true),
        Field::new("local_hour", DataType::Int32, true),
    ]));
    RecordBatch::try_new(
        schema,
        vec![
            Arc::new(StringArray::from(vec![site; rows.len()])),
            text(|r| r.0),
            text(|r| r.1),
            text(|r| r.2),
            text(|r| r.3),
            Arc::new(Int32Array::from(
                rows.iter().map(|r| r.4).collect::<Vec<_>>(),
            )),
        ],
    )
    .unwrap()
}

/// Writes a release holding `batch` as table `messages`, with `min_cell`.
pub fn write_release_with(
    dir: &Path,
    study: &str,
    site: &str,
    fingerprint: &str,
    batch: RecordBatch,
    min_cell: u32,
) -> PathBuf {
    let release = dir.join(study);
    let relative = format!("messages/site={site}/part-00000.parquet");
    let path = release.join(&relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let file = std::fs::File::create(&path).unwrap();
    let mut writer = ArrowWriter::try_new(file, batch.schema(), None).unwrap();
    writer.write(&batch).unwrap();
    writer.close().unwrap();
    let mut manifest = Manifest::new(study, fingerprint);
    manifest.min_cell = min_cell;
    manifest.tables.insert(
        "messages".to_string(),
        TableEntry {
            rows: batch.num_rows() as u64,
            files: vec![relative],
        },
    );
    manifest.record_files(&release).unwrap();
    manifest.write(&release).unwrap();
    release
}

/// The small study as one release in a fresh temporary directory.
pub fn study() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let release = write_release(dir.path(), "study", "x", "fp1", &study_rows());
    (dir, release)
}

/// Opens `releases` with `options`.
pub async fn open(releases: &[PathBuf], options: SessionOptions) -> Session {
    Session::open_with(releases, &options).await.unwrap()
}

/// The result as rows of text cells: `suppressed` for suppressed cells,
/// `NULL` for other nulls.
pub fn cells(result: &QueryResult) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut row = 0;
    for batch in &result.batches {
        for r in 0..batch.num_rows() {
            let mut cells = Vec::new();
            for (c, column) in batch.columns().iter().enumerate() {
                cells.push(if result.is_suppressed(row, c) {
                    "suppressed".to_string()
                } else if column.is_null(r) {
                    "NULL".to_string()
                } else {
                    arrow::util::display::array_value_to_string(column, r).unwrap()
                });
            }
            out.push(cells);
            row += 1;
        }
    }
    out
}

/// Runs `sql` over the small study and returns its cells.
pub async fn query(sql: &str) -> (Vec<Vec<String>>, usize) {
    let (_dir, release) = study();
    let session = open(&[release], SessionOptions::default()).await;
    let result = session
        .sql(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    (cells(&result), result.suppressed_cells)
}

/// Rows as vectors of &str, for comparing.
pub fn rows(expected: &[&[&str]]) -> Vec<Vec<String>> {
    expected
        .iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

use arrow::array::Array;
