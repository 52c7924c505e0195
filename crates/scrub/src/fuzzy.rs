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

use crate::cand::Cands;
use crate::fold::{Umlauts, fold_pattern, fold_pattern_into};
use crate::lexicon::{Ident, NAME, is_common_word};
use crate::token::{Case, Doc, Kind, Tok};
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
    /// One bit per class of three chars of a part and a length, set for
    /// the part's length and the lengths one away: its first three chars,
    /// its last three, and for parts of six chars or less also (first,
    /// second to last, last) and (first, second, last). See
    /// [`Fuzzy::ends_fit`].
    ends: Vec<u64>,
    /// Per part, once [`Fuzzy::finish`] has run: what [`Fuzzy::find`]
    /// finds for a word that is exactly that part (the best category of
    /// the other parts one edit away, if any), so such words, the most
    /// common ones that get this far, skip the probes. Empty until then.
    exact: Vec<Option<Category>>,
}

/// Bits of [`Fuzzy::ends`].
const ENDS_BITS: usize = 1 << 17;

/// Which three chars an [`ends_bit`] is of.
#[derive(Clone, Copy)]
enum Ends {
    /// The first three.
    Head = 0,
    /// The last three.
    Tail = 1,
    /// The first and the last two.
    FirstLastTwo = 2,
    /// The first two and the last.
    FirstTwoLast = 3,
}

/// The [`Fuzzy::ends`] bit of three chars `c` (taken as `which` says) of a
/// word of `len` chars.
fn ends_bit(which: Ends, c: [char; 3], len: usize) -> usize {
    let h = (u64::from(c[0] as u32) << 42 | u64::from(c[1] as u32) << 21 | u64::from(c[2] as u32))
        ^ (len as u64) << 56
        ^ (which as u64) << 62;
    // One multiplication carries every bit into the top bits.
    (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - ENDS_BITS.trailing_zeros())) as usize
}

/// The [`ends_bit`]s a word of `n` chars (four or more) with first chars
/// `h` and last chars `t` (in order) must hit one of: its first three, its
/// last three, and when `n` is seven or less the two mixed triples.
fn ends_bits(h: [char; 3], t: [char; 3], n: usize, each: &mut impl FnMut(usize)) {
    each(ends_bit(Ends::Head, h, n));
    each(ends_bit(Ends::Tail, t, n));
    if n <= 7 {
        each(ends_bit(Ends::FirstLastTwo, [h[0], t[1], t[2]], n));
        each(ends_bit(Ends::FirstTwoLast, [h[0], h[1], t[2]], n));
    }
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

/// The [`initial_bit`]s of the first two letters of a word of ASCII
/// letters (not empty), lower-cased by setting bit 5 (a missing second
/// letter counts as a space).
#[inline]
fn ascii_initial_bits(word: &[u8]) -> u64 {
    let bit = |c: u8| 1u64 << ((c | 0x20) - b'a');
    bit(word[0]) | word.get(1).map_or(1 << 63, |&c| bit(c))
}

/// The multiplier of the polynomial hash of [`variant_keys`].
const BASE: u64 = 0x0000_0100_0000_01b3;

/// `BASE` to the powers 0 to 63: the powers [`variant_keys`] needs for a
/// word shorter than 64 bytes.
const POWERS: [u64; 64] = {
    let mut powers = [1u64; 64];
    let mut k = 1;
    while k < 64 {
        powers[k] = powers[k - 1].wrapping_mul(BASE);
        k += 1;
    }
    powers
};

/// Hashes of `word` and of each of its one-char deletions, without
/// building the variants: a polynomial hash, so the hash of `word` with the
/// bytes `a..b` left out is `prefix(a) * BASE^(n - b) + suffix(b)`, each
/// variant in constant time. `scratch` is scratch space.
fn variant_keys(word: &[u8], scratch: &mut Vec<u64>, mut each: impl FnMut(u64)) {
    let n = word.len();
    // scratch = [suffix(0) ..= suffix(n)] and, for a word of 64 bytes or
    // more, [BASE^0 ..= BASE^n], where suffix(b) is the hash of word[b..]
    // with the powers of the whole word.
    scratch.clear();
    scratch.resize(n + 1, 0);
    if n >= POWERS.len() {
        let mut power = 1u64;
        scratch.extend((0..=n).map(|_| {
            let p = power;
            power = power.wrapping_mul(BASE);
            p
        }));
    }
    let (suffix, computed) = scratch.split_at_mut(n + 1);
    let powers: &[u64] = if n < POWERS.len() { &POWERS } else { computed };
    for b in (0..n).rev() {
        suffix[b] = suffix[b + 1].wrapping_add(u64::from(word[b]).wrapping_mul(powers[n - 1 - b]));
    }
    each(mix(suffix[0]));
    // Walk the chars, `prefix` the hash of word[..a].
    let mut prefix = 0u64;
    if word.is_ascii() {
        // Every byte is a char.
        for a in 0..n {
            each(mix(prefix
                .wrapping_mul(powers[n - 1 - a])
                .wrapping_add(suffix[a + 1])));
            prefix = prefix.wrapping_mul(BASE).wrapping_add(u64::from(word[a]));
        }
        return;
    }
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
        self.exact.clear();
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
        let head = [chars[0], chars[1], chars[2]];
        let tail = [chars[n - 3], chars[n - 2], chars[n - 1]];
        for len in n - 1..=n + 1 {
            let ends = &mut self.ends;
            let mut set = |bit: usize| ends[bit / 64] |= 1 << (bit % 64);
            set(ends_bit(Ends::Head, head, len));
            set(ends_bit(Ends::Tail, tail, len));
            // Only parts of six chars or less need the mixed triples (see
            // `ends_fit`).
            if n <= 6 {
                set(ends_bit(
                    Ends::FirstLastTwo,
                    [head[0], tail[1], tail[2]],
                    len,
                ));
                set(ends_bit(
                    Ends::FirstTwoLast,
                    [head[0], head[1], tail[2]],
                    len,
                ));
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

    /// Works out, for every part, what a word that is exactly that part
    /// finds (see [`Fuzzy::exact`]). Call after the last [`Fuzzy::add`].
    pub fn finish(&mut self) {
        let mut scratch = Vec::new();
        let mut word = String::new();
        let exact = (0..self.parts.len())
            .map(|id| {
                word.clear();
                word.extend(self.parts[id].0.iter());
                let chars = self.parts[id].0.clone();
                self.best_near(&word, &chars, &mut scratch)
            })
            .collect();
        self.exact = exact;
    }

    /// The best category of the parts one edit away from the folded
    /// `word` (its chars in `chars`), other than `word` itself.
    fn best_near(&self, word: &str, chars: &[char], suffix: &mut Vec<u64>) -> Option<Category> {
        let mut best: Option<Category> = None;
        let classes = (self.filter.len() * 64 - 1) as u64;
        variant_keys(word.as_bytes(), suffix, |k| {
            let bit = k & classes;
            if self.filter[(bit / 64) as usize] & (1 << (bit % 64)) == 0 {
                return;
            }
            let Some(ids) = self.keys.get(&k) else { return };
            for &id in ids {
                let (part, category) = &self.parts[id as usize];
                if part != chars && within_one(part, chars) {
                    best = Some(best.map_or(*category, |b| b.min(*category)));
                }
            }
        });
        best
    }

    /// The part that the folded `word` is exactly, if any.
    fn part_of(&self, word: &str) -> Option<usize> {
        let bytes = word.as_bytes();
        let key = mix(bytes.iter().fold(0u64, |h, &b| {
            h.wrapping_mul(BASE).wrapping_add(u64::from(b))
        }));
        if !self.may_have(key) {
            return None;
        }
        let ids = self.keys.get(&key)?;
        ids.iter()
            .map(|&id| id as usize)
            .find(|&id| self.parts[id].0.iter().copied().eq(word.chars()))
    }

    /// Whether a part may be one edit away from the folded `word` of `n`
    /// chars (four or more), by their ends. Parts have five chars or more
    /// and the lengths differ by one at most. An edit at or after the
    /// part's fourth char leaves the first three chars in place; one that
    /// ends before the part's last three leaves those. An edit that does
    /// neither is in a part of five or six chars (an insertion cannot be
    /// one) and leaves the first char and either the last two or the first
    /// two and the last in place.
    fn ends_fit(&self, word: &str, n: usize) -> bool {
        let mut head = word.chars();
        let mut tail = word.chars().rev();
        let (Some(a), Some(b), Some(c), Some(z), Some(y), Some(x)) = (
            head.next(),
            head.next(),
            head.next(),
            tail.next(),
            tail.next(),
            tail.next(),
        ) else {
            return false;
        };
        let mut fit = false;
        ends_bits([a, b, c], [x, y, z], n, &mut |bit| {
            fit |= self.ends[bit / 64] & (1 << (bit % 64)) != 0;
        });
        fit
    }

    /// [`Fuzzy::ends_fit`] of a word of four ASCII letters or more, read
    /// off its bytes lower-cased (a letter's bit 5 set).
    fn ascii_ends_fit(&self, word: &[u8]) -> bool {
        let n = word.len();
        let c = |k: usize| char::from(word[k] | 0x20);
        let mut fit = false;
        ends_bits(
            [c(0), c(1), c(2)],
            [c(n - 3), c(n - 2), c(n - 1)],
            n,
            &mut |bit| fit |= self.ends[bit / 64] & (1 << (bit % 64)) != 0,
        );
        fit
    }

    /// Whether `key` may be in `keys` (false: it is not).
    #[inline]
    fn may_have(&self, key: u64) -> bool {
        let bit = key & (self.filter.len() * 64 - 1) as u64;
        self.filter[(bit / 64) as usize] & (1 << (bit % 64)) != 0
    }

    /// Appends findings for words of `doc` one edit away from a roster part.
    /// Only name-shaped words that the lexicon does not know as anything
    /// but a name are tried, and ordinary words (`willen` beside the roster
    /// name `Willem`) are kept.
    pub fn find(&self, doc: &Doc<'_>, out: &mut Vec<Finding>) {
        if self.parts.is_empty() {
            return;
        }
        // Name-shaped words the lexicon knows as nothing but a name, not
        // too short or too long for any part (folding can double a byte
        // count, never more).
        let cased = doc.cased;
        let (shortest, longest) = (self.lengths.0, 2 * (self.lengths.1 + 1) + 2);
        // The length test as one comparison: `shortest <= bytes + 1 <=
        // longest + 1`, counted from `shortest` with wrap-around.
        let span = (longest + 1).saturating_sub(shortest);
        let fits = |t: &Tok| {
            ((t.end - t.start + 1).wrapping_sub(shortest) <= span)
                & (!cased | (t.case != Case::Lower))
        };
        // The words the lexicon knows as nothing but a name, as the
        // tokenizer noted them (or, in a long message, as tested here).
        let cands = match doc.unflagged {
            Some(bits) => Cands::of_bits(doc, bits),
            None => Cands::of(doc, |t| {
                (t.kind == Kind::Word) & (t.info.flags & !NAME == 0)
            }),
        };
        for i in cands.iter() {
            let t = &doc.toks[i];
            if !fits(t) || doc.glued_before(i) || doc.glued_after(i) {
                continue;
            }
            let s = doc.s(i);
            let ascii = doc.ascii || s.is_ascii();
            // A misspelling keeps the first or the second letter in place.
            // (The bytes of an ASCII word are letters, lower-cased by
            // setting bit 5.)
            let initials = if ascii {
                ascii_initial_bits(s.as_bytes())
            } else {
                let mut chars = s.chars();
                initial_bit(chars.next().unwrap_or(' ')) | initial_bit(chars.next().unwrap_or(' '))
            };
            if self.initials & initials == 0 {
                continue;
            }
            // An ASCII word folds to itself in lower case: its ends are
            // tried on its bytes before anything is copied.
            if ascii && (s.len() + 1 < MIN_LEN || !self.ascii_ends_fit(s.as_bytes())) {
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
                if ascii {
                    // Its length and ends were tried on its bytes above.
                    word.push_str(s);
                    word.make_ascii_lowercase();
                } else {
                    fold_pattern_into(s, Umlauts::Spelled, word);
                    let n = if word.is_ascii() {
                        word.len()
                    } else {
                        word.chars().count()
                    };
                    if n + 1 < MIN_LEN || !self.ends_fit(word, n) {
                        return None;
                    }
                }
                if self.exact.len() == self.parts.len()
                    && let Some(id) = self.part_of(word)
                {
                    return self.exact[id].filter(|_| !is_common_word(word));
                }
                chars.clear();
                chars.extend(word.chars());
                self.best_near(word, chars, suffix)
                    .filter(|_| !is_common_word(word))
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
        let long = "abcdefghij".repeat(7);
        let long_umlaut = format!("{long}ü");
        for word in ["huntter", "müller", "zoë", "a", &long, &long_umlaut] {
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
    fn initials_of_ascii_words_like_those_of_their_chars() {
        let letters = (b'a'..=b'z').chain(b'A'..=b'Z');
        for a in letters.clone() {
            assert_eq!(
                ascii_initial_bits(&[a]),
                initial_bit(char::from(a)) | initial_bit(' ')
            );
            for b in letters.clone() {
                assert_eq!(
                    ascii_initial_bits(&[a, b, b'x']),
                    initial_bit(char::from(a)) | initial_bit(char::from(b))
                );
            }
        }
    }

    #[test]
    fn every_word_one_edit_away_passes_the_ends_filter() {
        for part in [
            "hunter", "müller", "dorothy", "zoëla", "maria", "jonas", "bakker", "annika",
        ] {
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
                if word.is_ascii() && word.len() >= 4 {
                    let upper = word.to_ascii_uppercase();
                    assert!(f.ascii_ends_fit(upper.as_bytes()), "{part} -> {upper}");
                }
                // Words the filter turns away are turned away alike.
                let other: String = word.chars().rev().collect();
                if other.is_ascii() && other.len() >= 4 {
                    assert_eq!(
                        f.ascii_ends_fit(other.as_bytes()),
                        f.ends_fit(&other, other.len()),
                        "{other}"
                    );
                }
            }
        }
    }

    #[test]
    fn words_that_are_parts_find_what_the_probes_find() {
        let parts = [
            ("Quorva", Category::PatientName),
            ("Quorve", Category::ClinicianName),
            ("Quorvo", Category::OtherName),
            ("Hunter", Category::PatientName),
            ("Müller", Category::ClinicianName),
            ("Mueler", Category::OtherName),
            ("Jonas", Category::OtherName),
        ];
        let mut probed = Fuzzy::default();
        for (p, c) in parts {
            probed.add(p, c);
        }
        let mut finished = probed.clone();
        finished.finish();
        assert_eq!(finished.exact.len(), 7);
        let text =
            "Quorva, Quorve und Quorvo; Hunter, Müller, Mueller, Mueler, Jonas, Jonsa, Huntre";
        let doc = Doc::new(text);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        probed.find(&doc, &mut a);
        finished.find(&doc, &mut b);
        assert_eq!(a, b);
        let categories: Vec<(&str, Category)> = b
            .iter()
            .map(|f| (&text[f.start..f.end], f.category))
            .collect();
        assert!(
            categories.contains(&("Quorva", Category::ClinicianName)),
            "{categories:?}"
        );
        assert!(
            categories.contains(&("Quorvo", Category::PatientName)),
            "{categories:?}"
        );
        assert!(
            !categories.iter().any(|(w, _)| *w == "Jonas"),
            "{categories:?}"
        );
        // A part added later makes the table stale: the probes answer.
        finished.add("Jonsa", Category::PatientName);
        assert!(finished.exact.is_empty());
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

    #[test]
    fn ordinary_words_near_a_roster_name_stay() {
        // Typed in lower case, every word may be a name: `willen` is one
        // letter from `Willem` but is the verb; `wilem` is the misspelling.
        assert_eq!(
            found(&["Willem"], "ik zou graag willen weten wat wilem bedoelde"),
            ["wilem"]
        );
        assert_eq!(
            found(
                &["Wolle", "Konnen"],
                "ICH WOLLTE NUR SAGEN, DASS WIR KÖNNEN"
            ),
            Vec::<String>::new()
        );
    }
}
