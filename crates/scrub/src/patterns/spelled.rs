//! Contacts written around the address patterns: e-mail addresses spelled
//! out so that no machine reads them (`jsmith at gmail dot com`, `anna punt
//! koch apenstaartje gmail punt com`, `k.weber(at)web(punkt)de`) and social
//! handles (`@lena_mueller_92`).

use super::Scan;
use super::contact::TLDS;
use crate::Category;
use crate::cand::Words;
use crate::token::{Gap, Kind};

/// Words for `@`.
const AT_WORDS: Words = Words::new(&["at", "apenstaartje", "klammeraffe", "ät"]);

/// Words for the dot of an address.
const DOT_WORDS: Words = Words::new(&["dot", "punt", "punkt"]);

/// The most labels a spelled local part or domain has.
const MOST_LABELS: usize = 4;

/// Finds e-mail addresses spelled out: a local part, a word for `@`, and
/// a domain whose labels a word for the dot (or a dot) joins, ending in a
/// top-level domain. Either the `@` or a dot is a word (an address with
/// `@` and dots is the e-mail pattern's).
pub(crate) fn emails(scan: &mut Scan<'_>) {
    let n = scan.doc.len();
    let mut k = 1;
    while k < n {
        let d = &scan.doc;
        if !(d.is_word(k) && AT_WORDS.has(d.s(k))) || scan.claimed[k] {
            k += 1;
            continue;
        }
        let Some((after, spelled_dot)) = domain(scan, k) else {
            k += 1;
            continue;
        };
        let spelled_at = !d.s(k).eq_ignore_ascii_case("at");
        let Some(start) = local_part(scan, k) else {
            k += 1;
            continue;
        };
        if (spelled_at || spelled_dot) && scan.free(start, after) {
            scan.push(start, after, Category::Email, "email.spelled");
        }
        k = after + 1;
    }
}

/// A token that stands for a dot at `k`: a dot glued between labels, or a
/// word for it, bracketed or not (`(punkt)`). Returns the token after it
/// and whether it was a word.
fn dot_at(scan: &Scan<'_>, k: usize) -> Option<(usize, bool)> {
    let d = &scan.doc;
    if d.is_glued_punct(k, '.') && d.toks.get(k + 1).is_some_and(|t| t.gap == Gap::None) {
        return Some((k + 1, false));
    }
    let (word, next) = bracketed(scan, k)?;
    DOT_WORDS.has(d.s(word)).then_some((next, true))
}

/// The word at `k`, or the word in brackets that open at `k` (`(at)`,
/// `[dot]`), and the token after it.
fn bracketed(scan: &Scan<'_>, k: usize) -> Option<(usize, usize)> {
    let d = &scan.doc;
    if d.is_word(k) {
        return Some((k, k + 1));
    }
    let opens = d.is_punct(k, '(') || d.is_punct(k, '[');
    let closes = d.is_glued_punct(k + 2, ')') || d.is_glued_punct(k + 2, ']');
    (opens && d.is_word(k + 1) && d.toks[k + 1].gap == Gap::None && closes)
        .then_some((k + 1, k + 3))
}

/// The domain after the word for `@` at `at`: labels joined by dots, the
/// last a top-level domain. Returns its last token and whether a dot was
/// spelled out.
fn domain(scan: &Scan<'_>, at: usize) -> Option<(usize, bool)> {
    let d = &scan.doc;
    // `(at)`: past the closing bracket.
    let mut k = at + 1;
    if (d.is_glued_punct(k, ')') || d.is_glued_punct(k, ']')) && at > 0 {
        k += 1;
    }
    let mut spelled = false;
    let mut labels = 0;
    loop {
        let t = d.toks.get(k)?;
        if t.gap == Gap::Line || !matches!(t.kind, Kind::Word | Kind::Num) || scan.claimed[k] {
            return None;
        }
        labels += 1;
        let Some((next, word)) = dot_at(scan, k + 1) else {
            return (labels >= 2 && TLDS.has(d.s(k))).then_some((k, spelled));
        };
        if labels == MOST_LABELS || scan.claimed[next.min(d.len() - 1)] {
            return None;
        }
        spelled |= word;
        k = next;
    }
}

/// The first token of the local part before the word for `@` at `at`
/// (`jsmith`, `anna punt koch`, `k.weber`).
fn local_part(scan: &Scan<'_>, at: usize) -> Option<usize> {
    let d = &scan.doc;
    let mut k = at - 1;
    // `(at)`: before the opening bracket.
    if (d.is_punct(k, '(') || d.is_punct(k, '[')) && d.toks[k + 1].gap == Gap::None {
        k = k.checked_sub(1)?;
    }
    let mut start = None;
    let mut labels = 0;
    loop {
        let t = d.toks[k];
        if !matches!(t.kind, Kind::Word | Kind::Num) || scan.claimed[k] {
            break;
        }
        start = Some(k);
        labels += 1;
        if labels == MOST_LABELS || k == 0 || t.gap == Gap::Line {
            break;
        }
        // A joint before it: a glued dot, dash or underscore, or a word
        // for the dot.
        let glued = d.toks[k].gap == Gap::None
            && k >= 2
            && d.toks[k - 1].kind == Kind::Punct
            && matches!(d.toks[k - 1].ch, '.' | '-' | '_')
            && d.toks[k - 1].gap == Gap::None;
        let spelled = k >= 2 && d.is_word(k - 1) && DOT_WORDS.has(d.s(k - 1));
        if glued || spelled {
            k -= 2;
        } else {
            break;
        }
    }
    start
}

/// Finds social handles: `@` after white space (or at the start) and the
/// word glued to it, with the dots, dashes, underscores and digits inside
/// it (`@lena_mueller_92`). An e-mail address has its local part glued
/// before the `@`.
pub(crate) fn handles(scan: &mut Scan<'_>) {
    let n = scan.doc.len();
    let mut k = 0;
    while k + 1 < n {
        let d = &scan.doc;
        let starts = d.is_punct(k, '@')
            && !scan.claimed[k]
            && (k == 0 || d.toks[k].gap != Gap::None || d.is_punct(k - 1, '('))
            && d.toks[k + 1].gap == Gap::None
            && matches!(d.toks[k + 1].kind, Kind::Word | Kind::Num);
        if !starts {
            k += 1;
            continue;
        }
        let mut end = k + 1;
        while let Some(t) = d.toks.get(end + 1) {
            let inner = t.gap == Gap::None
                && (matches!(t.kind, Kind::Word | Kind::Num)
                    || t.kind == Kind::Punct
                        && matches!(t.ch, '_' | '.' | '-')
                        && d.toks
                            .get(end + 2)
                            .is_some_and(|n| n.gap == Gap::None && n.kind != Kind::Punct));
            if !inner {
                break;
            }
            end += 1;
        }
        // Three characters or more after the `@` (`@home` is a handle
        // too, `@ 5` is not one).
        let long = d.toks[end].end - d.toks[k + 1].start >= 3;
        if long && scan.free(k, end) {
            scan.push(k, end, Category::Url, "url.handle");
        }
        k = end + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::texts;
    use crate::Lang;

    #[test]
    fn spelled_out_addresses() {
        let f = |t: &str, lang| texts(t, lang, super::super::find_patterns);
        assert_eq!(
            f("reach me at jsmith at gmail dot com or later", Lang::En),
            ["jsmith at gmail dot com"]
        );
        assert_eq!(
            f(
                "mijn email is anna punt koch apenstaartje gmail punt com",
                Lang::Nl
            ),
            ["anna punt koch apenstaartje gmail punt com"]
        );
        assert_eq!(
            f("Schreiben Sie an k.weber(at)web(punkt)de bitte", Lang::De),
            ["k.weber(at)web(punkt)de"]
        );
        // `at` and a real dot: a sentence, not an address.
        assert!(f("We met at the cafe. It was nice.", Lang::En).is_empty());
        assert!(f("Op punt 3 staat dat het kan.", Lang::Nl).is_empty());
    }

    #[test]
    fn social_handles() {
        let f = |t: &str, lang| texts(t, lang, super::super::find_patterns);
        assert_eq!(
            f("Mein Instagram ist @lena_mueller_92, schreib mir", Lang::De),
            ["@lena_mueller_92"]
        );
        assert_eq!(
            f("mail anna@example.org now", Lang::En),
            ["anna@example.org"]
        );
        assert!(f("meet @ 5 pm", Lang::En).is_empty());
    }
}
