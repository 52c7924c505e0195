//! German slots: how names, dates, contacts and the unprotected look-alikes
//! (drugs, doses, times, weekdays, relative dates) are written.

use chrono::{Datelike, Duration};

use crate::data;
use crate::person::{Person, main_surname};
use crate::render::{Author, Ctx, category_of, digits, group4, iban, kvnr, name};
use crate::rng::Rng;
use crate::text::{Category, Text};

/// German month names.
pub const MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
/// German weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "Montag",
    "Dienstag",
    "Mittwoch",
    "Donnerstag",
    "Freitag",
    "Samstag",
    "Sonntag",
];
/// Relations of a relative to the patient: (word, relative is female,
/// what the patient is to the relative if the patient is female, if male).
pub const RELATIONS: [(&str, bool, &str, &str); 6] = [
    ("Tochter", true, "Mutter", "Vater"),
    ("Sohn", false, "Mutter", "Vater"),
    ("Frau", true, "Frau", "Mann"),
    ("Mann", false, "Frau", "Mann"),
    ("Schwester", true, "Schwester", "Bruder"),
    ("Betreuerin", true, "Betreute", "Betreuter"),
];

const MEDS: &[&str] = &[
    "Sertralin",
    "Escitalopram",
    "Citalopram",
    "Venlafaxin",
    "Mirtazapin",
    "Quetiapin",
    "Lithium",
    "Lamotrigin",
    "Aripiprazol",
    "Olanzapin",
    "Risperidon",
    "Bupropion",
    "Agomelatin",
    "Duloxetin",
    "Trazodon",
    "Pregabalin",
    "Tavor",
    "Zopiclon",
    "Melperon",
    "Methylphenidat",
    "Valproat",
    "Elontril",
    "Seroquel",
    "Cipralex",
];
const DOSES: &[&str] = &[
    "50 mg",
    "100 mg",
    "25mg",
    "2,5 mg",
    "150 mg retard",
    "0,5 mg",
    "10 mg",
    "200 mg",
    "7,5 mg",
    "300mg",
    "20 mg",
    "1 mg",
];
const SCHEDULES: &[&str] = &[
    "1-0-1",
    "0-0-1",
    "1-0-0",
    "1/2-0-1",
    "2x täglich",
    "einmal täglich",
    "morgens eine halbe",
    "abends 1 Tablette",
    "3x tgl.",
    "1-1-1",
    "bei Bedarf",
];
const TIMES: &[&str] = &[
    "14:30 Uhr",
    "9 Uhr",
    "8.15 Uhr",
    "16 Uhr",
    "halb acht",
    "10:45 Uhr",
    "7 Uhr",
    "13.00 Uhr",
    "11 Uhr",
    "drei",
    "Viertel nach neun",
];
const RELATIVE_DATES: &[&str] = &[
    "nächsten Dienstag",
    "morgen",
    "übermorgen",
    "in zwei Wochen",
    "Anfang nächster Woche",
    "am Wochenende",
    "Ende des Monats",
    "nächste Woche",
    "Mitte nächsten Monats",
    "heute Nachmittag",
];
const PAST_DATES: &[&str] = &[
    "letzte Woche",
    "gestern Abend",
    "vorgestern",
    "heute früh",
    "vor drei Tagen",
    "vor einem Monat",
    "neulich",
    "letzten Freitag",
];
const EPONYMS: &[&str] = &[
    "Morbus Crohn",
    "Hashimoto",
    "Parkinson",
    "Alzheimer",
    "Kraft 5/5",
    "Babinski negativ",
    "Asperger",
    "Tourette",
    "Restless-Legs",
    "Morbus Bechterew",
    "Korsakow",
    "Raynaud",
];
const SYMPTOMS: &[&str] = &[
    "Schlafstörungen",
    "Unruhe",
    "Grübeln",
    "Antriebslosigkeit",
    "Kopfschmerzen",
    "Schwindel",
    "Albträume",
    "Herzrasen",
    "Appetitlosigkeit",
    "innere Anspannung",
    "Panikattacken",
    "Mundtrockenheit",
    "Gewichtszunahme",
    "Zittern",
];

fn dr(out: &mut Text, female: bool, formal: bool) {
    if formal {
        out.push(if female { "Frau Dr. " } else { "Herr Dr. " });
    } else {
        out.push("Dr. ");
    }
}

fn person_ref(rng: &mut Rng, ctx: &Ctx, p: &Person, out: &mut Text) {
    let cat = category_of(ctx, p);
    let doctor = cat == Category::ClinicianName;
    match rng.below(6) {
        0 | 1 => {
            if doctor {
                dr(out, p.female, rng.chance(0.5));
            } else {
                out.push(if p.female { "Frau " } else { "Herr " });
            }
            name(rng, out, &p.last, cat);
        }
        2 => {
            if doctor {
                out.push("Dr. ");
            }
            name(rng, out, &p.full(), cat);
        }
        3 => {
            out.push(if p.female { "Frau " } else { "Herr " });
            if doctor {
                out.push("Dr. ");
            }
            out.span(&format!("{} {}", p.initial(), p.last), cat);
        }
        4 => {
            if doctor {
                out.push("Dr. ");
                name(rng, out, &p.last, cat);
            } else {
                name(rng, out, &p.first, cat);
            }
        }
        _ => {
            if doctor {
                out.push(if p.female {
                    "Frau Doktor "
                } else {
                    "Herr Doktor "
                });
            } else {
                out.push(if p.female { "Frau " } else { "Herr " });
            }
            name(rng, out, main_surname(&p.last), cat);
        }
    }
}

fn possessive(rng: &mut Rng, ctx: &Ctx, p: &Person, out: &mut Text) {
    let cat = category_of(ctx, p);
    let base = if rng.chance(0.5) || cat == Category::ClinicianName {
        if cat == Category::ClinicianName {
            out.push("Dr. ");
        } else {
            out.push(if p.female { "Frau " } else { "Herrn " });
        }
        p.last.clone()
    } else {
        p.first.clone()
    };
    if base.ends_with('s') || base.ends_with('ß') || base.ends_with('z') || base.ends_with('x') {
        name(rng, out, &base, cat);
        out.push("'");
    } else {
        let written = crate::person::variant(rng, &base);
        out.span(&format!("{written}s"), cat);
    }
}

/// A date near the message, as a span, in one of the German forms.
pub fn date(rng: &mut Rng, ctx: &Ctx, out: &mut Text) {
    let d = ctx.sent.date() + Duration::days(rng.range(-40, 60));
    let (day, month, year) = (d.day(), d.month(), d.year());
    let m = MONTHS[month as usize - 1];
    let s = match rng.below(10) {
        0 | 1 => format!("{day:02}.{month:02}.{year}"),
        2 => format!("{day}.{month}."),
        3 | 4 => format!("{day}. {m}"),
        5 => format!("{day}. {m} {year}"),
        6 => format!("{day}. {m} {year}"),
        7 => format!("{day:02}.{month:02}."),
        8 => format!("{year}-{month:02}-{day:02}"),
        _ => format!("{day}.{month}.{}", year % 100),
    };
    if rng.chance(0.2) {
        out.push(WEEKDAYS[d.weekday().num_days_from_monday() as usize]);
        out.push(", ");
        if rng.chance(0.5) {
            out.push("den ");
        }
    }
    out.span(&s, Category::Date);
}

fn phone(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => format!("0331 {}", digits(rng, 7)),
        1 => format!("+49 171 {}", digits(rng, 7)),
        2 => format!("0152/{}", digits(rng, 8)),
        3 => format!("03391 {}-{}", digits(rng, 3), digits(rng, 2)),
        _ => format!("0160 {} {}", digits(rng, 3), digits(rng, 4)),
    }
}

fn email(rng: &mut Rng, p: &Person) -> String {
    let host = *rng.pick(&[
        "gmx.de",
        "web.de",
        "t-online.de",
        "gmail.com",
        "freenet.de",
        "posteo.de",
    ]);
    let first = ascii_fold(&p.first.to_lowercase());
    let last = ascii_fold(&main_surname(&p.last).to_lowercase());
    match rng.below(3) {
        0 => format!("{first}.{last}@{host}"),
        1 => format!("{}{last}{}@{host}", &first[..1], rng.range(50, 99)),
        _ => format!("{last}.{first}@{host}"),
    }
}

/// Umlauts and ß spelled out, other non-ASCII dropped, spaces to dots.
pub fn ascii_fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            'é' | 'è' | 'ë' => out.push('e'),
            'ï' => out.push('i'),
            ' ' | '\'' => {}
            c if c.is_ascii_alphanumeric() || c == '-' => out.push(c),
            _ => {}
        }
    }
    out
}

fn address(rng: &mut Rng, out: &mut Text) {
    let lists = data::de();
    let street = rng.pick(&lists.streets);
    let place = rng.pick(&lists.places);
    let mut no = rng.range(1, 120).to_string();
    if rng.chance(0.15) {
        no.push('a');
    }
    out.span(&format!("{street} {no}"), Category::StreetAddress);
    out.push(if rng.chance(0.7) { ", " } else { " in " });
    out.span(place.postcode, Category::Postcode);
    out.push(" ");
    out.span(place.city, Category::City);
}

fn relation(ctx: &Ctx) -> (&'static str, bool) {
    let r = RELATIONS[ctx.relation % RELATIONS.len()];
    (r.0, r.1)
}

/// Writes one German slot.
pub fn slot(slot: &str, ctx: &Ctx, rng: &mut Rng, out: &mut Text) -> bool {
    let p = ctx.patient;
    let c = ctx.clinician;
    match slot {
        "hi_p" => {
            let informal = rng.chance(0.1);
            if informal {
                out.push(if p.female { "Liebe " } else { "Lieber " });
                name(rng, out, &p.first, Category::PatientName);
            } else {
                let opener = match rng.below(5) {
                    0 | 1 => {
                        if p.female {
                            "Liebe Frau "
                        } else {
                            "Lieber Herr "
                        }
                    }
                    2 => {
                        if p.female {
                            "Sehr geehrte Frau "
                        } else {
                            "Sehr geehrter Herr "
                        }
                    }
                    3 => {
                        if p.female {
                            "Guten Tag Frau "
                        } else {
                            "Guten Tag Herr "
                        }
                    }
                    _ => {
                        if p.female {
                            "Hallo Frau "
                        } else {
                            "Hallo Herr "
                        }
                    }
                };
                out.push(opener);
                name(rng, out, &p.last, Category::PatientName);
            }
            out.push(",\n");
        }
        "hi_c" => match rng.below(8) {
            0 | 1 => {
                out.push(if c.female {
                    "Liebe Frau Dr. "
                } else {
                    "Lieber Herr Dr. "
                });
                name(rng, out, &c.last, Category::ClinicianName);
                out.push(",\n");
            }
            2 => {
                out.push("Hallo Dr. ");
                name(rng, out, &c.last, Category::ClinicianName);
                out.push(",\n");
            }
            3 => {
                out.push(if c.female {
                    "Sehr geehrte Frau Dr. "
                } else {
                    "Sehr geehrter Herr Dr. "
                });
                name(rng, out, &c.full(), Category::ClinicianName);
                out.push(",\n");
            }
            4 => out.push("Guten Tag,\n"),
            5 => {
                out.push(if c.female {
                    "Hallo Frau "
                } else {
                    "Hallo Herr "
                });
                name(rng, out, &c.last, Category::ClinicianName);
                out.push("!\n");
            }
            6 => out.push(if c.female {
                "Hallo Frau Doktor,\n"
            } else {
                "Hallo Herr Doktor,\n"
            }),
            _ => {}
        },
        "bye_c" => {
            let (who, female) = if ctx.author == Author::Staff {
                (ctx.staff, ctx.staff.female)
            } else {
                (c, c.female)
            };
            let cat = category_of(ctx, who);
            let staff = ctx.author == Author::Staff;
            match rng.below(6) {
                0 | 1 => {
                    out.push("Viele Grüße\n");
                    out.push(if female { "Ihre " } else { "Ihr " });
                    if !staff {
                        out.push("Dr. ");
                    }
                    name(rng, out, &who.last, cat);
                }
                2 => {
                    out.push("Mit freundlichen Grüßen\n");
                    if !staff {
                        out.push("Dr. med. ");
                    }
                    name(rng, out, &who.full(), cat);
                }
                3 => {
                    out.push("Herzliche Grüße\n");
                    name(rng, out, &who.full(), cat);
                    out.push("\n");
                    out.span(ctx.clinic, Category::Institution);
                }
                4 => {
                    out.push("Beste Grüße, ");
                    out.span(&format!("{} {}", who.initial(), who.last), cat);
                }
                _ => {
                    out.push("Freundliche Grüße aus der ");
                    out.span(ctx.clinic, Category::Institution);
                    out.push("\n");
                    out.span(&who.monogram(), cat);
                }
            }
        }
        "bye_p" => {
            let proxy = ctx.author == Author::Proxy;
            let who = if proxy { ctx.relative } else { p };
            let cat = category_of(ctx, who);
            match rng.below(9) {
                0 | 1 => {
                    out.push("Viele Grüße\n");
                    name(rng, out, &who.full(), cat);
                }
                2 => {
                    out.push("LG ");
                    name(rng, out, &who.first, cat);
                }
                3 => {
                    out.push("Liebe Grüße, ");
                    out.push(if who.female { "Ihre " } else { "Ihr " });
                    name(rng, out, &who.first, cat);
                }
                4 => {
                    out.push("MfG ");
                    name(rng, out, &who.last, cat);
                }
                5 => {
                    out.push("Gruß ");
                    out.span(&format!("{} {}", who.initial(), who.last), cat);
                }
                6 => out.span(&who.monogram(), cat),
                7 => {
                    out.push("Danke und Grüße\n");
                    name(rng, out, &who.first, cat);
                }
                _ => out.push("Danke!"),
            }
            if proxy {
                let (word, _) = relation(ctx);
                out.push(if out.s.ends_with('\n') { "(" } else { " (" });
                out.push(word);
                out.push(if p.female {
                    " von Frau "
                } else {
                    " von Herrn "
                });
                name(rng, out, &p.last, Category::PatientName);
                out.push(")");
            }
        }
        "P" => person_ref(rng, ctx, p, out),
        "Pfirst" => name(rng, out, &p.first, Category::PatientName),
        "Pposs" => possessive(rng, ctx, p, out),
        "C" => person_ref(rng, ctx, c, out),
        "Cposs" => possessive(rng, ctx, c, out),
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
            let (word, female) = relation(ctx);
            out.push(if female { "meine " } else { "mein " });
            out.push(word);
        }
        "rel" => out.push(relation(ctx).0),
        "my_pat" => {
            let r = RELATIONS[ctx.relation % RELATIONS.len()];
            out.push(if p.female { "meine " } else { "mein " });
            out.push(if p.female { r.2 } else { r.3 });
        }
        "Oposs" => possessive(rng, ctx, ctx.relative, out),
        "S" => {
            let s = ctx.staff;
            match rng.below(3) {
                0 => {
                    out.push(if s.female { "Schwester " } else { "Pfleger " });
                    name(rng, out, &s.first, Category::OtherName);
                }
                1 => {
                    out.push(if s.female { "Frau " } else { "Herr " });
                    name(rng, out, &s.last, Category::OtherName);
                    out.push(" vom Empfang");
                }
                _ => {
                    out.push(if s.female {
                        "unsere Sozialarbeiterin Frau "
                    } else {
                        "unser Sozialarbeiter Herr "
                    });
                    name(rng, out, &s.last, Category::OtherName);
                }
            }
        }
        "date" => date(rng, ctx, out),
        "dob" => {
            let (d, m, y) = ctx.birth;
            out.span(&format!("{d:02}.{m:02}.{y}"), Category::Date);
        }
        "wday" => out.push(rng.word(&WEEKDAYS)),
        "rel_date" => out.push(rng.word(RELATIVE_DATES)),
        "rel_past" => out.push(rng.word(PAST_DATES)),
        "month_year" => {
            let d = ctx.sent.date() - chrono::Duration::days(rng.range(20, 200));
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
        "sched" => out.push(rng.word(SCHEDULES)),
        "eponym" => out.push(rng.word(EPONYMS)),
        "symptom" => out.push(rng.word(SYMPTOMS)),
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
                0 => "www.ruppiner-kliniken.de/pia".to_string(),
                1 => format!(
                    "https://termine.pia-brandenburg.de/buchung?id={}",
                    digits(rng, 6)
                ),
                2 => "www.deutsche-depressionshilfe.de".to_string(),
                _ => "https://www.telefonseelsorge.de".to_string(),
            };
            out.span(&u, Category::Url);
        }
        "addr" => address(rng, out),
        "city" => out.span(rng.pick(&data::de().places).city, Category::City),
        "inst" => out.span(rng.word(&data::de().institutions), Category::Institution),
        "clinic" => out.span(ctx.clinic, Category::Institution),
        "idno" => {
            if rng.chance(0.6) {
                out.push("Versichertennummer ");
                out.span(&kvnr(rng), Category::IdNumber);
            } else {
                out.push("Fallnummer ");
                out.span(
                    &format!("{}{}", rng.range(1, 9), digits(rng, 7)),
                    Category::IdNumber,
                );
            }
        }
        "iban" => {
            let i = iban(rng, "DE");
            out.span(
                &if rng.chance(0.6) { group4(&i) } else { i },
                Category::Iban,
            );
        }
        "age90" => out.span(&rng.range(90, 101).to_string(), Category::AgeOver89),
        "page" => crate::render::patient_age(ctx, out),
        "num" => out.push(&rng.range(2, 12).to_string()),
        _ => return false,
    }
    true
}
