//! Clear errors and non-zero exits.

use super::*;

#[test]
fn no_key_no_run_and_the_message_says_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    let (out, _, stderr) = output(
        veil()
            .arg("run")
            .arg(demo_pipeline())
            .arg("--out")
            .arg(dir.path()),
    );
    assert!(!out.status.success());
    assert!(stderr.contains("veil key new"), "{stderr}");
    assert!(stderr.contains("VEIL_KEY_FILE"), "{stderr}");
    assert!(
        !dir.path().join("releases").exists(),
        "nothing is written without a key"
    );
    assert!(!dir.path().join("private").exists());
}

#[test]
fn a_key_in_the_environment_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let hex = std::fs::read_to_string(demo_key()).unwrap();
    let (out, _, stderr) = output(
        veil()
            .env("VEIL_KEY", hex.trim())
            .arg("run")
            .arg(demo_pipeline())
            .arg("--out")
            .arg(dir.path())
            .arg("--no-analyses"),
    );
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("PUBLIC demo key"), "{stderr}");
}

#[test]
fn a_key_file_others_can_read_is_refused_with_the_fix() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let key = fresh_key(dir.path(), "study.key");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let (out, _, stderr) = output(
        veil()
            .arg("run")
            .arg(demo_pipeline())
            .arg("--key-file")
            .arg(&key)
            .arg("--out")
            .arg(dir.path()),
    );
    assert!(!out.status.success());
    assert!(stderr.contains("chmod 600"), "{stderr}");
}

#[test]
fn a_missing_input_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let pipeline = std::fs::read_to_string(demo_pipeline())
        .unwrap()
        .replace("../fixtures/demo/nachrichten.csv", "no-such-export.csv");
    let path = dir.path().join("demo.toml");
    std::fs::write(&path, pipeline).unwrap();
    let (out, _, stderr) = output(&mut veil_run(&path, dir.path()));
    assert!(!out.status.success());
    assert!(stderr.contains("no-such-export.csv"), "{stderr}");
    assert!(!dir.path().join("releases/demo").exists());
}

#[test]
fn a_refused_policy_names_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(demo_pipeline()).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("sender_name = \"roster\""))
        .unwrap()
        + 1;
    let path = dir.path().join("demo.toml");
    std::fs::write(
        &path,
        text.replace("sender_name = \"roster\"", "sender_name = \"keep\""),
    )
    .unwrap();
    let (out, _, stderr) = output(veil().arg("check").arg(&path));
    assert!(!out.status.success());
    assert!(
        stderr.contains(&format!("demo.toml:{line}:15: policy.sender_name")),
        "{stderr}"
    );
    assert!(stderr.contains("raw name"), "{stderr}");
}

#[test]
fn a_mapped_column_missing_from_the_export_stops_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    let pipeline = std::fs::read_to_string(demo_pipeline())
        .unwrap()
        .replace(
            "\"../fixtures/demo/nachrichten.csv\"",
            &format!("{:?}", repo().join("fixtures/demo/nachrichten.csv")),
        )
        .replace("body = \"Nachricht\"", "body = \"Nachrichten\"");
    let path = dir.path().join("demo.toml");
    std::fs::write(&path, pipeline).unwrap();
    let (out, _, stderr) = output(&mut veil_run(&path, dir.path()));
    assert!(!out.status.success());
    assert!(
        stderr.contains("nachrichten.csv:1: column `Nachrichten`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `Nachricht`"), "{stderr}");
    assert!(!dir.path().join("releases/demo").exists());
}

#[test]
fn a_source_mostly_quarantined_is_warned_of_with_its_main_reason() {
    let dir = tempfile::tempdir().unwrap();
    // The demo export's timestamps are `04.02.2025 10:15`; say ISO instead.
    let pipeline = std::fs::read_to_string(demo_pipeline())
        .unwrap()
        .replace(
            "../fixtures/demo/",
            &format!("{}/fixtures/demo/", repo().display()),
        )
        .replacen("timestamp_format = \"%d.%m.%Y %H:%M\"\n", "", 1);
    let path = dir.path().join("demo.toml");
    std::fs::write(&path, pipeline).unwrap();
    let (out, _, stderr) = output(&mut veil_run(&path, dir.path()));
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: source `pia-brandenburg`: 42 of 42 rows were quarantined, 41 of them for bad_timestamp"),
        "{stderr}"
    );
    // The analyses ran over the empty messages table.
    assert!(stderr.contains("analyses written to"), "{stderr}");
    // The logins source read well: no warning for it.
    assert!(!stderr.contains("source `pia-logins`"), "{stderr}");

    let (out, _, stderr) = output(&mut veil_run(demo_pipeline(), dir.path()));
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("rows were quarantined"), "{stderr}");
}
