//! Ages of 90 and over: `92 Jahre`, `92-jarige`, `93-year-old`, `aged 93`,
//! `Alter: 95`. Only the number is protected.

use super::Scan;
use crate::Category;
use crate::cand::{Cands, Words};
use crate::lexicon::{AGE_PRE, AGE_UNIT, AGE_WORD, RELATIVE, UNIT};
use crate::token::Kind;

/// Verbs that link a person to an age (`Mutter ist 93`, `ze was 100`).
const COPULAS: Words = Words::new(&[
    "is", "ist", "was", "wird", "wurde", "wordt", "werd", "turned", "turns", "became", "turning",
    "bin", "ben", "am", "m", "s",
]);

/// Words for a person whose age may follow a copula.
const PERSONS: Words = Words::new(&[
    "er",
    "sie",
    "he",
    "she",
    "hij",
    "zij",
    "ze",
    "ich",
    "i",
    "ik",
    "client",
    "patient",
    "patiënt",
    "patientin",
    "patiënte",
    "klient",
    "klientin",
    "cliënt",
    "who",
]);

/// `Meine Mutter ist 93 und ...`, `my client is 92`, `ze was 100.`: a person
/// (a relative or a pronoun) just before a copula before the number (its
/// tokens `i..=b`), and no unit after it.
fn is_person_age(scan: &Scan<'_>, i: usize, b: usize) -> bool {
    let d = &scan.doc;
    if i < 2 || !d.is_word(i - 1) || !COPULAS.has(d.s(i - 1)) {
        return false;
    }
    if d.has(b + 1, UNIT)
        || d.is_punct(b + 1, '%')
        || d.is_punct(b + 1, '/')
        || d.is_punct(b + 1, ',') && d.is_num(b + 2)
    {
        return false;
    }
    let p = i - 2;
    // `I'm 92`, `he's 92`: the `m` or `s` glued to `I'`, `he'`, `she'`.
    if matches!(d.s(i - 1), "m" | "s") {
        let who: &[&str] = if d.s(i - 1) == "m" {
            &["i"]
        } else {
            &["he", "she", "who"]
        };
        return p >= 1
            && (d.is_glued_punct(p, '\'') || d.is_glued_punct(p, '’'))
            && d.is_word(p - 1)
            && d.is_one_of(p - 1, who);
    }
    // `Mutter Gisela ist 93`, `my mom dorothy is 94`: a name after the
    // relative.
    d.is_word(p)
        && (d.has(p, RELATIVE)
            || PERSONS.has(d.s(p))
            || p >= 1 && d.is_word(p - 1) && d.has(p - 1, RELATIVE))
}

/// Words for a birthday after an ordinal (`96th birthday`, `95. Geburtstag`,
/// `95e verjaardag`).
const BIRTHDAYS: Words = Words::new(&["birthday", "geburtstag", "verjaardag", "bday"]);

/// `96th birthday`, `95. Geburtstag`, `95e verjaardag`, `95ste verjaardag`:
/// the number `i` as an ordinal before a word for a birthday.
fn birthday(scan: &Scan<'_>, i: usize) -> bool {
    let d = &scan.doc;
    let mut j = i + 1;
    let ordinal = d.is_word(j)
        && d.toks[j].gap == crate::token::Gap::None
        && d.is_one_of(j, &["th", "st", "nd", "rd", "e", "ste", "de"])
        || d.is_glued_punct(j, '.');
    if ordinal {
        j += 1;
    }
    d.is_word(j) && BIRTHDAYS.has(d.s(j))
}

/// `Mutter wird nächste Woche 95.`, `Ze is vorige week 94 geworden`: a person
/// and a copula, up to three words, then the number `i..=b` that ends the
/// sentence or clause; or the number before `geworden`.
fn became(scan: &Scan<'_>, i: usize, b: usize) -> bool {
    let d = &scan.doc;
    // `94 geworden` says it alone.
    if d.is_word(b + 1) && d.s(b + 1).eq_ignore_ascii_case("geworden") {
        return true;
    }
    let ends = d.toks.get(b + 1).is_none_or(|t| {
        t.gap == crate::token::Gap::Line || t.kind == Kind::Punct && matches!(t.ch, '.' | '!' | ',')
    });
    if !ends {
        return false;
    }
    (2..=4).any(|back| {
        i > back
            && (i - back + 1..i).all(|k| d.is_word(k) && d.toks[k].info.flags & UNIT == 0)
            && is_person_age(scan, i - back + 1, i - back + 1)
    }) || inverted(scan, i)
}

/// `Op 1 januari werd mijn vader 92.`, `Letzte Woche wurde Oma 95.`: the
/// copula before the person, as Dutch and German put it after a time, and
/// the number `i` (which ends the clause) right after the person: a word
/// for a relative or a pronoun, with at most one word (`mijn`, `meine`)
/// between it and the copula.
fn inverted(scan: &Scan<'_>, i: usize) -> bool {
    let d = &scan.doc;
    let person = |k: usize| d.is_word(k) && (d.has(k, RELATIVE) || PERSONS.has(d.s(k)));
    let copula = |k: usize| d.is_word(k) && COPULAS.has(d.s(k)) && !matches!(d.s(k), "m" | "s");
    i >= 2
        && person(i - 1)
        && (copula(i - 2)
            || i >= 3 && d.is_word(i - 2) && d.toks[i - 2].info.flags & UNIT == 0 && copula(i - 3))
}

/// `Oma (97)`, `mijn moeder (92)`: the number `i..=b` in brackets after a
/// word for a relative.
fn bracketed(scan: &Scan<'_>, i: usize, b: usize) -> bool {
    let d = &scan.doc;
    i >= 2 && d.is_punct(i - 1, '(') && d.is_punct(b + 1, ')') && d.has(i - 2, RELATIVE)
}

/// Finds ages over 89.
pub(crate) fn find(scan: &mut Scan<'_>) {
    // An age over 89 has two or three digits.
    if scan.doc.num_lens & (1 << 2 | 1 << 3) == 0 {
        return;
    }
    let nums = Cands::nums(&scan.doc);
    for i in nums.iter() {
        if scan.claimed[i] || scan.doc.toks[i].kind != Kind::Num {
            continue;
        }
        let Some(age) = scan.doc.num(i) else { continue };
        if !(90..=125).contains(&age) || scan.doc.digits(i) > 3 {
            continue;
        }
        if let Some(rule) = context(scan, i, i) {
            scan.push(i, i, Category::AgeOver89, rule);
        }
    }
}

/// The rule by which the age at tokens `i..=b` is one, if its context
/// says it is an age.
fn context(scan: &Scan<'_>, i: usize, b: usize) -> Option<&'static str> {
    let d = &scan.doc;
    // `92 Jahre`, `92-jarige`, `93-year-old`.
    let mut j = b + 1;
    if d.is_glued_punct(j, '-') {
        j += 1;
    }
    let unit = d.has(j, AGE_UNIT);
    // `aged 93`, `Alter: 95`, `leeftijd van 91`.
    let mut k = i;
    while k > 0
        && k + 3 > i
        && (d.is_punct(k - 1, ':')
            || d.s(k - 1).eq_ignore_ascii_case("van")
            || d.s(k - 1).eq_ignore_ascii_case("of")
            || d.s(k - 1).eq_ignore_ascii_case("von"))
    {
        k -= 1;
    }
    let label = k > 0 && d.has(k - 1, AGE_PRE);
    if unit || birthday(scan, b) {
        Some("age.unit")
    } else if label {
        Some("age.label")
    } else if is_person_age(scan, i, b) || became(scan, i, b) || bracketed(scan, i, b) {
        Some("age.copula")
    } else {
        None
    }
}

/// The ones in English, 1 to 9.
const ONES_EN: [&str; 9] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];

/// The age of 90 to 100 written in words at token `i` (flagged
/// [`AGE_WORD`]): its value and last token. `ninety`, `ninety-two`,
/// `ninety two`, `a hundred`; `neunzig`, `zweiundneunzig`, `hundert`;
/// `negentig`, `tweeënnegentig`, `honderd`.
fn age_in_words(scan: &Scan<'_>, i: usize) -> Option<(u32, usize)> {
    let d = &scan.doc;
    let w = d.s(i).to_lowercase();
    if matches!(w.as_str(), "hundred" | "hundert" | "honderd" | "einhundert") {
        return Some((100, i));
    }
    if w == "ninety" {
        // `ninety-two`, `ninety two`.
        let k = if d.is_glued_punct(i + 1, '-') {
            i + 2
        } else {
            i + 1
        };
        let ones = d
            .is_word(k)
            .then(|| ONES_EN.iter().position(|o| d.s(k).eq_ignore_ascii_case(o)))
            .flatten();
        return Some(match ones {
            Some(n) => (91 + n as u32, k),
            None => (90, i),
        });
    }
    // `zweiundneunzig`; `tweeënnegentig` (its `en` joined to the ones).
    let (ones, german) = if let Some(head) = w.strip_suffix("undneunzig") {
        (head, true)
    } else if let Some(head) = w.strip_suffix("nnegentig") {
        (head, false)
    } else if w == "neunzig" || w == "negentig" {
        return Some((90, i));
    } else {
        return None;
    };
    let n = if german {
        [
            "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun",
        ]
        .iter()
        .position(|o| *o == ones || ones == "fuenf" && *o == "fünf")?
    } else {
        [
            "eene", "tweeë", "drieë", "viere", "vijfe", "zese", "zevene", "achte", "negene",
        ]
        .iter()
        .position(|o| *o == ones || o.replace('ë', "e") == ones)?
    };
    Some((91 + n as u32, i))
}

/// Finds ages of 90 to 100 written in words (in messages with an
/// [`AGE_WORD`]), in the context a number needs (`My mother is ninety-two`, `Oma ist dreiundneunzig Jahre alt`,
/// `Opa is drieënnegentig geworden`).
pub(crate) fn in_words(scan: &mut Scan<'_>) {
    let mut k = 0;
    while k < scan.doc.len() {
        let d = &scan.doc;
        if scan.claimed[k] || !d.has(k, AGE_WORD) {
            k += 1;
            continue;
        }
        let Some((value, end)) = age_in_words(scan, k) else {
            k += 1;
            continue;
        };
        // `a hundred`, `one hundred`: from the article.
        let start = if value == 100
            && k > 0
            && !scan.claimed[k - 1]
            && d.is_one_of(k - 1, &["a", "one", "ein", "een"])
        {
            k - 1
        } else {
            k
        };
        if scan.free(start, end)
            && let Some(rule) = context(scan, start, end)
        {
            scan.push(start, end, Category::AgeOver89, rule);
        }
        k = end + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::texts;
    use super::*;
    use crate::Lang;

    #[test]
    fn old_ages_only() {
        let f = |t: &str| texts(t, Lang::De, find);
        assert_eq!(f("Patientin, 92 Jahre alt"), ["92"]);
        assert_eq!(f("een 92-jarige vrouw"), ["92"]);
        assert_eq!(f("aged 93, a 95-year-old"), ["93", "95"]);
        assert_eq!(f("Alter: 97"), ["97"]);
        assert!(f("89 Jahre, 45 jaar, 92 mg, Zimmer 95").is_empty());
        assert_eq!(f("Meine Mutter ist 93 und ich"), ["93"]);
        assert_eq!(f("my client is 92 and, ze was 100."), ["92", "100"]);
        assert!(f("Der Zucker ist 95 und der Puls ist 92, sie ist 95 mg").is_empty());
        assert_eq!(
            f("Mom celebrates her 96th birthday, sie feiert ihren 95. Geburtstag"),
            ["96", "95"]
        );
        assert_eq!(
            f("Mutter wird nächste Woche 95. Ze is vorige week 94 geworden."),
            ["95", "94"]
        );
        assert_eq!(f("Oma (97) woont bij ons."), ["97"]);
        assert!(f("Der Zucker wird morgens 95. Zimmer (97), 95. Minute").is_empty());
    }

    #[test]
    fn ages_in_words() {
        let f = |t: &str, lang| crate::Scrubber::default().scrub(t, lang).text;
        assert_eq!(
            f(
                "My mother is ninety-two. She turned a hundred? No.",
                Lang::En
            ),
            "My mother is [AGE]. She turned [AGE]? No."
        );
        assert_eq!(
            f(
                "Oma ist dreiundneunzig Jahre alt, Mama wird nächste Woche neunzig.",
                Lang::De
            ),
            "Oma ist [AGE] Jahre alt, Mama wird nächste Woche [AGE]."
        );
        assert_eq!(
            f("Opa is drieënnegentig geworden.", Lang::Nl),
            "Opa is [AGE] geworden."
        );
        for (text, lang) in [
            (
                "We waited ninety minutes, he is ninety percent sure.",
                Lang::En,
            ),
            ("Er fuhr neunzig km/h, hundert Mal.", Lang::De),
        ] {
            assert_eq!(f(text, lang), text);
        }
    }

    #[test]
    fn ages_of_a_relative_named() {
        let f = |t: &str| texts(t, Lang::En, find);
        assert_eq!(f("my mom dorothy is 94 and lives with us"), ["94"]);
        assert_eq!(f("Meine Mutter Gisela ist 93."), ["93"]);
        assert!(f("Mein Sohn Paul ist 95 kg schwer, the sugar is 95.").is_empty());
    }

    #[test]
    fn ages_after_an_inverted_copula() {
        let f = |t: &str| texts(t, Lang::Nl, find);
        assert_eq!(f("Op 1 januari werd mijn vader 92."), ["92"]);
        assert_eq!(f("Letzte Woche wurde Oma 95, sagt sie."), ["95"]);
        assert_eq!(f("Morgen wordt hij 90!"), ["90"]);
        assert!(f("Gisteren was mijn vader 90 minuten weg.").is_empty());
        assert!(f("Heute ist der Puls 95. Gestern wurde meine Mutter 95 mg gegeben.").is_empty());
        assert!(f("Sinds maandag is de bloeddruk 95.").is_empty());
    }
}
