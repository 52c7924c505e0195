//! The check that generalized timestamps hold no more than their month:
//! under `generalize`, every released time is the first instant of a
//! local calendar month (a year start is one too).

use arrow::array::{Array, AsArray, RecordBatch};
use arrow::datatypes::{DataType, TimeUnit, TimestampMicrosecondType};
use chrono::{Datelike, Timelike};
use std::collections::BTreeMap;

/// The canonical column a released timestamp column comes from, for the
/// columns that hold one time each (not the patients' activity span, which
/// mixes messages and logins).
fn canonical(column: &str) -> Option<&'static str> {
    match column {
        "sent_at" | "started_at" => Some("sent_at"),
        "logged_in_at" => Some("logged_in_at"),
        _ => None,
    }
}

/// The first row (0-based within `batch`) and column of a timestamp that
/// `policy` (canonical column -> treatment) generalizes but that is not a
/// month start, with its canonical column.
pub(crate) fn finer_than_a_month(
    policy: &BTreeMap<String, String>,
    batch: &RecordBatch,
) -> Option<(usize, String, &'static str)> {
    for (field, column) in batch.schema().fields().iter().zip(batch.columns()) {
        let Some(source) = canonical(field.name()) else {
            continue;
        };
        if policy.get(source).map(String::as_str) != Some("generalize") {
            continue;
        }
        if !matches!(
            field.data_type(),
            DataType::Timestamp(TimeUnit::Microsecond, _)
        ) {
            continue; // reported by the schema check
        }
        let times = column.as_primitive::<TimestampMicrosecondType>();
        for row in 0..times.len() {
            if times.is_null(row) {
                continue;
            }
            let month_start = chrono::DateTime::from_timestamp_micros(times.value(row))
                .is_some_and(|t| {
                    t.day() == 1
                        && t.num_seconds_from_midnight() == 0
                        && t.timestamp_subsec_micros() == 0
                });
            if !month_start {
                return Some((row, field.name().clone(), source));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use arrow::array::TimestampMicrosecondArray;
    use arrow::datatypes::{Field, Schema};

    use super::*;

    fn batch(micros: Vec<i64>) -> RecordBatch {
        let times = TimestampMicrosecondArray::from(micros).with_timezone("UTC");
        let schema = Schema::new(vec![Field::new(
            "sent_at",
            DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
            true,
        )]);
        RecordBatch::try_new(Arc::new(schema), vec![Arc::new(times)]).unwrap()
    }

    fn manifest(treatment: &str) -> BTreeMap<String, String> {
        BTreeMap::from([("sent_at".to_string(), treatment.to_string())])
    }

    #[test]
    fn a_day_or_a_time_under_generalize_is_found_at_its_row() {
        let march = 1_709_251_200_000_000; // 2024-03-01T00:00:00Z
        let ok = batch(vec![march, march]);
        assert_eq!(finer_than_a_month(&manifest("generalize"), &ok), None);
        let day = batch(vec![march, march + 86_400_000_000]);
        assert_eq!(
            finer_than_a_month(&manifest("generalize"), &day),
            Some((1, "sent_at".to_string(), "sent_at"))
        );
        let minute = batch(vec![march + 60_000_000]);
        assert!(finer_than_a_month(&manifest("generalize"), &minute).is_some());
        assert_eq!(finer_than_a_month(&manifest("shift"), &day), None);
    }
}
