//! What a [`Doc`] knows about a message as a whole, gathered while it is
//! cut into tokens: its case, its numbers and the token bits it keeps.

use super::{CAPITAL, Case, LONG_CAPITAL, Tok};
#[cfg(doc)]
use super::{Doc, UNFLAGGED_TOKENS};
use crate::lexicon;

/// What [`Doc`] knows about a message as a whole, gathered while it is
/// cut into tokens.
pub(super) struct Stats {
    /// Whether every byte is ASCII.
    pub(super) ascii: bool,
    /// The cases of the stable function words (see [`Stats::word`]), bit
    /// `case as u8` for each case seen, and those of the German nouns
    /// [`NOUN_CASES`] bits up.
    pub(super) stop_cases: u8,
    /// Whether any token is a number.
    pub(super) has_num: bool,
    /// The digit counts of the numbers, one bit each.
    pub(super) num_lens: u32,
    /// The union of the lexicon flags of all words.
    pub(super) flags: u64,
    /// Whether any word of six bytes or more is not in lower case.
    pub(super) long_capital: bool,
    /// Whether some `.` has a letter or a byte that is not ASCII after it.
    pub(super) dot_letter: bool,
    /// Whether some `.` comes right after `www` or `WWW`.
    pub(super) www_dot: bool,
    /// Whether a word of one or two bytes is glued to a number after it.
    pub(super) short_word_num: bool,
    /// [`Doc::punct_apart`].
    pub(super) punct_apart: bool,
    /// The ASCII punctuation chars, one bit each.
    pub(super) punct: u128,
    /// [`Doc::unflagged`], bit `k % 64` of word `k / 64 % 2` for token `k`
    /// (of no use past [`UNFLAGGED_TOKENS`] tokens).
    pub(super) unflagged: [u64; 2],
    /// [`Doc::nums`], in the same way.
    pub(super) nums: [u64; 2],
    /// [`Doc::sparse`], in the same way.
    pub(super) sparse: [u64; 2],
    /// [`Doc::long_capitals`], in the same way.
    pub(super) long_capitals: [u64; 2],
    /// [`Doc::capitals`], in the same way.
    pub(super) capitals: [u64; 2],
    /// [`Doc::r_words`], in the same way.
    pub(super) r_words: [u64; 2],
    /// [`Doc::frequent`], in the same way.
    pub(super) frequent: [u64; 2],
    /// [`Doc::marks`], in the same way.
    pub(super) marks: [u64; 2],
}

impl Default for Stats {
    fn default() -> Stats {
        Stats {
            ascii: true,
            stop_cases: 0,
            has_num: false,
            num_lens: 0,
            flags: 0,
            long_capital: false,
            dot_letter: false,
            www_dot: false,
            short_word_num: false,
            punct_apart: true,
            punct: 0,
            unflagged: [0; 2],
            nums: [0; 2],
            sparse: [0; 2],
            long_capitals: [0; 2],
            capitals: [0; 2],
            r_words: [0; 2],
            frequent: [0; 2],
            marks: [0; 2],
        }
    }
}

impl Stats {
    /// Takes word token `t`, token `k` of the text, into account. Case
    /// carries information when
    /// the message has function words both capitalised (a sentence start)
    /// and in lower case: not in messages typed all in lower case, nor in
    /// shouted ones. A greeting counts as a function word (`Hallo, ik ben
    /// ...` shows case). Only function words that are never protected count,
    /// so a scrubbed message keeps the mode of its original. `bytes` are
    /// the text's.
    #[inline]
    pub(super) fn word(&mut self, t: &Tok, k: usize, bytes: &[u8]) {
        self.flags |= t.info.flags;
        self.unflagged[k / 64 % 2] |= u64::from(t.info.flags & !lexicon::NAME == 0) << (k % 64);
        // Most words are short or in lower case: one branch for both.
        let len = t.end - t.start;
        if len >= CAPITAL && t.case != Case::Lower {
            self.long_capital = true;
            self.capitals[k / 64 % 2] |= 1 << (k % 64);
            if len >= LONG_CAPITAL {
                self.long_capitals[k / 64 % 2] |= 1 << (k % 64);
            }
        }
        if len >= 6 && bytes[t.end - 1] | 0x20 == b'r' {
            self.r_words[k / 64 % 2] |= 1 << (k % 64);
        }
        // Few words have such a flag: a branch costs less than a shift.
        if t.info.flags & lexicon::SPARSE != 0 {
            self.sparse[k / 64 % 2] |= 1 << (k % 64);
        }
        if t.info.flags & lexicon::FREQUENT != 0 {
            self.frequent[k / 64 % 2] |= 1 << (k % 64);
        }
        if t.info.flags & MARKS != 0 {
            self.marks[k / 64 % 2] |= 1 << (k % 64);
        }
        let stable = t.info.flags & (lexicon::STOP | lexicon::GREETING) != 0
            && t.info.flags
                & (lexicon::NAME
                    | lexicon::CITY
                    | lexicon::MONTH
                    | lexicon::PARTICLE
                    | lexicon::TITLE)
                == 0;
        // A stable function word in its case, and a German noun in its
        // case four bits up (see [`Stats::cased`]), with one shift.
        let noun = u8::from(t.info.flags & lexicon::NOUN != 0) << NOUN_CASES;
        self.stop_cases |= (u8::from(stable) | noun) << (t.case as u8);
    }

    /// Whether letter case carries information (see [`Stats::word`]):
    /// some stable function word is capitalised and some is in lower case,
    /// or, in German typed with sentences starting in lower case, some
    /// listed noun ([`lexicon::NOUN`]) is capitalised, none is in lower
    /// case and some stable function word is.
    pub(super) fn cased(&self) -> bool {
        let lower = 1 << Case::Lower as u8;
        let both = 1 << Case::Title as u8 | lower;
        let nouns = self.stop_cases >> NOUN_CASES & both;
        self.stop_cases & both == both || self.stop_cases & lower != 0 && nouns == both ^ lower
    }

    /// Whether some stable function word is in lower case and listed
    /// German nouns are in both cases (see [`Doc::nouns_mixed`]).
    pub(super) fn nouns_mixed(&self) -> bool {
        let lower = 1 << Case::Lower as u8;
        let both = 1 << Case::Title as u8 | lower;
        self.stop_cases & lower != 0 && self.stop_cases >> NOUN_CASES & both == both
    }
}

/// The flags of the words [`Doc::marks`] notes: where a town may start
/// ([`lexicon::CITY`], [`lexicon::MULTI`]), `at` and `from`
/// ([`lexicon::DESK`]) and months ([`lexicon::MONTH`]).
pub(super) const MARKS: u64 = lexicon::CITY | lexicon::MULTI | lexicon::DESK | lexicon::MONTH;

/// The punctuation [`Doc::marks`] notes: where a label ends (`:`, `|`) or
/// a phone number may start (`+`, `(`).
pub(super) const MARK_CHARS: [u8; 4] = [b':', b'|', b'+', b'('];

/// Whether a byte is one of [`MARK_CHARS`], by the byte (one load, no
/// comparison per char).
pub(super) static IS_MARK: [bool; 256] = {
    let mut table = [false; 256];
    let mut k = 0;
    while k < MARK_CHARS.len() {
        table[MARK_CHARS[k] as usize] = true;
        k += 1;
    }
    table
};

/// Where [`Stats::stop_cases`] keeps the cases of [`lexicon::NOUN`] words.
const NOUN_CASES: u8 = 4;
