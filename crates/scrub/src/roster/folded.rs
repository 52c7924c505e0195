//! The words of a text that is not ASCII, mapped onto its folded text, so
//! that the roster reads them as it reads the words of an ASCII text; or,
//! where folding would change nothing the roster reads, read off the text
//! itself ([`Roster::find_unfolded`]).

use super::{HITS, Roster, key_of, word_byte};
use crate::Finding;
use crate::fold::{Folded, Rewrite, common_at};
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

impl Roster {
    /// [`Roster::find_folded`] of `doc`, a text that is not ASCII, read off
    /// its own bytes where folding would change nothing that matters:
    /// every char that is not ASCII is white space (which folds to a
    /// space) or one of the common chars (see [`common_at`]) that folds to
    /// letters inside a word and to no letters outside (so [`map_words`]
    /// would map the words), no word with such a char may begin a form,
    /// and the text from each word that may is ASCII as far as its forms
    /// reach (and two bytes on). The folded text differs from the text
    /// there only in ASCII case, which the roster ignores, and the words
    /// keep their offsets. Returns false, having added nothing,
    /// where that does not hold; then the text is to be folded.
    #[inline(never)]
    pub(crate) fn find_unfolded(&self, doc: &Doc<'_>, out: &mut Vec<Finding>) -> bool {
        let text = doc.text.as_bytes();
        if self.patterns.is_empty()
            || self.odd.is_some()
            // (Folded, the text takes at most twice its bytes; offsets are
            // `u32`.)
            || text.len() >= 1 << 31
            // Every char that is not ASCII is in a word, in a punctuation
            // token or white space (which folds to a space).
            || !doc.punct_apart
        {
            return false;
        }
        let words = &doc.words;
        // The folded bytes of a word that is not ASCII, and of the word
        // after it.
        let (mut folded, mut next_folded) = ([0u8; FOLDED_WORD], [0u8; FOLDED_WORD]);
        let mut hits = HITS.with(|h| h.take());
        hits.clear();
        for (k, w) in words.iter().enumerate() {
            let (start, end) = (w.start as usize, w.end as usize);
            // Words with a key are ASCII letters (see [`Doc::words`]).
            let ascii = w.key != 0;
            let word = if ascii {
                &text[start..end]
            } else {
                match fold_word(&text[start..end], &mut folded) {
                    Some(n) => &folded[..n],
                    None => {
                        HITS.with(|h| h.set(hits));
                        return false;
                    }
                }
            };
            let key = if ascii { w.key } else { key_of(word) };
            let whole = self.heads.may_key(key).then_some(key);
            let mut long = false;
            let second = |first| {
                words.get(k + 1).map_or(0, |n| {
                    let bytes = &text[n.start as usize..n.end as usize];
                    let (next, key) = if n.key != 0 {
                        (bytes, n.key)
                    } else if let Some(n) = fold_word(bytes, &mut next_folded) {
                        (&next_folded[..n], key_of(&next_folded[..n]))
                    } else {
                        long = true;
                        return 0;
                    };
                    let mut lengths = self.heads.pair_lengths(first, key);
                    if next.len() >= 2 && next[next.len() - 1] | 0x20 == b's' {
                        lengths |= self
                            .heads
                            .pair_lengths(first, key_of(&next[..next.len() - 1]));
                    }
                    lengths
                })
            };
            let lengths = self.lengths_at(word, whole, second);
            if lengths == 0 && !long {
                continue;
            }
            // Forms of 64 bytes or more, or that may reach a char that is
            // not ASCII: the folded text is needed.
            let reach = || (start + (63 - lengths.leading_zeros() as usize) + 2).min(text.len());
            if long || !ascii || lengths & 1 != 0 || !text[start..reach()].is_ascii() {
                HITS.with(|h| h.set(hits));
                return false;
            }
            self.forms_at(text, start, lengths, &mut hits);
        }
        self.finish(text, hits, out, |start, end| (start, end));
        true
    }
}

/// The most bytes [`fold_word`] folds a word to.
const FOLDED_WORD: usize = 96;

/// Folds `word` into `out` and returns how many bytes it takes; None if
/// they do not fit, or a char of it that is not ASCII is not a common one
/// (see [`common_at`]) that folds to word bytes (see [`word_byte`]).
fn fold_word(word: &[u8], out: &mut [u8; FOLDED_WORD]) -> Option<usize> {
    let mut n = 0;
    let mut at = 0;
    while at < word.len() {
        let b = word[at];
        if b < 0x80 {
            *out.get_mut(n)? = b.to_ascii_lowercase();
            n += 1;
            at += 1;
            continue;
        }
        let (len, fold) = common_at(word, at)?;
        let folded = &fold.bytes[..usize::from(fold.len)];
        if !folded.iter().all(|&b| word_byte(b)) {
            return None;
        }
        out.get_mut(n..n + folded.len())?.copy_from_slice(folded);
        n += folded.len();
        at += len;
    }
    Some(n)
}
