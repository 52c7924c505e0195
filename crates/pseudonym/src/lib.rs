//! veil-pseudonym: keys, keyed pseudonyms and per-patient date shifts.
//!
//! Every identifier that leaves a site in a veil release is replaced by a
//! pseudonym: HMAC-SHA256 under the study key over an unambiguous encoding of
//! (domain, site, identifier), shortened to 128 bits and written in Crockford
//! base32. Without the key a pseudonym can be neither reversed nor recomputed
//! from a guessed identifier, which a plain hash would allow.
//!
//! The same key also derives each patient's date shift, so that every
//! timestamp of one patient moves by the same number of days: intervals and
//! time of day survive, calendar dates do not.
//!
//! Birth dates are generalised, never shifted: to the birth year or an age
//! band at the first message, ages of 90 and over top-coded to `90+`
//! ([`generalize_birth`]).
//!
//! This crate is pure: no Arrow, no DataFusion. It reads a key from a file or
//! the environment and nothing else.
//!
//! ```
//! use veil_pseudonym::{Domain, Key, ShiftPolicy};
//!
//! let key = Key::from_hex("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")?;
//! let a = key.pseudonym(Domain::Patient, "berlin", "P-1001");
//! let b = key.pseudonym(Domain::Message, "berlin", "P-1001");
//! assert_eq!(a.len(), 26);
//! assert_ne!(a, b, "domains keep equal raw values apart");
//!
//! let days = key.shift_days("berlin", "P-1001", &ShiftPolicy::default());
//! assert!((-365..=-1).contains(&days));
//!
//! use veil_pseudonym::{BirthPolicy, Ymd, generalize_birth};
//! let birth = Ymd::parse("14.05.1978").unwrap();
//! let first_message = Ymd::parse("2025-02-04").unwrap();
//! let g = generalize_birth(birth, first_message, BirthPolicy::AgeBand { width: 10 });
//! assert_eq!(g.age_band.as_deref(), Some("40-49"));
//! # Ok::<(), veil_pseudonym::KeyError>(())
//! ```
#![deny(missing_docs)]

mod base32;
mod generalize;
mod key;
mod pseudonym;
mod shift;

pub use generalize::{BirthPolicy, Generalized, TOP_CODED_AGE, Ymd, age_band, generalize_birth};
pub use key::{
    DEMO_KEY_FINGERPRINT, KEY_ENV, KEY_FILE_ENV, Key, KeyError, KeySource, MIN_KEY_BYTES,
    NO_KEY_HELP,
};
pub use pseudonym::{Domain, PSEUDONYM_LEN};
pub use shift::{MICROS_PER_DAY, ShiftPolicy, shift_micros};
