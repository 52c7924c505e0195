//! The thread columns of one run of de-identified rows, derived over Arrow
//! arrays: each message's position in its thread and, where times are
//! released, the time and side (patient or clinic) of the message before it.
//!
//! This is what [`crate::plan::window_sql`] computes with SQL window
//! functions, which a release made at once still uses; a run of patient
//! ranges is in memory, so only its key columns are sorted here and the
//! wide rows (text, findings) never move. The `window` tests check that
//! both give the same columns.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, Int64Array, RecordBatch, StringArray, UInt32Array};
use arrow::compute::take;
#[cfg(test)]
use arrow::datatypes::Schema;
use arrow::datatypes::{DataType, Field};
use arrow::error::ArrowError;

use crate::sort_keys::{column, sorted_by};

/// The columns the window needs from the rows.
const SITE: &str = "site";
const THREAD: &str = "thread_pid";
const MESSAGE: &str = "message_pid";
const ORDER_AT: &str = "order_at";
const KIND_ROLE: &str = "kind_role";

/// Roles whose messages are on the patient's side of a thread.
const PATIENT_SIDE_ROLES: [&str; 2] = ["patient", "proxy"];

/// The columns the thread window needs from the rows.
pub(crate) fn key_columns(timed: bool) -> &'static [&'static str] {
    if timed {
        &[SITE, THREAD, MESSAGE, ORDER_AT, KIND_ROLE]
    } else {
        &[SITE, THREAD, MESSAGE]
    }
}

/// `batch` with the [`thread_columns`] appended.
#[cfg(test)]
pub(crate) fn with_thread_columns(
    batch: &RecordBatch,
    timed: bool,
) -> Result<RecordBatch, ArrowError> {
    let mut fields: Vec<Arc<Field>> = batch.schema().fields().iter().cloned().collect();
    let mut columns: Vec<ArrayRef> = batch.columns().to_vec();
    for (field, column) in thread_columns(batch, timed)? {
        fields.push(Arc::new(field));
        columns.push(column);
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)
}

/// The thread columns of the rows of `batch` (which needs only the
/// [`key_columns`]): `position_in_thread` and, when `timed`,
/// `previous_order_at` and `previous_side`. Messages are ordered within
/// (site, thread) by `order_at` when timed, then by `message_pid`; a
/// message without a thread is a thread of its own.
pub(crate) fn thread_columns(
    batch: &RecordBatch,
    timed: bool,
) -> Result<Vec<(Field, ArrayRef)>, ArrowError> {
    let site = column(batch, SITE)?;
    let thread = column(batch, THREAD)?;
    let order_at = if timed {
        Some(column(batch, ORDER_AT)?)
    } else {
        None
    };

    // Sort the keys only: site, thread (threadless messages last), time, message.
    let order: &[&str] = if timed {
        &[SITE, THREAD, ORDER_AT, MESSAGE]
    } else {
        &[SITE, THREAD, MESSAGE]
    };
    let sorted = sorted_by(batch, order)?;

    // Walk the sorted rows: a row continues the thread of the row before it
    // when both have a thread and the same site and thread.
    let rows = batch.num_rows();
    let site_keys = string_keys(&site)?;
    let thread_keys = string_keys(&thread)?;
    let mut position = vec![0i64; rows];
    let mut previous: Vec<Option<u32>> = vec![None; rows];
    let mut before: Option<usize> = None;
    for &row in sorted.values() {
        let row = row as usize;
        let continues = before.is_some_and(|b| {
            thread_keys.is_valid(row)
                && thread_keys.is_valid(b)
                && thread_keys.value(row) == thread_keys.value(b)
                && site_keys.value(row) == site_keys.value(b)
        });
        match (continues, before) {
            (true, Some(b)) => {
                position[row] = position[b] + 1;
                previous[row] = Some(b as u32);
            }
            _ => position[row] = 1,
        }
        before = Some(row);
    }

    let mut columns = vec![(
        Field::new("position_in_thread", DataType::Int64, false),
        Arc::new(Int64Array::from(position)) as ArrayRef,
    )];
    if let Some(order_at) = &order_at {
        let previous = UInt32Array::from(previous);
        let previous_order_at = take(order_at.as_ref(), &previous, None)?;
        let roles = column(batch, KIND_ROLE)?;
        let roles = string_keys(&roles)?;
        let previous_side: StringArray = previous
            .iter()
            .map(|b| {
                b.map(|b| {
                    let b = b as usize;
                    if roles.is_valid(b) && PATIENT_SIDE_ROLES.contains(&roles.value(b)) {
                        "patient"
                    } else {
                        "clinic"
                    }
                })
            })
            .collect();
        columns.push((
            Field::new("previous_order_at", order_at.data_type().clone(), true),
            previous_order_at,
        ));
        columns.push((
            Field::new("previous_side", DataType::Utf8, true),
            Arc::new(previous_side) as ArrayRef,
        ));
    }
    Ok(columns)
}

/// A string column as plain UTF-8 values, whatever its string type.
fn string_keys(array: &ArrayRef) -> Result<StringArray, ArrowError> {
    match array.data_type() {
        DataType::Utf8 => Ok(array.as_string::<i32>().clone()),
        _ => Ok(arrow::compute::cast(array, &DataType::Utf8)?
            .as_string::<i32>()
            .clone()),
    }
}

#[cfg(test)]
mod tests {
    use arrow::array::TimestampMicrosecondArray;
    use arrow::compute::{SortOptions, concat_batches, sort_to_indices, take_record_batch};
    use datafusion::datasource::MemTable;
    use datafusion::prelude::SessionContext;
    use veil_pipeline::Pipeline;

    use super::*;
    use crate::plan::threaded_sql;

    fn pipeline(sent_at: &str) -> Pipeline {
        let text = format!(
            r#"
study = "t"
[[sources]]
name = "s"
site = "a"
path = "x.csv"
language = "de"
timestamp_format = "%Y"
time_zone = "UTC"
[sources.columns]
message_id = "m"
thread_id = "g"
patient_id = "p"
sender_role = "r"
sent_at = "t"
body = "b"
[policy]
message_id = "pseudonym"
thread_id = "pseudonym"
patient_id = "pseudonym"
sender_role = "keep"
sent_at = "{sent_at}"
body = "drop"
"#
        );
        Pipeline::parse(&text, std::path::Path::new("t.toml")).unwrap()
    }

    /// Rows of two sites whose threads share ids across sites, with
    /// threadless messages, equal times and missing roles.
    fn rows(timed: bool) -> RecordBatch {
        let n = 500u64;
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let (mut site, mut thread, mut message, mut at, mut role) =
            (vec![], vec![], vec![], vec![], vec![]);
        for i in 0..n {
            let r = next();
            site.push(if r % 2 == 0 { "a" } else { "b" });
            thread.push((r % 11 != 0).then(|| format!("t{}", (r >> 8) % 40)));
            message.push(format!("m{:05}", (i * 7919) % 100_000));
            at.push(((r >> 20) % 9) as i64 * 60_000_000);
            role.push(match (r >> 30) % 5 {
                0 => None,
                1 => Some("proxy"),
                2 | 3 => Some("patient"),
                _ => Some("clinician"),
            });
        }
        let mut fields = vec![
            Field::new("site", DataType::Utf8, false),
            Field::new("message_pid", DataType::Utf8, false),
            Field::new("thread_pid", DataType::Utf8, true),
            Field::new("kind_role", DataType::Utf8, true),
        ];
        let mut columns: Vec<ArrayRef> = vec![
            Arc::new(StringArray::from(site)),
            Arc::new(StringArray::from(message)),
            Arc::new(StringArray::from(thread)),
            Arc::new(StringArray::from(role)),
        ];
        if timed {
            let at = TimestampMicrosecondArray::from(at).with_timezone("UTC");
            fields.push(Field::new("order_at", at.data_type().clone(), false));
            columns.push(Arc::new(at));
        }
        RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).unwrap()
    }

    fn by_message(batch: &RecordBatch) -> RecordBatch {
        let order = sort_to_indices(
            batch.column_by_name("message_pid").unwrap(),
            Some(SortOptions::default()),
            None,
        )
        .unwrap();
        take_record_batch(batch, &order).unwrap()
    }

    async fn same_as_the_sql_window(sent_at: &str, timed: bool) {
        let pipeline = pipeline(sent_at);
        assert_eq!(crate::plan::thread_window(&pipeline), Some(timed));
        let rows = rows(timed);
        let ctx = SessionContext::new();
        let table = MemTable::try_new(rows.schema(), vec![vec![rows.clone()]]).unwrap();
        ctx.register_table("rows", Arc::new(table)).unwrap();
        let sql = ctx
            .sql(&threaded_sql(&pipeline, "rows"))
            .await
            .unwrap()
            .collect()
            .await
            .unwrap();
        let sql = by_message(&concat_batches(&sql[0].schema(), &sql).unwrap());
        let ours = by_message(&with_thread_columns(&rows, timed).unwrap());
        let mut compared = 0;
        for name in ["position_in_thread", "previous_order_at", "previous_side"] {
            let Some(want) = sql.column_by_name(name) else {
                assert!(ours.column_by_name(name).is_none(), "{name}");
                continue;
            };
            let got = ours.column_by_name(name).unwrap();
            let got = arrow::compute::cast(got, want.data_type()).unwrap();
            assert_eq!(&got, want, "{name}");
            compared += 1;
        }
        assert_eq!(compared, if timed { 3 } else { 1 });
        let positions = ours.column_by_name("position_in_thread").unwrap();
        let positions = positions.as_primitive::<arrow::datatypes::Int64Type>();
        assert!(
            positions.values().iter().any(|&p| p > 3),
            "threads are long"
        );
    }

    #[tokio::test]
    async fn timed_thread_columns_are_those_of_the_sql_window() {
        same_as_the_sql_window("shift", true).await;
    }

    #[tokio::test]
    async fn untimed_positions_are_those_of_the_sql_window() {
        same_as_the_sql_window("drop", false).await;
    }
}
