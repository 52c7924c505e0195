//! veil-query: SQL over de-identified releases, for analysts.
//!
//! A [`Session`] opens one or more release directories, checks their
//! manifests, and registers each release table (`messages`, ...) by name; with
//! several releases a table is the union of theirs, after checking that
//! their column types agree ([`SessionWarning`]s say where keys differ or a
//! column is missing). An analyst's CSV of codes can be attached as the table
//! `codes` ([`SessionOptions`]).
//!
//! SQL runs read-only: DDL, DML, COPY, SET and any scan of something other
//! than the registered tables are refused, so a query cannot create tables
//! over raw exports or write files.
//!
//! Every query runs under disclosure control ([`disclosure`]): the logical
//! plan is rewritten so that each aggregate also counts its distinct
//! patients, and the measures of groups made of fewer than K patients (the
//! manifest's `min_cell`, or more) are masked, for any GROUP BY the analyst
//! writes. Rows without aggregates stay readable. Results print as a table,
//! CSV, JSON, JSON Lines or Parquet ([`OutputFormat`]), with masked cells
//! shown as `suppressed` and counted ([`QueryResult::suppressed_cells`]).
//!
//! The same queries can run on an Apache Ballista cluster
//! ([`SessionOptions::cluster`], a [`Cluster`]): the checks and the
//! disclosure rewrite happen here, on the logical plan, before it is shipped
//! to the scheduler (cargo feature `cluster`, on by default).
//!
//! This crate depends on the release format, DataFusion and (with `cluster`)
//! Ballista only; it never links the code that reads raw exports.
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

mod chart;
mod cluster;
pub mod disclosure;
mod error;
mod output;
mod report;
mod session;

pub use chart::{ChartKind, svg};
pub use cluster::Cluster;
pub use error::QueryError;
pub use output::{OutputFormat, QueryResult, SUPPRESSED};
pub use report::{AnalysisOutput, StudyAnalysis, chart_points, report_html, run_study};
pub use session::{CODES_TABLE, OpenRelease, Session, SessionOptions, SessionWarning};
