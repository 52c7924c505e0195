//! gold.jsonl: one object per message with the raw subject and body and the
//! char span of every protected element (the contract in GOLD.md).

use serde::{Deserialize, Serialize};

use crate::text::Category;

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
