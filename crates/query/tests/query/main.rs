//! Tests of veil-query over small hand-built releases (Parquet written
//! with arrow into temporary directories).

mod common;
mod disclosure;
mod read_only;
mod releases;
