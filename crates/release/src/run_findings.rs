//! The findings of a run, listed straight from its rows: the run is put in
//! the messages' order ([`crate::run::prepare_run`]), so each message's
//! findings, taken in that order, only need sorting among themselves to
//! come out in the order [`crate::findings::findings_sql`] gives them,
//! which a release made at once still uses. A test checks both give the
//! same rows.

use std::sync::Arc;

use arrow::array::{
    Array, ArrayRef, AsArray, Int32Array, ListArray, RecordBatch, StringArray, StringBuilder,
    StructArray,
};
use arrow::compute::interleave;
use arrow::datatypes::Int32Type;
use arrow::error::ArrowError;

use crate::findings::findings_schema;
use crate::scrub_udf::text_or_empty;

/// One batch's columns that findings are listed from.
struct Source<'a> {
    site: &'a StringArray,
    message: &'a StringArray,
    scrubbed: &'a StructArray,
    lists: &'a ListArray,
    field: &'a StringArray,
    start: &'a Int32Array,
    end: &'a Int32Array,
    category: &'a StringArray,
    rule: &'a StringArray,
    mac: &'a StringArray,
}

impl<'a> Source<'a> {
    /// The columns of `batch`; `None` when its rows were not scrubbed.
    fn of(batch: &'a RecordBatch) -> Result<Option<Source<'a>>, ArrowError> {
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
        let text = |name: &str| -> Result<&'a StringArray, ArrowError> {
            items
                .column_by_name(name)
                .map(|c| c.as_string::<i32>())
                .ok_or_else(|| ArrowError::SchemaError(format!("findings have no `{name}`")))
        };
        let number = |name: &str| -> Result<&'a Int32Array, ArrowError> {
            items
                .column_by_name(name)
                .map(|c| c.as_primitive::<Int32Type>())
                .ok_or_else(|| ArrowError::SchemaError(format!("findings have no `{name}`")))
        };
        Ok(Some(Source {
            site: site.as_string::<i32>(),
            message: message.as_string::<i32>(),
            scrubbed,
            lists,
            field: text("field")?,
            start: number("start")?,
            end: number("end")?,
            category: text("category")?,
            rule: text("rule")?,
            mac: text("text_mac")?,
        }))
    }
}

/// The findings of the rows `rows` ((batch, row) in `batches`, in the
/// messages' order), as rows of [`findings_schema`]; `None` when the rows
/// were not scrubbed.
pub(crate) fn findings_of_rows(
    batches: &[RecordBatch],
    rows: &[(usize, usize)],
) -> Result<Option<RecordBatch>, ArrowError> {
    let mut sources = Vec::with_capacity(batches.len());
    for batch in batches {
        match Source::of(batch)? {
            Some(source) => sources.push(source),
            None => return Ok(None),
        }
    }
    // Sized at once: the findings of a whole run are many megabytes, which
    // would otherwise be copied over and over as the builders grow.
    let (mut count, mut site_bytes, mut message_bytes) = (0, 0, 0);
    for &(b, row) in rows {
        let s = &sources[b];
        if s.scrubbed.is_null(row) || s.lists.is_null(row) {
            continue;
        }
        let n = s.lists.value_length(row) as usize;
        count += n;
        site_bytes += n * text_or_empty(s.site, row).len();
        message_bytes += n * text_or_empty(s.message, row).len();
    }
    let mut picked: Vec<(usize, usize)> = Vec::with_capacity(count);
    let mut own: Vec<usize> = Vec::new();
    let mut sites = StringBuilder::with_capacity(count, site_bytes);
    let mut messages = StringBuilder::with_capacity(count, message_bytes);
    for &(b, row) in rows {
        let s = &sources[b];
        if s.scrubbed.is_null(row) || s.lists.is_null(row) {
            continue;
        }
        let offsets = s.lists.value_offsets();
        own.clear();
        own.extend(offsets[row] as usize..offsets[row + 1] as usize);
        // A message's findings on every column, as the SQL sorts them.
        own.sort_unstable_by(|&a, &b| {
            s.field
                .value(a)
                .cmp(s.field.value(b))
                .then(s.start.value(a).cmp(&s.start.value(b)))
                .then(s.end.value(a).cmp(&s.end.value(b)))
                .then(s.category.value(a).cmp(s.category.value(b)))
                .then(s.rule.value(a).cmp(s.rule.value(b)))
                .then(s.mac.value(a).cmp(s.mac.value(b)))
        });
        let (site, message) = (text_or_empty(s.site, row), text_or_empty(s.message, row));
        for &item in &own {
            sites.append_value(site);
            messages.append_value(message);
            picked.push((b, item));
        }
    }
    let pick = |column: for<'s> fn(&'s Source<'s>) -> &'s dyn Array| {
        let arrays: Vec<&dyn Array> = sources.iter().map(column).collect();
        interleave(&arrays, &picked)
    };
    let columns: Vec<ArrayRef> = vec![
        Arc::new(sites.finish()),
        Arc::new(messages.finish()),
        pick(|s| s.field)?,
        pick(|s| s.start)?,
        pick(|s| s.end)?,
        pick(|s| s.category)?,
        pick(|s| s.rule)?,
        pick(|s| s.mac)?,
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
    use crate::parquet_out::WRITE_BATCH_ROWS;
    use crate::run::{Grid, prepare_run};
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
        // A run comes in batches of any size.
        let parts = [rows.slice(0, 1_200), rows.slice(1_200, 1_800)];
        let listed = prepare_run(&rows.schema(), &parts, None, &order, Grid::default())
            .unwrap()
            .findings;
        let listed = concat_batches(&findings_schema(), &listed).unwrap();
        // A run after it starts its findings where this one left the file.
        let first = prepare_run(&rows.schema(), &parts, None, &order, Grid::default()).unwrap();
        let second = prepare_run(&rows.schema(), &parts, None, &order, first.grid).unwrap();
        let sizes: Vec<usize> = second.findings.iter().map(RecordBatch::num_rows).collect();
        let left = WRITE_BATCH_ROWS - listed.num_rows() % WRITE_BATCH_ROWS;
        assert_eq!(sizes, [left, listed.num_rows() - left]);
        // The prepared rows carry no findings of their own.
        let prepared = prepare_run(&rows.schema(), &parts, None, &order, Grid::default()).unwrap();
        let scrubbed = prepared.batches[0].column_by_name("scrubbed").unwrap();
        assert!(scrubbed.as_struct().column_by_name("findings").is_none());
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
