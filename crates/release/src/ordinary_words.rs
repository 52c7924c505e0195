//! The steward's reviewed list of names that are also ordinary words
//! (`[verify] ordinary_words`): where released text writes one as the word,
//! the leak scan notes it instead of failing.
//!
//! A listed word counts as the word when it is not right after a title or
//! form of address (`Frau Gut`, `Dr. Liebe` are the names) and it is
//! written
//! - in lower case (`mir geht es gut`);
//! - capitalised at the start of a text, line or sentence (`Gut, dass`);
//! - capitalised anywhere, when the steward listed it capitalised because
//!   the language writes it so (`Freitag`, a German weekday and noun);
//! - in capitals inside a message written in capitals (`LIEBE FRAU ...`).

use std::collections::BTreeMap;

/// Titles and forms of address: a word right after one is a name.
const TITLES: &[&str] = &[
    "dr",
    "prof",
    "hr",
    "fr",
    "herr",
    "herrn",
    "frau",
    "dipl",
    "med",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dhr",
    "mevr",
    "mevrouw",
    "meneer",
    "mw",
    "schwester",
    "pfleger",
    "zuster",
    "nurse",
];

/// Abbreviations that end in a full stop but do not end a sentence.
const ABBREVIATIONS: &[&str] = &["st", "sr", "bzw", "z", "ca", "vs", "nr"];

/// The reviewed words, by their lower-case form; `true` for a word the
/// steward listed capitalised (a word the language capitalises).
#[derive(Debug, Default)]
pub(crate) struct OrdinaryWords {
    words: BTreeMap<String, bool>,
}

impl OrdinaryWords {
    /// The words as the pipeline lists them.
    pub fn new(listed: &[String]) -> OrdinaryWords {
        OrdinaryWords {
            words: listed
                .iter()
                .map(|w| w.trim())
                .filter(|w| !w.is_empty())
                .map(|w| (w.to_lowercase(), w.starts_with(char::is_uppercase)))
                .collect(),
        }
    }

    /// Whether the protected name part `pattern` (lower case), found at
    /// byte `start` of the lower-cased `value`, is written there as the
    /// listed word.
    pub fn is_the_word(&self, value: &str, start: usize, pattern: &str) -> bool {
        let Some(&capitalised_word) = self.words.get(pattern) else {
            return false;
        };
        let Some(written) = value.get(start..start + pattern.len()) else {
            return false; // lower-casing moved the bytes: stay strict
        };
        let before = &value[..start];
        if after_title(before) {
            return false;
        }
        if written == pattern {
            return true;
        }
        let mut chars = written.chars();
        let first_upper = chars.next().is_some_and(char::is_uppercase);
        let rest: String = chars.collect();
        if first_upper && rest.chars().all(|c| !c.is_uppercase()) {
            return capitalised_word || sentence_start(before);
        }
        written.chars().all(|c| !c.is_lowercase()) && shouting(value)
    }
}

/// Whether most letters of `value` are capitals (a message typed in caps).
fn shouting(value: &str) -> bool {
    let (mut upper, mut letters) = (0usize, 0usize);
    for c in value.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        upper += usize::from(c.is_uppercase());
    }
    letters >= 10 && upper * 10 >= letters * 8
}

/// The word that ends `before` (after spaces and a full stop), lower case.
fn previous_word(before: &str) -> (String, bool) {
    let trimmed = before.trim_end_matches([' ', '\t']);
    let stop = trimmed.ends_with('.');
    let trimmed = trimmed.trim_end_matches('.');
    let word: String = trimmed
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (word.to_lowercase(), stop)
}

/// Whether a word after `before` stands right after a title.
fn after_title(before: &str) -> bool {
    let (word, _) = previous_word(before);
    TITLES.contains(&word.as_str())
}

/// Whether a word after `before` starts a text, a line or a sentence.
fn sentence_start(before: &str) -> bool {
    let trimmed = before.trim_end_matches([' ', '\t']);
    let spaced = trimmed.len() < before.len();
    match trimmed.chars().next_back() {
        None | Some('\n' | '\r') => true,
        Some('!' | '?') => spaced,
        Some('.') => {
            let (word, _) = previous_word(before);
            spaced && !word.is_empty() && !ABBREVIATIONS.contains(&word.as_str())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(listed: &[&str]) -> OrdinaryWords {
        OrdinaryWords::new(&listed.iter().map(|w| w.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn a_lower_case_word_counts_in_lower_case_and_at_sentence_starts() {
        let w = words(&["gut"]);
        assert!(w.is_the_word("es geht mir gut", 12, "gut"));
        assert!(w.is_the_word("Gut, dass", 0, "gut"));
        assert!(w.is_the_word("danke.\nGut, dass", 7, "gut"));
        assert!(w.is_the_word("an. Gut, dass", 4, "gut"));
        assert!(w.is_the_word("wirklich? Gut.", 10, "gut"));
        assert!(!w.is_the_word("Dr. Gut sagt", 4, "gut"));
        assert!(!w.is_the_word("frau gut sagt", 5, "gut"));
        assert!(!w.is_the_word("bei Gut melden", 4, "gut"));
        assert!(!w.is_the_word("Fr. Gut", 4, "gut"));
        assert!(!w.is_the_word("3. Gut", 3, "gut"));
        assert!(!w.is_the_word("Termin bei GUT", 11, "gut"));
        assert!(!w.is_the_word("frau koch", 5, "koch"));
        assert!(!words(&[]).is_the_word("mir gut", 4, "gut"));
    }

    #[test]
    fn a_capitalised_word_counts_capitalised_except_after_a_title() {
        let w = words(&["Freitag"]);
        assert!(w.is_the_word("der Termin ist am Freitag.", 18, "freitag"));
        assert!(w.is_the_word("bis freitag", 4, "freitag"));
        assert!(!w.is_the_word("bei Frau Freitag", 9, "freitag"));
        assert!(!w.is_the_word("Grüße an Herrn Freitag", 15, "freitag"));
        assert!(!w.is_the_word("Grüße an FREITAG", 9, "freitag"));
    }

    #[test]
    fn capitals_count_only_in_a_message_typed_in_capitals() {
        let w = words(&["liebe"]);
        assert!(w.is_the_word("LIEBE FRAU DR. [PATIENT], DANKE", 0, "liebe"));
        assert!(!w.is_the_word("Hallo, Ihre LIEBE Nachbarin schreibt", 12, "liebe"));
    }
}
