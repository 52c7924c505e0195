//! Errors of reading and writing release metadata.

use std::path::PathBuf;

/// What can go wrong with a release's metadata.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The manifest is not valid JSON of the expected shape.
    #[error("{path}: not a veil manifest (line {line}, column {column}): {message}")]
    Manifest {
        /// The manifest file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What serde said.
        message: String,
    },
    /// The manifest was written by a newer format than this tool reads.
    #[error(
        "{path}: release format {found} is newer than this veil reads ({supported}); update veil"
    )]
    NewerFormat {
        /// The manifest file.
        path: PathBuf,
        /// The version in the manifest.
        found: u32,
        /// The newest version this tool reads.
        supported: u32,
    },
}
