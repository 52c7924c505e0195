//! A given name no list knows before a lexicon surname: inside a Dutch or
//! English sentence its capital marks it (`I asked Precious Jackson`), see
//! [`unknown_first_before`]. At a sentence start (`Precious Jackson from
//! scheduling will call`, `Tjitske Jansen belt u morgen`) every word has a
//! capital, and the word may be a verb (`Ask Jackson to call`, `Thank
//! Jackson`) or an adverb (`Hopefully Jackson ...`). So there it counts
//! only when the lexicon and the ordinary-word lists do not know it, it is
//! no `-ly` adverb, and the pair is the subject of a verb right after it,
//! or after a desk (`from scheduling`, `van de planning`): an imperative's
//! object is followed by its own verb rarely in that form (`Let Jackson
//! know`).

use crate::Lang;
use crate::cand::Words;
use crate::fold::{Umlauts, fold_pattern};
use crate::lexicon::is_common_word;
use crate::patterns::Scan;
use crate::token::{Case, Gap};

/// Verbs in the third person that follow a subject, Dutch and English.
const SUBJECT_VERBS: Words = Words::new(&[
    "will", "would", "can", "could", "should", "must", "is", "was", "has", "had", "does", "did",
    "called", "calls", "said", "says", "told", "asked", "came", "wants", "needs", "phoned", "rang",
    "wrote", "sent", "heeft", "zal", "zou", "kan", "kon", "wil", "wilde", "moet", "moest", "belt",
    "belde", "komt", "kwam", "zegt", "zei", "gaat", "ging", "stuurt", "stuurde",
]);

/// Words that open a desk after a name (`from scheduling`, `at the front
/// desk`, `van de planning`, `bij de balie`).
const DESK_WORDS: Words = Words::new(&["from", "at", "van", "bij"]);

/// Most lower-case words of a desk after [`DESK_WORDS`].
const DESK_LEN: usize = 3;

/// The start of a surname's name at token `i`, with the given name before
/// it that no list knows (`I asked Precious Jackson`, `bij Tjitske van den
/// Heuvel`): in a Dutch or English message with capitals, a capitalised
/// word that the lexicon has no flag for and that starts no sentence, on
/// the same line, or a subject's at a sentence start (the name ends at
/// `end`, see [`subject_first`]). German capitalises every noun, so not there.
pub(super) fn unknown_first_before(scan: &Scan<'_>, i: usize, end: usize) -> usize {
    let d = &scan.doc;
    let p = i.wrapping_sub(1);
    let first = i > 0
        && scan.lang != Lang::De
        && d.cased
        && d.toks[i].gap == Gap::Space
        && d.is_word(p)
        && !scan.claimed[p]
        && d.toks[p].case == Case::Title
        && d.toks[p].info.flags == 0
        && d.chars(p) >= 3
        && !d.glued_before(p)
        && (!d.sentence_start(p) || subject_first(scan, p, end));
    if first { p } else { i }
}

/// Whether the capitalised word `p` that starts a sentence, before a
/// lexicon surname that ends at token `end`, is the given name of a
/// subject (see the module).
pub(super) fn subject_first(scan: &Scan<'_>, p: usize, end: usize) -> bool {
    let d = &scan.doc;
    let s = d.s(p);
    if s.len() < 3 || s.ends_with("ly") || is_common_word(&fold_pattern(s, Umlauts::Spelled)) {
        return false;
    }
    let word = |k: usize| d.is_word(k) && d.toks[k].gap == Gap::Space && !scan.claimed[k];
    let mut k = end + 1;
    if word(k) && DESK_WORDS.has(d.s(k)) {
        let desk = k;
        while k - desk < DESK_LEN && word(k + 1) && d.toks[k + 1].case == Case::Lower {
            k += 1;
            if SUBJECT_VERBS.has(d.s(k)) {
                return k > desk + 1;
            }
        }
        k += 1;
    }
    word(k) && d.toks[k].case == Case::Lower && SUBJECT_VERBS.has(d.s(k))
}

#[cfg(test)]
mod tests {
    use crate::{Lang, Scrubber};

    fn scrub(text: &str, lang: Lang) -> String {
        Scrubber::default().scrub(text, lang).text
    }

    #[test]
    fn unknown_first_names_start_sentences_before_a_verb() {
        assert_eq!(
            scrub(
                "Thanks. Precious Jackson from scheduling will call you.",
                Lang::En
            ),
            "Thanks. [NAME] from scheduling will call you."
        );
        assert_eq!(
            scrub("Ok. Precious Jackson called me today.", Lang::En),
            "Ok. [NAME] called me today."
        );
        assert_eq!(
            scrub("Dank u. Tjitske Jansen belt u morgen.", Lang::Nl),
            "Dank u. [NAME] belt u morgen."
        );
        assert_eq!(
            scrub("Dank u. Tjitske Jansen van de planning belt u.", Lang::Nl),
            "Dank u. [NAME] van de planning belt u."
        );
    }

    #[test]
    fn verbs_and_adverbs_at_a_sentence_start_stay() {
        for (text, expected) in [
            ("Thank Jackson for me.", "Thank [NAME] for me."),
            ("Please call Jackson.", "Please call [NAME]."),
            ("Ask Jackson to call me.", "Ask [NAME] to call me."),
            ("Let Jackson know.", "Let [NAME] know."),
            (
                "Hopefully Jackson will call.",
                "Hopefully [NAME] will call.",
            ),
            ("Tell Jackson is fine.", "Tell [NAME] is fine."),
        ] {
            assert_eq!(scrub(text, Lang::En), expected, "{text}");
        }
    }
}
