//! End-to-end tests of the veil binary.
