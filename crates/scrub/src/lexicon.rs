//! Everything the detectors know about single words, in one hash map.
//!
//! Each lower-cased word maps to [`Info`]: a set of flags (first name,
//! surname, title, month, stop word, ...) and, for months, the month number.
//! Name, city and stop-word lists live in `lexicons/{de,nl,en}/` (see the
//! README there for their sources); the short closed lists (titles,
//! greetings, labels, units) are here. Every entry is also stored in its
//! umlaut-free spellings (`mueller`, `muller`), so `Mueller` finds `Müller`.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use crate::Lang;
use crate::fold::{Umlauts, fold_pattern};

/// What the lexicon knows about a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) struct Info {
    /// A set of the flag constants below.
    pub flags: u64,
    /// 1..=12 for month names and abbreviations, 0 otherwise.
    pub month: u8,
}

impl Info {
    /// Nothing known.
    pub const NONE: Info = Info { flags: 0, month: 0 };
}

/// A first name in some language.
pub(crate) const FIRST: u64 = 1;
/// A surname that stands alone (`Müller`).
pub(crate) const SURNAME: u64 = 1 << 1;
/// The last word of a surname that comes with particles (`Vries` of `de Vries`).
pub(crate) const PSURNAME: u64 = 1 << 2;
/// A name that is also an ordinary word (`Koch`, `Bakker`, `Brown`, `Will`).
pub(crate) const AMBIG: u64 = 1 << 3;
/// A title or form of address (`Herr`, `Dr`, `mevrouw`, `Mr`).
pub(crate) const TITLE: u64 = 1 << 4;
/// A title that marks a clinician (`Dr`, `Prof`, `dokter`).
pub(crate) const CLIN_TITLE: u64 = 1 << 5;
/// A greeting that may precede a name (`Liebe`, `Beste`, `Dear`, `Hallo`).
pub(crate) const GREETING: u64 = 1 << 6;
/// The last word of a sign-off after which a name follows (`Grüße`, `groet`, `regards`).
pub(crate) const SIGNOFF: u64 = 1 << 7;
/// A relative or proxy (`Tochter`, `zoon`, `wife`).
pub(crate) const RELATIVE: u64 = 1 << 8;
/// A surname particle (`van`, `de`, `von`, `ter`).
pub(crate) const PARTICLE: u64 = 1 << 9;
/// A month name or abbreviation (see [`Info::month`]).
pub(crate) const MONTH: u64 = 1 << 10;
/// A month name that is also an ordinary word or a name (`May`, `March`, `Jan`).
pub(crate) const MONTH_AMBIG: u64 = 1 << 11;
/// A weekday name.
pub(crate) const WEEKDAY: u64 = 1 << 12;
/// A function word: never part of a name.
pub(crate) const STOP: u64 = 1 << 13;
/// A street word that stands alone (`Straße`, `Str`, `Street`, `Road`).
pub(crate) const STREET: u64 = 1 << 14;
/// A city or town.
pub(crate) const CITY: u64 = 1 << 15;
/// A city that is also an ordinary word (`Essen`, `Reading`): only in context.
pub(crate) const CITY_AMBIG: u64 = 1 << 16;
/// A word that names an institution before its proper name (`Klinikum X`).
pub(crate) const INST_PRE: u64 = 1 << 17;
/// A word that names an institution after its proper name (`X Hospital`).
pub(crate) const INST_POST: u64 = 1 << 18;
/// An institution by itself (`Charité`, `LUMC`).
pub(crate) const INST_NAME: u64 = 1 << 19;
/// A medical eponym (`Crohn`, `Parkinson`): not a person here.
pub(crate) const EPONYM: u64 = 1 << 20;
/// A label before a record or patient number.
pub(crate) const ID_LABEL: u64 = 1 << 21;
/// A label before a phone number.
pub(crate) const PHONE_LABEL: u64 = 1 << 22;
/// A word after an age (`Jahre`, `jaar`, `years`).
pub(crate) const AGE_UNIT: u64 = 1 << 23;
/// A word before an age (`aged`, `Alter`, `leeftijd`).
pub(crate) const AGE_PRE: u64 = 1 << 24;
/// A word before an exam score (`Kraft 5/5`).
pub(crate) const SCORE: u64 = 1 << 25;
/// A preposition that introduces a date (`am`, `vom`, `op`, `on`).
pub(crate) const DATE_PREP: u64 = 1 << 26;
/// A unit or dose word after a number (`mg`, `Tabletten`, `keer`).
pub(crate) const UNIT: u64 = 1 << 27;
/// An article or determiner: the next word is a noun, not a name.
pub(crate) const DETERMINER: u64 = 1 << 28;
/// A word that follows a greeting but is no name (`zusammen`, `allemaal`, `team`).
pub(crate) const NAME_STOP: u64 = 1 << 29;
/// A German stop word (language detection).
pub(crate) const LANG_DE: u64 = 1 << 30;
/// A Dutch stop word (language detection).
pub(crate) const LANG_NL: u64 = 1 << 31;
/// An English stop word (language detection).
pub(crate) const LANG_EN: u64 = 1 << 32;
/// A preposition before a place (`in`, `aus`, `uit`, `te`, `from`).
pub(crate) const PLACE_PREP: u64 = 1 << 33;
/// A word that begins a multi-word city or institution.
pub(crate) const MULTI: u64 = 1 << 34;
/// A word that begins a multi-word institution (with [`MULTI`]): the
/// institution rule looks at these, not at the first words of cities
/// (`den` of `Den Haag`).
pub(crate) const MULTI_INST: u64 = 1 << 44;
/// A word before an eponym that makes it a disease (`Morbus`, `ziekte`).
pub(crate) const EPONYM_PRE: u64 = 1 << 35;
/// A possessive before a relative (`meine`, `mijn`, `my`).
pub(crate) const POSSESSIVE: u64 = 1 << 36;
/// A first name listed for German.
pub(crate) const FIRST_DE: u64 = 1 << 37;
/// A first name listed for Dutch.
pub(crate) const FIRST_NL: u64 = 1 << 38;
/// A first name listed for English.
pub(crate) const FIRST_EN: u64 = 1 << 39;

/// A first name borne mostly by women (both this and [`MALE`]: either).
pub(crate) const FEMALE: u64 = 1 << 40;
/// A first name borne mostly by men (both this and [`FEMALE`]: either).
pub(crate) const MALE: u64 = 1 << 41;
/// A word after which a name may stand alone before a comma (`Kaffee mit
/// Dtlef, Sonne`): the misspelt-first-name rule looks only in messages
/// with one (or with a surname).
pub(crate) const WITH: u64 = 1 << 42;
/// A word before a desk (`at the front desk`, `from scheduling`): the
/// staff-name rule looks only in messages with one.
pub(crate) const DESK: u64 = 1 << 43;
/// A word by which people give their name (`heiße`, `heet`, `name`):
/// the introduction rule looks only in messages with one.
pub(crate) const INTRO: u64 = 1 << 45;
/// A word of a post-office box (`Postbus`, `Postfach`, `Box`): the box
/// rule looks only in messages with one.
pub(crate) const PO_BOX: u64 = 1 << 46;

/// `Haus`, which names German homes (`im Haus Abendrot`).
pub(crate) const HOUSE: u64 = 1 << 48;

/// `thank`, which ends messages as a sign-off does (`Thank you so
/// much,`) but is no sign-off word before a name (`thank God`): the
/// signature rule looks at lines with one or a sign-off word.
pub(crate) const THANK: u64 = 1 << 49;

/// A German common noun (`Rezept`, `Befund`): capitalised in a message
/// whose function words are in lower case, it shows that case carries
/// information (see [`crate::token::Doc::cased`]).
pub(crate) const NOUN: u64 = 1 << 50;
/// A word that spells out part of an e-mail address (`dot`, `punt`,
/// `punkt`, `apenstaartje`, `klammeraffe`): the spelled-address rule looks
/// only in messages with one.
pub(crate) const SPELLED: u64 = 1 << 51;
/// An age of 90 to 100 in words, or its first word (`ninety`,
/// `zweiundneunzig`, `tweeënnegentig`, `hundred`): the age rule reads
/// words only in messages with one.
pub(crate) const AGE_WORD: u64 = 1 << 52;

/// The second word of a multi-word entry (`Rock` of `Little Rock`): a
/// phrase is looked for only before one.
pub(crate) const MULTI_NEXT: u64 = 1 << 47;

/// The flags few words have, whose words [`crate::token::Doc::sparse`]
/// notes as the text is cut: a detector that starts only at words with
/// some of them visits those words, not every token.
pub(crate) const SPARSE: u64 = SIGNOFF
    | THANK
    | SURNAME
    | PSURNAME
    | WITH
    | INTRO
    | HOUSE
    | PO_BOX
    | STREET
    | INST_PRE
    | INST_POST
    | INST_NAME
    | MULTI_INST;

/// The flags of the words a name may start at (a fifth of all words), whose
/// words [`crate::token::Doc::frequent`] notes.
pub(crate) const FREQUENT: u64 = TITLE | GREETING | SIGNOFF | RELATIVE | FIRST | SURNAME | PARTICLE;

/// Any name flag.
pub(crate) const NAME: u64 = FIRST | SURNAME | PSURNAME;

/// The lexicon is keyed by a 64-bit hash of the lower-cased word, so a
/// lookup neither allocates nor compares strings. With some ten thousand
/// entries the chance that an unlisted word collides with one is about one
/// in 10^15 per lookup.
type Map = HashMap<u64, Info, BuildHasherDefault<Ident>>;

/// A hasher for keys that are hashes already.
#[derive(Default, Clone, Copy)]
pub(crate) struct Ident(u64);

impl Hasher for Ident {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// The key of a lexicon word from its lower-case bytes, eight at a time.
/// The roster keys the first words of its forms the same way, so a word's
/// key serves both lookups.
#[inline]
pub(crate) fn word_key(bytes: &[u8]) -> u64 {
    word_key_or(bytes, 0)
}

/// The key of the word whose lower-case bytes are `bytes` with `or` set
/// in each (`0x20` lower-cases ASCII letters), eight at a time.
#[inline]
fn word_key_or(bytes: &[u8], or: u8) -> u64 {
    let mut h = key_chunks(bytes, bytes.len(), or);
    let rest = &bytes[bytes.len() / 8 * 8..];
    if !rest.is_empty() {
        let mut last = 0u64;
        for (k, &b) in rest.iter().enumerate() {
            last |= u64::from(b | or) << (8 * k);
        }
        h = (h ^ last)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(29);
    }
    key_finish(h)
}

/// The state of a word key of a word of `len` bytes after its whole
/// eight-byte chunks (those of `bytes`), each with `or` set in every byte.
#[inline]
fn key_chunks(bytes: &[u8], len: usize, or: u8) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ len as u64;
    let or8 = u64::from(or) * 0x0101_0101_0101_0101;
    for c in bytes.chunks_exact(8) {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]) | or8;
        h = (h ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29);
    }
    h
}

/// A word key from its state after the last chunk.
#[inline]
fn key_finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// The [`word_key`] of a word of ASCII letters only, lower-cased on the
/// fly (setting bit 5 lower-cases an ASCII letter).
#[inline]
pub(crate) fn ascii_key(word: &[u8]) -> u64 {
    word_key_or(word, 0x20)
}

/// [`ascii_key`] of the word `text[start..end]`. The bytes after the word
/// are read with it where the text has eight of them, so its last few
/// bytes are taken in one load rather than one by one.
#[cfg(test)]
pub(crate) fn ascii_key_in(text: &[u8], start: usize, end: usize) -> u64 {
    let full = start + (end - start) / 8 * 8;
    let rest = end - full;
    match text.get(full..full + 8) {
        Some(eight) if rest > 0 => {
            let mask = (1u64 << (8 * rest)) - 1;
            let last = (u64::from_le_bytes([
                eight[0], eight[1], eight[2], eight[3], eight[4], eight[5], eight[6], eight[7],
            ]) | 0x2020_2020_2020_2020)
                & mask;
            let mut h = key_chunks(&text[start..full], end - start, 0x20);
            h = (h ^ last)
                .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                .rotate_left(29);
            key_finish(h)
        }
        _ => ascii_key(&text[start..end]),
    }
}

/// [`ascii_key`] of a word of `len` ASCII letters, `len` below eight,
/// whose bytes, each with bit 5 set, are the low `len` bytes of `last`
/// (the rest zero).
#[inline]
pub(crate) fn ascii_key_short(last: u64, len: usize) -> u64 {
    let h = (0xcbf2_9ce4_8422_2325 ^ len as u64 ^ last)
        .wrapping_mul(0x9e37_79b9_7f4a_7c15)
        .rotate_left(29);
    key_finish(h)
}

/// [`ascii_key`] of a word of `len` ASCII letters, `len` eight or more,
/// from its whole eight-byte chunks `chunks` (as they stand in the text)
/// and the bytes after them, each with bit 5 set, as the low bytes of
/// `last` (the rest zero; `last` is zero when `len` is a multiple of eight).
#[inline]
pub(crate) fn ascii_key_long(chunks: &[u8], len: usize, last: u64) -> u64 {
    let mut h = key_chunks(chunks, len, 0x20);
    if !len.is_multiple_of(8) {
        h = (h ^ last)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(29);
    }
    key_finish(h)
}

/// What is known about a word of `len` ASCII letters whose [`ascii_key`]
/// is `key`.
#[cfg(test)]
pub(crate) fn lookup_ascii_key(len: usize, key: u64) -> Info {
    LEXICON.words.ascii(len, key)
}

/// The lexicon's word table, for a caller that looks up many words and
/// so reaches it once (see [`Table::ascii`]).
pub(crate) fn table() -> &'static Table {
    &LEXICON.words
}

/// The lexicon's words in a flat open-addressing table: one probe of a
/// 16-byte slot usually answers, found or not.
#[derive(Debug)]
pub(crate) struct Table {
    /// (key, packed info); key 0 marks an empty slot.
    slots: Vec<(u64, u64)>,
    mask: usize,
}

/// Where the month sits in a packed [`Info`] (flags use the bits below).
const MONTH_SHIFT: u32 = 56;

impl Table {
    fn new(words: &Map) -> Table {
        // At most a quarter full, so probes stay short.
        let size = (words.len() * 4).next_power_of_two().max(16);
        let mut slots = vec![(0u64, 0u64); size];
        let mask = size - 1;
        for (&key, info) in words {
            assert!(
                info.flags < 1 << MONTH_SHIFT,
                "lexicon flags fit below the month"
            );
            let key = key.max(1);
            let mut at = key as usize & mask;
            while slots[at].0 != 0 {
                at = (at + 1) & mask;
            }
            slots[at] = (key, info.flags | u64::from(info.month) << MONTH_SHIFT);
        }
        Table { slots, mask }
    }

    /// What is known about a word of `len` ASCII letters whose
    /// [`ascii_key`] is `key`.
    #[inline]
    pub(crate) fn ascii(&self, len: usize, key: u64) -> Info {
        if len > LONGEST {
            return Info::NONE;
        }
        self.get(key)
    }

    #[inline]
    fn get(&self, key: u64) -> Info {
        let key = key.max(1);
        let mut at = key as usize & self.mask;
        loop {
            let (k, v) = self.slots[at];
            if k == key {
                return Info {
                    flags: v & ((1 << MONTH_SHIFT) - 1),
                    month: (v >> MONTH_SHIFT) as u8,
                };
            }
            if k == 0 {
                return Info::NONE;
            }
            at = (at + 1) & self.mask;
        }
    }
}

/// A multi-word city or institution of the lexicon.
#[derive(Debug)]
pub(crate) struct Phrase {
    /// Its words, in lower case.
    pub words: Vec<String>,
    /// The same words cut at apostrophes, empty pieces left out (`women's`
    /// is `women`, `s`): the tokens each word is made of, cut once here
    /// rather than at every match attempt.
    pub parts: Vec<Vec<String>>,
    /// The flag of the whole phrase.
    pub flags: u64,
}

impl Phrase {
    fn new(words: Vec<String>, flags: u64) -> Phrase {
        let parts = words
            .iter()
            .map(|w| {
                w.split(['\'', '’'])
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .collect();
        Phrase {
            words,
            parts,
            flags,
        }
    }
}

struct Lexicon {
    words: Table,
    /// Multi-word cities and institutions.
    phrases: Vec<Phrase>,
    /// Key of a phrase's first word -> its phrases, in `phrases` order.
    phrase_heads: HashMap<u64, Vec<u32>, BuildHasherDefault<Ident>>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(build);

mod common;
mod spelling;

pub(crate) use common::is_common_word;
pub(crate) use spelling::{LONGEST, Spelling, lookup, lookup_latin1};

/// Multi-word entries starting with a word flagged [`MULTI`] whose first
/// word may be `word` (a word of letters, in any case): lists of lower-case
/// words and the flag of the whole phrase, longest first. Callers still
/// compare the words (the phrases are found by a hash of the first word).
pub(crate) fn phrases_starting(word: &str) -> impl Iterator<Item = &'static Phrase> {
    let key = if word.is_ascii() {
        // Letters only: setting bit 5 lower-cases.
        word_key_or(word.as_bytes(), 0x20)
    } else {
        word_key(word.to_lowercase().as_bytes())
    };
    let lexicon: &'static Lexicon = &LEXICON;
    lexicon
        .phrase_heads
        .get(&key)
        .into_iter()
        .flatten()
        .map(move |&k| &lexicon.phrases[k as usize])
}

/// The sex a first name tells, where it tells one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sex {
    /// Borne mostly by women.
    Female,
    /// Borne mostly by men.
    Male,
}

/// The sex of a word from its lexicon flags: `None` for words that are no
/// first name or names borne by both (`Kim`, `Sascha`).
pub(crate) fn sex_of(flags: u64) -> Option<Sex> {
    match (flags & FEMALE != 0, flags & MALE != 0) {
        (true, false) => Some(Sex::Female),
        (false, true) => Some(Sex::Male),
        _ => None,
    }
}

/// The first names of `lang`, in list order (surrogates draw from it).
pub(crate) fn first_names(lang: Lang) -> &'static [&'static str] {
    &SURROGATE_POOLS[pool_index(lang)].0
}

/// The first names of `lang` of five chars or more, lower-cased, as chars
/// (the misspelt-name rule compares words with them).
pub(crate) fn long_first_names(lang: Lang) -> &'static [Vec<char>] {
    static LONG: LazyLock<[Vec<Vec<char>>; 3]> = LazyLock::new(|| {
        [Lang::De, Lang::Nl, Lang::En].map(|lang| {
            first_names(lang)
                .iter()
                .filter(|f| f.chars().count() >= 5)
                .map(|f| f.to_lowercase().chars().collect())
                .collect()
        })
    });
    &LONG[pool_index(lang)]
}

/// The first names of `lang` of one sex, or with `None` those borne by
/// both (the whole list if the language has none of those).
pub(crate) fn first_names_of(lang: Lang, sex: Option<Sex>) -> &'static [&'static str] {
    let pools = &SEXED_POOLS[pool_index(lang)];
    let pool = match sex {
        Some(Sex::Female) => &pools.0,
        Some(Sex::Male) => &pools.1,
        None => &pools.2,
    };
    if pool.is_empty() {
        first_names(lang)
    } else {
        pool
    }
}

/// The surnames of `lang` (single words), in list order.
pub(crate) fn surnames(lang: Lang) -> &'static [&'static str] {
    &SURROGATE_POOLS[pool_index(lang)].1
}

fn pool_index(lang: Lang) -> usize {
    match lang {
        Lang::De => 0,
        Lang::Nl => 1,
        Lang::En => 2,
    }
}

/// The cities of `lang` that are single, unambiguous words.
pub(crate) fn cities(lang: Lang) -> &'static [&'static str] {
    &SURROGATE_POOLS[pool_index(lang)].2
}

type Pool = (Vec<&'static str>, Vec<&'static str>, Vec<&'static str>);

static SURROGATE_POOLS: LazyLock<[Pool; 3]> = LazyLock::new(|| {
    let pool =
        |first: &'static str, sur: &'static str, ambig: &'static str, city: &'static str| -> Pool {
            let ambig: Vec<&str> = lines(ambig).collect();
            let keep = |w: &&str| !ambig.contains(w) && !w.contains(' ') && !w.contains('-');
            let ambig_cities: Vec<&str> = CITY_AMBIGS.split_whitespace().collect();
            let keep_city = |w: &&str| {
                w.chars().all(char::is_alphabetic)
                    && !ambig_cities.contains(&w.to_lowercase().as_str())
            };
            (
                first_entries(first).map(|(_, w)| w).filter(keep).collect(),
                lines(sur).filter(keep).collect(),
                lines(city).filter(keep_city).collect(),
            )
        };
    [
        pool(DE_FIRST, DE_SUR, DE_AMBIG, DE_CITY),
        pool(NL_FIRST, NL_SUR, NL_AMBIG, NL_CITY),
        pool(EN_FIRST, EN_SUR, EN_AMBIG, EN_CITY),
    ]
});

type SexedPool = (Vec<&'static str>, Vec<&'static str>, Vec<&'static str>);

/// Per language: female, male and either-sex first names of the surrogate pool.
static SEXED_POOLS: LazyLock<[SexedPool; 3]> = LazyLock::new(|| {
    let split = |lang: Lang, list: &'static str| -> SexedPool {
        let pool = first_names(lang);
        let mut out: SexedPool = Default::default();
        // By the sex the whole lexicon gives the name (`Jesse` is male in
        // Dutch, either in English: either), so a surrogate's sex is the one
        // the scrubber would read back from it.
        for (_, w) in first_entries(list) {
            if !pool.contains(&w) {
                continue;
            }
            match sex_of(lookup(&w.to_lowercase()).flags) {
                Some(Sex::Female) => out.0.push(w),
                Some(Sex::Male) => out.1.push(w),
                None => out.2.push(w),
            }
        }
        out
    };
    [
        split(Lang::De, DE_FIRST),
        split(Lang::Nl, NL_FIRST),
        split(Lang::En, EN_FIRST),
    ]
});

/// The entries of a first-name list: lines `f Anna`, `m Jan`, `u Kim`
/// (female, male, either).
fn first_entries(list: &'static str) -> impl Iterator<Item = (char, &'static str)> {
    lines(list).map(|l| match l.split_once(' ') {
        Some((sex, name)) if sex.len() == 1 => (sex.chars().next().unwrap_or('u'), name.trim()),
        _ => ('u', l),
    })
}

const DE_FIRST: &str = include_str!("../lexicons/de/first_names.txt");
const NL_FIRST: &str = include_str!("../lexicons/nl/first_names.txt");
const EN_FIRST: &str = include_str!("../lexicons/en/first_names.txt");
const DE_SUR: &str = include_str!("../lexicons/de/surnames.txt");
const NL_SUR: &str = include_str!("../lexicons/nl/surnames.txt");
const EN_SUR: &str = include_str!("../lexicons/en/surnames.txt");
/// First names and surnames derived from open data (US Census 1990 and the
/// name lists of the Faker project): see `lexicons/open/README.md`. No word
/// of German, Dutch or English is among them, so they need no context.
const OPEN_FIRST: &str = include_str!("../lexicons/open/first_names.txt");
const OPEN_SUR: &str = include_str!("../lexicons/open/surnames.txt");
/// German, Austrian, Swiss, Dutch and Belgian towns from Faker's lists, none
/// a word of the three languages: see `lexicons/open/README.md`.
const OPEN_CITY: &str = include_str!("../lexicons/open/cities.txt");
const DE_AMBIG: &str = include_str!("../lexicons/de/name_words.txt");
const NL_AMBIG: &str = include_str!("../lexicons/nl/name_words.txt");
const EN_AMBIG: &str = include_str!("../lexicons/en/name_words.txt");
const DE_NOUN: &str = include_str!("../lexicons/de/nouns.txt");
const DE_STOP: &str = include_str!("../lexicons/de/stopwords.txt");
const NL_STOP: &str = include_str!("../lexicons/nl/stopwords.txt");
const EN_STOP: &str = include_str!("../lexicons/en/stopwords.txt");
const DE_CITY: &str = include_str!("../lexicons/de/cities.txt");
const NL_CITY: &str = include_str!("../lexicons/nl/cities.txt");
const EN_CITY: &str = include_str!("../lexicons/en/cities.txt");

fn lines(s: &'static str) -> impl Iterator<Item = &'static str> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

const TITLES: &str = "herr herrn frau fr hr mr mrs ms miss mx mister madam mevrouw mevr mw meneer mnr dhr heer juffrouw sir";
const CLIN_TITLES: &str = "dr drs prof doktor doctor dokter med dent vet rer nat habil univ dipl ir pd professor oberarzt oberärztin chefarzt chefärztin assistenzarzt schwester pfleger huisarts verpleegkundige nurse np aprn cnp fnp oa oä facharzt fachärztin stationsarzt stationsärztin psychiater psychiaterin therapeut therapeutin psycholoog psychologe psychologin physiotherapeut fysiotherapeut";
const GREETINGS: &str = "liebe lieber hallo hi hey moin servus beste dear hoi hello dag geachte geehrte geehrter goedemorgen goedemiddag morning";
const SIGNOFFS: &str = "grüße grüßen grüssen gruß gruss grüsse lg vg mfg groet groeten groetjes gr grt mvg regards wishes sincerely cheers thanks dank danke bedankt yours respectfully best warmly";
const RELATIVES: &str = "mama papa dad daddy mommy mami papi mutti vati mam mammie pappie grandfather grandmother grandpa grandma granny grootvader grootmoeder schoonmoeder schoonvader großvater großmutter urgroßmutter urgroßvater schwiegermutter schwiegervater stiefmutter stiefvater tochter sohn mann ehemann frau ehefrau mutter vater schwester bruder enkel enkelin oma opa nichte neffe partner partnerin freundin freund schwiegertochter schwiegersohn schwager schwägerin nachbarin nachbar betreuerin betreuer cousine cousin tante onkel lebensgefährtin lebensgefährte dochter zoon man vrouw moeder vader zus broer kleinzoon kleindochter echtgenoot echtgenote schoonzoon schoondochter buurvrouw buurman vriendin vriend mantelzorger neef nicht daughter son husband wife mother father sister brother grandson granddaughter neighbour neighbor friend carer caregiver aunt uncle nephew niece cousin girlfriend boyfriend mum mom dad";
const POSSESSIVES: &str = "meine mein meiner meinem meinen unsere unser unserer unseren ihre ihr ihrer ihrem seine sein seiner mijn mn onze ons haar zijn uw my our his her your";
const PARTICLES: &str = "van von de der den ter ten te zu zum vom het la le di da du del dos op el";
const DETERMINERS: &str = "der die das den dem des ein eine einen einem einer eines kein keine keinen diese dieser diesen jede jeder the a an this that every no het een deze dit elke";
const NAME_STOPS: &str = "zusammen allerseits alle allemaal iedereen all everyone team kollegen kollegin kollege collega collega's praxis praxisteam there guys folks sir madam doctor dokter doktor patient patiënt patientin meneer mevrouw heer doc pt pts client resident christmas xmas easter thanksgiving halloween weihnachten ostern pfingsten silvester kerst kerstmis pasen pinksteren sinterklaas";
const WEEKDAYS: &str = "montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag mo di mi do fr sa so maandag dinsdag woensdag donderdag vrijdag zaterdag zondag ma wo za zo monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun";
const STREETS: &str = "straße strasse str weg allee platz gasse ring damm ufer chaussee steig pfad markt straat laan plein gracht kade singel dijk street st road rd avenue ave lane ln drive boulevard blvd close court ct place crescent terrace way gardens";
const INST_PRES: &str = "klinikum krankenhaus praxis gemeinschaftspraxis arztpraxis hausarztpraxis uniklinik universitätsklinikum universitätsklinik klinik kliniken spital krankenanstalt ziekenhuis umc gezondheidscentrum huisartsenpraktijk huisartsenpost hospital st sankt pia mvz tagesklinik ambulanz institutsambulanz poliklinik polikliniek apotheek apotheke thuiszorg fysiotherapie jobcenter gemeente rentenversicherung suchtberatung beratungsstelle huisartsenpost verpleeghuis verzorgingshuis zorgcentrum pflegeheim altenheim seniorenheim seniorenresidenz hospiz seniorenzentrum seniorenstift wohnstift pflegezentrum altenpflegeheim pflegedienst sozialstation tagespflege wohnheim woonzorgcentrum zorgboerderij huize revalidatiecentrum ggz lvr zfp wohngruppe lebenshilfe grundschule gesamtschule gymnasium realschule hauptschule förderschule oberschule berufsschule mittelschule sekundarschule basisschool";
const INST_POSTS: &str = "hospital ziekenhuis klinikum kliniken klinik krankenhaus gasthuis clinic infirmary umc mc hospice medisch praxis spital rehab health healthcare diagnostics pharmacy krankenkasse ziekenhuizen zorgverzekeraar dienst institute institut instituut center centre centrum school schule university universität universiteit college medicine associates living manor home care apartments residence vamc vahcs cboc towers";
const INST_NAMES: &str = "charité charite lumc umcg radboudumc amc vumc mumc erasmusmc isala rijnstate gelre zgt olvg antoniusziekenhuis diakonessenhuis sanquin mayo walgreens cvs lincare medicare medicaid masshealth barmer aok dak uwv buurtzorg careyn vgz zilveren labcorp kaiser parnassia arkin altrecht lentis dimence mondriaan yulius emergis rivierduinen ingeest accare karakter ggnet mediant vitos pfalzklinikum";
const EPONYMS: &str = "crohn alzheimer alzheimers parkinson parkinsons hashimoto basedow graves hodgkin cushing addison bechterew raynaud menière meniere sjögren sjogren tourette huntington kahler whipple guillain barré barre barrett paget osgood schlatter scheuermann dupuytren quincke lyme asperger korsakoff korsakow wernicke creutzfeldt epstein hirschsprung kawasaki marfan ehlers danlos horner tietze sudeck perthes virchow heberden bouchard babinski lasègue lasegue apgar glasgow holter doppler foley down bell wilson";
const EPONYM_PRES: &str = "morbus ziekte disease syndrom syndroom syndrome m";
const ID_LABELS: &str = "geschäftszeichen medicare medicaid insurance member policy polisnummer verzekeringsnummer mitgliedsnummer krankenversicherungsnummer patientennummer patientennr patnr pat fallnummer fallnr fall aktenzeichen az versichertennummer versichertennr versicherungsnummer versicherungsnr kvnr mrn patiëntnummer patientnummer dossiernummer dossiernr registratienummer ziekenhuisnummer bsn burgerservicenummer id kennung nummer nr record mrn nhs chart case patient-id pid svnr sozialversicherungsnummer license licence plate kenteken rijbewijs führerschein fuehrerschein kennzeichen passport reisepass paspoort ausweis personalausweis vin account acct npi";
const PHONE_LABELS: &str = "tel telefon telefonnummer telefoon telefoonnummer telnr fax mobil mobiel handy mobile phone cell rufnummer tlf ph";
const AGE_UNITS: &str =
    "jahre jahren jährig jährige jähriger jährigen jaar jarige years year yo yrs j";
const AGE_PRES: &str = "aged age alter leeftijd";
const SCORES: &str = "kraft kracht strength power score vas nrs grad grade mrc gcs nihss mmse moca ecog barthel punkte punten points kraftgrad spierkracht schmerz schmerzen pain pijn";
const DATE_PREPS: &str =
    "am vom bis zum seit ab op tot per on from until till since sinds dated datum date van";
const UNITS: &str = "mg ml g µg mcg ug ie iu mmol mmhg kg cm mm l dl tabl tablette tabletten tablet tablets tabs stück stk keer mal times uhr uur h min sek x pro per prozent procent percent einheiten eenheden units mal täglich daily dd tbl caps kapseln capsules hub pufjes puffs";
const PLACE_PREPS: &str =
    "in aus nach uit te from near bei nahe nabij naar to of wohnhaft woonachtig";

/// Month names and abbreviations: (month, words). `may`, `jan`, `march`,
/// `august` and friends are also ordinary words or names.
const MONTHS: [(u8, &str); 12] = [
    (1, "januar jänner jaenner januari january jan"),
    (2, "februar feber februari february feb febr"),
    (3, "märz maerz marz maart march mär mrz mrt mar maa"),
    (4, "april apr"),
    (5, "mai mei may"),
    (6, "juni june jun"),
    (7, "juli july jul"),
    (8, "august augustus aug"),
    (9, "september sep sept"),
    (10, "oktober october okt oct"),
    (11, "november nov"),
    (12, "dezember december dez dec"),
];
const MONTH_AMBIGS: &str = "jan mar may march august jun jul sept dec mär";
const WITHS: &str = "mit und met en with and";
const DESKS: &str = "at from";
const INTROS: &str = "heiße heisse heißt heisst heet heten name naam contactpersoon ansprechpartner ansprechpartnerin kontaktperson bezugsbetreuer bezugsbetreuerin bezugsperson betreuer betreuerin begeleider begeleidster mantelzorger caregiver casemanager manager";
const PO_BOXES: &str = "postbus postfach postbox box";
const SPELLEDS: &str = "dot punt punkt apenstaartje klammeraffe";
const AGE_WORDS: &str = "ninety hundred neunzig einundneunzig zweiundneunzig dreiundneunzig vierundneunzig fünfundneunzig fuenfundneunzig sechsundneunzig siebenundneunzig achtundneunzig neunundneunzig hundert einhundert negentig eenennegentig tweeënnegentig tweeennegentig drieënnegentig drieennegentig vierennegentig vijfennegentig zesennegentig zevenennegentig achtennegentig negenennegentig honderd";
const CITY_AMBIGS: &str = "waren hoogland burg forst horst echt concord newton lynn chelsea beverly lawrence everett quincy salem revere lexington essen halle hamm best born stein weert reading bath cork mobile buffalo independence charlotte glasgow hull goes oss ede worms hagen celle witten siegen minden marl gera brandenburg jena weimar ulm columbus rochester springfield washington phoenix orlando";

fn build() -> Lexicon {
    let mut words = Map::default();
    let mut phrases = Vec::new();
    let mut add = |w: &str, flags: u64, month: u8, phrases: &mut Vec<(Vec<String>, u64)>| {
        let lower = w.to_lowercase();
        let parts: Vec<String> = lower.split_whitespace().map(str::to_string).collect();
        if parts.len() > 1 {
            // `van der Meer`: the last word is a surname after particles.
            if flags & SURNAME != 0 {
                for p in &parts[..parts.len() - 1] {
                    insert(&mut words, p, PARTICLE, 0);
                }
                let last = &parts[parts.len() - 1];
                insert(&mut words, last, PSURNAME | (flags & AMBIG), 0);
            } else {
                let multi = if flags & INST_NAME != 0 {
                    MULTI | MULTI_INST
                } else {
                    MULTI
                };
                insert(&mut words, &parts[0], multi, 0);
                // (Up to an apostrophe: `women's` is the token `women`.)
                let next = parts[1].split(['\'', '’']).next().unwrap_or_default();
                insert(&mut words, next, MULTI_NEXT, 0);
                phrases.push((parts, flags));
            }
            return;
        }
        insert(&mut words, &lower, flags, month);
    };
    for (list, flag) in [
        (DE_FIRST, FIRST_DE),
        (NL_FIRST, FIRST_NL),
        (EN_FIRST, FIRST_EN),
    ] {
        for (sex, w) in first_entries(list) {
            let sex = match sex {
                'f' => FEMALE,
                'm' => MALE,
                _ => FEMALE | MALE,
            };
            for part in w.split('-') {
                add(part, FIRST | flag | sex, 0, &mut phrases);
            }
        }
    }
    for (sex, w) in first_entries(OPEN_FIRST) {
        let sex = match sex {
            'f' => FEMALE,
            'm' => MALE,
            _ => FEMALE | MALE,
        };
        add(w, FIRST | sex, 0, &mut phrases);
    }
    for list in [DE_SUR, NL_SUR, EN_SUR, OPEN_SUR] {
        for w in lines(list) {
            add(w, SURNAME, 0, &mut phrases);
        }
    }
    for list in [DE_AMBIG, NL_AMBIG, EN_AMBIG] {
        for w in lines(list) {
            add(w, AMBIG, 0, &mut phrases);
        }
    }
    for (list, flag) in [(DE_STOP, LANG_DE), (NL_STOP, LANG_NL), (EN_STOP, LANG_EN)] {
        for w in lines(list).flat_map(str::split_whitespace) {
            add(w, STOP | flag, 0, &mut phrases);
        }
    }
    for w in lines(DE_NOUN) {
        add(w, NOUN, 0, &mut phrases);
    }
    for list in [DE_CITY, NL_CITY, EN_CITY, OPEN_CITY] {
        for w in lines(list) {
            let w = w.trim_end_matches(" (Oder)").trim_end_matches(" (Saale)");
            add(w, CITY, 0, &mut phrases);
        }
    }
    let closed: [(&str, u64); 33] = [
        (TITLES, TITLE),
        (CLIN_TITLES, TITLE | CLIN_TITLE),
        (GREETINGS, GREETING),
        (SIGNOFFS, SIGNOFF),
        (RELATIVES, RELATIVE),
        (POSSESSIVES, POSSESSIVE),
        (PARTICLES, PARTICLE),
        (DETERMINERS, DETERMINER),
        (NAME_STOPS, NAME_STOP),
        (WEEKDAYS, WEEKDAY),
        (STREETS, STREET),
        (INST_PRES, INST_PRE),
        (INST_POSTS, INST_POST),
        (INST_NAMES, INST_NAME),
        (EPONYMS, EPONYM),
        (EPONYM_PRES, EPONYM_PRE),
        (ID_LABELS, ID_LABEL),
        (PHONE_LABELS, PHONE_LABEL),
        (AGE_UNITS, AGE_UNIT),
        (AGE_PRES, AGE_PRE),
        (SCORES, SCORE),
        (DATE_PREPS, DATE_PREP),
        (UNITS, UNIT),
        (PLACE_PREPS, PLACE_PREP),
        (CITY_AMBIGS, CITY_AMBIG),
        (WITHS, WITH),
        (DESKS, DESK),
        (INTROS, INTRO),
        (PO_BOXES, PO_BOX),
        (SPELLEDS, SPELLED),
        (AGE_WORDS, AGE_WORD),
        ("haus", HOUSE),
        ("thank", THANK),
    ];
    for (list, flag) in closed {
        for w in list.split_whitespace() {
            add(w, flag, 0, &mut phrases);
        }
    }
    for (month, list) in MONTHS {
        for w in list.split_whitespace() {
            add(w, MONTH, month, &mut phrases);
        }
    }
    for w in MONTH_AMBIGS.split_whitespace() {
        add(w, MONTH_AMBIG, 0, &mut phrases);
    }
    // Multi-word institutions.
    for p in [
        "erasmus mc",
        "amsterdam umc",
        "maastricht umc",
        "umc utrecht",
        "antoni van leeuwenhoek",
        "medical center",
        "medical centre",
        "jeroen bosch ziekenhuis",
        "ggz centraal",
        "ggz ingeest",
        "ggz delfland",
        "ggz friesland",
        "ggz drenthe",
        "ggz breburg",
        "ggz oost brabant",
        "pro persona",
        "reinier van arkel",
        "bavo europoort",
        "prinses maxima centrum",
        "rechts der isar",
        "vivantes klinikum",
        "helios klinikum",
        "asklepios klinik",
        "mayo clinic",
        "cleveland clinic",
        "johns hopkins",
        "guy's and st thomas'",
        "mass general",
        "massachusetts general",
        "beth israel",
        "harvard pilgrim",
        "blue cross blue shield",
        "blue cross",
        "brigham and women's",
        "rite aid",
        "albert heijn",
        "quest diagnostics",
        "techniker krankenkasse",
        "sozialpsychiatrischer dienst",
    ] {
        add(p, INST_NAME, 0, &mut phrases);
    }
    phrases.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
    let mut phrase_heads: HashMap<u64, Vec<u32>, BuildHasherDefault<Ident>> = HashMap::default();
    for (k, (words, _)) in phrases.iter().enumerate() {
        phrase_heads
            .entry(word_key(words[0].as_bytes()))
            .or_default()
            .push(k as u32);
    }
    Lexicon {
        words: Table::new(&words),
        phrases: phrases
            .into_iter()
            .map(|(words, flags)| Phrase::new(words, flags))
            .collect(),
        phrase_heads,
    }
}

/// Adds `w` and its spellings without diacritics (`mueller`, `muller`,
/// `yilmaz` for `yılmaz`, `nakic` for `nakić`), folded as names are.
fn insert(words: &mut Map, w: &str, flags: u64, month: u8) {
    let mut put = |k: &str| {
        let e = words.entry(word_key(k.as_bytes())).or_default();
        e.flags |= flags;
        if month != 0 {
            e.month = month;
        }
    };
    put(w);
    if !w.is_ascii() {
        for umlauts in [Umlauts::Spelled, Umlauts::Dropped] {
            let folded = fold_pattern(w, umlauts);
            if folded != w {
                put(&folded);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_words_of_institutions_are_told_from_those_of_cities() {
        for w in ["erasmus", "medical", "mayo", "blue"] {
            let f = lookup(w).flags;
            assert!(f & MULTI != 0 && f & MULTI_INST != 0, "{w}");
        }
        for w in ["den", "bad", "new"] {
            let f = lookup(w).flags;
            assert!(f & MULTI != 0 && f & MULTI_INST == 0, "{w}");
        }
    }

    #[test]
    fn short_keys_like_keys_of_words_alone() {
        for word in [
            "a", "Z", "ab", "AbC", "koch", "MÜLLER", "Straße", "Wolfgan", "xYzXyZq",
        ] {
            let word = word.as_bytes();
            if word.len() >= 8 {
                continue;
            }
            let mut last = 0u64;
            for (k, &b) in word.iter().enumerate() {
                last |= u64::from(b | 0x20) << (8 * k);
            }
            assert_eq!(ascii_key_short(last, word.len()), ascii_key(word));
        }
    }

    #[test]
    fn keys_of_words_in_text_like_keys_of_words_alone() {
        let text = b"Ab abcdefg ABCDEFGH abcdefghI Abcdefghijklmnopq x yz.Wolf";
        for start in 0..text.len() {
            for end in start + 1..=text.len() {
                assert_eq!(
                    ascii_key_in(text, start, end),
                    ascii_key(&text[start..end]),
                    "{start}..{end}"
                );
            }
        }
        assert_eq!(ascii_key(b"KOCH"), word_key(b"koch"));
    }

    #[test]
    fn knows_names_months_and_umlaut_spellings() {
        assert_ne!(lookup("müller").flags & SURNAME, 0);
        assert_ne!(lookup("mueller").flags & SURNAME, 0);
        assert_ne!(lookup("muller").flags & SURNAME, 0);
        assert_eq!(lookup("jänner").month, 1);
        assert_eq!(lookup("feber").month, 2);
        assert_ne!(lookup("koch").flags & AMBIG, 0);
        assert_ne!(lookup("vries").flags & PSURNAME, 0);
        assert_ne!(lookup("anna").flags & FIRST, 0);
        assert_eq!(lookup("termin").flags & NAME, 0);
    }

    #[test]
    fn open_data_names_are_known_in_every_spelling() {
        // A US Census surname, a Croatian one from Faker, a Turkish first name.
        for w in ["morrison", "mcallister", "nakić", "nakic"] {
            assert_ne!(lookup(w).flags & SURNAME, 0, "{w}");
        }
        for w in ["dwayne", "tanya", "özge", "oezge", "ozge"] {
            assert_ne!(lookup(w).flags & FIRST, 0, "{w}");
        }
        // Words of any of the three languages are no names from these lists.
        for w in ["hand", "kind", "fenster", "brood", "window", "termin"] {
            assert_eq!(lookup(w).flags & NAME, 0, "{w}");
        }
    }

    #[test]
    fn surrogate_pools_are_plain_unambiguous_names() {
        for lang in [Lang::De, Lang::Nl, Lang::En] {
            assert!(first_names(lang).len() > 100);
            assert!(surnames(lang).len() > 80);
            assert!(!first_names(lang).contains(&"Will"));
            assert!(!surnames(lang).contains(&"Koch"));
        }
    }

    #[test]
    fn first_names_know_their_sex() {
        assert_eq!(sex_of(lookup("barbara").flags), Some(Sex::Female));
        assert_eq!(sex_of(lookup("jürgen").flags), Some(Sex::Male));
        assert_eq!(sex_of(lookup("juergen").flags), Some(Sex::Male));
        assert_eq!(sex_of(lookup("kim").flags), None);
        assert_eq!(sex_of(lookup("termin").flags), None);
        for lang in [Lang::De, Lang::Nl, Lang::En] {
            let women = first_names_of(lang, Some(Sex::Female));
            let men = first_names_of(lang, Some(Sex::Male));
            let either = first_names_of(lang, None);
            assert!(women.len() > 100 && men.len() > 100, "{lang:?}");
            assert!(either.len() >= 5, "{lang:?}");
            for w in women {
                assert_eq!(
                    sex_of(lookup(&w.to_lowercase()).flags),
                    Some(Sex::Female),
                    "{w}"
                );
            }
            for w in men {
                assert_eq!(
                    sex_of(lookup(&w.to_lowercase()).flags),
                    Some(Sex::Male),
                    "{w}"
                );
            }
        }
    }
}
