//! Writing a sorted stream of batches as one Parquet file per site.

use std::fs::File;
use std::path::{Path, PathBuf};

use arrow::array::{Array, AsArray, RecordBatch};
use arrow::datatypes::SchemaRef;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::SortingColumn;
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use parquet::schema::types::ColumnPath;
use veil_format::{MESSAGES_TABLE, site_dir_name};

use crate::ReleaseError;
use crate::error::io;

/// Columns of scrubbed free text.
const TEXT_COLUMNS: [&str; 2] = ["subject", "body"];

/// Rows per Parquet row group: large enough to scan fast, small enough
/// that a reader can skip by statistics.
const ROW_GROUP_ROWS: usize = 128 * 1024;

pub(crate) fn writer_properties() -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::ZSTD(
            ZstdLevel::try_new(1).expect("valid zstd level"),
        ))
        .set_statistics_enabled(EnabledStatistics::Page)
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        .set_created_by(format!("veil {}", veil_format::TOOL_VERSION))
        .build()
}

/// The writer properties of a release table: [`writer_properties`] plus
/// the sort order recorded in the file (the documented order's longest
/// prefix whose columns the file has), so readers can rely on it.
fn sorted_properties(table: &str, schema: &SchemaRef) -> WriterProperties {
    let mut sorting = Vec::new();
    if let Some(doc) = veil_format::table(table) {
        for name in doc.sorted_by.split(", ") {
            match schema.index_of(name) {
                Ok(index) => sorting.push(SortingColumn {
                    column_idx: index as i32,
                    descending: false,
                    nulls_first: false,
                }),
                Err(_) => break,
            }
        }
    }
    let mut builder = writer_properties().into_builder();
    // Free text is unique per message and nobody filters on it: no
    // dictionary to try and give up on, no page minimum and maximum.
    for text in TEXT_COLUMNS {
        if schema.index_of(text).is_ok() {
            let path = ColumnPath::from(text);
            builder = builder
                .set_column_dictionary_enabled(path.clone(), false)
                .set_column_statistics_enabled(path, EnabledStatistics::None);
        }
    }
    // A message's pseudonym is unique in the messages table.
    if table == MESSAGES_TABLE {
        builder = builder.set_column_dictionary_enabled(ColumnPath::from("message_pid"), false);
    }
    if !sorting.is_empty() {
        builder = builder.set_sorting_columns(Some(sorting));
    }
    builder.build()
}

/// Files written for one table.
#[derive(Debug, Default)]
pub(crate) struct Written {
    /// Paths relative to the release, `/`-separated.
    pub files: Vec<String>,
    /// Rows written.
    pub rows: u64,
}

/// Rows per batch handed to a Parquet writer. Batches of a fixed size
/// make the file's pages the same whatever batches the plan produced (a
/// writer cuts pages at batch boundaries), so a release made in patient
/// ranges is byte-identical to one made at once.
pub(crate) const WRITE_BATCH_ROWS: usize = 8192;

/// Cuts a stream of batches into batches of exactly [`WRITE_BATCH_ROWS`]
/// rows (the last one shorter).
#[derive(Default)]
pub(crate) struct Rechunker {
    pending: Vec<RecordBatch>,
    rows: usize,
}

impl Rechunker {
    /// Takes `batch`; returns the full batches now ready.
    pub(crate) fn push(
        &mut self,
        batch: RecordBatch,
    ) -> Result<Vec<RecordBatch>, arrow::error::ArrowError> {
        self.rows += batch.num_rows();
        self.pending.push(batch);
        let mut ready = Vec::new();
        if self.rows < WRITE_BATCH_ROWS {
            return Ok(ready);
        }
        let schema = self.pending[0].schema();
        let all = arrow::compute::concat_batches(&schema, &self.pending)?;
        let mut start = 0;
        while all.num_rows() - start >= WRITE_BATCH_ROWS {
            ready.push(all.slice(start, WRITE_BATCH_ROWS));
            start += WRITE_BATCH_ROWS;
        }
        self.rows = all.num_rows() - start;
        self.pending = if self.rows > 0 {
            vec![all.slice(start, self.rows)]
        } else {
            Vec::new()
        };
        Ok(ready)
    }

    /// The rows left, as one batch, if any.
    pub(crate) fn finish(&mut self) -> Result<Option<RecordBatch>, arrow::error::ArrowError> {
        if self.rows == 0 {
            return Ok(None);
        }
        let schema = self.pending[0].schema();
        let all = arrow::compute::concat_batches(&schema, &self.pending)?;
        self.pending.clear();
        self.rows = 0;
        Ok(Some(all))
    }
}

/// One site's open file of a table.
struct SiteFile {
    site: String,
    path: PathBuf,
    writer: ArrowWriter<File>,
    chunks: Rechunker,
}

impl SiteFile {
    fn write(&mut self, batch: RecordBatch) -> Result<(), ReleaseError> {
        let ready = self.chunks.push(batch).map_err(|e| self.error(e.into()))?;
        for batch in ready {
            self.writer.write(&batch).map_err(|e| self.error(e))?;
        }
        Ok(())
    }

    fn close(mut self) -> Result<(), ReleaseError> {
        if let Some(batch) = self.chunks.finish().map_err(|e| self.error(e.into()))? {
            self.writer.write(&batch).map_err(|e| self.error(e))?;
        }
        let path = self.path;
        self.writer
            .close()
            .map_err(|source| ReleaseError::Parquet { path, source })?;
        Ok(())
    }

    fn error(&self, source: parquet::errors::ParquetError) -> ReleaseError {
        ReleaseError::Parquet {
            path: self.path.clone(),
            source,
        }
    }
}

/// Writes one release table, whose rows arrive sorted by `site` (possibly
/// over many streams, one patient range after another), into
/// `<release>/<table>/site=<s>/part-00000.parquet`.
pub(crate) struct TableWriter {
    release: PathBuf,
    table: String,
    current: Option<SiteFile>,
    written: Written,
}

impl TableWriter {
    /// A writer of `table` under `release`; no file is made before a row.
    pub(crate) fn new(release: &Path, table: &str) -> TableWriter {
        TableWriter {
            release: release.to_path_buf(),
            table: table.to_string(),
            current: None,
            written: Written::default(),
        }
    }

    /// Rows written so far.
    pub(crate) fn rows(&self) -> u64 {
        self.written.rows
    }

    /// Writes one batch, sorted by `site` and following what came before.
    pub(crate) fn write(&mut self, batch: &RecordBatch) -> Result<(), ReleaseError> {
        for (site, slice) in site_runs(batch) {
            if self.current.as_ref().is_none_or(|f| f.site != site) {
                if let Some(file) = self.current.take() {
                    file.close()?;
                }
                self.current = Some(self.open(site, &slice.schema())?);
            }
            self.written.rows += slice.num_rows() as u64;
            self.current
                .as_mut()
                .expect("a file is open")
                .write(slice)?;
        }
        Ok(())
    }

    fn open(&mut self, site: String, schema: &SchemaRef) -> Result<SiteFile, ReleaseError> {
        let relative = format!("{}/{}/part-00000.parquet", self.table, site_dir_name(&site));
        if self.written.files.contains(&relative) {
            return Err(ReleaseError::Verify(format!(
                "the rows of `{}` for site `{site}` did not arrive together",
                self.table
            )));
        }
        let path = self.release.join(&relative);
        std::fs::create_dir_all(path.parent().expect("has a parent")).map_err(io(&path))?;
        let file = File::create(&path).map_err(io(&path))?;
        let properties = sorted_properties(&self.table, schema);
        let writer =
            ArrowWriter::try_new(file, schema.clone(), Some(properties)).map_err(|source| {
                ReleaseError::Parquet {
                    path: path.clone(),
                    source,
                }
            })?;
        self.written.files.push(relative);
        Ok(SiteFile {
            site,
            path,
            writer,
            chunks: Rechunker::default(),
        })
    }

    /// Closes the last file; returns what was written.
    pub(crate) fn finish(mut self) -> Result<Written, ReleaseError> {
        if let Some(file) = self.current.take() {
            file.close()?;
        }
        Ok(self.written)
    }
}

/// Splits a batch sorted by `site` into one slice per run of equal sites.
fn site_runs(batch: &RecordBatch) -> Vec<(String, RecordBatch)> {
    let sites = batch
        .column_by_name("site")
        .expect("release tables have a site column")
        .as_string::<i32>();
    let mut runs = Vec::new();
    let mut start = 0;
    for row in 1..=sites.len() {
        if row == sites.len() || sites.value(row) != sites.value(start) {
            runs.push((
                sites.value(start).to_string(),
                batch.slice(start, row - start),
            ));
            start = row;
        }
    }
    debug_assert!(sites.null_count() == 0);
    runs
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use arrow::array::{Int64Array, StringArray};
    use arrow::datatypes::{DataType, Field, Schema};

    use super::*;

    fn batch(sites: &[&str], from: i64) -> RecordBatch {
        let schema = Arc::new(Schema::new(vec![
            Field::new("site", DataType::Utf8, false),
            Field::new("n", DataType::Int64, false),
        ]));
        let n: Int64Array = (from..from + sites.len() as i64).collect();
        RecordBatch::try_new(
            schema,
            vec![Arc::new(StringArray::from(sites.to_vec())), Arc::new(n)],
        )
        .unwrap()
    }

    #[test]
    fn batches_are_cut_to_a_fixed_size_whatever_arrives() {
        let mut chunks = Rechunker::default();
        let sizes: Vec<usize> = [5000, 5000, 10_000, 3]
            .into_iter()
            .scan(0i64, |from, n| {
                let b = batch(&vec!["a"; n], *from);
                *from += n as i64;
                Some(chunks.push(b).unwrap())
            })
            .flatten()
            .map(|b| b.num_rows())
            .collect();
        assert_eq!(sizes, [WRITE_BATCH_ROWS, WRITE_BATCH_ROWS]);
        let rest = chunks.finish().unwrap().unwrap();
        assert_eq!(rest.num_rows(), 20_003 - 2 * WRITE_BATCH_ROWS);
        // The rows keep their order.
        let n = rest.column(1).as_primitive::<arrow::datatypes::Int64Type>();
        assert_eq!(n.value(0), 2 * WRITE_BATCH_ROWS as i64);
        assert!(chunks.finish().unwrap().is_none());
    }

    #[test]
    fn a_table_written_over_many_runs_has_one_file_per_site() {
        let dir = tempfile::tempdir().unwrap();
        let mut writer = TableWriter::new(dir.path(), "messages");
        writer.write(&batch(&["a", "a", "b"], 0)).unwrap();
        writer.write(&batch(&["b", "c"], 3)).unwrap();
        assert_eq!(writer.rows(), 5);
        let written = writer.finish().unwrap();
        assert_eq!(written.files.len(), 3);
        assert!(dir.path().join(&written.files[1]).is_file());
        // A site that comes back after another is refused, not split.
        let mut writer = TableWriter::new(dir.path(), "threads");
        writer.write(&batch(&["a", "b"], 0)).unwrap();
        assert!(writer.write(&batch(&["a"], 2)).is_err());
    }
}
