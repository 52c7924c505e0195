//! The quarantine: rows that were not released, with where and why. It lives
//! in `private/<study>/quarantine/` and never in a release.

use std::fs::File;
use std::path::{Path, PathBuf};

use veil_ingest::QuarantinedRow;

use crate::ReleaseError;
use crate::error::io;

/// A CSV file of one source's quarantined rows.
pub(crate) struct QuarantineFile {
    path: PathBuf,
    source_file: String,
    writer: csv::Writer<File>,
}

impl QuarantineFile {
    /// Creates `<dir>/<source>.csv` with its header.
    pub fn create(
        dir: &Path,
        source: &str,
        source_file: &Path,
    ) -> Result<QuarantineFile, ReleaseError> {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let path = dir.join(format!("{source}.csv"));
        let file = File::create(&path).map_err(io(&path))?;
        let mut writer = csv::Writer::from_writer(file);
        writer
            .write_record(["file", "line", "column", "reason_kind", "reason", "raw_row"])
            .map_err(|source| ReleaseError::Quarantine {
                path: path.clone(),
                source,
            })?;
        Ok(QuarantineFile {
            path,
            source_file: source_file.display().to_string(),
            writer,
        })
    }

    /// Appends rows.
    pub fn write(&mut self, rows: &[QuarantinedRow]) -> Result<(), ReleaseError> {
        for row in rows {
            self.writer
                .write_record([
                    self.source_file.as_str(),
                    &row.line.to_string(),
                    row.column.as_deref().unwrap_or(""),
                    row.reason.kind(),
                    &row.reason.to_string(),
                    &row.raw,
                ])
                .map_err(|source| ReleaseError::Quarantine {
                    path: self.path.clone(),
                    source,
                })?;
        }
        Ok(())
    }

    /// Flushes and closes the file; returns its path.
    pub fn finish(mut self) -> Result<PathBuf, ReleaseError> {
        self.writer.flush().map_err(io(&self.path))?;
        Ok(self.path)
    }
}
