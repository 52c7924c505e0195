//! Portal login events: their schema and batch builder.

use std::sync::Arc;

use arrow::array::{
    ArrayRef, Int32Builder, RecordBatch, StringBuilder, TimestampMicrosecondBuilder,
};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef, TimeUnit};

/// The schema of login batches (sources with `kind = "logins"`): `site`,
/// `patient_id` (raw), `logged_in_at` (UTC, microseconds) and
/// `utc_offset_minutes` (the local offset at that instant), with the same
/// conventions as the canonical messages schema's `sent_at`.
pub fn logins_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("site", DataType::Utf8, false),
        Field::new("patient_id", DataType::Utf8, false),
        Field::new(
            "logged_in_at",
            DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
            false,
        ),
        Field::new("utc_offset_minutes", DataType::Int32, false),
    ]))
}

/// Builds login batches row by row.
pub(crate) struct LoginBuilder {
    site: StringBuilder,
    patient: StringBuilder,
    at: TimestampMicrosecondBuilder,
    offset: Int32Builder,
    rows: usize,
}

impl LoginBuilder {
    pub fn new() -> LoginBuilder {
        LoginBuilder {
            site: StringBuilder::new(),
            patient: StringBuilder::new(),
            at: TimestampMicrosecondBuilder::new().with_timezone("UTC"),
            offset: Int32Builder::new(),
            rows: 0,
        }
    }

    pub fn push(&mut self, site: &str, patient_id: &str, utc_micros: i64, offset_minutes: i32) {
        self.site.append_value(site);
        self.patient.append_value(patient_id);
        self.at.append_value(utc_micros);
        self.offset.append_value(offset_minutes);
        self.rows += 1;
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The rows so far as a batch; the builder starts empty again.
    pub fn finish(&mut self) -> RecordBatch {
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.site.finish()),
            Arc::new(self.patient.finish()),
            Arc::new(self.at.finish()),
            Arc::new(self.offset.finish()),
        ];
        self.rows = 0;
        RecordBatch::try_new(logins_schema(), columns).expect("builders match the logins schema")
    }
}
