//! The languages veil scrubs.

use std::fmt;

/// A message language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// German.
    De,
    /// Dutch.
    Nl,
    /// English.
    En,
}

impl Lang {
    /// Parses an ISO 639-1 code (`de`, `nl`, `en`), case-insensitively.
    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "de" | "deu" | "ger" | "german" => Some(Lang::De),
            "nl" | "nld" | "dut" | "dutch" => Some(Lang::Nl),
            "en" | "eng" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Lang {
    /// Guesses the language of `text` by counting stop words of each
    /// language; None when no stop word is found or two languages tie.
    /// Cheap: one pass over the words (maximal runs of alphabetic chars),
    /// a table lookup each, stopping after 200 words of at most 20 bytes;
    /// runs of ASCII letters are read eight bytes at a time.
    pub fn detect(text: &str) -> Option<Lang> {
        use crate::lexicon::{LANG_DE, LANG_EN, LANG_NL, Spelling, table};
        const WORDS: usize = 200;
        const LONGEST: usize = 20;
        let bytes = text.as_bytes();
        let table = table();
        let mut scores = [0u32; 3];
        let mut words = 0;
        let mut i = 0;
        while i < bytes.len() && words < WORDS {
            let b = bytes[i];
            let run_end = if b.is_ascii_alphabetic() {
                let run = crate::token::ascii_run(bytes, i);
                if !(run.non_ascii_after && continues_word(text, run.end)) {
                    // A word of ASCII letters.
                    let len = run.end - i;
                    if len <= LONGEST {
                        words += 1;
                        add(&mut scores, table.ascii(len, run.key(bytes, i)).flags);
                    }
                    i = run.end;
                    continue;
                }
                run.end
            } else if b < 0x80 {
                i += 1;
                continue;
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                if !c.is_alphabetic() {
                    i += c.len_utf8();
                    continue;
                }
                i
            };
            // A word with alphabetic chars that are not ASCII, lower-cased
            // char by char.
            let mut end = run_end;
            while continues_word(text, end) || bytes.get(end).is_some_and(u8::is_ascii_alphabetic) {
                end += text[end..].chars().next().map_or(1, char::len_utf8);
            }
            if end - i <= LONGEST {
                words += 1;
                let mut spelling = Spelling::new();
                for c in text[i..end].chars().flat_map(char::to_lowercase) {
                    spelling.push(c);
                }
                add(&mut scores, spelling.lookup().flags);
            }
            i = end;
        }
        let best = (0..3).max_by_key(|&k| scores[k])?;
        let max = scores[best];
        if max == 0 || scores.iter().filter(|&&s| s == max).count() > 1 {
            return None;
        }
        return Some([Lang::De, Lang::Nl, Lang::En][best]);

        /// Whether the char at `at` is alphabetic and not ASCII.
        #[inline]
        fn continues_word(text: &str, at: usize) -> bool {
            text.as_bytes().get(at).is_some_and(|&b| b >= 0x80)
                && text[at..].chars().next().is_some_and(char::is_alphabetic)
        }

        /// Counts a word with lexicon flags `flags` for its languages.
        fn add(scores: &mut [u32; 3], flags: u64) {
            for (k, flag) in [LANG_DE, LANG_NL, LANG_EN].into_iter().enumerate() {
                if flags & flag != 0 {
                    scores[k] += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// [`Lang::detect`] as it was before its fast path: split on chars.
    fn detect_by_chars(text: &str) -> Option<Lang> {
        use crate::lexicon::{LANG_DE, LANG_EN, LANG_NL, ascii_key, lookup, lookup_ascii_key};
        let mut scores = [0u32; 3];
        for word in text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty() && w.len() <= 20)
            .take(200)
        {
            let flags = if word.is_ascii() {
                lookup_ascii_key(word.len(), ascii_key(word.as_bytes())).flags
            } else {
                let key: String = word.chars().flat_map(char::to_lowercase).collect();
                lookup(&key).flags
            };
            for (k, flag) in [LANG_DE, LANG_NL, LANG_EN].into_iter().enumerate() {
                if flags & flag != 0 {
                    scores[k] += 1;
                }
            }
        }
        let best = (0..3).max_by_key(|&k| scores[k])?;
        let max = scores[best];
        if max == 0 || scores.iter().filter(|&&s| s == max).count() > 1 {
            return None;
        }
        Some([Lang::De, Lang::Nl, Lang::En][best])
    }

    #[test]
    fn detects_like_splitting_on_chars() {
        let texts = [
            "Für Frau Müller: ich bin über Ostern nicht da.",
            "Dear Team, IK BEN er niet",
            "ÜBER die Straße, naïve café für één",
            "und und und the the de de",
            "Mu\u{0308}ller und het en de",
            "abcdefghijklmnopqrstuvwxyz und het",
            "ab1cd_ef-und-het—the",
        ];
        for text in texts {
            assert_eq!(Lang::detect(text), detect_by_chars(text), "{text}");
        }
        // Only the first 200 words of 20 bytes or less count.
        let many = "und ".repeat(150) + &"het ".repeat(100) + &"the ".repeat(300);
        assert_eq!(Lang::detect(&many), detect_by_chars(&many));
        assert_eq!(Lang::detect(&many), Some(Lang::De));
        let long = "Donaudampfschifffahrtsgesellschaft het ".repeat(3) + "und";
        assert_eq!(Lang::detect(&long), detect_by_chars(&long));
    }

    proptest! {
        #[test]
        fn detects_like_splitting_on_chars_on_any_text(text in "[a-zA-Z äöüßéëÄÖÜ.,\u{300}-\u{30f}\u{100}-\u{17f}]{0,80}") {
            prop_assert_eq!(Lang::detect(&text), detect_by_chars(&text));
        }

        #[test]
        fn detects_like_splitting_on_chars_on_stop_words(words in proptest::collection::vec("(und|het|the|die|een|and|über|één|Über|ÜBER|niet|is|x)", 0..40), seps in "[ ,.\n]{1}") {
            let text = words.join(&seps);
            prop_assert_eq!(Lang::detect(&text), detect_by_chars(&text));
        }
    }

    #[test]
    fn detects_by_stop_words() {
        assert_eq!(
            Lang::detect("Ich habe seit gestern Fieber und bitte um einen Termin."),
            Some(Lang::De)
        );
        assert_eq!(
            Lang::detect("Ik heb sinds gisteren koorts en wil graag een afspraak."),
            Some(Lang::Nl)
        );
        assert_eq!(
            Lang::detect("I have had a fever since yesterday and would like an appointment."),
            Some(Lang::En)
        );
        assert_eq!(Lang::detect("12345 !!"), None);
        // ASCII words are keyed on their bytes; the same words lower-cased
        // through `char::to_lowercase` score alike.
        assert_eq!(
            Lang::detect("ICH HABE SEIT GESTERN FIEBER UND BITTE UM EINEN TERMIN"),
            Some(Lang::De)
        );
        assert_eq!(
            Lang::detect("Für Frau Müller: ich bin über Ostern nicht da."),
            Some(Lang::De)
        );
        assert_eq!(Lang::detect("Dear Team, IK BEN er niet"), Some(Lang::Nl));
        assert_eq!(Lang::parse("NL"), Some(Lang::Nl));
    }
}
