//! Character decoding of export fields, and detecting a file's encoding.
//!
//! Detection looks at the first MiB of the file (after a UTF-8 byte-order
//! mark, which settles it):
//!
//! 1. Pure ASCII, or valid UTF-8, is UTF-8. So is text with at least one
//!    valid multi-byte UTF-8 sequence and no more invalid sequences than
//!    valid ones: legacy text with umlauts practically never forms valid UTF-8
//!    sequences (`ü` is one byte followed by ASCII), so a UTF-8 export with
//!    a stray bad byte stays UTF-8 and the bad row is quarantined.
//! 2. Otherwise the file is a single-byte Latin encoding. Bytes 0x80-0x9F
//!    are printable in Windows-1252 (`€ „ “ ” – …`) but unused control codes
//!    in ISO-8859-15, so any of them means Windows-1252. Without them, 0xA4
//!    (`€` in ISO-8859-15, the rare `¤` in Windows-1252) or one of the other
//!    bytes ISO-8859-15 changed (Š š Ž ž Œ œ Ÿ) means ISO-8859-15. Otherwise
//!    Windows-1252, which agrees with ISO-8859-1 and -15 on every other
//!    letter.
//!
//! The decision and its grounds are reported as text (printed by `veil run`).
//! A file whose first MiB is plain ASCII is read as UTF-8; if later rows are
//! in a legacy encoding they are quarantined as invalid UTF-8 (nothing is
//! guessed silently), and the report suggests declaring the encoding.

use std::borrow::Cow;

use veil_pipeline::Encoding;

/// How many bytes of a file detection looks at.
pub(crate) const SAMPLE_BYTES: usize = 1 << 20;

/// The character set of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Charset {
    /// UTF-8; invalid bytes follow the source's policy.
    Utf8,
    /// A single-byte legacy encoding from encoding_rs; every byte decodes.
    Legacy(&'static encoding_rs::Encoding),
    /// ISO-8859-1: every byte is the code point of the same number.
    Latin1,
}

/// How fields of one file are decoded.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Decoder {
    pub charset: Charset,
    /// Replace invalid UTF-8 (and flag) rather than refuse it.
    pub replace: bool,
}

/// A decoding problem of one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Invalid {
    /// Byte offset of the first invalid UTF-8 sequence.
    pub offset: usize,
}

impl Charset {
    /// The charset for a declared encoding, or the one detected from `head`
    /// (the first bytes of the file, BOM removed) for `Encoding::Auto`;
    /// with a sentence on how it was decided.
    pub fn choose(declared: Encoding, head: &[u8], bom: bool) -> (Charset, String) {
        match declared {
            Encoding::Utf8 => (Charset::Utf8, "utf-8 (declared)".into()),
            Encoding::Windows1252 => (
                Charset::Legacy(encoding_rs::WINDOWS_1252),
                "windows-1252 (declared)".into(),
            ),
            Encoding::Iso88591 => (Charset::Latin1, "iso-8859-1 (declared)".into()),
            Encoding::Iso885915 => (
                Charset::Legacy(encoding_rs::ISO_8859_15),
                "iso-8859-15 (declared)".into(),
            ),
            // The readers transcode UTF-16 to UTF-8 before decoding fields.
            Encoding::Utf16 => (Charset::Utf8, "utf-16 (declared)".into()),
            Encoding::Auto if bom => (Charset::Utf8, "utf-8 (detected: byte-order mark)".into()),
            Encoding::Auto => detect(head),
        }
    }
}

/// Detection as described in the module docs.
fn detect(head: &[u8]) -> (Charset, String) {
    let (mut valid, mut invalid) = (0usize, 0usize);
    let mut rest = head;
    loop {
        match std::str::from_utf8(rest) {
            Ok(text) => {
                valid += text.bytes().filter(|b| *b >= 0xC0).count();
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                valid += rest[..good].iter().filter(|b| **b >= 0xC0).count();
                match e.error_len() {
                    // A sequence cut off by the end of the sample.
                    None => break,
                    Some(n) => {
                        invalid += 1;
                        rest = &rest[good + n..];
                    }
                }
            }
        }
    }
    if invalid == 0 {
        let why = if valid == 0 {
            "utf-8 (detected: the first MiB is ASCII; declare `encoding` if later rows use a legacy one)"
        } else {
            "utf-8 (detected: the start of the file is valid UTF-8)"
        };
        return (Charset::Utf8, why.into());
    }
    if valid >= invalid {
        return (
            Charset::Utf8,
            format!(
                "utf-8 (detected: {valid} valid multi-byte sequences, {invalid} invalid ones; their rows follow the invalid_utf8 policy)"
            ),
        );
    }
    let c1 = head.iter().filter(|b| (0x80..=0x9F).contains(*b)).count();
    if c1 > 0 {
        return (
            Charset::Legacy(encoding_rs::WINDOWS_1252),
            format!(
                "windows-1252 (detected: not UTF-8; {c1} bytes in 0x80-0x9F, printable only in windows-1252)"
            ),
        );
    }
    let latin9 = head
        .iter()
        .filter(|b| matches!(b, 0xA4 | 0xA6 | 0xA8 | 0xB4 | 0xB8 | 0xBC | 0xBD | 0xBE))
        .count();
    if latin9 > 0 {
        return (
            Charset::Legacy(encoding_rs::ISO_8859_15),
            format!(
                "iso-8859-15 (detected: not UTF-8, no bytes in 0x80-0x9F, {latin9} bytes that are € Š š Ž ž Œ œ Ÿ in iso-8859-15)"
            ),
        );
    }
    (
        Charset::Legacy(encoding_rs::WINDOWS_1252),
        "windows-1252 (detected: not UTF-8; same letters as iso-8859-1/-15 for this file)".into(),
    )
}

impl Decoder {
    /// Decodes one field. `Ok((text, replaced))`: `replaced` says invalid
    /// UTF-8 was replaced under the `replace` policy.
    pub fn decode<'a>(&self, bytes: &'a [u8]) -> Result<(Cow<'a, str>, bool), Invalid> {
        match self.charset {
            Charset::Utf8 => match simdutf8::basic::from_utf8(bytes) {
                Ok(text) => Ok((Cow::Borrowed(text), false)),
                Err(_) => self.decode_invalid(bytes),
            },
            Charset::Legacy(encoding) => Ok((encoding.decode_without_bom_handling(bytes).0, false)),
            Charset::Latin1 => Ok((
                if bytes.is_ascii() {
                    Cow::Borrowed(std::str::from_utf8(bytes).unwrap_or_default())
                } else {
                    Cow::Owned(bytes.iter().map(|b| char::from(*b)).collect())
                },
                false,
            )),
        }
    }

    /// Decodes one field onto the end of `out`, as [`Decoder::decode`]
    /// would give it but without a buffer of its own. `Ok(replaced)`.
    pub fn decode_into(&self, bytes: &[u8], out: &mut String) -> Result<bool, Invalid> {
        match self.charset {
            Charset::Utf8 => match simdutf8::basic::from_utf8(bytes) {
                Ok(text) => {
                    out.push_str(text);
                    Ok(false)
                }
                Err(_) => {
                    let (text, replaced) = self.decode_invalid(bytes)?;
                    out.push_str(&text);
                    Ok(replaced)
                }
            },
            Charset::Legacy(encoding) => {
                if bytes.is_ascii() {
                    // ASCII reads alike in every charset.
                    out.extend(bytes.iter().map(|&b| char::from(b)));
                    return Ok(false);
                }
                // Straight into `out`, as `decode_without_bom_handling`
                // decodes (a decoder without BOM handling, replacing), but
                // without a buffer of its own.
                let mut decoder = encoding.new_decoder_without_bom_handling();
                let start = out.len();
                let whole = decoder
                    .max_utf8_buffer_length(bytes.len())
                    .is_some_and(|max| {
                        out.reserve(max);
                        let (result, read, _) = decoder.decode_to_string(bytes, out, true);
                        result == encoding_rs::CoderResult::InputEmpty && read == bytes.len()
                    });
                if !whole {
                    out.truncate(start);
                    out.push_str(&encoding.decode_without_bom_handling(bytes).0);
                }
                Ok(false)
            }
            Charset::Latin1 => {
                if bytes.is_ascii() {
                    out.push_str(std::str::from_utf8(bytes).unwrap_or_default());
                } else {
                    out.extend(bytes.iter().map(|b| char::from(*b)));
                }
                Ok(false)
            }
        }
    }

    /// What [`Decoder::decode`] would say of `bytes` (`Ok(replaced)` or
    /// the invalid offset) without decoding them.
    pub fn check(&self, bytes: &[u8]) -> Result<bool, Invalid> {
        match self.charset {
            Charset::Utf8 => match simdutf8::basic::from_utf8(bytes) {
                Ok(_) => Ok(false),
                Err(_) => self.decode_invalid(bytes).map(|(_, replaced)| replaced),
            },
            // Every byte decodes.
            Charset::Legacy(_) | Charset::Latin1 => Ok(false),
        }
    }

    /// The slow path of invalid UTF-8: the offset, or the replacement.
    fn decode_invalid<'a>(&self, bytes: &'a [u8]) -> Result<(Cow<'a, str>, bool), Invalid> {
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok((Cow::Borrowed(text), false)),
            Err(_) if self.replace => Ok((String::from_utf8_lossy(bytes), true)),
            Err(e) => Err(Invalid {
                offset: e.valid_up_to(),
            }),
        }
    }

    /// Decodes for display (quarantine raw rows): never fails.
    pub fn lossy<'a>(&self, bytes: &'a [u8]) -> Cow<'a, str> {
        match self.decode(bytes) {
            Ok((text, _)) => text,
            Err(_) => String::from_utf8_lossy(bytes),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detected(head: &[u8]) -> (Charset, String) {
        Charset::choose(Encoding::Auto, head, false)
    }

    #[test]
    fn detects_utf8_even_when_cut_or_with_a_stray_byte() {
        assert_eq!(detected("Grüße".as_bytes()).0, Charset::Utf8);
        assert_eq!(detected(&"Grüße".as_bytes()[..3]).0, Charset::Utf8);
        let mut stray = "Grüße, schöne Grüße € und ".as_bytes().to_vec();
        stray.push(0xFF);
        let (charset, why) = detected(&stray);
        assert_eq!(charset, Charset::Utf8, "{why}");
        assert!(why.contains("invalid"), "{why}");
        assert!(detected(b"plain").1.contains("first MiB is ASCII"));
    }

    #[test]
    fn tells_windows_1252_from_iso_8859_15() {
        let (charset, why) = detected(b"Gr\xfc\xdfe \x80 5 \x84so\x93");
        assert_eq!(charset, Charset::Legacy(encoding_rs::WINDOWS_1252), "{why}");
        let (charset, why) = detected(b"Preis 5 \xa4, M\xfcller");
        assert_eq!(charset, Charset::Legacy(encoding_rs::ISO_8859_15), "{why}");
        let (charset, _) = detected(b"M\xfcller");
        assert_eq!(charset, Charset::Legacy(encoding_rs::WINDOWS_1252));
        let (charset, why) = Charset::choose(Encoding::Auto, b"M\xfcller", true);
        assert_eq!(charset, Charset::Utf8, "{why}");
    }

    #[test]
    fn decoding_into_a_buffer_gives_what_decode_gives() {
        let mut every_byte: Vec<u8> = (0..=255u8).collect();
        every_byte.extend_from_slice("Grüße".as_bytes());
        let samples: Vec<&[u8]> = vec![
            b"",
            b"plain ascii; text",
            b"Gr\xfc\xdfe \x80 \x84so\x93 \xa4",
            &every_byte,
            "Grüße € „so“".as_bytes(),
            b"ab\xffcd",
        ];
        for charset in [
            Charset::Utf8,
            Charset::Latin1,
            Charset::Legacy(encoding_rs::WINDOWS_1252),
            Charset::Legacy(encoding_rs::ISO_8859_15),
        ] {
            for replace in [false, true] {
                let decoder = Decoder { charset, replace };
                for bytes in &samples {
                    assert_eq!(
                        decoder.check(bytes),
                        decoder.decode(bytes).map(|(_, replaced)| replaced),
                        "{charset:?} {bytes:?}"
                    );
                    let mut out = String::from("before|");
                    let into = decoder.decode_into(bytes, &mut out);
                    match decoder.decode(bytes) {
                        Ok((text, replaced)) => {
                            assert_eq!(into, Ok(replaced), "{charset:?} {bytes:?}");
                            assert_eq!(out, format!("before|{text}"), "{charset:?}");
                        }
                        Err(invalid) => assert_eq!(into, Err(invalid), "{charset:?}"),
                    }
                }
            }
        }
    }

    #[test]
    fn decodes_each_charset() {
        let d = |charset| Decoder {
            charset,
            replace: false,
        };
        let cp1252 = d(Charset::Legacy(encoding_rs::WINDOWS_1252));
        assert_eq!(cp1252.decode(b"Gr\xfc\xdfe \x80").unwrap().0, "Grüße €");
        let latin9 = d(Charset::Legacy(encoding_rs::ISO_8859_15));
        assert_eq!(latin9.decode(b"5 \xa4").unwrap().0, "5 €");
        assert_eq!(
            d(Charset::Latin1).decode(b"5 \xa4 \xfc").unwrap().0,
            "5 ¤ ü"
        );
        assert_eq!(
            d(Charset::Utf8).decode(b"ab\xffcd").unwrap_err(),
            Invalid { offset: 2 }
        );
        let replacing = Decoder {
            charset: Charset::Utf8,
            replace: true,
        };
        assert_eq!(
            replacing.decode(b"ab\xffcd").unwrap(),
            (Cow::Borrowed("ab\u{fffd}cd"), true)
        );
    }
}
