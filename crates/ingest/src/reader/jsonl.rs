//! JSON Lines: one JSON object per line; each canonical column is mapped to
//! a field name or a dotted path into nested objects (`sender.role`; a
//! numeric segment indexes an array: `payload.0.text`). Strings are taken as
//! they are, numbers and booleans as their JSON text, `null` or an absent
//! field as missing; an object or array where text is expected quarantines
//! the record. A line that does not parse is quarantined with its line
//! number (which is its record number, blank lines counted).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use serde_json::Value;
use veil_pipeline::{CanonicalColumn, Source};

use super::{ExportFile, decoder, open_export};
use crate::decode::Decoder;
use crate::row::{RawRow, RowSource};
use crate::{IngestError, Reason};

/// Reads the lines of an NDJSON file, decoded, with their line numbers.
pub(crate) struct Lines {
    pub path: PathBuf,
    reader: BufReader<ExportFile>,
    pub bytes: Vec<u8>,
    pub line: u64,
    pub decoder: Decoder,
    /// Bytes of a line kept at most; a longer line is skipped whole.
    line_limit: usize,
}

/// The next record's line, as [`Lines::next_record`] hands it over.
pub(crate) enum Record {
    /// No more lines.
    End,
    /// The line is not text; the row carries the fault.
    Faulted,
    /// The line's text.
    Text(String),
}

/// One line as text, or why it cannot be text.
pub(crate) enum LineText {
    /// The decoded line; `true` when invalid UTF-8 was replaced.
    Text(String, bool),
    /// Invalid UTF-8 at this byte offset.
    Invalid(usize),
    /// A line of this many bytes, over the limit: not kept.
    TooLong(u64),
}

/// Bytes of a JSON line kept at most, for a source's largest field: a
/// record holds several fields and its keys, so sixteen times the field
/// limit (16 MiB by default).
pub(crate) fn line_limit(max_field_bytes: usize) -> usize {
    max_field_bytes.saturating_mul(16)
}

impl Lines {
    pub fn new(path: &Path, reader: BufReader<ExportFile>, decoder: Decoder) -> Lines {
        Lines {
            path: path.to_path_buf(),
            reader,
            bytes: Vec::new(),
            line: 0,
            decoder,
            line_limit: usize::MAX,
        }
    }

    /// Lines that keep at most `limit` bytes of a line.
    pub fn with_line_limit(mut self, limit: usize) -> Lines {
        self.line_limit = limit;
        self
    }

    /// Reads up to and with the next `\n` into `bytes`, as far as the
    /// limit; the bytes of the line read, kept or not.
    fn read_line(&mut self) -> std::io::Result<u64> {
        let mut read = 0u64;
        loop {
            let buffer = match self.reader.fill_buf() {
                Ok(buffer) => buffer,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buffer.is_empty() {
                return Ok(read);
            }
            let (take, done) = match memchr::memchr(b'\n', buffer) {
                Some(at) => (at + 1, true),
                None => (buffer.len(), false),
            };
            let room = self.line_limit.saturating_sub(self.bytes.len());
            self.bytes.extend_from_slice(&buffer[..take.min(room)]);
            self.reader.consume(take);
            read += take as u64;
            if done {
                return Ok(read);
            }
        }
    }

    /// The next non-blank line; `None` at the end.
    pub fn next_line(&mut self) -> Result<Option<LineText>, IngestError> {
        loop {
            self.bytes.clear();
            let n = self.read_line().map_err(|source| IngestError::Io {
                path: self.path.clone(),
                source,
            })?;
            if n == 0 {
                return Ok(None);
            }
            self.line += 1;
            if n > self.bytes.len() as u64 {
                return Ok(Some(LineText::TooLong(n)));
            }
            while matches!(self.bytes.last(), Some(b'\n' | b'\r')) {
                self.bytes.pop();
            }
            if self.bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Ok(Some(match self.decoder.decode(&self.bytes) {
                Ok((text, replaced)) => LineText::Text(text.into_owned(), replaced),
                Err(invalid) => LineText::Invalid(invalid.offset),
            }));
        }
    }

    /// Starts the next record in `row` from the next non-blank line: clears
    /// the row for that line, notes a replaced line, and records invalid
    /// UTF-8 as the row's fault.
    pub fn next_record(&mut self, row: &mut RawRow) -> Result<Record, IngestError> {
        let Some(line) = self.next_line()? else {
            return Ok(Record::End);
        };
        row.clear(self.line);
        row.raw.extend_from_slice(&self.bytes);
        Ok(match line {
            LineText::Text(text, replaced) => {
                if replaced {
                    row.replaced.push("(line)".into());
                }
                Record::Text(text)
            }
            LineText::Invalid(offset) => {
                row.fault(None, Reason::InvalidUtf8 { offset });
                Record::Faulted
            }
            LineText::TooLong(bytes) => {
                row.fault(
                    None,
                    Reason::FieldTooLarge {
                        bytes: usize::try_from(bytes).unwrap_or(usize::MAX),
                        limit: self.line_limit,
                    },
                );
                Record::Faulted
            }
        })
    }
}

/// The reason for a line that does not parse.
pub(crate) fn broken(e: &serde_json::Error) -> Reason {
    let message = e.to_string();
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or_default()
        .to_string();
    Reason::BrokenJson {
        column: e.column(),
        message,
    }
}

/// The JSON type name of a value.
pub(crate) fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// The value at a dotted path.
fn lookup<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(value, |v, segment| match v {
        Value::Object(map) => map.get(segment),
        Value::Array(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => None,
    })
}

/// What a file that starts with `head` is instead of JSON Lines, if its
/// start shows it: one JSON array, or objects written over several lines.
/// Read as lines, every line of such a file would be quarantined.
fn not_json_lines(head: &[u8]) -> Option<&'static str> {
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let first_line = head[start..]
        .split(|b| *b == b'\n')
        .next()
        .unwrap_or_default()
        .trim_ascii();
    if head[start] == b'[' {
        Some(
            "one JSON array, not JSON Lines (one object per line); convert it, e.g. `jq -c '.[]' export.json > export.jsonl`",
        )
    } else if first_line == b"{" {
        Some(
            "JSON written over several lines per object, not JSON Lines (one object per line); convert it, e.g. `jq -c . export.json > export.jsonl`",
        )
    } else {
        None
    }
}

/// The records of a JSON Lines export.
pub(crate) struct JsonlRows {
    lines: Lines,
    mapped: Vec<(CanonicalColumn, String)>,
    max_field_bytes: usize,
}

impl JsonlRows {
    pub fn open(path: &Path, source: &Source) -> Result<(JsonlRows, String), IngestError> {
        let mut opened = open_export(path, source)?;
        let head = opened.reader.fill_buf().map_err(|e| IngestError::Io {
            path: path.to_path_buf(),
            source: e,
        })?;
        if let Some(shape) = not_json_lines(head) {
            return Err(IngestError::NotJsonLines {
                path: path.to_path_buf(),
                shape,
            });
        }
        let mapped = CanonicalColumn::ALL
            .iter()
            .filter_map(|c| source.column(*c).map(|name| (*c, name.to_string())))
            .collect();
        Ok((
            JsonlRows {
                lines: Lines::new(path, opened.reader, decoder(opened.charset, source))
                    .with_line_limit(line_limit(source.max_field_bytes)),
                mapped,
                max_field_bytes: source.max_field_bytes,
            },
            opened.encoding,
        ))
    }
}

impl RowSource for JsonlRows {
    fn next_row(&mut self, row: &mut RawRow) -> Result<bool, IngestError> {
        let text = match self.lines.next_record(row)? {
            Record::End => return Ok(false),
            Record::Faulted => return Ok(true),
            Record::Text(text) => text,
        };
        let value: Value = match serde_json::from_str(&text) {
            Ok(value @ Value::Object(_)) => value,
            Ok(other) => {
                row.fault(
                    None,
                    Reason::BrokenJson {
                        column: 1,
                        message: format!("expected an object, found a {}", type_name(&other)),
                    },
                );
                return Ok(true);
            }
            Err(e) => {
                row.fault(None, broken(&e));
                return Ok(true);
            }
        };
        for (column, path) in &self.mapped {
            match lookup(&value, path) {
                None | Some(Value::Null) => {}
                Some(Value::String(s)) => {
                    if s.len() > self.max_field_bytes {
                        row.fault(
                            Some(path),
                            Reason::FieldTooLarge {
                                bytes: s.len(),
                                limit: self.max_field_bytes,
                            },
                        );
                        return Ok(true);
                    }
                    row.set(*column, s);
                }
                Some(v @ (Value::Number(_) | Value::Bool(_))) => row.set(*column, &v.to_string()),
                Some(other) => {
                    row.fault(
                        Some(path),
                        Reason::NotText {
                            found: type_name(other),
                        },
                    );
                    return Ok(true);
                }
            }
        }
        Ok(true)
    }

    fn decoder(&self) -> Decoder {
        self.lines.decoder
    }

    fn column_name(&self, column: CanonicalColumn) -> Option<String> {
        self.mapped
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, p)| p.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::super::container::RawInput;
    use super::*;

    #[test]
    fn a_line_over_the_limit_is_skipped_whole_and_measured() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.jsonl");
        let long = "x".repeat(100);
        std::fs::write(&path, format!("{{\"a\":1}}\n{long}\r\n\n{{\"b\":2}}")).unwrap();
        let file = std::fs::File::open(&path).unwrap();
        let reader = BufReader::with_capacity(16, ExportFile::Plain(RawInput::Plain(file)));
        let decoder = Decoder {
            charset: crate::decode::Charset::Utf8,
            replace: false,
        };
        let mut lines = Lines::new(&path, reader, decoder).with_line_limit(20);
        let mut read = Vec::new();
        while let Some(line) = lines.next_line().unwrap() {
            read.push(match line {
                LineText::Text(text, _) => (lines.line, text),
                LineText::TooLong(bytes) => (lines.line, format!("too long: {bytes}")),
                LineText::Invalid(_) => unreachable!(),
            });
        }
        assert_eq!(
            read,
            [
                (1, "{\"a\":1}".to_string()),
                (2, "too long: 102".to_string()),
                (4, "{\"b\":2}".to_string()),
            ]
        );
    }

    #[test]
    fn arrays_and_pretty_printed_json_are_told_from_json_lines() {
        assert!(
            not_json_lines(b"\n [\n  {\"id\": 1}\n]")
                .unwrap()
                .contains("JSON array")
        );
        assert!(
            not_json_lines(b"[{\"id\": 1}]\n")
                .unwrap()
                .contains("JSON array")
        );
        assert!(
            not_json_lines(b"{\r\n  \"id\": 1\r\n}")
                .unwrap()
                .contains("several lines")
        );
        assert_eq!(not_json_lines(b"{\"id\": 1}\n{\"id\": 2}\n"), None);
        // A cut first line is a broken record, quarantined as such.
        assert_eq!(not_json_lines(b"{\"id\": 1, \n"), None);
        assert_eq!(not_json_lines(b""), None);
    }
}
