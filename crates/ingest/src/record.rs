//! The canonical record as Arrow columns.

use std::sync::Arc;

use arrow::array::{
    ArrayRef, Int32Builder, RecordBatch, StringBuilder, TimestampMicrosecondBuilder,
};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef, TimeUnit};
use veil_pipeline::CanonicalColumn;

/// Text columns of the canonical record, in schema order after `site`.
/// `sent_at` and `utc_offset_minutes` follow them.
pub(crate) const TEXT_COLUMNS: [CanonicalColumn; 17] = [
    CanonicalColumn::MessageId,
    CanonicalColumn::ThreadId,
    CanonicalColumn::PatientId,
    CanonicalColumn::SenderRole,
    CanonicalColumn::RecipientRole,
    CanonicalColumn::SenderId,
    CanonicalColumn::SenderName,
    CanonicalColumn::RecipientId,
    CanonicalColumn::RecipientName,
    CanonicalColumn::PatientFirstName,
    CanonicalColumn::PatientLastName,
    CanonicalColumn::PatientBirthDate,
    CanonicalColumn::Clinic,
    CanonicalColumn::Specialty,
    CanonicalColumn::Subject,
    CanonicalColumn::Body,
    CanonicalColumn::Language,
];

/// The schema every source is mapped onto: `site`, the raw text columns,
/// `sent_at` (UTC, microseconds) and `utc_offset_minutes` (local offset at
/// that instant, so local time of day survives). Unmapped columns are null.
pub fn canonical_schema() -> SchemaRef {
    let mut fields = vec![Field::new("site", DataType::Utf8, false)];
    fields.extend(
        TEXT_COLUMNS
            .iter()
            .map(|c| Field::new(c.as_str(), DataType::Utf8, true)),
    );
    fields.push(Field::new(
        "sent_at",
        DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
        false,
    ));
    fields.push(Field::new("utc_offset_minutes", DataType::Int32, false));
    Arc::new(Schema::new(fields))
}

/// Builds canonical batches row by row.
pub(crate) struct RecordBuilder {
    site: StringBuilder,
    text: Vec<StringBuilder>,
    sent_at: TimestampMicrosecondBuilder,
    offset: Int32Builder,
    rows: usize,
}

impl RecordBuilder {
    pub fn new() -> RecordBuilder {
        RecordBuilder {
            site: StringBuilder::new(),
            text: (0..TEXT_COLUMNS.len())
                .map(|_| StringBuilder::new())
                .collect(),
            sent_at: TimestampMicrosecondBuilder::new().with_timezone("UTC"),
            offset: Int32Builder::new(),
            rows: 0,
        }
    }

    /// Appends one row; `values[i]` is the value of `TEXT_COLUMNS[i]`.
    pub fn push(
        &mut self,
        site: &str,
        values: &[Option<&str>],
        utc_micros: i64,
        offset_minutes: i32,
    ) {
        self.site.append_value(site);
        for (builder, value) in self.text.iter_mut().zip(values) {
            builder.append_option(*value);
        }
        self.sent_at.append_value(utc_micros);
        self.offset.append_value(offset_minutes);
        self.rows += 1;
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The rows so far as a batch; the builder starts empty again.
    pub fn finish(&mut self) -> RecordBatch {
        let mut columns: Vec<ArrayRef> = vec![Arc::new(self.site.finish())];
        columns.extend(
            self.text
                .iter_mut()
                .map(|b| Arc::new(b.finish()) as ArrayRef),
        );
        columns.push(Arc::new(self.sent_at.finish()));
        columns.push(Arc::new(self.offset.finish()));
        self.rows = 0;
        RecordBatch::try_new(canonical_schema(), columns)
            .expect("builders match the canonical schema")
    }
}
