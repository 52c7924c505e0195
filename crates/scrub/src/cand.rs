//! Candidate tokens: the positions of the tokens a detector may start at.
//!
//! Most detectors look at only a few kinds of token (numbers, capitalised
//! words the lexicon does not know, words with a given lexicon flag). A
//! loop over every token with a test per token spends its time on branches
//! that go one way or the other at random; [`Cands::of`] instead writes the
//! position of every token and advances past it only when the token fits,
//! without a branch, so the detector then visits only the tokens that fit,
//! in order. The buffers are kept per thread and reused.

use std::cell::RefCell;
use std::ops::Deref;

use crate::token::{Doc, Tok};

thread_local! {
    /// Spare position buffers, so candidates allocate nothing once warm.
    static POOL: RefCell<Vec<Vec<u32>>> = const { RefCell::new(Vec::new()) };
}

/// The positions of the tokens that fit a test, ascending: the first
/// `.1` entries of the buffer (which is only ever grown, so it needs no
/// clearing).
pub(crate) struct Cands(Vec<u32>, usize);

impl Cands {
    /// The positions of the tokens of `doc` for which `fits` holds. `fits`
    /// should test with `&` and `|` rather than `&&` and `||`, so that it
    /// does not branch either.
    #[inline]
    pub fn of(doc: &Doc<'_>, fits: impl Fn(&Tok) -> bool) -> Cands {
        let mut buf = POOL
            .with(|p| p.try_borrow_mut().ok().and_then(|mut p| p.pop()))
            .unwrap_or_default();
        if buf.len() < doc.toks.len() {
            buf.resize(doc.toks.len(), 0);
        }
        let mut m = 0;
        for (k, t) in doc.toks.iter().enumerate() {
            buf[m] = k as u32;
            m += usize::from(fits(t));
        }
        Cands(buf, m)
    }
}

impl Deref for Cands {
    type Target = [u32];
    fn deref(&self) -> &[u32] {
        &self.0[..self.1]
    }
}

impl Drop for Cands {
    fn drop(&mut self) {
        let buf = std::mem::take(&mut self.0);
        POOL.with(|p| {
            if let Ok(mut p) = p.try_borrow_mut()
                && p.len() < 8
            {
                p.push(buf);
            }
        });
    }
}

/// A fixed list of words that a token is tested against, ASCII case
/// ignored (as [`Doc::is_one_of`] does): most tokens are turned away by the
/// length and the first letter of the listed words before any is compared.
pub(crate) struct Words {
    /// The words.
    list: &'static [&'static str],
    /// Per length (15 for 15 bytes or more): the first bytes of the words
    /// of that length, one bit each for the low five bits of the byte with
    /// its ASCII case bit set (a byte and its other case share the bit).
    first: [u32; 16],
}

impl Words {
    /// The list `list`.
    pub const fn new(list: &'static [&'static str]) -> Words {
        let mut first = [0u32; 16];
        let mut k = 0;
        while k < list.len() {
            let w = list[k].as_bytes();
            if w.is_empty() {
                // Only the comparison can tell an empty word.
                first = [u32::MAX; 16];
            } else {
                let n = if w.len() < 15 { w.len() } else { 15 };
                first[n] |= 1 << ((w[0] | 0x20) & 31);
            }
            k += 1;
        }
        Words { list, first }
    }

    /// The words.
    pub const fn list(&self) -> &'static [&'static str] {
        self.list
    }

    /// Whether `w` is one of the words, ASCII case ignored.
    #[inline]
    pub fn has(&self, w: &str) -> bool {
        let b = w.as_bytes();
        let c = b.first().map_or(0, |&c| (c | 0x20) & 31);
        self.first[b.len().min(15)] & (1 << c) != 0
            && self.list.iter().any(|x| x.eq_ignore_ascii_case(w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::Kind;

    #[test]
    fn words_in_any_ascii_case() {
        const LIST: Words =
            Words::new(&["van", "von", "'t", "de", "dipl.-psych.", "rechtsanwältin"]);
        let list = LIST.list();
        for w in [
            "van",
            "VAN",
            "Von",
            "'t",
            "'T",
            "de",
            "DE",
            "Dipl.-Psych.",
            "rechtsanwältin",
            "RECHTSANWäLTIN",
            "vom",
            "da",
            "",
            "d",
            "ven",
            "xan",
            "rechtsanwÄltin",
            "über",
        ] {
            let expected = list.iter().any(|x| x.eq_ignore_ascii_case(w));
            assert_eq!(LIST.has(w), expected, "{w:?}");
        }
        assert!(Words::new(&[""]).has(""));
        assert!(!Words::new(&[]).has("a"));
    }

    #[test]
    fn the_tokens_that_fit_in_order() {
        let doc = Doc::new("Am 12.3. rief Frau Müller an, Tel 030 123.");
        let nums = Cands::of(&doc, |t| t.kind == Kind::Num);
        let expected: Vec<u32> = (0..doc.len() as u32)
            .filter(|&k| doc.toks[k as usize].kind == Kind::Num)
            .collect();
        assert_eq!(&nums[..], &expected[..]);
        assert_eq!(nums.len(), 4);
        // Nested and repeated use, as detectors do.
        let words = Cands::of(&doc, |t| t.kind == Kind::Word);
        drop(nums);
        let again = Cands::of(&doc, |t| t.kind == Kind::Num);
        assert_eq!(again.len(), 4);
        assert_eq!(words.len(), 6);
        assert!(Cands::of(&doc, |_| false).is_empty());
    }
}
