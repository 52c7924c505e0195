//! `dutch-outpatient`: one hospital, 25 outpatient clinics of named
//! specialties, 16 months, use rising month by month, chronic internal
//! medicine far busier than surgery; 8 use types (column `Categorie`).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};

use crate::data;
use crate::emit::{DayPattern, Emitter, age_on, at, birth, later};
use crate::error::Result;
use crate::lang::{nl, tpl_nl};
use crate::person::Person;
use crate::render::{Author, Ctx};
use crate::rng::Rng;
use crate::sink::GoldFacts;
use crate::summary::Kind;
use crate::time::Zone;

/// Export columns, as in the site's CSV.
pub const COLUMNS: [&str; 18] = [
    "BerichtID",
    "GesprekID",
    "Patientnummer",
    "Afzender_rol",
    "Afzender_ID",
    "Afzender_naam",
    "Ontvanger_rol",
    "Ontvanger_ID",
    "Ontvanger_naam",
    "Voornaam",
    "Achternaam",
    "Geboortedatum",
    "Verzonden",
    "Polikliniek",
    "Specialisme",
    "Categorie",
    "Onderwerp",
    "Bericht",
];

/// How busy a clinic's patients are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    /// Chronic internal-medicine streams.
    Chronic,
    /// Other medical specialties.
    Other,
    /// Surgical specialties.
    Surgical,
    /// Children: parents write as proxies.
    Pediatric,
}

/// The 25 clinics: name, specialty, messages over the 16 months at scale 1, group.
const CLINICS: [(&str, &str, u64, Group); 25] = [
    (
        "Polikliniek Interne Geneeskunde",
        "Interne geneeskunde",
        31_319,
        Group::Chronic,
    ),
    (
        "Polikliniek Reumatologie",
        "Reumatologie",
        24_870,
        Group::Chronic,
    ),
    ("Diabetescentrum", "Endocrinologie", 21_544, Group::Chronic),
    (
        "Polikliniek Nefrologie",
        "Nefrologie",
        18_210,
        Group::Chronic,
    ),
    (
        "Polikliniek MDL",
        "Maag-, darm- en leverziekten",
        16_402,
        Group::Chronic,
    ),
    ("Oncologiecentrum", "Oncologie", 14_230, Group::Chronic),
    (
        "Polikliniek Longziekten",
        "Longziekten",
        12_850,
        Group::Chronic,
    ),
    (
        "Polikliniek Hematologie",
        "Hematologie",
        9_870,
        Group::Chronic,
    ),
    ("Hartcentrum", "Cardiologie", 8_920, Group::Other),
    ("Polikliniek Neurologie", "Neurologie", 7_410, Group::Other),
    (
        "Polikliniek Dermatologie",
        "Dermatologie",
        5_230,
        Group::Other,
    ),
    (
        "Polikliniek Kindergeneeskunde",
        "Kindergeneeskunde",
        4_870,
        Group::Pediatric,
    ),
    (
        "Polikliniek Psychiatrie",
        "Psychiatrie",
        4_120,
        Group::Other,
    ),
    (
        "Polikliniek Gynaecologie",
        "Gynaecologie",
        3_290,
        Group::Other,
    ),
    ("Polikliniek Urologie", "Urologie", 2_840, Group::Surgical),
    (
        "Polikliniek Revalidatie",
        "Revalidatiegeneeskunde",
        2_310,
        Group::Other,
    ),
    ("Oogkliniek", "Oogheelkunde", 1_870, Group::Surgical),
    (
        "Polikliniek KNO",
        "Keel-, neus- en oorheelkunde",
        1_420,
        Group::Surgical,
    ),
    (
        "Polikliniek Orthopedie",
        "Orthopedie",
        1_190,
        Group::Surgical,
    ),
    (
        "Polikliniek Plastische Chirurgie",
        "Plastische chirurgie",
        860,
        Group::Surgical,
    ),
    ("Pijnpoli", "Anesthesiologie", 740, Group::Other),
    ("Polikliniek Chirurgie", "Heelkunde", 610, Group::Surgical),
    (
        "Polikliniek Vaatchirurgie",
        "Vaatchirurgie",
        480,
        Group::Surgical,
    ),
    (
        "Polikliniek Traumatologie",
        "Traumachirurgie",
        350,
        Group::Surgical,
    ),
    (
        "Polikliniek Neurochirurgie",
        "Neurochirurgie",
        228,
        Group::Surgical,
    ),
];

/// The 8 use types: (label in the export, template pool).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    AdminQuestion,
    AdminAnswer,
    MedicalQuestion,
    MedicalAnswer,
    MedicalUpdate,
    Information,
    Enquiry,
    Social,
}

impl Use {
    fn label(self) -> &'static str {
        match self {
            Use::AdminQuestion => "Administratieve vraag",
            Use::AdminAnswer => "Administratief antwoord",
            Use::MedicalQuestion => "Medische vraag",
            Use::MedicalAnswer => "Medisch antwoord",
            Use::MedicalUpdate => "Medische update",
            Use::Information => "Informatie",
            Use::Enquiry => "Navraag",
            Use::Social => "Sociaal bericht",
        }
    }

    fn pool(self) -> &'static [&'static str] {
        match self {
            Use::AdminQuestion => tpl_nl::ADMIN_QUESTION,
            Use::AdminAnswer => tpl_nl::ADMIN_ANSWER,
            Use::MedicalQuestion => tpl_nl::MEDICAL_QUESTION,
            Use::MedicalAnswer => tpl_nl::MEDICAL_ANSWER,
            Use::MedicalUpdate => tpl_nl::MEDICAL_UPDATE,
            Use::Information => tpl_nl::INFORMATION,
            Use::Enquiry => tpl_nl::ENQUIRY,
            Use::Social => tpl_nl::SOCIAL,
        }
    }
}

/// Messages at scale 1 (the sum over the clinics).
pub fn base_total() -> u64 {
    CLINICS.iter().map(|c| c.2).sum()
}

/// Per-clinic message targets summing to exactly `total` (largest remainder).
fn targets(total: u64) -> Vec<u64> {
    let sum = base_total();
    let mut out: Vec<u64> = CLINICS.iter().map(|c| c.2 * total / sum).collect();
    let mut rest: Vec<(u64, usize)> = CLINICS
        .iter()
        .enumerate()
        .map(|(i, c)| ((c.2 * total) % sum, i))
        .collect();
    rest.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let missing = total - out.iter().sum::<u64>();
    for (_, i) in rest.into_iter().take(missing as usize) {
        out[i] += 1;
    }
    out
}

/// A geometric count with the given mean (only comparisons: same on every platform).
fn geometric(rng: &mut Rng, mean: f64) -> u64 {
    let p = 1.0 / mean;
    let mut n = 1;
    while n < 400 && !rng.chance(p) {
        n += 1;
    }
    n
}

/// Messages of one patient over the period, heavy-tailed by group.
fn per_patient(rng: &mut Rng, group: Group) -> u64 {
    let mix: &[(f64, f64)] = match group {
        Group::Chronic => &[(0.45, 3.0), (0.37, 12.0), (0.18, 45.0)],
        Group::Other => &[(0.6, 2.0), (0.3, 6.0), (0.1, 20.0)],
        Group::Surgical => &[(0.75, 1.5), (0.25, 4.0)],
        Group::Pediatric => &[(0.5, 3.0), (0.4, 8.0), (0.1, 25.0)],
    };
    let weights: Vec<f64> = mix.iter().map(|m| m.0).collect();
    let mean = mix[rng.weighted(&weights)].1;
    geometric(rng, mean).min(274)
}

/// The staff of one clinic.
struct Team {
    doctors: Vec<Person>,
    nurse: Person,
    secretary: Person,
}

/// Runs the profile.
pub(crate) fn run(seed: u64, scale: f64, limit: Option<u64>, emit: &mut Emitter<'_>) -> Result<()> {
    let lists = data::nl();
    let total = limit.unwrap_or_else(|| ((base_total() as f64 * scale).round() as u64).max(1));
    let targets = targets(total);
    let mut setup = Rng::new(seed, 2);
    let teams: Vec<Team> = CLINICS
        .iter()
        .map(|_| {
            let mut doctors: Vec<Person> = (0..3)
                .map(|_| Person::random(lists, &mut setup, None))
                .collect();
            if doctors[0].last.starts_with(char::is_uppercase) && setup.chance(0.3) {
                doctors[0].last = "de Jong".to_string();
            }
            let nurse_female = setup.chance(0.8);
            let nurse = Person::random(lists, &mut setup, Some(nurse_female));
            let secretary_female = setup.chance(0.85);
            let secretary = Person::random(lists, &mut setup, Some(secretary_female));
            Team {
                doctors,
                nurse,
                secretary,
            }
        })
        .collect();
    for team in &teams {
        let members = team.doctors.iter().chain([&team.nurse, &team.secretary]);
        emit.summary.staff_roster.extend(members.map(Person::full));
    }
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).expect("date");
    let month_weights: Vec<f64> = (0..16).map(|k| 1.0 + 0.15 * f64::from(k)).collect();
    let mut ids = Ids::default();
    for (c, (clinic, specialty, _, group)) in CLINICS.iter().enumerate() {
        let mut remaining = targets[c];
        let team = &teams[c];
        let mut patient_no = 0u64;
        while remaining > 0 {
            let mut rng = Rng::new(seed, ((c as u64 + 1) << 40) | patient_no);
            patient_no += 1;
            let mut m = per_patient(&mut rng, *group);
            if c == 0 && patient_no == 1 && scale >= 1.0 {
                m = 274;
            }
            let m = m.min(remaining);
            remaining -= m;
            let p = PatientSetup {
                clinic,
                specialty,
                group: *group,
                team,
                start,
                month_weights: &month_weights,
            };
            patient(&mut rng, &p, m, &mut ids, emit)?;
        }
    }
    Ok(())
}

#[derive(Default)]
struct Ids {
    message: u64,
    thread: u64,
    patient: u64,
}

struct PatientSetup<'a> {
    clinic: &'a str,
    specialty: &'a str,
    group: Group,
    team: &'a Team,
    start: NaiveDate,
    month_weights: &'a [f64],
}

/// One thread's plan: who writes, in which use type.
fn thread_plan(rng: &mut Rng) -> Vec<(Author, Use)> {
    let mut plan = Vec::new();
    if rng.chance(0.75) {
        let q = match rng.weighted(&[0.3, 0.35, 0.22, 0.13]) {
            0 => Use::AdminQuestion,
            1 => Use::MedicalQuestion,
            2 => Use::MedicalUpdate,
            _ => Use::Social,
        };
        plan.push((Author::Patient, q));
        match q {
            Use::AdminQuestion => {
                let who = if rng.chance(0.7) {
                    Author::Staff
                } else {
                    Author::Clinician
                };
                plan.push((who, Use::AdminAnswer));
            }
            Use::MedicalQuestion => plan.push((Author::Clinician, Use::MedicalAnswer)),
            Use::MedicalUpdate if rng.chance(0.6) => {
                plan.push((Author::Clinician, Use::MedicalAnswer))
            }
            Use::Social if rng.chance(0.3) => plan.push((Author::Clinician, Use::MedicalAnswer)),
            _ => {}
        }
        if rng.chance(0.3) {
            let follow = if rng.chance(0.6) {
                Use::MedicalQuestion
            } else {
                Use::MedicalUpdate
            };
            plan.push((Author::Patient, follow));
            plan.push((Author::Clinician, Use::MedicalAnswer));
        }
    } else if rng.chance(0.55) {
        plan.push((Author::Clinician, Use::Information));
        if rng.chance(0.25) {
            plan.push((Author::Patient, Use::AdminQuestion));
            plan.push((Author::Staff, Use::AdminAnswer));
        }
    } else {
        plan.push((Author::Clinician, Use::Enquiry));
        if rng.chance(0.8) {
            plan.push((Author::Patient, Use::MedicalUpdate));
            if rng.chance(0.5) {
                plan.push((Author::Clinician, Use::MedicalAnswer));
            }
        }
    }
    plan
}

fn nl_time(t: NaiveDateTime) -> String {
    format!(
        "{:02}-{:02}-{} {:02}:{:02}",
        t.day(),
        t.month(),
        t.year(),
        t.hour(),
        t.minute()
    )
}

fn patient(
    rng: &mut Rng,
    s: &PatientSetup,
    mut m: u64,
    ids: &mut Ids,
    emit: &mut Emitter<'_>,
) -> Result<()> {
    let lists = data::nl();
    ids.patient += 1;
    let mut patient = Person::random(lists, rng, None);
    if let Some(last) = crate::person::hard_surname("nl", ids.patient - 1) {
        patient.last = last.to_string();
    }
    let pediatric = s.group == Group::Pediatric;
    let relation = if pediatric {
        5 + rng.below(2)
    } else {
        crate::person::spouse_for(rng.below(5), patient.female, rng)
    };
    let mut relative = Person::random(lists, rng, Some(nl::RELATIONS[relation].1));
    if pediatric || rng.chance(0.5) {
        relative.last = patient.last.clone();
    }
    let proxy_share = if pediatric { 0.85 } else { 0.04 };
    let colleague = Person::random(lists, rng, None);
    let born = if pediatric {
        birth(rng, s.start, 1, 16)
    } else if rng.chance(0.02) {
        birth(rng, s.start, 90, 96)
    } else {
        birth(rng, s.start, 18, 86)
    };
    let birth_text = format!("{:02}-{:02}-{}", born.day(), born.month(), born.year());
    let patient_id = format!("{}", 3_000_000 + ids.patient);
    let proxy_id = format!("G{}", 3_000_000 + ids.patient);
    let d = rng.below(s.team.doctors.len());
    let doctor = &s.team.doctors[d];
    let doctor_name = format!("dr. {}", doctor.full());
    let doctor_id = format!("ART{:03}", d + 1);
    let nurse_name = s.team.nurse.full();
    let secretary_name = s.team.secretary.full();
    let patient_full = patient.full();
    let relative_full = relative.full();
    emit.summary.patients += 1;
    while m > 0 && emit.room() > 0 {
        let plan = thread_plan(rng);
        ids.thread += 1;
        emit.summary.threads += 1;
        let thread_id = format!("G{:07}", ids.thread);
        let month = rng.weighted(s.month_weights) as u32;
        let first_day = s
            .start
            .checked_add_months(chrono::Months::new(month))
            .expect("month in range");
        let day = first_day + Duration::days(rng.range(0, 27));
        let mut time = at(day, DayPattern::PATIENT, rng);
        for (pos, (author, use_type)) in plan.iter().enumerate() {
            if m == 0 || emit.room() == 0 {
                break;
            }
            m -= 1;
            let mut author = *author;
            if author == Author::Patient && rng.chance(proxy_share) {
                author = Author::Proxy;
            }
            let pattern = if matches!(author, Author::Patient | Author::Proxy) {
                DayPattern::PATIENT
            } else {
                DayPattern::CLINICIAN
            };
            if pos > 0 {
                time = later(time, pattern, rng, 4);
            } else {
                time = at(day, pattern, rng);
            }
            time = Zone::CentralEurope.existing(time);
            // A nurse specialist answers a third of the medical messages.
            let by_nurse = author == Author::Clinician && rng.chance(0.3);
            let clinician = if by_nurse { &s.team.nurse } else { doctor };
            let ctx = Ctx {
                patient: &patient,
                birth: (born.day(), born.month(), born.year()),
                age: age_on(born, time.date()),
                clinician,
                colleague: &colleague,
                relative: &relative,
                relation,
                staff: &s.team.secretary,
                author,
                sent: time,
                clinic: s.clinic,
                proxy_thread: false,
            };
            let pool = if author == Author::Proxy && pediatric {
                tpl_nl::PROXY_CHILD
            } else if author == Author::Proxy {
                tpl_nl::PROXY
            } else {
                use_type.pool()
            };
            let patient_side = matches!(author, Author::Patient | Author::Proxy);
            let subjects = if patient_side {
                tpl_nl::SUBJECT_PATIENT
            } else {
                tpl_nl::SUBJECT_CLINICIAN
            };
            let prefix = (pos > 0).then_some("RE: ");
            emit.compose(&ctx, rng, subjects, pool, tpl_nl::EXTRA, prefix, nl::slot);
            let kind = Kind::of(patient_side, pos);
            ids.message += 1;
            let message_id = format!("B{:08}", ids.message);
            let sent_local = nl_time(time);
            let sent_at = Zone::CentralEurope.rfc3339(time);
            let (clin_role, clin_id, clin_name) = if by_nurse {
                ("Verpleegkundig specialist", "VS001", nurse_name.as_str())
            } else {
                ("Arts", doctor_id.as_str(), doctor_name.as_str())
            };
            let (s_role, s_id, s_name, r_role, r_id, r_name) = match author {
                Author::Patient => (
                    "Patiënt",
                    patient_id.as_str(),
                    patient_full.as_str(),
                    "Arts",
                    doctor_id.as_str(),
                    doctor_name.as_str(),
                ),
                Author::Proxy => {
                    emit.summary.proxy_messages += 1;
                    (
                        "Gemachtigde",
                        proxy_id.as_str(),
                        relative_full.as_str(),
                        "Arts",
                        doctor_id.as_str(),
                        doctor_name.as_str(),
                    )
                }
                Author::Staff => (
                    "Secretariaat",
                    "SEC001",
                    secretary_name.as_str(),
                    "Patiënt",
                    patient_id.as_str(),
                    patient_full.as_str(),
                ),
                Author::Clinician => (
                    clin_role,
                    clin_id,
                    clin_name,
                    "Patiënt",
                    patient_id.as_str(),
                    patient_full.as_str(),
                ),
            };
            let clinician_names: &[&str] = if author == Author::Clinician {
                &[clin_name]
            } else {
                &[doctor_name.as_str()]
            };
            let other: &[&str] = match author {
                Author::Proxy => &[relative_full.as_str()],
                Author::Staff => &[secretary_name.as_str()],
                _ => &[],
            };
            let clinician_names: &[&str] = if author == Author::Staff {
                &[]
            } else {
                clinician_names
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
                s.clinic,
                s.specialty,
                use_type.label(),
            ];
            let facts = GoldFacts {
                message_id: &message_id,
                language: "nl",
                sent_at: &sent_at,
                patient: &[patient_full.as_str()],
                clinician: clinician_names,
                other,
            };
            emit.message(&fields, &facts, kind, s.clinic)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clinic_targets_are_exact_and_span_the_published_range() {
        let base = targets(base_total());
        assert_eq!(*base.iter().max().unwrap(), 31_319);
        assert_eq!(*base.iter().min().unwrap(), 228);
        assert_eq!(base.len(), 25);
        for n in [1, 300, 12_345, 10_000_000] {
            assert_eq!(targets(n).iter().sum::<u64>(), n);
        }
    }

    #[test]
    fn every_use_type_has_templates() {
        for u in [
            Use::AdminQuestion,
            Use::AdminAnswer,
            Use::MedicalQuestion,
            Use::MedicalAnswer,
            Use::MedicalUpdate,
            Use::Information,
            Use::Enquiry,
            Use::Social,
        ] {
            assert!(u.pool().len() >= 6, "{}", u.label());
        }
    }
}
