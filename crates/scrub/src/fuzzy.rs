//! Misspelt roster names: `Huntter` for `Hunter`, `Rboert` for `Robert`,
//! `Doroth` for `Dorothy`. Every roster name part of five letters or more is
//! stored with all its one-letter deletions (the symmetric-deletion method),
//! so a word of the text is looked up with its own deletions in a few hash
//! probes; a candidate is kept when its edit distance (with transpositions)
//! to the roster part is one. The hashes of all deletions of a word come
//! from one pass over it (a polynomial hash), and a bit filter in front of
//! the map turns most probes away.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::fold::{Umlauts, fold_pattern, fold_pattern_into};
use crate::lexicon::{Ident, NAME};
use crate::token::{Case, Doc, Kind};
use crate::{Category, Finding};

/// Rule name of fuzzy roster findings.
pub(crate) const FUZZY_RULE: &str = "roster.fuzzy";

/// Shortest roster part that is matched with a misspelling.
const MIN_LEN: usize = 5;

/// Roster parts and their deletion variants.
#[derive(Debug, Default, Clone)]
pub(crate) struct Fuzzy {
    /// Hash of a folded part or deletion variant -> indexes into `parts`.
    keys: HashMap<u64, Vec<u32>, BuildHasherDefault<Ident>>,
    /// One bit per key class (the low bits of a key), set for every key in
    /// `keys`: most variants of a word are rejected here without a probe.
    filter: Vec<u64>,
    /// Folded parts and their categories.
    parts: Vec<(Vec<char>, Category)>,
    /// Shortest and longest part in chars.
    lengths: (usize, usize),
    /// ASCII letters that start a part (bit 0 = `a`); other first letters set bit 63.
    initials: u64,
    /// One bit per class of (first two chars, length) and of (last two
    /// chars, length) of the parts, set for the lengths one away too: see
    /// [`Fuzzy::ends_fit`].
    ends: Vec<u64>,
}

/// Bits of [`Fuzzy::ends`].
const ENDS_BITS: usize = 1 << 15;

/// The [`Fuzzy::ends`] bit of two chars at the start (`tail` false) or end
/// of a word of `len` chars.
fn ends_bit(a: char, b: char, len: usize, tail: bool) -> usize {
    let h = (u64::from(a as u32) << 32 | u64::from(b as u32))
        ^ (len as u64) << 21
        ^ u64::from(tail) << 63;
    let h = h.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h >> 49) as usize & (ENDS_BITS - 1)
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

/// The multiplier of the polynomial hash of [`variant_keys`].
const BASE: u64 = 0x0000_0100_0000_01b3;

/// Hashes of `word` and of each of its one-char deletions, without
/// building the variants: a polynomial hash, so the hash of `word` with the
/// bytes `a..b` left out is `prefix(a) * BASE^(n - b) + suffix(b)`, each
/// variant in constant time. `scratch` is scratch space.
fn variant_keys(word: &[u8], scratch: &mut Vec<u64>, mut each: impl FnMut(u64)) {
    let n = word.len();
    // scratch = [suffix(0) ..= suffix(n), BASE^0 ..= BASE^n], where
    // suffix(b) is the hash of word[b..] with the powers of the whole word.
    scratch.clear();
    scratch.resize(2 * (n + 1), 0);
    let (suffix, powers) = scratch.split_at_mut(n + 1);
    powers[0] = 1;
    for k in 1..=n {
        powers[k] = powers[k - 1].wrapping_mul(BASE);
    }
    for b in (0..n).rev() {
        suffix[b] = suffix[b + 1].wrapping_add(u64::from(word[b]).wrapping_mul(powers[n - 1 - b]));
    }
    each(mix(suffix[0]));
    // Walk the chars, `prefix` the hash of word[..a].
    let mut prefix = 0u64;
    let mut a = 0;
    while a < n {
        let mut b = a + 1;
        while b < n && word[b] & 0xC0 == 0x80 {
            b += 1;
        }
        each(mix(prefix
            .wrapping_mul(powers[n - b])
            .wrapping_add(suffix[b])));
        for &byte in &word[a..b] {
            prefix = prefix.wrapping_mul(BASE).wrapping_add(u64::from(byte));
        }
        a = b;
    }
}

/// Mixes a polynomial hash so that its low bits depend on every byte.
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// Scratch buffers of [`Fuzzy::find`]: a folded word and the suffix hashes.
#[derive(Default)]
struct Scratch {
    word: String,
    suffix: Vec<u64>,
    chars: Vec<char>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

impl Fuzzy {
    /// Adds one name part.
    pub fn add(&mut self, part: &str, category: Category) {
        let folded = fold_pattern(part, Umlauts::Spelled);
        let chars: Vec<char> = folded.chars().collect();
        if chars.len() < MIN_LEN || !chars.iter().all(|c| c.is_alphabetic()) {
            return;
        }
        if let Some(p) = self.parts.iter_mut().find(|p| p.0 == chars) {
            p.1 = p.1.min(category);
            return;
        }
        let id = self.parts.len() as u32;
        self.initials |= initial_bit(chars[0]);
        self.lengths = if self.parts.is_empty() {
            (chars.len(), chars.len())
        } else {
            (
                self.lengths.0.min(chars.len()),
                self.lengths.1.max(chars.len()),
            )
        };
        let mut new_keys = Vec::new();
        variant_keys(folded.as_bytes(), &mut Vec::new(), |k| new_keys.push(k));
        for &k in &new_keys {
            let ids = self.keys.entry(k).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        if self.ends.is_empty() {
            self.ends = vec![0; ENDS_BITS / 64];
        }
        let n = chars.len();
        for len in n - 1..=n + 1 {
            for bit in [
                ends_bit(chars[0], chars[1], len, false),
                ends_bit(chars[n - 2], chars[n - 1], len, true),
            ] {
                self.ends[bit / 64] |= 1 << (bit % 64);
            }
        }
        self.parts.push((chars, category));
        // About eight bits per key keeps false passes near one in eight.
        let words = (self.keys.len() * 8).next_power_of_two().max(1024) / 64;
        if words != self.filter.len() {
            self.filter = vec![0; words];
            new_keys = self.keys.keys().copied().collect();
        }
        for k in new_keys {
            let bit = k & (self.filter.len() * 64 - 1) as u64;
            self.filter[(bit / 64) as usize] |= 1 << (bit % 64);
        }
    }

    /// Whether a part may be one edit away from the folded `word` of `n`
    /// chars (four or more), by their ends: parts have five chars or more,
    /// so one edit leaves either the first two chars or the last two in
    /// place (an edit among the first two leaves the last two), and the
    /// lengths differ by one at most.
    fn ends_fit(&self, word: &str, n: usize) -> bool {
        let mut head = word.chars();
        let mut tail = word.chars().rev();
        let (Some(a), Some(b), Some(z), Some(y)) =
            (head.next(), head.next(), tail.next(), tail.next())
        else {
            return false;
        };
        [ends_bit(a, b, n, false), ends_bit(y, z, n, true)]
            .iter()
            .any(|&bit| self.ends[bit / 64] & (1 << (bit % 64)) != 0)
    }

    /// Whether `key` may be in `keys` (false: it is not).
    #[inline]
    fn may_have(&self, key: u64) -> bool {
        let bit = key & (self.filter.len() * 64 - 1) as u64;
        self.filter[(bit / 64) as usize] & (1 << (bit % 64)) != 0
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
            let best = SCRATCH.with(|scratch| {
                let mut scratch = scratch.borrow_mut();
                let Scratch {
                    word,
                    suffix,
                    chars,
                } = &mut *scratch;
                word.clear();
                let s = doc.s(i);
                if s.is_ascii() {
                    word.push_str(s);
                    word.make_ascii_lowercase();
                } else {
                    fold_pattern_into(s, Umlauts::Spelled, word);
                }
                let n = if word.is_ascii() {
                    word.len()
                } else {
                    word.chars().count()
                };
                if n + 1 < MIN_LEN || !self.ends_fit(word, n) {
                    return None;
                }
                let mut best: Option<Category> = None;
                chars.clear();
                variant_keys(word.as_bytes(), suffix, |k| {
                    if !self.may_have(k) {
                        return;
                    }
                    let Some(ids) = self.keys.get(&k) else { return };
                    if chars.is_empty() {
                        chars.extend(word.chars());
                    }
                    let w = &chars[..];
                    for &id in ids {
                        let (part, category) = &self.parts[id as usize];
                        if part != w && within_one(part, w) {
                            best = Some(best.map_or(*category, |b| b.min(*category)));
                        }
                    }
                });
                best
            });
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
pub(crate) fn within_one(a: &[char], b: &[char]) -> bool {
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
    fn deletion_keys_are_the_keys_of_the_deleted_words() {
        for word in ["huntter", "müller", "zoë", "a"] {
            let mut keys = Vec::new();
            variant_keys(word.as_bytes(), &mut Vec::new(), |k| keys.push(k));
            let mut expected = vec![word.to_string()];
            for (at, c) in word.char_indices() {
                expected.push(format!("{}{}", &word[..at], &word[at + c.len_utf8()..]));
            }
            assert_eq!(keys.len(), expected.len());
            for (key, variant) in keys.iter().zip(&expected) {
                let mut own = Vec::new();
                variant_keys(variant.as_bytes(), &mut Vec::new(), |k| own.push(k));
                assert_eq!(*key, own[0], "{word} -> {variant}");
            }
        }
    }

    #[test]
    fn every_word_one_edit_away_passes_the_ends_filter() {
        for part in ["hunter", "müller", "dorothy", "zoëla"] {
            let mut f = Fuzzy::default();
            f.add(part, Category::PatientName);
            let p: Vec<char> = fold_pattern(part, Umlauts::Spelled).chars().collect();
            let letters = ['a', 'e', 'z', 'ü', 'h'];
            let mut edits: Vec<Vec<char>> = Vec::new();
            for k in 0..=p.len() {
                for &c in &letters {
                    let mut w = p.clone();
                    w.insert(k, c);
                    edits.push(w);
                    if k < p.len() {
                        let mut w = p.clone();
                        w[k] = c;
                        edits.push(w);
                    }
                }
                if k < p.len() {
                    let mut w = p.clone();
                    w.remove(k);
                    edits.push(w);
                }
                if k + 1 < p.len() {
                    let mut w = p.clone();
                    w.swap(k, k + 1);
                    edits.push(w);
                }
            }
            for w in edits {
                let word: String = w.iter().collect();
                assert!(within_one(&p, &w), "{word}");
                assert!(f.ends_fit(&word, w.len()), "{part} -> {word}");
            }
        }
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
