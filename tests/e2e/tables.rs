//! The release tables: derived columns checked against the raw export,
//! reproducibility of every file, and RELEASE.md in step with the code.

use std::collections::{BTreeMap, BTreeSet};

use arrow::datatypes::{Int32Type, Int64Type, TimestampMicrosecondType};
use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeZone};

use super::*;

fn manifest(release: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(release.join("manifest.json")).unwrap()).unwrap()
}

#[test]
fn releasing_twice_gives_the_same_hash_for_every_file() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    run_demo(&a, &demo_key());
    run_demo(&b, &demo_key());
    let files = |root: &Path| manifest(&root.join("releases/demo"))["files"].clone();
    let listed = files(&a);
    let paths: BTreeSet<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    for table in ["messages", "patients", "threads"] {
        assert!(
            paths.contains(format!("{table}/site=brandenburg/part-00000.parquet").as_str()),
            "{paths:?}"
        );
    }
    assert_eq!(listed, files(&b), "byte-identical files, same hashes");

    // The files record their sort order, zstd and page statistics.
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let file =
        std::fs::File::open(a.join("releases/demo/messages/site=brandenburg/part-00000.parquet"))
            .unwrap();
    let reader = SerializedFileReader::new(file).unwrap();
    let metadata = reader.metadata();
    let schema = metadata.file_metadata().schema_descr();
    let group = metadata.row_group(0);
    let sorted: Vec<String> = group
        .sorting_columns()
        .unwrap()
        .iter()
        .map(|c| schema.column(c.column_idx as usize).name().to_string())
        .collect();
    assert_eq!(sorted, ["site", "patient_pid", "sent_at", "message_pid"]);
    assert!(
        group
            .columns()
            .iter()
            .all(|c| c.compression().to_string().starts_with("ZSTD"))
    );
    assert!(
        metadata.offset_index().is_some()
            || metadata.column_index().is_some()
            || group.column(0).column_index_offset().is_some(),
        "page index written"
    );
}

fn column<'a>(batch: &'a RecordBatch, name: &str) -> &'a dyn Array {
    batch
        .column_by_name(name)
        .unwrap_or_else(|| panic!("column {name}"))
        .as_ref()
}

#[test]
fn weekday_latency_and_patients_match_the_raw_export() {
    let dir = tempfile::tempdir().unwrap();
    run_demo(dir.path(), &demo_key());
    let release = dir.path().join("releases/demo");
    let key = veil_pseudonym::Key::from_file(&demo_key()).unwrap();
    let rows = demo_export_rows();
    let local = |row: &BTreeMap<String, String>| {
        NaiveDateTime::parse_from_str(&row["Gesendet"], "%d.%m.%Y %H:%M").ok()
    };
    let pid = |domain, id: &str| key.pseudonym(domain, "brandenburg", id);
    use veil_pseudonym::Domain;

    // messages: weekday is the true local weekday; latency the true interval
    // to the previous message of the other side.
    let mut by_message = BTreeMap::new();
    for batch in read_batches(&release.join("messages")) {
        let pids = column(&batch, "message_pid").as_string::<i32>();
        let weekday = column(&batch, "weekday").as_primitive::<Int32Type>();
        let latency = column(&batch, "reply_latency_minutes").as_primitive::<Int64Type>();
        let words = column(&batch, "word_count").as_primitive::<Int32Type>();
        let body = column(&batch, "body").as_string::<i32>();
        for i in 0..batch.num_rows() {
            assert_eq!(
                words.value(i) as usize,
                body.value(i).split_whitespace().count()
            );
            by_message.insert(
                pids.value(i).to_string(),
                (
                    weekday.value(i),
                    latency.is_valid(i).then(|| latency.value(i)),
                ),
            );
        }
    }
    let mut threads: BTreeMap<String, Vec<(NaiveDateTime, bool)>> = BTreeMap::new();
    let mut checked = 0;
    for row in &rows {
        let Some(sent) = local(row) else { continue };
        let Some((weekday, _)) = by_message.get(&pid(Domain::Message, &row["NachrichtID"])) else {
            continue;
        };
        assert_eq!(*weekday as u32, sent.weekday().number_from_monday());
        let patient_side = matches!(
            row["AbsenderRolle"].as_str(),
            "Patient" | "Angehörige" | "Angehöriger"
        );
        threads
            .entry(row["VerlaufID"].clone())
            .or_default()
            .push((sent, patient_side));
        checked += 1;
    }
    assert!(checked >= 30);
    let mut latencies = 0;
    for row in &rows {
        let Some(sent) = local(row) else { continue };
        let Some((_, latency)) = by_message.get(&pid(Domain::Message, &row["NachrichtID"])) else {
            continue;
        };
        let thread = &threads[&row["VerlaufID"]];
        let mut sorted = thread.clone();
        sorted.sort();
        let at = sorted.iter().position(|(t, _)| *t == sent).unwrap();
        let expected = (at > 0 && sorted[at - 1].1 != sorted[at].1).then(|| {
            let utc = |t: &NaiveDateTime| {
                chrono_tz::Europe::Berlin
                    .from_local_datetime(t)
                    .earliest()
                    .unwrap()
                    .timestamp()
            };
            (utc(&sent) - utc(&sorted[at - 1].0)) / 60
        });
        assert_eq!(*latency, expected, "{}", row["NachrichtID"]);
        latencies += usize::from(expected.is_some());
    }
    assert!(latencies >= 10, "{latencies}");

    // patients: one row per patient, birth year from the raw birth date (or 90+).
    let mut released_patients = BTreeMap::new();
    for batch in read_batches(&release.join("patients")) {
        let pids = column(&batch, "patient_pid").as_string::<i32>();
        let years = column(&batch, "birth_year").as_primitive::<Int32Type>();
        let bands = column(&batch, "age_band").as_string::<i32>();
        let messages = column(&batch, "messages").as_primitive::<Int64Type>();
        for i in 0..batch.num_rows() {
            released_patients.insert(
                pids.value(i).to_string(),
                (
                    years.is_valid(i).then(|| years.value(i)),
                    bands.is_valid(i).then(|| bands.value(i).to_string()),
                    messages.value(i),
                ),
            );
        }
    }
    let total: i64 = released_patients.values().map(|p| p.2).sum();
    assert_eq!(total as usize, by_message.len());
    let mut first_message: BTreeMap<String, (NaiveDateTime, String)> = BTreeMap::new();
    for row in &rows {
        let Some(sent) = local(row) else { continue };
        if !by_message.contains_key(&pid(Domain::Message, &row["NachrichtID"])) {
            continue;
        }
        let entry = first_message
            .entry(row["PatientID"].clone())
            .or_insert((sent, row["Geburtsdatum"].clone()));
        if sent < entry.0 {
            *entry = (sent, row["Geburtsdatum"].clone());
        }
    }
    assert_eq!(first_message.len(), released_patients.len());
    let mut top_coded = 0;
    for (patient, (first, birth)) in first_message {
        let birth = NaiveDate::parse_from_str(&birth, "%d.%m.%Y").unwrap();
        let age = first.date().years_since(birth).unwrap();
        let (year, band, _) = &released_patients[&pid(Domain::Patient, &patient)];
        if age >= 90 {
            assert_eq!((year, band.as_deref()), (&None, Some("90+")));
            top_coded += 1;
        } else {
            assert_eq!((year, band), (&Some(birth.year()), &None));
        }
    }
    assert!(top_coded >= 1, "the fixture has a patient of 90 or more");

    // threads: lengths add up to the messages.
    let mut thread_messages = 0;
    for batch in read_batches(&release.join("threads")) {
        let n = column(&batch, "messages").as_primitive::<Int64Type>();
        let started = column(&batch, "started_at").as_primitive::<TimestampMicrosecondType>();
        assert_eq!(started.null_count(), 0);
        thread_messages += (0..batch.num_rows()).map(|i| n.value(i)).sum::<i64>();
    }
    assert_eq!(thread_messages as usize, by_message.len());
}

#[test]
fn release_md_is_what_veil_schema_prints() {
    let (status, stdout, stderr) = output(veil().args(["schema", "--markdown"]));
    assert!(status.status.success(), "{stderr}");
    let committed = std::fs::read_to_string(repo().join("RELEASE.md")).unwrap();
    assert_eq!(
        committed, stdout,
        "RELEASE.md is stale: run `veil schema --markdown > RELEASE.md`"
    );
    let (status, _, stderr) = output(veil().args(["schema", "patient"]));
    assert!(!status.status.success());
    assert!(stderr.contains("known: messages, patients"), "{stderr}");
}

#[test]
fn logins_carry_the_patients_own_shift_and_are_counted_per_patient() {
    let dir = tempfile::tempdir().unwrap();
    run_demo(dir.path(), &demo_key());
    let release = dir.path().join("releases/demo");
    let key = veil_pseudonym::Key::from_file(&demo_key()).unwrap();
    let policy = veil_pseudonym::ShiftPolicy {
        min_days: 1,
        max_days: 365,
        whole_weeks: true,
    };
    let mut released: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for batch in read_batches(&release.join("logins")) {
        let pids = column(&batch, "patient_pid").as_string::<i32>();
        let at = column(&batch, "logged_in_at").as_primitive::<TimestampMicrosecondType>();
        for i in 0..batch.num_rows() {
            released
                .entry(pids.value(i).to_string())
                .or_default()
                .push(at.value(i));
        }
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_path(repo().join("fixtures/demo/anmeldungen.csv"))
        .unwrap();
    let mut expected: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for record in reader.records() {
        let record = record.unwrap();
        let local = NaiveDateTime::parse_from_str(&record[1], "%d.%m.%Y %H:%M").unwrap();
        let utc = chrono_tz::Europe::Berlin
            .from_local_datetime(&local)
            .earliest()
            .unwrap()
            .timestamp_micros();
        let days = key.shift_days("brandenburg", &record[0], &policy);
        let pid = key.pseudonym(veil_pseudonym::Domain::Patient, "brandenburg", &record[0]);
        expected
            .entry(pid)
            .or_default()
            .push(veil_pseudonym::shift_micros(utc, days));
    }
    for times in released.values_mut().chain(expected.values_mut()) {
        times.sort();
    }
    assert_eq!(released, expected);
    for batch in read_batches(&release.join("patients")) {
        let pids = column(&batch, "patient_pid").as_string::<i32>();
        let logins = column(&batch, "logins").as_primitive::<Int64Type>();
        for i in 0..batch.num_rows() {
            assert_eq!(
                logins.value(i) as usize,
                expected.get(pids.value(i)).map_or(0, Vec::len)
            );
        }
    }
}
