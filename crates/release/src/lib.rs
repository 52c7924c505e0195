//! veil-release: a pipeline's policy compiled to a DataFusion plan, run over
//! the canonical records, and written as a verified Parquet release.
//!
//! The de-identification is one DataFusion plan ([`messages_sql`]) built from
//! the pipeline's column policy with veil's scalar UDFs (`veil_pseudonym`,
//! `veil_shift`, `veil_scrub`), so only declared columns reach the release and
//! the same plan can later run on a cluster. The release is written beside
//! its target, recorded in `manifest.json` (sha256 of every file, key
//! fingerprint, row reconciliation), verified and then renamed into place.
//! Quarantined rows go to `private/<study>/quarantine/`, never into the
//! release.
//!
//! ```no_run
//! use std::sync::Arc;
//! use veil_pipeline::Pipeline;
//! use veil_pseudonym::Key;
//! use veil_release::{ReleaseOptions, release};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let pipeline = Pipeline::load("pipelines/demo.toml".as_ref())?;
//! let key = Arc::new(Key::from_file("fixtures/keys/demo.key".as_ref())?);
//! let summary = release(&pipeline, key, &ReleaseOptions::default(), &mut |_| {}).await?;
//! assert!(summary.release_dir.join("manifest.json").is_file());
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

mod error;
mod parquet_out;
mod plan;
mod quarantine;
mod release;
mod roster;
mod udf;

pub use error::ReleaseError;
pub use plan::{RAW_TABLE, messages_sql};
pub use release::{Progress, ReleaseOptions, ReleaseSummary, SourceSummary, release, study_dirs};
pub use udf::{PseudonymUdf, ScrubUdf, ShiftUdf, scrubbed_fields};
