//! Reading one word: its ASCII letters eight bytes at a time, whatever
//! follows them char by char.

use super::{
    ALPHA, Case, Gap, Kind, LATIN1, Stats, Tok, UPPER, WordAt, is_lower, is_upper, latin1_lower,
    word_char,
};
use crate::lexicon::{self, Info, LONGEST, Spelling, Table};

/// Reads the word starting at `start`, pushes it (to `words` too, with key
/// 0 unless it is ASCII) and returns its end; `table` is the lexicon's.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
pub(super) fn word(
    text: &str,
    start: usize,
    gap: Gap,
    toks: &mut Vec<Tok>,
    words: &mut Vec<WordAt>,
    stats: &mut Stats,
    table: &Table,
) -> usize {
    let bytes = text.as_bytes();
    let run = ascii_run(bytes, start);
    let end = run.end;
    // Most words are ASCII letters only: the run is the word.
    let goes_on = run.non_ascii_after && text[end..].chars().next().is_some_and(word_char);
    if !goes_on {
        let len = end - start;
        let key = run.key(bytes, start);
        words.push(WordAt {
            start: start as u32,
            end: end as u32,
            key,
        });
        push_word(
            toks,
            stats,
            start,
            end,
            gap,
            run.case,
            table.ascii(len, key),
            bytes,
        );
        return end;
    }
    let end = non_ascii_word(text, start, end, gap, toks, stats);
    words.push(WordAt {
        start: start as u32,
        end: end as u32,
        key: 0,
    });
    end
}

/// Reads on a word whose ASCII letters `start..ascii_end` are followed by
/// a char that is not ASCII and continues it (`Müller`, `Zoë`, or with no
/// ASCII letters before it: `Ärztin`), pushes it and returns its end. Its
/// case, its end and its lower-cased spelling come from one pass.
#[cold]
#[inline(never)]
pub(super) fn non_ascii_word(
    text: &str,
    start: usize,
    ascii_end: usize,
    gap: Gap,
    toks: &mut Vec<Tok>,
    stats: &mut Stats,
) -> usize {
    if let Some(end) = latin1_word(text, start, gap, toks, stats) {
        return end;
    }
    let bytes = text.as_bytes();
    let mut spelling = Spelling::new();
    let mut upper = 0;
    for &b in &bytes[start..ascii_end] {
        upper += usize::from(b.is_ascii_uppercase());
        spelling.push(char::from(b.to_ascii_lowercase()));
    }
    let mut end = ascii_end;
    let mut n = end - start;
    let mut lower = n - upper;
    let mut first_upper = n > 0 && bytes[start].is_ascii_uppercase();
    while end < bytes.len() {
        let b = bytes[end];
        if b < 0x80 {
            if !b.is_ascii_alphabetic() {
                break;
            }
            if b.is_ascii_uppercase() {
                upper += 1;
            } else {
                lower += 1;
            }
            spelling.push(char::from(b.to_ascii_lowercase()));
            n += 1;
            end += 1;
            continue;
        }
        let c = text[end..].chars().next().unwrap_or(' ');
        if !word_char(c) {
            break;
        }
        if is_upper(c) {
            upper += 1;
            if n == 0 {
                first_upper = true;
            }
        } else if is_lower(c) {
            lower += 1;
        }
        if is_lower(c) {
            spelling.push(c);
        } else if let Some(l) = latin1_lower(c) {
            spelling.push(l);
        } else {
            for l in c.to_lowercase() {
                spelling.push(l);
            }
        }
        n += 1;
        end += c.len_utf8();
    }
    stats.ascii = false;
    let info = spelling.lookup();
    push_word(
        toks,
        stats,
        start,
        end,
        gap,
        case_of(first_upper, upper, lower),
        info,
        bytes,
    );
    end
}

/// [`non_ascii_word`] of a word of ASCII letters and chars U+0080 to
/// U+00FF (`Müller`, `Grüße`, `Zoë`), read on its bytes: lower-cased by
/// setting bit 5 of its ASCII letters and adding 32 to the last byte of
/// its upper-case chars; None (nothing pushed) if it has another char.
#[inline(always)]
fn latin1_word(
    text: &str,
    start: usize,
    gap: Gap,
    toks: &mut Vec<Tok>,
    stats: &mut Stats,
) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut lower_bytes = [0u8; LONGEST];
    let (mut upper, mut lower, mut first_upper) = (0, 0, false);
    let mut end = start;
    while let Some(&b) = bytes.get(end) {
        let at = end - start;
        if b.is_ascii_alphabetic() {
            if b.is_ascii_uppercase() {
                upper += 1;
                first_upper |= at == 0;
            } else {
                lower += 1;
            }
            if at < LONGEST {
                lower_bytes[at] = b | 0x20;
            }
            end += 1;
            continue;
        }
        if b < 0x80 {
            break;
        }
        let Some(flags) = latin1_at(bytes, end) else {
            if text[end..].chars().next().is_some_and(word_char) {
                return None;
            }
            break;
        };
        if flags & ALPHA == 0 {
            break;
        }
        let mut last = bytes[end + 1];
        if flags & UPPER != 0 {
            upper += 1;
            first_upper |= at == 0;
            last += 0x20;
        } else {
            lower += 1;
        }
        if at + 2 <= LONGEST {
            lower_bytes[at] = b;
            lower_bytes[at + 1] = last;
        }
        end += 2;
    }
    stats.ascii = false;
    // A word longer than any the lexicon holds is in it in no spelling.
    let len = end - start;
    let info = if len > LONGEST {
        Info::NONE
    } else {
        lexicon::lookup_latin1(&lower_bytes[..len])
    };
    push_word(
        toks,
        stats,
        start,
        end,
        gap,
        case_of(first_upper, upper, lower),
        info,
        bytes,
    );
    Some(end)
}

/// The [`LATIN1`] flags of the char at byte `at` if it is one of U+0080
/// to U+00FF (two bytes, the first `0xC2` or `0xC3`).
#[inline(always)]
fn latin1_at(bytes: &[u8], at: usize) -> Option<u8> {
    match (bytes[at], bytes.get(at + 1)) {
        (lead @ (0xC2 | 0xC3), Some(&next)) => {
            Some(LATIN1[usize::from((lead & 1) << 6 | (next & 0x3F))])
        }
        _ => None,
    }
}

/// The case of a word from whether its first char is upper case and how
/// many of its chars are upper and lower case.
#[inline]
fn case_of(first_upper: bool, upper: usize, lower: usize) -> Case {
    if upper == 0 {
        Case::Lower
    } else if first_upper && upper == 1 {
        Case::Title
    } else if lower == 0 && upper >= 2 {
        Case::Upper
    } else if first_upper && lower == 0 {
        Case::Title
    } else {
        Case::Other
    }
}

/// Pushes the word `start..end` of `bytes` and takes it into `stats`.
#[allow(clippy::too_many_arguments)]
#[inline]
fn push_word(
    toks: &mut Vec<Tok>,
    stats: &mut Stats,
    start: usize,
    end: usize,
    gap: Gap,
    case: Case,
    info: Info,
    bytes: &[u8],
) {
    let t = Tok {
        start,
        end,
        kind: Kind::Word,
        gap,
        case,
        ch: '\0',
        info,
    };
    stats.word(&t, toks.len(), bytes);
    toks.push(t);
}

/// The ASCII letters at the start of a word, as [`ascii_run`] reads them.
#[derive(Clone, Copy, Debug)]
pub(crate) struct AsciiRun {
    /// Byte offset one past the last of them.
    pub end: usize,
    /// Byte offset of the eight-byte chunk (counted from the word's start)
    /// the run ends in.
    pub chunk: usize,
    /// The letters of that chunk with bit 5 set, little-endian, the bytes
    /// after them zero (what [`lexicon::ascii_key_short`] and
    /// [`lexicon::ascii_key_long`] take).
    pub last: u64,
    /// Their letter case, were they the whole word.
    pub case: Case,
    /// Whether a byte that is not ASCII follows them.
    pub non_ascii_after: bool,
}

impl AsciiRun {
    /// The [`lexicon::ascii_key`] of the run, which starts at `start` in
    /// `bytes` and is not empty.
    #[inline]
    pub(crate) fn key(&self, bytes: &[u8], start: usize) -> u64 {
        let len = self.end - start;
        if len < 8 {
            lexicon::ascii_key_short(self.last, len)
        } else {
            lexicon::ascii_key_long(&bytes[start..self.chunk], len, self.last)
        }
    }
}

/// The run of ASCII letters at `start`, eight bytes at a time: its end,
/// its case and its last chunk for the lexicon key.
#[inline(always)]
pub(crate) fn ascii_run(bytes: &[u8], start: usize) -> AsciiRun {
    let mut chunk = start;
    // The high bits of upper-case letters after the first letter, and of
    // lower-case letters, over all chunks.
    let mut upper_after = 0u64;
    let mut lower = 0u64;
    let mut first_upper = false;
    // The first letter's bit, in the first chunk only.
    let mut first = 0x80u64;
    loop {
        let v = load8(bytes, chunk);
        let letters = ascii_letter_bits(v);
        // An ASCII letter is upper case when its bit 5 is clear.
        let uppers = letters & !(v << 2);
        let stop = !letters & HIGH;
        // All bits of the letters before the first byte that is no letter
        // (all 64 when there is none).
        let run = if stop == 0 {
            u64::MAX
        } else {
            ((stop & stop.wrapping_neg()) >> 7) - 1
        };
        first_upper |= uppers & first != 0;
        upper_after |= uppers & run & !first;
        lower |= letters & !uppers & run;
        first = 0;
        if stop == 0 {
            chunk += 8;
            continue;
        }
        // The high bit of the first byte that is no letter.
        let first_stop = stop & stop.wrapping_neg();
        let end = chunk + (first_stop.trailing_zeros() / 8) as usize;
        let case = if upper_after == 0 {
            if first_upper {
                Case::Title
            } else {
                Case::Lower
            }
        } else if lower == 0 && end - start >= 2 {
            Case::Upper
        } else {
            Case::Other
        };
        return AsciiRun {
            end,
            chunk,
            last: (v | 0x2020_2020_2020_2020) & run,
            case,
            // Past the end of the text the bytes read as zero.
            non_ascii_after: v & first_stop != 0,
        };
    }
}

/// The eight bytes of `bytes` at `at`, little-endian; past the end of
/// `bytes` they read as zero (no letter).
#[inline]
pub(super) fn load8(bytes: &[u8], at: usize) -> u64 {
    if let Some(b) = bytes.get(at..at + 8) {
        return u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
    }
    let rest = bytes.len().saturating_sub(at);
    if rest == 0 {
        return 0;
    }
    if let Some(b) = bytes.len().checked_sub(8).map(|from| &bytes[from..]) {
        // The last eight bytes of the text, shifted so that byte `at`
        // comes first.
        let v = u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
        return v >> (8 * (8 - rest));
    }
    load_short(&bytes[at..])
}

/// The bytes of `rest` (fewer than eight), little-endian, zero after them.
#[cold]
#[inline(never)]
fn load_short(rest: &[u8]) -> u64 {
    let mut v = 0u64;
    for (k, &b) in rest.iter().enumerate() {
        v |= u64::from(b) << (8 * k);
    }
    v
}

/// The high bit of every byte of `v` that is an ASCII letter.
#[inline]
pub(super) fn ascii_letter_bits(v: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const fn lanes(b: u8) -> u64 {
        b as u64 * 0x0101_0101_0101_0101
    }
    // Lanes hold 7 bits and at most 0x1f is added, so nothing carries
    // out of a lane; the high bit of a lane is then `lane >= bound`.
    let y = (v & LOW7) | lanes(0x20);
    let ge_a = y + lanes(0x80 - b'a');
    let ge_z1 = y + lanes(0x80 - (b'z' + 1));
    ge_a & !ge_z1 & !v & HIGH
}

/// The high bit of every byte.
const HIGH: u64 = 0x8080_8080_8080_8080;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_bits_are_the_ascii_predicate() {
        let all: Vec<u8> = (0..=255u8).chain(*b"aZ@[`{zA").collect();
        for eight in all.windows(8) {
            let v = u64::from_le_bytes(eight.try_into().unwrap());
            let bits = ascii_letter_bits(v);
            for (k, &b) in eight.iter().enumerate() {
                assert_eq!(bits >> (8 * k + 7) & 1 == 1, b.is_ascii_alphabetic(), "{b}");
            }
            assert_eq!(bits & !HIGH, 0);
        }
    }

    #[test]
    fn eight_bytes_read_as_zero_past_the_end() {
        let text = b"abcdefghij";
        for at in 0..=text.len() {
            let mut expected = [0u8; 8];
            let n = (text.len() - at).min(8);
            expected[..n].copy_from_slice(&text[at..at + n]);
            assert_eq!(load8(text, at), u64::from_le_bytes(expected), "{at}");
        }
        // Texts shorter than eight bytes.
        assert_eq!(load8(b"ab", 0), u64::from_le_bytes(*b"ab\0\0\0\0\0\0"));
        assert_eq!(load8(b"ab", 1), u64::from(b'b'));
        assert_eq!(load8(b"ab", 2), 0);
    }

    #[test]
    fn runs_of_every_length_like_byte_by_byte() {
        let text = "x Ab ABCDEFG abcdefgh ABCDEFGHi Abcdefghijklmnopq xYz.Ab MüLLER abcdefghÄb Q";
        let bytes = text.as_bytes();
        for start in 0..bytes.len() {
            let run = ascii_run(bytes, start);
            let len = bytes[start..]
                .iter()
                .take_while(|b| b.is_ascii_alphabetic())
                .count();
            let word = &bytes[start..start + len];
            assert_eq!(run.end, start + len, "{start}");
            assert_eq!(
                run.non_ascii_after,
                bytes.get(run.end).is_some_and(|&b| b >= 0x80)
            );
            if len > 0 {
                let upper = word.iter().filter(|b| b.is_ascii_uppercase()).count();
                let first_upper = word[0].is_ascii_uppercase();
                assert_eq!(
                    run.case,
                    case_of(first_upper, upper, len - upper),
                    "{start}"
                );
            }
            assert_eq!(run.chunk, start + len / 8 * 8);
            if len > 0 {
                assert_eq!(run.key(bytes, start), lexicon::ascii_key(word), "{start}");
            }
        }
    }
}
