//! Where a release is made before it is put in place: a hidden directory
//! beside the release target, renamed into place only when complete and
//! verified, and a private scratch directory for the steward's side (staged
//! de-identified rows, spill files), removed when the run ends.

use std::path::{Path, PathBuf};

use crate::ReleaseError;
use crate::error::io;

/// Removes steward files an interrupted run left half-written.
pub(crate) fn remove_partial_private_files(private_dir: &Path) -> Result<(), ReleaseError> {
    let Ok(entries) = std::fs::read_dir(private_dir) else {
        return Ok(()); // no private directory yet
    };
    for entry in entries {
        let entry = entry.map_err(io(private_dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.contains(".partial-") {
            let path = entry.path();
            if path.is_dir() {
                std::fs::remove_dir_all(&path).map_err(io(&path))?;
            } else {
                std::fs::remove_file(&path).map_err(io(&path))?;
            }
        }
    }
    Ok(())
}

/// A hidden directory beside the release target, renamed into place on commit.
pub(crate) struct Staging {
    target: PathBuf,
    path: PathBuf,
}

impl Staging {
    /// Cleans what an interrupted run left and makes a fresh staging directory.
    pub(crate) fn prepare(target: &Path) -> Result<Staging, ReleaseError> {
        let parent = target.parent().expect("releases/<study> has a parent");
        std::fs::create_dir_all(parent).map_err(io(parent))?;
        let name = target
            .file_name()
            .expect("has a name")
            .to_string_lossy()
            .into_owned();
        if target.exists() && !target.join(veil_format::MANIFEST_FILE).is_file() {
            return Err(ReleaseError::NotARelease {
                path: target.to_path_buf(),
            });
        }
        for entry in std::fs::read_dir(parent).map_err(io(parent))? {
            let entry = entry.map_err(io(parent))?;
            let file_name = entry.file_name().to_string_lossy().into_owned();
            if file_name.starts_with(&format!(".{name}.partial-")) {
                std::fs::remove_dir_all(entry.path()).map_err(io(&entry.path()))?;
            } else if file_name.starts_with(&format!(".{name}.previous-")) {
                // A run died between its two renames: the previous release comes back.
                if target.exists() {
                    std::fs::remove_dir_all(entry.path()).map_err(io(&entry.path()))?;
                } else {
                    std::fs::rename(entry.path(), target).map_err(io(target))?;
                }
            }
        }
        let path = parent.join(format!(".{name}.partial-{}", std::process::id()));
        std::fs::create_dir_all(&path).map_err(io(&path))?;
        Ok(Staging {
            target: target.to_path_buf(),
            path,
        })
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Puts the staged release in place of the target.
    pub(crate) fn commit(self) -> Result<(), ReleaseError> {
        let parent = self.target.parent().expect("has a parent");
        let name = self
            .target
            .file_name()
            .expect("has a name")
            .to_string_lossy()
            .into_owned();
        if self.target.exists() {
            let previous = parent.join(format!(".{name}.previous-{}", std::process::id()));
            std::fs::rename(&self.target, &previous).map_err(io(&self.target))?;
            std::fs::rename(&self.path, &self.target).map_err(io(&self.target))?;
            std::fs::remove_dir_all(&previous).map_err(io(&previous))?;
        } else {
            std::fs::rename(&self.path, &self.target).map_err(io(&self.target))?;
        }
        Ok(())
    }
}

/// The steward's scratch directory of one run, `private/<study>/.scratch.partial-<pid>/`:
/// de-identified rows staged between the two passes and the plan's spill
/// files. Removed when dropped; a run killed before that leaves it for the
/// next run's [`remove_partial_private_files`].
pub(crate) struct Scratch {
    path: PathBuf,
}

impl Scratch {
    /// Makes the scratch directory of this run under `private_dir`.
    pub(crate) fn create(private_dir: &Path) -> Result<Scratch, ReleaseError> {
        let path = private_dir.join(format!(".scratch.partial-{}", std::process::id()));
        if path.exists() {
            std::fs::remove_dir_all(&path).map_err(io(&path))?;
        }
        std::fs::create_dir_all(path.join("spill")).map_err(io(&path))?;
        Ok(Scratch { path })
    }

    /// The directory.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Where the plan spills.
    pub(crate) fn spill_dir(&self) -> PathBuf {
        self.path.join("spill")
    }
}

impl Scratch {
    /// Removes the directory on a thread of its own, once nothing reads or
    /// spills into it any more: the release's last steps (closing the
    /// tables, the audit, the checksums) need not wait for the file system
    /// to free the staged rows. The removal is waited for when the
    /// returned [`Removal`] is dropped.
    pub(crate) fn remove_in_background(mut self) -> Removal {
        let path = std::mem::take(&mut self.path);
        let thread = std::thread::Builder::new()
            .name("veil-scratch".into())
            .spawn({
                let path = path.clone();
                move || {
                    let _ = std::fs::remove_dir_all(&path);
                }
            })
            .map_err(|_| {
                let _ = std::fs::remove_dir_all(&path);
            })
            .ok();
        Removal { thread }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // Best effort: a leftover is removed by the next run. Nothing to do
        // when its removal was handed to a thread.
        if !self.path.as_os_str().is_empty() {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

/// A scratch directory being removed ([`Scratch::remove_in_background`]);
/// dropping it waits until it is gone.
pub(crate) struct Removal {
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Removal {
    fn drop(&mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scratch_is_removed_when_dropped_and_leftovers_by_the_next_run() {
        let dir = tempfile::tempdir().unwrap();
        let scratch = Scratch::create(dir.path()).unwrap();
        let path = scratch.path().to_path_buf();
        assert!(scratch.spill_dir().is_dir());
        drop(scratch);
        assert!(!path.exists());
        // Removed on a thread of its own, and gone once the removal is dropped.
        let scratch = Scratch::create(dir.path()).unwrap();
        std::fs::write(scratch.path().join("rows.arrow"), b"rows").unwrap();
        drop(scratch.remove_in_background());
        assert!(!path.exists());
        // What a killed run leaves behind.
        let left = dir.path().join(".scratch.partial-1");
        std::fs::create_dir_all(left.join("spill")).unwrap();
        std::fs::write(dir.path().join(".findings.parquet.partial-1"), b"x").unwrap();
        std::fs::write(dir.path().join("findings.parquet"), b"kept").unwrap();
        remove_partial_private_files(dir.path()).unwrap();
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["findings.parquet"]);
    }
}
