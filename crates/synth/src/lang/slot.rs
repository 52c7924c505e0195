//! The one slot writer of every language: a language is a [`Lang`] table of
//! words and phrases, and [`write`] turns a slot name into text with it.

use chrono::{Datelike, Duration};

use super::phrase::{Fill, Form, Pattern, Piece, Relation, Scene, Vars, Who};
use crate::data::Lists;
use crate::person::Person;
use crate::render::{Author, Ctx, group4, iban};
use crate::rng::Rng;
use crate::text::{Category, Text};

/// Writes a possessive (`Kochs`, `Anna's`) of a person.
pub type Possessive = fn(&mut Rng, &Ctx, &Person, &mut Text);

/// How a street address is written.
#[derive(Debug)]
pub enum Address {
    /// `Street 12a, 14467 City`: house numbers, the chance of a letter after
    /// the number (none: never drawn), the chance of a comma before the
    /// postcode, and the word used otherwise.
    Europe {
        /// Lowest and highest house number.
        numbers: (i64, i64),
        /// Chance of a letter after the number.
        letter: Option<f64>,
        /// Chance of a comma before the postcode.
        comma: f64,
        /// What stands before the postcode otherwise (` in `).
        word: &'static str,
    },
    /// `120 Street, City, ST 02115`.
    Us {
        /// Lowest and highest house number.
        numbers: (i64, i64),
    },
}

/// A weekday written before a date now and then (`Montag, den 3. März`).
#[derive(Debug)]
pub struct WeekdayBefore {
    /// How often.
    pub chance: f64,
    /// What follows the weekday.
    pub sep: &'static str,
    /// An article written after it half of the time.
    pub article: Option<&'static str>,
}

/// Everything a language writes its slots with.
#[derive(Debug)]
pub struct Lang {
    /// Month names, January first.
    pub months: &'static [&'static str; 12],
    /// Weekday names, Monday first.
    pub weekdays: &'static [&'static str; 7],
    /// Relations of a relative to the patient.
    pub relations: &'static [Relation],
    /// The name lists.
    pub lists: fn() -> &'static Lists,
    /// `hi_p`: greeting of the patient.
    pub hi_patient: &'static [Piece],
    /// `hi_c`: greeting of the clinician.
    pub hi_clinician: &'static [Piece],
    /// `bye_c`: sign-off of the clinic.
    pub bye_clinic: &'static [Piece],
    /// `bye_p`: sign-off of the patient or proxy.
    pub bye_patient: &'static [Piece],
    /// `P`: a mention of the patient.
    pub person: &'static [Piece],
    /// `C`, `C2`: a mention of a clinician.
    pub doctor: &'static [Piece],
    /// `S`: a mention of the staff member.
    pub staff: &'static [Piece],
    /// `idno`: an identifying number with its label.
    pub idno: &'static [Piece],
    /// `Pposs` and the other possessives.
    pub possessive: Possessive,
    /// `Cposs`: what stands before the clinician's possessive (none: no such
    /// slot).
    pub clinician_possessive: Option<&'static str>,
    /// `Oposs`: whether the relative's possessive is a slot.
    pub relative_possessive: bool,
    /// `my_rel`, `my_pat`: "my" before a woman's and a man's relation word.
    pub my: (&'static str, &'static str),
    /// `date`: the forms of a date.
    pub dates: Pattern,
    /// A weekday before a date.
    pub weekday_before: WeekdayBefore,
    /// `dob`: the form of the birth date.
    pub dob: &'static [Fill],
    /// `phone`.
    pub phone: Pattern,
    /// `email`.
    pub email: Pattern,
    /// `url`.
    pub url: Pattern,
    /// `addr`.
    pub address: Address,
    /// `iban`: the country of IBANs (none: no such slot).
    pub iban: Option<&'static str>,
    /// `age90`: the highest age over 89.
    pub oldest: i64,
    /// `home`: care homes, each as `preposition |name` (`im |Haus Abendrot`);
    /// the name is the span.
    pub homes: &'static [&'static str],
    /// Slots that write one word of a list (`med`, `time`, ...).
    pub words: &'static [(&'static str, &'static [&'static str])],
}

fn address(lang: &Lang, rng: &mut Rng, out: &mut Text) {
    let lists = (lang.lists)();
    let street = rng.pick(&lists.streets);
    let place = rng.pick(&lists.places);
    match lang.address {
        Address::Europe {
            numbers,
            letter,
            comma,
            word,
        } => {
            let mut no = rng.range(numbers.0, numbers.1).to_string();
            if letter.is_some_and(|p| rng.chance(p)) {
                no.push('a');
            }
            out.span(&format!("{street} {no}"), Category::StreetAddress);
            out.push(if rng.chance(comma) { ", " } else { word });
            out.span(place.postcode, Category::Postcode);
            out.push(" ");
            out.span(place.city, Category::City);
        }
        Address::Us { numbers } => {
            out.span(
                &format!("{} {street}", rng.range(numbers.0, numbers.1)),
                Category::StreetAddress,
            );
            out.push(", ");
            out.span(place.city, Category::City);
            out.push(", ");
            out.push(place.state);
            out.push(" ");
            out.span(place.postcode, Category::Postcode);
        }
    }
}

fn date(lang: &Lang, ctx: &Ctx, rng: &mut Rng, out: &mut Text) {
    let d = ctx.sent.date() + Duration::days(rng.range(-40, 60));
    let mut vars = Vars {
        date: (d.day(), d.month(), d.year()),
        months: lang.months,
        ..Vars::default()
    };
    let s = lang.dates.draw(rng, &mut vars);
    let before = &lang.weekday_before;
    if rng.chance(before.chance) {
        out.push(lang.weekdays[d.weekday().num_days_from_monday() as usize]);
        out.push(before.sep);
        if let Some(article) = before.article
            && rng.chance(0.5)
        {
            out.push(article);
        }
    }
    out.span(&s, Category::Date);
}

/// Writes one slot of the language; false for a slot it does not know.
pub fn write(lang: &Lang, slot: &str, ctx: &Ctx, rng: &mut Rng, out: &mut Text) -> bool {
    let p = ctx.patient;
    let c = ctx.clinician;
    let scene = Scene {
        ctx,
        subject: p,
        relations: lang.relations,
    };
    let writer = if ctx.author == Author::Proxy {
        ctx.relative
    } else {
        p
    };
    let my = |female| if female { lang.my.0 } else { lang.my.1 };
    match slot {
        "hi_p" => scene.write(lang.hi_patient, rng, out),
        "hi_c" => scene.write(lang.hi_clinician, rng, out),
        "bye_c" => scene.write(lang.bye_clinic, rng, out),
        "bye_p" => scene.write(lang.bye_patient, rng, out),
        "P" => scene.write(lang.person, rng, out),
        "C" => Scene {
            subject: c,
            ..scene
        }
        .write(lang.doctor, rng, out),
        "C2" => Scene {
            subject: ctx.colleague,
            ..scene
        }
        .write(lang.doctor, rng, out),
        "S" => scene.write(lang.staff, rng, out),
        "O" => scene.write(
            &[Piece::Chance(
                0.6,
                &[Piece::Name(Who::Relative, Form::First)],
                &[Piece::Name(Who::Relative, Form::Full)],
            )],
            rng,
            out,
        ),
        "me" => scene.write(&[Piece::Name(Who::Writer, Form::Full)], rng, out),
        "Ofull" => scene.write(&[Piece::Name(Who::Relative, Form::Full)], rng, out),
        "Olast" => scene.write(&[Piece::Name(Who::Relative, Form::Last)], rng, out),
        "Pfirst" => scene.write(&[Piece::Name(Who::Patient, Form::First)], rng, out),
        "Pposs" => (lang.possessive)(rng, ctx, p, out),
        "Cposs" => match lang.clinician_possessive {
            Some(before) => {
                out.push(before);
                (lang.possessive)(rng, ctx, c, out);
            }
            None => return false,
        },
        "Oposs" if lang.relative_possessive => (lang.possessive)(rng, ctx, ctx.relative, out),
        "rel" => out.push(scene.relation().0),
        "my_rel" => {
            out.push(my(scene.relation().1));
            out.push(scene.relation().0);
        }
        "my_pat" => {
            out.push(my(p.female));
            scene.write(&[Piece::PatientAs], rng, out);
        }
        "date" => date(lang, ctx, rng, out),
        "dob" => {
            let (d, m, y) = ctx.birth;
            let vars = Vars {
                date: (d, m, y),
                months: lang.months,
                ..Vars::default()
            };
            out.span(&super::phrase::fill(lang.dob, rng, &vars), Category::Date);
        }
        "month_year" => {
            let d = ctx.sent.date() - Duration::days(rng.range(20, 200));
            out.span(
                &format!("{} {}", lang.months[d.month0() as usize], d.year()),
                Category::Date,
            );
        }
        "month" => out.span(lang.months[ctx.sent.month0() as usize], Category::Date),
        "wday" => out.push(rng.word(lang.weekdays)),
        "phone" => out.span(&lang.phone.draw(rng, &mut Vars::default()), Category::Phone),
        "email" => {
            let mut vars = Vars {
                person: Some(writer),
                ..Vars::default()
            };
            out.span(&lang.email.draw(rng, &mut vars), Category::Email);
        }
        "url" => out.span(&lang.url.draw(rng, &mut Vars::default()), Category::Url),
        "addr" => address(lang, rng, out),
        "city" => out.span(rng.pick(&(lang.lists)().places).city, Category::City),
        "again_city" => match out.last_span(Category::City) {
            Some(city) => out.span(&city, Category::City),
            None => return false,
        },
        "home" => {
            let (before, home) = rng.word(lang.homes).split_once('|').unwrap_or(("", ""));
            out.push(before);
            out.span(home, Category::Institution);
        }
        "inst" => out.span(
            rng.word(&(lang.lists)().institutions),
            Category::Institution,
        ),
        "clinic" => out.span(ctx.clinic, Category::Institution),
        "idno" => scene.write(lang.idno, rng, out),
        "iban" => match lang.iban {
            Some(country) => {
                let i = iban(rng, country);
                out.span(
                    &if rng.chance(0.6) { group4(&i) } else { i },
                    Category::Iban,
                );
            }
            None => return false,
        },
        "age90" => out.span(&rng.range(90, lang.oldest).to_string(), Category::AgeOver89),
        "page" => crate::render::patient_age(ctx, out),
        "num" => out.push(&rng.range(2, 12).to_string()),
        _ => match lang.words.iter().find(|(name, _)| *name == slot) {
            Some((_, list)) => out.push(rng.word(list)),
            None => return false,
        },
    }
    true
}
