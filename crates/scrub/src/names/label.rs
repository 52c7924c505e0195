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
use crate::cand::{Cands, Words, keep};
use crate::lexicon::{NAME, PARTICLE, TITLE};
use crate::patterns::Scan;
use crate::token::{Case, Gap, Kind, Tok};

/// Labels that ask for a name, or for a person whose name fills the field.
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
    // A person to contact, and the sender and recipient of a letter.
    "kontaktperson",
    "ansprechpartner",
    "ansprechpartnerin",
    "bezugsperson",
    "angehöriger",
    "angehörige",
    "betreuer",
    "betreuerin",
    "contactpersoon",
    "noodcontact",
    "noodcontactpersoon",
    "notfallkontakt",
    "notfallkontaktperson",
    "kin",
    "mantelzorger",
    "caregiver",
    "guardian",
    "absender",
    "empfänger",
    "afzender",
    "ontvanger",
    "sender",
    "recipient",
    "emergency",
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

/// Labels of other people's roles, and the header lines of a forwarded
/// e-mail: they may also head a note (`Patient: stabil.`).
const PERSON_LABELS: Words = Words::new(&[
    "patient",
    "patientin",
    "patiënt",
    "patiënte",
    "kontakt",
    "contact",
    "partner",
    "spouse",
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
    let sep = |t: &Tok| (t.kind == Kind::Punct) & ((t.ch == ':') | (t.ch == '|'));
    // Read off the punctuation the tokenizer noted where it is kept.
    let seps = match d.marks {
        Some(marks) => Cands::of_bits(d, keep(marks, |k| sep(&d.toks[k]))),
        None => Cands::of(d, sep),
    };
    for p in seps.iter() {
        let Some(asks) = label_before(scan, p) else {
            continue;
        };
        let d = &scan.doc;
        let j = p + 1;
        let opens = d.is_word(j) || scan.claimed.get(j).is_some_and(|&c| c);
        if !opens || d.toks[j].gap == Gap::Line || d.has(j, TITLE) {
            continue;
        }
        let ctx = match asks {
            Asks::Name => Ctx::Title,
            Asks::Role(_) => Ctx::TitleCased,
        };
        let end = match field_name(scan, j, asks) {
            Some(end) => end,
            None => {
                if scan.claimed[j] {
                    continue;
                }
                let Some(end) = take_name(scan, j, ctx) else {
                    continue;
                };
                if !fills_field(scan, end)
                    || asks != Asks::Name && !(j..=end).any(|k| d.has(k, NAME))
                {
                    continue;
                }
                end
            }
        };
        let category = match asks {
            Asks::Role(true) => Category::ClinicianName,
            _ => Category::OtherName,
        };
        scan.push(j, end, category, "name.context.label");
    }
}

/// The last word of a name that fills the field starting at word `j`
/// (`Dirk Wouterse`, `Rinus Tjon A Fong`, `O'Neill`, `Jan-Willem Boer`,
/// `van der Veen`), up to the end of the line or cell or a comma, bracket,
/// slash or final full stop: at most five words, hyphens, apostrophes and
/// the dots of initials between them, nothing else.
///
/// In a message with capitals every word has one, or is a particle after
/// the first. Without capitals every word is a lexicon name or particle,
/// but one word the lexicon does not know at all (`teun van wijk`). Words
/// another rule took (veiled by now) may stand in the field only if that
/// rule found a name. A role label needs one name the lexicon or another
/// rule knows; a name label does not.
fn field_name(scan: &Scan<'_>, j: usize, asks: Asks) -> Option<usize> {
    let d = &scan.doc;
    let (mut end, mut words, mut known, mut unknown) = (None, 0, 0, 0);
    let word_at = |k: usize| d.is_word(k) || scan.claimed.get(k).is_some_and(|&c| c);
    let mut k = j;
    while let Some(t) = d.toks.get(k) {
        if k > j && t.gap == Gap::Line {
            break;
        }
        // A word another rule took (veiled since): a name it found, or
        // something else that no name holds.
        if scan.claimed[k] {
            match claim_of(scan, k) {
                Some(category) if category.is_name() => known += 1,
                _ => return None,
            }
            end = Some(k);
            k += 1;
            continue;
        }
        match t.kind {
            Kind::Word => {
                let f = t.info.flags;
                let particle = f & PARTICLE != 0 && end.is_some();
                let shaped = if d.cased {
                    matches!(t.case, Case::Title | Case::Upper | Case::Other) || particle
                } else if f & NAME != 0 || particle {
                    true
                } else {
                    unknown += 1;
                    f == 0
                };
                if !shaped || words == 5 {
                    return None;
                }
                known += usize::from(f & NAME != 0);
                words += 1;
                end = Some(k);
            }
            Kind::Punct => match t.ch {
                '-' | '\'' | '’' if t.gap == Gap::None && word_at(k + 1) => {}
                // `in 't Veld`.
                '\'' | '’' if d.is_word(k + 1) && d.s(k + 1) == "t" => {}
                '.' if end == Some(k - 1) && (scan.claimed[k - 1] || d.chars(k - 1) == 1) => {}
                '.' => {
                    if d.toks.get(k + 1).is_some_and(|n| n.gap != Gap::Line) {
                        return None;
                    }
                    break;
                }
                ',' | ';' | '|' | '(' | '<' | '/' => break,
                _ => return None,
            },
            Kind::Num => return None,
        }
        k += 1;
    }
    let end = end?;
    let evidence = known > 0 || asks == Asks::Name && d.cased;
    (evidence && unknown <= 1).then_some(end)
}

/// The category of the finding another rule made over word `k`, if any.
fn claim_of(scan: &Scan<'_>, k: usize) -> Option<Category> {
    if !scan.claimed[k] {
        return None;
    }
    let start = scan.doc.toks[k].start;
    scan.out
        .iter()
        .rev()
        .find(|f| f.start <= start && start < f.end)
        .map(|f| f.category)
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
    fn whole_field_is_the_name() {
        for (text, lang, want) in [
            (
                "Contactpersoon: Dirk Wouterse\nMvg A. van Rijn",
                Lang::Nl,
                "Contactpersoon: [NAME]\n",
            ),
            (
                "Hier meine Angaben.\nKontaktperson: Ramona Liebe\nLG Liesel",
                Lang::De,
                "Kontaktperson: [NAME]\n",
            ),
            (
                "Emergency contact: Brendaa O'Neill\nThank you,",
                Lang::En,
                "contact: [NAME]\n",
            ),
            (
                "Zie mijn gegevens.\nNoodcontact | Rinus Tjon A Fong, 088-0920520",
                Lang::Nl,
                "Noodcontact | [NAME], [PHONE]",
            ),
            (
                "Ik ben er niet.\nContactpersoon: Jan-Willem Boer",
                Lang::Nl,
                "Contactpersoon: [NAME]",
            ),
            (
                "noodcontact | teun van wijk, 088-2356913",
                Lang::Nl,
                "noodcontact | [NAME], [PHONE]",
            ),
            (
                "PLEASE CALL.\nEMERGENCY CONTACT | SUSAN VAN BUREN, 401.555.0186",
                Lang::En,
                "CONTACT | [NAME], [PHONE]",
            ),
            (
                "from: dawn thompson <linda.thompson@comcast.net>",
                Lang::En,
                "from: [NAME] <[EMAIL]>",
            ),
        ] {
            let out = scrub(text, lang);
            assert!(out.contains(want), "{text} -> {out}");
        }
    }

    #[test]
    fn a_label_that_ends_the_text() {
        for text in [
            "Name:",
            "Ik ben Anna.\nContactpersoon |",
            "Von: Anna Koch\nAn:",
        ] {
            let _ = scrub(text, Lang::Nl);
        }
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
