//! The findings of a prepared run, listed straight from its rows: the run
//! is already in the messages' order ([`crate::run::prepare_run`]), so each
//! message's findings only need sorting among themselves to come out in
//! the order [`crate::findings::findings_sql`] gives them, which a release
//! made at once still uses. A test checks both give the same rows.

use std::sync::Arc;

use arrow::array::{
    Array, ArrayRef, AsArray, Int32Array, RecordBatch, StringArray, StringBuilder, StructArray,
    UInt32Array,
};
use arrow::compute::take;
use arrow::datatypes::Int32Type;
use arrow::error::ArrowError;

use crate::findings::findings_schema;

/// The findings of `batch`, a batch of a prepared run (its `scrubbed`
/// column holds each message's findings), as rows of
/// [`findings_schema`]; `None` when the rows were not scrubbed.
pub(crate) fn findings_of_run(batch: &RecordBatch) -> Result<Option<RecordBatch>, ArrowError> {
    let (Some(site), Some(message), Some(scrubbed)) = (
        batch.column_by_name("site"),
        batch.column_by_name("message_pid"),
        batch.column_by_name("scrubbed"),
    ) else {
        return Ok(None);
    };
    let scrubbed = scrubbed.as_struct();
    let Some(lists) = scrubbed.column_by_name("findings") else {
        return Ok(None);
    };
    let lists = lists.as_list::<i32>();
    let items: &StructArray = lists.values().as_struct();
    let text = |name: &str| -> Result<&StringArray, ArrowError> {
        items
            .column_by_name(name)
            .map(|c| c.as_string::<i32>())
            .ok_or_else(|| ArrowError::SchemaError(format!("findings have no `{name}`")))
    };
    let number = |name: &str| -> Result<&Int32Array, ArrowError> {
        items
            .column_by_name(name)
            .map(|c| c.as_primitive::<Int32Type>())
            .ok_or_else(|| ArrowError::SchemaError(format!("findings have no `{name}`")))
    };
    let (field, start, end) = (text("field")?, number("start")?, number("end")?);
    let (category, rule, mac) = (text("category")?, text("rule")?, text("text_mac")?);
    let (site, message) = (site.as_string::<i32>(), message.as_string::<i32>());

    let mut rows: Vec<u32> = Vec::new();
    let mut picked: Vec<u32> = Vec::new();
    let mut own: Vec<u32> = Vec::new();
    for row in 0..batch.num_rows() {
        if scrubbed.is_null(row) || lists.is_null(row) {
            continue;
        }
        let offsets = lists.value_offsets();
        own.clear();
        own.extend(offsets[row] as u32..offsets[row + 1] as u32);
        // A message's findings on every column, as the SQL sorts them.
        own.sort_unstable_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            field
                .value(a)
                .cmp(field.value(b))
                .then(start.value(a).cmp(&start.value(b)))
                .then(end.value(a).cmp(&end.value(b)))
                .then(category.value(a).cmp(category.value(b)))
                .then(rule.value(a).cmp(rule.value(b)))
                .then(mac.value(a).cmp(mac.value(b)))
        });
        rows.extend(std::iter::repeat_n(row as u32, own.len()));
        picked.extend_from_slice(&own);
    }
    let picked = UInt32Array::from(picked);
    let mut sites = StringBuilder::with_capacity(rows.len(), rows.len() * 8);
    let mut messages = StringBuilder::with_capacity(rows.len(), rows.len() * 26);
    for &row in &rows {
        let row = row as usize;
        sites.append_value(if site.is_null(row) {
            ""
        } else {
            site.value(row)
        });
        messages.append_value(if message.is_null(row) {
            ""
        } else {
            message.value(row)
        });
    }
    let pick = |array: &dyn Array| take(array, &picked, None);
    let columns: Vec<ArrayRef> = vec![
        Arc::new(sites.finish()),
        Arc::new(messages.finish()),
        pick(field)?,
        pick(start)?,
        pick(end)?,
        pick(category)?,
        pick(rule)?,
        pick(mac)?,
    ];
    RecordBatch::try_new(findings_schema(), columns).map(Some)
}

#[cfg(test)]
mod tests {
    use arrow::array::{Int32Builder, Int64Array, ListBuilder, StructBuilder};
    use arrow::compute::concat_batches;
    use arrow::datatypes::{DataType, Field, Schema};
    use datafusion::datasource::MemTable;
    use datafusion::prelude::SessionContext;

    use super::*;
    use crate::findings::findings_sql;
    use crate::run::prepare_run;
    use crate::scrub_udf::finding_fields;

    /// Messages of two sites with zero to four findings each, some of them
    /// equal in field and start.
    fn rows() -> RecordBatch {
        let n = 3_000;
        let mut lists = ListBuilder::new(StructBuilder::from_fields(finding_fields(), 0));
        for i in 0..n {
            for k in 0..(i * 7) % 5 {
                let item = lists.values();
                let mut text = |at: usize, value: String| {
                    item.field_builder::<StringBuilder>(at)
                        .unwrap()
                        .append_value(value)
                };
                text(0, ["body", "subject"][(i + k) % 2].to_string());
                text(3, ["DATE", "PATIENT_NAME"][k % 2].to_string());
                text(4, format!("rule{}", (i * k) % 3));
                text(5, format!("mac{}", (i + 3 * k) % 4));
                for (at, value) in [(1, (i * 31 + k * 7) % 9), (2, (i + k) % 4 + 9)] {
                    item.field_builder::<Int32Builder>(at)
                        .unwrap()
                        .append_value(value as i32);
                }
                item.append(true);
            }
            lists.append(i % 11 != 0);
        }
        let lists = lists.finish();
        let scrubbed = StructArray::from(vec![(
            Arc::new(Field::new("findings", lists.data_type().clone(), true)),
            Arc::new(lists) as ArrayRef,
        )]);
        let text = |f: &dyn Fn(usize) -> String| -> ArrayRef {
            Arc::new(StringArray::from_iter_values((0..n).map(f)))
        };
        let schema = Schema::new(vec![
            Field::new("site", DataType::Utf8, false),
            Field::new("patient_pid", DataType::Utf8, false),
            Field::new("message_pid", DataType::Utf8, false),
            Field::new("sent_at", DataType::Int64, false),
            Field::new("scrubbed", scrubbed.data_type().clone(), true),
        ]);
        RecordBatch::try_new(
            Arc::new(schema),
            vec![
                text(&|i| ["b", "a"][i % 2].to_string()),
                text(&|i| format!("p{}", (i * 37) % 101)),
                text(&|i| format!("m{}", (i * 7919) % 10_007)),
                Arc::new(Int64Array::from_iter_values(
                    (0..n).map(|i| (i % 13) as i64),
                )),
                Arc::new(scrubbed),
            ],
        )
        .unwrap()
    }

    #[tokio::test]
    async fn a_runs_findings_are_those_of_the_sql_in_its_order() {
        let rows = rows();
        let order = ["site", "patient_pid", "sent_at", "message_pid"];
        let prepared =
            prepare_run(&rows.schema(), std::slice::from_ref(&rows), None, &order).unwrap();
        let listed: Vec<RecordBatch> = prepared
            .iter()
            .filter_map(|b| findings_of_run(b).unwrap())
            .collect();
        let listed = concat_batches(&findings_schema(), &listed).unwrap();
        assert!(listed.num_rows() > 3_000, "{}", listed.num_rows());

        // The SQL over the same rows, in no order, with `findings` a column.
        let scrubbed = rows.column(4).as_struct();
        let mut fields: Vec<Arc<Field>> = rows.schema().fields()[..4].to_vec();
        fields.push(Arc::new(Field::new(
            "findings",
            scrubbed.column(0).data_type().clone(),
            true,
        )));
        let mut columns = rows.columns()[..4].to_vec();
        columns.push(scrubbed.column(0).clone());
        let deid = RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).unwrap();
        let ctx = SessionContext::new();
        let table = MemTable::try_new(deid.schema(), vec![vec![deid.clone()]]).unwrap();
        ctx.register_table("d", Arc::new(table)).unwrap();
        let names: Vec<String> = deid
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        let sql = ctx
            .sql(&findings_sql("d", &names).unwrap())
            .await
            .unwrap()
            .collect()
            .await
            .unwrap();
        let sql = concat_batches(&sql[0].schema(), &sql).unwrap();
        assert_eq!(sql.num_rows(), listed.num_rows());
        for (i, (want, got)) in sql.columns().iter().zip(listed.columns()).enumerate() {
            assert_eq!(want.as_ref(), got.as_ref(), "column {i}");
        }
    }
}
