//! The crate's one error type.

use std::path::{Path, PathBuf};

/// Errors of veil-synth.
#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    /// A profile name that does not exist.
    #[error("unknown profile `{0}` (known: german-psychiatry, dutch-outpatient, us-chronic-care)")]
    UnknownProfile(String),
    /// Options that do not fit together or are out of range.
    #[error("invalid options: {0}")]
    Options(String),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A JSON line could not be read.
    #[error("{path}:{line}: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The cause.
        source: serde_json::Error,
    },
    /// A text cannot be written in the export's encoding.
    #[error("message {message_id}: character not representable in {encoding}")]
    Encoding {
        /// The message.
        message_id: String,
        /// The encoding's name.
        encoding: &'static str,
    },
    /// The scrubbed file does not match the gold file.
    #[error("{0}")]
    Mismatch(String),
}

/// Result with [`SynthError`].
pub type Result<T> = std::result::Result<T, SynthError>;

impl SynthError {
    /// Turns an I/O error on `path` into [`SynthError::Io`] (for `map_err`).
    pub(crate) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SynthError + '_ {
        move |source| SynthError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
