//! `veil review`: a seeded sample into private/, and scoring of the marks.

use super::*;

fn review(out: &Path, n: usize, seed: u64) -> String {
    let (status, _, stderr) = output(
        veil()
            .arg("review")
            .arg(demo_pipeline())
            .args(["--sample", &n.to_string(), "--seed", &seed.to_string()])
            .arg("--key-file")
            .arg(demo_key())
            .arg("--out")
            .arg(out),
    );
    assert!(status.status.success(), "{stderr}");
    std::fs::read_to_string(out.join("private/demo/review/marks.csv")).unwrap()
}

#[test]
fn the_same_seed_draws_the_same_sample_into_private_only() {
    let dir = tempfile::tempdir().unwrap();
    let a = review(&dir.path().join("a"), 12, 7);
    let b = review(&dir.path().join("b"), 12, 7);
    let c = review(&dir.path().join("c"), 12, 8);
    assert_eq!(a, b);
    assert_ne!(a, c);
    assert_eq!(a.lines().count(), 13, "header and 12 messages");
    let html =
        std::fs::read_to_string(dir.path().join("a/private/demo/review/review.html")).unwrap();
    assert_eq!(html.matches("<tr><td>").count(), 12);
    assert!(
        html.contains("<mark title=\"PATIENT_NAME"),
        "redactions highlighted"
    );
    assert!(!dir.path().join("a/releases").exists(), "nothing released");
}

#[test]
fn scoring_reports_the_miss_rate_and_its_upper_bound() {
    let dir = tempfile::tempdir().unwrap();
    let marks = review(dir.path(), 20, 1);
    let marked: String = marks
        .lines()
        .enumerate()
        .map(|(i, line)| {
            if i == 0 {
                format!("{line}\n")
            } else {
                let missed = if i == 4 { "1" } else { "0" };
                format!("{},{missed},\n", line.strip_suffix(",,").unwrap())
            }
        })
        .collect();
    let path = dir.path().join("marked.csv");
    std::fs::write(&path, marked).unwrap();
    let (status, stdout, stderr) = output(veil().arg("review").arg("--score").arg(&path));
    assert!(status.status.success(), "{stderr}");
    assert!(stdout.contains("reviewed         20 messages"), "{stdout}");
    assert!(stdout.contains("with misses      1"), "{stdout}");
    // 1 of 20: the one-sided 95% Clopper-Pearson bound is 0.2161.
    assert!(stdout.contains("95% upper bound  0.2161"), "{stdout}");
}
