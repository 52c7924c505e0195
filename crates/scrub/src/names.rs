//! Names not known in advance, found by context and by lexicon.
//!
//! Context marks a name: a title or form of address (`Herr`, `Dr.`,
//! `mevrouw`, `Mr.`), a greeting (`Liebe`, `Beste`, `Dear`), a sign-off
//! (`Mit freundlichen Grüßen`, `Met vriendelijke groet`, `Kind regards`), a
//! relative (`meine Tochter`, `mijn zoon`, `my wife`). The lexicons of first
//! names and surnames find names without context, except those that are also
//! ordinary words (`Koch`, `Bakker`, `Brown`, `Will`): these need context, or
//! in Dutch and English a capital in mid-sentence. A capital alone never
//! makes a German word a name, since German nouns all have one. Medical
//! eponyms (`Morbus Crohn`, `ziekte van Parkinson`) are not names.

use crate::cand::{Cands, Words};
use crate::fold::{Umlauts, fold_pattern};
use crate::lexicon::{
    AGE_UNIT, AMBIG, CITY, CLIN_TITLE, DETERMINER, EPONYM, EPONYM_PRE, FIRST, GREETING, INST_POST,
    INTRO, MONTH, NAME, NAME_STOP, PARTICLE, POSSESSIVE, PSURNAME, RELATIVE, SIGNOFF, STOP, STREET,
    SURNAME, TITLE, UNIT, WEEKDAY, is_common_word,
};
use crate::patterns::Scan;
use crate::token::{Case, Gap, Kind};
use take::{apostrophe_name_at, take_name};

mod address_words;
mod company;
mod department;
mod intro;
mod label;
mod letters;
mod lower;
mod misspelt;
mod signature;
mod staff;
mod subject;
mod take;
mod with_unknown;
use crate::{Category, Lang};
pub(crate) use lower::verb_like;

/// What introduced a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ctx {
    /// A title: whatever name-shaped words follow are the name, in a cased
    /// message also a lower-case word that is no function word (`Dr black`).
    Title,
    /// A title or relative after a possessive (`meine Frau`, `mein Mann`):
    /// capitalised words only.
    TitleCased,
    /// A greeting, sign-off or relative: the name must look like one.
    Weak,
    /// A first name from the lexicon starts the name.
    First,
}

/// Words that may stand between a sign-off and the name (`Ihre Anna Koch`).
const SIGN_POSSESSIVES: Words = Words::new(&[
    "ihre", "ihr", "euer", "eure", "deine", "dein", "je", "uw", "your", "yours", "jullie", "eure",
]);

/// Flags of the words where a name rule can start.
const STARTS: u64 = TITLE | GREETING | SIGNOFF | RELATIVE | FIRST | SURNAME | PARTICLE;

/// Forms of address after which a lower-case word is a name.
const FORMS_OF_ADDRESS: Words = Words::new(&[
    "dr", "drs", "prof", "dokter", "doktor", "herr", "herrn", "frau", "fr", "hr", "mr", "mrs",
    "ms", "miss", "mx", "mevrouw", "mevr", "mw", "dhr", "meneer", "mnr", "heer",
]);

/// Abbreviations that may stand alone on a message's last line.
const LINE_ABBREVIATIONS: Words = Words::new(&[
    "ok", "okay", "ps", "pps", "nb", "thx", "ty", "tia", "asap", "fyi", "bzw", "usw", "etc", "aub",
    "svp", "ua", "no", "nee",
]);

/// Words that join two names and are never one (`Herr und Frau Koch`).
const CONJUNCTIONS: Words = Words::new(&["und", "and", "en", "oder", "or", "of", "bzw", "sowie"]);

/// Particles that can start a surname (`der`, `den`, `het` only follow one).
const PARTICLE_STARTS: Words = Words::new(&[
    "van", "von", "de", "ter", "ten", "te", "zu", "vom", "zum", "zur", "di", "da", "du", "del",
    "dos", "le", "la", "el",
]);

/// Finds names by context and lexicon.
pub(crate) fn find(scan: &mut Scan<'_>) {
    // Every rule starts at a word the lexicon knows as a name or a
    // context word.
    // Only words carry lexicon flags. A particle starts a name only before
    // a lexicon surname (`van Dijk`): in a message without one, particles
    // (`de`, `het`, `zu`, `op`) start nothing.
    let starts_mask = if scan.doc.flags & (SURNAME | PSURNAME) != 0 {
        STARTS
    } else {
        STARTS & !PARTICLE
    };
    let starts = Cands::flagged(&scan.doc, starts_mask);
    let mut i = 0;
    for c in starts.iter() {
        if c < i || scan.claimed[c] {
            continue;
        }
        i = step(scan, c).unwrap_or(c + 1);
    }
    possessive_relatives(scan);
    intro::introduced_names(scan);
    label::labelled_names(scan);
    company::names_in_company(scan);
    address_words::surname_words(scan);
    staff::staff_names(scan);
    misspelt::misspelt_first_names(scan);
    with_unknown::unknown_after_with(scan);
    signature::signature(scan);
    department::department_line(scan);
    signature::signed_word(scan);
    letters::foreign_letter_names(scan);
}

/// A name with a possessive before a relative, as proxies sign
/// (`(Karen's son)`, `bill's daughter`).
fn possessive_relatives(scan: &mut Scan<'_>) {
    // The relative after the name is a word of the message, and so is an
    // apostrophe (`'`, or `’`, which is not ASCII).
    let d = &scan.doc;
    if d.flags & RELATIVE == 0 || d.ascii && !d.has_punct(b'\'') {
        return;
    }
    // Only three tokens before a relative (read off the bits the
    // tokenizer noted), after an apostrophe glued to the name: all is
    // tested below.
    let relatives = Cands::flagged(&scan.doc, RELATIVE);
    for r in relatives.iter() {
        let Some(k) = r.checked_sub(3) else {
            continue;
        };
        let d = &scan.doc;
        if scan.claimed[k]
            || !d.is_word(k)
            || !(d.is_glued_punct(k + 1, '\'') || d.is_glued_punct(k + 1, '’'))
            || !d.is_word(k + 2)
            || d.toks[k + 2].gap != Gap::None
            || !d.s(k + 2).eq_ignore_ascii_case("s")
            || !d.has(k + 3, RELATIVE)
            || d.toks[k + 3].gap != Gap::Space
        {
            continue;
        }
        let f = d.toks[k].info.flags;
        if f & (NOT_LOWER_NAME | DETERMINER | POSSESSIVE | CLIN_TITLE) != 0
            || !shaped(scan, k)
            || d.chars(k) < 2
            || d.glued_before(k)
        {
            continue;
        }
        scan.push(k, k, Category::OtherName, "name.context.possessive");
    }
}

fn step(scan: &mut Scan<'_>, i: usize) -> Option<usize> {
    let d = &scan.doc;
    // A word glued to digits or a tag (`0000Koch`, `[ID]Anna`) is no name here.
    if d.glued_before(i) || d.glued_after(i) {
        return None;
    }
    let flags = d.toks[i].info.flags;
    if flags & TITLE != 0 {
        // A chain of titles: `Frau Dr. med.`, `Prof. Dr.`, `de heer`.
        let mut j = i;
        let mut clinician = false;
        let mut strong = false;
        while j < d.len() && (d.has(j, TITLE) || d.is_punct(j, '.')) && d.toks[j].gap != Gap::Line
            || j == i
        {
            // `meine Schwester` is a sister, `Schwester Rike` a nurse.
            clinician |=
                d.has(j, CLIN_TITLE) && !(d.has(j, RELATIVE) && i > 0 && d.has(i - 1, POSSESSIVE));
            strong |= d.is_word(j) && FORMS_OF_ADDRESS.has(d.s(j));
            j += 1;
            if j - i > 8 {
                break;
            }
        }
        // `meine Frau hat`: no name after the title.
        // A lower-case name only after a form of address (`Dr black`,
        // `Frau hartmann`), not after `nurse` or `doctor` (`the nurse called`).
        let ctx = if i > 0 && d.has(i - 1, POSSESSIVE) || !strong {
            Ctx::TitleCased
        } else {
            Ctx::Title
        };
        // A German role (`beim Psychiater`, `der Doktor`) may stand before
        // a noun (`Termine vereinbaren`, `Befunde`): an unknown word after
        // it is a name only where it reads as one.
        let role = scan.lang == Lang::De
            && (!strong
                || (determiner_before(scan, i) || i > 0 && d.has(i - 1, POSSESSIVE))
                    && !d.is_one_of(i, &["herr", "herrn", "frau", "fr", "hr"]))
            && d.is_word(j)
            && d.toks[j].case != Case::Lower
            && !d.has(j, NAME)
            && !no_german_noun(scan, j);
        if role {
            return Some(j.max(i + 1));
        }
        // The name stands on the title's line (`Oberarzt\nAnschrift:` is
        // a signature's role, then a label).
        let same_line = d.toks.get(j).is_some_and(|t| t.gap != Gap::Line);
        if same_line && let Some(end) = take_name(scan, j, ctx) {
            let cat = if clinician {
                Category::ClinicianName
            } else {
                Category::OtherName
            };
            scan.push(j, end, cat, "name.context.title");
            return Some(end + 1);
        }
        // `Frau` is also a relative: fall through only for that.
        if flags & RELATIVE == 0 {
            return Some(j.max(i + 1));
        }
    }
    if flags & GREETING != 0 {
        let j = i + 1;
        // `Sehr geehrte Damen und Herren`, `Geachte dames en heren`: the
        // addressees, though `Damen` is a surname too.
        let ladies_and_gentlemen = d.is_word(j)
            && d.is_one_of(j, &["damen", "dames"])
            && d.is_word(j + 2)
            && d.is_one_of(j + 2, &["herren", "heren"]);
        if d.toks.get(j).is_some_and(|t| t.gap != Gap::Line)
            && !ladies_and_gentlemen
            && !d.has(j, TITLE | GREETING)
            && let Some(end) = take_name(scan, j, Ctx::Weak)
        {
            scan.push(j, end, Category::OtherName, "name.context.greeting");
            return Some(end + 1);
        }
        return None;
    }
    if flags & SIGNOFF != 0 {
        let mut j = i + 1;
        let mut lines = 0;
        while j < d.len()
            && d.toks[j].kind == Kind::Punct
            && matches!(d.toks[j].ch, ',' | '!' | '.' | '-' | '–')
        {
            j += 1;
        }
        if j < d.len() && d.toks[j].gap == Gap::Line {
            lines += 1;
        }
        if d.is_word(j)
            && SIGN_POSSESSIVES.has(d.s(j))
            && d.toks.get(j + 1).is_some_and(|t| t.gap == Gap::Space)
        {
            j += 1;
        }
        if lines <= 1
            && !d.has(j, TITLE)
            && !signature::department(d, j)
            && let Some(mut end) = take_name(scan, j, Ctx::Weak)
        {
            // Without capitals, one more word that ends the message or its
            // line is the surname (`THANK YOU, MARY WATERS`).
            let last = d.toks.get(end + 2).is_none_or(|t| t.gap == Gap::Line);
            if !d.cased
                && end == j
                && last
                && d.toks.get(end + 1).is_some_and(|t| t.gap == Gap::Space)
                && d.is_word(end + 1)
                && !scan.claimed[end + 1]
                && !d.glued_after(end + 1)
                && !d.has(end + 1, NOT_LOWER_NAME)
                && d.chars(end + 1) >= 2
            {
                end += 1;
            }
            scan.push(j, end, Category::OtherName, "name.context.signoff");
            return Some(end + 1);
        }
        return None;
    }
    if flags & RELATIVE != 0 {
        let possessive = i > 0 && d.has(i - 1, POSSESSIVE);
        // `(zoon van Evert)`, `Tochter von Anna`, `son of Mark`.
        if d.is_word(i + 1)
            && d.is_one_of(i + 1, &["van", "von", "of"])
            && d.toks.get(i + 2).is_some_and(|t| t.gap == Gap::Space)
            && !d.has(i + 2, TITLE | DETERMINER | STOP | POSSESSIVE)
            && let Some(end) = take_name(scan, i + 2, Ctx::Weak)
        {
            scan.push(i + 2, end, Category::OtherName, "name.context.relative");
            return Some(end + 1);
        }
        let j = if d.is_punct(i + 1, ',') { i + 2 } else { i + 1 };
        let named_next = d.has(j, FIRST) && !d.has(j, AMBIG);
        if (possessive || named_next)
            && d.toks.get(j).is_some_and(|t| t.gap != Gap::Line)
            && let Some(end) = take_name(
                scan,
                j,
                if possessive {
                    Ctx::TitleCased
                } else if named_next {
                    Ctx::First
                } else {
                    Ctx::Weak
                },
            )
        {
            let end = lower::lower_surname_after(scan, j, end);
            scan.push(j, end, Category::OtherName, "name.context.relative");
            return Some(end + 1);
        }
        return None;
    }
    // A first name that is also a word (`Mark`, `Art`, `Will`), written
    // capitalised inside a sentence: in Dutch and English a name; in German
    // only where the word is no noun (`mit Jan gesprochen`, `hat Will
    // gesagt`), since German capitalises every noun.
    let capital_inside = || {
        d.cased
            && (scan.lang != Lang::De
                || GERMAN_NO_NOUNS.has(d.s(i)) && !d.is_glued_punct(i + 1, '.'))
            && d.toks[i].case == Case::Title
            && !d.sentence_start(i)
            && !determiner_before(scan, i)
    };
    // Or anywhere when a capitalised surname from the lexicon follows
    // (`Grace Price from scheduling`, `Carol Flores`).
    // In a message whose function words show no case, both words must
    // be capitalised (`it's Bill Thompson again`).
    let surname_next = || {
        d.toks[i].case == Case::Title
            && (d.cased || d.toks.get(i + 1).is_some_and(|t| t.case == Case::Title))
            && d.toks.get(i + 1).is_some_and(|t| t.gap == Gap::Space)
            && d.is_word(i + 1)
            && shaped(scan, i + 1)
            && d.toks[i + 1].case != Case::Upper
            && d.has(i + 1, SURNAME | PSURNAME)
            && !d.has(i + 1, STOP | STREET | UNIT | INST_POST)
            && !scan.claimed[i + 1]
            && !determiner_before(scan, i)
    };
    // `Jan de Vries`: a surname with its particles follows.
    let particle_surname_next = || {
        d.toks[i].case == Case::Title
            && d.toks.get(i + 1).is_some_and(|t| t.gap == Gap::Space)
            && d.has(i + 1, PARTICLE)
            && d.toks[i + 1].case == Case::Lower
            && (2..=3).any(|k| {
                d.has(i + k, SURNAME | PSURNAME)
                    && shaped(scan, i + k)
                    && (i + 2..i + k).all(|p| d.has(p, PARTICLE))
            })
    };
    // A first name that is also a month (`Jan`, Dutch `Mei`), written with a
    // capital and no number next to it: Dutch writes its months in lower
    // case, and German abbreviates only `Jan.` with a dot or a day.
    let month_name = || {
        flags & MONTH == 0
            || scan.lang != Lang::En
                && d.toks[i].case == Case::Title
                && (scan.lang == Lang::Nl || d.s(i).eq_ignore_ascii_case("jan"))
                && !(i > 0
                    && (d.is_num(i - 1) || d.is_punct(i - 1, '.') && i > 1 && d.is_num(i - 2)))
                && !d.is_num(i + 1)
                && !d.is_glued_punct(i + 1, '.')
    };
    // `Rob and I`, `Mark und ich`, `Will en ik`: a person named beside the
    // writer.
    let and_i = || {
        d.toks[i].case == Case::Title
            && d.is_word(i + 1)
            && d.is_one_of(i + 1, &["and", "und", "en"])
            && d.is_word(i + 2)
            && d.is_one_of(i + 2, &["i", "ich", "ik"])
            && d.toks[i + 1].gap == Gap::Space
            && d.toks[i + 2].gap == Gap::Space
    };
    if flags & FIRST != 0
        && flags & AMBIG != 0
        && flags & (EPONYM | WEEKDAY | CITY | TITLE | UNIT) == 0
        && month_name()
        && (capital_inside()
            || surname_next()
            || particle_surname_next()
            || and_i()
            // German `Jan` with no dot or day is no month, even first in a
            // sentence (`Jan kommt morgen`).
            || scan.lang == Lang::De && d.s(i) == "Jan")
        && !blocked(scan, i)
        && let Some(end) = take_name(scan, i, Ctx::First)
    {
        let start = name_head(scan, i);
        scan.push(start, end, Category::OtherName, "name.lexicon.first");
        return Some(end + 1);
    }
    // Lexicon: a first name, then its surname. German speaks of someone
    // with an article (`die Jacqueline`, `der Kevin`): before a first name
    // that is no word it blocks nothing.
    let german_article =
        scan.lang == Lang::De && i > 0 && d.is_one_of(i - 1, &["der", "die", "den", "dem"]);
    if flags & FIRST != 0
        && flags & (AMBIG | EPONYM) == 0
        && (shaped(scan, i) || flags & NOT_LOWER_NAME == 0)
        && !blocked_after(scan, i, !german_article)
        && let Some(end) = take_name(scan, i, Ctx::First)
    {
        let start = name_head(scan, i);
        scan.push(start, end, Category::OtherName, "name.lexicon.first");
        return Some(end + 1);
    }
    // Lexicon: a surname, with its particles.
    if flags & PARTICLE != 0
        && PARTICLE_STARTS.has(d.s(i))
        && !(d.cased && d.toks[i].case == Case::Title && d.sentence_start(i))
    {
        let mut k = i;
        while d.has(k, PARTICLE)
            && d.toks.get(k + 1).is_some_and(|t| t.gap == Gap::Space)
            && k - i < 3
        {
            k += 1;
        }
        if k > i && d.has(k, PSURNAME | SURNAME) && !d.has(k, EPONYM | STOP) && shaped(scan, k) {
            let ambiguous = d.has(k, AMBIG);
            if !ambiguous || (d.cased && d.toks[k].case != Case::Lower && scan.lang != Lang::De) {
                let end = hyphen_tail(scan, k);
                let start = subject::unknown_first_before(scan, i, end);
                scan.push(start, end, Category::OtherName, "name.lexicon.surname");
                return Some(end + 1);
            }
        }
    }
    if flags & SURNAME != 0
        && flags & (EPONYM | STOP | NAME_STOP) == 0
        && (shaped(scan, i) || flags & (NOT_LOWER_NAME | AMBIG) == 0)
        && !blocked(scan, i)
    {
        let ambiguous = flags & AMBIG != 0;
        let mid_sentence_capital = d.cased
            && scan.lang != Lang::De
            && d.toks[i].case == Case::Title
            && !d.sentence_start(i)
            && !determiner_before(scan, i);
        if !ambiguous || mid_sentence_capital {
            let end = hyphen_tail(scan, i);
            let start = subject::unknown_first_before(scan, name_head(scan, i), end);
            scan.push(start, end, Category::OtherName, "name.lexicon.surname");
            return Some(end + 1);
        }
    }
    None
}

/// First names that are also words, but no German nouns: capitalised
/// inside a German sentence, they are names (`Jan` is a month only with a
/// dot or a day, `will` and `frank` are no nouns).
const GERMAN_NO_NOUNS: Words = Words::new(&[
    "jan", "will", "frank", "till", "can", "ben", "tim", "tom", "ali", "max", "otto", "adam",
]);

/// Flags of words that are not names when written in lower case.
const NOT_LOWER_NAME: u64 = STOP
    | MONTH
    | WEEKDAY
    | UNIT
    | CITY
    | PARTICLE
    | TITLE
    | GREETING
    | SIGNOFF
    | RELATIVE
    | AGE_UNIT
    | NAME_STOP;

/// Whether word `i` has the case of a name: capitalised in a cased message.
fn shaped(scan: &Scan<'_>, i: usize) -> bool {
    let d = &scan.doc;
    if !d.cased {
        return true;
    }
    matches!(d.toks[i].case, Case::Title | Case::Upper)
        || d.toks[i].case == Case::Other && d.s(i).starts_with(|c: char| c.is_uppercase())
}

/// Words around `i` that make a lexicon name something else: an eponym
/// marker before it (`Morbus`), a street, unit or institution word after it
/// (`Spaulding Rehab`).
fn blocked(scan: &Scan<'_>, i: usize) -> bool {
    blocked_after(scan, i, true)
}

/// [`blocked`], but a determiner before word `i` blocks it only if
/// `determiner` is true.
fn blocked_after(scan: &Scan<'_>, i: usize, determiner: bool) -> bool {
    let d = &scan.doc;
    // Only words on the same line (`Sophie\nmg` is a name and a signature),
    // and no street or unit word that starts a hyphenated name (`Ann
    // St-Ann`).
    (i > 0
        && d.toks[i].gap != Gap::Line
        && (d.has(i - 1, EPONYM_PRE) || determiner && determiner_before(scan, i)))
        || d.toks.get(i + 1).is_some_and(|t| t.gap != Gap::Line)
            && d.has(i + 1, STREET | UNIT | INST_POST)
            && !(d.is_glued_punct(i + 2, '-') && d.is_word(i + 3))
        || (d.is_glued_punct(i + 1, '-') && d.is_word(i + 2) && is_syndrome(d.s(i + 2)))
}

/// Whether an article or determiner stands right before word `i` (`the
/// Will`, `die Hoffnung`). `an` is one only in English: in German it is the
/// preposition of `Grüße an Anna`.
fn determiner_before(scan: &Scan<'_>, i: usize) -> bool {
    let d = &scan.doc;
    i > 0
        && d.has(i - 1, DETERMINER)
        && (scan.lang == Lang::En || !d.s(i - 1).eq_ignore_ascii_case("an"))
}

/// Whether the capitalised word `k` of a German message, which the lexicon
/// does not know as a name, reads as a name rather than a noun: it ends
/// the phrase, a lexicon name follows, it is hyphenated (`El-Khatib`), or
/// it has letters German lacks (`Kılıçarslan`). A listed noun or ordinary
/// word that ends the phrase is none (`Anna Koch Bescheid,`).
fn no_german_noun(scan: &Scan<'_>, k: usize) -> bool {
    let d = &scan.doc;
    !lower::listed_word(d, k) && ends_phrase(scan, k)
        || name_like_next(scan, k)
        || d.is_glued_punct(k + 1, '-')
        || d.s(k)
            .chars()
            .any(|c| !c.is_ascii() && !matches!(c, 'ä' | 'ö' | 'ü' | 'ß' | 'Ä' | 'Ö' | 'Ü'))
}

/// Whether word `w` starts with `syndrom` in any case (`Down-Syndrom`):
/// the same as lower-casing it first, as only ASCII letters lower-case to
/// those letters, and without the copy.
fn is_syndrome(w: &str) -> bool {
    w.as_bytes()
        .get(..7)
        .is_some_and(|b| b.eq_ignore_ascii_case(b"syndrom"))
}

/// The first part of a hyphenated name ending at word `i` (`Hans-Peter`).
fn hyphen_head(scan: &Scan<'_>, i: usize) -> usize {
    let d = &scan.doc;
    let mut a = i;
    while a >= 2
        && d.is_glued_punct(a - 1, '-')
        && d.toks[a].gap == Gap::None
        && d.is_word(a - 2)
        && shaped(scan, a - 2)
        && !scan.claimed[a - 2]
        && d.toks[a - 2].info.flags & NOT_LOWER_NAME & !STOP == 0
    {
        a -= 2;
    }
    a
}

/// The first token of a name whose lexicon word is `i`: the letter and
/// apostrophe of `O'Connor`, or the first part of `Hans-Peter`.
fn name_head(scan: &Scan<'_>, i: usize) -> usize {
    if i >= 2 && apostrophe_name_at(scan, i - 2) && !scan.claimed[i - 2] {
        i - 2
    } else {
        hyphen_head(scan, i)
    }
}

/// Extends a surname over hyphenated parts (`Schulze-Lindner`).
fn hyphen_tail(scan: &Scan<'_>, i: usize) -> usize {
    let d = &scan.doc;
    let mut end = i;
    while d.is_glued_punct(end + 1, '-')
        && d.is_word(end + 2)
        && d.toks[end + 2].gap == Gap::None
        && shaped(scan, end + 2)
        && !scan.claimed[end + 2]
    {
        end += 2;
    }
    end
}

/// Whether word `k` can be part of a name in context `ctx`; `first` when it
/// would be the first part.
fn name_like(scan: &Scan<'_>, k: usize, ctx: Ctx, first: bool) -> bool {
    let d = &scan.doc;
    let Some(t) = d.toks.get(k) else { return false };
    if t.kind != Kind::Word || scan.claimed[k] || d.glued_before(k) || d.glued_after(k) {
        return false;
    }
    // `Frau Liebe-Gern`: a hyphenated name after a title, whatever its parts mean.
    if matches!(ctx, Ctx::Title | Ctx::TitleCased)
        && shaped(scan, k)
        && d.is_glued_punct(k + 1, '-')
        && d.is_word(k + 2)
        && d.toks[k + 2].gap == Gap::None
        && shaped(scan, k + 2)
    {
        return true;
    }
    let f = t.info.flags;
    // `meine tochter heißt sabrina`: the name comes after `heißt`.
    if f & INTRO != 0 {
        return false;
    }
    let known = f & NAME != 0;
    // The name so far is written in lower case in a cased message
    // (`meine frau henrike schulze`): the writer types names that way.
    let lower_name = !first
        && d.cased
        && t.case == Case::Lower
        && k > 0
        && d.is_word(k - 1)
        && d.toks[k - 1].case == Case::Lower;
    // (The tests below are closures, worked out only where a rule asks.)
    // A weekday after a first name is a surname (`Ayşe Freitag`, and in
    // German, whose weekdays have capitals, `ayşe freitag`).
    // Without capitals, a German weekday right after a name that a title
    // or relative introduced is its surname too: German would put the verb
    // there (`meine schwester ayşe freitag meint`).
    let surname_weekday = || {
        !first
            && (d.cased && (shaped(scan, k) || lower_name && scan.lang == Lang::De)
                || !d.cased
                    && f & WEEKDAY != 0
                    && scan.lang == Lang::De
                    && matches!(ctx, Ctx::Title | Ctx::TitleCased)
                    && !d.is_num(k + 1))
            && f & (NAME_STOP | TITLE | GREETING | SIGNOFF | UNIT | AGE_UNIT | STOP) == 0
    };
    // Right after a form of address or a relative, or after a first part
    // there, a capitalised word that is also a weekday, greeting or
    // function word is the name (`Frau Sonntag`, `Herr Gut`, `meine
    // Tochter Cindy Liebe`).
    let word_name = || {
        d.cased
            && t.case == Case::Title
            && t.gap != Gap::Line
            && d.chars(k) >= 3
            && (ctx == Ctx::Title && first || !first && matches!(ctx, Ctx::Title | Ctx::TitleCased))
            && f & (NAME_STOP | TITLE | UNIT | AGE_UNIT | SIGNOFF | PARTICLE) == 0
            && !CONJUNCTIONS.has(d.s(k))
            && !d.is_num(k + 1)
    };
    let named_word = || known && shaped(scan, k) && d.cased || surname_weekday() || word_name();
    if f & (NAME_STOP | TITLE | GREETING | SIGNOFF | WEEKDAY | UNIT | AGE_UNIT) != 0
        && !named_word()
    {
        return false;
    }
    if f & STOP != 0 && !(known && d.cased && shaped(scan, k)) && !word_name() {
        return false;
    }
    let after_title = matches!(ctx, Ctx::Title | Ctx::TitleCased);
    if f & MONTH != 0 && !known && !(after_title && shaped(scan, k) && !d.is_num(k + 1)) {
        return false;
    }
    if f & EPONYM != 0 && !matches!(ctx, Ctx::Title | Ctx::TitleCased) {
        return false;
    }
    // One letter only as `O'Neill`, `D'Angelo`.
    if d.chars(k) < 2
        && !((d.is_glued_punct(k + 1, '\'') || d.is_glued_punct(k + 1, '’'))
            && d.is_word(k + 2)
            && d.toks[k + 2].gap == Gap::None
            && d.chars(k + 2) >= 2)
    {
        return false;
    }
    if d.cased {
        if !shaped(scan, k) {
            // `Dr black`, `Frau hartmann`, `mit johanna`: lower-case names
            // after a title, and lexicon names that are no ordinary word.
            let after_title = ctx == Ctx::Title && (first || known);
            let lexicon_name = known && f & AMBIG == 0;
            if (after_title || lexicon_name) && f & NOT_LOWER_NAME == 0 {
                return true;
            }
            // `mijn vrouw eva`, `your caregiver summer`: after a relative
            // or title with a possessive, a lexicon first name even if it
            // is also a word; an unknown word when a surname follows
            // (`meine Tochter mirko nowak`, `quirin von der heyde`).
            let lower_ok = f
                & (STOP
                    | WEEKDAY
                    | UNIT
                    | AGE_UNIT
                    | TITLE
                    | GREETING
                    | SIGNOFF
                    | NAME_STOP
                    | RELATIVE
                    | CITY
                    | PARTICLE)
                == 0;
            if ctx == Ctx::TitleCased && first && lower_ok {
                return f & FIRST != 0
                    || surname_follows(scan, k)
                    || lower::lower_unknown_name(scan, k);
            }
            // Later parts of a lower-case name: lexicon names even if they
            // are words (`katrin koch`), unknown words that end the phrase
            // (`jessica szymanski.`) or follow a title or relative, unless
            // they look like the verb (`sophie oudshoorn meelezen`).
            // A verb stays one with particles after it (`emma hazelhoff
            // doet de boodschappen`).
            if lower_name && lower_ok {
                return known
                    || d.has(k - 1, PARTICLE)
                    || !verb_like(d.s(k), scan.lang)
                        && (surname_follows(scan, k)
                            || (ends_phrase(scan, k)
                                || matches!(ctx, Ctx::Title | Ctx::TitleCased))
                                && d.chars(k) >= 4);
            }
            return surname_weekday();
        }
        if ctx == Ctx::Weak && first && scan.lang == Lang::De && !known {
            // A German capital may be a noun: only a name if it ends the phrase.
            return ends_phrase(scan, k) || name_like_next(scan, k);
        }
        if ctx == Ctx::Weak && first && !known && f & CITY != 0 {
            return false;
        }
        // After a first name, too, a German capital may be a noun (`Paul
        // Medikamente gegeben`, `Hans-Peters Tagebuch`): a surname the
        // lexicon lacks only where it ends the phrase, is hyphenated
        // (`Yasmin El-Khatib`), or where letters German lacks show it is no
        // German noun (`Ayşe Kılıçarslan mit`).
        if ctx == Ctx::First && !first && scan.lang == Lang::De && !known {
            return no_german_noun(scan, k);
        }
        return true;
    }
    // No case to go by: lexicon names, or words right after a title that
    // are not ordinary words (`mijn moeder overleden`), or a word that ends
    // a greeting.
    match ctx {
        // A short message may show no case by its function words (`Appt
        // with Dr. Anna Lyx`): a capitalised later part is the surname.
        Ctx::Title | Ctx::TitleCased => {
            (first || t.case == Case::Title)
                && !is_common_word(&fold_pattern(d.s(k), Umlauts::Spelled))
                || known
                || surname_weekday()
        }
        // After a lexicon first name, a surname the lexicon lacks when it
        // ends the phrase (`kaffee mit wojciech morgenstern, sonne`).
        // And a surname that ends the message or line after `, first name`
        // or a first name that starts the line: a signature.
        Ctx::First => {
            known && (f & AMBIG == 0 || !first)
                || !first
                    && f & STOP == 0
                    && (before_comma(scan, k) || signed(scan, k))
                    && !lower::listed_word(d, k)
        }
        Ctx::Weak => known || (first && ends_phrase(scan, k)),
    }
}

/// Whether a lower-case surname follows word `k`: a lexicon surname
/// (`mirko nowak`) or particles and a word (`quirin von der heyde`).
fn surname_follows(scan: &Scan<'_>, k: usize) -> bool {
    let d = &scan.doc;
    let mut p = k + 1;
    while d.toks.get(p).is_some_and(|t| t.gap == Gap::Space)
        && d.has(p, PARTICLE)
        && PARTICLE_STARTS.list().iter().chain(&["der", "den"]).any({
            let s = d.s(p);
            move |w| w.eq_ignore_ascii_case(s)
        })
        && p - k <= 3
    {
        p += 1;
    }
    d.toks.get(p).is_some_and(|t| t.gap == Gap::Space)
        && d.is_word(p)
        && !scan.claimed[p]
        && !d.has(p, STOP | NOT_LOWER_NAME & !PARTICLE)
        && (p > k + 1 || d.has(p, SURNAME | PSURNAME))
}

/// Whether the next word is a lexicon name (`Liebe Xyla Koch`).
fn name_like_next(scan: &Scan<'_>, k: usize) -> bool {
    let d = &scan.doc;
    d.toks.get(k + 1).is_some_and(|t| t.gap == Gap::Space)
        && d.has(k + 1, NAME)
        && !d.has(k + 1, STOP)
        && shaped(scan, k + 1)
}

/// Whether word `k` ends its line right after a first name that follows a
/// comma or starts the line (`thank you, mary waters`): a signature.
fn signed(scan: &Scan<'_>, k: usize) -> bool {
    let d = &scan.doc;
    k >= 2
        && d.is_word(k)
        && d.toks.get(k + 1).is_none_or(|t| t.gap == Gap::Line)
        && d.toks[k].gap == Gap::Space
        && (d.is_punct(k - 2, ',') || d.toks[k - 1].gap == Gap::Line)
}

/// Whether word `k` is followed by a comma or semicolon on the same line.
fn before_comma(scan: &Scan<'_>, k: usize) -> bool {
    let d = &scan.doc;
    d.toks
        .get(k + 1)
        .is_some_and(|t| t.kind == Kind::Punct && matches!(t.ch, ',' | ';') && t.gap == Gap::None)
}

/// Whether word `k` is followed by punctuation, a line break or the end.
fn ends_phrase(scan: &Scan<'_>, k: usize) -> bool {
    let d = &scan.doc;
    match d.toks.get(k + 1) {
        None => true,
        Some(t) => {
            t.gap == Gap::Line
                || (t.kind == Kind::Punct
                    && matches!(t.ch, ',' | '!' | '.' | ';' | ':' | ')' | '(' | '?'))
        }
    }
}

#[cfg(test)]
mod tests;
