//! The unit under a signature: in an English message that ends with a
//! sign-off, the sender's name and a line of capitalised words, that line
//! names the sender's department or clinic (`Thanks,\nRaj\nPulmonary
//! Rehab`), which tells where the patient is treated.

use crate::Category;
use crate::Lang;
use crate::lexicon::{GREETING, SIGNOFF, STOP};
use crate::patterns::Scan;
use crate::token::{Case, Gap, Kind};

/// Most words a department line may have.
const MOST_WORDS: usize = 4;

/// Finds the department line under a signature name. Only the lines count
/// (a sign-off, one line, capitalised words), not what the line between
/// holds: a second scrub sees the name there as a tag, and must decide the
/// same.
pub(super) fn department_line(scan: &mut Scan<'_>) {
    let d = &scan.doc;
    let n = d.len();
    if scan.lang != Lang::En || n < 3 || d.flags & SIGNOFF == 0 {
        return;
    }
    let last_start = line_start(scan, n - 1);
    if last_start < 2 {
        return;
    }
    let name_start = line_start(scan, last_start - 1);
    if name_start == 0 {
        return;
    }
    let signoff_start = line_start(scan, name_start - 1);
    // The line above the name's line holds a sign-off (`Thanks,`, `Best regards`).
    if !(signoff_start..name_start).any(|k| d.has(k, SIGNOFF)) {
        return;
    }
    // The last line: a few capitalised words of three letters or more,
    // none a function word.
    let line = last_start..n;
    let words = line.clone().filter(|&k| d.is_word(k)).count();
    let fits = (1..=MOST_WORDS).contains(&words)
        && d.is_word(n - 1)
        && line.clone().all(|k| {
            let t = &d.toks[k];
            !scan.claimed[k]
                && match t.kind {
                    Kind::Word => {
                        t.case == Case::Title
                            && d.chars(k) >= 3
                            && !d.has(k, STOP | SIGNOFF | GREETING)
                    }
                    Kind::Punct => matches!(t.ch, '&' | '-' | ','),
                    Kind::Num => false,
                }
        });
    if fits {
        scan.push(
            last_start,
            n - 1,
            Category::Institution,
            "institution.signature",
        );
    }
}

/// The first token of the line that token `k` is on.
fn line_start(scan: &Scan<'_>, k: usize) -> usize {
    let d = &scan.doc;
    let mut s = k;
    while s > 0 && d.toks[s].gap != Gap::Line {
        s -= 1;
    }
    s
}

#[cfg(test)]
mod tests {
    use crate::{Lang, Scrubber};

    fn scrub(text: &str) -> String {
        Scrubber::default().scrub(text, Lang::En).text
    }

    #[test]
    fn the_unit_under_a_signature_name() {
        assert_eq!(
            scrub("Your labs look fine.\nThanks,\nRaj\nPulmonary Rehab"),
            "Your labs look fine.\nThanks,\n[NAME]\n[INSTITUTION]"
        );
        assert_eq!(
            scrub("See you soon.\nBest,\nDr. Amy Chen\nCardiology"),
            "See you soon.\nBest,\nDr. [CLINICIAN]\n[INSTITUTION]"
        );
    }

    #[test]
    fn other_last_lines_stay() {
        for text in [
            "Sophie\nH",
            "Thanks,\nSophie\nN",
            "Thanks,\nJOHN\nROWN",
            "Call me.\nAnna\nCardiology",
            "Thanks,\nRaj\nSent from my iPhone",
            "Thanks,\nRaj\nPS call me",
            "Please call.\nThanks for your help",
            "Thanks,\nRaj\n555 1234",
        ] {
            assert!(!scrub(text).contains("[INSTITUTION]"), "{text}");
        }
    }
}
