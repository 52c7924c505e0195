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

use crate::lexicon::{
    AGE_UNIT, AMBIG, CITY, CLIN_TITLE, DETERMINER, EPONYM, EPONYM_PRE, FIRST, GREETING, MONTH,
    NAME, NAME_STOP, PARTICLE, POSSESSIVE, PSURNAME, RELATIVE, SIGNOFF, STOP, STREET, SURNAME,
    TITLE, UNIT, WEEKDAY,
};
use crate::patterns::Scan;
use crate::token::{Case, Gap, Kind};
use crate::{Category, Lang};

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
const SIGN_POSSESSIVES: &[&str] = &[
    "ihre", "ihr", "euer", "eure", "deine", "dein", "je", "uw", "your", "yours", "jullie", "eure",
];

/// Flags of the words where a name rule can start.
const STARTS: u64 = TITLE | GREETING | SIGNOFF | RELATIVE | FIRST | SURNAME | PARTICLE;

/// Forms of address after which a lower-case word is a name.
const FORMS_OF_ADDRESS: &[&str] = &[
    "dr", "drs", "prof", "dokter", "doktor", "herr", "herrn", "frau", "fr", "hr", "mr", "mrs",
    "ms", "miss", "mx", "mevrouw", "mevr", "mw", "dhr", "meneer", "mnr", "heer",
];

/// Particles that can start a surname (`der`, `den`, `het` only follow one).
const PARTICLE_STARTS: &[&str] = &[
    "van", "von", "de", "ter", "ten", "te", "zu", "vom", "zum", "zur", "di", "da", "du", "del",
    "dos", "le", "la",
];

/// Finds names by context and lexicon.
pub(crate) fn find(scan: &mut Scan<'_>) {
    let n = scan.doc.len();
    let mut i = 0;
    while i < n {
        let t = &scan.doc.toks[i];
        // Every rule starts at a word the lexicon knows as a name or a
        // context word.
        if scan.claimed[i] || t.kind != Kind::Word || t.info.flags & STARTS == 0 {
            i += 1;
            continue;
        }
        i = step(scan, i).unwrap_or(i + 1);
    }
    signature(scan);
}

/// The last line of a message as a signature: initials (`JM`, `KJ (Sohn)`)
/// or an initial and a surname (`- D. Cook`, `M. Washington, RN`).
fn signature(scan: &mut Scan<'_>) {
    let d = &scan.doc;
    let n = d.len();
    if n == 0 {
        return;
    }
    let mut start = n - 1;
    while start > 0 && d.toks[start].gap != Gap::Line {
        start -= 1;
    }
    let mut k = start;
    while k < n && d.toks[k].kind == Kind::Punct && matches!(d.toks[k].ch, '-' | '–' | '—' | '~')
    {
        k += 1;
    }
    if k >= n || scan.claimed[k] || d.toks[k].kind != Kind::Word {
        return;
    }
    let w = d.s(k);
    let letters = w.chars().count();
    // What may follow the name on the line: nothing, a role after a comma,
    // or a remark in brackets.
    let tail_ok = |e: usize| e + 1 >= n || d.is_punct(e + 1, '(') || d.is_punct(e + 1, ',');
    let upper = d.toks[k].case == Case::Upper || (!d.cased && d.toks[k].case == Case::Lower);
    let flags = d.toks[k].info.flags;
    if (2..=3).contains(&letters) && upper && flags & (STOP | SIGNOFF | GREETING) == 0 && tail_ok(k)
    {
        scan.push(k, k, Category::OtherName, "name.initials");
        return;
    }
    // `D. Cook`, `P. Hunt-Pennypacker`.
    if letters == 1
        && d.is_glued_punct(k + 1, '.')
        && d.is_word(k + 2)
        && shaped(scan, k + 2)
        && !scan.claimed[k + 2]
    {
        let end = hyphen_tail(scan, k + 2);
        if tail_ok(end) && d.toks[k + 2].info.flags & NOT_LOWER_NAME == 0 {
            scan.push(k, end, Category::OtherName, "name.signature");
        }
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
            strong |= d.is_word(j)
                && FORMS_OF_ADDRESS
                    .iter()
                    .any(|w| w.eq_ignore_ascii_case(d.s(j)));
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
        if let Some(end) = take_name(scan, j, ctx) {
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
        if d.toks.get(j).is_some_and(|t| t.gap != Gap::Line)
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
            && SIGN_POSSESSIVES
                .iter()
                .any(|p| p.eq_ignore_ascii_case(d.s(j)))
            && d.toks.get(j + 1).is_some_and(|t| t.gap == Gap::Space)
        {
            j += 1;
        }
        if lines <= 1
            && !d.has(j, TITLE)
            && let Some(end) = take_name(scan, j, Ctx::Weak)
        {
            scan.push(j, end, Category::OtherName, "name.context.signoff");
            return Some(end + 1);
        }
        return None;
    }
    if flags & RELATIVE != 0 {
        let possessive = i > 0 && d.has(i - 1, POSSESSIVE);
        let j = if d.is_punct(i + 1, ',') { i + 2 } else { i + 1 };
        let named_next = d.has(j, FIRST) && !d.has(j, AMBIG);
        if (possessive || named_next)
            && d.toks.get(j).is_some_and(|t| t.gap != Gap::Line)
            && let Some(end) = take_name(
                scan,
                j,
                if named_next {
                    Ctx::First
                } else if possessive {
                    Ctx::TitleCased
                } else {
                    Ctx::Weak
                },
            )
        {
            scan.push(j, end, Category::OtherName, "name.context.relative");
            return Some(end + 1);
        }
        return None;
    }
    // A first name that is also a word (`Mark`, `Art`, `Will`), written
    // capitalised inside a sentence: in Dutch and English a name.
    let capital_inside = d.cased
        && scan.lang != Lang::De
        && d.toks[i].case == Case::Title
        && !d.sentence_start(i)
        && !(i > 0 && d.has(i - 1, DETERMINER));
    if flags & FIRST != 0
        && flags & AMBIG != 0
        && flags & (EPONYM | MONTH | WEEKDAY | CITY | TITLE | UNIT) == 0
        && capital_inside
        && !blocked(scan, i)
        && let Some(end) = take_name(scan, i, Ctx::First)
    {
        let start = hyphen_head(scan, i);
        scan.push(start, end, Category::OtherName, "name.lexicon.first");
        return Some(end + 1);
    }
    // Lexicon: a first name, then its surname.
    if flags & FIRST != 0
        && flags & (AMBIG | EPONYM) == 0
        && (shaped(scan, i) || flags & NOT_LOWER_NAME == 0)
        && !blocked(scan, i)
        && let Some(end) = take_name(scan, i, Ctx::First)
    {
        let start = hyphen_head(scan, i);
        scan.push(start, end, Category::OtherName, "name.lexicon.first");
        return Some(end + 1);
    }
    // Lexicon: a surname, with its particles.
    if flags & PARTICLE != 0
        && PARTICLE_STARTS
            .iter()
            .any(|p| p.eq_ignore_ascii_case(d.s(i)))
        && !(d.cased && d.toks[i].case != Case::Lower && d.sentence_start(i))
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
                scan.push(i, end, Category::OtherName, "name.lexicon.surname");
                return Some(end + 1);
            }
        }
    }
    if flags & SURNAME != 0
        && flags & (EPONYM | STOP) == 0
        && (shaped(scan, i) || flags & (NOT_LOWER_NAME | AMBIG) == 0)
        && !blocked(scan, i)
    {
        let ambiguous = flags & AMBIG != 0;
        let mid_sentence_capital = d.cased
            && scan.lang != Lang::De
            && d.toks[i].case == Case::Title
            && !d.sentence_start(i)
            && !(i > 0 && d.has(i - 1, DETERMINER));
        if !ambiguous || mid_sentence_capital {
            let end = hyphen_tail(scan, i);
            scan.push(i, end, Category::OtherName, "name.lexicon.surname");
            return Some(end + 1);
        }
    }
    None
}

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
/// marker before it (`Morbus`), a street or unit after it.
fn blocked(scan: &Scan<'_>, i: usize) -> bool {
    let d = &scan.doc;
    (i > 0 && d.has(i - 1, EPONYM_PRE | DETERMINER))
        || d.has(i + 1, STREET | UNIT)
        || (d.is_glued_punct(i + 1, '-')
            && d.is_word(i + 2)
            && d.s(i + 2).to_lowercase().starts_with("syndrom"))
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
    let known = f & NAME != 0;
    // A weekday after a first name is a surname (`Ayşe Freitag`).
    let surname_weekday = !first
        && d.cased
        && shaped(scan, k)
        && f & (NAME_STOP | TITLE | GREETING | SIGNOFF | UNIT | AGE_UNIT | STOP) == 0;
    if f & (NAME_STOP | TITLE | GREETING | SIGNOFF | WEEKDAY | UNIT | AGE_UNIT) != 0
        && !(known && shaped(scan, k) && d.cased)
        && !surname_weekday
    {
        return false;
    }
    if f & STOP != 0 && !(known && d.cased && shaped(scan, k)) {
        return false;
    }
    let after_title = matches!(ctx, Ctx::Title | Ctx::TitleCased);
    if f & MONTH != 0 && !known && !(after_title && shaped(scan, k) && !d.is_num(k + 1)) {
        return false;
    }
    if f & EPONYM != 0 && !matches!(ctx, Ctx::Title | Ctx::TitleCased) {
        return false;
    }
    if d.s(k).chars().count() < 2 {
        return false;
    }
    if d.cased {
        if !shaped(scan, k) {
            // `Dr black`, `Frau hartmann`, `mit johanna`: lower-case names
            // after a title, and lexicon names that are no ordinary word.
            let after_title = ctx == Ctx::Title && (first || known);
            let lexicon_name = known && f & AMBIG == 0;
            return (after_title || lexicon_name) && f & NOT_LOWER_NAME == 0;
        }
        if ctx == Ctx::Weak && first && scan.lang == Lang::De && !known {
            // A German capital may be a noun: only a name if it ends the phrase.
            return ends_phrase(scan, k) || name_like_next(scan, k);
        }
        if ctx == Ctx::Weak && first && !known && f & CITY != 0 {
            return false;
        }
        return true;
    }
    // No case to go by: lexicon names, or words right after a title, or a
    // word that ends a greeting.
    match ctx {
        Ctx::Title | Ctx::TitleCased => first || known,
        // After a lexicon first name, a surname the lexicon lacks when it
        // ends the phrase (`kaffee mit wojciech morgenstern, sonne`).
        Ctx::First => {
            known && (f & AMBIG == 0 || !first) || !first && f & STOP == 0 && before_comma(scan, k)
        }
        Ctx::Weak => known || (first && ends_phrase(scan, k)),
    }
}

/// Whether the next word is a lexicon name (`Liebe Xyla Koch`).
fn name_like_next(scan: &Scan<'_>, k: usize) -> bool {
    let d = &scan.doc;
    d.toks.get(k + 1).is_some_and(|t| t.gap == Gap::Space)
        && d.has(k + 1, NAME)
        && !d.has(k + 1, STOP)
        && shaped(scan, k + 1)
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
                    && matches!(t.ch, ',' | '!' | '.' | ';' | ':' | ')' | '?'))
        }
    }
}

/// The last token of the name starting at `j`, if one starts there.
fn take_name(scan: &Scan<'_>, j: usize, ctx: Ctx) -> Option<usize> {
    let d = &scan.doc;
    let mut k = j;
    let mut end = None;
    let mut parts = 0;
    while k < d.len() && parts < 4 {
        if k > j && d.toks[k].gap == Gap::Line {
            break;
        }
        let t = d.toks[k];
        // `van 't Hof`, `in 't Veld`: the particle `'t` inside a name.
        if t.kind == Kind::Punct
            && matches!(t.ch, '\'' | '’')
            && parts > 0
            && d.is_word(k + 1)
            && d.toks[k + 1].gap == Gap::None
            && d.s(k + 1).eq_ignore_ascii_case("t")
            && d.toks.get(k + 2).is_some_and(|n| n.gap == Gap::Space)
            && name_like(scan, k + 2, Ctx::Title, false)
        {
            k += 2;
            continue;
        }
        if t.kind != Kind::Word || scan.claimed[k] {
            break;
        }
        // An initial: `J.` / `J.-P.`
        if d.s(k).chars().count() == 1
            && d.s(k).chars().all(char::is_alphabetic)
            && (t.case != Case::Lower || !d.cased)
            && d.is_glued_punct(k + 1, '.')
        {
            // `H.-P.`: initials of a hyphenated first name.
            let mut e = k + 1;
            while d.is_glued_punct(e + 1, '-')
                && d.is_word(e + 2)
                && d.s(e + 2).chars().count() == 1
                && d.is_glued_punct(e + 3, '.')
            {
                e += 3;
            }
            let next_is_name = d.is_word(e + 1) && d.toks[e + 1].gap != Gap::Line;
            if !next_is_name && parts == 0 {
                break;
            }
            end = Some(e);
            k = e + 1;
            parts += 1;
            continue;
        }
        // Particles inside a name: `van der Berg`, `von Stein`.
        if d.has(k, PARTICLE) && !(parts == 0 && ctx == Ctx::First) {
            let mut p = k;
            while d.has(p, PARTICLE)
                && p - k < 3
                && d.toks.get(p + 1).is_some_and(|t| t.gap == Gap::Space)
            {
                p += 1;
            }
            if p > k
                && name_like(scan, p, Ctx::Title, matches!(ctx, Ctx::Title))
                && (d.cased && shaped(scan, p)
                    || d.has(p, NAME | PSURNAME)
                    || matches!(ctx, Ctx::Title | Ctx::TitleCased))
            {
                k = p;
                continue;
            }
            break;
        }
        let first = parts == 0;
        let ok = if first && ctx == Ctx::First {
            true
        } else {
            name_like(scan, k, if first { ctx } else { follow_ctx(ctx) }, first)
        };
        if !ok {
            break;
        }
        let mut e = k;
        // Hyphenated and apostrophe parts: `Schulze-Lindner`, `O'Brien`.
        while (d.is_glued_punct(e + 1, '-')
            || d.is_glued_punct(e + 1, '\'')
            || d.is_glued_punct(e + 1, '’'))
            && d.is_word(e + 2)
            && d.toks[e + 2].gap == Gap::None
            && !scan.claimed[e + 2]
            && !d.s(e + 2).to_lowercase().starts_with("syndrom")
        {
            e += 2;
        }
        // A possessive `s` after an apostrophe ends the name (`Anna's`).
        end = Some(e);
        parts += 1;
        k = e + 1;
        // One name part after a weak context unless the next is a lexicon name.
        let more = matches!(ctx, Ctx::Title | Ctx::TitleCased)
            || d.cased
            || d.has(k, NAME | PARTICLE | PSURNAME)
            || d.is_word(k) && !d.has(k, STOP) && before_comma(scan, k);
        if !more {
            break;
        }
    }
    end
}

/// The context for the parts after the first.
fn follow_ctx(ctx: Ctx) -> Ctx {
    match ctx {
        Ctx::Title => Ctx::Title,
        Ctx::TitleCased => Ctx::TitleCased,
        Ctx::Weak | Ctx::First => Ctx::First,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::patterns::testing::texts;

    fn names(text: &str, lang: Lang) -> Vec<String> {
        texts(text, lang, find)
    }

    #[test]
    fn titles() {
        assert_eq!(names("Liebe Frau Koch, danke.", Lang::De), ["Koch"]);
        assert_eq!(
            names("Frau Dr. med. Xylander ruft an", Lang::De),
            ["Xylander"]
        );
        assert_eq!(names("Beste mevrouw de Vries,", Lang::Nl), ["de Vries"]);
        assert_eq!(names("Dear Mr. Brown,", Lang::En), ["Brown"]);
        assert_eq!(
            names("Geachte heer Van der Berg", Lang::Nl),
            ["Van der Berg"]
        );
        assert_eq!(names("dhr. J. Bakker belde", Lang::Nl), ["J. Bakker"]);
    }

    #[test]
    fn greetings_signoffs_relatives() {
        assert_eq!(names("Hallo Anna,\nwie geht's?", Lang::De), ["Anna"]);
        assert_eq!(
            names("Mit freundlichen Grüßen\nPetra Koch", Lang::De),
            ["Petra Koch"]
        );
        assert_eq!(
            names("Met vriendelijke groet,\nJan Visser", Lang::Nl),
            ["Jan Visser"]
        );
        assert_eq!(names("Kind regards,\nJohn Hope", Lang::En), ["John Hope"]);
        assert_eq!(names("meine Tochter Lisa kommt mit", Lang::De), ["Lisa"]);
        assert_eq!(names("mijn zoon Daan belt", Lang::Nl), ["Daan"]);
        assert_eq!(names("my wife Sarah will call", Lang::En), ["Sarah"]);
        assert_eq!(
            names("Viele Grüße aus Berlin", Lang::De),
            Vec::<String>::new()
        );
        assert_eq!(
            names("Hallo zusammen, liebe Grüße", Lang::De),
            Vec::<String>::new()
        );
    }

    #[test]
    fn word_surnames_only_in_context() {
        assert_eq!(
            names("Der Koch hat Wolf und Bauer gesehen.", Lang::De),
            Vec::<String>::new()
        );
        assert_eq!(names("Anna Koch hat angerufen.", Lang::De), ["Anna Koch"]);
        assert_eq!(
            names("de bakker en de visser", Lang::Nl),
            Vec::<String>::new()
        );
        assert_eq!(
            names("Gisteren belde Bakker over de uitslag.", Lang::Nl),
            ["Bakker"]
        );
        assert_eq!(
            names("I hope you may feel better. Brown rice is fine.", Lang::En),
            Vec::<String>::new()
        );
        assert_eq!(names("Müller hat angerufen", Lang::De), ["Müller"]);
    }

    #[test]
    fn eponyms_and_nouns_stay() {
        assert_eq!(
            names("Morbus Crohn, Alzheimer und Hashimoto", Lang::De),
            Vec::<String>::new()
        );
        assert_eq!(
            names("ziekte van Parkinson", Lang::Nl),
            Vec::<String>::new()
        );
        assert_eq!(
            names(
                "Die Schmerzen im Bauch sind besser, Termin am Montag.",
                Lang::De
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn lower_case_and_shouting() {
        assert_eq!(
            names("hallo frau koch, ich komme morgen nicht", Lang::De),
            ["koch"]
        );
        assert_eq!(
            names("groetjes, anna de vries", Lang::Nl),
            ["anna de vries"]
        );
        assert_eq!(
            names("LIEBE FRAU KOCH, BITTE RUFEN SIE AN. GRUSS PETRA", Lang::De),
            ["KOCH", "PETRA"]
        );
    }
}
