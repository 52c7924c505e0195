//! `us-chronic-care`: a US health system's cardiopulmonary clinics; family
//! members and caregivers write on the patient's behalf (proxy senders);
//! nurses and coordinators coordinate care across providers.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};

use crate::data;
use crate::emit::{DayPattern, Emitter, age_on, at, birth, later};
use crate::error::Result;
use crate::lang::{en, tpl_en};
use crate::person::Person;
use crate::render::{Author, Ctx};
use crate::rng::Rng;
use crate::sink::GoldFacts;
use crate::summary::Kind;
use crate::time::Zone;

/// Export columns, as in the site's CSV.
pub const COLUMNS: [&str; 17] = [
    "Message ID",
    "Thread ID",
    "MRN",
    "Patient First Name",
    "Patient Last Name",
    "Patient DOB",
    "Sender Type",
    "Sender ID",
    "Sender Name",
    "Recipient Type",
    "Recipient ID",
    "Recipient Name",
    "Sent",
    "Department",
    "Specialty",
    "Subject",
    "Message Text",
];

/// Patients at scale 1.
pub const BASE_PATIENTS: u64 = 600;
/// Messages at scale 1 (about 6.8 per patient; used to turn `--messages`
/// into a scale, the count itself is exact).
pub const BASE_MESSAGES: u64 = 4_100;

const DEPARTMENTS: [(&str, &str); 6] = [
    ("Heart Failure Clinic", "Cardiology"),
    ("Cardiology", "Cardiology"),
    ("Electrophysiology", "Cardiology"),
    ("Pulmonology", "Pulmonary Medicine"),
    ("Pulmonary Rehab", "Pulmonary Medicine"),
    ("Primary Care", "Internal Medicine"),
];

/// `MM/DD/YYYY h:mm AM`.
fn us_time(t: NaiveDateTime) -> String {
    let (pm, hour) = t.hour12();
    format!(
        "{:02}/{:02}/{} {}:{:02} {}",
        t.month(),
        t.day(),
        t.year(),
        hour,
        t.minute(),
        if pm { "PM" } else { "AM" }
    )
}

fn geometric(rng: &mut Rng, mean: f64) -> u64 {
    let p = 1.0 / mean;
    let mut n = 1;
    while n < 200 && !rng.chance(p) {
        n += 1;
    }
    n
}

struct Department {
    name: &'static str,
    specialty: &'static str,
    providers: Vec<Person>,
    nurse: Person,
}

/// Runs the profile; with a message limit, patients keep coming until it is reached.
pub(crate) fn run(seed: u64, scale: f64, emit: &mut Emitter<'_>) -> Result<()> {
    let lists = data::en();
    let mut setup = Rng::new(seed, 3);
    let departments: Vec<Department> = DEPARTMENTS
        .iter()
        .map(|(name, specialty)| {
            let mut providers: Vec<Person> = (0..2)
                .map(|_| Person::random(lists, &mut setup, None))
                .collect();
            if providers[0].last.len() > 6 {
                providers[0].last = "Hope".to_string();
            }
            let female = setup.chance(0.85);
            Department {
                name,
                specialty,
                providers,
                nurse: Person::random(lists, &mut setup, Some(female)),
            }
        })
        .collect();
    let patients = if emit.limit.is_some() {
        u64::MAX
    } else {
        ((BASE_PATIENTS as f64 * scale).round() as u64).max(1)
    };
    for department in &departments {
        let members = department.providers.iter().chain([&department.nurse]);
        emit.summary.staff_roster.extend(members.map(Person::full));
    }
    let start = NaiveDate::from_ymd_opt(2024, 9, 2).expect("date");
    let mut ids = (0u64, 0u64);
    for i in 0..patients {
        if emit.room() == 0 {
            break;
        }
        let mut rng = Rng::new(seed, 5000 + i);
        patient(&mut rng, i, &departments, start, &mut ids, emit)?;
    }
    Ok(())
}

fn patient(
    rng: &mut Rng,
    i: u64,
    departments: &[Department],
    start: NaiveDate,
    ids: &mut (u64, u64),
    emit: &mut Emitter<'_>,
) -> Result<()> {
    let lists = data::en();
    let mut patient = Person::random(lists, rng, None);
    if let Some(last) = crate::person::hard_surname("en", i) {
        patient.last = last.to_string();
    }
    let relation = crate::person::spouse_for(rng.below(en::RELATIONS.len()), patient.female, rng);
    let mut relative = Person::random(lists, rng, Some(en::RELATIONS[relation].1));
    if relation < 6 && rng.chance(0.6) {
        relative.last = patient.last.clone();
    }
    let has_proxy = rng.chance(0.35);
    let born = if rng.chance(0.04) {
        birth(rng, start, 90, 97)
    } else {
        birth(rng, start, 45, 89)
    };
    let dob = format!("{:02}/{:02}/{}", born.month(), born.day(), born.year());
    let mrn = format!("{:08}", 40_000_000 + i);
    let proxy_id = format!("PX{:07}", 1_000_000 + i);
    let home = rng.below(departments.len());
    let dep = &departments[home];
    let p_idx = rng.below(dep.providers.len());
    let provider = &dep.providers[p_idx];
    // Care coordination: a provider of another department.
    let other = &departments[(home + 1 + rng.below(departments.len() - 1)) % departments.len()];
    let colleague = &other.providers[rng.below(other.providers.len())];
    let provider_name = format!("{}, MD", provider.full());
    let provider_id = format!("PRV{}{}", home, p_idx);
    let nurse_name = format!("{}, RN", dep.nurse.full());
    let nurse_id = format!("RN{home:02}");
    let patient_full = patient.full();
    let relative_full = relative.full();
    let mut m = match rng.weighted(&[0.5, 0.4, 0.1]) {
        0 => geometric(rng, 3.0),
        1 => geometric(rng, 8.0),
        _ => geometric(rng, 20.0),
    };
    emit.summary.patients += 1;
    while m > 0 && emit.room() > 0 {
        // Thread plan.
        let mut plan: Vec<(Author, &'static [&'static str])> = Vec::new();
        let x = rng.unit();
        let patient_side = |rng: &mut Rng| {
            if has_proxy && rng.chance(0.65) {
                (Author::Proxy, tpl_en::PROXY)
            } else {
                let pool = match rng.weighted(&[0.35, 0.2, 0.25, 0.2]) {
                    0 => tpl_en::SYMPTOM,
                    1 => tpl_en::REFILL,
                    2 => tpl_en::QUESTION,
                    _ => tpl_en::COORDINATION,
                };
                (Author::Patient, pool)
            }
        };
        let answer = |rng: &mut Rng| {
            if rng.chance(0.6) {
                (Author::Clinician, tpl_en::REPLY)
            } else {
                (Author::Staff, tpl_en::STAFF_NOTE)
            }
        };
        if x < 0.7 {
            plan.push(patient_side(rng));
            plan.push(answer(rng));
            if rng.chance(0.35) {
                plan.push(patient_side(rng));
                plan.push(answer(rng));
            }
        } else if x < 0.88 {
            plan.push((Author::Clinician, tpl_en::PROVIDER_NOTE));
            if rng.chance(0.6) {
                plan.push(patient_side(rng));
                if rng.chance(0.4) {
                    plan.push((Author::Clinician, tpl_en::REPLY));
                }
            }
        } else {
            plan.push((Author::Staff, tpl_en::STAFF_NOTE));
            if rng.chance(0.5) {
                plan.push(patient_side(rng));
            }
        }
        let proxy_thread = plan.iter().any(|(a, _)| *a == Author::Proxy);
        ids.1 += 1;
        emit.summary.threads += 1;
        let thread_id = format!("T{:08}", ids.1);
        let day = start + Duration::days(rng.range(0, 364));
        let mut time = at(day, DayPattern::PATIENT, rng);
        for (pos, (author, pool)) in plan.iter().enumerate() {
            if m == 0 || emit.room() == 0 {
                break;
            }
            m -= 1;
            let patient_side = matches!(author, Author::Patient | Author::Proxy);
            let pattern = if patient_side {
                DayPattern::PATIENT
            } else {
                DayPattern::CLINICIAN
            };
            time = if pos == 0 {
                at(day, pattern, rng)
            } else {
                later(time, pattern, rng, 3)
            };
            time = Zone::UsEastern.existing(time);
            let ctx = Ctx {
                patient: &patient,
                birth: (born.day(), born.month(), born.year()),
                age: age_on(born, time.date()),
                clinician: provider,
                colleague,
                relative: &relative,
                relation,
                staff: &dep.nurse,
                author: *author,
                sent: time,
                clinic: dep.name,
                proxy_thread,
            };
            let subjects = if patient_side {
                tpl_en::SUBJECT_PATIENT
            } else {
                tpl_en::SUBJECT_CLINICIAN
            };
            let prefix = (pos > 0).then_some("RE: ");
            emit.compose(&ctx, rng, subjects, pool, tpl_en::EXTRA, prefix, en::slot);
            let kind = Kind::of(patient_side, pos);
            ids.0 += 1;
            let message_id = format!("M{:09}", ids.0);
            let sent_local = us_time(time);
            let sent_at = Zone::UsEastern.rfc3339(time);
            let (s_role, s_id, s_name, r_role, r_id, r_name) = match author {
                Author::Patient => (
                    "Patient",
                    mrn.as_str(),
                    patient_full.as_str(),
                    "Provider",
                    provider_id.as_str(),
                    provider_name.as_str(),
                ),
                Author::Proxy => {
                    emit.summary.proxy_messages += 1;
                    (
                        "Proxy",
                        proxy_id.as_str(),
                        relative_full.as_str(),
                        "Provider",
                        provider_id.as_str(),
                        provider_name.as_str(),
                    )
                }
                Author::Staff => (
                    "Staff",
                    nurse_id.as_str(),
                    nurse_name.as_str(),
                    "Patient",
                    mrn.as_str(),
                    patient_full.as_str(),
                ),
                Author::Clinician => (
                    "Provider",
                    provider_id.as_str(),
                    provider_name.as_str(),
                    "Patient",
                    mrn.as_str(),
                    patient_full.as_str(),
                ),
            };
            let clinician: &[&str] = if *author == Author::Staff {
                &[]
            } else {
                &[provider_name.as_str()]
            };
            let other: &[&str] = match author {
                Author::Proxy => &[relative_full.as_str()],
                Author::Staff => &[nurse_name.as_str()],
                _ => &[],
            };
            let fields = [
                message_id.as_str(),
                thread_id.as_str(),
                mrn.as_str(),
                patient.first.as_str(),
                patient.last.as_str(),
                dob.as_str(),
                s_role,
                s_id,
                s_name,
                r_role,
                r_id,
                r_name,
                sent_local.as_str(),
                dep.name,
                dep.specialty,
            ];
            let facts = GoldFacts {
                message_id: &message_id,
                language: "en",
                sent_at: &sent_at,
                patient: &[patient_full.as_str()],
                clinician,
                other,
            };
            emit.message(&fields, &facts, kind, dep.name)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn us_times_parse_with_the_pipeline_format() {
        let t = NaiveDate::from_ymd_opt(2025, 3, 4)
            .unwrap()
            .and_hms_opt(14, 5, 0)
            .unwrap();
        let s = us_time(t);
        assert_eq!(s, "03/04/2025 2:05 PM");
        let back = NaiveDateTime::parse_from_str(&s, "%m/%d/%Y %I:%M %p").unwrap();
        assert_eq!(back, t);
        let midnight = NaiveDate::from_ymd_opt(2025, 3, 4)
            .unwrap()
            .and_hms_opt(0, 30, 0)
            .unwrap();
        assert_eq!(us_time(midnight), "03/04/2025 12:30 AM");
    }
}
