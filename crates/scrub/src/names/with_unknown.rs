//! A given name no list knows after `mit` at the end of a German line,
//! where `mit` keeps someone company: `Kaffee mit Hinnerk`, `telefoniert
//! mit Tjark`. After `mit` a noun mostly has an article or an adjective
//! (`mit dem Auto`), but mass nouns, plurals and drugs stand there alone
//! (`mit Milch`, `mit Freunden`, `mit Insulin`), so the rule asks for a
//! word of company right before `mit` or one word earlier (`Kaffee`,
//! `telefoniert`, `Streit`) and turns away what the ending of
//! the word (`-en`, `-ung`, `-e`), the ordinary-word and noun lists and a
//! short list of things tell is a noun (`Kaffee mit Milch`, `Kaffee mit
//! Mama`). The misspelt-name rule takes such words before a comma when
//! they are one typing error from a known name (`Kaffee mit Dtlef, Sonne`).

use crate::cand::{Cands, Words};
use crate::fold::{Umlauts, fold_pattern};
use crate::lexicon::{WITH, is_common_word};
use crate::patterns::Scan;
use crate::token::{Case, Gap, Kind};
use crate::{Category, Lang};

/// Endings of German nouns (and of plurals and adjectives) that stand
/// after `mit` without an article.
const NOUN_ENDINGS: &[&str] = &[
    "e", "en", "er", "el", "ern", "ung", "heit", "keit", "schaft", "ion", "tät", "nis", "ling",
    "chen", "lein", "ment", "ismus", "ei", "ik", "ur", "ie", "um", "at", "s", "or", "ant", "ent",
    "arzt", "ist", "eut", "milch", "saft",
];

/// Things that stand after `mit` without an article and have none of
/// [`NOUN_ENDINGS`].
const THINGS: &[&str] = &[
    "milch",
    "honig",
    "salz",
    "zimt",
    "eis",
    "rum",
    "schuss",
    "auto",
    "bus",
    "taxi",
    "zug",
    "rad",
    "fahrrad",
    "rollstuhl",
    "hund",
    "gips",
    "stock",
    "verband",
    "schmerz",
    "durchfall",
    "kopfweh",
    "sport",
    "geld",
    "bargeld",
    "blut",
    "recht",
    "gott",
    "pech",
    "glück",
    "erfolg",
    "abstand",
    "vorsicht",
    "humor",
    "spaß",
    "spass",
    "genuss",
    "appetit",
    "durst",
    "licht",
    "absicht",
    "nachdruck",
    "kraft",
    "zeit",
    "rat",
    "tat",
    "fleiß",
    "fleiss",
    "mut",
    "herz",
    "bart",
    "brot",
    "obst",
    "fisch",
    "fleisch",
    "reis",
    "mama",
    "papa",
    "baby",
    "kakao",
    "physio",
    "ergo",
];

/// Words of company before `mit` (or one word before it): meeting,
/// eating, talking, quarrelling with someone.
const COMPANY: Words = Words::new(&[
    "kaffee",
    "tee",
    "essen",
    "frühstück",
    "mittagessen",
    "abendessen",
    "spaziergang",
    "spazieren",
    "treffen",
    "getroffen",
    "verabredet",
    "telefoniert",
    "telefonat",
    "gespräch",
    "gesprochen",
    "geredet",
    "streit",
    "gestritten",
    "unterwegs",
    "ausflug",
    "kino",
    "feier",
    "befreundet",
    "verheiratet",
    "gechattet",
    "geschrieben",
]);

/// Finds unknown capitalised words after `mit` at the end of a line in a
/// German message with capitals.
pub(super) fn unknown_after_with(scan: &mut Scan<'_>) {
    let d = &scan.doc;
    if scan.lang != Lang::De || !d.cased || d.flags & WITH == 0 {
        return;
    }
    let mut found = Vec::new();
    for a in Cands::flagged(d, WITH).iter() {
        let k = a + 1;
        if !d.s(a).eq_ignore_ascii_case("mit")
            || !d.is_word(k)
            || d.toks[k].gap != Gap::Space
            || scan.claimed[k]
            || d.toks[k].case != Case::Title
            || d.toks[k].info.flags != 0
            || d.chars(k) < 4
            || !ends_line(scan, k)
            || !company_before(scan, a)
        {
            continue;
        }
        let lower = d.s(k).to_lowercase();
        if NOUN_ENDINGS.iter().any(|e| lower.ends_with(e))
            || THINGS.contains(&lower.as_str())
            || is_common_word(&fold_pattern(&lower, Umlauts::Spelled))
        {
            continue;
        }
        found.push(k);
    }
    for k in found {
        scan.push(k, k, Category::OtherName, "name.context.with");
    }
}

/// Whether a word of [`COMPANY`] stands right before `mit` at token `a`
/// or one word before it, on its line.
fn company_before(scan: &Scan<'_>, a: usize) -> bool {
    let d = &scan.doc;
    let company = |i: usize| d.is_word(i) && COMPANY.has(d.s(i));
    a > 0
        && d.toks[a].gap == Gap::Space
        && (company(a - 1) || a > 1 && d.toks[a - 1].gap == Gap::Space && company(a - 2))
}

/// Whether word `k` ends its line: the end of the text or a line break
/// follows, perhaps after a full stop or an exclamation mark.
fn ends_line(scan: &Scan<'_>, k: usize) -> bool {
    let d = &scan.doc;
    let end = |i: usize| d.toks.get(i).is_none_or(|t| t.gap == Gap::Line);
    end(k + 1)
        || d.toks[k + 1].kind == Kind::Punct
            && d.toks[k + 1].gap == Gap::None
            && matches!(d.toks[k + 1].ch, '.' | '!')
            && end(k + 2)
}

#[cfg(test)]
mod tests {
    use crate::{Lang, Scrubber};

    fn scrub(text: &str) -> String {
        Scrubber::default().scrub(text, Lang::De).text
    }

    #[test]
    fn unknown_names_after_mit_at_a_line_end() {
        assert_eq!(
            scrub("Heute war ich lange unterwegs mit Hinnerk"),
            "Heute war ich lange unterwegs mit [NAME]"
        );
        assert_eq!(
            scrub("Am Sonntag Kaffee mit Hinnerk.\nSonst geht es mir gut."),
            "Am Sonntag Kaffee mit [NAME].\nSonst geht es mir gut."
        );
    }

    #[test]
    fn things_after_mit_stay() {
        for text in [
            "Ich trinke Kaffee mit Milch",
            "Ich komme mit Begleitung.",
            "Ich war mit Freunden",
            "Ich komme mit Rollator",
            "Ich fahre mit Taxi!",
            "Ich komme mit Maske",
            "Ich war mit Hinnerk im Park.",
            "ich war mit hinnerk",
            "Ich komme mit Fieber",
            "Heute Kaffee mit Mama",
            "Ich trinke Tee mit Kakao",
            "Die Behandlung mit Insulin",
        ] {
            assert_eq!(scrub(text), text, "{text}");
        }
    }
}
