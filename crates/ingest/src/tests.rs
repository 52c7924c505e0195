//! Behaviour tests of ingest on small files written per test.

use std::path::PathBuf;

use arrow::array::{Array, AsArray};
use arrow::datatypes::TimestampMicrosecondType;
use veil_pipeline::Pipeline;

use crate::{IngestError, IngestOptions, Reason, SourceReader};

const PIPELINE: &str = r#"
study = "t"
[[sources]]
name = "src"
site = "s1"
path = "export.csv"
delimiter = ";"
language = "de"
timestamp_format = "%d.%m.%Y %H:%M"
time_zone = "Europe/Berlin"
max_field_bytes = 1000
ENCODING
[sources.columns]
message_id = "ID"
patient_id = "Patient"
sender_role = "Rolle"
sent_at = "Gesendet"
body = "Text"
[sources.roles]
Arzt = "clinician"
[policy]
message_id = "pseudonym"
patient_id = "pseudonym"
sender_role = "keep"
sent_at = "shift"
body = "scrub"
"#;

/// Quarantined rows as (line, column, reason kind).
type Quarantined = Vec<(u64, Option<String>, &'static str)>;

struct Case {
    dir: PathBuf,
}

impl Case {
    fn new(name: &str, export: &[u8], encoding: &str) -> Case {
        let dir = std::env::temp_dir().join(format!("veil-ingest-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("export.csv"), export).unwrap();
        std::fs::write(dir.join("p.toml"), PIPELINE.replace("ENCODING", encoding)).unwrap();
        Case { dir }
    }

    fn open(&self) -> Result<SourceReader, IngestError> {
        let pipeline = Pipeline::load(&self.dir.join("p.toml")).unwrap();
        SourceReader::open(
            &pipeline,
            &pipeline.sources[0],
            &IngestOptions { batch_rows: 2 },
        )
    }

    /// Reads everything: passed bodies, quarantined (line, column, reason kind).
    fn read(&self) -> (Vec<String>, Quarantined, SourceReader) {
        let mut reader = self.open().unwrap();
        let mut bodies = Vec::new();
        let mut bad = Vec::new();
        while let Some(chunk) = reader.next_chunk().unwrap() {
            let body = chunk
                .batch
                .column_by_name("body")
                .unwrap()
                .as_string::<i32>();
            bodies.extend(body.iter().map(|b| b.unwrap().to_string()));
            bad.extend(
                chunk
                    .quarantined
                    .into_iter()
                    .map(|q| (q.line, q.column, q.reason.kind())),
            );
        }
        assert!(reader.counts().reconciles(), "{:?}", reader.counts());
        (bodies, bad, reader)
    }
}

impl Drop for Case {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn windows_1252_is_detected_and_decoded() {
    let case = Case::new(
        "cp1252",
        b"ID;Patient;Rolle;Gesendet;Text\n1;P1;Patient;12.03.2025 14:30;Gr\xfc\xdfe, \x80 5\n",
        "",
    );
    let (bodies, bad, reader) = case.read();
    assert_eq!(bodies, vec!["Grüße, € 5"]);
    assert!(bad.is_empty());
    assert!(
        reader.encoding().starts_with("windows-1252 (detected"),
        "{}",
        reader.encoding()
    );
}

#[test]
fn bom_crlf_and_quoted_newlines() {
    let export = "\u{feff}ID;Patient;Rolle;Gesendet;Text\r\n1;P1;Arzt;12.03.2025 14:30;\"Zeile 1\r\nZeile \"\"2\"\"\"\r\n2;P1;patient;12.03.2025 15:30;ok\r\n";
    let case = Case::new("bom", export.as_bytes(), "");
    let (bodies, bad, reader) = case.read();
    assert_eq!(bodies, vec!["Zeile 1\r\nZeile \"2\"", "ok"]);
    assert!(bad.is_empty());
    assert_eq!(reader.counts().rows_read, 2);
}

#[test]
fn each_bad_row_is_quarantined_with_line_column_and_reason() {
    let mut export = b"ID;Patient;Rolle;Gesendet;Text\n".to_vec();
    export.extend_from_slice(b"1;P1;Patient;12.03.2025 14:30;gut\n"); // line 2: passes
    export.extend_from_slice(b"2;P1;Patient;31.02.2025 10:00;x\n"); // 3: impossible date
    export.extend_from_slice(b"3;P1;Patient;30.03.2025 02:30;x\n"); // 4: DST gap
    export.extend_from_slice(b"1;P2;Patient;12.03.2025 14:30;again\n"); // 5: duplicate id
    export.extend_from_slice(b"4;P1;Patient;12.03.2025 14:30;bad \xff byte\n"); // 6: invalid UTF-8
    export.extend_from_slice(b"5;P1;Patient;12.03.2025 14:30;\n"); // 7: empty body
    export.extend_from_slice(b"6;P1;Nurse;12.03.2025 14:30;x\n"); // 8: unknown role
    export.extend_from_slice(b"7;P1;Patient\n"); // 9: short row
    export.extend_from_slice(
        format!("8;P1;Patient;12.03.2025 14:30;{}\n", "x".repeat(2000)).as_bytes(),
    ); // 10: too large
    export.extend_from_slice(b"9;P1;Arzt;26.10.2025 02:30;fold\n"); // 11: DST fold passes
    let case = Case::new("faults", &export, "encoding = \"utf-8\"");
    let (bodies, bad, reader) = case.read();
    assert_eq!(bodies, vec!["gut", "fold"]);
    let text = |s: &str| Some(s.to_string());
    assert_eq!(
        bad,
        vec![
            (3, text("Gesendet"), "bad_timestamp"),
            (4, text("Gesendet"), "nonexistent_local_time"),
            (5, text("ID"), "duplicate_message_id"),
            (6, text("Text"), "invalid_utf8"),
            (7, text("Text"), "missing_value"),
            (8, text("Rolle"), "unknown_role"),
            (9, None, "field_count"),
            (10, text("Text"), "field_too_large"),
        ]
    );
    let counts = reader.counts();
    assert_eq!(
        (
            counts.rows_read,
            counts.rows_passed,
            counts.rows_quarantined
        ),
        (10, 2, 8)
    );
    assert_eq!(counts.reasons.values().sum::<u64>(), 8);
}

#[test]
fn role_values_read_the_same_however_many_distinct_ones_come() {
    // More distinct values than the validator remembers, each seen twice,
    // known ones in every case among them.
    let mut export = b"ID;Patient;Rolle;Gesendet;Text\n".to_vec();
    let mut expected = Vec::new();
    for round in 0..2 {
        for i in 0..40 {
            let (role, canonical) = match i % 4 {
                0 => ("Arzt".to_string(), Some("clinician")),
                1 => (
                    ["patient", "PATIENT", " Patient "][i % 3].to_string(),
                    Some("patient"),
                ),
                2 => (format!("Rolle{i}"), None),
                _ => ("staff".to_string(), Some("staff")),
            };
            let id = round * 100 + i;
            export.extend_from_slice(format!("{id};P1;{role};12.03.2025 14:30;t\n").as_bytes());
            expected.push(canonical);
        }
    }
    let case = Case::new("many-roles", &export, "");
    let mut reader = case.open().unwrap();
    let (mut passed, mut unknown) = (Vec::new(), 0);
    while let Some(chunk) = reader.next_chunk().unwrap() {
        let roles = chunk
            .batch
            .column_by_name("sender_role")
            .unwrap()
            .as_string::<i32>()
            .iter()
            .map(|r| r.map(str::to_string))
            .collect::<Vec<_>>();
        passed.extend(roles);
        unknown += chunk
            .quarantined
            .iter()
            .filter(|q| q.reason.kind() == "unknown_role")
            .count();
    }
    let want: Vec<Option<String>> = expected
        .iter()
        .flatten()
        .map(|r| Some(r.to_string()))
        .collect();
    assert_eq!(passed, want);
    assert_eq!(unknown, expected.iter().filter(|r| r.is_none()).count());
}

#[test]
fn roles_and_offsets_are_canonical() {
    let case = Case::new(
        "roles",
        b"ID;Patient;Rolle;Gesendet;Text\n1;P1;Arzt;12.07.2025 09:15;a\n",
        "",
    );
    let mut reader = case.open().unwrap();
    let batch = reader.next_chunk().unwrap().unwrap().batch;
    assert_eq!(
        batch
            .column_by_name("sender_role")
            .unwrap()
            .as_string::<i32>()
            .value(0),
        "clinician"
    );
    assert_eq!(
        batch
            .column_by_name("language")
            .unwrap()
            .as_string::<i32>()
            .value(0),
        "de"
    );
    let offset = batch
        .column_by_name("utc_offset_minutes")
        .unwrap()
        .as_primitive::<arrow::datatypes::Int32Type>();
    assert_eq!(offset.value(0), 120);
    let sent = batch
        .column_by_name("sent_at")
        .unwrap()
        .as_primitive::<TimestampMicrosecondType>();
    assert_eq!(
        sent.value(0),
        1_752_304_500_000_000,
        "09:15 CEST is 07:15 UTC"
    );
    assert!(
        batch.column_by_name("thread_id").unwrap().is_null(0),
        "unmapped columns are null"
    );
}

#[test]
fn a_missing_header_column_stops_before_any_row_with_the_closest_match() {
    let case = Case::new(
        "header",
        b"ID;Patient;Rolle;Gesendet am;Text\n1;P1;Arzt;x;y\n",
        "",
    );
    let err = case.open().unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, IngestError::MissingColumn { .. }));
    assert!(message.contains("did you mean `Gesendet am`"), "{message}");
    assert!(message.contains(&case.dir.join("export.csv").display().to_string()));
}

#[test]
fn a_header_read_at_the_wrong_delimiter_names_the_right_one() {
    // The pipeline says `;` (the test default); the file uses tabs.
    let case = Case::new(
        "tabs",
        b"ID\tPatient\tRolle\tGesendet\tText\n1\tP1\tArzt\t01.02.2025 10:00\tHallo\n",
        "",
    );
    let message = case.open().unwrap_err().to_string();
    assert!(
        message.contains("splits at `\\t`") && message.contains(r#"delimiter = "\t""#),
        "{message}"
    );
    // A header that has no such column at any delimiter gets no hint.
    let case = Case::new("none", b"ID;Patient;Rolle;Gesendet am;Text\n", "");
    let message = case.open().unwrap_err().to_string();
    assert!(!message.contains("splits at"), "{message}");
}

#[test]
fn a_quoted_field_never_closed_is_quarantined_whole() {
    let case = Case::new(
        "open-quote",
        b"ID;Patient;Rolle;Gesendet;Text\n\
          1;P1;Arzt;01.02.2025 10:00;Hallo\n\
          2;P1;Arzt;01.02.2025 11:00;\"Bis bald\n\
          3;P1;Arzt;01.02.2025 12:00;Tsch\xC3\xBCss\n",
        "",
    );
    let (bodies, bad, reader) = case.read();
    assert_eq!(bodies, ["Hallo"]);
    assert_eq!(bad, [(3, Some("Text".to_string()), "unterminated_quote")]);
    assert!(reader.counts().reconciles());
}

#[test]
fn a_gzip_export_reads_as_its_text_and_an_excel_workbook_is_named() {
    use std::io::Write;
    let text = b"ID;Patient;Rolle;Gesendet;Text\n1;P1;Arzt;01.02.2025 10:00;Hallo\n";
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), Default::default());
    gzip.write_all(text).unwrap();
    let case = Case::new("gzip", &gzip.finish().unwrap(), "");
    let (bodies, bad, reader) = case.read();
    assert_eq!(bodies, ["Hallo"]);
    assert!(bad.is_empty());
    assert!(
        reader.encoding().ends_with("gzip-compressed"),
        "{}",
        reader.encoding()
    );

    let case = Case::new("xlsx", b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml", "");
    let err = case.open().unwrap_err();
    assert!(matches!(err, IngestError::NotAnExport { .. }));
    let message = err.to_string();
    assert!(
        message.contains("Excel .xlsx") && message.contains("save the sheet as CSV"),
        "{message}"
    );
}

#[test]
fn a_missing_file_names_the_path() {
    let case = Case::new("missing", b"", "");
    std::fs::remove_file(case.dir.join("export.csv")).unwrap();
    let err = case.open().unwrap_err().to_string();
    assert!(err.contains("export.csv"), "{err}");
}

#[test]
fn quarantine_reasons_read_well() {
    let reason = Reason::DuplicateMessageId { first_line: 4 };
    assert_eq!(
        reason.to_string(),
        "duplicate message id (first seen on line 4)"
    );
}

#[test]
fn login_sources_yield_login_batches_with_the_same_quarantine_rules() {
    let dir = std::env::temp_dir().join(format!("veil-ingest-logins-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("logins.csv"),
        "PatientID;Anmeldung;Extra\nP1;12.03.2025 14:30;x\nP2;30.03.2025 02:30;x\n;12.03.2025 14:30;x\nP1;26.10.2025 02:30;x\nP3;kaputt;x\nP4\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("p.toml"),
        r#"
study = "t"
[[sources]]
name = "logins"
site = "s1"
kind = "logins"
path = "logins.csv"
delimiter = ";"
timestamp_format = "%d.%m.%Y %H:%M"
time_zone = "Europe/Berlin"
[sources.columns]
patient_id = "PatientID"
logged_in_at = "Anmeldung"
[policy]
patient_id = "pseudonym"
logged_in_at = "shift"
"#,
    )
    .unwrap();
    let pipeline = Pipeline::load(&dir.join("p.toml")).unwrap();
    let mut reader =
        SourceReader::open(&pipeline, &pipeline.sources[0], &IngestOptions::default()).unwrap();
    assert_eq!(reader.kind(), veil_pipeline::SourceKind::Logins);
    assert_eq!(reader.schema(), crate::logins_schema());
    let chunk = reader.next_chunk().unwrap().unwrap();
    assert!(reader.next_chunk().unwrap().is_none());
    assert_eq!(chunk.batch.schema(), crate::logins_schema());
    let patients: Vec<&str> = chunk
        .batch
        .column_by_name("patient_id")
        .unwrap()
        .as_string::<i32>()
        .iter()
        .map(Option::unwrap)
        .collect();
    assert_eq!(patients, vec!["P1", "P1"]);
    let at = chunk
        .batch
        .column_by_name("logged_in_at")
        .unwrap()
        .as_primitive::<TimestampMicrosecondType>();
    assert_eq!(at.value(0), 1_741_786_200_000_000);
    let offsets = chunk
        .batch
        .column_by_name("utc_offset_minutes")
        .unwrap()
        .as_primitive::<arrow::datatypes::Int32Type>();
    assert_eq!((offsets.value(0), offsets.value(1)), (60, 120));
    let bad: Vec<(u64, Option<String>, &str)> = chunk
        .quarantined
        .iter()
        .map(|q| (q.line, q.column.clone(), q.reason.kind()))
        .collect();
    let text = |s: &str| Some(s.to_string());
    assert_eq!(
        bad,
        vec![
            (3, text("Anmeldung"), "nonexistent_local_time"),
            (4, text("PatientID"), "missing_value"),
            (6, text("Anmeldung"), "bad_timestamp"),
            (7, None, "field_count"),
        ]
    );
    let counts = reader.counts();
    assert_eq!(
        (
            counts.rows_read,
            counts.rows_passed,
            counts.rows_quarantined
        ),
        (6, 2, 4)
    );
    assert!(counts.reconciles());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn duplicate_ids_are_found_across_sources_of_a_site_when_shared() {
    let dir = std::env::temp_dir().join(format!("veil-ingest-shared-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let header = "ID;Patient;Rolle;Gesendet;Text\n";
    std::fs::write(
        dir.join("a.csv"),
        format!("{header}1;P1;Patient;12.03.2025 14:30;a\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("b.csv"),
        format!("{header}2;P1;Patient;12.03.2025 14:31;b\n1;P1;Patient;12.03.2025 14:32;a again\n"),
    )
    .unwrap();
    let source = |name: &str, site: &str| {
        PIPELINE
            .split("[policy]")
            .next()
            .unwrap()
            .split("[[sources]]")
            .nth(1)
            .unwrap()
            .replace("name = \"src\"", &format!("name = \"{name}\""))
            .replace("site = \"s1\"", &format!("site = \"{site}\""))
            .replace("export.csv", &format!("{name}.csv"))
            .replace("ENCODING", "")
    };
    let policy = PIPELINE.split("[policy]").nth(1).unwrap();
    let text = format!(
        "study = \"t\"\n[[sources]]{}\n[[sources]]{}\n[policy]{policy}",
        source("a", "s1"),
        source("b", "s1")
    );
    std::fs::write(dir.join("p.toml"), text).unwrap();
    let pipeline = Pipeline::load(&dir.join("p.toml")).unwrap();
    let quarantined = |shared: bool| {
        let ids = crate::SiteIds::default();
        let mut kinds = Vec::new();
        for source in &pipeline.sources {
            let mut reader =
                SourceReader::open(&pipeline, source, &IngestOptions::default()).unwrap();
            if shared {
                reader.share_ids(&ids);
            }
            while let Some(chunk) = reader.next_chunk().unwrap() {
                kinds.extend(chunk.quarantined.iter().map(|q| (q.line, q.reason.kind())));
            }
            assert!(reader.counts().reconciles());
        }
        kinds
    };
    assert_eq!(quarantined(false), vec![]);
    assert_eq!(quarantined(true), vec![(3, "duplicate_message_id")]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_reader_keeping_some_columns_checks_every_row_the_same() {
    let mut export = b"ID;Patient;Rolle;Gesendet;Text\n".to_vec();
    export.extend_from_slice(b"1;P1;Patient;12.03.2025 14:30;gut\n");
    export.extend_from_slice(b"2;P1;Patient;31.02.2025 10:00;x\n"); // bad timestamp
    export.extend_from_slice(b"3;P2;Arzt;12.03.2025 15:30;ok\n");
    export.extend_from_slice(b"1;P2;Patient;12.03.2025 14:30;again\n"); // duplicate id
    export.extend_from_slice(b"4;P3;Patient;12.03.2025 14:30;\n"); // empty body
    let case = Case::new("keep-only", &export, "encoding = \"utf-8\"");
    let (bodies, bad, all) = case.read();
    assert_eq!(bodies, vec!["gut", "ok"]);

    let mut reader = case.open().unwrap();
    reader.keep_only(&[veil_pipeline::CanonicalColumn::PatientId]);
    let (mut patients, mut kept_bad) = (Vec::new(), Vec::new());
    while let Some(chunk) = reader.next_chunk().unwrap() {
        let batch = &chunk.batch;
        let body = batch.column_by_name("body").unwrap();
        assert_eq!(body.null_count(), batch.num_rows(), "bodies are not kept");
        let patient = batch
            .column_by_name("patient_id")
            .unwrap()
            .as_string::<i32>();
        patients.extend(patient.iter().map(|p| p.unwrap().to_string()));
        kept_bad.extend(
            chunk
                .quarantined
                .into_iter()
                .map(|q| (q.line, q.column, q.reason.kind())),
        );
    }
    assert_eq!(patients, vec!["P1", "P2"]);
    assert_eq!(kept_bad, bad);
    assert_eq!(reader.counts(), all.counts());
}

/// Every quarantined and flagged row of a reading, with the raw row.
type Remarks = Vec<(u64, Option<String>, String, String)>;

/// Reads `case` keeping `kept` columns (all when `None`): the kept
/// columns' values per passed row, the quarantined and flagged rows.
fn read_keeping(
    case: &Case,
    kept: Option<&[veil_pipeline::CanonicalColumn]>,
) -> (Vec<Vec<Option<String>>>, Remarks) {
    let mut reader = case.open().unwrap();
    if let Some(kept) = kept {
        reader.keep_only(kept);
    }
    let names = ["patient_id", "sender_role", "sent_at"];
    let (mut values, mut remarks) = (Vec::new(), Vec::new());
    while let Some(chunk) = reader.next_chunk().unwrap() {
        let batch = &chunk.batch;
        for row in 0..batch.num_rows() {
            let mut kept_values: Vec<Option<String>> = names
                .iter()
                .map(|n| {
                    let column = batch.column_by_name(n).unwrap();
                    match column.as_string_opt::<i32>() {
                        Some(text) => text.is_valid(row).then(|| text.value(row).to_string()),
                        None => Some(format!("{:?}", column.slice(row, 1))),
                    }
                })
                .collect();
            let body = batch.column_by_name("body").unwrap().as_string::<i32>();
            kept_values.push(body.is_valid(row).then(|| body.value(row).to_string()));
            values.push(kept_values);
        }
        remarks.extend(
            chunk
                .quarantined
                .into_iter()
                .map(|q| (q.line, q.column, q.reason.kind().to_string(), q.raw)),
        );
        remarks.extend(
            chunk
                .flagged
                .into_iter()
                .map(|f| (f.line, Some(f.column), f.flag.to_string(), String::new())),
        );
    }
    assert!(reader.counts().reconciles());
    (values, remarks)
}

#[test]
fn columns_a_pass_does_not_keep_are_still_checked_but_not_decoded() {
    use veil_pipeline::CanonicalColumn as C;
    // Enough rows that most are read after `keep_only`, with invalid
    // UTF-8 (or legacy bytes) in the unkept body now and then.
    let mut export = b"ID;Patient;Rolle;Gesendet;Text\r\n".to_vec();
    for i in 0..3000 {
        let body: &[u8] = match i % 97 {
            0 => b"b\xffse",
            1 => b"\"Gr\xfc\xdfe; \"\"so\"\"\"",
            2 => b"   ",
            // Blank or not by characters that are not ASCII.
            3 => b"\xA0 ",
            4 => b"\xA0x",
            5 => b" \xE2\x80\x83\t",
            6 => b"\x85",
            _ => b"gut",
        };
        export.extend_from_slice(format!("{i};P{};Patient;12.03.2025 14:30;", i % 7).as_bytes());
        export.extend_from_slice(body);
        export.extend_from_slice(b"\r\n");
    }
    for encoding in [
        "encoding = \"utf-8\"",
        "encoding = \"utf-8\"\ninvalid_utf8 = \"replace\"",
        "encoding = \"windows-1252\"",
        "encoding = \"iso-8859-1\"",
    ] {
        let case = Case::new("unkept-checked", &export, encoding);
        let (all_values, all_remarks) = read_keeping(&case, None);
        let (values, remarks) = read_keeping(&case, Some(&[C::PatientId]));
        assert_eq!(remarks, all_remarks, "{encoding}");
        assert!(!remarks.is_empty(), "{encoding}");
        assert_eq!(values.len(), all_values.len(), "{encoding}");
        for (kept, all) in values.iter().zip(&all_values) {
            // patient_id is kept, sender_role and sent_at are not text
            // columns kept here (sent_at is always kept), the body is null.
            assert_eq!(kept[0], all[0], "{encoding}");
            assert_eq!(kept[2], all[2], "{encoding}");
            assert_eq!(kept[3], None, "{encoding}");
            assert!(all[3].is_some(), "{encoding}");
        }
    }
}

#[test]
fn a_second_reading_given_the_duplicates_passes_the_same_rows() {
    let mut export = b"ID;Patient;Rolle;Gesendet;Text\n".to_vec();
    export.extend_from_slice(b"1;P1;Patient;12.03.2025 14:30;gut\n");
    export.extend_from_slice(b"2;P1;Patient;31.02.2025 10:00;x\n"); // bad timestamp
    export.extend_from_slice(b"2;P2;Arzt;12.03.2025 15:30;ok\n"); // first valid id 2
    export.extend_from_slice(b"1;P2;Patient;12.03.2025 14:30;again\n"); // duplicate of line 2
    export.extend_from_slice(b"3;P3;Patient;12.03.2025 14:30;drei\n");
    export.extend_from_slice(b"2;P3;Patient;12.03.2025 16:30;twice\n"); // duplicate of line 4
    let case = Case::new("known-duplicates", &export, "encoding = \"utf-8\"");
    let (bodies, bad, first) = case.read();
    assert_eq!(bodies, vec!["gut", "ok", "drei"]);
    assert_eq!(first.duplicates(), &[(5, 2), (7, 4)]);

    let mut second = case.open().unwrap();
    second.known_duplicates(first.duplicates());
    let (mut again, mut again_bad) = (Vec::new(), Vec::new());
    while let Some(chunk) = second.next_chunk().unwrap() {
        let body = chunk
            .batch
            .column_by_name("body")
            .unwrap()
            .as_string::<i32>();
        again.extend(body.iter().map(|b| b.unwrap().to_string()));
        again_bad.extend(
            chunk
                .quarantined
                .into_iter()
                .map(|q| (q.line, q.column, q.reason.kind())),
        );
    }
    assert_eq!(again, bodies);
    assert_eq!(again_bad, bad);
    assert_eq!(second.counts(), first.counts());
    assert_eq!(second.duplicates(), first.duplicates());
}
