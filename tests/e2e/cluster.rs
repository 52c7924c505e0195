//! `veil sql --cluster`: the German study's queries on Ballista's standalone
//! cluster (scheduler and executor inside veil) give the same output,
//! suppressed cells included, as a local run; an unreachable scheduler is
//! named.

use super::*;

/// German study queries (pipelines/german-psychiatry.toml) and one with a
/// cell the demo's min_cell of 5 suppresses.
const STUDY_SQL: &str = "
SELECT message_kind, count(*) AS messages,
       round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS percent
FROM messages GROUP BY message_kind ORDER BY messages DESC, message_kind;
SELECT count(*) AS patients, min(n) AS min_messages, max(n) AS max_messages,
       round(avg(n), 2) AS mean_messages, round(stddev(n), 2) AS sd_messages
FROM (SELECT patient_pid, count(*) AS n FROM messages GROUP BY patient_pid) AS per_patient;
SELECT sender_role, count(*) AS n FROM messages GROUP BY sender_role ORDER BY sender_role;
";

fn demo_release(dir: &Path) -> PathBuf {
    let (out, _, stderr) = output(
        veil()
            .arg("run")
            .arg(demo_pipeline())
            .arg("--key-file")
            .arg(demo_key())
            .arg("--out")
            .arg(dir)
            .arg("--no-analyses"),
    );
    assert!(out.status.success(), "{stderr}");
    dir.join("releases/demo")
}

fn study(release: &Path, cluster: Option<&str>, scratch: &Path) -> (String, String) {
    let mut command = veil();
    command
        .arg("sql")
        .arg(release)
        .args(["--format", "csv", "-c", STUDY_SQL])
        // The standalone executor keeps its shuffle files in the temp dir.
        .env("TMPDIR", scratch);
    if let Some(cluster) = cluster {
        command.args(["--cluster", cluster]);
    }
    let (out, stdout, stderr) = output(&mut command);
    assert!(out.status.success(), "{cluster:?}: {stderr}");
    (stdout, stderr)
}

#[test]
fn the_study_queries_give_the_same_output_on_a_standalone_cluster() {
    let dir = tempfile::tempdir().unwrap();
    let release = demo_release(dir.path());
    let scratch = dir.path().join("tmp");
    std::fs::create_dir(&scratch).unwrap();
    let (local, local_notes) = study(&release, None, &scratch);
    let (cluster, cluster_notes) = study(&release, Some("standalone"), &scratch);
    assert_eq!(cluster, local);
    assert!(local.contains("message_kind,messages,percent\n"), "{local}");
    assert!(local.contains("proxy,suppressed\n"), "{local}");
    let suppression = |notes: &str| -> Vec<String> {
        notes
            .lines()
            .filter(|l| l.contains("suppressed"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(suppression(&cluster_notes), suppression(&local_notes));
    assert!(
        cluster_notes.contains("1 cell suppressed"),
        "{cluster_notes}"
    );
}

#[test]
fn an_unreachable_scheduler_is_named_with_host_and_port() {
    let dir = tempfile::tempdir().unwrap();
    let release = demo_release(dir.path());
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (out, _, stderr) = output(
        veil()
            .arg("sql")
            .arg(&release)
            .args(["--cluster", &format!("df://127.0.0.1:{port}")])
            .args(["-c", "SELECT count(*) FROM messages"]),
    );
    assert!(!out.status.success());
    assert!(
        stderr.contains("cannot reach the Ballista scheduler at host 127.0.0.1, port")
            && stderr.contains(&port.to_string()),
        "{stderr}"
    );
    let (out, _, stderr) = output(veil().arg("sql").arg(&release).args([
        "--cluster",
        "http://scheduler:50050",
        "-c",
        "SELECT 1",
    ]));
    assert!(!out.status.success());
    assert!(stderr.contains("df://HOST:PORT"), "{stderr}");
}
