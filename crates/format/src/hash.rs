//! sha256 of release files, checked against the manifest.

use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::{FormatError, Manifest};

/// The sha256 of a file, in lower-case hex.
pub fn sha256_file(path: &Path) -> Result<String, FormatError> {
    let io = |source| FormatError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buffer).map_err(io)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}

/// A release file that does not match the manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// Listed in the manifest, not on disk.
    Missing {
        /// Path relative to the release.
        path: String,
    },
    /// On disk with another sha256 than the manifest records.
    Changed {
        /// Path relative to the release.
        path: String,
    },
    /// On disk, not listed in the manifest.
    Unlisted {
        /// Path relative to the release.
        path: String,
    },
}

impl std::fmt::Display for FileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileProblem::Missing { path } => {
                write!(f, "{path}: listed in the manifest but missing")
            }
            FileProblem::Changed { path } => write!(f, "{path}: sha256 differs from the manifest"),
            FileProblem::Unlisted { path } => {
                write!(f, "{path}: present but not listed in the manifest")
            }
        }
    }
}

/// Recomputes the sha256 of every file the manifest lists and looks for
/// files it does not list. An empty result means the release is intact.
pub fn verify_files(release: &Path, manifest: &Manifest) -> Result<Vec<FileProblem>, FormatError> {
    let mut problems = Vec::new();
    for entry in &manifest.files {
        let path = release.join(&entry.path);
        if !path.is_file() {
            problems.push(FileProblem::Missing {
                path: entry.path.clone(),
            });
        } else if sha256_file(&path)? != entry.sha256 {
            problems.push(FileProblem::Changed {
                path: entry.path.clone(),
            });
        }
    }
    problems.extend(unlisted(release, manifest)?);
    Ok(problems)
}

/// Checks that the files below `release` are those the manifest lists, each
/// of the size it records, without hashing them again: for a manifest whose
/// hashes were just taken from these files ([`Manifest::record_files`]), to
/// catch a file that was added, lost or rewritten since. An empty result
/// means the listing holds; [`verify_files`] checks the contents.
pub fn verify_listing(
    release: &Path,
    manifest: &Manifest,
) -> Result<Vec<FileProblem>, FormatError> {
    let mut problems = Vec::new();
    for entry in &manifest.files {
        let path = release.join(&entry.path);
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_file() => {
                if meta.len() != entry.bytes {
                    problems.push(FileProblem::Changed {
                        path: entry.path.clone(),
                    });
                }
            }
            _ => problems.push(FileProblem::Missing {
                path: entry.path.clone(),
            }),
        }
    }
    problems.extend(unlisted(release, manifest)?);
    Ok(problems)
}

/// The files below `release` (but the manifest) that the manifest does not
/// list.
fn unlisted(release: &Path, manifest: &Manifest) -> Result<Vec<FileProblem>, FormatError> {
    let listed: std::collections::BTreeSet<&str> =
        manifest.files.iter().map(|f| f.path.as_str()).collect();
    Ok(relative_files(release)?
        .into_iter()
        .filter(|path| path != crate::MANIFEST_FILE && !listed.contains(path.as_str()))
        .map(|path| FileProblem::Unlisted { path })
        .collect())
}

/// Every file below `root`, as sorted `/`-separated relative paths.
pub(crate) fn relative_files(root: &Path) -> Result<Vec<String>, FormatError> {
    let mut out = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|source| FormatError::Io {
            path: dir.clone(),
            source,
        })?;
        for entry in entries {
            let entry = entry.map_err(|source| FormatError::Io {
                path: dir.clone(),
                source,
            })?;
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(root).expect("below root");
                let parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
    }
    out.sort();
    Ok(out)
}
