//! veil-query: SQL sessions over de-identified releases
#![deny(missing_docs)]
