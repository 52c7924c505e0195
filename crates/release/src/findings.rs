//! The findings table: every detection of the scrubber (message pseudonym,
//! field, offsets, category, rule and a keyed digest of the matched text,
//! never the text), written to `private/<study>/findings.parquet` so a
//! steward can trace any redaction. The audit counts come from it.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow::array::{AsArray, RecordBatch};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use serde::Serialize;

use crate::ReleaseError;
use crate::background::BatchSink;
use crate::error::io;
use crate::parquet_out::Rechunker;

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
    /// Distinct text digests of findings (their bytes, see
    /// [`text_mac_bytes`]), with their count, for matching
    /// against digests of ordinary words (steward side only).
    #[serde(skip)]
    pub by_text_mac: HashMap<[u8; 16], u64>,
}

/// The 16 bytes of a text MAC written in hex (`None` if it is not one):
/// the key of [`FindingsSummary::by_text_mac`], a third of the memory of
/// the hex text, which counts in an export of millions of findings.
pub(crate) fn text_mac_bytes(hex_mac: &str) -> Option<[u8; 16]> {
    let mut bytes = [0u8; 16];
    hex::decode_to_slice(hex_mac, &mut bytes).ok()?;
    Some(bytes)
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

/// The SQL that lists every finding of the staged de-identified table
/// `deid` (columns `site`, `message_pid`, `findings`) as rows of
/// [`findings_schema`], or `None` when the table has no findings column.
/// They are sorted as the messages are (site, patient, time, message),
/// then on every column, so the findings of a release made one patient
/// range at a time come out in the same order as those of one made at once.
pub(crate) fn findings_sql(deid: &str, columns: &[String]) -> Option<String> {
    let has = |c: &str| columns.iter().any(|n| n == c);
    if !(has("site") && has("patient_pid") && has("message_pid") && has("findings")) {
        return None;
    }
    let field = |name: &str| format!("get_field(f, '{name}') AS \"{name}\"");
    // In the messages' order (site, patient, time, message), then on every
    // column: the order a run of patient ranges lists them in
    // (`crate::run_findings`).
    let time = if has("sent_at") { "sent_at, " } else { "" };
    Some(format!(
        "SELECT site, coalesce(m_pid, '') AS message_pid, {}, {}, {}, {}, {}, {} \
         FROM (SELECT site, patient_pid, {time}message_pid AS m_pid, unnest(findings) AS f FROM {deid} WHERE findings IS NOT NULL) \
         ORDER BY site, patient_pid, {time}m_pid, 3, 4, 5, 6, 7, 8",
        field("field"),
        field("start"),
        field("end"),
        field("category"),
        field("rule"),
        field("text_mac"),
    ))
}

/// Writes findings (rows of [`findings_sql`], arriving in its order,
/// possibly over many runs) beside `private/<study>/findings.parquet`
/// (the caller renames it into place with the release) and counts them.
pub(crate) struct FindingsWriter {
    writer: ArrowWriter<File>,
    chunks: Rechunker,
    summary: FindingsSummary,
}

impl FindingsWriter {
    /// Opens the staged findings file in `private_dir`.
    pub(crate) fn create(private_dir: &Path) -> Result<FindingsWriter, ReleaseError> {
        std::fs::create_dir_all(private_dir).map_err(io(private_dir))?;
        // Written beside its final name and renamed when the release is put in
        // place, so private/ always matches the release in place.
        let path = private_dir.join(format!(".{FINDINGS_FILE}.partial-{}", std::process::id()));
        let file = File::create(&path).map_err(io(&path))?;
        let writer = ArrowWriter::try_new(
            file,
            findings_schema(),
            Some(crate::parquet_out::writer_properties()),
        )
        .map_err(|source| ReleaseError::Parquet {
            path: path.clone(),
            source,
        })?;
        Ok(FindingsWriter {
            writer,
            chunks: Rechunker::default(),
            summary: FindingsSummary {
                path,
                ..FindingsSummary::default()
            },
        })
    }

    fn error(&self, source: parquet::errors::ParquetError) -> ReleaseError {
        ReleaseError::Parquet {
            path: self.summary.path.clone(),
            source,
        }
    }

    /// Writes one batch of [`findings_sql`] rows.
    pub(crate) fn write(&mut self, batch: RecordBatch) -> Result<(), ReleaseError> {
        // The plan's columns are nullable; the stored schema says none is null.
        let batch = RecordBatch::try_new(findings_schema(), batch.columns().to_vec())
            .map_err(|e| self.error(e.into()))?;
        summarize_batch(&batch, &mut self.summary);
        let ready = self.chunks.push(batch).map_err(|e| self.error(e.into()))?;
        for batch in ready {
            self.writer.write(&batch).map_err(|e| self.error(e))?;
        }
        Ok(())
    }

    /// Closes the file; returns the counts (`path` is the staged file).
    pub(crate) fn finish(mut self) -> Result<FindingsSummary, ReleaseError> {
        if let Some(batch) = self.chunks.finish().map_err(|e| self.error(e.into()))? {
            self.writer.write(&batch).map_err(|e| self.error(e))?;
        }
        let path = self.summary.path.clone();
        self.writer
            .close()
            .map_err(|source| ReleaseError::Parquet { path, source })?;
        Ok(self.summary)
    }
}

impl BatchSink for FindingsWriter {
    type Output = FindingsSummary;

    fn write(&mut self, batch: RecordBatch) -> Result<(), ReleaseError> {
        FindingsWriter::write(self, batch)
    }

    fn finish(self) -> Result<FindingsSummary, ReleaseError> {
        FindingsWriter::finish(self)
    }
}

/// Renames a staged findings file (and any other staged private file) to
/// its final name.
pub(crate) fn put_in_place(staged: &Path, final_path: &Path) -> Result<(), ReleaseError> {
    std::fs::rename(staged, final_path).map_err(io(final_path))
}

/// Adds the findings of one batch of [`findings_schema`] to `summary`
/// (allocating only for a key not seen before).
fn summarize_batch(batch: &RecordBatch, summary: &mut FindingsSummary) {
    fn bump(map: &mut BTreeMap<String, u64>, key: &str) {
        match map.get_mut(key) {
            Some(n) => *n += 1,
            None => {
                map.insert(key.to_string(), 1);
            }
        }
    }
    fn site<'a>(
        map: &'a mut BTreeMap<String, BTreeMap<String, u64>>,
        key: &str,
    ) -> &'a mut BTreeMap<String, u64> {
        if !map.contains_key(key) {
            map.insert(key.to_string(), BTreeMap::new());
        }
        map.get_mut(key).expect("just inserted")
    }
    let s = |i: usize| batch.column(i).as_string::<i32>();
    let (sites, category, rule, mac) = (s(0), s(5), s(6), s(7));
    for i in 0..batch.num_rows() {
        summary.total += 1;
        bump(
            site(&mut summary.by_site_category, sites.value(i)),
            category.value(i),
        );
        bump(
            site(&mut summary.by_site_rule, sites.value(i)),
            rule.value(i),
        );
        if let Some(mac) = text_mac_bytes(mac.value(i)) {
            *summary.by_text_mac.entry(mac).or_default() += 1;
        }
    }
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
    let mut summary = FindingsSummary {
        path: path.to_path_buf(),
        ..FindingsSummary::default()
    };
    for batch in reader {
        let batch = batch.map_err(|e| parquet(e.into()))?;
        summarize_batch(&batch, &mut summary);
    }
    Ok(summary)
}
