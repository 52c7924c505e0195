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

/// Folded text and, unless the input was plain ASCII, the original span of
/// every folded byte.
#[derive(Debug)]
pub(crate) struct Folded<'a> {
    /// The folded text; ASCII input is kept as it is (matchers compare
    /// ASCII case-insensitively).
    pub text: Cow<'a, str>,
    /// For each byte of `text`: start and end byte of its original char.
    /// `None` when folding kept every byte in place (ASCII input).
    map: Option<Vec<(u32, u32)>>,
}

impl Folded<'_> {
    /// Original byte span of the folded byte span `start..end` (end > start).
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        match &self.map {
            None => (start, end),
            Some(map) => (map[start].0 as usize, map[end - 1].1 as usize),
        }
    }
}

/// Folds `text` for matching (see the module docs).
pub(crate) fn fold(text: &str) -> Folded<'_> {
    if text.is_ascii() {
        return Folded {
            text: Cow::Borrowed(text),
            map: None,
        };
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut map = Vec::with_capacity(text.len() + 8);
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // ASCII not followed by a combining mark (U+0300..U+036F start with
        // 0xCC or 0xCD): one byte in, one byte out.
        let b = bytes[at];
        if b < 0x80 && !matches!(bytes.get(at + 1), Some(0xCC | 0xCD)) {
            out.push(char::from(b.to_ascii_lowercase()));
            map.push((at as u32, at as u32 + 1));
            at += 1;
            continue;
        }
        let next = fold_char(text, at, &mut out, &mut map);
        at = next;
    }
    Folded {
        text: Cow::Owned(out),
        map: Some(map),
    }
}

/// Folds the char at byte `at` with the combining marks after it; returns
/// the byte after them.
fn fold_char(text: &str, at: usize, out: &mut String, map: &mut Vec<(u32, u32)>) -> usize {
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
        let before = out.len();
        push_folded(c, Umlauts::Spelled, out);
        for _ in before..out.len() {
            map.push((start as u32, end as u32));
        }
        return end;
    }
    text.len()
}

/// Folds a pattern (a name) with the given umlaut rule; no map is kept.
pub(crate) fn fold_pattern(text: &str, umlauts: Umlauts) -> String {
    let mut out = String::with_capacity(text.len() + 4);
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
        push_folded(c, umlauts, &mut out);
    }
    out
}

fn push_folded(c: char, umlauts: Umlauts, out: &mut String) {
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
            ('\u{2019}' | '\u{2018}' | '\u{02bc}', _) => out.push('\''),
            ('\u{2010}' | '\u{2011}', _) => out.push('-'),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_umlauts_and_accents() {
        assert_eq!(fold("Jürgen WEIß").text, "juergen weiss");
        assert_eq!(fold("Céline Gülçe").text, "celine guelce");
        assert_eq!(fold_pattern("Müller", Umlauts::Dropped), "muller");
        assert_eq!(fold_pattern("Müller", Umlauts::Spelled), "mueller");
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
    fn ascii_is_kept_in_place() {
        let folded = fold("Anna KOCH");
        assert_eq!(folded.text, "Anna KOCH");
        assert_eq!(folded.original_span(5, 9), (5, 9));
    }
}
