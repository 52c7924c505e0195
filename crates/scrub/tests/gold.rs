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

fn scrub_gold(path: &Path) -> (Report, Vec<String>) {
    let text = std::fs::read_to_string(path).expect("gold file");
    let mut scorer = Scorer::new();
    let mut leaks = Vec::new();
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
        let subject = scrubber.scrub(&gold.subject, lang).text;
        let body = scrubber.scrub(&gold.body, lang).text;
        leaks.extend(roster_leaks(&gold, &subject, &body));
        let scrubbed = Scrubbed {
            message_id: gold.message_id.clone(),
            subject: Some(subject),
            body: Some(body),
            findings: Vec::new(),
        };
        scorer.add(&gold, Some(&scrubbed));
    }
    (scorer.finish(), leaks)
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

/// Token-recall floors per category: a little under what the scrubber
/// reaches on every gold file (see the table this test prints). The issue's
/// bars are 0.99 for names and dates and 0.995 for phone, e-mail, URL,
/// identifying numbers and IBANs.
fn floor(category: &str) -> f64 {
    match category {
        "PATIENT_NAME" => 0.99,
        "CLINICIAN_NAME" => 0.99,
        "OTHER_NAME" => 0.97,
        "DATE" => 0.99,
        "PHONE" | "EMAIL" | "URL" | "ID_NUMBER" | "IBAN" => 0.995,
        "AGE_OVER_89" => 0.7,
        "STREET_ADDRESS" => 0.9,
        "POSTCODE" => 0.85,
        // The US file has only a dozen city tokens: one miss is 8 points.
        "CITY" => 0.8,
        "INSTITUTION" => 0.55,
        _ => 0.0,
    }
}

/// Overall token precision floor (the bar is 0.95).
const PRECISION_FLOOR: f64 = 0.98;

/// Roster name parts of four letters or more still standing as whole words
/// in the scrubbed fields.
fn roster_leaks(gold: &GoldRecord, subject: &str, body: &str) -> Vec<String> {
    let mut leaks = Vec::new();
    let names = gold
        .names
        .patient
        .iter()
        .chain(&gold.names.clinician)
        .chain(&gold.names.other);
    for name in names {
        for part in name
            .split(|c: char| !c.is_alphabetic())
            .filter(|p| p.chars().count() >= 4)
        {
            let lower = part.to_lowercase();
            if matches!(
                lower.as_str(),
                "herr" | "frau" | "prof" | "mevrouw" | "meneer"
            ) {
                continue;
            }
            for field in [subject, body] {
                let field = field.to_lowercase();
                let whole = field.match_indices(&lower).any(|(i, m)| {
                    let before = field[..i].chars().next_back();
                    let after = field[i + m.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                });
                if whole {
                    leaks.push(format!("{}: {part}", gold.message_id));
                }
            }
        }
    }
    leaks
}

#[test]
fn gold_recall_precision_and_no_roster_leaks() {
    let files = gold_files();
    assert!(!files.is_empty(), "no gold files");
    let mut failures = Vec::new();
    for file in &files {
        let (report, leaks) = scrub_gold(file);
        println!("== {}\n{}", file.display(), table(&report));
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
        match report.overall.token_precision {
            Some(p) if p >= PRECISION_FLOOR => {}
            p => failures.push(format!(
                "{}: precision {p:?} < {PRECISION_FLOOR}",
                file.display()
            )),
        }
        failures.extend(
            leaks
                .into_iter()
                .map(|l| format!("{}: roster name leaks: {l}", file.display())),
        );
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
