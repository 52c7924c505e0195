//! Street addresses (`Musterstraße 12`, `Hauptstr. 3a`, `Kerkstraat 14`,
//! `12 Main Street`, `Berliner Straße 5`, `4521 N. Meridian St`), flats and
//! post-office boxes. [`find`] also calls the finders of institutions
//! ([`super::institution`], [`super::care_home`]) and of postcodes and
//! towns ([`super::towns`]), in that order.

use super::Scan;
use crate::Category;
use crate::Lang;
use crate::cand::{Cands, Words};
use crate::lexicon::{
    self, CITY, DETERMINER, INST_NAME, INST_POST, INST_PRE, MULTI, MULTI_INST, NAME_STOP, PARTICLE,
    PO_BOX, STOP, STREET, TITLE,
};
use crate::token::{Case, Gap, Kind, Tok};

/// Endings of street names written as one word.
const STREET_SUFFIXES: &[&str] = &[
    "straße", "strasse", "str", "weg", "allee", "platz", "gasse", "damm", "ufer", "chaussee",
    "steig", "pfad", "straat", "laan", "plein", "gracht", "kade", "singel", "dijk", "markt",
    "steeg", "hof", "einde", "dreef", "haven",
];

/// Endings that make a street name even without a house number.
const STRONG_SUFFIXES: &[&str] = &[
    "straße", "strasse", "straat", "laan", "gracht", "allee", "gasse", "chaussee",
];

/// Endings of institution names written as one word (`Marienkrankenhaus`).
const INST_SUFFIXES: &[&str] = &[
    "krankenhaus",
    "klinikum",
    "ziekenhuis",
    "kliniek",
    "gasthuis",
    "spital",
    "hospital",
    "centrum",
    "zentrum",
    "dienst",
];

/// Finds addresses, postcodes, institutions and cities, in that order.
pub(crate) fn find(scan: &mut Scan<'_>) {
    let d = &scan.doc;
    if d.has_num || d.long_capital {
        streets(scan);
    }
    po_boxes(scan);
    if scan.lang == Lang::En && scan.doc.cased {
        named_streets(scan);
    }
    let d = &scan.doc;
    if d.flags & (INST_PRE | INST_POST | INST_NAME | MULTI_INST) != 0 || d.long_capital {
        super::institution::find(scan);
    }
    super::care_home::find(scan);
    if scan.doc.has_num {
        super::towns::postcodes(scan);
    }
    if scan.doc.flags & (CITY | MULTI) != 0 {
        super::towns::cities(scan);
    }
}

/// Whether word `w` ends with one of `suffixes` and has at least three
/// letters before it. Compared case-insensitively.
pub(super) fn ends_with_any(w: &str, suffixes: &Suffixes) -> bool {
    let bytes = w.as_bytes();
    let Some(&last) = bytes.last() else {
        return false;
    };
    // Only the suffixes that end in the word's last byte.
    let mut candidates = suffixes.by_last[usize::from(last.to_ascii_lowercase())];
    if candidates == 0 {
        return false;
    }
    if w.is_ascii() {
        // The word's last eight bytes in lower case, compared with each
        // ending's at once (an ending with bytes that are not ASCII cannot
        // match, as the comparison below finds too).
        let n = bytes.len();
        let mut eight = [0u8; 8];
        let k = n.min(8);
        eight[8 - k..].copy_from_slice(&bytes[n - k..]);
        let tail = crate::roster::lower8(u64::from_le_bytes(eight));
        while candidates != 0 {
            let k = candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            let s = suffixes.list[k];
            if n >= s.len() + 3
                && tail & suffixes.masks[k] == suffixes.tails[k]
                && (s.len() <= 8 || bytes[n - s.len()..].eq_ignore_ascii_case(s.as_bytes()))
            {
                return true;
            }
        }
        return false;
    }
    while candidates != 0 {
        let s = suffixes.list[candidates.trailing_zeros() as usize];
        candidates &= candidates - 1;
        if w.len() >= s.len() + 3 && w.is_char_boundary(w.len() - s.len()) && {
            let tail = &w[w.len() - s.len()..];
            tail.eq_ignore_ascii_case(s)
                || (!tail.is_ascii() && tail.chars().flat_map(char::to_lowercase).eq(s.chars()))
        } {
            return true;
        }
    }
    false
}

/// Whether `w` lower-cased is one of `words` (lower case): ASCII words are
/// compared ignoring ASCII case, without lower-casing them first.
pub(super) fn is_any_lower(w: &str, words: &[&str]) -> bool {
    if w.is_ascii() {
        words.iter().any(|x| x.eq_ignore_ascii_case(w))
    } else {
        let lower = w.to_lowercase();
        words.contains(&lower.as_str())
    }
}

/// A list of word endings (at most 32, in lower case), indexed by their
/// last byte.
pub(super) struct Suffixes {
    list: &'static [&'static str],
    /// For each byte: the endings that end in it, one bit each.
    by_last: [u32; 256],
    /// Per ending: its last eight bytes (all of it if shorter) as the last
    /// eight bytes of a word read little-endian hold them.
    tails: [u64; 32],
    /// Per ending: the bytes of those eight that it covers.
    masks: [u64; 32],
}

impl Suffixes {
    const fn new(list: &'static [&'static str]) -> Suffixes {
        assert!(list.len() <= 32);
        let mut by_last = [0u32; 256];
        let mut tails = [0u64; 32];
        let mut masks = [0u64; 32];
        let mut k = 0;
        while k < list.len() {
            let bytes = list[k].as_bytes();
            let n = bytes.len();
            by_last[bytes[n - 1] as usize] |= 1 << k;
            let mut i = 0;
            while i < n && i < 8 {
                tails[k] |= (bytes[n - 1 - i] as u64) << (8 * (7 - i));
                masks[k] |= 0xff << (8 * (7 - i));
                i += 1;
            }
            k += 1;
        }
        Suffixes {
            list,
            by_last,
            tails,
            masks,
        }
    }
}

/// [`STREET_SUFFIXES`] by last byte.
static STREET_ENDS: Suffixes = Suffixes::new(STREET_SUFFIXES);
/// [`STRONG_SUFFIXES`] by last byte.
static STRONG_ENDS: Suffixes = Suffixes::new(STRONG_SUFFIXES);
/// [`INST_SUFFIXES`] by last byte.
pub(super) static INST_ENDS: Suffixes = Suffixes::new(INST_SUFFIXES);

/// A house number at token `k`: `12`, `3a`, `12-14`, `12 a`. Returns its last token.
fn house_number(scan: &Scan<'_>, k: usize) -> Option<usize> {
    let d = &scan.doc;
    if !d.is_num(k) || d.digits(k) > 4 || d.toks[k].gap == Gap::Line {
        return None;
    }
    let mut end = k;
    if d.is_word(k + 1) && d.toks[k + 1].gap == Gap::None && d.chars(k + 1) == 1 {
        end = k + 1;
    } else if d.is_glued_punct(k + 1, '-')
        && d.is_num(k + 2)
        && d.toks[k + 2].gap == Gap::None
        && d.digits(k + 2) <= 4
    {
        end = k + 2;
    }
    // Not a date or dose: `12.3.`, `12 mg`.
    if d.is_glued_punct(end + 1, '.') && d.glued_after(end + 1) {
        return None;
    }
    Some(end)
}

/// The first token of a hyphen chain ending at word `i` (`Karl-Marx-Straße`).
fn chain_start(scan: &Scan<'_>, i: usize) -> usize {
    let d = &scan.doc;
    let mut a = i;
    while a >= 2
        && d.is_glued_punct(a - 1, '-')
        && d.toks[a - 1].gap == Gap::None
        && d.is_word(a - 2)
        && d.toks[a].gap == Gap::None
    {
        a -= 2;
    }
    a
}

/// Compass points before an English street's name (`N. Meridian St`).
const COMPASS: Words = Words::new(&[
    "n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west",
]);

/// Whether word `i` follows an ordinal number and a space (`86th St`).
fn after_ordinal(scan: &Scan<'_>, i: usize) -> bool {
    let d = &scan.doc;
    i >= 2
        && d.toks[i].gap == Gap::Space
        && d.is_num(i - 2)
        && d.is_word(i - 1)
        && d.toks[i - 1].gap == Gap::None
        && ["st", "nd", "rd", "th"]
            .iter()
            .any(|o| d.s(i - 1).eq_ignore_ascii_case(o))
}

/// Token `a`, or the compass point before it (`N.`, `W`, `North`) when one
/// stands there in an English message.
fn compass_before(scan: &Scan<'_>, a: usize) -> usize {
    let d = &scan.doc;
    if scan.lang != Lang::En || a == 0 || d.toks[a].gap != Gap::Space {
        return a;
    }
    let word = |k: usize| d.is_word(k) && d.toks[k].case != Case::Lower && COMPASS.has(d.s(k));
    if a >= 2 && d.is_glued_punct(a - 1, '.') && word(a - 2) && d.chars(a - 2) <= 2 {
        a - 2
    } else if word(a - 1) {
        a - 1
    } else {
        a
    }
}

/// Prepositions that start a German street name (`Am Markt`).
const STREET_PREPOSITIONS: Words = Words::new(&[
    "am", "zum", "zur", "im", "an", "auf", "unter", "hinter", "vor", "in", "bei",
]);

/// Articles after such a preposition (`An der Heide`).
const ARTICLES: Words = Words::new(&["der", "dem", "den"]);

/// German streets named with a preposition and no street word
/// (`Am Markt 43`, `Zum Fließ 96`, `An der Heide 3`), taken only when a
/// postcode or a known town follows the house number or a word such as
/// `wohnhaft` or `Anschrift:` stands before; returns the house number's last
/// token.
fn preposition_street(scan: &Scan<'_>, i: usize) -> Option<usize> {
    let d = &scan.doc;
    if scan.lang != Lang::De || d.cased && d.toks[i].case != Case::Title {
        return None;
    }
    let w = d.s(i);
    if w.len() > 6 || !STREET_PREPOSITIONS.has(w) {
        return None;
    }
    let mut k = i + 1;
    if d.is_word(k) && ARTICLES.has(d.s(k)) {
        k += 1;
    }
    let first = k;
    while d.is_word(k)
        && k - first < 2
        && d.toks[k].gap == Gap::Space
        && !d.has(k, STOP | lexicon::WEEKDAY | lexicon::MONTH)
        && (!d.cased || matches!(d.toks[k].case, Case::Title | Case::Upper))
    {
        k += 1;
    }
    // `in der Gartenstraße 12`: the street word names the street itself.
    if k == first || (first..k).any(|w| ends_with_any(d.s(w), &STREET_ENDS)) {
        return None;
    }
    let end = house_number(scan, k)?;
    let mut p = end + 1;
    // `Am Anger 50a, 12043 Berlin`, `Am Schlosspark 104 in 16909 Wittstock`,
    // `Am Anger 3 in Lübbenau`.
    if d.is_punct(p, ',') || d.is_word(p) && d.s(p) == "in" {
        p += 1;
    }
    let postcode = d.is_num(p) && d.digits(p) == 5 && d.toks[p].gap != Gap::Line;
    let town = p > end + 1 && d.has(p, lexicon::CITY) && d.toks[p].gap != Gap::Line;
    // `wohnhaft Am Anger 3`, `Anschrift: Am Anger 3`.
    let cue = (1..=2).any(|back| {
        i >= back
            && d.is_word(i - back)
            && (LIVES_AT.has(d.s(i - back)) || ADDRESS_LABELS.has(d.s(i - back)))
            && (back == 1 || d.is_punct(i - 1, ':'))
    });
    (postcode || town || cue).then_some(end)
}

/// Verbs before an address (`wohnhaft Am Anger 3`); the labels
/// (`Anschrift: Am Markt 5`) are [`ADDRESS_LABELS`].
const LIVES_AT: Words = Words::new(&["wohnhaft", "wohne", "wohnt", "wohnen", "wohnadresse"]);

/// Labels before an address, which are no part of the street's name
/// (`Adres Kerkstraat 12`, `Address: Main Street 5`).
const ADDRESS_LABELS: Words = Words::new(&[
    "adres",
    "woonadres",
    "postadres",
    "bezoekadres",
    "address",
    "adresse",
    "anschrift",
    "wohnort",
    "woonplaats",
    "straat",
    "street",
    "home",
]);

/// Words before a street name that belong to it (`Burgemeester de
/// Withstraat`, `Dr. Schaepmanstraat`, `Van Goghstraat`, `Prins
/// Bernhardlaan`): titles with their dot and particles in every language,
/// other capitalised words in Dutch and English (a German capital may be
/// any noun).
fn street_head(scan: &Scan<'_>, start: usize) -> usize {
    let d = &scan.doc;
    let mut a = start;
    let mut words = 0;
    while a > 0 && words < 3 && d.toks[a].gap == Gap::Space {
        let mut p = a - 1;
        let dotted = d.is_glued_punct(p, '.') && p > 0 && d.is_word(p - 1);
        if dotted {
            p -= 1;
        }
        if !d.is_word(p) {
            break;
        }
        let title = d.has(p, TITLE) && (dotted || d.chars(p) > 3);
        let particle = !dotted && d.has(p, PARTICLE) && d.toks[p].case == Case::Lower;
        let capital = !dotted
            && scan.lang != Lang::De
            && !d.has(p, STOP | DETERMINER | PARTICLE)
            && !ADDRESS_LABELS.has(d.s(p))
            && (if d.cased {
                d.toks[p].case == Case::Title
            } else {
                // Without capitals: one word, right before the street word,
                // after a function word or the start of the line.
                words == 0
                    && !d.has(p, NAME_STOP | TITLE)
                    && (p == 0
                        || d.toks[p].gap == Gap::Line
                        || d.has(p - 1, STOP)
                        || !d.is_word(p - 1))
            });
        if !(title || particle || capital) || dotted && !title {
            break;
        }
        a = p;
        words += 1;
        if d.toks[p].gap == Gap::Line {
            break;
        }
    }
    // A particle does not start a street (`op de Kerkstraat`).
    while a < start && d.has(a, PARTICLE) && d.toks[a].case == Case::Lower {
        a += 1;
    }
    a
}

fn streets(scan: &mut Scan<'_>) {
    let d = &scan.doc;
    let mut found = Vec::new();
    // The words the tests below may take: street words, words of six
    // bytes or more that may be capitalised (before a house number, or of
    // nine bytes or more), and a preposition street's first word (before
    // a house number too).
    let (german, cased, num) = (scan.lang == Lang::De, d.cased, d.has_num);
    // What the message decides is decided once, not per token.
    let long = if num { 6 } else { 9 };
    let short = if german && num { 6 } else { 0 };
    let any_case = !cased;
    let street = |t: &Tok| {
        (t.kind == Kind::Word)
            & ((t.info.flags & STREET != 0)
                | ((t.end - t.start >= long) & (any_case | (t.case != Case::Lower))))
    };
    let cands = if !num {
        // No house number can follow: only a capitalised name of nine
        // bytes or more with a strong street ending (`Musterstraße`) is a
        // street, and only in a cased message.
        if !cased {
            return;
        }
        Cands::long_capitals(d, 9, 0)
    } else if short == 0 {
        if any_case {
            Cands::of(d, street)
        } else {
            Cands::long_capitals(d, long, STREET)
        }
    } else {
        // A short word only as a preposition (see `preposition_street`),
        // as its length and first letter may tell.
        let text = d.text.as_bytes();
        Cands::of(d, |t| {
            let len = t.end - t.start;
            street(t)
                | ((t.kind == Kind::Word)
                    & (len <= short)
                    & (any_case | (t.case == Case::Title))
                    & STREET_PREPOSITIONS.may_be(len, text[t.start]))
        })
    };
    let mut i = 0;
    for c in cands.iter() {
        if c < i {
            continue;
        }
        i = c;
        let t = &d.toks[i];
        // `Am Anger 50a, 12043 Berlin`, `Zum Fließ 96, 16303 Schwedt`.
        if t.kind == Kind::Word
            && let Some(end) = preposition_street(scan, i)
        {
            found.push((i, end));
            i = end + 1;
            continue;
        }
        if t.kind != Kind::Word || t.end - t.start < 6 && t.info.flags & STREET == 0 {
            i += 1;
            continue;
        }
        let w = d.s(i);
        // `Musterstraße 12`, `Hauptstr. 3a`, `Kerkstraat 14`.
        let numbered = d.is_num(i + 1) || d.is_glued_punct(i + 1, '.') && d.is_num(i + 2);
        // Without a number after it no house number follows: only a strong
        // ending (a part of the street endings) makes a street then.
        if w.len() >= 9
            && !numbered
            && d.cased
            && d.capitalised(i)
            && ends_with_any(w, &STRONG_ENDS)
        {
            found.push((street_head(scan, chain_start(scan, i)), i));
            i += 1;
            continue;
        }
        if w.len() >= 6 && numbered && d.capitalised(i) && ends_with_any(w, &STREET_ENDS) {
            let mut k = i + 1;
            if d.is_glued_punct(k, '.') {
                k += 1;
            }
            let start = street_head(scan, chain_start(scan, i));
            if let Some(end) = house_number(scan, k) {
                found.push((start, end));
                i = end + 1;
                continue;
            }
            if ends_with_any(w, &STRONG_ENDS) && d.cased {
                found.push((start, i));
                i += 1;
                continue;
            }
        }
        // `12 W 34th St`, `300 E. 86th Street`: a house number, perhaps a
        // compass point, and a numbered street.
        if scan.lang == Lang::En && d.has(i, STREET) && i >= 3 && after_ordinal(scan, i) {
            let k = compass_before(scan, i - 2);
            if k > 0
                && d.is_num(k - 1)
                && d.digits(k - 1) <= 5
                && d.toks[k].gap == Gap::Space
                && !d.glued_before(k - 1)
            {
                found.push((k - 1, i));
                i += 1;
                continue;
            }
        }
        // `Berliner Straße 5`, `Am Alten Markt 3` is left alone.
        let hyphen = i >= 2
            && d.is_glued_punct(i - 1, '-')
            && d.is_word(i - 2)
            && d.toks[i].gap == Gap::None;
        if d.has(i, STREET)
            && i > 0
            && (hyphen || d.capitalised(i - 1) && !d.has(i - 1, STOP | DETERMINER))
            && d.toks[i].gap != Gap::Line
        {
            let mut k = i + 1;
            if d.is_glued_punct(k, '.') {
                k += 1;
            }
            if let Some(end) = house_number(scan, k) {
                found.push((
                    if hyphen {
                        chain_start(scan, i)
                    } else {
                        chain_start(scan, i - 1)
                    },
                    end,
                ));
                i = end + 1;
                continue;
            }
            // `12 Main Street`, `221B Baker Street`, `4521 N. Meridian St`.
            let mut a = i - 1;
            while a > 0
                && d.capitalised(a - 1)
                && !d.has(a - 1, STOP)
                && i - a < 3
                && d.toks[a].gap == Gap::Space
            {
                a -= 1;
            }
            a = compass_before(scan, a);
            for s in (a..i).rev() {
                let mut h = s;
                if h > 0
                    && d.is_word(h - 1)
                    && d.toks[h - 1].gap == Gap::None
                    && d.s(h - 1).len() == 1
                    && h >= 2
                {
                    h -= 1;
                }
                if h > 0 && d.is_num(h - 1) && d.digits(h - 1) <= 5 && d.toks[h].gap != Gap::Line {
                    found.push((h - 1, i));
                    break;
                }
            }
        }
        i += 1;
    }
    // A German or Dutch street in lower case in a message with capitals:
    // a strong ending and its house number (`kerkstraat 12`).
    if cased && num && scan.lang != Lang::En {
        let before = found.len();
        for k in Cands::nums(d).iter() {
            let i = k.wrapping_sub(1);
            if k == 0
                || !d.is_word(i)
                || d.toks[i].case != Case::Lower
                || d.toks[k].gap != Gap::Space
                || d.s(i).len() < 8
                || !ends_with_any(d.s(i), &STRONG_ENDS)
                || found.iter().any(|&(a, b)| a <= i && i <= b)
            {
                continue;
            }
            if let Some(end) = house_number(scan, k) {
                found.push((street_head(scan, chain_start(scan, i)), end));
            }
        }
        if found.len() > before {
            found.sort_unstable();
        }
    }
    // A street starts after the one before it (`E-Ln 1-Ve-Ln 1`), as it
    // starts after that one's tag in a second scrub.
    let mut floor = 0;
    for (a, b) in found {
        let mut a = a.max(floor);
        while a < b && !scan.doc.is_word(a) && !scan.doc.is_num(a) {
            a += 1;
        }
        if a <= b && scan.free(a, b) {
            let b = unit_tail(scan, b);
            scan.push(a, b, Category::StreetAddress, "address.street");
            floor = b + 1;
        }
    }
}

/// Words before a flat or suite number (`Apt 5B`, `Suite 200`, `Whg. 3`).
const UNIT_WORDS: Words = Words::new(&[
    "apt",
    "apartment",
    "suite",
    "ste",
    "unit",
    "fl",
    "floor",
    "flat",
    "room",
    "rm",
    "wohnung",
    "whg",
    "app",
    "appartement",
    "etage",
    "stock",
]);

/// Extends a street address ending at token `b` over a flat or suite
/// number after it (`1234 Elm St., Apt 5B`, `22 Oak Lane, Suite 200`,
/// `Hauptstr. 3, Whg. 12`). Returns the new last token.
fn unit_tail(scan: &Scan<'_>, b: usize) -> usize {
    let d = &scan.doc;
    let mut k = b + 1;
    if d.is_glued_punct(k, '.') {
        k += 1;
    }
    if d.is_punct(k, ',') {
        k += 1;
    }
    let marked = d.is_punct(k, '#') || d.is_word(k) && UNIT_WORDS.has(d.s(k));
    if !marked || d.toks[k].gap == Gap::Line || scan.claimed[k] {
        return b;
    }
    k += 1;
    while d.is_punct(k, '.') || d.is_punct(k, '#') || d.is_punct(k, ':') {
        k += 1;
    }
    let code = d.is_num(k) || d.is_word(k) && d.chars(k) == 1;
    if !code || d.toks[k].gap == Gap::Line || scan.claimed[k] {
        return b;
    }
    let mut e = k;
    while d
        .toks
        .get(e + 1)
        .is_some_and(|t| t.gap == Gap::None && t.kind != Kind::Punct)
        && !scan.claimed[e + 1]
    {
        e += 1;
    }
    e
}

/// Post-office boxes: `P.O. Box 123`, `PO Box 4455`, `Postbus 123`,
/// `Postfach 10 20 30`.
fn po_boxes(scan: &mut Scan<'_>) {
    if !scan.doc.has_num || scan.doc.flags & PO_BOX == 0 {
        return;
    }
    let cands = Cands::flagged(&scan.doc, PO_BOX);
    for i in cands.iter() {
        let d = &scan.doc;
        if scan.claimed[i] {
            continue;
        }
        let start = if d.is_one_of(i, &["postbus", "postfach", "postbox"]) {
            i
        } else if d.s(i).eq_ignore_ascii_case("box") && i > 0 {
            // `PO Box`, `P.O. Box`, `Post Office Box`.
            let mut a = i - 1;
            while a > 0 && d.is_punct(a, '.') {
                a -= 1;
            }
            if d.is_one_of(a, &["po", "o"]) {
                if d.s(a).eq_ignore_ascii_case("o") && a >= 2 && d.is_glued_punct(a - 1, '.') {
                    a -= 2;
                }
                a
            } else if d.is_one_of(a, &["office"])
                && a >= 1
                && d.is_word(a - 1)
                && d.s(a - 1).eq_ignore_ascii_case("post")
            {
                a - 1
            } else {
                continue;
            }
        } else {
            continue;
        };
        let mut k = i + 1;
        while d.is_punct(k, '.') || d.is_punct(k, ':') || d.is_punct(k, '#') {
            k += 1;
        }
        if !d.is_num(k) || d.toks[k].gap == Gap::Line {
            continue;
        }
        let mut end = k;
        // `10 20 30`: digit groups after a space.
        while d.is_num(end + 1) && d.toks[end + 1].gap == Gap::Space {
            end += 1;
        }
        if scan.free(start, end) {
            scan.push(start, end, Category::StreetAddress, "address.po_box");
        }
    }
}

/// Full English street words that name a street without its number.
const STREET_NOUNS: Words = Words::new(&[
    "street",
    "avenue",
    "road",
    "lane",
    "drive",
    "boulevard",
    "court",
    "terrace",
    "crescent",
    "parkway",
    "highway",
]);

/// Abbreviated street words after a numbered street's ordinal (`86th St`).
const STREET_ABBREVIATIONS: Words = Words::new(&[
    "st", "ave", "av", "rd", "blvd", "dr", "ln", "pkwy", "hwy", "pl", "ct",
]);

/// A named street without a house number after `on`, `at`, `off` or
/// `near` in an English message with case: `I live alone on Maple Avenue`,
/// `on 86th St`.
fn named_streets(scan: &mut Scan<'_>) {
    if scan.doc.flags & STREET == 0 {
        return;
    }
    let cands = Cands::flagged(&scan.doc, STREET);
    for i in cands.iter() {
        let d = &scan.doc;
        if scan.claimed[i] || d.toks[i].case != Case::Title {
            continue;
        }
        // `on 86th St`, `at 5th Avenue`: a numbered street.
        let numbered = after_ordinal(scan, i);
        if !(STREET_NOUNS.has(d.s(i)) || numbered && STREET_ABBREVIATIONS.has(d.s(i))) {
            continue;
        }
        let mut a = if numbered { i - 2 } else { i };
        while a > 0
            && i - a < 2
            && d.toks[a].gap == Gap::Space
            && d.is_word(a - 1)
            && d.toks[a - 1].case == Case::Title
            && !d.has(a - 1, STOP | DETERMINER)
            && !scan.claimed[a - 1]
        {
            a -= 1;
        }
        let led = a < i
            && a > 0
            && d.toks[a].gap == Gap::Space
            && d.is_word(a - 1)
            && d.toks[a - 1].case == Case::Lower
            && d.is_one_of(a - 1, &["on", "at", "off", "near"]);
        if led && scan.free(a, i) {
            scan.push(a, i, Category::StreetAddress, "address.street_name");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::run;
    use super::*;
    use crate::Lang;

    #[test]
    fn endings_as_every_word_reads_them() {
        // The fast comparison of ASCII words agrees with comparing the
        // endings one by one.
        let slow = |w: &str, suffixes: &Suffixes| {
            suffixes.list.iter().any(|s| {
                w.len() >= s.len() + 3
                    && w.is_char_boundary(w.len() - s.len())
                    && (w[w.len() - s.len()..].eq_ignore_ascii_case(s)
                        || w[w.len() - s.len()..]
                            .chars()
                            .flat_map(char::to_lowercase)
                            .eq(s.chars()))
            })
        };
        let words = [
            "Musterstraße",
            "MUSTERSTRASSE",
            "Hauptstr",
            "Kerkstraat",
            "Weg",
            "Amweg",
            "Feldweg",
            "Marienkrankenhaus",
            "UNIVERSITÄTSKLINIKUM",
            "Klinikum",
            "Rijnstate",
            "ziekenhuis",
            "Gezondheidscentrum",
            "Hospital",
            "StMarysHospital",
            "abcdienst",
            "Dienst",
            "Tiergarten",
            "Bahnhof",
            "Hof",
            "Xhof",
            "straße",
            "ALLEE",
            "Lindenallee",
            "Ufer",
            "Schlossufer",
            "",
            "a",
            "Kade",
            "Prinsengracht",
            "Chaussee",
            "Fürstenwalder Chaussee",
        ];
        for w in words {
            for suffixes in [&STREET_ENDS, &STRONG_ENDS, &INST_ENDS] {
                assert_eq!(ends_with_any(w, suffixes), slow(w, suffixes), "{w:?}");
            }
        }
    }

    #[test]
    fn street_endings_in_any_case() {
        for w in ["Hauptstraße", "HAUPTSTRASSE", "Müllerstraße", "Kerkstraat"] {
            assert!(ends_with_any(w, &STREET_ENDS), "{w}");
        }
        for w in ["Grüße", "Straße", "GRÜSSE", "Woche", "Ähre"] {
            assert!(!ends_with_any(w, &STREET_ENDS), "{w}");
        }
    }

    fn places(text: &str, lang: Lang) -> Vec<(String, &'static str)> {
        run(text, lang, find)
    }

    fn texts(text: &str, lang: Lang) -> Vec<String> {
        places(text, lang).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn streets_with_their_head_words() {
        assert_eq!(
            texts(
                "Ik zag dat de brief is verstuurd naar Burgemeester de Withstraat 61 te Ede.",
                Lang::Nl
            )[0],
            "Burgemeester de Withstraat 61"
        );
        assert_eq!(
            texts(
                "Ik woon nu op Dr. Schaepmanstraat 76 te Nijmegen.",
                Lang::Nl
            )[0],
            "Dr. Schaepmanstraat 76"
        );
        assert_eq!(
            texts("het is nu prins bernhardlaan 31, 3511 ax utrecht", Lang::Nl)[0],
            "prins bernhardlaan 31"
        );
        assert_eq!(
            texts("Ik woon op de Kerkstraat 14.", Lang::Nl)[0],
            "Kerkstraat 14"
        );
        assert_eq!(
            texts("Meine Adresse Hauptstraße 5 ist neu.", Lang::De)[0],
            "Hauptstraße 5"
        );
        // Without a number: a strong ending in a cased message only.
        assert_eq!(
            texts(
                "Ich wohne jetzt in der Lindenstraße, das ist ruhig.",
                Lang::De
            ),
            ["Lindenstraße"]
        );
        assert!(
            texts(
                "ich wohne jetzt in der lindenstraße, das ist ruhig.",
                Lang::De
            )
            .is_empty()
        );
        assert_eq!(
            texts(
                "Meine neue Adresse ist Am Markt 43, 16816 Neuruppin.",
                Lang::De
            )[0],
            "Am Markt 43"
        );
        assert_eq!(
            texts("Adresse (Zum Fließ 96a, 16303 Schwedt)", Lang::De)[0],
            "Zum Fließ 96a"
        );
        assert!(
            texts("Am Montag 12 Tabletten.", Lang::De).is_empty(),
            "no postcode, no street"
        );
    }

    #[test]
    fn streets_and_postcodes() {
        assert_eq!(
            places("Anschrift: Musterstraße 12, 10115 Berlin", Lang::De),
            [
                ("Musterstraße 12".to_string(), "address.street"),
                ("10115".to_string(), "postcode.de"),
                ("Berlin".to_string(), "city.postcode")
            ]
        );
        assert_eq!(
            texts("Hauptstr. 3a in Essen", Lang::De),
            ["Hauptstr. 3a", "Essen"]
        );
        assert_eq!(
            texts("Kerkstraat 14, 1234 AB Utrecht", Lang::Nl),
            ["Kerkstraat 14", "1234 AB", "Utrecht"]
        );
        assert_eq!(
            texts("I live at 12 Main Street, Springfield, IL 62704", Lang::En),
            ["12 Main Street", "Springfield", "62704"]
        );
        assert_eq!(
            texts("Berliner Straße 5 und Karl-Marx-Straße 7", Lang::De),
            ["Berliner Straße 5", "Karl-Marx-Straße 7"]
        );
    }

    #[test]
    fn look_alikes_stay() {
        for (t, lang) in [
            (
                "Das Krankenhaus hat angerufen. Nach dem Essen 1234 mg.",
                Lang::De,
            ),
            ("Ich gehe den Weg 3 mal", Lang::De),
            ("naar het ziekenhuis, op straat", Lang::Nl),
            ("the hospital called, reading 12345 units", Lang::En),
            ("Einheiten: 10000 Einheiten", Lang::De),
        ] {
            assert_eq!(places(t, lang), Vec::<(String, &str)>::new(), "{t}");
        }
    }
}
