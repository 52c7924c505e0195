//! Calibration: each profile's output, read back from the bytes it wrote,
//! matches the figures the generator promises (crates/synth/README.md).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDateTime, Timelike};
use veil_synth::gold::GoldRecord;
use veil_synth::{Options, Profile, Size, Summary, generate};

struct Output {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    gold: Vec<GoldRecord>,
    logins: Vec<Vec<String>>,
    summary: Summary,
    raw_export: Vec<u8>,
}

fn run(profile: Profile, seed: u64, size: Size) -> Output {
    let mut export = Vec::new();
    let mut gold = Vec::new();
    let mut logins = Vec::new();
    let summary = generate(
        profile,
        &Options { seed, size },
        &mut export,
        &mut gold,
        Some(&mut logins),
    )
    .unwrap();
    let text = match profile.encoding() {
        veil_synth::Encoding::Utf8 => String::from_utf8(export.clone()).unwrap(),
        veil_synth::Encoding::Windows1252 => {
            let (text, _, bad) = encoding_rs::WINDOWS_1252.decode(&export);
            assert!(!bad);
            text.into_owned()
        }
    };
    let read = |text: &str| -> (Vec<String>, Vec<Vec<String>>) {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(profile.delimiter())
            .from_reader(text.as_bytes());
        let header = reader.headers().unwrap().iter().map(String::from).collect();
        let rows = reader
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        (header, rows)
    };
    let (header, rows) = read(&text);
    let logins = if logins.is_empty() {
        Vec::new()
    } else {
        read(std::str::from_utf8(&logins).unwrap()).1
    };
    let gold = std::str::from_utf8(&gold)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    Output {
        header,
        rows,
        gold,
        logins,
        summary,
        raw_export: export,
    }
}

impl Output {
    fn col(&self, name: &str) -> usize {
        self.header.iter().position(|h| h == name).unwrap()
    }

    /// (initial notes, patient messages, replies) derived from roles and
    /// thread position, as the release does.
    fn kinds(&self, thread: &str, role: &str, patient_roles: &[&str]) -> (u64, u64, u64) {
        let (t, r) = (self.col(thread), self.col(role));
        let mut seen = BTreeSet::new();
        let mut kinds = (0, 0, 0);
        for row in &self.rows {
            let first = seen.insert(row[t].clone());
            if patient_roles.contains(&row[r].as_str()) {
                kinds.1 += 1;
            } else if first {
                kinds.0 += 1;
            } else {
                kinds.2 += 1;
            }
        }
        kinds
    }

    /// (initial notes, patient messages, replies) as the summary counts them.
    fn summary_kinds(&self) -> (u64, u64, u64) {
        let s = &self.summary;
        (s.initial_notes, s.patient_messages, s.clinician_replies)
    }
}

fn mean_sd(xs: &[u64]) -> (f64, f64) {
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<u64>() as f64 / n;
    let var = xs.iter().map(|x| (*x as f64 - mean).powi(2)).sum::<f64>() / (n - 1.0);
    (mean, var.sqrt())
}

/// Gold lines are in export order, carry the export's text, and every span
/// covers exactly its text.
fn check_gold(out: &Output, id: &str, subject: &str, body: &str) {
    assert_eq!(out.gold.len(), out.rows.len());
    let (i, s, b) = (out.col(id), out.col(subject), out.col(body));
    for (row, g) in out.rows.iter().zip(&out.gold) {
        assert_eq!(row[i], g.message_id);
        assert_eq!(row[s], g.subject);
        assert_eq!(row[b], g.body);
        let mut last_end = (String::new(), 0);
        for span in &g.spans {
            let field = if span.field == "body" {
                &g.body
            } else {
                &g.subject
            };
            let covered: String = field
                .chars()
                .skip(span.start)
                .take(span.end - span.start)
                .collect();
            assert_eq!(covered, span.text, "{}", g.message_id);
            assert!(span.start < span.end);
            if last_end.0 == span.field {
                assert!(
                    span.start >= last_end.1,
                    "spans overlap in {}",
                    g.message_id
                );
            }
            last_end = (span.field.clone(), span.end);
        }
        assert_eq!(g.names.patient.len(), 1);
        chrono::DateTime::parse_from_rfc3339(&g.sent_at).unwrap();
    }
}

#[test]
fn german_psychiatry_at_scale_1_matches_the_study_for_several_seeds() {
    for seed in [1, 2, 99] {
        let out = run(Profile::GermanPsychiatry, seed, Size::Scale(1.0));
        assert_eq!(out.rows.len(), 274);
        let kinds = out.kinds(
            "VerlaufID",
            "AbsenderRolle",
            &["Patient", "Angehörige", "Angehöriger"],
        );
        assert_eq!(kinds, (61, 122, 91), "seed {seed}");
        assert_eq!(
            (
                out.summary.initial_notes,
                out.summary.patient_messages,
                out.summary.clinician_replies
            ),
            (61, 122, 91)
        );
        let patients: BTreeSet<&str> = out
            .rows
            .iter()
            .map(|r| r[out.col("PatientID")].as_str())
            .collect();
        assert_eq!(patients.len(), 38);
        let clinics: BTreeSet<&str> = out
            .rows
            .iter()
            .map(|r| r[out.col("Ambulanz")].as_str())
            .collect();
        assert_eq!(clinics.len(), 3);
        let doctors: BTreeSet<&str> = out
            .rows
            .iter()
            .filter(|r| {
                r[out.col("AbsenderRolle")].starts_with("Ärzt")
                    || r[out.col("AbsenderRolle")] == "Arzt"
            })
            .map(|r| r[out.col("AbsenderID")].as_str())
            .collect();
        assert_eq!(doctors.len(), 4);

        // Messages written on the patient's side, per patient who writes.
        let mut sent: BTreeMap<&str, u64> = BTreeMap::new();
        for r in &out.rows {
            if matches!(
                r[out.col("AbsenderRolle")].as_str(),
                "Patient" | "Angehörige" | "Angehöriger"
            ) {
                *sent.entry(r[out.col("PatientID")].as_str()).or_default() += 1;
            }
        }
        let counts: Vec<u64> = sent.values().copied().collect();
        let (mean, sd) = mean_sd(&counts);
        assert_eq!(*counts.iter().min().unwrap(), 1);
        assert_eq!(*counts.iter().max().unwrap(), 15);
        assert!((mean - 4.16).abs() < 0.1, "mean {mean}");
        assert!((sd - 3.42).abs() < 0.15, "sd {sd}");

        // Logins per patient.
        let mut logins: BTreeMap<&str, u64> = BTreeMap::new();
        for r in &out.logins {
            *logins.entry(r[0].as_str()).or_default() += 1;
        }
        assert_eq!(logins.len(), 38);
        let counts: Vec<u64> = logins.values().copied().collect();
        let (mean, sd) = mean_sd(&counts);
        assert_eq!(
            (*counts.iter().min().unwrap(), *counts.iter().max().unwrap()),
            (1, 42)
        );
        assert!((mean - 10.78).abs() < 0.1, "mean {mean}");
        assert!((sd - 9.38).abs() < 0.05, "sd {sd}");

        // Mostly by day, some at night and early in the morning.
        let hours: Vec<u32> = out
            .rows
            .iter()
            .map(|r| {
                NaiveDateTime::parse_from_str(&r[out.col("Gesendet")], "%d.%m.%Y %H:%M")
                    .unwrap()
                    .hour()
            })
            .collect();
        let day = hours.iter().filter(|h| (9..18).contains(*h)).count();
        let night = hours.iter().filter(|h| **h < 6).count();
        let early = hours.iter().filter(|h| (6..9).contains(*h)).count();
        assert!(day * 2 > hours.len(), "day {day}");
        assert!(night > 0 && early > 0, "night {night}, early {early}");

        check_gold(&out, "NachrichtID", "Betreff", "Nachricht");
    }
}

#[test]
fn german_psychiatry_with_a_message_count_writes_exactly_that_many() {
    for n in [1, 100, 1000] {
        let out = run(Profile::GermanPsychiatry, 5, Size::Messages(n));
        assert_eq!(out.rows.len() as u64, n);
    }
}

#[test]
fn dutch_outpatient_is_windows_1252_with_busy_internal_medicine_and_rising_use() {
    let out = run(Profile::DutchOutpatient, 3, Size::Scale(0.05));
    assert!(
        std::str::from_utf8(&out.raw_export).is_err(),
        "ë and é are single Windows-1252 bytes"
    );
    assert_eq!(out.rows.len(), (196_033.0f64 * 0.05).round() as usize);
    let mut per_clinic: BTreeMap<&str, u64> = BTreeMap::new();
    let mut per_month: BTreeMap<String, u64> = BTreeMap::new();
    let mut per_patient: BTreeMap<&str, u64> = BTreeMap::new();
    let mut uses = BTreeSet::new();
    for r in &out.rows {
        *per_clinic
            .entry(r[out.col("Polikliniek")].as_str())
            .or_default() += 1;
        let t = NaiveDateTime::parse_from_str(&r[out.col("Verzonden")], "%d-%m-%Y %H:%M").unwrap();
        *per_month.entry(t.format("%Y-%m").to_string()).or_default() += 1;
        *per_patient
            .entry(r[out.col("Patientnummer")].as_str())
            .or_default() += 1;
        uses.insert(r[out.col("Categorie")].clone());
    }
    assert_eq!(per_clinic.len(), 25);
    assert!(
        per_clinic["Polikliniek Interne Geneeskunde"] > 20 * per_clinic["Polikliniek Chirurgie"]
    );
    assert_eq!(
        per_clinic["Polikliniek Interne Geneeskunde"],
        (31_319.0f64 * 0.05).round() as u64
    );
    assert_eq!(uses.len(), 8);
    let months: Vec<u64> = per_month.values().copied().collect();
    let first: u64 = months.iter().take(4).sum();
    let last: u64 = months.iter().skip(12).take(4).sum();
    assert!(
        last > 2 * first,
        "first four months {first}, last four {last}"
    );
    assert!(per_patient.values().all(|n| (1..=274).contains(n)));
    check_gold(&out, "BerichtID", "Onderwerp", "Bericht");
    let kinds = out.kinds("GesprekID", "Afzender_rol", &["Patiënt", "Gemachtigde"]);
    assert_eq!(kinds, out.summary_kinds());
}

#[test]
fn us_chronic_care_has_proxies_staff_and_parseable_times() {
    let out = run(Profile::UsChronicCare, 4, Size::Messages(2000));
    assert_eq!(out.rows.len(), 2000);
    let roles: BTreeMap<&str, usize> = out.rows.iter().fold(BTreeMap::new(), |mut m, r| {
        *m.entry(r[out.col("Sender Type")].as_str()).or_default() += 1;
        m
    });
    assert!(roles["Proxy"] > 100, "{roles:?}");
    assert!(roles["Staff"] > 100 && roles["Provider"] > 100 && roles["Patient"] > 300);
    for (r, g) in out.rows.iter().zip(&out.gold) {
        NaiveDateTime::parse_from_str(&r[out.col("Sent")], "%m/%d/%Y %I:%M %p").unwrap();
        if r[out.col("Sender Type")] == "Proxy" {
            assert_eq!(g.names.other, vec![r[out.col("Sender Name")].clone()]);
        }
    }
    check_gold(&out, "Message ID", "Subject", "Message Text");
    let kinds = out.kinds("Thread ID", "Sender Type", &["Patient", "Proxy"]);
    assert_eq!(kinds, out.summary_kinds());
}

#[test]
fn every_category_appears_in_every_language() {
    for profile in Profile::ALL {
        let out = run(profile, 1, Size::Messages(3000));
        for category in veil_synth::Category::ALL {
            if profile == Profile::UsChronicCare && category == veil_synth::Category::Iban {
                continue; // US patients do not write bank account numbers.
            }
            assert!(
                out.summary.spans_of(category) > 0,
                "{profile}: no {}",
                category.as_str()
            );
        }
    }
}

#[test]
fn dutch_outpatient_at_scale_1_has_the_published_clinic_totals_and_patient_range() {
    let out = run(Profile::DutchOutpatient, 1, Size::Scale(1.0));
    let totals: Vec<u64> = out.summary.per_clinic.values().copied().collect();
    assert_eq!(totals.len(), 25);
    assert_eq!(*totals.iter().min().unwrap(), 228);
    assert_eq!(*totals.iter().max().unwrap(), 31_319);
    assert_eq!(out.rows.len(), 196_033);
    let p = out.col("Patientnummer");
    let mut per_patient: BTreeMap<&str, u64> = BTreeMap::new();
    for r in &out.rows {
        *per_patient.entry(r[p].as_str()).or_default() += 1;
    }
    assert_eq!(*per_patient.values().min().unwrap(), 1);
    assert_eq!(*per_patient.values().max().unwrap(), 274);
}
