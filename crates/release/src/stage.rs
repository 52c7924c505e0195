//! Staging a plan's output on disk: each output partition of a DataFrame
//! is written, in parallel, to its own Parquet file in the steward's
//! private scratch directory, and the files are registered back as one
//! table. The release tables are then planned over this table, so sorts
//! and aggregates read from disk and spill instead of holding every row.
//!
//! Only de-identified rows are staged (the output of the de-identification
//! plan): raw text never reaches the scratch directory through here.

use std::fs::File;
use std::path::{Path, PathBuf};

use datafusion::dataframe::DataFrame;
use datafusion::error::DataFusionError;
use datafusion::physical_plan::SendableRecordBatchStream;
use datafusion::prelude::{ParquetReadOptions, SessionContext};
use futures::StreamExt;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use tokio::task::JoinSet;

use crate::ReleaseError;
use crate::error::io;

/// Rows per row group of a staged file: small, because a writer holds a
/// whole row group of encoded pages in memory before it flushes it.
const STAGED_ROW_GROUP_ROWS: usize = 16 * 1024;

fn staged_properties() -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::ZSTD(
            ZstdLevel::try_new(1).expect("valid zstd level"),
        ))
        .set_max_row_group_row_count(Some(STAGED_ROW_GROUP_ROWS))
        .build()
}

/// Writes every output partition of `frame` to `<dir>/part-<i>.parquet`
/// and registers the files as `table` in `ctx`. Returns the rows staged.
pub(crate) async fn stage(
    ctx: &SessionContext,
    frame: DataFrame,
    dir: &Path,
    table: &str,
) -> Result<u64, ReleaseError> {
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let streams = frame.execute_stream_partitioned().await?;
    let mut writers = JoinSet::new();
    for (i, stream) in streams.into_iter().enumerate() {
        let path = dir.join(format!("part-{i:05}.parquet"));
        writers.spawn(write_stream(stream, path));
    }
    let mut rows = 0;
    while let Some(written) = writers.join_next().await {
        rows +=
            written.map_err(|e| ReleaseError::Plan(DataFusionError::External(Box::new(e))))??;
    }
    let options = ParquetReadOptions::default().file_extension(".parquet");
    ctx.register_parquet(table, &dir.display().to_string(), options)
        .await?;
    Ok(rows)
}

/// Writes one stream to one Parquet file.
async fn write_stream(
    mut stream: SendableRecordBatchStream,
    path: PathBuf,
) -> Result<u64, ReleaseError> {
    let parquet = |source| ReleaseError::Parquet {
        path: path.clone(),
        source,
    };
    let file = File::create(&path).map_err(io(&path))?;
    let mut writer =
        ArrowWriter::try_new(file, stream.schema(), Some(staged_properties())).map_err(parquet)?;
    let mut rows = 0;
    while let Some(batch) = stream.next().await {
        let batch = batch?;
        rows += batch.num_rows() as u64;
        writer.write(&batch).map_err(parquet)?;
    }
    writer.close().map_err(parquet)?;
    Ok(rows)
}
