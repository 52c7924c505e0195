//! Ordinary words that are not taken for names where only a guess would
//! make them one: a misspelt roster name (`willen` is one letter from the
//! roster name `Willem`, but in a message typed in lower case it is the
//! Dutch verb), or the word after a relative or a title in a message typed
//! without capitals (`mijn moeder overleden`). The lists are in
//! `lexicons/*/common_words.txt`.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::fold::{Umlauts, fold_pattern};

const DE_COMMON: &str = include_str!("../../lexicons/de/common_words.txt");
const NL_COMMON: &str = include_str!("../../lexicons/nl/common_words.txt");
const EN_COMMON: &str = include_str!("../../lexicons/en/common_words.txt");

/// The words of every language, folded as the misspelt-name rule folds a
/// word (lower case, umlauts spelled out).
static COMMON: LazyLock<HashSet<String>> = LazyLock::new(|| {
    [DE_COMMON, NL_COMMON, EN_COMMON]
        .into_iter()
        .flat_map(super::lines)
        .map(|w| fold_pattern(w, Umlauts::Spelled))
        .collect()
});

/// Whether `folded` (a word folded with [`Umlauts::Spelled`]) is an
/// ordinary word of German, Dutch or English.
pub(crate) fn is_common_word(folded: &str) -> bool {
    COMMON.contains(folded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{DE_AMBIG, DE_FIRST, DE_SUR, EN_AMBIG, EN_FIRST, EN_SUR};
    use crate::lexicon::{NL_AMBIG, NL_FIRST, NL_SUR, first_entries, lines};

    #[test]
    fn common_words_are_found_in_any_spelling_of_their_umlauts() {
        assert!(is_common_word("willen"));
        assert!(is_common_word(&fold_pattern("Würde", Umlauts::Spelled)));
        assert!(is_common_word(&fold_pattern("WUERDE", Umlauts::Spelled)));
        assert!(!is_common_word("willem"));
    }

    #[test]
    fn no_common_word_is_a_listed_name() {
        let names: HashSet<String> = [DE_FIRST, NL_FIRST, EN_FIRST]
            .into_iter()
            .flat_map(first_entries)
            .map(|(_, name)| name)
            .chain(
                [DE_SUR, NL_SUR, EN_SUR, DE_AMBIG, NL_AMBIG, EN_AMBIG]
                    .into_iter()
                    .flat_map(lines)
                    .flat_map(str::split_whitespace),
            )
            .map(|name| fold_pattern(name, Umlauts::Spelled))
            .collect();
        let named: Vec<&String> = COMMON.iter().filter(|w| names.contains(*w)).collect();
        assert!(named.is_empty(), "common words that are names: {named:?}");
    }

    #[test]
    fn german_nouns_are_nothing_else_and_no_dutch_or_english_word() {
        use crate::lexicon::{DE_NOUN, NOUN, lookup};
        let others = [NL_COMMON, EN_COMMON];
        let others: HashSet<&str> = others.into_iter().flat_map(lines).collect();
        for w in lines(DE_NOUN) {
            assert_eq!(lookup(w).flags, NOUN, "{w}");
            assert!(!others.contains(w), "{w}");
        }
        assert_eq!(lookup("ueberweisung").flags, NOUN);
    }

    #[test]
    fn common_words_are_long_enough_to_be_misspelt_names() {
        // A word one edit from a roster part of five letters has four or more.
        let short: Vec<&String> = COMMON.iter().filter(|w| w.chars().count() < 4).collect();
        assert!(short.is_empty(), "{short:?}");
        assert!(COMMON.len() > 500, "{} words", COMMON.len());
    }
}
