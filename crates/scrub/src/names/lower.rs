//! Names typed in lower case that context marks without capitals: a
//! relative's surname (`onze buurvrouw emma hazelhoff doet`), an unknown
//! first name where the verb would stand (`mijn dochter hester meelezen?`),
//! and the verb endings that tell the verb from the name.

use super::Scan;
use crate::Lang;
use crate::fold::{Umlauts, fold_pattern};
use crate::lexicon::{FIRST, NOUN, STOP, is_common_word};
use crate::token::{Case, Doc, Gap, Kind};

/// German and Dutch words that may follow `meine Tochter` and are no verb
/// by their ending: irregular past forms and adverbs the stop-word lists lack.
const NOT_NAMES_AFTER_RELATIVE: &[&str] = &[
    "kam", "ging", "fiel", "lag", "sah", "nahm", "blieb", "gab", "rief", "saß", "sass", "stand",
    "lief", "fuhr", "schlief", "aß", "trank", "bekam", "bald", "oft", "selbst", "allein", "kwam",
    "viel", "zag", "nam", "bleef", "gaf", "riep", "zat", "stond", "liep", "reed", "sliep", "dronk",
    "kreeg", "zei", "straks", "vaak", "zelf",
];

/// Whether the lower-case word `k` right after a relative with a possessive
/// is an unknown first name (`mijn dochter hester meelezen?`): German or
/// Dutch, put where the verb would stand, without a verb's ending, and
/// followed by a verb, a function word or the end of the phrase.
pub(super) fn lower_unknown_name(scan: &Scan<'_>, k: usize) -> bool {
    let d = &scan.doc;
    let w = d.s(k);
    let lower = w.to_lowercase();
    matches!(scan.lang, Lang::De | Lang::Nl)
        && w.chars().count() >= 3
        && d.toks[k].info.flags == 0
        && !verb_like(&lower, scan.lang)
        && !NOT_NAMES_AFTER_RELATIVE.contains(&lower.as_str())
        && match d.toks.get(k + 1) {
            None => true,
            Some(t) if t.gap == Gap::Line => true,
            Some(t) if t.kind == Kind::Punct => matches!(t.ch, ',' | '.' | '!' | '?' | ';' | ')'),
            Some(t) => {
                t.kind == Kind::Word
                    && t.case == Case::Lower
                    && (t.info.flags & STOP != 0 || verb_like(d.s(k + 1), scan.lang))
            }
        }
}

/// Whether a lower-case word has the ending of a finite verb or participle
/// of `lang` (`meint`, `meelezen`, `wants`, `called`): after a name written in
/// lower case, such a word is the verb, anything else the surname.
pub(crate) fn verb_like(word: &str, lang: Lang) -> bool {
    let endings: &[&str] = match lang {
        Lang::De => &["t", "en", "te", "st", "ern", "eln"],
        Lang::Nl => &["t", "en", "de", "te"],
        Lang::En => &["s", "ed", "ing"],
    };
    endings.iter().any(|e| word.ends_with(e))
}

/// The end of a relative's name that ends at its first name `j` (`onze
/// buurvrouw emma hazelhoff doet`): in a message without capitals, a word
/// of four letters or more that no list knows, right after the first name,
/// is the surname, unless it has the ending of a verb ([`verb_like`]:
/// `emma slaapt`, `anna kauft`, `emma works`).
pub(super) fn lower_surname_after(scan: &Scan<'_>, j: usize, end: usize) -> usize {
    let d = &scan.doc;
    let k = end + 1;
    if d.cased
        || end != j
        || !d.has(j, FIRST)
        || !d.is_word(k)
        || d.toks[k].gap != Gap::Space
        || scan.claimed[k]
        || d.toks[k].info.flags != 0
        || d.chars(k) < 4
        || d.glued_after(k)
    {
        return end;
    }
    if verb_like(&d.s(k).to_lowercase(), scan.lang) {
        end
    } else {
        k
    }
}

/// Whether word `k` is a listed German noun or an ordinary word of any of
/// the three languages (`Bescheid`, `Rezept`): no surname the lexicon
/// lacks (`Anna Koch Bescheid,`).
pub(super) fn listed_word(d: &Doc<'_>, k: usize) -> bool {
    d.has(k, NOUN) || is_common_word(&fold_pattern(d.s(k), Umlauts::Spelled))
}
