//! Read-only by construction.

use veil_query::SessionOptions;

use crate::common::*;

#[tokio::test]
async fn statements_that_change_or_read_files_are_refused() {
    let (dir, release) = study();
    let session = open(std::slice::from_ref(&release), SessionOptions::default()).await;
    let target = dir.path().join("written.csv");
    let raw = dir.path().join("raw.csv");
    std::fs::write(&raw, "PatientID,Name\n1,Anna Muster\n").unwrap();
    for statement in [
        "CREATE TABLE t AS SELECT 1".to_string(),
        "CREATE VIEW v AS SELECT * FROM messages".to_string(),
        "INSERT INTO messages SELECT * FROM messages".to_string(),
        "DELETE FROM messages".to_string(),
        "UPDATE messages SET clinic = 'x'".to_string(),
        format!("COPY messages TO '{}'", target.display()),
        format!("COPY (SELECT 1) TO '{}' STORED AS CSV", target.display()),
        format!(
            "CREATE EXTERNAL TABLE raw STORED AS CSV LOCATION '{}'",
            raw.display()
        ),
        "DROP TABLE messages".to_string(),
        "SET datafusion.execution.batch_size = 1".to_string(),
        "PREPARE q AS SELECT 1".to_string(),
    ] {
        let err = session.sql(&statement).await.unwrap_err().to_string();
        assert!(
            err.contains("read-only"),
            "{statement} must be refused: {err}"
        );
    }
    assert!(!target.exists());
    for statement in [
        format!("SELECT * FROM '{}'", raw.display()),
        format!("SELECT * FROM read_csv('{}')", raw.display()),
        format!(
            "SELECT * FROM read_parquet('{}')",
            release.join("messages/site=x/part-00000.parquet").display()
        ),
    ] {
        assert!(
            session.sql(&statement).await.is_err(),
            "{statement} must not read a file"
        );
    }
    // Row generators read nothing and stay allowed.
    let result = session
        .sql("SELECT * FROM generate_series(1, 3)")
        .await
        .unwrap();
    assert_eq!(result.rows(), 3);
    // The session still works and nothing changed.
    let result = session
        .sql("SELECT message_pid FROM messages")
        .await
        .unwrap();
    assert_eq!(result.rows(), 15);
}
