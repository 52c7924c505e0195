//! Dates in the ways people write them in German, Dutch and English:
//! `12.03.2025`, `12.3.`, `3/12/25`, `2025-03-12`, `12. März 2025`,
//! `3 februari`, `March 12th, 2025`, `März 2025`, `Jänner`, and both ends of
//! ranges such as `vom 19.3. bis zum 7.5.2025` or `3-5 maart`.
//!
//! Not dates: doses and scores that look like them (`2.5 mg`, `Kraft 5/5`,
//! `1-0-1`, `1/2 Tablette`, `7/10`), times of day (`14.30 Uhr`), weekday
//! names, years alone.

use super::Scan;
use crate::Category;
use crate::Lang;
use crate::cand::{Cands, Words};
use crate::lexicon::{
    CITY, DATE_PREP, INST_NAME, MONTH, MONTH_AMBIG, NAME, SCORE, STOP, UNIT, WEEKDAY,
};
use crate::token::{Case, Gap, Kind};

/// Words after a day number that make it ordinal (`12th`, `3e`, `1ste`).
const ORDINALS: Words = Words::new(&["st", "nd", "rd", "th", "e", "ste", "de", "ten", "sten"]);

/// Words between the two ends of a range.
const RANGE_WORDS: Words =
    Words::new(&["bis", "tot", "to", "und", "en", "and", "until", "till", "t"]);

/// Words after which a day and month stand without a year (`vanaf 29-1`,
/// `Afspraak 31-12`, `Termin 6/10`).
const DATE_NOUNS: Words = Words::new(&[
    "vanaf",
    "afspraak",
    "termin",
    "appointment",
    "controle",
    "kontrolle",
    "opname",
    "aufnahme",
]);

/// Words between a score word and its score (`strength is 4/5`).
const SCORE_LINKS: Words = Words::new(&[
    "is", "was", "of", "are", "ist", "war", "von", "sind", "van", "zijn", "nu", "jetzt", "now",
]);

/// Words before a month name that make it a month (`in May`, `Anfang März`).
const MONTH_CONTEXT: Words = Words::new(&[
    "in",
    "im",
    "through",
    "thru",
    "since",
    "until",
    "till",
    "of",
    "early",
    "late",
    "mid",
    "by",
    "from",
    "end",
    "beginning",
    "before",
    "after",
    "seit",
    "bis",
    "anfang",
    "ende",
    "mitte",
    "begin",
    "eind",
    "half",
    "medio",
    "sinds",
    "tot",
    "vanaf",
    "next",
    "last",
    "this",
]);

/// Whether `d`.`m` can be a day and month.
pub(crate) fn valid_dm(d: u32, m: u32) -> bool {
    (1..=31).contains(&d) && (1..=12).contains(&m)
}

/// Whether `y` is a plausible four-digit year.
pub(crate) fn valid_year(y: u32) -> bool {
    (1900..=2100).contains(&y)
}

/// Finds every date.
pub(crate) fn find(scan: &mut Scan<'_>) {
    // Dates start at a number or a month name; without a month name in the
    // message, a test for numbers alone is the cheaper pass.
    let cands = if scan.doc.flags & MONTH != 0 {
        match (scan.doc.nums, scan.doc.marks) {
            // The numbers as they stand and the words the tokenizer noted,
            // the months among them (all is tested below).
            (Some(nums), Some(marks)) => Cands::of_bits(&scan.doc, nums | marks),
            // Only words carry lexicon flags.
            _ => Cands::of(&scan.doc, |t| {
                (t.kind == Kind::Num) | (t.info.flags & MONTH != 0)
            }),
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
        let next = match scan.doc.toks[i].kind {
            Kind::Num => numeric(scan, i)
                .or_else(|| day_month_name(scan, i))
                .or_else(|| bare_day(scan, i)),
            Kind::Word if scan.doc.has(i, MONTH) => month_first(scan, i),
            _ => None,
        };
        i = next.unwrap_or(i + 1);
    }
}

/// Months in Roman numerals (`3.XII.2024`), as older German letters write
/// them.
pub(crate) const ROMAN_MONTHS: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];

/// A day of the month alone, where the month goes without saying: `on the
/// 21st`, `Tuesday the 4th?`, `op de 21e.`, `am 21. wieder`. Only
/// punctuation, the end of the line or a function word may follow: the
/// ordinal of `the 3rd time`, `am 3. Tag`, `de 2e keer` counts a noun.
fn bare_day(scan: &mut Scan<'_>, i: usize) -> Option<usize> {
    let d = &scan.doc;
    if i == 0 || d.digits(i) > 2 || d.toks[i].gap != Gap::Space {
        return None;
    }
    let day: u32 = d.s(i).parse().ok()?;
    if !(1..=31).contains(&day) {
        return None;
    }
    let ordinal = d.is_word(i + 1) && d.toks[i + 1].gap == Gap::None && ORDINALS.has(d.s(i + 1));
    let led = if ordinal {
        // `the 21st`; Dutch `de 21e` after a date preposition (`op de 21e`).
        d.is_word(i - 1)
            && (d.s(i - 1).eq_ignore_ascii_case("the")
                || d.s(i - 1).eq_ignore_ascii_case("de") && i >= 2 && d.has(i - 2, DATE_PREP))
    } else {
        // `am 21.`, `bis zum 3.`
        scan.lang == Lang::De && d.is_glued_punct(i + 1, '.') && d.has(i - 1, DATE_PREP)
    };
    if !led {
        return None;
    }
    let end = i + 1;
    let next_ok = match d.toks.get(end + 1) {
        None => true,
        Some(t) if t.gap == Gap::Line => true,
        Some(t) if t.kind == Kind::Punct => {
            matches!(t.ch, '.' | ',' | '!' | '?' | ';' | ')' | ':')
        }
        Some(t) => {
            t.kind == Kind::Word
                && t.case == Case::Lower
                && t.info.flags & STOP != 0
                && t.info.flags & UNIT == 0
                && !d.glued_after(end + 1)
        }
    };
    if !next_ok || !scan.free(i, end) {
        return None;
    }
    scan.push(i, end, Category::Date, "date.day");
    Some(end + 1)
}

/// Tries again, once every rule has run, the numbers and month names that
/// a word next to them kept from being dates: a score word (`Kraft 5/5`),
/// a unit (`5/5 g`, `Jan 7 l`), the noun a fraction counts (`1/2
/// Tablette`). Where a later rule
/// took that word into a finding (`Hr Kraft`, `lukas'kraft`, `mijn zoon
/// Kraft`, `g-st1`, `1/2 Hauptstraße 5`), it is now as opaque as the tag a
/// second scrub would see, and the number is read as that scrub reads it.
pub(crate) fn retry_deferred(scan: &mut Scan<'_>) {
    for i in std::mem::take(&mut scan.deferred) {
        if scan.doc.is_word(i) {
            // A month name whose day a unit seemed to follow (`Jan 7 l`).
            if scan.free(i, i + 1) {
                month_first(scan, i);
            }
        } else if scan.free(i, i + 2) {
            numeric(scan, i);
        }
    }
}

/// Tries once more, after the roster has been matched, the numbers that
/// the word after them kept from being dates (see [`retry_deferred`])
/// where that word is in a roster finding (`1/2 Wiill`, `1/2
/// Zwiebelmeier`): a second scrub sees the tag there, and reads the number
/// as a date.
pub(crate) fn retry_before_roster(scan: &mut Scan<'_>, roster: &[crate::Finding]) {
    for i in std::mem::take(&mut scan.deferred) {
        let k = i + 3;
        let named = !scan.doc.is_word(i)
            && scan.doc.is_word(k)
            && roster
                .iter()
                .any(|r| r.start <= scan.doc.toks[k].start && scan.doc.toks[k].end <= r.end);
        if named && scan.free(i, i + 2) {
            scan.veil(k, k);
            numeric(scan, i);
            scan.unveil();
        }
    }
}

/// The token after `i`, if it is glued punctuation `c`.
fn glued(scan: &Scan<'_>, i: usize, c: char) -> bool {
    scan.doc.is_glued_punct(i, c)
}

/// Whether token `i` is a number glued to the token before it.
fn glued_num(scan: &Scan<'_>, i: usize, max_digits: usize) -> bool {
    scan.doc.is_num(i) && scan.doc.toks[i].gap == Gap::None && scan.doc.digits(i) <= max_digits
}

/// Whether token `k` is glued to the one before and continues it: a letter,
/// a digit, or the `[` of a tag (which stood for digits before a scrub).
fn glued_tail(scan: &Scan<'_>, k: usize) -> bool {
    scan.doc
        .toks
        .get(k)
        .is_some_and(|t| t.gap == Gap::None && (t.kind != Kind::Punct || matches!(t.ch, '[' | ']')))
}

/// Whether the word after token `i`, on its line, is a unit (`mg`,
/// `Tabletten`) that no finding took (`Jan 7 l uptstr5`: the `l` is part
/// of an address).
fn unit_follows(scan: &Scan<'_>, i: usize) -> bool {
    scan.doc.has(i + 1, UNIT) && scan.doc.toks[i + 1].gap != Gap::Line && !scan.claimed[i + 1]
}

/// Numeric dates; returns the index after the date.
fn numeric(scan: &mut Scan<'_>, i: usize) -> Option<usize> {
    let d = &scan.doc;
    let digits = d.digits(i);
    // A number glued after a letter or a dot-number is part of something else.
    if d.glued_before(i) {
        return None;
    }
    // `1.2.3.`: a number after a dot-number is part of a version or code.
    if i > 1
        && d.toks[i].gap == Gap::None
        && d.toks[i - 1].kind == Kind::Punct
        && d.toks[i - 1].ch != '-'
        && (d.toks[i - 2].kind != Kind::Punct || d.toks[i - 2].ch == ']')
        && d.toks[i - 1].gap == Gap::None
    {
        return None;
    }
    let sep = d
        .toks
        .get(i + 1)
        .filter(|t| t.gap == Gap::None && t.kind == Kind::Punct)?
        .ch;
    if !matches!(sep, '.' | '/' | '-') {
        return None;
    }
    // ISO: 2025-03-12, 2025/03/12.
    if digits == 4 {
        if sep != '.'
            && glued_num(scan, i + 2, 2)
            && glued(scan, i + 3, sep)
            && glued_num(scan, i + 4, 2)
            && valid_year(d.num(i)?)
            && valid_dm(d.num(i + 4)?, d.num(i + 2)?)
        {
            scan.push(i, i + 4, Category::Date, "date.iso");
            return Some(i + 5);
        }
        return None;
    }
    // A month and a year: `seit 01/2024`, `ab 03.2025`, `since 4/2023`
    // (with a dot, two digits for the month, or a language that writes
    // no decimal point).
    if (1..=2).contains(&digits)
        && matches!(sep, '/' | '.')
        && (sep == '/' || digits == 2 || scan.lang != Lang::En)
        && glued_num(scan, i + 2, 4)
        && d.digits(i + 2) == 4
        && d.num(i).is_some_and(|m| (1..=12).contains(&m))
        && d.num(i + 2).is_some_and(valid_year)
        && !glued_tail(scan, i + 3)
    {
        // A unit after it may turn into a tag (`1/2024 X ST1`, an address):
        // try again at the end.
        if unit_follows(scan, i + 2) {
            scan.deferred.push(i);
            return None;
        }
        scan.push(i, i + 2, Category::Date, "date.numeric");
        return Some(i + 3);
    }
    if !(1..=2).contains(&digits) || !glued_num(scan, i + 2, 2) {
        return None;
    }
    let (a, b) = (d.num(i)?, d.num(i + 2)?);
    // With a year: 12.03.2025, 12-03-2025, 3/12/25.
    if glued(scan, i + 3, sep) && glued_num(scan, i + 4, 4) && matches!(d.digits(i + 4), 2 | 4) {
        let y = d.num(i + 4)?;
        let year_ok = d.digits(i + 4) == 2 || valid_year(y);
        let us_first = matches!(sep, '/' | '-') && scan.lang == Lang::En;
        let ok = if us_first {
            valid_dm(b, a) || valid_dm(a, b)
        } else {
            valid_dm(a, b)
        };
        // A glued number or dot-number after it: a version or a code.
        let tail_glued = glued_tail(scan, i + 5);
        if year_ok && ok && !tail_glued {
            range_start(scan, i);
            scan.push(i, i + 4, Category::Date, "date.numeric");
            return Some(i + 5);
        }
        return None;
    }
    match sep {
        '.' => {
            // English writes no `12.3.`: there it is a decimal at a sentence end.
            if glued(scan, i + 3, '.') && !glued_tail(scan, i + 4) && scan.lang != Lang::En {
                if !valid_dm(a, b) {
                    return None;
                }
                // `12.3. 2025`: a year after a space.
                if d.is_num(i + 4)
                    && d.toks[i + 4].gap == Gap::Space
                    && d.digits(i + 4) == 4
                    && valid_year(d.num(i + 4)?)
                {
                    scan.push(i, i + 4, Category::Date, "date.numeric");
                    return Some(i + 5);
                }
                range_start(scan, i);
                scan.push(i, i + 3, Category::Date, "date.numeric");
                return Some(i + 4);
            }
            // `am 12.3 beginnt`: only after a date preposition, never before a unit.
            if valid_dm(a, b) && i > 0 && d.has(i - 1, DATE_PREP) && !glued(scan, i + 3, '.') {
                if unit_follows(scan, i + 2) {
                    scan.deferred.push(i);
                    return None;
                }
                scan.push(i, i + 2, Category::Date, "date.numeric");
                return Some(i + 3);
            }
            None
        }
        '/' => {
            if glued(scan, i + 3, '/')
                || glued(scan, i + 3, '.') && glued_tail(scan, i + 4)
                || glued_tail(scan, i + 3)
            {
                return None;
            }
            let ok = if scan.lang == Lang::En {
                valid_dm(b, a) || valid_dm(a, b)
            } else {
                valid_dm(a, b)
            };
            // `Kraft 5/5`, `Kraft: 5/5`, `strength is 4/5`, on one line.
            let score = i > 0
                && d.toks[i].gap != Gap::Line
                && (d.has(i - 1, SCORE)
                    || (i > 1
                        && d.has(i - 2, SCORE)
                        && (d.is_punct(i - 1, ':')
                            || d.is_punct(i - 1, '=')
                            || d.is_word(i - 1) && SCORE_LINKS.has(d.s(i - 1)))));
            // `1/2 Tablette`, `2 1/2`: a fraction, unless a date word precedes.
            // `the week of 2/10`.
            let week_of =
                i > 1 && d.is_one_of(i - 1, &["of"]) && d.is_one_of(i - 2, &["week", "weekend"]);
            let date_word = i > 0
                && (d.has(i - 1, DATE_PREP | WEEKDAY) || DATE_NOUNS.has(d.s(i - 1)) || week_of);
            let fraction = a < b
                && b <= 4
                && (unit_follows(scan, i + 2)
                    || i > 0
                        && d.toks[i].gap != Gap::Line
                        && (d.is_num(i - 1) || d.is_punct(i - 1, ']'))
                    || !date_word
                        && d.is_word(i + 3)
                        && d.toks[i + 3].gap != Gap::Line
                        // A name after it is found and replaced: no noun
                        // that a fraction counts (fuzz: `6-1/2 wim`).
                        && !d.has(i + 3, STOP | NAME | INST_NAME | CITY));
            let around_the_clock = a == 24 && b == 7;
            // `Schmerz 6/10`; but `Afspraak 6/10` is the 6th of October.
            let pain_scale = b == 10 && a <= 10 && !date_word;
            let unit = unit_follows(scan, i + 2);
            if ok && !score && !fraction && !around_the_clock && !pain_scale && !unit {
                range_start(scan, i);
                scan.push(i, i + 2, Category::Date, "date.numeric");
                return Some(i + 3);
            }
            // What kept it may turn into a tag (`Kraft` a name, the noun
            // after a fraction a street): try again at the end.
            if ok {
                scan.deferred.push(i);
            }
            None
        }
        '-' => {
            // `op 17-3`, `maandag 30-12`: a day and month after a date word,
            // never a dose pattern or a count (`2-3 mal`).
            let date_word = i > 0
                && (d.has(i - 1, DATE_PREP | WEEKDAY)
                    || ["naar", "per", "tegen", "bis", "tot", "to", "until"]
                        .iter()
                        .chain(DATE_NOUNS.list())
                        .any({
                            let s = d.s(i - 1);
                            move |w| w.eq_ignore_ascii_case(s)
                        }));
            if valid_dm(a, b)
                && date_word
                && !glued(scan, i + 3, '-')
                && !glued_tail(scan, i + 3)
                && !unit_follows(scan, i + 2)
            {
                scan.push(i, i + 2, Category::Date, "date.numeric");
                return Some(i + 3);
            }
            None
        }
        _ => None,
    }
}

/// `12. März 2025`, `3 februari`, `12th of March`: a day before a month name.
fn day_month_name(scan: &mut Scan<'_>, i: usize) -> Option<usize> {
    let d = &scan.doc;
    let day = d.num(i)?;
    if d.digits(i) > 2 || !(1..=31).contains(&day) {
        return None;
    }
    if d.glued_before(i) {
        return None;
    }
    let mut j = i + 1;
    // `14-Mar-2025`, `3-mrt-25`: day, month and year joined by hyphens.
    let hyphens = glued(scan, j, '-')
        && d.is_word(j + 1)
        && d.toks[j + 1].gap == Gap::None
        && d.has(j + 1, MONTH);
    if hyphens || glued(scan, j, '.') {
        j += 1;
    } else if d.is_word(j) && d.toks[j].gap == Gap::None && ORDINALS.has(d.s(j)) {
        j += 1;
        if d.is_word(j) && (d.s(j).eq_ignore_ascii_case("of") || d.s(j).eq_ignore_ascii_case("van"))
        {
            j += 1;
        }
    }
    // `3.XII.2024`: a month in Roman numerals between dots.
    let roman = glued(scan, i + 1, '.')
        && j == i + 2
        && d.is_word(j)
        && d.toks[j].gap == Gap::None
        && d.toks[j].case == crate::token::Case::Upper
        && glued(scan, j + 1, '.')
        && !(d.is_word(j + 2) && d.toks[j + 2].gap == Gap::None)
        && ROMAN_MONTHS.contains(&d.s(j));
    if !(d.has(j, MONTH) || roman) || d.toks[j].gap == Gap::Line {
        return None;
    }
    let mut end = j;
    if hyphens {
        if glued(scan, end + 1, '-') && glued_num(scan, end + 2, 4) && d.digits(end + 2) != 3 {
            end += 2;
        }
    } else {
        if glued(scan, end + 1, '.') {
            end += 1;
        }
        end = year_after(scan, end);
    }
    range_start(scan, i);
    scan.push(i, end, Category::Date, "date.text");
    Some(end + 1)
}

/// `March 12th, 2025`, `May 3`, `März 2025`, or a month name alone.
fn month_first(scan: &mut Scan<'_>, i: usize) -> Option<usize> {
    let d = &scan.doc;
    if d.glued_before(i) || (d.glued_after(i) && !d.is_punct(i + 1, '.')) {
        return None;
    }
    let mut j = i + 1;
    if glued(scan, j, '.') {
        j += 1;
    }
    if d.is_num(j) && d.toks[j].gap == Gap::Space {
        let digits = d.digits(j);
        let v = d.num(j)?;
        if digits == 4 && valid_year(v) {
            scan.push(i, j, Category::Date, "date.text");
            return Some(j + 1);
        }
        if digits <= 2 && unit_follows(scan, j) {
            scan.deferred.push(i);
        }
        if digits <= 2
            && (1..=31).contains(&v)
            && !unit_follows(scan, j)
            && !glued(scan, j + 1, ':')
            && !(glued(scan, j + 1, '.') && glued_tail(scan, j + 2))
            && (!glued_tail(scan, j + 1) || d.is_word(j + 1))
        {
            let mut end = j;
            if d.is_word(end + 1) && d.toks[end + 1].gap == Gap::None && ORDINALS.has(d.s(end + 1))
            {
                end += 1;
            }
            // `Jan 3-5`: the last day of a range, glued on.
            if (glued(scan, end + 1, '-') || glued(scan, end + 1, '–'))
                && d.is_num(end + 2)
                && d.toks[end + 2].gap == Gap::None
                && d.digits(end + 2) <= 2
                && d.num(end + 2).is_some_and(|last| last > v && last <= 31)
                && !unit_follows(scan, end + 2)
                && !glued_tail(scan, end + 3)
            {
                end += 2;
            }
            end = year_after(scan, end);
            scan.push(i, end, Category::Date, "date.text");
            return Some(end + 1);
        }
    }
    // A month name alone: the unambiguous full names, and `May` or `March`
    // after a word that asks for a time (`in May`, `since March`).
    let asked = i > 0
        && MONTH_CONTEXT.has(d.s(i - 1))
        && (!d.cased || d.toks[i].case != crate::token::Case::Lower);
    let len = d.chars(i);
    if asked || (!d.has(i, MONTH_AMBIG) && len >= 4) {
        scan.push(i, i, Category::Date, "date.month");
        return Some(i + 1);
    }
    None
}

/// The last token of an optional year after token `end` (`, 2025`, ` 2025`).
fn year_after(scan: &Scan<'_>, end: usize) -> usize {
    let d = &scan.doc;
    let mut k = end + 1;
    if d.is_punct(k, ',') {
        k += 1;
    }
    if d.is_num(k)
        && d.toks[k].gap != Gap::Line
        && d.digits(k) == 4
        && d.num(k).is_some_and(valid_year)
        // `2025:30` is no year; `2024: Hb 7,1` is.
        && !(glued(scan, k + 1, ':') && d.is_num(k + 2) && d.toks[k + 2].gap == Gap::None)
    {
        return k;
    }
    end
}

/// The first day of a range before the date at `i` (`19.-21.3.`, `3-5 maart`,
/// `3 tot 5 maart`), found as its own date.
fn range_start(scan: &mut Scan<'_>, i: usize) {
    let d = &scan.doc;
    if i < 2 {
        return;
    }
    let link = i - 1;
    let is_link = d.is_punct(link, '-')
        || d.is_punct(link, '–')
        || (d.is_word(link) && RANGE_WORDS.has(d.s(link)));
    // `3 t/m 7 mei`: `tot en met` written `t/m`.
    let tm = d.is_word(link)
        && d.s(link).eq_ignore_ascii_case("m")
        && link >= 3
        && d.is_punct(link - 1, '/')
        && d.is_word(link - 2)
        && d.s(link - 2).eq_ignore_ascii_case("t");
    if !is_link && !tm {
        return;
    }
    let mut k = if tm { link - 3 } else { link - 1 };
    if d.is_punct(k, '.') && k > 0 {
        k -= 1;
    }
    if d.is_num(k)
        && d.digits(k) <= 2
        && d.num(k).is_some_and(|v| (1..=31).contains(&v))
        && !scan.claimed[k]
    {
        if d.glued_before(k) {
            return;
        }
        let end = if d.is_punct(k + 1, '.') { k + 1 } else { k };
        scan.push(k, end, Category::Date, "date.range");
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::texts;
    use super::*;

    fn dates(text: &str, lang: Lang) -> Vec<String> {
        texts(text, lang, find)
    }

    #[test]
    fn numeric_dates() {
        assert_eq!(
            dates("Termin am 12.03.2025 um 14:30 Uhr", Lang::De),
            ["12.03.2025"]
        );
        assert_eq!(dates("am 3.5. war ich da", Lang::De), ["3.5."]);
        assert_eq!(dates("op 5/5 opgenomen", Lang::Nl), ["5/5"]);
        assert_eq!(
            dates("seen on 3/12/25 and 2025-03-12", Lang::En),
            ["3/12/25", "2025-03-12"]
        );
        assert_eq!(dates("geboren 12-03-1950", Lang::Nl), ["12-03-1950"]);
        // US order with dashes.
        assert_eq!(
            dates("seen 3-14-2025 and 03-14-25", Lang::En),
            ["3-14-2025", "03-14-25"]
        );
        assert_eq!(dates("am 12.3 beginnt", Lang::De), ["12.3"]);
    }

    #[test]
    fn months_with_a_year() {
        assert_eq!(
            dates("seit 01/2024 und ab 03.2025, nicht 1.2024 mg", Lang::De),
            ["01/2024", "03.2025"]
        );
        assert_eq!(dates("since 4/2023, not 1.2024", Lang::En), ["4/2023"]);
    }

    #[test]
    fn a_month_and_year_before_a_unit_that_turns_into_a_tag() {
        // `X` is a unit (`3 x daily`) until the address rule takes it.
        let out = crate::Scrubber::default().scrub("1/2024 X ST1", Lang::Nl);
        assert_eq!(out.text, "[DATE] [ADDRESS]");
    }

    #[test]
    fn us_ranges_and_weeks() {
        assert_eq!(
            dates(
                "moved from Jan 3-5 to the week of 2/10, take it 3-4 times",
                Lang::En
            ),
            ["Jan 3-5", "2/10"]
        );
    }

    #[test]
    fn ranges() {
        assert_eq!(
            dates("vom 19.3. bis zum 7.5.2025", Lang::De),
            ["19.3.", "7.5.2025"]
        );
        assert_eq!(dates("van 3 tot 5 maart", Lang::Nl), ["3", "5 maart"]);
        assert_eq!(dates("19.-21.3.2025", Lang::De), ["19.", "21.3.2025"]);
        assert_eq!(dates("van 3 t/m 7 mei", Lang::Nl), ["3", "7 mei"]);
        assert_eq!(dates("vanaf 29-1 is de poli", Lang::Nl), ["29-1"]);
        assert_eq!(dates("Afspraak 31-12", Lang::Nl), ["31-12"]);
        assert_eq!(dates("RE: Afspraak 6/10", Lang::Nl), ["6/10"]);
        assert_eq!(
            dates("de uitslagen van 14 oktober 2024: Hb 7,1", Lang::Nl),
            ["14 oktober 2024"]
        );
        assert_eq!(
            dates("Afspraak over 2-3 weken", Lang::Nl),
            Vec::<String>::new()
        );
    }

    #[test]
    fn scores_after_a_linking_word() {
        assert_eq!(dates("her strength is 4/5", Lang::En), Vec::<String>::new());
        assert_eq!(dates("Kraft = 4/5", Lang::De), Vec::<String>::new());
        assert_eq!(dates("it is 4/5 now", Lang::En), ["4/5"]);
    }

    #[test]
    fn month_names() {
        assert_eq!(
            dates("am 12. März 2025 und im Jänner", Lang::De),
            ["12. März 2025", "Jänner"]
        );
        assert_eq!(dates("seit 3. Feber", Lang::De), ["3. Feber"]);
        assert_eq!(dates("maandag 3 februari kom ik", Lang::Nl), ["3 februari"]);
        assert_eq!(
            dates("on March 12th, 2025 or 3rd of May", Lang::En),
            ["March 12th, 2025", "3rd of May"]
        );
        assert_eq!(dates("März 2025", Lang::De), ["März 2025"]);
        assert_eq!(dates("12. Okt. 2024", Lang::De), ["12. Okt. 2024"]);
        assert_eq!(
            dates("am 3.XII.2024 und am 14.IV. war ich dort", Lang::De),
            ["3.XII.2024", "14.IV."]
        );
        assert!(dates("Kapitel 3.II.a und Stufe 2.X", Lang::De).is_empty());
    }

    #[test]
    fn look_alikes_are_not_dates() {
        for (text, lang) in [
            ("Kraft 5/5 beidseits", Lang::De),
            ("bisoprolol 2.5 mg", Lang::Nl),
            ("1234 mg", Lang::De),
            ("1-0-1 nehmen", Lang::De),
            ("1/2 Tablette", Lang::De),
            ("Schmerzen 7/10", Lang::De),
            ("um 14.30 Uhr", Lang::De),
            ("om 9.30 uur", Lang::Nl),
            ("at 2 pm, may I call", Lang::En),
            ("seit 2019", Lang::De),
            ("Version 1.2.3.", Lang::De),
            ("RR 120/80", Lang::De),
            ("2x täglich 5 mg", Lang::De),
            ("you may 2 times", Lang::En),
            ("Montag und maandag", Lang::De),
            ("24/7 erreichbar", Lang::De),
        ] {
            assert_eq!(dates(text, lang), Vec::<String>::new(), "{text}");
        }
    }
}
