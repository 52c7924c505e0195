//! `veil schema`: the release tables and what every column means.

use std::process::ExitCode;

/// Arguments of `veil schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Only this table (messages, patients, threads, logins).
    table: Option<String>,
    /// Print Markdown (the text of RELEASE.md) instead of plain text.
    #[arg(long)]
    markdown: bool,
}

pub fn run(args: SchemaArgs) -> anyhow::Result<ExitCode> {
    if args.markdown {
        print!("{}", veil_format::markdown());
        return Ok(ExitCode::SUCCESS);
    }
    let tables: Vec<veil_format::TableDoc> = match &args.table {
        Some(name) => match veil_format::table(name) {
            Some(t) => vec![t],
            None => {
                let known: Vec<&str> = veil_format::tables().iter().map(|t| t.name).collect();
                anyhow::bail!("no release table `{name}`; known: {}", known.join(", "));
            }
        },
        None => veil_format::tables(),
    };
    for t in tables {
        println!("{}  (sorted by {})", t.name, t.sorted_by);
        println!("  {}", t.doc);
        for c in &t.columns {
            println!(
                "  {:<26} {:<16} {}",
                c.name,
                c.column_type.sql_name(),
                c.doc
            );
        }
        println!();
    }
    Ok(ExitCode::SUCCESS)
}
