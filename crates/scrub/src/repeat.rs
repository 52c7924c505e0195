//! A name, town or institution found once in a message, found wherever it
//! stands again in that message: `Ik woon in De Bilt, ... 3731 AA De Bilt`
//! (the postcode marks the second, nothing the first), `Liebe Frau
//! Wiśniewski, ich soll Wiśniewski grüßen` (the title marks the first).
//!
//! Only the same letters in the same case, as a whole word, count. A
//! finding of one word repeats only when that word can be nothing but a
//! name or town: not a surname that is also a word (`Frau Koch`, `Frau
//! Dr. Freitag`, `Herrn Liebe`), and in German, whose nouns are
//! capitalised, only a word the lexicon knows as a name or town. A
//! repeat is left out where its tag would change what the words beside it
//! read as (see [`quiet_around`]), so a second scrub finds nothing more.

use std::collections::BTreeMap;

use crate::finding::{Finding, resolve_overlaps};
use crate::lexicon::{
    AGE_UNIT, AMBIG, CITY, CITY_AMBIG, DETERMINER, EPONYM, GREETING, INTRO, MONTH, NAME, NAME_STOP,
    PARTICLE, POSSESSIVE, RELATIVE, SIGNOFF, STOP, TITLE, UNIT, WEEKDAY,
};
use crate::token::{Case, Doc, Gap, Kind};
use crate::{Category, Lang};

/// The rule of a finding repeated from another.
const RULE: &str = "repeat";

/// Flags of words that are something besides a name.
const ORDINARY: u64 = STOP
    | WEEKDAY
    | GREETING
    | SIGNOFF
    | MONTH
    | AMBIG
    | CITY_AMBIG
    | UNIT
    | AGE_UNIT
    | NAME_STOP
    | TITLE
    | RELATIVE
    | EPONYM
    | PARTICLE
    | DETERMINER;

/// Adds to `found` (sorted, without overlaps; the findings in `doc`, the
/// tokens of `text` in `lang`) every other whole-word occurrence of the
/// text of a name, town or institution finding that repeats (see the
/// module's notes), that no finding covers yet and whose neighbours a tag
/// leaves as they are (see [`quiet_around`]).
#[inline]
pub(crate) fn repeat_findings(text: &str, doc: &Doc<'_>, lang: Lang, found: &mut Vec<Finding>) {
    // Most messages have no finding that may repeat.
    if found.iter().any(|f| by_rule(f) || by_surname(f)) {
        repeat_in(text, doc, lang, found);
    }
}

/// [`repeat_findings`] of a message with a finding that may repeat by its
/// rule.
// (Kept out of `Scrubber::find_cased`: inlined there, it slowed the whole
// scan by some 2% on the bench.)
#[inline(never)]
fn repeat_in(text: &str, doc: &Doc<'_>, lang: Lang, found: &mut Vec<Finding>) {
    let n = found.len();
    // The findings that may repeat by their rule, at most
    // [`MAX_REPEATED`] of them; `more` if there are more.
    // Each is (start, end, category, whether it is the surname of a full
    // name, which stands for it alone: `Unsere Nachbarin Doreen Kranich
    // ... Ich habe Kranich gebeten`).
    let mut repeated = [(0usize, 0usize, Category::OtherName, false); MAX_REPEATED];
    let mut m = 0;
    let mut more = false;
    for f in found.iter() {
        if !by_rule(f) {
            continue;
        }
        if m == MAX_REPEATED {
            more = true;
            break;
        }
        repeated[m] = (f.start, f.end, f.category, false);
        m += 1;
        if let Some(last) = surname_of(doc, f)
            && m < MAX_REPEATED
        {
            repeated[m] = (last, f.end, f.category, true);
            m += 1;
        }
    }
    // Then, in the room left, the surnames of names the lexicon found.
    if !more {
        for f in found.iter().filter(|f| by_surname(f) && !by_rule(f)) {
            if m == MAX_REPEATED {
                break;
            }
            if let Some(last) = surname_of(doc, f) {
                repeated[m] = (last, f.end, f.category, true);
                m += 1;
            }
        }
    }
    if m == 0 {
        return;
    }
    // With more of them, the first [`MAX_REPEATED`] that repeat by their
    // tokens too (rare). Otherwise their tokens are read below, only for
    // those whose first word's key stands elsewhere too.
    if more {
        m = 0;
        for f in found.iter() {
            if m == MAX_REPEATED {
                break;
            }
            if by_rule(f) && by_tokens(doc, lang, f.start, f.end) {
                repeated[m] = (f.start, f.end, f.category, false);
                m += 1;
            }
        }
    }
    // Every other place of the same text as a whole word: the words of
    // the text with the key of the finding's first word (its lower-cased
    // letters, 0 for words that are not ASCII) are compared.
    let bytes = text.as_bytes();
    let words = &doc.words;
    // The repeats added so far, by start (they do not overlap): a long
    // message may hold many.
    let mut added: BTreeMap<usize, usize> = BTreeMap::new();
    // With several findings, the keys seen twice, one bit per key: a
    // finding whose key stands once is passed over without reading the
    // words again.
    let mut twice = u64::MAX;
    if m > 1 {
        let mut once = 0u64;
        twice = 0;
        for w in words {
            let bit = 1u64 << (w.key & 63);
            twice |= once & bit;
            once |= bit;
        }
    }
    for &(start, end, category, surname) in &repeated[..m] {
        let w = words.partition_point(|w| (w.start as usize) < start);
        let Some(first) = words
            .get(w)
            .filter(|w| w.start as usize == start && twice & (1u64 << (w.key & 63)) != 0)
        else {
            continue;
        };
        let word = &bytes[start..end];
        // Most findings stand once: their tokens are read only when a word
        // of the same key stands elsewhere.
        let mut tokens_read = more;
        for other in words {
            let at = other.start as usize;
            if other.key != first.key || at == start {
                continue;
            }
            if !tokens_read {
                let repeats = if surname {
                    surname_repeats(doc, start, end)
                } else {
                    by_tokens(doc, lang, start, end)
                };
                if !repeats {
                    break;
                }
                tokens_read = true;
            }
            let to = at + word.len();
            if !bytes[at..].starts_with(word)
                || text[to..].chars().next().is_some_and(char::is_alphanumeric)
                || overlaps(&found[..n], &added, at, to)
                || !quiet_around(doc, at, to)
            {
                continue;
            }
            added.insert(at, to);
            found.push(Finding {
                start: at,
                end: to,
                category,
                rule: RULE,
            });
        }
    }
    if found.len() > n {
        resolve_overlaps(found);
    }
}

/// Whether `at..to` overlaps one of `found` (sorted, without overlaps)
/// or of `added` (spans by start, without overlaps).
fn overlaps(found: &[Finding], added: &BTreeMap<usize, usize>, at: usize, to: usize) -> bool {
    let k = found.partition_point(|g| g.end <= at);
    k < found.len() && found[k].start < to
        || added
            .range(..to)
            .next_back()
            .is_some_and(|(_, &end)| end > at)
}

/// Whether finding `f` may repeat by its category, length and rule: a
/// name, town or institution of three bytes or more that context found.
#[inline]
fn by_rule(f: &Finding) -> bool {
    matches!(
        f.category,
        Category::PatientName
            | Category::ClinicianName
            | Category::OtherName
            | Category::City
            | Category::Institution
    ) && f.end - f.start >= 3
        // The roster and the lexicon find their names wherever they
        // stand: only what context found needs repeating.
        && !f.rule.starts_with("roster")
        && !f.rule.starts_with("name.lexicon")
        // Words of another script are found by their letters wherever
        // they stand in a run short enough.
        && f.rule != "name.script"
        && f.rule != "city.lexicon"
}

/// Whether name finding `f` was found by the lexicon (which finds it
/// again wherever it stands) but may end in a surname the lexicon does not
/// know alone (`attorney Bartholomew Finch of Finch & Associates`): only
/// that surname repeats (see [`surname_of`]).
#[inline]
fn by_surname(f: &Finding) -> bool {
    f.category.is_name() && f.rule.starts_with("name.lexicon") && f.end - f.start >= 3
}

/// Whether the finding `start..end` is whole tokens that name only what
/// it found (see [`repeats`]).
fn by_tokens(doc: &Doc<'_>, lang: Lang, start: usize, end: usize) -> bool {
    let toks = &doc.toks;
    let a = toks.partition_point(|t| t.end <= start);
    let b = toks.partition_point(|t| t.start < end);
    a < b && toks[a].start == start && toks[b - 1].end == end && repeats(doc, lang, a, b)
}

/// The start of the last word of name finding `f` if it has words before
/// it: the surname that may stand for the whole name.
fn surname_of(doc: &Doc<'_>, f: &Finding) -> Option<usize> {
    if !f.category.is_name() {
        return None;
    }
    let words = &doc.words;
    let w = words.partition_point(|w| (w.end as usize) < f.end);
    let last = words.get(w)?;
    (last.end as usize == f.end && last.start as usize > f.start).then_some(last.start as usize)
}

/// Whether the word `start..end`, the last of a name that context found,
/// stands for the name alone: capitalised, or in lower case as the writer
/// typed the name (`emma hazelhoff`), three letters or more and no
/// ordinary word. Unlike a finding of one word, in German too: context
/// made it part of a name.
fn surname_repeats(doc: &Doc<'_>, start: usize, end: usize) -> bool {
    let toks = &doc.toks;
    let a = toks.partition_point(|t| t.end <= start);
    toks.get(a).is_some_and(|t| {
        t.start == start
            && t.end == end
            && t.kind == Kind::Word
            && matches!(t.case, Case::Title | Case::Lower)
            && end - start >= 3
            && t.info.flags & ORDINARY == 0
    })
}

/// Findings of a message that are repeated at most: more are rare, and
/// the rest of them stay where they were found.
const MAX_REPEATED: usize = 8;

/// Whether the words around `start..end` stay what they are once it is a
/// tag: punctuation, a line break, or a lower-case word that no rule reads
/// beside a name (not a name, title, particle, relative, greeting or
/// sign-off, no number). A second scrub reads a tag as the name it stood
/// for (`Hr [NAME] willem`), so a repeat beside such a word would make the
/// scrub find more the second time; there the repeat is left out.
fn quiet_around(doc: &Doc<'_>, start: usize, end: usize) -> bool {
    let toks = &doc.toks;
    let a = toks.partition_point(|t| t.end <= start);
    let b = toks.partition_point(|t| t.start < end);
    let quiet = |k: usize| {
        let t = &toks[k];
        match t.kind {
            Kind::Punct => !matches!(t.ch, '\'' | '’' | '-' | '–' | '[' | ']'),
            Kind::Num => false,
            Kind::Word => {
                t.case == Case::Lower
                    && t.info.flags
                        & (NAME
                            | TITLE
                            | PARTICLE
                            | RELATIVE
                            | GREETING
                            | SIGNOFF
                            | INTRO
                            | POSSESSIVE)
                        == 0
            }
        }
    };
    // A word or number glued on is part of the same token run.
    let apart = |k: usize, gap: Gap| gap != Gap::None || toks[k].kind == Kind::Punct;
    let before = a == 0 || toks[a].gap == Gap::Line || apart(a - 1, toks[a].gap) && quiet(a - 1);
    // `Okafor's`: a possessive after it, then a quiet word.
    let possessive = toks.get(b + 1).is_some_and(|t| {
        t.kind == Kind::Word && t.gap == Gap::None && &doc.text[t.start..t.end] == "s"
    }) && matches!(toks[b].ch, '\'' | '’')
        && toks[b].gap == Gap::None;
    let after = b >= toks.len()
        || toks[b].gap == Gap::Line
        || apart(b, toks[b].gap) && quiet(b)
        || possessive
            && (b + 2 >= toks.len()
                || toks[b + 2].gap == Gap::Line
                || apart(b + 2, toks[b + 2].gap) && quiet(b + 2));
    before && after
}

/// Whether the finding of tokens `a..b` names only what it found: several
/// words, or one word that is no ordinary word (see the module's notes).
fn repeats(doc: &Doc<'_>, lang: Lang, a: usize, b: usize) -> bool {
    let words = (a..b).filter(|&i| doc.toks[i].kind == Kind::Word).count();
    if words != 1 || b - a != 1 {
        return words > 1;
    }
    let flags = doc.toks[a].info.flags;
    flags & ORDINARY == 0 && (lang != Lang::De || flags & (NAME | CITY) != 0)
}

#[cfg(test)]
mod tests {
    use crate::{Lang, Scrubber};

    fn scrub(text: &str, lang: Lang) -> String {
        Scrubber::default().scrub(text, lang).text
    }

    #[test]
    fn a_finding_stands_for_its_other_occurrences() {
        assert_eq!(
            scrub(
                "Ik woon in De Bilt, Kerkstraat 12, 3731 AA De Bilt.",
                Lang::Nl
            ),
            "Ik woon in [CITY], [ADDRESS], [POSTCODE] [CITY]."
        );
        assert_eq!(
            scrub(
                "Liebe Frau Wiśniewski, ich soll Wiśniewski grüßen.",
                Lang::De
            ),
            "Liebe Frau [NAME], ich soll [NAME] grüßen."
        );
        // Only whole words in the same case.
        assert_eq!(
            scrub("Dear Mr. Wzrtyk, the Wzrtyk's and wzrtyk.", Lang::En),
            "Dear Mr. [NAME], the [NAME]'s and wzrtyk."
        );
        // The surname of a full name stands for it alone.
        assert_eq!(
            scrub(
                "Unsere Nachbarin Doreen Kranich kauft ein. Ich habe Kranich gebeten, die Post zu holen.",
                Lang::De
            ),
            "Unsere Nachbarin [NAME] kauft ein. Ich habe [NAME] gebeten, die Post zu holen."
        );
        // Not a name that is also a word.
        assert_eq!(
            scrub(
                "Liebe Frau Koch, der Koch kocht am Freitag. Frau Dr. Freitag",
                Lang::De
            ),
            "Liebe Frau [NAME], der Koch kocht am Freitag. Frau Dr. [CLINICIAN]"
        );
    }
}
