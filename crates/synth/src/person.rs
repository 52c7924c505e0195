//! People of a synthetic export and the ways their names are written in
//! messages: as they are, in lower case, misspelled, as initials, hyphenated.

use crate::data::Lists;
use crate::rng::Rng;

/// A person with a given name and a surname (particles included, e.g.
/// `van den Berg`).
#[derive(Debug, Clone)]
pub struct Person {
    /// Given name (may be hyphenated).
    pub first: String,
    /// Surname (may carry particles or be hyphenated).
    pub last: String,
    /// True for women (decides Frau/Herr, mevrouw/meneer, Ms./Mr.).
    pub female: bool,
}

impl Person {
    /// A random person from a language's lists; now and then with a double
    /// surname, and with the given sex if one is asked for.
    pub fn random(lists: &Lists, rng: &mut Rng, female: Option<bool>) -> Person {
        let first = loop {
            let f = rng.pick(&lists.first);
            if female.is_none_or(|want| want == f.female) {
                break *f;
            }
        };
        let mut last = rng.pick(&lists.surnames).to_string();
        if rng.chance(0.05) && !last.contains('-') && !last.contains(' ') {
            let other = rng.pick(&lists.surnames);
            if !other.contains(' ') && !other.contains('-') && *other != last {
                last.push('-');
                last.push_str(other);
            }
        }
        Person {
            first: first.name.to_string(),
            last,
            female: first.female,
        }
    }

    /// `First Last`.
    pub fn full(&self) -> String {
        let mut s = String::with_capacity(self.first.len() + self.last.len() + 1);
        s.push_str(&self.first);
        s.push(' ');
        s.push_str(&self.last);
        s
    }

    /// The first letter of the given name followed by a dot (`A.`; for
    /// hyphenated names `A.-L.`).
    pub fn initial(&self) -> String {
        let mut s = String::new();
        for (i, part) in self.first.split('-').enumerate() {
            if i > 0 {
                s.push('-');
            }
            if let Some(c) = part.chars().next() {
                s.push(c);
                s.push('.');
            }
        }
        s
    }

    /// Initials of given name and the main part of the surname, no dots (`AK`).
    pub fn monogram(&self) -> String {
        let mut s = String::new();
        if let Some(c) = self.first.chars().next() {
            s.push(c);
        }
        if let Some(c) = main_surname(&self.last).chars().next() {
            s.push(c);
        }
        s
    }
}

/// Surnames that are ordinary words, given to the first patients of every
/// export so that even a small fixture holds them.
pub fn hard_surname(lang: &str, index: u64) -> Option<&'static str> {
    let list: &[&str] = match lang {
        "de" => &["Koch", "Bauer", "Wolf", "Fröhlich", "Ruhe", "Sommer"],
        "nl" => &[
            "Bakker",
            "de Vries",
            "Visser",
            "van den Berg",
            "Koning",
            "de Groot",
        ],
        _ => &["Brown", "May", "Hope", "Love", "Frost", "Will"],
    };
    list.get(index as usize).copied()
}

/// Relation index 2 is the wife and 3 the husband in every language's
/// relation list; most spouses are of the other sex than the patient.
pub fn spouse_for(relation: usize, patient_female: bool, rng: &mut Rng) -> usize {
    if (relation == 2 || relation == 3) && rng.chance(0.9) {
        if patient_female { 3 } else { 2 }
    } else {
        relation
    }
}

/// The surname without leading lower-case particles (`van den Berg` -> `Berg`).
pub fn main_surname(last: &str) -> &str {
    let mut rest = last;
    while let Some((head, tail)) = rest.split_once(' ') {
        if head.chars().next().is_some_and(char::is_lowercase) || head == "'t" {
            rest = tail;
        } else {
            break;
        }
    }
    rest
}

/// A surname as written without the given name: the first particle takes a
/// capital (`van den Berg` -> `Van den Berg`).
pub fn surname_alone(last: &str) -> String {
    let mut chars = last.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => last.to_string(),
    }
}

/// How a name is written in one mention.
pub fn variant(rng: &mut Rng, name: &str) -> String {
    let roll = rng.below(100);
    if roll < 6 {
        name.to_lowercase()
    } else if roll < 11 {
        misspell(rng, name)
    } else {
        name.to_string()
    }
}

/// The name with one typing slip: two letters swapped, one dropped or one
/// doubled (never the first letter).
pub fn misspell(rng: &mut Rng, name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let letters: Vec<usize> = (1..chars.len())
        .filter(|&i| chars[i].is_alphabetic() && chars[i - 1].is_alphabetic())
        .collect();
    if letters.len() < 3 {
        return name.to_string();
    }
    let i = *rng.pick(&letters);
    let mut out = chars.clone();
    match rng.below(3) {
        0 if i + 1 < chars.len() && chars[i + 1].is_alphabetic() && chars[i] != chars[i + 1] => {
            out.swap(i, i + 1)
        }
        1 => {
            out.remove(i);
        }
        _ => out.insert(i, chars[i]),
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_are_skipped_for_the_main_surname() {
        assert_eq!(main_surname("van den Berg"), "Berg");
        assert_eq!(main_surname("in 't Veld"), "Veld");
        assert_eq!(main_surname("Koch"), "Koch");
        assert_eq!(main_surname("Van Buren"), "Van Buren");
        assert_eq!(surname_alone("van den Berg"), "Van den Berg");
        assert_eq!(surname_alone("'t Hart"), "'t Hart");
        assert_eq!(surname_alone("Bakker"), "Bakker");
    }

    #[test]
    fn misspelling_changes_one_letter_position() {
        let mut rng = Rng::new(3, 0);
        let mut changed = 0;
        for _ in 0..50 {
            let m = misspell(&mut rng, "Schneider");
            assert!((8..=10).contains(&m.chars().count()));
            assert!(m.starts_with('S'));
            if m != "Schneider" {
                changed += 1;
            }
        }
        assert!(changed > 40);
    }

    #[test]
    fn initials_and_monograms() {
        let p = Person {
            first: "Anna-Lena".into(),
            last: "van der Meer".into(),
            female: true,
        };
        assert_eq!(p.initial(), "A.-L.");
        assert_eq!(p.monogram(), "AM");
    }
}
