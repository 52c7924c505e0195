//! Delimited text: `,` `;` tab or `|`, a header row, quoted fields with
//! embedded delimiters, newlines and doubled quotes, CRLF or LF.
//!
//! Fields are split as bytes (the delimiters and quotes are ASCII in every
//! supported encoding; see `split.rs`) and only the mapped fields are
//! decoded; a pass that keeps few columns ([`crate::SourceReader::keep_only`])
//! only checks the others. The record stays in the row as read: the raw
//! row of the quarantine is joined from it only when the row is quarantined.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use veil_pipeline::{CanonicalColumn, Source};

use super::split::Splitter;
use super::{ExportFile, decoder, open_export};
use crate::decode::{Charset, Decoder};
use crate::fields::Fields;
use crate::row::{Need, NeededColumns, RawRow, RowSource};
use crate::{IngestError, Reason};

/// The records of one delimited-text export.
pub(crate) struct CsvRows {
    path: PathBuf,
    records: Splitter<CsvInput>,
    decoder: Decoder,
    delimiter: char,
    header: Vec<String>,
    /// (canonical column, index in the header) of every mapped column.
    mapped: Vec<(CanonicalColumn, usize)>,
    max_field_bytes: usize,
    /// The columns whose text the pass needs (the others are only checked).
    needed: NeededColumns,
}

/// The bytes the CSV parser reads: the export as it is, or with every
/// `\r` read as `\n` when its lines end in a lone `\r` (old Mac style,
/// still written by some spreadsheet exports), so lines are counted alike.
enum CsvInput {
    Lines(BufReader<ExportFile>),
    CarriageReturnLines(BufReader<ExportFile>),
}

impl Read for CsvInput {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            CsvInput::Lines(reader) => reader.read(buf),
            CsvInput::CarriageReturnLines(reader) => {
                let n = reader.read(buf)?;
                for byte in &mut buf[..n] {
                    if *byte == b'\r' {
                        *byte = b'\n';
                    }
                }
                Ok(n)
            }
        }
    }
}

/// Takes the `\r` of a CRLF line end off the record's last field. Records
/// are split at `\n` only, so that the reader's line numbers count every
/// line: split at `\r`, a CRLF file's `\n` would be read with the next
/// record, and each record would report the line before its own.
fn strip_carriage_return(record: &mut Fields) {
    record.strip_last(b'\r');
}

impl CsvRows {
    /// Opens the export and checks its header against the mapping: a mapped
    /// column the header lacks stops here, with the header's names and the
    /// closest match.
    pub fn open(path: &Path, source: &Source) -> Result<(CsvRows, String), IngestError> {
        let mut opened = open_export(path, source)?;
        let decoder = decoder(opened.charset, source);
        let head = opened.reader.fill_buf().map_err(|e| IngestError::Io {
            path: path.to_path_buf(),
            source: e,
        })?;
        let input = if head.contains(&b'\n') || !head.contains(&b'\r') {
            CsvInput::Lines(opened.reader)
        } else {
            CsvInput::CarriageReturnLines(opened.reader)
        };
        let mut records = Splitter::new(input, source.delimiter as u8, source.max_field_bytes);
        let mut header_record = Fields::new();
        let mut has_header = records
            .read(&mut header_record)
            .map_err(|e| io_error(path, e))?
            .is_some();
        strip_carriage_return(&mut header_record);
        if has_header && is_separator_line(&header_record, source.delimiter) {
            // Excel's `sep=;` line names the delimiter; the header follows.
            has_header = records
                .read(&mut header_record)
                .map_err(|e| io_error(path, e))?
                .is_some();
            strip_carriage_return(&mut header_record);
        }
        if !has_header {
            return Err(IngestError::Empty {
                path: path.to_path_buf(),
            });
        }
        let header: Vec<String> = header_record
            .iter()
            .map(|f| decoder.lossy(f).trim().to_string())
            .collect();
        let mut mapped = Vec::new();
        for column in CanonicalColumn::ALL {
            let Some(name) = source.column(column) else {
                continue;
            };
            let mut same_name = header.iter().enumerate().filter(|(_, h)| *h == name);
            if let (Some(_), Some(_)) = (same_name.next(), same_name.next()) {
                return Err(IngestError::AmbiguousColumn {
                    path: path.to_path_buf(),
                    column: name.to_string(),
                    positions: header
                        .iter()
                        .enumerate()
                        .filter(|(_, h)| *h == name)
                        .map(|(i, _)| i + 1)
                        .collect(),
                });
            }
            let index = header.iter().position(|h| h == name).ok_or_else(|| {
                let delimiter = delimiter_with(&header, source.delimiter, name);
                // Read at the wrong delimiter, the header has no name worth
                // offering: the right delimiter is the hint.
                let closest = delimiter
                    .is_none()
                    .then(|| veil_pipeline::closest_name(name, header.iter().map(String::as_str)))
                    .flatten()
                    .map(str::to_string);
                IngestError::MissingColumn {
                    path: path.to_path_buf(),
                    column: name.to_string(),
                    canonical: column.as_str(),
                    available: header.clone(),
                    closest,
                    delimiter,
                }
            })?;
            mapped.push((column, index));
        }
        Ok((
            CsvRows {
                path: path.to_path_buf(),
                records,
                decoder,
                delimiter: source.delimiter,
                header,
                mapped,
                max_field_bytes: source.max_field_bytes,
                needed: NeededColumns::all(),
            },
            opened.encoding,
        ))
    }

    fn header_name(&self, index: usize) -> String {
        self.header
            .get(index)
            .cloned()
            .unwrap_or_else(|| format!("#{}", index + 1))
    }
}

/// Whether a first line is Excel's delimiter line (`sep=;`), which some
/// exports saved from a spreadsheet start with.
fn is_separator_line(record: &Fields, delimiter: char) -> bool {
    let mut line = Vec::new();
    for (i, field) in record.iter().enumerate() {
        if i > 0 {
            line.extend_from_slice(delimiter.encode_utf8(&mut [0; 4]).as_bytes());
        }
        line.extend_from_slice(field);
    }
    line.len() == 5 && line[..4].eq_ignore_ascii_case(b"sep=") && !line[4].is_ascii_alphanumeric()
}

/// Another delimiter at which the header line read with `delimiter` would
/// have a column named `name`: a semicolon file read as commas is one
/// column whose name holds every name.
fn delimiter_with(header: &[String], delimiter: char, name: &str) -> Option<char> {
    let line = header.join(delimiter.encode_utf8(&mut [0; 4]));
    [',', ';', '\t', '|']
        .into_iter()
        .filter(|d| *d != delimiter)
        .find(|d| {
            let mut fields = csv::ByteRecord::new();
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .delimiter(*d as u8)
                .from_reader(line.as_bytes());
            reader.read_byte_record(&mut fields).unwrap_or(false)
                && fields
                    .iter()
                    .any(|f| String::from_utf8_lossy(f).trim() == name)
        })
}

impl RowSource for CsvRows {
    fn next_row(&mut self, row: &mut RawRow) -> Result<bool, IngestError> {
        // The record is read into the row's own buffer: the row keeps it.
        let record = &mut row.record;
        let line = loop {
            let Some(line) = self
                .records
                .read(record)
                .map_err(|e| io_error(&self.path, e))?
            else {
                return Ok(false);
            };
            strip_carriage_return(record);
            if record.len() == 1 && record.get(0).is_some_and(|f| f.is_empty()) {
                continue; // a blank line is no row
            }
            break line;
        };
        row.clear(line);
        row.raw_is_record(self.delimiter as u8);
        let record = &row.record;
        if self.records.open_quote() {
            // Its fields are what the stray quote made of the rest of the
            // file: the row is quarantined whole, whatever its count.
            let lines = self.records.line().saturating_sub(line).max(1);
            let name = self.header_name(record.len() - 1);
            row.fault(Some(&name), Reason::UnterminatedQuote { lines });
            return Ok(true);
        }
        if record.len() != self.header.len() {
            let found = record.len();
            row.fault(
                None,
                Reason::FieldCount {
                    found,
                    expected: self.header.len(),
                },
            );
            return Ok(true);
        }
        // A field the splitter cut is reported at its whole length.
        let oversized = self.records.oversized().or_else(|| {
            record
                .iter()
                .enumerate()
                .find(|(_, f)| f.len() > self.max_field_bytes)
                .map(|(i, f)| (i, f.len() as u64))
        });
        if let Some((i, bytes)) = oversized {
            let name = self.header_name(i);
            row.fault(
                Some(&name),
                Reason::FieldTooLarge {
                    bytes: usize::try_from(bytes).unwrap_or(usize::MAX),
                    limit: self.max_field_bytes,
                },
            );
            return Ok(true);
        }
        let needed = self.needed.bits();
        // A UTF-8 record is checked whole; field by field only when that
        // does not settle it (an invalid byte somewhere in it).
        if self.decoder.charset == Charset::Utf8 && row.decode_utf8_record(&self.mapped, needed) {
            return Ok(true);
        }
        for (column, index) in &self.mapped {
            let checked = match NeededColumns::need(needed, *column) {
                Need::Text => row.decode_field(*column, &self.decoder, *index),
                Need::Blankness => row.check_blankness(*column, &self.decoder, *index),
                Need::Nothing => row.check_field(&self.decoder, *index),
            };
            match checked {
                Ok(replaced) => {
                    if replaced {
                        row.replaced.push(self.header[*index].clone());
                    }
                }
                Err(invalid) => {
                    row.fault(
                        Some(&self.header[*index]),
                        Reason::InvalidUtf8 {
                            offset: invalid.offset,
                        },
                    );
                    return Ok(true);
                }
            }
        }
        Ok(true)
    }

    fn decoder(&self) -> Decoder {
        self.decoder
    }

    fn read_only(&mut self, needed: NeededColumns) {
        self.needed = needed;
    }

    fn column_name(&self, column: CanonicalColumn) -> Option<String> {
        self.mapped
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, i)| self.header[*i].clone())
    }
}

fn io_error(path: &Path, source: std::io::Error) -> IngestError {
    IngestError::Io {
        path: path.to_path_buf(),
        source,
    }
}
