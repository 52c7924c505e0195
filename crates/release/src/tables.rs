//! Writing the release tables and the findings from [`DEID_TABLE`] (and
//! `deid_logins`), one run of patient ranges after another: each
//! run's rows are sorted and appended to the tables, which therefore come
//! out sorted as a whole. The patients table is gathered and brought to
//! k-anonymity at the end.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use arrow::array::RecordBatch;
use arrow::datatypes::SchemaRef;
use datafusion::datasource::MemTable;
use datafusion::datasource::file_format::options::ArrowReadOptions;
use datafusion::prelude::SessionContext;
use futures::StreamExt;
use veil_format::{LOGINS_TABLE, MESSAGES_TABLE, PATIENTS_TABLE, THREADS_TABLE};
use veil_pipeline::Pipeline;

use crate::ReleaseError;
use crate::audit::TextTallies;
use crate::background::{Background, BatchSink};
use crate::buckets::StagedBuckets;
use crate::findings::{FindingsSummary, FindingsWriter, findings_sql};
use crate::parquet_out::{TableWriter, Written};
use crate::plan::{
    DEID_TABLE, logins_sql, messages_select_sql, messages_sql, patients_sql, threads_sql,
};
use crate::release::Progress;

/// What writing the tables made.
pub(crate) struct TablesWritten {
    /// Per table, its files and rows.
    pub tables: BTreeMap<String, Written>,
    /// The findings (at their staged path).
    pub findings: FindingsSummary,
    /// The steps taken to bring the patients table to k-anonymity.
    pub k_steps: Vec<String>,
    /// The audit's counts of the messages table's text.
    pub text_tallies: TextTallies,
}

/// A table's writer, tallying the audit's words on the messages table.
struct TableSink {
    writer: TableWriter,
    tallies: Option<TextTallies>,
}

impl BatchSink for TableSink {
    type Output = (Written, Option<TextTallies>);

    fn write(&mut self, batch: RecordBatch) -> Result<(), ReleaseError> {
        if let Some(tallies) = &mut self.tallies {
            tallies.add(&batch);
        }
        self.writer.write(&batch)
    }

    fn finish(self) -> Result<Self::Output, ReleaseError> {
        Ok((self.writer.finish()?, self.tallies))
    }
}

/// One table written as the runs come.
struct Streamed {
    table: &'static str,
    /// Its SQL over [`DEID_TABLE`] (the messages table's is made from the
    /// first run's columns).
    sql: Option<String>,
    writer: Background<(Written, Option<TextTallies>)>,
    rows: u64,
}

/// How the rows of a unit are registered as [`DEID_TABLE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitRows {
    /// Staged rows, in no order, their findings a column.
    Staged,
    /// A prepared run ([`crate::run::prepare_run`]): its findings are
    /// listed apart ([`Tables::write_findings`]), and its partitions hold
    /// consecutive rows in the messages' order ([`crate::run::run_table`]),
    /// each partition's after the one before.
    Run,
}

/// The tables of a release being written, each file on a thread of its own.
pub(crate) struct Tables {
    streamed: Vec<Streamed>,
    patients_sql: String,
    patients: Vec<RecordBatch>,
    findings: Background<FindingsSummary>,
    release: std::path::PathBuf,
}

impl Tables {
    /// Writers for `pipeline`'s tables in the release being made at
    /// `release`, and its findings in `private_dir`.
    pub(crate) fn new(
        release: &Path,
        private_dir: &Path,
        pipeline: &Pipeline,
        logins: bool,
    ) -> Result<Tables, ReleaseError> {
        let streamed_table = |table: &'static str, sql: Option<String>| {
            Ok::<_, ReleaseError>(Streamed {
                table,
                sql,
                writer: Background::spawn(
                    table,
                    TableSink {
                        writer: TableWriter::new(release, table),
                        tallies: (table == MESSAGES_TABLE).then(|| TextTallies::new(true)),
                    },
                )?,
                rows: 0,
            })
        };
        let mut streamed = vec![streamed_table(MESSAGES_TABLE, None)?];
        if logins {
            streamed.push(streamed_table(LOGINS_TABLE, Some(logins_sql(pipeline)))?);
        }
        if let Some(sql) = threads_sql(pipeline) {
            streamed.push(streamed_table(THREADS_TABLE, Some(sql))?);
        }
        Ok(Tables {
            streamed,
            patients_sql: patients_sql(pipeline, logins),
            patients: Vec::new(),
            findings: Background::spawn("findings", FindingsWriter::create(private_dir)?)?,
            release: release.to_path_buf(),
        })
    }

    /// Appends findings listed already (in the order of [`findings_sql`]).
    pub(crate) async fn write_findings(
        &mut self,
        batches: Vec<RecordBatch>,
    ) -> Result<(), ReleaseError> {
        for batch in batches {
            self.findings.send(batch).await?;
        }
        Ok(())
    }

    /// Appends the tables of the rows registered in `ctx` now (as `rows`
    /// says), and their findings unless they are listed apart.
    pub(crate) async fn write_unit(
        &mut self,
        ctx: &SessionContext,
        rows: UnitRows,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(), ReleaseError> {
        let available: Vec<String> = ctx
            .table(DEID_TABLE)
            .await?
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        let sql = findings_sql(DEID_TABLE, &available).filter(|_| rows == UnitRows::Staged);
        if let Some(sql) = sql {
            let mut stream = ctx.sql(&sql).await?.execute_stream().await?;
            while let Some(batch) = stream.next().await {
                self.findings.send(batch?).await?;
            }
        }
        for streamed in &mut self.streamed {
            let streams = if streamed.table == MESSAGES_TABLE && rows == UnitRows::Run {
                // A run's partitions follow each other in the table's
                // order: read in turn, the rows need no merge (nor copy).
                let frame = ctx.sql(&messages_select_sql(&available)).await?;
                frame.execute_stream_partitioned().await?
            } else {
                let sql = streamed.sql.get_or_insert_with(|| messages_sql(&available));
                vec![ctx.sql(sql).await?.execute_stream().await?]
            };
            for mut stream in streams {
                check_schema(streamed.table, &stream.schema())?;
                while let Some(batch) = stream.next().await {
                    let batch = batch?;
                    streamed.rows += batch.num_rows() as u64;
                    streamed.writer.send(batch).await?;
                    progress(Progress::Written {
                        table: streamed.table.to_string(),
                        rows: streamed.rows,
                    });
                }
            }
        }
        let frame = ctx.sql(&self.patients_sql).await?;
        check_schema(PATIENTS_TABLE, frame.schema().as_arrow())?;
        self.patients.extend(frame.collect().await?);
        Ok(())
    }

    /// Brings the patients table to k-anonymity and writes it, closes
    /// every file.
    pub(crate) fn finish(
        self,
        pipeline: &Pipeline,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<TablesWritten, ReleaseError> {
        let mut written = BTreeMap::new();
        let mut text_tallies = TextTallies::new(true);
        for streamed in self.streamed {
            let (table, tallies) = streamed.writer.finish()?;
            written.insert(streamed.table.to_string(), table);
            if let Some(tallies) = tallies {
                text_tallies = tallies;
            }
        }
        let (patients, steps) = crate::risk::enforce(
            self.patients,
            pipeline.release.k_anonymity,
            pipeline.release.k_action,
        )
        .map_err(|e| ReleaseError::Plan(e.into()))?;
        let mut writer = TableWriter::new(&self.release, PATIENTS_TABLE);
        for batch in &patients {
            writer.write(batch)?;
            progress(Progress::Written {
                table: PATIENTS_TABLE.to_string(),
                rows: writer.rows(),
            });
        }
        written.insert(PATIENTS_TABLE.to_string(), writer.finish()?);
        Ok(TablesWritten {
            tables: written,
            findings: self.findings.finish()?,
            k_steps: steps,
            text_tallies,
        })
    }
}

/// An in-memory table of `batches`, dealt round-robin over the session's
/// partitions so its plans run on every core.
pub(crate) fn memory_table(
    ctx: &SessionContext,
    schema: SchemaRef,
    batches: Vec<RecordBatch>,
) -> Result<Arc<MemTable>, ReleaseError> {
    let n = ctx.copied_config().target_partitions().max(1);
    let mut partitions = vec![Vec::new(); n];
    for (i, batch) in batches.into_iter().enumerate() {
        partitions[i % n].push(batch);
    }
    Ok(Arc::new(MemTable::try_new(schema, partitions)?))
}

/// Registers every bucket of `staged` as the table `name`, read from disk.
pub(crate) async fn register_staged(
    ctx: &SessionContext,
    name: &str,
    staged: &StagedBuckets,
) -> Result<(), ReleaseError> {
    if staged.is_empty() {
        ctx.register_table(name, memory_table(ctx, staged.schema.clone(), Vec::new())?)?;
        return Ok(());
    }
    let options = ArrowReadOptions {
        schema: Some(&staged.schema),
        ..ArrowReadOptions::default()
    };
    ctx.register_arrow(name, staged.dir.display().to_string(), options)
        .await?;
    Ok(())
}

/// The plan's output must be the table's release schema, in order, less
/// dropped columns: nothing else may reach the release.
fn check_schema(table: &str, schema: &arrow::datatypes::Schema) -> Result<(), ReleaseError> {
    let expected = veil_format::table(table)
        .ok_or_else(|| ReleaseError::Verify(format!("`{table}` is not a release table")))?
        .schema();
    let mut allowed = expected.fields().iter().peekable();
    for field in schema.fields() {
        loop {
            match allowed.next() {
                Some(e) if e.name() == field.name() => {
                    if e.data_type() != field.data_type() {
                        return Err(ReleaseError::Verify(format!(
                            "column `{table}.{}` has type {}, the release format says {}",
                            field.name(),
                            field.data_type(),
                            e.data_type()
                        )));
                    }
                    break;
                }
                Some(_) => continue,
                None => {
                    return Err(ReleaseError::Verify(format!(
                        "column `{table}.{}` is not part of the release format",
                        field.name()
                    )));
                }
            }
        }
    }
    Ok(())
}
