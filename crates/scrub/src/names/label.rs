//! Names in the fields of a form or the cells of a table row (`Naam: Smit`,
//! `Hausarzt: Koch`, `Emergency contact | Will Baker`, `Von: Anna Koch
//! <...>`): a label at the start of a line or cell, a colon or bar, and a
//! name that fills the field.
//!
//! A label that asks for a name (`Name`, `Naam`, `Nachname`) makes the
//! words after it the name, as a title does. A label that names a role
//! (`Patient`, `Huisarts`, `Contact`) may also head a note (`Patient:
//! stabil.`), so after it the field must hold a name the lexicon knows.
//! Either way the name must fill the field: it ends the line, the cell, or
//! stands before a comma or bracket.

use super::{Ctx, take_name};
use crate::Category;
use crate::cand::{Cands, Words};
use crate::lexicon::{NAME, TITLE};
use crate::patterns::Scan;
use crate::token::{Gap, Kind};

/// Labels that ask for a name.
const NAME_LABELS: Words = Words::new(&[
    "name",
    "naam",
    "vorname",
    "nachname",
    "familienname",
    "geburtsname",
    "patientenname",
    "voornaam",
    "achternaam",
    "roepnaam",
    "meisjesnaam",
    "geboortenaam",
    "patiëntnaam",
    "surname",
    "firstname",
    "lastname",
    "fullname",
]);

/// Labels of a clinician's role.
const CLINICIAN_LABELS: Words = Words::new(&[
    "arzt",
    "ärztin",
    "hausarzt",
    "hausärztin",
    "facharzt",
    "fachärztin",
    "behandler",
    "behandlerin",
    "therapeut",
    "therapeutin",
    "psychiater",
    "psychiaterin",
    "psychologe",
    "psychologin",
    "arts",
    "huisarts",
    "behandelaar",
    "psycholoog",
    "specialist",
    "verwijzer",
    "physician",
    "doctor",
    "provider",
    "pcp",
    "gp",
    "clinician",
    "therapist",
    "nurse",
    "verpleegkundige",
    "pflegekraft",
]);

/// Labels of other people's roles, and the sender and recipient lines of
/// a forwarded e-mail.
const PERSON_LABELS: Words = Words::new(&[
    "patient",
    "patientin",
    "patiënt",
    "patiënte",
    "kontakt",
    "kontaktperson",
    "ansprechpartner",
    "ansprechpartnerin",
    "bezugsperson",
    "angehöriger",
    "angehörige",
    "betreuer",
    "betreuerin",
    "contact",
    "contactpersoon",
    "mantelzorger",
    "partner",
    "caregiver",
    "guardian",
    "spouse",
    "absender",
    "empfänger",
    "afzender",
    "ontvanger",
    "sender",
    "recipient",
    "from",
    "to",
    "cc",
    "von",
    "an",
    "van",
    "aan",
]);

/// What a label asks for.
#[derive(Clone, Copy, PartialEq)]
enum Asks {
    /// A name (`Name:`).
    Name,
    /// A person in a role (`Patient:`), a clinician when `true`.
    Role(bool),
}

/// Finds names in labelled fields.
pub(super) fn labelled_names(scan: &mut Scan<'_>) {
    let d = &scan.doc;
    if !d.has_punct(b':') && !d.has_punct(b'|') {
        return;
    }
    let seps = Cands::of(&scan.doc, |t| {
        (t.kind == Kind::Punct) & ((t.ch == ':') | (t.ch == '|'))
    });
    for p in seps.iter() {
        let Some(asks) = label_before(scan, p) else {
            continue;
        };
        let d = &scan.doc;
        let j = p + 1;
        if !d.is_word(j) || d.toks[j].gap == Gap::Line || scan.claimed[j] || d.has(j, TITLE) {
            continue;
        }
        let ctx = match asks {
            Asks::Name => Ctx::Title,
            Asks::Role(_) => Ctx::TitleCased,
        };
        let Some(end) = take_name(scan, j, ctx) else {
            continue;
        };
        if !fills_field(scan, end) || asks != Asks::Name && !(j..=end).any(|k| d.has(k, NAME)) {
            continue;
        }
        let category = match asks {
            Asks::Role(true) => Category::ClinicianName,
            _ => Category::OtherName,
        };
        scan.push(j, end, category, "name.context.label");
    }
}

/// What the label of one to three words before the separator at `p` asks
/// for, if they start a line or a cell.
fn label_before(scan: &Scan<'_>, p: usize) -> Option<Asks> {
    let d = &scan.doc;
    let mut asks = None;
    let mut k = p;
    while k > 0 && p - k < 3 {
        k -= 1;
        if !d.is_word(k) {
            return None;
        }
        let w = d.s(k);
        let this = if NAME_LABELS.has(w) {
            Some(Asks::Name)
        } else if CLINICIAN_LABELS.has(w) {
            Some(Asks::Role(true))
        } else if PERSON_LABELS.has(w) {
            Some(Asks::Role(false))
        } else {
            None
        };
        // Several label words: a clinician's role wins (`Naam huisarts`
        // asks for a clinician, whose name the lexicon must know), then a
        // name (`Name of patient`).
        asks = match (asks, this) {
            (None, t) | (t, None) => t,
            (Some(Asks::Role(true)), Some(_)) | (Some(_), Some(Asks::Role(true))) => {
                Some(Asks::Role(true))
            }
            (Some(Asks::Name), _) | (_, Some(Asks::Name)) => Some(Asks::Name),
            (a, Some(_)) => a,
        };
        let starts = k == 0 || d.toks[k].gap == Gap::Line || d.is_punct(k - 1, '|');
        if starts {
            return asks;
        }
    }
    None
}

/// Whether the name ending at `end` fills its field: the line, the cell or
/// the text ends, or a comma, semicolon, bracket or full stop follows.
fn fills_field(scan: &Scan<'_>, end: usize) -> bool {
    let d = &scan.doc;
    match d.toks.get(end + 1) {
        None => true,
        Some(t) => {
            t.gap == Gap::Line
                || t.kind == Kind::Punct && matches!(t.ch, ',' | ';' | '|' | '(' | '<' | '.' | '/')
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Lang, Scrubber};

    fn scrub(text: &str, lang: Lang) -> String {
        Scrubber::default().scrub(text, lang).text
    }

    #[test]
    fn names_in_labelled_fields() {
        assert_eq!(
            scrub("Naam | Smit\nHuisarts: Bakker\nDatum: morgen", Lang::Nl),
            "Naam | [NAME]\nHuisarts: [CLINICIAN]\nDatum: morgen"
        );
        assert_eq!(
            scrub(
                "Nachname: Winter\nHausarzt: Koch, Praxis am Markt",
                Lang::De
            ),
            "Nachname: [NAME]\nHausarzt: [CLINICIAN], Praxis am Markt"
        );
        assert_eq!(
            scrub("Emergency contact | Will Baker\nPatient | stable", Lang::En),
            "Emergency contact | [NAME]\nPatient | stable"
        );
    }

    #[test]
    fn notes_after_role_labels_stay() {
        for (text, lang) in [
            ("Patient: stabil. Befund: Schmerzen im Knie.", Lang::De),
            ("Patient: Schmerzen seit drei Tagen.", Lang::De),
            ("Patiënt: Stabiel, geen klachten.", Lang::Nl),
            ("Contact: Front Desk", Lang::En),
            ("Von: heute an weniger Tabletten", Lang::De),
        ] {
            let out = scrub(text, lang);
            assert!(!out.contains("[NAME]"), "{text} -> {out}");
        }
    }
}
