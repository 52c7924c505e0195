//! gold.jsonl: one object per message with the raw subject and body and the
//! char span of every protected element (the contract in GOLD.md).

use serde::{Deserialize, Serialize};

use crate::text::{Category, RawSpan, Text};

/// Names as they stand in the export's own columns for one message.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Names {
    /// The patient's first and last name.
    #[serde(default)]
    pub patient: Vec<String>,
    /// Clinician senders or recipients.
    #[serde(default)]
    pub clinician: Vec<String>,
    /// Proxy senders and other staff.
    #[serde(default)]
    pub other: Vec<String>,
}

/// One protected element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldSpan {
    /// `subject` or `body`.
    pub field: String,
    /// First char (Unicode scalar values).
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// What it is.
    pub category: Category,
    /// The covered text.
    pub text: String,
}

/// One line of gold.jsonl.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldRecord {
    /// The message id as in the export.
    pub message_id: String,
    /// `de`, `nl` or `en`.
    pub language: String,
    /// Local send time with offset (RFC 3339).
    pub sent_at: String,
    /// Roster names from the export's columns.
    pub names: Names,
    /// The raw subject.
    pub subject: String,
    /// The raw body.
    pub body: String,
    /// Every protected element.
    pub spans: Vec<GoldSpan>,
}

/// Borrowed form of [`GoldRecord`] for writing without copies.
#[derive(Debug, Serialize)]
pub(crate) struct GoldRef<'a> {
    pub message_id: &'a str,
    pub language: &'a str,
    pub sent_at: &'a str,
    pub names: NamesRef<'a>,
    pub subject: &'a str,
    pub body: &'a str,
    pub spans: Vec<SpanRef<'a>>,
}

/// Borrowed form of [`Names`].
#[derive(Debug, Serialize)]
pub(crate) struct NamesRef<'a> {
    pub patient: &'a [&'a str],
    pub clinician: &'a [&'a str],
    pub other: &'a [&'a str],
}

/// Borrowed form of [`GoldSpan`].
#[derive(Debug, Serialize)]
pub(crate) struct SpanRef<'a> {
    pub field: &'static str,
    pub start: usize,
    pub end: usize,
    pub category: Category,
    pub text: &'a str,
}

/// The spans of a field with their covered text.
pub(crate) fn spans_of<'a>(field: &'static str, text: &'a Text, out: &mut Vec<SpanRef<'a>>) {
    if text.spans.is_empty() {
        return;
    }
    let ascii = text.s.is_ascii();
    let byte_at = |char_pos: usize| -> usize {
        if ascii {
            char_pos
        } else {
            text.s
                .char_indices()
                .nth(char_pos)
                .map_or(text.s.len(), |(b, _)| b)
        }
    };
    for RawSpan {
        start,
        end,
        category,
    } in &text.spans
    {
        out.push(SpanRef {
            field,
            start: *start,
            end: *end,
            category: *category,
            text: &text.s[byte_at(*start)..byte_at(*end)],
        });
    }
}
