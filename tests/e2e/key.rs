//! `veil key`.

use super::*;

#[test]
fn key_new_prints_fresh_256_bit_keys() {
    let (a, out_a, _) = output(veil().args(["key", "new"]));
    let (_, out_b, _) = output(veil().args(["key", "new"]));
    assert!(a.status.success());
    let (ka, kb) = (out_a.trim(), out_b.trim());
    assert_eq!(ka.len(), 64);
    assert!(ka.chars().all(|c| c.is_ascii_hexdigit()));
    assert_ne!(ka, kb);
}

#[test]
fn key_new_out_writes_an_owner_only_file_and_never_overwrites() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = fresh_key(dir.path(), "k.key");
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let before = std::fs::read(&path).unwrap();
    let (out, _, stderr) = output(veil().args(["key", "new", "--out"]).arg(&path));
    assert!(!out.status.success());
    assert!(stderr.contains("never overwrites"), "{stderr}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn fingerprint_identifies_without_revealing() {
    let (out, stdout, stderr) = output(
        veil()
            .args(["key", "fingerprint", "--key-file"])
            .arg(demo_key()),
    );
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stdout.trim(), "86137c61626f6dac");
    assert!(stderr.contains("PUBLIC demo key"));
}
