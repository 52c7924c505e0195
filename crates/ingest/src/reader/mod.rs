//! Reading one source: the format reader yields records, the validator
//! checks them, and each is passed into a batch or quarantined.

mod container;
mod csv;
mod fhir;
mod jsonl;
mod prefetch;
mod split;
mod utf16;

use std::collections::BTreeMap;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use arrow::array::RecordBatch;
use arrow::datatypes::SchemaRef;
use veil_pipeline::{
    CanonicalColumn, Encoding, InvalidUtf8, Pipeline, Source, SourceFormat, SourceKind,
};

use crate::decode::{Charset, Decoder, SAMPLE_BYTES};
use crate::logins::LoginBuilder;
use crate::record::RecordBuilder;
use crate::row::{NeededColumns, RawRow, RowSource};
use crate::timestamp::TimestampParser;
use crate::validate::{Builder, Validator};
use crate::{IngestError, Reason, SiteIds};
pub(crate) use container::open_raw;
pub use container::text_bytes_estimate;
pub(crate) use utf16::{ExportFile, Utf16ToUtf8, utf16_of};

/// Run-time knobs of ingest.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Rows per record batch (passed rows; quarantined rows come with the
    /// batch they were read with). Memory held by a reader is about one
    /// batch plus the duplicate-id table (see [`crate::SeenIds`]).
    pub batch_rows: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions { batch_rows: 8192 }
    }
}

/// A row that was not passed on, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuarantinedRow {
    /// 1-based line where the row starts (CSV: the header is line 1; JSON
    /// Lines and FHIR NDJSON: the record's line, i.e. its record number
    /// counting blank lines).
    pub line: u64,
    /// The export's column at fault (a header name, a JSON path or a FHIR
    /// element), if one is.
    pub column: Option<String>,
    /// Why.
    pub reason: Reason,
    /// The raw row: CSV fields joined by the delimiter, or the JSON line;
    /// decoded lossily.
    pub raw: String,
}

/// A row passed on with a remark, such as invalid UTF-8 replaced under
/// `invalid_utf8 = "replace"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlaggedRow {
    /// 1-based line (record number for JSON).
    pub line: u64,
    /// The export's column concerned.
    pub column: String,
    /// What was done, e.g. `invalid_utf8_replaced`.
    pub flag: &'static str,
}

/// A stretch of the source: the rows passed on and the rows quarantined.
#[derive(Debug)]
pub struct Chunk {
    /// Passed rows in [`SourceReader::schema`]: the canonical schema for
    /// message sources, [`crate::logins_schema`] for login sources.
    pub batch: RecordBatch,
    /// Quarantined rows of the same stretch.
    pub quarantined: Vec<QuarantinedRow>,
    /// Passed rows of the same stretch that carry a flag.
    pub flagged: Vec<FlaggedRow>,
}

/// Row counts of a source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Rows read (header and blank lines excluded).
    pub rows_read: u64,
    /// Rows passed on.
    pub rows_passed: u64,
    /// Rows quarantined.
    pub rows_quarantined: u64,
    /// Quarantined rows by [`Reason::kind`].
    pub reasons: BTreeMap<String, u64>,
    /// Passed rows with a flag, by flag (e.g. `invalid_utf8_replaced`).
    pub flags: BTreeMap<String, u64>,
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
    kind: SourceKind,
    site: String,
    encoding: String,
    /// The format's records, parsed ahead on a thread of their own.
    rows: prefetch::Prefetched,
    /// The columns whose text the reading thread decodes.
    needed: NeededColumns,
    /// Decodes a quarantined row's raw bytes.
    decoder: Decoder,
    row: RawRow,
    validator: Validator,
    builder: Builder,
    batch_rows: usize,
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
    /// header against the column mapping (CSV), or loads the resources
    /// beside it (FHIR). Reads no data row.
    pub fn open(
        pipeline: &Pipeline,
        source: &Source,
        options: &IngestOptions,
    ) -> Result<SourceReader, IngestError> {
        let path = pipeline.source_path(source);
        let zone: chrono_tz::Tz = source
            .time_zone
            .parse()
            .map_err(|_| IngestError::TimeZone {
                source_name: source.name.clone(),
                zone: source.time_zone.clone(),
            })?;
        if !TimestampParser::valid_format(&source.timestamp_format) {
            return Err(IngestError::TimestampFormat {
                source_name: source.name.clone(),
                format: source.timestamp_format.clone(),
            });
        }
        let (rows, encoding): (Box<dyn RowSource>, String) = match source.format {
            SourceFormat::Csv => {
                let (rows, encoding) = csv::CsvRows::open(&path, source)?;
                (Box::new(rows), encoding)
            }
            SourceFormat::Jsonl => {
                let (rows, encoding) = jsonl::JsonlRows::open(&path, source)?;
                (Box::new(rows), encoding)
            }
            SourceFormat::Fhir => {
                let (rows, encoding) = fhir::FhirRows::open(&path, source)?;
                (Box::new(rows), encoding)
            }
        };
        let names = CanonicalColumn::ALL
            .iter()
            .map(|c| rows.column_name(*c))
            .collect();
        let decoder = rows.decoder();
        let mut rows = rows;
        let needed = NeededColumns::all();
        rows.read_only(needed.clone());
        // Parsing runs ahead on its own thread while rows are checked here.
        let rows = prefetch::Prefetched::spawn(rows, &path)?;
        let validator = Validator::new(
            source,
            names,
            TimestampParser::new(&source.timestamp_format, zone),
        );
        let builder = match source.kind {
            SourceKind::Messages => Builder::Messages(RecordBuilder::new()),
            SourceKind::Logins => Builder::Logins(LoginBuilder::new()),
        };
        Ok(SourceReader {
            path,
            kind: source.kind,
            site: source.site.clone(),
            encoding,
            rows,
            needed,
            decoder,
            row: RawRow::new(),
            validator,
            builder,
            batch_rows: options.batch_rows.max(1),
            counts: Counts::default(),
            done: false,
        })
    }

    /// Finds duplicate message ids across every source of the same site
    /// read with the same `ids` (by default a reader checks its own source
    /// only). Call before the first [`SourceReader::next_chunk`].
    pub fn share_ids(&mut self, ids: &SiteIds) {
        self.validator.share_ids(ids.site(&self.site));
    }

    /// The rows quarantined so far for a duplicate message id, as
    /// (line, line of the id's first occurrence), in the file's order.
    pub fn duplicates(&self) -> &[(u64, u64)] {
        self.validator.duplicates_found()
    }

    /// Recognises duplicate message ids by the lines an earlier reading of
    /// the same file found ([`SourceReader::duplicates`]) instead of by
    /// holding every id: a second pass over an export then needs no memory
    /// per message. Call before the first [`SourceReader::next_chunk`].
    pub fn known_duplicates(&mut self, lines: &[(u64, u64)]) {
        self.validator.known_duplicates(lines);
    }

    /// Keeps the values of these text columns only in the batches of a
    /// messages source (the others are null): for a pass that checks every
    /// row and needs a few columns, such as the names, without copying the
    /// message text. Rows are checked, counted and quarantined as before.
    pub fn keep_only(&mut self, columns: &[CanonicalColumn]) {
        if let Builder::Messages(builder) = &mut self.builder {
            builder.keep_only(columns);
            // The reading thread may skip decoding the other columns (a
            // column it still decodes meanwhile is only wasted work); of a
            // required column whose text is not used (the body) only
            // whether it is blank is needed.
            self.needed.set(
                columns
                    .iter()
                    .copied()
                    .chain(crate::validate::CHECKED_COLUMNS),
                veil_pipeline::REQUIRED_COLUMNS.iter().copied(),
            );
        }
    }

    /// The encoding used and how it was decided, e.g.
    /// `utf-8 (detected: the start of the file is valid UTF-8)`.
    pub fn encoding(&self) -> &str {
        &self.encoding
    }

    /// The export file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What the source holds: messages or login events.
    pub fn kind(&self) -> SourceKind {
        self.kind
    }

    /// The schema of the batches this reader yields.
    pub fn schema(&self) -> SchemaRef {
        match self.kind {
            SourceKind::Messages => crate::canonical_schema(),
            SourceKind::Logins => crate::logins_schema(),
        }
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
        let mut flagged = Vec::new();
        while self.builder.rows() < self.batch_rows {
            if !self.rows.next_row(&mut self.row)? {
                self.done = true;
                break;
            }
            self.counts.rows_read += 1;
            match self.validator.check(&self.row, &mut self.builder) {
                Ok(()) => {
                    self.counts.rows_passed += 1;
                    for column in self.row.replaced.drain(..) {
                        let flag = "invalid_utf8_replaced";
                        *self.counts.flags.entry(flag.to_string()).or_default() += 1;
                        flagged.push(FlaggedRow {
                            line: self.row.line,
                            column,
                            flag,
                        });
                    }
                }
                Err((column, reason)) => {
                    self.counts.rows_quarantined += 1;
                    *self
                        .counts
                        .reasons
                        .entry(reason.kind().to_string())
                        .or_default() += 1;
                    quarantined.push(QuarantinedRow {
                        line: self.row.line,
                        column,
                        reason,
                        raw: self.decoder.lossy(&self.row.raw_bytes()).into_owned(),
                    });
                }
            }
        }
        if self.done && self.builder.rows() == 0 && quarantined.is_empty() {
            return Ok(None);
        }
        Ok(Some(Chunk {
            batch: self.builder.finish(),
            quarantined,
            flagged,
        }))
    }
}

/// An export file opened for reading, with its first bytes sampled for
/// encoding detection, a byte-order mark skipped and UTF-16 transcoded.
pub(crate) struct Opened {
    pub reader: BufReader<ExportFile>,
    pub charset: Charset,
    pub encoding: String,
}

/// Opens `path`, samples it and decides its charset for `source`.
pub(crate) fn open_export(path: &Path, source: &Source) -> Result<Opened, IngestError> {
    let io = |e| IngestError::Io {
        path: path.to_path_buf(),
        source: e,
    };
    let (mut input, container) = container::open_raw(path)?;
    let mut head = vec![0u8; SAMPLE_BYTES];
    let n = read_up_to(&mut input, &mut head).map_err(io)?;
    head.truncate(n);
    // Read again from the start: the sample was only looked at.
    let (mut input, _) = container::open_raw(path)?;
    let declared_utf16 = source.encoding == Encoding::Utf16;
    if let Some((utf16, mark, encoding)) = utf16_of(&head, declared_utf16)
        .filter(|_| matches!(source.encoding, Encoding::Auto | Encoding::Utf16))
    {
        container::skip(&mut input, mark).map_err(io)?;
        return Ok(Opened {
            reader: BufReader::with_capacity(
                1 << 20,
                ExportFile::Utf16(Utf16ToUtf8::new(input, utf16)),
            ),
            charset: Charset::Utf8,
            encoding: format!("{encoding}{}", container.note()),
        });
    }
    let bom = head.starts_with(b"\xEF\xBB\xBF");
    let sample = if bom { &head[3..] } else { &head[..] };
    let (charset, encoding) = Charset::choose(source.encoding, sample, bom);
    if bom {
        container::skip(&mut input, 3).map_err(io)?;
    }
    Ok(Opened {
        reader: BufReader::with_capacity(1 << 20, ExportFile::Plain(input)),
        charset,
        encoding: format!("{encoding}{}", container.note()),
    })
}

/// The decoder of a source in a charset.
pub(crate) fn decoder(charset: Charset, source: &Source) -> Decoder {
    Decoder {
        charset,
        replace: source.invalid_utf8 == InvalidUtf8::Replace,
    }
}

fn read_up_to(file: &mut impl Read, buffer: &mut [u8]) -> std::io::Result<usize> {
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
