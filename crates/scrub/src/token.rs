//! One pass that cuts a message into tokens and looks every word up once.
//!
//! Detectors work on this token stream instead of running their own regexes
//! over the text: a word is a maximal run of letters, a number a maximal run
//! of ASCII digits, anything else that is not white space is a one-char
//! punctuation token. Each token remembers the white space before it, its
//! letter case and what the lexicon knows about it.

use std::cell::RefCell;

use crate::lexicon::{self, Info};

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters.
    Word,
    /// ASCII digits.
    Num,
    /// One other char.
    Punct,
}

/// The letter case of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Case {
    /// `anna`.
    Lower,
    /// `Anna`.
    Title,
    /// `ANNA` (two letters or more).
    Upper,
    /// `McDonald`, `iPhone`, or not a word.
    Other,
}

/// White space between a token and the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Gap {
    /// The tokens touch.
    None,
    /// Spaces or tabs.
    Space,
    /// At least one line break.
    Line,
}

/// One token.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// What it is.
    pub kind: Kind,
    /// White space before it.
    pub gap: Gap,
    /// Letter case (words only).
    pub case: Case,
    /// The char of a punctuation token, `\0` otherwise.
    pub ch: char,
    /// What the lexicon knows about a word.
    pub info: Info,
}

/// A word, as the roster scans it: its bytes and, if they are ASCII
/// letters, the lexicon key of them lower-cased (see
/// [`lexicon::ascii_key`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct WordAt {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
    /// The key of the word.
    pub key: u64,
}

/// A tokenised message.
#[derive(Debug)]
pub(crate) struct Doc<'a> {
    /// The original text.
    pub text: &'a str,
    /// Its tokens.
    pub toks: Vec<Tok>,
    /// Whether letter case carries information: false for messages typed
    /// all in lower case or all in capitals.
    pub cased: bool,
    /// Whether the message is not cased only because some listed German
    /// noun is in lower case while another is capitalised (see
    /// [`Stats::cased`]): a scrub that replaces the one in lower case (in
    /// a web address) leaves a text that reads cased.
    pub nouns_mixed: bool,
    /// Whether any token is a number.
    pub has_num: bool,
    /// The digit counts of the numbers: bit `n` for a number of `n`
    /// digits (bit 31 for 31 or more).
    pub num_lens: u32,
    /// The union of the lexicon flags of all words.
    pub flags: u64,
    /// Whether any word is capitalised and six bytes long or more (street
    /// and institution compounds).
    pub long_capital: bool,
    /// Whether some `.` has a letter (or a byte of a char that is not
    /// ASCII) right after it, where the last part of a domain would start.
    pub dot_letter: bool,
    /// Whether some `.` comes right after `www` or `WWW` (where a web
    /// address may start).
    pub www_dot: bool,
    /// Whether a word of one or two bytes is glued to a number after it
    /// (where an IBAN's country or a KVNR's letter would stand).
    pub short_word_num: bool,
    /// Whether every punctuation token that is not ASCII is one of the
    /// common chars that fold to no word bytes (see
    /// [`crate::fold::folds_apart`]).
    pub punct_apart: bool,
    /// The ASCII punctuation chars in the text, one bit each (bit `c`).
    pub punct: u128,
    /// Whether the text is ASCII only (and shorter than 4 GiB), so that
    /// [`Doc::words`] are exactly its runs of letters.
    pub ascii: bool,
    /// The words of the text (its word tokens), in order, with the keys of
    /// the ASCII ones (0 for the others); empty if the text is 4 GiB long
    /// or longer.
    pub words: Vec<WordAt>,
    /// The words the lexicon knows as nothing but a name (no flag but
    /// [`lexicon::NAME`]'s), bit `k` for token `k`, as they were cut (not
    /// veiled); only if there are [`UNFLAGGED_TOKENS`] tokens or fewer.
    pub unflagged: Option<u128>,
    /// The number tokens, bit `k` for token `k`, as they stand (a scan
    /// clears the bits of the tokens it makes opaque, [`Doc::no_nums`], and
    /// puts the bits back as it gives the tokens back); only if there are
    /// [`UNFLAGGED_TOKENS`] tokens or fewer.
    pub nums: Option<u128>,
    /// The words with a [`lexicon::SPARSE`] flag, bit `k` for token `k`, as
    /// they were cut (a veiled token has no flag, so a reader tests each
    /// token's flags as they stand, see [`crate::cand::Cands::flagged`]);
    /// only if there are [`UNFLAGGED_TOKENS`] tokens or fewer.
    pub sparse: Option<u128>,
    /// The words of [`LONG_CAPITAL`] bytes or more not in lower case, bit
    /// `k` for token `k`, as they were cut (a reader tests each token as
    /// it stands); only if there are [`UNFLAGGED_TOKENS`] tokens or fewer.
    pub long_capitals: Option<u128>,
    /// [`Doc::long_capitals`] of [`CAPITAL`] bytes or more.
    pub capitals: Option<u128>,
    /// The words of six bytes or more whose last byte is `r` or `R` (where
    /// a label compound ends: `Versichertennummer`, `Kundennr`), bit `k`
    /// for token `k`, as they were cut (a reader tests each token as it
    /// stands); only if there are [`UNFLAGGED_TOKENS`] tokens or fewer.
    pub r_words: Option<u128>,
    /// [`Doc::sparse`] of the [`lexicon::FREQUENT`] flags.
    pub frequent: Option<u128>,
    /// [`Doc::sparse`] of the [`stats::MARKS`] flags, and the punctuation tokens
    /// of [`MARK_CHARS`].
    pub marks: Option<u128>,
}

/// The fewest bytes of a word [`Doc::long_capitals`] notes.
pub(crate) const LONG_CAPITAL: usize = 9;

/// The fewest bytes of a word [`Doc::capitals`] notes.
pub(crate) const CAPITAL: usize = 6;

/// The most tokens [`Doc::unflagged`] is kept for.
pub(crate) const UNFLAGGED_TOKENS: usize = 128;

impl<'a> Doc<'a> {
    /// Tokenises `text`.
    pub fn new(text: &'a str) -> Doc<'a> {
        let mut stats = Stats::default();
        let (toks, mut words) = tokenize(text, &mut stats);
        let cased = stats.cased();
        let nouns_mixed = !cased && stats.nouns_mixed();
        let Stats {
            has_num,
            num_lens,
            flags,
            long_capital,
            dot_letter,
            www_dot,
            short_word_num,
            punct_apart,
            punct,
            ascii,
            unflagged,
            nums,
            sparse,
            long_capitals,
            capitals,
            r_words,
            frequent,
            marks,
            ..
        } = stats;
        let short = u32::try_from(text.len()).is_ok();
        let ascii = ascii && short;
        if !short {
            words.clear();
        }
        let few = toks.len() <= UNFLAGGED_TOKENS;
        // The token bits, one per token, kept for texts of few tokens.
        let bits = |b: [u64; 2]| few.then_some(u128::from(b[0]) | u128::from(b[1]) << 64);
        Doc {
            text,
            unflagged: bits(unflagged),
            nums: bits(nums),
            sparse: bits(sparse),
            long_capitals: bits(long_capitals),
            capitals: bits(capitals),
            r_words: bits(r_words),
            frequent: bits(frequent),
            marks: bits(marks),
            toks,
            cased,
            nouns_mixed,
            has_num,
            num_lens,
            flags,
            long_capital,
            dot_letter,
            www_dot,
            short_word_num,
            punct_apart,
            punct,
            ascii,
            words,
        }
    }

    /// Whether the ASCII char `c` occurs as punctuation in the text.
    pub fn has_punct(&self, c: u8) -> bool {
        c < 128 && self.punct & (1 << c) != 0
    }

    /// The text of token `i`.
    pub fn s(&self, i: usize) -> &'a str {
        let t = &self.toks[i];
        &self.text[t.start..t.end]
    }

    /// How many chars token `i` has (`s(i).chars().count()`, counted on
    /// the bytes: every byte but UTF-8 continuation bytes starts a char).
    #[inline]
    pub fn chars(&self, i: usize) -> usize {
        let t = &self.toks[i];
        if self.ascii {
            return t.end - t.start;
        }
        self.text.as_bytes()[t.start..t.end]
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count()
    }

    /// Whether token `i` is one of `words` (ASCII case ignored); the
    /// token's text is sliced once, not once per listed word.
    #[inline]
    pub fn is_one_of(&self, i: usize, words: &[&str]) -> bool {
        let s = self.s(i);
        words.iter().any(|w| w.eq_ignore_ascii_case(s))
    }

    /// Whether token `i` exists and is the punctuation `c`.
    pub fn is_punct(&self, i: usize, c: char) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Punct && t.ch == c)
    }

    /// Whether token `i` exists, is that punctuation and touches the token
    /// before it.
    pub fn is_glued_punct(&self, i: usize, c: char) -> bool {
        self.is_punct(i, c) && self.toks[i].gap == Gap::None
    }

    /// Whether token `i` is glued to a letter, digit or tag bracket before it.
    pub fn glued_before(&self, i: usize) -> bool {
        i > 0
            && self.toks[i].gap == Gap::None
            && (self.toks[i - 1].kind != Kind::Punct || matches!(self.toks[i - 1].ch, ']' | '['))
    }

    /// Whether token `i` is followed, without space, by a letter, digit or
    /// tag bracket.
    pub fn glued_after(&self, i: usize) -> bool {
        self.toks.get(i + 1).is_some_and(|t| {
            t.gap == Gap::None && (t.kind != Kind::Punct || matches!(t.ch, '[' | ']'))
        })
    }

    /// Whether token `i` is a word.
    pub fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    /// Whether token `i` is a number.
    pub fn is_num(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Num)
    }

    /// The value of number token `i` (saturating), if it is one.
    pub fn num(&self, i: usize) -> Option<u32> {
        if !self.is_num(i) {
            return None;
        }
        let mut v: u32 = 0;
        for b in self.s(i).bytes() {
            v = v.saturating_mul(10).saturating_add(u32::from(b - b'0'));
        }
        Some(v)
    }

    /// Digits of number token `i`, 0 if it is not a number.
    pub fn digits(&self, i: usize) -> usize {
        if self.is_num(i) {
            self.toks[i].end - self.toks[i].start
        } else {
            0
        }
    }

    /// Whether token `i` has lexicon flag `flag`.
    pub fn has(&self, i: usize, flag: u64) -> bool {
        self.toks.get(i).is_some_and(|t| t.info.flags & flag != 0)
    }

    /// Whether word `i` looks like the start of a proper name by its case:
    /// capitalised in a cased message, any word otherwise.
    pub fn capitalised(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        if t.kind != Kind::Word {
            return false;
        }
        if self.cased {
            matches!(t.case, Case::Title | Case::Upper | Case::Other)
                && self.text[t.start..].starts_with(|c: char| c.is_uppercase())
        } else {
            true
        }
    }

    /// Whether token `i` starts a sentence (first token, after a line break,
    /// or after `.`, `!`, `?`, `:` ).
    pub fn sentence_start(&self, i: usize) -> bool {
        if i == 0 || self.toks[i].gap == Gap::Line {
            return true;
        }
        let p = &self.toks[i - 1];
        if p.kind == Kind::Punct
            && matches!(p.ch, '.' | '!' | '?' | ':' | '"' | '(' | '-' | '•' | '*')
        {
            // `Dr. Koch`: a dot after a title or an initial ends no sentence.
            if p.ch == '.' && i >= 2 {
                let w = &self.toks[i - 2];
                if w.kind == Kind::Word
                    && (w.info.flags & lexicon::TITLE != 0 || w.end - w.start == 1)
                {
                    return false;
                }
            }
            return true;
        }
        false
    }

    /// How many tokens there are.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// Clears the [`Doc::nums`] bits of tokens `a..=last`, made opaque.
    #[inline]
    pub fn no_nums(&mut self, a: usize, last: usize) {
        if let Some(bits) = &mut self.nums {
            // Kept only for 128 tokens or fewer: `a <= last < 128`.
            let width = (last - a) % 128 + 1;
            *bits &= !(u128::MAX >> (128 - width) << (a % 128));
        }
    }
}

thread_local! {
    /// A token buffer kept between messages, so that tokenising allocates
    /// only when a message is longer than any before it on this thread.
    static SPARE: RefCell<(Vec<Tok>, Vec<WordAt>)> = const { RefCell::new((Vec::new(), Vec::new())) };
}

impl Drop for Doc<'_> {
    fn drop(&mut self) {
        let toks = std::mem::take(&mut self.toks);
        let words = std::mem::take(&mut self.words);
        SPARE.with(|s| {
            if let Ok(mut spare) = s.try_borrow_mut() {
                if spare.0.capacity() < toks.capacity() {
                    spare.0 = toks;
                }
                if spare.1.capacity() < words.capacity() {
                    spare.1 = words;
                }
            }
        });
    }
}

/// The tokens of `text` and its words.
fn tokenize(text: &str, stats: &mut Stats) -> (Vec<Tok>, Vec<WordAt>) {
    let bytes = text.as_bytes();
    let (mut toks, mut words) = SPARE.with(|s| {
        s.try_borrow_mut()
            .map(|mut v| std::mem::take(&mut *v))
            .unwrap_or_default()
    });
    toks.clear();
    words.clear();
    let mut gap = Gap::None;
    let mut i = 0;
    let table = lexicon::table();
    while i < bytes.len() {
        let b = bytes[i];
        let class = BYTE_CLASS[usize::from(b)];
        if class != OTHER {
            if class == SPACE {
                gap = gap.max(Gap::Space);
                i += 1;
                continue;
            }
            if class == LINE {
                gap = Gap::Line;
                i += 1;
                continue;
            }
            if class == DIGIT {
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                stats.has_num = true;
                stats.num_lens |= 1 << (i - start).min(31);
                let k = toks.len();
                stats.nums[k / 64 % 2] |= 1 << (k % 64);
                stats.short_word_num |= gap == Gap::None
                    && toks
                        .last()
                        .is_some_and(|t| t.kind == Kind::Word && t.end - t.start <= 2);
                toks.push(Tok {
                    start,
                    end: i,
                    kind: Kind::Num,
                    gap,
                    case: Case::Other,
                    ch: '\0',
                    info: Info::NONE,
                });
                gap = space_after(bytes, &mut i);
                continue;
            }
            if class == LETTER {
                // Words follow words (after their space) more often than
                // not: the next is read here while it starts with an ASCII
                // letter.
                loop {
                    i = word::word(text, i, gap, &mut toks, &mut words, stats, table);
                    gap = space_after(bytes, &mut i);
                    if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
                        break;
                    }
                }
                continue;
            }
            stats.punct |= 1 << b;
            if IS_MARK[usize::from(b)] {
                let k = toks.len();
                stats.marks[k / 64 % 2] |= 1 << (k % 64);
            }
            if b == b'.' {
                stats.dot_letter |= bytes
                    .get(i + 1)
                    .is_some_and(|&n| n.is_ascii_alphabetic() || n >= 0x80);
                stats.www_dot |= i >= 3 && matches!(&bytes[i - 3..i], b"www" | b"WWW");
            }
            toks.push(Tok {
                start: i,
                end: i + 1,
                kind: Kind::Punct,
                gap,
                case: Case::Other,
                ch: b as char,
                info: Info::NONE,
            });
            i += 1;
            gap = space_after(bytes, &mut i);
            continue;
        }
        stats.ascii = false;
        let c = text[i..].chars().next().unwrap_or('\u{fffd}');
        if is_space(c) {
            if matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}') {
                gap = Gap::Line;
            } else if gap == Gap::None {
                gap = Gap::Space;
            }
            i += c.len_utf8();
            continue;
        }
        if is_alpha(c) {
            let start = i;
            i = word::non_ascii_word(text, i, i, gap, &mut toks, stats);
            words.push(WordAt {
                start: start as u32,
                end: i as u32,
                key: 0,
            });
            gap = space_after(bytes, &mut i);
            continue;
        }
        stats.punct_apart &= crate::fold::folds_apart(bytes, i);
        toks.push(Tok {
            start: i,
            end: i + c.len_utf8(),
            kind: Kind::Punct,
            gap,
            case: Case::Other,
            ch: c,
            info: Info::NONE,
        });
        i += c.len_utf8();
        gap = space_after(bytes, &mut i);
    }
    (toks, words)
}

/// The gap before the next token when a token ends at `*i`: most are
/// followed by one space, which is taken here (`*i` moves past it)
/// rather than by another round of the tokenizer's loop.
#[inline(always)]
fn space_after(bytes: &[u8], i: &mut usize) -> Gap {
    if bytes.get(*i) == Some(&b' ') {
        *i += 1;
        Gap::Space
    } else {
        Gap::None
    }
}

/// [`BYTE_CLASS`] of a byte that is not ASCII.
const OTHER: u8 = 0;
/// [`BYTE_CLASS`] of ASCII white space that is no line break.
const SPACE: u8 = 1;
/// [`BYTE_CLASS`] of `\n` and `\r`.
const LINE: u8 = 2;
/// [`BYTE_CLASS`] of an ASCII digit.
const DIGIT: u8 = 3;
/// [`BYTE_CLASS`] of an ASCII letter.
const LETTER: u8 = 4;
/// [`BYTE_CLASS`] of any other ASCII byte: punctuation.
const PUNCT: u8 = 5;

/// What the tokenizer makes of each byte (see [`OTHER`] and the classes
/// after it).
static BYTE_CLASS: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c == b'\n' || c == b'\r' {
            LINE
        } else if c.is_ascii_whitespace() {
            SPACE
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_alphabetic() {
            LETTER
        } else {
            PUNCT
        };
        b += 1;
    }
    table
};

/// [`LATIN1`] flag of an alphabetic char.
const ALPHA: u8 = 1;
/// [`LATIN1`] flag of an upper-case char.
const UPPER: u8 = 2;
/// [`LATIN1`] flag of a lower-case char.
const LOWER: u8 = 4;
/// [`LATIN1`] flag of white space.
const WHITE: u8 = 8;

/// What `char` says of the chars U+0080 to U+00FF (the letters of German
/// and Dutch text that are not ASCII, and their signs), so that the usual
/// ones are not looked up in the Unicode tables: [`ALPHA`], [`UPPER`],
/// [`LOWER`] and [`WHITE`] flags.
static LATIN1: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut c = 0x80;
    while c < 0x100 {
        let upper = (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xDE);
        let lower = c == 0xAA || c == 0xB5 || c == 0xBA || (c >= 0xDF && c != 0xF7);
        let mut flags = 0;
        if upper || lower {
            flags |= ALPHA;
        }
        if upper {
            flags |= UPPER;
        }
        if lower {
            flags |= LOWER;
        }
        if c == 0x85 || c == 0xA0 {
            flags |= WHITE;
        }
        table[c - 0x80] = flags;
        c += 1;
    }
    table
};

/// The [`LATIN1`] flags of `c`, if it is one of those chars.
#[inline]
fn latin1(c: char) -> Option<u8> {
    let k = (c as u32).wrapping_sub(0x80);
    (k < 0x80).then(|| LATIN1[k as usize])
}

/// `c.is_alphabetic()`.
#[inline]
fn is_alpha(c: char) -> bool {
    latin1(c).map_or_else(|| c.is_alphabetic(), |f| f & ALPHA != 0)
}

/// `c.is_uppercase()`.
#[inline]
fn is_upper(c: char) -> bool {
    latin1(c).map_or_else(|| c.is_uppercase(), |f| f & UPPER != 0)
}

/// `c.is_lowercase()`.
#[inline]
fn is_lower(c: char) -> bool {
    latin1(c).map_or_else(|| c.is_lowercase(), |f| f & LOWER != 0)
}

/// `c.is_whitespace()`.
#[inline]
fn is_space(c: char) -> bool {
    latin1(c).map_or_else(|| c.is_whitespace(), |f| f & WHITE != 0)
}

/// The lower case of `c` if it is an upper-case char of [`LATIN1`]: one
/// char, 32 after it (`Ä` -> `ä`).
#[inline]
fn latin1_lower(c: char) -> Option<char> {
    latin1(c)
        .filter(|f| f & UPPER != 0)
        .and_then(|_| char::from_u32(c as u32 + 0x20))
}

/// Whether `c` continues a word: letters and combining marks.
fn word_char(c: char) -> bool {
    is_alpha(c) || (c as u32 >= 0x300 && unicode_normalization::char::is_combining_mark(c))
}

#[cfg(test)]
mod oracle;
mod stats;
mod word;

#[cfg(doc)]
use stats::MARK_CHARS;
use stats::{IS_MARK, Stats};

pub(crate) use word::ascii_run;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_words_numbers_and_punctuation() {
        let d = Doc::new("Am 12.3. rief Frau Müller an.\nTel: 030-123");
        let parts: Vec<&str> = (0..d.len()).map(|i| d.s(i)).collect();
        assert_eq!(
            parts,
            [
                "Am", "12", ".", "3", ".", "rief", "Frau", "Müller", "an", ".", "Tel", ":", "030",
                "-", "123"
            ]
        );
        assert_eq!(d.toks[10].gap, Gap::Line);
        assert_eq!(d.toks[2].gap, Gap::None);
        assert_eq!(d.toks[5].gap, Gap::Space);
        assert_eq!(d.toks[7].case, Case::Title);
        assert!(d.cased);
    }

    #[test]
    fn digit_counts_of_the_numbers() {
        let d = Doc::new("Tel 030 12345678, am 3.5., Nr 1234567890123456789012345678901234");
        assert_eq!(d.num_lens, 1 << 3 | 1 << 8 | 1 << 1 | 1 << 31);
        assert!(d.has_num);
        assert_eq!(Doc::new("keine Zahl").num_lens, 0);
    }

    #[test]
    fn dots_before_letters_are_noted() {
        for (text, expected) in [
            ("praxis-koch.de", true),
            ("z.B. morgen", true),
            ("bis .Über", true),
            ("Danke. Bis Montag.", false),
            ("1.5 mg", false),
            ("", false),
        ] {
            assert_eq!(Doc::new(text).dot_letter, expected, "{text:?}");
        }
    }

    #[test]
    fn short_words_glued_to_numbers_are_noted() {
        for (text, expected) in [
            ("IBAN DE89370400440532013000", true),
            ("KVNR A123456789", true),
            ("am 12.3. um 10 Uhr", false),
            ("Zimmer12", false),
            ("DE 89", false),
        ] {
            assert_eq!(Doc::new(text).short_word_num, expected, "{text:?}");
        }
    }

    #[test]
    fn lower_case_and_shouted_messages_are_not_cased() {
        assert!(!Doc::new("hallo frau koch, ich habe morgen keine zeit, bis bald").cased);
        assert!(!Doc::new("HALLO FRAU KOCH, ICH HABE MORGEN KEINE ZEIT").cased);
        assert!(Doc::new("Hallo Frau Koch, ich habe morgen keine Zeit.").cased);
    }

    #[test]
    fn chars_of_tokens_like_the_chars_of_their_text() {
        let d = Doc::new("Zoë Müller-Lüdenscheidt, Mu\u{0308}ller ŁÓDŹ 12 ‚x‘ ẞ 🙂 a");
        for i in 0..d.len() {
            assert_eq!(d.chars(i), d.s(i).chars().count(), "{}", d.s(i));
        }
        // An ASCII text counts its bytes.
        let d = Doc::new("Anna Koch, 12.3. (Tel: 030-123)");
        assert!(d.ascii);
        for i in 0..d.len() {
            assert_eq!(d.chars(i), d.s(i).chars().count(), "{}", d.s(i));
        }
    }

    #[test]
    fn byte_classes_are_the_ascii_predicates() {
        for b in 0..=255u8 {
            let class = BYTE_CLASS[usize::from(b)];
            let expected = if !b.is_ascii() {
                OTHER
            } else if b == b'\n' || b == b'\r' {
                LINE
            } else if b.is_ascii_whitespace() {
                SPACE
            } else if b.is_ascii_digit() {
                DIGIT
            } else if b.is_ascii_alphabetic() {
                LETTER
            } else {
                PUNCT
            };
            assert_eq!(class, expected, "{b}");
        }
        // Vertical tab is no white space to the tokenizer.
        assert_eq!(Doc::new("a\u{b}b").len(), 3);
        let d = Doc::new("a \t\x0c b\r\n c");
        assert_eq!((d.toks[1].gap, d.toks[2].gap), (Gap::Space, Gap::Line));
    }

    #[test]
    fn words_of_every_length_and_their_case() {
        // Words that end before, at and after eight bytes, and near the end.
        let text = "a Ab ABCDEFG abcdefgh ABCDEFGHi Abcdefghijklmnopq xYz.Ab MüLLER abcdefghÄb";
        let d = Doc::new(text);
        let words: Vec<(&str, Case)> = (0..d.len())
            .filter(|&i| d.is_word(i))
            .map(|i| (d.s(i), d.toks[i].case))
            .collect();
        assert_eq!(
            words,
            [
                ("a", Case::Lower),
                ("Ab", Case::Title),
                ("ABCDEFG", Case::Upper),
                ("abcdefgh", Case::Lower),
                ("ABCDEFGHi", Case::Other),
                ("Abcdefghijklmnopq", Case::Title),
                ("xYz", Case::Other),
                ("Ab", Case::Title),
                ("MüLLER", Case::Other),
                ("abcdefghÄb", Case::Other),
            ]
        );
    }

    #[test]
    fn latin1_flags_are_what_char_says() {
        for c in (0x80..0x100).filter_map(char::from_u32) {
            assert_eq!(is_alpha(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_lower(c), c.is_lowercase(), "{c:?}");
            assert_eq!(is_space(c), c.is_whitespace(), "{c:?}");
            if is_upper(c) {
                let lower: String = c.to_lowercase().collect();
                assert_eq!(latin1_lower(c).map(String::from), Some(lower), "{c:?}");
            } else {
                assert_eq!(latin1_lower(c), None, "{c:?}");
            }
        }
        // Chars outside the table are asked of `char`.
        for c in ['Ł', 'ł', 'İ', '\u{2003}', '–', 'ẞ'] {
            assert_eq!(is_alpha(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_lower(c), c.is_lowercase(), "{c:?}");
            assert_eq!(is_space(c), c.is_whitespace(), "{c:?}");
            assert_eq!(latin1_lower(c), None, "{c:?}");
        }
    }

    #[test]
    fn words_known_as_nothing_but_names_up_to_128_tokens() {
        // `und` is a function word, `Koch` a name, `Qwzx` unknown.
        for n in [1, 63, 64, 65, 127, 128, 129, 300] {
            let text: Vec<&str> = (0..n)
                .map(|k| ["und", "Koch", "12", "Qwzx"][k % 4])
                .collect();
            let text = text.join(" ");
            let d = Doc::new(&text);
            let expected = (n <= UNFLAGGED_TOKENS).then(|| {
                (0..n)
                    .filter(|&k| {
                        d.toks[k].kind == Kind::Word && d.toks[k].info.flags & !lexicon::NAME == 0
                    })
                    .fold(0u128, |bits, k| bits | 1 << k)
            });
            assert_eq!(d.unflagged, expected, "{n}");
            assert!(n < 4 || expected.is_none_or(|bits| bits != 0));
        }
    }

    #[test]
    fn punctuation_apart_when_every_char_of_it_folds_to_no_letter() {
        assert!(Doc::new("„Koch“ – Grüße, 5 €").punct_apart);
        assert!(Doc::new("plain").punct_apart);
        assert!(!Doc::new("Koch²").punct_apart);
        assert!(!Doc::new("a \u{301} b").punct_apart);
        assert!(!Doc::new("✓ ok").punct_apart);
    }

    #[test]
    fn combining_marks_stay_in_the_word() {
        let d = Doc::new("Mu\u{0308}ller kam");
        assert_eq!(d.s(0), "Mu\u{0308}ller");
    }
}
