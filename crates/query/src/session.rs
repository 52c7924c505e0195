//! A SQL session over one or more releases.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use datafusion::datasource::file_format::parquet::ParquetFormat;
use datafusion::datasource::listing::{
    ListingOptions, ListingTable, ListingTableConfig, ListingTableUrl,
};
use datafusion::execution::context::SQLOptions;
use datafusion::prelude::SessionContext;
use veil_format::Manifest;

use crate::{QueryError, QueryResult};

/// A release opened for querying.
#[derive(Debug, Clone)]
pub struct OpenRelease {
    /// Its directory.
    pub path: PathBuf,
    /// Its manifest.
    pub manifest: Manifest,
}

/// A read-only SQL session over releases.
pub struct Session {
    ctx: SessionContext,
    releases: Vec<OpenRelease>,
    tables: BTreeSet<String>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field(
                "releases",
                &self.releases.iter().map(|r| &r.path).collect::<Vec<_>>(),
            )
            .field("tables", &self.tables)
            .finish()
    }
}

impl Session {
    /// Opens the releases at `paths` and registers their tables.
    pub async fn open(paths: &[PathBuf]) -> Result<Session, QueryError> {
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
        let ctx = SessionContext::new();
        let mut tables = BTreeSet::new();
        for release in &releases {
            tables.extend(release.manifest.tables.keys().cloned());
        }
        for table in &tables {
            let mut urls = Vec::new();
            for release in &releases {
                if release
                    .manifest
                    .tables
                    .get(table)
                    .is_some_and(|t| !t.files.is_empty())
                {
                    let dir =
                        std::fs::canonicalize(release.path.join(table)).map_err(|source| {
                            veil_format::FormatError::Io {
                                path: release.path.join(table),
                                source,
                            }
                        })?;
                    urls.push(ListingTableUrl::parse(format!("{}/", dir.display()))?);
                }
            }
            if urls.is_empty() {
                continue;
            }
            let options = ListingOptions::new(Arc::new(ParquetFormat::default()))
                .with_file_extension(".parquet");
            let config = ListingTableConfig::new_with_multi_paths(urls)
                .with_listing_options(options)
                .infer_schema(&ctx.state())
                .await?;
            ctx.register_table(table.as_str(), Arc::new(ListingTable::try_new(config)?))?;
        }
        Ok(Session {
            ctx,
            releases,
            tables,
        })
    }

    /// The opened releases.
    pub fn releases(&self) -> &[OpenRelease] {
        &self.releases
    }

    /// Names of the registered tables.
    pub fn tables(&self) -> impl Iterator<Item = &str> {
        self.tables.iter().map(String::as_str)
    }

    /// Whether any release was made with the public demo key.
    pub fn uses_demo_key(&self) -> bool {
        self.releases.iter().any(|r| r.manifest.demo_key)
    }

    /// Whether the releases were made with different keys (pseudonyms will
    /// not join across them).
    pub fn mixed_keys(&self) -> bool {
        let keys: BTreeSet<&str> = self
            .releases
            .iter()
            .map(|r| r.manifest.key_fingerprint.as_str())
            .collect();
        keys.len() > 1
    }

    /// Runs one read-only SQL statement.
    pub async fn sql(&self, sql: &str) -> Result<QueryResult, QueryError> {
        let options = SQLOptions::new()
            .with_allow_ddl(false)
            .with_allow_dml(false)
            .with_allow_statements(false);
        let frame = self.ctx.sql_with_options(sql, options).await.map_err(|e| {
            let message = e.to_string();
            if message.contains("not supported") && (message.contains("DDL") || message.contains("DML") || message.contains("Statement")) {
                QueryError::ReadOnly(
                    "only queries (SELECT, WITH, EXPLAIN) are allowed; the release tables cannot be changed and no table can be created"
                        .to_string(),
                )
            } else {
                QueryError::Sql(e)
            }
        })?;
        let schema = Arc::new(frame.schema().as_arrow().clone());
        let batches = frame.collect().await?;
        Ok(QueryResult { schema, batches })
    }
}
