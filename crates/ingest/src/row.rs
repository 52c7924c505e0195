//! One record of an export as a format reader hands it over: its position,
//! the text of each canonical column it maps, and any fault found while
//! reading it (field count, size, encoding, broken JSON).

use veil_pipeline::CanonicalColumn;

use crate::decode::Decoder;
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
    /// The record's bytes as read, for the quarantine: the CSV fields
    /// joined by the delimiter, or the JSON line. Decoded only when the
    /// record is quarantined.
    pub raw: Vec<u8>,
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
            raw: Vec::new(),
        }
    }

    /// Forgets the previous record, keeping the buffers.
    pub fn clear(&mut self, line: u64) {
        self.line = line;
        self.set.iter_mut().for_each(|s| *s = false);
        self.fault = None;
        self.replaced.clear();
        self.raw.clear();
    }

    /// Sets the text of a canonical column.
    pub fn set(&mut self, column: CanonicalColumn, text: &str) {
        let i = column as usize;
        self.texts[i].clear();
        self.texts[i].push_str(text);
        // Whether it is blank is decided once here, not at every `get`.
        self.set[i] = !text.trim().is_empty();
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

/// A format reader: yields the records of one export.
pub(crate) trait RowSource: Send {
    /// Reads the next record into `row`; `Ok(false)` at the end.
    fn next_row(&mut self, row: &mut RawRow) -> Result<bool, IngestError>;

    /// How the export's bytes are decoded; [`RawRow::raw`] is decoded
    /// with it for the quarantine.
    fn decoder(&self) -> Decoder;

    /// The export's name of the column a canonical column is read from.
    fn column_name(&self, column: CanonicalColumn) -> Option<String>;
}
