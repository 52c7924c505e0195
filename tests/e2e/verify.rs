//! `veil verify`: a clean release passes; a changed byte, a missing file and
//! an injected raw name are each found, named by table, file, row and
//! column, without printing the protected value.

use std::sync::Arc;

use arrow::array::{ArrayRef, StringArray};
use parquet::arrow::ArrowWriter;
use sha2::{Digest, Sha256};

use super::*;

const MESSAGES: &str = "messages/site=brandenburg/part-00000.parquet";

fn release_demo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    run_demo(dir.path(), &demo_key());
    let release = dir.path().join("releases/demo");
    (dir, release)
}

fn verify(release: &Path, with_pipeline: bool) -> (bool, String) {
    let mut command = veil();
    command.arg("verify").arg(release);
    if with_pipeline {
        command
            .arg("--pipeline")
            .arg(demo_pipeline())
            .arg("--key-file")
            .arg(demo_key());
    }
    let (out, _, stderr) = output(&mut command);
    (out.status.success(), stderr)
}

#[test]
fn a_clean_release_passes_with_and_without_the_pipeline() {
    let (_dir, release) = release_demo();
    let (ok, stderr) = verify(&release, false);
    assert!(ok, "{stderr}");
    let (ok, stderr) = verify(&release, true);
    assert!(ok, "{stderr}");
    assert!(stderr.contains("result    OK"), "{stderr}");
    assert!(
        stderr.contains("protected strings from the export"),
        "{stderr}"
    );
}

#[test]
fn a_changed_byte_is_found() {
    let (_dir, release) = release_demo();
    let path = release.join(MESSAGES);
    let mut bytes = std::fs::read(&path).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(&path, bytes).unwrap();
    let (ok, stderr) = verify(&release, false);
    assert!(!ok);
    assert!(
        stderr.contains(&format!("file_changed table messages file {MESSAGES}")),
        "{stderr}"
    );
}

#[test]
fn a_missing_file_is_found() {
    let (_dir, release) = release_demo();
    std::fs::remove_file(release.join("patients/site=brandenburg/part-00000.parquet")).unwrap();
    let (ok, stderr) = verify(&release, false);
    assert!(!ok);
    assert!(
        stderr.contains(
            "file_missing table patients file patients/site=brandenburg/part-00000.parquet"
        ),
        "{stderr}"
    );
}

#[test]
fn an_injected_raw_name_is_found_and_only_the_private_report_shows_it() {
    let (dir, release) = release_demo();
    // Rewrite the messages file with a patient's surname in row 3's body and
    // fix the manifest, as a careless hand edit would: only the scan can tell.
    let path = release.join(MESSAGES);
    let batches = read_batches(path.parent().unwrap());
    let schema = batches[0].schema();
    let mut writer =
        ArrowWriter::try_new(std::fs::File::create(&path).unwrap(), schema.clone(), None).unwrap();
    let mut row = 0;
    for batch in batches {
        let index = schema.index_of("body").unwrap();
        let bodies = batch.column(index).as_string::<i32>();
        let changed: StringArray = (0..bodies.len())
            .map(|i| {
                let value = bodies.value(i).to_string();
                Some(if row + i == 3 {
                    format!("{value} Gruss an Frau Koch")
                } else {
                    value
                })
            })
            .collect();
        row += batch.num_rows();
        let mut columns: Vec<ArrayRef> = batch.columns().to_vec();
        columns[index] = Arc::new(changed);
        writer
            .write(&RecordBatch::try_new(schema.clone(), columns).unwrap())
            .unwrap();
    }
    writer.close().unwrap();
    let manifest_path = release.join("manifest.json");
    let mut manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest_path).unwrap()).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    for file in manifest["files"].as_array_mut().unwrap() {
        if file["path"] == MESSAGES {
            file["sha256"] = hex::encode(Sha256::digest(&bytes)).into();
            file["bytes"] = bytes.len().into();
        }
    }
    std::fs::write(
        &manifest_path,
        serde_json::to_string_pretty(&manifest).unwrap(),
    )
    .unwrap();

    let (ok, stderr) = verify(&release, false);
    assert!(ok, "hashes alone cannot see it: {stderr}");
    let (ok, stderr) = verify(&release, true);
    assert!(!ok);
    assert!(
        stderr.contains(&format!(
            "export_name table messages file {MESSAGES} row 3 column body"
        )),
        "{stderr}"
    );
    assert!(
        !stderr.to_lowercase().contains("koch"),
        "never printed: {stderr}"
    );
    let private =
        std::fs::read_to_string(dir.path().join("private/demo/verify/leaks.csv")).unwrap();
    assert!(
        private.contains(",koch") || private.contains("Koch"),
        "{private}"
    );
    assert!(!release.join("verify").exists());
}

#[test]
fn rows_that_do_not_add_up_are_found() {
    let (_dir, release) = release_demo();
    let manifest_path = release.join("manifest.json");
    let mut manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest_path).unwrap()).unwrap();
    manifest["tables"]["messages"]["rows"] = 41.into();
    manifest["sources"][0]["rows_released"] = 41.into();
    std::fs::write(
        &manifest_path,
        serde_json::to_string_pretty(&manifest).unwrap(),
    )
    .unwrap();
    let (ok, stderr) = verify(&release, false);
    assert!(!ok);
    assert!(
        stderr.contains("rows table messages: 40 rows in the files, the manifest records 41"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "reconciliation: source `pia-brandenburg`: 42 read, 41 released + 2 quarantined"
        ),
        "{stderr}"
    );
}
