//! Errors of making a release.

use std::path::PathBuf;

/// Why a release could not be made. When any of these is returned, the
/// previous release (if any) is still in place, untouched.
#[derive(Debug, thiserror::Error)]
pub enum ReleaseError {
    /// The pipeline file was refused.
    #[error(transparent)]
    Pipeline(#[from] veil_pipeline::PipelineError),
    /// A source could not be read.
    #[error(transparent)]
    Ingest(#[from] veil_ingest::IngestError),
    /// Release metadata could not be read or written.
    #[error(transparent)]
    Format(#[from] veil_format::FormatError),
    /// The DataFusion plan failed.
    #[error("release plan failed: {0}")]
    Plan(#[from] datafusion::error::DataFusionError),
    /// A Parquet file could not be written.
    #[error("{path}: {source}")]
    Parquet {
        /// The file.
        path: PathBuf,
        /// Why.
        source: parquet::errors::ParquetError,
    },
    /// A file or directory could not be written.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The quarantine file could not be written.
    #[error("{path}: {source}")]
    Quarantine {
        /// The file.
        path: PathBuf,
        /// Why.
        source: csv::Error,
    },
    /// The target exists and is not a veil release; veil will not replace it.
    #[error(
        "{path} exists and is not a veil release (no manifest.json); choose another --out or move it away"
    )]
    NotARelease {
        /// The target directory.
        path: PathBuf,
    },
    /// Rows in and rows out do not add up. This is a bug in veil; the
    /// release is not written.
    #[error(
        "rows do not reconcile for {what}: {read} read, {released} released, {quarantined} quarantined; nothing was released (this is a bug, please report it)"
    )]
    Reconciliation {
        /// The source or table.
        what: String,
        /// Rows read.
        read: u64,
        /// Rows released.
        released: u64,
        /// Rows quarantined.
        quarantined: u64,
    },
    /// The plan needed more memory than the limit, even spilling.
    #[error(
        "the release needed more memory than its limit of {limit_mib} MiB allows, even spilling to disk; raise it with --memory-limit ({detail})"
    )]
    MemoryLimit {
        /// The limit, in MiB.
        limit_mib: usize,
        /// DataFusion's account.
        detail: String,
    },
    /// A source read differently the second time: it changed during the run.
    #[error(
        "source `{source_name}` changed while the release was being made (the second pass read other rows than the first); nothing was released: run again on a file nobody writes to"
    )]
    SourceChanged {
        /// The source.
        source_name: String,
    },
    /// The written release does not match its manifest.
    #[error("the new release failed verification: {0}")]
    Verify(String),
}

/// Maps an I/O error to [`ReleaseError::Io`] with its path.
pub(crate) fn io(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> ReleaseError + '_ {
    move |source| ReleaseError::Io {
        path: path.to_path_buf(),
        source,
    }
}
