//! veil-ingest: portal exports to canonical Arrow record batches, with a
//! quarantine for every row that cannot be passed on.
//!
//! A [`SourceReader`] reads one export as its pipeline source describes it
//! (delimiter, encoding, column mapping, timestamp format and time zone) and
//! yields [`Chunk`]s: a record batch in the [`canonical_schema`] plus the rows
//! of that stretch that were quarantined, each with its line, column and
//! [`Reason`]. Nothing is dropped silently: at the end,
//! `rows_read == rows_passed + rows_quarantined` ([`Counts`]).
//!
//! Sources with `kind = "logins"` (portal login events) yield batches in
//! [`logins_schema`] instead, under the same quarantine and reconciliation
//! rules; [`SourceReader::schema`] says which.
//!
//! The header is checked when the reader opens, before any row is read: a
//! mapped column the export lacks stops the run with the columns it has and
//! the closest match.
//!
//! ```no_run
//! use veil_ingest::{IngestOptions, SourceReader};
//! use veil_pipeline::Pipeline;
//!
//! let pipeline = Pipeline::load("pipelines/demo.toml".as_ref())?;
//! let mut reader = SourceReader::open(&pipeline, &pipeline.sources[0], &IngestOptions::default())?;
//! while let Some(chunk) = reader.next_chunk()? {
//!     println!("{} rows passed, {} quarantined", chunk.batch.num_rows(), chunk.quarantined.len());
//! }
//! assert!(reader.counts().reconciles());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod decode;
mod dedup;
mod error;
mod logins;
mod reader;
mod reason;
mod record;
mod row;
#[cfg(test)]
mod tests;
mod timestamp;
mod validate;

pub use dedup::{SeenIds, SiteIds};
pub use error::IngestError;
pub use logins::logins_schema;
pub use reader::{Chunk, Counts, FlaggedRow, IngestOptions, QuarantinedRow, SourceReader};
pub use reason::Reason;
pub use record::canonical_schema;
