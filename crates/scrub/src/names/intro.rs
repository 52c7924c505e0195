//! Names people give themselves or others by (`Ich heiße Winter`, `ik heet
//! De Wit`, `my name is john smith`, `Mein Sohn heißt Emre`): whatever
//! name-shaped words follow are the name, as after a title. And the name
//! of a person one deals with after a copula (`Mijn contactpersoon daar is
//! Sevda.`, `My case manager is Shaniqua Jefferson.`).

use super::{Ctx, take_name};
use crate::cand::{Cands, Words};
use crate::fold::{Umlauts, fold_pattern};
use crate::lexicon::{INTRO, NAME, is_common_word};
use crate::patterns::Scan;
use crate::token::{Gap, Kind};
use crate::{Category, Lang};

/// The [`INTRO`] words for a person one deals with: their name follows a
/// copula, not the word itself.
const ROLES: Words = Words::new(&[
    "contactpersoon",
    "ansprechpartner",
    "ansprechpartnerin",
    "kontaktperson",
    "bezugsbetreuer",
    "bezugsbetreuerin",
    "bezugsperson",
    "betreuer",
    "betreuerin",
    "begeleider",
    "begeleidster",
    "mantelzorger",
    "caregiver",
    "casemanager",
    "manager",
]);

/// Words that may stand between a role and its copula.
const ROLE_ADVERBS: Words = Words::new(&[
    "daar", "hier", "nu", "nog", "dort", "jetzt", "noch", "there", "here", "now", "still",
]);

/// Copulas between a role and the name.
const COPULAS: Words = Words::new(&["is", "ist", "was", "war", "wordt", "wird"]);

/// After role word `i` (see [`ROLES`]), the word where the name starts: one
/// adverb at most, then a copula. Only in a message with capitals.
fn after_role(scan: &Scan<'_>, i: usize) -> Option<usize> {
    let d = &scan.doc;
    if !d.cased {
        return None;
    }
    let mut c = i + 1;
    if d.is_word(c) && ROLE_ADVERBS.has(d.s(c)) {
        c += 1;
    }
    (d.is_word(c) && COPULAS.has(d.s(c))).then_some(c + 1)
}

/// Whether the name `j..=end` after a role and copula is one: its first
/// word a name of the lexicon, or in Dutch and English a word it does not
/// know at all (German capitalises every noun: `Mein Betreuer ist
/// Rechtsanwalt`), and the clause ends after it.
fn role_name(scan: &Scan<'_>, j: usize, end: usize) -> bool {
    let d = &scan.doc;
    let f = d.toks[j].info.flags;
    let unknown =
        scan.lang != Lang::De && f == 0 && !is_common_word(&fold_pattern(d.s(j), Umlauts::Spelled));
    let named = f & NAME != 0 || unknown;
    let ends = d.toks.get(end + 1).is_none_or(|t| {
        t.gap == Gap::Line || t.kind == Kind::Punct && matches!(t.ch, '.' | ',' | '!' | ';' | '(')
    });
    named && ends
}

/// Finds names after `heiße`, `heet`, `name is`, `Name ist`, `naam is`.
pub(super) fn introduced_names(scan: &mut Scan<'_>) {
    if scan.doc.flags & INTRO == 0 {
        return;
    }
    let cands = Cands::flagged(&scan.doc, INTRO);
    for i in cands.iter() {
        let d = &scan.doc;
        if scan.claimed[i] || !d.is_word(i) {
            continue;
        }
        // `heiße Winter`; `name is`, `Name ist`, `naam is` before the name;
        // `contactpersoon is`, `Betreuer ist`.
        let role = ROLES.has(d.s(i));
        let j = if role {
            match after_role(scan, i) {
                Some(j) => j,
                None => continue,
            }
        } else if d.is_one_of(i, &["name", "naam"]) {
            if d.is_word(i + 1) && d.is_one_of(i + 1, &["is", "ist"]) {
                i + 2
            } else {
                continue;
            }
        } else {
            i + 1
        };
        if !d.is_word(j) || scan.claimed[j] {
            continue;
        }
        let ctx = if role { Ctx::TitleCased } else { Ctx::Title };
        if let Some(end) = take_name(scan, j, ctx)
            && (!role || role_name(scan, j, end))
        {
            scan.push(j, end, Category::OtherName, "name.context.intro");
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
    fn names_people_give() {
        assert_eq!(
            scrub("Ich heiße Winter und wohne in der Nähe.", Lang::De),
            "Ich heiße [NAME] und wohne in der Nähe."
        );
        assert_eq!(
            scrub("Mein Sohn heißt Emre und ist acht.", Lang::De),
            "Mein Sohn heißt [NAME] und ist acht."
        );
        assert_eq!(
            scrub(
                "hello, my name is wanda kowalczyk and i need a refill",
                Lang::En
            ),
            "hello, my name is [NAME] and i need a refill"
        );
        assert_eq!(
            scrub(
                "Goedemorgen, mijn naam is Bloem en ik bel over mijn moeder.",
                Lang::Nl
            ),
            "Goedemorgen, mijn naam is [NAME] en ik bel over mijn moeder."
        );
    }

    #[test]
    fn names_after_a_role_and_a_copula() {
        assert_eq!(
            scrub(
                "Mijn contactpersoon daar is Sevda. Ze belt morgen.",
                Lang::Nl
            ),
            "Mijn contactpersoon daar is [NAME]. Ze belt morgen."
        );
        assert_eq!(
            scrub("Mein Bezugsbetreuer ist Torsten.", Lang::De),
            "Mein Bezugsbetreuer ist [NAME]."
        );
        assert_eq!(
            scrub(
                "My case manager is Shaniqua Jefferson, she said to write.",
                Lang::En
            ),
            "My case manager is [NAME], she said to write."
        );
        for (text, lang) in [
            ("Mein Betreuer ist Rechtsanwalt. Er ist nett.", Lang::De),
            ("Mein Betreuer ist krank, die Vertretung kommt.", Lang::De),
            ("Meine Ansprechpartnerin ist Stationsleitung.", Lang::De),
            ("The manager is Available on Monday.", Lang::En),
            ("De begeleider is Nieuw hier en ik ken hem niet.", Lang::Nl),
        ] {
            assert_eq!(scrub(text, lang), text);
        }
    }

    #[test]
    fn other_uses_of_the_words_stay() {
        for (text, lang) in [
            ("Wie heißt das Medikament?", Lang::De),
            ("The name is on the bottle.", Lang::En),
            ("Hoe heet dat medicijn?", Lang::Nl),
        ] {
            assert_eq!(scrub(text, lang), text);
        }
    }
}
