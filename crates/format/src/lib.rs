//! veil-format: the release format, shared by the code that writes releases
//! and the code that reads them.
//!
//! A release is a directory:
//!
//! ```text
//! releases/<study>/
//!   manifest.json                     what was released, how, and the sha256 of every file
//!   messages/site=<site>/part-00000.parquet
//!   patients/ threads/ logins/        the same layout
//!   audit.json, audit.html            what was removed, re-identification risk
//! ```
//!
//! This crate holds the [`Manifest`], the Arrow schemas of the release tables
//! ([`messages_schema`], documented column by column in [`tables`]) and the hashing that ties files to the manifest. The
//! analyst's side (`veil-query`) depends on it and on nothing that touches raw
//! data.
//!
//! ```
//! use veil_format::{Manifest, messages_schema};
//!
//! let schema = messages_schema();
//! assert!(schema.field_with_name("patient_pid").is_ok());
//! assert!(schema.field_with_name("patient_id").is_err(), "raw ids never reach a release");
//!
//! let manifest = Manifest::new("demo", "0123abcd0123abcd");
//! assert_eq!(manifest.format_version, veil_format::FORMAT_VERSION);
//! ```
#![deny(missing_docs)]

mod error;
mod hash;
mod manifest;
mod schema;

pub use error::FormatError;
pub use hash::{FileProblem, sha256_file, verify_files, verify_listing};
pub use manifest::{
    FORMAT_VERSION, FileEntry, MANIFEST_FILE, Manifest, SourceCounts, TOOL_VERSION, TableEntry,
};
pub use schema::{
    ColumnDoc, ColumnType, LOGINS_TABLE, MESSAGES_TABLE, PATIENTS_TABLE, REDACTION_CATEGORIES,
    THREADS_TABLE, TableDoc, logins_schema, markdown, messages_schema, patients_schema,
    site_dir_name, table, tables, threads_schema,
};
