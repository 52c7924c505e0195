//! `veil synth` and `veil eval`.

use super::*;

#[test]
fn synth_regenerates_the_committed_german_fixture_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("german");
    let (status, stdout, stderr) = output(
        veil()
            .args(["synth", "german-psychiatry", "--seed", "1", "--out"])
            .arg(&out),
    );
    assert!(status.status.success(), "{stderr}");
    assert!(
        stdout.contains("274 messages (61 clinician initial notes, 122 patient messages"),
        "{stdout}"
    );
    assert!(stdout.contains("410 login events"), "{stdout}");
    let fixture = repo().join("fixtures/synth/german-psychiatry");
    for file in ["nachrichten.csv", "anmeldungen.csv", "gold.jsonl"] {
        assert!(
            std::fs::read(out.join(file)).unwrap() == std::fs::read(fixture.join(file)).unwrap(),
            "{file} differs from the fixture"
        );
    }
}

#[test]
fn synth_writes_exactly_the_messages_asked_for_and_refuses_unknown_profiles() {
    let dir = tempfile::tempdir().unwrap();
    let (status, _, stderr) = output(
        veil()
            .args(["synth", "us-chronic-care", "--messages", "1234", "--out"])
            .arg(dir.path()),
    );
    assert!(status.status.success(), "{stderr}");
    let gold = std::fs::read_to_string(dir.path().join("gold.jsonl")).unwrap();
    assert_eq!(gold.lines().count(), 1234);

    let (status, _, stderr) = output(
        veil()
            .args(["synth", "swiss-cardiology", "--out"])
            .arg(dir.path()),
    );
    assert!(!status.status.success());
    assert!(
        stderr.contains("unknown profile") && stderr.contains("german-psychiatry"),
        "{stderr}"
    );
}

/// Writes a scrubbed file in which every gold span is replaced by its tag.
fn perfect_scrub(gold: &Path, out: &Path) {
    let mut lines = String::new();
    for line in std::fs::read_to_string(gold).unwrap().lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        let mut fields = serde_json::Map::new();
        fields.insert("message_id".into(), record["message_id"].clone());
        for field in ["subject", "body"] {
            let chars: Vec<char> = record[field].as_str().unwrap().chars().collect();
            let mut text = String::new();
            let mut at = 0;
            for span in record["spans"].as_array().unwrap() {
                if span["field"] != field {
                    continue;
                }
                let (start, end) = (
                    span["start"].as_u64().unwrap() as usize,
                    span["end"].as_u64().unwrap() as usize,
                );
                text.extend(&chars[at..start]);
                text.push('[');
                text.push_str(span["category"].as_str().unwrap());
                text.push(']');
                at = end;
            }
            text.extend(&chars[at..]);
            fields.insert(field.into(), text.into());
        }
        lines.push_str(&serde_json::Value::Object(fields).to_string());
        lines.push('\n');
    }
    std::fs::write(out, lines).unwrap();
}

#[test]
fn eval_scores_an_untouched_export_at_zero_and_a_perfect_scrub_at_one() {
    let dir = tempfile::tempdir().unwrap();
    let gold = repo().join("fixtures/synth/dutch-outpatient/gold.jsonl");

    // Unchanged text: nothing removed, every long span leaks.
    let json = dir.path().join("none.json");
    let (status, stdout, stderr) = output(
        veil()
            .args(["eval", "--gold"])
            .arg(&gold)
            .arg("--scrubbed")
            .arg(&gold)
            .arg("--out")
            .arg(&json),
    );
    assert!(status.status.success(), "{stderr}");
    assert!(
        stdout.contains("PATIENT_NAME") && stdout.contains("overall"),
        "{stdout}"
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(report["messages"], 300);
    assert_eq!(report["overall"]["token_recall"], 0.0);
    assert!(report["overall"]["leaks"].as_u64().unwrap() > 100);

    // Every span replaced by its tag.
    let scrubbed = dir.path().join("perfect.jsonl");
    perfect_scrub(&gold, &scrubbed);
    let json = dir.path().join("perfect.json");
    let (status, _, stderr) = output(
        veil()
            .args(["eval", "--gold"])
            .arg(&gold)
            .arg("--scrubbed")
            .arg(&scrubbed)
            .arg("--out")
            .arg(&json),
    );
    assert!(status.status.success(), "{stderr}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(report["overall"]["token_recall"], 1.0);
    assert_eq!(report["overall"]["strict_entity_recall"], 1.0);
    assert_eq!(report["overall"]["token_precision"], 1.0);
    assert_eq!(report["overall"]["leaks"], 0);
}
