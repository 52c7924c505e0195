//! Errors of querying releases.

use std::path::PathBuf;

/// What can go wrong when querying releases.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// A release's manifest could not be read.
    #[error(transparent)]
    Format(#[from] veil_format::FormatError),
    /// A path is not a release directory.
    #[error(
        "{path} is not a veil release (no manifest.json); pass a directory such as releases/<study>"
    )]
    NotARelease {
        /// The path given.
        path: PathBuf,
    },
    /// A statement that would change or create something.
    #[error("veil sql is read-only: {0}")]
    ReadOnly(String),
    /// The query failed to plan or run.
    #[error("{0}")]
    Sql(#[from] datafusion::error::DataFusionError),
    /// Writing the result failed.
    #[error("cannot write the result: {0}")]
    Output(String),
    /// A smaller minimum cell size than the releases allow.
    #[error(
        "--min-cell {requested} is below the release's min_cell {required}: aggregates may not show cells of fewer than {required} patients"
    )]
    MinCellTooSmall {
        /// The value asked for.
        requested: u32,
        /// The largest min_cell of the opened releases.
        required: u32,
    },
    /// A table name that is not registered.
    #[error("no table `{0}`")]
    NoSuchTable(String),
    /// Two releases disagree on the type of a column.
    #[error("releases cannot be unioned: {table}.{column} is {detail}")]
    SchemaMismatch {
        /// The table.
        table: String,
        /// The column.
        column: String,
        /// Its types and the releases that hold them.
        detail: String,
    },
    /// The analyst's codes file is not usable.
    #[error("{path}: {message}")]
    Codes {
        /// The codes file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A `--cluster` address that is not `df://HOST:PORT` or `standalone`.
    #[error(
        "`{address}` is not a cluster address ({message}); give df://HOST:PORT, the address of a Ballista scheduler, or `standalone`"
    )]
    ClusterAddress {
        /// The address given.
        address: String,
        /// What is wrong with it.
        message: String,
    },
    /// Nothing accepts connections at the scheduler's address.
    #[error(
        "cannot reach the Ballista scheduler at host {host}, port {port} ({reason}); is ballista-scheduler running there, and is the port open to this machine?"
    )]
    ClusterUnreachable {
        /// The scheduler's host.
        host: String,
        /// The scheduler's port.
        port: u16,
        /// Why the connection failed.
        reason: String,
    },
    /// Something a local session can do but a Ballista cluster cannot.
    #[error("not supported on a Ballista cluster: {0}")]
    ClusterUnsupported(String),
    /// This build has no cluster support.
    #[error(
        "this veil was built without cluster support (cargo feature `cluster`); rebuild it with default features to use --cluster"
    )]
    ClusterNotBuilt,
    /// A study analysis failed.
    #[error("analysis `{name}`: {message}")]
    Analysis {
        /// The analysis.
        name: String,
        /// What went wrong.
        message: String,
    },
}
