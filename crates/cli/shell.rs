//! The `veil sql` shell: SQL statements ending with `;` over several lines,
//! and dot commands (`.tables`, `.schema TABLE`, `.quit`), typed at a
//! terminal (with history) or read from standard input.

use std::io::{BufRead, Write};

use anyhow::Context;
use veil_query::{OutputFormat, Session};

use crate::sql::{report_suppression, split_statements};

/// What the caller does after a line.
#[derive(Debug, PartialEq, Eq)]
pub enum Step {
    /// Read the next line.
    Continue,
    /// Stop (`.quit`).
    Quit,
}

/// Lines in, results out.
pub struct Shell<'a> {
    session: &'a Session,
    runtime: &'a tokio::runtime::Runtime,
    format: OutputFormat,
    buffer: String,
}

const HELP: &str = "\
Statements end with `;` and may span lines. Commands:
  .tables            list the tables
  .schema [TABLE]    columns and types of a table (or of all)
  .format FORMAT     table, csv, json or jsonl
  .help              this text
  .quit              leave (also Ctrl-D)";

impl<'a> Shell<'a> {
    /// A shell over `session` printing results in `format`.
    pub fn new(
        session: &'a Session,
        runtime: &'a tokio::runtime::Runtime,
        format: OutputFormat,
    ) -> Shell<'a> {
        Shell {
            session,
            runtime,
            format,
            buffer: String::new(),
        }
    }

    /// Whether a statement is being continued.
    pub fn continuing(&self) -> bool {
        !self.buffer.trim().is_empty()
    }

    /// Takes one line: a dot command, or part of a statement that runs
    /// once it ends with `;`.
    pub fn line(&mut self, line: &str, out: &mut dyn Write) -> anyhow::Result<Step> {
        if !self.continuing() && line.trim_start().starts_with('.') {
            return self.command(line.trim(), out);
        }
        self.buffer.push_str(line);
        self.buffer.push('\n');
        if ends_statement(&self.buffer) {
            let sql = std::mem::take(&mut self.buffer);
            self.run(&sql, out)?;
        }
        Ok(Step::Continue)
    }

    /// Runs what is left at the end of input (a last statement without `;`).
    pub fn finish(&mut self, out: &mut dyn Write) -> anyhow::Result<()> {
        let sql = std::mem::take(&mut self.buffer);
        self.run(&sql, out)
    }

    fn run(&mut self, sql: &str, out: &mut dyn Write) -> anyhow::Result<()> {
        for statement in split_statements(sql) {
            let result = self.runtime.block_on(self.session.sql(statement))?;
            result.write(self.format, out)?;
            out.flush().context("cannot write the result")?;
            report_suppression(&result);
        }
        Ok(())
    }

    fn command(&mut self, line: &str, out: &mut dyn Write) -> anyhow::Result<Step> {
        let mut words = line.split_whitespace();
        let command = words.next().unwrap_or("");
        let argument = words.next();
        match command {
            ".quit" | ".exit" | ".q" => return Ok(Step::Quit),
            ".help" => writeln!(out, "{HELP}")?,
            ".tables" => {
                for table in self.session.tables() {
                    writeln!(out, "{table}")?;
                }
            }
            ".schema" => {
                let tables: Vec<String> = match argument {
                    Some(table) => vec![table.to_string()],
                    None => self.session.tables().map(str::to_string).collect(),
                };
                for table in tables {
                    let schema = self.runtime.block_on(self.session.table_schema(&table))?;
                    writeln!(out, "{table}")?;
                    for field in schema.fields() {
                        writeln!(out, "  {:<24} {}", field.name(), field.data_type())?;
                    }
                }
            }
            ".format" | ".mode" => match argument.and_then(OutputFormat::parse) {
                Some(format) if !format.is_binary() => self.format = format,
                _ => anyhow::bail!(".format takes table, csv, json or jsonl"),
            },
            other => anyhow::bail!("unknown command {other}; .help lists them"),
        }
        Ok(Step::Continue)
    }
}

/// Whether `sql` ends with a `;` outside quotes and comments.
pub fn ends_statement(sql: &str) -> bool {
    let mut quote: Option<char> = None;
    let mut last = None;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                last = Some(c);
            }
            None if c == '-' && chars.peek() == Some(&'-') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            None if !c.is_whitespace() => last = Some(c),
            None => {}
        }
    }
    quote.is_none() && last == Some(';')
}

/// Reads lines from a non-terminal standard input until it ends or `.quit`.
pub fn run_piped(shell: &mut Shell<'_>, out: &mut dyn Write) -> anyhow::Result<()> {
    for line in std::io::stdin().lock().lines() {
        let line = line.context("cannot read standard input")?;
        if shell.line(&line, out)? == Step::Quit {
            return Ok(());
        }
    }
    shell.finish(out)
}

/// The interactive shell, with line editing and history in ~/.veil_history.
pub fn run_interactive(shell: &mut Shell<'_>, out: &mut dyn Write) -> anyhow::Result<()> {
    use rustyline::error::ReadlineError;
    let mut editor = rustyline::DefaultEditor::new().context("cannot start the line editor")?;
    let history = std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".veil_history"));
    if let Some(path) = &history {
        // A missing history file is normal the first time.
        let _ = editor.load_history(path);
    }
    eprintln!(
        "veil sql: tables {}; statements end with `;`, .help for commands, .quit to leave",
        shell.session.tables().collect::<Vec<_>>().join(", ")
    );
    loop {
        let prompt = if shell.continuing() {
            "   ...> "
        } else {
            "veil> "
        };
        match editor.readline(prompt) {
            Ok(line) => {
                if !line.trim().is_empty() {
                    let _ = editor.add_history_entry(line.as_str());
                }
                match shell.line(&line, out) {
                    Ok(Step::Quit) => break,
                    Ok(Step::Continue) => {}
                    Err(error) => eprintln!("error: {error:#}"),
                }
            }
            Err(ReadlineError::Interrupted) => {
                // Ctrl-C drops the statement being typed.
                shell.buffer.clear();
            }
            Err(ReadlineError::Eof) => break,
            Err(error) => return Err(error).context("cannot read the terminal"),
        }
    }
    if let Some(path) = &history {
        let _ = editor.save_history(path);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::ends_statement;

    #[test]
    fn a_statement_ends_at_a_semicolon_outside_quotes_and_comments() {
        assert!(ends_statement("SELECT 1;"));
        assert!(ends_statement("SELECT 1\n FROM t;  \n"));
        assert!(ends_statement("SELECT 1; -- done\n"));
        assert!(!ends_statement("SELECT ';'"));
        assert!(!ends_statement("SELECT 'a;\n"));
        assert!(!ends_statement("SELECT 1 -- not yet;\n"));
        assert!(!ends_statement(""));
    }
}
