//! The unit under a signature: in an English message that ends with the
//! sender's name alone on a line, a last line of capitalised words names
//! the sender's department or clinic (`Thanks,\nRaj\nPulmonary Rehab`,
//! `Elizabeth\nCardiology`), which tells where the patient is treated.

use crate::Category;
use crate::Lang;
use crate::lexicon::{GREETING, SIGNOFF, STOP, TITLE};
use crate::patterns::Scan;
use crate::token::{Case, Gap, Kind};

/// The tags of names, as an earlier scrub left them.
const NAME_TAGS: [&str; 3] = ["[NAME]", "[CLINICIAN]", "[PATIENT]"];

/// Most words a department line may have.
const MOST_WORDS: usize = 4;

/// Finds the department line under a signature name.
pub(super) fn department_line(scan: &mut Scan<'_>) {
    let d = &scan.doc;
    let n = d.len();
    if scan.lang != Lang::En || n < 3 {
        return;
    }
    let last_start = line_start(scan, n - 1);
    if last_start == 0 {
        return;
    }
    let name_start = line_start(scan, last_start - 1);
    // The line above: a name and nothing else (`Raj`, `Dr. Amy Chen`), as
    // found by a name rule or as a tag of an earlier scrub.
    let name_line = name_start..last_start;
    let (from, to) = (d.toks[name_start].start, d.toks[last_start - 1].end);
    let named = scan.out.iter().any(|f| {
        f.start >= from
            && f.end <= to
            && matches!(
                f.category,
                Category::PatientName | Category::ClinicianName | Category::OtherName
            )
    }) || NAME_TAGS.contains(&d.text[from..to].trim());
    if !named
        || name_line.len() > 8
        || !name_line
            .clone()
            .all(|k| scan.claimed[k] || d.toks[k].kind == Kind::Punct || d.has(k, TITLE))
    {
        return;
    }
    // The last line: a few capitalised words, none a function word.
    let line = last_start..n;
    let words = line.clone().filter(|&k| d.is_word(k)).count();
    let fits = (1..=MOST_WORDS).contains(&words)
        && line.clone().all(|k| {
            let t = &d.toks[k];
            !scan.claimed[k]
                && match t.kind {
                    Kind::Word => {
                        matches!(t.case, Case::Title | Case::Upper | Case::Other)
                            && !d.has(k, STOP | SIGNOFF | GREETING)
                    }
                    Kind::Punct => matches!(t.ch, '&' | '-' | ','),
                    Kind::Num => false,
                }
        });
    if fits && d.is_word(n - 1) {
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
            "Thanks,\nRaj\nSent from my iPhone",
            "Thanks,\nRaj\nPS call me",
            "Please call.\nThanks for your help",
            "Thanks,\nRaj\n555 1234",
        ] {
            assert!(!scrub(text).contains("[INSTITUTION]"), "{text}");
        }
    }
}
