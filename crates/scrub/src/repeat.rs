//! A name, town or institution found once in a message, found wherever it
//! stands again in that message: `Ik woon in De Bilt, ... 3731 AA De Bilt`
//! (the postcode marks the second, nothing the first), `Liebe Frau
//! Wiśniewski, ich soll Wiśniewski grüßen` (the title marks the first).
//!
//! Only the same letters in the same case, as a whole word, count. A
//! finding of one word repeats only when that word can be nothing but a
//! name or town: not a surname that is also a word (`Frau Koch`, `Frau
//! Dr. Freitag`, `Herrn Liebe`), and in German, whose nouns are
//! capitalised, only a word the lexicon knows as a name or town.

use crate::finding::{Finding, resolve_overlaps};
use crate::lexicon::{
    AGE_UNIT, AMBIG, CITY, CITY_AMBIG, DETERMINER, EPONYM, GREETING, MONTH, NAME, NAME_STOP,
    PARTICLE, RELATIVE, SIGNOFF, STOP, TITLE, UNIT, WEEKDAY,
};
use crate::token::{Doc, Kind};
use crate::{Category, Lang};

/// The rule of a finding repeated from another.
pub(crate) const RULE: &str = "repeat";

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
/// module's notes) and that no finding covers yet. Returns whether it added
/// any.
pub(crate) fn repeat_findings(
    text: &str,
    doc: &Doc<'_>,
    lang: Lang,
    found: &mut Vec<Finding>,
) -> bool {
    let n = found.len();
    let toks = &doc.toks;
    for f in 0..n {
        let f = found[f];
        if !matches!(
            f.category,
            Category::PatientName
                | Category::ClinicianName
                | Category::OtherName
                | Category::City
                | Category::Institution
        ) || f.end - f.start < 3
            // The roster and the lexicon find their names wherever they
            // stand: only what context found needs repeating.
            || f.rule.starts_with("roster")
            || f.rule.starts_with("name.lexicon")
            || f.rule == "city.lexicon"
        {
            continue;
        }
        // The tokens of the finding, which must be whole tokens.
        let a = toks.partition_point(|t| t.end <= f.start);
        let b = toks.partition_point(|t| t.start < f.end);
        if a >= b
            || toks[a].start != f.start
            || toks[b - 1].end != f.end
            || !repeats(doc, lang, a, b)
        {
            continue;
        }
        // Every other place of the same text as a whole word: its first
        // byte is searched for (mostly a capital, which is rare).
        let word = &text[f.start..f.end];
        for at in memchr::memchr_iter(word.as_bytes()[0], text.as_bytes()) {
            let end = at + word.len();
            if at == f.start
                || !text.as_bytes()[at..].starts_with(word.as_bytes())
                || text[..at]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                || text[end..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
                || found.iter().any(|g| g.start < end && at < g.end)
            {
                continue;
            }
            found.push(Finding {
                start: at,
                end,
                category: f.category,
                rule: RULE,
            });
        }
    }
    if found.len() == n {
        return false;
    }
    resolve_overlaps(found);
    true
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
