//! veil-ingest: Portal exports to canonical Arrow record batches, with a quarantine for bad rows
#![deny(missing_docs)]
