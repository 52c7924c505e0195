use super::*;
use crate::gold::{GoldSpan, Names};

fn gold(body: &str, spans: &[(&str, Category)]) -> GoldRecord {
    let spans = spans
        .iter()
        .map(|(text, category)| {
            let byte = body.find(text).expect("span text in body");
            let start = body[..byte].chars().count();
            GoldSpan {
                field: "body".into(),
                start,
                end: start + text.chars().count(),
                category: *category,
                text: text.to_string(),
            }
        })
        .collect();
    GoldRecord {
        message_id: "N-1".into(),
        language: "de".into(),
        sent_at: "2025-03-04T10:15:00+01:00".into(),
        names: Names::default(),
        subject: String::new(),
        body: body.into(),
        spans,
    }
}

fn scrubbed(body: &str) -> Scrubbed {
    Scrubbed {
        message_id: "N-1".into(),
        subject: None,
        body: Some(body.into()),
        findings: Vec::new(),
    }
}

fn score(g: &GoldRecord, s: &Scrubbed) -> Report {
    let mut scorer = Scorer::new();
    scorer.add(g, Some(s));
    scorer.finish()
}

const BODY: &str =
    "Liebe Frau Koch, bitte Sertralin 50 mg nehmen. Termin am 12.03.2025. Ihre Dr. Katrin Wolf";

fn body_gold() -> GoldRecord {
    gold(
        BODY,
        &[
            ("Koch", Category::PatientName),
            ("12.03.2025", Category::Date),
            ("Katrin Wolf", Category::ClinicianName),
        ],
    )
}

#[test]
fn perfect_tags_give_full_recall_and_precision() {
    let r = score(
        &body_gold(),
        &scrubbed(
            "Liebe Frau [PATIENT_NAME], bitte Sertralin 50 mg nehmen. Termin am [DATE]. Ihre Dr. [CLINICIAN_NAME]",
        ),
    );
    assert_eq!(r.overall.tokens, 6, "Koch, 12, 03, 2025, Katrin, Wolf");
    assert_eq!(r.overall.token_recall, Some(1.0));
    assert_eq!(r.overall.strict_entity_recall, Some(1.0));
    assert_eq!(r.overall.token_precision, Some(1.0));
    assert_eq!(r.overall.leaks, 0);
}

#[test]
fn a_missed_name_lowers_recall_and_leaks() {
    let r = score(
        &body_gold(),
        &scrubbed(
            "Liebe Frau Koch, bitte Sertralin 50 mg nehmen. Termin am [DATE]. Ihre Dr. [CLINICIAN_NAME]",
        ),
    );
    let patient = &r.categories["PATIENT_NAME"];
    assert_eq!(patient.tokens_changed, 0);
    assert_eq!(patient.token_recall, Some(0.0));
    assert_eq!(patient.strict_entity_recall, Some(0.0));
    assert_eq!(patient.leaks, 1);
    assert_eq!(r.overall.tokens_changed, 5);
    assert_eq!(r.leak_examples[0].text, "Koch");
}

#[test]
fn a_surrogate_counts_as_a_change() {
    let r = score(
        &body_gold(),
        &scrubbed(
            "Liebe Frau Becker, bitte Sertralin 50 mg nehmen. Termin am 14.05.2025. Ihre Dr. Jana Brandt",
        ),
    );
    let patient = &r.categories["PATIENT_NAME"];
    assert_eq!(patient.token_recall, Some(1.0));
    // The year 2025 survived the surrogate date: two of three date tokens changed.
    let date = &r.categories["DATE"];
    assert_eq!(date.tokens_changed, 2);
    assert_eq!(date.strict_entity_recall, Some(0.0));
    assert_eq!(r.overall.token_precision, Some(1.0));
}

#[test]
fn an_over_scrubbed_dose_hurts_precision_only() {
    let r = score(
        &body_gold(),
        &scrubbed(
            "Liebe Frau [PATIENT_NAME], bitte Sertralin [DATE] nehmen. Termin am [DATE]. Ihre Dr. [CLINICIAN_NAME]",
        ),
    );
    assert_eq!(r.overall.token_recall, Some(1.0));
    assert_eq!(r.changed_tokens, 8, "6 protected + `50` + `mg`");
    assert_eq!(r.overall.token_precision, Some(6.0 / 8.0));
}

#[test]
fn a_verbatim_leak_is_found_in_any_case_but_short_spans_are_not_leaks() {
    let g = gold(
        "Gruß AK, Anruf von Petra Bauer",
        &[
            ("AK", Category::PatientName),
            ("Petra Bauer", Category::OtherName),
        ],
    );
    let r = score(
        &g,
        &scrubbed("Gruß AK, Anruf von [OTHER_NAME] (PETRA BAUER)"),
    );
    assert_eq!(r.categories["OTHER_NAME"].leaks, 1);
    assert_eq!(
        r.categories["PATIENT_NAME"].leaks, 0,
        "AK is shorter than 4 chars"
    );
    assert_eq!(
        r.categories["OTHER_NAME"].token_recall,
        Some(1.0),
        "tokens moved, aligned as changed"
    );
}

#[test]
fn a_tag_never_matches_a_raw_token_of_the_same_spelling() {
    let g = gold("DATE 12.3.", &[("12.3.", Category::Date)]);
    let r = score(&g, &scrubbed("[DATE] [DATE]"));
    assert_eq!(r.changed_tokens, 3, "the raw word DATE is gone too");
    let r = score(&g, &scrubbed("DATE [DATE]"));
    assert_eq!(r.changed_tokens, 2);
    assert_eq!(r.overall.token_precision, Some(1.0));
}

#[test]
fn tokens_are_runs_of_letters_or_digits_with_char_offsets() {
    let t = tokens("Grüße, Frau Müller-Lüdenscheidt! 1-0-1");
    let texts: Vec<&str> = t.iter().map(|t| t.text).collect();
    assert_eq!(
        texts,
        ["Grüße", "Frau", "Müller", "Lüdenscheidt", "1", "0", "1"]
    );
    assert_eq!((t[2].start, t[2].end), (12, 18));
}

#[test]
fn findings_give_per_category_precision() {
    let mut s = scrubbed(
        "Liebe Frau [PATIENT_NAME], bitte Sertralin [DATE] nehmen. Termin am [DATE]. Ihre Dr. [CLINICIAN_NAME]",
    );
    s.findings = vec![Finding {
        field: "body".into(),
        start: 33,
        end: 38,
        category: "DATE".into(),
    }];
    let r = score(&body_gold(), &s);
    assert_eq!(
        r.categories["DATE"].token_precision,
        Some(0.0),
        "the finding covers only the dose"
    );
}
