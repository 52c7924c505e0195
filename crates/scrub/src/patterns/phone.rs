//! Telephone and fax numbers: German (`030 1234567`, `0176-12345678`,
//! `030 / 123 45 67`), Dutch (`06-12345678`, `020 123 4567`), US
//! (`(555) 123-4567`, `555-123-4567`), international (`+49 (0)30 1234567`,
//! `0031 6 12345678`), and any number after a phone label (`Tel.: 12345`).

use super::Scan;
use crate::cand::{Cands, Words, keep};
use crate::lexicon::PHONE_LABEL;
use crate::token::{Gap, Kind, Tok};
use crate::{Category, Lang};

/// Words that may stand between a phone label and the number.
const LABEL_FILLERS: Words = Words::new(&[
    "nr", "nummer", "number", "no", "is", "ist", "lautet", "unter", "op", "at", "on", "via", "van",
    "der", "de",
]);

/// The digit counts of a number's groups, on the stack.
#[derive(Default)]
struct Groups {
    counts: [usize; 16],
    len: usize,
}

impl Groups {
    fn push(&mut self, digits: usize) {
        if self.len < self.counts.len() {
            self.counts[self.len] = digits;
        }
        self.len += 1;
    }

    fn len(&self) -> usize {
        self.len
    }

    /// The first two groups alone.
    fn first_two(&self) -> Groups {
        Groups {
            counts: self.counts,
            len: self.len.min(2),
        }
    }
}

impl std::ops::Index<usize> for Groups {
    type Output = usize;
    fn index(&self, k: usize) -> &usize {
        &self.counts[k]
    }
}

/// The last token of a US number (`555 123-4567`, `1 555 123 4567`) that
/// the groups from `first_num` start with and go on after, if they do.
fn us_prefix(scan: &Scan<'_>, first_num: usize, groups: &Groups) -> Option<usize> {
    let shape: &[usize] = if groups.len() > 3 && groups[0] == 3 {
        &[3, 3, 4]
    } else if groups.len() > 4 && groups[0] == 1 {
        &[1, 3, 3, 4]
    } else {
        return None;
    };
    if (0..shape.len()).any(|g| groups[g] != shape[g]) || scan.doc.s(first_num).starts_with('0') {
        return None;
    }
    let d = &scan.doc;
    let mut seen = 0;
    (first_num..d.len()).find(|&k| {
        seen += usize::from(d.is_num(k));
        seen == shape.len()
    })
}

/// Finds phone numbers.
pub(crate) fn find(scan: &mut Scan<'_>) {
    // Numbers start at a digit, a `+` or a `(`; most messages have neither
    // sign, and a test for numbers alone is the cheaper pass.
    let cands = if scan.doc.has_punct(b'+') || scan.doc.has_punct(b'(') {
        let sign = |t: &Tok| (t.kind == Kind::Punct) & ((t.ch == '+') | (t.ch == '('));
        // Read off the numbers and the punctuation the tokenizer noted
        // where they are kept.
        match (scan.doc.nums, scan.doc.marks) {
            (Some(nums), Some(marks)) => {
                let signs = keep(marks, |k| sign(&scan.doc.toks[k]));
                Cands::of_bits(&scan.doc, nums | signs)
            }
            _ => Cands::of(&scan.doc, |t| (t.kind == Kind::Num) | sign(t)),
        }
    } else {
        Cands::nums(&scan.doc)
    };
    let mut i = 0;
    for c in cands.iter() {
        if c < i {
            continue;
        }
        i = c;
        if scan.claimed[i] {
            i += 1;
            continue;
        }
        i = match try_phone(scan, i) {
            Some(next) => next,
            None => i + 1,
        };
    }
}

/// Whether a phone label stands just before token `i`.
fn labelled(scan: &Scan<'_>, i: usize) -> bool {
    let d = &scan.doc;
    let mut k = i;
    let mut steps = 0;
    while k > 0 && steps < 5 {
        k -= 1;
        steps += 1;
        let t = d.toks[k];
        match t.kind {
            Kind::Punct if matches!(t.ch, '.' | ':' | '-' | '/' | '(' | ')' | '#' | '|') => {
                continue;
            }
            Kind::Word if d.has(k, PHONE_LABEL) => return true,
            Kind::Word if LABEL_FILLERS.has(d.s(k)) => {
                continue;
            }
            Kind::Word => {
                // Compounds: `Telefonnummer`, `Praxistelefon`, `Handynummer`.
                // `Tel` only at the start (`Telnr`): `Platelets` is none.
                let w = d.s(k);
                let tel = w.len() >= 3 && w.as_bytes()[..3].eq_ignore_ascii_case(b"tel");
                return tel
                    || if w.is_ascii() {
                        PHONE_PARTS.iter().any(|p| contains_ignore_ascii_case(w, p))
                    } else {
                        let w = w.to_lowercase();
                        PHONE_PARTS.iter().any(|p| w.contains(p))
                    };
            }
            _ => return false,
        }
    }
    false
}

/// A US number without its area code, in English: `555-0134`, `555.0134`,
/// or `555 0134` after `call ... at` (the exchange does not start with 0
/// or 1, and no unit follows: `150-1000 mg` is a dose).
fn us_local(scan: &Scan<'_>, first_num: usize, groups: &Groups, last: usize) -> bool {
    let d = &scan.doc;
    if scan.lang != Lang::En
        || groups.len() != 2
        || groups[0] != 3
        || groups[1] != 4
        || matches!(d.s(first_num).as_bytes()[0], b'0' | b'1')
        || d.has(last + 1, crate::lexicon::UNIT)
    {
        return false;
    }
    // Standing apart: not glued to a bracket or more digits after it.
    let apart = d.toks.get(last + 1).is_none_or(|t| {
        t.gap != Gap::None
            || t.kind == Kind::Punct && matches!(t.ch, ',' | '.' | ';' | ':' | '!' | '?' | ')')
    });
    if !apart {
        return false;
    }
    let joined = d
        .toks
        .get(first_num + 1)
        .is_some_and(|t| t.kind == Kind::Punct && matches!(t.ch, '-' | '.') && t.gap == Gap::None);
    let called = (2..=4).any(|back| {
        first_num >= back
            && d.is_word(first_num - 1)
            && d.s(first_num - 1).eq_ignore_ascii_case("at")
            && d.is_word(first_num - back)
            && CALL_WORDS.has(d.s(first_num - back))
    });
    joined || called
}

/// Words before an extension (`ext. 4321`, `toestel 2345`, `Durchwahl
/// -12`, `x4321`).
const EXTENSION_WORDS: Words = Words::new(&[
    "ext",
    "extension",
    "x",
    "toestel",
    "tst",
    "durchwahl",
    "dw",
    "app",
    "nebenstelle",
]);

/// The last token of an extension after the number that ends at `last`,
/// if one follows on its line: a word for it, then its digits, with a
/// comma, dot, colon or dash between.
fn extension(scan: &Scan<'_>, last: usize) -> Option<usize> {
    let d = &scan.doc;
    let mut k = last + 1;
    if d.is_punct(k, ',') {
        k += 1;
    }
    let t = d.toks.get(k)?;
    if t.gap == Gap::Line || !d.is_word(k) || !EXTENSION_WORDS.has(d.s(k)) {
        return None;
    }
    k += 1;
    while d.toks.get(k).is_some_and(|t| {
        t.kind == Kind::Punct && matches!(t.ch, '.' | ':' | '-') && t.gap != Gap::Line
    }) {
        k += 1;
    }
    let n = d.toks.get(k)?;
    (n.kind == Kind::Num && n.gap != Gap::Line && d.digits(k) <= 6 && !d.glued_after(k))
        .then_some(k)
}

/// Verbs before `at` and a number (`call us back at`, `reach me at`).
const CALL_WORDS: Words = Words::new(&["call", "reach", "text", "ring", "contact"]);

/// Parts of words that make a phone label (`Telefonnummer`, `Handynummer`).
const PHONE_PARTS: [&str; 8] = [
    "telef", "telep", "fon", "fax", "handy", "mobil", "phone", "nummer",
];

/// Whether ASCII `w` holds `part` (lower case), ignoring ASCII case.
fn contains_ignore_ascii_case(w: &str, part: &str) -> bool {
    w.len() >= part.len()
        && w.as_bytes()
            .windows(part.len())
            .any(|win| win.eq_ignore_ascii_case(part.as_bytes()))
}

fn try_phone(scan: &mut Scan<'_>, i: usize) -> Option<usize> {
    let d = &scan.doc;
    let t = d.toks[i];
    let (intl, paren) = match t.kind {
        Kind::Punct if t.ch == '+' => (d.is_num(i + 1) && d.toks[i + 1].gap == Gap::None, false),
        Kind::Punct if t.ch == '(' => (false, d.is_num(i + 1) && d.toks[i + 1].gap == Gap::None),
        Kind::Num => (false, false),
        _ => return None,
    };
    if t.kind == Kind::Punct && !intl && !paren {
        return None;
    }
    // Not glued to a word or number before it.
    if d.glued_before(i) {
        return None;
    }
    if i > 0 && t.gap == Gap::None && d.is_punct(i - 1, '.') {
        return None;
    }
    let first_num = if t.kind == Kind::Num { i } else { i + 1 };
    let leading_zero = d.s(first_num).starts_with('0');
    // Collect the groups (at most 15 digits, so at most 15 groups).
    let mut digits = 0usize;
    let mut last = None;
    let mut groups = Groups::default();
    let mut k = i;
    let mut prev_kind = Kind::Punct;
    // The last token of the second group.
    let mut second = None;
    while k < d.len() {
        let tk = d.toks[k];
        if k > i && (tk.gap == Gap::Line || scan.claimed[k]) {
            break;
        }
        match tk.kind {
            Kind::Num => {
                // A group glued to letters (`000Herr`) belongs to them.
                if k > first_num && d.glued_after(k) {
                    break;
                }
                if k > i && tk.gap == Gap::Space && prev_kind == Kind::Num {
                    // A new space-separated group: two digits at least, or
                    // one right after a country code (`+31 6`, `0031 6`).
                    let code = intl
                        || d.s(first_num).starts_with("00")
                            && (3..=5).contains(&d.digits(first_num));
                    let after_cc = groups.len() == 1 && code;
                    if d.digits(k) < 2 && !after_cc {
                        break;
                    }
                }
                if digits + d.digits(k) > 15 {
                    break;
                }
                digits += d.digits(k);
                groups.push(d.digits(k));
                last = Some(k);
                if groups.len() == 2 {
                    second = Some(k);
                }
                prev_kind = Kind::Num;
            }
            Kind::Punct if k == i && (tk.ch == '+' || tk.ch == '(') => prev_kind = Kind::Punct,
            Kind::Punct if matches!(tk.ch, '-' | '/' | '(' | ')' | '.' | '–') && k > i => {
                // A separator must be followed by more digits.
                let next_num =
                    d.toks.get(k + 1).is_some_and(|n| {
                        n.kind == Kind::Num || (n.kind == Kind::Punct && n.ch == '(')
                    }) || (tk.ch == ')' && d.is_num(k + 1));
                if !next_num {
                    break;
                }
                if tk.ch == '.' && (tk.gap != Gap::None || d.toks[k + 1].gap != Gap::None) {
                    break;
                }
                prev_kind = Kind::Punct;
            }
            _ => break,
        }
        k += 1;
    }
    let mut last = last?;
    let us = groups.len() == 3 && groups[0] == 3 && groups[1] == 3 && groups[2] == 4
        || groups.len() == 4
            && groups[0] == 1
            && groups[1] == 3
            && groups[2] == 3
            && groups[3] == 4;
    let rule = if intl || (leading_zero && d.s(first_num).starts_with("00") && digits >= 10) {
        "phone.intl"
    } else if us && !leading_zero {
        "phone.us"
    } else if leading_zero && digits >= 7 && d.digits(first_num) >= 2 {
        match scan.lang {
            Lang::Nl => "phone.nl",
            Lang::De => "phone.de",
            Lang::En => "phone.uk",
        }
    } else if digits >= 5 && labelled(scan, i) {
        "phone.label"
    } else if us_local(scan, first_num, &groups, last) {
        "phone.us"
    } else if let Some(two) = second.filter(|_| groups.len() > 2)
        && us_local(scan, first_num, &groups.first_two(), two)
    {
        // `207-9527 555 123-4567`: a local number, then the next number
        // (a second scrub sees it before that number's tag).
        last = two;
        digits = 7;
        "phone.us"
    } else if let Some(end) = us_prefix(scan, first_num, &groups) {
        // `555 123-4567 0176 123`: a US number and then more digits (the
        // next number); a second scrub sees it before that number's tag.
        last = end;
        digits = if groups[0] == 1 { 11 } else { 10 };
        "phone.us"
    } else {
        return None;
    };
    if (rule == "phone.intl" && digits < 8) || digits < 5 {
        return None;
    }
    // A number glued to letters after it (`0176abc`) is something else.
    if d.glued_after(last) {
        return None;
    }
    let start = if paren || intl { i } else { first_num };
    let last = extension(scan, last).unwrap_or(last);
    if !scan.free(start, last) {
        return None;
    }
    scan.push(start, last, Category::Phone, rule);
    Some(last + 1)
}

#[cfg(test)]
mod tests {
    use super::super::testing::texts;
    use super::*;

    fn phones(text: &str, lang: Lang) -> Vec<String> {
        texts(text, lang, find)
    }

    #[test]
    fn german_dutch_us_international() {
        assert_eq!(
            phones("Rufen Sie 030 1234567 oder 0176-12345678 an.", Lang::De),
            ["030 1234567", "0176-12345678"]
        );
        assert_eq!(
            phones("Praxis: 030 / 123 45 67", Lang::De),
            ["030 / 123 45 67"]
        );
        assert_eq!(
            phones("bel 06-12345678 of 020 123 4567", Lang::Nl),
            ["06-12345678", "020 123 4567"]
        );
        assert_eq!(
            phones("call (555) 123-4567 or 555-123-4567", Lang::En),
            ["(555) 123-4567", "555-123-4567"]
        );
        assert_eq!(
            phones("Tel. +49 (0)30 1234567, +31 6 12345678", Lang::De),
            ["+49 (0)30 1234567", "+31 6 12345678"]
        );
        assert_eq!(
            phones("Call me at 555-0134, or call us back at 555 0134", Lang::En),
            ["555-0134", "555 0134"]
        );
        assert_eq!(
            phones("bel 0031 6 12345678 of 0031 20 123 4567", Lang::Nl),
            ["0031 6 12345678", "0031 20 123 4567"]
        );
        assert_eq!(phones("Tel.: 12345", Lang::De), ["12345"]);
        assert_eq!(phones("Telefonnummer 4711 22", Lang::De), ["4711 22"]);
    }

    #[test]
    fn extensions() {
        assert_eq!(
            phones("call 617-555-0100 ext. 4321 and ask", Lang::En),
            ["617-555-0100 ext. 4321"]
        );
        assert_eq!(
            phones("Tel.: 0221 / 123 45 - 67, Durchwahl -12", Lang::De),
            ["0221 / 123 45 - 67, Durchwahl -12"]
        );
        assert_eq!(
            phones("bel 030-2509111, toestel 2345.", Lang::Nl),
            ["030-2509111, toestel 2345"]
        );
        assert_eq!(
            phones("call 617-555-0100 x4321", Lang::En),
            ["617-555-0100 x4321"]
        );
    }

    #[test]
    fn a_local_number_before_the_next_number() {
        assert_eq!(
            phones("call 207-9527 555 123-4567", Lang::En),
            ["207-9527", "555 123-4567"]
        );
    }

    #[test]
    fn doses_and_counts_are_no_phones() {
        for t in [
            "0,5 mg",
            "1234 mg",
            "2x 500 mg",
            "Zimmer 0123",
            "1-0-1",
            "0.5 ml",
            "120/80 mmHg",
            "am 12.3. um 14:30",
        ] {
            assert_eq!(phones(t, Lang::De), Vec::<String>::new(), "{t}");
        }
        for t in [
            "150-1000 mg",
            "room 555 0134",
            "in 2024-0815",
            "ICD 123-4567",
            "Platelets 150-450",
        ] {
            assert_eq!(phones(t, Lang::En), Vec::<String>::new(), "{t}");
        }
    }
}
