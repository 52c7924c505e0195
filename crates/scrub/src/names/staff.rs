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
use crate::lexicon::{CITY, MONTH, NAME, STOP, SURNAME, UNIT, WEEKDAY};
use crate::token::{Case, Gap, Kind};
use crate::{Category, Lang};

/// Flags of first names that are something else here.
const NOT_HERE: u64 = STOP | CITY | UNIT | WEEKDAY | MONTH;

/// Finds first names (and surnames after them) before a desk.
pub(super) fn staff_names(scan: &mut Scan<'_>) {
    let d = &scan.doc;
    if scan.lang != Lang::En || d.flags & STOP == 0 {
        return;
    }
    let n = d.len();
    let mut found = Vec::new();
    for k in 0..n {
        let t = d.toks[k];
        if t.kind != Kind::Word
            || scan.claimed[k]
            || t.info.flags & NOT_HERE != 0
            || d.glued_before(k)
            || d.cased && t.case != Case::Title
            || t.end - t.start < 3
        {
            continue;
        }
        let known = t.info.flags & NAME != 0;
        if !known && (t.info.flags != 0 || !d.cased) {
            continue;
        }
        // A surname after it: capitalised, not a function word.
        let mut end = k;
        if d.is_word(k + 1)
            && d.toks[k + 1].gap == Gap::Space
            && !scan.claimed[k + 1]
            && !d.has(k + 1, NOT_HERE)
            && (d.cased && d.toks[k + 1].case != Case::Lower || d.has(k + 1, SURNAME))
        {
            end = k + 1;
        }
        let word = |i: usize, w: &str| {
            d.is_word(i) && d.toks[i].gap == Gap::Space && d.s(i).eq_ignore_ascii_case(w)
        };
        let front_desk = word(end + 1, "at")
            && word(end + 2, "the")
            && (word(end + 3, "front") && word(end + 4, "desk") || word(end + 3, "desk"));
        let from_desk = word(end + 1, "from")
            && d.is_word(end + 2)
            && d.toks[end + 2].case == Case::Lower
            && !d.has(end + 2, STOP)
            && (known || word(end + 3, "will"));
        if front_desk || from_desk {
            found.push((k, end));
        }
    }
    for (a, b) in found {
        if scan.free(a, b) {
            scan.push(a, b, Category::OtherName, "name.context.desk");
        }
    }
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
