//! A first name in company: `Kaffee mit Paul, Sonne`, `mit Frank und
//! Gesine`, `KAFFEE MIT OLE, SONNE`.
//!
//! First names that are also words or surnames (`Paul`, `Frank`, `Ole`,
//! `Jan`) need context, and German capitals make every noun look like a
//! name. After a word that names company (`mit`, `und`, `von`; Dutch `met`,
//! `en`, `van`; English `with`, `and`) and before a comma, a full stop, `und`
//! or the end of the line, such a first name is the person: a noun there
//! would mostly have an article or an adjective before it. In Dutch and
//! English the capital inside a sentence marks these names already, so there
//! the rule only serves messages without capitals.

use super::Scan;
use crate::cand::Cands;
use crate::lexicon::{
    CITY, EPONYM, GREETING, MONTH, MONTH_AMBIG, PARTICLE, SIGNOFF, STOP, SURNAME, TITLE, UNIT,
    WEEKDAY, WITH,
};
use crate::token::{Case, Gap, Kind};
use crate::{Category, Lang};

/// Words after which a name keeps someone company, per language.
fn company_words(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::De => &["mit", "und", "von"],
        Lang::Nl => &["met", "en", "van"],
        Lang::En => &["with", "and"],
    }
}

/// Flags of first names that are something else first.
const NOT_HERE: u64 = STOP | CITY | TITLE | UNIT | WEEKDAY | GREETING | SIGNOFF | EPONYM;

/// Finds first names that are also words after a word of company.
pub(super) fn names_in_company(scan: &mut Scan<'_>) {
    let d = &scan.doc;
    // The words of company are `mit`, `met`, `with`, `und`, `en`, `and`
    // (flagged WITH) and `von`, `van` (particles).
    if scan.lang != Lang::De && d.cased
        || d.flags & crate::lexicon::FIRST == 0
        || d.flags & (WITH | PARTICLE) == 0
    {
        return;
    }
    let words = company_words(scan.lang);
    let mut found = Vec::new();
    // Only lexicon first names can be one (read off the bits the
    // tokenizer noted; the rest is tested below).
    let firsts = Cands::flagged(d, crate::lexicon::FIRST);
    for k in firsts.iter() {
        if k == 0 {
            continue;
        }
        let t = d.toks[k];
        let f = t.info.flags;
        if t.kind != Kind::Word
            || f & crate::lexicon::FIRST == 0
            || f & NOT_HERE != 0
            || f & MONTH != 0 && f & MONTH_AMBIG == 0
            || scan.claimed[k]
            || t.gap != Gap::Space
            || d.glued_after(k)
            || d.cased && t.case != Case::Title
            || t.end - t.start < 2
        {
            continue;
        }
        let before = d.toks[k - 1];
        if before.kind != Kind::Word
            || scan.claimed[k - 1]
            || !words.iter().any(|w| w.eq_ignore_ascii_case(d.s(k - 1)))
        {
            continue;
        }
        // A capitalised surname from the lexicon may follow.
        let mut end = k;
        if d.toks.get(k + 1).is_some_and(|t| t.gap == Gap::Space)
            && d.has(k + 1, SURNAME)
            && !d.has(k + 1, NOT_HERE)
            && !scan.claimed[k + 1]
            && (!d.cased || d.toks[k + 1].case == Case::Title)
        {
            end = k + 1;
        }
        let ends = match d.toks.get(end + 1) {
            None => true,
            Some(t) if t.gap == Gap::Line => true,
            Some(t) if t.kind == Kind::Punct => {
                matches!(t.ch, ',' | '.' | '!' | ';' | ')') && !d.glued_after(end + 1)
            }
            // `mit Frank und Gesine`.
            Some(_) => ["und", "en", "and"]
                .iter()
                .any(|w| w.eq_ignore_ascii_case(d.s(end + 1))),
        };
        if ends {
            found.push((k, end));
        }
    }
    for (a, b) in found {
        if scan.free(a, b) {
            scan.push(a, b, Category::OtherName, "name.context.company");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Lang, Scrubber};

    #[test]
    fn the_words_of_company_carry_a_flag_the_rule_looks_for() {
        for lang in [Lang::De, Lang::Nl, Lang::En] {
            for w in super::company_words(lang) {
                let flags = crate::lexicon::lookup(w).flags;
                assert!(flags & (super::WITH | super::PARTICLE) != 0, "{w}");
            }
        }
    }

    fn scrub(text: &str, lang: Lang) -> String {
        Scrubber::default().scrub(text, lang).text
    }

    #[test]
    fn first_names_that_are_words_after_mit_und_von() {
        assert_eq!(
            scrub("Gestern: Kaffee mit Paul, Sonne, ein gutes Buch.", Lang::De),
            "Gestern: Kaffee mit [NAME], Sonne, ein gutes Buch."
        );
        assert_eq!(
            scrub("GESTERN: KAFFEE MIT OLE, SONNE, EIN GUTES BUCH.", Lang::De),
            "GESTERN: KAFFEE MIT [NAME], SONNE, EIN GUTES BUCH."
        );
        assert_eq!(
            scrub("Wir waren mit Frank und Gesine im Park.", Lang::De),
            "Wir waren mit [NAME] und [NAME] im Park."
        );
        assert_eq!(
            scrub("gisteren koffie met jan, zon en een goed boek", Lang::Nl),
            "gisteren koffie met [NAME], zon en een goed boek"
        );
    }

    #[test]
    fn words_after_mit_stay() {
        for (text, lang) in [
            (
                "Ich nehme die Tabletten mit Wasser, nicht mit Saft.",
                Lang::De,
            ),
            ("Termin im Mai, mit Mai.", Lang::De),
            ("Ich habe den Tee mit Zucker getrunken.", Lang::De),
            ("i can do it and will, if needed", Lang::En),
            ("Coffee with Will's sister, then home.", Lang::En),
        ] {
            let out = scrub(text, lang);
            assert!(!out.contains("[NAME]"), "{text} -> {out}");
        }
    }
}
