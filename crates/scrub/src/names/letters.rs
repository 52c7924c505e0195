//! Names written with letters German, Dutch and English lack (`Ayşegül`,
//! `Małgorzata`, `Dragoș`, `Đorđe`): a capitalised word with such a letter,
//! that no list knows as a town or word and no other rule took, is a name.
//! Letters of French and Spanish loanwords (`é`, `ç`, `ñ`) do not count.

use crate::Category;
use crate::lexicon::{CITY, INST_NAME, STOP};
use crate::patterns::Scan;
use crate::token::{Case, Kind};

/// Whether `c` is a letter of Turkish, Polish, Czech, Slovak, Croatian,
/// Serbian, Romanian, Hungarian, Latvian or Lithuanian names that German,
/// Dutch and English do not write.
fn foreign_letter(c: char) -> bool {
    matches!(
        c,
        'ş' | 'Ş'
            | 'ğ'
            | 'ı'
            | 'İ'
            | 'ł'
            | 'Ł'
            | 'ń'
            | 'ś'
            | 'Ś'
            | 'ź'
            | 'ż'
            | 'Ż'
            | 'ć'
            | 'Ć'
            | 'ř'
            | 'Ř'
            | 'ě'
            | 'č'
            | 'Č'
            | 'š'
            | 'Š'
            | 'ž'
            | 'Ž'
            | 'ů'
            | 'ő'
            | 'ű'
            | 'ă'
            | 'ș'
            | 'Ș'
            | 'ț'
            | 'Ț'
            | 'đ'
            | 'Đ'
            | 'ą'
            | 'ę'
            | 'ė'
            | 'ų'
            | 'ū'
            | 'ā'
            | 'ē'
            | 'ī'
            | 'ņ'
            | 'ļ'
            | 'ķ'
    )
}

/// Finds the capitalised words with a foreign letter that nothing took.
pub(super) fn foreign_letter_names(scan: &mut Scan<'_>) {
    let d = &scan.doc;
    if d.ascii {
        return;
    }
    // Words that are not ASCII have key 0 (see `WordAt`); the few found
    // are collected first (no allocation when there are none).
    let found: Vec<usize> = d
        .words
        .iter()
        .filter(|w| w.key == 0)
        .filter(|w| {
            d.text[w.start as usize..w.end as usize]
                .chars()
                .any(foreign_letter)
        })
        .filter_map(|w| {
            let k = d.toks.partition_point(|t| t.start < w.start as usize);
            let t = d.toks.get(k)?;
            let shaped = !d.cased || matches!(t.case, Case::Title | Case::Upper);
            (t.kind == Kind::Word
                && t.end == w.end as usize
                && shaped
                && !scan.claimed[k]
                && d.chars(k) >= 3
                && t.info.flags & (CITY | INST_NAME | STOP) == 0)
                .then_some(k)
        })
        .collect();
    for k in found {
        scan.push(k, k, Category::OtherName, "name.letters");
    }
}

#[cfg(test)]
mod tests {
    use crate::{Lang, Scrubber};

    fn scrub(text: &str, lang: Lang) -> String {
        Scrubber::default().scrub(text, lang).text
    }

    #[test]
    fn names_with_letters_of_other_languages() {
        assert_eq!(
            scrub(
                "Viele Grüße auch von Familie Şahin und von Ayşegül.",
                Lang::De
            ),
            "Viele Grüße auch von Familie [NAME] und von [NAME]."
        );
        assert_eq!(
            scrub("Ik ga met Małgorzata naar Gdańsk.", Lang::Nl),
            "Ik ga met [NAME] naar [CITY]."
        );
        // French and Spanish letters, and lower case in a cased message, stay.
        assert_eq!(
            scrub(
                "Wir trinken Café au lait im Señor. Das ist ein façon şey.",
                Lang::De
            ),
            "Wir trinken Café au lait im Señor. Das ist ein façon şey."
        );
    }
}
