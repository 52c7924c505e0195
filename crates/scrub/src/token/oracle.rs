//! The tokenizer as it was before its fast paths, kept as the oracle the
//! tests compare [`super::tokenize`] with.

use super::{
    BYTE_CLASS, Case, DIGIT, Gap, Kind, LETTER, LINE, OTHER, SPACE, Stats, Tok, WordAt, is_alpha,
    is_lower, is_space, is_upper, latin1_lower, word_char,
};
use crate::lexicon::{self, Info};

/// The tokens of `text` and its words.
pub(super) fn tokenize(text: &str, stats: &mut Stats) -> (Vec<Tok>, Vec<WordAt>) {
    let bytes = text.as_bytes();
    let (mut toks, mut words) = (Vec::new(), Vec::new());
    let mut gap = Gap::None;
    let mut i = 0;
    // The lower-cased spelling of a word that is not ASCII, kept between
    // messages so that it allocates once per thread.
    let mut key = String::new();
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
                toks.push(Tok {
                    start,
                    end: i,
                    kind: Kind::Num,
                    gap,
                    case: Case::Other,
                    ch: '\0',
                    info: Info::NONE,
                });
                gap = Gap::None;
                continue;
            }
            if class == LETTER {
                i = word(text, i, gap, &mut toks, &mut words, &mut key, stats);
                gap = Gap::None;
                continue;
            }
            stats.punct |= 1 << b;
            toks.push(Tok {
                start: i,
                end: i + 1,
                kind: Kind::Punct,
                gap,
                case: Case::Other,
                ch: b as char,
                info: Info::NONE,
            });
            gap = Gap::None;
            i += 1;
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
            i = word(text, i, gap, &mut toks, &mut words, &mut key, stats);
            gap = Gap::None;
            continue;
        }
        toks.push(Tok {
            start: i,
            end: i + c.len_utf8(),
            kind: Kind::Punct,
            gap,
            case: Case::Other,
            ch: c,
            info: Info::NONE,
        });
        gap = Gap::None;
        i += c.len_utf8();
    }
    (toks, words)
}

/// For each byte: 1 for an ASCII lower-case letter, 2 for an upper-case
/// one, 0 otherwise.
static ASCII_LETTER: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c.is_ascii_lowercase() {
            1
        } else if c.is_ascii_uppercase() {
            2
        } else {
            0
        };
        b += 1;
    }
    table
};

/// Which of eight bytes (little-endian in `v`) are ASCII letters, and
/// which are upper-case ASCII letters: bit k of each mask for byte k.
#[inline]
fn ascii_letters8(v: u64) -> (u32, u32) {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const fn lanes(b: u8) -> u64 {
        b as u64 * 0x0101_0101_0101_0101
    }
    // High bit set where a lane is at least the bound (lanes hold 7 bits,
    // so adding at most 0x7f never carries out of a lane).
    let ge = |lane: u64, bound: u8| (lane + lanes(0x80 - bound)) & HIGH;
    let ascii = !v & HIGH;
    let x = v & LOW7;
    let y = x | lanes(0x20);
    let letter = ge(y, b'a') & !ge(y, b'z' + 1) & ascii;
    let upper = ge(x, b'A') & !ge(x, b'Z' + 1) & ascii;
    // Gather the eight high bits into the low byte.
    let gather = |m: u64| (((m >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56) as u32;
    (gather(letter), gather(upper))
}

/// Reads the word starting at `start`, pushes it (to `words` too, with key
/// 0 unless it is ASCII) and returns its end.
#[allow(clippy::too_many_arguments)]
fn word(
    text: &str,
    start: usize,
    gap: Gap,
    toks: &mut Vec<Tok>,
    words: &mut Vec<WordAt>,
    key: &mut String,
    stats: &mut Stats,
) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    let mut upper = 0usize;
    let mut ascii = true;
    // ASCII letters first, eight bytes at a time while they are all
    // letters (most words end within the first eight).
    let mut run_ended = false;
    while let Some(eight) = bytes.get(end..end + 8) {
        let (letters, uppers) = ascii_letters8(u64::from_le_bytes([
            eight[0], eight[1], eight[2], eight[3], eight[4], eight[5], eight[6], eight[7],
        ]));
        let run = letters.trailing_ones();
        upper += (uppers & ((1u32 << run) - 1)).count_ones() as usize;
        end += run as usize;
        if run < 8 {
            run_ended = true;
            break;
        }
    }
    // Near the end of the text, on bytes: a table tells lower (1) from
    // upper (2) case and from anything else (0).
    while !run_ended && end < bytes.len() {
        let class = ASCII_LETTER[usize::from(bytes[end])];
        if class == 0 {
            break;
        }
        upper += usize::from(class >> 1);
        end += 1;
    }
    let mut n = end - start;
    let mut lower = n - upper;
    let mut first_upper = n > 0 && ASCII_LETTER[usize::from(bytes[start])] == 2;
    while end < bytes.len() {
        let b = bytes[end];
        let c = if b < 0x80 {
            if !b.is_ascii_alphabetic() {
                break;
            }
            b as char
        } else {
            let c = text[end..].chars().next().unwrap_or(' ');
            if !word_char(c) {
                break;
            }
            ascii = false;
            c
        };
        if is_upper(c) {
            upper += 1;
            if n == 0 {
                first_upper = true;
            }
        } else if is_lower(c) {
            lower += 1;
        }
        n += 1;
        end += c.len_utf8();
    }
    let case = if upper == 0 {
        Case::Lower
    } else if first_upper && upper == 1 {
        Case::Title
    } else if lower == 0 && upper >= 2 {
        Case::Upper
    } else if first_upper && lower == 0 {
        Case::Title
    } else {
        Case::Other
    };
    let info = if ascii {
        let key = lexicon::ascii_key_in(bytes, start, end);
        words.push(WordAt {
            start: start as u32,
            end: end as u32,
            key,
        });
        lexicon::lookup_ascii_key(end - start, key)
    } else {
        stats.ascii = false;
        words.push(WordAt {
            start: start as u32,
            end: end as u32,
            key: 0,
        });
        key.clear();
        for c in text[start..end].chars() {
            if c.is_ascii() {
                key.push(c.to_ascii_lowercase());
            } else if is_lower(c) {
                key.push(c);
            } else if let Some(lower) = latin1_lower(c) {
                key.push(lower);
            } else {
                key.extend(c.to_lowercase());
            }
        }
        lexicon::lookup(key)
    };
    let t = Tok {
        start,
        end,
        kind: Kind::Word,
        gap,
        case,
        ch: '\0',
        info,
    };
    stats.word(&t, toks.len(), text.as_bytes());
    toks.push(t);
    end
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::Doc;
    use super::*;

    /// Everything the tokenizer says of `text`, from the oracle.
    fn old(text: &str) -> String {
        let mut stats = Stats::default();
        let (toks, words) = tokenize(text, &mut stats);
        let short = u32::try_from(text.len()).is_ok();
        let ascii = stats.ascii && short;
        let words = if short { words } else { Vec::new() };
        // The words known as nothing but a name, read off the tokens.
        let unflagged = (toks.len() <= 128).then(|| {
            toks.iter()
                .enumerate()
                .filter(|(_, t)| t.kind == Kind::Word && t.info.flags & !lexicon::NAME == 0)
                .fold(0u128, |bits, (k, _)| bits | 1 << k)
        });
        let nums = (toks.len() <= 128).then(|| {
            toks.iter()
                .enumerate()
                .filter(|(_, t)| t.kind == Kind::Num)
                .fold(0u128, |bits, (k, _)| bits | 1 << k)
        });
        // The words where a town may start, desk words and months.
        let marks = (toks.len() <= 128).then(|| {
            toks.iter()
                .enumerate()
                .filter(|(_, t)| {
                    t.info.flags & super::super::stats::MARKS != 0
                        || t.kind == Kind::Punct
                            && u8::try_from(t.ch)
                                .is_ok_and(|c| super::super::stats::MARK_CHARS.contains(&c))
                })
                .fold(0u128, |bits, (k, _)| bits | 1 << k)
        });
        describe(
            &toks,
            &words,
            (unflagged, nums, marks),
            (
                stats.cased(),
                stats.has_num,
                stats.num_lens,
                stats.flags,
                stats.long_capital,
                stats.punct,
                ascii,
            ),
        )
    }

    /// Everything the tokenizer says of `text`, from [`Doc::new`].
    fn new(text: &str) -> String {
        let d = Doc::new(text);
        describe(
            &d.toks,
            &d.words,
            (d.unflagged, d.nums, d.marks),
            (
                d.cased,
                d.has_num,
                d.num_lens,
                d.flags,
                d.long_capital,
                d.punct,
                d.ascii,
            ),
        )
    }

    fn describe(
        toks: &[Tok],
        words: &[WordAt],
        bits: (Option<u128>, Option<u128>, Option<u128>),
        doc: (bool, bool, u32, u64, bool, u128, bool),
    ) -> String {
        let toks: Vec<_> = toks
            .iter()
            .map(|t| (t.start, t.end, t.kind, t.gap, t.case, t.ch, t.info))
            .collect();
        let words: Vec<_> = words.iter().map(|w| (w.start, w.end, w.key)).collect();
        format!("{toks:?}\n{words:?}\n{bits:?}\n{doc:?}")
    }

    /// Pieces of text the random strings are made of: words the lexicon
    /// knows in every case, runs of letters around eight bytes long, and
    /// awkward chars of every class.
    const PIECES: &[&str] = &[
        "a",
        "B",
        "ab",
        "Ab",
        "AB",
        "aB",
        "Anna",
        "ANNA",
        "anna",
        "aNNA",
        "Koch",
        "KOCH",
        "Müller",
        "MÜLLER",
        "müller",
        "Straße",
        "STRASSE",
        "van",
        "de",
        "Vries",
        "Januar",
        "jan",
        "Dr",
        "Herr",
        "Frau",
        "und",
        "Und",
        "der",
        "Der",
        "the",
        "The",
        "de",
        "Rotterdam",
        "Berlin",
        "Krankenhaus",
        "abcdefg",
        "abcdefgh",
        "Abcdefgh",
        "ABCDEFGH",
        "abcdefghi",
        "ABCDEFGHIJKLMNOP",
        "Abcdefghijklmnopq",
        "xYz",
        "McDonald",
        "iPhone",
        "0",
        "1",
        "12",
        "030",
        "12345678",
        "1234567890123456789012345678901234",
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "\r",
        "\u{b}",
        "\u{c}",
        ".",
        ",",
        "-",
        ":",
        "(",
        ")",
        "[",
        "]",
        "@",
        "`",
        "{",
        "~",
        "\u{7f}",
        "\0",
        "ä",
        "Ä",
        "ß",
        "ÿ",
        "µ",
        "ª",
        "º",
        "×",
        "÷",
        "\u{85}",
        "\u{a0}",
        "\u{308}",
        "u\u{308}",
        "\u{301}",
        "Ł",
        "ł",
        "İ",
        "ẞ",
        "Σ",
        "ς",
        "ǅ",
        "Ǆ",
        "ǆ",
        "中文",
        "🙂",
        "\u{2028}",
        "\u{2029}",
        "\u{2003}",
        "\u{3000}",
        "٣",
        "Ａｂ",
        "‚",
        "‘",
        "–",
        "Zoë",
        "Ayşe",
        "Renée",
        "ÆØÅ",
        "\u{fffd}",
    ];

    /// A small deterministic generator (xorshift).
    fn next(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    #[test]
    fn like_the_oracle_on_random_pieces() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            let n = next(&mut state) % 24;
            let mut text = String::new();
            for _ in 0..n {
                text.push_str(PIECES[(next(&mut state) % PIECES.len() as u64) as usize]);
            }
            assert_eq!(new(&text), old(&text), "{text:?}");
            // Every suffix, so words meet the end of the text at every offset.
            for (k, _) in text.char_indices().take(12) {
                assert_eq!(new(&text[k..]), old(&text[k..]), "{:?}", &text[k..]);
            }
        }
    }

    #[test]
    fn like_the_oracle_near_the_end_of_the_text() {
        for n in 0..20 {
            for tail in ["", " ", ".", "ä", "Ä", "1", "\u{308}", "中", "\n"] {
                for letter in ["a", "A", "z", "Z"] {
                    let text = format!("{}{tail}", letter.repeat(n));
                    assert_eq!(new(&text), old(&text), "{text:?}");
                    let text = format!("x {}{tail}", letter.repeat(n));
                    assert_eq!(new(&text), old(&text), "{text:?}");
                }
            }
        }
    }

    proptest! {
        #[test]
        fn like_the_oracle_on_any_string(text in any::<String>()) {
            prop_assert_eq!(new(&text), old(&text));
        }

        #[test]
        fn like_the_oracle_on_ascii(text in "[ -~\t\n\r]{0,80}") {
            prop_assert_eq!(new(&text), old(&text));
        }

        #[test]
        fn like_the_oracle_on_latin(text in "[a-zA-Z0-9 .,\u{80}-\u{17f}\u{300}-\u{30f}]{0,60}") {
            prop_assert_eq!(new(&text), old(&text));
        }
    }
}
