//! Dutch slots: names with particles (`van den Berg`, written `Van den Berg`
//! without a given name), dates, contacts and unprotected look-alikes.

use chrono::{Datelike, Duration};

use crate::data;
use crate::person::Person;
use crate::render::{Author, Ctx, bsn, category_of, digits, group4, iban, name};
use crate::rng::Rng;
use crate::text::{Category, Text};

/// Dutch month names.
pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
/// Dutch weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
];
/// Relations of a relative to the patient: (word, relative is female,
/// what the patient is to the relative if female, if male).
pub const RELATIONS: [(&str, bool, &str, &str); 7] = [
    ("dochter", true, "moeder", "vader"),
    ("zoon", false, "moeder", "vader"),
    ("vrouw", true, "vrouw", "man"),
    ("man", false, "vrouw", "man"),
    ("zus", true, "zus", "broer"),
    ("moeder", true, "dochter", "zoon"),
    ("vader", false, "dochter", "zoon"),
];

const MEDS: &[&str] = &[
    "metformine",
    "insuline",
    "prednison",
    "methotrexaat",
    "Humira",
    "adalimumab",
    "mesalazine",
    "omeprazol",
    "salbutamol",
    "Spiriva",
    "acenocoumarol",
    "apixaban",
    "furosemide",
    "levothyroxine",
    "tacrolimus",
    "hydroxychloroquine",
    "paracetamol",
    "ibuprofen",
    "bisoprolol",
    "simvastatine",
    "Novorapid",
    "Lantus",
    "ferrofumaraat",
    "Movicolon",
];
const DOSES: &[&str] = &[
    "500 mg",
    "2 dd 1",
    "1x per dag",
    "3 dd 500 mg",
    "40 mg",
    "8 eenheden",
    "20 IE",
    "25 mcg",
    "1000mg",
    "2,5 mg",
    "5 mg",
    "10 mg per week",
];
const TIMES: &[&str] = &[
    "9.30 uur",
    "14:00 uur",
    "half tien",
    "kwart over drie",
    "11 uur",
    "8.45 uur",
    "13.15 uur",
    "twaalf uur",
    "16.00 uur",
    "17.30 uur",
];
const RELATIVE_DATES: &[&str] = &[
    "volgende week",
    "morgen",
    "overmorgen",
    "over twee weken",
    "eind van de maand",
    "komende dinsdag",
    "over drie maanden",
    "na de zomer",
    "begin volgende maand",
    "vandaag",
];
const PAST_DATES: &[&str] = &[
    "vorige week",
    "afgelopen weekend",
    "vanochtend",
    "gisteravond",
    "eergisteren",
    "vorige maand",
    "een paar dagen geleden",
];
const EPONYMS: &[&str] = &[
    "ziekte van Crohn",
    "Hashimoto",
    "Sjögren",
    "Bechterew",
    "Parkinson",
    "Cushing",
    "ziekte van Addison",
    "Graves",
    "Raynaud",
    "kracht 5/5",
];
const LABS: &[&str] = &[
    "HbA1c 53 mmol/mol",
    "eGFR 42",
    "CRP 12",
    "Hb 7,1",
    "INR 2,8",
    "TSH 4,2",
    "kalium 5,1",
    "bloeddruk 135/85",
];

/// A surname as written without the given name: the first particle takes a
/// capital (`van den Berg` -> `Van den Berg`).
pub fn surname_alone(last: &str) -> String {
    let mut chars = last.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => last.to_string(),
    }
}

fn person_ref(rng: &mut Rng, ctx: &Ctx, p: &Person, out: &mut Text) {
    let cat = category_of(ctx, p);
    let doctor = cat == Category::ClinicianName;
    match rng.below(6) {
        0 | 1 => {
            out.push(if doctor {
                rng.word(&["dokter ", "dr. ", "Dr. "])
            } else if p.female {
                "mevrouw "
            } else {
                "meneer "
            });
            name(rng, out, &surname_alone(&p.last), cat);
        }
        2 => name(rng, out, &p.full(), cat),
        3 => {
            if doctor {
                out.push("dr. ");
            }
            out.span(&format!("{} {}", p.initial(), p.last), cat);
        }
        4 => name(rng, out, &p.first, cat),
        _ => {
            out.push(if p.female { "mw. " } else { "dhr. " });
            name(rng, out, &surname_alone(&p.last), cat);
        }
    }
}

fn possessive(rng: &mut Rng, ctx: &Ctx, p: &Person, out: &mut Text) {
    let cat = category_of(ctx, p);
    let base = if rng.chance(0.6) {
        p.first.clone()
    } else {
        surname_alone(&p.last)
    };
    let written = crate::person::variant(rng, &base);
    let last = written.chars().last().unwrap_or('x');
    if "aiouy".contains(last) {
        out.span(&written, cat);
        out.push("'s");
    } else if last == 's' {
        out.span(&written, cat);
        out.push("'");
    } else {
        out.span(&format!("{written}s"), cat);
    }
}

fn date(rng: &mut Rng, ctx: &Ctx, out: &mut Text) {
    let d = ctx.sent.date() + Duration::days(rng.range(-40, 60));
    let (day, month, year) = (d.day(), d.month(), d.year());
    let m = MONTHS[month as usize - 1];
    let s = match rng.below(9) {
        0 | 1 => format!("{day} {m}"),
        2 => format!("{day:02}-{month:02}-{year}"),
        3 => format!("{day}-{month}"),
        4 => format!("{day} {}.", &m[..3]),
        5 => format!("{day} {m}"),
        6 => format!("{year}-{month:02}-{day:02}"),
        7 => format!("{day}/{month}"),
        _ => format!("{day} {m} {year}"),
    };
    if rng.chance(0.25) {
        out.push(WEEKDAYS[d.weekday().num_days_from_monday() as usize]);
        out.push(" ");
    }
    out.span(&s, Category::Date);
}

fn phone(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => format!("06-{}", digits(rng, 8)),
        1 => format!("030 {} {}", digits(rng, 3), digits(rng, 4)),
        2 => format!("+31 6 {} {}", digits(rng, 4), digits(rng, 4)),
        3 => format!("088-{}", digits(rng, 7)),
        _ => format!("0{} {}", rng.range(10, 79), digits(rng, 7)),
    }
}

fn email(rng: &mut Rng, p: &Person) -> String {
    let host = *rng.pick(&[
        "ziggo.nl",
        "kpnmail.nl",
        "hotmail.com",
        "gmail.com",
        "planet.nl",
        "xs4all.nl",
    ]);
    let first = crate::lang::de::ascii_fold(&p.first.to_lowercase());
    let last = crate::lang::de::ascii_fold(&p.last.to_lowercase());
    match rng.below(3) {
        0 => format!("{first}.{last}@{host}"),
        1 => format!("{}{last}@{host}", &first[..1]),
        _ => format!("{first}{}@{host}", rng.range(60, 99)),
    }
}

fn relation(ctx: &Ctx) -> (&'static str, bool, &'static str, &'static str) {
    RELATIONS[ctx.relation % RELATIONS.len()]
}

/// Writes one Dutch slot.
pub fn slot(slot: &str, ctx: &Ctx, rng: &mut Rng, out: &mut Text) -> bool {
    let p = ctx.patient;
    let c = ctx.clinician;
    match slot {
        "hi_p" => {
            match rng.below(6) {
                0 | 1 => {
                    out.push(if p.female {
                        "Beste mevrouw "
                    } else {
                        "Beste meneer "
                    });
                    name(rng, out, &surname_alone(&p.last), Category::PatientName);
                }
                2 => {
                    out.push(if p.female {
                        "Geachte mevrouw "
                    } else {
                        "Geachte heer "
                    });
                    name(rng, out, &surname_alone(&p.last), Category::PatientName);
                }
                3 => {
                    out.push("Beste ");
                    name(rng, out, &p.first, Category::PatientName);
                }
                4 => {
                    out.push("Goedemorgen ");
                    name(rng, out, &p.full(), Category::PatientName);
                }
                _ => {
                    out.push(if p.female {
                        "Hallo mevrouw "
                    } else {
                        "Hallo meneer "
                    });
                    name(rng, out, &surname_alone(&p.last), Category::PatientName);
                }
            }
            out.push(",\n");
        }
        "hi_c" => match rng.below(7) {
            0 | 1 => {
                out.push("Beste dokter ");
                name(rng, out, &surname_alone(&c.last), Category::ClinicianName);
                out.push(",\n");
            }
            2 => {
                out.push("Geachte dr. ");
                name(rng, out, &surname_alone(&c.last), Category::ClinicianName);
                out.push(",\n");
            }
            3 => {
                out.push(if c.female {
                    "Beste mevrouw "
                } else {
                    "Beste meneer "
                });
                name(rng, out, &surname_alone(&c.last), Category::ClinicianName);
                out.push(",\n");
            }
            4 => out.push("Goedemiddag,\n"),
            5 => out.push("Hallo,\n"),
            _ => {}
        },
        "bye_c" => {
            let staff = ctx.author == Author::Staff;
            let who = if staff { ctx.staff } else { c };
            let cat = category_of(ctx, who);
            match rng.below(5) {
                0 | 1 => {
                    out.push("Met vriendelijke groet,\n");
                    if !staff {
                        out.push("dr. ");
                    }
                    out.span(&format!("{} {}", who.initial(), who.last), cat);
                }
                2 => {
                    out.push("Hartelijke groet,\n");
                    name(rng, out, &who.full(), cat);
                    out.push(if staff { "\nsecretariaat " } else { "\n" });
                    out.span(ctx.clinic, Category::Institution);
                }
                3 => {
                    out.push("Groet, ");
                    name(rng, out, &who.first, cat);
                }
                _ => {
                    out.push("Met vriendelijke groet,\n");
                    name(rng, out, &who.full(), cat);
                }
            }
        }
        "bye_p" => {
            let proxy = ctx.author == Author::Proxy;
            let who = if proxy { ctx.relative } else { p };
            let cat = category_of(ctx, who);
            match rng.below(7) {
                0 | 1 => {
                    out.push("Met vriendelijke groet,\n");
                    name(rng, out, &who.full(), cat);
                }
                2 => {
                    out.push("Groetjes, ");
                    name(rng, out, &who.first, cat);
                }
                3 => {
                    out.push("Mvg ");
                    out.span(&format!("{} {}", who.initial(), who.last), cat);
                }
                4 => {
                    out.push("Gr. ");
                    name(rng, out, &who.first, cat);
                }
                5 => out.push("Alvast bedankt!"),
                _ => {}
            }
            if proxy {
                out.push(if out.s.ends_with('\n') { "(" } else { " (" });
                out.push(relation(ctx).0);
                out.push(" van ");
                name(rng, out, &p.first, Category::PatientName);
                out.push(")");
            }
        }
        "P" => person_ref(rng, ctx, p, out),
        "Pfirst" => name(rng, out, &p.first, Category::PatientName),
        "Pposs" => possessive(rng, ctx, p, out),
        "C" => person_ref(rng, ctx, c, out),
        "C2" => person_ref(rng, ctx, ctx.colleague, out),
        "O" => {
            let r = ctx.relative;
            if rng.chance(0.6) {
                name(rng, out, &r.first, Category::OtherName);
            } else {
                name(rng, out, &r.full(), Category::OtherName);
            }
        }
        "my_rel" => {
            out.push("mijn ");
            out.push(relation(ctx).0);
        }
        "rel" => out.push(relation(ctx).0),
        "my_pat" => {
            let r = relation(ctx);
            out.push("mijn ");
            out.push(if p.female { r.2 } else { r.3 });
        }
        "S" => {
            let s = ctx.staff;
            match rng.below(3) {
                0 => {
                    out.push("de secretaresse, ");
                    name(rng, out, &s.first, Category::OtherName);
                }
                1 => {
                    out.push(if s.female { "mevrouw " } else { "meneer " });
                    name(rng, out, &surname_alone(&s.last), Category::OtherName);
                    out.push(" van de balie");
                }
                _ => {
                    out.push("verpleegkundige ");
                    name(rng, out, &s.full(), Category::OtherName);
                }
            }
        }
        "date" => date(rng, ctx, out),
        "dob" => {
            let (d, m, y) = ctx.birth;
            out.span(&format!("{d:02}-{m:02}-{y}"), Category::Date);
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
        "lab" => out.push(rng.word(LABS)),
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
                0 => "www.thuisarts.nl".to_string(),
                1 => format!(
                    "https://mijn.ziekenhuis-midden.nl/afspraken/{}",
                    digits(rng, 6)
                ),
                2 => "www.diabetesfonds.nl".to_string(),
                _ => "https://www.longfonds.nl/copd".to_string(),
            };
            out.span(&u, Category::Url);
        }
        "addr" => {
            let lists = data::nl();
            let street = rng.word(&lists.streets);
            let place = rng.pick(&lists.places);
            out.span(
                &format!("{street} {}", rng.range(1, 180)),
                Category::StreetAddress,
            );
            out.push(if rng.chance(0.6) { ", " } else { " te " });
            out.span(place.postcode, Category::Postcode);
            out.push(" ");
            out.span(place.city, Category::City);
        }
        "city" => out.span(rng.pick(&data::nl().places).city, Category::City),
        "inst" => out.span(rng.word(&data::nl().institutions), Category::Institution),
        "clinic" => out.span(ctx.clinic, Category::Institution),
        "idno" => {
            if rng.chance(0.5) {
                out.push("BSN ");
                out.span(&bsn(rng), Category::IdNumber);
            } else {
                out.push("patiëntnummer ");
                out.span(
                    &format!("{}", rng.range(1_000_000, 9_999_999)),
                    Category::IdNumber,
                );
            }
        }
        "iban" => {
            let i = iban(rng, "NL");
            out.span(
                &if rng.chance(0.6) { group4(&i) } else { i },
                Category::Iban,
            );
        }
        "age90" => out.span(&rng.range(90, 102).to_string(), Category::AgeOver89),
        "page" => crate::render::patient_age(ctx, out),
        "num" => out.push(&rng.range(2, 12).to_string()),
        _ => return false,
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_take_a_capital_without_a_given_name() {
        use crate::person::main_surname;
        assert_eq!(surname_alone("van den Berg"), "Van den Berg");
        assert_eq!(surname_alone("'t Hart"), "'t Hart");
        assert_eq!(surname_alone("Bakker"), "Bakker");
        assert_eq!(main_surname("de Vries"), "Vries");
    }
}
