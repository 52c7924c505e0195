//! Case and diacritic folding with a map back to the original text.
//!
//! Names are matched on folded text: lower case, German umlauts spelled out
//! (`ü` → `ue`, `ß` → `ss`), other diacritics removed (`é` → `e`), combining
//! marks composed first so NFC and NFD input fold alike. Every folded byte
//! remembers the original char it came from, so a match in folded text maps
//! back to a span of the original.

use std::borrow::Cow;

use unicode_normalization::char::{compose, decompose_canonical, is_combining_mark};

/// How umlauts are folded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Umlauts {
    /// `ü` → `ue` (the German transcription; text is always folded so).
    Spelled,
    /// `ü` → `u` (a name variant: `Muller` for `Müller`).
    Dropped,
}

/// Folded text and, unless the input was plain ASCII, where its bytes came
/// from in the original.
#[derive(Debug)]
pub(crate) struct Folded<'a> {
    /// The folded text; ASCII input is kept as it is (matchers compare
    /// ASCII case-insensitively).
    pub text: Cow<'a, str>,
    /// For each char that folding rewrote (a non-ASCII char, or one with
    /// combining marks), in order: the folded bytes it became and the
    /// original bytes it came from. Every other byte is an ASCII byte kept
    /// in place, one for one, so the offset between folded and original
    /// text only changes at these spans. Empty when folding kept every byte
    /// in place (ASCII input).
    spans: Vec<Rewrite>,
}

/// One rewritten char: folded bytes `folded.0..folded.1` came from
/// original bytes `original.0..original.1`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rewrite {
    /// The folded bytes.
    pub folded: (u32, u32),
    /// The original bytes.
    pub original: (u32, u32),
}

impl Folded<'_> {
    /// The chars that folding rewrote, in order (see [`Folded`]).
    pub fn rewrites(&self) -> &[Rewrite] {
        &self.spans
    }

    /// Original byte span of the folded byte span `start..end` (end > start).
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        if self.spans.is_empty() {
            return (start, end);
        }
        (self.original_of(start).0, self.original_of(end - 1).1)
    }

    /// The original span of the char that folded byte `at` came from.
    fn original_of(&self, at: usize) -> (usize, usize) {
        let at32 = at as u32;
        // The last rewrite that starts at or before `at`.
        let k = self.spans.partition_point(|r| r.folded.0 <= at32);
        match k.checked_sub(1).map(|k| self.spans[k]) {
            Some(r) if at32 < r.folded.1 => (r.original.0 as usize, r.original.1 as usize),
            Some(r) => {
                let o = r.original.1 as usize + (at - r.folded.1 as usize);
                (o, o + 1)
            }
            None => (at, at + 1),
        }
    }
}

thread_local! {
    /// The text and spans of the last message folded, for the next.
    static BUFFERS: std::cell::Cell<(String, Vec<Rewrite>)> =
        const { std::cell::Cell::new((String::new(), Vec::new())) };
}

impl Drop for Folded<'_> {
    fn drop(&mut self) {
        if let Cow::Owned(text) = std::mem::take(&mut self.text) {
            BUFFERS.set((text, std::mem::take(&mut self.spans)));
        }
    }
}

/// Folds `text` for matching (see the module docs).
#[inline(never)]
pub(crate) fn fold(text: &str) -> Folded<'_> {
    if text.is_ascii() {
        return kept(text);
    }
    // The buffers of an earlier message, emptied.
    let (mut out, mut spans) = BUFFERS.take();
    out.clear();
    spans.clear();
    out.reserve(text.len() + 8);
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // A run of ASCII not followed by a combining mark (U+0300..U+036F
        // start with 0xCC or 0xCD): copied and lower-cased, byte for byte.
        let mut end = at;
        // Eight bytes at a time while none has its high bit set.
        while let Some(eight) = bytes.get(end..end + 8) {
            let v = u64::from_le_bytes([
                eight[0], eight[1], eight[2], eight[3], eight[4], eight[5], eight[6], eight[7],
            ]);
            if v & 0x8080_8080_8080_8080 != 0 {
                break;
            }
            end += 8;
        }
        while end < bytes.len() && bytes[end] < 0x80 {
            end += 1;
        }
        if end < bytes.len() && end > at && matches!(bytes[end], 0xCC | 0xCD) {
            end -= 1;
        }
        if end > at {
            let from = out.len();
            out.push_str(&text[at..end]);
            out[from..].make_ascii_lowercase();
            at = end;
            if at >= bytes.len() {
                break;
            }
        }
        let from = out.len();
        let next = match fast_char(bytes, at) {
            Some((c, next)) => {
                push_common(c, &mut out);
                next
            }
            None => fold_char(text, at, &mut out),
        };
        spans.push(Rewrite {
            folded: (from as u32, out.len() as u32),
            original: (at as u32, next as u32),
        });
        at = next;
    }
    Folded {
        text: Cow::Owned(out),
        spans,
    }
}

/// `text`, known to be ASCII, folded: kept as it is.
pub(crate) fn kept(text: &str) -> Folded<'_> {
    debug_assert!(text.is_ascii());
    Folded {
        text: Cow::Borrowed(text),
        spans: Vec::new(),
    }
}

/// Folds the char at byte `at` with the combining marks after it; returns
/// the byte after them.
fn fold_char(text: &str, at: usize, out: &mut String) -> usize {
    let mut chars = text[at..]
        .char_indices()
        .map(|(k, c)| (k + at, c))
        .peekable();
    if let Some((start, first)) = chars.next() {
        let mut c = first;
        let mut end = start + first.len_utf8();
        while let Some(&(mark_start, mark)) = chars.peek() {
            if (mark as u32) < 0x300 || !is_combining_mark(mark) {
                break;
            }
            if let Some(composed) = compose(c, mark) {
                c = composed;
            }
            end = mark_start + mark.len_utf8();
            chars.next();
        }
        push_folded(c, Umlauts::Spelled, out);
        return end;
    }
    text.len()
}

/// Folds a pattern (a name) with the given umlaut rule; no map is kept.
pub(crate) fn fold_pattern(text: &str, umlauts: Umlauts) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    fold_pattern_into(text, umlauts, &mut out);
    out
}

/// Appends `text` folded like [`fold_pattern`] to `out`.
pub(crate) fn fold_pattern_into(text: &str, umlauts: Umlauts, out: &mut String) {
    let mut chars = text.chars().peekable();
    while let Some(first) = chars.next() {
        let mut c = first;
        while let Some(&mark) = chars.peek() {
            if (mark as u32) < 0x300 || !is_combining_mark(mark) {
                break;
            }
            if let Some(composed) = compose(c, mark) {
                c = composed;
            }
            chars.next();
        }
        push_folded(c, umlauts, out);
    }
}

/// The char at byte `at` (not ASCII) and the byte after it, when it is
/// one of the [`COMMON`] chars and no combining mark follows it (the next
/// byte is ASCII or leads a char below U+0300, none of which is a mark), so
/// that it folds on its own.
#[inline]
fn fast_char(bytes: &[u8], at: usize) -> Option<(char, usize)> {
    let (c, next) = match bytes[at] {
        lead @ (0xC2 | 0xC3) => {
            let b1 = *bytes.get(at + 1)?;
            ((u32::from(lead & 0x1F) << 6) | u32::from(b1 & 0x3F), at + 2)
        }
        0xE2 => {
            let (b1, b2) = (*bytes.get(at + 1)?, *bytes.get(at + 2)?);
            if !matches!(b1, 0x80..=0x82) {
                return None;
            }
            (
                0x2000 | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F),
                at + 3,
            )
        }
        _ => return None,
    };
    match bytes.get(next) {
        Some(&b) if b >= 0x80 && !(0xC2..=0xCB).contains(&b) => None,
        _ => Some((char::from_u32(c)?, next)),
    }
}

/// The first chars that are not ASCII (U+0080 to U+00FF: Latin-1 letters
/// and signs) and general punctuation with currency signs (U+2000 to
/// U+20BF): the chars of most German, Dutch and English text that are not
/// ASCII.
const COMMON: [(u32, u32); 2] = [(0x80, 0x100), (0x2000, 0x20C0)];

/// [`push_folded`] of the [`COMMON`] chars with [`Umlauts::Spelled`],
/// worked out once: at most two chars each (`ae`, `ss`, `e`, `–`), the
/// second `\0` when there is one.
static COMMON_FOLDED: std::sync::LazyLock<Vec<[char; 2]>> = std::sync::LazyLock::new(|| {
    let mut table = Vec::new();
    let mut folded = String::new();
    for &(from, to) in &COMMON {
        for c in (from..to).filter_map(char::from_u32) {
            folded.clear();
            push_folded_slow(c, Umlauts::Spelled, &mut folded);
            let mut chars = folded.chars();
            let first = chars.next().unwrap_or('\0');
            let second = chars.next().unwrap_or('\0');
            assert!(chars.next().is_none(), "{c:?} folds to three chars or more");
            table.push([first, second]);
        }
    }
    table
});

/// The bytes one of the [`COMMON`] chars folds to (with
/// [`Umlauts::Spelled`]): `bytes[..len]`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CommonFold {
    /// The folded bytes, then zeros.
    pub bytes: [u8; 8],
    /// How many there are.
    pub len: u8,
}

/// [`COMMON_FOLDED`] as bytes.
static COMMON_BYTES: std::sync::LazyLock<Vec<CommonFold>> = std::sync::LazyLock::new(|| {
    COMMON_FOLDED
        .iter()
        .map(|chars| {
            let folded: String = chars.iter().filter(|&&c| c != '\0').collect();
            let mut bytes = [0; 8];
            bytes[..folded.len()].copy_from_slice(folded.as_bytes());
            CommonFold {
                bytes,
                len: folded.len() as u8,
            }
        })
        .collect()
});

/// The [`COMMON`] char whose first byte is `bytes[at]` (not ASCII, in
/// UTF-8 text): its length in bytes and what it folds to; None if the
/// char there is another. A text of ASCII and these chars alone folds
/// char by char: none of them is a combining mark.
#[inline]
pub(crate) fn common_at(bytes: &[u8], at: usize) -> Option<(usize, &'static CommonFold)> {
    let (len, k) = match bytes[at] {
        lead @ (0xC2 | 0xC3) => {
            let b1 = *bytes.get(at + 1)?;
            (2, usize::from((lead & 1) << 6 | (b1 & 0x3F)))
        }
        0xE2 => {
            let (b1, b2) = (*bytes.get(at + 1)?, *bytes.get(at + 2)?);
            if !matches!(b1, 0x80..=0x82) {
                return None;
            }
            // After the 128 chars from U+0080.
            (
                3,
                128 + (usize::from(b1 & 0x3F) << 6 | usize::from(b2 & 0x3F)),
            )
        }
        _ => return None,
    };
    Some((len, &COMMON_BYTES[k]))
}

/// Whether the char at byte `at` of `bytes` (not ASCII, in UTF-8 text) is
/// a [`COMMON`] char that folds to no word bytes: no ASCII letter and no
/// byte that is not ASCII (the roster's word bytes).
pub(crate) fn folds_apart(bytes: &[u8], at: usize) -> bool {
    common_at(bytes, at).is_some_and(|(_, fold)| {
        !fold.bytes[..usize::from(fold.len)]
            .iter()
            .any(|&b| b.is_ascii_alphabetic() || b >= 0x80)
    })
}

/// The index of `c` in [`COMMON_FOLDED`], if it is one of the [`COMMON`] chars.
#[inline]
fn common_index(c: char) -> Option<usize> {
    let c = c as u32;
    let mut base = 0;
    for &(from, to) in &COMMON {
        if (from..to).contains(&c) {
            return Some(base + (c - from) as usize);
        }
        base += (to - from) as usize;
    }
    None
}

/// Appends the fold of `c`, one of the [`COMMON`] chars, with
/// [`Umlauts::Spelled`].
#[inline]
fn push_common(c: char, out: &mut String) {
    match common_index(c) {
        Some(k) => {
            let [first, second] = COMMON_FOLDED[k];
            out.push(first);
            if second != '\0' {
                out.push(second);
            }
        }
        None => push_folded_slow(c, Umlauts::Spelled, out),
    }
}

fn push_folded(c: char, umlauts: Umlauts, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if umlauts == Umlauts::Spelled && common_index(c).is_some() {
        push_common(c, out);
        return;
    }
    push_folded_slow(c, umlauts, out);
}

/// [`push_folded`] worked out from the Unicode tables.
fn push_folded_slow(c: char, umlauts: Umlauts, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for lower in c.to_lowercase() {
        match (lower, umlauts) {
            ('ä', Umlauts::Spelled) => out.push_str("ae"),
            ('ö', Umlauts::Spelled) => out.push_str("oe"),
            ('ü', Umlauts::Spelled) => out.push_str("ue"),
            ('ß', _) => out.push_str("ss"),
            // Letters with a stroke or ligatures, which have no canonical
            // decomposition: typed without them, `Łukasz` is `Lukasz`,
            // `Søren` is `Soeren` or `Soren`, `Yılmaz` is `Yilmaz`.
            ('ø', Umlauts::Spelled) | ('œ', _) => out.push_str("oe"),
            ('ø', Umlauts::Dropped) => out.push('o'),
            ('æ', _) => out.push_str("ae"),
            ('þ', _) => out.push_str("th"),
            ('ł' | 'ŀ', _) => out.push('l'),
            ('đ' | 'ð', _) => out.push('d'),
            ('ħ', _) => out.push('h'),
            ('ı', _) => out.push('i'),
            ('\u{2019}' | '\u{2018}' | '\u{02bc}', _) => out.push('\''),
            ('\u{2010}' | '\u{2011}', _) => out.push('-'),
            // Other punctuation, symbols and spaces end a word as ASCII
            // ones do: a name in German quotes (`„Koch“`) or joined by a
            // dash (`Meyer–Koch`) is still the name.
            (c, _) if !c.is_alphanumeric() && !is_combining_mark(c) => {
                out.push(ascii_stand_in(c));
            }
            _ => {
                let mut base = None;
                decompose_canonical(lower, |d| {
                    if base.is_none() && !is_combining_mark(d) {
                        base = Some(d);
                    }
                });
                out.push(base.unwrap_or(lower));
            }
        }
    }
}

/// The ASCII char that stands for `c`, a char that is neither a letter,
/// a digit nor a combining mark, in folded text: quotes and dashes as
/// their ASCII forms, anything else as a space.
fn ascii_stand_in(c: char) -> char {
    match c {
        '\u{201A}' | '\u{201B}' | '\u{2039}' | '\u{203A}' | '\u{00B4}' => '\'',
        '\u{201C}'..='\u{201F}' | '\u{00AB}' | '\u{00BB}' | '\u{2033}' => '"',
        '\u{2012}'..='\u{2015}' | '\u{2212}' | '\u{00AD}' => '-',
        _ => ' ',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_umlauts_and_accents() {
        assert_eq!(fold("Jürgen WEIß").text, "juergen weiss");
        assert_eq!(fold("Céline Gülçe").text, "celine guelce");
        assert_eq!(fold_pattern("Müller", Umlauts::Dropped), "muller");
        assert_eq!(fold_pattern("Müller", Umlauts::Spelled), "mueller");
        assert_eq!(fold("Łukasz Wójcik").text, "lukasz wojcik");
        assert_eq!(fold("Ayşe Yılmaz").text, "ayse yilmaz");
        assert_eq!(fold("Søren Ærø, Œuvray").text, "soeren aeroe, oeuvray");
        assert_eq!(fold_pattern("Søren", Umlauts::Dropped), "soren");
        assert_eq!(fold("Đorđe Þórsson").text, "dorde thorsson");
    }

    #[test]
    fn punctuation_and_spaces_fold_to_ascii_that_ends_words() {
        let text = "„Koch“ «Bakker» Meyer–Koch\u{a0}Anna…Brown © ‚Jan‘";
        let folded = fold(text);
        assert_eq!(
            folded.text,
            "\"koch\" \"bakker\" meyer-koch anna brown   'jan'"
        );
        let start = folded.text.find("koch").unwrap();
        let (s, e) = folded.original_span(start, start + 4);
        assert_eq!(&text[s..e], "Koch");
        // Letters, digits and marks are kept as letters.
        assert_eq!(fold("Zoë ²").text, "zoe ²");
    }

    #[test]
    fn nfd_folds_like_nfc() {
        let nfd = "Mu\u{0308}ller";
        let nfc = "Müller";
        assert_eq!(fold(nfd).text, fold(nfc).text);
    }

    #[test]
    fn spans_map_back_to_whole_original_chars() {
        let text = "Frau Müller kam";
        let folded = fold(text);
        let start = folded.text.find("mueller").unwrap();
        let (s, e) = folded.original_span(start, start + "mueller".len());
        assert_eq!(&text[s..e], "Müller");

        let nfd = "Herr Mu\u{0308}ller.";
        let folded = fold(nfd);
        let start = folded.text.find("mueller").unwrap();
        let (s, e) = folded.original_span(start, start + 7);
        assert_eq!(&nfd[s..e], "Mu\u{0308}ller");
    }

    #[test]
    fn spans_between_and_after_rewritten_chars() {
        let text = "Grüße an Jürgen WEIß, Mu\u{0308}ller und Zoë.";
        let folded = fold(text);
        assert_eq!(folded.text, "gruesse an juergen weiss, mueller und zoe.");
        for (word, original) in [
            ("gruesse", "Grüße"),
            ("an", "an"),
            ("juergen", "Jürgen"),
            ("weiss", "WEIß"),
            ("mueller", "Mu\u{0308}ller"),
            ("und", "und"),
            ("zoe.", "Zoë."),
            ("e.", "ë."),
        ] {
            let start = folded.text.find(word).unwrap();
            let (s, e) = folded.original_span(start, start + word.len());
            assert_eq!(&text[s..e], original, "{word}");
        }
    }

    #[test]
    fn long_ascii_runs_before_marks_and_umlauts() {
        for (text, folded, word, original) in [
            (
                "Sehr geehrter Herr Mu\u{0308}ller, Gruesse",
                "sehr geehrter herr mueller, gruesse",
                "mueller",
                "Mu\u{0308}ller",
            ),
            (
                "ABCDEFGHIJKLMNOP Jürgen QRSTUVWXYZ0123456789",
                "abcdefghijklmnop juergen qrstuvwxyz0123456789",
                "qrstuvwxyz",
                "QRSTUVWXYZ",
            ),
        ] {
            let f = fold(text);
            assert_eq!(f.text, folded);
            let start = f.text.find(word).unwrap();
            let (s, e) = f.original_span(start, start + word.len());
            assert_eq!(&text[s..e], original);
        }
    }

    #[test]
    fn common_chars_fold_like_the_unicode_tables() {
        for &(from, to) in &COMMON {
            for c in (from..to).filter_map(char::from_u32) {
                let (mut fast, mut slow) = (String::new(), String::new());
                push_folded(c, Umlauts::Spelled, &mut fast);
                push_folded_slow(c, Umlauts::Spelled, &mut slow);
                assert_eq!(fast, slow, "{c:?}");
                // In text, alone and before chars that may or may not be marks.
                for after in [
                    "", "x", "\u{308}", "\u{20d7}", "ä", "–", "\u{fe0f}", "\u{2cf}",
                ] {
                    let text = format!("A{c}{after}");
                    let mut expected = String::from("a");
                    fold_pattern_into(&format!("{c}{after}"), Umlauts::Spelled, &mut expected);
                    assert_eq!(fold(&text).text, expected, "{text:?}");
                }
            }
        }
        // Chars outside the table fold as before.
        assert_eq!(fold("Łódź ẞ İ").text, "lodz ss i\u{307}");
    }

    #[test]
    fn folded_chars_have_no_ascii_capitals() {
        // The roster reads folded text as lower case (see `Roster::find`).
        let mut folded = String::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            folded.clear();
            push_folded(c, Umlauts::Spelled, &mut folded);
            assert!(!folded.bytes().any(|b| b.is_ascii_uppercase()), "{c:?}");
        }
        assert_eq!(
            fold("ÄRZTIN K\u{212a}OCH Mu\u{308}LLER").text,
            "aerztin kkoch mueller"
        );
    }

    #[test]
    fn ascii_is_kept_in_place() {
        let folded = fold("Anna KOCH");
        assert_eq!(folded.text, "Anna KOCH");
        assert_eq!(folded.original_span(5, 9), (5, 9));
    }
}
