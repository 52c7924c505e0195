//! Text built piece by piece, with the gold span of every protected piece
//! recorded while it is written (never found by searching afterwards).

use serde::{Deserialize, Serialize};

/// A category of protected information, spelled as in gold files
/// (the same names as `veil_scrub::Category::as_str`). The discriminants
/// are the positions in [`Category::ALL`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Category {
    /// The patient's own name.
    PatientName,
    /// A clinician's name.
    ClinicianName,
    /// Any other person: relatives, proxies, other staff.
    OtherName,
    /// A day or month element of a date, in any written form.
    Date,
    /// An age of 90 or more.
    #[serde(rename = "AGE_OVER_89")]
    AgeOver89,
    /// A telephone number.
    Phone,
    /// An e-mail address.
    Email,
    /// A web address.
    Url,
    /// A street and house number.
    StreetAddress,
    /// A postal code.
    Postcode,
    /// A city or town.
    City,
    /// An identifying number (BSN, insurance number, record number).
    IdNumber,
    /// A bank account number.
    Iban,
    /// A hospital, practice or other institution.
    Institution,
}

impl Category {
    /// Every category, in the order of the scorer's table.
    pub const ALL: [Category; 14] = [
        Category::PatientName,
        Category::ClinicianName,
        Category::OtherName,
        Category::Date,
        Category::AgeOver89,
        Category::Phone,
        Category::Email,
        Category::Url,
        Category::StreetAddress,
        Category::Postcode,
        Category::City,
        Category::IdNumber,
        Category::Iban,
        Category::Institution,
    ];

    /// The upper-case name used in gold files.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::PatientName => "PATIENT_NAME",
            Category::ClinicianName => "CLINICIAN_NAME",
            Category::OtherName => "OTHER_NAME",
            Category::Date => "DATE",
            Category::AgeOver89 => "AGE_OVER_89",
            Category::Phone => "PHONE",
            Category::Email => "EMAIL",
            Category::Url => "URL",
            Category::StreetAddress => "STREET_ADDRESS",
            Category::Postcode => "POSTCODE",
            Category::City => "CITY",
            Category::IdNumber => "ID_NUMBER",
            Category::Iban => "IBAN",
            Category::Institution => "INSTITUTION",
        }
    }
}

/// A protected piece of a text: char offsets (end exclusive) and category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawSpan {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// What it is.
    pub category: Category,
}

/// A text under construction.
#[derive(Debug, Clone, Default)]
pub struct Text {
    /// The text so far.
    pub s: String,
    /// Its length in chars.
    pub chars: usize,
    /// The spans so far, in order.
    pub spans: Vec<RawSpan>,
}

impl Text {
    /// Empties the text, keeping its buffers.
    pub fn clear(&mut self) {
        self.s.clear();
        self.chars = 0;
        self.spans.clear();
    }

    /// Appends unprotected text.
    pub fn push(&mut self, piece: &str) {
        self.s.push_str(piece);
        self.chars += char_len(piece);
    }

    /// Appends a protected piece and records its span.
    pub fn span(&mut self, piece: &str, category: Category) {
        let start = self.chars;
        self.push(piece);
        if self.chars > start {
            self.spans.push(RawSpan {
                start,
                end: self.chars,
                category,
            });
        }
    }

    /// The text of the last span of `category`, if any.
    pub fn last_span(&self, category: Category) -> Option<String> {
        let span = self.spans.iter().rev().find(|s| s.category == category)?;
        Some(
            self.s
                .chars()
                .skip(span.start)
                .take(span.end - span.start)
                .collect(),
        )
    }

    /// Rewrites the text char by char (e.g. to upper case), keeping every
    /// char that does not map to exactly one char, so spans stay valid.
    pub fn map_chars(&mut self, f: impl Fn(char) -> Option<char>) {
        let mapped: String = self.s.chars().map(|c| f(c).unwrap_or(c)).collect();
        self.s = mapped;
    }

    /// Appends another text with its spans.
    pub fn append(&mut self, other: &Text) {
        let offset = self.chars;
        self.push(&other.s);
        self.spans.extend(other.spans.iter().map(|s| RawSpan {
            start: s.start + offset,
            end: s.end + offset,
            category: s.category,
        }));
    }

    /// Upper-cases the char starting at byte `at` if that keeps the length
    /// in chars and bytes.
    pub fn capitalize_at(&mut self, at: usize) {
        if let Some(first) = self.s.get(at..).and_then(|r| r.chars().next())
            && let Some(upper) = upper_one(first)
            && upper != first
            && upper.len_utf8() == first.len_utf8()
        {
            let mut buf = [0u8; 4];
            self.s
                .replace_range(at..at + first.len_utf8(), upper.encode_utf8(&mut buf));
        }
    }

    /// Removes trailing whitespace (never inside a span).
    pub fn trim_end(&mut self) {
        while let Some(c) = self.s.chars().next_back() {
            if !c.is_whitespace() {
                break;
            }
            if self.spans.last().is_some_and(|s| s.end == self.chars) {
                break;
            }
            self.s.pop();
            self.chars -= 1;
        }
    }
}

/// Upper case of a char if it is exactly one char.
pub fn upper_one(c: char) -> Option<char> {
    let mut it = c.to_uppercase();
    match (it.next(), it.next()) {
        (Some(u), None) => Some(u),
        _ => None,
    }
}

/// Lower case of a char if it is exactly one char.
pub fn lower_one(c: char) -> Option<char> {
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) => Some(l),
        _ => None,
    }
}

/// Length in chars (Unicode scalar values).
pub fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_char_offsets_and_survive_case_mapping() {
        let mut t = Text::default();
        t.push("Liebe Frau ");
        t.span("Bäcker", Category::PatientName);
        t.push(", grüße!");
        assert_eq!(
            t.spans,
            vec![RawSpan {
                start: 11,
                end: 17,
                category: Category::PatientName
            }]
        );
        t.map_chars(upper_one);
        let covered: String = t.s.chars().skip(11).take(6).collect();
        assert_eq!(covered, "BÄCKER");
        assert!(
            t.s.contains("GRÜßE"),
            "ß has no one-char upper case and stays"
        );
        assert_eq!(t.s.chars().count(), t.chars);
    }
}
