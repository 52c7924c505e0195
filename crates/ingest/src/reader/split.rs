//! Splitting delimited text into records and fields, as the `csv` crate
//! does with the settings the CSV reader uses (quote `"`, doubled quotes,
//! records ended by `\n`, any number of fields per record), with the same
//! fields and line numbers, but scanning runs of plain bytes instead of
//! stepping a state machine byte by byte.
//!
//! The rules, byte by byte:
//! - before a record, `\n` is skipped (a blank line is no record);
//! - a field starting with `"` is quoted: up to the next lone `"`, where
//!   `""` is one `"` and delimiters and `\n` are text; bytes after the
//!   closing quote up to the delimiter or `\n` are appended as they are;
//! - any other field runs to the next delimiter or `\n` (a `"` in it is
//!   text);
//! - the end of the input ends the record being read, if one was begun;
//! - a UTF-8 byte-order mark at the start of the first read is skipped;
//! - a record's line is the number of `\n` read before the call that read
//!   it, plus one (so a record after blank lines reports the first blank
//!   line, as the `csv` crate does).
//!
//! Unlike the `csv` crate, a field is kept only up to a limit: a field over
//! it is cut there and its whole length reported ([`Splitter::oversized`]),
//! so a stray quote that runs through a large export, or a field of
//! gigabytes, costs no more memory than the limit.

use std::io::Read;

use crate::fields::Fields;

/// Bytes read from the input at a time.
const BUFFER_BYTES: usize = 1 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    StartRecord,
    StartField,
    InField,
    InQuoted,
    /// A `"` in a quoted field: a second one is text, anything else ends
    /// the quoted part.
    QuoteInQuoted,
}

/// Splits the records of an input.
pub(crate) struct Splitter<R> {
    input: R,
    delimiter: u8,
    buffer: Vec<u8>,
    /// Unread bytes are `buffer[start..end]`.
    start: usize,
    end: usize,
    /// 1 + the `\n` read so far.
    line: u64,
    /// Whether the start was checked for a byte-order mark.
    started: bool,
    /// Whether the input is exhausted.
    exhausted: bool,
    /// The field being read.
    field: Vec<u8>,
    /// Whether the last record read ended with the input inside a quoted
    /// field: its closing quote never came.
    open_quote: bool,
    /// Bytes of a field kept at most.
    field_limit: usize,
    /// Bytes of the field being read, kept or not.
    field_bytes: u64,
    /// The first field of the last record that was over the limit: its
    /// index and its whole length.
    oversized: Option<(usize, u64)>,
}

impl<R: Read> Splitter<R> {
    /// A splitter of `input` that keeps at most `field_limit` bytes of a
    /// field (and one more, so a cut field is still over the limit).
    pub fn new(input: R, delimiter: u8, field_limit: usize) -> Splitter<R> {
        let mut splitter = Splitter::with_buffer(input, delimiter, BUFFER_BYTES);
        splitter.field_limit = field_limit.saturating_add(1);
        splitter
    }

    /// A splitter reading up to `bytes` bytes at a time, keeping fields whole.
    fn with_buffer(input: R, delimiter: u8, bytes: usize) -> Splitter<R> {
        Splitter {
            input,
            delimiter,
            buffer: vec![0; bytes.max(1)],
            start: 0,
            end: 0,
            line: 1,
            started: false,
            exhausted: false,
            field: Vec::new(),
            open_quote: false,
            field_limit: usize::MAX,
            field_bytes: 0,
            oversized: None,
        }
    }

    /// Refills the buffer when it is empty; `false` at the end of input.
    fn fill(&mut self) -> std::io::Result<bool> {
        if self.start < self.end {
            return Ok(true);
        }
        if self.exhausted {
            return Ok(false);
        }
        loop {
            match self.input.read(&mut self.buffer) {
                Ok(0) => {
                    self.exhausted = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.start = 0;
                    self.end = n;
                    return Ok(true);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// The first field of the record last read that was longer than the
    /// limit, as its index and whole length; the record holds it cut.
    pub fn oversized(&self) -> Option<(usize, u64)> {
        self.oversized
    }

    /// The line the next record starts on: one more than the `\n` read.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Ends the field being read: pushes what was kept of it onto
    /// `record`, noting it if it was cut.
    fn end_field(&mut self, record: &mut Fields) {
        if self.field_bytes > self.field.len() as u64 && self.oversized.is_none() {
            self.oversized = Some((record.len(), self.field_bytes));
        }
        record.push_field(&self.field);
        self.field.clear();
        self.field_bytes = 0;
    }

    /// Whether the record last read ran to the end of the input inside a
    /// quoted field (a truncated export, or a stray quote that swallowed
    /// the rows after it).
    pub fn open_quote(&self) -> bool {
        self.open_quote
    }

    /// Reads the next record into `record` (cleared first): its line, or
    /// `None` at the end of the input.
    pub fn read(&mut self, record: &mut Fields) -> std::io::Result<Option<u64>> {
        record.clear();
        self.open_quote = false;
        self.oversized = None;
        self.field_bytes = 0;
        let line = self.line;
        if !self.started {
            self.started = true;
            if self.fill()? && self.buffer[self.start..self.end].starts_with(b"\xEF\xBB\xBF") {
                self.start += 3;
                if self.start == self.end {
                    // A first read of the mark alone reads as the end (as
                    // in the `csv` crate; a real export's first read is
                    // far longer).
                    self.exhausted = true;
                    return Ok(None);
                }
            }
        }
        self.field.clear();
        if self.fill()? && self.read_in_buffer(record) {
            return Ok(Some(line));
        }
        let delimiter = self.delimiter;
        let mut state = State::StartRecord;
        loop {
            if !self.fill()? {
                // The end of the input ends a record begun.
                if state == State::StartRecord {
                    return Ok(None);
                }
                self.open_quote = state == State::InQuoted;
                self.end_field(record);
                return Ok(Some(line));
            }
            let bytes = &self.buffer[self.start..self.end];
            match state {
                State::StartRecord => {
                    if bytes[0] == b'\n' {
                        self.line += 1;
                        self.start += 1;
                    } else {
                        state = State::StartField;
                    }
                }
                State::StartField => {
                    let c = bytes[0];
                    if c == b'"' {
                        state = State::InQuoted;
                        self.start += 1;
                    } else if c == delimiter {
                        record.push_field(&self.field);
                        self.start += 1;
                    } else if c == b'\n' {
                        self.end_field(record);
                        self.line += 1;
                        self.start += 1;
                        return Ok(Some(line));
                    } else {
                        state = State::InField;
                    }
                }
                State::InField => match memchr::memchr2(delimiter, b'\n', bytes) {
                    None => {
                        grow(
                            &mut self.field,
                            &mut self.field_bytes,
                            self.field_limit,
                            bytes,
                        );
                        self.start = self.end;
                    }
                    Some(at) => {
                        let newline = bytes[at] == b'\n';
                        // A field begun in this buffer goes straight into
                        // the record.
                        if self.field.is_empty() {
                            record.push_field(&bytes[..at]);
                        } else {
                            grow(
                                &mut self.field,
                                &mut self.field_bytes,
                                self.field_limit,
                                &bytes[..at],
                            );
                            self.end_field(record);
                        }
                        self.start += at + 1;
                        if newline {
                            self.line += 1;
                            return Ok(Some(line));
                        }
                        state = State::StartField;
                    }
                },
                State::InQuoted => match memchr::memchr2(b'"', b'\n', bytes) {
                    None => {
                        grow(
                            &mut self.field,
                            &mut self.field_bytes,
                            self.field_limit,
                            bytes,
                        );
                        self.start = self.end;
                    }
                    // A line end inside quotes is text, and counted.
                    Some(at) if bytes[at] == b'\n' => {
                        grow(
                            &mut self.field,
                            &mut self.field_bytes,
                            self.field_limit,
                            &bytes[..=at],
                        );
                        self.line += 1;
                        self.start += at + 1;
                    }
                    Some(at) => {
                        grow(
                            &mut self.field,
                            &mut self.field_bytes,
                            self.field_limit,
                            &bytes[..at],
                        );
                        state = State::QuoteInQuoted;
                        self.start += at + 1;
                    }
                },
                State::QuoteInQuoted => {
                    let c = bytes[0];
                    if c == b'"' {
                        grow(
                            &mut self.field,
                            &mut self.field_bytes,
                            self.field_limit,
                            b"\"",
                        );
                        state = State::InQuoted;
                        self.start += 1;
                    } else if c == delimiter {
                        self.end_field(record);
                        state = State::StartField;
                        self.start += 1;
                    } else if c == b'\n' {
                        self.end_field(record);
                        self.line += 1;
                        self.start += 1;
                        return Ok(Some(line));
                    } else {
                        state = State::InField;
                    }
                }
            }
        }
    }
}

impl<R> Splitter<R> {
    /// Reads the next record at one go when the buffer holds all of it,
    /// with the fields, line count and limits [`Splitter::read`] gives:
    /// each field found by one search and pushed straight from the buffer
    /// (a quoted one is copied only if it holds a doubled quote). `false`,
    /// with the record left empty and nothing consumed, when the record
    /// does not end in the buffer, or has text after a closing quote, or a
    /// quoted field longer than the limit: the state machine then reads it.
    fn read_in_buffer(&mut self, record: &mut Fields) -> bool {
        let bytes = &self.buffer[self.start..self.end];
        let delimiter = self.delimiter;
        // Blank lines before the record.
        let mut at = bytes.iter().take_while(|&&b| b == b'\n').count();
        let mut newlines = at as u64;
        // The record's bytes are copied as they are up to a quoted field
        // with a doubled quote, which is copied unquoted, and on to the
        // next one or the end: `bytes[copied..]` is not copied yet and
        // will start at offset `held` of the record's buffer.
        let mut copied = at;
        let mut held = 0;
        let ended = loop {
            let Some(&first) = bytes.get(at) else {
                break false;
            };
            let end = if first == b'"' {
                let content = at + 1;
                // Where the part not yet copied starts, once copying began.
                let mut from = content;
                let mut scan = content;
                let close = loop {
                    let Some(found) = memchr::memchr2(b'"', b'\n', &bytes[scan..]) else {
                        break None;
                    };
                    let found = scan + found;
                    if bytes[found] == b'\n' {
                        newlines += 1;
                        scan = found + 1;
                    } else if bytes.get(found + 1) == Some(&b'"') {
                        // A doubled quote is one quote of text.
                        if from == content {
                            record.push_bytes(&bytes[copied..content]);
                        }
                        record.push_bytes(&bytes[from..=found]);
                        from = found + 2;
                        scan = found + 2;
                    } else {
                        break Some(found);
                    }
                };
                let Some(close) = close.filter(|close| close - content <= self.field_limit) else {
                    break false;
                };
                if !matches!(bytes.get(close + 1), Some(&b) if b == delimiter || b == b'\n') {
                    break false;
                }
                if from == content {
                    record.push_range(held + content - copied..held + close - copied);
                } else {
                    let start = held + content - copied;
                    held = record.push_bytes(&bytes[from..close]) + (close - from);
                    record.push_range(start..held);
                    copied = close;
                }
                close + 1
            } else {
                let Some(found) = field_end(delimiter, &bytes[at..]) else {
                    break false;
                };
                record.push_range(held + at - copied..held + at + found - copied);
                at + found
            };
            // `bytes[end]` is the delimiter or the line end after the field.
            at = end + 1;
            if bytes[end] == b'\n' {
                break true;
            }
        };
        if !ended {
            record.clear();
            return false;
        }
        record.push_bytes(&bytes[copied..at]);
        self.start += at;
        self.line += newlines + 1;
        true
    }
}

/// `0x01` in every byte of a word.
const ONES: u64 = u64::from_le_bytes([1; 8]);

/// Bytes of a field looked at a word at a time before [`memchr::memchr2`]
/// takes over: most unquoted fields are shorter, and a word or two tells
/// where they end before the vector search would have started.
const SHORT_FIELD: usize = 32;

/// Where the unquoted field at the start of `bytes` ends: the offset of
/// the first `delimiter` or `\n`, as `memchr2` finds it.
fn field_end(delimiter: u8, bytes: &[u8]) -> Option<usize> {
    let (delimiters, newlines) = (ONES * u64::from(delimiter), ONES * u64::from(b'\n'));
    let mut at = 0;
    while at < SHORT_FIELD
        && let Some(word) = bytes.get(at..at + 8)
    {
        let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
        let found = zero_bytes(word ^ delimiters) | zero_bytes(word ^ newlines);
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    memchr::memchr2(delimiter, b'\n', &bytes[at..]).map(|found| at + found)
}

/// The high bit of every zero byte of `word`, and perhaps of bytes after
/// the first zero byte (little-endian order): the lowest bit set marks
/// the first zero byte exactly.
fn zero_bytes(word: u64) -> u64 {
    word.wrapping_sub(ONES) & !word & (ONES << 7)
}

/// Appends `bytes` to `field` as far as `limit` bytes, counting them all
/// in `counted`.
fn grow(field: &mut Vec<u8>, counted: &mut u64, limit: usize, bytes: &[u8]) {
    let room = limit.saturating_sub(field.len());
    field.extend_from_slice(&bytes[..bytes.len().min(room)]);
    *counted += bytes.len() as u64;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hands out its bytes at most `.1` at a time.
    struct Chunked<'a>(&'a [u8], usize);

    impl Read for Chunked<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    /// Every record as (line, fields) by the `csv` crate with the settings
    /// of the CSV reader, reading `chunk` bytes at a time.
    fn by_csv(input: &[u8], delimiter: u8, chunk: usize) -> Vec<(u64, Vec<Vec<u8>>)> {
        let mut csv = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .terminator(csv::Terminator::Any(b'\n'))
            .flexible(true)
            .has_headers(false)
            .from_reader(Chunked(input, chunk));
        let mut record = csv::ByteRecord::new();
        let mut out = Vec::new();
        while csv.read_byte_record(&mut record).unwrap() {
            let line = record.position().map_or(0, |p| p.line());
            out.push((line, record.iter().map(<[u8]>::to_vec).collect()));
        }
        out
    }

    /// The same by the splitter. Records cross the refills of its small
    /// buffer often when `chunk` is small; with a large `chunk` most are
    /// read whole from the buffer ([`Splitter::read_in_buffer`]).
    fn by_splitter(input: &[u8], delimiter: u8, chunk: usize) -> Vec<(u64, Vec<Vec<u8>>)> {
        let buffer = if chunk < 1 << 20 { 16 } else { 1 << 16 };
        let mut splitter = Splitter::with_buffer(Chunked(input, chunk), delimiter, buffer);
        let mut record = Fields::new();
        let mut out = Vec::new();
        while let Some(line) = splitter.read(&mut record).unwrap() {
            out.push((line, record.iter().map(<[u8]>::to_vec).collect()));
        }
        // Stays at the end.
        assert_eq!(splitter.read(&mut record).unwrap(), None);
        out
    }

    #[test]
    fn splits_as_the_csv_crate_does() {
        let cases: [&[u8]; 14] = [
            b"",
            b"\n\n\n",
            b"a;b\n1;2\n",
            b"a;b\n1;2",
            b"a;\"b;\nc\"\n\n\n1;\"x\"\"y\"\n",
            b"\"ab\"cd;e\n\"ab\"\";x\n",
            b"a\"b\"c;d\n",
            b"\"unterminated;\nx",
            b";;\n;\n",
            b"\xEF\xBB\xBFa;b\n",
            b"a;b\r\n1;2\r\n\r\n",
            b"\"\"\n\"\"\"\"\n\"\";\"\"\n",
            b"x\n\"",
            b"\"a\"\n",
        ];
        for case in cases {
            for chunk in [1, 2, 3, 7, 1 << 20] {
                assert_eq!(
                    by_splitter(case, b';', chunk),
                    by_csv(case, b';', chunk),
                    "{:?} read {chunk} bytes at a time",
                    String::from_utf8_lossy(case)
                );
            }
        }
    }

    #[test]
    fn a_field_ends_where_memchr_finds_its_end() {
        let text = b"ab;cdefghij\nklmnopqrstuvwxyz0123456789ABCDEFGHIJ;x\n;\xFC\x3B\x0A";
        for start in 0..text.len() {
            for end in start..=text.len() {
                let bytes = &text[start..end];
                assert_eq!(
                    field_end(b';', bytes),
                    memchr::memchr2(b';', b'\n', bytes),
                    "{start}..{end}"
                );
            }
        }
    }

    #[test]
    fn a_field_over_the_limit_is_kept_cut_and_reported_whole() {
        let long = "x".repeat(100);
        let input = format!("a;\"{long}\"\"y\";b\n{long};c\nd;e\n");
        for chunk in [1, 7, 1 << 20] {
            let mut splitter = Splitter::new(Chunked(input.as_bytes(), chunk), b';', 10);
            let mut record = Fields::new();
            splitter.read(&mut record).unwrap();
            assert_eq!(
                splitter.oversized(),
                Some((1, 102)),
                "read {chunk} at a time"
            );
            assert_eq!(record.len(), 3);
            assert_eq!(record[1].len(), 11);
            splitter.read(&mut record).unwrap();
            if chunk < 100 {
                assert_eq!(splitter.oversized(), Some((0, 100)));
                assert_eq!(record[0].len(), 11);
            } else {
                // Read in one buffer, the field goes into the record whole;
                // the reader finds it by its length.
                assert_eq!(splitter.oversized(), None);
                assert_eq!(record[0].len(), 100);
            }
            splitter.read(&mut record).unwrap();
            assert_eq!(splitter.oversized(), None);
            assert_eq!(&record[0], b"d");
        }
    }

    #[test]
    fn a_quoted_field_the_input_ends_in_is_reported() {
        let open_quotes = |input: &[u8]| {
            let mut splitter = Splitter::with_buffer(input, b';', 3);
            let mut record = Fields::new();
            let mut open = Vec::new();
            while splitter.read(&mut record).unwrap().is_some() {
                open.push(splitter.open_quote());
            }
            open
        };
        assert_eq!(open_quotes(b"a;b\n1;\"x\ny"), [false, true]);
        assert_eq!(open_quotes(b"a;b\n1;\"x\"\n"), [false, false]);
        assert_eq!(open_quotes(b"a;b\n1;\"x\""), [false, false]);
        // A doubled quote at the end is text inside the field.
        assert_eq!(open_quotes(b"a;\"b\"\"\n"), [true]);
        assert_eq!(open_quotes(b"a;b\n\"1\";2"), [false, false]);
    }

    #[test]
    fn splits_random_text_as_the_csv_crate_does() {
        let alphabet: &[u8] = b"ab;,\t\"\"\n\r \xFC";
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for round in 0..4000 {
            let len = next(60);
            let mut text: Vec<u8> = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
            if round % 5 == 0 {
                text.splice(0..0, b"\xEF\xBB\xBF".iter().copied());
            }
            let delimiter = [b';', b',', b'\t'][round % 3];
            let chunk = [1, 4, 1 << 20][next(3)];
            assert_eq!(
                by_splitter(&text, delimiter, chunk),
                by_csv(&text, delimiter, chunk),
                "{:?} delimiter {:?} chunk {chunk}",
                String::from_utf8_lossy(&text),
                delimiter as char
            );
        }
    }
}
