//! The words of a text that is not ASCII, mapped onto its folded text, so
//! that the roster reads them as it reads the words of an ASCII text.

use super::{key_of, word_byte};
use crate::fold::{Folded, Rewrite};
use crate::token::{Doc, Kind, WordAt};

/// Fills `words` with the word tokens of `doc` as spans of `folded`, the
/// folded text of `doc`'s text, each with the key of its folded bytes.
/// Returns false (and `words` is of no use) unless these spans are exactly
/// the runs of word bytes of the folded text (see [`word_byte`]), the
/// words [`super::Roster::find`] reads: every char that folding rewrote
/// inside a word folds to word bytes, every other one to bytes that are not.
pub(super) fn map_words(folded: &Folded, doc: &Doc<'_>, words: &mut Vec<WordAt>) -> bool {
    words.clear();
    let text = folded.text.as_bytes();
    if u32::try_from(text.len()).is_err() || u32::try_from(doc.text.len()).is_err() {
        return false;
    }
    words.reserve(doc.toks.len());
    let rewrites = folded.rewrites();
    let only = |w: &Rewrite, word: bool| {
        text[w.folded.0 as usize..w.folded.1 as usize]
            .iter()
            .all(|&b| word_byte(b) == word)
    };
    // The folded offset minus the original one after rewrite `w`.
    let shift_after = |w: &Rewrite| i64::from(w.folded.1) - i64::from(w.original.1);
    let mut r = 0;
    // Where rewrite `r` starts in the original (past every word once
    // there is none).
    let mut next = rewrites.first().map_or(u32::MAX, |w| w.original.0);
    // The folded offset minus the original one before rewrite `r`.
    let mut shift = 0i64;
    // The next ASCII word, with the key the tokenizer took.
    let mut p = 0;
    for t in &doc.toks {
        if t.kind != Kind::Word {
            continue;
        }
        let (start, end) = (t.start as u32, t.end as u32);
        if end <= next {
            // No char of the word was rewritten: it is ASCII.
            let Some(a) = doc.words.get(p) else {
                return false;
            };
            p += 1;
            words.push(WordAt {
                start: (i64::from(start) + shift) as u32,
                end: (i64::from(end) + shift) as u32,
                key: a.key,
            });
            continue;
        }
        while let Some(w) = rewrites.get(r).filter(|w| w.original.1 <= start) {
            if !only(w, false) {
                return false;
            }
            shift = shift_after(w);
            r += 1;
        }
        let folded_start = (i64::from(start) + shift) as usize;
        while let Some(w) = rewrites.get(r).filter(|w| w.original.1 <= end) {
            if w.original.0 < start || !only(w, true) {
                return false;
            }
            shift = shift_after(w);
            r += 1;
        }
        next = rewrites.get(r).map_or(u32::MAX, |w| w.original.0);
        if next < end {
            return false;
        }
        let folded_end = (i64::from(end) + shift) as usize;
        // An ASCII word may have a rewritten char (a letter before a
        // char that starts like a combining mark): it is one of the
        // ASCII words all the same.
        if doc.words.get(p).is_some_and(|a| a.start == start) {
            p += 1;
        }
        words.push(WordAt {
            start: folded_start as u32,
            end: folded_end as u32,
            key: key_of(&text[folded_start..folded_end]),
        });
    }
    rewrites[r..].iter().all(|w| only(w, false))
}
