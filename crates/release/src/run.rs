//! One run of patient ranges, in memory, made ready for the tables: the
//! run's de-identified rows get their thread columns
//! ([`crate::thread_window`]), are put in the order of the `messages` table
//! by their key columns (the wide rows move once), and are dealt over the
//! plan's partitions in consecutive blocks of batches. The table the
//! tables are made from ([`crate::plan::DEID_TABLE`]) says so: the messages
//! are read one partition after another, and DataFusion merges instead of
//! sorting the other tables and aggregates patients as they come.
//!
//! The batches are cut on the grid the table writers cut their input on
//! ([`WRITE_BATCH_ROWS`] rows per site file, and per findings file), from
//! where the runs before left it ([`Grid`]): a writer then passes them on
//! as they are and copies only the batch that straddles two runs.

use std::collections::HashMap;
use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, RecordBatch, StructArray, UInt32Array};
use arrow::compute::{concat_batches, interleave_record_batch, take};
use arrow::datatypes::{DataType, Field, Fields, Schema, SchemaRef};
use arrow::error::ArrowError;
use datafusion::datasource::MemTable;
use datafusion::prelude::{SessionContext, col};

use crate::ReleaseError;
use crate::parquet_out::WRITE_BATCH_ROWS;
use crate::run_findings::findings_of_rows;
use crate::sort_keys::sorted_by;
use crate::thread_window::{key_columns, thread_columns};

/// Where the tables' writers stand before a run: rows written so far per
/// site (each site has a file of its own per table) and findings written
/// so far.
#[derive(Debug, Clone, Default)]
pub(crate) struct Grid {
    site_rows: HashMap<String, usize>,
    findings: usize,
}

impl Grid {
    /// Rows of `site` that fit before its next cut.
    fn room(&self, site: &str) -> usize {
        let done = self.site_rows.get(site).copied().unwrap_or(0);
        WRITE_BATCH_ROWS - done % WRITE_BATCH_ROWS
    }

    /// Counts `rows` more of `site`.
    fn add(&mut self, site: &str, rows: usize) {
        match self.site_rows.get_mut(site) {
            Some(done) => *done += rows,
            None => {
                self.site_rows.insert(site.to_string(), rows);
            }
        }
    }
}

/// A run made ready for the tables.
pub(crate) struct PreparedRun {
    /// The rows with their thread columns, in the messages' order, in
    /// batches cut on the [`Grid`] (one empty batch for an empty run): at
    /// most [`WRITE_BATCH_ROWS`] rows of one site each. Their `scrubbed`
    /// column holds no `findings`: those are listed apart.
    pub batches: Vec<RecordBatch>,
    /// The findings of those rows, in the order
    /// [`crate::findings::findings_sql`] gives them (none when the rows were
    /// not scrubbed), in batches cut on the [`Grid`].
    pub findings: Vec<RecordBatch>,
    /// The grid after this run.
    pub grid: Grid,
}

/// The rows of a run (`batches` of `schema`), with the thread columns when
/// `thread_window` is `Some(timed)`, sorted by the columns `order`, and
/// their findings listed apart, cut on `grid` (where the runs before
/// left the writers).
///
/// Only the key columns are gathered and sorted; the wide rows (text) are
/// copied once, straight into the output batches, and each message's
/// findings once, straight into the findings' batches.
pub(crate) fn prepare_run(
    schema: &SchemaRef,
    batches: &[RecordBatch],
    thread_window: Option<bool>,
    order: &[&str],
    mut grid: Grid,
) -> Result<PreparedRun, ReleaseError> {
    let plan = |e: ArrowError| ReleaseError::Plan(e.into());
    // The key columns of the whole run, in one narrow batch.
    let mut names: Vec<&str> = order.to_vec();
    if let Some(timed) = thread_window {
        names.extend(key_columns(timed));
    }
    names.sort_unstable();
    names.dedup();
    let indices = names
        .iter()
        .map(|name| {
            schema.index_of(name).map_err(|_| {
                ArrowError::SchemaError(format!("the de-identified rows have no `{name}` column"))
            })
        })
        .collect::<Result<Vec<usize>, ArrowError>>()
        .map_err(plan)?;
    let key_schema = Arc::new(schema.project(&indices).map_err(plan)?);
    let key_batches = batches
        .iter()
        .map(|b| b.project(&indices))
        .collect::<Result<Vec<_>, _>>()
        .map_err(plan)?;
    let keys = concat_batches(&key_schema, &key_batches).map_err(plan)?;
    let extra = match thread_window {
        Some(timed) => thread_columns(&keys, timed).map_err(plan)?,
        None => Vec::new(),
    };
    let (wide_schema, wide) = without_findings(schema, batches).map_err(plan)?;
    let mut fields: Vec<Arc<Field>> = wide_schema.fields().iter().cloned().collect();
    fields.extend(extra.iter().map(|(f, _)| Arc::new(f.clone())));
    let out_schema = Arc::new(Schema::new(fields));
    if keys.num_rows() == 0 {
        return Ok(PreparedRun {
            batches: vec![RecordBatch::new_empty(out_schema)],
            findings: Vec::new(),
            grid,
        });
    }

    let sorted = sorted_by(&keys, order).map_err(plan)?;
    // Where each row of the run is: (batch, row within it).
    let place: Vec<(usize, usize)> = batches
        .iter()
        .enumerate()
        .flat_map(|(b, batch)| (0..batch.num_rows()).map(move |r| (b, r)))
        .collect();
    let sources: Vec<&RecordBatch> = wide.iter().collect();
    let sorted = sorted.values();
    let sites = keys.column_by_name("site").map(|c| c.as_string::<i32>());
    let site = |i: u32| sites.map_or("", |s| s.value(i as usize));
    let mut prepared = Vec::with_capacity(sorted.len().div_ceil(WRITE_BATCH_ROWS) + 1);
    let mut start = 0;
    while start < sorted.len() {
        // Up to the site's next cut, or the end of its rows.
        let first = site(sorted[start]);
        let room = grid.room(first);
        let end = start
            + sorted[start..]
                .iter()
                .take(room)
                .take_while(|&&i| site(i) == first)
                .count();
        grid.add(first, end - start);
        let chunk = &sorted[start..end];
        let rows: Vec<(usize, usize)> = chunk.iter().map(|&i| place[i as usize]).collect();
        let wide = interleave_record_batch(&sources, &rows).map_err(plan)?;
        let mut columns = wide.columns().to_vec();
        let chunk = UInt32Array::from(chunk.to_vec());
        for (_, column) in &extra {
            columns.push(take(column.as_ref(), &chunk, None).map_err(plan)?);
        }
        prepared.push(RecordBatch::try_new(out_schema.clone(), columns).map_err(plan)?);
        start = end;
    }
    // The run's findings at once, then cut where the findings file's are.
    let rows: Vec<(usize, usize)> = sorted.iter().map(|&i| place[i as usize]).collect();
    let mut findings = Vec::new();
    if let Some(all) = findings_of_rows(batches, &rows).map_err(plan)? {
        let mut at = 0;
        while at < all.num_rows() {
            let room = WRITE_BATCH_ROWS - grid.findings % WRITE_BATCH_ROWS;
            let length = room.min(all.num_rows() - at);
            findings.push(all.slice(at, length));
            grid.findings += length;
            at += length;
        }
    }
    Ok(PreparedRun {
        batches: prepared,
        findings,
        grid,
    })
}

/// `batches` (of `schema`) with no `findings` in their `scrubbed` column,
/// and their schema.
fn without_findings(
    schema: &SchemaRef,
    batches: &[RecordBatch],
) -> Result<(SchemaRef, Vec<RecordBatch>), ArrowError> {
    let Ok(at) = schema.index_of("scrubbed") else {
        return Ok((schema.clone(), batches.to_vec()));
    };
    let DataType::Struct(children) = schema.field(at).data_type() else {
        return Ok((schema.clone(), batches.to_vec()));
    };
    let Some((drop, _)) = children.find("findings") else {
        return Ok((schema.clone(), batches.to_vec()));
    };
    let kept: Fields = children
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != drop)
        .map(|(_, f)| f.clone())
        .collect();
    let mut fields: Vec<Arc<Field>> = schema.fields().iter().cloned().collect();
    fields[at] = Arc::new(
        fields[at]
            .as_ref()
            .clone()
            .with_data_type(DataType::Struct(kept.clone())),
    );
    let out = Arc::new(Schema::new_with_metadata(fields, schema.metadata().clone()));
    let batches = batches
        .iter()
        .map(|batch| {
            let scrubbed = batch.column(at).as_struct();
            let columns: Vec<ArrayRef> = scrubbed
                .columns()
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != drop)
                .map(|(_, c)| c.clone())
                .collect();
            let stripped = StructArray::try_new_with_length(
                kept.clone(),
                columns,
                scrubbed.nulls().cloned(),
                scrubbed.len(),
            )?;
            let mut columns = batch.columns().to_vec();
            columns[at] = Arc::new(stripped);
            RecordBatch::try_new(out.clone(), columns)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((out, batches))
}

/// The in-memory table of a prepared run's `batches` (in the messages'
/// order), dealt over the session's partitions in consecutive blocks: its
/// plans run on every core, and their partitions, read one after another,
/// keep the run's order.
pub(crate) fn run_table(
    ctx: &SessionContext,
    schema: SchemaRef,
    batches: Vec<RecordBatch>,
) -> Result<Arc<MemTable>, ReleaseError> {
    let n = ctx.copied_config().target_partitions().max(1);
    let count = batches.len();
    let mut partitions = vec![Vec::new(); n];
    for (i, batch) in batches.into_iter().enumerate() {
        partitions[i * n / count].push(batch);
    }
    Ok(Arc::new(MemTable::try_new(schema, partitions)?))
}

/// The table of `partitions` (each in the columns' `order`), which says
/// so to the plans over it.
pub(crate) fn ordered_table(
    schema: SchemaRef,
    partitions: Vec<Vec<RecordBatch>>,
    order: &[&str],
) -> Result<Arc<MemTable>, ReleaseError> {
    let sort = order
        .iter()
        .map(|name| col(*name).sort(true, false))
        .collect();
    Ok(Arc::new(
        MemTable::try_new(schema, partitions)?.with_sort_order(vec![sort]),
    ))
}

#[cfg(test)]
mod tests {
    use arrow::array::{AsArray, Int64Array, StringArray};
    use arrow::datatypes::{DataType, Field, Int64Type, Schema};
    use datafusion::physical_plan::displayable;
    use datafusion::prelude::{SessionConfig, SessionContext};

    use futures::StreamExt;

    use super::*;

    fn rows() -> RecordBatch {
        let n = 20_000;
        let schema = Arc::new(Schema::new(vec![
            Field::new("site", DataType::Utf8, false),
            Field::new("patient_pid", DataType::Utf8, false),
            Field::new("message_pid", DataType::Utf8, false),
            Field::new("at", DataType::Int64, false),
        ]));
        let site: StringArray = (0..n).map(|i| Some(["b", "a"][i % 2])).collect();
        let patient: StringArray = (0..n)
            .map(|i| Some(format!("p{}", (i * 37) % 101)))
            .collect();
        let message: StringArray = (0..n).map(|i| Some(format!("m{}", n - i))).collect();
        let at = Int64Array::from_iter_values((0..n).map(|i| ((i * 7) % 13) as i64));
        RecordBatch::try_new(
            schema,
            vec![
                Arc::new(site),
                Arc::new(patient),
                Arc::new(message),
                Arc::new(at),
            ],
        )
        .unwrap()
    }

    #[test]
    fn a_run_is_dealt_in_batches_in_order() {
        let rows = rows();
        let order = ["site", "patient_pid", "at", "message_pid"];
        // A run comes in batches of any size.
        let parts = [
            rows.slice(0, 7_000),
            rows.slice(7_000, 1),
            rows.slice(7_001, 12_999),
        ];
        let first = prepare_run(&rows.schema(), &parts, None, &order, Grid::default()).unwrap();
        // Cut per site (10,000 rows each) on the writers' grid.
        let sizes = |batches: &[RecordBatch]| -> Vec<usize> {
            batches.iter().map(RecordBatch::num_rows).collect()
        };
        let w = WRITE_BATCH_ROWS;
        assert_eq!(sizes(&first.batches), [w, 10_000 - w, w, 10_000 - w]);
        // The next run starts where this one left each site's file.
        let second = prepare_run(&rows.schema(), &parts, None, &order, first.grid).unwrap();
        let rest = 10_000 - (2 * w - 10_000);
        assert_eq!(
            sizes(&second.batches),
            [2 * w - 10_000, rest, 2 * w - 10_000, rest]
        );
        let batches = first.batches;
        let run = concat_batches(&rows.schema(), &batches).unwrap();
        assert_eq!(run.num_rows(), rows.num_rows());
        let key = |i: usize| {
            let s = |c: usize| run.column(c).as_string::<i32>().value(i).to_string();
            let at = run.column(3).as_primitive::<Int64Type>().value(i);
            (s(0), s(1), at, s(2))
        };
        for i in 1..run.num_rows() {
            assert!(key(i - 1) < key(i), "row {i}");
        }
        let empty = prepare_run(&rows.schema(), &[], None, &order, Grid::default())
            .unwrap()
            .batches;
        assert_eq!(empty.len(), 1);
        assert_eq!(empty[0].num_rows(), 0);
    }

    /// What the run's order buys: the messages table's sort becomes a
    /// merge, and the patients' aggregate needs no sort either.
    #[tokio::test]
    async fn the_plans_over_an_ordered_run_merge_instead_of_sorting() {
        let ctx = SessionContext::new_with_config(SessionConfig::new().with_target_partitions(2));
        let rows = rows();
        let order = ["site", "patient_pid", "at", "message_pid"];
        let batches = prepare_run(
            &rows.schema(),
            std::slice::from_ref(&rows),
            None,
            &order,
            Grid::default(),
        )
        .unwrap()
        .batches;
        ctx.register_table("r", run_table(&ctx, rows.schema(), batches).unwrap())
            .unwrap();
        let frame = ctx
            .sql("SELECT site, patient_pid, message_pid, at FROM r")
            .await
            .unwrap();
        let schema = Arc::new(frame.schema().as_arrow().clone());
        let partitions = frame.collect_partitioned().await.unwrap();
        assert_eq!(partitions.len(), 2);
        ctx.register_table("d", ordered_table(schema, partitions, &order).unwrap())
            .unwrap();
        for sql in [
            "SELECT site, patient_pid, message_pid FROM d ORDER BY site, patient_pid, at, message_pid",
            "SELECT site, patient_pid, count(*) FROM d GROUP BY site, patient_pid ORDER BY site, patient_pid",
        ] {
            let plan = ctx
                .sql(sql)
                .await
                .unwrap()
                .create_physical_plan()
                .await
                .unwrap();
            let text = displayable(plan.as_ref()).indent(true).to_string();
            assert!(!text.contains("SortExec"), "{sql}\n{text}");
            assert!(text.contains("SortPreservingMergeExec"), "{sql}\n{text}");
        }
        let sorted = ctx
            .sql("SELECT message_pid FROM d ORDER BY site, patient_pid, at, message_pid")
            .await
            .unwrap()
            .collect()
            .await
            .unwrap();
        let want = prepare_run(&rows.schema(), &[rows], None, &order, Grid::default())
            .unwrap()
            .batches;
        let ids = |batches: &[RecordBatch], at: usize| -> Vec<String> {
            batches
                .iter()
                .flat_map(|b| {
                    b.column(at)
                        .as_string::<i32>()
                        .iter()
                        .map(|v| v.unwrap().to_string())
                })
                .collect()
        };
        let (got, want) = (ids(&sorted, 0), ids(&want, 2));
        assert_eq!(got, want);
        // Its partitions, read one after another, are in that order too:
        // the messages of a run are read so, with no merge at all.
        let mut in_turn = Vec::new();
        let frame = ctx.sql("SELECT message_pid FROM d").await.unwrap();
        for mut stream in frame.execute_stream_partitioned().await.unwrap() {
            while let Some(batch) = stream.next().await {
                in_turn.push(batch.unwrap());
            }
        }
        assert_eq!(ids(&in_turn, 0), want);
    }
}
