//! The findings table: every detection of the scrubber (message pseudonym,
//! field, offsets, category, rule and a keyed digest of the matched text,
//! never the text), written to `private/<study>/findings.parquet` so a
//! steward can trace any redaction. The audit counts come from it.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow::array::{AsArray, RecordBatch};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::common::HashMap;
use parquet::arrow::ArrowWriter;
use parquet::schema::types::ColumnPath;
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
    /// Text digests of findings (their bytes, see [`text_mac_bytes`]),
    /// with their count, for matching against digests of ordinary words
    /// (steward side only). Read back from a findings file it holds every
    /// distinct digest; made by a release it holds those of findings whose
    /// text is one word of letters ([`crate::WordFindings`]), the only ones
    /// an ordinary word can match, so it does not grow with the export.
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
            Some(
                // A message's pseudonym recurs only for its few findings, in
                // one run: a dictionary of them grows past its limit in
                // every row group and is given up.
                crate::parquet_out::writer_properties()
                    .into_builder()
                    .set_column_dictionary_enabled(ColumnPath::from("message_pid"), false)
                    .build(),
            ),
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
        summarize_batch(&batch, &mut self.summary, false);
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

/// Adds the findings of one batch of [`findings_schema`] to `summary`:
/// counted per batch in hash maps of borrowed keys, then added to the
/// sorted maps once per distinct key.
fn summarize_batch(batch: &RecordBatch, summary: &mut FindingsSummary, text_macs: bool) {
    fn add(map: &mut BTreeMap<String, BTreeMap<String, u64>>, counted: HashMap<(&str, &str), u64>) {
        for ((site, key), n) in counted {
            let per_site = match map.get_mut(site) {
                Some(per_site) => per_site,
                None => map.entry(site.to_string()).or_default(),
            };
            match per_site.get_mut(key) {
                Some(total) => *total += n,
                None => {
                    per_site.insert(key.to_string(), n);
                }
            }
        }
    }
    let s = |i: usize| batch.column(i).as_string::<i32>();
    let (sites, category, rule, mac) = (s(0), s(5), s(6), s(7));
    let mut by_category = HashMap::default();
    let mut by_rule = HashMap::default();
    for i in 0..batch.num_rows() {
        let site = sites.value(i);
        *by_category.entry((site, category.value(i))).or_default() += 1;
        *by_rule.entry((site, rule.value(i))).or_default() += 1;
        if text_macs && let Some(mac) = text_mac_bytes(mac.value(i)) {
            *summary.by_text_mac.entry(mac).or_default() += 1;
        }
    }
    summary.total += batch.num_rows() as u64;
    add(&mut summary.by_site_category, by_category);
    add(&mut summary.by_site_rule, by_rule);
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
        summarize_batch(&batch, &mut summary, true);
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::{ArrayRef, Int32Array, StringArray};

    type Row = (&'static str, &'static str, &'static str, &'static str);

    fn batch(rows: &[Row]) -> RecordBatch {
        let text = |pick: fn(&Row) -> &'static str| -> ArrayRef {
            Arc::new(StringArray::from_iter_values(rows.iter().map(pick)))
        };
        let zeros: ArrayRef = Arc::new(Int32Array::from(vec![0; rows.len()]));
        RecordBatch::try_new(
            findings_schema(),
            vec![
                text(|r| r.0),
                text(|_| "m"),
                text(|_| "body"),
                zeros.clone(),
                zeros,
                text(|r| r.1),
                text(|r| r.2),
                text(|r| r.3),
            ],
        )
        .expect("batch")
    }

    #[test]
    fn summaries_count_per_site_category_rule_and_text_over_batches() {
        let mac_a = "00112233445566778899aabbccddeeff";
        let mac_b = "ffeeddccbbaa99887766554433221100";
        let first = [
            ("s1", "DATE", "date.numeric", mac_a),
            ("s2", "DATE", "date.numeric", mac_a),
            ("s1", "DATE", "date.month_name", mac_b),
            ("s1", "PHONE", "phone.nl", "not hex"),
        ];
        let second = [("s1", "DATE", "date.numeric", mac_b)];
        let mut summary = FindingsSummary::default();
        summarize_batch(&batch(&first), &mut summary, true);
        summarize_batch(&batch(&second), &mut summary, true);
        assert_eq!(summary.total, 5);
        let count = |map: &BTreeMap<String, BTreeMap<String, u64>>, site: &str, key: &str| {
            map.get(site).and_then(|m| m.get(key)).copied()
        };
        assert_eq!(count(&summary.by_site_category, "s1", "DATE"), Some(3));
        assert_eq!(count(&summary.by_site_category, "s1", "PHONE"), Some(1));
        assert_eq!(count(&summary.by_site_category, "s2", "DATE"), Some(1));
        assert_eq!(count(&summary.by_site_category, "s2", "PHONE"), None);
        assert_eq!(count(&summary.by_site_rule, "s1", "date.numeric"), Some(2));
        assert_eq!(
            count(&summary.by_site_rule, "s1", "date.month_name"),
            Some(1)
        );
        assert_eq!(summary.by_text_mac.len(), 2);
        assert_eq!(summary.by_text_mac[&text_mac_bytes(mac_a).unwrap()], 2);
        assert_eq!(summary.by_text_mac[&text_mac_bytes(mac_b).unwrap()], 2);

        let mut without = FindingsSummary::default();
        summarize_batch(&batch(&first), &mut without, false);
        assert_eq!(without.by_site_rule, {
            let mut only_first = FindingsSummary::default();
            summarize_batch(&batch(&first), &mut only_first, true);
            only_first.by_site_rule
        });
        assert!(without.by_text_mac.is_empty());
    }
}
