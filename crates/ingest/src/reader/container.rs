//! What an export file holds, told by its first bytes: text as it is, text
//! compressed with gzip or zstd (read through, so a `.csv.gz` export needs
//! no unpacking), or a kind of file that is not an export at all (an Excel
//! workbook, a ZIP archive, a PDF, a Parquet file ...). The last stops the
//! run with what the file is and what to do, instead of a header of binary
//! noise.

use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::path::Path;

use crate::IngestError;

/// How the text of an export is stored in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Container {
    /// The bytes are the text.
    Plain,
    /// gzip (RFC 1952), one member or several.
    Gzip,
    /// Zstandard frames.
    Zstd,
}

impl Container {
    /// The container of a file starting with `head`, or why the file is
    /// not an export veil reads.
    fn of(head: &[u8]) -> Result<Container, (&'static str, &'static str)> {
        if head.starts_with(b"\x1F\x8B") {
            return Ok(Container::Gzip);
        }
        if head.starts_with(b"\x28\xB5\x2F\xFD") {
            return Ok(Container::Zstd);
        }
        if head.len() >= 10
            && head.starts_with(b"BZh")
            && head[3].is_ascii_digit()
            && &head[4..10] == b"1AY&SY"
        {
            return Err((
                "a bzip2-compressed file",
                "decompress it first (bunzip2), or compress the export with gzip or zstd, which veil reads as they are",
            ));
        }
        match FOREIGN.iter().find(|(magic, ..)| head.starts_with(magic)) {
            Some(&(_, what, hint)) => Err((what, hint)),
            None => Ok(Container::Plain),
        }
    }

    /// How the encoding report names the container (empty for plain text).
    pub fn note(self) -> &'static str {
        match self {
            Container::Plain => "",
            Container::Gzip => ", gzip-compressed",
            Container::Zstd => ", zstd-compressed",
        }
    }
}

/// File kinds that are not text exports, by their first bytes: what the
/// file is and what the steward can do.
const FOREIGN: &[(&[u8], &str, &str)] = &[
    (
        b"PK\x03\x04",
        "a ZIP archive (an Excel .xlsx or OpenDocument .ods workbook is one)",
        "save the sheet as CSV (UTF-8), or unzip the export and point the pipeline at the file inside",
    ),
    (
        b"PK\x05\x06",
        "an empty ZIP archive",
        "point the pipeline at the exported CSV or JSON Lines file",
    ),
    (
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        "an Excel 97-2003 workbook (.xls) or another OLE2 document",
        "save the sheet as CSV (UTF-8)",
    ),
    (
        b"%PDF-",
        "a PDF document",
        "export the messages as CSV or JSON Lines from the portal",
    ),
    (
        b"PAR1",
        "a Parquet file",
        "export the messages as CSV or JSON Lines (veil reads text exports)",
    ),
    (
        b"SQLite format 3\x00",
        "an SQLite database",
        "export the messages table as CSV, e.g. with `sqlite3 -csv -header`",
    ),
    (
        b"\xFD7zXZ\x00",
        "an xz-compressed file",
        "decompress it first (unxz), or compress the export with gzip or zstd, which veil reads as they are",
    ),
    (
        b"7z\xBC\xAF\x27\x1C",
        "a 7-Zip archive",
        "extract the export from it first",
    ),
];

/// An export's text as it is read: from the file, or decompressed.
pub(crate) enum RawInput {
    /// The file itself.
    Plain(File),
    /// Inflated gzip members, one after another.
    Gzip(Box<flate2::read::MultiGzDecoder<BufReader<File>>>),
    /// Decompressed zstd frames.
    Zstd(Box<zstd::stream::read::Decoder<'static, BufReader<File>>>),
}

impl Read for RawInput {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            RawInput::Plain(file) => file.read(buf),
            RawInput::Gzip(reader) => reader.read(buf),
            RawInput::Zstd(reader) => reader.read(buf),
        }
    }
}

/// Opens `path` at the start of its text: decompressed when it is gzip or
/// zstd, refused (naming what it is) when it is no text export.
pub(crate) fn open_raw(path: &Path) -> Result<(RawInput, Container), IngestError> {
    let io = |e| IngestError::Io {
        path: path.to_path_buf(),
        source: e,
    };
    let mut file = File::open(path).map_err(io)?;
    let mut head = [0u8; 16];
    let mut filled = 0;
    while filled < head.len() {
        let n = file.read(&mut head[filled..]).map_err(io)?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    let container =
        Container::of(&head[..filled]).map_err(|(what, hint)| IngestError::NotAnExport {
            path: path.to_path_buf(),
            what,
            hint,
        })?;
    file.rewind().map_err(io)?;
    let input = match container {
        Container::Plain => RawInput::Plain(file),
        Container::Gzip => RawInput::Gzip(Box::new(flate2::read::MultiGzDecoder::new(
            BufReader::with_capacity(1 << 16, file),
        ))),
        Container::Zstd => RawInput::Zstd(Box::new(
            zstd::stream::read::Decoder::with_buffer(BufReader::with_capacity(1 << 16, file))
                .map_err(io)?,
        )),
    };
    Ok((input, container))
}

/// Reads and drops the first `bytes` bytes of `input` (a byte-order mark).
pub(crate) fn skip(input: &mut impl Read, bytes: u64) -> std::io::Result<()> {
    let skipped = std::io::copy(&mut input.take(bytes), &mut std::io::sink())?;
    if skipped == bytes {
        Ok(())
    } else {
        Err(std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "the file ended inside its byte-order mark",
        ))
    }
}

/// The size of an export's text in bytes, for planning memory: the file's
/// size, or for a compressed file an estimate on the high side (text
/// exports compress about 4 to 8 times; planning for more rows than there
/// are only makes the tables in more, smaller runs).
pub fn text_bytes_estimate(path: &Path) -> std::io::Result<u64> {
    let size = std::fs::metadata(path)?.len();
    let mut head = [0u8; 4];
    let n = File::open(path)?.read(&mut head)?;
    Ok(match Container::of(&head[..n]) {
        Ok(Container::Gzip | Container::Zstd) => size.saturating_mul(COMPRESSION_ESTIMATE),
        _ => size,
    })
}

/// How many times larger than its file a compressed export's text is
/// taken to be.
const COMPRESSION_ESTIMATE: u64 = 8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn containers_are_told_by_their_first_bytes() {
        assert_eq!(Container::of(b"a;b\n1;2\n"), Ok(Container::Plain));
        assert_eq!(Container::of(b""), Ok(Container::Plain));
        assert_eq!(Container::of(b"\x1F\x8B\x08\x00"), Ok(Container::Gzip));
        assert_eq!(Container::of(b"\x28\xB5\x2F\xFD\x24"), Ok(Container::Zstd));
        let what = |head: &[u8]| Container::of(head).unwrap_err().0;
        assert!(what(b"PK\x03\x04\x14\x00").contains("Excel .xlsx"));
        assert!(what(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00").contains(".xls"));
        assert!(what(b"%PDF-1.7\n").contains("PDF"));
        assert!(what(b"PAR1\x15\x04").contains("Parquet"));
        assert!(what(b"BZh91AY&SY\x00").contains("bzip2"));
        // Text that merely starts like a magic number is text.
        assert_eq!(Container::of(b"BZh;Name\n"), Ok(Container::Plain));
        assert_eq!(Container::of(b"PK;Name\n"), Ok(Container::Plain));
    }

    #[test]
    fn gzip_and_zstd_exports_read_as_their_text() {
        use std::io::Write;
        let text = b"id;body\n1;Hallo\n".repeat(1000);
        let dir = tempfile::tempdir().unwrap();
        let gz = dir.path().join("export.csv.gz");
        let mut encoder =
            flate2::write::GzEncoder::new(File::create(&gz).unwrap(), Default::default());
        encoder.write_all(&text).unwrap();
        encoder.finish().unwrap();
        let zst = dir.path().join("export.csv.zst");
        std::fs::write(&zst, zstd::encode_all(&text[..], 1).unwrap()).unwrap();
        for (path, container) in [(&gz, Container::Gzip), (&zst, Container::Zstd)] {
            let (mut input, found) = open_raw(path).unwrap();
            assert_eq!(found, container);
            let mut read = Vec::new();
            input.read_to_end(&mut read).unwrap();
            assert_eq!(read, text);
            let estimate = text_bytes_estimate(path).unwrap();
            assert!(estimate > std::fs::metadata(path).unwrap().len());
        }
    }
}
