//! Names known from the export itself, found in free text.
//!
//! A roster is built from the export's own name columns (patient, sender,
//! recipient, a staff list). Each name is expanded into the forms people
//! write: the full name, each part, hyphenated halves, surname with its
//! particles (`van den Berg`), initial with surname (`K. Wolf`), and the
//! umlaut-free spelling (`Muller`). Forms are matched on folded text, so one
//! pass finds every roster name however it is cased or accented: each word
//! of the text is looked up once by a hash, and only the forms that begin
//! with that word are compared (forms that begin with punctuation go into a
//! small Aho-Corasick automaton).

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::fold::{Folded, Umlauts, fold_pattern};
use crate::fuzzy::Fuzzy;
use crate::lexicon::{Ident, ascii_key, word_key};
use crate::token::{Doc, WordAt};
use crate::{Category, Finding};

/// Rule name of roster findings.
pub const ROSTER_RULE: &str = "roster";

/// Titles and forms of address stripped from the front of a name.
const TITLES: &[&str] = &[
    "dr",
    "dr.",
    "prof",
    "prof.",
    "med",
    "med.",
    "dipl.-psych.",
    "dipl.-med.",
    "pd",
    "herr",
    "frau",
    "hr.",
    "fr.",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "mx.",
    "miss",
    "dhr",
    "dhr.",
    "mevr",
    "mevr.",
    "mevrouw",
    "meneer",
    "mw.",
    "drs.",
    "ir.",
    "mag.",
];

/// Degrees and credentials written after a name.
const CREDENTIALS: &[&str] = &[
    "md", "do", "rn", "np", "pa", "phd", "msc", "bsc", "ma", "mba", "facc", "fnp", "aprn", "lpn",
    "cna", "pharmd", "dds", "jr", "sr",
];

/// Surname particles: part of a surname, never a name on their own.
const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "ter", "ten", "te", "zu", "zum", "zur", "vom", "het", "'t",
    "la", "le", "di", "da", "du", "del", "dos", "bin", "al", "in", "op", "uit", "aan",
];

/// Collects names and builds a [`Roster`].
#[derive(Debug, Default)]
pub struct RosterBuilder {
    patterns: HashMap<String, Category>,
    fuzzy: Fuzzy,
}

impl RosterBuilder {
    /// An empty builder.
    pub fn new() -> RosterBuilder {
        RosterBuilder::default()
    }

    /// Adds a person's name as written in an export column (`Dr. Katrin
    /// Wolf`, `Koch, Anna`, `van den Berg`) with the category its mentions
    /// get. Titles are stripped; blank names are ignored. When two names
    /// share a form, the category of higher priority keeps it.
    pub fn add_name(&mut self, name: &str, category: Category) {
        let tokens = name_tokens(name);
        if tokens.is_empty() {
            return;
        }
        let mut forms: Vec<String> = Vec::new();
        forms.push(tokens.join(" "));
        // Every part that can stand alone, and the halves of hyphenated parts.
        for token in &tokens {
            if is_particle(token) {
                continue;
            }
            forms.push(token.clone());
            if token.contains('-') {
                forms.extend(
                    token
                        .split('-')
                        .filter(|p| !is_particle(p))
                        .map(str::to_string),
                );
            }
        }
        // The surname with its particles (`van den Berg`, `von Stein`).
        if let Some(first_particle) = tokens.iter().position(|t| is_particle(t))
            && first_particle + 1 < tokens.len()
        {
            forms.push(tokens[first_particle..].join(" "));
        }
        // Initial and surname: `K. Wolf`, `K.Wolf`, `K Wolf`.
        if tokens.len() >= 2 {
            let surname_start = tokens
                .iter()
                .position(|t| is_particle(t))
                .unwrap_or(tokens.len() - 1);
            let surname = tokens[surname_start.max(1)..].join(" ");
            if let Some(initial) = tokens[0].chars().next().filter(|c| c.is_alphabetic()) {
                forms.push(format!("{initial}. {surname}"));
                forms.push(format!("{initial}.{surname}"));
                forms.push(format!("{initial} {surname}"));
            }
        }
        for token in &tokens {
            for part in token.split('-').filter(|p| !is_particle(p)) {
                self.fuzzy.add(part, category);
                forms.extend(doubled::doubled_forms(part));
            }
        }
        for form in forms {
            if form.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                continue;
            }
            for umlauts in [Umlauts::Spelled, Umlauts::Dropped] {
                let pattern = fold_pattern(&form, umlauts);
                self.patterns
                    .entry(pattern)
                    .and_modify(|c| *c = (*c).min(category))
                    .or_insert(category);
            }
        }
    }

    /// How many distinct folded forms the roster holds.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// Whether no name was added.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Builds the matcher.
    pub fn build(self) -> Roster {
        if self.patterns.is_empty() {
            return Roster::default();
        }
        let mut entries: Vec<(String, Category)> = self.patterns.into_iter().collect();
        entries.sort();
        let mut heads: HashMap<u64, (u64, u64), BuildHasherDefault<Ident>> = HashMap::default();
        let mut pairs = Vec::new();
        let mut head_words: Vec<&[u8]> = Vec::new();
        let mut forms: HashMap<u64, Vec<u32>, BuildHasherDefault<Ident>> = HashMap::default();
        let mut odd = Vec::new();
        for (id, (pattern, _)) in entries.iter().enumerate() {
            let bytes = pattern.as_bytes();
            let head = bytes.iter().take_while(|&&b| word_byte(b)).count();
            if head == 0 {
                odd.push(id as u32);
                continue;
            }
            let head_key = word_key(&bytes[..head]);
            // The form's second word, if it has one.
            let gap = bytes[head..].iter().take_while(|&&b| !word_byte(b)).count();
            let second = bytes[head + gap..]
                .iter()
                .take_while(|&&b| word_byte(b))
                .count();
            let entry = heads.entry(head_key).or_default();
            if second == 0 {
                entry.0 |= length_bit(bytes.len());
            } else {
                entry.1 |= length_bit(bytes.len());
                pairs.push((
                    pair_key(head_key, word_key(&bytes[head + gap..head + gap + second])),
                    length_bit(bytes.len()),
                ));
            }
            head_words.push(&bytes[..head]);
            forms.entry(hash_key(bytes)).or_default().push(id as u32);
        }
        // Forms that begin with punctuation (`'t Hart`) are rare: they are
        // searched the general way, with an automaton of their own.
        let odd = (!odd.is_empty()).then(|| {
            let automaton = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                // ASCII text is searched unfolded.
                .ascii_case_insensitive(true)
                .build(odd.iter().map(|&id| entries[id as usize].0.as_str()))
                .expect("roster patterns are plain strings");
            (automaton, odd)
        });
        let heads = Heads::new(heads, &head_words, &pairs);
        let mut fuzzy = self.fuzzy;
        fuzzy.finish();
        Roster {
            patterns: entries
                .into_iter()
                .map(|(p, c)| (p.into_bytes().into_boxed_slice(), c))
                .collect(),
            heads,
            forms: Forms::new(forms),
            odd,
            fuzzy,
        }
    }
}

/// A match of a form: (end of the form, start, end with a possessive `s`, form).
type Hit = (usize, usize, usize, u32);

thread_local! {
    /// The matches of the last search, kept so the next allocates nothing.
    static HITS: std::cell::Cell<Vec<Hit>> = const { std::cell::Cell::new(Vec::new()) };
    /// The words of the last text mapped onto its folded text.
    static MAPPED: std::cell::Cell<Vec<WordAt>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Roster forms by the key of their bytes (see [`hash_key`]), behind a
/// bit filter on the keys (about eight bits per form).
#[derive(Debug, Default, Clone)]
struct Forms {
    filter: Vec<u64>,
    map: HashMap<u64, Vec<u32>, BuildHasherDefault<Ident>>,
}

impl Forms {
    fn new(map: HashMap<u64, Vec<u32>, BuildHasherDefault<Ident>>) -> Forms {
        let words = (map.len() * 8).next_power_of_two().max(1024) / 64;
        let mut filter = vec![0u64; words];
        let mask = (words * 64 - 1) as u64;
        for key in map.keys() {
            let bit = key & mask;
            filter[(bit / 64) as usize] |= 1 << (bit % 64);
        }
        Forms { filter, map }
    }

    /// The forms whose key is `key`.
    #[inline]
    fn get(&self, key: u64) -> Option<&Vec<u32>> {
        let bit = key & (self.filter.len() * 64 - 1) as u64;
        if self.filter[(bit / 64) as usize] & (1 << (bit % 64)) == 0 {
            return None;
        }
        self.map.get(&key)
    }
}

/// The first words of roster forms, each with the lengths of the forms
/// that begin with it, behind a bit filter on a word's first two bytes, last byte and
/// length that turns most other words away before they are hashed. Forms
/// of two words or more are also filtered by their first two words.
#[derive(Debug, Default, Clone)]
struct Heads {
    /// One bit per class of (first byte, second byte, last byte, length);
    /// see [`shape`].
    filter: Vec<u64>,
    /// Key of a first word -> [`length_bit`]s of the forms without a
    /// second word (`koch`, `jr.`) and of the forms with one (`anna koch`).
    lengths: HashMap<u64, (u64, u64), BuildHasherDefault<Ident>>,
    /// One bit per class of [`pair_key`] of the first two words of a form.
    pairs: Vec<u64>,
    /// [`pair_key`] of the first two words -> [`length_bit`]s of the
    /// forms that begin with them.
    pair_lengths: HashMap<u64, u64, BuildHasherDefault<Ident>>,
    /// One bit per class of the keys in `lengths` (about eight bits per
    /// key), for words whose key is known already.
    keys: Vec<u64>,
}

/// The key of a form's first two words from their keys.
fn pair_key(first: u64, second: u64) -> u64 {
    hash_finish(first ^ second.rotate_left(23))
}

/// The bit of a form length in [`Heads::lengths`]: lengths 1 to 63 have
/// their own bit, longer ones share bit 0.
fn length_bit(len: usize) -> u64 {
    if len < 64 { 1 << len } else { 1 }
}

/// Bits of [`Heads::filter`].
const SHAPE_BITS: usize = 1 << 16;

/// The filter bit of the first `len` bytes (at least one) of `word`: of
/// their first byte, their second if there are two or more, their last
/// (ASCII lower-cased) and `len`.
#[inline]
fn shape(word: &[u8], len: usize) -> usize {
    shape_of::<false>(word, len)
}

/// [`shape`], of a `word` known to have no ASCII capitals if `LOWER`.
#[inline]
fn shape_of<const LOWER: bool>(word: &[u8], len: usize) -> usize {
    let lower = |b: u8| if LOWER { b } else { b.to_ascii_lowercase() };
    let b0 = u64::from(lower(word[0]));
    let b1 = if len > 1 {
        u64::from(lower(word[1]))
    } else {
        0
    };
    let last = u64::from(lower(word[len - 1]));
    let h = (b0 | b1 << 8 | last << 16 | (len.min(63) as u64) << 24)
        .wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h >> 40) as usize & (SHAPE_BITS - 1)
}

impl Heads {
    fn new(
        lengths: HashMap<u64, (u64, u64), BuildHasherDefault<Ident>>,
        heads: &[&[u8]],
        pairs: &[(u64, u64)],
    ) -> Heads {
        let mut filter = vec![0u64; SHAPE_BITS / 64];
        for head in heads {
            let bit = shape(head, head.len());
            filter[bit / 64] |= 1 << (bit % 64);
        }
        // About sixteen bits per pair.
        let words = (pairs.len() * 16).next_power_of_two().max(64) / 64;
        let mut pair_bits = vec![0u64; words];
        let mut pair_lengths: HashMap<u64, u64, BuildHasherDefault<Ident>> = HashMap::default();
        for &(p, length) in pairs {
            *pair_lengths.entry(p).or_default() |= length;
            let bit = p & (words * 64 - 1) as u64;
            pair_bits[(bit / 64) as usize] |= 1 << (bit % 64);
        }
        let words = (lengths.len() * 8).next_power_of_two().max(64) / 64;
        let mut keys = vec![0u64; words];
        for &key in lengths.keys() {
            let bit = key & (words * 64 - 1) as u64;
            keys[(bit / 64) as usize] |= 1 << (bit % 64);
        }
        Heads {
            filter,
            lengths,
            pairs: pair_bits,
            pair_lengths,
            keys,
        }
    }

    /// Whether the word of key `key` may be a head.
    #[inline]
    fn may_key(&self, key: u64) -> bool {
        let bit = key & (self.keys.len() * 64 - 1) as u64;
        self.keys[(bit / 64) as usize] & (1 << (bit % 64)) != 0
    }

    /// Whether some form begins with the two words of keys `first` and `second`.
    #[inline]
    fn may_pair(&self, first: u64, second: u64) -> bool {
        let bit = pair_key(first, second) & (self.pairs.len() * 64 - 1) as u64;
        self.pairs[(bit / 64) as usize] & (1 << (bit % 64)) != 0
    }

    /// The [`length_bit`]s of the forms that begin with the two words of
    /// keys `first` and `second`.
    #[inline]
    fn pair_lengths(&self, first: u64, second: u64) -> u64 {
        if !self.may_pair(first, second) {
            return 0;
        }
        self.pair_lengths
            .get(&pair_key(first, second))
            .copied()
            .unwrap_or(0)
    }

    /// Whether a word of `len` bytes that begins like `word` may be a head.
    #[inline]
    fn may_be(&self, word: &[u8], len: usize) -> bool {
        self.may_be_of::<false>(word, len)
    }

    /// [`Heads::may_be`] of a `word` known to have no ASCII capitals if
    /// `LOWER`.
    #[inline]
    fn may_be_of<const LOWER: bool>(&self, word: &[u8], len: usize) -> bool {
        let bit = shape_of::<LOWER>(word, len);
        self.filter[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The lengths of the forms that begin with the word of `key`: those
    /// without a second word and those with one.
    #[inline]
    fn get(&self, key: u64) -> (u64, u64) {
        self.lengths.get(&key).copied().unwrap_or((0, 0))
    }
}

/// A compiled set of known names.
///
/// Every form is a run of folded words. A form that begins with a word can
/// only match where a word of the text begins, and its first word is then
/// that word of the text (or, for a possessive, that word without its final
/// `s`): so each word of the text is looked up once, by a hash of its
/// lower-cased bytes, and only after a word that begins some form are the
/// longer stretches of text from there looked up as whole forms.
#[derive(Debug, Default, Clone)]
pub struct Roster {
    /// Folded forms (lower case) and their categories, sorted.
    patterns: Vec<(Box<[u8]>, Category)>,
    /// The first words of the forms.
    heads: Heads,
    /// Key of a whole form -> the form (more than one only on a collision).
    forms: Forms,
    /// Forms that begin with punctuation, in an automaton of their own.
    odd: Option<(AhoCorasick, Vec<u32>)>,
    fuzzy: Fuzzy,
}

impl Roster {
    /// How many folded forms the roster matches.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// Whether the roster is empty.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The roster's one-word forms, folded (`koch`, `mueller`, `muller`).
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.patterns
            .iter()
            .filter_map(|(p, _)| std::str::from_utf8(p).ok())
            .filter(|p| p.chars().all(char::is_alphanumeric))
    }

    /// Appends findings for words one edit away from a roster name part of
    /// five letters or more (`Huntter` for `Hunter`).
    pub(crate) fn find_misspelt(&self, doc: &crate::token::Doc<'_>, out: &mut Vec<Finding>) {
        self.fuzzy.find(doc, out);
    }

    /// Appends a finding for every whole-word roster name in `folded`, with
    /// offsets into `original`. A trailing possessive `s` is included.
    /// Findings come in the order of the end of the name (before a
    /// possessive `s`), longer names first.
    pub(crate) fn find(&self, folded: &Folded, out: &mut Vec<Finding>) {
        if self.patterns.is_empty() {
            return;
        }
        let text = folded.text.as_bytes();
        let mut hits = HITS.with(|h| h.take());
        hits.clear();
        // Text that folding rewrote is in lower case; ASCII text it kept
        // as it stands.
        if matches!(folded.text, std::borrow::Cow::Owned(_)) {
            self.scan::<true>(text, &mut hits);
        } else {
            self.scan::<false>(text, &mut hits);
        }
        self.finish(folded.text.as_bytes(), hits, out, |start, end| {
            folded.original_span(start, end)
        });
    }

    /// Adds the matches in folded `text` (with no ASCII capitals if
    /// `LOWER`) to `hits`.
    #[inline(always)]
    fn scan<const LOWER: bool>(&self, text: &[u8], hits: &mut Vec<Hit>) {
        segments(text, |start, end| {
            // Most words begin no form, as the filter on their shape tells
            // (and on it without a possessive `s`): only the others are
            // looked up, out of line.
            let word = &text[start..end];
            let len = word.len();
            let may_whole = self.heads.may_be_of::<LOWER>(word, len);
            if may_whole
                || (len >= 2
                    && word[len - 1] | 0x20 == b's'
                    && self.heads.may_be_of::<LOWER>(word, len - 1))
            {
                self.word_at(text, start, end, may_whole, hits);
            }
        });
    }

    /// Adds the matches of the forms that begin at the word
    /// `text[start..end]` of folded text, which may be the first word of a
    /// form (`may_whole`) or may be one with a possessive `s`.
    #[inline(never)]
    fn word_at(&self, text: &[u8], start: usize, end: usize, may_whole: bool, hits: &mut Vec<Hit>) {
        let word = &text[start..end];
        let whole = may_whole.then(|| key_of(word));
        let second = |first| self.second_word_lengths(text, end, first);
        let lengths = self.lengths_at(word, whole, second);
        if lengths != 0 {
            self.forms_at(text, start, lengths, hits);
        }
    }

    /// [`Roster::find`] for an ASCII text from its words (see
    /// [`crate::token::Doc::words`]): they are its runs of letters, and
    /// their keys are the keys of the forms' first words.
    pub(crate) fn find_words(&self, text: &str, words: &[WordAt], out: &mut Vec<Finding>) {
        if self.patterns.is_empty() {
            return;
        }
        let bytes = text.as_bytes();
        let mut hits = HITS.with(|h| h.take());
        hits.clear();
        self.words_hits(bytes, words, ascii_key, &mut hits);
        // Folding keeps ASCII text as it is.
        self.finish(bytes, hits, out, |start, end| (start, end));
    }

    /// [`Roster::find`] for a text that is not ASCII: from the words of
    /// `doc` (its tokens as cut, the keys of its ASCII words) mapped onto
    /// `folded`, its folded text, when folding keeps them exactly its runs
    /// of letters (see [`folded::map_words`]); else by [`Roster::find`].
    pub(crate) fn find_folded(&self, folded: &Folded, doc: &Doc<'_>, out: &mut Vec<Finding>) {
        if self.patterns.is_empty() {
            return;
        }
        let mut words = MAPPED.with(|m| m.take());
        if folded::map_words(folded, doc, &mut words) {
            let bytes = folded.text.as_bytes();
            let mut hits = HITS.with(|h| h.take());
            hits.clear();
            self.words_hits(bytes, &words, key_of, &mut hits);
            self.finish(bytes, hits, out, |start, end| {
                folded.original_span(start, end)
            });
        } else {
            self.find(folded, out);
        }
        MAPPED.with(|m| m.set(words));
    }

    /// Adds the matches of the forms that begin at `words` of `bytes`
    /// (with their keys; `key` keys a word without its possessive `s`)
    /// to `hits`.
    #[inline(always)]
    fn words_hits(
        &self,
        bytes: &[u8],
        words: &[WordAt],
        key: impl Fn(&[u8]) -> u64,
        hits: &mut Vec<Hit>,
    ) {
        for (k, w) in words.iter().enumerate() {
            let (start, end) = (w.start as usize, w.end as usize);
            let may_whole = self.heads.may_key(w.key);
            // Most words begin no form, not even without a possessive `s`
            // (see [`Roster::lengths_at`]): they are passed over first.
            if !may_whole
                && (end < start + 2 || bytes.get(end - 1).is_none_or(|&b| b | 0x20 != b's'))
            {
                continue;
            }
            let word = &bytes[start..end];
            let whole = may_whole.then_some(w.key);
            let second = |first| {
                words.get(k + 1).map_or(0, |n| {
                    let next = &bytes[n.start as usize..n.end as usize];
                    let mut lengths = self.heads.pair_lengths(first, n.key);
                    if next.len() >= 2 && next[next.len() - 1] | 0x20 == b's' {
                        lengths |= self.heads.pair_lengths(first, key(&next[..next.len() - 1]));
                    }
                    lengths
                })
            };
            let lengths = self.lengths_at(word, whole, second);
            if lengths != 0 {
                self.forms_at(bytes, start, lengths, hits);
            }
        }
    }

    /// The [`length_bit`]s of the forms that may begin at `word` of the
    /// text: `whole` is the word's key if it may be a head, `second` the
    /// lengths of the forms that begin with the head of a given key and
    /// the next word of the text (as it stands or without a possessive `s`).
    #[inline]
    fn lengths_at(&self, word: &[u8], whole: Option<u64>, second: impl FnOnce(u64) -> u64) -> u64 {
        let len = word.len();
        // `Kochs`: the form `koch` followed by a possessive `s`.
        let possessive = len >= 2 && word[len - 1] | 0x20 == b's';
        let without_s = possessive && self.heads.may_be(word, len - 1);
        let mut lengths = 0;
        if let Some(key) = whole {
            let (single, paired) = self.heads.get(key);
            lengths |= single;
            if paired != 0 {
                lengths |= second(key) & paired;
            }
        }
        if without_s {
            // A form longer than its first word goes on with a non-word
            // byte where this word has its `s`: only the one-word form
            // can match.
            let (single, paired) = self.heads.get(key_of(&word[..len - 1]));
            lengths |= (single | paired) & length_bit(len - 1);
        }
        lengths
    }

    /// Adds the matches of the forms that begin with punctuation in
    /// folded `text`, sorts `hits` and appends them to `out` as findings,
    /// their spans mapped to the original text by `original_span`.
    fn finish(
        &self,
        text: &[u8],
        mut hits: Vec<Hit>,
        out: &mut Vec<Finding>,
        original_span: impl Fn(usize, usize) -> (usize, usize),
    ) {
        if let Some((automaton, ids)) = &self.odd {
            for m in automaton.find_overlapping_iter(text) {
                let (start, end) = (m.start(), m.end());
                if !starts_word(text, start) {
                    continue;
                }
                if let Some(with_s) = name_end(text, end) {
                    hits.push((end, start, with_s, ids[m.pattern().as_usize()]));
                }
            }
        }
        // The order an overlapping automaton reports: by end, longest first.
        hits.sort_unstable_by_key(|h| (h.0, h.1));
        out.reserve(hits.len());
        for &(_, start, end, id) in &hits {
            let (s, e) = original_span(start, end);
            out.push(Finding {
                start: s,
                end: e,
                category: self.patterns[id as usize].1,
                rule: ROSTER_RULE,
            });
        }
        HITS.with(|h| h.set(hits));
    }

    /// The [`length_bit`]s of the forms that begin with the word that ends
    /// at `end` (key `first`) and the word of the text after it, as it
    /// stands or without a possessive `s`.
    fn second_word_lengths(&self, text: &[u8], end: usize, first: u64) -> u64 {
        let mut a = end;
        while a < text.len() && !word_byte(text[a]) {
            a += 1;
        }
        let mut b = a;
        while b < text.len() && word_byte(text[b]) {
            b += 1;
        }
        if b == a {
            return 0;
        }
        let second = &text[a..b];
        let mut lengths = self.heads.pair_lengths(first, key_of(second));
        if b - a >= 2 && text[b - 1] | 0x20 == b's' {
            lengths |= self.heads.pair_lengths(first, key_of(&second[..b - a - 1]));
        }
        lengths
    }

    /// Every form that matches the text at `start` (a word start) and ends
    /// where a name may end, among forms of the lengths in `lengths` (see
    /// [`length_bit`]).
    fn forms_at(&self, text: &[u8], start: usize, lengths: u64, hits: &mut Vec<Hit>) {
        let mut h = HASH_START;
        let mut hashed = start;
        let check = |end: usize, h: u64, hits: &mut Vec<Hit>| {
            let Some(with_s) = name_end(text, end) else {
                return;
            };
            let Some(ids) = self.forms.get(hash_finish(h)) else {
                return;
            };
            for &id in ids {
                if eq_ignore_ascii_case8(&text[start..end], &self.patterns[id as usize].0) {
                    hits.push((end, start, with_s, id));
                }
            }
        };
        // The lengths of at most 63 bytes, shortest first.
        let mut short = lengths & !1;
        while short != 0 {
            let end = start + short.trailing_zeros() as usize;
            short &= short - 1;
            if end > text.len() {
                return;
            }
            for &b in &text[hashed..end] {
                h = hash_step(h, b);
            }
            hashed = end;
            check(end, h, hits);
        }
        // Forms of 64 bytes or more share one bit: every end is tried.
        if lengths & 1 != 0 {
            for end in (start + 64).max(hashed + 1)..=text.len() {
                for &b in &text[hashed..end] {
                    h = hash_step(h, b);
                }
                hashed = end;
                check(end, h, hits);
            }
        }
    }
}

/// Calls `each(start, end)` for every maximal run of word bytes (see
/// [`word_byte`]) in `text`, in order. The bytes are classified 64 at a
/// time into a bit mask, and the runs read off the mask's edges, so the
/// scan does not branch on every byte.
#[inline(always)]
fn segments(text: &[u8], mut each: impl FnMut(usize, usize)) {
    let mut open = 0;
    let mut before = 0u64;
    for (c, chunk) in text.chunks(64).enumerate() {
        let base = c * 64;
        let mut mask = 0u64;
        let mut eights = chunk.chunks_exact(8);
        for (k, eight) in (&mut eights).enumerate() {
            let v = u64::from_le_bytes([
                eight[0], eight[1], eight[2], eight[3], eight[4], eight[5], eight[6], eight[7],
            ]);
            mask |= word_bytes8(v) << (8 * k);
        }
        let done = chunk.len() / 8 * 8;
        for (k, &b) in eights.remainder().iter().enumerate() {
            mask |= u64::from(word_byte(b)) << (done + k);
        }
        // Bit k of `shifted`: whether the byte before byte k is a word byte.
        let shifted = (mask << 1) | before;
        let starts = mask & !shifted;
        // Edges alternate: every end follows the start of its run.
        let mut edges = starts | (!mask & shifted);
        while edges != 0 {
            let k = edges.trailing_zeros() as usize;
            edges &= edges - 1;
            if starts & (1 << k) != 0 {
                open = base + k;
            } else {
                each(open, base + k);
            }
        }
        before = mask >> 63;
    }
    // A run to the end of a text of whole chunks.
    if before != 0 {
        each(open, text.len());
    }
}

/// Where a name that ends at byte `end` ends as a whole word: there, or
/// after a possessive or genitive `s` (`Kochs`, `Bakkers`); None inside a word.
fn name_end(text: &[u8], end: usize) -> Option<usize> {
    if ends_word(text, end) {
        Some(end)
    } else if text.get(end).is_some_and(|b| b | 0x20 == b's') && ends_word(text, end + 1) {
        Some(end + 1)
    } else {
        None
    }
}

/// `a.eq_ignore_ascii_case(b)`, eight bytes at a time. The bytes after
/// the last whole eight, and those of a slice shorter than eight, are
/// compared in two loads that overlap: the last eight bytes, or the first
/// and the last four or two.
#[inline]
fn eq_ignore_ascii_case8(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n >= 8 {
        let mut a8 = a.chunks_exact(8);
        let mut b8 = b.chunks_exact(8);
        for (x, y) in (&mut a8).zip(&mut b8) {
            let load =
                |c: &[u8]| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            if lower8(load(x)) != lower8(load(y)) {
                return false;
            }
        }
        if a8.remainder().is_empty() {
            return true;
        }
        let (Some(x), Some(y)) = (a.last_chunk::<8>(), b.last_chunk::<8>()) else {
            return false;
        };
        return lower8(u64::from_le_bytes(*x)) == lower8(u64::from_le_bytes(*y));
    }
    if n >= 4 {
        let ends = |c: &[u8]| match (c.first_chunk::<4>(), c.last_chunk::<4>()) {
            (Some(h), Some(t)) => {
                u64::from(u32::from_le_bytes(*h)) | u64::from(u32::from_le_bytes(*t)) << 32
            }
            _ => 0,
        };
        return lower8(ends(a)) == lower8(ends(b));
    }
    if n >= 2 {
        let ends = |c: &[u8]| match (c.first_chunk::<2>(), c.last_chunk::<2>()) {
            (Some(h), Some(t)) => {
                u64::from(u16::from_le_bytes(*h)) | u64::from(u16::from_le_bytes(*t)) << 32
            }
            _ => 0,
        };
        return lower8(ends(a)) == lower8(ends(b));
    }
    a.eq_ignore_ascii_case(b)
}

/// Eight bytes (little-endian in `v`) with their ASCII capitals lower-cased.
#[inline]
pub(crate) fn lower8(v: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const fn lanes(b: u8) -> u64 {
        b as u64 * 0x0101_0101_0101_0101
    }
    // High bit set where a lane is at least the bound (lanes hold 7 bits,
    // so adding at most 0x7f never carries out of a lane).
    let ge = |lane: u64, bound: u8| (lane + lanes(0x80 - bound)) & HIGH;
    let x = v & LOW7;
    let upper = ge(x, b'A') & !ge(x, b'Z' + 1) & !v & HIGH;
    v | (upper >> 2)
}

/// FNV-1a over bytes with bit 5 set, fed one byte at a time so that a run
/// of text can be keyed at every length on one pass. Bytes that are equal
/// but for ASCII case hash alike (so do some others, which the comparison
/// of the bytes tells apart), at one instruction a byte rather than the
/// four of lower-casing.
const HASH_START: u64 = 0xcbf2_9ce4_8422_2325;

#[inline]
fn hash_step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b | 0x20)).wrapping_mul(0x0000_0100_0000_01b3)
}

/// The key from a hash state: mixed so the low bits depend on every byte.
#[inline]
fn hash_finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// The key of the first word of a form or of a word of folded text:
/// [`word_key`] of its lower-cased bytes. Folded text is lower-case but
/// for ASCII text, which folding keeps as it is.
#[inline]
fn key_of(word: &[u8]) -> u64 {
    if word.is_ascii() {
        ascii_key(word)
    } else {
        word_key(word)
    }
}

/// The key of folded bytes.
fn hash_key(bytes: &[u8]) -> u64 {
    hash_finish(bytes.iter().fold(HASH_START, |h, &b| hash_step(h, b)))
}

/// Whether a word may start at byte `at` (no letter or digit before it).
fn starts_word(text: &[u8], at: usize) -> bool {
    at == 0 || !is_word_byte(text, at - 1)
}

/// Whether a word may end at byte `at` (no letter or digit after it).
fn ends_word(text: &[u8], at: usize) -> bool {
    at >= text.len() || !is_word_byte(text, at)
}

/// Whether the char that holds byte `at` is a letter. Folded text is
/// lower-case; non-ASCII bytes belong to letters that folding kept. Digits
/// are not word bytes: a name glued to digits (`koch1978`, `00anna`) is
/// still the name.
fn is_word_byte(text: &[u8], at: usize) -> bool {
    word_byte(text[at])
}

/// Whether byte `b` of folded text belongs to a letter.
#[inline]
fn word_byte(b: u8) -> bool {
    WORD_BYTES[usize::from(b)]
}

/// [`word_byte`] of eight bytes at once (little-endian in `v`): bit k of
/// the result for byte k. Each byte's high bit is worked out without
/// carries into the next byte: ASCII letters (bit 5 set lower-cases them)
/// by range, and every non-ASCII byte.
#[inline]
fn word_bytes8(v: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const fn lanes(b: u8) -> u64 {
        b as u64 * 0x0101_0101_0101_0101
    }
    let x = v & LOW7;
    let y = x | lanes(0x20);
    // High bit set where a lane is at least the bound (lanes hold 7 bits, so
    // adding at most 0x50 never carries out of a lane).
    let ge = |lane: u64, bound: u8| (lane + lanes(0x80 - bound)) & HIGH;
    let letter = ge(y, b'a') & !ge(y, b'z' + 1);
    let word = (letter | v) & HIGH;
    // Gather the eight high bits into the low byte.
    ((word >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// [`word_byte`] as a table.
static WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphabetic() || b >= 0x80;
        b += 1;
    }
    table
};

/// Splits a name into tokens without titles; `Last, First` becomes
/// `First Last`.
fn name_tokens(name: &str) -> Vec<String> {
    // `Michael Black, MD`, `Anna Koch, RN, MSc`: credentials after commas.
    let mut name = name.trim();
    while let Some((head, tail)) = name.rsplit_once(',') {
        let tail = tail.trim();
        let credential = !tail.is_empty()
            && tail.split_whitespace().all(|w| {
                let letters: String = w.chars().filter(|c| c.is_alphabetic()).collect();
                CREDENTIALS.contains(&letters.to_lowercase().as_str())
                    || (letters.len() <= 4
                        && letters.chars().filter(|c| c.is_uppercase()).count() >= 2)
            });
        if !credential {
            break;
        }
        name = head.trim();
    }
    let reordered = match name.split_once(',') {
        Some((last, first)) if !first.trim().is_empty() && !last.trim().is_empty() => {
            format!("{} {}", first.trim(), last.trim())
        }
        _ => name.replace(',', " "),
    };
    let mut tokens: Vec<String> = reordered
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| c == ';' || c == ':').to_string())
        .filter(|t| !t.is_empty())
        .collect();
    while tokens
        .first()
        .is_some_and(|t| TITLES.contains(&t.to_lowercase().as_str()))
    {
        tokens.remove(0);
    }
    tokens
}

fn is_particle(token: &str) -> bool {
    PARTICLES.contains(&token.to_lowercase().as_str())
}

mod doubled;
mod folded;
#[cfg(test)]
mod tests;
