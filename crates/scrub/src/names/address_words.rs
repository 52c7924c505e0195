//! A surname that is a greeting or a weekday, after a form of address, in
//! a message without capitals: `frau liebe vom empfang`, `HERR SONNTAG HAT
//! ANGERUFEN`.
//!
//! With capitals, `Frau Liebe` and `Herr Sonntag` are names by their case
//! (see `name_like`). Without them, `liebe` and `sonntag` are words first;
//! right after `frau`, `herr`, `mevrouw` or `mr` and before a function word,
//! punctuation or the end of the line they are the name: the word itself
//! would not stand there.

use super::{FORMS_OF_ADDRESS, Scan};
use crate::Category;
use crate::lexicon::{CLIN_TITLE, GREETING, POSSESSIVE, STOP, WEEKDAY};
use crate::token::{Gap, Kind};

/// Finds greeting and weekday words used as surnames after a form of
/// address, in messages without capitals.
pub(super) fn surname_words(scan: &mut Scan<'_>) {
    let d = &scan.doc;
    if d.cased || d.flags & (GREETING | WEEKDAY) == 0 {
        return;
    }
    let n = d.len();
    let mut found = Vec::new();
    for i in 0..n {
        if !d.is_word(i)
            || scan.claimed[i]
            || !FORMS_OF_ADDRESS.has(d.s(i))
            // `meine frau sonntags`: a wife, not a form of address.
            || i > 0 && d.has(i - 1, POSSESSIVE)
        {
            continue;
        }
        let mut k = i + 1;
        if d.is_glued_punct(k, '.') {
            k += 1;
        }
        let Some(t) = d.toks.get(k) else { continue };
        if t.kind != Kind::Word
            || t.gap != Gap::Space
            || scan.claimed[k]
            || t.info.flags & (GREETING | WEEKDAY) == 0
            || d.glued_after(k)
            || d.s(k).chars().count() < 3
        {
            continue;
        }
        let ends = match d.toks.get(k + 1) {
            None => true,
            Some(t) if t.gap == Gap::Line => true,
            Some(t) if t.kind == Kind::Punct => matches!(t.ch, ',' | '.' | '!' | '?' | ';' | ')'),
            Some(t) => t.kind == Kind::Word && t.info.flags & STOP != 0,
        };
        if ends {
            let clinician = d.has(i, CLIN_TITLE);
            found.push((k, clinician));
        }
    }
    for (k, clinician) in found {
        let category = if clinician {
            Category::ClinicianName
        } else {
            Category::OtherName
        };
        if scan.free(k, k) {
            scan.push(k, k, category, "name.context.title");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Lang, Scrubber};

    fn scrub(text: &str, lang: Lang) -> String {
        Scrubber::default().scrub(text, lang).text
    }

    #[test]
    fn greeting_and_weekday_surnames_without_capitals() {
        assert_eq!(
            scrub(
                "herzlichen dank an frau liebe vom empfang, bis bald",
                Lang::De
            ),
            "herzlichen dank an frau [NAME] vom empfang, bis bald"
        );
        assert_eq!(
            scrub("DANKE AN HERRN SONNTAG, ER WAR NETT", Lang::De),
            "DANKE AN HERRN [NAME], ER WAR NETT"
        );
        assert_eq!(
            scrub("hallo frau dr. freitag, bis freitag", Lang::De),
            "hallo frau dr. [CLINICIAN], bis freitag"
        );
        assert_eq!(
            scrub("groeten aan mevrouw zondag.", Lang::Nl),
            "groeten aan mevrouw [NAME]."
        );
    }

    #[test]
    fn the_words_stay_where_they_are_words() {
        for text in [
            "meine frau sonntag hat frei",
            "danke frau, liebe grüße",
            "hallo herr doktor, ab montag bin ich da",
            "bis freitag, herr doktor",
        ] {
            assert!(!scrub(text, Lang::De).contains("[NAME]"), "{text}");
        }
    }
}
