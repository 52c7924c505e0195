//! The German study pipeline on the committed synthetic fixture: the
//! published message-kind split, the study outputs (CSV, SVG, HTML), and
//! fidelity: analyses on the release agree with the same statistics computed
//! straight from the raw export for what the date policy preserves.

use std::collections::{BTreeMap, BTreeSet};

use super::*;

const GERMAN: &str = "pipelines/german-psychiatry.toml";
const EXPORT: &str = "fixtures/synth/german-psychiatry/nachrichten.csv";

/// The German pipeline, runnable on this build: the file itself when
/// `veil check` accepts it, else (on a build without login sources) a copy
/// without the login source, its policy line and its analysis.
fn german_pipeline(dir: &Path) -> PathBuf {
    let path = repo().join(GERMAN);
    let (out, _, _) = output(veil().arg("check").arg(&path));
    if out.status.success() {
        return path;
    }
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find("# Portal login events").unwrap();
    let end = text.find("[policy]").unwrap();
    let mut text = format!("{}{}", &text[..start], &text[end..]);
    text = text.replace("logged_in_at = \"shift\"\n", "");
    let logins = text.find("# Published: patients logged in").unwrap();
    let next = text[logins..].find("\n# All messages").unwrap() + logins + 1;
    text.replace_range(logins..next, "");
    let text = text.replace("../fixtures/", &format!("{}/fixtures/", repo().display()));
    let copy = dir.join("german-psychiatry.toml");
    std::fs::write(&copy, text).unwrap();
    copy
}

fn run_german() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let pipeline = german_pipeline(dir.path());
    let (out, _, stderr) = output(veil_run(&pipeline, dir.path()).arg("--quiet"));
    assert!(out.status.success(), "{stderr}");
    let results = dir.path().join("results/german-psychiatry");
    (dir, results)
}

fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

/// One message of the raw export.
struct Raw {
    thread: String,
    patient: String,
    role: String,
    sent: chrono::NaiveDateTime,
    id: String,
}

fn raw_export() -> Vec<Raw> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_path(repo().join(EXPORT))
        .unwrap();
    reader
        .deserialize::<BTreeMap<String, String>>()
        .map(|r| {
            let r = r.unwrap();
            Raw {
                thread: r["VerlaufID"].clone(),
                patient: r["PatientID"].clone(),
                role: r["AbsenderRolle"].clone(),
                sent: chrono::NaiveDateTime::parse_from_str(&r["Gesendet"], "%d.%m.%Y %H:%M")
                    .unwrap(),
                id: r["NachrichtID"].clone(),
            }
        })
        .collect()
}

#[test]
fn the_german_pipeline_reproduces_the_published_split_and_writes_a_report() {
    let (_dir, results) = run_german();
    let kinds: BTreeMap<String, (String, String)> = csv_rows(&results.join("message_kinds.csv"))
        .into_iter()
        .map(|r| (r[0].clone(), (r[1].clone(), r[2].clone())))
        .collect();
    let expect = |n: &str, p: &str| (n.to_string(), p.to_string());
    assert_eq!(kinds["clinician_initial_note"], expect("61", "22.3"));
    assert_eq!(kinds["patient_message"], expect("122", "44.5"));
    assert_eq!(kinds["clinician_reply"], expect("91", "33.2"));
    for chart in ["message_kinds", "messages_by_day_part", "messages_by_hour"] {
        let svg = std::fs::read_to_string(results.join(format!("{chart}.svg"))).unwrap();
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
            "{chart}"
        );
        assert!(svg.contains("<rect"), "{chart} has bars");
    }
    let html = std::fs::read_to_string(results.join("report.html")).unwrap();
    assert!(html.contains("<h1>german-psychiatry</h1>"));
    assert!(html.contains("Message kinds") && html.contains("<svg"));
    assert!(html.contains("PUBLIC demo key"));
    assert!(
        !html.contains("src=\"http") && !html.contains("href=\"http"),
        "self-contained"
    );
}

#[test]
fn release_analyses_agree_with_the_raw_export() {
    let (_dir, results) = run_german();
    let raw = raw_export();

    // Message kinds, derived from the raw threads as the release does.
    let mut threads: BTreeMap<&str, Vec<&Raw>> = BTreeMap::new();
    for m in &raw {
        threads.entry(&m.thread).or_default().push(m);
    }
    let mut kinds: BTreeMap<&str, u64> = BTreeMap::new();
    for messages in threads.values_mut() {
        messages.sort_by(|a, b| (a.sent, &a.id).cmp(&(b.sent, &b.id)));
        for (i, m) in messages.iter().enumerate() {
            let kind = match m.role.as_str() {
                "Patient" | "Angehörige" | "Angehöriger" => "patient_message",
                _ if i == 0 => "clinician_initial_note",
                _ => "clinician_reply",
            };
            *kinds.entry(kind).or_default() += 1;
        }
    }
    for row in csv_rows(&results.join("message_kinds.csv")) {
        assert_eq!(row[1], kinds[row[0].as_str()].to_string(), "{}", row[0]);
    }

    // Messages per patient: min, max, mean and SD.
    let mut per_patient: BTreeMap<&str, f64> = BTreeMap::new();
    for m in &raw {
        *per_patient.entry(&m.patient).or_default() += 1.0;
    }
    let counts: Vec<f64> = per_patient.values().copied().collect();
    let n = counts.len() as f64;
    let mean = counts.iter().sum::<f64>() / n;
    let sd = (counts.iter().map(|c| (c - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    let row = &csv_rows(&results.join("messages_per_patient.csv"))[0];
    let round = |v: f64| format!("{}", (v * 100.0).round() / 100.0);
    assert_eq!(row[0], counts.len().to_string());
    assert_eq!(
        row[1],
        round(counts.iter().copied().fold(f64::MAX, f64::min))
    );
    assert_eq!(row[2], round(counts.iter().copied().fold(0.0, f64::max)));
    assert_eq!(row[3], round(mean));
    assert_eq!(row[4], round(sd));

    // Local hour of day: every hour's count, or `suppressed` where fewer
    // than 5 patients (the pipeline's min_cell) wrote or got messages then.
    let mut hours: BTreeMap<u32, (u64, BTreeSet<&str>)> = BTreeMap::new();
    for m in &raw {
        use chrono::Timelike;
        let entry = hours.entry(m.sent.hour()).or_default();
        entry.0 += 1;
        entry.1.insert(&m.patient);
    }
    let released = csv_rows(&results.join("messages_by_hour.csv"));
    assert_eq!(released.len(), hours.len());
    let mut suppressed = 0;
    for row in released {
        let (messages, patients) = &hours[&row[0].parse::<u32>().unwrap()];
        if patients.len() >= 5 {
            assert_eq!(row[1], messages.to_string(), "hour {}", row[0]);
        } else {
            assert_eq!(row[1], "suppressed", "hour {}", row[0]);
            suppressed += 1;
        }
    }
    assert!(suppressed > 0, "the night hours are small cells");
}

#[test]
fn the_cross_site_pipeline_puts_both_sites_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let (out, _, stderr) =
        output(veil_run(repo().join("pipelines/cross-site.toml"), dir.path()).arg("--quiet"));
    assert!(out.status.success(), "{stderr}");
    let results = dir.path().join("results/cross-site");
    let rows = csv_rows(&results.join("message_kinds_by_site.csv"));
    let site = |name: &str| -> BTreeMap<String, (String, String)> {
        rows.iter()
            .filter(|r| r[0] == name)
            .map(|r| (r[1].clone(), (r[2].clone(), r[3].clone())))
            .collect()
    };
    let german = site("brandenburg");
    assert_eq!(
        german["clinician_initial_note"],
        ("61".into(), "22.3".into())
    );
    assert_eq!(german["patient_message"], ("122".into(), "44.5".into()));
    assert_eq!(german["clinician_reply"], ("91".into(), "33.2".into()));
    let dutch_export = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_path(repo().join("fixtures/synth/dutch-outpatient/berichten.csv"))
        .unwrap()
        .byte_records()
        .count();
    let dutch: u64 = site("ziekenhuis-midden")
        .values()
        .map(|(n, _)| n.parse::<u64>().unwrap())
        .sum();
    assert_eq!(dutch, dutch_export as u64);
    let per_patient = csv_rows(&results.join("messages_per_patient_by_site.csv"));
    assert_eq!(per_patient.len(), 2);
    assert_eq!(per_patient[0][0], "brandenburg");
    assert_eq!(per_patient[0][1], "38", "38 German patients");
    assert!(results.join("messages_per_patient_by_site.svg").is_file());
}

#[test]
fn the_dutch_pipeline_keeps_true_calendar_months_and_hours() {
    let dir = tempfile::tempdir().unwrap();
    let (out, _, stderr) =
        output(veil_run(repo().join("pipelines/dutch-outpatient.toml"), dir.path()).arg("--quiet"));
    assert!(out.status.success(), "{stderr}");

    // The raw export: messages and distinct patients per local month and hour.
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_path(repo().join("fixtures/synth/dutch-outpatient/berichten.csv"))
        .unwrap();
    let headers = reader.byte_headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name.as_bytes()).unwrap();
    let (sent, patient) = (column("Verzonden"), column("Patientnummer"));
    let mut months: BTreeMap<String, (u64, BTreeSet<Vec<u8>>)> = BTreeMap::new();
    let mut hours: BTreeMap<u32, (u64, BTreeSet<Vec<u8>>)> = BTreeMap::new();
    for record in reader.byte_records() {
        let record = record.unwrap();
        let at = chrono::NaiveDateTime::parse_from_str(
            std::str::from_utf8(&record[sent]).unwrap(),
            "%d-%m-%Y %H:%M",
        )
        .unwrap();
        let month = months.entry(at.format("%Y-%m").to_string()).or_default();
        month.0 += 1;
        month.1.insert(record[patient].to_vec());
        let hour = hours.entry(chrono::Timelike::hour(&at)).or_default();
        hour.0 += 1;
        hour.1.insert(record[patient].to_vec());
    }

    let results = dir.path().join("results/dutch-outpatient");
    let rows = csv_rows(&results.join("messages_by_month.csv"));
    assert_eq!(rows.len(), months.len(), "one row per calendar month");
    let mut shown = 0;
    for row in &rows {
        let (messages, patients) = &months[&row[0]];
        if row[1] == "suppressed" {
            assert!(patients.len() < 5, "{row:?} suppressed with {patients:?}");
        } else {
            assert_eq!(row[1], messages.to_string(), "{row:?}");
            assert_eq!(row[2], patients.len().to_string(), "{row:?}");
            shown += 1;
        }
    }
    assert!(shown >= 10, "most months are shown");
    let rows = csv_rows(&results.join("messages_by_hour.csv"));
    for row in &rows {
        let (messages, patients) = &hours[&row[0].parse::<u32>().unwrap()];
        if row[1] == "suppressed" {
            assert!(patients.len() < 5);
        } else {
            assert_eq!(row[1], messages.to_string(), "hour {}", row[0]);
        }
    }
    assert!(results.join("messages_by_month.svg").is_file());

    // The release holds months, not days or times.
    let release = dir.path().join("releases/dutch-outpatient");
    let (out, stdout, stderr) = output(veil().arg("sql").arg(&release).args([
        "--format",
        "csv",
        "-c",
        "SELECT sent_at FROM messages WHERE date_part('day', sent_at) <> 1 \
         OR date_part('hour', sent_at) <> 0 OR date_part('minute', sent_at) <> 0",
    ]));
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stdout.lines().count(), 1, "only the header: {stdout}");
    let (_, stdout, _) = output(veil().arg("sql").arg(&release).args([
        "--format",
        "csv",
        "-c",
        "SELECT sent_at FROM messages LIMIT 1",
    ]));
    assert_eq!(stdout.lines().count(), 2, "a row is there: {stdout}");
    let (out, stdout, stderr) = output(veil().arg("verify").arg(&release));
    assert!(out.status.success(), "{stdout}{stderr}");
}

#[test]
fn verify_passes_on_the_german_study_with_its_reviewed_ordinary_words_only() {
    let (dir, _) = run_german();
    let pipeline = german_pipeline(dir.path());
    let release = dir.path().join("releases/german-psychiatry");
    let verify = |pipeline: &Path| {
        output(
            veil()
                .arg("verify")
                .arg(&release)
                .arg("--pipeline")
                .arg(pipeline)
                .arg("--key-file")
                .arg(demo_key()),
        )
    };
    let (out, stdout, stderr) = verify(&pipeline);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(
        stderr.contains("ordinary_words written as the word"),
        "{stderr}"
    );

    // Without the reviewed list, the same words are leaks.
    let text: String = std::fs::read_to_string(&pipeline)
        .unwrap()
        .lines()
        .map(|line| {
            if line.starts_with("ordinary_words = ") {
                "ordinary_words = []\n".to_string()
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    let text = text.replace("../fixtures/", &format!("{}/fixtures/", repo().display()));
    let strict = dir.path().join("strict.toml");
    std::fs::write(&strict, text).unwrap();
    let (out, stdout, stderr) = verify(&strict);
    assert!(!out.status.success());
    assert!(
        format!("{stdout}{stderr}").contains("export_name"),
        "{stdout}{stderr}"
    );
}

/// Every Parquet file under `dir`, by relative path.
fn parquet_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "parquet") {
                let relative = path.strip_prefix(dir).unwrap().display().to_string();
                files.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn a_release_made_in_patient_ranges_is_the_release_made_at_once() {
    let (at_once, _) = run_german();
    let dir = tempfile::tempdir().unwrap();
    let pipeline = german_pipeline(dir.path());
    let (out, _, stderr) = output(veil_run(&pipeline, dir.path()).args(["--patient-ranges", "4"]));
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("tables made in 4 runs of patient ranges"),
        "{stderr}"
    );
    for side in ["releases", "private"] {
        let expected = parquet_files(&at_once.path().join(side));
        let made = parquet_files(&dir.path().join(side));
        assert!(expected.keys().any(|k| k.contains("logins")) || side == "private");
        assert_eq!(
            expected.keys().collect::<Vec<_>>(),
            made.keys().collect::<Vec<_>>()
        );
        for (path, bytes) in &expected {
            assert!(made[path] == *bytes, "{side}/{path} differs");
        }
    }
    let kinds = |d: &Path| {
        std::fs::read_to_string(d.join("results/german-psychiatry/message_kinds.csv")).unwrap()
    };
    assert_eq!(kinds(at_once.path()), kinds(dir.path()));
}

/// The removed ordinary words a release lists (from the digests of one-word
/// findings it counted while scrubbing) are those `veil audit --key-file`
/// finds from every digest in the findings table.
#[test]
fn removed_ordinary_words_match_those_from_the_whole_findings_table() {
    let (dir, _) = run_german();
    let private = dir.path().join("private/german-psychiatry");
    let listed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(private.join("audit-private.json")).unwrap())
            .unwrap();
    let listed = &listed["removed_ordinary_words"];
    assert!(
        listed.as_array().is_some_and(|words| !words.is_empty()),
        "the German fixture has a removed ordinary word: {listed}"
    );
    let (out, _, stderr) = output(
        veil()
            .arg("audit")
            .arg(dir.path().join("releases/german-psychiatry"))
            .arg("--key-file")
            .arg(demo_key()),
    );
    assert!(out.status.success(), "{stderr}");
    let recomputed: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(private.join("audit/removed-ordinary-words.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(&recomputed, listed);
}
