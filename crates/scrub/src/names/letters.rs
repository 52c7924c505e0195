//! Names written with letters German, Dutch and English lack (`Ayşegül`,
//! `Małgorzata`, `Dragoș`, `Đorđe`): a capitalised word with such a letter,
//! that no list knows as a town or word and no other rule took, is a name.
//! Letters of French and Spanish loanwords (`é`, `ç`, `ñ`) do not count.
//! And names in another script (`محمد العلوي`, `Γιώργος Παπαδόπουλος`,
//! `王小明`): a few words of Greek, Cyrillic, Arabic, Hebrew or an Asian
//! script in a German, Dutch or English message.

use crate::Category;
use crate::lexicon::{CITY, INST_NAME, STOP};
use crate::patterns::Scan;
use crate::token::{Case, Gap, Kind};

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
    other_script_names(scan);
}

/// The most words of another script taken as one name: a longer run is a
/// sentence in that language, which this scrubber does not read.
const MOST_SCRIPT_WORDS: usize = 4;

/// Whether `c` is a letter of a script other than Latin: Greek, Cyrillic,
/// Armenian, Hebrew, Arabic, the scripts of South and South-East Asia,
/// Georgian, Hangul, kana and CJK ideographs.
fn other_script(c: char) -> bool {
    matches!(c as u32,
        0x0370..=0x03FF | 0x1F00..=0x1FFF // Greek
        | 0x0400..=0x052F // Cyrillic
        | 0x0530..=0x058F // Armenian
        | 0x0590..=0x05FF // Hebrew
        | 0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF // Arabic
        | 0x0900..=0x0DFF // Devanagari to Sinhala
        | 0x0E00..=0x0EFF // Thai, Lao
        | 0x10A0..=0x10FF // Georgian
        | 0x3040..=0x30FF // kana
        | 0x4E00..=0x9FFF // CJK
        | 0xAC00..=0xD7AF // Hangul
    )
}

/// Finds runs of at most [`MOST_SCRIPT_WORDS`] words of another script,
/// one space apart and not glued to anything else. What another rule took
/// inside a run counts as one of its words, as its tag does in a second
/// scrub, so that both scrubs see the same runs.
fn other_script_names(scan: &mut Scan<'_>) {
    let d = &scan.doc;
    // (Two letters at least: one alone is a symbol, `φ`.)
    let script_word = |k: usize| {
        d.is_word(k)
            && !scan.claimed[k]
            && d.s(k).chars().next().is_some_and(other_script)
            && d.s(k).chars().nth(1).is_some()
    };
    // A member of a run from token `k`: a script word, or the claimed
    // tokens that follow each other on a line (findings, or their tags).
    // Its last token.
    let member = |k: usize| -> Option<usize> {
        if script_word(k) {
            return Some(k);
        }
        if !scan.claimed.get(k).copied().unwrap_or(false) {
            return None;
        }
        let mut e = k;
        while d.toks.get(e + 1).is_some_and(|t| t.gap != Gap::Line) && scan.claimed[e + 1] {
            e += 1;
        }
        Some(e)
    };
    // Runs with at least one script word (few texts have one: no
    // allocation otherwise): first and last token; and the names in them.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut names: Vec<(usize, usize)> = Vec::new();
    let bytes = d.text.as_bytes();
    // The scripts start at U+0370: a first byte of 0xCD or more (the
    // letters of German and Dutch words start below it).
    for w in d
        .words
        .iter()
        .filter(|w| w.key == 0 && bytes[w.start as usize] >= 0xCD)
    {
        let k = d.toks.partition_point(|t| t.start < w.start as usize);
        if !script_word(k) || runs.last().is_some_and(|&(_, e)| e >= k) {
            continue;
        }
        // Back to the run's first member.
        let mut a = k;
        let mut members = 1;
        while a > 0 && d.toks[a].gap == Gap::Space {
            let mut p = a - 1;
            while p > 0 && scan.claimed[p] && d.toks[p].gap != Gap::Line && scan.claimed[p - 1] {
                p -= 1;
            }
            if member(p).is_none_or(|e| e != a - 1) {
                break;
            }
            a = p;
            members += 1;
        }
        let mut e = k;
        while d.toks.get(e + 1).is_some_and(|t| t.gap == Gap::Space)
            && let Some(next) = member(e + 1)
        {
            e = next;
            members += 1;
        }
        runs.push((a, e));
        // (A tag glued to a word is a member all the same: a roster name
        // there is a word in this scrub and a tag in the next.)
        let glued = script_word(a) && d.glued_before(a) || script_word(e) && d.glued_after(e);
        if members > MOST_SCRIPT_WORDS || glued {
            continue;
        }
        // Each stretch of script words in it is a name.
        let mut i = a;
        while i <= e {
            if script_word(i) {
                let mut j = i;
                while j < e && d.toks[j + 1].gap == Gap::Space && script_word(j + 1) {
                    j += 1;
                }
                names.push((i, j));
                i = j + 1;
            } else {
                i += 1;
            }
        }
    }
    for (i, j) in names {
        scan.push(i, j, Category::OtherName, "name.script");
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
        assert_eq!(
            scrub("Ik heb gebeld met محمد العلوي over de afspraak.", Lang::Nl),
            "Ik heb gebeld met [NAME] over de afspraak."
        );
        assert_eq!(
            scrub("Grüße von Γιώργος Παπαδόπουλος und 王小明", Lang::De),
            "Grüße von [NAME] und [NAME]"
        );
        assert_eq!(
            scrub("Das Zeichen φ steht für Phi.", Lang::De),
            "Das Zeichen φ steht für Phi."
        );
        // A sentence in another script is no name.
        let russian = "Sie schrieb: Я не могу прийти завтра утром.";
        assert_eq!(scrub(russian, Lang::De), russian);
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
