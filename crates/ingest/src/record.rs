//! The canonical record as Arrow columns.

use std::sync::Arc;

use arrow::array::{
    ArrayRef, Int32Builder, RecordBatch, StringBuilder, TimestampMicrosecondBuilder,
};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef, TimeUnit};
use veil_pipeline::CanonicalColumn;

/// Text columns of the canonical record, in schema order after `site`:
/// every canonical column but the two timestamps. `sent_at` and
/// `utc_offset_minutes` follow them.
pub(crate) const TEXT_COLUMNS: [CanonicalColumn; 17] = {
    let all = CanonicalColumn::ALL;
    let mut text = [CanonicalColumn::MessageId; 17];
    let (mut i, mut n) = (0, 0);
    while i < all.len() {
        if !matches!(
            all[i],
            CanonicalColumn::SentAt | CanonicalColumn::LoggedInAt
        ) {
            text[n] = all[i];
            n += 1;
        }
        i += 1;
    }
    assert!(n == text.len(), "TEXT_COLUMNS must list every text column");
    text
};

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
    /// Per text column, whether its values are kept (else it is all null).
    kept: [bool; TEXT_COLUMNS.len()],
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
            kept: [true; TEXT_COLUMNS.len()],
            sent_at: TimestampMicrosecondBuilder::new().with_timezone("UTC"),
            offset: Int32Builder::new(),
            rows: 0,
        }
    }

    /// Keeps the values of `columns` only; the other text columns are null
    /// in every batch from now on.
    pub fn keep_only(&mut self, columns: &[CanonicalColumn]) {
        for (kept, column) in self.kept.iter_mut().zip(TEXT_COLUMNS) {
            *kept = columns.contains(&column);
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
        for ((builder, value), kept) in self.text.iter_mut().zip(values).zip(self.kept) {
            builder.append_option(value.filter(|_| kept));
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
        let rows = self.rows;
        // The next batch is likely the size of this one: its builders start
        // at this one's size instead of growing (and copying) from nothing.
        let mut finish = |builder: &mut StringBuilder| {
            let array = builder.finish();
            let bytes = array.value_data().len();
            *builder = StringBuilder::with_capacity(rows, bytes + bytes / 8);
            Arc::new(array) as ArrayRef
        };
        let mut columns: Vec<ArrayRef> = vec![finish(&mut self.site)];
        columns.extend(self.text.iter_mut().map(&mut finish));
        columns.push(Arc::new(self.sent_at.finish()));
        columns.push(Arc::new(self.offset.finish()));
        self.rows = 0;
        RecordBatch::try_new(canonical_schema(), columns)
            .expect("builders match the canonical schema")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_holds_every_column_once_with_both_times_at_the_end() {
        let schema = canonical_schema();
        let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        let mut want = vec!["site"];
        want.extend(
            CanonicalColumn::ALL
                .iter()
                .filter(|c| !matches!(c, CanonicalColumn::SentAt | CanonicalColumn::LoggedInAt))
                .map(|c| c.as_str()),
        );
        want.extend(["sent_at", "utc_offset_minutes"]);
        assert_eq!(names, want);
        assert!(names.contains(&"body") && names.contains(&"patient_birth_date"));
    }
}
