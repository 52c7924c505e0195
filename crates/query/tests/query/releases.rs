//! Several releases, and the analyst's codes.

use std::sync::Arc;

use arrow::array::{Int64Array, RecordBatch, StringArray};
use arrow::datatypes::{DataType, Field, Schema};
use veil_query::{OutputFormat, Session, SessionOptions, SessionWarning};

use crate::common::*;

fn site_rows(prefix: &'static [&'static str]) -> Vec<Row> {
    prefix
        .iter()
        .enumerate()
        .map(|(i, p)| {
            (
                *p,
                *p,
                "k",
                if i % 2 == 0 {
                    "patient_message"
                } else {
                    "clinician_reply"
                },
                9,
            )
        })
        .collect()
}

#[tokio::test]
async fn releases_are_unioned_table_by_table_with_their_site() {
    let dir = tempfile::tempdir().unwrap();
    let one = write_release(dir.path(), "one", "berlin", "fp", &study_rows());
    let two = write_release(
        dir.path(),
        "two",
        "utrecht",
        "fp",
        &site_rows(&["q1", "q2", "q3", "q4", "q5", "q6"]),
    );
    let session = open(&[one, two], SessionOptions::default()).await;
    assert!(session.warnings().is_empty(), "{:?}", session.warnings());
    let result = session
        .sql("SELECT site, count(*) AS n FROM messages GROUP BY site ORDER BY site")
        .await
        .unwrap();
    assert_eq!(
        cells(&result),
        rows(&[&["berlin", "15"], &["utrecht", "6"]])
    );
}

#[tokio::test]
async fn different_keys_are_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let one = write_release(dir.path(), "one", "berlin", "fp-one", &study_rows());
    let two = write_release(dir.path(), "two", "utrecht", "fp-two", &site_rows(&["q1"]));
    let session = open(&[one, two], SessionOptions::default()).await;
    assert!(session.mixed_keys());
    let text = session.warnings()[0].to_string();
    assert!(
        text.contains("will NOT join") && text.contains("fp-one") && text.contains("fp-two"),
        "{text}"
    );
}

#[tokio::test]
async fn disagreeing_schemas_are_refused_and_missing_columns_warned() {
    let dir = tempfile::tempdir().unwrap();
    let one = write_release(dir.path(), "one", "berlin", "fp", &study_rows());
    let bad = RecordBatch::try_new(
        Arc::new(Schema::new(vec![
            Field::new("site", DataType::Utf8, false),
            Field::new("patient_pid", DataType::Utf8, true),
            Field::new("local_hour", DataType::Int64, true),
        ])),
        vec![
            Arc::new(StringArray::from(vec!["utrecht"])),
            Arc::new(StringArray::from(vec!["q1"])),
            Arc::new(Int64Array::from(vec![9])),
        ],
    )
    .unwrap();
    let two = write_release_with(dir.path(), "two", "utrecht", "fp", bad, 5);
    let err = Session::open(&[one.clone(), two])
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("messages.local_hour is Int32") && err.contains("Int64"),
        "{err}"
    );

    let narrow = RecordBatch::try_new(
        Arc::new(Schema::new(vec![
            Field::new("site", DataType::Utf8, false),
            Field::new("patient_pid", DataType::Utf8, true),
        ])),
        vec![
            Arc::new(StringArray::from(vec!["utrecht"])),
            Arc::new(StringArray::from(vec!["q1"])),
        ],
    )
    .unwrap();
    let three = write_release_with(dir.path(), "three", "utrecht", "fp", narrow, 5);
    let session = open(&[one, three], SessionOptions::default()).await;
    let warnings: Vec<String> = session.warnings().iter().map(ToString::to_string).collect();
    assert!(
        session.warnings().iter().any(
            |w| matches!(w, SessionWarning::MissingColumn { column, .. } if column == "clinic")
        ),
        "{warnings:?}"
    );
    let result = session
        .sql("SELECT site, clinic FROM messages WHERE site = 'utrecht'")
        .await
        .unwrap();
    assert_eq!(cells(&result), rows(&[&["utrecht", "NULL"]]));
}

#[tokio::test]
async fn codes_join_messages_and_are_counted_under_k() {
    let (dir, release) = study();
    let codes = dir.path().join("codes.csv");
    std::fs::write(
        &codes,
        "message_pid,code\nm01,organisational\nm03,organisational\nm05,organisational\nm06,organisational\nm08,organisational\nm09,interpersonal\nm12,interpersonal\n",
    )
    .unwrap();
    let session = open(
        &[release],
        SessionOptions {
            codes: Some(codes),
            ..SessionOptions::default()
        },
    )
    .await;
    assert!(session.tables().any(|t| t == "codes"));
    let result = session
        .sql("SELECT c.code, count(*) AS n FROM messages m JOIN codes c ON m.message_pid = c.message_pid GROUP BY c.code ORDER BY c.code")
        .await
        .unwrap();
    assert_eq!(
        cells(&result),
        rows(&[&["interpersonal", "suppressed"], &["organisational", "5"]])
    );
    let mut csv = Vec::new();
    result.write(OutputFormat::Csv, &mut csv).unwrap();
    assert_eq!(
        String::from_utf8(csv).unwrap(),
        "code,n\ninterpersonal,suppressed\norganisational,5\n"
    );
    let mut json = Vec::new();
    result.write(OutputFormat::Json, &mut json).unwrap();
    assert!(
        String::from_utf8(json)
            .unwrap()
            .contains("\"n\":\"suppressed\"")
    );
    assert_eq!(
        result.suppression_note().unwrap(),
        "1 cell suppressed: made up of fewer than 5 distinct patients (shown as `suppressed`)"
    );

    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "message,label\nm01,x\n").unwrap();
    let (_dir2, release2) = study();
    let err = Session::open_with(
        &[release2],
        &SessionOptions {
            codes: Some(bad),
            ..SessionOptions::default()
        },
    )
    .await
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("must name `message_pid` and `code`"),
        "{err}"
    );
}

#[tokio::test]
async fn parquet_output_keeps_nulls_and_records_the_count() {
    let (dir, release) = study();
    let session = open(&[release], SessionOptions::default()).await;
    let result = session
        .sql("SELECT clinic, count(*) AS n FROM messages GROUP BY clinic ORDER BY clinic")
        .await
        .unwrap();
    let path = dir.path().join("out.parquet");
    let mut file = std::fs::File::create(&path).unwrap();
    result.write(OutputFormat::Parquet, &mut file).unwrap();
    drop(file);
    let reader =
        datafusion::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(
            std::fs::File::open(&path).unwrap(),
        )
        .unwrap();
    let metadata = reader
        .metadata()
        .file_metadata()
        .key_value_metadata()
        .unwrap()
        .clone();
    assert!(
        metadata
            .iter()
            .any(|kv| kv.key == "veil.suppressed_cells" && kv.value.as_deref() == Some("2"))
    );
    let batches: Vec<RecordBatch> = reader.build().unwrap().map(|b| b.unwrap()).collect();
    let n = batches[0]
        .column(1)
        .as_any()
        .downcast_ref::<Int64Array>()
        .unwrap();
    assert_eq!((n.value(0), n.is_null(1), n.is_null(2)), (8, true, true));
}

use arrow::array::Array;
