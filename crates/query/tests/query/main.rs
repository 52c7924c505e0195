//! Tests of veil-query over small hand-built releases (Parquet written
//! with arrow into temporary directories).

#[cfg(feature = "cluster")]
mod cluster;
mod common;
mod disclosure;
mod read_only;
mod releases;
