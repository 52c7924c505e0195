//! veil-query: SQL over de-identified releases, for analysts.
//!
//! A [`Session`] opens one or more release directories, checks their
//! manifests, and registers each release table (`messages`, ...) by name; with
//! several releases a table is the union of theirs. SQL runs read-only:
//! DDL, DML and other statements are refused, so a query cannot create
//! tables over raw exports or write files. Results print as a table, CSV,
//! JSON or JSON Lines ([`OutputFormat`]).
//!
//! This crate depends on the release format and DataFusion only; it never
//! links the code that reads raw exports.
//!
//! ```no_run
//! use veil_query::{OutputFormat, Session};
//!
//! # async fn run() -> Result<(), veil_query::QueryError> {
//! let session = Session::open(&["releases/demo".into()]).await?;
//! let result = session.sql("SELECT sender_role, count(*) AS n FROM messages GROUP BY 1").await?;
//! result.write(OutputFormat::Csv, &mut std::io::stdout())?;
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

mod error;
mod output;
mod session;

pub use error::QueryError;
pub use output::{OutputFormat, QueryResult};
pub use session::{OpenRelease, Session};
