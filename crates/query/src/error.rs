//! Errors of querying releases.

use std::path::PathBuf;

/// What can go wrong when querying releases.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// A release's manifest could not be read.
    #[error(transparent)]
    Format(#[from] veil_format::FormatError),
    /// A path is not a release directory.
    #[error(
        "{path} is not a veil release (no manifest.json); pass a directory such as releases/<study>"
    )]
    NotARelease {
        /// The path given.
        path: PathBuf,
    },
    /// A statement that would change or create something.
    #[error("veil sql is read-only: {0}")]
    ReadOnly(String),
    /// The query failed to plan or run.
    #[error("{0}")]
    Sql(#[from] datafusion::error::DataFusionError),
    /// Writing the result failed.
    #[error("cannot write the result: {0}")]
    Output(String),
}
