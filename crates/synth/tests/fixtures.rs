//! The committed fixtures in `fixtures/synth/` are exactly what the generator
//! writes: regenerating each into a temporary directory gives identical
//! bytes. `VEIL_SYNTH_BLESS=1 cargo test -p veil-synth --test fixtures`
//! rewrites them (after a deliberate change to the generator).

use std::path::{Path, PathBuf};

use veil_synth::{GOLD_FILE, Options, Profile, Size, generate_dir};

/// The fixtures and the options they were made with (also in their READMEs).
fn cases() -> [(Profile, Options); 3] {
    [
        (
            Profile::GermanPsychiatry,
            Options {
                seed: 1,
                size: Size::Scale(1.0),
            },
        ),
        (
            Profile::DutchOutpatient,
            Options {
                seed: 1,
                size: Size::Messages(300),
            },
        ),
        (
            Profile::UsChronicCare,
            Options {
                seed: 1,
                size: Size::Messages(300),
            },
        ),
    ]
}

fn fixture_dir(profile: Profile) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/synth")
        .join(profile.name())
}

fn files(profile: Profile) -> Vec<&'static str> {
    let mut files = vec![profile.export_file(), GOLD_FILE];
    files.extend(profile.logins_file());
    files.push(profile.staff_roster_file());
    files
}

#[test]
fn the_staff_roster_lists_every_clinician_who_writes_in_the_german_export() {
    let fixture = fixture_dir(Profile::GermanPsychiatry);
    let roster =
        std::fs::read_to_string(fixture.join(Profile::GermanPsychiatry.staff_roster_file()))
            .unwrap();
    let mut lines = roster.lines();
    assert_eq!(lines.next(), Some("Name"));
    let staff: std::collections::BTreeSet<&str> = lines.collect();
    let export = std::fs::read_to_string(fixture.join("nachrichten.csv")).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(export.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let role = headers.iter().position(|h| h == "AbsenderRolle").unwrap();
    let name = headers.iter().position(|h| h == "AbsenderName").unwrap();
    let mut clinicians = 0;
    for record in reader.records() {
        let record = record.unwrap();
        if record[role].starts_with("Arzt") || record[role].starts_with("Ärztin") {
            assert!(
                staff.contains(&record[name]),
                "{} not on the roster",
                &record[name]
            );
            clinicians += 1;
        }
    }
    assert!(clinicians > 100);
    assert!(staff.len() > 30, "clinicians and the staff patients meet");
}

#[test]
fn regenerating_each_fixture_gives_identical_bytes() {
    let bless = std::env::var_os("VEIL_SYNTH_BLESS").is_some();
    for (profile, options) in cases() {
        let fixture = fixture_dir(profile);
        if bless {
            generate_dir(profile, &options, &fixture).unwrap();
        }
        let tmp = tempfile::tempdir().unwrap();
        generate_dir(profile, &options, tmp.path()).unwrap();
        for file in files(profile) {
            let want = std::fs::read(fixture.join(file))
                .unwrap_or_else(|e| panic!("{}/{file}: {e}", fixture.display()));
            let got = std::fs::read(tmp.path().join(file)).unwrap();
            assert!(
                want == got,
                "{}/{file} differs from a fresh generation ({} vs {} bytes); \
                 if the generator changed on purpose, rerun with VEIL_SYNTH_BLESS=1",
                fixture.display(),
                want.len(),
                got.len()
            );
        }
    }
}

#[test]
fn another_seed_gives_other_bytes() {
    let (profile, mut options) = cases()[0];
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    generate_dir(profile, &options, a.path()).unwrap();
    options.seed = 2;
    generate_dir(profile, &options, b.path()).unwrap();
    let read = |d: &Path| std::fs::read(d.join(profile.export_file())).unwrap();
    assert_ne!(read(a.path()), read(b.path()));
}
