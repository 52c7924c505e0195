//! The words of a text that is not ASCII, mapped onto its folded text, so
//! that the roster reads them as it reads the words of an ASCII text.

use super::{key_of, word_byte};
use crate::fold::{Folded, Rewrite};
use crate::token::{Doc, WordAt};

/// Fills `words` with the words of `doc` (see [`Doc::words`]) as spans of
/// `folded`, the folded text of `doc`'s text, each with the key of its
/// folded bytes. Returns false (and `words` is of no use) unless these
/// spans are exactly the runs of word bytes of the folded text (see
/// [`word_byte`]), the words [`super::Roster::find`] reads: every char that
/// folding rewrote inside a word folds to word bytes, every other one to
/// bytes that are not, and no word starts inside a rewritten char (at a
/// combining mark that is a letter, `𐶎\u{11c92}`).
///
/// A word without a rewritten char is ASCII and keeps the key the
/// tokenizer took; it is shifted by what the rewrites before it changed.
/// The words and the rewrites are read once, in order.
#[inline(never)]
pub(super) fn map_words(folded: &Folded, doc: &Doc<'_>, words: &mut Vec<WordAt>) -> bool {
    words.clear();
    let text = folded.text.as_bytes();
    if u32::try_from(text.len()).is_err() || u32::try_from(doc.text.len()).is_err() {
        return false;
    }
    let rewrites = folded.rewrites();
    words.reserve(doc.words.len());
    let only = |w: &Rewrite, word: bool| {
        text[w.folded.0 as usize..w.folded.1 as usize]
            .iter()
            .all(|&b| word_byte(b) == word)
    };
    // The folded offset minus the original one after rewrite `w` (modulo
    // 2^32: offsets are below it).
    let shift_after = |w: &Rewrite| w.folded.1.wrapping_sub(w.original.1);
    let mut r = 0;
    let mut shift = 0u32;
    // Where rewrite `r` starts (past every word once there is none).
    let mut next = rewrites.first().map_or(u32::MAX, |w| w.original.0);
    for a in &doc.words {
        if a.end <= next {
            words.push(WordAt {
                start: a.start.wrapping_add(shift),
                end: a.end.wrapping_add(shift),
                key: a.key,
            });
            continue;
        }
        // Rewrites before the word, then inside it.
        while let Some(w) = rewrites.get(r).filter(|w| w.original.0 < a.start) {
            if w.original.1 > a.start || !only(w, false) {
                return false;
            }
            shift = shift_after(w);
            r += 1;
        }
        let start = a.start.wrapping_add(shift);
        while let Some(w) = rewrites.get(r).filter(|w| w.original.0 < a.end) {
            if w.original.1 > a.end || !only(w, true) {
                return false;
            }
            shift = shift_after(w);
            r += 1;
        }
        next = rewrites.get(r).map_or(u32::MAX, |w| w.original.0);
        let end = a.end.wrapping_add(shift);
        words.push(WordAt {
            start,
            end,
            key: key_of(&text[start as usize..end as usize]),
        });
    }
    rewrites[r..].iter().all(|w| only(w, false))
}
