//! veil-release: Pipeline policy to DataFusion plan, Parquet release and manifest
#![deny(missing_docs)]
