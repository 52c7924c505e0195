//! A word's lower-cased and plain spellings, and what the lexicon knows
//! of the word in either.

use std::sync::LazyLock;

use super::{Info, LEXICON, word_key};

/// What is known about `lower` (a lower-cased word).
pub(crate) fn lookup(lower: &str) -> Info {
    let mut spelling = Spelling::new();
    for c in lower.chars() {
        spelling.push(c);
    }
    spelling.lookup()
}

/// The longest word the lexicon holds, in bytes: longer words are in it
/// in no spelling.
pub(crate) const LONGEST: usize = 40;

/// A lower-cased word taken char by char, on the stack, with its plain
/// spelling (`Ayşe`, `Zoë`, `Renée` spelled without the marks a list may
/// not have), for [`Spelling::lookup`]: what [`lookup`] does without
/// passing over the word twice.
#[derive(Debug)]
pub(crate) struct Spelling {
    /// The lower-cased word so far.
    lower: [u8; LONGEST],
    /// Its length; more than [`LONGEST`] once it is longer.
    lower_len: usize,
    /// The plain spelling so far.
    plain: [u8; LONGEST],
    /// Its length; more than [`LONGEST`] once it is longer.
    plain_len: usize,
    /// Whether all chars so far are ASCII.
    ascii: bool,
}

impl Spelling {
    /// No chars yet.
    pub(crate) fn new() -> Spelling {
        Spelling {
            lower: [0; LONGEST],
            lower_len: 0,
            plain: [0; LONGEST],
            plain_len: 0,
            ascii: true,
        }
    }

    /// Takes the next char `c` of the lower-cased word.
    #[inline(always)]
    pub(crate) fn push(&mut self, c: char) {
        if !c.is_ascii() {
            self.push_other(c);
            return;
        }
        let b = c as u8;
        if self.lower_len >= LONGEST {
            // Too long now, or already.
            self.lower_len = LONGEST + 1;
            return;
        }
        self.lower[self.lower_len] = b;
        self.lower_len += 1;
        if self.plain_len < LONGEST {
            self.plain[self.plain_len] = b;
        }
        self.plain_len += 1;
    }

    /// [`Spelling::push`] of a char that is not ASCII.
    #[inline(never)]
    fn push_other(&mut self, c: char) {
        if self.lower_len > LONGEST {
            return;
        }
        self.ascii = false;
        self.lower_len = put(&mut self.lower, self.lower_len, c);
        if let Some(p) = plain_letter_latin1(c) {
            self.plain_len = put(&mut self.plain, self.plain_len, p);
        }
    }

    /// What is known about the word taken (see [`lookup`]).
    pub(crate) fn lookup(&self) -> Info {
        if self.lower_len > LONGEST {
            return Info::NONE;
        }
        match LEXICON.words.get(word_key(&self.lower[..self.lower_len])) {
            info if info == Info::NONE && !self.ascii => {
                if self.plain_len > LONGEST {
                    return Info::NONE;
                }
                LEXICON.words.get(word_key(&self.plain[..self.plain_len]))
            }
            info => info,
        }
    }
}

/// What is known about a word whose lower-cased bytes are `lower`, ASCII
/// letters and chars U+0080 to U+00FF, at least one of them not ASCII:
/// [`Spelling::lookup`] of the word taken char by char, read off its bytes.
pub(crate) fn lookup_latin1(lower: &[u8]) -> Info {
    if lower.len() > LONGEST {
        return Info::NONE;
    }
    match LEXICON.words.get(word_key(lower)) {
        info if info == Info::NONE => {
            // The plain spelling, never longer than the lower-cased one.
            let mut plain = [0; LONGEST];
            let (mut n, mut k) = (0, 0);
            while k < lower.len() {
                let b = lower[k];
                if b < 0x80 {
                    plain[n] = b;
                    n += 1;
                    k += 1;
                    continue;
                }
                let c = u32::from(b & 0x1F) << 6 | u32::from(lower[k + 1] & 0x3F);
                if let Some(p) = PLAIN_LATIN1[(c - 0x80) as usize] {
                    n = put(&mut plain, n, p);
                }
                k += 2;
            }
            if n > LONGEST {
                return Info::NONE;
            }
            LEXICON.words.get(word_key(&plain[..n]))
        }
        info => info,
    }
}

/// `c` written into `buf` at `len`, the new length: more than the
/// buffer's length once `c` does not fit.
#[inline]
fn put(buf: &mut [u8; LONGEST], len: usize, c: char) -> usize {
    let n = c.len_utf8();
    if len + n > LONGEST {
        return LONGEST + 1;
    }
    c.encode_utf8(&mut buf[len..]);
    len + n
}

/// [`plain_letter`] of the chars U+0080 to U+00FF, worked out once.
static PLAIN_LATIN1: LazyLock<Vec<Option<char>>> = LazyLock::new(|| {
    (0x80..0x100u32)
        .map(|c| char::from_u32(c).and_then(plain_letter))
        .collect()
});

/// [`plain_letter`], from [`PLAIN_LATIN1`] for the chars it holds.
#[inline]
fn plain_letter_latin1(c: char) -> Option<char> {
    let k = (c as u32).wrapping_sub(0x80);
    if k < 0x80 {
        PLAIN_LATIN1[k as usize]
    } else {
        plain_letter(c)
    }
}

/// The base letter of a lower-case letter with a diacritic (German umlauts
/// spelled out are stored separately), None for combining marks.
fn plain_letter(c: char) -> Option<char> {
    if unicode_normalization::char::is_combining_mark(c) {
        return None;
    }
    let mut base = c;
    unicode_normalization::char::decompose_canonical(c, |d| {
        if base == c && !unicode_normalization::char::is_combining_mark(d) {
            base = d;
        }
    });
    Some(match c {
        'ß' => 's',
        'ı' => 'i',
        'ł' => 'l',
        'ø' => 'o',
        _ => base,
    })
}

#[cfg(test)]
mod tests {
    use super::super::{DE_CITY, DE_FIRST, DE_SUR, EN_FIRST, EN_SUR, NL_FIRST, NL_SUR, lines};
    use super::*;

    #[test]
    fn plain_letters_from_the_table_like_from_unicode() {
        for c in (0x80..0x250u32).filter_map(char::from_u32) {
            assert_eq!(plain_letter_latin1(c), plain_letter(c), "{c:?}");
        }
        assert_eq!(plain_letter_latin1('é'), Some('e'));
        assert_eq!(plain_letter_latin1('ß'), Some('s'));
    }

    /// [`lookup`] as it was before [`Spelling`]: the lower-cased word in
    /// one pass, its plain spelling in another.
    fn lookup_in_two_passes(lower: &str) -> Info {
        if lower.len() > 40 {
            return Info::NONE;
        }
        match LEXICON.words.get(word_key(lower.as_bytes())) {
            info if info == Info::NONE && !lower.is_ascii() => {
                let mut plain = String::new();
                for c in lower.chars() {
                    let c = if c.is_ascii() {
                        Some(c)
                    } else {
                        plain_letter_latin1(c)
                    };
                    plain.extend(c);
                }
                if plain.len() > 40 {
                    return Info::NONE;
                }
                LEXICON.words.get(word_key(plain.as_bytes()))
            }
            info => info,
        }
    }

    #[test]
    fn spellings_look_up_like_two_passes() {
        let mut words: Vec<String> = ["zoë", "renée", "ayşe", "müller", "ǘber", "straße", "ärztin"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        for list in [
            DE_FIRST, NL_FIRST, EN_FIRST, DE_SUR, NL_SUR, EN_SUR, DE_CITY,
        ] {
            for w in lines(list).flat_map(str::split_whitespace) {
                let lower = w.to_lowercase();
                // With marks the list has not, and with a combining mark.
                words.push(lower.replace('e', "é").replace('a', "à"));
                words.push(lower.replace('o', "o\u{0308}"));
                words.push(lower);
            }
        }
        // Around the longest entry, in bytes, with chars of two bytes.
        for n in 35..46 {
            words.push("ü".repeat(n / 2) + &"a".repeat(n % 2));
            words.push("a".repeat(n));
            words.push("a".repeat(n - 1) + "é");
        }
        words.push("\u{212a}och".to_lowercase());
        for w in &words {
            assert_eq!(lookup(w), lookup_in_two_passes(w), "{w}");
            // Words of ASCII and chars up to U+00FF are also read off
            // their bytes.
            if !w.is_ascii() && w.chars().all(|c| (c as u32) < 0x100) {
                assert_eq!(lookup_latin1(w.as_bytes()), lookup(w), "{w}");
            }
        }
        assert_ne!(lookup("renée").flags, 0);
    }
}
