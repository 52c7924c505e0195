//! Arrow schemas of the release tables.

use std::sync::Arc;

use arrow::datatypes::{DataType, Field, Schema, SchemaRef, TimeUnit};

/// Name of the messages table and of its directory in a release.
pub const MESSAGES_TABLE: &str = "messages";

/// The `messages` table: one row per released message, every identifier a
/// pseudonym, every timestamp shifted, every text scrubbed.
///
/// `local_hour` is the hour of day in the site's time zone when the message
/// was really sent. The UTC offset itself is not released: summer or winter
/// time would tell the true season of a shifted date.
///
/// Columns a pipeline drops are absent; the order of the rest is this one.
pub fn messages_schema() -> SchemaRef {
    let text = |name: &str| Field::new(name, DataType::Utf8, true);
    Arc::new(Schema::new(vec![
        Field::new("site", DataType::Utf8, false),
        text("message_pid"),
        text("thread_pid"),
        text("patient_pid"),
        text("sender_pid"),
        text("recipient_pid"),
        text("sender_role"),
        text("recipient_role"),
        Field::new(
            "sent_at",
            DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
            true,
        ),
        Field::new("local_hour", DataType::Int32, true),
        text("day_part"),
        Field::new("position_in_thread", DataType::Int64, true),
        text("message_kind"),
        text("clinic"),
        text("specialty"),
        text("language"),
        text("subject"),
        text("body"),
        Field::new("redactions", DataType::Int32, true),
    ]))
}

/// The directory of one site's files inside a table directory
/// (`site=<code>`). Site codes are checked by the pipeline to be safe.
pub fn site_dir_name(site: &str) -> String {
    format!("site={site}")
}
