//! Names people give themselves or others by (`Ich heiße Winter`, `ik heet
//! De Wit`, `my name is john smith`, `Mein Sohn heißt Emre`): whatever
//! name-shaped words follow are the name, as after a title.

use super::{Ctx, take_name};
use crate::Category;
use crate::cand::Cands;
use crate::lexicon::INTRO;
use crate::patterns::Scan;

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
        // `heiße Winter`; `name is`, `Name ist`, `naam is` before the name.
        let j = if d.is_one_of(i, &["name", "naam"]) {
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
        if let Some(end) = take_name(scan, j, Ctx::Title) {
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
