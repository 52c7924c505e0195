//! `german-psychiatry`: three psychiatric outpatient clinics (PIA) in
//! Brandenburg, four psychiatrists, 38 patients; every thread opens with a
//! clinician's note; plus the portal's login events.

use chrono::{Duration, NaiveDate};

use crate::data;
use crate::emit::{DayPattern, Emitter, age_on, at, birth, de_time, later};
use crate::error::Result;
use crate::lang::{de, tpl_de};
use crate::person::Person;
use crate::render::{Author, Ctx};
use crate::rng::Rng;
use crate::sink::GoldFacts;
use crate::summary::Kind;

/// Export columns, as in the site's CSV.
pub const COLUMNS: [&str; 17] = [
    "NachrichtID",
    "VerlaufID",
    "PatientID",
    "AbsenderRolle",
    "AbsenderID",
    "AbsenderName",
    "EmpfaengerRolle",
    "EmpfaengerID",
    "EmpfaengerName",
    "Vorname",
    "Nachname",
    "Geburtsdatum",
    "Gesendet",
    "Ambulanz",
    "Fachrichtung",
    "Betreff",
    "Nachricht",
];
/// Login file columns.
pub const LOGIN_COLUMNS: [&str; 2] = ["PatientID", "Anmeldung"];

const CLINICS: [&str; 3] = ["PIA Neuruppin", "PIA Eberswalde", "PIA Cottbus"];
const SPECIALTY: &str = "Psychiatrie und Psychotherapie";
/// Which clinic each of the four psychiatrists works at.
const DOCTOR_CLINIC: [usize; 4] = [0, 1, 2, 2];

/// Per-patient plan at scale 1: (threads, messages sent, clinician replies, logins).
/// 38 patients, 61 threads (= initial notes), 122 patient messages, 91 replies,
/// 410 logins (mean 10.79, SD 9.38). Nine patients never answer.
pub const BASE: [(u32, u32, u32, u32); 38] = [
    (1, 0, 0, 1),
    (1, 0, 0, 1),
    (1, 0, 0, 1),
    (1, 0, 0, 2),
    (1, 0, 0, 2),
    (1, 0, 0, 2),
    (1, 0, 0, 3),
    (1, 0, 0, 3),
    (1, 0, 0, 4),
    (1, 1, 1, 4),
    (1, 1, 1, 4),
    (1, 1, 1, 5),
    (1, 1, 1, 5),
    (1, 1, 1, 6),
    (1, 1, 1, 6),
    (1, 1, 1, 7),
    (1, 2, 2, 7),
    (1, 2, 2, 8),
    (1, 2, 1, 8),
    (1, 2, 1, 9),
    (1, 3, 2, 9),
    (2, 3, 2, 10),
    (2, 3, 2, 10),
    (2, 3, 2, 11),
    (2, 4, 3, 11),
    (2, 4, 3, 12),
    (2, 4, 3, 13),
    (2, 4, 3, 14),
    (2, 5, 4, 14),
    (2, 5, 4, 15),
    (2, 5, 4, 16),
    (2, 6, 4, 18),
    (3, 6, 4, 20),
    (3, 7, 5, 21),
    (3, 8, 6, 24),
    (3, 10, 7, 27),
    (3, 12, 9, 35),
    (3, 15, 11, 42),
];

/// First and last day of the study period.
fn period() -> (NaiveDate, NaiveDate) {
    (
        NaiveDate::from_ymd_opt(2025, 2, 3).expect("date"),
        NaiveDate::from_ymd_opt(2025, 11, 28).expect("date"),
    )
}

/// Runs the profile for `patients` patients.
pub(crate) fn run(seed: u64, patients: u64, emit: &mut Emitter<'_>) -> Result<()> {
    let lists = data::de();
    let mut setup = Rng::new(seed, 1);
    let doctors: Vec<Person> = (0..4)
        .map(|i| Person::random(lists, &mut setup, Some(i % 2 == 0)))
        .collect();
    let mut doctors = doctors;
    doctors[0].last = "Wolf".to_string();
    let doctor_names: Vec<String> = doctors
        .iter()
        .map(|d| format!("Dr. {}", d.full()))
        .collect();
    emit.summary
        .staff_roster
        .extend(doctor_names.iter().cloned());
    let (start, end) = period();
    let span_days = (end - start).num_days();

    let mut order: Vec<usize> = (0..BASE.len()).collect();
    let mut next_message = 1u64;
    let mut next_thread = 1u64;
    for i in 0..patients {
        if emit.room() == 0 {
            break;
        }
        if (i as usize).is_multiple_of(BASE.len()) {
            setup.shuffle(&mut order);
        }
        let (threads, sent, replies, logins) = BASE[order[i as usize % BASE.len()]];
        let mut rng = Rng::new(seed, 1000 + i);
        let d = (i % 4) as usize;
        let doctor = &doctors[d];
        let clinic = CLINICS[DOCTOR_CLINIC[d]];
        let mut patient = Person::random(lists, &mut rng, None);
        if let Some(last) = crate::person::hard_surname("de", i) {
            patient.last = last.to_string();
        }
        let other_doc = Person::random(lists, &mut rng, None);
        let relation =
            crate::person::spouse_for(rng.below(de::RELATIONS.len()), patient.female, &mut rng);
        let mut relative = Person::random(lists, &mut rng, Some(de::RELATIONS[relation].1));
        if rng.chance(0.6) {
            relative.last = patient.last.clone();
        }
        let staff_female = rng.chance(0.8);
        let staff = Person::random(lists, &mut rng, Some(staff_female));
        emit.summary.staff_roster.insert(staff.full());
        let born = if rng.chance(0.03) {
            birth(&mut rng, start, 90, 94)
        } else {
            birth(&mut rng, start, 19, 78)
        };
        let birth_text = born.format("%d.%m.%Y").to_string();
        let patient_id = format!("P-{:05}", 10001 + i);
        let doctor_id = format!("A-{:02}", d + 1);
        let patient_full = patient.full();
        let relative_full = relative.full();
        let relative_id = format!("R-{:05}", 10001 + i);

        // Which of the patient's messages get a reply, and how the patient's
        // messages spread over the threads (each thread gets at least one
        // while there are enough).
        let mut answered: Vec<bool> = (0..sent).map(|k| k < replies).collect();
        rng.shuffle(&mut answered);
        let mut per_thread = vec![0u32; threads as usize];
        for k in 0..sent {
            let t = if (k as usize) < per_thread.len() {
                k as usize
            } else {
                rng.below(per_thread.len())
            };
            per_thread[t] += 1;
        }
        let mut starts: Vec<i64> = (0..threads).map(|_| rng.range(0, span_days - 20)).collect();
        starts.sort_unstable();

        let mut sent_times = Vec::new();
        let mut answer_index = 0usize;
        let mut wrote_any = false;
        for (t, &n_patient) in per_thread.iter().enumerate() {
            if emit.room() == 0 {
                break;
            }
            let thread_id = format!("V-{:05}", next_thread);
            next_thread += 1;
            emit.summary.threads += 1;
            let mut time = at(
                start + Duration::days(starts[t]),
                DayPattern::CLINICIAN,
                &mut rng,
            );
            // The sequence: note, then each patient message, each followed
            // by a reply if it was chosen to be answered.
            let mut seq = vec![Author::Clinician];
            for _ in 0..n_patient {
                seq.push(if rng.chance(0.04) {
                    Author::Proxy
                } else {
                    Author::Patient
                });
                if answered.get(answer_index).copied().unwrap_or(false) {
                    seq.push(Author::Clinician);
                }
                answer_index += 1;
            }
            for (pos, author) in seq.iter().enumerate() {
                if emit.room() == 0 {
                    break;
                }
                if pos > 0 {
                    let pattern = if *author != Author::Clinician {
                        DayPattern::PATIENT
                    } else {
                        DayPattern::CLINICIAN
                    };
                    time = later(time, pattern, &mut rng, 3);
                }
                time = crate::time::Zone::CentralEurope.existing(time);
                if *author == Author::Patient {
                    sent_times.push(time);
                }
                let ctx = Ctx {
                    patient: &patient,
                    birth: (
                        chrono::Datelike::day(&born),
                        chrono::Datelike::month(&born),
                        chrono::Datelike::year(&born),
                    ),
                    age: age_on(born, time.date()),
                    clinician: doctor,
                    colleague: &other_doc,
                    relative: &relative,
                    relation,
                    staff: &staff,
                    author: *author,
                    sent: time,
                    clinic,
                    proxy_thread: false,
                };
                let kind = match (author, pos) {
                    (Author::Patient | Author::Proxy, _) => Kind::PatientMessage,
                    (_, 0) => Kind::ClinicianInitialNote,
                    _ => Kind::ClinicianReply,
                };
                compose(&ctx, kind, &mut rng, emit);
                let message_id = format!("N-{:06}", next_message);
                next_message += 1;
                let sent_local = de_time(time);
                let sent_at = crate::time::Zone::CentralEurope.rfc3339(time);
                let doctor_role = if doctor.female { "Ärztin" } else { "Arzt" };
                let (s_role, s_id, s_name, r_role, r_id, r_name) = match author {
                    Author::Patient => (
                        "Patient",
                        patient_id.as_str(),
                        patient_full.as_str(),
                        doctor_role,
                        doctor_id.as_str(),
                        doctor_names[d].as_str(),
                    ),
                    Author::Proxy => {
                        let role = if relative.female {
                            "Angehörige"
                        } else {
                            "Angehöriger"
                        };
                        emit.summary.proxy_messages += 1;
                        (
                            role,
                            relative_id.as_str(),
                            relative_full.as_str(),
                            doctor_role,
                            doctor_id.as_str(),
                            doctor_names[d].as_str(),
                        )
                    }
                    _ => (
                        doctor_role,
                        doctor_id.as_str(),
                        doctor_names[d].as_str(),
                        "Patient",
                        patient_id.as_str(),
                        patient_full.as_str(),
                    ),
                };
                let others: &[&str] = if *author == Author::Proxy {
                    &[relative_full.as_str()]
                } else {
                    &[]
                };
                let fields = [
                    message_id.as_str(),
                    thread_id.as_str(),
                    patient_id.as_str(),
                    s_role,
                    s_id,
                    s_name,
                    r_role,
                    r_id,
                    r_name,
                    patient.first.as_str(),
                    patient.last.as_str(),
                    birth_text.as_str(),
                    sent_local.as_str(),
                    clinic,
                    SPECIALTY,
                ];
                let facts = GoldFacts {
                    message_id: &message_id,
                    language: "de",
                    sent_at: &sent_at,
                    patient: &[patient_full.as_str()],
                    clinician: &[doctor_names[d].as_str()],
                    other: others,
                };
                emit.message(&fields, &facts, kind, clinic)?;
                wrote_any = true;
            }
        }
        if wrote_any {
            emit.summary.patients += 1;
            write_logins(
                &mut rng,
                &patient_id,
                logins,
                &sent_times,
                start,
                span_days,
                emit,
            )?;
        }
    }
    Ok(())
}

/// Login events: one a few minutes before each message the patient sent,
/// the rest spread over the period; at least as many as messages sent.
fn write_logins(
    rng: &mut Rng,
    patient_id: &str,
    logins: u32,
    sent: &[chrono::NaiveDateTime],
    start: NaiveDate,
    span_days: i64,
    emit: &mut Emitter<'_>,
) -> Result<()> {
    let mut times: Vec<chrono::NaiveDateTime> = sent
        .iter()
        .map(|t| *t - Duration::minutes(rng.range(1, 25)))
        .collect();
    while (times.len() as u32) < logins.max(sent.len() as u32) {
        let day = start + Duration::days(rng.range(0, span_days));
        times.push(at(day, DayPattern::PATIENT, rng));
    }
    times.sort_unstable();
    for t in times {
        let t = crate::time::Zone::CentralEurope.existing(t);
        let text = de_time(t);
        emit.login(&[patient_id, &text])?;
    }
    Ok(())
}

/// Writes subject and body of one message into the emitter's scratch texts.
fn compose(ctx: &Ctx, kind: Kind, rng: &mut Rng, emit: &mut Emitter<'_>) {
    let (subjects, pool): (&[&'static str], &[&'static str]) = match kind {
        Kind::ClinicianInitialNote => (tpl_de::SUBJECT_NOTE, tpl_de::NOTE),
        Kind::ClinicianReply => (tpl_de::SUBJECT_NOTE, tpl_de::REPLY),
        Kind::PatientMessage if ctx.author == Author::Proxy => {
            (tpl_de::SUBJECT_PATIENT, tpl_de::PROXY)
        }
        Kind::PatientMessage => {
            let pool = match rng.weighted(&[0.45, 0.2, 0.15, 0.2]) {
                0 => tpl_de::REPORT,
                1 => tpl_de::INTER,
                2 => tpl_de::INTRA,
                _ => tpl_de::ORG,
            };
            (tpl_de::SUBJECT_PATIENT, pool)
        }
    };
    let prefix = (kind != Kind::ClinicianInitialNote).then_some("AW: ");
    emit.compose(ctx, rng, subjects, pool, tpl_de::EXTRA, prefix, de::slot);
}
