//! A SQL session over one or more releases.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow::array::{Array, AsArray, BooleanArray, RecordBatch};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::datasource::MemTable;
use datafusion::datasource::file_format::parquet::ParquetFormat;
use datafusion::datasource::listing::{
    ListingOptions, ListingTable, ListingTableConfig, ListingTableUrl,
};
use datafusion::execution::context::SQLOptions;
use datafusion::logical_expr::LogicalPlan;
use datafusion::prelude::{CsvReadOptions, SessionContext};
use veil_format::Manifest;

use crate::disclosure;
use crate::{Cluster, QueryError, QueryResult};

/// Name of the table of the analyst's own codes (`--codes FILE.csv`).
pub const CODES_TABLE: &str = "codes";

/// Table functions that generate rows without reading anything.
const GENERATORS: [&str; 2] = ["generate_series()", "range()"];

/// A release opened for querying.
#[derive(Debug, Clone)]
pub struct OpenRelease {
    /// Its directory.
    pub path: PathBuf,
    /// Its manifest.
    pub manifest: Manifest,
}

/// How a session is opened.
#[derive(Debug, Clone, Default)]
pub struct SessionOptions {
    /// Smallest number of distinct patients an aggregate cell may show;
    /// `None` takes the largest `min_cell` of the releases' manifests. A
    /// value below that is refused.
    pub min_cell: Option<u32>,
    /// A CSV file with a header row naming `message_pid` and `code`,
    /// registered as the table `codes`.
    pub codes: Option<PathBuf>,
    /// Run the queries on this Ballista cluster instead of in this process
    /// (the plan checks and disclosure control still happen here).
    pub cluster: Option<Cluster>,
}

/// A warning about the opened releases, for the analyst to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionWarning {
    /// The releases were made with different keys while some of their
    /// tables share pseudonym columns: pseudonyms will not join.
    MixedKeys {
        /// Key fingerprint per release directory.
        fingerprints: Vec<(PathBuf, String)>,
    },
    /// A column is missing from some releases' table; it reads as NULL there.
    MissingColumn {
        /// The table.
        table: String,
        /// The column.
        column: String,
        /// Releases without it.
        missing_in: Vec<PathBuf>,
    },
}

impl std::fmt::Display for SessionWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SessionWarning::MixedKeys { fingerprints } => {
                write!(
                    f,
                    "these releases were made with different keys, so the same patient has different pseudonyms in each and patient_pid, message_pid and thread_pid will NOT join across them:"
                )?;
                for (path, fp) in fingerprints {
                    write!(f, "\n  {}  key fingerprint {fp}", path.display())?;
                }
                Ok(())
            }
            SessionWarning::MissingColumn {
                table,
                column,
                missing_in,
            } => {
                let list: Vec<String> =
                    missing_in.iter().map(|p| p.display().to_string()).collect();
                write!(
                    f,
                    "{table}.{column} is not in {} (their pipeline dropped it); it reads as NULL for their rows",
                    list.join(", ")
                )
            }
        }
    }
}

/// A read-only SQL session over releases.
pub struct Session {
    ctx: SessionContext,
    releases: Vec<OpenRelease>,
    tables: BTreeSet<String>,
    min_cell: u32,
    warnings: Vec<SessionWarning>,
    cluster: Option<Cluster>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field(
                "releases",
                &self.releases.iter().map(|r| &r.path).collect::<Vec<_>>(),
            )
            .field("tables", &self.tables)
            .field("min_cell", &self.min_cell)
            .field("cluster", &self.cluster)
            .finish()
    }
}

fn io_error(path: &Path, source: std::io::Error) -> QueryError {
    QueryError::Format(veil_format::FormatError::Io {
        path: path.to_path_buf(),
        source,
    })
}

impl Session {
    /// Opens the releases at `paths` with default options.
    pub async fn open(paths: &[PathBuf]) -> Result<Session, QueryError> {
        Session::open_with(paths, &SessionOptions::default()).await
    }

    /// Opens the releases at `paths` and registers their tables; several
    /// releases are unioned table by table after checking their schemas.
    pub async fn open_with(
        paths: &[PathBuf],
        options: &SessionOptions,
    ) -> Result<Session, QueryError> {
        let mut releases = Vec::new();
        for path in paths {
            if !path.join(veil_format::MANIFEST_FILE).is_file() {
                return Err(QueryError::NotARelease { path: path.clone() });
            }
            releases.push(OpenRelease {
                path: path.clone(),
                manifest: Manifest::load(path)?,
            });
        }
        let required = releases
            .iter()
            .map(|r| r.manifest.min_cell)
            .max()
            .unwrap_or(1);
        let min_cell = match options.min_cell {
            Some(k) if k < required => {
                return Err(QueryError::MinCellTooSmall {
                    requested: k,
                    required,
                });
            }
            Some(k) => k,
            None => required,
        };
        let ctx = match &options.cluster {
            None => SessionContext::new(),
            Some(cluster) => crate::cluster::context(cluster).await?,
        };
        let mut tables = BTreeSet::new();
        let mut warnings = Vec::new();
        let names: BTreeSet<String> = releases
            .iter()
            .flat_map(|r| r.manifest.tables.keys().cloned())
            .collect();
        let mut pseudonyms_shared = false;
        for table in &names {
            let mut parts: Vec<(PathBuf, ListingTableUrl, SchemaRef)> = Vec::new();
            for release in &releases {
                if release
                    .manifest
                    .tables
                    .get(table)
                    .is_none_or(|t| t.files.is_empty())
                {
                    continue;
                }
                let dir = release.path.join(table);
                let dir = std::fs::canonicalize(&dir).map_err(|e| io_error(&dir, e))?;
                let url = ListingTableUrl::parse(format!("{}/", dir.display()))?;
                let config = ListingTableConfig::new(url.clone())
                    .with_listing_options(listing_options())
                    .infer_schema(&ctx.state())
                    .await?;
                let schema = config
                    .file_schema
                    .clone()
                    .ok_or_else(|| QueryError::Output(format!("no schema for {table}")))?;
                parts.push((release.path.clone(), url, schema));
            }
            if parts.is_empty() {
                // Every release has the table empty (all its rows were
                // quarantined, say): it is still a table, with its
                // documented columns and no rows, so analyses run.
                if let Some(doc) = veil_format::table(table) {
                    let empty = MemTable::try_new(doc.schema(), vec![Vec::new()])?;
                    ctx.register_table(table.as_str(), Arc::new(empty))?;
                    tables.insert(table.clone());
                }
                continue;
            }
            let (schema, missing) = merge_schemas(table, &parts)?;
            warnings.extend(missing);
            if parts.len() > 1 && schema.fields().iter().any(|f| f.name().ends_with("_pid")) {
                pseudonyms_shared = true;
            }
            let urls = parts.into_iter().map(|(_, url, _)| url).collect();
            let config = ListingTableConfig::new_with_multi_paths(urls)
                .with_listing_options(listing_options())
                .with_schema(schema);
            ctx.register_table(table.as_str(), Arc::new(ListingTable::try_new(config)?))?;
            tables.insert(table.clone());
        }
        let fingerprints: BTreeSet<&str> = releases
            .iter()
            .map(|r| r.manifest.key_fingerprint.as_str())
            .collect();
        if fingerprints.len() > 1 && pseudonyms_shared {
            warnings.insert(
                0,
                SessionWarning::MixedKeys {
                    fingerprints: releases
                        .iter()
                        .map(|r| (r.path.clone(), r.manifest.key_fingerprint.clone()))
                        .collect(),
                },
            );
        }
        if let Some(codes) = &options.codes {
            register_codes(&ctx, codes).await?;
            tables.insert(CODES_TABLE.to_string());
        }
        Ok(Session {
            ctx,
            releases,
            tables,
            min_cell,
            warnings,
            cluster: options.cluster.clone(),
        })
    }

    /// The Ballista cluster the queries run on (`None`: in this process).
    pub fn cluster(&self) -> Option<&Cluster> {
        self.cluster.as_ref()
    }

    /// The opened releases.
    pub fn releases(&self) -> &[OpenRelease] {
        &self.releases
    }

    /// Names of the registered tables.
    pub fn tables(&self) -> impl Iterator<Item = &str> {
        self.tables.iter().map(String::as_str)
    }

    /// The schema of a registered table.
    pub async fn table_schema(&self, table: &str) -> Result<SchemaRef, QueryError> {
        if !self.tables.contains(table) {
            return Err(QueryError::NoSuchTable(table.to_string()));
        }
        let provider = self.ctx.table_provider(table).await?;
        Ok(provider.schema())
    }

    /// The smallest number of distinct patients an aggregate cell shows.
    pub fn min_cell(&self) -> u32 {
        self.min_cell
    }

    /// Warnings about the opened releases (different keys, missing columns).
    pub fn warnings(&self) -> &[SessionWarning] {
        &self.warnings
    }

    /// Whether any release was made with the public demo key.
    pub fn uses_demo_key(&self) -> bool {
        self.releases.iter().any(|r| r.manifest.demo_key)
    }

    /// Whether the releases were made with different keys (pseudonyms will
    /// not join across them).
    pub fn mixed_keys(&self) -> bool {
        self.warnings
            .iter()
            .any(|w| matches!(w, SessionWarning::MixedKeys { .. }))
    }

    /// Plans one SQL statement, refusing anything that is not a read of
    /// the registered tables, and applies disclosure control.
    pub async fn plan(&self, sql: &str) -> Result<disclosure::ControlledPlan, QueryError> {
        let plan = self
            .ctx
            .state()
            .create_logical_plan(sql)
            .await
            .map_err(read_only)?;
        SQLOptions::new()
            .with_allow_ddl(false)
            .with_allow_dml(false)
            .with_allow_statements(false)
            .verify_plan(&plan)
            .map_err(read_only)?;
        self.check_sources(&plan)?;
        Ok(disclosure::control(plan, self.min_cell)?)
    }

    /// Runs one read-only SQL statement under disclosure control.
    pub async fn sql(&self, sql: &str) -> Result<QueryResult, QueryError> {
        let controlled = self.plan(sql).await?;
        let columns = controlled.columns;
        let frame = match (&controlled.plan, &self.cluster) {
            // DESCRIBE reads no data, and Ballista cannot ship it: answer it here.
            (LogicalPlan::DescribeTable(_), Some(_)) => {
                SessionContext::new()
                    .execute_logical_plan(controlled.plan)
                    .await?
            }
            _ => self
                .ctx
                .execute_logical_plan(controlled.plan)
                .await
                .map_err(|e| self.cluster_error(e))?,
        };
        let full = Arc::new(frame.schema().as_arrow().clone());
        let batches = frame.collect().await.map_err(|e| self.cluster_error(e))?;
        let schema = Arc::new(Schema::new(full.fields()[..columns].to_vec()));
        let mut out = QueryResult {
            schema: schema.clone(),
            batches: Vec::with_capacity(batches.len()),
            masks: Vec::with_capacity(batches.len()),
            suppressed_cells: 0,
            min_cell: self.min_cell,
        };
        for batch in batches {
            let data = RecordBatch::try_new(schema.clone(), batch.columns()[..columns].to_vec())
                .map_err(|e| QueryError::Output(e.to_string()))?;
            let mut masks = Vec::with_capacity(columns);
            for i in 0..columns {
                if !controlled.has_flags {
                    masks.push(None);
                    continue;
                }
                let flags = batch.column(columns + i).as_boolean();
                let values = data.column(i);
                let mask: BooleanArray = (0..data.num_rows())
                    .map(|r| Some(flags.is_valid(r) && flags.value(r) && values.is_null(r)))
                    .collect();
                let masked = mask.true_count();
                out.suppressed_cells += masked;
                masks.push((masked > 0).then_some(mask));
            }
            out.masks.push(masks);
            out.batches.push(data);
        }
        Ok(out)
    }

    /// Says clearly when a plan could not be sent to the cluster because
    /// Ballista's plan encoding lacks one of its parts.
    fn cluster_error(&self, e: datafusion::error::DataFusionError) -> QueryError {
        match &self.cluster {
            Some(cluster) => crate::cluster::encoding_failure(cluster, &e.to_string())
                .unwrap_or(QueryError::Sql(e)),
            None => QueryError::Sql(e),
        }
    }

    /// Refuses plans that scan anything but the registered tables and the
    /// row generators (no file-reading table functions, no URL tables).
    fn check_sources(&self, plan: &LogicalPlan) -> Result<(), QueryError> {
        let mut bad = None;
        let mut generator = None;
        plan.apply_with_subqueries(|node| {
            if let LogicalPlan::TableScan(scan) = node {
                let name = scan.table_name.table();
                if GENERATORS.contains(&name) {
                    generator = Some(name.to_string());
                } else if !self.tables.contains(name) {
                    bad = Some(scan.table_name.to_string());
                    return Ok(TreeNodeRecursion::Stop);
                }
            }
            Ok(TreeNodeRecursion::Continue)
        })?;
        match bad {
            Some(name) => Err(QueryError::ReadOnly(format!(
                "`{name}` is not a table of the opened releases; veil sql reads only their tables ({})",
                self.tables.iter().cloned().collect::<Vec<_>>().join(", ")
            ))),
            None => match (generator, &self.cluster) {
                // Ballista ships plans as protobuf, which has no encoding for
                // DataFusion's generator tables.
                (Some(name), Some(cluster)) => Err(QueryError::ClusterUnsupported(format!(
                    "the row generator {name} cannot be sent to {cluster}; run this query without --cluster"
                ))),
                _ => Ok(()),
            },
        }
    }
}

fn listing_options() -> ListingOptions {
    ListingOptions::new(Arc::new(ParquetFormat::default())).with_file_extension(".parquet")
}

/// Maps DataFusion's refusals of DDL, DML and statements to a read-only error.
fn read_only(e: datafusion::error::DataFusionError) -> QueryError {
    let message = e.to_string();
    if message.contains("not supported")
        && (message.contains("DDL") || message.contains("DML") || message.contains("Statement"))
    {
        QueryError::ReadOnly(format!(
            "only queries (SELECT, WITH, EXPLAIN, DESCRIBE) are allowed; the release tables cannot be changed, no table can be created and no file written ({})",
            message.trim_start_matches("Error during planning: ")
        ))
    } else {
        QueryError::Sql(e)
    }
}

/// Merges the schemas of one table across releases: every column present
/// in several must have one type; a column some lack is kept (NULL there)
/// with a warning.
fn merge_schemas(
    table: &str,
    parts: &[(PathBuf, ListingTableUrl, SchemaRef)],
) -> Result<(SchemaRef, Vec<SessionWarning>), QueryError> {
    let mut fields: Vec<Field> = Vec::new();
    let mut seen_in: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, (path, _, schema)) in parts.iter().enumerate() {
        for field in schema.fields() {
            match fields.iter_mut().find(|f| f.name() == field.name()) {
                Some(existing) if existing.data_type() != field.data_type() => {
                    return Err(QueryError::SchemaMismatch {
                        table: table.to_string(),
                        column: field.name().clone(),
                        detail: format!(
                            "{} in {} but {} in {}",
                            existing.data_type(),
                            parts[seen_in[field.name()][0]].0.display(),
                            field.data_type(),
                            path.display()
                        ),
                    });
                }
                Some(existing) => {
                    if field.is_nullable() {
                        existing.set_nullable(true);
                    }
                }
                None => fields.push(field.as_ref().clone()),
            }
            seen_in.entry(field.name().clone()).or_default().push(i);
        }
    }
    let mut warnings = Vec::new();
    for field in &mut fields {
        let present = &seen_in[field.name()];
        if present.len() < parts.len() {
            field.set_nullable(true);
            warnings.push(SessionWarning::MissingColumn {
                table: table.to_string(),
                column: field.name().clone(),
                missing_in: (0..parts.len())
                    .filter(|i| !present.contains(i))
                    .map(|i| parts[i].0.clone())
                    .collect(),
            });
        }
    }
    Ok((Arc::new(Schema::new(fields)), warnings))
}

/// Registers the analyst's codes: a CSV with (at least) `message_pid` and
/// `code` columns, read as text.
async fn register_codes(ctx: &SessionContext, path: &Path) -> Result<(), QueryError> {
    let text = std::fs::read_to_string(path).map_err(|e| io_error(path, e))?;
    let header: Vec<String> = text
        .lines()
        .next()
        .unwrap_or("")
        .split(',')
        .map(|h| h.trim().trim_matches('"').to_string())
        .collect();
    for needed in ["message_pid", "code"] {
        if !header.iter().any(|h| h == needed) {
            return Err(QueryError::Codes {
                path: path.to_path_buf(),
                message: format!(
                    "the header row must name `message_pid` and `code` (found: {})",
                    header.join(", ")
                ),
            });
        }
    }
    let schema = Schema::new(
        header
            .iter()
            .map(|h| Field::new(h, DataType::Utf8, true))
            .collect::<Vec<_>>(),
    );
    let extension = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let path_text = std::fs::canonicalize(path)
        .map_err(|e| io_error(path, e))?
        .display()
        .to_string();
    ctx.register_csv(
        CODES_TABLE,
        &path_text,
        CsvReadOptions::new()
            .has_header(true)
            .file_extension(&extension)
            .schema(&schema),
    )
    .await?;
    Ok(())
}
