//! veil-format: The release format shared by writers and readers: table schemas, manifest, file hashes
#![deny(missing_docs)]
