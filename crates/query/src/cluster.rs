//! Running a session's queries on an Apache Ballista cluster.
//!
//! A [`Cluster`] names where queries run when not in this process: a
//! Ballista scheduler at `df://HOST:PORT`, or Ballista's standalone
//! scheduler and executor started inside this process (to try the cluster
//! path on one machine, and for tests).
//!
//! The session stays in this process: it reads the manifests, checks the
//! SQL (read-only plan checks) and rewrites the logical plan for disclosure
//! control here, and only then ships the rewritten plan to the scheduler,
//! which plans it and hands the work to its executors. The release tables
//! are registered as Parquet listing tables by absolute path, so the
//! scheduler and every executor must see the release directory at the same
//! path (a shared mount).
//!
//! Building without the `cluster` feature leaves out Ballista and all its
//! network code; [`Cluster`] then still parses, and opening a session on a
//! cluster says the feature is missing.

use std::fmt;
use std::str::FromStr;

use crate::QueryError;

/// Where a session's queries run, when not in this process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cluster {
    /// A Ballista scheduler, written `df://HOST:PORT`.
    Remote {
        /// Its host name or address.
        host: String,
        /// Its gRPC port ([`Cluster::DEFAULT_PORT`] when not given).
        port: u16,
    },
    /// Ballista's standalone scheduler and one executor, started inside
    /// this process for the session; written `standalone`.
    Standalone,
}

impl Cluster {
    /// The port a Ballista scheduler listens on by default.
    pub const DEFAULT_PORT: u16 = 50050;

    /// Parses `df://HOST:PORT` (the port defaults to 50050), or
    /// `standalone`.
    ///
    /// ```
    /// use veil_query::Cluster;
    ///
    /// let remote = Cluster::parse("df://scheduler.example:50050").unwrap();
    /// assert_eq!(
    ///     remote,
    ///     Cluster::Remote { host: "scheduler.example".into(), port: 50050 }
    /// );
    /// assert_eq!(Cluster::parse("standalone").unwrap(), Cluster::Standalone);
    /// assert!(Cluster::parse("http://scheduler.example").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Cluster, QueryError> {
        let bad = |message: &str| QueryError::ClusterAddress {
            address: text.to_string(),
            message: message.to_string(),
        };
        if text == "standalone" {
            return Ok(Cluster::Standalone);
        }
        let rest = text
            .strip_prefix("df://")
            .ok_or_else(|| bad("it does not start with df://"))?;
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        if rest.contains('/') || rest.contains('@') || rest.contains('?') {
            return Err(bad("give only a host and a port, no path"));
        }
        let (host, port) = if let Some(bracketed) = rest.strip_prefix('[') {
            // An IPv6 address: df://[::1]:50050
            let (host, after) = bracketed
                .split_once(']')
                .ok_or_else(|| bad("an IPv6 address needs a closing ]"))?;
            let port = match after {
                "" => None,
                _ => Some(
                    after
                        .strip_prefix(':')
                        .ok_or_else(|| bad("expected :PORT after the address"))?,
                ),
            };
            (host, port)
        } else {
            match rest.split_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (rest, None),
            }
        };
        if host.is_empty() {
            return Err(bad("the host is missing"));
        }
        let port = match port {
            None => Cluster::DEFAULT_PORT,
            Some(port) => port
                .parse::<u16>()
                .ok()
                .filter(|p| *p != 0)
                .ok_or_else(|| bad("the port must be a number from 1 to 65535"))?,
        };
        Ok(Cluster::Remote {
            host: host.to_string(),
            port,
        })
    }
}

impl FromStr for Cluster {
    type Err = QueryError;

    fn from_str(text: &str) -> Result<Cluster, QueryError> {
        Cluster::parse(text)
    }
}

impl fmt::Display for Cluster {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cluster::Remote { host, port } if host.contains(':') => {
                write!(f, "df://[{host}]:{port}")
            }
            Cluster::Remote { host, port } => write!(f, "df://{host}:{port}"),
            Cluster::Standalone => f.write_str("standalone"),
        }
    }
}

/// A DataFusion context whose queries run on `cluster`, with the same
/// DataFusion defaults as a local session (Ballista adjusts a few).
#[cfg(feature = "cluster")]
pub(crate) async fn context(
    cluster: &Cluster,
) -> Result<datafusion::prelude::SessionContext, QueryError> {
    use ballista::prelude::SessionContextExt;
    use datafusion::prelude::SessionContext;

    let state = SessionContext::new().state();
    match cluster {
        Cluster::Remote { host, port } => {
            probe(host, *port)?;
            Ok(SessionContext::remote_with_state(&cluster.to_string(), state).await?)
        }
        Cluster::Standalone => Ok(SessionContext::standalone_with_state(state).await?),
    }
}

/// Without the `cluster` feature: says so.
#[cfg(not(feature = "cluster"))]
pub(crate) async fn context(
    _cluster: &Cluster,
) -> Result<datafusion::prelude::SessionContext, QueryError> {
    Err(QueryError::ClusterNotBuilt)
}

/// How long to wait for the scheduler to accept a connection.
#[cfg(feature = "cluster")]
const CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Checks that something accepts connections at the scheduler's address
/// (Ballista itself connects only when the first query runs, and then
/// fails less clearly).
#[cfg(feature = "cluster")]
fn probe(host: &str, port: u16) -> Result<(), QueryError> {
    use std::net::{TcpStream, ToSocketAddrs};

    let unreachable = |reason: String| QueryError::ClusterUnreachable {
        host: host.to_string(),
        port,
        reason,
    };
    let addresses = (host, port)
        .to_socket_addrs()
        .map_err(|e| unreachable(format!("cannot resolve {host}: {e}")))?;
    let mut last = format!("{host} resolves to no address");
    for address in addresses {
        match TcpStream::connect_timeout(&address, CONNECT_TIMEOUT) {
            Ok(_) => return Ok(()),
            Err(e) => last = format!("{address}: {e}"),
        }
    }
    Err(unreachable(last))
}

/// The error to give when Ballista could not encode a plan to ship it
/// (its protobuf encoding lacks some DataFusion plan nodes and
/// expressions), from DataFusion's error `message`; `None` for other errors.
pub(crate) fn encoding_failure(cluster: &Cluster, message: &str) -> Option<QueryError> {
    const ENCODING: [&str; 3] = [
        "failed to serialize logical plan",
        "serde is not yet implemented",
        "Proto serialization error",
    ];
    if !ENCODING.iter().any(|m| message.contains(m)) {
        return None;
    }
    let detail = message
        .split("\nThis issue was likely caused by a bug")
        .next()
        .unwrap_or(message)
        .trim_start_matches("Internal error: ")
        .trim_start_matches("failed to serialize logical plan: ");
    Some(QueryError::ClusterUnsupported(format!(
        "Ballista cannot encode this query's plan to send it to {cluster} ({detail}); run it without --cluster"
    )))
}

#[cfg(test)]
mod tests {
    use super::{Cluster, encoding_failure};

    #[test]
    fn plans_ballista_cannot_encode_are_named() {
        // As DataFusion 55.2 and Ballista 55.0 report an uncorrelated EXISTS.
        let message = "Internal error: failed to serialize logical plan: Plan(\"General error: Proto serialization error: EXISTS (<subquery>) is not yet supported\").\nThis issue was likely caused by a bug in DataFusion's code. Please help us to resolve this by filing a bug report in our issue tracker: https://github.com/apache/datafusion/issues";
        let err = encoding_failure(&Cluster::Standalone, message)
            .unwrap()
            .to_string();
        assert!(
            err.starts_with("not supported on a Ballista cluster: Ballista cannot encode")
                && err.contains("EXISTS (<subquery>) is not yet supported")
                && err.ends_with("run it without --cluster")
                && !err.contains("bug report"),
            "{err}"
        );
        assert!(encoding_failure(&Cluster::Standalone, "Schema error: No field named x").is_none());
    }

    #[test]
    fn parses_hosts_ports_and_standalone() {
        let remote = |host: &str, port| Cluster::Remote {
            host: host.to_string(),
            port,
        };
        assert_eq!(
            Cluster::parse("df://10.0.0.5:50051").unwrap(),
            remote("10.0.0.5", 50051)
        );
        assert_eq!(
            Cluster::parse("df://scheduler/").unwrap(),
            remote("scheduler", Cluster::DEFAULT_PORT)
        );
        assert_eq!(
            Cluster::parse("df://[::1]:7000").unwrap(),
            remote("::1", 7000)
        );
        assert_eq!(
            Cluster::parse("df://[::1]:7000").unwrap().to_string(),
            "df://[::1]:7000"
        );
        assert_eq!(
            "standalone".parse::<Cluster>().unwrap(),
            Cluster::Standalone
        );
    }

    #[test]
    fn refuses_what_is_not_a_scheduler_address() {
        for bad in [
            "scheduler:50050",
            "http://scheduler:50050",
            "df://",
            "df://:50050",
            "df://scheduler:0",
            "df://scheduler:port",
            "df://scheduler:70000",
            "df://scheduler:50050/path",
            "df://[::1",
        ] {
            let err = Cluster::parse(bad).unwrap_err().to_string();
            assert!(err.contains(bad) && err.contains("df://HOST:PORT"), "{err}");
        }
    }
}
