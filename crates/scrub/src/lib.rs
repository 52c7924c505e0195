//! veil-scrub: free-text de-identification for German, Dutch and English
//! portal messages.
//!
//! A [`Scrubber`] finds protected information in a message and replaces it.
//! Finding and replacing are kept apart: detectors produce [`Finding`]s
//! (span, [`Category`], rule, never a copy of the text) and a
//! [`Replacement`] decides what goes in their place, by default the category
//! tag such as `[PATIENT]`.
//!
//! Detectors:
//! - the [`Roster`]: names known from the export's own columns, matched in any
//!   case, with or without umlauts, as parts, with initials and particles;
//! - patterns: e-mail addresses and web addresses.
//!
//! The crate is pure: no Arrow, no files, no I/O.
//!
//! ```
//! use veil_scrub::{Category, Lang, RosterBuilder, Scrubber};
//!
//! let mut roster = RosterBuilder::new();
//! roster.add_name("Anna Koch", Category::PatientName);
//! roster.add_name("Dr. Katrin Wolf", Category::ClinicianName);
//! let scrubber = Scrubber::new(roster.build());
//!
//! let out = scrubber.scrub("Liebe Frau Koch, bitte melden Sie sich. Viele Grüße, K. Wolf", Lang::De);
//! assert_eq!(out.text, "Liebe Frau [PATIENT], bitte melden Sie sich. Viele Grüße, [CLINICIAN]");
//! assert_eq!(out.findings.len(), 2);
//! ```
#![deny(missing_docs)]

mod category;
mod finding;
mod fold;
mod lang;
mod patterns;
mod replace;
mod roster;

pub use category::Category;
pub use finding::Finding;
pub use lang::Lang;
pub use replace::{Replacement, TagReplacement, apply};
pub use roster::{ROSTER_RULE, Roster, RosterBuilder};

/// Finds and replaces protected information in free text.
#[derive(Debug, Clone, Default)]
pub struct Scrubber {
    roster: Roster,
}

/// A scrubbed text and what was found in the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scrubbed {
    /// The text with every finding replaced.
    pub text: String,
    /// The findings, sorted, non-overlapping, with offsets into the original.
    pub findings: Vec<Finding>,
}

impl Scrubber {
    /// A scrubber that removes the names in `roster` and every pattern.
    pub fn new(roster: Roster) -> Scrubber {
        Scrubber { roster }
    }

    /// The sorted, non-overlapping findings in `text`.
    pub fn find(&self, text: &str, lang: Lang) -> Vec<Finding> {
        let mut findings = Vec::new();
        if !self.roster.is_empty() {
            self.roster.find(&fold::fold(text), &mut findings);
        }
        patterns::find_patterns(text, lang, &mut findings);
        finding::resolve_overlaps(&mut findings);
        findings
    }

    /// `text` with every finding replaced by its category tag.
    pub fn scrub(&self, text: &str, lang: Lang) -> Scrubbed {
        self.scrub_with(text, lang, &TagReplacement)
    }

    /// `text` with every finding replaced by `replacement`.
    pub fn scrub_with(&self, text: &str, lang: Lang, replacement: &dyn Replacement) -> Scrubbed {
        let findings = self.find(text, lang);
        let text = apply(text, &findings, replacement);
        Scrubbed { text, findings }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrubbing_twice_changes_nothing_further() {
        let mut roster = RosterBuilder::new();
        roster.add_name("Anna Koch", Category::PatientName);
        let scrubber = Scrubber::new(roster.build());
        let once = scrubber
            .scrub("anna koch: a.koch@example.org", Lang::De)
            .text;
        assert_eq!(once, "[PATIENT]: [EMAIL]");
        assert_eq!(scrubber.scrub(&once, Lang::De).text, once);
    }
}
