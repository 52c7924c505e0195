//! Reading a format on a thread of its own: the records of the next
//! stretch are parsed and decoded while the caller checks the ones before.
//! Parsing is about half of reading a CSV export, so a pass that only reads
//! (the first pass of a release) takes about half as long on two cores.
//!
//! Records come in the file's order with the line numbers, faults and raw
//! bytes the format gave them; a read error comes after every record read
//! before it. Buffers go back and forth, so nothing is allocated per row.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use crate::IngestError;
use crate::row::{RawRow, RowSource};

/// Records per block handed over.
const BLOCK_ROWS: usize = 256;
/// A block is handed over earlier once its records hold this many bytes,
/// so a few huge fields do not pile up.
const BLOCK_BYTES: usize = 1 << 20;
/// Blocks the reading thread may be ahead.
const BLOCKS_AHEAD: usize = 2;

/// A stretch of records read ahead, and how it ended.
struct Block {
    rows: Vec<RawRow>,
    /// How many of `rows` hold records.
    filled: usize,
    /// What ended the stretch early: the end of the file (`Ok`) or an error.
    end: Option<Result<(), IngestError>>,
}

/// The records of a [`RowSource`] read on a thread of its own.
pub(crate) struct Prefetched {
    blocks: Receiver<Block>,
    recycle: SyncSender<Block>,
    current: Option<Block>,
    next: usize,
    path: PathBuf,
}

impl Prefetched {
    /// Starts reading `rows` on a new thread. The thread stops at the end of
    /// the file, at a read error, or when the `Prefetched` is dropped.
    pub fn spawn(rows: Box<dyn RowSource>, path: &Path) -> Result<Prefetched, IngestError> {
        let (send, blocks) = sync_channel(BLOCKS_AHEAD);
        let (recycle, recycled) = sync_channel(BLOCKS_AHEAD + 2);
        std::thread::Builder::new()
            .name("veil-parse".into())
            .spawn(move || read_ahead(rows, &send, &recycled))
            .map_err(|source| IngestError::Io {
                path: path.to_path_buf(),
                source,
            })?;
        Ok(Prefetched {
            blocks,
            recycle,
            current: None,
            next: 0,
            path: path.to_path_buf(),
        })
    }
}

/// The reading thread: fills blocks until the end, an error, or until the
/// reader is gone.
fn read_ahead(mut rows: Box<dyn RowSource>, send: &SyncSender<Block>, recycled: &Receiver<Block>) {
    loop {
        let mut block = recycled.try_recv().unwrap_or_else(|_| Block {
            rows: (0..BLOCK_ROWS).map(|_| RawRow::new()).collect(),
            filled: 0,
            end: None,
        });
        block.filled = 0;
        block.end = None;
        let mut bytes = 0;
        while block.filled < BLOCK_ROWS && bytes < BLOCK_BYTES {
            let row = &mut block.rows[block.filled];
            match rows.next_row(row) {
                Ok(true) => {
                    bytes += row.raw_len();
                    block.filled += 1;
                }
                Ok(false) => {
                    block.end = Some(Ok(()));
                    break;
                }
                Err(e) => {
                    block.end = Some(Err(e));
                    break;
                }
            }
        }
        let ended = block.end.is_some();
        if send.send(block).is_err() || ended {
            return;
        }
    }
}

impl Prefetched {
    /// The next record into `row`, as [`RowSource::next_row`] gives it.
    pub fn next_row(&mut self, row: &mut RawRow) -> Result<bool, IngestError> {
        loop {
            if let Some(block) = &mut self.current {
                if self.next < block.filled {
                    std::mem::swap(row, &mut block.rows[self.next]);
                    self.next += 1;
                    return Ok(true);
                }
                if let Some(end) = block.end.take() {
                    // Stays ended: later calls see an empty, ended block.
                    block.filled = 0;
                    block.end = Some(Ok(()));
                    return end.map(|()| false);
                }
                if let Some(done) = self.current.take() {
                    // The reading thread may be gone; the block is then dropped.
                    let _ = self.recycle.try_send(done);
                }
            }
            match self.blocks.recv() {
                Ok(block) => {
                    self.current = Some(block);
                    self.next = 0;
                }
                // The thread ended without saying why: it panicked.
                Err(_) => {
                    return Err(IngestError::Io {
                        path: self.path.clone(),
                        source: std::io::Error::other("the reading thread stopped unexpectedly"),
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Reason;
    use crate::decode::{Charset, Decoder};
    use veil_pipeline::CanonicalColumn;

    /// Yields `n` records (record `i` on line `i + 2`, its raw bytes the
    /// line number, every seventh with a fault), then an error if asked.
    struct Numbered {
        n: u64,
        read: u64,
        error_at_end: bool,
    }

    impl RowSource for Numbered {
        fn next_row(&mut self, row: &mut RawRow) -> Result<bool, IngestError> {
            if self.read == self.n {
                if self.error_at_end {
                    return Err(IngestError::Csv {
                        path: "x.csv".into(),
                        line: self.n + 2,
                        message: "broken".into(),
                    });
                }
                return Ok(false);
            }
            row.clear(self.read + 2);
            row.raw
                .extend_from_slice((self.read + 2).to_string().as_bytes());
            row.set(CanonicalColumn::Body, &format!("text {}", self.read));
            if self.read.is_multiple_of(7) {
                row.fault(
                    None,
                    Reason::FieldCount {
                        found: 1,
                        expected: 2,
                    },
                );
            }
            self.read += 1;
            Ok(true)
        }

        fn decoder(&self) -> Decoder {
            Decoder {
                charset: Charset::Utf8,
                replace: false,
            }
        }

        fn column_name(&self, column: CanonicalColumn) -> Option<String> {
            (column == CanonicalColumn::Body).then(|| "Text".to_string())
        }
    }

    /// Each record's line, raw bytes, body and whether it has a fault.
    type Read = Vec<(u64, String, String, bool)>;

    /// Every record `next_row` gives, and the error that ended them if one did.
    fn read_all(
        mut next_row: impl FnMut(&mut RawRow) -> Result<bool, IngestError>,
    ) -> (Read, Option<String>) {
        let mut row = RawRow::new();
        let mut out = Vec::new();
        loop {
            match next_row(&mut row) {
                Ok(true) => out.push((
                    row.line,
                    String::from_utf8(row.raw.clone()).unwrap(),
                    row.get(CanonicalColumn::Body)
                        .unwrap_or_default()
                        .to_string(),
                    row.fault.is_some(),
                )),
                Ok(false) => return (out, None),
                Err(e) => return (out, Some(e.to_string())),
            }
        }
    }

    #[test]
    fn yields_what_the_format_yields_in_order_across_blocks() {
        for (n, error_at_end) in [(0, false), (1, true), (600, false), (513, true)] {
            let mut numbered = Numbered {
                n,
                read: 0,
                error_at_end,
            };
            let direct = read_all(|row| numbered.next_row(row));
            let mut prefetched = Prefetched::spawn(
                Box::new(Numbered {
                    n,
                    read: 0,
                    error_at_end,
                }),
                Path::new("x.csv"),
            )
            .unwrap();
            let ahead = read_all(|row| prefetched.next_row(row));
            assert_eq!(ahead, direct, "{n} records");
            assert_eq!(ahead.0.len() as u64, n);
            assert_eq!(ahead.1.is_some(), error_at_end);
            // Once ended, it stays ended.
            assert!(!prefetched.next_row(&mut RawRow::new()).unwrap());
        }
    }
}
