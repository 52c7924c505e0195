//! The kill test: `veil run` killed in the middle of writing a release
//! leaves the previous release intact (or none), never half of one, and the
//! next run cleans up and succeeds. On the same generated export: a
//! release is byte-identical whatever the number of threads.

use std::io::Write;
use std::process::Stdio;

use super::*;

/// Writes a synthetic export of `rows` messages in the demo's layout.
fn write_export(path: &Path, rows: usize) {
    let first = [
        "Anna", "Jonas", "Petra", "Lukas", "Marta", "Ole", "Ines", "Karl",
    ];
    let last = [
        "Koch", "Brandt", "Seidel", "Vogt", "Hahn", "Kurz", "Lang", "Roth",
    ];
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(
        out,
        "NachrichtID;VerlaufID;PatientID;AbsenderRolle;AbsenderID;AbsenderName;EmpfaengerRolle;EmpfaengerID;EmpfaengerName;Vorname;Nachname;Geburtsdatum;Gesendet;Ambulanz;Fachrichtung;Betreff;Nachricht"
    )
    .unwrap();
    for i in 0..rows {
        let p = i % 997;
        let (f, l) = (first[p % 8], last[(p / 8) % 8]);
        let patient_writes = i % 2 == 0;
        let (role, sender, to_role, to) = if patient_writes {
            (
                "Patient",
                format!("{f} {l}"),
                "Arzt",
                "Dr. Katrin Wolf".to_string(),
            )
        } else {
            (
                "Arzt",
                "Dr. Katrin Wolf".to_string(),
                "Patient",
                format!("{f} {l}"),
            )
        };
        writeln!(
            out,
            "N-{i};V-{};P-{p};{role};{};{sender};{to_role};{};{to};{f};{l};{:02}.0{}.19{};{:02}.0{}.2025 {:02}:{:02};PIA Neuruppin;Psychiatrie;Frage {i};Liebe Frau {l}, die Medikation bleibt bei 50 mg. Viele Grüße, {sender}",
            i / 4,
            if patient_writes { format!("P-{p}") } else { "A-01".into() },
            if patient_writes { "A-01".to_string() } else { format!("P-{p}") },
            1 + p % 28,
            1 + p % 9,
            40 + p % 50,
            1 + i % 28,
            1 + (i / 28) % 9,
            8 + i % 10,
            i % 60,
        )
        .unwrap();
    }
    out.flush().unwrap();
}

/// A demo pipeline reading `export` (the login source keeps the demo fixture).
fn pipeline_for(dir: &Path, export: &Path) -> PathBuf {
    let text = std::fs::read_to_string(demo_pipeline())
        .unwrap()
        .replace(
            "../fixtures/demo/nachrichten.csv",
            &export.display().to_string(),
        )
        .replace("../fixtures/", &format!("{}/fixtures/", repo().display()));
    let path = dir.join("pipeline.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn run(pipeline: &Path, out: &Path) -> std::process::Child {
    veil_run(pipeline, out)
        .arg("--no-analyses")
        .arg("--quiet")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Hidden staging directories beside the release.
fn staging_dirs(releases: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(releases)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().path())
                .filter(|p| {
                    p.file_name()
                        .unwrap()
                        .to_string_lossy()
                        .starts_with(".demo.")
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Starts a run and kills it once it is writing Parquet into its staging
/// directory; panics if the run ends first.
fn kill_while_writing(pipeline: &Path, out: &Path) {
    let mut child = run(pipeline, out);
    let releases = out.join("releases");
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the run ended ({status}) before it could be killed: make the export larger");
        }
        let writing = staging_dirs(&releases)
            .iter()
            .any(|d| d.join("messages").exists());
        if writing {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

fn verify_ok(release: &Path) -> bool {
    let (out, _, _) = output(veil().arg("verify").arg(release));
    out.status.success()
}

#[test]
fn a_killed_run_leaves_the_previous_release_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("export.csv");
    let pipeline = pipeline_for(dir.path(), &export);
    let out = dir.path().join("out");
    let release = out.join("releases/demo");

    // No previous release: a killed run leaves none.
    write_export(&export, 30_000);
    kill_while_writing(&pipeline, &out);
    assert!(!release.exists(), "no half release in place");

    // A small release, then a large run killed while writing.
    write_export(&export, 50);
    assert!(run(&pipeline, &out).wait().unwrap().success());
    assert!(staging_dirs(&out.join("releases")).is_empty(), "cleaned up");
    let before = std::fs::read(release.join("manifest.json")).unwrap();
    assert!(verify_ok(&release));

    write_export(&export, 30_000);
    kill_while_writing(&pipeline, &out);
    assert_eq!(
        std::fs::read(release.join("manifest.json")).unwrap(),
        before,
        "the previous release is still in place"
    );
    assert!(verify_ok(&release), "and intact");

    // The next run cleans up and puts the new release in place.
    assert!(run(&pipeline, &out).wait().unwrap().success());
    assert!(staging_dirs(&out.join("releases")).is_empty());
    assert!(verify_ok(&release));
    let private: Vec<String> = std::fs::read_dir(out.join("private/demo"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        private.iter().all(|n| !n.contains(".partial-")),
        "no half-written steward files: {private:?}"
    );
    let (status, _, stderr) = output(veil().arg("audit").arg(&release));
    assert!(
        status.status.success(),
        "private/ matches the release in place: {stderr}"
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(release.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["tables"]["messages"]["rows"], 30_000);
}

#[test]
fn a_release_is_byte_identical_whatever_the_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("export.csv");
    write_export(&export, 10_000); // more than one batch of 8192 rows
    let pipeline = pipeline_for(dir.path(), &export);
    let files = |threads: &str| {
        let out = dir.path().join(format!("t{threads}"));
        let (status, _, stderr) =
            output(veil_run(&pipeline, &out).args(["--no-analyses", "--threads", threads]));
        assert!(status.status.success(), "{stderr}");
        let manifest: serde_json::Value = serde_json::from_slice(
            &std::fs::read(out.join("releases/demo/manifest.json")).unwrap(),
        )
        .unwrap();
        manifest["files"].clone()
    };
    assert_eq!(files("1"), files("3"));
}
