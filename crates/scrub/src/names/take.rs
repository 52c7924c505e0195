//! Reading a name from where a rule found its start: its parts (words,
//! initials, particles, hyphenated and apostrophe parts, a nickname in
//! quotes or brackets) as far as each part reads as one in the context
//! that started it.

use super::{Ctx, before_comma, hyphen_tail, is_syndrome, name_like, shaped, signed, verb_like};
use crate::lexicon::{NAME, PARTICLE, PSURNAME, STOP, SURNAME};
use crate::patterns::Scan;
use crate::token::{Case, Gap, Kind};

/// The last token of the name starting at `j`, if one starts there.
pub(super) fn take_name(scan: &Scan<'_>, j: usize, ctx: Ctx) -> Option<usize> {
    let d = &scan.doc;
    let mut k = j;
    let mut end = None;
    let mut parts = 0;
    while k < d.len() && parts < 4 {
        if k > j && d.toks[k].gap == Gap::Line {
            break;
        }
        let t = d.toks[k];
        // `van 't Hof`, `in 't Veld`: the particle `'t` inside a name.
        if t.kind == Kind::Punct
            && matches!(t.ch, '\'' | '’')
            && (parts > 0 || k > j)
            && d.is_word(k + 1)
            && d.toks[k + 1].gap == Gap::None
            && d.s(k + 1).eq_ignore_ascii_case("t")
            && d.toks.get(k + 2).is_some_and(|n| n.gap == Gap::Space)
            && name_like(scan, k + 2, Ctx::Title, false)
        {
            k += 2;
            continue;
        }
        // `Robert "Bobby" McAllister`: a nickname in quotes inside a name.
        if parts > 0
            && let Some(next) = nickname_at(scan, k)
            && (name_like(scan, next, follow_ctx(ctx), false) || d.has(next, PARTICLE))
        {
            k = next;
            continue;
        }
        if t.kind != Kind::Word || scan.claimed[k] {
            break;
        }
        // `Mary O'Connor`: a surname of that shape after the first part.
        if parts > 0
            && apostrophe_name_at(scan, k)
            && !scan.claimed[k + 2]
            && (d.has(k + 2, NAME) || name_like(scan, k + 2, follow_ctx(ctx), false))
        {
            let e = hyphen_tail(scan, k + 2);
            end = Some(e);
            parts += 1;
            k = e + 1;
            continue;
        }
        // `J. in 't Veld`, `dhr. In 't Veld`: the particle `in` before `'t`.
        if (parts > 0 || matches!(ctx, Ctx::Title | Ctx::TitleCased))
            && d.s(k).eq_ignore_ascii_case("in")
            && d.toks.get(k + 1).is_some_and(|n| {
                n.kind == Kind::Punct && matches!(n.ch, '\'' | '’') && n.gap == Gap::Space
            })
            && d.is_word(k + 2)
            && d.toks[k + 2].gap == Gap::None
            && d.s(k + 2).eq_ignore_ascii_case("t")
        {
            k += 1;
            continue;
        }
        // A capital letter alone inside a name (`Tjon A Fong`).
        if parts > 0
            && d.cased
            && matches!(t.case, Case::Upper | Case::Title)
            && d.chars(k) == 1
            && d.s(k) != "I"
            && d.toks.get(k + 1).is_some_and(|n| n.gap == Gap::Space)
            && d.is_word(k + 1)
            && d.toks[k + 1].case == Case::Title
            && name_like(scan, k + 1, follow_ctx(ctx), false)
        {
            k += 1;
            continue;
        }
        // An initial: `J.` / `J.-P.`
        if d.chars(k) == 1
            && d.s(k).chars().all(char::is_alphabetic)
            && (t.case != Case::Lower || !d.cased)
            && d.is_glued_punct(k + 1, '.')
        {
            // `H.-P.`: initials of a hyphenated first name.
            let mut e = k + 1;
            while d.is_glued_punct(e + 1, '-')
                && d.is_word(e + 2)
                && d.chars(e + 2) == 1
                && d.is_glued_punct(e + 3, '.')
            {
                e += 3;
            }
            let next_is_name = d.is_word(e + 1) && d.toks[e + 1].gap != Gap::Line;
            if !next_is_name && parts == 0 {
                break;
            }
            end = Some(e);
            k = e + 1;
            parts += 1;
            continue;
        }
        // Particles inside a name: `van der Berg`, `von Stein` (a particle
        // hyphenated to the name is a part of it: `El-Khatib`).
        if d.has(k, PARTICLE) && !(parts == 0 && ctx == Ctx::First) && !d.is_glued_punct(k + 1, '-')
        {
            let mut p = k;
            while d.has(p, PARTICLE)
                && p - k < 3
                && d.toks.get(p + 1).is_some_and(|t| t.gap == Gap::Space)
            {
                p += 1;
            }
            // `Van 't Hoff`: `'t` after the particles.
            if p > k
                && d.toks
                    .get(p)
                    .is_some_and(|t| t.kind == Kind::Punct && matches!(t.ch, '\'' | '’'))
                && d.is_word(p + 1)
                && d.toks[p + 1].gap == Gap::None
                && d.s(p + 1).eq_ignore_ascii_case("t")
                && d.toks.get(p + 2).is_some_and(|t| t.gap == Gap::Space)
            {
                p += 2;
            }
            // `vom`, `zum`, `zur` are a preposition and an article
            // (`Frau Sonntag vom Empfang`) unless a known surname follows.
            let contraction = d.is_one_of(k, &["vom", "zum", "zur"]);
            if p > k
                && (!contraction || d.has(p, SURNAME | PSURNAME))
                && name_like(scan, p, Ctx::Title, matches!(ctx, Ctx::Title))
                && (d.cased && shaped(scan, p)
                    || d.has(p, NAME | PSURNAME)
                    || matches!(ctx, Ctx::Title | Ctx::TitleCased))
            {
                k = p;
                continue;
            }
            break;
        }
        let first = parts == 0;
        let ok = if first && ctx == Ctx::First {
            true
        } else {
            name_like(scan, k, if first { ctx } else { follow_ctx(ctx) }, first)
        };
        if !ok {
            break;
        }
        let mut e = k;
        // Hyphenated and apostrophe parts: `Schulze-Lindner`, `O'Brien`.
        while (d.is_glued_punct(e + 1, '-')
            || d.is_glued_punct(e + 1, '\'')
            || d.is_glued_punct(e + 1, '’'))
            && d.is_word(e + 2)
            && d.toks[e + 2].gap == Gap::None
            && !scan.claimed[e + 2]
            && !is_syndrome(d.s(e + 2))
            && (!d.s(e + 2).eq_ignore_ascii_case("s") || d.is_glued_punct(e + 1, '-'))
        {
            e += 2;
        }
        // A possessive `s` after an apostrophe ends the name (`Anna's`).
        end = Some(e);
        parts += 1;
        k = e + 1;
        // One name part after a weak context unless the next is a lexicon name.
        let more = matches!(ctx, Ctx::Title | Ctx::TitleCased)
            || d.cased
            || d.has(k, NAME | PARTICLE | PSURNAME)
            || nickname_at(scan, k).is_some()
            || apostrophe_name_at(scan, k)
            || d.is_word(k)
                && !d.has(k, STOP)
                && !(d.toks[k].case == Case::Lower && verb_like(d.s(k), scan.lang))
                && (before_comma(scan, k) || signed(scan, k));
        if !more {
            break;
        }
    }
    end
}

/// The token after a nickname in quotes or brackets that starts at token
/// `k`, if a word follows it (`"Bobby" McAllister`, `(Jan-Pieter) de
/// Boer`).
pub(super) fn nickname_at(scan: &Scan<'_>, k: usize) -> Option<usize> {
    let d = &scan.doc;
    let open = d
        .toks
        .get(k)
        .filter(|t| t.kind == Kind::Punct && t.gap == Gap::Space)?;
    if !d.is_word(k + 1) || d.toks[k + 1].gap != Gap::None || scan.claimed[k + 1] {
        return None;
    }
    let close = if open.ch == '(' {
        // `W.A. (Willem) van 't Hof`: a given name in brackets after
        // initials, hyphenated or not, capitalised where the message has
        // capitals.
        if d.cased && d.toks[k + 1].case != Case::Title {
            return None;
        }
        let mut e = k + 1;
        while d.is_glued_punct(e + 1, '-') && d.is_word(e + 2) && d.toks[e + 2].gap == Gap::None {
            e += 2;
        }
        d.is_glued_punct(e + 1, ')').then_some(e + 1)?
    } else if matches!(open.ch, '"' | '“' | '„' | '\'' | '‘') {
        let q = d.toks.get(k + 2)?;
        (q.kind == Kind::Punct
            && matches!(q.ch, '"' | '”' | '“' | '\'' | '’')
            && q.gap == Gap::None)
            .then_some(k + 2)?
    } else {
        return None;
    };
    let next = close + 1;
    (d.toks.get(next).is_some_and(|n| n.gap == Gap::Space) && d.is_word(next)).then_some(next)
}

/// Whether a name of the `O'Connor` shape starts at token `k`: one
/// capital letter, an apostrophe and a word, glued.
pub(super) fn apostrophe_name_at(scan: &Scan<'_>, k: usize) -> bool {
    let d = &scan.doc;
    d.is_word(k)
        && d.chars(k) == 1
        && d.toks[k].case != Case::Lower
        && (d.is_glued_punct(k + 1, '\'') || d.is_glued_punct(k + 1, '’'))
        && d.is_word(k + 2)
        && d.toks[k + 2].gap == Gap::None
        && d.chars(k + 2) >= 2
}

/// The context for the parts after the first.
pub(super) fn follow_ctx(ctx: Ctx) -> Ctx {
    match ctx {
        Ctx::Title => Ctx::Title,
        Ctx::TitleCased => Ctx::TitleCased,
        Ctx::Weak | Ctx::First => Ctx::First,
    }
}
