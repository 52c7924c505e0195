//! Staff named by their desk: `Frank DeLuca from scheduling will call
//! you`, `Hunter at the front desk will call you`.
//!
//! English first names that are also words (`Frank`, `Hunter`, `Summer`,
//! `Faith`) need context, and at the start of a sentence their capital says
//! nothing. A desk or department after the name is such context: `from
//! scheduling`, `from billing`, `at the front desk`. A word the lexicons do
//! not know counts only before `at the front desk` or before `from <desk>
//! will`, since `Results from the lab` is no person.

use super::Scan;
use crate::cand::Cands;
use crate::lexicon::{CITY, DESK, MONTH, NAME, STOP, SURNAME, UNIT, WEEKDAY};
use crate::token::{Case, Gap, Kind};
use crate::{Category, Lang};

/// Flags of first names that are something else here.
const NOT_HERE: u64 = STOP | CITY | UNIT | WEEKDAY | MONTH;

/// Finds first names (and surnames after them) before a desk.
pub(super) fn staff_names(scan: &mut Scan<'_>) {
    let d = &scan.doc;
    // The desk starts with `at` or `from`.
    if scan.lang != Lang::En || d.flags & DESK == 0 {
        return;
    }
    let word = |i: usize, w: &str| {
        d.toks.get(i).is_some_and(|t| {
            t.kind == Kind::Word && t.gap == Gap::Space && t.end - t.start == w.len()
        }) && d.s(i).eq_ignore_ascii_case(w)
    };
    let mut found = Vec::new();
    // The desk first (`at the front desk`, `from scheduling`), then the
    // name before it: `at` and `from` are among the words the tokenizer
    // noted (all is tested below); in a long message, only words of two or
    // four bytes after a space can be them.
    let desks = match d.marks {
        Some(bits) => Cands::of_bits(d, bits),
        None => Cands::of(d, |t| {
            (t.kind == Kind::Word)
                & (t.gap == Gap::Space)
                & ((t.end - t.start == 2) | (t.end - t.start == 4))
        }),
    };
    for j in desks.iter() {
        if j == 0 {
            continue;
        }
        let front_desk = word(j, "at")
            && word(j + 1, "the")
            && (word(j + 2, "front") && word(j + 3, "desk") || word(j + 2, "desk"));
        let from = !front_desk
            && word(j, "from")
            && d.is_word(j + 1)
            && d.toks[j + 1].case == Case::Lower
            && !d.has(j + 1, STOP);
        if !(front_desk || from) {
            continue;
        }
        let end = j - 1;
        // A surname before the desk, after the first name: capitalised,
        // not a function word.
        let surname = |i: usize| {
            d.is_word(i)
                && d.toks[i].gap == Gap::Space
                && !scan.claimed[i]
                && !d.has(i, NOT_HERE)
                && (d.cased && d.toks[i].case != Case::Lower || d.has(i, SURNAME))
        };
        let k = if end > 0 && surname(end) && first_name(scan, end - 1).is_some() {
            end - 1
        } else {
            end
        };
        let Some(known) = first_name(scan, k) else {
            continue;
        };
        if front_desk || known || word(j + 2, "will") {
            found.push((k, end));
        }
    }
    for (a, b) in found {
        if scan.free(a, b) {
            scan.push(a, b, Category::OtherName, "name.context.desk");
        }
    }
}

/// Whether word `k` can be a first name before a desk: `Some(true)` for a
/// lexicon name, `Some(false)` for a capitalised word no lexicon knows.
fn first_name(scan: &Scan<'_>, k: usize) -> Option<bool> {
    let d = &scan.doc;
    let t = d.toks[k];
    if t.kind != Kind::Word
        || scan.claimed[k]
        || t.info.flags & NOT_HERE != 0
        || d.glued_before(k)
        || d.cased && t.case != Case::Title
        || t.end - t.start < 3
    {
        return None;
    }
    let known = t.info.flags & NAME != 0;
    if !known && (t.info.flags != 0 || !d.cased) {
        return None;
    }
    Some(known)
}

#[cfg(test)]
mod tests {
    use crate::{Lang, Scrubber};

    fn scrub(text: &str) -> String {
        Scrubber::default().scrub(text, Lang::En).text
    }

    #[test]
    fn names_before_a_desk() {
        assert_eq!(
            scrub("I'd like to see you sooner. Frank DeLuca from scheduling will call you."),
            "I'd like to see you sooner. [NAME] from scheduling will call you."
        );
        assert_eq!(
            scrub("I'd like to see you sooner. Hunter at the front desk will call you."),
            "I'd like to see you sooner. [NAME] at the front desk will call you."
        );
        assert_eq!(
            scrub("The results are in. Xiomara at the front desk will call you."),
            "The results are in. [NAME] at the front desk will call you."
        );
    }

    #[test]
    fn the_words_a_desk_starts_with_carry_the_lexicon_flag() {
        // The rule looks only in messages whose words carry it.
        for w in ["at", "from"] {
            assert!(crate::lexicon::lookup(w).flags & super::DESK != 0, "{w}");
        }
        assert_eq!(
            scrub("THE RESULTS ARE IN. HUNTER AT THE FRONT DESK WILL CALL YOU."),
            "THE RESULTS ARE IN. [NAME] AT THE FRONT DESK WILL CALL YOU."
        );
    }

    #[test]
    fn words_before_a_desk_stay() {
        for text in [
            "The results are in. Results from the lab will follow.",
            "Your letter from billing is wrong, the front desk said.",
            "Please stop at the front desk.",
        ] {
            assert_eq!(scrub(text), text);
        }
    }
}
