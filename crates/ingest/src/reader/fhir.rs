//! FHIR R4 Communication resources as NDJSON (placeholder until the FHIR
//! reader lands: opening a `fhir` source is refused).

use std::path::Path;

use veil_pipeline::{CanonicalColumn, Source};

use crate::IngestError;
use crate::row::{RawRow, RowSource};

pub(crate) struct FhirRows;

impl FhirRows {
    pub fn open(path: &Path, _source: &Source) -> Result<(FhirRows, String), IngestError> {
        Err(IngestError::Unsupported {
            path: path.to_path_buf(),
            format: "fhir".into(),
        })
    }
}

impl RowSource for FhirRows {
    fn next_row(&mut self, _row: &mut RawRow) -> Result<bool, IngestError> {
        Ok(false)
    }
    fn raw(&self) -> String {
        String::new()
    }
    fn column_name(&self, _column: CanonicalColumn) -> Option<String> {
        None
    }
}
