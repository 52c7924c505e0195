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
