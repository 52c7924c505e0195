//! One record of an export as a format reader hands it over: its position,
//! the text of each canonical column it maps, and any fault found while
//! reading it (field count, size, encoding, broken JSON).
//!
//! A CSV record is kept as the parser read it ([`RawRow::record`]); the raw
//! row of the quarantine is joined from its fields only for a row that is
//! quarantined, not copied for every row.

use std::borrow::Cow;

use veil_pipeline::CanonicalColumn;

use crate::decode::Decoder;
use crate::fields::Fields;
use crate::{IngestError, Reason};

/// A fault found by a format reader: the export's column at fault (if one
/// is) and the reason.
pub(crate) type Fault = (Option<String>, Reason);

/// A record being read, with buffers reused from record to record.
#[derive(Debug)]
pub(crate) struct RawRow {
    /// 1-based line where the record starts (for JSON: its line, which is
    /// also its record number counting blank lines).
    pub line: u64,
    texts: Vec<String>,
    /// Per column, whether it holds a value that is not blank.
    set: Vec<bool>,
    /// A fault that quarantines the record.
    pub fault: Option<Fault>,
    /// Columns whose invalid UTF-8 was replaced under the `replace` policy.
    pub replaced: Vec<String>,
    /// Whether no text of the record holds a `<` or `&`, so that none can
    /// read as HTML (`false`: not known, each text is looked at).
    pub markup_free: bool,
    /// The record's bytes as read, for the quarantine, when they are not
    /// a CSV record: the JSON line. Decoded only when the record is
    /// quarantined.
    pub raw: Vec<u8>,
    /// A CSV record as the parser read it (its buffer reused).
    pub record: Fields,
    /// The delimiter [`RawRow::record`]'s fields are joined by for the
    /// quarantine; `None`: the raw row is [`RawRow::raw`].
    delimiter: Option<u8>,
}

impl RawRow {
    pub fn new() -> RawRow {
        let n = CanonicalColumn::ALL.len();
        RawRow {
            line: 0,
            texts: vec![String::new(); n],
            set: vec![false; n],
            fault: None,
            replaced: Vec::new(),
            markup_free: false,
            raw: Vec::new(),
            record: Fields::new(),
            delimiter: None,
        }
    }

    /// Forgets the previous record, keeping the buffers.
    pub fn clear(&mut self, line: u64) {
        self.line = line;
        self.set.iter_mut().for_each(|s| *s = false);
        self.fault = None;
        self.replaced.clear();
        self.markup_free = false;
        self.raw.clear();
        self.delimiter = None;
    }

    /// Says that the raw row is [`RawRow::record`] with its fields joined
    /// by `delimiter` (until the next [`RawRow::clear`]).
    pub fn raw_is_record(&mut self, delimiter: u8) {
        self.delimiter = Some(delimiter);
    }

    /// The raw row for the quarantine: the CSV fields joined by the
    /// delimiter, or [`RawRow::raw`].
    pub fn raw_bytes(&self) -> Cow<'_, [u8]> {
        let Some(delimiter) = self.delimiter else {
            return Cow::Borrowed(&self.raw);
        };
        let mut joined = Vec::with_capacity(self.raw_len());
        for (i, field) in self.record.iter().enumerate() {
            if i > 0 {
                joined.push(delimiter);
            }
            joined.extend_from_slice(field);
        }
        Cow::Owned(joined)
    }

    /// How many bytes [`RawRow::raw_bytes`] has (without joining them).
    pub fn raw_len(&self) -> usize {
        match self.delimiter {
            Some(_) => self.record.field_bytes() + self.record.len().saturating_sub(1),
            None => self.raw.len(),
        }
    }

    /// Sets the text of a canonical column.
    pub fn set(&mut self, column: CanonicalColumn, text: &str) {
        let i = column as usize;
        self.texts[i].clear();
        self.texts[i].push_str(text);
        // Whether it is blank is decided once here, not at every `get`.
        self.set[i] = !is_blank(text);
    }

    /// Sets the text of a canonical column by decoding field `index` of
    /// [`RawRow::record`] with `decoder` into the column's buffer (a missing
    /// field is blank). `Ok(replaced)` as [`Decoder::decode_into`] says.
    pub fn decode_field(
        &mut self,
        column: CanonicalColumn,
        decoder: &Decoder,
        index: usize,
    ) -> Result<bool, crate::decode::Invalid> {
        let i = column as usize;
        let text = &mut self.texts[i];
        text.clear();
        let replaced = decoder.decode_into(self.record.get(index).unwrap_or_default(), text)?;
        self.set[i] = !is_blank(text);
        Ok(replaced)
    }

    /// Checks field `index` of [`RawRow::record`] as
    /// [`RawRow::decode_field`] would, without keeping its text: the
    /// column stays blank. `Ok(replaced)`.
    pub fn check_field(
        &self,
        decoder: &Decoder,
        index: usize,
    ) -> Result<bool, crate::decode::Invalid> {
        decoder.check(self.record.get(index).unwrap_or_default())
    }

    /// Says whether field `index` of [`RawRow::record`] is blank, as
    /// [`RawRow::decode_field`] would, after checking it as
    /// [`RawRow::check_field`] does; its text is read only when that is the
    /// cheapest way to tell (it starts with a non-ASCII byte). A column
    /// that is not blank but not read gets an empty text: a pass asks for
    /// this only of columns whose text it does not use. `Ok(replaced)`.
    pub fn check_blankness(
        &mut self,
        column: CanonicalColumn,
        decoder: &Decoder,
        index: usize,
    ) -> Result<bool, crate::decode::Invalid> {
        let bytes = self.record.get(index).unwrap_or_default();
        let replaced = decoder.check(bytes)?;
        let Some(blank) = ascii_blank(bytes) else {
            return self.decode_field(column, decoder, index);
        };
        let i = column as usize;
        self.texts[i].clear();
        self.set[i] = !blank;
        Ok(replaced)
    }

    /// Reads the mapped fields of a record that is valid UTF-8 as a whole,
    /// checking it once instead of field by field, as
    /// [`RawRow::decode_field`], [`RawRow::check_blankness`] and
    /// [`RawRow::check_field`] would for what `needed` (bits of
    /// [`NeededColumns`]) asks of each `(column, field index)`. `false`,
    /// with no column set, when the record is not valid UTF-8, or a mapped
    /// field does not start and end at a character boundary (the record is
    /// then valid only as a whole) or is missing: the caller then reads
    /// field by field. Says whether the record is
    /// [`RawRow::markup_free`].
    pub fn decode_utf8_record(&mut self, mapped: &[(CanonicalColumn, usize)], needed: u64) -> bool {
        let Ok(whole) = simdutf8::basic::from_utf8(self.record.bytes()) else {
            return false;
        };
        // One search of the record spares looking at each text for markup.
        self.markup_free = memchr::memchr2(b'<', b'&', whole.as_bytes()).is_none();
        for &(column, index) in mapped {
            let Some(text) = self.record.range(index).and_then(|range| whole.get(range)) else {
                self.set.iter_mut().for_each(|s| *s = false);
                self.markup_free = false;
                return false;
            };
            let i = column as usize;
            let blank = match NeededColumns::need(needed, column) {
                Need::Nothing => continue,
                Need::Blankness => ascii_blank(text.as_bytes()),
                Need::Text => None,
            };
            self.texts[i].clear();
            match blank {
                Some(blank) => self.set[i] = !blank,
                None => {
                    self.texts[i].push_str(text);
                    self.set[i] = !is_blank(text);
                }
            }
        }
        true
    }

    /// The text of a canonical column: `None` when absent or blank.
    pub fn get(&self, column: CanonicalColumn) -> Option<&str> {
        let i = column as usize;
        self.set[i].then(|| self.texts[i].as_str())
    }

    /// Records a fault unless one is recorded already (the first wins).
    pub fn fault(&mut self, column: Option<&str>, reason: Reason) {
        if self.fault.is_none() {
            self.fault = Some((column.map(str::to_string), reason));
        }
    }
}

/// Whether `text` is blank: empty or only whitespace. A text starting
/// with a visible ASCII character (nearly every value) is told at once.
fn is_blank(text: &str) -> bool {
    match text.as_bytes().first() {
        Some(&byte) if byte.is_ascii() && !char::from(byte).is_whitespace() => false,
        _ => text.trim_start().is_empty(),
    }
}

/// Whether the field `bytes` is blank, told from its ASCII start: `None`
/// when a non-ASCII byte comes before anything but whitespace (it must
/// be decoded to tell). ASCII reads alike in every charset.
fn ascii_blank(bytes: &[u8]) -> Option<bool> {
    for &byte in bytes {
        if !byte.is_ascii() {
            return None;
        }
        if !char::from(byte).is_whitespace() {
            return Some(false);
        }
    }
    Some(true)
}

/// A format reader: yields the records of one export.
pub(crate) trait RowSource: Send {
    /// Reads the next record into `row`; `Ok(false)` at the end.
    fn next_row(&mut self, row: &mut RawRow) -> Result<bool, IngestError>;

    /// How the export's bytes are decoded; [`RawRow::raw_bytes`] are
    /// decoded with it for the quarantine.
    fn decoder(&self) -> Decoder;

    /// The export's name of the column a canonical column is read from.
    fn column_name(&self, column: CanonicalColumn) -> Option<String>;

    /// Reads only the columns in `needed` from now on (the others are
    /// still checked for faults but their text is left blank), where the
    /// format can skip them cheaply. By default every column is read.
    fn read_only(&mut self, needed: NeededColumns) {
        let _ = needed;
    }
}

/// What a pass needs of each canonical column, shared with the reading
/// thread: its text, or only whether it is blank (a required column whose
/// text the pass does not use), or neither (it is still checked for
/// faults). Every text is needed until [`crate::SourceReader::keep_only`]
/// says otherwise. Kept as bits: `1 << column` for a text, `1 << (32 +
/// column)` for blankness only.
#[derive(Debug, Clone)]
pub(crate) struct NeededColumns(std::sync::Arc<std::sync::atomic::AtomicU64>);

/// How much of a column a pass reads (see [`NeededColumns`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Need {
    Text,
    Blankness,
    Nothing,
}

impl NeededColumns {
    /// Every column needed.
    pub fn all() -> NeededColumns {
        NeededColumns(std::sync::Arc::new(std::sync::atomic::AtomicU64::new(
            u64::MAX,
        )))
    }

    /// Needs the text of `texts` and whether `present` are blank from now
    /// on (a column in both needs its text).
    pub fn set(
        &self,
        texts: impl IntoIterator<Item = CanonicalColumn>,
        present: impl IntoIterator<Item = CanonicalColumn>,
    ) {
        let texts = texts
            .into_iter()
            .fold(0u64, |bits, c| bits | 1 << (c as usize));
        let present = present
            .into_iter()
            .fold(0u64, |bits, c| bits | 1 << (32 + c as usize));
        self.0
            .store(texts | present, std::sync::atomic::Ordering::Relaxed);
    }

    /// What `bits` (from [`NeededColumns::bits`]) need of `column`.
    pub fn need(bits: u64, column: CanonicalColumn) -> Need {
        if bits & 1 << (column as usize) != 0 {
            Need::Text
        } else if bits & 1 << (32 + column as usize) != 0 {
            Need::Blankness
        } else {
            Need::Nothing
        }
    }

    /// The columns needed now, as bits.
    pub fn bits(&self) -> u64 {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}
