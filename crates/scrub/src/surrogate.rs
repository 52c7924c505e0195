//! Consistent surrogates: invented values in place of real ones.
//!
//! The same real name becomes the same invented name of the message's
//! language wherever it occurs, because the choice is made by a keyed hash
//! the caller supplies (so this crate holds no key). Names keep their shape:
//! an initial stays an initial, particles stay, case follows the original.
//! Dates are moved by the patient's shift and keep their written form.
//! Numbers keep their layout with other digits, cities become other cities
//! of the language. Street addresses and institutions get their tags.

use crate::fold::{Umlauts, fold_pattern};
use crate::lexicon::{self, FIRST, PARTICLE};
use crate::token::{Case, Doc, Kind};
use crate::{Category, Finding, Replacement, ScrubContext, TagReplacement, shift};

/// Replaces findings with consistent surrogates chosen by `hash`, a keyed
/// hash of a string (for example the first 8 bytes of an HMAC-SHA256 with
/// the study key). Equal inputs must give equal outputs.
///
/// ```
/// use veil_scrub::{Category, Lang, RosterBuilder, ScrubContext, Scrubber, Surrogates};
///
/// let mut roster = RosterBuilder::new();
/// roster.add_name("Anna Koch", Category::PatientName);
/// let scrubber = Scrubber::new(roster.build());
/// // A real deployment hashes with the study key; any stable hash works here.
/// let surrogates = Surrogates::new(|s: &str| s.bytes().fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b))));
/// let ctx = ScrubContext { lang: Lang::De, sent_date: None, shift_days: 10 };
/// let a = scrubber.scrub_with("Anna Koch kam am 12.03.2025.", &ctx, &surrogates).text;
/// let b = scrubber.scrub_with("Frau Koch kam.", &ctx, &surrogates).text;
/// assert!(a.ends_with("kam am 22.03.2025."));
/// assert!(!a.contains("Koch") && !b.contains("Koch"));
/// // The same surname gets the same surrogate in both messages.
/// let surname = a.split(' ').nth(1).unwrap();
/// assert!(b.contains(surname));
/// ```
pub struct Surrogates<H: Fn(&str) -> u64> {
    hash: H,
}

impl<H: Fn(&str) -> u64> std::fmt::Debug for Surrogates<H> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Surrogates")
    }
}

impl<H: Fn(&str) -> u64> Surrogates<H> {
    /// Surrogates chosen by `hash`.
    pub fn new(hash: H) -> Surrogates<H> {
        Surrogates { hash }
    }

    fn h(&self, domain: &str, value: &str) -> u64 {
        let mut s = String::with_capacity(domain.len() + value.len() + 1);
        s.push_str(domain);
        s.push('\u{1f}');
        s.push_str(value);
        (self.hash)(&s)
    }

    /// A surrogate for one name word.
    fn name_word(&self, word: &str, case: Case, lang: crate::Lang, out: &mut String) {
        let folded = fold_pattern(word, Umlauts::Spelled);
        let is_first = lexicon::lookup(&word.to_lowercase()).flags & FIRST != 0;
        let pool = if is_first {
            lexicon::first_names(lang)
        } else {
            lexicon::surnames(lang)
        };
        let mut idx = (self.h(if is_first { "first" } else { "surname" }, &folded)
            % pool.len() as u64) as usize;
        if fold_pattern(pool[idx], Umlauts::Spelled) == folded {
            idx = (idx + 1) % pool.len();
        }
        let pick = pool[idx];
        match case {
            Case::Upper => out.push_str(&pick.to_uppercase()),
            Case::Lower => out.push_str(&pick.to_lowercase()),
            _ => out.push_str(pick),
        }
    }

    fn name(&self, text: &str, ctx: &ScrubContext, out: &mut String) {
        let doc = Doc::new(text);
        let mut at = 0;
        for (i, t) in doc.toks.iter().enumerate() {
            if t.kind != Kind::Word {
                continue;
            }
            out.push_str(&text[at..t.start]);
            let w = doc.s(i);
            if w.chars().count() == 1 {
                // An initial stays an initial.
                let letter = (b'A' + (self.h("initial", &w.to_lowercase()) % 26) as u8) as char;
                if t.case == Case::Lower {
                    out.push(letter.to_ascii_lowercase());
                } else {
                    out.push(letter);
                }
            } else if t.info.flags & PARTICLE != 0 && t.case == Case::Lower && doc.len() > 1 {
                out.push_str(w);
            } else {
                self.name_word(w, t.case, ctx.lang, out);
            }
            at = t.end;
        }
        out.push_str(&text[at..]);
    }

    /// Digits replaced by keyed digits; the layout and a leading `0` or `+` stay.
    fn digits(&self, domain: &str, text: &str, out: &mut String) {
        let mut h = self.h(domain, text);
        let mut first = true;
        for c in text.chars() {
            if c.is_ascii_digit() {
                if first && c == '0' {
                    out.push('0');
                } else {
                    if h < 10 {
                        h = self.h(domain, &format!("{text}{h}"));
                    }
                    out.push(char::from(b'0' + (h % 10) as u8));
                    h /= 10;
                }
                first = false;
            } else {
                out.push(c);
            }
        }
    }
}

impl<H: Fn(&str) -> u64> Replacement for Surrogates<H> {
    fn write(&self, original: &str, finding: &Finding, out: &mut String) {
        TagReplacement.write(original, finding, out);
    }

    fn write_in(&self, original: &str, finding: &Finding, ctx: &ScrubContext, out: &mut String) {
        let text = &original[finding.start..finding.end];
        match finding.category {
            Category::PatientName | Category::ClinicianName | Category::OtherName => {
                self.name(text, ctx, out)
            }
            Category::Date => {
                match shift::shift_date(text, ctx.lang, ctx.sent_date, ctx.shift_days) {
                    Some(s) => out.push_str(&s),
                    None => out.push_str(finding.category.tag()),
                }
            }
            Category::Phone | Category::IdNumber | Category::Iban | Category::Postcode => {
                self.digits(finding.category.as_str(), text, out);
            }
            Category::Email => {
                let h = self.h("email", &text.to_lowercase());
                let first = lexicon::first_names(ctx.lang);
                let sur = lexicon::surnames(ctx.lang);
                let f = fold_pattern(first[(h % first.len() as u64) as usize], Umlauts::Spelled);
                let s = fold_pattern(
                    sur[((h >> 20) % sur.len() as u64) as usize],
                    Umlauts::Spelled,
                );
                out.push_str(&format!("{f}.{s}@example.org"));
            }
            Category::Url => out.push_str("https://example.org"),
            Category::AgeOver89 => out.push_str("90+"),
            Category::City => {
                // A city of the message's language, the same for the same city.
                let pool = lexicon::cities(ctx.lang);
                let folded = fold_pattern(text, Umlauts::Spelled);
                let mut idx = (self.h("city", &folded) % pool.len() as u64) as usize;
                if fold_pattern(pool[idx], Umlauts::Spelled) == folded {
                    idx = (idx + 1) % pool.len();
                }
                out.push_str(pool[idx]);
            }
            Category::StreetAddress | Category::Institution => out.push_str(finding.category.tag()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Lang, RosterBuilder, Scrubber};

    fn hash(s: &str) -> u64 {
        // FNV-1a: stable, keyless, good enough for tests.
        s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        })
    }

    #[test]
    fn names_are_consistent_and_keep_their_shape() {
        let mut roster = RosterBuilder::new();
        roster.add_name("Jürgen Müller", Category::PatientName);
        let s = Scrubber::new(roster.build());
        let sur = Surrogates::new(hash);
        let ctx = ScrubContext::new(Lang::De);
        let a = s.scrub_with("Jürgen Müller", &ctx, &sur).text;
        let b = s.scrub_with("J. MUELLER", &ctx, &sur).text;
        let (first, last) = a.split_once(' ').unwrap();
        assert_ne!(first, "Jürgen");
        assert_ne!(last, "Müller");
        assert!(b.ends_with(&last.to_uppercase()), "{a} / {b}");
        assert!(b.len() >= 3 && b.as_bytes()[1] == b'.', "{b}");
        let nl = s
            .scrub_with("Jürgen Müller", &ScrubContext::new(Lang::Nl), &sur)
            .text;
        assert!(
            lexicon::surnames(Lang::Nl).contains(&nl.split_once(' ').unwrap().1),
            "{nl}"
        );
    }

    #[test]
    fn numbers_keep_layout_and_dates_shift() {
        let s = Scrubber::default();
        let sur = Surrogates::new(hash);
        let ctx = ScrubContext {
            lang: Lang::De,
            sent_date: chrono::NaiveDate::from_ymd_opt(2025, 3, 1),
            shift_days: 3,
        };
        let out = s
            .scrub_with("Tel. 030 1234567, am 3.5. und 12.03.2025", &ctx, &sur)
            .text;
        assert!(out.starts_with("Tel. 0"), "{out}");
        assert!(out.contains(" am 6.5. und 15.03.2025"), "{out}");
        let city = s.scrub_with("Wir wohnen in Berlin.", &ctx, &sur).text;
        let again = s.scrub_with("Grüße aus Berlin!", &ctx, &sur).text;
        let word = city
            .trim_start_matches("Wir wohnen in ")
            .trim_end_matches('.');
        assert_ne!(word, "Berlin");
        assert!(lexicon::cities(Lang::De).contains(&word), "{city}");
        assert!(again.contains(word), "{again}");
        assert_ne!(&out[5..16], "030 1234567");
        assert_eq!(out[5..16].len(), 11);
    }
}
