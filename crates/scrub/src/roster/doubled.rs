//! Short roster names typed with a letter doubled: `Wiill` for `Will`,
//! `Noorr` for `Noor`. The misspelt-name search starts at five letters,
//! where one edit of any kind is safe; a roster name of three or four
//! letters is one edit from many words, but a doubled letter is a narrow
//! edit. Each doubled form of such a name is a form of the roster (found by
//! the exact search, at no cost of its own) unless it is a word the lexicon
//! knows or an ordinary word (`Anna` doubles `Ana`, `Dann` doubles `Dan`).
//! A word no list knows stays a risk (`Bett` doubles `Bet`).

use crate::fold::{Umlauts, fold_pattern};
use crate::lexicon::{is_common_word, lookup};

/// The chars of the shortest and the longest roster part doubled.
const PART_CHARS: (usize, usize) = (3, 4);

/// The doubled forms of the roster name part `part` (folded, lower case),
/// if it has three or four letters.
pub(super) fn doubled_forms(part: &str) -> impl Iterator<Item = String> {
    let chars: Vec<char> = fold_pattern(part, Umlauts::Spelled).chars().collect();
    let short = (PART_CHARS.0..=PART_CHARS.1).contains(&chars.len())
        && chars.iter().all(|c| c.is_alphabetic());
    let n = if short { chars.len() } else { 0 };
    (0..n)
        .map(move |k| chars[..=k].iter().chain(&chars[k..]).collect::<String>())
        .filter(|form| lookup(form).flags == 0 && !is_common_word(form))
}

#[cfg(test)]
mod tests {
    use crate::{Category, RosterBuilder, Scrubber};

    /// The roster's findings in `text` (the patient's).
    fn found(parts: &[&str], text: &str) -> Vec<String> {
        let mut roster = RosterBuilder::new();
        for p in parts {
            roster.add_name(p, Category::PatientName);
        }
        let scrubber = Scrubber::new(roster.build());
        scrubber
            .find(text, crate::Lang::De)
            .iter()
            .filter(|x| x.category == Category::PatientName)
            .map(|x| text[x.start..x.end].to_string())
            .collect()
    }

    #[test]
    fn short_names_with_a_letter_doubled_are_found() {
        assert_eq!(
            found(&["Will", "Noor"], "Wiill und Noorr kommen, Willl auch."),
            ["Wiill", "Noorr", "Willl"]
        );
        assert_eq!(found(&["Noor"], "hallo noorr, bis morgen"), ["noorr"]);
        // Accents and umlauts as the roster folds them.
        assert_eq!(found(&["Noé"], "Nooé und Noee"), ["Nooé", "Noee"]);
        assert_eq!(found(&["Jön"], "Jönn und Joenn"), ["Jönn", "Joenn"]);
    }

    #[test]
    fn doubled_forms_that_are_words_or_other_names_stay() {
        // `Anna` doubles `Ana`, `Dann` doubles `Dan`, `Otto` doubles `Oto`.
        assert!(found(&["Ana", "Dan", "Oto"], "Anna kommt. Dann Otto.").is_empty());
        // Names of five letters or more are the misspelt-name rule's.
        assert_eq!(found(&["Hanna"], "Hannna kommt."), ["Hannna"]);
    }
}
