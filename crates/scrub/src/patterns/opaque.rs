//! Found text as opaque as the tag that will replace it.
//!
//! A second scrub sees `[DATE]` where the first saw `Jänner`, so a rule
//! that reads the words around a candidate must not read the words of
//! another finding: otherwise `Berlin-Jänner` is a compound the first time
//! and a city before a tag the second, and scrubbing scrubbed text changes
//! it again. So when a detector claims tokens they turn into opaque
//! punctuation for every later rule (no letters, no digits, no lexicon
//! flags, glued like a tag's bracket), and the tags already in a text
//! (`[NAME]`, `[DATE]`, ...) are claimed and opaque from the start. The
//! roster's checks, which run after the detectors, see the tokens as they
//! were ([`Scan::unveil`]).

use super::Scan;
use crate::Category;
use crate::lexicon::{CITY, GREETING, Info, MONTH, NAME, NOUN, PARTICLE, RELATIVE, STOP, TITLE};
use crate::token::{Case, Doc, Gap, Kind, Tok};

/// The char an opaque token carries: a tag's bracket, so that a word glued
/// to it is glued as to a tag.
const OPAQUE: char = ']';

impl Scan<'_> {
    /// Makes tokens `a..=b` opaque, keeping what they were.
    #[inline]
    pub(crate) fn veil(&mut self, a: usize, b: usize) {
        let last = b.min(self.doc.toks.len().saturating_sub(1));
        let Some(toks) = self.doc.toks.get_mut(a..=last) else {
            return;
        };
        // Kept in one extend, then made opaque in place.
        self.veiled
            .extend(toks.iter().enumerate().map(|(k, &t)| (a + k, t)));
        for t in toks {
            *t = Tok {
                kind: Kind::Punct,
                case: Case::Other,
                ch: OPAQUE,
                info: Info::NONE,
                ..*t
            };
        }
        self.doc.no_nums(a, last);
    }

    /// Claims and veils the tags of an already scrubbed text: `[`, a tag's
    /// word in capitals, `]`, glued together.
    pub(crate) fn veil_tags(&mut self) {
        if !self.doc.has_punct(b'[') {
            return;
        }
        let mut i = 0;
        while i + 2 < self.doc.toks.len() {
            let d = &self.doc;
            let tag = d.is_punct(i, '[')
                && d.is_word(i + 1)
                && d.toks[i + 1].gap == Gap::None
                && d.is_glued_punct(i + 2, ']')
                && is_tag_word(d.s(i + 1));
            if tag {
                for c in &mut self.claimed[i..=i + 2] {
                    *c = true;
                }
                self.veil(i, i + 2);
                i += 3;
            } else {
                i += 1;
            }
        }
    }

    /// Token `i` as it was before it turned opaque. For rules where a
    /// neighbour that is itself found makes a word a name (`Hendrikka
    /// Meijer`): the word is then replaced too, so a second scrub has
    /// nothing left to decide. Context that keeps a word must not be read
    /// this way.
    pub(crate) fn original(&self, i: usize) -> Tok {
        let t = self.doc.toks[i];
        // Most tokens are as they were cut: only an opaque one is looked
        // for among the veiled (a long message may hold many).
        if t.ch != OPAQUE {
            return t;
        }
        self.veiled
            .iter()
            .find(|(k, _)| *k == i)
            .map_or(t, |&(_, t)| t)
    }

    /// Settles whether letter case carries information on function words
    /// that a second scrub still sees: not those inside what detectors will
    /// replace, such as a URL (`www.het`, `tx.de/a`), a hyphenated name
    /// (`ann-a`) or a name after a title (`Mr Mit`). A function word counts
    /// only standing free: after white space, the start or an opening
    /// bracket or quote, not after a title, and before white space, the end
    /// or sentence punctuation.
    pub(crate) fn recase(&mut self) {
        if self.doc.cased {
            self.evidence = free_words_cased(&self.doc);
            self.doc.cased = self.evidence.is_some();
        }
    }

    /// Whether a second scrub of this scan's output would find the message
    /// cased: whether function words in both cases stand free once every
    /// token under `findings` (sorted by start) is as opaque as its tag.
    /// A title-case word the name rules took (`Mr.. Kind regards`) or a
    /// lower-case one inside a roster name (`a koch`) is no evidence the
    /// second time; a word after a title that was taken (`Lukas-Fr Mit`)
    /// stands free then.
    pub(crate) fn cased_after(&mut self, findings: &[crate::Finding]) -> bool {
        // Most often the two words that showed the case, and the tokens
        // glued to them, are outside every finding: they still show it.
        if let Some((title, lower)) = self.evidence
            && !self.near_finding(title, findings)
            && !self.near_finding(lower, findings)
        {
            return true;
        }
        let mark = self.veiled.len();
        let nums = self.doc.nums;
        for f in findings {
            let toks = &self.doc.toks;
            let a = toks.partition_point(|t| t.end <= f.start);
            let b = toks.partition_point(|t| t.start < f.end);
            if a < b {
                self.veil(a, b - 1);
            }
        }
        let cased = free_words_cased(&self.doc).is_some();
        for (i, t) in self.veiled.drain(mark..).rev() {
            self.doc.toks[i] = t;
        }
        // The tokens are as they were before: so are their number bits.
        self.doc.nums = nums;
        cased
    }

    /// Whether a finding (sorted by start) touches word `i` or a token
    /// whose turning opaque could keep it from standing free (see
    /// [`free_standing`]): the two before it if it is glued to them, the
    /// two after it if the next is glued to it. (A title before it that
    /// turns opaque only frees it.)
    fn near_finding(&self, i: usize, findings: &[crate::Finding]) -> bool {
        let toks = &self.doc.toks;
        let lo = if toks[i].gap == Gap::None {
            i.saturating_sub(2)
        } else {
            i
        };
        let hi = match toks.get(i + 1) {
            Some(n) if n.gap == Gap::None => (i + 2).min(toks.len() - 1),
            _ => i,
        };
        let (start, end) = (toks[lo].start, toks[hi].end);
        let k = findings.partition_point(|f| f.end <= start);
        findings.get(k).is_some_and(|f| f.start < end)
    }

    /// Gives every veiled token back what it was.
    pub(crate) fn unveil(&mut self) {
        // Backwards, so a token veiled twice ends as it was first.
        for (i, t) in self.veiled.drain(..).rev() {
            self.doc.toks[i] = t;
        }
        // Every token is as it was cut: so are the number bits.
        self.doc.nums = self.nums_cut;
    }
}

/// The first capitalised and the first lower-case function word that stand
/// free, if both do (see [`Scan::recase`]); else, when no listed German
/// noun is in lower case, the first capitalised one and the first
/// lower-case function word that stand free (see [`Doc::cased`]).
fn free_words_cased(d: &Doc<'_>) -> Option<(usize, usize)> {
    let (mut title, mut lower, mut noun) = (None, None, None);
    let mut lower_noun = false;
    for i in 0..d.toks.len() {
        let t = &d.toks[i];
        if t.kind != Kind::Word || !matches!(t.case, Case::Title | Case::Lower) {
            continue;
        }
        if t.info.flags & NOUN != 0 {
            if t.case == Case::Lower {
                lower_noun = true;
            } else if noun.is_none() && free_standing(d, i) {
                noun = Some(i);
            }
            continue;
        }
        if t.info.flags & (STOP | GREETING) == 0
            || t.info.flags & (NAME | CITY | MONTH | PARTICLE | TITLE) != 0
            || !free_standing(d, i)
        {
            continue;
        }
        if t.case == Case::Title {
            title = title.or(Some(i));
        } else {
            lower = lower.or(Some(i));
        }
        if let (Some(title), Some(lower)) = (title, lower) {
            return Some((title, lower));
        }
    }
    match (noun, lower) {
        (Some(noun), Some(lower)) if !lower_noun => Some((noun, lower)),
        _ => None,
    }
}

/// Whether word `i` stands free of the tokens around it (see
/// [`Scan::recase`]).
fn free_standing(d: &Doc<'_>, i: usize) -> bool {
    let t = &d.toks[i];
    if i > 0 && t.gap == Gap::None {
        let p = &d.toks[i - 1];
        if p.kind != Kind::Punct || !matches!(p.ch, '(' | '"' | '\'' | '„' | '“' | '‘') {
            return false;
        }
        // An opening quote, not an apostrophe inside a name (`Emma'Me`).
        if d.glued_before(i - 1) {
            return false;
        }
    }
    // After a title or a relative, a function word is a name (`Mr Mit`,
    // `Frau Gut`, `mijn zoon Will`).
    let mut p = i;
    if p > 0 && d.is_punct(p - 1, '.') {
        p -= 1;
    }
    if p > 0 && d.toks[p].gap != Gap::Line && d.has(p - 1, TITLE | RELATIVE) {
        return false;
    }
    match d.toks.get(i + 1) {
        None => true,
        Some(n) if n.gap != Gap::None => true,
        Some(n) if n.kind != Kind::Punct => false,
        // A contraction (`I'd`, `don't`).
        Some(n) if matches!(n.ch, '\'' | '’') => true,
        Some(n) => {
            matches!(
                n.ch,
                '.' | ',' | '!' | '?' | ';' | ':' | ')' | '"' | '“' | '”'
            ) && d.toks.get(i + 2).is_none_or(|a| a.gap != Gap::None)
        }
    }
}

/// Whether `w` is the word of a category tag (`NAME` of `[NAME]`).
fn is_tag_word(w: &str) -> bool {
    Category::ALL
        .iter()
        .any(|c| c.tag().len() == w.len() + 2 && &c.tag()[1..w.len() + 1] == w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    #[test]
    fn german_with_capitalised_nouns_is_cased_whatever_its_sentences_start_with() {
        let cased = |text: &str| {
            let mut scan = Scan::new(text, Lang::De);
            scan.recase();
            (scan.doc.cased, scan.doc.nouns_mixed)
        };
        let text = "hallo, ich brauche ein neues Rezept. die Praxis hat angerufen";
        assert_eq!(cased(text), (true, false));
        // A noun in lower case too: capitals are no rule of the writer's.
        let text = "hallo, ich brauche ein neues Rezept. der befund passt";
        assert_eq!(cased(text), (false, true));
        assert_eq!(cased("hallo, ich brauche ein neues rezept"), (false, false));
        assert_eq!(cased("HALLO, ICH BRAUCHE EIN NEUES REZEPT"), (false, false));
        // A noun with no function word at all shows nothing.
        assert_eq!(cased("Rezept"), (false, false));
    }

    #[test]
    fn tags_are_claimed_and_claimed_tokens_are_opaque() {
        let mut scan = Scan::new("Berlin-[DATE] und [name] [NAME", Lang::De);
        scan.veil_tags();
        let claimed: Vec<bool> = scan.claimed.clone();
        // Berlin - [ DATE ] und [ name ] [ NAME
        assert_eq!(
            claimed,
            [
                false, false, true, true, true, false, false, false, false, false, false
            ]
        );
        assert!(scan.doc.glued_after(1));
        assert!(!scan.doc.is_word(3));
        scan.veil(0, 0);
        assert!(!scan.doc.is_word(0));
        scan.unveil();
        assert!(scan.doc.is_word(0) && scan.doc.is_word(3));
    }

    #[test]
    fn the_number_bits_follow_the_tokens_made_opaque_and_given_back() {
        let mut scan = Scan::new("am 12.3. um 14 Uhr, Tel 030 123", Lang::De);
        let nums = |scan: &Scan<'_>| {
            (0..scan.doc.len())
                .filter(|&k| scan.doc.is_num(k))
                .fold(0u128, |bits, k| bits | 1 << k)
        };
        let all = nums(&scan);
        assert_eq!(scan.doc.nums, Some(all));
        scan.veil(1, 4);
        scan.veil(3, 7);
        assert_eq!(scan.doc.nums, Some(nums(&scan)));
        assert_ne!(scan.doc.nums, Some(all));
        scan.unveil();
        assert_eq!(scan.doc.nums, Some(all));
    }
}
