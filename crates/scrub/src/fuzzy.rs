//! Misspelt roster names: `Huntter` for `Hunter`, `Rboert` for `Robert`,
//! `Doroth` for `Dorothy`. Every roster name part of five letters or more is
//! stored with all its one-letter deletions (the symmetric-deletion method),
//! so a word of the text is looked up with its own deletions in a few hash
//! probes; a candidate is kept when its edit distance (with transpositions)
//! to the roster part is one.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::fold::{Umlauts, fold_pattern};
use crate::lexicon::{Fx, NAME};
use crate::token::{Case, Doc, Kind};
use crate::{Category, Finding};

/// Rule name of fuzzy roster findings.
pub(crate) const FUZZY_RULE: &str = "roster.fuzzy";

/// Shortest roster part that is matched with a misspelling.
const MIN_LEN: usize = 5;

/// Roster parts and their deletion variants.
#[derive(Debug, Default, Clone)]
pub(crate) struct Fuzzy {
    /// Folded part or deletion variant -> indexes into `parts`.
    keys: HashMap<String, Vec<u32>, BuildHasherDefault<Fx>>,
    /// Folded parts and their categories.
    parts: Vec<(Vec<char>, Category)>,
    /// Shortest and longest part in chars.
    lengths: (usize, usize),
    /// ASCII letters that start a part (bit 0 = `a`); other first letters set bit 63.
    initials: u64,
}

/// The bit of a first letter in [`Fuzzy::initials`].
fn initial_bit(c: char) -> u64 {
    let c = c.to_ascii_lowercase();
    if c.is_ascii_lowercase() {
        1 << (c as u8 - b'a')
    } else {
        1 << 63
    }
}

fn deletions(w: &[char]) -> impl Iterator<Item = String> + '_ {
    (0..w.len()).map(move |k| w[..k].iter().chain(&w[k + 1..]).collect())
}

impl Fuzzy {
    /// Adds one name part.
    pub fn add(&mut self, part: &str, category: Category) {
        let folded: Vec<char> = fold_pattern(part, Umlauts::Spelled).chars().collect();
        if folded.len() < MIN_LEN || !folded.iter().all(|c| c.is_alphabetic()) {
            return;
        }
        if let Some(p) = self.parts.iter_mut().find(|p| p.0 == folded) {
            p.1 = p.1.min(category);
            return;
        }
        let id = self.parts.len() as u32;
        self.initials |= initial_bit(folded[0]);
        self.lengths = if self.parts.is_empty() {
            (folded.len(), folded.len())
        } else {
            (
                self.lengths.0.min(folded.len()),
                self.lengths.1.max(folded.len()),
            )
        };
        let whole: String = folded.iter().collect();
        for key in std::iter::once(whole).chain(deletions(&folded)) {
            self.keys.entry(key).or_default().push(id);
        }
        self.parts.push((folded, category));
    }

    /// Appends findings for words of `doc` one edit away from a roster part.
    /// Only name-shaped words that the lexicon does not know as anything
    /// but a name are tried.
    pub fn find(&self, doc: &Doc<'_>, out: &mut Vec<Finding>) {
        if self.parts.is_empty() {
            return;
        }
        for (i, t) in doc.toks.iter().enumerate() {
            let bytes = t.end - t.start;
            // Words too short or too long for any part (folding can double
            // a byte count, never more).
            if t.kind != Kind::Word
                || bytes + 1 < self.lengths.0
                || bytes > 2 * (self.lengths.1 + 1) + 2
            {
                continue;
            }
            if t.info.flags & !NAME != 0
                || (doc.cased && t.case == Case::Lower)
                || doc.glued_before(i)
                || doc.glued_after(i)
            {
                continue;
            }
            // A misspelling keeps the first or the second letter in place.
            let mut chars = doc.s(i).chars();
            let (c0, c1) = (chars.next().unwrap_or(' '), chars.next().unwrap_or(' '));
            if self.initials & (initial_bit(c0) | initial_bit(c1)) == 0 {
                continue;
            }
            let word: Vec<char> = fold_pattern(doc.s(i), Umlauts::Spelled).chars().collect();
            if word.len() + 1 < MIN_LEN {
                continue;
            }
            let whole: String = word.iter().collect();
            let mut best: Option<Category> = None;
            for key in std::iter::once(whole).chain(deletions(&word)) {
                let Some(ids) = self.keys.get(&key) else {
                    continue;
                };
                for &id in ids {
                    let (part, category) = &self.parts[id as usize];
                    if *part != word && within_one(part, &word) {
                        best = Some(best.map_or(*category, |b| b.min(*category)));
                    }
                }
            }
            if let Some(category) = best {
                out.push(Finding {
                    start: t.start,
                    end: t.end,
                    category,
                    rule: FUZZY_RULE,
                });
            }
        }
    }
}

/// Whether `a` and `b` are at most one edit apart (insert, delete,
/// substitute, or swap two neighbours).
fn within_one(a: &[char], b: &[char]) -> bool {
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if prefix == la && prefix == lb {
        return true;
    }
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    if la == lb {
        // Substitution or transposition.
        ra[1..] == rb[1..]
            || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
    } else if la > lb {
        ra[1..] == *rb
    } else {
        *ra == rb[1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(parts: &[&str], text: &str) -> Vec<String> {
        let mut f = Fuzzy::default();
        for p in parts {
            f.add(p, Category::PatientName);
        }
        let doc = Doc::new(text);
        let mut out = Vec::new();
        f.find(&doc, &mut out);
        out.iter()
            .map(|x| text[x.start..x.end].to_string())
            .collect()
    }

    #[test]
    fn one_edit_away() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(within_one(&c("hunter"), &c("huntter")));
        assert!(within_one(&c("robert"), &c("rboert")));
        assert!(within_one(&c("dorothy"), &c("doroth")));
        assert!(within_one(&c("brown"), &c("brwn")));
        assert!(!within_one(&c("robert"), &c("rbeort")));
        assert!(within_one(&c("anna"), &c("hanna")));
        assert!(!within_one(&c("anna"), &c("hannah")));
    }

    #[test]
    fn misspelt_roster_names_are_found() {
        assert_eq!(
            found(
                &["Hunter", "Dorothy", "Robert"],
                "Thank you (Huntter's granddaughter), Doroth and Rboert"
            ),
            ["Huntter", "Doroth", "Rboert"]
        );
        // Short parts and ordinary words stay.
        assert!(
            found(&["Anna"], "Gestern kam Hanna.").is_empty(),
            "parts under five letters"
        );
        assert!(found(&["Robert"], "The robot said").is_empty());
    }
}
