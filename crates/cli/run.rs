//! `veil run`: make a release from a pipeline file, then run its analyses
//! over the release as an analyst would.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use veil_pipeline::Pipeline;
use veil_pseudonym::Key;
use veil_query::{ChartKind, OutputFormat, Session, StudyAnalysis, run_study};
use veil_release::{Progress, ReleaseOptions, ReleaseSummary, release};

use crate::terminal::{DEMO_KEY_WARNING, rows_spinner, warn_if_demo};

/// Arguments of `veil run`.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// The pipeline file (the study's de-identification protocol).
    pipeline: PathBuf,
    /// Key file (else the file in VEIL_KEY_FILE, else the hex key in VEIL_KEY).
    #[arg(long, value_name = "FILE")]
    key_file: Option<PathBuf>,
    /// Directory under which releases/<study>/, private/<study>/ and
    /// results/<study>/ are written.
    #[arg(long, value_name = "DIR", default_value = ".")]
    out: PathBuf,
    /// Make the release only; do not run the pipeline's analyses.
    #[arg(long)]
    no_analyses: bool,
    /// Rows per batch when reading exports.
    #[arg(long, value_name = "N", default_value_t = 8192)]
    batch_rows: usize,
    /// Worker threads for the de-identification plan (0: one per core).
    #[arg(long, value_name = "N", default_value_t = 0)]
    threads: usize,
    /// Memory the release may hold: its rows are processed in patient ranges
    /// of about a tenth of it, and sorts spill to private/<study>/ beyond it
    /// (bytes, or with K, M or G: 1G, 2G).
    #[arg(long, value_name = "SIZE", default_value = "1G", value_parser = parse_size)]
    memory_limit: usize,
    /// Ranges of the patient pseudonym per site to process the release in
    /// (default: enough for the export's size and the memory limit; the
    /// release is the same whatever the number).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    patient_ranges: Option<u16>,
    /// No progress display.
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: RunArgs) -> anyhow::Result<ExitCode> {
    let pipeline = Pipeline::load(&args.pipeline)?;
    // No key, no run: the key is resolved before any data is read.
    let key = Arc::new(Key::resolve(args.key_file.as_deref())?);
    warn_if_demo(&key);
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    let options = ReleaseOptions {
        out_root: args.out.clone(),
        batch_rows: args.batch_rows,
        threads: args.threads,
        memory_limit: args.memory_limit,
        patient_ranges: args.patient_ranges.map(usize::from),
    };
    let bar = rows_spinner(args.quiet);
    let summary = runtime.block_on(release(
        &pipeline,
        key.clone(),
        &options,
        &mut |p| match p {
            Progress::SourceOpened { source, encoding } => {
                bar.suspend(|| eprintln!("reading source {source}: {encoding}"));
                bar.reset();
                bar.set_message(format!("reading {source}"));
            }
            Progress::Read { rows, .. } => bar.set_position(rows),
            Progress::Deidentified { rows } => {
                bar.suspend(|| eprintln!("de-identified {rows} rows"));
            }
            Progress::Written { table, rows } => {
                if !bar.message().ends_with(&table) {
                    bar.reset();
                    bar.set_message(format!("writing {table}"));
                }
                bar.set_position(rows);
            }
        },
    ));
    bar.finish_and_clear();
    let summary = summary?;
    print_summary(&summary);
    warn_of_mostly_quarantined(&summary);

    if !args.no_analyses && !pipeline.analyses.is_empty() {
        let results = args.out.join("results").join(&pipeline.study);
        runtime.block_on(run_analyses(&pipeline, &summary.release_dir, &results))?;
        if key.is_demo() {
            std::fs::write(results.join("NOTICE.txt"), format!("{DEMO_KEY_WARNING}\n"))
                .with_context(|| {
                    format!("cannot write {}", results.join("NOTICE.txt").display())
                })?;
        }
        eprintln!("analyses written to {}", results.display());
    }
    warn_if_demo(&key);
    Ok(ExitCode::SUCCESS)
}

/// Warns of each source that had most of its rows quarantined: that is
/// nearly always a setting that does not fit the export (a timestamp
/// format, a delimiter, a role table), not a bad export.
fn warn_of_mostly_quarantined(summary: &ReleaseSummary) {
    for s in &summary.sources {
        let c = &s.counts;
        if c.rows_read == 0 || c.rows_quarantined * 2 <= c.rows_read {
            continue;
        }
        let Some((reason, n)) = c.reasons.iter().max_by_key(|(_, n)| **n) else {
            continue;
        };
        eprintln!(
            "warning: source `{}`: {} of {} rows were quarantined, {n} of them for {reason}; \
             check the source's settings against the export (timestamp_format, time_zone, \
             roles, delimiter, encoding). The rows and their reasons are in {}",
            s.name,
            c.rows_quarantined,
            c.rows_read,
            s.quarantine_file.display()
        );
    }
}

fn print_summary(summary: &ReleaseSummary) {
    let m = &summary.manifest;
    eprintln!();
    eprintln!("release  {}", summary.release_dir.display());
    eprintln!(
        "private  {} (quarantine; steward only, never share)",
        summary.private_dir.display()
    );
    eprintln!(
        "key      fingerprint {}{}",
        m.key_fingerprint,
        if m.demo_key { " (PUBLIC DEMO KEY)" } else { "" }
    );
    eprintln!(
        "roster   {} names from the export's own columns",
        summary.roster_names
    );
    if summary.table_runs > 1 {
        eprintln!(
            "memory   tables made in {} runs of patient ranges",
            summary.table_runs
        );
    }
    eprintln!();
    eprintln!(
        "{:<16} {:>10} {:>10} {:>12}  encoding",
        "source", "read", "released", "quarantined"
    );
    for s in &summary.sources {
        eprintln!(
            "{:<16} {:>10} {:>10} {:>12}  {}",
            s.name, s.counts.rows_read, s.counts.rows_passed, s.counts.rows_quarantined, s.encoding
        );
        for (reason, n) in &s.counts.reasons {
            eprintln!("{:<16} {:>35}  {reason}", "", n);
        }
    }
    for (table, entry) in &m.tables {
        eprintln!(
            "table    {table}: {} rows in {} file(s)",
            entry.rows,
            entry.files.len()
        );
    }
    let a = &summary.audit;
    let categories: Vec<String> = a
        .redactions
        .by_site_category
        .values()
        .flat_map(|c| c.iter())
        .fold(
            std::collections::BTreeMap::<&str, u64>::new(),
            |mut acc, (c, n)| {
                *acc.entry(c.as_str()).or_default() += n;
                acc
            },
        )
        .into_iter()
        .map(|(c, n)| format!("{c} {n}"))
        .collect();
    eprintln!(
        "redacted {} findings: {}",
        a.redactions.total,
        categories.join(", ")
    );
    if let Some(r) = &a.risk {
        eprintln!(
            "risk     patients: k = {}, {} sample uniques, {} of {} in classes under {}{}",
            r.k,
            r.sample_uniques,
            r.records_at_risk,
            r.records,
            r.threshold,
            if a.k_anonymity.steps.is_empty() {
                String::new()
            } else {
                format!(" (after: {})", a.k_anonymity.steps.join("; "))
            }
        );
    }
    eprintln!(
        "audit    {} (open in a browser)",
        summary.release_dir.join("audit.html").display()
    );
    eprintln!(
        "findings {} (steward only)",
        summary.findings.path.display()
    );
    eprintln!(
        "done in {:.2} s; every row read is released or quarantined",
        summary.seconds
    );
    eprintln!();
}

async fn run_analyses(
    pipeline: &Pipeline,
    release_dir: &Path,
    results: &Path,
) -> anyhow::Result<()> {
    let session = Session::open(&[release_dir.to_path_buf()]).await?;
    let mut analyses = Vec::new();
    for a in &pipeline.analyses {
        let chart = match a.chart.as_deref() {
            None => None,
            Some(name) => Some(ChartKind::parse(name).with_context(|| {
                format!(
                    "analysis `{}` in {}: chart is `bar` or `line`, not `{name}`",
                    a.name,
                    pipeline.path.display()
                )
            })?),
        };
        analyses.push(StudyAnalysis {
            name: a.name.clone(),
            title: a.title.clone(),
            sql: a.sql.clone(),
            chart,
            chart_value: a.chart_value.clone(),
        });
    }
    let outputs = run_study(&session, &pipeline.study, &analyses, results)
        .await
        .with_context(|| format!("analyses of {}", pipeline.path.display()))?;
    for output in &outputs {
        let a = &output.analysis;
        println!("{}", a.title.as_deref().unwrap_or(&a.name));
        output
            .result
            .write(OutputFormat::Table, &mut std::io::stdout())?;
        if let Some(note) = output.result.suppression_note() {
            println!("{note}");
        }
        println!();
    }
    Ok(())
}

/// A size in bytes: a number with an optional K, M or G (powers of 1024).
fn parse_size(text: &str) -> Result<usize, String> {
    let text = text.trim();
    let (digits, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => text.split_at(i),
        None => (text, ""),
    };
    let n: usize = digits
        .parse()
        .map_err(|_| format!("`{text}` is not a size: give bytes or a number with K, M or G"))?;
    let scale: usize = match unit
        .trim()
        .to_ascii_uppercase()
        .trim_end_matches(['B', 'I'])
    {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        _ => return Err(format!("`{text}`: unknown unit `{unit}` (use K, M or G)")),
    };
    let bytes = n
        .checked_mul(scale)
        .ok_or_else(|| format!("`{text}` is too large"))?;
    if bytes < veil_release::MIN_MEMORY_LIMIT {
        return Err(format!(
            "`{text}` is below the least memory a release needs ({} MiB)",
            veil_release::MIN_MEMORY_LIMIT >> 20
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_parse_with_units() {
        assert_eq!(parse_size("512M"), Ok(512 << 20));
        assert_eq!(parse_size("2G"), Ok(2 << 30));
        assert_eq!(parse_size("262144k"), Ok(256 << 20));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert_eq!(parse_size("200000000"), Ok(200_000_000));
        assert!(parse_size("1M").unwrap_err().contains("least memory"));
        assert!(parse_size("12X").is_err());
        assert!(parse_size("M").is_err());
    }
}
