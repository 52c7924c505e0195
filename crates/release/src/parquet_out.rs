//! Writing a sorted stream of batches as one Parquet file per site.

use std::fs::File;
use std::path::{Path, PathBuf};

use arrow::array::{Array, AsArray, RecordBatch};
use arrow::datatypes::SchemaRef;
use datafusion::physical_plan::SendableRecordBatchStream;
use futures::StreamExt;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::SortingColumn;
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use veil_format::site_dir_name;

use crate::ReleaseError;
use crate::error::io;

/// Rows per Parquet row group: large enough to scan fast, small enough
/// that a reader can skip by statistics.
const ROW_GROUP_ROWS: usize = 128 * 1024;

pub(crate) fn writer_properties() -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::ZSTD(
            ZstdLevel::try_new(3).expect("valid zstd level"),
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

/// Writes `stream`, sorted by `site`, into `<release>/<table>/site=<s>/part-00000.parquet`.
pub(crate) async fn write_by_site(
    mut stream: SendableRecordBatchStream,
    release: &Path,
    table: &str,
    mut progress: impl FnMut(u64),
) -> Result<Written, ReleaseError> {
    let schema: SchemaRef = stream.schema();
    let mut written = Written::default();
    let mut current: Option<(String, PathBuf, ArrowWriter<File>)> = None;
    while let Some(batch) = stream.next().await {
        let batch = batch?;
        for (site, slice) in site_runs(&batch) {
            if current.as_ref().is_none_or(|(s, _, _)| *s != site) {
                if let Some((_, path, writer)) = current.take() {
                    writer
                        .close()
                        .map_err(|source| ReleaseError::Parquet { path, source })?;
                }
                let relative = format!("{table}/{}/part-00000.parquet", site_dir_name(&site));
                let path = release.join(&relative);
                std::fs::create_dir_all(path.parent().expect("has a parent")).map_err(io(&path))?;
                let file = File::create(&path).map_err(io(&path))?;
                let properties = sorted_properties(table, &schema);
                let writer = ArrowWriter::try_new(file, schema.clone(), Some(properties)).map_err(
                    |source| ReleaseError::Parquet {
                        path: path.clone(),
                        source,
                    },
                )?;
                written.files.push(relative);
                current = Some((site, path, writer));
            }
            let (_, path, writer) = current.as_mut().expect("a writer is open");
            writer
                .write(&slice)
                .map_err(|source| ReleaseError::Parquet {
                    path: path.clone(),
                    source,
                })?;
            written.rows += slice.num_rows() as u64;
            progress(written.rows);
        }
    }
    if let Some((_, path, writer)) = current.take() {
        writer
            .close()
            .map_err(|source| ReleaseError::Parquet { path, source })?;
    }
    Ok(written)
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
