//! The same queries on Ballista's standalone cluster (a scheduler and an
//! executor started in this process, reached over gRPC and Arrow Flight)
//! and in a local session: the rows, the suppressed cells and the refusals
//! must be the same.

use veil_query::{Cluster, OutputFormat, QueryError, Session, SessionOptions};

use crate::common::*;

/// Study-style queries: suppressed groups, a window over aggregates, a
/// per-patient subquery, a FILTER, a join with the analyst's codes, row-level
/// reading and a query without patients.
const QUERIES: [&str; 7] = [
    "SELECT clinic, count(*) AS n FROM messages GROUP BY clinic ORDER BY clinic",
    "SELECT message_kind, count(*) AS messages, \
     round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS percent \
     FROM messages GROUP BY message_kind ORDER BY message_kind",
    "SELECT count(*) AS patients, min(n) AS min_messages, max(n) AS max_messages, \
     round(avg(n), 2) AS mean_messages, round(stddev(n), 2) AS sd_messages \
     FROM (SELECT patient_pid, count(*) AS n FROM messages GROUP BY patient_pid) AS per_patient",
    "SELECT clinic, count(*) FILTER (WHERE local_hour < 12) AS morning, count(*) AS n \
     FROM messages GROUP BY clinic ORDER BY clinic",
    "SELECT local_hour AS hour, count(*) AS messages FROM messages GROUP BY local_hour ORDER BY hour",
    "SELECT c.code, count(*) AS n FROM messages m JOIN codes c ON m.message_pid = c.message_pid \
     GROUP BY c.code ORDER BY c.code",
    "SELECT message_pid, clinic, local_hour FROM messages WHERE clinic <> 'a' ORDER BY message_pid",
];

async fn sessions() -> (tempfile::TempDir, Session, Session) {
    let (dir, release) = study();
    let codes = dir.path().join("codes.csv");
    std::fs::write(
        &codes,
        "message_pid,code\nm01,organisational\nm03,organisational\nm05,organisational\nm06,organisational\nm08,organisational\nm09,interpersonal\nm12,interpersonal\n",
    )
    .unwrap();
    let options = SessionOptions {
        codes: Some(codes),
        ..SessionOptions::default()
    };
    let local = open(std::slice::from_ref(&release), options.clone()).await;
    let cluster = open(
        &[release],
        SessionOptions {
            cluster: Some(Cluster::Standalone),
            ..options
        },
    )
    .await;
    (dir, local, cluster)
}

fn csv(result: &veil_query::QueryResult) -> String {
    let mut out = Vec::new();
    result.write(OutputFormat::Csv, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_standalone_cluster_answers_like_a_local_session() {
    let (dir, local, cluster) = sessions().await;
    assert_eq!(cluster.cluster(), Some(&Cluster::Standalone));
    assert_eq!(local.cluster(), None);
    let mut suppressed = 0;
    for sql in QUERIES {
        let here = local
            .sql(sql)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        let there = cluster
            .sql(sql)
            .await
            .unwrap_or_else(|e| panic!("on the cluster: {sql}: {e}"));
        assert!(here.rows() > 0, "{sql}");
        assert_eq!(cells(&there), cells(&here), "{sql}");
        assert_eq!(csv(&there), csv(&here), "{sql}");
        assert_eq!(there.suppressed_cells, here.suppressed_cells, "{sql}");
        suppressed += there.suppressed_cells;
    }
    // The first query: clinics b and c have fewer than 5 patients.
    let first = cluster.sql(QUERIES[0]).await.unwrap();
    assert_eq!(
        cells(&first),
        rows(&[&["a", "8"], &["b", "suppressed"], &["c", "suppressed"]])
    );
    assert!(suppressed >= 2, "some cells were suppressed: {suppressed}");

    // The read-only checks run before anything is sent to the cluster.
    let target = dir.path().join("written.csv");
    for statement in [
        "CREATE TABLE t AS SELECT 1".to_string(),
        "INSERT INTO messages SELECT * FROM messages".to_string(),
        format!("COPY messages TO '{}'", target.display()),
        format!(
            "CREATE EXTERNAL TABLE raw STORED AS CSV LOCATION '{}'",
            dir.path().join("codes.csv").display()
        ),
    ] {
        let err = cluster.sql(&statement).await.unwrap_err();
        assert!(matches!(err, QueryError::ReadOnly(_)), "{statement}: {err}");
    }
    let err = cluster
        .sql(&format!(
            "SELECT * FROM '{}'",
            dir.path().join("codes.csv").display()
        ))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("codes.csv"), "{err}");
    assert!(!target.exists());

    // What Ballista cannot run is refused with a reason, not a protobuf error.
    let generated = "SELECT count(*) AS n FROM generate_series(1, 3)";
    assert_eq!(local.sql(generated).await.unwrap().rows(), 1);
    let err = cluster.sql(generated).await.unwrap_err();
    assert!(
        matches!(err, QueryError::ClusterUnsupported(_))
            && err.to_string().contains("generate_series()")
            && err.to_string().contains("without --cluster"),
        "{err}"
    );
    // DESCRIBE reads no data and is answered here.
    let describe = "DESCRIBE messages";
    let here = local.sql(describe).await.unwrap();
    let there = cluster.sql(describe).await.unwrap();
    assert_eq!(cells(&there)[..2], cells(&here)[..2]);
    assert_eq!(there.rows(), 6);
}

#[tokio::test]
async fn an_unreachable_scheduler_is_named() {
    let (_dir, release) = study();
    // A port nothing listens on: bind one, then free it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let cluster = Cluster::parse(&format!("df://127.0.0.1:{port}")).unwrap();
    let err = Session::open_with(
        &[release],
        &SessionOptions {
            cluster: Some(cluster),
            ..SessionOptions::default()
        },
    )
    .await
    .unwrap_err();
    assert!(
        matches!(err, QueryError::ClusterUnreachable { .. }),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.contains("host 127.0.0.1") && message.contains(&format!("port {port}")),
        "{message}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scheduler_named_by_its_address_runs_the_queries() {
    use ballista_core::serde::BallistaCodec;
    use ballista_core::serde::protobuf::scheduler_grpc_client::SchedulerGrpcClient;

    // A scheduler and an executor as separate services on this machine, as
    // `ballista-scheduler` and `ballista-executor` would run them.
    let address = ballista_scheduler::standalone::new_standalone_scheduler()
        .await
        .unwrap();
    let url = format!("http://localhost:{}", address.port());
    let mut scheduler = None;
    for _ in 0..100 {
        if let Ok(client) = SchedulerGrpcClient::connect(url.clone()).await {
            scheduler = Some(client);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    ballista_executor::new_standalone_executor(
        scheduler.expect("the scheduler accepts connections"),
        1,
        BallistaCodec::default(),
    )
    .await
    .unwrap();

    let (_dir, release) = study();
    let cluster = Cluster::parse(&format!("df://localhost:{}", address.port())).unwrap();
    let remote = open(
        std::slice::from_ref(&release),
        SessionOptions {
            cluster: Some(cluster.clone()),
            ..SessionOptions::default()
        },
    )
    .await;
    assert_eq!(remote.cluster(), Some(&cluster));
    let local = open(&[release], SessionOptions::default()).await;
    for sql in [QUERIES[0], QUERIES[2], QUERIES[3]] {
        let here = local.sql(sql).await.unwrap();
        let there = remote
            .sql(sql)
            .await
            .unwrap_or_else(|e| panic!("on {cluster}: {sql}: {e}"));
        assert_eq!(cells(&there), cells(&here), "{sql}");
        assert_eq!(there.suppressed_cells, here.suppressed_cells, "{sql}");
    }
    assert_eq!(
        cells(&remote.sql(QUERIES[0]).await.unwrap()),
        rows(&[&["a", "8"], &["b", "suppressed"], &["c", "suppressed"]])
    );
}
