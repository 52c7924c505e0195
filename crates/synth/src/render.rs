//! The template engine: a template is text with `{slot}` markers; each slot
//! is written by the language's slot function, which records a gold span
//! for every protected piece as it writes it.

use chrono::NaiveDateTime;

use crate::person::Person;
use crate::rng::Rng;
use crate::text::{Category, Text, lower_one, upper_one};

/// Who writes a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Author {
    /// The patient.
    Patient,
    /// A relative or caregiver writing for the patient.
    Proxy,
    /// The treating clinician.
    Clinician,
    /// Other staff (nurse, medical assistant, secretary).
    Staff,
}

/// Everything a template may refer to.
#[derive(Debug)]
pub struct Ctx<'a> {
    /// The patient.
    pub patient: &'a Person,
    /// The patient's birth date (`dd`, `mm`, `yyyy`).
    pub birth: (u32, u32, i32),
    /// The patient's age at the message.
    pub age: u32,
    /// The treating clinician.
    pub clinician: &'a Person,
    /// Another clinician (e.g. the GP or a colleague).
    pub colleague: &'a Person,
    /// A relative or caregiver; proxy sender where there is one.
    pub relative: &'a Person,
    /// How the relative is related to the patient, as an index into the
    /// language's relation words.
    pub relation: usize,
    /// A staff member.
    pub staff: &'a Person,
    /// Who writes.
    pub author: Author,
    /// Local send time.
    pub sent: NaiveDateTime,
    /// The clinic's name as in the export.
    pub clinic: &'a str,
    /// True when a proxy writes in this thread (clinicians may greet the proxy).
    pub proxy_thread: bool,
}

/// Writes one slot; returns false for an unknown slot name.
pub type SlotFn = fn(&str, &Ctx, &mut Rng, &mut Text) -> bool;

/// Renders a template into `out`. Unknown slots are written literally so a
/// typo shows in the output and in the template tests.
pub fn render(template: &str, ctx: &Ctx, rng: &mut Rng, out: &mut Text, slot: SlotFn) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                if !slot(name, ctx, rng, out) {
                    out.push("{");
                    out.push(name);
                    out.push("}");
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push(rest);
}

/// Writes a name mention with the usual slips (lower case, misspelling) as
/// a span.
pub fn name(rng: &mut Rng, out: &mut Text, name: &str, category: Category) {
    let written = crate::person::variant(rng, name);
    out.span(&written, category);
}

/// The category of names of a person in a message's context.
pub fn category_of(ctx: &Ctx, person: &Person) -> Category {
    if std::ptr::eq(person, ctx.patient) {
        Category::PatientName
    } else if std::ptr::eq(person, ctx.clinician) || std::ptr::eq(person, ctx.colleague) {
        Category::ClinicianName
    } else {
        Category::OtherName
    }
}

/// The patient's age: a span if 90 or over, plain text otherwise.
pub fn patient_age(ctx: &Ctx, out: &mut Text) {
    let age = ctx.age.to_string();
    if ctx.age >= 90 {
        out.span(&age, Category::AgeOver89);
    } else {
        out.push(&age);
    }
}

/// Puts a whole message into upper or lower case now and then, as people
/// write (spans stay valid: only one-to-one char mappings are applied).
pub fn casing(rng: &mut Rng, text: &mut Text, upper: f64, lower: f64) {
    let x = rng.unit();
    if x < upper {
        text.map_chars(upper_one);
    } else if x < upper + lower {
        text.map_chars(lower_one);
    }
}

/// A valid mod-97 IBAN (`DE`, 18 digits; `NL`, 4 letters and 10 digits),
/// electronic form without spaces.
pub fn iban(rng: &mut Rng, country: &str) -> String {
    let bban: String = if country == "NL" {
        let bank = *rng.pick(&["ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB"]);
        let mut s = bank.to_string();
        for _ in 0..10 {
            s.push(char::from(b'0' + rng.below(10) as u8));
        }
        s
    } else {
        (0..18)
            .map(|_| char::from(b'0' + rng.below(10) as u8))
            .collect()
    };
    let check = 98 - mod97(&format!("{bban}{country}00"));
    format!("{country}{check:02}{bban}")
}

fn mod97(s: &str) -> u32 {
    let mut r: u32 = 0;
    for c in s.chars() {
        let v = if c.is_ascii_digit() {
            c as u32 - '0' as u32
        } else {
            c.to_ascii_uppercase() as u32 - 'A' as u32 + 10
        };
        if v >= 10 {
            r = (r * 100 + v) % 97;
        } else {
            r = (r * 10 + v) % 97;
        }
    }
    r
}

/// An IBAN in groups of four, as people type them.
pub fn group4(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// A Dutch citizen service number (BSN): nine digits passing the 11-check.
pub fn bsn(rng: &mut Rng) -> String {
    loop {
        let digits: Vec<u32> = (0..9).map(|_| rng.below(10) as u32).collect();
        if digits[0] == 0 {
            continue;
        }
        let sum: i64 = (0..8)
            .map(|i| i64::from(digits[i]) * (9 - i as i64))
            .sum::<i64>()
            - i64::from(digits[8]);
        if sum % 11 == 0 {
            return digits.iter().map(|d| char::from(b'0' + *d as u8)).collect();
        }
    }
}

/// A German health-insurance number (Krankenversichertennummer): a letter,
/// eight digits and a check digit.
pub fn kvnr(rng: &mut Rng) -> String {
    let letter = b'A' + rng.below(26) as u8;
    let digits: Vec<u32> = (0..8).map(|_| rng.below(10) as u32).collect();
    let pos = u32::from(letter - b'A' + 1);
    let mut all = vec![pos / 10, pos % 10];
    all.extend(&digits);
    let mut sum = 0;
    for (i, d) in all.iter().enumerate() {
        let p = d * if i % 2 == 0 { 1 } else { 2 };
        sum += p / 10 + p % 10;
    }
    let mut s = String::new();
    s.push(char::from(letter));
    for d in digits {
        s.push(char::from(b'0' + d as u8));
    }
    s.push(char::from(b'0' + (sum % 10) as u8));
    s
}

/// A string of `n` random digits.
pub fn digits(rng: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'0' + rng.below(10) as u8))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ibans_pass_mod97_and_bsns_pass_the_11_check() {
        let mut rng = Rng::new(11, 0);
        for country in ["DE", "NL"] {
            let iban = iban(&mut rng, country);
            let rearranged = format!("{}{}", &iban[4..], &iban[..4]);
            assert_eq!(mod97(&rearranged), 1, "{iban}");
        }
        // A published example IBAN.
        assert_eq!(mod97("370400440532013000DE89"), 1);
        let b = bsn(&mut rng);
        let d: Vec<i64> = b.chars().map(|c| c.to_digit(10).unwrap() as i64).collect();
        let s: i64 = (0..8).map(|i| d[i] * (9 - i as i64)).sum::<i64>() - d[8];
        assert_eq!(s % 11, 0);
        assert_eq!(kvnr(&mut rng).len(), 10);
        assert_eq!(group4("NL91ABNA0417164300"), "NL91 ABNA 0417 1643 00");
    }

    fn slot(name: &str, _: &Ctx, _: &mut Rng, out: &mut Text) -> bool {
        if name == "x" {
            out.span("Koch", Category::PatientName);
            true
        } else {
            false
        }
    }

    #[test]
    fn render_fills_slots_and_keeps_unknown_ones() {
        let p = Person {
            first: "Anna".into(),
            last: "Koch".into(),
            female: true,
        };
        let ctx = Ctx {
            patient: &p,
            birth: (1, 1, 1970),
            age: 55,
            clinician: &p,
            colleague: &p,
            relative: &p,
            relation: 0,
            staff: &p,
            author: Author::Patient,
            sent: chrono::NaiveDate::from_ymd_opt(2025, 1, 1)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
            clinic: "PIA",
            proxy_thread: false,
        };
        let mut t = Text::default();
        render("Frau {x}, {y}!", &ctx, &mut Rng::new(1, 1), &mut t, slot);
        assert_eq!(t.s, "Frau Koch, {y}!");
        assert_eq!((t.spans[0].start, t.spans[0].end), (5, 9));
    }
}
