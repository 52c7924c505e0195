//! `veil sql`: read-only SQL over releases.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use veil_query::{Cluster, OutputFormat, QueryResult, Session, SessionOptions};

use crate::shell::{Shell, run_interactive, run_piped};
use crate::terminal::DEMO_KEY_WARNING;

/// Arguments of `veil sql`.
#[derive(Debug, clap::Args)]
pub struct SqlArgs {
    /// Release directories (releases/<study>); several are unioned table by table.
    #[arg(required = true, value_name = "RELEASE")]
    releases: Vec<PathBuf>,
    /// SQL to run.
    #[arg(
        short = 'c',
        long = "command",
        value_name = "SQL",
        conflicts_with = "file"
    )]
    command: Option<String>,
    /// File of SQL statements separated by `;`.
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    file: Option<PathBuf>,
    /// Output format (parquet needs --output).
    #[arg(long, default_value = "table", value_parser = ["table", "csv", "json", "jsonl", "parquet"])]
    format: String,
    /// Write results to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Smallest number of distinct patients an aggregate cell may show
    /// (default and lower limit: the releases' min_cell).
    #[arg(long, value_name = "K")]
    min_cell: Option<u32>,
    /// A CSV of your own codes with columns message_pid and code, attached
    /// as the table `codes`.
    #[arg(long, value_name = "FILE.csv")]
    codes: Option<PathBuf>,
    /// Run the queries on an Apache Ballista cluster: df://HOST:PORT is its
    /// scheduler (port 50050 if omitted); `standalone` starts a scheduler and
    /// an executor inside veil, to try it on one machine. The scheduler and
    /// every executor must see the releases at the same absolute path (a
    /// shared mount). The read-only checks and disclosure control still run
    /// here, on the plan, before it is sent.
    #[arg(long, value_name = "df://HOST:PORT")]
    cluster: Option<Cluster>,
}

pub fn run(args: SqlArgs) -> anyhow::Result<ExitCode> {
    let format = OutputFormat::parse(&args.format).expect("clap checked the format");
    if format.is_binary() && args.output.is_none() {
        anyhow::bail!("--format {} needs --output FILE", args.format);
    }
    let sql = match (&args.command, &args.file) {
        (Some(sql), _) => Some(sql.clone()),
        (None, Some(file)) => Some(
            std::fs::read_to_string(file)
                .with_context(|| format!("cannot read {}", file.display()))?,
        ),
        (None, None) => None,
    };
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    let options = SessionOptions {
        min_cell: args.min_cell,
        codes: args.codes.clone(),
        cluster: args.cluster.clone(),
    };
    let session = runtime.block_on(Session::open_with(&args.releases, &options))?;
    if session.uses_demo_key() {
        eprintln!("{DEMO_KEY_WARNING}");
    }
    for warning in session.warnings() {
        eprintln!("warning: {warning}");
    }
    if let Some(cluster) = session.cluster() {
        eprintln!("queries run on the Ballista cluster {cluster}");
    }
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let Some(sql) = sql else {
        if format.is_binary() {
            anyhow::bail!("--format {} takes one statement with -c or -f", args.format);
        }
        let mut shell = Shell::new(&session, &runtime, format);
        if std::io::stdin().is_terminal() {
            run_interactive(&mut shell, &mut out)?;
        } else {
            run_piped(&mut shell, &mut out)?;
        }
        out.flush().context("cannot write the result")?;
        return Ok(ExitCode::SUCCESS);
    };
    let statements = split_statements(&sql);
    if statements.is_empty() {
        anyhow::bail!("no SQL statement given");
    }
    if format.is_binary() && statements.len() > 1 {
        anyhow::bail!(
            "--format {} writes one result: give one statement",
            args.format
        );
    }
    for statement in statements {
        let result = runtime.block_on(session.sql(statement))?;
        result.write(format, &mut out)?;
        report_suppression(&result);
    }
    out.flush().context("cannot write the result")?;
    Ok(ExitCode::SUCCESS)
}

/// Says on standard error how many cells were suppressed.
pub fn report_suppression(result: &QueryResult) {
    if let Some(note) = result.suppression_note() {
        eprintln!("{note}");
    }
}

/// Splits SQL text on `;` outside quotes and comments; drops empty statements.
pub fn split_statements(sql: &str) -> Vec<&str> {
    let mut statements = Vec::new();
    let bytes = sql.as_bytes();
    let (mut start, mut i) = (0, 0);
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'\'' || b == b'"' => quote = Some(b),
            None if b == b'-' && bytes.get(i + 1) == Some(&b'-') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            None if b == b';' => {
                statements.push(&sql[start..i]);
                start = i + 1;
            }
            None => {}
        }
        i += 1;
    }
    statements.push(&sql[start..]);
    statements
        .into_iter()
        .filter(|s| {
            s.lines()
                .any(|l| !l.trim().is_empty() && !l.trim().starts_with("--"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::split_statements;

    #[test]
    fn splits_outside_quotes_and_comments() {
        assert_eq!(
            split_statements("SELECT ';'; -- a; comment\nSELECT 2;\n\n"),
            vec!["SELECT ';'", " -- a; comment\nSELECT 2"]
        );
    }
}
