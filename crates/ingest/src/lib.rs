//! veil-ingest: portal exports to canonical Arrow record batches, with a
//! quarantine for every row that cannot be passed on.
//!
//! A [`SourceReader`] reads one export as its pipeline source describes it
//! and yields [`Chunk`]s: a record batch in the [`canonical_schema`] plus the
//! rows of that stretch that were quarantined, each with its line (record
//! number for JSON), column and [`Reason`]. Nothing is dropped silently: at
//! the end, `rows_read == rows_passed + rows_quarantined` ([`Counts`]).
//!
//! Formats (`format` in the source):
//! - `csv`: delimited text (`,` `;` tab `|`), header row mapped to canonical
//!   columns, quoted fields with embedded newlines and quotes, BOM, CRLF/LF;
//! - `jsonl`: JSON Lines, each canonical column mapped to a field or a
//!   dotted path;
//! - `fhir`: FHIR R4 Communication NDJSON of a bulk-data export, with the
//!   Patient, Practitioner, PractitionerRole and RelatedPerson resources
//!   beside it (fixed mapping, see `reader/fhir.rs`).
//!
//! Encodings: UTF-8, Windows-1252, ISO-8859-1 and ISO-8859-15, declared or
//! detected from the first MiB (the heuristic is described in `decode.rs`);
//! [`SourceReader::encoding`] reports the decision and its grounds.
//! Timestamps: chrono formats (or RFC 3339) in an IANA zone; the autumn fold
//! reads as the earlier offset, a time in the spring gap is quarantined; kept
//! as UTC microseconds plus the local offset in minutes.
//!
//! Sources with `kind = "logins"` (portal login events) yield batches in
//! [`logins_schema`] instead, under the same quarantine and reconciliation
//! rules; [`SourceReader::schema`] says which.
//!
//! The header is checked when the reader opens, before any row is read: a
//! mapped column the export lacks stops the run with the columns it has and
//! the closest match. Memory is one batch ([`IngestOptions::batch_rows`])
//! plus 128-bit hashes of the message ids seen ([`SeenIds`]).
//!
//! ```
//! use veil_ingest::{IngestOptions, SourceReader};
//! use veil_pipeline::Pipeline;
//!
//! let dir = std::env::temp_dir().join(format!("veil-ingest-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! std::fs::write(
//!     dir.join("export.csv"),
//!     "ID;Patient;Rolle;Gesendet;Text\n\
//!      1;P1;Patient;12.03.2025 14:30;Guten Tag\n\
//!      2;P1;Arzt;30.03.2025 02:30;gibt es nicht (Zeitumstellung)\n",
//! )?;
//! let pipeline = Pipeline::parse(
//!     r#"
//! study = "doc"
//! [[sources]]
//! name = "portal"
//! site = "berlin"
//! path = "export.csv"
//! delimiter = ";"
//! language = "de"
//! timestamp_format = "%d.%m.%Y %H:%M"
//! time_zone = "Europe/Berlin"
//! [sources.columns]
//! message_id = "ID"
//! patient_id = "Patient"
//! sender_role = "Rolle"
//! sent_at = "Gesendet"
//! body = "Text"
//! [sources.roles]
//! Arzt = "clinician"
//! [policy]
//! message_id = "pseudonym"
//! patient_id = "pseudonym"
//! sender_role = "keep"
//! sent_at = "shift"
//! body = "scrub"
//! "#,
//!     &dir.join("pipeline.toml"),
//! )?;
//! let mut reader = SourceReader::open(&pipeline, &pipeline.sources[0], &IngestOptions::default())?;
//! assert!(reader.encoding().starts_with("utf-8"));
//! let chunk = reader.next_chunk()?.expect("one chunk");
//! assert_eq!(chunk.batch.num_rows(), 1);
//! assert_eq!(chunk.quarantined[0].line, 3);
//! assert_eq!(chunk.quarantined[0].reason.kind(), "nonexistent_local_time");
//! assert!(reader.next_chunk()?.is_none());
//! assert!(reader.counts().reconciles());
//! std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod decode;
mod dedup;
mod error;
mod fields;
mod html;
mod logins;
mod reader;
mod reason;
mod record;
mod row;
mod staff;
#[cfg(test)]
mod tests;
mod timestamp;
mod validate;

pub use dedup::{SeenIds, SiteIds};
pub use error::IngestError;
pub use logins::logins_schema;
pub use reader::{
    Chunk, Counts, FlaggedRow, IngestOptions, QuarantinedRow, SourceReader, text_bytes_estimate,
};
pub use reason::Reason;
pub use record::canonical_schema;
pub use staff::{StaffName, read_staff_roster};
