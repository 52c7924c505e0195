//! veil-pipeline: The pipeline file: the study protocol, its types, loading and policy checks
#![deny(missing_docs)]
