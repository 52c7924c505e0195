//! manifest.json: what a release holds and how it was made.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::FormatError;

/// File name of the manifest inside a release.
pub const MANIFEST_FILE: &str = "manifest.json";

/// Version of the release format this crate writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// Version of the veil tool recorded in manifests.
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The manifest of a release. It holds no key, no raw identifier and no raw
/// text: only counts, policies, fingerprints and hashes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Release format version.
    pub format_version: u32,
    /// The tool that wrote the release (`veil`).
    pub tool: String,
    /// Its version.
    pub tool_version: String,
    /// The study name from the pipeline file.
    pub study: String,
    /// sha256 of the pipeline file that made the release.
    pub pipeline_sha256: String,
    /// Fingerprint of the key (an HMAC of a fixed label, never the key).
    pub key_fingerprint: String,
    /// Whether the public demo key made this release (it then protects nothing).
    pub demo_key: bool,
    /// Smallest number of distinct patients an exported aggregate may show.
    pub min_cell: u32,
    /// Treatment of every canonical column, as the pipeline declared it.
    pub policy: BTreeMap<String, String>,
    /// The release tables.
    pub tables: BTreeMap<String, TableEntry>,
    /// Rows in and out of every source: read = released + quarantined.
    pub sources: Vec<SourceCounts>,
    /// Every file of the release but the manifest, with its sha256.
    pub files: Vec<FileEntry>,
}

/// One release table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableEntry {
    /// Number of rows.
    pub rows: u64,
    /// Its files, relative to the release.
    pub files: Vec<String>,
}

/// Reconciliation of one source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceCounts {
    /// Source name from the pipeline.
    pub source: String,
    /// Site code.
    pub site: String,
    /// Data rows read.
    pub rows_read: u64,
    /// Rows released.
    pub rows_released: u64,
    /// Rows quarantined (in `private/`, never in the release).
    pub rows_quarantined: u64,
    /// Quarantined rows by reason kind.
    pub quarantine_reasons: BTreeMap<String, u64>,
}

/// One file of the release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    /// Path relative to the release, `/`-separated.
    pub path: String,
    /// Size in bytes.
    pub bytes: u64,
    /// sha256 in lower-case hex.
    pub sha256: String,
}

impl Manifest {
    /// An empty manifest for `study`, made with the key of `key_fingerprint`.
    pub fn new(study: &str, key_fingerprint: &str) -> Manifest {
        Manifest {
            format_version: FORMAT_VERSION,
            tool: "veil".to_string(),
            tool_version: TOOL_VERSION.to_string(),
            study: study.to_string(),
            pipeline_sha256: String::new(),
            key_fingerprint: key_fingerprint.to_string(),
            demo_key: false,
            min_cell: 5,
            policy: BTreeMap::new(),
            tables: BTreeMap::new(),
            sources: Vec::new(),
            files: Vec::new(),
        }
    }

    /// Reads `<release>/manifest.json`.
    pub fn load(release: &Path) -> Result<Manifest, FormatError> {
        let path = release.join(MANIFEST_FILE);
        let text = std::fs::read_to_string(&path).map_err(|source| FormatError::Io {
            path: path.clone(),
            source,
        })?;
        let manifest: Manifest =
            serde_json::from_str(&text).map_err(|e| FormatError::Manifest {
                path: path.clone(),
                line: e.line(),
                column: e.column(),
                message: e.to_string(),
            })?;
        if manifest.format_version > FORMAT_VERSION {
            return Err(FormatError::NewerFormat {
                path,
                found: manifest.format_version,
                supported: FORMAT_VERSION,
            });
        }
        Ok(manifest)
    }

    /// Lists every file below `release` (but the manifest) with size and
    /// sha256, replacing `files`.
    pub fn record_files(&mut self, release: &Path) -> Result<(), FormatError> {
        let mut files = Vec::new();
        for path in crate::hash::relative_files(release)? {
            if path == MANIFEST_FILE {
                continue;
            }
            let full = release.join(&path);
            let bytes = std::fs::metadata(&full)
                .map_err(|source| FormatError::Io {
                    path: full.clone(),
                    source,
                })?
                .len();
            files.push(FileEntry {
                sha256: crate::sha256_file(&full)?,
                path,
                bytes,
            });
        }
        self.files = files;
        Ok(())
    }

    /// Writes `<release>/manifest.json`, pretty-printed, keys in stable order.
    pub fn write(&self, release: &Path) -> Result<(), FormatError> {
        let path = release.join(MANIFEST_FILE);
        let mut text = serde_json::to_string_pretty(self).expect("manifest serializes");
        text.push('\n');
        std::fs::write(&path, text).map_err(|source| FormatError::Io { path, source })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_detects_tampering() {
        let dir = std::env::temp_dir().join(format!("veil-format-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("messages/site=a")).unwrap();
        std::fs::write(dir.join("messages/site=a/part-00000.parquet"), b"data").unwrap();
        let mut m = Manifest::new("demo", "00");
        m.record_files(&dir).unwrap();
        m.write(&dir).unwrap();
        let loaded = Manifest::load(&dir).unwrap();
        assert_eq!(loaded, m);
        assert_eq!(crate::verify_files(&dir, &loaded).unwrap(), vec![]);
        assert_eq!(crate::verify_listing(&dir, &loaded).unwrap(), vec![]);

        // The listing check sees a file of another size, one added and one
        // lost; only the full check sees the same size with other bytes.
        std::fs::write(dir.join("messages/site=a/part-00000.parquet"), b"data!").unwrap();
        std::fs::write(dir.join("extra.txt"), b"x").unwrap();
        assert_eq!(
            crate::verify_listing(&dir, &loaded).unwrap(),
            vec![
                crate::FileProblem::Changed {
                    path: "messages/site=a/part-00000.parquet".into()
                },
                crate::FileProblem::Unlisted {
                    path: "extra.txt".into()
                },
            ]
        );
        std::fs::remove_file(dir.join("extra.txt")).unwrap();
        std::fs::rename(
            dir.join("messages/site=a/part-00000.parquet"),
            dir.join("moved.parquet"),
        )
        .unwrap();
        assert_eq!(
            crate::verify_listing(&dir, &loaded).unwrap(),
            vec![
                crate::FileProblem::Missing {
                    path: "messages/site=a/part-00000.parquet".into()
                },
                crate::FileProblem::Unlisted {
                    path: "moved.parquet".into()
                },
            ]
        );
        std::fs::rename(
            dir.join("moved.parquet"),
            dir.join("messages/site=a/part-00000.parquet"),
        )
        .unwrap();

        std::fs::write(dir.join("messages/site=a/part-00000.parquet"), b"dada").unwrap();
        std::fs::write(dir.join("extra.txt"), b"x").unwrap();
        let problems = crate::verify_files(&dir, &loaded).unwrap();
        assert_eq!(
            problems,
            vec![
                crate::FileProblem::Changed {
                    path: "messages/site=a/part-00000.parquet".into()
                },
                crate::FileProblem::Unlisted {
                    path: "extra.txt".into()
                },
            ]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_broken_manifest_names_line_and_column() {
        let dir = std::env::temp_dir().join(format!("veil-format-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(MANIFEST_FILE),
            "{\n  \"format_version\": 1,\n  oops\n}",
        )
        .unwrap();
        let err = Manifest::load(&dir).unwrap_err().to_string();
        assert!(err.contains("line 3"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
