//! `veil run` on the demo pipeline: the release, its manifest, its privacy.

use std::collections::BTreeSet;

use sha2::{Digest, Sha256};

use super::*;

fn manifest(release: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(release.join("manifest.json")).unwrap()).unwrap()
}

#[test]
fn the_release_exists_and_every_hash_in_the_manifest_matches() {
    let dir = tempfile::tempdir().unwrap();
    run_demo(dir.path(), &demo_key());
    let release = dir.path().join("releases/demo");
    let m = manifest(&release);
    let files = m["files"].as_array().unwrap();
    assert!(!files.is_empty());
    let mut listed = BTreeSet::new();
    for f in files {
        let path = f["path"].as_str().unwrap();
        let bytes = std::fs::read(release.join(path)).unwrap();
        assert_eq!(
            hex::encode(Sha256::digest(&bytes)),
            f["sha256"].as_str().unwrap(),
            "{path}"
        );
        assert_eq!(bytes.len() as u64, f["bytes"].as_u64().unwrap());
        listed.insert(path.to_string());
    }
    assert!(
        listed.contains("messages/site=brandenburg/part-00000.parquet"),
        "{listed:?}"
    );
    assert_eq!(m["tool"], "veil");
    assert_eq!(m["demo_key"], true);
    assert_eq!(m["key_fingerprint"], "86137c61626f6dac");
    let key_hex = std::fs::read_to_string(demo_key()).unwrap();
    let text = std::fs::read_to_string(release.join("manifest.json")).unwrap();
    assert!(
        !text.contains(key_hex.trim()),
        "the key never enters a release"
    );
}

#[test]
fn every_row_is_released_or_quarantined_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    run_demo(dir.path(), &demo_key());
    let m = manifest(&dir.path().join("releases/demo"));
    let source = &m["sources"][0];
    let read = source["rows_read"].as_u64().unwrap();
    let released = source["rows_released"].as_u64().unwrap();
    let quarantined = source["rows_quarantined"].as_u64().unwrap();
    assert_eq!(read, demo_export_rows().len() as u64);
    assert_eq!(read, released + quarantined);
    assert_eq!(quarantined, 2);
    assert_eq!(source["quarantine_reasons"]["bad_timestamp"], 1);
    assert_eq!(source["quarantine_reasons"]["missing_value"], 1);
    assert_eq!(m["tables"]["messages"]["rows"].as_u64().unwrap(), released);

    let quarantine = std::fs::read_to_string(
        dir.path()
            .join("private/demo/quarantine/pia-brandenburg.csv"),
    )
    .unwrap();
    assert!(
        quarantine.contains("N-3040") && quarantine.contains("bad_timestamp"),
        "{quarantine}"
    );
    assert!(
        quarantine.contains("N-3041") && quarantine.contains("missing_value"),
        "{quarantine}"
    );
    assert!(
        !dir.path().join("releases/demo").join("quarantine").exists(),
        "quarantine stays out of the release"
    );
}

#[test]
fn no_name_or_raw_identifier_from_the_export_survives_in_any_text_column() {
    let dir = tempfile::tempdir().unwrap();
    run_demo(dir.path(), &demo_key());
    let columns = text_columns(&dir.path().join("releases/demo"));
    assert!(columns.contains_key("body") && columns.contains_key("subject"));

    let titles = ["dr.", "prof.", "herr", "frau"];
    let mut names = BTreeSet::new();
    let mut ids = BTreeSet::new();
    for row in demo_export_rows() {
        for column in ["Vorname", "Nachname", "AbsenderName", "EmpfaengerName"] {
            for part in row[column].split([' ', '-']) {
                if part.chars().count() >= 3 && !titles.contains(&part.to_lowercase().as_str()) {
                    names.insert(part.to_lowercase());
                }
            }
        }
        for column in [
            "NachrichtID",
            "VerlaufID",
            "PatientID",
            "AbsenderID",
            "EmpfaengerID",
        ] {
            ids.insert(row[column].clone());
        }
    }
    assert!(names.len() >= 10, "the fixture has names: {names:?}");
    let word_chars = |c: char| c.is_alphanumeric();
    for (column, values) in &columns {
        for value in values {
            let lower = value.to_lowercase();
            for word in lower.split(|c: char| !word_chars(c)) {
                assert!(
                    !names.contains(word),
                    "name `{word}` survives in {column}: {value}"
                );
            }
            for id in &ids {
                assert!(
                    !value.contains(id.as_str()),
                    "raw id {id} survives in {column}"
                );
            }
        }
    }
}

#[test]
fn the_same_key_gives_identical_files_and_another_key_other_pseudonyms() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("c"),
    );
    run_demo(&a, &demo_key());
    run_demo(&b, &demo_key());
    let other = fresh_key(dir.path(), "other.key");
    run_demo(&c, &other);

    let files = |root: &Path| -> Vec<Vec<u8>> {
        parquet_files(&root.join("releases/demo"))
            .iter()
            .map(|p| std::fs::read(p).unwrap())
            .collect()
    };
    assert_eq!(
        files(&a),
        files(&b),
        "a release is reproducible byte for byte"
    );

    let pids = |root: &Path, column: &str| -> BTreeSet<String> {
        text_columns(&root.join("releases/demo"))[column]
            .iter()
            .cloned()
            .collect()
    };
    for column in ["message_pid", "patient_pid", "thread_pid", "sender_pid"] {
        let (pa, pc) = (pids(&a, column), pids(&c, column));
        assert!(!pa.is_empty());
        assert!(
            pa.is_disjoint(&pc),
            "{column}: another key must give other pseudonyms"
        );
    }
    assert_ne!(
        manifest(&a.join("releases/demo"))["key_fingerprint"],
        manifest(&c.join("releases/demo"))["key_fingerprint"]
    );
}

#[test]
fn timestamps_move_by_whole_days_per_patient_and_keep_the_local_hour() {
    use arrow::datatypes::{Int32Type, TimestampMicrosecondType};
    use chrono::{NaiveDateTime, TimeZone};

    let dir = tempfile::tempdir().unwrap();
    run_demo(dir.path(), &demo_key());
    let key = veil_pseudonym::Key::from_file(&demo_key()).unwrap();
    let batches = read_batches(&dir.path().join("releases/demo/messages"));
    let mut released = std::collections::BTreeMap::new();
    for batch in &batches {
        let pid = batch
            .column_by_name("message_pid")
            .unwrap()
            .as_string::<i32>();
        let sent = batch
            .column_by_name("sent_at")
            .unwrap()
            .as_primitive::<TimestampMicrosecondType>();
        let hour = batch
            .column_by_name("local_hour")
            .unwrap()
            .as_primitive::<Int32Type>();
        for i in 0..batch.num_rows() {
            released.insert(pid.value(i).to_string(), (sent.value(i), hour.value(i)));
        }
    }
    let mut shifts_by_patient: std::collections::BTreeMap<String, BTreeSet<i64>> =
        Default::default();
    let mut checked = 0;
    for row in demo_export_rows() {
        let pid = key.pseudonym(
            veil_pseudonym::Domain::Message,
            "brandenburg",
            &row["NachrichtID"],
        );
        let Some((sent, hour)) = released.get(&pid) else {
            continue; // quarantined
        };
        let local = NaiveDateTime::parse_from_str(&row["Gesendet"], "%d.%m.%Y %H:%M").unwrap();
        let raw = chrono_tz::Europe::Berlin
            .from_local_datetime(&local)
            .earliest()
            .unwrap()
            .timestamp_micros();
        let day = 86_400_000_000i64;
        assert_eq!((raw - sent) % day, 0, "whole days");
        let days = (raw - sent) / day;
        assert!((1..=365).contains(&days), "{days}");
        assert_eq!(
            *hour as u32,
            chrono::Timelike::hour(&local),
            "local hour kept"
        );
        shifts_by_patient
            .entry(row["PatientID"].clone())
            .or_default()
            .insert(days);
        checked += 1;
    }
    assert!(checked >= 30, "checked {checked}");
    for (patient, shifts) in shifts_by_patient {
        assert_eq!(
            shifts.len(),
            1,
            "one shift per patient: {patient} {shifts:?}"
        );
    }
}

#[test]
fn analyses_print_tables_and_write_csv_marked_as_demo() {
    let dir = tempfile::tempdir().unwrap();
    let stdout = run_demo(dir.path(), &demo_key());
    assert!(stdout.contains("Messages by sender role"), "{stdout}");
    assert!(stdout.contains("| clinician"), "{stdout}");
    let results = dir.path().join("results/demo");
    let by_role = std::fs::read_to_string(results.join("messages_by_sender_role.csv")).unwrap();
    assert!(
        by_role.starts_with("sender_role,messages,percent\n"),
        "{by_role}"
    );
    // Each role's count, or `suppressed` where fewer than 5 patients (the
    // demo's min_cell) make it up, as the raw export says.
    let mut expected: BTreeMap<&str, (u64, std::collections::BTreeSet<String>)> = BTreeMap::new();
    for row in demo_export_rows() {
        let role = match row["AbsenderRolle"].as_str() {
            "Patient" => "patient",
            "Arzt" | "Ärztin" => "clinician",
            _ => "proxy",
        };
        let entry = expected.entry(role).or_default();
        entry.0 += 1;
        entry.1.insert(row["PatientID"].clone());
    }
    let shown: BTreeMap<String, String> = by_role
        .lines()
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            (cells[0].to_string(), cells[1].to_string())
        })
        .collect();
    assert_eq!(shown.len(), expected.len(), "{by_role}");
    // Two of the export's 42 rows are quarantined, so a shown count may be
    // up to two below the export's.
    for (role, (messages, patients)) in &expected {
        if patients.len() < 5 {
            assert_eq!(shown[*role], "suppressed", "{role}: {by_role}");
        } else {
            let n: u64 = shown[*role].parse().unwrap();
            assert!(n <= *messages && n + 2 >= *messages, "{role}: {by_role}");
        }
    }
    let per_patient = std::fs::read_to_string(results.join("messages_per_patient.csv")).unwrap();
    assert!(
        per_patient.lines().nth(1).unwrap().starts_with("8,"),
        "8 patients: {per_patient}"
    );
    assert!(
        std::fs::read_to_string(results.join("NOTICE.txt"))
            .unwrap()
            .contains("PUBLIC demo key")
    );
}

/// The demo export with two rows appended that repeat earlier message ids.
#[test]
fn rows_repeating_a_message_id_are_quarantined_in_both_passes_alike() {
    let dir = tempfile::tempdir().unwrap();
    let mut export = std::fs::read_to_string(repo().join("fixtures/demo/nachrichten.csv")).unwrap();
    for id in ["N-3001", "N-3002"] {
        export.push_str(&format!(
            "\"{id}\";\"V-2001\";\"P-1001\";\"Patient\";\"P-1001\";\"Anna Koch\";\"Arzt\";\"A-01\";\"Dr. Katrin Wolf\";\"Anna\";\"Koch\";\"14.05.1978\";\"05.02.2025 09:00\";\"PIA Neuruppin\";\"Psychiatrie und Psychotherapie\";\"Noch einmal\";\"Repeated {id}\"\n"
        ));
    }
    std::fs::write(dir.path().join("nachrichten.csv"), export).unwrap();
    let pipeline = std::fs::read_to_string(demo_pipeline())
        .unwrap()
        .replace("../fixtures/demo/nachrichten.csv", "nachrichten.csv")
        .replace("../fixtures/", &format!("{}/fixtures/", repo().display()));
    let path = dir.path().join("demo.toml");
    std::fs::write(&path, pipeline).unwrap();
    let (out, _, stderr) = output(veil_run(&path, dir.path()).arg("--quiet"));
    assert!(out.status.success(), "{stderr}");

    let m = manifest(&dir.path().join("releases/demo"));
    let source = &m["sources"][0];
    assert_eq!(source["quarantine_reasons"]["duplicate_message_id"], 2);
    let released = source["rows_released"].as_u64().unwrap();
    assert_eq!(
        source["rows_read"].as_u64().unwrap(),
        released + source["rows_quarantined"].as_u64().unwrap()
    );
    assert_eq!(m["tables"]["messages"]["rows"].as_u64().unwrap(), released);
    let bodies = text_columns(&dir.path().join("releases/demo"))["body"].join("\n");
    assert!(!bodies.contains("Repeated"), "{bodies}");
    let quarantine = std::fs::read_to_string(
        dir.path()
            .join("private/demo/quarantine/pia-brandenburg.csv"),
    )
    .unwrap();
    assert_eq!(
        quarantine.matches("duplicate_message_id").count(),
        2,
        "{quarantine}"
    );
}
