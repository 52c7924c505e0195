//! veil-pipeline: the pipeline file, which is the study's de-identification
//! protocol.
//!
//! A pipeline file (TOML) names the study, its sources and how each site's
//! columns map onto veil's canonical record, the treatment of every column
//! that could reach a release, the date policy and the study's analyses.
//! Ethics boards read it as the protocol, so loading it checks that every
//! mapped column has a declared treatment and that no treatment defeats the
//! de-identification (a raw name marked `keep`, say). Every problem is
//! reported with the file, line, column and key.
//!
//! A source holds messages (`kind = "messages"`, the default; `language` is
//! required: `de`, `nl`, `en` or `auto`) or portal login events
//! (`kind = "logins"`, mapping only `patient_id` and `logged_in_at`). Its
//! `format` is `csv`, `jsonl` or `fhir` (messages only; the FHIR mapping is
//! fixed, see [`Source::column`]).
//!
//! ```
//! let text = r#"
//! study = "demo"
//!
//! [[sources]]
//! name = "portal"
//! site = "berlin"
//! path = "messages.csv"
//! language = "de"
//! timestamp_format = "%d.%m.%Y %H:%M"
//! time_zone = "Europe/Berlin"
//! [sources.columns]
//! message_id = "ID"
//! patient_id = "Patient"
//! sender_role = "Rolle"
//! sent_at = "Datum"
//! body = "Text"
//!
//! [policy]
//! message_id = "pseudonym"
//! patient_id = "pseudonym"
//! sender_role = "keep"
//! sent_at = "shift"
//! body = "scrub"
//! "#;
//! let pipeline = veil_pipeline::Pipeline::parse(text, "demo.toml".as_ref())?;
//! assert_eq!(pipeline.study, "demo");
//!
//! let bad = text.replace(r#"body = "scrub""#, r#"body = "keep""#);
//! let err = veil_pipeline::Pipeline::parse(&bad, "demo.toml".as_ref()).unwrap_err();
//! assert!(err.to_string().contains("demo.toml:23:8: policy.body"));
//! # Ok::<(), veil_pipeline::PipelineError>(())
//! ```
#![deny(missing_docs)]

mod columns;
mod error;
mod file;
mod validate;

pub use columns::{
    CanonicalColumn, ColumnKind, REQUIRED_COLUMNS, REQUIRED_LOGIN_COLUMNS, closest_name,
};
pub use error::{PipelineError, Problem};
pub use file::{
    Analysis, DateOptions, Encoding, InvalidUtf8, Pipeline, PseudonymOptions, ReleaseOptions, Role,
    ScrubOptions, ScrubReplacement, Source, SourceFormat, SourceKind, StaffRoster, TextFormat,
    Treatment, VerifyOptions,
};
pub use file::{BirthGeneralization, KAction, TimestampGeneralization};
