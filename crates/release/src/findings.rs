//! The findings table: every detection of the scrubber (message pseudonym,
//! field, offsets, category, rule and a keyed digest of the matched text,
//! never the text), written to `private/<study>/findings.parquet` so a
//! steward can trace any redaction. The audit counts come from it.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow::array::{
    Array, ArrayRef, AsArray, Int32Array, ListArray, RecordBatch, StringArray, StructArray,
};
use arrow::datatypes::{DataType, Field, Int32Type, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use serde::Serialize;

use crate::ReleaseError;
use crate::error::io;

/// File name of the findings table inside `private/<study>/`.
pub const FINDINGS_FILE: &str = "findings.parquet";

/// One finding as stored.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FindingRow {
    /// Site code.
    pub site: String,
    /// Message pseudonym.
    pub message_pid: String,
    /// `subject` or `body`.
    pub field: String,
    /// Byte offset of the start in the raw field.
    pub start: i32,
    /// Byte offset one past the end.
    pub end: i32,
    /// Category (`PATIENT_NAME`, ...).
    pub category: String,
    /// The rule that found it.
    pub rule: String,
    /// HMAC of the matched text under the study key (hex).
    pub text_mac: String,
}

/// Counts over the findings table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FindingsSummary {
    /// The file (steward only).
    #[serde(skip)]
    pub path: PathBuf,
    /// Findings in total.
    pub total: u64,
    /// Per site, per category.
    pub by_site_category: BTreeMap<String, BTreeMap<String, u64>>,
    /// Per site, per rule.
    pub by_site_rule: BTreeMap<String, BTreeMap<String, u64>>,
    /// Distinct text digests of findings, with their count, for matching
    /// against digests of ordinary words (steward side only).
    #[serde(skip)]
    pub by_text_mac: BTreeMap<String, u64>,
}

/// The schema of `findings.parquet`.
pub fn findings_schema() -> SchemaRef {
    let text = |n: &str| Field::new(n, DataType::Utf8, false);
    Arc::new(Schema::new(vec![
        text("site"),
        text("message_pid"),
        text("field"),
        Field::new("start", DataType::Int32, false),
        Field::new("end", DataType::Int32, false),
        text("category"),
        text("rule"),
        text("text_mac"),
    ]))
}

/// Findings out of the intermediate de-identified batches (columns `site`,
/// `message_pid`, `findings`), sorted.
pub(crate) fn collect(batches: &[RecordBatch]) -> Vec<FindingRow> {
    let mut rows = Vec::new();
    for batch in batches {
        let (Some(sites), Some(pids), Some(lists)) = (
            batch.column_by_name("site"),
            batch.column_by_name("message_pid"),
            batch.column_by_name("findings"),
        ) else {
            continue;
        };
        let sites = sites.as_string::<i32>();
        let pids = pids.as_string::<i32>();
        let lists: &ListArray = lists.as_list::<i32>();
        for row in 0..batch.num_rows() {
            if lists.is_null(row) {
                continue;
            }
            let items = lists.value(row);
            let items: &StructArray = items.as_struct();
            let s = |i: usize| items.column(i).as_string::<i32>().clone();
            let n = |i: usize| items.column(i).as_primitive::<Int32Type>().clone();
            let (field, start, end, category, rule, mac) = (s(0), n(1), n(2), s(3), s(4), s(5));
            for i in 0..items.len() {
                rows.push(FindingRow {
                    site: sites.value(row).to_string(),
                    message_pid: if pids.is_null(row) {
                        String::new()
                    } else {
                        pids.value(row).to_string()
                    },
                    field: field.value(i).to_string(),
                    start: start.value(i),
                    end: end.value(i),
                    category: category.value(i).to_string(),
                    rule: rule.value(i).to_string(),
                    text_mac: mac.value(i).to_string(),
                });
            }
        }
    }
    rows.sort();
    rows
}

/// Writes the findings of `batches` beside `private/<study>/findings.parquet`
/// (the caller renames it into place with the release) and returns their
/// counts; `path` in the summary is the final name.
pub(crate) fn write_findings(
    batches: &[RecordBatch],
    private_dir: &Path,
) -> Result<FindingsSummary, ReleaseError> {
    let rows = collect(batches);
    std::fs::create_dir_all(private_dir).map_err(io(private_dir))?;
    // Written beside its final name and renamed when the release is put in
    // place, so private/ always matches the release in place.
    let path = private_dir.join(format!(".{FINDINGS_FILE}.partial-{}", std::process::id()));
    let text = |f: &dyn Fn(&FindingRow) -> &str| -> ArrayRef {
        Arc::new(StringArray::from_iter_values(rows.iter().map(f)))
    };
    let columns: Vec<ArrayRef> = vec![
        text(&|r| &r.site),
        text(&|r| &r.message_pid),
        text(&|r| &r.field),
        Arc::new(Int32Array::from_iter_values(rows.iter().map(|r| r.start))),
        Arc::new(Int32Array::from_iter_values(rows.iter().map(|r| r.end))),
        text(&|r| &r.category),
        text(&|r| &r.rule),
        text(&|r| &r.text_mac),
    ];
    let batch =
        RecordBatch::try_new(findings_schema(), columns).map_err(|e| ReleaseError::Parquet {
            path: path.clone(),
            source: e.into(),
        })?;
    let file = File::create(&path).map_err(io(&path))?;
    let parquet = |source| ReleaseError::Parquet {
        path: path.clone(),
        source,
    };
    let mut writer = ArrowWriter::try_new(
        file,
        findings_schema(),
        Some(crate::parquet_out::writer_properties()),
    )
    .map_err(parquet)?;
    writer.write(&batch).map_err(parquet)?;
    writer.close().map_err(parquet)?;
    Ok(summarize(&rows, path))
}

/// Renames a staged findings file (and any other staged private file) to
/// its final name.
pub(crate) fn put_in_place(staged: &Path, final_path: &Path) -> Result<(), ReleaseError> {
    std::fs::rename(staged, final_path).map_err(io(final_path))
}

fn summarize(rows: &[FindingRow], path: PathBuf) -> FindingsSummary {
    let mut summary = FindingsSummary {
        path,
        total: rows.len() as u64,
        ..FindingsSummary::default()
    };
    for r in rows {
        *summary
            .by_site_category
            .entry(r.site.clone())
            .or_default()
            .entry(r.category.clone())
            .or_default() += 1;
        *summary
            .by_site_rule
            .entry(r.site.clone())
            .or_default()
            .entry(r.rule.clone())
            .or_default() += 1;
        *summary.by_text_mac.entry(r.text_mac.clone()).or_default() += 1;
    }
    summary
}

/// Reads a findings file back (for `veil audit` on the steward's side).
pub fn read_findings(path: &Path) -> Result<FindingsSummary, ReleaseError> {
    let file = File::open(path).map_err(io(path))?;
    let parquet = |source| ReleaseError::Parquet {
        path: path.to_path_buf(),
        source,
    };
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .map_err(parquet)?
        .build()
        .map_err(parquet)?;
    let mut rows = Vec::new();
    for batch in reader {
        let batch = batch.map_err(|e| parquet(e.into()))?;
        let s = |i: usize| batch.column(i).as_string::<i32>().clone();
        let n = |i: usize| batch.column(i).as_primitive::<Int32Type>().clone();
        let (site, pid, field, start, end, category, rule, mac) =
            (s(0), s(1), s(2), n(3), n(4), s(5), s(6), s(7));
        for i in 0..batch.num_rows() {
            rows.push(FindingRow {
                site: site.value(i).to_string(),
                message_pid: pid.value(i).to_string(),
                field: field.value(i).to_string(),
                start: start.value(i),
                end: end.value(i),
                category: category.value(i).to_string(),
                rule: rule.value(i).to_string(),
                text_mac: mac.value(i).to_string(),
            });
        }
    }
    Ok(summarize(&rows, path.to_path_buf()))
}
