//! Words before an institution word that the cased rule of `pre_words`
//! misses: names at the start of a sentence (`Mount Auburn Hospital says`)
//! and names written with capitals in a message otherwise typed without
//! them (`we faxed your records to dr fox at Mount Auburn Hospital`).

use super::Scan;
use crate::Lang;
use crate::lexicon::{
    DETERMINER, GREETING, MONTH, NAME, PSURNAME, SIGNOFF, STOP, SURNAME, TITLE, UNIT, WEEKDAY,
};
use crate::token::{Case, Gap};

/// Flags of words that never start an institution's proper name.
const NOT_PROPER: u64 = STOP | DETERMINER | GREETING | SIGNOFF | MONTH | WEEKDAY | TITLE | UNIT;

/// Whether word `p`, right before the `words` words already taken before
/// the institution word `i`, belongs to the institution's name.
pub(super) fn pre_word(scan: &Scan<'_>, i: usize, p: usize, words: usize) -> bool {
    let d = &scan.doc;
    if !d.is_word(p) || d.has(p, NOT_PROPER) {
        return false;
    }
    let proper_case = matches!(d.toks[p].case, Case::Title | Case::Upper)
        || d.toks[p].case == Case::Other && d.s(p).starts_with(char::is_uppercase);
    // Right before the institution word, an adjective of clinical
    // vocabulary names a department (`Pulmonary Rehab`, `Cardiac Rehab`),
    // kept as clinical words.
    if !proper_case || words == 0 && adjective(d.s(p)) {
        return false;
    }
    if d.cased {
        // A sentence's first word before another word of the name
        // (`Mount Auburn Hospital`), or one no lexicon knows or knows only
        // as a surname (`Spaulding Rehab says`), in English: a German or
        // Dutch capital there may be any noun.
        let flags = d.toks[p].info.flags;
        return scan.lang == Lang::En
            && d.sentence_start(p)
            && (words > 0 && flags & NAME == 0 || flags & !(SURNAME | PSURNAME) == 0);
    }
    // Without case information for the message as a whole, a capitalised
    // institution word with capitalised words before it is a name written
    // with capitals (an all-caps message has no capitalised word).
    d.toks[i].case == Case::Title
}

/// `Pulmonary Rehab at Newton-Wellesley`: a unit named with the place it
/// is at. After an institution ending at token `end`, `at` and a proper
/// name on the same line (capitalised words and their hyphen chains, up to
/// three) belong to it. Returns the new last token.
pub(super) fn at_tail(scan: &Scan<'_>, end: usize) -> usize {
    let d = &scan.doc;
    let at = end + 1;
    if scan.lang != Lang::En
        || !d.is_word(at)
        || !d.s(at).eq_ignore_ascii_case("at")
        || d.toks[at].gap != Gap::Space
    {
        return end;
    }
    let mut e = end;
    let mut k = at + 1;
    let mut words = 0;
    while words < 3
        && d.is_word(k)
        && (words > 0 || d.toks[k].gap == Gap::Space)
        && !scan.claimed[k]
        && !d.has(k, NOT_PROPER)
        && matches!(d.toks[k].case, Case::Title | Case::Upper)
        && d.toks[end].case != Case::Upper
    {
        e = k;
        words += 1;
        // `Newton-Wellesley`: a hyphen chain is one word.
        if d.is_glued_punct(k + 1, '-') && d.is_word(k + 2) && d.toks[k + 2].gap == Gap::None {
            k += 2;
        } else {
            k += 1;
            if d.toks.get(k).is_none_or(|t| t.gap != Gap::Space) {
                break;
            }
        }
    }
    e
}

/// Whether an English word has the ending of an adjective (`pulmonary`,
/// `cardiac`, `physical`, `geriatric`, `respiratory`, `palliative`) or of a
/// field (`cardiology`).
pub(super) fn adjective(w: &str) -> bool {
    let w = w.to_ascii_lowercase();
    ["ary", "ory", "ac", "al", "ic", "ive", "ous", "ogy", "ics"]
        .iter()
        .any(|e| w.ends_with(e))
}

#[cfg(test)]
mod tests {
    use crate::{Lang, Scrubber};

    fn scrub(text: &str) -> String {
        Scrubber::default().scrub(text, Lang::En).text
    }

    #[test]
    fn names_at_a_sentence_start_and_in_lower_case_messages() {
        assert_eq!(
            scrub("Hello Tyrone,\nMount Auburn Hospital says the prior authorization is done."),
            "Hello [NAME],\n[INSTITUTION] says the prior authorization is done."
        );
        assert_eq!(
            scrub("we faxed your records to the lab at Mount Auburn Hospital today."),
            "we faxed your records to the lab at [INSTITUTION] today."
        );
        assert_eq!(
            scrub("Dear Dr. Cook,\nSpaulding Rehab says the prior authorization is done."),
            "Dear Dr. [CLINICIAN],\n[INSTITUTION] says the prior authorization is done."
        );
        assert_eq!(
            scrub("hi,\nSpaulding Rehab says the prior authorization is done"),
            "hi,\n[INSTITUTION] says the prior authorization is done"
        );
        assert_eq!(
            scrub("hi,\nVNA Home Health says the prior authorization is done"),
            "hi,\n[INSTITUTION] says the prior authorization is done"
        );
    }

    #[test]
    fn a_unit_at_a_place() {
        assert_eq!(
            scrub(
                "Your referral has been sent to Pulmonary Rehab at Newton-Wellesley. They will call."
            ),
            "Your referral has been sent to [INSTITUTION]. They will call."
        );
        assert_eq!(
            scrub("Call the Heart Clinic at 5 pm or at Monday noon."),
            "Call the [INSTITUTION] at 5 pm or at Monday noon."
        );
    }

    #[test]
    fn sentence_words_and_shouting_stay() {
        // Under a signature name it is the sender's unit (names/department.rs).
        assert_eq!(
            scrub("Thanks,\nAmy\nPulmonary Rehab"),
            "Thanks,\n[NAME]\n[INSTITUTION]"
        );
        assert_eq!(
            scrub("Thanks. Yesterday the hospital called."),
            "Thanks. Yesterday the hospital called."
        );
        assert_eq!(
            scrub("I WAS AT THE HOSPITAL, THE HEALTH PLAN SAYS NO"),
            "I WAS AT THE HOSPITAL, THE HEALTH PLAN SAYS NO"
        );
        assert_eq!(
            scrub("my home health aide comes today"),
            "my home health aide comes today"
        );
    }
}
