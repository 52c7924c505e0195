//! The release tables: their Arrow schemas and the documentation of every
//! column, in one place (`veil schema` and RELEASE.md are made from it).

use std::sync::Arc;

use arrow::datatypes::{DataType, Field, Schema, SchemaRef, TimeUnit};

/// Name of the messages table and of its directory in a release.
pub const MESSAGES_TABLE: &str = "messages";
/// Name of the patients table.
pub const PATIENTS_TABLE: &str = "patients";
/// Name of the threads table.
pub const THREADS_TABLE: &str = "threads";
/// Name of the logins table.
pub const LOGINS_TABLE: &str = "logins";

/// The scrubber's categories as they appear in `redactions_<category>`
/// column names (lower case); findings of any other category are counted in
/// `redactions_other`.
pub const REDACTION_CATEGORIES: [&str; 14] = [
    "patient_name",
    "clinician_name",
    "other_name",
    "date",
    "age_over_89",
    "phone",
    "email",
    "url",
    "street_address",
    "postcode",
    "city",
    "id_number",
    "iban",
    "institution",
];

/// Type of a release column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    /// UTF-8 text.
    Text,
    /// 32-bit integer.
    Int32,
    /// 64-bit integer.
    Int64,
    /// Timestamp, microseconds, UTC.
    Timestamp,
}

impl ColumnType {
    /// The Arrow type.
    pub fn data_type(self) -> DataType {
        match self {
            ColumnType::Text => DataType::Utf8,
            ColumnType::Int32 => DataType::Int32,
            ColumnType::Int64 => DataType::Int64,
            ColumnType::Timestamp => DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
        }
    }

    /// The SQL type name analysts see.
    pub fn sql_name(self) -> &'static str {
        match self {
            ColumnType::Text => "VARCHAR",
            ColumnType::Int32 => "INT",
            ColumnType::Int64 => "BIGINT",
            ColumnType::Timestamp => "TIMESTAMP (UTC)",
        }
    }
}

/// One documented column of a release table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnDoc {
    /// Column name.
    pub name: String,
    /// Its type.
    pub column_type: ColumnType,
    /// Whether it may be null (site never is).
    pub nullable: bool,
    /// What it means, for an analyst who has not read the code.
    pub doc: String,
}

/// One documented release table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableDoc {
    /// Table name (and directory in the release).
    pub name: &'static str,
    /// What one row is.
    pub doc: &'static str,
    /// The sort order of its rows.
    pub sorted_by: &'static str,
    /// Its columns, in order.
    pub columns: Vec<ColumnDoc>,
}

impl TableDoc {
    /// The Arrow schema of the table (every column; a pipeline may drop some).
    pub fn schema(&self) -> SchemaRef {
        Arc::new(Schema::new(
            self.columns
                .iter()
                .map(|c| Field::new(&c.name, c.column_type.data_type(), c.nullable))
                .collect::<Vec<_>>(),
        ))
    }
}

fn col(name: &str, column_type: ColumnType, doc: &str) -> ColumnDoc {
    ColumnDoc {
        name: name.to_string(),
        column_type,
        nullable: name != "site",
        doc: doc.to_string(),
    }
}

use ColumnType::{Int32, Int64, Text, Timestamp};

const SITE: &str = "Site code from the pipeline file; also the partition directory `site=<code>`.";
const PATIENT: &str = "Patient pseudonym: keyed HMAC-SHA256 of the patient id (and the site unless the pipeline links patients across sites), 26 characters. Joins the tables.";

fn messages() -> TableDoc {
    let mut columns = vec![
        col("site", Text, SITE),
        col(
            "message_pid",
            Text,
            "Message pseudonym (HMAC of site and message id).",
        ),
        col(
            "thread_pid",
            Text,
            "Thread pseudonym (HMAC of site and thread id).",
        ),
        col("patient_pid", Text, PATIENT),
        col(
            "sender_pid",
            Text,
            "Sender pseudonym (domain `person`; a patient who writes has another pseudonym here than in patient_pid).",
        ),
        col(
            "recipient_pid",
            Text,
            "Recipient pseudonym (domain `person`).",
        ),
        col("sender_role", Text, "patient, proxy, clinician or staff."),
        col(
            "recipient_role",
            Text,
            "patient, proxy, clinician or staff.",
        ),
        col(
            "sent_at",
            Timestamp,
            "When the message was sent, moved back by the patient's date shift (whole days; intervals within a patient and time of day are true, calendar dates are not). Where the policy generalizes it (`sent_at = \"generalize\"`), the first instant of the true local calendar month (or year, `[dates] generalize_to`): months are true, days and times are not.",
        ),
        col(
            "local_hour",
            Int32,
            "Hour of day (0-23) in the site's time zone when the message was really sent.",
        ),
        col(
            "day_part",
            Text,
            "night (0-5 h), early_morning (6-8 h), day (9-17 h), evening (18-23 h), from local_hour.",
        ),
        col(
            "weekday",
            Int32,
            "ISO weekday (1 Monday ... 7 Sunday) of the local send date. Present only when the shift keeps weekdays ([dates] whole_weeks = true) or timestamps are kept; absent otherwise, since a true weekday beside a shifted date gives away the shift modulo 7.",
        ),
        col(
            "position_in_thread",
            Int64,
            "1 for the first message of its thread, then 2, 3, ... by send time.",
        ),
        col(
            "message_kind",
            Text,
            "clinician_initial_note (a clinician opens the thread), patient_message (patient or proxy), clinician_reply (a clinician or staff member answers), clinician_message (no threads in the export).",
        ),
        col(
            "reply_latency_minutes",
            Int64,
            "Minutes since the previous message of the thread when that one came from the other side (patient or proxy vs. clinician or staff); null for the first message and for follow-ups by the same side. True intervals: both times carry the same shift (computed before generalizing where `sent_at` is generalized).",
        ),
        col(
            "clinic",
            Text,
            "Clinic as the export names it (kept as declared by the pipeline).",
        ),
        col("specialty", Text, "Specialty as the export names it."),
        col("language", Text, "de, nl or en."),
        col(
            "subject",
            Text,
            "Subject line, scrubbed: protected information replaced by tags such as [PATIENT], [DATE].",
        ),
        col("body", Text, "Message text, scrubbed the same way."),
        col(
            "char_count",
            Int32,
            "Characters (Unicode scalar values) of the scrubbed body.",
        ),
        col(
            "word_count",
            Int32,
            "Words (runs of non-space characters) of the scrubbed body; a tag counts as one word.",
        ),
        col(
            "redactions",
            Int32,
            "Number of redactions in subject and body together.",
        ),
    ];
    for category in REDACTION_CATEGORIES {
        columns.push(ColumnDoc {
            name: format!("redactions_{category}"),
            column_type: Int32,
            nullable: true,
            doc: format!(
                "Redactions of category {} in subject and body.",
                category.to_uppercase()
            ),
        });
    }
    columns.push(col(
        "redactions_other",
        Int32,
        "Redactions of any category not listed above.",
    ));
    TableDoc {
        name: MESSAGES_TABLE,
        doc: "One row per released message: every identifier a pseudonym, every timestamp shifted, every text scrubbed. Columns a pipeline drops are absent; the rest keep this order.",
        sorted_by: "site, patient_pid, sent_at, message_pid",
        columns,
    }
}

fn patients() -> TableDoc {
    TableDoc {
        name: PATIENTS_TABLE,
        doc: "One row per patient with at least one released message, derived from the de-identified messages (and logins).",
        sorted_by: "site, patient_pid",
        columns: vec![
            col("site", Text, SITE),
            col("patient_pid", Text, PATIENT),
            col("clinic", Text, "Clinic of the patient's first message."),
            col(
                "birth_year",
                Int32,
                "Birth year, when the pipeline generalizes patient_birth_date to `year`; null for patients aged 90 or more at their first message, for `age_band`, and where not released.",
            ),
            col(
                "age_band",
                Text,
                "Age at the first message in bands (`40-49`), when the pipeline asks for `age_band`; `90+` for every patient aged 90 or more.",
            ),
            col(
                "messages",
                Int64,
                "Messages in the release that belong to the patient (sent or received).",
            ),
            col(
                "patient_messages",
                Int64,
                "Of these, sent by the patient or a proxy.",
            ),
            col(
                "logins",
                Int64,
                "Portal logins (null when the study has no login source).",
            ),
            col(
                "first_activity",
                Timestamp,
                "First message or login, shifted.",
            ),
            col(
                "last_activity",
                Timestamp,
                "Last message or login, shifted.",
            ),
        ],
    }
}

fn threads() -> TableDoc {
    TableDoc {
        name: THREADS_TABLE,
        doc: "One row per conversation thread, derived from the de-identified messages.",
        sorted_by: "site, patient_pid, started_at, thread_pid",
        columns: vec![
            col("site", Text, SITE),
            col("thread_pid", Text, "Thread pseudonym."),
            col("patient_pid", Text, PATIENT),
            col("clinic", Text, "Clinic of the first message."),
            col(
                "started_by",
                Text,
                "Role of the first message's sender (patient, proxy, clinician, staff).",
            ),
            col(
                "started_at",
                Timestamp,
                "First message's `sent_at` (shifted, or generalized as the policy says).",
            ),
            col("messages", Int64, "Length: messages in the thread."),
            col(
                "duration_minutes",
                Int64,
                "Minutes from the first to the last message.",
            ),
        ],
    }
}

fn logins() -> TableDoc {
    TableDoc {
        name: LOGINS_TABLE,
        doc: "One row per portal login, where the study has login sources.",
        sorted_by: "site, patient_pid, logged_in_at",
        columns: vec![
            col("site", Text, SITE),
            col("patient_pid", Text, PATIENT),
            col(
                "logged_in_at",
                Timestamp,
                "Login time, moved by the same per-patient shift as the patient's messages, or generalized to its local month or year like `sent_at`.",
            ),
            col(
                "local_hour",
                Int32,
                "Hour of day (0-23) in the site's time zone of the real login.",
            ),
        ],
    }
}

/// Every release table, documented.
pub fn tables() -> Vec<TableDoc> {
    vec![messages(), patients(), threads(), logins()]
}

/// The documentation of one table.
pub fn table(name: &str) -> Option<TableDoc> {
    tables().into_iter().find(|t| t.name == name)
}

/// The `messages` table: one row per released message, every identifier a
/// pseudonym, every timestamp shifted, every text scrubbed.
///
/// `local_hour` is the hour of day in the site's time zone when the message
/// was really sent. The UTC offset itself is not released: summer or winter
/// time would tell the true season of a shifted date.
///
/// Columns a pipeline drops are absent; the order of the rest is this one.
pub fn messages_schema() -> SchemaRef {
    messages().schema()
}

/// The `patients` table.
pub fn patients_schema() -> SchemaRef {
    patients().schema()
}

/// The `threads` table.
pub fn threads_schema() -> SchemaRef {
    threads().schema()
}

/// The `logins` table.
pub fn logins_schema() -> SchemaRef {
    logins().schema()
}

/// The release format as Markdown: every table and column (RELEASE.md).
pub fn markdown() -> String {
    let mut out = String::from(
        "# The veil release format\n\n\
         A release is a directory `releases/<study>/` with `manifest.json` (tool version, \
         pipeline hash, key fingerprint, policy, row counts, sha256 of every file), \
         `audit.json` and `audit.html` (what was removed, re-identification risk), and one \
         directory per table below, partitioned by site (`<table>/site=<code>/part-00000.parquet`, \
         zstd, page statistics). No raw identifier, raw text or key is ever in it; the \
         steward's side (`private/<study>/`) holds quarantine, findings, review samples and \
         verify reports.\n\n\
         Query it with `veil sql releases/<study> -c \"SELECT ...\"`. This file is generated \
         by `veil schema --markdown`.\n",
    );
    for t in tables() {
        out.push_str(&format!(
            "\n## `{}`\n\n{}\n\nSorted by {}.\n\n| column | type | meaning |\n| --- | --- | --- |\n",
            t.name, t.doc, t.sorted_by
        ));
        for c in &t.columns {
            out.push_str(&format!(
                "| `{}` | {} | {} |\n",
                c.name,
                c.column_type.sql_name(),
                c.doc.replace('|', "\\|")
            ));
        }
    }
    out.push_str(
        "\n## The steward's side: `private/<study>/` (never shared)\n\n\
         | file | what |\n| --- | --- |\n\
         | `quarantine/<source>.csv` | rows not released: file, line, column, reason, raw row |\n\
         | `findings.parquet` | every scrubber detection: `site`, `message_pid`, `field` (subject or body), `start` and `end` (byte offsets in the raw text), `category`, `rule`, `text_mac` (HMAC-SHA256 of the matched text under the study key, 128 bits in hex; never the text). The audit's redaction counts come from it. |\n\
         | `audit-private.json` | removed tokens that are also ordinary words in the released text (where over-scrubbing hides); raw words |\n\
         | `verify/leaks.csv` | what `veil verify --pipeline` found, with the protected values |\n\
         | `review/review.html`, `review/marks.csv` | `veil review` samples: raw beside scrubbed, and the reviewer's marks |\n",
    );
    out
}

/// The directory of one site's files inside a table directory
/// (`site=<code>`). Site codes are checked by the pipeline to be safe.
pub fn site_dir_name(site: &str) -> String {
    format!("site={site}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_has_site_first_and_documented_unique_columns() {
        for t in tables() {
            assert_eq!(t.columns[0].name, "site", "{}", t.name);
            let mut names = std::collections::BTreeSet::new();
            for c in &t.columns {
                assert!(names.insert(c.name.clone()), "{}.{} twice", t.name, c.name);
                assert!(c.doc.len() > 10, "{}.{} needs a doc", t.name, c.name);
                assert!(!c.name.ends_with("_id"), "raw ids never: {}", c.name);
            }
        }
    }

    #[test]
    fn messages_count_redactions_per_category() {
        let schema = messages_schema();
        for c in REDACTION_CATEGORIES {
            assert!(schema.field_with_name(&format!("redactions_{c}")).is_ok());
        }
        assert!(schema.field_with_name("redactions_other").is_ok());
    }

    #[test]
    fn markdown_lists_every_column() {
        let md = markdown();
        for t in tables() {
            for c in &t.columns {
                assert!(md.contains(&format!("| `{}` |", c.name)), "{}", c.name);
            }
        }
    }
}
