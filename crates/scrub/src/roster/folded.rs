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
///
/// The words without a rewritten char are the ASCII words of `doc`, with
/// their keys; they are shifted by what the rewrites before them changed.
/// The others are found from the rewrites, the tokens and the rewrites
/// both read once, in order.
#[inline(never)]
pub(super) fn map_words(folded: &Folded, doc: &Doc<'_>, words: &mut Vec<WordAt>) -> bool {
    words.clear();
    let text = folded.text.as_bytes();
    if u32::try_from(text.len()).is_err() || u32::try_from(doc.text.len()).is_err() {
        return false;
    }
    let rewrites = folded.rewrites();
    words.reserve(doc.words.len() + rewrites.len());
    let only = |w: &Rewrite, word: bool| {
        text[w.folded.0 as usize..w.folded.1 as usize]
            .iter()
            .all(|&b| word_byte(b) == word)
    };
    // The folded offset minus the original one after rewrite `w` (modulo
    // 2^32: offsets are below it).
    let shift_after = |w: &Rewrite| w.folded.1.wrapping_sub(w.original.1);
    let (ascii, toks) = (&doc.words[..], &doc.toks[..]);
    // The next ASCII word, and the shift of the words before the next rewrite.
    let (mut p, mut shift) = (0, 0u32);
    let flush = |words: &mut Vec<WordAt>, p: &mut usize, before: u32, shift: u32| {
        let rest = &ascii[*p..];
        let n = rest.iter().take_while(|a| a.start < before).count();
        words.extend(rest[..n].iter().map(|a| WordAt {
            start: a.start.wrapping_add(shift),
            end: a.end.wrapping_add(shift),
            key: a.key,
        }));
        *p += n;
    };
    // The first token that ends after the rewrite at hand starts.
    let mut k = 0;
    let mut r = 0;
    while let Some(w) = rewrites.get(r) {
        let at = w.original.0;
        while toks.get(k).is_some_and(|t| t.end as u32 <= at) {
            k += 1;
        }
        // The token the rewritten char starts in, if any (white space
        // is in none).
        let word = toks
            .get(k)
            .filter(|t| t.kind == Kind::Word && t.start as u32 <= at);
        let Some(t) = word else {
            // Outside words; but a word may start inside it, at a
            // combining mark that is a letter (`𐶎\u{11c92}`).
            let starts_inside = toks[k..]
                .iter()
                .take_while(|t| (t.start as u32) < w.original.1)
                .any(|t| t.kind == Kind::Word && t.start as u32 > at);
            if starts_inside || !only(w, false) {
                return false;
            }
            flush(words, &mut p, at, shift);
            shift = shift_after(w);
            r += 1;
            continue;
        };
        let (start, end) = (t.start as u32, t.end as u32);
        flush(words, &mut p, start, shift);
        let folded_start = start.wrapping_add(shift);
        while let Some(w) = rewrites.get(r).filter(|w| w.original.0 < end) {
            if w.original.0 < start || w.original.1 > end || !only(w, true) {
                return false;
            }
            shift = shift_after(w);
            r += 1;
        }
        let folded_end = end.wrapping_add(shift);
        // An ASCII word may have a rewritten char (a letter before a
        // char that starts like a combining mark): its key is taken
        // here with the others.
        if ascii.get(p).is_some_and(|a| a.start == start) {
            p += 1;
        }
        words.push(WordAt {
            start: folded_start,
            end: folded_end,
            key: key_of(&text[folded_start as usize..folded_end as usize]),
        });
    }
    flush(words, &mut p, u32::MAX, shift);
    true
}
