//! German homes named after `Haus` (`im Haus Abendrot`, `ins Haus
//! Sonnenschein`, `vom Haus Elisabeth`): care homes, hospices and
//! residential groups, which tell where a patient lives.
//!
//! `Haus` is also the word for a house (`im Haus Treppen steigen`), so only
//! a capitalised word after `im`, `ins`, `vom` or `zum Haus` that fills its
//! phrase is taken: the phrase ends there, or a preposition or `und`
//! follows (`im Haus Abendrot in Bad Salzuflen`).

use super::Scan;
use crate::cand::{Cands, Words};
use crate::lexicon::{HOUSE, STOP};
use crate::token::{Case, Gap, Kind};
use crate::{Category, Lang};

/// Contractions of a preposition and an article before `Haus`.
const BEFORE: Words = Words::new(&["im", "ins", "vom", "zum"]);

/// Words that may follow the home's name in its phrase.
const AFTER: Words = Words::new(&[
    "in", "im", "am", "an", "bei", "nach", "seit", "und", "oder", "zu", "auf",
]);

/// Finds homes named after `Haus`.
pub(super) fn find(scan: &mut Scan<'_>) {
    if scan.lang != Lang::De || scan.doc.flags & HOUSE == 0 {
        return;
    }
    let houses = Cands::flagged(&scan.doc, HOUSE);
    for i in houses.iter() {
        let d = &scan.doc;
        let name = i + 1;
        if i == 0
            || d.toks[i].case == Case::Lower && d.cased
            || !d.is_word(i - 1)
            || !BEFORE.has(d.s(i - 1))
            || !d.is_word(name)
            || d.toks[name].gap != Gap::Space
            || d.toks[name].case == Case::Lower
            || d.has(name, STOP)
            || scan.claimed[name]
            || d.glued_after(name)
        {
            continue;
        }
        let fills = match d.toks.get(name + 1) {
            None => true,
            Some(t) if t.gap == Gap::Line => true,
            Some(t) if t.kind == Kind::Punct => matches!(t.ch, ',' | '.' | ';' | '!' | '?' | ')'),
            Some(t) => t.kind == Kind::Word && AFTER.has(d.s(name + 1)),
        };
        if fills && scan.free(i, name) {
            scan.push(i, name, Category::Institution, "institution.house");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::texts;
    use super::*;

    #[test]
    fn homes_named_after_haus() {
        assert_eq!(
            texts(
                "Meine Mutter ist im Haus Abendrot in Bad Salzuflen, bald ins Haus Sonnenschein.",
                Lang::De,
                find
            ),
            ["Haus Abendrot", "Haus Sonnenschein"]
        );
        for text in [
            "Im Haus Treppen steigen ist schwer.",
            "Ich war den ganzen Tag im Haus.",
            "Das Haus Nummer 5 ist alt.",
            "im Haus am See",
        ] {
            assert_eq!(texts(text, Lang::De, find), Vec::<String>::new(), "{text}");
        }
    }
}
