//! The second pass of a release: the sources re-opened and streamed into
//! the de-identification plan as a DataFusion table, a few batches at a
//! time, so no more than a handful of canonical batches is ever in memory.
//!
//! The sources of one table are read one after another on a blocking
//! thread, in the pipeline's order, with the rows the first pass found to
//! repeat a message id quarantined by their lines (no id is held), so the
//! same rows pass. The counts of this pass are kept so the caller can check
//! them against the first.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use arrow::datatypes::SchemaRef;
use datafusion::catalog::streaming::StreamingTable;
use datafusion::error::DataFusionError;
use datafusion::execution::TaskContext;
use datafusion::physical_plan::SendableRecordBatchStream;
use datafusion::physical_plan::stream::RecordBatchReceiverStreamBuilder;
use datafusion::physical_plan::streaming::PartitionStream;
use veil_ingest::{Counts, IngestOptions, SourceReader};
use veil_pipeline::{Pipeline, SourceKind};

use crate::ReleaseError;

/// Batches read ahead of the plan.
const READ_AHEAD: usize = 4;

/// Counts of the second pass, per source name, filled as sources end.
pub(crate) type PassCounts = Arc<Mutex<Vec<(String, Counts)>>>;

/// The sources of one kind, to be read once by the plan.
#[derive(Debug)]
struct SourcePartition {
    schema: SchemaRef,
    readers: Mutex<Option<Vec<(String, SourceReader)>>>,
    counts: PassCounts,
}

impl PartitionStream for SourcePartition {
    fn schema(&self) -> &SchemaRef {
        &self.schema
    }

    fn execute(&self, _ctx: Arc<TaskContext>) -> SendableRecordBatchStream {
        let readers = self
            .readers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        let counts = self.counts.clone();
        let mut builder = RecordBatchReceiverStreamBuilder::new(self.schema.clone(), READ_AHEAD);
        let tx = builder.tx();
        builder.spawn_blocking(move || {
            let Some(readers) = readers else {
                return Err(DataFusionError::Execution(
                    "the sources of a release are streamed once".into(),
                ));
            };
            for (name, mut reader) in readers {
                while let Some(chunk) = reader
                    .next_chunk()
                    .map_err(|e| DataFusionError::External(Box::new(e)))?
                {
                    if chunk.batch.num_rows() > 0 && tx.blocking_send(Ok(chunk.batch)).is_err() {
                        return Ok(()); // the plan stopped reading
                    }
                }
                counts
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((name, reader.counts().clone()));
            }
            Ok(())
        });
        builder.build()
    }
}

/// A table streaming the rows that pass of every source of `kind`, with
/// `schema` (the canonical or the logins schema), and the counts this pass
/// will have read when the table has been scanned to its end. `duplicates`
/// holds, per source name, the duplicate message ids the first pass found
/// (see [`crate::survey::Survey::duplicates`]).
pub(crate) fn source_table(
    pipeline: &Pipeline,
    kind: SourceKind,
    schema: SchemaRef,
    options: &IngestOptions,
    duplicates: &HashMap<String, Vec<(u64, u64)>>,
) -> Result<(Arc<StreamingTable>, PassCounts), ReleaseError> {
    let mut readers = Vec::new();
    for source in pipeline.sources.iter().filter(|s| s.kind == kind) {
        let mut reader = SourceReader::open(pipeline, source, options)?;
        reader.known_duplicates(duplicates.get(&source.name).map_or(&[], Vec::as_slice));
        readers.push((source.name.clone(), reader));
    }
    let counts = PassCounts::default();
    let partition = SourcePartition {
        schema: schema.clone(),
        readers: Mutex::new(Some(readers)),
        counts: counts.clone(),
    };
    let table = StreamingTable::try_new(schema, vec![Arc::new(partition)])?;
    Ok((Arc::new(table), counts))
}
