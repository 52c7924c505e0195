//! The last line of a message as the writer's signature: initials (`JM`,
//! `KJ (Sohn)`) or an initial and a surname (`- D. Cook`, `M. Washington,
//! RN`), which no other rule takes; and one word alone on the line after a
//! sign-off (`Thanks so much,\nBarb`).

use super::{LINE_ABBREVIATIONS, NOT_LOWER_NAME, hyphen_tail, shaped};
use crate::Category;
use crate::cand::{Cands, Words};
use crate::lexicon::{
    AGE_UNIT, CITY, FIRST, GREETING, INST_NAME, INST_POST, INST_PRE, NAME_STOP, RELATIVE, SIGNOFF,
    STOP, STREET, THANK, TITLE, UNIT,
};
use crate::patterns::Scan;
use crate::token::{Case, Doc, Gap, Kind};

/// The last line of a message as a signature: initials (`JM`, `KJ (Sohn)`)
/// or an initial and a surname (`- D. Cook`, `M. Washington, RN`).
pub(super) fn signature(scan: &mut Scan<'_>) {
    let d = &scan.doc;
    let n = d.len();
    if n == 0 {
        return;
    }
    let mut start = n - 1;
    while start > 0 && d.toks[start].gap != Gap::Line {
        start -= 1;
    }
    let mut k = start;
    while k < n && d.toks[k].kind == Kind::Punct && matches!(d.toks[k].ch, '-' | '–' | '—' | '~')
    {
        k += 1;
    }
    if k >= n || scan.claimed[k] || d.toks[k].kind != Kind::Word {
        return;
    }
    let letters = d.chars(k);
    // What may follow the name on the line: nothing, a role after a comma,
    // or a remark in brackets.
    let tail_ok = |e: usize| e + 1 >= n || d.is_punct(e + 1, '(') || d.is_punct(e + 1, ',');
    let upper = d.toks[k].case == Case::Upper || (!d.cased && d.toks[k].case == Case::Lower);
    let flags = d.toks[k].info.flags;
    // Initials that spell a word (`JA`, `AS`) still sign when a remark in
    // brackets follows (`AS (Mann von Frau Specht)`).
    // So do two or three capitals alone on the last line (`ES`, `IK`),
    // unless they are a common abbreviation (`OK`, `PS`).
    let alone = k + 1 == n
        && k == start
        && d.toks[k].case == Case::Upper
        && flags & (SIGNOFF | GREETING) == 0
        && !LINE_ABBREVIATIONS.has(d.s(k));
    let spelled_word = flags & (STOP | SIGNOFF | GREETING) != 0
        && !(d.cased && d.toks[k].case == Case::Upper && d.is_punct(k + 1, '('))
        && !alone;
    if (2..=3).contains(&letters) && upper && !spelled_word && tail_ok(k) {
        scan.push(k, k, Category::OtherName, "name.initials");
        return;
    }
    // `D. Cook`, `P. Hunt-Pennypacker`, `B.-R. Swift`.
    let mut e = k + 1;
    while letters == 1
        && d.is_glued_punct(e, '.')
        && d.is_glued_punct(e + 1, '-')
        && d.is_word(e + 2)
        && d.chars(e + 2) == 1
        && d.toks[e + 2].gap == Gap::None
    {
        e += 3;
    }
    if letters == 1
        && d.is_glued_punct(e, '.')
        && d.is_word(e + 1)
        && shaped(scan, e + 1)
        && !scan.claimed[e + 1]
    {
        let end = hyphen_tail(scan, e + 1);
        if tail_ok(end) && d.toks[e + 1].info.flags & NOT_LOWER_NAME == 0 {
            scan.push(k, end, Category::OtherName, "name.signature");
        }
    }
}

/// Flags of a word that signs nothing: function and role words, places,
/// institutions, units. (A weekday's abbreviation may: `Groet, Mo`.)
const NOT_SIGNED: u64 = STOP
    | NAME_STOP
    | TITLE
    | RELATIVE
    | GREETING
    | SIGNOFF
    | INST_PRE
    | INST_POST
    | INST_NAME
    | CITY
    | STREET
    | UNIT
    | AGE_UNIT;

/// Desks and departments that sign a message for the staff behind them
/// (`Best,\nReception`, `Groet,\nReceptie`): no one's name.
const DEPARTMENTS: Words = Words::new(&[
    "reception",
    "receptionist",
    "scheduling",
    "billing",
    "nursing",
    "triage",
    "admin",
    "administration",
    "office",
    "frontdesk",
    "secretary",
    "cardiology",
    "oncology",
    "dermatology",
    "radiology",
    "neurology",
    "pediatrics",
    "paediatrics",
    "orthopedics",
    "urology",
    "gynecology",
    "psychiatry",
    "physiotherapy",
    "laboratory",
    "lab",
    "registration",
    "appointments",
    "management",
    "receptie",
    "balie",
    "secretariaat",
    "planning",
    "assistente",
    "doktersassistente",
    "triagist",
    "afsprakenbureau",
    "administratie",
    "cardiologie",
    "anmeldung",
    "rezeption",
    "empfang",
    "sekretariat",
    "verwaltung",
    "terminvergabe",
    "pflege",
    "station",
    "kardiologie",
    "leitung",
]);

/// Whether token `k` is a desk or department that signs for its staff
/// (see [`DEPARTMENTS`]).
pub(super) fn department(d: &Doc<'_>, k: usize) -> bool {
    d.is_word(k) && DEPARTMENTS.has(d.s(k))
}

/// Whether a word with these lexicon flags may sign: none of
/// [`NOT_SIGNED`], or a first name that is also a function word (`Will`,
/// `May`).
fn signs_as_name(flags: u64) -> bool {
    flags & NOT_SIGNED == 0 || flags & FIRST != 0 && flags & (NOT_SIGNED & !(STOP | CITY)) == 0
}

/// `Thanks so much,\nBarb`, `Liebe Grüße\nUschi`, `Groet, Mo`: after a
/// sign-off line (at most seven tokens, none of them found by another rule;
/// a sign-off word or `thank`), the
/// one word that ends it after a comma, or one word alone on one of the
/// next two lines (a remark in brackets may follow: `Sanne
/// (doktersassistente)`), is the writer's name: also a name that is a word
/// (`Mark`, `Grace`) or that no list knows. In a message with capitals it
/// must have one.
pub(super) fn signed_word(scan: &mut Scan<'_>) {
    let d = &scan.doc;
    if d.flags & (SIGNOFF | THANK) == 0 {
        return;
    }
    let signs = Cands::flagged(d, SIGNOFF | THANK);
    let n = d.len();
    // The end of the last sign-off line looked at.
    let mut done = 0;
    for s in signs.iter() {
        if s < done {
            continue;
        }
        let d = &scan.doc;
        let mut line = s;
        while line > 0 && d.toks[line].gap != Gap::Line {
            line -= 1;
        }
        let mut next = s + 1;
        while next < n && d.toks[next].gap != Gap::Line {
            next += 1;
        }
        done = next;
        // A line that holds what another rule took (a phone number, a
        // roster name, a tag) signs nothing: its length would change when
        // the text is scrubbed again.
        if next - line > 7 || (line..next).any(|k| scan.claimed[k]) {
            continue;
        }
        // `Groet, Mo`: a comma after the sign-off, then one word.
        let mut candidates = [None; 3];
        if next >= line + 3 && d.is_punct(next - 2, ',') && s < next - 2 {
            candidates[0] = Some(next - 1);
        }
        // One word alone on one of the next two lines, a remark in
        // brackets after it or not.
        let mut start = next;
        for slot in &mut candidates[1..] {
            if start >= n {
                break;
            }
            let mut end = start + 1;
            while end < n && d.toks[end].gap != Gap::Line {
                end += 1;
            }
            let remark = d.is_punct(start + 1, '(') && start + 1 < end && d.is_punct(end - 1, ')');
            // A line that starts with what another rule took is looked at
            // too: it ends the search below.
            if end == start + 1 || remark || scan.claimed[start] {
                *slot = Some(start);
            }
            start = end;
        }
        for k in candidates.into_iter().flatten() {
            // What another rule took there (a name, or its tag when the text
            // is scrubbed again) is the signature, or stands where it would.
            if scan.claimed[k] {
                break;
            }
            let d = &scan.doc;
            let signed = d.is_word(k)
                && d.chars(k) >= 2
                && signs_as_name(d.toks[k].info.flags)
                && !department(d, k)
                && (!d.cased || matches!(d.toks[k].case, Case::Title | Case::Upper));
            if signed {
                scan.push(k, k, Category::OtherName, "name.context.signoff");
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DEPARTMENTS;
    use crate::lexicon::{NAME, lookup};

    #[test]
    fn departments_are_no_names() {
        for w in DEPARTMENTS.list() {
            assert_eq!(lookup(w).flags & NAME, 0, "{w}");
            assert_eq!(w.to_lowercase(), *w, "{w}");
        }
    }
}
