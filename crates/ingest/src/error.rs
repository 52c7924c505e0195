//! Errors that stop ingest of a source (bad rows are quarantined instead).

use std::path::PathBuf;

/// A problem that stops reading a source. Row-level problems never end up
/// here: they are quarantined with their reason.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The export could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        /// The export file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The delimited text could not be parsed at all.
    #[error("{path}:{line}: {message}")]
    Csv {
        /// The export file.
        path: PathBuf,
        /// 1-based line.
        line: u64,
        /// What the parser said.
        message: String,
    },
    /// The file is not a text export (an Excel workbook, a PDF ...), told
    /// by its first bytes.
    #[error("{path}: this is {what}, not a text export; {hint}")]
    NotAnExport {
        /// The export file.
        path: PathBuf,
        /// What the file is.
        what: &'static str,
        /// What the steward can do.
        hint: &'static str,
    },
    /// A JSON Lines source holds JSON of another shape.
    #[error("{path}: this is {shape}")]
    NotJsonLines {
        /// The export file.
        path: PathBuf,
        /// What the file holds and how to convert it.
        shape: &'static str,
    },
    /// The file has no header row.
    #[error("{path}: the file is empty; expected a header row")]
    Empty {
        /// The export file.
        path: PathBuf,
    },
    /// A mapped column is missing from the header.
    #[error(
        "{path}:1: column `{column}` (mapped to `{canonical}` in the pipeline) is not in the header{}{}\n  the header has: {}",
        closest.as_ref().map(|c| format!("; did you mean `{c}`?")).unwrap_or_default(),
        delimiter.map(|d| format!(
            "\n  the header splits at `{}` into names that include it: set `delimiter = \"{}\"` for this source",
            d.escape_default(),
            d.escape_default()
        )).unwrap_or_default(),
        available.join(", ")
    )]
    MissingColumn {
        /// The export file.
        path: PathBuf,
        /// The site's column name the pipeline asked for.
        column: String,
        /// The canonical column it maps to.
        canonical: &'static str,
        /// The header's column names.
        available: Vec<String>,
        /// The header name closest to `column`.
        closest: Option<String>,
        /// Another delimiter at which the header has `column`, when the
        /// pipeline's delimiter is not the file's.
        delimiter: Option<char>,
    },
    /// A mapped column's name is in the header more than once.
    #[error(
        "{path}:1: column `{column}` is in the header {} times (columns {}); rename all but one in the export, so the pipeline names one",
        positions.len(),
        positions.iter().map(usize::to_string).collect::<Vec<_>>().join(", ")
    )]
    AmbiguousColumn {
        /// The export file.
        path: PathBuf,
        /// The column name the pipeline maps.
        column: String,
        /// Its 1-based positions in the header.
        positions: Vec<usize>,
    },
    /// The source names a time zone that does not exist.
    #[error(
        "source `{source_name}`: unknown time zone `{zone}` (use an IANA name such as Europe/Berlin)"
    )]
    TimeZone {
        /// The source.
        source_name: String,
        /// The zone named.
        zone: String,
    },
    /// The source's timestamp format is not a valid chrono format.
    #[error(
        "source `{source_name}`: timestamp_format `{format}` is not a valid chrono format (e.g. %d.%m.%Y %H:%M, or rfc3339)"
    )]
    TimestampFormat {
        /// The source.
        source_name: String,
        /// The format given.
        format: String,
    },
    /// A FHIR resource file beside the Communications cannot be read.
    #[error("{path}:{line}: {message}")]
    Resource {
        /// The resource file.
        path: PathBuf,
        /// 1-based line (the resource's record number).
        line: u64,
        /// What is wrong.
        message: String,
    },
}
