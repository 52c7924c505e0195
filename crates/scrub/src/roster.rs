//! Names known from the export itself, found in free text.
//!
//! A roster is built from the export's own name columns (patient, sender,
//! recipient, a staff list). Each name is expanded into the forms people
//! write: the full name, each part, hyphenated halves, surname with its
//! particles (`van den Berg`), initial with surname (`K. Wolf`), and the
//! umlaut-free spelling (`Muller`). All forms go into one Aho-Corasick
//! automaton over folded text, so one pass finds every roster name however it
//! is cased or accented.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::fold::{Folded, Umlauts, fold_pattern};
use crate::fuzzy::Fuzzy;
use crate::{Category, Finding};

/// Rule name of roster findings.
pub const ROSTER_RULE: &str = "roster";

/// Titles and forms of address stripped from the front of a name.
const TITLES: &[&str] = &[
    "dr",
    "dr.",
    "prof",
    "prof.",
    "med",
    "med.",
    "dipl.-psych.",
    "dipl.-med.",
    "pd",
    "herr",
    "frau",
    "hr.",
    "fr.",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "mx.",
    "miss",
    "dhr",
    "dhr.",
    "mevr",
    "mevr.",
    "mevrouw",
    "meneer",
    "mw.",
    "drs.",
    "ir.",
    "mag.",
];

/// Degrees and credentials written after a name.
const CREDENTIALS: &[&str] = &[
    "md", "do", "rn", "np", "pa", "phd", "msc", "bsc", "ma", "mba", "facc", "fnp", "aprn", "lpn",
    "cna", "pharmd", "dds", "jr", "sr",
];

/// Surname particles: part of a surname, never a name on their own.
const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "ter", "ten", "te", "zu", "zum", "zur", "vom", "het", "'t",
    "la", "le", "di", "da", "du", "del", "dos", "bin", "al",
];

/// Collects names and builds a [`Roster`].
#[derive(Debug, Default)]
pub struct RosterBuilder {
    patterns: HashMap<String, Category>,
    fuzzy: Fuzzy,
}

impl RosterBuilder {
    /// An empty builder.
    pub fn new() -> RosterBuilder {
        RosterBuilder::default()
    }

    /// Adds a person's name as written in an export column (`Dr. Katrin
    /// Wolf`, `Koch, Anna`, `van den Berg`) with the category its mentions
    /// get. Titles are stripped; blank names are ignored. When two names
    /// share a form, the category of higher priority keeps it.
    pub fn add_name(&mut self, name: &str, category: Category) {
        let tokens = name_tokens(name);
        if tokens.is_empty() {
            return;
        }
        let mut forms: Vec<String> = Vec::new();
        forms.push(tokens.join(" "));
        // Every part that can stand alone, and the halves of hyphenated parts.
        for token in &tokens {
            if is_particle(token) {
                continue;
            }
            forms.push(token.clone());
            if token.contains('-') {
                forms.extend(
                    token
                        .split('-')
                        .filter(|p| !is_particle(p))
                        .map(str::to_string),
                );
            }
        }
        // The surname with its particles (`van den Berg`, `von Stein`).
        if let Some(first_particle) = tokens.iter().position(|t| is_particle(t))
            && first_particle + 1 < tokens.len()
        {
            forms.push(tokens[first_particle..].join(" "));
        }
        // Initial and surname: `K. Wolf`, `K.Wolf`, `K Wolf`.
        if tokens.len() >= 2 {
            let surname_start = tokens
                .iter()
                .position(|t| is_particle(t))
                .unwrap_or(tokens.len() - 1);
            let surname = tokens[surname_start.max(1)..].join(" ");
            if let Some(initial) = tokens[0].chars().next().filter(|c| c.is_alphabetic()) {
                forms.push(format!("{initial}. {surname}"));
                forms.push(format!("{initial}.{surname}"));
                forms.push(format!("{initial} {surname}"));
            }
        }
        for token in &tokens {
            for part in token.split('-').filter(|p| !is_particle(p)) {
                self.fuzzy.add(part, category);
            }
        }
        for form in forms {
            if form.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                continue;
            }
            for umlauts in [Umlauts::Spelled, Umlauts::Dropped] {
                let pattern = fold_pattern(&form, umlauts);
                self.patterns
                    .entry(pattern)
                    .and_modify(|c| *c = (*c).min(category))
                    .or_insert(category);
            }
        }
    }

    /// How many distinct folded forms the roster holds.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// Whether no name was added.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Builds the matcher.
    pub fn build(self) -> Roster {
        if self.patterns.is_empty() {
            return Roster::default();
        }
        let mut entries: Vec<(String, Category)> = self.patterns.into_iter().collect();
        entries.sort();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            // ASCII text is searched unfolded.
            .ascii_case_insensitive(true)
            .build(entries.iter().map(|(p, _)| p.as_str()))
            .expect("roster patterns are plain strings");
        Roster {
            automaton: Some(automaton),
            categories: entries.into_iter().map(|(_, c)| c).collect(),
            fuzzy: self.fuzzy,
        }
    }
}

/// A compiled set of known names.
#[derive(Debug, Default, Clone)]
pub struct Roster {
    automaton: Option<AhoCorasick>,
    categories: Vec<Category>,
    fuzzy: Fuzzy,
}

impl Roster {
    /// How many folded forms the roster matches.
    pub fn len(&self) -> usize {
        self.categories.len()
    }

    /// Whether the roster is empty.
    pub fn is_empty(&self) -> bool {
        self.categories.is_empty()
    }

    /// Appends findings for words one edit away from a roster name part of
    /// five letters or more (`Huntter` for `Hunter`).
    pub(crate) fn find_misspelt(&self, doc: &crate::token::Doc<'_>, out: &mut Vec<Finding>) {
        self.fuzzy.find(doc, out);
    }

    /// Appends a finding for every whole-word roster name in `folded`, with
    /// offsets into `original`. A trailing possessive `s` is included.
    pub(crate) fn find(&self, folded: &Folded, out: &mut Vec<Finding>) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        let text = folded.text.as_bytes();
        for m in automaton.find_overlapping_iter(folded.text.as_ref()) {
            let (start, mut end) = (m.start(), m.end());
            if !starts_word(text, start) {
                continue;
            }
            if !ends_word(text, end) {
                // Possessive and genitive: `Kochs`, `Bakkers`.
                if text.get(end).is_some_and(|b| b | 0x20 == b's') && ends_word(text, end + 1) {
                    end += 1;
                } else {
                    continue;
                }
            }
            let (s, e) = folded.original_span(start, end);
            out.push(Finding {
                start: s,
                end: e,
                category: self.categories[m.pattern().as_usize()],
                rule: ROSTER_RULE,
            });
        }
    }
}

/// Whether a word may start at byte `at` (no letter or digit before it).
fn starts_word(text: &[u8], at: usize) -> bool {
    at == 0 || !is_word_byte(text, at - 1)
}

/// Whether a word may end at byte `at` (no letter or digit after it).
fn ends_word(text: &[u8], at: usize) -> bool {
    at >= text.len() || !is_word_byte(text, at)
}

/// Whether the char that holds byte `at` is a letter or digit. Folded text is
/// lower-case; non-ASCII bytes belong to letters that folding kept.
fn is_word_byte(text: &[u8], at: usize) -> bool {
    let b = text[at];
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Splits a name into tokens without titles; `Last, First` becomes
/// `First Last`.
fn name_tokens(name: &str) -> Vec<String> {
    // `Michael Black, MD`, `Anna Koch, RN, MSc`: credentials after commas.
    let mut name = name.trim();
    while let Some((head, tail)) = name.rsplit_once(',') {
        let tail = tail.trim();
        let credential = !tail.is_empty()
            && tail.split_whitespace().all(|w| {
                let letters: String = w.chars().filter(|c| c.is_alphabetic()).collect();
                CREDENTIALS.contains(&letters.to_lowercase().as_str())
                    || (letters.len() <= 4
                        && letters.chars().filter(|c| c.is_uppercase()).count() >= 2)
            });
        if !credential {
            break;
        }
        name = head.trim();
    }
    let reordered = match name.split_once(',') {
        Some((last, first)) if !first.trim().is_empty() && !last.trim().is_empty() => {
            format!("{} {}", first.trim(), last.trim())
        }
        _ => name.replace(',', " "),
    };
    let mut tokens: Vec<String> = reordered
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| c == ';' || c == ':').to_string())
        .filter(|t| !t.is_empty())
        .collect();
    while tokens
        .first()
        .is_some_and(|t| TITLES.contains(&t.to_lowercase().as_str()))
    {
        tokens.remove(0);
    }
    tokens
}

fn is_particle(token: &str) -> bool {
    PARTICLES.contains(&token.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold;

    fn spans(roster: &Roster, text: &str) -> Vec<(String, Category)> {
        let mut out = Vec::new();
        roster.find(&fold(text), &mut out);
        crate::finding::resolve_overlaps(&mut out);
        out.iter()
            .map(|f| (text[f.start..f.end].to_string(), f.category))
            .collect()
    }

    fn roster(names: &[(&str, Category)]) -> Roster {
        let mut b = RosterBuilder::new();
        for (n, c) in names {
            b.add_name(n, *c);
        }
        b.build()
    }

    #[test]
    fn finds_full_names_parts_and_initials_in_any_case() {
        let r = roster(&[
            ("Anna Koch", Category::PatientName),
            ("Dr. Katrin Wolf", Category::ClinicianName),
        ]);
        assert_eq!(
            spans(
                &r,
                "Liebe Frau KOCH, anna koch schrieb an K. Wolf und Dr. Wolf."
            ),
            vec![
                ("KOCH".into(), Category::PatientName),
                ("anna koch".into(), Category::PatientName),
                ("K. Wolf".into(), Category::ClinicianName),
                ("Wolf".into(), Category::ClinicianName),
            ]
        );
    }

    #[test]
    fn whole_words_only_with_possessive_s() {
        let r = roster(&[("Anna Koch", Category::PatientName)]);
        assert_eq!(spans(&r, "Kochsalz und Kochen"), vec![]);
        assert_eq!(
            spans(&r, "Frau Kochs Termin"),
            vec![("Kochs".into(), Category::PatientName)]
        );
    }

    #[test]
    fn umlaut_spellings_and_nfd_match() {
        let r = roster(&[("Jürgen Weiß", Category::PatientName)]);
        let found = spans(
            &r,
            "Herr Juergen Weiss, Herr Jurgen WEISS, Herr Ju\u{0308}rgen",
        );
        assert_eq!(found.len(), 3, "{found:?}");
    }

    #[test]
    fn hyphenated_and_particle_names() {
        let r = roster(&[
            ("Lena Schulze-Lindner", Category::PatientName),
            ("Pieter van den Berg", Category::OtherName),
        ]);
        assert_eq!(
            spans(
                &r,
                "Frau Lindner und mevrouw Schulze-Lindner; groet, van den Berg"
            ),
            vec![
                ("Lindner".into(), Category::PatientName),
                ("Schulze-Lindner".into(), Category::PatientName),
                ("van den Berg".into(), Category::OtherName),
            ]
        );
        assert_eq!(
            spans(&r, "van de week"),
            vec![],
            "particles alone are no names"
        );
    }

    #[test]
    fn credentials_are_no_names() {
        let r = roster(&[("Michael Black, MD", Category::ClinicianName)]);
        assert_eq!(spans(&r, "MD").len(), 0);
        assert_eq!(spans(&r, "Michael Black, MD").len(), 1);
    }

    #[test]
    fn last_comma_first_and_titles() {
        let r = roster(&[
            ("Becker, Jonas", Category::ClinicianName),
            ("Prof. Dr. med. Eva Roth", Category::ClinicianName),
        ]);
        assert_eq!(spans(&r, "Jonas Becker").len(), 1);
        assert_eq!(spans(&r, "Eva Roth").len(), 1);
        assert_eq!(spans(&r, "Dr. und Prof."), vec![]);
    }

    #[test]
    fn shared_forms_keep_the_higher_priority_category() {
        let r = roster(&[
            ("Petra Bauer", Category::OtherName),
            ("Max Bauer", Category::PatientName),
        ]);
        assert_eq!(
            spans(&r, "Bauer"),
            vec![("Bauer".into(), Category::PatientName)]
        );
    }
}
