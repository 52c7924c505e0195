//! Why a row was quarantined.

/// Why a row was quarantined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The row has another number of fields than the header (a short or
    /// long row).
    FieldCount {
        /// Fields in the row.
        found: usize,
        /// Fields in the header.
        expected: usize,
    },
    /// A quoted field is never closed: the file ends inside it.
    UnterminatedQuote {
        /// Lines the row spans, to the end of the file.
        lines: u64,
    },
    /// A field is not valid UTF-8.
    InvalidUtf8 {
        /// Byte offset of the first bad byte in the field (or line).
        offset: usize,
    },
    /// A field is larger than the source's limit.
    FieldTooLarge {
        /// Its size in bytes.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// A required value is empty or absent.
    Missing,
    /// The timestamp does not match the source's format.
    BadTimestamp {
        /// The format expected.
        format: String,
    },
    /// The local time does not exist (daylight-saving gap).
    NonexistentLocalTime {
        /// The source's time zone.
        zone: String,
    },
    /// A message id seen before at this site.
    DuplicateMessageId {
        /// Line (record number for JSON) of the first row with that id,
        /// in the source that had it first.
        first_line: u64,
    },
    /// A role value the source's `roles` table does not map.
    UnknownRole {
        /// Known role values.
        known: Vec<String>,
    },
    /// A JSON line that does not parse.
    BrokenJson {
        /// 1-based column in the line where parsing failed.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// A JSON value that is an object or array where text was expected.
    NotText {
        /// The JSON type found.
        found: &'static str,
    },
    /// An NDJSON line of a FHIR export that is not the resource expected.
    WrongResource {
        /// The resource type found.
        found: String,
        /// The resource type expected.
        expected: &'static str,
    },
}

impl Reason {
    /// A short stable name of the reason, for counts and audits.
    pub fn kind(&self) -> &'static str {
        match self {
            Reason::FieldCount { .. } => "field_count",
            Reason::UnterminatedQuote { .. } => "unterminated_quote",
            Reason::InvalidUtf8 { .. } => "invalid_utf8",
            Reason::FieldTooLarge { .. } => "field_too_large",
            Reason::Missing => "missing_value",
            Reason::BadTimestamp { .. } => "bad_timestamp",
            Reason::NonexistentLocalTime { .. } => "nonexistent_local_time",
            Reason::DuplicateMessageId { .. } => "duplicate_message_id",
            Reason::UnknownRole { .. } => "unknown_role",
            Reason::BrokenJson { .. } => "broken_json",
            Reason::NotText { .. } => "not_text",
            Reason::WrongResource { .. } => "wrong_resource",
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::FieldCount { found, expected } => {
                write!(f, "row has {found} fields, the header has {expected}")
            }
            Reason::UnterminatedQuote { lines } => write!(
                f,
                "a quoted field is never closed: it runs from here to the end of the file, \
                 {lines} line(s) (a cut-off export, or a stray quote that took in the rows after it)"
            ),
            Reason::InvalidUtf8 { offset } => {
                write!(f, "invalid UTF-8 at byte {offset} of the field")
            }
            Reason::FieldTooLarge { bytes, limit } => {
                write!(
                    f,
                    "field of {bytes} bytes is over the limit of {limit} bytes"
                )
            }
            Reason::Missing => write!(f, "required value is empty"),
            Reason::BadTimestamp { format } => {
                write!(f, "timestamp does not match the format `{format}`")
            }
            Reason::NonexistentLocalTime { zone } => {
                write!(
                    f,
                    "local time does not exist in {zone} (daylight-saving gap)"
                )
            }
            Reason::DuplicateMessageId { first_line } => {
                write!(f, "duplicate message id (first seen on line {first_line})")
            }
            Reason::UnknownRole { known } => {
                write!(f, "unknown role (known: {})", known.join(", "))
            }
            Reason::BrokenJson { column, message } => {
                write!(f, "broken JSON at column {column}: {message}")
            }
            Reason::NotText { found } => {
                write!(f, "expected text, found a JSON {found}")
            }
            Reason::WrongResource { found, expected } => {
                write!(f, "expected a {expected} resource, found `{found}`")
            }
        }
    }
}
