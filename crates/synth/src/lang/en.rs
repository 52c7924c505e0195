//! English (US) slots: names that are words (Hope, May, Brown), credentials
//! after names, US dates and phone numbers, and unprotected look-alikes.

use chrono::{Datelike, Duration};

use crate::data;
use crate::person::Person;
use crate::render::{Author, Ctx, category_of, digits, name};
use crate::rng::Rng;
use crate::text::{Category, Text};

/// English month names.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// English weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
/// Relations of a relative to the patient: (word, relative is female,
/// what the patient is to the relative if female, if male).
pub const RELATIONS: [(&str, bool, &str, &str); 7] = [
    ("daughter", true, "mother", "father"),
    ("son", false, "mother", "father"),
    ("wife", true, "wife", "husband"),
    ("husband", false, "wife", "husband"),
    ("granddaughter", true, "grandmother", "grandfather"),
    ("sister", true, "sister", "brother"),
    ("caregiver", true, "client", "client"),
];

const MEDS: &[&str] = &[
    "furosemide",
    "Lasix",
    "metoprolol",
    "carvedilol",
    "lisinopril",
    "Entresto",
    "spironolactone",
    "Eliquis",
    "apixaban",
    "warfarin",
    "atorvastatin",
    "albuterol",
    "Symbicort",
    "Trelegy",
    "Spiriva",
    "prednisone",
    "azithromycin",
    "amiodarone",
    "digoxin",
    "Jardiance",
    "torsemide",
    "Xarelto",
];
const DOSES: &[&str] = &[
    "40 mg",
    "25mg twice a day",
    "2 puffs",
    "81 mg",
    "1 tab BID",
    "0.5 mg",
    "2 L/min",
    "12.5 mg",
    "20mg",
    "100 mg daily",
    "5 mg every other day",
];
const TIMES: &[&str] = &[
    "2:30 PM",
    "9am",
    "10:15 a.m.",
    "noon",
    "7 in the morning",
    "3 o'clock",
    "8:45",
    "4 pm",
    "11:30",
];
const RELATIVE_DATES: &[&str] = &[
    "next Tuesday",
    "tomorrow",
    "in two weeks",
    "this weekend",
    "the day after tomorrow",
    "by the end of the month",
    "next month",
    "after the holidays",
    "later this week",
];
const PAST_DATES: &[&str] = &[
    "last week",
    "yesterday",
    "a few days ago",
    "last night",
    "this morning",
    "over the weekend",
    "right after Thanksgiving",
    "on Monday",
];
const EPONYMS: &[&str] = &[
    "Cheyne-Stokes breathing",
    "the Holter monitor",
    "a Swan-Ganz catheter",
    "Parkinson's",
    "Graves' disease",
    "Raynaud's",
    "strength 5/5",
    "Alzheimer's",
    "Bell's palsy",
    "a Foley",
];
const VITALS: &[&str] = &[
    "BNP 850",
    "O2 sat 89%",
    "INR 3.4",
    "BP 142/90",
    "weight up 3 lbs",
    "K 5.2",
    "EF 35%",
    "pulse 112",
    "sats in the low 90s",
];

fn dr_ref(rng: &mut Rng, ctx: &Ctx, p: &Person, out: &mut Text) {
    let cat = category_of(ctx, p);
    match rng.below(5) {
        0 | 1 => {
            out.push("Dr. ");
            name(rng, out, &p.last, cat);
        }
        2 => {
            out.push("Dr. ");
            name(rng, out, &p.full(), cat);
        }
        3 => {
            out.push("dr ");
            name(rng, out, &p.last.to_lowercase(), cat);
        }
        _ => name(rng, out, &p.first, cat),
    }
}

fn person_ref(rng: &mut Rng, ctx: &Ctx, p: &Person, out: &mut Text) {
    let cat = category_of(ctx, p);
    match rng.below(4) {
        0 => {
            out.push(if p.female { "Mrs. " } else { "Mr. " });
            name(rng, out, &p.last, cat);
        }
        1 => name(rng, out, &p.full(), cat),
        2 => out.span(&format!("{} {}", p.initial(), p.last), cat),
        _ => name(rng, out, &p.first, cat),
    }
}

fn possessive(rng: &mut Rng, ctx: &Ctx, p: &Person, out: &mut Text) {
    let cat = category_of(ctx, p);
    let base = if rng.chance(0.6) {
        p.first.clone()
    } else {
        p.last.clone()
    };
    name(rng, out, &base, cat);
    out.push(if base.ends_with('s') && rng.chance(0.5) {
        "'"
    } else {
        "'s"
    });
}

fn date(rng: &mut Rng, ctx: &Ctx, out: &mut Text) {
    let d = ctx.sent.date() + Duration::days(rng.range(-40, 60));
    let (day, month, year) = (d.day(), d.month(), d.year());
    let m = MONTHS[month as usize - 1];
    let suffix = match day {
        1 | 21 | 31 => "st",
        2 | 22 => "nd",
        3 | 23 => "rd",
        _ => "th",
    };
    let s = match rng.below(9) {
        0 | 1 => format!("{month}/{day}"),
        2 => format!("{month}/{day}/{}", year % 100),
        3 => format!("{month:02}/{day:02}/{year}"),
        4 => format!("{m} {day}{suffix}"),
        5 => format!("{m} {day}"),
        6 => format!("{} {day}", &m[..3]),
        7 => format!("{m} {day}, {year}"),
        _ => format!("{year}-{month:02}-{day:02}"),
    };
    if rng.chance(0.25) {
        out.push(WEEKDAYS[d.weekday().num_days_from_monday() as usize]);
        out.push(", ");
    }
    out.span(&s, Category::Date);
}

fn phone(rng: &mut Rng) -> String {
    let area = *rng.pick(&["617", "508", "781", "978", "413", "401"]);
    match rng.below(4) {
        0 => format!("({area}) 555-01{}", digits(rng, 2)),
        1 => format!("{area}-555-01{}", digits(rng, 2)),
        2 => format!("{area}.555.01{}", digits(rng, 2)),
        _ => format!("+1 {area} 555 01{}", digits(rng, 2)),
    }
}

fn email(rng: &mut Rng, p: &Person) -> String {
    let host = *rng.pick(&[
        "gmail.com",
        "yahoo.com",
        "comcast.net",
        "aol.com",
        "verizon.net",
    ]);
    let first = crate::lang::de::ascii_fold(&p.first.to_lowercase());
    let last = crate::lang::de::ascii_fold(&p.last.to_lowercase());
    match rng.below(3) {
        0 => format!("{first}.{last}@{host}"),
        1 => format!("{}{last}{}@{host}", &first[..1], rng.range(1, 99)),
        _ => format!("{last}{first}@{host}"),
    }
}

fn relation(ctx: &Ctx) -> (&'static str, bool, &'static str, &'static str) {
    RELATIONS[ctx.relation % RELATIONS.len()]
}

/// Writes one English slot.
pub fn slot(slot: &str, ctx: &Ctx, rng: &mut Rng, out: &mut Text) -> bool {
    let p = ctx.patient;
    let c = ctx.clinician;
    match slot {
        "hi_p" => {
            let proxy_thread = ctx.proxy_thread;
            match rng.below(5) {
                0 | 1 => {
                    out.push("Hi ");
                    if proxy_thread {
                        name(rng, out, &ctx.relative.first, Category::OtherName);
                    } else {
                        name(rng, out, &p.first, Category::PatientName);
                    }
                }
                2 => {
                    out.push(if p.female { "Dear Ms. " } else { "Dear Mr. " });
                    name(rng, out, &p.last, Category::PatientName);
                }
                3 => {
                    out.push("Hello ");
                    name(rng, out, &p.full(), Category::PatientName);
                }
                _ => out.push("Good morning"),
            }
            out.push(",\n");
        }
        "hi_c" => match rng.below(6) {
            0 | 1 => {
                out.push("Dr. ");
                name(rng, out, &c.last, Category::ClinicianName);
                out.push(",\n");
            }
            2 => {
                out.push("Hi Dr. ");
                name(rng, out, &c.last, Category::ClinicianName);
                out.push(",\n");
            }
            3 => {
                out.push("Hello ");
                name(rng, out, &c.first, Category::ClinicianName);
                out.push(",\n");
            }
            4 => out.push("Hi,\n"),
            _ => {}
        },
        "bye_c" => {
            let staff = ctx.author == Author::Staff;
            let who = if staff { ctx.staff } else { c };
            let cat = category_of(ctx, who);
            match rng.below(5) {
                0 | 1 => {
                    out.push("Best,\n");
                    name(rng, out, &who.full(), cat);
                    out.push(if staff { ", RN" } else { ", MD" });
                }
                2 => {
                    out.push("Thanks,\n");
                    name(rng, out, &who.first, cat);
                    out.push("\n");
                    out.span(ctx.clinic, Category::Institution);
                }
                3 => {
                    out.push("Sincerely,\n");
                    if !staff {
                        out.push("Dr. ");
                    }
                    name(rng, out, &who.last, cat);
                }
                _ => {
                    out.push("- ");
                    out.span(&format!("{} {}", who.initial(), who.last), cat);
                }
            }
        }
        "bye_p" => {
            let proxy = ctx.author == Author::Proxy;
            let who = if proxy { ctx.relative } else { p };
            let cat = category_of(ctx, who);
            match rng.below(7) {
                0 | 1 => {
                    out.push("Thank you,\n");
                    name(rng, out, &who.full(), cat);
                }
                2 => {
                    out.push("Thanks! ");
                    name(rng, out, &who.first, cat);
                }
                3 => out.span(&who.monogram(), cat),
                4 => {
                    out.push("Sincerely, ");
                    out.span(&format!("{} {}", who.initial(), who.last), cat);
                }
                5 => out.push("Thank you"),
                _ => {}
            }
            if proxy {
                out.push(if out.s.ends_with('\n') { "(" } else { " (" });
                name(rng, out, &p.first, Category::PatientName);
                out.push("'s ");
                out.push(relation(ctx).0);
                out.push(")");
            }
        }
        "P" => person_ref(rng, ctx, p, out),
        "Pfirst" => name(rng, out, &p.first, Category::PatientName),
        "Pposs" => possessive(rng, ctx, p, out),
        "C" => dr_ref(rng, ctx, c, out),
        "Cposs" => {
            out.push("Dr. ");
            possessive(rng, ctx, c, out);
        }
        "C2" => dr_ref(rng, ctx, ctx.colleague, out),
        "O" => {
            let r = ctx.relative;
            if rng.chance(0.6) {
                name(rng, out, &r.first, Category::OtherName);
            } else {
                name(rng, out, &r.full(), Category::OtherName);
            }
        }
        "my_rel" => {
            out.push("my ");
            out.push(relation(ctx).0);
        }
        "rel" => out.push(relation(ctx).0),
        "my_pat" => {
            let r = relation(ctx);
            out.push("my ");
            out.push(if p.female { r.2 } else { r.3 });
        }
        "S" => {
            let s = ctx.staff;
            match rng.below(3) {
                0 => {
                    out.push("Nurse ");
                    name(rng, out, &s.first, Category::OtherName);
                }
                1 => {
                    name(rng, out, &s.full(), Category::OtherName);
                    out.push(" from scheduling");
                }
                _ => {
                    name(rng, out, &s.first, Category::OtherName);
                    out.push(" at the front desk");
                }
            }
        }
        "date" => date(rng, ctx, out),
        "dob" => {
            let (d, m, y) = ctx.birth;
            out.span(&format!("{m}/{d}/{y}"), Category::Date);
        }
        "wday" => out.push(rng.word(&WEEKDAYS)),
        "rel_date" => out.push(rng.word(RELATIVE_DATES)),
        "rel_past" => out.push(rng.word(PAST_DATES)),
        "month_year" => {
            let d = ctx.sent.date() - Duration::days(rng.range(20, 200));
            out.span(
                &format!("{} {}", MONTHS[d.month0() as usize], d.year()),
                Category::Date,
            );
        }
        "me" => {
            let who = if ctx.author == Author::Proxy {
                ctx.relative
            } else {
                p
            };
            name(rng, out, &who.full(), category_of(ctx, who));
        }
        "time" => out.push(rng.word(TIMES)),
        "med" => out.push(rng.word(MEDS)),
        "dose" => out.push(rng.word(DOSES)),
        "eponym" => out.push(rng.word(EPONYMS)),
        "lab" => out.push(rng.word(VITALS)),
        "month" => out.span(MONTHS[ctx.sent.month0() as usize], Category::Date),
        "phone" => out.span(&phone(rng), Category::Phone),
        "email" => {
            let who = if ctx.author == Author::Proxy {
                ctx.relative
            } else {
                p
            };
            out.span(&email(rng, who), Category::Email);
        }
        "url" => {
            let u = match rng.below(4) {
                0 => "www.heart.org/en/health-topics/heart-failure".to_string(),
                1 => format!(
                    "https://mychart.riversidehealth.org/visit/{}",
                    digits(rng, 7)
                ),
                2 => "copdfoundation.org".to_string(),
                _ => "https://www.lung.org".to_string(),
            };
            out.span(&u, Category::Url);
        }
        "addr" => {
            let lists = data::en();
            let street = rng.word(&lists.streets);
            let place = rng.pick(&lists.places);
            out.span(
                &format!("{} {street}", rng.range(3, 1450)),
                Category::StreetAddress,
            );
            out.push(", ");
            out.span(place.city, Category::City);
            out.push(", ");
            out.push(place.state);
            out.push(" ");
            out.span(place.postcode, Category::Postcode);
        }
        "city" => out.span(rng.pick(&data::en().places).city, Category::City),
        "inst" => out.span(rng.word(&data::en().institutions), Category::Institution),
        "clinic" => out.span(ctx.clinic, Category::Institution),
        "idno" => match rng.below(3) {
            0 => {
                out.push("MRN ");
                out.span(&digits(rng, 8), Category::IdNumber);
            }
            1 => {
                out.push("member ID ");
                out.span(&format!("XJH{}", digits(rng, 9)), Category::IdNumber);
            }
            _ => {
                out.push("Medicare number ");
                out.span(
                    &format!(
                        "{}EG{}-TE{}-MK{}",
                        rng.range(1, 9),
                        digits(rng, 1),
                        digits(rng, 1),
                        digits(rng, 2)
                    ),
                    Category::IdNumber,
                );
            }
        },
        "age90" => out.span(&rng.range(90, 103).to_string(), Category::AgeOver89),
        "page" => crate::render::patient_age(ctx, out),
        "num" => out.push(&rng.range(2, 12).to_string()),
        _ => return false,
    }
    true
}
