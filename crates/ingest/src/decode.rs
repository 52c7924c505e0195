//! Character decoding of export fields.

use veil_pipeline::Encoding;

/// How fields of one file are decoded.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Decoder {
    /// UTF-8; invalid bytes quarantine the row.
    Utf8,
    /// A single-byte legacy encoding; every byte decodes.
    Legacy(&'static encoding_rs::Encoding),
}

impl Decoder {
    /// The decoder for a declared encoding, or the one detected from `head`
    /// (the first bytes of the file) for `Encoding::Auto`.
    pub fn choose(declared: Encoding, head: &[u8]) -> (Decoder, String) {
        match declared {
            Encoding::Utf8 => (Decoder::Utf8, "utf-8 (declared)".into()),
            Encoding::Windows1252 | Encoding::Iso88591 => (
                Decoder::Legacy(encoding_rs::WINDOWS_1252),
                "windows-1252 (declared)".into(),
            ),
            Encoding::Iso885915 => (
                Decoder::Legacy(encoding_rs::ISO_8859_15),
                "iso-8859-15 (declared)".into(),
            ),
            Encoding::Auto => match std::str::from_utf8(head) {
                Ok(_) => (Decoder::Utf8, "utf-8 (detected)".into()),
                // A multi-byte sequence cut off by the end of the sample is still UTF-8.
                Err(e) if e.error_len().is_none() => (Decoder::Utf8, "utf-8 (detected)".into()),
                Err(_) => (
                    Decoder::Legacy(encoding_rs::WINDOWS_1252),
                    "windows-1252 (detected: the file is not valid UTF-8)".into(),
                ),
            },
        }
    }

    /// Decodes one field; `Err(offset)` gives the byte offset of the first
    /// invalid UTF-8 sequence.
    pub fn decode<'a>(&self, bytes: &'a [u8]) -> Result<std::borrow::Cow<'a, str>, usize> {
        match self {
            Decoder::Utf8 => std::str::from_utf8(bytes)
                .map(std::borrow::Cow::Borrowed)
                .map_err(|e| e.valid_up_to()),
            Decoder::Legacy(encoding) => Ok(encoding.decode_without_bom_handling(bytes).0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_utf8_and_falls_back_to_windows_1252() {
        let (d, why) = Decoder::choose(Encoding::Auto, "Grüße".as_bytes());
        assert!(matches!(d, Decoder::Utf8), "{why}");
        let cut = &"Grüße".as_bytes()[..3];
        assert!(matches!(
            Decoder::choose(Encoding::Auto, cut).0,
            Decoder::Utf8
        ));
        let (d, why) = Decoder::choose(Encoding::Auto, b"Gr\xfc\xdfe");
        assert!(why.starts_with("windows-1252"));
        assert_eq!(d.decode(b"Gr\xfc\xdfe \x80").unwrap(), "Grüße €");
    }

    #[test]
    fn invalid_utf8_reports_its_offset() {
        assert_eq!(Decoder::Utf8.decode(b"ab\xffcd").unwrap_err(), 2);
    }
}
