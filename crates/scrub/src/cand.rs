//! Candidate tokens: the positions of the tokens a detector may start at.
//!
//! Most detectors look at only a few kinds of token (numbers, capitalised
//! words the lexicon does not know, words with a given lexicon flag). A
//! loop over every token with a test per token spends its time on branches
//! that go one way or the other at random; [`Cands::of`] instead sets one
//! bit per token that fits, without a branch, so the detector then visits
//! only the tokens that fit, in order. The bits of a message of up to 128
//! tokens are kept in the [`Cands`] itself, so most messages need no
//! buffer at all.

use crate::lexicon;
use crate::token::{CAPITAL, Case, Doc, Kind, LONG_CAPITAL, Tok};

/// Tokens a [`Cands`] holds without a buffer.
const INLINE: usize = 128;

/// The positions of the tokens that fit a test: bit `k % 64` of word
/// `k / 64` for token `k`, in `inline` for messages of up to [`INLINE`]
/// tokens and in `longer` for longer ones.
pub(crate) struct Cands {
    inline: [u64; INLINE / 64],
    /// How many words of `inline` the message's tokens take.
    used: usize,
    longer: Vec<u64>,
}

impl Cands {
    /// The positions of the tokens of `doc` for which `fits` holds. `fits`
    /// should test with `&` and `|` rather than `&&` and `||`, so that it
    /// does not branch either.
    #[inline]
    pub fn of(doc: &Doc<'_>, fits: impl Fn(&Tok) -> bool) -> Cands {
        Cands::of_at(doc, |_, t| fits(t))
    }

    /// [`Cands::of`] with a test that also sees the token's position (to
    /// read its neighbours or its text).
    #[inline]
    pub fn of_at(doc: &Doc<'_>, fits: impl Fn(usize, &Tok) -> bool) -> Cands {
        let used = doc.toks.len().div_ceil(64);
        let mut cands = Cands {
            inline: [0; INLINE / 64],
            used,
            longer: Vec::new(),
        };
        let words = if doc.toks.len() <= INLINE {
            &mut cands.inline[..used]
        } else {
            cands.longer.resize(used, 0);
            &mut cands.longer[..]
        };
        for (w, (word, chunk)) in words.iter_mut().zip(doc.toks.chunks(64)).enumerate() {
            // From the last token to the first, each bit shifted in at the
            // bottom: a shift by one and an or per token, where setting
            // bit `j` would take a shift by a variable count.
            let mut bits = 0;
            for (j, t) in chunk.iter().enumerate().rev() {
                bits = bits << 1 | u64::from(fits(w * 64 + j, t));
            }
            *word = bits;
        }
        cands
    }

    /// The positions of the bits set in `bits` (bit `k` for token `k`),
    /// for a message of `doc`'s tokens, [`INLINE`] at most.
    pub fn of_bits(doc: &Doc<'_>, bits: u128) -> Cands {
        debug_assert!(doc.toks.len() <= INLINE);
        Cands {
            inline: [bits as u64, (bits >> 64) as u64],
            used: doc.toks.len().div_ceil(64),
            longer: Vec::new(),
        }
    }

    /// The positions of the tokens of `doc` with a flag of `mask` (some of
    /// [`lexicon::SPARSE`] or of [`lexicon::FREQUENT`]): read off
    /// [`Doc::sparse`] or [`Doc::frequent`] where it is kept, each word's
    /// flags tested as they stand.
    #[inline]
    pub fn flagged(doc: &Doc<'_>, mask: u64) -> Cands {
        let noted = if mask & !lexicon::SPARSE == 0 {
            doc.sparse
        } else {
            debug_assert_eq!(mask & !lexicon::FREQUENT, 0);
            doc.frequent
        };
        let Some(sparse) = noted else {
            return Cands::of(doc, |t| t.info.flags & mask != 0);
        };
        let bits = keep(sparse, |k| doc.toks[k].info.flags & mask != 0);
        Cands::of_bits(doc, bits)
    }

    /// The positions of the words of `doc` of `min_len` bytes or more (at
    /// least [`CAPITAL`]) not in lower case, and of those with a flag of
    /// `mask` (some of [`lexicon::SPARSE`], or none): read off
    /// [`Doc::long_capitals`] (or [`Doc::capitals`] for fewer than
    /// [`LONG_CAPITAL`] bytes) and [`Doc::sparse`] where they are kept, each
    /// token tested as it stands.
    #[inline]
    pub fn long_capitals(doc: &Doc<'_>, min_len: usize, mask: u64) -> Cands {
        debug_assert!(min_len >= CAPITAL);
        debug_assert_eq!(mask & !lexicon::SPARSE, 0);
        let long = if min_len >= LONG_CAPITAL {
            doc.long_capitals
        } else {
            doc.capitals
        };
        let (Some(long), Some(sparse)) = (long, doc.sparse) else {
            return Cands::of(doc, |t| {
                (t.kind == Kind::Word)
                    & ((t.info.flags & mask != 0)
                        | ((t.end - t.start >= min_len) & (t.case != Case::Lower)))
            });
        };
        let mut bits = keep(long, |k| {
            let t = &doc.toks[k];
            (t.kind == Kind::Word) & (t.end - t.start >= min_len) & (t.case != Case::Lower)
        });
        if mask != 0 {
            bits |= keep(sparse, |k| doc.toks[k].info.flags & mask != 0);
        }
        Cands::of_bits(doc, bits)
    }

    /// The positions of the number tokens of `doc` and of the words of
    /// [`Doc::r_words`] (as they stand), from the bits where they are kept.
    #[inline]
    pub fn nums_and_r_words(doc: &Doc<'_>) -> Cands {
        let (Some(nums), Some(words)) = (doc.nums, doc.r_words) else {
            let text = doc.text.as_bytes();
            return Cands::of(doc, |t| {
                let ends_in_r = text[t.end - 1] | 0x20 == b'r';
                (t.kind == Kind::Num)
                    | ((t.kind == Kind::Word) & (t.end - t.start >= 6) & ends_in_r)
            });
        };
        let bits = nums | keep(words, |k| doc.toks[k].kind == Kind::Word);
        Cands::of_bits(doc, bits)
    }

    /// The positions of the number tokens of `doc`, from [`Doc::nums`]
    /// where it is kept.
    pub fn nums(doc: &Doc<'_>) -> Cands {
        match doc.nums {
            Some(bits) => Cands::of_bits(doc, bits),
            None => Cands::of(doc, |t| t.kind == Kind::Num),
        }
    }

    /// No positions yet, for a message of `doc`'s tokens: a detector whose
    /// candidates are neighbours of other tokens sets them with
    /// [`Cands::insert`].
    pub fn none(doc: &Doc<'_>) -> Cands {
        let used = doc.toks.len().div_ceil(64);
        Cands {
            inline: [0; INLINE / 64],
            used,
            longer: if doc.toks.len() <= INLINE {
                Vec::new()
            } else {
                vec![0; used]
            },
        }
    }

    /// Adds position `k` (a token of the message).
    pub fn insert(&mut self, k: usize) {
        let words = if self.longer.is_empty() {
            &mut self.inline[..self.used]
        } else {
            &mut self.longer[..]
        };
        words[k / 64] |= 1 << (k % 64);
    }

    /// The positions, ascending.
    pub fn iter(&self) -> Positions<'_> {
        // Only the words the tokens take: most messages have up to 64
        // tokens, so the positions end with the first word.
        let words = if self.longer.is_empty() {
            &self.inline[..self.used]
        } else {
            &self.longer[..]
        };
        Positions {
            words,
            word: 0,
            bits: words.first().copied().unwrap_or(0),
        }
    }

    /// How many positions there are.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// Whether there are none.
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The bits of `bits` (bit `k` for token `k`) whose token `fits`, read a
/// 64-bit half at a time (most messages have no second half).
#[inline(always)]
pub(crate) fn keep(bits: u128, fits: impl Fn(usize) -> bool) -> u128 {
    let mut kept = [0u64; 2];
    for (half, out) in kept.iter_mut().enumerate() {
        let mut b = (bits >> (64 * half)) as u64;
        while b != 0 {
            let j = b.trailing_zeros() as usize;
            *out |= u64::from(fits(64 * half + j)) << j;
            b &= b - 1;
        }
    }
    u128::from(kept[0]) | u128::from(kept[1]) << 64
}

/// The positions of a [`Cands`], ascending.
pub(crate) struct Positions<'a> {
    /// The bits.
    words: &'a [u64],
    /// The word being read.
    word: usize,
    /// Its bits not yet read.
    bits: u64,
}

impl Iterator for Positions<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.bits == 0 {
            self.word += 1;
            self.bits = *self.words.get(self.word)?;
        }
        let j = self.bits.trailing_zeros() as usize;
        self.bits &= self.bits - 1;
        Some(self.word * 64 + j)
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
    /// Per length (as in `first`): the words of that length, bit `k` for
    /// `list[k]`, so that a token is compared only with words as long.
    by_len: [u64; 16],
}

impl Words {
    /// The list `list`.
    pub const fn new(list: &'static [&'static str]) -> Words {
        assert!(list.len() <= 64, "a word list has at most 64 words");
        let mut first = [0u32; 16];
        let mut by_len = [0u64; 16];
        let mut k = 0;
        while k < list.len() {
            let w = list[k].as_bytes();
            let n = if w.len() < 15 { w.len() } else { 15 };
            by_len[n] |= 1 << k;
            if w.is_empty() {
                // Only the comparison can tell an empty word.
                first = [u32::MAX; 16];
            } else {
                first[n] |= 1 << ((w[0] | 0x20) & 31);
            }
            k += 1;
        }
        Words {
            list,
            first,
            by_len,
        }
    }

    /// The words.
    pub const fn list(&self) -> &'static [&'static str] {
        self.list
    }

    /// Whether `w` is one of the words, ASCII case ignored.
    #[inline]
    pub fn has(&self, w: &str) -> bool {
        let b = w.as_bytes();
        if !self.may_be(b.len(), b.first().copied().unwrap_or(0)) {
            return false;
        }
        // Only the words as long (or, from 15 bytes, as long or longer).
        let mut same = self.by_len[b.len().min(15)];
        while same != 0 {
            if self.list[same.trailing_zeros() as usize].eq_ignore_ascii_case(w) {
                return true;
            }
            same &= same - 1;
        }
        false
    }

    /// Whether a word of `len` bytes that starts with the byte `first` may
    /// be one of the words (false: it is none of them), without a branch.
    #[inline]
    pub fn may_be(&self, len: usize, first: u8) -> bool {
        self.first[len.min(15)] & (1 << ((first | 0x20) & 31)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::Kind;

    #[test]
    fn positions_set_one_by_one_come_back_ascending() {
        for n in [1, 5, 64, 65, 128, 129, 300] {
            let text = vec!["a"; n].join(" ");
            let doc = Doc::new(&text);
            assert_eq!(doc.len(), n);
            let mut cands = Cands::none(&doc);
            assert!(cands.is_empty());
            let set: Vec<usize> = [n - 1, 0, n / 2, 63.min(n - 1), n / 2]
                .into_iter()
                .collect();
            for &k in &set {
                cands.insert(k);
            }
            let mut expected = set.clone();
            expected.sort_unstable();
            expected.dedup();
            assert_eq!(cands.iter().collect::<Vec<_>>(), expected, "{n}");
        }
    }

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
        for w in ["am", "Zum", "x", "unter"] {
            let b = w.as_bytes();
            assert!(LIST.may_be(b.len(), b[0]) || !LIST.has(w));
        }
        assert!(Words::new(&[""]).has(""));
        assert!(!Words::new(&[]).has("a"));
    }

    #[test]
    fn flagged_and_long_capitals_read_off_the_doc_as_a_pass_would() {
        use crate::lexicon::{FIRST, INST_POST, SIGNOFF, SURNAME, TITLE, WITH};
        let long = "Mit freundlichen Grüßen, Ihre Hausarztpraxis Dr. Müller im \
                    Marienkrankenhaus, SONNENSTRASSE 12, Herzzentrum, Kundennummer KUNDENNR ";
        for n in [1, 10] {
            let text = long.repeat(n);
            let mut doc = Doc::new(&text);
            let check = |doc: &Doc<'_>| {
                for mask in [SIGNOFF, SURNAME | WITH, INST_POST, FIRST | TITLE] {
                    let pass = Cands::of(doc, |t| t.info.flags & mask != 0);
                    let read = Cands::flagged(doc, mask);
                    assert!(pass.iter().eq(read.iter()), "{mask:x}");
                    if mask == FIRST | TITLE {
                        continue;
                    }
                    for min_len in [6, 7, 9, 10] {
                        let pass = Cands::of(doc, |t| {
                            (t.kind == Kind::Word)
                                & ((t.info.flags & mask != 0)
                                    | ((t.end - t.start >= min_len) & (t.case != Case::Lower)))
                        });
                        let read = Cands::long_capitals(doc, min_len, mask);
                        assert!(pass.iter().eq(read.iter()), "{mask:x} {min_len}");
                    }
                }
            };
            check(&doc);
            let text = doc.text.as_bytes();
            let pass = Cands::of(&doc, |t| {
                let ends_in_r = text[t.end - 1] | 0x20 == b'r';
                (t.kind == Kind::Num)
                    | ((t.kind == Kind::Word) & (t.end - t.start >= 6) & ends_in_r)
            });
            assert!(pass.iter().eq(Cands::nums_and_r_words(&doc).iter()));
            assert!(!pass.is_empty());
            // A veiled token (made punctuation, without flags) no longer fits.
            for t in &mut doc.toks {
                t.kind = Kind::Punct;
                t.case = Case::Other;
                t.info = crate::lexicon::Info::NONE;
            }
            check(&doc);
        }
    }

    #[test]
    fn the_tokens_that_fit_in_order() {
        let doc = Doc::new("Am 12.3. rief Frau Müller an, Tel 030 123.");
        let nums = Cands::of(&doc, |t| t.kind == Kind::Num);
        let expected: Vec<usize> = (0..doc.len())
            .filter(|&k| doc.toks[k].kind == Kind::Num)
            .collect();
        assert_eq!(nums.iter().collect::<Vec<_>>(), expected);
        assert_eq!(nums.len(), 4);
        // Nested and repeated use, as detectors do.
        let words = Cands::of(&doc, |t| t.kind == Kind::Word);
        drop(nums);
        let again = Cands::of(&doc, |t| t.kind == Kind::Num);
        assert_eq!(again.len(), 4);
        assert_eq!(words.len(), 6);
        assert!(Cands::of(&doc, |_| false).is_empty());
    }

    #[test]
    fn messages_of_every_length() {
        for n in [0, 1, 63, 64, 65, 127, 128, 129, 200, 640] {
            let text = "a 1 ".repeat(n / 2) + if n % 2 == 1 { "b" } else { "" };
            let doc = Doc::new(&text);
            assert_eq!(doc.len(), n);
            for fits in [
                &(|t: &Tok| t.kind == Kind::Word) as &dyn Fn(&Tok) -> bool,
                &|t: &Tok| t.kind == Kind::Num,
                &|_: &Tok| true,
                &|_: &Tok| false,
            ] {
                let expected: Vec<usize> = (0..n).filter(|&k| fits(&doc.toks[k])).collect();
                let got: Vec<usize> = Cands::of(&doc, fits).iter().collect();
                assert_eq!(got, expected, "{n} tokens");
            }
        }
    }
}
