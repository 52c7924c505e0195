//! The last line of a message as the writer's signature: initials (`JM`,
//! `KJ (Sohn)`) or an initial and a surname (`- D. Cook`, `M. Washington,
//! RN`), which no other rule takes.

use super::{LINE_ABBREVIATIONS, NOT_LOWER_NAME, hyphen_tail, shaped};
use crate::Category;
use crate::lexicon::{GREETING, SIGNOFF, STOP};
use crate::patterns::Scan;
use crate::token::{Case, Gap, Kind};

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
