//! Reading one source: header check, decoding, validation, quarantine.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::hash::{BuildHasher, Hasher};
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::PathBuf;

use arrow::array::RecordBatch;
use veil_pipeline::{CanonicalColumn, Pipeline, Source};

use crate::IngestError;
use crate::decode::Decoder;
use crate::record::{RecordBuilder, TEXT_COLUMNS};
use crate::timestamp::{TimestampError, TimestampParser};

/// Run-time knobs of ingest.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Rows per record batch.
    pub batch_rows: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions { batch_rows: 8192 }
    }
}

/// Why a row was quarantined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The row has another number of fields than the header.
    FieldCount {
        /// Fields in the row.
        found: usize,
        /// Fields in the header.
        expected: usize,
    },
    /// A field is not valid UTF-8.
    InvalidUtf8 {
        /// Byte offset of the first bad byte in the field.
        offset: usize,
    },
    /// A field is larger than the source's limit.
    FieldTooLarge {
        /// Its size in bytes.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// A required value is empty.
    Missing,
    /// The timestamp does not match the source's format.
    BadTimestamp {
        /// The format expected.
        format: String,
    },
    /// The local time does not exist (daylight-saving gap).
    NonexistentLocalTime {
        /// The source's time zone.
        zone: String,
    },
    /// A message id seen before in this source.
    DuplicateMessageId {
        /// Line of the first row with that id.
        first_line: u64,
    },
    /// A role value the source's `roles` table does not map.
    UnknownRole {
        /// Known role values.
        known: Vec<String>,
    },
}

impl Reason {
    /// A short stable name of the reason, for counts and audits.
    pub fn kind(&self) -> &'static str {
        match self {
            Reason::FieldCount { .. } => "field_count",
            Reason::InvalidUtf8 { .. } => "invalid_utf8",
            Reason::FieldTooLarge { .. } => "field_too_large",
            Reason::Missing => "missing_value",
            Reason::BadTimestamp { .. } => "bad_timestamp",
            Reason::NonexistentLocalTime { .. } => "nonexistent_local_time",
            Reason::DuplicateMessageId { .. } => "duplicate_message_id",
            Reason::UnknownRole { .. } => "unknown_role",
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::FieldCount { found, expected } => {
                write!(f, "row has {found} fields, the header has {expected}")
            }
            Reason::InvalidUtf8 { offset } => {
                write!(f, "invalid UTF-8 at byte {offset} of the field")
            }
            Reason::FieldTooLarge { bytes, limit } => {
                write!(
                    f,
                    "field of {bytes} bytes is over the limit of {limit} bytes"
                )
            }
            Reason::Missing => write!(f, "required value is empty"),
            Reason::BadTimestamp { format } => {
                write!(f, "timestamp does not match the format `{format}`")
            }
            Reason::NonexistentLocalTime { zone } => {
                write!(
                    f,
                    "local time does not exist in {zone} (daylight-saving gap)"
                )
            }
            Reason::DuplicateMessageId { first_line } => {
                write!(f, "duplicate message id (first seen on line {first_line})")
            }
            Reason::UnknownRole { known } => {
                write!(f, "unknown role (known: {})", known.join(", "))
            }
        }
    }
}

/// A row that was not passed on, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuarantinedRow {
    /// 1-based line where the row starts (the header is line 1).
    pub line: u64,
    /// The export's column at fault, if one is.
    pub column: Option<String>,
    /// Why.
    pub reason: Reason,
    /// The raw row, fields joined by the delimiter, decoded lossily.
    pub raw: String,
}

/// A stretch of the source: the rows passed on and the rows quarantined.
#[derive(Debug)]
pub struct Chunk {
    /// Passed rows in the canonical schema.
    pub batch: RecordBatch,
    /// Quarantined rows of the same stretch.
    pub quarantined: Vec<QuarantinedRow>,
}

/// Row counts of a source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Data rows read (header excluded).
    pub rows_read: u64,
    /// Rows passed on.
    pub rows_passed: u64,
    /// Rows quarantined.
    pub rows_quarantined: u64,
    /// Quarantined rows by [`Reason::kind`].
    pub reasons: BTreeMap<String, u64>,
}

impl Counts {
    /// Whether every row read was passed or quarantined.
    pub fn reconciles(&self) -> bool {
        self.rows_read == self.rows_passed + self.rows_quarantined
    }
}

/// Reads one export source as canonical batches.
pub struct SourceReader {
    path: PathBuf,
    site: String,
    language: String,
    csv: csv::Reader<BufReader<File>>,
    decoder: Decoder,
    encoding: String,
    delimiter: char,
    header_len: usize,
    /// For each entry of TEXT_COLUMNS: its index in the header, if mapped.
    text_index: Vec<Option<usize>>,
    /// Header names, for quarantine messages.
    header: Vec<String>,
    sent_at_index: usize,
    timestamps: TimestampParser,
    zone: String,
    source: Source,
    max_field_bytes: usize,
    batch_rows: usize,
    seen_ids: HashMap<u64, u64>,
    id_hasher: std::collections::hash_map::RandomState,
    builder: RecordBuilder,
    counts: Counts,
    done: bool,
}

impl std::fmt::Debug for SourceReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SourceReader")
            .field("path", &self.path)
            .field("encoding", &self.encoding)
            .field("counts", &self.counts)
            .finish_non_exhaustive()
    }
}

impl SourceReader {
    /// Opens `source` of `pipeline`, decides its encoding and checks its
    /// header against the column mapping. Reads no data row.
    pub fn open(
        pipeline: &Pipeline,
        source: &Source,
        options: &IngestOptions,
    ) -> Result<SourceReader, IngestError> {
        let path = pipeline.source_path(source);
        let io = |e| IngestError::Io {
            path: path.clone(),
            source: e,
        };
        let zone: chrono_tz::Tz = source
            .time_zone
            .parse()
            .map_err(|_| IngestError::TimeZone {
                source_name: source.name.clone(),
                zone: source.time_zone.clone(),
            })?;
        let mut file = File::open(&path).map_err(io)?;
        let mut head = vec![0u8; 64 * 1024];
        let n = read_up_to(&mut file, &mut head).map_err(io)?;
        head.truncate(n);
        let bom = head.starts_with(b"\xEF\xBB\xBF");
        let (decoder, encoding) = Decoder::choose(source.encoding, &head);
        file.seek(SeekFrom::Start(if bom { 3 } else { 0 }))
            .map_err(io)?;

        let mut csv = csv::ReaderBuilder::new()
            .delimiter(source.delimiter as u8)
            .flexible(true)
            .has_headers(false)
            .from_reader(BufReader::with_capacity(1 << 20, file));
        let mut header_record = csv::ByteRecord::new();
        let has_header = csv
            .read_byte_record(&mut header_record)
            .map_err(|e| csv_error(&path, e))?;
        if !has_header {
            return Err(IngestError::Empty { path });
        }
        let header: Vec<String> = header_record
            .iter()
            .map(|f| {
                decoder
                    .decode(f)
                    .map(|s| s.trim().to_string())
                    .unwrap_or_else(|_| String::from_utf8_lossy(f).into_owned())
            })
            .collect();
        let find = |canonical: CanonicalColumn, name: &str| -> Result<usize, IngestError> {
            header
                .iter()
                .position(|h| h == name)
                .ok_or_else(|| IngestError::MissingColumn {
                    path: path.clone(),
                    column: name.to_string(),
                    canonical: canonical.as_str().to_string(),
                    available: header.clone(),
                    closest: veil_pipeline::closest_name(name, header.iter().map(String::as_str))
                        .map(str::to_string),
                })
        };
        let mut text_index = Vec::with_capacity(TEXT_COLUMNS.len());
        for column in TEXT_COLUMNS {
            text_index.push(match source.column(column) {
                Some(name) => Some(find(column, name)?),
                None => None,
            });
        }
        let sent_at_name = source.column(CanonicalColumn::SentAt).unwrap_or("sent_at");
        let sent_at_index = find(CanonicalColumn::SentAt, sent_at_name)?;
        Ok(SourceReader {
            site: source.site.clone(),
            language: source.language.clone(),
            delimiter: source.delimiter,
            header_len: header.len(),
            text_index,
            header,
            sent_at_index,
            timestamps: TimestampParser::new(&source.timestamp_format, zone),
            zone: source.time_zone.clone(),
            max_field_bytes: source.max_field_bytes,
            batch_rows: options.batch_rows.max(1),
            seen_ids: HashMap::new(),
            id_hasher: std::collections::hash_map::RandomState::new(),
            builder: RecordBuilder::new(),
            counts: Counts::default(),
            done: false,
            source: source.clone(),
            csv,
            decoder,
            encoding,
            path,
        })
    }

    /// The encoding used and how it was decided, e.g. `utf-8 (detected)`.
    pub fn encoding(&self) -> &str {
        &self.encoding
    }

    /// The export file.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Counts so far; final once [`SourceReader::next_chunk`] returned `None`.
    pub fn counts(&self) -> &Counts {
        &self.counts
    }

    /// The next stretch of rows, or `None` at the end of the file.
    pub fn next_chunk(&mut self) -> Result<Option<Chunk>, IngestError> {
        if self.done {
            return Ok(None);
        }
        let mut quarantined = Vec::new();
        let mut record = csv::ByteRecord::new();
        while self.builder.rows() < self.batch_rows {
            let more = self
                .csv
                .read_byte_record(&mut record)
                .map_err(|e| csv_error(&self.path, e))?;
            if !more {
                self.done = true;
                break;
            }
            let line = record.position().map_or(0, |p| p.line());
            if record.len() == 1 && record.get(0).is_some_and(|f| f.is_empty()) {
                continue; // a blank line is no row
            }
            self.counts.rows_read += 1;
            if let Err((column, reason)) = self.push_row(&record, line) {
                self.counts.rows_quarantined += 1;
                *self
                    .counts
                    .reasons
                    .entry(reason.kind().to_string())
                    .or_default() += 1;
                quarantined.push(QuarantinedRow {
                    line,
                    column: column.map(|i| {
                        self.header
                            .get(i)
                            .cloned()
                            .unwrap_or_else(|| format!("#{}", i + 1))
                    }),
                    reason,
                    raw: self.raw_row(&record),
                });
            }
        }
        if self.done && self.builder.rows() == 0 && quarantined.is_empty() {
            return Ok(None);
        }
        self.counts.rows_passed += self.builder.rows() as u64;
        Ok(Some(Chunk {
            batch: self.builder.finish(),
            quarantined,
        }))
    }

    /// Validates one row and appends it; on failure, the column index at
    /// fault (if any) and the reason.
    fn push_row(
        &mut self,
        record: &csv::ByteRecord,
        line: u64,
    ) -> Result<(), (Option<usize>, Reason)> {
        if record.len() != self.header_len {
            return Err((
                None,
                Reason::FieldCount {
                    found: record.len(),
                    expected: self.header_len,
                },
            ));
        }
        for (i, field) in record.iter().enumerate() {
            if field.len() > self.max_field_bytes {
                return Err((
                    Some(i),
                    Reason::FieldTooLarge {
                        bytes: field.len(),
                        limit: self.max_field_bytes,
                    },
                ));
            }
        }
        let mut values: Vec<Option<std::borrow::Cow<'_, str>>> =
            Vec::with_capacity(TEXT_COLUMNS.len());
        for index in &self.text_index {
            values.push(match index {
                Some(i) => {
                    let raw = &record[*i];
                    let text = self
                        .decoder
                        .decode(raw)
                        .map_err(|offset| (Some(*i), Reason::InvalidUtf8 { offset }))?;
                    let trimmed_empty = text.trim().is_empty();
                    if trimmed_empty { None } else { Some(text) }
                }
                None => None,
            });
        }
        for (position, column) in TEXT_COLUMNS.iter().enumerate() {
            if veil_pipeline::REQUIRED_COLUMNS.contains(column) && values[position].is_none() {
                return Err((self.text_index[position], Reason::Missing));
            }
        }
        let sent_at = self
            .decoder
            .decode(&record[self.sent_at_index])
            .map_err(|offset| (Some(self.sent_at_index), Reason::InvalidUtf8 { offset }))?;
        let instant = self.timestamps.parse(&sent_at).map_err(|e| {
            (
                Some(self.sent_at_index),
                match e {
                    TimestampError::Format => Reason::BadTimestamp {
                        format: self.source.timestamp_format.clone(),
                    },
                    TimestampError::Gap => Reason::NonexistentLocalTime {
                        zone: self.zone.clone(),
                    },
                },
            )
        })?;
        // Roles: canonical names replace the site's values.
        let mut roles: [Option<&'static str>; 2] = [None, None];
        for (slot, column) in [CanonicalColumn::SenderRole, CanonicalColumn::RecipientRole]
            .into_iter()
            .enumerate()
        {
            let position = text_position(column);
            if let Some(value) = &values[position] {
                match self.source.role(value) {
                    Some(role) => roles[slot] = Some(role.as_str()),
                    None => {
                        let mut known: Vec<String> = self.source.roles.keys().cloned().collect();
                        known.extend(["patient", "proxy", "clinician", "staff"].map(String::from));
                        return Err((self.text_index[position], Reason::UnknownRole { known }));
                    }
                }
            }
        }
        let id_position = text_position(CanonicalColumn::MessageId);
        let id = values[id_position].as_deref().unwrap_or_default();
        let mut hasher = self.id_hasher.build_hasher();
        hasher.write(id.as_bytes());
        let id_hash = hasher.finish();
        if let Some(first_line) = self.seen_ids.get(&id_hash) {
            return Err((
                self.text_index[id_position],
                Reason::DuplicateMessageId {
                    first_line: *first_line,
                },
            ));
        }
        self.seen_ids.insert(id_hash, line);

        let language_position = text_position(CanonicalColumn::Language);
        let language = values[language_position]
            .as_deref()
            .map(|l| l.trim().to_ascii_lowercase())
            .filter(|l| matches!(l.as_str(), "de" | "nl" | "en"))
            .unwrap_or_else(|| self.language.clone());
        let mut row: Vec<Option<&str>> = values.iter().map(|v| v.as_deref()).collect();
        row[text_position(CanonicalColumn::SenderRole)] = roles[0];
        row[text_position(CanonicalColumn::RecipientRole)] = roles[1];
        row[language_position] = Some(&language);
        self.builder
            .push(&self.site, &row, instant.utc_micros, instant.offset_minutes);
        Ok(())
    }

    fn raw_row(&self, record: &csv::ByteRecord) -> String {
        let mut out = String::new();
        for (i, field) in record.iter().enumerate() {
            if i > 0 {
                out.push(self.delimiter);
            }
            match self.decoder.decode(field) {
                Ok(text) => out.push_str(&text),
                Err(_) => out.push_str(&String::from_utf8_lossy(field)),
            }
        }
        out
    }
}

/// Position of a canonical column in TEXT_COLUMNS.
fn text_position(column: CanonicalColumn) -> usize {
    TEXT_COLUMNS
        .iter()
        .position(|c| *c == column)
        .expect("a text column")
}

fn read_up_to(file: &mut File, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        let n = file.read(&mut buffer[filled..])?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    Ok(filled)
}

fn csv_error(path: &std::path::Path, e: csv::Error) -> IngestError {
    let line = e.position().map_or(0, |p| p.line());
    match e.into_kind() {
        csv::ErrorKind::Io(source) => IngestError::Io {
            path: path.to_path_buf(),
            source,
        },
        other => IngestError::Csv {
            path: path.to_path_buf(),
            line,
            message: format!("{other:?}"),
        },
    }
}
