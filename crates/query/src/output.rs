//! Printing query results.

use std::io::Write;

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, BooleanArray, RecordBatch, StringArray};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::file::metadata::KeyValue;
use datafusion::parquet::file::properties::WriterProperties;

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
    /// A Parquet file (suppressed cells are NULL; the file's metadata
    /// records how many cells were suppressed).
    Parquet,
}

/// What a suppressed cell shows in text outputs.
pub const SUPPRESSED: &str = "suppressed";

impl OutputFormat {
    /// Parses `table`, `csv`, `json`, `jsonl` or `parquet`.
    pub fn parse(name: &str) -> Option<OutputFormat> {
        match name {
            "table" => Some(OutputFormat::Table),
            "csv" => Some(OutputFormat::Csv),
            "json" => Some(OutputFormat::Json),
            "jsonl" | "ndjson" => Some(OutputFormat::Jsonl),
            "parquet" => Some(OutputFormat::Parquet),
            _ => None,
        }
    }

    /// Whether the format is binary (and so needs a file, not a terminal).
    pub fn is_binary(self) -> bool {
        self == OutputFormat::Parquet
    }
}

/// The result of a query.
#[derive(Debug, Clone)]
pub struct QueryResult {
    /// Its schema (known even when there are no rows).
    pub schema: SchemaRef,
    /// Its rows; suppressed cells are NULL.
    pub batches: Vec<RecordBatch>,
    /// Per batch, per column: which cells were suppressed (`None`: none).
    pub masks: Vec<Vec<Option<BooleanArray>>>,
    /// Number of cells suppressed because fewer than `min_cell` distinct
    /// patients made them up.
    pub suppressed_cells: usize,
    /// The minimum cell size the result was checked against.
    pub min_cell: u32,
}

impl QueryResult {
    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }

    /// Whether cell `row` (counted over all batches) of `column` was suppressed.
    pub fn is_suppressed(&self, row: usize, column: usize) -> bool {
        let mut row = row;
        for (batch, masks) in self.batches.iter().zip(&self.masks) {
            if row < batch.num_rows() {
                return masks[column].as_ref().is_some_and(|m| m.value(row));
            }
            row -= batch.num_rows();
        }
        false
    }

    /// A line saying how many cells were suppressed, if any were.
    pub fn suppression_note(&self) -> Option<String> {
        (self.suppressed_cells > 0).then(|| {
            format!(
                "{} cell{} suppressed: made up of fewer than {} distinct patients (shown as `{SUPPRESSED}`)",
                self.suppressed_cells,
                if self.suppressed_cells == 1 { "" } else { "s" },
                self.min_cell
            )
        })
    }

    /// The batches with every column that has suppressed cells turned into
    /// text, `suppressed` in those cells.
    fn display_batches(&self) -> Result<Vec<RecordBatch>, QueryError> {
        let fail = |e: &dyn std::fmt::Display| QueryError::Output(e.to_string());
        let masked: Vec<bool> = (0..self.schema.fields().len())
            .map(|c| self.masks.iter().any(|m| m[c].is_some()))
            .collect();
        if !masked.contains(&true) {
            return Ok(if self.batches.is_empty() {
                vec![RecordBatch::new_empty(self.schema.clone())]
            } else {
                self.batches.clone()
            });
        }
        let fields: Vec<Field> = self
            .schema
            .fields()
            .iter()
            .zip(&masked)
            .map(|(f, m)| {
                if *m {
                    Field::new(f.name(), DataType::Utf8, true)
                } else {
                    f.as_ref().clone()
                }
            })
            .collect();
        let schema = Arc::new(Schema::new(fields));
        let mut out = Vec::new();
        for (batch, masks) in self.batches.iter().zip(&self.masks) {
            let mut columns: Vec<ArrayRef> = Vec::new();
            for (c, array) in batch.columns().iter().enumerate() {
                if !masked[c] {
                    columns.push(array.clone());
                    continue;
                }
                let text = arrow::compute::cast(array, &DataType::Utf8).map_err(|e| fail(&e))?;
                let text = text.as_string::<i32>();
                let strings: StringArray = (0..batch.num_rows())
                    .map(|r| {
                        if masks[c].as_ref().is_some_and(|m| m.value(r)) {
                            Some(SUPPRESSED.to_string())
                        } else if text.is_null(r) {
                            None
                        } else {
                            Some(text.value(r).to_string())
                        }
                    })
                    .collect();
                columns.push(Arc::new(strings));
            }
            out.push(RecordBatch::try_new(schema.clone(), columns).map_err(|e| fail(&e))?);
        }
        if out.is_empty() {
            out.push(RecordBatch::new_empty(schema));
        }
        Ok(out)
    }

    /// Writes the result in `format`.
    pub fn write(&self, format: OutputFormat, out: &mut dyn Write) -> Result<(), QueryError> {
        let fail = |e: &dyn std::fmt::Display| QueryError::Output(e.to_string());
        match format {
            OutputFormat::Table => {
                let batches = self.display_batches()?;
                let table =
                    arrow::util::pretty::pretty_format_batches(&batches).map_err(|e| fail(&e))?;
                writeln!(out, "{table}").map_err(|e| fail(&e))?;
            }
            OutputFormat::Csv => {
                let mut writer = arrow::csv::WriterBuilder::new()
                    .with_header(true)
                    .build(out);
                for batch in &self.display_batches()? {
                    writer.write(batch).map_err(|e| fail(&e))?;
                }
            }
            OutputFormat::Json => {
                let mut writer = arrow::json::ArrayWriter::new(&mut *out);
                for batch in self.json_batches()? {
                    writer.write(&batch).map_err(|e| fail(&e))?;
                }
                // An array writer that saw no rows still writes `[]`.
                writer.finish().map_err(|e| fail(&e))?;
                writeln!(out).map_err(|e| fail(&e))?;
            }
            OutputFormat::Jsonl => {
                let mut writer = arrow::json::LineDelimitedWriter::new(&mut *out);
                for batch in self.json_batches()? {
                    writer.write(&batch).map_err(|e| fail(&e))?;
                }
                writer.finish().map_err(|e| fail(&e))?;
            }
            OutputFormat::Parquet => {
                let properties = WriterProperties::builder()
                    .set_key_value_metadata(Some(vec![
                        KeyValue::new(
                            "veil.suppressed_cells".to_string(),
                            self.suppressed_cells.to_string(),
                        ),
                        KeyValue::new("veil.min_cell".to_string(), self.min_cell.to_string()),
                    ]))
                    .build();
                let mut buffer = Vec::new();
                let mut writer =
                    ArrowWriter::try_new(&mut buffer, self.schema.clone(), Some(properties))
                        .map_err(|e| fail(&e))?;
                for batch in &self.batches {
                    writer.write(batch).map_err(|e| fail(&e))?;
                }
                writer.close().map_err(|e| fail(&e))?;
                out.write_all(&buffer).map_err(|e| fail(&e))?;
            }
        }
        Ok(())
    }

    /// JSON keeps numbers as numbers where nothing was suppressed; a
    /// column with suppressed cells is written as text.
    fn json_batches(&self) -> Result<Vec<RecordBatch>, QueryError> {
        if self.suppressed_cells == 0 {
            Ok(self.batches.clone())
        } else {
            self.display_batches()
        }
    }
}
