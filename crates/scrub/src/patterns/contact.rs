//! E-mail and web addresses. The regexes only run when the text holds an
//! `@`, `://` or `www.`; bare domains (`praxis-koch.de`) are found on the
//! token stream.

use std::sync::LazyLock;

use regex::Regex;

use super::Scan;
use crate::Category;
use crate::cand::{Cands, Words};
use crate::token::{Gap, Kind};

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    // The local part may hold any letters (`müh@e.it`): a match that began
    // inside a word would leave the word's head to a second scrub.
    Regex::new(r"(?i)[\p{L}\p{N}._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}")
        .expect("valid regex")
});

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:https?://|www\.)[^\s<>()\[\]]+[^\s<>()\[\].,;:!?]").expect("valid regex")
});

/// Top-level domains that make `word.tld` a web address.
pub(super) const TLDS: Words = Words::new(&[
    "de", "nl", "com", "org", "net", "eu", "at", "ch", "be", "uk", "info", "io", "nu", "us", "gov",
    "edu",
]);

/// Finds e-mail addresses, URLs and bare domains.
pub(crate) fn find(scan: &mut Scan<'_>) {
    let text = scan.doc.text;
    // `@`, `:`, `/` and `.` are always punctuation tokens: the token stream
    // tells whether the text holds them before any search of the text.
    if scan.doc.has_punct(b'@') {
        let found: Vec<(usize, usize)> = EMAIL
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect();
        for (s, e) in found {
            scan.push_bytes(s, e, Category::Email, "email");
        }
    }
    // The findings so far are the e-mail addresses, in order: a URL is
    // set against them by binary search (a long message may hold many).
    let emails = scan.out.len();
    if has_url_start(&scan.doc) {
        let mut pos = 0;
        while let Some(m) = URL.find_at(text, pos) {
            let (s, e) = (m.start(), m.end());
            // A match left out is searched again from its next char, so a
            // URL inside it is found as a second scrub finds it after a tag
            // (`]www.x.de www.y.nl`, `www.@w.de www.z.nl`).
            pos = s + text[s..].chars().next().map_or(1, char::len_utf8);
            // One that starts inside an e-mail address is searched again
            // after it (`a@www.example.org@www.example.nl`).
            let email = |at: usize| {
                let found = &scan.out[..emails];
                found.get(found.partition_point(|f| f.end <= at)).copied()
            };
            if let Some(f) = email(s).filter(|f| f.start < s) {
                pos = pos.max(f.end);
                continue;
            }
            // Glued to a tag: it was glued to digits before a scrub.
            if text[..s].ends_with(']') {
                continue;
            }
            // A URL that runs into an e-mail address ends before it, as it
            // ends before the address's tag in a second scrub
            // (`www.example.nl?anna@example.org`).
            let e = match email(s).filter(|f| f.start < e).map(|f| f.start) {
                None => e,
                Some(cut) if cut > s => match URL.find(&text[s..cut]) {
                    Some(m) if m.start() == 0 => s + m.end(),
                    _ => continue,
                },
                Some(_) => continue,
            };
            pos = e;
            scan.push_bytes(s, e, Category::Url, "url");
        }
    }
    // A domain ends in a word glued to a `.` before it.
    if scan.doc.dot_letter {
        find_domains(scan);
    }
}

/// Whether the text holds `://`, `www.` or `WWW.` (where the URL pattern
/// can start): `://` looked for only when the token stream holds its
/// punctuation, `www.` as the tokenizer noted it at every `.` (see
/// [`crate::token::Doc::www_dot`]).
fn has_url_start(d: &crate::token::Doc<'_>) -> bool {
    let colon = d.has_punct(b':') && d.has_punct(b'/');
    (colon && d.text.contains("://")) || d.www_dot
}

/// Looks for domains again once every rule has run, if one was left for
/// standing after an `@`: where a later rule took its first label
/// (`@ann.le.com`, `ann` a name), the rest stands after the tag a second
/// scrub sees, and is read as that scrub reads it.
pub(crate) fn retry_domains(scan: &mut Scan<'_>) {
    if std::mem::take(&mut scan.domain_after_at) {
        find_domains(scan);
    }
}

/// `praxis-koch.de`, `example.org/termine`: a chain of glued words and dots
/// that ends in a known top-level domain.
fn find_domains(scan: &mut Scan<'_>) {
    let n = scan.doc.len();
    // Only words glued to what comes before them.
    let cands = Cands::of(&scan.doc, |t| (t.kind == Kind::Word) & (t.gap == Gap::None));
    let mut i = 2;
    for c in cands.iter() {
        if c < i {
            continue;
        }
        i = c;
        let t = scan.doc.toks[i];
        if t.kind != Kind::Word || t.gap != Gap::None || !scan.doc.is_glued_punct(i - 1, '.') {
            i += 1;
            continue;
        }
        let tld = scan.doc.s(i);
        if !TLDS.has(tld) {
            i += 1;
            continue;
        }
        // Walk back over the glued labels.
        let mut a = i - 1;
        while a > 0 {
            let p = scan.doc.toks[a - 1];
            let joins = match p.kind {
                Kind::Word | Kind::Num => true,
                Kind::Punct => matches!(p.ch, '.' | '-'),
            };
            if !joins || scan.doc.toks[a].gap != Gap::None {
                break;
            }
            a -= 1;
        }
        // Dots before the first label are no part of it (`...example.nl`).
        while a + 1 < i && scan.doc.toks[a].kind == Kind::Punct {
            a += 1;
        }
        let first = scan.doc.toks[a];
        // Need a real label before the dot, at least two letters.
        if first.kind == Kind::Punct || scan.doc.toks[i - 2].end - scan.doc.toks[i - 2].start < 2 {
            i += 1;
            continue;
        }
        // And a path after it.
        let mut b = i;
        while b + 1 < n {
            let q = scan.doc.toks[b + 1];
            if q.gap != Gap::None {
                break;
            }
            let path = q.kind != Kind::Punct
                || matches!(q.ch, '/' | '-' | '_' | '=' | '?' | '&' | '#' | '%');
            let dot_in_path = q.kind == Kind::Punct
                && q.ch == '.'
                && scan
                    .doc
                    .toks
                    .get(b + 2)
                    .is_some_and(|r| r.gap == Gap::None && r.kind != Kind::Punct);
            if !(path || dot_in_path) {
                break;
            }
            b += 1;
        }
        if scan.free(a, b) {
            if a == 0 || !scan.doc.is_glued_punct(a - 1, '@') {
                scan.push(a, b, Category::Url, "url.domain");
            } else {
                scan.domain_after_at = true;
            }
        }
        i = b + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::run;
    use super::*;
    use crate::Lang;

    #[test]
    fn emails_urls_and_domains() {
        assert_eq!(
            run(
                "Mail an a.koch@example.org oder https://portal.example.de/x?id=3. Siehe praxis-koch.de/termine.",
                Lang::De,
                find
            ),
            vec![
                ("a.koch@example.org".to_string(), "email"),
                ("https://portal.example.de/x?id=3".to_string(), "url"),
                ("praxis-koch.de/termine".to_string(), "url.domain"),
            ]
        );
    }

    #[test]
    fn url_starts_as_the_tokens_hold_them() {
        let starts = |t: &str| has_url_start(&crate::token::Doc::new(t));
        assert!(starts("siehe www.example.de"));
        assert!(starts("SIEHE WWW.EXAMPLE.DE"));
        assert!(starts("https://x"));
        assert!(starts("xwww.y"));
        assert!(!starts("wWw.example.de"));
        assert!(!starts("www .example.de"));
        assert!(!starts("https: //x"));
        assert!(!starts("Zeit: 10/12"));
    }

    #[test]
    fn www_before_a_dot_as_the_text_holds_it() {
        for text in [
            "www.x",
            "WWW.X",
            "wWw.x",
            "xwww.y",
            "ww.x",
            "w.",
            ".",
            "",
            "a www . b",
            "öwww.de",
            "www",
            "www.",
            "x www.y www.z",
            "Www.x",
            "ÄWWW.Ü",
            "..www..",
            "1www.2",
        ] {
            let d = crate::token::Doc::new(text);
            let expected = text.contains("www.") || text.contains("WWW.");
            assert_eq!(d.www_dot, expected, "{text:?}");
        }
    }

    #[test]
    fn abbreviations_are_no_domains() {
        assert!(run("z.B. d.h. u.a. bzw. Befund.pdf", Lang::De, find).is_empty());
    }
}
