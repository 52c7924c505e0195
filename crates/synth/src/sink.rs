//! Where generated messages go: the export CSV (in the site's delimiter and
//! encoding), gold.jsonl, and the login CSV where a profile has one.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Result, SynthError};
use crate::text::Text;

/// The character encoding of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// Windows-1252.
    Windows1252,
}

/// A CSV file in a given delimiter and encoding; every field is quoted
/// (`""` for a quote inside), records end with `\n`.
pub(crate) struct CsvOut<'w> {
    path: PathBuf,
    file: BufWriter<Box<dyn Write + 'w>>,
    encoding: Encoding,
    delimiter: char,
    row: String,
}

impl<'w> CsvOut<'w> {
    pub fn new(
        path: PathBuf,
        file: Box<dyn Write + 'w>,
        delimiter: u8,
        encoding: Encoding,
    ) -> CsvOut<'w> {
        CsvOut {
            path,
            file: BufWriter::with_capacity(1 << 20, file),
            encoding,
            delimiter: char::from(delimiter),
            row: String::with_capacity(4096),
        }
    }

    /// Writes one record; `id` names it in an encoding error.
    pub fn write(&mut self, fields: &[&str], id: &str) -> Result<()> {
        self.row.clear();
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                self.row.push(self.delimiter);
            }
            self.row.push('"');
            if field.contains('"') {
                self.row.push_str(&field.replace('"', "\"\""));
            } else {
                self.row.push_str(field);
            }
            self.row.push('"');
        }
        self.row.push('\n');
        let result = match self.encoding {
            Encoding::Utf8 => self.file.write_all(self.row.as_bytes()),
            Encoding::Windows1252 => {
                let (encoded, _, bad) = encoding_rs::WINDOWS_1252.encode(&self.row);
                if bad {
                    return Err(SynthError::Encoding {
                        message_id: id.to_string(),
                        encoding: "windows-1252",
                    });
                }
                self.file.write_all(&encoded)
            }
        };
        result.map_err(SynthError::io(&self.path))
    }

    pub fn finish(mut self) -> Result<()> {
        self.file.flush().map_err(SynthError::io(&self.path))
    }
}

/// The gold file.
pub(crate) struct GoldOut<'w> {
    path: PathBuf,
    file: BufWriter<Box<dyn Write + 'w>>,
    line: Vec<u8>,
}

/// One message's gold facts besides its text.
pub(crate) struct GoldFacts<'a> {
    pub message_id: &'a str,
    pub language: &'a str,
    pub sent_at: &'a str,
    pub patient: &'a [&'a str],
    pub clinician: &'a [&'a str],
    pub other: &'a [&'a str],
}

impl<'w> GoldOut<'w> {
    pub fn new(path: PathBuf, file: Box<dyn Write + 'w>) -> GoldOut<'w> {
        GoldOut {
            path,
            file: BufWriter::with_capacity(1 << 20, file),
            line: Vec::with_capacity(4096),
        }
    }

    pub fn write(&mut self, facts: &GoldFacts, subject: &Text, body: &Text) -> Result<()> {
        self.line.clear();
        crate::gold_write::gold_line(&mut self.line, facts, subject, body);
        self.file
            .write_all(&self.line)
            .map_err(SynthError::io(&self.path))
    }

    pub fn finish(mut self) -> Result<()> {
        self.file.flush().map_err(SynthError::io(&self.path))
    }
}

/// Creates a file for writing, naming it in the error.
pub(crate) fn create(path: &Path) -> Result<Box<dyn Write>> {
    File::create(path)
        .map(|f| Box::new(f) as Box<dyn Write>)
        .map_err(SynthError::io(path))
}
