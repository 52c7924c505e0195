//! Staff roster files: names of a site's clinicians and staff, kept by the
//! hospital apart from the export, so that names mentioned in messages but
//! absent from the export's own columns (a nurse, a secretary, a colleague)
//! are known to the scrubber and the leak scan.

use std::io::Read;
use std::path::Path;

use veil_pipeline::Encoding;

use crate::IngestError;
use crate::decode::{Charset, Decoder};
use crate::reader::{open_raw, utf16_of};

/// One name of a staff roster file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffName {
    /// The name as written in the file, decoded and trimmed.
    pub name: String,
    /// 1-based line of the file it stands on.
    pub line: u64,
}

/// Reads the names in column `column` of the delimited roster file at
/// `path` (a header row, then one person per row), decoded as `encoding`
/// (`auto` detects UTF-8 or Windows-1252). Empty cells are skipped; a row
/// that cannot be parsed or decoded stops the read with its line, because a
/// roster that is silently incomplete would let names through.
pub fn read_staff_roster(
    path: &Path,
    column: &str,
    delimiter: u8,
    encoding: Encoding,
) -> Result<Vec<StaffName>, IngestError> {
    let io = |source| IngestError::Io {
        path: path.to_path_buf(),
        source,
    };
    // Compressed as an export may be; a workbook is refused, naming it.
    let (mut input, _) = open_raw(path)?;
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes).map_err(io)?;
    if let Some((utf16, mark, _)) = utf16_of(&bytes, encoding == Encoding::Utf16)
        .filter(|_| matches!(encoding, Encoding::Auto | Encoding::Utf16))
    {
        let text = utf16.decode_without_bom_handling(&bytes[mark as usize..]).0;
        bytes = text.into_owned().into_bytes();
    }
    let (bom, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (true, rest),
        None => (false, bytes.as_slice()),
    };
    let (charset, _) = Charset::choose(encoding, &body[..body.len().min(64 * 1024)], bom);
    let decoder = Decoder {
        charset,
        replace: false,
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(body);
    let csv_error = |line: u64, message: String| IngestError::Csv {
        path: path.to_path_buf(),
        line,
        message,
    };
    let headers = reader
        .byte_headers()
        .map_err(|e| csv_error(1, e.to_string()))?
        .clone();
    if headers.is_empty() {
        return Err(IngestError::Empty {
            path: path.to_path_buf(),
        });
    }
    let names: Vec<String> = headers
        .iter()
        .map(|h| decoder.lossy(h).trim().to_string())
        .collect();
    let Some(index) = names.iter().position(|h| h == column) else {
        return Err(IngestError::MissingColumn {
            path: path.to_path_buf(),
            column: column.to_string(),
            canonical: "staff roster name",
            closest: names
                .iter()
                .find(|h| h.eq_ignore_ascii_case(column))
                .cloned(),
            delimiter: None,
            available: names,
        });
    };
    let mut staff = Vec::new();
    for record in reader.byte_records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            csv_error(line, e.to_string())
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let Some(cell) = record.get(index) else {
            continue;
        };
        let (text, _) = decoder.decode(cell).map_err(|invalid| {
            csv_error(
                line,
                format!(
                    "column `{column}`: not valid UTF-8 at byte {} of the field; declare the file's encoding",
                    invalid.offset
                ),
            )
        })?;
        let name = text.trim();
        if !name.is_empty() {
            staff.push(StaffName {
                name: name.to_string(),
                line,
            });
        }
    }
    Ok(staff)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roster(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("staff.csv");
        std::fs::write(&path, bytes).unwrap();
        (dir, path)
    }

    #[test]
    fn reads_names_with_their_lines_in_utf8_and_windows_1252() {
        let (_dir, path) = roster(
            "\u{feff}Name;Rolle\nDr. Jörg Gut;Arzt\n;Pflege\nSchwester Anke Groß;Pflege\n"
                .as_bytes(),
        );
        let names = read_staff_roster(&path, "Name", b';', Encoding::Auto).unwrap();
        assert_eq!(
            names,
            vec![
                StaffName {
                    name: "Dr. Jörg Gut".into(),
                    line: 2
                },
                StaffName {
                    name: "Schwester Anke Groß".into(),
                    line: 4
                },
            ]
        );
        let (_dir, path) = roster(b"naam\nJo\xebl de Vries\n");
        let names = read_staff_roster(&path, "naam", b',', Encoding::Auto).unwrap();
        assert_eq!(names[0].name, "Joël de Vries");
        let utf16: Vec<u8> = "\u{feff}naam\r\nJoël de Vries\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let (_dir, path) = roster(&utf16);
        let names = read_staff_roster(&path, "naam", b',', Encoding::Auto).unwrap();
        assert_eq!(names[0].name, "Joël de Vries");
    }

    #[test]
    fn a_gzip_roster_is_read_and_a_workbook_refused() {
        use std::io::Write;
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), Default::default());
        gzip.write_all(b"Name\nPfleger Jonas Kraus\n").unwrap();
        let (_dir, path) = roster(&gzip.finish().unwrap());
        let names = read_staff_roster(&path, "Name", b',', Encoding::Auto).unwrap();
        assert_eq!(names[0].name, "Pfleger Jonas Kraus");
        let (_dir, path) = roster(b"PK\x03\x04\x14\x00\x06\x00");
        let err = read_staff_roster(&path, "Name", b',', Encoding::Auto).unwrap_err();
        assert!(err.to_string().contains("Excel .xlsx"), "{err}");
    }

    #[test]
    fn a_missing_column_or_undecodable_row_names_file_and_line() {
        let (_dir, path) = roster(b"Name\nAnna\n");
        let err = read_staff_roster(&path, "name", b',', Encoding::Auto).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("staff.csv:1") && text.contains("did you mean `Name`"),
            "{text}"
        );
        let (_dir, path) = roster(b"Name\nAnna\nJo\xebl\n");
        let err = read_staff_roster(&path, "Name", b',', Encoding::Utf8).unwrap_err();
        assert!(err.to_string().contains("staff.csv:3"), "{err}");
        let (_dir, path) = roster(b"");
        assert!(matches!(
            read_staff_roster(&path, "Name", b',', Encoding::Auto),
            Err(IngestError::Empty { .. })
        ));
    }
}
