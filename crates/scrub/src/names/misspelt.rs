//! Misspelt first names: a capitalised word the lexicon does not know,
//! one typing error away from a first name of the message's language,
//! where a name stands (`Merrle Simon`, `Kaffee mit Dtlef, Sonne`).

use crate::Category;
use crate::cand::{Cands, Words};
use crate::lexicon::{DETERMINER, PSURNAME, STOP, SURNAME, WITH};
use crate::patterns::Scan;
use crate::token::{Case, Gap, Kind};

/// Words after which a name may stand alone before a comma (`Kaffee mit
/// Dtlef, Sonne`).
pub(super) const WITH_WORDS: Words = Words::new(&["mit", "und", "met", "en", "with", "and"]);

/// A capitalised word the lexicon does not know, one typing error away
/// from a first name of five letters or more of the message's language,
/// where a name stands: before a known surname (`Merrle Simon`) or after
/// `mit`/`met`/`with` before a comma or the end (`Kaffee mit Dtlef,`).
pub(super) fn misspelt_first_names(scan: &mut Scan<'_>) {
    // Before a surname or after a word such as `mit`: without either in
    // the message there is nothing to look for.
    if !scan.doc.cased || scan.doc.flags & (SURNAME | PSURNAME | WITH) == 0 {
        return;
    }
    // Five chars take five bytes or more.
    // The word stands before a surname or after a word of company: the
    // tokens next to those are tried, and next to the surnames that rules
    // before this one found (read as they were).
    let n = scan.doc.len();
    let anchors = Cands::flagged(&scan.doc, SURNAME | PSURNAME | WITH);
    let mut tried = Cands::none(&scan.doc);
    for a in anchors.iter() {
        let f = scan.doc.toks[a].info.flags;
        if f & (SURNAME | PSURNAME) != 0 && a > 0 {
            tried.insert(a - 1);
        }
        if f & WITH != 0 && a + 1 < n {
            tried.insert(a + 1);
        }
    }
    for &(a, t) in &scan.veiled {
        if t.info.flags & (SURNAME | PSURNAME) != 0 && a > 0 {
            tried.insert(a - 1);
        }
    }
    for k in tried.iter().filter(|&k| k > 0) {
        let d = &scan.doc;
        let t = d.toks[k];
        if scan.claimed[k]
            || t.kind != Kind::Word
            || t.case != Case::Title
            || t.info.flags != 0
            || d.glued_before(k)
            || d.glued_after(k)
            || d.chars(k) < 5
        {
            continue;
        }
        // Before a surname, not after an article (`der Kabine Müller`).
        // The surname may be found already: it is read as it was.
        let next = (k + 1 < scan.doc.len()).then(|| scan.original(k + 1));
        let before_name = next.is_some_and(|n| {
            n.gap == Gap::Space
                && n.info.flags & (SURNAME | PSURNAME) != 0
                && n.info.flags & STOP == 0
                && n.case == Case::Title
        }) && !d.has(k - 1, DETERMINER);
        let after_with = d.is_word(k - 1)
            && WITH_WORDS.has(d.s(k - 1))
            && (d.toks.get(k + 1).is_none_or(|n| n.gap == Gap::Line)
                || d.is_punct(k + 1, ',')
                || d.is_punct(k + 1, '.'));
        if !(before_name || after_with) {
            continue;
        }
        let word: Vec<char> = d.s(k).to_lowercase().chars().collect();
        let close = crate::lexicon::long_first_names(scan.lang)
            .iter()
            .any(|f| crate::fuzzy::within_one(&word, f));
        if close {
            let end = if before_name && !scan.claimed[k + 1] {
                k + 1
            } else {
                k
            };
            scan.push(k, end, Category::OtherName, "name.lexicon.misspelt");
        }
    }
}
