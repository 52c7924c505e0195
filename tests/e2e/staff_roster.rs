//! Staff roster files: a name that stands only in the hospital's staff
//! list, never in the export's columns, is still removed from free text and
//! looked for by `veil verify --pipeline`.

use super::*;

/// A copy of the demo study in `dir` whose first message mentions a
/// receptionist, with a staff roster naming her when `with_roster`.
fn study(dir: &Path, with_roster: bool) -> PathBuf {
    let export = std::fs::read_to_string(repo().join("fixtures/demo/nachrichten.csv")).unwrap();
    let mentioned = export.replacen(
        "Melden Sie sich gern hier im Portal.",
        "Melden Sie sich gern hier im Portal oder bei Taubenschlag am Empfang.",
        1,
    );
    assert_ne!(mentioned, export, "the demo export has the sentence");
    std::fs::write(dir.join("nachrichten.csv"), mentioned).unwrap();
    std::fs::write(
        dir.join("personal.csv"),
        "Name;Funktion\nQuirinus Taubenschlag;Empfang\n",
    )
    .unwrap();
    let mut pipeline = std::fs::read_to_string(demo_pipeline())
        .unwrap()
        .replace("../fixtures/demo/nachrichten.csv", "nachrichten.csv")
        .replace("../fixtures/", &format!("{}/fixtures/", repo().display()));
    if with_roster {
        pipeline.push_str(
            "\n[[staff_rosters]]\npath = \"personal.csv\"\ncolumn = \"Name\"\ndelimiter = \";\"\nrole = \"staff\"\n",
        );
    }
    let path = dir.join("demo.toml");
    std::fs::write(&path, pipeline).unwrap();
    path
}

fn release(dir: &Path, pipeline: &Path) -> BTreeMap<String, Vec<String>> {
    let (out, _, stderr) = output(veil_run(pipeline, dir).arg("--quiet"));
    assert!(out.status.success(), "{stderr}");
    text_columns(&dir.join("releases/demo"))
}

#[test]
fn a_name_only_in_the_staff_roster_is_scrubbed_and_scanned_for() {
    let plain = tempfile::tempdir().unwrap();
    let bodies = release(plain.path(), &study(plain.path(), false))["body"].join("\n");
    assert!(
        bodies.contains("Taubenschlag"),
        "without the roster the scrubber cannot know the name"
    );

    let dir = tempfile::tempdir().unwrap();
    let pipeline = study(dir.path(), true);
    let bodies = release(dir.path(), &pipeline)["body"].join("\n");
    assert!(!bodies.contains("Taubenschlag"), "{bodies}");
    assert!(bodies.contains("oder bei [NAME] am Empfang"), "{bodies}");

    let verify = |release: &Path| {
        output(
            veil()
                .arg("verify")
                .arg(release)
                .arg("--pipeline")
                .arg(&pipeline)
                .arg("--key-file")
                .arg(demo_key()),
        )
    };
    let (out, stdout, stderr) = verify(&dir.path().join("releases/demo"));
    assert!(out.status.success(), "{stdout}{stderr}");
    // The release made without the roster leaks the name, and the scan
    // (reading the roster) finds it.
    let (out, stdout, stderr) = verify(&plain.path().join("releases/demo"));
    assert!(!out.status.success());
    assert!(
        format!("{stdout}{stderr}").contains("export_name"),
        "{stdout}{stderr}"
    );
}

#[test]
fn a_missing_roster_file_stops_the_run_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let pipeline = study(dir.path(), true);
    std::fs::remove_file(dir.path().join("personal.csv")).unwrap();
    let (out, _, stderr) = output(&mut veil_run(&pipeline, dir.path()));
    assert!(!out.status.success());
    assert!(stderr.contains("personal.csv"), "{stderr}");
    assert!(!dir.path().join("releases/demo").exists());
}
