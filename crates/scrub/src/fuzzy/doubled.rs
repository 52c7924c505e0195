//! Short roster names typed with a letter doubled: `Wiill` for `Will`,
//! `Noorr` for `Noor`. The misspelt-name search starts at five letters,
//! where one edit of any kind is safe; a roster name of three or four
//! letters is one edit from many words, but a doubled letter is a narrow
//! edit. Each doubled form of such a name is kept unless it is a word the
//! lexicon knows or an ordinary word (`Anna` doubles `Ana`, `Dann` doubles
//! `Dan`). A word no list knows stays a risk (`Bett` doubles `Bet`).

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::cand::Cands;
use crate::fold::{Umlauts, fold_pattern_into};
use crate::lexicon::{Ident, NAME, ascii_key, is_common_word, lookup, word_key};
use crate::token::{Case, Doc, Kind};
use crate::{Category, Finding};

/// Rule name of doubled-letter roster findings.
const DOUBLED_RULE: &str = "roster.doubled";

/// The chars of the shortest and the longest roster part looked for.
const PART_CHARS: (usize, usize) = (3, 4);

/// The doubled forms of the short roster parts.
#[derive(Debug, Default, Clone)]
pub(crate) struct Doubled {
    /// [`word_key`] of a folded doubled form -> the category of its part
    /// (the best one if two parts double to the same form).
    forms: HashMap<u64, Category, BuildHasherDefault<Ident>>,
    /// The byte lengths the forms may have in the text, one bit each.
    lens: u32,
    /// The first letters of the forms: bit `c - b'a'` for an ASCII letter,
    /// bit 63 for any other.
    initials: u64,
}

/// The [`Doubled::initials`] bit of a word's first byte.
fn initial_bit(b: u8) -> u64 {
    let c = b | 0x20;
    if c.is_ascii_lowercase() {
        1 << (c - b'a')
    } else {
        1 << 63
    }
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
            // Folding keeps a word's byte count (`ü` is `ue`, `ß` is `ss`)
            // or drops a byte for each accent (`é` is `e`): the word in the
            // text has as many bytes as the form, or one or two more.
            self.lens |= 0b111 << form.len();
            // A word that starts with a char that is not ASCII may fold to
            // any form.
            self.initials |= initial_bit(form.as_bytes()[0]) | 1 << 63;
            self.forms
                .entry(word_key(form.as_bytes()))
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
        let mut word = String::new();
        for i in cands.iter() {
            let t = &doc.toks[i];
            let bytes = t.end - t.start;
            if bytes > 31
                || self.lens & (1 << bytes) == 0
                || self.initials & initial_bit(doc.text.as_bytes()[t.start]) == 0
                || doc.cased && t.case == Case::Lower
                || doc.glued_before(i)
                || doc.glued_after(i)
            {
                continue;
            }
            let s = doc.s(i);
            let key = if s.is_ascii() {
                ascii_key(s.as_bytes())
            } else {
                word.clear();
                fold_pattern_into(s, Umlauts::Spelled, &mut word);
                word_key(word.as_bytes())
            };
            if let Some(&category) = self.forms.get(&key) {
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
        // Accents and umlauts as the roster folds them.
        assert_eq!(found(&["Noé"], "Nooé und Noee"), ["Nooé", "Noee"]);
        assert_eq!(found(&["Jön"], "Jönn und Joenn"), ["Jönn", "Joenn"]);
    }

    #[test]
    fn doubled_forms_that_are_words_or_other_names_stay() {
        // `Anna` doubles `Ana`, `Dann` doubles `Dan`, `Otto` doubles `Oto`.
        assert!(found(&["Ana", "Dan", "Oto"], "Anna kommt. Dann Otto.").is_empty());
        // Names of five letters or more are the misspelt-name rule's.
        assert!(found(&["Hanna"], "Hannna kommt.").is_empty());
    }
}
