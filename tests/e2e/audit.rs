//! `veil audit` and the audit written with every release: counts from the
//! findings table, risk of the patients table, k-anonymity, snapshots of
//! audit.json and of error messages.

use std::collections::BTreeMap;

use arrow::datatypes::Int32Type;

use super::*;

fn audit_json(release: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(release.join("audit.json")).unwrap()).unwrap()
}

/// A copy of the demo pipeline with `extra` appended to its `[release]` table.
fn demo_pipeline_with(dir: &Path, release_options: &str) -> PathBuf {
    let text = std::fs::read_to_string(demo_pipeline())
        .unwrap()
        .replace("../fixtures/", &format!("{}/fixtures/", repo().display()))
        .replace("[release]\n", &format!("[release]\n{release_options}\n"));
    let path = dir.join("pipeline.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn audit_json_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    run_demo(dir.path(), &demo_key());
    let mut audit = audit_json(&dir.path().join("releases/demo"));
    // What the scrubber finds changes as the scrubber improves: its counts
    // are checked against the findings table below, not frozen here.
    audit["redactions"] = "[scrubber-dependent]".into();
    audit["kept_capitalised_tokens"] = "[scrubber-dependent]".into();
    insta::with_settings!({filters => vec![
        (r#""tool_version": "[^"]+""#, r#""tool_version": "[version]""#),
        (r#""pipeline_sha256": "[0-9a-f]{64}""#, r#""pipeline_sha256": "[sha256]""#),
    ]}, {
        insta::assert_json_snapshot!(audit);
    });
}

#[test]
fn audit_counts_come_from_the_findings_table_and_match_the_messages() {
    let dir = tempfile::tempdir().unwrap();
    run_demo(dir.path(), &demo_key());
    let release = dir.path().join("releases/demo");
    let audit = audit_json(&release);
    let findings = read_batches(&dir.path().join("private/demo"));
    let mut from_findings: BTreeMap<String, u64> = BTreeMap::new();
    for batch in &findings {
        let categories = batch.column_by_name("category").unwrap().as_string::<i32>();
        let macs = batch.column_by_name("text_mac").unwrap().as_string::<i32>();
        for i in 0..batch.num_rows() {
            *from_findings
                .entry(categories.value(i).to_string())
                .or_default() += 1;
            assert_eq!(macs.value(i).len(), 32, "a digest, never the text");
        }
    }
    let mut from_messages: BTreeMap<String, u64> = BTreeMap::new();
    for batch in read_batches(&release.join("messages")) {
        for field in batch.schema().fields() {
            if let Some(category) = field.name().strip_prefix("redactions_") {
                let n = batch
                    .column_by_name(field.name())
                    .unwrap()
                    .as_primitive::<Int32Type>();
                let sum: i64 = (0..n.len()).map(|i| i64::from(n.value(i))).sum();
                if sum > 0 {
                    from_messages.insert(category.to_uppercase(), sum as u64);
                }
            }
        }
    }
    let audited: BTreeMap<String, u64> =
        serde_json::from_value(audit["redactions"]["by_site_category"]["brandenburg"].clone())
            .unwrap();
    assert!(!audited.is_empty());
    assert_eq!(audited, from_findings);
    assert_eq!(audited, from_messages);
    assert_eq!(
        audit["redactions"]["total"].as_u64().unwrap(),
        from_findings.values().sum::<u64>()
    );

    let html = std::fs::read_to_string(release.join("audit.html")).unwrap();
    assert!(html.contains("<svg") && html.contains("Re-identification risk"));
    assert!(
        !html.contains("<script") && !html.contains("src="),
        "self-contained"
    );
    for row in demo_export_rows() {
        assert!(!html.contains(&row["Nachname"]), "no raw name in the audit");
    }

    // `veil audit` recomputes the same audit from the release and private/.
    let (out, _, stderr) = output(veil().arg("audit").arg(&release));
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("matches   the audit.json in the release"),
        "{stderr}"
    );
    assert!(dir.path().join("private/demo/audit/audit.html").is_file());
}

#[test]
fn k_anonymity_generalises_the_patients_table_and_the_audit_says_how() {
    let dir = tempfile::tempdir().unwrap();
    let pipeline = demo_pipeline_with(dir.path(), "k_anonymity = 2\nk_action = \"generalize\"");
    let (out, _, stderr) = output(veil_run(&pipeline, dir.path()).arg("--no-analyses"));
    assert!(out.status.success(), "{stderr}");
    let audit = audit_json(&dir.path().join("releases/demo"));
    let steps = audit["k_anonymity"]["steps"].as_array().unwrap();
    assert!(!steps.is_empty(), "{audit}");
    assert_eq!(audit["k_anonymity"]["k_target"], 2);
    let before = 8; // every demo patient is unique without generalisation
    assert!(
        audit["risk"]["sample_uniques"].as_u64().unwrap() < before,
        "{audit}"
    );
    for batch in read_batches(&dir.path().join("releases/demo/patients")) {
        let years = batch
            .column_by_name("birth_year")
            .unwrap()
            .as_primitive::<Int32Type>();
        for i in 0..years.len() {
            assert!(years.is_null(i) || years.value(i) % 5 == 0, "generalised");
        }
    }
}

#[test]
fn error_message_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    // A small protocol of its own, so the snapshot does not move with the demo.
    let text = r#"study = "snap"
[[sources]]
name = "portal"
site = "berlin"
path = "messages.csv"
language = "de"
timestamp_format = "%d.%m.%Y %H:%M"
time_zone = "Europe/Berlin"
[sources.columns]
message_id = "ID"
patient_id = "Patient"
sender_role = "Rolle"
sender_name = "Absender"
patient_birth_date = "Geboren"
sent_at = "Datum"
body = "Text"
[policy]
message_id = "pseudonym"
patient_id = "pseudonym"
sender_role = "keep"
sender_name = "keep"
patient_birth_date = "shift"
sent_at = "shift"
body = "scrub"
"#;
    let pipeline = dir.path().join("refused.toml");
    std::fs::write(&pipeline, text).unwrap();
    let (out, _, refused) = output(veil().arg("check").arg(&pipeline));
    assert!(!out.status.success());

    run_demo(dir.path(), &demo_key());
    let release = dir.path().join("releases/demo");
    std::fs::remove_file(release.join("threads/site=brandenburg/part-00000.parquet")).unwrap();
    let (out, _, verify) = output(veil().arg("verify").arg(&release));
    assert!(!out.status.success());

    let (out, _, no_release) = output(veil().arg("audit").arg(dir.path()));
    assert!(!out.status.success());

    let root = regex_escape(&dir.path().display().to_string());
    insta::with_settings!({filters => vec![
        (root.as_str(), "[TMP]"),
        (r"time      [0-9.]+ s", "time      [time]"),
    ]}, {
        insta::assert_snapshot!("refused_policy", refused);
        insta::assert_snapshot!("verify_missing_file", verify);
        insta::assert_snapshot!("audit_not_a_release", no_release);
    });
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            if "\\.+*?()|[]{}^$".contains(c) {
                vec!['\\', c]
            } else {
                vec![c]
            }
        })
        .collect()
}
