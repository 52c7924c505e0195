//! Making a release: read, de-identify through the DataFusion plan, write,
//! record, verify, and only then put it in place.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use arrow::datatypes::SchemaRef;
use datafusion::prelude::SessionContext;
use sha2::{Digest, Sha256};
use veil_format::{
    LOGINS_TABLE, MESSAGES_TABLE, Manifest, SourceCounts, TableEntry, verify_listing,
};
use veil_ingest::{Counts, IngestOptions, canonical_schema, logins_schema};
use veil_pipeline::{BirthGeneralization, KAction, Pipeline, ScrubReplacement, SourceKind};
use veil_pseudonym::{BirthPolicy, Key, ShiftPolicy};
use veil_scrub::Scrubber;

use crate::ReleaseError;
use crate::audit::{KAnonymity, audit_and_removed_words, write_audit};
use crate::birth_udf::BirthUdf;
use crate::buckets::{BucketLayout, StagedBuckets, stage_buckets, units};
use crate::error::io;
use crate::plan::{
    DEID_LOGINS_TABLE, DEID_ROWS_TABLE, DEID_TABLE, RAW_LOGINS_TABLE, RAW_TABLE, deid_logins_sql,
    message_order, rows_sql, select_sql, thread_window, window_sql,
};
use crate::roster::RosterNames;
use crate::run::{Grid, PreparedRun, ordered_table, prepare_run, run_table};
use crate::scrub_udf::{ScrubUdf, WordFindings};
use crate::session::{DEFAULT_MEMORY_LIMIT, session};
use crate::source_table::source_table;
use crate::stage::stage;
use crate::staging::{Scratch, Staging, remove_partial_private_files};
use crate::survey::{Survey, survey};
use crate::tables::{Tables, TablesWritten, UnitRows, memory_table, register_staged};
use crate::udf::{PseudonymUdf, ShiftUdf};

/// Run-time knobs of a release.
#[derive(Debug, Clone)]
pub struct ReleaseOptions {
    /// Root under which `releases/<study>/` and `private/<study>/` are made.
    pub out_root: PathBuf,
    /// Rows per batch when reading sources.
    pub batch_rows: usize,
    /// Threads for the de-identification plan (0: one per core).
    pub threads: usize,
    /// Bytes of memory the plan's sorts and aggregates may hold before
    /// they spill to the private scratch directory; the de-identified rows
    /// are also processed in patient ranges of about a tenth of it (two
    /// at a time: the next is prepared while the tables of one are written).
    pub memory_limit: usize,
    /// Ranges of the patient pseudonym per site that the de-identified rows
    /// are staged in (`None`: enough for the export's size and the memory
    /// limit, and small ranges are read together). Chosen ranges are read
    /// one at a time. The release is the same whatever the number.
    pub patient_ranges: Option<usize>,
}

impl Default for ReleaseOptions {
    fn default() -> Self {
        ReleaseOptions {
            out_root: PathBuf::from("."),
            batch_rows: 8192,
            threads: 0,
            memory_limit: DEFAULT_MEMORY_LIMIT,
            patient_ranges: None,
        }
    }
}

/// What a long step reports while it runs.
#[derive(Debug, Clone)]
pub enum Progress {
    /// A source was opened; its header matched the mapping.
    SourceOpened {
        /// Source name.
        source: String,
        /// Encoding and how it was decided.
        encoding: String,
    },
    /// Rows read so far from a source.
    Read {
        /// Source name.
        source: String,
        /// Rows read.
        rows: u64,
    },
    /// Every row went through the de-identification plan.
    Deidentified {
        /// Rows de-identified.
        rows: u64,
    },
    /// Rows written so far to a release table.
    Written {
        /// The table.
        table: String,
        /// Rows written.
        rows: u64,
    },
}

/// One source's result.
#[derive(Debug, Clone)]
pub struct SourceSummary {
    /// Source name.
    pub name: String,
    /// Site code.
    pub site: String,
    /// Messages or logins.
    pub kind: SourceKind,
    /// Encoding used and how it was decided.
    pub encoding: String,
    /// Rows read, passed, quarantined.
    pub counts: Counts,
    /// The quarantine file (in `private/`).
    pub quarantine_file: PathBuf,
}

/// What a release did.
#[derive(Debug, Clone)]
pub struct ReleaseSummary {
    /// The release directory.
    pub release_dir: PathBuf,
    /// The steward-only directory beside it.
    pub private_dir: PathBuf,
    /// The manifest as written.
    pub manifest: Manifest,
    /// Per source.
    pub sources: Vec<SourceSummary>,
    /// Distinct names in the roster.
    pub roster_names: usize,
    /// Runs of patient ranges the tables were made in, one after another
    /// (1: made at once).
    pub table_runs: usize,
    /// The steward-only findings table and what it holds.
    pub findings: crate::findings::FindingsSummary,
    /// The audit written into the release.
    pub audit: crate::audit::Audit,
    /// Wall time of the whole release.
    pub seconds: f64,
}

/// Paths of a study's release and private directories under `out_root`.
pub fn study_dirs(out_root: &Path, study: &str) -> (PathBuf, PathBuf) {
    (
        out_root.join("releases").join(study),
        out_root.join("private").join(study),
    )
}

/// Makes the release of `pipeline` under `key`.
///
/// The release is written to a hidden directory beside its target, its
/// manifest recorded and every hash verified, and only then renamed into
/// place; a failure or a kill at any point leaves the previous release (or
/// none), never part of one.
pub async fn release(
    pipeline: &Pipeline,
    key: Arc<Key>,
    options: &ReleaseOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<ReleaseSummary, ReleaseError> {
    make(pipeline, key, options, progress)
        .await
        .map_err(|e| match e {
            ReleaseError::Plan(plan)
                if matches!(
                    plan.find_root(),
                    datafusion::error::DataFusionError::ResourcesExhausted(_)
                ) =>
            {
                ReleaseError::MemoryLimit {
                    limit_mib: options.memory_limit.max(crate::MIN_MEMORY_LIMIT) >> 20,
                    detail: plan.find_root().to_string(),
                }
            }
            e => e,
        })
}

async fn make(
    pipeline: &Pipeline,
    key: Arc<Key>,
    options: &ReleaseOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<ReleaseSummary, ReleaseError> {
    let started = Instant::now();
    let (release_dir, private_dir) = study_dirs(&options.out_root, &pipeline.study);
    let staging = Staging::prepare(&release_dir)?;
    remove_partial_private_files(&private_dir)?;
    let ingest_options = IngestOptions {
        batch_rows: options.batch_rows,
    };

    // Pass 1: quarantine, counts and the roster; no row is kept.
    let Survey {
        sources,
        roster,
        duplicates,
    } = survey(
        pipeline,
        &ingest_options,
        &private_dir.join("quarantine"),
        progress,
    )?;

    // Pass 2: the sources streamed through the per-row de-identification
    // into buckets by site and patient range (scrubbed rows only) in the
    // private scratch directory.
    let scratch = Scratch::create(&private_dir)?;
    let ctx = session(options.threads, options.memory_limit, &scratch.spill_dir())?;
    let word_findings = register_udfs(&ctx, pipeline, &key, &roster);
    let unit_bytes = (options.memory_limit.max(crate::MIN_MEMORY_LIMIT) / 10) as u64;
    let layout = BucketLayout::for_export(pipeline, unit_bytes, options.patient_ranges);
    let (raw, messages_read) = source_table(
        pipeline,
        SourceKind::Messages,
        canonical_schema(),
        &ingest_options,
        &duplicates,
    )?;
    ctx.register_table(RAW_TABLE, raw)?;
    let frame = ctx.sql(&rows_sql(pipeline)).await?;
    let rows = stage_buckets(frame, &scratch.path().join(DEID_ROWS_TABLE), &layout).await?;
    ctx.deregister_table(RAW_TABLE)?;
    progress(Progress::Deidentified { rows: rows.rows });
    let has_logins = pipeline
        .sources
        .iter()
        .any(|s| s.kind == SourceKind::Logins);
    let mut logins = None;
    let mut logins_read = None;
    if has_logins {
        let (raw, read) = source_table(
            pipeline,
            SourceKind::Logins,
            logins_schema(),
            &ingest_options,
            &duplicates,
        )?;
        ctx.register_table(RAW_LOGINS_TABLE, raw)?;
        let frame = ctx.sql(&deid_logins_sql(pipeline)).await?;
        let dir = scratch.path().join(DEID_LOGINS_TABLE);
        logins = Some(stage_buckets(frame, &dir, &layout).await?);
        ctx.deregister_table(RAW_LOGINS_TABLE)?;
        logins_read = Some(read);
    }
    // The second pass must have read what the first did.
    for read in [Some(messages_read), logins_read].into_iter().flatten() {
        let read = read.lock().unwrap_or_else(|e| e.into_inner());
        for (name, counts) in read.iter() {
            let first = sources.iter().find(|s| &s.name == name);
            if first.is_none_or(|s| s.counts != *counts) {
                return Err(ReleaseError::SourceChanged {
                    source_name: name.clone(),
                });
            }
        }
    }

    // The tables, one run of patient ranges after another (or all at once
    // where a thread crosses ranges), each sorted and split by site.
    let mut tables = Tables::new(staging.path(), &private_dir, pipeline, has_logins)?;
    let mut table_runs = 1;
    if rows.threads_span {
        register_staged(&ctx, DEID_ROWS_TABLE, &rows).await?;
        let frame = ctx.sql(&window_sql(pipeline, DEID_ROWS_TABLE)).await?;
        stage(&ctx, frame, &scratch.path().join(DEID_TABLE), DEID_TABLE).await?;
        ctx.deregister_table(DEID_ROWS_TABLE)?;
        if let Some(logins) = &logins {
            register_staged(&ctx, DEID_LOGINS_TABLE, logins).await?;
        }
        tables.write_unit(&ctx, UnitRows::Staged, progress).await?;
    } else {
        let staged: Vec<&StagedBuckets> = std::iter::once(&rows).chain(logins.as_ref()).collect();
        // Ranges the caller chose are each a run of their own.
        let run_bytes = if options.patient_ranges.is_some() {
            0
        } else {
            unit_bytes
        };
        let runs = units(&staged, run_bytes);
        let thread_window = thread_window(pipeline);
        let select = select_sql(pipeline, DEID_ROWS_TABLE);
        let (deid_order, rows_order) = message_order(pipeline);
        table_runs = runs.len().max(1);
        // The run is in memory: its thread columns come from its keys
        // alone, and it is put in the messages table's order, in batches
        // cut where the writers stand after the runs before; the next run
        // is read and prepared while the tables of this one are written.
        let rows = Arc::new(rows);
        let prepare = |unit: Range<usize>, grid: Grid| {
            let (rows, order) = (rows.clone(), rows_order.clone());
            tokio::task::spawn_blocking(move || {
                let read = rows.read(unit)?;
                prepare_run(&rows.schema, &read, thread_window, &order, grid)
            })
        };
        let mut next = runs
            .first()
            .cloned()
            .map(|unit| prepare(unit, Grid::default()));
        for (i, unit) in runs.iter().enumerate() {
            let prepared = next.take().expect("the run was prepared");
            let PreparedRun {
                batches,
                findings,
                grid,
            } = prepared.await.map_err(|e| {
                ReleaseError::Plan(datafusion::error::DataFusionError::External(Box::new(e)))
            })??;
            next = runs.get(i + 1).cloned().map(|unit| prepare(unit, grid));
            let schema = batches[0].schema();
            ctx.register_table(DEID_ROWS_TABLE, run_table(&ctx, schema, batches)?)?;
            let frame = ctx.sql(&select).await?;
            let schema: SchemaRef = Arc::new(frame.schema().as_arrow().clone());
            let partitions = frame.collect_partitioned().await?;
            ctx.deregister_table(DEID_ROWS_TABLE)?;
            ctx.register_table(DEID_TABLE, ordered_table(schema, partitions, &deid_order)?)?;
            if let Some(logins) = &logins {
                let batches = logins.read(unit.clone())?;
                let table = memory_table(&ctx, logins.schema.clone(), batches)?;
                ctx.register_table(DEID_LOGINS_TABLE, table)?;
            }
            tables.write_findings(findings).await?;
            tables.write_unit(&ctx, UnitRows::Run, progress).await?;
            ctx.deregister_table(DEID_TABLE)?;
            ctx.deregister_table(DEID_LOGINS_TABLE)?;
        }
    }
    // Every staged row has been read and nothing spills any more: the
    // scratch directory goes while the tables are closed and recorded.
    let _scratch_removal = scratch.remove_in_background();
    let TablesWritten {
        tables: written_tables,
        mut findings,
        k_steps,
        text_tallies,
    } = tables.finish(pipeline, progress)?;
    findings.by_text_mac = word_findings.take();

    // Reconcile: every row read is released or quarantined, per kind of source.
    for (kind, table) in [
        (SourceKind::Messages, MESSAGES_TABLE),
        (SourceKind::Logins, LOGINS_TABLE),
    ] {
        let of_kind: Vec<&SourceSummary> = sources.iter().filter(|s| s.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let passed: u64 = of_kind.iter().map(|s| s.counts.rows_passed).sum();
        let released = written_tables.get(table).map_or(0, |w| w.rows);
        if released != passed {
            return Err(ReleaseError::Reconciliation {
                what: format!("the {table} table"),
                read: of_kind.iter().map(|s| s.counts.rows_read).sum(),
                released,
                quarantined: of_kind.iter().map(|s| s.counts.rows_quarantined).sum(),
            });
        }
    }

    // Record and verify, then put in place.
    let mut manifest = Manifest::new(&pipeline.study, &key.fingerprint());
    manifest.pipeline_sha256 = hex::encode(Sha256::digest(pipeline.text.as_bytes()));
    manifest.demo_key = key.is_demo();
    manifest.min_cell = pipeline.release.min_cell;
    manifest.policy = pipeline.policy_names();
    for (table, written) in written_tables {
        manifest.tables.insert(
            table,
            TableEntry {
                rows: written.rows,
                files: written.files,
            },
        );
    }
    manifest.sources = sources
        .iter()
        .map(|s| SourceCounts {
            source: s.name.clone(),
            site: s.site.clone(),
            rows_read: s.counts.rows_read,
            rows_released: s.counts.rows_passed,
            rows_quarantined: s.counts.rows_quarantined,
            quarantine_reasons: s
                .counts
                .reasons
                .clone()
                .into_iter()
                .collect::<BTreeMap<_, _>>(),
        })
        .collect();
    // The audit, from the findings, the tables and the text tallied as it was written.
    let k_anonymity = KAnonymity {
        k_target: pipeline.release.k_anonymity,
        action: match pipeline.release.k_action {
            KAction::Generalize => "generalize".into(),
            KAction::Suppress => "suppress".into(),
        },
        steps: k_steps,
    };
    let (audit, removed) = audit_and_removed_words(
        staging.path(),
        &manifest,
        &findings,
        k_anonymity,
        pipeline.release.risk_threshold,
        &key,
        text_tallies,
    )?;
    write_audit(staging.path(), &audit)?;
    let private_audit = private_dir.join(format!(
        ".audit-private.json.partial-{}",
        std::process::id()
    ));
    std::fs::write(
        &private_audit,
        serde_json::to_string_pretty(&serde_json::json!({
            "note": "steward only: raw words removed by the scrubber that also occur as ordinary words in the released text (where over-scrubbing hides)",
            "removed_ordinary_words": removed,
        }))
        .expect("serializes"),
    )
    .map_err(io(&private_audit))?;
    manifest.record_files(staging.path())?;
    manifest.write(staging.path())?;
    // The hashes were just taken from these files: the listing and sizes
    // are checked again, not the contents (`veil verify` does that).
    let problems = verify_listing(staging.path(), &manifest)?;
    if !problems.is_empty() {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        return Err(ReleaseError::Verify(list.join("; ")));
    }
    staging.commit()?;
    // The steward's files of this release, put in place with it.
    let findings_path = private_dir.join(crate::findings::FINDINGS_FILE);
    crate::findings::put_in_place(&findings.path, &findings_path)?;
    findings.path = findings_path;
    crate::findings::put_in_place(&private_audit, &private_dir.join("audit-private.json"))?;

    Ok(ReleaseSummary {
        release_dir,
        private_dir,
        manifest,
        sources,
        roster_names: roster.len(),
        table_runs,
        findings,
        audit,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Registers veil's UDFs in `ctx`, with the scrubber knowing `roster`;
/// returns the counts of one-word findings `veil_scrub` keeps for the audit.
fn register_udfs(
    ctx: &SessionContext,
    pipeline: &Pipeline,
    key: &Arc<Key>,
    roster: &RosterNames,
) -> WordFindings {
    let words = WordFindings::default();
    let scrubber = Arc::new(Scrubber::new(roster.builder().build()));
    let shift = ShiftPolicy {
        min_days: pipeline.dates.shift_min_days,
        max_days: pipeline.dates.shift_max_days,
        whole_weeks: pipeline.dates.whole_weeks,
    };
    let birth = match pipeline.dates.birth {
        BirthGeneralization::Year => BirthPolicy::Year,
        BirthGeneralization::AgeBand => BirthPolicy::AgeBand {
            width: pipeline.dates.age_band_years,
        },
    };
    ctx.register_udf(PseudonymUdf::udf(key.clone()));
    ctx.register_udf(ShiftUdf::udf(key.clone(), shift));
    ctx.register_udf(match pipeline.scrub.replacement {
        ScrubReplacement::Tags => ScrubUdf::udf(scrubber, key.clone(), words.clone()),
        ScrubReplacement::Surrogates => {
            ScrubUdf::with_surrogates(scrubber, key.clone(), shift, words.clone())
        }
    });
    ctx.register_udf(BirthUdf::udf(birth));
    words
}
