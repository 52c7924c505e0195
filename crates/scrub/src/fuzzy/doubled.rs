//! Short roster names typed with a letter doubled: `Wiill` for `Will`,
//! `Noorr` for `Noor`. The misspelt-name search starts at five letters,
//! where one edit of any kind is safe; a roster name of three or four
//! letters is one edit from many words, but a doubled letter is a narrow
//! edit. Each doubled form of such a name is kept unless it is a word the
//! lexicon knows or an ordinary word (`Anna` doubles `Ana`, `Dann` doubles
//! `Dan`). A word no list knows stays a risk (`Bett` doubles `Bet`).

use std::collections::HashMap;

use crate::cand::Cands;
use crate::fold::{Umlauts, fold_pattern_into};
use crate::lexicon::{NAME, is_common_word, lookup};
use crate::token::{Case, Doc, Kind};
use crate::{Category, Finding};

/// Rule name of doubled-letter roster findings.
const DOUBLED_RULE: &str = "roster.doubled";

/// The chars of the shortest and the longest roster part looked for.
const PART_CHARS: (usize, usize) = (3, 4);

/// The doubled forms of the short roster parts.
#[derive(Debug, Default, Clone)]
pub(crate) struct Doubled {
    /// Folded doubled form -> the category of its part (the best one if
    /// two parts double to the same form).
    forms: HashMap<String, Category>,
}

impl Doubled {
    /// Adds the doubled forms of the roster part whose folded chars are
    /// `chars`, if it has three or four letters.
    pub fn add(&mut self, chars: &[char], category: Category) {
        if !(PART_CHARS.0..=PART_CHARS.1).contains(&chars.len())
            || !chars.iter().all(|c| c.is_alphabetic())
        {
            return;
        }
        for k in 0..chars.len() {
            let form: String = chars[..=k].iter().chain(&chars[k..]).collect();
            if lookup(&form).flags != 0 || is_common_word(&form) {
                continue;
            }
            self.forms
                .entry(form)
                .and_modify(|c| *c = (*c).min(category))
                .or_insert(category);
        }
    }

    /// Appends findings for the words of `doc` that are a doubled form:
    /// words the lexicon does not know (or knows only as a name), shaped
    /// as names (not in lower case in a cased message), standing alone.
    pub fn find(&self, doc: &Doc<'_>, out: &mut Vec<Finding>) {
        if self.forms.is_empty() {
            return;
        }
        let cands = match doc.unflagged {
            Some(bits) => Cands::of_bits(doc, bits),
            None => Cands::of(doc, |t| {
                (t.kind == Kind::Word) & (t.info.flags & !NAME == 0)
            }),
        };
        let (fewest, most) = (PART_CHARS.0 + 1, PART_CHARS.1 + 1);
        let mut word = String::new();
        for i in cands.iter() {
            let t = &doc.toks[i];
            // Folding spells an umlaut with two letters: a form of five
            // letters is at most ten bytes.
            let bytes = t.end - t.start;
            if !(fewest..=2 * most).contains(&bytes)
                || doc.cased && t.case == Case::Lower
                || doc.glued_before(i)
                || doc.glued_after(i)
            {
                continue;
            }
            word.clear();
            let s = doc.s(i);
            if s.is_ascii() {
                word.push_str(s);
                word.make_ascii_lowercase();
            } else {
                fold_pattern_into(s, Umlauts::Spelled, &mut word);
            }
            if let Some(&category) = self.forms.get(word.as_str()) {
                out.push(Finding {
                    start: t.start,
                    end: t.end,
                    category,
                    rule: DOUBLED_RULE,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold_pattern;

    /// The folded chars of a roster part, as [`Doubled::add`] takes them.
    fn folded(part: &str) -> Vec<char> {
        fold_pattern(part, Umlauts::Spelled).chars().collect()
    }

    fn found(parts: &[&str], text: &str) -> Vec<String> {
        let mut d = Doubled::default();
        for p in parts {
            d.add(&folded(p), Category::PatientName);
        }
        let doc = Doc::new(text);
        let mut out = Vec::new();
        d.find(&doc, &mut out);
        out.iter()
            .map(|x| text[x.start..x.end].to_string())
            .collect()
    }

    #[test]
    fn short_names_with_a_letter_doubled_are_found() {
        assert_eq!(
            found(&["Will", "Noor"], "Wiill und Noorr kommen, Willl auch."),
            ["Wiill", "Noorr", "Willl"]
        );
        // Lower case in a cased message, glued, and the name itself stay.
        assert!(found(&["Will"], "Ich sage wiill nicht zu Will.").is_empty());
        assert_eq!(found(&["Noor"], "hallo noorr, bis morgen"), ["noorr"]);
    }

    #[test]
    fn doubled_forms_that_are_words_or_other_names_stay() {
        // `Anna` doubles `Ana`, `Dann` doubles `Dan`, `Otto` doubles `Oto`.
        assert!(found(&["Ana", "Dan", "Oto"], "Anna kommt. Dann Otto.").is_empty());
        // Names of five letters or more are the misspelt-name rule's.
        assert!(found(&["Hanna"], "Hannna kommt.").is_empty());
    }
}
