//! UTF-16 exports (Windows "Unicode text", some database tools) are
//! transcoded to UTF-8 while they are read, so every reader downstream sees
//! UTF-8 bytes and line numbers stay those of the file.

use std::io::Read;

use super::container::RawInput;

/// Which UTF-16 a file is in, if it is: the encoding, the length of its
/// byte-order mark, and how that was decided. `declared_utf16` is whether
/// the pipeline declared `utf-16` (then a file without a mark is read as
/// the byte pattern of its first bytes suggests, little-endian by default).
pub(crate) fn utf16_of(
    head: &[u8],
    declared_utf16: bool,
) -> Option<(&'static encoding_rs::Encoding, u64, String)> {
    let how = if declared_utf16 {
        "declared"
    } else {
        "detected"
    };
    if head.starts_with(b"\xFF\xFE") {
        return Some((
            encoding_rs::UTF_16LE,
            2,
            format!("utf-16le ({how}: byte-order mark), read as UTF-8"),
        ));
    }
    if head.starts_with(b"\xFE\xFF") {
        return Some((
            encoding_rs::UTF_16BE,
            2,
            format!("utf-16be ({how}: byte-order mark), read as UTF-8"),
        ));
    }
    // Without a mark: text in UTF-16 has a zero in every other byte for
    // Latin letters, which no 8-bit text export has.
    let sample = &head[..head.len().min(4096) & !1];
    let zeros = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let pairs = sample.len() / 2;
    let (even, odd) = (zeros(0), zeros(1));
    let mostly = |n: usize| pairs >= 2 && n * 10 >= pairs * 7;
    if mostly(odd) && even == 0 {
        Some((
            encoding_rs::UTF_16LE,
            0,
            format!("utf-16le ({how}: every other byte is zero), read as UTF-8"),
        ))
    } else if mostly(even) && odd == 0 {
        Some((
            encoding_rs::UTF_16BE,
            0,
            format!("utf-16be ({how}: every other byte is zero), read as UTF-8"),
        ))
    } else if declared_utf16 {
        Some((
            encoding_rs::UTF_16LE,
            0,
            "utf-16le (declared; no byte-order mark), read as UTF-8".into(),
        ))
    } else {
        None
    }
}

/// A file as the readers see it: its text as it is, or transcoded from
/// UTF-16.
pub(crate) enum ExportFile {
    /// Bytes as they are in the file (decompressed if it is compressed).
    Plain(RawInput),
    /// UTF-16 transcoded to UTF-8.
    Utf16(Utf16ToUtf8<RawInput>),
}

impl Read for ExportFile {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            ExportFile::Plain(file) => file.read(buf),
            ExportFile::Utf16(reader) => reader.read(buf),
        }
    }
}

/// Transcodes a UTF-16 byte stream to UTF-8. Unpaired surrogates become
/// U+FFFD (the row then holds a replacement character, as a broken UTF-16
/// file cannot be told apart from one that is cut).
pub(crate) struct Utf16ToUtf8<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    output: Vec<u8>,
    served: usize,
    finished: bool,
}

impl<R: Read> Utf16ToUtf8<R> {
    /// Reads `inner` (positioned after any byte-order mark) as `encoding`.
    pub fn new(inner: R, encoding: &'static encoding_rs::Encoding) -> Self {
        Utf16ToUtf8 {
            inner,
            decoder: encoding.new_decoder_without_bom_handling(),
            input: vec![0; 64 * 1024],
            output: Vec::with_capacity(3 * 32 * 1024 + 16),
            served: 0,
            finished: false,
        }
    }

    /// Decodes the next chunk of input into `output`.
    fn refill(&mut self) -> std::io::Result<()> {
        self.output.clear();
        self.served = 0;
        while self.output.is_empty() && !self.finished {
            let n = self.inner.read(&mut self.input)?;
            let last = n == 0;
            let needed = self.decoder.max_utf8_buffer_length(n).unwrap_or(3 * n + 16);
            self.output.resize(needed, 0);
            let (_, read, written, _) =
                self.decoder
                    .decode_to_utf8(&self.input[..n], &mut self.output, last);
            debug_assert_eq!(read, n);
            self.output.truncate(written);
            self.finished = last;
        }
        Ok(())
    }
}

impl<R: Read> Read for Utf16ToUtf8<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.served == self.output.len() {
            self.refill()?;
        }
        let n = buf.len().min(self.output.len() - self.served);
        buf[..n].copy_from_slice(&self.output[self.served..self.served + n]);
        self.served += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn marks_and_zero_patterns_are_recognised_and_8_bit_text_is_not() {
        let mut marked = b"\xFF\xFE".to_vec();
        marked.extend(utf16le("Name;Grüße"));
        assert_eq!(utf16_of(&marked, false).unwrap().1, 2);
        let bare = utf16le("NachrichtID;Text\n1;Grüße");
        let (encoding, skip, why) = utf16_of(&bare, false).unwrap();
        assert_eq!((encoding, skip), (encoding_rs::UTF_16LE, 0));
        assert!(why.contains("every other byte"), "{why}");
        let be: Vec<u8> = "Name;Text"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(utf16_of(&be, false).unwrap().0, encoding_rs::UTF_16BE);
        assert!(utf16_of("Name;Grüße\n".as_bytes(), false).is_none());
        assert!(utf16_of(b"Name;Gr\xfc\xdfe\n", false).is_none());
        assert!(utf16_of(b"", false).is_none());
    }

    #[test]
    fn transcodes_across_chunk_borders_including_split_surrogate_pairs() {
        // Long enough to cross the 64 KiB input chunks, with characters
        // outside the BMP (surrogate pairs) everywhere.
        let text: String = (0..20_000).map(|i| format!("{i};Grüße 🙂\n")).collect();
        let bytes = utf16le(&text);
        let mut reader = Utf16ToUtf8::new(&bytes[..], encoding_rs::UTF_16LE);
        let mut out = String::new();
        reader.read_to_string(&mut out).unwrap();
        assert_eq!(out, text);
    }
}
