//! Writing a table on a thread of its own: Parquet encoding and
//! compression of one table overlap the plan computing the next table or
//! the next run of patient ranges, so both cores stay busy.

use std::thread::JoinHandle;

use arrow::array::RecordBatch;
use datafusion::error::DataFusionError;
use tokio::sync::mpsc;

use crate::ReleaseError;

/// Batches queued for a writer thread before the plan waits for it.
const QUEUED_BATCHES: usize = 4;

/// Something that takes batches one after another and is then closed.
pub(crate) trait BatchSink: Send + 'static {
    /// What closing it gives.
    type Output: Send + 'static;
    /// Takes one batch.
    fn write(&mut self, batch: RecordBatch) -> Result<(), ReleaseError>;
    /// Closes it.
    fn finish(self) -> Result<Self::Output, ReleaseError>;
}

/// A [`BatchSink`] running on its own thread, fed through a bounded queue.
pub(crate) struct Background<T> {
    queue: Option<mpsc::Sender<RecordBatch>>,
    thread: Option<JoinHandle<Result<T, ReleaseError>>>,
}

impl<T: Send + 'static> Background<T> {
    /// Starts a thread named `name` that writes into `sink`.
    pub(crate) fn spawn<S: BatchSink<Output = T>>(
        name: &str,
        mut sink: S,
    ) -> Result<Background<T>, ReleaseError> {
        let (queue, mut batches) = mpsc::channel::<RecordBatch>(QUEUED_BATCHES);
        let thread = std::thread::Builder::new()
            .name(format!("veil-write-{name}"))
            .spawn(move || {
                while let Some(batch) = batches.blocking_recv() {
                    sink.write(batch)?;
                }
                sink.finish()
            })
            .map_err(|e| ReleaseError::Plan(DataFusionError::External(Box::new(e))))?;
        Ok(Background {
            queue: Some(queue),
            thread: Some(thread),
        })
    }

    /// Queues `batch`, waiting while the queue is full.
    pub(crate) async fn send(&mut self, batch: RecordBatch) -> Result<(), ReleaseError> {
        let queue = self.queue.as_ref().expect("open until finished");
        if queue.send(batch).await.is_err() {
            // The thread stopped early: its error says why.
            self.queue = None;
            return match self.join() {
                Err(e) => Err(e),
                Ok(_) => Err(stopped()),
            };
        }
        Ok(())
    }

    /// Waits for every queued batch to be written, closes the sink and
    /// returns what it gave.
    pub(crate) fn finish(mut self) -> Result<T, ReleaseError> {
        self.queue = None;
        self.join()
    }

    fn join(&mut self) -> Result<T, ReleaseError> {
        let thread = self.thread.take().ok_or_else(stopped)?;
        thread.join().map_err(|_| stopped())?
    }
}

fn stopped() -> ReleaseError {
    ReleaseError::Plan(DataFusionError::Internal(
        "a table writer stopped unexpectedly".into(),
    ))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use arrow::array::Int32Array;
    use arrow::datatypes::{DataType, Field, Schema};

    use super::*;

    struct Count {
        rows: usize,
        fail_at: usize,
    }

    impl BatchSink for Count {
        type Output = usize;
        fn write(&mut self, batch: RecordBatch) -> Result<(), ReleaseError> {
            self.rows += batch.num_rows();
            if self.rows >= self.fail_at {
                return Err(ReleaseError::Verify("full".into()));
            }
            Ok(())
        }
        fn finish(self) -> Result<usize, ReleaseError> {
            Ok(self.rows)
        }
    }

    fn batch() -> RecordBatch {
        let schema = Arc::new(Schema::new(vec![Field::new("n", DataType::Int32, false)]));
        RecordBatch::try_new(schema, vec![Arc::new(Int32Array::from(vec![1, 2, 3]))]).unwrap()
    }

    #[tokio::test]
    async fn every_batch_is_written_before_finish_returns() {
        let mut writer = Background::spawn(
            "t",
            Count {
                rows: 0,
                fail_at: usize::MAX,
            },
        )
        .unwrap();
        for _ in 0..100 {
            writer.send(batch()).await.unwrap();
        }
        assert_eq!(writer.finish().unwrap(), 300);
    }

    #[tokio::test]
    async fn the_writers_error_reaches_the_sender() {
        let mut writer = Background::spawn(
            "t",
            Count {
                rows: 0,
                fail_at: 30,
            },
        )
        .unwrap();
        let mut error = None;
        for _ in 0..100 {
            if let Err(e) = writer.send(batch()).await {
                error = Some(e);
                break;
            }
        }
        let error = match error {
            Some(e) => e,
            None => writer.finish().unwrap_err(),
        };
        assert!(error.to_string().contains("full"), "{error}");
    }
}
