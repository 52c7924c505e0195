//! Disclosure control: exactly which cells are masked.

use veil_query::SessionOptions;

use crate::common::*;

#[tokio::test]
async fn groups_of_fewer_than_k_patients_are_suppressed() {
    let (cells, suppressed) =
        query("SELECT clinic, count(*) AS n FROM messages GROUP BY clinic ORDER BY clinic").await;
    assert_eq!(
        cells,
        rows(&[&["a", "8"], &["b", "suppressed"], &["c", "suppressed"]])
    );
    assert_eq!(suppressed, 2);
}

#[tokio::test]
async fn every_measure_of_a_small_group_is_suppressed() {
    let (cells, suppressed) = query(
        "SELECT clinic, count(*) AS n, count(DISTINCT message_kind) AS kinds, max(local_hour) AS latest \
         FROM messages GROUP BY clinic ORDER BY clinic",
    )
    .await;
    assert_eq!(
        cells,
        rows(&[
            &["a", "8", "3", "23"],
            &["b", "suppressed", "suppressed", "suppressed"],
            &["c", "suppressed", "suppressed", "suppressed"],
        ])
    );
    assert_eq!(suppressed, 6);
}

#[tokio::test]
async fn a_lower_k_shows_more() {
    let (_dir, release) = study();
    let session = open(
        &[release],
        SessionOptions {
            min_cell: Some(6),
            ..SessionOptions::default()
        },
    )
    .await;
    let result = session
        .sql("SELECT message_kind, count(*) AS n FROM messages GROUP BY 1 ORDER BY 1")
        .await
        .unwrap();
    // patient_message is made of 6 patients, the others of 4 and 1.
    assert_eq!(
        cells(&result),
        rows(&[
            &["clinician_initial_note", "suppressed"],
            &["clinician_reply", "suppressed"],
            &["patient_message", "10"],
        ])
    );
    let (_dir2, release2) = study();
    let err = veil_query::Session::open_with(
        &[release2],
        &SessionOptions {
            min_cell: Some(2),
            ..SessionOptions::default()
        },
    )
    .await
    .unwrap_err();
    assert!(
        err.to_string().contains("below the release's min_cell 5"),
        "{err}"
    );
}

#[tokio::test]
async fn percentages_are_of_the_shown_cells_only() {
    let (cells, suppressed) = query(
        "SELECT message_kind, count(*) AS n, \
         round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS percent \
         FROM messages GROUP BY message_kind ORDER BY message_kind",
    )
    .await;
    assert_eq!(
        cells,
        rows(&[
            &["clinician_initial_note", "suppressed", "suppressed"],
            &["clinician_reply", "suppressed", "suppressed"],
            &["patient_message", "10", "100.0"],
        ])
    );
    assert_eq!(suppressed, 4);
}

#[tokio::test]
async fn per_patient_then_overall_statistics_are_shown() {
    let (cells, suppressed) = query(
        "SELECT count(*) AS patients, min(n) AS least, max(n) AS most, sum(n) AS messages \
         FROM (SELECT patient_pid, count(*) AS n FROM messages GROUP BY patient_pid) AS per_patient",
    )
    .await;
    assert_eq!(cells, rows(&[&["7", "1", "3", "15"]]));
    assert_eq!(suppressed, 0);
}

#[tokio::test]
async fn per_patient_statistics_of_a_small_group_are_suppressed() {
    let (cells, suppressed) = query(
        "SELECT count(*) AS patients, min(n), max(n) \
         FROM (SELECT patient_pid, count(*) AS n FROM messages WHERE clinic = 'b' GROUP BY patient_pid) AS t",
    )
    .await;
    assert_eq!(cells, rows(&[&["suppressed", "suppressed", "suppressed"]]));
    assert_eq!(suppressed, 3);
}

#[tokio::test]
async fn a_renamed_patient_column_is_still_followed() {
    let (cells, _) = query(
        "SELECT count(*) AS patients, round(avg(n), 2) AS mean \
         FROM (SELECT patient_pid AS who, count(*) AS n FROM messages GROUP BY patient_pid) AS t WHERE n >= 3",
    )
    .await;
    // Three patients (p1, p6, p7) wrote three messages: below K.
    assert_eq!(cells, rows(&[&["suppressed", "suppressed"]]));
    let (cells, _) = query(
        "SELECT count(*) AS patients FROM \
         (SELECT who, count(*) AS n FROM (SELECT patient_pid AS who FROM messages) AS r GROUP BY who) AS t",
    )
    .await;
    assert_eq!(cells, rows(&[&["7"]]));
}

#[tokio::test]
async fn per_patient_rows_in_the_result_are_suppressed() {
    let (cells, suppressed) = query(
        "SELECT patient_pid, count(*) AS n FROM messages GROUP BY patient_pid ORDER BY patient_pid",
    )
    .await;
    assert_eq!(cells.len(), 7);
    assert!(cells.iter().all(|r| r[1] == "suppressed"), "{cells:?}");
    assert_eq!(suppressed, 7);
}

#[tokio::test]
async fn an_aggregate_of_aggregates_uses_a_lower_bound_of_patients() {
    // Clinic a (5 patients) passes, b and c are masked inside; the outer
    // aggregate is made of at least 5 patients.
    let (cells, suppressed) = query(
        "SELECT max(n) AS largest, count(*) AS clinics, count(n) AS shown \
         FROM (SELECT clinic, count(*) AS n FROM messages GROUP BY clinic) AS t",
    )
    .await;
    assert_eq!(cells, rows(&[&["8", "3", "1"]]));
    assert_eq!(suppressed, 0);
    // Without clinic a, fewer than 5 patients make up the outer cell.
    let (cells, _) = query(
        "SELECT count(*) AS clinics FROM \
         (SELECT clinic, count(*) AS n FROM messages WHERE clinic <> 'a' GROUP BY clinic) AS t",
    )
    .await;
    assert_eq!(cells, rows(&[&["suppressed"]]));
}

#[tokio::test]
async fn distinct_counts_as_grouping() {
    let (cells, _) = query(
        "SELECT count(*) AS patients FROM (SELECT DISTINCT patient_pid FROM messages WHERE clinic = 'b') AS t",
    )
    .await;
    assert_eq!(cells, rows(&[&["suppressed"]]));
    let (cells, _) =
        query("SELECT count(*) AS patients FROM (SELECT DISTINCT patient_pid FROM messages) AS t")
            .await;
    assert_eq!(cells, rows(&[&["7"]]));
}

#[tokio::test]
async fn an_empty_group_is_suppressed() {
    let (cells, suppressed) =
        query("SELECT count(*) AS n FROM messages WHERE clinic = 'nowhere'").await;
    assert_eq!(cells, rows(&[&["suppressed"]]));
    assert_eq!(suppressed, 1);
}

#[tokio::test]
async fn hours_of_day_are_suppressed_where_small() {
    let (cells, suppressed) = query(
        "SELECT local_hour, count(*) AS n FROM messages GROUP BY local_hour ORDER BY local_hour",
    )
    .await;
    assert_eq!(
        cells,
        rows(&[
            &["3", "suppressed"],
            &["9", "10"],
            &["10", "suppressed"],
            &["14", "suppressed"],
            &["23", "suppressed"],
        ])
    );
    assert_eq!(suppressed, 4);
}

#[tokio::test]
async fn having_sees_the_masked_values() {
    let (cells, _) = query(
        "SELECT clinic, count(*) AS n FROM messages GROUP BY clinic HAVING count(*) > 1 ORDER BY clinic",
    )
    .await;
    assert_eq!(
        cells,
        rows(&[&["a", "8"]]),
        "a HAVING cannot test a hidden count"
    );
}

#[tokio::test]
async fn row_level_reading_is_not_masked() {
    let (cells, suppressed) = query(
        "SELECT message_pid, clinic, local_hour FROM messages WHERE clinic IN ('b', 'c') ORDER BY message_pid",
    )
    .await;
    assert_eq!(cells.len(), 7);
    assert_eq!(cells[6], vec!["m15", "c", "9"]);
    assert_eq!(suppressed, 0);
}

#[tokio::test]
async fn a_scalar_subquery_is_checked_too() {
    let (cells, _) = query(
        "SELECT message_pid, (SELECT count(*) FROM messages WHERE clinic = 'b') AS in_b, \
         (SELECT count(*) FROM messages WHERE clinic = 'a') AS in_a \
         FROM messages WHERE message_pid = 'm01'",
    )
    .await;
    assert_eq!(cells, rows(&[&["m01", "NULL", "8"]]));
}

#[tokio::test]
async fn window_aggregates_over_patient_rows_are_refused() {
    let (_dir, release) = study();
    let session = open(&[release], SessionOptions::default()).await;
    let err = session
        .sql("SELECT clinic, count(*) OVER (PARTITION BY clinic) AS n FROM messages")
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("aggregate window functions"),
        "{err}"
    );
    // Ranking rows is row-level work and stays allowed.
    let result = session
        .sql("SELECT message_pid, row_number() OVER (PARTITION BY patient_pid ORDER BY message_pid) AS nth FROM messages")
        .await
        .unwrap();
    assert_eq!(result.rows(), 15);
    // A window within each patient's rows, aggregated above, is checked there.
    let result = session
        .sql("SELECT count(*) AS firsts FROM (SELECT local_hour, min(local_hour) OVER (PARTITION BY patient_pid) AS earliest FROM messages) AS t WHERE local_hour = earliest")
        .await
        .unwrap();
    assert_eq!(cells(&result), rows(&[&["10"]]));
    let err = session
        .sql("SELECT patient_pid, count(*) OVER (PARTITION BY patient_pid) AS n FROM messages")
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("aggregate window functions"),
        "{err}"
    );
}

#[tokio::test]
async fn unions_keep_patients_or_are_refused() {
    let (cells, _) = query(
        "SELECT count(DISTINCT patient_pid) AS patients FROM \
         (SELECT patient_pid FROM messages WHERE clinic = 'a' UNION ALL SELECT patient_pid FROM messages WHERE clinic = 'b') AS t",
    )
    .await;
    assert_eq!(cells, rows(&[&["7"]]));
    let (_dir, release) = study();
    let session = open(&[release], SessionOptions::default()).await;
    let err = session
        .sql("SELECT count(*) FROM (SELECT clinic FROM messages UNION ALL SELECT clinic FROM messages) AS t")
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("cannot tell which patients"),
        "{err}"
    );
}

#[tokio::test]
async fn joins_are_followed_on_both_sides() {
    let (cells, suppressed) = query(
        "SELECT m.clinic, count(*) AS pairs FROM messages m JOIN messages o \
         ON m.patient_pid = o.patient_pid AND m.message_pid < o.message_pid \
         GROUP BY m.clinic ORDER BY m.clinic",
    )
    .await;
    // a: pairs of p1 (m01,m02 + m01/m02 with m15), p2, p5; made of 3 patients.
    assert!(cells.iter().all(|r| r[1] == "suppressed"), "{cells:?}");
    assert_eq!(suppressed, cells.len());
}

#[tokio::test]
async fn explain_shows_the_rewritten_plan() {
    let (_dir, release) = study();
    let session = open(&[release], SessionOptions::default()).await;
    let result = session
        .sql("EXPLAIN SELECT clinic, count(*) FROM messages GROUP BY clinic")
        .await
        .unwrap();
    let text = format!("{:?}", cells(&result));
    assert!(
        text.contains("count(DISTINCT messages.patient_pid)"),
        "{text}"
    );
}

#[tokio::test]
async fn a_filtered_measure_is_checked_against_its_own_patients() {
    let (cells, suppressed) = query(
        "SELECT clinic, count(*) FILTER (WHERE message_kind = 'patient_message') AS written, count(*) AS n \
         FROM messages GROUP BY clinic ORDER BY clinic",
    )
    .await;
    // Clinic a: 8 messages of 5 patients, but patient messages of only 4.
    assert_eq!(
        cells,
        rows(&[
            &["a", "suppressed", "8"],
            &["b", "suppressed", "suppressed"],
            &["c", "suppressed", "suppressed"],
        ])
    );
    assert_eq!(suppressed, 5);
    let (cells, _) = query(
        "SELECT count(*) FILTER (WHERE clinic = 'b') AS in_b, count(*) FILTER (WHERE clinic <> 'b') AS elsewhere FROM messages",
    )
    .await;
    assert_eq!(cells, rows(&[&["suppressed", "9"]]));
}
