//! The `veil` command line: de-identified research releases of
//! patient-portal messaging exports, and SQL over them.
//!
//! Each command lives in its own file; the libraries do the work.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod audit;
mod check;
mod eval;
mod key;
mod review;
mod run;
mod schema;
mod scrub;
mod shell;
mod sql;
mod synth;
mod terminal;
mod verify;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc rather than the system allocator: the release path allocates
/// and frees many short strings on several threads, where glibc's
/// allocator spent about a tenth of a release's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// veil turns patient-portal messaging exports into de-identified research
/// releases (Parquet) and runs SQL over them.
#[derive(Debug, Parser)]
#[command(
    name = "veil",
    version,
    about,
    after_help = "Start with a study on its synthetic fixture (public demo key):\n  veil run pipelines/german-psychiatry.toml --key-file fixtures/keys/demo.key\n  veil sql releases/german-psychiatry -c \"SELECT message_kind, count(*) FROM messages GROUP BY 1\"\n  open results/german-psychiatry/report.html and releases/german-psychiatry/audit.html"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Make a de-identified release from a pipeline file, then run its analyses.
    Run(run::RunArgs),
    /// Run SQL over one or more releases (read-only).
    Sql(sql::SqlArgs),
    /// Make a study key or show a key's fingerprint.
    #[command(subcommand)]
    Key(key::KeyCommand),
    /// Check a pipeline file (the de-identification protocol) without reading any data.
    Check(check::CheckArgs),
    /// Scrub free text from stdin (plain lines or JSON Lines such as a gold.jsonl) to stdout.
    Scrub(scrub::ScrubArgs),
    /// Write a synthetic study export with gold annotations of protected information.
    Synth(synth::SynthArgs),
    /// Score a scrubber's output against a gold file.
    Eval(eval::EvalArgs),
    /// Show the release tables and what every column means.
    Schema(schema::SchemaArgs),
    /// Verify a release: hashes, schema, and (with --pipeline) a leak scan against the raw export.
    Verify(verify::VerifyArgs),
    /// Recompute a release's audit (audit.json, audit.html) from its tables and the findings table.
    Audit(audit::AuditArgs),
    /// Draw a review sample (raw beside scrubbed, into private/) or score a reviewer's marks.
    Review(review::ReviewArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => run::run(args),
        Command::Sql(args) => sql::run(args),
        Command::Key(command) => key::run(command),
        Command::Check(args) => check::run(args),
        Command::Scrub(args) => scrub::run(args),
        Command::Synth(args) => synth::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Verify(args) => verify::run(args),
        Command::Audit(args) => audit::run(args),
        Command::Review(args) => review::run(args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {}", error_message(&error));
            ExitCode::FAILURE
        }
    }
}

/// `error` and its causes joined by `: `, leaving out a cause whose text
/// the messages before it already hold (many errors print their source).
fn error_message(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain() {
        let part = cause.to_string();
        if text.contains(&part) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&part);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::error_message;

    #[test]
    fn error_messages_say_each_cause_once() {
        /// An error that prints its source, as ReleaseError::Io does.
        #[derive(Debug)]
        struct Staging(std::io::Error);
        impl std::fmt::Display for Staging {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "b00000.arrow: {}", self.0)
            }
        }
        impl std::error::Error for Staging {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(&self.0)
            }
        }
        let disk = || std::io::Error::from_raw_os_error(28);
        let error = anyhow::Error::new(Staging(disk())).context("making the release");
        let text = error_message(&error);
        assert_eq!(
            text,
            format!("making the release: b00000.arrow: {}", disk())
        );
        let error = anyhow::anyhow!("outer").context("context");
        assert_eq!(error_message(&error), "context: outer");
    }
}
