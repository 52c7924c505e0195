//! A stress loop for "scrubbing scrubbed text changes nothing further":
//! random noise of roster names, lexicon names, context words, tags, URLs,
//! e-mail addresses, phone numbers, dates and digits, glued by random
//! separators, a quarter of it in lower case and an eighth in capitals,
//! scrubbed twice in every language with and without a roster. Each failing
//! input is shrunk (chars removed while it still fails) and printed once
//! with the rules of what the second scrub found; the last line counts
//! inputs and failures. It needs no nightly toolchain, unlike the fuzz
//! target in `fuzz/`.
//!
//! `cargo run --release -p veil-scrub --example idem_stress -- [inputs] [seed]`
#![allow(clippy::print_stdout)]

use veil_scrub::{Category, Lang, RosterBuilder, Scrubber};

const PIECES: &[&str] = &[
    "Anna",
    "anna",
    "ANNA",
    "Koch",
    "koch",
    "Pieter",
    "piet",
    "van den Berg",
    "Berg",
    "ann",
    "ann-a",
    "Herr",
    "Frau",
    "Dr.",
    "dr",
    "mevrouw",
    "dhr.",
    "Mr.",
    "Ms.",
    "Liebe",
    "Beste",
    "Dear",
    "Hi",
    "Mit freundlichen Grüßen",
    "Met vriendelijke groet",
    "Kind regards",
    "Grüße",
    "groet",
    "meine Tochter",
    "mijn zoon",
    "my wife",
    "mit",
    "und",
    "von",
    "van",
    "de",
    "a",
    "the",
    "der",
    "die",
    "het",
    "een",
    "März",
    "mei",
    "May",
    "Jänner",
    "Bakker",
    "Brown",
    "Jan",
    "Will",
    "Mark",
    "Klinikum",
    "Hospital",
    "Medical Center",
    "Clinic",
    "Ziekenhuis",
    "Straße",
    "straat",
    "Street",
    "Hauptstraße 5",
    "Kerkstraat 12",
    "12345",
    "1234 AB",
    "Berlin",
    "Amsterdam",
    "Boston",
    "IBAN",
    "DE89 3704 0044 0532 0130 00",
    "BSN",
    "123456782",
    "Tel.",
    "0176 1234567",
    "+31 6 12345678",
    "(555) 123-4567",
    "@",
    "a.koch@example.org",
    "www.",
    "www.example.com",
    "http://x.de/a?b=1",
    "https://portal.example.nl",
    "ia900",
    "ia900.",
    "mg",
    "Jahre",
    "years",
    "92",
    "95 Jahre",
    "3.5.",
    "12.03.2024",
    "5/5",
    "2.5",
    "Kraft",
    "am",
    "op",
    "on",
    "bis",
    "zum",
    "vom",
    "[DATE]",
    "[NAME]",
    "[URL]",
    "[PATIENT]",
    "[PHONE]",
    "[ID]",
    "Morbus",
    "Crohn",
    "Parkinson",
    "Hiltrud",
    "Sophie",
    "Emma",
    "Lukas",
    "Müller",
    "Schmidt",
    "de Vries",
    "Jansen",
    "Smith",
    "Johnson",
    "Mary",
    "JM",
    "K.",
    "M. Washington",
    "RN",
    "Pat.-Nr.",
    "Patient",
    "MRN",
    "Sie",
    "ich",
    "Ich",
    "Mit",
    "in 't Veld",
    "op den Akker",
    "Willem",
    "willen",
    "Score",
    "Tabletten",
    "Schmerz 6/10",
    "24/7",
    "1/2",
    "am 12.3",
    "Termin",
    "Sehr geehrte",
    "Hallo",
    "hallo",
    "Naam",
    "Name:",
    "Huisarts",
    "Hausarzt:",
    "Emergency contact",
    "Von:",
    "Senior Living",
    "Huize",
    "Seniorenzentrum",
    "Paul",
    "Thomas",
    "Zucker",
    "Rezept",
    "rezept",
    "Befund",
    "die Praxis",
    "Sonnenschein",
    "1938 in",
    "Breslau",
    "Albert Heijn",
    "Hoogland",
    "Best,",
    "Reception",
    "Wiill",
    "Noorr",
    "Precious",
    "from scheduling",
    "will call",
    "belt",
    "Kaffee mit",
    "Hinnerk",
    "at",
    "dot",
    "punt",
    "gmail dot com",
    "(at)",
    "apenstaartje",
    "@lena_mueller",
    "@",
    "Az.",
    "XVII 1234/24",
    "Kennzeichen",
    "B-MK 1234",
    "01/2024",
    "03.2025",
    "Jan 3-5",
    "week of",
    "2/10",
    "contactpersoon is",
    "Sevda",
    "Damen und Herren",
    "die Jacqueline",
    "(Willem)",
    "van 't Hof",
    "Gesamtschule",
    "GGZ",
    "Centraal",
    "werd mijn vader",
    "92",
    "Elm St,",
    "Quincy",
    "Towers",
    "محمد العلوي",
    "Γιώργος",
    "王小明",
    "Я не могу прийти",
    "ninety-two",
    "dreiundneunzig",
    "a hundred",
    "Mama wird",
    "drieënnegentig geworden",
    "ext. 4321",
    "Durchwahl -12",
    "toestel",
    "Lorraine",
];
const SEPS: &[&str] = &[
    "", " ", " ", " ", "\n", "\r", ", ", ". ", "-", "#", "$", "'", "/", ":", "(", ")", "!", "?",
    "\t", " | ", "|",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn fails(s: &Scrubber, lang: Lang, t: &str) -> bool {
    let once = s.scrub(t, lang).text;
    s.scrub(&once, lang).text != once
}

/// Removes chars while the input still fails.
fn minimize(s: &Scrubber, lang: Lang, t: &str) -> String {
    let mut cur: Vec<char> = t.chars().collect();
    let mut chunk = cur.len() / 2;
    while chunk >= 1 {
        let mut i = 0;
        while i + chunk <= cur.len() {
            let mut c = cur.clone();
            c.drain(i..i + chunk);
            let cs: String = c.iter().collect();
            if fails(s, lang, &cs) {
                cur = c;
            } else {
                i += 1;
            }
        }
        chunk /= 2;
    }
    cur.into_iter().collect()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed: u64 = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(0x9e3779b97f4a7c15);
    let mut roster = RosterBuilder::new();
    roster.add_name("Anna Koch", Category::PatientName);
    roster.add_name("Pieter van den Berg", Category::ClinicianName);
    roster.add_name("Will Noor", Category::OtherName);
    let with = Scrubber::new(roster.build());
    let without = Scrubber::default();
    let mut rng = Rng(seed | 1);
    let mut fails = 0u64;
    let mut seen = std::collections::HashSet::new();
    for _ in 0..n {
        let len = 1 + rng.below(14);
        let mut t = String::new();
        for _ in 0..len {
            match rng.below(10) {
                0 => {
                    for _ in 0..1 + rng.below(4) {
                        t.push((b'a' + rng.below(26) as u8) as char);
                    }
                }
                1 => {
                    for _ in 0..1 + rng.below(5) {
                        t.push((b'0' + rng.below(10) as u8) as char);
                    }
                }
                2 => {
                    let c = [b'.', b'[', b']', b'-', b'#', b'@', b'/', b'\'', b',', b'&']
                        [rng.below(10)];
                    t.push(c as char);
                }
                _ => t.push_str(PIECES[rng.below(PIECES.len())]),
            }
            t.push_str(SEPS[rng.below(SEPS.len())]);
        }
        // A quarter in lower case, an eighth in capitals.
        match rng.below(8) {
            0 | 1 => t = t.to_lowercase(),
            2 => t = t.to_uppercase(),
            _ => {}
        }
        for (s, name) in [(&with, "roster"), (&without, "plain")] {
            for lang in [Lang::De, Lang::Nl, Lang::En] {
                let once = s.scrub(&t, lang).text;
                let twice = s.scrub(&once, lang).text;
                if once != twice {
                    fails += 1;
                    let m = minimize(s, lang, &t);
                    if seen.insert((name, m.clone())) {
                        let once = s.scrub(&m, lang).text;
                        let twice = s.scrub(&once, lang).text;
                        let again = s.find(&once, lang);
                        let rules: Vec<&str> = again
                            .iter()
                            .filter(|f| !once[f.start..f.end].starts_with('['))
                            .map(|f| f.rule)
                            .collect();
                        println!(
                            "FAIL {name} {lang:?} {m:?}\n   1: {once:?}\n   2: {twice:?}\n   rules {rules:?}"
                        );
                    }
                }
            }
        }
    }
    println!("inputs {n} scrub-pairs {} failures {fails}", n * 6);
}
