//! `veil sql` over a release.

use super::*;

fn demo_release() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (out, _, stderr) = output(veil_run(demo_pipeline(), dir.path()).arg("--no-analyses"));
    assert!(out.status.success(), "{stderr}");
    let release = dir.path().join("releases/demo");
    (dir, release)
}

fn sql(release: &Path, query: &str, format: &str) -> (bool, String, String) {
    let (out, stdout, stderr) = output(
        veil()
            .arg("sql")
            .arg(release)
            .args(["--format", format, "-c", query]),
    );
    (out.status.success(), stdout, stderr)
}

#[test]
fn formats_table_csv_json_and_jsonl() {
    let (_dir, release) = demo_release();
    let query = "SELECT message_kind, count(*) AS n FROM messages GROUP BY message_kind ORDER BY message_kind";
    let (ok, table, stderr) = sql(&release, query, "table");
    assert!(ok, "{stderr}");
    assert!(
        table.contains("| message_kind") && table.contains("| patient_message"),
        "{table}"
    );
    assert!(
        stderr.contains("PUBLIC demo key"),
        "outputs made with the demo key say so: {stderr}"
    );

    let (_, csv, _) = sql(&release, query, "csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "message_kind,n");
    assert_eq!(lines.len(), 4, "{csv}");
    let total: u64 = lines[1..]
        .iter()
        .map(|l| l.split(',').nth(1).unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(total, 40);

    let (_, json, _) = sql(&release, query, "json");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value.as_array().unwrap().len(), 3);
    assert_eq!(value[0]["message_kind"], "clinician_initial_note");

    let (_, jsonl, _) = sql(&release, query, "jsonl");
    assert_eq!(jsonl.lines().count(), 3);
}

#[test]
fn an_empty_result_still_has_its_header() {
    let (_dir, release) = demo_release();
    let (ok, csv, _) = sql(
        &release,
        "SELECT message_pid FROM messages WHERE 1 = 0",
        "csv",
    );
    assert!(ok);
    assert_eq!(csv.trim(), "message_pid");
    let (_, json, _) = sql(
        &release,
        "SELECT message_pid FROM messages WHERE 1 = 0",
        "json",
    );
    assert_eq!(json.trim(), "[]");
}

#[test]
fn sql_is_read_only() {
    let (dir, release) = demo_release();
    let target = dir.path().join("written.csv");
    for statement in [
        "CREATE TABLE t AS SELECT 1".to_string(),
        "INSERT INTO messages SELECT * FROM messages".to_string(),
        format!("COPY messages TO '{}'", target.display()),
        format!(
            "CREATE EXTERNAL TABLE raw STORED AS CSV LOCATION '{}'",
            repo().join("fixtures/demo/nachrichten.csv").display()
        ),
        "DROP TABLE messages".to_string(),
        "SET datafusion.execution.batch_size = 1".to_string(),
    ] {
        let (ok, _, stderr) = sql(&release, &statement, "table");
        assert!(!ok, "{statement} must be refused");
        assert!(stderr.contains("read-only"), "{statement}: {stderr}");
    }
    assert!(!target.exists());
}

#[test]
fn a_directory_that_is_not_a_release_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (out, _, stderr) = output(veil().arg("sql").arg(dir.path()).args(["-c", "SELECT 1"]));
    assert!(!out.status.success());
    assert!(stderr.contains("is not a veil release"), "{stderr}");
}

#[test]
fn statements_from_a_file_run_in_order() {
    let (dir, release) = demo_release();
    let file = dir.path().join("q.sql");
    std::fs::write(&file, "-- two queries\nSELECT 1 AS one;\nSELECT count(DISTINCT patient_pid) AS patients FROM messages;\n").unwrap();
    let (out, stdout, stderr) = output(
        veil()
            .arg("sql")
            .arg(&release)
            .args(["--format", "csv", "-f"])
            .arg(&file),
    );
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stdout, "one\n1\npatients\n8\n");
}

#[test]
fn small_cells_are_suppressed_and_counted() {
    let (dir, release) = demo_release();
    let query =
        "SELECT sender_role, count(*) AS n FROM messages GROUP BY sender_role ORDER BY sender_role";
    let (ok, csv, stderr) = sql(&release, query, "csv");
    assert!(ok, "{stderr}");
    // The demo has proxy messages about fewer than 5 patients (its min_cell).
    assert!(csv.contains("proxy,suppressed\n"), "{csv}");
    assert!(
        stderr.contains("1 cell suppressed: made up of fewer than 5 distinct patients"),
        "{stderr}"
    );
    let (out, _, stderr) =
        output(
            veil()
                .arg("sql")
                .arg(&release)
                .args(["--min-cell", "2", "-c", query]),
        );
    assert!(!out.status.success());
    assert!(
        stderr.contains("below the release's min_cell 5"),
        "{stderr}"
    );
    let (out, _, stderr) = output(
        veil()
            .arg("sql")
            .arg(&release)
            .args(["--format", "parquet", "-c", query]),
    );
    assert!(!out.status.success());
    assert!(stderr.contains("needs --output"), "{stderr}");
    let target = dir.path().join("roles.parquet");
    let (out, _, stderr) = output(
        veil()
            .arg("sql")
            .arg(&release)
            .args(["--format", "parquet", "-c", query, "--output"])
            .arg(&target),
    );
    assert!(out.status.success(), "{stderr}");
    let rows: usize = read_batches(dir.path())
        .iter()
        .filter(|b| b.schema().field(0).name() == "sender_role")
        .map(|b| b.num_rows())
        .sum();
    assert_eq!(rows, 3);
}

#[test]
fn statements_and_dot_commands_are_read_from_standard_input() {
    use std::io::Write;
    let (_dir, release) = demo_release();
    let mut child = veil()
        .arg("sql")
        .arg(&release)
        .args(["--format", "csv"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b".tables\n.schema messages\nSELECT count(DISTINCT patient_pid)\n  AS patients\n  FROM messages;\n.quit\nSELECT 'never run';\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.starts_with("logins\nmessages\npatients\nthreads\nmessages\n  site "),
        "{stdout}"
    );
    assert!(
        stdout.contains("\n  patient_pid              Utf8"),
        "{stdout}"
    );
    assert!(stdout.ends_with("patients\n8\n"), "{stdout}");
    assert!(!stdout.contains("never run"));
}

#[test]
fn releases_made_with_different_keys_are_unioned_with_a_warning() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    run_demo(one.path(), &demo_key());
    let key = fresh_key(two.path(), "other.key");
    run_demo(two.path(), &key);
    let (out, csv, stderr) = output(
        veil()
            .arg("sql")
            .arg(one.path().join("releases/demo"))
            .arg(two.path().join("releases/demo"))
            .args([
                "--format",
                "csv",
                "-c",
                "SELECT count(*) AS messages, count(DISTINCT patient_pid) AS pseudonyms FROM messages",
            ]),
    );
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("different keys") && stderr.contains("will NOT join"),
        "{stderr}"
    );
    // The same 8 patients under two keys look like 16.
    assert_eq!(csv, "messages,pseudonyms\n80,16\n");
}
