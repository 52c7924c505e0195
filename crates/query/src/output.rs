//! Printing query results.

use std::io::Write;

use arrow::array::RecordBatch;
use arrow::datatypes::SchemaRef;

use crate::QueryError;

/// How results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// An aligned text table.
    Table,
    /// CSV with a header row.
    Csv,
    /// One JSON array of objects.
    Json,
    /// One JSON object per line.
    Jsonl,
}

impl OutputFormat {
    /// Parses `table`, `csv`, `json` or `jsonl`.
    pub fn parse(name: &str) -> Option<OutputFormat> {
        match name {
            "table" => Some(OutputFormat::Table),
            "csv" => Some(OutputFormat::Csv),
            "json" => Some(OutputFormat::Json),
            "jsonl" | "ndjson" => Some(OutputFormat::Jsonl),
            _ => None,
        }
    }
}

/// The result of a query.
#[derive(Debug, Clone)]
pub struct QueryResult {
    /// Its schema (known even when there are no rows).
    pub schema: SchemaRef,
    /// Its rows.
    pub batches: Vec<RecordBatch>,
}

impl QueryResult {
    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }

    /// Writes the result in `format`.
    pub fn write(&self, format: OutputFormat, out: &mut dyn Write) -> Result<(), QueryError> {
        let fail = |e: &dyn std::fmt::Display| QueryError::Output(e.to_string());
        match format {
            OutputFormat::Table => {
                let table = if self.batches.is_empty() {
                    arrow::util::pretty::pretty_format_batches(&[RecordBatch::new_empty(
                        self.schema.clone(),
                    )])
                } else {
                    arrow::util::pretty::pretty_format_batches(&self.batches)
                }
                .map_err(|e| fail(&e))?;
                writeln!(out, "{table}").map_err(|e| fail(&e))?;
            }
            OutputFormat::Csv => {
                let mut writer = arrow::csv::WriterBuilder::new()
                    .with_header(true)
                    .build(out);
                if self.batches.is_empty() {
                    writer
                        .write(&RecordBatch::new_empty(self.schema.clone()))
                        .map_err(|e| fail(&e))?;
                }
                for batch in &self.batches {
                    writer.write(batch).map_err(|e| fail(&e))?;
                }
            }
            OutputFormat::Json => {
                let mut writer = arrow::json::ArrayWriter::new(&mut *out);
                for batch in &self.batches {
                    writer.write(batch).map_err(|e| fail(&e))?;
                }
                // An array writer that saw no rows still writes `[]`.
                writer.finish().map_err(|e| fail(&e))?;
                writeln!(out).map_err(|e| fail(&e))?;
            }
            OutputFormat::Jsonl => {
                let mut writer = arrow::json::LineDelimitedWriter::new(&mut *out);
                for batch in &self.batches {
                    writer.write(batch).map_err(|e| fail(&e))?;
                }
                writer.finish().map_err(|e| fail(&e))?;
            }
        }
        Ok(())
    }
}
