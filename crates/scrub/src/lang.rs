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
    /// Cheap: one pass over the words, a hash lookup each, stopping after
    /// 200 words.
    pub fn detect(text: &str) -> Option<Lang> {
        use crate::lexicon::{LANG_DE, LANG_EN, LANG_NL, ascii_key, lookup, lookup_ascii_key};
        let mut scores = [0u32; 3];
        let mut key = String::new();
        for word in text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty() && w.len() <= 20)
            .take(200)
        {
            // An ASCII word is keyed on its bytes, lower-cased on the fly.
            let flags = if word.is_ascii() {
                lookup_ascii_key(word.len(), ascii_key(word.as_bytes())).flags
            } else {
                key.clear();
                key.extend(word.chars().flat_map(char::to_lowercase));
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
}

#[cfg(test)]
mod tests {
    use super::*;

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
