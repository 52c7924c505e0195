//! veil-release: a pipeline's policy compiled to a DataFusion plan, run over
//! the canonical records, and written as a verified Parquet release.
//!
//! The de-identification is one DataFusion plan ([`deid_sql`]) built from
//! the pipeline's column policy with veil's scalar UDFs (`veil_pseudonym`,
//! `veil_shift`, `veil_scrub`, `veil_birth`), so only declared columns reach
//! the release and the same plan can later run on a cluster. The release
//! tables (`messages`, `patients`, `threads`, `logins`) are SQL over its
//! de-identified output only. Every scrubber finding goes to
//! `private/<study>/findings.parquet`. The release is written beside its target, recorded in `manifest.json` (sha256 of every file, key
//! fingerprint, row reconciliation), verified and then renamed into place.
//!
//! Memory stays bounded whatever the size of the export: a first pass
//! reads the sources for the quarantine, the counts and the roster of
//! names, keeping no row; a second pass streams them through the per-row
//! plan ([`rows_sql`]) into buckets by site and patient-pseudonym range
//! (de-identified rows only) in the steward's private scratch directory.
//! Every table is sorted by site and patient first, so the tables are made
//! one run of ranges at a time ([`window_sql`], then each table's SQL over
//! the run's rows in memory) and appended: the same bytes as a release made
//! at once, with one run's rows in memory ([`ReleaseOptions::memory_limit`]
//! sets the run size and the pool whose sorts spill to the same directory).
//! Threads that cross patients fall back to one run over the staged rows,
//! with DataFusion's spilling sorts.
//! Quarantined rows go to `private/<study>/quarantine/`, never into the
//! release.
//!
//! Around the release: [`verify`] (hashes, schema, declared treatments and,
//! on the steward's side, a leak scan of every text column against the raw
//! export), the audit ([`compute_audit`]: redactions from the findings table,
//! kept tokens, re-identification risk of the patients table with
//! k-anonymity by [`enforce`]), and human review ([`draw_sample`],
//! [`score`] with [`clopper_pearson_upper`]).
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
//!
//! let report = veil_release::verify(&summary.release_dir, Default::default())?;
//! assert!(report.ok());
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

mod audit;
mod audit_html;
mod background;
mod birth_udf;
mod buckets;
mod coarse_time;
mod error;
mod findings;
mod ordinary_words;
mod parquet_out;
mod plan;
mod quarantine;
mod release;
mod review;
mod risk;
mod roster;
mod run;
mod run_findings;
mod scrub_udf;
mod session;
mod sort_keys;
mod source_table;
mod stage;
mod staging;
mod stats;
mod survey;
mod tables;
mod thread_window;
mod udf;
mod verify;

pub use audit::{
    AUDIT_HTML, AUDIT_JSON, Audit, KAnonymity, Redactions, compute_audit, read_audit,
    removed_words, write_audit,
};
pub use birth_udf::{BirthUdf, birth_fields};
pub use error::ReleaseError;
pub use findings::{FINDINGS_FILE, FindingRow, FindingsSummary, findings_schema, read_findings};
pub use plan::{
    DEID_LOGINS_TABLE, DEID_ROWS_TABLE, DEID_TABLE, INTERNAL_COLUMNS, RAW_LOGINS_TABLE, RAW_TABLE,
    birth_released, deid_logins_sql, deid_sql, logins_sql, message_order, messages_sql,
    patients_sql, rows_sql, select_sql, thread_window, threads_sql, weekday_released, window_sql,
};
pub use release::{Progress, ReleaseOptions, ReleaseSummary, SourceSummary, release, study_dirs};
pub use review::{ReviewItem, ReviewScore, draw_sample, score, write_review};
pub use risk::{QUASI_IDENTIFIERS, RiskReport, activity_band, enforce, measure, widen_band};
pub use scrub_udf::{ScrubUdf, WordFindings, finding_fields, scrubbed_fields};
pub use session::{DEFAULT_MEMORY_LIMIT, MIN_MEMORY_LIMIT};
pub use stats::{beta_quantile, clopper_pearson_upper, incomplete_beta};
pub use udf::{PseudonymUdf, ShiftUdf};
pub use verify::{
    MIN_PROTECTED_CHARS, StewardSide, VerifyProblem, VerifyReport, default_private_dir, verify,
    verify_with_progress,
};
